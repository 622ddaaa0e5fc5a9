"""Self-check of the blind17 English gold files (07-12): format, names in text, dates, parties, topics."""
import json, re, sys, pathlib

HERE = pathlib.Path(__file__).parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning", "nuclear safety",
          "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower", "geothermal energy", "bioenergy",
          "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids", "energy storage", "energy efficiency",
          "carbon capture", "critical minerals", "climate protection", "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
AKEYS = {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}
TOP = {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")


def occurs(name, text):
    if name in text:
        return True
    return re.sub(r"'s$", "", name) in text


def check(doc, errs):
    text = (HERE / "texts" / f"{doc}.txt").read_text()
    head = text.split("\n\n", 1)[0]
    pub = re.search(r"# published: (\S+)", head).group(1)
    g = json.loads((HERE / "gold" / f"{doc}.json").read_text())
    e = lambda m: errs.append(f"{doc}: {m}")
    if set(g) != TOP: e(f"top keys {set(g) ^ TOP}")
    if g["doc"] != doc or g["language"] != "en": e("doc/language")
    known = set(g["aliases"]) | {o["name"] for o in g["organizations"]}
    for a in g["agreements"]:
        if set(a) != AKEYS: e(f"{a['id']} keys {set(a) ^ AKEYS}")
        if a["kind"] not in KINDS: e(f"{a['id']} kind {a['kind']}")
        d = a["signed_on"]
        if d is not None and not DATE.match(d): e(f"{a['id']} date {d}")
        if d and len(d) > 7 and not (pub.startswith(d) or pub > d): e(f"{a['id']} date {d} after publication {pub}")
        if d and len(d) == 10 and pub == d[:7]: e(f"{a['id']} day {d} but publication only {pub}")
        for t in a["topics"]:
            if t not in TOPICS: e(f"{a['id']} topic {t}")
        for p in a["parties"]:
            if p not in known: e(f"{a['id']} party {p} not in aliases/organizations")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]: e(f"{a['id']} on_behalf_of {s['on_behalf_of']}")
            if not occurs(s["person"], text): e(f"{a['id']} signatory {s['person']} not in text")
            if s["role"] and s["role"].lower() not in text.lower(): e(f"{a['id']} role {s['role']} not in text")
        for w in a["witnesses"]:
            if not occurs(w, text): e(f"witness {w}")
        if a["place"] and a["place"] not in text: e(f"{a['id']} place {a['place']}")
        for od in a["other_dates"]:
            if not DATE.match(od["date"] or ""): e(f"{a['id']} other date {od}")
    parties = {p for a in g["agreements"] for p in a["parties"]}
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS): e(f"coop {c}")
        for x in c[:2]:
            if x not in known and x not in parties: e(f"coop actor {x}")
    for p in g["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, text): e(f"person {n} not in text")
        if p["role"] and p["role"].lower() not in text.lower(): e(f"role {p['role']} not in text")
    for o in g["organizations"]:
        for n in [o["name"]] + o["aliases"]:
            if not occurs(n, text): e(f"org {n} not in text")
    for c, al in g["aliases"].items():
        for n in al:
            if not re.search(r"(?<![A-Za-z])" + re.escape(n) + r"(?![A-Za-z])", text): e(f"alias {n} not in text")
    words = len(text.split("\n\n", 1)[1].split())
    if not 120 <= words <= 300: e(f"{words} words")


errs = []
docs = sorted(p.stem for p in (HERE / "gold").glob("*.json") if p.stem[:2] in {"07", "08", "09", "10", "11", "12"})
for doc in docs:
    check(doc, errs)
print("\n".join(errs) or f"ok: {len(docs)} files")
sys.exit(1 if errs else 0)
