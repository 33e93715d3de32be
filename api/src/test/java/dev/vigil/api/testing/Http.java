package dev.vigil.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON-over-HTTP client for API tests, on {@link java.net.http.HttpClient}. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final String token;

  public Http(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  public Http withToken(String other) {
    return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), other);
  }

  /** A response with its body parsed as JSON when it is JSON. */
  public record Response(int status, HttpResponse<String> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    /** The problem's type slug, e.g. {@code malformed-json}. */
    public String problemType() {
      String type = json.path("type").asText();
      return type.substring(type.lastIndexOf('/') + 1);
    }
  }

  public Response post(String path, String contentType, byte[] body) {
    HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  public Response postJson(String path, String body) {
    return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  public Response put(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public Response get(String path) {
    return send(request(path).GET().build());
  }

  public Response send(String method, String path) {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String ct = r.headers().firstValue("Content-Type").orElse("");
      JsonNode json = ct.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null;
      return new Response(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
