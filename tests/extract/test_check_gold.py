"""``bench/check_gold.py`` finds what a writer of a new test set gets wrong by hand, and every
committed set's gold passes it."""

from __future__ import annotations

import doctest

import pytest

from bench import check_gold
from tests.extract.conftest import REPO, SHARED

SETS = REPO / "tests" / "data" / "extract"
# Sets that stay unread (blind gauges and end-only sets): their problems are counted, never printed.
UNREAD = {"blind19", "blind20", "blind21", "blind23", "blind24", "blind25"}
ANNOTATED = sorted(p.parent.name for p in SETS.glob("*/gold") if p.parent.name.startswith(("blind", "dev2", "heldout")))


@pytest.fixture(scope="module")
def topics():
    return check_gold.topic_labels()


def test_the_topic_labels_are_the_annotation_level_topics(topics):
    assert {"hydrogen", "LNG", "natural gas", "critical minerals", "other"} <= topics
    assert "green hydrogen" not in topics   # a subtopic's label, reported as its broader topic


def test_a_clean_gold_file_has_no_problem(topics):
    folder = REPO / "tests" / "data" / "check_gold"
    assert check_gold.check_document(folder / "texts" / "01_good.txt", folder / "gold" / "01_good.json", topics) == []


@pytest.mark.parametrize("problem", [
    "a1: kind 'letter_of_intent'",
    "a1: signed on 2024-06-03, after publication 2024-05-10",
    "a1: topic 'green hydrogen'",
    "a1: 'Ilka Vesterholm' acts for 'Nordländische Energieagentur', no party",
    "a1: signatory 'Jonas Feldquist' not in the text",
])
def test_a_faulty_gold_file_is_told_what_is_wrong(topics, problem):
    folder = REPO / "tests" / "data" / "check_gold"
    assert problem in check_gold.check_document(folder / "texts" / "02_bad.txt", folder / "gold" / "02_bad.json", topics)


def test_main_exits_1_on_a_problem_and_counts_only_on_request(capsys):
    assert check_gold.main([str(REPO / "tests" / "data" / "check_gold"), "--counts"]) == 1
    assert capsys.readouterr().out.strip() == "check_gold: 5 problems in 2 gold files"


def test_the_examples_of_its_docstrings_hold():
    assert doctest.testmod(check_gold).failed == 0


@pytest.mark.parametrize("name", ANNOTATED)
def test_every_committed_set_passes(topics, name):
    problems = check_gold.check_set(SETS / name, topics)
    assert not problems, (f"{len(problems)} problems (run bench/check_gold.py --counts on it)"
                          if name in UNREAD else "\n".join(problems))


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").exists(), reason="shared corpus not present")
@pytest.mark.parametrize("corpus", ["dev", "check"])
def test_the_shared_corpora_pass(topics, corpus):
    problems = check_gold.check_set(SHARED / "corpus" / corpus, topics)
    assert not problems, f"{len(problems)} problems" if corpus == "check" else "\n".join(problems)
