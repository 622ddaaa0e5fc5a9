"""Format and consistency check of the blind19 gold files (German half, 01-06).

Run: python tests/data/extract/blind19/check_gold.py [NN ...]
Checks: valid JSON in the dev-corpus gold format; kinds and topics from the label list;
on_behalf_of among the parties; witnesses and signatories among the persons; every
person/organization name and alias and every place occurs in the text (allowing German case
endings); dates well-formed; cooperation actors are parties, countries or organizations.
"""
import json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste",
          "decommissioning", "nuclear safety", "hydrogen", "ammonia", "renewable energy",
          "solar energy", "wind energy", "hydropower", "geothermal energy", "bioenergy", "oil",
          "natural gas", "LNG", "pipelines", "coal", "electricity grids", "energy storage",
          "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$|^P\d+[YMD]$")
TOP = {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}
AKEYS = {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses",
         "topics", "other_dates"}


def occurs(name, text):
    """Each word of name occurs in text, allowing a German ending of up to 2 letters."""
    for w in name.split():
        stem = w if len(w) <= 4 else w[:-2] if len(w) > 6 else w[:-1]
        if re.search(r"(?<!\w)" + re.escape(stem), text) is None:
            return False
    return True


def check(gold_path):
    errs = []
    doc = gold_path.stem
    text = (HERE / "texts" / (doc + ".txt")).read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    lines = head.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]
            and lines[1] == "# language: de" and lines[2].startswith("# published: ")):
        errs.append("header")
    pub = lines[2][len("# published: "):]
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    if set(g) != TOP:
        errs.append(f"top keys {set(g) ^ TOP}")
    if g["doc"] != doc or g["language"] != "de":
        errs.append("doc/language")
    pnames = {p["name"] for p in g["persons"]}
    onames = {o["name"] for o in g["organizations"]}
    actors = set(g["aliases"]) | onames
    for p in g["persons"]:
        for n in [p["name"], *p["aliases"]]:
            if not occurs(n, body):
                errs.append(f"person name not in text: {n}")
        if p["role"] and not occurs(p["role"].split(" von ")[0], body):
            errs.append(f"role not in text: {p['role']}")
    for o in g["organizations"]:
        for n in [o["name"], *o["aliases"]]:
            if not occurs(n, body):
                errs.append(f"organization not in text: {n}")
    for c, al in g["aliases"].items():
        for n in al:
            if not occurs(n, body):
                errs.append(f"alias not in text: {c}: {n}")
    for a in g["agreements"]:
        if set(a) != AKEYS:
            errs.append(f"{a['id']} keys {set(a) ^ AKEYS}")
        if a["kind"] not in KINDS:
            errs.append(f"{a['id']} kind {a['kind']}")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"{a['id']} topic {t}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
            errs.append(f"{a['id']} signed_on {a['signed_on']}")
        for d in a["other_dates"]:
            if not DATE.match(d["date"]):
                errs.append(f"{a['id']} other date {d}")
        if a["place"] and not occurs(a["place"], body):
            errs.append(f"{a['id']} place not in text")
        for p in a["parties"]:
            if p not in actors:
                errs.append(f"{a['id']} party without alias/organization entry: {p}")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"{a['id']} on_behalf_of {s['on_behalf_of']}")
            if s["person"] not in pnames:
                errs.append(f"{a['id']} signatory not in persons: {s['person']}")
        for w in a["witnesses"]:
            if w not in pnames:
                errs.append(f"{a['id']} witness not in persons: {w}")
        # a full date must be the publication date or follow from a weekday before it
        so = a["signed_on"]
        if so and len(so) == 10 and pub[:4] != so[:4] and so[:4] != "XXXX":
            errs.append(f"{a['id']} full date in other year than publication")
    for c in g["cooperations"]:
        if len(c) != 3 or c[0] not in actors or c[1] not in actors or (c[2] is not None and c[2] not in TOPICS):
            errs.append(f"cooperation {c}")
    parties_pairs = {frozenset(c[:2]) for c in g["cooperations"]}
    for a in g["agreements"]:
        for i, x in enumerate(a["parties"]):
            for y in a["parties"][i + 1:]:
                if frozenset((x, y)) not in parties_pairs:
                    errs.append(f"{a['id']} pair missing in cooperations: {x}-{y}")
    words = len(body.split())
    if not 120 <= words <= 300:
        errs.append(f"length {words} words")
    return errs


if __name__ == "__main__":
    sel = sys.argv[1:]
    bad = 0
    for gp in sorted((HERE / "gold").glob("0*.json")):
        if sel and gp.stem[:2] not in sel:
            continue
        e = check(gp)
        bad += bool(e)
        print(gp.stem, "OK" if not e else "")
        for x in e:
            print("   ", x)
    sys.exit(1 if bad else 0)
