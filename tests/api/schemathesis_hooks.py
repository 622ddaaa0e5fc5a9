"""Schemathesis hooks (``SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks``): the SPARQL
protocol's body types are text, sent as UTF-8 like ``text/plain``; and a form body is judged
as it was sent (see :func:`_binary_parts_as_text`)."""

from __future__ import annotations

import json
import re

import schemathesis

_SURROGATE = re.compile("[\ud800-\udfff]")


@schemathesis.serializer("application/sparql-query", "application/sparql-update")
def sparql_text(ctx, value) -> bytes:
    """The query or update text as UTF-8 bytes (other generated values as JSON text)."""
    if isinstance(value, bytes):
        return value
    text = value if isinstance(value, str) else json.dumps(value)
    return text.encode("utf-8", "surrogatepass")


def _as_sent(value):
    """``value`` as it can travel in a form: bytes read as Latin-1 text, lone surrogates
    (which no UTF-8 body can carry) as U+FFFD, in keys and values at any depth."""
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_as_sent(k): _as_sent(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_sent(v) for v in value]
    return value


def _binary_parts_as_text() -> None:
    """Let schemathesis judge a multipart body with a file part as it was sent.

    Its ``negative_data_rejection`` check excuses a form body whose "invalid" fields are
    valid once sent: every multipart part is text on the wire, so a ``title`` mutated to
    null arrives as the string ``null``. To tell, it validates the fields as sent, but it
    keeps the generated values of a file part and of properties whose part names did not
    come back unchanged, and its JSON-schema validator cannot read some of them: a file
    part's bytes (``Unsupported type: 'bytes'``), or a name or string holding a lone
    surrogate (``UnicodeEncodeError``; such a part goes out named ""). Either error counts
    as "invalid", and the check reports the body as schema-violating data the server
    accepted (ST201 on ``POST /documents``, seed 20261, cases with a file part and, in the
    20k-case campaign, with surrogate names). A false positive: the body as sent is text
    parts only, which the schema allows. So the validator is shown the body as it can be
    sent (:func:`_as_sent`: bytes as text, lone surrogates as U+FFFD; no type changes);
    nothing sent changes, and the case itself is left alone.
    """
    from schemathesis.specs.openapi import checks  # noqa: PLC0415

    original = getattr(checks, "_form_body_is_valid_as_sent", None)
    if original is None or getattr(original, "binary_parts_as_text", False):
        return

    class AsSent:
        def __init__(self, case) -> None:
            self._case = case
            self.body = _as_sent(case.body)

        def __getattr__(self, name: str):
            return getattr(self._case, name)

    def valid_as_sent(response, case, media_type: str) -> bool:
        if isinstance(case.body, dict):
            case = AsSent(case)
        return original(response, case, media_type)

    read_fields = checks._sent_form_fields

    def fields_as_sent(response, media_type: str):
        """The parts' names and texts read off the wire, cleaned as the body is (a name
        with undecodable bytes comes back with surrogates)."""
        fields = read_fields(response, media_type)
        if fields is None:
            return None
        return {_as_sent(name): [None if text is None else _as_sent(text) for text in texts]
                for name, texts in fields.items()}

    valid_as_sent.binary_parts_as_text = True
    checks._form_body_is_valid_as_sent = valid_as_sent
    checks._sent_form_fields = fields_as_sent


_binary_parts_as_text()
