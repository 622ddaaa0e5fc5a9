"""``kg serve``: the HTTP API (``api/``) under uvicorn.

One worker serves from this process over the store it opens (a directory or
``memory:``); ``--build`` builds that store from ``seeds/`` first, keeping the
documents added through the API and the graphs written with ``/update`` or
``kg load`` (``--force`` drops them, as ``kg build --force`` does). With
``KG_READ_ONLY=1`` the store is served read-only whether or not it was just
built. Several workers (``--workers N``) each open the same
on-disk store read-only through the app factory ``api.app:app_from_env``;
updates and ingestion are then off (the store is read-only) and every worker
follows new revisions written by ``kg build``. The query memory budget
(``KG_QUERY_MEMORY_MB``) is for the whole server: with ``--workers N`` each
process gets 1/N of it for its query workers (``KG_SERVER_PROCESSES``). A
budget too small for the store is reported before uvicorn starts.
uvloop and httptools are used when installed (``uvicorn[standard]``), as
``bench/bench_http.py`` serves the API when it measures it, with the header,
body and connection limits of :mod:`api.server` (``KG_HEADER_TIMEOUT`` ...).
"""

from __future__ import annotations

import asyncio
import os
from typing import Annotated

import typer

from kg.cli.app import StoreOption, app, err_console, handles_errors
from kg.errors import InputError
from kg.store import Store


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
    force: Annotated[bool, typer.Option(
        "--force", help="With --build: rebuild even if unchanged, and drop the documents "
                        "added through the API and the graphs written with /update or "
                        "kg load.")] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    access_log: Annotated[bool, typer.Option(
        help="Log every request (costs throughput under load).")] = False,
) -> None:
    """Serve the HTTP API (SPARQL, entities, cooperations, paths, export, ingestion)."""
    import uvicorn  # noqa: PLC0415

    from api.server import configure, uvicorn_options  # noqa: PLC0415
    from api.settings import Settings  # noqa: PLC0415
    from kg.store import default_location  # noqa: PLC0415

    location = store or default_location()
    if workers > 1 and location == "memory:":
        raise InputError("several workers cannot share an in-memory store; "
                         "serve a directory (--store DIR) or use --workers 1")
    settings = Settings.from_env(store=location, server_processes=workers)  # or InputError
    configure(settings)
    options = dict(host=host, port=port, log_level=log_level, access_log=access_log,
                   **uvicorn_options(settings))
    built = _build(location, extract, force) if build else None
    if workers == 1:
        _run_one(_served(built, location, settings.read_only), settings, options)
        return
    if built is not None:
        built.close()
    os.environ["KG_STORE"] = location
    os.environ["KG_READ_ONLY"] = "1"
    os.environ["KG_SERVER_PROCESSES"] = str(workers)
    share = settings.query_memory_share_mb
    err_console.print(f"{workers} workers share {location} read-only: updates and ingestion "
                      f"are off; the {settings.query_memory_mb} MB query memory budget gives "
                      f"each of their {workers * settings.query_workers} query workers "
                      f"{share} MB")
    uvicorn.run("api.app:app_from_env", factory=True, workers=workers, **options)


def _build(location: str, extract: bool, force: bool) -> Store:
    """Build the store at ``location`` (keeping API-ingested documents unless ``force``)."""
    from kg.build import build as build_store  # noqa: PLC0415
    from kg.cli.data import print_ingested  # noqa: PLC0415

    target = Store(location)
    report = build_store(target, extract=extract, force=force)
    err_console.print(f"built {report.triples:,} triples in {report.seconds:.1f} s "
                      f"({'unchanged' if report.unchanged else f'revision {report.revision}'})")
    print_ingested(report)
    return target


def _served(built: Store | None, location: str, read_only: bool) -> Store:
    """The store to serve: read-only when asked, also right after ``--build`` wrote it."""
    if built is None:
        return Store(location, read_only=read_only)
    if not read_only:
        return built
    if built.backend != "disk":  # nothing else can reach it: forbid writes from now on
        built.read_only = True
        return built
    built.close()
    return Store(location, read_only=True)


def _run_one(store, settings, options: dict) -> None:
    import uvicorn  # noqa: PLC0415

    from api.app import create_app  # noqa: PLC0415

    app_ = create_app(store, settings)
    try:  # start the query workers now: a memory budget too small for the store fails here
        asyncio.run(app_.state.queries.start(store))
    except BaseException:
        asyncio.run(app_.state.queries.close())
        store.close()
        raise
    err_console.print(f"serving {store.location} on http://{options['host']}:{options['port']} "
                      f"(SPARQL at /sparql, docs at /docs)")
    try:
        uvicorn.run(app_, **options)
    finally:
        store.close()
