"""Mention finding: gazetteer phrases, lexicon words and patterns over the tokens.

Names (countries, regions, capitals, organizations, persons) are the longest run of folded
tokens found in the gazetteer; genitives are found by dropping the "-s" ("Indiens"), hyphenated
words by their parts ("deutsch-chilenischen", "US-Präsident"). Lexicon words are matched on the
lemmas of the linguistic layer, only in the language their label is tagged with, so German
"plant" never fires on English "power plant"; a word may also be restricted to a part of
speech. German compounds match by their head ("Bundeswirtschaftsminister" ends in "minister").
Patterns then find persons (role next to a name, "Name, role of X", a given name before a
capitalised word) and organizations ("Name (ACRONYM)", a capitalised name with an
organization head word, a name after a company word, a known name extended by name words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.gazetteer import Gazetteer
from kg.extract.tokens import CLAUSE_END, Token, fold, join_tokens

ACTOR_KINDS = ("country", "region", "org")
# names of offices and organization words travel between languages ("CEO", "Premier", "Authority")
ANY_LANGUAGE = {"RoleTitle", "OrgHead", "LegalForm", "OrgNameWord", "AgreementWord"}
# capital letters of the Latin alphabets (Š, Č, Ő, Ş, Ł …), for names from Central Europe, Turkey, the Baltics
UPPER_LATIN = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x250) if chr(c).isupper())
_NAMEISH = re.compile(r"^(?:[" + UPPER_LATIN + r"][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)*)$")


@dataclass
class Mention:
    start: int                 # token indices [start, end)
    end: int
    kind: str                  # country, region, org, place, person, lex, topic, role
    iri: str | None = None     # entity IRI or lexicon IRI
    form: str = "name"         # name, adj, capital, lex, pattern
    text: str = ""
    cats: set[str] = field(default_factory=set)   # lexicon categories
    data: dict = field(default_factory=dict)


class Matcher:
    """Finds gazetteer names (on the folded surface) and lexicon words (on lemmas, by language)."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.not_a_name = gaz.lex_words("NotAName")
        self.particles = gaz.lex_words("NameParticle")
        self.org_heads = {w for w in gaz.lex_words("OrgHead")
                          if not any(gaz.lexicon[i].compound for i, _ in gaz.lex_phrases[w])}
        # in English text a word that is also a German compound head ("Bank", "Forum") still heads a name
        self.org_heads_en = gaz.lex_words("OrgHead")
        self.org_words = gaz.lex_words("OrgNameWord")
        # legal forms the tokeniser splits at a '.' that ends no sentence ("S.p.A.", "Pvt. Ltd."), by first word
        self.dotted_forms: dict[str, list[tuple[str, ...]]] = {}
        for words in gaz.lex_words("LegalForm"):
            if "." in words[1:-1]:
                self.dotted_forms.setdefault(words[0], []).append(words)
        self.parties = gaz.lex_words("PoliticalParty")
        # lexicon phrases by their first word (form or lemma), longest first, then alphabetically
        self._lex_by_first = {w: sorted(set(ws), key=lambda x: (-len(x), x)) for w, ws in gaz.lex_first.items()}
        self._merged: dict[tuple[str, str], list[tuple[str, ...]]] = {}   # see _merged_firsts
        # the entries a one-word phrase of the lexicon takes, by the word's language, part of
        # speech and first letter (see lexicon): bounded by the lexicon, the same for every text
        self._single_lexes: dict[tuple, list[str]] = {}
        # entries that are words only as the head of their noun phrase ("the lease", "leases with X"),
        # not as a modifier before a noun ("two lease areas", "die Pachtfläche" is a compound anyway)
        self._head_only = {iri for iri, x in gaz.lexicon.items() if x.head_only}
        # words that, glued to a given name, make a company's CamelCase name: PetroResources, PetroNordic
        self.company_parts = {w[0] for w in self.org_words | gaz.lex_words("OrgHead") | gaz.lex_words("CompanyNamePrefix")
                              if len(w) == 1}
        self.company_parts |= {words[0] for words, entries in gaz.phrases.items() if len(words) == 1
                               and any(gaz.entities[iri].kind in ("country", "region") for iri, _, _ in entries
                                       if iri in gaz.entities)}
        # role prefixes and the actor they imply: "Bundes" (Bundesminister) -> Germany
        self.role_prefixes = [(lex.label, lex.implies) for lex in gaz.lexicon.values()
                              if lex.category == "RolePrefix" and lex.implies]
        # compound heads indexed by their last three letters
        heads_by_tail: dict[str, list[tuple[str, str, str | None]]] = {}
        for head, lex, lang in gaz.compound_heads:
            heads_by_tail.setdefault(head[-3:], []).append((head, lex, lang))
        # the same with what compound_lex asks of each entry's category, looked up once here:
        # (head, entry, language, of any language, the least letters before the head)
        self._compound_heads: dict[str, list[tuple[str, str, str | None, bool, int]]] = {}
        for tail, entries in heads_by_tail.items():
            found = self._compound_heads[tail] = []
            for head, lex, lang in entries:
                cat = gaz.lexicon[lex].category
                # a two-letter first part is enough for a role ("Ölminister") and before a long organisation
                # or company head ("Ölgesellschaft", "Gasagentur"), not before a short one ("Unrat", "Abbau")
                least = 1 if cat == "RoleTitle" or cat in ("OrgHead", "CompanyWord") and len(head) >= 6 else 2
                found.append((head, lex, lang, cat in ANY_LANGUAGE, least))
        # German verb phrases of several words ending in their verb ("ins Leben rufen", "unter Dach
        # und Fach bringen"), by their first word: in a main clause the finite verb comes second and
        # the rest closes the clause ("riefen … ins Leben"), see _split_verb_phrases
        self.split_phrases: dict[str, list[tuple[tuple[str, ...], str, list[str]]]] = {}
        for words, entries in gaz.lex_phrases.items():
            iris = [iri for iri, lg in entries if lg in (None, "de") and gaz.lexicon[iri].pos == "VERB"]
            if len(words) > 1 and iris:
                self.split_phrases.setdefault(words[0], []).append((words[:-1], words[-1], iris))

    # ------------------------------------------------------------------ entity names
    def phrases(self, tokens: list[Token], lang: str = "en") -> list[Mention]:
        """Entity names and lexicon words of a text (tokens annotated by kg.extract.linguistic)."""
        return self.entities(tokens, lang) + self.lexicon(tokens, lang)

    def entities(self, tokens: list[Token], lang: str = "en") -> list[Mention]:
        gaz = self.gaz
        out: list[Mention] = []
        n = len(tokens)
        i = 0
        folds = [t.fold for t in tokens]
        while i < n:
            first = folds[i]
            longest = gaz.max_len.get(first, 0)
            matched = False
            for length in range(min(longest, n - i), 0, -1):
                words = tuple(folds[i:i + length])
                entries = gaz.phrases.get(words)
                if not entries:
                    continue
                surface = " ".join(t.text for t in tokens[i:i + length])
                entries = [e for e in entries if written_as(e[2], surface)]
                # topic labels are found by the topic matcher
                entries = [e for e in entries if e[0] in gaz.entities and gaz.entities[e[0]].kind != "topic"]
                if not tokens[i].text[:1].isupper():
                    # a name is written with a capital ("island" is not "Island"); adjectives need not be
                    entries = [e for e in entries if e[1] == "adj" or e[2] is not None and e[2][:1].islower()]
                if any(t.text.isupper() and len(t.text) > 1 and t.text.isalpha() for t in tokens[i:i + length]):
                    # a person's name is not written in capitals: "Chapter XI Jinping" is no Xi Jinping
                    entries = [e for e in entries if gaz.entities[e[0]].kind != "person"]
                if not entries:
                    continue
                out.append(self._entity(i, i + length, entries, tokens))
                i += length
                matched = True
                break
            if not matched:
                tok = tokens[i]
                if tok.is_title or "-" in tok.text or "–" in tok.text:   # (the fallbacks need one of these)
                    capital_genitive = lang == "de" and not (i + 1 < n and tokens[i + 1].pos == "PROPN")
                    out.extend(self._entity_fallbacks(tok, capital_genitive))
                i += 1
        return out

    def _entity(self, s: int, e: int, entries, tokens) -> Mention:
        text = join_tokens(tokens[s:e])
        # prefer a country over a region over an org of the same name; capitals are places
        order = {"country": 0, "region": 1, "org": 2, "person": 3, "place": 4}
        ents = sorted(((iri, form) for iri, form, _ in entries),
                      key=lambda x: (order.get(self.gaz.entities[x[0]].kind, 5), x[1] != "name"))
        iri, form = ents[0]
        return Mention(s, e, self.gaz.entities[iri].kind, iri, form, text)

    def _entity_fallbacks(self, tok: Token, capital_genitive: bool = False) -> list[Mention]:
        gaz = self.gaz
        f = tok.fold
        i = tok.i
        # genitive -s of a name: Indiens, Marokkos, Putins; of a continent or world region too
        # ("Europas größter Versorger", "einer der größten Häfen Asiens"): a place, no unknown organisation;
        # of a capital too, in German and not before another name (capital_genitive: "das Abkommen
        # Moskaus mit der IAEO", the state, where the capital stands for it; before a proper noun
        # the -s form begins a company's name, "Oslos Kappanett"; and English has no -s genitive)
        if tok.is_title and len(f) > 3 and f.endswith("s"):
            # a name the gazetteer writes in capitals only (an acronym) keeps them before its -s:
            # "des BDEWs"; "Keks", "Gips" or "Bunds" are no genitives of KEK, GIP or BUND
            ents = [(iri, form) for iri, form, exact in gaz.phrases.get((f[:-1],), ())
                    if iri in gaz.entities and gaz.entities[iri].kind in ("country", "region", "org", "person", "place")
                    and (form == "name" or form == "capital" and capital_genitive)
                    and written_as(exact, tok.text[:-1])]
            if ents and tok.lemma and tok.lemma != f and tok.pos == "NOUN" and _common_noun(tok.text[:-1]):
                ents = []   # "Punta Arenas": the plural of a common noun (Arena), no genitive of a name (ARENA)
            if ents:
                iri, form = ents[0]
                # (the linker prints a known organisation so marked without its -s: org_linking)
                return [Mention(i, i + 1, gaz.entities[iri].kind, iri, form, tok.text, data={"genitive": True})]
        # hyphenated words: actors among the parts (deutsch-chilenischen, US-Präsident)
        out: list[Mention] = []
        if ("-" in tok.text or "–" in tok.text) and len(tok.text) > 3:
            parts = tok.text.replace("–", "-").split("-")
            pos = tok.start
            skip_to = 0
            for k, part in enumerate(parts):
                if k < skip_to:
                    pos += len(part) + 1
                    continue
                # a name of several words written with hyphens: "Siemens-Energy-Chef", "Saudi-Aramco-Chef"
                joined = None
                for n in range(min(3, len(parts) - k - 1), 1, -1):
                    words = tuple(fold(x) for x in parts[k:k + n])
                    ents = [(iri, form) for iri, form, exact in gaz.phrases.get(words, ()) if iri in gaz.entities
                            and gaz.entities[iri].kind in ACTOR_KINDS and exact is None and form == "name"]
                    if ents:
                        joined = (n, ents[0])
                        break
                if joined is not None:
                    n, (iri, form) = joined
                    width = len("-".join(parts[k:k + n]))
                    out.append(Mention(i, i + 1, gaz.entities[iri].kind, iri, form, " ".join(parts[k:k + n]),
                                       data={"part": k, "parts": len(parts), "char": (pos, pos + width)}))
                    skip_to = k + n
                    pos += len(part) + 1
                    continue
                pf = fold(part)
                ents = [(iri, form) for iri, form, exact in gaz.phrases.get((pf,), ()) if iri in gaz.entities
                        and gaz.entities[iri].kind in ACTOR_KINDS and written_as(exact, part)]
                if not ents and k < len(parts) - 1:
                    # uninflected first part of a compound adjective: deutsch-chilenisch
                    ents = [(iri, form) for iri, form, _ in gaz.phrases.get((pf + "e",), []) + gaz.phrases.get((pf,), [])
                            if iri in gaz.entities and form == "adj"]
                combining = False
                if not ents and k < len(parts) - 1 and pf in gaz.combining:
                    # a combining form (lex:combiningForm): "Sino-Russian", "indo-deutsch"
                    ents, combining = [(gaz.combining[pf], "adj")], True
                if ents:
                    iri, form = ents[0]
                    out.append(Mention(i, i + 1, gaz.entities[iri].kind, iri, form, part,
                                       data={"part": k, "parts": len(parts), "char": (pos, pos + len(part)),
                                             "combining": combining}))
                pos += len(part) + 1
            if any(m.data.get("combining") for m in out) and not any(
                    not m.data.get("combining") and m.kind == "country" for m in out):
                out = [m for m in out if not m.data.get("combining")]   # "Indo-Pacific": no country pair
        return out

    # ------------------------------------------------------------------ lexicon words
    def lexicon(self, tokens: list[Token], lang: str) -> list[Mention]:
        """Lexicon words of the text's language, matched on lemmas (or the surface form)."""
        gaz = self.gaz
        out: list[Mention] = []
        n = len(tokens)
        i = 0
        by_first = self._lex_by_first
        single = self._single_lexes
        while i < n:
            found = None
            folded = tokens[i].fold
            lemma = tokens[i].lemma or folded
            cands = by_first.get(folded)
            other = by_first.get(lemma) if lemma != folded else None
            if cands is None:
                if other is None:
                    if self._may_fall_back(tokens[i], lang):
                        out.extend(self._lex_fallbacks(tokens[i], lang))   # no entry starts with this word
                    i += 1
                    continue
                cands = other
            elif other is not None:
                cands = self._merged_firsts(folded, lemma)
            second = (tokens[i + 1].fold, tokens[i + 1].lemma) if i + 1 < n else ()
            for words in cands:
                if found and len(words) < found[0]:
                    break
                # (the first word is this token's form or lemma: the phrases are listed by it;
                # the second word is tested first, the cheapest test that fails most phrases)
                if i + len(words) > n or len(words) > 1 and (words[1] not in second or not all(
                        w in (t.fold, t.lemma) for w, t in zip(words[2:], tokens[i + 2:i + len(words)]))):
                    continue
                last = tokens[i + len(words) - 1]
                if len(words) == 1:   # what a word's entries give depends on these only (memoised)
                    key = (words, lang, last.pos, last.text[:1].islower())
                    lexes = single.get(key)
                    if lexes is None:
                        lexes = single[key] = self._lexes(words, lang, last, [])
                else:
                    lexes = self._lexes(words, lang, last, tokens[i:i + len(words) - 1])
                    if lexes and lang == "en" and i + len(words) < n and tokens[i + len(words)].fold in ("of", "for") \
                            and all(t.text[:1].isupper() for t in tokens[i:i + len(words)]) \
                            and (last.fold,) in gaz.lex_words("OrgHead"):
                        # "the Pension Fund of X", "the Development Bank of X": capitalised company words that end
                        # in an organisation head before "of"/"for" head a name, they describe none
                        lexes = [x for x in lexes if gaz.lexicon[x].category != "CompanyWord"]
                if lexes and self._head_only and i + len(words) < n and tokens[i + len(words)].pos in ("NOUN", "PROPN"):
                    lexes = [x for x in lexes if x not in self._head_only]   # a modifier: "lease areas"
                if lexes:
                    found = (len(words), sorted(set(lexes) | set(found[1] if found else ())))
            if found:
                length, lexes = found
                text = tokens[i].text if length == 1 else " ".join([t.text for t in tokens[i:i + length]])
                cats = {gaz.lexicon[x].category for x in lexes}
                out.append(Mention(i, i + length, "lex", lexes[0], "lex", text, cats, {"lex": lexes}))
                i += length
                continue
            if self._may_fall_back(tokens[i], lang):
                out.extend(self._lex_fallbacks(tokens[i], lang))
            i += 1
        if lang == "de":
            out = self._split_verb_phrases(tokens, out)
        return out

    def _lexes(self, words: tuple[str, ...], lang: str, last: Token, before: list[Token]) -> list[str]:
        """The lexicon entries of phrase ``words`` that its tokens take in ``lang`` (``last`` its
        last token, ``before`` the others)."""
        gaz = self.gaz
        return [iri for iri, lg in gaz.lex_phrases[words]
                if (lg in (None, lang) or gaz.lexicon[iri].category in ANY_LANGUAGE)
                and _pos_ok(gaz.lexicon[iri].pos, last, before)
                # "X, who heads Nordwind": a verb written small is no role title
                and not (gaz.lexicon[iri].category == "RoleTitle" and last.pos == "VERB"
                         and last.text[:1].islower())]

    def _split_verb_phrases(self, tokens: list[Token], out: list[Mention]) -> list[Mention]:
        """A German verb phrase split by the verb-second order: its words but the verb close the
        clause and the finite verb stands before them ("riefen am Montag eine Allianz ins Leben",
        "brachten den Vertrag unter Dach und Fach", "ist seit Mittwoch unter Dach und Fach"). The
        finite verb becomes the phrase's word (a mention of that one token, as a separable
        particle's verb does), replacing what it matched alone. Only tried where a phrase's first
        word is found, so the pass costs one lookup per token."""
        n = len(tokens)
        found: dict[int, Mention] = {}
        for i in range(n):
            cands = self.split_phrases.get(tokens[i].fold) or self.split_phrases.get(tokens[i].lemma)
            if not cands:
                continue
            for prefix, verb, iris in cands:
                m = len(prefix)
                if i + m > n or not all(w in (t.fold, t.lemma) for w, t in zip(prefix, tokens[i:i + m])):
                    continue
                if i + m < n and tokens[i + m].text not in CLAUSE_END:
                    continue   # the words must close the clause
                j = i - 1
                while j >= 0 and tokens[j].text not in CLAUSE_END and i - j <= 30:
                    t = tokens[j]
                    if t.pos in ("VERB", "AUX") and t.tag.endswith("(FIN)"):
                        if t.lemma == verb:
                            found[j] = Mention(j, j + 1, "lex", iris[0], "lex", t.text,
                                               {self.gaz.lexicon[x].category for x in iris}, {"lex": iris})
                        break
                    j -= 1
        if not found:
            return out
        return sorted([mt for mt in out if not any(k in found for k in range(mt.start, mt.end))] + list(found.values()),
                      key=lambda mt: mt.start)

    def _merged_firsts(self, form: str, lemma: str) -> list[tuple[str, ...]]:
        """The lexicon phrases that begin with a word's form or with its lemma, longest first,
        then alphabetically (memoised per pair)."""
        merged = self._merged.get((form, lemma))
        if merged is None:
            by_first = self._lex_by_first
            merged = self._merged[(form, lemma)] = sorted(set(by_first[form]) | set(by_first[lemma]),
                                                           key=lambda w: (-len(w), w))
        return merged

    @staticmethod
    def _may_fall_back(tok: Token, lang: str) -> bool:
        """Whether :meth:`_lex_fallbacks` can find anything for ``tok`` (the cheap test first:
        most words are neither hyphenated nor capitalised German words)."""
        return "-" in tok.text or "–" in tok.text or lang == "de" and tok.is_title

    def _lex_fallbacks(self, tok: Token, lang: str) -> list[Mention]:
        gaz = self.gaz
        i = tok.i
        if ("-" in tok.text or "–" in tok.text) and len(tok.text) > 3:
            # the last part of a hyphenated compound: US-Präsident, Offshore-Windpark
            head = fold(tok.text.replace("–", "-").split("-")[-1])
            lex = None
            for form in ((head, head[:-1], head[:-2]) if head else ()):   # also a genitive: -Korridors
                lex = self.compound_lex(form, lang, allow_exact=True) if len(form) > 2 else None
                if lex:
                    break
            if lex:
                return [Mention(i, i + 1, "lex", lex, "lex", tok.text, {gaz.lexicon[lex].category},
                                {"lex": [lex], "compound": True})]
            return []
        # German compounds by their head: Bundeswirtschaftsminister, Absichtserklärungen
        if lang == "de" and tok.is_title and len(tok.fold) > 5:
            lex = self.compound_lex(tok.lemma or tok.fold, lang) or \
                (self.compound_lex(tok.fold, lang) if tok.lemma and tok.lemma != tok.fold else None)
            if lex:
                return [Mention(i, i + 1, "lex", lex, "lex", tok.text, {gaz.lexicon[lex].category},
                                {"lex": [lex], "compound": True})]
        return []

    def compound_lex(self, f: str, lang: str, allow_exact: bool = False) -> str | None:
        """The lexicon entry whose compound head ends the folded word ``f`` (longest head first)."""
        for head, lex, lg, any_language, least in self._compound_heads.get(f[-3:], ()):
            if not f.endswith(head) or lg not in (None, lang) and not any_language:
                continue
            if len(f) > len(head) + least or (allow_exact and len(f) == len(head)):
                return lex
        if allow_exact:
            for iri, lg in self.gaz.lex_phrases.get((f,), ()):
                if lg in (None, lang) and self.gaz.lexicon[iri].category in ("RoleTitle", "CompanyWord", "AgreementWord"):
                    return iri
        return None

    # ------------------------------------------------------------------ helpers
    def is_name_token(self, tok: Token, taken: dict[int, Mention]) -> bool:
        if not _NAMEISH.match(tok.text) or tok.text.isdigit():
            return False
        if (tok.fold,) in self.not_a_name:
            return False
        if tok.text.isupper() and len(tok.text) > 3 and "." not in tok.text:
            return False
        m = taken.get(tok.i)
        if m is not None:
            if m.kind in ("country", "region", "org", "place"):
                return False
            if m.kind == "lex" and m.cats & {"RoleTitle", "AgreementWord", "SigningVerb", "ConcludingVerb",
                                             "OrgHead", "CompanyWord", "GroupNoun", "WitnessCue", "PlanCue",
                                             "CapitalWord", "DocumentWord", "SigningNoun", "Counterpart",
                                             "CooperationCue", "ExistenceCue", "NegationCue", "SideCue",
                                             "PoliticalParty"}:
                return False
        return True

    def is_particle(self, tok: Token) -> bool:
        return (tok.fold,) in self.particles or tok.text in ("Jr.", "Sr.")


def written_as(exact: str | None, surface: str) -> bool:
    """A gazetteer name entry (its ``exact`` spelling, or None when any case goes) fits the text as
    written: the same letters, spaces aside ("BDEW", not "Bdew")."""
    return exact is None or exact.replace(" ", "") == surface.replace(" ", "")


def _common_noun(word: str) -> bool:
    """The German or English tagger knows ``word`` as a common noun only."""
    from kg.extract.linking import word_class
    return any(word_class(lang, word) == "noun" for lang in ("de", "en"))


def _pos_ok(wanted: str | None, tok: Token, before: list[Token] = ()) -> bool:
    """A lexicon entry restricted to a part of speech matches only tokens tagged with it: its
    last word ``tok``; a verb phrase whose last word is a particle or preposition ("set up",
    "call for") by any of its words ``before`` it."""
    if wanted is None or not tok.pos or tok.pos == wanted or (wanted == "VERB" and tok.pos == "AUX"):
        return True
    return wanted == "VERB" and any(t.pos in ("VERB", "AUX") for t in before)


def tokens_by_category(lex_at: dict[int, Mention]) -> dict[str, list[int]]:
    """The tokens of every lexicon category, in text order, from the lexicon mention at each token
    (one pass over the lexicon words, not one pass per category asked)."""
    by_cat: dict[str, list[int]] = {}
    for k, m in lex_at.items():
        for c in m.cats:
            at = by_cat.get(c)
            if at is None:
                by_cat[c] = [k]
            else:
                at.append(k)
    for at in by_cat.values():
        at.sort()
    return by_cat
