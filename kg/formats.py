"""The one table of file formats, read by the CLI, content negotiation and exports.

>>> by_name("ttl").media_type
'text/turtle'
>>> by_extension("graph.nq").name
'nquads'
>>> by_media_type("application/ld+json; charset=utf-8").name
'jsonld'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import UnsupportedFormatError


@dataclass(frozen=True)
class Format:
    """One serialisation format.

    ``kind`` is ``rdf`` (triples or quads, written from the store), ``graph``
    (a NetworkX view written by ``kg.export``) or ``results`` (SPARQL results).
    ``quads`` is true when the format keeps named graphs. ``compacted`` marks
    JSON-LD that exports write compacted with ``ontology/context.jsonld``
    (:mod:`kg.jsonld`) rather than as Oxigraph's expanded form.
    """

    name: str
    media_type: str
    extension: str
    kind: str
    rdflib_name: str | None = None
    oxigraph: object | None = None  # pyoxigraph.RdfFormat or QueryResultsFormat
    quads: bool = False
    aliases: tuple[str, ...] = ()
    other_media_types: tuple[str, ...] = ()
    compacted: bool = False


FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ".ttl", "rdf", "turtle", ox.RdfFormat.TURTLE,
           aliases=("ttl",), other_media_types=("application/x-turtle",)),
    Format("ntriples", "application/n-triples", ".nt", "rdf", "nt", ox.RdfFormat.N_TRIPLES,
           aliases=("nt", "n-triples"), other_media_types=("text/plain",)),
    Format("nquads", "application/n-quads", ".nq", "rdf", "nquads", ox.RdfFormat.N_QUADS,
           quads=True, aliases=("nq", "n-quads")),
    Format("trig", "application/trig", ".trig", "rdf", "trig", ox.RdfFormat.TRIG, quads=True),
    Format("jsonld", "application/ld+json", ".jsonld", "rdf", "json-ld", ox.RdfFormat.JSON_LD, quads=True,
           aliases=("json-ld",), compacted=True),
    Format("rdfxml", "application/rdf+xml", ".rdf", "rdf", "xml", ox.RdfFormat.RDF_XML,
           aliases=("xml", "rdf", "rdf/xml"), other_media_types=("application/xml",)),
    Format("graphml", "application/graphml+xml", ".graphml", "graph"),
    Format("gexf", "application/gexf+xml", ".gexf", "graph"),
    Format("cytoscape", "application/vnd.cytoscape+json", ".cyjs", "graph",
           aliases=("cyjs", "cytoscape-json")),
    Format("csv", "text/csv", ".csv", "graph"),
    Format("sparql-json", "application/sparql-results+json", ".srj", "results", None,
           ox.QueryResultsFormat.JSON, aliases=("json",)),
    Format("sparql-xml", "application/sparql-results+xml", ".srx", "results", None,
           ox.QueryResultsFormat.XML, aliases=("xml-results",)),
    Format("sparql-csv", "text/csv", ".csv", "results", None, ox.QueryResultsFormat.CSV),
    Format("sparql-tsv", "text/tab-separated-values", ".tsv", "results", None,
           ox.QueryResultsFormat.TSV, aliases=("tsv",)),
)


def _kinds(kinds: tuple[str, ...] | None) -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if kinds is None or f.kind in kinds)


def by_name(name: str, kinds: tuple[str, ...] | None = None) -> Format:
    """The format called ``name`` (or one of its aliases)."""
    wanted = name.lower().strip()
    for fmt in _kinds(kinds):
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    known = ", ".join(f.name for f in _kinds(kinds))
    raise UnsupportedFormatError(f"unknown format {name!r}; known: {known}")


def by_extension(path: str | Path, kinds: tuple[str, ...] | None = ("rdf", "graph")) -> Format:
    """The format a file name's extension stands for."""
    suffix = Path(path).suffix.lower()
    for fmt in _kinds(kinds):
        if suffix == fmt.extension or (suffix == ".json" and fmt.name == "jsonld"):
            return fmt
    raise UnsupportedFormatError(f"cannot tell the format of {str(path)!r} from its extension")


def by_media_type(media_type: str, kinds: tuple[str, ...] | None = None) -> Format:
    """The format served under a media type (parameters such as charset are ignored)."""
    base = media_type.split(";")[0].strip().lower()
    for fmt in _kinds(kinds):
        if base == fmt.media_type or base in fmt.other_media_types:
            return fmt
    raise UnsupportedFormatError(f"unsupported media type {media_type!r}")


def rdf_formats() -> tuple[Format, ...]:
    """The RDF serialisations, in the order we prefer them."""
    return _kinds(("rdf",))
