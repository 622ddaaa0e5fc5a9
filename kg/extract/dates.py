"""Dates in German and English text, with the precision the text gives.

A regular-expression pass over the text finds candidates (month names come from Babel/CLDR,
in both languages); explicit dates are read with dateparser; relative ones ("am Montag",
"last year", "today") are resolved against the publication date. Precision is never
invented: "Ende 2010" is the year 2010, "im Juni 2022" is 2022-06, a weekday in a report
whose publication date is known only to the month is that month, and a weekday without a
publication date is no date at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_day_names, get_month_names

from kg.extract.tokens import fold


@dataclass
class DateMention:
    start: int            # character offsets in the text
    end: int
    text: str
    value: str | None     # YYYY, YYYY-MM, YYYY-MM-DD or XXXX-MM-DD (year unknown)
    precision: str        # day, month, year
    kind: str             # absolute, relative, weekday, since, target


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for locale in ("de", "en"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for num, name in get_month_names(width, context, locale).items():
                    for key in (fold(name.rstrip(".")), name.rstrip(".").lower()):
                        if len(key) >= 3:
                            table[key] = num
    table.update({"sept": 9, "maerz": 3, "jänner": 1, "janner": 1})
    return table


def _weekday_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for locale in ("de", "en"):
        for num, name in get_day_names("wide", "format", locale).items():
            table[fold(name)] = num  # Monday = 0
            table[name.lower()] = num
    return table


MONTHS = _month_table()
WEEKDAYS = _weekday_table()
_MONTH_RE = "|".join(sorted({re.escape(k) for k in MONTHS}, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted({re.escape(k) for k in WEEKDAYS}, key=len, reverse=True))
_Y = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"

PATTERNS = [
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:\.|{_ORD})\s*(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+({_Y}))?\b", re.I)),
    ("mdy", re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}){_ORD}(?:,?\s+({_Y}))?\b(?!\.\d)", re.I)),
    ("my_rel", re.compile(rf"\b({_MONTH_RE})\s+(?:of\s+)?(?:des\s+)?(last\s+year|(?:des\s+)?(?:vorjahres|vergangenen\s+jahres|letzten\s+jahres))\b", re.I)),
    ("my", re.compile(rf"\b(?:(anfang|ende|mitte|early|late|mid-?)\s+)?({_MONTH_RE})\.?\s+(?:of\s+)?({_Y})\b", re.I)),
    ("y_part", re.compile(rf"\b(anfang|ende|mitte|early|late|mid-?|im\s+jahr|im\s+jahre|in\s+the\s+year)\s+({_Y})\b", re.I)),
    ("rel", re.compile(r"\b(heute|today|gestern|yesterday|vorgestern|last\s+year|last\s+month|this\s+year|"
                       r"(?:im\s+)?vorjahr|(?:im\s+|des\s+)?(?:vergangenen|letzten)\s+(?:jahr|jahres|monat|monats)|"
                       r"(?:in\s+)?diesem\s+jahr|dieses\s+jahres|last\s+week|(?:in\s+der\s+)?(?:vergangenen|letzten)\s+woche|"
                       r"vergangene\s+woche|letzte\s+woche|earlier\s+this\s+month|this\s+month)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(last|vergangenen|letzten|this|diesen|am|on)\s+)?({_WEEKDAY_RE})\b", re.I)),
    ("year", re.compile(rf"(?<![\d.,])({_Y})(?![\d])")),
]
_TARGET_BEFORE = re.compile(r"(?:\bbis(?:\s+zum|\s+zur|\s+ende)?|\bby|\buntil|\btill|\bthrough|\bab|\bfrom|\bfür|\bfor|\bbefore|\bvor)\s*$", re.I)
_SINCE_BEFORE = re.compile(r"(?:\bseit(?:\s+dem\s+jahr)?|\bsince|\bsince\s+the\s+year)\s*$", re.I)


def parse_published(published: str | None) -> tuple[dt.date | None, str | None]:
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


@lru_cache(maxsize=4096)
def _dateparser(text: str, lang: str, base: str | None) -> dt.date | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(base)
    try:
        parsed = dateparser.parse(text, languages=[lang, "en" if lang == "de" else "de"], settings=settings)
    except Exception:
        return None
    return parsed.date() if parsed else None


def _explicit(day: int, month: int, year: int | None, text: str, lang: str,
              pub: dt.date | None) -> tuple[str | None, str]:
    if year is None:
        if pub is None:
            return f"XXXX-{month:02d}-{day:02d}", "day"
        year = pub.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None, "day"
        if candidate > pub + dt.timedelta(days=60):
            year -= 1
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, "day"
    parsed = _dateparser(text, lang, None) if any(c.isalpha() for c in text) else None
    if parsed is None or (parsed.month, parsed.day) != (month, day):
        parsed = date
    return fmt(parsed.replace(year=year), "day"), "day"


def find_dates(text: str, lang: str, published: str | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text`` (offsets shifted by ``offset``), left to right."""
    pub, pub_precision = parse_published(published)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for name, rx in PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            value, precision, kind = None, "day", "absolute"
            g = m.groups()
            if name == "dmy":
                day, month = int(g[0]), MONTHS[fold(g[1])]
                if not 1 <= day <= 31:
                    continue
                value, precision = _explicit(day, month, int(g[2]) if g[2] else None, m.group(0), lang, pub)
            elif name == "mdy":
                month, day = MONTHS[fold(g[0])], int(g[1])
                if not 1 <= day <= 31 or (fold(g[0]) in ("may", "mai", "march", "marz") and not g[2]
                                          and not m.group(0)[:1].isupper()):
                    continue
                value, precision = _explicit(day, month, int(g[2]) if g[2] else None, m.group(0), lang, pub)
            elif name == "my_rel":
                if pub is None:
                    value, precision = None, "month"
                else:
                    value, precision = f"{pub.year - 1:04d}-{MONTHS[fold(g[0])]:02d}", "month"
                kind = "relative"
            elif name == "my":
                month, year = MONTHS[fold(g[1])], int(g[2])
                if fold(g[1]) in ("may", "march") and not g[1][:1].isupper():
                    continue
                value, precision = f"{year:04d}-{month:02d}", "month"
            elif name == "y_part":
                value, precision = g[1], "year"
            elif name == "rel":
                value, precision = _relative(fold(g[0]), pub, pub_precision)
                kind = "relative"
            elif name == "weekday":
                value, precision = _weekday(WEEKDAYS[fold(g[1])], pub, pub_precision)
                kind = "weekday"
            elif name == "year":
                value, precision = g[0], "year"
            before = text[max(0, s - 25):s]
            if name in ("year", "y_part", "my") and _TARGET_BEFORE.search(before):
                kind = "target"
            if _SINCE_BEFORE.search(before):
                kind = "since"
            taken.append((s, e))
            found.append(DateMention(s + offset, e + offset, m.group(0), value, precision, kind))
    found.sort(key=lambda d: d.start)
    return found


def _relative(word: str, pub: dt.date | None, pub_precision: str | None) -> tuple[str | None, str]:
    if pub is None:
        return None, "day"
    w = re.sub(r"\s+", " ", word)
    if w in ("heute", "today"):
        return fmt(pub, pub_precision or "day"), pub_precision or "day"
    if w in ("gestern", "yesterday", "vorgestern"):
        if pub_precision != "day":
            return fmt(pub, pub_precision or "month"), pub_precision or "month"
        return fmt(pub - dt.timedelta(days=2 if w == "vorgestern" else 1), "day"), "day"
    if "jahr" in w or "year" in w:
        if "diesem" in w or "dieses" in w or "this" in w:
            return f"{pub.year:04d}", "year"
        return f"{pub.year - 1:04d}", "year"
    if "monat" in w or "month" in w:
        if "this" in w:
            return fmt(pub, "month"), "month"
        if pub_precision == "year":
            return None, "month"
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return fmt(first, "month"), "month"
    if "woche" in w or "week" in w:
        if pub_precision == "year":
            return None, "month"
        return fmt(pub - dt.timedelta(days=7) if pub_precision == "day" else pub, "month"), "month"
    return None, "day"


def _weekday(weekday: int, pub: dt.date | None, pub_precision: str | None) -> tuple[str | None, str]:
    if pub is None or pub_precision == "year":
        return None, "day"
    if pub_precision == "month":
        return fmt(pub, "month"), "month"
    delta = (pub.weekday() - weekday) % 7
    return fmt(pub - dt.timedelta(days=delta), "day"), "day"
