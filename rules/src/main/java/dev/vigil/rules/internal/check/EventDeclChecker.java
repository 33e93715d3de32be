package dev.vigil.rules.internal.check;

import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.SourceSpan;
import dev.vigil.rules.ast.EventDecl;
import dev.vigil.rules.internal.Reporter;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code event name (field: type [key] [required], ...)} declarations into {@link
 * EventType}s. Field types are {@code string}, {@code number} (an exact decimal), {@code
 * integer}, {@code boolean} and {@code timestamp}. A declaration may repeat a type the engine
 * already knows only if it is identical, so a file can be re-deployed.
 */
final class EventDeclChecker {

  private static final Map<String, FieldType> TYPES = Map.of(
      "string", FieldType.STRING, "number", FieldType.DECIMAL, "decimal", FieldType.DECIMAL,
      "integer", FieldType.INTEGER, "boolean", FieldType.BOOLEAN, "timestamp", FieldType.TIMESTAMP);

  private final Map<String, EventType> known;
  private final Reporter reporter;

  EventDeclChecker(Map<String, EventType> known, Reporter reporter) {
    this.known = known;
    this.reporter = reporter;
  }

  private final java.util.Set<String> broken = new java.util.HashSet<>();

  /** Names of declarations that failed: rules using them are not reported again. */
  java.util.Set<String> broken() {
    return broken;
  }

  Map<String, EventType> check(List<EventDecl> decls) {
    Map<String, EventType> declared = new LinkedHashMap<>();
    Map<String, EventDecl> seen = new LinkedHashMap<>();
    for (EventDecl d : decls) {
      String name = d.name().name();
      EventDecl first = seen.putIfAbsent(name, d);
      if (first != null) {
        reporter.report(Diagnostic.error(DiagnosticCode.DUPLICATE_NAME, d.name().span(),
            "event type '" + name + "' is declared twice").withNote(first.name().span(), "first declared here"));
        continue;
      }
      if (EngineReservedWords.TYPE_NAMES.contains(name)) {
        error(d.name().span(), "'" + name + "' is a reserved word of the event engine and cannot name an event type",
            "choose another name, e.g. " + name + "_event");
        broken.add(name);
        continue;
      }
      EventType type = toType(d);
      if (type == null) {
        broken.add(name);
        continue;
      }
      EventType existing = known.get(name);
      if (existing != null && (existing.builtIn() || !existing.equals(type))) {
        error(d.name().span(), existing.builtIn()
            ? "event type '" + name + "' is built in and cannot be redeclared"
            : "event type '" + name + "' already exists with different fields", null);
        broken.add(name);
        continue;
      }
      declared.put(name, type);
    }
    return declared;
  }

  private EventType toType(EventDecl d) {
    List<FieldSpec> fields = new ArrayList<>();
    boolean ok = true;
    for (EventDecl.FieldDecl f : d.fields()) {
      FieldType t = TYPES.get(f.type().name());
      if (t == null) {
        String near = Names.nearest(f.type().name(), TYPES.keySet());
        error(f.type().span(), "unknown field type '" + f.type().name() + "'",
            near != null ? "did you mean '" + near + "'?" : "one of string, number, integer, boolean, timestamp");
        ok = false;
        continue;
      }
      FieldSpec spec = FieldSpec.of(f.name().name(), t);
      spec = new FieldSpec(spec.name(), t, f.required(), f.key(), spec.format(), null, null);
      fields.add(spec);
    }
    EventType type = EventType.custom(d.name().name(), fields);
    for (Map.Entry<String, String> problem : type.declarationProblems()) {
      error(spanOf(d, problem.getKey()), problemText(d, problem), null);
      ok = false;
    }
    return ok ? type : null;
  }

  private static String problemText(EventDecl d, Map.Entry<String, String> problem) {
    String where = problem.getKey().equals("name") ? "event type '" + d.name().name() + "'"
        : problem.getKey().startsWith("fields.") ? "field '" + problem.getKey().substring(7) + "'" : "event type";
    return where + ": " + problem.getValue();
  }

  private static SourceSpan spanOf(EventDecl d, String path) {
    if (path.startsWith("fields.")) {
      String field = path.substring(7);
      for (EventDecl.FieldDecl f : d.fields()) {
        if (f.name().name().equals(field)) {
          return f.span();
        }
      }
    }
    return d.name().span();
  }

  private void error(SourceSpan span, String message, String hint) {
    reporter.report(Diagnostic.error(DiagnosticCode.BAD_EVENT_DECLARATION, span, message).withHint(hint));
  }
}
