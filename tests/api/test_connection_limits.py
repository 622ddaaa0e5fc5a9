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


def _one_response(sock: socket.socket, within: float = 5) -> bytes:
    """One response (status line, headers and a Content-Length body) read off ``sock``."""
    sock.settimeout(within)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def test_the_rest_of_an_answered_body_is_not_the_next_request(server):
    """A request answered before its body arrived (here 401: no token; also 409 read-only,
    413 by Content-Length): the rest of its body is skipped, not counted as the next
    request's headers. Before, once that rest passed KG_MAX_HEADER_BYTES the server wrote a
    431 onto the connection and closed it, so the client's next request on its kept-alive
    connection read a 431 that was not its own."""
    body = b"x" * 40_000  # five times KG_MAX_HEADER_BYTES (8192)
    sock = _connect(server)
    sock.sendall(b"POST /documents HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body))
    first = _one_response(sock)
    assert first.startswith(b"HTTP/1.1 401"), first[:200]
    sock.sendall(body + b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    second = _one_response(sock)
    assert second.startswith(b"HTTP/1.1 200"), second[:200]
    sock.close()


def test_no_stray_answer_after_a_413_by_content_length(server):
    """A 6 MB document is refused (413) from its Content-Length; while the client goes on
    sending it, the server sends nothing more on the connection (before: a 431)."""
    sock = _connect(server)
    sock.sendall(b"POST /documents HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                 b"Authorization: Bearer serve-test-token\r\nContent-Length: 6000000\r\n\r\n")
    first = _one_response(sock)
    assert first.startswith(b"HTTP/1.1 413"), first[:200]
    try:
        sock.sendall(b"x" * 40_000)
        sock.settimeout(1)
        stray = sock.recv(65536)
    except TimeoutError:
        stray = b""
    except OSError:  # closing a connection whose body will not be read is fine
        stray = b""
    assert stray == b"", stray[:200]
    sock.close()
