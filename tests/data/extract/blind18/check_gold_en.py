"""Self-check of the English half of blind18 (07-12): format, names in text, dates, topics.

Run: python tests/data/extract/blind18/check_gold.py  (reads only this set's texts and gold)
"""
import datetime
import itertools
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).parent
TOPICS = set("""nuclear energy|nuclear fuel cycle|uranium mining|radioactive waste|decommissioning|nuclear safety|hydrogen|ammonia|renewable energy|solar energy|wind energy|hydropower|geothermal energy|bioenergy|oil|natural gas|LNG|pipelines|coal|electricity grids|energy storage|energy efficiency|carbon capture|critical minerals|climate protection|research and innovation|other""".split("|"))
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
KEYS = ["doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"]
AKEYS = ["id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

errors = []


def err(doc, msg):
    errors.append(f"{doc}: {msg}")


def occurs(name, text):
    return re.search(r"(?<!\w)" + re.escape(name) + r"(s|'s|’s)?(?!\w)", text) is not None


def date_ok(doc, value, body, published):
    if value is None:
        return
    m = re.fullmatch(r"(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        err(doc, f"bad date {value}")
        return
    y, mo, d = m.groups()
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    if y in body and (mo is None or months[int(mo) - 1] in body):
        return  # year (and month) written in the text
    if published.startswith(value):
        return  # relative date ('this week', 'this month') within the publication month
    if d and len(published) == 10:
        pub = datetime.date.fromisoformat(published)
        day = datetime.date(int(y), int(mo), int(d))
        delta = (pub - day).days
        if 0 <= delta < 7 and f"on {WEEKDAYS[day.weekday()]}" in body.lower():
            return
        if delta == 0:
            return
    err(doc, f"date {value} does not follow from text/header (published {published})")


for gold_path in sorted((HERE / "gold").glob("*.json")):
    doc = gold_path.stem
    if not ("07" <= doc[:2] <= "12"):
        continue
    raw = (HERE / "texts" / f"{doc}.txt").read_text()
    lines = raw.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]
            and lines[1] == "# language: en" and lines[2].startswith("# published: ") and lines[3] == ""):
        err(doc, "header lines")
    published = lines[2][len("# published: "):].strip()
    body = "\n".join(lines[4:])
    words = len(body.split())
    if not 120 <= words <= 300:
        err(doc, f"body has {words} words")
    g = json.loads(gold_path.read_text())
    if list(g) != KEYS or g["doc"] != doc or g["language"] != "en":
        err(doc, "top-level keys")
    canon = set(g["aliases"])
    org_names = {o["name"] for o in g["organizations"]}
    person_names = {p["name"] for p in g["persons"]}
    for canonical, spellings in g["aliases"].items():
        for s in spellings:
            if not occurs(s, body):
                err(doc, f"alias {s!r} not in text")
    for p in g["persons"]:
        for n in [p["name"]] + p["aliases"]:
            if not occurs(n, body):
                err(doc, f"person {n!r} not in text")
        if p["role"] and p["role"] not in body:
            err(doc, f"role {p['role']!r} not in text")
    for o in g["organizations"]:
        for n in [o["name"]] + o["aliases"]:
            if not occurs(n, body):
                err(doc, f"organization {n!r} not in text")
    pairs = {frozenset(c[:2]) for c in g["cooperations"]}
    for c in g["cooperations"]:
        if c[2] is not None and c[2] not in TOPICS:
            err(doc, f"cooperation topic {c[2]}")
        for a in c[:2]:
            if a not in canon | org_names:
                err(doc, f"cooperation actor {a!r} unknown")
    for a in g["agreements"]:
        if list(a) != AKEYS or a["kind"] not in KINDS:
            err(doc, f"{a['id']} keys/kind")
        for t in a["topics"]:
            if t not in TOPICS:
                err(doc, f"{a['id']} topic {t}")
        for party in a["parties"]:
            if party not in canon | org_names:
                err(doc, f"{a['id']} party {party!r} neither country alias nor organization")
        for x, y in itertools.combinations(a["parties"], 2):
            if frozenset((x, y)) not in pairs:
                err(doc, f"{a['id']} pair {x}/{y} missing from cooperations")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                err(doc, f"{a['id']} on_behalf_of {s['on_behalf_of']} not a party")
            if s["person"] not in person_names:
                err(doc, f"{a['id']} signatory {s['person']} not in persons")
            if s["role"] not in body:
                err(doc, f"{a['id']} role {s['role']!r} not in text")
        for w in a["witnesses"]:
            if w not in person_names:
                err(doc, f"{a['id']} witness {w} not in persons")
        if a["place"] and not occurs(a["place"], body):
            err(doc, f"{a['id']} place {a['place']} not in text")
        date_ok(doc, a["signed_on"], body, published)
        for od in a["other_dates"]:
            date_ok(doc, od["date"], body, published)
    print(f"{doc}: {words} words, {len(g['agreements'])} agreements, {len(g['cooperations'])} cooperations")

print("\n".join(errors) if errors else "OK")
sys.exit(1 if errors else 0)
