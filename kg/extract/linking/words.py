"""Word-level helpers shared by the person and organisation rules: what the tagger's lexicon knows a
word as, the keys names are compared by, quote characters and the shapes of name words.

Whether a capitalised word reads as a name is asked of HanTa's lexicon (``word_class``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.mentions import UPPER_LATIN
from kg.extract.tokens import fold


_OPEN_Q = set("„“\"‚‘«»")
_CLOSE_Q = set("“”\"‘’«»")
# a name part glued to a lowercase particle: al-Rashid, el-Sisi, bin-Salman, ul-Haq
_PARTICLE_NAME = re.compile(r"^(?:al|el|ul|ad|ar|as|at|az|ash|bin|ibn|ben|abu|bint|da|de|di|du|van|von|della|dos)"
                            r"[-‐‑'’`][" + UPPER_LATIN + r"]\w+$")
_NAME_WITH_BACKTICK = re.compile(r"^[" + UPPER_LATIN + r"]\w*`\w+$")   # O`Brien, N`Diaye
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")
_OPEN_QUOTES = _OPEN_Q | {"'"}    # a name in plain single quotes too ('Kappa')
_CLOSE_QUOTES = _CLOSE_Q | {"'"}
# a word with an inner capital after three or more small letters, or a run of capitals after small
# ones, is written like a company (PetroResources, TotalEnergies, EnBW), not like a person (McDonald,
# DeSantis, MacArthur)
_COMPANY_CAMEL = re.compile(r"^(?!Ma?c[A-Z])[A-Z][a-z]{2,}[A-Z]\w*$|^[A-Z][a-z]+[A-Z]{2,}\w*$")
# a number or Roman numeral inside a name: Nord Stream 2 AG, Borea II
_NAME_NUMBER = re.compile(r"\d{1,3}|[IVX]{1,4}")
# academic titles, which may also stand between a role and a name ("Geschäftsführer Dr. Jana Roe")
ACADEMIC_TITLES = frozenset({"dr", "dr.", "prof", "prof."})
# what HanTa knows a word as: a score above this means the word is in its lexicon
_KNOWN_SCORE = {"de": -20.0, "en": -18.0}


@lru_cache(maxsize=50_000)
def word_class(lang: str, word: str) -> str:
    """What the tagger's lexicon knows ``word`` as: 'noun' (a common noun only), 'name' (a
    proper noun among its readings), 'other' (a known word of another class) or 'unknown'."""
    try:
        from kg.extract.linguistic import tagger

        tg = tagger(lang)
        tags = [(tg.model.int2tag[t], float(sc)) for t, sc in tg.model._tag_word(word)]
    except Exception:  # no tagger: every capitalised word may be a name
        return "unknown"
    if not tags:
        return "unknown"
    best = max(sc for _, sc in tags)
    if best < _KNOWN_SCORE.get(lang, -18.0):
        return "unknown"
    close = [t for t, sc in tags if sc >= best - 2.5 and sc >= _KNOWN_SCORE.get(lang, -18.0)]
    if any(t.startswith(("NE", "NP")) for t in close):
        return "name"
    if all(t.startswith("NN") for t in close):
        return "noun"
    return "other"


def squash(words) -> str:
    """A key insensitive to spaces, hyphens, dots and apostrophes: KappaGas = Kappa Gas."""
    return _squash(tuple(words))


@lru_cache(maxsize=100_000)
def _squash(words: tuple[str, ...]) -> str:
    """squash, memoised: the rules ask it of the same few words many times."""
    return re.sub(r"[\s\-‐‑.'’`]", "", "".join(fold(w) for w in words))


def _stem(word: str) -> str:
    w = fold(word)
    return re.sub(r"(?:es|en|em|er|e|s|n)$", "", w) if len(w) > 4 else w


def stem_key(words) -> str:
    """A key insensitive to German case endings: Europäischen Investitionsbank = Europäische Investitionsbank."""
    return _stem_key(tuple(words))


@lru_cache(maxsize=100_000)
def _stem_key(words: tuple[str, ...]) -> str:
    """stem_key, memoised (see _squash)."""
    return "".join(_stem(w) for w in words if w not in ("-", "."))
