"""The explorer in a real browser: headless system Chromium driven by Playwright.

Each test watches the page: no console error, no uncaught exception and no request to any
host but the server's (such requests are aborted and listed). The screenshots of the actor
page, the path finder and the SPARQL page are written to ``screenshots/`` (in .gitignore);
the README shows committed copies from ``docs/img/``.

Skipped without Chromium, failed without it under ``CI=true`` (``tests/tools.py``).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from tests.api.conftest import ROOT

SHOTS = ROOT / "screenshots"
ID = "https://w3id.org/energy-kg/id/"


class Watch:
    """Console errors, page errors and off-server requests of one page."""

    def __init__(self, page, base_url: str) -> None:
        self.page, self.errors, self.offsite = page, [], []
        here = urlsplit(base_url).netloc
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

        def route(request_route) -> None:
            url = request_route.request.url
            if urlsplit(url).netloc == here or url.startswith(("data:", "blob:")):
                request_route.continue_()
            else:
                self.offsite.append(url)
                request_route.abort("internetdisconnected")

        page.context.route("**/*", route)

    def check(self) -> None:
        assert self.errors == [], self.errors
        assert self.offsite == [], self.offsite


@pytest.fixture
def watch(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    watched = Watch(page, base_url)
    yield watched
    watched.check()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _click_node(page, container: str, iri: str) -> None:
    page.locator(f"#{container}").scroll_into_view_if_needed()
    # Cytoscape notices the scroll on the next frames (it keeps the canvas's place)
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    point = page.evaluate("""([container, id]) => {
        const node = window.ekgGraph.getElementById(id), p = node.renderedPosition(),
              box = document.getElementById(container).getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""", [container, iri])
    page.mouse.move(point["x"], point["y"])  # as a user would: point, then click
    page.mouse.click(point["x"], point["y"])


def test_search_japn_and_open_japan(watch, base_url):
    page = watch.page
    page.goto(base_url + "/")
    page.fill("#q", "Japn")
    option = page.locator(".complete li", has_text="Japan").first
    option.wait_for()
    option.click()
    page.wait_for_url(base_url + "/id/country/JP")
    assert page.inner_text("h1") == "Japan"
    # without picking from the list, Enter lists what was found
    page.goto(base_url + "/")
    page.fill("#q", "Japn")
    page.press("#q", "Enter")
    page.wait_for_url(lambda url: url.endswith("/?q=Japn"))
    page.click("#hits a:text-is('Japan')")
    page.wait_for_url(base_url + "/id/country/JP")


def test_japan_shows_rosatom_and_russia_as_partners_with_topics_and_dates(watch, base_url):
    page = watch.page
    page.goto(base_url + "/id/country/JP")
    rows = page.locator("#partner-table tbody tr")
    rosatom = rows.filter(has=page.locator("a:text-is('Rosatom')"))
    russia = rows.filter(has=page.locator("td:first-child a:text-is('Russia')"))
    assert "nuclear energy" in rosatom.inner_text() and "16 December 2016" in rosatom.inner_text()
    assert "nuclear energy" in russia.inner_text() and "12 May 2009" in russia.inner_text()
    assert page.inner_text("#partner-count") == f"{rows.count()} of {rows.count()} partners"
    # filter by topic, kind and date; sort by the first date
    page.select_option("#partner-filters select[name=topic]", label="hydrogen")
    visible = [r.inner_text().split("\t")[0] for r in rows.all() if r.is_visible()]
    assert visible == ["Germany"]
    page.select_option("#partner-filters select[name=topic]", value="")
    page.select_option("#partner-filters select[name=type]", value="Organization")
    assert [r.inner_text().split("\t")[0] for r in rows.all() if r.is_visible()] == ["Rosatom"]
    page.select_option("#partner-filters select[name=type]", value="")
    page.fill("#partner-filters input[name=until]", "2010")
    assert [r.inner_text().split("\t")[0] for r in rows.all() if r.is_visible()] == ["Russia"]
    page.fill("#partner-filters input[name=until]", "")
    page.click("#partner-table th:text-is('first')")
    firsts = page.eval_on_selector_all("#partner-table tbody tr", "rs => rs.map(r => r.dataset.first)")
    assert firsts == sorted(firsts)
    # agreements come first, and the timeline is drawn
    assert page.locator("section").first.get_attribute("id") == "agreements"
    assert page.locator("#timeline svg .event").count() >= 2
    watch.check()


def test_expand_a_node_in_the_drawing(watch, base_url):
    page = watch.page
    page.goto(base_url + "/id/country/JP")
    page.wait_for_function("document.getElementById('graph').dataset.nodes >= 3")
    colours = page.evaluate("""() => window.ekgGraph.nodes().map(n => n.data('type') + ' ' +
                                                                   n.data('color'))""")
    assert "Organization #ff7f0e" in colours and "Country #1f77b4" in colours
    assert page.evaluate(f"window.ekgGraph.getElementById('{ID}country/KZ').length") == 0
    before = int(page.get_attribute("#graph", "data-nodes"))
    _click_node(page, "graph", ID + "country/RU")
    page.wait_for_function(f"window.ekgGraph.getElementById('{ID}country/KZ').length === 1")
    assert int(page.get_attribute("#graph", "data-nodes")) > before
    assert page.evaluate(f"window.ekgGraph.getElementById('{ID}country/RU').hasClass('expanded')")
    assert "Russia" in page.inner_text("#graph-info")
    assert page.evaluate("window.ekgGraph.edges().map(e => e.data('color'))")  # topic colours
    assert "nuclear energy" in page.inner_text("#graph-legend")
    _shot(page, "actor-page.png")
    watch.check()


def test_find_the_nrw_kazakhstan_path(watch, base_url):
    page = watch.page
    page.goto(base_url + "/pathfinder")
    page.fill("#source", "Nordrhein")
    option = page.locator("label:has(#source) .complete li", has_text="North Rhine-Westphalia")
    option.first.click()
    assert page.input_value("#source") == "North Rhine-Westphalia"
    page.fill("#target", "Kazakhstan")
    page.fill("#k", "3")
    page.click("button:text-is('Find paths')")
    page.wait_for_selector("#paths li.path")
    paths = page.locator("#paths > li.path")
    assert 1 <= paths.count() <= 3
    hops = paths.first.locator("li.hop").all_inner_texts()
    assert hops[0].startswith("North Rhine-Westphalia") and hops[-1].endswith("Kazakhstan")
    assert all(("→" in h or "←" in h) for h in hops)
    # each hop links both its ends to their pages
    assert paths.first.locator("li.hop a[href^='/id/']").count() == 2 * len(hops)
    assert int(page.get_attribute("#path-graph", "data-nodes")) >= len(hops) + 1
    assert page.evaluate(f"window.ekgGraph.getElementById('{ID}country/KZ').length") == 1
    assert "3 paths" in page.inner_text("#path-status") or paths.count() < 3
    query = urlsplit(page.url).query  # the address is the link to these paths
    assert "source=North+Rhine-Westphalia" in query and "target=Kazakhstan" in query
    _shot(page, "path-finder.png")
    page.goto(page.url)  # the shared link draws them again
    page.wait_for_selector("#paths li.path")
    watch.check()


def test_path_finder_filters(watch, base_url):
    page = watch.page
    page.goto(base_url + "/pathfinder?source=Nordrhein-Westfalen&target=Japan&k=2&via=Osaka")
    page.wait_for_selector("#paths li.path")
    for text in page.locator("#paths > li.path").all_inner_texts():
        assert "Osaka" in text
    assert page.locator("details.more[open]").count() == 1


def test_sparql_example_with_ctrl_enter_and_the_graph_view(watch, base_url):
    page = watch.page
    page.goto(base_url + "/sparql")
    example = page.get_attribute("a[data-q]:text-is('Cooperation network')", "data-q")
    page.fill("#query", example)
    assert page.locator("#highlight .tok-kw").first.inner_text() == "SELECT"  # highlighted
    page.focus("#query")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#out table td")
    assert "rows" in page.inner_text("#status")
    first_column = page.locator("#out table tr td:first-child").all_inner_texts()
    assert first_column and all(":" in c and "https://" not in c for c in first_column)  # compact
    page.click("button[data-view=graph]")
    page.wait_for_function("document.querySelector('#result-graph') && "
                           "document.querySelector('#result-graph').dataset.nodes > 2")
    assert page.get_attribute("button[data-view=graph]", "aria-pressed") == "true"
    assert page.url.endswith("#view=graph")
    _shot(page, "sparql-page.png")
    # an example link fills the editor and runs at once; the timeline view draws its dates
    page.click("a[data-q]:text-is('Agreements over time')")
    page.click("button[data-view=timeline]")
    page.wait_for_selector("#result-timeline svg .event")
    assert page.locator("#result-timeline svg .event").count() >= 2
    watch.check()


def test_sparql_completion(watch, base_url):
    page = watch.page
    page.goto(base_url + "/sparql")
    page.fill("#query", "SELECT ?a WHERE { ?a ekg:party country:Jap")
    option = page.locator("#editor .complete li", has_text="country:JP")
    option.wait_for()
    assert "Japan" in option.inner_text()
    page.focus("#query")
    page.keyboard.press("Enter")
    assert page.input_value("#query").endswith("country:JP")
    page.keyboard.type(" }")
    page.fill("#query", page.input_value("#query") + "\n# ekg:sig")
    page.locator("#editor .complete li", has_text="ekg:signatory").wait_for()
    page.keyboard.press("Escape")
    page.fill("#query", "SELECT ?a WHERE { ?a ekg:party country:JP }")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#out table td a")
    assert page.locator("#out table td a").first.inner_text().startswith("agreement:")
    page.check("#full-iris")
    assert page.locator("#out table td a").first.inner_text().startswith(ID + "agreement/")


def test_shared_query_link_keeps_its_view(watch, base_url):
    page = watch.page
    query = "SELECT ?a ?b WHERE { ?a ekg:cooperatesWith ?b } LIMIT 20"
    page.goto(f"{base_url}/sparql?query={quote(query)}#view=graph")
    page.wait_for_function("document.querySelector('#result-graph') && "
                           "document.querySelector('#result-graph').dataset.nodes > 1")
    assert page.input_value("#query") == query
    assert page.get_attribute("#share", "href").endswith("#view=graph")


def test_agreement_page_marks_the_words_of_a_fact(watch, base_url):
    page = watch.page
    page.goto(base_url + "/id/agreement/2016-12-16-japan-rosatom-nuclear-energy")
    quote = page.locator("figure.quote").first
    assert "Rosatom und Japan unterzeichneten" in quote.locator("blockquote").inner_text()
    fact = quote.locator("li[data-fact]", has_text="Rosatom").first
    fact.hover()
    hot = quote.locator("mark.hot").all_inner_texts()
    assert hot == ["Rosatom"]
    page.mouse.move(0, 0)
    assert quote.locator("mark.hot").count() == 0
    assert page.locator("#facts .badge.curated").count() > 0
