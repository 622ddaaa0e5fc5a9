"""Persons and organizations from patterns, and linking of every mention to a stable entity.

Persons: a role title next to a capitalised name ("Bundesminister Jan Muster",
"Zentrox President Park Do-yun"), "Name, role of X" ("A.K. Beispiel, Energieminister Perus"),
a known given name before a capitalised word, and the gazetteer's persons with all their
spellings. A later mention of the family name alone is the same person. Spellings of one
person (Wladimir/Vladimir) are merged by alias and fuzzy matching (rapidfuzz).

Organizations: gazetteer names and aliases, "Full Name (ACRONYM)", a capitalised name with
an organization head word ("Bureau of Rural Utilities", "Nordwind Electric Company"),
a German compound with an organization head ("Bundeswirtschaftsministerium"), a name after a
company word ("das Unternehmen „Rosatom“"), and a known name extended by name words.

More context (see the methods' docstrings): bylines are never persons; persons after honorifics,
initials, reporting/signing/presence verbs, in lists and photo captions, with their particles
(van der Berg, al-Rashid), in relative clauses ("X Y, who heads …"), with their employer ("X Y of
Zentrox", "Zentrox's X Y", "X Y (Zentrox)") and after the side they sign for ("für Chile X Y"); a name
coordinated with a person past that person's side ("X Y for Peru and A B for Chile") or before a German
verb-second object ("unterzeichneten X Y und A B ein Abkommen"); a full name in apposition after a role
with a longer complement ("the heads of the utility on both sides of the river, X Y, …");
a common noun after a role is no name; one-slip spellings are one person; a Roman numeral is no
given name. Organizations closed by a legal form (AG, Ltd, S.A.) or opened by one (PT, PJSC), known names written with or
without spaces/hyphens or German case endings (shown in the nominative) and fuzzily for long
names, German compounds with the adjective that names them, subsidiaries' parents, names
coordinated with an organization, the company of a company role; no events, media or plurals.
CamelCase words (PetroResources) are companies' names, never persons'; a country or region
name with company words (Newfoundland and Labrador Hydro) and an acronym with a place word
(TAQA Arabia) are companies; an alliance with a name word before it (Glasgow Financial Alliance
for Net Zero) is an organization. A port that is a partner or subject ("with the port of X", "mit
dem Hafen von X") is an organization, an English field ministry written small ("Chile's energy
ministry") is not (a description of the government, no name); a short name in brackets after a
name ("(Hydrom)") is the same organization. An unknown name with a country after it ("Solvika
Kenya", "Kappa Energy India") is the company, not the country; a name in commas after a company
word ("Kenya's state power producer, Kengo,") is that company.
"and" may stand inside a name before its head ("the New and Renewable Energy Authority"); names
listed after "such as"/"wie" and a company word, the office of an officeholder ("Prime Minister's
Office") and words of company names with "of" and a country are organizations. Joint bodies named
with common words only ("Joint Working Group"), forums held somewhere, news media and a role's
portfolio ("Minister of Electricity and Renewable Energy") are not. German lines of business joined by
"und" before a legal form ("Kappa Öl und Gas GmbH") and a name before a head with its field after "für"
("die Kappa Stiftung für Saubere Energie") belong to the name; a name closed by a legal form after a role
word ("ihr Partner Kappa AG") is a company, no person. An English "and" between lines of business may end a
name ("Kappa Exploration and Production") and, in German text, stands inside an English name after a German
article ("der Belt and Road Initiative"); a name ending in a head word before a capitalised agreement word is
an agreement's title ("the EU–Kappa Association Agreement"); the first part of a hyphen compound that is a
known place is no employer ("Nahost-Experte").
Whether a capitalised word reads as a name is asked of HanTa's lexicon (``word_class``).

IRIs: gazetteer and curated entities keep theirs; new persons get id:person/{slug}, new
organizations id:org/{slug} (slug of the written name).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel

from kg.extract.dates import MONTHS, WEEKDAYS
from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import UPPER_LATIN, Matcher, Mention
from kg.extract.tokens import Token, fold, join_tokens
from kg.namespaces import entity_iri, slugify

_OPEN_Q = set("„“\"‚‘«»")
_CLOSE_Q = set("“”\"‘’«»")
# a name part glued to a lowercase particle: al-Rashid, el-Sisi, bin-Salman, ul-Haq
_PARTICLE_NAME = re.compile(r"^(?:al|el|ul|ad|ar|as|at|az|ash|bin|ibn|ben|abu|bint|da|de|di|du|van|von|della|dos)"
                            r"[-‐‑'’`][" + UPPER_LATIN + r"]\w+$")
_NAME_WITH_BACKTICK = re.compile(r"^[" + UPPER_LATIN + r"]\w*`\w+$")   # O`Brien, N`Diaye
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")
_OPEN_QUOTES = _OPEN_Q | {"'"}    # a name in plain single quotes too ('Kappa')
_CLOSE_QUOTES = _CLOSE_Q | {"'"}
# a word with an inner capital after three or more small letters, or a run of capitals after small
# ones, is written like a company (PetroResources, TotalEnergies, EnBW), not like a person (McDonald,
# DeSantis, MacArthur)
_COMPANY_CAMEL = re.compile(r"^(?!Ma?c[A-Z])[A-Z][a-z]{2,}[A-Z]\w*$|^[A-Z][a-z]+[A-Z]{2,}\w*$")
# a number or Roman numeral inside a name: Nord Stream 2 AG, Borea II
_NAME_NUMBER = re.compile(r"\d{1,3}|[IVX]{1,4}")
# a company name written with digits among its letters: "Z3N", "50Hertz" (not "2030", "500MW", nor lexicon words such as "CO2")
_CODE_NUMBER = re.compile(r"[A-Z]{1,5}\d+")
_DIGIT_NAME = re.compile(r"(?=[A-Za-z\d]*[A-Za-z])(?=[A-Za-z\d]*\d)(?:[A-Z][A-Za-z\d]*|\d+[A-Z][a-z][A-Za-z\d]*)")
# academic titles, which may also stand between a role and a name ("Geschäftsführer Dr. Jana Roe")
ACADEMIC_TITLES = frozenset({"dr", "dr.", "prof", "prof."})
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir", "dame", "herr", "herrn",
               "frau", "h.e.", "madam", "mme", "mme.", "m."} | ACADEMIC_TITLES
_BYLINE = {"by", "von"}
# a word written like an acronym: capitals, perhaps with small letters among them (KPM, ZNBPar, PZnG)
_ACRONYM_WORD = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*")
_NOMINATIVE_AFTER = {"der", "die", "das", "den", "dem", "des", "einer", "einem", "eines", "the"}
# a subsidiary noun (lexicon SubsidiaryNoun) before one of these names the parent: "a subsidiary of X"
_SUBSIDIARY_PREPS = ("of", "von", "der", "des")
# how the parent or the subsidiary of a named company was found: a company of its own, never a short form of it
_PARENT_HOWS = ("subsidiary", "parent", "parent-part")
# the last word of a role title written with its preposition ("head of"): the words after it are the
# title's complement, not the person
_PLACE_PREPS = {"in", "im", "at", "to", "from", "via", "through", "into", "uber", "über", "nach", "aus", "durch", "near",
                "bei", "beim", "zum", "vom", "of", "des", "am"}
# German compound heads that make an organisation on their own (das Energieministerium); others
# need an attribute (die Karibische Entwicklungsbank, die sächsische Staatskanzlei)
_SELF_NAMING_HEADS = ("ministerium", "bundesamt", "landesamt", "netzagentur")
_SELF_NAMING_PREFIXES = ("bundes", "landes")
# what HanTa knows a word as: a score above this means the word is in its lexicon
_KNOWN_SCORE = {"de": -20.0, "en": -18.0}


@lru_cache(maxsize=50_000)
def word_class(lang: str, word: str) -> str:
    """What the tagger's lexicon knows ``word`` as: 'noun' (a common noun only), 'name' (a
    proper noun among its readings), 'other' (a known word of another class) or 'unknown'."""
    try:
        from kg.extract.linguistic import tagger

        tg = tagger(lang)
        tags = [(tg.model.int2tag[t], float(sc)) for t, sc in tg.model._tag_word(word)]
    except Exception:  # no tagger: every capitalised word may be a name
        return "unknown"
    if not tags:
        return "unknown"
    best = max(sc for _, sc in tags)
    if best < _KNOWN_SCORE.get(lang, -18.0):
        return "unknown"
    close = [t for t, sc in tags if sc >= best - 2.5 and sc >= _KNOWN_SCORE.get(lang, -18.0)]
    if any(t.startswith(("NE", "NP")) for t in close):
        return "name"
    if all(t.startswith("NN") for t in close):
        return "noun"
    return "other"


def squash(words) -> str:
    """A key insensitive to spaces, hyphens, dots and apostrophes: KappaGas = Kappa Gas."""
    return _squash(tuple(words))


@lru_cache(maxsize=100_000)
def _squash(words: tuple[str, ...]) -> str:
    """squash, memoised: the rules ask it of the same few words many times."""
    return re.sub(r"[\s\-‐‑.'’`]", "", "".join(fold(w) for w in words))


def _stem(word: str) -> str:
    w = fold(word)
    return re.sub(r"(?:es|en|em|er|e|s|n)$", "", w) if len(w) > 4 else w


def stem_key(words) -> str:
    """A key insensitive to German case endings: Europäischen Investitionsbank = Europäische Investitionsbank."""
    return _stem_key(tuple(words))


@lru_cache(maxsize=100_000)
def _stem_key(words: tuple[str, ...]) -> str:
    """stem_key, memoised (see _squash)."""
    return "".join(_stem(w) for w in words if w not in ("-", "."))


_ORG_INDEX: dict[str, tuple] = {}
_PERSON_INDEX: dict[str, list[tuple[str, str]]] = {}


def one_slip(a: str, b: str) -> bool:
    """Two folded spellings one typing slip apart (Halvorsen/Halvorssen): a letter left out or added
    in a word of five letters or more, a swapped or wrong letter in one of eight or more."""
    if a == b or a[:1] != b[:1] or min(len(a), len(b)) < 5:
        return False
    if Indel.distance(a, b) <= 1:
        return True
    return min(len(a), len(b)) >= 8 and OSA.distance(a, b) <= 1


def person_index(gaz: Gazetteer) -> list[tuple[str, str]]:
    """The gazetteer's persons by their folded full names (two words or more)."""
    key = gaz.sources_hash or str(id(gaz))
    if key not in _PERSON_INDEX:
        out = []
        for words, entries in gaz.phrases.items():
            if len(words) >= 2:
                for iri, _, _ in entries:
                    if iri in gaz.entities and gaz.entities[iri].kind == "person":
                        out.append((" ".join(words), iri))
        _PERSON_INDEX[key] = out
    return _PERSON_INDEX[key]


def org_index(gaz: Gazetteer) -> tuple[dict[str, str], dict[str, str], list[str], list[str]]:
    """Gazetteer organisations by squashed and by stemmed name, and the long keys for fuzzy matching."""
    cached = _ORG_INDEX.get(gaz.sources_hash or str(id(gaz)))
    if cached:
        return cached
    by_squash: dict[str, str] = {}
    by_stem: dict[str, str] = {}
    for words, entries in gaz.phrases.items():
        for iri, form, exact in entries:
            ent = gaz.entities.get(iri)
            if ent is None or ent.kind != "org" or exact is not None:
                continue
            key = squash(words)
            if len(key) >= 5:
                by_squash.setdefault(key, iri)
            if len(words) >= 2:
                by_stem.setdefault(stem_key(words), iri)
    long_keys = [k for k in by_squash if len(k) >= 12]
    _ORG_INDEX[gaz.sources_hash or str(id(gaz))] = cached = (by_squash, by_stem, long_keys, [by_squash[k] for k in long_keys])
    return cached


@dataclass
class PersonEntity:
    iri: str
    name: str
    role: str | None = None
    affiliation: str | None = None          # actor IRI
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class OrgEntity:
    iri: str
    name: str
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    known: bool = False


# the lexicon categories of words that tell of an event at a place (a signing, a meeting, a visit)
_VENUE_CUES = ("SigningVerb", "SigningNoun", "SigningEventVerb", "EventNoun", "ExchangeNoun", "AgreementWord",
               "SignatureNoun", "VisitWord")


class Linker:
    """Finds persons and organizations in one document and links them to entities."""

    def __init__(self, gaz: Gazetteer, matcher: Matcher, tokens: list[Token], mentions: list[Mention], lang: str):
        self.gaz, self.m, self.tokens, self.lang = gaz, matcher, tokens, lang
        self.mentions = mentions
        self.by_token: dict[int, Mention] = {}
        self.lex_at: dict[int, Mention] = {}
        self.ent_at: dict[int, Mention] = {}
        for mt in mentions:
            for k in range(mt.start, mt.end):
                if mt.kind == "lex":
                    self.lex_at.setdefault(k, mt)
                elif mt.data.get("part") is None:
                    self.ent_at.setdefault(k, mt)
                self.by_token.setdefault(k, mt)
        self.persons: dict[str, PersonEntity] = {}
        self.orgs: dict[str, OrgEntity] = {}
        self.person_mentions: list[Mention] = []
        self.excluded: set[int] = set()        # byline tokens: never a person or an organisation
        self._namelike: dict[int, bool] = {}    # see namelike
        self._namelike_excluded = 0
        self._extra_orgs: list[Mention] = []    # organisations inside a token: Zentrox in "Zentrox-Chef"
        self._short_names: set[str] = set()      # short names given in brackets after a name: (Hydrom)
        self._non_org_acronyms: set[str] = set()  # acronyms of projects and agreements (see find_orgs)
        self._org_first_part: set[int] = set()    # compounds opened by a known organisation (see find_orgs)
        self._places: list[Mention] | None = None   # see _place_names
        self._sorted_places: list[Mention] | None = None   # the same by first token, and those tokens
        self._place_starts: list[int] = []                  # (see _name_country_names)
        self._cat_positions: dict[str, list[int]] = {}   # see cat_in
        self.legal_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(gaz.lex_words("LegalForm"), key=len, reverse=True):
            self.legal_first.setdefault(words[0], []).append(words)
        # legal forms as the lexicon writes them, without spaces: "AS" and "Oy" are forms, "As" is not
        self.legal_surface = {label.replace(" ", "") for label in gaz.lex_surface.get("LegalForm", ())}
        self.articles = gaz.words("Article")   # articles, demonstratives, possessives
        self.descriptor_words = gaz.words("DescriptorWord")   # Oslo-based, state-owned
        self.place_endings = gaz.words("PlaceNameEnding")     # -land, -burg, -au: Kappland, Kappenau
        self.port_words = gaz.words("PortWord")
        self.hosting_nouns = gaz.words("HostingNoun")
        self.event_bodies = gaz.words("EventBodyWord")
        self.subsidiary_nouns = gaz.words("SubsidiaryNoun")    # subsidiary, unit, Tochter
        self.company_words = gaz.lex_words("CompanyWord")      # Konzern, Gesellschaft, company
        self.consortium_heads = gaz.words("ConsortiumNoun") | gaz.words("VentureNoun")   # see _named_consortia
        self.venture_pairs = {w for w in gaz.word_lists.get("VentureNoun", ()) if len(w) == 2}   # joint venture
        self.indefinite = gaz.words("IndefiniteArticle")   # "einer Kappauer Bank" names no bank
        self.masc_neut_articles = gaz.words("GermanMasculineNeuterArticle")   # des/im … before an adjective in -en
        # endings of German head nouns by gender: n (das Institut), m (der Rat); feminine is the rest
        self._gender_endings = {**{w: "m" for w in gaz.words("GermanMasculineEnding")},
                                **{w: "n" for w in gaz.words("GermanNeuterEnding")}}
        self.org_connectors = gaz.words("OrgNameConnector")     # de, del, la, des, du (Empresa Nacional de …)
        self.subsidiary_cues = {(n, p) for n in self.subsidiary_nouns for p in _SUBSIDIARY_PREPS} | {("owned", "by")}
        self.subsidiary_seconds = {p for _, p in self.subsidiary_cues}   # their second words
        self.example_cues: dict[str, list[tuple[str, ...]]] = {}
        for cue in sorted(gaz.word_lists.get("ExampleCue", ()), key=len, reverse=True):
            self.example_cues.setdefault(cue[0], []).append(cue)

    # ------------------------------------------------------------------ helpers
    def has_cat(self, i: int, *cats: str) -> bool:
        mt = self.lex_at.get(i)
        return mt is not None and not mt.cats.isdisjoint(cats)

    def is_role(self, i: int) -> bool:
        mt = self.lex_at.get(i)
        return mt is not None and "RoleTitle" in mt.cats   # (has_cat, without the call)

    def _words_of(self, cat: str) -> list[int]:
        """The tokens with a word of lexicon category ``cat``, in order; listed once per document."""
        at = self._cat_positions.get(cat)
        if at is None:
            at = self._cat_positions[cat] = sorted(k for k, mt in self.lex_at.items() if cat in mt.cats)
        return at

    def cat_in(self, cat: str, s: int, e: int) -> bool:
        """A word of lexicon category ``cat`` among tokens ``s`` to ``e - 1`` (``has_cat`` of any of them)."""
        at = self._words_of(cat)
        j = bisect.bisect_left(at, s)
        return j < len(at) and at[j] < e

    def cat_positions(self, cats: tuple[str, ...], s: int, e: int) -> list[int]:
        """The tokens from ``s`` to ``e - 1`` with a word of any of ``cats`` (those where
        ``has_cat(k, *cats)``), in order: a rule that wants such a word visits only these."""
        found: set[int] = set()
        for cat in cats:
            at = self._words_of(cat)
            found.update(at[bisect.bisect_left(at, s):bisect.bisect_left(at, e)])
        return sorted(found)

    def word_class(self, k: int) -> str:
        return word_class(self.lang if self.lang in ("de", "en") else "en", self.tokens[k].text)

    def name_tok(self, tok: Token, taken) -> bool:
        """A token that can be part of a person's name (al-Rashid and O`Brien too)."""
        if not tok.text[:1].isupper() and not _PARTICLE_NAME.match(tok.text):
            return False    # the cheap test first: every other name pattern begins with a capital
        if tok.i in self.excluded or self.company_camel(tok.i):
            return False
        if "-" in tok.text and fold(tok.text.rsplit("-", 1)[-1]) in self.descriptor_words:
            return False    # "Oslo-based Kengo": a description before a name, no part of it
        if tok.fold in self.gaz.bare_nationality:
            return False    # "der Norweger Jan Muster": a nationality noun of both numbers is no part of the name
        if tok.text.isalpha() and not tok.text.isupper() and sum(c.isupper() for c in tok.text) >= 3:
            return False    # an acronym with small letters in it (ZNBPar, PZnG) names no person
        if self.m.is_name_token(tok, taken):
            return True
        if _PARTICLE_NAME.match(tok.text) or _NAME_WITH_BACKTICK.match(tok.text):
            m = taken.get(tok.i)
            return m is None or m.kind in ("lex", "person")
        return False

    def company_camel(self, k: int) -> bool:
        """Token k is written like a company's CamelCase name (PetroResources, EnBW), not a
        person's (McDonald); a name particle in front (VanDyke) makes it a person's."""
        text = self.tokens[k].text
        if text[1:].islower():
            return False    # (no capital after the first letter: the cheap test for most words)
        if not _COMPANY_CAMEL.match(text) or self.legal_form_end(k) is not None:
            return False    # GmbH is a legal form
        prefix = re.match(r"[A-Z][a-z]+", text).group(0)
        return (fold(prefix),) not in self.m.particles

    def namelike(self, k: int) -> bool:
        """A capitalised word that reads as a name: a given name, a proper noun or a word the
        tagger does not know; not a common noun, an acronym, a known entity or a lexicon word.

        Memoised per token: the rules ask it of the same tokens many times, and it reads only
        the tokens, the matcher's mentions and the byline tokens (``excluded``, which only grow:
        the memo starts afresh when they do)."""
        if len(self.excluded) != self._namelike_excluded:
            self._namelike.clear()
            self._namelike_excluded = len(self.excluded)
        out = self._namelike.get(k)
        if out is None:
            out = self._namelike[k] = self._reads_as_name(k)
        return out

    def _reads_as_name(self, k: int) -> bool:
        """namelike, not memoised."""
        t = self.tokens[k]
        if not self.name_tok(t, self.by_token) or self.ent_at.get(k) is not None:
            return False
        if _PARTICLE_NAME.match(t.text) or _INITIAL.match(t.text):
            return True
        if not t.text[:1].isupper() or (t.text.isupper() and len(t.text) > 1) or any(c.isdigit() for c in t.text):
            return False
        if (t.fold,) in self.m.org_words or self._org_head(k) or self.legal_form_end(k) is not None:
            return False
        mt = self.lex_at.get(k)
        if mt is not None and mt.cats - {"GivenName", "NotATopicCompound"}:
            return False
        return t.fold in self.gaz.given_names or self.word_class(k) in ("name", "unknown")

    def legal_form_end(self, k: int) -> int | None:
        """The end of a legal form (AG, GmbH, Ltd., S.A., Co., Ltd.) starting at token k, written
        exactly as the lexicon has it (case-sensitive: English "As" or "as" is no legal form)."""
        toks = self.tokens
        t = toks[k]
        firsts = self.legal_first.get(t.fold)
        if firsts is None:   # (the usual case, and the cheapest test)
            return None
        if not ((not t.text.islower() and any(c.isupper() for c in t.text)) or "." in t.text or t.fold == "plc"):
            return None
        for words in firsts:
            n = len(words)
            if k + n <= len(toks) and tuple(x.fold for x in toks[k:k + n]) == words \
                    and "".join(x.text for x in toks[k:k + n]) in self.legal_surface:
                return k + n
        return None

    def name_span(self, i: int, limit: int, taken) -> tuple[int, int] | None:
        """The longest name starting at token i (1–5 tokens with particles)."""
        toks = self.tokens
        if i >= limit or not self.name_tok(toks[i], taken) or self.m.is_particle(toks[i]) and toks[i].text[:1].islower():
            return None
        j = i + 1
        while j < limit and j - i < 6:
            t = toks[j]
            if self.name_tok(t, taken) and not toks[j - 1].text.endswith(","):
                j += 1
            elif t.text in ("Jr.", "Sr.", "Jr", "Sr"):
                j += 1
            elif t.text in _OPEN_QUOTES and j + 3 < limit and j + 3 - i < 8 and toks[j + 1].text[:1].isupper() \
                    and toks[j + 2].text in _CLOSE_QUOTES and self.name_tok(toks[j + 3], taken):
                j += 4   # a nickname in quotes inside the name: Edmund G. „Jerry“ Brown
            elif j == i + 1 and self._given(i) and t.is_title and fold(t.text) in MONTHS and self.ent_at.get(j) is None \
                    and self._name_ends(j + 1, limit) and not (j + 1 < limit and toks[j + 1].text[:1].isdigit()):
                j += 1   # "Prime Minister Theresa May gave": a family name that is also a month
            elif j == i + 1 and self._given(i) and t.is_title and self.ent_at.get(j) is not None \
                    and self.ent_at[j].end == j + 1 and self.ent_at[j].kind in ("country", "region", "place") \
                    and self.ent_at.get(i) is None and (i > 0 and self.is_role(i - 1) or self._name_ends(j + 1, limit)) \
                    and toks[i].fold not in self.m.company_parts and squash((toks[i].text, t.text)) not in org_index(self.gaz)[0]:
                j += 1   # "Ministerpräsident Luís Montenegro", "signed by Luís Montenegro and": a family name that is a place
            elif j == i + 1 and self._given(i) and t.is_title and self.is_role(j) and self.lex_at[j].end == j + 1 \
                    and self.ent_at.get(i) is None and self._name_ends(j + 1, limit):
                j += 1   # "Madeleine King said": a family name that is also a title
            elif self.m.is_particle(t) and not (t.tag == "ART" and t.text.islower() and not self.m.is_particle(toks[j - 1])
                                                and j + 1 < limit and toks[j + 1].tag == "NN"):
                # one or more particles before a name part: bin Salman, van der Berg, de la Cruz; not a
                # German article before a common noun ("stellte Ministerin Jana Muster das Programm vor")
                p = j
                while p < limit and self.m.is_particle(toks[p]) and toks[p].text not in ("Jr.", "Sr.") and p - j < 3:
                    p += 1
                if p > j and p < limit and self.name_tok(toks[p], taken) and not self._company_at(p, limit):
                    j = p
                else:
                    break
            else:
                break
        while j > i + 1 and self.m.is_particle(toks[j - 1]) and toks[j - 1].text not in ("Jr.", "Sr."):
            j -= 1
        return (i, j)

    def _company_at(self, k: int, limit: int) -> bool:
        """A company's name starts at token k: its words up to a legal form ("von der Zentrox
        GmbH" after a name is the person's company, not a particle of the name)."""
        for e in range(k + 1, min(limit, k + 4)):
            if self.legal_form_end(e) is not None:
                return True
            if not self.tokens[e].text[:1].isupper():
                return False
        return False

    def _name_ends(self, k: int, limit: int) -> bool:
        """Nothing of a name goes on at token k: the end, punctuation or a word written small."""
        return k >= limit or not self.tokens[k].text[:1].isupper() or self.tokens[k].text in ("'s", "’s")

    def _bylines(self, sentences) -> None:
        """'By Jane Doe' / 'Von Max Muster, dpa' on a line of its own: the author, not a person of the story."""
        toks = self.tokens
        for sent in sentences:
            if sent.end - sent.start < 2 or toks[sent.start].fold not in _BYLINE or not toks[sent.start].is_title:
                continue
            if any(t.pos in ("VERB", "AUX") for t in toks[sent.start:sent.end]):
                continue
            span = self.name_span(sent.start + 1, sent.end, self.by_token)
            if span is None:
                continue
            rest = toks[span[1]:sent.end]
            if len(rest) <= 6 and all(t.text[:1].isupper() or t.text in (",", "|", "/", "-", "–", "(", ")", ".")
                                      or t.fold in ("and", "und") or t.text[:1].isdigit() for t in rest):
                self.excluded.update(range(sent.start, sent.end))

    # ------------------------------------------------------------------ persons
    def find_persons(self, sentences) -> None:
        toks = self.tokens
        taken = self.by_token
        found: list[Mention] = []
        used: set[int] = set()
        self._bylines(sentences)

        def add(s: int, e: int, role: tuple[int, int] | None, how: str, affil: str | None = None,
                role_text: str | None = None) -> Mention | None:
            if self.lang == "de" and e - s >= 3 and self.word_class(s) == "noun" and not self._given(s) \
                    and not _INITIAL.match(toks[s].text) and self._full_name(s + 1, e):
                s += 1      # "Gastgeberin Wilma Torkvist": a German noun before the name (a role the lexicon lacks)
            if any(k in used for k in range(s, e)):
                for old in found:
                    if old.start <= s and e <= old.end and role and not old.data.get("role"):
                        old.data["role"] = role
                        return old
                return None
            name = " ".join(t.text for t in toks[s:e]).replace(" .", ".")
            if any(t.text in _OPEN_QUOTES for t in toks[s:e]):
                name = join_tokens(toks[s:e])   # the spaces as written around a nickname: G. „Jerry“ Brown
            name = re.sub(r"[`'’]s$", "", name)   # a possessive glued with a backtick: Muster`s
            if len(name) < 3 or name.lower() in ("der", "die", "das"):
                return None
            mt = Mention(s, e, "person", None, "pattern", name,
                         data={"role": role, "how": how, "affil": affil, "role_text": role_text})
            for k in range(s, e):
                used.add(k)
            found.append(mt)
            return mt

        # gazetteer persons first
        for mt in self.mentions:
            if mt.kind == "person" and not any(k in self.excluded for k in range(mt.start, mt.end)):
                mt.data.setdefault("how", "gazetteer")
                found.append(mt)
                used.update(range(mt.start, mt.end))
        for sent in sentences:
            lim = sent.end
            i = sent.start
            while i < lim:
                if i in self.lex_at and (self.is_role(i) or self.has_cat(i, "Counterpart")):   # (a lexicon word first)
                    role_end = self.lex_at[i].end
                    # "Premierministers von Japan Shinzō Abe", "Gouverneur der Präfektur, Masao Uchibori"
                    j = role_end
                    while j < lim and ((self.is_role(j) and j != i) or (toks[j].fold in ("of", "von") and j + 1 < lim
                                                           and self.ent_at.get(j + 1) is not None)
                                       or (toks[j].fold in ("&", "and", "und") and j + 1 < lim and self.is_role(j + 1))):
                        if toks[j].fold in ("&", "and", "und"):
                            j += 1
                            continue
                        j = self.ent_at[j + 1].end if toks[j].fold in ("of", "von") else self.lex_at[j].end
                    if j == role_end and j - 1 > i and toks[j - 1].fold in self.gaz.words("RoleEndPreposition"):
                        j -= 1      # "head of Kappa Renewables": a title that ends in its preposition; what
                        # follows is its complement (the person's name may come after it)
                    # an academic title between the role and the name ("Geschäftsführer Dr. Jana Roe",
                    # "CEO Prof. John Doe") is no part of either: the name begins after it
                    n = j
                    while n < lim and toks[n].fold in ACADEMIC_TITLES and toks[n].is_title:
                        n += 1
                    span = self.name_span(n, lim, taken)
                    if j == role_end and (span is None or span[0] == n and not self._full_name(*span)):
                        span = self._common_given_span(n, lim, taken) or span   # "Energy Minister Will Mendoza"
                    if span and span[1] - span[0] == 1 and j > role_end and self.ent_at.get(j - 1) is not None \
                            and self.ent_at[j - 1].kind == "org" and not self._given(span[0]) \
                            and self.ent_at.get(span[0]) is None:
                        span = None     # "Leiterin von Solaria Renovables": one more word of the company's name
                    if span and span[1] < lim and (self._org_head(span[1]) or self.legal_form_end(span[1]) is not None) \
                            and all((toks[x].fold,) in self.m.org_words for x in range(*span)):
                        span = None     # "chairman of China General Nuclear Power Corporation": the rest of a company's name
                    while span and span[1] - span[0] > 2 and self.word_class(span[0]) == "noun" and not self._given(span[0]) \
                            and not _INITIAL.match(toks[span[0]].text):
                        span = (span[0] + 1, span[1])   # "Head of Hydrogen Jane Roe": the field, then the name
                    if span is None and j + 2 < lim and toks[j].fold in ("of", "for", "fur"):
                        # "Minister of Energy and Mines Jane Roe": the name begins after the portfolio
                        k = j + 1
                        while k < lim and k - j < 7 and (toks[k].fold in ("and", "und", "&", ",") or toks[k].is_title
                                                         and (not self.namelike(k) or toks[k].pos != "PROPN")):
                            if toks[k].text == "," and k + 1 < lim and toks[k + 1].fold in ("and", "und", "sowie"):
                                break   # "CEO of Kappa, and Jane Roe, …": the next item of a list, no portfolio
                            k += 1
                        if k == j + 1:
                            # "Minister of Mines Karl Beispiel": a one-word portfolio the tagger calls a
                            # name, then a given name that opens a full name
                            k = next((g for g in range(j + 2, min(lim, j + 5)) if self._given(g) and toks[g - 1].is_title
                                      and self.name_span(g, lim, taken) and self._full_name(*self.name_span(g, lim, taken))), k)
                        if k > j + 1 and k < lim and self.namelike(k):
                            span2 = self.name_span(k, lim, taken)
                            while span2 and span2[1] - span2[0] > 2 and self.word_class(span2[0]) != "unknown" \
                                    and not self._given(span2[0]) and not _INITIAL.match(toks[span2[0]].text):
                                span2 = (span2[0] + 1, span2[1])   # "Mines Hollis Tarrant": Mines is the portfolio
                            if span2 and self._full_name(*span2):
                                span = span2
                    if span is None and j + 2 < lim and toks[j].text == ",":
                        # "der Direktor von Equinor, Dralen Fosk,", "Kenya's energy cabinet secretary, Davis
                        # Chirchir, and …": the name in apposition after the role (and its complement)
                        span2 = self.name_span(j + 1, lim, taken)
                        common = None if span2 and self._full_name(*span2) else self._common_given_span(j + 1, lim, taken)
                        span2 = common or span2
                        if span2 and (common or self._full_name(*span2)) and (j > role_end or span2[1] >= lim
                                                                  or toks[span2[1]].text in (",", ".", ";", ")")
                                                                  or toks[span2[1]].fold in ("and", "und", "sowie")):
                            span = span2
                    if span is None and j < lim and toks[j].fold in ("der", "des", "of", "the", "to", "in", "at", "for", "von",
                                                                     "bei", "beim", "in") and j + 3 < lim:
                        k = j + 1
                        while k < lim and k < j + 4 and toks[k].text != ",":
                            k += 1
                        if k < lim and toks[k].text == ",":
                            span2 = self.name_span(k + 1, lim, taken)
                            if span2 and span2[1] - span2[0] >= 2:
                                span = span2
                    if span is None and j + 3 < lim and (toks[j].pos == "ADP" or toks[j].fold in ("der", "des", "the")
                                                         or self.ent_at.get(j) is not None and self.ent_at[j].start == j
                                                         and self.ent_at[j].kind in ("country", "region", "org")) \
                            and not (i - 2 >= sent.start and toks[i - 1].text == "," and self.name_tok(toks[i - 2], taken)):
                        # a longer complement, with no verb in it, before a full name in apposition: "the
                        # heads of the utility on both sides of the river, Jane Roe for Peru and …"; not when the
                        # role is itself in apposition to a name before it ("A, head of X, B, head of Y")
                        k = j + 1
                        while k < lim and k < j + 10 and toks[k].text != "," and toks[k].pos not in ("VERB", "AUX"):
                            k += 1
                        if k + 2 < lim and toks[k].text == ",":
                            span2 = self.name_span(k + 1, lim, taken)
                            common = None if span2 and self._full_name(*span2) else self._common_given_span(k + 1, lim, taken)
                            span2 = common or span2
                            if span2 and (common or self._full_name(*span2)) and (
                                    span2[1] >= lim or toks[span2[1]].text in (",", ".", ";", ")")
                                    or toks[span2[1]].fold in ("and", "und", "sowie", "for", "für", "fur")):
                                span = span2
                    if span and j > role_end and span[1] < lim and (self._org_head(span[1]) or self.legal_form_end(span[1]) is not None) \
                            and not self._full_name(*span):
                        span = None   # "chairman of China General Nuclear Power Corporation": the rest of a company's name
                    if span and span[0] == role_end and span[1] < lim and toks[span[1]].is_title \
                            and (self._org_head(span[1]) or self.legal_form_end(span[1]) is not None) \
                            and not self._given(span[0]) and not _INITIAL.match(toks[span[0]].text):
                        span = None   # "through MP Power Purchase Company": a title-like word opening a company's name
                    if span and span[1] - span[0] >= 2 and not self._given(span[0]) \
                            and ((toks[span[1] - 1].fold,) in self.m.org_words or self._org_head(span[1] - 1)):
                        span = None   # "den Partnern Elsewedy Electric und …": a name ending in a company word
                    if span and span[1] - span[0] >= 2 and not self._given(span[0]) \
                            and any(self.legal_form_end(x) == span[1] for x in range(span[0] + 1, span[1])):
                        span = None   # "ihr Partner Kappa AG", "its partner Kappa Ltd": a name closed by a legal form
                    if span and all(self.word_class(k) == "noun" and toks[k].fold not in self.gaz.given_names
                                    for k in range(*span)):
                        # "laut Ministerin Zuschüsse": a common noun, unless it is the family name
                        # of a person named in full elsewhere in the text
                        mt = add(span[0], span[1], (i, role_end), "role-name")
                        if mt is not None:
                            mt.data["weak"] = True
                        i = span[1]
                        continue
                    if span:
                        add(span[0], span[1], (i, role_end), "role-name")
                        i = span[1]
                        continue
                    i = role_end
                    continue
                i += 1
            # "Name, role ..." and "Name und Name, die role ..."
            for i in range(sent.start, lim):
                if toks[i].text != ",":
                    continue
                k = i + 1
                while k < lim and (toks[k].fold in self.articles or (self.ent_at.get(k) is not None and self.ent_at[k].kind in ("country", "region", "org"))
                                   or toks[k].text in ("'s", "’s")
                                   or toks[k].is_title and k + 1 < lim and toks[k + 1].text in ("'s", "’s")
                                   or toks[k].is_title and self._possessor_run(k, lim)):
                    k = self.ent_at[k].end if self.ent_at.get(k) is not None else k + 1   # "Jane Roe, Zentrox's CEO"
                m = k
                while m < lim and m - k < 3 and toks[m].pos in ("NOUN", "ADJ") and not self.is_role(m) and (
                        toks[m].text[:1].islower() or self.lang == "en" and self.ent_at.get(m) is None and self.word_class(m) == "noun"):
                    m += 1      # the role's portfolio or rank words (common nouns) before it: "Jane Roe, Peru's
                if m > k and m < lim and self.is_role(m) and not (self.lex_at[m].end < lim and self.namelike(self.lex_at[m].end)):
                    k = m   # energy minister", "Max Muster, Group Chief Executive of"; not when a name follows the
                    # role ("Zentrox Systems, Group Chief Executive Jane Roe said": hers, not the company's)
                if k < lim and (self.is_role(k) or self.has_cat(k, "Counterpart")):
                    # walk back over the name(s)
                    e = i
                    s = e
                    while s > sent.start and (self.name_tok(toks[s - 1], taken) or self.m.is_particle(toks[s - 1])) and e - s < 6:
                        s -= 1
                    while s < e and self.m.is_particle(toks[s]):
                        s += 1
                    if e - s == 1 and self.ent_at.get(s) is not None:
                        continue   # "in the city of Munich, officials of …": a known place, not a name
                    if e - s >= 1 and (e - s >= 2 or toks[s].fold in self.gaz.given_names or "." in toks[s].text
                                       or self.namelike(s)):
                        mt = add(s, e, (k, self.lex_at[k].end), "name-role")
                        # a coordinated name before: "Anna Beispiel und Jan Peter Muster, die Minister ..."
                        if mt and s - 1 > sent.start and toks[s - 1].fold in ("und", "and"):
                            e2 = s - 1
                            s2 = e2
                            while s2 > sent.start and self.name_tok(toks[s2 - 1], taken) and e2 - s2 < 5:
                                s2 -= 1
                            if e2 - s2 >= 2:
                                mt2 = add(s2, e2, (k, self.lex_at[k].end), "name-role")
                                if mt2:
                                    mt2.data["coordinated_with"] = mt
                                    mt.data["coordinated_with"] = mt2
            # given name + family name
            for i in range(sent.start, lim):
                if not toks[i].is_title or i in used or i in self.excluded or not self._given(i):
                    continue
                span = self.name_span(i, lim, taken)
                if span and span[1] - span[0] >= 2 \
                        and not any(self.legal_form_end(x) is not None for x in range(span[0] + 1, min(span[1] + 1, lim))) \
                        and not self._company_after_given_name(span[0], span[1], lim):
                    add(span[0], span[1], None, "given-name")   # not "Anna Petronova GmbH", a company
            # Name (Party)
            for i in range(sent.start + 2, lim - 2):
                if toks[i].text == "(" and (toks[i + 1].fold,) in self.m.parties and toks[i + 2].text == ")":
                    e = i
                    s = e
                    while s > sent.start and self.name_tok(toks[s - 1], taken) and e - s < 4:
                        s -= 1
                    if e - s >= 2:
                        add(s, e, None, "party-label")
            self._context_persons(sent, add, used, found)
        found.sort(key=lambda m: m.start)
        # a weak name (a common noun after a role) stays only as the family name of a full name
        surnames = {fold(m.text.split()[-1]) for m in found if len(m.text.split()) >= 2}
        found = [m for m in found if not m.data.get("weak") or fold(m.text) in surnames]
        self.person_mentions = found
        # a family name alone ("Ministerin Neubaur") that belongs to a full name found elsewhere
        full = {}
        for mt in found:
            parts = mt.text.split()
            if len(parts) >= 2:
                full.setdefault(fold(parts[-1]), mt)
        for mt in found:
            if " " not in mt.text and mt.iri is None:
                key = fold(mt.text)
                if key not in full:
                    # the family name spelt with a slip (Halvorssen for Halvorsen)
                    key = next((k for k in full if one_slip(k, key)), key)
                if key in full:
                    mt.data["full"] = full[key]
        self._link_persons()
        self._surname_mentions()

    def _company_after_given_name(self, s: int, e: int, lim: int) -> bool:
        """A run opened by a given name that is a company's name: it ends in a plural word of
        company names ("Elena Renewables", "Hans Technologies": no family name is one) or an
        organization head or word of company names follows it ("Hans Hydrogen Partners", "Jan De
        Nul Group"), or it ends in an acronym ("Port Arthur LNG", "Victoria CCS": no family name is
        written in capitals only; a Roman numeral is)."""
        toks = self.tokens
        last = toks[e - 1]
        if (last.fold,) in self.m.org_words and last.fold.endswith("s") and last.text[:1].isupper():
            return True
        if e - s >= 2 and last.text.isalpha() and last.text.isupper() and len(last.text) >= 2 \
                and not _NAME_NUMBER.fullmatch(last.text):
            return True
        return e < lim and toks[e].is_title and (self._org_head(e) or (toks[e].fold,) in self.m.org_words)

    def _common_given_span(self, k: int, lim: int, taken) -> tuple[int, int] | None:
        """A name opened by a given name that is also a common word (lexicon CommonWordGivenName:
        Will, German, Asset), asked only right after a role title or in apposition to one
        ("Energy Minister Will Mendoza", "der Minister für Industrie, Asset Nurow,"): the word and
        the family name after it, which must read as a name and end the name."""
        toks = self.tokens
        if k + 1 >= lim or not toks[k].is_title or toks[k].fold not in self.gaz.words("CommonWordGivenName") \
                or k in self.excluded or not self.namelike(k + 1):
            return None
        rest = self.name_span(k + 1, lim, taken)
        if rest is None or rest[1] - rest[0] > 3 or not self._name_ends(rest[1], lim):
            return None
        return (k, rest[1])

    def _citizen_noun(self, k: int) -> bool:
        """Token k is a nationality noun ("Bulgare", "Frenchman", "Norweger"), not an adjective."""
        mt = self.ent_at.get(k)
        if mt is not None:
            return mt.start == k and mt.end == k + 1 and mt.form in ("nat", "natsg")
        return self.tokens[k].fold in self.gaz.bare_nationality

    def _full_name(self, s: int, e: int) -> bool:
        """A run of two to four name words that reads as a person's name, not as a company's."""
        toks = self.tokens
        if not 2 <= e - s <= 5 or any(k in self.excluded for k in range(s, e)):
            return False
        words = [k for k in range(s, e) if not self.m.is_particle(toks[k])]
        if len(words) < 2 or not all(self.namelike(k) for k in words) \
                or toks[e - 1].pos in ("ADJ", "VERB") and self.word_class(e - 1) not in ("unknown", "name"):
            return False    # "Kappa Solar signed"; an unknown word the tagger calls a verb may be a name (Plit)
        if e < len(toks) and (self._org_head(e) or self.legal_form_end(e) is not None or (toks[e].fold,) in self.m.org_words):
            return False
        return True

    def _name_before(self, e: int, start: int) -> tuple[int, int] | None:
        """The name run that ends just before token e."""
        s = e
        while s > start and (self.name_tok(self.tokens[s - 1], self.by_token) or self.m.is_particle(self.tokens[s - 1])) \
                and e - s < 5:
            s -= 1
        while s < e and self.m.is_particle(self.tokens[s]):
            s += 1
        return (s, e) if e > s else None

    def _context_persons(self, sent, add, used: set[int], found: list[Mention]) -> None:
        """Persons whose given name is not listed, found from their context: an honorific
        ("Mr. Pell"), an initial ("A. Muster"), a reporting verb ("said Jane Roe", "Jane Roe
        told", "sagte Max Muster") and a list with a person found already ("Kaarel Tamm,
        Jean-Luc Muster und Aino Beispiel")."""
        toks = self.tokens
        taken = self.by_token
        lim = sent.end
        for i in range(sent.start, lim):
            t = toks[i]
            if not t.is_title or i in used or i in self.excluded:
                continue    # (the cheap test first: an honorific and an initial have a capital)
            # Mr. / Dr. / Herr / Frau + name
            if t.fold in _HONORIFICS and t.is_title and i + 1 < lim:
                span = self.name_span(i + 1, lim, taken)
                if span and all(self.namelike(k) or self.m.is_particle(toks[k])
                                or toks[k].lemma in ("", toks[k].fold) and self.ent_at.get(k) is None for k in range(*span)):
                    add(span[0], span[1], None, "honorific")
            # "der Bulgare Rossak Velitschew", "the Frenchman Jan Muster": a nationality noun (no adjective)
            # after an article, then a full name
            elif self._citizen_noun(i) and i > sent.start and toks[i - 1].fold in self.articles and i + 2 < lim:
                span = self.name_span(i + 1, lim, taken)
                if span and span[0] == i + 1 and self._full_name(*span):
                    add(span[0], span[1], None, "nationality")
            # A. Muster, J.R. Ewing
            elif _INITIAL.match(t.text) and i + 1 < lim and self.namelike(i + 1) and not self._org_context(i + 1):
                span = self.name_span(i, lim, taken)
                if span and span[1] - span[0] >= 2:
                    add(span[0], span[1], None, "initial")
        # photo captions: "Jane Roe (left) and Max Muster (rechts)"
        for i in range(sent.start + 2, lim - 2):
            if toks[i].text == "(" and toks[i + 2].text == ")" and toks[i + 1].fold in (
                    "left", "right", "centre", "center", "l.", "r.", "links", "rechts", "mitte", "m."):
                before = self._name_before(i, sent.start)
                if before and self._full_name(*before):
                    add(before[0], before[1], None, "caption")
        # "Jane Roe, 54, ..." and the German ", so Max Muster."
        for i in range(sent.start, lim - 2):
            if toks[i].text != ",":
                continue    # (both begin with a comma)
            if re.fullmatch(r"\d{2}", toks[i + 1].text) and toks[i + 2].text in (",", ")"):
                before = self._name_before(i, sent.start)
                if before and self._full_name(*before):
                    add(before[0], before[1], None, "age")
            if toks[i + 1].fold == "so" and self.lang == "de":
                span = self.name_span(i + 2, lim, taken)
                if span and self._full_name(*span) and (span[1] >= lim or toks[span[1]].text in (".", ",", ";")):
                    add(span[0], span[1], None, "reporting")
        # reporting verbs: "said Jane Roe", "according to Jane Roe", "Jane Roe said", "sagte Max Muster"
        for i in self.cat_positions(("ReportingVerb", "SigningVerb", "WitnessCue", "WitnessPreposition"), sent.start, lim):
            if self.lex_at[i].start != i:
                continue
            if self.lex_at[i].end == i + 1 and toks[i].pos not in ("VERB", "ADP") and not self.has_cat(i, "WitnessCue"):
                continue   # "the states", not "states"
            after = self.lex_at[i].end
            while after < lim and (toks[after].pos == "AUX" or toks[after].fold in ("by", "von")
                                   or toks[after].pos in ("ADV", "PRON") and toks[after].text[:1].islower()) \
                    and after - i < 4:
                after += 1      # "Unterzeichnet haben X", "signed by X", "Anwesend war auch X", "Unterzeichnet wurde es von X"
            span = self.name_span(after, lim, taken) if after < lim else None
            if span and self._full_name(*span):
                add(span[0], span[1], None, "reporting")
            before = self._name_before(i, sent.start)
            if before and self._full_name(*before) and (before[0] == sent.start or toks[before[0] - 1].text in (",", "–", "-")
                                                        or toks[before[0] - 1].text in _CLOSE_Q
                                                        or toks[before[0] - 1].pos in ("ADP", "CCONJ", "ADV", "SCONJ")
                                                        or toks[before[0] - 1].fold in self.articles):
                add(before[0], before[1], None, "reporting")
        # "für die Kappa AG Max Muster", "for Peru Jane Roe": a name right after the side in a signing clause
        if self.cat_in("SigningVerb", sent.start, lim):
            for i in range(sent.start, lim - 2):
                if toks[i].fold not in ("für", "fur", "for") or i + 1 in used:
                    continue
                k = i + 1
                while k < lim and toks[k].fold in self.articles:
                    k += 1
                known = self.ent_at.get(k)
                if known is None or known.start != k or known.kind not in ("country", "region", "org", "place"):
                    continue
                span = self.name_span(known.end, lim, taken)
                if span and span[0] not in used and self._full_name(*span) \
                        and (span[1] >= lim or toks[span[1]].text in (",", ".", ";") or toks[span[1]].fold in ("und", "and")):
                    add(span[0], span[1], None, "for-side")
        for i in range(sent.start, lim - 1):
            if not toks[i].is_title or i in used or i in self.excluded:
                continue
            # "Jane Roe, who heads …", "Max Muster, der die Agentur leitet", "Jane Roe (Zentrox) and …",
            # "Jane Roe of Zentrox said", "Zentrox's Jane Roe signed"
            starts = i == sent.start or toks[i - 1].text in (",", "(", ":") or toks[i - 1].pos in ("ADP", "CCONJ", "VERB", "AUX") \
                or toks[i - 1].fold in self.articles or toks[i - 1].text in ("'s", "’s")
            if not starts or not (i > sent.start and toks[i - 1].text in ("'s", "’s") or any(
                    toks[x].text in (",", "(") or toks[x].fold in ("of", "from") for x in range(i + 2, min(lim, i + 5)))):
                continue    # (cheap tests first: where the name starts, then a comma, bracket or "of" after it)
            span = self.name_span(i, lim, taken)
            if not span or not 2 <= span[1] - span[0] <= 3 or not self._full_name(*span) or span[1] + 1 >= lim:
                continue
            e = span[1]
            nxt, nxt2 = toks[e], toks[e + 1]
            after_possessive = i > sent.start and toks[i - 1].text in ("'s", "’s") and self.ent_at.get(i - 2) is None \
                and (nxt.pos in ("VERB", "AUX") or nxt.text == ",")
            relative = nxt.text == "," and nxt2.fold in ("who", "whose", "der", "die") and (nxt2.fold in ("who", "whose") or (
                e + 2 < lim and toks[e + 2].pos in ("DET", "PRON", "ADV", "ADP")))
            bracket = nxt.text == "(" and e + 2 < lim and toks[e + 1].is_title and any(
                toks[c].text == ")" for c in range(e + 2, min(lim, e + 6)))
            of_org = nxt.fold in ("of", "from") and nxt2.is_title and self.ent_at.get(e + 1) is None \
                and not self.has_cat(e + 1, "RoleTitle") and e + 2 < lim and (
                    toks[e + 2].pos in ("VERB", "AUX") or toks[e + 2].fold in ("and", ",") or toks[e + 2].is_title
                    and e + 3 < lim and (toks[e + 3].pos in ("VERB", "AUX") or toks[e + 3].fold in ("and", ",")))
            ent = self.ent_at.get(e + 1)
            of_actor = nxt.fold in ("of", "from") and ent is not None and ent.start == e + 1 \
                and ent.kind in ("country", "region", "org") and ent.end < lim \
                and (toks[ent.end].pos in ("VERB", "AUX") or toks[ent.end].fold in ("and", "und", ","))
            if after_possessive or relative or bracket or of_org or of_actor:
                add(span[0], span[1], None, "context")   # "Tarvo Quillsen of Chile and …", "X Y from Peru signed"
        # a list of three or more full names, or of two where one has a known given name:
        # "Present were Kaarel Tamm, Jean-Luc Muster and Aino Beispiel"
        members: list[tuple[int, int]] = []
        k = sent.start
        while k < lim:
            span = self.name_span(k, lim, taken) if (
                k == sent.start or toks[k - 1].text == "," or toks[k - 1].fold in ("and", "und", "sowie")
                or toks[k - 1].pos in ("VERB", "AUX", "ADP")) and (toks[k].is_title or _PARTICLE_NAME.match(toks[k].text)) \
                else None   # (the last test is name_tok's first: a name begins so)
            if span and self._full_name(*span) or span and any(m.start == span[0] and m.end == span[1] for m in found):
                members.append(span)
                k = span[1]
                if k < lim and (toks[k].text == "," or toks[k].fold in ("and", "und", "sowie")):
                    k += 1
                    continue
            if len(members) >= 2 and (len(members) >= 3 or any(self._given(a) for a, _ in members)) \
                    and any(toks[b].fold in ("and", "und", "sowie") for _, b in members[:-1] if b < lim):
                for a, b in members:
                    if not any(x in used for x in range(a, b)):
                        add(a, b, None, "name-list")
            members = []
            k += 1
        # coordinated with a person: "X Y, A B and C D", "X Y, the Energy Secretary, and C D"
        changed = True
        while changed:
            changed = False
            persons = [m for m in found if sent.start <= m.start < lim]
            for pm in persons:
                # a name after the person (after an apposition between commas too)
                k = pm.end
                if k < lim and toks[k].text == ",":
                    c = k + 1
                    while c < lim and c - k < 10 and toks[c].text != ",":
                        c += 1
                    if c + 2 < lim and c - k < 10 and toks[c + 1].fold in ("and", "und") \
                            and any(self.is_role(x) for x in range(k + 1, c)):
                        k = c + 1
                if k + 2 < lim and toks[k].fold in ("for", "für", "fur"):
                    c = k + 1
                    while c < lim and toks[c].fold in self.articles:
                        c += 1
                    side = self.ent_at.get(c)
                    if side is not None and side.start == c and side.kind in ("country", "region", "org"):
                        k = side.end    # "Jane Roe for Peru and Max Muster for Chile": past the side signed for
                if k + 1 < lim and (toks[k].text == "," or toks[k].fold in ("and", "und", "sowie")):
                    span = self.name_span(k + 1, lim, taken)
                    if span and span[0] not in used and self._full_name(*span) \
                            and (span[1] >= lim or toks[span[1]].text in (",", ".", ")") or toks[span[1]].fold in ("and", "und", "sowie")
                                 or toks[span[1]].pos in ("VERB", "AUX", "ADP", "DET")):   # "… X und Y ein Abkommen"
                        if add(span[0], span[1], None, "coordination"):
                            changed = True
                # a name before the person
                k = pm.start - 1
                if k - 1 >= sent.start and (toks[k].text == "," or toks[k].fold in ("and", "und", "sowie")):
                    span = self._name_before(k, sent.start)
                    if span and span[0] not in used and self._full_name(*span) \
                            and (span[0] == sent.start or toks[span[0] - 1].text in (",", ":")
                                 or toks[span[0] - 1].pos in ("VERB", "AUX", "ADP") or toks[span[0] - 1].fold in self.articles):
                        if add(span[0], span[1], None, "coordination"):
                            changed = True

    def _given(self, k: int) -> bool:
        """Token k is a known given name (the first part of a hyphenated one too: Jean-Luc)."""
        t = self.tokens[k]
        if t.text.isupper() and len(t.text) > 1:
            return False    # a Roman numeral or an acronym: XI is not the given name Xi
        f = t.fold
        return f in self.gaz.given_names or ("-" in f and f.split("-")[0] in self.gaz.given_names) \
            or (t.text.endswith("né") and f[:-2] in self.gaz.given_names)   # Hungarian married name: Lászlóné

    def _org_context(self, k: int) -> bool:
        """Token k begins something that reads as a company: a head word or legal form follows."""
        toks = self.tokens
        for j in range(k, min(len(toks), k + 4)):
            if self._org_head(j) or self.legal_form_end(j) is not None:
                return True
            if not toks[j].is_title:
                break
        return False

    def _link_persons(self) -> None:
        for mt in self.person_mentions:
            ent = self._person_for(mt)
            ent.mentions.append(mt)
            mt.iri = ent.iri

    def _person_for(self, mt: Mention) -> PersonEntity:
        if mt.data.get("full") is not None and mt.data["full"] is not mt:
            other = mt.data["full"]
            # the full-name mention may already carry a gazetteer/curated IRI without having
            # been turned into an entity yet (it comes later in the mention list)
            ent = self.persons.get(other.iri) if other.iri else None
            if ent is None:
                ent = self._person_for(other)
            other.iri = ent.iri
            ent.aliases.add(mt.text)
            return ent
        name = mt.text
        if mt.iri and mt.iri in self.gaz.entities:
            iri = mt.iri
        else:
            iri = None
            # a known spelling of a gazetteer person (fuzzy, across transliterations)
            for words in [tuple(fold(w) for w in name.split())]:
                for giri, form, _ in self.gaz.phrases.get(words, []):
                    if giri in self.gaz.entities and self.gaz.entities[giri].kind == "person":
                        iri = giri
            if iri is None:
                for p in self.persons.values():
                    if fuzz.token_sort_ratio(fold(p.name), fold(name)) >= 88:
                        iri = p.iri
                        break
            if iri is None and len(name.split()) >= 2:
                # a misspelt gazetteer person: Vladimir Puttin
                folded = " ".join(fold(w) for w in name.split())
                spaces = folded.count(" ")
                for label, giri in person_index(self.gaz):
                    if label.count(" ") == spaces and fuzz.ratio(label, folded) >= 90 \
                            and label.split()[-1][:1] == folded.split()[-1][:1]:
                        iri = giri
                        break
            if iri is None:
                iri = str(entity_iri("person", slugify(name)))
        ent = self.persons.get(iri)
        if ent is None:
            ent = PersonEntity(iri, name)
            self.persons[iri] = ent
        else:
            if len(name) > len(ent.name) and mt.data.get("how") != "surname":
                ent.aliases.add(ent.name)
                ent.name = name
            else:
                ent.aliases.add(name)
        return ent

    def _surname_mentions(self) -> None:
        """Later mentions of a family name alone ("Muster", "Beispiels") are the same person."""
        last: dict[str, str] = {}
        for ent in self.persons.values():
            parts = [p for p in ent.name.split() if p not in ("Jr.", "Sr.", "Jr", "Sr")]
            if len(parts) >= 2:
                for key in {fold(parts[-1]), fold(parts[0])} if len(parts) == 2 else {fold(parts[-1])}:
                    last.setdefault(key, ent.iri)
        covered = set()
        for mt in self.person_mentions:
            covered.update(range(mt.start, mt.end))
        extra = []
        by_initial: dict[str, list[tuple[str, str]]] = {}   # (one_slip wants the same first letter)
        for k, v in last.items():
            by_initial.setdefault(k[:1], []).append((k, v))
        for tok in self.tokens:
            if tok.i in covered or not tok.is_title:
                continue
            key = tok.fold
            iri = last.get(key) or (last.get(key[:-1]) if key.endswith("s") else None)
            if iri is None and key[:1] in by_initial and tok.i not in self.excluded and self.namelike(tok.i):
                # the family name spelt with a slip: "Halvorssen" in one place, "Halvorsen" in another
                iri = next((v for k, v in by_initial.get(key[:1], ()) if one_slip(k, key)), None)
            if iri and tok.i + 1 < len(self.tokens) and self.tokens[tok.i + 1].is_title \
                    and self.tokens[tok.i + 1].i not in covered and self.ent_at.get(tok.i + 1) is None \
                    and self.lex_at.get(tok.i + 1) is None and self.word_class(tok.i + 1) in ("name", "unknown") \
                    and tok.i > 0 and self.has_cat(tok.i - 1, "CompanyWord"):
                continue    # "der Baukonzern Muster Kappalo": the family name begins a company's name
            if iri and (tok.i not in self.ent_at) and tok.i not in self.excluded:
                mt = Mention(tok.i, tok.i + 1, "person", iri, "surname", tok.text, data={"how": "surname"})
                self.persons[iri].mentions.append(mt)
                extra.append(mt)
        self.person_mentions = sorted(self.person_mentions + extra, key=lambda m: m.start)

    # ------------------------------------------------------------------ organizations
    def find_orgs(self, sentences) -> list[Mention]:
        toks = self.tokens
        out: list[Mention] = []
        taken: set[int] = set()
        person_tokens = {k for mt in self.person_mentions for k in range(mt.start, mt.end)}
        sent_starts = {sent.start for sent in sentences}
        # tokens whose first hyphenated part is a known organisation ("Kappa-Gesellschaft")
        self._org_first_part = {m.start for m in self.mentions if m.kind == "org" and m.data.get("part") == 0}
        # acronyms the text gives for a project, a pipeline or an agreement ("Trans Kappa Pipeline
        # (TKP)", "Nordwind Green Partnership (NGP)"): "die TKP" is that, no organisation
        self._non_org_acronyms = {
            toks[k + 1].fold for k in range(1, len(toks) - 2)
            if toks[k].text == "(" and toks[k + 2].text == ")" and toks[k + 1].text.isupper() and toks[k + 1].text.isalpha()
            and toks[k - 1].text[:1].isupper() and self.has_cat(k - 1, "AgreementWord", "ProjectWord")}

        def title(k: int) -> bool:
            t = toks[k]
            return (t.is_title or t.text[:1].isdigit() and k > 0 and toks[k - 1].text[:1].isupper()
                    and not re.fullmatch(r"[\d.,]+", t.text)) \
                and k not in person_tokens and k not in self.excluded \
                and ((t.fold,) not in self.m.not_a_name or self._org_head(k) or (t.fold,) in self.m.org_words)

        def add(s: int, e: int, how: str, iri: str | None = None, acronym: str | None = None):
            while e > s + 1 and re.fullmatch(r"[\d.,%]+", toks[e - 1].text):
                e -= 1      # "Kappa 24,9 Prozent"
            while e > s + 1 and "-" in toks[s].text and fold(toks[s].text.rsplit("-", 1)[-1]) in self.descriptor_words:
                s += 1      # "Luxembourg-based ArcelorMittal", "Kremlin-controlled Zentrogaz"
            if self.lang == "de" and e - s >= 3 and self._german_descriptor(s) and toks[s + 1].is_title \
                    and any(self._english_org_word(x) for x in range(s + 1, e)):
                s += 1      # "die Netztochter Kappa Grid Holding": a German description before an English name
            if any(k in taken or k in self.excluded for k in range(s, e)) or e <= s:
                return None
            if self.legal_form_end(s) == e and not self._org_head(s):
                return None     # a legal form alone ("GmbH") names nothing
            if e == s + 1 and "-" in toks[s].text and fold(toks[s].text.rsplit("-", 1)[-1]) in self.descriptor_words:
                return None     # "Libya's Tripoli-based government": a description, no name
            words = [t.text for t in toks[s:e]]
            if words.count("(") != words.count(")"):
                return None     # "(GIZ) GmbH": a part of a name cut inside its brackets
            name = join_tokens(toks[s:e])
            if not name or (len(name) < 2):
                return None
            if self.lang == "de" and s > 0 and toks[s - 1].fold in ("des", "eines"):
                name = self._nominative(s, e, name)   # des Bundesverbands Erneuerbare Energie -> Bundesverband …
            if self.lang == "de" and s > 0 and (toks[s - 1].fold in ("der", "einer") or toks[s - 1].fold in self.masc_neut_articles) \
                    and toks[s].pos == "ADJ" and toks[s].is_title and toks[s].text.endswith("en") and e > s + 1 \
                    and toks[s + 1].pos in ("NOUN", "PROPN") and (self.ent_at.get(s) is None or self.ent_at[s].form == "adj"):
                # der Deutschen Umwelthilfe -> Deutsche …, des Kappaischen Instituts -> Kappaisches Institut
                name = self._strong_adjective(toks[s].text, s + 1, toks[s - 1].fold) + name[len(toks[s].text):]
            elif self.lang == "de" and s > 0 and toks[s - 1].fold in ("der", "das") and toks[s].pos == "ADJ" \
                    and toks[s].is_title and toks[s].text.endswith("e") and e > s + 1 and toks[s + 1].pos in ("NOUN", "PROPN") \
                    and (self.ent_at.get(s) is None or self.ent_at[s].form == "adj"):
                # der Kappaische Rat -> Kappaischer Rat (a name is given without its article)
                name = self._strong_adjective(toks[s].text, s + 1, toks[s - 1].fold) + name[len(toks[s].text):]
            mt = Mention(s, e, "org", iri, "pattern", name, data={"how": how, "acronym": acronym})
            taken.update(range(s, e))
            out.append(mt)
            return mt

        for sent in sentences:
            lim = sent.end
            # Full Name (ACRONYM)
            for i in range(sent.start + 1, lim - 2):
                if toks[i].text != "(" or toks[i + 2].text != ")" and not (i + 3 < lim and toks[i + 3].text == ")"):
                    continue
                close = i + 2 if toks[i + 2].text == ")" else i + 3
                acr = " ".join(t.text for t in toks[i + 1:close])
                if not _ACRONYM_OK(acr) or (fold(acr),) in self.m.parties:
                    continue
                e = i
                s = e
                while s > sent.start:
                    if title(s - 1):
                        s -= 1
                        continue
                    c = s - 1
                    while c > sent.start and (toks[c].fold in ("of", "for", "the", "&", "and", "fur", "und")
                                              or toks[c].fold in self.org_connectors and toks[c].text.islower()
                                              or toks[c].pos == "ADJ" and toks[c].text[:1].islower() and self.lang == "de") \
                            and s - c < 4:
                        c -= 1
                    if c < s - 1 and title(c) and self.lang == "de" and toks[c + 1].fold == "des" \
                            and toks[c].pos == "NOUN" and self.word_class(c) == "noun":
                        break   # "eine Studie des Kappaischen Instituts (KI)": a German noun and its genitive
                    if c < s - 1 and title(c) and toks[c + 1].fold != "the":
                        if any(toks[x].fold in ("and", "und") for x in range(c + 1, s)) \
                                and (toks[c].text.isupper() or self.ent_at.get(c) is not None and self.ent_at[c].end <= c + 1):
                            break   # "Nordwind and Peruvian Strategic … Limited (PSRL)": another name before "and"
                        s = c
                        continue
                    break
                # an enumeration with commas inside the name, after its head and "of"/"für": "the Ministry of
                # Energy, Mines and Environment (MEME)", "das Departement für Umwelt, Verkehr und Energie (DUVE)"
                c = s
                while c - 2 > sent.start and toks[c - 1].text == "," and title(c - 2) and c - 2 not in taken:
                    c -= 2
                    while c - 1 > sent.start and title(c - 1) and c - 1 not in taken:
                        c -= 1
                    if toks[c - 1].fold in ("of", "for", "fur") and c - 2 >= sent.start and c - 2 not in taken \
                            and (self._org_head(c - 2) or self.has_cat(c - 2, "OrgHead")):
                        h = c - 2
                        while h - 1 >= sent.start and title(h - 1) and self.ent_at.get(h - 1) is None and h - 1 not in taken:
                            h -= 1
                        if _initials_fit(acr, " ".join(t.text for t in toks[h:e])) \
                                or _initials_fit(acr, " ".join(t.text for t in toks[c:e])):
                            s = h       # (the acronym may spell the enumeration alone: UHEW)
                        break
                while s < e and toks[s].fold in ("the", "of", "and", "&", "for"):
                    s += 1
                # "Zentrox and Kappa National Power (KNP)": the acronym starts after the "and"
                for x in range(s + 1, e - 1):
                    if toks[x].fold in ("and", "und", "&") and toks[s].text[:1].upper() != acr[:1].upper() \
                            and toks[x + 1].text[:1].upper() == acr[:1].upper() \
                            and not any(self._org_head(y) for y in range(s, x)):
                        s = x + 1
                        break
                # a descriptive common noun before the name: "der Netzbetreiber Kappa Grid (KG)"
                while s < e - 1 and self.lang == "de" and toks[s].pos == "NOUN" and self.word_class(s) == "noun" \
                        and (toks[s].fold,) not in self.m.org_heads_en and (toks[s].fold,) not in self.m.org_words \
                        and toks[s + 1].text[:1].upper() == acr[:1].upper() and self.ent_at.get(s) is None:
                    s += 1
                # a company word that the acronym does not spell opens the sentence: "Chipmaker Kappa
                # Semiconductor Co (KSC)", "Miner Kappa Resources (KR)": a description, not the name
                # (English only, and only where the capital is the sentence's: "Agentur Innovation und
                # Netzsysteme (INEA)" and "Authority for …" keep their head word)
                while s < e - 1 and self.lang == "en" and (s == sent.start or toks[s - 1].text in ("–", "—", "-", ":")) \
                        and self.has_cat(s, "CompanyWord") and self.ent_at.get(s) is None \
                        and fold(toks[s].text)[:1] != fold(acr)[:1] and fold(toks[s + 1].text)[:1] == fold(acr)[:1]:
                    s += 1
                # a known organisation that ends at the bracket is the name: "der EU-Konkurrent Kappa Power (KP)"
                for x in range(s + 1, e):
                    kn = self.ent_at.get(x)
                    if kn is not None and kn.kind == "org" and kn.start == x and kn.end == e:
                        s = x
                        break
                # a nationality adjective before the name is not part of it unless the acronym says so:
                # "the American Rural Energy Investment Corp. (AREIC)"
                # (its letter in the acronym that no other word of the name explains: "Brazilian
                # Association of … (ABIHV)" keeps it, "Moroccan Office of … Mines (ONHYM)" does not)
                while s < e - 1 and self._nationality(s) and (
                        fold(toks[s].text)[:1] not in fold(acr)
                        or fold(toks[s].text)[:1] in {fold(toks[x].text)[:1] for x in range(s + 1, e) if toks[x].is_title}):
                    s += 1
                if e - s < 1:
                    continue
                span_words = " ".join(t.text for t in toks[s:e])
                if any(self.has_cat(k, "AgreementWord") and not self._named_alliance(s, k) for k in range(s, e)) \
                        or not _initials_fit(acr, span_words) \
                        or self._project_end(s, e):
                    continue
                # the acronym abbreviates the last word alone: "the Zambia-Eswatini-Peru-Tonga-Angola (ZEPTA)"
                last_parts = [x for x in toks[e - 1].text.split("-") if x]
                if len(last_parts) >= 2 and "".join(x[0] for x in last_parts).upper() == acr.replace(" ", "").upper():
                    continue
                known = self.ent_at.get(s)
                if known and known.kind in ("country", "region") and known.end >= e:
                    continue
                iri = known.iri if known and known.kind == "org" and known.end >= e else None
                add(s, e, "acronym", iri, acr)
                taken.update(range(i + 1, close))
            self._prefix_legal_names(sent, title, add, taken, person_tokens)
            self._legal_form_names(sent, title, add, taken, person_tokens)
            self._variant_names(sent, add, taken, person_tokens)
            self._camel_names(sent, title, add, taken, person_tokens)
            self._place_company_names(sent, title, add, taken, person_tokens)
            self._nationality_company_names(sent, add, taken, person_tokens)
            self._acronym_place_names(sent, add, taken, person_tokens)
            self._name_country_names(sent, add, taken, person_tokens)
            self._described_names(sent, add, taken, person_tokens)
            self._nationality_acronyms(sent, add, taken, person_tokens)
            # capitalised span with an organization head word, and known-name extensions
            i = sent.start
            while i < lim:
                if not toks[i].is_title and not toks[i].text[:1].isdigit():
                    i += 1      # (the cheap test first: no name starts here, see title)
                    continue
                if i in taken or not title(i) or self.has_cat(i, "CompanyWord") and not (
                        self._org_head(i) and i + 1 < lim and toks[i + 1].fold in ("of", "for")):
                    i += 1      # "the agency Kappa": the name follows; "Agency for …" is one
                    continue
                if self._nationality(i, regions=True) and (nxt := self.ent_at.get(i + 1)) is not None \
                        and nxt.kind == "org" and nxt.start == i + 1 and nxt.end < lim and title(nxt.end) \
                        and (toks[nxt.end].fold,) in self.m.org_words:
                    i += 1      # "die Schweizer Kappa Trading", "the Swiss Kappa Trading": the known name, extended
                    continue    # by a word of company names, begins after the adjective (not "the Belgian Kappa Council")
                if i == sent.start and toks[i].pos == "ADV" and i + 1 < lim and self.namelike(i + 1) \
                        and self._sentence_opener(i, sent.start):
                    i += 1      # "Meanwhile Zentrox Holdings signed": an adverb opens the sentence, the name follows
                    continue
                j = i
                has_head = False
                while j < lim:
                    if j > i and self.has_cat(j, "CompanyWord") and not self._org_head(j) and j + 1 < lim \
                            and title(j + 1) and not self.has_cat(j + 1, "CompanyWord") \
                            and (self.lang == "de" or toks[j].text[:1].islower()):
                        i = j = j + 1       # "des Essener Konzerns Kappa Holding": the name follows the company word
                        has_head = False
                        continue
                    # an agreement word followed by an organization head is part of the name ("Partnership Fund")
                    agr_in_name = self.has_cat(j, "AgreementWord") and j > i and (
                        j + 1 < lim and title(j + 1) and self._org_head(j + 1) or self._named_alliance(i, j)
                        or self._portfolio_cooperation(i, j, has_head))
                    # a head word that is also a role ("Partners") closes a name after a name word
                    head_role = j > i and self._org_head(j) and self.has_cat(j, "RoleTitle") \
                        and not self.has_cat(j, "SigningVerb", "AgreementWord")
                    # a role word that is also a word of company names, inside a name: "China General Nuclear Power"
                    name_role = j > i and (toks[j].fold,) in self.m.org_words and self.has_cat(j, "RoleTitle") \
                        and j + 1 < lim and title(j + 1) and not self.has_cat(j + 1, "RoleTitle") and j + 1 not in taken
                    if title(j) and (agr_in_name or head_role or name_role
                                     or not self.has_cat(j, "RoleTitle", "SigningVerb", "AgreementWord")) \
                            and j not in taken:
                        le = self.legal_form_end(j) if j > i else None
                        if le is not None:      # a legal form closes the name
                            j = le
                            has_head = True
                            break
                        if self._org_head(j) or (toks[j].fold,) in self.m.org_words or agr_in_name:
                            has_head = has_head or self._org_head(j) or self._named_alliance(i, j)
                        elif j > i and (toks[j - 1].fold,) in self.m.org_words and self.has_cat(j, "CompanyWord") \
                                and not (j + 1 < lim and title(j + 1)):
                            has_head = True     # a company word after a name word closes the name: "Kappa Energie Gruppe"
                        j += 1
                    elif toks[j].text == "(" and j > i and j + 3 < lim and toks[j + 2].text == ")" \
                            and title(j + 1) and title(j + 3):
                        j += 3          # "Churchill Falls (Labrador) Corporation"
                    elif toks[j].text == "," and j > i and (has_head or self._org_head(i)) \
                            and any(toks[x].fold in ("of", "for") for x in range(i, j)) and self._enumeration(j, lim, title):
                        j += 1          # "Ministry of Water, Energy and Mines"
                    elif toks[j].fold in ("&", "and") and j > i and j + 1 < lim and title(j + 1) \
                            and self._joined_business_lines(j, lim, title):
                        j += 1          # "Kappa Oil and Gas Corporation", "Korea Gas & Power Corporation"
                    elif toks[j].fold == "&" and j > i and j + 1 < lim and title(j + 1):
                        # an ampersand between capitalised words joins a firm's name ("Kappa Supply & Trading",
                        # "Norvik Wind & Solar"), when a word before it is a name, not only common nouns or
                        # a country ("Bosnia & Herzegovina and Croatia")
                        has_head = has_head or any(self.word_class(x) != "noun" and toks[x].text[:1].isupper()
                                                   and (self.ent_at.get(x) is None or self.ent_at[x].kind == "org")
                                                   for x in range(i, j)) \
                            and not any(self.ent_at.get(x) is not None and self.ent_at[x].kind in ("country", "region")
                                        for x in range(i, j + 2))
                        j += 1
                    elif self.lang == "de" and j > i and toks[j].fold in ("fur", "für") and self._org_head(j - 1) \
                            and self._fuer_end(j, lim, title) > j:
                        j = self._fuer_end(j, lim, title)   # "das Kieler Zentrum für Netzforschung"
                        has_head = True
                        break
                    elif j > i and toks[j].fold in self.org_connectors and toks[j].text.islower() \
                            and (has_head or self._org_head(i)) and self._connected_word(j, lim, title):
                        j = self._connected_word(j, lim, title)   # "Empresa Nacional de Electricidad de Panamá"
                    elif toks[j].fold == "of" and j + 2 < lim and toks[j + 1].fold == "the" and self.is_role(j + 2) \
                            and self.lex_at[j + 2].start == j + 2 and j == i + 1 and self._org_head(i):
                        j = self.lex_at[j + 2].end     # "the Office of the President", "Office of the Prime Minister"
                        has_head = True
                    elif toks[j].fold in ("of", "for") and j + 2 < lim and toks[j + 1].fold == "the" and title(j + 2) \
                            and j > i and (has_head or self._org_head(i)) and not self.has_cat(j + 2, "RoleTitle", "AgreementWord") \
                            and not (self.ent_at.get(j + 1) or self.ent_at.get(j + 2)):
                        j += 2          # "Agency for the Assessment of …", "Ministry of the Environment"
                    elif toks[j].fold in ("of", "for", "the", "and") and j + 1 < lim and title(j + 1) \
                            and j > i and (has_head or self._org_head(i) or toks[j].fold == "and" and self._head_ahead(j + 1, lim, title)
                                           and (all((toks[x].fold,) in self.m.org_words for x in range(i, j))
                                                or self._one_name_before_and(i, j, sent.start))) \
                            and not (toks[j].fold == "and" and (self._org_head(j - 1) or has_head and self._head_ahead(j + 1, lim, title))) \
                            and not (toks[j].fold == "and" and self._country_possessive(j + 1)) \
                            and not (toks[j].fold == "and" and self._of_country_before(j)) \
                            and not (toks[j].fold == "and" and self.ent_at.get(j + 1) is not None
                                     and self.ent_at[j + 1].kind == "org" and self.ent_at[j + 1].start == j + 1) \
                            and not (toks[j].fold == "and" and any(toks[x].fold == "and" for x in range(i, j))) \
                            and not (toks[j].fold == "and" and self._company_name_at(j + 1, lim, title)):
                        j += 1      # (not "Department of Energy and Japan's Ministry …"; a name has one inner
                        # "and": "the Ministry of Energy and Mines and Kappa Power" names two)
                    else:
                        break
                while j > i and toks[j - 1].fold in ("of", "for", "the", "&", "and"):
                    j -= 1
                if j > i and self._origin_country(i, j):
                    j = self.ent_at[j - 1].start - 1    # "Kappa Corporation of Japan": the company, from Japan
                if j > i:
                    known = self.ent_at.get(i)
                    only_known = known is not None and known.end >= j
                    ext_known = known is not None and known.kind == "org" and known.end < j and \
                        all(((toks[k].fold,) in self.m.org_words or self._org_head(k) or toks[k].text == "&" or
                             self._head_compound(k) or self._name_adjective(k, j) or
                             (k == j - 1 and self._home_name(k)))
                            for k in range(known.end, j))
                    after_head = self.ent_at.get(i + 1) if i + 1 < j else None
                    if self._project_end(i, j) or self._event_or_body(i, sent.start, j) or self._place_phrase(i, j) \
                            or self._adjective_and_group_noun(i, j) or self._generic_body(i, j) \
                            or self._agreement_title(i, j):
                        pass
                    elif self.lang == "de" and self._org_head(i) and after_head is not None and after_head.kind == "org" \
                            and after_head.start == i + 1 and after_head.end == j:
                        pass    # "die Initiative H2Global": the head word says what the known name is
                    elif has_head and not only_known and j - i >= 2 and not (known and known.kind in ("country", "region") and known.end >= j - 1 and not self._org_head(j - 1)):
                        add(i + 1 if self._nationality_before_ministry(i, j) else i, j, "head")
                    elif ext_known:
                        mt = add(i, j, "extension")
                        if mt is not None:
                            mt.data["country"] = self.gaz.entities[known.iri].country
                    i = max(j, i + 1)
                    continue
                i += 1
            # German compounds with an organization head: Bundeswirtschaftsministerium
            for i in range(sent.start, lim):
                if not toks[i].is_title:
                    continue    # (both kinds begin with a capital)
                mt = self.lex_at.get(i)
                if mt and "OrgHead" in mt.cats and toks[i].is_title and i not in taken and mt.end == i + 1 \
                        and (mt.data.get("compound") or self.lang == "de"):
                    self._compound_org(sent, i, title, add, taken, person_tokens)
                elif i not in taken and toks[i].is_title and (toks[i].fold,) in self.m.org_heads and i + 2 < lim \
                        and toks[i + 1].fold in ("fur", "für") and (title(i + 2) or self._lower_adj_then_title(i + 2, lim, title)):
                    e = self._fuer_end(i + 1, lim, title)
                    add(i, e, "compound")
            self._named_consortia(sent, add, taken, person_tokens)
            # a name after a company word: das Unternehmen „Rosatom“, die Gesellschaft Nordwind Energia Polska
            for i in self.cat_positions(("CompanyWord",), sent.start, lim - 1):
                if self.lang == "en" and toks[i].text[:1].isupper() and i > sent.start and title(i - 1) \
                        and toks[i - 1].text[:1].isupper():
                    continue    # "the Kappa Global Investors Meet": a capitalised company word inside a name
                k = self.lex_at[i].end
                if k < lim and toks[k].text in _OPEN_Q:
                    e = k + 1
                    while e < lim and toks[e].text not in _CLOSE_Q and e - k < 8:
                        e += 1
                    if e < lim and e > k + 1:
                        known = self.ent_at.get(k + 1)
                        add(k + 1, e, "company-word", known.iri if known and known.kind == "org" else None)
                    continue
                e = k
                while e < lim and e - k < 6:
                    if toks[e].fold in ("&", "of") and e > k and e + 1 < lim and title(e + 1) \
                            and not self.has_cat(e + 1, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord"):
                        e += 1      # "Kappa Hydro & Nuclear Power", "der Hafenbetreiber Port of Kappa"
                        continue
                    if not title(e) or self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord") \
                            and not (e > k and self._closing_head(e, lim, title)):
                        break       # "the developer Kappa Infrastructure Partners": a head word closes the name
                    ent = self.ent_at.get(e)
                    if ent is not None and e > k and ent.kind in ("country", "region") and ent.form == "name" \
                            and ent.start == e and not (ent.end < lim and title(ent.end)):
                        e = ent.end     # a country may end the name: "der Verband Hydrogen Kappa"
                        break
                    if ent is not None and ent.kind != "org" and not (
                            e == k and ent.kind in ("country", "region") and ent.form != "adj" and ent.end == e + 1
                            and e + 1 < lim and (toks[e + 1].fold,) in self.m.org_words and toks[e + 1].is_title) \
                            and not (e > k and ent.form == "adj" and ent.end == e + 1 and e + 1 < lim and title(e + 1)):
                        break       # a country name may begin the name: "der Betreiber Peru Hydro Power",
                    e += 1          # a nationality word stand inside it: "der Konzern Royal Dutch Kappa"
                if e - k == 1 and self.lang == "de" and toks[k].lemma and toks[k].lemma != toks[k].fold \
                        and toks[k].fold not in (toks[k].lemma + "s", toks[k].lemma + "es") and self.ent_at.get(k) is None:
                    continue    # "das Unternehmen Kraftwerke bauen": a plural noun, not a name
                if e - k >= 1 and not (e - k == 1 and ((toks[k].fold,) in self.m.not_a_name
                                                      or self.word_class(k) == "noun" and self.ent_at.get(k) is None)):
                    known = self.ent_at.get(k)
                    mt = add(k, e, "company-word", known.iri if known and known.kind == "org" and known.end >= e else None)
                    if mt is not None:
                        for b in (i - 1, i - 2):
                            adj = self.ent_at.get(b) if b >= sent.start else None
                            if adj is not None and adj.kind == "country":
                                mt.data["country"] = adj.iri
                                break
            self._company_word_appositions(sent, title, add, taken, person_tokens)
            # "Uzbekhydroenergo, a power company owned by ...": a name that an apposition calls a company
            articles = self.gaz.words("EnglishArticle" if self.lang == "en" else "GermanArticle")
            for i in range(sent.start + 1, lim - 2):
                if toks[i].text != "," or toks[i + 1].fold not in articles and not self._country_possessive(i + 1):
                    continue    # ", a company …", ", Peru's state oil company"
                h = i + 2
                while h < lim and h - i < 5 and toks[h].pos == "ADJ":
                    h += 1      # the first noun after the article: "Kappa, die staatliche Netzagentur"
                if not any(self.has_cat(k, "CompanyWord") or toks[k].fold in self.subsidiary_nouns
                           for k in range(i + 2, min(lim, i + 7))) \
                        and not (h < lim and self.has_cat(h, "OrgHead") and not self.is_role(h)):
                    continue    # "MAVIR, the Hungarian transmission system operator", "Kappa, a unit of Zeta"
                s = i
                while s > sent.start and s - 1 not in taken and title(s - 1) and (self.ent_at.get(s - 1) is None or (
                        s == i and self.ent_at[s - 1].kind in ("country", "region") and self.ent_at[s - 1].end == i
                        and self.ent_at[s - 1].start == s - 1)) \
                        and not self.has_cat(s - 1, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord") and i - s < 4:
                    s -= 1      # a country may end the name: "Hydrogen Kappa, an industry association"
                if i > s and not (s > sent.start and title(s - 1)) and not (i - s == 1 and self.ent_at.get(s) is not None) \
                        and not (i - s == 1 and self.word_class(s) == "noun"):
                    add(s, i, "apposition")     # (not "für sein Land, das …": one common noun is no name)
            self._port_names(sent, add, taken, person_tokens)
            self._words_of_country(sent, title, add, taken, person_tokens)
            self._office_of_role(sent, add, taken, person_tokens)
            self._such_as_names(sent, title, add, taken, person_tokens)
            self._subsidiary_names(sent, title, add, taken)
            self._employer_names(sent, title, add, taken, person_tokens)
            self._context_names(sent, title, add, taken, person_tokens)
            self._coordinated_orgs(sent, title, add, taken, out)
        # a known organisation as the first part of a compound whose head is a company role, a company
        # word or a subsidiary noun names that organisation: "Siemens-Chef", "der Gazprom-Konzern"
        for mt in self.mentions:
            if mt.kind == "org" and mt.data.get("part") == 0 and mt.start not in taken and mt.start not in person_tokens \
                    and self._company_head_compound(mt.start):
                org = Mention(mt.start, mt.end, "org", mt.iri, "pattern", mt.text, data={"how": "part", "char": mt.data.get("char")})
                out.append(org)
                taken.add(mt.start)
        # an unknown name as the first part of such a compound names that organisation too: "der
        # Kappa-Konzern", "die Zentrox-Gruppe", "die Kappa-Tochter" (not "US-Konzern", "Energietechnik-Konzern")
        if self.lang == "de":
            for k, t in enumerate(toks):
                if t.text.count("-") == 1 and k not in taken and k not in person_tokens and k not in self.excluded \
                        and self._company_head_compound(k) and not self._company_role(k):
                    first = t.text.split("-")[0]
                    if len(first) >= 2 and first[:1].isupper() and (fold(first),) not in self.m.not_a_name \
                            and (fold(first),) not in self.m.org_words \
                            and not any(m.start == k and m.data.get("part") is not None for m in self.mentions) \
                            and word_class("de", first) in ("name", "unknown"):
                        out.append(Mention(k, k + 1, "org", None, "pattern", first, data={"how": "name-part"}))
                        taken.add(k)
        # gazetteer organizations not inside a pattern organization
        for mt in self.mentions:
            if mt.kind == "org" and mt.data.get("part") is None and not any(k in taken for k in range(mt.start, mt.end)):
                if any(k in person_tokens or k in self.excluded for k in range(mt.start, mt.end)):
                    continue
                if mt.end - mt.start == 1 and toks[mt.start].text.islower() and self.word_class(mt.start) != "unknown":
                    continue    # "in total", "shell": a common word, not the company
                if mt.end - mt.start == 1 and toks[mt.start].fold in self._non_org_acronyms:
                    continue    # "the Trans Kappa Pipeline (TKP)": TKP is the pipeline here, not its company
                if mt.end - mt.start == 1 and mt.start in sent_starts and mt.end < len(toks) \
                        and toks[mt.end].text.islower() and toks[mt.end].pos == "NOUN" \
                        and word_class(self.lang if self.lang in ("de", "en") else "en", toks[mt.start].text.lower()) == "other":
                    continue    # "Total investment is …": an adjective that opens the sentence, not the company
                mt.data.setdefault("how", "gazetteer")
                out.append(mt)
                taken.update(range(mt.start, mt.end))
        out.extend(m for m in self._extra_orgs if not any(o.start <= m.start < o.end for o in out))
        # a news medium is the source of the text ("the Athens News Agency reported"), not an organization of the news
        out = [m for m in out if m.data.get("how") == "gazetteer" or not any(self.has_cat(k, "MediaWord")
                                                                            for k in range(m.start, m.end))]
        out.sort(key=lambda m: m.start)
        self._bracket_names(out, person_tokens)
        self._link_orgs(out)
        return out

    def venue(self, mt: Mention) -> bool:
        """An organisation's name used for the building where something happens ("signed at the
        Kappa Secretariat", "talks at the Foreign Ministry in Lima", "im Außenministerium
        unterzeichnet"): after "at the" or "im" (VenuePreposition), with a signing, meeting or visit
        near it, a day before it or a place after it. Not the employer of a person noun or a verb of
        working before it ("an official at the Kappa Agency", "Staatssekretär im Energieministerium",
        "who works at …"), a body someone belongs to ("Peru sitzt im Kappa-Rat"), nor a firm after
        a bare "at". The caller keeps an organisation named elsewhere too, or a party."""
        toks = self.tokens
        p = mt.start - 1
        if self.lang == "en":
            if p < 1 or toks[p].fold not in self.gaz.words("EnglishArticle"):
                return False    # "analysts at Kappa": the firm they work for
            p -= 1
        if p < 0 or toks[p].fold not in self.gaz.words("VenuePreposition"):
            return False
        work = self.gaz.words("WorkVerb")
        if any(0 <= k < len(toks) and (toks[k].lemma or toks[k].fold) in work for k in (p - 1, p - 2, mt.end)):
            return False    # "who works at the Kappa Institute", "der im Kappa-Institut forscht": the employer
        if not (mt.end + 1 < len(toks) and toks[mt.end].fold == "in" and toks[mt.end + 1].is_title) \
                and not (p > 0 and (toks[p - 1].fold in WEEKDAYS or toks[p - 1].fold in MONTHS)) \
                and not any(self.cat_in(cat, max(0, p - 12), min(len(toks), mt.end + 10)) for cat in _VENUE_CUES):
            return False    # no signing, meeting or visit near it, no day before or place after it: "Peru sitzt im Kappa-Rat"
        q = p - 1
        if q < 0 or toks[q].text in (",", "(", "–", "—"):
            return True
        if any(pm.start <= q < pm.end for pm in self.person_mentions):
            return True     # "signed by Jane Roe at the Kappa Office": where the person did it
        if self.is_role(q) or self.has_cat(q, "GroupNoun") or toks[q].pos == "NOUN" and not (
                self.has_cat(q, "EventNoun", "SigningNoun", "AgreementWord") or toks[q].fold in WEEKDAYS
                or toks[q].fold in MONTHS):
            return False    # (but "talks at the …", "a ceremony at the …", "the memorandum at the …", "am Montag im …")
        return q not in self.ent_at or self.ent_at[q].kind != "org"

    def _company_head_compound(self, k: int) -> bool:
        """Token k is a hyphenated compound whose last part is a company role, a company word or a
        subsidiary noun ("Siemens-Chef", "Gazprom-Konzern", "RWE-Tochter"; not "Siemens-Aktie")."""
        text = self.tokens[k].text
        if "-" not in text:
            return False
        last = fold(text.rsplit("-", 1)[-1])
        if last in self.subsidiary_nouns or (last,) in self.company_words:
            return True     # (also a company word that is an organisation head: "Kappa-Gesellschaft")
        mt = self.lex_at.get(k)
        return mt is not None and mt.start == k and (self._company_role(k) or "CompanyWord" in mt.cats)

    def _country_nominative(self, k: int, lim: int) -> bool:
        """A one-word country name at token k, not in the genitive ("Österreich", not "Perus"), that
        ends the phrase (no name or noun follows)."""
        mt = self.ent_at.get(k)
        t = self.tokens[k]
        if mt is None or mt.start != k or mt.end != k + 1 or mt.form != "name":
            return False
        if t.fold.endswith("s") and (t.fold[:-1],) in self.gaz.phrases:
            return False        # "das Energieministerium Perus": whose ministry
        return not (k + 1 < lim and self.tokens[k + 1].is_title)

    def _country_possessive(self, k: int) -> bool:
        """A country's or region's name with "'s" at token k: "Peru's"."""
        mt = self.ent_at.get(k)
        return mt is not None and mt.start == k and mt.kind in ("country", "region") and mt.form != "adj" \
            and mt.end < len(self.tokens) and self.tokens[mt.end].text in ("'s", "’s")

    def _such_as_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """Names listed after a company word and "such as" / "including" / "wie" / "darunter":
        "companies such as Zentrox, Kappalux and Norvia Power", "Unternehmen wie Zentrox und Kappa"."""
        toks = self.tokens
        lim = sent.end
        for c in range(sent.start + 1, lim - 1):
            cands = self.example_cues.get(toks[c].fold)
            if not cands:
                continue
            cue = next((q for q in cands if tuple(t.fold for t in toks[c:c + len(q)]) == q), None)
            if cue is None:
                continue
            b = c - 1
            while b > sent.start and toks[b].text == ",":
                b -= 1
            if not any(self.has_cat(x, "CompanyWord") for x in range(max(sent.start, b - 2), b + 1)):
                continue
            k = c + len(cue)
            while k < lim:
                while k < lim and toks[k].fold in self.articles:
                    k += 1
                e = k
                while e < lim and e - k < 4 and title(e) and e not in taken and e not in person_tokens \
                        and not self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord"):
                    e += 1
                if e == k:
                    break
                known = self.ent_at.get(k)
                if known is not None and known.kind in ("country", "region", "place"):
                    break       # "countries such as Peru": no list of companies after all
                if not (known is not None and known.kind == "org" and known.end >= e) and self._org_candidate(k, e, adj_ok=True):
                    add(k, e, "such-as")
                k = e
                if k < lim and (toks[k].text == "," or toks[k].fold in ("and", "und", "sowie", "&", "or", "oder")):
                    k += 1
                    if k < lim and toks[k].fold in ("and", "und", "sowie"):
                        k += 1
                    continue
                break

    def _office_of_role(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """The office of an officeholder: "the Prime Minister's Office", "the President's Office"."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start, lim - 2):
            if not toks[k].is_title or not self.is_role(k) or self.lex_at[k].start != k:
                continue
            e = self.lex_at[k].end
            if e + 1 < lim and toks[e].text in ("'s", "’s") and toks[e + 1].is_title and self._org_head(e + 1) \
                    and not any(x in taken or x in person_tokens for x in range(k, e + 2)) \
                    and not (e + 2 < lim and toks[e + 2].is_title):
                add(k, e + 2, "office")

    def _words_of_country(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """Two or more words of company names with "of" and a country: "National Electric Grid of
        Kappa", "State Power Company of …" (no head word needed)."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start, lim - 3):
            if k in taken or not toks[k].is_title or (toks[k].fold,) not in self.m.org_words \
                    or k > sent.start and title(k - 1):
                continue
            e = k
            while e < lim and toks[e].is_title and e not in taken and e not in person_tokens \
                    and ((toks[e].fold,) in self.m.org_words or self._org_head(e)):
                e += 1
            if e - k < 2 or e + 1 >= lim or toks[e].fold != "of":
                continue
            place = self.ent_at.get(e + 1)
            if place is not None and place.kind == "country" and place.start == e + 1 and place.form == "name" \
                    and not (place.end < lim and title(place.end)):
                mt = add(k, place.end, "of-country")
                if mt is not None:
                    mt.data["country"] = place.iri

    def _port_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """A port named by its place is an organisation (its port authority) when it is a partner
        or the subject, not a place: "the Port of Kappa signed", "with the port of Kappa", "mit dem
        Hafen von Kappa", "der Hafen Kappa unterzeichnete"; but "at the port of Kappa", "über den
        Hafen Kappa" are places."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start, lim - 1):
            if toks[k].fold not in self.port_words or k in taken or k in person_tokens:
                continue
            known = self.ent_at.get(k)
            if known is not None and known.start == k and known.kind in ("place", "region", "country"):
                continue    # a city named with the word: "Port of Kappa-Stadt" as the gazetteer has it
            n = k + 1
            if toks[n].fold in ("of", "von"):
                n += 1
            e = n
            while e < lim and e - n < 3 and toks[e].is_title and e not in taken and e not in person_tokens \
                    and (self.ent_at.get(e) is None or self.ent_at[e].kind in ("place", "region", "country")) \
                    and not self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord", "ProjectWord"):
                e += 1
            if e == n or (n == k + 1 and self.lang == "en"):
                continue    # English needs "of": "the port Rotterdam" is no name
            if self.ent_at.get(n) is None and self.word_class(n) == "noun":
                continue    # "der Hafen Betreiber …"
            b = k - 1
            while b >= sent.start and toks[b].fold in self.articles:
                b -= 1
            before = toks[b].fold if b >= sent.start else ""
            partner = before in ("with", "mit", "between", "zwischen", "and", "und", "sowie", "&", "by") \
                or b < sent.start or toks[b].text in (",", ":", "(")
            if before in _PLACE_PREPS or not (partner or toks[k].text[:1].isupper() and self.lang == "en"):
                continue
            if b < sent.start and self.lang == "de" and not any(self.has_cat(x, "SigningVerb", "ConcludingVerb")
                                                               for x in range(e, min(lim, e + 4))):
                continue    # "Der Hafen Kappa soll wachsen": the port, not its authority
            add(k, e, "port")

    def _bracket_names(self, out: list[Mention], person_tokens: set[int]) -> None:
        """A name in brackets right after an organisation is its short name: "Europäischer Verband
        der Übertragungsnetzbetreiber (ENTSO-E)" links to the known ENTSO-E, "Hydrogen Development
        Company (Hydrom)" is also called Hydrom. A short name must begin with the initial of one of
        the name's words; countries, persons and lowercase words are no short names."""
        toks = self.tokens
        by_start = {m.start: m for m in out}
        for m in out:
            e = m.end
            if e + 2 >= len(toks) or toks[e].text != "(" or m.data.get("acronym"):
                continue
            close = next((c for c in range(e + 2, min(e + 5, len(toks))) if toks[c].text == ")"), None)
            if close is None:
                continue
            inner = by_start.get(e + 1)
            if inner is not None and inner.end == close:
                if m.iri is None and inner.iri is not None and inner.iri in self.gaz.entities:
                    m.iri = inner.iri
                elif inner.iri is None:
                    m.data["acronym"] = inner.text
                continue
            if close != e + 2:
                continue
            t = toks[e + 1]
            initials = {fold(w)[:1] for w in re.split(r"[\s-]+", m.text) if w}
            if len(t.text) >= 3 and t.text[:1].isupper() and t.text.isalpha() and e + 1 not in person_tokens \
                    and self.ent_at.get(e + 1) is None and self.lex_at.get(e + 1) is None and t.fold[:1] in initials:
                m.data["acronym"] = t.text
                self._short_names.add(t.fold)

    def _strong_adjective(self, adj: str, head: int, before: str) -> str:
        """A German adjective in -en (or -e after der/das) before the head noun at ``head``, in the
        nominative of a name without an article: -es before a neuter head, -er before a masculine one
        when the article before it was masculine or neuter (des/dem/im Kappaischen Institut, das
        Kappaische Institut -> Kappaisches Institut; des Kappaischen Rates -> Kappaischer Rat), else
        -e (der Kappaischen Bank -> Kappaische Bank)."""
        if before in self.masc_neut_articles or before in ("der", "das") and adj.endswith("e"):
            t = self.tokens[head]
            word = fold(t.lemma or t.text)
            ending = max((w for w in self._gender_endings if word.endswith(w)), key=len, default=None)
            if ending is not None:
                stem = adj[:-2] if adj.endswith("en") else adj[:-1]
                return stem + ("es" if self._gender_endings[ending] == "n" else "er")
        return adj[:-1] if adj.endswith("en") else adj

    def _nominative(self, s: int, e: int, name: str) -> str:
        """A German name after "des"/"eines" in the nominative: the genitive ending of its first noun
        goes ("des Bundesverbands Erneuerbare Energie" -> "Bundesverband Erneuerbare Energie")."""
        toks = self.tokens
        for k in range(s, e):
            t = toks[k]
            if t.pos == "NOUN" and t.lemma and t.fold in (t.lemma + "s", t.lemma + "es") and t.text.endswith(("s", "es")):
                cut = len(t.fold) - len(t.lemma)
                out = ""
                for x in range(s, e):
                    out += t.text[:-cut] if x == k else toks[x].text
                    if x + 1 < e and toks[x].ws:
                        out += " "
                return out.strip()
            if t.pos == "NOUN":
                break
        return name

    def _project_end(self, s: int, e: int) -> bool:
        """The span ends in a project or event word ("Nord Pipeline", "Energy Week"), unless that
        word is in the of-complement of an organization head ("Ministry of Energy and Mines")."""
        if not self.has_cat(e - 1, "ProjectWord"):
            return False
        toks = self.tokens
        return not any(toks[x].fold in ("of", "for") and any(self._org_head(y) for y in range(s, x))
                       for x in range(s + 1, e - 1))

    def _place_phrase(self, s: int, e: int) -> bool:
        """"im Zentrum Polens", "am Institut Perus": a head word with only a country's genitive
        after a contracted preposition is a place or a body of the country, not a name."""
        toks = self.tokens
        if e - s != 2 or s == 0 or toks[s - 1].fold not in ("im", "am", "ins", "zum", "zur", "vom", "beim"):
            return False
        mt = self.ent_at.get(s + 1)
        return self._org_head(s) and mt is not None and mt.kind in ("country", "region") and mt.end == e

    def _nationality(self, k: int, regions: bool = False) -> bool:
        """Token k is the adjective of a country (or region): American, marokkanische, sächsische."""
        mt = self.ent_at.get(k)
        return mt is not None and mt.form == "adj" and mt.start == k and mt.end == k + 1 \
            and mt.kind in (("country", "region") if regions else ("country",))

    def _named_alliance(self, s: int, k: int) -> bool:
        """Token k is an organization head that is also an agreement word (Alliance, Initiative)
        and a name word stands before it from s: "Glasgow Financial Alliance" is an organization.
        Only country or region words before it ("Deutsch-Marokkanische Allianz") or none at all
        ("Allianz für Wasser und Energie") leave it an agreement."""
        if k <= s or not self.has_cat(k, "OrgHead"):
            return False
        return any(self.tokens[x].text[:1].isupper() and not self._nationality(x, regions=True)
                   and not (self.ent_at.get(x) is not None and self.ent_at[x].kind in ("country", "region"))
                   for x in range(s, k))

    def _nationality_before_ministry(self, i: int, j: int) -> bool:
        """A country's adjective before "Ministry of …" / "Department of …" says whose ministry it
        is and is no part of its name: "the Egyptian Ministry of Petroleum" (as "das ägyptische
        Energieministerium" gives Energieministerium)."""
        toks = self.tokens
        k = i + 1
        if k < j and toks[k].fold in ("federal", "state"):
            k += 1
        return self._nationality(i) and k + 1 < j and toks[k].fold in ("ministry", "department", "directorate-general", "directorate") \
            and toks[k + 1].fold in ("of", "for")

    def _closing_head(self, k: int, lim: int, title) -> bool:
        """Token k is a capitalised organisation head that ends the name ("… Partners", "… Group")
        although it is also a company word or a role: no capitalised word follows."""
        return self._org_head(k) and self.tokens[k].is_title and not self.has_cat(k, "SigningVerb", "AgreementWord") \
            and not (k + 1 < lim and title(k + 1))

    def _in_portfolio(self, k: int, start: int) -> bool:
        """Token k stands in the portfolio after a role title: "the Minister of Electricity and
        Renewable Energy", "Secretary for Trade, Industry and Energy" (a field, not a name)."""
        toks = self.tokens
        x = k - 1
        while x > start and k - x < 8 and (toks[x].is_title or toks[x].fold in ("and", "&", ",", "of", "for")):
            if toks[x].fold in ("of", "for") and self.is_role(x - 1):
                return True
            x -= 1
        return False

    def _one_name_before_and(self, i: int, j: int, start: int) -> bool:
        """The capitalised words from i up to "and" at j begin one name with the words after it:
        after "the" ("the New and Renewable Energy Authority", "the Namibia Investment Promotion
        and Development Board"), no known name but a country at its start, no legal form, at most
        three words. Without the article "Kappa Power and Peru Energy Authority" are two names. In a
        German text the English "and" is inside an English name, after a German article too ("die
        Trade and Development Bank", "der Belt and Road Initiative")."""
        toks = self.tokens
        articles = ("the", "der", "die", "das", "des", "dem", "den") if self.lang == "de" else ("the",)
        if i - 1 < start or toks[i - 1].fold not in articles or not 1 <= j - i <= 3:
            return False
        for x in range(i, j):
            ent = self.ent_at.get(x)
            if ent is not None and not (x == i and ent.kind in ("country", "region") and ent.form == "name"):
                return False
            if self.legal_form_end(x) is not None or x in self.excluded or not toks[x].is_title:
                return False
        return True

    def _of_country_before(self, j: int) -> bool:
        """The words before the "and" at j end in "of <country>": the name closes there ("the Kappa
        Corporation of Japan and Zeta Construction of Korea", "Ministry of Energy of Peru and …")."""
        ent = self.ent_at.get(j - 1) if j > 0 else None
        return ent is not None and ent.kind in ("country", "region") and ent.form == "name" and ent.end == j \
            and ent.start >= 1 and self.tokens[ent.start - 1].fold == "of"

    def _origin_country(self, i: int, j: int) -> bool:
        """An English name i..j (also inside German text) that a proper name opens and "<head word> of <country>" closes names
        the company and where it comes from: "Kappa Corporation of Japan", "Zeta Engineering &
        Construction of Korea". Names that common or business words open keep the country ("State
        Oil Company of Kappaland", "Power Grid Corporation of China", "Bank of China")."""
        toks = self.tokens
        if j - i < 4:
            return False
        ent = self.ent_at.get(j - 1)
        if ent is None or ent.kind != "country" or ent.form != "name" or ent.end != j:
            return False
        of = ent.start - 1
        if of - 2 < i or toks[of].fold != "of" or not (self._org_head(of - 1) or (toks[of - 1].fold,) in self.m.org_words):
            return False
        known = self.ent_at.get(i)
        if known is not None:
            return known.kind == "org" and known.start == i and known.end <= of   # a known company
        first = toks[i]
        return "-" not in first.text and (first.fold,) not in self.m.org_words and not self._org_head(i) \
            and self.lex_at.get(i) is None and word_class("en", first.text.lower()) == "unknown"

    def _joined_business_lines(self, j: int, lim: int, title) -> bool:
        """The "and" or "&" at j joins two lines of business inside one company name: a word of
        company names before it and only such words after it up to the name's head word or legal
        form ("Kappa Oil and Gas Corporation", "Zeta Petroleum & Chemical Company", "Nordwind
        Exploration and Production Peru Limited", where a country may stand before the legal form)."""
        toks = self.tokens
        if j < 1 or (toks[j - 1].fold,) not in self.m.org_words or not toks[j - 1].is_title:
            return False
        k = j + 1
        words = 0
        while k < lim and k - j <= 5 and title(k):
            if self.legal_form_end(k) is not None:
                return words > 0
            if self._org_head(k):
                return True
            ent = self.ent_at.get(k)
            if ent is not None and ent.kind in ("country", "region") and ent.form == "name" and words > 0:
                k = ent.end
                continue
            if (toks[k].fold,) not in self.m.org_words or ent is not None:
                return False
            words += 1
            k += 1
        return False

    def _head_ahead(self, k: int, lim: int, title) -> bool:
        """Capitalised words from k up to an organisation head word: "(Wind and) Solar Forum"."""
        while k < lim and title(k):
            if self._org_head(k):
                return True
            k += 1
        return False

    def _event_or_body(self, i: int, start: int, end: int | None = None) -> bool:
        """A name that is an event ("during the Nordic Wind and Solar Forum", "am Rande des
        Forums", "the Kappa Energy Forum in Lima", "co-organizer of the Kappa Forum") or a body of
        something ("the project's Steering Committee")."""
        toks = self.tokens
        if end is not None and toks[end - 1].fold in self.event_bodies:
            place = self.ent_at.get(end + 1) if end + 1 < len(toks) else None
            if toks[end].fold in ("in", "im") if end < len(toks) else False:
                if place is not None and place.kind in ("place", "region", "country"):
                    return True     # a forum held somewhere is an event
            b = i - 1
            while b >= start and toks[b].fold in ("the", "des", "der", "dem", "this"):
                b -= 1
            if b >= start and (toks[b].fold in ("at", "auf", "beim") or toks[b].fold == "of" and b - 1 >= start
                               and toks[b - 1].fold in self.hosting_nouns):
                return True
        k = i - 1
        while k >= start and toks[k].fold in ("the", "des", "der", "dem", "this", "its"):
            k -= 1
        if k < start:
            return False
        if toks[k].fold in ("during", "wahrend", "throughout", "amid") or \
                (toks[k].fold == "of" and k - 1 >= start and toks[k - 1].fold in ("sidelines", "margins", "sideline")) or \
                (toks[k].fold == "rande" and k - 1 >= start and toks[k - 1].fold == "am"):
            return True
        return toks[i - 1].text in ("'s", "’s") and i - 2 >= start and toks[i - 2].text[:1].islower()

    def _generic_body(self, s: int, e: int) -> bool:
        """A name made only of common words with a word of joint bodies: "the Joint Working Group",
        "a Steering Committee", "the Technical Working Group" are bodies the partners set up, not
        organizations; a proper word makes a name ("the Kappa Working Group")."""
        toks = self.tokens
        if not any(self.has_cat(k, "BodyWord") for k in range(s, e)):
            return False
        for k in range(s, e):
            if toks[k].fold in ("of", "for", "on", "and", "the", "&", "fur", "und"):
                continue
            if self.ent_at.get(k) is not None or toks[k].text.isupper() or self.has_cat(k, "BodyWord"):
                if not self.has_cat(k, "BodyWord"):
                    return False
                continue
            if self.word_class(k) in ("name", "unknown") and not ((toks[k].fold,) in self.m.org_words or self._org_head(k)):
                return False
        return True

    def _enumeration(self, j: int, lim: int, title) -> bool:
        """After the comma at j: capitalised words and commas up to 'and' + a capitalised word."""
        k = j + 1
        while k < lim and k - j < 10:
            if title(k) or self.tokens[k].text == ",":
                k += 1
                continue
            # at least one word before "and": not "…, and Takeo Konishi"
            return k > j + 1 and self.tokens[k].fold in ("and", "und", "&") and k + 1 < lim and title(k + 1)
        return False

    def _lower_adj_then_title(self, k: int, lim: int, title) -> bool:
        """Lowercase adjectives and then a capitalised word: "für ländliche Entwicklung"."""
        while k < lim and self.tokens[k].pos == "ADJ" and self.tokens[k].text[:1].islower():
            k += 1
        return k < lim and title(k) and k > 0 and self.tokens[k - 1].pos == "ADJ"

    def _fuer_end(self, k: int, lim: int, title) -> int:
        """The end of "für Umwelt und Naturschutz" / "für ländliche Entwicklung und Ernährung" from k (für)."""
        toks = self.tokens
        e = k + 1
        while e < lim and toks[e].pos == "ADJ" and (toks[e].text[:1].islower() or e == k + 1):
            e += 1      # "für ländliche Entwicklung", "für Solare Energiesysteme"
        if not (e < lim and toks[e].is_title and toks[e].pos in ("NOUN", "PROPN", "X")):
            return k
        e += 1
        while e + 1 < lim and toks[e].fold in ("und", "and", ",", "sowie"):
            n = e + 1
            while n < lim and toks[n].pos == "ADJ" and toks[n].text[:1].islower():
                n += 1
            if n < lim and (toks[n].text.isupper() or self.ent_at.get(n) is not None):
                break   # "Institut für Katalyse und KENTECH": another name, not more of this one
            if n < lim and toks[n].is_title and toks[n].pos in ("NOUN", "PROPN", "X") and not self.has_cat(n, "SigningVerb", "RoleTitle"):
                e = n + 1
            else:
                break
        return e

    def _compound_org(self, sent, i: int, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A German compound with an organisation head: a ministry or a Bundes-/Landes- authority on
        its own (Elektrizitätsministerium, Bundesnetzagentur), any other head with the adjective
        that names it (die Islamische Entwicklungsbank, der Nationale Wasserstoffrat, die
        sächsische Staatskanzlei, ein katarischer Entwicklungsfonds), in the nominative."""
        toks = self.tokens
        lim = sent.end
        tok = toks[i]
        if i in person_tokens or i in self.excluded:
            return
        known = self.ent_at.get(i)
        if known is not None and known.kind == "org" and known.end > i + 1:
            return   # a longer known name starts here: "Organisation des Vertrags über kollektive Sicherheit"
        if i in self._org_first_part and self._company_head_compound(i):
            return   # "der deutschen Kappa-Gesellschaft": the known Kappa's company, named below as Kappa
        if i > sent.start and toks[i - 1].is_title and toks[i - 1].pos in ("PROPN", "X") and i - 1 not in person_tokens \
                and not any(lang == "de" for _, lang in self.gaz.lex_phrases.get((tok.fold,), [])):
            return   # "Fortescue Metals Group": an English head word closes the name before it, no compound
        f = tok.fold
        lem = tok.lemma or f
        suffix = ""
        if lem != f:
            if f in (lem + "s", lem + "es"):
                suffix = f[len(lem):]                 # genitive: des Bergbauministeriums
            else:
                return                                # a plural: die Forschungsinstitute, Kraftwerke
        e = i + 1
        if e + 1 < lim and toks[e].fold in ("fur", "für", "for", "of"):
            e = max(e, self._fuer_end(e, lim, title))
            if e == i + 1 and lem.endswith(_SELF_NAMING_HEADS) and len(lem) > len("ministerium"):
                return          # "Bundesministerium für ..." whose end cannot be told
        field_end = e       # "die Kappa Stiftung für Saubere Energie": the field after "für" keeps the name before
        if e == i + 1 and e + 2 < lim and toks[e].fold in ("der", "des"):
            g = e + 1
            while g < lim and g - e < 3 and toks[g].pos == "ADJ":
                g += 1
            if g + 2 < lim and toks[g].text.endswith("-") and toks[g + 1].fold in ("und", "sowie", "oder"):
                g += 2          # "der Energie- und Wasserwirtschaft"
            if g + 1 < lim and toks[g].is_title and toks[g].pos in ("NOUN", "PROPN") and toks[g + 1].text == "(" \
                    and self.ent_at.get(g) is None:
                e = g + 1       # a genitive before the short name: "Verband der Übertragungsnetzbetreiber (ENTSO-E)"
        if (tok.fold,) in self.m.not_a_name and e == i + 1:
            return              # "das Ministerium" alone; "das Ministerium für Energie" is a name
        compound = mt_compound(self.lex_at.get(i))
        if e == i + 1 and e < lim and toks[e].is_title and not self.has_cat(e, "RoleTitle", "SigningVerb", "ReportingVerb") \
                and toks[e].pos in ("PROPN", "NOUN", "X"):
            if not self.has_cat(i, "CompanyWord") and not lem.endswith("ministerium") and self._field_name(e):
                e += 1          # "der Bundesverband Windenergie", "die Stiftung Offshore-Windenergie"
            elif self.has_cat(i, "CompanyWord") or self.word_class(e) == "noun":
                return          # a name follows a company word: "die Gesellschaft Nordwind Energia", "Staatsholding Kappa"
            elif self.ent_at.get(e) is not None and self.ent_at[e].kind == "org" and self.ent_at[e].start == e:
                known_next = self.ent_at[e]   # "die Initiative H2Global": the known name is the organisation
                add(e, known_next.end, "compound-name", known_next.iri)
                return
            else:
                # the name belongs to the compound: "die Energieagentur NRW", "das Wirtschaftsministerium Baden-Württemberg"
                while e < lim and e - i < 4 and toks[e].is_title and toks[e].pos in ("PROPN", "X", "NOUN") \
                        and self.word_class(e) != "noun" and e not in person_tokens \
                        and not (self.ent_at.get(e) is not None and self.ent_at[e].kind == "country"
                                 and not (e == i + 1 and self._country_nominative(e, lim) and not lem.endswith("ministerium"))):
                    e += 1      # a country's name in the nominative belongs to it: "die Wirtschaftskammer Österreich"
                if compound and e > i + 1 and not self._named_hyphen_compound(i) and not any(
                        self.ent_at.get(x) is not None and self.ent_at[x].kind in ("region", "place", "country")
                        for x in range(i + 1, e)) and not (
                            not (i > sent.start and toks[i - 1].pos == "ADJ")
                            and all(self._place_like(x) for x in range(i + 1, e))):
                    # "die chilenische Wirtschaftsförderungsagentur Corfo", "der Staatsfonds Kappa": the
                    # compound says what the name is; a place's name right after it belongs to the name
                    # ("die Energieagentur Kappland", "die Förderbank Kappenau", the known ones too: below)
                    add(i + 1, e, "compound-name")
                    return
        if e == i + 2 and toks[i + 1].text.isupper() and len(toks[i + 1].text) >= 2 and self.ent_at.get(i + 1) is None:
            # "die koreanische Energieuniversität KENTECH": the acronym is the name, the compound says what it is
            add(i + 1, e, "compound-name")
            return
        b = i
        # a compound named by its first part ("das Kappauer Muster-Zentrum") takes no adjective before it:
        # the adjective says where it is, the name is the compound
        while b - 1 >= sent.start and b - 1 not in taken and b - 1 not in person_tokens and i - b < 3 \
                and toks[b - 1].pos == "ADJ" and (toks[b - 1].is_title or self._nationality(b - 1, regions=True)) \
                and not (e > i + 1 and not toks[b - 1].is_title) and not self._named_hyphen_compound(i):
            b -= 1
        if b < i and b > sent.start and toks[b - 1].fold in self.indefinite and known is None and e == i + 1 \
                and not self._named_hyphen_compound(i) \
                and all(toks[x].is_title and not self._nationality(x, regions=True) for x in range(b, i)):
            return      # "eine Kappauer Bank", "einem Berliner Institut": a city's description, no name (but
            # "ein katarischer Entwicklungsfonds" names the fund by its country)
        named = False
        if b == i and e == field_end and (f,) in self.m.org_heads_en and f not in self.event_bodies \
                and lem not in self.event_bodies:
            # a name before the head word itself, written apart: "die Kappa Bank", "der Zentrox Fonds", "die
            # Kappa Stiftung" (a name that reads as one, after an article, a preposition or the sentence
            # start; not before a compound, "das Rigaer Ozols-Zentrum", nor a place before a forum, an event;
            # with its field after "für" too: "die Kappa Stiftung für Saubere Energie")
            n = i
            while n - 1 >= sent.start and i - n < 2 and n - 1 not in taken and n - 1 not in person_tokens \
                    and (self.namelike(n - 1) or self._digit_name(n - 1)):
                n -= 1      # (also a name of letters and digits: "die H2Kappa Stiftung")
            if n < i and (n == sent.start or not title(n - 1)):
                b, named = n, True
        capitalised = any(toks[x].is_title for x in range(b, i))
        known = self.ent_at.get(i)
        head = next((h for h in _SELF_NAMING_HEADS if lem.endswith(h)), None)
        self_naming = named or (head is not None and len(lem) > len(head) + 2) \
            or (lem.startswith(_SELF_NAMING_PREFIXES) and compound) or e > i + 1 \
            or (known is not None and known.kind == "org") or self._named_hyphen_compound(i)
        if lem.endswith("ministerium") and not capitalised:
            b = i                                     # das (marokkanische) Außenministerium
        if b == i and not self_naming:
            return                                    # die Entwicklungsbank: a reference, not a name
        if e == i + 1 and self._adjective_and_group_noun(b, e):
            return                                    # der Münchner Konzern: it refers back to a company
        if e == i + 1 and not self_naming and e + 1 < lim and toks[e].fold in ("der", "des") \
                and self.ent_at.get(e + 1) is not None and self.ent_at[e + 1].kind == "org":
            return                                    # der Ständige Rat der OECD: an organ of the organisation named
        if self._agreement_title(b, e) or e > i + 1 and self.has_cat(i + 1, "AgreementWord") and toks[i + 1].is_title \
                and self.lex_at[i + 1].start == i + 1:
            return                                    # das Association Agreement: an agreement's title
        mt = add(b, e, "compound")
        if mt is None:
            return
        words = []
        before = toks[b - 1].fold if b > sent.start else ""
        for x in range(b, e):
            w = toks[x].text
            if x < i and named:
                pass                                  # a name keeps its spelling
            elif x < i and self.lang == "de" and (before in _NOMINATIVE_AFTER or before in self.masc_neut_articles) \
                    and (w.endswith("en") or before in ("der", "das") and w.endswith("e")):
                w = self._strong_adjective(w, i, before)   # der Karibischen Entwicklungsbank -> Karibische
            elif x < i and before in _NOMINATIVE_AFTER and w.endswith("en"):
                w = w[:-1]
            if x == i and suffix and fold(w).endswith(suffix):
                w = w[:-len(suffix)]
            words.append(w)
        mt.text = "".join(w + (" " if toks[b + n].ws and n + 1 < len(words) else "") for n, w in enumerate(words))

    def _field_name(self, k: int) -> bool:
        """Token k names the field of an association or foundation after its head word: an energy
        topic ("Bundesverband Windenergie", "Stiftung Offshore-Windenergie")."""
        return self.tokens[k].pos == "NOUN" and self._topic_word(self.tokens[k].text) \
            and not (k + 1 < len(self.tokens) and self.tokens[k + 1].is_title and self.tokens[k + 1].pos in ("NOUN", "PROPN"))

    def _named_hyphen_compound(self, k: int) -> bool:
        """Token k is a name joined to an organisation head by a hyphen: "Fraunhofer-Institut",
        "Wuppertal-Institut" (the first part a name, not a common noun or a country)."""
        text = self.tokens[k].text
        if "-" not in text or not mt_compound(self.lex_at.get(k)):
            return False
        first = text.split("-")[0]
        return len(first) >= 3 and first[:1].isupper() and not first.isupper() \
            and not any(m.start == k and m.data.get("part") is not None for m in self.mentions) \
            and word_class(self.lang if self.lang in ("de", "en") else "de", first) in ("name", "unknown")

    def _prefix_legal_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A company name opened by a legal form written before it: "PT Kappa Energi Indonesia",
        "PT Kappa (Persero)", "PJSC Kappa", "TOO Kappa Energy" (written exactly as the lexicon has
        it). A quoted name after it is left to the quoted-name rule."""
        toks = self.tokens
        lim = sent.end
        prefixes = self.gaz.lex_surface.get("LegalFormPrefix", ())
        for k in range(sent.start, lim - 1):
            if toks[k].text not in prefixes or k in taken or k in person_tokens:
                continue
            e = k + 1
            while e < lim and e - k < 6 and title(e) and e not in taken and e not in person_tokens \
                    and not self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord") \
                    and not (self.ent_at.get(e) is not None and self.ent_at[e].kind in ("country", "region") and e == k + 1):
                e += 1
            if e == k + 1:
                continue
            if e + 2 < lim and toks[e].text == "(" and toks[e + 2].text == ")" and toks[e + 1].is_title:
                e += 3      # "PT Kappa (Persero)"
            le = self.legal_form_end(e) if e < lim else None
            known = self.ent_at.get(k + 1)
            iri = known.iri if known is not None and known.kind == "org" and known.start == k + 1 else None
            add(k, le or e, "legal-prefix", iri)

    def _legal_form_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A company name closed by a legal form: "Elektro Nord AS", "Acme Holdings Ltd",
        "Beta Power Co., Ltd.", "Tesla, Inc."; and a quoted name that ends in one
        ('"Coastal power systems (Private) Limited"')."""
        toks = self.tokens
        lim = sent.end
        # quoted names ending in a legal form
        for q in range(sent.start, lim):
            if toks[q].text not in _OPEN_Q:
                continue
            e = q + 1
            while e < lim and toks[e].text not in _CLOSE_Q and e - q < 12:
                e += 1
            if e < lim and e - q >= 3 and toks[q + 1].text[:1].isupper() \
                    and any(self.legal_form_end(k) == e for k in range(q + 2, e)):
                known = self.ent_at.get(q + 1)
                add(q + 1, e, "legal-form", known.iri if known and known.kind == "org" and known.end >= e - 1 else None)
        k = sent.start + 1
        while k < lim:
            le = self.legal_form_end(k)
            if le is None or k in taken:
                k += 1
                continue
            end = le
            if end + 1 < lim and toks[end].text == "," and self.legal_form_end(end + 1):
                end = self.legal_form_end(end + 1)                 # Co., Ltd.
            while end < lim and self._org_head(end) and toks[end].is_title:
                end += 1                                            # "ZEPTA Ltd. Consortium"
            name_end = k - 1 if toks[k - 1].text == "," and k - 2 >= sent.start else k   # Tesla, Inc.
            s = name_end
            while s > sent.start:
                p = s - 1
                if p in taken or p in person_tokens or p in self.excluded:
                    break
                if title(p) and (self._word_of_company_name(p) or self._org_head(p) and p - 1 >= sent.start and title(p - 1)
                                 and p + 1 < name_end) and self.legal_form_end(p) is None:
                    s = p       # also a head word inside the name: "Tokyo Electric Power Company Holdings, Inc."
                    continue
                if _NAME_NUMBER.fullmatch(toks[p].text) and p - 1 >= sent.start and title(p - 1):
                    s = p                                           # Nord Stream 2 AG
                    continue
                if toks[p].text == "&" and p - 1 >= sent.start and title(p - 1):
                    s = p
                    continue
                if toks[p].fold in ("of", "for") and s < name_end and p - 1 >= sent.start and title(p - 1) \
                        and (self._org_head(p - 1) or (toks[p - 1].fold,) in self.m.org_words):
                    s = p       # "Power Grid Corporation of India Ltd", "Bank of China Limited"
                    continue
                if toks[p].fold in ("and", "und") and p - 1 >= sent.start and title(p - 1) \
                        and self._joined_business_lines(p, name_end + 1, title):
                    s = p       # "Kappa Exploration and Production Peru Limited", "Kappa Öl und Gas GmbH"
                    continue
                if toks[p].fold == "and" and name_end < k and p - 1 >= sent.start and title(p - 1) \
                        and all((toks[x].fold,) in self.m.org_words for x in range(p + 1, name_end)) \
                        and (self.ent_at.get(p - 1) is None or self.ent_at[p - 1].kind == "org"):
                    s = p       # "Air Products and Chemicals, Inc.": words of company names on both sides of "and"
                    continue
                if toks[p].text == ")" and p - 2 >= sent.start and toks[p - 2].text == "(" and title(p - 1):
                    s = p - 2                                       # Kappa (India) Limited
                    continue
                break
            while s < name_end and (toks[s].pos in ("ADV", "PRON", "DET", "ADP", "SCONJ", "CCONJ") or self._nationality(s)
                                    or toks[s].text in ("(", "&") or self._descriptor(s, name_end)):
                s += 1
            if name_end > s and not all(self.ent_at.get(x) is not None and self.ent_at[x].kind in ("country", "region", "place")
                                        for x in range(s, name_end)):
                known = self.ent_at.get(s)
                iri = known.iri if known is not None and known.kind == "org" and known.start == s and known.end >= name_end else None
                add(s, end, "legal-form", iri)
            k = end

    def _country_in(self, mt: Mention) -> str | None:
        """The country a name names ("Ghana National Gas Company", "National Nigerian Petroleum
        Company", "Petroleum Directorate of Sierra Leone"): where the organization belongs."""
        for m in self.mentions:
            if mt.start <= m.start and m.end <= mt.end and m.kind == "country":
                return m.iri
        return None

    def _german_descriptor(self, k: int) -> bool:
        """Token k is a German company word or organisation compound used as a common noun
        (Betreibergesellschaft, Netztochter) or a noun after a country ("US-Autobauer"), not an
        organisation's own head word (Stadtwerke), a word of company names (Energie) or a common
        noun that is the name ("Nordwind Energy GmbH")."""
        tok = self.tokens[k]
        if (tok.fold,) in self.m.org_heads or (tok.fold,) in self.m.org_words or k in self.ent_at:
            return False
        if "-" in tok.text:
            return any(m.start == k and m.data.get("part") == 0 and m.kind in ("country", "region") for m in self.mentions) \
                and tok.text.split("-")[-1][:1].isupper() and word_class("de", tok.text.split("-")[-1]) != "unknown"
        return tok.pos == "NOUN" and self.has_cat(k, "CompanyWord", "OrgHead") and self.word_class(k) == "noun"

    def _english_org_word(self, k: int) -> bool:
        """Token k is an English organisation head or company-name word (Corporation, Motors, Grid)
        and no German one."""
        langs = {lg for iri, lg in self.gaz.lex_phrases.get((self.tokens[k].fold,), ())
                 if self.gaz.lexicon[iri].category in ("OrgHead", "OrgNameWord")}
        return "en" in langs and "de" not in langs

    def _place_like(self, k: int) -> bool:
        """Token k is formed like a German place name (Kappland, Kappenau, Nordkappmark, Kappstadt):
        a capitalised word ending in a toponym ending of the lexicon (PlaceNameEnding)."""
        f = self.tokens[k].fold
        return self.tokens[k].is_title and any(f.endswith(x) and len(f) >= len(x) + 3 for x in self.place_endings)

    def _portfolio_cooperation(self, i: int, j: int, has_head: bool) -> bool:
        """Token j, a cooperation noun, is a portfolio of the ministry or agency named from i:
        "Ministry of Trade and International Cooperation", "Agency for Regional Cooperation" (a head
        word and its of/for before it)."""
        return self.has_cat(j, "CooperationCue") and (has_head or self._org_head(i)) \
            and any(self.tokens[x].fold in ("of", "for", "fur", "für") for x in range(i + 1, j))

    def _adjective_and_group_noun(self, i: int, j: int) -> bool:
        """"der Münchner Konzern", "the Norwegian group": an adjective and a noun that refers
        back to a company (a group noun), not a name."""
        toks = self.tokens
        return j - i == 2 and toks[i].pos == "ADJ" and self.has_cat(i + 1, "GroupNoun")

    def _word_of_company_name(self, k: int) -> bool:
        """Token k can stand in a company name before its legal form: not a signing or agreement
        word, no company word ("der Konzern Kappa AG") and no role, unless the role word is an
        organization head too ("Nordwind Hydrogen Partners AS")."""
        mt = self.lex_at.get(k)
        if mt is None:
            return True
        if mt.cats & {"SigningVerb", "AgreementWord", "CompanyWord"}:
            return False
        return "RoleTitle" not in mt.cats or "OrgHead" in mt.cats

    def _descriptor(self, k: int, end: int) -> bool:
        """Token k is a German common noun that says what kind of company the name after it is,
        not part of the name: a compound ending in an organization word ("die Projektgesellschaft
        Nord Stream 2 AG", "der Energiekonzern Kappa AG"). A real name word must follow (a plain
        noun such as Nordwind in "Nordwind Energie GmbH" can be the name itself)."""
        toks = self.tokens
        if self.lang != "de" or k + 1 >= end or self.ent_at.get(k) is not None or self._org_head(k) \
                or (toks[k].fold,) in self.m.org_words or self.word_class(k) != "noun":
            return False
        mt = self.lex_at.get(k)
        if not (mt is not None and mt_compound(mt) and mt.cats & {"OrgHead", "CompanyWord"}):
            return False
        return any(toks[x].text[:1].isupper() and (toks[x].fold,) not in self.m.org_words and not self._org_head(x)
                   for x in range(k + 1, end))

    def _camel_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A company written with a CamelCase word and the name words around it: "Bharat
        PetroResources", "Kappa GreenTech Solutions". Known names are left to the gazetteer."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start, lim):
            if k in taken or k in person_tokens or self.ent_at.get(k) is not None or not self.company_camel(k):
                continue
            s = k
            while s - 1 >= sent.start and self._camel_name_part(s - 1, title, taken, person_tokens):
                s -= 1
            e = k + 1
            while e < lim and (self._camel_name_part(e, title, taken, person_tokens, after=True) or self.company_camel(e)):
                e += 1
            end = self.legal_form_end(e) if e < lim else None
            parts = {fold(x) for x in re.findall(r"[A-Z][a-z]+", toks[k].text)}
            if end is None and not parts & self.m.company_parts and not any(
                    (toks[x].fold,) in self.m.org_words or self._org_head(x) for x in range(s, e) if x != k):
                continue   # "EastMed", "HyDeal Ambition": a project; "PetroResources", "Kappa GreenTech Solutions" companies
            add(s, end or e, "camel")

    def _place_company_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A country or region name followed by words of company names is a company: "Newfoundland
        and Labrador Hydro", "Ruritania Power Holdings". The last word must be one of them and no
        other capitalised word may follow (then the name goes on)."""
        toks = self.tokens
        lim = sent.end
        for place in [m for m in self._place_names() if sent.start <= m.start and m.end < lim]:
            if place.start in taken or (place.start > sent.start and title(place.start - 1)):
                continue
            e = place.end
            while e < lim and e - place.end < 3 and toks[e].is_title and e not in taken and e not in person_tokens \
                    and ((toks[e].fold,) in self.m.org_words or self._org_head(e)):
                e += 1
            if e > place.end and not (e < lim and (title(e) or self.is_role(e))) \
                    and not (e + 1 < lim and toks[e].fold in ("&", "and") and self._joined_business_lines(e, lim, title)) \
                    and not (e + 1 < lim and toks[e].fold in ("of", "for") and title(e + 1)) \
                    and not (e + 2 < lim and toks[e].fold in ("of", "for") and toks[e + 1].fold == "the" and title(e + 2)) \
                    and not self._in_portfolio(place.start, sent.start):   # "US Department of State" goes on
                mt = add(place.start, e, "place-company")
                if mt is not None and place.kind == "country":
                    mt.data["country"] = place.iri

    def _nationality_company_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """A country's adjective followed by capitalised words of company names that end the name
        is a company or agency of that country: "Peruvian Invest", "Ruritanian Oil and Gas",
        "die Peruvian Power". Not when a capitalised word or a role goes on ("Chinese Solar
        Association" is left to the head-word rule, "the Saudi Energy Minister" is a role) nor
        before a common noun ("Chinese Solar panels")."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start, lim - 1):
            if not toks[k].is_title or k in taken or k in person_tokens or not self._nationality(k) \
                    or k == sent.start and self.lang != "en" \
                    or toks[k - 1].is_title and k - 1 != sent.start and not (self.lang == "de" and toks[k - 1].pos == "NOUN"):
                continue    # (a German noun before it is capitalised too: "die Agentur Peruvian Invest")
            if self.lang == "de" and toks[k].fold.endswith(("e", "en", "es", "er", "em")):
                continue    # a declined German adjective describes: "Aserbaidschanisches Gas fließt …"
            e = k + 1
            while e < lim and e - k <= 4 and toks[e].is_title and e not in taken and e not in person_tokens \
                    and (toks[e].fold,) in self.m.org_words and self.ent_at.get(e) is None:
                e += 1
                if e + 1 < lim and toks[e].fold in ("and", "&") and toks[e + 1].is_title \
                        and (toks[e + 1].fold,) in self.m.org_words:
                    e += 1      # "Peruvian Oil and Gas"
            if e == k + 1 or e < lim and (toks[e].is_title or toks[e].text[:1].isdigit() or self.is_role(e)
                                           or toks[e].pos == "NOUN" or toks[e].text == "-"):
                continue
            mt = add(k, e, "nationality-company")
            if mt is not None:
                mt.data["country"] = self.ent_at[k].iri

    def _named_consortia(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """A German hyphenated compound of a name and a consortium or venture noun names that
        consortium: "das Kappa-Feld-Konsortium", "dem Zeta-Joint-Venture" (named after its field or
        project). Not when the name part is a known country, region or organisation ("der
        EU-Konsortium", "das Siemens-Konsortium" names Siemens) or a common noun ("Bieter-Konsortium")."""
        toks = self.tokens
        heads = self.consortium_heads
        if self.lang == "en":
            self._named_consortia_en(sent, heads, add, taken, person_tokens)
            return
        for k in range(sent.start, sent.end):
            t = toks[k]
            if "-" not in t.text or not t.is_title or k in taken or k in person_tokens or k in self.excluded:
                continue
            parts = [p for p in t.text.split("-") if p]
            if len(parts) < 2:
                continue
            if fold(parts[-1]).rstrip("s") not in heads and fold(parts[-1]) not in heads:
                continue
            # (das Kappa-Joint-Venture: "Venture" is a head itself, "Joint" stays with the name part)
            name = parts[:-1]
            if not all(p[:1].isupper() for p in name) or self.gaz.phrases.get(tuple(fold(p) for p in name)) \
                    or any(self.gaz.phrases.get((fold(p),)) for p in name) \
                    or len(name) == 1 and word_class("de", name[0]) == "noun":
                continue
            mt = add(k, k + 1, "consortium")
            if mt is not None and t.text.endswith("s") and not t.text.endswith("ss") and fold(parts[-1]) not in heads:
                mt.text = t.text[:-1]     # des Kappa-Konsortiums -> Kappa-Konsortium

    def _named_consortia_en(self, sent, heads, add, taken: set[int], person_tokens: set[int]) -> None:
        """English: "the Kappa Field consortium", "the Zeta joint venture": capitalised words that no
        known name, company word or role covers between an article and a lowercase consortium or
        venture noun name it ("the Siemens consortium" names Siemens; "the Kappa-led consortium" is
        described)."""
        toks = self.tokens
        for k in range(sent.start + 2, sent.end):
            t = toks[k]
            if not t.text.islower() or t.fold not in heads:
                continue
            e = k + 1
            # a two-word venture noun that ends in a head word ("joint venture") is read whole
            k0 = k - 1 if (toks[k - 1].fold, t.fold) in self.venture_pairs else k
            s = k0
            while s - 1 > sent.start and toks[s - 1].is_title and toks[s - 1].fold not in ("the", "a") \
                    and s - 1 not in taken and s - 1 not in person_tokens and k0 - s < 3:
                s -= 1
            if s == k0 or toks[s - 1].fold not in ("the", "a") or any(
                    self.ent_at.get(x) is not None or "-" in toks[x].text
                    or self.has_cat(x, "RoleTitle", "AgreementWord", "SigningVerb", "CompanyWord", "OrgHead", "NotAName")
                    or (toks[x].fold,) in self.m.org_words for x in range(s, k0)) \
                    or word_class("en", toks[s].text.lower()) != "unknown":
                continue
            add(s, e, "consortium")

    def _place_names(self) -> list[Mention]:
        """The names of countries and regions among the matcher's mentions (not the parts of
        other names), listed once per document: every sentence asks for its own."""
        places = self._places
        if places is None:
            places = self._places = [m for m in self.mentions if m.kind in ("country", "region") and m.form == "name"
                                     and m.data.get("part") is None]
        return places

    def _acronym_place_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """An acronym or a known one-word company followed by one place name or proper word is
        one company, a national arm of the first: "TAQA Arabia", "BP Deutschland", "Energinet
        Danmark"."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start, lim - 1):
            t, nxt = toks[k], toks[k + 1]
            if not nxt.is_title or nxt.text.isupper():
                continue    # (the cheap test first: a capitalised word must follow)
            known = self.ent_at.get(k)
            if known is not None and known.data.get("genitive"):
                continue    # "Kappas Gigafabrik", "Kappas Werk": the owner of what follows, no name's first word
            acronym = t.text.isupper() and len(t.text) >= 2 and t.text.isalpha()
            if not (acronym or known is not None and known.kind == "org") or k in taken or k + 1 in taken \
                    or k + 1 in person_tokens or (known is not None and (known.kind != "org" or known.end != k + 1)) \
                    or (t.fold,) in self.m.parties or not nxt.is_title or nxt.text.isupper():
                continue
            if k + 2 < lim and (toks[k + 2].is_title or toks[k + 2].text == "&"):
                continue                            # a longer name ("KAPPA Supply & Trading"): left to the other patterns
            place = self.ent_at.get(k + 1)
            geo = place is not None and place.kind in ("country", "region", "place") and place.end == k + 2
            proper = place is None and self.lex_at.get(k + 1) is None and nxt.pos in ("PROPN", "ADJ", "X") \
                and self.word_class(k + 1) in (("name", "unknown") if known is not None else ("name",))
            if geo or proper:
                mt = add(k, k + 2, "acronym-place")
                if mt is not None and geo and place.kind == "country":
                    mt.data["country"] = place.iri
        # a known acronym written before another known organisation's name names a body of the first:
        # "the EU Clean Hydrogen Partnership" is one name, not the EU and a partnership
        for k in range(sent.start, lim - 2):
            known, nxt = self.ent_at.get(k), self.ent_at.get(k + 1)
            if known is not None and nxt is not None and known.kind == "org" == nxt.kind and known.start == k \
                    and known.end == k + 1 and nxt.start == k + 1 and nxt.end - nxt.start >= 2 \
                    and toks[k].text.isupper() and toks[k].text.isalpha() and not toks[k + 1].text.isupper() \
                    and not any(x in taken or x in person_tokens for x in range(k, nxt.end)):
                add(k, nxt.end, "acronym-prefix")

    def _company_word_appositions(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A name set off by commas after a company word is that company: "Kenya's state power
        producer, Kengo, signed", "with the state utility, Kengo.", "der staatliche Energiekonzern
        Kenias, Kengo, unterzeichnete" (a country in the genitive may come between). The name is
        closed by a comma, a bracket or the sentence's end; a person, a country, a role, a lexicon
        word or one common noun is no name."""
        toks = self.tokens
        lim = sent.end
        for i in self.cat_positions(("CompanyWord",), sent.start, lim - 2):
            k = self.lex_at[i].end
            if k < lim and self.lang == "de" and self.ent_at.get(k) is not None \
                    and self.ent_at[k].kind in ("country", "region") and toks[k].fold.endswith("s"):
                k = self.ent_at[k].end      # "der Energiekonzern Kenias, Kengo,"
            if k + 1 >= lim or toks[k].text != "," or toks[i].text[:1].isupper() and self.lang == "en":
                continue    # (the cheap test first: a comma must follow the company word)
            b = e = k + 1
            while e < lim and e - b < 4 and title(e) and e not in taken and e not in person_tokens \
                    and (self.ent_at.get(e) is None or self.ent_at[e].kind == "org") \
                    and not self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord", "ReportingVerb"):
                e += 1
            if e == b or e < lim and toks[e].text not in (",", "(", ")", ".", ";") \
                    or e - b == 1 and (self.word_class(b) == "noun" or toks[b].fold in self.gaz.given_names
                                       or (toks[b].fold,) in self.m.not_a_name):
                continue
            known = self.ent_at.get(b)
            add(b, e, "company-apposition", known.iri if known is not None and known.end == e else None)

    def _described_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """A word the tagger does not know, or an acronym, after a descriptor (lex:DescriptorWord:
        "Oslo-based", "state-owned", "die Oslo-basierte", German "die in Oslo ansässige", "die
        staatseigene") is an organisation: "Oslo-based Kengo signed", "with state-owned KENCO".
        One or two such words that end the noun phrase; no person, known entity or lexicon word."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start, lim - 1):
            text = toks[k].text
            if not ("-" in text and fold(text.rsplit("-", 1)[-1]) in self.descriptor_words
                    or self.lang == "de" and toks[k].fold in self.descriptor_words):
                continue    # (the cheap test first: a descriptor)
            b = e = k + 1
            while e < lim and e - b < 2 and toks[e].is_title and e not in taken and e not in person_tokens \
                    and e not in self.excluded and self.ent_at.get(e) is None and self.lex_at.get(e) is None \
                    and toks[e].text.isalpha() and toks[e].fold not in self.gaz.given_names \
                    and (toks[e].text.isupper() and len(toks[e].text) >= 2 or self.word_class(e) == "unknown"):
                e += 1
            if e == b or e < lim and (toks[e].is_title or toks[e].text in ("-", "&") or toks[e].pos == "NOUN"):
                continue
            add(b, e, "described")

    def _name_country_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """A word the tagger does not know (in English also a proper noun it does not know written small;
        no given name), perhaps with words of company names after it, followed
        by a country or region that ends the name is one company, the national arm of the first:
        "Solvika Kenya", "Kappa Energy India", "Hydro Lindmark Tasmania"; the company, not the
        country, is the actor. Not when a capitalised word goes on after the country, nor when
        a person, a known entity or a lexicon word stands in the run."""
        toks = self.tokens
        lim = sent.end
        places = self._sorted_places
        if places is None:
            places = self._sorted_places = sorted(self._place_names(), key=lambda m: m.start)
            self._place_starts = [m.start for m in places]
        starts = self._place_starts
        for j in range(bisect.bisect_right(starts, sent.start), bisect.bisect_left(starts, lim)):
            place = places[j]     # (the places of this sentence only)
            if place.end > lim:
                continue
            if place.end < lim and (toks[place.end].is_title or toks[place.end].text in ("&", "-")):
                continue    # the name goes on ("Kappa Kenya Power" is left to the other patterns)
            if place.start in taken or not toks[place.start - 1].is_title:
                continue    # (the cheap test first: a capitalised word must stand before the place)
            s = place.start
            core = False
            while s - 1 >= sent.start and place.start - s < 3:
                k = s - 1
                t = toks[k]
                if not t.is_title or t.text.isupper() or k in taken or k in person_tokens or k in self.excluded \
                        or self.ent_at.get(k) is not None:
                    break
                if (t.fold,) in self.m.org_words:
                    s = k
                    continue
                if self.lex_at.get(k) is None and t.text.isalpha() and t.fold not in self.gaz.given_names \
                        and t.pos in ("PROPN", "X", "NOUN") \
                        and (self.word_class(k) == "unknown" or self.lang == "en" and self.word_class(k) == "name"
                             and word_class("en", t.text.lower()) == "unknown"):
                    s, core = k, True
                    continue
                break
            if not core or place.end == place.start + 1 and (self.word_class(place.start) == "noun"
                                                             or word_class("en", toks[place.start].text) == "noun"):
                continue    # an (English) common noun that spells a place elsewhere: "Bonny Island", Island = Iceland
            mt = add(s, place.end, "name-country")
            if mt is not None and place.kind == "country":
                mt.data["country"] = place.iri

    def _nationality_acronyms(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """An unknown acronym after a country's adjective is an organization of that country: "die
        mauretanische KPM", "the Brazilian ZNBPar", "its Peruvian counterpart PZX". The acronym ends
        the noun phrase: "the Indian PLX scheme" is a scheme, "the American JD Muster" a person."""
        toks = self.tokens
        lim = sent.end
        for k in range(sent.start + 1, lim):
            text = toks[k].text
            if not _ACRONYM_WORD.fullmatch(text) or 2 * sum(c.isupper() for c in text) < len(text):
                continue    # (the cheap test first: KPM, ZNBPar, PZnG)
            if k in taken or k in person_tokens or k in self.excluded or self.ent_at.get(k) is not None \
                    or self.lex_at.get(k) is not None or (toks[k].fold,) in self.m.parties:
                continue
            if k + 1 < lim and (toks[k + 1].text[:1].isupper() or toks[k + 1].text in ("-", "&", "(", "/")
                                or toks[k + 1].pos == "NOUN"):
                continue
            b = k - 1
            if b > sent.start and self.has_cat(b, "Counterpart") and toks[b].text.islower():
                b -= 1      # "its Brazilian counterpart ZNBPar"
            if self._nationality(b):
                mt = add(k, k + 1, "nationality-acronym")
                if mt is not None:
                    mt.data["country"] = self.ent_at[b].iri

    def _camel_name_part(self, k: int, title, taken: set[int], person_tokens: set[int], after: bool = False) -> bool:
        """A capitalised word that can stand next to a CamelCase word in a company name: a proper
        or unknown word, an acronym, a word of company names; no entity, role or verb. After it,
        an English capitalised noun too ("GreenTech Solutions": English nouns are written small)."""
        t = self.tokens[k]
        if k in taken or k in person_tokens or not title(k) or self.ent_at.get(k) is not None:
            return False
        mt = self.lex_at.get(k)
        if mt is not None and not (mt.cats & {"OrgHead", "OrgNameWord"}) or self.legal_form_end(k) is not None:
            return False
        return (t.fold,) in self.m.org_words or self._org_head(k) or (t.text.isupper() and len(t.text) >= 2) \
            or self.word_class(k) in ("name", "unknown") or (after and self.lang == "en" and self.word_class(k) == "noun")

    def _variant_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """Known organisations written with or without spaces or hyphens (Petro Vietnam,
        Exxon-Mobil) or, in German, with other case endings (der Europäischen Investitionsbank)."""
        toks = self.tokens
        lim = sent.end
        by_squash, by_stem, _, _ = org_index(self.gaz)
        i = sent.start
        while i < lim:
            hit = None
            if toks[i].is_title and i not in taken and i not in person_tokens and self.ent_at.get(i) is None:
                # the longest span that is free and written like a name (its shorter ones are too)
                run = 0
                while run < min(4, lim - i) and (x := i + run) not in taken and x not in person_tokens \
                        and x not in self.excluded and (toks[x].text[:1].isupper() or toks[x].text[:1].isdigit()
                                                        or toks[x].text == "&"):
                    run += 1
                for n in range(run, 0, -1):
                    span = range(i, i + n)
                    known = self.ent_at.get(i)
                    if known is not None and known.start == i and known.end >= i + n:
                        break                       # the matcher has it already
                    words = [toks[x].text for x in span]
                    iri = None
                    if n > 1 or re.search(r"[-‐‑.'’`]", words[0]):   # (one plain word needs no key)
                        key = squash(words)
                        if len(key) >= 5 and tuple(fold(w) for w in words) not in self.gaz.phrases:
                            iri = by_squash.get(key)
                    if iri is None and n >= 2 and self.lang == "de":
                        iri = by_stem.get(stem_key(words))
                    if iri:
                        hit = (i + n, iri)
                        break
            if hit:
                mt = add(i, hit[0], "variant", hit[1])
                if mt is not None:
                    mt.data["variant"] = True
                i = hit[0]
                continue
            i += 1

    def _subsidiary_names(self, sent, title, add, taken: set[int]) -> None:
        """The parent in "a subsidiary of Zetacorp", "owned by Zetacorp", "eine Tochter der Zetacorp"."""
        toks = self.tokens
        lim = sent.end
        for i in range(sent.start, lim - 2):
            if toks[i + 1].fold not in self.subsidiary_seconds:
                continue    # (the cheap test first)
            a = toks[i].lemma if self.lang == "de" else toks[i].fold
            if (a, toks[i + 1].fold) not in self.subsidiary_cues and (toks[i].fold, toks[i + 1].fold) not in self.subsidiary_cues:
                continue
            k = i + 2
            while k < lim and toks[k].fold in self.articles:
                k += 1
            # "eine Tochter des Essener Konzerns Kappa Holding": the name follows the company word
            c = k
            while c < lim and c - k < 3 and title(c) and not self.has_cat(c, "CompanyWord"):
                c += 1
            if c < lim and c + 1 < lim and self.has_cat(c, "CompanyWord") and title(c + 1):
                k = c + 1
            e = k
            while e < lim and title(e) and e not in taken and e - k < 6 \
                    and (not self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord")
                         or e > k and self._closing_head(e, lim, title)) \
                    and (self.ent_at.get(e) is None or self.ent_at[e].kind == "org"):
                e += 1
            if e > k and e < lim and title(e) and self.ent_at.get(e) is not None and self.ent_at[e].start == e \
                    and self.ent_at[e].end < lim and self.has_cat(self.ent_at[e].end, "ProjectWord", "ProjectReference"):
                continue    # "a unit of the Kappa Point Ghana plant": the capitalised words name a plant, not a parent
            if e > k:
                known = self.ent_at.get(k)
                add(k, e, "subsidiary", known.iri if known is not None and known.kind == "org" and known.end >= e else None)
        # the parent before a subsidiary noun: "Zetacorp's subsidiary", "a Zetacorp unit", "die Zetacorp-Tochter"
        for i in range(sent.start + 1, lim):
            t = toks[i]
            if "-" in t.text and self.lang == "de":
                part, _, last = t.text.rpartition("-")
                if fold(last) in self.subsidiary_nouns and part[:1].isupper() and part.lower() != part \
                        and i not in taken and self.ent_at.get(i) is None \
                        and word_class(self.lang, part) in ("name", "unknown"):
                    self._extra_orgs.append(Mention(i, i + 1, "org", None, "pattern", part, data={"how": "parent-part"}))
                continue
            if (t.lemma if self.lang == "de" else t.fold) not in self.subsidiary_nouns and t.fold not in self.subsidiary_nouns:
                continue
            e = i - 1 if toks[i - 1].text in ("'s", "’s") else i
            b = e
            while b > sent.start and title(b - 1) and b - 1 not in taken and e - b < 3:
                b -= 1
            if e == b or (e == i and not (b > sent.start and toks[b - 1].fold in ("a", "an", "the", "its", "their"))):
                continue
            if self._org_candidate(b, e) and not any(self.has_cat(x, "RoleTitle", "SigningVerb", "AgreementWord") for x in range(b, e)):
                add(b, e, "parent")

    def _company_role(self, k: int) -> bool:
        mt = self.lex_at.get(k)
        return bool(mt and "RoleTitle" in mt.cats and any(
            self.gaz.lexicon[x].sector == "company" for x in mt.data.get("lex", []) if x in self.gaz.lexicon))

    def _employer_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """The company of a company role: "Zentrox's chief executive", "Zentrox-Chef Max Muster",
        "CEO of Zentrox", "Vorstandschef der Zentrox"; and a name with a word of company names:
        "Kappa Energy", "Zentrox Power"."""
        toks = self.tokens
        lim = sent.end

        def ok(s: int, e: int) -> bool:
            last = toks[e - 1].text.rsplit("-", 1)[-1] if e > s else ""
            if "-" in toks[e - 1].text and word_class(self.lang if self.lang in ("de", "en") else "en", last) == "noun":
                return False    # "Leiter der ZEPTA-Vertretung": an office, not the company
            return e > s and not any(x in taken or x in person_tokens for x in range(s, e)) \
                and not any(self.ent_at.get(x) is not None and self.ent_at[x].kind != "org" for x in range(s, e)) \
                and self._org_candidate(s, e)

        for k in self.cat_positions(("RoleTitle",), sent.start, lim):   # (a company role is a role title)
            if self._company_role(k) and self.lex_at[k].start == k:
                # Zentrox's CEO
                if k - 2 >= sent.start and toks[k - 1].text in ("'s", "’s"):
                    e = k - 1
                    b = e
                    while b > sent.start and title(b - 1) and e - b < 3:
                        b -= 1
                    if ok(b, e):
                        add(b, e, "employer")
                # Zentrox chief executive Jane Roe
                if k - 1 >= sent.start and title(k - 1) and self.lex_at[k].end in person_tokens:
                    e = k
                    b = e
                    while b > sent.start and title(b - 1) and e - b < 3 and self.ent_at.get(b - 1) is None:
                        b -= 1
                    if ok(b, e) and not (b > sent.start and toks[b - 1].text in ("'s", "’s")):
                        add(b, e, "employer")
                # Zentrox-Chef
                if "-" in toks[k].text and self.lex_at[k].data.get("compound"):
                    part = toks[k].text.rsplit("-", 1)[0]
                    if part[:1].isupper() and not any(m.start == k and m.data.get("part") is not None for m in self.mentions) \
                            and (fold(part),) not in self.m.not_a_name \
                            and word_class(self.lang if self.lang in ("de", "en") else "en", part) in ("name", "unknown") \
                            and part.lower() != part and k not in taken and k not in person_tokens \
                            and not self._place_part(part):
                        # (not a place: "Nahost-Experte", "Osteuropa-Expertin" is an expert on a region)
                        mt = Mention(k, k + 1, "org", None, "pattern", part, data={"how": "employer-part"})
                        self._extra_orgs.append(mt)
                # CEO of Zentrox / Vorstandschef der Zentrox AG
                e0 = self.lex_at[k].end
                if e0 - 1 > k and toks[e0 - 1].fold in self.gaz.words("RoleEndPreposition"):
                    e0 -= 1     # "head of Zentrox": the title ends in its preposition
                if e0 + 1 < lim and toks[e0].fold in self.gaz.words("RoleEndPreposition"):
                    b = e0 + 1
                    while b < lim and toks[b].fold in self.articles:
                        b += 1
                    e = b
                    while e < lim and title(e) and e - b < 4 and not self.has_cat(e, "RoleTitle", "SigningVerb", "ReportingVerb"):
                        e += 1
                    if ok(b, e) and (e >= lim or not toks[e].is_title) \
                            and not (e < lim and (toks[e].fold,) in self.gaz.lex_words("ProjectWord")) \
                            and not (e < lim and self.lang == "en" and toks[e].pos == "NOUN" and toks[e].text.islower()):
                        add(b, e, "employer")   # (not "project director of the Kappa plant": a site; not
                        # "analysts at a Lima brokerage": the name modifies the noun after it)
        # Kappa Energy, Zentrox Power, Kappa Clean Ammonia (an adjective of the name before the words)
        for k in range(sent.start, lim - 1):
            nxt = toks[k + 1]
            if not (nxt.is_title and ((nxt.fold,) in self.m.org_words
                                      or k + 2 < lim and self._name_adjective(k + 1, k + 3))):
                continue    # (the cheap test first: a word of company names must follow)
            if k in taken or k in person_tokens or not (self.namelike(k) or self._digit_name(k)) \
                    or toks[k].fold in self.gaz.given_names \
                    or self.word_class(k) == "name" and not toks[k].pos == "PROPN":
                continue
            if self.lang == "de" and toks[k].pos == "NOUN" and toks[k].lemma and toks[k].lemma != toks[k].fold \
                    and toks[k].fold not in (toks[k].lemma + "s", toks[k].lemma + "es"):
                continue    # "sollen Windräder Strom erzeugen": an inflected common noun, no name
            if k > sent.start and title(k - 1) and not (self.lang == "de" and toks[k - 1].pos == "NOUN"
                                                         and self.word_class(k - 1) == "noun") \
                    and not self._sentence_opener(k - 1, sent.start):
                continue   # (a German common noun before it is no part of the name: "den Partnern Kappa Energy")
            e = k + 2 if (nxt.fold,) not in self.m.org_words else k + 1
            while e < lim and e - k < 4 and (toks[e].fold,) in self.m.org_words and toks[e].is_title:
                e += 1
            if e + 1 < lim and e - k >= 2 and toks[e].fold in ("and", "&") and (toks[e - 1].fold,) in self.m.org_words:
                f = e + 1       # lines of business joined by "and" that end the name: "Kappa Exploration and Production"
                while f < lim and f - e <= 3 and (toks[f].fold,) in self.m.org_words and toks[f].is_title:
                    f += 1
                if f > e + 1 and (f >= lim or not toks[f].is_title):
                    e = f
            adjective = (nxt.fold,) not in self.m.org_words
            if e > k + 1 and (toks[e - 1].fold,) in self.m.org_words and (e >= lim or not toks[e].is_title) \
                    and (ok(k, e) if not adjective else ok(k, k + 1) and self._org_candidate(k, e, adj_ok=True)
                         and not any(x in taken or x in person_tokens for x in range(k, e))) \
                    and not self._in_portfolio(k, sent.start):
                add(k, e, "name-word")

    def _company_name_at(self, k: int, lim: int, title) -> bool:
        """A company name of its own starts at token k: a word that reads as a name and capitalised
        words up to a word of company names or a legal form ("the Ministry of Energy and Zentrox
        Power", not "… of Energy and Mines", "… for Reconstruction and Development", "… of Electricity
        and Renewable Energy")."""
        if not self.namelike(k) or word_class("en" if self.lang != "de" else "de", self.tokens[k].text.lower()) == "other":
            return False        # (not "… of Electricity and Renewable Energy": a common adjective, written small)
        e = k + 1
        while e < lim and e - k < 4 and title(e) and not self.has_cat(e, "RoleTitle", "SigningVerb"):
            e += 1
        return e > k + 1 and ((self.tokens[e - 1].fold,) in self.m.org_words or self.legal_form_end(e - 1) is not None)

    def _digit_name(self, k: int) -> bool:
        """A word of letters and digits that is no entity and no lexicon word: "Z3N", "50Hertz", "Kappa24";
        not a code of capitals and a number ("G20", "COP28", "H2", "NH3")."""
        text = self.tokens[k].text
        return bool(_DIGIT_NAME.fullmatch(text)) and not _CODE_NUMBER.fullmatch(text) \
            and self.ent_at.get(k) is None and k not in self.lex_at

    def _sentence_opener(self, k: int, start: int) -> bool:
        """The first word of a sentence that is capitalised only because it opens the sentence: an
        adverb or an adjective the tagger knows as no noun and no name ("Yesterday Kappa Energy
        signed", "State-owned Kappa Petroleum", "Gestern Kappa Energie"), no part of the name after it;
        and a nationality adjective ("German Kappa Energy"; in English also inside the sentence) or a
        hyphenated description ("Kappa-owned Zentrox Power") anywhere."""
        text = self.tokens[k].text
        if "-" in text and fold(text.rsplit("-", 1)[-1]) in self.descriptor_words:
            return True         # "Kappa-owned Zentrox Power", "Peru-based Zentrox Energy"
        ent = self.ent_at.get(k)
        if ent is not None:     # a nationality before the name: "German Kappa Energy", "with Norwegian Zentrox Power"
            return ent.form == "adj" and ent.kind == "country" and ent.start == k and ent.end == k + 1 \
                and (k == start or self.lang == "en")
        return k == start and (self.tokens[k].fold,) not in self.m.org_words and not self._org_head(k) \
            and not self.has_cat(k, "RoleTitle") and self.word_class(k) == "other"

    def _context_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """Names that their context shows to be organisations, with no cue word in the name:

        * an origin phrase after a list item: "Acme from Japan", "Zentrox und Kappa aus Polen"
          (the phrase covers the names coordinated before it);
        * a country's possessive before a bare name: "Peru's Zentrox", "Greece's KAPCO";
        * in German, a definite article before a bare acronym: "die ZKW", "für die KAPCO".
        A person's name, a known entity, a role or a word of the language is never taken."""
        toks = self.tokens
        lim = sent.end
        conj = ("and", "und", "sowie", "&", ",")
        opener = conj + (":", "mit", "with", "the", "der", "die", "das", "dem", "den", "des")

        def free(k: int) -> bool:
            return title(k) and k not in taken and k not in person_tokens and self.ent_at.get(k) is None \
                and not self.has_cat(k, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord", "ReportingVerb")

        def country(k: int) -> bool:
            mt = self.ent_at.get(k)
            return mt is not None and mt.start == k and mt.kind in ("country", "region") and mt.form != "adj"

        def run_before(e: int) -> int:
            b = e
            while b > sent.start and free(b - 1) and e - b < 4:
                b -= 1
            return b

        for k in range(sent.start + 1, lim - 1):
            # Acme from Japan, Zentrox und Kappa aus Polen
            if toks[k].fold in ("from", "aus") and country(k + 1):
                e = k
                b = run_before(e)
                while e > b and b > sent.start and toks[b - 1].fold in opener and self._org_candidate(b, e):
                    add(b, e, "origin")
                    c = b - 1
                    if toks[c].fold not in conj or c - 1 <= sent.start:
                        break
                    e = c
                    b = run_before(e)
            # Peru's Zentrox
            if toks[k].text in ("'s", "’s") and self.ent_at.get(k - 1) is not None \
                    and self.ent_at[k - 1].kind in ("country", "region") and self.ent_at[k - 1].form != "adj":
                b = k + 1
                while b < lim - 1 and b - k < 3 and "-" in toks[b].text and toks[b].text.islower() \
                        and fold(toks[b].text.rsplit("-", 1)[-1]) in self.descriptor_words:
                    b += 1      # "Peru's state-owned Zentrox"
                e = b
                while e < lim and free(e) and e - b < 3:
                    e += 1
                if e > b and (e >= lim or not toks[e].is_title) and self._org_candidate(b, e) \
                        and not (e - b == 1 and toks[b].fold in self.gaz.given_names):
                    add(b, e, "possessive")
            # operated by Zentrox / von Zentrox betrieben: the agent of a passive participle
            agent = self._passive_agent(k, lim, free)
            if agent is not None:
                add(agent[0], agent[1], "agent")
            # Zentrox's Jane Roe: the possessor of a person named in full is the person's employer
            if toks[k].text in ("'s", "’s") and k + 2 < lim and k + 1 in person_tokens and k + 2 in person_tokens \
                    and k - 1 not in person_tokens:
                b = run_before(k)
                if b < k and (b == sent.start or not title(b - 1)) and self._org_candidate(b, k) \
                        and not (k - b == 1 and toks[b].fold in self.gaz.given_names):
                    add(b, k, "possessor")
            # die KAPCO
            if self.lang == "de" and toks[k - 1].fold in ("der", "die", "das", "des", "dem", "den") \
                    and toks[k].text.isupper() and toks[k].text.isalpha() and len(toks[k].text) >= 3 \
                    and free(k) and self.lex_at.get(k) is None and not toks[k + 1].is_title \
                    and toks[k + 1].text not in ("(", "-") and not self._topic_word(toks[k].text) \
                    and toks[k].fold not in self._non_org_acronyms:
                add(k, k + 1, "article-acronym")

    def _passive_agent(self, k: int, lim: int, free) -> tuple[int, int] | None:
        """The name after "by" that follows a passive participle ("operated by Zentrox", "financed
        by Kappa Power") or after German "von" before one ("von Zentrox betrieben"): the agent of
        an action, a company when it is one coined word or a run that ends in a word of company
        names (persons, places and known names are never taken)."""
        toks = self.tokens
        t = toks[k]
        if self.lang == "en":
            if t.fold != "by" or k < 1 or toks[k - 1].pos != "VERB" or not re.search(r"(?:ed|en|wn|lt|ght|ld)$", toks[k - 1].text):
                return None
        elif self.lang == "de":
            if t.fold not in ("von", "vom"):
                return None
        else:
            return None
        b = k + 1
        while b < lim and toks[b].pos == "DET":
            b += 1
        e = b
        while e < lim and free(e) and e - b < 4:
            e += 1
        if e == b or e < lim and toks[e].is_title and not self.lang == "de":
            return None
        if self.lang == "de" and not (e < lim and toks[e].pos == "VERB" and toks[e].text[:1].islower()
                                      and re.search(r"(?:t|en)$", toks[e].text) and "IZU" not in (toks[e].tag or "")
                                      and (e + 1 >= lim or toks[e + 1].pos in ("AUX", "PUNCT"))):
            return None     # "von Zentrox betrieben", not "nördlich von Puerto Varas" nor "von X zusammenzuarbeiten"
        last = e - 1
        closing = (toks[last].fold,) in self.m.org_words or self._org_head(last) or self.legal_form_end(last) is not None
        if e - b == 1:
            w = toks[b].text
            if len(w) < 4 or toks[b].fold in self.gaz.given_names or not (
                    all(word_class(lg, w) == "unknown" for lg in ("de", "en")) or w.isupper()):
                return None
            if self.lang == "de" and toks[b].pos == "NOUN" and toks[b].lemma and toks[b].lemma != toks[b].fold \
                    and toks[b].fold not in (toks[b].lemma + "s", toks[b].lemma + "es"):
                return None     # "von Windrädern erzeugt": an inflected common noun (a plural), no name
        elif not closing:
            return None
        return (b, e) if self._org_candidate(b, e) else None

    def _topic_word(self, text: str) -> bool:
        from kg.extract.topics import TopicMatcher
        return bool(TopicMatcher(self.gaz).find(text))

    def _agreement_title(self, s: int, e: int) -> bool:
        """The span ends in a head word that a capitalised agreement word follows: the words are the
        start of an agreement's title, no organisation ("the EU–Kappa Association Agreement", "das
        Lindmark Partnership Agreement")."""
        toks = self.tokens
        return e < len(toks) and e - s >= 2 and toks[e].is_title and self._org_head(e - 1) \
            and self.has_cat(e, "AgreementWord") and self.lex_at[e].start == e

    def _place_part(self, part: str) -> bool:
        """The first part of a hyphen compound is a known place, country or region of the gazetteer
        (not an organisation): "Nahost-Experte", "Osteuropa-Expertin" name a field, no employer."""
        hits = self.gaz.phrases.get(tuple(fold(w) for w in part.split()), [])
        kinds = {self.gaz.entities[giri].kind for giri, _, _ in hits if giri in self.gaz.entities}
        return bool(kinds) and "org" not in kinds

    def _org_candidate(self, s: int, e: int, adj_ok: bool = False) -> bool:
        """A run of capitalised words that can be a company's name: every word a proper name, an
        unknown word, an acronym or a word of company names, and not a person's given name alone.
        In English a common noun may stand before a closing word of company names: capitalised
        inside a sentence, "Infinity Power" and "Summit Energy Group" are names."""
        toks = self.tokens
        last = e - 1
        common_ok = self.lang == "en" and e - s >= 2 and ((toks[last].fold,) in self.m.org_words or self._org_head(last)
                                                         or self.legal_form_end(last) is not None)
        if e - s == 1 and (toks[s].fold in self.gaz.given_names or len(toks[s].text) < 2):
            return False
        if all((toks[k].fold,) in self.m.org_words or self._org_head(k) for k in range(s, e)):
            return False        # "International Oil": only words of company names, no name
        for k in range(s, e):
            t = toks[k]
            if t.text == "&" and s < k < e - 1:
                continue                            # "Larsen & Toubro"
            if t.text == "and" and s < k < e - 1 and (toks[k - 1].fold,) in self.m.org_words \
                    and (toks[k + 1].fold,) in self.m.org_words:
                continue                            # "Kappa Exploration and Production": two lines of business
            if self.ent_at.get(k) is not None:
                return False
            mt = self.lex_at.get(k)
            if mt is not None and not (mt.cats & {"OrgHead", "OrgNameWord", "LegalForm"}):
                return False
            if (t.fold,) in self.m.org_words or self._org_head(k) or self.legal_form_end(k) is not None:
                continue
            if t.text.isupper() and len(t.text) >= 2 or re.fullmatch(r"[A-Z][\w&]*\d[\w&]*", t.text):
                continue                            # ZEPTA, K2X
            if t.text[:1].islower() or self.word_class(k) not in ("name", "unknown") and not (
                    common_ok and k > 0 and not toks[k - 1].text in (".", "!", "?", ":", "\n") and (toks[k].pos != "ADJ" or adj_ok)):
                return False
        return True

    def _coordinated_orgs(self, sent, title, add, taken: set[int], out: list[Mention]) -> None:
        """A name coordinated with an organisation is one too: "Acme and Zentrox", "Zentrox,
        Kappa Power and Acme Ltd" (no cue word needed)."""
        toks = self.tokens
        lim = sent.end
        conj = ("and", "und", "sowie", "&")

        def run_after(k: int) -> tuple[int, int] | None:
            if toks[k - 1].text == "," and toks[k].fold in self.articles:
                return None     # "Zentrox, der Staatsvermögensfonds": an apposition
            while k < lim and toks[k].fold in ("the", "der", "die", "das", "dem", "den"):
                k += 1
            e = k
            while e < lim and title(e) and e not in taken and e - k < 4:
                e += 1
            while e + 1 < lim and toks[e].text == "&" and title(e + 1) and e + 1 not in taken and e - k < 5:
                e += 2      # "Larsen & Toubro": one company
            return (k, e) if e > k else None

        # the gazetteer's organisations of the sentence (the same in every round)
        known = {(m.start, m.end) for m in self.mentions if m.kind == "org" and m.data.get("part") is None
                 and sent.start <= m.start < lim}
        changed = True
        rounds = 0
        while changed and rounds < 4:
            changed = False
            rounds += 1
            spans = sorted({(m.start, m.end) for m in out if sent.start <= m.start < lim} | known)
            for s0, e0 in spans:
                # after: "Org and X", "Org, X and Y"
                k = e0
                while k + 1 < lim and (toks[k].text == "," or toks[k].fold in conj):
                    r = run_after(k + 1)
                    if r is None:
                        break
                    if any(x in taken for x in range(*r)) or self.ent_at.get(r[0]) is not None:
                        k = max(r[1], (self.ent_at[r[0]].end if self.ent_at.get(r[0]) is not None else r[1]))
                        continue
                    if not self._org_candidate(*r, adj_ok=True):
                        break
                    if r[1] < lim and (toks[r[1]].text in ("(",) or title(r[1])):
                        break
                    if add(r[0], r[1], "coordination"):
                        changed = True
                    k = r[1]
                # before: "X and Org", "X and Peru's state fund Org" (a description of Org between)
                k = s0 - 1
                d = k
                while d > sent.start and s0 - d <= 5 and (toks[d].text.islower() and toks[d].pos in ("NOUN", "ADJ", "DET")
                                                          or toks[d].fold in ("'s", "’s")
                                                          or self.lang == "de" and toks[d].pos == "NOUN"
                                                          and self.has_cat(d, "CompanyWord", "OrgHead", "LenderWord")
                                                          or self.ent_at.get(d) is not None
                                                          and self.ent_at[d].kind in ("country", "region")):
                    d -= 1
                if d < k and toks[d].fold in conj and any(self.has_cat(x, "CompanyWord", "OrgHead", "LenderWord")
                                                          for x in range(d + 1, s0)):
                    k = d
                if k - 1 >= sent.start and toks[k].fold in conj:
                    e = k
                    b = e
                    while b > sent.start and title(b - 1) and b - 1 not in taken and e - b < 4:
                        b -= 1
                    if e > b and (b == sent.start or not title(b - 1)) and self._org_candidate(b, e, adj_ok=True) \
                            and not (b == sent.start and self.word_class(b) != "unknown" and e - b == 1
                                     and toks[b].text[:1].isupper() and not toks[b].text.isupper()):
                        if add(b, e, "coordination"):
                            changed = True

    def _variant_iri(self, name: str) -> str | None:
        """The gazetteer organisation a found name is a spelling variant of: spaces, hyphens,
        case endings, or a long name one or two letters off (fuzzy)."""
        by_squash, by_stem, long_keys, long_iris = org_index(self.gaz)
        words = name.split()
        key = squash(words)
        if len(key) >= 5 and key in by_squash:
            return by_squash[key]
        if self.lang == "de" and len(words) >= 2 and stem_key(words) in by_stem:
            return by_stem[stem_key(words)]
        if len(key) >= 12 and long_keys:
            hit = process.extractOne(key, long_keys, scorer=fuzz.ratio, score_cutoff=92)
            # one or two letters off, and not at the start: "Asian" is not "Eurasian",
            # "China National …" not "Ghana National …"
            if hit is not None and OSA.distance(key, hit[0]) <= 2 and hit[0][:3] == key[:3]:
                return long_iris[hit[2]]
        return None

    def _connected_word(self, j: int, lim: int, title) -> int | None:
        """After one or two small connecting words of a Romance name at token j ("de", "de la",
        "des"), the capitalised word that goes on with the name; None if none does."""
        c = j
        while c < lim and c - j < 2 and self.tokens[c].fold in self.org_connectors and self.tokens[c].text.islower():
            c += 1
        if c < lim and title(c) and not self.has_cat(c, "RoleTitle", "SigningVerb", "AgreementWord"):
            return c
        return None

    def _home_name(self, k: int) -> bool:
        """Token k names a country, a region or a world region (a place that is no city), which
        may close a company's name: "Gasunie Deutschland", "Kappa Energy Europe"."""
        mt = self.ent_at.get(k)
        if mt is None:
            return False
        if mt.kind in ("country", "region"):
            return True
        ent = self.gaz.entities.get(mt.iri) if mt.kind == "place" else None
        return ent is not None and ent.capital_of is None and ent.country is None

    def _head_compound(self, k: int) -> bool:
        """Token k is a hyphenated word whose last part is an organization head word in either
        language: the "IPEX-Bank" of "KfW IPEX-Bank", "Kappa-Holding"."""
        text = self.tokens[k].text
        if "-" not in text or not text[:1].isupper():
            return False
        last = fold(text.rsplit("-", 1)[-1])
        return bool(last) and (last,) in self.m.org_heads_en

    def _name_adjective(self, k: int, end: int) -> bool:
        """Token k is a capitalised adjective inside a company's name, before a word of company
        names: the "Green" of "Enel Green Power", the "Clean" of "Kappa Clean Energy"."""
        toks = self.tokens
        # the cheap tests first: the word-class lookup asks the tagger about a new word
        return k < end - 1 and toks[k].is_title and self.ent_at.get(k) is None and self.lex_at.get(k) is None \
            and ((toks[k + 1].fold,) in self.m.org_words or self._org_head(k + 1)) \
            and (toks[k].pos == "ADJ" or toks[k].pos == "PROPN" and word_class("en", toks[k].text.lower()) == "other")

    def _org_head(self, k: int) -> bool:
        return (self.tokens[k].fold,) in (self.m.org_heads_en if self.lang == "en" else self.m.org_heads)

    def add_orgs(self, org_mentions: list[Mention]) -> None:
        """Link organization mentions found after the first pass (by the frame stage)."""
        self._link_orgs(org_mentions)

    def _link_orgs(self, org_mentions: list[Mention]) -> None:
        acr_map: dict[str, str] = {}
        for mt in org_mentions:
            name = _strip_article(mt.text)
            mt.text = name
            iri = mt.iri
            if iri is None:
                words = tuple(fold(w) for w in name.split())
                for giri, form, _ in self.gaz.phrases.get(words, []):
                    if giri in self.gaz.entities and self.gaz.entities[giri].kind == "org":
                        iri = giri
                acr = mt.data.get("acronym")
                if iri is None and acr:
                    for giri, form, _ in self.gaz.phrases.get((fold(acr),), []):
                        if giri in self.gaz.entities and self.gaz.entities[giri].kind == "org":
                            iri = giri
            if iri is None:
                iri = self._variant_iri(name)
            if iri is None and fold(name) in acr_map:
                iri = acr_map[fold(name)]
            if iri in self.gaz.entities and self.lang == "de":
                # an inflected form of a known name is shown in the nominative: der Europäischen Union
                g = self.gaz.entities[iri]
                for label in (g.label_de, g.label_en):
                    if label and fold(label) != fold(name) and len(label.split()) == len(name.split()) \
                            and stem_key(label.split()) == stem_key(name.split()):
                        name = mt.text = label
                        break
            if iri is None:
                key = squash(name.split())
                for o in self.orgs.values():
                    if fold(o.name) == fold(name) or fold(name) in {fold(a) for a in o.aliases} \
                            or len(key) >= 6 and key in {squash(x.split()) for x in o.aliases | {o.name}}:
                        iri = o.iri
                        break
            if mt.data.get("how") not in _PARENT_HOWS and self._after_subsidiary_cue(mt.start):
                mt.data["parent"] = True    # "a subsidiary of the Norwegian group Kappa": found by another rule
            if iri is None and mt.data.get("how") not in _PARENT_HOWS and not mt.data.get("parent"):
                iri = self._short_form(name)
            if iri is None:
                iri = str(entity_iri("org", slugify(name)))
            mt.iri = iri
            ent = self.orgs.get(iri)
            known = iri in self.gaz.entities
            if ent is None:
                country = self.gaz.entities[iri].country if known else mt.data.get("country") or self._country_in(mt)
                ent = OrgEntity(iri, name, country, known=known)
                self.orgs[iri] = ent
            elif len(name) > len(ent.name) and not name.isupper():
                ent.aliases.add(ent.name)
                ent.name = name
            else:
                ent.aliases.add(name)
            if mt.data.get("acronym"):
                ent.aliases.add(mt.data["acronym"])
                acr_map[fold(mt.data["acronym"])] = iri
            ent.mentions.append(mt)
        # later uses of a one-word name found by a pattern ("the utility Samruk-Energy" ... "Samruk-Energy")
        for mt in list(org_mentions):
            if mt.end - mt.start == 1 and mt.data.get("how") in ("company-word", "apposition") and len(mt.text) > 3:
                acr_map.setdefault(fold(mt.text), mt.iri)
        for tok in self.tokens:
            iri = acr_map.get(tok.fold)
            if iri and tok.text.isupper() or (iri and tok.text[:1].isupper() and any(c.isupper() for c in tok.text[1:])) \
                    or (iri and tok.text[:1].isupper() and tok.fold in self._short_names):
                if not any(m.start <= tok.i < m.end for m in org_mentions):
                    mt = Mention(tok.i, tok.i + 1, "org", iri, "acronym", tok.text, data={"how": "acronym-use"})
                    org_mentions.append(mt)
                    self.orgs[iri].mentions.append(mt)
        org_mentions.sort(key=lambda m: m.start)


    def _possessor_run(self, k: int, lim: int) -> bool:
        """Two to four capitalised words from k closed by "'s": a name that owns a role ("Jane Roe,
        Kappa Power's managing director")."""
        toks = self.tokens
        j = k
        while j < lim and j - k < 4 and toks[j].is_title:
            j += 1
        return j - k >= 2 and j < lim and toks[j].text in ("'s", "’s")

    def _after_subsidiary_cue(self, k: int) -> bool:
        """A subsidiary cue ("a subsidiary of", "eine Tochter des", "owned by") stands at most
        five words before token k in its sentence, with no comma between."""
        toks = self.tokens
        for i in range(k - 2, max(k - 7, -1), -1):
            if toks[i].text in (",", ";", ".") or toks[i + 1].text in (",", ";", "."):
                return False
            a = toks[i].lemma if self.lang == "de" else toks[i].fold
            if (a, toks[i + 1].fold) in self.subsidiary_cues or (toks[i].fold, toks[i + 1].fold) in self.subsidiary_cues:
                return True
        return False

    def _short_form(self, name: str) -> str | None:
        """"Hyphen" after "Hyphen Hydrogen Energy" (or before it): the first word of a longer
        organization name in the same text is that organization."""
        words = name.split()
        for o in self.orgs.values():
            if any(m.data.get("how") in _PARENT_HOWS or m.data.get("parent") for m in o.mentions):
                continue    # "Kappa Peru, a subsidiary of Kappa": the parent is another company
            theirs = o.name.split()
            if len(words) == 1 and len(theirs) > 1 and fold(theirs[0]) == fold(name) and len(name) >= 4 \
                    and (fold(name),) not in self.m.org_words:
                return o.iri
            if len(theirs) == 1 and len(words) > 1 and fold(words[0]) == fold(theirs[0]) and len(theirs[0]) >= 4 \
                    and (fold(theirs[0]),) not in self.m.org_words and not o.known:
                return o.iri
        return None


def mt_compound(mt: Mention | None) -> bool:
    return bool(mt is not None and mt.data.get("compound"))


def _ACRONYM_OK(acr: str) -> bool:
    letters = acr.replace(" ", "").replace("&", "")
    return 2 <= len(letters) <= 9 and sum(c.isupper() for c in letters) >= 2 and letters[:1].isupper() \
        and not letters.isdigit()


def _unaccented(text: str) -> str:
    """``text`` without its accents (É -> E, ô -> o); other letters stay as they are."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _initials_fit(acr: str, words: str) -> bool:
    """The acronym's first letter starts one of the first three words, and a second letter of it
    starts a later word ("Lieferungen Flüssigerdgas (LNG)" does not fit); a CamelCase word is read
    as its parts (PetroNordic Gas, PNG); a one-word name holds the acronym's letters in order
    (Bundesnetzagentur, BNetzA)."""
    # letters with accents count as their base letters: Électricité de Kappa (EDK)
    words, acr = _unaccented(words), _unaccented(acr)
    # the inner capitals of a CamelCase word count as initials: PetroNordic Gas (PNG)
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", words)
    initials = [w[0].upper() for w in words.replace("-", " ").split() if w[:1].isalpha()]
    first = acr[0].upper()
    if not initials or first not in initials[:3]:
        return False
    letters = [c for c in acr.upper() if c.isalpha()]
    if len(initials) == 1 or len(letters) < 2:
        pos = 0
        text = words.upper()
        for c in letters:
            pos = text.find(c, pos)
            if pos < 0:
                return False
            pos += 1
        return True
    k = initials.index(first)
    matched = 1
    for c in letters[1:]:
        for j in range(k + 1, len(initials)):
            if initials[j] == c:
                matched += 1
                k = j
                break
    return matched >= 2


def _strip_article(name: str) -> str:
    parts = name.split()
    while parts and parts[0].lower() in ("the", "der", "die", "das"):
        parts = parts[1:]
    return " ".join(parts)


