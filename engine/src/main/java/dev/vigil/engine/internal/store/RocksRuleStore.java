package dev.vigil.engine.internal.store;

import dev.vigil.engine.RuleHistory;
import dev.vigil.engine.spi.RuleStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rocksdb.RocksIterator;

/**
 * Rules deployed through the API, by id ({@code rules}), or decision sets deployed through the API
 * ({@code decision_sets}, same record shape); a save replaces the record.
 */
final class RocksRuleStore implements RuleStore {

  private final Db db;
  private final org.rocksdb.ColumnFamilyHandle family;

  RocksRuleStore(Db db, org.rocksdb.ColumnFamilyHandle family) {
    this.db = db;
    this.family = family;
  }

  @Override
  public List<RuleHistory> loadAll() {
    return db.call(
        "load rules",
        () -> {
          List<RuleHistory> rules = new ArrayList<>();
          try (RocksIterator it = db.rocks.newIterator(family)) {
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
    db.put("store a rule", family, Keys.utf8(rule.id()), RuleHistoryCodec.encode(rule));
  }
}
