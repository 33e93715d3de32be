package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code Main server} as a real process: one-line logs, SIGTERM gives a clean exit 0. */
@DisabledOnOs(OS.WINDOWS)
class MainIT {
  private static final Pattern STARTED =
      Pattern.compile("msg=\"Vigil started on http://127\\.0\\.0\\.1:(\\d+) in \\d+ ms\"");

  @TempDir Path dir;

  @Test
  void server_sigterm_drainsAndExitsZero() throws Exception {
    Map<String, String> env = TestNode.env(dir.resolve("data"), Map.of("VIGIL_ADMIN_KEY", TestNode.ADMIN_KEY));
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=logback.xml",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server"));
    pb.environment().putAll(env);
    Process p = pb.start();
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          log.add(line);
          Matcher m = STARTED.matcher(line);
          if (m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
        port.completeExceptionally(new AssertionError("process ended before starting: " + log));
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
    });
    reader.start();
    try {
      int bound = port.get(60, TimeUnit.SECONDS);
      HttpResponse<String> ready = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bound + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);

      // SIGTERM; Process.destroy() would also close our end of stderr and lose the last lines.
      assertThat(p.toHandle().destroy()).isTrue();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      reader.join(10_000);
      assertThat(log).anyMatch(l -> l.contains("msg=\"Vigil stopped\""));
      assertThat(log).anyMatch(l -> l.contains("msg=\"effective configuration\"")
          && l.contains("auth.admin_key=<redacted>") && !l.contains(TestNode.ADMIN_KEY));
      assertThat(log).allMatch(l -> l.startsWith("ts="), "every stderr line is a logfmt event");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void server_badConfig_exitsTwoWithOneLine() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "server"));
    pb.environment().put("VIGIL_ENGINE_DURABILITY", "maybe");
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err.strip()).isEqualTo(
        "vigil: invalid value for engine.durability (from environment variable "
            + "VIGIL_ENGINE_DURABILITY): 'maybe' is not one of fsync, batch, none");
  }
}
