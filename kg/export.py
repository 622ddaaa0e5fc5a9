"""Exports: the store as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML)
and the NetworkX views as graph files (GraphML, GEXF, Cytoscape JSON, CSV).

Which one is chosen comes from the format table in :mod:`kg.formats`, by name or
by a file's extension. RDF is written by Oxigraph (fast, streaming into the
output) with clean prefixed names (:data:`kg.namespaces.SERIALIZATION_PREFIXES`),
except JSON-LD, which is compacted with the project's context by
:mod:`kg.jsonld`; graph formats are written by :mod:`kg.graphio` from the cached
view, by default without actors that have no edge (``all_nodes=True`` keeps them).

>>> from kg.store import Store
>>> store = Store("memory:")
>>> _ = store.add_graph("https://example.org/g", b'<https://example.org/a> <https://example.org/p> "x" .', "nt")
>>> export(store, None, "nt")
b'<https://example.org/a> <https://example.org/p> "x" .\\n'
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from kg import formats
from kg.namespaces import GRAPH
from kg.store import Store

GRAPH_VIEWS = ("cooperation", "entity")


def resolve_format(fmt: str | None, path: str | Path | None) -> formats.Format:
    """The export format from an explicit name, else from the file's extension."""
    if fmt:
        return formats.by_name(fmt, ("rdf", "graph"))
    if path is None or str(path) == "-":
        return formats.by_name("turtle")
    return formats.by_extension(path)


def named_graph(name: str | None) -> str | None:
    """A graph IRI from a short name (``curated``, ``extracted/KEY``) or a full IRI."""
    if not name:
        return None
    return name if "://" in name else str(GRAPH[name])


def write_rdf(store: Store, output: IO[bytes] | str | Path | None, fmt: formats.Format,
              graph: str | None = None) -> bytes | None:
    """Write the store (or the named graph with IRI ``graph``) in the RDF format ``fmt``.

    Oxigraph writes every format but compacted JSON-LD, which goes through rdflib
    with the project's context so terms read ``label``, ``party``, ``signedOn``.
    """
    if not fmt.compacted:
        return store.dump(output, fmt, graph=graph)
    from rdflib import Dataset, Graph  # noqa: PLC0415

    from kg import jsonld  # noqa: PLC0415

    if graph is None:
        data: Graph = Dataset()
        data.parse(data=store.dump(None, "nquads"), format="nquads")
    else:
        data = Graph().parse(data=store.dump(None, "ntriples", graph=graph), format="nt")
    if output is None:
        buffer = io.BytesIO()
        jsonld.write(data, buffer)
        return buffer.getvalue()
    if isinstance(output, (str, Path)):
        with open(output, "wb") as stream:
            jsonld.write(data, stream)
    else:
        jsonld.write(data, output)
    return None


def export(store: Store, output: IO[bytes] | str | Path | None, fmt: str | formats.Format,
           *, graph: str | None = None, view: str = "cooperation",
           all_nodes: bool = False) -> bytes | None:
    """Write the store (or one named ``graph``) in ``fmt`` to ``output`` (None: return bytes).

    For graph formats ``view`` picks the cooperation graph or the entity graph,
    and ``all_nodes`` keeps the nodes without an edge (left out by default).
    """
    fmt = fmt if isinstance(fmt, formats.Format) else formats.by_name(fmt, ("rdf", "graph"))
    if fmt.kind == "rdf":
        return write_rdf(store, output, fmt, graph=named_graph(graph))
    from kg.graphio import write_graph  # noqa: PLC0415 - networkx only when needed
    from kg.view import get_view  # noqa: PLC0415

    return write_graph(get_view(store), fmt.name, output, graph=view, all_nodes=all_nodes)
