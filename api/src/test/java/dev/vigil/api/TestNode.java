package dev.vigil.api;

import dev.vigil.api.config.VigilConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starts a real node in-process on a free port over a temporary data directory. */
public final class TestNode implements AutoCloseable {
  public static final String ADMIN_KEY = "it-admin-key-0123456789";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final Node node;

  private TestNode(Node node) {
    this.node = node;
  }

  /**
   * The rules directory ({@code rules.dir}) a node on {@code dataDir} gets, beside it, created if
   * missing: write rule files here before {@link #start} to have them loaded at start.
   */
  public static Path rulesDir(Path dataDir) throws IOException {
    return Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-rules"));
  }

  /** Writes rule file {@code name} into the {@link #rulesDir} of a node on {@code dataDir}, before it starts. */
  public static void writeRuleFile(Path dataDir, String name, String text) throws IOException {
    Files.writeString(rulesDir(dataDir).resolve(name), text);
  }

  /** Env for a node on {@code dataDir}, with its {@link #rulesDir}, plus {@code extra}. */
  public static Map<String, String> env(Path dataDir, Map<String, String> extra) throws IOException {
    Path rules = rulesDir(dataDir);
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_HTTP_HOST", "127.0.0.1");
    env.put("VIGIL_HTTP_PORT", "0");
    env.put("VIGIL_DATA_DIR", dataDir.toString());
    env.put("VIGIL_RULES_DIR", rules.toString());
    env.put("VIGIL_ENGINE_SHARDS", "1");
    env.put("VIGIL_ENGINE_DURABILITY", "batch");
    env.put("VIGIL_SHUTDOWN_DRAIN_TIMEOUT", "10s");
    env.putAll(extra);
    return env;
  }

  public static TestNode start(Path dataDir) throws Exception {
    return start(dataDir, Map.of("VIGIL_ADMIN_KEY", ADMIN_KEY), System.out);
  }

  public static TestNode start(Path dataDir, Map<String, String> extra, PrintStream console)
      throws Exception {
    return new TestNode(Node.start(VigilConfig.fromEnv(env(dataDir, extra)), console));
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }

  public HttpResponse<String> get(String path, String key) throws Exception {
    return send(request(path, key).GET());
  }

  public HttpResponse<String> delete(String path, String key) throws Exception {
    return send(request(path, key).DELETE());
  }

  public HttpResponse<String> post(String path, String key, String contentType, String body)
      throws Exception {
    return send(request(path, key).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> put(String path, String key, String contentType, String body) throws Exception {
    return send(request(path, key).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> postJson(String path, String key, String body) throws Exception {
    return post(path, key, "application/json", body);
  }

  /** Posts NDJSON events with the admin key, expects {@code 202}, and waits until the engine evaluated them. */
  public void ingestEvaluated(String ndjson) throws Exception {
    HttpResponse<String> res = post("/v1/events", ADMIN_KEY, "application/x-ndjson", ndjson);
    if (res.statusCode() != 202) {
      throw new AssertionError("POST /v1/events answered " + res.statusCode() + ": " + res.body());
    }
    if (!node.engine().awaitIdle(Duration.ofSeconds(30))) {
      throw new AssertionError("the engine did not go idle within 30 s");
    }
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A valid {@code transaction} event. */
  public static String transaction(String eventId) {
    return """
        {"event_id":"%s","type":"transaction","timestamp":"2025-01-01T00:00:00Z","user_id":"u1",\
        "amount":12.50,"currency":"EUR","card_id":"c1","merchant_id":"m1","country":"DE",\
        "status":"approved"}""".formatted(eventId);
  }

  @Override
  public void close() {
    node.close();
  }
}
