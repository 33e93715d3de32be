package dev.vigil.engine.internal.esper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.Event;
import dev.vigil.engine.RuleFile;
import dev.vigil.engine.RuleInfo;
import dev.vigil.engine.RuleLoadException;
import dev.vigil.engine.internal.host.EventTimePolicy;
import dev.vigil.engine.internal.host.Match;
import dev.vigil.engine.internal.host.RuleRuntime;
import dev.vigil.engine.internal.host.RuleSet;
import dev.vigil.rules.schema.BuiltInTypes;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EsperBackendTest {

  private static final long T0 = 1_700_000_000_000L;
  private final List<Match> matches = new ArrayList<>();

  private static RuleSet compile(String epl) throws RuleLoadException {
    return new EsperBackend().compile(List.of(new RuleFile("test.epl", epl)), BuiltInTypes.all());
  }

  private static Event tx(String id, long ts, String user, String merchant, String amount) {
    return new Event(
        id, "transaction", ts,
        Map.of("user_id", user, "merchant_id", merchant, "amount", new BigDecimal(amount), "currency", "EUR"),
        Map.of("note", "x"));
  }

  private void send(RuleRuntime runtime, Event e) {
    EventTimePolicy.forwardOnly().beforeSend(runtime, e);
    runtime.send(e);
  }

  @Test
  void compile_annotatedRules_readsMetadata() throws Exception {
    RuleSet rules =
        compile(
            """
            // a comment
            @Name('big') @Tag(name='severity', value='high') @Tag(name='version', value='3')
            select * from transaction where amount > 1000;

            @Name('velocity') @Tag(name='by', value='user_id')
            select user_id, count(*) as cnt from transaction#time(1 min) group by user_id having count(*) >= 3;
            """);
    assertThat(rules.rules())
        .containsExactly(
            new RuleInfo("big", 3, "high", null, "test.epl"),
            new RuleInfo("velocity", 1, "medium", "user_id", "test.epl"));
    assertThat(rules.routeKeys()).containsExactly("user_id");
    assertThat(rules.hasGlobalRules()).isTrue();
  }

  @Test
  void filterRule_matchingEvent_reportsEventIdAndEventTime() throws Exception {
    RuleSet rules = compile("@Name('big') select * from transaction where amount > 1000 and attributes('note') = 'x'");
    RuleRuntime rt = rules.open(null, T0, matches::add);
    send(rt, tx("e1", T0, "u1", "m1", "10"));
    send(rt, tx("e2", T0 + 5, "u1", "m1", "1000.01"));
    assertThat(matches).hasSize(1);
    Match m = matches.get(0);
    assertThat(m.eventIds()).containsExactly("e2");
    assertThat(m.matchTime()).isEqualTo(T0 + 5);
    assertThat(m.entityKey()).isNull();
    rt.destroy();
  }

  @Test
  void timeWindow_followsEventTime() throws Exception {
    RuleSet rules =
        compile(
            "@Name('velocity') @Tag(name='by', value='user_id') "
                + "select user_id, window(event_id) as event_ids, 'many' as message from transaction#time(1 min) "
                + "group by user_id having count(*) >= 3");
    RuleRuntime rt = rules.open("user_id", T0, matches::add);
    send(rt, tx("a1", T0, "u1", "m1", "1"));
    send(rt, tx("a2", T0 + 30_000, "u1", "m1", "1"));
    send(rt, tx("a3", T0 + 70_000, "u1", "m1", "1")); // a1 expired in event time
    assertThat(matches).isEmpty();
    send(rt, tx("a4", T0 + 80_000, "u1", "m1", "1"));
    assertThat(matches).hasSize(1);
    assertThat(matches.get(0).entityKey()).isEqualTo("u1");
    assertThat(matches.get(0).eventIds()).containsExactly("a2", "a3", "a4");
    assertThat(matches.get(0).message()).isEqualTo("many");
    rt.destroy();
  }

  @Test
  void compile_syntaxErrorOnThirdLine_namesFileAndLine() {
    assertThatThrownBy(() -> compile("@Name('ok') select * from transaction;\n\n@Name('bad') select * form transaction;"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageStartingWith("test.epl:3: ");
  }

  @Test
  void compile_syntaxErrorInsideMultiLineStatement_namesThatLine() {
    assertThatThrownBy(() -> compile("@Name('ok') select * from transaction;\n@Name('bad')\nselect *\nfrom transaction\nwhere nope > > 1;"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageStartingWith("test.epl:5: ")
        .hasMessageContaining("nope");
  }

  @Test
  void compile_validationError_namesStatementLine() {
    assertThatThrownBy(() -> compile("@Name('ok') select * from transaction;\n@Name('bad')\nselect *\nfrom transaction\nwhere nope > 1;"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageStartingWith("test.epl:2: ")
        .hasMessageContaining("nope");
  }

  @Test
  void compile_duplicateIds_rejected() {
    assertThatThrownBy(() -> compile("@Name('a') select * from transaction;\n@Name('a') select * from login;"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining("test.epl:2")
        .hasMessageContaining("duplicate rule id 'a'");
  }

  @Test
  void compile_missingName_rejected() {
    assertThatThrownBy(() -> compile("select * from transaction"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining("test.epl:1")
        .hasMessageContaining("@Name");
  }

  @Test
  void compile_byNotAKeyOfReadType_rejected() {
    assertThatThrownBy(
            () -> compile("@Name('r') @Tag(name='by', value='amount') select amount from transaction"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining("not a key field of event type 'transaction'");
  }

  @Test
  void compile_byColumnMissingFromSelect_rejected() {
    assertThatThrownBy(
            () -> compile("@Name('r') @Tag(name='by', value='user_id') select amount from transaction"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining("column named 'user_id'");
  }

  @Test
  void compile_badSeverity_rejected() {
    assertThatThrownBy(() -> compile("@Name('r') @Tag(name='severity', value='urgent') select * from transaction"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining("severity 'urgent'");
  }

  @Test
  void compile_nonSelectStatement_rejected() {
    assertThatThrownBy(() -> compile("@Name('w') create window W#keepall as transaction"))
        .isInstanceOf(RuleLoadException.class)
        .hasMessageContaining("must be a select statement");
  }

  @Test
  void addType_afterOpen_syncTypesDeploysIntoLiveRuntime() throws Exception {
    EventType order = EventType.custom("shipment", List.of(FieldSpec.key("user_id"), FieldSpec.of("total", FieldType.INTEGER)));
    RuleSet rules = compile("@Name('big') select * from transaction where amount > 1000");
    RuleRuntime rt = rules.open(null, T0, matches::add);
    rules.addType(order);
    rt.syncTypes();
    send(rt, new Event("o1", "shipment", T0, Map.of("user_id", "u1", "total", 5L), Map.of()));
    assertThat(matches).isEmpty();
    rt.destroy();
  }

  @Test
  void customTypeWithKeywordNames_compilesAndMatches() throws Exception {
    EventType order = EventType.custom("purchase", List.of(FieldSpec.key("user_id"), FieldSpec.of("min", FieldType.DECIMAL)));
    RuleSet rules =
        new EsperBackend()
            .compile(
                List.of(new RuleFile("o.epl", "@Name('o') @Tag(name='by', value='user_id') select user_id, event_id from purchase where `min` > 1")),
                List.of(BuiltInTypes.TRANSACTION, order));
    RuleRuntime rt = rules.open("user_id", T0, matches::add);
    send(rt, new Event("o1", "purchase", T0, Map.of("user_id", "u1", "min", new BigDecimal("2")), Map.of()));
    assertThat(matches).extracting(Match::eventIds).containsExactly(List.of("o1"));
    rt.destroy();
  }

  @Test
  void addType_eplKeywordName_rejectedWithReason() throws Exception {
    RuleSet rules = compile("@Name('big') select * from transaction where amount > 1000");
    assertThatThrownBy(() -> rules.addType(EventType.custom("order", List.of(FieldSpec.key("user_id")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order");
  }

  @Test
  void addType_fieldNamedStats_rejected() throws Exception {
    RuleSet rules = compile("@Name('big') select * from transaction where amount > 1000");
    assertThatThrownBy(() -> rules.addType(EventType.custom("payout",
            List.of(FieldSpec.key("user_id"), FieldSpec.of("stats", dev.vigil.rules.schema.FieldType.STRING)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void compile_statsProperties_typed() throws Exception {
    RuleSet rules = compile("""
        @Name('spike') @Tag(name='by', value='user_id')
        select user_id from transaction(stats.count_amount >= 10 and stats.zscore_amount > 3
          and stats.mean_amount_30d > 0 and stats.distinct_country_30d > 2 and stats.last_seen is not null
          and stats.zscore_amount_24h > 1 and stats.zscore_amount_30d > 1 and not stats.seen_country
          and stats.seen_device_id_30d)
        """);
    assertThat(rules.rules()).hasSize(1);
    assertThatThrownBy(() -> compile("@Name('typo') select * from transaction(stats.zscore_amonut > 3)"))
        .isInstanceOf(RuleLoadException.class);
  }

  /** The example of docs/rules-epl.md, verbatim. */
  @Test
  void compile_documentedExample_loads() throws Exception {
    RuleSet rules =
        compile(
            """
            // A single large transaction.
            @Name('big-transaction')
            @Tag(name='severity', value='high')
            @Tag(name='by', value='user_id')
            @Tag(name='version', value='1')
            select user_id, event_id, 'amount ' || cast(amount, string) || ' over 1000' as message
            from transaction
            where amount > 1000;

            // Three or more transactions of one user within one minute (event time).
            @Name('velocity-1m')
            @Tag(name='by', value='user_id')
            select user_id, window(event_id) as event_ids, count(*) as cnt
            from transaction#time(1 min)
            group by user_id
            having count(*) >= 3;
            """);
    assertThat(rules.rules())
        .containsExactly(
            new RuleInfo("big-transaction", 1, "high", "user_id", "test.epl"),
            new RuleInfo("velocity-1m", 1, "medium", "user_id", "test.epl"));
  }
}
