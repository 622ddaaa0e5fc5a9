"""The NetworkX view of the knowledge graph: an entity graph and a cooperation graph.

Both graphs are built from the store in one pass over its quads (the union of
all named graphs) and cached per store: :func:`get_view` rebuilds only when
``store.revision`` has changed.

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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

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
        self.build_seconds: float = 0.0
        self.timings: dict[str, float] = {}  # seconds per build step
        self._cache: dict = {}
        self._lock = threading.Lock()

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
        view = cls()
        view.revision = getattr(store, "revision", 0)
        # Millions of small containers are made and kept: the cyclic collector would walk
        # them again and again for nothing, so it pauses during the build.
        collecting = gc.isenabled()
        gc.disable()
        try:
            _Builder(view).run(quads, handle)
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
        :func:`_scan_quads` and :func:`_scan_by_predicate` return (used by
        :mod:`kg.remote_view`, which reads a projection of a remote endpoint). Pass it
        without keeping a reference: the build frees its parts as it goes."""
        started = time.perf_counter()
        view = cls()
        view.revision = revision
        box = [scan]  # the builder takes it out, so what it drops as it goes is freed
        del scan
        collecting = gc.isenabled()
        gc.disable()
        try:
            _Builder(view).run(scan=box)
        finally:
            gc.freeze()
            if collecting:
                gc.enable()
        view.build_seconds = time.perf_counter() - started
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


def _scan_quads(quads):
    """The scan of every quad: the raw material of the build (see :func:`_scan_by_predicate`)."""
    intern = sys.intern
    NamedNode, Literal = ox.NamedNode, ox.Literal  # noqa: N806
    types: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    names: dict[str, list[tuple[str, str, str | None, bool]]] = defaultdict(list)
    lits: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    links: list[tuple[str, str, str]] = []
    subclass: list[tuple[str, str]] = []
    kind_keys: dict[str, str] = {}
    ekg_len = len(EKG)
    type_p, subclass_p, kind_p = RDF_TYPE, RDFS + "subClassOf", EKG + "kindKey"

    for s, p, o, g in quads:
        pv = p.value
        sv = intern(s.value) if type(s) is NamedNode else "_:" + s.value
        ot = type(o)
        if ot is Literal:
            if pv in NAME_PREDICATES:
                names[sv].append((pv, o.value, o.language,
                                  getattr(g, "value", None) == _CURATED))
            elif pv == kind_p:
                kind_keys[sv] = o.value
            else:
                lits[sv].append((intern(pv), o.value, o.language))
            continue
        ov = intern(o.value) if ot is NamedNode else "_:" + o.value
        if pv == type_p:
            if ov.startswith(EKG):
                types[sv].add(ov[ekg_len:])
                gv = getattr(g, "value", None)
                if gv:
                    sources[sv].add(intern(gv))
            else:
                types[sv].add(ov)
        elif pv == subclass_p:
            subclass.append((sv, ov))
        else:
            links.append((sv, intern(pv), ov))

    return types, sources, names, lits, links, subclass, kind_keys


def _scan_by_predicate(handle: ox.Store):
    """The same raw material as :func:`_scan_quads`, asked for predicate by predicate.

    For a store whose default graph is the union of its named graphs (a
    :class:`kg.store.Store`), each triple is read once from the default graph
    with one SPARQL query per predicate, which makes Oxigraph decode two terms
    per triple (subject and object) instead of four (the predicate and graph
    are known); on disk every decoded IRI or long literal is a RocksDB read, so
    this halves the scan. ``rdf:type`` is read with its graph, which says where
    an agreement comes from (``sources``). The list of predicates comes from one
    ``SELECT DISTINCT ?p``, which Oxigraph answers on encoded terms.
    """
    intern = sys.intern
    NamedNode, Literal, BlankNode = ox.NamedNode, ox.Literal, ox.BlankNode  # noqa: N806
    types: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    names: dict[str, list[tuple[str, str, str | None, bool]]] = defaultdict(list)
    lits: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    links: list[tuple[str, str, str]] = []
    subclass: list[tuple[str, str]] = []
    kind_keys: dict[str, str] = {}
    ekg_len = len(EKG)
    default = ox.DefaultGraph()

    def rows(sparql: str):
        return handle.query(sparql, default_graph=default)

    predicates = [row[0].value for row in rows("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")]
    for pv in predicates:
        pv = intern(pv)
        if pv == RDF_TYPE:
            # with the graph: sources of the typed nodes of our classes
            for s, o, g in handle.query(
                    f"SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s <{RDF_TYPE}> ?o }} }}"):
                sv = intern(s.value) if type(s) is NamedNode else "_:" + s.value
                ot = type(o)
                if ot is Literal:
                    lits[sv].append((pv, o.value, o.language))
                    continue
                ov = intern(o.value) if ot is NamedNode else "_:" + o.value
                if ov.startswith(EKG):
                    types[sv].add(ov[ekg_len:])
                    sources[sv].add(intern(g.value))
                else:
                    types[sv].add(ov)
            continue
        query = f"SELECT ?s ?o WHERE {{ ?s <{pv}> ?o }}"
        if pv in NAME_PREDICATES:  # with the graph: a curated name wins a tie
            for s, o, g in handle.query(
                    f"SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s <{pv}> ?o }} }}"):
                sv = intern(s.value) if type(s) is NamedNode else "_:" + s.value
                if type(o) is Literal:
                    names[sv].append((pv, o.value, o.language, g.value == _CURATED))
                else:
                    links.append((sv, pv, intern(o.value) if type(o) is NamedNode
                                  else "_:" + o.value))
            continue
        subclass_p = pv == RDFS + "subClassOf"
        kind_p = pv == EKG + "kindKey"
        for s, o in rows(query):
            sv = intern(s.value) if type(s) is NamedNode else "_:" + s.value
            ot = type(o)
            if ot is Literal:
                if kind_p:
                    kind_keys[sv] = o.value
                else:
                    lits[sv].append((pv, o.value, o.language))
                continue
            ov = intern(o.value) if ot is NamedNode else "_:" + o.value
            if subclass_p:
                subclass.append((sv, ov))
            else:
                links.append((sv, pv, ov))
    return types, sources, names, lits, links, subclass, kind_keys


class _Builder:
    """One pass over the quads, then indexes and graphs."""

    def __init__(self, view: View):
        self.view = view

    def run(self, quads=None, handle=None, scan=None) -> None:  # noqa: C901, PLR0912, PLR0915
        """Build from ``quads`` (any iterable of quads), or from ``handle``, a
        ``pyoxigraph.Store`` whose default graph is the union of its named graphs
        (read predicate by predicate, see :func:`_scan_by_predicate`), or from
        ``scan``, a one-item list holding the raw material of a scan made elsewhere
        (:meth:`View.from_scan`; taken out of the list)."""
        view = self.view
        timings = view.timings
        clock = [time.perf_counter()]

        def tick(name: str) -> None:
            now = time.perf_counter()
            timings[name] = round(now - clock[0], 3)
            clock[0] = now

        if scan is not None:
            types, sources, names, lits, links, subclass, kind_keys = scan.pop()
        elif handle is not None:
            types, sources, names, lits, links, subclass, kind_keys = _scan_by_predicate(handle)
        else:
            types, sources, names, lits, links, subclass, kind_keys = _scan_quads(quads)
        ekg_len = len(EKG)
        tick('scan')
        # class hierarchy: the ontology's subClassOf plus the built-in knowledge
        parents: dict[str, set[str]] = defaultdict(set)
        for sub, sup in subclass:
            if sub.startswith(EKG) and sup.startswith(EKG):
                parents[sub[ekg_len:]].add(sup[ekg_len:])
        for name in AGREEMENT_KINDS:
            if name != "Agreement":
                parents[name].add("Agreement")
        for name in ("Country", "Region", "Organization", "Person"):
            parents[name].add("Actor")

        def ancestors(name: str) -> set[str]:
            out, todo = set(), [name]
            while todo:
                for sup in parents.get(todo.pop(), ()):
                    if sup not in out:
                        out.add(sup)
                        todo.append(sup)
            return out

        anc_cache: dict[str, set[str]] = {}

        def anc(name: str) -> set[str]:
            if name not in anc_cache:
                anc_cache[name] = ancestors(name)
            return anc_cache[name]

        view.kind_keys = {**AGREEMENT_KINDS,
                          **{k[ekg_len:]: v for k, v in kind_keys.items() if k.startswith(EKG)}}

        def classify(iri: str, found: set[str] | None) -> str | None:
            if found:
                ours = [t for t in found if "/" not in t and "#" not in t]
                if ours:
                    if len(ours) > 1:  # drop superclasses of other candidates
                        supers = set().union(*(anc(t) for t in ours))
                        ours = [t for t in ours if t not in supers] or ours
                        ours.sort(key=lambda t: (TYPE_PRIORITY.index(t)
                                                 if t in TYPE_PRIORITY else 99, t))
                    return ours[0]
                if not iri.startswith(ID):  # vocabulary (classes, lexicon concepts ...)
                    return None
            if iri.startswith(ID):
                kind = iri[len(ID):].split("/", 1)[0]
                return KIND_CLASSES.get(kind, kind.capitalize() or None)
            return None

        def kind_of(cls: str) -> str | None:
            if cls in view.kind_keys:
                return view.kind_keys[cls]
            for sup in anc(cls):
                if sup in view.kind_keys:
                    return view.kind_keys[sup]
            return None

        # which nodes are entities, which are structural, which are neither
        node_type: dict[str, str] = {}
        structural: dict[str, str] = {}
        for iri, found in types.items():
            cls = classify(iri, found)
            if cls is None:
                continue
            if cls in STRUCTURAL_CLASSES or anc(cls) & STRUCTURAL_CLASSES:
                structural[iri] = cls if cls in STRUCTURAL_CLASSES else next(
                    iter(anc(cls) & STRUCTURAL_CLASSES))
            elif not iri.startswith("_:"):
                node_type[iri] = cls

        def entity_type(iri: str) -> str | None:
            cls = node_type.get(iri)
            if cls is None and iri.startswith(ID) and iri not in structural:
                cls = classify(iri, None)
                if cls in STRUCTURAL_CLASSES:
                    structural[iri] = cls
                    return None
                if cls:
                    node_type[iri] = cls
            return cls

        agreement_classes = {c for c in set(node_type.values()) | set(AGREEMENT_KINDS)
                             if c == "Agreement" or "Agreement" in anc(c)}
        actor_classes = {c for c in set(node_type.values()) | ACTOR_CLASSES
                         if c != "Person" and "Person" not in anc(c)
                         and (c in ACTOR_CLASSES or "Actor" in anc(c))}

        tick('classify')
        # split the links: structural nodes' own links, pointers to them, entity edges
        struct_links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        pointers: list[tuple[str, str, str]] = []
        edges: list[tuple[str, str, str]] = []
        coop_pairs: list[tuple[str, str]] = []
        coop_p = EKG + "cooperatesWith"
        for s, p, o in links:
            if s.startswith("_:") or s in structural:
                struct_links[s].append((p, o))
            elif p in STRUCT_POINTERS:
                pointers.append((s, p, o))
            elif p == coop_p:
                coop_pairs.append((s, o))
            elif p in IGNORED_LINKS or o.startswith("_:"):
                continue
            else:
                edges.append((s, p, o))
        del links

        tick('split')
        # --- nodes
        graph = view.entities
        node_attrs: dict[str, dict] = {}

        def add_node(iri: str) -> dict | None:
            attrs = node_attrs.get(iri)
            if attrs is not None:
                return attrs
            cls = entity_type(iri)
            if cls is None:
                return None
            attrs = {"type": cls, "label": ""}
            if cls in agreement_classes:
                attrs["kind"] = kind_of(cls) or "agreement"
            node_attrs[iri] = attrs
            return attrs

        for iri in list(node_type):
            add_node(iri)
        kept: list[tuple[str, str, str]] = []
        for t in edges:
            if (t[0] in node_attrs or add_node(t[0]) is not None) and (
                    t[2] in node_attrs or add_node(t[2]) is not None):
                kept.append(t)
        edges = kept
        del kept

        name_index: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for iri, entries in names.items():
            attrs = node_attrs.get(iri)
            if attrs is None:
                continue
            # English rdfs:label first; among equals a curated one, then the first in
            # code-point order, so the choice does not depend on the order of the quads
            best, best_rank = None, (99,)
            for pred, value, lang, is_curated in entries:
                if pred != _ISO:
                    rank = ((0 if lang == "en" else 1 if not lang else 2) + (
                        0 if pred == _LABEL else 3 if pred == _PREF else 6),
                        not is_curated, value)
                    if rank < best_rank:
                        best, best_rank = value, rank
                key = normalize(value)
                if key:
                    name_index[key].append((NAME_PREDICATES[pred], iri))
            if best is not None:
                attrs["label"] = best
        id_len = len(ID)
        for iri, attrs in node_attrs.items():
            if not attrs["label"]:
                attrs["label"] = fallback_label(iri)
            if iri.startswith(ID):
                key = normalize(iri[id_len:].split("/", 1)[-1])
                if key:
                    name_index[key].append((2, iri))
        view.names = dict(name_index)
        del name_index

        tick('names')
        # literal attributes of entities (dates as written)
        signed_on, since, title = EKG + "signedOn", EKG + "since", PREFIXES["dcterms"] + "title"
        for iri, entries in lits.items():
            attrs = node_attrs.get(iri)
            if attrs is None:
                continue
            best = None
            for pred, value, lang in entries:
                if pred == signed_on:
                    attrs["date"] = value
                elif pred == since:
                    attrs["since"] = value
                elif pred == title:  # English first, then no language, then by text
                    rank = (0 if lang == "en" else 1 if not lang else 2, value)
                    if best is None or rank < best:
                        best = rank
            if best is not None:
                attrs["title"] = best[1]

        # nodes go straight into NetworkX's own dicts (add_nodes_from copies every dict)
        g_node, g_succ, g_pred = graph._node, graph._succ, graph._pred
        for iri, attrs in node_attrs.items():
            g_node[iri] = attrs
            g_succ[iri] = {}
            g_pred[iri] = {}

        def add_edge(u: str, v: str, key: str, data: dict) -> None:
            keydict = g_succ[u].get(v)
            if keydict is None:
                keydict = g_succ[u][v] = {}
                g_pred[v][u] = keydict
            if key in keydict:
                keydict[key].update(data)
            else:
                keydict[key] = data

        tick('attrs')
        # --- edges between entities
        # Agreements first, stated cooperations next, memberships last: adjacency keeps this
        # order, so breadth-first searches meet agreements before weaker links.
        edges.sort(key=lambda t: EDGE_ORDER.get(t[1], 5))
        compact_cache: dict[str, str] = {}
        for s, p, o in edges:
            key = compact_cache.get(p)
            if key is None:
                key = compact_cache[p] = compact(p)
            add_edge(s, o, key, {})

        tick('add_edges')
        # structural nodes: roles, signatures, ratifications, evidence, links
        def struct_values(node: str) -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for p, o in struct_links.get(node, ()):
                out.setdefault(p, []).append(o)
            for p, v, _ in lits.get(node, ()):
                out.setdefault(p, []).append(v)
            for p, v, *_ in names.get(node, ()):
                out.setdefault(p, []).append(v)
            return out

        signatures: dict[str, list[dict]] = defaultdict(list)
        role_p, sig_p, rat_p = EKG + "role", EKG + "signature", EKG + "ratification"
        org_p, country_p, title_p = EKG + "organization", EKG + "country", EKG + "title"
        start_p, end_p = EKG + "start", EKG + "end"
        signer_p, behalf_p = EKG + "signer", EKG + "onBehalfOf"
        for s, p, o in pointers:
            if s not in node_attrs or p not in (role_p, sig_p, rat_p):  # events: not shown
                continue
            values = struct_values(o)
            get = values.get
            if p == role_p:
                target = (get(org_p) or get(country_p) or (None,))[0]
                if target and add_node(target) is not None:
                    if target not in g_node:
                        g_node[target], g_succ[target], g_pred[target] = (
                            node_attrs[target], {}, {})
                    data = {}
                    for name, pred in (("title", title_p), ("start", start_p), ("end", end_p)):
                        if pred in values:
                            data[name] = values[pred][0]
                    add_edge(s, target, "ekg:role", data)
            elif p == sig_p:
                signatures[s].append({"signer": _first(get(signer_p)),
                                      "on_behalf_of": _first(get(behalf_p)),
                                      "title": _first(get(title_p))})
            else:  # a ratification
                by, on = _first(get(EKG + "ratifiedBy")), _first(get(EKG + "ratifiedOn"))
                if by and add_node(by) is not None:
                    if by not in g_node:
                        g_node[by], g_succ[by], g_pred[by] = node_attrs[by], {}, {}
                    add_edge(s, by, "ekg:ratifiedBy", {"date": on} if on else {})

        tick('struct')
        # evidence and cooperation links
        evidence: dict[str, list[EvidenceRecord]] = defaultdict(list)
        link_basis: list[tuple[list[str], list[str]]] = []
        for node, cls in structural.items():
            if cls == "CooperationLink":
                values = struct_values(node)
                link_basis.append((values.get(EKG + "actor", []), values.get(EKG + "basedOn", [])))
            elif cls == "Evidence":
                values = struct_values(node)
                get = values.get
                for target in get(EKG + "supports", ()):
                    evidence[target].append(EvidenceRecord(
                        node=node, supports=target,
                        document=_first(get(EKG + "document")),
                        quote=_first(get(EKG + "quote")),
                        confidence=_float(_first(get(EKG + "confidence"))),
                        extractor=_first(get(EKG + "extractor")),
                        property=_first(get(EKG + "property")),
                        value=_first(get(EKG + "value")),
                        start=_int(_first(get(start_p))),
                        end=_int(_first(get(end_p))),
                    ))
        view.evidence = dict(evidence)

        tick('evidence')
        # --- agreement and cooperation records
        records: dict[str, AgreementRecord] = {}
        coop_records: dict[str, AgreementRecord] = {}
        for iri, attrs in node_attrs.items():
            cls = attrs["type"]
            if cls in agreement_classes:
                rec = AgreementRecord(iri, cls, attrs.get("kind"), attrs["label"],
                                      attrs.get("title"), attrs.get("date"))
                records[iri] = rec
            elif cls == "Cooperation":
                rec = AgreementRecord(iri, cls, None, attrs["label"], attrs.get("title"),
                                      attrs.get("since"))
                coop_records[iri] = rec
            else:
                continue
            rec.span = rec.active = interval(rec.date)
            if rec.span and cls == "Cooperation":  # ekg:since: ongoing from then on
                rec.active = (rec.span[0], "9999-12-31")
            rec.sources = sorted(sources.get(iri, ()))
        slot = {EKG + "party": "parties", EKG + "participant": "parties",
                EKG + "signatory": "signatories", EKG + "witness": "witnesses",
                EKG + "topic": "topics", PROV + "wasDerivedFrom": "documents"}
        signed_at = EKG + "signedAt"
        for s, p, o in edges:
            rec = records.get(s) or coop_records.get(s)
            if rec is None:
                continue
            name = slot.get(p)
            if name:
                values = getattr(rec, name)
                if o not in values:
                    values.append(o)
            elif p == signed_at:
                rec.signed_at = o
        for iri, sigs in signatures.items():
            rec = records.get(iri)
            if rec is None:
                continue
            rec.signatures = sigs
            for sig in sigs:
                actor = sig["on_behalf_of"]
                if actor and actor not in rec.parties:
                    rec.parties.append(actor)
                if sig["signer"] and sig["signer"] not in rec.signatories:
                    rec.signatories.append(sig["signer"])
                signer = sig["signer"]
                if signer and sig["title"]:
                    keydict = g_succ[iri].get(signer)
                    if keydict and "ekg:signatory" in keydict:
                        keydict["ekg:signatory"]["title"] = sig["title"]
                if signer and actor and signer in g_node and actor in g_node:
                    add_edge(signer, actor, "ekg:onBehalfOf", {"agreement": iri})
        for iri, evs in evidence.items():
            rec = records.get(iri) or coop_records.get(iri)
            if rec is not None:
                for ev in evs:
                    if ev.document and ev.document not in rec.documents:
                        rec.documents.append(ev.document)
        view.agreement_records = records
        view.cooperation_records = coop_records

        tick('records')
        # --- topics: narrower closure
        children: dict[str, set[str]] = defaultdict(set)
        broader, narrower_p = SKOS + "broader", SKOS + "narrower"
        for s, p, o in edges:
            if p == broader:
                children[o].add(s)
            elif p == narrower_p:
                children[s].add(o)
        closure: dict[str, frozenset[str]] = {}
        for topic in [i for i, a in node_attrs.items() if a["type"] == "Topic"]:
            out, todo = {topic}, [topic]
            while todo:
                for child in children.get(todo.pop(), ()):
                    if child not in out:
                        out.add(child)
                        todo.append(child)
            closure[topic] = frozenset(out)
        view.narrower = closure
        # Each record's topics broadest first (fewest broader topics), then by label: RDF
        # keeps no order, and the first topic is what an edge is drawn in.
        depth: dict[str, int] = {}
        for topic, below in closure.items():
            for t in below:
                if t != topic:
                    depth[t] = depth.get(t, 0) + 1

        def topic_key(t: str) -> tuple:
            attrs = node_attrs.get(t)
            return depth.get(t, 0), (attrs["label"] if attrs else t).casefold(), t

        for rec in (*records.values(), *coop_records.values()):
            if len(rec.topics) > 1:
                rec.topics.sort(key=topic_key)

        # --- the cooperation graph
        actors = {iri: a for iri, a in node_attrs.items() if a["type"] in actor_classes}
        pair_basis: dict[tuple[str, str], list[str]] = {}
        for rec in (*records.values(), *coop_records.values()):
            members = [a for a in rec.parties if a in actors]
            if len(members) < 2:
                continue
            members.sort()
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    basis = pair_basis.get((a, b))
                    if basis is None:
                        pair_basis[(a, b)] = [rec.iri]
                    else:
                        basis.append(rec.iri)
        for members, basis in link_basis:
            members = sorted({a for a in members if a in actors})
            if len(members) == 2:
                have = pair_basis.setdefault((members[0], members[1]), [])
                have.extend(x for x in basis
                            if (x in records or x in coop_records) and x not in have)
        for a, b in coop_pairs:
            if a != b and a in actors and b in actors:
                pair_basis.setdefault((a, b) if a < b else (b, a), [])

        coop = view.cooperation
        c_node, c_adj = coop._node, coop._adj
        for iri, attrs in actors.items():
            c_node[iri] = {"type": attrs["type"], "label": attrs["label"]}
            c_adj[iri] = {}
        for (a, b), basis in pair_basis.items():
            agreements, cooperations, topics = [], [], []
            first = last = None
            for iri in basis:
                rec = records.get(iri)
                if rec is not None:
                    if iri in agreements:
                        continue
                    agreements.append(iri)
                else:
                    if iri in cooperations:
                        continue
                    rec = coop_records[iri]
                    cooperations.append(iri)
                span = rec.span
                if span:
                    if first is None or span[0] < first[0]:
                        first = (span[0], rec.date)
                    if last is None or span[1] > last[0]:
                        last = (span[1], rec.date)
            if len(agreements) > 1:
                agreements.sort(key=lambda i: ((records[i].span or ("9999",))[0], i))
            if len(cooperations) > 1:  # the same order, not the scan's
                cooperations.sort(key=lambda i: ((coop_records[i].span or ("9999",))[0], i))
            # the topics of the oldest agreement first (the edge's main topic), then the rest
            for iri in agreements:
                topics.extend(t for t in records[iri].topics if t not in topics)
            for iri in cooperations:
                topics.extend(t for t in coop_records[iri].topics if t not in topics)
            data = {"agreements": agreements, "cooperations": cooperations, "topics": topics,
                    "weight": max(1, len(agreements) + len(cooperations))}
            if first is not None:
                data["first"], data["last"] = first[1], last[1]
            if not basis:
                data["derived"] = True
            c_adj[a][b] = data
            c_adj[b][a] = data
        nx._clear_cache(coop)
        nx._clear_cache(graph)
        tick('cooperation')
        # --- partner order: each actor's partners strongest first, then by label and IRI
        ordered = sorted(c_node, key=lambda i: (c_node[i]["label"].casefold(), i))
        place = {iri: n for n, iri in enumerate(ordered)}
        view.actor_order = place
        view.partner_order = {
            a: sorted(adj, key=lambda o, adj=adj: (-adj[o]["weight"], place[o]))
            for a, adj in c_adj.items()}
        tick('partner_order')
        # --- agreements: in the order they are listed (date, label, IRI), and by topic
        ordered = sorted(records, key=lambda i: ((records[i].span or ("9999",))[0],
                                                 records[i].label.casefold(), i))
        view.agreement_order = ordered
        view.agreement_place = {iri: n for n, iri in enumerate(ordered)}
        by_topic: dict[str, list[str]] = defaultdict(list)
        by_party: dict[str, list[str]] = defaultdict(list)
        for iri in ordered:
            rec = records[iri]
            for t in rec.topics:
                by_topic[t].append(iri)
            for a in rec.parties:
                by_party[a].append(iri)
        view.agreements_by_topic = dict(by_topic)
        view.agreements_by_party = dict(by_party)
        tick('agreement_order')


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
    For an on-disk store the view is first looked for in its snapshot
    (:func:`load_snapshot`; written by whichever process built that revision), and a
    view that had to be built is saved as one, in the background.

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
    with _global_lock:
        lock = _locks.get(store)
        if lock is None:
            lock = _locks[store] = threading.Lock()
    if include_pending:
        return _pending_view(store, lock)
    with lock:
        view = _views.get(store)
        revision = store.revision
        if view is None or view.revision != revision:
            path = snapshot_path(store)
            view = load_snapshot(path, revision) if path is not None else None
            if view is None:
                view = View.from_store(store)
                if path is not None and view.revision == revision:
                    save_snapshot_later(view, path)
            _views[store] = view
        return view


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

SNAPSHOT_FORMAT = 2  # raise when the view's structures change: older snapshots are ignored
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


def _state(view: View) -> dict:
    """The view's structures, graphs as their raw adjacency dicts (shared dicts stay shared)."""
    state = {k: v for k, v in view.__dict__.items()
             if k not in ("_cache", "_lock", "entities", "cooperation")}
    ent, coop = view.entities, view.cooperation
    state["entities"] = (ent.graph, ent._node, ent._succ, ent._pred)
    state["cooperation"] = (coop.graph, coop._node, coop._adj)
    return state


def _from_state(state: dict) -> View:
    view = View()
    graph, node, succ, pred = state.pop("entities")
    ent = view.entities
    ent.graph, ent._node, ent._adj, ent._succ, ent._pred = graph, node, succ, succ, pred
    graph, node, adj = state.pop("cooperation")
    coop = view.cooperation
    coop.graph, coop._node, coop._adj = graph, node, adj
    view.__dict__.update(state)
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
              "python": sys.version_info[:2], "networkx": nx.__version__}
    try:
        with open(tmp, "wb") as out:
            pickle.dump(header, out, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(_state(view), out, protocol=pickle.HIGHEST_PROTOCOL)
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


def load_snapshot(path: Path, revision: int) -> View | None:
    """The view kept in ``path`` if it is there, of ``revision`` and of this format; else None.

    A snapshot is data this program wrote into the store's own folder; like the
    store itself, it must not be writable by anyone the server should not trust.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115
    except OSError:
        return None
    started = time.perf_counter()
    collecting = gc.isenabled()
    gc.disable()
    try:
        with handle:
            header = pickle.load(handle)
            if not isinstance(header, dict) or header.get("format") != SNAPSHOT_FORMAT or \
                    header.get("revision") != revision or \
                    tuple(header.get("python", ())) != tuple(sys.version_info[:2]) or \
                    header.get("networkx") != nx.__version__:
                return None
            view = _from_state(pickle.load(handle))
    except Exception:  # noqa: BLE001 - a damaged or foreign file: build instead
        return None
    finally:
        gc.freeze()  # as after a build: keep the collector off these containers
        if collecting:
            gc.enable()
    view.build_seconds = time.perf_counter() - started
    view.timings = {"snapshot": round(view.build_seconds, 3)}
    return view


__all__ = ["View", "get_view", "current_view", "load_snapshot", "save_snapshot", "snapshot_path",
           "wait_for_snapshots", "AgreementRecord", "EvidenceRecord", "interval",
           "window", "overlaps", "real_date", "date_precision", "normalize", "compact", "expand",
           "fallback_label"]
