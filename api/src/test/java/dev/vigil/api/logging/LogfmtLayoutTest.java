package dev.vigil.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class LogfmtLayoutTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("dev.vigil.Test");
  private final LogfmtLayout layout = new LogfmtLayout();

  private LoggingEvent event(String msg, Throwable t) {
    return event(msg, t, Map.of());
  }

  private LoggingEvent event(String msg, Throwable t, Map<String, String> mdc) {
    LoggingEvent e = new LoggingEvent("fqcn", logger, Level.WARN, msg, t, null);
    e.setThreadName("worker 1");
    e.setTimeStamp(0);
    e.setMDCPropertyMap(mdc);
    return e;
  }

  @Test
  void doLayout_plainEvent_isOneLogfmtLine() {
    LoggingEvent e = event("Vigil started", null, Map.of("request_id", "r1"));
    e.setKeyValuePairs(List.of(new KeyValuePair("port", 8080)));
    assertThat(layout.doLayout(e)).isEqualTo("ts=1970-01-01T00:00:00Z level=WARN logger=dev.vigil.Test"
        + " thread=\"worker 1\" msg=\"Vigil started\" request_id=r1 port=8080" + System.lineSeparator());
  }

  @Test
  void doLayout_exceptionAndNewlines_stayOnOneLine() {
    Exception cause = new IOException("disk\nfull");
    String line = layout.doLayout(event("write \"failed\"\nretrying", new IllegalStateException("boom", cause)));
    assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r");
    assertThat(line).contains("msg=\"write \\\"failed\\\"\\nretrying\"")
        .contains("error=\"java.lang.IllegalStateException: boom\"")
        .contains("cause=\"java.io.IOException: disk\\nfull\"")
        .contains("stack=\"dev.vigil.api.logging.LogfmtLayoutTest");
  }
}
