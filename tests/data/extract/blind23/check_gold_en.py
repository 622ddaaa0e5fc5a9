"""Self-check of the English half of blind23 (07-12): format, names in text, dates, topics.

Run: python tests/data/extract/blind23/check_gold_en.py   (reads only this set's texts and gold)
"""
import json, re, sys, datetime
from pathlib import Path

HERE = Path(__file__).parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
TOP = ["doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"]
AGK = ["id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"]
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")


def occurs(name, text):
    if name in text:
        return True
    # allow English possessive / case endings on the last word
    return re.search(re.escape(name) + r"(['’]s|s|n|en|es)?\b", text) is not None


def check(gold_path):
    errs = []
    g = json.loads(gold_path.read_text())
    doc = gold_path.stem
    txt_path = HERE / "texts" / (doc + ".txt")
    raw = txt_path.read_text()
    lines = raw.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]):
        errs.append("header line 1")
    if lines[1] != "# language: en":
        errs.append("header line 2")
    m = re.match(r"^# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown)$", lines[2])
    if not m or lines[3] != "":
        errs.append("header lines 3/4")
    body = "\n".join(lines[4:])
    nw = len(body.split())
    if not 120 <= nw <= 300:
        errs.append(f"word count {nw}")
    if list(g) != TOP:
        errs.append(f"top keys {list(g)}")
    if g["doc"] != doc or g["language"] != "en":
        errs.append("doc/language")
    parties_all = set()
    for a in g["agreements"]:
        if list(a) != AGK:
            errs.append(f"{a.get('id')}: keys {list(a)}")
        if a["kind"] not in KINDS:
            errs.append(f"{a['id']}: kind {a['kind']}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
            errs.append(f"{a['id']}: signed_on {a['signed_on']}")
        if a["place"] is not None and not occurs(a["place"], body):
            errs.append(f"{a['id']}: place {a['place']} not in text")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"{a['id']}: topic {t}")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"{a['id']}: on_behalf_of {s['on_behalf_of']}")
            if not occurs(s["person"], body):
                errs.append(f"{a['id']}: signatory {s['person']} not in text")
        for w in a["witnesses"]:
            if not occurs(w, body):
                errs.append(f"{a['id']}: witness {w} not in text")
        for od in a["other_dates"]:
            if not DATE.match(od["date"]):
                errs.append(f"{a['id']}: other date {od['date']}")
        parties_all.update(a["parties"])
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS):
            errs.append(f"cooperation {c}")
    names = {p["name"] for p in g["persons"]}
    for p in g["persons"]:
        for n in [p["name"], *p["aliases"]]:
            if not occurs(n, body):
                errs.append(f"person {n} not in text")
    orgs = {o["name"] for o in g["organizations"]}
    for o in g["organizations"]:
        for n in [o["name"], *o["aliases"]]:
            if not occurs(n, body):
                errs.append(f"organization {n} not in text")
    for canon, spellings in g["aliases"].items():
        for sp in spellings:
            if not occurs(sp, body):
                errs.append(f"alias {sp} ({canon}) not in text")
    for party in parties_all:
        if party not in orgs and party not in g["aliases"]:
            errs.append(f"party {party} neither organization nor alias key")
    for c in g["cooperations"]:
        for actor in c[:2]:
            if actor not in parties_all and actor not in orgs and actor not in g["aliases"]:
                errs.append(f"cooperation actor {actor} unknown")
    for a in g["agreements"]:
        for s in a["signatories"]:
            if s["person"] not in names:
                errs.append(f"signatory {s['person']} not in persons")
    # relative weekdays must agree with the publication date
    pub = m.group(1) if m else "unknown"
    if len(pub) == 10:
        d = datetime.date.fromisoformat(pub)
        for a in g["agreements"]:
            so = a["signed_on"]
            if so and len(so) == 10 and so.startswith(pub[:4]):
                dd = datetime.date.fromisoformat(so)
                wd = dd.strftime("%A")
                if so != pub and wd not in body and not (dd.strftime("%b") in body):
                    errs.append(f"{a['id']}: {so} ({wd}) not named in text")
                if dd > d:
                    errs.append(f"{a['id']}: signed after publication")
    return nw, errs


bad = 0
for gp in sorted((HERE / "gold").glob("*.json")):
    if not gp.stem[:2].isdigit() or int(gp.stem[:2]) < 7:
        continue
    nw, errs = check(gp)
    print(gp.stem, nw, "OK" if not errs else errs)
    bad += bool(errs)
sys.exit(1 if bad else 0)
