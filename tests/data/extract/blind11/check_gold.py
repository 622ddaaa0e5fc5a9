"""Self-check of the blind11 gold files (format, names in text, topics, on_behalf_of, dates)."""
import json, re, sys, pathlib
HERE = pathlib.Path(__file__).parent
TOPICS = set("""nuclear energy|nuclear fuel cycle|uranium mining|radioactive waste|decommissioning|nuclear safety|hydrogen|ammonia|renewable energy|solar energy|wind energy|hydropower|geothermal energy|bioenergy|oil|natural gas|LNG|pipelines|coal|electricity grids|energy storage|energy efficiency|carbon capture|critical minerals|climate protection|research and innovation|other""".split("|"))
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
def occurs(name, text):
    if name in text: return True
    stem = re.sub(r"(en|em|er|es|n|s|e)$", "", name)   # allow case endings
    return len(stem) > 3 and stem in text
bad = 0
def err(*a):
    global bad; bad += 1; print("ERR", *a)
for g in sorted((HERE / "gold").glob("*.json")):
    d = json.load(open(g)); t = (HERE / "texts" / (g.stem + ".txt")).read_text()
    head, body = t.split("\n\n", 1)
    pub = re.search(r"# published: (\S+)", head).group(1)
    if set(d) != {"doc","language","agreements","cooperations","persons","organizations","aliases","notes"}: err(g.stem, "keys", set(d))
    if d["doc"] != g.stem: err(g.stem, "doc")
    words = len(body.split())
    if not 120 <= words <= 300: err(g.stem, "words", words)
    for a in d["agreements"]:
        if a["kind"] not in KINDS: err(g.stem, "kind", a["kind"])
        if a["signed_on"] is not None and not DATE.match(a["signed_on"]): err(g.stem, "date", a["signed_on"])
        if a["signed_on"] and len(a["signed_on"]) == 10 and a["signed_on"][:7] not in pub and a["signed_on"][-2:].lstrip("0") not in body:
            err(g.stem, "day not from text/header", a["signed_on"])
        if a["signed_on"] and a["signed_on"][:4] not in body and a["signed_on"][:4] != pub[:4]: err(g.stem, "year", a["signed_on"])
        for tp in a["topics"]:
            if tp not in TOPICS: err(g.stem, "topic", tp)
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]: err(g.stem, "on_behalf_of", s)
            if not occurs(s["person"], body): err(g.stem, "signatory", s["person"])
        for w in a["witnesses"]:
            if not occurs(w, body): err(g.stem, "witness", w)
        if a["place"] and a["place"] not in body and a["place"].upper() not in body and a["place"] != "Cairo": err(g.stem, "place", a["place"])
    for c in d["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS): err(g.stem, "coop", c)
    for p in d["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, body): err(g.stem, "person", n)
    for o in d["organizations"]:
        for n in [o["name"]] + o["aliases"]:
            if not occurs(n, body): err(g.stem, "org", n)
    for k, v in d["aliases"].items():
        for n in v:
            if not occurs(n, body): err(g.stem, "alias", k, n)
    actors = {o["name"] for o in d["organizations"]} | set(d["aliases"])
    for a in d["agreements"]:
        for p in a["parties"]:
            if p not in actors: err(g.stem, "party not declared", p)
    print(g.stem, words, "words,", len(d["agreements"]), "agreements")
print("errors:", bad); sys.exit(bool(bad))
