"""Speed-ups that must not change a single result: each fast path against the slow original."""

from __future__ import annotations

import random
import re

import pytest

# invented words: known and unknown, compounds, inflections, names, numbers, odd tokens
WORDS_DE = ["Abkommen", "unterzeichneten", "Wasserstoffpartnerschaft", "Solarparkbetreiberin",
            "grenzüberschreitenden", "Zusammenarbeit", "Kernbrennstoffkreislaufs", "Musterhausen",
            "deutsch-peruanischen", "Windkraftausbauziele", "vereinbart", "ab", "Bundesministerin",
            "Energieträgern", "zusammenzuarbeiten", "2031", "7.500", "CO₂", "H2-Ready", "Xylophonia",
            "Übertragungsnetzbetreibers", "klimaneutrale", "Offshore-Windpark", "Rohstoffpartnerschaften",
            "a", "zu", "Meeresbodenkabelverbindung", "unterschriebenen", "Vorhabens", "bzw."]
WORDS_EN = ["agreement", "signed", "memoranda", "interconnectors", "decarbonisation", "Musterland",
            "ministers", "hydrogen-ready", "understanding", "co-operation", "Zorblax", "2029", "1,250",
            "offshore", "renewables", "battery-storage", "gigawatts", "re-signed", "U.S.", "x",
            "electrolysers", "counterpart", "bilateral", "Petrovaria", "witnessed", "it's", "pipeline's"]


def _words(base: list[str]) -> list[str]:
    rnd = random.Random(7)
    out = [w.lower() for w in base]
    letters = "abcdefghijklmnopqrstuvwxyzäöüß-"
    out += ["".join(rnd.choice(letters) for _ in range(rnd.randint(1, 18))) for _ in range(60)]
    return out + [""]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_fast_morpheme_search_equals_hanta(lang):
    """kg.extract.morphology gives HanTa's analyses number for number, in the same order."""
    from HanTa import HanoverTagger

    from kg.extract.linguistic import MODELS
    from kg.extract.morphology import FastSearch

    model = HanoverTagger.HanoverTagger(MODELS[lang])   # a model without the fast searches
    fast = FastSearch(model)
    targets = sorted(t for t in model.int2tag if t < 0 and t != -3)
    rnd = random.Random(3)
    for word in _words(WORDS_DE if lang == "de" else WORDS_EN):
        forward = model.analyze_forward(word)
        assert fast.analyze_forward(word) == forward, word
        tags = [-t for t, _ in forward if t > 3] + rnd.sample(targets, 3)
        for target in tags:
            assert fast.analyze_viterbi(word, target) == model.analyze_viterbi(word, target), (word, target)


def test_tagger_memos_are_dropped_by_forget():
    from kg.extract.linguistic import tagger

    tg = tagger("de")
    tg.tags(["Die", "Zorblaxe", "unterzeichneten"])
    tg.lemma("Zorblaxe", "NN")
    assert tg._searches.forward and tg._candidates
    tg.forget()
    assert not tg._searches.forward and not tg._searches.viterbi and not tg._candidates
    assert not tg._searches.fast._guesses


def test_month_trie_matches_like_the_plain_alternation():
    """The trie regex of kg.extract.dates prefers the longest key, like "|".join(longest first)."""
    from kg.extract.dates import MONTHS, WEEKDAYS, _alternation

    for keys in (MONTHS, WEEKDAYS, ["a", "ab", "abc", "b", "ba"]):
        plain = re.compile("|".join(sorted((re.escape(k) for k in keys), key=len, reverse=True)), re.I)
        trie = re.compile(_alternation(keys), re.I)
        text = " ".join(k + sfx for k in keys for sfx in ("", "s", ".", "x", " ")) + " Jan JANUARY Mä"
        text += " " + " ".join(k.upper() for k in keys) + " " + "".join(keys)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_guard_keeps_the_matches():
    """A look-ahead for the first letters or digits (kg.extract.dates._guard) changes no match,
    also for letters that match others only ignoring case (Kelvin sign, long s, dotted capital I)
    and for digits of other scripts."""
    from kg.extract.dates import _guard

    groups = [r"(anfang|ende|mitte|early|late|mid-?)", r"(?:im|in|des|der|in\s+der|in\s+the|the)",
              r"(?P<w>this|diese[mns]|n(?:ä|ae)chste[mns]?)", r"(?:x?y|z)+", r"(?:\d+|[a-c]x)",
              r"(?<![\d.])(\d{1,2})\.(\d{1,2})", r"(?:vor\s+|(?P<n>\d{1,3}|one|ein)\s+)"]
    text = ("Ende Mai, in der Woche, the end, IN THE year, diesem Jahr, nächsten, naechste, Mid-May, "
            "xy zz yz 12ax early late LATE \u212aey \u017fee \u0130n \u0130M thIS 1.2 12.05. 3.4.5 "
            "\u0663.\u0664 \uff15.6 vor 3 Jahren, one year, ein Jahr, 120 days")
    for group in groups:
        for tail in ("", r"\s+\w+"):
            plain = re.compile(rf"\b(?:{group}){tail}", re.I)
            guarded = re.compile(rf"\b(?:{_guard(group)}){tail}", re.I)
            assert [(m.span(), m.groups()) for m in guarded.finditer(text)] == \
                [(m.span(), m.groups()) for m in plain.finditer(text)]
    assert _guard(r"(?:a|\w)") == r"(?:a|\w)" and _guard(r"a?") == "a?"   # no guard when unsure
    assert _guard(r"(?i)abc") == r"(?i)abc"
    assert _guard(r"\d+x") == r"(?=[\d])\d+x"


class _StubModel:
    """Just what known_lemmas reads of a HanTa model."""

    def __init__(self):
        self.cache = {"vertrag": [(11, -1.0), (12, -9.0)], "und": [(13, -0.5)]}
        self.int2tag = {11: "NN", 12: "VVFIN", 13: "KON"}
        self.calls = []

    def _analyze(self, word, tag, taglevel=1):
        self.calls.append((word, tag))
        return word.capitalize(), self.int2tag[tag]


def test_known_lemmas_built_once_and_kept_in_the_cache_dir(tmp_path, monkeypatch):
    from kg.extract import morphology

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(morphology, "LEMMA_TABLE_VERSION", "test")
    coarse = {"NN": "NOUN", "VVFIN": "VERB", "KON": "CCONJ"}
    model = _StubModel()
    table = morphology.known_lemmas(model, "de", {"NOUN", "VERB"}, lambda tag, lang: coarse[tag])
    assert table == {("vertrag", 11): ("Vertrag", "NN"), ("vertrag", 12): ("Vertrag", "VVFIN")}
    assert len(list((tmp_path / "energy-kg").glob("lemmas-de-*-vtest.pickle"))) == 1
    again = _StubModel()
    assert morphology.known_lemmas(again, "de", {"NOUN", "VERB"}, lambda tag, lang: coarse[tag]) == table
    assert again.calls == []                      # read from the cache, not analysed again
    for p in (tmp_path / "energy-kg").glob("lemmas-*"):
        p.write_bytes(b"not a pickle")            # a broken file: built again
    assert morphology.known_lemmas(_StubModel(), "de", {"NOUN", "VERB"}, lambda tag, lang: coarse[tag]) == table


@pytest.mark.parametrize("lang", ["de", "en"])
def test_known_lemmas_are_hantas(lang):
    """The lemma of a known word, looked up, is the one HanTa's search gives."""
    from HanTa import HanoverTagger

    from kg.extract.linguistic import MODELS, tagger

    plain = HanoverTagger.HanoverTagger(MODELS[lang])
    table = tagger(lang).known_lemmas
    if not table:
        pytest.skip("no cache directory here, so no table")
    for (word, tag), value in list(table.items())[::max(1, len(table) // 300)]:
        assert plain._analyze(word, tag, 1) == value, (word, tag)


def test_no_known_lemmas_without_a_cache_dir(tmp_path, monkeypatch):
    from kg.extract import morphology

    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    model = _StubModel()
    assert morphology.known_lemmas(model, "de", {"NOUN"}, lambda tag, lang: "NOUN") == {}
    assert model.calls == []                      # not built for one process


def test_fold_with_offsets_is_per_character_folding():
    from kg.extract.tokens import fold
    from kg.extract.topics import _fold_with_offsets

    rnd = random.Random(11)
    alphabet = "abcÄÖÜäöüßéèﬁ½\u0301 \n’'-–AZ1😀İ"
    texts = ["", "Straße", "Maßnahmen für Wärme", "ﬁnal café\u0301"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(300)]
    for text in texts:
        folded = [fold(c) for c in text]
        where = [i for i, f in enumerate(folded) for _ in f]
        assert _fold_with_offsets(text) == ("".join(folded), where), text


def test_month_matches_are_finditers():
    """kg.extract.dates._month_matches finds what finditer finds with the patterns of
    _FROM_MONTHS ("m", "my", "mdy", "range_mdy"; start moved back over the words before a month,
    odd letters and spaces included; month names written out or abbreviated)."""
    from kg.extract.dates import _FROM_MONTHS, _WIDE, MONTHS, PATTERNS, _month_matches

    rnd = random.Random(5)
    vocab = ["in", "im", "seit", "since", "bis", "by", "ab", "from", "during", "Ende", "ende", "Wende", "Anfang",
             "mitte", "early", "late", "the", "end", "of", "beginning", "middle", "mid", "mid-", "Pyramid-", "this",
             "last", "next", "kommenden", "nächsten", "naechste", "diesem", "\u212aommenden", "\u017fince", "\u0130n",
             "IN", "THE END OF", ",", ".", "2021", "x", "-", " ", "\n", "\u00a0", "\u2003", "Mai-", "-Mai", "Mayday",
             "Maier", "Oktoberfest", "JULY", "Maerz"] + sorted(_WIDE)
    # the day and year after a month ("my", "mdy", "range_mdy"), abbreviations, a dash, digits glued on
    more = ["5", "12", "31", "1st", "3rd", "2019", "1999", "20211", "–", "to", "and", "Jan", "Jan.", "Sept.", "SEP",
            "Dec", "Mär", "okt.", "Junio", "x5", "5x", "_", "2021."] + sorted(MONTHS)
    texts = ["", "Ende Mai 2021 und im kommenden Juni", "signed in mid-May, late June and the end of July",
             "May 5-7, 2021, Jan. 3 to 4 and Sept 2019", "Anfang März 2019, mid-Dec. 2020"]
    for words in (vocab, vocab + more):
        for _ in range(1500):
            texts.append("".join(rnd.choice(words) + rnd.choice(["", " ", "  ", "-", ",", "\n", ". "])
                                 for _ in range(rnd.randint(0, 25))))
    for name in _FROM_MONTHS:
        rx = dict(PATTERNS)[name]
        for text in texts:
            assert [(m.span(), m.groups()) for m in _month_matches(rx, text)] == \
                [(m.span(), m.groups()) for m in rx.finditer(text)], (name, text)


def test_run_matches_are_finditers():
    """kg.extract.dates._scan searches the patterns of _IN_RUNS only in the runs of letters and
    spaces around their words: the same matches as finditer over the whole text (words in any
    case, odd letters and spaces, digits and underscores next to them, runs at either end)."""
    from kg.extract.dates import _CASE_TWINS, _IN_RUNS, PATTERNS, WEEKDAYS, _run_matches

    patterns = dict(PATTERNS)
    rnd = random.Random(7)
    vocab = ["in", "im", "am", "the", "this", "last", "next", "following", "same", "that", "of", "a", "one", "ein",
             "vor", "über", "genau", "zwei", "two", "3", "10", "later", "später", "spaeter", "darauf", "tags",
             "earlier", "Ende", "des", "der", "zu", "zum", "at", "back", "then", "damals", "seinerzeit", "diesem",
             "Zeitpunkt", "Jahr", "Jahres", "jahren", "Vorjahres", "year", "years", "ago", "week", "weeks", "Woche",
             "Wochen", "Wochenende", "weekend", "month", "Monat", "Monats", "day", "Tag", "Folgejahr", "nächsten",
             "heute", "today", "gestern", "yesterday", "Vortag", "zuvor", "before", "previous", "selben", "desselben",
             "kommenden", "Mai", "May", "October", "Oktober", "vergangenen", "letzten", "abend", "HEUTE", "YEAR",
             "time", "mid", ",", ".", "-", "_", "2021", "\u00a0", "\n"] + sorted(WEEKDAYS)
    texts = ["", "heute", "vor 5 Jahren", "3 years ago", "am Montag vergangener Woche", "in the same month-long",
             "at the time of", "im Oktober des kommenden Jahres", "heute2", "_gestern"]
    for _ in range(3000):
        texts.append("".join(rnd.choice(vocab) + rnd.choice(["", " ", "  ", "-", ",", "\n", "."])
                             for _ in range(rnd.randint(0, 25))))
    for text in texts:
        low = text.lower()
        assert len(low) == len(text) and not any(c in low for c in _CASE_TWINS)
        for name, (digits, words) in _IN_RUNS.items():
            rx = patterns[name]
            assert [(m.span(), m.groups()) for m in _run_matches(rx, text, low, digits, words)] == \
                [(m.span(), m.groups()) for m in rx.finditer(text)], (name, text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_tagger_scores_are_python_floats(lang):
    """The word scores the tagger's Viterbi adds up are Python floats, also for unknown words
    (numpy's scalars are the same numbers but make every sum several times slower)."""
    from kg.extract.linguistic import tagger

    tg = tagger(lang)
    words = ["Zorblaxe", "Wasserstoffpartnerschaftsbüro", "unterzeichneten"] if lang == "de" \
        else ["Zorblax", "interconnectorising", "signed"]
    tg.tags(words)
    for k, w in enumerate(words):
        cands, _ = tg._candidates[(w, k > 0)]
        assert cands and all(type(score) is float for _, score in cands), w
    assert all(type(score) is float for tags in list(tg.model.cache.values())[:5000] for _, score in tags)


def test_name_tok_cheap_test_rejects_only_non_names():
    """Linker.name_tok rejects a token that begins with no capital and no name particle before
    asking anything else: it takes no other, since every other name pattern begins with a capital."""
    from kg.extract import linking, mentions

    for c in map(chr, range(0x3000)):
        for text in (c, c + "x", c + ".", c + "`x", c + "abcDx", c + "abCD"):
            if mentions._NAMEISH.match(text) or linking._NAME_WITH_BACKTICK.match(text) \
                    or linking._COMPANY_CAMEL.match(text):
                assert c.isupper(), text


def _date_texts(seed: int, vocab: list[str], count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(vocab) + rnd.choice(["", " ", "  ", "-", ",", "\n", ".", "/"])
                    for _ in range(rnd.randint(0, 20))) for _ in range(count)]


def test_digit_matches_are_finditers():
    """kg.extract.dates._scan tries the patterns of _FROM_DIGITS only where a run of digits
    begins: the same matches as finditer over the whole text (digits glued to letters, stops,
    slashes and dashes, other scripts' digits, runs at either end)."""
    from kg.extract.dates import _DIGIT_RUN, _FROM_DIGITS, PATTERNS, _matches_at

    vocab = ["5", "12", "31", "1st", "3rd", "7th", "2019", "1999", "20211", "0", "12.05.2019", "5.6.", "2024-05-12",
             "14/5/2024", "5/14/24", "x5", "5x", "A320", "Mai", "May", "März", "of", "to", "bis", "und", "and", "–",
             "\u0663", "\u0665\u0666", "_", "1.000", "3,5"]
    texts = ["", "Am 12.05.2019 und am 5. Mai 2020", "May 5-7, 2021", "2019-05-12T10:00", "1/2/2023/4"]
    texts += _date_texts(3, vocab, 4000)
    patterns = dict(PATTERNS)
    for text in texts:
        starts = [m.start() for m in _DIGIT_RUN.finditer(text)]
        for name in _FROM_DIGITS:
            rx = patterns[name]
            assert [(m.span(), m.groups()) for m in _matches_at(rx, text, starts)] == \
                [(m.span(), m.groups()) for m in rx.finditer(text)], (name, text)


def test_month_starts_are_the_lookaheads():
    """kg.extract.dates._month_starts finds where _MONTH_AT holds from the first three letters of
    the month names: the same places (any case, inside words, odd letters that ignoring case
    read as ASCII ones, which make the whole text be tried)."""
    from kg.extract.dates import _MONTH_AT, MONTHS, _lower, _month_starts

    vocab = ["Mai", "MAI", "mai", "Main", "Marokko", "market", "März", "MÄRZ", "maerz", "Jänner", "jän", "Sept.",
             "sep", "Dez", "dEz", "decade", "Oktober", "okt", "innovation", "x", "a", "ß", "\u017f", "\u0131",
             "\u0130", "\u212a", "2020", "5."] + sorted(MONTHS)
    for text in ["", "Ende Mai 2021", "Mayor May"] + _date_texts(9, vocab, 4000):
        assert _month_starts(text, _lower(text)) == [m.start() for m in _MONTH_AT.finditer(text)], text


def test_season_runs_are_finditers():
    """kg.extract.dates.find_dates searches its season pattern only in the runs of letters and
    spaces round a season word: the same matches as finditer (a year, "of", "des" or a hyphen
    after the season; "this"/"im" words before it; any case)."""
    from kg.extract.dates import _lower, _run_matches, _season_pattern, _season_words

    seasons = {"Frühjahr": 3, "Frühling": 3, "Sommer": 6, "Herbst": 9, "spring": 3, "summer": 6, "autumn": 9,
               "fall": 9}
    rx, words = _season_pattern(seasons), _season_words(seasons)
    assert words is not None and _season_words({"Spät-Sommer": 7}) is None
    vocab = ["im", "IM", "in", "the", "during", "over", "this", "last", "letzten", "nächsten", "naechsten",
             "vergangenen", "Herbst", "HERBST", "herbst", "Frühjahr", "FRÜHJAHR", "Frühling", "fall", "Fall",
             "falls", "autumn", "summer", "Sommer", "spring", "of", "des", "2021", "x", "_", "\u212a"]
    for text in ["", "im Herbst 2021", "in the autumn of 2021", "last summer", "im Frühjahr-Programm"] + \
            _date_texts(4, vocab, 4000):
        low = _lower(text)
        if low is None:
            continue
        assert [(m.span(), m.groups()) for m in _run_matches(rx, text, low, False, words)] == \
            [(m.span(), m.groups()) for m in rx.finditer(text)], text


def test_person_index_groups_keep_the_first_fuzzy_match():
    """kg.extract.linking's misspelt-person test looks only at the gazetteer persons of a name's
    shape (kg.extract.linking.entities.person_index): the same first match as the walk over every
    person with the tests it made (as many spaces, the same first letter of the last word)."""
    from rapidfuzz import fuzz

    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.linking.entities import person_index, person_shape

    gaz = load_gazetteer()
    groups = person_index(gaz)
    # every person as the index listed them before it was grouped
    every = [(" ".join(words), iri) for words, entries in gaz.phrases.items() if len(words) >= 2
             for iri, _, _ in entries if iri in gaz.entities and gaz.entities[iri].kind == "person"]
    assert sorted(every) == sorted(pair for group in groups.values() for pair in group)
    rnd = random.Random(2)
    names = [label for label, _ in every]
    for label in list(names):   # one letter changed, dropped or added; two names joined
        k = rnd.randrange(len(label))
        names += [label[:k] + "x" + label[k + 1:], label[:k] + label[k + 1:], label[:k] + "e" + label[k:]]
    names += [names[k] + " " + names[-k] for k in range(1, 20)] + ["a b", "x y z"]
    for folded in names:
        spaces = folded.count(" ")
        walked = next((iri for label, iri in every if label.count(" ") == spaces and fuzz.ratio(label, folded) >= 90
                       and label.split()[-1][:1] == folded.split()[-1][:1]), None)
        grouped = next((iri for label, iri in groups.get(person_shape(folded), ()) if fuzz.ratio(label, folded) >= 90),
                       None)
        assert grouped == walked, folded


def test_org_keys_near_keep_the_best_fuzzy_match():
    """kg.extract.linking's fuzzy organisation test gives rapidfuzz only the long keys of a length
    that can reach its ratio (kg.extract.linking.entities.org_keys_near): the same best match as
    over every long key (keys with letters changed, dropped, added, cut short or run on)."""
    from rapidfuzz import fuzz, process

    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.linking.entities import org_index, org_keys_near

    gaz = load_gazetteer()
    long_keys = org_index(gaz)[2]
    rnd = random.Random(4)
    queries = []
    for other in long_keys:
        k = rnd.randrange(len(other))
        queries += [other, other[:k] + "x" + other[k + 1:], other[:k] + other[k + 1:], other[:k] + "ae" + other[k:],
                    other[:-3], other + "gmbh", other[::-1]]
    for query in queries:
        if len(query) < 12:
            continue
        whole = process.extractOne(query, long_keys, scorer=fuzz.ratio, score_cutoff=92)
        positions, near = org_keys_near(gaz, len(query))
        hit = process.extractOne(query, near, scorer=fuzz.ratio, score_cutoff=92) if near else None
        assert (whole is None) == (hit is None), query
        if whole is not None:
            assert (whole[0], whole[1], whole[2]) == (hit[0], hit[1], positions[hit[2]]), query


@pytest.mark.parametrize("lang", ["de", "en"])
def test_name_analyses_are_the_searches(lang):
    """The kept forward searches of the gazetteer's words are HanTa's own (number for number),
    a word the tagger finds there is not searched again, and forget() keeps the table."""
    from HanTa import HanoverTagger

    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.linguistic import MODELS, tagger

    gaz = load_gazetteer()
    tg = tagger(lang)
    tg.learn_names(gaz)
    table = tg._searches.named
    if not table:
        pytest.skip("no cache directory here, so no table")
    plain = HanoverTagger.HanoverTagger(MODELS[lang])   # a model without the fast searches
    for word, value in list(table.items())[::max(1, len(table) // 200)]:
        assert tuple(plain.analyze_forward(word)) == value, word
        assert word not in plain.cache
    word = next(iter(table))
    tg.forget()
    assert tg._searches.named is table
    assert tg.model.analyze_forward(word) is table[word] and word not in tg._searches.forward


def test_no_name_analyses_without_a_key_or_cache_dir(tmp_path, monkeypatch):
    from kg.extract import morphology
    from kg.extract.linguistic import tagger

    searches = tagger("de")._searches
    assert morphology.name_analyses(searches, "de", {"zorblax"}, "") == {}
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert morphology.name_analyses(searches, "de", {"zorblax"}, "some-key") == {}
