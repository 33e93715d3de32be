package dev.vigil.engine.internal.store;

import dev.vigil.engine.RuleHistory;
import dev.vigil.engine.spi.RuleStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rocksdb.RocksIterator;

/** Rules deployed through the API, by id ({@code rules}); a save replaces the rule's record. */
final class RocksRuleStore implements RuleStore {

  private final Db db;

  RocksRuleStore(Db db) {
    this.db = db;
  }

  @Override
  public List<RuleHistory> loadAll() {
    return db.call(
        "load rules",
        () -> {
          List<RuleHistory> rules = new ArrayList<>();
          try (RocksIterator it = db.rocks.newIterator(db.rules)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
              rules.add(RuleHistoryCodec.decode(it.value()));
            }
            it.status();
          }
          return List.copyOf(rules);
        });
  }

  @Override
  public void save(RuleHistory rule) {
    Objects.requireNonNull(rule, "rule");
    db.put("store a rule", db.rules, Keys.utf8(rule.id()), RuleHistoryCodec.encode(rule));
  }
}
