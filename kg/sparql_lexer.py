"""A SPARQL 1.1 tokenizer: the terminals of the grammar, read the way Oxigraph reads them.

The API looks at a query before Oxigraph does (to bound its size and nesting
and to find every ``SERVICE`` and ``LOAD``, :mod:`api.guard`), so it must split
the text exactly where the parser does; the store uses it to name an undeclared
prefix when Oxigraph's own message would not (:func:`undeclared_prefixes`).
It lives in ``kg`` so that both can (``kg`` never imports ``api``). That is what this module is for: IRIs with ``\\u``
escapes, the four string forms (short and long, with escapes), comments,
prefixed names with ``%xx`` and ``\\`` escapes, variables, blank nodes,
numbers, language tags, keywords and punctuation, per the terminals of the
SPARQL 1.1 grammar (section 19.8). Like Oxigraph, escapes are only read inside
IRIs, strings and local names: ``\\u0053ERVICE`` is not a keyword.

Text that no terminal matches is a syntax error (:class:`QuerySyntaxError`):
the parser would refuse it too, and guessing could make the two disagree.

>>> [t.kind for t in tokenize('SELECT ?s { ?s ex:p "a\\\\"b" } # c')]
['name', 'var', 'punct', 'var', 'pname', 'string', 'punct']
>>> tokenize(r'<http://x/\\u0041#>')[0].value
'http://x/A#'
>>> tokenize(r"ex:a\\'b")[0].value
"ex:a'b"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.errors import QuerySyntaxError

# Character classes of the grammar (SPARQL 1.1, section 19.8).
_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
         "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
         "\U00010000-\U000EFFFF")
_U = _BASE + "_"
_CHARS = _U + "\\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_HEX = "[0-9A-Fa-f]"
_UCHAR = rf"\\u{_HEX}{{4}}|\\U{_HEX}{{8}}"
_ECHAR = r"""\\[tbnrf\\"']"""
_PLX = rf"%{_HEX}{_HEX}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = (rf"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?")
_VARNAME = rf"[{_U}0-9][{_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"
_EXP = r"[eE][+-]?[0-9]+"

_TERMINALS: tuple[tuple[str, str], ...] = (
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("iri", rf"""<(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>"""),
    ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*"""'),
    ("string", rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''"),
    ("string", rf'"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*"'),
    ("string", rf"'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'"),
    ("bnode", rf"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
    ("pname", rf"(?:{_PREFIX})?:(?:{_LOCAL})?"),
    ("var", rf"[?$]{_VARNAME}"),
    ("number", rf"[0-9]+\.[0-9]*{_EXP}|\.[0-9]+{_EXP}|[0-9]+{_EXP}|[0-9]*\.[0-9]+|[0-9]+"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?"),
    ("name", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*/|^!=<>+\-?~]"),
)
_MASTER = re.compile("|".join(f"(?P<t{i}>{pattern})"
                              for i, (_, pattern) in enumerate(_TERMINALS)))
_KINDS = {f"t{i}": kind for i, (kind, _) in enumerate(_TERMINALS)}
_ESCAPE = re.compile(rf"{_UCHAR}|{_ECHAR}")
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f",
           "\\": "\\", '"': '"', "'": "'"}


@dataclass(frozen=True, slots=True)
class Token:
    """One terminal: its kind, its text, and where it starts (0-based offset)."""

    kind: str  # iri, string, bnode, pname, var, number, langtag, name, punct
    text: str
    start: int

    @property
    def value(self) -> str:
        """The text as the parser reads it: escapes decoded, delimiters removed.

        IRIs lose their ``<>`` and get ``\\u`` escapes decoded; prefixed names get
        their ``\\`` escapes removed (``%xx`` stays, as the grammar says);
        strings lose their quotes. Names are upper-cased (keywords are
        case-insensitive).
        """
        if self.kind == "iri":
            return _ESCAPE.sub(_unescape, self.text[1:-1])
        if self.kind == "pname":
            return _LOCAL_ESCAPE.sub(r"\1", self.text)
        if self.kind == "string":
            quote = 3 if self.text[:3] in ('"""', "'''") else 1
            return _ESCAPE.sub(_unescape, self.text[quote:-quote])
        if self.kind == "name":
            return self.text.upper()
        return self.text


def _unescape(match: re.Match) -> str:
    text = match.group(0)
    if text[1] in "uU":
        code = int(text[2:], 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"
    return _ECHARS[text[1]]


def where(text: str, offset: int) -> str:
    """``line L, column C`` (1-based) of an offset, for error messages."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def iter_tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text`` in order, without whitespace and comments.

    Raises :class:`QuerySyntaxError` at the first character no terminal matches.
    """
    pos, end = 0, len(text)
    match = _MASTER.match
    while pos < end:
        found = match(text, pos)
        if found is None:
            raise QuerySyntaxError(
                f"cannot read the query at {where(text, pos)}: unexpected "
                f"{text[pos]!r}" + (" (an unclosed string or IRI?)"
                                    if text[pos] in "\"'<" else ""))
        kind = _KINDS[found.lastgroup]
        if kind not in ("ws", "comment"):
            yield Token(kind, found.group(), pos)
        pos = found.end()


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` (see :func:`iter_tokens`)."""
    return list(iter_tokens(text))


def undeclared_prefixes(text: str, predeclared: Iterable[str] = ()) -> list[Token]:
    """The first use of each prefix that neither a ``PREFIX`` nor ``predeclared`` declares.

    Raises :class:`QuerySyntaxError` where the text cannot be tokenized.

    >>> [t.text for t in undeclared_prefixes("PREFIX a: <x:> SELECT * { ?s a:p foaf:q, foaf:r }")]
    ['foaf:q']
    >>> undeclared_prefixes("SELECT * { ?s rdfs:label ?o }", ["rdfs"])
    []
    """
    declared = set(predeclared)
    found: dict[str, Token] = {}
    after_prefix = False
    for token in iter_tokens(text):
        if token.kind == "pname":
            prefix = token.text.split(":", 1)[0]
            if after_prefix:
                declared.add(prefix)
            elif prefix not in declared and prefix not in found:
                found[prefix] = token
        after_prefix = token.kind == "name" and token.text.upper() == "PREFIX"
    return [token for prefix, token in found.items() if prefix not in declared]


def syntax_message(text: str, message: str, predeclared: Iterable[str] = ()) -> str:
    """Oxigraph's syntax error ``message``, or a readable one when a prefix is not declared.

    For an unknown prefix Oxigraph lists every character range a name could
    go on with; this names the prefix, where it is used, and the way out.

    >>> syntax_message("SELECT * { ?s foaf:name ?n }", "error at 1:24: expected one of "
    ...                "Prefix not found, ['%'], ['-' | '0' ..= '9' ...", ["rdfs"])
    'prefix foaf: is not declared (line 1, column 15); add PREFIX foaf: <IRI> before the query (predeclared: rdfs:)'
    """
    if "prefix not found" not in message.lower():
        return message
    try:
        missing = undeclared_prefixes(text, predeclared)
    except QuerySyntaxError:
        return message
    if not missing:
        return message
    first = missing[0]
    name = first.text.split(":", 1)[0] + ":"
    more = [t.text.split(":", 1)[0] + ":" for t in missing[1:]]
    head = (f"prefix {name} is not declared" if not more else
            f"prefixes {', '.join([name, *more])} are not declared")
    known = ", ".join(f"{p}:" for p in sorted(predeclared))
    return (f"{head} ({where(text, first.start)}); add PREFIX {name} <IRI> before the query"
            + (f" (predeclared: {known})" if known else ""))


__all__ = ["Token", "iter_tokens", "syntax_message", "tokenize", "undeclared_prefixes", "where"]
