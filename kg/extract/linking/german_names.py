"""German organisation names: a compound with an organisation head (Bundeswirtschaftsministerium,
die Islamische Entwicklungsbank, die Energieagentur NRW), its field after "für", a compound of a
service or of works with a place after it (die Energieversorgung Filstal, den Stadtwerken Kappingen
-> Stadtwerke Kappingen), a proper noun before a compound head written apart (die Windpark Butendiek
Betriebsgesellschaft), and names after an article given in the nominative (des Bundesverbands … ->
Bundesverband …, der Kappaischen Bank -> Kappaische Bank).
"""

from __future__ import annotations

from kg.extract.tokens import fold
from kg.extract.linking.words import word_class
from kg.extract.linking.org_words import mt_compound
from kg.extract.linking.org_spans import OrgSpans


_NOMINATIVE_AFTER = {"der", "die", "das", "den", "dem", "des", "einer", "einem", "eines", "the"}
# German compound heads that make an organisation on their own (das Energieministerium); others
# need an attribute (die Karibische Entwicklungsbank, die sächsische Staatskanzlei)
_SELF_NAMING_HEADS = ("ministerium", "bundesamt", "landesamt", "netzagentur")
_SELF_NAMING_PREFIXES = ("bundes", "landes")


class GermanNames(OrgSpans):
    """The German compound rule of ``find_orgs`` (``_compound_org``), and the German name forms it and
    ``find_orgs`` use.

    The rule looks at one sentence (``sent``) with what ``find_orgs`` gives it: ``title`` (may token k
    be a word of a name), ``add`` (record a name found, unless its tokens are taken) and the tokens
    taken by organisations and persons found before.
    """

    def _strong_adjective(self, adj: str, head: int, before: str) -> str:
        """A German adjective in -en (or -e after der/das) before the head noun at ``head``, in the
        nominative of a name without an article: -es before a neuter head, -er before a masculine one
        when the article before it was masculine or neuter (des/dem/im Kappaischen Institut, das
        Kappaische Institut -> Kappaisches Institut; des Kappaischen Rates -> Kappaischer Rat), else
        -e (der Kappaischen Bank -> Kappaische Bank)."""
        if before in self.masc_neut_articles or before in ("der", "das") and adj.endswith("e"):
            t = self.tokens[head]
            word = fold(t.lemma or t.text)
            ending = max((w for w in self._gender_endings if word.endswith(w)), key=len, default=None)
            if ending is not None:
                stem = adj[:-2] if adj.endswith("en") else adj[:-1]
                return stem + ("es" if self._gender_endings[ending] == "n" else "er")
        return adj[:-1] if adj.endswith("en") else adj

    def _nominative(self, s: int, e: int, name: str) -> str:
        """A German name after "des"/"eines" in the nominative: the genitive ending of its first noun
        goes ("des Bundesverbands Erneuerbare Energie" -> "Bundesverband Erneuerbare Energie")."""
        toks = self.tokens
        for k in range(s, e):
            t = toks[k]
            if t.pos == "NOUN" and t.lemma and t.fold in (t.lemma + "s", t.lemma + "es") and t.text.endswith(("s", "es")):
                cut = len(t.fold) - len(t.lemma)
                out = ""
                for x in range(s, e):
                    out += t.text[:-cut] if x == k else toks[x].text
                    if x + 1 < e and toks[x].ws:
                        out += " "
                return out.strip()
            if t.pos == "NOUN":
                break
        return name

    def nominative_name(self, s: int, e: int, name: str) -> str:
        """The German name at s..e, written ``name``, as it is given without its article: a genitive
        after "des" loses its ending (_nominative), an adjective that opens it after an article takes
        the strong ending (_strong_adjective): "der Deutschen Umwelthilfe" and "die Deutsche
        Umwelthilfe" are one organisation, Deutsche Umwelthilfe; a place's body in the dative plural
        loses its -n ("den Berliner Wasserbetrieben" -> Berliner Wasserbetriebe)."""
        toks = self.tokens
        if self.lang != "de" or s == 0:
            return name
        before = toks[s - 1].fold
        if before in ("des", "eines"):
            name = self._nominative(s, e, name)   # des Bundesverbands Erneuerbare Energie -> Bundesverband …
        if e == s + 2 and toks[s].pos == "ADJ" and toks[s].text.endswith("er") and self._place_body_ending(s + 1) == "n":
            return name[:-1]    # "den Leipziger Verkehrsbetrieben" -> Leipziger Verkehrsbetriebe
        if e == s + 1 or toks[s].pos != "ADJ" or not toks[s].is_title or toks[s + 1].pos not in ("NOUN", "PROPN") \
                or not (self.ent_at.get(s) is None or self.ent_at[s].form == "adj"):
            return name
        if (before in ("der", "einer") or before in self.masc_neut_articles) and toks[s].text.endswith("en") \
                or before in ("der", "das") and toks[s].text.endswith("e"):
            # der Deutschen Umwelthilfe -> Deutsche …, des Kappaischen Instituts -> Kappaisches Institut,
            # der Kappaische Rat -> Kappaischer Rat
            name = self._strong_adjective(toks[s].text, s + 1, before) + name[len(toks[s].text):]
        return name

    def _adjective_names(self, sent, add, taken: set[int], person_tokens: set[int]) -> None:
        """German names that a capitalised adjective opens inside a sentence, anywhere ("die
        Deutsche Umwelthilfe teilte mit"): German writes an adjective small unless it begins a name
        (adjective_name_end). Only after a definite article ("ein Frankfurter Händler", "vor Kurzem"
        name nothing), and not a country's adjective (its names are known: "die Europäische Union";
        "die Deutsche Bundesregierung" is the government)."""
        toks = self.tokens
        definite = (self.gaz.words("GermanArticle") | self.masc_neut_articles | {"zur"}) - self.indefinite
        for s in range(sent.start + 1, sent.end - 1):
            if toks[s].pos != "ADJ" or not toks[s].is_title or s in taken or s in person_tokens or self.ent_at.get(s) is not None \
                    or toks[s - 1].fold not in definite:
                continue    # (the cheap test first)
            e = self.adjective_name_end(s, sent.end)
            if e is None or any(k in taken or k in person_tokens for k in range(s, e)) \
                    or any((toks[e - 1].lemma or toks[e - 1].fold).endswith(w) for w in self.event_bodies):
                continue    # "des Pentalateralen Energieforums": a forum is an event or its members' meeting
            add(s, e, "adjective")

    def _lower_adj_then_title(self, k: int, lim: int, title) -> bool:
        """Lowercase adjectives and then a capitalised word: "für ländliche Entwicklung"."""
        while k < lim and self.tokens[k].pos == "ADJ" and self.tokens[k].text[:1].islower():
            k += 1
        return k < lim and title(k) and k > 0 and self.tokens[k - 1].pos == "ADJ"

    def _fuer_end(self, k: int, lim: int, title) -> int:
        """The end of "für Umwelt und Naturschutz" / "für ländliche Entwicklung und Ernährung" from k (für)."""
        toks = self.tokens
        e = k + 1
        while e < lim and toks[e].pos == "ADJ" and (toks[e].text[:1].islower() or e == k + 1):
            e += 1      # "für ländliche Entwicklung", "für Solare Energiesysteme"
        if not (e < lim and toks[e].is_title and toks[e].pos in ("NOUN", "PROPN", "X")):
            return k
        e += 1
        while e + 1 < lim and toks[e].fold in ("und", "and", ",", "sowie"):
            n = e + 1
            while n < lim and toks[n].pos == "ADJ" and toks[n].text[:1].islower():
                n += 1
            if n < lim and (toks[n].text.isupper() or self.ent_at.get(n) is not None):
                break   # "Institut für Katalyse und KENTECH": another name, not more of this one
            if n < lim and toks[n].is_title and toks[n].pos in ("NOUN", "PROPN", "X") and not self.has_cat(n, "SigningVerb", "RoleTitle"):
                e = n + 1
            else:
                break
        return e

    def _compound_org(self, sent, i: int, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A German compound with an organisation head: a ministry or a Bundes-/Landes- authority on
        its own (Elektrizitätsministerium, Bundesnetzagentur), any other head with the adjective
        that names it (die Islamische Entwicklungsbank, der Nationale Wasserstoffrat, die
        sächsische Staatskanzlei, ein katarischer Entwicklungsfonds), in the nominative."""
        toks = self.tokens
        lim = sent.end
        tok = toks[i]
        if i in person_tokens or i in self.excluded:
            return
        known = self.ent_at.get(i)
        if known is not None and known.kind == "org" and known.end > i + 1:
            return   # a longer known name starts here: "Organisation des Vertrags über kollektive Sicherheit"
        if i in self._org_first_part and self._company_head_compound(i):
            return   # "der deutschen Kappa-Gesellschaft": the known Kappa's company, named below as Kappa
        if i > sent.start and (toks[i - 1].is_title and toks[i - 1].pos in ("PROPN", "X") and i - 1 not in person_tokens
                               or known is not None and known.kind == "org" and known.start < i) \
                and not any(lang == "de" for _, lang in self.gaz.lex_phrases.get((tok.fold,), [])):
            return   # "Fortescue Metals Group": an English head word closes the name before it, no compound;
            # so does a known English name that ends in it ("der Japan International Cooperation Agency",
            # whose tagger may read "Cooperation" as a German noun)
        f = tok.fold
        lem = tok.lemma or f
        suffix = ""
        if lem != f:
            if f in (lem + "s", lem + "es"):
                suffix = f[len(lem):]                 # genitive: des Bergbauministeriums
            else:
                return                                # a plural: die Forschungsinstitute, Kraftwerke
        e = i + 1
        if e + 1 < lim and toks[e].fold in ("fur", "für", "for", "of"):
            e = max(e, self._fuer_end(e, lim, title))
            if e == i + 1 and lem.endswith(_SELF_NAMING_HEADS) and len(lem) > len("ministerium"):
                return          # "Bundesministerium für ..." whose end cannot be told
        field_end = e       # "die Kappa Stiftung für Saubere Energie": the field after "für" keeps the name before
        if e == i + 1 and e + 2 < lim and toks[e].fold in ("der", "des"):
            g = e + 1
            while g < lim and g - e < 3 and toks[g].pos == "ADJ":
                g += 1
            if g + 2 < lim and toks[g].text.endswith("-") and toks[g + 1].fold in ("und", "sowie", "oder"):
                g += 2          # "der Energie- und Wasserwirtschaft"
            if g + 1 < lim and toks[g].is_title and toks[g].pos in ("NOUN", "PROPN") and toks[g + 1].text == "(" \
                    and self.ent_at.get(g) is None:
                e = g + 1       # a genitive before the short name: "Verband der Übertragungsnetzbetreiber (ENTSO-E)"
        if (tok.fold,) in self.m.not_a_name and e == i + 1:
            return              # "das Ministerium" alone; "das Ministerium für Energie" is a name
        compound = mt_compound(self.lex_at.get(i))
        if e == i + 1 and e < lim and toks[e].is_title and not self.has_cat(e, "RoleTitle", "SigningVerb", "ReportingVerb") \
                and toks[e].pos in ("PROPN", "NOUN", "X"):
            if not self.has_cat(i, "CompanyWord") and not lem.endswith("ministerium") and self._field_name(e):
                e += 1          # "der Bundesverband Windenergie", "die Stiftung Offshore-Windenergie"
            elif self.has_cat(i, "CompanyWord") or self.word_class(e) == "noun":
                if compound and self.word_class(e) == "noun" and not self.has_cat(i, "CompanyWord") \
                        and self._closed_noun_name(e, lim):
                    add(e, e + 1, "compound-name")  # "die staatliche Förderbank Sensation übernimmt …"
                return          # a name follows a company word: "die Gesellschaft Nordwind Energia", "Staatsholding Kappa"
            elif self.ent_at.get(e) is not None and self.ent_at[e].kind == "org" and self.ent_at[e].start == e:
                known_next = self.ent_at[e]   # "die Initiative H2Global": the known name is the organisation
                add(e, known_next.end, "compound-name", known_next.iri)
                return
            else:
                # the name belongs to the compound: "die Energieagentur NRW", "das Wirtschaftsministerium Baden-Württemberg"
                while e < lim and e - i < 4 and toks[e].is_title and toks[e].pos in ("PROPN", "X", "NOUN") \
                        and self.word_class(e) != "noun" and e not in person_tokens \
                        and not (self.ent_at.get(e) is not None and self.ent_at[e].kind == "country"
                                 and not (e == i + 1 and self._country_nominative(e, lim) and not lem.endswith("ministerium"))):
                    e += 1      # a country's name in the nominative belongs to it: "die Wirtschaftskammer Österreich"
                if compound and e > i + 1 and not self._named_hyphen_compound(i) and not any(
                        self.ent_at.get(x) is not None and self.ent_at[x].kind in ("region", "place", "country")
                        for x in range(i + 1, e)) and not (
                            not (i > sent.start and toks[i - 1].pos == "ADJ")
                            and all(self._place_like(x) for x in range(i + 1, e))):
                    # "die chilenische Wirtschaftsförderungsagentur Corfo", "der Staatsfonds Kappa": the
                    # compound says what the name is; a place's name right after it belongs to the name
                    # ("die Energieagentur Kappland", "die Förderbank Kappenau", the known ones too: below)
                    add(i + 1, e, "compound-name")
                    return
        if e == i + 2 and toks[i + 1].text.isupper() and len(toks[i + 1].text) >= 2 and self.ent_at.get(i + 1) is None:
            # "die koreanische Energieuniversität KENTECH": the acronym is the name, the compound says what it is
            add(i + 1, e, "compound-name")
            return
        b = i
        # a compound named by its first part ("das Kappauer Muster-Zentrum") takes no adjective before it:
        # the adjective says where it is, the name is the compound
        while b - 1 >= sent.start and b - 1 not in taken and b - 1 not in person_tokens and i - b < 3 \
                and toks[b - 1].pos == "ADJ" and (toks[b - 1].is_title or self._nationality(b - 1, regions=True)) \
                and not (e > i + 1 and not toks[b - 1].is_title) and not self._named_hyphen_compound(i):
            b -= 1
        if b < i and b > sent.start and toks[b - 1].fold in self.indefinite and known is None and e == i + 1 \
                and not self._named_hyphen_compound(i) \
                and all(toks[x].is_title and not self._nationality(x, regions=True) for x in range(b, i)):
            return      # "eine Kappauer Bank", "einem Berliner Institut": a city's description, no name (but
            # "ein katarischer Entwicklungsfonds" names the fund by its country)
        named = False
        if b == i and e == field_end and (f,) in self.m.org_heads_en and f not in self.event_bodies \
                and lem not in self.event_bodies:
            # a name before the head word itself, written apart: "die Kappa Bank", "der Zentrox Fonds", "die
            # Kappa Stiftung" (a name that reads as one, after an article, a preposition or the sentence
            # start; not before a compound, "das Rigaer Ozols-Zentrum", nor a place before a forum, an event;
            # with its field after "für" too: "die Kappa Stiftung für Saubere Energie")
            n = i
            while n - 1 >= sent.start and i - n < 2 and n - 1 not in taken and n - 1 not in person_tokens \
                    and (self.namelike(n - 1) or self._digit_name(n - 1)):
                n -= 1      # (also a name of letters and digits: "die H2Kappa Stiftung")
            if n < i and (n == sent.start or not title(n - 1)):
                b, named = n, True
        capitalised = any(toks[x].is_title for x in range(b, i))
        known = self.ent_at.get(i)
        head = next((h for h in _SELF_NAMING_HEADS if lem.endswith(h)), None)
        self_naming = named or (head is not None and len(lem) > len(head) + 2) \
            or (lem.startswith(_SELF_NAMING_PREFIXES) and compound) or e > i + 1 \
            or (known is not None and known.kind == "org") or self._named_hyphen_compound(i)
        if lem.endswith("ministerium") and not capitalised:
            b = i                                     # das (marokkanische) Außenministerium
        if b == i and not self_naming:
            return                                    # die Entwicklungsbank: a reference, not a name
        if e == i + 1 and self._adjective_and_group_noun(b, e):
            return                                    # der Münchner Konzern: it refers back to a company
        if e == i + 1 and not self_naming and e + 1 < lim and toks[e].fold in ("der", "des") \
                and self.ent_at.get(e + 1) is not None and self.ent_at[e + 1].kind == "org":
            return                                    # der Ständige Rat der OECD: an organ of the organisation named
        if self._agreement_title(b, e) or e > i + 1 and self.has_cat(i + 1, "AgreementWord") and toks[i + 1].is_title \
                and self.lex_at[i + 1].start == i + 1:
            return                                    # das Association Agreement: an agreement's title
        if b == i and self._described_head(i):
            return                                    # in seinem Kompetenzzentrum für Batteriezellen: a description
        mt = add(b, e, "compound")
        if mt is None:
            return
        words = []
        before = toks[b - 1].fold if b > sent.start else ""
        for x in range(b, e):
            w = toks[x].text
            if x < i and named:
                pass                                  # a name keeps its spelling
            elif x < i and self.lang == "de" and (before in _NOMINATIVE_AFTER or before in self.masc_neut_articles) \
                    and (w.endswith("en") or before in ("der", "das") and w.endswith("e")):
                w = self._strong_adjective(w, i, before)   # der Karibischen Entwicklungsbank -> Karibische
            elif x < i and before in _NOMINATIVE_AFTER and w.endswith("en"):
                w = w[:-1]
            if x == i and suffix and fold(w).endswith(suffix):
                w = w[:-len(suffix)]
            words.append(w)
        mt.text = "".join(w + (" " if toks[b + n].ws and n + 1 < len(words) else "") for n, w in enumerate(words))

    def _place_org_names(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A German compound of a service or of works (lex:PlaceOrgHead: Energieversorgung, Stadtwerke,
        Verkehrsbetriebe) with a place or a proper noun right after it names the body that runs it: "die
        Energieversorgung Filstal", "mit den Stadtwerken Kappenau" (given in the nominative: Stadtwerke
        Kappenau). Alone, after an adjective only, or with a genitive after it ("die Energieversorgung
        Deutschlands") it is a common noun; nor does a common noun, a day or a role after it name one."""
        if self.lang != "de":
            return
        toks = self.tokens
        lim = sent.end
        for i in range(sent.start, lim - 1):
            t = toks[i]
            if not t.is_title or t.pos != "NOUN" or i in taken or i in person_tokens or i in self.excluded:
                continue    # (the cheap tests first)
            if self.has_cat(i, "ProjectWord", "AgreementWord", "GroupNoun"):
                continue    # "die Kraftwerke Neurath und Niederaußem": plants, no body
            ending = self._place_org_ending(t.fold)
            if ending is None:
                continue
            e = i + 1
            while e < lim and e - i <= 2:
                n = self._place_name_end(e, lim, title, taken, person_tokens)
                if n is None:
                    break
                e = n
            if e == i + 1:
                continue
            mt = add(i, e, "place-head")
            if mt is not None and ending:
                mt.text = t.text[:-len(ending)] + mt.text[len(t.text):]    # den Stadtwerken -> Stadtwerke

    def _name_before_compound(self, sent, title, add, taken: set[int], person_tokens: set[int]) -> None:
        """A German compound with an organisation head written apart after a proper noun names the
        organisation with it: "die Windpark Kappa Betriebsgesellschaft", "die Zentrox Netzgesellschaft"
        (one name word right before the compound, up to two capitalised words before that; the run
        opened by an article, a preposition or the sentence). Not a company word ("die Kappa
        Tochtergesellschaft" is whose subsidiary: see the company-word rules) and not after a known name."""
        if self.lang != "de":
            return
        toks = self.tokens
        for i in range(sent.start + 1, sent.end):
            mt = self.lex_at.get(i)
            if mt is None or not mt_compound(mt) or "OrgHead" not in mt.cats or mt.start != i or mt.end != i + 1 \
                    or "CompanyWord" in mt.cats or i in taken or i in person_tokens or i in self.excluded:
                continue
            if toks[i].lemma and toks[i].fold != toks[i].lemma:
                continue    # a plural or a genitive: "die Kappa Forschungsinstitute" (not told apart here)
            n = i - 1
            if n in taken or n in person_tokens or toks[n].pos == "ADJ" or not self.namelike(n) \
                    or self._named_hyphen_compound(i):
                continue    # "das Rigaer Ozols-Zentrum": a place's adjective before a compound named by its first part
            b = n
            while b - 1 >= sent.start and n - b < 2 and b - 1 not in taken and b - 1 not in person_tokens \
                    and title(b - 1) and self.ent_at.get(b - 1) is None \
                    and not self.has_cat(b - 1, "RoleTitle", "SigningVerb", "AgreementWord", "CompanyWord"):
                b -= 1      # "die Windpark Kappa Betriebsgesellschaft"
            if b > sent.start and title(b - 1):
                continue    # a longer run of capitalised words: not told where the name begins
            add(b, i + 1, "name-compound")

    def _place_org_ending(self, word: str) -> str | None:
        """The case ending of a folded word that ends in a lex:PlaceOrgHead ("" for the head as listed,
        "n" for the dative plural of a plural head: Stadtwerken), or None for another word."""
        for head in self.place_org_heads:
            if word.endswith(head):
                return ""
            if head.endswith("e") and word.endswith(head + "n"):
                return "n"
        return None

    def _place_name_end(self, k: int, lim: int, title, taken: set[int], person_tokens: set[int]) -> int | None:
        """The end of a place or proper noun at token k in the nominative, as it may follow an
        organisation's head word (a known city or region, not a country or a continent, whose supply
        it would be; a word formed like a place name;
        a word the tagger knows as a name or not at all), or None: not a genitive ("Deutschlands",
        "Kappstadts"), a common noun, a lexicon word of agreements, roles and verbs, or a day."""
        toks = self.tokens
        if not title(k) or k in taken or k in person_tokens \
                or self.has_cat(k, "RoleTitle", "SigningVerb", "ReportingVerb", "AgreementWord", "CompanyWord",
                                "OrgHead", "ProjectWord"):
            return None
        f = toks[k].fold
        ent = self.ent_at.get(k)
        if ent is not None:
            if ent.start != k or ent.kind not in ("place", "region") or ent.form != "name" \
                    or ent.end == k + 1 and f.endswith("s") and (f[:-1],) in self.gaz.phrases:
                return None     # "die Energieversorgung Deutschlands": whose supply
            if ent.kind == "place" and self._home_name(k):
                return None     # "die Energieversorgung Europa": a continent's supply, no body
            return ent.end
        if toks[k].pos not in ("PROPN", "NOUN", "X") or self.lex_at.get(k) is not None:
            return None
        if f.endswith("s") and any(f[:-1].endswith(x) and len(f) > len(x) + 3 for x in self.place_endings):
            return None         # "Kappstadts": a genitive
        if self._place_like(k) or self.word_class(k) in ("name", "unknown"):
            return k + 1
        return None

    def _field_name(self, k: int) -> bool:
        """Token k names the field of an association or foundation after its head word: an energy
        topic ("Bundesverband Windenergie", "Stiftung Offshore-Windenergie")."""
        return self.tokens[k].pos == "NOUN" and self._topic_word(self.tokens[k].text) \
            and not (k + 1 < len(self.tokens) and self.tokens[k + 1].is_title and self.tokens[k + 1].pos in ("NOUN", "PROPN"))

    def _named_hyphen_compound(self, k: int) -> bool:
        """Token k is a name joined to an organisation head by a hyphen: "Fraunhofer-Institut",
        "Wuppertal-Institut" (the first part a name, not a common noun or a country)."""
        text = self.tokens[k].text
        if "-" not in text or not mt_compound(self.lex_at.get(k)):
            return False
        first = text.split("-")[0]
        return len(first) >= 3 and first[:1].isupper() and not first.isupper() \
            and not any(m.start == k and m.data.get("part") is not None for m in self.mentions) \
            and word_class(self.lang if self.lang in ("de", "en") else "de", first) in ("name", "unknown")
