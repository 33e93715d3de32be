package dev.vigil.engine.internal.esper;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompiler;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each Vigil event type as a compiled Esper map schema, one compiled module per type so a type
 * declared at runtime can be deployed into live runtimes on its own. Events are sent as maps with
 * the envelope ({@code event_id}, {@code type}, {@code timestamp}), the declared fields and an
 * {@code attributes} map. Thread-safe: types are added from API threads and read by shards.
 */
final class SchemaCatalog {

  /** One compiled schema. */
  record Schema(String typeName, EPCompiled compiled) {}

  private final EPCompiler compiler;
  private final Configuration config;
  private volatile Map<String, Schema> schemas = Map.of();
  private final Map<String, EventType> types = new LinkedHashMap<>();

  SchemaCatalog(EPCompiler compiler, Configuration config) {
    this.compiler = compiler;
    this.config = config;
  }

  /**
   * Compiles and adds a type; a type already present is left as is.
   *
   * @throws IllegalArgumentException when Esper cannot declare it, e.g. the name is an EPL
   *     keyword such as {@code order}
   */
  synchronized void add(EventType type) {
    if (schemas.containsKey(type.name())) {
      return;
    }
    EPCompiled compiled;
    try {
      compiled = compiler.compile(epl(type), new CompilerArguments(config));
    } catch (EPCompileException e) {
      throw new IllegalArgumentException("event type " + type.name() + " cannot be declared to Esper: " + e.getMessage(), e);
    }
    Map<String, Schema> next = new LinkedHashMap<>(schemas);
    next.put(type.name(), new Schema(type.name(), compiled));
    types.put(type.name(), type);
    schemas = next;
  }

  /** Every schema, in the order added. */
  List<Schema> all() {
    return new ArrayList<>(schemas.values());
  }

  List<EPCompiled> compiled() {
    return schemas.values().stream().map(Schema::compiled).toList();
  }

  synchronized EventType type(String name) {
    return types.get(name);
  }

  /** The EPL that declares {@code type}; field names are escaped since
   * users pick them (Esper does not accept an escaped schema name; see {@link #add}). */
  static String epl(EventType type) {
    StringBuilder sb = new StringBuilder(statsEpl(type));
    sb.append("@public @buseventtype create map schema ");
    sb.append(type.name()).append(" (`event_id` string, `type` string, `timestamp` java.lang.Long");
    for (FieldSpec f : type.fields()) {
      sb.append(", `").append(f.name()).append("` ").append(f.type().javaType().getName());
    }
    sb.append(", `attributes` java.util.Map");
    sb.append(", `stats` ").append(StatsProperties.schemaName(type));
    sb.append(")");
    return sb.toString();
  }

  /** The nested {@code stats} type of {@code type} (see {@link StatsProperties}), ending in ';'. */
  private static String statsEpl(EventType type) {
    StringBuilder sb = new StringBuilder("@public create map schema ");
    sb.append(StatsProperties.schemaName(type)).append(" (");
    String sep = "";
    for (Map.Entry<String, Class<?>> e : StatsProperties.schema(type).entrySet()) {
      sb.append(sep).append('`').append(e.getKey()).append("` ").append(e.getValue().getName());
      sep = ", ";
    }
    return sb.append(");\n").toString();
  }
}
