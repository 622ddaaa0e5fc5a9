"""A Python client for the energy-kg HTTP API, for notebooks and scripts.

>>> from kg.client import Client                                     # doctest: +SKIP
>>> kg = Client("http://127.0.0.1:8000")                             # doctest: +SKIP
>>> kg.sparql("SELECT ?s WHERE { ?s a ekg:Country } LIMIT 3")        # doctest: +SKIP
                                             s
0  https://w3id.org/energy-kg/id/country/AD
...
>>> kg.partners("Japan", topic="nuclear energy")                      # doctest: +SKIP

``sparql()`` gives a pandas DataFrame for SELECT (rows of Python values: str,
int, float, datetime.date ...), a bool for ASK and an rdflib Graph for
CONSTRUCT/DESCRIBE. ``draw()`` and ``timeline()`` return matplotlib figures of an
actor's neighbourhood, of paths and of agreements over time (``pip install
energy-kg[pandas]`` brings matplotlib too). pandas is optional (``pip install energy-kg[pandas]``);
without it SELECT results and the list methods return lists of dicts
(``as_frame=False`` asks for lists in any case). HTTP errors become
:class:`APIError` subclasses carrying the server's message, status and
suggestions.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import httpx

from kg.errors import APIError, AuthError, BadRequest, NotFound, QueryLimit, ServerError

SOLUTIONS_JSON = "application/sparql-results+json"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _error_class(status: int) -> type[APIError]:
    if status in (401, 403):
        return AuthError
    if status == 404:
        return NotFound
    if status == 503:
        return QueryLimit
    if status >= 500:
        return ServerError
    return BadRequest


def _pandas():
    try:
        import pandas  # noqa: PLC0415
    except ImportError:
        return None
    return pandas


def term_value(term: dict) -> Any:
    """A Python value for one SPARQL JSON term (IRIs and strings as str)."""
    kind, value = term.get("type"), term.get("value")
    if kind in ("uri", "bnode"):
        return value
    datatype = term.get("datatype")
    if kind in ("literal", "typed-literal") and datatype and datatype.startswith(XSD):
        from rdflib import Literal, URIRef  # noqa: PLC0415

        converted = Literal(value, datatype=URIRef(datatype)).toPython()
        return value if hasattr(converted, "n3") else converted
    if kind == "triple":
        inner = term["value"]
        return tuple(term_value(inner[k]) for k in ("subject", "predicate", "object"))
    return value


class Client:
    """The API at ``base_url`` (default ``$KG_BASE_URL`` or http://127.0.0.1:8000)."""

    def __init__(self, base_url: str | None = None, token: str | None = None, *,
                 timeout: float = 60.0, transport: httpx.BaseTransport | None = None):
        self.base_url = (base_url or os.environ.get("KG_BASE_URL")
                         or "http://127.0.0.1:8000").rstrip("/")
        self.token = token if token is not None else os.environ.get("KG_API_TOKEN")
        headers = {"User-Agent": "energy-kg-client"}
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, headers=headers,
                                  transport=transport)

    # --- plumbing --------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client({self.base_url!r})"

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _check(self, response: httpx.Response) -> httpx.Response:
        if response.status_code < 400:
            return response
        message, suggestions = response.text.strip(), None
        if response.headers.get("content-type", "").startswith("application/json"):
            try:
                body = response.json()
                message = body.get("message", message)
                suggestions = body.get("suggestions")
            except ValueError:
                pass
        elif "\ndid you mean: " in message:
            message, _, rest = message.partition("\ndid you mean: ")
            suggestions = rest.split(", ")
        raise _error_class(response.status_code)(response.status_code, message or
                                                 response.reason_phrase, suggestions,
                                                 str(response.url))

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        """Any API request; raises :class:`APIError` for error statuses."""
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise ServerError(0, f"no answer from {self.base_url} in time: {exc}") from None
        except httpx.TransportError as exc:
            raise ServerError(0, f"cannot reach {self.base_url}: {exc}") from None
        return self._check(response)

    def get_json(self, path: str, **params) -> Any:
        clean = {k: v for k, v in params.items() if v is not None}
        return self.request("GET", path, params=clean).json()

    def _pages(self, path: str, params: dict, limit: int | None) -> Iterator[dict]:
        """Every item of a paginated list (up to ``limit`` items)."""
        offset, got = 0, 0
        page_size = 1000 if limit is None else min(limit, 1000)
        while True:
            body = self.get_json(path, **params, limit=page_size, offset=offset)
            for item in body["items"]:
                yield item
                got += 1
                if limit is not None and got >= limit:
                    return
            if not body.get("next"):
                return
            offset += len(body["items"])

    def _frame(self, rows: list[dict], as_frame: bool | None, columns: list[str] | None = None):
        pandas = _pandas() if as_frame is not False else None
        if pandas is None:
            if as_frame:
                raise ImportError("pandas is not installed: pip install 'energy-kg[pandas]'")
            return rows
        return pandas.DataFrame(rows, columns=columns)

    # --- SPARQL ------------------------------------------------------------------------------

    def sparql(self, query: str, *, default_graphs: list[str] | None = None,
               named_graphs: list[str] | None = None, as_frame: bool | None = None):
        """Run a query: a DataFrame (or list of dicts) for SELECT, a bool for ASK, an
        rdflib Graph for CONSTRUCT and DESCRIBE."""
        data: list[tuple[str, str]] = [("query", query)]
        data += [("default-graph-uri", g) for g in default_graphs or ()]
        data += [("named-graph-uri", g) for g in named_graphs or ()]
        from urllib.parse import urlencode  # noqa: PLC0415

        response = self.request("POST", "/sparql", content=urlencode(data).encode(), headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": f"{SOLUTIONS_JSON}, application/n-triples;q=0.9"})
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media == "application/n-triples":
            from rdflib import Graph  # noqa: PLC0415

            graph = Graph()
            graph.parse(data=response.content, format="nt")
            return graph
        body = response.json()
        if "boolean" in body:
            return bool(body["boolean"])
        variables = body["head"]["vars"]
        rows = [{v: term_value(b[v]) if v in b else None for v in variables}
                for b in body["results"]["bindings"]]
        return self._frame(rows, as_frame, columns=variables)

    def update(self, update: str) -> dict:
        """Run a SPARQL Update (needs the token)."""
        return self.request("POST", "/update", data={"update": update},
                            headers=self._auth()).json()

    # --- resources ---------------------------------------------------------------------------

    def health(self) -> dict:
        return self.get_json("/health")

    def stats(self) -> dict:
        return self.get_json("/stats")

    def search(self, q: str, type: str | None = None, limit: int = 20) -> list[dict]:
        """Entities whose names match ``q`` (any language, fuzzy), best first."""
        return list(self._pages("/entities", {"q": q, "type": type}, limit))

    def entity(self, name: str) -> dict:
        """Everything about one entity: an IRI, ``kind/key`` or a name (resolved by search)."""
        from kg.namespaces import split_entity_iri  # noqa: PLC0415

        parts = split_entity_iri(name) or (tuple(name.split("/", 1)) if name.count("/") == 1
                                           else None)
        if parts is None:
            hits = self.search(name, limit=1)
            if not hits:
                raise NotFound(404, f"no entity named {name!r}")
            parts = split_entity_iri(hits[0]["iri"])
        return self.get_json(f"/entities/{parts[0]}/{parts[1]}")

    def partners(self, actor: str, topic: str | None = None, since: str | None = None,
                 until: str | None = None, *, as_frame: bool | None = None,
                 details: bool = False):
        """Who cooperates with ``actor``: one row per partner (``details=True``: the full
        records with agreements and evidence, as dicts)."""
        params = {"actor": actor, "topic": topic, "since": since, "until": until}
        if details:  # the agreements, cooperations and evidence behind each partner
            return list(self._pages("/cooperations", {**params, "expand": "agreements"}, None))
        items = list(self._pages("/cooperations", params, None))  # one summary per partner
        rows = [{"partner": p["label"], "iri": p["iri"], "type": p["type"],
                 "country": (p.get("country") or {}).get("label"), "weight": p["weight"],
                 "first": p["first"], "last": p["last"],
                 "agreements": p["agreement_count"], "cooperations": p["cooperation_count"],
                 "topics": ", ".join(t["label"] for t in p["topics"])} for p in items]
        return self._frame(rows, as_frame)

    def cooperations(self, topic: str | None = None, since: str | None = None,
                     until: str | None = None, limit: int | None = None) -> list[dict]:
        """Every cooperating pair (with agreements and evidence) under the filters."""
        return list(self._pages("/cooperations", {"topic": topic, "since": since,
                                                  "until": until}, limit))

    def agreements(self, party: str | None = None, topic: str | None = None,
                   since: str | None = None, until: str | None = None,
                   kind: str | None = None, *, as_frame: bool | None = None,
                   details: bool = False, limit: int | None = None):
        """Agreements, oldest first (``details=True``: full records as dicts)."""
        items = list(self._pages("/agreements", {"party": party, "topic": topic,
                                                 "since": since, "until": until,
                                                 "kind": kind}, limit))
        if details:
            return items
        rows = [{"agreement": a["label"], "iri": a["iri"], "kind": a["kind"], "date": a["date"],
                 "parties": ", ".join(p["label"] for p in a["parties"]),
                 "topics": ", ".join(t["label"] for t in a["topics"])} for a in items]
        return self._frame(rows, as_frame)

    def path(self, source: str, target: str, k: int = 1, *, via: str | None = None,
             topic: str | None = None, since: str | None = None, until: str | None = None,
             max_hops: int | None = None) -> list[dict]:
        """The ``k`` shortest explained paths (dicts with ``text``, ``nodes``, ``hops``)."""
        return self.get_json("/paths", source=source, target=target, k=k, via=via,
                             topic=topic, since=since, until=until,
                             max_hops=max_hops)["paths"]

    def export(self, format: str = "turtle", path: str | Path | IO[bytes] | None = None,
               graph: str | None = None, all_nodes: bool = False) -> bytes | None:
        """The graph in ``format``: bytes, or streamed into ``path`` (a file name or a
        binary file) when given. Graph formats hold only connected nodes unless
        ``all_nodes``."""
        params = {"format": format, **({"graph": graph} if graph else {}),
                  **({"all_nodes": "true"} if all_nodes else {})}
        if path is None:
            return self.request("GET", "/export", params=params).content
        with self._http.stream("GET", "/export", params=params) as response:
            if response.status_code >= 400:
                response.read()
                self._check(response)
            if hasattr(path, "write"):
                for chunk in response.iter_bytes():
                    path.write(chunk)
            else:
                with open(path, "wb") as out:
                    for chunk in response.iter_bytes():
                        out.write(chunk)
        return None

    def to_networkx(self, graph: str = "cooperation", all_nodes: bool = False):
        """The cooperation graph (or ``graph="entity"``) as a NetworkX graph; only the
        nodes with an edge unless ``all_nodes``."""
        from kg.graphio import read_graph  # noqa: PLC0415

        data = self.export("graphml", graph=graph, all_nodes=all_nodes)
        return read_graph("graphml", io.BytesIO(data))

    # --- pictures ----------------------------------------------------------------------------

    def draw(self, what: str | dict | list, *, radius: int = 1, ax=None, seed: int = 7):
        """A matplotlib figure: an actor's neighbourhood (``what`` is a name, ISO code or IRI;
        ``radius=2`` adds the partners' partners), or paths (``what`` is a path or the list
        :meth:`path` returns), drawn with networkx. Nodes are coloured by kind and
        cooperation edges by their main topic, as on the actor pages of the web explorer."""
        import networkx as nx  # noqa: PLC0415

        if isinstance(what, str):
            graph, center = self._neighbourhood(what, radius)
            title = f"{graph.nodes[center]['label']}: partners" + \
                (f" (radius {radius})" if radius > 1 else "")
            return _draw_graph(graph, title, ax=ax, seed=seed, centers={center})
        paths = [what] if isinstance(what, dict) else list(what)
        if not paths:
            raise ValueError("no path to draw")
        graph, pos = nx.DiGraph(), {}
        longest = max(len(p["nodes"]) for p in paths)
        for index, path in enumerate(paths):
            nodes = path["nodes"]
            for i, node in enumerate(nodes):
                if node["iri"] not in graph:
                    graph.add_node(node["iri"], label=node["label"], type=node.get("type", ""))
                    last = i == len(nodes) - 1
                    pos[node["iri"]] = ((longest - 1) if last else i,
                                        -(len(paths) - 1) / 2 if i == 0 or last else -index)
            for i, hop in enumerate(path["hops"]):
                if graph.has_edge(nodes[i]["iri"], nodes[i + 1]["iri"]):
                    continue  # shared with an earlier path: keeps that path's colour
                graph.add_edge(nodes[i]["iri"], nodes[i + 1]["iri"], label=hop["phrase"],
                               color=PATH_COLORS[index % len(PATH_COLORS)])
        first = paths[0]["nodes"]
        title = (f"{first[0]['label']} → {first[-1]['label']}: {len(paths)} "
                 f"path{'s' * (len(paths) != 1)}")
        return _draw_graph(graph, title, ax=ax, pos=pos, centers={first[0]["iri"],
                                                                  first[-1]["iri"]})

    def _neighbourhood(self, actor: str, radius: int):
        import networkx as nx  # noqa: PLC0415

        graph = nx.Graph()
        body = self.get_json("/cooperations", actor=actor, limit=1000)
        center = body["actor"]["iri"]
        graph.add_node(center, label=body["actor"]["label"], type=body["actor"]["type"])
        frontier, seen = [(center, body["items"])], {center}
        for depth in range(radius):
            next_frontier = []
            for node, items in frontier:
                for p in items:
                    if p["iri"] not in graph:
                        graph.add_node(p["iri"], label=p["label"], type=p["type"])
                    topics = p.get("topics") or []
                    graph.add_edge(node, p["iri"], weight=p.get("weight", 1),
                                   color=topic_color(topics[0]["iri"] if topics else None),
                                   topic=topics[0]["label"] if topics else "")
                    if depth + 1 < radius and p["iri"] not in seen:
                        seen.add(p["iri"])
                        more = self.get_json("/cooperations", actor=p["iri"], limit=1000)
                        next_frontier.append((p["iri"], more["items"]))
            frontier = next_frontier
        return graph, center

    def timeline(self, actor: str | None = None, topic: str | None = None,
                 since: str | None = None, until: str | None = None, *, ax=None):
        """A matplotlib figure of agreements over time (of ``actor``, on ``topic``, in a
        window): one row per agreement, a bar as long as its date's precision (a year-only
        date spans the year), coloured by its first topic."""
        import datetime as dt  # noqa: PLC0415

        from kg.view import interval  # noqa: PLC0415

        items = [a for a in self.agreements(party=actor, topic=topic, since=since,
                                            until=until, details=True) if a.get("date")]
        items.sort(key=lambda a: a["date"])
        fig, ax = _axes(ax, height=max(2.0, 0.45 * len(items) + 1.2))
        spans = [tuple(dt.date.fromisoformat(d) for d in interval(a["date"])) for a in items]
        middle = (spans[0][0] + (spans[-1][1] - spans[0][0]) / 2) if spans else None
        for row, (a, (start, end)) in enumerate(zip(items, spans)):
            width = max((end - start).days + 1, 40)
            colour = topic_color(a["topics"][0]["iri"] if a["topics"] else None)
            ax.barh(row, width, left=start, height=0.5, color=colour, alpha=0.85)
            text = f"{a['label']} ({a['date']})"
            if start <= middle - (middle - spans[0][0]) / 3:  # labels point inwards
                ax.text(start + dt.timedelta(days=width + 40), row, text, va="center",
                        fontsize=8)
            else:
                ax.text(start - dt.timedelta(days=40), row, text, va="center", ha="right",
                        fontsize=8)
        ax.set_yticks([])
        ax.invert_yaxis()
        ax.set_title(f"Agreements{' of ' + actor if actor else ''}"
                     f"{' on ' + topic if topic else ''}")
        if items:
            first = dt.date.fromisoformat(interval(items[0]["date"])[0])
            last = dt.date.fromisoformat(interval(items[-1]["date"])[1])
            ax.set_xlim(first - dt.timedelta(days=365), last + dt.timedelta(days=365))
        else:
            ax.text(0.5, 0.5, "no dated agreements", ha="center", transform=ax.transAxes)
        ax.spines[["left", "right", "top"]].set_visible(False)
        return fig

    # --- ingestion ---------------------------------------------------------------------------

    def add_document(self, text: str | bytes | None = None, *, path: str | Path | None = None,
                     language: str | None = None, published: str | None = None,
                     source: str | None = None, title: str | None = None) -> dict:
        """Extract a document's facts into the graph (needs the token); returns what was
        added (``key``, ``graph``, ``triples``, ``agreements``, ``extraction`` ...)."""
        fields = {k: v for k, v in (("language", language), ("published", published),
                                    ("source", source), ("title", title)) if v}
        if path is not None:
            content = Path(path).read_bytes()
            name = Path(path).name
        elif text is not None:
            content = text.encode("utf-8") if isinstance(text, str) else text
            name = "document.txt"
        else:
            raise ValueError("give the document as text or path")
        files = {"file": (name, content, "text/plain")}
        return self.request("POST", "/documents", data=fields, files=files,
                            headers=self._auth()).json()

    def delete_document(self, key: str) -> dict:
        """Remove a document's graph (needs the token)."""
        return self.request("DELETE", f"/documents/{key}", headers=self._auth()).json()

    def documents(self) -> list[dict]:
        return self.get_json("/documents")["items"]


# --- drawing helpers (the colours of the web explorer, api/static/explorer.js) ---------------

TYPE_COLORS = {"Country": "#1f77b4", "Region": "#17a2b8", "Organization": "#ff7f0e",
               "Person": "#9467bd", "Topic": "#2ca02c", "Place": "#8c564b",
               "Document": "#7f7f7f"}
TOPIC_PALETTE = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6",
                 "#9a6324", "#469990", "#808000", "#000075", "#bfef45")
PATH_COLORS = ("#0b62c4", "#d9480f", "#2b8a3e", "#862e9c", "#c2255c", "#5c940d")


def topic_color(iri: str | None) -> str:
    """The colour of a topic, the same as in the browser (a hash of its IRI).

    >>> topic_color("https://w3id.org/energy-kg/id/topic/hydrogen").startswith("#")
    True
    """
    if not iri:
        return "#9aa5b1"
    h = 0
    for ch in iri:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return TOPIC_PALETTE[h % len(TOPIC_PALETTE)]


def _axes(ax, height: float = 5.0, width: float = 9.0):
    """A figure and axes (``ax``'s own figure when given); the figure is closed for pyplot,
    so a notebook shows it once, as the cell's value."""
    if ax is not None:
        return ax.figure, ax
    import matplotlib.pyplot as plt  # noqa: PLC0415

    fig, ax = plt.subplots(figsize=(width, height))
    plt.close(fig)
    return fig, ax


def _draw_graph(graph, title: str, *, ax=None, pos=None, seed: int = 7, centers=()):
    import networkx as nx  # noqa: PLC0415

    if pos is None:
        fig, ax = _axes(ax, height=5.5)
    else:
        steps = max(p[0] for p in pos.values()) + 1
        fig, ax = _axes(ax, height=1.5 + 1.3 * len({p[1] for p in pos.values()}),
                        width=max(9.0, 1.9 * steps))
    if pos is None:
        pos = nx.spring_layout(graph, seed=seed, k=1.2 / max(len(graph), 1) ** 0.5)
    colours = [TYPE_COLORS.get(d.get("type"), "#a0a7b0") for _, d in graph.nodes(data=True)]
    sizes = [700 if n in centers else 320 for n in graph]
    shapes = {n: ("o" if d.get("type") in TYPE_COLORS else "s") for n, d in graph.nodes(data=True)}
    for shape in set(shapes.values()):
        nodes = [n for n in graph if shapes[n] == shape]
        nx.draw_networkx_nodes(graph, pos, nodelist=nodes, ax=ax, node_shape=shape,
                               node_color=[colours[list(graph).index(n)] for n in nodes],
                               node_size=[sizes[list(graph).index(n)] for n in nodes])
    edge_colours = [d.get("color", "#8a97a6") for _, _, d in graph.edges(data=True)]
    widths = [1.0 + min(d.get("weight", 1), 6) for _, _, d in graph.edges(data=True)]
    nx.draw_networkx_edges(graph, pos, ax=ax, edge_color=edge_colours, width=widths,
                           arrows=graph.is_directed(), node_size=sizes)
    labels = {n: d.get("label", n) for n, d in graph.nodes(data=True)}
    if graph.is_directed():
        import textwrap  # noqa: PLC0415

        labels = {n: textwrap.fill(lab if len(lab) <= 60 else lab[:58] + "…", 20)
                  for n, lab in labels.items()}
        nx.draw_networkx_edge_labels(graph, pos, ax=ax, font_size=7, edge_labels={
            (u, v): d.get("label", "") for u, v, d in graph.edges(data=True)})
    nx.draw_networkx_labels(graph, pos, labels=labels, ax=ax, font_size=8,
                            verticalalignment="top")
    topics = {d["topic"]: d["color"] for _, _, d in graph.edges(data=True) if d.get("topic")}
    kinds = sorted({d.get("type") for _, d in graph.nodes(data=True)
                    if d.get("type") in TYPE_COLORS})
    from matplotlib.lines import Line2D  # noqa: PLC0415

    handles = [Line2D([], [], marker="o", linestyle="", color=TYPE_COLORS[k], label=k)
               for k in kinds]
    handles += [Line2D([], [], color=c, linewidth=3, label=t) for t, c in topics.items()]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
                  frameon=False)
    ax.set_title(title)
    ax.margins(0.15)
    ax.axis("off")
    fig.tight_layout()
    return fig


__all__ = ["Client", "APIError", "BadRequest", "AuthError", "NotFound", "QueryLimit",
           "ServerError", "term_value", "topic_color"]
