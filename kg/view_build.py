"""How :class:`kg.view.View` is built from a store: the scan, then graphs and indexes.

**The scan.** A :class:`kg.store.Store` keeps the union of its named graphs in
Oxigraph's default graph, so every triple is read once from there, predicate
by predicate (``SELECT ?s ?o WHERE { ?s <p> ?o }``); ``rdf:type`` and the name
predicates are read with their graph (``GRAPH ?g``), which the records'
``sources`` and the curated-label rule need. Oxigraph writes each answer as
SPARQL TSV (:meth:`pyoxigraph.QuerySolutions.serialize`): the decoding of the
terms, which is most of the cost on disk (every IRI is a RocksDB read), runs in
Rust without the GIL on a helper thread, one predicate ahead of the Python code
that reads the lines. Any other source (quads from ``Store.quads()``, the
pending facts of the review queue) is grouped into the same per-predicate rows.

**The build.** Rows are routed as they arrive: the ontology's class hierarchy
and ``rdf:type`` come first, so every later link is at once an entity edge, a
pointer to a structural node (role, signature, ratification, event), a value
of a structural node, a derived ``ekg:cooperatesWith`` pair, or nothing.

**Orders.** Everything the view lists is in an order fixed by the data, not by
the store's index order, so that a view updated in place for a few changed
nodes (:mod:`kg.view_update`) is equal, order included, to the view built
again from scratch: node dicts by IRI; each node's adjacency by edge rank
(:data:`EDGE_RANK`: agreements first, then stated cooperations, memberships,
roles), then predicate, then the other node; a record's parties, signatories,
witnesses and documents by IRI (plain statements first, then what signatures
and evidence add); evidence by node; a cooperation edge's agreements and
cooperations by date, then IRI. Where one value must be picked among several
(two ``ekg:signedOn`` dates, two titles of one role) the choice is the first
in code-point order.
"""

from __future__ import annotations

import itertools
import queue
import re
import sys
import threading
from collections import defaultdict
from operator import attrgetter

import pyoxigraph as ox

from kg.namespaces import CURATED_GRAPH, PREFIXES, compact

from kg.view import (  # noqa: E402 - kg.view imports this module only when it builds
    ACTOR_CLASSES, AGREEMENT_KINDS, EKG, ID, IGNORED_LINKS, KIND_CLASSES, NAME_PREDICATES, PROV,
    RDF_TYPE, RDFS, SKOS, STRUCT_POINTERS, STRUCTURAL_CLASSES, TYPE_PRIORITY, AgreementRecord,
    EvidenceRecord, _float, _int, fallback_label, interval, normalize)

SUBCLASS = RDFS + "subClassOf"
KIND_KEY = EKG + "kindKey"
COOPERATES = EKG + "cooperatesWith"
BROADER, NARROWER = SKOS + "broader", SKOS + "narrower"
_LABEL, _PREF, _ISO = RDFS + "label", SKOS + "prefLabel", EKG + "isoCode"
# Edge keys in the order adjacency lists them (what a breadth-first search meets first):
# parties, signatories, participants, places in regions/countries, everything else,
# memberships, then the edges folded from structural nodes. Unlisted keys rank 5.
EDGE_RANK = {"ekg:party": 0, "ekg:signatory": 1, "ekg:participant": 2, "ekg:partOf": 3,
             "ekg:basedIn": 3, "ekg:memberOf": 6, "ekg:role": 7, "ekg:ratifiedBy": 7,
             "ekg:onBehalfOf": 7}
# Record fields filled from an agreement's (or cooperation's) own links, in this order.
RECORD_SLOTS = ((EKG + "party", "parties"), (EKG + "participant", "parties"),
                (EKG + "signatory", "signatories"), (EKG + "witness", "witnesses"),
                (EKG + "topic", "topics"), (PROV + "wasDerivedFrom", "documents"))
SIGNED_AT = EKG + "signedAt"
SIGNED_ON, SINCE, DC_TITLE = EKG + "signedOn", EKG + "since", PREFIXES["dcterms"] + "title"
# predicates whose change reorders or reclassifies everything: a full build
GLOBAL_PREDICATES = frozenset({SUBCLASS, KIND_KEY, BROADER, NARROWER})

_ROLE, _SIGNATURE, _RATIFICATION = EKG + "role", EKG + "signature", EKG + "ratification"
_ORG, _COUNTRY, _TITLE, _START, _END = (EKG + n for n in ("organization", "country", "title",
                                                          "start", "end"))
_SIGNER, _BEHALF = EKG + "signer", EKG + "onBehalfOf"
_RATIFIED_BY, _RATIFIED_ON = EKG + "ratifiedBy", EKG + "ratifiedOn"
_ACTOR, _BASED_ON, _SUPPORTS = EKG + "actor", EKG + "basedOn", EKG + "supports"
_EVIDENCE_FIELDS = (("document", EKG + "document"), ("quote", EKG + "quote"),
                    ("confidence", EKG + "confidence"), ("extractor", EKG + "extractor"),
                    ("property", EKG + "property"), ("value", EKG + "value"),
                    ("start", _START), ("end", _END))
# the values of structural nodes the build reads; those that name nodes take no literal
LINK_VALUES = frozenset({_ORG, _COUNTRY, _SIGNER, _BEHALF, _RATIFIED_BY, _ACTOR, _BASED_ON,
                         _SUPPORTS, EKG + "document"})
STRUCT_VALUES = frozenset({*LINK_VALUES, _TITLE, _START, _END, _RATIFIED_ON,
                           *(p for _, p in _EVIDENCE_FIELDS)})
_CURATED = str(CURATED_GRAPH)
# Rows of this pseudo-predicate say which graph types a node with one of our classes
# (the sources of a record).
SOURCES = "urn:x-kg:sources"


# --- the scan ------------------------------------------------------------------------------

_TSV = ox.QueryResultsFormat.TSV
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_CHARS = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f"}


def _unescape(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    if code:
        return chr(int(code, 16))
    char = match.group(3)
    return _CHARS.get(char, char)


def _literal(text: str) -> tuple[str, str | None]:
    """The lexical form and language of a literal as SPARQL TSV writes it (Turtle syntax:
    ``"text"``, ``"text"@en``, ``"text"^^<datatype>``, or a bare number or boolean)."""
    if text[0] != '"':
        return text, None
    end = text.rindex('"')
    value = text[1:end]
    if "\\" in value:
        value = _ESCAPE.sub(_unescape, value)
    lang = text[end + 2:] if text[end + 1:end + 2] == "@" else None
    return value, lang


class Rows:
    """The triples of one predicate: ``links`` (subject, IRI or ``_:`` blank node) and
    ``lits`` (subject, text, language), from the default graph (the union), or from
    ``graph`` alone (the curated names). :data:`SOURCES` rows are (node, graph)."""

    __slots__ = ("predicate", "links", "lits", "graph")

    def __init__(self, predicate: str, links: list, lits: list, graph: str | None = None):
        self.predicate, self.links, self.lits, self.graph = predicate, links, lits, graph


def parse_tsv(predicate: str, data: bytes, graph: str | None = None) -> Rows:
    """Rows from the TSV answer of ``SELECT ?s ?o``."""
    intern = sys.intern
    text = data.decode()
    rows = text.count("\n") - 1  # a header line, and every line ends with a newline
    if rows > 0 and text.count("\t<") + text.count("\t_:") == rows:
        # only IRIs and blank nodes (which hold no "<", ">", tab or newline): split in bulk
        body = text[text.index("\n") + 1:-1].replace("<", "").replace(">", "")
        flat = list(map(intern, body.replace("\n", "\t").split("\t")))
        return Rows(predicate, list(zip(flat[0::2], flat[1::2])), [], graph)
    links: list = []
    lits: list = []
    add_link, add_lit = links.append, lits.append
    for line in itertools.islice(text.split("\n"), 1, None):
        if not line:
            continue
        s, o = line.split("\t")
        s = intern(s[1:-1]) if s[0] == "<" else s
        first = o[0]
        if first == "<":
            add_link((s, intern(o[1:-1])))
        elif first == "_":
            add_link((s, o))
        else:
            value, lang = _literal(o)
            add_lit((s, value, lang))
    return Rows(predicate, links, lits, graph)


def _order(predicates) -> list[str]:
    """The order predicates are read in: the class hierarchy and kind keys, then
    ``rdf:type`` (so every later row can be routed at once), then the rest."""
    first = [p for p in (SUBCLASS, KIND_KEY, RDF_TYPE) if p in predicates]
    return first + sorted(p for p in predicates if p not in first)


def _query(handle: ox.Store, sparql: str) -> bytes:
    return handle.query(sparql, default_graph=ox.DefaultGraph()).serialize(format=_TSV)


def scan_store(handle: ox.Store):
    """The rows of every predicate of a merged store (see the module's doc), as they come.
    The sources of records come after, from :func:`sources_rows`."""
    predicates = {row[0].value for row in handle.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }",
                                                         default_graph=ox.DefaultGraph())}
    jobs = []
    for p in _order(predicates):
        if p in NAME_PREDICATES:  # the curated ones first: a curated name wins a tie
            jobs.append((p, f"SELECT ?s ?o WHERE {{ GRAPH <{_CURATED}> {{ ?s <{p}> ?o }} }}",
                         _CURATED))
        jobs.append((p, f"SELECT ?s ?o WHERE {{ ?s <{p}> ?o }}", None))
    done = queue.Queue(maxsize=2)  # at most two answers wait: memory stays bounded
    stop = threading.Event()

    def fetch() -> None:
        try:
            for p, sparql, graph in jobs:
                if stop.is_set():
                    return
                done.put((p, _query(handle, sparql), graph))
        except BaseException as exc:  # noqa: BLE001 - handed to the reading thread
            done.put(exc)
            return
        done.put(None)

    worker = threading.Thread(target=fetch, name="kg-view-scan", daemon=True)
    worker.start()
    try:
        while True:
            item = done.get()
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            p, data, graph = item
            yield parse_tsv(p, data, graph)
    finally:
        stop.set()
        while worker.is_alive():  # let it finish the query in hand
            try:
                done.get(timeout=0.05)
            except queue.Empty:
                pass
        worker.join()


def sources_rows(handle: ox.Store, router: Router) -> Rows:
    """Which graphs type the records (agreements, cooperations) with one of our classes."""
    classes = set()
    for iri, found in router.types.items():
        cls = router.entity_class(iri)
        if cls is not None and (cls == "Cooperation" or router.classes.is_agreement(cls)):
            classes.update(t for t in found if "/" not in t and "#" not in t)
    if not classes:
        return Rows(SOURCES, [], [])
    values = " ".join(f"<{EKG}{c}>" for c in sorted(classes))
    return parse_tsv(SOURCES, _query(handle, f"SELECT ?s ?g WHERE {{ VALUES ?c {{ {values} }} "
                                             f"GRAPH ?g {{ ?s <{RDF_TYPE}> ?c }} }}"))


def scan_quads(quads):
    """The same rows from any iterable of quads (each quad's graph is its source)."""
    intern = sys.intern
    NamedNode, Literal = ox.NamedNode, ox.Literal  # noqa: N806
    links: dict[str, dict] = defaultdict(dict)
    lits: dict[str, dict] = defaultdict(dict)
    curated: dict[str, dict] = defaultdict(dict)
    sources: dict[tuple[str, str], None] = {}
    for s, p, o, g in quads:
        pv = intern(p.value)
        sv = intern(s.value) if type(s) is NamedNode else "_:" + s.value
        gv = intern(g.value) if type(g) is NamedNode else None
        if type(o) is Literal:
            row = (sv, o.value, o.language)
            lits[pv][row] = None
            if gv == _CURATED and pv in NAME_PREDICATES:
                curated[pv][row] = None
        else:
            ov = intern(o.value) if type(o) is NamedNode else "_:" + o.value
            links[pv][(sv, ov)] = None
            if pv == RDF_TYPE and gv is not None and ov.startswith(EKG):
                sources[(sv, gv)] = None
    for p in _order(set(links) | set(lits)):
        if p in curated:
            yield Rows(p, [], list(curated[p]), _CURATED)
        yield Rows(p, list(links.get(p, ())), list(lits.get(p, ())))
    yield Rows(SOURCES, list(sources), [])


def scan_tuple(scan: tuple):
    """The same rows from the raw material of a scan made elsewhere: the tuple
    ``(types, sources, names, lits, links, subclass, kind_keys)`` that
    :mod:`kg.remote_view` reads from a projection of a remote endpoint (``types`` holds our
    classes by local name, other types by IRI; ``names`` entries say whether the curated
    graph states them)."""
    types, sources, names, lits, links, subclass, kind_keys = scan
    link_rows: dict[str, dict] = defaultdict(dict)
    lit_rows: dict[str, dict] = defaultdict(dict)
    curated: dict[str, dict] = defaultdict(dict)
    for node, found in types.items():
        for cls in found:
            link_rows[RDF_TYPE][(node, cls if ":" in cls else sys.intern(EKG + cls))] = None
    for node, value in kind_keys.items():
        lit_rows[KIND_KEY][(node, value, None)] = None
    for child, parent in subclass:
        link_rows[SUBCLASS][(child, parent)] = None
    for node, entries in names.items():
        for predicate, value, language, is_curated in entries:
            lit_rows[predicate][(node, value, language)] = None
            if is_curated:
                curated[predicate][(node, value, language)] = None
    for node, entries in lits.items():
        for predicate, value, language in entries:
            lit_rows[predicate][(node, value, language)] = None
    for node, predicate, value in links:
        link_rows[predicate][(node, value)] = None
    found_sources = [(node, graph) for node, graphs in sources.items() for graph in graphs]
    for p in _order(set(link_rows) | set(lit_rows)):
        if p in curated:
            yield Rows(p, [], list(curated[p]), _CURATED)
        yield Rows(p, list(link_rows.get(p, ())), list(lit_rows.get(p, ())))
    yield Rows(SOURCES, found_sources, [])


# --- classes -------------------------------------------------------------------------------

_MISSING = object()


class Classes:
    """The class hierarchy (the ontology's ``rdfs:subClassOf`` plus built-in knowledge) and
    ``ekg:kindKey``: what an IRI's types make it."""

    def __init__(self, subclass: list[tuple[str, str]], kind_keys: dict[str, str]):
        ekg_len = len(EKG)
        parents: dict[str, set[str]] = defaultdict(set)
        for sub, sup in subclass:
            if sub.startswith(EKG) and sup.startswith(EKG):
                parents[sub[ekg_len:]].add(sup[ekg_len:])
        for name in AGREEMENT_KINDS:
            if name != "Agreement":
                parents[name].add("Agreement")
        for name in ("Country", "Region", "Organization", "Person"):
            parents[name].add("Actor")
        self.parents = parents
        self._anc: dict[str, frozenset[str]] = {}
        self.kind_keys = {**AGREEMENT_KINDS,
                          **{k[ekg_len:]: v for k, v in kind_keys.items() if k.startswith(EKG)}}
        self._classify: dict[frozenset, str | None] = {}
        self._structural: dict[str, str | None] = {}

    def anc(self, name: str) -> frozenset[str]:
        found = self._anc.get(name)
        if found is None:
            out, todo = set(), [name]
            while todo:
                for sup in self.parents.get(todo.pop(), ()):
                    if sup not in out:
                        out.add(sup)
                        todo.append(sup)
            found = self._anc[name] = frozenset(out)
        return found

    def structural(self, cls: str) -> str | None:
        """The structural class ``cls`` is or falls under (None: an entity class)."""
        found = self._structural.get(cls, _MISSING)
        if found is _MISSING:
            if cls in STRUCTURAL_CLASSES:
                found = cls
            else:
                above = self.anc(cls) & STRUCTURAL_CLASSES
                found = min(above) if above else None
            self._structural[cls] = found
        return found

    def of_types(self, found: frozenset[str]) -> str | None:
        """Our class among the types of a node (None: none of ours)."""
        cached = self._classify.get(found, "")
        if cached != "":
            return cached
        ours = [t for t in found if "/" not in t and "#" not in t]
        result = None
        if ours:
            if len(ours) > 1:  # drop superclasses of other candidates
                supers = set().union(*(self.anc(t) for t in ours))
                ours = [t for t in ours if t not in supers] or ours
                ours.sort(key=lambda t: (TYPE_PRIORITY.index(t) if t in TYPE_PRIORITY else 99, t))
            result = ours[0]
        self._classify[found] = result
        return result

    def classify(self, iri: str, found) -> str | None:
        """The class of a node from its types, else from its IRI (``id/country/...``)."""
        if found:
            cls = self.of_types(frozenset(found))
            if cls is not None:
                return cls
            if not iri.startswith(ID):  # vocabulary (classes, lexicon concepts ...)
                return None
        if iri.startswith(ID):
            kind = iri[len(ID):].split("/", 1)[0]
            return KIND_CLASSES.get(kind, kind.capitalize() or None)
        return None

    def kind_of(self, cls: str) -> str | None:
        if cls in self.kind_keys:
            return self.kind_keys[cls]
        for sup in sorted(self.anc(cls)):
            if sup in self.kind_keys:
                return self.kind_keys[sup]
        return None

    def is_agreement(self, cls: str) -> bool:
        return cls == "Agreement" or "Agreement" in self.anc(cls)

    def is_actor(self, cls: str) -> bool:
        return cls != "Person" and "Person" not in self.anc(cls) and (
            cls in ACTOR_CLASSES or "Actor" in self.anc(cls))


def struct_kind_sort(values: list[str]) -> list[str]:
    return sorted(set(values)) if len(values) > 1 else values


def edge_rank(key: str) -> int:
    return EDGE_RANK.get(key, 5)


def share_empty(adjacency: dict[str, dict]) -> None:
    """Nodes without neighbours (on that side) share one empty dict (see :class:`KeyDicts`)."""
    empty: dict = {}
    for node, adj in adjacency.items():
        if not adj:
            adjacency[node] = empty


# the order of an edge's data fields (one order whatever made them)
DATA_FIELDS = {"title": 0, "start": 1, "end": 2, "date": 3, "agreement": 4}


class KeyDicts:
    """The key dicts of the entity graph's edges (``G._succ[u][v]``: key -> data).

    Edges with equal data share one data dict, and edges with the same keys and data
    share one key dict (most edges carry no data: all party edges are one key dict
    ``{"ekg:party": {}}``). A view is never changed once built (an update makes a new
    view), and hundreds of thousands of small dicts fewer make it quicker to build,
    to keep and to load from its snapshot.
    """

    def __init__(self) -> None:
        self.datas: dict[tuple, dict] = {(): {}}
        self.keydicts: dict[tuple, dict] = {}

    def data(self, data: dict | None) -> dict:
        if not data:
            return self.datas[()]
        items = tuple(sorted(data.items(), key=lambda kv: (DATA_FIELDS.get(kv[0], 9), kv[0])))
        found = self.datas.get(items)
        if found is None:
            found = self.datas[items] = dict(items)
        return found

    def add(self, keydict: dict | None, key: str, data: dict | None) -> dict:
        """``keydict`` (None: a new edge) with ``key`` added (its data merged in)."""
        items = list(keydict.items()) if keydict else []
        for n, (k, old) in enumerate(items):
            if k == key:
                items[n] = (k, self.data({**old, **data}) if data else old)
                break
        else:
            items.append((key, self.data(data)))
        return self.of(items)

    def of(self, items: list[tuple[str, dict]]) -> dict:
        """The key dict of these (key, data) pairs, data made shared."""
        items = [(k, self.data(d)) for k, d in items]
        ident = tuple((k, id(d)) for k, d in items)
        found = self.keydicts.get(ident)
        if found is None:
            found = self.keydicts[ident] = dict(items)
        return found


# --- routing: every row where it belongs -----------------------------------------------------

class Router:
    """Reads the rows of a scan and sorts them into what the build needs.

    ``known`` says whose types were read (None: everybody's, a full scan); for
    any other node ``outside(iri)`` gives its class (an incremental update asks
    its old view or the store).
    """

    def __init__(self, known: set[str] | None = None, outside=None):
        self.known, self.outside = known, outside
        self.subclass: list[tuple[str, str]] = []
        self.kind_keys: dict[str, str] = {}
        self.types: dict[str, set[str]] = defaultdict(set)
        self.sources: dict[str, set[str]] = defaultdict(set)
        self.classes: Classes | None = None
        self._cls: dict[str, str | None] = {}
        self._kind: dict[str, str | bool | None] = {}
        self.names: dict[str, list[tuple[str, str, str | None, bool]]] = defaultdict(list)
        self.curated: set[tuple[str, str, str | None]] = set()  # names in the curated graph
        self.edges: dict[str, set[tuple[str, str]]] = defaultdict(set)  # key -> (s, o)
        self.linked: set[str] = set()  # subjects with an entity link (they are nodes)
        self.pointers: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.values: dict[str, dict[str, list[str]]] = defaultdict(dict)  # p -> node -> values
        self.attrs: dict[str, dict[str, list[tuple[str, str | None]]]] = {
            SIGNED_ON: {}, SINCE: {}, DC_TITLE: {}}
        self.coop_pairs: set[tuple[str, str]] = set()
        self._compact: dict[str, str] = {}

    # -- classes

    def start(self) -> None:
        """The hierarchy and the types are in: classify."""
        if self.classes is None:
            kind_keys = {k: min(v) for k, v in self.kind_keys.items()}
            self.classes = Classes(self.subclass, kind_keys)

    def cls(self, iri: str) -> str | None:
        """The class of a node (ours, or from its IRI), structural or not."""
        found = self._cls.get(iri, _MISSING)
        if found is _MISSING:
            if self.known is not None and iri not in self.known and iri[0] != "_":
                found = self.outside(iri)
            else:
                found = self.classes.classify(iri, self.types.get(iri))
            self._cls[iri] = found
        return found

    def kind(self, iri: str):
        """A node's class if it is an entity; False for blank nodes and structural nodes;
        None for anything else (vocabulary, foreign IRIs)."""
        found = self._kind.get(iri, _MISSING)
        if found is _MISSING:
            if iri[0] == "_":
                found = False
            else:
                cls = self.cls(iri)
                found = None if cls is None else (
                    False if self.classes.structural(cls) is not None else cls)
            self._kind[iri] = found
        return found

    def struct(self, iri: str) -> bool:
        """Blank nodes and nodes of a structural class: folded into edges and indexes."""
        return self.kind(iri) is False

    def entity_class(self, iri: str) -> str | None:
        """The class of an entity node (None: not an entity)."""
        return self.kind(iri) or None

    # -- rows

    def add(self, rows: Rows) -> None:
        p = rows.predicate
        if p == SUBCLASS:
            self.subclass.extend(rows.links)
            return
        if p == KIND_KEY:
            for s, value, _ in rows.lits:
                self.kind_keys.setdefault(s, []).append(value)
            return
        if p == RDF_TYPE:
            ekg_len = len(EKG)
            types = self.types
            for s, o in rows.links:
                types[s].add(o[ekg_len:] if o.startswith(EKG) else o)
            return
        if p == SOURCES:
            sources = self.sources
            for s, g in rows.links:
                sources[s].add(g)
            return
        if rows.graph is not None:  # the curated names
            self.curated.update(rows.lits)
            return
        self.start()
        if p in NAME_PREDICATES:
            names, curated = self.names, self.curated
            for row in rows.lits:
                s, value, lang = row
                names[s].append((p, value, lang, row in curated))
        self._links(p, rows.links)
        if rows.lits:
            self._lits(p, rows.lits)

    def _links(self, p: str, links: list) -> None:
        if not links:
            return
        if p in STRUCT_POINTERS:  # (a structural node's pointers are never read)
            self.pointers[p].extend(links)
            return
        if p == COOPERATES:  # (pairs of non-actors are dropped with the cooperation graph)
            self.coop_pairs.update(links)
            return
        known, kind = self._kind.get, self.kind
        values = self.values[p] if p in STRUCT_VALUES else None
        key = self._compact.get(p) or self._compact.setdefault(p, compact(p))
        ignored = p in IGNORED_LINKS
        out = self.edges[key].add
        linked = self.linked.add
        for s, o in links:
            if s[0] == "_":
                k = False
            else:
                k = known(s, _MISSING)
                if k is _MISSING:
                    k = kind(s)
            if k is False:  # a structural node's value
                if values is not None:
                    have = values.get(s)
                    if have is None:
                        values[s] = [o]
                    else:
                        have.append(o)
                continue
            if ignored or not k or o[0] == "_":
                continue
            linked(s)  # an entity with a link: a node, whatever the link leads to
            ko = known(o, _MISSING)
            if ko is _MISSING:
                ko = kind(o)
            if ko:
                out((s, o))

    def _lits(self, p: str, lits: list) -> None:
        values = self.values[p] if p in STRUCT_VALUES and p not in LINK_VALUES else None
        attrs = self.attrs.get(p)
        if values is None and attrs is None:
            return
        known, kind = self._kind.get, self.kind
        for s, value, lang in lits:
            k = known(s, _MISSING)
            if k is _MISSING:
                k = kind(s)
            if k is False:
                if values is not None:
                    have = values.get(s)
                    if have is None:
                        values[s] = [value]
                    else:
                        have.append(value)
            elif attrs is not None:
                have = attrs.get(s)
                if have is None:
                    attrs[s] = [(value, lang)]
                else:
                    have.append((value, lang))

    # -- values of structural nodes

    def first(self, node: str, p: str) -> str | None:
        found = self.values.get(p)
        found = found.get(node) if found else None
        if not found:
            return None
        return found[0] if len(found) == 1 else min(found)

    def all(self, node: str, p: str) -> list[str]:
        found = self.values[p].get(node) if p in self.values else None
        if not found:
            return []
        return found if len(found) == 1 else sorted(set(found))




# --- per node ------------------------------------------------------------------------------

def node_attrs(router: Router, iri: str, cls: str) -> dict:
    """A node's attributes: type, label (English ``rdfs:label`` first; among equals a
    curated one, then the first in code-point order), and for agreements the kind,
    the date (``ekg:signedOn``), for cooperations ``ekg:since``, and a title."""
    attrs = {"type": cls, "label": ""}
    if router.classes.is_agreement(cls):
        attrs["kind"] = router.classes.kind_of(cls) or "agreement"
    best, best_rank = None, (99,)
    for pred, value, lang, is_curated in router.names.get(iri, ()):
        if pred != _ISO:
            rank = ((0 if lang == "en" else 1 if not lang else 2) + (
                0 if pred == _LABEL else 3 if pred == _PREF else 6), not is_curated, value)
            if rank < best_rank:
                best, best_rank = value, rank
    attrs["label"] = best if best is not None else fallback_label(iri)
    lits = router.attrs
    found = lits[SIGNED_ON].get(iri)
    if found:
        attrs["date"] = min(v for v, _ in found)
    found = lits[SINCE].get(iri)
    if found:
        attrs["since"] = min(v for v, _ in found)
    found = lits[DC_TITLE].get(iri)
    if found:  # English first, then no language, then by text
        attrs["title"] = min((0 if lang == "en" else 1 if not lang else 2, v)
                             for v, lang in found)[1]
    return attrs


def name_keys(router: Router, iri: str) -> set[tuple[str, int]]:
    """The (normalized name, rank) pairs a node is found by: its names, then its IRI's key."""
    out = set()
    for pred, value, _, _ in router.names.get(iri, ()):
        key = normalize(value)
        if key:
            out.add((key, NAME_PREDICATES[pred]))
    if iri.startswith(ID):
        key = normalize(iri[len(ID):].split("/", 1)[-1])
        if key:
            out.add((key, 2))
    return out


def struct_edges(router: Router, entity_class) -> dict[str, dict[tuple[str, str], dict]]:
    """Edges folded from roles (person → organization/country, with title, start, end) and
    ratifications (agreement → actor, with the date): key → (u, v) → data. Of several data
    for one edge, later ones (in code-point order of their items) win key by key."""
    found: dict[str, dict[tuple[str, str], list[dict]]] = defaultdict(lambda: defaultdict(list))
    first = router.first
    for s, r in router.pointers.get(_ROLE, ()):
        if entity_class(s) is None:
            continue
        target = first(r, _ORG) or first(r, _COUNTRY)
        if target and entity_class(target) is not None:
            data = {}
            for name, pred in (("title", _TITLE), ("start", _START), ("end", _END)):
                value = first(r, pred)
                if value is not None:
                    data[name] = value
            found["ekg:role"][(s, target)].append(data)
    for s, r in router.pointers.get(_RATIFICATION, ()):
        by = first(r, _RATIFIED_BY)
        if by and entity_class(s) is not None and entity_class(by) is not None:
            on = first(r, _RATIFIED_ON)
            found["ekg:ratifiedBy"][(s, by)].append({"date": on} if on else {})
    return {key: {pair: merge_data(datas) for pair, datas in edges.items()}
            for key, edges in found.items()}


def merge_data(datas: list[dict]) -> dict:
    if len(datas) == 1:
        return datas[0]
    merged: dict = {}
    for data in sorted(datas, key=lambda d: sorted(d.items())):
        merged.update(data)
    return merged


def signatures(router: Router) -> dict[str, list[dict]]:
    """Each node's signatures (signer, on behalf of, title), in code-point order."""
    values = router.values
    signer, behalf, title = (values.get(p) or {} for p in (_SIGNER, _BEHALF, _TITLE))

    def one(found: dict, node: str) -> str:
        got = found.get(node)
        return "" if not got else got[0] if len(got) == 1 else min(got)

    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for s, sig in router.pointers.get(_SIGNATURE, ()):
        out[s].append((one(signer, sig), one(behalf, sig), one(title, sig)))
    result = {}
    for s, found in out.items():
        if len(found) > 1:
            found.sort()
        result[s] = [{"signer": a or None, "on_behalf_of": b or None, "title": c or None}
                     for a, b, c in found]
    return result


def evidence_of(router: Router, nodes=None) -> dict[str, list[EvidenceRecord]]:
    """The evidence nodes by the node they support (each list by evidence node).
    ``nodes``: only the evidence of these supported nodes."""
    from kg.view import EvidenceRecord  # noqa: PLC0415

    out: dict[str, list[EvidenceRecord]] = defaultdict(list)
    classes, values = router.classes, router.values
    fields = [values.get(p) or {} for _, p in _EVIDENCE_FIELDS]

    def one(found: dict, node: str) -> str | None:
        got = found.get(node)
        return None if not got else got[0] if len(got) == 1 else min(got)

    for node, targets in (values.get(_SUPPORTS) or {}).items():
        cls = router.cls(node)
        if cls is None or classes.structural(cls) != "Evidence":
            continue
        document, quote, confidence, extractor, prop, value, start, end = (
            one(found, node) for found in fields)
        for target in (targets if len(targets) == 1 else sorted(set(targets))):
            if nodes is not None and target not in nodes:
                continue
            out[target].append(EvidenceRecord(
                node, target, document, quote, _float(confidence), extractor, prop, value,
                _int(start), _int(end)))
    for found in out.values():
        if len(found) > 1:
            found.sort(key=lambda e: e.node)
    return out


def link_nodes(router: Router) -> dict[str, tuple[list[str], list[str]]]:
    """Cooperation link nodes: their actors and the agreements they are based on."""
    out = {}
    classes = router.classes
    for node, actors in router.values.get(_ACTOR, {}).items():
        cls = router.cls(node)
        if cls is not None and classes.structural(cls) == "CooperationLink":
            out[node] = (sorted(set(actors)), router.all(node, _BASED_ON))
    return out


def new_record(iri: str, attrs: dict, sources) -> AgreementRecord:
    from kg.view import AgreementRecord  # noqa: PLC0415

    cls = attrs["type"]
    if cls == "Cooperation":
        rec = AgreementRecord(iri, cls, None, attrs["label"], attrs.get("title"),
                              attrs.get("since"))
    else:
        rec = AgreementRecord(iri, cls, attrs.get("kind"), attrs["label"], attrs.get("title"),
                              attrs.get("date"))
    rec.span = rec.active = interval(rec.date)
    if rec.span and cls == "Cooperation":  # ekg:since: ongoing from then on
        rec.active = (rec.span[0], "9999-12-31")
    rec.sources = sorted(sources) if sources else []
    return rec


def fill_records(records: dict, coop_records: dict, plain: dict) -> None:
    """Parties, signatories, witnesses, topics, documents and place of signing from the
    records' own entity edges (``plain``: key -> (subject, object) pairs): each
    predicate's objects in code-point order, in the order of :data:`RECORD_SLOTS`."""
    both = {**records, **coop_records} if coop_records else records
    for p, slot in RECORD_SLOTS:
        got: dict[int, tuple[list, int]] = {}
        field = attrgetter(slot)
        for s, o in plain.get(compact(p), ()):
            rec = both.get(s)
            if rec is not None:
                values = field(rec)
                if id(values) not in got:
                    got[id(values)] = (values, len(values))
                values.append(o)
        for values, start in got.values():
            if len(values) - start > 1:
                values[start:] = sorted(values[start:])
            if start:
                values[start:] = [v for v in values[start:] if v not in values[:start]]
    for s, o in plain.get(compact(SIGNED_AT), ()):
        rec = records.get(s) or coop_records.get(s)
        if rec is not None and (rec.signed_at is None or o < rec.signed_at):
            rec.signed_at = o


def add_signatures(rec: AgreementRecord, sigs: list[dict]) -> None:
    rec.signatures = sigs
    for sig in sigs:
        actor, signer = sig["on_behalf_of"], sig["signer"]
        if actor and actor not in rec.parties:
            rec.parties.append(actor)
        if signer and signer not in rec.signatories:
            rec.signatories.append(signer)


def add_evidence_documents(rec: AgreementRecord, evidence: list[EvidenceRecord]) -> None:
    for ev in evidence:
        if ev.document and ev.document not in rec.documents:
            rec.documents.append(ev.document)


def signatory_titles(sigs: list[dict]) -> dict[str, str]:
    """signer -> the title on the signatory edge (the last in code-point order)."""
    out = {}
    for sig in sigs:
        if sig["signer"] and sig["title"]:
            out[sig["signer"]] = sig["title"]
    return out


def behalf_edges(records: dict, sigs: dict[str, list[dict]], entity_class) -> dict:
    """signer → actor edges ``ekg:onBehalfOf`` from the signatures of agreements; the edge
    names the first agreement (in code-point order) that has it."""
    out: dict[tuple[str, str], str] = {}
    for iri, found in sigs.items():
        if iri not in records:
            continue
        for sig in found:
            signer, actor = sig["signer"], sig["on_behalf_of"]
            if signer and actor and entity_class(signer) is not None and \
                    entity_class(actor) is not None:
                have = out.get((signer, actor))
                if have is None or iri < have:
                    out[(signer, actor)] = iri
    return {pair: {"agreement": iri} for pair, iri in out.items()}


def topic_closure(topics, children: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    closure: dict[str, frozenset[str]] = {}
    for topic in topics:
        out, todo = {topic}, [topic]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in out:
                    out.add(child)
                    todo.append(child)
        closure[topic] = frozenset(out)
    return closure


def topic_sorter(closure: dict[str, frozenset[str]], labels):
    """Topics broadest first (fewest broader topics), then by label and IRI."""
    depth: dict[str, int] = {}
    for topic, below in closure.items():
        for t in below:
            if t != topic:
                depth[t] = depth.get(t, 0) + 1

    def key(t: str) -> tuple:
        label = labels(t)
        return depth.get(t, 0), (label if label is not None else t).casefold(), t

    return key


def agreement_key(rec: AgreementRecord) -> tuple:
    """How agreements are listed: by date (first day), label, IRI."""
    return (rec.span or ("9999",))[0], rec.label.casefold(), rec.iri


def basis_key(rec: AgreementRecord) -> tuple:
    return (rec.span or ("9999",))[0], rec.iri


def pair_data(basis, records: dict, coop_records: dict, lists: dict | None = None) -> dict:
    """A cooperation edge from the agreements and cooperations behind it (an empty basis:
    a derived link only). Equal lists of cooperations and topics are one shared list when
    ``lists`` is given (it holds them)."""
    agreements, cooperations = [], []
    for i in basis:
        rec = records.get(i)
        if rec is not None:
            agreements.append(rec)
        else:
            cooperations.append(coop_records[i])
    if len(agreements) > 1:
        agreements.sort(key=basis_key)
    if len(cooperations) > 1:
        cooperations.sort(key=basis_key)
    topics: list[str] = []
    first = last = None
    for rec in itertools.chain(agreements, cooperations):
        span = rec.span
        if span:
            if first is None or span[0] < first[0]:
                first = (span[0], rec.date)
            if last is None or span[1] > last[0]:
                last = (span[1], rec.date)
        # the topics of the oldest agreement first (the edge's main topic), then the rest
        if not topics:
            topics.extend(rec.topics)
        else:
            topics.extend(t for t in rec.topics if t not in topics)
    coops = [r.iri for r in cooperations]
    if lists is not None:
        coops = lists.setdefault(tuple(coops), coops)
        topics = lists.setdefault(tuple(topics), topics)
    data = {"agreements": [r.iri for r in agreements], "cooperations": coops, "topics": topics,
            "weight": max(1, len(agreements) + len(cooperations))}
    if first is not None:
        data["first"], data["last"] = first[1], last[1]
    if not basis:
        data["derived"] = True
    return data


def members(rec: AgreementRecord, actors) -> list[str]:
    return sorted({a for a in rec.parties if a in actors})


def link_pairs(links: dict, actors) -> tuple[dict[tuple[str, str], list[str]], bool]:
    """The agreements each link node names for its pair of actors, and whether every such
    link is the one :func:`kg.derive.link_iri` names (what an incremental update reads)."""
    from kg.derive import link_iri  # noqa: PLC0415

    out: dict[tuple[str, str], list[str]] = {}
    canonical = True
    for node, (found, basis) in links.items():
        pair = [a for a in found if a in actors]
        if len(pair) != 2:
            continue
        if len(found) != 2 or node != link_iri(pair[0], pair[1]).value:
            canonical = False
        have = out.setdefault((pair[0], pair[1]), [])
        have.extend(x for x in basis if x not in have)
    return out, canonical


def partner_sorter(c_adj: dict, place: dict):
    def key(a: str) -> list[str]:
        adj = c_adj[a]
        return sorted(adj, key=lambda o: (-adj[o]["weight"], place[o]))
    return key


# --- the full build ------------------------------------------------------------------------

def build(view, rows, tick, handle: ox.Store | None = None) -> None:  # noqa: C901, PLR0912, PLR0915
    """Fill ``view`` from ``rows`` (:func:`scan_store` of ``handle``, or :func:`scan_quads`)."""
    router = Router()
    for found in rows:
        router.add(found)
    router.start()
    if handle is not None:
        router.add(sources_rows(handle, router))
    tick("scan")
    classes = router.classes
    entity_class = router.entity_class
    view.kind_keys = classes.kind_keys

    # --- nodes: typed entities and the ends of every edge
    attrs_of: dict[str, dict] = {}

    def add_node(iri: str) -> None:
        if iri not in attrs_of:
            attrs_of[iri] = node_attrs(router, iri, entity_class(iri))

    for iri in router.types:
        if entity_class(iri) is not None:
            add_node(iri)
    for iri in router.linked:
        add_node(iri)
    plain = router.edges
    for pairs in plain.values():
        for _, o in pairs:
            if o not in attrs_of:
                add_node(o)
    folded = struct_edges(router, entity_class)
    for pairs in folded.values():
        for s, o in pairs:
            add_node(s)
            add_node(o)
    tick("nodes")

    # --- records of agreements and stated cooperations
    records: dict[str, AgreementRecord] = {}
    coop_records: dict[str, AgreementRecord] = {}
    sources = router.sources
    for iri in sorted(attrs_of):
        attrs = attrs_of[iri]
        cls = attrs["type"]
        if cls == "Cooperation":
            coop_records[iri] = new_record(iri, attrs, sources.get(iri))
        elif classes.is_agreement(cls):
            records[iri] = new_record(iri, attrs, sources.get(iri))
    fill_records(records, coop_records, plain)
    sigs = signatures(router)
    titles: dict[tuple[str, str], str] = {}
    for iri, found in sigs.items():
        rec = records.get(iri)
        if rec is not None:
            add_signatures(rec, found)
            for signer, title in signatory_titles(found).items():
                titles[(iri, signer)] = title
    behalf = behalf_edges(records, sigs, entity_class)
    for s, o in behalf:
        add_node(s)
        add_node(o)
    evidence = evidence_of(router)
    for iri, found in evidence.items():
        rec = records.get(iri) or coop_records.get(iri)
        if rec is not None:
            add_evidence_documents(rec, found)
    view.evidence = {t: evidence[t] for t in sorted(evidence)}
    # what the router holds is let go as soon as no later step reads it, so that the
    # steps after reuse its memory (the build's peak is the router and the view together)
    del sources, evidence, sigs
    router.sources, router.pointers, router.attrs, router.linked = {}, {}, {}, set()
    tick("records")

    # --- topics: narrower closure; each record's topics broadest first, then by label
    children: dict[str, set[str]] = defaultdict(set)
    for s, o in plain.get("skos:broader", ()):
        children[o].add(s)
    for s, o in plain.get("skos:narrower", ()):
        children[s].add(o)
    closure = topic_closure(sorted(i for i, a in attrs_of.items() if a["type"] == "Topic"),
                            children)
    view.narrower = closure
    topic_key = topic_sorter(closure, lambda t: attrs_of[t]["label"] if t in attrs_of else None)
    for rec in itertools.chain(records.values(), coop_records.values()):
        if len(rec.topics) > 1:
            rec.topics.sort(key=topic_key)
    view.agreement_records = records
    view.cooperation_records = coop_records

    # --- the entity graph, in the order of the module's doc
    graph = view.entities
    g_node, g_succ, g_pred = graph._node, graph._succ, graph._pred
    for iri in sorted(attrs_of):
        g_node[iri] = attrs_of[iri]
        g_succ[iri] = {}
        g_pred[iri] = {}
    folded["ekg:onBehalfOf"] = {**folded.get("ekg:onBehalfOf", {}), **behalf}
    signatory = compact(EKG + "signatory")
    keydicts = KeyDicts()
    for key in sorted(set(plain) | set(folded), key=lambda k: (edge_rank(k), k)):
        datas = folded.get(key, {})
        pairs = plain.get(key, set())
        single = keydicts.of([(key, {})])  # most edges: this key alone, no data
        for s, o in sorted(pairs | datas.keys() if datas else pairs):
            if key == signatory and (s, o) in titles:
                data = {"title": titles[(s, o)]}
            else:
                data = datas.get((s, o)) if datas else None
            succ = g_succ[s]
            keydict = succ.get(o)
            keydict = single if keydict is None and not data else keydicts.add(keydict, key, data)
            succ[o] = keydict
            g_pred[o][s] = keydict
    share_empty(g_succ)
    share_empty(g_pred)
    del folded, titles, behalf, keydicts, attrs_of
    tick("graph")

    # --- names
    index: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for iri in g_node:
        for key, rank in sorted(name_keys(router, iri)):  # the same order in every process
            index[key].append((rank, iri))
    for hits in index.values():
        if len(hits) > 1:
            hits.sort()
    view.names = dict(index)
    del index
    router.names, router.curated = {}, set()
    tick("names")

    # --- the cooperation graph
    actors = {iri for iri, a in g_node.items() if classes.is_actor(a["type"])}
    basis: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rec in itertools.chain(records.values(), coop_records.values()):
        found = members(rec, actors)
        for i, a in enumerate(found):
            for b in found[i + 1:]:
                basis[(a, b)].add(rec.iri)
    links, view.links_canonical = link_pairs(link_nodes(router), actors)
    for pair, named in links.items():
        have = basis[pair]
        have.update(x for x in named if x in records or x in coop_records)
    del links
    router.values = {}
    for a, b in router.coop_pairs:
        if a != b and a in actors and b in actors:
            basis[(a, b) if a < b else (b, a)]  # noqa: B018 - the pair is there, maybe empty
    coop = view.cooperation
    c_node, c_adj = coop._node, coop._adj
    for iri in sorted(actors):
        c_node[iri] = {"type": g_node[iri]["type"], "label": g_node[iri]["label"]}
        c_adj[iri] = {}
    lists: dict[tuple, list] = {}
    for (a, b) in sorted(basis):
        data = pair_data(basis[(a, b)], records, coop_records, lists)
        c_adj[a][b] = data
        c_adj[b][a] = data
    del basis, lists, plain
    router.edges = {}
    tick("cooperation")

    # --- orders: partners strongest first, then by label and IRI; agreements by date
    ordered = sorted(c_node, key=lambda i: (c_node[i]["label"].casefold(), i))
    place = {iri: n for n, iri in enumerate(ordered)}
    view.actor_order = place
    partners = partner_sorter(c_adj, place)
    view.partner_order = {a: partners(a) for a in c_adj}
    ordered = sorted(records, key=lambda i: agreement_key(records[i]))
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
    tick("orders")
