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

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import ARTICLES, Matcher, Mention
from kg.extract.tokens import Token, fold, join_tokens
from kg.namespaces import entity_iri, slugify

_OPEN_Q = set("„“\"‚‘«»")
_CLOSE_Q = set("“”\"‘’«»")


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

    # ------------------------------------------------------------------ helpers
    def has_cat(self, i: int, *cats: str) -> bool:
        mt = self.lex_at.get(i)
        return bool(mt and mt.cats & set(cats))

    def is_role(self, i: int) -> bool:
        return self.has_cat(i, "RoleTitle")

    def name_span(self, i: int, limit: int, taken) -> tuple[int, int] | None:
        """The longest name starting at token i (1–5 tokens with particles)."""
        toks = self.tokens
        if i >= limit or not self.m.is_name_token(toks[i], taken) or self.m.is_particle(toks[i]) and toks[i].text[:1].islower():
            return None
        j = i + 1
        while j < limit and j - i < 6:
            t = toks[j]
            if self.m.is_name_token(t, taken) and not toks[j - 1].text.endswith(","):
                j += 1
            elif self.m.is_particle(t) and j + 1 < limit and (self.m.is_name_token(toks[j + 1], taken)
                                                               or toks[j].text in ("Jr.", "Sr.")):
                j += 1
            elif t.text in ("Jr.", "Sr.", "Jr", "Sr"):
                j += 1
            else:
                break
        while j > i + 1 and self.m.is_particle(toks[j - 1]) and toks[j - 1].text not in ("Jr.", "Sr."):
            j -= 1
        return (i, j)

    # ------------------------------------------------------------------ persons
    def find_persons(self, sentences) -> None:
        toks = self.tokens
        taken = self.by_token
        found: list[Mention] = []
        used: set[int] = set()

        def add(s: int, e: int, role: tuple[int, int] | None, how: str, affil: str | None = None,
                role_text: str | None = None) -> Mention | None:
            if any(k in used for k in range(s, e)):
                for old in found:
                    if old.start <= s and e <= old.end and role and not old.data.get("role"):
                        old.data["role"] = role
                        return old
                return None
            name = " ".join(t.text for t in toks[s:e]).replace(" .", ".")
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
            if mt.kind == "person":
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
                    while s > sent.start and (self.m.is_name_token(toks[s - 1], taken) or self.m.is_particle(toks[s - 1])) and e - s < 6:
                        s -= 1
                    while s < e and self.m.is_particle(toks[s]):
                        s += 1
                    if e - s >= 1 and (e - s >= 2 or toks[s].fold in self.gaz.given_names or "." in toks[s].text):
                        mt = add(s, e, (k, self.lex_at[k].end), "name-role")
                        # a coordinated name before: "Terje Aasland und Jan Christian Vestre, die Minister ..."
                        if mt and s - 1 > sent.start and toks[s - 1].fold in ("und", "and"):
                            e2 = s - 1
                            s2 = e2
                            while s2 > sent.start and self.m.is_name_token(toks[s2 - 1], taken) and e2 - s2 < 5:
                                s2 -= 1
                            if e2 - s2 >= 2:
                                mt2 = add(s2, e2, (k, self.lex_at[k].end), "name-role")
                                if mt2:
                                    mt2.data["coordinated_with"] = mt
                                    mt.data["coordinated_with"] = mt2
            # given name + family name
            for i in range(sent.start, lim):
                if i in used or toks[i].fold not in self.gaz.given_names or not toks[i].is_title:
                    continue
                span = self.name_span(i, lim, taken)
                if span and span[1] - span[0] >= 2:
                    add(span[0], span[1], None, "given-name")
            # Name (Party)
            for i in range(sent.start + 2, lim - 2):
                if toks[i].text == "(" and (toks[i + 1].fold,) in self.m.parties and toks[i + 2].text == ")":
                    e = i
                    s = e
                    while s > sent.start and self.m.is_name_token(toks[s - 1], taken) and e - s < 4:
                        s -= 1
                    if e - s >= 2:
                        add(s, e, None, "party-label")
        found.sort(key=lambda m: m.start)
        self.person_mentions = found
        # a family name alone ("Ministerin Neubaur") that belongs to a full name found elsewhere
        full = {}
        for mt in found:
            parts = mt.text.split()
            if len(parts) >= 2:
                full.setdefault(fold(parts[-1]), mt)
        for mt in found:
            if " " not in mt.text and fold(mt.text) in full and mt.iri is None:
                mt.data["full"] = full[fold(mt.text)]
        self._link_persons()
        self._surname_mentions()

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
            if iri and (tok.i not in self.ent_at):
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


