"""`kg ingest SOURCE...`: add documents from folders, files, URL lists and feeds to the store."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn)
from rich.table import Table
from rich.text import Text

from kg.cli.app import StoreOption, app, console, err_console, handles_errors
from kg.errors import InputError


class _Rate(ProgressColumn):
    """Documents per second since the start."""

    def render(self, task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0.5 else 0.0
        return Text(f"{rate:5.1f} docs/s", style="cyan")


@app.command()
@handles_errors
def ingest(
    sources: Annotated[list[str], typer.Argument(
        help="Folders (read recursively: .txt .md .html .htm .pdf), document files, files "
             "listing URLs (one a line, # comments), RSS/Atom feeds (files or URLs), URLs.")],
    store: StoreOption = None,
    fetch: Annotated[bool, typer.Option(
        "--fetch", help="Fetch URLs (pages, feeds, feed entries' pages) from the network.")] = False,
    allow: Annotated[list[str] | None, typer.Option(
        "--allow", help="Only fetch from this host (repeatable; a file lists hosts, one a line). "
                        "Private and loopback addresses are fetched only when named here.")] = None,
    rate: Annotated[float, typer.Option(
        "--rate", help="Requests per second to one host.")] = 1.0,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request.")] = 20.0,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", help="Extraction processes (default: all cores; 1: in this process).")] = None,
    dask: Annotated[str | None, typer.Option(
        "--dask", help="Run the extraction on an existing Dask cluster: the scheduler address "
                       "(tcp://host:8786). Needs pip install 'energy-kg[cluster]'.")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of documents that do not say: de or en (default: a guess).")] = None,
    batch: Annotated[int, typer.Option(
        "--batch", help="Documents per store transaction.")] = 25,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Extract documents from SOURCEs and add them to the store, in parallel.

    A document's key is the hash of its normalised text: the same text again is
    left alone, a changed text from the same file or URL replaces the old one.
    Documents are committed in batches; a run that is killed can simply be run
    again. Exit code 0 when every document was read, 1 when some failed.
    """
    from kg.bulk import ingest as run  # noqa: PLC0415
    from kg.fetch import Fetcher, read_allow_list  # noqa: PLC0415
    from kg.store import Store  # noqa: PLC0415

    if lang is not None and lang.lower() not in ("de", "en"):
        raise InputError(f"--lang {lang!r}: use de or en")
    if jobs is not None and jobs < 1:
        raise InputError("--jobs must be at least 1")
    if allow and not fetch:
        raise InputError("--allow only matters with --fetch")
    fetcher = Fetcher(read_allow_list(allow or ()), rate=rate, timeout=timeout) if fetch else None
    target = Store(store)
    progress = Progress(TextColumn("[bold]ingesting[/]"), BarColumn(), MofNCompleteColumn(),
                        _Rate(), TimeElapsedColumn(), TextColumn("{task.description}"),
                        console=err_console, transient=True, disable=as_json)
    task = progress.add_task("", total=None)
    try:
        with progress:
            report = run(target, sources, fetcher=fetcher, jobs=jobs or os.cpu_count() or 1,
                         dask=dask, language=lang.lower() if lang else None, batch_size=batch,
                         on_total=lambda n: progress.update(task, total=n),
                         on_outcome=lambda o: progress.update(
                             task, advance=1, description=f"{o.status}: {o.label[-50:]}"))
    finally:
        if fetcher is not None:
            fetcher.close()
        target.close()
    counts = report.counts()
    if as_json:
        import json  # noqa: PLC0415

        console.print_json(json.dumps({
            **counts, "revision": report.revision, "batches": report.batches,
            "seconds": round(report.seconds, 2),
            "documents": [{"status": o.status, "source": o.label, "key": o.key,
                           "reason": o.reason, "title": o.title} for o in report.outcomes]}))
    else:
        table = Table(title=f"kg ingest → {target.location}")
        for column in ("new", "unchanged", "replaced", "failed"):
            table.add_column(column, justify="right")
        table.add_row(*(str(counts[c]) for c in ("new", "unchanged", "replaced", "failed")))
        console.print(table)
        total = len(report.outcomes)
        rate_text = f"{total / report.seconds:.1f} documents/s" if report.seconds else ""
        console.print(f"{total} documents in {report.seconds:.1f} s ({rate_text}), "
                      f"{report.batches} transactions, store revision {report.revision}")
        rejected = sum(o.rejected for o in report.outcomes)
        if rejected:
            console.print(f"{rejected} extracted facts broke the shapes and were kept out")
    for outcome in report.failed:
        err_console.print(f"[bold red]failed:[/] {outcome.label}: {outcome.reason}",
                          highlight=False)
    if report.failed:
        raise typer.Exit(1)
