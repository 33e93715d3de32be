package dev.vigil.api.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests on {@link java.net.http.HttpClient}: reads the stream on
 * its own thread and collects the events ({@code id}, {@code event}, {@code data}) and comments.
 */
final class SseClient implements AutoCloseable {

  record SseEvent(String id, String type, String data) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  final HttpResponse<Stream<String>> response;
  final List<SseEvent> events = new CopyOnWriteArrayList<>();
  final List<String> comments = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    if (response.statusCode() == 200) {
      reader.start();
    }
  }

  static SseClient open(URI uri, String token, String lastEventId) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    return new SseClient(HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofLines()));
  }

  private void read() {
    String id = null;
    String type = null;
    StringBuilder data = new StringBuilder();
    try {
      for (Iterator<String> it = response.body().iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new SseEvent(id, type, data.toString()));
          }
          id = null;
          type = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (RuntimeException e) {
      // closed by the test or the server
    }
  }

  boolean finished() {
    return !reader.isAlive();
  }

  @Override
  public void close() {
    response.body().close();
  }
}
