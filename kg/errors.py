"""The one exception tree of the project.

Every error that ``kg`` raises on purpose is a :class:`KGError`; the API maps
these classes to HTTP status codes in one place (``api/errors.py``) and the
CLI maps them to exit codes and one-line messages::

    KGError
    ├── InputError              bad input from the user            (400, exit 2)
    │   ├── ParseError          unreadable RDF or data file, with file and line
    │   ├── DocumentError       a source document that cannot be read or used
    │   ├── QuerySyntaxError    malformed SPARQL
    │   ├── QueryTooComplexError  SPARQL past a size, nesting or chain limit
    │   ├── RemoteNotAllowedError  a SERVICE or LOAD target outside the allow-list
    │   └── UnsupportedFormatError  a format name, extension or media type we lack
    ├── ValidationError         data that breaks the SHACL shapes   (422, exit 1)
    ├── NotFoundError           an entity, document or graph we lack (404)
    │   └── NoPathError         two entities exist but nothing links them
    ├── QueryLimitError         a query ran past its time limit or row cap (503)
    ├── RemoteError             a SERVICE or LOAD target failed      (502)
    ├── StoreError              the store itself failed               (500)
    │   └── ReadOnlyError       a write to a store opened read-only   (409)
    └── APIError                the HTTP API answered with an error (raised by kg.client)
        ├── BadRequest          400, 406, 413, 414, 415
        ├── AuthError           401, 403
        ├── NotFound            404 (unknown name, no path; with suggestions)
        ├── QueryLimit          503 (time limit or row cap)
        └── ServerError         500 and other failures

>>> issubclass(ParseError, InputError)
True
>>> str(ParseError("bad token", file="a.ttl", line=3))
'a.ttl:3: bad token'
"""

from __future__ import annotations

from dataclasses import dataclass


class KGError(Exception):
    """Base of every error ``kg`` raises on purpose."""


class InputError(KGError):
    """The caller gave input that cannot be used."""


class ParseError(InputError):
    """A data file or payload could not be parsed; names the file and line."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.message, self.file, self.line = message, file, line
        where = file or ""
        if file and line:
            where += f":{line}"
        super().__init__(f"{where}: {message}" if where else message)


class DocumentError(ParseError):
    """A source document is empty, binary, too large or in an unknown encoding."""


class QuerySyntaxError(InputError):
    """A SPARQL query or update is malformed."""


class QueryTooComplexError(InputError):
    """A query or update has too many tokens, nests too deep or chains too long.

    Refused before it is parsed: Oxigraph's parser recurses per level and would
    run out of stack.
    """


class RemoteNotAllowedError(InputError):
    """A ``SERVICE`` or ``LOAD`` names a target the server's allow-list does not include."""


class UnsupportedFormatError(InputError):
    """A format name, file extension or media type that we do not support."""


@dataclass
class Violation:
    """One SHACL violation: where it is and what is wrong."""

    focus_node: str
    message: str
    path: str | None = None
    file: str | None = None
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        prop = f" ({self.path})" if self.path else ""
        return f"{where}{self.focus_node}{prop}: {self.message}"


class ValidationError(KGError):
    """Data breaks the SHACL shapes; ``violations`` lists every problem."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        lines = "\n".join(f"  {v}" for v in violations[:20])
        more = f"\n  ... and {len(violations) - 20} more" if len(violations) > 20 else ""
        super().__init__(f"{len(violations)} SHACL violation(s):\n{lines}{more}")


class NotFoundError(KGError):
    """Something named by the caller does not exist; may carry suggestions."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        super().__init__(message)


class NoPathError(NotFoundError):
    """Both entities exist but no path links them under the given restrictions."""


class QueryLimitError(KGError):
    """A query hit its time limit or row cap."""


class RemoteError(KGError):
    """A ``SERVICE`` or ``LOAD`` target failed; the message is ours, never the target's."""


class StoreError(KGError):
    """The storage backend failed."""


class ReadOnlyError(StoreError):
    """A write was attempted on a store opened read-only."""


class APIError(KGError):
    """The API answered with an error: ``status``, ``message`` and ``suggestions``."""

    def __init__(self, status: int, message: str, suggestions: list[str] | None = None,
                 url: str | None = None):
        self.status, self.message = status, message
        self.suggestions = suggestions or []
        self.url = url
        text = f"HTTP {status}: {message}"
        if self.suggestions:
            text += f" (did you mean: {', '.join(self.suggestions)})"
        super().__init__(text)


class BadRequest(APIError):
    """400 (malformed query, bad parameters), 413, 414, 415, 406."""


class AuthError(APIError):
    """401 or 403: a token is missing or wrong, or writes are off on the server."""


class NotFound(APIError):
    """404: an unknown entity, document or graph, or no path (with suggestions)."""


class QueryLimit(APIError):
    """503: the query ran past the server's time limit or row cap."""


class ServerError(APIError):
    """500 and other server failures."""


__all__ = [
    "KGError", "InputError", "ParseError", "DocumentError", "QuerySyntaxError",
    "UnsupportedFormatError", "Violation", "ValidationError", "NotFoundError",
    "NoPathError", "QueryLimitError", "QueryTooComplexError", "RemoteNotAllowedError",
    "RemoteError", "StoreError", "ReadOnlyError",
    "APIError", "BadRequest", "AuthError", "NotFound", "QueryLimit", "ServerError",
]
