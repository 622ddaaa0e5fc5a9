"""Tests of single words for the organisation rules: a country's adjective, possessive or name in the
nominative, a company role or a compound with a company word, a descriptive common noun, a word of
letters and digits, a sentence opener, a capitalised adjective inside a company's name, a place
that may close a name, an energy topic word.
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.tokens import fold
from kg.extract.linking.words import word_class
from kg.extract.linking.name_words import NameWords


# a company name written with digits among its letters: "Z3N", "50Hertz" (not "2030", "500MW", nor lexicon words such as "CO2")
_CODE_NUMBER = re.compile(r"[A-Z]{1,5}\d+")
_DIGIT_NAME = re.compile(r"(?=[A-Za-z\d]*[A-Za-z])(?=[A-Za-z\d]*\d)(?:[A-Z][A-Za-z\d]*|\d+[A-Z][a-z][A-Za-z\d]*)")


def mt_compound(mt: Mention | None) -> bool:
    return bool(mt is not None and mt.data.get("compound"))


class OrgWords(NameWords):
    """Tests of single words, asked by the organisation rules (see the module docstring)."""

    def _company_head_compound(self, k: int) -> bool:
        """Token k is a hyphenated compound whose last part is a company role, a company word or a
        subsidiary noun ("Siemens-Chef", "Gazprom-Konzern", "RWE-Tochter"; not "Siemens-Aktie")."""
        text = self.tokens[k].text
        if "-" not in text:
            return False
        last = fold(text.rsplit("-", 1)[-1])
        if last in self.subsidiary_nouns or (last,) in self.company_words:
            return True     # (also a company word that is an organisation head: "Kappa-Gesellschaft")
        mt = self.lex_at.get(k)
        return mt is not None and mt.start == k and (self._company_role(k) or "CompanyWord" in mt.cats)

    def _country_nominative(self, k: int, lim: int) -> bool:
        """A one-word country name at token k, not in the genitive ("Österreich", not "Perus"), that
        ends the phrase (no name or noun follows)."""
        mt = self.ent_at.get(k)
        t = self.tokens[k]
        if mt is None or mt.start != k or mt.end != k + 1 or mt.form != "name":
            return False
        if t.fold.endswith("s") and (t.fold[:-1],) in self.gaz.phrases:
            return False        # "das Energieministerium Perus": whose ministry
        return not (k + 1 < lim and self.tokens[k + 1].is_title)

    def _country_possessive(self, k: int, world_regions: bool = False) -> bool:
        """A country's or region's name with "'s" at token k: "Peru's"; with ``world_regions`` a
        continent's or world region's too ("Europe's", "Asia's": a place named, no capital)."""
        mt = self.ent_at.get(k)
        kinds = ("country", "region", "place") if world_regions else ("country", "region")
        return mt is not None and mt.start == k and mt.kind in kinds and mt.form not in ("adj", "capital") \
            and mt.end < len(self.tokens) and self.tokens[mt.end].text in ("'s", "’s")

    def _nationality(self, k: int, regions: bool = False) -> bool:
        """Token k is the adjective of a country (or region): American, marokkanische, sächsische."""
        mt = self.ent_at.get(k)
        return mt is not None and mt.form == "adj" and mt.start == k and mt.end == k + 1 \
            and mt.kind in (("country", "region") if regions else ("country",))

    def _german_descriptor(self, k: int) -> bool:
        """Token k is a German company word or organisation compound used as a common noun
        (Betreibergesellschaft, Netztochter) or a noun after a country ("US-Autobauer"), not an
        organisation's own head word (Stadtwerke), a word of company names (Energie) or a common
        noun that is the name ("Nordwind Energy GmbH")."""
        tok = self.tokens[k]
        if (tok.fold,) in self.m.org_heads or (tok.fold,) in self.m.org_words or k in self.ent_at:
            return False
        if "-" in tok.text:
            last = tok.text.split("-")[-1]
            if last[:1].isupper() and fold(last) in self.gaz.words("ParentNoun") and word_class("de", last) == "noun":
                return True     # "die Kappa-Muttergesellschaft Nordwind Group": whose parent it is, said before its name
            return any(m.start == k and m.data.get("part") == 0 and m.kind in ("country", "region") for m in self.mentions) \
                and last[:1].isupper() and word_class("de", last) != "unknown"
        if tok.pos != "NOUN" or not self.has_cat(k, "CompanyWord", "OrgHead"):
            return False
        # a compound of a common word and an organisation head is a common noun, even where the tagger
        # reads it as a name for its head ("der Staatsfonds Kappa Investment Fund": "Fonds" alone is no name)
        return self.word_class(k) == "noun" or self.word_class(k) == "name" and mt_compound(self.lex_at.get(k))

    def _english_org_word(self, k: int) -> bool:
        """Token k is an English organisation head or company-name word (Corporation, Motors, Grid)
        and no German one."""
        langs = {lg for iri, lg in self.gaz.lex_phrases.get((self.tokens[k].fold,), ())
                 if self.gaz.lexicon[iri].category in ("OrgHead", "OrgNameWord")}
        return "en" in langs and "de" not in langs

    def _place_like(self, k: int) -> bool:
        """Token k is formed like a German place name (Kappland, Kappenau, Nordkappmark, Kappstadt):
        a capitalised word ending in a toponym ending of the lexicon (PlaceNameEnding), or a compass
        or position word (PlacePrefix) before a known place or region (Mittelhessen, Oberbayern)."""
        f = self.tokens[k].fold
        if not self.tokens[k].is_title:
            return False
        return any(f.endswith(x) and len(f) >= len(x) + 3 for x in self.place_endings) \
            or any(f.startswith(x) and len(f) >= len(x) + 4 and self._known_place_word(f[len(x):]) for x in self.place_prefixes)

    def _known_place_word(self, word: str) -> bool:
        """The folded one-word ``word`` is the name of a known place or region."""
        entities = self.gaz.entities
        return any(iri in entities and entities[iri].kind in ("place", "region") for iri, *_ in self.gaz.phrases.get((word,), ()))

    def _word_of_company_name(self, k: int) -> bool:
        """Token k can stand in a company name before its legal form: not a signing or agreement
        word, no company word ("der Konzern Kappa AG") and no role, unless the role word is an
        organization head too ("Nordwind Hydrogen Partners AS")."""
        mt = self.lex_at.get(k)
        if mt is None:
            return True
        if mt.cats & {"SigningVerb", "AgreementWord", "CompanyWord"}:
            return False
        return "RoleTitle" not in mt.cats or "OrgHead" in mt.cats

    def _descriptor(self, k: int, end: int) -> bool:
        """Token k is a German common noun that says what kind of company the name after it is,
        not part of the name: a compound ending in an organization word ("die Projektgesellschaft
        Nord Stream 2 AG", "der Energiekonzern Kappa AG"). A real name word must follow (a plain
        noun such as Nordwind in "Nordwind Energie GmbH" can be the name itself)."""
        toks = self.tokens
        if self.lang != "de" or k + 1 >= end or self.ent_at.get(k) is not None or self._org_head(k) \
                or (toks[k].fold,) in self.m.org_words or self.word_class(k) != "noun":
            return False
        mt = self.lex_at.get(k)
        if not (mt is not None and mt_compound(mt) and mt.cats & {"OrgHead", "CompanyWord"}):
            return False
        return any(toks[x].text[:1].isupper() and (toks[x].fold,) not in self.m.org_words and not self._org_head(x)
                   for x in range(k + 1, end))

    def _company_role(self, k: int) -> bool:
        mt = self.lex_at.get(k)
        return bool(mt and "RoleTitle" in mt.cats and any(
            self.gaz.lexicon[x].sector == "company" for x in mt.data.get("lex", []) if x in self.gaz.lexicon))

    def _digit_name(self, k: int) -> bool:
        """A word of letters and digits that is no entity and no lexicon word: "Z3N", "50Hertz", "Kappa24";
        not a code of capitals and a number ("G20", "COP28", "H2", "NH3")."""
        text = self.tokens[k].text
        return bool(_DIGIT_NAME.fullmatch(text)) and not _CODE_NUMBER.fullmatch(text) \
            and self.ent_at.get(k) is None and k not in self.lex_at

    def _sentence_opener(self, k: int, start: int) -> bool:
        """The first word of a sentence that is capitalised only because it opens the sentence: an
        adverb or an adjective the tagger knows as no noun and no name ("Yesterday Kappa Energy
        signed", "State-owned Kappa Petroleum", "Gestern Kappa Energie"), no part of the name after it;
        and a nationality adjective ("German Kappa Energy"; in English also inside the sentence) or a
        hyphenated description ("Kappa-owned Zentrox Power") anywhere."""
        text = self.tokens[k].text
        if "-" in text and fold(text.rsplit("-", 1)[-1]) in self.descriptor_words:
            return True         # "Kappa-owned Zentrox Power", "Peru-based Zentrox Energy"
        ent = self.ent_at.get(k)
        if ent is not None:     # a nationality before the name: "German Kappa Energy", "with Norwegian Zentrox Power"
            return ent.form == "adj" and ent.kind == "country" and ent.start == k and ent.end == k + 1 \
                and (k == start or self.lang == "en")
        return k == start and (self.tokens[k].fold,) not in self.m.org_words and not self._org_head(k) \
            and not self.has_cat(k, "RoleTitle") and self.word_class(k) == "other"

    def _topic_word(self, text: str) -> bool:
        from kg.extract.topics import TopicMatcher
        return bool(TopicMatcher(self.gaz).find(text))

    def _place_part(self, part: str) -> bool:
        """The first part of a hyphen compound is a known place, country or region of the gazetteer
        (not an organisation): "Nahost-Experte", "Osteuropa-Expertin" name a field, no employer."""
        hits = self.gaz.phrases.get(tuple(fold(w) for w in part.split()), [])
        kinds = {self.gaz.entities[giri].kind for giri, _, _ in hits if giri in self.gaz.entities}
        return bool(kinds) and "org" not in kinds

    def _home_name(self, k: int) -> bool:
        """Token k names a country, a region or a world region (a place that is no city), which
        may close a company's name: "Gasunie Deutschland", "Kappa Energy Europe"."""
        mt = self.ent_at.get(k)
        if mt is None:
            return False
        if mt.kind in ("country", "region"):
            return True
        ent = self.gaz.entities.get(mt.iri) if mt.kind == "place" else None
        return ent is not None and ent.capital_of is None and ent.country is None

    def _name_after_country(self, k: int, lim: int, title) -> bool:
        """Token k, right after a country's name that a company word introduced, goes on with the
        company's name: "the power company China Kappa", "die Gesellschaft Japan Polar LNG". Up to
        three capitalised words that are no entity, no lexicon word and no role, one of them a word the
        tagger does not know or an acronym; a common noun ("Japan Flüssiggas") is no name."""
        toks = self.tokens
        e = k
        named = False
        while e < lim and e - k < 3 and title(e) and self.ent_at.get(e) is None and self.lex_at.get(e) is None \
                and not self.is_role(e):
            if self.word_class(e) == "noun" and (toks[e].fold,) not in self.m.org_words:
                return False
            named = named or self.word_class(e) == "unknown" or toks[e].text.isupper() and len(toks[e].text) >= 2
            e += 1
        return named and e > k and not (e < lim and title(e))

    def _head_compound(self, k: int) -> bool:
        """Token k is a hyphenated word whose last part is an organization head word in either
        language: the "IPEX-Bank" of "KfW IPEX-Bank", "Kappa-Holding"."""
        text = self.tokens[k].text
        if "-" not in text or not text[:1].isupper():
            return False
        last = fold(text.rsplit("-", 1)[-1])
        return bool(last) and (last,) in self.m.org_heads_en

    def _name_adjective(self, k: int, end: int) -> bool:
        """Token k is a capitalised adjective inside a company's name, before a word of company
        names: the "Green" of "Enel Green Power", the "Clean" of "Kappa Clean Energy"."""
        toks = self.tokens
        # the cheap tests first: the word-class lookup asks the tagger about a new word
        return k < end - 1 and toks[k].is_title and self.ent_at.get(k) is None and self.lex_at.get(k) is None \
            and ((toks[k + 1].fold,) in self.m.org_words or self._org_head(k + 1)) \
            and (toks[k].pos == "ADJ" or toks[k].pos == "PROPN" and word_class("en", toks[k].text.lower()) == "other")
