"""Self-check of the blind16 English gold files (format, names in text, dates, parties, topics)."""
import json, re, sys, datetime, pathlib

HERE = pathlib.Path(__file__).parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
TOP = ["doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"]
AKEYS = ["id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"]
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
errors = []

def occurs(name, text):
    if name in text:
        return True
    base = re.sub(r"'s$", "", name)
    return base in text

for g in sorted((HERE / "gold").glob("*.json")):
    t = (HERE / "texts" / (g.stem + ".txt")).read_text(encoding="utf-8")
    lines = t.split("\n")
    def err(m): errors.append(f"{g.stem}: {m}")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]): err("header line 1")
    if lines[1] not in ("# language: en",): err("header line 2")
    m = re.match(r"# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown)$", lines[2])
    if not m: err("header line 3")
    if lines[3] != "": err("blank line 4")
    body = "\n".join(lines[4:])
    nw = len(body.split())
    if not 120 <= nw <= 300: err(f"word count {nw}")
    pub = m.group(1) if m else None
    d = json.loads(g.read_text(encoding="utf-8"))
    if list(d) != TOP: err(f"top keys {list(d)}")
    if d["doc"] != g.stem or d["language"] != "en": err("doc/language")
    pers = {p["name"] for p in d["persons"]}
    orgs = {o["name"] for o in d["organizations"]}
    places = set(d["aliases"])
    for p in d["persons"]:
        assert set(p) == {"name", "role", "affiliation", "aliases"}
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, body): err(f"person name not in text: {n}")
        if p["role"] is not None and not any(w.lower() in body.lower() for w in p["role"].split()[:2]): err(f"role? {p['role']}")
    for o in d["organizations"]:
        assert set(o) == {"name", "country", "aliases"}
        for n in [o["name"]] + o["aliases"]:
            if not occurs(n, body): err(f"org name not in text: {n}")
    for c, al in d["aliases"].items():
        for a in al:
            if not occurs(a, body): err(f"alias not in text: {a}")
    actors = orgs | places
    ids = set()
    for a in d["agreements"]:
        if list(a) != AKEYS: err(f"agreement keys {list(a)}")
        if a["id"] in ids: err("dup id")
        ids.add(a["id"])
        if a["kind"] not in KINDS: err(f"kind {a['kind']}")
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]): err(f"date {a['signed_on']}")
        if a["signed_on"] and pub and a["signed_on"][:len(pub)] > pub: err(f"signed after publication {a['signed_on']}")
        if a["place"] is not None and not occurs(a["place"], body): err(f"place not in text {a['place']}")
        for p in a["parties"]:
            if p not in actors: err(f"party not an org/country: {p}")
        if len(a["parties"]) < 2: err("fewer than 2 parties")
        for s in a["signatories"]:
            if set(s) != {"person", "role", "on_behalf_of"}: err("signatory keys")
            if s["on_behalf_of"] not in a["parties"]: err(f"on_behalf_of not a party: {s['on_behalf_of']}")
            if s["person"] is not None and s["person"] not in pers: err(f"signatory not in persons {s['person']}")
        for w in a["witnesses"]:
            if w not in pers: err(f"witness not in persons {w}")
        for tp in a["topics"]:
            if tp not in TOPICS: err(f"topic {tp}")
        for od in a["other_dates"]:
            if set(od) != {"what", "date"} or not DATE.match(od["date"]): err(f"other_date {od}")
        # resolved weekday check: if signed_on is a full date, its weekday word or its day must be in the text
        if a["signed_on"] and len(a["signed_on"]) == 10 and not a["signed_on"].startswith("XXXX"):
            dt = datetime.date.fromisoformat(a["signed_on"])
            wd = dt.strftime("%A")
            if wd not in body and str(dt.day) not in body: err(f"date {a['signed_on']} ({wd}) not found in text")
            if pub and len(pub) == 10:
                delta = (datetime.date.fromisoformat(pub) - dt).days
                if not 0 <= delta <= 6: err(f"weekday resolution {a['signed_on']} vs published {pub}")
        if a["signed_on"] and len(a["signed_on"]) == 4 and a["signed_on"] not in body and not (pub and pub.startswith(a["signed_on"])):
            err(f"year {a['signed_on']} not in text or publication")
    for c in d["cooperations"]:
        if len(c) != 3: err(f"cooperation {c}")
        for x in c[:2]:
            if x not in actors: err(f"cooperation actor not org/country: {x}")
        if c[2] is not None and c[2] not in TOPICS: err(f"cooperation topic {c[2]}")
    # every pair of parties of each agreement must be in cooperations (either order)
    cs = {(frozenset(c[:2])) for c in d["cooperations"]}
    for a in d["agreements"]:
        ps = a["parties"]
        for i in range(len(ps)):
            for j in range(i + 1, len(ps)):
                if frozenset((ps[i], ps[j])) not in cs: err(f"missing cooperation pair {ps[i]}-{ps[j]}")
    if not d["notes"]: err("no notes")
    print(f"{g.stem}: {nw} words, {len(d['agreements'])} agreements")
print("\n".join(errors) or "OK")
sys.exit(1 if errors else 0)
