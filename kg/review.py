"""The review queue: facts the extractor is unsure of, and merges that were close calls.

Where the numbers come from: every extracted statement has an ``ekg:Evidence``
node with ``ekg:confidence`` (``kg/extract/rdf.py``): an agreement's type and
date carry the agreement's confidence (0.8, 0.1 less without a date, 0.2 less
with fewer than two parties), a party 0.85 (0.6 when only the lede names it), a
signatory 0.8, a witness and a topic 0.7, a new person's or organization's name
0.8 and 0.75. The default threshold, :data:`DEFAULT_THRESHOLD` = 0.65
(``KG_REVIEW_THRESHOLD``, ``kg review --threshold``), sends to the queue the
agreements with fewer than two parties and the parties only a lede names, and
nothing a sentence states plainly.

What happens to a document's facts on ingestion (:func:`split`):

- a fact below the threshold is taken out of the document's graph and kept in a
  *review item* (``id:review/{id}``, ``ekg:ReviewItem`` in ``graph/review``) with
  its statements as N-Triples (``ekg:payload``), the quote, the confidence and
  ``ekg:factSubject``/``ekg:factPredicate``/``ekg:factObject``. An agreement whose
  own confidence is low goes as a whole (all its statements and evidence);
- so nothing pending is asserted: SPARQL, the view, ``/cooperations`` and the
  derived ``ekg:cooperatesWith`` see only confident and accepted facts. REST
  endpoints show pending facts with ``?include=pending``; SPARQL users query the
  items (``?i a ekg:ReviewItem ; ekg:status ekg:Pending``);
- a merge made as a close call (:mod:`kg.resolve`) stays made, and a review item
  of kind ``merge`` points at its ``ekg:Merge`` record.

Decisions (:func:`decide`):

- *accept* a fact: its statements go to ``graph/curated/reviewed`` (curated, with
  their evidence, so the provenance stays) and count from then on;
- *reject* a fact: the item stays, marked ``ekg:Rejected``; ingesting the same
  document again leaves that fact out (the item id is a hash of document and
  fact);
- *accept* a merge: it stays; *reject* a merge (or :func:`undo_merge` any merge):
  the document's graph gets the extracted node back under its own IRI, and the
  merge is not made again for that document.

Every change writes the document or curated graph, the review graph and the
incremental derived update (:mod:`kg.derive`) in one store update.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyoxigraph as ox

from kg import derive
from kg.errors import InputError, NotFoundError
from kg.namespaces import DERIVED_GRAPH, EKG, entity_iri, graph_iri, split_entity_iri
from kg.resolve import Merge, merge_iri, unmerge
from kg.store import Store

DEFAULT_THRESHOLD = 0.65
REVIEW_GRAPH = str(graph_iri("review"))
REVIEWED_GRAPH = str(graph_iri("curated", "reviewed"))
DECISIONS = ("accept", "reject")

_E = str(EKG)
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_AGREEMENT_CLASSES = {_E + c for c in ("Agreement", "IntergovernmentalAgreement", "Memorandum",
                                         "DeclarationOfIntent", "Treaty", "Partnership",
                                         "Contract")}
STATUS = {"pending": _E + "Pending", "accepted": _E + "Accepted", "rejected": _E + "Rejected",
          "merged": _E + "Merged", "undone": _E + "Undone"}
STATUS_NAME = {v: k for k, v in STATUS.items()}


def threshold_from_env() -> float:
    """``KG_REVIEW_THRESHOLD`` as a number between 0 and 1, else the default."""
    raw = os.environ.get("KG_REVIEW_THRESHOLD")
    if not raw:
        return DEFAULT_THRESHOLD
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"KG_REVIEW_THRESHOLD must be a number, not {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise InputError("KG_REVIEW_THRESHOLD must be between 0 and 1")
    return value


def item_id(document: str | None, subject: str, predicate: str, obj: str) -> str:
    return hashlib.sha256(f"{document}|{subject}|{predicate}|{obj}".encode()).hexdigest()[:12]


def item_iri(key: str) -> str:
    return str(entity_iri("review", key))


@dataclass
class Item:
    """One entry of the review queue."""

    id: str
    kind: str  # "fact" or "merge"
    status: str  # pending, accepted, rejected
    document: str | None
    subject: str
    predicate: str
    object: str
    score: float | None = None
    quote: str | None = None
    payload: list[ox.Triple] = field(default_factory=list)
    merge: str | None = None  # the merge's key for kind "merge"
    reasons: list[str] = field(default_factory=list)
    reviewed_at: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "status": self.status,
                "document": self.document, "subject": self.subject,
                "predicate": self.predicate, "object": self.object,
                "score": self.score, "quote": self.quote, "merge": self.merge,
                "reasons": self.reasons, "reviewed_at": self.reviewed_at,
                "statements": len(self.payload)}


# --- splitting a document's facts ---------------------------------------------------------

def _term(value: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    return value.value if isinstance(value, ox.NamedNode) else str(value)


def split(triples: list[ox.Triple], threshold: float,
          decisions: dict[str, str] | None = None) -> tuple[list[ox.Triple], list[Item]]:
    """The document's triples to assert, and the review items for the rest.

    ``decisions`` maps item ids to the status a reviewer gave them
    (``accepted``/``rejected``): such facts are neither asserted from the
    document again nor queued again.
    """
    decisions = decisions or {}
    document = next((t.object.value for t in triples
                     if t.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom"), None)
    by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        by_subject[_term(t.subject)].append(t)
    facts: dict[tuple[str, str, str], dict] = {}
    for ev, stated in by_subject.items():
        props = {t.predicate.value: t.object for t in stated}
        if _E + "supports" not in props or _E + "property" not in props:
            continue
        key = (props[_E + "supports"].value, props[_E + "property"].value,
               _term(props[_E + "value"]) if _E + "value" in props else "")
        confidence = _float(props.get(_E + "confidence"))
        fact = facts.setdefault(key, {"confidence": None, "evidence": [], "quote": None})
        fact["evidence"].append(ev)
        if confidence is not None and (fact["confidence"] is None or confidence > fact["confidence"]):
            fact["confidence"] = confidence
            fact["quote"] = props[_E + "quote"].value if _E + "quote" in props else None
    withheld: set[ox.Triple] = set()
    items: list[Item] = []
    whole: set[str] = set()  # agreements queued as a whole
    ordered = sorted(facts.items(), key=lambda kv: (kv[0][1] != _TYPE, kv[0]))
    for (subject, predicate, obj), fact in ordered:
        key = item_id(document, subject, predicate, obj)
        decided = decisions.get(key)
        low = fact["confidence"] is not None and fact["confidence"] < threshold
        if subject in whole or not (low or decided == "rejected"):
            continue
        if predicate == _TYPE and obj in _AGREEMENT_CLASSES:
            payload = _agreement_payload(subject, by_subject, triples)
            whole.add(subject)
        else:
            payload = [t for t in by_subject.get(subject, ())
                       if t.predicate.value == predicate and _term(t.object) == obj]
            for ev in fact["evidence"]:
                payload += by_subject.get(ev, [])
        withheld.update(payload)
        if decided in ("accepted", "rejected"):
            continue
        items.append(Item(key, "fact", "pending", document, subject, predicate, obj,
                          score=fact["confidence"], quote=fact["quote"],
                          payload=list(dict.fromkeys(payload))))
    kept = [t for t in triples if t not in withheld]
    return kept, items


def _agreement_payload(node: str, by_subject: dict[str, list[ox.Triple]],
                       triples: list[ox.Triple]) -> list[ox.Triple]:
    payload = list(by_subject.get(node, ()))
    todo = [t.object for t in payload if isinstance(t.object, ox.BlankNode)]
    while todo:
        blank = todo.pop()
        for t in by_subject.get(str(blank), ()):
            payload.append(t)
            if isinstance(t.object, ox.BlankNode):
                todo.append(t.object)
    for t in triples:
        if getattr(t.object, "value", None) == node and isinstance(t.object, ox.NamedNode):
            if t.predicate.value == _E + "supports":
                payload += by_subject.get(_term(t.subject), [])
            elif t not in payload:
                payload.append(t)
    return list(dict.fromkeys(payload))


def _float(term) -> float | None:
    try:
        return float(term.value) if term is not None else None
    except (ValueError, AttributeError):
        return None


# --- the review graph ---------------------------------------------------------------------

def _nt(triples: list[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode() if triples else ""


def _parse_nt(text: str) -> list[ox.Triple]:
    if not text:
        return []
    return [ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES)]


def _object_term(value: str) -> ox.NamedNode | ox.Literal:
    """An item's object as written by :func:`split` (an IRI, or a literal in N-Triples)."""
    if value.startswith('"'):
        return _parse_nt(f"<x:s> <x:p> {value} .")[0].object
    return ox.NamedNode(value) if value else ox.Literal("")


def item_triples(item: Item) -> list[ox.Triple]:
    """The review graph's description of an item."""
    node = ox.NamedNode(item_iri(item.id))
    e = lambda name: ox.NamedNode(_E + name)  # noqa: E731
    out = [ox.Triple(node, ox.NamedNode(_TYPE), e("ReviewItem")),
           ox.Triple(node, e("reviewKind"), ox.Literal(item.kind)),
           ox.Triple(node, e("status"), ox.NamedNode(STATUS[item.status])),
           ox.Triple(node, e("factSubject"), ox.NamedNode(item.subject)),
           ox.Triple(node, e("factPredicate"), ox.NamedNode(item.predicate)),
           ox.Triple(node, e("factObject"), _object_term(item.object))]
    if item.document:
        out.append(ox.Triple(node, e("aboutDocument"), ox.NamedNode(item.document)))
    if item.score is not None:
        out.append(ox.Triple(node, e("score"), ox.Literal(f"{item.score:.3f}",
                                                         datatype=ox.NamedNode(_XSD + "decimal"))))
    if item.quote:
        out.append(ox.Triple(node, e("excerpt"), ox.Literal(item.quote)))
    if item.payload:
        out.append(ox.Triple(node, e("payload"), ox.Literal(_nt(item.payload))))
    if item.merge:
        out.append(ox.Triple(node, e("merge"), ox.NamedNode(merge_iri(item.merge))))
    for reason in item.reasons:
        out.append(ox.Triple(node, e("reason"), ox.Literal(reason)))
    return out


def merge_triples(merge: Merge, status: str = "merged") -> list[ox.Triple]:
    """The ``ekg:Merge`` record of a merge."""
    node = ox.NamedNode(merge_iri(merge.key))
    e = lambda name: ox.NamedNode(_E + name)  # noqa: E731
    out = [ox.Triple(node, ox.NamedNode(_TYPE), e("Merge")),
           ox.Triple(node, e("mergedNode"), ox.NamedNode(merge.source)),
           ox.Triple(node, e("mergedInto"), ox.NamedNode(merge.target)),
           ox.Triple(node, e("status"), ox.NamedNode(STATUS[status])),
           ox.Triple(node, e("score"), ox.Literal(f"{merge.score:.3f}",
                                                  datatype=ox.NamedNode(_XSD + "decimal"))),
           ox.Triple(node, e("payload"), ox.Literal(_nt(merge.original)))]
    if merge.document:
        out.append(ox.Triple(node, e("aboutDocument"), ox.NamedNode(merge.document)))
    out += [ox.Triple(node, e("reason"), ox.Literal(r)) for r in merge.reasons]
    return out


def merge_item(merge: Merge, quote: str | None = None) -> Item:
    """The review item of a close-call merge."""
    return Item(merge.key, "merge", "pending", merge.document, merge.source,
                "http://www.w3.org/2002/07/owl#sameAs", merge.target, score=merge.score,
                quote=quote, merge=merge.key, reasons=list(merge.reasons))


def records(merges: list[Merge], items: list[Item], triples: list[ox.Triple],
            decisions: dict[str, str]) -> list[ox.Triple]:
    """Review-graph triples for a document: its merges, its close calls, its pending facts."""
    quotes = _quotes(triples)
    out = []
    for merge in merges:
        out += merge_triples(merge)
        if merge.close_call and decisions.get(merge.key) not in ("accepted", "rejected"):
            out += item_triples(merge_item(merge, quotes.get(merge.target)))
    for item in items:
        out += item_triples(item)
    return out


def _quotes(triples: list[ox.Triple]) -> dict[str, str]:
    supports: dict[str, str] = {}
    quote: dict[str, str] = {}
    for t in triples:
        if t.predicate.value == _E + "supports":
            supports.setdefault(_term(t.subject), t.object.value)
        elif t.predicate.value == _E + "quote":
            quote[_term(t.subject)] = t.object.value
    out: dict[str, str] = {}
    for ev, node in sorted(supports.items()):
        if ev in quote:
            out.setdefault(node, quote[ev])
    return out


DECISIONS_QUERY = """
SELECT ?node ?status WHERE {{ GRAPH <{graph}> {{
  ?node ekg:aboutDocument <{document}> ; ekg:status ?status .
}} }}"""


def decisions_for(store: Store, document: str) -> tuple[dict[str, str], set[str]]:
    """What reviewers decided about a document: item ids → status, and the keys of undone
    merges (which :func:`kg.resolve.resolve` must not make again)."""
    decided: dict[str, str] = {}
    refused: set[str] = set()
    for row in store.query(DECISIONS_QUERY.format(graph=REVIEW_GRAPH, document=document)):
        node, status = row["node"].value, STATUS_NAME.get(row["status"].value)
        kind = split_entity_iri(node)
        if kind is None:
            continue
        if kind[0] == "review" and status in ("accepted", "rejected"):
            decided[kind[1]] = status
        elif kind[0] == "merge" and status == "undone":
            refused.add(kind[1])
    return decided, refused


def clear_operations(store: Store, documents: list[str]) -> list[str]:
    """SPARQL update operations that drop the pending items and standing merges of
    ``documents`` (they are written again from the new extraction); decisions stay.

    ``DELETE DATA`` of what is there now, so the store keeps its merged default graph
    at the cost of the data (no scan)."""
    stale = stale_records(store, documents)
    if not stale:
        return []
    return [f"DELETE DATA {{ GRAPH <{REVIEW_GRAPH}> {{ {_nt(stale)} }} }}"]


def stale_records(store: Store, documents: list[str]) -> list[ox.Triple]:
    """The statements of the pending items and standing merges of ``documents`` in the
    review graph (what :func:`clear_operations` deletes)."""
    if not documents:
        return []
    values = " ".join(f"<{d}>" for d in sorted(set(documents)))
    rows = store.query(f"""SELECT ?n ?p ?o WHERE {{ GRAPH <{REVIEW_GRAPH}> {{
        VALUES ?d {{ {values} }}
        ?n <{_E}aboutDocument> ?d ; <{_E}status> ?s .
        FILTER(?s IN (<{STATUS['pending']}>, <{STATUS['merged']}>))
        ?n ?p ?o }} }}""")
    return [ox.Triple(r["n"], r["p"], r["o"]) for r in rows]


# --- reading the queue --------------------------------------------------------------------

LIST_QUERY = """
SELECT ?n ?p ?o WHERE {{ GRAPH <{graph}> {{
  ?n a ekg:ReviewItem ; ekg:status ?status . {filter}
  ?n ?p ?o }} }}"""


def items(store: Store, status: str | None = "pending") -> list[Item]:
    """The review items (of one status, or all with ``status=None``), lowest score first."""
    if status is not None and status not in ("pending", "accepted", "rejected"):
        raise InputError(f"status must be pending, accepted or rejected, not {status!r}")
    where = f"FILTER(?status = <{STATUS[status]}>)" if status else ""
    found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in store.query(LIST_QUERY.format(graph=REVIEW_GRAPH, filter=where)):
        found[row["n"].value][row["p"].value].append(row["o"])
    out = [_item(node, props) for node, props in found.items()]
    out.sort(key=lambda i: (i.score if i.score is not None else 1.0, i.id))
    return out


def _item(node: str, props: dict[str, list]) -> Item:
    one = lambda name: props.get(_E + name, [None])[0]  # noqa: E731
    obj = one("factObject")
    merge = one("merge")
    reviewed = one("reviewedAt")
    return Item(
        id=node.rsplit("/", 1)[-1], kind=one("reviewKind").value,
        status=STATUS_NAME.get(one("status").value, "pending"),
        document=one("aboutDocument").value if one("aboutDocument") else None,
        subject=one("factSubject").value, predicate=one("factPredicate").value,
        object=_term(obj) if obj is not None else "",
        score=_float(one("score")), quote=one("excerpt").value if one("excerpt") else None,
        payload=_parse_nt(one("payload").value) if one("payload") else [],
        merge=merge.value.rsplit("/", 1)[-1] if merge else None,
        reasons=sorted(r.value for r in props.get(_E + "reason", [])),
        reviewed_at=reviewed.value if reviewed else None)


def get_item(store: Store, key: str) -> Item:
    """One review item by id; NotFoundError with the pending ids as suggestions."""
    for item in items(store, None):
        if item.id == key:
            return item
    raise NotFoundError(f"no review item {key}",
                        suggestions=[i.id for i in items(store, "pending")][:10])


def get_merge(store: Store, key: str) -> tuple[Merge, str]:
    """A merge record and its status."""
    node = merge_iri(key)
    rows = list(store.query(f"SELECT ?p ?o WHERE {{ GRAPH <{REVIEW_GRAPH}> {{ <{node}> ?p ?o }} }}"))
    if not rows:
        raise NotFoundError(f"no merge {key}")
    props: dict[str, list] = defaultdict(list)
    for row in rows:
        props[row["p"].value].append(row["o"])
    one = lambda name: props.get(_E + name, [None])[0]  # noqa: E731
    target = one("mergedInto").value
    merge = Merge(one("mergedNode").value, target, (split_entity_iri(target) or ("org",))[0],
                  _float(one("score")) or 0.0,
                  one("aboutDocument").value if one("aboutDocument") else None,
                  sorted(r.value for r in props.get(_E + "reason", [])),
                  _parse_nt(one("payload").value) if one("payload") else [])
    return merge, STATUS_NAME.get(one("status").value, "merged")


def merges(store: Store) -> list[tuple[Merge, str]]:
    """Every merge record with its status."""
    rows = store.query(f"SELECT ?m WHERE {{ GRAPH <{REVIEW_GRAPH}> {{ ?m a ekg:Merge }} }}")
    return [get_merge(store, row["m"].value.rsplit("/", 1)[-1]) for row in rows]


def pending_quads(store: Store) -> list[ox.Quad]:
    """The statements of pending fact items, as quads of their document's graph
    (for the ``include=pending`` view)."""
    out = []
    for item in items(store, "pending"):
        if item.kind != "fact":
            continue
        key = item.document.rsplit("/", 1)[-1] if item.document else "unknown"
        graph = ox.NamedNode(str(graph_iri("pending", key)))
        out += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in item.payload]
    return out


# --- decisions ----------------------------------------------------------------------------

def _status_operations(store: Store, node: str, status: str) -> list[str]:
    """Set a review item's or merge's status (and when), as DELETE DATA / INSERT DATA."""
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    subject, graph = ox.NamedNode(node), ox.NamedNode(REVIEW_GRAPH)
    old = [ox.Triple(q.subject, q.predicate, q.object) for p in ("status", "reviewedAt")
           for q in store.oxigraph.quads_for_pattern(subject, ox.NamedNode(_E + p), None, graph)]
    new = [ox.Triple(subject, ox.NamedNode(_E + "status"), ox.NamedNode(STATUS[status])),
           ox.Triple(subject, ox.NamedNode(_E + "reviewedAt"),
                     ox.Literal(now, datatype=ox.NamedNode(_XSD + "dateTime")))]
    ops = [f"DELETE DATA {{ GRAPH <{REVIEW_GRAPH}> {{ {_nt(old)} }} }}"] if old else []
    return ops + [f"INSERT DATA {{ GRAPH <{REVIEW_GRAPH}> {{ {_nt(new)} }} }}"]


def _derived_operations(store: Store, changes: dict[str, list[ox.Triple]]) -> list[str]:
    delete, insert = derive.delta(store.oxigraph, changes)
    ops = []
    if delete:
        ops.append(f"DELETE DATA {{ GRAPH <{DERIVED_GRAPH}> {{ {_nt(_triples(delete))} }} }}")
    if insert:
        ops.append(f"INSERT DATA {{ GRAPH <{DERIVED_GRAPH}> {{ {_nt(_triples(insert))} }} }}")
    return ops


def _triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


def decide(store: Store, key: str, decision: str) -> Item:
    """Accept or reject review item ``key``; returns the item as it is afterwards."""
    if decision not in DECISIONS:
        raise InputError(f"decision must be 'accept' or 'reject', not {decision!r}")
    with store.writing():
        item = get_item(store, key)
        if item.status != "pending":
            raise InputError(f"review item {key} was already {item.status}")
        status = "accepted" if decision == "accept" else "rejected"
        ops = _status_operations(store, item_iri(key), status)
        if item.kind == "fact" and decision == "accept":
            current = [ox.Triple(q.subject, q.predicate, q.object)
                       for q in store.quads(REVIEWED_GRAPH)]
            ops += _derived_operations(store, {REVIEWED_GRAPH: current + item.payload})
            ops.append(f"INSERT DATA {{ GRAPH <{REVIEWED_GRAPH}> {{ {_nt(item.payload)} }} }}")
        elif item.kind == "merge" and decision == "reject":
            ops += _undo_operations(store, item.merge)
        store.update(" ;\n".join(ops))
        return get_item(store, key)


def undo_merge(store: Store, key: str) -> Merge:
    """Split merge ``key`` again: the document's graph gets the extracted node back, and the
    merge is remembered as undone so ingesting the document again does not redo it."""
    with store.writing():
        merge, status = get_merge(store, key)
        if status == "undone":
            raise InputError(f"merge {key} was already undone")
        ops = _undo_operations(store, key)
        pending = ox.NamedNode(item_iri(key))
        if any(store.oxigraph.quads_for_pattern(pending, None, None, ox.NamedNode(REVIEW_GRAPH))):
            ops += _status_operations(store, item_iri(key), "rejected")
        store.update(" ;\n".join(ops))
        return merge


def _undo_operations(store: Store, key: str) -> list[str]:
    merge, _ = get_merge(store, key)
    ops = _status_operations(store, merge_iri(key), "undone")
    if not merge.document:
        return ops
    graph = str(graph_iri("extracted", merge.document.rsplit("/", 1)[-1]))
    current = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)]
    if not current:
        return ops
    split_again = unmerge(current, merge)
    ops += _derived_operations(store, {graph: split_again})
    ops.append(f"DROP SILENT GRAPH <{graph}>")
    ops.append(f"INSERT DATA {{ GRAPH <{graph}> {{ {_nt(split_again)} }} }}")
    return ops


__all__ = ["DEFAULT_THRESHOLD", "REVIEW_GRAPH", "REVIEWED_GRAPH", "Item", "split", "records",
           "decisions_for", "clear_operations", "items", "get_item", "get_merge", "merges",
           "decide", "undo_merge", "pending_quads", "threshold_from_env", "item_id"]


def carry_over(store: Store, kept: set[str], recreated: set[str]) -> list[ox.Quad]:
    """What a full build keeps of the review graph and the reviewed facts.

    Decisions (accepted, rejected, undone) always stay; pending items and standing
    merges stay for the documents in ``kept`` that the build does not extract again
    (``recreated`` ones get new records from their new extraction).
    """
    review_graph = ox.NamedNode(REVIEW_GRAPH)
    props: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in store.quads(REVIEW_GRAPH):
        props[_term(q.subject)].append(q)
    out = [q for q in store.quads(REVIEWED_GRAPH)]
    for quads in props.values():
        status = next((STATUS_NAME.get(q.object.value) for q in quads
                       if q.predicate.value == _E + "status"), None)
        document = next((q.object.value for q in quads
                         if q.predicate.value == _E + "aboutDocument"), None)
        if status in ("accepted", "rejected", "undone") or (
                document in kept and document not in recreated):
            out += [ox.Quad(q.subject, q.predicate, q.object, review_graph) for q in quads]
    return out
