"""The frame stage (predicates, grouping, arguments, witnesses, dates, topics) on invented
German and English sentences, one rule per case (tests/data/extract/sentences.json).

Each case lists the agreements it must give, in order (every listed field must match;
``parties_include`` only needs those parties; ``title_contains`` a word of the title; ``sides`` maps every signatory to the party
it signs for, or null), the
cooperation pairs and the organizations and persons that must or must not appear (``persons_count``:
how many persons in all). A case with ``known_gap``
states what the extractor cannot do yet (a strict xfail: it fails the day the gap is closed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.extract.pipeline import extract_text

CASES = json.loads((Path(__file__).resolve().parents[1] / "data" / "extract" / "sentences.json").read_text(encoding="utf-8"))


def _names(names) -> list[str]:
    """Names compared the way the corpus scorer compares them: case and punctuation aside."""
    return sorted(" ".join(re.sub(r"[^\w]+", " ", n.casefold()).split()) for n in names)


def _pairs(coops) -> set[frozenset]:
    return {frozenset(_names(c[:2])) for c in coops}


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(reason=c["known_gap"], strict=True))
                                  if c.get("known_gap") else c for c in CASES], ids=[c["id"] for c in CASES])
def test_rule(case):
    out = extract_text(case["text"], language=case["lang"], published=case.get("published")).to_json()
    got = out["agreements"]
    if "agreements" in case:
        assert len(got) == len(case["agreements"]), (case["rule"], [(a["title"], a["parties"]) for a in got])
        for want, have in zip(case["agreements"], got):
            for key in ("kind", "signed_on", "place", "background", "title"):
                if key in want:
                    assert have[key] == want[key], (case["rule"], key, have)
            for key in ("parties", "witnesses"):
                if key in want:
                    assert _names(have[key]) == _names(want[key]), (case["rule"], key, have)
            if "parties_include" in want:
                assert set(_names(want["parties_include"])) <= set(_names(have["parties"])), (case["rule"], have["parties"])
            if "signatories" in want:
                assert _names(s["person"] for s in have["signatories"]) == _names(want["signatories"]), (case["rule"], have)
            if "sides" in want:
                sides = {_names([s["person"]])[0]: (_names([s["on_behalf_of"]])[0] if s["on_behalf_of"] else None)
                         for s in have["signatories"]}
                want_sides = {_names([p])[0]: (_names([o])[0] if o else None) for p, o in want["sides"].items()}
                assert sides == want_sides, (case["rule"], "sides", have["signatories"])
            if "topics" in want:
                assert want["topics"] == have["topics"][:len(want["topics"])] or set(want["topics"]) == set(have["topics"]), \
                    (case["rule"], have["topics"])
            for topic in want.get("topics_include", []):
                assert topic in have["topics"], (case["rule"], have["topics"])
            for topic in want.get("topics_exclude", []):
                assert topic not in have["topics"], (case["rule"], have["topics"])
            if "title_contains" in want:
                assert want["title_contains"] in (have["title"] or ""), (case["rule"], have["title"])
    orgs = set(_names(o["name"] for o in out["organizations"]))
    for name in case.get("organizations_include", []):
        assert _names([name])[0] in orgs, (case["rule"], name, sorted(orgs))
    for name in case.get("organizations_exclude", []):
        assert _names([name])[0] not in orgs, (case["rule"], name, sorted(orgs))
    persons = set(_names(p["name"] for p in out["persons"]))
    for name in case.get("persons_include", []):
        assert _names([name])[0] in persons, (case["rule"], name, sorted(persons))
    for name in case.get("persons_exclude", []):
        assert _names([name])[0] not in persons, (case["rule"], name, sorted(persons))
    if "persons_count" in case:
        assert len(persons) == case["persons_count"], (case["rule"], sorted(persons))
    pairs = _pairs(out["cooperations"])
    for pair in case.get("cooperations_include", []):
        assert frozenset(_names(pair)) in pairs, (case["rule"], out["cooperations"])
    for pair in case.get("cooperations_exclude", []):
        assert frozenset(_names(pair)) not in pairs, (case["rule"], out["cooperations"])


@pytest.mark.parametrize("lang, text", [
    ("de", "Peru und Chile bauen ein Stromkabel. Die Energieminister der beiden Länder, Karl Probe und Jan Muster, "
           "unterzeichneten am Donnerstag in Lima eine Absichtserklärung."),
    ("en", "Peru and Chile will build a power cable. The energy ministers of the two countries, Karl Probe and "
           "Jan Muster, signed a memorandum in Lima on Thursday."),
])
def test_ministers_of_the_two_countries_act_for_them_in_order(lang, text):
    """"the ministers of the two countries, A and B": A for the first country named, B for the second."""
    a = extract_text(text, language=lang).to_json()["agreements"][0]
    sides = {s["person"]: s["on_behalf_of"] for s in a["signatories"]}
    assert sides == {"Karl Probe": "Peru", "Jan Muster": "Chile"}, sides


def test_unknown_side_stays_empty():
    """A signatory whom nothing in the text places on a side acts for no one, not for the side of
    the signatory named before; the RDF then has the signatory but no signature node for them."""
    from rdflib import URIRef
    from kg.namespaces import EKG

    result = extract_text("Kappa Power signed a supply contract on Monday. The contract was signed by Kappa "
                          "Power CEO Jan Muster and Karl Probe.", language="en")
    sides = {s["person"]: s["on_behalf_of"] for s in result.to_json()["agreements"][0]["signatories"]}
    assert sides == {"Jan Muster": "Kappa Power", "Karl Probe": None}, sides
    g = result.to_rdf()
    signers = {o for o in g.objects(None, EKG.signer)}
    assert len(signers) == 1 and all(isinstance(o, URIRef) for o in signers)


def test_free_side_not_given_twice():
    """Two signatories without a side and two parties: the one the home actor took is not free
    any more, so the other signs for the other party."""
    a = extract_text("Deutschland und Chile unterzeichneten am Montag ein Abkommen über Wasserstoff. Unterschrieben "
                     "wurde es von Staatssekretär Jan Muster und Energieminister Diego Probe.", language="de").to_json()
    sides = {s["person"]: s["on_behalf_of"] for s in a["agreements"][0]["signatories"]}
    assert sides == {"Jan Muster": "Germany", "Diego Probe": "Chile"}, sides


@pytest.mark.parametrize("lang, text", [
    ("de", "Die Absichtserklärung unterzeichneten für Peru und Chile die Minister Karl Probe beziehungsweise Jan Muster."),
    ("en", "The memorandum was signed by the energy ministers of Peru and Chile, Karl Probe and Jan Muster respectively."),
])
def test_respectively_sides_in_order(lang, text):
    """Coordinated sides and as many persons with "respectively": each person the side of its rank."""
    a = extract_text(text, language=lang).to_json()["agreements"]
    assert len(a) == 1
    sides = {s["person"]: s["on_behalf_of"] for s in a[0]["signatories"]}
    assert sides == {"Karl Probe": "Peru", "Jan Muster": "Chile"}, sides


def test_ordinal_before_adverb_and_noun_points_into_no_set():
    """"the fourth most populous province": an ordinal before an adverb, an adjective and a noun
    that is no agreement word is no reference to the fourth of a set of agreements."""
    from kg.extract.frames import _predicates, find_mentions

    an = extract_text("Peru and Chile signed five agreements on hydrogen on Monday. Tarapaca is the fourth most "
                      "populous province of the country.", language="en").analysis
    words = [an.tokens[m.start].text for m in find_mentions(an, _predicates(an))]
    assert "fourth" not in words, words


def test_ordinal_before_a_number_and_noun_points_into_no_set():
    """"during the first ten years": an ordinal before a number and a noun is no reference to the
    first of a set of agreements."""
    from kg.extract.frames import _predicates, find_mentions

    an = extract_text("Peru and Chile signed five agreements on hydrogen on Monday. Chile will run the plant during "
                      "the first ten years.", language="en").analysis
    words = [an.tokens[m.start].text for m in find_mentions(an, _predicates(an))]
    assert "first" not in words, words


@pytest.mark.parametrize("lang, text, present", [
    ("en", "Peru and Chile signed an agreement on lithium on Tuesday. President Anna Beispiel witnessed the exchange "
           "of the documents.", ["Anna Beispiel"]),
    ("en", "Peru and Chile signed an agreement on lithium on Tuesday. The documents were exchanged in the presence of "
           "President Anna Beispiel.", ["Anna Beispiel"]),
    ("en", "Peru and Chile signed a memorandum on lithium in Lima on Wednesday. It was signed by Mining Minister Karl "
           "Probe and Energy Minister Lena Test. President Anna Beispiel and her Chilean counterpart, Jan Muster, watched "
           "as the mining and energy ministers exchanged the signed documents.", ["Anna Beispiel", "Jan Muster"]),
    ("de", "Peru und Chile unterzeichneten am Dienstag ein Abkommen über Lithium. Die Papiere wurden im Beisein von "
           "Präsidentin Anna Beispiel ausgetauscht.", ["Anna Beispiel"]),
    ("de", "Peru und Chile unterzeichneten am Dienstag ein Abkommen über Lithium. Präsidentin Anna Beispiel sah zu, als "
           "die Dokumente ausgetauscht wurden.", ["Anna Beispiel"]),
    ("de", "Peru und Chile unterzeichneten am Dienstag ein Abkommen über Lithium. Präsidentin Anna Beispiel wohnte dem "
           "Austausch der Dokumente bei.", ["Anna Beispiel"]),
])
def test_presence_at_the_documents_witnesses_the_agreement_told_before(lang, text, present):
    """"X looked on as the documents were exchanged" after an agreement is told: the documents are its
    papers, so X witnessed it (whether or not the documents also start an agreement of their own,
    a grouping gap: see the 'documents' cases in sentences.json)."""
    a = extract_text(text, language=lang).to_json()["agreements"]
    assert _names(a[0]["witnesses"]) == _names(present), a[0]


@pytest.mark.parametrize("lang, text", [
    ("en", "Peru and Chile signed an agreement on lithium on Tuesday. On Friday, Kappa Gas and Zeta Power signed a "
           "gas supply contract in Oslo in the presence of Minister Jan Muster."),
    ("de", "Peru und Chile unterzeichneten am Dienstag ein Abkommen über Lithium. Am Freitag unterzeichneten Kappa Gas "
           "und Zeta Power in Oslo im Beisein von Minister Jan Muster einen Liefervertrag für Gas."),
])
def test_presence_at_a_later_agreement_is_not_passed_back(lang, text):
    """An agreement told later with a presence of its own (not a back-reference to the documents)
    gives its witness to no earlier agreement."""
    a = extract_text(text, language=lang).to_json()["agreements"]
    assert a[0]["witnesses"] == [] and _names(a[-1]["witnesses"]) == _names(["Jan Muster"]), a
