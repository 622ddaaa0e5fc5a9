"""Self-check of the German half of blind21 (written before any extractor run).

Checks: JSON shape of the gold format; every person/organisation name, alias, role and
country alias occurs in its text (case endings allowed: a word may end in up to three
extra or missing letters); on_behalf_of is a party; topics are from the label list;
dates are well-formed and their years occur in the text or header; cooperation actors are
known. Run: python tests/data/extract/blind21/check_gold_de.py
"""
import json, re, sys, unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
# canonical English names that need not occur in a German text
CANONICAL_OK = {"Canada", "Quebec", "Austria", "Germany", "Turkey", "Bavaria", "Brazil", "Sweden", "United States",
                "Schleswig-Holstein", "Ontario", "Japan", "Utah", "Los Angeles", "New York", "New York City",
                "Ceará", "Australia", "France", "Victoria", "New South Wales", "South Australia", "Netherlands"}

def norm(s):
    return unicodedata.normalize("NFC", s)

def occurs(name, text):
    """Each word of name occurs in text, allowing up to three letters of case ending on either side."""
    words = re.findall(r"[\w'.\-]+", norm(name))
    for w in words:
        stem = w if len(w) <= 4 else w[: max(4, len(w) - 3)]
        if not re.search(r"(?<!\w)" + re.escape(stem), text, re.I):
            return False
    return True

def main():
    bad = 0
    for gf in sorted((HERE / "gold").glob("*.json")):
        tf = HERE / "texts" / (gf.stem + ".txt")
        raw = norm(tf.read_text(encoding="utf-8"))
        header, _, body = raw.partition("\n\n")
        lines = raw.split("\n")
        ok_header = (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]
                     and lines[1] == "# language: de" and lines[2].startswith("# published: ") and lines[3] == "")
        pub = lines[2].split(": ", 1)[1]
        d = json.loads(gf.read_text(encoding="utf-8"))
        errs = []
        if not ok_header: errs.append("header")
        if set(d) != {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}:
            errs.append(f"keys {sorted(d)}")
        if d["doc"] != gf.stem or d["language"] != "de": errs.append("doc/language")
        nwords = len(body.split())
        if not 120 <= nwords <= 300: errs.append(f"length {nwords}")
        known = set(d["aliases"]) | {o["name"] for o in d["organizations"]}
        for a in d["agreements"]:
            if set(a) != {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}:
                errs.append(f"{a['id']} keys")
            if a["kind"] not in KINDS: errs.append(f"{a['id']} kind")
            for t in a["topics"]:
                if t not in TOPICS: errs.append(f"{a['id']} topic {t}")
            dates = [a["signed_on"]] + [o["date"] for o in a["other_dates"]]
            for dt in dates:
                if dt is None: continue
                if not DATE.match(dt): errs.append(f"{a['id']} date {dt}")
                elif not (dt[:4] in body or dt[:7] == pub[:7] or dt[:4] == pub[:4]
                          or str(int(pub[:4]) - 1) == dt[:4] or str(int(pub[:4]) + 1) == dt[:4]):
                    errs.append(f"{a['id']} date {dt} not from text/header")
            if a["place"] and not occurs(a["place"], body): errs.append(f"place {a['place']}")
            for p in a["parties"]:
                if p not in known: errs.append(f"party {p} unknown")
            for s in a["signatories"]:
                if s["on_behalf_of"] not in a["parties"]: errs.append(f"on_behalf_of {s['on_behalf_of']}")
                if not occurs(s["person"], body): errs.append(f"signatory {s['person']}")
                if s["role"] and not occurs(s["role"], body): errs.append(f"role {s['role']}")
            for w in a["witnesses"]:
                if not occurs(w, body): errs.append(f"witness {w}")
        for c in d["cooperations"]:
            if len(c) != 3: errs.append(f"coop {c}")
            for x in c[:2]:
                if x not in known: errs.append(f"coop actor {x} unknown")
            if c[2] is not None and c[2] not in TOPICS: errs.append(f"coop topic {c[2]}")
        for p in d["persons"]:
            for n in [p["name"]] + p["aliases"]:
                if not occurs(n, body): errs.append(f"person {n}")
            if p["role"] and not occurs(p["role"], body): errs.append(f"person role {p['role']}")
            if p["affiliation"] and p["affiliation"] not in known: errs.append(f"affiliation {p['affiliation']}")
        for o in d["organizations"]:
            for n in [o["name"]] + o["aliases"]:
                if not occurs(n, body): errs.append(f"org {n}")
            if o["country"] and o["country"] not in d["aliases"] and o["country"] not in CANONICAL_OK:
                errs.append(f"org country {o['country']}")
        for k, vs in d["aliases"].items():
            if k not in CANONICAL_OK and not occurs(k, body): errs.append(f"alias key {k}")
            for v in vs:
                if not occurs(v, body): errs.append(f"alias {v}")
        print(gf.stem, nwords, "words", "OK" if not errs else errs)
        bad += bool(errs)
    return bad

if __name__ == "__main__":
    sys.exit(main())
