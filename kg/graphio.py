"""Graph-format writers and readers for the NetworkX view: GraphML, GEXF, Cytoscape, CSV.

``write_graph(view, "gexf", out, graph="cooperation")`` writes the cooperation
graph (actors and who cooperates with whom) or the entity graph
(``graph="entity"``: every entity and relation) in one of the graph formats of
:mod:`kg.formats`. Every attribute written is a scalar (a string or number):
tools such as Gephi reject list attributes, so lists become strings of IRIs
separated by spaces (``agreements``, ``topics``) next to readable
``"; "``-separated labels (``agreement_labels``, ``topic_labels``). Node ids are
IRIs; every node has ``label``, ``type`` and ``iri``.

Only nodes with at least one edge are written: the gazetteer knows hundreds of
countries, regions and organizations that cooperate with no one, and a network
file made mostly of isolated nodes is hard to read. ``all_nodes=True`` (``kg
export --all-nodes``, ``/export?all_nodes=true``) keeps them.

Dates keep their precision. A date is written as it stands in the graph
(``2014``, ``2016-03`` or ``2016-12-16``) with a ``…_precision`` attribute next
to it (``year``, ``month`` or ``day``); a year is never turned into 1 January.
Cooperation edges carry ``first`` and ``last`` (the dates of their oldest and
newest agreement) and ``start`` and ``end``, full ``YYYY-MM-DD`` dates for
tools that need one: the first day ``first`` stands for and the last day
``last`` stands for (``2014`` starts on 2014-01-01, ``2016-03`` ends on
2016-03-31). GraphML (attribute types ``boolean``, ``int``, ``long``, ``float``,
``double``, ``string``) and Cytoscape JSON have no date type, so these are ISO
strings there; GEXF gets them as typed dates (see below).

Formats:

``graphml``
    GraphML as written by NetworkX (entity-graph edges keep their predicate as
    the edge id and in the ``predicate`` attribute).
``gexf``
    GEXF 1.2 for Gephi, ``mode="dynamic"`` with ``timeformat="date"``: the
    ``start`` and ``end`` of a cooperation edge are the edge element's own
    ``start``/``end`` (xsd:date values that Gephi's timeline reads), and
    agreement nodes of the entity graph start on their signing date. GEXF 1.2
    has no date attribute type (its types are ``integer``, ``long``,
    ``double``, ``float``, ``boolean``, ``liststring``, ``string`` and
    ``anyURI``), so ``first``/``last`` and their precision are ``string``
    attributes.
``cytoscape``
    Cytoscape.js JSON in the *elements* format
    (``{"data": {...}, "elements": {"nodes": [...], "edges": [...]}}``), which
    ``networkx.cytoscape_graph`` reads back.
``csv``
    one edge per row: ``source``, ``target`` (IRIs), ``source_label``,
    ``source_type``, ``target_label``, ``target_type`` and the edge attributes
    (``predicate`` first for the entity graph). A node without edges is a
    row with an empty ``target`` (there are such rows only with ``all_nodes``).

>>> import io
>>> from kg.view import View
>>> from kg.query import EXAMPLE
>>> view = View.from_turtle(EXAMPLE)
>>> buffer = io.BytesIO()
>>> write_graph(view, "csv", buffer)
>>> print(buffer.getvalue().decode().splitlines()[0])
source,target,source_label,source_type,target_label,target_type,weight,first,first_precision,last,last_precision,start,end,agreements,agreement_labels,cooperations,topics,topic_labels
>>> graph = read_graph("csv", buffer.getvalue())
>>> sorted(graph.nodes[n]["label"] for n in graph)
['Fukushima Prefecture', 'Japan', 'North Rhine-Westphalia', 'Russia']
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO

import networkx as nx

from kg import formats
from kg.errors import InputError, UnsupportedFormatError
from kg.query import _phrase
from kg.view import View, date_precision, real_date

GRAPHS = ("cooperation", "entity")
GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "csv")

_COOPERATION_EDGE_COLUMNS = ("weight", "first", "first_precision", "last", "last_precision",
                             "start", "end", "agreements", "agreement_labels", "cooperations",
                             "topics", "topic_labels")
# Attributes of the entity graph that hold a date as written (agreements: ``date``,
# stated cooperations: ``since``, ratifications: ``date``, roles: ``start``/``end``).
_DATE_ATTRIBUTES = ("date", "since", "start", "end")


def _scalar(value):
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return " ".join(str(v) for v in value)
    return str(value)


def _with_precision(attrs: dict) -> dict:
    """Add ``NAME_precision`` (year, month, day) for each date attribute of ``attrs``."""
    for name in _DATE_ATTRIBUTES:
        precision = date_precision(str(attrs[name])) if attrs.get(name) else None
        if precision:
            attrs[f"{name}_precision"] = precision
    return attrs


def _dated_edge(first: str | None, last: str | None) -> dict:
    """``first``/``last`` as written with their precision, and the full dates ``start``/``end``.

    ``start`` is the first day ``first`` stands for, ``end`` the last day of ``last``.
    """
    attrs: dict = {}
    for name, value in (("first", first), ("last", last)):
        if value and date_precision(value):
            attrs[name] = value
            attrs[f"{name}_precision"] = date_precision(value)
    if "first" in attrs:
        attrs["start"] = real_date(first)
    if "last" in attrs:
        attrs["end"] = real_date(last, end=True)
    return attrs


def cooperation_graph(view: View) -> nx.Graph:
    """A copy of the cooperation graph with scalar attributes only (see the module doc)."""
    out = nx.Graph(name="energy-kg cooperation graph")
    for iri, data in view.cooperation.nodes(data=True):
        attrs = {"label": data.get("label") or view.label(iri), "type": data.get("type", ""),
                 "iri": iri}
        country = view.country_of(iri) if attrs["type"] != "Country" else None
        if country:
            attrs["country"] = view.label(country)
        out.add_node(iri, **attrs)
    for a, b, data in view.cooperation.edges(data=True):
        attrs = {"weight": int(data.get("weight", 1))}
        attrs.update(_dated_edge(data.get("first"), data.get("last")))
        agreements = data.get("agreements", [])
        topics = data.get("topics", [])
        attrs["agreements"] = " ".join(agreements)
        attrs["agreement_labels"] = "; ".join(view.label(i) for i in agreements)
        attrs["cooperations"] = " ".join(data.get("cooperations", []))
        attrs["topics"] = " ".join(topics)
        attrs["topic_labels"] = "; ".join(view.label(t) for t in topics)
        attrs["label"] = attrs["agreement_labels"] or "cooperates with"
        out.add_edge(a, b, **attrs)
    return out


def entity_graph(view: View) -> nx.MultiDiGraph:
    """A copy of the entity graph with scalar attributes only; edge keys are predicates."""
    out = nx.MultiDiGraph(name="energy-kg entity graph")
    for iri, data in view.entities.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in data.items() if v is not None and v != ""}
        attrs.setdefault("label", view.label(iri))
        attrs.setdefault("type", "")
        attrs["iri"] = iri
        out.add_node(iri, **_with_precision(attrs))
    for u, v, key, data in view.entities.edges(keys=True, data=True):
        attrs = {k: _scalar(x) for k, x in data.items() if x is not None}
        attrs["predicate"] = key
        attrs["label"] = _phrase(key, data)[0]
        out.add_edge(u, v, key=key, **_with_precision(attrs))
    return out


def scalar_graph(view: View, graph: str = "cooperation", all_nodes: bool = True) -> nx.Graph:
    """The graph to export: ``cooperation`` or ``entity``, with scalar attributes.

    Without ``all_nodes`` the nodes that have no edge are left out.
    """
    if graph not in GRAPHS:
        raise InputError(f"unknown graph {graph!r}; choose one of {', '.join(GRAPHS)}")
    out = cooperation_graph(view) if graph == "cooperation" else entity_graph(view)
    if not all_nodes:
        out.remove_nodes_from([n for n in out if out.degree(n) == 0])
    return out


def _with_time(graph: nx.Graph) -> nx.Graph:
    """GEXF time: ``start``/``end`` of nodes and edges become full xsd:date values.

    networkx writes the ``start`` and ``end`` attributes on the node or edge element
    itself and sets ``timeformat="date"``, so they must be ``YYYY-MM-DD``: an agreement
    starts on its signing date (first day), a role's years are kept as written in
    ``role_start``/``role_end`` and become its first and last day.
    """
    timed = graph.copy()
    if not timed.is_multigraph():
        return timed  # cooperation edges already carry full start and end dates
    for _, data in timed.nodes(data=True):
        start = real_date(data.get("date") or data.get("since"))
        if start:
            data["start"] = start
    for *_, data in timed.edges(data=True):
        for name, at_end in (("start", False), ("end", True)):
            if name in data:
                written = data.pop(name)
                data[f"role_{name}"] = written
                if f"{name}_precision" in data:
                    data[f"role_{name}_precision"] = data.pop(f"{name}_precision")
                full = real_date(str(written), end=at_end)
                if full:
                    data[name] = full
    return timed


def _format(fmt_name: str | formats.Format) -> formats.Format:
    fmt = fmt_name if isinstance(fmt_name, formats.Format) else formats.by_name(
        fmt_name, ("graph",))
    if fmt.name not in GRAPH_FORMATS:
        raise UnsupportedFormatError(f"{fmt.name} is not a graph format")
    return fmt


def write_graph(view: View, fmt_name: str | formats.Format,
                out: str | Path | IO[bytes] | None, graph: str = "cooperation",
                all_nodes: bool = False) -> bytes | None:
    """Write the ``cooperation`` or ``entity`` graph of ``view`` as ``fmt_name``
    (graphml, gexf, cytoscape, csv) to a path or a binary stream; with ``out=None``
    return the bytes instead. Nodes without an edge are written only with
    ``all_nodes``."""
    fmt = _format(fmt_name)
    data = scalar_graph(view, graph, all_nodes=all_nodes)
    if out is None:
        buffer = io.BytesIO()
        _write(data, fmt.name, buffer)
        return buffer.getvalue()
    if isinstance(out, (str, Path)):
        with open(out, "wb") as stream:
            _write(data, fmt.name, stream)
    else:
        _write(data, fmt.name, out)
    return None


def _write(graph: nx.Graph, name: str, stream: IO[bytes]) -> None:
    if name == "graphml":
        nx.write_graphml(graph, stream, encoding="utf-8")
    elif name == "gexf":
        nx.write_gexf(_with_time(graph), stream, encoding="utf-8", version="1.2draft")
    elif name == "cytoscape":
        payload = nx.cytoscape_data(graph, name="label", ident="id")
        stream.write(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    else:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            _write_csv(graph, text)
            text.flush()
        finally:
            text.detach()


def _write_csv(graph: nx.Graph, text: IO[str]) -> None:
    multi = graph.is_multigraph()
    if multi:
        extra: list[str] = []
        for _, _, data in graph.edges(data=True):
            for key in data:
                if key not in extra and key not in ("predicate", "label"):
                    extra.append(key)
        columns = ["predicate", "label", *sorted(extra)]
    else:
        columns = list(_COOPERATION_EDGE_COLUMNS)
    head = ["source", "target", "source_label", "source_type", "target_label", "target_type"]
    writer = csv.writer(text)
    writer.writerow(head + columns)
    nodes = graph.nodes
    edges = graph.edges(keys=True, data=True) if multi else (
        (u, v, None, d) for u, v, d in graph.edges(data=True))
    for u, v, _, data in edges:
        writer.writerow([u, v, nodes[u].get("label", ""), nodes[u].get("type", ""),
                         nodes[v].get("label", ""), nodes[v].get("type", "")]
                        + [data.get(c, "") for c in columns])
    for n in graph.nodes:
        if graph.degree(n) == 0:
            writer.writerow([n, "", nodes[n].get("label", ""), nodes[n].get("type", ""), "", ""]
                            + [""] * len(columns))


def read_graph(fmt_name: str | formats.Format, source: str | Path | bytes | IO[bytes]) -> nx.Graph:
    """Read a graph written by :func:`write_graph` with NetworkX's own readers
    (``read_graphml``, ``read_gexf``, ``cytoscape_graph``; CSV with the csv module)."""
    fmt = _format(fmt_name)
    if isinstance(source, bytes):
        stream: IO[bytes] = io.BytesIO(source)
    elif isinstance(source, (str, Path)):
        stream = io.BytesIO(Path(source).read_bytes())
    else:
        stream = source
    if fmt.name == "graphml":
        return nx.read_graphml(stream)
    if fmt.name == "gexf":
        return nx.read_gexf(stream, version="1.2draft")
    if fmt.name == "cytoscape":
        return nx.cytoscape_graph(json.loads(stream.read().decode("utf-8")), name="label",
                                  ident="id")
    return _read_csv(io.TextIOWrapper(stream, encoding="utf-8", newline=""))


def _read_csv(text: IO[str]) -> nx.Graph:
    reader = csv.DictReader(text)
    multi = "predicate" in (reader.fieldnames or [])
    graph: nx.Graph = nx.MultiDiGraph() if multi else nx.Graph()
    for row in reader:
        u, v = row.pop("source"), row.pop("target")
        graph.add_node(u, label=row.pop("source_label"), type=row.pop("source_type"))
        v_label, v_type = row.pop("target_label"), row.pop("target_type")
        if not v:
            continue
        graph.add_node(v, label=v_label, type=v_type)
        attrs = {k: val for k, val in row.items() if val != ""}
        if "weight" in attrs:
            attrs["weight"] = int(attrs["weight"])
        if multi:
            graph.add_edge(u, v, key=attrs["predicate"], **attrs)
        else:
            graph.add_edge(u, v, **attrs)
    return graph


__all__ = ["write_graph", "read_graph", "scalar_graph", "cooperation_graph", "entity_graph",
           "GRAPHS", "GRAPH_FORMATS"]
