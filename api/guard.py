"""Look inside SPARQL text before it runs: its form, and which hosts it would reach.

pyoxigraph has no parser API, so this is a small lexer: strings and comments
are blanked out first (a ``SERVICE`` inside a string or comment is not one),
IRIs are kept, and then the few constructs we care about are matched.
Oxigraph evaluates ``SERVICE`` and ``LOAD`` by fetching over HTTP; neither may
reach any host unless the settings allow it (``KG_ALLOW_SERVICE``).

>>> query_form('PREFIX ex: <http://e/> # a SELECT in a comment\\nASK { ?s ex:p "CONSTRUCT" }')
'ASK'
>>> remote_targets('SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }')
[('SERVICE', 'query.wikidata.org')]
>>> remote_targets('SELECT * { ?s ?p "SERVICE <http://x.org/>" }  # SERVICE <http://y.org/>')
[]
>>> remote_targets('PREFIX w: <http://w.org/> SELECT * { SERVICE SILENT w:sparql {} }')
[('SERVICE', 'w.org')]
>>> remote_targets('LOAD <http://example.org/data.ttl> INTO GRAPH <http://g>', update=True)
[('LOAD', 'example.org')]
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kg.errors import QuerySyntaxError
from kg.namespaces import PREFIXES

_TOKENS = re.compile(
    r'''(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')'''
    r'''|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'''
    r'''|(?P<comment>\#[^\n\r]*)''',
    re.S,
)
_PREFIX_DECL = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>")
_BASE_DECL = re.compile(r"(?i)\bBASE\s+<[^>]*>")
_FORM = re.compile(r"(?i)(?<![\w:?$])(SELECT|CONSTRUCT|DESCRIBE|ASK)\b")
_UPDATE_WORDS = re.compile(
    r"(?i)(?<![\w:?$])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b")
_TARGET = r"(?:(<[^>]*>)|([A-Za-z][\w.-]*)?:([\w.\-%]*)|([?$]\w+))"
_SERVICE = re.compile(r"(?i)(?<![\w:?$])SERVICE\s+(?:SILENT\s+)?" + _TARGET)
_LOAD = re.compile(r"(?i)(?<![\w:?$])LOAD\s+(?:SILENT\s+)?" + _TARGET)


def strip(text: str) -> str:
    """The text with string literals emptied and comments removed; IRIs are kept."""

    def repl(m: re.Match) -> str:
        if m.group("string") is not None:
            return '""'
        if m.group("comment") is not None:
            return " "
        return m.group(0)

    return _TOKENS.sub(repl, text)


def query_form(text: str) -> str | None:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK``; None if none is found."""
    body = _BASE_DECL.sub(" ", _PREFIX_DECL.sub(" ", strip(text)))
    found = _FORM.search(body)
    return found.group(1).upper() if found else None


def looks_like_update(text: str) -> bool:
    """True when the text starts (after its prologue) with an update operation."""
    body = _BASE_DECL.sub(" ", _PREFIX_DECL.sub(" ", strip(text))).lstrip()
    found = _UPDATE_WORDS.match(body)
    return found is not None and _FORM.match(body) is None


def _host(iri: str) -> str | None:
    parts = urlsplit(iri)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower()


def remote_targets(text: str, update: bool = False) -> list[tuple[str, str | None]]:
    """Every ``SERVICE`` (and, for updates, ``LOAD``) with the host it names.

    The host is None when it cannot be told (a variable, an unknown prefix, a
    relative or non-HTTP IRI); such targets are only allowed with ``*``.
    """
    body = strip(text)
    prefixes = dict(PREFIXES)
    prefixes.update({(p or ""): iri for p, iri in _PREFIX_DECL.findall(body)})
    found: list[tuple[str, str | None]] = []
    patterns = [("SERVICE", _SERVICE)] + ([("LOAD", _LOAD)] if update else [])
    for word, pattern in patterns:
        for m in pattern.finditer(body):
            iri_ref, prefix, local, _var = m.groups()
            if iri_ref is not None:
                host = _host(iri_ref[1:-1])
            elif local is not None and (prefix or "") in prefixes:
                host = _host(prefixes[prefix or ""] + local)
            else:
                host = None
            found.append((word, host))
    return found


def check_remote(text: str, allowed, update: bool = False) -> None:
    """Raise :class:`QuerySyntaxError` if a SERVICE or LOAD would reach a host not allowed.

    ``allowed`` is a callable ``host -> bool`` (``Settings.service_allowed``).
    """
    lowered = text.lower()
    if "service" not in lowered and not (update and "load" in lowered):
        return  # the keywords are plain ASCII in the text (Oxigraph reads no escapes there)
    for word, host in remote_targets(text, update=update):
        if not allowed(host):
            where = f"host {host!r}" if host else "a host that cannot be told in advance"
            raise QuerySyntaxError(
                f"{word} to {where} is not allowed on this server "
                "(the operator can allow hosts with KG_ALLOW_SERVICE)")
