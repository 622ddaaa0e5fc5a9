"""``bench/annotation_agreement.py`` scores a second hand annotation against the gold of the same
texts: a gold file agrees with itself completely, a second annotation that drops an agreement
does not, and a file without a gold file of its name is an error."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.extract.conftest import REPO
from tests.extract.test_corpora import SCORER

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not present")

GOLD = REPO / "tests" / "data" / "extract" / "blind" / "gold"


def overall(capfd) -> float:
    line = next(x for x in capfd.readouterr().out.splitlines() if x.startswith("overall"))
    return float(line.split()[3])


def test_gold_agrees_with_itself(tmp_path, capfd):
    from bench import annotation_agreement

    for path in sorted(GOLD.glob("*.json"))[:3]:
        shutil.copy(path, tmp_path / path.name)
    assert annotation_agreement.main([str(tmp_path), str(REPO / "no-such-folder"), str(GOLD)]) == 0
    assert overall(capfd) == 1.0


def test_a_dropped_agreement_lowers_agreement(tmp_path, capfd):
    from bench import annotation_agreement

    path = sorted(GOLD.glob("*.json"))[0]
    gold = json.loads(path.read_text(encoding="utf-8"))
    gold["agreements"] = gold["agreements"][1:]
    (tmp_path / path.name).write_text(json.dumps(gold), encoding="utf-8")
    assert annotation_agreement.main([str(tmp_path), str(GOLD)]) == 0
    assert overall(capfd) < 1.0


def test_second_file_without_gold_is_an_error(tmp_path):
    from bench import annotation_agreement

    (tmp_path / "99_no_such_text.json").write_text("{}", encoding="utf-8")
    assert annotation_agreement.main([str(tmp_path), str(GOLD)]) == 1
