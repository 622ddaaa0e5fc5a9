"""Settings of the HTTP API, read from the environment.

=====================  =======================================================  ===========
variable               meaning                                                  default
=====================  =======================================================  ===========
``KG_STORE``           store location: a directory or ``memory:``               data/store
``KG_API_TOKEN``       bearer token for updates and ingestion (unset: off)      unset
``KG_QUERY_TIMEOUT``   seconds a query may run before the API gives up (503)    10
``KG_MAX_ROWS``        most rows (or triples) one query may return              100000
``KG_MAX_QUERY_BYTES`` largest accepted query or update text                    1000000
``KG_MAX_UPLOAD_BYTES`` largest accepted document for ``POST /documents``       5000000
``KG_ALLOW_SERVICE``   targets SERVICE and LOAD may reach: comma list of hosts, none
                       ``host:port``, ``http(s)://host[:port]/path`` prefixes,
                       or ``*`` (see ``api.guard.target_allowed``)
``KG_SPARQL_MAX_DEPTH`` deepest nesting of ``{ ( [`` in a query or update        64
``KG_SPARQL_MAX_CHAIN`` longest chain (UNION, ``&&``, path steps, patterns ...)  256
``KG_SPARQL_MAX_TOKENS`` most tokens in a query or update                       100000
``KG_BASE_URL``        public URL of the API (links in pages and responses)     unset
``KG_QUERY_WORKERS``   queries that may run at the same time per process        4
``KG_QUERY_MEMORY_MB`` memory budget of all SPARQL query workers together       1280
                       (on-disk store), split evenly: each worker gets
                       budget / ``KG_QUERY_WORKERS``, at least 96 MB
``KG_SPARQL_CACHE_MB`` answers of repeated SPARQL queries kept per store      64
                       revision, per server process (0: off; see
                       ``api.result_cache``)
``KG_READ_ONLY``       open the store read-only (several workers share it)      false
``KG_KEEP_ALIVE``      seconds an idle keep-alive connection stays open         5
``KG_HEADER_TIMEOUT``  seconds a connection may take to send a request's        10
                       headers (from connecting or from the last response)
``KG_BODY_TIMEOUT``    seconds a request body may take to arrive                60
``KG_MAX_HEADER_BYTES`` largest accepted request line and headers               65536
``KG_MAX_CONNECTIONS`` open connections per process; past it the idle ones are  1000
                       closed (past twice as many busy ones: 503)
``KG_CORS_ORIGINS``    origins whose pages may call the API from a browser       ``*``
                       (CORS): comma list of ``scheme://host[:port]``, ``*``
                       for any, empty for none. Writes still need the token.
``KG_REVIEW_THRESHOLD`` facts extracted with a lower confidence go to the review   0.65
                       queue (``GET /review``) instead of the graph
``KG_EXPAND_RECORDS``  most agreements and stated cooperations on one page of    200
                       ``/cooperations?actor=…&expand=agreements`` (fewer
                       partners then; ``next`` goes on after the last one)
``KG_PAGE_AGREEMENTS`` most agreements an actor's HTML page lists (the newest),  200
                       with a link to ``/agreements?party=…`` for the rest
``KG_PAGE_PARTNERS``   most partners an actor's HTML page lists (strongest       100
                       first), with a link to ``/cooperations?actor=…``
``KG_FETCH_ALLOW``     hosts ``POST /documents`` may fetch ``{"url": …}`` from:  none (off)
                       comma list (``*``: any public host; a private or
                       loopback address only when named, as in ``kg ingest``)
=====================  =======================================================  ===========

``KG_QUERY_MEMORY_MB`` is one budget for the query workers of the whole server
(``kg serve --workers N`` splits it between its N processes too, through
``KG_SERVER_PROCESSES``, which it sets): a query that would take its worker past
the worker's share is stopped and gets 503 (the worker's address space is capped,
and its resident memory is watched while it is busy). The server process itself
(the API, the NetworkX view) and the workers' fork server (70-100 MB) come on
top; with the default, four runaway queries at once kept a server over the seed
store at 1.05 GB in all, and one over 1M triples at 1.46 GB
(docs/results/stress-issue9.md). A share under 96 MB is refused when settings
are read; at start-up one worker opens the store, and a share that leaves less
than 64 MB for queries once the store is open is refused too
(:meth:`api.queries.ProcessQueries.check`), with the budget that would do.

``KG_CORS_ORIGINS`` is applied by :mod:`api.cors`. The five before it are connection limits, applied where ``kg serve`` starts uvicorn
(:mod:`api.server`).

>>> s = Settings.from_env({"KG_QUERY_TIMEOUT": "2.5", "KG_ALLOW_SERVICE": "a.org, b.org"})
>>> s.query_timeout, s.allow_service
(2.5, ('a.org', 'b.org'))
>>> Settings.from_env({}).updates_enabled
False
>>> Settings.from_env({}).cors_origins, Settings.from_env({"KG_CORS_ORIGINS": ""}).cors_origins
(('*',), ())
>>> Settings.from_env({"KG_CORS_ORIGINS": "https://a.org/, http://b.org:8080"}).cors_origins
('https://a.org', 'http://b.org:8080')
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from api.guard import Limits, target_allowed
from api.queries import split_budget
from kg.errors import InputError
from kg.store import DEFAULT_LOCATION

_TRUE = {"1", "true", "yes", "on"}


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise InputError(f"{name} must be positive, not {raw!r}")
    return value


def _threshold(env: Mapping[str, str]) -> float:
    value = _float(env, "KG_REVIEW_THRESHOLD", Settings.review_threshold)
    if value > 1:
        raise InputError("KG_REVIEW_THRESHOLD must be between 0 and 1")
    return value


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    return int(_float(env, name, default))


def _size(env: Mapping[str, str], name: str, default: int) -> int:
    """A whole number of which 0 means off."""
    raw = (env.get(name) or "").strip()
    if raw in ("0", "0.0"):
        return 0
    return _int(env, name, default)


def _origins(raw: str | None) -> tuple[str, ...]:
    """``KG_CORS_ORIGINS`` as a tuple: unset means ``*`` (any origin may read), empty none.

    An origin is ``scheme://host[:port]`` without a path; a trailing ``/`` is
    dropped, since browsers send the origin without one and a mismatch would
    silently block every request.
    """
    if raw is None:
        return ("*",)
    origins = []
    for item in raw.split(","):
        origin = item.strip().rstrip("/")
        if not origin:
            continue
        if origin != "*" and not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s]+", origin):
            raise InputError(f"KG_CORS_ORIGINS: {item.strip()!r} is not an origin "
                             "(scheme://host[:port], or *)")
        origins.append(origin)
    return tuple(origins)


@dataclass(frozen=True)
class Settings:
    """Everything the API can be told; see the module docstring for the variables."""

    store: str = DEFAULT_LOCATION
    token: str | None = None
    query_timeout: float = 10.0
    max_rows: int = 100_000
    max_query_bytes: int = 1_000_000
    max_upload_bytes: int = 5_000_000
    allow_service: tuple[str, ...] = field(default_factory=tuple)
    base_url: str | None = None
    query_workers: int = 4
    query_memory_mb: int = 1280  # all query workers together (api.queries)
    sparql_cache_mb: int = 64  # api.result_cache
    server_processes: int = 1  # kg serve --workers N sets KG_SERVER_PROCESSES=N
    read_only: bool = False
    sparql_max_depth: int = 64
    sparql_max_chain: int = 256
    sparql_max_tokens: int = 100_000
    page_size: int = 50
    max_page_size: int = 1000
    expand_records: int = 200
    page_agreements: int = 200
    page_partners: int = 100
    keep_alive: float = 5.0
    header_timeout: float = 10.0
    body_timeout: float = 60.0
    max_header_bytes: int = 65_536
    max_connections: int = 1000
    cors_origins: tuple[str, ...] = ("*",)
    review_threshold: float = 0.65  # kg.review.DEFAULT_THRESHOLD
    fetch_allow: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> Settings:
        """Settings from ``env`` (default: ``os.environ``); keyword overrides win."""
        env = os.environ if env is None else env
        hosts = tuple(h.strip().lower() for h in env.get("KG_ALLOW_SERVICE", "").split(",")
                      if h.strip())
        settings = cls(
            store=env.get("KG_STORE") or DEFAULT_LOCATION,
            token=env.get("KG_API_TOKEN") or None,
            query_timeout=_float(env, "KG_QUERY_TIMEOUT", cls.query_timeout),
            max_rows=_int(env, "KG_MAX_ROWS", cls.max_rows),
            max_query_bytes=_int(env, "KG_MAX_QUERY_BYTES", cls.max_query_bytes),
            max_upload_bytes=_int(env, "KG_MAX_UPLOAD_BYTES", cls.max_upload_bytes),
            allow_service=hosts,
            base_url=(env.get("KG_BASE_URL") or "").rstrip("/") or None,
            query_workers=_int(env, "KG_QUERY_WORKERS", cls.query_workers),
            query_memory_mb=_int(env, "KG_QUERY_MEMORY_MB", cls.query_memory_mb),
            sparql_cache_mb=_size(env, "KG_SPARQL_CACHE_MB", cls.sparql_cache_mb),
            server_processes=_int(env, "KG_SERVER_PROCESSES", cls.server_processes),
            read_only=env.get("KG_READ_ONLY", "").strip().lower() in _TRUE,
            keep_alive=_float(env, "KG_KEEP_ALIVE", cls.keep_alive),
            header_timeout=_float(env, "KG_HEADER_TIMEOUT", cls.header_timeout),
            body_timeout=_float(env, "KG_BODY_TIMEOUT", cls.body_timeout),
            max_header_bytes=_int(env, "KG_MAX_HEADER_BYTES", cls.max_header_bytes),
            max_connections=_int(env, "KG_MAX_CONNECTIONS", cls.max_connections),
            sparql_max_depth=_int(env, "KG_SPARQL_MAX_DEPTH", cls.sparql_max_depth),
            sparql_max_chain=_int(env, "KG_SPARQL_MAX_CHAIN", cls.sparql_max_chain),
            sparql_max_tokens=_int(env, "KG_SPARQL_MAX_TOKENS", cls.sparql_max_tokens),
            cors_origins=_origins(env.get("KG_CORS_ORIGINS")),
            review_threshold=_threshold(env),
            expand_records=max(1, _int(env, "KG_EXPAND_RECORDS", cls.expand_records)),
            page_agreements=max(1, _int(env, "KG_PAGE_AGREEMENTS", cls.page_agreements)),
            page_partners=max(1, _int(env, "KG_PAGE_PARTNERS", cls.page_partners)),
            fetch_allow=tuple(h.strip().lower() for h in env.get("KG_FETCH_ALLOW", "").split(",")
                              if h.strip()),
        )
        settings = replace(settings, **overrides) if overrides else settings
        settings.query_memory_share_mb  # noqa: B018 - InputError when the budget is too small
        return settings

    @property
    def query_memory_share_mb(self) -> int:
        """Each SPARQL query worker's share of ``KG_QUERY_MEMORY_MB`` (InputError if too small)."""
        return split_budget(self.query_memory_mb, self.query_workers, self.server_processes)

    @property
    def updates_enabled(self) -> bool:
        """Updates and ingestion need a configured token and a writable store."""
        return bool(self.token) and not self.read_only

    @property
    def sparql_limits(self) -> Limits:
        """The size limits every query and update is checked against before parsing."""
        return Limits(max_depth=self.sparql_max_depth, max_chain=self.sparql_max_chain,
                      max_tokens=self.sparql_max_tokens)

    def remote_allowed(self, iri: str | None) -> bool:
        """May a SERVICE or LOAD reach ``iri`` (None: a target we cannot tell)?

        One allow-list for both (``KG_ALLOW_SERVICE``); empty by default, so
        nothing is reached.
        """
        return target_allowed(iri, self.allow_service)

    def service_allowed(self, host: str | None) -> bool:
        """May a SERVICE or LOAD reach ``host`` (None: a host we cannot tell)?"""
        if "*" in self.allow_service:
            return True
        return host is not None and host.lower() in self.allow_service
