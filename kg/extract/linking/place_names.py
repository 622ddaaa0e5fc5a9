"""Organisations named with a place or a nationality: "Newfoundland and Labrador Hydro",
"Peruvian Invest", "TAQA Arabia", "Solvika Kenya", "Zentrox East Africa", "die mauretanische KPM", "der
italienischen Kappa Sanpaolo", "National Electric Grid of Kappa", and a port that is a partner ("with the
port of Kappa").
"""

from __future__ import annotations

import bisect
import re

from kg.extract.mentions import Mention
from kg.extract.linking.words import word_class
from kg.extract.linking.org_spans import OrgSpans


# a word written like an acronym: capitals, perhaps with small letters among them (KPM, ZNBPar, PZnG)
_ACRONYM_WORD = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*")
# the last word of a role title written with its preposition ("head of"): the words after it are the
# title's complement, not the person
_PLACE_PREPS = {"in", "im", "at", "to", "from", "via", "through", "into", "uber", "über", "nach", "aus", "durch", "near",
                "bei", "beim", "zum", "vom", "of", "des", "am"}


# endings of German loan nouns (Seismologie, Geothermie, Photonik): a word so formed is no coined name
_NOUN_ENDINGS = ("ie", "ik")

class PlaceNames(OrgSpans):
    """The rules of ``find_orgs`` for names with a place or a nationality.

    Each rule looks at one sentence (``sent``) with what ``find_orgs`` gives it: ``title`` (may token k
    be a word of a name), ``add`` (record a name found, unless its tokens are taken) and the tokens
    taken by organisations and persons found before.
    """

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
            if toks[k].fold not in self.port_words and not self._port_genitive(k) or k in taken or k in person_tokens:
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
            # whose representatives act: "Vertreter des Hafens Kappstadt", "officials of the Port of Kappa"
            of_persons = b >= sent.start and self._person_group(b) \
                or before == "of" and b - 1 >= sent.start and self._person_group(b - 1)
            partner = before in ("with", "mit", "between", "zwischen", "and", "und", "sowie", "&", "by") \
                or b < sent.start or toks[b].text in (",", ":", "(") or of_persons
            if before in _PLACE_PREPS and not of_persons or not (partner or toks[k].text[:1].isupper() and self.lang == "en"):
                continue
            if b < sent.start and self.lang == "de" and not any(self.has_cat(x, "SigningVerb", "ConcludingVerb")
                                                               for x in range(e, min(lim, e + 4))):
                continue    # "Der Hafen Kappa soll wachsen": the port, not its authority
            add(k, e, "port")

    def _person_group(self, k: int) -> bool:
        """Token k is a noun of a group of persons (lex:GroupNoun that refers to persons: Vertreter,
        representatives, officials)."""
        mt = self.lex_at.get(k)
        return mt is not None and "GroupNoun" in mt.cats and any(
            self.gaz.lexicon[x].refers_to == "person" for x in mt.data.get("lex", []) if x in self.gaz.lexicon)

    def _port_genitive(self, k: int) -> bool:
        """Token k is a German port word in the genitive after "des": "Vertreter des Hafens Kappstadt"
        (the name is given in the nominative, see ``add``)."""
        f = self.tokens[k].fold
        return self.lang == "de" and f[-1:] == "s" and f[:-1] in self.port_words and k > 0 \
            and self.tokens[k - 1].fold == "des"

    def _place_company_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A country or region name followed by words of company names is a company: "Newfoundland
        and Labrador Hydro", "Ruritania Power Holdings"; "and" may join two of them ("Texas Oil and
        Gas"). The last word must be one of them and no other capitalised word may follow (then the
        name goes on)."""
        toks = self.tokens
        lim = sent.end
        for place in [m for m in self._place_names() if sent.start <= m.start and m.end < lim]:
            if place.start in taken or (place.start > sent.start and title(place.start - 1)):
                continue
            e = place.end
            while e < lim and e - place.end < 3 and toks[e].is_title and e not in taken and e not in person_tokens \
                    and ((toks[e].fold,) in self.m.org_words or self._org_head(e)):
                e += 1
                if e + 1 < lim and toks[e].fold in ("and", "&") and toks[e + 1].is_title \
                        and (toks[e - 1].fold,) in self.m.org_words and (toks[e + 1].fold,) in self.m.org_words \
                        and e + 1 not in taken and e + 1 not in person_tokens:
                    e += 1      # two lines of business: "Texas Oil and Gas", "Zhejiang Petroleum and Chemical"
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

    def _name_country_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """A word the tagger does not know (in English also a proper noun it does not know written small;
        no given name), perhaps with words of company names after it, followed
        by a country, region or world region that ends the name is one company, the national or regional
        arm of the first: "Solvika Kenya", "Kappa Energy India", "Hydro Lindmark Tasmania", "Zentrox East
        Africa"; the company, not the
        country, is the actor. Not when a capitalised word goes on after the country, nor when
        a person, a known entity or a lexicon word stands in the run."""
        toks = self.tokens
        lim = sent.end
        places = self._sorted_places
        if places is None:
            # (and the world regions: "Kappa East Africa", "Zentrox Asia Pacific" name a regional arm)
            regions = [m for m in self.mentions if m.kind == "place" and m.form == "name" and m.data.get("part") is None
                       and self._home_name(m.start)]
            places = self._sorted_places = sorted(self._place_names() + regions, key=lambda m: m.start)
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
            last = toks[place.end - 1].fold
            if self.lang == "de" and last.endswith("s") and (last[:-1],) in self.gaz.phrases:
                continue    # a German genitive says whose: "die Gasfunde Ostafrikas", "Häfen Kenias"
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
                        and t.pos in ("PROPN", "X", "NOUN") and self._unknown_name_word(k, strict=False):
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
            if not text[:1].isupper() or not _ACRONYM_WORD.fullmatch(text) or 2 * sum(c.isupper() for c in text) < len(text):
                continue    # (the cheap tests first: KPM, ZNBPar, PZnG)
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

    def _nationality_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """An unknown name after an article and a country's adjective is an organisation of that
        country: "der italienischen Kappa Sanpaolo", "die brasilianische Zentrox Energia", "the
        Brazilian Kavelor Energia" (news introduces a foreign company so; a person takes a role or a
        noun before the name, a place is known). The name is one to three capitalised words, the first
        one the tagger does not know, the others such words or words of company names, and it ends the
        noun phrase: "the Indian Kappa scheme" is a scheme."""
        toks = self.tokens
        lim = sent.end
        articles = self.gaz.words("EnglishArticle" if self.lang == "en" else "GermanArticle")
        for k in range(sent.start + 1, lim - 1):
            nat = self.ent_at.get(k)
            if nat is None or nat.form != "adj" or nat.kind != "country" or nat.start != k or nat.end != k + 1 \
                    or toks[k - 1].fold not in articles:
                continue    # (the cheap test first)
            if self.lang == "de" and not (toks[k - 1].fold in ("der", "einer") or toks[k - 1].fold in ("die", "eine")
                                          and (toks[k].fold.endswith("e") or toks[k].text.endswith("er") and toks[k].text[:1].isupper())):
                continue    # a German company is a she ("die Firma"): after "dem" or "das" the name is a place
                # or a thing ("dem dänischen Kappby", "das norwegische Zentroxfeld"), after "die …en" a plural
            e = k + 1
            while e < lim and e - k <= 3 and toks[e].is_title and e not in taken and e not in person_tokens \
                    and e not in self.excluded and self.ent_at.get(e) is None \
                    and toks[e].text.isalpha() and toks[e].fold not in self.gaz.given_names \
                    and (self.lex_at.get(e) is None and (self._unknown_name_word(e) or self._guessed_lemma_name(e))
                         or e > k + 1 and (toks[e].fold,) in self.m.org_words):
                e += 1
            if e == k + 1 or e < lim and (toks[e].is_title or toks[e].pos == "NOUN" or toks[e].text in ("-", "&")):
                continue
            mt = add(k + 1, e, "nationality-name")
            if mt is not None:
                mt.data["country"] = nat.iri

    def _guessed_lemma_name(self, k: int) -> bool:
        """German token k is a word neither tagger knows whose lemma the lemmatiser only guessed by
        cutting an ending "e" or "er" ("die bulgarische Dravire", "der italienischen Velmo Sasune"):
        where a name is expected it is a name, as after a company noun (inflected_noun, named); not
        a word formed like a German loan noun the lexicon lacks ("die schwedische Seismologie")."""
        t = self.tokens[k]
        return self.lang == "de" and self.word_class(k) == "unknown" and not self.inflected_noun(k, named=True) \
            and word_class("en", t.text.lower()) == "unknown" and not t.fold.endswith(_NOUN_ENDINGS)

    def _unknown_name_word(self, k: int, strict: bool = True) -> bool:
        """Token k is a word the tagger does not know (in English also a proper noun it knows only
        capitalised): it can only be a name. In a German text no English verb or adjective either
        (a programme's name: "die Initiative Greener Kenya"); strictly, no English word at all, nor an
        inflected noun (one whose lemma is another form, as a plural's)."""
        t = self.tokens[k]
        if self.lang == "en":
            return self.word_class(k) == "unknown" or self.word_class(k) == "name" and word_class("en", t.text.lower()) == "unknown"
        if not strict:
            return self.word_class(k) == "unknown" and not (self.lang == "de" and word_class("en", t.text.lower()) == "other")
        return self.word_class(k) == "unknown" and word_class("en", t.text.lower()) == "unknown" \
            and (t.lemma in (None, "", t.fold) or t.text.isupper())
