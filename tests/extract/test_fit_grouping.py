"""``bench/fit_grouping.py`` on two invented texts (``tests/data/extract/grouping_fit``): the
evidence and the gold-derived label of every grouping decision, the fit and the command."""

from __future__ import annotations

import json

import pytest

from tests.extract.conftest import fit_data

DATA = fit_data("grouping_fit")


@pytest.fixture(scope="module")
def fg():
    from bench import fit_grouping
    return fit_grouping


@pytest.fixture(scope="module")
def records(fg, scorer):
    return {t.stem: fg.record_document(t, g, scorer, "tiny") for t, g in fg.corpus_files(DATA)}


def test_restatement_and_earlier_agreement(records):
    rows = records["01_en_memorandum"].rows
    assert [(r.mention, r.cand, r.label, r.chosen) for r in rows] == [(1, 0, 1, True), (2, 0, 0, False)]
    restated, earlier = rows[0].features, rows[1].features
    # "The memorandum provides …": a definite mention of the kind in focus, one sentence on
    assert restated == {"bias": 1.0, "definite": 1.0, "same_kind": 1.0, "focus": 1.0, "distance": 1.0}
    # "had signed an earlier agreement … in 2019": the same parties, but another date and older
    assert earlier["shared_party"] == 2.0 and earlier["existing"] == earlier["older"] == 1.0
    assert earlier["date_conflict"] == earlier["indefinite_asserted"] == 1.0 and "definite" not in earlier


def test_ebenfalls_starts_another(records):
    rows = records["02_de_abkommen"].rows
    assert [(r.mention, r.label) for r in rows] == [(1, 1), (2, 0)]
    assert rows[1].features["addition"] == 1.0 and rows[1].features["shared_party"] == 2.0


def test_labels_come_from_the_gold_not_the_output(fg, scorer, tmp_path):
    """With a gold that knows only the memorandum, the earlier agreement the extractor keeps apart
    aligns to nothing: its mention is placed by its own parties (Norway and Chile), so the gold
    puts it in the memorandum and the pair is positive although the extractor did not join it."""
    (tmp_path / "gold").mkdir()
    gold = json.loads((DATA / "gold" / "01_en_memorandum.json").read_text(encoding="utf-8"))
    gold["agreements"] = gold["agreements"][:1]
    path = tmp_path / "gold" / "01_en_memorandum.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    rec = fg.record_document(DATA / "texts" / "01_en_memorandum.txt", path, scorer, "tiny")
    assert [(r.mention, r.label, r.chosen) for r in rec.rows] == [(1, 1, True), (2, 1, False)]
    assert rec.relabelled == {2}


def test_score_is_the_weighted_features(fg, records):
    from kg.extract.grouping import WEIGHTS

    row = records["01_en_memorandum"].rows[0]
    assert fg.score(WEIGHTS, row) == pytest.approx(-0.5 + 2.0 + 0.5 + 1.0 - 0.25)
    held = [(WEIGHTS, r) for rec in records.values() for r in fg.usable(rec)]
    assert fg.metrics(held)["decision_accuracy"] == 1.0


def test_fit_moves_weights_towards_the_evidence(fg, records):
    rows = [r for rec in records.values() for r in fg.usable(rec)]
    w = fg.fit(rows, lam=1.0, prior="hand")
    assert set(w) == set(fg.KEYS)
    assert all(fg.score(w, r) > 0 for r in rows if r.label) and all(fg.score(w, r) < 0 for r in rows if not r.label)
    assert w["background_mention"] == pytest.approx(fg.grouping_hand()["background_mention"])   # never seen: kept


def test_command(fg, scorer, tmp_path, capsys):
    assert fg.main([str(DATA), "--weights-out", str(tmp_path / "w.json"), "--end-to-end", str(tmp_path / "e2e")]) == 0
    out = capsys.readouterr().out
    assert "2 documents, 4 labelled pairs (2 positive)" in out and "leave-one-document-out (2 folds" in out
    assert set(json.loads((tmp_path / "w.json").read_text())) == set(fg.KEYS)
    assert len(list((tmp_path / "e2e" / "grouping_fit" / "cv").glob("*.json"))) == 2
