from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def gaz():
    from kg.extract.gazetteer import load_gazetteer

    return load_gazetteer()


def seed_documents() -> list[Path]:
    """The three seed documents: from seeds/documents/, else the shared copy next to the repo."""
    local = sorted(p for p in (REPO / "seeds" / "documents").glob("*.txt"))
    if local:
        return local
    return sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []


def fit_data(name: str) -> Path:
    """The invented texts and gold of a ``bench/fit_*.py`` test (``tests/data/extract/NAME``)."""
    return REPO / "tests" / "data" / "extract" / name


@pytest.fixture(scope="session")
def scorer():
    """The shared scorer (``../shared/tools/score_extraction.py``) loaded as the fit scripts load
    it; the test is skipped where the shared folder does not have it."""
    from bench.fit_grouping import load_scorer
    from tests.extract.test_corpora import SCORER

    if not SCORER.exists():
        pytest.skip("shared scorer not present")
    return load_scorer(SCORER)
