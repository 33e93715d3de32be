package dev.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public facade: what the engine gets back, and the key parts of the EPL of the 12 examples. */
class RuleCompilerTest {

  private final RuleCompiler compiler = new RuleCompiler();

  private CompiledRule sample(String file) throws Exception {
    return compiler.compile(file, Files.readString(Path.of("../samples/rules/dsl", file))).rules().get(0);
  }

  @Test
  void compiledRule_carriesMetadataForTheEngine() throws Exception {
    CompiledRule r = sample("06_card_testing.vgl");
    assertThat(r.id()).isEqualTo("card_testing");
    assertThat(r.version()).isEqualTo(1);
    assertThat(r.severity()).isEqualTo("high");
    assertThat(r.by()).isEqualTo("card_id");
    assertThat(r.title()).isEqualTo("Tiny authorisation, then a large charge on the same card");
    assertThat(r.suppress()).isEqualTo(Duration.ofHours(1));
    assertThat(r.tags()).containsExactly("card", "testing");
    assertThat(r.kind()).isEqualTo("sequence");
    assertThat(r.firing()).isEqualTo(Firing.ON_EVENT);
    assertThat(r.eventTypes()).containsExactly("transaction");
    assertThat(r.source()).startsWith("rule card_testing").endsWith("tags     card, testing");
  }

  @Test
  void versionClause_overridesTheDefaultVersion() throws Exception {
    String text = "rule r\n  version 7\n  when transaction\nrule s\n  when login\n";
    CompiledRuleSet set = compiler.compile("t", text, 3);
    assertThat(set.rule("r").version()).isEqualTo(7);
    assertThat(set.rule("r").epl()).contains("@Tag(name='version', value='7')");
    assertThat(set.rule("s").version()).isEqualTo(3);
  }

  @Test
  void defaults_severityMediumAndTitleAsMessage() throws Exception {
    CompiledRule r = compiler.compile("t", "rule r\n  title \"Big\"\n  when transaction where amount > 1\n").rules().get(0);
    assertThat(r.severity()).isEqualTo("medium");
    assertThat(r.by()).isNull();
    assertThat(r.epl()).contains("'Big' as message").doesNotContain("name='by'");
  }

  @Test
  void syntaxAndValidationErrors_throwTheMatchingException() {
    assertThatThrownBy(() -> compiler.compile("t", "rule r when transaction where amount >"))
        .isInstanceOf(RuleSyntaxException.class)
        .hasMessageStartingWith("t:1:");
    assertThatThrownBy(() -> compiler.compile("t", "rule r when transaction where amout > 1"))
        .isInstanceOfSatisfying(RuleValidationException.class, e -> {
          assertThat(e.diagnostics()).extracting(d -> d.code().code()).containsExactly("R2002");
          assertThat(e.render()).contains("= hint: did you mean 'amount'?");
        });
  }

  @Test
  void typesKnownToTheEngine_canBeUsedAndIdenticallyRedeclared() throws Exception {
    EventType reading = EventType.custom("reading",
        List.of(new FieldSpec("sensor_id", FieldType.STRING, true, true, null, null, null),
            FieldSpec.of("celsius", FieldType.DECIMAL)));
    RuleCompiler engineCompiler = new RuleCompiler(List.of(reading), Limits.defaults());
    assertThat(engineCompiler.check("t", "rule r\n  by sensor_id\n  when reading where celsius > 1\n")).isEmpty();
    String sample = Files.readString(Path.of("../samples/rules/dsl/12_overheating_sensor.vgl"));
    assertThat(engineCompiler.compile("t", sample).declaredTypes()).containsExactly(reading);
    assertThat(engineCompiler.check("t", "event reading (sensor_id: string key)\nrule r\n  when reading\n"))
        .extracting(d -> d.code()).containsExactly(DiagnosticCode.BAD_EVENT_DECLARATION);
  }

  @Test
  void limits_areConfigurable() {
    Limits tight = new Limits(1, Duration.ofMinutes(1), Duration.ofMinutes(1), 2, 5, 2, Duration.ofDays(1));
    RuleCompiler c = new RuleCompiler(List.of(), tight);
    assertThat(c.check("t", "rule a\n when transaction\nrule b\n when transaction\n"))
        .extracting(d -> d.code()).containsExactly(DiagnosticCode.LIMIT_EXCEEDED);
    assertThat(c.check("t", "rule a\n when transaction where country in (\"A\", \"B\", \"C\")\n"))
        .extracting(d -> d.code()).containsExactly(DiagnosticCode.LIMIT_EXCEEDED);
  }

  @Test
  void epl_filter() throws Exception {
    CompiledRule r = sample("01_large_foreign_transaction.vgl");
    assertThat(r.kind()).isEqualTo("filter");
    assertThat(r.epl()).startsWith("@Name('large_foreign_transaction')\n@Tag(name='severity', value='high')\n"
            + "@Tag(name='by', value='user_id')\n@Tag(name='version', value='1')\n")
        .contains("`user_id` as `user_id`", "event_id as event_id", " as message")
        .contains("from transaction(((`amount` > 9000) and (`country` not in ('US', 'CA'))) and `user_id` is not null)");
  }

  @Test
  void epl_sliding() throws Exception {
    CompiledRule r = sample("02_velocity_sliding.vgl");
    assertThat(r.epl()).contains("#time(5 min)", "group by `user_id`", "having (count(*) > 20)",
        "(current_timestamp() - 300000L) as window_start", "current_timestamp() as window_end");
    assertThat(r.epl()).as("no per-key list of the window's events beside the data window")
        .doesNotContain("window(", "first(", "last(", "event_ids");
  }

  @Test
  void epl_slidingWithEvidenceWindow_listsTheWindow() throws Exception {
    String text = "rule v\n  by user_id\n  when transaction over sliding 5m having count() > 20\n  evidence window\n";
    CompiledRule r = compiler.compile("v.vgl", text).rules().get(0);
    assertThat(r.epl()).contains("window(event_id) as event_ids", "first(`timestamp`) as window_start",
        "last(`timestamp`) as window_end").doesNotContain("current_timestamp()");
  }

  @Test
  void epl_tumblingIsEpochAligned() throws Exception {
    CompiledRule r = sample("03_merchant_declines_tumbling.vgl");
    assertThat(r.firing()).isEqualTo(Firing.ON_TIME);
    assertThat(r.epl()).contains("#time_batch(1 min, 0L)", "group by `merchant_id`",
        "(sum(case when (`status` = 'declined') then 1.0 else 0.0 end) / count(*)) > 0.5",
        "(first(`timestamp`) - first(`timestamp`) % 60000L) as window_start");
  }

  @Test
  void epl_sessionIsPerKey() throws Exception {
    assertThat(sample("04_session_spree.vgl").epl()).contains("#groupwin(`user_id`)#time_accum(30 min)",
        "(count(distinct `card_id`) > 10) or (sum(`amount`) > 5000)");
  }

  @Test
  void epl_globalHasNoWindowAndNoKey() throws Exception {
    CompiledRule r = sample("05_running_total.vgl");
    assertThat(r.epl()).contains("from transaction\nhaving (sum(`amount`) > 1000000)", "last(event_id) as event_id")
        .doesNotContain("group by", "#", "name='by'");
  }

  @Test
  void epl_sequence() throws Exception {
    assertThat(sample("06_card_testing.vgl").epl()).contains(
        "every e1=transaction((`amount` < 2) and `card_id` is not null)",
        "-> (e2=transaction((`amount` > 500) and `card_id` = e1.`card_id`)) where timer:within(10 min)",
        "{e1.event_id, e2.event_id} as event_ids");
  }

  @Test
  void epl_multiTypeSequence() throws Exception {
    CompiledRule r = sample("07_account_takeover.vgl");
    assertThat(r.eventTypes()).containsExactly("account_update", "login", "transaction");
    assertThat(r.epl()).contains("every e1=account_update((`field` = 'password') and `user_id` is not null) -> "
        + "(e2=login(`new_device` and `user_id` = e1.`user_id`) -> e3=transaction(", "where timer:within(1 hours)");
  }

  @Test
  void epl_absence() throws Exception {
    CompiledRuleSet set = compiler.compile("08", Files.readString(Path.of("../samples/rules/dsl/08_unsettled_authorization.vgl")));
    assertThat(set.declaredTypes()).extracting(EventType::name).containsExactly("authorization", "settlement");
    CompiledRule r = set.rules().get(0);
    assertThat(r.kind()).isEqualTo("absence");
    assertThat(r.firing()).isEqualTo(Firing.ON_TIME);
    assertThat(r.epl()).contains("every e1=authorization(`payment_id` is not null) -> "
        + "(timer:interval(2 hours) and not settlement(`payment_id` = e1.`payment_id`))");
  }

  @Test
  void epl_crossEventReference() throws Exception {
    assertThat(sample("09_impossible_travel.vgl").epl()).contains("e2=transaction((`country` != e1.`country`)");
  }

  @Test
  void epl_distinct() throws Exception {
    assertThat(sample("10_shared_device.vgl").epl()).contains("#time(1 hours)", "having (count(distinct `card_id`) > 5)");
  }

  @Test
  void epl_rollingStatistics_readTheEventsStatsProperties() throws Exception {
    assertThat(sample("11_amount_outlier.vgl").epl()).contains(
        "from transaction(((stats.count_amount >= 10) and (`amount` > (stats.mean_amount + (3 * stats.stddev_amount)))) "
            + "and `user_id` is not null)");
  }

  @Test
  void epl_everyStatisticsForm_mapsToItsProperty() throws Exception {
    String epl = new RuleCompiler().compile("s.vgl", """
        rule r
          by user_id
          when transaction where stats.count(amount, 24h) > 1 and stats.mean(amount, 30d) > 2
            and stats.stddev(amount, 1d) > 3 and zscore(amount) > 4 and zscore(amount, 720h) > 5
            and stats.distinct(country) > 6 and stats.distinct(device_id, 30d) > 7
            and stats.seen(country) and not stats.seen(merchant_id, 30d) and stats.last_seen is not null
        """).rules().get(0).epl();
    assertThat(epl).contains("stats.count_amount_24h > 1", "stats.mean_amount_30d > 2", "stats.stddev_amount_24h > 3",
        "stats.zscore_amount > 4", "stats.zscore_amount_30d > 5", "stats.distinct_country > 6",
        "stats.distinct_device_id_30d > 7", "stats.seen_country)", "(not stats.seen_merchant_id_30d)",
        "stats.last_seen is not null");
  }

  @Test
  void epl_customStream() throws Exception {
    assertThat(sample("12_overheating_sensor.vgl").epl()).contains("from reading(`sensor_id` is not null)#time_batch(5 min, 0L)",
        "having (avg(cast(`celsius`, double)) > 80)");
  }

  @Test
  void renderer_showsLineCaretNoteAndHint() {
    String text = "rule r\n  when transaction over sliding 5m having count(transaction > 5\n";
    String out = DiagnosticRenderer.render("velocity.vgl", text, compiler.check("velocity.vgl", text));
    assertThat(out).isEqualTo("""
        velocity.vgl:2:61: error[R1012]: expected ')' to close 'count(' but found '>'
        2 |   when transaction over sliding 5m having count(transaction > 5
          |                                                             ^
          |                                                ^ '(' opened here
          = hint: close the call before comparing: count(transaction) > 5

        """);
  }
}
