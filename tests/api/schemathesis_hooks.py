"""Schemathesis hooks (``SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks``): the SPARQL
protocol's body types are text, sent as UTF-8 like ``text/plain``."""

from __future__ import annotations

import json

import schemathesis


@schemathesis.serializer("application/sparql-query", "application/sparql-update")
def sparql_text(ctx, value) -> bytes:
    """The query or update text as UTF-8 bytes (other generated values as JSON text)."""
    if isinstance(value, bytes):
        return value
    text = value if isinstance(value, str) else json.dumps(value)
    return text.encode("utf-8", "surrogatepass")
