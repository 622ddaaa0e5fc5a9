"""``bench/bench_extract.py`` times the dev corpus and seeds, or the texts of the folders given."""

from __future__ import annotations

from bench import bench_extract
from tests.extract.conftest import REPO


def test_a_set_folder_is_timed_on_its_texts():
    folder = REPO / "tests" / "data" / "check_gold"
    paths = bench_extract.text_paths([folder])
    assert [p.name for p in paths] == ["01_good.txt", "02_bad.txt"]
    assert bench_extract.text_paths([folder / "texts"]) == paths


def test_each_document_keeps_its_language_and_date():
    docs = bench_extract.corpus(bench_extract.text_paths([REPO / "tests" / "data" / "check_gold"]))
    assert [(lang, published) for _, lang, published in docs] == [("de", "2024-05-10"), ("de", "2024-05-10")]
    assert "Ilka Vesterholm" in docs[0][0]
