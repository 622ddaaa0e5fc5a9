"""``bench/name_swap.py`` gives the organisations of a set invented names of the same shape, in the
text and in the gold alike, and leaves state bodies, places and the gold's structure as they are."""

from __future__ import annotations

import json
import re

import pytest

from bench import check_gold, name_swap
from tests.extract.conftest import REPO

SET = REPO / "tests" / "data" / "name_swap"
SWAPPED = {"Norvalia", "Thessen", "Veltrup", "VHG", "Corvane", "Talbrek", "TBR", "Korvenbank"}
KEPT = {"Bundeswirtschaftsministerium", "Niedersachsen", "Ministry of Energy", "Energie AG", "Gas GmbH",
        "Holding", "Power Ltd", "Resources PJSC", "Abu Dhabi", "Hamburg", "Förderbank"}


def swap(tmp_path, seed: int = 1, persons: bool = False) -> dict[str, tuple[str, dict]]:
    out = tmp_path / f"seed{seed}{'p' if persons else ''}"
    argv = [str(SET), "--out", str(out), "--seed", str(seed)] + (["--persons"] if persons else [])
    assert name_swap.main(argv) == 0
    return {p.stem: ((out / "name_swap" / "texts" / f"{p.stem}.txt").read_text(encoding="utf-8"),
                     json.loads(p.read_text(encoding="utf-8")))
            for p in sorted((out / "name_swap" / "gold").glob("*.json"))}


@pytest.fixture(scope="module")
def swapped(tmp_path_factory):
    return swap(tmp_path_factory.mktemp("swap"))


def shape(value, key: str | None = None):
    """The gold's structure: keys (but the names of the ``aliases`` table), list lengths and types,
    without the strings."""
    if isinstance(value, dict) and key == "aliases":
        return [shape(v) for v in value.values()]
    if isinstance(value, dict):
        return {k: shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value]
    return type(value).__name__


def gold_names(gold: dict) -> set[str]:
    names = {p for a in gold["agreements"] for p in a["parties"]}
    names |= {s["on_behalf_of"] for a in gold["agreements"] for s in a["signatories"]}
    names |= {x for c in gold["cooperations"] for x in c[:2]}
    return names | {n for o in gold["organizations"] for n in [o["name"], *o["aliases"]]}


def test_the_swapped_texts_write_no_old_name(swapped):
    for text, _ in swapped.values():
        body = text.partition("\n\n")[2]
        assert not {w for w in SWAPPED if re.search(rf"\b{w}", body)}


def test_state_bodies_places_legal_forms_and_heads_stay(swapped):
    bodies = " ".join(text for text, _ in swapped.values())
    assert all(word in bodies for word in KEPT)
    assert "Bundeswirtschaftsministerium" in {o["name"] for o in swapped["01_liefervertrag"][1]["organizations"]}


def test_the_header_title_is_swapped_and_the_rest_of_the_header_kept(swapped):
    for doc, (text, _) in swapped.items():
        original = (SET / "texts" / f"{doc}.txt").read_text(encoding="utf-8").partition("\n\n")[0].splitlines()
        header = text.partition("\n\n")[0].splitlines()
        assert header[1:] == original[1:] and header[0] != original[0]
        assert not {w for w in SWAPPED if re.search(rf"\b{w}", header[0])}


def test_a_compound_keeps_its_head_and_a_descriptor_stays(swapped):
    text, gold = swapped["01_liefervertrag"]
    new = gold["organizations"][-1]["name"]
    assert new.endswith("bank") and new != "Korvenbank" and f"von der {new};" in text
    assert "die Förderbank des Landes" in text


def test_a_genitive_keeps_its_ending_and_an_acronym_its_length(swapped):
    text, gold = swapped["01_liefervertrag"]
    new = gold["organizations"][0]["aliases"][0]            # Norvalia's new name
    assert f"Angaben {new}s " in text
    acronym = gold["organizations"][3]["aliases"][0]       # VHG's new acronym
    assert len(acronym) == 3 and acronym.isupper() and text.count(acronym) == 2
    assert gold["organizations"][3]["name"].endswith(" Holding")


def test_the_gold_names_occur_in_the_new_text(swapped):
    for text, gold in swapped.values():
        assert all(name in text for name in gold_names(gold) if name != "Niedersachsen" or "Land Niedersachsen" in text)


def test_the_gold_structure_is_unchanged(swapped):
    for doc, (_, gold) in swapped.items():
        original = json.loads((SET / "gold" / f"{doc}.json").read_text(encoding="utf-8"))
        assert shape(gold) == shape(original)
        assert [a["topics"] for a in gold["agreements"]] == [a["topics"] for a in original["agreements"]]


def test_the_same_seed_gives_the_same_output_and_another_seed_other_names(tmp_path, swapped):
    assert swap(tmp_path, 1) == swapped
    assert swap(tmp_path, 2) != swapped


def test_check_gold_finds_no_problem_in_the_swapped_gold(tmp_path):
    swap(tmp_path, 3, persons=True)
    folder = tmp_path / "seed3p" / "name_swap"
    topics = check_gold.topic_labels()
    for gold in sorted((folder / "gold").glob("*.json")):
        assert check_gold.check_document(folder / "texts" / f"{gold.stem}.txt", gold, topics) == []


def test_persons_keep_their_given_name_only_on_request(tmp_path, swapped):
    assert {p["name"] for _, g in swapped.values() for p in g["persons"]} == {
        "Jonas Brettmann", "Maren Olbrich", "Laila Norstrand", "Omar Vessant"}
    names = [p["name"] for _, g in swap(tmp_path, 1, persons=True).values() for p in g["persons"]]
    assert [n.split()[0] for n in names] == ["Jonas", "Maren", "Laila", "Omar"]
    assert not {"Brettmann", "Olbrich", "Norstrand", "Vessant"} & {n.split()[-1] for n in names}


def test_only_counts_are_printed(tmp_path, capsys):
    swap(tmp_path, 1)
    out = capsys.readouterr().out.splitlines()
    assert out == ["organisations swapped: 6", "skipped: common noun phrase: 2",
                   "skipped: name of a country, region or place: 1", "texts: 2"]


def test_score_sums_the_scorer_over_the_pairs(tmp_path, capsys):
    swap(tmp_path, 1)
    folder = tmp_path / "seed1" / "name_swap"
    capsys.readouterr()
    assert name_swap.main(["--score", str(folder), str(folder / "gold")]) == 0   # the gold as prediction
    overall = [line.split() for line in capsys.readouterr().out.splitlines() if line.startswith("overall")][0]
    assert overall[1:4] == ["1.000", "1.000", "1.000"] and overall[5:] == ["0", "0"]
