"""`kg partners`, `kg agreements`, `kg path`, `kg central`, `kg neighbours`, `kg communities`:
questions answered from the NetworkX view of the store (see :mod:`kg.query`)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kg import query as q
from kg.cli.app import StoreOption, app, console, handles_errors
from kg.store import Store
from kg.namespaces import compact
from kg.view import View, get_view

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
TopicOption = Annotated[str | None, typer.Option(
    "--topic", "-t", help="Only agreements about this topic or a narrower one.")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="Only agreements dated in or after YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", help="Only agreements dated in or before YYYY, YYYY-MM or YYYY-MM-DD.")]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", help="At most this many rows.")]


PendingOption = Annotated[bool, typer.Option(
    "--include-pending", help="Count the facts waiting on the review queue (kg review) too.")]


def _view(location: str | None, include_pending: bool = False) -> View:
    return get_view(Store(location, read_only=True), include_pending=include_pending)


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _filters(topic: str | None, since: str | None, until: str | None) -> str:
    parts = []
    if topic:
        parts.append(f"topic {topic}")
    if since:
        parts.append(f"since {since}")
    if until:
        parts.append(f"until {until}")
    return f" ({', '.join(parts)})" if parts else ""


def _dated(label: str, date: str | None, prefix: str = "") -> str:
    return escape(f"{label} ({prefix}{date})" if date else label)


@app.command()
@handles_errors
def partners(
    actor: Annotated[str, typer.Argument(help="A country, region or organization: name, ISO code or IRI.")],
    topic: TopicOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    include_pending: PendingOption = False,
) -> None:
    """Who cooperates with ACTOR: partners with agreements, topics, dates and evidence."""
    view = _view(store, include_pending)
    center = q.resolve(view, actor)
    found = q.partners(view, center.iri, topic=topic, since=since, until=until, limit=limit)
    if as_json:
        _print_json({"actor": center.to_dict(), "topic": topic, "since": since, "until": until,
                     "partners": [p.to_dict() for p in found]})
        return
    table = Table(title=escape(f"Partners of {center.label}{_filters(topic, since, until)}"),
                  show_lines=True)
    table.add_column("Partner", ratio=2)
    table.add_column("Agreements and cooperations", ratio=4)
    table.add_column("Topics", ratio=2)
    table.add_column("First", no_wrap=True)
    table.add_column("Last", no_wrap=True)
    for p in found:
        where = f"{p.type}, {p.country.label}" if p.country else p.type
        basis = [_dated(a.label, a.date) for a in p.agreements]
        basis += [_dated(c.label, c.date, "since ") for c in p.cooperations]
        table.add_row(f"[bold]{escape(p.label)}[/]\n[dim]{escape(where)}[/]", "\n".join(basis),
                      escape(", ".join(t.label for t in p.topics)), p.first or "", p.last or "")
    console.print(table)
    console.print(f"{len(found)} partner(s)")


@app.command()
@handles_errors
def agreements(
    party: Annotated[str | None, typer.Option("--party", "-p", help="Only agreements this actor is party to.")] = None,
    topic: TopicOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", "-k", help="memorandum, agreement, declaration_of_intent, treaty, partnership, contract.")] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    include_pending: PendingOption = False,
) -> None:
    """Agreements, oldest first, filtered by party, topic, date window and kind."""
    view = _view(store, include_pending)
    found = q.agreements(view, party=party, topic=topic, since=since, until=until, kind=kind,
                         limit=limit)
    if as_json:
        _print_json([a.to_dict() for a in found])
        return
    title = "Agreements" + (f" of {q.resolve(view, party).label}" if party else "")
    if kind:
        title += f" [{kind}]"
    table = Table(title=escape(title + _filters(topic, since, until)), show_lines=True)
    for name in ("Date", "Agreement", "Kind", "Parties", "Signatories", "Topics"):
        table.add_column(name)
    for a in found:
        table.add_row(a.date or "", escape(a.label), a.kind or "",
                      escape("\n".join(p.label for p in a.parties)),
                      escape("\n".join(s.label for s in a.signatories)),
                      escape(", ".join(t.label for t in a.topics)))
    console.print(table)
    console.print(f"{len(found)} agreement(s)")


@app.command()
@handles_errors
def path(
    source: Annotated[str, typer.Argument(metavar="A", help="Where the path starts.")],
    target: Annotated[str, typer.Argument(metavar="B", help="Where the path ends.")],
    k: Annotated[int, typer.Option("-k", help="How many alternative paths (shortest first).")] = 1,
    via: Annotated[str | None, typer.Option("--via", help="Pass through this entity.")] = None,
    topic: TopicOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    max_hops: Annotated[int | None, typer.Option("--max-hops", help="At most this many hops.")] = None,
    edge_kinds: Annotated[str | None, typer.Option(
        "--edge-kinds", "-e",
        help="Relations to follow, comma-separated (party,partOf,...), or 'all'.")] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    include_pending: PendingOption = False,
) -> None:
    """The shortest paths between two entities, every hop explained (exit 1 if none)."""
    view = _view(store, include_pending)
    found = q.path(view, source, target, k=k, via=via, topic=topic, since=since, until=until,
                   max_hops=max_hops, edge_kinds=edge_kinds)
    if as_json:
        _print_json([p.to_dict() for p in found])
        return
    for number, p in enumerate(found, 1):
        console.print(f"[bold]Path {number}[/] ({p.length} hop{'s' if p.length != 1 else ''})")
        console.print(escape(p.text), highlight=False)
        table = Table(show_header=True, box=None, padding=(0, 1))
        for name in ("#", "From", "Relation", "To", "Predicate"):
            table.add_column(name)
        for i, hop in enumerate(p.hops, 1):
            relation = f"{hop.phrase} →" if hop.text.startswith(
                f"{hop.source.label} — ") else f"← {hop.phrase}"
            table.add_row(str(i), escape(f"{hop.source.label} ({hop.source.type})"), escape(relation),
                          escape(f"{hop.target.label} ({hop.target.type})"),
                          escape(compact(hop.predicate)))
        console.print(table)
        if number < len(found):
            console.print()


@app.command()
@handles_errors
def central(
    kind: Annotated[str, typer.Option("--kind", help="degree, betweenness or pagerank.")] = "degree",
    top: Annotated[int, typer.Option("--top", "-n", help="How many actors.")] = 20,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", help="Only actors of this class (Country, Region, Organization); repeatable.")] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
    include_pending: PendingOption = False,
) -> None:
    """The most central actors of the cooperation graph."""
    view = _view(store, include_pending)
    scores = q.centrality(view, kind, top=top, types=set(type_) if type_ else None)
    if as_json:
        _print_json({"kind": kind, "scores": [s.to_dict() for s in scores]})
        return
    table = Table(title=f"Most central actors by {kind}")
    for name, justify in (("Rank", "right"), ("Actor", "left"), ("Type", "left"),
                          ("Score", "right")):
        table.add_column(name, justify=justify)
    for s in scores:
        table.add_row(str(s.rank), escape(s.entity.label), s.entity.type, f"{s.score:.4f}")
    console.print(table)


@app.command()
@handles_errors
def neighbours(
    entity: Annotated[str, typer.Argument(help="Any entity: name, code or IRI.")],
    radius: Annotated[int, typer.Option("--radius", "-r", help="How many hops out.")] = 1,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many entities.")] = 200,
    as_json: JsonOption = False,
    store: StoreOption = None,
    include_pending: PendingOption = False,
) -> None:
    """Everything within RADIUS hops of an entity, with the relations among them."""
    view = _view(store, include_pending)
    hood = q.neighbourhood(view, entity, radius=radius, limit=limit)
    if as_json:
        _print_json(hood.to_dict())
        return
    table = Table(title=escape(f"Within {radius} hop(s) of {hood.center.label}"))
    for name in ("Distance", "Entity", "Type"):
        table.add_column(name)
    for e, distance in hood.nodes:
        table.add_row(str(distance), escape(e.label), e.type)
    console.print(table)
    for hop in hood.edges:
        console.print("  " + escape(hop.text), highlight=False)
    if hood.truncated:
        console.print(f"[yellow]truncated at {limit} entities[/]")


@app.command()
@handles_errors
def communities(
    min_size: Annotated[int, typer.Option("--min-size", help="Smallest group shown.")] = 2,
    as_json: JsonOption = False,
    store: StoreOption = None,
    include_pending: PendingOption = False,
) -> None:
    """Groups of actors that cooperate densely (Louvain communities)."""
    view = _view(store, include_pending)
    groups = q.communities(view, min_size=min_size)
    if as_json:
        _print_json([g.to_dict() for g in groups])
        return
    table = Table(title="Communities of the cooperation graph", show_lines=True)
    for name in ("#", "Size", "Members"):
        table.add_column(name)
    for g in groups:
        table.add_row(str(g.id), str(g.size), escape(", ".join(m.label for m in g.members)))
    console.print(table)
