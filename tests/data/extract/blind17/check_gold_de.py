"""Self-check of the German half of blind17 (texts 01-06): format, names in text, dates, parties, topics.

Run: python tests/data/extract/blind17/check_gold_de.py   (reads only this folder)
"""
import json, re, sys, datetime as dt
from pathlib import Path

HERE = Path(__file__).parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
TOP = {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}
AKEYS = {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
CANON_OK = {"Germany", "Austria", "Switzerland", "Denmark", "European Union", "United Kingdom", "Japan", "Netherlands"}


def occurs(name, text):
    """Every word of name occurs in text, allowing German case endings and umlaut plurals (stem of len-2 at least 4 chars)."""
    norm = lambda x: x.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u")
    low = norm(text)
    for w in re.findall(r"[\wÄÖÜäöüß\-\.]+", name):
        w = norm(w).strip(".")
        if w in low:
            continue
        stem = w[:max(4, len(w) - 2)]
        if stem not in low:
            return False
    return True


def main():
    bad = 0
    for gp in sorted((HERE / "gold").glob("0[1-6]_*.json")):
        tp = HERE / "texts" / (gp.stem + ".txt")
        raw = tp.read_text(encoding="utf-8")
        head, body = raw.split("\n\n", 1)
        hl = head.split("\n")
        errs = []
        if not (hl[0].startswith("# source: paraphrase of ") and " | title: " in hl[0]):
            errs.append("header line 1")
        if hl[1] != "# language: de":
            errs.append("header line 2")
        pub = hl[2].removeprefix("# published: ")
        if not DATE.match(pub):
            errs.append("published")
        nwords = len(body.split())
        if not 120 <= nwords <= 300:
            errs.append(f"length {nwords}")
        g = json.loads(gp.read_text(encoding="utf-8"))
        if set(g) != TOP:
            errs.append(f"top keys {set(g) ^ TOP}")
        if g["doc"] != gp.stem or g["language"] != "de":
            errs.append("doc/language")
        known = set()
        for p in g["persons"]:
            known.add(p["name"])
            for n in [p["name"], p["role"]] + p["aliases"]:
                if n and not occurs(n, body):
                    errs.append(f"person text not in text: {n}")
        for o in g["organizations"]:
            known.add(o["name"])
            if not occurs(o["name"], body) and o["country"] is not None and o["name"] not in CANON_OK:
                errs.append(f"org not in text: {o['name']}")
            for n in o["aliases"]:
                if not occurs(n, body):
                    errs.append(f"org alias not in text: {n}")
        for c, als in g["aliases"].items():
            known.add(c)
            for n in als:
                if not occurs(n, body):
                    errs.append(f"alias not in text: {n}")
        ids = set()
        for a in g["agreements"]:
            if set(a) != AKEYS:
                errs.append(f"{a.get('id')} keys")
            ids.add(a["id"])
            if a["kind"] not in KINDS:
                errs.append(f"{a['id']} kind")
            if a["signed_on"] is not None and not DATE.match(a["signed_on"]):
                errs.append(f"{a['id']} signed_on format")
            if a["signed_on"] and a["signed_on"] > pub + "-99":
                errs.append(f"{a['id']} signed after publication")
            if a["place"] and not occurs(a["place"], body):
                errs.append(f"{a['id']} place not in text")
            for t in a["topics"]:
                if t not in TOPICS:
                    errs.append(f"{a['id']} topic {t}")
            for p in a["parties"]:
                if p not in known:
                    errs.append(f"{a['id']} party not declared: {p}")
            for s in a["signatories"]:
                if s["on_behalf_of"] not in a["parties"]:
                    errs.append(f"{a['id']} on_behalf_of {s['on_behalf_of']}")
                if s["person"] not in known:
                    errs.append(f"{a['id']} signatory not in persons")
                if s["role"] and not occurs(s["role"], body):
                    errs.append(f"{a['id']} role not in text")
            for w in a["witnesses"]:
                if w not in known:
                    errs.append(f"{a['id']} witness not in persons")
            for od in a["other_dates"]:
                if not (DATE.match(od["date"]) or od["date"].startswith("P")):
                    errs.append(f"{a['id']} other date {od['date']}")
        for x, y, t in g["cooperations"]:
            if x not in known or y not in known:
                errs.append(f"cooperation actor unknown {x} {y}")
            if t is not None and t not in TOPICS:
                errs.append(f"cooperation topic {t}")
        # weekday check: 'am <weekday>' with a full publication date
        wd = {"Montag": 0, "Dienstag": 1, "Mittwoch": 2, "Donnerstag": 3, "Freitag": 4, "Samstag": 5, "Sonntag": 6}
        if len(pub) == 10:
            pd = dt.date.fromisoformat(pub)
            for m in re.finditer(r"am (Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)", body):
                back = (pd.weekday() - wd[m.group(1)]) % 7 or 7
                print(f"   {gp.stem}: '{m.group(0)}' -> {pd - dt.timedelta(days=back)}")
        print(gp.stem, nwords, "words", "OK" if not errs else errs)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
