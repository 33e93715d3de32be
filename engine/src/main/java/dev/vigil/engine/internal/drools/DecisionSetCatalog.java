package dev.vigil.engine.internal.drools;

import dev.vigil.engine.Clock;
import dev.vigil.engine.DecisionSetHistory;
import dev.vigil.engine.Decisions;
import dev.vigil.engine.RuleChangeException;
import dev.vigil.engine.RuleChangeException.Reason;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleHistory;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.RuleVersion;
import dev.vigil.engine.spi.RuleStore;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.RuleException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision sets and their versions: file sets (read-only, one per rules-directory file with
 * decision blocks) and API sets with durable versions ({@link RuleStore}, the rules' record shape).
 * A change compiles the source and builds its KieBase first (seconds, on the admin caller's
 * thread), then stores the new state, then publishes a new immutable {@link Routing} with one
 * volatile write; requests read that reference once. One change at a time.
 */
final class DecisionSetCatalog {

  private static final Logger log = LoggerFactory.getLogger(DecisionSetCatalog.class);
  private static final int BUILT_CACHE = 16;

  /** Which deployed set version decides each event type; immutable. */
  record Routing(Map<String, DeployedSet> byType) {
    static final Routing EMPTY = new Routing(Map.of());

    Routing {
      byType = Map.copyOf(byType);
    }
  }

  private final RuleStore store;
  private final Supplier<RuleCompiler> compiler;
  private final Clock clock;
  private final Map<String, RuleHistory> files = new LinkedHashMap<>();
  private final Map<String, RuleHistory> api = new TreeMap<>();
  private final Map<String, DeployedSet> running = new LinkedHashMap<>();
  private final Map<String, DeployedSet> built = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, DeployedSet> eldest) {
      return size() > BUILT_CACHE;
    }
  };
  private volatile Routing routing = Routing.EMPTY;

  DecisionSetCatalog(RuleStore store, Supplier<RuleCompiler> compiler, Clock clock) {
    this.store = store;
    this.compiler = compiler;
    this.clock = clock;
  }

  Routing routing() {
    return routing;
  }

  /**
   * Deploys the decision blocks of the rule-language files as read-only version-1 sets (id = file
   * name without {@code .vgl}), then the stored API sets.
   *
   * @throws RuleLoadException when a file or stored set does not compile, or two files decide one type
   */
  synchronized void load(List<RuleFile> ruleFiles) throws RuleLoadException {
    long now = clock.millis();
    for (RuleFile f : ruleFiles) {
      if (!f.name().endsWith(".vgl")) {
        continue;
      }
      String id = f.name().substring(0, f.name().length() - 4);
      Map<String, dev.vigil.rules.CompiledDecision> compiled;
      try {
        compiled = DecisionSource.compileFile(f.name(), f.text(), compiler.get());
      } catch (RuleException e) {
        throw new RuleLoadException(e.render().stripTrailing(), e);
      } catch (RuleChangeException e) {
        throw new RuleLoadException(f.name() + ": " + e.getMessage(), e);
      }
      if (compiled.isEmpty()) {
        continue;
      }
      RuleHistory h = new RuleHistory(id, RuleHistory.FILE, List.of(new RuleVersion(1, f.text(), "file:" + f.name(), now)),
          1, true, false);
      DeployedSet set = DeployedSet.build(id, 1, compiled);
      String clash = clash(set);
      if (clash != null) {
        throw new RuleLoadException(f.name() + ": " + clash, null);
      }
      files.put(id, h);
      publish(id, set);
    }
    for (RuleHistory h : store.loadAll()) {
      api.put(h.id(), h);
      if (!h.deleted()) {
        loadStored(h);
      }
    }
  }

  private void loadStored(RuleHistory h) throws RuleLoadException {
    if (files.containsKey(h.id())) {
      log.warn("stored decision set {} (version {}) is not deployed: a rules-directory file has the same id",
          h.id(), h.activeVersion());
      return;
    }
    DeployedSet set;
    try {
      set = build(h.id(), h.activeVersion(), h.active().source());
    } catch (RuleException | RuleChangeException e) {
      throw new RuleLoadException("stored decision set " + h.id() + " version " + h.activeVersion()
          + " no longer compiles: " + (e instanceof RuleException r ? r.render().stripTrailing() : e.getMessage()), e);
    }
    String clash = clash(set);
    if (clash != null) {
      log.warn("stored decision set {} (version {}) is not deployed: {}", h.id(), h.activeVersion(), clash);
      return;
    }
    publish(h.id(), set);
  }

  synchronized List<DecisionSetHistory> list() {
    List<DecisionSetHistory> all = new ArrayList<>();
    files.values().forEach(h -> all.add(view(h)));
    api.values().stream().filter(h -> !h.deleted() && !files.containsKey(h.id())).forEach(h -> all.add(view(h)));
    return all;
  }

  synchronized Optional<DecisionSetHistory> get(String id) {
    RuleHistory f = files.get(id);
    if (f != null) {
      return Optional.of(view(f));
    }
    return Optional.ofNullable(api.get(id)).filter(h -> !h.deleted()).map(this::view);
  }

  synchronized Decisions.Change deploy(String id, String source, String author)
      throws RuleException, RuleChangeException {
    writable(id);
    RuleHistory old = api.get(id);
    if (old != null && !old.deleted() && running.containsKey(id) && old.active().source().equals(source)) {
      return new Decisions.Change(view(old), false, false);
    }
    int next = old == null ? 1 : old.latestVersion() + 1;
    long t0 = System.nanoTime();
    DeployedSet set = build(id, next, source);
    requireNoClash(set);
    List<RuleVersion> versions = new ArrayList<>(old == null ? List.of() : old.versions());
    versions.add(new RuleVersion(next, source, author, clock.millis()));
    RuleHistory h = new RuleHistory(id, RuleHistory.API, versions, next, true, false);
    apply(h, set);
    log.info("decision set deployed: set={} version={} decisions={} author={} build_ms={}", id, next,
        set.byType().values().stream().map(dev.vigil.rules.CompiledDecision::name).toList(), author,
        (System.nanoTime() - t0) / 1_000_000);
    return new Decisions.Change(view(h), old == null || old.deleted(), true);
  }

  synchronized DecisionSetHistory rollback(String id, int version) throws RuleChangeException {
    RuleHistory h = existing(id);
    RuleVersion v = h.version(version).orElseThrow(() ->
        new RuleChangeException(Reason.NOT_FOUND, "decision set '" + id + "' has no version " + version));
    DeployedSet set;
    try {
      set = build(id, version, v.source());
    } catch (RuleException e) {
      throw new RuleChangeException(Reason.CONFLICT,
          "version " + version + " of decision set '" + id + "' no longer compiles: " + e.getMessage());
    }
    requireNoClash(set);
    RuleHistory next = h.withState(version, true, false);
    apply(next, set);
    log.info("decision set rolled back: set={} version={}", id, version);
    return view(next);
  }

  synchronized DecisionSetHistory delete(String id) throws RuleChangeException {
    RuleHistory next = existing(id).withState(api.get(id).activeVersion(), true, true);
    apply(next, null);
    log.info("decision set deleted: set={}", id);
    return view(next);
  }

  /** Compiles and builds one version, or takes it from the cache of built versions. */
  private DeployedSet build(String id, int version, String source) throws RuleException, RuleChangeException {
    String key = id + "@" + version + "#" + source.hashCode();
    DeployedSet cached = built.get(key);
    if (cached != null) {
      return cached;
    }
    DeployedSet set = DeployedSet.build(id, version, DecisionSource.compile(id + ".vgl", source, compiler.get()));
    built.put(key, set);
    return set;
  }

  /** Stores the new state, then publishes it: {@code set} null means the set stops answering. */
  private void apply(RuleHistory h, DeployedSet set) {
    store.save(h);
    api.put(h.id(), h);
    publish(h.id(), set);
  }

  private void publish(String id, DeployedSet set) {
    if (set == null) {
      running.remove(id);
    } else {
      running.put(id, set);
    }
    Map<String, DeployedSet> byType = new HashMap<>();
    for (DeployedSet s : running.values()) {
      s.byType().keySet().forEach(type -> byType.put(type, s));
    }
    routing = new Routing(byType);
  }

  /** Why {@code set} cannot run beside the other running sets, or null. */
  private String clash(DeployedSet set) {
    for (var e : set.byType().entrySet()) {
      DeployedSet owner = routing.byType().get(e.getKey());
      if (owner != null && !owner.id().equals(set.id())) {
        return "event type '" + e.getKey() + "' is already decided by decision '"
            + owner.byType().get(e.getKey()).name() + "' of decision set '" + owner.id() + "'";
      }
    }
    return null;
  }

  private void requireNoClash(DeployedSet set) throws RuleChangeException {
    String clash = clash(set);
    if (clash != null) {
      throw new RuleChangeException(Reason.CONFLICT, clash);
    }
  }

  private DecisionSetHistory view(RuleHistory h) {
    DeployedSet set = running.get(h.id());
    boolean live = set != null && !h.deleted() && (h.origin().equals(RuleHistory.FILE) || !files.containsKey(h.id()));
    Map<String, String> decisions = new LinkedHashMap<>();
    if (live) {
      set.byType().forEach((type, d) -> decisions.put(type, d.name()));
    }
    return new DecisionSetHistory(h.id(), h.origin(), h.versions(), h.activeVersion(), decisions, live);
  }

  private void writable(String id) throws RuleChangeException {
    RuleHistory f = files.get(id);
    if (f != null) {
      throw new RuleChangeException(Reason.READ_ONLY, "decision set '" + id + "' comes from the rules directory ("
          + f.active().author().substring(5) + "); change the file instead");
    }
  }

  private RuleHistory existing(String id) throws RuleChangeException {
    writable(id);
    RuleHistory h = api.get(id);
    if (h == null || h.deleted()) {
      throw new RuleChangeException(Reason.NOT_FOUND, "no decision set '" + id + "'");
    }
    return h;
  }
}
