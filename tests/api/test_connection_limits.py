"""The connection limits ``kg serve`` gives uvicorn (``api/server.py``), probed with raw sockets:
idle and slow clients are cut off, oversized headers refused, and a flood of idle
connections does not lock out other clients."""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.kg_serve import serving

LIMITS = {"KG_HEADER_TIMEOUT": "1", "KG_BODY_TIMEOUT": "1.5", "KG_KEEP_ALIVE": "1",
          "KG_MAX_HEADER_BYTES": "8192", "KG_MAX_CONNECTIONS": "64"}


@pytest.fixture(scope="module")
def server():
    with serving("--store", "memory:", **LIMITS) as (client, _):
        yield client


def _connect(client) -> socket.socket:
    sock = socket.create_connection((client.base_url.host, client.base_url.port), timeout=5)
    return sock


def _answer(sock: socket.socket, within: float) -> bytes:
    """What the server sends until it closes the connection (fails if it stays open)."""
    sock.settimeout(within)
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except TimeoutError:
        pytest.fail(f"the server kept the connection open for {within} s; got {data[:80]!r}")
    except ConnectionResetError:
        pass
    return data


def test_idle_connections_are_closed(server):
    sockets = [_connect(server) for _ in range(20)]
    started = time.monotonic()
    for sock in sockets:
        assert _answer(sock, within=4) == b""  # nothing was asked, nothing is answered
        sock.close()
    assert time.monotonic() - started < 4


def test_slow_headers_get_408(server):
    sock = _connect(server)
    sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    for _ in range(8):  # a header byte now and then, never the end of the headers
        time.sleep(0.3)
        try:
            sock.sendall(b"X")
        except OSError:
            break
    answer = _answer(sock, within=4)
    assert answer.startswith(b"HTTP/1.1 408"), answer
    sock.close()


def test_slow_body_gets_408(server):
    sock = _connect(server)
    sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
                 b"\r\nContent-Length: 100\r\n\r\nASK {")
    answer = _answer(sock, within=5)
    assert answer.startswith(b"HTTP/1.1 408"), answer
    sock.close()


def test_oversized_headers_get_431(server):
    sock = _connect(server)
    sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n")
    answer = _answer(sock, within=5)
    assert answer.startswith(b"HTTP/1.1 431"), answer
    sock.close()


def test_a_kept_alive_connection_still_works_within_the_limits(server):
    sock = _connect(server)
    for _ in range(3):
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(5)
        answer = b""
        while not answer.endswith(b"}"):
            answer += sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200"), answer
        time.sleep(0.5)
    sock.close()


def test_idle_flood_does_not_lock_out_other_clients(server):
    flood = [_connect(server) for _ in range(300)]  # far past KG_MAX_CONNECTIONS=64

    def ask(_: int) -> int:
        return server.get("/health", headers={"Connection": "close"}).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(ask, range(80)))
    assert statuses == [200] * 80
    closed = 0
    for sock in flood:  # the server shed the oldest idle ones first, and the rest in time
        closed += _answer(sock, within=4) == b""
        sock.close()
    assert closed == len(flood)
