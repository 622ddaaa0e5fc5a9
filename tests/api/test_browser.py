"""The API in a real browser: headless system Chromium driven by Playwright.

* a page on another origin (a second local server on another port) reads
  ``/sparql`` with ``fetch()``: GET, form POST and ``application/sparql-query``
  POST (which needs a preflight), and sees the errors of writes without a token;
* ``/docs`` and ``/redoc`` render with every request off 127.0.0.1 blocked;
* a shared ``/sparql?query=...`` link opens the query page, filled in and run.

Skipped without Chromium, failed without it under ``CI=true`` (``tests/tools.py``).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

JAPAN = ("SELECT DISTINCT ?label WHERE { <https://w3id.org/energy-kg/id/country/JP> "
         "rdfs:label ?label FILTER(lang(?label) = 'en') }")

FETCH_ALL = """async ([api, query, token]) => {
  const out = {};
  const read = async (r) => ({status: r.status, type: r.headers.get("content-type"),
                              results: r.headers.get("x-kg-results"), body: await r.text()});
  out.get = await read(await fetch(api + "/sparql?query=" + encodeURIComponent(query),
                                   {headers: {"Accept": "application/sparql-results+json"}}));
  out.form = await read(await fetch(api + "/sparql", {method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded"},
      body: "query=" + encodeURIComponent(query)}));
  out.direct = await read(await fetch(api + "/sparql", {method: "POST",
      headers: {"Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json"}, body: query}));
  out.noToken = await read(await fetch(api + "/update", {method: "POST",
      headers: {"Content-Type": "application/sparql-update"}, body: "CLEAR SILENT GRAPH <urn:x>"}));
  out.badToken = await read(await fetch(api + "/update", {method: "POST",
      headers: {"Content-Type": "application/sparql-update", "Authorization": "Bearer " + token},
      body: "CLEAR SILENT GRAPH <urn:x>"}));
  return out;
}"""


def _only_local(page, base_url: str) -> list[str]:
    """Abort every request that is not to the API's host; the list fills with what was tried."""
    tried: list[str] = []
    host = urlsplit(base_url).hostname

    def route(request_route) -> None:
        url = request_route.request.url
        if urlsplit(url).hostname == host:
            request_route.continue_()
        else:
            tried.append(url)
            request_route.abort("internetdisconnected")

    page.context.route("**/*", route)
    return tried


def test_page_on_another_origin_queries_sparql(page, base_url, other_origin):
    page.goto(other_origin.url + "/index.html")
    assert page.evaluate("location.origin") != base_url  # another port: another origin
    out = page.evaluate(FETCH_ALL, [base_url, JAPAN, "not-the-token"])
    for name in ("get", "form", "direct"):
        assert out[name]["status"] == 200, out[name]
        assert out[name]["type"].startswith("application/sparql-results+json")
        assert '"Japan"' in out[name]["body"]
        assert out[name]["results"] == "1"  # an exposed header is readable too
    # CORS opens reading, not writing: the token is still needed, and the page can read why.
    assert out["noToken"]["status"] == 401 and "bearer token" in out["noToken"]["body"]
    assert out["badToken"]["status"] == 403  # the preflight let Authorization through


def test_docs_render_with_the_network_cut_off(page, base_url):
    tried = _only_local(page, base_url)
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/sparql" in p for p in paths) and len(paths) > 10
    assert "energy-kg" in page.locator(".title").first.inner_text()
    assert tried == []  # nothing even tried to leave the machine


def test_redoc_renders_with_the_network_cut_off(page, base_url):
    tried = _only_local(page, base_url)
    page.goto(base_url + "/redoc")
    page.wait_for_selector("[data-section-id^='operation/']", timeout=30_000)
    assert page.locator("[data-section-id^='operation/']").count() > 10
    assert "SPARQL query or update (POST)" in page.locator("body").inner_text()
    assert tried == []


def test_shared_query_link_opens_the_page_with_results(page, base_url):
    tried = _only_local(page, base_url)
    response = page.goto(f"{base_url}/sparql?query={quote(JAPAN)}")
    assert response.headers["content-type"].startswith("text/html")  # not a download
    page.wait_for_selector("#out table td")
    assert page.input_value("#query") == JAPAN
    assert page.locator("#out table td").all_inner_texts() == ["Japan @en"]
    assert "1 rows" in page.inner_text("#status")
    # A new query run on the page goes into the address bar: that URL is the link to share.
    other = JAPAN + " LIMIT 1"
    page.fill("#query", other)
    page.click("button[type=submit]")
    page.wait_for_function("document.querySelector('#status').textContent.includes('1 rows')")
    assert page.url.startswith(f"{base_url}/sparql?query=")
    assert page.evaluate("new URLSearchParams(location.search).get('query')") == other
    page.goto(page.url)  # opening the shared link again runs it again
    page.wait_for_selector("#out table td")
    assert page.input_value("#query") == other
    assert tried == []


@pytest.mark.parametrize("param", ["format=xml", "output=json"])
def test_format_parameter_still_wins_in_a_browser(page, base_url, param):
    response = page.request.get(f"{base_url}/sparql?query={quote(JAPAN)}&{param}",
                                headers={"Accept": "text/html,application/xhtml+xml,"
                                         "application/xml;q=0.9,*/*;q=0.8"})
    assert response.status == 200
    assert "sparql-results" in response.headers["content-type"]
