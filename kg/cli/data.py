"""`kg build`, `kg stats`, `kg validate`, `kg query`, `kg update`, `kg export`: the data commands."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kg import build as building
from kg.cli.app import StoreOption, app, console, err_console, handles_errors
from kg.errors import InputError, ParseError, ValidationError
from kg.export import GRAPH_VIEWS, export, resolve_format
from kg.namespaces import compact
from kg.store import Store, to_python

RootOption = Annotated[Path, typer.Option("--root", help="Project folder with ontology/ and seeds/.")]


def _counts_table(title: str, counts: dict[str, int], label: str) -> Table:
    table = Table(title=title)
    table.add_column(label)
    table.add_column("triples" if label == "graph" else "count", justify="right")
    for name, n in counts.items():
        table.add_row(compact(name), f"{n:,}")
    return table


@app.command()
@handles_errors
def build(
    store: StoreOption = None,
    root: RootOption = building.REPO_ROOT,
    extract: Annotated[bool, typer.Option(help="Extract facts from seeds/documents.")] = True,
    force: Annotated[bool, typer.Option(
        help="Rebuild even if the inputs are unchanged, and drop the documents added "
             "through the API and the graphs written with /update or kg load.")] = False,
) -> None:
    """Validate ontology/ and seeds/, extract documents and load everything into the store.

    Documents added through the API (POST /documents) and the named graphs the
    build does not make (written with SPARQL /update or kg load) are kept as
    they are; only --force drops them.
    """
    target = Store(store)
    with Progress(TextColumn("[bold]extracting[/] {task.description}"), BarColumn(),
                  MofNCompleteColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def progress(name: str, number: int, total: int) -> None:
            bar.update(task, description=name, completed=number - 1, total=total)

        report = building.build(target, root, extract=extract, progress=progress, force=force)
    if report.unchanged:
        console.print(f"[green]unchanged[/]: inputs are the same as for revision "
                      f"{report.revision} of {target.location} ({report.triples:,} triples)")
        print_ingested(report)
        return
    console.print(_counts_table("Triples per graph", report.graphs, "graph"))
    console.print(_counts_table("Instances per class", report.classes, "class"))
    for error in report.errors:
        err_console.print(f"[yellow]not extracted[/]: {error}", highlight=False)
    for violation in report.rejected:
        err_console.print(f"[yellow]kept out[/]: {violation}", highlight=False)
    print_ingested(report)
    console.print(
        f"built [bold]{report.triples:,}[/] triples into {target.location} "
        f"(revision {report.revision}, {report.derived_pairs} cooperating pairs, "
        f"{len(report.documents)} documents) in {report.seconds:.2f} s"
    )
    target.close()


def print_ingested(report: building.BuildReport) -> None:
    """Say what the build did with the documents added through the API and with the other
    graphs it does not make (kept, or dropped with --force)."""
    if report.kept:
        err_console.print(f"kept {len(report.kept)} document(s) added through the API as they "
                          "were (not re-extracted; --force drops them)", highlight=False)
    if report.dropped:
        err_console.print(f"[yellow]dropped[/] {len(report.dropped)} document(s) added through "
                          "the API (--force): "
                          + ", ".join(g.rsplit("/", 1)[-1] for g in report.dropped),
                          highlight=False)
    if report.kept_graphs:
        err_console.print(f"kept {len(report.kept_graphs)} other graph(s) that the build does not "
                          "make (written with SPARQL /update or kg load) as they were "
                          "(--force drops them): " + _listed(report.kept_graphs), highlight=False)
    if report.dropped_graphs:
        err_console.print(f"[yellow]dropped[/] {len(report.dropped_graphs)} other graph(s) that "
                          "the build does not make (written with SPARQL /update or kg load; "
                          "--force): " + _listed(report.dropped_graphs), highlight=False)


def _listed(graphs: list[str], most: int = 10) -> str:
    shown = ", ".join(graphs[:most])
    return shown + (f" and {len(graphs) - most} more" if len(graphs) > most else "")


@app.command()
@handles_errors
def stats(store: StoreOption = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Triples per named graph and instances per class."""
    source = Store(store, read_only=True)
    graphs, classes = source.graphs(), building.class_counts(source)
    if as_json:
        print(json.dumps({"revision": source.revision, "triples": len(source),
                          "graphs": graphs, "classes": classes}, indent=2))
        return
    console.print(_counts_table("Triples per graph", graphs, "graph"))
    console.print(_counts_table("Instances per class", classes, "class"))
    console.print(f"{len(source):,} triples, revision {source.revision}, at {source.location}")


@app.command()
@handles_errors
def validate(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Turtle files to check (default: seeds/curated/*).")] = None,
    root: RootOption = building.REPO_ROOT,
) -> None:
    """Check curated data against the SHACL shapes: exit 0 conforms, 1 violations, 2 unreadable."""
    paths = files or building._rdf_files(root / "seeds" / "curated")
    if not paths:
        raise InputError("nothing to validate")
    violations = building.validate_paths(paths, root)
    if violations:
        raise ValidationError(violations)
    console.print(f"[green]conforms[/]: {len(paths)} file(s)")


class _QueryOutput:
    """Writes SELECT/ASK/CONSTRUCT results in the format asked for."""

    def __init__(self, fmt: str):
        self.fmt = fmt

    def solutions(self, result: ox.QuerySolutions) -> None:
        if self.fmt in ("json", "csv", "tsv", "xml"):
            ox_fmt = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                      "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}[self.fmt]
            sys.stdout.buffer.write(result.serialize(format=ox_fmt))
            sys.stdout.flush()
            return
        names = [v.value for v in result.variables]
        table = Table(*names)
        count = 0
        for row in result:
            table.add_row(*["" if term is None else _cell(term) for term in row])
            count += 1
        console.print(table)
        console.print(f"{count} row(s)")

    def boolean(self, result: ox.QueryBoolean) -> None:
        if self.fmt == "json":
            print(json.dumps({"head": {}, "boolean": bool(result)}))
        else:
            print("true" if result else "false")

    def triples(self, result: ox.QueryTriples) -> None:
        fmt = {"json": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES}.get(
            self.fmt, ox.RdfFormat.TURTLE)
        sys.stdout.buffer.write(result.serialize(format=fmt))
        sys.stdout.flush()


def _cell(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    return str(to_python(term))


@app.command()
@handles_errors
def query(
    sparql: Annotated[str | None, typer.Argument(
        help="The query; '-' or nothing reads stdin.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a file.")] = None,
    output: Annotated[str, typer.Option("--output", "-o",
                                        help="table, json, csv, tsv, xml (CONSTRUCT: turtle, ntriples, json)")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over the union of all graphs (each triple once)."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ParseError(f"cannot read query: {exc}", file=str(file)) from None
    elif sparql is None or sparql == "-":
        text = sys.stdin.read()
    else:
        text = sparql
    if not text.strip():
        raise InputError("empty query")
    if output not in ("table", "json", "csv", "tsv", "xml", "turtle", "ntriples"):
        raise InputError(f"unknown output {output!r}; use table, json, csv, tsv or xml")
    result = Store(store, read_only=True).query(text)
    out = _QueryOutput(output)
    if isinstance(result, ox.QuerySolutions):
        out.solutions(result)
    elif isinstance(result, ox.QueryTriples):
        out.triples(result)
    else:
        out.boolean(result)


@app.command()
@handles_errors
def update(
    sparql: Annotated[str | None, typer.Argument(
        help="The SPARQL 1.1 Update; '-' or nothing reads stdin.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f",
                                              help="Read the update from a file.")] = None,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL Update on the store, as one transaction.

    It writes named graphs only (INSERT DATA { GRAPH <g> { ... } }): the default
    graph is the union of the named graphs, each triple once, and the store keeps
    it. An update that writes the default graph directly is refused (exit 2).
    """
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ParseError(f"cannot read update: {exc}", file=str(file)) from None
    elif sparql is None or sparql == "-":
        text = sys.stdin.read()
    else:
        text = sparql
    if not text.strip():
        raise InputError("empty update")
    target = Store(store)
    before = len(target)
    target.update(text)
    console.print(f"updated {target.location}: revision {target.revision}, "
                  f"{len(target):,} quads ({len(target) - before:+,})")
    target.close()


@app.command("export")
@handles_errors
def export_command(
    output: Annotated[Path | None, typer.Argument(help="Output file; stdout if omitted or '-'.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help=(
        "turtle, ntriples, nquads, trig, jsonld, rdfxml; graphml, gexf, cytoscape, csv "
        "(default: from the file extension, else turtle)"))] = None,
    graph: Annotated[str | None, typer.Option("--graph", "-g", help=(
        "RDF: one named graph (curated, derived, extracted/KEY or an IRI); "
        "graph formats: cooperation (default) or entity"))] = None,
    all_nodes: Annotated[bool, typer.Option("--all-nodes", help=(
        "Graph formats: keep the nodes that have no edge (by default only connected "
        "actors are written)"))] = False,
    store: StoreOption = None,
) -> None:
    """Export the store as RDF or the network view as a graph file.

    Graph files hold only the actors with at least one cooperation unless
    --all-nodes is given; JSON-LD is compacted with ontology/context.jsonld.
    """
    chosen = resolve_format(fmt, output)
    source = Store(store, read_only=True)
    kwargs: dict = {}
    if chosen.kind == "graph":
        view = graph or "cooperation"
        if view not in GRAPH_VIEWS:
            raise InputError(f"--graph must be one of {', '.join(GRAPH_VIEWS)} for {chosen.name}")
        kwargs["view"] = view
        kwargs["all_nodes"] = all_nodes
    else:
        kwargs["graph"] = graph
    if output is None or str(output) == "-":
        buffer = io.BytesIO()
        export(source, buffer, chosen, **kwargs)
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.flush()
        return
    with open(output, "wb") as handle:
        export(source, handle, chosen, **kwargs)
    err_console.print(f"wrote {output} ({chosen.name}, {output.stat().st_size:,} bytes)")

