package dev.vigil.engine;

/** How accepted events reach disk before the ingest call returns. */
public enum Durability {
  /** The write-ahead log is fsync'd before returning (default). */
  FSYNC,
  /** Written to the OS page cache; survives a process crash, not a power loss. */
  BATCH,
  /** No write-ahead log: a crash can lose recently accepted events. For benchmarks only. */
  NONE
}
