"""Check the gold annotations of a test set against the corpus format and their own texts.

    python bench/check_gold.py SET_DIR [SET_DIR ...] [--counts]

SET_DIR holds ``texts/NN_name.txt`` and ``gold/NN_name.json`` (the format of
``../shared/corpus/dev/README.md``). Every gold file is checked for what a writer of a new set
gets wrong by hand:

* the text's header (source and title, language, publication date) and the gold's keys;
* kinds and topics from our vocabulary (``kg.extract.rdf.KIND_CLASS``, the annotation-level
  topics of ``ontology/topics.ttl``); dates written as the format says and not after publication;
* each signatory acts for one of the agreement's parties; each party is an alias key or a name
  or alias of an organization of the gold;
* every name, alias and place occurs in the text (allowing German case endings).

Prints one line per problem (``set/doc: message``) and exits 1 if there is any. ``--counts``
prints only how many problems each set has, never a name: for a set that must stay unread.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.extract.gazetteer import load_gazetteer  # noqa: E402
from kg.extract.rdf import KIND_CLASS  # noqa: E402
from kg.extract.topics import read_scheme  # noqa: E402

TOP_KEYS = {"doc", "language", "agreements", "cooperations", "persons", "organizations"}
OPTIONAL_TOP_KEYS = {"aliases", "notes"}
AGREEMENT_KEYS = {"id", "kind", "title", "signed_on", "parties", "signatories", "witnesses", "topics"}
OPTIONAL_AGREEMENT_KEYS = {"place", "other_dates"}
DATE = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
HEADER = re.compile(r"^# source: .+\n# language: (\w+)\n# published: (\S+)[^\n]*\n\n")


def topic_labels() -> set[str]:
    """The English labels of the annotation-level topics (``ekg:AnnotationTopics``)."""
    gaz = load_gazetteer()
    return {gaz.label(iri, "en") for iri in read_scheme(REPO / "ontology" / "topics.ttl").annotation}


def _fold(text: str) -> str:
    return text.casefold().replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")


def occurs(name: str, text: str) -> bool:
    """Every word of ``name`` occurs in ``text``, or its stem does (a German case ending or an
    English possessive cut off: 'Ministeriums', "Rosatom's").

    >>> occurs("Bundeswirtschaftsministerium", "Das Bundeswirtschaftsministeriums teilte mit")
    True
    >>> occurs("Peter Altmaier", "Minister Altmaier sagte")
    False
    """
    folded = _fold(text)
    for word in re.findall(r"[\w\-.&']+", _fold(name)):
        word = word.strip(".'")
        if word and word not in folded and word[:max(4, len(word) - 2)] not in folded:
            return False
    return True


def check_document(text_path: Path, gold_path: Path, topics: set[str]) -> list[str]:
    """The problems of one gold file and its text."""
    problems: list[str] = []
    say = problems.append
    raw = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
    header = HEADER.match(raw)
    if not header:
        return ["no text, or its header is not '# source: …', '# language: …', '# published: …' and a blank line"]
    language, published = header.groups()
    if published != "unknown" and not DATE.match(published):
        say(f"publication date {published!r}")
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        return [f"gold is not JSON: {err}"]
    if not TOP_KEYS <= set(gold) <= TOP_KEYS | OPTIONAL_TOP_KEYS:
        say(f"keys {sorted(set(gold) ^ TOP_KEYS)}")
    if gold.get("doc") != gold_path.stem or gold.get("language") != language:
        say("doc or language differs from the file name or the text's header")
    aliases = gold.get("aliases") or {}
    organizations = gold.get("organizations") or []
    known = set(aliases) | {name for o in organizations for name in [o["name"]] + (o.get("aliases") or [])}
    for a in gold.get("agreements") or []:
        tag = a.get("id", "?")
        if not AGREEMENT_KEYS <= set(a) <= AGREEMENT_KEYS | OPTIONAL_AGREEMENT_KEYS:
            say(f"{tag}: keys {sorted(set(a) ^ AGREEMENT_KEYS)}")
        if a.get("kind") not in KIND_CLASS:
            say(f"{tag}: kind {a.get('kind')!r}")
        date = a.get("signed_on")
        if date is not None and not DATE.match(date):
            say(f"{tag}: date {date!r}")
        elif date and DATE.match(published) and not date.startswith("XXXX") and date[:len(published)] > published:
            say(f"{tag}: signed on {date}, after publication {published}")
        for topic in a.get("topics") or []:
            if topic not in topics:
                say(f"{tag}: topic {topic!r}")
        parties = a.get("parties") or []
        for party in parties:
            if party not in known:
                say(f"{tag}: party {party!r} is no alias key or organization")
        for signer in a.get("signatories") or []:
            if signer.get("on_behalf_of") not in parties:
                say(f"{tag}: {signer.get('person')!r} acts for {signer.get('on_behalf_of')!r}, no party")
            if not occurs(signer.get("person") or "", raw):
                say(f"{tag}: signatory {signer.get('person')!r} not in the text")
        for witness in a.get("witnesses") or []:
            name = witness.get("person") if isinstance(witness, dict) else witness
            if not occurs(name or "", raw):
                say(f"{tag}: witness {name!r} not in the text")
        if a.get("place") and not occurs(a["place"], raw):
            say(f"{tag}: place {a['place']!r} not in the text")
    for pair in gold.get("cooperations") or []:
        if len(pair) != 3 or (pair[2] is not None and pair[2] not in topics):
            say(f"cooperation {pair!r}")
    for person in gold.get("persons") or []:
        for name in [person.get("name")] + (person.get("aliases") or []):
            if not occurs(name or "", raw):
                say(f"person {name!r} not in the text")
    # an organization named only through the title of a person of it ("Kommissionspräsidentin" for the
    # European Commission) follows from the text as a country does from "Bundeskanzlerin"
    titled = {p.get("affiliation") for p in gold.get("persons") or [] if p.get("role") and occurs(p["role"], raw)}
    for org in organizations:   # a name may be the English canonical one ("European Union") if an alias is written
        names = [org.get("name")] + (org.get("aliases") or [])
        if not any(occurs(name or "", raw) for name in names) and org.get("name") not in titled:
            say(f"organization {org.get('name')!r}: neither its name nor an alias is in the text")
        for name in org.get("aliases") or []:
            if not occurs(name, raw):
                say(f"organization alias {name!r} not in the text")
    for canonical, spellings in aliases.items():
        for name in spellings:
            if not occurs(name, raw):
                say(f"alias {name!r} of {canonical!r} not in the text")
    return problems


def check_set(set_dir: Path, topics: set[str]) -> list[str]:
    """The problems of every gold file of a set, each as ``set/doc: message``."""
    out = []
    for gold_path in sorted((set_dir / "gold").glob("*.json")):
        text_path = set_dir / "texts" / f"{gold_path.stem}.txt"
        out += [f"{set_dir.name}/{gold_path.stem}: {p}" for p in check_document(text_path, gold_path, topics)]
    return out


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    counts_only = "--counts" in args
    dirs = [Path(a) for a in args if a != "--counts"]
    if not dirs:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    topics = topic_labels()
    bad = 0
    for set_dir in dirs:
        problems = check_set(set_dir, topics)
        bad += len(problems)
        if counts_only:
            print(f"{set_dir.name}: {len(problems)} problems in {len(list((set_dir / 'gold').glob('*.json')))} gold files")
        else:
            print("\n".join(problems) or f"{set_dir.name}: ok")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
