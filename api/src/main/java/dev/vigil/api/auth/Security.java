package dev.vigil.api.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards routes. {@link #require} answers 401 (no or unknown key, with {@code
 * WWW-Authenticate: Bearer}) or 403 (key lacks the scope) as problem+json, else calls {@code
 * ctx.next()} with the caller's key id in {@code ctx.get("apiKeyId")}.
 */
public interface Security {

  /** A handler that lets a request through only when its key has {@code scope} (or {@code admin}). */
  Handler<RoutingContext> require(String scope);
}
