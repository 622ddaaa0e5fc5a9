"""Self-check of the blind22 gold files (English half, 07-12): format, names in text, dates, topics."""
import json, re, sys, pathlib
HERE = pathlib.Path(__file__).parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
errors = []
def err(doc, msg): errors.append(f"{doc}: {msg}")
def occurs(name, text):
    if name in text: return True
    # allow a trailing case ending / possessive
    return re.search(re.escape(name[:-1]) + r"\w{0,3}", text) is not None if len(name) > 4 else False
files = sorted((HERE / "gold").glob("*.json"))
files = [f for f in files if f.name[:2] in {"07", "08", "09", "10", "11", "12"}]
for f in files:
    g = json.loads(f.read_text())
    doc = f.stem
    t = (HERE / "texts" / (doc + ".txt")).read_text()
    head, body = t.split("\n\n", 1)
    lines = head.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]): err(doc, "source header")
    if lines[1] != "# language: en": err(doc, "language header")
    pub = lines[2].removeprefix("# published: ")
    if not (DATE.match(pub) or pub == "unknown"): err(doc, "published header")
    n = len(body.split())
    if not 120 <= n <= 300: err(doc, f"{n} words")
    if set(g) != {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}: err(doc, "keys")
    if g["doc"] != doc or g["language"] != "en": err(doc, "doc/language")
    parties_all = set()
    for a in g["agreements"]:
        if set(a) != {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}: err(doc, f"{a['id']} keys")
        if a["kind"] not in KINDS: err(doc, f"{a['id']} kind")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]): err(doc, f"{a['id']} date")
        if a["signed_on"] and pub != "unknown" and a["signed_on"] > pub: err(doc, f"{a['id']} signed after publication")
        if a["place"] and not occurs(a["place"], body): err(doc, f"place {a['place']}")
        for p in a["parties"]:
            parties_all.add(p)
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]: err(doc, f"on_behalf_of {s['on_behalf_of']}")
            if s["person"] not in {p["name"] for p in g["persons"]}: err(doc, f"signatory {s['person']} not in persons")
        for w in a["witnesses"]:
            if w not in {p["name"] for p in g["persons"]}: err(doc, f"witness {w} not in persons")
        for tp in a["topics"]:
            if tp not in TOPICS: err(doc, f"topic {tp}")
        for od in a["other_dates"]:
            if not DATE.match(od.get("date") or ""): err(doc, "other_dates date")
    orgnames = {o["name"] for o in g["organizations"]}
    for p in parties_all:
        if p not in orgnames and p not in g["aliases"]: err(doc, f"party {p} neither org nor country")
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS): err(doc, f"coop {c}")
        for x in c[:2]:
            if x not in orgnames and x not in g["aliases"]: err(doc, f"coop actor {x}")
    for p in g["persons"]:
        for nm in [p["name"]] + p["aliases"]:
            if not occurs(nm, body): err(doc, f"person {nm} not in text")
    for o in g["organizations"]:
        for nm in [o["name"]] + o["aliases"]:
            if not occurs(nm, body): err(doc, f"org {nm} not in text")
    for k, v in g["aliases"].items():
        for nm in v:
            if not occurs(nm, body): err(doc, f"alias {nm} not in text")
print("\n".join(errors) or f"OK: {len(files)} gold files")
sys.exit(1 if errors else 0)
