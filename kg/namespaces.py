"""Namespaces and identifier rules of the knowledge graph.

Every IRI the project mints is made here, so the same input always gives the
same IRI (see ARCHITECTURE.md, "Identifiers").

>>> entity_iri("country", "JP")
rdflib.term.URIRef('https://w3id.org/energy-kg/id/country/JP')
>>> graph_iri("extracted", "0a1b2c3d")
rdflib.term.URIRef('https://w3id.org/energy-kg/graph/extracted/0a1b2c3d')
>>> PREFIXES["region"] + "DE-NW"
'https://w3id.org/energy-kg/id/region/DE-NW'
>>> slugify("Präfektur Fukushima / Nordrhein-Westfalen")
'prafektur-fukushima-nordrhein-westfalen'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/energy-kg/"
EKG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")

# The fixed named graphs; extracted documents get graph_iri("extracted", key).
ONTOLOGY_GRAPH = GRAPH["ontology"]
CURATED_GRAPH = GRAPH["curated"]
GAZETTEER_GRAPH = GRAPH["gazetteer"]
DERIVED_GRAPH = GRAPH["derived"]

PREFIXES: dict[str, str] = {
    "ekg": str(EKG),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "sh": str(SH),
    "wd": str(WD),
    "schema": str(SCHEMA),
}
# One prefix per entity kind, so queries can say country:JP or region:DE-NW
# (a "/" may not stand unescaped in a SPARQL prefixed name such as id:country/JP).
ENTITY_KINDS = ("country", "region", "org", "person", "place", "agreement", "topic", "document")
PREFIXES.update({kind: f"{ID}{kind}/" for kind in ENTITY_KINDS})
# Written files use one prefix per kind of node too, and no ``id:``: a local name with a
# "/" (``id:cooperation/…``) would have to be escaped (``id:cooperation\/…``). Keys are
# minted by slugify() or are codes, so every local name under these prefixes is clean.
NODE_KINDS = ("cooperation", "link", "evidence")
SERIALIZATION_PREFIXES: dict[str, str] = {
    **{p: ns for p, ns in PREFIXES.items() if p != "id"},
    **{kind: f"{ID}{kind}/" for kind in NODE_KINDS},
}
_BY_LENGTH = sorted([*PREFIXES.items(), ("graph", str(GRAPH))], key=lambda p: -len(p[1]))


def entity_iri(kind: str, key: str) -> URIRef:
    """The IRI of an entity: ``id/{kind}/{key}`` (kind: country, region, org, ...)."""
    return ID[f"{kind}/{key}"]


def graph_iri(*parts: str) -> URIRef:
    """The IRI of a named graph, e.g. ``graph_iri("extracted", key)``."""
    return GRAPH["/".join(parts)]


def split_entity_iri(iri: str) -> tuple[str, str] | None:
    """``(kind, key)`` of one of our entity IRIs, or None for any other IRI.

    >>> split_entity_iri("https://w3id.org/energy-kg/id/region/DE-NW")
    ('region', 'DE-NW')
    """
    if not iri.startswith(str(ID)):
        return None
    kind, _, key = iri[len(str(ID)):].partition("/")
    return (kind, key) if kind and key else None


def compact(iri: str) -> str:
    """A short display name for an IRI under one of our prefixes (the longest that fits).

    Named graphs show as ``graph:…``; IRIs outside our prefixes stay whole.

    >>> compact("https://w3id.org/energy-kg/id/region/DE-NW")
    'region:DE-NW'
    >>> compact("https://w3id.org/energy-kg/graph/curated")
    'graph:curated'
    >>> compact("http://example.org/x")
    'http://example.org/x'
    """
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def slugify(text: str) -> str:
    """A readable, stable key: ASCII, lower case, words joined by hyphens."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def document_key(content: bytes) -> str:
    """The first 16 hex digits of the SHA-256 of some bytes (see :func:`text_key`)."""
    return hashlib.sha256(content).hexdigest()[:16]


def normalise_text(text: str) -> str:
    r"""A text as it is hashed: Unicode NFC, every run of whitespace one space, stripped.

    >>> normalise_text("  Stra\u00dfe  und\r\n\tCafe\u0301 ")
    'Straße und Café'
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def text_digest(text: str) -> str:
    """The full SHA-256 (hex) of a document's normalised text (``ekg:sha256``)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def text_key(text: str) -> str:
    r"""The key of a document: the first 16 hex digits of :func:`text_digest`.

    The text is the document's body, without its ``# key: value`` header
    lines (metadata is not text), so the same article read from a ``.txt``
    file with a header, an HTML page or a feed entry whose text is the same
    gets the same key, and whitespace or Unicode composition do not matter.

    >>> text_key("Japan  und Russland.") == text_key("Japan und\nRussland. ")
    True
    """
    return text_digest(text)[:16]


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to put in front of a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
