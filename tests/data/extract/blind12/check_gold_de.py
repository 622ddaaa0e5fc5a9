#!/usr/bin/env python3
"""Self-check of the German half of blind12 (texts 01-06): format, names, dates, topics.

    python tests/data/extract/blind12/check_gold_de.py

Standard library only; reads only this folder. Prints problems, exits 1 if any.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy",
          "hydropower", "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal",
          "electricity grids", "energy storage", "energy efficiency", "carbon capture", "critical minerals",
          "climate protection", "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
# canonical English names that need not occur in the text (dev convention for EU bodies)
CANONICAL = {"European Union", "European Commission"}
WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6}
MONTHS = {m: i + 1 for i, m in enumerate(["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                          "september", "oktober", "november", "dezember"])}
HEADER = [re.compile(r"^# source: paraphrase of .+ \| title: .+$"), re.compile(r"^# language: de$"),
          re.compile(r"^# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown.*)$")]


def occurs(name: str, text: str) -> bool:
    """NAME occurs in TEXT, allowing German case endings on each word."""
    words = name.split()
    pattern = r"\b" + r"\s+".join(re.escape(w[:-1] if len(w) > 4 and w[-1] in "enrs" else w) + r"\w{0,3}"
                                  for w in words) + r"(?!\w)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def date_ok(value: str, text: str, published: str) -> bool:
    low = text.lower()
    pub = dt.date.fromisoformat(published) if len(published) == 10 else None
    if re.fullmatch(r"\d{4}", value):
        return value in text
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        names = [m for m, i in MONTHS.items() if i == month]
        if any(f"{n} {year}" in low for n in names):
            return True
        if published == value and any(re.search(rf"\bam {wd}", low) for wd in WEEKDAYS):
            return True  # weekday in a report dated only to the month -> the month
        return bool(published.startswith(str(year))) and any(re.search(rf"\bim {n}\b", low) for n in names)
    day = dt.date.fromisoformat(value)
    if f"{day.day}. {list(MONTHS)[day.month - 1]} {day.year}" in low:
        return True
    if pub:
        for wd, idx in WEEKDAYS.items():
            if re.search(rf"\bam {wd}(abend|morgen|nachmittag)?\b", low):
                back = (pub.weekday() - idx) % 7
                if pub - dt.timedelta(days=back) == day:
                    return True
    return False


def check(gold_path: Path) -> list[str]:
    problems = []
    doc = gold_path.stem
    raw = (HERE / "texts" / f"{doc}.txt").read_text(encoding="utf-8")
    lines = raw.split("\n")
    for i, pat in enumerate(HEADER):
        if not pat.match(lines[i]):
            problems.append(f"header line {i + 1}: {lines[i]!r}")
    if lines[3] != "":
        problems.append("no blank line after header")
    published = lines[2].split(": ", 1)[1]
    body = "\n".join(lines[4:])
    words = len(body.split())
    if not 120 <= words <= 300:
        problems.append(f"body has {words} words")
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    if g.get("doc") != doc or g.get("language") != "de":
        problems.append("doc/language")
    for key in ["agreements", "cooperations", "persons", "organizations", "aliases", "notes"]:
        if key not in g:
            problems.append(f"missing {key}")
    known = {o["name"] for o in g["organizations"]} | set(g["aliases"])
    persons = {p["name"] for p in g["persons"]}
    pairs = {frozenset(c[:2]) for c in g["cooperations"]}
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS) or c[0] not in known or c[1] not in known:
            problems.append(f"cooperation {c}")
    for a in g["agreements"]:
        aid = a["id"]
        if set(a) != {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics",
                      "other_dates"}:
            problems.append(f"{aid}: keys {sorted(a)}")
        if a["kind"] not in KINDS:
            problems.append(f"{aid}: kind {a['kind']}")
        for t in a["topics"]:
            if t not in TOPICS:
                problems.append(f"{aid}: topic {t}")
        for p in a["parties"]:
            if p not in known:
                problems.append(f"{aid}: party {p} not declared")
        for x, y in itertools.combinations(a["parties"], 2):
            if frozenset((x, y)) not in pairs:
                problems.append(f"{aid}: pair {x} / {y} not in cooperations")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                problems.append(f"{aid}: on_behalf_of {s['on_behalf_of']}")
            if s["person"] not in persons:
                problems.append(f"{aid}: signatory {s['person']} not in persons")
            if s["role"] and not all(occurs(w, body) for w in re.split(r" und | der ", s["role"])):
                problems.append(f"{aid}: role {s['role']!r} not in text")
        for w in a["witnesses"]:
            if w not in persons:
                problems.append(f"{aid}: witness {w} not in persons")
        if a["place"] and not occurs(a["place"], body):
            problems.append(f"{aid}: place {a['place']}")
        if a["signed_on"] and not date_ok(a["signed_on"], body, published):
            problems.append(f"{aid}: signed_on {a['signed_on']} does not follow from text/header")
    for p in g["persons"]:
        for n in [p["name"], *p["aliases"]]:
            if not occurs(n, body):
                problems.append(f"person {n!r} not in text")
        if p["role"] and not all(occurs(w, body) for w in re.split(r" und | der ", p["role"])):
            problems.append(f"person role {p['role']!r} not in text")
    for o in g["organizations"]:
        for n in [o["name"], *o["aliases"]]:
            if n not in CANONICAL and not occurs(n, body):
                problems.append(f"organization {n!r} not in text")
    for canon, spellings in g["aliases"].items():
        for n in spellings:
            if not occurs(n, body):
                problems.append(f"alias {n!r} of {canon} not in text")
    return [f"{doc}: {p}" for p in problems]


def main() -> int:
    problems = []
    files = sorted((HERE / "gold").glob("0[1-6]_*.json"))
    for path in files:
        problems += check(path)
    print("\n".join(problems) or f"ok: {len(files)} gold files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
