"""``kg load``: RDF files into the store through Oxigraph's bulk loader, validated in place.

What a load does, for ``load(store, paths, graph=None, replace=False)``:

1. **Staging.** The store hands out a writable copy of itself
   (:meth:`kg.store.Store.staged`: on disk a RocksDB checkpoint in a new data
   directory, hard links only; in memory a copy). Everything below happens on
   that copy; the live store is not touched until the end.
2. **Replace.** With ``replace``, the named graphs the files touch are emptied
   first (their triples leave the merged default graph unless another graph
   states them). For quad formats that needs the graph names before loading, so
   the files are parsed once more just for them.
3. **Bulk load.** Every quad goes through Oxigraph's bulk loader together with
   the default-graph copy of its triple, so the store stays in its
   ``merged-default-graph`` layout (the default graph is the union of the named
   graphs, each triple once; see ``docs/architecture.md``). N-Triples and
   N-Quads are bulk-loaded natively, and a second, lenient parse writes the
   copies to a scratch N-Triples file that the bulk loader reads too; other
   formats are parsed once, each quad fed with its copy. Quad formats
   (N-Quads, TriG, JSON-LD) keep their graph names; triples outside any graph,
   and every triple of a triple format (N-Triples, Turtle, RDF/XML), go into the
   *target graph*: ``graph`` if given, else ``graph/load/<file stem>``. Nothing
   is ever loaded into the default graph itself.
4. **Targeted validation.** The SHACL shapes (``ontology/shapes.ttl``) are
   compiled into SPARQL queries (:class:`ShapeChecks`) that Oxigraph runs on the
   staging copy. When the store already held data, a query only looks at the
   focus nodes the load can have changed: nodes described in (or, for
   ``sh:targetObjectsOf``, pointed at from) a touched graph, and with
   ``replace`` the nodes the removed content described or typed. Into an empty
   store everything is new, so every target is checked.
5. **Switch or discard.** Without violations the store switches to the copy
   (one new revision). A violation raises :class:`kg.errors.ValidationError`
   (each naming file and node) and a parse error :class:`kg.errors.ParseError`
   (file and line); either way the copy is thrown away and the store is exactly
   as it was.

Blank-node labels are kept as written (as Oxigraph's own loader does): two files
that both say ``_:b1`` mean the same node. A remote SPARQL endpoint has no
staging copy, so loading into one is refused with a clear error.

>>> from kg.store import Store
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "people.nt"
>>> _ = path.write_text('<https://example.org/a> <https://example.org/p> "x" .\\n')
>>> store = Store("memory:")
>>> report = load(store, [path], validate=False)
>>> report.quads, report.graphs
(1, ['https://w3id.org/energy-kg/graph/load/people'])
"""

from __future__ import annotations

import itertools
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import formats
from kg.errors import InputError, ParseError, ValidationError, Violation
from kg.namespaces import GRAPH, PREFIXES
from kg.store import Store
from kg.update_plan import forget

REPO_ROOT = Path(__file__).resolve().parent.parent
SHAPES_FILE = "shapes.ttl"
LOAD_PREFIX = str(GRAPH["load/"])

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = ox.NamedNode(RDF + "type")
_SUBCLASS = ox.NamedNode(RDFS + "subClassOf")

# XSD datatypes whose well-formedness a SPARQL cast decides (an ill-formed literal such as
# "2016-02-30"^^xsd:date keeps its datatype but cannot be cast); the shapes reject those.
_CASTABLE = {XSD + n for n in (
    "boolean", "integer", "decimal", "double", "float", "date", "dateTime", "time", "duration",
    "gYear", "gYearMonth", "gMonth", "gDay", "gMonthDay", "dayTimeDuration",
    "yearMonthDuration", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
    "unsignedShort", "unsignedByte", "dateTimeStamp")}

Progress = Callable[[str, int, int], None]  # (file name, bytes read, file size)


# --- SHACL shapes as SPARQL ------------------------------------------------------------

class UnsupportedShape(InputError):
    """The shapes use a SHACL feature the SPARQL checks do not compile."""


_IGNORED = {RDF + "type", SH + "message", SH + "name", SH + "description", RDFS + "comment",
            RDFS + "label", SH + "severity", SH + "deactivated", SH + "order", SH + "group"}
_TARGETS = {SH + "targetClass", SH + "targetSubjectsOf", SH + "targetObjectsOf",
            SH + "targetNode"}
_NODE_PARAMS = {SH + n for n in ("property", "or", "and", "not", "nodeKind", "class",
                                 "datatype", "in", "pattern", "flags", "minInclusive",
                                 "maxInclusive", "minExclusive", "maxExclusive", "minLength",
                                 "maxLength", "hasValue", "closed", "ignoredProperties")}
_PROPERTY_PARAMS = _NODE_PARAMS | {SH + n for n in (
    "path", "minCount", "maxCount", "qualifiedValueShape", "qualifiedMinCount",
    "qualifiedMaxCount", "uniqueLang")}


class ShapeChecks:
    """The SHACL shapes of ``shapes`` (a pyoxigraph store) compiled to SPARQL checks.

    Covers the core constraints the project's shapes use (and a few more):
    targets (class with subclasses, subjects-of, objects-of, node), paths (IRIs,
    inverse, sequence and alternative paths), ``minCount``/``maxCount``,
    ``class``, ``datatype`` (with the well-formedness of XSD literals),
    ``nodeKind``, ``pattern``, ``in``, ``hasValue``, ranges, lengths, ``or``/
    ``and``/``not`` and qualified value shapes. A shape using anything else is
    refused when compiled (:class:`UnsupportedShape`), never silently skipped.
    ``subclasses`` maps a class IRI to the IRIs of its subclasses (itself
    included); SHACL reads them from the data graph, so the caller gathers them
    from the ontology and the store.
    """

    def __init__(self, shapes: ox.Store, subclasses: dict[str, set[str]]):
        self.graph, self.subclasses = shapes, subclasses
        self._fresh = itertools.count()
        self.plans: list[ShapePlan] = []
        self.object_targets: set[str] = set()  # predicates of sh:targetObjectsOf
        shape_nodes = {q.subject for q in shapes.quads_for_pattern(None, None, None)
                       if q.predicate.value in _TARGETS}
        for node in sorted(shape_nodes, key=str):
            if self._value(node, "deactivated") == "true" or not self._is_violation(node):
                continue
            self._node_shape(node)

    # reading the shapes graph
    def _objects(self, node, name: str) -> list:
        return [q.object for q in self.graph.quads_for_pattern(node, ox.NamedNode(SH + name),
                                                                 None)]

    def _one(self, node, name: str):
        found = self._objects(node, name)
        return found[0] if found else None

    def _value(self, node, name: str) -> str | None:
        term = self._one(node, name)
        return None if term is None else term.value

    def _list(self, head) -> list:
        items, first, rest = [], ox.NamedNode(RDF + "first"), ox.NamedNode(RDF + "rest")
        while head is not None and head != ox.NamedNode(RDF + "nil"):
            items += [q.object for q in self.graph.quads_for_pattern(head, first, None)]
            head = next((q.object for q in self.graph.quads_for_pattern(head, rest, None)), None)
        return items

    def _is_violation(self, node) -> bool:
        severity = self._value(node, "severity")
        return severity is None or severity == SH + "Violation"

    def _check_supported(self, node, allowed: set[str]) -> None:
        for quad in self.graph.quads_for_pattern(node, None, None):
            name = quad.predicate.value
            if name not in allowed and name not in _IGNORED and name not in _TARGETS:
                raise UnsupportedShape(f"{SHAPES_FILE}: {name} (on {node}) is not supported "
                                       "by kg.load's SPARQL checks")

    def _var(self) -> str:
        return f"?_v{next(self._fresh)}"

    def _classes(self, iri: str) -> str:
        return " ".join(f"<{c}>" for c in sorted(self.subclasses.get(iri, {iri})))

    def _path(self, node) -> str:
        if isinstance(node, ox.NamedNode):
            return f"<{node.value}>"
        if (alternatives := self._one(node, "alternativePath")) is not None:
            return "(" + "|".join(self._path(p) for p in self._list(alternatives)) + ")"
        if (inverse := self._one(node, "inversePath")) is not None:
            return f"^({self._path(inverse)})"
        for name in ("zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath"):
            if (inner := self._one(node, name)) is not None:
                return f"({self._path(inner)}){_PATH_MODS[name]}"
        steps = self._list(node)
        if steps:
            return "(" + "/".join(self._path(p) for p in steps) + ")"
        raise UnsupportedShape(f"{SHAPES_FILE}: unsupported sh:path {node}")

    # compiling
    def _node_shape(self, node) -> None:
        self._check_supported(node, _NODE_PARAMS)
        targets = []
        for cls in self._objects(node, "targetClass"):
            var = self._var()
            targets.append(("class", f"?focus a {var} . VALUES {var} {{ {self._classes(cls.value)} }}"))
        for prop in self._objects(node, "targetSubjectsOf"):
            targets.append(("subjects", f"?focus <{prop.value}> [] ."))
        for prop in self._objects(node, "targetObjectsOf"):
            self.object_targets.add(prop.value)
            targets.append(("objects", f"[] <{prop.value}> ?focus ."))
        for term in self._objects(node, "targetNode"):
            targets.append(("node", f"VALUES ?focus {{ {term} }}"))
        message = self._value(node, "message") or f"violates {node}"
        plan = ShapePlan(str(node), tuple(targets))
        self.plans.append(plan)
        counted = self._count_condition(node, plan, focus_level=True)
        if counted is not None:
            if counted != "true":
                plan.counts.append((f"!({counted})", message, None))
        else:
            condition = self._conditions(node, "?focus", properties=False)
            if condition:
                plan.rows.append((f"FILTER(!({condition}))", message, None))
        for prop in self._objects(node, "property"):
            if not self._is_violation(prop) or self._value(prop, "deactivated") == "true":
                continue
            self._property_checks(plan, prop, message)

    def _slot(self, plan: ShapePlan, path: str, condition: str | None = None) -> str:
        """The aggregate counting ``?focus``'s distinct values on ``path`` (meeting
        ``condition`` over ``{v}`` if given), as an expression for the shape's query."""
        key = (path, condition)
        if key not in plan.slots:
            plan.slots[key] = f"?_c{len(plan.slots)}"
        return f"COUNT(DISTINCT {plan.slots[key]})"

    def _count_condition(self, node, plan: ShapePlan, focus_level: bool = False) -> str | None:
        """A condition over counts for a node-level shape made of ``sh:nodeKind`` (of
        the focus), ``sh:or``/``sh:and``/``sh:not`` and property shapes with only
        ``sh:minCount``/``sh:maxCount``; None when the shape has anything else."""
        parts = []
        for quad in self.graph.quads_for_pattern(node, None, None):
            name = quad.predicate.value
            if name in _IGNORED or name in _TARGETS or (focus_level and name == SH + "property"):
                continue
            if name == SH + "nodeKind" and focus_level:
                parts.append(_NODE_KINDS[quad.object.value].format(v="?focus"))
            elif name in (SH + "or", SH + "and"):
                members = [self._member_counts(m, plan) for m in self._list(quad.object)]
                if any(m is None for m in members):
                    return None
                joint = " || " if name == SH + "or" else " && "
                parts.append("(" + joint.join(members) + ")")
            elif name == SH + "not":
                member = self._member_counts(quad.object, plan)
                if member is None:
                    return None
                parts.append(f"!{member}")
            else:
                return None
        return " && ".join(parts) or "true"

    def _member_counts(self, member, plan: ShapePlan) -> str | None:
        props = self._objects(member, "property")
        others = [q for q in self.graph.quads_for_pattern(member, None, None)
                  if q.predicate.value not in _IGNORED | {SH + "property"}]
        if others or not props:
            return None
        parts = []
        for prop in props:
            for quad in self.graph.quads_for_pattern(prop, None, None):
                if quad.predicate.value not in {SH + "path", SH + "minCount", SH + "maxCount"} \
                        | _IGNORED:
                    return None
            path = self._path(self._one(prop, "path"))
            if (n := self._value(prop, "minCount")) is not None:
                parts.append(f"{self._slot(plan, path)} >= {int(n)}")
            if (n := self._value(prop, "maxCount")) is not None:
                parts.append(f"{self._slot(plan, path)} <= {int(n)}")
        return "(" + (" && ".join(parts) or "true") + ")"

    def _property_checks(self, plan: ShapePlan, prop, shape_message: str) -> None:
        self._check_supported(prop, _PROPERTY_PARAMS)
        path_node = self._one(prop, "path")
        path = self._path(path_node)
        message = self._value(prop, "message") or shape_message
        shown = path_node.value if isinstance(path_node, ox.NamedNode) else None
        used = tuple(sorted(set(re.findall(r"<([^>]+)>", path))))
        # Counts go into one aggregate query per shape; value constraints into one union
        # query per shape (each branch finds its violating values over the whole
        # predicate: hash joins, not an EXISTS per focus node).
        if (n := self._value(prop, "minCount")) is not None and int(n) > 0:
            plan.counts.append((f"{self._slot(plan, path)} < {int(n)}", message, shown))
        if (n := self._value(prop, "maxCount")) is not None:
            plan.counts.append((f"{self._slot(plan, path)} > {int(n)}", message, shown))
        condition = self._conditions(prop, "?value", properties=True)
        classes = self._only_classes(prop)
        if classes is not None:
            var = self._var()
            plan.values.append((f"?focus {path} ?value . "
                                f"MINUS {{ ?value a {var} . VALUES {var} {{ {classes} }} }}",
                                message, shown, used))
        elif condition:
            plan.values.append((f"?focus {path} ?value . FILTER(!({condition}))", message,
                                shown, used))
        if (qualified := self._one(prop, "qualifiedValueShape")) is not None:
            self._check_supported(qualified, _NODE_PARAMS)
            good = self._conditions(qualified, "?_q", True)
            slot = self._slot(plan, path, good)
            if (n := self._value(prop, "qualifiedMinCount")) is not None:
                plan.counts.append((f"{slot} < {int(n)}", message, shown))
            if (n := self._value(prop, "qualifiedMaxCount")) is not None:
                plan.counts.append((f"{slot} > {int(n)}", message, shown))

    def _at_least(self, path: str, count: int) -> str:
        """A pattern binding ``?focus`` to the nodes with at least ``count`` distinct values."""
        var = self._var()
        if count == 1:
            return f"?focus {path} {var} ."
        return (f"{{ SELECT ?focus WHERE {{ ?focus {path} {var} }} GROUP BY ?focus "
                f"HAVING (COUNT(DISTINCT {var}) >= {count}) }}")

    def _only_classes(self, prop) -> str | None:
        """The class IRIs (as VALUES) when the value constraints of ``prop`` are only
        ``sh:class`` or an ``sh:or`` of ``sh:class`` alternatives; else None."""
        allowed = {SH + "path", SH + "class", SH + "or", SH + "minCount", SH + "maxCount"}
        if any(q.predicate.value not in allowed | _IGNORED
               for q in self.graph.quads_for_pattern(prop, None, None)):
            return None
        classes, ors = self._objects(prop, "class"), self._objects(prop, "or")
        if len(classes) + len(ors) != 1:
            return None
        if classes:
            return self._classes(classes[0].value)
        found = set()
        for member in self._list(ors[0]):
            own = list(self.graph.quads_for_pattern(member, None, None))
            if len(own) != 1 or own[0].predicate.value != SH + "class":
                return None
            found |= self.subclasses.get(own[0].object.value, {own[0].object.value})
        return " ".join(f"<{c}>" for c in sorted(found))

    def _distinct(self, subject: str, path: str, count: int, prefix: str | None = None,
                  condition: Callable[[str], str] | None = None) -> str:
        """A pattern matching when ``subject`` has at least ``count`` distinct values."""
        names = [self._var() for _ in range(count)]
        parts = [f"{subject} {path} {v} ." for v in names]
        if condition:
            parts += [f"FILTER({condition(v)})" for v in names]
        parts += [f"FILTER(!sameTerm({a}, {b}))" for a, b in itertools.combinations(names, 2)]
        return " ".join(parts)

    def _conditions(self, node, var: str, properties: bool) -> str:
        """A SPARQL expression: ``var`` meets the value constraints of ``node``.

        With ``properties`` the ``sh:property`` of ``node`` (a nested node shape)
        count too; a property shape's own ``sh:path`` is handled by the caller.
        """
        parts = []
        for cls in self._objects(node, "class"):
            c = self._var()
            parts.append(f"EXISTS {{ {var} a {c} . VALUES {c} {{ {self._classes(cls.value)} }} }}")
        for datatype in self._objects(node, "datatype"):
            parts.append(_datatype(var, datatype.value))
        if (kind := self._value(node, "nodeKind")) is not None:
            parts.append(_NODE_KINDS[kind].format(v=var))
        if (pattern := self._one(node, "pattern")) is not None:
            flags = self._one(node, "flags")
            extra = f", {ox.Literal(flags.value)}" if flags is not None else ""
            parts.append(f"(!isBlank({var}) && REGEX(STR({var}), {ox.Literal(pattern.value)}{extra}))")
        if (members := self._one(node, "in")) is not None:
            parts.append("(" + " || ".join(f"sameTerm({var}, {t})" for t in self._list(members))
                         + ")" if self._list(members) else "false")
        for value in self._objects(node, "hasValue"):
            parts.append(f"sameTerm({var}, {value})")
        for name, op in (("minInclusive", ">="), ("maxInclusive", "<="), ("minExclusive", ">"),
                         ("maxExclusive", "<")):
            if (bound := self._one(node, name)) is not None:
                parts.append(f"COALESCE({var} {op} {bound}, false)")
        for name, op in (("minLength", ">="), ("maxLength", "<=")):
            if (n := self._value(node, name)) is not None:
                parts.append(f"(!isBlank({var}) && STRLEN(STR({var})) {op} {int(n)})")
        for alternatives in self._objects(node, "or"):
            options = [self._shape_condition(s, var) for s in self._list(alternatives)]
            parts.append("(" + " || ".join(options) + ")")
        for conjuncts in self._objects(node, "and"):
            parts += [self._shape_condition(s, var) for s in self._list(conjuncts)]
        for negated in self._objects(node, "not"):
            parts.append(f"!({self._shape_condition(negated, var)})")
        if self._one(node, "closed") is not None:
            raise UnsupportedShape(f"{SHAPES_FILE}: sh:closed is not supported by kg.load")
        return " && ".join(parts)

    def _shape_condition(self, node, var: str) -> str:
        """``var`` conforms to the (nested) node shape ``node``."""
        self._check_supported(node, _PROPERTY_PARAMS if self._one(node, "path") else _NODE_PARAMS)
        parts = []
        if self._one(node, "path") is not None:  # a property shape used as a node shape
            parts.append(self._property_condition(node, var))
        else:
            own = self._conditions(node, var, properties=True)
            if own:
                parts.append(own)
            parts += [self._property_condition(p, var) for p in self._objects(node, "property")]
        return "(" + (" && ".join(parts) or "true") + ")"

    def _property_condition(self, prop, var: str) -> str:
        """``var`` meets the property shape ``prop`` (counts and value constraints)."""
        path = self._path(self._one(prop, "path"))
        parts = []
        if (n := self._value(prop, "minCount")) is not None and int(n) > 0:
            parts.append(f"EXISTS {{ {self._distinct(var, path, int(n))} }}")
        if (n := self._value(prop, "maxCount")) is not None:
            parts.append(f"NOT EXISTS {{ {self._distinct(var, path, int(n) + 1)} }}")
        value = self._var()
        condition = self._conditions(prop, value, properties=True)
        if condition:
            parts.append(f"NOT EXISTS {{ {var} {path} {value} . FILTER(!({condition})) }}")
        return "(" + (" && ".join(parts) or "true") + ")"

    # running
    def queries(self, restrict: str = "", used: Callable[[str], bool] | None = None,
                targeted: Callable[[str], bool] | None = None
                ) -> Iterator[tuple[str, list[tuple[str, str | None]]]]:
        """The SPARQL queries of the checks, each with the (message, path) of its columns.

        Each query selects ``?focus`` and one boolean column ``?_f<i>`` per
        reported check (true: violated). ``restrict`` is a pattern every focus
        node must also match (e.g. membership of a marker graph); ``used(iri)``
        says whether the data uses a predicate at all (value checks on a
        predicate nobody uses cannot fail and are skipped); ``targeted(pattern)``
        says whether the data has a node matching a shape's targets at all (a
        shape without targets is skipped: its scans would find nothing to report).
        """
        for plan in self.plans:
            if not plan.targets:
                continue
            targets = " UNION ".join(f"{{ {pattern} {restrict} }}" for _, pattern in plan.targets)
            if targeted is not None and not targeted(targets):
                continue
            focus = f"{{ SELECT DISTINCT ?focus WHERE {{ {targets} }} }}"
            if plan.counts:
                # One scan per counted path and per target, grouped by node: no join of
                # the focus set with the values (a lookup per focus node, slow on RocksDB).
                # ``?_t`` marks the targeted nodes; the other subjects scanned drop out.
                marked = " UNION ".join(f"{{ {pattern} {restrict} BIND(true AS ?_t) }}"
                                        for _, pattern in plan.targets)
                scans = "".join(f" UNION {{ ?focus {path} {var} {_cond(cond, var)} }}"
                                for (path, cond), var in plan.slots.items())
                columns = " ".join(f"(({expr}) AS ?_f{i})" for i, (expr, _, _) in
                                   enumerate(plan.counts))
                having = " || ".join(f"({expr})" for expr, _, _ in plan.counts)
                yield (f"SELECT ?focus {columns} WHERE {{ {marked}{scans} }} "
                       f"GROUP BY ?focus HAVING (COUNT(?_t) > 0 && ({having}))",
                       [(message, path) for _, message, path in plan.counts])
            values = [v for v in plan.values if used is None or all(used(p) for p in v[3])]
            if values:
                branches = " UNION ".join(f"{{ {body} BIND({i} AS ?_k) }}"
                                          for i, (body, _, _, _) in enumerate(values))
                columns = " ".join(f"((?_k = {i}) AS ?_f{i})" for i in range(len(values)))
                yield (f"SELECT DISTINCT ?focus {columns} WHERE {{ {focus} {{ {branches} }} }}",
                       [(message, path) for _, message, path, _ in values])
            for body, message, path in plan.rows:
                yield (f"SELECT DISTINCT ?focus (true AS ?_f0) WHERE {{ {focus} {body} }}",
                       [(message, path)])

    def violations(self, run: Callable[[str], Iterable], restrict: str = "",
                   predicates: set[str] | None = None) -> list[Violation]:
        """Run every check with ``run`` (SPARQL → solutions); the violations, sorted.

        ``predicates``, if given, are all the predicates the data uses (else each is
        asked for when a check needs to know).
        """
        found = set()
        known: dict[str, bool] = {}

        def used(iri: str) -> bool:
            if predicates is not None:
                return iri in predicates
            if iri not in known:
                known[iri] = bool(run(f"ASK {{ ?s <{iri}> ?o }}"))
            return known[iri]

        def targeted(pattern: str) -> bool:
            return bool(run(f"ASK {{ {pattern} }}"))

        for sparql, columns in self.queries(restrict, used, targeted):
            for row in run(sparql):
                focus = row["focus"]
                name = focus.value if isinstance(focus, ox.NamedNode) else str(focus)
                for i, (message, path) in enumerate(columns):
                    flag = row[f"_f{i}"]
                    if flag is not None and flag.value == "true":
                        found.add(Violation(name, message, path))
        return sorted(found, key=lambda v: (v.focus_node, v.path or "", v.message))


@dataclass
class ShapePlan:
    """One node shape compiled: its targets and three kinds of checks."""

    shape: str
    targets: tuple[tuple[str, str], ...]
    slots: dict[tuple[str, str | None], str] = field(default_factory=dict)  # counted paths
    counts: list[tuple[str, str, str | None]] = field(default_factory=list)  # (expr, msg, path)
    values: list[tuple[str, str, str | None, tuple[str, ...]]] = field(default_factory=list)
    rows: list[tuple[str, str, str | None]] = field(default_factory=list)  # per-focus fallbacks


def _cond(condition: str | None, var: str) -> str:
    return f"FILTER({condition.replace('?_q', var)})" if condition else ""


_PATH_MODS = {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}
_NODE_KINDS = {
    SH + "IRI": "isIRI({v})", SH + "BlankNode": "isBlank({v})", SH + "Literal": "isLiteral({v})",
    SH + "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))",
    SH + "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    SH + "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
}


def _datatype(var: str, iri: str) -> str:
    if iri == RDF + "langString":
        return f"(isLiteral({var}) && LANG({var}) != \"\")"
    test = f"(isLiteral({var}) && sameTerm(DATATYPE({var}), <{iri}>)"
    if iri in _CASTABLE:
        test += f" && COALESCE(isLiteral(<{iri}>(STR({var}))), false)"
    return test + ")"


# Violation objects are compared as values (dataclass eq) but are not hashable by default.
Violation.__hash__ = lambda self: hash((self.focus_node, self.message, self.path))  # type: ignore[method-assign]


def _shapes_store(root: Path) -> ox.Store | None:
    path = Path(root) / "ontology" / SHAPES_FILE
    if not path.exists():
        return None
    shapes = ox.Store()
    try:
        shapes.load(path=str(path), format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise ParseError(str(exc.args[0]) if exc.args else str(exc), file=str(path),
                         line=exc.lineno) from None
    return shapes


def ontology_subclasses(root: Path) -> list[tuple[str, str]]:
    """The ``rdfs:subClassOf`` pairs between IRIs of ``ontology/`` (shapes left out)."""
    pairs = []
    folder = Path(root) / "ontology"
    for path in sorted(folder.glob("*")) if folder.is_dir() else ():
        if path.name == SHAPES_FILE or path.suffix not in {f.extension for f in
                                                           formats.rdf_formats()}:
            continue
        fmt = formats.by_extension(path, ("rdf",)).oxigraph
        for quad in ox.parse(path=str(path), format=fmt):
            if quad.predicate == _SUBCLASS and isinstance(quad.subject, ox.NamedNode) \
                    and isinstance(quad.object, ox.NamedNode):
                pairs.append((quad.subject.value, quad.object.value))
    return pairs


def subclass_closure(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Each class with all its subclasses (itself included), from ``(sub, super)`` pairs."""
    direct: dict[str, set[str]] = {}
    for sub, sup in pairs:
        direct.setdefault(sup, set()).add(sub)
    closure = {}
    for cls in direct:
        seen, todo = {cls}, [cls]
        while todo:
            for sub in direct.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        closure[cls] = seen
    return closure


def shape_checks(root: Path = REPO_ROOT, extra_subclasses: Iterable[tuple[str, str]] = ()
                 ) -> ShapeChecks | None:
    """The compiled shapes of ``root`` (None without a shapes file)."""
    shapes = _shapes_store(root)
    if shapes is None:
        return None
    pairs = ontology_subclasses(root) + list(extra_subclasses)
    return ShapeChecks(shapes, subclass_closure(pairs))


def store_subclasses(handle: ox.Store, union: bool = False) -> list[tuple[str, str]]:
    """``rdfs:subClassOf`` pairs stated in a pyoxigraph store."""
    rows = handle.query(f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{_SUBCLASS.value}> ?o "
                        "FILTER(isIRI(?s) && isIRI(?o)) }",
                        use_default_graph_as_union=union)
    return [(row["s"].value, row["o"].value) for row in rows]


def shapes_from_rdflib(graph) -> ox.Store:
    """A pyoxigraph copy of an rdflib shapes graph (for :class:`ShapeChecks`)."""
    shapes = ox.Store()
    shapes.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return shapes


def check_store(handle: ox.Store, root: Path = REPO_ROOT, *, union: bool = False,
                restrict: str = "", shapes: ox.Store | None = None,
                subclasses: Iterable[tuple[str, str]] = ()) -> list[Violation]:
    """SHACL violations in a pyoxigraph store, found by SPARQL (see :class:`ShapeChecks`).

    ``union`` reads Oxigraph's union of the named graphs (a staging store
    without a merged default graph); counts use distinct values, so a triple
    stated in two graphs counts once either way.
    """
    pairs = store_subclasses(handle, union) + list(subclasses)
    if shapes is not None:
        checks = ShapeChecks(shapes, subclass_closure(ontology_subclasses(root) + pairs))
    else:
        checks = shape_checks(root, pairs)
    if checks is None:
        return []
    return checks.violations(
        lambda q: handle.query(q, prefixes=PREFIXES, use_default_graph_as_union=union), restrict)


# --- loading ---------------------------------------------------------------------------

@dataclass
class LoadReport:
    """What a load did."""

    files: list[str] = field(default_factory=list)
    quads: int = 0  # quads parsed (each named-graph quad once; default copies not counted)
    bytes: int = 0
    graphs: list[str] = field(default_factory=list)  # named graphs written to
    replaced: list[str] = field(default_factory=list)
    checked: str = "none"  # "all" targets, "touched" nodes only, or "none"
    seconds: float = 0.0
    seconds_validation: float = 0.0
    revision: int = 0

    @property
    def rate(self) -> float:
        return self.quads / self.seconds if self.seconds else 0.0


def default_graph_for(path: Path) -> str:
    """The graph a triple file goes to without ``--graph``: ``graph/load/<file stem>``."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(path).name.split(".")[0]).strip("-")
    return LOAD_PREFIX + (stem or "file")


def target_graph(name: str | None, path: Path) -> str:
    """``--graph`` as an IRI (short names such as ``curated`` allowed), else the file's."""
    if not name:
        return default_graph_for(path)
    return name if "://" in name else str(GRAPH[name])


def file_format(path: Path, name: str | None = None) -> formats.Format:
    """The RDF format of ``path`` (``name`` wins over the extension)."""
    return formats.by_name(name, ("rdf",)) if name else formats.by_extension(path, ("rdf",))


class _Counting:
    """A binary file that reports how far it has been read (for the progress bar).

    ``path`` is the file read; the progress is reported for ``of`` (the input file,
    by default ``path``) as the share ``start`` to ``start + share`` of its size, so
    that the passes over one input file (quads, copies) fill one bar in turn.
    """

    def __init__(self, path: Path, progress: Progress | None, of: Path | None = None,
                 start: float = 0.0, share: float = 1.0):
        self._file = open(path, "rb")  # noqa: SIM115 - closed by load()
        self._own = path.stat().st_size or 1
        of = of or path
        self.name, self.size = of.name, of.stat().st_size
        self.progress, self._start, self._share = progress, start, share

    def _report(self) -> None:
        if self.progress:
            done = self._start + self._share * min(self._file.tell() / self._own, 1.0)
            self.progress(self.name, int(self.size * done), self.size)

    def read(self, n: int = -1) -> bytes:
        data = self._file.read(n)
        self._report()
        return data

    def readinto(self, buffer) -> int:
        n = self._file.readinto(buffer)
        self._report()
        return n

    def close(self) -> None:
        self._file.close()


def _parse(source, fmt: formats.Format, path: Path, target: ox.NamedNode,
           lenient: bool = False) -> Iterator[ox.Quad]:
    """Quads of a file with default-graph triples moved into ``target``; ParseError on bad input."""
    try:
        for quad in ox.parse(source, format=fmt.oxigraph, lenient=lenient):
            if type(quad.graph_name) is ox.DefaultGraph:
                quad = ox.Quad(quad.subject, quad.predicate, quad.object, target)
            yield quad
    except SyntaxError as exc:
        raise _parse_error(exc, path) from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc}", file=str(path)) from None


def _parse_error(exc: SyntaxError, path: Path) -> ParseError:
    message = str(exc.args[0]) if exc.args else str(exc)
    found = re.search(r"line (\d+)", message)
    line = exc.lineno or (int(found.group(1)) if found else None)
    return ParseError(message, file=str(path), line=line)


def _with_copies(quads: Iterable[ox.Quad], graphs: set, count: list[int]) -> Iterator[ox.Quad]:
    """Each quad, then its triple in the default graph; notes the graph names seen and
    adds the number of quads to ``count[0]``."""
    default = ox.DefaultGraph()
    add = graphs.add
    n = 0
    try:
        for quad in quads:
            add(quad.graph_name)
            n += 1
            yield quad
            yield ox.Quad(quad.subject, quad.predicate, quad.object, default)
    finally:
        count[0] += n


def _triples(quads: Iterable[ox.Quad], graphs: set, count: list[int]) -> Iterator[ox.Triple]:
    """The triple of each quad; notes the graph names seen and counts the quads."""
    add = graphs.add
    n = 0
    try:
        for quad in quads:
            add(quad.graph_name)
            n += 1
            yield quad.triple
    finally:
        count[0] += n


# Formats whose blank nodes always carry their label: a second parse gives the same nodes.
LINE_FORMATS = {"ntriples", "nquads"}
# Shares of the progress bar of such a file: the quads' bulk load, the parse writing the
# default-graph copies, the copies' bulk load (about their CPU time at 1M quads).
QUADS_SHARE, PARSE_SHARE = 0.55, 0.1


def _graph_names(path: Path, fmt: formats.Format, target: ox.NamedNode) -> set[str]:
    if not fmt.quads:
        return {target.value}
    return {q.graph_name.value for q in _parse_path(path, fmt, target)}


def _parse_path(path: Path, fmt: formats.Format, target: ox.NamedNode) -> Iterator[ox.Quad]:
    try:
        parsed = ox.parse(path=str(path), format=fmt.oxigraph, lenient=True)
        for quad in parsed:
            yield quad if type(quad.graph_name) is not ox.DefaultGraph else \
                ox.Quad(quad.subject, quad.predicate, quad.object, target)
    except SyntaxError as exc:
        raise _parse_error(exc, path) from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc}", file=str(path)) from None


def _values(terms: Iterable[str]) -> str:
    return " ".join(f"<{t}>" for t in sorted(terms))


def _removed_focus(handle: ox.Store, graph: str) -> set[str]:
    """IRIs whose description a replace of ``graph`` can change: its subjects, and the
    nodes pointing at a node it typed (their ``sh:class`` constraints may now fail)."""
    rows = handle.query(
        f"SELECT DISTINCT ?n WHERE {{ {{ GRAPH <{graph}> {{ ?n ?p ?o }} }} UNION "
        f"{{ GRAPH <{graph}> {{ ?t a ?c }} ?n ?q ?t }} FILTER(isIRI(?n)) }}")
    return {row["n"].value for row in rows}


# Past this many removed focus nodes, a replace checks every target instead.
MAX_LISTED_FOCUS = 20_000


FOCUS_GRAPH = ox.NamedNode("urn:x-kg:load:focus")
FOCUS = ox.NamedNode("urn:x-kg:load:Focus")
RESTRICT = f"GRAPH <{FOCUS_GRAPH.value}> {{ ?focus a <{FOCUS.value}> }}"


def touched_view(staging: ox.Store, graphs: Iterable[str], removed: Iterable[str],
                 object_targets: set[str]) -> ox.Store:
    """A small store to check the nodes a load touched, each with its whole description.

    The candidates are the subjects of the touched graphs, the objects there of the
    ``sh:targetObjectsOf`` predicates, and ``removed`` (IRIs a replace changed). The
    view holds, from the staging store's merged default graph: every triple about a
    candidate, the types of what those triples point at (``sh:class``), the
    ``sh:targetObjectsOf`` triples pointing at a candidate, the class hierarchy, and
    a marker per candidate in :data:`FOCUS_GRAPH` (checks run with :data:`RESTRICT`).
    Enough for shapes whose paths are single predicates or alternatives of them.
    """
    default = ox.DefaultGraph()
    pointing = [ox.NamedNode(p) for p in sorted(object_targets)]
    candidates: set = {ox.NamedNode(iri) for iri in removed}
    for graph in graphs:
        for quad in staging.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
            candidates.add(quad.subject)
            if quad.predicate.value in object_targets:
                candidates.add(quad.object)
    view = ox.Store()
    quads, objects = [], set()
    for node in candidates:
        if isinstance(node, ox.Literal):
            continue
        quads.append(ox.Quad(node, _TYPE, FOCUS, FOCUS_GRAPH))
        for quad in staging.quads_for_pattern(node, None, None, default):
            quads.append(quad)
            if not isinstance(quad.object, ox.Literal):
                objects.add(quad.object)
        for predicate in pointing:
            quads += staging.quads_for_pattern(None, predicate, node, default)
    for node in objects - candidates:
        quads += staging.quads_for_pattern(node, _TYPE, None, default)
    quads += staging.quads_for_pattern(None, _SUBCLASS, None, default)
    view.extend(quads)
    return view


def _graph_sizes(staging: ox.Store, graphs: Iterable[str]) -> int:
    total = 0
    for graph in graphs:
        rows = staging.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        total += int(next(iter(rows))["n"].value)
    return total


def load(store: Store, paths: Iterable[Path | str], *, graph: str | None = None,
         replace: bool = False, fmt: str | None = None, root: Path | str = REPO_ROOT,
         validate: bool = True, progress: Progress | None = None) -> LoadReport:
    """Load RDF files into ``store`` (see the module docstring); returns a :class:`LoadReport`.

    Raises :class:`ParseError` (file and line) for unreadable input,
    :class:`ValidationError` when the result breaks the shapes, and
    :class:`kg.errors.StoreError` for a remote store; in each case the store is
    unchanged.
    """
    started = time.perf_counter()
    report = LoadReport()
    root = Path(root)
    plan = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise ParseError("no such file", file=str(path))
        chosen = file_format(path, fmt)
        plan.append((path, chosen, ox.NamedNode(target_graph(graph, path))))
        report.files.append(str(path))
        report.bytes += path.stat().st_size
    if not plan:
        raise InputError("no file to load")
    checks = shape_checks(root) if validate else None  # compile errors before any work

    def fill(staging: ox.Store, empty: bool) -> LoadReport:
        removed: set[str] = set()
        if replace:
            names = set()
            for path, chosen, target in plan:
                names |= _graph_names(path, chosen, target)
            for name in sorted(names):
                if staging.contains_named_graph(ox.NamedNode(name)):
                    if validate and not empty:
                        removed |= _removed_focus(staging, name)
                    staging.update(f"{forget(name)} ;\nDROP SILENT GRAPH <{name}>")
                    report.replaced.append(name)
        seen: set = set()
        count = [0]
        for path, chosen, target in plan:
            if chosen.name in LINE_FORMATS:
                # Blank nodes are labelled in these formats, so two parses agree: Oxigraph
                # loads the quads natively, then a second (lenient) pass adds the copies.
                # Each pass fills its share of the progress bar (about their CPU shares).
                source = _Counting(path, progress, share=QUADS_SHARE)
                try:
                    staging.bulk_load(source, format=chosen.oxigraph, to_graph=target)
                except SyntaxError as exc:
                    raise _parse_error(exc, path) from None
                except OSError as exc:
                    raise ParseError(f"cannot read: {exc}", file=str(path)) from None
                finally:
                    source.close()
                # The copies are written as N-Triples (cheaper than building a Python quad
                # each) to a scratch file that the bulk loader reads natively; leniently,
                # as every term in it has been parsed (and the quads' load has checked it).
                source = _Counting(path, progress, start=QUADS_SHARE, share=PARSE_SHARE)
                handle, name = tempfile.mkstemp(prefix="kg-load-", suffix=".nt")
                os.close(handle)
                copies = Path(name)
                try:
                    with open(copies, "wb") as out:
                        ox.serialize(_triples(_parse(source, chosen, path, target, lenient=True),
                                              seen, count), out, ox.RdfFormat.N_TRIPLES)
                    source.close()
                    source = _Counting(copies, progress, of=path,
                                       start=QUADS_SHARE + PARSE_SHARE,
                                       share=1 - QUADS_SHARE - PARSE_SHARE)
                    staging.bulk_load(source, format=ox.RdfFormat.N_TRIPLES,
                                      to_graph=ox.DefaultGraph(), lenient=True)
                finally:
                    source.close()
                    copies.unlink(missing_ok=True)
                continue
            source = _Counting(path, progress)
            try:
                staging.bulk_extend(_with_copies(_parse(source, chosen, path, target), seen,
                                                 count))
            finally:
                source.close()
        report.quads = count[0]
        report.graphs = sorted(g.value for g in seen)
        if checks is not None:
            began = time.perf_counter()
            touched = set(report.graphs) | set(report.replaced)
            compiled = ShapeChecks(checks.graph, subclass_closure(
                ontology_subclasses(root) + store_subclasses(staging)))
            # Into an empty store (or when the touched graphs are most of it) every
            # target is new: check the staging store whole. Otherwise check a small
            # view of the touched nodes with their descriptions.
            whole = empty or len(removed) > MAX_LISTED_FOCUS or \
                _graph_sizes(staging, touched) > len(staging) // 4  # half the named quads
            if whole:
                violations = compiled.violations(
                    lambda q: staging.query(q, prefixes=PREFIXES))
            else:
                view = touched_view(staging, touched, removed, compiled.object_targets)
                violations = compiled.violations(
                    lambda q: view.query(q, prefixes=PREFIXES), RESTRICT)
            report.checked = "all" if whole else "touched"
            report.seconds_validation = time.perf_counter() - began
            if violations:
                _where(violations, staging, plan)
                raise ValidationError(violations)
        return report

    store.staged(fill)
    report.revision = store.revision
    report.seconds = time.perf_counter() - started
    return report


def _where(violations: list[Violation], staging: ox.Store, plan) -> None:
    """Name the loaded file that describes each violating node (if a loaded file does)."""
    by_graph: dict[str, str] = {}
    for path, _, target in plan:
        by_graph.setdefault(target.value, str(path))
    files = [str(p) for p, _, _ in plan]
    for v in violations:
        if len(files) == 1:
            v.file = files[0]
            continue
        if v.focus_node.startswith(("http://", "https://", "urn:")):
            node = ox.NamedNode(v.focus_node)
            for quad in staging.quads_for_pattern(node, None, None):
                if type(quad.graph_name) is ox.NamedNode and quad.graph_name.value in by_graph:
                    v.file = by_graph[quad.graph_name.value]
                    break


__all__ = ["load", "LoadReport", "ShapeChecks", "check_store", "shape_checks",
           "default_graph_for", "target_graph", "file_format", "UnsupportedShape"]
