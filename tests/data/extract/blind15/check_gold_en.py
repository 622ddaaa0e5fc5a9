"""Self-check of the blind15 English half (07-12): format, header, length, names in text, dates."""
import datetime as dt, json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
errors = []

def err(doc, msg): errors.append(f"{doc}: {msg}")

def occurs(s, text):
    if s is None: return True
    return s.lower() in text.lower()

def date_ok(sd, text, pub):
    if sd is None: return True
    if re.fullmatch(r"P\d+Y", sd): return True
    if re.fullmatch(r"\d{4}", sd): return sd in text or (pub and pub.startswith(sd))
    if re.fullmatch(r"\d{4}-\d{2}", sd):
        month = dt.date(2000, int(sd[5:]), 1).strftime("%B")
        return (pub is not None and pub.startswith(sd)) or sd[:4] in text or (
            pub is not None and pub[:4] == sd[:4] and re.search(rf"\b{month}\b", text) is not None)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", sd):
        if pub is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", pub): return False
        d, p = dt.date.fromisoformat(sd), dt.date.fromisoformat(pub)
        if d == p and re.search(r"\btoday\b", text, re.I): return True
        wd = WEEKDAYS[d.weekday()]
        return re.search(rf"\b{wd}\b", text, re.I) is not None and 0 < (p - d).days <= 7
    return False

for gp in sorted((HERE / "gold").glob("[01][0-9]_*.json")):
    doc = gp.stem
    if not 7 <= int(doc[:2]) <= 12: continue
    tp = HERE / "texts" / (doc + ".txt")
    raw = tp.read_text()
    lines = raw.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]): err(doc, "header line 1")
    if lines[1] != "# language: en": err(doc, "header line 2")
    m = re.fullmatch(r"# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown.*)", lines[2])
    if not m: err(doc, "header line 3")
    pub = m.group(1) if m and not m.group(1).startswith("unknown") else None
    if lines[3] != "": err(doc, "blank line 4")
    text = "\n".join(lines[4:])
    n = len(text.split())
    if not 120 <= n <= 300: err(doc, f"body has {n} words")
    g = json.loads(gp.read_text())
    if set(g) != {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}:
        err(doc, f"keys {sorted(g)}")
    if g["doc"] != doc or g["language"] != "en": err(doc, "doc/language")
    pairs = {frozenset(c[:2]) for c in g["cooperations"]}
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS): err(doc, f"cooperation {c}")
    for a in g["agreements"]:
        if set(a) != {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}:
            err(doc, f"{a.get('id')} keys")
        if a["kind"] not in KINDS: err(doc, f"{a['id']} kind {a['kind']}")
        if not occurs(a["place"], text): err(doc, f"{a['id']} place {a['place']}")
        if not date_ok(a["signed_on"], text, pub): err(doc, f"{a['id']} signed_on {a['signed_on']}")
        for od in a["other_dates"]:
            if not date_ok(od["date"], text, pub): err(doc, f"{a['id']} other date {od}")
        for t in a["topics"]:
            if t not in TOPICS: err(doc, f"{a['id']} topic {t}")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]: err(doc, f"{a['id']} on_behalf_of {s}")
            if not occurs(s["person"], text): err(doc, f"signatory {s['person']}")
            if not occurs(s["role"], text): err(doc, f"role {s['role']}")
        for w in a["witnesses"]:
            if not occurs(w, text): err(doc, f"witness {w}")
        ps = a["parties"]
        for i in range(len(ps)):
            for j in range(i + 1, len(ps)):
                if frozenset((ps[i], ps[j])) not in pairs: err(doc, f"{a['id']} pair {ps[i]}/{ps[j]} not in cooperations")
    names = {p["name"] for p in g["persons"]} | {o["name"] for o in g["organizations"]} | set(g["aliases"])
    for p in g["persons"]:
        for s in [p["name"], p["role"], *p["aliases"]]:
            if not occurs(s, text): err(doc, f"person string '{s}' not in text")
    for o in g["organizations"]:
        for s in [o["name"], *o["aliases"]]:
            if not occurs(s, text): err(doc, f"org string '{s}' not in text")
    for canon, al in g["aliases"].items():
        for s in al:
            if not re.search(rf"\b{re.escape(s)}", text): err(doc, f"alias '{s}' not in text")
    for a in g["agreements"]:
        for party in a["parties"]:
            if party not in names: err(doc, f"party {party} neither organization nor alias key")
    for c in g["cooperations"]:
        for x in c[:2]:
            if x not in names: err(doc, f"cooperation actor {x} unknown")
    print(f"{doc}: {n} words, {len(g['agreements'])} agreements")

print("\n".join(errors) if errors else "all checks passed")
sys.exit(1 if errors else 0)
