"""Organisations named through their relation to something else: the office of an officeholder, the
parent of a subsidiary, the employer of a company role, an origin, a possessor or the agent of a
passive, and a name coordinated with an organisation.
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.tokens import fold
from kg.extract.linking.words import word_class
from kg.extract.linking.org_spans import OrgSpans


class RelationNames(OrgSpans):
    """The rules of ``find_orgs`` for names found through their relation to something else.

    Each rule looks at one sentence (``sent``) with what ``find_orgs`` gives it: ``title`` (may token k
    be a word of a name), ``add`` (record a name found, unless its tokens are taken) and the tokens
    taken by organisations and persons found before.
    """

    def _hyphened_noun_name(self, part: str) -> bool:
        """``part``, a common noun joined by a hyphen to a company role that a person's name follows,
        names the employer: "Nordkraft-Chefin Anna Berg" (German joins common nouns without a hyphen:
        "Konzernchef"; the hyphen sets a name apart). Not a lexicon word ("Konzern-Chef", "Partei-Chef"),
        a topic or a noun with a linking -s ("Gewerkschafts-Chef")."""
        f = fold(part)
        return self.lang == "de" and len(f) >= 4 and not f.endswith("s") and (f,) not in self.gaz.lex_phrases \
            and not self._topic_term(part)

    def _capital_noun_name(self, b: int, e: int) -> bool:
        """English token b alone (e = b + 1), a capitalised common noun inside a sentence where a
        name stands (after a country's possessive, coordinated with a company), is a name: English
        writes a common noun small there ("Norway's Logic will deliver …", "Tokyo Gas and
        Negligible"); no lexicon word ("Peru's Energy Minister"), plural ("and Friends"), known
        entity, given name or country's own institution (lex:NationalInstitutionNoun: "Norway's
        Parliament"), no adjective unless a verb follows ("Britain's Largest ever"; "France's Ironic
        has …" is a name)."""
        toks = self.tokens
        t = toks[b]
        return self.lang == "en" and e == b + 1 and self.lex_at.get(b) is None and self.ent_at.get(b) is None \
            and t.text.isalpha() and t.fold not in self.gaz.given_names \
            and not t.text.isupper() and len(t.text) > 2 and (not t.lemma or fold(t.lemma) == t.fold) \
            and (t.pos in ("NOUN", "PROPN") or e < len(toks) and toks[e].pos in ("VERB", "AUX")) \
            and t.fold not in self.gaz.words("NationalInstitutionNoun")

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

    def _employer_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """The company of a company role: "Zentrox's chief executive", "Zentrox-Chef Max Muster" (a
        common noun too before a person: "Nordkraft-Chefin Anna Berg", see _hyphened_noun_name),
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
                        mt = add(b, e, "employer")
                        w = toks[b].text
                        if mt is not None and self.lang == "de" and e - b == 1 and mt.text == w and len(w) >= 5 \
                                and w.endswith("s") and w[-2:-1].islower() and w[-2:-1] not in ("s", "x", "z"):
                            mt.text = w[:-1]   # German genitive -s of an unknown name: "Kavelors Chef Max Muster" -> Kavelor
                # Zentrox-Chef
                if "-" in toks[k].text and self.lex_at[k].data.get("compound"):
                    part = toks[k].text.rsplit("-", 1)[0]
                    if part[:1].isupper() and not any(m.start == k and m.data.get("part") is not None for m in self.mentions) \
                            and (fold(part),) not in self.m.not_a_name \
                            and (word_class(self.lang if self.lang in ("de", "en") else "en", part) in ("name", "unknown")
                                 or self.lex_at[k].end in person_tokens and self._hyphened_noun_name(part)) \
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
            if toks[k].pos == "NOUN" and self.inflected_noun(k):
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

    def _names_a_thing(self, e: int, lim: int) -> bool:
        """The bare name before e modifies the common noun after it, alone or coordinated with
        another name: "Argentina's Vaca Muerta shale formation", "Israel's Leviathan and Tamar
        fields", "Iraq's Rumaila oilfield" name a field or a project, no company. A company word
        or a role after the name ("Peru's Zentrox group", "… Zentrox chief executive") keeps it."""
        toks = self.tokens
        k = e
        if k < lim and toks[k].fold in ("and", "&") and k + 1 < lim and toks[k + 1].is_title:
            k += 1
            while k < lim and toks[k].is_title and k - e < 4:
                k += 1
        while k < lim and toks[k].pos == "ADJ" and toks[k].text.islower() and k - e < 5:
            k += 1      # "… shale formation": a noun used as an adjective
        return k < lim and toks[k].pos == "NOUN" and toks[k].text.islower() and toks[k].text.isalpha() \
            and not self.has_cat(k, "CompanyWord", "RoleTitle", "OrgHead") and (toks[k].fold,) not in self.m.org_words

    def _context_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """Names that their context shows to be organisations, with no cue word in the name:

        * an origin phrase after a list item: "Acme from Japan", "Zentrox und Kappa aus Polen"
          (the phrase covers the names coordinated before it);
        * a country's possessive before a bare name: "Peru's Zentrox", "Greece's KAPCO", in English
          a capitalised common noun too ("Norway's Logic", see _capital_noun_name; not one before
          "and" and a capital: "China's Belt and Road");
        * in German, a definite article before a bare acronym: "die ZKW", "für die KAPCO";
        * the side someone acts for, named bare after "on behalf of" / "im Namen von" (lex:SidePreposition):
          "im Namen von Nordkraft unterzeichnete …", a common noun too (a name stands there).
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

        # on behalf of Daybreak / im Namen von Nordkraft (the phrases that a bare name follows)
        sides = [w for w in self.gaz.word_lists.get("SidePreposition", ()) if w[-1] in ("of", "von")]
        for k in range(sent.start, lim - 2):
            side = next((len(w) for w in sides if w[0] == toks[k].fold and tuple(x.fold for x in toks[k:k + len(w)]) == w), 0)
            if side:
                b = e = k + side
                while e < lim and free(e) and e - b < 3:
                    e += 1
                if e > b and (e >= lim or not toks[e].is_title) and not (e - b == 1 and toks[b].fold in self.gaz.given_names) \
                        and (self._org_candidate(b, e) or (self._capital_noun_name(b, e) or e == b + 1 and self._listed_noun_name(b))
                             and not (e < lim and toks[e].pos == "CCONJ")):
                    add(b, e, "side")   # (not "im Namen von Frieden und Freiheit": common nouns joined)
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
                if e > b and (e >= lim or not toks[e].is_title) \
                        and (self._org_candidate(b, e) or self._capital_noun_name(b, e)
                             and not (e + 1 < lim and toks[e].fold in ("and", "&") and toks[e + 1].is_title)) \
                        and not (e - b == 1 and toks[b].fold in self.gaz.given_names) \
                        and not self._names_a_thing(e, lim):
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
            if toks[b].pos == "NOUN" and self.inflected_noun(b):
                return None     # "von Windrädern erzeugt": an inflected common noun (a plural), no name
        elif not closing:
            return None
        return (b, e) if self._org_candidate(b, e) else None

    def _coordinated_orgs(self, sent, title, add, taken: set[int], out: list[Mention]) -> None:
        """A name coordinated with an organisation is one too: "Acme and Zentrox", "Zentrox,
        Kappa Power and Acme Ltd" (no cue word needed); in English a capitalised common noun inside the
        sentence too ("Tokyo Gas and Negligible", see _capital_noun_name)."""
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
        known = self._known_org_spans(sent.start, lim)
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
                    if any(x in taken for x in range(*r)) or self.ent_at.get(r[0]) is not None \
                            and self.adjective_name_end(r[0], lim) != r[1]:
                        k = max(r[1], (self.ent_at[r[0]].end if self.ent_at.get(r[0]) is not None else r[1]))
                        continue
                    if not (self._org_candidate(*r, adj_ok=True) or r[0] == k + 1 and self._capital_noun_name(*r)):
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
                article = s0 - d == 2 and toks[d + 1].fold in self.articles
                if d < k and toks[d].fold in conj and (article or any(self.has_cat(x, "CompanyWord", "OrgHead", "LenderWord")
                                                                      for x in range(d + 1, s0))):
                    k = d       # (or only its article: "X und dem Hafen von Valencia")
                if k - 1 >= sent.start and toks[k].fold in conj:
                    e = k
                    b = e
                    while b > sent.start and title(b - 1) and b - 1 not in taken and e - b < 4:
                        b -= 1
                    if k == d and article and e - b == 1 and not self._coined_word(b):
                        break   # "rund um die Nordsee und die Europäische Kommission": one known word is a place
                    if e > b and (b == sent.start or not title(b - 1)) \
                            and (self._org_candidate(b, e, adj_ok=True) or b > sent.start and self._capital_noun_name(b, e)) \
                            and not (b == sent.start and self.word_class(b) != "unknown" and e - b == 1
                                     and toks[b].text[:1].isupper() and not toks[b].text.isupper()):
                        if add(b, e, "coordination"):
                            changed = True
