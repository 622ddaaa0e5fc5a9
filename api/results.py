"""Serialising query results in the negotiated format.

SELECT results go through pyoxigraph's own writers (:func:`write_solutions`):
the live result is serialised in the worker thread into a :class:`CappedWriter`,
which keeps the bytes, counts the rows as they are written (a small scanner
per format, see :class:`RowCounter`) and stops the serialiser as soon as the
result passes the row cap or the deadline. That costs a few passes of C-level
``bytes`` methods per 8 KiB chunk instead of Python work per row.

Finished results (``api.runner.Outcome``: rows collected in Python, booleans,
graphs) are written by :func:`serialize`; the Python writers follow the W3C
SPARQL 1.1 result formats, graphs use pyoxigraph's writers.

>>> out = Outcome("solutions", variables=["x"], rows=[(ox.Literal("a,b"),)])
>>> serialize(out, formats.by_name("sparql-csv"))
b'x\\r\\n"a,b"\\r\\n'
"""

from __future__ import annotations

import json
import time
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from api.runner import Outcome, evaluation_errors, row_cap_message, timeout_message
from kg import formats
from kg.formats import Format
from kg.errors import QueryLimitError
from kg.namespaces import SERIALIZATION_PREFIXES

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
        kwargs["prefixes"] = SERIALIZATION_PREFIXES
    if fmt.quads:  # N-Quads and TriG of triples: everything in the default graph
        triples = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    return ox.serialize(triples, format=rdf_format(fmt), **kwargs)


class RowCounter:
    """Counts the solutions in a SPARQL results document fed to it in chunks.

    Each chunk is scanned with ``bytes`` methods only; what a scanner needs from
    the previous chunk is carried over, so the count does not depend on where
    the chunks are cut. ``feed`` returns the solutions seen so far (begun, for
    JSON and XML; ended, for CSV and TSV); ``total`` the final count.

    >>> c = RowCounter.of("sparql-json")
    >>> c.feed(b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal",')
    1
    >>> c.feed(b'"value":"a},{b"}},{}]}}')
    1
    >>> c.total()
    2
    """

    @staticmethod
    def of(name: str) -> RowCounter:
        return {"sparql-json": JsonRows, "sparql-xml": XmlRows, "sparql-csv": CsvRows,
                "sparql-tsv": TsvRows}[name]()

    def feed(self, chunk: bytes) -> int:
        raise NotImplementedError

    def total(self) -> int:
        raise NotImplementedError


class JsonRows(RowCounter):
    """SPARQL JSON: outside strings, ``[{`` begins the first solution and ``},{`` each next one.

    Objects elsewhere are always preceded by a key (``"x":{``), and the only other
    array holds strings, so these two patterns occur only in the bindings array
    once strings are taken out. A string is taken out by splitting at its
    unescaped quotes, after removing escaped backslashes and quotes; an odd
    backslash at the end of a chunk waits for the next one. The text after the
    last quote of a chunk is counted with the next chunk (or by ``total``).
    """

    def __init__(self) -> None:
        self.rows = 0
        self.in_string = False
        self.carry = b""  # the text outside strings after the last quote, or a lone backslash

    def feed(self, chunk: bytes) -> int:
        data = self.carry + chunk if self.carry else chunk
        tail = b""
        if data.endswith(b"\\") and (len(data) - len(data.rstrip(b"\\"))) % 2:
            data, tail = data[:-1], b"\\"
        if b"\\" in data:
            data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
        parts = data.split(b'"')
        outside = parts[1::2] if self.in_string else parts[0::2]
        if len(parts) % 2 == 0:
            self.in_string = not self.in_string
        if self.in_string:
            self.carry = tail
        else:  # the text after the last quote may end in the middle of a pattern
            self.carry = outside.pop()
        self.rows += self._count(b"\0".join(outside))
        return self.rows

    @staticmethod
    def _count(text: bytes) -> int:
        return text.count(b"[{") + text.count(b"},{")

    def total(self) -> int:
        return self.rows + (0 if self.in_string else self._count(self.carry))


class XmlRows(RowCounter):
    """SPARQL XML: one ``<result>`` tag per solution (``<`` in text is always escaped)."""

    TAG = b"<result>"

    def __init__(self) -> None:
        self.rows = 0
        self.carry = b""

    def feed(self, chunk: bytes) -> int:
        data = self.carry + chunk
        self.rows += data.count(self.TAG)
        self.carry = data[-(len(self.TAG) - 1):]
        return self.rows

    def total(self) -> int:
        return self.rows


class TsvRows(RowCounter):
    """SPARQL TSV: one line per solution after the header (newlines in terms are escaped)."""

    def __init__(self) -> None:
        self.lines = 0

    def feed(self, chunk: bytes) -> int:
        self.lines += chunk.count(b"\n")
        return max(0, self.lines - 1)

    def total(self) -> int:
        return max(0, self.lines - 1)


class CsvRows(TsvRows):
    """SPARQL CSV: line ends outside quoted fields (quotes inside fields are doubled)."""

    def __init__(self) -> None:
        super().__init__()
        self.quoted = False

    def feed(self, chunk: bytes) -> int:
        if b'"' not in chunk:
            if not self.quoted:
                self.lines += chunk.count(b"\n")
            return max(0, self.lines - 1)
        parts = chunk.split(b'"')
        self.lines += b"".join(parts[1::2] if self.quoted else parts[0::2]).count(b"\n")
        if len(parts) % 2 == 0:
            self.quoted = not self.quoted
        return max(0, self.lines - 1)


class CappedWriter:
    """A binary writer for pyoxigraph's serialisers that stops them at the row cap or deadline.

    pyoxigraph writes in chunks of 8 KiB; each is kept, counted, and followed by a
    check of the row cap and the clock, so a result past either stops within one
    chunk (the exception raised here comes out of ``serialize``).
    """

    def __init__(self, counter: RowCounter, *, max_rows: int, deadline: float,
                 timeout: float):
        self.chunks: list[bytes] = []
        self.counter = counter
        self.max_rows = max_rows
        self.deadline = deadline
        self.timeout = timeout

    def write(self, chunk: bytes) -> int:
        self.chunks.append(chunk)
        if self.counter.feed(chunk) > self.max_rows:
            raise QueryLimitError(row_cap_message(self.max_rows))
        if time.monotonic() > self.deadline:
            raise QueryLimitError(timeout_message(self.timeout))
        return len(chunk)

    def flush(self) -> None:
        pass

    def close(self) -> tuple[bytes, int]:
        """The whole document and its number of solutions, after the last checks."""
        rows = self.counter.total()
        if rows > self.max_rows:
            raise QueryLimitError(row_cap_message(self.max_rows))
        if time.monotonic() > self.deadline:
            raise QueryLimitError(timeout_message(self.timeout))
        return b"".join(self.chunks), rows


def write_solutions(solutions: ox.QuerySolutions, fmt: Format, *, max_rows: int,
                    deadline: float, timeout: float) -> tuple[bytes, int]:
    """A live SELECT result in ``fmt`` by pyoxigraph's writer, and its number of rows.

    Raises :class:`~kg.errors.QueryLimitError` past ``max_rows`` rows or ``deadline``.
    """
    writer = CappedWriter(RowCounter.of(fmt.name), max_rows=max_rows, deadline=deadline,
                          timeout=timeout)
    with evaluation_errors():
        solutions.serialize(writer, format=fmt.oxigraph)
    return writer.close()


def content_type(fmt: Format) -> str:
    """The Content-Type header for ``fmt`` (text types get a charset)."""
    if fmt.media_type.startswith("text/") or fmt.media_type.endswith(("+json", "json")):
        return f"{fmt.media_type}; charset=utf-8"
    return fmt.media_type


__all__ = ["serialize", "write_solutions", "serialize_triples", "content_type", "rdf_format", "formats"]
