"""Self-check of the English half of blind21 (07-12): format, names in text, topics, dates.

Run: python tests/data/extract/blind21/check_gold_en.py  (reads only this folder)."""
import json, re, sys
from pathlib import Path

HERE = Path(__file__).parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
TOP = ["doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"]
AKEYS = ["id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"]


def occurs(name, text):
    """Name occurs in text, case-insensitively, allowing an English possessive or plural ending."""
    return re.search(r"(?<!\w)" + re.escape(name.lower()) + r"(?:'s|s)?(?!\w)", text.lower()) is not None


def check(gold_path):
    errs = []
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = gold_path.stem
    text = (HERE / "texts" / (doc + ".txt")).read_text(encoding="utf-8")
    head = text.split("\n")
    if not head[0].startswith("# source: paraphrase of ") or " | title: " not in head[0]:
        errs.append("header line 1")
    if head[1] != "# language: en" or not head[2].startswith("# published: ") or head[3] != "":
        errs.append("header lines 2-4")
    pub = head[2][len("# published: "):]
    body = "\n".join(head[4:])
    words = len(body.split())
    if not 120 <= words <= 300:
        errs.append(f"body has {words} words")
    if list(g) != TOP or g["doc"] != doc or g["language"] != "en":
        errs.append("top-level keys/doc/language")
    canon = set(g["aliases"])
    orgs = {o["name"] for o in g["organizations"]}
    pers = {p["name"] for p in g["persons"]}
    for c, al in g["aliases"].items():
        for a in al:
            if not occurs(a, text):
                errs.append(f"alias not in text: {a}")
    for o in g["organizations"]:
        for n in [o["name"]] + o["aliases"]:
            if not occurs(n, text):
                errs.append(f"organization name not in text: {n}")
    for p in g["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, text):
                errs.append(f"person name not in text: {n}")
        if p["role"] and not occurs(p["role"], text):
            errs.append(f"role not in text: {p['role']}")
    for a in g["agreements"]:
        if list(a) != AKEYS:
            errs.append(f"{a['id']}: keys")
        if a["kind"] not in KINDS:
            errs.append(f"{a['id']}: kind {a['kind']}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
            errs.append(f"{a['id']}: date {a['signed_on']}")
        if a["signed_on"] and a["signed_on"] > pub:
            errs.append(f"{a['id']}: signed after publication")
        if a["place"] and not occurs(a["place"], text):
            errs.append(f"{a['id']}: place not in text")
        for p in a["parties"]:
            if p not in canon and p not in orgs:
                errs.append(f"{a['id']}: party {p} neither alias key nor organization")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"{a['id']}: on_behalf_of {s['on_behalf_of']}")
            if s["person"] not in pers:
                errs.append(f"{a['id']}: signatory not in persons")
        for w in a["witnesses"]:
            if w not in pers:
                errs.append(f"{a['id']}: witness {w} not in persons")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"{a['id']}: topic {t}")
        for od in a["other_dates"]:
            if not DATE.match(od["date"]):
                errs.append(f"{a['id']}: other date {od['date']}")
    for x, y, t in g["cooperations"]:
        for n in (x, y):
            if n not in canon and n not in orgs:
                errs.append(f"cooperation actor {n} unknown")
        if t is not None and t not in TOPICS:
            errs.append(f"cooperation topic {t}")
    # every pair of parties of every agreement is a cooperation
    pairs = {frozenset((x, y)) for x, y, _ in g["cooperations"]}
    for a in g["agreements"]:
        ps = a["parties"]
        for i in range(len(ps)):
            for j in range(i + 1, len(ps)):
                if frozenset((ps[i], ps[j])) not in pairs:
                    errs.append(f"{a['id']}: pair {ps[i]}/{ps[j]} missing from cooperations")
    return doc, pub, words, errs


bad = 0
for gp in sorted((HERE / "gold").glob("*.json")):
    if not gp.name[:2].isdigit() or int(gp.name[:2]) < 7:
        continue
    doc, pub, words, errs = check(gp)
    print(f"{doc}: published {pub}, {words} words, {'OK' if not errs else errs}")
    bad += bool(errs)
sys.exit(1 if bad else 0)
