package dev.vigil.api.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.api.ApiLimits;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.ProblemException;
import dev.vigil.api.ingest.EventBodyParser;
import dev.vigil.rules.Diagnostic;
import dev.vigil.rules.RuleException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading rules-API (and decision-set API) request bodies: rule source as {@code text/plain} or as JSON {@code {"source":
 * "..."}}, JSON bodies with the ingest parser's strict limits, and compile errors as {@code 422
 * invalid-rule} problems listing every diagnostic with line and column.
 */
public final class RuleRequests {

  private final ObjectMapper json;

  public RuleRequests(ApiLimits limits) {
    this.json = JsonMapper.builder(EventBodyParser.strictFactory(limits))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
  }

  /** Answers {@code 415} unless the body is {@code text/plain} (when allowed) or JSON, UTF-8. */
  public static Handler<RoutingContext> contentTypeCheck(boolean textAllowed) {
    return ctx -> {
      String media = mediaType(ctx.request().getHeader("Content-Type"));
      if (!(media.equals("application/json") || (textAllowed && media.equals("text/plain")))) {
        ctx.fail(new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
            textAllowed ? "Send the rule source as text/plain or as application/json {\"source\": \"...\"}, UTF-8."
                : "Send the body as application/json, UTF-8.")));
        return;
      }
      ctx.next();
    };
  }

  /** The media type, lower-case; "" when absent or when a charset other than UTF-8 is named. */
  static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    String[] parts = header.split(";");
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("\"", "");
      if (p.startsWith("charset=") && !p.equals("charset=utf-8")) {
        return "";
      }
    }
    return parts[0].trim().toLowerCase(Locale.ROOT);
  }

  /** The rule source: the text body, or the {@code source} member of a JSON body. */
  public String source(RoutingContext ctx, byte[] body) {
    if (mediaType(ctx.request().getHeader("Content-Type")).equals("text/plain")) {
      return text(body);
    }
    return source(object(body));
  }

  public static String source(JsonNode object) {
    JsonNode s = object.get("source");
    if (s == null || !s.isTextual()) {
      throw invalidBody("The JSON body needs a string member \"source\" with the rule text.");
    }
    return s.asText();
  }

  /** A JSON object body. */
  public JsonNode object(byte[] body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      Problem p = Problem.of(400, "malformed-json", "Malformed JSON", e.getOriginalMessage());
      if (e.getLocation() != null) {
        p = p.with("line", e.getLocation().getLineNr()).with("column", e.getLocation().getColumnNr());
      }
      throw new ProblemException(p);
    } catch (java.io.IOException e) {
      throw new ProblemException(Problem.of(400, "malformed-json", "Malformed JSON", e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw invalidBody("The body must be a JSON object.");
    }
    return node;
  }

  public static ProblemException invalidBody(String detail) {
    return new ProblemException(Problem.of(400, "invalid-body", "Invalid body", detail));
  }

  private static String text(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(Problem.of(400, "invalid-utf8", "Body is not valid UTF-8",
          "The rule source is not valid UTF-8."));
    }
  }

  /** {@code 422 invalid-rule} with every diagnostic; {@code line}/{@code column} name the first error. */
  public static ProblemException invalidRule(RuleException e, String fileName, String source) {
    List<Map<String, Object>> diagnostics =
        e.diagnostics().stream().map(d -> RuleViews.diagnostic(fileName, source, d)).toList();
    Diagnostic first = e.diagnostics().stream().filter(Diagnostic::isError).findFirst()
        .orElse(e.diagnostics().get(0));
    long errors = e.diagnostics().stream().filter(Diagnostic::isError).count();
    return new ProblemException(
        Problem.of(422, "invalid-rule", "Invalid rule",
                errors + " error(s); first: " + first.span().line() + ":" + first.span().column() + ": "
                    + first.message())
            .with("line", first.span().line())
            .with("column", first.span().column())
            .with("diagnostics", diagnostics));
  }
}
