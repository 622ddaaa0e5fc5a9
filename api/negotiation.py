"""Content negotiation: pick a format from an ``Accept`` header with q-values.

The offers come from the one format table (:mod:`kg.formats`) plus the loose
media types real clients send (``application/json`` for SPARQL JSON results,
``application/xml`` for XML results, ``application/turtle`` ...).

>>> pick("text/csv;q=0.5, application/sparql-results+xml", SOLUTIONS).name
'sparql-xml'
>>> pick(None, GRAPH).name
'turtle'
>>> pick("application/json", GRAPH).name
'jsonld'
>>> pick("image/png", SOLUTIONS) is None
True
>>> pick("text/*", SOLUTIONS).name
'sparql-csv'

"""

from __future__ import annotations

from dataclasses import dataclass

from kg import formats
from kg.formats import Format


@dataclass(frozen=True)
class Offer:
    media_type: str
    format: Format
    alias: bool = False  # a loose synonym: only an exact mention in Accept selects it


def _offers(names_and_extra: list[tuple[str, tuple[str, ...]]], kinds: tuple[str, ...]
            ) -> tuple[Offer, ...]:
    out: list[Offer] = []
    for name, extra in names_and_extra:
        fmt = formats.by_name(name, kinds)
        out.append(Offer(fmt.media_type, fmt))
        for media in (*fmt.other_media_types, *extra):
            out.append(Offer(media, fmt, alias=True))
    return tuple(out)


# In the order we prefer them: the first is the default for "*/*" or no Accept.
SOLUTIONS = _offers([
    ("sparql-json", ("application/json", "text/javascript", "application/javascript")),
    ("sparql-xml", ("application/xml", "text/xml")),
    ("sparql-csv", ()),
    ("sparql-tsv", ()),
], ("results",))
GRAPH = _offers([
    ("turtle", ("application/turtle",)),
    ("ntriples", ()),
    ("jsonld", ("application/json",)),
    ("rdfxml", ("text/xml",)),
    ("nquads", ()),
    ("trig", ()),
], ("rdf",))

# Names clients put in ?format= / ?output= / ?results= and what they mean per result kind.
_PARAM_NAMES = {
    "json": ("sparql-json", "jsonld"), "srj": ("sparql-json", None),
    "xml": ("sparql-xml", "rdfxml"), "srx": ("sparql-xml", None),
    "csv": ("sparql-csv", None), "tsv": ("sparql-tsv", None),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"),
    "ntriples": (None, "ntriples"), "nt": (None, "ntriples"), "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"), "rdf": (None, "rdfxml"), "rdf/xml": (None, "rdfxml"),
    "nquads": (None, "nquads"), "trig": (None, "trig"),
}


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """``(media range, q, position)`` for every entry of an Accept header."""
    if not header:
        return [("*/*", 1.0, 0)]
    out = []
    for position, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else media + "/*"
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((media, q, position))
    return out


def _match(media_range: str, media: str) -> int:
    """How specifically ``media_range`` matches ``media``: 2 exact, 1 type/*, 0 */*, -1 no."""
    if media_range == media:
        return 2
    kind, _, sub = media_range.partition("/")
    if sub == "*" and (kind == "*" or media.startswith(kind + "/")):
        return 0 if kind == "*" else 1
    return -1


def pick_offer(header: str | None, offers: tuple[Offer, ...]) -> Offer | None:
    """The acceptable offer the client likes best (ties: the client's order, then ours)."""
    ranges = parse_accept(header)
    best: tuple | None = None
    chosen: Offer | None = None
    for order, offer in enumerate(offers):
        # The most specific range that matches this offer decides its q.
        matches = [(spec, q, pos) for media, q, pos in ranges
                   if (spec := _match(media, offer.media_type)) >= (2 if offer.alias else 0)]
        if not matches:
            continue
        spec, q, pos = max(matches, key=lambda m: (m[0], m[1]))
        if q <= 0:
            continue
        # Exact mentions beat wildcards at equal q; then the client's order; then ours.
        key = (q, spec, -pos, -order)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


_PICKED: dict[tuple[str | None, bool], Format | None] = {}


def pick(header: str | None, offers: tuple[Offer, ...]) -> Format | None:
    """The format of :func:`pick_offer` (remembered per header for our two offer lists)."""
    known = offers is SOLUTIONS or offers is GRAPH
    key = (header, offers is GRAPH)
    if known and key in _PICKED:
        return _PICKED[key]
    offer = pick_offer(header, offers)
    fmt = offer.format if offer else None
    if known and len(_PICKED) < 1024:  # clients send few distinct headers; bound it anyway
        _PICKED[key] = fmt
    return fmt


def from_param(value: str | None, graph: bool) -> Format | None:
    """The format a ``format=``/``output=``/``results=`` parameter names, if we know it."""
    if not value:
        return None
    key = value.strip().lower()
    names = _PARAM_NAMES.get(key)
    if names is not None:
        name = names[1] if graph else names[0]
        return formats.by_name(name) if name else None
    for offer in GRAPH if graph else SOLUTIONS:
        if offer.media_type == key.split(";")[0].strip():
            return offer.format
    return None


def media_types(offers: tuple[Offer, ...]) -> list[str]:
    seen: list[str] = []
    for offer in offers:
        if offer.format.media_type not in seen:
            seen.append(offer.format.media_type)
    return seen


def accepts_html(header: str | None) -> bool:
    """True when the client asks for HTML before any other type (browsers do)."""
    if not header:
        return False
    ranges = [r for r in parse_accept(header) if r[1] > 0]
    html = [q for media, q, _ in ranges if media in ("text/html", "application/xhtml+xml")]
    if not html:
        return False
    others = [q for media, q, _ in ranges
              if media not in ("text/html", "application/xhtml+xml", "*/*")]
    return max(html) >= max(others, default=0.0)


def explicit(header: str | None) -> str | None:
    """``header`` without its wildcard ranges (``*/*``, ``text/*``); None when nothing is left.

    >>> explicit("text/turtle;q=0.9, */*;q=0.1")
    'text/turtle;q=0.9'
    >>> explicit("*/*") is None
    True
    """
    kept = [part.strip() for part in (header or "").split(",")
            if part.strip() and "*" not in part.split(";")[0]]
    return ", ".join(kept) or None


def prefers_page(header: str | None) -> bool:
    """Should a query's answer be the HTML query page rather than the results?

    Yes when the client asks for HTML before anything else (:func:`accepts_html`)
    and names no SPARQL results or RDF type (loose synonyms included) as high
    as HTML: a browser's ``application/xml;q=0.9`` loses, a client that sends
    ``application/sparql-results+json, text/html`` gets JSON.

    >>> prefers_page("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    True
    >>> prefers_page("application/sparql-results+json, text/html")
    False
    """
    if not accepts_html(header):
        return False
    ranges = parse_accept(header)
    html = max(q for media, q, _ in ranges if media in ("text/html", "application/xhtml+xml"))
    ours = {offer.media_type for offer in (*SOLUTIONS, *GRAPH)}
    return all(q < html for media, q, _ in ranges if media in ours)
