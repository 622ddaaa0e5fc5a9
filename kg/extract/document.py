"""Reading source documents: encoding, binary and size checks, header and metadata.

A document is plain text (``.txt`` or ``.md``; HTML, PDF and feeds are turned into
one by :mod:`kg.sources`). Its key is :func:`kg.namespaces.text_key` of its text
without the header. Its metadata (language, publication date,
source, title) comes from, in this order of precedence: arguments (CLI flags), a sibling
``<stem>.meta.json`` file, or a header of ``# key: value`` lines at the top of the text
(``# source: …``, ``# language: de``, ``# published: 2021-06-15``) followed by a blank line.
Every problem is a :class:`kg.errors.DocumentError` naming the file (and line).
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DocumentError
from kg.namespaces import text_key

MAX_BYTES = 10 * 1024 * 1024
_HEADER = re.compile(r"^#\s*([A-Za-z_-]+)\s*:\s*(.*)$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass
class Document:
    text: str
    language: str | None = None
    published: str | None = None       # YYYY, YYYY-MM or YYYY-MM-DD
    source: str | None = None
    title: str | None = None
    name: str = "document"             # stem used in outputs
    path: str | None = None
    key: str = ""                      # document key (kg.namespaces.text_key of the text)
    warnings: list[str] = field(default_factory=list)
    site: str | None = None            # site or publisher name (HTML metadata, feed title)
    location: str | None = None        # where it was read from: a file: URI or a URL
    media_type: str | None = None      # text/plain, text/html, application/pdf ...


def clean_date(value: str | None) -> str | None:
    """A YYYY[-MM[-DD]] prefix of a metadata value, or None ('unknown …')."""
    if not value:
        return None
    value = value.strip()
    m = re.match(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)", value)
    if not m or not _DATE.match(m.group(1)) or not _real_date(m.group(1)):
        return None
    return m.group(1)


def _real_date(value: str) -> bool:
    """Whether the month and day of a YYYY[-MM[-DD]] value exist ('2020-13-45' does not)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return False
    return len(parts) < 3 or 1 <= parts[2] <= calendar.monthrange(parts[0] or 4, parts[1])[1]


def decode(data: bytes, where: str) -> tuple[str, list[str]]:
    """Text of the bytes: UTF-8 (with or without BOM), else Latin-1 with a warning."""
    if not data.strip():
        raise DocumentError("the document is empty", file=where)
    sample = data[:8192]
    if b"\x00" in sample:
        raise DocumentError("the file looks binary (it contains NUL bytes), not text", file=where)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > len(sample) * 0.05:
        raise DocumentError("the file looks binary (many control characters), not text", file=where)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        return text, [f"{where}:{line}: not valid UTF-8; read as Latin-1/Windows-1252"]


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """Header fields and the text after them (offsets in the rest stay consistent)."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    n = 0
    while n < len(lines) and n < 20:
        m = _HEADER.match(lines[n].strip())
        if not m:
            break
        meta[m.group(1).lower()] = m.group(2).strip()
        n += 1
    if not meta:
        return {}, text
    rest = "\n".join(lines[n:])
    return meta, rest.lstrip("\n")


def _title_from_source(value: str | None) -> str | None:
    if value and "title:" in value:
        return value.split("title:", 1)[1].strip() or None
    return None


def make_document(text: str, *, language: str | None = None, published: str | None = None,
                  source: str | None = None, title: str | None = None, name: str = "document",
                  path: str | None = None, raw: bytes | None = None, meta: dict | None = None) -> Document:
    """A :class:`Document` of ``text`` (header parsed off); ``raw`` is accepted for callers
    that have the bytes, but the key is always that of the text (:func:`text_key`)."""
    header, body = parse_header(text)
    meta = dict(meta or {})
    language = language or meta.get("language") or header.get("language")
    published_raw = published or meta.get("published") or header.get("published")
    source = source or meta.get("source") or (header.get("source") or "").split(" | ")[0] or None
    title = title or meta.get("title") or _title_from_source(header.get("source")) or header.get("title")
    if language:
        language = language.strip().lower()[:2]
        if language not in ("de", "en"):
            language = None
    doc = Document(body, language, clean_date(published_raw), source, title, name, path)
    doc.key = text_key(body)
    doc.site = meta.get("site") or None
    return doc


def read_document(path: str | Path, *, language: str | None = None, published: str | None = None,
                  max_bytes: int = MAX_BYTES) -> Document:
    """Read one document file with its metadata; raises DocumentError with the file name."""
    path = Path(path)
    where = str(path)
    if not path.exists():
        raise DocumentError("no such file", file=where)
    if path.is_dir():
        raise DocumentError("is a directory, not a document", file=where)
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(f"the document is too large ({size / 1e6:.1f} MB; the limit is "
                            f"{max_bytes / 1e6:.0f} MB)", file=where)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(f"cannot read the file: {err.strerror or err}", file=where) from None
    text, warnings = decode(data, where)
    meta = {}
    meta_path = path.with_name(path.stem + ".meta.json")
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise ValueError("not a JSON object")
        except (ValueError, OSError) as err:
            raise DocumentError(f"unreadable metadata file {meta_path.name}: {err}", file=where) from None
    doc = make_document(text, language=language, published=published, name=path.stem, path=where,
                        raw=data, meta=meta)
    doc.warnings += warnings
    if not doc.text.strip():
        raise DocumentError("the document has a header but no text", file=where)
    if published and not clean_date(published):
        raise DocumentError(f"--published {published!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", file=where)
    return doc
