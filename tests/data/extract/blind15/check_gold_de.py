"""Self-check of the blind15 gold files written so far (format, names in text, dates, parties, topics).

Usage: python tests/data/extract/blind15/check_gold.py [NN_prefix ...]
Does not import or run the extractor.
"""
import json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy",
          "hydropower", "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal",
          "electricity grids", "energy storage", "energy efficiency", "carbon capture", "critical minerals",
          "climate protection", "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
CANON_OK = {"European Union", "European Commission"}  # canonical English names allowed without occurrence
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
DUR = re.compile(r"^P\d+[YMD]$")


def occurs(name, text):
    """name occurs in text, allowing German case endings on each word."""
    words = name.split()
    pat = r"\b" + r"\s+".join(re.escape(w) + r"(?:e|en|em|er|es|s|n)?" for w in words)
    return re.search(pat, text) is not None


def check(gold_path):
    errs = []
    g = json.loads(gold_path.read_text())
    txt_path = HERE / "texts" / (gold_path.stem + ".txt")
    raw = txt_path.read_text()
    lines = raw.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]):
        errs.append("header line 1")
    if lines[1] != "# language: " + g["language"]:
        errs.append("header language")
    m = re.match(r"# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown)$", lines[2])
    if not m or lines[3] != "":
        errs.append("header published/blank")
    pub = m.group(1) if m else "unknown"
    body = "\n".join(lines[4:])
    nw = len(body.split())
    if not 120 <= nw <= 300:
        errs.append(f"length {nw} words")
    if g["doc"] != gold_path.stem:
        errs.append("doc name")
    keys = {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}
    if set(g) != keys:
        errs.append(f"keys {set(g) ^ keys}")
    orgs = {o["name"] for o in g["organizations"]}
    pers = {p["name"] for p in g["persons"]}
    places = set(g["aliases"])
    actors = orgs | places
    for p in g["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, body):
                errs.append(f"person not in text: {n}")
        if p["role"] and not occurs(p["role"], body):
            errs.append(f"role not verbatim (check): {p['role']}")
    for o in g["organizations"]:
        for n in [o["name"]] + o["aliases"]:
            if n in CANON_OK and n == o["name"]:
                continue
            if not occurs(n, body):
                errs.append(f"org not in text: {n}")
        if o["country"] and o["country"] not in g["aliases"]:
            errs.append(f"org country without alias entry: {o['country']}")
    for c, al in g["aliases"].items():
        for a in al:
            if not occurs(a, body):
                errs.append(f"alias not in text: {a}")
    ids = set()
    for a in g["agreements"]:
        if a["id"] in ids:
            errs.append("dup id")
        ids.add(a["id"])
        if a["kind"] not in KINDS:
            errs.append(f"kind {a['kind']}")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"topic {t}")
        for p in a["parties"]:
            if p not in actors:
                errs.append(f"party not an org/alias key: {p}")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"on_behalf_of not a party: {s}")
            if s["person"] not in pers:
                errs.append(f"signatory not in persons: {s['person']}")
        for w in a["witnesses"]:
            if w not in pers:
                errs.append(f"witness not in persons: {w}")
            if any(w == s["person"] for s in a["signatories"]):
                errs.append("witness also signatory")
        so = a["signed_on"]
        if so is not None:
            if not DATE.match(so):
                errs.append(f"signed_on format {so}")
            elif so[:4] not in body and so[:4] != pub[:4]:
                errs.append(f"signed_on year not from text/header: {so}")
            if len(so) == 10 and not (pub == so or len(pub) == 10 or so[8:] in body):
                errs.append(f"day precision without a day: {so}")
        if a["place"] and not occurs(a["place"], body):
            errs.append(f"place not in text {a['place']}")
        for od in a["other_dates"]:
            if not (DATE.match(od["date"]) or DUR.match(od["date"])):
                errs.append(f"other date {od}")
    pairset = set()
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS):
            errs.append(f"cooperation {c}")
        for x in c[:2]:
            if x not in actors:
                errs.append(f"cooperation actor unknown: {x}")
        pairset.add(frozenset(c[:2]))
    for a in g["agreements"]:
        ps = a["parties"]
        for i in range(len(ps)):
            for j in range(i + 1, len(ps)):
                if frozenset((ps[i], ps[j])) not in pairset:
                    errs.append(f"missing pair {ps[i]}–{ps[j]}")
    return nw, errs


if __name__ == "__main__":
    pref = sys.argv[1:]
    bad = 0
    for gp in sorted((HERE / "gold").glob("*.json")):
        if pref and not any(gp.stem.startswith(p) for p in pref):
            continue
        nw, errs = check(gp)
        print(f"{gp.stem}: {nw} words, {len(errs)} problems")
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)
