"""Clients none of us wrote, against the live server: Comunica's SPARQL CLI and YASGUI.

Both come from npm and run only when Node is present (skipped otherwise, under CI
too). Packages are cached under ``tests.tools.tools_cache()`` (``~/.cache/energy-kg/
test-tools`` by default), so only the first run downloads them.

* Comunica (``npx -p @comunica/query-sparql comunica-sparql URL -q ...``) is given
  the bare ``/sparql`` URL with no ``sparql@`` hint: it must recognise the endpoint
  by itself (it asks for RDF and reads the service description), then query it.
* YASGUI (``@zazuko/yasgui``'s browser bundle, from ``npm pack``) is served from a
  second local server on another port and driven in headless Chromium: a
  cross-origin editor that sends its query to ``/sparql`` and shows the table.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.tools import need_node, npm_env, npm_package

COMUNICA = "@comunica/query-sparql@4"
YASGUI = "@zazuko/yasgui@4"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
JAPAN = ("SELECT DISTINCT ?label WHERE { <https://w3id.org/energy-kg/id/country/JP> "
         f'<{RDFS_LABEL}> ?label FILTER(lang(?label) = "en") }}')
COUNT = ("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a "
         "<https://w3id.org/energy-kg/ontology#Country> }")


def comunica(endpoint: str, query: str, *extra: str) -> subprocess.CompletedProcess:
    """Run the Comunica SPARQL CLI through npx (downloaded into the cache on first use)."""
    need_node()
    npx = shutil.which("npx")
    if npx is None:
        pytest.skip("npx is not installed")
    return subprocess.run([npx, "-y", "-p", COMUNICA, "comunica-sparql", endpoint, "-q", query,
                           "-t", "application/sparql-results+json", *extra],
                          env=npm_env(), capture_output=True, text=True, timeout=900)


def _bindings(done: subprocess.CompletedProcess) -> list[dict]:
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)["results"]["bindings"]


@pytest.mark.slow
def test_comunica_finds_and_queries_the_endpoint(base_url, http):
    done = comunica(base_url + "/sparql", JAPAN, "-l", "info")
    assert [b["label"]["value"] for b in _bindings(done)] == ["Japan"]
    assert f"Identified {base_url}/sparql as sparql source" in done.stderr
    # The same count through Comunica and through the Python client.
    ours = http.get("/sparql", params={"query": COUNT},
                    headers={"Accept": "application/sparql-results+json"}).json()
    theirs = _bindings(comunica(base_url + "/sparql", COUNT))
    assert theirs[0]["n"]["value"] == ours["results"]["bindings"][0]["n"]["value"]


YASGUI_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>YASGUI elsewhere</title>
<link rel="stylesheet" href="yasgui.min.css"></head>
<body><div id="yasgui"></div>
<script src="yasgui.min.js"></script>
<script>
  window.yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: ENDPOINT, method: "POST" },
    copyEndpointOnNewTab: false, persistenceId: null,
  });
</script></body></html>
"""


@pytest.mark.slow
def test_yasgui_from_another_origin(page, base_url, other_origin):
    package = npm_package(YASGUI, "zazuko-yasgui")
    for name in ("yasgui.min.js", "yasgui.min.css"):
        shutil.copy(package / "build" / name, other_origin.root / name)
    (other_origin.root / "yasgui.html").write_text(
        YASGUI_PAGE.replace("ENDPOINT", json.dumps(base_url + "/sparql")), encoding="utf-8")
    api_requests: list[str] = []
    page.on("request", lambda r: api_requests.append(r.method)
            if r.url.startswith(base_url) else None)
    # Only the two local servers: YASGUI's optional look-ups elsewhere just fail.
    page.context.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith("http://127.0.0.1") else route.abort())
    page.goto(other_origin.url + "/yasgui.html")
    page.wait_for_function("window.yasgui && window.yasgui.getTab()")
    page.evaluate("q => { const tab = window.yasgui.getTab(); tab.setQuery(q); tab.query(); }",
                  JAPAN)
    page.wait_for_selector(".yasr table td:has-text('Japan')", timeout=60_000)
    assert "POST" in api_requests
    assert page.locator(".yasr .errorHeader, .yasr .error").count() == 0
