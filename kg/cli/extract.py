"""`kg extract FILE...`: agreements, parties, signatories, witnesses, dates and topics from news text."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app, err_console, handles_errors
from kg.errors import InputError, KGError

FORMATS = ("json", "ttl", "trig")


@app.command()
@handles_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="Text files (.txt/.md), with an optional '# key: value' header or a sibling <stem>.meta.json.")],
    format: Annotated[str, typer.Option("--format", "-f", help="json, ttl or trig.")] = "json",
    published: Annotated[str | None, typer.Option("--published", help="Publication date (YYYY[-MM[-DD]]) to resolve 'am Montag', 'last year'.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the text: de or en (default: header, metadata or a guess).")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out-dir", "-o", help="Write one <stem>.json/.ttl/.trig per input into this directory.")] = None,
) -> None:
    """Extract agreements from German or English energy news.

    Prints one JSON object per document (a list for several files), or RDF with evidence
    nodes. A file that cannot be used is reported with its name, and the exit code is 2.
    """
    from kg.extract.pipeline import extract_documents
    from kg.namespaces import graph_iri

    format = format.lower()
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    if lang is not None and lang.lower() not in ("de", "en"):
        raise InputError(f"--lang {lang!r}: use de or en")
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[KGError] = []
    outputs: list[dict] = []
    for path, result in extract_documents(files, language=lang, published=published):
        if isinstance(result, KGError):
            failures.append(result)
            err_console.print(f"[bold red]error:[/] {result}", highlight=False)
            continue
        for warning in result.doc.warnings:
            err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
        if format == "json":
            data = result.to_json()
            if out_dir is not None:
                (out_dir / f"{path.stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                                         encoding="utf-8")
            else:
                outputs.append(data)
            continue
        graph = result.to_rdf()
        if format == "ttl":
            text = graph.serialize(format="turtle")
        else:
            from rdflib import Dataset

            ds = Dataset()
            named = ds.graph(graph_iri("extracted", result.doc.key))
            for prefix, ns in graph.namespaces():
                ds.bind(prefix, ns)
            for triple in graph:
                named.add(triple)
            text = ds.serialize(format="trig")
        if out_dir is not None:
            (out_dir / f"{path.stem}.{format}").write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    if format == "json" and out_dir is None and outputs:
        payload = outputs[0] if len(outputs) == 1 else outputs
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failures:
        raise typer.Exit(2)
