"""Dates in German and English text, with the precision the text gives.

A regular-expression pass finds candidates (month and weekday names come from Babel/CLDR, in
both languages); explicit dates are read from the pattern's groups; everything else is resolved
in text order against a reference date. Precision is never invented: "Ende 2010" is the year 2010,
"im Juni 2022" is 2022-06.

* The reference date is the publication date. Without one, a dateline at the top of the text
  ("BERLIN, 5. Mai 2019 (dpa) –", "Lima, May 5, 2019 (Reuters) -", see :func:`dateline`) takes
  its place; a dateline finer than a publication date it agrees with ("2019-05" and
  "5. Mai 2019", or "May 5" without a year) replaces it.
* Relative dates ("am Montag", "am Dienstagabend", "last year", "today", "vor 50 Jahren", "a decade ago", "vor drei Monaten",
  "im Oktober des kommenden Jahres") are
  resolved against the reference and have no value without one. A weekday is a day only when
  the reference is known to the day, its month when it is known to the month.
* A day or a month without a year ("am 4. März", "Ende Mai", "in early May") takes the year of
  the reference, or the year before when it would lie more than about two months after it. With
  no reference it takes the year of the closest preceding date whose year the text writes (the
  text's own reference year; a target such as "bis 2030" does not count), else that of the next
  day or month that writes one ("Am 4. März unterzeichneten … Das Ministerium teilte am 6. März
  2021 mit"; a bare year later on is another event), else the year
  stays unknown: XXXX-03-04, XXXX-05.
* Anaphoric expressions ("in that year", "im selben Jahr", "damals", "at the time") take the
  closest preceding date that has a value (targets excepted): only its year for the year
  expressions, the whole date with its precision for the others.
* "The same day", "on that day", "am selben Tag", "noch am gleichen Tag" are the closest day told
  before (its month, when that is all the text told), past years told in between ("this year").
* A part of "the year" ("Ende des Jahres", "earlier in the year") is in the year of that date,
  else in the reference's year.
* Expressions told from that date ("the following year", "ein Jahr später", "im selben Monat",
  "tags darauf", "the next day", "a month after that", "im Jahr darauf", "zwei Jahre danach",
  "eine Woche zuvor", "two weeks later": weeks only from a day)
  move it on by their unit, those told back from it ("two years earlier", "einen Monat zuvor",
  "the day before", "am Vortag") move it back: a day after a date known only to its month stays
  that month. "The day before" with no day told before is the day before the reference.

* A day after "from", "until", "starting", "ab dem", "bis zum", "mit Beginn am" is where
  something starts or ends: a target, like a year after "bis" or "by".
* "Today" compared with ("doppelt so teuer wie heute", "more than today") or reached ("bis heute",
  "until today") is the present, no date.
* A part of the day ("am Nachmittag", "in the evening", "later that day") is the last day told
  that lies within two months before the reference (any day told, without one), not an older
  day told in between ("On Monday they recalled the treaty of 5 March 1957 … In the evening
  they signed …"); with no such day it has no value.

* A span of years ("for the years 2031 to 2033", "von 2035 bis 2040") is the time something runs:
  both years are targets.
* A season without a year ("im Frühjahr", "last autumn"; the words are data, lex:Season) is the
  year it falls in, told from the reference.
* Slash dates (5/14/2024, 14/5/2024) are a day only where a number above 12 shows the order.
* With no reference, a dateline with day and month only ("TOKYO, March 5 -") reduces a weekday
  to its month (XXXX-03).

Kinds of mention: absolute, relative, weekday, since, target, anaphoric, dateline.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from itertools import islice

from babel.dates import get_day_names, get_month_names

from kg.extract.tokens import fold


@dataclass
class DateMention:
    start: int            # character offsets in the text
    end: int
    text: str
    value: str | None     # YYYY, YYYY-MM, YYYY-MM-DD, or XXXX-MM-DD / XXXX-MM (year unknown)
    precision: str        # day, month, year
    kind: str             # absolute, relative, weekday, since, target, anaphoric, dateline


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two date values can name the same time: every part that both give agrees, and
    an unknown year (XXXX) agrees with any year.

    >>> compatible("2023-05", "2023-05-12"), compatible("2023", "2023-05-12")
    (True, True)
    >>> compatible("XXXX-05-12", "2021-05-12"), compatible("2023-05-12", "2023-05-13")
    (True, False)
    """
    if not a or not b:
        return False
    return all(x == y or "XXXX" in (x, y) for x, y in zip(a.split("-"), b.split("-")))


def finer(a: str, b: str) -> bool:
    """Whether value ``a`` is more precise than ``b`` (day over month over year).

    >>> finer("2023-05-12", "2023-05"), finer("2023", "XXXX-05")
    (True, False)
    """
    return a.count("-") > b.count("-")


PRECISION_ORDER = {"day": 3, "month": 2, "year": 1}


def finer_mention(a: DateMention, b: DateMention) -> bool:
    """Whether date mention ``a`` is told more precisely than ``b`` (by their precision: day over
    month over year; unlike :func:`finer`, which compares values)."""
    return PRECISION_ORDER.get(a.precision, 0) > PRECISION_ORDER.get(b.precision, 0)


def _month_table() -> tuple[dict[str, int], set[str]]:
    """Every month name and abbreviation (folded and lower-case) and, apart, the full names."""
    table: dict[str, int] = {}
    wide: set[str] = set()
    for locale in ("de", "en"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for num, name in get_month_names(width, context, locale).items():
                    for key in (fold(name.rstrip(".")), name.rstrip(".").lower()):
                        if len(key) >= 3:
                            table[key] = num
                            if width == "wide":
                                wide.add(key)
    extra = {"maerz": 3, "jänner": 1, "janner": 1}
    table.update(extra, sept=9)
    return table, wide | set(extra)


def _weekday_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for locale in ("de", "en"):
        for num, name in get_day_names("wide", "format", locale).items():
            table[fold(name)] = num  # Monday = 0
            table[name.lower()] = num
    return table


def _alternation(keys) -> str:
    """A regular expression for any of ``keys`` that prefers the longest, as a trie
    ("j(?:an(?:uar(?:y)?)?|...)"): it matches what the plain alternation of the keys, longest
    first, matches, but tries one branch per letter instead of every key in turn."""
    trie: dict = {}
    for key in set(keys):
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:   # a key ends here: the longer keys are tried first
            return (body if len(branches) == 1 and len(branches[0]) == 1 else
                    body if body.startswith("(?:") else "(?:" + body + ")") + "?"
        return body

    return pattern(trie)


def _guard(regex: str) -> str:
    """``regex`` behind a look-ahead for the letters (or digits) a match of it can begin with, or
    as it is when that cannot be told: the same matches, but at most positions one test instead of one
    per alternative (the optional word groups below are tried at every position)."""
    try:
        from re import _constants as c
        from re import _parser
    except ImportError:  # another Python's internals: no guard
        return regex

    def first(items) -> tuple[set[str] | None, bool]:
        chars: set[str] = set()
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue                                   # zero width
            if op is c.LITERAL:
                return chars | {chr(av)}, False
            if op is c.IN and all(o is c.LITERAL or o is c.CATEGORY and v is c.CATEGORY_DIGIT for o, v in av):
                return chars | {chr(v) if o is c.LITERAL else _DIGIT for o, v in av}, False
            if op is c.SUBPATTERN and not av[1] and not av[2]:
                found, empty = first(av[3])
            elif op is c.BRANCH:
                found, empty = set(), False
                for alternative in av[1]:
                    f, e = first(alternative)
                    if f is None:
                        return None, True
                    found |= f
                    empty = empty or e
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                found, empty = first(av[2])
                empty = empty or av[0] == 0
            else:
                return None, True
            if found is None:
                return None, True
            chars |= found
            if not empty:
                return chars, False
        return chars, True

    if re.match(r"\(\?[aiLmsux]+\)", regex):   # global flags must stay in front
        return regex
    try:
        chars, empty = first(_parser.parse(regex, re.I))
    except Exception:  # noqa: BLE001 - no guard, the regex as it is
        return regex
    if chars is None or empty:
        return regex
    letters = chars - {_DIGIT}
    chars |= {ch.lower() for ch in letters} | {ch.upper() for ch in letters if len(ch.upper()) == 1}
    return "(?=[" + "".join(ch if ch == _DIGIT else re.escape(ch) for ch in sorted(chars)) + "])" + regex


_DIGIT = r"\d"   # (in _guard: a match that begins with any digit)


MONTHS, _WIDE = _month_table()
WEEKDAYS = _weekday_table()
_MONTH_RE = _alternation(MONTHS)
_WIDE_RE = _alternation(_WIDE)
_WEEKDAY_RE = _alternation(WEEKDAYS)
_Y = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"
# "this/last/next" words before a year, month, week or month name; see _offset
_WHICH = (r"this|current|last|past|next|coming|diese[mnrs]?|laufende[mnrs]?|vergangene[mnrs]?"
          r"|letzte[mnrs]?|vorige[mnrs]?|kommende[mnrs]?|n(?:ä|ae)chste[mnrs]?")
_REL_YEAR = rf"(?:the\s+|des\s+)?(?P<which>{_WHICH})\s+(?:year|jahres)|des\s+(?P<prev>vorjahres)"
_SAME_YEAR = (r"(?:in\s+)?(?:that|the\s+same|that\s+same)\s+year(?!-)|(?:im|in)\s+(?:selben|gleichen|jenem)\s+jahr"
              r"|(?:desselben|des\s+(?:selben|gleichen)|jenes)\s+jahres")

# the year of a day told from the reference ("last year", "vergangenen Jahres", "des Vorjahres") or
# from the date before ("desselben Jahres"), after its day and month: the year of that day, as for
# a month (pattern "m_rel"); not a possessive ("5 May, last year's deal")
_DAY_REL_YEAR = rf"\s+(?:of\s+)?(?:{_REL_YEAR}|(?P<same>{_SAME_YEAR}))(?!['’]s\b)"

# small numbers written as words ("vor zwei Wochen", "a year ago")
_NUMBERS = {"a": 1, "one": 1, "einem": 1, "einer": 1, "two": 2, "zwei": 2, "three": 3, "drei": 3, "four": 4,
            "vier": 4, "five": 5, "fünf": 5, "six": 6, "sechs": 6, "ten": 10, "zehn": 10}
_NUMBER_WORDS = "|".join(sorted(_NUMBERS, key=len, reverse=True))

# the optional words before a date, behind a look-ahead for their first letters (see _guard)
_G_PART_MY = _guard(r"(anfang|ende|mitte|early|late|mid-?)")
_G_PART_M = _guard(r"(?P<part>anfang|ende|mitte|early|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)")
_G_WHICH = _guard(rf"(?P<which>{_WHICH})")
_G_SOONER = _guard(r"(?:earlier|later)")
_G_ARTICLE = _guard(r"(?:im|in|des|der|in\s+der|in\s+the|the)")
_G_WEEKDAY_WHICH = _guard(r"(last|vergangenen|letzten|this|diesen|am|on|next|coming|kommenden|n(?:ä|ae)chsten)")

# in order of priority: a later pattern only finds what no earlier one took; a pattern with a
# group "d" stands for that group only (the words before it only give the context)
PATTERNS = [
    # numeric: 12.05.2019 (German order), 2019-05-12 (ISO)
    ("num_dmy", re.compile(rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.({_Y})(?![\d])")),
    ("iso", re.compile(rf"(?<![\d-])({_Y})-(\d{{2}})-(\d{{2}})(?![\d])")),
    # with slashes: 14/5/2024 (day first) or 5/14/2024 (month first), a day only where the order shows
    ("slash", re.compile(rf"(?<![\d/.])(\d{{1,2}})/(\d{{1,2}})/({_Y})(?![\d/])")),
    # a range of days in one month: "5.–7. Mai 2021", "vom 5. bis 7. Mai", "May 5-7, 2021": its month
    ("range_dmy", re.compile(rf"\b(\d{{1,2}})(?:\.|{_ORD})?\s*(?:-|–|bis|to|and|und)\s*(\d{{1,2}})(?:\.|{_ORD})\s*(?:of\s+)?"
                             rf"({_MONTH_RE})\.?(?:,?\s+({_Y}))?\b", re.I)),
    ("range_mdy", re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}){_ORD}\s*(?:-|–|to|and)\s*(\d{{1,2}}){_ORD}(?:,?\s+({_Y}))?\b(?!\.\d)", re.I)),
    # a day and month with its year, or with a year told from the reference or the date before
    # ("am 5. Mai vergangenen Jahres", "on 5 May last year", "May 5 of this year", "am 3. Juni
    # desselben Jahres"; see _DAY_REL_YEAR)
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:\.|{_ORD})\s*(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+({_Y})|{_DAY_REL_YEAR})?\b", re.I)),
    ("mdy", re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}){_ORD}(?:,?\s+({_Y})|{_DAY_REL_YEAR})?\b(?!\.\d)", re.I)),
    ("m_rel", re.compile(rf"\b(?P<m>{_WIDE_RE})\s+(?:of\s+)?(?:{_REL_YEAR}|(?P<same>{_SAME_YEAR}))\b", re.I)),
    ("my", re.compile(rf"\b(?:{_G_PART_MY}\s+)?({_MONTH_RE})\.?,?\s+(?:of\s+)?({_Y})\b", re.I)),
    ("y_part", re.compile(rf"\b(anfang|ende|mitte|early|late|mid-?|im\s+jahr|im\s+jahre|in\s+the\s+year)\s+({_Y})\b", re.I)),
    ("m", re.compile(rf"(?:\b(?P<lead>in|im|seit|since|bis|until|by|ab|from|during)\s+)?(?P<d>"
                     rf"(?:{_G_PART_M}\s+|(?P<mid>mid)(?:-|\s+)|{_G_WHICH}\s+)?(?P<m>{_WIDE_RE}))\b", re.I)),
    # a day of the month without the month: "on the 5th," "on the 12th of this month"
    ("day_only", re.compile(r"\bon\s+the\s+(?P<d>(\d{1,2})(?:st|nd|rd|th))"
                            r"(?=\s*[,.;:)]|\s*$|\s+of\s+(?:this|the)\s+month\b|\s+(?:in|at|when|after|before|and)\b)", re.I)),
    # "am Dienstag", "Dienstagnachmittag", "on Tuesday"
    # "am Montag vergangener Woche", "on Monday last week": that weekday of the week before
    ("weekday", re.compile(rf"\b(?:{_G_WEEKDAY_WHICH}\s+)?({_WEEKDAY_RE})(?:vormittag|nachmittag|mittag|abend|morgen|nacht)?\b"
                           r"(?P<lastweek>\s+(?:(?:of\s+)?last\s+week|(?:der\s+)?(?:vergangenen|letzten|vorigen)\s+woche"
                           r"|(?:vergangener|letzter|voriger)\s+woche)\b)?", re.I)),
    # after the preceding date: "the following year", "im Folgejahr", "ein Jahr später", "the next
    # day", "tags darauf", "am Folgetag"; in its month: "in the same month", "im selben Monat"
    ("after", re.compile(r"\b(?:the\s+(?:following|next)\s+(?P<u1>day)|the\s+following\s+(?P<u2>year|month)"
                         r"|(?:im|am)\s+(?P<u3>folgejahr|folgetag|folgemonat)"
                         r"|(?:im|am)\s+(?:darauffolgenden|darauf\s+folgenden|folgenden)\s+(?P<u4>jahr|tag|monat)"
                         r"|am\s+n(?:ä|ae)chsten\s+(?P<u5>tag)|(?P<u6>tags)\s+darauf"
                         r"|(?:im|am)\s+(?P<u9>jahr|monat|tag)\s+darauf"
                         r"|(?:a|one|ein(?:e|en)?)\s+(?P<u7>year|day|month|week|jahr|tag|monat|woche)\s+(?P<dir7>later|sp(?:ä|ae)ter|darauf|danach"
                         r"|after\s+that|thereafter|earlier|before\s+that|zuvor|vorher|fr(?:ü|ue)her)"
                         # "zwei Jahre später", "three months later", "two years earlier": that many after or before it
                         rf"|(?P<n8>\d{{1,2}}|{_NUMBER_WORDS})\s+(?P<u8>years|days|months|weeks|jahre|tage|monate|wochen)\s+(?P<dir8>later|sp(?:ä|ae)ter"
                         r"|darauf|danach|after\s+that|thereafter|earlier|before\s+that|zuvor|vorher|fr(?:ü|ue)her))\b"
                         r"|\b(?P<same>(?:in\s+)?(?:the\s+same|that\s+same)\s+month|(?:im|in)\s+(?:selben|gleichen)\s+monat"
                         r"|(?:later|earlier)\s+that\s+month|in\s+that\s+month)\b(?!-)", re.I)),
    # a part of the year in focus: "Ende des Jahres", "zum Jahresende", "at the end of the year",
    # "earlier in the year"
    ("year_part", re.compile(r"\b(?:(?:anfang|mitte|ende)\s+des\s+jahres|(?:zu|zum|am)\s+jahres(?:beginn|anfang|mitte|ende)"
                             r"|(?:the\s+)?(?:beginning|start|middle|end)\s+of\s+the\s+year"
                             r"|(?:earlier|later)\s+in\s+the\s+year)\b(?!-)", re.I)),
    ("rel", re.compile(rf"\b(?:{_G_SOONER}\s+)?(?:{_G_ARTICLE}\s+)?"
                       rf"(?:(?P<which>{_WHICH})\s+(?P<unit>year|month|week|jahr(?:es)?|monat(?:s)?|woche)"
                       r"|(?P<prev>vorjahr(?:es)?|vormonat(?:s)?)"
                       r"|(?P<thisweek>(?:anfang|mitte|ende)\s+der\s+woche|(?:early|late)\s+(?:in\s+)?the\s+week)"
                       r"|(?P<thismonth>(?:anfang|mitte|ende)\s+des\s+monats|(?:beginning|start|middle|end)\s+of\s+the\s+month"
                       r"|(?:(?<=earlier in the )|(?<=later in the ))month)"
                       rf"|(?:(?P<wkwhich>{_WHICH})\s+)?(?P<weekend>wochenende|weekend)"
                       r"|(?P<day>heute|today|vorgestern|gestern|yesterday|(?:vor)?gestrige[mnrs]?"
                       r"|am\s+vortag|vortag|tags\s+zuvor|the\s+day\s+before\s+yesterday|the\s+day\s+before|the\s+previous\s+day"
                       r"|this\s+(?:morning|afternoon|evening)|tonight|last\s+night))\b",
                       re.I)),
    # a part of the day told: "am Nachmittag", "in the evening", "later that day", "im Laufe des Tages"
    ("day_part", re.compile(r"\b(?:(?:am|(?:later\s+|early\s+|late\s+)?in\s+the)\s+(?:nachmittag|vormittag|abend|mittag|afternoon|evening|morning)"
                            r"|(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+day|sp(?:ä|ae)ter\s+am\s+tag|im\s+laufe\s+des\s+tages)\b(?!-)", re.I)),
    # the day told just before: "the same day", "on that day", "am selben Tag", "noch am gleichen Tag"
    ("same_day", re.compile(r"\b(?:(?:on\s+)?(?:the|that)\s+(?:very\s+)?same\s+day|on\s+that\s+(?:very\s+)?day"
                            r"|(?:am|an)\s+(?:selben|gleichen|demselben|dem\s+gleichen|dem\s+selben|diesem|jenem)\s+tag)\b(?!-)", re.I)),
    ("same_year", re.compile(rf"\b(?:{_SAME_YEAR})\b", re.I)),
    ("same_time", re.compile(r"\b(?:at\s+(?:that|the)\s+time(?!\s+of\b)|back\s+then|damals|seinerzeit"
                             r"|zu\s+(?:diesem|jenem|dem)\s+zeitpunkt(?!\s+(?:der|des)\b))\b", re.I)),
    # "years ago": "vor (genau) 50 Jahren", "50 years ago", "a decade ago", "vor drei Monaten"
    # "vor einem Jahr", "a year ago", "vor zwei Wochen", "two weeks ago"
    ("ago", re.compile(rf"\b(?:vor\s+(?:(?:genau|fast|rund|knapp|etwa|mehr\s+als|über|ueber)\s+)?(?P<n_de>\d{{1,3}}|{_NUMBER_WORDS})"
                       r"\s+(?:(?P<d_de>jahrzehnten|jahrzehnt)|(?P<y_de>jahren|jahr)|(?P<w_de>wochen|woche)|(?P<m_de>monaten|monat)|(?P<t_de>tagen|tag))"
                       rf"|(?P<n_en>\d{{1,3}}|{_NUMBER_WORDS})\s+(?:(?P<d_en>decades?)|(?P<y_en>years?)|(?P<w_en>weeks?)|(?P<m_en>months?)"
                       r"|(?P<t_en>days?))\s+ago)\b", re.I)),
    ("year", re.compile(rf"(?<![\d.,])({_Y})(?![\d])")),
]
# each behind a look-ahead for the letters a match can begin with (the same matches, fewer tries)
PATTERNS = [(name, re.compile(_guard(rx.pattern), rx.flags)) for name, rx in PATTERNS]
# where a month name or its abbreviation, at the end of a word, begins: see _month_matches
_MONTH_AT = re.compile("(?=" + _guard(rf"(?:{_MONTH_RE})\b") + ")", re.I)
_MONTH_PREFIXES = sorted({name[:3] for name in MONTHS})   # see _month_starts
# the patterns whose every match has a month name, with only letters, spaces and hyphens before
# it (the words "m" and "my" may have before it; none for "mdy" and "range_mdy", which begin with
# it): searched from the places a month name begins (see _month_matches)
_FROM_MONTHS = ("m", "my", "mdy", "range_mdy")
# the patterns whose every match begins with the first digit of a run of digits (a look-behind or
# ``\b`` keeps it from starting after another digit): searched only there (see _matches_at)
_FROM_DIGITS = ("num_dmy", "iso", "slash", "range_dmy", "dmy", "year")
_DIGIT_RUN = re.compile(r"(?<!\d)\d")
_TARGET_BEFORE = re.compile(r"(?:\bbis(?:\s+zum|\s+zur|\s+ende)?|\bby|\buntil|\btill|\bthrough|\bab|\bfrom|\bfür|\bfor|\bbefore|\bvor)\s*$", re.I)
_WEEKDAY_BEFORE_DATE = re.compile(rf",?\s*(?:den\s+|the\s+)?(?:\d{{1,2}}(?:\.|{_ORD})?\s*(?:of\s+)?(?:{_MONTH_RE})\b"
                                  rf"|(?:{_MONTH_RE})\.?\s+\d{{1,2}}\b|\d{{1,2}}\.\d{{1,2}}\.)", re.I)
# before a day: where something starts or ends, not when it happened ("from 1 October", "ab dem 1.
# Oktober", "starting on 1 October", "mit Beginn am 1. Oktober", "until 30 June", "bis zum 30. Juni")
_TARGET_DAY_BEFORE = re.compile(r"(?:\bab(?:\s+dem)?|\bbis(?:\s+zum|\s+sp(?:ä|ae)testens(?:\s+zum)?)?|\bfrom|\buntil|\btill|\bthrough"
                                r"|\b(?:starting|beginning|effective)(?:\s+on|\s+from)?|\bmit\s+(?:beginn|wirkung)\s+(?:am|zum|vom)"
                                r"|\bbefore|\bno\s+later\s+than|\bsp(?:ä|ae)testens(?:\s+am|\s+zum)?)\s*$", re.I)
# a span of years ("for the years 2031 to 2033", "von 2035 bis 2040", "the 2021-2025 programme"): the
# time something runs, neither year a date it happened at (see _year_span)
_SPAN_SEP = r"\s*(?:-|–|—|/|\bto\b|\bbis\b|\bthrough\b|\buntil\b)\s*"
_SPAN_AFTER = re.compile(rf"{_SPAN_SEP}({_Y})(?![\d])", re.I)
_SPAN_BEFORE = re.compile(rf"(?<![\d.,])({_Y}){_SPAN_SEP}$", re.I)
# ("as" in lower case only: "AS" before "today" ends a company name, "Kappa AS today signed …")
_COMPARED_BEFORE = re.compile(r"(?:\bwie|\bals|\bthan|(?-i:\b[Aa]s)|\bbis|\buntil|\btill|\bto)\s*$", re.I)
_SINCE_BEFORE = re.compile(r"(?:\bseit(?:\s+dem\s+jahr)?|\bsince|\bsince\s+the\s+year)\s*$", re.I)
# how many days before the reference a date is still the news a text reports (about two months), not
# an older event it recalls: the day a part of the day is in (_Context.news_day), the date of an event
# a later sentence refers to (frames.content._news_date)
NEWS_WINDOW_DAYS = 62


@functools.lru_cache(maxsize=4096)
def parse_published(published: str | None) -> tuple[dt.date | None, str | None]:
    """A date value ("2024-05-10", "2024-05", "2024") as (its first day, its precision), (None,
    None) if it is none. Cached: the stages ask it of the same values again and again (the answer
    holds nothing a caller can change)."""
    if not published:
        return None, None
    parts = published.split("-")
    try:
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2])), "day"
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1), "month"
        return dt.date(int(parts[0]), 1, 1), "year"
    except ValueError:
        return None, None


def fmt(date: dt.date, precision: str) -> str:
    if precision == "day":
        return date.isoformat()
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}"


@dataclass
class _Context:
    """What resolving a date needs: the reference date, the text's own year so far (the last
    year it wrote), and the last date mention with a value (for anaphora)."""
    ref: dt.date | None = None
    ref_precision: str | None = None
    text_year: int | None = None
    last: DateMention | None = None
    # the last day told that lies at most two months before the reference (any day without
    # one): what a part of the day ("am Nachmittag") is in, not an older day told in between
    news_day: DateMention | None = None
    # the last date told to the day or month (not a target, not a "since"): what "the same day" is
    last_fine: DateMention | None = None
    # with no reference, the month of a dateline that gives no year ("TOKYO, March 5 -"): what a
    # weekday is reduced to (XXXX-03), as it is to the month of a publication known to the month
    line_month: str | None = None


def _year_for(month: int, day: int | None, ctx: _Context) -> int | None:
    """The year of a month or day that the text gives without one (see the module docstring)."""
    if ctx.ref is None:
        return ctx.text_year
    if ctx.ref_precision == "year":
        return ctx.ref.year
    if day is None:
        return ctx.ref.year - (month > ctx.ref.month + 2)
    try:
        later = dt.date(ctx.ref.year, month, day) > ctx.ref + dt.timedelta(days=60)
    except ValueError:
        later = False
    return ctx.ref.year - later


def _explicit(day: int, month: int, year: int | None, text: str, lang: str, ctx: _Context) -> str | None:
    if year is None:
        year = _year_for(month, day, ctx)
    try:
        date = dt.date(year or 2000, month, day)   # 2000: a leap year, for a 29 February
    except ValueError:
        return None
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    # the day, month and year the pattern read are the value (dateparser, asked here before,
    # could only confirm them: its answer was used only when it agreed on day and month)
    return fmt(date, "day")


def _offset(word: str) -> int:
    """0 for "this" words, +1 for "next" words, -1 for "last" words (and any other)."""
    w = fold(word)
    if w.startswith(("this", "current", "dies", "laufend")):
        return 0
    return 1 if w.startswith(("next", "coming", "kommend", "nachst", "naechst")) else -1


def _add_months(date: dt.date, n: int) -> dt.date:
    k = date.year * 12 + date.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def _plausible(name: str, m: re.Match) -> bool:
    """Whether a match is a date at all: a day in range, and a month name ("may", "march")
    that is capitalised and, without a year or a day, in a date-like context."""
    g = m.groups()
    if name in ("dmy", "mdy"):
        day, month = (g[0], g[1]) if name == "dmy" else (g[1], g[0])
        return 1 <= int(day) <= 31 and bool(g[2] or month[:1].isupper() or fold(month) not in ("may", "march"))
    if name in ("range_dmy", "range_mdy"):
        first, last, month = (g[0], g[1], g[2]) if name == "range_dmy" else (g[1], g[2], g[0])
        return 1 <= int(first) < int(last) <= 31 and bool(g[3] or month[:1].isupper() or fold(month) not in ("may", "march"))
    if name == "day_only":
        return 1 <= int(m.group(2)) <= 31
    if name == "num_dmy":
        return 1 <= int(g[0]) <= 31 and 1 <= int(g[1]) <= 12
    if name == "iso":
        return 1 <= int(g[1]) <= 12 and 1 <= int(g[2]) <= 31
    if name == "slash":
        return 1 <= min(int(g[0]), int(g[1])) <= 12 and max(int(g[0]), int(g[1])) <= 31
    if name == "my":
        return g[1][:1].isupper() or fold(g[1]) not in ("may", "march")
    if name == "weekday":   # "Friday, March 3, 2023", "Freitag, 3. März": the date that follows says it
        return not _WEEKDAY_BEFORE_DATE.match(m.string, m.end())
    if name == "m_rel":
        return m["m"][:1].isupper()
    if name == "m":
        lead = (m["lead"] or "").lower()
        if fold(m["m"]) == "may":
            lead = lead == "in"   # not "may" (the verb), not "by May", "since May" (the person)
        return m["m"][:1].isupper() and bool(m["part"] or m["mid"] or m["which"] or lead)
    return True


def _lower(text: str) -> str | None:
    """The text in lower case for _run_matches, unless it changes a length or holds a letter
    that, ignoring case, a pattern takes for an ASCII one (then None: every pattern reads it all)."""
    low = text.lower()
    if len(low) != len(text) or any(c in low for c in _CASE_TWINS):
        return None
    return low


def _scan(text: str, low: str | None = "") -> list[tuple[str, re.Match, int, int]]:
    """Every plausible date expression, left to right: (pattern name, match, start, end). ``low``
    is the text's _lower when the caller has made it (by default it is made here; "" is also what
    an empty text gives)."""
    found: list[tuple[str, re.Match, int, int]] = []
    if low == "":
        low = _lower(text)
    months = None   # where month names begin, found once for the patterns of _FROM_MONTHS
    digit_runs = None   # where runs of digits begin, found once for the patterns of _FROM_DIGITS
    for name, rx in PATTERNS:
        if name in _FROM_MONTHS:
            if months is None:
                months = _month_starts(text, low)
            matches = _month_matches(rx, text, months)
        elif name in _FROM_DIGITS:
            if digit_runs is None:
                digit_runs = [m.start() for m in _DIGIT_RUN.finditer(text)]
            matches = _matches_at(rx, text, digit_runs)
        elif name in _IN_RUNS and low is not None:
            matches = _run_matches(rx, text, low, *_IN_RUNS[name])
        else:
            matches = rx.finditer(text)
        for m in matches:
            s, e = m.span("d") if "d" in rx.groupindex else m.span()
            if all(e <= a or s >= b for _, _, a, b in found) and _plausible(name, m):
                found.append((name, m, s, e))
    return sorted(found, key=lambda x: x[2])


# Patterns whose every match is made of letters and spaces (with digits: "ago") and holds one of
# a few words: pattern name -> (whether digits belong to a match, those words); see _run_matches
_IN_RUNS = {
    "rel": (False, ("year", "month", "week", "jahr", "monat", "woche", "heute", "today", "gestern", "gestrig", "yesterday",
                    "vortag", "zuvor", "day", "morning", "afternoon", "evening", "tonight", "night")),
    "after": (True, ("day", "year", "month", "week", "jahr", "tag", "monat", "woche")),
    "ago": (True, ("ago", "jahr", "woche", "monat", "tag")),
    "m_rel": (False, ("year", "jahr")),
    "weekday": (False, tuple(sorted(WEEKDAYS))),
    "year_part": (False, ("year", "jahr")),
    "same_year": (False, ("year", "jahr")),
    "same_day": (False, ("day", "tag")),
    "day_part": (False, ("mittag", "abend", "afternoon", "evening", "morning", "that day", "same day", "the day",
                         "am tag", "des tages")),
    "same_time": (False, ("time", "then", "damals", "seinerzeit", "zeitpunkt")),
}


# the letters that a pattern ignoring case matches as an ASCII letter and that str.lower() does
# not turn into it: dotless i and long s (and the dotted capital I, which lengthens the text)
_CASE_TWINS = ("\u0131", "\u017f")


def _run_matches(rx: re.Pattern, text: str, low: str, digits: bool, words: tuple[str, ...]):
    """``rx.finditer(text)`` for a pattern whose every match lies in one run of letters and
    spaces (and digits, with ``digits``) and holds one of ``words`` (in lower case; ``low`` is
    ``text.lower()``, of the same length, with no character that a pattern matches without
    ignoring case as one of those letters: see _scan). Only the runs around those words are
    searched, each on its own: from its start (a look-behind or ``\\b`` still sees what comes
    before) to one character after it, so that ``\\b`` and a look-ahead at the end of a match see
    the character that ends the run (never part of a match). The same matches, but the pattern
    is no longer tried across the whole text."""
    at = sorted({k for w in words for k in _find_all(low, w)})
    inside = str.isalnum if digits else str.isalpha
    size = len(text)
    done = 0
    for k in at:
        if k < done:
            continue
        start, end = k, k
        while start > done and (inside(text[start - 1]) or text[start - 1].isspace()):
            start -= 1
        while end < size and (inside(text[end]) or text[end].isspace()):
            end += 1
        done = end
        while True:
            m = rx.search(text, start, min(end + 1, size))
            if m is None:
                break
            yield m
            start = m.end()


def _month_starts(text: str, low: str | None) -> list[int]:
    """The starts of ``_MONTH_AT`` in ``text`` (``low`` as in _run_matches, or None): tried only
    where the first three letters of a month name stand in ``low`` (every month name has three or
    more), not at every letter that can begin one."""
    if low is None:
        return [m.start() for m in _MONTH_AT.finditer(text)]
    at = sorted({k for prefix in _MONTH_PREFIXES for k in _find_all(low, prefix)})
    return [k for k in at if _MONTH_AT.match(text, k)]


def _matches_at(rx: re.Pattern, text: str, starts: list[int]):
    """``rx.finditer(text)`` for a pattern none of whose matches can begin anywhere but at one of
    ``starts`` (in text order): the pattern is tried there only, not at every character. (A
    look-behind or ``\\b`` still sees the character before a start.)"""
    end = 0
    for s in starts:
        if s < end:
            continue
        m = rx.match(text, s)
        if m is not None:
            yield m
            end = m.end()


def _find_all(text: str, word: str) -> list[int]:
    out = []
    k = text.find(word)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + 1)
    return out


def _month_matches(rx: re.Pattern, text: str, months: list[int] | None = None):
    """``rx.finditer(text)`` for a pattern of _FROM_MONTHS ("m", "my", "mdy", "range_mdy"), whose
    every match has a month name (or its abbreviation, at the end of a word) with only letters,
    spaces and hyphens before it: each search starts at the next place a month name can begin
    (``months``, the starts of ``_MONTH_AT`` in ``text``, found here when not given), moved back
    over the letters, spaces and hyphens before it (the words a match may have before its month:
    "im", "Ende", "the end of", "mid-"). No match can start earlier: it would have to reach its
    month across some other character. The same matches, but the pattern is no longer tried at
    nearly every letter."""
    if months is None:
        months = [m.start() for m in _MONTH_AT.finditer(text)]
    pos = k = 0
    while True:
        while k < len(months) and months[k] < pos:
            k += 1
        if k == len(months):
            return
        s = months[k]
        while s > pos and (text[s - 1].isalpha() or text[s - 1].isspace() or text[s - 1] == "-"):
            s -= 1
        m = rx.search(text, s)
        if m is None:
            return
        yield m
        pos = m.end()


def _resolve(name: str, m: re.Match, lang: str, ctx: _Context) -> tuple[str | None, str, str, int | None]:
    """Value, precision, kind, and the year that the text writes (None when it writes none)."""
    g = m.groups()
    if name in ("dmy", "mdy"):
        day, month = (int(g[0]), MONTHS[fold(g[1])]) if name == "dmy" else (int(g[1]), MONTHS[fold(g[0])])
        year = int(g[2]) if g[2] else None
        if year is None and (m["which"] or m["prev"] or m["same"]):   # "5 May last year": see _DAY_REL_YEAR
            told = _month_year("m_rel", m, month, ctx)
            try:
                value = fmt(dt.date(told, month, day), "day") if told else f"XXXX-{month:02d}-{day:02d}"
            except ValueError:
                value = None
            return value, "day", "anaphoric" if m["same"] else "relative", None
        return _explicit(day, month, year, m.group(0), lang, ctx), "day", "absolute", year
    if name in ("range_dmy", "range_mdy"):   # several days: the month they are in
        month = MONTHS[fold(g[2] if name == "range_dmy" else g[0])]
        year = int(g[3]) if g[3] else None
        return f"{year or _year_for(month, None, ctx) or 'XXXX'}-{month:02d}", "month", "absolute", year
    if name == "day_only":   # the last such day up to the reference (in its month or the one before)
        day = int(m.group(2))
        if ctx.ref is None or ctx.ref_precision == "year":
            return None, "day", "relative", None
        if ctx.ref_precision == "month":
            return fmt(ctx.ref, "month"), "month", "relative", None
        month = ctx.ref if day <= ctx.ref.day else _add_months(ctx.ref, -1)
        try:
            return fmt(dt.date(month.year, month.month, day), "day"), "day", "relative", None
        except ValueError:
            return None, "day", "relative", None
    if name == "slash":   # the order is shown by a number above 12 (or by two equal ones), else no day
        a, b, year = int(g[0]), int(g[1]), int(g[2])
        if a != b and max(a, b) <= 12:
            return None, "day", "absolute", year
        day, month = (a, b) if a > 12 or a == b else (b, a)
        return _explicit(day, month, year, m.group(0), lang, ctx), "day", "absolute", year
    if name in ("num_dmy", "iso"):
        day, month, year = (int(g[0]), int(g[1]), int(g[2])) if name == "num_dmy" else (int(g[2]), int(g[1]), int(g[0]))
        return _explicit(day, month, year, m.group(0), lang, ctx), "day", "absolute", year
    if name == "my":
        return f"{int(g[2]):04d}-{MONTHS[fold(g[1])]:02d}", "month", "absolute", int(g[2])
    if name in ("y_part", "year"):
        return g[-1], "year", "absolute", int(g[-1])
    if name in ("m_rel", "m"):
        month = MONTHS[fold(m["m"])]
        year = _month_year(name, m, month, ctx)
        if name == "m" and not m["which"]:
            return f"{year or 'XXXX'}-{month:02d}", "month", "absolute", None
        kind = "anaphoric" if name == "m_rel" and m["same"] else "relative"
        return (f"{year:04d}-{month:02d}" if year else None), "month", kind, None
    if name == "rel":
        return (*_relative(m, ctx), "relative", None)
    if name == "year_part":   # the year of the preceding date, else that of the reference
        year = _antecedent_year(ctx) or (ctx.ref.year if ctx.ref else None)
        return (f"{year:04d}" if year else None), "year", "relative", None
    if name == "after":
        return (*_after(m, ctx), "anaphoric", None)
    if name == "same_year":
        year = _antecedent_year(ctx)
        return (f"{year:04d}" if year else None), "year", "anaphoric", None
    if name == "day_part":   # the day of the news told last (see _Context.news_day)
        day = ctx.news_day
        return (day.value, "day", "anaphoric", None) if day is not None else (None, "day", "anaphoric", None)
    if name == "same_day":   # the closest day (or month, when that is all it says) told before
        day = ctx.last_fine
        return (day.value, day.precision, "anaphoric", None) if day is not None else (None, "day", "anaphoric", None)
    if name == "same_time":
        last = ctx.last
        return (last.value, last.precision, "anaphoric", None) if last else (None, "day", "anaphoric", None)
    if name == "ago":
        n = m["n_de"] or m["n_en"]
        n = int(n) if n.isdigit() else _NUMBERS[n.lower()]
        if m["t_de"] or m["t_en"]:   # days ago: that day before the reference, its month without one
            if ctx.ref is None or ctx.ref_precision == "year":
                return None, "day", "relative", None
            if ctx.ref_precision == "month":
                return fmt(ctx.ref, "month"), "month", "relative", None
            return fmt(ctx.ref - dt.timedelta(days=n), "day"), "day", "relative", None
        if m["w_de"] or m["w_en"]:   # weeks ago: the month they lead back to, like "last week"
            if ctx.ref is None or ctx.ref_precision == "year":
                return None, "month", "relative", None
            back = ctx.ref - dt.timedelta(days=7 * n) if ctx.ref_precision == "day" else ctx.ref
            return fmt(back, "month"), "month", "relative", None
        if m["m_de"] or m["m_en"]:   # months ago: that month before the reference's
            if ctx.ref is None or ctx.ref_precision == "year":
                return None, "month", "relative", None
            return fmt(_add_months(ctx.ref, -n), "month"), "month", "relative", None
        if ctx.ref is None:
            return None, "year", "relative", None
        return f"{ctx.ref.year - n * (10 if m['d_de'] or m['d_en'] else 1):04d}", "year", "relative", None
    if name == "weekday":
        return (*_weekday(WEEKDAYS[fold(g[1])], ctx, forward=bool(g[0]) and _offset(g[0]) > 0,
                          last_week=bool(m["lastweek"])), "weekday", None)
    raise ValueError(name)


def _month_year(name: str, m: re.Match, month: int, ctx: _Context) -> int | None:
    """The year of a month named without one: "Ende Mai" (see the module docstring), "im Mai
    desselben Jahres" (the year of the preceding date), "im Oktober des kommenden Jahres"
    (from the reference), "last May" (the last May before the reference), "next May"."""
    if name == "m_rel" and m["same"]:
        return _antecedent_year(ctx)
    if name == "m" and not m["which"]:
        return _year_for(month, None, ctx)
    if ctx.ref is None:
        return None
    off = -1 if name == "m_rel" and m["prev"] else _offset(m["which"])
    if name == "m_rel" or off == 0:
        return ctx.ref.year + off
    if ctx.ref_precision == "year":
        return None
    return ctx.ref.year - (off < 0 and month >= ctx.ref.month) + (off > 0 and month <= ctx.ref.month)


def _antecedent_year(ctx: _Context) -> int | None:
    value = ctx.last.value if ctx.last else None
    return int(value[:4]) if value and value[:4].isdigit() else None


def _after(m: re.Match, ctx: _Context) -> tuple[str | None, str]:
    """A date told from the preceding one: its month ("im selben Monat"), or the next year,
    month or day after it ("the following year", "tags darauf"); a day after a date known
    only to the month stays in that month. Days and weeks are told from the last day or month
    when a bare year was told after it ("on Wednesday … was discovered in 1971 … A week
    earlier": a year gives no day to count from)."""
    last = ctx.last
    unit = "" if m["same"] else fold(next(u for u in (m["u1"], m["u2"], m["u3"], m["u4"], m["u5"], m["u6"], m["u7"],
                                                      m["u8"], m["u9"]) if u))
    if ("tag" in unit or "day" in unit or "woche" in unit or "week" in unit) and last is not None \
            and last.precision == "year" and ctx.last_fine is not None:
        last = ctx.last_fine
    if last is None or not last.value or not last.value[:4].isdigit():
        return None, "day"
    year = int(last.value[:4])
    if m["same"]:
        return (last.value[:7], "month") if len(last.value) >= 7 else (None, "month")
    n = 1
    if m["n8"]:
        n = int(m["n8"]) if m["n8"].isdigit() else _NUMBERS.get(m["n8"].lower(), 0)
        if not n:
            return None, "day"
    if fold(m["dir7"] or m["dir8"] or "").startswith(("earlier", "before", "zuvor", "vorher", "fruher", "frueher")):
        n = -n   # "two years earlier", "einen Monat zuvor": that many before it
    if "jahr" in unit or "year" in unit:
        return f"{year + n:04d}", "year"
    if len(last.value) < 7:
        return None, "month"
    first = dt.date(year, int(last.value[5:7]), 1)
    if "monat" in unit or "month" in unit:
        return fmt(_add_months(first, n), "month"), "month"
    if "woche" in unit or "week" in unit:
        if len(last.value) < 10:   # weeks from a month: the month they reach is unknown
            return None, "month"
        n *= 7   # "eine Woche zuvor", "two weeks later": that many weeks from the day told
    if len(last.value) < 10:
        return (last.value, "month") if abs(n) == 1 else (None, "month")
    return fmt(dt.date(year, int(last.value[5:7]), int(last.value[8:10])) + dt.timedelta(days=n), "day"), "day"


def _relative(m: re.Match, ctx: _Context) -> tuple[str | None, str]:
    ref, precision = ctx.ref, ctx.ref_precision
    if ref is None or precision is None:
        return None, "day"
    if m["day"]:
        word = fold(m["day"])
        if word in ("heute", "today") or precision != "day":   # a day before a month-only date: that month
            return fmt(ref, precision), precision
        last = ctx.last.value if ctx.last is not None and ctx.last.precision == "day" else None
        if word.startswith(("this", "tonight")):   # "this morning", "tonight": the reference day
            return fmt(ref, "day"), "day"
        two = word.startswith(("vorgestern", "vorgestrig")) or word.endswith("before yesterday")
        yesterday = two or word.startswith(("gestern", "yesterday", "gestrig", "last night"))
        if not yesterday and last and last[:4].isdigit():
            # "the day before", "am Vortag", "tags zuvor": the day before the date told last
            return fmt(dt.date.fromisoformat(last) - dt.timedelta(days=1), "day"), "day"
        # "gestern", "bei der gestrigen Zeremonie", "vorgestern": told from the reference
        return fmt(ref - dt.timedelta(days=2 if two else 1), "day"), "day"
    if m["weekend"]:   # "am Wochenende", "over the weekend": Saturday or Sunday, so a month
        if precision != "day":
            return (fmt(ref, "month"), "month") if precision == "month" else (None, "month")
        wd = ref.weekday()
        if m["wkwhich"] and _offset(m["wkwhich"]) > 0 or m["wkwhich"] and _offset(m["wkwhich"]) == 0 and wd < 5:
            saturday = ref + dt.timedelta(days=(5 - wd) % 7 or 7)   # "am kommenden Wochenende", "this weekend"
        else:
            saturday = ref - dt.timedelta(days=wd - 5 if wd >= 5 else wd + 2)
        return fmt(saturday, "month"), "month"
    if m["thismonth"]:   # "Ende des Monats", "earlier in the month": the month of the reference
        return (fmt(ref, "month"), "month") if precision != "year" else (None, "month")
    if m["thisweek"]:   # "Anfang der Woche", "early in the week": the week of the reference
        return (fmt(ref, "month"), "month") if precision != "year" else (None, "month")
    unit = fold(m["unit"] or m["prev"])
    off = -1 if m["prev"] else _offset(m["which"])
    if "jahr" in unit or "year" in unit:
        return f"{ref.year + off:04d}", "year"
    if precision == "year":
        return None, "month"
    if "monat" in unit or "month" in unit:
        return fmt(_add_months(ref, off), "month"), "month"
    return fmt(ref + dt.timedelta(days=7 * off) if precision == "day" else ref, "month"), "month"   # a week


def _weekday(weekday: int, ctx: _Context, forward: bool = False, last_week: bool = False) -> tuple[str | None, str]:
    """The last such weekday up to the reference ("am Montag"), or the next one after it
    ("next Monday", "am kommenden Montag"), or that weekday of the calendar week before the
    reference's ("Monday last week")."""
    if ctx.ref is None and ctx.line_month and not forward:
        return f"XXXX-{ctx.line_month}", "month"
    if ctx.ref is None or ctx.ref_precision == "year":
        return None, "day"
    if ctx.ref_precision == "month":
        return fmt(ctx.ref, "month"), "month"
    back = (ctx.ref.weekday() - weekday) % 7
    if last_week:
        back = ctx.ref.weekday() + 7 - weekday
    elif forward:
        back = -((weekday - ctx.ref.weekday()) % 7 or 7)
    return fmt(ctx.ref - dt.timedelta(days=back), "day"), "day"


_ANY_DIGIT = re.compile(r"\d")


def dateline(text: str, lang: str) -> DateMention | None:
    """The date of a news dateline, or None: in one of the first three non-empty lines, the
    part before the first dash (or the whole line) is a date, after an optional place of
    capitalised words and a comma, and before an optional agency in parentheses. The value
    has no reference, so a year the dateline leaves out is XXXX.

    >>> dateline("BERLIN, 5. Mai 2019 (dpa) – Die Regierung ...", "de").value
    '2019-05-05'
    >>> dateline("Lima, 12 November – Peru and ...", "en").value
    'XXXX-11-12'
    >>> dateline("Oslo – Am 5. Mai 2019 ...", "de") is None
    True
    """
    for line in islice(re.finditer(r"[^\n]*\S[^\n]*", text), 3):
        dash = re.search(r"\s[-–—]{1,2}\s|[–—]|:", line.group(0))
        head = line.group(0)[:dash.start() if dash else None]
        bracket = re.search(r"\s*\(([^()\n]*)\)\s*$", head)
        head = head[:bracket.start()].rstrip() if bracket else head.rstrip()   # the agency
        if len(head) > 100:
            continue
        if bracket and _place(head) and _ANY_DIGIT.search(bracket.group(1)):
            # a press release's date in brackets after the place: "JAKARTA (29 March 2014) —",
            # "DUBAI, UNITED ARAB EMIRATES (4 December 2023) —"
            found = _scan(bracket.group(1))
            if len(found) == 1 and found[0][0] in ("dmy", "mdy", "num_dmy", "iso") and found[0][2] == 0 \
                    and found[0][3] == len(bracket.group(1)):
                return _dateline_mention(found[0], bracket.group(1), line.start() + bracket.start(1), lang)
        # the date after the place and a comma, or after an agency in brackets ("LIMA (Reuters) May 5, 2019")
        starts = [0] + [c.end() for c in re.finditer(r",\s*|\)\s+", head)]
        for start in starts:
            candidate = head[start:]
            if _ANY_DIGIT.search(candidate) is None:
                continue   # every pattern a dateline takes holds a digit (the cheap test before _scan)
            found = _scan(candidate)
            if found and found[0][0] == "weekday" and len(found) == 2:
                # "Oslo, Tuesday 2019-05-05 –": the weekday before a date it is not read with
                # ("Tuesday 5 May" is one match: _plausible drops a weekday before a day and month)
                found = found[1:]
            if not _place(re.sub(r"\([^()\n]*\)", "", head[:start]).strip(" ,\t")) or len(found) != 1:
                continue
            name, m, s, e = found[0]
            lead = re.sub(rf"^(?:den|am|on|le|el)\b|^(?:{_WEEKDAY_RE})\b,?", "", candidate[:s].strip(), flags=re.I).strip()
            if name in ("dmy", "mdy", "my", "num_dmy", "iso") and not lead and e == len(candidate):
                return _dateline_mention(found[0], candidate, line.start() + start, lang)
    return None


def _dateline_mention(found: tuple, piece: str, at: int, lang: str) -> DateMention:
    """The dateline's date: the one match ``found`` of ``_scan`` in ``piece``, which starts at
    offset ``at`` of the text, resolved without a reference date."""
    name, m, s, e = found
    value, precision, _, _ = _resolve(name, m, lang, _Context())
    return DateMention(at + s, at + e, piece[s:e], value, precision, "dateline")


def _year_span(text: str, m: re.Match, s: int, e: int) -> bool:
    """Whether the year at ``s:e`` begins or ends a span of years: another, later year after it
    ("2031 to 2033", "2035-2040", "2031 bis 2033") or an earlier one before it.

    >>> [d.kind for d in find_dates("a price for the years 2031 to 2033", "en", None)]
    ['target', 'target']
    >>> [d.kind for d in find_dates("im Jahr 2024 und 2026", "de", None)]
    ['absolute', 'absolute']
    """
    year = int(m.group(1))
    after = _SPAN_AFTER.match(text, e)
    if after and int(after.group(1)) > year:
        return True
    before = _SPAN_BEFORE.search(text, max(0, s - 16), s)
    return bool(before) and int(before.group(1)) < year


def _place(words: str) -> bool:
    """Empty, or a few capitalised words ("BERLIN", "Vila do Mar", "Cusco, Peru")."""
    parts = re.split(r"[\s,]+", words) if words else []
    return len(parts) <= 5 and not any(c.isdigit() for c in words) and all(
        w[:1].isupper() or (k and w.islower() and len(w) <= 3) for k, w in enumerate(parts))


_SEASON_PATTERNS: dict[tuple, re.Pattern] = {}


def _season_pattern(seasons: dict[str, int]) -> re.Pattern:
    """A season after "this", "last", "next" words or after "in", "im", "during" ("im Frühjahr",
    "in the autumn", "im vergangenen Herbst", "last summer"), not before a year or an "of" ("im
    Herbst 2021" is that year; "in the autumn of 2021"), compiled once per table of seasons."""
    key = tuple(sorted(seasons))
    rx = _SEASON_PATTERNS.get(key)
    if rx is None:
        rx = _SEASON_PATTERNS[key] = re.compile(_guard(   # (behind a look-ahead for its first letters)
            rf"\b(?:(?P<which>{_WHICH})\s+|(?:im|in|during|over)\s+(?:the\s+)?(?:(?P<which2>{_WHICH})\s+)?)"
            rf"(?P<s>{_alternation(s.lower() for s in seasons)})\b(?!-|\s*(?:of\b|des\b|\d))"), re.I)
    return rx


_SEASON_WORDS: dict[tuple, tuple[str, ...] | None] = {}


def _season_words(seasons: dict[str, int]) -> tuple[str, ...] | None:
    """The season words in lower case (for _run_matches), or None if one has a character other
    than a letter or a space (its matches would not lie in a run of them); made once per table
    of seasons, as _season_pattern."""
    key = tuple(sorted(seasons))
    if key not in _SEASON_WORDS:
        words = tuple(sorted({s.lower() for s in seasons}))
        _SEASON_WORDS[key] = words if all(w and all(c.isalpha() or c.isspace() for c in w) for w in words) else None
    return _SEASON_WORDS[key]


def _season(m: re.Match, seasons: dict[str, int], ctx: _Context) -> str | None:
    """The year of a season told without one: this season's, the last one's that is over ("last
    autumn" in May is the autumn of the year before), the next one's, or without such a word the
    last one that has begun by the reference ("im Frühjahr" in a May report is this spring)."""
    if ctx.ref is None:
        return None
    first = next((n for w, n in seasons.items() if w.lower() == m["s"].lower()), None)
    which = m["which"] or m["which2"]
    if first is None or ctx.ref_precision == "year" and which:
        return f"{ctx.ref.year:04d}" if first is not None and _offset(which) == 0 else None
    month, year = ctx.ref.month, ctx.ref.year
    if ctx.ref_precision == "year":
        return f"{year:04d}"
    if not which:
        return f"{year - (first > month):04d}"
    off = _offset(which)
    if off == 0:
        return f"{year:04d}"
    if off < 0:
        return f"{year - (first + 2 >= month):04d}"
    return f"{year + (first <= month):04d}"


def find_dates(text: str, lang: str, published: str | None, offset: int = 0,
               seasons: dict[str, int] | None = None) -> list[DateMention]:
    """Every date expression in ``text`` (offsets shifted by ``offset``), left to right, each
    resolved against the publication date or, without one, against the text's dateline.
    ``seasons`` (season word -> the month it begins with, from the lexicon) adds seasons told
    without a year as years.

    >>> S = {"Frühjahr": 3, "autumn": 9}
    >>> [(d.text, d.value) for d in find_dates("im Frühjahr, last autumn", "de", "2024-05-16", seasons=S)]
    [('im Frühjahr', '2024'), ('last autumn', '2023')]
    """
    ctx = _Context(*parse_published(published))
    line = dateline(text, lang)
    if line is not None and line.value and line.value.startswith("XXXX") and published and published[:4].isdigit() \
            and (len(published) < 7 or published[5:7] == line.value[5:7]):
        # "WARSAW, May 10 –" in a text published in 2023-05: the dateline's day in that year
        line.value = published[:4] + line.value[4:]
    if line is not None and line.value and line.value[:4].isdigit() and (
            ctx.ref is None or (compatible(line.value, published) and finer(line.value, published))):
        ctx.ref, ctx.ref_precision = parse_published(line.value)
    if ctx.ref is None and line is not None and line.value and line.value.startswith("XXXX-") and len(line.value) == 10:
        ctx.line_month = line.value[5:7]   # "TOKYO, March 5 (Reuters) - … on Tuesday": XXXX-03
    found: list[DateMention] = []
    written: list[tuple[int, int]] = []   # (index in found, year) of the dates whose year the text writes
    low = _lower(text)
    scanned = _scan(text, low)
    if seasons and text:
        taken = [(a, b) for _, _, a, b in scanned]
        rx, words = _season_pattern(seasons), _season_words(seasons)
        # every match is letters and spaces round a season word: searched in those runs only
        matches = rx.finditer(text) if low is None or words is None else _run_matches(rx, text, low, False, words)
        more = [("season", m, m.start(), m.end()) for m in matches
                if all(m.end() <= a or m.start() >= b for a, b in taken)]
        if more:
            scanned = sorted(scanned + more, key=lambda x: x[2])
    for name, m, s, e in scanned:
        if name == "season":
            value, precision, kind, year = _season(m, seasons, ctx), "year", "relative", None
        else:
            value, precision, kind, year = _resolve(name, m, lang, ctx)
        before = text[max(0, s - 25):s]
        if name in ("year", "y_part", "my", "m", "m_rel", "year_part", "season") and _TARGET_BEFORE.search(before):
            kind = "target"
        if name in ("dmy", "mdy", "num_dmy", "iso", "slash") and _TARGET_DAY_BEFORE.search(before):
            kind = "target"   # "to supply gas from 1 October", "mit Beginn am 1. Oktober", "bis zum 30. Juni"
        if name == "year" and _year_span(text, m, s, e):
            kind = "target"   # "for the years 2031 to 2033", "von 2035 bis 2040": a span it runs, not a date
        if _SINCE_BEFORE.search(before):
            kind = "since"
        if name == "rel" and m["day"] and fold(m["day"]) in ("heute", "today") and _COMPARED_BEFORE.search(before):
            value = None   # "doppelt so teuer wie heute", "more than today", "bis heute": the present, no day
        if line is not None and s == line.start:
            kind = "dateline"
        mention = DateMention(s + offset, e + offset, text[s:e], value, precision, kind)
        if value and kind != "target":
            ctx.last = mention
            if precision in ("day", "month") and kind != "since":
                ctx.last_fine = mention
            if precision == "day" and value[:4].isdigit() and kind != "since" and (ctx.ref is None or dt.timedelta(0) <= (
                    ctx.ref - dt.date.fromisoformat(value)) <= dt.timedelta(days=NEWS_WINDOW_DAYS)):
                ctx.news_day = mention
            ctx.text_year = year or ctx.text_year
            if year and kind != "since" and precision in ("day", "month"):
                written.append((len(found), year))
        found.append(mention)
    # a day or month before the first year the text writes ("Am 3. Mai unterzeichneten … Das
    # Ministerium teilte am 20. Mai 2021 mit"): the year of the next day or month that writes one
    # (a bare year later on is more often another event: "im Jahr 2019 gebaut")
    for k, mention in enumerate(found):
        if mention.value and mention.value.startswith("XXXX") and mention.kind != "target":
            year = next((y for i, y in written if i > k), None)
            if year is not None:
                mention.value = f"{year:04d}" + mention.value[4:]
    return found
