package dev.vigil.api.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * Renders each log event as one logfmt line:
 *
 * <pre>
 * ts=2025-01-01T12:00:00.123Z level=INFO logger=dev.vigil.api.Main thread=main msg="Vigil started" port=8080
 * </pre>
 *
 * The MDC ({@code request_id}) and the SLF4J key-value pairs follow the message. An exception
 * becomes {@code error="Type: message"}, its causes {@code cause="..."} and at most {@value
 * #MAX_FRAMES} frames {@code stack="a.B.c(B.java:1) < ..."}, all on the same line, so that log
 * shippers never split a stack trace into many events.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {
  static final int MAX_FRAMES = 12;

  @Override
  public String doLayout(ILoggingEvent e) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("ts=").append(Instant.ofEpochMilli(e.getTimeStamp()));
    sb.append(" level=").append(e.getLevel());
    sb.append(" logger=").append(e.getLoggerName());
    pair(sb, "thread", e.getThreadName());
    pair(sb, "msg", e.getFormattedMessage());
    java.util.List<KeyValuePair> kvs = e.getKeyValuePairs();
    Map<String, String> mdc = e.getMDCPropertyMap();
    if (mdc != null) {
      mdc.forEach((k, v) -> {
        if (kvs == null || kvs.stream().noneMatch(kv -> kv.key.equals(k))) {
          pair(sb, k, v);
        }
      });
    }
    if (kvs != null) {
      for (KeyValuePair kv : kvs) {
        pair(sb, kv.key, String.valueOf(kv.value));
      }
    }
    if (e.getThrowableProxy() != null) {
      throwable(sb, e.getThrowableProxy());
    }
    return sb.append(CoreConstants.LINE_SEPARATOR).toString();
  }

  private static void throwable(StringBuilder sb, IThrowableProxy t) {
    pair(sb, "error", describe(t));
    StringBuilder causes = new StringBuilder();
    for (IThrowableProxy c = t.getCause(); c != null && c != t; c = c.getCause()) {
      causes.append(causes.length() == 0 ? "" : " < ").append(describe(c));
    }
    if (causes.length() > 0) {
      pair(sb, "cause", causes.toString());
    }
    StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
    if (frames != null && frames.length > 0) {
      StringBuilder stack = new StringBuilder();
      for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
        stack.append(i == 0 ? "" : " < ").append(frames[i].getStackTraceElement());
      }
      if (frames.length > MAX_FRAMES) {
        stack.append(" < ...").append(frames.length - MAX_FRAMES).append(" more");
      }
      pair(sb, "stack", stack.toString());
    }
  }

  private static String describe(IThrowableProxy t) {
    return t.getMessage() == null ? t.getClassName() : t.getClassName() + ": " + t.getMessage();
  }

  /** Appends {@code key=value}, quoting and escaping the value when needed. */
  static void pair(StringBuilder sb, String key, String value) {
    sb.append(' ').append(key).append('=');
    String v = value == null ? "" : value;
    boolean quote = v.isEmpty();
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f;
    }
    if (!quote) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < ' ') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
