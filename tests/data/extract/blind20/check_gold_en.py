"""Self-check of the blind20 English gold files (07-12): format, names in text, dates, parties, topics.

Run: python tests/data/extract/blind20/check_gold.py   (reads only this folder)
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$|^P\d+[YMD]$")
TOP = {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}
AGR = {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}


def in_text(name, text):
    if name in text:
        return True
    stem = re.sub(r"'s$", "", name)
    return stem in text


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def date_follows(d, pub, body):
    """A date follows if its year is written in the text or is the publication year (or the year
    before, with 'last year'); a month must be written or be the publication month; a day must be
    the publication day ('today') or the day a weekday named in the text resolves to."""
    import datetime as dt
    y = d[:4]
    year_ok = y in body or y == pub[:4] or (str(int(pub[:4]) - 1) == y and "last year" in body)
    if not year_ok:
        return False
    if len(d) >= 7:
        m = int(d[5:7])
        if MONTHS[m - 1] not in body and d[:7] != pub[:7]:
            return False
    if len(d) == 10:
        if d == pub and "today" in body:
            return True
        if len(pub) != 10:
            return False
        p = dt.date.fromisoformat(pub)
        for back in range(1, 7):
            day = p - dt.timedelta(days=back)
            if day.isoformat() == d and f"on {WEEKDAYS[day.weekday()]}" in body:
                return True
        return False
    return True


def check(doc):
    errs = []
    text = (HERE / "texts" / f"{doc}.txt").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    lines = head.splitlines()
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]):
        errs.append("header line 1")
    if lines[1] != "# language: en":
        errs.append("header line 2")
    pub = lines[2].removeprefix("# published: ")
    if not re.match(r"^\d{4}-\d{2}(-\d{2})?$|^unknown", pub):
        errs.append("header line 3")
    n = len(body.split())
    if not 120 <= n <= 300:
        errs.append(f"body has {n} words")
    g = json.loads((HERE / "gold" / f"{doc}.json").read_text(encoding="utf-8"))
    if set(g) != TOP:
        errs.append(f"top-level keys {set(g) ^ TOP}")
    if g["doc"] != doc or g["language"] != "en":
        errs.append("doc/language")
    org_names = {o["name"] for o in g["organizations"]} | set(g["aliases"])
    for o in g["organizations"]:
        for nm in [o["name"], *o["aliases"]]:
            if not in_text(nm, body):
                errs.append(f"organization name not in text: {nm}")
    for canon, spellings in g["aliases"].items():
        for s in spellings:
            if not in_text(s, body):
                errs.append(f"alias not in text: {canon}: {s}")
    persons = {p["name"] for p in g["persons"]}
    for p in g["persons"]:
        for nm in [p["name"], *p["aliases"]]:
            if not in_text(nm, body):
                errs.append(f"person not in text: {nm}")
        if p["role"] and p["role"].lower() not in body.lower():
            errs.append(f"role not in text: {p['name']}: {p['role']}")
    for a in g["agreements"]:
        if set(a) != AGR:
            errs.append(f"{a.get('id')}: keys {set(a) ^ AGR}")
        if a["kind"] not in KINDS:
            errs.append(f"{a['id']}: kind {a['kind']}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
            errs.append(f"{a['id']}: signed_on {a['signed_on']}")
        elif a["signed_on"] is not None and not date_follows(a["signed_on"], pub, body):
            errs.append(f"{a['id']}: signed_on {a['signed_on']} does not follow from text and header")
        if a["place"] is not None and a["place"] not in body:
            errs.append(f"{a['id']}: place {a['place']}")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"{a['id']}: topic {t}")
        for pt in a["parties"]:
            if pt not in org_names:
                errs.append(f"{a['id']}: party not an organization/country of the gold: {pt}")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"{a['id']}: on_behalf_of {s['on_behalf_of']} not a party")
            if s["person"] not in persons:
                errs.append(f"{a['id']}: signatory not in persons: {s['person']}")
            if s["role"] and s["role"].lower() not in body.lower():
                errs.append(f"{a['id']}: signatory role not in text: {s['role']}")
        for w in a["witnesses"]:
            if w not in persons:
                errs.append(f"{a['id']}: witness not in persons: {w}")
        for d in a["other_dates"]:
            if not DATE.match(d["date"]):
                errs.append(f"{a['id']}: other date {d}")
    for c in g["cooperations"]:
        if len(c) != 3 or c[0] not in org_names or c[1] not in org_names or (c[2] is not None and c[2] not in TOPICS):
            errs.append(f"cooperation {c}")
    return errs


def main():
    bad = 0
    for f in sorted((HERE / "gold").glob("*.json")):
        if not "07" <= f.stem[:2] <= "12":
            continue
        errs = check(f.stem)
        print(f.stem, "OK" if not errs else "")
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
