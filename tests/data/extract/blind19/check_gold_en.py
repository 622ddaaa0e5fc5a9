"""Self-check of the English half of blind19 (07-12): format, names in text, dates, parties, topics.

Run: python tests/data/extract/blind19/check_gold.py  (reads only this folder; does not run the extractor)
"""
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
TOP = ["doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"]
AGR = ["id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"]
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")


def occurs(name, text):
    """A name occurs if it is in the text, allowing an English possessive or plural ending."""
    if name in text:
        return True
    return bool(re.search(re.escape(name) + r"(?:'s|s)\b", text))


def check(gold_path):
    errors = []
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = gold_path.stem
    txt_path = HERE / "texts" / (doc + ".txt")
    raw = txt_path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]):
        errors.append("header line 1")
    if lines[1] != "# language: en" or not lines[2].startswith("# published: ") or lines[3] != "":
        errors.append("header lines 2-4")
    published = lines[2][len("# published: "):]
    text = "\n".join(lines[4:])
    words = len(text.split())
    if not 120 <= words <= 300:
        errors.append(f"word count {words}")
    if list(g) != TOP:
        errors.append(f"top-level keys {list(g)}")
    if g["doc"] != doc or g["language"] != "en":
        errors.append("doc/language")
    known = set(g["aliases"]) | {o["name"] for o in g["organizations"]}
    for a in g["agreements"]:
        if list(a) != AGR:
            errors.append(f"{a.get('id')}: keys {list(a)}")
        if a["kind"] not in KINDS:
            errors.append(f"{a['id']}: kind {a['kind']}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
            errors.append(f"{a['id']}: signed_on {a['signed_on']}")
        if a["place"] is not None and not occurs(a["place"], text):
            errors.append(f"{a['id']}: place {a['place']} not in text")
        for t in a["topics"]:
            if t not in TOPICS:
                errors.append(f"{a['id']}: topic {t}")
        for p in a["parties"]:
            if p not in known:
                errors.append(f"{a['id']}: party {p} neither an organization nor an alias key")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errors.append(f"{a['id']}: on_behalf_of {s['on_behalf_of']} not a party")
            if not occurs(s["person"], text):
                errors.append(f"{a['id']}: signatory {s['person']} not in text")
            if s["role"] and s["role"] not in text:
                errors.append(f"{a['id']}: role {s['role']} not in text")
        for w in a["witnesses"]:
            if not occurs(w, text):
                errors.append(f"{a['id']}: witness {w} not in text")
        for od in a["other_dates"]:
            if not DATE.match(od["date"]):
                errors.append(f"{a['id']}: other date {od['date']}")
    for c in g["cooperations"]:
        if len(c) != 3 or c[2] is not None and c[2] not in TOPICS:
            errors.append(f"cooperation {c}")
        for x in c[:2]:
            if x not in known:
                errors.append(f"cooperation actor {x} unknown")
    for p in g["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, text):
                errors.append(f"person {n} not in text")
        if p["role"] and p["role"] not in text and not any(part in text for part in p["role"].split(", ")):
            errors.append(f"role {p['role']} not in text")
    for o in g["organizations"]:
        for n in [o["name"]] + o["aliases"]:
            if not occurs(n, text):
                errors.append(f"organization {n} not in text")
    for key, spellings in g["aliases"].items():
        for s in spellings:
            if not occurs(s, text):
                errors.append(f"alias {s} ({key}) not in text")
    return doc, published, words, errors


def main():
    bad = 0
    for gp in sorted((HERE / "gold").glob("*.json")):
        if not "07" <= gp.stem[:2] <= "12":
            continue
        doc, published, words, errors = check(gp)
        g = json.loads(gp.read_text(encoding="utf-8"))
        dates = ", ".join(f"{a['id']}={a['signed_on']}" for a in g["agreements"])
        print(f"{doc}: published {published}, {words} words, {dates}, {len(g['cooperations'])} cooperations"
              + ("" if not errors else "\n  " + "\n  ".join(errors)))
        bad += bool(errors)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
