"""Incremental derivation of ``ekg:cooperatesWith``: only the pairs a change touches.

:func:`kg.build.derive_cooperations` derives the whole ``derived`` graph from a
store: for every pair of co-parties of an agreement (or co-participants of an
``ekg:Cooperation``) the two ``ekg:cooperatesWith`` triples and a link node
``id:link/{a}--{b}`` with ``ekg:basedOn`` every agreement behind the pair.

When one document (or the accepted-facts graph, or a document rewritten by an
undone merge) changes, only the agreements and cooperations with ``ekg:party`` /
``ekg:participant`` statements in the old or the new content of the changed
graphs can change a pair. :func:`delta` finds those *touched* sources, their
parties before and after, the pairs among them, and for each such pair works
out its sources from the link node's current ``ekg:basedOn`` (minus the touched
sources) plus the touched sources that still join the pair. It returns the
quads to delete from and to insert into the derived graph, which the caller
writes in the same update as the changed graphs. The cost grows with the size
of the change and the number of agreements of the pairs it touches, not with
the store; ``tests/test_derive.py`` checks that the result always equals the
full derivation.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import pyoxigraph as ox

from kg.namespaces import DERIVED_GRAPH, EKG, entity_iri, split_entity_iri

MEMBER_PREDICATES = (str(EKG.party), str(EKG.participant))
_DERIVED = ox.NamedNode(str(DERIVED_GRAPH))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_COOPERATES, _BASED_ON, _ACTOR = (ox.NamedNode(str(EKG[n]))
                                  for n in ("cooperatesWith", "basedOn", "actor"))
_LINK_CLASS = ox.NamedNode(str(EKG.CooperationLink))


def link_key(iri: str) -> str:
    parts = split_entity_iri(iri)
    return f"{parts[0]}-{parts[1]}" if parts else hashlib.sha256(iri.encode()).hexdigest()[:12]


def link_iri(a: str, b: str) -> ox.NamedNode:
    """The link node of the pair ``a`` < ``b``."""
    return ox.NamedNode(str(entity_iri("link", f"{link_key(a)}--{link_key(b)}")))


def pair_quads(a: str, b: str, sources: Iterable[str]) -> list[ox.Quad]:
    """The derived quads of one pair (``a`` < ``b``) based on ``sources``."""
    na, nb, link, g = ox.NamedNode(a), ox.NamedNode(b), link_iri(a, b), _DERIVED
    quads = [ox.Quad(na, _COOPERATES, nb, g), ox.Quad(nb, _COOPERATES, na, g),
             ox.Quad(link, _TYPE, _LINK_CLASS, g),
             ox.Quad(link, _ACTOR, na, g), ox.Quad(link, _ACTOR, nb, g)]
    quads += [ox.Quad(link, _BASED_ON, _node(s), g) for s in sorted(sources)]
    return quads


def _node(value: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(value[2:]) if value.startswith("_:") else ox.NamedNode(value)


def _value(term) -> str:
    return "_:" + term.value if isinstance(term, ox.BlankNode) else term.value


def _pairs(members: dict[str, set[str]]) -> set[tuple[str, str]]:
    out = set()
    for actors in members.values():
        out.update(combinations(sorted(actors), 2))
    return out


def delta(handle: ox.Store, changes: dict[str, list[ox.Triple]]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """Quads to delete from and insert into the derived graph when each graph of
    ``changes`` gets the triples given for it (``handle`` is the store before)."""
    replaced = {ox.NamedNode(g) for g in changes}
    predicates = [ox.NamedNode(p) for p in MEMBER_PREDICATES]
    touched: set[str] = set()
    for graph in replaced:
        for predicate in predicates:
            for q in handle.quads_for_pattern(None, predicate, None, graph):
                touched.add(_value(q.subject))
    new_members: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for triples in changes.values():
        for t in triples:
            if t.predicate.value in MEMBER_PREDICATES:
                source = _value(t.subject)
                touched.add(source)
                new_members[source][t.predicate.value].add(t.object.value)
    if not touched:
        return [], []
    before: dict[str, dict[str, set[str]]] = {}
    after: dict[str, dict[str, set[str]]] = {}
    for source in touched:
        old, kept = defaultdict(set), defaultdict(set)
        for predicate in predicates:
            for q in handle.quads_for_pattern(_node(source), predicate, None, None):
                if q.graph_name == _DERIVED or isinstance(q.graph_name, ox.DefaultGraph):
                    continue  # (a kg Store keeps the union of its graphs in the default graph)
                old[predicate.value].add(q.object.value)
                if q.graph_name not in replaced:
                    kept[predicate.value].add(q.object.value)
        for predicate, actors in new_members.get(source, {}).items():
            kept[predicate] |= actors
        before[source], after[source] = old, kept
    pairs_after = {s: _pairs(m) for s, m in after.items()}
    affected = set().union(*(_pairs(m) for m in before.values()), *pairs_after.values())
    delete, insert = [], []
    for a, b in sorted(affected):
        link = link_iri(a, b)
        old_sources = {_value(q.object) for q in
                       handle.quads_for_pattern(link, _BASED_ON, None, _DERIVED)}
        sources = (old_sources - touched) | {s for s in touched if (a, b) in pairs_after[s]}
        old = set(pair_quads(a, b, old_sources)) if old_sources else set()
        new = set(pair_quads(a, b, sources)) if sources else set()
        # the link node's quads as they are (in case they differ from what we would write)
        old |= set(handle.quads_for_pattern(link, None, None, _DERIVED))
        delete += sorted(old - new, key=str)
        insert += sorted(new - old, key=str)
    return delete, insert


__all__ = ["delta", "pair_quads", "link_iri", "link_key", "MEMBER_PREDICATES"]
