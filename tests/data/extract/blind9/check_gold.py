"""Self-check of the blind9 gold files against their texts (format, names, dates, topics).

Run: python tests/data/extract/blind9/check_gold.py [NN-prefix ...]
It reads only the texts and gold files of this folder; it does not run the extractor.
"""
import datetime, itertools, json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOPICS = {"nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
          "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy", "hydropower",
          "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal", "electricity grids",
          "energy storage", "energy efficiency", "carbon capture", "critical minerals", "climate protection",
          "research and innovation", "other"}
KINDS = {"memorandum", "agreement", "declaration_of_intent", "treaty", "partnership", "contract"}
# canonical English names that need not occur in a German text
CANONICAL = {"European Commission", "European Union"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")


def occurs(name, text):
    """Name occurs in text, allowing German case endings on each word."""
    if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
        return True
    words = name.split()
    pat = r"\b" + r"\s+".join(re.escape(w[:-1] if len(w) > 4 and w[-1] in "enrs" else w) + r"\w{0,3}" for w in words) + r"\b"
    return re.search(pat, text) is not None


def check(gold_path):
    errs = []
    name = gold_path.stem
    raw = (HERE / "texts" / f"{name}.txt").read_text(encoding="utf-8")
    lines = raw.split("\n")
    if not (lines[0].startswith("# source: paraphrase of ") and " | title: " in lines[0]):
        errs.append("header line 1")
    lang = re.match(r"^# language: (de|en)$", lines[1])
    if not lang:
        errs.append("header line 2")
    m = re.match(r"^# published: (\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|unknown)$", lines[2])
    if not m or lines[3] != "":
        errs.append("header line 3/4")
    published = m.group(1) if m else "unknown"
    text = "\n".join(lines[4:])
    nwords = len(text.split())
    if not 120 <= nwords <= 300:
        errs.append(f"length {nwords} words")
    g = json.loads(gold_path.read_text(encoding="utf-8"))
    if set(g) != {"doc", "language", "agreements", "cooperations", "persons", "organizations", "aliases", "notes"}:
        errs.append(f"top-level keys {sorted(g)}")
    if g["doc"] != name or g["language"] != (lang.group(1) if lang else None):
        errs.append("doc/language")
    alias_keys = set(g["aliases"])
    org_names = {o["name"] for o in g["organizations"]}
    person_names = {p["name"] for p in g["persons"]}
    pairs = {frozenset(c[:2]) for c in g["cooperations"]}
    for c in g["cooperations"]:
        if len(c) != 3 or (c[2] is not None and c[2] not in TOPICS):
            errs.append(f"cooperation {c}")
        for actor in c[:2]:
            if actor not in alias_keys | org_names:
                errs.append(f"cooperation actor {actor!r} not declared")
    for a in g["agreements"]:
        keys = {"id", "kind", "title", "signed_on", "place", "parties", "signatories", "witnesses", "topics", "other_dates"}
        if set(a) != keys:
            errs.append(f"{a['id']}: keys")
        if a["kind"] not in KINDS:
            errs.append(f"{a['id']}: kind {a['kind']}")
        for t in a["topics"]:
            if t not in TOPICS:
                errs.append(f"{a['id']}: topic {t}")
        so = a["signed_on"]
        if so is not None:
            if not DATE.match(so):
                errs.append(f"{a['id']}: signed_on {so}")
            if published != "unknown" and so > published:
                errs.append(f"{a['id']}: signed_on {so} after publication {published}")
            wd = re.search(r"\b[Aa]m (Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\b", text)
            if len(so) == 10 and wd and len(published) == 10:
                d, pub = datetime.date.fromisoformat(so), datetime.date.fromisoformat(published)
                names = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
                if names[d.weekday()] != wd.group(1) or not 0 < (pub - d).days < 7:
                    errs.append(f"{a['id']}: {so} is not 'am {wd.group(1)}' before {published}")
            if len(so) == 4 and so not in text:
                errs.append(f"{a['id']}: year {so} not in text")
        if a["place"] and not occurs(a["place"], text):
            errs.append(f"{a['id']}: place {a['place']}")
        for p in a["parties"]:
            if p not in alias_keys | org_names:
                errs.append(f"{a['id']}: party {p!r} not declared")
        for s in a["signatories"]:
            if s["on_behalf_of"] not in a["parties"]:
                errs.append(f"{a['id']}: on_behalf_of {s['on_behalf_of']}")
            if s["person"] not in person_names:
                errs.append(f"{a['id']}: signatory {s['person']} not in persons")
            if s["role"] and not occurs(s["role"], text):
                errs.append(f"{a['id']}: role {s['role']}")
        for w in a["witnesses"]:
            if w not in person_names:
                errs.append(f"{a['id']}: witness {w} not in persons")
        for x, y in itertools.combinations(a["parties"], 2):
            if frozenset((x, y)) not in pairs:
                errs.append(f"{a['id']}: pair {x}–{y} missing in cooperations")
        for od in a["other_dates"]:
            if set(od) != {"what", "date"}:
                errs.append(f"{a['id']}: other_dates keys")
    for p in g["persons"]:
        for n in [p["name"], *p["aliases"]]:
            if not occurs(n, text):
                errs.append(f"person name {n!r} not in text")
        if p["role"] and not occurs(p["role"], text):
            errs.append(f"person role {p['role']!r} not in text")
    for o in g["organizations"]:
        for n in [o["name"], *o["aliases"]]:
            if n not in CANONICAL and not occurs(n, text):
                errs.append(f"organization name {n!r} not in text")
    for k, vals in g["aliases"].items():
        for v in vals:
            if not occurs(v, text):
                errs.append(f"alias {v!r} of {k} not in text")
    return errs


def main():
    prefixes = sys.argv[1:]
    bad = 0
    for gp in sorted((HERE / "gold").glob("*.json")):
        if prefixes and not any(gp.stem.startswith(p) for p in prefixes):
            continue
        errs = check(gp)
        bad += bool(errs)
        print(gp.stem, "ok" if not errs else "")
        for e in errs:
            print("   ", e)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
