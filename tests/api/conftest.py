"""A real uvicorn server on 127.0.0.1 for the API tests (one per session, a subprocess).

The server (``tests/api/live_server.py``) serves an in-memory store with the
ontology, the gazetteer, the curated seeds and ``tests/api/data/fixture.ttl``;
it runs with a token, a short query time limit and a small row cap so the
limit tests are quick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.sparql_server import free_port, stop_process

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-token-0123456789"
QUERY_TIMEOUT = 1.5
MAX_ROWS = 20_000


class LiveServer:
    """The server subprocess; ``store`` is a directory for an on-disk store (default: memory),
    ``overrides`` and ``extra_env`` are environment variables (settings) that win over the defaults."""

    def __init__(self, store: Path | None = None, overrides: dict[str, str] | None = None,
                 **extra_env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = TOKEN
        env = dict(os.environ, KG_API_TOKEN=TOKEN, KG_QUERY_TIMEOUT=str(QUERY_TIMEOUT),
                   KG_MAX_ROWS=str(MAX_ROWS), KG_QUERY_WORKERS="4", KG_BASE_URL=self.url,
                   PYTHONPATH=str(ROOT))
        env.pop("KG_ALLOW_SERVICE", None)
        env.update(overrides or {})
        env.update(extra_env)
        command = [sys.executable, "-m", "tests.api.live_server", str(self.port)]
        self.process = subprocess.Popen(
            command + ([str(store)] if store is not None else []),
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError("the API server died:\n" + self.process.stderr.read().decode())
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the API server did not start within 60 s")

    def stop(self) -> None:
        stop_process(self.process)


@pytest.fixture(scope="session")
def live_server():
    server = LiveServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture(scope="session")
def http(live_server):
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
