package dev.vigil.engine.internal.host;

import dev.vigil.engine.Clock;
import dev.vigil.engine.EventTypeConflictException;
import dev.vigil.engine.RuleCatalog;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.engine.RuleChangeException.Reason;
import dev.vigil.engine.RuleHistory;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.RuleStats;
import dev.vigil.engine.RuleVersion;
import dev.vigil.engine.spi.RuleStore;
import dev.vigil.rules.CompiledRule;
import dev.vigil.rules.RuleException;
import dev.vigil.rules.StatisticsScope;
import dev.vigil.rules.schema.EventType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RuleCatalog}: file rules (read-only) and API rules with their durable versions. A
 * change compiles the rule first, then stores the new state, then swaps the rule in every runtime
 * through {@link Swap}; one change at a time. A stored API rule whose id a file rule now uses is
 * not deployed (the file wins; logged).
 */
public final class RuleVersions implements RuleCatalog {

  private static final Logger log = LoggerFactory.getLogger(RuleVersions.class);

  /** Applies a rule change to the running engine: the rule set and every open runtime. */
  @FunctionalInterface
  public interface Swap {
    void apply(Collection<String> removedIds, RuleSet.Prepared added);
  }

  private final RuleSet rules;
  private final TypeRegistry types;
  /** The statistics the node keeps. */
  private final StatisticsScope kept;
  private final RuleStore store;
  private final Clock clock;
  private final RuleMetrics metrics;
  private final Swap swap;
  private final Map<String, RuleHistory> files = new LinkedHashMap<>();
  private final Map<String, RuleHistory> api = new TreeMap<>();

  /** The rules deployed in {@code rules} now are the file rules. */
  public RuleVersions(RuleSet rules, TypeRegistry types, StatisticsScope kept, RuleStore store, Clock clock,
      RuleMetrics metrics, Swap swap, FileRules.Loaded loaded) {
    this.rules = rules;
    this.types = types;
    this.kept = kept;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.swap = swap;
    long now = clock.millis();
    for (RuleInfo info : rules.rules()) {
      String source = loaded.ruleSources().getOrDefault(info.id(), loaded.fileTexts().getOrDefault(info.source(), ""));
      RuleVersion v = new RuleVersion(info.version(), source, "file:" + info.source(), now);
      files.put(info.id(), new RuleHistory(info.id(), RuleHistory.FILE, List.of(v), info.version(), true, false));
    }
  }

  /** Deploys the stored API rules that should run; any failure fails the start. */
  public synchronized void loadStored() throws RuleLoadException {
    for (RuleHistory h : store.loadAll()) {
      api.put(h.id(), h);
      if (!h.running()) {
        continue;
      }
      if (files.containsKey(h.id())) {
        log.warn("stored rule {} (version {}) is not deployed: a rule file defines the same id", h.id(), h.activeVersion());
        continue;
      }
      try {
        swap.apply(List.of(h.id()), prepare(h.id(), h.active().source(), h.activeVersion()).prepared());
      } catch (RuleException e) {
        throw new RuleLoadException("stored rule " + h.id() + " version " + h.activeVersion()
            + " no longer compiles:\n" + e.render().stripTrailing(), e);
      } catch (RuleChangeException e) {
        throw new RuleLoadException("stored rule " + h.id() + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public synchronized List<RuleHistory> list() {
    List<RuleHistory> all = new ArrayList<>(files.values());
    api.values().stream().filter(h -> !h.deleted() && !files.containsKey(h.id())).forEach(all::add);
    return all;
  }

  @Override
  public synchronized Optional<RuleHistory> get(String id) {
    RuleHistory f = files.get(id);
    if (f != null) {
      return Optional.of(f);
    }
    return Optional.ofNullable(api.get(id)).filter(h -> !h.deleted());
  }

  @Override
  public synchronized Change deploy(String id, String source, String author) throws RuleException, RuleChangeException {
    writable(id);
    RuleHistory old = api.get(id);
    if (old != null && old.running() && old.active().source().equals(source)) {
      return new Change(old, false, false);
    }
    int latest = old == null ? 0 : old.latestVersion();
    Prepared p = prepare(id, source, latest + 1);
    if (p.version() <= latest) {
      throw new RuleChangeException(Reason.CONFLICT,
          "version " + p.version() + " is not above the latest version " + latest + " of rule '" + id + "'");
    }
    List<RuleVersion> versions = new ArrayList<>(old == null ? List.of() : old.versions());
    versions.add(new RuleVersion(p.version(), source, author, clock.millis()));
    RuleHistory next = new RuleHistory(id, RuleHistory.API, versions, p.version(), true, false);
    apply(next, p.prepared());
    return new Change(next, old == null || old.deleted(), true);
  }

  @Override
  public synchronized RuleHistory rollback(String id, int version) throws RuleChangeException {
    RuleHistory h = existing(id);
    RuleVersion v = h.version(version).orElseThrow(() ->
        new RuleChangeException(Reason.NOT_FOUND, "rule '" + id + "' has no version " + version));
    RuleHistory next = h.withState(version, true, false);
    apply(next, prepareStored(id, v.source(), version));
    return next;
  }

  @Override
  public synchronized RuleHistory enable(String id, boolean enabled) throws RuleChangeException {
    RuleHistory h = existing(id);
    if (h.enabled() == enabled) {
      return h;
    }
    RuleHistory next = h.withState(h.activeVersion(), enabled, false);
    apply(next, enabled ? prepareStored(id, h.active().source(), h.activeVersion()) : null);
    return next;
  }

  @Override
  public synchronized RuleHistory delete(String id) throws RuleChangeException {
    RuleHistory next = existing(id).withState(api.get(id).activeVersion(), false, true);
    apply(next, null);
    return next;
  }

  @Override
  public RuleStats stats(String id) {
    return metrics.stats(id);
  }

  /** Stores the new state, then runs it: {@code added} null means the rule stops running. */
  private void apply(RuleHistory next, RuleSet.Prepared added) {
    store.save(next);
    api.put(next.id(), next);
    swap.apply(List.of(next.id()), added == null ? RuleSet.Prepared.NONE : added);
    log.info("rule {} now version {} ({})", next.id(), next.activeVersion(),
        next.deleted() ? "deleted" : next.enabled() ? "enabled" : "disabled");
  }

  private record Prepared(int version, RuleSet.Prepared prepared) {}

  /** Compiles one rule named {@code id}, declares its types and compiles its EPL. Deploys nothing. */
  private Prepared prepare(String id, String source, int version) throws RuleException, RuleChangeException {
    DslRules.Compiled c = DslRules.compile(id + DslRules.SUFFIX, source, types.all(), kept, version);
    if (c.set().rules().size() != 1) {
      throw new RuleChangeException(Reason.INVALID,
          "a rule deployment takes exactly one rule, found " + c.set().rules().size());
    }
    CompiledRule rule = c.set().rules().get(0);
    if (!rule.id().equals(id)) {
      throw new RuleChangeException(Reason.INVALID,
          "the rule is named '" + rule.id() + "' but was deployed as '" + id + "'");
    }
    for (EventType t : c.set().declaredTypes()) {
      try {
        types.declare(t);
      } catch (EventTypeConflictException | IllegalArgumentException e) {
        throw new RuleChangeException(Reason.CONFLICT, e.getMessage());
      }
    }
    try {
      return new Prepared(rule.version(), rules.prepare(c.epl()));
    } catch (RuleLoadException e) {
      throw new IllegalStateException("generated EPL of rule " + id + " does not compile: " + e.getMessage(), e);
    }
  }

  private RuleSet.Prepared prepareStored(String id, String source, int version) throws RuleChangeException {
    try {
      return prepare(id, source, version).prepared();
    } catch (RuleException e) {
      throw new RuleChangeException(Reason.CONFLICT,
          "version " + version + " of rule '" + id + "' no longer compiles: " + e.getMessage());
    }
  }

  private void writable(String id) throws RuleChangeException {
    if (files.containsKey(id)) {
      throw new RuleChangeException(Reason.READ_ONLY,
          "rule '" + id + "' comes from the rules directory (" + files.get(id).active().author().substring(5)
              + "); change the file instead");
    }
  }

  private RuleHistory existing(String id) throws RuleChangeException {
    writable(id);
    RuleHistory h = api.get(id);
    if (h == null || h.deleted()) {
      throw new RuleChangeException(Reason.NOT_FOUND, "no rule '" + id + "'");
    }
    return h;
  }
}
