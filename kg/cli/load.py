"""`kg load FILE... [--graph G] [--replace]`: RDF files into the store, validated."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                           TransferSpeedColumn)

from kg import load as loading
from kg.build import REPO_ROOT
from kg.cli.app import StoreOption, app, console, err_console, handles_errors
from kg.store import Store


@app.command("load")
@handles_errors
def load_command(
    files: Annotated[list[Path], typer.Argument(
        help="RDF files: .nt .nq .ttl .trig .jsonld .rdf (format from the extension).")],
    graph: Annotated[str | None, typer.Option("--graph", "-g", help=(
        "Named graph for triples (N-Triples, Turtle, RDF/XML, and triples outside any graph "
        "in quad formats): an IRI or a short name such as 'curated'. Default: "
        "graph/load/<file name without extension>. Quads keep their own graph."))] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Empty the named graphs the files touch before loading.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=(
        "Format of every file (turtle, ntriples, nquads, trig, jsonld, rdfxml) instead of "
        "the extension."))] = None,
    root: Annotated[Path, typer.Option("--root", help="Project folder with ontology/ "
                                                      "(shapes).")] = REPO_ROOT,
    store: StoreOption = None,
) -> None:
    """Load RDF files into the store with Oxigraph's bulk loader, validated by the shapes.

    The load happens on a staging copy of the store; SHACL violations (exit 1) or
    a parse error (exit 2, with file and line) leave the store as it was.
    """
    target = Store(store)
    with Progress(TextColumn("[bold]loading[/] {task.description}"), BarColumn(),
                  DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
                  console=err_console, transient=True) as bar:
        total = sum(p.stat().st_size for p in files if p.is_file())
        task = bar.add_task("", total=total or None)
        done: dict[str, int] = {}

        def progress(name: str, read: int, size: int) -> None:
            done[name] = read
            bar.update(task, description=name, completed=sum(done.values()))

        report = loading.load(target, files, graph=graph, replace=replace, fmt=fmt, root=root,
                              progress=progress)
    for name in report.replaced:
        err_console.print(f"replaced {name}", highlight=False)
    graphs = len(report.graphs)
    console.print(
        f"loaded [bold]{report.quads:,}[/] quads from {len(report.files)} file(s) into "
        f"{graphs} graph{'s' if graphs != 1 else ''} of {target.location} "
        f"(revision {report.revision}) in {report.seconds:.2f} s "
        f"({report.rate:,.0f} quads/s; shapes checked on {report.checked} nodes in "
        f"{report.seconds_validation:.2f} s)", highlight=False)
    target.close()
