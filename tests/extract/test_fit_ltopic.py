"""``bench/fit_ltopic.py`` and :mod:`kg.extract.frames.topic_review` on a tiny invented text: the
candidates of an agreement's topics and their features, the gold-derived labels, the fit, and the
review applying a model's decisions (off by default)."""

from __future__ import annotations

import json

import pytest

TEXT = """# source: invented test text for kg.extract (not a real event)
# language: en
# published: 2024-05-10

Peru and Chile signed an agreement on hydrogen in Lima on Monday.

The two countries want to expand their solar energy trade. Separately, Chile is building new coal plants.
"""
GOLD = {"agreements": [{"kind": "agreement", "title": "Agreement on hydrogen", "signed_on": "2024-05-06",
                        "place": "Lima", "parties": ["Peru", "Chile"], "signatories": [], "witnesses": [],
                        "topics": ["hydrogen", "solar energy"], "background": False}],
        "cooperations": [["Peru", "Chile"]], "persons": [], "organizations": []}


@pytest.fixture(scope="module")
def fl():
    from bench import fit_ltopic
    return fit_ltopic


@pytest.fixture(scope="module")
def record(fl, scorer, tmp_path_factory):
    d = tmp_path_factory.mktemp("ltopic")
    (d / "texts").mkdir()
    (d / "gold").mkdir()
    (d / "texts" / "01_en_peru.txt").write_text(TEXT, encoding="utf-8")
    (d / "gold" / "01_en_peru.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return fl.record_document(d / "texts" / "01_en_peru.txt", d / "gold" / "01_en_peru.json",
                              scorer, "tiny")


def test_candidates_and_labels(record):
    rows = {r["label"]: r for r in record["rows"]}
    # the rules take all three (the second paragraph is read as the agreement's content)
    assert record["pred"]["agreements"][0]["topics"] == ["hydrogen", "solar energy", "coal"]
    assert {k: (r["chosen"], r["y"]) for k, r in rows.items()} == {
        "hydrogen": (True, 1), "solar energy": (True, 1), "coal": (True, 0)}
    h, c = rows["hydrogen"]["f"], rows["coal"]["f"]
    # "an agreement on hydrogen": its own phrase, its sentence, the rules' strongest label
    assert h["after_word"] == h["mention_sent"] == h["mention_clause"] == h["main_rule"] == 1.0
    assert h["sent_dist"] == 0.0 and h["own_title"] == 1.0
    # coal: two sentences on, in a sentence that names a party (Chile), not the agreement's own
    assert c["mention_sent"] == c["after_word"] == c["main_rule"] == 0.0
    assert c["sent_dist"] > 0 and c["party_sent"] == 1.0 and c["n_chosen"] == 3.0


def test_fit_and_threshold(fl):
    keys = ["bias", "x"]
    # x = 1: 9 of 10 positive; x = 0: 1 of 10
    agg = {(1.0, 1.0): [1, 9], (1.0, 0.0): [9, 1]}
    w = fl.fit(agg, keys, lam=0.01)
    assert w[1] > 3 and w[0] < -1.5
    assert fl.prob(w, (1.0, 1.0)) > 0.85 > 0.15 > fl.prob(w, (1.0, 0.0))
    assert 0.2 <= fl.best_threshold(agg, w) <= 0.8


def test_apply_keeps_order_and_adds_last(fl):
    pred = {"agreements": [{"topics": ["a", "b", "c"]}]}
    rows = [{"j": 0, "label": "b", "chosen": True}, {"j": 0, "label": "d", "chosen": False},
            {"j": 0, "label": "e", "chosen": False}]
    out = fl.apply(pred, rows, lambda r: r["label"] == "d")
    assert out["agreements"][0]["topics"] == ["a", "c", "d"]
    assert pred["agreements"][0]["topics"] == ["a", "b", "c"]   # the cached output is untouched


def test_review_is_off_and_applies_given_weights():
    from kg.extract.frames import topic_review
    from kg.extract.pipeline import extract_text

    assert not topic_review.ENABLED
    text = TEXT.split("\n\n", 1)[1]
    r = extract_text(text, language="en", published="2024-05-10")
    assert r.to_json()["agreements"][0]["topics"] == ["hydrogen", "solar energy", "coal"]
    an = r.analysis
    # keep only what the agreement's own sentence names; add nothing
    topic_review.review(an, r.agreements, weights={"keep": {"bias": -2.0, "mention_sent": 4.0}, "add": {}},
                        thresholds={"keep": 0.5, "add": 0.5})
    assert [t.rsplit("/", 1)[1] for t in r.agreements[0].topics] == ["hydrogen"]
    # add every other label the text names: there is none left over here
    topic_review.review(an, r.agreements, weights={"keep": {}, "add": {"bias": 5.0}},
                        thresholds={"keep": 0.5, "add": 0.5})
    assert sorted(t.rsplit("/", 1)[1] for t in r.agreements[0].topics) == ["coal", "hydrogen", "solar-energy"]
