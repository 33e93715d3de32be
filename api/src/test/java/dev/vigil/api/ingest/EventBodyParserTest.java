package dev.vigil.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.api.ApiLimits;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventBodyParserTest {
  private final ApiLimits limits = ApiLimits.defaults().withMaxBatchEvents(3).withMaxEventBytes(200);
  private final EventBodyParser parser = new EventBodyParser(limits);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(String a, byte[] mid, String b) {
    byte[] x = utf8(a);
    byte[] z = utf8(b);
    byte[] out = new byte[x.length + mid.length + z.length];
    System.arraycopy(x, 0, out, 0, x.length);
    System.arraycopy(mid, 0, out, x.length, mid.length);
    System.arraycopy(z, 0, out, x.length + mid.length, z.length);
    return out;
  }

  /** Bodies that are unusable as a whole: status, problem slug, a fragment of the detail. */
  static Stream<Arguments> badJsonBodies() {
    return Stream.of(
        Arguments.of("malformed", utf8("{\"a\": }"), 400, "malformed-json", "Unexpected character"),
        Arguments.of("truncated", utf8("[{\"a\": 1}, {\"b\": "), 400, "malformed-json", "end-of-input"),
        Arguments.of("truncated array", utf8("[{\"a\": 1}"), 400, "malformed-json", ""),
        Arguments.of("invalid utf8", concat("{\"a\": \"", new byte[] {(byte) 0xC3, 0x28}, "\"}"),
            400, "invalid-utf8", "byte offset 7"),
        Arguments.of("overlong utf8", concat("{\"a\": \"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"),
            400, "invalid-utf8", "byte offset 7"),
        Arguments.of("NaN", utf8("{\"amount\": NaN}"), 400, "malformed-json", "NaN"),
        Arguments.of("Infinity", utf8("{\"amount\": -Infinity}"), 400, "malformed-json", "Infinity"),
        Arguments.of("duplicate key", utf8("{\"a\": 1, \"a\": 2}"), 400, "malformed-json", "Duplicate field 'a'"),
        Arguments.of("deep nesting", utf8("[".repeat(10_000) + "]".repeat(10_000)),
            400, "json-limit-exceeded", "nesting depth"),
        Arguments.of("long number", utf8("{\"a\": " + "1".repeat(101) + "}"),
            400, "json-limit-exceeded", "Number value length"),
        Arguments.of("scalar top level", utf8("42"), 400, "invalid-body", "JSON object"),
        Arguments.of("trailing content", utf8("{\"a\": 1} {\"b\": 2}"), 400, "malformed-json", "after"),
        Arguments.of("empty", utf8(""), 400, "empty-batch", ""),
        Arguments.of("empty array", utf8("[]"), 400, "empty-batch", ""),
        Arguments.of("too many items", utf8("[{},{},{},{}]"), 413, "batch-too-large", "more than 3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badJsonBodies")
  void parseJson_badBody_throwsProblem(String name, byte[] body, int status, String slug, String detail) {
    assertThatThrownBy(() -> parser.parse(body, BodyFormat.JSON))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          Problem p = e.problem();
          assertThat(p.status()).isEqualTo(status);
          assertThat(p.type()).isEqualTo(Problem.TYPE_BASE + slug);
          assertThat(p.detail()).contains(detail);
        });
  }

  @Test
  void parseJson_malformed_reportsLineColumnAndOffset() {
    ProblemException e = parseFailure(utf8("[\n  {\"a\": 1},\n  {\"b\" 2}\n]"), BodyFormat.JSON);
    assertThat(e.problem().extensions())
        .containsEntry("line", 3)
        .containsEntry("column", 8)
        .containsKey("byte_offset");
  }

  @Test
  void parseJson_stringLongerThanLimit_isLimitProblem() {
    EventBodyParser small = new EventBodyParser(new ApiLimits(1 << 20, 10, 1 << 20, 32, 1000, 100,
        java.time.Duration.ofMinutes(5), 256, 128));
    ProblemException e = parseFailure(utf8("{\"a\": \"" + "x".repeat(1001) + "\"}"), small, BodyFormat.JSON);
    assertThat(e.problem().type()).endsWith("json-limit-exceeded");
    assertThat(e.problem().detail()).contains("String value length").doesNotContain("StreamReadConstraints");
  }

  @Test
  void parseJson_arrayWithNonObjectsAndOversizeItem_yieldsPerItemErrors() {
    String big = "{\"pad\": \"" + "x".repeat(300) + "\"}";
    List<BodyItem> items = parser.parse(utf8("[{\"a\":1}, 5, " + big + "]"), BodyFormat.JSON);
    assertThat(items).hasSize(3);
    assertThat(items.get(0).errors()).isEmpty();
    assertThat(items.get(1).value().isNumber()).isTrue(); // the converter rejects non-objects
    assertThat(items.get(2).errors()).singleElement()
        .satisfies(err -> {
          assertThat(err.field()).isEqualTo("$");
          assertThat(err.reason()).contains("more than the limit of 200");
        });
  }

  @Test
  void parseJson_hugeExponent_parsesAsExactDecimal() {
    List<BodyItem> items = parser.parse(utf8("{\"amount\": 1e1000000}"), BodyFormat.JSON);
    assertThat(items.get(0).value().get("amount").isBigDecimal()).isTrue();
  }

  @Test
  void parseNdjson_badLines_areRejectedPerItem_othersParse() {
    byte[] body = concat(
        "{\"a\": 1}\n\n  \n{\"a\": }\r\n[1]\n{\"a\": NaN}\n{\"s\": \"",
        new byte[] {(byte) 0xFF},
        "\"}\n{\"a\": 1, \"a\": 2}\n{\"ok\": true}\n");
    EventBodyParser p = new EventBodyParser(ApiLimits.defaults());
    List<BodyItem> items = p.parse(body, BodyFormat.NDJSON);
    assertThat(items).hasSize(7);
    assertThat(items.get(0).errors()).isEmpty();
    assertThat(reason(items.get(1))).startsWith("invalid JSON at line 4 column");
    assertThat(reason(items.get(2))).contains("must be a JSON object");
    assertThat(reason(items.get(3))).contains("NaN");
    assertThat(reason(items.get(4))).contains("invalid UTF-8 at line 7 column 8");
    assertThat(reason(items.get(5))).contains("Duplicate field 'a'");
    assertThat(items.get(6).errors()).isEmpty();
    assertThat(items).extracting(BodyItem::index).containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void parseNdjson_deepLine_isPerItemLimitError() {
    String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    EventBodyParser p = new EventBodyParser(ApiLimits.defaults());
    List<BodyItem> items = p.parse(utf8("{\"x\":1}\n" + deep + "\n"), BodyFormat.NDJSON);
    assertThat(items.get(0).errors()).isEmpty();
    assertThat(reason(items.get(1))).contains("JSON limit exceeded at line 2").contains("nesting depth");
  }

  @Test
  void parseNdjson_moreLinesThanBatchLimit_is413() {
    ProblemException e = parseFailure(utf8("{}\n{}\n{}\n{}\n"), BodyFormat.NDJSON);
    assertThat(e.problem().status()).isEqualTo(413);
  }

  @Test
  void parseNdjson_onlyBlankLines_isEmptyBatch() {
    ProblemException e = parseFailure(utf8("\n  \n\r\n"), BodyFormat.NDJSON);
    assertThat(e.problem().type()).endsWith("empty-batch");
  }

  @Test
  void parseNdjson_trailingGarbage_isPerItemError() {
    List<BodyItem> items = parser.parse(utf8("{\"a\":1} {}\n"), BodyFormat.NDJSON);
    assertThat(reason(items.get(0))).contains("unexpected content after the object");
  }

  @Test
  void fromContentType_mapsSupportedTypes() {
    assertThat(BodyFormat.fromContentType("application/json")).isEqualTo(BodyFormat.JSON);
    assertThat(BodyFormat.fromContentType("Application/JSON; charset=UTF-8")).isEqualTo(BodyFormat.JSON);
    assertThat(BodyFormat.fromContentType("application/x-ndjson")).isEqualTo(BodyFormat.NDJSON);
    assertThat(BodyFormat.fromContentType("application/json; charset=latin1")).isNull();
    assertThat(BodyFormat.fromContentType("text/plain")).isNull();
    assertThat(BodyFormat.fromContentType(null)).isNull();
  }

  @Test
  void utf8_validatesStrictly() {
    assertThat(Utf8.firstInvalid(utf8("héllo €𝄞"), 0, utf8("héllo €𝄞").length)).isEqualTo(-1);
    byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    assertThat(Utf8.firstInvalid(surrogate, 0, 3)).isZero();
    byte[] truncated = {'a', (byte) 0xE2, (byte) 0x82};
    assertThat(Utf8.firstInvalid(truncated, 0, 3)).isEqualTo(1);
    byte[] tooHigh = {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80};
    assertThat(Utf8.firstInvalid(tooHigh, 0, 4)).isZero();
  }

  private static String reason(BodyItem item) {
    assertThat(item.errors()).hasSize(1);
    assertThat(item.errors().get(0).field()).isEqualTo("$");
    return item.errors().get(0).reason();
  }

  private ProblemException parseFailure(byte[] body, BodyFormat format) {
    return parseFailure(body, parser, format);
  }

  private static ProblemException parseFailure(byte[] body, EventBodyParser p, BodyFormat format) {
    try {
      p.parse(body, format);
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("expected a problem");
  }
}
