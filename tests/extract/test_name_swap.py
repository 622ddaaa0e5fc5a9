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


# --style common: real-looking names made of common words and place-like words

COMMON = SET / "common"


def swap_common(tmp_path, folder, seed: int = 1) -> dict[str, tuple[str, dict]]:
    out = tmp_path / f"common{seed}"
    assert name_swap.main([str(folder), "--out", str(out), "--seed", str(seed), "--style", "common"]) == 0
    gold_dir = out / folder.name / "gold"
    return {p.stem: ((out / folder.name / "texts" / f"{p.stem}.txt").read_text(encoding="utf-8"),
                     json.loads(p.read_text(encoding="utf-8"))) for p in sorted(gold_dir.glob("*.json"))}


@pytest.fixture(scope="module")
def common(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("common")
    return {**swap_common(tmp, SET), **swap_common(tmp, COMMON)}


def original(doc: str) -> tuple[str, dict]:
    folder = COMMON if (COMMON / "gold" / f"{doc}.json").exists() else SET
    return ((folder / "texts" / f"{doc}.txt").read_text(encoding="utf-8"),
            json.loads((folder / "gold" / f"{doc}.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def voc():
    from kg.extract.gazetteer import load_gazetteer

    return name_swap.vocabulary(load_gazetteer())


def new_words(common, voc) -> list[tuple[str, str, str]]:
    """(language of the name's new words, old word, new word) of every swapped organisation name,
    word by word."""
    pairs = []
    for doc, (_, gold) in common.items():
        for new, old in zip(gold["organizations"], original(doc)[1]["organizations"]):
            lang = name_swap.name_language([old["name"]], gold["language"], voc)
            pairs += [(lang, a, b) for a, b in zip(old["name"].split(), new["name"].split()) if a != b]
    return pairs


def test_common_style_writes_no_old_name_and_keeps_the_gold_structure(common):
    for doc, (text, gold) in common.items():
        assert not {w for w in SWAPPED | {"Lindholm", "Brakeler", "Vereinigte", "BNG"}
                    if re.search(rf"\b{w}", text.partition("\n\n")[2])}
        assert shape(gold) == shape(original(doc)[1])
        assert all(name in text for name in gold_names(gold) if name != "Niedersachsen")


def test_common_style_names_are_common_or_place_like_words_new_to_the_set(common, voc):
    from kg.extract.linguistic import lexicon_tags

    texts = " ".join(original(doc)[0] for doc in common).lower()
    pairs = new_words(common, voc)
    place_endings = tuple(voc.gaz.words("PlaceNameEnding")) + tuple(name_swap.EN_PLACE_ENDINGS)
    assert len(pairs) >= 8
    for lang, old, new in pairs:
        word = new.rstrip("s") if old.endswith("s") and not old.isupper() else new
        if old.isupper():        # an acronym: invented, of the same length
            assert new.isupper() and len(new) == len(old)
            continue
        if old.endswith("bank"):   # a compound keeps its head ('Korvenbank' -> 'Winkelbank')
            assert word.endswith("bank") and word != old
            word = word[:-4]
        assert word[:1].isupper() and word.isalpha()
        assert lexicon_tags(lang, word.lower()) or word.lower().endswith(place_endings), new
        assert not re.search(rf"\b{word.lower()}\b", texts), new


def test_common_style_a_german_adjective_gets_an_adjective_of_the_same_ending(common):
    from kg.extract.linguistic import lexicon_tags

    text, gold = common["01_speicher"]
    adjective, rest = gold["organizations"][0]["name"].split(" ", 1)
    assert adjective.endswith("e") and "ADJ(A)" in lexicon_tags("de", adjective.lower())
    assert rest.endswith(" Energie eG") and f"Die {adjective} " in text


@pytest.mark.parametrize("name, text_lang, expected", [
    ("Brennick Power Solutions GmbH", "de", "en"),   # English words kept in a German text
    ("Brennick Power Solutions GmbH", "en", "en"),
    ("Stadtwerke Ostrau", "en", "de"),               # a German word kept in an English text
    ("Stadtwerke Ostrau", "de", "de"),
    ("Vereinigte Lindholm Energie eG", "de", "de"),  # 'Energie' is German
    ("Korvenbank", "en", "en"),                      # nothing kept: the text's language
])
def test_a_name_draws_its_new_words_from_the_language_of_the_words_it_keeps(voc, name, text_lang, expected):
    assert name_swap.name_language([name], text_lang, voc) == expected


def test_common_style_an_english_company_name_in_a_german_text_gets_an_english_word(common, voc):
    from kg.extract.linguistic import lexicon_tags

    text, gold = common["02_waerme"]
    new = gold["organizations"][0]["name"].split()[0]
    assert gold["organizations"][0]["name"] == f"{new} Power Solutions GmbH" and f"Die {new} Power" in text
    assert lexicon_tags("en", new.lower()) or new.lower().endswith(tuple(name_swap.EN_PLACE_ENDINGS))


def test_common_style_the_same_word_gets_the_same_replacement_and_endings_stay(common):
    text, gold = common["01_speicher"]
    place = gold["organizations"][0]["name"].split()[1]               # Lindholm's replacement
    assert f"Angaben {place}s " in text and gold["aliases"]["{} Energie eG".format(
        gold["organizations"][0]["name"].rsplit(" Energie eG", 1)[0])] == [f"{place}s"]
    text, gold = common["02_offtake"]
    talbrek = gold["organizations"][1]["aliases"][1]
    assert gold["organizations"][1]["name"] == f"{talbrek} Resources PJSC"
    assert text.partition("\n\n")[2].count(f"{talbrek} ") == 3


def test_common_style_is_seeded_and_the_default_style_stays_coined(tmp_path, common, swapped):
    assert {**swap_common(tmp_path, SET), **swap_common(tmp_path, COMMON)} == common
    assert swap_common(tmp_path, SET, 2) != {d: common[d] for d in swapped}
    out = tmp_path / "coined"
    assert name_swap.main([str(SET), "--out", str(out), "--seed", "1", "--style", "coined"]) == 0
    assert (out / "name_swap" / "texts" / "01_liefervertrag.txt").read_text(encoding="utf-8") == swapped["01_liefervertrag"][0]


def test_check_gold_finds_no_problem_in_the_common_style_gold(tmp_path):
    topics = check_gold.topic_labels()
    for folder in (SET, COMMON):
        out = tmp_path / "c3"
        assert name_swap.main([str(folder), "--out", str(out), "--seed", "3", "--style", "common", "--persons"]) == 0
        for gold in sorted((out / folder.name / "gold").glob("*.json")):
            text = out / folder.name / "texts" / f"{gold.stem}.txt"
            assert check_gold.check_document(text, gold, topics) == []
