"""Mention finding: gazetteer phrases, lexicon words and patterns over the tokens.

The phrase matcher looks up the longest run of folded tokens in the gazetteer (countries,
regions, capitals, organizations, persons, lexicon words). German compounds are matched by
their head ("Bundeswirtschaftsminister" ends in "minister"), hyphenated words by their parts
("deutsch-chilenischen", "US-Präsident"), genitives by dropping the "-s" ("Indiens").
Patterns then find persons (role next to a name, "Name, role of X", a given name before a
capitalised word) and organizations ("Name (ACRONYM)", a capitalised name with an
organization head word, a name after a company word, a known name extended by name words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.gazetteer import Gazetteer
from kg.extract.tokens import Token, fold

ACTOR_KINDS = ("country", "region", "org")
ARTICLES = {"der", "die", "das", "den", "dem", "des", "the", "a", "an", "ein", "eine", "einer", "einen", "eines",
            "einem", "this", "that", "these", "those", "dieses", "diese", "dieser", "diesen", "its", "their",
            "his", "her", "seine", "seiner", "seinen", "ihre", "ihrer", "ihren", "ihr", "sein"}
DEFINITE = ARTICLES - {"a", "an", "ein", "eine", "einer", "einen", "eines", "einem"}
_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z0-9&]{0,2}[A-Z0-9][A-Za-z0-9&]*|[A-Z]{2,}(?:\s[A-Z0-9]+)*)$")
_NAMEISH = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)*)$")


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
    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.not_a_name = set()
        self.particles = set()
        self.org_heads = set()
        self.org_words = set()
        self.parties = set()
        for words, entries in gaz.phrases.items():
            for iri, form, exact in entries:
                lex = gaz.lexicon.get(iri)
                if not lex:
                    continue
                if lex.category == "NotAName":
                    self.not_a_name.add(words)
                elif lex.category == "NameParticle":
                    self.particles.add(words)
                elif lex.category == "OrgHead" and not lex.compound:
                    self.org_heads.add(words)
                elif lex.category == "OrgNameWord":
                    self.org_words.add(words)
                elif lex.category == "PoliticalParty":
                    self.parties.add(words)
        # role prefixes and the actor they imply: "Bundes" (Bundesminister) -> Germany
        self.role_prefixes = [(lex.label, lex.implies) for lex in gaz.lexicon.values()
                              if lex.category == "RolePrefix" and lex.implies]
        # compound heads indexed by their last three letters
        self.heads_by_tail: dict[str, list[tuple[str, str]]] = {}
        for head, lex in gaz.compound_heads:
            self.heads_by_tail.setdefault(head[-3:], []).append((head, lex))

    # ------------------------------------------------------------------ phrase matching
    def phrases(self, tokens: list[Token]) -> list[Mention]:
        gaz = self.gaz
        out: list[Mention] = []
        n = len(tokens)
        i = 0
        while i < n:
            first = tokens[i].fold
            longest = gaz.max_len.get(first, 0)
            matched = False
            for length in range(min(longest, n - i), 0, -1):
                words = tuple(t.fold for t in tokens[i:i + length])
                entries = gaz.phrases.get(words)
                if not entries:
                    continue
                surface = " ".join(t.text for t in tokens[i:i + length])
                entries = [e for e in entries if e[2] is None or e[2].replace(" ", "") == surface.replace(" ", "")]
                # topic labels are found by the topic matcher; they must not hide a shorter
                # lexicon word ("trade agreement" the topic label, "Agreement" the agreement word)
                entries = [e for e in entries if not (e[0] in gaz.entities and gaz.entities[e[0]].kind == "topic")]
                if not entries:
                    continue
                out.extend(self._mentions(i, i + length, entries, tokens))
                i += length
                matched = True
                break
            if not matched:
                out.extend(self._token_fallbacks(tokens[i]))
                i += 1
        return out

    def _mentions(self, s: int, e: int, entries, tokens) -> list[Mention]:
        text = " ".join(t.text for t in tokens[s:e])
        ents = [(iri, form) for iri, form, _ in entries if iri in self.gaz.entities]
        lexes = [iri for iri, form, _ in entries if iri in self.gaz.lexicon]
        out = []
        if ents:
            # prefer a country over a region over an org of the same name; capitals are places
            order = {"country": 0, "region": 1, "org": 2, "person": 3, "place": 4, "topic": 9}
            ents.sort(key=lambda x: (order.get(self.gaz.entities[x[0]].kind, 5), x[1] != "name"))
            iri, form = ents[0]
            kind = self.gaz.entities[iri].kind
            if kind != "topic":
                out.append(Mention(s, e, kind, iri, form, text))
        if lexes:
            cats = {self.gaz.lexicon[x].category for x in lexes}
            out.append(Mention(s, e, "lex", lexes[0], "lex", text, cats, {"lex": lexes}))
        return out

    def _token_fallbacks(self, tok: Token) -> list[Mention]:
        gaz = self.gaz
        out: list[Mention] = []
        f = tok.fold
        i = tok.i
        # genitive -s of a name: Indiens, Marokkos, Putins
        if tok.is_title and len(f) > 3 and f.endswith("s"):
            entries = gaz.phrases.get((f[:-1],))
            if entries:
                ents = [(iri, form) for iri, form, _ in entries
                        if iri in gaz.entities and gaz.entities[iri].kind in ("country", "region", "org", "person")
                        and form == "name"]
                if ents:
                    iri, form = ents[0]
                    return [Mention(i, i + 1, gaz.entities[iri].kind, iri, "name", tok.text, data={"genitive": True})]
        # hyphenated words: look at the parts
        if "-" in tok.text and len(tok.text) > 3:
            parts = tok.text.split("-")
            pos = tok.start
            part_mentions = []
            for k, part in enumerate(parts):
                pf = fold(part)
                entries = gaz.phrases.get((pf,)) or []
                ents = [(iri, form) for iri, form, exact in entries if iri in gaz.entities
                        and gaz.entities[iri].kind in ACTOR_KINDS and (exact is None or exact == part)]
                if not ents and k < len(parts) - 1:
                    # uninflected first part of a compound adjective: deutsch-chilenisch
                    ents = [(iri, form) for iri, form, _ in gaz.phrases.get((pf + "e",), []) + gaz.phrases.get((pf,), [])
                            if iri in gaz.entities and form == "adj"]
                if ents:
                    iri, form = ents[0]
                    part_mentions.append(Mention(i, i + 1, gaz.entities[iri].kind, iri, form, part,
                                                 data={"part": k, "parts": len(parts), "char": (pos, pos + len(part))}))
                pos += len(part) + 1
            out.extend(part_mentions)
            head = parts[-1]
            if head:
                lex = self._compound_lex(fold(head), allow_exact=True)
                if lex:
                    out.append(Mention(i, i + 1, "lex", lex, "lex", tok.text,
                                       {gaz.lexicon[lex].category}, {"lex": [lex], "compound": True}))
            return out
        # German compounds by their head
        if tok.is_title and len(f) > 5:
            lex = self._compound_lex(f)
            if lex:
                out.append(Mention(i, i + 1, "lex", lex, "lex", tok.text, {gaz.lexicon[lex].category},
                                   {"lex": [lex], "compound": True}))
        return out

    def _compound_lex(self, f: str, allow_exact: bool = False) -> str | None:
        for head, lex in self.heads_by_tail.get(f[-3:], ()):
            if f.endswith(head) and (len(f) > len(head) + 2 or (allow_exact and len(f) == len(head))):
                return lex
        if allow_exact:
            entries = self.gaz.phrases.get((f,)) or []
            for iri, form, _ in entries:
                if iri in self.gaz.lexicon and self.gaz.lexicon[iri].category in ("RoleTitle", "CompanyWord", "AgreementWord"):
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
