package dev.vigil.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code type} is a URI naming the problem kind
 * ({@code https://vigil.dev/problems/<slug>}); {@code extensions} carries extra members such as
 * {@code errors}, {@code line}, {@code column}, {@code index}.
 */
public record Problem(int status, String type, String title, String detail, Map<String, Object> extensions) {

  public static final String TYPE_BASE = "https://vigil.dev/problems/";

  public Problem {
    extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, TYPE_BASE + slug, title, detail, Map.of());
  }

  public Problem with(String member, Object value) {
    Map<String, Object> ext = new LinkedHashMap<>(extensions);
    ext.put(member, value);
    return new Problem(status, type, title, detail, ext);
  }

  /** The JSON object members in order: type, title, status, detail, then extensions. */
  public Map<String, Object> body() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("title", title);
    m.put("status", status);
    if (detail != null) {
      m.put("detail", detail);
    }
    m.putAll(extensions);
    return m;
  }
}
