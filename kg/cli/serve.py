"""``kg serve``: the HTTP API (``api/``) under uvicorn.

One worker serves from this process over the store it opens (a directory or
``memory:``); ``--build`` builds that store from ``seeds/`` first. Several
workers (``--workers N``) each open the same on-disk store read-only through the
app factory ``api.app:app_from_env``; updates and ingestion are then off (the
store is read-only) and every worker follows new revisions written by ``kg build``.
uvloop and httptools are used when installed (``uvicorn[standard]``), as
``bench/bench_http.py`` serves the API when it measures it.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from kg.cli.app import StoreOption, app, err_console, handles_errors
from kg.errors import InputError


def _fast_stack() -> dict:
    """uvloop and httptools if they are installed, else uvicorn's defaults."""
    options = {}
    try:
        import uvloop  # noqa: F401, PLC0415

        options["loop"] = "uvloop"
    except ImportError:
        pass
    try:
        import httptools  # noqa: F401, PLC0415

        options["http"] = "httptools"
    except ImportError:
        pass
    return options


@app.command()
@handles_errors
def serve(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(
        min=1, help="Worker processes (more than one needs an on-disk store; read-only).")] = 1,
    build: Annotated[bool, typer.Option(
        "--build", help="Build the store from ontology/ and seeds/ before serving.")] = False,
    extract: Annotated[bool, typer.Option(
        help="With --build: extract facts from seeds/documents.")] = True,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    access_log: Annotated[bool, typer.Option(
        help="Log every request (costs throughput under load).")] = False,
) -> None:
    """Serve the HTTP API (SPARQL, entities, cooperations, paths, export, ingestion)."""
    import uvicorn  # noqa: PLC0415

    from api.settings import Settings  # noqa: PLC0415
    from kg.store import Store, default_location  # noqa: PLC0415

    location = store or default_location()
    options = dict(host=host, port=port, log_level=log_level, access_log=access_log,
                   **_fast_stack())
    if workers > 1 and location == "memory:":
        raise InputError("several workers cannot share an in-memory store; "
                         "serve a directory (--store DIR) or use --workers 1")
    if build:
        from kg.build import build as build_store  # noqa: PLC0415

        target = Store(location)
        report = build_store(target, extract=extract)
        err_console.print(f"built {report.triples:,} triples in {report.seconds:.1f} s "
                          f"({'unchanged' if report.unchanged else f'revision {report.revision}'})")
        if workers == 1:
            _run_one(target, Settings.from_env(store=location), options)
            return
        target.close()
    if workers == 1:
        settings = Settings.from_env(store=location)
        _run_one(Store(location, read_only=settings.read_only), settings, options)
        return
    os.environ["KG_STORE"] = location
    os.environ["KG_READ_ONLY"] = "1"
    err_console.print(f"{workers} workers share {location} read-only: updates and ingestion "
                      "are off")
    uvicorn.run("api.app:app_from_env", factory=True, workers=workers, **options)


def _run_one(store, settings, options: dict) -> None:
    import uvicorn  # noqa: PLC0415

    from api.app import create_app  # noqa: PLC0415

    app_ = create_app(store, settings)
    err_console.print(f"serving {store.location} on http://{options['host']}:{options['port']} "
                      f"(SPARQL at /sparql, docs at /docs)")
    try:
        uvicorn.run(app_, **options)
    finally:
        store.close()
