"""Reading sources for ``kg ingest``: folders, files, URL lists and feeds, into documents.

A *source* on the command line is one of:

- a folder, read recursively: every ``.txt``, ``.md``, ``.html``, ``.htm`` and
  ``.pdf`` file (``<stem>.meta.json`` files beside them are metadata, not documents);
- a document file of one of those kinds;
- a file listing URLs, one a line (``#`` starts a comment; blank lines are skipped);
- an RSS or Atom feed (a file, or a URL with ``--fetch``), read with feedparser:
  each entry's linked page is fetched with ``--fetch``, else the entry's own
  content or summary is the document;
- a URL of a page or a feed (needs ``--fetch``).

:func:`expand` turns sources into :class:`Item` s (where a document comes from, its
bytes once read, its metadata), cheaply, in the main process; :func:`to_document`
turns an item into a :class:`kg.extract.document.Document` — HTML through
trafilatura (main text; title, publication date via htmldate, site name; the
language from ``<html lang>``), PDF through pypdf — and may run in a worker
process. An item's ``location`` (a ``file:`` URI or the URL) is its source key:
a changed text read again from the same location replaces the old document.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import DocumentError, KGError
from kg.extract.document import MAX_BYTES, Document, clean_date, decode, make_document

MEDIA_TYPES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html",
               ".htm": "text/html", ".pdf": "application/pdf"}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".feed")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclass
class Item:
    """One document to ingest: where it comes from, its bytes (once read) and metadata."""

    location: str                   # the source key: a file: URI or a URL
    label: str                      # what messages show: the path or the URL
    data: bytes | None = None       # None: still to be fetched from ``location``
    media_type: str | None = None
    meta: dict = field(default_factory=dict)  # title, published, source, language, site
    name: str = "document"


@dataclass
class Failure:
    """A source, or one document of it, that could not be read; ``label`` says which."""

    label: str
    reason: str


def is_url(value: str) -> bool:
    return bool(_URL.match(value.strip()))


# --- expanding sources into items ---------------------------------------------------------

def expand(sources: Iterable[str | Path], *, fetcher=None,
           language: str | None = None) -> Iterator[Item | Failure]:
    """Every document the sources name, in order; a source that cannot be read is a Failure.

    ``fetcher`` (a :class:`kg.fetch.Fetcher`) is given only with ``--fetch``: feeds
    named by URL are fetched here, and feed entries become items to fetch.
    """
    for source in sources:
        text = str(source)
        try:
            if is_url(text):
                if fetcher is None:
                    yield Failure(text, "a URL is only fetched with --fetch")
                    continue
                fetched = fetcher.get(text)
                if _looks_like_feed(fetched.media_type, fetched.data):
                    yield from _feed_items(fetched.data, fetched.url, fetcher, language)
                else:
                    yield Item(text, text, fetched.data, fetched.media_type,
                               _meta(language), _name_of(text))
                continue
            path = Path(text)
            if path.is_dir():
                yield from _folder(path, language)
            elif not path.exists():
                yield Failure(text, "no such file or folder")
            else:
                yield from _file(path, fetcher, language)
        except KGError as exc:
            yield Failure(text, _reason(exc, text))
        except OSError as exc:
            yield Failure(text, f"cannot read: {exc.strerror or exc}")


def _reason(exc: Exception, label: str) -> str:
    message = str(exc)
    return message[len(label) + 2:] if message.startswith(label + ": ") else message


def _meta(language: str | None) -> dict:
    return {"language": language} if language else {}


def _folder(folder: Path, language: str | None) -> Iterator[Item | Failure]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in MEDIA_TYPES \
                and not path.name.endswith(".meta.json") \
                and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield from _document_file(path, language)


def _file(path: Path, fetcher, language: str | None) -> Iterator[Item | Failure]:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".pdf"):
        yield from _document_file(path, language)
        return
    if path.stat().st_size > MAX_BYTES:
        yield Failure(str(path), f"larger than {MAX_BYTES // 2**20} MB")
        return
    data = path.read_bytes()
    if suffix in FEED_SUFFIXES or _looks_like_feed(None, data):
        yield from _feed_items(data, path.resolve().as_uri(), fetcher, language)
        return
    urls = url_list(data)
    if urls is not None:
        for url in urls:
            if fetcher is None:
                yield Failure(url, "a URL is only fetched with --fetch")
            else:
                yield Item(url, url, None, None, _meta(language), _name_of(url))
        return
    yield from _document_file(path, language, data)


def url_list(data: bytes) -> list[str] | None:
    """The URLs of a URL-list file, or None if it is not one (a line that is not a URL)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    urls = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            return None
        urls.append(line)
    return urls or None


def _document_file(path: Path, language: str | None,
                   data: bytes | None = None) -> Iterator[Item | Failure]:
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(f"the document is too large ({size / 1e6:.1f} MB; the limit is "
                                f"{MAX_BYTES / 1e6:.0f} MB)", file=where)
        data = path.read_bytes() if data is None else data
        meta = _meta(language)
        meta_path = path.with_name(path.stem + ".meta.json")
        if meta_path.exists():
            try:
                extra = json.loads(meta_path.read_text(encoding="utf-8"))
                if not isinstance(extra, dict):
                    raise ValueError("not a JSON object")
            except (ValueError, OSError) as err:
                raise DocumentError(f"unreadable metadata file {meta_path.name}: {err}",
                                    file=where) from None
            meta = {**{k: v for k, v in extra.items() if isinstance(v, str)}, **meta}
        yield Item(path.resolve().as_uri(), where, data,
                   MEDIA_TYPES.get(path.suffix.lower(), "text/plain"), meta, path.stem)
    except DocumentError as exc:
        yield Failure(where, exc.message)
    except OSError as exc:
        yield Failure(where, f"cannot read: {exc.strerror or exc}")


def _name_of(url: str) -> str:
    tail = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\.[A-Za-z0-9]+$", "", tail) or urlsplit(url).hostname or "document"


# --- feeds -------------------------------------------------------------------------------

def _looks_like_feed(media_type: str | None, data: bytes) -> bool:
    if media_type and media_type in FEED_TYPES[:3]:
        return True
    if media_type and media_type not in FEED_TYPES:
        return False
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head
                                          or b"<rdf:rdf" in head) \
        or head.startswith((b"<rss", b"<feed"))


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def _feed_items(data: bytes, where: str, fetcher, language: str | None) -> Iterator[Item | Failure]:
    """One item per feed entry: its linked page (with a fetcher) or its own text."""
    import feedparser  # noqa: PLC0415 - only needed for feeds

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = feed.get("bozo_exception")
        raise DocumentError(f"not a feed with entries{f' ({problem})' if problem else ''}",
                            file=where)
    site = feed.feed.get("title")
    feed_language = (feed.feed.get("language") or "")[:2].lower() or None
    for number, entry in enumerate(feed.entries, 1):
        link = entry.get("link") or entry.get("id")
        label = link or f"{where}#entry-{number}"
        meta = {"title": entry.get("title"), "published": _entry_date(entry),
                "source": link, "site": site,
                "language": language or (entry.get("language") or feed_language)}
        meta = {k: v for k, v in meta.items() if v}
        if fetcher is not None and link and is_url(link):
            yield Item(link, link, None, None, meta, _name_of(link))
            continue
        content = entry.get("content") or []
        body = content[0].get("value") if content else entry.get("summary")
        if not body:
            yield Failure(label, "the feed entry has no text (use --fetch to read its page)")
            continue
        media = (content[0].get("type") if content else
                 entry.get("summary_detail", {}).get("type")) or "text/html"
        yield Item(link if link and is_url(link) else label, label, body.encode("utf-8"),
                   "text/html" if "html" in media else "text/plain", meta,
                   _name_of(link) if link else f"entry-{number}")


# --- turning items into documents ---------------------------------------------------------

def to_document(item: Item) -> Document:
    """The document of an item: text and metadata; raises DocumentError naming the item."""
    if item.data is None:
        raise DocumentError("not fetched", file=item.label)
    media = (item.media_type or "text/plain").lower()
    meta = dict(item.meta)
    if media in ("text/html", "application/xhtml+xml"):
        text, found = html_text(item.data, item.location if is_url(item.location) else None)
        for key, value in found.items():
            meta.setdefault(key, value)
        warnings: list[str] = []
    elif media == "application/pdf":
        text, found = pdf_text(item.data, item.label)
        for key, value in found.items():
            meta.setdefault(key, value)
        warnings = []
    else:
        text, warnings = decode(item.data, item.label)
    if not text.strip():
        raise DocumentError("no text found in the document", file=item.label)
    if meta.get("published") and not clean_date(meta["published"]):
        meta.pop("published")
    doc = make_document(text, name=item.name, path=item.label, meta=meta,
                        source=meta.get("source") or (item.location if is_url(item.location)
                                                      else None))
    doc.warnings += warnings
    if not doc.text.strip():
        raise DocumentError("the document has a header but no text", file=item.label)
    doc.location = item.location
    doc.media_type = media
    doc.site = doc.site or meta.get("site")
    return doc


_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})", re.IGNORECASE)


def html_text(data: bytes, url: str | None = None) -> tuple[str, dict]:
    """Main text of an HTML page (trafilatura) and its metadata: title, published, site, language.

    Navigation, cookie banners, related-article lists and footers are left out;
    paragraphs are separated by blank lines. A fragment too short for
    trafilatura's main-text detection (a feed summary) is read as plain text.
    """
    import trafilatura  # noqa: PLC0415 - slow import, only needed for HTML

    html = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    found = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                        include_comments=False, include_tables=False)
    meta: dict = {}
    text = ""
    if found is not None:
        record = found if isinstance(found, dict) else found.as_dict()
        text = record.get("text") or ""
        for ours, theirs in (("title", "title"), ("published", "date"), ("site", "sitename")):
            if record.get(theirs):
                meta[ours] = record[theirs]
        if record.get("language"):
            meta["language"] = record["language"][:2]
    if not text.strip():
        text = _plain(html)
    lang = _LANG.search(data[:4096] if isinstance(data, bytes) else data[:4096].encode())
    if lang and "language" not in meta:
        meta["language"] = lang.group(1).decode().lower()
    if meta.get("language") not in ("de", "en"):
        meta.pop("language", None)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return "\n\n".join(paragraphs), meta


def _plain(html: str) -> str:
    from lxml import html as lxml_html  # noqa: PLC0415

    try:
        root = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return re.sub(r"<[^>]+>", " ", html)
    for bad in root.xpath("//script|//style|//nav|//footer"):
        bad.drop_tree()
    blocks = root.xpath("//p|//li|//h1|//h2|//h3|//div[not(.//p|.//div)]")
    if not blocks:
        return root.text_content()
    return "\n".join(" ".join(b.text_content().split()) for b in blocks)


def pdf_text(data: bytes, where: str) -> tuple[str, dict]:
    """Text of a PDF (pypdf), pages separated by blank lines, and its title and date."""
    from pypdf import PdfReader  # noqa: PLC0415
    from pypdf.errors import PdfReadError  # noqa: PLC0415

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means we cannot read it
                raise DocumentError("the PDF is encrypted", file=where) from None
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except PdfReadError as exc:
        raise DocumentError(f"unreadable PDF: {exc}", file=where) from None
    meta = {}
    title = info.get("/Title") if hasattr(info, "get") else None
    if title and str(title).strip():
        meta["title"] = str(title).strip()
    created = getattr(info, "creation_date", None) if info else None
    if created:
        meta["published"] = created.strftime("%Y-%m-%d")
    text = "\n\n".join(_unwrap(p) for p in pages if p.strip())
    return text, meta


def _unwrap(page: str) -> str:
    """Join the lines of a PDF page into paragraphs (a blank line or short line ends one)."""
    page = re.sub(r"(\w)-\n(\w)", r"\1\2", page)  # hyphenated line breaks
    paragraphs, current = [], []
    for line in page.splitlines():
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)
