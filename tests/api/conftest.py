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
        env.pop("KG_QUERY_MEMORY_MB", None)  # the default budget, unless a test sets one
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


@pytest.fixture(scope="session")
def chromium():
    """The system Chromium under Playwright (skipped without one; under CI=true, failed)."""
    from tests.tools import find_chromium, missing  # noqa: PLC0415

    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        missing("Playwright is not installed (pip install -e '.[test]')")
    path = find_chromium()
    if path is None:
        missing("no system Chromium found (apt-get install chromium, or set KG_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path,
                                             args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser page (its own context: no cache or storage shared between tests)."""
    context = chromium.new_context()
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


class OtherOrigin:
    """A second local HTTP server (another port, so another origin) serving ``root``."""

    def __init__(self, root: Path) -> None:
        import functools  # noqa: PLC0415
        import threading  # noqa: PLC0415
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer  # noqa: PLC0415

        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:  # noqa: D102 - keep test output clean
                pass

        self.root = root
        self.server = ThreadingHTTPServer(("127.0.0.1", 0),
                                          functools.partial(Quiet, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def other_origin(tmp_path_factory):
    """A static-file server on another port of 127.0.0.1: pages there are cross-origin."""
    site = OtherOrigin(tmp_path_factory.mktemp("other-origin"))
    (site.root / "index.html").write_text("<!doctype html><title>elsewhere</title><p>elsewhere",
                                          encoding="utf-8")
    yield site
    site.stop()
