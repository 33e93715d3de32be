package dev.vigil.api.testing;

import dev.vigil.api.auth.Security;
import dev.vigil.api.http.Problem;
import dev.vigil.api.http.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * TEST ONLY: a {@link Security} with fixed bearer tokens and their scopes, so API tests need no
 * key store. It follows the interface's contract (401 with {@code WWW-Authenticate}, 403 for a
 * missing scope, {@code admin} grants everything). The real implementation hashes stored keys.
 */
public final class TestBearerSecurity implements Security {
  private final Map<String, Set<String>> scopesByToken;

  public TestBearerSecurity(Map<String, Set<String>> scopesByToken) {
    this.scopesByToken = Map.copyOf(scopesByToken);
  }

  /** One token with {@code admin}. */
  public static TestBearerSecurity admin(String token) {
    return new TestBearerSecurity(Map.of(token, Set.of("admin")));
  }

  @Override
  public Handler<RoutingContext> require(String scope) {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
      Set<String> scopes = token == null ? null : scopesByToken.get(token);
      if (scopes == null) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        Problems.send(ctx, Problem.of(401, "unauthorized", "Unauthorized", "Missing or unknown API key."));
        return;
      }
      if (!scopes.contains(scope) && !scopes.contains("admin")) {
        Problems.send(ctx, Problem.of(403, "forbidden", "Forbidden", "The key lacks scope " + scope + "."));
        return;
      }
      ctx.put("apiKeyId", "test-" + token.hashCode());
      ctx.next();
    };
  }
}
