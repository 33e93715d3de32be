package dev.vigil.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.TestNode;
import dev.vigil.engine.ApiKeyRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = TestNode.ADMIN_KEY;

  @TempDir static Path dir;
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static String createKey(String name, String scopesJson) throws Exception {
    HttpResponse<String> r = node.postJson("/v1/keys", ADMIN,
        "{\"name\":\"" + name + "\",\"scopes\":" + scopesJson + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("key").asText();
  }

  @Test
  void noKey_is401WithBearerChallengeAndProblem() throws Exception {
    HttpResponse<String> r = node.get("/v1/alerts", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer realm=\"vigil\""));
    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(json(r).get("status").asInt()).isEqualTo(401);
    assertThat(json(r).get("type").asText()).endsWith("/missing-credentials");
  }

  @Test
  void wrongKey_is401() throws Exception {
    for (String wrong : new String[] {"vgl_aaaaaaaaaaaa_notARealSecret", "just-some-long-string", ADMIN + "x"}) {
      HttpResponse<String> r = node.get("/v1/keys", wrong);
      assertThat(r.statusCode()).as(wrong).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(json(r).get("type").asText()).endsWith("/invalid-key");
    }
  }

  @Test
  void keyWithoutScope_is403NamingTheScope() throws Exception {
    String reader = createKey("reader", "[\"alerts:read\"]");
    HttpResponse<String> r = node.get("/v1/keys", reader);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).get("required_scope").asText()).isEqualTo("admin");
    assertThat(json(r).get("detail").asText()).contains("admin");

    HttpResponse<String> e = node.postJson("/v1/events", reader, TestNode.transaction("e-403"));
    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(json(e).get("required_scope").asText()).isEqualTo("events:write");
  }

  @Test
  void eventsWriterKey_canIngestButNotManageKeys() throws Exception {
    HttpResponse<String> created = node.postJson("/v1/keys", ADMIN,
        "{\"name\":\"checkout\",\"scopes\":[\"events:write\"]}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = json(created);
    assertThat(body.get("id").asText()).hasSize(12);
    assertThat(body.get("name").asText()).isEqualTo("checkout");
    assertThat(body.get("scopes")).hasSize(1);
    assertThat(body.get("created_at").asText()).endsWith("Z");
    String key = body.get("key").asText();
    assertThat(key).startsWith("vgl_" + body.get("id").asText() + "_");

    HttpResponse<String> ingest = node.postJson("/v1/events", key, TestNode.transaction("e-writer-1"));
    assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(202);
    assertThat(json(ingest).get("accepted").asInt()).as(ingest.body()).isEqualTo(1);
    assertThat(node.get("/v1/keys", key).statusCode()).isEqualTo(403);
  }

  @Test
  void listKeys_showsNoSecrets() throws Exception {
    String key = createKey("listed", "[\"rules:read\"]");
    HttpResponse<String> r = node.get("/v1/keys", ADMIN);
    assertThat(r.statusCode()).isEqualTo(200);
    String secret = KeyToken.parse(key).orElseThrow().secret();
    assertThat(r.body()).doesNotContain(secret).doesNotContain("secret").contains("\"listed\"");
  }

  @Test
  void revokedKey_is401_andUnknownRevoke_is404() throws Exception {
    String key = createKey("short-lived", "[\"alerts:read\"]");
    String id = KeyToken.parse(key).orElseThrow().id();
    assertThat(node.get("/v1/alerts", key).statusCode()).isEqualTo(200); // now cached
    assertThat(node.delete("/v1/keys/" + id, ADMIN).statusCode()).isEqualTo(204);
    HttpResponse<String> after = node.get("/v1/alerts", key);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(json(after).get("type").asText()).endsWith("/invalid-key");

    HttpResponse<String> unknown = node.delete("/v1/keys/nosuchkey000", ADMIN);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void createKey_invalidScopes_is400NamingTheIndex() throws Exception {
    HttpResponse<String> r = node.postJson("/v1/keys", ADMIN,
        "{\"name\":\"x\",\"scopes\":[\"events:write\",\"events:delete\"]}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode err = json(r).get("errors").get(0);
    assertThat(err.get("field").asText()).isEqualTo("scopes[1]");
    assertThat(err.get("reason").asText()).contains("events:delete");

    HttpResponse<String> missing = node.postJson("/v1/keys", ADMIN, "{\"scopes\":[]}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("\"name\"").contains("\"scopes\"");

    assertThat(node.post("/v1/keys", ADMIN, "text/plain", "{}").statusCode()).isEqualTo(415);
    assertThat(node.postJson("/v1/keys", ADMIN, "{\"name\":").statusCode()).isEqualTo(400);
  }

  @Test
  void storedKeys_holdOnlySha256OfTheSecret() throws Exception {
    String key = createKey("hashed", "[\"events:write\"]");
    KeyToken token = KeyToken.parse(key).orElseThrow();
    ApiKeyRecord stored = node.node.engine().apiKeys().get(token.id()).orElseThrow();
    assertThat(stored.secretHash()).isEqualTo(KeyToken.hash(token.secret())).hasSize(64);
    assertThat(stored.toString()).doesNotContain(token.secret());
    ApiKeyRecord bootstrap = node.node.engine().apiKeys().get(KeyRegistry.BOOTSTRAP_ID).orElseThrow();
    assertThat(bootstrap.secretHash()).isEqualTo(KeyToken.hash(ADMIN));
  }

  @Test
  void generatedAdminKey_printedOnceOwnerOnlyFileAndSurvivesRestart(@TempDir Path fresh)
      throws Exception {
    Path data = fresh.resolve("data");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    String key;
    try (TestNode n = TestNode.start(data, Map.of(), new PrintStream(console, true, StandardCharsets.UTF_8))) {
      key = n.node.adminKey().orElseThrow();
      assertThat(console.toString(StandardCharsets.UTF_8)).contains(key);
      Path file = data.resolve(AdminBootstrap.KEY_FILE);
      assertThat(Files.readString(file).trim()).isEqualTo(key);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(n.get("/v1/keys", key).statusCode()).isEqualTo(200);
    }
    console.reset();
    try (TestNode n = TestNode.start(data, Map.of(), new PrintStream(console, true, StandardCharsets.UTF_8))) {
      assertThat(n.node.adminKey()).isEmpty();
      assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(key).isEmpty();
      assertThat(n.get("/v1/keys", key).statusCode()).isEqualTo(200);
    }
  }
}
