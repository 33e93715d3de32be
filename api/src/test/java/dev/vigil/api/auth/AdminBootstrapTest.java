package dev.vigil.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ApiKeyRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminBootstrapTest {
  @TempDir Path dataDir;
  private final MemoryKeyStore store = new MemoryKeyStore();
  private final KeyRegistry keys = new KeyRegistry(store);
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private Optional<String> ensure(Optional<String> configured) throws IOException {
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    return AdminBootstrap.ensure(keys, configured, dataDir, out, () -> 5L);
  }

  @Test
  void ensure_configuredKey_storesItsHashUnderBootstrapId() throws IOException {
    String key = "operator-chosen-admin-key";
    assertThat(ensure(Optional.of(key))).contains(key);
    ApiKeyRecord r = store.rows.get(KeyRegistry.BOOTSTRAP_ID);
    assertThat(r.secretHash()).isEqualTo(KeyToken.hash(key));
    assertThat(r.scopes()).containsExactly(Scopes.ADMIN);
    assertThat(keys.authenticate(key)).isPresent();
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(dataDir.resolve(AdminBootstrap.KEY_FILE)).doesNotExist();
  }

  @Test
  void ensure_configuredKeyChanged_oldStopsWorking() throws IOException {
    ensure(Optional.of("first-admin-key-value"));
    ensure(Optional.of("second-admin-key-value"));
    assertThat(keys.authenticate("first-admin-key-value")).isEmpty();
    assertThat(keys.authenticate("second-admin-key-value")).isPresent();
  }

  @Test
  void ensure_noKeyFirstStart_generatesPrintsOnceAndWritesOwnerOnlyFile() throws IOException {
    String key = ensure(Optional.empty()).orElseThrow();
    assertThat(key).startsWith("vgl_");
    assertThat(keys.authenticate(key)).hasValueSatisfying(r -> assertThat(r.scopes()).contains("admin"));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains(key);
    Path file = dataDir.resolve(AdminBootstrap.KEY_FILE);
    assertThat(Files.readString(file).trim()).isEqualTo(key);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

    console.reset();
    assertThat(ensure(Optional.empty())).isEmpty(); // second start: an admin key exists
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(keys.authenticate(key)).isPresent();
  }

  @Test
  void ensure_configuredKeyRemoved_revokesItAndGeneratesANewOne() throws IOException {
    ensure(Optional.of("operator-chosen-admin-key"));
    String generated = ensure(Optional.empty()).orElseThrow();
    assertThat(keys.authenticate("operator-chosen-admin-key")).isEmpty();
    assertThat(keys.authenticate(generated)).isPresent();
  }
}
