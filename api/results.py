"""Serialising finished query results (``api.runner.Outcome``) in the negotiated format.

SELECT rows are collected under the deadline and row cap first, so they are
written here from Python (pyoxigraph can only serialise a live result); the
writers follow the W3C SPARQL 1.1 result formats. Booleans and graphs use
pyoxigraph's own writers.

>>> out = Outcome("solutions", variables=["x"], rows=[(ox.Literal("a,b"),)])
>>> serialize(out, formats.by_name("sparql-csv"))
b'x\\r\\n"a,b"\\r\\n'
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from api.runner import Outcome
from kg import formats
from kg.formats import Format
from kg.namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    return {"type": "literal", "value": str(term)}


def solutions_json(variables: list[str], rows: list[tuple]) -> bytes:
    bindings = []
    for row in rows:
        binding = {}
        for name, term in zip(variables, row):
            if term is not None:
                binding[name] = _json_term(term)
        bindings.append(binding)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode()


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{escape(term.value)}</literal>")
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return ("<triple>" + "".join(
            f"<{part}>{_xml_term(getattr(term, part))}</{part}>"
            for part in ("subject", "predicate", "object")) + "</triple>")
    return f"<literal>{escape(str(term))}</literal>"


def solutions_xml(variables: list[str], rows: list[tuple]) -> bytes:
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
             "<head>"]
    parts.extend(f"<variable name={quoteattr(v)}/>" for v in variables)
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        for name, term in zip(variables, row):
            if term is not None:
                parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode()


def _csv_field(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        value = "_:" + term.value
    elif isinstance(term, ox.Triple):
        value = str(term)
    else:
        value = term.value
    if any(c in value for c in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def solutions_csv(variables: list[str], rows: list[tuple]) -> bytes:
    lines = [",".join(_csv_field(ox.Literal(v)) for v in variables)]
    lines.extend(",".join(_csv_field(t) for t in row) for row in rows)
    return ("\r\n".join(lines) + "\r\n").encode()


def _tsv_field(term) -> str:
    if term is None:
        return ""
    # str() of a pyoxigraph term is its N-Triples form, which TSV results use.
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def solutions_tsv(variables: list[str], rows: list[tuple]) -> bytes:
    lines = ["\t".join("?" + v for v in variables)]
    lines.extend("\t".join(_tsv_field(t) for t in row) for row in rows)
    return ("\n".join(lines) + "\n").encode()


_SOLUTION_WRITERS = {
    "sparql-json": solutions_json,
    "sparql-xml": solutions_xml,
    "sparql-csv": solutions_csv,
    "sparql-tsv": solutions_tsv,
}


def rdf_format(fmt: Format) -> ox.RdfFormat:
    return ox.RdfFormat.JSON_LD if fmt.name == "jsonld" else fmt.oxigraph


def serialize(outcome: Outcome, fmt: Format) -> bytes:
    """The bytes of ``outcome`` in ``fmt`` (a results format, or an RDF one for graphs)."""
    if outcome.kind == "solutions":
        return _SOLUTION_WRITERS[fmt.name](outcome.variables or [], outcome.rows or [])
    if outcome.kind == "boolean":
        if fmt.name == "sparql-json":
            return json.dumps({"head": {}, "boolean": bool(outcome.boolean)}).encode()
        if fmt.name == "sparql-xml":
            return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/'
                    f'sparql-results#"><head/><boolean>{str(outcome.boolean).lower()}'
                    "</boolean></sparql>\n").encode()
        return (str(outcome.boolean).lower() + "\n").encode()
    return serialize_triples(outcome.triples or [], fmt)


def serialize_triples(triples, fmt: Format) -> bytes:
    """Triples in an RDF format (Turtle, N-Triples, JSON-LD, RDF/XML, ...)."""
    kwargs = {}
    if fmt.name in ("turtle", "trig", "rdfxml"):
        kwargs["prefixes"] = PREFIXES
    if fmt.quads:  # N-Quads and TriG of triples: everything in the default graph
        triples = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    return ox.serialize(triples, format=rdf_format(fmt), **kwargs)


def content_type(fmt: Format) -> str:
    """The Content-Type header for ``fmt`` (text types get a charset)."""
    if fmt.media_type.startswith("text/") or fmt.media_type.endswith(("+json", "json")):
        return f"{fmt.media_type}; charset=utf-8"
    return fmt.media_type


__all__ = ["serialize", "serialize_triples", "content_type", "rdf_format", "formats"]
