package dev.vigil.api.sinks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.alerts.AlertView;
import dev.vigil.engine.Alert;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The NDJSON file sink: appends one line per alert (the alert as in {@code GET /v1/alerts}) to a
 * file, each alert id once. Where it stopped is kept in {@code <file>.cursor} (the store cursor of
 * the last alert written, replaced atomically after each batch, after the lines are forced to disk
 * under {@code fsync: batch}). At start it cuts a torn last line, reads the ids of the current and
 * the newest rotated file, and resumes after its cursor: an alert re-read because the cursor lags
 * the file (a crash between the two) or re-stored by a journal replay is recognised by its id and
 * not written again. Before a line would grow the file past {@code maxBytes} the file is renamed to
 * {@code <file>.<UTC time>} and the oldest rotated files beyond {@code maxFiles} are deleted.
 */
public final class NdjsonFileSink implements FollowingSink {

  /** Ids remembered for deduplication: far more than a replay or a lagging cursor re-reads. */
  static final int REMEMBERED_IDS = 200_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ROTATED =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path file;
  private final Path cursorFile;
  private final SinkSettings settings;
  private final RecentIds seen = new RecentIds(REMEMBERED_IDS);
  private FileChannel channel;
  private long size;

  public NdjsonFileSink(SinkSettings settings) throws IOException {
    this.settings = settings;
    this.file = settings.file().toAbsolutePath();
    this.cursorFile = file.resolveSibling(file.getFileName() + ".cursor");
    Files.createDirectories(file.getParent());
    cutTornLine();
    List<Path> rotated = rotatedFiles();
    if (!rotated.isEmpty()) {
      rememberIds(rotated.get(rotated.size() - 1));
    }
    rememberIds(file);
    open();
  }

  @Override
  public boolean accept(Alert alert) {
    if (seen.contains(alert.alertId())) {
      return false;
    }
    byte[] line = line(alert);
    try {
      if (size > 0 && size + line.length > settings.maxBytes()) {
        rotate();
      }
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      size += line.length;
      seen.add(alert.alertId()); // only once written: a failed write is retried
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  @Override
  public Optional<String> resumeAfter() {
    try {
      return Files.exists(cursorFile)
          ? Optional.of(Files.readString(cursorFile, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty())
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cursorFile, e);
    }
  }

  @Override
  public void batchDone(String cursor) {
    try {
      if (settings.fsync() == SinkSettings.FileSync.BATCH) {
        channel.force(false);
      }
      Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
      Files.writeString(tmp, cursor, StandardCharsets.UTF_8);
      Files.move(tmp, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the file sink's position in " + cursorFile, e);
    }
  }

  @Override
  public String name() {
    return "file";
  }

  /** The rotated files, oldest first. */
  List<Path> rotatedFiles() throws IOException {
    String prefix = file.getFileName() + ".";
    try (Stream<Path> all = Files.list(file.getParent())) {
      return all.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(prefix) && n.length() == prefix.length() + 20 && n.endsWith("Z");
      }).sorted().toList();
    }
  }

  private static byte[] line(Alert alert) {
    try {
      return (JSON.writeValueAsString(AlertView.of(alert)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void open() throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    size = channel.size();
  }

  private void rotate() throws IOException {
    channel.force(false);
    channel.close();
    Path target = file.resolveSibling(file.getFileName() + "." + ROTATED.format(Instant.now()));
    while (Files.exists(target)) { // two rotations within a millisecond
      target = file.resolveSibling(file.getFileName() + "." + ROTATED.format(Instant.now().plusMillis(1)));
    }
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    List<Path> rotated = rotatedFiles();
    for (int i = 0; i < rotated.size() - settings.maxFiles(); i++) {
      Files.deleteIfExists(rotated.get(i));
    }
    open();
  }

  /** A crash mid-line leaves a line without its newline: cut it (that alert is written again). */
  private void cutTornLine() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      ByteBuffer one = ByteBuffer.allocate(1);
      long keep = end;
      while (keep > 0) {
        one.clear();
        ch.read(one, keep - 1);
        if (one.get(0) == '\n') {
          break;
        }
        keep--;
      }
      if (keep < end) {
        ch.truncate(keep);
        ch.force(true);
      }
    }
  }

  private void rememberIds(Path f) throws IOException {
    if (!Files.exists(f)) {
      return;
    }
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          seen.add(JSON.readTree(line).path("alert_id").asText());
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
