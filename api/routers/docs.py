"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc), with every asset served by this server.

FastAPI's own pages load Swagger UI and ReDoc from a CDN and stay blank
offline. Here their JavaScript and CSS are files shipped with the project
under ``api/static/vendor`` (Swagger UI from the ``swagger-ui-dist`` npm
package, Apache-2.0; ReDoc's standalone bundle from the ``redoc`` npm
package, MIT; licences beside the files, versions in ``VERSIONS``), served
at ``/static/vendor/...``. No Google Fonts, no validator badge, no favicon
from elsewhere: the pages make no request off this server.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
ASSETS = "/static/vendor"
VERSIONS = {"swagger-ui-dist": "5.35.0", "redoc": "2.5.4"}
TITLE = "energy-kg API"


def _url(request: Request, path: str) -> str:
    """``path`` under the app's mount point (``root_path``), so a proxy prefix keeps working."""
    return request.scope.get("root_path", "").rstrip("/") + path


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json``, from the shipped assets."""
    return get_swagger_ui_html(
        openapi_url=_url(request, "/openapi.json"), title=TITLE,
        swagger_js_url=_url(request, f"{ASSETS}/swagger-ui/swagger-ui-bundle.js"),
        swagger_css_url=_url(request, f"{ASSETS}/swagger-ui/swagger-ui.css"),
        swagger_favicon_url=_url(request, f"{ASSETS}/swagger-ui/favicon-32x32.png"),
        oauth2_redirect_url=_url(request, "/docs/oauth2-redirect"),
        swagger_ui_parameters={"validatorUrl": None})  # the default badge calls swagger.io


@router.get("/docs/oauth2-redirect")
def swagger_ui_redirect() -> HTMLResponse:
    """The page Swagger UI's OAuth2 flow returns to (kept as FastAPI has it)."""
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """ReDoc over ``/openapi.json``, from the shipped standalone bundle, without web fonts."""
    return get_redoc_html(
        openapi_url=_url(request, "/openapi.json"), title=TITLE,
        redoc_js_url=_url(request, f"{ASSETS}/redoc/redoc.standalone.js"),
        redoc_favicon_url=_url(request, f"{ASSETS}/swagger-ui/favicon-32x32.png"),
        with_google_fonts=False)


def install(app: FastAPI) -> None:
    """Serve the vendored assets at :data:`ASSETS` (a mount: routers cannot carry one)."""
    app.mount(ASSETS, StaticFiles(directory=VENDOR), name="vendor")
