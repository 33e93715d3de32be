package dev.vigil.samples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Vigil node as a separate process ({@code dev.vigil.api.Main server} on this test's class
 * path), for crash tests: {@link #kill()} is {@code kill -9}, {@link #terminate()} SIGTERM.
 */
final class ServerProcess {
  private static final Pattern STARTED =
      Pattern.compile("msg=\"Vigil started on http://127\\.0\\.0\\.1:(\\d+) in \\d+ ms\"");

  private final Process process;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final Thread reader;

  private ServerProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "server-log");
    reader.setDaemon(true);
    reader.start();
  }

  static ServerProcess start(Map<String, String> env) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "dev.vigil.api.Main", "server"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return new ServerProcess(pb.start());
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        log.add(line);
        Matcher m = STARTED.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
      port.completeExceptionally(new AssertionError("server ended before it was ready: " + tail()));
    } catch (Exception e) {
      port.completeExceptionally(e);
    }
  }

  /** Waits until the node is ready (recovery done) and returns its HTTP port. */
  int awaitReady() throws Exception {
    return port.get(300, TimeUnit.SECONDS); // generous: a loaded CI machine starts slowly
  }

  /** SIGKILL: no shutdown hook, no flush. */
  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM; returns the exit code. */
  int terminate() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("no exit within 60 s of SIGTERM: " + tail());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  List<String> log() {
    return List.copyOf(log);
  }

  String tail() {
    List<String> l = log();
    return String.join("\n", l.subList(Math.max(0, l.size() - 30), l.size()));
  }
}
