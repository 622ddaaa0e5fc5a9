"""Persons from patterns (``find_persons``), linked to entities at its end (:mod:`.person_linking`).

Persons: a role title next to a capitalised name ("Bundesminister Jan Muster",
"Zentrox President Park Do-yun"), "Name, role of X" ("A.K. Beispiel, Energieminister Perus"),
a known given name before a capitalised word, and the gazetteer's persons with all their
spellings.

More context (see the methods' docstrings): bylines are never persons; persons after honorifics,
initials, reporting/signing/presence verbs, in lists and photo captions, with their particles
(van der Berg, al-Rashid), in relative clauses ("X Y, who heads …"), with their employer ("X Y of
Zentrox", "Zentrox's X Y", "X Y (Zentrox)") and after the side they sign for ("für Chile X Y"); a name
coordinated with a person past that person's side ("X Y for Peru and A B for Chile") or before a German
verb-second object ("unterzeichneten X Y und A B ein Abkommen"); a full name in apposition after a role
with a longer complement ("the heads of the utility on both sides of the river, X Y, …");
a common noun after a role is no name; one-slip spellings are one person; a Roman numeral is no
given name.
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.tokens import fold, join_tokens
from kg.extract.linking.words import ACADEMIC_TITLES, _CLOSE_Q, _INITIAL, _NAME_NUMBER, _OPEN_QUOTES, _PARTICLE_NAME, word_class
from kg.extract.linking.person_linking import PersonLinking, one_slip


_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir", "dame", "herr", "herrn",
               "frau", "h.e.", "madam", "mme", "mme.", "m."} | ACADEMIC_TITLES
_BYLINE = {"by", "von"}


class PersonFinder(PersonLinking):
    """Finds the persons of a document (``find_persons``) and links them."""

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
            text = " ".join(t.text for t in toks[s:e]).replace(" .", ".")
            if any(k in used for k in range(s, e)):
                for old in found:
                    if old.start <= s and e <= old.end and role and not old.data.get("role"):
                        old.data["role"] = role
                        if old.data.get("how") == "gazetteer":
                            old.data["role_how"] = how   # (what the pattern would have found: see roles.resolve_roles)
                        return old
                known = next((m for k in range(s, e) if (m := known_at.get(k)) is not None and m.end <= e
                              and (m.start, m.end) != (s, e) and m.data.get("how") == "gazetteer"), None)

                def name_word(k: int) -> bool:   # a capitalised word that is no common noun
                    return toks[k].text[:1].isupper() and (self.word_class(k) != "noun" or toks[k].pos == "PROPN")

                if known is not None and not any(k in used for k in range(s, known.start)) \
                        and not any(k in used for k in range(known.end, e)) \
                        and all(name_word(k) for k in range(s, known.start)) \
                        and all(name_word(k) or k < e - 1 and self.m.is_particle(toks[k]) for k in range(known.end, e)):
                    # a known person's name written longer than the gazetteer has it, with an honorific,
                    # a second family name or a dynasty ("Sayyid X Y", "Prinz X bin Y Al-Z", "Secretary
                    # X Y Z"): the whole name (names, and particles before a name; no common noun:
                    # "Shinzo Abe zu Gesprächen")
                    if self._other_given_name(known, s):
                        # a known family name alone after another given name: another person of that
                        # name ("Alexander Medvedev" is not Dmitry Medvedev), found as the pattern finds one
                        known.iri = None
                        known.data["how"] = how
                    known_at.pop(known.start, None)
                    known.start, known.end = s, e
                    known_at[s] = known
                    known.text = text
                    used.update(range(s, e))
                    if role and not known.data.get("role"):
                        known.data["role"] = role
                        known.data["role_how"] = how
                    return known
                return None
            name = text
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

        known_at: dict[int, Mention] = {}   # the gazetteer's persons by their first token
        # gazetteer persons first
        for mt in self.mentions:
            if mt.kind == "person" and not any(k in self.excluded for k in range(mt.start, mt.end)):
                mt.data.setdefault("how", "gazetteer")
                found.append(mt)
                used.update(range(mt.start, mt.end))
        known_at.update((mt.start, mt) for mt in found)
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
                        while k < lim and k - j < 7 and k not in known_at and (
                                toks[k].fold in ("and", "und", "&", ",") or toks[k].is_title
                                and (not self.namelike(k) or toks[k].pos != "PROPN")):
                            if toks[k].text == "," and k + 1 < lim and toks[k + 1].fold in ("and", "und", "sowie"):
                                break   # "CEO of Kappa, and Jane Roe, …": the next item of a list, no portfolio
                            k += 1
                        if k == j + 1:
                            # "Minister of Mines Karl Beispiel": a one-word portfolio the tagger calls a
                            # name, then a given name that opens a full name
                            k = next((g for g in range(j + 2, min(lim, j + 5)) if self._given(g) and toks[g - 1].is_title
                                      and self.name_span(g, lim, taken) and self._full_name(*self.name_span(g, lim, taken))), k)
                        if k > j + 1 and k in known_at:
                            # "Secretary of State Antony Blinken", "Minister of State for Power Piyush
                            # Goyal": a known person after the portfolio (the gazetteer took the name first)
                            span = (k, known_at[k].end)
                        elif k > j + 1 and k < lim and self.namelike(k):
                            span2 = self.name_span(k, lim, taken)
                            while span2 and span2[1] - span2[0] > 2 and self.word_class(span2[0]) != "unknown" \
                                    and not self._given(span2[0]) and not _INITIAL.match(toks[span2[0]].text):
                                span2 = (span2[0] + 1, span2[1])   # "Mines Hollis Tarrant": Mines is the portfolio
                            if span2 and self._full_name(*span2):
                                span = span2
                    if span is None and j + 2 < lim and toks[j].text == ",":
                        # "der Direktor von Equinor, Dralen Fosk,", "Kenya's energy cabinet secretary, Davis
                        # Chirchir, and …": the name in apposition after the role (and its complement)
                        closes = lambda e: e >= lim or toks[e].text in (",", ".", ";", ")") or toks[e].fold in ("and", "und", "sowie")
                        span2 = self.name_span(j + 1, lim, taken)
                        common = None if span2 and self._full_name(*span2) else self._common_given_span(j + 1, lim, taken)
                        span2 = common or span2
                        if span2 and (common or self._full_name(*span2)) and (j > role_end or closes(span2[1])):
                            span = span2
                        if span is None:
                            # a known person in apposition after the role: "his Japanese counterpart,
                            # Fumio Kishida, …", "sein Amtskollege, Emmanuel Macron, …" (the gazetteer
                            # took the name first; the role is still his)
                            known = known_at.get(j + 1)
                            if known is not None and known.data.get("how") == "gazetteer" and closes(known.end):
                                span = (known.start, known.end)
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
                    if span and role_end == i + 1 and j == role_end and span[0] == j and self._partner_word(i) \
                            and not self._given(span[0]) and not _INITIAL.match(toks[span[0]].text):
                        span = None   # "its long-time partner Velnor Kotus", "with its partners Velnor and Tarsk":
                        # a partner noun before a name no given name opens introduces a company
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
                    s = self._after_place_before_name(s, e)
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

    def _other_given_name(self, known: Mention, s: int) -> bool:
        """A gazetteer person matched by a one-word alias (the family name) has a given name before it
        that none of the person's labels starts with."""
        if known.end - known.start != 1 or known.start <= s or not known.iri:
            return False
        ent = self.gaz.entities.get(known.iri)
        if ent is None or ent.kind != "person":
            return False
        firsts = {fold(label.split()[0]) for label in (ent.label_en, ent.label_de) if label}
        return any(self.tokens[k].fold in self.gaz.given_names and self.tokens[k].fold not in firsts
                   for k in range(s, known.start))

    def drop_surname_orgs(self, person_at: dict[int, Mention]) -> None:
        """A known one-word company that is the family name of a person named by given name and
        family name ("Max Viessmann", see name_span) is no organisation: its mention is dropped
        before the organisations are found, so that no rule reads it as an actor. The memoised
        answers of name_tok and namelike for the dropped tokens are forgotten with it (they read
        these tables at the token alone)."""
        drop = [mt for mt in self.mentions if mt.kind == "org" and mt.end == mt.start + 1 and mt.data.get("part") is None
                and (pm := person_at.get(mt.start)) is not None and pm.start == mt.start - 1 and pm.end == mt.end
                and self._given(pm.start)]
        for mt in drop:
            self.mentions.remove(mt)
            if self.ent_at.get(mt.start) is mt:
                del self.ent_at[mt.start]
            if self.by_token.get(mt.start) is mt:
                del self.by_token[mt.start]
                if mt.start in self.lex_at:
                    self.by_token[mt.start] = self.lex_at[mt.start]
            self._name_toks.pop(mt.start, None)
            self._namelike.pop(mt.start, None)

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

    def _partner_word(self, k: int) -> bool:
        """Token k is a partner noun (lex:PartnerNoun: "partner", "partners", "Partnern"), a role of
        a person only before a name a given name opens ("partner Jane Roe" of a firm); before
        another name it introduces a company ("its partner Velnor", "seinen Partnern Kappa und Zeta")."""
        t = self.tokens[k]
        words = self.gaz.words("PartnerNoun")
        return t.fold in words or (fold(t.lemma) if t.lemma else t.fold) in words

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
        return not self._genitive_noun(s)

    def _genitive_noun(self, k: int) -> bool:
        """A German common noun in the genitive after "des"/"eines" opens no name, though the tagger
        knows it only without its ending: "die Erschließung des Gasfelds Khazzan" (Gasfeld)."""
        toks = self.tokens
        t = toks[k].text
        if self.lang != "de" or k == 0 or toks[k - 1].fold not in ("des", "eines") or not t.endswith("s") or len(t) < 5:
            return False
        return any(word_class("de", stem) == "noun" for stem in (t[:-1], t[:-2] if t.endswith("es") else None) if stem)

    def _after_place_before_name(self, s: int, e: int) -> int:
        """Where a name run walked back from its role starts when a preposition opens it: at the
        given name inside it ("unterzeichneten in St. Petersburg Sergej Kirijenko, Generaldirektor
        …", "signed in Graz Anna Muster, CEO of …": the words before the given name are the place).
        Not when the run opens with a given name itself ("bei Jean Paul Muster")."""
        toks = self.tokens
        if s == 0 or toks[s - 1].pos != "ADP" or self._given(s):
            return s
        first = next((k for k in range(s + 1, e - 1) if self._given(k)), None)
        return first if first is not None else s

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

    def _org_context(self, k: int) -> bool:
        """Token k begins something that reads as a company: a head word or legal form follows."""
        toks = self.tokens
        for j in range(k, min(len(toks), k + 4)):
            if self._org_head(j) or self.legal_form_end(j) is not None:
                return True
            if not toks[j].is_title:
                break
        return False

    def _possessor_run(self, k: int, lim: int) -> bool:
        """Two to four capitalised words from k closed by "'s": a name that owns a role ("Jane Roe,
        Kappa Power's managing director")."""
        toks = self.tokens
        j = k
        while j < lim and j - k < 4 and toks[j].is_title:
            j += 1
        return j - k >= 2 and j < lim and toks[j].text in ("'s", "’s")
