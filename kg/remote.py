"""A remote SPARQL 1.1 endpoint that behaves like the part of ``pyoxigraph.Store`` we use.

:class:`kg.store.Store` uses this for locations that are URLs, so its callers
do not know whether the quads are local or on a server. Queries go over the
SPARQL 1.1 Protocol; SELECT and ASK results come back as pyoxigraph objects
(parsed with ``pyoxigraph.parse_query_results``), CONSTRUCT results as a real
``pyoxigraph.QueryTriples``; writes go over SPARQL 1.1 Update, and whole-store
replacement over the Graph Store Protocol (``PUT`` of N-Quads) where the server
offers it.

After every write this client also replaces the endpoint's *revision marker*:
an empty named graph ``urn:kg:revision:<time>-<random>`` (the markers there
were are dropped and a new one is created, in one update request sent after
the write, :meth:`RemoteEndpoint.bump`). Other processes over the same endpoint (the API's index,
:mod:`kg.remote_view`) poll :meth:`RemoteEndpoint.markers` to learn that a
client of this library wrote, without counting or reading any data. An empty
graph has no quads: exports, counts and ``GRAPH ?g { ?s ?p ?o }`` never see it;
only a listing of graph names (``GRAPH ?g {}``) does.

Location forms: ``http://host:7878`` (an Oxigraph server: ``/query``,
``/update``, ``/store``) or the query URL itself, e.g.
``https://example.org/sparql`` (update at the same URL unless
``KG_UPDATE_URL`` says otherwise; no Graph Store Protocol).

"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from kg.errors import QuerySyntaxError, StoreError

RESULTS_JSON = "application/sparql-results+json"
RESULTS_TSV = "text/tab-separated-values"
NQUADS = "application/n-quads"
NTRIPLES = "application/n-triples"
MARKER = "urn:kg:revision:"  # the revision markers: empty named graphs with this prefix
MARKERS_QUERY = (f"SELECT ?g ?n WHERE {{ {{ SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{}} }} }} "
                 f"UNION {{ GRAPH ?g {{}} FILTER(STRSTARTS(STR(?g), \"{MARKER}\")) }} }}")


class RemoteEndpoint:
    """Query, update and bulk-replace a dataset behind SPARQL 1.1 HTTP endpoints."""

    # Whether the endpoint's own default graph is the union of its named graphs (kept so by
    # kg.store.Store's writes); kg.store.query_options reads it. False: ask for Oxigraph's
    # union switch instead, which repeats a triple once per graph that states it.
    merged_default_graph = True

    def __init__(self, url: str, *, timeout: float = 60.0):
        url = url.rstrip("/")
        if url.endswith("/query") or url.endswith("/sparql"):
            self.query_url = url
            self.update_url = os.environ.get("KG_UPDATE_URL") or (
                url[: -len("/query")] + "/update" if url.endswith("/query") else url)
            self.store_url = url[: -len("/query")] + "/store" if url.endswith("/query") else None
        else:  # a server root: Oxigraph's layout
            self.query_url, self.update_url, self.store_url = (
                f"{url}/query", f"{url}/update", f"{url}/store")
        self._http = httpx.Client(timeout=timeout)

    # --- HTTP ------------------------------------------------------------------------

    def _post(self, url: str, data: dict | None = None, **kwargs) -> httpx.Response:
        try:
            response = self._http.post(url, data=data, **kwargs)
        except httpx.HTTPError as exc:
            raise StoreError(f"SPARQL endpoint {url} unreachable: {exc}") from exc
        return self._checked(response)

    @staticmethod
    def _checked(response: httpx.Response) -> httpx.Response:
        if response.status_code == 400:
            raise QuerySyntaxError(response.text.strip() or "the endpoint rejected the request")
        if response.status_code >= 400:
            raise StoreError(f"SPARQL endpoint answered {response.status_code}: "
                             f"{response.text.strip()[:500]}")
        return response

    # --- the pyoxigraph.Store subset -------------------------------------------------

    def query(self, sparql: str, *, prefixes: dict[str, str] | None = None,
              use_default_graph_as_union: bool = False, default_graph=None,
              named_graphs=None):
        """Run a query remotely; results are pyoxigraph objects as from a local store."""
        form: list[tuple[str, str]] = [("query", _prologue(prefixes) + sparql)]
        form += [("default-graph-uri", g.value) for g in default_graph or []]
        form += [("named-graph-uri", g.value) for g in named_graphs or []]
        if use_default_graph_as_union and not default_graph:
            form.append(("union-default-graph", ""))  # Oxigraph's switch; others ignore it
        response = self._post(self.query_url, content=urlencode(form), headers={
            "Accept": f"{RESULTS_JSON}, {NTRIPLES};q=0.9",
            "Content-Type": "application/x-www-form-urlencoded"})
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        if media_type == RESULTS_JSON:
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        staged = ox.Store()
        staged.extend(ox.Quad(t.subject, t.predicate, t.object)
                      for t in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        return staged.query("CONSTRUCT WHERE { ?s ?p ?o }")

    def select_tsv(self, sparql: str, *, union: bool | None = None) -> str:
        """A SELECT's results as SPARQL TSV text (terms as in N-Triples), for readers that
        parse rows themselves (:mod:`kg.remote_view`). ``union`` asks for Oxigraph's union
        default graph (default: when the endpoint's default graph is not kept merged)."""
        form: list[tuple[str, str]] = [("query", sparql)]
        if union if union is not None else not self.merged_default_graph:
            form.append(("union-default-graph", ""))
        # The body is read into a buffer of our own and the response keeps none: an httpx
        # response sits in reference cycles, so what it keeps waits for the cyclic
        # collector, which an index build pauses (tens of MB per result at a million quads).
        try:
            with self._http.stream("POST", self.query_url, content=urlencode(form), headers={
                    "Accept": RESULTS_TSV,
                    "Content-Type": "application/x-www-form-urlencoded"}) as response:
                if response.status_code >= 400:
                    response.read()
                    self._checked(response)
                media_type = response.headers.get("content-type", "").split(";")[0].strip()
                if media_type != RESULTS_TSV:
                    raise StoreError(f"SPARQL endpoint {self.query_url} does not answer in TSV "
                                     f"({media_type or 'no content type'})")
                body = b"".join(response.iter_bytes())
        except httpx.HTTPError as exc:
            raise StoreError(f"SPARQL endpoint {self.query_url} unreachable: {exc}") from exc
        return body.decode(response.encoding or "utf-8")

    def markers(self) -> tuple[int, tuple[str, ...]]:
        """The number of named graphs and the revision markers, in one small query (the
        graph names are listed, no quad is read)."""
        count, names = 0, []
        for row in self.query(MARKERS_QUERY):
            if row["n"] is not None:
                count = int(row["n"].value)
            elif row["g"] is not None:
                names.append(row["g"].value)
        return count, tuple(sorted(names))

    def bump(self) -> None:
        """Replace the revision markers (after a write): drop those there are, create a new
        one. A separate request after the write, so a user's update text is sent as it is."""
        _, old = self.markers()
        new = f"{MARKER}{time.time_ns():x}-{uuid.uuid4().hex[:8]}"
        operations = [f"DROP SILENT GRAPH <{m}>" for m in old] + [f"CREATE SILENT GRAPH <{new}>"]
        self._post(self.update_url, data={"update": " ;\n".join(operations)})

    def update(self, sparql: str, *, prefixes: dict[str, str] | None = None) -> None:
        self._post(self.update_url, data={"update": _prologue(prefixes) + sparql})
        self._bump_quietly()

    def _bump_quietly(self) -> None:
        """:meth:`bump`, whose failure (an endpoint without empty named graphs ...) must not
        turn a write that happened into an error: readers then see it at their next full
        refresh instead."""
        try:
            self.bump()
        except (StoreError, QuerySyntaxError):
            pass

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        staged = _staged(quads)
        if len(staged):
            self.update(f"INSERT DATA {{ {_insert_body(staged)} }}")

    bulk_extend = extend

    def replace(self, quads: Iterable[ox.Quad]) -> None:
        """Replace the whole dataset in one request."""
        staged = _staged(quads)
        if self.store_url:
            try:
                response = self._http.put(self.store_url,
                                          content=staged.dump(format=ox.RdfFormat.N_QUADS),
                                          headers={"Content-Type": NQUADS})
            except httpx.HTTPError as exc:
                raise StoreError(f"SPARQL endpoint {self.store_url} unreachable: {exc}") from exc
            self._checked(response)
            self._bump_quietly()
        else:
            self.update(f"CLEAR ALL ;\nINSERT DATA {{ {_insert_body(staged)} }}")

    def contains_named_graph(self, graph: ox.NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}"))

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH <{graph.value}>")

    def quads_for_pattern(self, subject=None, predicate=None, obj=None,
                          graph=None) -> Iterator[ox.Quad]:
        """The quads matching a pattern (None matches anything), as pyoxigraph finds them.

        ``graph=None`` matches the default graph too, ``DefaultGraph()`` only it.
        """
        terms = {"s": subject, "p": predicate, "o": obj, "g": graph}
        pattern = {name: (str(term) if term is not None else f"?{name}")
                   for name, term in terms.items()}  # pyoxigraph terms print as N-Triples
        triple = f"{pattern['s']} {pattern['p']} {pattern['o']}"
        if isinstance(graph, ox.DefaultGraph):
            where = triple
        elif graph is None:
            where = f"{{ {triple} }} UNION {{ GRAPH ?g {{ {triple} }} }}"
        else:
            where = f"GRAPH {pattern['g']} {{ {triple} }}"
        rows = self.query(f"SELECT * WHERE {{ {where} }}")
        return (ox.Quad(*(term if term is not None else
                          row[name] if name != "g" or row["g"] is not None else ox.DefaultGraph()
                          for name, term in terms.items()))
                for row in rows)

    def _snapshot(self) -> ox.Store:
        local = ox.Store()
        if self.store_url:
            try:
                response = self._http.get(self.store_url, headers={"Accept": NQUADS})
            except httpx.HTTPError as exc:
                raise StoreError(f"SPARQL endpoint {self.store_url} unreachable: {exc}") from exc
            local.load(self._checked(response).content, format=ox.RdfFormat.N_QUADS)
        else:
            rows = self.query("SELECT ?s ?p ?o ?g WHERE { { GRAPH ?g { ?s ?p ?o } } "
                              "UNION { ?s ?p ?o } }")
            default = ox.DefaultGraph()
            local.extend(ox.Quad(r["s"], r["p"], r["o"], r["g"] or default) for r in rows)
        return local

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self._snapshot())

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)

    def dump(self, output=None, format=None, **kwargs):  # noqa: A002 - pyoxigraph's name
        return self._snapshot().dump(output, format, **kwargs)

    def flush(self) -> None:
        """Nothing to flush: the server commits each request."""

    def close(self) -> None:
        self._http.close()


def _prologue(prefixes: dict[str, str] | None) -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())


def _staged(quads: Iterable[ox.Quad]) -> ox.Store:
    staged = ox.Store()
    staged.extend(quads)
    return staged


def _insert_body(staged: ox.Store) -> str:
    """The data block of an INSERT DATA: default-graph triples, then one GRAPH block each."""
    parts = [staged.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode()]
    for graph in staged.named_graphs():
        body = staged.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).decode()
        parts.append(f"GRAPH <{graph.value}> {{\n{body}}}")
    return "\n".join(parts)
