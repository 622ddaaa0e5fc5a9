"""``bench/fit_lparty.py`` and :mod:`kg.extract.frames.party_review` on two invented texts
(``tests/data/extract/lparty_fit``): the candidate rows, their features and gold-derived labels,
the plain-Python fit, and the review applied to an extraction (parties, sides, cooperations)."""

from __future__ import annotations

import pytest

from kg.extract.frames import party_review
from kg.extract.pipeline import extract_text
from tests.extract.conftest import fit_data

DATA = fit_data("lparty_fit")


@pytest.fixture(scope="module")
def records(scorer):
    from bench import fit_lparty
    return {t.stem: fit_lparty.record_document(t, g, scorer, "tiny", "skip")
            for t, g in fit_lparty.corpus_files(DATA)}


def _rows(rec):
    return [(iri.rsplit("/", 1)[-1], chosen, label, f) for (_, iri, chosen, f), label in zip(rec.rows, rec.labels)]


def test_rule_parties_and_their_slots(records):
    rows = _rows(records["01_en_partner"])
    assert [(n, c, y) for n, c, y, _ in rows] == [("PE", True, 1), ("CL", True, 1)]
    peru, chile = rows[0][3], rows[1][3]
    # "Peru signed … with Chile": Peru the subject (and the side of the minister), Chile the with-partner
    assert peru["fn_core"] == peru["on_behalf"] == peru["how_mention"] == 1.0 and "fn_with" not in peru
    assert chile["fn_with"] == chile["how_partner"] == 1.0 and "on_behalf" not in chile


def test_actor_left_out_is_labelled_from_gold(records):
    rows = _rows(records["02_de_abkommen"])
    assert [(n, c, y) for n, c, y, _ in rows] == [("PE", True, 1), ("CL", True, 1), ("BO", False, 1)]
    bolivia = rows[2][3]
    assert bolivia["in_sents"] == bolivia["fn_core"] == bolivia["same_kind"] == 1.0
    assert "in_predicate" not in bolivia   # not in the clause of the signing verb


def test_fit_separates_invented_rows():
    from bench import fit_lparty
    data = [({"bias": 1.0, "fn_with": 1.0}, 0)] * 6 + [({"bias": 1.0, "fn_core": 1.0}, 1)] * 9 + \
        [({"bias": 1.0, "fn_with": 1.0}, 1)]
    w = fit_lparty.fit(data, lam=0.1)
    assert w["fn_core"] > 0 > w["fn_with"]
    assert party_review.probability(w, {"bias": 1.0, "fn_core": 1.0}) > 0.5 > \
        party_review.probability(w, {"bias": 1.0, "fn_with": 1.0})
    assert fit_lparty.best_threshold([(0.1, 0), (0.2, 0), (0.8, 1)], keep=True) == 0.25


def test_review_is_off_by_default():
    assert party_review.ENABLED is False


def test_dropped_side_and_cooperations(monkeypatch):
    """A drop removes the party, the side a signatory had for it, and its cooperation pairs."""
    monkeypatch.setattr(party_review, "ENABLED", True)
    monkeypatch.setattr(party_review, "KEEP_BELOW", 0.5)
    monkeypatch.setattr(party_review, "ADD_FROM", 0.5)
    monkeypatch.setattr(party_review, "KEEP", {"bias": 30.0, "how_mention": -60.0})   # drop what the subject gave
    monkeypatch.setattr(party_review, "ADD", {"bias": -30.0})
    out = extract_text((DATA / "texts" / "01_en_partner.txt").read_text(encoding="utf-8")).to_json()
    a = out["agreements"][0]
    assert a["parties"] == ["Chile"]
    assert [s["on_behalf_of"] for s in a["signatories"]] == [None]
    assert out["cooperations"] == []


def test_added_party_and_cooperations(monkeypatch):
    monkeypatch.setattr(party_review, "ENABLED", True)
    monkeypatch.setattr(party_review, "KEEP_BELOW", 0.5)
    monkeypatch.setattr(party_review, "ADD_FROM", 0.5)
    monkeypatch.setattr(party_review, "ADD", {"bias": -30.0, "same_kind": 60.0})
    out = extract_text((DATA / "texts" / "02_de_abkommen.txt").read_text(encoding="utf-8")).to_json()
    assert out["agreements"][0]["parties"] == ["Peru", "Chile", "Bolivia"]
    assert {frozenset(c[:2]) for c in out["cooperations"]} == {
        frozenset(p) for p in (("Peru", "Chile"), ("Peru", "Bolivia"), ("Chile", "Bolivia"))}
