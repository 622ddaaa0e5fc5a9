"""The extractor against the gold of the three seed documents, and the shared dev corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.pipeline import extract_file
from tests.extract.conftest import REPO, SHARED, seed_documents
from tests.extract.scoring import score

GOLD = REPO / "tests" / "data" / "gold"


def _pairs(docs: list[Path], gold_dir: Path) -> list[tuple[dict, dict]]:
    pairs = []
    for path in docs:
        gold_path = gold_dir / f"{path.stem}.json"
        if gold_path.exists():
            pairs.append((json.loads(gold_path.read_text(encoding="utf-8")), extract_file(path).to_json()))
    return pairs


@pytest.mark.skipif(not seed_documents(), reason="seed documents not available")
def test_seed_documents_against_gold():
    docs = seed_documents()
    pairs = _pairs(docs, GOLD)
    assert len(pairs) == 3
    result = score(pairs)
    assert result["overall"]["f1"] >= 0.9, result


@pytest.mark.skipif(not (SHARED / "corpus" / "dev" / "gold").is_dir(), reason="shared dev corpus not present")
def test_dev_corpus_scores():
    dev = SHARED / "corpus" / "dev"
    pairs = _pairs(sorted((dev / "texts").glob("*.txt")), dev / "gold")
    result = score(pairs)
    assert result["overall"]["f1"] >= 0.85, result
    assert result["parties"]["f1"] >= 0.85, result
    assert result["signatories"]["f1"] >= 0.8, result
