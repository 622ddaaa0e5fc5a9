"""Actor mentions (countries, regions, organizations) and what each one does in its sentence.

Every name of a country, region or organization becomes an :class:`ActorMention` with a
*function* read from the syntax layer (:mod:`kg.extract.syntax`):

``core``     subject or object of its clause ("Irland und Portugal haben … geschlossen")
``with``     partner in a with-phrase ("mit Chile", "together with Japan")
``between``  in a between-phrase ("zwischen Polen und Litauen")
``for``      the side someone acts for ("für Norwegen", "on behalf of the EU")
``by``       agent of a passive ("von Kappa Power unterzeichnet", "signed by Japan")
``agr``      modifies an agreement word ("deutsch-chilenische Partnerschaft", "Canada-Japan Trade Agreement")
``affil``    names whom a person works for ("Canada's Ambassador", "Energieminister Perus")
``orgmod``   describes an organization ("the Kazakh utility X", "EU-Konkurrent Kappa Power")
``loc``      a place ("in Berlin", "gas from Russia")
``mod``      modifies some other noun ("katarischem Gas", "Hafen von Nordhavn")
``pp``       in another prepositional phrase

An actor attached to a government word ("the Tasmanian government", "die Regierung
Kanadas", "auf ägyptischer Seite") stands for the whole phrase and takes its function. A capital
is its state when it acts ("Berlin und Ottawa wollen …") and a place after a preposition.
Group nouns ("die beiden Länder", "the two sides") become placeholders that the frame stage
resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.mentions import ACTOR_KINDS, Mention
from kg.extract.syntax import Role
from kg.extract.tokens import fold

WITH = {fold(w) for w in ("mit", "with", "together with", "along with", "gemeinsam mit", "zusammen mit", "alongside",
                          "neben", "besides", "in addition to", "zusätzlich zu", "ebenso wie")}
BETWEEN = {fold(w) for w in ("zwischen", "between", "among", "amongst")}
FOR = {fold(w) for w in ("für", "for", "on behalf of", "on the side of", "im namen", "im namen von", "seitens")}
BY = {fold(w) for w in ("von", "by", "durch")}
AS_WORDS = {"as", "als"}   # before a role: "as its partner", "als Partner", "als Minister"
LOC = {fold(w) for w in ("in", "im", "at", "aus", "from", "nach", "to", "into", "via", "über", "durch", "through",
                         "across", "off", "near", "bei", "beim", "within", "innerhalb", "outside", "außerhalb",
                         "towards", "richtung", "ins", "zum", "zur", "an", "am", "auf", "onto", "around", "um",
                         "vor", "hinter", "unter", "under")}


@dataclass
class ActorMention:
    start: int
    end: int
    iri: str | None                  # None for a group placeholder
    kind: str                        # country, region, org, group
    form: str                        # name, adj, capital, acronym, genitive, part, group
    sent: int
    function: str = "core"
    prep: str | None = None
    head: int | None = None          # the noun this actor modifies or depends on
    number: int = 0                  # size of a group placeholder
    refers_to: str = "actor"         # for a group placeholder: actor or person
    group_kind: str | None = None    # country, region or org when the group noun says so
    text: str = ""


# the kinds of actor a group noun refers to, by the lexicon list of the ends of such nouns
_GROUP_KINDS = {"country": "CountryGroupNoun", "region": "RegionGroupNoun", "org": "OrgGroupNoun"}


def _citizen(an, m: Mention, described: dict[str, int]) -> bool:
    """A nationality noun that names citizens or a company, not the country: a singular one
    ("der Bulgare", "the Frenchman"), one of both numbers after a singular article ("der Norweger",
    lex:SingularArticle), any right before a person's name ("die Norweger Jan Muster und Karl
    Probe"), and a plural after an organization or adjective of its country ("Kappa Oil … die Norweger":
    news call a company by its nationality). ``described``: the first such mention per country."""
    if m.form == "natsg":
        return True
    if m.form != "nat":
        return False
    if m.start > 0 and an.tokens[m.start - 1].fold in an.gaz.words("SingularArticle"):
        return True
    pm = an.person_at.get(m.end)
    return pm is not None and pm.start == m.end or described.get(m.iri, len(an.tokens)) < m.start


def _company_by_nationality(an, m: Mention, described: dict[str, int]) -> bool:
    """A plural nationality noun after a definite determiner, with an organisation or adjective of
    its country told before ("Kappa und die Norweger vereinbarten", "mit den Japanern
    unterzeichnet", "with the Norwegians"): news call a company by its nationality, so it may
    name that company (see _nationality_companies). Not "die beiden Japaner" (a number: two),
    nor one before a person's name or after a singular article (a citizen, _citizen)."""
    if m.form != "nat" or m.start == 0 or described.get(m.iri, len(an.tokens)) >= m.start:
        return False
    det = an.tokens[m.start - 1].fold
    if det not in an.gaz.words("DefiniteDeterminer") or det in an.gaz.words("SingularArticle"):
        return False
    pm = an.person_at.get(m.end)
    return not (pm is not None and pm.start == m.end)


def _bare_nationals(an) -> list[Mention]:
    """German nationality nouns in -er written alike in both numbers ("Japaner", "Norweger";
    lex:nationalityNounBare, no mention of their own) after the article "die": there they are
    plural ("die Japaner unterzeichneten"), and like the other plurals (_company_by_nationality)
    may name a company of that country told before. Not right before a person's name."""
    bare = an.gaz.bare_nationality
    if an.lang != "de" or not bare:
        return []
    toks, out = an.tokens, []
    for k in range(1, len(toks)):
        iri = bare.get(toks[k].fold)
        if iri is None or toks[k - 1].fold != "die" or not toks[k].text[:1].isupper() \
                or an.entity_at(k) is not None or k in an.structure.skip:
            continue
        pm = an.person_at.get(k + 1)
        if pm is not None and pm.start == k + 1:
            continue
        if _described_countries(an).get(iri, len(toks)) < k:   # (once per document)
            out.append(Mention(k, k + 1, "country", iri, "nat", toks[k].text))
    return out


def _nationality_companies(an, nationals: list[Mention], homes: dict[str, set[str]]) -> list[ActorMention]:
    """Each company-like nationality plural (_company_by_nationality) as the organisation of that
    country the text named last before it (by the gazetteer's home or the home the text states:
    ``homes``, see _stated_homes), in the function the noun has in its clause; none when no such
    organisation was named (then it names citizens, as before)."""
    out = []
    for m in nationals:
        fits = [o for o in an.org_mentions if o.end <= m.start and o.iri
                and (an.home_of(o.iri) == m.iri or m.iri in homes.get(o.iri, ()))]
        if not fits:
            continue
        a = ActorMention(m.start, m.end, fits[-1].iri, "org", "name", an.sent_of[m.start], text=m.text)
        _function(an, a, m)
        out.append(a)
    return out


def _described_countries(an) -> dict[str, int]:
    """The first organization of each country, or adjective of it, in the text (token index).
    Worked out once per document (find_actors asks for its nationality nouns, _bare_nationals
    again for the bare ones; the mentions it reads are fixed by then)."""
    cached = an.__dict__.get("_described_countries")
    if cached is not None:
        return cached
    first: dict[str, int] = {}
    for m in an.org_mentions:
        home = an.home_of(m.iri) if m.iri else None
        if home is not None and m.start < first.get(home, len(an.tokens)):
            first[home] = m.start
    for m in an.mentions:
        if m.form == "adj" and m.kind == "country" and m.start < first.get(m.iri, len(an.tokens)):
            first[m.iri] = m.start
    an.__dict__["_described_countries"] = first
    return first


def find_actors(an) -> list[ActorMention]:
    """The actor mentions of an analysed document, in text order."""
    toks = an.tokens
    syn = an.syntax
    out: list[ActorMention] = []
    org_spans = [(m.start, m.end) for m in an.org_mentions if m.data.get("how") not in ("gazetteer", "acronym-use")]
    cands: list[Mention] = [m for m in an.mentions if m.kind in ACTOR_KINDS + ("place",)]
    cands += [m for m in an.org_mentions if m.data.get("how") != "gazetteer"]
    ends = {(m.end, m.iri) for m in cands}
    org_ends = {m.end for m in an.org_mentions}
    # the acronym a "Full Name (ACRONYM)" organization was found with starts after its bracket
    acronym_starts = {m.end + 1 for m in an.org_mentions if m.data.get("acronym")}
    described = _described_countries(an) if any(m.form == "nat" for m in cands) else {}
    nationals: list[Mention] = []
    for m in cands:
        if m.start in an.structure.skip:
            continue   # dateline, byline
        if m.start >= 2 and toks[m.start - 1].text == "(" and ((m.start - 1, m.iri) in ends or m.start in acronym_starts
                                                            or m.kind == "org" and (m.start - 1) in org_ends):
            continue   # "Zeta Energy Forum (ZEF)": the acronym is the same actor, even if it links elsewhere
        whole_org = m in an.org_mentions
        if not whole_org and any(s <= m.start < e for s, e in org_spans):
            continue   # a name inside an organization's name
        if whole_org and any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in org_spans):
            continue
        if m.start in an.person_at and m.kind != "org":
            continue
        if m.form in ("nat", "natsg") and _citizen(an, m, described):
            if _company_by_nationality(an, m, described):
                nationals.append(m)   # "Kappa und die Norweger": resolved below, once the homes are known
            continue   # "der Bulgare Jan Muster", "a Swede": a citizen, no country (the name's country: roles)
        ent = an.gaz.entities.get(m.iri)
        kind, iri, form = m.kind, m.iri, m.form
        if m.data.get("part") is not None:
            form = "part"
        elif m.data.get("genitive"):
            form = "genitive"
        a = ActorMention(m.start, m.end, iri, kind, form, an.sent_of[m.start], text=m.text)
        _function(an, a, m)
        if a.form == "adj" and a.function != "for" and _on_side(an, a):
            a.function = "for"   # "on the Moroccan and Nigerian side": each adjective names a side
        if kind in ("country", "region") and a.function == "core" and _place_apposition(an, a.start):
            a.function = "loc"   # "in Geneva, Switzerland": where the place lies
        if kind in ("country", "region") and a.function == "core" \
                and (company := _company_description(an, a)) is not None:
            a.function, a.head = "orgmod", company   # "U.S. industrial gases company X"
        if kind == "country" and a.start >= 2 and [t.fold for t in an.tokens[a.start - 2:a.start]] == ["state", "of"]:
            region = _namesake_region(an, a)   # "the U.S. state of Georgia": the region, not the country
            if region is not None:
                a.iri, a.kind = region, "region"
        if kind == "country" and a.form in ("name", "acronym") and a.function == "core" and a.end < len(an.tokens) \
                and a.end in an.governments and _names_after(an, a.end):
            a.function, a.head = "mod", a.end   # "the U.S. state of California": where the region lies
        if kind == "country" and a.function == "core" and a.end < len(an.tokens) and a.end in an.governments \
                and a.start >= 3 and an.tokens[a.start - 1].fold in ("a", "an", "the", "ein", "eine", "einem", "der", "dem") \
                and an.tokens[a.start - 2].text == "," and _region_before(an, a.start - 2):
            a.function, a.head = "mod", a.end   # "California, a U.S. state, …": where the region lies
        if kind in ("country", "region") and a.function == "core" and a.start >= 2 \
                and an.tokens[a.start - 1].fold == "of" and (home := an.org_at(a.start - 2)) is not None:
            a.function, a.head = "orgmod", home.start   # "Kappa Corporation of Japan" (in German text too): its home
        if kind in ("country", "region") and a.function in ("core", "for") and (project := _project_name(an, a)) is not None:
            a.function, a.head = "mod", project   # "the Alaska LNG project", "das Vorhaben Texas LNG": a project's name
        if kind in ("country", "region") and a.function == "core" and (home := _bracketed_home(an, a)) is not None:
            a.function, a.head = "orgmod", home   # "Kappa Power (Chile)": where it is from
        if kind == "place":
            if not (ent and ent.capital_of) and a.form != "city" or a.function in ("loc", "mod", "pp", "affil", "orgmod") \
                    or a.function == "agr" and a.prep not in WITH | BETWEEN \
                    and not (a.end < len(an.tokens) and (an.tokens[a.end].text in ("'s", "’s")
                                                          or an.tokens[a.end].fold in ("with", "mit"))):
                continue   # a place acts only as a capital (for its state) or as "die Stadt X" (for itself);
                # "an agreement with Canberra" is its partner, "Washington's deal with Tokyo", "the
                # agreement of Moscow with the IAEA", "das Abkommen Moskaus mit der IAEO" its owner
            nxt = an.tokens[a.end] if a.end < len(an.tokens) else None
            if nxt is not None and nxt.is_title and "AgreementWord" in an.cats(a.end):
                continue   # "the Oslo Declaration", "das Pariser Abkommen": a name, not an actor
            namesake = _region_namesake(an, a, out)
            if namesake is not None:   # "die US-Bundesstaaten Oregon, Vermont und Washington": the state
                a.iri, a.kind, a.form = namesake, "region", "name"
            elif a.form != "city":   # a capital acts for its state, "die Stadt Nordhavn" for itself
                a.iri, a.kind = ent.capital_of, "country"
        out.append(a)
    _propagate_chains(an, out)
    _apposed_names(an, out)
    _kin_descriptors(an, out)
    _unnamed_subsidiaries(an, out)
    homes = _stated_homes(an, out)
    for a in out:
        _company_reference(an, a, homes)
    nationals += _bare_nationals(an)
    out += _nationality_companies(an, nationals, homes)
    out += _government_references(an)
    out += _groups(an)
    out += _country_groups(an, out)
    out += _bare_numerals(an)
    out.sort(key=lambda a: (a.start, a.end))
    return out


def _apposed_names(an, actors: list[ActorMention]) -> None:
    """An organisation named in commas after a company phrase that holds its country ("signed a
    contract with Norway's biggest energy company, Equinor"): the phrase's country only says
    where the company is from (orgmod), so the name takes the phrase's function (with, between,
    by, for) when its own reads as a bare core after the verb."""
    by_start = {a.start: a for a in actors if a.kind == "org"}
    toks = an.tokens
    for x in actors:
        if x.function != "orgmod" or x.head is None or x.head <= x.end:
            continue
        y = by_start.get(x.head)
        if y is None or y.function != "core":
            continue
        c = x.head - 1
        while c > x.end and toks[c].text != ",":
            c -= 1
        if c <= x.end:
            continue
        phrase = ActorMention(x.start, c, None, "group", "group", x.sent)
        _apply_role(an, phrase, an.syntax.role(*_np_span(an, x.start, c)))
        if phrase.function in ("with", "between", "by", "for"):
            y.function, y.prep, y.head = phrase.function, phrase.prep, phrase.head


def _kin_descriptors(an, actors: list[ActorMention]) -> None:
    """A company named before a subsidiary or parent noun and another company's name ("Kappa
    owner Nordwind", "Kappa's subsidiary Nordwind", "die Kappa-Tochter Nordwind") describes the
    company named after it: that one takes the role of the whole phrase, the first one modifies it."""
    toks = an.tokens
    kin = an.gaz.words("SubsidiaryNoun") | an.gaz.words("ParentNoun")
    orgs = [a for a in actors if a.iri and a.kind == "org"]
    for x in orgs:
        k = x.start - 1
        if k < 1 or x.form == "part":
            continue
        word = toks[k].fold
        if "-" in word and word.rsplit("-", 1)[-1] in kin:
            owner = next((a for a in orgs if a.start == k and a is not x), None)   # "die Kappa-Tochter Nordwind"
        elif word in kin and toks[k].text[:1].islower():
            j = k - 1 if toks[k - 1].text in ("'s", "’s") else k   # "Kappa's subsidiary Nordwind", "Kappa owner Nordwind"
            owner = next((a for a in orgs if a.end == j and a is not x), None)
        else:
            continue
        if owner is None or owner.sent != x.sent:
            continue
        _apply_role(an, x, an.syntax.role(owner.start, x.end))
        owner.function, owner.head, owner.prep = "orgmod", x.start, None


def _unnamed_subsidiaries(an, actors: list[ActorMention]) -> None:
    """A company named as the owner of a subsidiary that has no name of its own ("die deutsche
    Tochter des schwedischen Konzerns Kappa", "the German unit of Swedish group Kappa") stands for
    that subsidiary: it takes the role of the subsidiary's phrase (the subsidiary acts for its
    group), and a country adjective on the subsidiary noun says only where it is (orgmod), not a
    side. Not a subsidiary named in an apposition ("X, eine Tochter der Y": X acts), by a name
    after the noun or by a copula ("X is a unit of Y"), nor a venture (a company of its own)."""
    toks = an.tokens
    kin = an.gaz.words("SubsidiaryNoun") - an.gaz.words("VentureNoun")   # (a venture is a company of its own)
    for x in actors:
        if not (x.kind == "org" and x.iri and x.function in ("orgmod", "mod") and x.head is not None and x.head < x.start):
            continue
        h = x.head
        if not (fold(toks[h].lemma or toks[h].text) in kin or toks[h].fold in kin) or an.org_at(h) is not None \
                or (h + 1 < len(toks) and an.org_at(h + 1) is not None):
            continue
        start = _np_span(an, h, h + 1)[0]
        if _apposition_of(an, start) is not None or start > 0 and toks[start - 1].pos in ("AUX", "VERB") \
                and an.syntax.role(start, h + 1).kind == "core":
            continue   # "X ist eine Tochter der Y", "X is a unit of Y": what X is, not who acts
        _apply_role(an, x, an.syntax.role(start, x.end))
        for y in actors:
            if y.kind == "country" and y.head == h and y.start < h:
                y.function = "orgmod"


def _propagate_chains(an, actors: list[ActorMention]) -> None:
    """Names in one coordination share the first one's modifier role: "die Energieminister
    Deutschlands, Frankreichs und der Schweiz" are all genitives of "Energieminister"."""
    by_start = {a.start: a for a in actors}
    for a in sorted(actors, key=lambda x: x.start):
        first = by_start.get(_chain_start(an, a))
        if first is None or first is a or first.function != "affil" or first.head is None \
                or "RoleTitle" not in an.cats(first.head):
            continue
        if a.function == "core" and a.sent == first.sent and a.form == first.form and a.form in ("genitive", "adj"):
            a.function, a.head, a.prep = first.function, first.head, first.prep


def _function(an, a: ActorMention, m: Mention) -> None:
    """Set the function of an actor from the words around it (see the module docstring)."""
    toks = an.tokens
    syn = an.syntax
    noun = None
    if a.start in an.role_tokens:
        a.function = "affil"   # "Chief Technical Officer der Nordhavn Port Authority"
        a.head = _role_head(an, a)
        return
    if a.end < len(toks) and "RoleTitle" in an.cats(a.end):
        after = an.lex_at[a.end].end
        if after in an.person_at:
            a.function, a.head = "affil", a.end   # "European Commission President Anna Beispiel"
            return
    if a.form == "part":
        # a part of a hyphenated compound: "EU-Konkurrent" modifies its own token, "deutsch-chilenische" the next noun
        own = toks[a.start]
        parts = [x for x in an.mentions if x.start == a.start and x.data.get("part") is not None]
        all_actors = len(parts) == m.data["parts"]
        if own.pos == "ADJ" or all_actors or (m.data["part"] < m.data["parts"] - 1 and own.text[:1].islower()):
            # "deutsch-chilenische Partnerschaft", "the Canada-Japan Trade Agreement"
            noun = syn.modified_noun(a.start, a.end, "adj")
            if noun is not None and a.kind != "org" and fold(own.text.rsplit("-", 1)[-1]) in an.gaz.words("DescriptorWord") \
                    and an.cats(noun) & {"CompanyWord", "OrgHead"}:
                # "the Hamburg-based utility": where it sits, not a side ("an ExxonMobil-led consortium": the company acts)
                a.function, a.head = "orgmod", noun
                return
        else:
            # "US-Präsident", "ZEPTA-Vertretung": the compound's own noun
            noun = a.start
    elif a.form == "adj":
        noun = syn.modified_noun(a.start, a.end, "adj")
        if noun is None:
            noun = _company_after_truncation(an, a.end)   # "der ungarische Öl- und Gaskonzern X"
        if noun is None and a.end < len(toks) and an.org_at(a.end) is not None:
            noun = a.end   # "die französische Électricité de Strasbourg": a name the tagger reads as no noun
        if noun is None and a.end + 1 < len(toks) and toks[a.end].fold in ("and", "und") \
                and (nxt := an.entity_at(a.end + 1)) is not None and nxt.form == "adj" and nxt.start == a.end + 1:
            noun = syn.modified_noun(nxt.start, nxt.end, "adj")   # "the Danish and Swedish companies": one noun
    elif a.form == "genitive" and an.lang == "de":
        noun = syn.modified_noun(a.start, a.end, "genitive")
        if noun is None:
            noun = syn.noun_after_genitive(a.start)
    else:
        noun = syn.modified_noun(a.start, a.end, a.form)
        if noun is None and a.end + 1 < len(toks) and toks[a.end].text in ("'s", "’s"):
            j = a.end + 1
            while j < len(toks) and toks[j].text in ("\"", "“", "„", "'", "‘"):
                j += 1
            if an.org_at(j) is not None:
                a.function, a.head = "orgmod", j   # Pakistan's "Interstate Gas Ltd": whose company
                return
        if noun is None and a.end < len(toks) and "CompanyWord" in an.cats(a.end) and an.org_at(a.end) is None:
            named = _named_examples(an, a.end + 1)
            if named is not None:
                a.function, a.head = "orgmod", named   # "U.S. companies such as Kappa Power": their home
                return
        if noun is None and a.kind in ("country", "region") and a.form in ("name", "acronym"):
            home = _home_of_named_company(an, a.end)
            if home is not None:
                a.function, a.head = "orgmod", home   # "with U.S. producer Kappa": where Kappa is from
                return
    # the genitive's article may stand before adjectives and a company noun ("einer Tochter der
    # deutschen Kappa AG", "mit Unterstützung der Entwicklungsagentur X")
    det = a.start - 1
    if an.lang == "de" and det > 1 and toks[det].pos == "NOUN" and an.cats(det) & {"CompanyWord", "OrgHead"} \
            and an.org_at(det) is None:
        det -= 1
    while an.lang == "de" and det > 0 and a.start - det <= 3 and toks[det].pos == "ADJ" and toks[det].text[:1].islower():
        det -= 1
    if noun is None and an.lang == "de" and det > 0 and toks[det].pos == "DET" \
            and toks[det].fold in ("des", "der") and det > 1 and toks[det - 1].pos == "NOUN" \
            and not _is_name_word(an, det - 1):
        noun = det - 1   # "der Bergbauminister des Landes", "(ZEPTA) der Europäischen Kommission"
    if noun is None and an.lang == "de" and a.start > 2 and toks[a.start - 1].fold in ("des", "der") \
            and toks[a.start - 2].text == ")":
        k = a.start - 3
        while k > 0 and toks[k].text != "(" and a.start - k < 8:
            k -= 1
        if k > 0 and toks[k].text == "(" and toks[k - 1].pos in ("NOUN", "PROPN"):
            noun = k - 1   # "der Agentur Kappa (AKA) der Europäischen Kommission": whose agency
    if noun is None and det > 2 and toks[det].fold in an.gaz.words("GenitiveLink") \
            and (toks[det - 1].text == "," or toks[det - 1].fold in an.gaz.words("ChainCoordinator")):
        # "mit Vertretern der Kappa AG und der Nordwind", "with representatives of Kappa and of Nordwind"
        noun = _genitive_list_person(an, det - 1)
    if noun is not None and noun != a.start and an.syntax.same_clause(noun, a.start) is False:
        noun = None
    if noun is not None:
        a.head = noun
        if a.start - 2 <= noun < a.start and noun >= 1 and toks[noun].fold == "namen" and toks[noun - 1].fold == "im":
            # "im Namen Japans", "im Namen der Kappa AG": the side someone acts for
            a.function, a.prep, a.head = "for", "im namen", None
            return
        if noun in an.governments and a.form == "adj" and _names_after(an, noun):
            a.function = "mod"   # "the Australian state of Victoria": where the named one lies, not who acts
            return
        named = _apposition_of(an, min(a.start, noun)) if noun not in an.governments and noun > a.start else None
        if noun not in an.governments and noun < a.start and named is None:
            named = _apposition_of(an, noun)   # "Kappa GmbH, einer Tochter der Nordwind AG", "X, a unit of Y": whose company
        if named is None and noun not in an.governments and "CompanyWord" in an.cats(noun):
            # "Kenya's state power producer, Kengo, …", "der Energiekonzern Kenias, Kengo, …": the name after
            named = _apposition_after(an, a.end if noun < a.start else an.lex_at[noun].end if noun in an.lex_at else noun + 1)
        body = (named is not None or noun not in an.governments) and _unnamed_body(an, noun, a.start)
        if named is not None and noun < a.start and a.kind == "org" and _kin_noun(an, noun):
            body = True   # "X, the retail arm of Y", "X, einer Sparte der Y": Y owns X, it does not act beside it
        if named is not None and body:
            a.function, a.head = "orgmod", named   # "Kappa Power, the Chilean utility, …", "X, Peru's state firm,": whose company
            return
        if noun in an.governments or body:
            # "the Tasmanian government", "Chile's energy ministry", "mit Indiens
            # staatlichen Firmen": the actor stands for the body the phrase names
            _apply_role(an, a, syn.role(*_np_span(an, min(a.start, noun), max(a.end, noun + 1))))
            if a.function == "core" or a.function in ("with", "between", "for", "by"):
                return
            a.function = _modifier_function(an, noun) if a.function in ("mod", "pp") else a.function
            return
        a.function = _modifier_function(an, noun)
        return
    first = _chain_start(an, a)
    classifier = _classifier(an, a, first)
    if classifier is not None:
        # "mit der Stadt Nordhavn", "die Provinzen Alba, Borea …": the name takes the
        # role of the noun that says what it is
        if an.tokens[classifier].lemma in ("stadt", "city", "hansestadt"):
            a.form = "city"
        _apply_role(an, a, _through_governments(an, syn.role(*_np_span(an, classifier, classifier + 1)), a.end))
        return
    poss = first - 1
    while poss > 1 and first - poss <= 2 and toks[poss].pos == "ADJ" and toks[poss].text[:1].islower():
        poss -= 1   # "with China's state-owned Kappa Power": the adjective between belongs to the phrase too
    if poss >= 1 and toks[poss].text in ("'s", "’s") and an.actor_start_by_end.get(poss) is not None:
        # "with Peru's Ministry of Mines": the with-phrase starts at Peru; so does the chain
        # of "with Saudi Arabia's Kappa Power and Nordwind"
        first = an.actor_start_by_end[poss]
    role = syn.role(a.start, a.end, first)
    head = an.entity_at(first) if first != a.start else None
    capital = _capital(an, m) or head is not None and _capital(an, head)   # "the government in Oslo and X"
    _apply_role(an, a, _through_governments(an, role, a.end, capital=capital))


def _capital(an, m: Mention) -> bool:
    """A gazetteer place that is a country's capital ("Lima", "Nairobi"): it stands for its state
    after a government noun (see :func:`_through_governments`)."""
    ent = an.gaz.entities.get(m.iri) if m.kind == "place" else None
    return ent is not None and bool(ent.capital_of)


def _through_governments(an, role: Role, end: int, capital: bool = False) -> Role:
    """"the government of Canada", "the government of the Indian state of Andhra Pradesh": a name
    in the of-phrase of a government noun takes the role of that noun's phrase; so does a capital
    in its in-phrase ("the government in Lima", "die Regierung in Nairobi": the capital's state)."""
    preps = ("of", "von", "in") if capital else ("of", "von")
    for _ in range(3):
        if not (role.kind == "pp" and role.head is not None and role.head in an.governments and role.prep in preps):
            break
        role = an.syntax.role(*_np_span(an, role.head, end))
    return role


def _government_in_capital(an, k: int, end: int) -> bool:
    """A government noun followed by "in" and a capital ("the government in Lima", "die Führung
    in Hanoi"): the capital stands for it (see _through_governments). Not a plural ("beide
    Regierungen in Nairobi", "the two governments in Lima": the place of a meeting of both)."""
    toks = an.tokens
    if end + 1 >= len(toks) or toks[end].fold != "in" or _plural(an, end - 1):
        return False
    ent = an.entity_at(end + 1)
    return ent is not None and _capital(an, ent)


def by_event(an, prep: int) -> bool:
    """"the visit to India by X", "bei einem Besuch von X": a by-phrase of a visit or meeting
    (within a few words before the preposition, in the same clause)."""
    toks = an.tokens
    k = prep - 1
    while k >= 0 and prep - k <= 6 and an.syntax.same_clause(k, prep):
        if "EventNoun" in an.cats(k):
            if meeting_by(an, k, prep):
                return False   # "signed at the annual meeting by X": a meeting is not "by" anyone
            return not _event_has_owner(an, k)
        if toks[k].pos in ("VERB", "AUX") or toks[k].text in (",", ";", ":"):
            return False
        k -= 1
    return False


def meeting_by(an, event: int, prep: int) -> bool:
    """An English "by" after a meeting noun that is no visit ("signed at the annual meeting by X"):
    a meeting is not "by" anyone, so the by-phrase names who signed, not who came."""
    return an.lang == "en" and an.tokens[prep].fold == "by" and not visit_word(an, event)


def visit_word(an, k: int) -> bool:
    """A noun or verb of a visit (the lexicon word list VisitWord; German compounds end in one:
    "Staatsbesuch", "Antrittsreise")."""
    t = an.tokens[k]
    if t.pos not in ("NOUN", "VERB") or not t.text[:1].isalpha():
        return False
    words = an.gaz.words("VisitWord")
    lemma = fold(t.lemma or t.text)
    if lemma in words or t.fold in words:
        return True
    return an.lang == "de" and t.pos == "NOUN" and any(lemma.endswith(w) and len(lemma) > len(w) + 2 for w in words)


def _event_has_owner(an, k: int) -> bool:
    """"President X's state visit", "during his visit": a visit whose visitor stands before it;
    a by-phrase after it ("… to Berlin by Minister Y") is then not who came."""
    toks = an.tokens
    j = k - 1
    while j > 0 and k - j <= 3 and toks[j].pos in ("NOUN", "ADJ", "NUM") and toks[j].text[:1].islower():
        j -= 1   # "X's three-day state visit"
    return j >= 0 and (toks[j].text in POSSESSIVE_MARKS or toks[j].tag in POSSESSIVE_TAGS)


# the verbs whose by-phrase may name who signed or concluded (or witnessed, or was represented)
AGENT_VERB_CATS = frozenset({"SigningVerb", "ConcludingVerb", "SigningEventVerb", "AgreeVerb", "LaunchVerb",
                             "RepresentationVerb", "WitnessCue", "SigningPresenceVerb", "SupportVerb"})
PARTICIPLE_TAGS = frozenset({"VVN", "VVD", "VV(PP)"})
# a possessive "'s" (or a plural's bare apostrophe) after a name or group noun
POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
# the tags of a possessive determiner ("his", "seinem"; English CLAWS, German STTS)
POSSESSIVE_TAGS = frozenset({"DPS", "PPOSAT"})
# how far before a by-phrase its participle may stand: the participle with an adverb phrase or a short
# object between ("run jointly by", "owned in equal parts by")
BY_PARTICIPLE_REACH = 5


def by_other_verb(an, prep: int) -> bool:
    """"the plant run jointly by A and B", "ein betrieben von A geführtes …": a by-phrase
    of a participle that is no signing, concluding or presence verb names the agent of that verb
    (owner, operator, financier), not who signed. The participle is the nearest verb before the
    preposition, within a few words of its clause and with no comma between."""
    toks = an.tokens
    if not (0 <= prep < len(toks)) or toks[prep].fold not in BY:
        return False
    k = prep - 1
    while k >= 0 and prep - k <= BY_PARTICIPLE_REACH and an.syntax.same_clause(k, prep):
        t = toks[k]
        if t.text in (",", ";", ":", "(", ")") or t.pos == "AUX":
            return False
        if t.pos == "VERB" or t.tag in PARTICIPLE_TAGS:
            return t.tag in PARTICIPLE_TAGS and not (an.cats(k) & AGENT_VERB_CATS)
        k -= 1
    return False


def _role_head(an, a: ActorMention) -> int | None:
    """The role noun a name in a role complement belongs to ("the ministers of Peru and Chile",
    "Energieminister Deutschlands"), when it is the noun right before the phrase."""
    syn = an.syntax
    first = _chain_start(an, a)
    if a.form in ("genitive", "adj"):
        noun = syn.modified_noun(a.start, a.end, a.form)
    else:
        role = syn.role(a.start, a.end, first)
        noun = role.head if role.kind == "pp" and role.prep in ("of", "von", "des", "der") else None
    toks = an.tokens
    if noun is None and an.lang == "de" and a.form != "adj" and first >= 2 and toks[first - 1].fold in ("des", "der") \
            and toks[first - 2].pos == "NOUN" and _plural(an, first - 2) \
            and not any(k in an.person_at or toks[k].text in ("(", ")") for k in range(first, a.start)):
        # "die Vorstandschefs der Kappa AG und der Nordwind AG", "die Ölminister des Irak und Jordaniens":
        # a name without genitive ending after the article, and the names coordinated with it, on a
        # plural title (a singular one is mostly the title of a name that follows)
        noun = first - 2
    return _title_start(an, noun) if noun is not None and "RoleTitle" in an.cats(noun) else None


def _title_start(an, noun: int) -> int:
    """The first word of a role title of several words whose last word is the noun before an
    of-phrase ("the heads of state of A and B"), or of a title with its portfolio ("the ministers
    of energy of A and B"): the title is the phrase's head, as "presidents" is in "the presidents
    of A and B"."""
    toks = an.tokens
    if "RoleTitle" not in an.cats(noun):
        if noun >= 2 and toks[noun].pos == "NOUN" and toks[noun - 1].fold in ("of", "for", "fur") \
                and "RoleTitle" in an.cats(noun - 2) and an.lex_at[noun - 2].end == noun - 1:
            return noun - 2   # "the ministers of energy of A and B": the portfolio is part of the title
        return noun
    for j in range(max(noun - 3, 0), noun):
        lexm = an.lex_at.get(j)
        if lexm is not None and lexm.end == noun + 1 and "RoleTitle" in lexm.cats:
            return j
    return noun


def _venue_name(an, k: int) -> bool:
    """The token k is the last of a place's name after "in"/"at" ("in Berlin", "at Lima"): where
    something happened, a name that takes no by-phrase of its own."""
    ent = an.entity_at(k)
    if ent is None or ent.end != k + 1 or ent.start == 0:
        return False
    if not (ent.kind == "place" or ent.form == "capital"):
        return False
    return an.tokens[ent.start - 1].fold in ("in", "im", "at")


def _apply_role(an, a: ActorMention, role: Role) -> None:
    a.prep = role.prep
    if role.kind == "core":
        a.function = "core"
        return
    prep = role.prep or ""
    head = role.head
    if head is not None and head in an.date_tokens:
        head = None   # "am Dienstag von Kenia unterzeichnet", "on Monday by X": a date takes no attribute
    if head is not None and prep in BY and _venue_name(an, head):
        head = None   # "in Berlin von Deutschland und Kanada unterzeichnet", "in Lima by X": nor does a venue
    if prep in ("auf", "on") and a.head is not None and an.tokens[a.head].lemma in ("seite", "side"):
        a.function = "for"   # "auf ägyptischer Seite", "on the Moroccan side"
        return
    if head is not None and prep in WITH and _manner_cooperation(an, head) \
            and (deal := an.syntax.noun_before(head - 1)) is not None and "AgreementWord" in an.cats(deal):
        head = deal   # "signed the agreement in partnership with X": X is a side of that agreement
    if head is not None and prep in WITH and (owned := _genitive_owner(an, role.start - 1)) is not None:
        head = owned   # "der Langfristvertrag Ungarns mit Gazprom", "the memorandum of X with Y": the agreement's
    if head is not None and prep not in BETWEEN and prep not in FOR:
        lex = an.lex_at.get(head)
        cats = lex.cats if lex else set()
        if "AgreementWord" in cats and prep in WITH | BY | {"of", "zwischen", "between"}:
            a.function, a.head = "agr", head
            return
        if "CooperationCue" in cats and prep in WITH:
            a.function, a.head = "with", head
            return
        if "OpponentWord" in cats and prep in WITH and not _settled(an, head):
            a.function, a.head = "pp", head   # "amid tensions with X", "im Streit mit X": an opponent, no partner
            return
        if prep == "von" and an.lang == "de" and an.org_at(head) is not None and head not in an.person_at \
                and not cats & {"CompanyWord", "OrgHead", "RoleTitle"}:
            a.function = "by"   # "kaufte CNPC von Eni einen Anteil": a German name takes no "von" attribute,
            return              # the phrase goes with the verb (a source or an agent)
        if prep == "at" and "AgreementWord" in cats and a.kind == "org" and _signing_clause(an, head):
            a.function, a.head = "loc", None   # "signed the contract at the Ministry of Energy": where, not whose
            return
        if prep in ("of", "von", "des", "der") and a.kind == "org" and _kin_noun(an, head) \
                and (named := _apposition_of(an, head)) is not None:
            a.function, a.head = "orgmod", named   # "X, the retail arm of Y", "X, a division of Y": Y owns X
            return
        if prep in ("of", "von", "des", "der") and a.kind == "org" and _kin_noun(an, head) \
                and (named := _apposition_after(an, a.end)) is not None:
            a.function, a.head = "orgmod", named   # "the subsidiary of Y, X Ltd, signed": Y owns X
            return
        if prep in ("of", "von", "des", "der", "bei", "at"):
            a.head = _title_start(an, head)
            a.function = _modifier_function(an, head)
            return
        title = _title_start(an, head) if prep in ("from", "aus") else head
        if prep in ("from", "aus") and ("RoleTitle" in an.cats(title) or _person_noun(an, title)):
            a.function, a.head = "affil", title   # "officials from India", "Vertreter aus Polen", "Minister für Energie aus Ghana"
            return
    if prep in WITH and role.start >= 2 and "OpponentWord" in an.cats(role.start - 2) and not _settled(an, role.start - 2):
        a.function = "pp"   # "competing with X", "konkurriert mit X": a rival, no partner
        return
    if prep in BY and (by_event(an, role.start - 1) or by_other_verb(an, role.start - 1)):
        a.function = "pp"   # "the visit to India by the Crown Prince": who came, not who signed
    elif prep in WITH:
        a.function = "with"
    elif prep in BETWEEN:
        a.function = "between"
        if head is not None and "AgreementWord" in an.cats(head):
            a.head = head   # "a memorandum between X and Y": the agreement's own parties
    elif prep in FOR:
        a.function = "for"
    elif prep in BY:
        a.function = "by"
    elif prep in LOC:
        a.function = "loc"
    else:
        a.function = "pp"


def _manner_cooperation(an, noun: int) -> bool:
    """A bare cooperation noun after "in" before a with-phrase ("in partnership with X", "in
    cooperation with X", "in Zusammenarbeit mit X"): the phrase says how the act is done, together
    with X, like "together with X"; after an agreement noun X is no side of a partnership of its
    own but of that agreement ("signed the agreement in partnership with X")."""
    toks = an.tokens
    return noun >= 2 and toks[noun - 1].fold == "in" and toks[noun].pos in ("NOUN", "PROPN") \
        and "CooperationCue" in an.cats(noun) and an.lex_at[noun].start == noun


def _genitive_owner(an, prep: int) -> int | None:
    """The agreement noun whose genitive or of-phrase stands right before the preposition at
    ``prep`` ("der Langfristvertrag Ungarns mit Gazprom", "das Abkommen der OMV mit der IAEO", "the
    memorandum of Bavaria with Quebec"). The phrase after it attaches to that noun, not to the
    name before it; the genitive is the agreement's owner, the with-phrase its other side. None
    when the name before the preposition is no genitive or of-phrase of an agreement noun."""
    toks = an.tokens
    start = an.actor_start_by_end.get(prep)
    if start is None or start < 2:
        return None
    j = start - 1
    if an.lang == "en":
        j -= toks[j].fold == "the"
        if toks[j].fold != "of":
            return None
        j -= 1
    elif toks[j].fold in ("des", "der") and toks[j].pos == "DET":
        j -= 1   # "der Vertrag der OMV mit Y": the article of the genitive
    else:
        name = an.entity_at(start)
        if name is None or (name.start, name.end) != (start, prep) or not name.data.get("genitive"):
            return None   # "der Vertrag Ungarn mit …" is no genitive
    return j if j >= 0 and toks[j].pos == "NOUN" and "AgreementWord" in an.cats(j) else None


def _settled(an, noun: int) -> bool:
    """A dispute noun whose clause has a verb of settling it (a lex:DealVerb whose object is a
    lex:DisputeWord: "resolved its dispute with X", "legte den Streit mit X bei"): its sides
    come to an agreement, so the with-phrase names a side."""
    if "DisputeWord" not in an.cats(noun):
        return False
    sent = an.sentences[an.sent_of[noun]]
    for k in range(sent.start, sent.end):
        lexm = an.lex_at.get(k)
        if lexm is not None and "DealVerb" in lexm.cats and an.syntax.same_clause(k, noun) \
                and any(an.gaz.lexicon[x].object == "DisputeWord" for x in lexm.data.get("lex", [])):
            return True
    return False


def _person_noun(an, k: int) -> bool:
    """A noun for persons ("officials", "Vertreter", "representatives")."""
    lexm = an.lex_at.get(k)
    return lexm is not None and "GroupNoun" in lexm.cats and \
        any(an.gaz.lexicon[x].refers_to == "person" for x in lexm.data.get("lex", []))


def _company_after_truncation(an, k: int) -> int | None:
    """The company noun a German adjective modifies over truncated words joined to it ("der
    ungarische Öl- und Gaskonzern X", "ein norwegischer Öl-, Gas- und Stromkonzern"): the
    adjective says where the company is from, as before a plain "Gaskonzern". Company nouns
    only (a role title after truncations, "Perus Energie- und Bergbauminister", is read as before)."""
    toks = an.tokens
    while k < len(toks) and toks[k].pos == "ADJ" and toks[k].text[:1].islower():
        k += 1
    start = k
    while k + 2 < len(toks) and toks[k].tag == "TRUNC" and (toks[k + 1].pos == "CCONJ" or toks[k + 1].text == ","):
        k += 2
    if k > start and toks[k].pos == "NOUN" and an.cats(k) & {"CompanyWord", "OrgHead"} and an.org_at(k) is None:
        return k
    return None


GENITIVE_LIST_REACH = 6   # conjuncts a genitive list may have before the one asked about


def _genitive_list_person(an, joint: int) -> int | None:
    """The person noun a genitive list hangs from, for a later conjunct of it ("mit Vertretern
    der Kappa AG und der Nordwind", "Vertreter des Konzerns Kappa, der Nordwind und der Borea AG",
    "with representatives of Kappa and of Nordwind"): the name before the comma or coordinator
    ``joint`` is itself a genitive (lex:GenitiveLink) after that noun (or after an earlier
    conjunct). Person nouns only: after any other noun "und der X" may be a dative beside it
    ("zwischen dem Ministerium der Republik Borea und der Kappa AG")."""
    toks = an.tokens
    links = an.gaz.words("GenitiveLink")
    k = joint - 1
    for _ in range(GENITIVE_LIST_REACH):
        m = an.org_at(k) or an.entity_at(k)
        if m is None:
            return None
        j = m.start - 1
        if j > 0 and toks[j].pos == "NOUN" and an.cats(j) & {"CompanyWord", "OrgHead"} and an.org_at(j) is None:
            j -= 1   # "des saudischen Unternehmens Kappa Power"
        while j > 0 and toks[j].pos == "ADJ" and toks[j].text[:1].islower():
            j -= 1
        if j > 0 and toks[j].fold == "the":
            j -= 1   # "representatives of the Kappa Group"
        if j < 1 or toks[j].fold not in links:
            return None
        if _person_noun(an, j - 1):
            return j - 1
        if not (toks[j - 1].text == "," or toks[j - 1].fold in an.gaz.words("ChainCoordinator")):
            return None
        k = j - 2
    return None


def _classifier(an, a: ActorMention, start: int) -> int | None:
    """The actor-type noun right before a name ("Stadt", "province", "Hafen", "Hauptstadt"), if any; in a list
    ("die Provinzen Alba, Borea und Cerva") the noun before its first name (``start``, the
    :func:`_chain_start` of ``a``)."""
    toks = an.tokens
    k = start - 1
    if an.lang == "de" and k > 0 and an.org_at(k) is None and _kin_noun(an, k) and toks[k].text[:1].isupper() \
            and an.syntax.same_clause(k, a.start):
        return k   # "den Kauf von dessen Netzsparte X": the name takes the role of the unit noun's phrase
    if k > 0 and toks[k].fold in ("of", "von") and toks[k - 1].pos == "NOUN":
        k -= 1   # "the province of Quebec", "die Stadt von …"
    if k > 0 and toks[k].text == "," and "CapitalWord" in an.cats(k - 1) and a.end < len(toks) and toks[a.end].text == ",":
        k -= 1   # "in the Kazakh capital, Astana, …": the capital noun's apposition
    if k < 0 or toks[k].pos != "NOUN" or not an.syntax.same_clause(k, a.start):
        return None
    lexm = an.lex_at.get(k)
    if lexm is None or an.org_at(k) is not None:
        return None
    if lexm.cats & {"CompanyWord", "OrgHead"}:
        if toks[k + 1].fold in ("of", "von") and (_apposition_of(an, k) is not None
                                                  or _kin_noun(an, k) and _apposition_after(an, a.end) is not None):
            return None   # "Kappa GmbH, a subsidiary of Nordwind", "the subsidiary of Nordwind, Kappa GmbH,": the owner, not the one named
        return k   # "Polish utility PGE", "the state concern Kappagas"
    if "CapitalWord" in lexm.cats:
        return k   # "in der aserbaidschanischen Hauptstadt Baku": the phrase of the capital noun
    if k in an.governments and _names_after(an, k):
        return k   # "aus Houston im Bundesstaat Texas", "in the state of Texas": the phrase of the state noun
    if "GroupNoun" not in lexm.cats:
        return None
    refers = next((an.gaz.lexicon[x].refers_to for x in lexm.data.get("lex", []) if an.gaz.lexicon[x].refers_to), None)
    return k if refers == "actor" else None


def _home_of_named_company(an, end: int) -> int | None:
    """The start of the company name that a country's or region's name describes as its home: the
    name, at most two lower-case words ("investment", "chemicals"), a company word (lex:CompanyWord)
    and right after it the company's own name ("U.S. producer Kappa", "UK utility Kappa", "U.S.
    investment firm Kappa", "mit dem US Versorger Kappa"). Such a name says where the company is
    from; it is no actor beside the company (no party, no partner in a cooperation). ``end``: the
    token after the country's or region's name. None otherwise."""
    toks = an.tokens
    k = end
    while k < len(toks) and k - end <= 2 and an.org_at(k) is None:
        lexm = an.lex_at.get(k)
        if lexm is not None and lexm.start == k and "CompanyWord" in lexm.cats:
            after = lexm.end
            named = an.org_at(after) if after < len(toks) else None
            return after if named is not None and named.start == after else None
        if toks[k].pos not in ("NOUN", "ADJ") or not toks[k].text[:1].islower():
            return None
        k += 1
    return None


def _named_examples(an, k: int) -> int | None:
    """The first organisation named as an example at ``k`` ("such as X", "like X", "including X",
    "wie X", "darunter X": the lexicon's ExampleCue list) after a company noun, or None."""
    toks = an.tokens
    j = example_cue_end(an, k)
    if j is None:
        return None
    while j < len(toks) and toks[j].pos == "DET":
        j += 1   # "wie der Kappa Power AG"
    return j if j < len(toks) and an.org_at(j) is not None else None


def example_cue_end(an, k: int) -> int | None:
    """The token after an example cue (lex:ExampleCue: "such as", "including", "darunter") that
    starts at token k, or None: the longest cue first, from the linker's table of the cues by
    their first word (built once per document, not sorted per call). Shared by _named_examples
    and frames.predicate_args._example_cue_after."""
    toks = an.tokens
    if k >= len(toks):
        return None
    for cue in an.linker.example_cues.get(toks[k].fold, ()):
        if tuple(t.fold for t in toks[k:k + len(cue)]) == cue:
            return k + len(cue)
    return None


def _unnamed_body(an, noun: int, actor: int = -1) -> bool:
    """A company or organization noun with no name of its own ("energy ministry", "national
    companies"), not one that introduces a name ("the utility Samruk-Energy")."""
    toks = an.tokens
    cats = an.cats(noun)
    if not cats & {"CompanyWord", "OrgHead"} or an.org_at(noun) is not None:
        return False
    nxt = noun + 1
    while nxt < len(toks) and toks[nxt].pos == "NOUN" and toks[nxt].text[:1].islower():
        nxt += 1   # "fund manager Copenhagen Infrastructure Partners"
    while nxt < len(toks) and toks[nxt].pos == "DET" and toks[nxt].fold in ("der", "des"):
        nxt += 1
    if nxt == actor or (an.entity_at(nxt) is not None and an.entity_at(nxt).data.get("genitive")):
        return True   # "die Netzbetreiber Estlands, Lettlands und Litauens": the genitive is whose
    while nxt < len(toks) and toks[nxt].text in ("„", "“", "\"", "'"):
        nxt += 1
    if _named_examples(an, nxt) is not None:
        return False   # "Chinese companies such as Kappa Power": the names say which ones
    if nxt < len(toks) and (an.org_at(nxt) is not None or an.entity_at(nxt) is not None or toks[nxt].pos == "PROPN"):
        return False
    return True


def _on_side(an, a: ActorMention) -> bool:
    """An adjective in a coordination before "side"/"Seite" after "on"/"auf" ("on the Moroccan and
    Nigerian side", "auf deutscher und französischer Seite")."""
    toks = an.tokens
    if a.head is None or toks[a.head].lemma not in ("seite", "side"):
        return False
    k = a.start - 1
    while k >= 0 and a.start - k <= 8 and (toks[k].pos in ("ADJ", "DET", "CCONJ") or toks[k].text == ","):
        k -= 1
    return k >= 0 and toks[k].fold in ("on", "auf", "from", "von")


def _place_apposition(an, k: int) -> bool:
    """A name right after "<city>," that itself follows a place preposition ("met in Geneva,
    Switzerland", "in Houston, Texas")."""
    toks = an.tokens
    if k < 3 or toks[k - 1].text != ",":
        return False
    j = k - 2
    while j > 0 and toks[j].is_title and k - j <= 4 and j not in an.person_at and an.org_at(j) is None \
            and (an.entity_at(j) is None or an.entity_at(j).kind == "place"):
        j -= 1   # the city's name, known or not
    if j == k - 2 or toks[j].fold not in ("in", "at", "im", "near", "bei") and not (
            toks[j].fold in ("of", "from", "aus") and j >= 2 and _org_before(an, j)):
        return False   # an organisation's home "Kappa Power of Houston, Texas", "Kappa, from Calgary, Alberta," too
    sent = an.sentences[an.sent_of[k]]
    if j == sent.start or j in an.syntax.fronted or (k - 1) in an.syntax.fronted:
        return False   # "In Lima, Chile and Peru signed": the fronted phrase ends at the comma
    ent = an.entity_at(k)
    nxt = ent.end if ent is not None else k + 1
    return nxt >= len(toks) or toks[nxt].text in (",", ".", ";", ")") or toks[nxt].pos == "ADP"


def _project_name(an, a: ActorMention) -> int | None:
    """A place that begins a project's name with another name word after it: before a project
    noun ("the Alaska LNG project", "the Mozambique Gas Hub project") or after one in German ("das
    Projekt Alaska LNG", "das Vorhaben Texas LNG"). Returns the project noun's index."""
    toks = an.tokens
    j = a.end
    while j < len(toks) and j - a.end < 3 and toks[j].text[:1].isupper() and toks[j].pos in ("PROPN", "NOUN", "X") \
            and an.org_at(j) is None and an.entity_at(j) is None and j not in an.person_at:
        j += 1
    if j == a.end:
        return None
    k = j
    while an.lang == "en" and k < len(toks) and k - j < 2 and toks[k].pos == "NOUN" and toks[k].text.islower() \
            and "ProjectWord" not in an.cats(k):
        k += 1   # "the Texas LNG export project"
    if k < len(toks) and toks[k].text[:1].islower() and "ProjectWord" in an.cats(k):
        return k
    if an.lang == "de" and a.start >= 1 and "ProjectWord" in an.cats(a.start - 1) and toks[a.start - 1].pos == "NOUN":
        return a.start - 1
    return None


def _holding_noun(an, k: int) -> bool:
    """Whether token k is a noun for a company's holding or unit (lex:HoldingNoun,
    lex:SubsidiaryNoun: "stake", "unit", "Anteil"; a German compound ending in one: "Netzsparte")."""
    t = an.tokens[k]
    if t.pos not in ("NOUN", "PROPN"):
        return False
    words = an.gaz.words("HoldingNoun") | an.gaz.words("SubsidiaryNoun")
    lemma = fold(t.lemma or t.text)
    if lemma in words or t.fold in words:
        return True
    return an.lang == "de" and any(lemma.endswith(w) and len(lemma) > len(w) + 2 for w in words)


def _acquiring_noun(an, k: int) -> bool:
    """Whether token k is a German noun of acquiring (lex:AcquisitionWord: "Übernahme", "Erwerb",
    "Kauf"), alone or as the first part of an agreement word ("Kaufvertrag",
    "Übernahmevereinbarung"); not a compound of another kind ("Kaufmann", "Kaufkraft")."""
    t = an.tokens[k]
    if t.pos != "NOUN":
        return False
    lemma, words = fold(t.lemma or t.text), an.gaz.words("AcquisitionWord")
    return lemma in words or ("AgreementWord" in an.cats(k) and any(lemma.startswith(w) for w in words))


def _kin_noun(an, k: int) -> bool:
    """A word for a company owned by another or for a business it owns (:func:`_holding_noun`:
    "unit", "arm", "Tochter", "Sparte", "Vertriebstochter"), spelt with a letter first (not "50%-Anteil")."""
    return an.tokens[k].text[:1].isalpha() and _holding_noun(an, k)


def _state_place(an, k: int) -> bool:
    """The name at ``k`` follows a state noun in a place phrase ("im Bundesstaat Oregon", "in the
    state of Texas"): where something is, which a company named with its own company noun after
    "und"/"and" does not continue."""
    toks = an.tokens
    j = k - 1
    if j >= 1 and toks[j].fold in ("of", "von"):
        j -= 1
    if j < 1 or j not in an.governments and "GroupNoun" not in an.cats(j):
        return False
    i = _np_span(an, j, j + 1)[0] - 1
    return i >= 0 and toks[i].fold in LOC and toks[i].pos == "ADP"


def _org_before(an, j: int) -> bool:
    """An organisation's name ends right before token ``j``, or before a comma there ("Kappa Power
    of …", "Kappa Power, from …")."""
    k = j - 2 if an.tokens[j - 1].text == "," else j - 1
    return k >= 0 and an.org_at(k) is not None


def _apposition_of(an, k: int) -> int | None:
    """The organization a noun phrase starting at ``k`` stands in apposition to ("Kappa Power,
    the Chilean utility"): the start of the name right before the comma before the phrase."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and (toks[j].pos in ("DET", "ADJ") or toks[j].pos == "NOUN" and toks[j].text.islower()
                      or _attributive_misread(an, j)) and k - j <= 3:
        j -= 1   # "Kappa GmbH, the parent company of …": a noun before the head too
    if j < 1 or toks[j].text != ",":
        return None
    om = an.org_at(j - 1)
    return om.start if om is not None else None


def _attributive_misread(an, j: int) -> bool:
    """A lower-case word the tagger read as a verb between an article and a noun ("der größte
    Energiekonzern", "dem wichtigsten Versorger"): an adjective there, no verb."""
    toks = an.tokens
    return toks[j].pos == "VERB" and toks[j].text.isalpha() and toks[j].text.islower() \
        and j >= 1 and toks[j - 1].pos == "DET" and j + 1 < len(toks) and toks[j + 1].pos == "NOUN"


def _apposition_after(an, e: int) -> int | None:
    """The organization named in commas right after a company noun phrase ending before ``e``
    ("Kenya's state producer, Kengo, signed"; also after an article and lower-case adjectives:
    "Poland's largest utility, the state-controlled Kappa Energia, and …"): the start of that
    name, closed by a comma, a bracket or the sentence's end."""
    toks = an.tokens
    if e + 1 >= len(toks) or toks[e].text != ",":
        return None
    j = e + 1
    while j < len(toks) and j - e <= 3 and an.org_at(j) is None and toks[j].text[:1].islower() \
            and (toks[j].pos == "DET" and toks[j].fold in an.gaz.words("DefiniteDeterminer") or toks[j].pos == "ADJ"):
        j += 1
    om = an.org_at(j) if j < len(toks) else None
    if om is None or om.start != j or om.end < len(toks) and toks[om.end].text not in (",", "(", ".", ";"):
        return None
    return om.start


def _noun_apposition_of(an, k: int) -> int | None:
    """The organization a noun phrase ending in the noun ``k`` stands in apposition to, the phrase
    closed by a comma after its of-phrase ("Kappa Power, the trading arm of X, and Y"): the start
    of the name right before the comma that opens the phrase (up to four words before the noun)."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and toks[j].pos in ("DET", "ADJ", "NOUN", "PROPN") and k - j <= 4:
        j -= 1
    if j < 1 or toks[j].text != ",":
        return None
    om = an.org_at(j - 1)
    return om.start if om is not None else None


def _names_after(an, noun: int) -> bool:
    """A government noun that introduces a name ("state of Victoria", "Bundesstaat Bayern"): the
    name, not the noun, is the actor."""
    toks = an.tokens
    k = an.lex_at[noun].end if noun in an.lex_at else noun + 1
    if k < len(toks) and toks[k].fold in ("of", "von"):
        k += 1
    ent = an.entity_at(k) if k < len(toks) else None
    if ent is not None and ent.kind == "country" and toks[k - 1].fold == "of" and toks[k - 2].fold == "state":
        return any(e.kind == "region" for iri, _, _ in an.gaz.phrases.get(("state", "of") + tuple(
            t.fold for t in toks[ent.start:ent.end]), ()) for e in [an.gaz.entities.get(iri)] if e is not None)
    return ent is not None and ent.kind in ("region", "place") or (k < len(toks) and an.org_at(k) is not None)


def _signing_clause(an, k: int) -> bool:
    """A signing or concluding verb in the clause of token ``k`` (the place phrase of an agreement
    word after it says where it was signed)."""
    return any(an.cats(j) & {"SigningVerb", "ConcludingVerb"} and an.tokens[j].pos in ("VERB", "AUX")
               for j in an.syntax.clause(k).tokens)


def _modifier_function(an, noun: int) -> str:
    lex = an.lex_at.get(noun)
    cats = lex.cats if lex else set()
    if "AgreementWord" in cats:
        return "agr"
    if cats & {"RoleTitle", "Counterpart"} or noun in an.person_at:
        return "affil"
    if _person_noun(an, noun):
        return "affil"   # "Vertreter Bayerns", "representatives of Ghana": whom they act for
    if cats & {"CompanyWord", "OrgHead"} or an.org_at(noun) is not None:
        return "orgmod"
    return "mod"


def _chain_start(an, a: ActorMention) -> int:
    """The first name of the coordination an actor is in ("mit Peru, Ecuador und Bolivien"):
    its role is read from the left of that first name."""
    toks = an.tokens
    words = an.gaz.words("ChainCoordinator")
    joins = lambda k: toks[k].text in (",", "&") or toks[k].fold in words
    start = a.start
    while True:
        k = _premodifiers_start(an, start) - 1
        linked = False
        while k >= 0 and (joins(k) or toks[k].pos == "DET") and k not in an.syntax.fronted:
            linked = linked or joins(k)
            k -= 1
        if k >= 0 and k in an.syntax.fronted:
            return start   # "In Berlin, Germany and Chile signed": the fronted phrase ends at the comma
        if linked and k >= 2 and toks[k].text == ")":
            opening = next((j for j in range(k - 1, max(k - 6, 0), -1) if toks[j].text == "("), None)
            if opening is not None:
                k = opening - 1   # "with A (Chile) and B (Bolivia)": the bracket belongs to A
        prev = an.actor_start_by_end.get(k + 1)
        if linked and prev is None and toks[k + 1].text == "," and (comma := _apposition_before(an, k)) is not None:
            prev = an.actor_start_by_end.get(comma)   # "with A, the project's operator, and B": B is coordinated with A
            if prev is not None and _new_clause_at(an, prev, a):
                return start   # "… with A, the operator, and Chile welcomed it": a new clause's subject
        elif linked and prev is not None and prev < start and toks[k + 1].text == "," \
                and (comma := _apposition_before(an, k)) is not None and comma < prev \
                and (owner := an.actor_start_by_end.get(comma)) is not None and not _new_clause_at(an, owner, a):
            prev = owner   # "with A, the largest steelmaker in Sweden, and B": the place is inside A's apposition
        if not linked or prev is None or prev >= start:
            return start
        if start == a.start and any(toks[x].text == "," for x in range(k + 1, start)) and _new_clause_at(an, prev, a):
            return start   # "Kappa agreed to sell X to A, and B struck a deal …": B is the subject of a clause of its own
            # (not without the comma: "X looked on as officials of A and B signed")
        if _state_place(an, prev) and start >= 1 and "CompanyWord" in an.cats(start - 1):
            return start   # "X aus Portland im Bundesstaat Oregon und der Betreiber Y": Y is no place of X's phrase
        # "A from Japan, and B", "A of Chile and B": the origin phrase belongs to A, B is coordinated with A
        if prev >= 2 and an.actor_start_by_end.get(prev - 1) is not None and (toks[prev - 1].fold in ("from", "aus") or (
                toks[prev - 1].fold == "of" and _place_kind(an, prev))):
            prev = an.actor_start_by_end[prev - 1]
        if prev >= 2 and toks[prev - 1].fold in ("'s", "’s") and an.actor_start_by_end.get(prev - 1) is not None:
            prev = an.actor_start_by_end[prev - 1]   # "of Britain's National Grid": the phrase starts at Britain
        j = prev - 2
        closed = any(toks[x].text == "," for x in range(k + 1, start))   # "of X, and B": the apposition ends at the comma
        if closed and j >= 1 and toks[prev - 1].fold in ("of", "von", "der", "des") and toks[j].pos == "NOUN" \
                and (owned := _apposition_of(an, j) if an.cats(j) & {"CompanyWord", "OrgHead"}
                     else _noun_apposition_of(an, j)) is not None:
            prev = owned   # "A, a subsidiary of X, and B", "A, the trading arm of X, and B": B is coordinated with A
        start = prev


APPOSITION_PREPOSITIONS = {"of", "for", "in", "im", "from", "von", "für", "aus"}   # inside an apposition ("the operator of the field")


def _apposition_before(an, k: int) -> int | None:
    """The comma that opens a short noun phrase in commas ending at token k, with no person or
    organisation in it ("A, the project's operator, and B", "A, dem Betreiber des Projekts, und B"; a country or
    place may say where the body is from: "A, Thailand's largest generator, and B"): an apposition
    of the name before that comma, so the name after it is coordinated with that name. Returns
    the opening comma's index, or None when the words are no such noun phrase (a verb, a name, a
    longer phrase)."""
    toks = an.tokens
    j, noun = k, False
    while j > 0 and k - j < 9:
        t = toks[j]
        if t.text == ",":
            break
        ent = an.entity_at(j)
        if j in an.person_at or j in an.role_tokens or an.org_at(j) is not None or ent is not None and ent.kind == "org":
            return None   # (an office belongs to persons: "the leaders of A and B")
        if ent is not None:
            j = ent.start - 1   # where the body is from: "Thailand's largest generator", "der größte Erzeuger Thailands"
            continue
        if t.pos == "NOUN" and t.text[:1].isalpha():
            noun = True
        elif not (t.pos in ("DET", "ADJ", "NUM", "PRON") or t.fold in ("'s", "’s")
                  or t.pos == "ADP" and t.fold in APPOSITION_PREPOSITIONS):
            return None
        j -= 1
    if toks[j].text != "," or j == k or not noun or j in an.syntax.fronted \
            or not (toks[j + 1].pos in ("DET", "PRON", "ADJ") or an.entity_at(j + 1)):
        return None   # (not after a fronted phrase: "At a summit in Riga, the leaders of A, B and C")
    owner = an.actor_start_by_end.get(j)
    owner_ent = an.entity_at(owner) if owner is not None else None
    if owner_ent is not None and owner_ent.kind == "place":
        return None   # a place has no apposition of an acting body
    return j


def _new_clause_at(an, owner: int, a: ActorMention) -> bool:
    """Whether the name A after "…, and" opens a clause of its own instead of going on with the
    list that begins at OWNER: a finite verb follows it, and one stands before OWNER in its sentence
    ("Peru signed with X, the operator, and Chile welcomed it"; not "X, the operator, and B
    signed")."""
    if a.end >= len(an.tokens) or not an.syntax.finite(a.end):
        return False   # (a German participle closes the clause: "… mit X, dem Betreiber, und B unterzeichnet")
    sent = an.sentences[an.sent_of[owner]]
    return any(an.syntax.finite(j) for j in range(sent.start, owner))


def _region_before(an, k: int) -> bool:
    """Whether a region's name ends right before token k."""
    start = an.actor_start_by_end.get(k)
    ent = an.entity_at(start) if start is not None else None
    return ent is not None and ent.kind == "region"


def _bracketed_home(an, a: ActorMention) -> int | None:
    """"Kappa Power (Chile)": a country alone in brackets right after an organization's name is
    where the organization is from; returns the organization's first token."""
    toks = an.tokens
    if a.start < 2 or a.end >= len(toks) or toks[a.start - 1].text != "(" or toks[a.end].text != ")":
        return None
    org = an.org_at(a.start - 2)
    return org.start if org is not None and org.end == a.start - 1 else None


def _place_kind(an, k: int) -> bool:
    """Whether the name at token k is a country or region."""
    m = an.entity_at(k)
    return m is not None and m.kind in ("country", "region")


def _premodifiers_start(an, start: int) -> int:
    """Where the words before a name that belong to its noun phrase begin: a possessor ("the UAE's
    B"), a country adjective or other adjectives ("der emiratischen B"), and the type noun right
    before it ("the Bolivian firm B", "dem bolivianischen Unternehmen B")."""
    toks = an.tokens
    k = start - 1
    noun = False
    while k >= 1 and start - k <= 6:
        t = toks[k]
        if t.fold in ("'s", "’s") and an.actor_start_by_end.get(k) is not None:
            k = an.actor_start_by_end[k] - 1
        elif noun and (home := an.entity_at(k)) is not None and home.end == k + 1 and home.kind in ("country", "region") \
                and _home_of_named_company(an, k + 1) == start:
            k = home.start - 1   # "and U.S. developer B": the company's home opens its phrase
        elif t.pos == "ADJ" and an.actor_start_by_end.get(k + 1) is not None:
            k = an.actor_start_by_end[k + 1] - 1
        elif t.pos == "ADJ" or (t.pos == "NOUN" and not noun and k == start - 1
                                and (an.cats(k) & {"CompanyWord", "OrgHead"} or an.lang == "en" and t.text.islower())) \
                or (noun and an.lang == "en" and t.pos == "NOUN" and t.text.islower()):   # "the state oil company B"
            noun = noun or t.pos == "NOUN"
            k -= 1
        else:
            break
    return k + 1


def _np_span(an, start: int, end: int) -> tuple[int, int]:
    """A noun phrase around a name: its determiners, adjectives and the rest of a name before it."""
    toks = an.tokens
    while start > 0 and (toks[start - 1].pos in ("DET", "ADJ", "NUM", "PROPN") or toks[start - 1].fold in ("'s", "’s")
                         or (an.lang == "en" and toks[start - 1].pos == "NOUN" and toks[start - 1].text.islower())
                         or _country_adjective(an, start - 1)) \
            and toks[start - 1].text not in (",", ":", ";") and an.syntax.same_clause(start - 1, start):
        start -= 1
        if an.lang == "en" and toks[start].fold in an.gaz.words("EnglishArticle") and start > 0 \
                and toks[start - 1].pos in ("NOUN", "PROPN"):
            break   # "On Thursday the state utility Kappa Power signed": an English article begins the phrase
    return start, end


def _country_adjective(an, k: int) -> bool:
    """A country adjective the tagger read as a noun ("the Kazakh capital"): a premodifier."""
    m = an.entity_at(k)
    return m is not None and m.form == "adj" and an.tokens[k].pos == "NOUN"


def _is_name_word(an, k: int) -> bool:
    return k in an.person_at or an.org_at(k) is not None


def _government_references(an) -> list[ActorMention]:
    """"Die Landesregierung", "the state government": the region the text is about."""
    out = []
    region = None
    for m in an.mentions:
        if m.kind == "region" and m.start not in an.structure.skip:
            region = m.iri
            break
    if region is None:
        return out
    for k, lexm in an.lex_at.items():
        if lexm.start != k or "GovernmentReference" not in lexm.cats:
            continue
        # a named region right before it ("the Tasmanian government") is its own mention
        if k > 0 and any(a.end == k for a in an.entity_mentions_at(k - 1)):
            continue
        a = ActorMention(k, lexm.end, region, "region", "government", an.sent_of[k], text=lexm.text)
        _apply_role(an, a, an.syntax.role(*_np_span(an, k, lexm.end)))
        out.append(a)
    return out


def _groups(an) -> list[ActorMention]:
    """Group nouns with a numeral or a definite article: "die beiden Länder", "the two sides",
    "five firms", "die Regierungschefs", "the parties"."""
    toks = an.tokens
    out = []
    determiners = an.gaz.words("GroupDeterminer")
    group_words = {kind: an.gaz.words(category) for kind, category in _GROUP_KINDS.items()}
    for k, lexm in an.lex_at.items():
        if lexm.start != k or not ("GroupNoun" in lexm.cats or _counted_companies(an, k, lexm)
                                   or _definite_company(an, k, lexm)):
            continue
        if an.entity_at(k) is not None or an.org_at(k) is not None or k in an.person_at:
            continue   # "the United States", "Energy Ministers Council"
        if any(an.entity_at(j) is not None for j in range(max(0, k - 3), k)) and toks[k - 1].pos == "ADJ":
            continue   # "die deutsche Seite": the adjective's actor stands for it
        if k in an.governments and lexm.end + 1 < len(toks) and (
                toks[lexm.end].fold in ("of", "von") and an.entity_at(lexm.end + 1 + (toks[lexm.end + 1].pos == "DET")) is not None
                or an.entity_at(lexm.end) is not None):
            continue   # "the Government of Canada", "die Regierung Kanadas": the country stands for it
        if k in an.governments and _government_in_capital(an, k, lexm.end):
            continue   # "the government in Lima": the capital stands for it
        number, j = 0, _modifiers_before(an, k)
        if j >= 0:
            numm = an.lex_at.get(j)
            if numm is not None and "Numeral" in numm.cats:
                number = next((an.gaz.lexicon[x].number for x in numm.data.get("lex", []) if an.gaz.lexicon[x].number), 0)
            elif toks[j].text.isdigit():
                number = int(toks[j].text)
        plural = _plural(an, k) or lexm.end - k > 1 and _plural(an, lexm.end - 1)   # "heads of state", "the consortium partners"
        definite = j >= 0 and toks[j].fold in determiners
        lemma = toks[lexm.end - 1].lemma
        group_kind = next((kind for kind, words in group_words.items() if any(lemma.endswith(w) for w in words)), None)
        if "GroupNoun" not in lexm.cats:
            group_kind = "org"   # "three utilities", "fünf Energieunternehmen"
        refers = next((an.gaz.lexicon[x].refers_to for x in lexm.data.get("lex", []) if an.gaz.lexicon[x].refers_to), "actor")
        if not number and definite and not plural and (group_kind or refers == "person") and lexm.end < len(toks) \
                and not toks[lexm.end].is_title and toks[lexm.end].pos not in ("NOUN", "PROPN") \
                and not _attributive_noun(an, lexm.end):
            number = 1   # "the country", "das Unternehmen", "die Hansestadt", "des Kanzlers": the one named last
        if not number and not (definite and plural):
            continue
        start = j if j >= 0 and (number or definite) else k
        a = ActorMention(start, lexm.end, None, "group", "group", an.sent_of[k], number=number or 0,
                         refers_to=refers, group_kind=group_kind, text=" ".join(t.text for t in toks[start:lexm.end]))
        a.head = k
        gen = start if toks[start].fold in ("der", "des") else start - 1
        if gen > 0 and toks[gen].fold in ("der", "des") and toks[gen - 1].pos in ("NOUN", "PROPN") \
                and an.syntax.same_clause(gen - 1, start) and an.lang == "de":
            # "die Regierungschefs der drei Staaten", "im Verkehrsministerium des Landes"
            a.function, a.head = _modifier_function(an, gen - 1), gen - 1
        elif lexm.end < len(toks) and toks[lexm.end].text in POSSESSIVE_MARKS \
                and (noun := an.syntax.modified_noun(start, lexm.end, "genitive")) is not None:
            # "the region's biggest wind developer", "the two firms' joint venture": a possessive
            # modifies the noun after it, as "Chile's" does (syntax.modified_noun)
            a.function, a.head = _modifier_function(an, noun), noun
        else:
            _apply_role(an, a, an.syntax.role(start, lexm.end))
        if a.number == 1 and a.group_kind == "org":
            _seat_reference(an, a, k)
        out.append(a)
    return out


def _definite_company(an, k: int, lexm) -> bool:
    """A singular company word after a definite determiner and its adjectives, with no name of
    its own ("the Oslo-based utility", "der Essener Versorger", "the refiner"): a reference to a
    company named before, like "the company"."""
    toks = an.tokens
    if "CompanyWord" not in lexm.cats or toks[lexm.end - 1].pos != "NOUN" or _plural(an, lexm.end - 1):
        return False
    j = _modifiers_before(an, k)
    if j < 0 or toks[j].fold not in an.gaz.words("DefiniteDeterminer") or not _unnamed_body(an, lexm.end - 1):
        return False
    end = lexm.end - 1
    joint = any(len(w) <= end + 1 and tuple(t.fold for t in toks[end + 1 - len(w):end + 1]) == w
                for cat in ("VentureNoun", "ConsortiumNoun") for w in an.gaz.word_lists.get(cat, ()))
    return not joint


def _seat_word(an, k: int) -> str | None:
    """The place a premodifier of a company word names as its seat: "Oslo" of "Oslo-based"
    (lex:DescriptorWord after a hyphen), or a German city adjective ("Essener", "Münchner"):
    a capitalised adjective inside a phrase."""
    tok = an.tokens[k]
    if "-" in tok.text:
        first, last = tok.text.rsplit("-", 1)
        return fold(first) if first[:1].isupper() and fold(last) in an.gaz.words("DescriptorWord") else None
    if an.lang == "de" and tok.pos == "ADJ" and tok.text[:1].isupper() and tok.fold.endswith("er") and len(tok.fold) >= 6:
        return tok.fold
    return None


def _names_seat(word: str, seat: str) -> bool:
    """Whether a token (folded) names the seat a descriptor names: the same word ("Oslo" for
    "Oslo-based") or the city of a German city adjective ("Essen" for "Essener", "München" for
    "Münchner", "Hamburg" for "Hamburger")."""
    if word == seat:
        return True
    if not seat.endswith("er") or len(word) < 4:
        return False
    stem = word[:max(4, len(word) - 2)]
    return seat.startswith(stem) and len(seat) - len(word) <= 3


def _seat_reference(an, a: ActorMention, noun: int) -> None:
    """"the Houston-based company", "der Essener Versorger": a company reference whose
    premodifier names a city is the one company named before with that city next to it (its
    seat: "Kappa (Essen)", "Kappa, headquartered in Houston", "Kappa mit Sitz in Essen") or in
    its name ("die Düsseldorfer Kappa GmbH"); with none or several it stays a plain reference."""
    toks = an.tokens
    seats = [w for k in range(a.start, noun) if (w := _seat_word(an, k))]
    if not seats:
        return
    found = set()
    for m in an.org_mentions:
        if m.end > a.start or not m.iri or all(_names_seat(toks[x].fold, s) for x in range(m.start, m.end) for s in seats):
            continue   # a "company" named just like the city is the city
        sent = an.sent_of[m.start]
        e = m.end
        while e < min(len(toks), a.start) and e - m.end < 6 and an.sent_of[e] == sent and an.org_at(e) is None:
            e += 1   # up to the reference itself: its own premodifier names no seat of a company before it
        near = range(max(0, m.start - 1), e)
        # "Kappa, an Oslo-based utility": a descriptor beside the name names the seat too
        if any(_names_seat(w, s) for x in near for w in (toks[x].fold, _seat_word(an, x)) if w for s in seats):
            found.add(m.iri)
    if len(found) == 1:
        a.iri, a.kind = found.pop(), "org"


def _attributive_noun(an, k: int) -> bool:
    """An English group noun that only modifies a noun after it, with adjectives between ("the
    state electric utility Kappa Power", "the state atomic company Kappatom"): it names no actor of its
    own. (German writes such modifiers as compounds; there an adjective and a noun after "das
    Land" are its object: "Heute unterzeichnete das Land neue Verträge".)"""
    toks = an.tokens
    if an.lang != "en":
        return False
    j = k
    while j < len(toks) and j - k < 4 and toks[j].pos == "ADJ" and toks[j].text[:1].islower():
        j += 1
    return j > k and j < len(toks) and toks[j].pos == "NOUN" and toks[j].text[:1].islower()


def _country_groups(an, actors: list[ActorMention]) -> list[ActorMention]:
    """A name for a fixed group of countries (lex:CountryGroupName: "die Benelux-Staaten", "the
    Baltic states") stands for each of its members, in the function the name has (at the end of a
    coordination, the function of the name it is coordinated with: "mit A, B und den Benelux-Staaten")."""
    toks = an.tokens
    out = []
    by_end = {a.end: a for a in actors if a.iri}
    for k, lexm in an.lex_at.items():
        if lexm.start != k or "CountryGroupName" not in lexm.cats or k in an.structure.skip:
            continue
        members = next((an.gaz.lexicon[x].members for x in lexm.data.get("lex", []) if an.gaz.lexicon[x].members), ())
        end = lexm.end
        if end < len(toks) and "GroupNoun" in an.cats(end) and toks[end].pos == "NOUN":
            end = an.lex_at[end].end   # "the Benelux countries"
        role = an.syntax.role(k, end)
        j = k - 1
        while j > 0 and toks[j].pos == "DET":
            j -= 1
        before = by_end.get(j) if j > 0 and (toks[j].text == "," or toks[j].pos == "CCONJ") else None
        for iri in members:
            a = ActorMention(k, end, iri, "country", "name", an.sent_of[k], text=" ".join(t.text for t in toks[k:end]))
            if before is not None and before.sent == a.sent:
                a.function, a.prep, a.head = before.function, before.prep, before.head
            else:
                _apply_role(an, a, role)
            out.append(a)
    return out


def _stated_homes(an, actors: list[ActorMention]) -> dict[str, set[str]]:
    """Where the text says each organisation is from: a country or region that describes it
    ("the Kazakh utility Kappa", "Kappa Power (Chile)", "Kappa Corporation of Japan", "Kappa,
    Norway's state company") or follows its name after "aus"/"from" ("Kappa ASA aus Norwegen"),
    with the country a region lies in."""
    toks = an.tokens
    homes: dict[str, set[str]] = {}
    for a in actors:
        if a.kind not in ("country", "region") or not a.iri:
            continue
        org = None
        if a.function == "orgmod" and a.head is not None:
            org = an.org_at(a.head) or (an.org_at(a.head + 1) if a.head + 1 < len(toks) else None)
        elif a.function == "loc" and a.start >= 2 and toks[a.start - 1].fold in ("aus", "from"):
            org = an.org_at(a.start - 2)
        if org is not None and org.iri:
            homes.setdefault(org.iri, set()).update(x for x in (a.iri, an.home_of(a.iri)) if x)
    return homes


def _company_reference(an, a: ActorMention, homes: dict[str, set[str]] | None = None) -> None:
    """"the state-controlled French utility", "its Chinese partner", "der russische Konzern": a
    definite company word with a country adjective and no name of its own refers back to the
    organisation from that country the text named last (by the gazetteer, its name or what the
    text stated of it: ``homes``, see _stated_homes), when there is one; only with none does the
    country stand for the body. In an agreement's with-phrase the adjective's own company word
    counts ("a deal with the Norwegian firm"), not the agreement it is attached to."""
    toks = an.tokens
    noun = a.head
    if a.function == "agr" and a.form == "adj":
        k = a.end
        while k < len(toks) and k - a.end < 3 and toks[k].pos in ("ADJ", "NOUN") and toks[k].text[:1].islower() \
                and "CompanyWord" not in an.cats(k):
            k += 1
        if k < len(toks) and "CompanyWord" in an.cats(k) and toks[k].pos == "NOUN":
            noun = k   # "signed a deal with the Norwegian firm": the adjective's own noun, not the deal
    elif noun is None and a.function == "core" and a.form == "name":
        k = a.end
        while k < len(toks) and k - a.end < 3 and toks[k].pos == "ADJ" and toks[k].text[:1].islower():
            k += 1
        if k < len(toks) and "CompanyWord" in an.cats(k) and toks[k].pos == "NOUN" and toks[k].text[:1].islower():
            noun = k   # "the US electric carmaker will take …": the country word's company noun
    if a.kind not in ("country", "region") or a.form not in ("adj", "name", "genitive") or noun is None or noun <= a.start \
            or a.function in ("loc", "mod", "pp", "orgmod") \
            or a.function == "affil" and fold(toks[noun].lemma) != "partner":
        return
    lexm = an.lex_at.get(noun)
    if lexm is None or noun in an.governments:
        return
    if "CompanyWord" in lexm.cats:
        if not _unnamed_body(an, noun, a.start):
            return
    elif not ("GroupNoun" in lexm.cats and fold(toks[noun].lemma) == "partner") \
            or lexm.end < len(toks) and (toks[lexm.end].pos == "PROPN" or an.org_at(lexm.end) is not None):
        return
    j = a.start - 1
    while j >= 0 and (toks[j].pos in ("ADJ", "ADV") or toks[j].fold in ("and", "und") and j >= 1 and toks[j - 1].pos == "ADJ") \
            and a.start - j <= 3:
        j -= 1   # "the state-controlled French utility", "the Danish and Swedish companies"
    possessive = a.form == "genitive" or a.form == "name" and a.end < len(toks) and toks[a.end].text in ("'s", "’s")
    if not possessive and (j < 0 or toks[j].fold not in an.gaz.words("DefiniteDeterminer")):
        return
    homes = homes or {}
    fits = lambda m: m.iri and (an.home_of(m.iri) == a.iri or a.iri in homes.get(m.iri, ()) or _named_after(an, m, a))
    earlier = [m for m in an.org_mentions if m.end <= a.start and fits(m)]
    word = toks[noun]
    if not earlier and "CompanyWord" in lexm.cats and word.fold in (fold(word.lemma), fold(word.lemma) + "s" * (an.lang == "de")) \
            and not (lexm.end < len(toks) and toks[lexm.end].text[:1].isupper()):
        # no organisation of that country: an organisation named just before whose home neither
        # the gazetteer nor the text tells ("Betrieben wird es von X und Y. Der britische Konzern …",
        # "Für X lohnt sich das: Der Schweizer Konzern hat …", invented); one company word in the
        # singular (not "its Chinese partners", "die chinesischen Konzerne") with no capitalised word
        # after it (a name not recognised: "der norwegische Konzern Nordkraft")
        earlier = [m for m in an.org_mentions if m.end <= a.start and m.iri and a.sent - an.sent_of[m.start] <= 2
                   and m.iri not in an.gaz.entities and an.home_of(m.iri) is None and not homes.get(m.iri)]
    plural = "CompanyWord" in lexm.cats and an.lang == "en" and _plural(an, noun)
    if earlier:
        a.iri, a.kind = earlier[-1].iri, "org"
    elif possessive or plural:   # "has teamed up with Peru's state grid company … with Kappa Power": named next
        later = [m for m in an.org_mentions if m.start > a.end and an.sent_of[m.start] <= a.sent + 1 and fits(m)]
        if later:
            a.iri, a.kind = later[0].iri, "org"
        elif plural:
            a.function = "orgmod"   # "the Danish and Swedish companies signed …": where unnamed firms are from, no side


def _named_after(an, org: Mention, a: ActorMention) -> bool:
    """Whether an organisation's name holds the name of a country or region ("Hydro-Québec" for
    "the Quebec utility", "Kappa Peru" for "the Peruvian firm"): a word of it is that actor's name."""
    words = {fold(w) for w in re.split(r"[\s\-–/]+", org.text) if w}
    names = {fold(t.text) for t in an.tokens[a.start:a.end]}
    ent = an.gaz.entities.get(a.iri) if a.iri else None
    if ent is not None:
        names |= {fold(ent.label_en)} | ({fold(ent.label_de)} if ent.label_de else set())
    return bool(words & names)


def _region_namesake(an, a: ActorMention, before: list[ActorMention]) -> str | None:
    """A capital's name in a list of regions ("Oregon, Vermont and Washington") names the region
    of that name ("Washington State", "Bundesstaat Washington"), when there is one."""
    start = _chain_start(an, a)
    if not any(x.kind == "region" and start <= x.start < a.start for x in before):
        return None
    return _namesake_region(an, a)


def _namesake_region(an, a: ActorMention) -> str | None:
    """The region named like a country or capital ("Georgia", "Washington"), if the gazetteer has
    one ("State of Georgia", "Washington State", "Bundesstaat Washington")."""
    name = tuple(t.fold for t in an.tokens[a.start:a.end])
    for words in (name + ("state",), ("state", "of") + name, ("bundesstaat",) + name):
        for iri, _, _ in an.gaz.phrases.get(words, ()):
            ent = an.gaz.entities.get(iri)
            if ent is not None and ent.kind == "region":
                return iri
    return None


def _company_description(an, a: ActorMention) -> int | None:
    """A country or region name in front of a company description and the company's name
    ("U.S. industrial gases company Kappa Inc.", "Norway state utility Nordwind"): where the
    company comes from, not an actor of its own. Returns the start of the company's name."""
    toks = an.tokens
    if a.form not in ("name", "acronym") or an.lang != "en":
        return None
    k = a.end
    while k < len(toks) and k - a.end < 4 and toks[k].pos in ("ADJ", "NOUN") and toks[k].text[:1].islower() \
            and an.org_at(k) is None:
        k += 1
    if k == a.end or "CompanyWord" not in an.cats(k - 1):
        return None
    om = an.org_at(k)
    return om.start if om is not None and om.start == k else None


def _modifiers_before(an, k: int) -> int:
    """The token before the modifiers of a group noun at ``k``: up to two adjectives ("fünf
    europäischen Energieunternehmen") or, in English, a lower-case noun of a compound right after
    a numeral ("three energy companies", "two gas utilities")."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and toks[j].pos == "ADJ" and k - j <= 2:
        j -= 1
    if j == k - 1 and j >= 1 and an.lang == "en" and toks[j].pos == "NOUN" and toks[j].text.islower() \
            and "Numeral" in an.cats(j - 1):
        j -= 1   # "three energy companies": one noun of a compound right after the numeral
    return j


def _counted_companies(an, k: int, lexm) -> bool:
    """A company word in the plural after a numeral ("three utilities", "fünf europäischen
    Energieunternehmen"): a group of organisations like "three companies"."""
    toks = an.tokens
    if "CompanyWord" not in lexm.cats or toks[lexm.end - 1].pos != "NOUN" or not _plural(an, lexm.end - 1) and an.lang == "en":
        return False
    j = _modifiers_before(an, k)
    if j < 0:
        return False
    numm = an.lex_at.get(j)
    number = next((an.gaz.lexicon[x].number for x in numm.data.get("lex", []) if an.gaz.lexicon[x].number), 0) \
        if numm is not None and "Numeral" in numm.cats else (int(toks[j].text) if toks[j].text.isdigit() else 0)
    return number >= 2


# deals whose two sides are the ones that make them (a venture founded, a dispute settled, a merger agreed)
_PAIR_DEAL_WORDS = {"VentureWord", "DisputeWord", "MergerWord"}


def _numeral_stands_alone(an, nxt: int) -> bool:
    """Whether what follows a definite numeral leaves it standing alone as the subject of a deal
    of the pair (lex:VentureWord, lex:DisputeWord, lex:MergerWord in its clause): a verb that
    is no participle before a noun ("the two formed a venture", not "the two signed agreements"),
    in German also an article opening the object ("hatten die beiden ein Gemeinschaftsunternehmen
    gegründet") or a year before such a verb ("das die beiden 2015 gegründet hatten", not "die
    beiden 2015 gegründeten Firmen")."""
    toks = an.tokens
    clause = an.syntax.clauses[an.syntax.clause_of[nxt]]
    near = set(clause.tokens)
    if clause.kind == "rel" and clause.antecedent is not None:   # the noun phrase a relative clause hangs from counts as its clause
        near |= set(range(max(0, clause.antecedent - 3), clause.antecedent + 1))
    if not any(an.cats(j) & _PAIR_DEAL_WORDS for j in near):
        return False   # only a pair's own deal: "the two" before "signed" or "agreed" is mostly two persons

    def verb(j: int) -> bool:
        return j < len(toks) and toks[j].pos in ("VERB", "AUX") \
            and not (j + 1 < len(toks) and toks[j + 1].pos in ("NOUN", "PROPN", "ADJ"))

    if verb(nxt):
        return True
    if an.lang != "de":
        return False
    if toks[nxt].pos == "DET" and toks[nxt].fold in ("ein", "eine", "einen", "einem", "das", "den", "die", "ihr", "ihre", "ihren"):
        return True
    return len(toks[nxt].text) == 4 and toks[nxt].text.isdigit() and verb(nxt + 1)


def _bare_numerals(an) -> list[ActorMention]:
    """"the two signed in 2015", "beide unterzeichneten": a definite numeral standing alone for
    the actors named before."""
    toks = an.tokens
    out = []
    for k, lexm in an.lex_at.items():
        if lexm.start != k or "Numeral" not in lexm.cats:
            continue
        nxt = lexm.end
        if nxt < len(toks) and (toks[nxt].pos in ("NOUN", "PROPN", "ADJ", "NUM") or an.lex_at.get(nxt) is not None) \
                and not _numeral_stands_alone(an, nxt):
            continue   # "the two companies", "die beiden unterzeichneten Abkommen": it counts a noun
        definite = k > 0 and toks[k - 1].fold in ("the", "die", "beiden") or toks[k].fold in ("both", "beide")
        if not definite:
            continue
        number = next((an.gaz.lexicon[x].number for x in lexm.data.get("lex", []) if an.gaz.lexicon[x].number), 0)
        if number < 2:
            continue
        start = k - 1 if toks[k - 1].fold in ("the", "die") else k
        a = ActorMention(start, lexm.end, None, "group", "group", an.sent_of[k], number=number,
                         text=" ".join(t.text for t in toks[start:lexm.end]))
        _apply_role(an, a, an.syntax.role(start, lexm.end))
        out.append(a)
    return out


def _plural(an, k: int) -> bool:
    """A plural noun: English by its tag, German by a lemma that differs from the form other than
    by a genitive -s ("Länder", "Staaten", "Provinzen"; not "Landes")."""
    tok = an.tokens[k]
    if an.lang == "en":
        return tok.tag in ("NN2",) or (tok.fold.endswith("s") and tok.lemma != tok.fold)
    if tok.fold != tok.lemma:
        if tok.fold.endswith("s") and tok.fold.startswith(tok.lemma):
            # an -s plural after "die"/"der" ("die Regierungschefs", "im Beisein der Staatschefs"): a
            # genitive singular -s takes "des"
            j = k - 1
            while j >= 0 and an.tokens[j].pos == "ADJ" and k - j <= 2:
                j -= 1
            return j >= 0 and an.tokens[j].fold in ("die", "der")
        return True
    # a noun whose plural is its singular ("die Unterzeichner", "die Teilnehmer"): "die" and a
    # plural verb right after it ("Die Unterzeichner wollen …")
    toks = an.tokens
    if tok.fold.endswith(("er", "el")) and an.sentences[an.sent_of[k]].start == k and an.cats(k) & {"GroupNoun", "RoleTitle"}:
        return True   # "Manager der X und der Y unterzeichneten …": a singular title would open the sentence with "der"
    if k > 0 and tok.fold.endswith(("er", "el")) and (toks[k - 1].fold in ("beide", "beiden", "alle", "allen")
                                                      or toks[k - 1].fold == "die" and an.cats(k) & {"GroupNoun", "RoleTitle"}):
        # "beide Partner", "die Partner", "die Geschäftsführer" (a group noun or role title in -er
        # takes "der" in the singular; the feminine titles end in -in)
        return True
    return k > 0 and toks[k - 1].fold == "die" and tok.fold.endswith(("er", "el")) and k + 1 < len(toks) \
        and toks[k + 1].pos in ("VERB", "AUX") and toks[k + 1].fold.endswith("en") and an.syntax.finite(k + 1)
