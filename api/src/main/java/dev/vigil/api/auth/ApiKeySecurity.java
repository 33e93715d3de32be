package dev.vigil.api.auth;

import dev.vigil.api.http.Problem;
import dev.vigil.api.http.Problems;
import dev.vigil.engine.ApiKeyRecord;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@link Security} with API keys sent as {@code Authorization: Bearer <key>}.
 *
 * <ul>
 *   <li>no header, another scheme, or an empty key: 401 {@code missing-credentials}
 *   <li>unknown, wrong or revoked key: 401 {@code invalid-key}
 *   <li>valid key without the scope (nor {@code admin}): 403 {@code insufficient-scope}, naming
 *       the scope in {@code required_scope}
 * </ul>
 *
 * Both 401s carry {@code WWW-Authenticate: Bearer realm="vigil"} (RFC 6750); the 403 carries
 * {@code error="insufficient_scope"}.
 */
public final class ApiKeySecurity implements Security {
  /** Routing-context key holding the caller's key id after a successful check. */
  public static final String KEY_ID = "apiKeyId";

  private static final String REALM = "Bearer realm=\"vigil\"";

  private final KeyRegistry keys;

  public ApiKeySecurity(KeyRegistry keys) {
    this.keys = keys;
  }

  @Override
  public Handler<RoutingContext> require(String scope) {
    if (!Scopes.ALL.contains(scope)) {
      throw new IllegalArgumentException("unknown scope " + scope);
    }
    return ctx -> check(ctx, scope);
  }

  private void check(RoutingContext ctx, String scope) {
    Optional<String> presented = bearer(ctx.request().getHeader("Authorization"));
    if (presented.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", REALM);
      Problems.send(ctx, Problem.of(401, "missing-credentials", "Authentication required",
          "Send an API key as 'Authorization: Bearer <key>'."));
      return;
    }
    Optional<ApiKeyRecord> key = keys.authenticate(presented.get());
    if (key.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\"");
      Problems.send(ctx, Problem.of(401, "invalid-key", "Invalid API key",
          "The API key is unknown or has been revoked."));
      return;
    }
    if (!Scopes.allows(key.get().scopes(), scope)) {
      ctx.response().putHeader("WWW-Authenticate",
          REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"");
      Problems.send(ctx, Problem.of(403, "insufficient-scope", "Insufficient scope",
          "This API key lacks the scope '" + scope + "'.").with("required_scope", scope));
      return;
    }
    ctx.put(KEY_ID, key.get().id());
    ctx.next();
  }

  /** The key of a {@code Bearer} header (scheme case-insensitive), or empty. */
  static Optional<String> bearer(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.trim();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String key = h.substring(7).trim();
    return key.isEmpty() || key.contains(" ") ? Optional.empty() : Optional.of(key);
  }
}
