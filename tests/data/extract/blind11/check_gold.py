"""Self-check of the German half of blind11: format, names in text, dates, parties, topics."""
import json, re, sys
from pathlib import Path

HERE = Path(__file__).parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy",
          "hydropower", "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal",
          "electricity grids", "energy storage", "energy efficiency", "carbon capture", "critical minerals",
          "climate protection", "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
CANON = {"Germany", "Iraq", "Vietnam", "Anhui Province", "International Partners Group", "South Africa", "France", "United Kingdom",
         "United States", "European Union", "Indonesia", "Japan", "Switzerland", "Ghana", "Peru", "Saarland"}


def occurs(name, text):
    if name in text:
        return True
    # allow case endings: each word may carry up to 3 extra letters or drop a final -e/-n
    words = name.split()
    pat = r"\s+".join(re.escape(w[:-1] if len(w) > 4 and w[-1].isalpha() else w) + r"\w{0,4}" for w in words)
    return re.search(pat, text) is not None


bad = 0
for gf in sorted((HERE / "gold").glob("*.json")):
    tf = HERE / "texts" / (gf.stem + ".txt")
    if not tf.exists():
        continue
    g = json.loads(gf.read_text())
    raw = tf.read_text()
    lines = raw.split("\n")
    assert lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0], gf
    assert lines[1] in ("# language: de", "# language: en") and lines[3] == "", gf
    pub = lines[2].removeprefix("# published: ")
    text = "\n".join(lines[4:])
    nwords = len(text.split())
    errs = []
    if not 120 <= nwords <= 300:
        errs.append(f"length {nwords}")
    if g["doc"] != gf.stem or g["language"] != lines[1].split()[-1]:
        errs.append("doc/language")
    for a in g["agreements"]:
        if a["kind"] not in KINDS:
            errs.append(f"kind {a['kind']}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
            errs.append(f"date {a['signed_on']}")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"topic {t}")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"on_behalf_of {s['on_behalf_of']}")
            if not occurs(s["person"], text):
                errs.append(f"signatory {s['person']}")
        for w in a["witnesses"]:
            if not occurs(w, text):
                errs.append(f"witness {w}")
        if a["place"] and not occurs(a["place"], text):
            errs.append(f"place {a['place']}")
        for p in a["parties"]:
            if p not in CANON and not occurs(p, text):
                errs.append(f"party {p}")
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS):
            errs.append(f"cooperation {c}")
    for p in g["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, text):
                errs.append(f"person {n}")
    for o in g["organizations"]:
        for n in ([o["name"]] if o["name"] not in CANON else []) + o["aliases"]:
            if not occurs(n, text):
                errs.append(f"organization {n}")
    for k, vs in g["aliases"].items():
        for v in vs:
            if not occurs(v, text):
                errs.append(f"alias {k}: {v}")
    print(f"{gf.stem:32s} pub {pub:10s} words {nwords:3d} agreements {len(g['agreements'])} "
          f"dates {[a['signed_on'] for a in g['agreements']]} {'OK' if not errs else errs}")
    bad += bool(errs)
sys.exit(1 if bad else 0)
