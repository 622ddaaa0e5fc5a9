"""What a person is (the role title as written) and whom they act for (an actor IRI).

The affiliation comes, in this order, from:

1. the role word itself: a title that implies its actor ("Bundeskanzler" -> Germany), a role
   prefix ("Bundes|minister"), an actor inside the compound ("US-Präsident", "Zentrox-Chef");
2. an actor right before the role: "Canada's Ambassador", "peruanische Außenminister",
   "Zentrox President", "Irlands Ministerpräsident";
3. the complement after the role: "Energieminister Perus", "CEO of Kappa Power", "Vorstandschef des
   estnischen Gasnetzbetreibers Nordwind AS" (the organization, not the adjective inside it), or
   that of a second role coordinated with one that names none ("Staatsminister und Chef der Kappa AG");
4. a possessive that points back ("deren CEO", "its chairman"), or, for a company role without a
   named company ("Konzernchef Jan Muster"), the company named last before;
5. a side cue in the person's clause: "Für Irland unterschrieben X und Y", "on behalf of the EU".
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.actors import AS_WORDS, _plural
from kg.extract.linking import ACADEMIC_TITLES
from kg.extract.mentions import ACTOR_KINDS, Mention
from kg.extract.tokens import fold, join_tokens

POSSESSIVES = {fold(w) for w in ("deren", "dessen", "its", "their", "his", "her", "seine", "seiner", "seinen", "ihre",
                                 "ihrer", "ihren", "sein", "ihr")}
COMPLEMENT_WORDS = {fold(w) for w in ("für", "for", "of", "der", "des", "the", "beim", "bei", "at", "in", "im", "to",
                                      "und", "and", "von", "am", "an", "vom", "zur", "zum")}


@dataclass
class PersonInfo:
    role: str | None = None
    affiliation: str | None = None    # the actor the person works for
    side: str | None = None           # the actor a side cue names ("für Norwegen")
    government_side: bool = False     # the cue named that actor's government ("on behalf of the Government of X")
    sector: str | None = None         # government, company, diplomat, international
    role_lex: str | None = None       # the lexicon entry of the role title
    second_body: str | None = None    # the organisation a second office names ("Minister … and CEO of Kappa Energy")
    body_state: str | None = None     # the country an adjective gives the body of the role ("des norwegischen Staatskonzerns X")


def resolve_roles(an) -> dict[str, PersonInfo]:
    """Role and affiliation of every person of an analysed document, by person IRI."""
    infos: dict[str, PersonInfo] = {}
    # (a known person's role was found by the same patterns: "role_how" says which)
    appositions = {pm.data["role"] for pm in an.linker.person_mentions
                   if pm.data.get("role_how", pm.data.get("how")) == "name-role" and pm.data.get("role")}
    for pm in an.linker.person_mentions:
        if pm.data.get("role_how", pm.data.get("how")) == "role-name" and pm.data.get("role") in appositions:
            # "signed by A, Colombia's minister, B, Ecuador's minister, and …": a role between two
            # names in a list is the first one's apposition; the second has the role after its own name
            pm.data["role"] = _role_after_name(an, pm)
        role = pm.data.get("role") or _as_role(an, pm)
        if not role:
            role = _apposition_role(an, pm)
            if role:
                pm.data["role"] = role   # the phrase's preposition ("signed by the CEO of X, Y") is the name's
        if role:
            _from_role(an, pm, role, infos)
        elif infos.get(pm.iri) is None or not infos[pm.iri].affiliation:
            affil = _actor_after_name(an, pm) or _possessor(an, pm) or _heads_actor(an, pm) or _nationality_before(an, pm)
            # "… and Lena Test of India", "Peru's Karl Probe", "Karl Probe, who heads Kappa Power',
            # "der Bulgare Jan Muster"
            if affil:
                infos.setdefault(pm.iri, PersonInfo()).affiliation = affil
    _plural_title_lists(an, infos)
    _sides(an, infos)
    _represents_in_relative(an, infos)
    _known_offices(an, infos)
    return infos


def _known_offices(an, infos: dict[str, PersonInfo]) -> None:
    """A well-known person the text gives no role, side or affiliation ("Putin and Xi signed",
    "Olaf Scholz und die Staatschefs Kasachstans … unterzeichneten") acts for the state or
    organisation the gazetteer says the person holds office for (lex:actsFor): the last source,
    after everything the text says."""
    for pm in an.linker.person_mentions:
        ent = an.gaz.entities.get(pm.iri)
        if ent is None or not ent.acts_for:
            continue
        info = infos.setdefault(pm.iri, PersonInfo())
        if info.affiliation or info.side:
            continue
        info.affiliation = ent.acts_for
        if info.sector is None and an.kind_of(ent.acts_for) == "country":
            info.sector = "government"


def _represents_in_relative(an, infos: dict[str, PersonInfo]) -> None:
    """"Ambassador X, who represented Germany, …", "Botschafter X, der Deutschland vertrat": a
    relative clause right after a name whose verb is one of acting for someone
    (lex:RepresentationVerb) names the actor the person signs for: it is the side, before any
    side guessed from titles or order."""
    toks = an.tokens
    for pm in an.linker.person_mentions:
        k = pm.end
        if k + 3 >= len(toks) or toks[k].text != "," or toks[k + 1].fold not in ("who", "der", "die", "welcher", "welche"):
            continue
        end = k + 2
        while end < len(toks) and end - k <= 10 and toks[end].text not in (",", ".", ";", "(", ")"):
            end += 1
        if not any("RepresentationVerb" in an.cats(j) and toks[j].pos in ("VERB", "AUX") for j in range(k + 2, end)):
            continue
        act = next((a for a in (an.org_at(j) or an.entity_at(j) for j in range(k + 2, end))
                    if a is not None and a.kind in ACTOR_KINDS), None)
        if act is None:
            continue
        info = infos.setdefault(pm.iri, PersonInfo())
        info.side = _actor_iri(an, act)
        info.affiliation = info.affiliation or info.side


def _plural_title_lists(an, infos: dict[str, PersonInfo]) -> None:
    """"Presidents X and Y", "die Ministerpräsidenten X und Y", "Prime Ministers A, B and C": a
    plural title before a list of names is the title of every name in it (not the side: each
    may serve another actor)."""
    toks = an.tokens
    persons = an.linker.person_mentions
    for n, pm in enumerate(persons):
        info = infos.get(pm.iri)
        role = pm.data.get("role")
        if info is None or not info.role or not role or role[1] != pm.start or not _plural(an, role[1] - 1):
            continue
        prev = pm
        for nxt in persons[n + 1:]:
            gap = range(prev.end, nxt.start)
            if not gap or (len(gap) > 1 and not _side_phrase_gap(an, gap)) \
                    or toks[gap[-1]].fold not in ("and", "und", ",", "sowie") \
                    or an.sent_of[nxt.start] != an.sent_of[pm.start]:
                break
            other = infos.setdefault(nxt.iri, PersonInfo())
            if other.role:
                break
            other.role, other.sector, other.role_lex = info.role, info.sector, info.role_lex
            prev = nxt


SIDE_PREPOSITIONS = ("of", "from", "aus", "von")


def _side_phrase_gap(an, gap: range) -> bool:
    """A name's own side phrase before the coordinator of a list under one plural title ("Energy
    ministers A of Austria and B of Slovakia", "die Energieminister A aus der Slowakei und B"):
    a preposition of origin, then only an article and the name of an actor."""
    toks = an.tokens
    if not 3 <= len(gap) <= 5 or toks[gap[0]].fold not in SIDE_PREPOSITIONS:
        return False
    inner = range(gap[0] + 1, gap[-1])
    return all(toks[j].pos in ("DET", "PROPN", "NOUN", "ADJ") for j in inner) \
        and any(an.entity_at(j) is not None for j in inner)


def role_references(an) -> list[Mention]:
    """"der Bürgermeister", "the Premier", "der irische Regierungschef": a definite role
    without a name refers to the person named before with that role (and that side)."""
    toks = an.tokens
    out: list[Mention] = []
    for k in sorted(an.lex_at):
        lexm = an.lex_at[k]
        if lexm.start != k or not lexm.cats & {"RoleTitle"} or k in an.person_at or k in an.structure.skip:
            continue
        nxt = lexm.end
        if nxt < len(toks) and (nxt in an.person_at or (toks[nxt].pos == "PROPN" and toks[nxt].is_title)):
            continue   # a role before a name is part of that person mention
        j = k - 1
        adj_actor = None
        while j >= 0 and toks[j].pos == "ADJ" and k - j <= 2:
            act = an.entity_at(j)
            if act is not None and act.form == "adj":
                adj_actor = act.iri
            j -= 1
        if j < 0 or toks[j].fold not in ("der", "die", "the", "den", "dem", "des"):
            continue
        plural = _plural(an, _title_noun(an, lexm.start, lexm.end))
        if plural and any(an.gaz.lexicon[x].refers_to in ("person", "actor") for x in lexm.data.get("lex", [])
                                             if x in an.gaz.lexicon):
            continue   # "the ministers", "die Regierungschefs": a group of persons, not the one named before;
            # "the partners", "zu den Partnern von X": a group of actors (a role noun that is also a group noun)
        if an.lang == "en" and plural:
            continue   # "the partners", "the directors": a plural title is never the one person named before
        if any(pm.data.get("role") and pm.data["role"][0] <= k < pm.data["role"][1] for pm in an.person_mentions) \
                or (j > 0 and toks[j - 1].text == "," and j - 2 >= 0 and j - 2 in an.person_at):
            continue   # "Karim al-Beispiel, der Bergbauminister des Landes": the named person's own role
        best = None
        for pm in an.person_mentions:
            if pm.start >= k or pm.iri is None:
                continue
            info = an.persons.get(pm.iri)
            if info is None or info.role_lex not in lexm.data.get("lex", []):
                continue
            if adj_actor and info.affiliation not in (None, adj_actor):
                continue
            best = pm
        if best is not None:
            out.append(Mention(k, lexm.end, "person", best.iri, "reference", lexm.text, data={"how": "reference"}))
    return out


def _title_noun(an, start: int, end: int) -> int:
    """The noun that heads a role title: its last word, or the word before its "of" ("heads of
    state", "ministers of energy"): what says whether the title is plural."""
    for j in range(start + 1, end - 1):
        if an.tokens[j].fold == "of":
            return j - 1
    return end - 1


def _as_role(an, pm: Mention) -> tuple[int, int] | None:
    """"Jan Muster als Ministerpräsident der Niederlande", "X as Energy Minister": the role after "als"/"as"."""
    toks = an.tokens
    k = pm.end
    if k + 1 < len(toks) and toks[k].fold in AS_WORDS:
        j = k + 1
        while j < len(toks) and toks[j].pos in ("DET", "ADJ") and j - k < 3:
            j += 1
        lexm = an.lex_at.get(j)
        if lexm is not None and "RoleTitle" in lexm.cats:
            return lexm.start, lexm.end
    return None


APPOSITION_LINKS = {fold(w) for w in ("of", "at", "for", "von", "vom", "der", "des", "bei", "beim", "für", "the", "and",
                                      "und", "&")}


def _role_after_name(an, pm: Mention) -> tuple[int, int] | None:
    """"B, Ecuador's minister of energy, …", "B, Ecuadors Energieminister, …": the role title of an
    apposition right after the name (up to the next comma), or None."""
    toks = an.tokens
    sent = an.sentences[an.sent_of[pm.start]]
    if pm.end >= sent.end or toks[pm.end].text != ",":
        return None
    for k in range(pm.end + 1, min(sent.end, pm.end + 9)):
        if _apposition_ends(an, k):
            return None
        lexm = _role_title_at(an, k)
        if lexm is not None:
            return k, lexm.end
    return None


def _apposition_ends(an, k: int) -> bool:
    """An apposition next to a name cannot reach over token ``k``: another person, a punctuation
    mark or a verb."""
    t = an.tokens[k]
    return k in an.person_at or t.text in (",", ";", ":", ".", "(", ")") or t.pos in ("VERB", "AUX")


def _role_title_at(an, k: int) -> Mention | None:
    """The role title (lex:RoleTitle) that starts at token ``k``, or None."""
    lexm = an.lex_at.get(k)
    return lexm if lexm is not None and lexm.start == k and "RoleTitle" in lexm.cats else None


def _apposition_role(an, pm: Mention) -> tuple[int, int] | None:
    """"the CEO of Kappa Power, Jan Muster", "der Vorstandschef von Nordwind, Anna Beispiel": a role
    phrase (a title and its complement, no verb) that ends in a comma right before the name."""
    toks = an.tokens
    comma = pm.start - 1
    if comma < 1 or toks[comma].text != ",":
        return None
    sent = an.sentences[an.sent_of[pm.start]]
    k = comma - 1
    while k >= sent.start and comma - k <= 8:
        t = toks[k]
        if _apposition_ends(an, k):
            return None
        lexm = _role_title_at(an, k)
        if lexm is not None:
            before = toks[k - 1] if k > sent.start else None
            if before is not None and before.pos not in ("DET", "ADP", "CCONJ", "ADJ", "PUNCT") \
                    and an.entity_at(k - 1) is None and an.org_at(k - 1) is None:
                return None
            return k, lexm.end
        name_part = an.entity_at(k) is not None or an.org_at(k) is not None
        if not (name_part or t.fold in APPOSITION_LINKS or t.pos in ("DET", "ADJ", "NOUN", "PROPN")):
            return None
        k -= 1
    return None


def _actor_iri(an, m: Mention) -> str:
    ent = an.gaz.entities.get(m.iri)
    if ent is not None and ent.kind == "place" and ent.capital_of:
        return ent.capital_of
    return m.iri


def _from_role(an, pm: Mention, role: tuple[int, int], infos: dict[str, PersonInfo]) -> None:
    toks = an.tokens
    rs, re_ = role
    lexm = an.lex_at.get(rs)
    lexes = [an.gaz.lexicon.get(x) for x in (lexm.data.get("lex", []) if lexm else [])]
    affil = next((lx.implies for lx in lexes if lx and lx.implies), None)
    sector = next((lx.sector for lx in lexes if lx and lx.sector), None)
    role_tok = toks[rs]
    if affil is None:
        for prefix, implies in an.matcher.role_prefixes:
            if role_tok.text.startswith(prefix) and len(role_tok.text) > len(prefix) + 3:
                affil = implies
    ent = an.gaz.entities.get(pm.iri)   # the gazetteer's person (None for a person it does not list)
    if affil is not None:
        # the actor a title implies is its usual one ("Bundeskanzler", "Bundesministerin": Germany's); a
        # well-known person the gazetteer lists in office for another actor of that kind holds the title
        # there ("Bundeskanzler Karl Nehammer": Austria's; "Bundespräsidentin Viola Amherd": Switzerland's)
        if ent is not None and ent.acts_for and ent.acts_for != affil and an.kind_of(ent.acts_for) == an.kind_of(affil):
            affil = ent.acts_for
    if affil is None:
        # an actor inside the compound: US-Präsident, Zentrox-Chef, ZEPTA-Vertretung
        for mt in an.mentions:
            if mt.start == rs and mt.data.get("part") is not None and mt.kind in ACTOR_KINDS:
                affil = mt.iri
                break
        om = an.org_at(rs)
        if affil is None and om is not None and om.start == rs and om.end == rs + 1:
            affil = om.iri
    if affil is None:
        affil = _actor_before(an, rs)
    comp_end = _complement_end(an, re_)
    gend = pm.start if re_ <= pm.start <= re_ + 8 else comp_end    # "the ministers of the two countries, A and B"
    group = _group_sides(an, pm, re_, max(comp_end, gend)) if affil is None else {}
    if group:
        affil = group[pm.iri]
    if affil is None:
        affil = _actor_in_complement(an, re_, comp_end) or _definite_country(an, re_, comp_end)
    if affil is None:
        affil = _org_in_compound(an, role_tok)
    if affil is None and pm.start > rs:
        affil = _actor_after_name(an, pm)
    if affil is None:
        affil = _second_role_actor(an, comp_end)
    if affil is None and sector == "company":
        # the company named last before the title is a guess; a well-known chief executive the
        # gazetteer lists in office for a company heads that one ("Kappa und Equinor … die
        # Vorstandschefs Mario Mehren und Anders Opedal": Mehren's is Wintershall Dea)
        if ent is not None and ent.acts_for and an.kind_of(ent.acts_for) == "org":
            affil = ent.acts_for
        else:
            affil = _company_before(an, rs)
    if affil is not None and an.kind_of(affil) == "country":
        affil = _office_region(an, rs, re_) or affil
    # the role as written: the title and its complement (up to the name when the name follows)
    if pm.start > rs:
        end = re_ if pm.start - re_ > 4 else pm.start
    else:
        end = comp_end
    while end > re_ and toks[end - 1].fold in ACADEMIC_TITLES:
        end -= 1   # "Geschäftsführer Dr. Jana Roe": the academic title is no part of the role
    role_text = join_tokens(toks[rs:max(end, re_)]).rstrip(" ,") or role_tok.text
    if lexm is not None and "Counterpart" in lexm.cats:
        prev = [q for q in an.linker.person_mentions if q.start < pm.start and an.sent_of[q.start] == an.sent_of[pm.start]
                and q.iri in infos and q.iri != pm.iri]
        if prev:
            role_text = infos[prev[-1].iri].role or role_text
            sector = infos[prev[-1].iri].sector or sector
    info = infos.setdefault(pm.iri, PersonInfo())
    info.role = info.role or role_text
    info.sector = info.sector or sector
    role_lexes = [x for x in (lexm.data.get("lex", []) if lexm else []) if an.gaz.lexicon[x].category in ("RoleTitle", "Counterpart")]
    if lexm is not None and "Counterpart" in lexm.cats and prev and infos[prev[-1].iri].role_lex:
        role_lexes = [infos[prev[-1].iri].role_lex]   # the counterpart holds the same office ("both leaders")
    info.role_lex = info.role_lex or (role_lexes[0] if role_lexes else None)
    if affil and not info.affiliation and not _former_role(an, rs):
        info.affiliation = affil   # (not "a former energy minister of Bolivia": an office no longer held)
    if affil and an.kind_of(affil) == "org" and not info.body_state:
        info.body_state = _country_adjective(an, re_, comp_end)
    if affil and not info.second_body and not _former_role(an, rs):
        body = _second_office_body(an, comp_end)
        if body is not None and body != affil:
            info.second_body = body
    for other, country in group.items():   # the other names of "der beiden Länder, A und B"
        o = infos.setdefault(other, PersonInfo())
        o.role, o.sector, o.affiliation = o.role or role_text, o.sector or sector, o.affiliation or country
        o.role_lex = o.role_lex or info.role_lex
    coord = pm.data.get("coordinated_with")
    if coord is not None:
        _respectively(an, pm, coord, rs, comp_end, infos)


def _second_role_actor(an, end: int) -> str | None:
    """The actor of a second role coordinated right after a role with none of its own ("Minister of
    State for Energy Affairs and President and CEO of Kappa Energy", "Staatsminister und Chef der
    Kappa AG"): one person holds both offices, and the office that names its body tells whom the
    person acts for. Only roles (lex:RoleTitle) chained by "and"/"und"/"sowie", up to a few of them."""
    toks = an.tokens
    k = end
    for _ in range(3):
        if k + 1 >= len(toks) or toks[k].fold not in ("and", "und", "sowie"):
            return None
        lexm = _role_title_at(an, k + 1)
        if lexm is None:
            return None
        comp_end = _complement_end(an, lexm.end)
        found = _actor_in_complement(an, lexm.end, comp_end)
        if found is not None:
            return found
        k = comp_end
    return None


def _second_office_body(an, end: int) -> str | None:
    """The organisation a second office of the same person names, after a role that has an actor
    of its own: chained by "and"/"und"/"sowie" ("Qatar's Minister of State for Energy Affairs and
    President and CEO of Kappa Energy", "Energieminister Katars und zugleich Vorstandschef von
    Kappa") or in a relative clause of being ("…, who is also the chief executive of Kappa
    Energy", "…, der zugleich Chef der Kappa AG ist"). Only an organisation; None when the
    second office names none (or names a state: "Minister of Energy and of Mines of Peru")."""
    toks = an.tokens
    n = len(toks)
    if end >= n:
        return None
    sent_end = an.sentences[an.sent_of[end]].end
    skip = an.gaz.words("RoleSkipWord")
    k = end
    if k + 2 < sent_end and toks[k].text == "," and toks[k + 1].fold == "who" and toks[k + 2].lemma == "be":
        k += 3   # "…, who is also the president of Kappa"
    elif k + 2 < sent_end and toks[k].text == "," and toks[k + 1].fold in an.gaz.words("GermanRelativeForm") \
            and "AdditionCue" in an.cats(k + 2):
        k += 2   # "…, der zugleich Chef der Kappa AG ist"
    elif toks[k].fold in ("and", "und", "sowie"):
        k += 1
    else:
        return None
    for _ in range(3):
        while k < sent_end and (toks[k].fold in skip or "AdditionCue" in an.cats(k)):
            k += 1
        lexm = _role_title_at(an, k) if k < sent_end else None
        if lexm is None:
            return None
        comp_end = _complement_end(an, lexm.end)
        found = _actor_in_complement(an, lexm.end, comp_end)
        if found is not None:
            return found if an.kind_of(found) == "org" else None
        k = comp_end
        if not (k < sent_end and toks[k].fold in ("and", "und", "sowie")):
            return None
        k += 1
    return None


def _former_role(an, rs: int) -> bool:
    """A role title with a word of a past office before it (lex:FormerWord: "a former energy
    minister", "der ehemaligen bolivianischen Energieministerin", "ex-CEO"), over adjectives and
    nationality words."""
    toks = an.tokens
    words = an.gaz.words("FormerWord")
    if toks[rs].fold.split("-")[0] in words and "-" in toks[rs].fold:
        return True   # "Ex-Minister", "ex-CEO"
    j = rs - 1
    while j >= 0 and rs - j <= 3:
        if toks[j].fold in words:
            return True
        if toks[j].pos not in ("ADJ", "NOUN", "PROPN") or toks[j].text in (",", "-"):
            return False
        j -= 1
    return False


def _office_region(an, rs: int, re_: int) -> str | None:
    """The region a capital's name stands for on the office of a region (lex:SubnationalRole):
    "Washington Governor X", "the governor of Washington", "der Gouverneur von Washington" is the
    governor of Washington State, not of the United States (the region named like the capital,
    actors._namesake_region)."""
    from kg.extract.actors import _namesake_region
    toks = an.tokens
    if not subnational_word(an, re_ - 1):
        return None
    for k in (rs - 1, re_ + 1 if re_ < len(toks) and toks[re_].fold in ("of", "von") else -1):
        m = an.entity_at(k) if k >= 0 else None
        if m is not None and m.kind == "place" and (ent := an.gaz.entities.get(m.iri)) is not None and ent.capital_of:
            return _namesake_region(an, m)
    return None


def subnational_word(an, k: int, first_part: bool = False) -> bool:
    """Whether token k is a word of a region's office (lex:SubnationalRole: "governor",
    "provincial", "Gouverneur"), or in German a compound that ends in one ("Provinzgouverneur")
    or, with first_part, also one that starts with one ("Landesminister"). Shared by
    _office_region and frames.predicate_args._subnational_role."""
    t = an.tokens[k]
    words = an.gaz.words("SubnationalRole")
    lemma = fold(t.lemma or t.text)
    if t.fold in words or lemma in words:
        return True
    return an.lang == "de" and any(len(w) > 4 and (lemma.endswith(w) or first_part and lemma.startswith(w))
                                   for w in words)


def _actor_after_name(an, pm: Mention) -> str | None:
    """"the ministers Carl Probe of Denmark and …", "Ministerin Anna Beispiel aus Dänemark", "Jan
    Muster von der Kappa AG": the actor right after the name (lex:AffiliationPreposition)."""
    toks = an.tokens
    k = pm.end
    if k + 1 >= len(toks) or toks[k].fold not in an.gaz.words("AffiliationPreposition"):
        return None
    j = k + 1
    while j < len(toks) and toks[j].pos == "DET":
        j += 1
    act = an.entity_at(j) or an.org_at(j) if j < len(toks) else None
    return _actor_iri(an, act) if act is not None and act.kind in ACTOR_KINDS + ("place",) else None


def _nationality_before(an, pm: Mention) -> str | None:
    """"der Bulgare Jan Muster", "die Französin Anna Beispiel", "the Frenchman Jan Muster", "the
    Norwegian Karl Probe", "die Deutsche Anna Beispiel": a country's nationality noun
    (lex:nationalityNoun, lex:nationalityPlural, lex:nationalityNounBare) or its adjective written
    as a noun (capitalised) right before the name, opened by an article, a comma, a list
    coordinator (lex:ListCoordinator) or the sentence start, says the person's country."""
    toks = an.tokens
    k = pm.start - 1
    if k < 0 or not toks[k].is_title:
        return None
    act = an.entity_at(k)
    if act is not None and act.kind == "country" and act.end == pm.start and act.form in ("nat", "natsg", "adj"):
        country, b = _actor_iri(an, act), act.start - 1
    elif act is None and toks[k].fold in an.gaz.bare_nationality:   # "der Norweger Jan Muster" (lex:nationalityNounBare)
        country, b = an.gaz.bare_nationality[toks[k].fold], k - 1
    else:
        return None
    if b >= 0 and not (toks[b].fold in an.gaz.words("Article") or toks[b].text in (",", ";", ":", "(")
                       or toks[b].fold in an.gaz.words("ListCoordinator")):
        return None
    return country


def _heads_actor(an, pm: Mention) -> str | None:
    """"Karl Probe, who heads Kappa Power", "Jan Muster, der die Nordwind GmbH leitet": the
    organisation a relative clause right after the name says the person leads (verbs of the
    lexicon word list HeadVerb)."""
    toks = an.tokens
    k = pm.end
    if k + 2 >= len(toks) or toks[k].text != "," or toks[k + 1].fold not in ("who", "der", "die"):
        return None
    verbs = an.gaz.words("HeadVerb")
    end = min(len(toks), k + 10)
    if not any(fold(toks[j].lemma or "") in verbs and toks[j].pos == "VERB" for j in range(k + 2, end)):
        return None
    for j in range(k + 2, end):
        if toks[j].text in (",", ".", ";"):
            break
        act = an.org_at(j) or an.entity_at(j)
        if act is not None and act.kind in ACTOR_KINDS:
            return _actor_iri(an, act)
    return None


def _possessor(an, pm: Mention) -> str | None:
    """"Peru's Karl Probe", "Kappa Power's Jan Muster": the actor whose person a name is."""
    toks = an.tokens
    k = pm.start - 1
    if k < 1 or toks[k].text not in ("'s", "’s"):
        return None
    act = an.entity_at(k - 1) or an.org_at(k - 1)
    return _actor_iri(an, act) if act is not None and act.kind in ACTOR_KINDS + ("place",) else None


def _actor_before(an, rs: int) -> str | None:
    """"Canada's Ambassador", "peruanische Außenminister", "Zentrox President", "deren CEO"."""
    toks = an.tokens
    k, steps = rs - 1, 0
    while k >= 0 and steps < 5 and toks[k].text not in (",", ".", ";", ":", "(", ")") and toks[k].pos not in ("VERB", "AUX"):
        act = an.entity_at(k) or an.org_at(k)
        if act is not None and act.kind in ACTOR_KINDS + ("place",):
            return _actor_iri(an, act)
        if toks[k].fold in POSSESSIVES and toks[k].fold in ("deren", "dessen", "its"):
            return _company_before(an, k, any_org=True)
        if toks[k].fold in ("'s", "der", "die", "des", "the", "his", "her", "its", "sein", "seine") or \
                (toks[k].text[:1].islower() and toks[k].fold not in ("und", "and")) or toks[k].pos in ("NOUN", "ADJ"):
            k -= 1
            steps += 1
            continue
        if an.lang == "en" and k not in an.person_at and (
                (toks[k].pos == "PROPN" and toks[k].is_title) or
                (toks[k].fold in ("and", "&") and k > 0 and toks[k - 1].is_title and toks[k + 1].is_title)):
            k -= 1   # the rest of a title: "Peru's Mining Minister", "Chile's Mines and Energy Minister"
            steps += 1
            continue
        break
    return None


def _complement_end(an, k: int) -> int:
    """End of the complement after a role word: "Minister für Bergbau und Rohstoffe",
    "Botschafter der Schweiz", "Chief Technical Officer der Nordhavn Port Authority (NPA)"."""
    toks = an.tokens
    sent = an.sentences[an.sent_of[k]] if k < len(toks) else an.sentences[-1]
    end = k
    limit = min(sent.end, k + 12)
    depth = 0
    while end < limit:
        t = toks[end]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth:
            pass
        elif t.text in (";", ".", ":", "–", "—"):
            break
        elif t.text == "," and not (end + 2 < limit and toks[end + 1].is_title
                                    and toks[end + 2].fold in ("und", "and", ",", "sowie")):
            break   # but "Minister für Wirtschaft, Handel und Industrie Japans" goes on
        elif end in an.person_at and end != k:
            break
        else:
            lexm = an.lex_at.get(end)
            if lexm and lexm.cats & {"SigningVerb", "ConcludingVerb", "WitnessCue", "WitnessPreposition"}:
                break
            if t.pos in ("VERB", "AUX") and t.text[:1].islower():
                break
            if t.fold in ("und", "and", "sowie") and end + 1 < limit and (end + 1 in an.person_at or
                                                                        (an.lex_at.get(end + 1) and "RoleTitle" in an.lex_at[end + 1].cats)):
                break
            if t.text[:1].islower() and t.fold not in COMPLEMENT_WORDS and t.pos not in ("ADJ", "DET") \
                    and not (lexm and "RespectivelyCue" in lexm.cats) and not _noun_before_name(an, end, limit):
                break
        end += 1
    while end > k and toks[end - 1].fold in COMPLEMENT_WORDS | {","}:
        end -= 1
    return end


def _noun_before_name(an, k: int, limit: int) -> bool:
    """"head of the Russian state nuclear corporation Rosatom": common nouns that introduce a name
    right after them."""
    toks = an.tokens
    j = k
    while j < limit and toks[j].pos in ("NOUN", "ADJ") and toks[j].text[:1].islower():
        j += 1
    return j < limit and j - k <= 4 and (an.org_at(j) is not None or an.entity_at(j) is not None)


def _actor_in_complement(an, start: int, end: int) -> str | None:
    """The actor a role's complement names, preferring a named organization or country over an
    adjective that only describes it ("des estnischen Gasnetzbetreibers Nordwind AS")."""
    found = []
    for k in range(start, end):
        if k in an.person_at:
            break
        act = an.org_at(k) or an.entity_at(k)
        if act is not None and act.kind in ACTOR_KINDS + ("place",):
            found.append(act)
        for mt in an.mentions:
            if mt.start == k and mt.data.get("part") is not None and mt.kind in ACTOR_KINDS:
                found.append(mt)
    if not found:
        return None
    toks = an.tokens

    def rank(m: Mention) -> tuple[int, int]:
        # a place after "in" says where the office is ("Leiterin des Weltbank-Büros in Laos")
        j = m.start - 1
        while j > start and toks[j].pos in ("DET", "ADJ"):
            j -= 1
        located = toks[j].fold in ("in", "im", "at")
        # an adjective only describes ("des estnischen Gasnetzbetreibers Nordwind AS"); a name
        # glued to a noun names the body ("der EBRD-Vertretung")
        describes = m.form == "adj" or (m.data.get("part") is not None and toks[m.start].pos != "NOUN")
        return (int(located), int(describes))

    return _actor_iri(an, min(found, key=rank))


def _country_adjective(an, start: int, end: int) -> str | None:
    """The one country a nationality adjective of a role's complement names ("Generaldirektor des
    norwegischen Staatskonzerns Nordatom", "president of the Chilean commission X"): where the body
    the role heads stands, when the organisation itself has no country."""
    found = {m.iri for m in an.mentions if start <= m.start < end and m.form == "adj" and m.kind == "country"}
    return found.pop() if len(found) == 1 else None


_GROUP_SIZE = {"beiden": 2, "beider": 2, "two": 2, "both": 2, "drei": 3, "three": 3}


def _group_sides(an, pm: Mention, start: int, end: int) -> dict[str, str]:
    """"die Energieminister der beiden Länder, A und B", "the ministers of the two countries, A and
    B": the names after the title take the countries named last before it, in their order
    (person IRI -> country IRI; empty when the numbers do not agree)."""
    toks = an.tokens
    size = 0
    for k in range(start, end):
        if toks[k].lemma in ("land", "country", "staat", "state") and k > 0 and toks[k - 1].fold in _GROUP_SIZE:
            size = _GROUP_SIZE[toks[k - 1].fold]
            break
    named: list[str] = []   # "the energy ministers of Peru and Chile, A and B (respectively)"
    for k in range(start, end):
        m = an.entity_at(k)
        if m is not None and m.start == k and m.kind in ("country", "region") and m.data.get("part") is None \
                and _actor_iri(an, m) not in named:
            named.append(_actor_iri(an, m))
    if not size and len(named) >= 2:
        size = len(named)
    if pm.start < start and len(named) >= 2 \
            and any("RespectivelyCue" in an.cats(k) for k in range(start, min(len(toks), end + 2))):
        # "A and B, the energy ministers of Peru and Chile respectively": the names before, in order
        before = []
        for q in an.linker.person_mentions:
            if an.sent_of[q.start] == an.sent_of[start] and start - 12 <= q.start < start and q.iri not in before:
                before.append(q.iri)
        return dict(zip(before, named)) if pm.iri in before and len(before) == len(named) else {}
    if not size or pm.start < end:
        return {}
    sent = an.sent_of[start]
    names = []
    for q in an.linker.person_mentions:
        if an.sent_of[q.start] == sent and end <= q.start <= end + 12 and q.iri not in names:
            names.append(q.iri)
    if pm.iri not in names or len(names) != size:
        return {}
    if len(named) == size:
        return dict(zip(names, named))
    countries: list[str] = []
    for m in an.mentions:
        if m.start >= start:
            break
        if m.kind == "country" and m.data.get("part") is None:
            iri = _actor_iri(an, m)
            if iri in countries:
                countries.remove(iri)
            countries.append(iri)
    if len(countries) < size:
        return {}
    return dict(zip(names, countries[-size:]))


def _definite_country(an, start: int, end: int) -> str | None:
    """"der Elektrizitätsminister des Landes", "the minister of the country": the country
    named last before."""
    toks = an.tokens
    for k in range(start, end):
        if toks[k].lemma in ("land", "country", "staat", "state") and k > 0 and toks[k - 1].fold in ("des", "the", "dieses"):
            last = None
            for m in an.mentions:
                if m.start >= start:
                    break
                if m.kind == "country" or (m.kind == "place" and an.gaz.entities[m.iri].capital_of):
                    last = _actor_iri(an, m)
            return last
    return None


def _org_in_compound(an, tok) -> str | None:
    """"KENTECH-Präsident", "Institutsleiter": an organization of the text named in the role word
    (before a hyphen), or whose name has the role's first part ("Institut")."""
    orgs = list(an.linker.orgs.values())
    if "-" in tok.text:
        prefix = fold(tok.text.rsplit("-", 1)[0])
        for o in orgs:
            if prefix == fold(o.name) or prefix in {fold(a) for a in o.aliases}:
                return o.iri
    lexm = an.lex_at.get(tok.i)
    if lexm is None or not lexm.data.get("compound"):
        return None
    head = next((h for h, lx, _ in an.gaz.compound_heads if tok.fold.endswith(h) and lx in lexm.data.get("lex", [])), None)
    if head is None:
        return None
    stem = tok.fold[: -len(head)].rstrip("s").rstrip("-")
    if len(stem) < 5:
        return None
    found = [o for o in orgs if any(fold(w).startswith(stem) or fold(w).endswith(stem)
                                   for w in o.name.replace("-", " ").split())]
    return found[0].iri if len(found) == 1 else None


def _company_before(an, k: int, any_org: bool = False) -> str | None:
    """The organization named last before token ``k`` (this sentence or the two before)."""
    sent = an.sent_of[k]
    best = None
    for om in an.org_mentions:
        if om.start >= k or an.sent_of[om.start] < sent - 2:
            continue
        ent = an.gaz.entities.get(om.iri)
        if ent is not None and ent.kind != "org":
            continue
        best = om
    return best.iri if best is not None else None


def _respectively(an, pm: Mention, other: Mention, rs: int, comp_end: int, infos) -> None:
    """"Anna Beispiel und Jan Peter Muster, die Minister für Energie beziehungsweise Verkehr"."""
    toks = an.tokens
    cue = None
    for k in range(rs, min(len(toks), comp_end + 4)):
        if k in an.lex_at and "RespectivelyCue" in an.lex_at[k].cats:
            cue = k
            break
    if cue is None:
        return
    head_end = rs + 1
    prep = toks[head_end].text if head_end < len(toks) else ""
    left = join_tokens(toks[head_end + 1:cue])
    e = cue + 1
    while e < len(toks) and toks[e].text not in (".", ",", ";"):
        e += 1
    right = join_tokens(toks[cue + 1:e])
    head = toks[rs].text
    first, second = (other, pm) if other.start < pm.start else (pm, other)
    infos.setdefault(first.iri, PersonInfo()).role = f"{head} {prep} {left}".strip()
    infos.setdefault(second.iri, PersonInfo()).role = f"{head} {prep} {right}".strip()


def _coordinated_sides(an, act: Mention, end: int) -> list[str]:
    """The actor of a side cue and those coordinated with it ("für Peru und Chile")."""
    toks = an.tokens
    out = [_actor_iri(an, act)]
    j = act.end
    while j + 1 < end and (toks[j].fold in ("und", "and", ",") or "RespectivelyCue" in an.cats(j)):
        nxt = an.entity_at(j + 1) or an.org_at(j + 1)
        if nxt is None or nxt.kind not in ACTOR_KINDS:
            break
        out.append(_actor_iri(an, nxt))
        j = nxt.end
    return out


def _respective(an, infos: dict[str, PersonInfo], sides: list[str], clause: int, start: int, end: int) -> bool:
    """Persons after coordinated sides, as many as there are sides, with "respectively" among them:
    each takes the side of the same rank."""
    persons = []
    for pm in an.linker.person_mentions:
        if start <= pm.start < end and an.syntax.clause_of[pm.start] == clause and pm.iri not in [p.iri for p in persons]:
            persons.append(pm)
    cue = any("RespectivelyCue" in an.cats(k) for k in range(start, end))
    if cue and not persons:   # "die Minister A und B für Peru beziehungsweise Chile": the persons before
        first = an.sentences[an.sent_of[start]].start
        for pm in an.linker.person_mentions:
            if first <= pm.start < start and an.syntax.clause_of[pm.start] == clause and pm.iri not in [p.iri for p in persons]:
                persons.append(pm)
    if not cue or len(persons) != len(sides):
        return False
    for pm, side in zip(persons, sides):
        info = infos.setdefault(pm.iri, PersonInfo())
        info.side = side
        info.affiliation = side
    return True


def _apposition_closed(an, k: int, start: int) -> Mention | None:
    """The person whose apposition a side cue at k ends: "X, Joint Secretary in the Department of
    …, on behalf of the Government of India", "Y, Botschafter in Berlin, im Namen der Regierung":
    a comma right before the cue, and before it, with no finite verb, full stop or other person between,
    a person's name followed by a comma (at most 30 words back)."""
    toks = an.tokens
    if k < 2 or toks[k - 1].text != ",":
        return None
    j = k - 2
    while j >= start and k - j <= 30 and j not in an.person_at and toks[j].text not in (".", ";", ":") \
            and not (toks[j].pos in ("VERB", "AUX") and an.syntax.finite(j)):   # ("the state energy holding")
        j -= 1
    pm = an.person_at.get(j) if j >= start else None
    if pm is None or pm.end >= len(toks) or toks[pm.end].text != "," or pm.end >= k - 1:
        return None
    return pm


def _signed_on_behalf(an, k: int, start: int) -> Mention | None:
    """The person a side cue at k that names a government follows directly ("signed by Secretary
    X on behalf of the Government of Y"), or the subject of the verb right before it ("X,
    Secretary General of the Ministry of Planning, signed on behalf of the Government of Jordan":
    the person before the verb, with no full stop, other verb or other person between)."""
    toks = an.tokens
    pm = an.person_at.get(k - 1) if k >= 1 else None
    if pm is not None and pm.end == k and pm.start >= start:
        return pm   # "by Secretary X on behalf of the Government of Y"
    if k < 2 or toks[k - 1].pos not in ("VERB", "AUX"):
        return None
    j = k - 2
    while j >= start and k - j <= 30 and j not in an.person_at and toks[j].text not in (".", ";", ":") \
            and not (toks[j].pos in ("VERB", "AUX") and an.syntax.finite(j)):
        j -= 1
    return an.person_at.get(j) if j >= start else None


def _sides(an, infos: dict[str, PersonInfo]) -> None:
    """"Für Irland unterschrieben X und Y", "auf peruanischer Seite, Jan Muster",
    "For Zentrox, its CEO …": persons after a side cue act for that actor."""
    toks = an.tokens
    for sent in an.sentences:
        if "SideCue" not in an.sent_cats(sent.index) \
                and not any(toks[k].lemma in ("seite", "side") for k in range(sent.start + 1, sent.end)):
            continue    # (the cheap test first: no side is named in the sentence)
        side = None
        side_clause = None
        side_government = False
        for k in range(sent.start, sent.end):
            lexm = an.lex_at.get(k)
            if lexm and "SideCue" in lexm.cats and lexm.start == k:
                j = lexm.end
                while j < sent.end and (toks[j].fold in an.gaz.words("Article") or toks[j].pos == "DET"):
                    j += 1
                government = False
                if j + 1 < sent.end and "GovernmentNoun" in an.cats(j) and an.entity_at(j) is None and an.org_at(j) is None:
                    j += 1   # "on behalf of the Government of India", "im Namen der Regierung Indiens"
                    government = True
                    while j < sent.end and (toks[j].fold in ("of", "von") or toks[j].fold in an.gaz.words("Article")
                                            or toks[j].pos == "DET"):
                        j += 1
                act = an.entity_at(j) or an.org_at(j)
                if act is not None and act.kind == "country" and act.end < sent.end and "GovernmentNoun" in an.cats(act.end):
                    government = True   # "on behalf of the Indian government", "im Namen der indischen Regierung"
                government = government and act is not None and act.kind == "country"   # a state's government only
                if act is not None and act.kind in ACTOR_KINDS and len(_coordinated_sides(an, act, sent.end)) > 1 \
                        and _respective(an, infos, _coordinated_sides(an, act, sent.end), an.syntax.clause_of[k], act.end,
                                        sent.end):
                    side = None   # "für Peru und Chile die Minister A beziehungsweise B": each the side of its rank
                    continue
                closed = _apposition_closed(an, k, sent.start) if act is not None and act.kind in ACTOR_KINDS else None
                if closed is None and government:
                    closed = _signed_on_behalf(an, k, sent.start)
                if closed is not None:
                    # "by X, Joint Secretary in the Ministry of …, on behalf of the Government of India,
                    # and by Y": the cue closes X's apposition, X's side, not the next person's
                    info = infos.setdefault(closed.iri, PersonInfo())
                    if info.side is None:
                        info.side = _actor_iri(an, act)
                        info.government_side = government
                    side = None
                    continue
                if act is not None and act.kind in ACTOR_KINDS and (k == sent.start or toks[k - 1].text in (",", ";", ":")
                                                                   or toks[k - 1].fold in ("und", "and")):
                    side, side_clause = _actor_iri(an, act), an.syntax.clause_of[k]
                    side_government = government
            if toks[k].lemma in ("seite", "side") and k > sent.start:
                # "auf ägyptischer Seite", "on the Moroccan side"
                j = k - 1
                while j > sent.start and toks[j].fold in ("and", "und", ",") or (j > sent.start and an.entity_at(j) is None
                                                                                 and toks[j].pos == "ADJ" and k - j < 3):
                    j -= 1
                act = an.entity_at(j)
                if act is not None and act.kind in ACTOR_KINDS:
                    side, side_clause = _actor_iri(an, act), an.syntax.clause_of[k]
                    side_government = False
            pm = an.person_at.get(k)
            if pm is not None and side is not None and pm.start == k and an.syntax.clause_of[k] == side_clause:
                info = infos.setdefault(pm.iri, PersonInfo())
                if info.side is None:
                    info.side = side
                    info.government_side = side_government
                if not info.affiliation:
                    info.affiliation = side
