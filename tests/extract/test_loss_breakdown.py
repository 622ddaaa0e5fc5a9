"""``bench/loss_breakdown.py`` splits the scorer's agreement-level errors by their source; the parts
must add up to the shared scorer's own counts (on the small invented sets of the fit scripts)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.extract.conftest import REPO
from tests.extract.test_corpora import SCORER

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not present")


@pytest.fixture(scope="module", params=["lagree_fit", "lparty_fit"])
def run(request, tmp_path_factory):
    """One invented set extracted, broken down, and scored by the shared scorer itself:
    (loss_breakdown, counts, profile, the scorer's report)."""
    from bench import eval_extract, loss_breakdown

    folder = REPO / "tests" / "data" / "extract" / request.param
    out = tmp_path_factory.mktemp(request.param)
    eval_extract.extract_corpus(sorted((folder / "texts").glob("*.txt")), out)
    scorer = loss_breakdown.load_scorer(SCORER)
    counts, profile = Counter(), Counter()
    loss_breakdown.breakdown(scorer, folder / "gold", out, counts, profile)
    tally = scorer.Tally()
    for gold_path in sorted((folder / "gold").glob("*.json")):
        scorer.score_document(scorer.json.loads(gold_path.read_text(encoding="utf-8")),
                              scorer.json.loads((out / gold_path.name).read_text(encoding="utf-8")), tally)
    return loss_breakdown, counts, profile, tally.report()


def test_parts_add_up_to_the_scorer(run):
    _, counts, profile, report = run
    assert counts["gold agreements"] == report["agreements"]["tp"] + report["agreements"]["fn"] > 0
    assert counts["missed agreements"] == report["agreements"]["fn"]
    assert counts["spurious agreements"] == report["agreements"]["fp"]
    assert sum(profile[k] for k in profile if k.startswith("kind ")) == counts["missed agreements"]
    for field in ("parties", "signatories", "witnesses", "topics", "signed_on"):
        assert counts[f"{field} fn, missed agreement"] + counts[f"{field} fn, aligned"] == report[field]["fn"], field
        assert counts[f"{field} fp, spurious agreement"] + counts[f"{field} fp, aligned"] == report[field]["fp"], field
    assert counts["cooperations of agreements, fn"] + counts["cooperations stated, fn"] == report["cooperations"]["fn"]
    assert counts["cooperations of agreements"] + counts["cooperations stated"] == \
        report["cooperations"]["tp"] + report["cooperations"]["fn"]


def test_ceiling_of_a_perfect_finder(run):
    """The overall counts are the scorer's; the ceiling turns exactly the missed agreements' field
    items (and their own cooperation pairs) into true positives."""
    loss_breakdown, counts, _, report = run
    overall = report["overall"]
    assert (counts["overall tp"], counts["overall fp"], counts["overall fn"]) == \
        (overall["tp"], overall["fp"], overall["fn"])
    now, perfect = loss_breakdown.ceiling(counts)
    assert now == pytest.approx(overall["f1"], abs=0.0005)
    found = sum(counts[f"{f} fn, missed agreement"] for f in ("parties", "signatories", "witnesses", "topics", "signed_on")) \
        + counts["cooperations fn, missed agreement only"]
    tp, fp, fn = overall["tp"] + found, overall["fp"], overall["fn"] - found
    assert perfect == pytest.approx(2 * tp / (2 * tp + fp + fn))
    assert (perfect > now) == (found > 0)


def test_ceiling_by_hand():
    from bench.loss_breakdown import ceiling

    counts = Counter({"overall tp": 8, "overall fp": 2, "overall fn": 6, "parties fn, missed agreement": 2,
                      "signed_on fn, missed agreement": 1, "cooperations fn, missed agreement only": 1})
    now, perfect = ceiling(counts)
    assert now == pytest.approx(16 / 24) and perfect == pytest.approx(24 / 28)
