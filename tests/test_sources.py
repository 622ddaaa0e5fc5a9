"""kg.sources: folders, URL lists, feeds, HTML (trafilatura) and PDF (pypdf) into documents."""

from __future__ import annotations

import pytest

from kg.extract.document import clean_date
from kg.namespaces import text_key
from kg.sources import Failure, Item, expand, html_text, to_document, url_list
from tests.ingest_fixtures import CORPUS, DATA, html_page, pdf_file, read_text, rss_feed

BODY = ("Berlin, 3. März 2023. Die Bundesrepublik Deutschland und Kasachstan unterzeichneten am "
        "2. März 2023 in Astana ein Memorandum of Understanding über die Zusammenarbeit bei "
        "grünem Wasserstoff.\n\nDas Abkommen sieht gemeinsame Projekte vor.")


def test_a_folder_is_read_recursively_with_every_kind_of_document(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a" / "one.meta.json").write_text('{"title": "Eins", "language": "de"}')
    (tmp_path / "two.html").write_text(html_page(BODY, title="Zwei", published="2023-03-03"))
    pdf_file(tmp_path / "three.pdf", BODY, title="Drei")
    (tmp_path / "notes.md").write_text("Kurze Notiz über Wasserstoff.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("versteckt")
    items = list(expand([tmp_path]))
    assert all(isinstance(i, Item) for i in items)
    names = [i.label.removeprefix(str(tmp_path) + "/") for i in items]
    assert names == ["a/one.txt", "notes.md", "three.pdf", "two.html"]
    media = {i.name: i.media_type for i in items}
    assert media == {"one": "text/plain", "notes": "text/markdown", "three": "application/pdf",
                     "two": "text/html"}
    assert items[0].meta["title"] == "Eins" and items[0].location.startswith("file:///")


def test_html_main_text_and_metadata_without_the_boilerplate():
    page = html_page(BODY, title="Deutschland und Kasachstan vereinbaren Wasserstoff-Partnerschaft",
                     published="2023-03-03", site="Energie-Nachrichten")
    text, meta = html_text(page.encode(), "https://news.example.org/a/1")
    assert "Kasachstan unterzeichneten" in text and "gemeinsame Projekte" in text
    for boilerplate in ("Cookies", "Startseite", "Solarpark", "Impressum", "Redaktion"):
        assert boilerplate not in text, boilerplate
    assert meta == {"title": "Deutschland und Kasachstan vereinbaren Wasserstoff-Partnerschaft",
                    "published": "2023-03-03", "site": "Energie-Nachrichten", "language": "de"}
    doc = to_document(Item("https://news.example.org/a/1", "page", page.encode(), "text/html"))
    assert doc.published == "2023-03-03" and doc.language == "de"
    assert doc.site == "Energie-Nachrichten" and doc.source == "https://news.example.org/a/1"
    assert doc.location == "https://news.example.org/a/1" and doc.media_type == "text/html"


def test_html_date_from_json_ld_alone():
    page = html_page(BODY, title="Titel", published=None).replace(
        '"publisher"', '"datePublished": "2022-11-08T10:00:00Z", "publisher"')
    assert html_text(page.encode())[1]["published"] == "2022-11-08"


def test_pdf_text_and_title(tmp_path):
    path = pdf_file(tmp_path / "release.pdf", BODY, title="Pressemitteilung")
    doc = to_document(next(expand([path])))
    assert "Kasachstan unterzeichneten" in doc.text and doc.title == "Pressemitteilung"
    assert doc.media_type == "application/pdf"


def test_unreadable_pdf_is_a_failure_naming_the_file(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not really a pdf")
    from kg.errors import DocumentError

    with pytest.raises(DocumentError, match="broken.pdf"):
        to_document(next(expand([path])))


def test_url_lists_need_fetch_and_keep_comments_out(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("# ministry releases\nhttps://a.example/1\n\n  https://b.example/2  \n")
    assert url_list(listing.read_bytes()) == ["https://a.example/1", "https://b.example/2"]
    assert url_list(b"Not a URL\nhttps://a.example/1") is None
    failures = list(expand([listing]))
    assert [type(f) for f in failures] == [Failure, Failure]
    assert "--fetch" in failures[0].reason
    to_fetch = list(expand([listing], fetcher=object()))
    assert [(i.location, i.data) for i in to_fetch] == [("https://a.example/1", None),
                                                         ("https://b.example/2", None)]


def test_a_feed_file_without_fetch_uses_the_entries_text(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text(rss_feed([
        {"title": "Wasserstoff-Abkommen", "link": "https://news.example.org/a/1",
         "published": "2023-03-03", "summary": f"<p>{BODY}</p>"},
        {"title": "Leer", "link": "https://news.example.org/a/2", "summary": ""}]))
    found = list(expand([feed]))
    assert isinstance(found[0], Item) and isinstance(found[1], Failure)
    doc = to_document(found[0])
    assert doc.title == "Wasserstoff-Abkommen" and doc.published == "2023-03-03"
    assert doc.location == "https://news.example.org/a/1" and "Astana" in doc.text
    assert doc.site == "Energie-Nachrichten" and doc.language == "de"
    with_fetch = list(expand([feed], fetcher=object()))
    assert [i.data for i in with_fetch] == [None, None]  # the pages are to be fetched


def test_missing_and_unknown_sources_are_failures(tmp_path):
    found = list(expand([tmp_path / "nope", "https://example.org/x"]))
    assert [f.reason for f in found] == ["no such file or folder",
                                         "a URL is only fetched with --fetch"]


def test_the_key_ignores_header_whitespace_and_unicode_composition():
    plain = to_document(Item("", "a", BODY.encode(), "text/plain"))
    header = "# language: de\n# published: 2023-03-03\n\n"
    messy = BODY.replace(" ", "  ").replace("ü", "u\u0308")
    other = to_document(Item("", "b", (header + messy + "\n\n").encode(), "text/plain"))
    assert plain.key == other.key == text_key(BODY)


def test_invented_texts_read(tmp_path):
    docs = [to_document(i) for i in expand([DATA])]
    assert len(docs) == 4 and {d.language for d in docs} == {"de", "en"}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")
def test_corpus_pages_give_back_the_corpus_text():
    for path in sorted(CORPUS.glob("*.txt"))[:8]:
        meta, body = read_text(path)
        published = clean_date(meta.get("published"))
        page = html_page(body, title="Titel", published=published)
        text, found = html_text(page.encode())
        assert text.split()[-20:] == body.split()[-20:], path.name
        if published and len(published) == 10:  # a day: the page states it exactly
            assert found.get("published") == published, path.name
