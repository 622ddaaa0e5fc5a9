"""Look at SPARQL text before Oxigraph does: its size, its shape, and where it would reach.

Oxigraph's parser and evaluator recurse once per level of nesting and once per
link of a left-deep chain (``UNION``, ``&&``, path steps, triple patterns ...);
a few kilobytes of brackets overflow the native stack and kill the process
(SIGSEGV), and long chains make the optimizer run for minutes. So every query
and update is first read by a real tokenizer (:mod:`kg.sparql_lexer`) and
refused with :class:`QueryTooComplexError` (400) when it has

* more than ``max_tokens`` tokens,
* ``{``, ``(`` or ``[`` nested more than ``max_depth`` deep, or
* more than ``max_chain`` links in a chain. A link is an operator
  (``||``, ``&&``, ``!``, comparisons, arithmetic, path ``/`` ``|`` ``^``),
  a separator of triple patterns (``.``, ``;``, ``,``), a ``FILTER`` or
  ``BIND``, a group in a group (``{..} UNION {..}``, ``OPTIONAL {..}``), or an
  item of a collection. A chain nested in a bracket adds to the chain the
  bracket sits in (whatever its position: Oxigraph builds left-deep trees,
  so the first item of a chain is the deepest), so what is bounded is the
  sum of chain lengths along any path of nested brackets, an upper bound of
  the depth of the tree Oxigraph builds. Data blocks (``INSERT DATA``,
  ``VALUES``, ``CONSTRUCT``/``INSERT``/``DELETE`` templates) are flat lists
  in Oxigraph and are not counted.

The same tokens tell the query form, whether the text is an update, whether
it names a dataset (``FROM``/``FROM NAMED``), and every ``SERVICE`` and
``LOAD`` with its target IRI (prefixes, ``BASE`` and escapes resolved), which
the settings' allow-list then accepts or refuses (:func:`check_remote`).

>>> shape = inspect('PREFIX ex: <http://e/> # a SELECT in a comment\\nASK { ?s ex:p "CONSTRUCT" }')
>>> shape.form, shape.update, shape.remotes
('ASK', False, ())
>>> inspect('SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }').remotes
(Remote(word='SERVICE', iri='https://query.wikidata.org/sparql'),)
>>> inspect(r'PREFIX w: <http://w.org/\\u0041#> SELECT * { SERVICE SILENT w:sparql {} }').remotes
(Remote(word='SERVICE', iri='http://w.org/A#sparql'),)
>>> inspect('SELECT * FROM <http://g> { ?s ?p ?o }').dataset
True
>>> inspect('SELECT * WHERE ' + '{' * 100 + '}' * 100)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.QueryTooComplexError: the query nests brackets more than 64 deep ... (KG_SPARQL_MAX_DEPTH)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from kg.sparql_lexer import Token, iter_tokens, where
from kg.errors import QuerySyntaxError, QueryTooComplexError, RemoteNotAllowedError
from kg.namespaces import PREFIXES

FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY",
                          "MOVE", "ADD", "WITH"})
OPERAND_KINDS = frozenset({"iri", "string", "bnode", "pname", "var", "number", "langtag"})
OPERAND_NAMES = frozenset({"A", "TRUE", "FALSE"})
TEMPLATE_WORDS = frozenset({"CONSTRUCT", "INSERT", "DELETE", "DATA"})
LINK_NAMES = frozenset({"FILTER", "BIND"})
LINK_OPS = frozenset({"||", "&&", "!", "=", "!=", "<", ">", "<=", ">=", "*", "/", "|", "^",
                      "?", "~"})
OPEN = {"{": "}", "(": ")", "[": "]"}
CLOSE = {"}": "{", ")": "(", "]": "["}


@dataclass(frozen=True)
class Limits:
    """How big a query may be: tokens, bracket depth, chain length (see the module doc)."""

    max_depth: int = 64
    max_chain: int = 256
    max_tokens: int = 100_000


@dataclass(frozen=True)
class Remote:
    """A ``SERVICE`` or ``LOAD`` and the IRI it names (None: a variable, or unresolvable)."""

    word: str
    iri: str | None


@dataclass(frozen=True)
class Shape:
    """What the tokens of a query or update say about it."""

    form: str | None  # SELECT, CONSTRUCT, DESCRIBE or ASK; None for updates
    update: bool  # the first operation is an update (INSERT, LOAD ...)
    dataset: bool  # FROM or FROM NAMED is given
    remotes: tuple[Remote, ...]
    tokens: int
    depth: int  # deepest bracket nesting seen
    chain: int  # longest chain seen (cumulative, see the module doc)


class _Level:
    """One open bracket (or the top level) while reading."""

    __slots__ = ("kind", "data", "chain", "nested", "operand")

    def __init__(self, kind: str, data: bool):
        self.kind, self.data, self.operand = kind, data, False
        self.chain = 0  # links of this level's own chain
        self.nested = 0  # the longest chain (own + nested) of a closed bracket inside

    @property
    def weight(self) -> int:
        """Links along the longest path through this level: its own plus the deepest inside."""
        return self.chain + self.nested


def _too_complex(what: str, text: str, token: Token, limit: int, variable: str) -> None:
    raise QueryTooComplexError(
        f"the query {what} (at {where(text, token.start)}); this server's limit is "
        f"{limit} ({variable})")


def _link(level: _Level, limits: Limits, text: str, token: Token) -> int:
    """Count one more link in the chain of ``level``; refuse past the limit."""
    level.chain += 1
    return _check_chain(level, limits, text, token)


def _check_chain(level: _Level, limits: Limits, text: str, token: Token) -> int:
    """The weight of ``level``; refuse the query when it is past the chain limit."""
    if level.weight > limits.max_chain:
        shown = token.text if len(token.text) < 20 else token.text[:17] + "..."
        _too_complex(f"chains more than {limits.max_chain} operators, patterns or groups "
                     f"(UNION, &&, ||, path steps, '.', ...; nested chains add up), the "
                     f"last one {shown!r}", text, token, limits.max_chain,
                     "KG_SPARQL_MAX_CHAIN")
    return level.weight


def _resolve(iri: str, base: str | None) -> str | None:
    """``iri`` made absolute against ``base``; None if it stays relative."""
    if base is not None:
        iri = urljoin(base, iri)
    return iri if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) else None


def _expand(token: Token, prefixes: dict[str, str]) -> str | None:
    """The IRI a prefixed name stands for; None if its prefix is unknown."""
    prefix, _, local = token.value.partition(":")
    namespace = prefixes.get(prefix)
    return None if namespace is None else namespace + local


CACHED_LENGTH = 4096  # shapes of shorter texts are remembered (queries repeat)


def inspect(text: str, limits: Limits = Limits()) -> Shape:
    """Read ``text`` once: refuse it if it is too big or too deep, else say what it is.

    Shapes of short texts are cached; long ones are read every time (the cache
    would otherwise hold megabytes of query text).
    """
    if len(text) <= CACHED_LENGTH:
        return _inspect_cached(text, limits)
    return _inspect(text, limits)


@functools.lru_cache(maxsize=1024)
def _inspect_cached(text: str, limits: Limits) -> Shape:
    return _inspect(text, limits)


def _inspect(text: str, limits: Limits) -> Shape:
    """The work of :func:`inspect`.

    Raises :class:`QueryTooComplexError` when a limit is passed and
    :class:`QuerySyntaxError` for text that is not made of SPARQL tokens or has
    a closing bracket without its opening one.
    """
    prefixes: dict[str, str] = dict(PREFIXES)
    base: str | None = None
    stack = [_Level("", False)]
    form: str | None = None
    first_word: str | None = None
    dataset = values_pending = False
    remotes: list[Remote] = []
    pending: str | None = None  # PREFIX, PREFIX:<name>, BASE, SERVICE or LOAD awaiting its operand
    previous: Token | None = None
    count = depth = chain = 0

    for token in iter_tokens(text):
        count += 1
        if count > limits.max_tokens:
            _too_complex(f"has more than {limits.max_tokens} tokens", text, token,
                         limits.max_tokens, "KG_SPARQL_MAX_TOKENS")
        kind, level = token.kind, stack[-1]
        word = token.value if kind == "name" else None

        # --- prologue, remote targets, form ------------------------------------------
        if pending is not None:
            if pending == "PREFIX" and kind == "pname":
                pending = "PREFIX:" + token.value.partition(":")[0]
            elif pending.startswith("PREFIX:") and kind == "iri":
                resolved = _resolve(token.value, base)
                if resolved is not None:
                    prefixes[pending[7:]] = resolved
                else:
                    prefixes.pop(pending[7:], None)
                pending = None
            elif pending == "BASE" and kind == "iri":
                base = _resolve(token.value, base) or base
                pending = None
            elif pending in ("SERVICE", "LOAD") and word == "SILENT":
                pass
            elif pending in ("SERVICE", "LOAD"):
                if kind == "iri":
                    target = _resolve(token.value, base)
                elif kind == "pname":
                    target = _expand(token, prefixes)
                else:
                    target = None
                remotes.append(Remote(pending, target))
                pending = None
            else:
                pending = None
        if word is not None:
            if word in ("PREFIX", "BASE", "SERVICE", "LOAD"):
                pending = word
            elif word in FORMS and form is None:
                form = word
            elif word == "FROM" and len(stack) == 1:
                dataset = True
            elif word == "VALUES":
                values_pending = True
            if first_word is None and word not in ("PREFIX", "BASE"):
                first_word = word

        # --- nesting and chains -------------------------------------------------------
        link = False
        operand = kind in OPERAND_KINDS or word in OPERAND_NAMES
        text_ = token.text
        if kind == "punct" and text_ in OPEN:
            if text_ == "{" and level.kind == "{" and not level.data:
                chain = max(chain, _link(level, limits, text, token))  # a group in a group
            data = level.data or values_pending or (
                text_ == "{" and previous is not None and previous.kind == "name"
                and previous.value in TEMPLATE_WORDS)
            if text_ == "{":
                values_pending = False
            stack.append(_Level(text_, data))
            depth = max(depth, len(stack) - 1)
            if len(stack) - 1 > limits.max_depth:
                _too_complex(f"nests brackets more than {limits.max_depth} deep", text, token,
                             limits.max_depth, "KG_SPARQL_MAX_DEPTH")
            level = stack[-1]
        elif kind == "punct" and text_ in CLOSE:
            if len(stack) == 1 or stack[-1].kind != CLOSE[text_]:
                raise QuerySyntaxError(f"unexpected {text_!r} at {where(text, token.start)}: "
                                       "it closes no bracket")
            inner = stack.pop()
            level = stack[-1]
            operand = True
            if not inner.data:
                level.nested = max(level.nested, inner.weight)
                chain = max(chain, _check_chain(level, limits, text, token))
        elif kind == "punct":
            if text_ in (".", ";"):
                link = level.kind != "("
            elif text_ == ",":
                link = level.kind != "("
            elif text_ in ("+", "-"):
                link = level.operand  # binary; a sign before a number is not a link
            else:
                link = text_ in LINK_OPS
        elif word in LINK_NAMES:
            link = True
        elif operand and level.kind == "(" and level.operand:
            link = True  # items of a collection: ( 1 2 3 )
        if link and not level.data:
            chain = max(chain, _link(level, limits, text, token))
        level.operand = operand
        previous = token

    if pending in ("SERVICE", "LOAD"):
        remotes.append(Remote(pending, None))
    return Shape(form=form, update=first_word in UPDATE_WORDS, dataset=dataset,
                 remotes=tuple(remotes), tokens=count, depth=depth, chain=chain)


_ORIGIN = re.compile(r"(?P<scheme>https?)://(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])"
                     r"(?::(?P<port>[0-9]{1,5}))?(?P<rest>[/?#].*)?", re.S)
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(iri: str | None) -> tuple[str, str, int, str] | None:
    """``(scheme, host, port, rest)`` of a plain http(s) IRI; None for anything else.

    Strict on purpose: user info (``a@b``), backslashes, spaces and other
    characters that HTTP clients and URL parsers read differently make the
    IRI unusable as a remote target.

    >>> origin('http://Example.org/sparql')
    ('http', 'example.org', 80, '/sparql')
    >>> origin('http://allowed.org@127.0.0.1/') is None
    True
    """
    if iri is None:
        return None
    found = _ORIGIN.fullmatch(iri)
    if found is None or any(c in iri for c in "\\ \t\r\n\x00@"):
        return None
    scheme = found["scheme"].lower()
    port = int(found["port"]) if found["port"] else DEFAULT_PORTS[scheme]
    return scheme, found["host"].lower().rstrip("."), port, found["rest"] or "/"


def target_allowed(iri: str | None, allow: tuple[str, ...]) -> bool:
    """May a SERVICE or LOAD reach ``iri``, given the allow-list entries ``allow``?

    Entries: ``*`` (anything, even targets that cannot be told in advance),
    ``host`` (any port on it), ``host:port``, or an IRI prefix
    ``http(s)://host[:port]/path`` (that scheme, host and port, paths below).

    >>> target_allowed('http://127.0.0.1:8080/', ())
    False
    >>> target_allowed('https://a.org:8443/q', ('a.org',))
    True
    >>> target_allowed('http://a.org/', ('a.org:81',))
    False
    >>> target_allowed('https://a.org/sparql/x', ('https://a.org/sparql',))
    True
    """
    if "*" in allow:
        return True
    target = origin(iri)
    if target is None:
        return False
    scheme, host, port, rest = target
    for entry in allow:
        entry = entry.strip().lower()
        if "://" in entry:
            wanted = origin(entry)
            if wanted is not None and wanted[:3] == (scheme, host, port) and \
                    rest.startswith(wanted[3]):
                return True
        elif ":" in entry and not entry.startswith("["):
            name, _, number = entry.rpartition(":")
            if name.rstrip(".") == host and number.isdigit() and int(number) == port:
                return True
        elif entry.rstrip(".") == host:
            return True
    return False


def check_remote(shape: Shape, allowed: Callable[[str | None], bool]) -> None:
    """Raise :class:`RemoteNotAllowedError` if a SERVICE or LOAD would reach a target not allowed.

    ``allowed`` is a callable ``iri -> bool`` (``Settings.remote_allowed``).
    """
    for remote in shape.remotes:
        if not allowed(remote.iri):
            if remote.iri is not None and origin(remote.iri) is not None:
                what = f"<{remote.iri}>"
            else:
                what = "a variable, an unresolvable name or an IRI that is not plain http(s)"
            raise RemoteNotAllowedError(
                f"{remote.word} to {what} is not allowed on this server "
                "(the operator can allow targets with KG_ALLOW_SERVICE)")


# --- text-level helpers kept for callers that only have the text ---------------------

def query_form(text: str) -> str | None:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK``; None if none is found."""
    return inspect(text).form


def looks_like_update(text: str) -> bool:
    """True when the text starts (after its prologue) with an update operation."""
    return inspect(text).update


def remote_targets(text: str) -> list[tuple[str, str | None]]:
    """Every ``SERVICE`` and ``LOAD`` with the IRI it names (None when it cannot be told)."""
    return [(r.word, r.iri) for r in inspect(text).remotes]
