package dev.vigil.rules.epl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import dev.vigil.rules.DiagnosticCode;
import dev.vigil.rules.RuleCompiler;
import dev.vigil.rules.internal.check.EngineReservedWords;
import dev.vigil.rules.schema.BuiltInTypes;
import dev.vigil.rules.schema.EventType;
import dev.vigil.rules.schema.FieldSpec;
import dev.vigil.rules.schema.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reserved type-name list matches Esper; keyword-like field names work because they are back-quoted. */
class ReservedTypeNamesEsperTest {

  @Test
  void everyListedWord_isRefusedByEsperAsATypeName() {
    var compiler = EPCompilerProvider.getCompiler();
    for (String w : EngineReservedWords.TYPE_NAMES) {
      assertThatThrownBy(() -> compiler.compile("create map schema " + w + " (a string)", new CompilerArguments(new Configuration())))
          .as(w).isNotNull();
    }
  }

  @Test
  void reservedTypeName_isACheckerError() {
    assertThat(new RuleCompiler().check("t", "event order (id: string key)\nrule r\n  when order\n"))
        .extracting(d -> d.code()).containsExactly(DiagnosticCode.BAD_EVENT_DECLARATION);
  }

  @Test
  void keywordFieldNames_compileAndRun() throws Exception {
    String text = """
        event shipment (from: string key, select: string, count: number, window: boolean)
        rule r
          by from
          when shipment where select == "x" and window over sliding 1m having sum(count) > 5
          alert "{from}: {sum(count)}"
        """;
    var set = new RuleCompiler().compile("t", text);
    EventType shipment = set.declaredTypes().get(0);
    assertThat(shipment.fields()).extracting(FieldSpec::type)
        .containsExactly(FieldType.STRING, FieldType.STRING, FieldType.DECIMAL, FieldType.BOOLEAN);
    List<EventType> types = List.of(BuiltInTypes.TRANSACTION, shipment);
    try (EsperHarness h = new EsperHarness(types, set.rules().get(0).epl(), set.rules().get(0).firing())) {
      h.send("shipment", 1, "from", "a", "select", "x", "count", 3, "window", true);
      h.send("shipment", 2, "from", "a", "select", "x", "count", 3, "window", true);
      assertThat(h.rows()).extracting(r -> r.get("message")).containsExactly("a: 6");
      assertThat(h.rows().get(0).get("from")).isEqualTo("a");
    }
  }
}
