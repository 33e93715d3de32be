package dev.vigil.api.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an ingest body into items and parses each with Jackson under the {@link ApiLimits}.
 *
 * <p>Why it is this strict: the parser is the first thing untrusted bytes meet. Nesting depth,
 * string and number lengths are capped (StreamReadConstraints), duplicate keys are an error (a
 * second {@code amount} must not silently win), NaN/Infinity are not JSON, and bytes must be
 * valid UTF-8. A JSON body that breaks any of this is unusable as a whole and answers {@code 400}
 * with the location; in NDJSON each line stands alone, so a bad line only rejects its item.
 */
public final class EventBodyParser {
  private final ApiLimits limits;
  private final JsonFactory factory;
  private final ObjectMapper mapper;

  public EventBodyParser(ApiLimits limits) {
    this.limits = limits;
    this.factory = strictFactory(limits);
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
  }

  /** A Jackson factory with every limit and strictness rule of the ingest API. */
  public static JsonFactory strictFactory(ApiLimits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(Math.min(limits.maxStringLength(), 50_000))
                .maxNumberLength(limits.maxNumberLength())
                .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  /**
   * Parses a body into items.
   *
   * @throws ProblemException {@code 400} when a JSON body does not parse or is empty, {@code
   *     413} when it holds more than {@code maxBatchEvents} items
   */
  List<BodyItem> parse(byte[] body, BodyFormat format) {
    List<BodyItem> items = format == BodyFormat.JSON ? parseJson(body) : parseNdjson(body);
    if (items.isEmpty()) {
      throw new ProblemException(
          Problem.of(400, "empty-batch", "Empty batch", "The body contains no events."));
    }
    return items;
  }

  private List<BodyItem> parseJson(byte[] body) {
    int bad = Utf8.firstInvalid(body, 0, body.length);
    if (bad >= 0) {
      throw new ProblemException(
          Problem.of(400, "invalid-utf8", "Body is not valid UTF-8",
                  "Invalid UTF-8 byte sequence at byte offset " + bad + ".")
              .with("byte_offset", bad));
    }
    try (JsonParser p = factory.createParser(body)) {
      JsonToken first = p.nextToken();
      List<BodyItem> items = new ArrayList<>();
      if (first == null) {
        return items;
      } else if (first == JsonToken.START_OBJECT) {
        items.add(sized(0, mapper.readTree(p), body.length));
      } else if (first == JsonToken.START_ARRAY) {
        readArray(p, items);
      } else {
        throw new ProblemException(
            Problem.of(400, "invalid-body", "Invalid body",
                "The body must be a JSON object (one event) or a JSON array of events."));
      }
      if (p.nextToken() != null) {
        throw malformed(p.currentTokenLocation(), "Unexpected content after the top-level value.");
      }
      return items;
    } catch (StreamConstraintsException e) {
      throw new ProblemException(withLocation(
          Problem.of(400, "json-limit-exceeded", "JSON limit exceeded", cleanMessage(e)),
          e.getLocation()));
    } catch (JsonProcessingException e) {
      throw malformed(e.getLocation(), e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed(null, e.getMessage());
    }
  }

  private void readArray(JsonParser p, List<BodyItem> items) throws IOException {
    JsonToken t = p.nextToken();
    while (t != JsonToken.END_ARRAY) {
      if (t == null) {
        throw malformed(p.currentLocation(), "Unexpected end of input inside the array.");
      }
      if (items.size() == limits.maxBatchEvents()) {
        throw batchTooLarge();
      }
      long start = p.currentTokenLocation().getByteOffset();
      JsonNode value = mapper.readTree(p);
      long end = p.currentLocation().getByteOffset();
      items.add(sized(items.size(), value, end - start));
      t = p.nextToken();
    }
  }

  private List<BodyItem> parseNdjson(byte[] body) {
    List<int[]> lines = lines(body);
    if (lines.size() > limits.maxBatchEvents()) {
      throw batchTooLarge();
    }
    List<BodyItem> items = new ArrayList<>(lines.size());
    for (int[] line : lines) {
      items.add(parseLine(body, items.size(), line[0], line[1], line[2]));
    }
    return items;
  }

  /** Non-blank lines as {start, end (exclusive, without CR), 1-based line number}. */
  private static List<int[]> lines(byte[] body) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    int lineNo = 1;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
        if (!blank(body, start, end)) {
          out.add(new int[] {start, end, lineNo});
        }
        start = i + 1;
        lineNo++;
      }
    }
    return out;
  }

  private static boolean blank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private BodyItem parseLine(byte[] body, int index, int start, int end, int lineNo) {
    String where = "line " + lineNo;
    if (end - start > limits.maxEventBytes()) {
      return BodyItem.failed(index, tooLarge(end - start));
    }
    int bad = Utf8.firstInvalid(body, start, end);
    if (bad >= 0) {
      return BodyItem.failed(index,
          "invalid UTF-8 at " + where + " column " + (bad - start + 1) + " (byte offset " + bad + ")");
    }
    try (JsonParser p = factory.createParser(body, start, end - start)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return BodyItem.failed(index, "must be a JSON object (" + where + ")");
      }
      JsonNode value = mapper.readTree(p);
      if (p.nextToken() != null) {
        return BodyItem.failed(index, "invalid JSON at " + where + " column "
            + p.currentTokenLocation().getColumnNr() + ": unexpected content after the object");
      }
      return BodyItem.parsed(index, value);
    } catch (StreamConstraintsException e) {
      return BodyItem.failed(index, "JSON limit exceeded at " + where + ": " + cleanMessage(e));
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String col = loc == null ? "" : " column " + loc.getColumnNr();
      return BodyItem.failed(index, "invalid JSON at " + where + col + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      return BodyItem.failed(index, "invalid JSON at " + where + ": " + e.getMessage());
    }
  }

  private BodyItem sized(int index, JsonNode value, long bytes) {
    if (bytes > limits.maxEventBytes()) {
      return BodyItem.failed(index, tooLarge(bytes));
    }
    return BodyItem.parsed(index, value == null ? NullNode.getInstance() : value);
  }

  private String tooLarge(long bytes) {
    return "event is " + bytes + " bytes, more than the limit of " + limits.maxEventBytes();
  }

  private ProblemException batchTooLarge() {
    return new ProblemException(
        Problem.of(413, "batch-too-large", "Batch too large",
                "The body holds more than " + limits.maxBatchEvents() + " events; split it.")
            .with("max_batch_events", limits.maxBatchEvents()));
  }

  private static ProblemException malformed(JsonLocation loc, String message) {
    return new ProblemException(
        withLocation(Problem.of(400, "malformed-json", "Malformed JSON", message), loc));
  }

  private static Problem withLocation(Problem p, JsonLocation loc) {
    if (loc == null) {
      return p;
    }
    Problem out = p;
    if (loc.getLineNr() > 0) {
      out = out.with("line", loc.getLineNr()).with("column", loc.getColumnNr());
    }
    if (loc.getByteOffset() >= 0) {
      out = out.with("byte_offset", loc.getByteOffset());
    }
    return out;
  }

  /** Jackson's limit messages name its own config methods; users need only the numbers. */
  private static String cleanMessage(StreamConstraintsException e) {
    return e.getOriginalMessage().replaceAll(",? from `[^`]*`", "");
  }
}
