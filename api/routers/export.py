"""``/export?format=``: the whole graph (or one named graph) in any RDF or graph format.

RDF formats are written by Oxigraph in a background thread and streamed to the
client as they are produced; graph formats (GraphML, GEXF, Cytoscape JSON, CSV
edge list) are written from the NetworkX view. The response carries the
format's media type and a ``Content-Disposition`` filename. JSON-LD is
compacted with the project's context (``kg.export.write_rdf``); graph formats
hold only the nodes with an edge unless ``all_nodes=true``.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api import negotiation
from api.deps import get_store
from api.errors import NotAcceptable
from api.headers import attachment
from api.results import content_type
from kg import formats
from kg.errors import InputError, NotFoundError
from kg.export import write_rdf
from kg.graphio import write_graph
from kg.namespaces import GRAPH
from kg.remote_view import get_view

router = APIRouter(tags=["export"])

CHUNK = 64 * 1024
_NAMES = ", ".join(f.name for f in formats.FORMATS if f.kind in ("rdf", "graph"))
# By Accept: the quad formats (every named graph) first, then the triple formats.
_OFFERS = tuple(o for o in negotiation.GRAPH if o.format.quads) + negotiation.GRAPH


class _Pipe(io.RawIOBase):
    """A binary file whose writes are read, chunk by chunk, from another thread."""

    def __init__(self) -> None:
        super().__init__()
        self.queue: queue.Queue = queue.Queue(maxsize=64)
        self.buffer = bytearray()
        self.abandoned = False

    def write(self, data) -> int:
        if self.abandoned:
            raise BrokenPipeError("the client went away")
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.buffer += data
        if len(self.buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if not self.buffer:
            return
        chunk = bytes(self.buffer)
        self.buffer.clear()
        while True:  # a reader that went away must not leave the writer blocked forever
            try:
                self.queue.put(chunk, timeout=0.5)
                return
            except queue.Full:
                if self.abandoned:
                    raise BrokenPipeError("the client went away") from None

    def writable(self) -> bool:
        return True


def stream(writer) -> Iterator[bytes]:
    """Run ``writer(out)`` in a thread and yield what it writes (a sync iterator)."""
    pipe = _Pipe()
    done = object()

    def run() -> None:
        try:
            writer(pipe)
            pipe.flush()
            pipe.queue.put(done)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the reading thread
            pipe.queue.put(exc)

    thread = threading.Thread(target=run, name="kg-export", daemon=True)
    thread.start()
    try:
        while True:
            item = pipe.queue.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        pipe.abandoned = True
        while not pipe.queue.empty():  # unblock a writer waiting on a full queue
            try:
                pipe.queue.get_nowait()
            except queue.Empty:
                break


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _graph_iri(graph: str | None) -> str | None:
    if not graph:
        return None
    if any(c in graph for c in ' <>"{}|\\^`'):
        raise InputError(f"not a graph name or IRI: {graph!r}")
    if graph.startswith(("http://", "https://", "urn:")):
        return graph
    return str(GRAPH[graph])  # short names: curated, derived, extracted/{key}, ...


@router.get(
    "/export",
    summary="Export the graph in an RDF or graph format (streamed)",
    responses={200: {"description": "The serialisation, with a filename", "content": {
        f.media_type: {} for f in formats.FORMATS if f.kind in ("rdf", "graph")}}},
)
async def export(
    request: Request,
    format: Annotated[str | None, Query(
        description=f"One of {_NAMES} (or an alias). Without it, the Accept header decides; "
                    "the default is TriG (all named graphs).",
        examples=["turtle", "nquads", "graphml"])] = None,
    graph: Annotated[str | None, Query(
        description="RDF formats: only this named graph (an IRI or a short name such as "
                    "'curated', 'derived', 'extracted/{key}'). Graph formats: 'cooperation' "
                    "(default) or 'entity'.")] = None,
    all_nodes: Annotated[bool, Query(
        description="Graph formats: also write the nodes without an edge (gazetteer entries "
                    "that cooperate with no one). Default: only connected nodes.")] = False,
) -> StreamingResponse:
    store = get_store(request)
    if format:
        fmt = formats.by_name(format, ("rdf", "graph"))
    else:
        fmt = negotiation.pick(request.headers.get("accept"), _OFFERS)
        if fmt is None:
            raise NotAcceptable("none of the accepted types is an export format; "
                                f"use ?format= with one of {_NAMES}")
    if fmt.kind == "rdf":
        target = _graph_iri(graph)
        exists = f"ASK {{ GRAPH <{target}> {{ ?s ?p ?o }} }}"
        if target is not None and not bool(store.query(exists)):
            raise NotFoundError(f"no named graph {target}",
                                suggestions=sorted(store.graphs())[:10])
        name = "energy-kg" if target is None else "energy-kg-" + target.rsplit("graph/", 1)[-1]

        def writer(out) -> None:
            write_rdf(store, out, fmt, graph=target)
    else:
        kind = graph or "cooperation"
        if kind not in ("cooperation", "entity"):
            raise InputError("graph formats export graph=cooperation or graph=entity")
        if kind == "entity" and store.backend == "remote":
            raise InputError("graph=entity is not available over a remote store (its index "
                             "leaves the person layer out); export the RDF instead")
        view = get_view(store)
        name = f"energy-kg-{kind}"

        def writer(out) -> None:
            write_graph(view, fmt.name, out, graph=kind, all_nodes=all_nodes)
    filename = (name.replace("/", "-") + fmt.extension)
    chunks = stream(writer)
    # The first chunk is read before answering, so a failure at the start is a proper
    # error response rather than a cut-off 200.
    first = await run_in_threadpool(next, chunks, b"")
    return StreamingResponse(_prepend(first, chunks), media_type=content_type(fmt), headers={
        "Content-Disposition": attachment(filename),
        "X-KG-Revision": str(store.revision),
    })
