"""Self-check of the blind20 German gold files (format, names in text, dates, parties, topics).

Usage: python tests/data/extract/blind20/check_gold_de.py [NN_prefix ...]
"""
import json
import re
import sys
from pathlib import Path

import os
HERE = Path(__file__).resolve().parent
TOPICS = {
    "nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
    "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy",
    "hydropower", "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal",
    "electricity grids", "energy storage", "energy efficiency", "carbon capture", "critical minerals",
    "climate protection", "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
TOP = {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}
AGR = {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}
# Canonical English names that need not occur in a German text.
CANONICAL = {"Sudan", "South Sudan", "Ethiopia", "South Africa", "Canada", "Alberta", "British Columbia",
             "Australia", "New South Wales", "Victoria", "United States", "China", "Guyana",
             "North Dakota", "Pennsylvania"}


def occurs(name, text):
    """True if name occurs in text, allowing German case endings on each word."""
    if name in text:
        return True
    words = name.split()
    pattern = r"\s+".join(re.escape(w[:-1] if len(w) > 4 and w[-1] in "rsn" else w) + r"\w{0,3}"
                          for w in words)
    return re.search(pattern, text) is not None


WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]


def check_dates(g, header, body):
    """A full signed_on date must be written in the text ('10. Juli') or be a weekday named in the
    text that falls within the week before the publication date; a year or month must occur in
    the text or in the publication date."""
    import datetime as dt
    errs = []
    pub = header.split(": ", 1)[1].strip()
    for a in g["agreements"]:
        d = a["signed_on"]
        if not d:
            continue
        parts = d.split("-")
        if len(parts) == 3:
            day = dt.date(*map(int, parts))
            written = f"{day.day}. {MONTHS[day.month - 1]}"
            ok = written in body
            if not ok and re.match(r"\d{4}-\d{2}-\d{2}$", pub):
                p = dt.date(*map(int, pub.split("-")))
                ok = (0 <= (p - day).days <= 7 and WEEKDAYS[day.weekday()] in body)
            if not ok:
                errs.append(f"{a['id']}: date {d} does not follow from text/publication {pub}")
        elif parts[0] not in body and not pub.startswith(parts[0]):
            errs.append(f"{a['id']}: year {d} not in text or publication date")
    return errs


def check(gold_path):
    errs = []
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    txt_path = HERE / "texts" / (gold_path.stem + ".txt")
    raw = txt_path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]):
        errs.append("header line 1")
    if lines[1] != "# language: de" or not lines[2].startswith("# published: ") or lines[3] != "":
        errs.append("header lines 2-4")
    body = "\n".join(lines[4:])
    words = len(body.split())
    if not 120 <= words <= 300:
        errs.append(f"word count {words}")
    if set(g) != TOP:
        errs.append(f"top keys {set(g) ^ TOP}")
    if g["doc"] != gold_path.stem or g["language"] != "de":
        errs.append("doc/language")
    persons = {p["name"] for p in g["persons"]}
    for p in g["persons"]:
        for n in [p["name"], *p["aliases"]]:
            if not occurs(n, body):
                errs.append(f"person not in text: {n}")
        if p["role"] and not occurs(p["role"], body):
            errs.append(f"role not in text: {p['role']} (check: implied?)")
    for o in g["organizations"]:
        for n in [o["name"], *o["aliases"]]:
            if not occurs(n, body):
                errs.append(f"organization not in text: {n}")
    for canon, spellings in g["aliases"].items():
        if canon not in CANONICAL and not occurs(canon, body):
            errs.append(f"alias key not canonical/known: {canon}")
        for s in spellings:
            if not occurs(s, body):
                errs.append(f"alias not in text: {s}")
    orgs = {o["name"] for o in g["organizations"]}
    actors = orgs | set(g["aliases"])
    ids = set()
    for a in g["agreements"]:
        if set(a) != AGR:
            errs.append(f"{a.get('id')}: keys {set(a) ^ AGR}")
        ids.add(a["id"])
        if a["kind"] not in KINDS:
            errs.append(f"{a['id']}: kind {a['kind']}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
            errs.append(f"{a['id']}: signed_on {a['signed_on']}")
        for od in a["other_dates"]:
            if not DATE.match(od["date"]):
                errs.append(f"{a['id']}: other date {od}")
        if a["place"] and not occurs(a["place"], body):
            errs.append(f"{a['id']}: place {a['place']}")
        for p in a["parties"]:
            if p not in actors:
                errs.append(f"{a['id']}: party not an organization/alias key: {p}")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"{a['id']}: on_behalf_of {s['on_behalf_of']} not a party")
            if s["person"] not in persons:
                errs.append(f"{a['id']}: signatory not in persons: {s['person']}")
        for w in a["witnesses"]:
            if w not in persons:
                errs.append(f"{a['id']}: witness not in persons: {w}")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"{a['id']}: topic {t}")
    errs += check_dates(g, lines[2], body)
    if len(ids) != len(g["agreements"]):
        errs.append("duplicate agreement ids")
    pairs = set()
    for a in g["agreements"]:
        ps = a["parties"]
        for i in range(len(ps)):
            for j in range(i + 1, len(ps)):
                pairs.add(frozenset((ps[i], ps[j])))
    listed = set()
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS):
            errs.append(f"cooperation {c}")
        for x in c[:2]:
            if x not in actors:
                errs.append(f"cooperation actor unknown: {x}")
        listed.add(frozenset(c[:2]))
    for p in pairs - listed:
        errs.append(f"party pair missing from cooperations: {sorted(p)}")
    return words, errs


def main():
    prefixes = sys.argv[1:]
    bad = 0
    for path in sorted((HERE / "gold").glob("*.json")):
        if prefixes and not any(path.stem.startswith(p) for p in prefixes):
            continue
        words, errs = check(path)
        print(f"{path.stem}: {words} words, {len(errs)} problem(s)")
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
