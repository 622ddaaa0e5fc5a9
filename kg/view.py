"""The NetworkX view of the knowledge graph: an entity graph and a cooperation graph.

Both graphs are built from the store in one pass over its triples (the union of
all named graphs, :mod:`kg.view_build`) and cached per store: when
``store.revision`` has changed, :func:`get_view` updates the view for the nodes the
store's journal says changed (:mod:`kg.view_update`), or builds it again; an
on-disk store keeps a snapshot that a restart loads.

``View.entities``
    a ``networkx.MultiDiGraph``: every entity (country, region, organization,
    person, place, agreement, cooperation, topic, document) is a node whose id
    is its IRI, with the attributes ``type`` (short class name such as
    ``"Country"`` or ``"Memorandum"``), ``label`` (English where there is one)
    and, for agreements, ``kind`` (the class's ``ekg:kindKey``) and ``date``
    (``ekg:signedOn`` as written: ``2016-12-16``, ``2010-03`` or ``2010``).
    Every relation between two entities is an edge keyed by the predicate's
    compact name (``ekg:party``, ``ekg:partOf``, ``skos:broader`` ...).
    Structural nodes are folded into edges: a person's ``ekg:role`` becomes an
    edge person → organization/country keyed ``ekg:role`` (attributes
    ``title``, ``start``, ``end``); an ``ekg:Signature`` an edge signer → actor
    keyed ``ekg:onBehalfOf`` (attribute ``agreement``) and a ``title`` on the
    ``ekg:signatory`` edge; a ratification an edge agreement → actor keyed
    ``ekg:ratifiedBy`` (attribute ``date``). Evidence nodes and the
    derived ``ekg:cooperatesWith`` links are not part of the entity graph (they
    are indexed, see below), so paths are explained through agreements.

``View.cooperation``
    a ``networkx.Graph`` over actors (countries, regions, organizations): two
    actors are linked when they are parties to the same agreement (parties
    include actors a signatory signed on behalf of), participants of the same
    ``ekg:Cooperation``, or linked in the derived graph. Edge attributes:
    ``agreements`` (agreement IRIs, oldest first), ``cooperations`` (IRIs of
    the stated cooperations), ``topics`` (topic IRIs), ``first`` and ``last``
    (dates as written, at their precision) and ``weight`` (number of
    agreements and cooperations). ``ekg:partOf`` between a region and its
    country does not make a cooperation edge.

Indexes: :attr:`View.agreement_records` and :attr:`View.cooperation_records`
(parties, signatories, topics, dates, documents, evidence, source graphs),
:attr:`View.evidence` (``ekg:Evidence`` nodes by the node they support),
:attr:`View.partner_order` (each actor's partners in the order
:func:`kg.query.partners` lists them when unfiltered, so a page of partners
needs no sort), :attr:`View.agreement_order`, :attr:`View.agreements_by_topic`
and :attr:`View.agreements_by_party` (agreements in the order
:func:`kg.query.agreements` lists them, all of them, by topic and by party) and
the label index used by :func:`kg.query.resolve`.

>>> view = View.from_turtle('''
... @prefix ekg: <https://w3id.org/energy-kg/ontology#> .
... @prefix country: <https://w3id.org/energy-kg/id/country/> .
... @prefix region: <https://w3id.org/energy-kg/id/region/> .
... @prefix topic: <https://w3id.org/energy-kg/id/topic/> .
... @prefix agreement: <https://w3id.org/energy-kg/id/agreement/> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
... country:JP a ekg:Country ; rdfs:label "Japan"@en , "Japan"@de .
... country:RU a ekg:Country ; rdfs:label "Russia"@en , "Russland"@de .
... agreement:2009-05-12-japan-russia-nuclear-energy a ekg:IntergovernmentalAgreement ;
...     rdfs:label "Japan-Russia nuclear agreement of 2009"@en ;
...     ekg:party country:JP , country:RU ; ekg:signedOn "2009-05-12"^^xsd:date .
... ''')
>>> view.entities.nodes["https://w3id.org/energy-kg/id/country/RU"]["label"]
'Russia'
>>> edge = view.cooperation.edges["https://w3id.org/energy-kg/id/country/JP",
...                               "https://w3id.org/energy-kg/id/country/RU"]
>>> edge["first"], edge["weight"], len(edge["agreements"])
('2009-05-12', 1, 1)
"""

from __future__ import annotations

import calendar
import gc
import io
import itertools
import math
import os
import pickle
import re
import sys
import threading
import time
import unicodedata
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import InputError
from kg.namespaces import BASE, CURATED_GRAPH, PREFIXES, compact

EKG = PREFIXES["ekg"]
ID = PREFIXES["id"]
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS = PREFIXES["rdfs"]
SKOS = PREFIXES["skos"]
PROV = PREFIXES["prov"]
XSD = PREFIXES["xsd"]
OWL = PREFIXES["owl"]

# --- classes ---------------------------------------------------------------------------

ACTOR_CLASSES = {"Country", "Region", "Organization"}
AGREEMENT_KINDS = {  # the fallback when the ontology (ekg:kindKey) is not loaded
    "Agreement": "agreement",
    "Memorandum": "memorandum",
    "IntergovernmentalAgreement": "agreement",
    "Treaty": "treaty",
    "DeclarationOfIntent": "declaration_of_intent",
    "Partnership": "partnership",
    "Contract": "contract",
}
# Typed nodes that are folded into edges or indexes instead of being entities.
STRUCTURAL_CLASSES = {"Role", "Signature", "Ratification", "Event", "Evidence",
                      "CooperationLink", "ReviewItem", "Merge", "ReviewStatus"}
# (review items and merge records of kg.review are bookkeeping: a pending fact they name is
# not asserted, so it must not become a node through them)
# What an entity IRI's path says about its class when no rdf:type is given.
KIND_CLASSES = {
    "country": "Country", "region": "Region", "org": "Organization", "person": "Person",
    "place": "Place", "agreement": "Agreement", "topic": "Topic", "document": "Document",
    "cooperation": "Cooperation", "link": "CooperationLink",
}
# Order in which a name that fits several entities is resolved, and a type is chosen.
TYPE_PRIORITY = ("Country", "Region", "Organization", "Person", "Agreement", "Cooperation",
                 "Topic", "Place", "Document")

# --- predicates --------------------------------------------------------------------------

_LABEL, _PREF, _ALT, _ISO = (RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel",
                             EKG + "isoCode")
NAME_PREDICATES = {_LABEL: 0, _PREF: 0, _ALT: 1, _ISO: 1}
# Links that are not relations between entities.
IGNORED_LINKS = {SKOS + "inScheme", SKOS + "topConceptOf", SKOS + "hasTopConcept",
                 OWL + "sameAs", SKOS + "exactMatch", SKOS + "closeMatch",
                 RDFS + "seeAlso", RDFS + "isDefinedBy"}
# The order edges are stored in (see the build): what a path should prefer to follow.
EDGE_ORDER = {EKG + "party": 0, EKG + "signatory": 1, EKG + "participant": 2,
              EKG + "partOf": 3, EKG + "basedIn": 3, EKG + "memberOf": 6}
# Predicates from an entity to a structural node.
STRUCT_POINTERS = {EKG + "role", EKG + "signature", EKG + "ratification", EKG + "event"}


def expand(name: str) -> str:
    """The full IRI of a compact name (``ekg:party``); a bare name is taken as ``ekg:``.

    >>> expand("party")
    'https://w3id.org/energy-kg/ontology#party'
    >>> expand("skos:broader")
    'http://www.w3.org/2004/02/skos/core#broader'
    """
    if "://" in name:
        return name
    prefix, sep, local = name.partition(":")
    if sep and prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return EKG + name


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


# --- dates ---------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def interval(lexical: str | None) -> tuple[str, str] | None:
    """The first and last day a date at its precision stands for, as comparable strings.

    A year covers the whole year and a year-month the whole month; the end of a
    month is written as day 31 (only ever compared, never shown).

    >>> interval("2010")
    ('2010-01-01', '2010-12-31')
    >>> interval("2010-06")
    ('2010-06-01', '2010-06-31')
    >>> interval("2016-12-16T09:30:00Z")
    ('2016-12-16', '2016-12-16')
    >>> interval("ende 2010") is None
    True
    """
    if not lexical:
        return None
    found = _DATE_RE.match(lexical.strip())
    if not found:
        return None
    year, month, day = found.groups()
    if day:
        value = f"{year}-{month}-{day}"
        return value, value
    if month:
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-01-01", f"{year}-12-31"


def _check_calendar(name: str, value: str) -> None:
    """InputError unless the month (1-12) and the day (in that month) of ``value`` exist."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise InputError(f"{name}: {value} is not a date (month {parts[1]})")
    if len(parts) > 2:
        last = calendar.monthrange(parts[0] or 4, parts[1])[1]  # year 0000: a leap year
        if not 1 <= parts[2] <= last:
            raise InputError(f"{name}: {value} is not a date (day {parts[2]})")


def window(since: str | None = None, until: str | None = None) -> tuple[str, str] | None:
    """A date window from ``since``/``until`` ("YYYY", "YYYY-MM" or "YYYY-MM-DD"), or None.

    ``since`` counts from the first day it stands for, ``until`` to its last day.

    >>> window("2010-06", "2012")
    ('2010-06-01', '2012-12-31')
    >>> window(until="2009")
    ('0000-01-01', '2009-12-31')
    >>> window("June 2010")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: since: expected YYYY, YYYY-MM or YYYY-MM-DD, got 'June 2010'
    >>> window(until="2020-13-45")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: until: 2020-13-45 is not a date (month 13)
    """
    if since is None and until is None:
        return None
    start, end = "0000-01-01", "9999-12-31"
    for name, value in (("since", since), ("until", until)):
        if value is None:
            continue
        value = str(value).strip()
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise InputError(f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        _check_calendar(name, value)
        span = interval(value)
        if name == "since":
            start = span[0]
        else:
            end = span[1]
    if start > end:
        raise InputError(f"since ({since}) is after until ({until})")
    return start, end


def overlaps(span: tuple[str, str] | None, win: tuple[str, str] | None) -> bool:
    """Whether a dated event falls in a window: their intervals overlap.

    No window accepts everything; an undated event is outside every window.

    >>> overlaps(interval("2010"), window(since="2010-06"))
    True
    >>> overlaps(interval("2009-12-31"), window(since="2010"))
    False
    >>> overlaps(None, window(since="2010"))
    False
    """
    if win is None:
        return True
    if span is None:
        return False
    return span[0] <= win[1] and span[1] >= win[0]


def date_precision(lexical: str | None) -> str | None:
    """How precise a date as written is: ``year``, ``month`` or ``day`` (None: not a date).

    Exports write it next to the date, so a year-only date is not read as 1 January.

    >>> date_precision("2014"), date_precision("2016-02"), date_precision("2016-12-16")
    ('year', 'month', 'day')
    """
    found = _DATE_RE.match(lexical.strip()) if lexical else None
    if not found:
        return None
    _, month, day = found.groups()
    return "day" if day else "month" if month else "year"


def real_date(lexical: str | None, end: bool = False) -> str | None:
    """A valid ``YYYY-MM-DD`` for a date at any precision (its first or last day).

    >>> real_date("2016-02", end=True), real_date("2016")
    ('2016-02-29', '2016-01-01')
    """
    span = interval(lexical)
    if span is None:
        return None
    value = span[1] if end else span[0]
    year, month, day = value.split("-")
    last = calendar.monthrange(int(year), int(month))[1]
    return f"{year}-{month}-{min(int(day), last):02d}"


def normalize(text: str) -> str:
    """The form names are compared in: no accents, case-folded, words separated by a space.

    >>> normalize("Präfektur  Fukushima") == normalize("prafektur-fukushima")
    True
    """
    if text.isascii():
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "ss"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


_NON_WORD = re.compile(r"[\W_]+")


# --- records ----------------------------------------------------------------------------------

@dataclass(slots=True)
class EvidenceRecord:
    """An ``ekg:Evidence`` node: which node it supports and where the words are."""

    node: str
    supports: str
    document: str | None = None
    quote: str | None = None
    confidence: float | None = None
    extractor: str | None = None
    property: str | None = None
    value: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class AgreementRecord:
    """Everything the view knows about one agreement (or one stated cooperation)."""

    iri: str
    type: str
    kind: str | None = None
    label: str = ""
    title: str | None = None
    date: str | None = None
    span: tuple[str, str] | None = None
    active: tuple[str, str] | None = None  # what date windows test: span, open-ended for since
    parties: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    witnesses: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    signed_at: str | None = None
    documents: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)


_CURATED = str(CURATED_GRAPH)


# --- the view ------------------------------------------------------------------------------

class View:
    """The entity graph, the cooperation graph and their indexes at one store revision."""

    def __init__(self) -> None:
        self.revision: int = -1
        self.entities = nx.MultiDiGraph()
        self.cooperation = nx.Graph()
        self.agreement_records: dict[str, AgreementRecord] = {}
        self.cooperation_records: dict[str, AgreementRecord] = {}
        self.evidence: dict[str, list[EvidenceRecord]] = {}
        self.names: dict[str, list[tuple[int, str]]] = {}  # normalized name -> (rank, iri)
        self.narrower: dict[str, frozenset[str]] = {}  # topic -> itself and all narrower
        self.kind_keys: dict[str, str] = {}  # class short name -> kindKey
        # actor -> its place when actors are sorted by case-folded label, then IRI
        self.actor_order: dict[str, int] = {}
        # actor -> its partners in the cooperation graph, most agreements and stated
        # cooperations first (edge weight), then in actor_order: how partners are listed
        self.partner_order: dict[str, list[str]] = {}
        # agreements as kg.query.agreements lists them: by date (first day), label, IRI
        self.agreement_order: list[str] = []
        self.agreement_place: dict[str, int] = {}  # agreement -> its place in that order
        self.agreements_by_topic: dict[str, list[str]] = {}  # topic -> agreements, in order
        self.agreements_by_party: dict[str, list[str]] = {}  # party -> agreements, in order
        self.data_dir: str | None = None  # the store's data directory it was built from
        # whether every cooperation link node is named as kg.derive names it (an incremental
        # update reads a pair's link node by that name)
        self.links_canonical: bool = True
        self.build_seconds: float = 0.0
        self.timings: dict[str, float] = {}  # seconds per build step
        self.cpu_timings: dict[str, float] = {}  # CPU seconds (all threads) per build step
        self._cache: dict = {}
        self._lock = threading.Lock()
        self._pending = None  # (unpickler, path): parts of a snapshot still to read
        self._parts_lock = threading.Lock()

    def load_parts(self) -> None:
        """Read the parts of a snapshot that are not read yet (see :func:`load_snapshot`)."""
        if self._pending is None:
            return
        with self._parts_lock:
            if self._pending is None:
                return
            unpickler, path = self._pending
            started = time.perf_counter()
            try:
                with _collector_paused():
                    for _ in PARTS:
                        self.__dict__.update(unpickler.load())
            except Exception as exc:  # the file was read whole: only a bug gets here
                raise RuntimeError(f"view snapshot {path}: its parts cannot be read") from exc
            self.timings["snapshot parts"] = round(time.perf_counter() - started, 3)
            self._pending = None

    # -- construction --

    @classmethod
    def from_store(cls, store, extra: list | None = None) -> View:
        """Build the view of a :class:`kg.store.Store` (or a ``pyoxigraph.Store``), with the
        quads ``extra`` as if they were in it (the pending facts of :mod:`kg.review`)."""
        started = time.perf_counter()
        # A kg Store's default graph repeats its named graphs (it is kept as their union):
        # read only the named graphs, where every quad also says which graph states it.
        handle = quads = None
        if not extra and getattr(store, "merged", False) and \
                getattr(store, "backend", None) in ("disk", "memory"):
            handle = store.oxigraph  # its default graph is the union: ask by predicate
        else:
            quads = store.quads() if hasattr(store, "quads") else store
            if extra:
                quads = itertools.chain(quads, extra)
        from kg import view_build  # noqa: PLC0415 - it imports this module

        rows = view_build.scan_store(handle) if handle is not None else \
            view_build.scan_quads(quads)
        view = cls._built(rows, handle, started)
        view.revision = getattr(store, "revision", 0)
        view.data_dir = getattr(store, "data_dir", None)
        return view

    @classmethod
    def _built(cls, rows, handle, started: float) -> View:
        """A view built from ``rows``, timed stage by stage (wall clock and CPU), with the
        cyclic garbage collector paused while it is made (``handle``: the store the rows
        come from, when the builder may ask it by predicate)."""
        from kg import view_build  # noqa: PLC0415 - it imports this module

        view = cls()
        timings, cpu_timings = view.timings, view.cpu_timings
        clock = [time.perf_counter(), time.process_time()]

        def tick(name: str) -> None:
            now, cpu = time.perf_counter(), time.process_time()
            timings[name] = round(now - clock[0], 3)
            cpu_timings[name] = round(cpu - clock[1], 3)
            clock[0], clock[1] = now, cpu

        # Millions of small containers are made and kept: the cyclic collector would walk
        # them again and again for nothing, so it pauses during the build.
        collecting = gc.isenabled()
        gc.disable()
        try:
            view_build.build(view, rows, tick, handle)
        finally:
            # The new containers would otherwise all sit in the youngest generation and the
            # next collections would scan every one of them (seconds at a million triples, in
            # the middle of some later query). Freezing moves them out of the collector's way;
            # reference counting still frees them, and __del__ breaks NetworkX's own cycles.
            gc.freeze()
            if collecting:
                gc.enable()
        view.build_seconds = time.perf_counter() - started
        return view

    @classmethod
    def from_scan(cls, scan: tuple, revision: int = 0) -> View:
        """Build the view from the raw material of a scan made elsewhere: the tuple
        ``(types, sources, names, lits, links, subclass, kind_keys)`` that
        :mod:`kg.remote_view` reads from a projection of a remote endpoint (turned into
        the rows of :func:`kg.view_build.scan_tuple`)."""
        from kg import view_build  # noqa: PLC0415 - it imports this module

        return cls.from_rows(view_build.scan_tuple(scan), revision)

    @classmethod
    def from_rows(cls, rows, revision: int = 0) -> View:
        """Build the view from rows (:class:`kg.view_build.Rows`, predicate by predicate in
        the order :func:`kg.view_build.scan_store` yields them) as they come: each is sorted
        into the builder's structures and dropped, so no more than one is held at a time
        (:meth:`kg.remote_view.Projection.stream`)."""
        view = cls._built(rows, None, time.perf_counter())
        view.revision = revision
        return view

    @classmethod
    def from_turtle(cls, text: str) -> View:
        """The view of a Turtle snippet (for examples and tests); it goes in graph ``curated``."""
        from kg.store import Store  # noqa: PLC0415

        store = Store("memory:")
        store.add_graph(BASE + "graph/curated", text.encode(), "turtle")
        return cls.from_store(store)

    def __del__(self) -> None:
        # NetworkX graphs cache views of themselves (G.edges, G.degree ... keep a reference
        # to G): a cycle the collector cannot see once frozen. Break it so the graphs go
        # when the view goes. At interpreter exit module globals may already be gone.
        if _GRAPH_SLOTS is None:
            return
        for graph in (getattr(self, "entities", None), getattr(self, "cooperation", None)):
            if graph is None:
                continue
            for key in [k for k in graph.__dict__ if k not in _GRAPH_SLOTS]:
                del graph.__dict__[key]
            cache = graph.__dict__.get("__networkx_cache__")
            if isinstance(cache, dict):
                cache.clear()
        cache = getattr(self, "_cache", None)
        if isinstance(cache, dict):
            cache.clear()

    # -- lookups --

    def label(self, iri: str) -> str:
        """The English label of a node, or a readable fallback made from its IRI."""
        data = self.entities.nodes.get(iri)
        if data and data.get("label"):
            return data["label"]
        return fallback_label(iri)

    def type(self, iri: str) -> str:
        """The short class name of a node (``""`` when unknown)."""
        data = self.entities.nodes.get(iri)
        return data.get("type", "") if data else ""

    def is_actor(self, iri: str) -> bool:
        """Whether the node is a country, region or organization."""
        return iri in self.cooperation

    def topic_closure(self, topic: str) -> frozenset[str]:
        """A topic and every topic narrower than it (transitively)."""
        return self.narrower.get(topic, frozenset((topic,)))

    def record(self, iri: str) -> AgreementRecord | None:
        """The agreement or cooperation record of a node, if it is one."""
        return self.agreement_records.get(iri) or self.cooperation_records.get(iri)

    def country_of(self, iri: str) -> str | None:
        """The country an actor belongs to: a region's ``partOf``, an organization's
        ``basedIn`` (through its region if needed); None for countries and unknowns."""
        seen = {iri}
        current = iri
        for _ in range(4):
            succ = self.entities._succ.get(current)
            if not succ:
                return None
            nxt = None
            for target, keys in succ.items():
                if ("ekg:partOf" in keys or "ekg:basedIn" in keys) and target not in seen:
                    nxt = target
                    break
            if nxt is None:
                return None
            if self.type(nxt) == "Country":
                return nxt
            seen.add(nxt)
            current = nxt
        return None

    def cached(self, key, compute):
        """Memoise a derived result (centrality, communities ...) for this revision."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return self._cache[key]

    def stats(self) -> dict[str, int]:
        """Sizes of the graphs and indexes."""
        return {
            "revision": self.revision,
            "entity_nodes": self.entities.number_of_nodes(),
            "entity_edges": self.entities.number_of_edges(),
            "actors": self.cooperation.number_of_nodes(),
            "cooperation_edges": self.cooperation.number_of_edges(),
            "agreements": len(self.agreement_records),
            "cooperations": len(self.cooperation_records),
            "evidence": sum(len(v) for v in self.evidence.values()),
        }

    def __repr__(self) -> str:
        s = self.stats()
        return (f"<View revision={s['revision']} entities={s['entity_nodes']} "
                f"actors={s['actors']} cooperation_edges={s['cooperation_edges']}>")


_GRAPH_SLOTS = {"graph", "_node", "_adj", "_succ", "_pred", "__networkx_cache__"}


def fallback_label(iri: str) -> str:
    """A readable name for a node without a label: the key of an entity IRI.

    >>> fallback_label("https://w3id.org/energy-kg/id/org/rosatom")
    'rosatom'
    """
    if iri.startswith("_:"):
        return iri
    return _local(iri.rstrip("/#")) or iri


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _float(value: str | None) -> float | None:
    """A finite number (``"NaN"`` and ``"INF"`` are no confidence JSON could carry)."""
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- the cache -----------------------------------------------------------------------------

_views: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_locks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_global_lock = threading.Lock()


def get_view(store, include_pending: bool = False) -> View:
    """The view of ``store`` at its current revision, built at most once per revision.

    With ``include_pending`` the facts waiting on the review queue count too.

    Thread-safe: concurrent callers wait for one build instead of building twice.
    A view of an earlier revision follows the store's journal when it says what
    changed (:meth:`kg.store.Store.changes_since`, :mod:`kg.view_update`): only the
    nodes the change touches are read again. For an on-disk store the newest
    snapshot of the store's data is loaded (:func:`load_snapshot`, written by
    whichever process built or updated a view) and brought up to date the same
    way. Otherwise the view is built, and saved as a snapshot in the background.

    >>> from kg.store import Store
    >>> store = Store("memory:")
    >>> get_view(store) is get_view(store)
    True
    >>> store.add_graph(BASE + "graph/curated", b"<https://w3id.org/energy-kg/id/country/JP> "
    ...     b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    ...     b"<https://w3id.org/energy-kg/ontology#Country> .", "ntriples")
    1
    >>> get_view(store).entities.nodes["https://w3id.org/energy-kg/id/country/JP"]["type"]
    'Country'
    """
    lock = _lock_for(store)
    if include_pending:
        return _pending_view(store, lock)
    with lock:
        view = _views.get(store)
        revision = store.revision
        if view is None or view.revision != revision:
            found = follow(view, store) if view is not None else None
            if found is None:
                found = _from_snapshot(store)
            if found is None:
                found = View.from_store(store)
                path = snapshot_path(store)
                if path is not None and found.revision == revision:
                    save_snapshot_later(found, path)
            elif "snapshot" not in found.timings:
                _save_now_and_then(found, store)
            view = _views[store] = found
        return view


def _lock_for(store) -> threading.Lock:
    with _global_lock:
        lock = _locks.get(store)
        if lock is None:
            lock = _locks[store] = threading.Lock()
        return lock


def warm(store) -> View | None:
    """Ready the view of an on-disk store from its newest snapshot (brought up to date
    through the journal) if there is one; never builds (a server calls this at start-up,
    where a build would compete with the first requests). The view, or None."""
    with _lock_for(store):
        view = _views.get(store)
        if view is not None and view.revision == store.revision:
            return view
        found = _from_snapshot(store)
        if found is not None and found.revision == store.revision:
            _views[store] = found
        return found


def follow(view: View, store) -> View | None:
    """``view`` brought to the store's revision through its journal (None: the journal
    does not say, or a full build is the better way)."""
    if view.revision == store.revision and view.data_dir == getattr(store, "data_dir", None):
        return view
    if not getattr(store, "merged", False) or getattr(store, "backend", None) not in (
            "disk", "memory") or not hasattr(store, "changes_since"):
        return None
    until = store.revision  # a write landing meanwhile is followed next time
    changes = store.changes_since(view.revision, view.data_dir, until)
    if changes is None:
        return None
    from kg.view_update import updated  # noqa: PLC0415 - it imports this module

    return updated(view, store, changes, until)


def _from_snapshot(store) -> View | None:
    """The newest snapshot of the store's data, brought up to its revision (None: none)."""
    found = latest_snapshot(store)
    if found is None:
        return None
    path, revision = found
    view = load_snapshot(path, revision)
    if view is None or revision == store.revision:
        return view
    fresh = follow(view, store)
    if fresh is not None:
        fresh.timings = {**view.timings, **fresh.timings}
        fresh.cpu_timings = {**view.cpu_timings, **fresh.cpu_timings}
    return fresh


SNAPSHOT_BEHIND = 25  # revisions: an updated view is saved when the snapshot is this old


def _save_now_and_then(view: View, store) -> None:
    """Save an updated view when the newest snapshot is :data:`SNAPSHOT_BEHIND` revisions
    behind (writing one costs about a second; the journal covers the rest)."""
    path = snapshot_path(store)
    if path is None or view.revision != store.revision:
        return
    found = latest_snapshot(store)
    if found is None or view.revision - found[1] >= SNAPSHOT_BEHIND:
        save_snapshot_later(view, path)


_pending_views: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _pending_view(store, lock: threading.Lock) -> View:
    """The view with the review queue's pending facts as if they were asserted
    (``?include=pending``), built once per revision."""
    from kg.review import pending_quads  # noqa: PLC0415 - kg.review imports the store

    with lock:
        view = _pending_views.get(store)
        if view is None or view.revision != store.revision:
            view = View.from_store(store, extra=pending_quads(store))
            _pending_views[store] = view
        return view



def current_view(store) -> View | None:
    """The view of ``store`` if one at its current revision is at hand (never builds)."""
    view = _views.get(store)
    return view if view is not None and view.revision == store.revision else None


# --- snapshots ---------------------------------------------------------------------------

SNAPSHOT_FORMAT = 3  # raise when the view's structures change: older snapshots are ignored
SNAPSHOT_DIR = "views"  # in the store's folder


def snapshot_path(store) -> Path | None:
    """Where the view of an on-disk store at its current revision is kept (None: no file).

    The name holds the data directory, the revision and :data:`SNAPSHOT_FORMAT`,
    so a snapshot is only ever read for the data it was built from by this code:
    ``<store>/views/data-000001-r000042-v1.pickle``.
    """
    if getattr(store, "backend", None) != "disk":
        return None
    data_dir = getattr(store, "data_dir", None)
    if not data_dir:
        return None
    return (Path(store.location) / SNAPSHOT_DIR /
            f"{data_dir}-r{store.revision:06d}-v{SNAPSHOT_FORMAT}.pickle")


# What a snapshot holds, in the order it is read: the core (enough for partners, paths,
# names and neighbours), then the parts a server reads on a thread after it is ready.
_CORE = ("revision", "data_dir", "links_canonical", "narrower", "kind_keys", "names",
         "actor_order", "partner_order")
PARTS = (("records", ("agreement_records", "cooperation_records", "agreement_order",
                      "agreement_place", "agreements_by_topic", "agreements_by_party")),
         ("evidence", ("evidence",)))


def latest_snapshot(store) -> tuple[Path, int] | None:
    """The newest snapshot of the store's current data at or before its revision (its path
    and revision), or None."""
    path = snapshot_path(store)
    if path is None or not path.parent.is_dir():
        return None
    prefix, suffix = f"{store.data_dir}-r", f"-v{SNAPSHOT_FORMAT}.pickle"
    best = None
    for found in path.parent.iterdir():
        name = found.name
        if name.startswith(prefix) and name.endswith(suffix):
            number = name[len(prefix):-len(suffix)]
            if number.isdigit() and int(number) <= store.revision and (
                    best is None or int(number) > best[1]):
                best = (found, int(number))
    return best


def _state(view: View) -> list[dict]:
    """The view's structures as the frames of a snapshot: the core with the graphs as their
    raw adjacency dicts (shared dicts stay shared), then each of :data:`PARTS`."""
    view.load_parts()
    core = {k: view.__dict__[k] for k in _CORE}
    ent, coop = view.entities, view.cooperation
    core["entities"] = (ent.graph, ent._node, ent._succ, ent._pred)
    core["cooperation"] = (coop.graph, coop._node, coop._adj)
    return [core] + [{k: view.__dict__[k] for k in names} for _, names in PARTS]


def _from_core(core: dict) -> View:
    """A view from the core frame; its parts come later (:meth:`View.load_parts`)."""
    view = View()
    for _, names in PARTS:
        for name in names:
            del view.__dict__[name]
    graph, node, succ, pred = core.pop("entities")
    ent = view.entities
    ent.graph, ent._node, ent._adj, ent._succ, ent._pred = graph, node, succ, succ, pred
    graph, node, adj = core.pop("cooperation")
    coop = view.cooperation
    coop.graph, coop._node, coop._adj = graph, node, adj
    view.__dict__.update(core)
    nx._clear_cache(ent)
    nx._clear_cache(coop)
    return view


def save_snapshot(view: View, path: Path) -> Path:
    """Write ``view`` to ``path`` atomically (a temporary file renamed over it), then remove
    the other snapshots in that folder: only the latest revision is kept."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    header = {"format": SNAPSHOT_FORMAT, "revision": view.revision,
              "python": sys.version_info[:2], "networkx": nx.__version__,
              "data_dir": view.data_dir, "parts": [name for name, _ in PARTS]}
    frames = _state(view)
    try:
        with open(tmp, "wb") as out:
            pickle.dump(header, out, protocol=pickle.HIGHEST_PROTOCOL)
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            for frame in frames:  # one memo: a string the frames share is written once
                pickler.dump(frame)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    for other in folder.iterdir():
        if other == path:
            continue
        if other.suffix == ".pickle" or (other.suffix == ".tmp" and _stale_tmp(other)):
            other.unlink(missing_ok=True)
    return path


def _stale_tmp(path: Path) -> bool:
    """A temporary snapshot left by a process that is gone (or older than an hour)."""
    try:
        pid = int(path.name.split(".")[-3])
        os.kill(pid, 0)
    except (ValueError, IndexError, ProcessLookupError):
        return True
    except PermissionError:
        pass
    try:
        return time.time() - path.stat().st_mtime > 3600
    except OSError:
        return False


def save_snapshot_later(view: View, path: Path) -> threading.Thread:
    """:func:`save_snapshot` on a background thread; a failure (read-only folder, full
    disk) only means the next start builds the view again."""
    def work() -> None:
        try:
            save_snapshot(view, path)
        except (OSError, pickle.PicklingError):
            pass

    thread = threading.Thread(target=work, name="kg-view-snapshot", daemon=True)
    _pending.append(thread)
    thread.start()
    return thread


_pending: list[threading.Thread] = []


def wait_for_snapshots(timeout: float | None = None) -> None:
    """Wait for snapshots being written in the background (before a process exits)."""
    while _pending:
        _pending.pop().join(timeout)


def load_snapshot(path: Path, revision: int, parts: str = "later") -> View | None:
    """The view kept in ``path`` if it is there, of ``revision`` and of this format; else None.

    The core of the view (graphs, names, partner order) is read at once; the rest
    (records, evidence) on a thread :data:`PARTS_AFTER` seconds later (``parts="later"``),
    or before returning (``"now"``). Reading a part's attribute before then reads it.

    A snapshot is data this program wrote into the store's own folder; like the
    store itself, it must not be writable by anyone the server should not trust.
    """
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with _collector_paused():
            stream = io.BytesIO(data)
            header = pickle.load(stream)
            if not isinstance(header, dict) or header.get("format") != SNAPSHOT_FORMAT or \
                    header.get("revision") != revision or \
                    tuple(header.get("python", ())) != tuple(sys.version_info[:2]) or \
                    header.get("networkx") != nx.__version__:
                return None
            unpickler = pickle.Unpickler(stream)
            view = _from_core(unpickler.load())
    except Exception:  # noqa: BLE001 - a damaged or foreign file: build instead
        return None
    view.build_seconds = time.perf_counter() - started
    view.timings = {"snapshot": round(view.build_seconds, 3)}
    view.cpu_timings = {"snapshot": round(time.process_time() - cpu, 3)}
    view._pending = (unpickler, path)
    if parts == "now":
        view.load_parts()
    else:
        threading.Thread(target=_load_parts_soon, args=(weakref.ref(view),),
                         name="kg-view-parts", daemon=True).start()
    return view


PARTS_AFTER = 0.5  # seconds: the first requests after a restart go before the parts


def _load_parts_soon(ref: weakref.ref) -> None:
    time.sleep(PARTS_AFTER)
    view = ref()
    if view is not None:
        view.load_parts()


class _Part:
    """An attribute of :class:`View` kept in a part of a snapshot: a view loaded from one
    reads the part when the attribute is first used (a built view has it from the start)."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, view, owner=None):
        if view is None:
            return self
        view.load_parts()
        try:
            return view.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None


for _, _names in PARTS:
    for _name in _names:
        setattr(View, _name, _Part(_name))


class _collector_paused:  # noqa: N801 - used as a context manager
    """The cyclic collector off while millions of containers are made, then those frozen
    (as after a build: the collector need not walk them again)."""

    def __enter__(self):
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        gc.freeze()
        if self.collecting:
            gc.enable()


__all__ = ["View", "get_view", "current_view", "follow", "warm", "load_snapshot", "save_snapshot",
           "snapshot_path", "latest_snapshot",
           "wait_for_snapshots", "AgreementRecord", "EvidenceRecord", "interval",
           "window", "overlaps", "real_date", "date_precision", "normalize", "compact", "expand",
           "fallback_label"]
