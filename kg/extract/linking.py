"""Persons and organizations from patterns, and linking of every mention to a stable entity.

Persons: a role title next to a capitalised name ("Bundesminister Peter Altmaier",
"KHNP President Whang Joo-ho"), "Name, role of X" ("R.K. Singh, Energieminister Indiens"),
a known given name before a capitalised word, and the gazetteer's persons with all their
spellings. A later mention of the family name alone is the same person. Spellings of one
person (Wladimir/Vladimir) are merged by alias and fuzzy matching (rapidfuzz).

Organizations: gazetteer names and aliases, "Full Name (ACRONYM)", a capitalised name with
an organization head word ("Bureau of Public Enterprises", "Westinghouse Electric Company"),
a German compound with an organization head ("Bundeswirtschaftsministerium"), a name after a
company word ("das Unternehmen „Rosatom“"), and a known name extended by name words.

IRIs: gazetteer and curated entities keep theirs; new persons get id:person/{slug}, new
organizations id:org/{slug} (slug of the written name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import ARTICLES, Matcher, Mention
from kg.extract.tokens import Token, fold, join_tokens
from kg.namespaces import entity_iri, slugify

_OPEN_Q = set("„“\"‚‘«»")
_CLOSE_Q = set("“”\"‘’«»")
# a name part glued to a lowercase particle: al-Rashid, el-Sisi, bin-Salman, ul-Haq
_PARTICLE_NAME = re.compile(r"^(?:al|el|ul|ad|ar|as|at|az|ash|bin|ibn|ben|abu|bint|da|de|di|du|van|von|della|dos)"
                            r"[-‐‑'’`][A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ]\w+$")
_NAME_WITH_BACKTICK = re.compile(r"^[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ]\w*`\w+$")   # O`Brien, N`Diaye
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "dame", "herr", "herrn",
               "frau", "h.e.", "madam", "mme", "mme.", "m."}
_BYLINE = {"by", "von"}
_NOMINATIVE_AFTER = {"der", "die", "das", "den", "dem", "des", "einer", "einem", "eines", "the"}
_SUBSIDIARY_CUES = [("subsidiary", "of"), ("unit", "of"), ("division", "of"), ("arm", "of"), ("affiliate", "of"),
                    ("owned", "by"), ("tochter", "von"), ("tochter", "der"), ("tochter", "des"),
                    ("tochtergesellschaft", "von"), ("tochtergesellschaft", "der"), ("tochtergesellschaft", "des"),
                    ("tochterfirma", "von"), ("tochterfirma", "der"), ("tochterfirma", "des")]
_COORD = {"and", "und", "&", "sowie", "as well as"}
# German compound heads that make an organisation on their own (das Energieministerium); others
# need an attribute (die Islamische Entwicklungsbank, die niedersächsische Staatskanzlei)
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
    """A key insensitive to spaces, hyphens, dots and apostrophes: PetroVietnam = Petro Vietnam."""
    return re.sub(r"[\s\-‐‑.'’`]", "", "".join(fold(w) for w in words))


def _stem(word: str) -> str:
    w = fold(word)
    return re.sub(r"(?:es|en|em|er|e|s|n)$", "", w) if len(w) > 4 else w


def stem_key(words) -> str:
    """A key insensitive to German case endings: Europäischen Investitionsbank = Europäische Investitionsbank."""
    return "".join(_stem(w) for w in words if w not in ("-", "."))


_ORG_INDEX: dict[str, tuple] = {}
_PERSON_INDEX: dict[str, list[tuple[str, str]]] = {}


def one_slip(a: str, b: str) -> bool:
    """Two folded spellings one typing slip apart (Junker/Juncker): a letter left out or added
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
        self.legal_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(gaz.lex_words("LegalForm"), key=len, reverse=True):
            self.legal_first.setdefault(words[0], []).append(words)

    # ------------------------------------------------------------------ helpers
    def has_cat(self, i: int, *cats: str) -> bool:
        mt = self.lex_at.get(i)
        return bool(mt and mt.cats & set(cats))

    def is_role(self, i: int) -> bool:
        return self.has_cat(i, "RoleTitle")

    def word_class(self, k: int) -> str:
        return word_class(self.lang if self.lang in ("de", "en") else "en", self.tokens[k].text)

    def name_tok(self, tok: Token, taken) -> bool:
        """A token that can be part of a person's name (al-Rashid and O`Brien too)."""
        if tok.i in self.excluded:
            return False
        if self.m.is_name_token(tok, taken):
            return True
        if _PARTICLE_NAME.match(tok.text) or _NAME_WITH_BACKTICK.match(tok.text):
            m = taken.get(tok.i)
            return m is None or m.kind in ("lex", "person")
        return False

    def namelike(self, k: int) -> bool:
        """A capitalised word that reads as a name: a given name, a proper noun or a word the
        tagger does not know; not a common noun, an acronym, a known entity or a lexicon word."""
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
        """The end of a legal form (AG, GmbH, Ltd., S.A., Co., Ltd.) starting at token k."""
        toks = self.tokens
        t = toks[k]
        if not (any(c.isupper() for c in t.text) or "." in t.text or t.fold == "plc"):
            return None
        for words in self.legal_first.get(t.fold, ()):
            n = len(words)
            if k + n <= len(toks) and tuple(x.fold for x in toks[k:k + n]) == words:
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
            elif self.m.is_particle(t):
                # one or more particles before a name part: bin Salman, von der Leyen, de la Cruz
                p = j
                while p < limit and self.m.is_particle(toks[p]) and toks[p].text not in ("Jr.", "Sr.") and p - j < 3:
                    p += 1
                if p > j and p < limit and self.name_tok(toks[p], taken):
                    j = p
                else:
                    break
            else:
                break
        while j > i + 1 and self.m.is_particle(toks[j - 1]) and toks[j - 1].text not in ("Jr.", "Sr."):
            j -= 1
        return (i, j)

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
            if any(k in used for k in range(s, e)):
                for old in found:
                    if old.start <= s and e <= old.end and role and not old.data.get("role"):
                        old.data["role"] = role
                        return old
                return None
            name = " ".join(t.text for t in toks[s:e]).replace(" .", ".")
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
                if self.is_role(i) or self.has_cat(i, "Counterpart"):
                    role_end = self.lex_at[i].end
                    # "Premierministers von Japan Shinzō Abe", "Gouverneur der Präfektur, Masao Uchibori"
                    j = role_end
                    while j < lim and ((self.is_role(j) and j != i) or (toks[j].fold in ("of", "von") and j + 1 < lim
                                                           and self.ent_at.get(j + 1) is not None)):
                        j = self.ent_at[j + 1].end if toks[j].fold in ("of", "von") else self.lex_at[j].end
                    span = self.name_span(j, lim, taken)
                    if span is None and j < lim and toks[j].fold in ("der", "des", "of", "the") and j + 3 < lim:
                        k = j + 1
                        while k < lim and k < j + 4 and toks[k].text != ",":
                            k += 1
                        if k < lim and toks[k].text == ",":
                            span2 = self.name_span(k + 1, lim, taken)
                            if span2 and span2[1] - span2[0] >= 2:
                                span = span2
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
                while k < lim and (toks[k].fold in ARTICLES or (self.ent_at.get(k) is not None and self.ent_at[k].kind in ("country", "region", "org"))
                                   or toks[k].text in ("'s", "’s")):
                    k = self.ent_at[k].end if self.ent_at.get(k) is not None else k + 1
                if k < lim and (self.is_role(k) or self.has_cat(k, "Counterpart")):
                    # walk back over the name(s)
                    e = i
                    s = e
                    while s > sent.start and (self.name_tok(toks[s - 1], taken) or self.m.is_particle(toks[s - 1])) and e - s < 6:
                        s -= 1
                    while s < e and self.m.is_particle(toks[s]):
                        s += 1
                    if e - s >= 1 and (e - s >= 2 or toks[s].fold in self.gaz.given_names or "." in toks[s].text
                                       or self.namelike(s)):
                        mt = add(s, e, (k, self.lex_at[k].end), "name-role")
                        # a coordinated name before: "Terje Aasland und Jan Christian Vestre, die Minister ..."
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
                if i in used or i in self.excluded or not self._given(i) or not toks[i].is_title:
                    continue
                span = self.name_span(i, lim, taken)
                if span and span[1] - span[0] >= 2:
                    add(span[0], span[1], None, "given-name")
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
                    # the family name spelt with a slip (Junker for Juncker)
                    key = next((k for k in full if one_slip(k, key)), key)
                if key in full:
                    mt.data["full"] = full[key]
        self._link_persons()
        self._surname_mentions()

    def _full_name(self, s: int, e: int) -> bool:
        """A run of two to four name words that reads as a person's name, not as a company's."""
        toks = self.tokens
        if not 2 <= e - s <= 5 or any(k in self.excluded for k in range(s, e)):
            return False
        words = [k for k in range(s, e) if not self.m.is_particle(toks[k])]
        if len(words) < 2 or not all(self.namelike(k) for k in words) or toks[e - 1].pos in ("ADJ", "VERB"):
            return False
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
        told", "sagte Max Muster") and a list with a person found already ("Taavi Rõivas,
        Jean-Claude Juncker und Juha Sipilä")."""
        toks = self.tokens
        taken = self.by_token
        lim = sent.end
        for i in range(sent.start, lim):
            if i in used or i in self.excluded:
                continue
            t = toks[i]
            # Mr. / Dr. / Herr / Frau + name
            if t.fold in _HONORIFICS and t.is_title and i + 1 < lim:
                span = self.name_span(i + 1, lim, taken)
                if span and all(self.namelike(k) or self.m.is_particle(toks[k]) for k in range(*span)):
                    add(span[0], span[1], None, "honorific")
            # A. Muster, J.R. Ewing
            elif _INITIAL.match(t.text) and i + 1 < lim and self.namelike(i + 1) and not self._org_context(i + 1):
                span = self.name_span(i, lim, taken)
                if span and span[1] - span[0] >= 2:
                    add(span[0], span[1], None, "initial")
        # reporting verbs: "said Jane Roe", "according to Jane Roe", "Jane Roe said", "sagte Max Muster"
        for i in range(sent.start, lim):
            if not self.has_cat(i, "ReportingVerb") or self.lex_at[i].start != i:
                continue
            if self.lex_at[i].end == i + 1 and toks[i].pos not in ("VERB", "ADP"):
                continue   # "the states", not "states"
            after = self.lex_at[i].end
            span = self.name_span(after, lim, taken) if after < lim else None
            if span and self._full_name(*span):
                add(span[0], span[1], None, "reporting")
            before = self._name_before(i, sent.start)
            if before and self._full_name(*before) and (before[0] == sent.start or toks[before[0] - 1].text in (",", "–", "-")
                                                        or toks[before[0] - 1].pos in ("ADP", "CCONJ", "ADV", "SCONJ")
                                                        or toks[before[0] - 1].fold in ARTICLES):
                add(before[0], before[1], None, "reporting")
        # a list of three or more full names, or of two where one has a known given name:
        # "Present were Taavi Rõivas, Jean-Claude Juncker and Juha Sipilä"
        members: list[tuple[int, int]] = []
        k = sent.start
        while k < lim:
            span = self.name_span(k, lim, taken) if (k == sent.start or toks[k - 1].text == "," or toks[k - 1].fold in
                                                     ("and", "und", "sowie") or toks[k - 1].pos in ("VERB", "AUX", "ADP")) else None
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
                if k + 1 < lim and (toks[k].text == "," or toks[k].fold in ("and", "und", "sowie")):
                    span = self.name_span(k + 1, lim, taken)
                    if span and span[0] not in used and self._full_name(*span) \
                            and (span[1] >= lim or toks[span[1]].text in (",", ".", ")") or toks[span[1]].fold in ("and", "und", "sowie")
                                 or toks[span[1]].pos in ("VERB", "AUX", "ADP")):
                        if add(span[0], span[1], None, "coordination"):
                            changed = True
                # a name before the person
                k = pm.start - 1
                if k - 1 >= sent.start and (toks[k].text == "," or toks[k].fold in ("and", "und", "sowie")):
                    span = self._name_before(k, sent.start)
                    if span and span[0] not in used and self._full_name(*span) \
                            and (span[0] == sent.start or toks[span[0] - 1].text in (",", ":")
                                 or toks[span[0] - 1].pos in ("VERB", "AUX", "ADP") or toks[span[0] - 1].fold in ARTICLES):
                        if add(span[0], span[1], None, "coordination"):
                            changed = True

    def _given(self, k: int) -> bool:
        """Token k is a known given name (the first part of a hyphenated one too: Jean-Claude)."""
        f = self.tokens[k].fold
        return f in self.gaz.given_names or ("-" in f and f.split("-")[0] in self.gaz.given_names)

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
                for label, giri in person_index(self.gaz):
                    if label.count(" ") == folded.count(" ") and fuzz.ratio(label, folded) >= 90 \
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
        """Later mentions of a family name alone ("Altmaier", "Buharis") are the same person."""
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
        for tok in self.tokens:
            if tok.i in covered or not tok.is_title:
                continue
            key = tok.fold
            iri = last.get(key) or (last.get(key[:-1]) if key.endswith("s") else None)
            if iri is None and tok.i not in self.excluded and self.namelike(tok.i):
                # the family name spelt with a slip: "Junker" in one place, "Juncker" in another
                iri = next((v for k, v in last.items() if one_slip(k, key)), None)
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

        def title(k: int) -> bool:
            t = toks[k]
            return (t.text[:1].isupper() or t.text[:1].isdigit() and k > 0 and toks[k - 1].text[:1].isupper()) \
                and k not in person_tokens and ((t.fold,) not in self.m.not_a_name or self._org_head(k)
                                                or (t.fold,) in self.m.org_words)

        def add(s: int, e: int, how: str, iri: str | None = None, acronym: str | None = None):
            if any(k in taken for k in range(s, e)) or e <= s:
                return None
            name = join_tokens(toks[s:e])
            if not name or (len(name) < 2):
                return None
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
                    while c > sent.start and toks[c].fold in ("of", "for", "the", "&", "and", "für", "de") and s - c < 3:
                        c -= 1
                    if c < s - 1 and title(c) and toks[c + 1].fold != "the":
                        s = c
                        continue
                    break
                while s < e and toks[s].fold in ("the", "of", "and", "&", "for"):
                    s += 1
                if e - s < 1:
                    continue
                span_words = " ".join(t.text for t in toks[s:e])
                if any(self.has_cat(k, "AgreementWord") for k in range(s, e)) or not _initials_fit(acr, span_words) \
                        or self.has_cat(e - 1, "ProjectWord"):
                    continue
                known = self.ent_at.get(s)
                if known and known.kind in ("country", "region") and known.end >= e:
                    continue
                iri = known.iri if known and known.kind == "org" and known.end >= e else None
                add(s, e, "acronym", iri, acr)
                taken.update(range(i + 1, close))
            # capitalised span with an organization head word, and known-name extensions
            i = sent.start
            while i < lim:
                if i in taken or not title(i) or self.has_cat(i, "CompanyWord"):
                    i += 1
                    continue
                j = i
                has_head = False
                while j < lim:
                    # an agreement word followed by an organization head is part of the name ("Partnership Fund")
                    agr_in_name = self.has_cat(j, "AgreementWord") and j > i and j + 1 < lim and title(j + 1) \
                        and self._org_head(j + 1)
                    if title(j) and (agr_in_name or not self.has_cat(j, "RoleTitle", "SigningVerb", "AgreementWord")) \
                            and j not in taken:
                        if self._org_head(j) or (toks[j].fold,) in self.m.org_words:
                            has_head = has_head or self._org_head(j)
                        j += 1
                    elif toks[j].fold == "&" and j > i and j + 1 < lim and title(j + 1):
                        j += 1
                    elif toks[j].fold in ("of", "for", "the", "and") and j + 1 < lim and title(j + 1) \
                            and j > i and (has_head or self._org_head(i)) and not (toks[j].fold == "and" and self._org_head(j - 1)):
                        j += 1
                    else:
                        break
                while j > i and toks[j - 1].fold in ("of", "for", "the", "&", "and"):
                    j -= 1
                if j > i:
                    known = self.ent_at.get(i)
                    only_known = known is not None and known.end >= j
                    ext_known = known is not None and known.kind == "org" and known.end < j and \
                        all(((toks[k].fold,) in self.m.org_words or self._org_head(k) or
                             (self.ent_at.get(k) is not None and self.ent_at[k].kind == "country" and k == j - 1))
                            for k in range(known.end, j))
                    if self.has_cat(j - 1, "ProjectWord"):
                        pass
                    elif has_head and not only_known and j - i >= 2 and not (known and known.kind in ("country", "region") and known.end >= j - 1 and not self._org_head(j - 1)):
                        add(i, j, "head")
                    elif ext_known:
                        mt = add(i, j, "extension")
                        if mt is not None:
                            mt.data["country"] = self.gaz.entities[known.iri].country
                    i = max(j, i + 1)
                    continue
                i += 1
            # German compounds with an organization head: Bundeswirtschaftsministerium
            for i in range(sent.start, lim):
                mt = self.lex_at.get(i)
                if mt and mt.data.get("compound") and "OrgHead" in mt.cats and toks[i].is_title and i not in taken:
                    e = i + 1
                    # "Bundesministerium für Wirtschaft und Klimaschutz"
                    if e + 1 < lim and toks[e].fold in ("fur", "für", "for", "of") and title(e + 1):
                        e += 2
                        while e + 1 < lim and toks[e].fold in ("und", "and", ",") and title(e + 1):
                            e += 2
                    add(i, e, "compound")
                elif i not in taken and toks[i].is_title and (toks[i].fold,) in self.m.org_heads and i + 2 < lim \
                        and toks[i + 1].fold in ("fur", "für") and title(i + 2):
                    e = i + 3
                    while e + 1 < lim and toks[e].fold in ("und", ",") and title(e + 1):
                        e += 2
                    add(i, e, "compound")
            # a name after a company word: das Unternehmen „Rosatom“, die Gesellschaft Polskie Elektrownie Jądrowe
            for i in range(sent.start, lim - 1):
                if not self.has_cat(i, "CompanyWord"):
                    continue
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
                while e < lim and title(e) and not self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord") \
                        and (self.ent_at.get(e) is None or self.ent_at[e].kind == "org") and e - k < 6:
                    e += 1
                if e - k >= 1 and not (e - k == 1 and (toks[k].fold,) in self.m.not_a_name):
                    known = self.ent_at.get(k)
                    mt = add(k, e, "company-word", known.iri if known and known.kind == "org" and known.end >= e else None)
                    if mt is not None:
                        for b in (i - 1, i - 2):
                            adj = self.ent_at.get(b) if b >= sent.start else None
                            if adj is not None and adj.kind == "country":
                                mt.data["country"] = adj.iri
                                break
            # "Uzbekhydroenergo, a power company owned by ...": a name that an apposition calls a company
            for i in range(sent.start + 1, lim - 2):
                if toks[i].text != "," or toks[i + 1].fold not in ("a", "an", "ein", "eine", "the", "die", "das", "der"):
                    continue
                if not any(self.has_cat(k, "CompanyWord") for k in range(i + 2, min(lim, i + 5))):
                    continue
                s = i
                while s > sent.start and s - 1 not in taken and title(s - 1) and self.ent_at.get(s - 1) is None \
                        and not self.has_cat(s - 1, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord") and i - s < 4:
                    s -= 1
                if i > s and not (s > sent.start and title(s - 1)):
                    add(s, i, "apposition")
        # gazetteer organizations not inside a pattern organization
        for mt in self.mentions:
            if mt.kind == "org" and mt.data.get("part") is None and not any(k in taken for k in range(mt.start, mt.end)):
                mt.data.setdefault("how", "gazetteer")
                out.append(mt)
                taken.update(range(mt.start, mt.end))
        out.sort(key=lambda m: m.start)
        self._link_orgs(out)
        return out

    def _org_head(self, k: int) -> bool:
        return (self.tokens[k].fold,) in self.m.org_heads

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
            if iri is None and fold(name) in acr_map:
                iri = acr_map[fold(name)]
            if iri is None:
                for o in self.orgs.values():
                    if fold(o.name) == fold(name) or fold(name) in {fold(a) for a in o.aliases}:
                        iri = o.iri
                        break
            if iri is None:
                iri = str(entity_iri("org", slugify(name)))
            mt.iri = iri
            ent = self.orgs.get(iri)
            known = iri in self.gaz.entities
            if ent is None:
                ent = OrgEntity(iri, name, self.gaz.entities[iri].country if known else mt.data.get("country"), known=known)
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
            if iri and tok.text.isupper() or (iri and tok.text[:1].isupper() and any(c.isupper() for c in tok.text[1:])):
                if not any(m.start <= tok.i < m.end for m in org_mentions):
                    mt = Mention(tok.i, tok.i + 1, "org", iri, "acronym", tok.text, data={"how": "acronym-use"})
                    org_mentions.append(mt)
                    self.orgs[iri].mentions.append(mt)
        org_mentions.sort(key=lambda m: m.start)


def _ACRONYM_OK(acr: str) -> bool:
    letters = acr.replace(" ", "").replace("&", "")
    return 2 <= len(letters) <= 9 and sum(c.isupper() for c in letters) >= 2 and letters[:1].isupper() \
        and not letters.isdigit()


def _initials_fit(acr: str, words: str) -> bool:
    initials = [w[0].upper() for w in words.replace("-", " ").split() if w[:1].isalpha()]
    first = acr[0].upper()
    return bool(initials) and first in initials[:3]


def _strip_article(name: str) -> str:
    parts = name.split()
    while parts and parts[0].lower() in ("the", "der", "die", "das"):
        parts = parts[1:]
    return " ".join(parts)


