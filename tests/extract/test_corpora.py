"""The extractor against the gold of the three seed documents, and the shared dev corpus."""

from __future__ import annotations

import json
import subprocess
import sys
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
    assert result["overall"]["f1"] >= 0.92, result  # 0.931 when written; the issue asks 0.9


@pytest.mark.skipif(not (SHARED / "corpus" / "dev" / "gold").is_dir(), reason="shared dev corpus not present")
def test_dev_corpus_scores():
    dev = SHARED / "corpus" / "dev"
    pairs = _pairs(sorted((dev / "texts").glob("*.txt")), dev / "gold")
    result = score(pairs)
    assert result["overall"]["f1"] >= 0.85, result
    assert result["parties"]["f1"] >= 0.85, result
    assert result["signatories"]["f1"] >= 0.8, result
    assert result["overall"]["f1"] >= 0.93, result  # regression guard: 0.953 when written


SCORER = SHARED / "tools" / "score_extraction.py"


@pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not present")
def test_dev_corpus_with_the_official_scorer(tmp_path):
    """The issue's acceptance, measured the way it is defined: the shared scorer's table."""
    dev = SHARED / "corpus" / "dev"
    for path in sorted((dev / "texts").glob("*.txt")):
        (tmp_path / f"{path.stem}.json").write_text(json.dumps(extract_file(path).to_json()),
                                                   encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCORER), str(dev / "gold"), str(tmp_path), "--json"],
                         capture_output=True, text=True, check=True).stdout
    fields = json.loads(out)["fields"]
    assert fields["overall"]["f1"] >= 0.85, fields
    assert fields["parties"]["f1"] >= 0.85, fields
    assert fields["signatories"]["f1"] >= 0.8, fields
    assert fields["agreements"]["f1"] >= 0.85, fields
