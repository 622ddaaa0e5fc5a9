"""Organizations from patterns (``find_orgs``): the rules of this module and of the rule modules
before it, run sentence by sentence, then the known organisations left over, then linking.

Organizations: gazetteer names and aliases, "Full Name (ACRONYM)", a capitalised name with
an organization head word ("Bureau of Rural Utilities", "Nordwind Electric Company"),
a German compound with an organization head ("Bundeswirtschaftsministerium"), a name after a
company word ("das Unternehmen „Rosatom“"), and a known name extended by name words.

More context (see the methods' docstrings): organizations closed by a legal form (AG, Ltd, S.A.) or
opened by one (PT, PJSC), known names written with or without spaces/hyphens or German case endings
(shown in the nominative) and fuzzily for long names, German compounds with the adjective that names
them, subsidiaries' parents, names coordinated with an organization, the company of a company role;
no events, media or plurals. CamelCase words (PetroResources) are companies' names, never persons';
a country or region name with company words (Newfoundland and Labrador Hydro) and an acronym with a
place word (TAQA Arabia) are companies; an alliance with a name word before it (Glasgow Financial
Alliance for Net Zero) is an organization. A port that is a partner or subject ("with the port of
X", "mit dem Hafen von X") is an organization, an English field ministry written small ("Chile's
energy ministry") is not (a description of the government, no name); a short name in brackets after
a name ("(Hydrom)") is the same organization. An unknown name with a country after it ("Solvika
Kenya", "Kappa Energy India") is the company, not the country; a name in commas after a company word
("Kenya's state power producer, Kengo,") is that company.
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
known place is no employer ("Nahost-Experte"). A German compound of a service or of works with a place after it
("die Energieversorgung Filstal", "mit den Stadtwerken Kappingen") is an organisation in the nominative, and
"und" joins common nouns inside a name that a legal form closes ("Kappauer Hafen und Logistik AG").
A name that is a topic label as a whole ("amerikanisches LNG", "der SMR-Anbieter", "a Smart Grid") or ends
in a landform word ("Vietnam's Mekong Delta", "the Salton Sea") is no organization, nor a name with its
acronym before a project word ("the North Field South (NFS) expansion project"), nor a German head word
with its field after an indefinite article or a possessive ("in seinem Kompetenzzentrum für
Batteriezellen"); a relative clause ("X, den der Konzern Y baut") or a reporting clause ("X, the company
said") after a comma is no apposition that calls X a company.
"""

from __future__ import annotations

import re
import unicodedata

from kg.extract.mentions import Mention
from kg.extract.tokens import fold, join_tokens
from kg.extract.linking.words import _CLOSE_Q, _OPEN_Q, word_class
from kg.extract.linking.german_names import GermanNames
from kg.extract.linking.legal_forms import LegalFormNames
from kg.extract.linking.place_names import PlaceNames
from kg.extract.linking.company_words import CompanyWordNames
from kg.extract.linking.spellings import SpellingNames
from kg.extract.linking.relations import RelationNames
from kg.extract.linking.org_linking import OrgLinking


# the last part of a compound that says who leads the consortium or venture after it ("Kappa-led")
_LED_WORDS = frozenset({"led", "gefuhrte", "gefuhrten", "gefuhrtes", "gefuhrter", "gefuhrtem", "angefuhrte", "angefuhrten"})


class OrgFinder(LegalFormNames, PlaceNames, CompanyWordNames, SpellingNames, RelationNames, GermanNames,
                OrgLinking):
    """Finds the organisations of a document (``find_orgs``) and links them."""

    def find_orgs(self, sentences) -> list[Mention]:
        toks = self.tokens
        out: list[Mention] = []
        taken: set[int] = set()
        person_tokens = {k for mt in self.person_mentions for k in range(mt.start, mt.end)}
        sent_starts = self.sent_starts = {sent.start for sent in sentences}
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
            if toks[s].is_title and toks[s].text[:1].islower():
                return None     # "l'Energia": an elided article goes on a name, never begins one
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
            if iri is None and (self._topic_term(name) or self._landform_name(s, e) or self._place_after_preposition(s, e, taken)):
                return None     # "amerikanisches LNG", "ein Smart Grid": a topic; "Vietnam's Mekong Delta", "near Zentrow": a place
            name = self.nominative_name(s, e, name)
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
                if self._project_after(s, e, close + 1, lim):
                    self._non_org_acronyms.add(fold(acr))   # "the NFS project" later: the project, no organisation
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
            self._seat_names(sent, title, add, taken, person_tokens)
            self._nationality_acronyms(sent, add, taken, person_tokens)
            self._nationality_names(sent, add, taken, person_tokens)
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
                            and not (toks[j].fold == "and" and self._romance_connector(i + 1, j)) \
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
            self._place_org_names(sent, title, add, taken, person_tokens)
            self._name_before_compound(sent, title, add, taken, person_tokens)
            # German compounds with an organization head: Bundeswirtschaftsministerium
            for i in range(sent.start, lim):
                if not toks[i].is_title:
                    continue    # (both kinds begin with a capital)
                mt = self.lex_at.get(i)
                if mt and "OrgHead" in mt.cats and toks[i].is_title and i not in taken and mt.end == i + 1 \
                        and (mt.data.get("compound") or self.lang == "de"):
                    self._compound_org(sent, i, title, add, taken, person_tokens)
                elif i not in taken and toks[i].is_title and (toks[i].fold,) in self.m.org_heads and i + 2 < lim \
                        and toks[i + 1].fold in ("fur", "für") and (title(i + 2) or self._lower_adj_then_title(i + 2, lim, title)) \
                        and not self._described_head(i):
                    e = self._fuer_end(i + 1, lim, title)
                    add(i, e, "compound")
            self._named_consortia(sent, add, taken, person_tokens)
            # a name after a company word: das Unternehmen „Rosatom“, die Gesellschaft Nordwind Energia Polska
            # (or after a joint venture's words, which take the company word in: "ihre gemeinsame Gesellschaft Kappa LNG")
            for i in self.cat_positions(("CompanyWord", "VentureWord"), sent.start, lim - 1):
                if self.lang == "en" and toks[i].text[:1].isupper() and i > sent.start and title(i - 1) \
                        and toks[i - 1].text[:1].isupper():
                    continue    # "the Kappa Global Investors Meet": a capitalised company word inside a name
                k = self.lex_at[i].end
                kn = self.ent_at.get(i)
                if kn is not None and kn.kind == "org" and kn.end > k:
                    continue    # "der Verband Kommunaler Unternehmen": the company word begins a known name
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
                            and e + 1 < lim and toks[e + 1].is_title
                            and ((toks[e + 1].fold,) in self.m.org_words or self._name_after_country(e + 1, lim, title))) \
                            and not (e > k and ent.form == "adj" and ent.end == e + 1 and e + 1 < lim and title(e + 1)):
                        break       # a country name may begin the name: "der Betreiber Peru Hydro Power",
                    e += 1          # a nationality word stand inside it: "der Konzern Royal Dutch Kappa"
                if e - k == 1 and self.inflected_noun(k, named=True) and self.ent_at.get(k) is None:
                    continue    # "das Unternehmen Kraftwerke bauen": a plural noun, not a name
                pair = e - k == 1 and self._closed_noun_pair(k, lim)    # "die Betreiber Veto und Weisheit das …"
                if e - k >= 1 and not (e - k == 1 and ((toks[k].fold,) in self.m.not_a_name
                                                      or self.word_class(k) == "noun" and self.ent_at.get(k) is None
                                                      and not self._closed_noun_name(k, lim) and not pair)):
                    known = self.ent_at.get(k)
                    if pair:
                        add(k + 2, k + 3, "company-word")
                    mt = add(k, e, "company-word", known.iri if known and known.kind == "org" and known.end >= e else None)
                    if mt is not None:
                        for b in (i - 1, i - 2):
                            adj = self.ent_at.get(b) if b >= sent.start else None
                            if adj is not None and adj.kind == "country":
                                mt.data["country"] = adj.iri
                                break
            self._company_word_appositions(sent, title, add, taken, person_tokens)
            self._name_word_names(sent, title, add, taken, person_tokens)
            self._coined_subject_pair(sent, title, add, taken, person_tokens)
            self._share_list_names(sent, title, add, taken, person_tokens)
            self._led_by_names(sent, title, add, taken, person_tokens)
            self._copula_company_names(sent, title, add, taken, person_tokens)
            # "Uzbekhydroenergo, a power company owned by ...": a name that an apposition calls a company
            articles = self.gaz.words("EnglishArticle" if self.lang == "en" else "GermanArticle")
            for i in range(sent.start + 1, lim - 2):
                if toks[i].text != "," or toks[i + 1].fold not in articles and not self._country_possessive(i + 1, world_regions=True):
                    continue    # ", a company …", ", Peru's state oil company", ", Europe's largest utility"
                if self.lang == "de" and toks[i + 1].fold in self.gaz.words("GermanRelativeForm") \
                        and toks[i + 2].fold in articles:
                    continue    # "der Windpark X, den der Konzern Y baut": a relative clause, no apposition
                h = i + 2
                while h < lim and h - i < 5 and toks[h].pos == "ADJ":
                    h += 1      # the first noun after the article: "Kappa, die staatliche Netzagentur"
                j = h
                while j < lim and j - h < 3 and toks[j].pos in ("NOUN", "PROPN") and toks[j].text.islower():
                    j += 1
                if j > h and j < lim and toks[j].pos == "VERB" and self.has_cat(j, "ReportingVerb"):
                    continue    # "… from Salar Norte, the company said": a reporting clause, no apposition
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
                        and not (i - s == 1 and self.word_class(s) == "noun"
                                 and not self._bare_english_noun_name(s, sent.start, articles, taken)):
                    add(s, i, "apposition")     # (not "für sein Land, das …": one common noun is no name)
            self._port_names(sent, add, taken, person_tokens)
            self._words_of_country(sent, title, add, taken, person_tokens)
            self._office_of_role(sent, add, taken, person_tokens)
            self._such_as_names(sent, title, add, taken, person_tokens)
            self._member_list_names(sent, title, add, taken, person_tokens)
            self._apposition_list_names(sent, title, add, taken, person_tokens)
            self._subsidiary_names(sent, title, add, taken)
            self._employer_names(sent, title, add, taken, person_tokens)
            self._context_names(sent, title, add, taken, person_tokens)
            self._adjective_names(sent, add, taken, person_tokens)
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
                            and word_class("de", first) in ("name", "unknown") and not self._topic_term(first):
                        out.append(Mention(k, k + 1, "org", None, "pattern", first, data={"how": "name-part"}))
                        taken.add(k)
        # an unknown name before "-led" / "-geführte" that a consortium or venture noun follows leads it: "the
        # Kappa-led joint venture", "das Zentrox-geführte Konsortium" (not "the Sunak-led government", "US-led")
        for k, t in enumerate(toks):
            if "-" not in t.text or k in taken or k in person_tokens or k in self.excluded:
                continue    # (the cheap test first)
            first, _, last = t.text.rpartition("-")
            if fold(last) not in _LED_WORDS or "-" in first or len(first) < 2 or not first[:1].isupper() \
                    or not first.isalpha() or any(m.start == k and m.data.get("part") is not None for m in self.mentions) \
                    or fold(first) in self.gaz.given_names or (fold(first),) in self.m.org_words:
                continue
            if not (first.isupper() and len(first) <= 6
                    or all(word_class(lg, first if lg == "de" else first.lower()) == "unknown" for lg in ("de", "en"))):
                continue
            if self._venture_ahead(k + 1, min(len(toks), k + 6)):
                out.append(Mention(k, k + 1, "org", None, "pattern", first, data={"how": "led-part"}))
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
        out += self._repeated_names(out, taken, person_tokens, sent_starts)
        # a news medium is the source of the text ("the Athens News Agency reported"), not an organization of the news
        out = [m for m in out if m.data.get("how") == "gazetteer" or not any(self.has_cat(k, "MediaWord")
                                                                            for k in range(m.start, m.end))]
        out.sort(key=lambda m: m.start)
        self._bracket_names(out, person_tokens)
        self._link_orgs(out)
        return out

    def _bare_english_noun_name(self, s: int, start: int, articles, taken: set[int]) -> bool:
        """English token s, one capitalised common noun inside the sentence (from ``start``) that
        an apposition follows, is a name: "signed with Formation, the export arm of …". Not after
        an article ("met the Board, the company's highest body") nor at the end of a longer name
        that "and"/"of" joins to a capitalised word that is no name found ("Partnership for Global
        Infrastructure and Investment, a programme …")."""
        toks = self.tokens
        if self.lang != "en" or s <= start or not toks[s - 1].text.isalpha() or toks[s - 1].fold in articles:
            return False
        return not (toks[s - 1].pos in ("CCONJ", "ADP") and toks[s - 2].is_title and s - 2 not in taken
                    and self.ent_at.get(s - 2) is None)

    def _repeated_names(self, found: list[Mention], taken: set[int], person_tokens: set[int],
                        sent_starts: set[int]) -> list[Mention]:
        """A one-word name that a description made a company ("der Netzbetreiber Elia", "the turbine
        maker Gamesa") names it again where it recurs alone ("Elia hatte … erworben", "Gamesa
        said"): news describes a company once. Only a capitalised word that no other name, person or
        lexicon word takes, at a sentence's start only a proper noun, and a name that is a common
        noun not after an article or an adjective."""
        toks = self.tokens
        names = {toks[m.start].text: m for m in found if m.end == m.start + 1 and m.data.get("how") == "company-word"
                 and toks[m.start].text[:1].isupper() and len(toks[m.start].text) > 2}
        if not names:
            return []
        out: list[Mention] = []
        for k, t in enumerate(toks):
            m = names.get(t.text)
            if m is None or k == m.start or k in taken or k in person_tokens or k in self.excluded \
                    or self.ent_at.get(k) is not None or self.lex_at.get(k) is not None:
                continue
            if k in sent_starts and t.pos != "PROPN":
                continue
            if k > 0 and toks[k - 1].pos in ("DET", "ADJ") and self.word_class(k) == "noun":
                continue    # "der Energieversorger Wende" … "mit der Wende in der Energiepolitik": the common noun
            out.append(Mention(k, k + 1, "org", None, "pattern", m.text, data={"how": "repeat"}))
            taken.add(k)
        return out


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
