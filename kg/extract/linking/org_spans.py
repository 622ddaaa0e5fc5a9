"""Tests of runs of words for the organisation rules: whether a run can be a company's name, where
an organisation's name goes on or ends (an inner "and", "of <country>", a closing head word, an
enumeration, a Romance connector), and runs that read like names but are no organisation (a
project, an event or forum, a joint body of common words, a place phrase, a portfolio, an
agreement's title).
"""

from __future__ import annotations

import re

from kg.extract.topics import TopicMatcher
from kg.extract.linking.words import word_class
from kg.extract.linking.org_words import OrgWords


class OrgSpans(OrgWords):
    """Tests of runs of words, asked by the organisation rules (see the module docstring)."""

    def _project_end(self, s: int, e: int) -> bool:
        """The span ends in a project or event word ("Nord Pipeline", "Energy Week"), unless that
        word is in the of-complement of an organization head ("Ministry of Energy and Mines")."""
        if not self.has_cat(e - 1, "ProjectWord"):
            return False
        toks = self.tokens
        return not any(toks[x].fold in ("of", "for") and any(self._org_head(y) for y in range(s, x))
                       for x in range(s + 1, e - 1))

    def _topic_term(self, name: str) -> bool:
        """The name found is a topic label as a whole: "amerikanisches LNG", "der SMR-Anbieter",
        "ein Smart Grid", "in the field of Hydroelectric Power" name what is traded or built,
        no organisation (and, taken for one, would hide the topic from the topic finder)."""
        return TopicMatcher(self.gaz).is_label(name)

    def _company_mark(self, x: int) -> bool:
        """Token x marks an organisation's name of its own: a head word, the end of a legal form,
        or a company word ("Kappa Power Company", "Zentrox GmbH")."""
        return self._org_head(x) or self.legal_form_end(x) is not None or self.has_cat(x, "CompanyWord")

    def _project_after(self, s: int, e: int, k: int, lim: int) -> bool:
        """The name s..e, with no head word, legal form or company word of its own, is followed from
        token k (after its acronym in brackets) by a project word, past up to two small modifiers:
        "the North Field South (NFS) expansion project", "the Zeta Shoal (ZS) field", "ihr
        Nordwind Ridge (NWR) Erweiterungsprojekt" name a field or a project, no organisation."""
        toks = self.tokens
        if any(self._company_mark(x) for x in range(s, e)):
            return False    # "Kappa Power Company (KPC) plant": the company's plant
        j = k
        while j < lim and j - k < 3:
            t = toks[j]
            if self.has_cat(j, "ProjectWord", "ProjectReference") and (t.text.islower() or self.lang == "de" and t.pos == "NOUN"):
                return True
            if not (t.text.islower() and t.text.isalpha() and t.pos in ("NOUN", "ADJ")):
                return False
            j += 1
        return False

    def _described_head(self, i: int) -> bool:
        """The head word at i follows an indefinite article or a possessive determiner, past small
        adjectives: "zu einem regionalen Zentrum für kleine Reaktoren", "in seinem Kompetenzzentrum
        für Batteriezellen", "über ihre Verwaltung für Staatsvermögen" describe a body, they name
        none (a name takes the definite article: "das Zentrum für Sonnenenergie")."""
        toks = self.tokens
        k = i - 1
        while k >= 0 and i - k < 4 and toks[k].pos == "ADJ" and toks[k].text.islower():
            k -= 1
        return k >= 0 and (toks[k].fold in self.indefinite or toks[k].fold in self.gaz.words("PossessiveDeterminer"))

    def _landform_name(self, s: int, e: int) -> bool:
        """The run ends in a word of a geographic feature (lex:LandformWord): "Vietnam's Mekong
        Delta", "near the Salton Sea", "Brazil's Santos Basin" name where something lies, no
        organisation. A company word or legal form after it ends the name elsewhere (Delta
        Energy, Gulf Oil)."""
        return e > s + 1 and self.tokens[e - 1].fold in self.gaz.words("LandformWord")

    def _place_after_preposition(self, s: int, e: int, taken: set[int]) -> bool:
        """The run s..e names a town, no organisation: it has no head word, company word, legal form
        or acronym of its own and follows, past an article and small adjectives, a preposition that
        takes only a place ("nördlich von Kappstadt", "a plant near Zentrow", lex:PlacePreposition),
        or a preposition of origin right after a company word or an organisation's name ("das
        Unternehmen aus Kappstadt", "Kappa aus dem badischen Zentrow", "the trader from Zentrow",
        lex:OriginPreposition)."""
        toks = self.tokens
        if e - s > 3 or any(self._company_mark(x) or (toks[x].fold,) in self.m.org_words or toks[x].text.isupper()
                            for x in range(s, e)):
            return False
        k = s - 1
        while k > 0 and s - k <= 3 and (toks[k].pos == "DET" or toks[k].fold in self.articles
                                         or toks[k].pos == "ADJ" and toks[k].text.islower()):
            k -= 1
        if k < 0:
            return False
        lists = self.gaz.word_lists
        if (toks[k].fold,) in lists.get("PlacePreposition", ()) or k > 0 \
                and (toks[k - 1].fold, toks[k].fold) in lists.get("PlacePreposition", ()):
            return True
        if (toks[k].fold,) not in lists.get("OriginPreposition", ()) or k == 0:
            return False
        if any(toks[k - 1].fold.endswith(h) for h in self.consortium_heads):
            return False    # "ein Konsortium aus Kappa und Zentrox": its members
        before = self.ent_at.get(k - 1)
        return self.has_cat(k - 1, "CompanyWord") or k - 1 in taken \
            or (before is not None and before.kind == "org" and before.end == k)

    def _place_phrase(self, s: int, e: int) -> bool:
        """"im Zentrum Polens", "am Institut Perus": a head word with only a country's genitive
        after a contracted preposition is a place or a body of the country, not a name."""
        toks = self.tokens
        if e - s != 2 or s == 0 or toks[s - 1].fold not in ("im", "am", "ins", "zum", "zur", "vom", "beim"):
            return False
        mt = self.ent_at.get(s + 1)
        return self._org_head(s) and mt is not None and mt.kind in ("country", "region") and mt.end == e

    def _named_alliance(self, s: int, k: int) -> bool:
        """Token k is an organization head that is also an agreement word (Alliance)
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
        Energieministerium" gives Energieministerium); so does an English one before a name in a
        Romance language, which a connector like "de" marks ("the French Électricité de Strasbourg")."""
        toks = self.tokens
        k = i + 1
        if k < j and toks[k].fold in ("federal", "state"):
            k += 1
        if self._nationality(i) and self._romance_connector(i + 2, j - 1):
            return True   # "the French Électricité de Strasbourg": an English adjective is no word of a Romance name
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

    def _romance_connector(self, a: int, b: int) -> bool:
        """English text: a Romance name's connector written small ("de", "del") stands among tokens
        a..b-1. Before an English "and" it ends the name there ("Électricité de Strasbourg and
        Badenova": a Romance name joins its words with "y"/"et"), so the next name is another company."""
        toks = self.tokens
        return self.lang == "en" and any(toks[x].fold in self.org_connectors and toks[x].text.islower() for x in range(a, b))

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

    def _agreement_title(self, s: int, e: int) -> bool:
        """The span ends in a head word that a capitalised agreement word follows: the words are the
        start of an agreement's title, no organisation ("the EU–Kappa Association Agreement", "das
        Lindmark Partnership Agreement")."""
        toks = self.tokens
        return e < len(toks) and e - s >= 2 and toks[e].is_title and self._org_head(e - 1) \
            and self.has_cat(e, "AgreementWord") and self.lex_at[e].start == e

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
        if toks[s].text[:1].islower():
            return False        # "l'Energia": an elided article goes on a name, never begins one
        if self.adjective_name_end(s, len(toks)) == e:
            return True         # "und die Deutsche Umwelthilfe": a German name a capitalised adjective opens
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
            if mt is not None and not (mt.cats & {"OrgHead", "OrgNameWord", "LegalForm"}) \
                    and not (common_ok and k < last and mt.cats <= {"ProjectWord"}):
                return False        # (a project word inside a name: "Green Valley Ammonia")
            if (t.fold,) in self.m.org_words or self._org_head(k) or self.legal_form_end(k) is not None:
                continue
            if t.text.isupper() and len(t.text) >= 2 or re.fullmatch(r"[A-Z][\w&]*\d[\w&]*", t.text):
                continue                            # ZEPTA, K2X
            if t.text[:1].islower() and not t.is_title or self.word_class(k) not in ("name", "unknown") and not (
                    common_ok and k > 0 and not toks[k - 1].text in (".", "!", "?", ":", "\n") and (toks[k].pos != "ADJ" or adj_ok)):
                return False
        return True

    def _connected_word(self, j: int, lim: int, title) -> int | None:
        """After one or two small connecting words of a Romance name at token j ("de", "de la",
        "des"), the capitalised word that goes on with the name; None if none does."""
        c = j
        while c < lim and c - j < 2 and self.tokens[c].fold in self.org_connectors and self.tokens[c].text.islower():
            c += 1
        if c < lim and title(c) and not self.has_cat(c, "RoleTitle", "SigningVerb", "AgreementWord"):
            return c
        return None

    def adjective_name_end(self, s: int, lim: int, opening: bool = False) -> int | None:
        """German: the end of a name that a capitalised adjective opens at token s inside a sentence
        ("die Deutsche Umwelthilfe", "der Hanseatischen Wasserstoff Allianz"): German writes an
        adjective small unless it begins a name, so the capitalised words after it up to the next
        word written small, article or preposition are the name, whatever its head noun. The
        callers ask it only where the name stands as a side (coordinated with an organisation, the
        subject or the with-/between-partner of a signing): a name of a sea, a project, an
        agreement or a role ("das Schwarze Meer", "der Südliche Gaskorridor", "die Grüne Allianz",
        "der Parlamentarische Staatssekretär") ends in a word that says so and is none.
        A place's adjective in -er ("Thüringer", "Essener") is capitalised anyway and opens a
        description ("der Essener Konzern"); at the start of a sentence (``opening``) every word is
        capitalised, so there a country's adjective ("Deutsche Firmen") and a plural or a company
        word as the head ("Norddeutsche Unternehmen") are no name."""
        toks = self.tokens
        if self.lang != "de" or s < 1 and not opening or s + 1 >= lim:
            return None
        t = toks[s]
        if not t.is_title or t.pos != "ADJ" or not t.text.isalpha() or self.lex_at.get(s) is not None:
            return None     # (the cheap tests first; "Erster Bürgermeister": a role's adjective)
        ent = self.ent_at.get(s)
        if ent is not None and not (self._nationality(s, regions=True) and not opening):
            return None     # "die Europäische Union": a known name; "Deutsche Firmen …": a sentence's first word
        if not opening and not (toks[s - 1].text.isalpha() and toks[s - 1].text.islower() or toks[s - 1].text == ","
                                or toks[s - 1].pos == "DET"):
            return None     # after a quote, a colon or a dash the capital may be the sentence's
        e = s + 1
        while e < lim and e - s < 5 and toks[e].is_title and toks[e].text.isalpha() and toks[e].pos in ("NOUN", "PROPN", "ADJ") \
                and self.ent_at.get(e) is None and not self.has_cat(e, "RoleTitle", "SigningVerb"):
            e += 1
        last = e - 1
        if last == s or toks[last].pos == "ADJ" or e < lim and toks[e].is_title:
            return None     # the run goes on with a word that is no part of it ("… Allianz Kappa")
        if t.text.endswith("er") and self._place_adjective(s) \
                and not (e == s + 2 and self._place_body_ending(last) is not None):
            return None     # "der Essener Konzern", "Thüringer …": a place's adjective
        places = self.gaz.words("LandformWord") | self.gaz.words("BuildingWord")
        if self.has_cat(last, "ProjectWord", "GroupNoun") or self.has_cat(last, "AgreementWord") and e - s < 3 \
                or any(toks[x].fold in places or toks[x].lemma in places for x in range(s + 1, e)):
            return None     # "der Südliche Gaskorridor", "die Grüne Allianz", "des Schwarzen Meeres", "im Weißen Haus"
        if opening and (self.has_cat(last, "CompanyWord", "OrgHead") and not self._org_head(last)
                        or toks[last].pos == "NOUN" and self.inflected_noun(last)):
            return None     # "Norddeutsche Versorger unterzeichneten …", "Deutsche Firmen …": a plural, no name
        if self._topic_term(" ".join(x.text for x in toks[s:e])):
            return None     # "Erneuerbare Energien", "Grüner Wasserstoff": a topic
        return e

    def _place_body_ending(self, k: int) -> str | None:
        """German token k is a compound whose head (lex:PlaceAdjectiveOrgHead) names, after a place's
        adjective in -er, the body that serves the place ("die Berliner Wasserbetriebe", "der Hamburger
        Hochbahn", "den Münchner Stadtwerken"): its case ending ("" or "n" of a dative plural), or None."""
        word = self.tokens[k].fold
        for head in self.place_adjective_org_heads:
            for ending in ("", "n"):
                if word.endswith(head + ending) and len(word) > len(head + ending) + 2 \
                        and (ending == "" or head.endswith("e")):
                    return ending
        return None

    def _place_adjective(self, k: int) -> bool:
        """German token k, a capitalised adjective in -er, is made from a place's name ("Essener",
        "Thüringer", "Münchner"), which stays the same in every case: after an article, where an
        adjective of the language takes -e or -en ("der Essener Konzern", "einer Berliner
        Stiftung"; not "ein Deutscher Verband"), or when the word, no country's adjective, is a known
        place without its ending ("Thüringer", "Bremer")."""
        toks = self.tokens
        text = toks[k].text
        before = toks[k - 1].fold if k > 0 else ""
        if before != "ein" and (before in self.gaz.words("GermanArticle") or before in self.masc_neut_articles):
            return True
        return self.ent_at.get(k) is None and any(self._place_part(stem) for stem in (text[:-2], text[:-2] + "en", text[:-3] + "en") if len(stem) > 2)
