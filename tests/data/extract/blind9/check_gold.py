# Self-check of the blind9 gold files against their texts (format, names in text, parties/pairs, topics, weekdays).
# Usage: python check_gold.py tests/data/extract/blind9   (no extractor code is used)
import json, re, sys, os, itertools
D = sys.argv[1]
TOPICS = set("""nuclear energy|nuclear fuel cycle|uranium mining|radioactive waste|decommissioning|nuclear safety|hydrogen|ammonia|renewable energy|solar energy|wind energy|hydropower|geothermal energy|bioenergy|oil|natural gas|LNG|pipelines|coal|electricity grids|energy storage|energy efficiency|carbon capture|critical minerals|climate protection|research and innovation|other""".split("|"))
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
KEYS = ["doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"]
AKEYS = ["id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"]
bad = 0
def err(*a):
    global bad; bad += 1; print("ERR", *a)
for fn in sorted(os.listdir(os.path.join(D, "texts"))):
    name = fn[:-4]
    raw = open(os.path.join(D, "texts", fn), encoding="utf-8").read()
    lines = raw.split("\n")
    if not re.match(r"^# source: paraphrase of .+ \| title: .+$", lines[0]): err(name, "header 1")
    if lines[1] not in ("# language: en", "# language: de"): err(name, "header 2")
    m = re.match(r"^# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown)$", lines[2])
    if not m: err(name, "header 3")
    if lines[3] != "": err(name, "blank line")
    body = "\n".join(lines[4:])
    nw = len(body.split())
    if not 120 <= nw <= 300: err(name, "words", nw)
    g = json.load(open(os.path.join(D, "gold", name + ".json"), encoding="utf-8"))
    if list(g.keys()) != KEYS: err(name, "keys", list(g.keys()))
    if g["doc"] != name: err(name, "doc")
    def occurs(s):
        return s is None or s in body
    declared = {o["name"] for o in g["organizations"]} | set(g["aliases"])
    coop = {frozenset(c[:2]) for c in g["cooperations"]}
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS): err(name, "coop", c)
        for x in c[:2]:
            if x not in declared: err(name, "coop actor undeclared", x)
    for a in g["agreements"]:
        if list(a.keys()) != AKEYS: err(name, "akeys", a["id"])
        if a["kind"] not in KINDS: err(name, "kind", a["kind"])
        if a["signed_on"] is not None and not re.match(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$", a["signed_on"]): err(name, "date", a["signed_on"])
        if a["place"] and not (occurs(a["place"]) or a["place"].lower() in body.lower()): err(name, "place", a["place"])
        for t in a["topics"]:
            if t not in TOPICS: err(name, "topic", t)
        for p in a["parties"]:
            if p not in declared: err(name, "party undeclared", p)
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]: err(name, "on_behalf_of", s)
            if not occurs(s["person"]): err(name, "signatory", s["person"])
            if s["role"] and not occurs(s["role"]): err(name, "role", s["role"])
        for w in a["witnesses"]:
            if not occurs(w): err(name, "witness", w)
        for x, y in itertools.combinations(a["parties"], 2):
            if frozenset((x, y)) not in coop: err(name, "missing pair", a["id"], x, y)
        for od in a["other_dates"]:
            if od["date"] and not re.match(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$", od["date"]): err(name, "odate", od)
    for p in g["persons"]:
        for s in [p["name"]] + p["aliases"]:
            if not occurs(s): err(name, "person", s)
        if p["role"] and not occurs(p["role"]): err(name, "person role", p["role"])
    for o in g["organizations"]:
        for s in [o["name"]] + o["aliases"]:
            if not occurs(s): err(name, "org", s)
    for k, v in g["aliases"].items():
        for s in v:
            if not occurs(s): err(name, "alias", k, s)
    import datetime
    for n in g["notes"]:
        for wd, d in re.findall(r"'on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'.*?gives (\d{4}-\d{2}-\d{2})", n, re.I):
            if datetime.date.fromisoformat(d).strftime("%A").lower() != wd.lower(): err(name, "weekday", wd, d)
            pub = m.group(1) if m else ""
            if len(pub) == 10 and not 0 < (datetime.date.fromisoformat(pub) - datetime.date.fromisoformat(d)).days <= 7: err(name, "weekday not in week before publication", d, pub)
            print("  weekday ok", wd, d, "pub", pub)
    print(name, "words", nw, "agreements", len(g["agreements"]), "coops", len(g["cooperations"]))
print("errors:", bad)
