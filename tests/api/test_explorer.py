"""The explorer's pages over HTTP (the browser side is in test_explorer_browser.py): the actor
page, the agreement page with its evidence, the path finder, search without JavaScript, HTML
404 pages for browsers and the favicon.

The agreement page is also read from a store built by ``kg build`` from ``seeds/``, with the
extractor's evidence: there the Rosatom–Japan memorandum has fourteen evidence nodes that
quote one sentence, which the page used to show fourteen times.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape

import pytest

from tests.api.conftest import ROOT, LiveServer

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ROSATOM_JAPAN = "/id/agreement/2016-12-16-japan-rosatom-nuclear-energy"


def _page(http, path: str) -> str:
    response = http.get(path, headers={"Accept": BROWSER})
    assert response.status_code == 200, (path, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def _section(html: str, ident: str) -> str:
    start = html.index(f'<section id="{ident}">')
    return html[start:html.index("</section>", start)]


def _text(html: str) -> str:
    inline = re.sub(r"</?(mark|q|time|b)\b[^>]*>", "", html)
    return unescape(re.sub(r"<[^>]+>", " ", inline))


def test_actor_page_has_agreements_first_then_partners_with_topics_and_dates(http):
    html = _page(http, "/id/country/JP")
    order = [html.index(f'<section id="{s}">') for s in ("agreements", "partners", "network")]
    assert order == sorted(order)
    assert html.index('<section id="agreements">') < html.index("All relations")
    agreements = _text(_section(html, "agreements"))
    assert "Rosatom–Japan memorandum" in agreements and "16 December 2016" in agreements
    partners = _section(html, "partners")
    rows = {m.group(1): m.group(0) for m in re.finditer(
        r'<tr data-iri="https://w3id.org/energy-kg/id/([^"]+)".*?</tr>', partners, re.S)}
    assert {"org/rosatom", "country/RU", "country/DE"} <= set(rows)
    rosatom, russia = _text(rows["org/rosatom"]), _text(rows["country/RU"])
    assert "nuclear energy" in rosatom and "16 December 2016" in rosatom and "Russia" in rosatom
    assert "nuclear energy" in russia and "12 May 2009" in russia
    assert 'data-first="2016-12-16"' in rows["org/rosatom"]
    assert 'data-topics="' in rows["country/DE"] and "topic/hydrogen" in rows["country/DE"]
    # filters offer the partners' topics and kinds
    assert '<option value="https://w3id.org/energy-kg/id/topic/hydrogen">hydrogen</option>' \
        in partners
    assert '<option value="Organization">Organization</option>' in partners
    assert 'id="timeline"' in html and 'id="graph"' in html


def test_actor_page_draws_from_data_in_the_page(http):
    html = _page(http, "/id/country/JP")
    import json  # noqa: PLC0415

    data = json.loads(re.search(r'<script type="application/json" id="page-data">(.*?)</script>',
                                html, re.S).group(1))
    assert data["center"]["label"] == "Japan"
    assert {n["label"] for n in data["nodes"]} >= {"Japan", "Rosatom", "Russia"}
    edge = next(e for e in data["edges"] if e["target"].endswith("org/rosatom"))
    assert edge["topics"] and edge["first"] == "2016-12-16"
    assert [t["date"] for t in data["timeline"]] == sorted(t["date"] for t in data["timeline"])


def test_topic_and_person_pages_list_their_agreements(http):
    hydrogen = _text(_section(_page(http, "/id/topic/hydrogen"), "agreements"))
    assert "Germany–Japan declaration of intent on hydrogen" in hydrogen
    putin = _text(_section(_page(http, "/id/person/vladimir-putin"), "agreements"))
    assert "Rosatom–Japan" in putin


def test_agreement_page_in_the_test_fixture(http):
    html = _page(http, ROSATOM_JAPAN)
    signatories = _text(_section(html, "signatories"))
    assert "Alexey Likhachev" in signatories and "Generaldirektor" in signatories
    assert signatories.count("Alexey Likhachev") == 1  # one row per signer and party
    summary = _text(html[html.index('<table class="summary">'):])
    assert "16 December 2016" in summary and "day precision" in summary and "Tokyo" in summary
    assert "Vladimir Putin" in summary and "Shinzo Abe" in summary
    quote = "Rosatom und Japan unterzeichneten ein Memorandum"
    assert _text(html).count(quote) == 1


def test_path_finder_page_fills_in_from_the_address(http):
    html = _page(http, "/pathfinder?source=Nordrhein-Westfalen&target=Kazakhstan&k=2"
                       "&topic=hydrogen&via=%3Cb%3E")
    assert 'value="Nordrhein-Westfalen"' in html and 'value="Kazakhstan"' in html
    assert 'value="2"' in html and '<option value="hydrogen" selected>' in html
    assert 'value="&lt;b&gt;"' in html  # escaped
    assert 'data-complete="actor"' in html


def test_home_search_works_without_javascript(http):
    html = _page(http, "/?q=Japn")
    hits = html[html.index('<ul id="hits"'):]
    assert re.search(r'<a href="/id/country/JP"[^>]*>Japan</a>', hits)
    assert "nothing found" in _page(http, "/?q=qqqqqqqq")


def test_browsers_get_html_404_pages(http):
    response = http.get("/id/country/XX", headers={"Accept": BROWSER})
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in response.text and "no entity country/XX" in response.text
    response = http.get("/id/org/rosatomm", headers={"Accept": BROWSER})
    assert response.status_code == 404 and 'href="/id/org/rosatom"' in response.text
    nowhere = http.get("/no/such/page", headers={"Accept": BROWSER})
    assert nowhere.status_code == 404 and "<h1>Not found</h1>" in nowhere.text
    # clients that do not ask for HTML first keep the JSON error
    for accept in ("application/json", "*/*", None):
        headers = {"Accept": accept} if accept else {}
        response = http.get("/id/country/XX", headers=headers)
        assert response.status_code == 404
        assert response.json()["error"] == "not_found"
    assert http.get("/entities/country/XX", params={"format": "json"},
                    headers={"Accept": BROWSER}).json()["error"] == "not_found"


def test_favicon(http):
    for path in ("/favicon.ico", "/favicon.svg"):
        response = http.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert response.text.startswith("<svg")
    assert 'rel="icon" href="/favicon.svg"' in _page(http, "/")


def test_prefix_script_for_the_sparql_page(http):
    body = http.get("/explorer/prefixes.js").text
    assert '"country": "https://w3id.org/energy-kg/id/country/"' in body
    assert "window.EKG_DECLARED" in body and "https://w3id.org/energy-kg/ontology#party" in body


# --- the real build: the extractor's evidence ----------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``kg build`` of seeds/ (with extraction) served by the test server."""
    store = tmp_path_factory.mktemp("built") / "store"
    done = subprocess.run([sys.executable, "-m", "kg", "build", "--store", str(store)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    server = LiveServer(store=store)
    yield server
    server.stop()


def test_agreement_page_shows_each_quote_once(built):
    import httpx  # noqa: PLC0415

    with httpx.Client(base_url=built.url, timeout=60) as http:
        evidence = http.get("/entities/agreement/2016-12-16-japan-rosatom-nuclear-energy"
                            ).json()["agreement"]["evidence"]
        html = _page(http, ROSATOM_JAPAN)
    quotes = [e["quote"] for e in evidence if e.get("quote")]
    assert len(quotes) >= 10 and len(set(quotes)) == 1  # the data: one sentence, many facts
    sentence = quotes[0]
    text = _text(html)
    assert text.count(sentence[:60]) == 1  # shown once
    section = _section(html, "evidence")
    assert section.count('<figure class="quote"') == 1
    # each fact of the sentence listed once beside it, and its words marked in it
    facts = re.findall(r'<li data-fact="(\d+)"', section)
    assert len(facts) == len({(e.get("property"), e.get("value")) for e in evidence})
    marked = {unescape(m) for m in re.findall(r"<mark[^>]*>([^<]*)</mark>", section)}
    assert {"Shinzō Abe", "Wladimir Putin", "Alexey Lichatschev", "Hiroshige Seko"} <= marked
    assert "Memorandum" in marked and any("2016" in m for m in marked)
    # the facts table tells curated from extracted, and points each extracted fact at its quote
    table = _section(html, "facts")
    witness = re.search(r'<tr class="fact" data-property="witness" '
                        r'data-value="[^"]*shinzo-abe">.*?</tr>', table, re.S).group(0)
    assert "badge curated" in witness and "badge extracted" in witness
    assert witness.count('href="#quote-1"') == 1
    extracted_only = [row for row in re.findall(r'<tr class="fact".*?</tr>', table, re.S)
                      if "badge extracted" in row and "badge curated" not in row]
    assert extracted_only  # nuclear safety: read from the text, not curated
    assert 'href="/id/document/' in section  # the document is linked
