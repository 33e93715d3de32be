package dev.vigil.api.config;

import dev.vigil.api.ApiLimits;
import dev.vigil.api.alerts.AlertStreamSettings;
import dev.vigil.api.delivery.WebhookSettings;
import dev.vigil.api.sinks.SinkSettings;
import dev.vigil.engine.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A node's effective configuration: defaults, overridden by the YAML file, overridden by {@code
 * VIGIL_*} environment variables. See {@link ConfigKey} for the keys and {@code
 * docs/configuration.md} for their meaning.
 *
 * <pre>{@code
 * VigilConfig config = VigilConfig.load(Path.of("vigil.yaml"), System.getenv());
 * config.http().port();          // 8080 unless overridden
 * }</pre>
 */
public record VigilConfig(
    Http http,
    Data data,
    Rules rules,
    EngineSettings engine,
    LateEvents lateEvents,
    ApiLimits limits,
    Auth auth,
    Shutdown shutdown,
    WebhookSettings webhooks,
    Stats stats,
    Cluster cluster,
    AlertStreamSettings alertStream,
    SinkSettings sinks) {

  /** The HTTP listener. */
  public record Http(String host, int port) {}

  /** Where durable state lives. */
  public record Data(Path dir, long maxDiskBytes) {}

  /** Where the operator's rule files come from; empty = the bundled sample rules. */
  public record Rules(Optional<Path> dir) {}

  /** Engine sizing and durability. */
  public record EngineSettings(
      int shards, int queueCapacity, Duration dedupHorizon, Durability durability,
      Duration allowedLateness, Duration idleTimeout, Duration recoveryHorizon, double heapLimit) {}

  /** The bounded log of late events. */
  public record LateEvents(int maxEntries, Duration retention) {}

  /** Authentication. {@code adminKey} is a secret: {@link #toString()} never shows it. */
  public record Auth(Optional<String> adminKey) {
    @Override
    public String toString() {
      return "Auth[adminKey=" + (adminKey.isPresent() ? "<redacted>" : "<unset>") + "]";
    }
  }

  /** Graceful shutdown. */
  public record Shutdown(Duration drainTimeout) {}

  /** Per-entity statistics. */
  /**
   * @param entityKeys the key fields whose statistics are kept; empty: every key field
   * @param dimensions the dimensions whose distinct values are kept (empty: none)
   */
  public record Stats(boolean enabled, int backupCount, int cacheEntries, java.util.Set<String> entityKeys,
      java.util.Set<String> dimensions) {
    public Stats {
      entityKeys = java.util.Set.copyOf(entityKeys);
      dimensions = java.util.Set.copyOf(dimensions);
    }
  }

  /** The statistics cluster (embedded Hazelcast members); empty {@code members} = one node. */
  public record Cluster(String name, String host, int port, java.util.List<String> members) {
    public Cluster {
      members = java.util.List.copyOf(members);
    }
  }

  /**
   * Loads the configuration.
   *
   * @param file the YAML file, or {@code null} for defaults and environment only
   * @param env the environment, usually {@link System#getenv()}
   * @throws ConfigException naming the offending key and the reason
   */
  public static VigilConfig load(Path file, Map<String, String> env) {
    return new ConfigLoader(env).load(file);
  }

  /**
   * Which config file to read: {@code --config} if given, else {@code VIGIL_CONFIG}, else {@code
   * vigil.yaml} in {@code workingDir} if it exists, else none ({@code null}).
   *
   * @throws ConfigException when an explicitly named file does not exist
   */
  public static Path locate(String cliPath, Map<String, String> env, Path workingDir) {
    if (cliPath != null) {
      return existing(Path.of(cliPath), "--config");
    }
    String fromEnv = env.get("VIGIL_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return existing(Path.of(fromEnv), "VIGIL_CONFIG");
    }
    Path implicit = workingDir.resolve("vigil.yaml");
    return Files.isRegularFile(implicit) ? implicit : null;
  }

  private static Path existing(Path file, String origin) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " (from " + origin + ") does not exist");
    }
    return file;
  }

  /** Defaults overridden by {@code env} only. */
  public static VigilConfig fromEnv(Map<String, String> env) {
    return load(null, env);
  }

  /** The effective values by key, in {@link ConfigKey} order, with secrets redacted. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ConfigKey.HTTP_HOST.key(), http.host());
    m.put(ConfigKey.HTTP_PORT.key(), Integer.toString(http.port()));
    m.put(ConfigKey.DATA_DIR.key(), data.dir().toString());
    m.put(ConfigKey.DATA_MAX_DISK_BYTES.key(), Long.toString(data.maxDiskBytes()));
    m.put(ConfigKey.RULES_DIR.key(), rules.dir().map(Path::toString).orElse("<bundled samples>"));
    m.put(ConfigKey.ENGINE_SHARDS.key(), Integer.toString(engine.shards()));
    m.put(ConfigKey.ENGINE_QUEUE_CAPACITY.key(), Integer.toString(engine.queueCapacity()));
    m.put(ConfigKey.ENGINE_DEDUP_HORIZON.key(), Values.format(engine.dedupHorizon()));
    m.put(ConfigKey.ENGINE_DURABILITY.key(), engine.durability().name().toLowerCase());
    m.put(ConfigKey.ENGINE_ALLOWED_LATENESS.key(), Values.format(engine.allowedLateness()));
    m.put(ConfigKey.ENGINE_RECOVERY_HORIZON.key(), Values.format(engine.recoveryHorizon()));
    m.put(ConfigKey.ENGINE_HEAP_LIMIT.key(), Double.toString(engine.heapLimit()));
    m.put(ConfigKey.ENGINE_IDLE_TIMEOUT.key(), Values.format(engine.idleTimeout()));
    m.put(ConfigKey.LATE_EVENTS_MAX_ENTRIES.key(), Integer.toString(lateEvents.maxEntries()));
    m.put(ConfigKey.LATE_EVENTS_RETENTION.key(), Values.format(lateEvents.retention()));
    m.put(ConfigKey.LIMITS_MAX_BODY_BYTES.key(), Long.toString(limits.maxBodyBytes()));
    m.put(ConfigKey.LIMITS_MAX_BATCH_EVENTS.key(), Integer.toString(limits.maxBatchEvents()));
    m.put(ConfigKey.LIMITS_MAX_EVENT_BYTES.key(), Integer.toString(limits.maxEventBytes()));
    m.put(ConfigKey.LIMITS_MAX_DEPTH.key(), Integer.toString(limits.maxDepth()));
    m.put(ConfigKey.LIMITS_MAX_STRING_LENGTH.key(), Integer.toString(limits.maxStringLength()));
    m.put(ConfigKey.LIMITS_MAX_NUMBER_LENGTH.key(), Integer.toString(limits.maxNumberLength()));
    m.put(ConfigKey.LIMITS_MAX_FUTURE_SKEW.key(), Values.format(limits.maxFutureSkew()));
    m.put(ConfigKey.LIMITS_MAX_EVENT_ID_LENGTH.key(), Integer.toString(limits.maxEventIdLength()));
    m.put(ConfigKey.LIMITS_MAX_PENDING_REQUESTS.key(), Integer.toString(limits.maxPendingRequests()));
    m.put(ConfigKey.AUTH_ADMIN_KEY.key(), auth.adminKey().isPresent() ? "<redacted>" : "<unset>");
    m.put(ConfigKey.SHUTDOWN_DRAIN_TIMEOUT.key(), Values.format(shutdown.drainTimeout()));
    m.put(ConfigKey.WEBHOOKS_ALLOWLIST.key(), String.join(",", webhooks.allowlist()));
    m.put(ConfigKey.WEBHOOKS_TIMEOUT.key(), Values.format(webhooks.timeout()));
    m.put(ConfigKey.WEBHOOKS_MAX_ATTEMPTS.key(), Integer.toString(webhooks.maxAttempts()));
    m.put(ConfigKey.WEBHOOKS_INITIAL_DELAY.key(), Values.format(webhooks.initialDelay()));
    m.put(ConfigKey.WEBHOOKS_MAX_DELAY.key(), Values.format(webhooks.maxDelay()));
    m.put(ConfigKey.WEBHOOKS_MAX_IN_FLIGHT.key(), Integer.toString(webhooks.maxInFlight()));
    m.put(ConfigKey.WEBHOOKS_DISABLE_AFTER.key(), Values.format(webhooks.disableAfter()));
    m.put(ConfigKey.WEBHOOKS_TRUST_PEM.key(), webhooks.trustPem() == null ? "" : webhooks.trustPem().toString());
    m.put(ConfigKey.ALERTS_STREAM_HEARTBEAT.key(), Values.format(alertStream.heartbeat()));
    m.put(ConfigKey.ALERTS_STREAM_BUFFER_BYTES.key(), Integer.toString(alertStream.bufferBytes()));
    m.put(ConfigKey.ALERTS_STREAM_STALL_TIMEOUT.key(), Values.format(alertStream.stallTimeout()));
    m.put(ConfigKey.ALERTS_STREAM_MAX_CLIENTS.key(), Integer.toString(alertStream.maxClients()));
    m.put(ConfigKey.SINKS_LOG_ENABLED.key(), Boolean.toString(sinks.log()));
    m.put(ConfigKey.SINKS_FILE_PATH.key(), sinks.file() == null ? "" : sinks.file().toString());
    m.put(ConfigKey.SINKS_FILE_FSYNC.key(), sinks.fsync().name().toLowerCase(java.util.Locale.ROOT));
    m.put(ConfigKey.SINKS_FILE_MAX_BYTES.key(), Long.toString(sinks.maxBytes()));
    m.put(ConfigKey.SINKS_FILE_MAX_FILES.key(), Integer.toString(sinks.maxFiles()));
    m.put(ConfigKey.STATS_ENABLED.key(), Boolean.toString(stats.enabled()));
    m.put(ConfigKey.STATS_BACKUP_COUNT.key(), Integer.toString(stats.backupCount()));
    m.put(ConfigKey.STATS_CACHE_ENTRIES.key(), Integer.toString(stats.cacheEntries()));
    m.put(ConfigKey.STATS_ENTITY_KEYS.key(), String.join(",", new java.util.TreeSet<>(stats.entityKeys())));
    m.put(ConfigKey.STATS_DIMENSIONS.key(), stats.dimensions().isEmpty() ? "none"
        : String.join(",", dev.vigil.rules.schema.KeptStatistics.DIMENSIONS.stream()
            .filter(stats.dimensions()::contains).toList()));
    m.put(ConfigKey.CLUSTER_NAME.key(), cluster.name());
    m.put(ConfigKey.CLUSTER_HOST.key(), cluster.host());
    m.put(ConfigKey.CLUSTER_PORT.key(), Integer.toString(cluster.port()));
    m.put(ConfigKey.CLUSTER_MEMBERS.key(), String.join(",", cluster.members()));
    return m;
  }

  /** One log-friendly line: {@code http.host=0.0.0.0 http.port=8080 ...}, secrets redacted. */
  public String describeLine() {
    StringBuilder sb = new StringBuilder();
    describe().forEach((k, v) -> {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(k).append('=').append(v.isEmpty() || v.contains(" ") ? '"' + v + '"' : v);
    });
    return sb.toString();
  }

  /** A copy listening on {@code port} (0 = any free port), for tests. */
  public VigilConfig withPort(int port) {
    return new VigilConfig(new Http(http.host(), port), data, rules, engine, lateEvents, limits, auth, shutdown, webhooks,
        stats, cluster, alertStream, sinks);
  }

  @Override
  public String toString() {
    return "VigilConfig[" + describeLine() + "]";
  }
}
