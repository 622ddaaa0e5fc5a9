"""JSON-LD compacted with the project's context (``ontology/context.jsonld``).

Exports write JSON-LD that a person can read: terms such as ``label``, ``party``
and ``signedOn`` instead of full IRIs, language maps for labels, and the
context inline under ``@context``, so the file stands alone. The context is
read from disk, never fetched.

rdflib's JSON-LD serializer does the compaction, with one fix: it writes a
reference to a blank node that is the object of a term typed ``@id`` (a
signature, a role, a ratification) but not the blank node itself, so those
triples would be lost. :class:`_EveryNode` writes every subject.

>>> from rdflib import RDF, BNode, Graph, URIRef
>>> g = Graph().parse(data='<https://w3id.org/energy-kg/id/country/JP> '
...     '<http://www.w3.org/2000/01/rdf-schema#label> "Japan"@en .', format="nt")
>>> doc = compact(g)
>>> doc["label"], "@context" in doc
({'en': 'Japan'}, True)
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import IO, Any

from rdflib import RDF, BNode, Graph, URIRef
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context

CONTEXT_FILE = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"


@cache
def context_data() -> dict[str, Any]:
    """The ``@context`` object of ``ontology/context.jsonld`` (read once)."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


class _EveryNode(Converter):
    """rdflib's converter, writing every subject (blank nodes too), in a stable order.

    RDF lists stay ``@list`` values; their cells are not written as nodes.
    """

    def from_graph(self, graph: Graph) -> list[dict]:
        nodemap: dict[Any, Any] = {}
        subjects = sorted(set(graph.subjects()), key=lambda s: (isinstance(s, BNode), s))
        for subject in subjects:  # rdflib's rule: IRIs and blank nodes no triple points to
            if isinstance(subject, URIRef) or not any(graph.subjects(None, subject)):
                self.process_subject(graph, subject, nodemap)
        for subject in subjects:  # the fix: blank nodes left out, except RDF list cells
            if isinstance(subject, BNode) and (graph.value(subject, RDF.first) is None):
                self.process_subject(graph, subject, nodemap)
        return list(nodemap.values())


def compact(graph: Graph) -> dict[str, Any]:
    """A graph or dataset as one compacted JSON-LD document with the project's context.

    A dataset gives one ``@graph`` entry per named graph, with its ``@id``.
    """
    data = context_data()
    context = Context(data)
    result = _EveryNode(context, use_native_types=False, use_rdf_type=False).convert(graph)
    if isinstance(result, list):
        result = {context.get_key("@graph"): result}
    return {"@context": data, **result}


def write(graph: Graph, output: IO[bytes]) -> None:
    """Write :func:`compact` of ``graph`` as UTF-8 JSON to a binary stream."""
    text = json.dumps(compact(graph), ensure_ascii=False, indent=1)
    output.write(text.encode("utf-8"))
