package dev.vigil.api.config;

import dev.vigil.api.ApiLimits;
import dev.vigil.api.alerts.AlertStreamSettings;
import dev.vigil.api.delivery.AddressGuard;
import dev.vigil.api.sinks.SinkSettings;
import dev.vigil.api.delivery.WebhookSettings;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.engine.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/*
 * Builds a VigilConfig in three layers: ConfigKey defaults, then the YAML file, then VIGIL_*
 * environment variables. Every value keeps the name of its origin so that an error can say
 * "invalid value for http.port (from environment variable VIGIL_HTTP_PORT): ...".
 */
final class ConfigLoader {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private record Raw(String value, String origin) {}

  private final Map<String, String> env;
  private final Map<ConfigKey, Raw> raw = new EnumMap<>(ConfigKey.class);

  ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  VigilConfig load(Path file) {
    for (ConfigKey k : ConfigKey.values()) {
      raw.put(k, new Raw(k.defaultValue(), "default"));
    }
    if (file != null) {
      readYaml(file);
    }
    for (ConfigKey k : ConfigKey.values()) {
      String v = env.get(k.envVar());
      if (v != null) {
        raw.put(k, new Raw(v, "environment variable " + k.envVar()));
      }
    }
    return build();
  }

  private void readYaml(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new ConfigException("cannot parse config file " + file + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e, e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return; // an empty file means all defaults
    }
    if (!root.isObject()) {
      throw new ConfigException("config file " + file + " must be a YAML mapping of sections");
    }
    flatten(root, "", file);
  }

  private void flatten(JsonNode node, String prefix, Path file) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode value = e.getValue();
      Optional<ConfigKey> known = ConfigKey.byKey(key);
      if (value.isObject() && known.isEmpty() && isSection(key)) {
        flatten(value, key + ".", file);
      } else if (known.isEmpty()) {
        throw new ConfigException("unknown configuration key '" + key + "' in " + file
            + "; see docs/configuration.md for the keys");
      } else if (value.isContainerNode()) {
        throw new ConfigException("invalid value for " + key + " (from " + file
            + "): expected a single value, found a " + (value.isArray() ? "list" : "mapping"));
      } else {
        raw.put(known.get(), new Raw(value.isNull() ? "" : value.asText(), file.toString()));
      }
    }
  }

  private static boolean isSection(String prefix) {
    for (ConfigKey k : ConfigKey.values()) {
      if (k.key().startsWith(prefix + ".")) {
        return true;
      }
    }
    return false;
  }

  private VigilConfig build() {
    var http = new VigilConfig.Http(
        get(ConfigKey.HTTP_HOST, ConfigLoader::nonBlank),
        get(ConfigKey.HTTP_PORT, s -> range(Values.integer(s), 0, 65535)));
    var data = new VigilConfig.Data(get(ConfigKey.DATA_DIR, s -> Path.of(nonBlank(s))),
        get(ConfigKey.DATA_MAX_DISK_BYTES, s -> range(Values.size(s), 0, Long.MAX_VALUE)));
    var rules = new VigilConfig.Rules(get(ConfigKey.RULES_DIR,
        s -> s.isBlank() ? Optional.<Path>empty() : Optional.of(Path.of(s.trim()))));
    var engine = new VigilConfig.EngineSettings(
        get(ConfigKey.ENGINE_SHARDS, ConfigLoader::shards),
        get(ConfigKey.ENGINE_QUEUE_CAPACITY, s -> range(Values.integer(s), 1, Integer.MAX_VALUE)),
        get(ConfigKey.ENGINE_DEDUP_HORIZON, ConfigLoader::positive),
        get(ConfigKey.ENGINE_DURABILITY, ConfigLoader::durability),
        get(ConfigKey.ENGINE_ALLOWED_LATENESS, ConfigLoader::nonNegative),
        get(ConfigKey.ENGINE_IDLE_TIMEOUT, ConfigLoader::nonNegative),
        get(ConfigKey.ENGINE_RECOVERY_HORIZON, ConfigLoader::nonNegative),
        get(ConfigKey.ENGINE_HEAP_LIMIT, ConfigLoader::fraction));
    var lateEvents = new VigilConfig.LateEvents(
        get(ConfigKey.LATE_EVENTS_MAX_ENTRIES, ConfigLoader::positiveInt),
        get(ConfigKey.LATE_EVENTS_RETENTION, ConfigLoader::positive));
    var limits = new ApiLimits(
        get(ConfigKey.LIMITS_MAX_BODY_BYTES, s -> positive(Values.size(s))),
        get(ConfigKey.LIMITS_MAX_BATCH_EVENTS, ConfigLoader::positiveInt),
        get(ConfigKey.LIMITS_MAX_EVENT_BYTES, s -> (int) range(Values.size(s), 1, Integer.MAX_VALUE)),
        get(ConfigKey.LIMITS_MAX_DEPTH, ConfigLoader::positiveInt),
        get(ConfigKey.LIMITS_MAX_STRING_LENGTH, ConfigLoader::positiveInt),
        get(ConfigKey.LIMITS_MAX_NUMBER_LENGTH, ConfigLoader::positiveInt),
        get(ConfigKey.LIMITS_MAX_FUTURE_SKEW, ConfigLoader::positive),
        get(ConfigKey.LIMITS_MAX_EVENT_ID_LENGTH, ConfigLoader::positiveInt),
        get(ConfigKey.LIMITS_MAX_PENDING_REQUESTS, ConfigLoader::positiveInt));
    var auth = new VigilConfig.Auth(get(ConfigKey.AUTH_ADMIN_KEY, ConfigLoader::adminKey));
    var shutdown = new VigilConfig.Shutdown(
        get(ConfigKey.SHUTDOWN_DRAIN_TIMEOUT, ConfigLoader::positive));
    var d = WebhookSettings.defaults();
    var webhooks = new WebhookSettings(
        get(ConfigKey.WEBHOOKS_ALLOWLIST, ConfigLoader::allowlist),
        get(ConfigKey.WEBHOOKS_TIMEOUT, ConfigLoader::positive),
        get(ConfigKey.WEBHOOKS_MAX_ATTEMPTS, s -> range(Values.integer(s), 1, 100)),
        get(ConfigKey.WEBHOOKS_INITIAL_DELAY, ConfigLoader::positive),
        get(ConfigKey.WEBHOOKS_MAX_DELAY, ConfigLoader::positive),
        get(ConfigKey.WEBHOOKS_MAX_IN_FLIGHT, s -> range(Values.integer(s), 1, 1000)),
        get(ConfigKey.WEBHOOKS_DISABLE_AFTER, ConfigLoader::positive),
        d.rescanInterval(), d.rotationOverlap(), d.maxQueued(),
        get(ConfigKey.WEBHOOKS_TRUST_PEM, ConfigLoader::readableFileOrNull));
    var alertStream = new AlertStreamSettings(
        get(ConfigKey.ALERTS_STREAM_HEARTBEAT, ConfigLoader::positive),
        get(ConfigKey.ALERTS_STREAM_BUFFER_BYTES, s -> (int) range(Values.size(s), 1024, Integer.MAX_VALUE)),
        get(ConfigKey.ALERTS_STREAM_STALL_TIMEOUT, ConfigLoader::positive),
        get(ConfigKey.ALERTS_STREAM_MAX_CLIENTS, s -> range(Values.integer(s), 1, 100_000)));
    var sinks = new SinkSettings(
        get(ConfigKey.SINKS_LOG_ENABLED, ConfigLoader::bool),
        get(ConfigKey.SINKS_FILE_PATH, s -> s.isBlank() ? null : Path.of(s.trim())),
        get(ConfigKey.SINKS_FILE_FSYNC, ConfigLoader::fileSync),
        get(ConfigKey.SINKS_FILE_MAX_BYTES, s -> range(Values.size(s), 1024, Long.MAX_VALUE)),
        get(ConfigKey.SINKS_FILE_MAX_FILES, s -> range(Values.integer(s), 0, 10_000)));
    var stats = new VigilConfig.Stats(
        get(ConfigKey.STATS_ENABLED, ConfigLoader::bool),
        get(ConfigKey.STATS_BACKUP_COUNT, s -> range(Values.integer(s), 1, 6)),
        get(ConfigKey.STATS_CACHE_ENTRIES, s -> range(Values.integer(s), 0, 100_000_000)),
        get(ConfigKey.STATS_ENTITY_KEYS, ConfigLoader::fieldNames),
        get(ConfigKey.STATS_DIMENSIONS, ConfigLoader::dimensions));
    var cluster = new VigilConfig.Cluster(
        get(ConfigKey.CLUSTER_NAME, ConfigLoader::nonBlank),
        get(ConfigKey.CLUSTER_HOST, ConfigLoader::nonBlank),
        get(ConfigKey.CLUSTER_PORT, s -> range(Values.integer(s), 1, 65535)),
        get(ConfigKey.CLUSTER_MEMBERS, ConfigLoader::members));
    return new VigilConfig(http, data, rules, engine, lateEvents, limits, auth, shutdown, webhooks,
        stats, cluster, alertStream, sinks);
  }

  private static Path readableFileOrNull(String s) {
    if (s.isBlank()) {
      return null;
    }
    Path p = Path.of(s.trim());
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new IllegalArgumentException("'" + s.trim() + "' is not a readable file");
    }
    return p;
  }

  private static SinkSettings.FileSync fileSync(String s) {
    try {
      return SinkSettings.FileSync.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not one of batch, none");
    }
  }

  private static boolean bool(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
    };
  }

  /** A comma-separated list of field names ({@code [a-z][a-z0-9_]*}); empty for none. */
  private static java.util.Set<String> fieldNames(String s) {
    return new java.util.LinkedHashSet<>(
        commaList(s, "[a-z][a-z0-9_]{0,63}", "is not a field name (lower case letters, digits and _)"));
  }

  /** {@code none}, or a comma-separated list of the dimensions statistics know. */
  private static java.util.Set<String> dimensions(String s) {
    if (s.trim().equals("none")) {
      return java.util.Set.of();
    }
    java.util.Set<String> out = fieldNames(s);
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty: list dimensions, or write none");
    }
    return dev.vigil.rules.StatisticsScope.EVERYTHING.withDimensions(out).dimensions(); // checks each name
  }

  private static List<String> members(String s) {
    return commaList(s, "[A-Za-z0-9.\\-\\[\\]:]+", "is not host or host:port");
  }

  /** The non-blank items of a comma-separated list, trimmed, each matching {@code pattern}. */
  private static List<String> commaList(String s, String pattern, String notMatching) {
    List<String> out = new java.util.ArrayList<>();
    for (String item : s.split(",")) {
      String t = item.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (!t.matches(pattern)) {
        throw new IllegalArgumentException("'" + t + "' " + notMatching);
      }
      out.add(t);
    }
    return out;
  }

  /** Checks every entry now, so a typo stops the start instead of refusing webhooks later. */
  private static java.util.List<String> allowlist(String s) {
    java.util.List<String> entries = WebhookSettings.parseAllowlist(s);
    new AddressGuard(entries);
    return entries;
  }

  private <T> T get(ConfigKey key, Function<String, T> parser) {
    Raw r = raw.get(key);
    try {
      return parser.apply(r.value());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "invalid value for " + key.key() + " (from " + r.origin() + "): " + e.getMessage());
    }
  }

  private static String nonBlank(String s) {
    if (s.isBlank()) {
      throw new IllegalArgumentException("must not be empty");
    }
    return s.trim();
  }

  private static long range(long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(v + " is out of range [" + min + ", " + max + "]");
    }
    return v;
  }

  private static int range(int v, int min, int max) {
    return (int) range((long) v, min, max);
  }

  private static int positiveInt(String s) {
    return range(Values.integer(s), 1, Integer.MAX_VALUE);
  }

  private static long positive(long v) {
    return range(v, 1, Long.MAX_VALUE);
  }

  private static Duration positive(String s) {
    Duration d = Values.duration(s);
    if (d.isZero()) {
      throw new IllegalArgumentException("must be longer than zero");
    }
    return d;
  }

  private static Duration nonNegative(String s) {
    Duration d = Values.duration(s);
    if (d.isNegative()) {
      throw new IllegalArgumentException("must not be negative");
    }
    return d;
  }

  private static double fraction(String s) {
    double d;
    try {
      d = Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a number between 0 and 1, e.g. 0.85");
    }
    if (!(d >= 0 && d <= 1)) {
      throw new IllegalArgumentException("must be between 0 and 1 (0 turns the limit off)");
    }
    return d;
  }

  private static int shards(String s) {
    if (s.trim().equalsIgnoreCase("auto")) {
      return Runtime.getRuntime().availableProcessors();
    }
    return range(Values.integer(s), 1, 1024);
  }

  private static Durability durability(String s) {
    try {
      return Durability.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + s + "' is not one of fsync, batch, none");
    }
  }

  /** Never puts the value in a message: it is a secret. */
  private static Optional<String> adminKey(String s) {
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.length() < 16) {
      throw new IllegalArgumentException("too short (" + s.length()
          + " characters); use at least 16 random characters (value not shown)");
    }
    if (!s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "must be printable ASCII without spaces, as it is sent in an HTTP header (value not shown)");
    }
    return Optional.of(s);
  }
}
