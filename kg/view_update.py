"""The view of a new revision made from the view of an earlier one, for a change that
touches few nodes: the nodes the change names are read again from the store, and a
new :class:`kg.view.View` shares everything else with the old one (copy on write:
the old view stays whole for the requests still reading it).

The store journals what each write inserted and deleted (:meth:`kg.store.Store.changes_since`).
From that:

* the **dirty** nodes are the subjects and objects of the changed triples (the
  owner of a changed signature, role or ratification node; the node a changed
  evidence node supports). Each is read again (its own triples, its structural
  nodes, the evidence for it) and derived with the code of a full build
  (:mod:`kg.view_build`): class, attributes, names, out-edges, record;
* a node whose presence or class changes makes dirty every node that links to it;
  a node at the end of a changed edge that was not in the view is read too; this
  repeats until nothing new is found;
* **in-edges** of the nodes at the ends of changed edges, the edges ``ekg:onBehalfOf``
  of changed signatures, the **cooperation edges** of the actor pairs of the
  changed agreements, cooperations, link nodes and ``ekg:cooperatesWith`` triples
  (the pairs :mod:`kg.derive` rewrites for the same change), the partner order of
  the actors concerned, the agreement order and its indexes are recomputed, each
  in the order a full build gives it.

A full build is the answer (:func:`updated` returns None) when the change is
unknown or large, when it touches the class hierarchy, kind keys or the topic
tree, or when cooperation link nodes are not named as :func:`kg.derive.link_iri`
names them. ``tests/test_view_update.py`` holds an updated view equal, order
included, to one built from scratch, after ingesting, deleting and updating.
"""

from __future__ import annotations

import bisect
import itertools
import sys
import time
from collections import defaultdict

import pyoxigraph as ox

from kg import view_build as vb
from kg.view import AgreementRecord, View

LIMIT_NODES = 5_000  # dirty nodes: more, and a full build is quicker
_ROUNDS = 8
_DEFAULT = ox.DefaultGraph()
_TYPE = ox.NamedNode(vb.RDF_TYPE)
_COOPERATES = ox.NamedNode(vb.COOPERATES)
_SUPPORTS = ox.NamedNode(vb._SUPPORTS)
_BEHALF_KEY = "ekg:onBehalfOf"


class _Full(Exception):  # noqa: N818 - control flow
    """The change is better met by a full build."""


def updated(old: View, store, changes: list, revision: int | None = None) -> View | None:
    """The view of ``store`` at ``revision`` (default: its current one) from ``old`` and the
    ``changes`` in between (:meth:`kg.store.Store.changes_since`); None when a full build
    is the better way. (The nodes are read as the store has them now: if a later write
    touched them too, the next update reads them again.)"""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        view = _Update(old, store, changes).run()
    except _Full:
        return None
    view.revision = store.revision if revision is None else revision
    view.build_seconds = time.perf_counter() - started
    view.timings = {"update": round(view.build_seconds, 3)}
    view.cpu_timings = {"update": round(time.process_time() - cpu, 3)}
    return view


def _node(value: str):
    return ox.BlankNode(value[2:]) if value.startswith("_:") else ox.NamedNode(value)


def _value(term) -> str | None:
    if type(term) is ox.NamedNode:
        return sys.intern(term.value)
    if type(term) is ox.BlankNode:
        return "_:" + term.value
    return None


def _rows(quads) -> dict[str, vb.Rows]:
    """Quads grouped into the rows of their predicates."""
    out: dict[str, vb.Rows] = {}
    for q in quads:
        p = sys.intern(q.predicate.value)
        rows = out.get(p)
        if rows is None:
            rows = out[p] = vb.Rows(p, [], [])
        s, o = _value(q.subject), q.object
        if s is None:
            continue
        if type(o) is ox.Literal:
            rows.lits.append((s, o.value, o.language))
        else:
            value = _value(o)
            if value is not None:
                rows.links.append((s, value))
    return out


def _parse_spo(data: bytes) -> dict[str, vb.Rows]:
    """Rows by predicate from the TSV answer of ``SELECT ?s ?p ?o``."""
    intern = sys.intern
    out: dict[str, vb.Rows] = {}
    for line in itertools.islice(data.decode().split("\n"), 1, None):
        if not line:
            continue
        s, p, o = line.split("\t")
        s = intern(s[1:-1]) if s[0] == "<" else s
        p = intern(p[1:-1])
        rows = out.get(p)
        if rows is None:
            rows = out[p] = vb.Rows(p, [], [])
        first = o[0]
        if first == "<":
            rows.links.append((s, intern(o[1:-1])))
        elif first == "_":
            rows.links.append((s, o))
        else:
            value, lang = vb._literal(o)
            rows.lits.append((s, value, lang))
    return out


def _merge(into: dict[str, vb.Rows], more: dict[str, vb.Rows]) -> None:
    for p, rows in more.items():
        have = into.get(p)
        if have is None:
            into[p] = rows
        else:
            have.links.extend(rows.links)
            have.lits.extend(rows.lits)


_GRAPHED = ", ".join(f"<{p}>" for p in sorted({vb.RDF_TYPE, *vb.NAME_PREDICATES}))


class _Update:
    def __init__(self, old: View, store, changes: list):
        self.old, self.store, self.handle = old, store, store.oxigraph
        self.changes = changes
        self.hierarchy: list[vb.Rows] | None = None

    # --- reading the store ------------------------------------------------------------

    def _global_rows(self) -> list[vb.Rows]:
        """The class hierarchy and kind keys (a change to them is a full build)."""
        if self.hierarchy is None:
            h = self.handle
            subclass = [(_value(q.subject), _value(q.object)) for q in h.quads_for_pattern(
                None, ox.NamedNode(vb.SUBCLASS), None, _DEFAULT)]
            kinds = [(_value(q.subject), q.object.value, None) for q in h.quads_for_pattern(
                None, ox.NamedNode(vb.KIND_KEY), None, _DEFAULT) if type(q.object) is ox.Literal]
            self.hierarchy = [vb.Rows(vb.SUBCLASS, [r for r in subclass if r[0] and r[1]], []),
                              vb.Rows(vb.KIND_KEY, [], [r for r in kinds if r[0]])]
        return self.hierarchy

    def _read(self, nodes) -> tuple[dict[str, vb.Rows], list, list]:
        """The triples of ``nodes`` in the default graph (without ``ekg:cooperatesWith``),
        their names in the curated graph, and the graphs that type them."""
        rows: dict[str, vb.Rows] = {}
        curated, sources = [], []
        iris = sorted(n for n in nodes if not n.startswith("_:"))
        h = self.handle
        for i in range(0, len(iris), 200):
            values = " ".join(f"<{n}>" for n in iris[i:i + 200])
            _merge(rows, _parse_spo(vb._query(h, (
                f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o "
                f"FILTER(?p != <{vb.COOPERATES}>) }}"))))
            for s, p, o, g in h.query(  # (FILTER, not VALUES ?p: Oxigraph plans it better)
                    f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {values} }} "
                    f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?p IN ({_GRAPHED})) }}"):
                if p.value == vb.RDF_TYPE:
                    if type(o) is ox.NamedNode and o.value.startswith(vb.EKG):
                        sources.append((_value(s), sys.intern(g.value)))
                elif g.value == vb._CURATED and type(o) is ox.Literal:
                    curated.append((p.value, (_value(s), o.value, o.language)))
        quads = []
        for node in sorted(n for n in nodes if n.startswith("_:")):
            quads.extend(q for q in h.quads_for_pattern(_node(node), None, None, _DEFAULT)
                         if q.predicate != _COOPERATES)
        _merge(rows, _rows(quads))
        return rows, curated, sources

    def _referrers(self, node: str) -> set[tuple[str, str]]:
        """(subject, predicate) of the triples whose object is ``node``."""
        return {(_value(q.subject), q.predicate.value)
                for q in self.handle.quads_for_pattern(None, None, _node(node), _DEFAULT)
                if q.predicate != _COOPERATES and _value(q.subject)}

    def _owners(self, struct: str) -> set[str]:
        """The nodes that point to a structural node (role, signature, ratification ...)."""
        return {s for s, p in self._referrers(struct) if p in vb.STRUCT_POINTERS}

    def _supported(self, evidence: str) -> set[str]:
        return {_value(q.object) for q in self.handle.quads_for_pattern(
            _node(evidence), _SUPPORTS, None, _DEFAULT) if _value(q.object)}

    def _evidence_nodes(self, target: str) -> set[str]:
        return {_value(q.subject) for q in self.handle.quads_for_pattern(
            None, _SUPPORTS, _node(target), _DEFAULT) if _value(q.subject)}

    def _types(self, iri: str) -> set[str]:
        ekg_len = len(vb.EKG)
        out = set()
        for q in self.handle.quads_for_pattern(_node(iri), _TYPE, None, _DEFAULT):
            if type(q.object) is ox.NamedNode:
                value = q.object.value
                out.add(value[ekg_len:] if value.startswith(vb.EKG) else value)
        return out

    def _cooperates(self, a: str, b: str) -> bool:
        h, na, nb = self.handle, ox.NamedNode(a), ox.NamedNode(b)
        return any(True for _ in h.quads_for_pattern(na, _COOPERATES, nb, _DEFAULT)) or \
            any(True for _ in h.quads_for_pattern(nb, _COOPERATES, na, _DEFAULT))

    def _cooperating(self, a: str) -> set[str]:
        h, na = self.handle, ox.NamedNode(a)
        found = {_value(q.object) for q in h.quads_for_pattern(na, _COOPERATES, None, _DEFAULT)}
        found |= {_value(q.subject) for q in h.quads_for_pattern(None, _COOPERATES, na, _DEFAULT)}
        return {x for x in found if x and not x.startswith("_:")}

    def _link(self, a: str, b: str, records: dict, coop_records: dict) -> list[str]:
        """The agreements the link node of the pair (kg.derive's naming) is based on."""
        from kg.derive import link_iri  # noqa: PLC0415

        link = link_iri(a, b)
        actors, basis, typed = set(), [], set()
        for q in self.handle.quads_for_pattern(link, None, None, _DEFAULT):
            p = q.predicate.value
            if p == vb._ACTOR:
                actors.add(_value(q.object))
            elif p == vb._BASED_ON:
                basis.append(_value(q.object))
            elif p == vb.RDF_TYPE and type(q.object) is ox.NamedNode:
                value = q.object.value
                typed.add(value[len(vb.EKG):] if value.startswith(vb.EKG) else value)
        cls = self.classes.classify(link.value, typed)
        if not actors or cls is None or self.classes.structural(cls) != "CooperationLink":
            return []
        if actors != {a, b}:
            raise _Full  # a link node named for this pair holds other actors
        return [x for x in basis if x in records or x in coop_records]

    def _behalf_agreements(self, signer: str, actor: str) -> set[str]:
        """The nodes with a signature by ``signer`` on behalf of ``actor``."""
        if signer.startswith("_:") or actor.startswith("_:"):
            return set()
        sparql = (f"SELECT DISTINCT ?a WHERE {{ ?a <{vb._SIGNATURE}> ?sig . "
                  f"?sig <{vb._SIGNER}> <{signer}> ; <{vb._BEHALF}> <{actor}> }}")
        return {_value(row[0]) for row in self.handle.query(sparql, default_graph=_DEFAULT)
                if _value(row[0])}

    def _plain_link(self, s: str, p: str, o: str) -> bool:
        return any(True for _ in self.handle.quads_for_pattern(
            _node(s), ox.NamedNode(p), _node(o), _DEFAULT))

    # --- the update -------------------------------------------------------------------

    def run(self) -> View:
        old = self.old
        if not old.links_canonical:
            raise _Full
        old.load_parts()
        dirty: set[str] = set()
        targets: set[str] = set()  # nodes whose evidence changed
        pairs: set[tuple[str, str]] = set()  # actor pairs to look at again
        link_actors: dict[str, set[str]] = defaultdict(set)  # link node -> actors named
        blanks: set[str] = set()
        self.named = {s for s, p, _ in self.changes if p in vb.NAME_PREDICATES}
        for s, p, o in self.changes:
            if p in vb.GLOBAL_PREDICATES:
                raise _Full
            if p == vb.COOPERATES:
                if s and o and not s.startswith("_:") and not o.startswith("_:") and s != o:
                    pairs.add((s, o) if s < o else (o, s))
                continue
            for term in (s, o):
                if term is None or (term is o and p == vb.RDF_TYPE):
                    continue
                (blanks if term.startswith("_:") else dirty).add(term)
            if p == vb._SUPPORTS and o:
                targets.add(o)
            if p == vb._ACTOR and s and o:
                link_actors[s].add(o)
        for blank in blanks:  # a structural node of the store: its owner, what it supports
            dirty |= self._owners(blank)
            targets |= self._supported(blank)
        dirty |= targets
        self.dirty = {n for n in dirty if not n.startswith("_:")}
        self.targets = {t for t in targets if not t.startswith("_:")}
        for _ in range(_ROUNDS):
            if len(self.dirty) > LIMIT_NODES:
                raise _Full
            more = self._derive()
            if more is None:
                break
            more_dirty, more_targets = more
            self.targets |= more_targets
            self.dirty |= more_dirty | more_targets
        else:
            raise _Full
        return self._apply(pairs, link_actors)

    def _derive(self):  # noqa: C901, PLR0912, PLR0915
        """Read and derive the dirty nodes; (more dirty nodes, more evidence targets), or None
        when there are none."""
        old = self.old
        dirty, targets = self.dirty, self.targets
        o_node, o_succ, o_pred = old.entities._node, old.entities._succ, old.entities._pred
        known = set(dirty)
        router = vb.Router(known, self._outside)
        self.router = router
        for rows in self._global_rows():
            router.add(rows)
        router.start()
        self.classes = classes = router.classes
        evidence_nodes = set()
        for t in targets:
            evidence_nodes |= self._evidence_nodes(t)
        known |= evidence_nodes
        self._feed(*self._read(dirty | evidence_nodes))
        structs = {o for found in router.pointers.values() for _, o in found} - known
        known |= structs
        self._feed(*self._read(structs))

        entity_class = router.entity_class
        more_dirty, more_targets = set(), set()
        for node in dirty:  # structural nodes: their owners, what they support
            if router.kind(node) is False:
                cls = router.cls(node)
                if cls is not None and classes.structural(cls) == "Evidence":
                    more_targets |= self._supported(node)
                more_dirty |= self._owners(node)

        # --- the dirty nodes, and their out-edges without the signatures' onBehalfOf
        attrs = {}
        for node in dirty:
            cls = entity_class(node)
            if cls is not None:
                attrs[node] = vb.node_attrs(router, node, cls)
        folded = vb.struct_edges(router, entity_class)
        base: dict[str, dict[str, dict]] = {n: {} for n in dirty}
        for key, found in router.edges.items():
            for s, o in found:
                if s in base:  # (a node read as a structural one may be an entity)
                    base[s].setdefault(o, {}).setdefault(key, None)
        for key, found in folded.items():
            for (s, o), data in found.items():
                if s in base:
                    base[s].setdefault(o, {})[key] = data
        sigs = vb.signatures(router)

        def in_edges(node: str, out: dict, behalf: bool) -> bool:
            """Whether an edge leads to ``node`` (``behalf``: counting the signatures'
            onBehalfOf edges of nodes that are not dirty)."""
            for u, keys in o_pred.get(node, {}).items():
                if u in dirty:
                    continue
                if behalf or any(k != _BEHALF_KEY or not d or "agreement" not in d
                                 for k, d in keys.items()):
                    return True
            return any(node in out.get(u, {}) for u in dirty)

        # records are the agreements and cooperations that are nodes before the signatures'
        # onBehalfOf edges are added (as a full build makes them)
        present_base = {}
        for node in dirty:
            present_base[node] = node in attrs and (
                node in router.types or node in router.linked or bool(base[node])
                or in_edges(node, base, False))
        kinds = {}
        for node in dirty:
            cls = attrs[node]["type"] if present_base[node] else None
            kinds[node] = None if cls is None else "cooperation" if cls == "Cooperation" else \
                "agreement" if classes.is_agreement(cls) else None

        def record_kind(node: str) -> str | None:
            if node in kinds:
                return kinds[node]
            found = old.agreement_records.get(node)
            return "agreement" if found is not None else (
                "cooperation" if node in old.cooperation_records else None)

        def signed(node: str) -> set[tuple[str, str]]:
            """(signer, on behalf of) of a node's signatures as the view reads them (the first
            value of each; the store may state more)."""
            found = sigs.get(node, ()) if node in dirty else \
                old.agreement_records[node].signatures
            return {(g["signer"], g["on_behalf_of"]) for g in found}

        # the signatures' onBehalfOf edges: the pairs of the old and new signatures
        behalf: set[tuple[str, str]] = set()
        for node in dirty:
            rec = old.agreement_records.get(node)
            if rec is not None:
                behalf |= {(g["signer"], g["on_behalf_of"]) for g in rec.signatures
                           if g["signer"] and g["on_behalf_of"]}
            if kinds[node] == "agreement":
                behalf |= {(g["signer"], g["on_behalf_of"]) for g in sigs.get(node, ())
                           if g["signer"] and g["on_behalf_of"]}
        behalf_data: dict[tuple[str, str], dict | None] = {}
        for signer, actor in behalf:
            if entity_class(signer) is None or entity_class(actor) is None:
                behalf_data[(signer, actor)] = None
                continue
            found = {a for a in self._behalf_agreements(signer, actor)
                     if record_kind(a) == "agreement" and (signer, actor) in signed(a)}
            behalf_data[(signer, actor)] = {"agreement": min(found)} if found else None
        titles: dict[tuple[str, str], str] = {}
        for node, found in sigs.items():
            if kinds.get(node) == "agreement":
                for signer, title in vb.signatory_titles(found).items():
                    titles[(node, signer)] = title

        # --- the new out-edges (dirty nodes and the signers of changed onBehalfOf edges)
        keydicts = vb.KeyDicts()
        new_out: dict[str, dict[str, dict]] = {}
        for u in dirty | {s for s, _ in behalf if entity_class(s) is not None}:
            edges: dict[str, dict] = {}
            if u in dirty:
                for v, keys in base[u].items():
                    edges[v] = dict(keys)
                    if "ekg:signatory" in keys and (u, v) in titles:
                        edges[v]["ekg:signatory"] = {"title": titles[(u, v)]}
                for v, keys in o_succ.get(u, {}).items():  # onBehalfOf of other signatures
                    data = keys.get(_BEHALF_KEY)
                    if data and "agreement" in data and (u, v) not in behalf and \
                            entity_class(u) is not None and entity_class(v) is not None:
                        edges.setdefault(v, {})[_BEHALF_KEY] = data
            else:
                for v, keys in o_succ.get(u, {}).items():
                    edges[v] = dict(keys)
                    if (u, v) in behalf:
                        data = edges[v].pop(_BEHALF_KEY, None)
                        if data is not None and not data and \
                                entity_class(u) is not None and entity_class(v) is not None:
                            edges[v][_BEHALF_KEY] = data  # a plain statement stays
            for (signer, actor), data in behalf_data.items():
                if signer == u and data is not None:
                    edges.setdefault(actor, {})[_BEHALF_KEY] = data
            new_out[u] = self._ordered(edges, keydicts, o_succ.get(u, {}))
        changes: dict[str, dict[str, dict | None]] = defaultdict(dict)
        for u, edges in new_out.items():
            before = o_succ.get(u, {})
            for v in set(before) | set(edges):
                now = edges.get(v)
                if before.get(v) != now:
                    changes[v][u] = now

        def has_in(node: str) -> bool:
            mine = changes.get(node, {})
            return any(u not in mine for u in o_pred.get(node, {})) or \
                any(k is not None for k in mine.values())

        present = {node: node in attrs and (present_base[node] or bool(new_out[node])
                                            or has_in(node)) for node in dirty}
        self.attrs, self.present, self.kinds = attrs, present, kinds
        self.sigs, self.new_out, self.pred_changes = sigs, new_out, changes
        self.evidence = vb.evidence_of(router, targets)

        # --- what else must be read: ends of changed edges that come or may go ...
        for x in set(changes) | set(new_out):
            if x in dirty:
                continue
            if x not in o_node:
                more_dirty.add(x)
            elif not has_in(x) and not (new_out.get(x) if x in new_out else o_succ.get(x)):
                more_dirty.add(x)
        # ... and whoever links to a node that comes, goes or changes class
        for node in dirty:
            before = o_node.get(node)
            now = attrs.get(node) if present[node] else None
            if (before is None) != (now is None) or (
                    before is not None and before["type"] != now["type"]):
                if "Topic" in ((before or {}).get("type"), (now or {}).get("type")):
                    raise _Full  # the topic tree orders every record's topics
                for s, p in self._referrers(node):
                    if s.startswith("_:"):
                        if p == vb._SUPPORTS:
                            more_targets.add(node)
                        more_dirty |= self._owners(s)
                    else:
                        more_dirty.add(s)
            elif before is not None and before["type"] == "Topic" and before != now:
                raise _Full
        more_dirty = {x for x in more_dirty if not x.startswith("_:")} - dirty
        more_targets = {x for x in more_targets if not x.startswith("_:")} - targets
        if more_dirty or more_targets:
            return more_dirty, more_targets
        return None

    def _feed(self, rows: dict[str, vb.Rows], curated, sources) -> None:
        router = self.router
        if vb.RDF_TYPE in rows:
            router.add(rows.pop(vb.RDF_TYPE))
        router.add(vb.Rows(vb.SOURCES, sources, []))
        by_predicate = defaultdict(list)
        for p, row in curated:
            by_predicate[p].append(row)
        for p, found in by_predicate.items():
            router.add(vb.Rows(p, [], found, vb._CURATED))
        for p in sorted(rows):
            router.add(rows[p])

    def _outside(self, iri: str) -> str | None:
        """The class of a node that is not read again: as the old view has it, else from
        its types in the store."""
        attrs = self.old.entities._node.get(iri)
        if attrs is not None:
            return attrs["type"]
        try:
            types = self._types(iri)
        except ValueError:  # not an IRI (a structural node's literal value)
            types = set()
        return self.classes.classify(iri, types)

    @staticmethod
    def _ordered(edges: dict[str, dict], keydicts: vb.KeyDicts, before: dict) -> dict[str, dict]:
        """Targets and keys in the order of a full build; an unchanged key dict is the old
        one (so a node's in- and out-edges stay the same dicts)."""
        rank = vb.edge_rank
        out = {}
        for v, keys in edges.items():
            if not keys:
                continue
            items = sorted(keys.items(), key=lambda kv: (rank(kv[0]), kv[0]))
            keydict = keydicts.of([(k, d or {}) for k, d in items])
            have = before.get(v)
            out[v] = have if have is not None and have == keydict else keydict
        return dict(sorted(out.items(), key=lambda kv: (_first_key(kv[1]), kv[0])))

    # --- the new view -----------------------------------------------------------------

    def _apply(self, pairs: set[tuple[str, str]], link_actors) -> View:  # noqa: C901, PLR0912, PLR0915
        import threading  # noqa: PLC0415

        old, router, classes = self.old, self.router, self.classes
        dirty, attrs, present = self.dirty, self.attrs, self.present
        view = View.__new__(View)
        view.__dict__.update({k: v for k, v in old.__dict__.items()
                              if k not in ("_cache", "_lock", "_pending", "_parts_lock")})
        view._cache, view._lock = {}, threading.Lock()
        view._pending, view._parts_lock = None, threading.Lock()
        view.revision = self.store.revision

        # --- entity graph: node dicts in IRI order, adjacency as a full build orders it
        o_node, o_succ, o_pred = old.entities._node, old.entities._succ, old.entities._pred
        gone = {n for n in dirty if n in o_node and not present[n]}
        came = {n for n in dirty if n not in o_node and present[n]}
        if gone or came:  # the keys stay in code-point order
            keys = [n for n in o_node if n not in gone] if gone else list(o_node)
            for n in sorted(came):
                bisect.insort(keys, n)
            g_node = dict(zip(keys, map(o_node.get, keys)))
            g_succ = dict(zip(keys, map(o_succ.get, keys)))
            g_pred = dict(zip(keys, map(o_pred.get, keys)))
            for n in came:
                g_succ[n] = {}
                g_pred[n] = {}
        else:
            g_node, g_succ, g_pred = dict(o_node), dict(o_succ), dict(o_pred)
        for n in dirty:
            if present[n] and o_node.get(n) != attrs[n]:
                g_node[n] = attrs[n]
        for u, edges in self.new_out.items():
            if u in g_node and edges != o_succ.get(u):
                g_succ[u] = edges
        for v, changes in self.pred_changes.items():
            if v in g_node:
                g_pred[v] = _ordered_insert(o_pred.get(v, {}), changes,
                                            lambda kv: (_first_key(kv[1]), kv[0]))
        ent = view.entities = type(old.entities)()
        ent._node, ent._succ, ent._pred = g_node, g_succ, g_pred
        ent._adj = g_succ

        # --- records
        built_a: dict[str, AgreementRecord] = {}
        built_c: dict[str, AgreementRecord] = {}
        for n in dirty:
            kind = self.kinds[n]
            if kind is not None:
                rec = vb.new_record(n, attrs[n], router.sources.get(n))
                (built_c if kind == "cooperation" else built_a)[n] = rec
        vb.fill_records(built_a, built_c, router.edges)
        topic_key = vb.topic_sorter(old.narrower, lambda t: (g_node.get(t) or {}).get("label"))
        for n, rec in itertools.chain(built_a.items(), built_c.items()):
            if n in built_a and self.sigs.get(n):
                vb.add_signatures(rec, self.sigs[n])
            evidence = self.evidence.get(n) if n in self.targets else old.evidence.get(n)
            if evidence:
                vb.add_evidence_documents(rec, evidence)
            if len(rec.topics) > 1:
                rec.topics.sort(key=topic_key)
        o_records, o_coops = old.agreement_records, old.cooperation_records
        changed = {n for n in dirty if built_a.get(n) != o_records.get(n)
                   or built_c.get(n) != o_coops.get(n)}
        records = _patched(o_records, {n: built_a.get(n) for n in changed})
        coop_records = _patched(o_coops, {n: built_c.get(n) for n in changed})
        view.agreement_records, view.cooperation_records = records, coop_records

        # --- evidence
        if self.targets:
            evidence = dict(old.evidence)
            added = False
            for t in self.targets:
                found = self.evidence.get(t)
                if found:
                    added |= t not in evidence
                    evidence[t] = found
                else:
                    evidence.pop(t, None)
            view.evidence = {t: evidence[t] for t in sorted(evidence)} if added else evidence

        # --- names: the keys the dirty nodes had (one pass over the names, if any node that
        # was there may have lost some) and have now; names depend on a node's own names
        renamed = {n for n in dirty if (n in self.named or not present[n]) and n in o_node}
        before_keys: dict[str, set] = {n: set() for n in dirty}
        if renamed:
            for key, hits in old.names.items():
                for rank, iri in hits:
                    if iri in renamed:
                        before_keys[iri].add((key, rank))
        removed: dict[str, set] = defaultdict(set)
        added_names: dict[str, set] = defaultdict(set)
        for n in dirty:
            if n in o_node and n not in renamed:
                continue  # there before and now, its names unchanged
            before = before_keys[n]
            now = vb.name_keys(router, n) if present[n] else set()
            for key, rank in before - now:
                removed[key].add((rank, n))
            for key, rank in now - before:
                added_names[key].add((rank, n))
        if removed or added_names:
            names = dict(old.names)
            for key in removed.keys() | added_names.keys():
                hits = (set(names.get(key, ())) - removed.get(key, set())) | \
                    added_names.get(key, set())
                if hits:
                    names[key] = sorted(hits)
                else:
                    names.pop(key, None)
            view.names = names

        # --- cooperation graph: actors
        c_node_old, c_adj_old = old.cooperation._node, old.cooperation._adj
        c_updates: dict[str, dict | None] = {}
        label_changed: set[str] = set()
        for n in dirty:
            now = g_node.get(n) if present[n] else None
            before = c_node_old.get(n)
            if now is not None and classes.is_actor(now["type"]):
                data = {"type": now["type"], "label": now["label"]}
                if before != data:
                    c_updates[n] = data
                    if before is not None and before["label"] != data["label"]:
                        label_changed.add(n)
            elif before is not None:
                c_updates[n] = None
        actors_changed = {n for n, d in c_updates.items() if (d is None) != (n not in c_node_old)}
        c_node = c_node_old
        if c_updates:
            c_node = dict(c_node_old)
            for n, data in c_updates.items():
                if data is None:
                    c_node.pop(n, None)
                else:
                    c_node[n] = data
            if actors_changed:
                c_node = {n: c_node[n] for n in sorted(c_node)}
        actors = c_node
        # link nodes among the dirty ones must be named as kg.derive names them
        from kg.derive import link_iri  # noqa: PLC0415

        for node in dirty:
            if router.kind(node) is False and \
                    classes.structural(router.cls(node)) == "CooperationLink":
                found = router.all(node, vb._ACTOR)
                pair = [a for a in found if a in actors]
                if len(pair) == 2 and (len(found) != 2 or node != link_iri(*pair).value):
                    raise _Full
                named = set(found) | link_actors.get(node, set())
                pairs.update(itertools.combinations(
                    sorted(a for a in named if a in actors or a in c_node_old), 2))
        for node, named in link_actors.items():
            if node not in dirty:
                pairs.update(itertools.combinations(
                    sorted(a for a in named if a in actors or a in c_node_old), 2))
        # the pairs of the dirty records, before and after
        for n in dirty:
            for rec, with_actors in ((o_records.get(n) or o_coops.get(n), c_node_old),
                                     (records.get(n) or coop_records.get(n), actors)):
                if rec is not None:
                    pairs.update(itertools.combinations(vb.members(rec, with_actors), 2))
        for n in actors_changed:
            for b in set(c_adj_old.get(n, ())) | self._cooperating(n):
                if b != n:
                    pairs.add((n, b) if n < b else (b, n))
        dirty_records = {n for n in dirty if n in records or n in coop_records}
        adj_updates: dict[str, dict[str, dict | None]] = defaultdict(dict)
        for a, b in pairs:
            before = c_adj_old.get(a, {}).get(b)
            now = None
            if a in actors and b in actors:
                candidates = set(dirty_records)
                if before is not None:
                    candidates.update(before["agreements"], before["cooperations"])
                basis = set()
                for r in candidates:
                    rec = records.get(r) or coop_records.get(r)
                    if rec is not None:
                        found = vb.members(rec, actors)
                        if a in found and b in found:
                            basis.add(r)
                basis.update(self._link(a, b, records, coop_records))
                if basis or self._cooperates(a, b):
                    now = vb.pair_data(basis, records, coop_records)
                    if before is not None and before == now:
                        now = before
            if now is not before:
                adj_updates[a][b] = now
                adj_updates[b][a] = now
        c_adj = c_adj_old
        if adj_updates or actors_changed:
            c_adj = dict(c_adj_old)
            for n in actors_changed:
                if n not in actors:
                    c_adj.pop(n, None)
                elif n not in c_adj:
                    c_adj[n] = {}
            for a, edits in adj_updates.items():
                if a not in actors:
                    continue
                c_adj[a] = _ordered_insert(c_adj.get(a, {}), edits, lambda kv: kv[0])
            if actors_changed:
                c_adj = {n: c_adj[n] for n in c_node}
        coop = view.cooperation = type(old.cooperation)()
        coop._node, coop._adj = c_node, c_adj

        # --- orders
        place = old.actor_order
        if actors_changed or label_changed:
            ordered = sorted(c_node, key=lambda i: (c_node[i]["label"].casefold(), i))
            place = {iri: k for k, iri in enumerate(ordered)}
        view.actor_order = place
        resort = {a for a in adj_updates if a in actors} | {n for n in actors_changed
                                                              if n in actors}
        for n in label_changed:
            resort |= set(c_adj.get(n, ()))
        if resort or actors_changed:
            partners = vb.partner_sorter(c_adj, place)
            order = old.partner_order
            partner_order = {n: order.get(n) for n in c_node} if actors_changed else dict(order)
            for n in resort:
                partner_order[n] = partners(n)
            view.partner_order = partner_order
        agreements = {n for n in changed if n in o_records or n in records}
        if agreements:
            order = [i for i in old.agreement_order if i not in agreements]
            for n in sorted(agreements):
                rec = records.get(n)
                if rec is not None:
                    at = bisect.bisect_left(order, vb.agreement_key(rec),
                                            key=lambda i: vb.agreement_key(records[i]))
                    order.insert(at, n)
            view.agreement_order = order
            place_of = {iri: k for k, iri in enumerate(order)}
            view.agreement_place = place_of
            by_topic = dict(old.agreements_by_topic)
            by_party = dict(old.agreements_by_party)
            for found_index, field in ((by_topic, "topics"), (by_party, "parties")):
                keys_ = set()
                for n in agreements:
                    for rec in (o_records.get(n), records.get(n)):
                        if rec is not None:
                            keys_.update(getattr(rec, field))
                for key in keys_:
                    found = [i for i in found_index.get(key, ()) if i not in agreements]
                    for n in sorted(agreements):
                        if n in records and key in getattr(records[n], field):
                            bisect.insort(found, n, key=place_of.__getitem__)
                    if found:
                        found_index[key] = found
                    else:
                        found_index.pop(key, None)
            view.agreements_by_topic, view.agreements_by_party = by_topic, by_party
        return view


def _ordered_insert(found: dict, changes: dict, key) -> dict:
    """``found`` (ordered by ``key`` over its items) with ``changes`` (None: removed), in
    that order again; a long dict is not sorted again, the changed items are placed."""
    if len(found) < 64:
        merged = dict(found)
        for k, value in changes.items():
            if value is None:
                merged.pop(k, None)
            else:
                merged[k] = value
        return dict(sorted(merged.items(), key=key))
    items = [kv for kv in found.items() if kv[0] not in changes]
    for k in sorted(changes):
        if changes[k] is not None:
            bisect.insort(items, (k, changes[k]), key=key)
    return dict(items)


def _first_key(keydict: dict) -> tuple:
    """Where an edge goes in an adjacency dict: by its first key's rank, then the key."""
    key = next(iter(keydict))
    return vb.edge_rank(key), key


def _patched(found: dict, changes: dict) -> dict:
    """``found`` with ``changes`` (None: removed), keys in code-point order as built."""
    if not changes:
        return found
    out = dict(found)
    added = False
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            added |= key not in out
            out[key] = value
    return {k: out[k] for k in sorted(out)} if added else out


__all__ = ["updated", "LIMIT_NODES"]
