"""Self-check of the blind14 gold files against their texts (format, names, dates, parties, topics).

Run: python tests/data/extract/blind14/check_gold.py [NN_prefix ...]
It reads only this set's texts and gold files; it does not run or import the extractor.
"""
import datetime as dt
import itertools
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
KEYS = ["doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"]
AKEYS = ["id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"]
WEEKDAYS = {"Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3, "Freitag": 4, "Samstag": 5, "Sonntag": 6}
DATE_RE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
# canonical English names that need not occur in a German text (they map to the text's spellings via aliases)
CANONICAL_OK = {"Germany", "China", "South Korea", "Australia", "Morocco", "India", "Canada", "Russia", "Japan",
                "France", "Malaysia", "Brunei", "Sweden", "Jiangsu Province", "Liaoning Province",
                "Internationale Atomenergiebehörde"}


def occurs(name, text):
    """Name occurs in the text, allowing German case endings on each word."""
    if name in text:
        return True
    words = name.split()
    pat = r"\s+".join(re.escape(w.rstrip("e")) + r"\w{0,3}" for w in words)
    return re.search(pat, text) is not None


def check(gold_path):
    errs = []
    doc = gold_path.stem
    text_path = HERE / "texts" / (doc + ".txt")
    raw = text_path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    if not re.match(r"^# source: paraphrase of .+ \| title: .+$", lines[0]):
        errs.append("header line 1")
    if lines[1] != "# language: de":
        errs.append("header line 2")
    m = re.match(r"^# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown)$", lines[2])
    if not m or lines[3] != "":
        errs.append("header line 3/4")
    pub = m.group(1) if m else "unknown"
    body = "\n".join(lines[4:])
    nwords = len(body.split())
    if not 120 <= nwords <= 300:
        errs.append(f"body has {nwords} words")
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    if list(g) != KEYS:
        errs.append(f"top-level keys {list(g)}")
    if g["doc"] != doc or g["language"] != "de":
        errs.append("doc/language")
    declared = {o["name"] for o in g["organizations"]} | set(g["aliases"])
    pairs = set()
    for a in g["agreements"]:
        if list(a) != AKEYS:
            errs.append(f"{a['id']}: keys {list(a)}")
        if a["kind"] not in KINDS:
            errs.append(f"{a['id']}: kind {a['kind']}")
        if a["signed_on"] is not None and not DATE_RE.match(a["signed_on"]):
            errs.append(f"{a['id']}: signed_on {a['signed_on']}")
        if a["place"] is not None and not occurs(a["place"], body):
            errs.append(f"{a['id']}: place {a['place']} not in text")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"{a['id']}: topic {t}")
        for p in a["parties"]:
            if p not in declared:
                errs.append(f"{a['id']}: party {p} not declared as organization or alias key")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"{a['id']}: on_behalf_of {s['on_behalf_of']} not a party")
            if not occurs(s["person"], body):
                errs.append(f"{a['id']}: signatory {s['person']} not in text")
            if s["role"] and not occurs(s["role"], body):
                errs.append(f"{a['id']}: role {s['role']} not in text")
        for wname in a["witnesses"]:
            if not occurs(wname, body):
                errs.append(f"{a['id']}: witness {wname} not in text")
        for x, y in itertools.combinations(a["parties"], 2):
            pairs.add(frozenset((x, y)))
    coops = {frozenset(c[:2]) for c in g["cooperations"]}
    for c in g["cooperations"]:
        if c[2] is not None and c[2] not in TOPICS:
            errs.append(f"cooperation topic {c}")
    for p in pairs - coops:
        errs.append(f"party pair {sorted(p)} missing from cooperations")
    for p in g["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, body):
                errs.append(f"person {n} not in text")
        if p["role"] and not occurs(p["role"], body):
            errs.append(f"role {p['role']} of {p['name']} not in text")
    for o in g["organizations"]:
        for n in [o["name"]] + o["aliases"]:
            if not occurs(n, body) and n not in CANONICAL_OK:
                errs.append(f"organization {n} not in text")
    for k, spellings in g["aliases"].items():
        for n in spellings:
            if not occurs(n, body):
                errs.append(f"alias {n} ({k}) not in text")
    # weekday check: a signed_on day must match a weekday named in the text and lie within 7 days before publication
    for a in g["agreements"]:
        so = a["signed_on"]
        if so and len(so) == 10 and pub != "unknown" and len(pub) == 10:
            d = dt.date.fromisoformat(so)
            p = dt.date.fromisoformat(pub)
            named = [w for w in WEEKDAYS if w in body]
            if not (0 <= (p - d).days <= 7 and any(WEEKDAYS[w] == d.weekday() for w in named)):
                errs.append(f"{a['id']}: {so} does not follow from a weekday and publication {pub}")
        if so and pub != "unknown" and so[:4] != "XXXX" and so > pub + "-99":
            errs.append(f"{a['id']}: signed_on after publication")
    return nwords, errs


def main(argv):
    files = sorted((HERE / "gold").glob("*.json"))
    if argv:
        files = [f for f in files if any(f.stem.startswith(a) for a in argv)]
    bad = 0
    for f in files:
        n, errs = check(f)
        print(f"{f.stem}: {n} words, {'OK' if not errs else str(len(errs)) + ' problem(s)'}")
        for e in errs:
            print("   ", e)
        bad += len(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
