"""`kg review`: the review queue (:mod:`kg.review`) on the command line.

``kg review`` lists the pending items with their evidence; ``kg review accept ID``
and ``kg review reject ID`` decide one; ``kg review merges`` lists what entity
resolution merged and ``kg review undo-merge KEY`` splits a merge again.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from kg import review
from kg.cli.app import StoreOption, app, console, handles_errors
from kg.namespaces import compact
from kg.store import Store

review_app = typer.Typer(help="The review queue: facts extracted with low confidence and "
                              "merges that were close calls.", no_args_is_help=False)
app.add_typer(review_app, name="review")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _name(value: str) -> str:
    return value if value.startswith('"') else compact(value)


def _table(items: list[review.Item], title: str) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("id", "kind", "status", "fact", "score", "evidence"):
        table.add_column(column, overflow="fold")
    for item in items:
        if item.kind == "merge":
            fact = f"{compact(item.subject)} → {compact(item.object)}"
        else:
            fact = f"{compact(item.subject)} {compact(item.predicate)} {_name(item.object)}"
        evidence = item.quote or ""
        if item.document:
            evidence = f"{evidence}\n[dim]{compact(item.document)}[/]" if evidence else \
                f"[dim]{compact(item.document)}[/]"
        if item.reasons:
            evidence += "\n[dim]" + escape("; ".join(item.reasons)) + "[/]"
        table.add_row(item.id, item.kind, item.status, escape(fact),
                      "" if item.score is None else f"{item.score:.2f}",
                      evidence if item.document else escape(evidence))
    return table


@review_app.callback(invoke_without_command=True)
@handles_errors
def list_items(
    ctx: typer.Context,
    status: Annotated[str, typer.Option(
        "--status", help="pending (default), accepted, rejected or all.")] = "pending",
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="At most this many.")] = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the review queue (pending items by default), lowest confidence first."""
    if ctx.invoked_subcommand is not None:
        ctx.ensure_object(dict)["store"] = store
        return
    source = Store(store, read_only=True)
    found = review.items(source, None if status == "all" else status)
    shown = found[:limit] if limit else found
    if as_json:
        print(json.dumps([i.to_dict() for i in shown], ensure_ascii=False, indent=2))
        return
    if not found:
        console.print(f"no {'' if status == 'all' else status + ' '}review items")
        return
    console.print(_table(shown, f"Review queue ({status})"))
    console.print(f"{len(found)} item(s); decide with 'kg review accept ID' or "
                  "'kg review reject ID'")


def _decide(key: str, decision: str, store: str | None, as_json: bool) -> None:
    target = Store(store)
    try:
        item = review.decide(target, key, decision)
    finally:
        target.close()
    if as_json:
        print(json.dumps(item.to_dict(), ensure_ascii=False, indent=2))
        return
    what = "now curated (graph/curated/reviewed)" if (decision == "accept" and item.kind == "fact") \
        else "merge kept" if decision == "accept" else \
        "merge undone" if item.kind == "merge" else "remembered: not extracted again from " \
        "this document"
    console.print(f"[green]{item.status}[/] {item.id}: {what}")


def _store_of(ctx: typer.Context, store: str | None) -> str | None:
    return store or (ctx.obj or {}).get("store")


@review_app.command("accept")
@handles_errors
def accept(ctx: typer.Context,
           key: Annotated[str, typer.Argument(help="The review item's id.")],
           store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Accept an item: a fact becomes curated, a close-call merge stays."""
    _decide(key, "accept", _store_of(ctx, store), as_json)


@review_app.command("reject")
@handles_errors
def reject(ctx: typer.Context,
           key: Annotated[str, typer.Argument(help="The review item's id.")],
           store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Reject an item: a fact is remembered and not extracted again from its document;
    a merge is undone."""
    _decide(key, "reject", _store_of(ctx, store), as_json)


@review_app.command("merges")
@handles_errors
def list_merges(ctx: typer.Context, store: StoreOption = None,
                as_json: JsonOption = False) -> None:
    """The merges entity resolution made, least sure first."""
    source = Store(_store_of(ctx, store), read_only=True)
    found = sorted(review.merges(source), key=lambda m: (m[0].score, m[0].key))
    if as_json:
        print(json.dumps([{"key": m.key, "kind": m.kind, "status": s, "node": m.source,
                           "into": m.target, "score": m.score, "document": m.document,
                           "reasons": m.reasons} for m, s in found], ensure_ascii=False, indent=2))
        return
    table = Table(title="Merges")
    for column in ("key", "kind", "status", "merged", "into", "score", "why"):
        table.add_column(column, overflow="fold")
    for merge, status in found:
        table.add_row(merge.key, merge.kind, status, compact(merge.source),
                      compact(merge.target), f"{merge.score:.2f}", escape("; ".join(merge.reasons)))
    console.print(table)


@review_app.command("undo-merge")
@handles_errors
def undo_merge(ctx: typer.Context,
               key: Annotated[str, typer.Argument(help="The merge's key (kg review merges).")],
               store: StoreOption = None) -> None:
    """Split a merge again: the document's node gets its own IRI back, for good."""
    target = Store(_store_of(ctx, store))
    try:
        merge = review.undo_merge(target, key)
    finally:
        target.close()
    console.print(f"[green]undone[/] {key}: {compact(merge.source)} is no longer "
                  f"{compact(merge.target)}")
