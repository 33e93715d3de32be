package dev.vigil.api.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.LogLines;
import dev.vigil.api.alerts.AlertFeed;
import dev.vigil.engine.Alert;
import dev.vigil.engine.Event;
import dev.vigil.engine.testing.EngineTestDriver;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log and NDJSON file sinks fed from a real engine and store: each alert id once in the files,
 * across rotation, a lagging position, a torn last line and an engine restart on the same data.
 */
class AlertSinksIT {

  private static final long T0 = 1_704_067_000_000L;
  private static final String RULE = "@Name('big') @Tag(name='by', value='user_id')\n"
      + "select user_id, event_id from transaction where amount > 1000";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static void send(EngineTestDriver driver, int from, int n) {
    Event[] events = new Event[n];
    for (int i = 0; i < n; i++) {
      int k = from + i;
      events[i] = new Event("e" + k, "transaction", T0 + k,
          Map.of("user_id", "u" + k, "amount", new BigDecimal("5000"), "currency", "EUR"), Map.of());
    }
    driver.send(events);
  }

  private SinkSettings fileSettings(long maxBytes, int maxFiles) {
    return new SinkSettings(false, dir.resolve("out/alerts.ndjson"), SinkSettings.FileSync.BATCH, maxBytes, maxFiles);
  }

  /** Alert ids in the current and rotated files, oldest file first. */
  private List<String> idsInFiles(NdjsonFileSink sink) throws Exception {
    List<Path> files = new ArrayList<>(sink.rotatedFiles());
    files.add(dir.resolve("out/alerts.ndjson"));
    List<String> ids = new ArrayList<>();
    for (Path f : files) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        ids.add(JSON.readTree(line).path("alert_id").asText());
      }
    }
    return ids;
  }

  private static List<String> storedIds(EngineTestDriver driver) {
    return driver.alerts().stream().map(Alert::alertId).toList();
  }

  private static void awaitCaughtUp(EngineTestDriver driver, SinkRunner runner) {
    await().atMost(Duration.ofSeconds(20))
        .until(() -> driver.engine().alerts().lastCursor().equals(runner.position()));
  }

  @Test
  void fileSink_rotatesAndResumes_eachAlertIdOnceInStoreOrder() throws Exception {
    SinkSettings settings = fileSettings(2048, 100);
    try (EngineTestDriver driver = EngineTestDriver.start(dir.resolve("data"), RULE)) {
      AlertFeed feed = new AlertFeed(driver.engine().alerts());
      send(driver, 0, 1); // before the sink existed: not written (a new sink starts at the next alert)
      NdjsonFileSink sink = new NdjsonFileSink(settings);
      SinkRunner runner = SinkRunner.start(sink, feed);
      send(driver, 1, 10);
      awaitCaughtUp(driver, runner);
      runner.close();

      // The position lags the file (as after a crash between the two) and the last line is torn.
      Path cursor = dir.resolve("out/alerts.ndjson.cursor");
      Files.writeString(cursor, driver.engine().alerts().after(null, 2).get(1).cursor());
      Files.writeString(dir.resolve("out/alerts.ndjson"), "{\"alert_id\":\"tor", StandardOpenOption.APPEND);
      NdjsonFileSink again = new NdjsonFileSink(settings);
      SinkRunner second = SinkRunner.start(again, feed);
      send(driver, 11, 5);
      awaitCaughtUp(driver, second);
      second.close();

      assertThat(again.rotatedFiles()).isNotEmpty();
      List<String> stored = storedIds(driver);
      assertThat(idsInFiles(again)).doesNotHaveDuplicates().containsExactlyElementsOf(stored.subList(1, stored.size()));
    }
  }

  @Test
  void fileSink_engineRestartReplaysJournal_noLineTwice_maxFilesKept() throws Exception {
    SinkSettings settings = fileSettings(1024, 1);
    Path data = dir.resolve("data");
    NdjsonFileSink sink;
    try (EngineTestDriver driver = EngineTestDriver.start(data, RULE)) {
      sink = new NdjsonFileSink(settings);
      SinkRunner runner = SinkRunner.start(sink, new AlertFeed(driver.engine().alerts()));
      send(driver, 0, 6);
      awaitCaughtUp(driver, runner);
      runner.close();
    }
    try (EngineTestDriver driver = EngineTestDriver.start(data, RULE)) {
      NdjsonFileSink after = new NdjsonFileSink(settings);
      SinkRunner runner = SinkRunner.start(after, new AlertFeed(driver.engine().alerts()));
      send(driver, 0, 6); // the same events again: duplicates, no new alerts
      send(driver, 6, 3);
      awaitCaughtUp(driver, runner);
      runner.close();

      assertThat(after.rotatedFiles()).hasSize(1);
      List<String> inFiles = idsInFiles(after);
      assertThat(inFiles).doesNotHaveDuplicates();
      List<String> stored = storedIds(driver);
      assertThat(stored).hasSize(9).endsWith(inFiles.toArray(String[]::new));
    }
  }

  @Test
  void logSink_oneLogfmtEventPerNewAlert_withItsFields() throws Exception {
    try (LogLines log = LogLines.of(LogSink.LOGGER);
        EngineTestDriver driver = EngineTestDriver.start(dir.resolve("data"), RULE)) {
      List<ILoggingEvent> lines = log.events();
      SinkRunner runner = SinkRunner.start(new LogSink(), new AlertFeed(driver.engine().alerts()));
      send(driver, 0, 3);
      send(driver, 0, 3); // repeats store nothing and log nothing
      awaitCaughtUp(driver, runner);
      runner.close();

      assertThat(lines).hasSize(3).allSatisfy(e -> assertThat(e.getMessage()).isEqualTo("alert"));
      ILoggingEvent first = lines.get(0);
      assertThat(first.getKeyValuePairs()).extracting(kv -> kv.key)
          .contains("alert_id", "rule", "severity", "entity_type", "entity_key", "match_time", "event_ids");
      assertThat(lines).extracting(e -> String.valueOf(e.getKeyValuePairs().get(0).value))
          .containsExactlyElementsOf(storedIds(driver));
    }
  }
}
