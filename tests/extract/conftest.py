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
