"""Names that a company word or a descriptor next to them marks as organisations: "companies such as
Zentrox and Kappa", "Kenya's state power producer, Kengo,", "Oslo-based Kengo", "das
Kappa-Feld-Konsortium", "the Zeta joint venture".
"""

from __future__ import annotations

import re

from kg.extract.tokens import fold
from kg.extract.linking.words import word_class
from kg.extract.linking.org_spans import OrgSpans


_SHARE_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")
_PERCENT_WORDS = ("prozent", "percent", "%")
_SHARE_ITEM_END = frozenset({",", ";", ".", "–", "—", ")", "und", "and", "sowie"})


_COPULAS = frozenset({"ist", "sind", "war", "waren", "is", "are", "was", "were"})


class CompanyWordNames(OrgSpans):
    """The rules of ``find_orgs`` for names that a company word or a descriptor next to them marks.

    Each rule looks at one sentence (``sent``) with what ``find_orgs`` gives it: ``title`` (may token k
    be a word of a name), ``add`` (record a name found, unless its tokens are taken) and the tokens
    taken by organisations and persons found before.
    """

    def _closed_noun_pair(self, k: int, lim: int) -> bool:
        """German tokens k and k + 2, two singular common nouns joined by "und" right after a
        company word, name two companies when the clause shows the second closed (by an article:
        "die Tanklagerbetreiber Veto und Weisheit das Gemeinschaftsunternehmen gegründet", or as
        _closed_noun_name reads it from the company word before k). Neither may be a lexicon word, a
        topic, an entity or an inflected noun ("dass der Konzern Strom und Gas liefert" is left
        alone)."""
        toks = self.tokens
        if self.lang != "de" or k + 3 > lim or toks[k + 1].fold not in ("und", "sowie") or not toks[k + 2].is_title \
                or k + 3 < lim and toks[k + 3].is_title and toks[k + 3].pos != "DET":
            return False
        return all(self.lex_at.get(x) is None and self.ent_at.get(x) is None and toks[x].text.isalpha()
                   and not self.inflected_noun(x, named=True) and not self._topic_term(toks[x].text) for x in (k, k + 2)) \
            and (k + 3 < lim and toks[k + 3].pos == "DET" or self._closed_noun_name(k + 2, lim, word_end=k))

    def _closed_noun_name(self, k: int, lim: int, word_end: int | None = None) -> bool:
        """Token k, a singular common noun alone right after a company word, is the company's name
        when the clause shows the name closed after it: a comma and an article or a relative pronoun
        (an apposition or a relative clause: "der Mineralölkonzern Vorsprung, der …"), the
        sentence's or clause's end (".", ";"), "und" and an article, an article after a
        prepositional phrase ("mit dem Versorger Nordlicht einen Vertrag", or after a company word
        with an adjective or in the dative: "gewährt dem Ölkonzern Haftbefehl einen Kredit"), a
        preposition after a company word with an adjective, in the genitive or dative or opening the
        sentence ("der belgische Netzbetreiber Begabung mit 80 Prozent", "Der Rohstoffhändler
        Einsicht aus Baar"), or a finite verb that the clause goes on after ("sein Mehrheitseigner
        Sieg haben am Mittwoch …", "der Staatskonzern Sicht übernimmt 30 Prozent"). A noun that is
        the object of a clause-final verb ("dass der Konzern Strom liefert", "das Unternehmen
        Wasserstoff, Ammoniak …"), a topic or a lexicon word is none.
        ``word_end``: where the company word ends, when another name stands between it and k
        (_closed_noun_pair). In English text a capitalised noun right after a company word written
        small is the name wherever it stands ("the utility Daybreak signed …", "with the developer
        Harvest"): English writes a common noun small inside a sentence."""
        toks = self.tokens
        if self.lang == "en":
            return k > 0 and toks[k - 1].text.islower() and toks[k].is_title and not toks[k].text.isupper() \
                and self.lex_at.get(k) is None and not self._topic_term(toks[k].text)
        if self.lang != "de" or k + 1 >= lim and k + 1 != len(toks) or self.lex_at.get(k) is not None \
                or self.inflected_noun(k, named=True) or self._topic_term(toks[k].text):
            return False
        if k + 1 == lim or k + 1 == len(toks):
            return True
        nxt = toks[k + 1]
        after = toks[k + 2] if k + 2 < lim else None
        articles = self.gaz.words("GermanArticle") | self.gaz.words("GermanRelativeForm")
        if nxt.text in (".", "!", "?", ";"):
            return True
        if nxt.text == "," or nxt.fold == "und":
            return after is not None and after.fold in articles
        word_end = k if word_end is None else word_end      # the company word ends there
        word = self.lex_at.get(word_end - 1)
        before = word.start - 1 if word is not None else word_end - 2     # the word before the company word
        b = before
        while b > 0 and toks[b].pos in ("ADJ", "DET"):
            b -= 1
        # a company word with an adjective ("der belgische Netzbetreiber Begabung") or in the genitive or
        # dative ("des Konzerns Abteilung", "gewährt dem Ölkonzern Haftbefehl einen Kredit"): no object follows it
        described = before > 0 and (toks[before].pos == "ADJ" or any(toks[x].fold in ("des", "dem", "eines", "einem")
                                                                     for x in range(b, before + 1)))
        if nxt.pos == "DET":
            # "mit dem Versorger Nordlicht einen Vertrag": the phrase closes
            return toks[b].pos == "ADP" or described
        if nxt.pos == "ADP" and nxt.text.islower():
            # "der belgische Netzbetreiber Begabung mit 80 Prozent", "des Konzerns Abteilung im Jahr", "Der
            # Rohstoffhändler Einsicht aus Baar": a described company, one in the genitive or dative or one
            # that opens the sentence, which no object follows ("dass der Konzern Strom aus Wind erzeugt")
            return before >= 0 and (described or toks[before].pos == "DET" and toks[before].text[:1].isupper())
        return "FIN" in nxt.tag and after is not None and (after.text.isalpha() or after.text[:1].isdigit()) \
            and after.fold not in ("und", "oder", "sowie")

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

    def _seat_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A name right before a phrase that gives a company's seat (lex:SeatPhrase), past a comma,
        is a company: "Kappa, based in Tulsa, signed", "Zentrox Energy, headquartered in Perth,",
        "Kappa mit Sitz in Essen". Up to four capitalised words, each unknown to the tagger, an
        acronym, a word of company names or part of a known organisation; no person, place or
        common noun ("die Behörde mit Sitz in Bonn" describes, it names none)."""
        phrases = self.gaz.word_lists.get("SeatPhrase")
        if not phrases:
            return
        firsts = {p[0] for p in phrases}
        toks = self.tokens
        for p in range(sent.start + 1, sent.end - 2):
            if toks[p].fold not in firsts or not any(
                    tuple(t.fold for t in toks[p:p + len(q)]) == q for q in phrases if q[0] == toks[p].fold):
                continue    # (the cheap test first: the phrase's first word)
            e = p - 1 if toks[p - 1].text == "," else p
            s = e
            while s - 1 >= sent.start and e - s < 4 and title(s - 1) and s - 1 not in taken \
                    and s - 1 not in person_tokens and toks[s - 1].fold not in self.gaz.given_names \
                    and not self.has_cat(s - 1, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord") \
                    and (self.ent_at.get(s - 1) is None and (
                        toks[s - 1].text.isupper() and len(toks[s - 1].text) >= 2 or self.word_class(s - 1) == "unknown"
                        or (toks[s - 1].fold,) in self.m.org_words and s - 1 < e - 1)
                         or self.ent_at.get(s - 1) is not None and self.ent_at[s - 1].kind == "org"):
                s -= 1
            if s == e or s > sent.start and title(s - 1) and s - 1 not in taken:
                continue    # nothing, or only the end of a longer run of capitalised words
            if all((toks[x].fold,) in self.m.org_words for x in range(s, e)):
                continue
            known = self.ent_at.get(s)
            add(s, e, "seat", known.iri if known is not None and known.kind == "org" and known.end == e else None)

    def _member_list_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """Names listed as the members of a consortium or as partners are organisations, each a bare
        name the tagger does not know too: "ein Konsortium aus Velnor und Tarsk", "a consortium of
        Velnor, Tarsk and Kappa Oil", "die Mitglieder des Konsortiums: Velnor, Tarsk und die
        staatliche Brixa", "with its partners Velnor and Tarsk", "partners including the Japanese
        Velnor and Tarsk". The cue is a consortium noun (lex:ConsortiumNoun) before a member
        preposition (lex:MemberPreposition) or a colon, or a partner noun (lex:PartnerNoun) before an
        example cue, a verb of including, a colon or the names themselves ("its partner Velnor Kotus";
        not a name a given name opens: "partner Jane Roe" of a firm is a person).
        A member may have an article, lowercase adjectives and a nationality before it, its acronym
        in brackets and its home ("aus Peru") after it; a country, place, person or role ends the list.
        After a colon a common noun may be a member too (_listed_noun_name)."""
        toks = self.tokens
        lim = sent.end
        lists = self.gaz.word_lists
        consortia = self.gaz.words("ConsortiumNoun")
        partners = self.gaz.words("PartnerNoun")
        for c in range(sent.start, lim - 2):
            t = toks[c]
            if t.pos != "NOUN" or c in taken:
                continue
            lemma = fold(t.lemma) if t.lemma else t.fold
            is_cons = t.fold in consortia or lemma in consortia or self.lang == "de" and t.fold.endswith(("konsortium", "konsortiums"))
            is_partner = not is_cons and (t.fold in partners or lemma in partners
                                          or self.lang == "de" and t.fold.endswith(("partner", "partnern")))
            if not (is_cons or is_partner):
                continue
            if self.lang == "en" and not t.text.islower() or c > sent.start and title(c - 1) and toks[c - 1].pos != "DET":
                continue    # "Kappa Infrastructure Partners", "das Kappa Konsortium": inside a name
            k = c + 1
            direct = False
            colon = toks[k].text == ":"
            if colon:
                k += 1
            elif is_cons:
                if toks[k].pos == "AUX" and toks[k + 1].pos == "VERB":
                    k += 1      # "the consortium is made up of", "was formed by"
                prep = next((q for q in sorted(lists.get("MemberPreposition", ()), key=len, reverse=True)
                             if tuple(x.fold for x in toks[k:k + len(q)]) == q), None)
                if prep is None:
                    continue
                k += len(prep)
            else:
                cue = next((q for q in sorted(set(lists.get("ExampleCue", ())) | set(lists.get("InclusionCue", ())),
                                              key=len, reverse=True)
                            if tuple(x.fold for x in toks[k:k + len(q)]) == q), None)
                if cue is not None:
                    k += len(cue)
                elif self.has_cat(k, "IncludeVerb") or toks[k].fold in ("are", "sind"):
                    k += 1
                else:
                    direct = True
            members: list[tuple[int, int]] = []
            names = 0
            while k < lim and names < 12:
                while k < lim and (toks[k].fold in self.articles or toks[k].text.islower() and toks[k].pos == "ADJ"
                                   and toks[k].text.isalpha()) and k - c < 40:
                    k += 1
                if k + 1 < lim and self._nationality(k) and title(k + 1) and self.ent_at[k].end == k + 1:
                    k += 1      # "die bulgarische Drarix", "the Japanese Velnor"
                elif k + 2 < lim and self._country_possessive(k) and title(self.ent_at[k].end + 1):
                    k = self.ent_at[k].end + 1      # "Korea's Tarsk"
                e = k
                while e < lim and e - k < 4 and title(e) and e not in taken and e not in person_tokens \
                        and not self.has_cat(e, "RoleTitle", "SigningVerb", "AgreementWord"):
                    e += 1
                if e == k and not (k in taken and title(k)) or e - k == 4 and e < lim and title(e):
                    break
                if e < lim and toks[e].text.islower() and toks[e].pos in ("NOUN", "PROPN") or toks[e - 1].pos == "ADJ":
                    break       # "a consortium of European states": an adjective of a common noun, no name
                ent = self.ent_at.get(k)
                if e == k and k in taken and title(k):
                    while e < lim and e in taken:
                        e += 1
                    names += 1      # a member another rule found before ("made up of ND Western, Aradel Energy, …")
                elif ent is not None and ent.kind == "org" and ent.end >= e:
                    names += 1      # a known member: found by the gazetteer
                elif ent is None and not any(self.ent_at.get(x) is not None for x in range(k, e)) \
                        and (colon and e - k == 1 and self._listed_noun_name(k)
                             or self._org_candidate(k, e, adj_ok=True)
                             and not (e - k == 1 and (self.word_class(k) == "noun" or (toks[k].fold,) in self.m.not_a_name))):
                    members.append((k, e))
                    names += 1
                elif names and ent is None and e < lim and (toks[e].text == "," or (toks[e].fold,) in lists.get("ListCoordinator", ())) \
                        and not any(self.ent_at.get(x) is not None for x in range(k, e)):
                    pass    # a member of a shape no rule reads ("First E&P"), between two others: the list goes on
                else:
                    break
                k = e
                if k + 2 < lim and toks[k].text == "(" and toks[k + 2].text == ")":
                    k += 3      # its acronym
                if k + 1 < lim and (toks[k].fold,) in lists.get("OriginPreposition", ()) \
                        and self.ent_at.get(k + 1) is not None and self.ent_at[k + 1].kind in ("country", "region"):
                    k = self.ent_at[k + 1].end      # "Velnor aus China"
                if k < lim and toks[k].text == ",":
                    k += 1
                    if k < lim and (toks[k].fold,) in lists.get("ListCoordinator", ()):
                        k += 1
                    continue
                if k < lim and (toks[k].fold,) in lists.get("ListCoordinator", ()):
                    k += 1
                    continue
                break
            if direct:
                members = [(s, e) for s, e in members if toks[s].fold not in self.gaz.given_names]
            if colon and all(e - s == 1 and self.word_class(s) == "noun" for s, e in members):
                members = []    # "Partner: Industrie und Wissenschaft": no name among them, no companies
            for s, e in members:
                add(s, e, "member-list")

    def _listed_noun_name(self, k: int) -> bool:
        """Token k, one common noun listed after a consortium's or partners' colon ("die Mitglieder des
        Konsortiums: Markt, Fracht und die türkische MFHM"), names a member: a colon opens the names;
        not a lexicon word, a topic or an inflected noun (a plural: "Partner: Banken und Versicherer")."""
        t = self.tokens[k]
        return self.lang == "de" and self.lex_at.get(k) is None and t.fold not in self.gaz.given_names \
            and (t.fold,) not in self.m.not_a_name and not self._topic_term(t.text) \
            and not self.inflected_noun(k, named=True) and t.text.isalpha()

    def _apposition_list_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """Names listed between commas right after a company word are those companies: "Two Danish
        pension funds, Aldergate and Birchwood, signed …", "die beiden Versorger, Nordlicht und
        Talwerk, unterzeichneten …". The list joins two or more names with "and"/"und" and a comma
        or a dash closes it (an apposition); each name is a run of up to three capitalised words, no
        known entity, person, given name or lexicon word ("the companies, which …" names nothing)."""
        toks = self.tokens
        lim = sent.end
        coord = self.gaz.word_lists.get("ListCoordinator", ())
        for c in self.cat_positions(("CompanyWord",), sent.start, lim - 4):
            k = self.lex_at[c].end
            if k + 3 >= lim or toks[k].text != "," or not title(k + 1) or not toks[c].text[:1].islower() and self.lang == "en":
                continue    # (the cheap test first: a comma and a capital after a company word)
            members: list[tuple[int, int]] = []
            joined = False
            k += 1
            while k < lim:
                e = k
                while e < lim and e - k < 3 and title(e) and e not in taken and e not in person_tokens \
                        and self.ent_at.get(e) is None and self.lex_at.get(e) is None and toks[e].text.isalpha() \
                        and toks[e].fold not in self.gaz.given_names:
                    e += 1
                if e == k:
                    break
                members.append((k, e))
                if e < lim and (toks[e].fold,) in coord and not joined:
                    k, joined = e + 1, True
                elif e < lim and toks[e].text == "," and not joined:
                    k = e + 1
                else:
                    k = e
                    break
            if joined and len(members) >= 2 and k == members[-1][1] and k < lim and toks[k].text in (",", "–", "—"):
                for s, e in members:
                    add(s, e, "apposition-list")

    def _name_word_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A word of company names (lex:OrgNameWord: Energy, Power, Gas, Hydro, Trading) after one to
        three capitalised words that can only be names, words neither tagger knows or acronyms, closes
        a company's name: "JP Energy said …", "to sell its stake to Kuri Siban Energy", "a deal with
        MMISS Gas". More such words, a head word or a legal form may follow ("Velnor Power Grids",
        "Velmar Exploration and Production");
        the name must end the run of capitalised words and no common noun may follow it ("the Velnor
        Solar plant", "Hornby Wind farm" name a plant). No known entity, person, given name or
        lexicon word stands among its name words ("Lake Kappa Wind Power" is left to other rules), and
        before a German word of company names, which is a common noun too, no inflected German noun
        ("Elektrolyseure Wasserstoff erzeugen").
        Before a word of a line of business (lex:TradeNameWord: Energy, Power, Electric, Trading) the
        name words may be everyday words too, one or two capitalised nouns or adjectives inside the
        sentence ("its partner Shaft Energy said", "Kaffee Trading aus Spanien", see
        _everyday_name_word), or opening it before a verb of signing or saying ("Coastline Power signed
        …", "Harvest Energy said"): mid-sentence capitals mark a name there, unless a capitalised word
        follows or a preposition or conjunction after a capitalised word comes before ("Ministry of
        Petroleum and Natural Gas")."""
        toks = self.tokens
        lim = sent.end
        for w in range(sent.start + 1, lim):
            if not toks[w].is_title or w in taken or (toks[w].fold,) not in self.m.org_words:
                continue    # (the cheap test first: a word of company names)
            s = self._coined_run_before(w, sent.start, taken, person_tokens)
            everyday = s == w and toks[w].fold in self.gaz.words("TradeNameWord")
            if everyday:
                s = self._coined_run_before(w, sent.start, taken, person_tokens, self._everyday_name_word)
            if s == w or s > sent.start and title(s - 1):
                continue
            if everyday and (w + 1 < lim and toks[w + 1].is_title or self._inside_of_name(s)):
                continue    # "Natural Resources Minister", "Ministry of Petroleum and Natural Gas": inside a longer name
            if self.lang == "de" and not self._english_org_word(w) and any(self.inflected_noun(x) for x in range(s, w)):
                continue    # "sollen Elektrolyseure Wasserstoff erzeugen": a German plural before a German noun
            e = w + 1
            while e < lim and e - w < 4 and e not in taken and e not in person_tokens:
                if title(e) and ((toks[e].fold,) in self.m.org_words or self._org_head(e)):
                    e += 1
                elif toks[e].fold in ("and", "&") and e + 1 < lim and title(e + 1) \
                        and (toks[e - 1].fold,) in self.m.org_words and (toks[e + 1].fold,) in self.m.org_words:
                    e += 2      # "Velmar Exploration and Production": two lines of business
                else:
                    break
            le = self.legal_form_end(e) if e < lim else None
            if le is not None:
                e = le
            if e < lim and (title(e) or toks[e].text in ("-", "&", "/") or toks[e].text.islower() and toks[e].pos == "NOUN"):
                continue
            if everyday and s == sent.start and not (e < lim and self.has_cat(e, "SigningVerb", "ReportingVerb")):
                continue    # "Natural Gas prices rose": the sentence's capital marks no name, its verb may
            add(s, e, "name-word")

    def _coined_word(self, k: int) -> bool:
        """Token k can only be a name: a capitalised word neither tagger knows (in German text the
        English tagger neither) or an acronym; no known entity, lexicon word or given name."""
        t = self.tokens[k]
        if not t.is_title or self.ent_at.get(k) is not None or self.lex_at.get(k) is not None \
                or t.fold in self.gaz.given_names or not t.text.isalpha():
            return False
        if t.text.isupper():
            return 2 <= len(t.text) <= 6
        return self.word_class(k) == "unknown" and (self.lang == "en" or word_class("en", t.text.lower()) == "unknown")

    def _coined_subject_pair(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """Two names that can only be names (words neither tagger knows or acronyms, see
        _coined_word) joined by "and"/"und" as the subject of a finite verb right after them are two
        companies: "Velnor und TRK verkaufen ihr Gemeinschaftsunternehmen", "when Velnor and Tarsk
        completed the merger"; one of them may be a capitalised common noun ("Stufe und THN
        verkaufen …"). Not a run a capitalised word or a common noun goes on ("Velnor und Tarsk
        Gas"), nor persons (found before), places (known, or formed like a German place name) or
        names inside a prepositional phrase ("in Kappbüttel und Zentrow sind Anlagen geplant")."""
        toks = self.tokens
        lim = sent.end
        coord = self.gaz.word_lists.get("ListCoordinator", ())
        for c in range(sent.start + 1, lim - 2):
            if (toks[c].fold,) not in coord or not toks[c + 1].is_title or not toks[c - 1].is_title:
                continue    # (the cheap test first: "and" between capitalised words)
            s = self._coined_run_before(c, sent.start, taken, person_tokens)
            e = self._coined_run(c + 1, lim, taken, person_tokens)
            if s == c and e > c + 1 and self._paired_noun_name(c - 1, taken, person_tokens):
                s = c - 1       # "Stufe und THN verkaufen": a common noun beside a coined name
            elif e == c + 1 and s < c and self._paired_noun_name(c + 1, taken, person_tokens):
                e = c + 2
            if s == c or e == c + 1 or s > sent.start and title(s - 1) or e >= lim \
                    or toks[e].pos not in ("VERB", "AUX") or toks[e].text[:1].isupper():
                continue
            if s > sent.start and toks[s - 1].pos == "ADP" or any(self._place_like(x) for x in range(s, e)):
                continue    # "in Kappbüttel und Zentrowhaven sind Anlagen geplant": places in a prepositional phrase
            add(s, c, "coined-pair")
            add(c + 1, e, "coined-pair")

    def _paired_noun_name(self, k: int, taken: set[int], person_tokens: set[int]) -> bool:
        """Token k, one capitalised common noun (see _listed_noun_name, _capital_noun_name) and no
        known entity (a country: "Kasachstan und Svevind"), may be a name beside a name that can
        only be one: "Stufe und THN verkaufen ihr Gemeinschaftsunternehmen"."""
        return k not in taken and k not in person_tokens and k not in self.excluded and self.ent_at.get(k) is None \
            and (self._listed_noun_name(k) or self._capital_noun_name(k, k + 1))

    def _share_end(self, k: int, lim: int) -> int | None:
        """A percentage at token k ("20 Prozent", "25.6 per cent", "15 %"): the token after it."""
        toks = self.tokens
        if k >= lim or not _SHARE_NUMBER.fullmatch(toks[k].text):
            return None
        if k + 1 < lim and toks[k + 1].fold in _PERCENT_WORDS:
            return k + 2
        if k + 2 < lim and toks[k + 1].fold == "per" and toks[k + 2].fold == "cent":
            return k + 3
        return None

    def _share_list_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A list of shareholders and their shares: a name that can only be a name (see _coined_word)
        with a percentage after it, as an item of the list, is a company: "Anteilseigner sind Kappa
        mit 20 Prozent, Zentrox mit 19 und Velnor mit 5 Prozent", "the shareholders – KPX with 49
        per cent, Velnor with 25.6 per cent …", "owner Velnor 15 per cent, KPX 12.5 per cent and …";
        with "mit je"/"with … each" the names coordinated before it too ("sind Kappa, KPX und Velnor
        mit je 20 Prozent"). The item ends after the share ("Velnor 3 per cent higher" is no item); a
        bare number after mit/with counts where the sentence gives a percentage later ("Zentrox mit
        19, Velnor mit 16 und Kappa mit 5 Prozent"). A list has two shares at least: one name with
        a percentage is no list ("die Wahl gewann X mit 40 Prozent")."""
        toks = self.tokens
        lim = sent.end
        percent_at = [k for k in range(sent.start, lim) if toks[k].fold in _PERCENT_WORDS or toks[k].fold == "cent"]
        if not percent_at:
            return      # (the cheap test first: no percentage in the sentence)
        last_percent = percent_at[-1]
        coord = self.gaz.word_lists.get("ListCoordinator", ())
        found, shares = [], 0
        for k in range(sent.start + 1, lim - 1):
            t = toks[k]
            each = False
            if t.fold in ("mit", "with"):
                n = k + 1
                if n < lim and toks[n].fold in ("je", "jeweils"):
                    n, each = n + 1, True
                if n >= lim or not _SHARE_NUMBER.fullmatch(toks[n].text):
                    continue
                end = self._share_end(n, lim)
                if end is None:
                    if n > last_percent:
                        continue
                    end = n + 1
                elif end < lim and toks[end].fold == "each":
                    end, each = end + 1, True
            elif _SHARE_NUMBER.fullmatch(t.text) and not toks[k - 1].text[:1].isdigit():
                end = self._share_end(k, lim)
                if end is None:
                    continue
            else:
                continue
            if end < lim and toks[end].text not in _SHARE_ITEM_END and toks[end].fold not in _SHARE_ITEM_END:
                continue    # "Velnor 3 per cent higher": no item of a list
            shares += 1
            items = []
            e = k
            while True:
                s = self._coined_run_before(e, sent.start, taken, person_tokens)
                if s == e or s > sent.start and title(s - 1) and not self._nationality(s - 1):
                    break
                items.append((s, e))
                if not each or s - 2 < sent.start or not (toks[s - 1].text == "," or (toks[s - 1].fold,) in coord):
                    break
                e = s - 1
            found.extend(items)
        if shares < 2:
            return      # one name with a percentage is no list of shareholders ("gewann X mit 40 Prozent")
        for s, e in found:
            add(s, e, "share-list")

    def _venture_at(self, k: int) -> int:
        """How many tokens from k on name a consortium or a venture (lex:VentureNoun, lex:ConsortiumNoun:
        "joint venture", "consortium", "Konsortium"); 0 if none."""
        toks = self.tokens
        for cat in ("VentureNoun", "ConsortiumNoun"):
            for q in self.gaz.word_lists.get(cat, ()):
                if tuple(x.fold for x in toks[k:k + len(q)]) == q or len(q) == 1 and toks[k].lemma and fold(toks[k].lemma) == q[0]:
                    return len(q)
        return 0

    def _venture_ahead(self, k: int, stop: int) -> bool:
        """A consortium or venture noun follows from token k on before ``stop``, past capitalised words and
        adjectives only ("-led LNG Canada joint venture", "-geführte Konsortium")."""
        toks = self.tokens
        for x in range(k, stop):
            if self._venture_at(x):
                return True
            if not (toks[x].is_title or toks[x].pos == "ADJ") or not toks[x].text[:1].isalnum():
                return False
        return False

    def _coined_run(self, k: int, lim: int, taken: set[int], person_tokens: set[int]) -> int:
        """The end of a run of at most three words from token k (before ``lim``) that can only be
        names (_coined_word) and belong to no name found before: k itself when there is none."""
        e = k
        while e < lim and e - k < 3 and e not in taken and e not in person_tokens and e not in self.excluded \
                and self._coined_word(e):
            e += 1
        return e

    def _coined_run_before(self, e: int, start: int, taken: set[int], person_tokens: set[int], word=None) -> int:
        """The start of a run of at most three words that can only be names (_coined_word, or the
        test ``word``) ending before token e (from ``start`` on) and belonging to no name found
        before: e itself when there is none."""
        word = word or self._coined_word
        s = e
        while s - 1 >= start and e - s < 3 and s - 1 not in taken and s - 1 not in person_tokens \
                and s - 1 not in self.excluded and word(s - 1):
            s -= 1
        return s

    def _inside_of_name(self, s: int) -> bool:
        """Words from token s on continue a name of the form "X of Y" ("Ministry of Natural Gas",
        "Minister of Industry and Advanced Power"): a preposition after a capitalised word, or a
        conjunction after such a preposition and a capitalised word, comes right before s."""
        toks = self.tokens
        k = s - 1
        if k >= 2 and toks[k].pos == "CCONJ" and toks[k - 1].is_title and toks[k - 2].pos == "ADP":
            k -= 2
        return k >= 1 and toks[k].pos == "ADP" and toks[k].text.islower() and toks[k - 1].is_title

    def _everyday_name_word(self, k: int) -> bool:
        """Token k can be a word of a company name made of everyday words ("Shaft Energy", "Splendid
        Recourse Energy"): a name-like word (_coined_word), or a capitalised noun or adjective with
        no known entity (a place, a nationality), lexicon word, given name or company-name word
        ("Wind Power", "American Energy" and "Renewable Energy" are left alone)."""
        t = self.tokens[k]
        if self._coined_word(k):
            return True
        return t.is_title and t.text.isalpha() and not t.text.isupper() and t.pos in ("NOUN", "ADJ", "PROPN") \
            and self.ent_at.get(k) is None and self.lex_at.get(k) is None and t.fold not in self.gaz.given_names \
            and (t.fold,) not in self.m.org_words and (t.fold,) not in self.m.not_a_name

    def _led_by_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """The names after a consortium or venture noun and "led by" / "angeführt von" lead it and are
        companies, each a name that can only be a name (_coined_word): "the Kappa consortium, led by KPX
        and Velnor", "ein Konsortium, angeführt von Velnor und Tarsk" (as "the Velnor-led joint
        venture", which find_orgs takes from the compound)."""
        toks = self.tokens
        lim = sent.end
        coord = self.gaz.word_lists.get("ListCoordinator", ())
        for c in range(sent.start + 1, lim - 3):
            if toks[c].fold not in ("led", "angefuhrt", "gefuhrt") or toks[c + 1].fold not in ("by", "von"):
                continue    # (the cheap test first)
            b = c - 1 if toks[c - 1].text == "," else c
            if not any(self._venture_at(x) == b - x for x in range(max(sent.start, b - 2), b)):
                continue
            k = c + 2
            found = []
            while k < lim:
                e = self._coined_run(k, lim, taken, person_tokens)
                if e == k or e < lim and title(e):
                    break
                found.append((k, e))
                if e + 1 < lim and (toks[e].text == "," or (toks[e].fold,) in coord):
                    k = e + 1
                else:
                    break
            for s, e in found:
                add(s, e, "led-by")

    def _copula_company_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A company noun as the subject of a copula names the companies after it, each a name that
        can only be a name (_coined_word), with its home after it ("aus China") and joined by "und"/"and":
        "Wichtigster Kunde ist Velnor", "Diese Zellhersteller sind KPX aus China und Tarsk Vemo aus
        Südkorea", "The operator is Velnor". Not a noun inside a name ("Kappa Group is …"); the list
        must end its clause."""
        toks = self.tokens
        lim = sent.end
        coord = self.gaz.word_lists.get("ListCoordinator", ())
        for c in range(sent.start, lim - 2):
            if toks[c + 1].fold not in _COPULAS or toks[c].pos != "NOUN" or not self.has_cat(c, "CompanyWord"):
                continue    # (the cheap test first)
            if c > sent.start and title(c - 1) and toks[c - 1].pos not in ("DET", "ADJ") \
                    and not (c - 1 == sent.start and word_class(self.lang, toks[c - 1].text.lower()) == "other") \
                    or self.lang == "en" and not toks[c].text.islower():
                continue    # "Kappa Group is …": inside a name
            k = c + 2
            found = []
            while k < lim:
                e = self._coined_run(k, lim, taken, person_tokens)
                if e == k or e < lim and title(e):
                    found = []
                    break
                found.append((k, e))
                if e + 1 < lim and (toks[e].fold,) in self.gaz.word_lists.get("OriginPreposition", ()) \
                        and self.ent_at.get(e + 1) is not None \
                        and self.ent_at[e + 1].kind in ("country", "region", "place"):
                    e = self.ent_at[e + 1].end
                if e + 1 < lim and (toks[e].text == "," or (toks[e].fold,) in coord) and toks[e + 1].is_title:
                    k = e + 1
                    continue
                if e < lim and toks[e].text not in (".", ",", ";", ":", "–", "—", "!", "?"):
                    found = []
                break
            for s, e in found:
                add(s, e, "copula-company")
