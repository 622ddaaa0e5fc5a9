"""Self-check of the blind14 gold files (format, names in text, parties, topics, dates).

Usage: python tests/data/extract/blind14/check_gold.py [NN ...]
Checks only the files themselves; it does not run or import the extractor.
"""
import datetime, itertools, json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy",
          "hydropower", "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal",
          "electricity grids", "energy storage", "energy efficiency", "carbon capture", "critical minerals",
          "climate protection", "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
TOP = ["doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"]
AGK = ["id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"]


def occurs(name, text):
    # allow English possessive / plural endings
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?:'s|s)?(?!\w)", text) is not None


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def check_date(a, body, publine):
    """signed_on must follow from the text and the publication date."""
    so = a["signed_on"]
    if so is None:
        return []
    pub = publine.split(": ", 1)[1]
    y = so[:4]
    if len(so) == 10:  # a day: either written in the text, 'today' (= publication), or a weekday
        d = datetime.date.fromisoformat(so)
        if d.isoformat() == pub and "today" in body:
            return []
        wd = WEEKDAYS[d.weekday()]
        if len(pub) == 10:
            delta = (datetime.date.fromisoformat(pub) - d).days
            if re.search(r"\bon " + wd + r"\b", body) and 0 < delta <= 7:
                return []
        if str(d.day) in body and MONTHS[d.month - 1] in body and y in body:
            return []
        return [f"{a['id']} day {so} does not follow from the text/publication date"]
    if len(so) == 7:  # a month: month name with year, or a weekday/relative in the publication month
        month = MONTHS[int(so[5:7]) - 1]
        if pub.startswith(so):
            return []
        if month in body and (y in body or y == pub[:4]):
            return []
        return [f"{a['id']} month {so} does not follow"]
    if y in body:
        return []
    return [f"{a['id']} year {so} not in text"]


def check(gold_path):
    errs = []
    doc = gold_path.stem
    text_path = HERE / "texts" / (doc + ".txt")
    raw = text_path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]):
        errs.append("header line 1")
    if lines[1] != "# language: en":
        errs.append("header line 2")
    m = re.match(r"^# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown.*)$", lines[2])
    if not m:
        errs.append("header line 3")
    if lines[3] != "":
        errs.append("blank line after header")
    body = "\n".join(lines[4:])
    words = len(body.split())
    if not 120 <= words <= 300:
        errs.append(f"body has {words} words")
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    if list(g) != TOP:
        errs.append(f"top keys {list(g)}")
    if g["doc"] != doc or g["language"] != "en":
        errs.append("doc/language")
    declared = {o["name"] for o in g["organizations"]} | set(g["aliases"])
    for o in g["organizations"]:
        for n in [o["name"]] + o["aliases"]:
            if not occurs(n, body):
                errs.append(f"organization name not in text: {n}")
    for p in g["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, body):
                errs.append(f"person name not in text: {n}")
        if p["role"] and p["role"] not in body:
            errs.append(f"person role not in text: {p['role']}")
    for k, al in g["aliases"].items():
        for a in al:
            if not occurs(a, body):
                errs.append(f"alias not in text: {k} -> {a}")
    pairs = {frozenset(c[:2]) for c in g["cooperations"]}
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS):
            errs.append(f"cooperation {c}")
        for a in c[:2]:
            if a not in declared:
                errs.append(f"cooperation actor not declared: {a}")
    persons = {p["name"] for p in g["persons"]}
    for a in g["agreements"]:
        if list(a) != AGK:
            errs.append(f"{a['id']} keys")
        if a["kind"] not in KINDS:
            errs.append(f"{a['id']} kind {a['kind']}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
            errs.append(f"{a['id']} signed_on {a['signed_on']}")
        if a["place"] is not None and not occurs(a["place"], body):
            errs.append(f"{a['id']} place not in text")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"{a['id']} topic {t}")
        for p in a["parties"]:
            if p not in declared:
                errs.append(f"{a['id']} party not declared: {p}")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"{a['id']} on_behalf_of not a party: {s}")
            if s["person"] is not None and s["person"] not in persons:
                errs.append(f"{a['id']} signatory not in persons: {s['person']}")
            if s["role"] and s["role"] not in body:
                errs.append(f"{a['id']} role not in text: {s['role']}")
        for w in a["witnesses"]:
            if w not in persons:
                errs.append(f"{a['id']} witness not in persons: {w}")
        for x, y in itertools.combinations(a["parties"], 2):
            if frozenset((x, y)) not in pairs:
                errs.append(f"{a['id']} pair missing in cooperations: {x} / {y}")
        errs += check_date(a, body, lines[2])
        for od in a["other_dates"]:
            if not (DATE.match(od["date"]) or re.match(r"^P\d+[YMD]$", od["date"])):
                errs.append(f"{a['id']} other date {od}")
    return errs, words, lines[2]


def main():
    files = sorted((HERE / "gold").glob("*.json"))
    if len(sys.argv) > 1:
        files = [f for f in files if f.stem[:2] in sys.argv[1:]]
    bad = 0
    for f in files:
        errs, words, pub = check(f)
        print(f"{f.stem}: {words} words, {pub[2:]}, {'OK' if not errs else str(len(errs)) + ' problem(s)'}")
        for e in errs:
            print("   -", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
