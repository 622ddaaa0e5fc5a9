"""Fixtures for ingestion tests, built inside the test suite (nothing copied into the repo).

- :func:`html_page` wraps a text in a realistic news page: navigation, a cookie banner,
  related-article links, a footer, ``<meta>`` dates and a JSON-LD ``NewsArticle``;
- :func:`rss_feed` writes an RSS 2.0 feed whose entries link to such pages;
- :func:`pdf_file` writes a PDF press release with fpdf2;
- :class:`Site` serves a folder over HTTP on 127.0.0.1 (a real server, for --fetch).

Texts come from ``tests/data/ingest`` (small invented texts, always there) and, when it
exists, the shared development corpus ``../shared/corpus/dev/texts`` (:data:`CORPUS`).
"""

from __future__ import annotations

import html
import http.server
import json
import threading
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

from kg.extract.document import clean_date, parse_header

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "ingest"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "texts"


def read_text(path: Path) -> tuple[dict, str]:
    """A text file's header fields and body."""
    return parse_header(path.read_text(encoding="utf-8"))


def headline(meta: dict, body: str) -> str:
    source = meta.get("source", "")
    if "title:" in source:
        return source.split("title:", 1)[1].split("(")[0].strip()
    return body.strip().split(". ")[0][:90]


def html_page(body: str, *, title: str, published: str | None, language: str = "de",
              site: str = "Energie-Nachrichten") -> str:
    """A news page around ``body``: the boilerplate a real site has, and its dates."""
    paragraphs = "\n".join(f"    <p>{html.escape(p.strip())}</p>"
                           for p in body.split("\n\n") if p.strip())
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "publisher": {"@type": "Organization", "name": site}}
    dates = ""
    if published and len(published) < 10:
        dates = f'<meta name="date" content="{published}">'
    elif published:
        ld["datePublished"] = f"{published}T09:30:00+01:00"
        dates = (f'<meta property="article:published_time" content="{published}T09:30:00+01:00">\n'
                 f'<meta name="date" content="{published}">')
    return f"""<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{html.escape(title)}">
{dates}
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>
<body>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/energie">Energie</a></li>
<li><a href="/politik">Politik</a></li><li><a href="/abo">Abo</a></li></ul></nav></header>
<div class="cookie-banner" id="cookie-consent">Wir verwenden Cookies, um Ihnen das beste
Nutzererlebnis zu bieten. <button>Alle akzeptieren</button> <button>Einstellungen</button></div>
<main>
  <article>
    <h1>{html.escape(title)}</h1>
    <div class="byline">Von der Redaktion</div>
{paragraphs}
  </article>
  <aside class="related"><h2>Das könnte Sie auch interessieren</h2><ul>
    <li><a href="/a/solarpark">Größter Solarpark Bayerns geht ans Netz</a></li>
    <li><a href="/a/strompreis">Strompreise sinken im dritten Quartal</a></li>
    <li><a href="/a/windkraft">Windkraft: Ausbau an Land zieht an</a></li></ul></aside>
</main>
<footer><p>© {site} · <a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a>
</p></footer>
</body>
</html>
"""


def rss_feed(entries: list[dict], *, title: str = "Energie-Nachrichten",
             link: str = "http://127.0.0.1/") -> str:
    """An RSS 2.0 feed; each entry: title, link, published (YYYY-MM-DD), summary (HTML)."""
    items = []
    for e in entries:
        date = ""
        if e.get("published"):
            day = (e["published"] + "-01-01")[:10]  # RSS dates are days: 2023-01 → 2023-01-01
            when = datetime.fromisoformat(day).replace(hour=9, tzinfo=timezone.utc)
            date = f"<pubDate>{format_datetime(when)}</pubDate>"
        items.append(f"""  <item>
    <title>{html.escape(e['title'])}</title>
    <link>{html.escape(e['link'])}</link>
    <guid>{html.escape(e['link'])}</guid>
    {date}
    <description>{html.escape(e.get('summary', ''))}</description>
  </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>{html.escape(title)}</title>
  <link>{html.escape(link)}</link>
  <description>Nachrichten zur Energiepolitik</description>
  <language>de</language>
{chr(10).join(items)}
</channel>
</rss>
"""


def pdf_file(path: Path, body: str, *, title: str) -> Path:
    """A PDF press release with ``body`` as its paragraphs (fpdf2, a core font)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in body.split("\n\n"):
        if paragraph.strip():
            text = paragraph.strip().encode("latin-1", "replace").decode("latin-1")
            pdf.multi_cell(0, 6, text)
            pdf.ln(6)
    pdf.output(str(path))
    return path


class Site:
    """A folder served over HTTP on 127.0.0.1 by a thread; ``url(name)`` gives a page's URL."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.requests: list[str] = []
        site = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(folder), **kwargs)

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self):  # noqa: N802 - the stdlib's name
                site.requests.append(self.path)
                if self.path.startswith("/redirect-to/"):
                    self.send_response(302)
                    target = self.path[len("/redirect-to/"):]
                    self.send_header("Location", target if "://" in target else "/" + target)
                    self.end_headers()
                    return
                super().do_GET()

            def guess_type(self, path):
                if str(path).endswith(".rss"):
                    return "application/rss+xml"
                return super().guess_type(path)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def publish(folder: Path, texts: list[Path], base: str) -> list[dict]:
    """Write one HTML page per text into ``folder`` and an RSS feed ``feed.rss`` linking them.

    Returns the feed entries (title, link, published, summary, text file).
    """
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for path in texts:
        meta, body = read_text(path)
        title = headline(meta, body)
        language = meta.get("language", "de")
        published = clean_date(meta.get("published"))
        page = html_page(body, title=title, published=published, language=language)
        name = path.stem + ".html"
        (folder / name).write_text(page, encoding="utf-8")
        entries.append({"title": title, "link": f"{base}/{name}",
                        "published": published,
                        "summary": f"<p>{html.escape(body.strip())}</p>", "file": path})
    (folder / "feed.rss").write_text(rss_feed(entries, link=base + "/"), encoding="utf-8")
    return entries
