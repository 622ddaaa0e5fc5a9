"""``bench/uncovered_pairs.py`` on one invented text (``tests/data/extract/uncovered_fit``):
which sentences are candidates, which are positive, and that ``main`` prints counts only."""

from __future__ import annotations

import pytest

from tests.extract.conftest import fit_data

DATA = fit_data("uncovered_fit")


@pytest.fixture(scope="module")
def up():
    from bench import uncovered_pairs
    return uncovered_pairs


def test_candidates_and_labels(up, scorer):
    rows = up.candidates(DATA / "texts" / "01_en_stake.txt", DATA / "gold" / "01_en_stake.json", scorer)
    # the memorandum's sentence names the output's own parties: no candidate; the next sentence lies
    # in the memorandum's sentences but names two other countries (covered, no gold agreement's);
    # the stake names the parties of the missed gold agreement (positive); "Brazil and Argentina"
    # no gold agreement's
    assert [(r["positive"], r["covered"]) for r in rows] == [(False, True), (True, False), (False, False)]
    assert rows[0]["text"].startswith("The memorandum builds on")
    assert rows[1]["text"].startswith("Zentrox AG has held a stake") and "hold" in rows[1]["verbs"]


def test_main_prints_counts_only(up, scorer, capsys):
    assert up.main([str(DATA)]) == 0
    out = capsys.readouterr().out
    assert "uncovered/positive 1  uncovered/negative 1  covered/positive 0  covered/negative 1" in out
    assert "Zentrox" not in out and "Bolivia" not in out
    assert "candidates 3, positive 1 (33.3% of candidates)" in out
