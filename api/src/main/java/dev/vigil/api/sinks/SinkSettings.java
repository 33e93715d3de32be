package dev.vigil.api.sinks;

import java.nio.file.Path;

/**
 * Which alert sinks besides the store and webhooks run. Config keys {@code sinks.*}.
 *
 * @param log write one logfmt line per new alert (logger {@code dev.vigil.alerts})
 * @param file the NDJSON file sink's file, or {@code null} when it is off
 * @param fsync when the file sink forces its writes to disk
 * @param maxBytes the file is rotated before it would grow past this size
 * @param maxFiles rotated files kept besides the current one
 */
public record SinkSettings(boolean log, Path file, FileSync fsync, long maxBytes, int maxFiles) {

  /** When the NDJSON file sink calls {@code fsync}. */
  public enum FileSync {
    /** After every batch of alerts written (a batch is what the store had since the last one). */
    BATCH,
    /** Never: the operating system writes back when it likes (a crash may lose recent lines). */
    NONE
  }

  public SinkSettings {
    if (maxBytes < 1024 || maxFiles < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 1 KiB and maxFiles >= 0");
    }
  }

  /** No extra sinks. */
  public static SinkSettings none() {
    return new SinkSettings(false, null, FileSync.BATCH, 64L << 20, 10);
  }
}
