"""``kg serve`` as a subprocess on a free port of 127.0.0.1, for the tests that need the real
command (its --build, its read-only mode, the uvicorn limits it sets)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.sparql_server import free_port, stop_process

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "serve-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@contextmanager
def serving(*args: str, **env: str) -> Iterator[tuple[httpx.Client, list[str]]]:
    """``kg serve ARGS`` on a free port; yields a client and (after the block) its stderr."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    environment.update(KG_API_TOKEN=TOKEN, PYTHONPATH=str(ROOT), **env)
    log = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: a full pipe would block
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port),
                                "--log-level", "warning", *args], cwd=ROOT, env=environment,
                               stdout=subprocess.DEVNULL, stderr=log, text=True)
    output: list[str] = []
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError("kg serve died:\n" + log.read())
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("kg serve did not start within 120 s")
            time.sleep(0.2)
        yield client, output
    finally:
        client.close()
        stop_process(process)
        log.seek(0)
        output.append(log.read())
        log.close()
