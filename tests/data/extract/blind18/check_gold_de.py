"""Self-check of the blind18 German gold files (format, names in text, dates, parties, topics)."""
import json, re, sys, datetime, pathlib

HERE = pathlib.Path(__file__).parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy",
          "hydropower", "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal",
          "electricity grids", "energy storage", "energy efficiency", "carbon capture", "critical minerals",
          "climate protection", "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
# canonical English names that need not occur in the text (conventions of the dev corpus)
CANONICAL = {"European Union", "European Commission"}
WEEKDAYS = {"Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3, "Freitag": 4, "Samstag": 5, "Sonntag": 6}

ENDINGS = ("en", "es", "er", "em", "n", "s", "e")

def stem(w):
    for e in ENDINGS:
        if len(w) > 4 and w.endswith(e):
            return w[: -len(e)]
    return w

def occurs(name, text):
    """The name occurs in the text, allowing German case endings (-e, -en, -er, -es, -em, -n, -s) on each word."""
    if name in text:
        return True
    pat = r"\s+".join(r"(?<!\w)" + re.escape(stem(w)) + r"(?:e|en|er|es|em|n|s)?(?!\w)" for w in name.split())
    return re.search(pat, text) is not None

def main():
    bad = 0
    def err(doc, msg):
        nonlocal bad
        bad += 1
        print(f"{doc}: {msg}")
    for gp in sorted((HERE / "gold").glob("*.json")):
        g = json.loads(gp.read_text())
        doc = g["doc"]
        tp = HERE / "texts" / (doc + ".txt")
        if gp.stem != doc or not tp.exists():
            err(doc, "doc name / text file mismatch")
            continue
        raw = tp.read_text()
        lines = raw.split("\n")
        if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]
                and lines[1] == "# language: " + g["language"] and lines[2].startswith("# published: ")
                and lines[3] == ""):
            err(doc, "header")
        pub = lines[2][len("# published: "):].strip()
        text = "\n".join(lines[4:])
        nwords = len(text.split())
        if not 120 <= nwords <= 300:
            err(doc, f"{nwords} words")
        if set(g) != {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}:
            err(doc, "top-level keys")
        persons = {p["name"] for p in g["persons"]}
        actors = set(g["aliases"]) | {o["name"] for o in g["organizations"]}
        for p in g["persons"]:
            for n in [p["name"]] + p["aliases"]:
                if not occurs(n, text):
                    err(doc, f"person name not in text: {n}")
            if p["role"] and not occurs(p["role"], text):
                err(doc, f"role not in text: {p['role']}")
        for o in g["organizations"]:
            for n in ([] if o["name"] in CANONICAL else [o["name"]]) + o["aliases"]:
                if not occurs(n, text):
                    err(doc, f"organization name not in text: {n}")
        for k, v in g["aliases"].items():
            for n in v:
                if not occurs(n, text):
                    err(doc, f"alias of {k} not in text: {n}")
        ids = set()
        for a in g["agreements"]:
            if set(a) != {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}:
                err(doc, f"{a.get('id')}: keys")
            ids.add(a["id"])
            if a["kind"] not in KINDS:
                err(doc, f"{a['id']}: kind {a['kind']}")
            for t in a["topics"]:
                if t not in TOPICS:
                    err(doc, f"{a['id']}: topic {t}")
            for p in a["parties"]:
                if p not in actors:
                    err(doc, f"{a['id']}: party {p} neither an organization nor an alias key")
            for s in a["signatories"]:
                if s["on_behalf_of"] not in a["parties"]:
                    err(doc, f"{a['id']}: on_behalf_of {s['on_behalf_of']} not a party")
                if s["person"] not in persons:
                    err(doc, f"{a['id']}: signatory {s['person']} not in persons")
                if s["role"] and not occurs(s["role"], text):
                    err(doc, f"{a['id']}: role {s['role']} not in text")
            for w in a["witnesses"]:
                if w not in persons:
                    err(doc, f"{a['id']}: witness {w} not in persons")
            if a["place"] and not occurs(a["place"], text):
                err(doc, f"{a['id']}: place {a['place']} not in text")
            d = a["signed_on"]
            if d is not None:
                if not re.fullmatch(r"(\d{4}|XXXX)(-\d\d(-\d\d)?)?", d):
                    err(doc, f"{a['id']}: date format {d}")
                if len(d) == 4 and d not in text:
                    err(doc, f"{a['id']}: year {d} not in text")
                if len(d) == 7 and not (pub.startswith(d) and re.search(r"\b[Aa]m (" + "|".join(WEEKDAYS) + ")", text)):
                    err(doc, f"{a['id']}: month {d} does not follow from a weekday and the header ({pub})")
                if len(d) == 10:
                    day = datetime.date.fromisoformat(d)
                    ok = False
                    if re.fullmatch(r"\d{4}-\d\d-\d\d", pub):
                        p = datetime.date.fromisoformat(pub)
                        for wd, n in WEEKDAYS.items():
                            if re.search(r"\b[Aa]m " + wd, text) and day.weekday() == n and 0 <= (p - day).days < 7:
                                ok = True
                        if re.search(r"\bheute\b", text) and day == p:
                            ok = True
                    if f"{day.day}. " in text and str(day.year) in text:
                        ok = True
                    if not ok:
                        err(doc, f"{a['id']}: signed_on {d} does not follow from text and header ({pub})")
            for od in a["other_dates"]:
                if re.fullmatch(r"\d{4}", od["date"]) and od["date"] not in text and not re.search("kommenden Jahres", text):
                    err(doc, f"{a['id']}: other date {od['date']} not in text")
        for c in g["cooperations"]:
            if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS):
                err(doc, f"cooperation {c}")
            for x in c[:2]:
                if x not in actors:
                    err(doc, f"cooperation actor {x} unknown")
        if len({tuple(c) for c in g["cooperations"]}) != len(g["cooperations"]):
            err(doc, "duplicate cooperation")
        print(f"{doc}: {nwords} words, {len(g['agreements'])} agreements, {len(g['cooperations'])} cooperations")
    print("problems:", bad)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
