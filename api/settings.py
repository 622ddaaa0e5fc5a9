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
``KG_ALLOW_SERVICE``   hosts SERVICE and LOAD may reach: comma list, ``*``      none
``KG_BASE_URL``        public URL of the API (links in pages and responses)     unset
``KG_QUERY_WORKERS``   queries that may run at the same time per process        4
``KG_QUERY_MEMORY_MB`` memory cap of one SPARQL query worker process (disk)     1024
``KG_READ_ONLY``       open the store read-only (several workers share it)      false
=====================  =======================================================  ===========

>>> s = Settings.from_env({"KG_QUERY_TIMEOUT": "2.5", "KG_ALLOW_SERVICE": "a.org, b.org"})
>>> s.query_timeout, s.allow_service
(2.5, ('a.org', 'b.org'))
>>> Settings.from_env({}).updates_enabled
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

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


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    return int(_float(env, name, default))


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
    query_memory_mb: int = 1024
    read_only: bool = False
    page_size: int = 50
    max_page_size: int = 1000

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
            read_only=env.get("KG_READ_ONLY", "").strip().lower() in _TRUE,
        )
        return replace(settings, **overrides) if overrides else settings

    @property
    def updates_enabled(self) -> bool:
        """Updates and ingestion need a configured token and a writable store."""
        return bool(self.token) and not self.read_only

    def service_allowed(self, host: str | None) -> bool:
        """May a SERVICE or LOAD reach ``host`` (None: a host we cannot tell)?"""
        if "*" in self.allow_service:
            return True
        return host is not None and host.lower() in self.allow_service
