"""``bench/fit_lagree.py`` and :mod:`kg.extract.frames.keep` on two invented texts
(``tests/data/extract/lagree_fit``): the candidates, their features and gold-derived labels, the
widened candidates, the fit and the learned decision."""

from __future__ import annotations

import json
import math

import pytest

from tests.extract.conftest import fit_data

DATA = fit_data("lagree_fit")


@pytest.fixture(scope="module")
def fl():
    from bench import fit_lagree
    return fit_lagree


def _record(fl, scorer, stem, gold=None):
    return fl.record_document(DATA / "texts" / f"{stem}.txt", gold or DATA / "gold" / f"{stem}.json", scorer, "tiny")


def test_tentative_reference_is_a_dropped_candidate(fl, scorer):
    rec = _record(fl, scorer, "01_en_tentative")
    assert [(r["hand"], r["label"]) for r in rec["rows"]] == [(0, 0), (1, 1)]
    deal, memo = rec["rows"][0]["features"], rec["rows"][1]["features"]
    # "confirmed the deal with Nordwind Energy": a reference no signing asserted
    assert deal["tentative"] == deal["reference_only"] == deal["one_party"] == 1.0 and deal["hand"] == 0.0
    # "Chile and Peru signed a memorandum … on 6 May 2024": asserted, two parties, a date
    assert memo["hand"] == memo["signing_predicate"] == memo["date"] == 1.0 and memo["parties"] == 2.0
    assert (rec["gold"], rec["ceiling_missed"], rec["in_dropped"]) == (1, 0, 0)


def test_dropped_candidate_labelled_against_the_gold_left_over(fl, scorer, tmp_path):
    """With a gold that lists the deal too, the dropped candidate aligns with it as if output."""
    (tmp_path / "gold").mkdir()
    gold = json.loads((DATA / "gold" / "01_en_tentative.json").read_text(encoding="utf-8"))
    gold["agreements"].append({"kind": "agreement", "title": None, "signed_on": None,
                               "parties": ["Kappa Power", "Nordwind Energy"], "signatories": [],
                               "witnesses": [], "topics": [], "background": False})
    path = tmp_path / "gold" / "01_en_tentative.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    rec = _record(fl, scorer, "01_en_tentative", path)
    assert [(r["hand"], r["label"]) for r in rec["rows"]] == [(0, 1), (1, 1)]
    assert (rec["gold"], rec["ceiling_missed"], rec["in_dropped"]) == (2, 0, 1)


def test_widen_makes_a_planned_signing_a_candidate(fl, scorer):
    from kg.extract.frames import keep

    assert not keep.WIDEN
    assert [(r["hand"], r["label"]) for r in _record(fl, scorer, "02_de_geplant")["rows"]] == [(1, 1)]
    keep.WIDEN = True
    try:
        rows = _record(fl, scorer, "02_de_geplant")["rows"]
    finally:
        keep.WIDEN = False
    # "Argentinien und Chile wollen im Juni ein weiteres Abkommen … unterzeichnen": planned
    assert [(r["hand"], r["label"]) for r in rows] == [(1, 1), (0, 0)]
    assert rows[1]["features"]["widened"] == rows[1]["features"]["planned"] == 1.0


def test_fit_separates_and_picks_a_threshold(fl):
    rows = [{"features": {"bias": 1.0, "hand": h}, "label": y}
            for h, y in [(1, 1)] * 8 + [(1, 0)] * 2 + [(0, 0)] * 6 + [(0, 1)]]
    mle = fl.fit(rows, ["bias", "hand"], 0.0)   # unpenalised: the log odds of each group
    assert mle["bias"] == pytest.approx(math.log(1 / 6)) and mle["hand"] == pytest.approx(math.log(8 / 2) - math.log(1 / 6))
    w = fl.fit(rows, ["bias", "hand"], 1.0)     # the penalty shrinks the weight, not the bias
    assert 0 < w["hand"] < mle["hand"] and w["bias"] < 0
    from kg.extract.frames import keep
    t = fl.pick_threshold(rows, w)
    assert keep.probability(w, {"bias": 1.0}) < t < keep.probability(w, {"bias": 1.0, "hand": 1.0})


def test_learned_decision_replaces_the_rule():
    """With LEARNED on, the weights decide: weights that copy the rule give the rule's output,
    weights that keep everything keep the tentative deal too."""
    from kg.extract.frames import keep
    from kg.extract.pipeline import extract_file

    text = DATA / "texts" / "01_en_tentative.txt"
    hand = extract_file(text, language="en", published="2024-05-10").to_json()["agreements"]
    saved = dict(keep.WEIGHTS)
    keep.LEARNED = True
    try:
        keep.WEIGHTS.clear()
        keep.WEIGHTS.update({"bias": -5.0, "hand": 10.0})
        assert extract_file(text, language="en", published="2024-05-10").to_json()["agreements"] == hand
        keep.WEIGHTS.clear()
        keep.WEIGHTS.update({"bias": 5.0})
        out = extract_file(text, language="en", published="2024-05-10").to_json()["agreements"]
        assert len(out) == 2 and out[1]["parties"] == hand[0]["parties"]
    finally:
        keep.LEARNED = False
        keep.WEIGHTS.clear()
        keep.WEIGHTS.update(saved)
