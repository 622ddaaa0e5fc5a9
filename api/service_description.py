"""The SPARQL 1.1 Service Description of ``/sparql`` (W3C Recommendation, 2013).

``GET /sparql`` without a query, with an RDF type in ``Accept`` (Turtle,
JSON-LD, RDF/XML, N-Triples ...), answers with an ``sd:Service`` that says
where the endpoint is, which languages it takes (SPARQL 1.1 Query, and Update
when this server accepts writes), which result formats it writes, its
features (the default graph is the union of the named graphs; federated
``SERVICE`` only when ``KG_ALLOW_SERVICE`` allows a target) and its dataset
(every named graph, with its number of triples as ``void:triples``).

>>> from api.settings import Settings
>>> triples = describe("http://x/sparql", Settings(), {"https://g/1": 3})
>>> any(t.predicate.value == SD + "endpoint" and t.object.value == "http://x/sparql"
...     for t in triples)
True
"""

from __future__ import annotations

import pyoxigraph as ox

from api.results import rdf_format
from api.settings import Settings
from kg.formats import Format

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SIMPLE_ENTAILMENT = "http://www.w3.org/ns/entailment/Simple"
# Our format names and the W3C's unique IRIs for them (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    "sparql-json": "SPARQL_Results_JSON", "sparql-xml": "SPARQL_Results_XML",
    "sparql-csv": "SPARQL_Results_CSV", "sparql-tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML", "nquads": "N-Quads", "trig": "TriG",
}
TURTLE_PREFIXES = {"sd": SD, "formats": FORMATS, "void": VOID}


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def describe(endpoint: str, settings: Settings, graphs: dict[str, int]) -> list[ox.Triple]:
    """The triples of the service description of the endpoint at ``endpoint``."""
    service, dataset, default = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    out = [ox.Triple(service, RDF_TYPE, _sd("Service")),
           ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
           ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
           ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
           ox.Triple(service, _sd("defaultEntailmentRegime"), ox.NamedNode(SIMPLE_ENTAILMENT))]
    if settings.updates_enabled:
        out.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    if settings.allow_service:
        out.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    for name in FORMAT_IRIS.values():
        out.append(ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + name)))
    out += [ox.Triple(service, _sd("defaultDataset"), dataset),
            ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
            ox.Triple(dataset, _sd("defaultGraph"), default),
            ox.Triple(default, RDF_TYPE, _sd("Graph"))]
    for iri, count in graphs.items():
        named, graph = ox.BlankNode(), ox.BlankNode()
        out += [ox.Triple(dataset, _sd("namedGraph"), named),
                ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
                ox.Triple(named, _sd("name"), ox.NamedNode(iri)),
                ox.Triple(named, _sd("graph"), graph),
                ox.Triple(graph, RDF_TYPE, _sd("Graph")),
                ox.Triple(graph, ox.NamedNode(VOID + "triples"), ox.Literal(count))]
    return out


def serialize(triples: list[ox.Triple], fmt: Format) -> bytes:
    """The description in ``fmt``, with the ``sd:``, ``formats:`` and ``void:`` prefixes."""
    kwargs = {"prefixes": TURTLE_PREFIXES} if fmt.name in ("turtle", "trig", "rdfxml") else {}
    if fmt.quads:
        triples = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    return ox.serialize(triples, format=rdf_format(fmt), **kwargs)


__all__ = ["FORMAT_IRIS", "SD", "describe", "serialize"]
