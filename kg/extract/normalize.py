"""Normalisation of document text before tokenisation.

* Unicode NFC, unusual spaces to plain spaces, soft hyphens and zero-width characters removed,
  Windows line ends to ``\\n``, a backtick or accent before a possessive "s" ("Jordan`s") to ``'``;
* run-together names repaired where a known given name is glued to the next capitalised
  word ("HirokazuMatsuno" -> "Hirokazu Matsuno"): the given names come from the gazetteer.
  A word of company names or a country glued to it is a company's CamelCase name and stays
  whole ("PetroResources", "PetroNordic"), and so does a company prefix with a word glued to it
  ("PetroVina"): those words are given as ``company_parts``.

Offsets of evidence refer to the normalised text.
"""

from __future__ import annotations

import re
import unicodedata

from kg.extract.tokens import fold

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# a grave or acute accent, a modifier letter or a prime before a possessive "s" is an apostrophe
# ("Jordan`s"); inside a name it stays as written ("O`Brien")
_APOSTROPHES = re.compile(r"(?<=\w)[\u0060\u00b4\u02b9\u02bc\u2032](?=s\b)")
_APOSTROPHE_MARKS = "\u0060\u00b4\u02b9\u02bc\u2032"   # its marks: without one, no match (a cheap test first)
# the family name glued to the given name has four letters or more: "KenGen" is a company
_GLUED = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]{2,})([A-ZÄÖÜ][a-zäöüß]{3,})\b")
# where the two words of a _GLUED match meet: a text without it has no match (found much faster
# than _GLUED, which its opening \b makes try every position)
_GLUED_AT = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")


def normalize(text: str, given_names: set[str] | frozenset[str] = frozenset(),
              company_parts: set[str] | frozenset[str] = frozenset()) -> str:
    """The cleaned text (see the module docstring); names are folded for the look-ups."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    if any(c in text for c in _APOSTROPHE_MARKS):
        text = _APOSTROPHES.sub("'", text)
    if given_names and _GLUED_AT.search(text):
        def split(m: re.Match) -> str:
            glued_person = fold(m.group(1)) in given_names and fold(m.group(2)) not in company_parts \
                and fold(m.group(1)) not in company_parts   # PetroVina: a company prefix, not Petro
            return f"{m.group(1)} {m.group(2)}" if glued_person else m.group(0)
        text = _GLUED.sub(split, text)
    return text
