"""Stated cooperations: the pairs of actors a text says work together, each pair once (the parties
of each agreement, and the ends of a link, consortium members, joint projects, planned supplies,
assisted partners (also helped with money), lenders and those they finance, joint owners, the listed partners of one venture, co-financiers, sides), as the (actor, actor, topic) triples that
:func:`kg.extract.frames.build_frames` returns beside the agreements.
"""

from __future__ import annotations

from itertools import combinations

from kg.extract.actors import BY
from kg.extract.predicates import Predicate, _voice
from kg.extract.tokens import fold
from kg.extract.frames.predicate_args import (COPULAS, WITH_PREPS, _compound_of, _fronted_subject_start, _partner_noun,
                                              consortium_members, predicate_args)
from kg.extract.frames.arguments import _financing, _lender, _resolve, supply_relations
from kg.extract.frames.common import _clause_predicate


def _reported_jointly(an, p: Predicate) -> bool:
    """"Bekanntgegeben haben das Abkommen … gemeinsam": a joint announcement, not a cooperation
    (the only verbs of the clause are verbs of saying)."""
    reports = {q.head for q in an.predicates if q.kind == "report" and q.clause == p.clause}
    verbs = {k for k in p.tokens if an.tokens[k].pos == "VERB"}
    return bool(reports) and verbs <= reports


def _host_of_project(an, p: Predicate, agents: list[str]) -> list[str]:
    """"Germany is co-financing a solar plant in Chile", "die EIB beteiligt sich an einem
    chilenischen Windpark": taking part in a project located in (or described by) one other
    country is a cooperation with that country. Not the adjective of a name ("und die peruanische
    PETRO"): it tells where a partner is from."""
    owners = list(dict.fromkeys(
        a.iri for a in an.actors_by_sent.get(p.sent, []) if a.start in p.tokens and a.iri and a.iri not in agents
        and a.function == "mod" and a.form != "adj" and a.head is not None and a.head > p.head
        and (_project_word(an, a.head) or _link_word(an, a.head))))
    if len(owners) == 1:
        return owners   # "X beteiligt sich am Projekt der Y", "X takes part in Y's project": the project's owner
    found = []
    for a in an.actors_by_sent.get(p.sent, []):
        if a.start not in p.tokens or not a.iri or a.iri in agents or a.kind not in ("country", "region"):
            continue
        if a.function == "mod" and a.form == "adj" and a.head is not None \
                and (an.tokens[a.head].pos == "PROPN" or an.tokens[a.head].text.isupper() and len(an.tokens[a.head].text) >= 2
                     or an.org_at(a.head) is not None):
            continue   # "die mauretanische KPM": where a named partner is from, not where the project is
        if a.function == "loc" and a.prep in ("in", "im") or a.function == "mod" and a.form == "adj":
            found.append(a.iri)
    found = list(dict.fromkeys(found))
    return found if len(found) == 1 else []


def _cooperations(an, g) -> list[tuple[str, str, str | None]]:
    out: list[tuple[str, str, str | None]] = []
    seen: set[frozenset] = set()

    def add(x: str | None, y: str | None, topic: str | None) -> None:
        if not x or not y or x == y:
            return
        key = frozenset((x, y))
        if key in seen:
            return
        seen.add(key)
        out.append((x, y, topic))

    for a in g.agreements:
        parties = list(a.parties)
        topic = next(iter(a.topics), None)
        for i in range(len(parties)):
            for j in range(i + 1, len(parties)):
                add(parties[i], parties[j], topic)
        for i in range(len(a.stand_ins)):
            for j in range(i + 1, len(a.stand_ins)):
                add(a.stand_ins[i], a.stand_ins[j], topic)
        for state in a.states_of_bodies:   # Siemens with the Nigerian body: also with Nigeria
            for x in parties:
                if an.home_of(x) != state and x not in {info.get("on_behalf_of") for iri, info in a.signatories.items()
                                                        if an.person_info(iri).side == state}:
                    add(x, state, topic)
    def add_pairs(actors: list[str], sent: int) -> None:
        """Every two of the actors a sentence names together cooperate, on its first topic."""
        topics = an.topics_in(sent)
        for x, y in combinations(actors, 2):
            add(x, y, topics[0] if topics else None)

    for ends, sent in linked_ends(an):   # "a pipeline connecting A and B", "the A-B interconnector"
        add_pairs(ends, sent)
    for members, sent in consortium_members(an):   # "a consortium of A and B"
        add_pairs(members, sent)
    for agents, partners, sent, joint in joint_projects(an, g):   # "X is building the plant with Y"
        topics = an.topics_in(sent)
        for x in agents:
            for y in partners:
                add(x, y, topics[0] if topics else None)
        if joint:   # "X builds the plant together with A and B": A and B take part in the one undertaking too
            add_pairs(partners, sent)
    for suppliers, counterparts, sent, mode in planned_supplies(an, g):
        # "Norway is to supply hydrogen to Germany", "A und B sollen Strom aus C erhalten": a supply
        # between states that the text plans is a cooperation (a current or past one is only trade);
        # between two companies a stated or planned one is too ("X sells its electricity to Y", "Y bezieht
        # seit Jahren Flüssiggas von X", "X is to supply ammonia to Y"): a business relation, not a country's trade
        if not suppliers:
            continue
        if mode == "planned" and all(an.kind_of(i) in ("country", "region") for i in suppliers + counterparts) \
                or all(an.kind_of(i) == "org" for i in suppliers + counterparts):
            topics = an.topics_in(sent)
            for x in suppliers:
                for y in counterparts:
                    add(x, y, topics[0] if topics else None)
    for helpers, helped, sent in assisted_partners(an):   # "Japan is helping Indonesia build …", "with German support, Chile …"
        topics = an.topics_in(sent)
        for x in helpers:
            for y in helped:
                add(x, y, topics[0] if topics else None)
    for givers, receivers, sent in financed_partners(an):   # "X is lending $200 million to Y", "X finanziert das Netz der Y"
        topics = an.topics_in(sent)
        for x in givers:
            for y in receivers:
                add(x, y, topics[0] if topics else None)
    for owners, sent in joint_owners(an):   # "a joint venture of A and B", "a company owned by A, B and C"
        add_pairs(owners, sent)
    for members, sent in venture_partners(an):   # "the venture, whose other partners are A and B"
        add_pairs(members, sent)
    for lenders, borrower, sent in co_financiers(an, g):   # "Other lenders to the project include A and B"
        topics = an.topics_in(sent)
        for x in lenders:
            add(x, borrower, topics[0] if topics else None)
    for sides, sent in side_partners(an):   # "X auf peruanischer und Y auf chilenischer Seite"
        topics = an.topics_in(sent)
        for i in range(len(sides)):
            for j in range(i + 1, len(sides)):
                for x in sides[i]:
                    for y in sides[j]:
                        add(x, y, topics[0] if topics else None)
    # a planned one is a cooperation ("are to sign an accord"), a negated one not ("failed to reach an agreement")
    statements = [m.predicate for m in g.planned if m.predicate is not None and m.predicate.mode != "negated"
                  and not _still_required(an, m.predicate)]
    own_partners: dict[int, list[str]] = {}   # "ein Abkommen mit Ägypten unterzeichnen wollen": the planned one's own partner
    for m in g.planned:
        if m.predicate is not None:
            own_partners.setdefault(m.predicate.head, []).extend(i for i, how in m.own if how == "partner")
    statements += [p for p in g.predicates if p.kind in ("cooperate", "participate") and p.mode != "negated"
                   and not (p.noun is False and an.tokens[p.head].pos in ("ADV", "ADJ") and _reported_jointly(an, p))]
    done: set[int] = set()
    for p in statements:
        if p.head in done:
            continue
        done.add(p.head)
        joint = _joint_project_actors(an, p)
        if joint:   # "A und B arbeiten an einem gemeinsamen Projekt", "A and B plan a joint project"
            add_pairs(joint, p.sent)
            continue
        args = predicate_args(an, p)
        agents = [i for x in args.agents for i in (_resolve(an, g, None, x, args) if x.kind == "group" else [x.iri]) if i]
        partners = [i for x in args.partners for i in (_resolve(an, g, None, x, args) if x.kind == "group" else [x.iri]) if i]
        with_only = {x.iri for x in args.partners if x.iri and x.prep in WITH_PREPS} - \
            {x.iri for x in args.partners if x.prep not in WITH_PREPS}
        topics = an.topics_in(p.sent)
        topic = topics[0] if topics else None
        if not agents and an.lang == "en":
            start = _fronted_subject_start(an, p)   # "Together with Y, X operates the field": X
            if start is not None:
                agents = _subject_names(an, p, start)
        agents = list(dict.fromkeys(agents))
        if len(agents) >= 2:
            objects = _venture_objects(an, p.sent, p.tokens, agents)
            agents = [i for i in agents if i not in objects]
        partners = list(dict.fromkeys(partners + [i for i in own_partners.get(p.head, []) if i not in agents]))
        if p.kind == "participate" and agents and not partners:
            partners = _host_of_project(an, p, agents)   # "X co-finances a plant in Chile"
        if agents and partners:
            for x in agents:
                for y in partners:
                    add(x, y, topic)
            if p.kind == "cooperate" and an.tokens[p.head].pos in ("ADV", "ADJ") and len(agents) <= 5:
                # "A and B together with C funded the plant": those named together act together
                for i in range(len(agents)):
                    for j in range(i + 1, len(agents)):
                        add(agents[i], agents[j], topic)
        elif 2 <= len(agents + partners) <= 5 and p.kind != "participate":
            # those named together: joint subjects, or the ends of a between-phrase; not the names of
            # one with-phrase whose other side the clause does not name ("partnerships with A and B")
            both = agents + [i for i in partners if i not in with_only]
            for i in range(len(both)):
                for j in range(i + 1, len(both)):
                    add(both[i], both[j], topic)
    return out


def _still_required(an, p: Predicate) -> bool:
    """An agreement the clause tells as still required, not as planned: a verb of necessity
    (lex:NecessityVerb) with an adverb of something outstanding (lex:PendingAdverb) in the clause
    of the planned predicate or in the few words before its head ("A and B still have to agree on
    a plan with C", "have yet to sign an accord", "must still agree with C", "A und B müssen sich
    noch mit C einigen", "ein Vertrag muss noch ausgehandelt werden"). No cooperation: nothing is
    decided. Not "noch" before a time phrase ("müssen noch in diesem Jahr unterzeichnen": a deadline)."""
    toks = an.tokens
    need, pending = an.gaz.words("NecessityVerb"), an.gaz.words("PendingAdverb")
    sent = an.sentences[p.sent]
    window = set(p.tokens) | set(range(max(sent.start, p.head - 6), p.head))
    has_need = any(toks[j].fold in need for j in window)
    if not has_need:
        return False
    for j in window:
        if toks[j].fold in pending and toks[j].pos == "ADV":
            if any(x in an.date_tokens for x in range(j + 1, min(sent.end, j + 4))):
                continue   # "noch in diesem Jahr", "still this month": a deadline, not an outstanding step
            return True
    return False


def _joint_project_actors(an, p: Predicate) -> list[str]:
    """The actors of a clause whose object is a joint project: a cooperation adjective
    ("gemeinsam", "joint") right before a noun of one shared undertaking or of a link (lex:JointProjectNoun,
    lex:LinkInfrastructure): "A und B arbeiten an einem gemeinsamen Wasserstoffprojekt", "A and B
    are working on a joint hydrogen project", "A plans a joint pipeline with B". The subjects and
    with-phrases of the whole clause, two to five; none in a negated clause."""
    toks = an.tokens
    k = p.head
    if not p.attributive or toks[k].pos != "ADJ":
        return []
    j = k + 1
    while j < len(toks) and j - k <= 3 and toks[j].pos in ("ADJ", "NOUN") and not (_project_word(an, j) or _link_word(an, j)):
        j += 1
    if j >= len(toks) or not (_project_word(an, j) or _link_word(an, j)):
        return []
    clause = set(an.syntax.clauses[p.clause].tokens)
    if any("NegationCue" in an.cats(i) for i in clause):
        return []
    acts = [a.iri for a in an.actors_by_sent.get(p.sent, []) if a.iri and a.kind != "group" and a.start in clause
            and (a.function == "core" or a.function == "with" and a.prep in WITH_PREPS)]
    acts = list(dict.fromkeys(acts))
    return acts if 2 <= len(acts) <= 5 else []


def _subject_names(an, p: Predicate, start: int) -> list[str]:
    """The names of the subject that starts at token start, before the clause's first verb
    (adjectives, articles and descriptive nouns before the name allowed: "the Italian group X")."""
    toks = an.tokens
    verb = next((j for j in sorted(p.tokens) if j >= start and toks[j].pos in ("VERB", "AUX")), None)
    if verb is None:
        return []
    return [a.iri for a in an.actors_by_sent.get(p.sent, []) if a.iri and start <= a.start < verb
            and a.function == "core" and a.kind != "group"]


def _venture_objects(an, sent: int, clause: set[int], agents: list[str]) -> set[str]:
    """The agents that are the named object of their clause, not a subject: a name right after a
    venture noun (lex:VentureNoun) with an article, after the clause's other subject ("Zusammen mit
    A betreibt der Konzern das Gemeinschaftsunternehmen X GmbH", "together with A, the group runs
    the joint venture X Ltd"): what the subject operates, not who cooperates."""
    toks = an.tokens
    words = an.gaz.words("VentureNoun")
    acts = [a for a in an.actors_by_sent.get(sent, []) if a.start in clause and a.function == "core"]
    out = set()
    for a in acts:
        if not a.iri or a.iri not in agents or a.start < 2:
            continue
        noun = a.start - 1
        if toks[noun].pos != "NOUN" or toks[noun].fold not in words and fold(toks[noun].lemma) not in words:
            continue
        det = noun - 1
        while det > 0 and toks[det].pos == "ADJ":
            det -= 1
        if toks[det].pos != "DET":
            continue
        if any(b.start < det and b is not a and not any(toks[j].pos == "CCONJ" or toks[j].text == "," for j in range(b.end, det))
               for b in acts):
            out.add(a.iri)   # another subject before it, not joined to it by a list
    return out


ASSIST_PREPS = {"with", "mit"}


GIVER_LINKS = {"of", "from", "von", "aus"}


def assisted_partners(an) -> list[tuple[list[str], list[str], int]]:
    """Help that one actor gives another in an undertaking, which makes them cooperate: a verb of
    helping (lex:AssistVerb) with a named subject and, as its object, another named actor ("Japan
    is helping Indonesia develop geothermal power", "Japan unterstützt Indonesien beim Ausbau der
    Geothermie"; in German the clause's two actors, not joined by a coordinator), and a noun of
    help (lex:AssistNoun) after "with"/"mit" whose giver is a country adjective before it or a name
    right after it ("with the support of Germany, Chile is building …", "mit deutscher
    Unterstützung baut Chile …"): the giver with the clause's subjects. Not a negated clause, not a
    passive verb. Returns (givers, helped, sentence)."""
    toks = an.tokens
    verbs, nouns = an.gaz.words("AssistVerb"), an.gaz.words("AssistNoun")
    money = an.gaz.words("MoneyWord")
    if not verbs and not nouns:
        return []
    out = []
    for s, acts in an.actors_by_sent.items():
        sent = an.sentences[s]
        named = [a for a in acts if a.iri and a.kind != "group"]
        if len({a.iri for a in named}) < 2:
            continue
        for k in range(sent.start, sent.end):
            t = toks[k]
            verb = t.pos == "VERB" and (fold(t.lemma) in verbs or t.fold in verbs)
            noun = (t.pos == "NOUN" or t.tag == "VVG" and k > sent.start and toks[k - 1].fold in ASSIST_PREPS) \
                and (fold(t.lemma) in nouns or t.fold in nouns)   # (a gerund right after "with": "with funding from X")
            if not (verb or noun) or an.org_at(k) is not None:
                continue
            clause = an.syntax.clause_of[k]
            p = Predicate("assist", k, s, clause)
            p.tokens = set(an.syntax.clauses[clause].tokens)
            if any("NegationCue" in an.cats(j) for j in p.tokens):
                continue
            core = [a for a in named if a.start in p.tokens and a.function == "core"]
            if verb:
                core = [a for a in core if a.form != "adj"]   # "German companies are ready to help": not Germany
                p.voice = _voice(an, p)
                if p.voice == "passive":
                    continue
                if an.lang == "en":
                    after = [a for a in core if a.start > k]
                    subj = [a.iri for a in core if a.start < k]
                    if subj and after and all(toks[j].pos == "DET" for j in range(k + 1, after[0].start)):
                        out.append((subj, [after[0].iri], s))
                elif len(core) == 2 and core[0].iri != core[1].iri and not any(
                        toks[j].pos == "CCONJ" or toks[j].text == "," for j in range(core[0].end, core[1].start)):
                    out.append(([core[0].iri], [core[1].iri], s))
                continue
            b = k - 1
            while b >= sent.start and toks[b].pos in ("ADJ", "DET") and k - b <= 3:
                b -= 1
            if b < sent.start or toks[b].fold not in ASSIST_PREPS:
                continue
            givers = [a.iri for a in named if a.form == "adj" and a.kind in ("country", "region") and b < a.start and a.end == k
                      or 0 < a.start - k <= 3 and all(toks[j].pos == "DET" or toks[j].fold in GIVER_LINKS
                                                     for j in range(k + 1, a.start))]
            if not givers:
                continue
            if (t.fold in money or fold(t.lemma) in money or _financing(an, k)) and _first_verb_passive(an, p):
                continue   # money given for a clause in the passive ("Total investment is estimated at …, with funding from X"): no helped subject
            helped = [a.iri for a in core if a.iri not in givers]
            if helped:
                out.append((givers[:1], list(dict.fromkeys(helped)), s))
    return out


OFFER_LEMMAS = {"offer", "anbieten"}


def financed_partners(an) -> list[tuple[list[str], list[str], int]]:
    """Money one actor lends or gives another for its undertaking, which makes them cooperate: a
    verb of financing (lex:FundingVerb: finance, fund, lend, finanzieren), or a verb of giving
    (lex:LendingVerb) whose clause has a word of lending or of money (lex:FinancingWord,
    lex:MoneyWord). The giver is its named subject; the receiver a name in a to-/an-phrase
    ("is lending $200 million to Y", "vergibt einen Kredit an Y"), the English object right after
    the verb ("grants Y a loan"), the German clause's other, not coordinated subject ("die KfW
    stellt dem Versorger Y 200 Millionen Euro bereit"), or the client whose facility it finances
    (:func:`_clients`: "finances Y's grid", "finanziert das Kraftwerk der Y"; an organisation).
    In the passive the givers stand in the by-/von-phrase and the receiver owns the facility
    ("the plant of Y is co-financed by A and B"). Not a negated or planned clause (financing
    offered, considered or negotiated is no cooperation yet). Returns (givers, receivers, sentence)."""
    toks = an.tokens
    verbs = an.gaz.words("FundingVerb")
    giving = an.gaz.words("LendingVerb")
    money = an.gaz.words("MoneyWord") | an.gaz.words("FinancingWord")
    recipient = an.gaz.words("RecipientPreposition")   # "lends $200 million to Y", "vergibt einen Kredit an Y"
    out = []
    for s, acts in an.actors_by_sent.items():
        named = [a for a in acts if a.iri and a.kind != "group"]
        if len({a.iri for a in named}) < 2:
            continue
        sent = an.sentences[s]
        for k in range(sent.start, sent.end):
            t = toks[k]
            if t.pos != "VERB":
                continue
            lemma = fold(t.lemma or "")
            funding = lemma in verbs or t.fold in verbs
            if not funding and (lemma not in giving and t.fold not in giving or lemma in OFFER_LEMMAS):
                continue   # (an offered sum is no financing yet)
            p = _clause_predicate(an, "finance", k)
            if p.mode == "negated" or p.mode == "planned" and not any(
                    j < k and toks[j].pos == "VERB" and "AgreeVerb" in an.cats(j) for j in p.tokens):
                continue   # (a financing agreed to is one: "has agreed to lend")
            if not funding and not any(toks[j].fold in money or an.lang == "de" and toks[j].pos == "NOUN" and _financing(an, j)
                                       for j in p.tokens):
                continue
            inside = [a for a in named if a.start in p.tokens]
            if p.voice == "passive":
                givers = [a.iri for a in inside if a.prep in BY and (an.lang == "de" or a.start > k)]
                receivers = _owners_of_financed(an, p, k, inside)
            else:
                core = [a for a in inside if a.function == "core" and a.form not in ("adj", "part")]
                givers = [a.iri for a in core if an.lang == "de" or a.start < k][:1]
                n = 1   # the givers: the first subject and those listed with it ("die KfW und die Weltbank stellen der Y …")
                while givers and n < len(core) and (an.lang == "de" or core[n].start < k) and _listed_with(an, core[n - 1].end, core[n].start):
                    givers.append(core[n].iri)
                    n += 1
                receivers = [a.iri for a in inside if a.prep in recipient and a.function in ("loc", "pp", "mod")
                             and a.start > (k if an.lang == "en" else sent.start)]
                if not receivers and an.lang == "en":
                    after = [a for a in core if a.start > k]
                    if after and not funding and all(toks[j].pos == "DET" for j in range(k + 1, after[0].start)):
                        receivers = [after[0].iri]   # "grants Y a loan"
                elif not receivers and n < len(core) <= n + 3:
                    # the clause's other subjects: "die KfW stellt dem Versorger Y … bereit", each further one too
                    # ("gewährt dem Y einen Kredit und dem Z einen …")
                    receivers = [a.iri for a in core[n:]]
                if not receivers:
                    receivers = _owners_of_financed(an, p, k, inside) or [i for i in _clients(an, p, k) if an.kind_of(i) == "org"] \
                        or _builders_of_financed(an, p, k)
            receivers = [i for i in dict.fromkeys(receivers) if i not in givers]
            if givers and receivers:
                out.append((list(dict.fromkeys(givers)), receivers, s))
    return out


def _owners_of_financed(an, p: Predicate, k: int, inside: list) -> list[str]:
    """The organisations whose thing a verb of financing at token k pays for: the possessive,
    genitive or of-phrase of a noun of its clause, with no comma between the verb and the noun (in
    English after the verb, unless passive): "finances Y's new wind farm", "the grid of Y is funded
    by X", "finanziert den Ausbau des Netzes der Y". Whatever of an organisation a lender pays for,
    it pays for that organisation."""
    toks = an.tokens
    out = []
    for a in inside:
        h = a.head
        if a.kind != "org" or a.function != "mod" or a.form == "adj" or a.prep in BY or h is None \
                or h not in p.tokens or toks[h].pos != "NOUN" or h in an.person_at:
            continue
        if an.lang == "en" and p.voice != "passive" and h < k:
            continue
        if any(toks[j].text in (",", ";") for j in range(min(h, k), max(h, k))):
            continue
        out.append(a.iri)
    return out


def _builders_of_financed(an, p: Predicate, k: int) -> list[str]:
    """The named subjects of a relative clause on a noun that a verb of financing at token k pays
    for, when that clause builds or runs it (lex:ProjectVerb): "lends $100 million for the solar
    park that Gujarat is building", "finanziert den Solarpark, den Gujarat baut". The one who
    builds what a lender finances is the one it finances."""
    toks = an.tokens
    starts = an.gaz.words("RelativeStart") | an.gaz.words("EnglishRelative")
    sent = an.sentences[p.sent]
    out = []
    for j in range(k + 1, sent.end):
        if j in p.tokens or toks[j].fold not in starts:
            continue
        noun = j - 1 - (toks[j - 1].text == ",")
        if noun not in p.tokens or toks[noun].pos != "NOUN":
            continue
        clause = an.syntax.clause_of[j]
        rel = an.syntax.clauses[clause].tokens
        if not any(toks[m].pos == "VERB" and "ProjectVerb" in an.cats(m) for m in rel):
            continue
        out += [a.iri for a in an.actors_by_sent.get(p.sent, []) if a.iri and a.kind != "group" and a.start in rel
                and a.function == "core" and a.form not in ("adj", "part")]
        break
    return list(dict.fromkeys(out))


def _listed_with(an, i: int, j: int) -> bool:
    """Tokens i..j-1 only join two names of one list: a coordinator or comma, maybe articles ("A und
    die B", "A, B"); an article alone does not ("A der B": a dative or genitive)."""
    gap = [an.tokens[m] for m in range(i, j)]
    return any(t.pos == "CCONJ" or t.text == "," for t in gap) and all(t.pos in ("CCONJ", "DET") or t.text == "," for t in gap)


def _first_verb_passive(an, p: Predicate) -> bool:
    """The first verb of p's clause is in the passive (unlike predicate_args._passive_clause, which
    asks this of a predicate that is no verb, for its participles)."""
    verb = next((j for j in sorted(p.tokens) if an.tokens[j].pos == "VERB"), None)
    if verb is None:
        return False
    q = Predicate(p.kind, verb, p.sent, p.clause)
    q.tokens = p.tokens
    return _voice(an, q) == "passive"


OWNER_PREPS = {"of", "by", "von", "aus", "between", "zwischen"}


def joint_owners(an) -> list[tuple[list[str], int]]:
    """The owners of one company or venture, listed after a joint-ownership word
    (lex:JointOwnerCue) and a preposition: "a joint venture of A and B", "a company owned by A, B,
    C and D", "ein Gemeinschaftsunternehmen von A und B".
    The list runs to the next verb or the end of the sentence part. Returns (organisations, sentence)
    for two to eight distinct ones."""
    toks = an.tokens
    out = []
    for k, lexm in an.lex_at.items():
        if lexm.start != k or "JointOwnerCue" not in lexm.cats:
            continue
        if toks[k].pos == "VERB" and toks[k].tag not in ("VVN",):
            continue   # "owned by": the participle, not "A owns B"
        prep = lexm.end
        if prep < len(toks) and toks[prep].pos == "NOUN" and "CompanyWord" in an.cats(prep):
            prep += 1   # "a joint venture company of A and B"
        if prep >= len(toks) or not (toks[prep].fold in OWNER_PREPS
                                     or an.lang == "de" and toks[prep].fold in GENITIVE_ARTICLES and toks[k].pos == "NOUN"):
            continue   # (German: "ein Gemeinschaftsunternehmen der A und der B", the owners in the genitive)
        sent = an.sent_of[k]
        owners = _owner_list(an, sent, prep)
        if 2 <= len(owners) <= 8:
            out.append((owners, sent))
    return out


def _owner_list(an, sent: int, prep: int) -> list[str]:
    """The owners listed after token prep: organisations, and states named as a member of the
    list ("owned by A with 40 percent, B with 30 percent and the Republic of Ruritania": after a
    comma, a coordinator or prep itself; not a state's adjective nor a place, "a venture of A
    and B in Ruritania"), up to a verb, a semicolon or the sentence's end; not one that only
    describes a listed company ("A's subsidiary B")."""
    toks = an.tokens
    out = []
    for a in an.actors_by_sent.get(sent, []):
        if a.start <= prep or not a.iri or a.end < len(toks) and toks[a.end].fold in ("'s", "’s"):
            continue
        if a.kind != "org" and not (a.kind in ("country", "region") and a.form not in ("adj", "part") and a.function not in ("mod", "loc")
                                    and _list_member_start(an, a.start, prep)):
            continue
        between = [j for j in range(prep + 1, a.start) if j not in an.person_at and an.org_at(j) is None]
        if not out and any(toks[j].pos == "NUM" for j in between):
            break   # "a joint venture of three state companies, A, B and C": the holding's shareholders, not listed as partners
        if any(toks[j].pos in ("VERB", "AUX") or toks[j].text in (";", ".") for j in between) \
                or any(toks[j].text == "(" and not _short_aside(an, j, a.start) for j in between):
            break
        out.append(a.iri)
    return list(dict.fromkeys(out))


def _list_member_start(an, start: int, prep: int) -> bool:
    """The name at token start opens a member of a list: only articles and nouns stand between it
    and a comma, a coordinator or token prep before it ("und der Republik Polen")."""
    j = start - 1
    while j > prep and an.tokens[j].pos in ("DET", "NOUN"):
        j -= 1
    return j == prep or an.tokens[j].text == "," or an.tokens[j].pos == "CCONJ"


GENITIVE_ARTICLES = {"der", "des"}


def venture_partners(an) -> list[tuple[list[str], int]]:
    """The partners of one venture that a clause lists after a partner noun owned by the venture:
    a possessive (lex:PossessiveDeterminer, lex:RelativePossessive) before the noun whose nearest
    noun before it in the sentence is a venture noun (lex:VentureNoun), then a verb of being and
    the list (:func:`_owner_list`): "X leads the venture; its partners are A and B", "X holds 30
    percent of the joint venture, whose other partners are A with 55 percent and B with 15
    percent", "das Gemeinschaftsunternehmen, dessen weitere Partner A und B sind". They take part
    in one undertaking, so each two of them cooperate; after "other" (lex:RemainderWord,
    lex:AdditionCue: "other", "weitere") the subject of the venture's clause is one of them too.
    Not in a negated clause. Returns (actors, sentence) for two to eight distinct ones."""
    toks = an.tokens
    owning = an.gaz.words("PossessiveDeterminer") | an.gaz.words("RelativePossessive")
    ventures, others = an.gaz.words("VentureNoun"), an.gaz.words("RemainderWord")
    out = []
    for s, acts in an.actors_by_sent.items():
        sent = an.sentences[s]
        for k in range(sent.start + 2, sent.end - 2):
            if not _partner_noun(an, k):
                continue
            j = k - 1
            other = False
            while j > sent.start and toks[j].pos == "ADJ":
                other = other or toks[j].fold in others or "AdditionCue" in an.cats(j)
                j -= 1
            if toks[j].fold not in owning:
                continue
            v = next((n for n in range(j - 1, sent.start - 1, -1) if toks[n].pos in ("NOUN", "PROPN")), None)
            if v is None or toks[v].fold not in ventures and fold(toks[v].lemma) not in ventures:
                continue
            clause = an.syntax.clause_of[k]
            if any("NegationCue" in an.cats(n) for n in an.syntax.clauses[clause].tokens):
                continue
            verb = next((n for n in range(k + 1, sent.end) if toks[n].pos in ("VERB", "AUX")), None)
            if verb is None or fold(toks[verb].lemma) not in COPULAS:
                continue
            if an.lang == "de" and verb > k + 1:   # "dessen weitere Partner A und B sind": the list before the verb
                members = _owner_list(an, s, k)
                members = [i for i in members if any(a.iri == i and a.start < verb for a in acts)]
            else:
                members = _owner_list(an, s, verb)
            if other:
                vclause = an.syntax.clause_of[v]
                members = [a.iri for a in acts if a.iri and a.start < v and a.function == "core" and a.form not in ("adj", "part")
                           and an.syntax.clause_of[a.start] == vclause][:1] + members
            members = list(dict.fromkeys(members))
            if 2 <= len(members) <= 8:
                out.append((members, s))
    return out


def _short_aside(an, j: int, limit: int) -> bool:
    """A parenthesis at token j that closes within three tokens and before token limit, with no
    verb in it: the abbreviation or seat of a name in a list ("A (ABC) and B"), not a clause."""
    toks = an.tokens
    for m in range(j + 1, min(j + 5, limit)):
        if toks[m].text == ")":
            return True
        if toks[m].pos in ("VERB", "AUX") or toks[m].text in ("(", ",", ";"):
            return False
    return False


def co_financiers(an, g) -> list[tuple[list[str], str, int]]:
    """Organisations a clause names as lenders or financiers beside the text's financing: a noun of
    lex:FinancierNoun in a clause of being or including (a copula, lex:IncludeVerb), not negated
    ("Other lenders to the project include A and B", "A and B are co-financiers of the plant",
    "Weitere Geldgeber des Projekts sind A und B", "Zu den Kreditgebern gehören außerdem A und B").
    Each of them finances the same borrower: the one party that is no lender of the financing
    (an agreement asserted with a word of lending, :func:`_financing`) told last before the clause,
    or first after it. Returns (organisations, borrower, sentence)."""
    words = an.gaz.words("FinancierNoun")
    toks = an.tokens
    loans = []
    for a in g.agreements:
        ms = [m for m in a.mentions if m.status == "asserted" and m.predicate is not None]
        if not ms or not any(_financing(an, k) for m in ms for k in m.predicate.tokens | set(range(m.start, m.end))):
            continue
        borrowers = [p for p in a.parties if not _lender(an, p) and not _lender_by_name(an, p)]
        if len(borrowers) == 1 and len(a.parties) >= 2:
            loans.append((min(m.sent for m in ms), borrowers[0]))
    if not loans:
        return []
    out = []
    for s, acts in an.actors_by_sent.items():
        sent = an.sentences[s]
        for k in range(sent.start, sent.end):
            t = toks[k]
            if t.pos != "NOUN" or not (t.fold in words or an.lang == "de" and _compound_of(t.fold, words)):
                continue
            clause = an.syntax.clause(k).tokens
            if not any(toks[j].lemma in COPULAS or "IncludeVerb" in an.cats(j) and toks[j].pos == "VERB" for j in clause) \
                    or any("NegationCue" in an.cats(j) for j in clause):
                continue
            before = [b for s0, b in loans if s0 <= s]
            borrower = before[-1] if before else loans[0][1]
            lenders = [x.iri for x in acts if x.iri and x.kind == "org" and x.start in clause and x.iri != borrower
                       and x.function in ("core", "pp", "loc", "agr")]
            lenders = list(dict.fromkeys(lenders))
            if lenders:
                out.append((lenders, borrower, s))
            break
    return out


def _lender_by_name(an, iri: str) -> bool:
    """An organisation one of whose names in the gazetteer has a word of lex:LenderWord ("KfW",
    also called "KfW Development Bank"); the table is built once per gazetteer."""
    return iri in an.gaz.cached("lender_iris", _lender_iris)


def _lender_iris(gaz) -> set[str]:
    """The organisations one of whose names has a word of lex:LenderWord (see :func:`_lender_by_name`)."""
    words = gaz.words("LenderWord")
    found = set()
    for phrase, entries in gaz.phrases.items():
        if any(w in words or len(w) > 6 and any(w.endswith(x) for x in words if len(x) >= 4) for w in phrase):
            found.update(e[0] for e in entries)
    return found


SIDE_NOUNS = {"seite", "side"}


SIDE_PREPS = {"auf", "on"}


SIDE_AGENT_PREPS = {"von", "by", "durch"}


def side_partners(an) -> list[tuple[list[list[str]], int]]:
    """Organisations a clause places on two sides of one undertaking: "X auf peruanischer
    und Y auf chilenischer Seite", "geleitet auf peruanischer Seite von X und Y, auf
    chilenischer Seite von Z", "led on the Peruvian side by X and on the Chilean side by Y". Each
    side is an adjective of a country or region after "auf"/"on" with the noun "Seite"/"side"
    (once for both: "auf peruanischer und … auf chilenischer Seite"); its organisations stand right
    before the phrase or follow it after "von"/"by". Returns (organisations per side, sentence)
    for two or more sides that each have some."""
    toks = an.tokens
    out = []
    for s, acts in an.actors_by_sent.items():
        sent = an.sentences[s]
        if not any(toks[k].fold in SIDE_NOUNS for k in range(sent.start, sent.end)):
            continue
        markers = [a for a in acts if a.iri and a.kind in ("country", "region") and a.form == "adj"
                   and (a.prep in SIDE_PREPS or a.start > sent.start and toks[a.start - 1].fold in SIDE_PREPS)]
        valid = []
        for n, a in enumerate(markers):
            nxt = toks[a.end].fold if a.end < sent.end else ""
            if nxt in SIDE_NOUNS or nxt in ("und", "and") and any(toks[b.end].fold in SIDE_NOUNS for b in markers[n + 1:]
                                                                  if b.end < sent.end):
                valid.append(a)
        if len({a.iri for a in valid}) < 2:
            continue
        orgs = [a for a in acts if a.iri and a.kind == "org"]
        sides: dict[str, list[str]] = {}
        for n, a in enumerate(valid):
            prep = a.start - 1
            while prep > sent.start and toks[prep].pos == "DET":
                prep -= 1
            if toks[prep].fold not in SIDE_PREPS:
                continue
            limit = valid[n + 1].start - 1 if n + 1 < len(valid) else sent.end
            members = [o.iri for o in orgs if o.end == prep]   # "X auf peruanischer Seite"
            after = a.end + (1 if a.end < sent.end and toks[a.end].fold in SIDE_NOUNS else 0)
            if after < sent.end and toks[after].text == ",":
                after += 1
            if after < sent.end and toks[after].fold in SIDE_AGENT_PREPS:   # "auf peruanischer Seite von X und Y"
                members += [o.iri for o in orgs if after < o.start < limit]
            if members:
                sides.setdefault(a.iri, []).extend(i for i in members if i not in sides.get(a.iri, []))
        if len(sides) >= 2:
            out.append((list(sides.values()), s))
    return out


JOINT_PREPS = WITH_PREPS - {"with", "mit"}   # prepositions of joint action: all named in one take part together


def _link_word(an, k: int) -> bool:
    """A noun for infrastructure that links places (pipeline, interconnector, Stromkabel)."""
    tok = an.tokens[k]
    if tok.pos not in ("NOUN", "PROPN"):
        return False
    words = an.gaz.words("LinkInfrastructure")
    return tok.fold in words or fold(tok.lemma) in words


def _project_word(an, k: int) -> bool:
    """A noun of one shared undertaking (lex:JointProjectNoun: project, Projekt, Vorhaben)."""
    tok = an.tokens[k]
    words = an.gaz.words("JointProjectNoun")
    return tok.fold in words or fold(tok.lemma) in words or an.lang == "de" and _compound_of(tok.fold, words)


def _ends_in_shared_noun(an, k: int) -> bool:
    """A hyphenated token whose last part is a linking or project noun: "Peru-Chile-Pipeline",
    "Kenia-Tansania-Projekts"."""
    parts = an.tokens[k].fold.split("-")
    if len(parts) < 3:
        return False
    last = parts[-1]
    words = an.gaz.words("LinkInfrastructure") | an.gaz.words("JointProjectNoun")
    return last in words or an.lang == "de" and _compound_of(last, words)


def linked_ends(an) -> list[tuple[list[str], int]]:
    """Countries and regions that a piece of infrastructure links, which the text states as a
    cooperation between them: the ends of a hyphenated name before the noun ("the A-B gas
    pipeline", "das deutsch-norwegische Stromkabel"), a between-phrase of the noun ("the
    interconnector between A and B", "die Leitung zwischen A und B"), and the objects of a verb of
    connecting whose clause names the noun or is a relative clause on it ("a pipeline is to connect
    A and B", "eine Gasleitung soll A und B verbinden", "das Seekabel, das A und B verbinden soll"),
    its objects also as the genitive or of-phrase of a noun ("connect the power grids of A and B",
    "die Stromnetze Tunesiens und Italiens verbinden"). A hyphenated name before a noun of one shared undertaking
    (lex:JointProjectNoun) counts the same way ("the A-B-C power integration project", "das
    deutsch-chilenische Wasserstoffprojekt"), and so does a hyphenated word whose last part is
    either noun ("die A-B-Pipeline"). Returns (actor IRIs, sentence) for two or more distinct ends."""
    toks = an.tokens
    verbs = an.gaz.words("ConnectVerb")
    out: list[tuple[list[str], int]] = []
    for s, acts in an.actors_by_sent.items():
        sent = an.sentences[s]
        links = [k for k in range(sent.start, sent.end) if toks[k].pos in ("NOUN", "PROPN") and _link_word(an, k)]
        places = [a for a in acts if a.iri and a.kind in ("country", "region")]
        heads = links
        if any(a.form == "part" for a in places):   # (only a hyphenated name's parts look for a project noun)
            heads = links + [k for k in range(sent.start, sent.end) if toks[k].pos in ("NOUN", "PROPN") and _project_word(an, k)]
        by_compound: dict[int, list[str]] = {}
        for a in places:
            if a.form == "part" and (a.head is not None and any(a.end <= k <= a.head for k in heads)
                                     or any(a.end <= k <= a.end + 3 and all(toks[j].pos in ("ADJ", "NOUN") for j in range(a.end, k))
                                            for k in heads)
                                     or a.end == a.start + 1 and _ends_in_shared_noun(an, a.start)):
                by_compound.setdefault(a.start, []).append(a.iri)
        for a in places:   # "the Lao PDR-Cambodia-Vietnam line": a name whose last word opens the chain
            if a.form != "part" and a.end in by_compound and a.head is not None \
                    and any(b.start == a.end and b.head == a.head for b in places) and a.iri not in by_compound[a.end]:
                by_compound[a.end].insert(0, a.iri)
        if not links and not by_compound:
            continue
        groups = list(by_compound.values())
        for k in links:   # the noun, maybe an adjective, then "between"/"zwischen" and its names
            j = k + 1
            while j < sent.end and j - k <= 2 and toks[j].pos == "ADJ":
                j += 1
            if j < sent.end and toks[j].fold in ("between", "zwischen"):
                groups.append([a.iri for a in places if a.function == "between" and j < a.start <= j + 12
                               and an.syntax.same_clause(a.start, j)])
        for k in range(sent.start, sent.end):
            if toks[k].pos != "VERB" or fold(toks[k].lemma) not in verbs:
                continue
            clause = an.syntax.clause_of[k]
            if not any(an.syntax.clause_of[j] == clause for j in links) and not _relative_on_link(an, clause, links):
                continue
            groups.append([a.iri for a in places if an.syntax.clause_of[a.start] == clause
                           and (a.function in ("core", "with", "between")
                                or a.function == "loc" and a.prep in ("to", "with", "mit", "an")
                                or a.function == "mod" and a.form != "adj" and a.head is not None and toks[a.head].pos == "NOUN"
                                and an.syntax.clause_of[a.head] == clause)])   # "connect the grids of A and B"
        for grp in groups:
            ends = list(dict.fromkeys(grp))
            if len(ends) >= 2:
                out.append((ends, s))
    return out


def _relative_on_link(an, clause: int, links: list[int]) -> bool:
    """The clause is a relative clause on a linking noun: it opens with a relative word after a
    comma that closes the noun's phrase, maybe a name after the noun ("the planned cable, which
    is to connect A and B", "das Seekabel Elmed, das A und B verbinden soll")."""
    toks = an.tokens
    first = min(an.syntax.clauses[clause].tokens)
    if first < 2 or toks[first - 1].text != "," or toks[first].fold not in an.gaz.words("RelativeStart") | an.gaz.words("EnglishRelative"):
        return False
    return any(first - 5 <= k < first - 1 and all(toks[j].pos in ("NOUN", "PROPN") for j in range(k + 1, first - 1))
               for k in links)


def planned_supplies(an, g) -> list[tuple[list[str], list[str], int, str]]:
    """The supply relations of :func:`supply_relations` with the mode of their verb ("planned"
    for "is to supply", "sollen … erhalten"; "asserted" otherwise)."""
    rel = supply_relations(an, g)
    return [(a, b, s, m) for (a, b, s), m in zip(rel, an.__dict__["_supply_modes"])]


def _facility_nouns(gaz) -> frozenset[str]:
    """The one-word nouns of lex:ProjectReference, folded (computed once per gazetteer)."""
    return gaz.cached("facility_nouns", lambda g: frozenset(w[0] for w in g.lex_words("ProjectReference") if len(w) == 1))


def _facility_word(an, k: int) -> bool:
    """A noun of a plant, line or site (lex:ProjectReference, also as the head of a German
    compound: "Kernkraftwerk"), or of a shared project or link."""
    tok = an.tokens[k]
    if tok.pos not in ("NOUN", "PROPN"):
        return False
    words = _facility_nouns(an.gaz)
    return "ProjectReference" in an.cats(k) or an.lang == "de" and _compound_of(tok.fold, words) \
        or _project_word(an, k) or _link_word(an, k)


def _clients(an, p: Predicate, k: int) -> list[str]:
    """Those a verb of building or operating (lex:ProjectVerb at token k) works for: a name in its
    for-phrase ("Tesla built storage for the utility X", "baut für die Y einen Windpark") or the
    owner of the facility it builds, a possessive or genitive at the facility noun ("X will operate
    Y's new LNG terminal", "baut das Kraftwerk der Y aus"; an organisation only: a country's
    possessive tells where the facility is, "operates Germany's largest wind farm"). A contractor
    and its client cooperate on the project. In English only after the verb."""
    toks = an.tokens
    out = []
    acts = an.actors_by_sent.get(p.sent, [])
    starts = {a.start for a in acts}
    for a in acts:
        if not a.iri or a.kind == "group" or a.start not in p.tokens or an.lang == "en" and a.start < k:
            continue
        if a.end in starts:
            continue   # a name run on by another ("Southern California Edison" read in parts): not one client
        if a.function == "for" and (a.head is None or a.head < a.start):
            out.append(a.iri)
            continue
        if a.function == "mod" and a.form != "adj" and a.head is not None and a.head < a.start and a.head in p.tokens \
                and _facility_word(an, a.head):
            out.append(a.iri)   # "das Kraftwerk der Y"
            continue
        if a.kind != "org":
            continue   # "RWE operates Germany's largest lignite plant": a country's possessive tells where, not whose
        owner = a.function == "mod" and a.form != "adj" and a.head is not None and a.head > a.start \
            or a.form == "genitive" or a.end < len(toks) and toks[a.end].text in ("'s", "’s", "'")
        if not owner:
            continue
        j = a.end + (1 if a.end < len(toks) and toks[a.end].pos == "PART" or toks[a.end].text in ("'s", "’s", "'") else 0)
        limit = j + 5   # up to four modifiers ("Poland's first large nuclear power plant")
        while j < min(limit, len(toks)) and j in p.tokens and toks[j].pos in ("ADJ", "ADV", "NUM", "NOUN", "PROPN"):
            if _facility_word(an, j):
                out.append(a.iri)
                break
            j += 1
    return list(dict.fromkeys(out))


def _joint_builders(an, p: Predicate, k: int) -> list[str]:
    """Two to four companies named as the joint subject of a verb of building, developing or
    operating (token k) whose object is a facility: "A and B are building a wind farm off Poland",
    "a refinery that A and B plan to build", "A und B betreiben den Windpark". They carry out one
    undertaking together. Companies only (coordinated states each build their own: "Germany and
    Italy are building LNG terminals"); the names must form one list (only commas and "and"/"und"
    between them), in English before the verb."""
    toks = an.tokens
    acts = [a for a in an.actors_by_sent.get(p.sent, []) if a.iri and a.start in p.tokens and a.function == "core"
            and a.form not in ("adj", "part") and a.kind != "group" and (an.lang == "de" or a.start < k)]
    if not 2 <= len(acts) <= 4 or any(an.kind_of(a.iri) != "org" for a in acts):
        return []
    each = an.gaz.words("EachQuantifier")
    if any(toks[j].fold in each or "DistributiveCue" in an.cats(j) for j in p.tokens):
        return []   # "A and B are each building a wind farm", "bauen jeweils einen Windpark": two undertakings
    acts.sort(key=lambda a: a.start)
    homes = {j for a in an.actors_by_sent.get(p.sent, []) if a.function == "orgmod" for j in range(a.start, a.end)}
    for x, y in zip(acts, acts[1:]):
        gap = range(x.end, y.start)
        if not all(toks[j].pos in ("CCONJ", "DET", "ADJ") or toks[j].text == "," or toks[j].pos == "NOUN" and j > x.end
                   or j in homes for j in gap) or not any(toks[j].pos == "CCONJ" or toks[j].text == "," for j in gap):
            return []   # (descriptive nouns allowed after the coordinator: "A and the trading house B", "A and U.S. group B")
    if not any(_facility_word(an, j) or toks[j].pos == "NOUN" and "ProjectWord" in an.cats(j) for j in p.tokens if j != k):
        return []   # a plant, line, site or refinery (lex:ProjectReference, lex:ProjectWord)
    ids = list(dict.fromkeys(a.iri for a in acts))
    return ids if len(ids) >= 2 else []


def joint_projects(an, g) -> list[tuple[list[str], list[str], int, bool]]:
    """A project carried out with a partner: a verb of building, developing, operating or
    financing whose clause names its subject and, in a with-phrase, a partner ("X is building the
    plant with Y", "X baut das Kraftwerk zusammen mit Y", "X operates the field with partners Y and
    Z"). Without a with-phrase, the client it builds or operates for (:func:`_clients`: "X built
    storage for Y", "X will operate Y's terminal"). Not a negated one. Returns (subjects,
    partners, sentence, joint): joint when every partner
    stands in a phrase of joint action (JOINT_PREPS: "together with A and B", "gemeinsam mit A und
    B"), which makes the partners of that one undertaking partners of each other as well; a bare
    "with" does not ("X buys gas with contracts with A and B")."""
    toks = an.tokens
    out = []
    for k, lexm in an.lex_at.items():
        if lexm.start != k or "ProjectVerb" not in lexm.cats or toks[k].pos != "VERB" or an.org_at(k) is not None:
            continue
        p = _clause_predicate(an, "project", k)
        sent = p.sent
        if p.mode == "negated":
            continue
        partners = [a.iri for a in an.actors_by_sent.get(sent, []) if a.start in p.tokens and a.iri
                    and a.function == "with" and a.prep in WITH_PREPS and (an.lang == "de" or a.start > k)]
        causer = next((j for j in sorted(p.tokens) if j < k and toks[j].pos == "VERB" and "CausativeVerb" in an.cats(j)), None)
        if not partners and causer is not None:   # "A lässt das Werk von B erweitern": B builds it for A
            partners = [a.iri for a in an.actors_by_sent.get(sent, []) if a.iri and causer < a.start < k
                        and a.prep in BY and a.function in ("mod", "by", "loc", "pp")]
        named = None
        if not partners and p.voice == "active":
            partners = _clients(an, p, k)
            # the contractor is a named subject, not the adjective of one ("a Japanese-French consortium")
            named = {a.iri for a in an.actors_by_sent.get(sent, []) if a.iri and a.start in p.tokens
                     and a.function == "core" and a.form not in ("adj", "part")}
        if not partners and p.voice == "active":
            joint = _joint_builders(an, p, k)
            if joint:   # "A and B are building the wind farm", "die A und B betreiben den Windpark"
                out.append((joint[:1], joint[1:], sent, True))
                continue
        if not partners:
            continue
        args = predicate_args(an, p)
        agents = [i for x in args.agents for i in (_resolve(an, g, None, x, args) if x.kind == "group" else [x.iri])
                  if i and i not in partners and (named is None or i in named)]
        objects = _venture_objects(an, sent, p.tokens, agents) if len(agents) >= 2 else set()
        agents = [i for i in agents if i not in objects]
        if agents:
            partners = list(dict.fromkeys(partners))
            joint = 2 <= len(partners) <= 4 and all(a.prep in JOINT_PREPS for a in an.actors_by_sent.get(sent, [])
                                                    if a.iri in partners and a.start in p.tokens and a.function == "with")
            out.append((list(dict.fromkeys(agents)), partners, sent, joint))
    return out
