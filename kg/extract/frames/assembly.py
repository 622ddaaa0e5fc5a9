"""Filling the grouped agreements (:func:`fill`): each agreement takes parties, date, place and
topics from its own mentions, then the steps of :mod:`.arguments` and :mod:`.content` run in
turn; agreements with neither parties nor signatories are dropped, and the stated cooperations
of :mod:`.cooperations` are collected.
"""

from __future__ import annotations

from kg.extract.actors import BY, ActorMention
from kg.extract.dates import DateMention, finer_mention, parse_published
from kg.extract.mentions import Mention
from kg.extract.predicates import Predicate, _voice
from kg.extract.topics import HYPHENS
from kg.extract.frames import topic_review
from kg.extract.frames.model import Agreement, AgreementMention, Args
from kg.extract.frames.common import _title_end
from kg.extract.frames.clause_dates import _after_reference, clause_date
from kg.extract.frames.predicate_args import (_additive_tail, _frame_holders, _holders, _official_role, _person_group,
                                              _unnamed_title_of, last_actors, predicate_args, purpose_list)
from kg.extract.frames.arguments import (_context_parties, _distributed_sides, _group_members, _host_country,
                                         _leaders_parties, _lenders, _ministries_for_states, _other_side_of_partner,
                                         _parties_listed, _prune, _representatives, _resolve, _side_of_body, _sides,
                                         _signatories_listed, _signing_agents, _supply_counterpart, _topics_at,
                                         _visit_parties, _witnesses, ceremony_witnesses, distribution, drop_venture_members,
                                         home_actor)
from kg.extract.frames.content import (_anaphoric_topics, _content_paragraph, _continuations, _event_date, _event_dates,
                                       _headline_topics, _nearby_date, publication_month, _set_level, _statements, _tells_content,
                                       likened_mention)
from kg.extract.frames.cooperations import _cooperations
from kg.extract.frames import keep
from kg.extract.frames.party_review import review as review_parties


def _holder_of(an, m: AgreementMention) -> list[ActorMention]:
    """Who has an agreement a verb of having gives it ("the Netherlands already has agreements with
    A and B", "Kappa Energy, which has a similar deal with A, …", "Die Niederlande unterhalten
    ein Abkommen mit A"): the subject before the agreement word, or the name a relative clause
    hangs from."""
    clause = an.syntax.clause(m.start)
    toks = an.tokens
    if not any(j < m.start and toks[j].pos in ("VERB", "AUX") and "HoldVerb" in an.cats(j) for j in clause.tokens):
        return []
    holders = _holders(an, m)
    if holders or clause.antecedent is None or toks[clause.start].fold not in RELATIVE_PRONOUNS:
        return holders
    ant = clause.antecedent
    return [act for act in an.actors_by_sent.get(m.sent, []) if act.iri and act.start <= ant < act.end + 1
            and act.end <= clause.start]


RELATIVE_PRONOUNS = {"which", "who", "that", "der", "die", "das", "welche", "welcher", "welches"}


def _named_after_complement(an, act: ActorMention) -> bool:
    """The office-holders of a role's complement are named right after it ("the ministers of A
    and B, X and Y"): a comma and a person after the complement's last name."""
    end = max(x.end for x in an.actors_by_sent.get(act.sent, []) if x.function == "affil" and x.head == act.head)
    toks = an.tokens
    return end + 1 < len(toks) and toks[end].text == "," and end + 1 in an.person_at


def fill(an, g) -> None:
    """Parties, signatories, witnesses, dates, places and topics of the grouped agreements."""
    for a in g.agreements:
        for m in a.mentions:
            _from_mention(an, g, a, m)
        _stated_between(an, a)
    _representatives(an, g)
    _signatories_listed(an, g)
    _signing_agents(an, g)
    for a in g.agreements:
        _sides(an, a)
    _distributed_sides(g)
    _continuations(an, g)
    _statements(an, g)
    _content_paragraph(an, g)
    _parties_listed(an, g)
    _witnesses(an, g)
    _event_dates(an, g)
    main = next((a for a in g.agreements if not a.background and a.date is not None and a.date.value), None)
    for a in g.agreements:
        _finish(an, g, a, main)
    main = next((a for a in g.agreements if not a.background and a.date is not None and a.date.value), None)
    for a in g.agreements:
        if a.date is None and not a.background and _same_round(an, a, main) and not _likened_earlier(an, a):
            a.date = main.date   # one more agreement of the same round ("They also signed …"): its date
            a.confidence += 0.05
    ceremony_witnesses(an, g)   # a witness of the ceremony witnesses each agreement signed there
    _anaphoric_topics(an, g)
    _headline_topics(an, g)
    first = next((a for a in g.agreements if not a.background and len(a.parties) >= 2), None)
    for a in g.agreements:
        if not a.parties and first is not None and _older_told(an, a):
            for p in _inherited_parties(an, a, first):   # "2014 wurde ein Memorandum vereinbart": between the same two
                a.add_party(p, "inherited", a.intro, 0.5)
    for a in g.agreements:
        _holder_of_earlier(a, first)
        _other_side_of_earlier(an, a, first)
    for a in g.agreements:
        _group_members(an, a)
    for a in g.agreements:
        if not a.parties and not a.background:
            _visit_parties(an, a)
        if not a.parties and not a.background:
            _leaders_parties(an, a)
        if len(a.parties) <= 1 and not a.background and not a.tentative:
            _supply_counterpart(an, g, a)
        if len(a.parties) < 2 and not a.background and not a.tentative:
            _context_parties(an, a)
        if not a.background and not a.tentative:
            _lenders(an, g, a)
    for a in g.agreements:
        if len(a.parties) == 1 and not a.background and not a.tentative:
            _other_side_of_partner(an, g, a)
    for a in g.agreements:
        drop_venture_members(an, a)   # after every step that adds parties: a venture's owners are none
    for b in g.agreements:
        if not (b.parties or b.signatories) and not b.tentative:
            _back_reference_date(an, g, b)
    g.agreements = keep.decide(an, g)   # which are reported as concluded (.keep)
    for a in g.agreements:
        _commercial_kind(an, a)   # with the parties found after _finish (after keep: its features stay as they were)
    for n, a in enumerate(g.agreements, 1):
        a.id = f"a{n}"
    review_parties(an, g)   # the learned review of their parties (.party_review; off unless enabled)
    topic_review.review(an, g.agreements)   # the learned review of their topics (off unless enabled)
    g.cooperations = _cooperations(an, g)


def _inherited_parties(an, a: Agreement, first: Agreement) -> list[str]:
    """The parties an older agreement that names none takes from the text's first agreement: the
    same ones; but when the first is a deal of organisations and the older one was signed by
    persons of its own (none of whom signed the first), the states those organisations are
    based in ("Eni and NOC signed a contract … the friendship treaty that Berlusconi and
    Gaddafi signed in 2008": Italy and Libya, not the two companies). Where it is told with an
    actor of its own, it is that one's (:func:`_own_actors_of_earlier`)."""
    own = _own_actors_of_earlier(an, a, first)
    if own:
        return own
    parties = list(first.parties)
    if not a.signatories or set(a.signatories) & set(first.signatories):
        return parties
    homes = [an.home_of(p) for p in parties]
    if any(h is None or h in first.parties for h in homes) or len(set(homes)) < 2:
        return parties
    return list(dict.fromkeys(homes))


def _own_actors_of_earlier(an, a: Agreement, first: Agreement) -> list[str]:
    """An older agreement that names no party, told in a sentence where another actor acts ("CNPC
    has produced gas under a production sharing agreement signed in 2007, the only deal of its kind
    that Ashgabat has granted" in a report on a CNPC–Turkmengas contract; "Last year it agreed to buy
    power from a plant that Kappa Fusion is building" in one on a Brookfield–Microsoft deal): it is
    between that actor and those of the first agreement's sides its sentence names too, not
    between the first's sides. One who only speaks of it ("which the Commission welcomed",
    lex:ReportingVerb) is no side, nor one acting in another clause ("…, nachdem Russland den
    Gashahn zugedreht hatte"): only its clause and a relative clause on its words count."""
    acts = [x for m in a.mentions if not m.implicit
            for x in an.actors_by_sent.get(m.sent, [])
            if x.iri and x.kind != "group" and x.function != "loc" and _told_with(an, m, x.start)]
    strangers = [x.iri for x in acts if x.iri not in first.parties and x.function in ("core", "with", "between")
                 and not _reporter(an, x)]
    if not strangers:
        return []
    named = {x.iri for x in acts}
    return list(dict.fromkeys([p for p in first.parties if p in named] + strangers))


def _told_with(an, m: AgreementMention, k: int) -> bool:
    """Token k is in the clause of the agreement mention m or in a relative clause on its noun
    phrase ("des einzigen Abkommens dieser Art, das …": the clause starts a few words after it)."""
    c, own = an.syntax.clause(k), an.syntax.clause(m.start)
    return c is own or c.kind == "rel" and c.parent == own.index and 0 <= c.start - m.end <= REL_REACH


REL_REACH = 4   # words between an agreement word and a relative clause on its noun phrase (",", "of its kind")


def _reporter(an, x: ActorMention) -> bool:
    """An actor whose clause has a verb of saying (lex:ReportingVerb): one who speaks of a thing."""
    return any(an.tokens[j].pos == "VERB" and "ReportingVerb" in an.cats(j) for j in an.syntax.clause(x.start).tokens)


def _holder_of_earlier(a: Agreement, first: Agreement | None) -> None:
    """An older agreement told only by its partner and its date, with no holder in its clause ("The
    deal follows an agreement with Vestas in February", "nach einem Vertrag mit Vestas im
    Februar"): the subject of the text's first agreement made it, the one the text is about (not
    an undated one: "The previous contract with Gazprom had expired" may have been another's)."""
    if first is None or a is first or not a.background or a.date is None or len(a.parties) != 1 \
            or set(a.parties.values()) != {"partner"}:
        return
    subjects = [iri for iri, how in first.parties.items() if how == "subject"]
    if len(subjects) == 1 and subjects[0] not in a.parties:
        a.add_party(subjects[0], "inherited", a.intro, 0.5)


def _back_reference_date(an, g, b: Agreement) -> None:
    """"Außerdem gingen die Bauaufträge an Kappa Power … Die Verträge wurden am Freitag in Lima
    unterschrieben", "… awarded the supply deals. The contracts were signed on Tuesday": a
    definite back-reference whose dated signing names no side is the signing of the agreements
    told just before; those without a date take its date."""
    if b.background or b.date is None or not b.date.value or not b.mentions \
            or not all(m.definite and m.status == "asserted" and m.predicate is not None
                       and m.predicate.kind == "sign" for m in b.mentions):
        return
    sent = min(m.sent for m in b.mentions)
    for a in g.agreements:
        if a is b or a.background or a.date is not None or not (a.parties or a.signatories):
            continue
        told = [m.sent for m in a.mentions if m.status == "asserted"]
        if told and sent - 2 <= max(told) < sent:
            a.date = b.date


def _older_told(an, a: Agreement) -> bool:
    """An older agreement the text tells as concluded (background, or dated to an earlier month),
    not one only referred to or planned."""
    return (a.background or _earlier_month(an, a)) and any(m.status in ("asserted", "background") for m in a.mentions)


def _other_side_of_earlier(an, a: Agreement, first: Agreement | None) -> None:
    """An older agreement told with only one of the two sides of the text's first agreement, and no
    other actor named where it is told ("das Assoziierungsabkommen, das Brüssel und Belgrad 2008
    unterzeichnet haben" in a report on an EU–Serbia memorandum; "a letter of intent that Kappa
    and the ministry in Lima had signed in 2018" in one on a Kappa–Peru contract, invented): the
    same two sides made it, as for an older agreement that names none (:func:`_inherited_parties`)."""
    if first is None or a is first or len(a.parties) != 1 or len(first.parties) != 2 \
            or not _older_told(an, a):
        return
    (party,) = a.parties
    if party not in first.parties or any(info.get("on_behalf_of") not in (None, party) for info in a.signatories.values()):
        return
    sents = {m.sent for m in a.mentions}
    if any(x.iri and x.iri not in first.parties and x.kind != "group" and x.function != "loc"
           for s in sents for x in an.actors_by_sent.get(s, [])):
        return   # another actor where it is told: maybe its other side
    other = next(p for p in first.parties if p != party)
    a.add_party(other, "inherited", a.intro, 0.5)


def _stated_between(an, a: Agreement) -> None:
    """"India and Kazakhstan signed five agreements, among them a contract for uranium. The
    contract, concluded between Kazatomprom and the Department of Atomic Energy, …": a signing of
    the agreement that names its sides in a between-phrase of its own (two or more) says whom it
    binds; the states other sentences gave it (those who signed the round) are not its sides.
    Companies named before stay ("A and B signed … The contract was concluded between A and B's
    trading unit"); a pair of states with one of them named again is arguments._summary_pair_sides."""
    for m in a.mentions:
        if m.predicate is None or m.status not in ("asserted", "background"):
            continue
        between = {x.iri for x in predicate_args(an, m.predicate).partners if x.iri and x.function == "between"}
        if len(between) < 2 or not between <= set(a.parties):
            continue
        here = {iri for prop, iri, s, _ in a.evidence if prop == "party" and s == m.sent}
        for iri in [i for i in a.parties if i not in between and i not in here and an.kind_of(i) in ("country", "region")]:
            del a.parties[iri]
            a.evidence = [e for e in a.evidence if e[:2] != ("party", iri)]
        return


def _earlier_month(an, a: Agreement) -> bool:
    """An agreement signed in an earlier month than the report ("folgt einer im Juli
    unterzeichneten Grundsatzvereinbarung" in a December report): an earlier step, which
    without parties of its own is between the same sides as the text's main agreement."""
    pub, precision = parse_published(an.doc.published)
    d = a.date
    if pub is None or d is None or not d.value or not d.value[:4].isdigit() or len(d.value) < 7 \
            or precision not in ("day", "month"):
        return False
    return d.value[:7] < f"{pub.year:04d}-{pub.month:02d}"


def _from_mention(an, g, a: Agreement, m: AgreementMention) -> None:
    set_level = _set_level(a, m)
    size = len(a.group.members) if a.group is not None else 1
    for iri, how in m.own:
        if not (set_level and len({i for i, _ in m.own}) == size):
            a.add_party(iri, how, m.sent)
    if m.ordinal is not None:
        scope = _ordinal_scope(an, m)
        between = {act.iri for act in scope if act.function == "between"}
        if len(between) >= 2 and a.group is not None:
            # "The first, between Eni and Sonatrach, covers …": a member told with a between-phrase
            # of its own is between those, not between the subjects that signed the set
            for iri in [i for i, how in a.parties.items() if how == "subject" and i not in between]:
                del a.parties[iri]
                a.evidence = [e for e in a.evidence if e[:2] != ("party", iri)]
        for act in scope:
            a.add_party(act.iri, "ordinal", m.sent)
    p = m.predicate
    weight = 3 if m.status in ("asserted", "background") else 1
    if m.content and not m.implicit:
        shared = [i for i in distribution(an, size, m) if i] if set_level else []
        for act in an.actors_by_sent.get(m.sent, []):
            # "Under the contracts, the stations will be built by X", "Laut dem Vertrag liefert X …":
            # who does what the agreement provides, also as the agent of a passive
            if act.start in an.syntax.clause(m.start).tokens and act.start > m.end \
                    and (act.function in ("core", "with") or _passive_agent(an, act, m.sent)):
                for iri in _resolve(an, g, a, act, Args()):
                    if iri not in shared:
                        a.add_party(iri, "content", m.sent, 0.7)
    if p is None and m.status == "background" and not m.implicit:
        # "The Oslo Declaration of 2012 linked Norway and Sweden": an older agreement as the
        # subject of its clause is between the actors the clause names
        clause = set(an.syntax.clause(m.start).tokens)
        named = {act.iri for act in an.actors_by_sent.get(m.sent, []) if act.start in clause and act.iri
                 and act.function in ("core", "with", "between") and act.start >= m.end and act.kind != "group"}
        # "the 2006 Agreement … between the two governments": the pair the group noun stands for
        named |= {iri for act in an.actors_by_sent.get(m.sent, []) if act.kind == "group" and act.number == 2
                  and act.function == "between" and act.start in clause and act.start >= m.end
                  for iri in _resolve(an, g, a, act, Args())}
        if len(named) >= 2:
            for iri in sorted(named):
                a.add_party(iri, "clause", m.sent, 0.6)
        elif m.date is not None and (m.date.kind == "since" or "held" in m.cues):
            # "Die beiden Länder pflegen seit 2017 eine Energiepartnerschaft": its holders, the subject
            for act in _holders(an, m):
                for iri in _resolve(an, g, a, act, Args()):
                    a.add_party(iri, "subject", m.sent, 0.6)
    # a participle attribute that names no agent of its own ("des 2018 unterzeichneten Abkommens mit
    # A") says when, not who: the clause's holders are the agreement's as with no participle at all
    bare = p is not None and p.attributive and not any(x.iri for x in predicate_args(an, p).agents)
    if (p is None or bare) and m.status in ("asserted", "background") and not m.implicit \
            and any(how == "partner" for _, how in m.own):
        # "X already has similar agreements with A and B": X with each; "X supplies power under a
        # 2019 agreement with A", "Im Rahmen des Abkommens mit A liefert X Strom": X with A
        for act in _holder_of(an, m) or _frame_holders(an, m):
            for iri in _resolve(an, g, a, act, Args()):
                a.add_party(iri, "subject", m.sent, 0.6)
    own_phrase = a.topic_span is not None and m.sent == an.sent_of[min(a.topic_span)]
    if own_phrase:
        for t in _topics_at(an, m.sent, a.topic_span):   # one of "agreements on A and on B": its own phrase
            a.topics[t] = a.topics.get(t, 0) + 3
    elif m.words and not m.implicit:
        end = _title_end(an, m)
        if "listed" in m.cues:
            end = min(end, max(_item_span(an, g, m)) + 1)
        # up to the next agreement's phrase ("an agreement on hydrogen with A and a contract on solar energy with B")
        nxt = [_phrase_start(an, mm) for b in g.agreements if b is not a for mm in b.mentions
               if mm.sent == m.sent and mm.start > m.end and not mm.implicit and mm not in a.mentions]
        for t in an.topics_in(m.sent, m.start, min([end, *nxt])):
            a.topics[t] = a.topics.get(t, 0) + 3
    if own_phrase:
        pass   # its phrase's topics are all it has (above)
    elif m.ordinal is not None:
        scope = _ordinal_tokens(an, m)
        for t in an.topics_in(m.sent, scope[0], scope[1]):
            a.topics[t] = a.topics.get(t, 0) + 2
    elif "listed" in m.cues:
        for t in _topics_at(an, m.sent, _item_span(an, g, m)):
            a.topics[t] = a.topics.get(t, 0) + weight
    elif not (set_level and a.group is not None and any(mm.ordinal or "listed" in mm.cues for b in a.group.members
                                                          for mm in b.mentions if mm.sent == m.sent and mm is not m)) \
            and not (m.status == "reference" and (_other_agreement_in(g, a, m.sent) or not _tells_content(an, m))):
        span = _own_clauses(an, g, a, m)
        for t in an.topics_in(m.sent) if span is None else _topics_at(an, m.sent, span):
            a.topics[t] = a.topics.get(t, 0) + weight
    if p is None or m.status not in ("asserted", "background"):
        return
    args = predicate_args(an, p)
    items = [i for i in distribution(an, size, m) if i] if set_level else []
    paired = _respective_agents(an, p, args, size, items) if set_level else []
    if paired:   # "A and B signed agreements with C and D respectively": A with C, B with D
        a.add_party(paired[a.member], "subject", m.sent, 0.85)
    siblings = sorted({mm.start for b in g.agreements for mm in b.mentions if mm.predicate is p})
    gapped = len(siblings) > 1 and any(siblings[0] < x.start < siblings[-1] and x.function == "core" for x in args.agents)
    for act in ([] if paired else args.agents):
        if gapped and act.start < siblings[-1] and next(k for k in siblings if k > act.start) != m.start:
            continue   # "A und B schlossen ein Abkommen, C und D einen Vertrag": A and B the first's, C and D the second's
        iris = _resolve(an, g, a, act, args)
        if set_level and act.kind == "group" and a.group.distributed and len(iris) == size \
                and all(set(iris) & set(b.parties) for b in a.group.members):
            continue   # "Jeder der fünf Partner unterschrieb …": the members' own partners, one each
        for iri in iris:
            if iri not in items:   # a distributed one is given to one member only
                a.add_party(iri, "subject", m.sent, 0.85)
                if _unnamed_title_of(an, act) and _official_role(an, p, act.head) and not _named_after_complement(an, act):
                    a.held.add(iri)
    if not args.agents and an.lang == "de" and any(an.tokens[j].fold == "man" and an.tokens[j].pos == "PRON"
                                                   for j in p.tokens):
        # "Mit X habe man zwei Verträge geschlossen, teilte der Konzern mit": "man" is who reports it
        others = {x.iri for x in args.partners if x.iri}
        for q in g.predicates:
            if q.kind == "report" and q.sent == m.sent and q.head not in p.tokens:
                for act in predicate_args(an, q).agents:
                    if act.kind == "group" and act.number == 1:   # "der Konzern": not the partner named before it
                        iris = [i for i in last_actors(an, act, 1 + len(others)) if i not in others][-1:]
                    else:
                        iris = _resolve(an, g, a, act, Args())
                    for iri in iris:
                        if iri not in others and an.kind_of(iri) in ("org", "country", "region"):
                            a.add_party(iri, "subject", m.sent, 0.75)
    # "one memorandum with A and another with B", "eine Erklärung mit A und eine weitere mit B": with
    # several agreement words on one predicate, a with-phrase after them belongs to the last one before it
    for act in args.partners:
        before = [k for k in siblings if k < act.start]
        if len(siblings) > 1 and before and before[-1] != m.start:
            continue
        for iri in _resolve(an, g, a, act, args):
            if iri not in items:
                a.add_party(iri, "partner", m.sent, 0.85)
    elab = [x for x in args.elab if x.iri and x.iri not in items]
    if elab and not any(x.kind == "group" for x in args.agents):
        for act in elab:
            a.add_party(act.iri, "listed", m.sent, 0.8)
    for act in args.sides:
        for iri in _resolve(an, g, a, act, args):
            a.add_party(iri, "side", m.sent, 0.85)
    # the clause's own signers, not one added by a tail after it ("X signed for RWE, as did Y")
    own = [pm for pm in args.signers if not _additive_tail(an, pm, p)] if len(args.signers) > 1 else args.signers
    if len(own) == 1 and len({x.iri for x in args.sides if x.iri}) == 1 and args.sides[0].kind != "group":
        info = an.persons.get(own[0].iri)   # "Minister X signed for Chile": X's side
        if info is not None and not info.side:
            info.side = args.sides[0].iri
    elif len(args.signers) > 1 and len(args.sides) == len(args.signers) and all(x.iri and x.kind != "group" for x in args.sides):
        # "X signed on behalf of Chile and Y on behalf of Peru", "X signed for Qatar, Y for Germany":
        # each side phrase right after its signer
        signers = sorted(args.signers, key=lambda pm: pm.start)
        sides = sorted(args.sides, key=lambda x: x.start)
        bounds = [pm.start for pm in signers[1:]] + [len(an.tokens)]
        if all(pm.end <= x.start < b for pm, x, b in zip(signers, sides, bounds)):
            for pm, x in zip(signers, sides):
                info = an.person_info(pm.iri)   # (also one with no role: "X, Joint Secretary in …, on behalf of India")
                if not info.side:
                    info.side = x.iri
    if p.kind in ("sign", "conclude", "signing"):
        for pm in args.signers + _beside_antecedent(an, p, args.signers):
            if pm.iri not in a.witnesses:
                a.signatories.setdefault(pm.iri, {"mention": pm})
                a.evidence.append(("signatory", pm.iri, m.sent, 0.8))
        for grp in args.person_groups:
            for pm in _person_group(an, grp, p):
                a.signatories.setdefault(pm.iri, {"mention": pm})
                a.evidence.append(("signatory", pm.iri, m.sent, 0.75))
        for pm in args.witnesses:
            a.signatories.pop(pm.iri, None)
            a.witnesses.add(pm.iri)
            a.evidence.append(("witness", pm.iri, m.sent, 0.75))
    if a.date is None or (a.date.precision != "day"):
        d = clause_date(an, p)
        if d is not None and (a.date is None or finer_mention(d, a.date)):
            if a.date is None or date_fits(a.date, d):
                a.date = d
    if a.place is None and p.kind in ("sign", "signing"):
        place = place_in(an, p.tokens)
        if place:
            a.place, a.place_iri = place


def _beside_antecedent(an, p: Predicate, signers: list[Mention]) -> list[Mention]:
    """"Neben ihm unterschrieben X und Y", "Neben der dänischen Regierungschefin unterschrieben X",
    "Along with her, X and Y signed": a beside-phrase (lexicon BesidePreposition) with a pronoun
    or a role without a name in a signing clause with signers names one more signer, the last
    person mentioned before it (in that sentence or the two before)."""
    if not signers or p.mode != "asserted":
        return []
    toks = an.tokens
    sent = an.sentences[p.sent]
    pronouns = an.gaz.words("PersonPronoun")
    own = {pm.iri for pm in signers}
    for k in sorted(p.tokens):
        if toks[k].fold not in ("neben", "besides", "alongside", "along", "apart") and toks[k].fold not in an.gaz.words("BesidePreposition"):
            continue   # (the cheap test first: the first words of the list)
        for words in an.gaz.word_lists.get("BesidePreposition", ()):
            n = len(words)
            if tuple(t.fold for t in toks[k:k + n]) != words:
                continue
            j = k + n
            if not (j < sent.end and toks[j].fold in pronouns):
                while j < sent.end and toks[j].pos in ("DET", "ADJ"):
                    j += 1
                lexm = an.lex_at.get(j)
                if j >= sent.end or lexm is None or "RoleTitle" not in lexm.cats or lexm.end in an.person_at \
                        or j in an.person_at:
                    continue   # "Neben Präsidentin X": a name, read as a with-phrase already
            before = [pm for pm in an.person_mentions if pm.end <= k and an.sent_of[pm.start] >= p.sent - 2
                      and pm.iri not in own]
            return before[-1:]
    return []


def _passive_agent(an, act: ActorMention, sent: int) -> bool:
    """The by-phrase of a passive verb: "will be built by X", "von X geliefert werden" (in German
    the von-phrase of a clause whose participle after it is passive, not a genitive "von")."""
    if act.prep not in BY or act.function not in ("pp", "mod"):
        return False
    if act.function == "pp":
        return True
    toks = an.tokens
    clause = set(an.syntax.clause(act.start).tokens)
    for j in sorted(clause):
        if j >= act.end and toks[j].pos == "VERB" and toks[j].tag in ("VVN", "VV(PP)"):
            q = Predicate("cooperate", j, sent, 0)
            q.tokens = clause
            if _voice(an, q) == "passive":
                return True
    return False


def _own_clauses(an, g, a: Agreement, m: AgreementMention) -> set[int] | None:
    """Where a sentence also reports another agreement in a clause of its own ("X and Y signed a
    memorandum on hydrogen, while Y signed a contract on LNG with Z"): the tokens of the
    mention's clause and the clauses below it, without those of the other agreement's clause.
    None when the sentence is about this agreement alone."""
    others = [mm for b in g.agreements if b is not a and (a.group is None or b.group is not a.group)
              for mm in b.mentions if mm.sent == m.sent and not mm.implicit and mm not in a.mentions]
    if not others:
        return None
    syn = an.syntax
    mine = syn.clause_of[m.start]
    theirs = {syn.clause_of[mm.start] for mm in others}
    if mine in theirs:
        return _without_other_phrases(an, m, [mm for mm in others if syn.clause_of[mm.start] == mine])

    def below(c: int) -> bool:   # c is the mention's clause or hangs from it, not through the other's
        return next((x == mine for x in syn.clause_chain(c) if x == mine or x in theirs), False)
    sent = an.sentences[m.sent]
    return {k for k in range(sent.start, sent.end) if below(syn.clause_of[k])}


def _item_span(an, g, m: AgreementMention) -> set[int]:
    """The tokens of one item of a list of agreements after a colon ("three agreements: a
    memorandum on hydrogen, a declaration on grids and a contract for ammonia"): from the item's
    agreement word to the next item's, or to the end of the sentence. Each member of such a set
    takes the topics of its own item, not those of the whole list."""
    nxt = [mm.start for b in g.agreements for mm in b.mentions
           if mm.sent == m.sent and "listed" in mm.cues and mm.start > m.start]
    return set(range(m.start, min(nxt) if nxt else an.sentences[m.sent].end))


def _phrase_start(an, m: AgreementMention) -> int:
    """Where the noun phrase of an agreement word begins: the words that modify it from the left
    ("a solar energy agreement", "the 2 GW wind deal"), back to its determiner."""
    toks, sent = an.tokens, an.sentences[m.sent]
    k = m.start
    while k - 1 >= sent.start and (toks[k - 1].pos in ("ADJ", "NOUN", "PROPN", "NUM") or toks[k - 1].text in _HYPHEN_WORDS):
        k -= 1
    return k


_HYPHEN_WORDS = tuple(HYPHENS)   # a token of one hyphen


def _without_other_phrases(an, m: AgreementMention, others: list[AgreementMention]) -> set[int] | None:
    """One clause that names two agreements, each in a noun phrase of its own ("Egypt signed a
    hydrogen agreement with Belgium and a solar agreement with Spain", "ein Wasserstoffabkommen
    mit A und ein Solarabkommen mit B"): the words of the other's phrase (its modifiers, its word
    and what follows it up to the next agreement) are that one's, not this one's; the rest of
    the sentence is shared. None when the phrases cannot be told apart (they overlap) or this
    one's own phrase names no topic: then the clause tells what it is about."""
    sent = an.sentences[m.sent]
    starts = sorted([(_phrase_start(an, x), x) for x in [m, *others]], key=lambda p: p[0])
    spans = {}
    for i, (b, x) in enumerate(starts):
        e = _title_end(an, x)
        if i + 1 < len(starts):
            e = min(e, starts[i + 1][0])
        if e <= x.start:
            return None
        spans[id(x)] = range(b, e)
    if not an.topics_in(m.sent, spans[id(m)].start, spans[id(m)].stop):
        return None   # nothing of its own ("the Framework Agreement on the gas pipeline and the Intergovernmental Agreement"): the clause's words are its too
    theirs = {k for x in others for k in spans[id(x)]}
    return {k for k in range(sent.start, sent.end) if k not in theirs}


def _other_agreement_in(g, a: Agreement, sent: int) -> bool:
    """Whether a sentence also names another agreement ("the new accord takes the Framework
    Agreement of 2015 as its basis"): then its topics are not the referring one's."""
    return any(b is not a and b.group is not a.group or (b is not a and a.group is None)
               for b in g.agreements for mm in b.mentions if mm.sent == sent and b is not a)


def _ordinal_tokens(an, m: AgreementMention) -> tuple[int, int]:
    """From an ordinal to the next ordinal (or the end of its sentence)."""
    sent = an.sentences[m.sent]
    end = sent.end
    for k in range(m.end, sent.end):
        lexm = an.lex_at.get(k)
        if lexm is not None and lexm.cats & {"Ordinal", "PairOrdinal"}:
            end = k
            break
    return m.start, end


def _ordinal_scope(an, m: AgreementMention) -> list[ActorMention]:
    """The actors from an ordinal to the next one, not a list of what each is for ("one for each
    utility: A, B and C", predicate_args.purpose_list)."""
    s, e = _ordinal_tokens(an, m)
    return [a for a in an.actors_by_sent.get(m.sent, []) if s <= a.start < e and a.iri
            and a.function in ("core", "with", "between") and not purpose_list(an, a.start)]


def _respective_agents(an, p: Predicate, args: Args, size: int, items: list[str]) -> list[str]:
    """The agents of a set's predicate, one per member, when "respectively"/"beziehungsweise"
    pairs them with as many distributed partners ("Spain and France signed agreements with
    Morocco and Algeria respectively")."""
    agents = list(dict.fromkeys(x.iri for x in args.agents if x.iri))
    if len(agents) != size or len(items) != size or size < 2 or set(agents) & set(items):
        return []
    if not any("RespectivelyCue" in an.cats(k) for k in p.tokens):
        return []
    return agents


def date_fits(old: DateMention, new: DateMention) -> bool:
    from kg.extract.grouping import date_compatible
    return date_compatible(old, new) is not False


def place_in(an, tokens: set[int]) -> tuple[str, str | None] | None:
    """The place of a signing: a place name after "in"/"at" in the predicate's clause, or "in
    the Peruvian capital"/"in der irischen Hauptstadt"."""
    toks = an.tokens
    for k in sorted(tokens):
        if toks[k].fold not in ("in", "at", "im") or k + 1 >= len(toks):
            continue
        j = k + 1
        if toks[j].fold in ("der", "the") and j + 2 < len(toks):
            act = an.entity_at(j + 1)
            if act is not None and act.kind == "country" and "CapitalWord" in an.cats(j + 2):
                for iri, ent in an.gaz.entities.items():
                    if ent.kind == "place" and ent.capital_of == act.iri:
                        return an.gaz.label(iri, "en"), iri
            continue
        mt = an.entity_at(j)
        if mt is not None and mt.kind == "place":
            return an.gaz.label(mt.iri, "en"), mt.iri
    return None


def _finish(an, g, a: Agreement, main: Agreement | None) -> None:
    _ministries_for_states(an, a)
    # a signatory without a side acts for the party no other signatory stands for; a government
    # official with no side at all, when several parties are free, for the text's home actor
    covered = {s.get("on_behalf_of") for s in a.signatories.values() if s.get("on_behalf_of")}
    # a with-partner is the other side of the signers, not a side one of them acts for
    # nor one whose own unnamed office-holders sign ("X and the heads of state of A and B signed")
    free = [p for p in a.parties if p not in covered and a.parties[p] not in ("partner", "distributed") and p not in a.held]
    home = home_actor(an)
    for iri, info in a.signatories.items():
        if not info.get("on_behalf_of") and (len(free) != 1 or len(a.parties) < 2) and home and home not in covered \
                and an.person_info(iri).sector == "government" and a.parties.get(home) != "partner":
            info["on_behalf_of"] = home
            covered.add(home)
            a.add_party(home, "signatory", a.intro, 0.6)
    free = [p for p in free if p not in covered]
    for iri, info in a.signatories.items():
        if not info.get("on_behalf_of") and free and len(a.parties) >= 2:
            info["on_behalf_of"] = free.pop(0)
    if len(a.parties) == 1:
        _host_country(an, a)
    _side_of_body(an, a)
    _prune(an, a)
    _commercial_kind(an, a)
    if main is not None and a is not main and a.date is not None and main.date is not None \
            and a.date.value and main.date.value and a.date.value[:4] < main.date.value[:4] and not a.background:
        a.background = True
    if a.date is not None and not a.background and _after_reference(an, a.date):
        a.date = None   # "Putin said the first unit could start in 2026": no signing after the report
    if a.date is None and not a.background and not _likened_earlier(an, a):
        a.date = _event_date(an, a) or _nearby_date(an, a, g) or publication_month(an, a)
    if a.place is None and not a.background and ((main is None and a is g.agreements[0]) or a is main) \
            and an.structure.dateline:
        a.place, a.place_iri = an.structure.dateline
    if a.date is None:
        a.confidence -= 0.1
    if len(a.parties) < 2:
        a.confidence -= 0.2


def _commercial_kind(an, a: Agreement) -> None:
    """A treaty or a sale among organisations is a commercial contract. Run when the agreement is
    finished and again once the parties it inherits later are known (a sale told in the lede
    whose companies the next sentences name)."""
    if a.kind == "treaty" and any(an.kind_of(p) == "org" for p in a.parties):
        a.kind = "agreement" if any(m.framework for m in a.mentions) else "contract"
    # a sale told by a verb of agreeing alone ("agreed to sell gas to X") only among organisations:
    # with a state on one side it is a policy deal ("the EU agreed with the US to buy more LNG")
    sale = any(m.supply and (m.words or all(an.kind_of(p) == "org" for p in a.parties)) for m in a.mentions)
    if a.kind == "agreement" and sale and not any(m.framework for m in a.mentions) \
            and any(an.kind_of(p) == "org" for p in a.parties):
        a.kind = "contract"   # a company's purchase or supply deal is a commercial contract


def _likened_earlier(an, a: Agreement) -> bool:
    """An agreement likened to another one of the text (:func:`likened_mention`) and told in the
    perfect or with a word of earlier time in its clause ("X has signed similar deals with A and
    B", "Ähnliche Partnerschaften hat X bereits mit A vereinbart", lex:PerfectAuxiliary,
    lex:PriorAdverb): one made before, at a time the text does not give; the date of the
    signing told next to it is that of the agreement it is likened to, not its own."""
    toks = an.tokens
    marks = an.gaz.words("PerfectAuxiliary") | an.gaz.words("PriorAdverb")
    for m in a.mentions:
        if m.implicit or m.status not in ("asserted", "background") or not likened_mention(an, m):
            continue
        clause = an.syntax.clauses[an.syntax.clause_of[m.start]]
        if any(toks[k].fold in marks and toks[k].pos in ("AUX", "VERB", "ADV") for k in clause.tokens):
            return True
    return False


def _same_round(an, a: Agreement, main: Agreement | None) -> bool:
    """Whether an undated agreement is told as signed soon after the dated main agreement of the
    text (within a few sentences): one more agreement of the same signing round."""
    if main is None or a is main or main.date is None or main.date.precision not in ("day", "month") \
            or _after_reference(an, main.date):
        return False
    asserted = [m for m in a.mentions if m.status == "asserted"]
    if not asserted:
        return False
    first = min(asserted, key=lambda m: m.sent)
    before = [m.sent for m in main.mentions if m.sent <= first.sent]
    if not before or first.sent - max(before) > 6:
        return False
    # in the paragraph that tells the main one, or told as one more ("außerdem", "also")
    return an.sentences[first.sent].paragraph == an.sentences[max(before)].paragraph \
        or any("addition" in m.cues for m in asserted)
