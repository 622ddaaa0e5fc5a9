"""Questions answered from the NetworkX view: partners, agreements, paths, centrality.

Every function takes a :class:`kg.view.View` first (``kg.view.get_view(store)``)
and returns dataclasses whose ``to_dict()`` gives JSON-ready dicts with labels
and IRIs. Names are resolved with :func:`resolve`: any label, alias, ISO code or
IRI, in English or German, with fuzzy matching for misspellings.

Dates and windows: ``since``/``until`` take ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``; ``since`` starts at the first day it stands for and ``until``
ends at the last. A dated fact keeps its precision (a ``gYear`` stands for
the whole year) and is *in the window when its interval overlaps it*: an
agreement of "2010" is within ``since="2010-06"``. An undated agreement is
outside every window (it is only listed when no window is given). A stated
cooperation (``ekg:Cooperation``) is ongoing from its ``ekg:since`` on, so it
is in every window that ends on or after that date.

Topics: a topic filter includes every narrower topic (``skos:broader``
transitively), so asking for ``nuclear-energy`` finds agreements about
``uranium-mining``.

>>> from kg.view import View
>>> view = View.from_turtle(EXAMPLE)
>>> [p.label for p in partners(view, "Nordrhein-Westfalen", topic="Wasserstoff")]
['Fukushima Prefecture']
>>> [p.label for p in partners(view, "Japan")]
['Russia']
>>> partners(view, "Japan", since="2010") == []
True
>>> [a.label for a in agreements(view, party="RU", kind="agreement")]
['Japan-Russia nuclear agreement of 2009']
>>> print(path(view, "North Rhine-Westphalia", "Russia")[0].text)
North Rhine-Westphalia — party to → NRW-Fukushima memorandum of 2026 ← party to — Fukushima Prefecture — part of → Japan — party to → Japan-Russia nuclear agreement of 2009 ← party to — Russia
>>> resolve(view, "Rusland").label
'Russia'
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from heapq import heappop, heappush

import networkx as nx

from kg.errors import InputError, NoPathError, NotFoundError
from kg.namespaces import compact
from kg.view import (
    ID,
    TYPE_PRIORITY,
    AgreementRecord,
    EvidenceRecord,
    View,
    expand,
    normalize,
    overlaps,
    window,
)

EXAMPLE = """
@prefix ekg: <https://w3id.org/energy-kg/ontology#> .
@prefix country: <https://w3id.org/energy-kg/id/country/> .
@prefix region: <https://w3id.org/energy-kg/id/region/> .
@prefix topic: <https://w3id.org/energy-kg/id/topic/> .
@prefix agreement: <https://w3id.org/energy-kg/id/agreement/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
country:JP a ekg:Country ; rdfs:label "Japan"@en ; ekg:isoCode "JP" .
country:RU a ekg:Country ; rdfs:label "Russia"@en , "Russland"@de ; ekg:isoCode "RU" .
region:DE-NW a ekg:Region ; rdfs:label "North Rhine-Westphalia"@en ,
    "Nordrhein-Westfalen"@de ; ekg:isoCode "DE-NW" .
region:JP-07 a ekg:Region ; rdfs:label "Fukushima Prefecture"@en ;
    ekg:partOf country:JP .
topic:hydrogen a ekg:Topic ; skos:prefLabel "hydrogen"@en , "Wasserstoff"@de .
topic:nuclear-energy a ekg:Topic ; skos:prefLabel "nuclear energy"@en .
agreement:2009-05-12-japan-russia-nuclear-energy a ekg:IntergovernmentalAgreement ;
    rdfs:label "Japan-Russia nuclear agreement of 2009"@en ;
    ekg:party country:JP , country:RU ; ekg:topic topic:nuclear-energy ;
    ekg:signedOn "2009-05-12"^^xsd:date .
agreement:2026-01-15-nrw-fukushima-hydrogen a ekg:Memorandum ;
    rdfs:label "NRW-Fukushima memorandum of 2026"@en ;
    ekg:party region:DE-NW , region:JP-07 ; ekg:topic topic:hydrogen ;
    ekg:signedOn "2026-01-15"^^xsd:date .
"""

# --- result types -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """An entity of the graph: its IRI, label and short class name."""

    iri: str
    label: str
    type: str

    def to_dict(self) -> dict:
        return {"iri": self.iri, "label": self.label, "type": self.type}


@dataclass
class Evidence:
    """Why a fact is in the graph: the sentence and document it was read from."""

    supports: str
    document: str | None = None
    quote: str | None = None
    confidence: float | None = None
    extractor: str | None = None
    property: str | None = None
    value: str | None = None

    def to_dict(self) -> dict:
        out = {}
        for name in _EVIDENCE_FIELDS:  # dataclasses.asdict, without its deep copies
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


_EVIDENCE_FIELDS = ("supports", "document", "quote", "confidence", "extractor", "property",
                    "value")


@dataclass
class AgreementInfo:
    """An agreement (or a stated cooperation) with its parties, people, topics and sources."""

    iri: str
    label: str
    type: str
    kind: str | None
    date: str | None
    title: str | None = None
    parties: list[Entity] = field(default_factory=list)
    signatories: list[Entity] = field(default_factory=list)
    witnesses: list[Entity] = field(default_factory=list)
    topics: list[Entity] = field(default_factory=list)
    signed_at: Entity | None = None
    signatures: list[dict] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "iri": self.iri, "label": self.label, "type": self.type, "kind": self.kind,
            "date": self.date, "title": self.title,
            "parties": [e.to_dict() for e in self.parties],
            "signatories": [e.to_dict() for e in self.signatories],
            "witnesses": [e.to_dict() for e in self.witnesses],
            "topics": [e.to_dict() for e in self.topics],
            "signed_at": self.signed_at.to_dict() if self.signed_at else None,
            "signatures": self.signatures,
            "documents": self.documents, "sources": self.sources,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class Partner:
    """One partner of an actor, with the agreements and cooperations that link them."""

    iri: str
    label: str
    type: str
    country: Entity | None
    agreements: list[AgreementInfo]
    cooperations: list[AgreementInfo]
    topics: list[Entity]
    first: str | None
    last: str | None
    weight: int
    evidence: list[Evidence]

    def to_dict(self) -> dict:
        return {
            "iri": self.iri, "label": self.label, "type": self.type,
            "country": self.country.to_dict() if self.country else None,
            "agreements": [a.to_dict() for a in self.agreements],
            "cooperations": [c.to_dict() for c in self.cooperations],
            "topics": [t.to_dict() for t in self.topics],
            "first": self.first, "last": self.last, "weight": self.weight,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass
class Hop:
    """One step of a path: ``source`` to ``target`` over ``predicate``.

    ``direction`` is ``forward`` when the RDF triple reads source → target and
    ``backward`` when it reads target → source; ``phrase`` is the relation in
    words and ``text`` the step as the explanation shows it.
    """

    source: Entity
    predicate: str
    phrase: str
    target: Entity
    direction: str
    text: str
    attributes: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"source": self.source.to_dict(), "predicate": self.predicate,
                "predicate_name": compact(self.predicate), "phrase": self.phrase,
                "target": self.target.to_dict(), "direction": self.direction,
                "text": self.text, "attributes": self.attributes}


@dataclass
class Path:
    """A path between two entities, hop by hop, with its explanation in words."""

    nodes: list[Entity]
    hops: list[Hop]
    text: str

    @property
    def length(self) -> int:
        return len(self.hops)

    def to_dict(self) -> dict:
        return {"length": self.length, "text": self.text,
                "nodes": [n.to_dict() for n in self.nodes],
                "hops": [h.to_dict() for h in self.hops]}


@dataclass
class Neighbourhood:
    """The entities within ``radius`` hops of ``center`` and the edges among them."""

    center: Entity
    radius: int
    nodes: list[tuple[Entity, int]]
    edges: list[Hop]
    truncated: bool = False

    def to_dict(self) -> dict:
        return {"center": self.center.to_dict(), "radius": self.radius,
                "truncated": self.truncated,
                "nodes": [{**e.to_dict(), "distance": d} for e, d in self.nodes],
                "edges": [h.to_dict() for h in self.edges]}


@dataclass
class Score:
    """An actor's centrality score and rank."""

    entity: Entity
    score: float
    rank: int

    def to_dict(self) -> dict:
        return {**self.entity.to_dict(), "score": self.score, "rank": self.rank}


@dataclass
class Community:
    """A group of actors that cooperate more among themselves than with others."""

    id: int
    members: list[Entity]

    @property
    def size(self) -> int:
        return len(self.members)

    def to_dict(self) -> dict:
        return {"id": self.id, "size": self.size, "members": [m.to_dict() for m in self.members]}


# --- entities and names -------------------------------------------------------------------------


def entity(view: View, iri: str) -> Entity:
    """The :class:`Entity` of a node IRI (label and type from the view; memoised)."""
    cache = view._cache.get("entities")
    if cache is None:
        cache = view._cache.setdefault("entities", {})
    found = cache.get(iri)
    if found is None:
        data = view.entities._node.get(iri)
        if data is None:
            found = Entity(iri, view.label(iri), "")
        else:
            found = Entity(iri, data.get("label") or view.label(iri), data.get("type", ""))
        cache[iri] = found
    return found


def _type_rank(cls: str) -> int:
    return TYPE_PRIORITY.index(cls) if cls in TYPE_PRIORITY else len(TYPE_PRIORITY)


def _as_iri(view: View, text: str) -> str | None:
    nodes = view.entities._node
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text in nodes:
        return text
    if text.startswith("id:") and ID + text[3:] in nodes:
        return ID + text[3:]
    if "/" in text and ID + text.strip("/") in nodes:
        return ID + text.strip("/")
    return None


def resolve(view: View, name: str, types: set[str] | tuple[str, ...] | None = None) -> Entity:
    """The entity a name stands for: a label, alias, ISO code or IRI, English or German.

    Exact (case- and accent-insensitive) names win; when several entities share
    a name, countries come before regions, organizations, persons, agreements
    and topics, and labels before aliases. Otherwise a close fuzzy match is
    accepted when it is clearly the best one; if there is none, NotFoundError
    carries the nearest names as suggestions. ``types`` restricts the search to
    some classes (``{"Topic"}``).

    >>> from kg.view import View
    >>> view = View.from_turtle('''
    ... @prefix ekg: <https://w3id.org/energy-kg/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <https://w3id.org/energy-kg/id/country/KZ> a ekg:Country ; ekg:isoCode "KZ" ;
    ...     rdfs:label "Kazakhstan"@en , "Kasachstan"@de .''')
    >>> [resolve(view, n).label for n in ("Kasachstan", "KZ", "Kazakstan", "id:country/KZ")]
    ['Kazakhstan', 'Kazakhstan', 'Kazakhstan', 'Kazakhstan']
    >>> resolve(view, "Atlantis")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no entity named 'Atlantis'
    """
    text = (name or "").strip()
    if not text:
        raise NotFoundError("an empty name names nothing")
    wanted = set(types) if types else None
    nodes = view.entities._node
    iri = _as_iri(view, text)
    if iri is not None and (wanted is None or nodes[iri].get("type") in wanted):
        return entity(view, iri)
    key = normalize(text)
    hits = [(rank, _type_rank(nodes[i].get("type", "")), i) for rank, i in view.names.get(key, ())
            if wanted is None or nodes[i].get("type") in wanted]
    if hits:
        return entity(view, min(hits)[2])
    best, suggestions = _fuzzy(view, key, wanted)
    if best is not None:
        return entity(view, best)
    kinds = f" ({'/'.join(sorted(wanted))})" if wanted else ""
    raise NotFoundError(f"no entity named {name!r}{kinds}", suggestions)


def _word_index(view: View) -> dict[str, set[str]]:
    """Each word of a label or alias -> the entities whose names contain it."""
    out: dict[str, set[str]] = {}
    for key, hits in view.names.items():
        words = key.split()
        for rank, iri in hits:
            if rank < 2:  # labels and aliases, not the words of an IRI
                for word in words:
                    out.setdefault(word, set()).add(iri)
    return out


def _name_keys(view: View) -> list[str]:
    # in code-point order: which of two equally close names is suggested must not depend
    # on the order the view's names were added (an updated view adds them at the end)
    return view.cached("name-keys", lambda: sorted(view.names))


def _fuzzy(view: View, key: str, wanted: set[str] | None) -> tuple[str | None, list[str]]:
    """The entity a misspelt name surely means (or None) and a few suggestions."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415

    if not key:
        return None, []
    nodes = view.entities._node
    keys = _name_keys(view)
    limit = 10 if wanted is None else 200

    def ranked(scorer, cutoff) -> list[tuple[float, str]]:
        out: dict[str, float] = {}
        for choice, score, _ in process.extract(key, keys, scorer=scorer, limit=limit,
                                                score_cutoff=cutoff):
            for _, iri in view.names[choice]:
                if wanted is not None and nodes[iri].get("type") not in wanted:
                    continue
                if score > out.get(iri, -1):
                    out[iri] = score
        return sorted(((s, i) for i, s in out.items()),
                      key=lambda x: (-x[0], _type_rank(nodes[x[1]].get("type", "")), x[1]))

    strict = ranked(fuzz.ratio, 50)
    if strict and strict[0][0] >= 85 and len(key) >= 4:
        runner_up = strict[1][0] if len(strict) > 1 else 0
        if strict[0][0] - runner_up >= 4:
            return strict[0][1], []
    containing: list[str] = []
    if len(key) >= 4:  # every word of the name is a word of the entity's labels or aliases
        index = view.cached("word-index", lambda: _word_index(view))
        sets = [index.get(word, set()) for word in set(key.split())]
        found = set.intersection(*sets) if sets else set()
        containing = sorted((i for i in found
                             if wanted is None or nodes[i].get("type") in wanted),
                            key=lambda i: (_type_rank(nodes[i].get("type", "")), i))
        if containing:  # one of them clearly ranks first by type (a region before a cooperation)
            ranks = [_type_rank(nodes[i].get("type", "")) for i in containing]
            if len(containing) == 1 or (ranks[0] < ranks[1] and ranks[0] < _type_rank("Agreement")):
                return containing[0], []
    candidates = containing + [i for _, i in strict if i not in containing]
    if not candidates:
        candidates = [i for _, i in ranked(fuzz.WRatio, 60)]
    labels: list[str] = []
    for iri in candidates:
        label = view.label(iri)
        if label not in labels:
            labels.append(label)
        if len(labels) == 5:
            break
    return None, labels


# --- agreements and partners --------------------------------------------------------------------


def _evidence(ev: EvidenceRecord) -> Evidence:
    return Evidence(ev.supports, ev.document, ev.quote, ev.confidence, ev.extractor,
                    ev.property, ev.value)


def _make_info(view: View, iri: str) -> AgreementInfo:
    rec = view.record(iri)
    if rec is None:
        raise NotFoundError(f"{iri} is not an agreement or cooperation")
    return AgreementInfo(
        iri=rec.iri, label=rec.label, type=rec.type, kind=rec.kind, date=rec.date,
        title=rec.title,
        parties=[entity(view, x) for x in rec.parties],
        signatories=[entity(view, x) for x in rec.signatories],
        witnesses=[entity(view, x) for x in rec.witnesses],
        topics=[entity(view, x) for x in rec.topics],
        signed_at=entity(view, rec.signed_at) if rec.signed_at else None,
        signatures=[{k: (entity(view, v).to_dict() if k in ("signer", "on_behalf_of") and v
                         else v) for k, v in s.items()} for s in rec.signatures],
        documents=list(rec.documents), sources=list(rec.sources),
        evidence=[_evidence(e) for e in view.evidence.get(rec.iri, ())],
    )


def agreement_info(view: View, iri: str) -> AgreementInfo:
    """The :class:`AgreementInfo` of an agreement or cooperation IRI (cached per view)."""
    cache = view._cache.setdefault("agreement-info", {})
    info = cache.get(iri)
    if info is None:
        info = cache[iri] = _make_info(view, iri)
    return info


def to_json(value) -> bytes:
    """Compact UTF-8 JSON, as the API's JSON responses write it (orjson when installed).

    >>> to_json({"label": "Türkiye", "n": [1, None]})
    b'{"label":"T\xc3\xbcrkiye","n":[1,null]}'
    """
    if _orjson is not None:
        return _orjson.dumps(value)
    return _ENCODER.encode(value).encode()


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; the stdlib writes the same
    _orjson = None


def _string(text: str) -> bytes:
    """A string as JSON (as :func:`to_json` writes it)."""
    return _encode_string(text).encode()


_encode_string = json.encoder.encode_basestring  # the C version when there is one


def agreement_json(view: View, iri: str) -> bytes:
    """``agreement_info(view, iri).to_dict()`` as JSON (:func:`to_json`; kept per view)."""
    return _agreement_json(view, iri)[0]


def _agreement_json(view: View, iri: str) -> tuple[bytes, bytes]:
    """An agreement's JSON and the JSON of its evidence items (comma-separated, no brackets).

    Kept per view revision like :func:`agreement_info`, as bytes: encoded once, and
    nothing for the garbage collector to walk.
    """
    cache = view._cache.get("agreement-json")
    if cache is None:
        cache = view._cache.setdefault("agreement-json", {})
    found = cache.get(iri)
    if found is None:
        found = cache[iri] = _encode_agreement(view, iri)
    return found


def _encode_agreement(view: View, iri: str) -> tuple[bytes, bytes]:
    """``_make_info(view, iri).to_dict()`` as JSON, written straight from the record (the
    tests hold the two to the same answer)."""
    rec = view.record(iri)
    if rec is None:
        raise NotFoundError(f"{iri} is not an agreement or cooperation")
    ent = _entity_json(view)

    def entities(iris: list[str]) -> bytes:
        return b"[" + b",".join([ent(x) for x in iris]) + b"]"

    signatures = []
    for sig in rec.signatures:
        signatures.append(b"{" + b",".join([
            _json_key(k) + (ent(v) if k in ("signer", "on_behalf_of") and v
                            else b"null" if v is None else to_json(v))
            for k, v in sig.items()]) + b"}")
    evidence = b",".join([to_json(_evidence(e).to_dict()) for e in view.evidence.get(iri, ())])
    head = to_json({"iri": rec.iri, "label": rec.label, "type": rec.type, "kind": rec.kind,
                    "date": rec.date, "title": rec.title})
    body = b"".join((
        head[:-1], b',"parties":', entities(rec.parties),
        b',"signatories":', entities(rec.signatories),
        b',"witnesses":', entities(rec.witnesses), b',"topics":', entities(rec.topics),
        b',"signed_at":', ent(rec.signed_at) if rec.signed_at else b"null",
        b',"signatures":[', b",".join(signatures), b"],",
        to_json({"documents": rec.documents, "sources": rec.sources})[1:-1],
        b',"evidence":[', evidence, b"]}"))
    return body, evidence


def _json_key(key: str) -> bytes:
    found = _KEYS.get(key)
    if found is None:
        found = _KEYS[key] = to_json(key) + b":"
    return found


_KEYS: dict[str, bytes] = {}


def _entity_json(view: View):
    """A function giving ``entity(view, iri).to_dict()`` as JSON (kept per view)."""
    cache = view._cache.get("entity-json")
    if cache is None:
        cache = view._cache.setdefault("entity-json", {})

    def encode(iri: str) -> bytes:
        found = cache.get(iri)
        if found is None:
            found = cache[iri] = to_json(entity(view, iri).to_dict())
        return found

    return encode


def _topic_set(view: View, topic: str | None) -> frozenset[str] | None:
    if topic is None:
        return None
    return view.topic_closure(resolve(view, topic, types={"Topic"}).iri)


def matches(rec: AgreementRecord, topics: frozenset[str] | None,
            win: tuple[str, str] | None) -> bool:
    """Whether an agreement or cooperation record has one of ``topics`` and overlaps ``win``."""
    if topics is not None and topics.isdisjoint(rec.topics):
        return False
    return win is None or overlaps(rec.active, win)


TOP_AGREEMENTS = 3  # agreement IRIs a partner summary carries (the newest)


@dataclass(slots=True)
class PartnerLink:
    """One partner of an actor as :func:`partner_links` sorts it: the IRIs behind the link.

    Building a full :class:`Partner` (records, labels, evidence) costs far more than
    sorting, so a page of partners is sorted on these and only the page is built:
    :meth:`partner` gives the :class:`Partner`, :meth:`to_json` its ``to_dict()`` as JSON.
    """

    iri: str
    # agreement IRIs (oldest first) and stated cooperations within the filters; without
    # filters these are the view's own lists: read them, don't change them
    agreements: list[str]
    cooperations: list[str]
    weight: int
    filtered: bool  # whether a topic or date window applied (first/last/topics recomputed)
    edge: dict  # the cooperation graph's edge attributes

    def _summary(self, view: View) -> tuple[str | None, str | None, list[str]]:
        """First and last date (as written) and topic IRIs of the link."""
        if not self.filtered:
            edge = self.edge
            return edge.get("first"), edge.get("last"), edge["topics"]
        records, coop_records = view.agreement_records, view.cooperation_records
        seen_topics: list[str] = []
        spans = []
        for rec in ([records[i] for i in self.agreements]
                    + [coop_records[i] for i in self.cooperations]):
            seen_topics.extend(t for t in rec.topics if t not in seen_topics)
            if rec.span:
                spans.append((rec.span, rec.date))
        first = min(spans)[1] if spans else None
        last = max(spans, key=lambda s: (s[0][1], s[0][0]))[1] if spans else None
        return first, last, seen_topics

    def _country(self, view: View, node: dict) -> str | None:
        countries = view._cache.get("country-of")
        if countries is None:
            countries = view._cache.setdefault("country-of", {})
        country = countries.get(self.iri, False)
        if country is False:
            country = countries[self.iri] = (view.country_of(self.iri)
                                             if node["type"] != "Country" else None)
        return country

    def partner(self, view: View) -> Partner:
        """The full :class:`Partner` record."""
        node = view.cooperation._node[self.iri]
        country = self._country(view, node)
        first, last, topics = self._summary(view)
        a_infos = [agreement_info(view, i) for i in self.agreements]
        c_infos = [agreement_info(view, i) for i in self.cooperations]
        return Partner(
            iri=self.iri, label=node["label"], type=node["type"],
            country=entity(view, country) if country else None,
            agreements=a_infos, cooperations=c_infos,
            topics=[entity(view, t) for t in topics],
            first=first, last=last, weight=self.weight,
            evidence=[e for info in a_infos + c_infos for e in info.evidence],
        )

    def to_json(self, view: View) -> bytes:
        """``self.partner(view).to_dict()`` as JSON (:func:`to_json`), put together from
        the JSON of its agreements (:func:`agreement_json`)."""
        node = view.cooperation._node[self.iri]
        country = self._country(view, node)
        first, last, topics = self._summary(view)
        ent = _entity_json(view)
        agrs = [_agreement_json(view, i) for i in self.agreements]
        coops = [_agreement_json(view, i) for i in self.cooperations]
        return b"".join((
            b'{"iri":', _string(self.iri), b',"label":', _string(node["label"]),
            b',"type":', _string(node["type"]),
            b',"country":', ent(country) if country else b"null",
            b',"agreements":[', b",".join([a[0] for a in agrs]),
            b'],"cooperations":[', b",".join([c[0] for c in coops]),
            b'],"topics":[', b",".join([ent(t) for t in topics]),
            b'],"first":', b"null" if first is None else _string(first),
            b',"last":', b"null" if last is None else _string(last),
            b',"weight":', str(self.weight).encode(),
            b',"evidence":[', b",".join([x[1] for x in agrs + coops if x[1]]), b"]}"))


    def summary_json(self, view: View, top: int = TOP_AGREEMENTS) -> bytes:
        """The partner as the default ``/cooperations?actor=`` page lists it: label, type,
        country, counts, topics, first and last date, and the IRIs of its ``top`` newest
        agreements (without the agreements themselves; ``?expand=agreements`` has them).

        The JSON of an unfiltered link is kept per view revision (the link's edge is
        the same for both actors, so it is kept per partner and edge).
        """
        cache = None
        if not self.filtered:
            cache = view._cache.get("summary-json")
            if cache is None:
                cache = view._cache.setdefault("summary-json", {})
            key = (self.iri, id(self.edge), top)
            found = cache.get(key)
            if found is not None:
                return found
        node = view.cooperation._node[self.iri]
        country = self._country(view, node)
        first, last, topics = self._summary(view)
        ent = _entity_json(view)
        newest = self.agreements[-top:][::-1] if top else []
        body = b"".join((
            b'{"iri":', _string(self.iri), b',"label":', _string(node["label"]),
            b',"type":', _string(node["type"]),
            b',"country":', ent(country) if country else b"null",
            b',"weight":', str(self.weight).encode(),
            b',"agreement_count":', str(len(self.agreements)).encode(),
            b',"cooperation_count":', str(len(self.cooperations)).encode(),
            b',"topics":[', b",".join([ent(t) for t in topics]),
            b'],"first":', b"null" if first is None else _string(first),
            b',"last":', b"null" if last is None else _string(last),
            b',"top_agreements":', to_json(newest), b"}"))
        if cache is not None:
            cache[key] = body
        return body

    def summary(self, view: View, top: int = TOP_AGREEMENTS) -> dict:
        """:meth:`summary_json` as a dict (the tests hold the two to the same answer)."""
        p = self.partner(view)
        newest = self.agreements[-top:][::-1] if top else []
        return {"iri": p.iri, "label": p.label, "type": p.type,
                "country": p.country.to_dict() if p.country else None, "weight": p.weight,
                "agreement_count": len(p.agreements), "cooperation_count": len(p.cooperations),
                "topics": [t.to_dict() for t in p.topics], "first": p.first, "last": p.last,
                "top_agreements": list(newest)}


class _PartnerLinks(Sequence):
    """The unfiltered partners of an actor, in :attr:`View.partner_order`; a
    :class:`PartnerLink` is made only for the items that are looked at."""

    def __init__(self, others: list[str], adj: dict[str, dict]):
        self._others, self._adj = others, adj

    def __len__(self) -> int:
        return len(self._others)

    def _link(self, other: str) -> PartnerLink:
        edge = self._adj[other]
        return PartnerLink(other, edge["agreements"], edge["cooperations"], edge["weight"], False,
                           edge)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._link(o) for o in self._others[index]]
        return self._link(self._others[index])

    def summaries_json(self, view: View, start: int, stop: int) -> list[bytes]:
        """``[link.summary_json(view) for link in self[start:stop]]``, read from the JSON the
        view keeps, making a :class:`PartnerLink` only for a summary not kept yet."""
        cache = view._cache.get("summary-json")
        if cache is None:
            cache = view._cache.setdefault("summary-json", {})
        adj, top, out = self._adj, TOP_AGREEMENTS, []
        for other in self._others[start:stop]:
            found = cache.get((other, id(adj[other]), top))
            out.append(found if found is not None else self._link(other).summary_json(view))
        return out


def partner_links(view: View, actor: str, topic: str | None = None, since: str | None = None,
                  until: str | None = None) -> tuple[Entity, Sequence[PartnerLink]]:
    """The actor ``actor`` names and its partners as :func:`partners` orders them, before
    their records are built (see :class:`PartnerLink`). Without filters the order is
    the view's :attr:`~kg.view.View.partner_order` and links are made as they are read.

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> center, links = partner_links(view, "Japan")
    >>> center.label, [(link.partner(view).label, link.weight) for link in links]
    ('Japan', [('Russia', 1)])
    """
    center = resolve(view, actor)
    coop = view.cooperation
    if center.iri not in coop:
        return center, []
    topics = _topic_set(view, topic)
    win = window(since, until)
    adj = coop._adj[center.iri]
    if topics is None and win is None:
        return center, _PartnerLinks(view.partner_order[center.iri], adj)
    records, coop_records = view.agreement_records, view.cooperation_records
    links: list[PartnerLink] = []
    append = links.append
    for other, data in adj.items():
        agrs = [i for i in data["agreements"] if matches(records[i], topics, win)]
        coops = [i for i in data["cooperations"] if matches(coop_records[i], topics, win)]
        if agrs or coops:
            append(PartnerLink(other, agrs, coops, len(agrs) + len(coops), True, data))
    order = view.actor_order
    links.sort(key=lambda link: (-link.weight, order[link.iri]))
    return center, links


def partners(view: View, actor: str, topic: str | None = None, since: str | None = None,
             until: str | None = None, limit: int | None = None) -> list[Partner]:
    """Who cooperates with ``actor``: each partner with agreements, topics, dates and evidence.

    Partners are actors that are parties to an agreement with ``actor`` or
    participants of a stated cooperation with it. ``topic`` keeps agreements
    about that topic or a narrower one; ``since``/``until`` keep agreements
    whose date overlaps the window (see the module docstring). Partners come
    strongest first (most agreements), then by name. An organization or region
    partner carries the ``country`` it belongs to. Only the first ``limit``
    partners are built when ``limit`` is given.

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> [(p.label, p.first, [a.date for a in p.agreements]) for p in partners(view, "RU")]
    [('Japan', '2009-05-12', ['2009-05-12'])]
    >>> partners(view, "Russia", until="2009-04") == []
    True
    >>> [p.country.label for p in partners(view, "DE-NW", since="2026-01")]
    ['Japan']
    """
    _, links = partner_links(view, actor, topic=topic, since=since, until=until)
    return [link.partner(view) for link in (links[:limit] if limit else links)]


def _kind_key(view: View, kind: str) -> str:
    known = set(view.kind_keys.values())
    wanted = kind.strip()
    if wanted in known:
        return wanted
    if wanted in view.kind_keys:  # a class name such as "Memorandum"
        return view.kind_keys[wanted]
    folded = normalize(wanted).replace(" ", "_")
    if folded in known:
        return folded
    raise InputError(f"unknown agreement kind {kind!r}; known: {', '.join(sorted(known))}")


def agreement_iris(view: View, party: str | None = None, topic: str | None = None,
                   since: str | None = None, until: str | None = None,
                   kind: str | None = None) -> list[str]:
    """The IRIs of the agreements :func:`agreements` lists, in its order, without
    building their records (the API builds only the page it returns).

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> [i.rsplit("/", 1)[1] for i in agreement_iris(view, party="Japan")]
    ['2009-05-12-japan-russia-nuclear-energy']
    """
    topics = _topic_set(view, topic)
    win = window(since, until)
    wanted_kind = _kind_key(view, kind) if kind else None
    records = view.agreement_records
    by_topic = view.agreements_by_topic
    if party is not None:
        # parties include the actors a signatory signed on behalf of (the view adds them)
        found = view.agreements_by_party.get(resolve(view, party).iri, [])
        if topics is not None:
            found = [i for i in found if not topics.isdisjoint(records[i].topics)]
    elif topics is not None:  # the agreements about the topics, in order
        if len(topics) == 1:
            found = by_topic.get(next(iter(topics)), [])
        else:
            place = view.agreement_place
            found = sorted({i for t in topics for i in by_topic.get(t, ())},
                           key=place.__getitem__)
    else:
        found = view.agreement_order
    if wanted_kind:
        found = [i for i in found if records[i].kind == wanted_kind]
    if win is not None:  # overlaps(active, win), inline
        start, end = win
        found = [i for i in found if (span := records[i].active) is not None
                 and span[0] <= end and span[1] >= start]
    return list(found)  # a copy: the view's own lists stay as they are


def agreements(view: View, party: str | None = None, topic: str | None = None,
               since: str | None = None, until: str | None = None, kind: str | None = None,
               limit: int | None = None) -> list[AgreementInfo]:
    """Agreements, oldest first, filtered by party, topic (with narrower topics), window, kind.

    ``kind`` is a kind key (``memorandum``, ``agreement``, ``declaration_of_intent``,
    ``treaty``, ``partnership``, ``contract``) or a class name (``Memorandum``).

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> [a.date for a in agreements(view)]
    ['2009-05-12', '2026-01-15']
    >>> [a.label for a in agreements(view, topic="nuclear energy", since="2009")]
    ['Japan-Russia nuclear agreement of 2009']
    >>> [a.kind for a in agreements(view, kind="Memorandum")]
    ['memorandum']
    """
    found = agreement_iris(view, party=party, topic=topic, since=since, until=until, kind=kind)
    if limit:
        found = found[:limit]
    return [agreement_info(view, i) for i in found]


# --- paths --------------------------------------------------------------------------------------

# predicate -> (phrase, whether the phrase reads from the triple's subject)
PHRASES: dict[str, tuple[str, bool]] = {
    "ekg:party": ("party to", False),
    "ekg:participant": ("participant in", False),
    "ekg:signatory": ("signed", False),
    "ekg:witness": ("witnessed", False),
    "ekg:onBehalfOf": ("signed for", True),
    "ekg:ratifiedBy": ("ratified", False),
    "ekg:partOf": ("part of", True),
    "ekg:basedIn": ("based in", True),
    "ekg:memberOf": ("member of", True),
    "ekg:role": ("role at", True),
    "ekg:locatedIn": ("located in", True),
    "ekg:renews": ("renews", True),
    "ekg:extends": ("extends", True),
    "ekg:supersedes": ("supersedes", True),
    "ekg:topic": ("about", True),
    "ekg:signedAt": ("signed at", True),
    "skos:broader": ("narrower than", True),
    "skos:narrower": ("broader than", True),
    "prov:wasDerivedFrom": ("derived from", True),
}
# The relations paths follow unless told otherwise: who is party to, signed, belongs to what.
DEFAULT_EDGE_KINDS = frozenset({
    "ekg:party", "ekg:participant", "ekg:signatory", "ekg:witness", "ekg:onBehalfOf",
    "ekg:ratifiedBy",
    "ekg:partOf", "ekg:basedIn", "ekg:memberOf", "ekg:role", "ekg:renews", "ekg:extends",
    "ekg:supersedes",
})
# Extra relations allowed when an end of the path is a topic, document or place.
_ENDPOINT_KINDS = {
    "Topic": {"ekg:topic", "skos:broader", "skos:narrower"},
    "Document": {"prov:wasDerivedFrom"},
    "Place": {"ekg:signedAt", "ekg:locatedIn"},
}
_ORDER = {key: i for i, key in enumerate(PHRASES)}


def _phrase(key: str, data: dict) -> tuple[str, bool]:
    if key == "ekg:role" and data.get("title"):
        return f"{data['title']} at", True
    if key in PHRASES:
        return PHRASES[key]
    local = re.split(r"[:#/]", key)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", " ", local).lower(), True


def _edge_kinds(view: View, edge_kinds, ends: list[str]) -> frozenset[str] | None:
    """The set of compact predicate keys a path may use (None: all of them)."""
    if edge_kinds in ("all", "*") or (isinstance(edge_kinds, (list, tuple, set))
                                      and {"all", "*"} & set(edge_kinds)):
        return None
    if edge_kinds:
        if isinstance(edge_kinds, str):
            edge_kinds = [k for k in re.split(r"[,\s]+", edge_kinds) if k]
        kinds = set()
        for name in edge_kinds:
            kinds.add(compact(expand(name.strip())))
        return frozenset(kinds)
    kinds = set(DEFAULT_EDGE_KINDS)
    for end in ends:
        kinds |= _ENDPOINT_KINDS.get(view.type(end), set())
    return frozenset(kinds)


class _Search:
    """Breadth-first searches over the entity graph, read in both directions."""

    def __init__(self, view: View, allowed: frozenset[str] | None,
                 topics: frozenset[str] | None, win: tuple[str, str] | None):
        self.view = view
        self.succ = view.entities._succ
        self.pred = view.entities._pred
        self.allowed = allowed
        self.topics = topics
        self.win = win
        self.filtering = topics is not None or win is not None

    def node_ok(self, node: str) -> bool:
        rec = self.view.record(node)
        return rec is None or matches(rec, self.topics, self.win)

    def neighbours(self, u: str):
        allowed = self.allowed
        for adj in (self.pred[u], self.succ[u]):  # "party to" before "part of"
            if allowed is None:
                yield from adj
            else:
                for v, keys in adj.items():
                    if not allowed.isdisjoint(keys):
                        yield v

    def shortest(self, a: str, b: str, max_hops: int | None = None,
                 ignore_nodes: set[str] | frozenset = frozenset(),
                 ignore_edges: set[tuple[str, str]] | frozenset = frozenset()) -> list[str] | None:
        """One shortest path a … b (bidirectional BFS), or None."""
        if a == b:
            return [a]
        before: dict[str, str | None] = {a: None}
        after: dict[str, str | None] = {b: None}
        front_a, front_b = [a], [b]
        hops = 0
        filtering, node_ok, neighbours = self.filtering, self.node_ok, self.neighbours
        while front_a and front_b:
            if max_hops is not None and hops >= max_hops:
                return None
            hops += 1
            forward = len(front_a) <= len(front_b)
            front, seen, other = (front_a, before, after) if forward else (front_b, after, before)
            nxt = []
            for u in front:
                for v in neighbours(u):
                    if v in seen or v in ignore_nodes:
                        continue
                    if ignore_edges and ((u, v) in ignore_edges or (v, u) in ignore_edges):
                        continue
                    if filtering and v not in other and not node_ok(v):
                        continue
                    seen[v] = u
                    if v in other:
                        return self._join(v, before, after)
                    nxt.append(v)
            if forward:
                front_a = nxt
            else:
                front_b = nxt
        return None

    @staticmethod
    def _join(meet: str, before: dict, after: dict) -> list[str]:
        left = []
        node = meet
        while node is not None:
            left.append(node)
            node = before[node]
        left.reverse()
        node = after[meet]
        while node is not None:
            left.append(node)
            node = after[node]
        return left

    def k_shortest(self, a: str, b: str, k: int, max_hops: int | None,
                   avoid: frozenset[str] = frozenset()) -> list[list[str]]:
        """Up to ``k`` shortest simple paths avoiding ``avoid``, shortest first (Yen)."""
        first = self.shortest(a, b, max_hops, avoid)
        if first is None:
            return []
        found = [first]
        candidates: list[tuple[int, int, list[str]]] = []
        seen = {tuple(first)}
        counter = 0
        while len(found) < k:
            last = found[-1]
            for i in range(len(last) - 1):
                root = last[: i + 1]
                spur = last[i]
                ignore_edges = {(p[i], p[i + 1]) for p in found
                                if len(p) > i + 1 and p[: i + 1] == root}
                ignore_nodes = set(root[:-1]) | avoid
                budget = None if max_hops is None else max_hops - i
                if budget is not None and budget <= 0:
                    continue
                tail = self.shortest(spur, b, budget, ignore_nodes, ignore_edges)
                if tail is None:
                    continue
                candidate = root[:-1] + tail
                key = tuple(candidate)
                if key not in seen:
                    seen.add(key)
                    counter += 1
                    heappush(candidates, (len(candidate), counter, candidate))
            if not candidates:
                break
            found.append(heappop(candidates)[2])
        return found


def _hops(view: View, nodes: list[str], allowed: frozenset[str] | None) -> list[Hop]:
    succ, pred = view.entities._succ, view.entities._pred
    ents = [entity(view, n) for n in nodes]
    hops = []
    for i in range(len(nodes) - 1):
        u, v = nodes[i], nodes[i + 1]
        options = []
        for keys, forward in ((succ[u].get(v, {}), True), (pred[u].get(v, {}), False)):
            for key, data in keys.items():
                if allowed is None or key in allowed:
                    options.append((_ORDER.get(key, len(_ORDER)), key, forward, data))
        options.sort(key=lambda o: (o[0], o[1], not o[2]))
        _, key, forward, data = options[0]
        phrase, from_subject = _phrase(key, data)
        reads_from_u = forward == from_subject
        arrow = f" — {phrase} → " if reads_from_u else f" ← {phrase} — "
        hops.append(Hop(source=ents[i], predicate=expand(key), phrase=phrase, target=ents[i + 1],
                        direction="forward" if forward else "backward",
                        text=f"{ents[i].label}{arrow}{ents[i + 1].label}",
                        attributes=dict(data)))
    return hops


def _make_path(view: View, nodes: list[str], allowed: frozenset[str] | None) -> Path:
    hops = _hops(view, nodes, allowed)
    ents = [entity(view, n) for n in nodes]
    text = ents[0].label
    for hop in hops:
        text += hop.text[len(hop.source.label):]
    return Path(nodes=ents, hops=hops, text=text)


def path(view: View, a: str, b: str, k: int = 1, via: str | None = None,
         topic: str | None = None, since: str | None = None, until: str | None = None,
         max_hops: int | None = None, edge_kinds=None) -> list[Path]:
    """The ``k`` shortest simple paths between two entities, each hop explained.

    Paths follow the relations in :data:`DEFAULT_EDGE_KINDS` in either
    direction (party, participant, signatory, witness, onBehalfOf, ratifiedBy, partOf,
    basedIn, memberOf, role, renews/extends/supersedes), plus topic, document
    or place links when an end is one of those. ``edge_kinds`` replaces that
    set (names such as ``party`` or ``ekg:partOf``, or ``"all"``). ``topic``
    and ``since``/``until`` restrict the agreements and cooperations a path may
    pass through; ``via`` forces a path through an entity; ``max_hops`` bounds
    the length. Raises NoPathError when nothing links the two.

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> [h.phrase for h in path(view, "Fukushima Prefecture", "Russia")[0].hops]
    ['part of', 'party to', 'party to']
    >>> path(view, "Fukushima Prefecture", "Russia", since="2010")
    Traceback (most recent call last):
    ...
    kg.errors.NoPathError: no path between Fukushima Prefecture and Russia (agreements since 2010)
    """
    if k < 1:
        raise InputError("k must be at least 1")
    if max_hops is not None and max_hops < 1:
        raise InputError("max_hops must be at least 1")
    start, end = resolve(view, a), resolve(view, b)
    stop = resolve(view, via) if via else None
    ends = [start.iri, end.iri] + ([stop.iri] if stop else [])
    allowed = _edge_kinds(view, edge_kinds, ends)
    search = _Search(view, allowed, _topic_set(view, topic), window(since, until))
    if stop is None:
        found = search.k_shortest(start.iri, end.iri, k, max_hops)
    else:
        found = []
        for head in search.k_shortest(start.iri, stop.iri, k, max_hops):
            budget = None if max_hops is None else max_hops - (len(head) - 1)
            if budget is not None and budget < 1:
                continue
            for tail in search.k_shortest(stop.iri, end.iri, k, budget, frozenset(head[:-1])):
                joined = head + tail[1:]
                if len(set(joined)) == len(joined) and (
                        max_hops is None or len(joined) - 1 <= max_hops):
                    found.append(joined)
        found = sorted(found, key=len)[:k]
    if not found:
        raise NoPathError(_no_path_message(start, end, stop, topic, since, until, max_hops,
                                           edge_kinds))
    return [_make_path(view, nodes, allowed) for nodes in found]


def _no_path_message(start, end, stop, topic, since, until, max_hops, edge_kinds) -> str:
    limits = []
    if stop:
        limits.append(f"via {stop.label}")
    if topic:
        limits.append(f"topic {topic}")
    if since and until:
        limits.append(f"agreements between {since} and {until}")
    elif since:
        limits.append(f"agreements since {since}")
    elif until:
        limits.append(f"agreements until {until}")
    if max_hops:
        limits.append(f"at most {max_hops} hops")
    if edge_kinds:
        limits.append(f"edge kinds {edge_kinds}")
    tail = f" ({'; '.join(limits)})" if limits else ""
    return f"no path between {start.label} and {end.label}{tail}"


# --- neighbourhood, centrality, communities -----------------------------------------------------


def neighbourhood(view: View, x: str, radius: int = 1, edge_kinds=None,
                  limit: int = 500) -> Neighbourhood:
    """Everything within ``radius`` hops of ``x`` in the entity graph (all relations by
    default), at most ``limit`` nodes, with the edges among them.

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> hood = neighbourhood(view, "Fukushima Prefecture")
    >>> sorted(e.label for e, d in hood.nodes if d == 1)
    ['Japan', 'NRW-Fukushima memorandum of 2026']
    """
    if radius < 0:
        raise InputError("radius must not be negative")
    center = resolve(view, x)
    allowed = None if edge_kinds is None else _edge_kinds(view, edge_kinds, [center.iri])
    search = _Search(view, allowed, None, None)
    dist = {center.iri: 0}
    queue = deque([center.iri])
    truncated = False
    while queue:
        u = queue.popleft()
        if dist[u] >= radius:
            continue
        for v in search.neighbours(u):
            if v not in dist:
                if len(dist) >= limit:
                    truncated = True
                    break
                dist[v] = dist[u] + 1
                queue.append(v)
    succ = view.entities._succ
    edges = []
    for u in dist:
        for v, keys in succ[u].items():
            if v in dist:
                for key in keys:
                    if allowed is None or key in allowed:
                        edges.extend(_hops_for(view, u, v, key, keys[key]))
    nodes = sorted(((entity(view, n), d) for n, d in dist.items()),
                   key=lambda x: (x[1], _type_rank(x[0].type), x[0].label))
    return Neighbourhood(center, radius, nodes, edges, truncated)


def partner_neighbours(view: View, actor: str, depth: int = 2
                       ) -> tuple[Entity, list[tuple[str, int, str]]]:
    """The actors within ``depth`` cooperation hops of ``actor`` (partners, partners of
    partners ...), breadth first: ``(iri, distance, via)`` where ``via`` is the actor one
    hop nearer through which it was first reached. Each ring lists the partners of the
    nearer ring's actors in :attr:`~kg.view.View.partner_order` (strongest links first).

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> center, found = partner_neighbours(view, "Russia", depth=2)
    >>> [(view.label(i), d, view.label(v)) for i, d, v in found]
    [('Japan', 1, 'Russia')]
    """
    if not 1 <= depth <= 3:
        raise InputError("depth must be 1, 2 or 3")
    center = resolve(view, actor)
    order = view.partner_order
    if center.iri not in order:
        return center, []
    key = ("partner-neighbours", center.iri, depth)
    return center, view.cached(key, lambda: _rings(order, center.iri, depth))


def _rings(order: dict[str, list[str]], start: str, depth: int) -> list[tuple[str, int, str]]:
    seen = {start}
    ring, found = [start], []
    for distance in range(1, depth + 1):
        following = []
        for u in ring:
            for v in order.get(u, ()):
                if v not in seen:
                    seen.add(v)
                    following.append(v)
                    found.append((v, distance, u))
        ring = following
    return found


def _hops_for(view: View, u: str, v: str, key: str, data: dict) -> list[Hop]:
    phrase, from_subject = _phrase(key, data)
    src, dst = entity(view, u), entity(view, v)
    text = (f"{src.label} — {phrase} → {dst.label}" if from_subject
            else f"{dst.label} — {phrase} → {src.label}")
    return [Hop(src, expand(key), phrase, dst, "forward", text, dict(data))]


CENTRALITY_KINDS = ("degree", "betweenness", "pagerank")


def centrality(view: View, kind: str = "degree", top: int | None = 20,
               types: set[str] | None = None) -> list[Score]:
    """The most central actors of the cooperation graph, highest first.

    ``kind``: ``degree`` (share of actors one cooperates with), ``betweenness``
    (how often one lies on shortest paths between others; sampled over 500
    sources on graphs above 2000 actors) or ``pagerank`` (weighted by the
    number of agreements). ``types`` keeps only some classes (``{"Country"}``).

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> [(s.entity.label, s.score) for s in centrality(view, "degree", top=2)]
    [('Fukushima Prefecture', 0.333333), ('Japan', 0.333333)]
    """
    if kind not in CENTRALITY_KINDS:
        raise InputError(f"unknown centrality {kind!r}; known: {', '.join(CENTRALITY_KINDS)}")

    def compute() -> dict[str, float]:
        graph = view.cooperation
        if graph.number_of_nodes() == 0:
            return {}
        if kind == "degree":
            return nx.degree_centrality(graph)
        if kind == "betweenness":
            n = graph.number_of_nodes()
            sample = 500 if n > 2000 else None
            return nx.betweenness_centrality(graph, k=sample, seed=0 if sample else None)
        try:
            return nx.pagerank(graph, weight="weight")
        except nx.PowerIterationFailedConvergence:
            return nx.pagerank(graph, weight="weight", max_iter=1000, tol=1e-4)

    scores = view.cached(("centrality", kind), compute)
    ranked = sorted(((s, n) for n, s in scores.items()
                     if not types or view.type(n) in types),
                    key=lambda x: (-x[0], view.label(x[1]).casefold(), x[1]))
    if top:
        ranked = ranked[:top]
    return [Score(entity(view, n), round(s, 6), i + 1) for i, (s, n) in enumerate(ranked)]


def communities(view: View, min_size: int = 2) -> list[Community]:
    """Groups of actors that cooperate densely (Louvain on the weighted cooperation graph,
    fixed seed, so the same graph gives the same groups), largest first.

    >>> from kg.view import View
    >>> view = View.from_turtle(EXAMPLE)
    >>> sorted(sorted(m.label for m in c.members) for c in communities(view))
    [['Fukushima Prefecture', 'North Rhine-Westphalia'], ['Japan', 'Russia']]
    """
    def compute() -> list[list[str]]:
        graph = view.cooperation
        if graph.number_of_edges() == 0:
            return []
        groups = nx.community.louvain_communities(graph, weight="weight", seed=0)
        return sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))

    groups = view.cached("communities", compute)
    out = []
    for group in groups:
        if len(group) < min_size:
            continue
        members = sorted((entity(view, n) for n in group),
                         key=lambda e: (_type_rank(e.type), e.label.casefold()))
        out.append(Community(len(out) + 1, members))
    return out


__all__ = ["Entity", "Evidence", "AgreementInfo", "Partner", "Hop", "Path", "Neighbourhood",
           "Score", "Community", "PartnerLink", "resolve", "entity", "agreement_info",
           "agreement_json", "agreement_iris", "partner_links", "partners", "agreements",
           "to_json", "path", "neighbourhood", "partner_neighbours", "centrality", "communities",
           "DEFAULT_EDGE_KINDS", "PHRASES", "CENTRALITY_KINDS", "EXAMPLE"]
