"""A counterfactual copy of development sets whose organisations bear invented names ("name swap").

    python bench/name_swap.py SET_DIR [SET_DIR ...] --out OUT_DIR [--seed N] [--persons] [--style common]
    python bench/name_swap.py --score SET_DIR PRED_DIR [SET_DIR PRED_DIR ...]

Each SET_DIR holds ``texts/NN_name.txt`` and ``gold/NN_name.json``; the swapped copy of each set
is written to ``OUT_DIR/<set name>/texts`` and ``OUT_DIR/<set name>/gold`` (of the text's header,
only the ``# source:`` line, which gives the title, gets the same replacements as the body). Scoring the extractor on the copy (``bench/eval_extract.py OUT_DIR/<set name>``)
shows how it reads the same texts when their organisations are names it has never seen.

What is swapped, per text, for every gold organisation (its ``name``, its aliases, and the
spellings the gold's ``aliases`` table gives for it that are acronyms or share a distinctive word
with them), wherever the text writes it:

* every distinctive word of the name is replaced by an invented word built from syllables (seeded:
  the same seed gives the same output), the same word by the same invented word everywhere in the
  text, so 'Kappa' and 'Kappa Energy' stay one family. A word is not distinctive, and is kept, if
  it is a legal form ('AG', 'S.A.', 'PJSC'), an organisation head word ('Group', 'Agentur'), a word
  inside organisation names ('Energy', 'Power') or any other one-word label of the lexicon
  (``seeds/gazetteer/lexicon.ttl``), a combining form ('Indo'), a German compound of common
  words ending in an organisation head ('Staatsholding', 'Förderbank'; of 'Commerzbank' only the
  first part is swapped, the head kept), a country's, region's, place's or
  topic's name or adjective (also of several words: 'Abu Dhabi'), a word with a digit ('CO2',
  'H2', so also '50Hertz'), or a word written small that is short, a lexicon word or a common
  word ('of', 'für'; not 'bayernets', which becomes an invented word written small);
* an alias that shares a distinctive word with the name describes it: only those words and its
  acronyms change ('der Ludwigshafener BASF'); another alias changes but its common words
  ('Pemex'; not 'Stromerzeuger');
* an acronym (2-6 capitals, alone or inside a name: 'EDF', 'GNPC-Gambia') is replaced by an
  invented acronym of the same length;
* a genitive or plural ending after a swapped word keeps its ending ('Gazproms', "Eni's").

What is not swapped (counted by reason, and none of its words is replaced elsewhere in the text):

* an organisation one of whose names is also a country's, a region's, a place's or a person's;
* a body whose name is a common noun phrase: a state body's head word (an organisation head or
  ministry word of the lexicon that is no word for a company, or a German compound ending in one)
  and no distinctive word but common nouns and adjectives of a tagger's lexicon
  ('Bundeswirtschaftsministerium', 'the Ministry of Energy', 'European Commission' with its 'EU');
* a name with no distinctive word ('International Energy Agency', 'Korea Electric Power
  Corporation', 'General Electric': lexicon and place words only);
* an organisation none of whose names occurs in the text.

An invented word is no gazetteer name, given name, lexicon word or word of a tagger's lexicon,
and occurs in no text of the set.

``--style common`` (the default is ``coined``, as above) gives real-looking names instead, built
the way names that the gazetteer lacks mostly are ('Atlas Mining', 'Energieversorgung Filstal'):
each distinctive word becomes a capitalised common word of the name's language that its tagger
knows (the text's language, but the other one for a name whose kept words are of the other
language only: 'Siemens Energy' in a German text gets an English word; see ``name_language``) (drawn, seeded, from the tagger lexicon's most frequent single-tag nouns and adjectives:
German singular nouns, English singular nouns and adjectives; a German word with a declension
ending that the tagger knows as an adjective gets an adjective with the same ending,
'Vereinigte' -> 'Goldene', every other German word a noun), or one time in five a place-like word
(a short noun with a place ending: the lexicon's PlaceNameEnding, 'Eichfeld', 'Wiesau'; English
-ton, -field, -ford). The same rules as above decide what is swapped; acronyms get invented
acronyms; a compound keeps its head; a replacement is no gazetteer name (organisation, country,
region, place, topic), given name or lexicon word and occurs in no text of the set. Persons'
family names (``--persons``) stay invented words. The new gold has the same structure: every string but ids,
kinds, dates and topics gets the same replacements as the text (parties, signatories'
``on_behalf_of``, cooperations, organisations, aliases, titles). With ``--persons`` a person's
family name (the last word of the gold's ``name``) is replaced too, the given name kept.
Only counts are printed.

``--score`` prints the shared scorer's table (every field and overall: P R F1 tp fp fn) summed
over all documents of the pairs of a set and a folder of the extractor's outputs for it (as
``bench/eval_extract.py --out`` writes them): the original sets and their swapped copies side by side.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.extract.gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from kg.extract.tokens import fold  # noqa: E402

ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr")
VOWELS = ("a", "e", "i", "o", "u")
CODAS = ("", "", "", "n", "r", "l", "s", "k")
ENDINGS = ("s", "es", "'s", "’s")           # a genitive or plural ending kept after a swapped word
PLACE_KINDS = {"country", "region", "place"}
KEPT_KINDS = PLACE_KINDS | {"topic"}
COMMON_RANK = 12000                          # how many of a tagger lexicon's most frequent words the common style draws from
EN_PLACE_ENDINGS = ("ton", "field", "ford")   # English place-like words of the common style
INFLECTIONS = ("", "s", "es", "e", "en", "er", "em", "n")
COMMON_TAGS = ("NN", "AJ", "ADJ")          # common nouns and adjectives (CLAWS and STTS tags; not NP0, NE)
HEAD_CATEGORIES = ("OrgHead", "MinistryWord")              # a state body's head word, unless it is
COMPANY_CATEGORIES = ("CompanyWord", "CompanyGroupWord", "OrgNameWord")   # ... a company's word too
KEPT_GOLD_KEYS = {"doc", "language", "id", "kind", "signed_on", "topics", "other_dates"}
WORD = re.compile(r"[^\W\d_][\w.'’&]*", re.U)


@dataclass
class Vocabulary:
    """What an invented word must not be, and the words a name keeps (read from the gazetteer)."""
    gaz: Gazetteer
    kept: set[str]                 # folded one-word lexicon labels
    surface: set[str]              # legal forms as written (case-sensitive)
    heads: set[str]                # folded head words of state bodies (organisation heads, no company words)
    compound_heads: tuple[str, ...]   # German compound heads of state bodies ('ministerium')
    org_compounds: tuple[str, ...]    # German compound heads of organisations ('ministerium', 'gesellschaft')
    taken: set[str] = field(default_factory=set)   # folded words of the set's texts
    style: str = "coined"          # 'coined' (invented words) or 'common' (common words, place-like words)
    pools: dict = field(default_factory=dict)      # (lang, kind) -> the sorted words of a common-word pool

    def place(self, word: str) -> bool:
        return any(self.gaz.entities.get(iri) and self.gaz.entities[iri].kind in KEPT_KINDS
                   for iri, _, _ in self.gaz.lookup((fold(word),)))

    def known(self, folded: str) -> bool:
        return bool(self.gaz.lookup((folded,)) or (folded,) in self.gaz.lex_phrases
                    or folded in self.gaz.given_names or folded in self.taken)


def vocabulary(gaz: Gazetteer) -> Vocabulary:
    """The lexicon's one-word labels, legal forms and head words of the loaded gazetteer."""
    kept = {words[0] for words in gaz.lex_phrases if len(words) == 1}
    surface = set(gaz.lex_surface.get("LegalForm", ())) | set(gaz.lex_surface.get("LegalFormPrefix", ()))
    for x in gaz.lexicon.values():
        if x.category in ("LegalForm", "LegalFormPrefix"):
            surface.update(x.label.split())
    company = {words[-1] for c in COMPANY_CATEGORIES for words in gaz.lex_words(c)}
    heads = {words[0] for c in HEAD_CATEGORIES for words in gaz.lex_words(c) if len(words) == 1} - company
    compounds = {h for h, iri, _ in gaz.compound_heads   # not 'rat' ('Gujarat'), whole words only
                 if gaz.lexicon[iri].category in HEAD_CATEGORIES and len(h) > 3}
    return Vocabulary(gaz, kept, surface, heads, tuple(sorted(compounds - company)), tuple(sorted(compounds)))


def common_word(word: str, lang: str) -> bool:
    """Whether a tagger's lexicon knows the word, written small, as a common noun or adjective,
    also with an inflection cut off ('Europäische', 'Hydrocarbons') or as the last part of a
    German compound ('Technologiekonzern', 'Förderbank')."""
    from kg.extract.linguistic import lexicon_tags

    low = word.lower().strip(".'’")

    def known(w: str) -> bool:
        return any(tag.startswith(COMMON_TAGS) for tag in lexicon_tags(lang, w))

    if any(known(low[:len(low) - len(e)]) for e in INFLECTIONS if low.endswith(e) and len(low) - len(e) >= 3):
        return True
    return lang == "de" and any(known(low[i:]) for i in range(3, len(low) - 3))


def parts(word: str) -> list[str]:
    """The parts of a hyphenated word ('GNPC-Gambia')."""
    return [p for p in re.split(r"[-‐]", word) if p]


def is_acronym(word: str) -> bool:
    """A word written in capitals, 2-6 letters ('EDF', 'E.ON', 'S&P')."""
    letters = re.sub(r"[.&]", "", word)
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def kept_word(word: str, voc: Vocabulary) -> bool:
    """A word (a part of a hyphenated word) of a name that stays: written small, a legal form, a
    one-word lexicon label or combining form ('Indo'), a German compound ending in an organisation head, a country's,
    region's, place's or topic's name or adjective."""
    core = word.strip(".'’")
    if any(c.isdigit() for c in word):   # 'CO2' of 'Stiftung Klimaschutz und CO2-Kompensation', 'H2'
        return True
    if not word[:1].isupper():   # 'of', 'für', 'de'; not a brand written small ('bayernets')
        return len(core) <= 3 or fold(core) in voc.kept or common_word(core, "en") or common_word(core, "de")
    if compound_head(core, voc):
        return False          # 'Commerzbank': its own first part is swapped, the head kept
    return (word in voc.surface or fold(core) in voc.kept or fold(core) in voc.gaz.combining
            or fold(core).endswith(voc.org_compounds) or voc.place(core))


def compound_head(word: str, voc: Vocabulary) -> str:
    """The organisation head a one-word German compound ends in, as the word writes it ('bank' of
    'Commerzbank', 'holding' of 'Staatsholding'), when a part of at least three letters stands before
    it that is no place, lexicon word, combining form or common word, nor two common words
    ('Bundeswirtschafts-', 'Förder-'); else ''."""
    folded = fold(word)
    for head in sorted(voc.org_compounds, key=len, reverse=True):
        first = word[:len(word) - len(head)]
        if folded.endswith(head) and len(first) >= 3 and first[:1].isupper() and not first.endswith("-"):
            return "" if common_first_part(first, voc) else word[len(first):]
    return ""


def common_first_part(first: str, voc: Vocabulary) -> bool:
    """Whether the part before a compound's head is a place, lexicon word, combining form, a common
    word or verb stem of a tagger's lexicon, or two words of it ('Energiespar')."""
    from kg.extract.linguistic import lexicon_tags

    low = first.lower()
    if fold(first) in voc.kept or fold(first) in voc.gaz.combining or voc.place(first):
        return True
    if common_word(first, "de") or common_word(first, "en") or any(
            tag.startswith("VV") for end in ("n", "en") for tag in lexicon_tags("de", low + end)):
        return True
    return any(tagger_word(low[:i]) and tagger_word(low[i:].rstrip("s")) for i in range(3, len(low) - 2))


def place_words(name: str, voc: Vocabulary) -> set[int]:
    """The positions of the name's words that belong to a several-word country, region, place or
    topic name of the gazetteer ('Sierra Leone', 'Abu Dhabi')."""
    words = [fold(w.strip(",.;:()'’\"")) for w in name.split()]
    found: set[int] = set()
    for i in range(len(words)):
        for j in range(min(len(words), i + 4), i + 1, -1):
            if any(voc.gaz.entities.get(iri) and voc.gaz.entities[iri].kind in KEPT_KINDS
                   for iri, _, _ in voc.gaz.lookup(tuple(words[i:j]))):
                found.update(range(i, j))
                break
    return found


def distinctive(name: str, voc: Vocabulary) -> list[str]:
    """The words (parts of hyphenated words) of a name that are swapped, acronyms included."""
    places = place_words(name, voc)
    return [p for i, token in enumerate(name.split()) if i not in places and token.strip(",;()") not in voc.surface
            for w in WORD.findall(token) for p in parts(w) if not kept_word(p, voc)]


def common_phrase(name: str, voc: Vocabulary) -> bool:
    """A body whose name is a common noun phrase: a state body's head word (or a German compound
    ending in one) and no distinctive word but common words of a tagger's lexicon
    ('Bundeswirtschaftsministerium', 'Ministry of Energy', 'European Commission')."""
    words = [p for w in WORD.findall(name) for p in parts(w) if not is_acronym(p)]
    head = any(fold(w) in voc.heads or fold(w).endswith(voc.compound_heads) for w in words)
    return head and all(common_word(w, "en") or common_word(w, "de") for w in distinctive(name, voc))


def tagger_word(word: str) -> bool:
    """Whether the English or the German tagger's lexicon holds the word, written small."""
    from kg.extract.linguistic import lexicon_tags

    return any(lexicon_tags(lang, word.lower()) for lang in ("en", "de"))


def invent_word(rng: random.Random, voc: Vocabulary) -> str:
    """A capitalised word of two or three syllables that no gazetteer, lexicon, tagger's lexicon
    or text holds."""
    while True:
        word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(1, 2)))
        word = (word + rng.choice(ONSETS)[0] + rng.choice(VOWELS) + rng.choice(CODAS)).capitalize()
        if not voc.known(fold(word)) and not tagger_word(word):
            voc.taken.add(fold(word))
            return word


def common_pool(lang: str, kind: str, voc: Vocabulary) -> list[str]:
    """The words, written small, that a tagger's lexicon knows with one tag only, a common noun
    ('NN'; English 'NN1', singular) or an attributive adjective ('ADJ(A)' in its -e form, English
    'AJ0'), of 4-10 letters, that are no lexicon label, gazetteer name (country, region, place,
    topic, organisation), given name, nor end in an organisation head ('gesellschaft'); German
    nouns whose lemma (HanTa's) is another word ('Jahren', 'Löhne': plurals) are left out, and so are
    words ending in -s (a kept genitive ending follows them). Only the lexicon's COMMON_RANK first
    entries (it lists words by frequency), so the words are everyday ones ('Summit', 'Heimat'). Sorted, so a seed gives one output."""
    key = (lang, kind)
    if key not in voc.pools:
        from kg.extract.linguistic import tagger

        model = tagger(lang).model
        tag = {("de", "noun"): "NN", ("de", "adjective"): "ADJ(A)", ("en", "noun"): "NN1", ("en", "adjective"): "AJ0"}[key]
        pool = []
        for rank, (word, tags) in enumerate(model.cache.items()):
            if (rank >= COMMON_RANK or len(tags) != 1 or model.int2tag[tags[0][0]] != tag or not word.isalpha() or not word.islower()
                    or not 4 <= len(word) <= 10 or word.endswith(("s", "ß", "x", "z"))):
                continue
            if kind == "adjective" and lang == "de":
                if not word.endswith("e"):
                    continue
            elif lang == "de" and model.analyze(word.capitalize(), taglevel=1)[0] != word.capitalize():
                continue     # a plural or inflected form ('Jahren', 'Löhne': its lemma differs)
            folded = fold(word)
            if (folded in voc.kept or voc.gaz.lookup((folded,)) or (folded,) in voc.gaz.lex_phrases
                    or folded in voc.gaz.given_names or folded.endswith(voc.org_compounds) or voc.place(word)):
                continue
            pool.append(word)
        voc.pools[key] = sorted(pool)
    return voc.pools[key]


def common_replacement(word: str, lang: str, rng: random.Random, voc: Vocabulary) -> str:
    """A real-looking replacement of a name's word ('common' style): a capitalised common word of
    the text's language that the tagger knows, or now and then (one in five) a place-like word, a
    short common word with a place ending (German: the lexicon's PlaceNameEnding, '-au', '-feld';
    English: -ton, -field, -ford). A German word with a declension ending that the tagger knows as
    an attributive adjective (its -e or -en form: 'Vereinigte', 'Märkische') and not as a noun
    ('Wärme') gets an adjective with
    the same ending ('Goldene'); every other German word a noun
    (nouns take a kept genitive -s as names do). Neither is a word of the set's texts."""
    from kg.extract.linguistic import lexicon_tags

    low = word.lower()
    ending = next((e for e in ("en", "er", "es", "em", "e") if low.endswith(e)), "")
    stem = low[:len(low) - len(ending)]
    adjective = (lang == "de" and ending and "NN" not in lexicon_tags("de", low)   # not 'Wärme'
                 and any("ADJ(A)" in lexicon_tags("de", stem + e) for e in ("e", "en")))
    while True:
        if adjective:
            new = rng.choice(common_pool("de", "adjective", voc))[:-1] + ending
        elif rng.random() < 0.2:
            stems = [w for w in common_pool(lang, "noun", voc) if len(w) <= 6]
            endings = sorted(voc.gaz.words("PlaceNameEnding")) if lang == "de" else EN_PLACE_ENDINGS
            new = rng.choice(stems).rstrip("e") + rng.choice(endings)
        else:
            new = rng.choice(common_pool(lang, rng.choice(("noun", "noun", "adjective")) if lang == "en" else "noun", voc))
        new = new.capitalize()
        if not voc.known(fold(new)) and not voc.place(new) and fold(new) not in voc.kept:
            voc.taken.add(fold(new))
            return new


def invent_acronym(length: int, rng: random.Random, voc: Vocabulary) -> str:
    """An acronym of ``length`` capitals that no gazetteer, lexicon or text holds."""
    while True:
        word = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTVWZ") for _ in range(length))
        if not voc.known(fold(word)):
            voc.taken.add(fold(word))
            return word


def org_names(org: dict, aliases: dict[str, list[str]], voc: Vocabulary) -> list[str]:
    """The organisation's name, its aliases, and the spellings the gold's ``aliases`` table gives
    for it that are acronyms or share a distinctive word with them (not a metonym: 'Brüssel')."""
    own = [org["name"], *(org.get("aliases") or [])]
    words = {w for name in own for w in distinctive(name, voc)}
    more = [s for s in aliases.get(org["name"], []) if is_acronym(s) or words & set(distinctive(s, voc))]
    return [n for n in dict.fromkeys(own + more) if n]


def skip_reason(names: list[str], text: str, gold: dict, voc: Vocabulary) -> str | None:
    """Why an organisation keeps its names (all of them, also those the text does not write), or None."""
    if not any(name in text for name in names):
        return "no name in the text"
    persons = {fold(w) for p in gold.get("persons") or [] for n in [p.get("name")] + (p.get("aliases") or [])
               if n for w in [n, n.split()[-1]]}
    for name in names:
        entries = voc.gaz.lookup(tuple(fold(w) for w in name.split()))
        if any(voc.gaz.entities.get(i) and voc.gaz.entities[i].kind in PLACE_KINDS for i, _, _ in entries):
            return "name of a country, region or place"
        if fold(name) in persons or any(voc.gaz.entities.get(i) and voc.gaz.entities[i].kind == "person"
                                        for i, _, _ in entries):
            return "name of a person"
    if common_phrase(names[0], voc):
        return "common noun phrase"
    if not any(distinctive(n, voc) for n in names):
        return "no distinctive word"
    return None


def name_language(names: list[str], text_lang: str, voc: Vocabulary) -> str:
    """The language a name's swapped words are drawn from: the text's, but the other one when a word
    the name keeps is a common word of the other language and not of the text's ('Energy' of
    'Siemens Energy' in a German text, 'Stadtwerke' in an English one). Real names mix languages
    that way; a German word put in an English company name would make the renamed copy easier or
    harder than the text it copies.

    >>> voc = vocabulary(load_gazetteer())
    >>> name_language(["Siemens Energy"], "de", voc), name_language(["Siemens Energy"], "en", voc)
    ('en', 'en')
    >>> name_language(["Stadtwerke Emden"], "en", voc), name_language(["Stadtwerke Emden"], "de", voc)
    ('de', 'de')
    """
    other = "de" if text_lang == "en" else "en"
    swapped = {w for n in names for w in distinctive(n, voc)}
    for name in names:
        for token in name.split():
            for w in WORD.findall(token):
                for p in parts(w):
                    if p in swapped or len(p) < 3 or not p[:1].isupper() or is_acronym(p) or p in voc.surface:
                        continue
                    if common_word(p, other) and not common_word(p, text_lang):
                        return other
    return text_lang


def word_map(names: list[str], text: str, rng: random.Random, voc: Vocabulary, mapping: dict[str, str],
             lang: str = "en") -> None:
    """Add the replacements of one organisation's distinctive words and acronyms to ``mapping``: of
    its name (``names[0]``), and of each alias the text writes; an alias that shares a word with the
    name describes it, and only those words and its acronyms change ('der Ludwigshafener BASF',
    'den kalifornischen Elektroautobauer Tesla'), while another name changes whole ('Pemex')."""
    own = set(distinctive(names[0], voc))
    for i, name in enumerate(names):
        words = distinctive(name, voc) if name in text else []
        if i and own & set(words):
            words = [w for w in words if w in own or is_acronym(w)]
        elif i:   # another name: not its common words ('Stromerzeuger', an alias of a description)
            words = [w for w in words if is_acronym(w) or not (common_word(w, "en") or common_word(w, "de"))]
        for word in words:
            core = word if is_acronym(word) else word.rstrip(".'’")
            if core not in mapping:
                if is_acronym(core):
                    new = invent_acronym(len(re.sub(r"[.&]", "", core)), rng, voc)
                elif voc.style == "common":
                    new = common_replacement(core, lang, rng, voc)
                else:
                    new = invent_word(rng, voc)
                new += "" if is_acronym(core) else compound_head(core, voc)
                mapping[core] = new if core[:1].isupper() else new.lower()


def person_map(gold: dict, rng: random.Random, voc: Vocabulary, mapping: dict[str, str]) -> int:
    """Add the replacements of the persons' family names; returns how many."""
    n = 0
    for person in gold.get("persons") or []:
        parts = (person.get("name") or "").split()
        family = parts[-1] if len(parts) > 1 else None
        if family and family[:1].isupper() and family not in mapping and not voc.place(family):
            mapping[family] = invent_word(rng, voc)
            n += 1
    return n


def substitute(text: str, mapping: dict[str, str]) -> str:
    """Every mapped word as a whole word (a kept ending after it: 'Gazproms', "Rosneft's")."""
    if not mapping:
        return text
    alternatives = "|".join(re.escape(w) for w in sorted(mapping, key=len, reverse=True))
    ending = "|".join(re.escape(e) for e in ENDINGS)
    pattern = re.compile(rf"(?<![\w])({alternatives})(?=(?:{ending})?(?![\w]))")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def swap_gold(value, mapping: dict[str, str], key: str | None = None):
    """The gold with the replacements in every string but ids, kinds, dates and topics."""
    if key in KEPT_GOLD_KEYS:
        return value
    if isinstance(value, str):
        return substitute(value, mapping)
    if isinstance(value, list):
        return [swap_gold(v, mapping, key) for v in value]
    if isinstance(value, dict):
        return {substitute(k, mapping) if key == "aliases" else k: swap_gold(v, mapping, k)
                for k, v in value.items()}
    return value


def swap_document(raw: str, gold: dict, seed: int, voc: Vocabulary, persons: bool,
                  counts: Counter) -> tuple[str, dict]:
    """One text and its gold with invented organisation (and person) names."""
    rng = random.Random(f"{seed}:{gold.get('doc')}")
    head, sep, body = raw.partition("\n\n")
    aliases = gold.get("aliases") or {}
    mapping: dict[str, str] = {}
    kept: set[str] = set()
    for org in gold.get("organizations") or []:
        names = org_names(org, aliases, voc)
        reason = skip_reason(names, body, gold, voc)
        counts[f"skipped: {reason}" if reason else "organisations swapped"] += 1
        if reason:
            kept.update(w for name in names for w in distinctive(name, voc))
        else:
            word_map(names, body, rng, voc, mapping, name_language(names, gold.get("language") or "en", voc))
    for word in kept & set(mapping):   # a word a kept name writes too ('EU' of 'EU-Kommission')
        del mapping[word]
    if persons:
        counts["persons swapped"] += person_map(gold, rng, voc, mapping)
    counts["texts"] += 1
    head = "\n".join(substitute(line, mapping) if line.startswith("# source:") else line for line in head.split("\n"))
    return head + sep + substitute(body, mapping), swap_gold(gold, mapping)


def swap_set(set_dir: Path, out_dir: Path, seed: int, voc: Vocabulary, persons: bool, counts: Counter) -> None:
    """Write the swapped copy of one set."""
    texts = sorted((set_dir / "gold").glob("*.json"))
    voc.taken = {fold(w) for g in texts for w in
                 WORD.findall((set_dir / "texts" / f"{g.stem}.txt").read_text(encoding="utf-8"))}
    (out_dir / "texts").mkdir(parents=True, exist_ok=True)
    (out_dir / "gold").mkdir(parents=True, exist_ok=True)
    for gold_path in texts:
        text_path = set_dir / "texts" / f"{gold_path.stem}.txt"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text, new_gold = swap_document(text_path.read_text(encoding="utf-8"), gold, seed, voc, persons, counts)
        (out_dir / "texts" / text_path.name).write_text(text, encoding="utf-8")
        (out_dir / "gold" / gold_path.name).write_text(
            json.dumps(new_gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def summed_scores(pairs: list[tuple[Path, Path]]) -> dict:
    """The scorer's report over every document of the (set, outputs) pairs."""
    from bench.fit_grouping import DEFAULT_SCORER, load_scorer

    scorer = load_scorer(DEFAULT_SCORER)
    tally = scorer.Tally()
    for set_dir, pred_dir in pairs:
        for gold_path in sorted((set_dir / "gold").glob("*.json")):
            pred_path = pred_dir / gold_path.name
            pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
            scorer.score_document(json.loads(gold_path.read_text(encoding="utf-8")), pred, tally)
    return tally.report()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=Path, help="development set folders with texts/ and gold/")
    parser.add_argument("--out", type=Path, help="folder for the swapped sets")
    parser.add_argument("--score", action="store_true", help="the arguments are pairs SET_DIR PRED_DIR: print summed scores")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--persons", action="store_true", help="also swap persons' family names")
    parser.add_argument("--style", choices=("coined", "common"), default="coined",
                        help="invented words (coined) or real-looking ones made of common and place-like words")
    args = parser.parse_args(argv)
    if args.score or not args.out:
        if not args.score or len(args.sets) % 2:
            parser.error("--out is needed; with --score, give pairs SET_DIR PRED_DIR")
        for name, row in summed_scores(list(zip(args.sets[::2], args.sets[1::2]))).items():
            print(f"{name:<14} {row['precision']:.3f} {row['recall']:.3f} {row['f1']:.3f} "
                  f"{row['tp']:>5} {row['fp']:>5} {row['fn']:>5}")
        return 0
    voc = vocabulary(load_gazetteer())
    voc.style = args.style
    counts: Counter = Counter()
    for set_dir in args.sets:
        swap_set(set_dir, args.out / set_dir.name, args.seed, voc, args.persons, counts)
    for key, value in sorted(counts.items()):
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
