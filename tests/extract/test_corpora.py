"""The extractor on annotated corpora, scored by the shared scorer (``../shared/tools``).

Twenty-nine corpora: the seed documents (gold in ``tests/data/gold``), the shared development corpus,
the shared check corpus, and twenty-six invented sets in ``tests/data/extract`` (see their READMEs):
``heldout``, ``blind``, ``blind2``, ``blind3``, ``blind4``, ``blind5`` and ``dev2`` (rules have been developed on them, so
they are dev material now), ``blind6`` (a blind gauge for two days, then read for an error census), ``blind7``
to ``blind11`` (blind gauges until the tenth day, then read for error classes), ``blind12`` and ``blind13``
(blind gauges until the eleventh day, then read the same way), ``blind14`` and ``blind15`` (blind gauges until the
twelfth day, then read the same way), ``blind16`` (a blind gauge until the thirteenth day, then read the same way),
``blind17`` (a blind gauge until the fourteenth day, then read the same way), ``blind18`` and ``blind22``
(blind gauges until the eighteenth day, then read the same way), ``blind19``, ``blind20``, ``blind21``,
``blind23``, ``blind24`` and ``blind25``, the blind gauges (written and annotated without running the extractor;
no rule is developed on them, and their texts, gold and per-document scores are not read while working on
the extractor; once one is used for development a new blind set must be written). The check corpus is
only ever scored, never read: its guard, like the blind gauges', tells whether the rules generalise to
news the extractor was not written from. The floors sit a
little under the figures measured when they were last raised (see each assertion), so a change
that loses ground fails; ``bench/eval_extract.py`` prints the full tables.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extract.pipeline import extract_file
from tests.extract.conftest import REPO, SHARED, seed_documents

SCORER = SHARED / "tools" / "score_extraction.py"
DEV = SHARED / "corpus" / "dev"
CHECK = SHARED / "corpus" / "check"
needs_scorer = pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not present")


def scored(texts: list[Path], gold: Path, out: Path) -> dict[str, dict[str, float]]:
    """Extract every text into ``out`` and return the shared scorer's fields."""
    for path in texts:
        (out / f"{path.stem}.json").write_text(json.dumps(extract_file(path).to_json()), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCORER), str(gold), str(out), "--json"],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(result)["fields"]


@needs_scorer
@pytest.mark.skipif(not seed_documents(), reason="seed documents not available")
def test_seed_documents(tmp_path):
    fields = scored(seed_documents(), REPO / "tests" / "data" / "gold", tmp_path)
    assert fields["overall"]["f1"] >= 0.9, fields       # the floor; 0.944 measured


@needs_scorer
@pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="shared dev corpus not present")
def test_dev_corpus(tmp_path):
    fields = scored(sorted((DEV / "texts").glob("*.txt")), DEV / "gold", tmp_path)
    assert fields["overall"]["f1"] >= 0.94, fields      # 0.963 measured
    assert fields["agreements"]["f1"] >= 0.95, fields   # 0.975
    assert fields["parties"]["f1"] >= 0.915, fields    # 0.942
    assert fields["signatories"]["f1"] >= 0.97, fields  # 1.000
    assert fields["witnesses"]["f1"] >= 0.96, fields     # 0.982
    assert fields["signed_on"]["f1"] >= 0.925, fields   # 0.949
    assert fields["topics"]["f1"] >= 0.93, fields       # 0.961
    assert fields["organizations"]["f1"] >= 0.955, fields  # 0.978
    assert fields["cooperations"]["f1"] >= 0.90, fields  # 0.937


@needs_scorer
@pytest.mark.skipif(not (CHECK / "gold").is_dir(), reason="shared check corpus not present")
def test_check_corpus(tmp_path):
    """Unseen news: scored only (the texts are not read by the developers or the tests)."""
    fields = scored(sorted((CHECK / "texts").glob("*.txt")), CHECK / "gold", tmp_path)
    assert fields["overall"]["f1"] >= 0.80, fields      # 0.815 measured (seventeenth day; 0.806 before, 0.798, 0.792, 0.783 and 0.764 earlier)
    assert fields["parties"]["f1"] >= 0.75, fields      # 0.775
    assert fields["organizations"]["f1"] >= 0.75, fields  # 0.771
    assert fields["cooperations"]["f1"] >= 0.73, fields  # 0.754
    # 0.741 (0.815 before the organisation rules: one more organization found as a party moves
    # an agreement's alignment to one with another date; parties and organizations went up)
    assert fields["signed_on"]["f1"] >= 0.71, fields
    assert fields["witnesses"]["f1"] >= 0.70, fields     # 0.727
    assert fields["topics"]["f1"] >= 0.74, fields       # 0.774
    assert fields["signatories"]["f1"] >= 0.72, fields  # 0.769


INVENTED = REPO / "tests" / "data" / "extract"


@pytest.mark.parametrize("name, count", [("heldout", 16), ("blind", 14), ("blind2", 24),
                                         ("blind3", 12), ("blind4", 16), ("blind5", 16), ("blind6", 16),
                                         ("blind7", 16), ("blind8", 12), ("blind9", 12), ("blind10", 12), ("blind11", 12),
                                         ("blind12", 12), ("blind13", 12), ("blind14", 12), ("blind15", 12), ("blind16", 12),
                                         ("blind17", 12), ("blind18", 12), ("blind19", 12), ("blind20", 12), ("blind21", 12), ("blind22", 12), ("blind23", 12), ("blind24", 12), ("blind25", 12),
                                         ("dev2", 20)])
def test_invented_set_files_pair_up(name: str, count: int):
    """Every text of an invented set has its gold file and the other way round."""
    texts = {p.stem for p in (INVENTED / name / "texts").glob("*.txt")}
    gold = {p.stem for p in (INVENTED / name / "gold").glob("*.json")}
    assert texts == gold and len(texts) == count, (texts ^ gold, len(texts))


@needs_scorer
@pytest.mark.parametrize("name, floor", [
    ("heldout", 0.96),  # 0.733 when written; 0.975 once rules were developed on it
    ("blind", 0.92),    # 0.790 when written, 0.802 a day later (blind); 0.918 once developed on, 0.936 a day later
    ("blind2", 0.93),   # 0.833 (German half) and 0.672 (English half) when written; 0.938 once developed on, 0.948 later
    ("blind3", 0.94),   # 0.777 when written, 0.800 later that day (blind); 0.933 once developed on (from 2026-11-26), 0.958 later
    ("blind4", 0.92),   # 0.694 with the extractor of the day it was written, 0.720 a day later (blind); 0.825 once developed on, 0.898 a day later, 0.911 the day after,
                        # 0.932 on the thirteenth day
    ("blind5", 0.86),   # 0.733 with the extractor of the day it was written, 0.738 at its end, 0.751 a day later (blind); 0.881 once developed on
    ("blind6", 0.88),   # 0.781 with the extractor of the day it was written, 0.793 at its end, 0.804 a day later, 0.805 the day after (then retired
                        # for an error census); 0.860 once developed on from that census (check, blind7, blind8 unchanged by it); 0.894 on the thirteenth day
    ("blind7", 0.87),   # 0.799 with the extractor of the day it was written, 0.804 at its end, 0.806 a day later (blind);
                        # read for error classes from the tenth day: 0.883 at its end
    ("blind8", 0.84),   # 0.803 with the extractor of the day it was written (blind); read for error classes from the tenth day:
                        # 0.859 at its end
    ("blind9", 0.90),   # 0.882 with the extractor of the day it was written (blind; plainer texts than blind7/8, see its README);
                        # the same a day later, then read for error classes: 0.913 at the end of that day
    ("blind10", 0.89),  # 0.847 with the extractor of the day it was written (blind; as hard as the dev corpus, see its README);
                        # the same a day later, then read for error classes: 0.884 at the end of that day, 0.893 the day after, 0.904 on the thirteenth
    ("blind11", 0.79),  # 0.764 with the extractor of the day it was written (blind; the same brief as blind10, see its README);
                        # the same a day later, then read for error classes: 0.803 at the end of that day
    ("blind12", 0.84),  # 0.788 with the extractor of the day it was written, 0.790 at its end (blind; news as users feed
                        # it, see its README); read for error classes from the eleventh day: 0.830 at its end, 0.845 on the
                        # thirteenth, 0.853 on the fourteenth (gazetteer data)
    ("blind13", 0.85),  # 0.800 with the extractor of the day it was written, 0.803 at its end (blind; blind12's brief);
                        # read for error classes from the eleventh day: 0.870 at its end
    ("blind14", 0.86),  # 0.791 with the extractor of the day it was written (blind; blind12's brief); 0.795 a day later;
                        # read for error classes from the twelfth day: 0.856 at its end, 0.875 on the fourteenth (gazetteer data)
    ("blind15", 0.87),  # 0.780 with the extractor of the start of the day it was written, 0.793 at its end (blind; blind12's
                        # brief); read for error classes from the twelfth day: 0.863 at its end, 0.886 on the thirteenth
    ("blind16", 0.78),  # 0.747 with the extractor of the start of the day it was written, 0.751 at its end (blind; blind12's brief);
                        # read for error classes from the thirteenth day: 0.798 at its end
    ("blind17", 0.77),  # 0.766 with the extractor of the start of the day it was written (blind; blind12's brief); 0.801 on the fourteenth;
                        # read for error classes from the fifteenth day
    ("blind18", 0.78),  # 0.788 with the extractor of the start of the day it was written (blind; blind12's brief); 0.803 on the fourteenth;
                        # read for error classes from the nineteenth day
    ("blind19", 0.73),  # 0.759 with the extractor of the start of the day it was written (blind; blind12's brief)
    ("blind20", 0.72),  # 0.734 with the extractor of the start of the day it was written (blind; blind12's brief); 0.748 on the fourteenth
    ("blind21", 0.73),  # 0.739 with the extractor of the start of the day it was written (blind; blind12's brief); 0.752 on the fifteenth
    ("blind22", 0.71),  # 0.737 with the extractor of the end of the day it was written (blind; blind12's brief); 0.742 on the eighteenth;
                        # read for error classes from the nineteenth day
    ("blind23", 0.66),  # 0.686 with the extractor of the start of the day it was written (blind; blind12's brief)
    ("blind24", 0.69),  # 0.713 with the extractor of the start of the day it was written (blind; blind12's brief)
    ("blind25", 0.72),  # 0.747 with the extractor of the start of the day it was written (blind; blind12's brief)
    ("dev2", 0.90),     # 0.472 when written (0.656 without its two many-party texts); 0.900 once developed on, 0.917 a day later
])
def test_invented_set(name: str, floor: float, tmp_path):
    folder = INVENTED / name
    fields = scored(sorted((folder / "texts").glob("*.txt")), folder / "gold", tmp_path)
    assert fields["overall"]["f1"] >= floor, fields["overall"]
