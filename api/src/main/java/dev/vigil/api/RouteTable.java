package dev.vigil.api;

import dev.vigil.api.rules.VersionedSourceHandler;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * The routes of one resource under one pair of scopes: {@link #read} routes require the read scope,
 * {@link #write} routes the write scope; a route given a content-type check also reads a body
 * (see {@link #withBody}). Keeps each resource's table to one line a route.
 */
final class RouteTable {

  private final Router router;
  private final BodyHandler body;
  private final Handler<RoutingContext> read;
  private final Handler<RoutingContext> write;

  RouteTable(Router router, BodyHandler body, Handler<RoutingContext> read, Handler<RoutingContext> write) {
    this.router = router;
    this.body = body;
    this.read = read;
    this.write = write;
  }

  RouteTable read(HttpMethod method, String path, Handler<RoutingContext> handler) {
    return add(read, method, path, null, handler);
  }

  /** A read route with a body (dry runs, validation). */
  RouteTable read(HttpMethod method, String path, Handler<RoutingContext> contentType, Handler<RoutingContext> handler) {
    return add(read, method, path, contentType, handler);
  }

  RouteTable write(HttpMethod method, String path, Handler<RoutingContext> handler) {
    return add(write, method, path, null, handler);
  }

  RouteTable write(HttpMethod method, String path, Handler<RoutingContext> contentType, Handler<RoutingContext> handler) {
    return add(write, method, path, contentType, handler);
  }

  private RouteTable add(Handler<RoutingContext> scope, HttpMethod method, String path,
      Handler<RoutingContext> contentType, Handler<RoutingContext> handler) {
    Route route = router.route(method, path);
    (contentType == null ? route.handler(scope) : withBody(route, scope, contentType, body)).handler(handler);
    return this;
  }

  /**
   * The routes of a versioned-source resource at {@code base} ({@code /v1/rules}, {@code
   * /v1/decision-sets}): validate and test drafts, list, read, versions, put, roll back, delete.
   */
  RouteTable versionedSources(String base, VersionedSourceHandler<?> h) {
    Handler<RoutingContext> source = VersionedSourceHandler.sourceContentType();
    Handler<RoutingContext> json = VersionedSourceHandler.jsonContentType();
    String one = base + "/:id";
    return read(HttpMethod.POST, base + "/validate", source, h::validate)
        .read(HttpMethod.POST, base + "/test", json, h::test)
        .read(HttpMethod.GET, base, h::list)
        .read(HttpMethod.GET, one, h::get)
        .read(HttpMethod.GET, one + "/versions", h::versions)
        .write(HttpMethod.PUT, one, source, h::put)
        .write(HttpMethod.POST, one + "/rollback", json, h::rollback)
        .write(HttpMethod.DELETE, one, h::delete);
  }

  /**
   * Chains the handlers of a route that reads a body: pause the request (so the body waits while
   * authentication may run asynchronously), authenticate, check the content type, then read the
   * body under the size limit. Reading happens only for authorized, well-typed requests.
   *
   * <p>Vert.x only lets platform handlers precede a {@link BodyHandler}; the pause makes running
   * these ones first safe, so they are marked as such.
   */
  static Route withBody(
      Route route, Handler<RoutingContext> auth, Handler<RoutingContext> contentType, BodyHandler body) {
    return route
        .handler(new BeforeBody(RouteTable::pauseBody))
        .handler(new BeforeBody(auth))
        .handler(new BeforeBody(contentType))
        .handler(body);
  }

  /** A handler that runs before the body is read (see {@link #withBody}). */
  private record BeforeBody(Handler<RoutingContext> delegate) implements PlatformHandler {
    @Override
    public void handle(RoutingContext ctx) {
      delegate.handle(ctx);
    }
  }

  private static void pauseBody(RoutingContext ctx) {
    ctx.request().pause();
    // If the request is answered before its body was read (401, 415, 413 by Content-Length),
    // drain the rest so the connection stays usable.
    ctx.addHeadersEndHandler(v -> {
      if (!ctx.request().isEnded()) {
        ctx.request().resume();
      }
    });
    ctx.next();
  }
}
