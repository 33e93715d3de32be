package dev.vigil.api.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key Vigil understands, with its default and its environment variable. The
 * YAML file nests keys by their dots ({@code http.port} is {@code port:} under {@code http:}); the
 * environment variable is {@code VIGIL_} plus the key in upper snake case, except where noted
 * ({@code auth.admin_key} is {@code VIGIL_ADMIN_KEY}, {@code webhooks.allowlist} is {@code
 * VIGIL_WEBHOOK_ALLOWLIST}). {@code docs/configuration.md} documents
 * each of them; a test keeps the two in step.
 */
public enum ConfigKey {
  HTTP_HOST("http.host", "0.0.0.0", "Interface the HTTP server binds to."),
  HTTP_PORT("http.port", "8080", "TCP port of the HTTP server (0 = any free port)."),
  DATA_DIR("data.dir", "./data", "Directory of the durable store and the generated admin key."),
  DATA_MAX_DISK_BYTES("data.max_disk_bytes", "0",
      "Disk budget of the store; at it ingest answers 507 until space is freed (0 = no limit)."),
  RULES_DIR("rules.dir", "", "Directory of *.epl rule files; empty = the bundled sample rules."),
  ENGINE_SHARDS("engine.shards", "auto", "Engine worker threads; auto = number of CPU cores."),
  ENGINE_QUEUE_CAPACITY("engine.queue_capacity", "100000",
      "Most events admitted but not yet processed; beyond it ingest answers 429/503."),
  ENGINE_DEDUP_HORIZON("engine.dedup_horizon", "24h",
      "How long an event_id is remembered for idempotency."),
  ENGINE_DURABILITY("engine.durability", "fsync",
      "How accepted events reach disk: fsync, batch or none."),
  ENGINE_ALLOWED_LATENESS("engine.allowed_lateness", "5s",
      "Default bounded out-of-orderness of event time (event types may set their own)."),
  ENGINE_RECOVERY_HORIZON("engine.recovery_horizon", "24h",
      "Event time replayed before the checkpoint at start to rebuild rule state; the journal keeps it."),
  ENGINE_HEAP_LIMIT("engine.heap_limit", "0.85",
      "Fraction of the maximum heap the old generation may fill before ingest answers 429; 0 = off."),
  ENGINE_IDLE_TIMEOUT("engine.idle_timeout", "10s",
      "After this much processing time without events a shard's watermark advances with the clock."),
  LATE_EVENTS_MAX_ENTRIES("late_events.max_entries", "100000", "Most entries kept in the late-events log."),
  LATE_EVENTS_RETENTION("late_events.retention", "7d", "How long late-events log entries are kept."),
  LIMITS_MAX_BODY_BYTES("limits.max_body_bytes", "10MiB", "Largest request body (413 beyond)."),
  LIMITS_MAX_BATCH_EVENTS("limits.max_batch_events", "10000", "Most events in one request."),
  LIMITS_MAX_EVENT_BYTES("limits.max_event_bytes", "64KiB", "Largest single event."),
  LIMITS_MAX_DEPTH("limits.max_depth", "32", "Deepest JSON nesting in a request."),
  LIMITS_MAX_STRING_LENGTH("limits.max_string_length", "65536",
      "Longest JSON string value or key, in characters."),
  LIMITS_MAX_NUMBER_LENGTH("limits.max_number_length", "100", "Most characters in a JSON number."),
  LIMITS_MAX_FUTURE_SKEW("limits.max_future_skew", "5m",
      "How far in the future an event timestamp may lie."),
  LIMITS_MAX_EVENT_ID_LENGTH("limits.max_event_id_length", "256", "Longest event_id, in characters."),
  LIMITS_MAX_PENDING_REQUESTS("limits.max_pending_requests", "128",
      "Most ingest (and, separately, decision) requests waiting for or on a worker; beyond, 429 at once."),
  AUTH_ADMIN_KEY("auth.admin_key", "", "Bootstrap admin API key (secret, at least 16 characters)."),
  SHUTDOWN_DRAIN_TIMEOUT("shutdown.drain_timeout", "30s",
      "Longest wait for in-flight requests on shutdown."),
  WEBHOOKS_ALLOWLIST("webhooks.allowlist", "",
      "Comma-separated hosts and CIDRs webhooks may reach despite the SSRF guard (and over http)."),
  WEBHOOKS_TIMEOUT("webhooks.timeout", "15s", "Webhook connect timeout and longest wait for the answer."),
  WEBHOOKS_MAX_ATTEMPTS("webhooks.max_attempts", "12", "Attempts before a delivery is dead-lettered."),
  WEBHOOKS_INITIAL_DELAY("webhooks.initial_delay", "5m", "Backoff cap before the second attempt; doubles."),
  WEBHOOKS_MAX_DELAY("webhooks.max_delay", "8h", "Longest wait between attempts (caps Retry-After)."),
  WEBHOOKS_MAX_IN_FLIGHT("webhooks.max_in_flight", "4", "Requests in flight per subscription."),
  WEBHOOKS_DISABLE_AFTER("webhooks.disable_after", "3d",
      "A subscription failing without success this long is disabled."),
  WEBHOOKS_TRUST_PEM("webhooks.trust_pem", "",
      "PEM file of the CA certificates receivers' TLS certificates must chain to; empty = the JVM's default CAs."),
  ALERTS_STREAM_HEARTBEAT("alerts.stream.heartbeat", "15s",
      "Interval of the comment lines that keep an idle GET /v1/alerts/stream connection open."),
  ALERTS_STREAM_BUFFER_BYTES("alerts.stream.buffer_bytes", "1MiB", "Unsent bytes held per live-tail client."),
  ALERTS_STREAM_STALL_TIMEOUT("alerts.stream.stall_timeout", "30s",
      "A live-tail client whose buffer stays full this long is disconnected."),
  ALERTS_STREAM_MAX_CLIENTS("alerts.stream.max_clients", "100", "Most concurrent live-tail connections."),
  SINKS_LOG_ENABLED("sinks.log.enabled", "false", "Log one logfmt line per new alert (logger dev.vigil.alerts)."),
  SINKS_FILE_PATH("sinks.file.path", "", "NDJSON file sink: one line per alert appended to this file; empty = off."),
  SINKS_FILE_FSYNC("sinks.file.fsync", "batch", "When the file sink forces writes to disk: batch or none."),
  SINKS_FILE_MAX_BYTES("sinks.file.max_bytes", "64MiB", "The file sink rotates its file before it grows past this."),
  SINKS_FILE_MAX_FILES("sinks.file.max_files", "10", "Rotated file-sink files kept besides the current one."),
  STATS_ENABLED("stats.enabled", "true",
      "Keep per-entity rolling statistics (an embedded Hazelcast member) for rules and the API."),
  STATS_BACKUP_COUNT("stats.backup_count", "1", "Synchronous backups of each entity's statistics (1-6)."),
  STATS_CACHE_ENTRIES("stats.cache_entries", "100000",
      "Single node: entities the shards keep as live objects (0: every fold goes to the member)."),
  STATS_ENTITY_KEYS("stats.entity_keys", "",
      "Comma-separated entity key fields whose statistics are kept (e.g. user_id,card_id); empty = every key field."),
  STATS_DIMENSIONS("stats.dimensions", "country,device_id,card_id,merchant_id",
      "Comma-separated dimensions whose distinct values are kept per entity; none = no distinct values."),
  CLUSTER_NAME("cluster.name", "vigil", "Statistics cluster name; members join only a cluster of the same name."),
  CLUSTER_HOST("cluster.host", "127.0.0.1", "Address the statistics member binds to and announces."),
  CLUSTER_PORT("cluster.port", "5701", "Statistics member port (single node: the next free one from here)."),
  CLUSTER_MEMBERS("cluster.members", "",
      "Comma-separated host:port of the statistics members; empty = a single-node cluster.");

  private final String key;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The dotted key, e.g. {@code http.port}. */
  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The environment variable that overrides this key, e.g. {@code VIGIL_HTTP_PORT}. */
  public String envVar() {
    if (this == AUTH_ADMIN_KEY) {
      return "VIGIL_ADMIN_KEY";
    }
    if (this == WEBHOOKS_ALLOWLIST) {
      return "VIGIL_WEBHOOK_ALLOWLIST";
    }
    return "VIGIL_" + key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
  }

  /** Whether the value is a secret that must never be logged. */
  public boolean secret() {
    return this == AUTH_ADMIN_KEY;
  }

  public static Optional<ConfigKey> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
