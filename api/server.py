"""How ``kg serve`` runs uvicorn: the event loop, the HTTP parser and the connection limits.

uvicorn bounds how long an idle keep-alive connection stays open
(``timeout_keep_alive``) and how many requests run at once
(``limit_concurrency``), but with httptools it has no limit on the time a
client may take to send its headers or its body, and none on their size: a
client that opens a connection and sends nothing, or a header a byte at a
time, holds a socket for ever, and some thousand of them use up the process's
file descriptors so that other clients cannot connect. :class:`GuardedProtocol`
adds what is missing, per connection:

* the request line and headers must arrive within ``header_timeout`` seconds,
  counted from the connection (or the end of the previous response);
* the body must arrive within ``body_timeout`` seconds of the headers;
* the request line and headers may hold at most ``max_header_bytes`` (431);
* past ``max_connections`` open connections the oldest idle ones (waiting for
  a request) are closed, so a flood of idle sockets cannot lock others out;
  past twice that many (all busy), uvicorn answers new requests 503
  (``limit_concurrency``).

A connection that runs out of time mid-request is answered 408 and closed; an
idle one is just closed. The limits come from :class:`~api.settings.Settings`
(``KG_HEADER_TIMEOUT``, ``KG_BODY_TIMEOUT``, ``KG_MAX_HEADER_BYTES``,
``KG_MAX_CONNECTIONS``, ``KG_KEEP_ALIVE``), read from the environment in each
worker process unless :func:`configure` was called.
"""

from __future__ import annotations

import asyncio
import resource
from typing import Any

from api.settings import Settings

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - uvicorn[standard] brings httptools
    HttpToolsProtocol = None  # type: ignore[assignment,misc]

SHED_TO = 0.9  # past max_connections, idle connections are closed down to this share

_configured: Settings | None = None


def configure(settings: Settings) -> None:
    """Use ``settings`` for the limits in this process (instead of the environment)."""
    global _configured  # noqa: PLW0603 - one server per process
    _configured = settings


def limits() -> Settings:
    """The settings the connection limits are read from."""
    global _configured  # noqa: PLW0603
    if _configured is None:
        _configured = Settings.from_env()
    return _configured


def max_connections(settings: Settings) -> int:
    """``max_connections``, kept below half the process's file-descriptor limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return settings.max_connections
    return max(16, min(settings.max_connections, soft // 2))


def _response(status: bytes, message: str) -> bytes:
    body = message.encode("ascii")
    return (b"HTTP/1.1 " + status + b"\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"content-length: " + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n"
            + body)


if HttpToolsProtocol is not None:
    class GuardedProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol with header and body deadlines and idle shedding."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.kg_limits = limits()
            self.kg_waiting = True  # waiting for (the rest of) a request line and headers
            self.kg_header_bytes = 0
            self.kg_since = 0.0
            self.kg_timer: asyncio.TimerHandle | None = None
            # the body of the last request parsed is still arriving (it may have been
            # answered already: 401, 409, 413 before reading it); those bytes are not headers
            self.kg_in_body = False

        # --- the deadlines -------------------------------------------------------------

        def _kg_arm(self, seconds: float) -> None:
            self._kg_cancel()
            self.kg_timer = self.loop.call_later(seconds, self._kg_expired)

        def _kg_cancel(self) -> None:
            if self.kg_timer is not None:
                self.kg_timer.cancel()
                self.kg_timer = None

        def _kg_expired(self) -> None:
            """Out of time: 408 if a request had begun and no answer has started, then close."""
            self.kg_timer = None
            if self.transport is None or self.transport.is_closing():
                return
            started = self.cycle is not None and self.cycle.response_started
            begun = (self.kg_waiting and self.kg_header_bytes > 0) or not self.kg_waiting
            if begun and not started:
                self.transport.write(_response(b"408 Request Timeout",
                                               "the request took too long to arrive\n"))
            self.transport.close()

        def _kg_wait_for_request(self) -> None:
            self.kg_waiting, self.kg_header_bytes = True, 0
            self.kg_since = self.loop.time()
            self._kg_arm(self.kg_limits.header_timeout)

        # --- uvicorn's protocol hooks ---------------------------------------------------

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._kg_wait_for_request()
            _shed_idle(self.connections, max_connections(self.kg_limits))

        def connection_lost(self, exc: Exception | None) -> None:
            self._kg_cancel()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self.kg_waiting:  # count the bytes up to the end of the headers
                end = data.find(b"\r\n\r\n")
                self.kg_header_bytes += len(data) if end < 0 else end + 4
                if self.kg_header_bytes > self.kg_limits.max_header_bytes:
                    self._kg_cancel()
                    self.transport.write(_response(
                        b"431 Request Header Fields Too Large",
                        "the request line and headers are too large\n"))
                    self.transport.close()
                    return
            super().data_received(data)

        def on_headers_complete(self) -> None:
            self.kg_waiting, self.kg_header_bytes = False, 0
            self.kg_in_body = True
            self._kg_arm(self.kg_limits.body_timeout)
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self.kg_in_body = False
            self._kg_cancel()
            super().on_message_complete()
            # answered before its body had arrived: the next request may begin now
            if self._kg_idle():
                self._kg_wait_for_request()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            # with the body still arriving, its deadline stays armed and uvicorn skips its
            # bytes; on_message_complete starts the wait for the next request
            if not self.kg_in_body and self._kg_idle():
                self._kg_wait_for_request()

        def _kg_idle(self) -> bool:
            """The last request is answered and no other one is queued behind it."""
            return (self.transport is not None and not self.transport.is_closing()
                    and not self.pipeline and self.cycle is not None
                    and self.cycle.response_complete)
else:  # pragma: no cover
    GuardedProtocol = None  # type: ignore[assignment,misc]


def _shed_idle(connections: set, cap: int) -> None:
    """Past ``cap`` open connections, close the oldest ones still waiting for a request."""
    live = [c for c in connections if c.transport is not None and not c.transport.is_closing()]
    if len(live) < cap:
        return
    idle = sorted((c for c in live if getattr(c, "kg_waiting", False)), key=lambda c: c.kg_since)
    for connection in idle[:len(live) - int(cap * SHED_TO)]:
        connection._kg_cancel()
        connection.transport.close()


def uvicorn_options(settings: Settings) -> dict:
    """uvicorn's keyword arguments for the loop, the protocol and the connection limits."""
    options: dict = {
        "timeout_keep_alive": settings.keep_alive,
        # Idle connections are shed at max_connections; busy ones are never cut, and past
        # twice as many connections uvicorn answers new requests 503.
        "limit_concurrency": 2 * max_connections(settings),
        "h11_max_incomplete_event_size": settings.max_header_bytes,
    }
    try:
        import uvloop  # noqa: F401, PLC0415

        options["loop"] = "uvloop"
    except ImportError:
        pass
    # Without httptools uvicorn uses h11, which bounds the header size but has no deadlines.
    options["http"] = GuardedProtocol if GuardedProtocol is not None else "h11"
    return options


__all__ = ["GuardedProtocol", "configure", "limits", "max_connections", "uvicorn_options"]
