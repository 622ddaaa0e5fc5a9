"""Cross-origin access (CORS) and plain ``OPTIONS``, around the whole app.

Pages on other origins (YASGUI, notebooks in a browser, a ``fetch()`` in a
web page) may read the API: ``KG_CORS_ORIGINS`` lists the origins allowed,
``*`` (any) by default, empty for none. CORS only lets a browser *show* a
response to another origin's page; it grants no rights, so writes still need
the bearer token, which such a page must send itself (``Authorization`` is
allowed in preflights). Cookies are never used, so credentials stay off.

The preflight (``OPTIONS`` with ``Origin`` and ``Access-Control-Request-Method``)
is answered by Starlette's :class:`~starlette.middleware.cors.CORSMiddleware`;
an ``OPTIONS`` without them is answered here with ``204`` and an ``Allow``
header listing the path's methods (instead of 405).

Both wrap the app from outside (:attr:`api.app.KGApp.outer`) rather than being
added with ``add_middleware``, so the SPARQL short way in stays open.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from api.settings import Settings

METHODS = ("GET", "HEAD", "POST", "DELETE", "OPTIONS")
# Response headers a cross-origin page may read besides the CORS-safelisted ones.
EXPOSED = ("X-KG-Revision", "X-KG-Results", "Server-Timing", "Content-Disposition", "Link",
           "Location", "WWW-Authenticate", "Retry-After")
MAX_AGE = 3600  # seconds a browser may cache a preflight answer


def methods_at(routes: list, scope: Scope) -> list[str]:
    """Every method some route answers at the scope's path (empty: an unknown path).

    Each method is tried against the routing table, since included routers keep
    their routes to themselves.
    """
    found = []
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
        probe = {**scope, "type": "http", "method": method}
        if any(route.matches(probe)[0] == Match.FULL for route in routes):
            found.append(method)
    return found


class PlainOptions:
    """``OPTIONS`` that is not a CORS preflight: 204 with ``Allow`` on a known path."""

    def __init__(self, app: ASGIApp, routes: list) -> None:
        self.app, self.routes = app, routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            methods = methods_at(self.routes, scope)
            if methods:
                allow = ", ".join(sorted({*methods, "OPTIONS"}))
                await Response(status_code=204, headers={"Allow": allow})(scope, receive, send)
                return
        await self.app(scope, receive, send)


def wrap(app: ASGIApp, routes: list, settings: Settings) -> ASGIApp:
    """``app`` with plain ``OPTIONS`` answered and, unless no origin is allowed, CORS."""
    inner: ASGIApp = PlainOptions(app, routes)
    if not settings.cors_origins:
        return inner
    return CORSMiddleware(
        inner,
        allow_origins=list(settings.cors_origins),
        allow_methods=METHODS,
        allow_headers=["*"],  # mirrored back: Authorization, Content-Type, ...
        allow_credentials=False,
        # Public pages may query a server on a user's own machine (kg serve on localhost);
        # writes there still need the token.
        allow_private_network=True,
        expose_headers=EXPOSED,
        max_age=MAX_AGE,
    )


__all__ = ["EXPOSED", "METHODS", "PlainOptions", "methods_at", "wrap"]
