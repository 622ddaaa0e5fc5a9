"""Tokenisation shared by the gazetteer and the extractor (blank spaCy pipelines)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_ATTRS = ["IDX", "LENGTH", "SPACY", "IS_SPACE"]   # spaCy token attributes, see tokenize
_YEAR_STOP = re.compile(r"^(?:18|19|20)\d\d\.$")   # a year with its full stop: no ordinal
_POSSESSIVE = re.compile(r"^(.+?)(['’]s|(?<=s)['’])$")   # Japan's, Laos' (a name ending in s)
# a French or Italian article or preposition elided onto a capitalised word: "d'Électricité",
# "l'Énergie", "dell'Energia"; such a token is a word of a name like any capitalised one
_ELISION = re.compile(r"(?<![\w'’])(?:d|l|dell|all|nell|dall|sull)['’](?=[^\W\d_])", re.IGNORECASE)
_ELIDED_TITLE = re.compile(r"^(?:d|l|dell|all|nell|dall|sull|qu)['’][^\W\d_]", re.IGNORECASE)


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    fold: str
    i: int = 0
    ws: bool = True      # followed by whitespace
    lemma: str = ""      # folded lemma (kg.extract.linguistic); the folded form until annotated
    pos: str = ""        # coarse part of speech (NOUN, VERB, ADP, ...)
    tag: str = ""        # the tagger's fine tag
    particle: int = -1   # token index of a separated verb particle ("schloss ... ab")
    # the text begins with a capital (after an elided article: "d'Électricité"); set once (the
    # rules ask it of every token, many times)
    is_title: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = self.text
        self.is_title = text[:1].isupper() or (
            ("'" in text or "’" in text) and _ELIDED_TITLE.match(text) is not None
            and text[text.index("'" if "'" in text else "’") + 1:][:1].isupper())


@lru_cache(maxsize=None)
def get_nlp(lang: str):
    import spacy

    return spacy.blank(lang if lang in ("de", "en") else "en")


CLAUSE_END = frozenset({",", ";", ":", ".", "!", "?", "–", "—", "(", ")", "„", "“", "\""})
"""Punctuation that ends a clause or a phrase (a comma, a dash, a bracket, a quotation mark)."""


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and accent-insensitive key of a word."""
    text = text.replace("ß", "ss").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def join_tokens(tokens: list[Token]) -> str:
    """The text a run of tokens covers, with the spaces the source had between them."""
    out = ""
    for k, t in enumerate(tokens):
        out += t.text
        if k + 1 < len(tokens) and t.ws:
            out += " "
    return out.strip()


def tokenize(text: str, lang: str = "en") -> list[Token]:
    """Tokens with character offsets; an English possessive is split off in any language."""
    out: list[Token] = []
    # offsets, lengths and flags as one array: no spaCy Token object per token
    for s, n, space, is_space in get_nlp(lang).make_doc(text).to_array(_ATTRS).tolist():
        if is_space:
            continue
        word = text[s:s + n]
        ws = bool(space)
        m = _POSSESSIVE.match(word) if ("'" in word or "’" in word) else None
        if m and len(m.group(1)) > 1:
            a = m.group(1)
            out.append(Token(a, s, s + len(a), fold(a), 0, False))
            out.append(Token(m.group(2), s + len(a), s + len(word), fold(m.group(2)), 0, ws))
        elif word[-1:] == "." and (_acronym_stop(word) or _YEAR_STOP.match(word)):   # (both end in a stop)
            # "within the ZEPTA. In May", "im März 2019. Im Folgejahr": a full stop after an
            # acronym or a year ends the sentence (German tokenisers keep "2019." whole, as an ordinal)
            a = word[:-1]
            out.append(Token(a, s, s + len(a), fold(a), 0, False))
            out.append(Token(".", s + len(a), s + len(word), ".", 0, ws))
        else:
            out.append(Token(word, s, s + n, fold(word), 0, ws))
    out = _merge_hyphens(out)
    if "'" in text or "’" in text:
        out = _merge_elisions(out, text)
    for i, tok in enumerate(out):
        tok.i = i
    return out


def _acronym_stop(word: str) -> bool:
    """An acronym with a full stop glued to it ("ZEPTA.", "GmbH."); not an abbreviation ("Co.", "U.S.")."""
    return len(word) > 2 and word.endswith(".") and "." not in word[:-1] and word[:-1].isalnum() \
        and sum(c.isupper() for c in word) >= 2


def _merge_elisions(tokens: list[Token], text: str) -> list[Token]:
    """Join an elided French or Italian article to its word as one token, whatever the spaCy
    language splits: "d’", "Électricité" and "l", "’", "Eau" become "d’Électricité", "l’Eau"
    (the English tokeniser keeps them whole already)."""
    by_start = {t.start: k for k, t in enumerate(tokens)}
    joins: list[tuple[int, int]] = []
    for m in _ELISION.finditer(text):
        a, b = by_start.get(m.start()), by_start.get(m.end())
        if a is not None and b is not None and b > a:
            joins.append((a, b))
    if not joins:
        return tokens
    out: list[Token] = []
    copied = 0
    for a, b in joins:
        if a < copied:
            continue
        out.extend(tokens[copied:a])
        first, last = tokens[a], tokens[b]
        word = text[first.start:last.end]
        out.append(Token(word, first.start, last.end, fold(word), 0, last.ws))
        copied = b + 1
    out.extend(tokens[copied:])
    return out


def _merge_hyphens(tokens: list[Token]) -> list[Token]:
    """Join "El", "-", "Muster" or "German", "–", "Chilean" (no spaces between) back into one token."""
    hyphens = [k for k, t in enumerate(tokens) if t.text == "-" or t.text == "–"]
    if not hyphens:
        return tokens
    # the tokens between the hyphens are copied as they are (a slice at a time)
    out: list[Token] = []
    copied = 0   # tokens[:copied] are in out (joined or not)
    for k in hyphens:
        out.extend(tokens[copied:k])
        copied = k
        t = tokens[k]
        if out and k + 1 < len(tokens) and out[-1].end == t.start and t.end == tokens[k + 1].start \
                and out[-1].text[-1:].isalpha() and tokens[k + 1].text[:1].isalpha():
            prev = out.pop()
            nxt = tokens[k + 1]
            text = prev.text + t.text + nxt.text
            out.append(Token(text, prev.start, nxt.end, fold(text), 0, nxt.ws))
            copied = k + 2
    out.extend(tokens[copied:])
    return out


def tokenize_label(text: str) -> list[tuple[str, ...]]:
    """The folded token sequences a label can appear as (German and English tokenisation)."""
    variants = []
    for lang in ("de", "en"):
        words = tuple(t.fold for t in tokenize(text, lang))
        if words and words not in variants:
            variants.append(words)
    return variants
