"""Fetching web pages and feeds, carefully: opt-in, allow-listed, rate-limited, bounded.

Network access is never implicit: ``kg ingest`` fetches only with ``--fetch`` and
``POST /documents`` only when ``KG_FETCH_ALLOW`` lists hosts. A :class:`Fetcher`

- fetches ``http`` and ``https`` URLs only;
- with an allow-list, fetches only from the hosts it names (``example.org``
  also allows ``www.example.org``; ``host:port`` allows that port only); ``*``
  in the list allows every public host;
- never fetches from a private, loopback, link-local, multicast, reserved or
  unspecified address (every address the host resolves to is checked, and
  every redirect again) unless the allow-list names that host or address
  exactly — so a test server on ``127.0.0.1`` needs ``--allow 127.0.0.1``;
- waits ``1/rate`` seconds between two requests to the same host;
- gives up after ``timeout`` seconds per request and past ``max_bytes`` of body.

The host is resolved once for the check and again by the HTTP client, so a DNS
server that answers differently within that instant could still steer a
request; run behind a proxy that enforces the same rules if that matters.

>>> Fetcher(allow=["example.org"]).allowed_host("www.example.org", 443)
True
>>> Fetcher(allow=["example.org"]).allowed_host("example.com", 443)
False
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from kg.errors import InputError

USER_AGENT = "energy-kg/0.1 (+https://w3id.org/energy-kg; kg ingest)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5


class FetchError(InputError):
    """A URL that was not fetched: refused by the rules, or failed (status, timeout, size)."""


@dataclass
class Fetched:
    """A fetched resource: the final URL after redirects, its media type and bytes."""

    url: str
    media_type: str
    data: bytes
    charset: str | None = None


def _port(parts) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified)


class Fetcher:
    """Fetch URLs under the rules in the module docstring; thread-safe."""

    def __init__(self, allow: Iterable[str] = (), *, rate: float = 1.0, timeout: float = 20.0,
                 max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT):
        self.allow = {a.strip().lower().rstrip("/") for a in allow if a and a.strip()}
        self.rate = rate
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                                    headers={"User-Agent": user_agent,
                                             "Accept": "text/html,application/xhtml+xml,"
                                                       "application/rss+xml,application/atom+xml,"
                                                       "application/xml;q=0.9,application/pdf,"
                                                       "text/plain;q=0.8,*/*;q=0.5"})

    # --- the rules ----------------------------------------------------------------------

    def _named(self, host: str, port: int) -> bool:
        """Whether the allow-list names this host (or host:port) itself."""
        host = host.lower().strip("[]")
        return host in self.allow or f"{host}:{port}" in self.allow

    def allowed_host(self, host: str, port: int) -> bool:
        """Whether the allow-list lets this host be fetched (before the address check)."""
        if not self.allow or "*" in self.allow:
            return True
        host = host.lower().strip("[]")
        if self._named(host, port):
            return True
        return any(host.endswith("." + a) for a in self.allow if ":" not in a)

    def check(self, url: str) -> None:
        """Raise :class:`FetchError` if the rules forbid fetching ``url``."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url}: only http and https URLs are fetched")
        host, port = parts.hostname, _port(parts)
        if not self.allowed_host(host, port):
            raise FetchError(f"{url}: host {host} is not in the allow-list "
                             f"({', '.join(sorted(self.allow))})")
        if self._named(host, port):
            return  # named explicitly: even a private or loopback address is wanted
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except OSError as exc:
            raise FetchError(f"{url}: cannot resolve {host}: {exc}") from None
        for info in infos:
            address = info[4][0]
            if not _public(address):
                raise FetchError(f"{url}: {host} resolves to {address}, a private, loopback or "
                                 "link-local address; name it with --allow to fetch it")

    def _wait_turn(self, host: str) -> None:
        if self.rate <= 0:
            return
        gap = 1.0 / self.rate
        with self._lock:
            now = time.monotonic()
            start = max(now, self._last.get(host, 0.0) + gap)
            self._last[host] = start
        if start > now:
            time.sleep(start - now)

    # --- fetching -----------------------------------------------------------------------

    def get(self, url: str) -> Fetched:
        """Fetch ``url`` (following up to 5 redirects, each checked); raises FetchError."""
        for _ in range(MAX_REDIRECTS + 1):
            self.check(url)
            self._wait_turn((urlsplit(url).hostname or "").lower())
            try:
                with self._client.stream("GET", url) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"{url}: redirect without a Location")
                        url = urljoin(url, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: HTTP {response.status_code}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > self.max_bytes:
                        raise FetchError(f"{url}: {int(declared)} bytes, more than the limit "
                                         f"of {self.max_bytes}")
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.max_bytes:
                            raise FetchError(f"{url}: more than {self.max_bytes} bytes")
                        chunks.append(chunk)
                    ctype = response.headers.get("content-type", "")
                    media = ctype.split(";")[0].strip().lower()
                    return Fetched(str(response.url), media, b"".join(chunks),
                                   response.charset_encoding)
            except httpx.TimeoutException:
                raise FetchError(f"{url}: no answer within {self.timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_allow_list(values: Iterable[str]) -> list[str]:
    """Hosts from ``--allow`` values; a value that is an existing file lists hosts, one a line."""
    from pathlib import Path  # noqa: PLC0415

    hosts: list[str] = []
    for value in values:
        path = Path(value)
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    hosts.append(line)
        else:
            hosts.append(value)
    return hosts
