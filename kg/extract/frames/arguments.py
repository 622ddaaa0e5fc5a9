"""Step 3 of the agreement frames, the arguments of the grouped agreements.

**Arguments.** An agreement's parties are the actor arguments of its predicates (subject,
with-, between-, for- and by-phrases, group nouns resolved to the actors they stand for),
its own modifiers, and the actors its signatories act for; its signatories are the persons
among the agents of a signing predicate (also the by-phrase of a signing noun: "die
Unterzeichnung erfolgte durch X"); its witnesses are persons placed at the signing by
a presence predicate or phrase. A slot is left empty rather than guessed.
"""

from __future__ import annotations

import re

from kg.extract.actors import POSSESSIVE_MARKS, ActorMention, by_event, visit_word
from kg.extract.dates import compatible
from kg.extract.mentions import Mention
from kg.extract.predicates import MODAL_TAGS, Predicate, _at_signing
from kg.extract.tokens import fold
from kg.extract.frames.model import Agreement, AgreementMention, AgreementSet, Args
from kg.extract.frames.common import SUPPLY_FROM, SUPPLY_TO, _by_sent, _clause_predicate
from kg.extract.frames.predicate_args import (COPULAS, POSSESSIVE_DETERMINERS, SUBJECT_PRONOUNS, _acting_actor, _additive_tail, _antecedent_persons,
                                              _holds, _last_other, _own_sides, _partner_noun, _person_group, group_actors,
                                              last_actors, owned_noun, owned_object, person_role, predicate_args, presence_with_phrases,
                                              purpose_list, represented, sale_recipient)


# the singular ones that stand for a person ("He looked on": _pronoun_antecedent)
PERSON_SUBJECT_PRONOUNS = frozenset(w for w, n in SUBJECT_PRONOUNS.items() if n == 1) - {"es", "it"}


def _representatives(an, g) -> None:
    """A sentence after a signing that says who represented whom ("The companies were represented
    by X and Y", "Deutschland wurde von Staatssekretärin X vertreten"): its persons signed the one
    agreement in focus."""
    signing = {k for p in g.predicates if p.kind in ("sign", "conclude", "signing") for k in p.tokens}
    for pm in an.person_mentions:
        if pm.start in signing or person_role(an, pm) != "by" or not represented(an, pm):
            continue
        targets = _focus_at(an, g, an.sent_of[pm.start], window=2)
        if len(targets) != 1:
            continue
        a = targets[0]
        if pm.iri not in a.witnesses:
            a.signatories.setdefault(pm.iri, {"mention": pm})
            a.evidence.append(("signatory", pm.iri, an.sent_of[pm.start], 0.7))


def _signing_agents(an, g) -> None:
    """"Die Unterzeichnung erfolgte durch X und Y", "witnessed the signing by X and Y": the
    by-phrase of a signing noun that names no agreement of its own names the signers of the
    agreement(s) in focus."""
    for p in g.predicates:
        if p.kind != "signing" or p.mode != "asserted" or not p.noun:
            continue
        if any(m.predicate is p for a in g.agreements for m in a.mentions):
            continue
        signers = [pm for pm in predicate_args(an, p).signers if person_role(an, pm) == "by"]
        signers += _relative_event_agents(an, p)
        if not signers:
            continue
        for a in _focus_at(an, g, p.sent):
            if a.background:
                continue
            for pm in signers:
                if pm.iri not in a.witnesses:
                    a.signatories.setdefault(pm.iri, {"mention": pm})
                    a.evidence.append(("signatory", pm.iri, p.sent, 0.7))
                    a.sentences.add(p.sent)


def _relative_event_agents(an, p: Predicate) -> list[Mention]:
    """"the signing, which was carried out by X and Y": the by-phrase of a relative clause on the
    signing noun whose verb only says the signing took place."""
    out = []
    for c in an.syntax.clauses:
        if c.kind != "rel" or c.antecedent is None or not (p.head <= c.antecedent <= p.head + 1):
            continue
        if not any("SigningEventVerb" in an.cats(k) for k in c.tokens):
            continue
        out += [pm for pm in an.person_mentions if pm.start in c.tokens and person_role(an, pm) == "by"]
    return out


def _possessive_presence(an, g) -> None:
    """"A empfing B. In ihrem Beisein unterzeichneten die Minister …", "In their presence, the
    ministers signed …": a presence noun after a possessive determiner in an asserted signing
    clause (lex:PossessivePresenceNoun) refers to the persons who act in the sentence before; they
    witness, unless they sign."""
    toks = an.tokens
    pairs = {w for w in an.gaz.word_lists.get("PossessivePresenceNoun", ()) if len(w) == 2}
    relative = an.gaz.words("RelativePossessive")
    ends = _by_sent(an, "person_ends", an.person_mentions, lambda pm: pm.end)
    for p in g.predicates:
        if p.mode != "asserted" or p.kind not in ("sign", "conclude", "signing"):
            continue
        # "X, in dessen Beisein das Abkommen unterzeichnet wurde", "X, in whose presence it was
        # signed": the relative possessive stands for the person the relative clause hangs from
        antecedents = [pm for j in p.tokens if j > 2 and (toks[j - 2].fold, toks[j].fold) in pairs
                       and toks[j - 1].fold in relative and toks[j - 3].text == "," for pm in ends.get(j - 3, [])]
        if antecedents:
            _add_presence_witnesses(an, g, p.sent, antecedents)
        if p.sent == 0:
            continue
        if not any(j > 1 and (toks[j - 2].fold, toks[j].fold) in pairs and toks[j - 1].fold in POSSESSIVE_DETERMINERS
                   and toks[j - 1].fold != "its" for j in p.tokens):
            continue
        before = [pm for pm in an.person_mentions if an.sent_of[pm.start] == p.sent - 1
                  and person_role(an, pm) in ("core", "with")]
        _add_presence_witnesses(an, g, p.sent, before)


def _add_presence_witnesses(an, g, sent: int, persons: list[Mention]) -> None:
    """Make the persons a possessive presence noun stands for witnesses of the current agreements
    in focus at sentence ``sent`` that they do not sign."""
    for a in _focus_at(an, g, sent):
        if a.background:
            continue
        for pm in persons:
            if pm.iri not in a.signatories:
                a.witnesses.add(pm.iri)
                a.evidence.append(("witness", pm.iri, sent, 0.65))


def _financing(an, k: int) -> bool:
    """A word of lending at token k ("loan", "financing", "Kreditverträge", "Darlehensvertrag"):
    the lexicon's FinancingWord list, in German also as the first part of a compound."""
    words = an.gaz.words("FinancingWord")
    t = an.tokens[k]
    f, lemma = t.fold, fold(t.lemma or "")
    if f in words or lemma in words:
        return True
    if an.lang != "de" or t.pos != "NOUN":
        return False
    long = _long_words(an.gaz, "FinancingWord", 6)
    return f.startswith(long) or lemma.startswith(long)


def _long_words(gaz, category: str, least: int) -> tuple[str, ...]:
    """The one-word entries of a word list (``gaz.words``) with ``least`` letters or more, as a
    tuple: ``str.startswith`` and ``str.endswith`` take it whole, one call instead of a loop over
    the list. Made once per gazetteer (kept on it)."""
    return gaz.cached(("long_words", category, least), lambda g: tuple(w for w in g.words(category) if len(w) >= least))


def _lender(an, iri: str) -> bool:
    """An organisation whose name says it lends: a word of the lexicon's LenderWord list ("African
    Development Bank", "UK Export Finance"), in German also as the last part of a word
    ("Europäische Investitionsbank")."""
    words = an.gaz.words("LenderWord")
    for m in an.org_mentions:
        if m.iri != iri:
            continue
        for w in re.split(r"[\s\-–/]+", fold(m.text)):
            if w in words or an.lang == "de" and w.endswith(_long_words(an.gaz, "LenderWord", 4)):
                return True
    return False


LENDER_REACH = 3   # sentences after the signing of a financing that may name its lenders


def _lenders(an, g, a: Agreement) -> None:
    """A financing its borrower signed with lenders the signing clause does not name ("Kappa Power
    unterzeichnete Kreditverträge über 2 Milliarden Euro. Den größten Kredit gibt die Weltbank …",
    "X had signed its project financing. … The World Bank lends $300 million"): the lending
    institutions that the next sentences make subjects, up to another agreement, are parties too;
    so are the organisations the next sentences make subjects of lending ("B and C provide further
    loans")."""
    asserting = [m for m in a.mentions if m.status == "asserted" and m.predicate is not None]
    if not asserting or a.group is not None or not a.parties:
        return   # (a borrower first: lenders alone make no agreement)
    m = asserting[0]
    if not any(_financing(an, k) for k in m.predicate.tokens | set(range(m.start, m.end))):
        return
    if any(how == "partner" for how in a.parties.values()) or any(_lender(an, p) for p in a.parties):
        return   # the lender is named with the signing ("a loan agreement with the EIB")
    others = {x.sent for b in g.agreements if b is not a for x in b.mentions}
    for s in range(m.sent, min(len(an.sentences), m.sent + LENDER_REACH + 1)):
        if s > m.sent and s in others:
            break
        for x in an.actors_by_sent.get(s, []):
            if x.iri and x.kind == "org" and x.function == "core" and x.iri not in a.parties \
                    and (s > m.sent and _lends(an, x) or _lender(an, x.iri)):
                a.add_party(x.iri, "lender", s, 0.6)


def _lends(an, x) -> bool:
    """An organisation the subject of lending in its own clause: the clause has a verb of giving
    (lex:LendingVerb) and a word of lending ("Nordwind AG provides a further loan", "Die Nordwind
    AG gewährt ein Darlehen"); a word of lending elsewhere in the sentence does not make every
    subject a lender ("Kappa Power signed loans. Zentrox will supply the turbines, and debt …")."""
    clause = an.syntax.clause(x.start)
    toks = [k for k in clause.tokens if k < x.start or k >= x.end]
    return any(_lending_verb(an, k) for k in toks) and any(_financing(an, k) for k in toks)


def _lending_verb(an, k: int) -> bool:
    """A verb of lex:LendingVerb at token k, by its form or lemma; a phrase ("put up") word by word
    after its verb."""
    t = an.tokens
    for words in an.gaz.word_lists.get("LendingVerb", ()):
        if t[k].fold != words[0] and fold(t[k].lemma or "") != words[0]:
            continue
        if all(k + i < len(t) and t[k + i].fold == w for i, w in enumerate(words[1:], 1)):
            return True
    return False


PRONOUN_STARTS = {"es", "er", "it", "they", "this", "dies", "darin", "damit", "dabei", "hierin", "sie"}


def _topics_at(an, sent: int, tokens: set[int]) -> list[str]:
    """The topics of a sentence found at the given tokens, most frequent first."""
    hits = [t for t, k in an.topic_hits.get(sent, []) if k in tokens]
    return sorted(dict.fromkeys(hits), key=lambda t: -hits.count(t))


def _resolve(an, g, a: Agreement, act: ActorMention, args: Args) -> list[str]:
    """An actor argument as IRIs: a name is itself, a group noun the actors it stands for."""
    if act.kind != "group":
        return [act.iri] if act.iri else []
    if act.refers_to == "person":
        return []
    elab = [x.iri for x in args.elab if x.iri]
    if elab:
        return list(dict.fromkeys(elab))
    if not act.number and act.head is not None and fold(an.tokens[act.head].lemma) == "partner":
        venture = _venture_before(an, act)
        if venture is not None:   # "Kappa LNG, the venture led by X, …; the partners signed": Kappa LNG
            return [venture]
    number = act.number or 0
    if number == 1:
        own = _own_sides(an, args) if any(x is act for x in args.partners) else set()
        if own:   # "A, B und C vereinbarten eine Partnerschaft mit dem Land": not one of A, B, C
            other = _last_other(an, act, own)
            return [other] if other else []
        home = _dateline_government(an, act)
        if home:   # "LIMA - … when the government and Kappa Power agreed on a tariff": Peru's
            return [home]
        own = {x.iri for x in args.agents + args.partners if x.iri and x.kind != "group"}
        subject = _earlier_subject(an, act, own)
        if subject is not None:
            return [subject]
        if own:   # "Together with A and B the company operates …", "Zusammen mit A betreibt der Konzern …":
            other = _last_other(an, act, own)   # the company is none of its clause's co-arguments
            return [other] if other else []
        return last_actors(an, act, 1)   # "the country", "die Hansestadt": the one named last
    fits = lambda b: b is not None and all(_of_kind(an, p, act.group_kind) for p in b.parties) if act.group_kind else True
    if number >= 2 and not (a is not None and len(a.parties) >= number and fits(a)):
        # "the three countries": the parties of the latest agreement told before with that many
        told = [b for b in g.agreements if b is not a and b.intro <= act.sent and len(b.parties) == number and fits(b)]
        if told:
            return list(max(told, key=lambda b: b.intro).parties)
    for cand in (a, g.focus):
        if cand is not None and len(cand.parties) >= max(2, number) \
                and (not act.group_kind or all(_of_kind(an, p, act.group_kind) for p in list(cand.parties)[: number or None])):
            return list(cand.parties)[: number or None]   # not "die beiden Länder" for two companies
    return group_actors(an, act, number)


def _earlier_subject(an, act: ActorMention, own: set[str]) -> str | None:
    """The one subject a singular group noun of a later sentence stands for ("A signed a contract
    with B on Tuesday. In 2021 the group had concluded a deal with C", "A hat mit B einen Vertrag
    unterzeichnet. Der Konzern hatte 2021 mit C …"): the text's topic, not the partner named last.
    Read from the closest earlier sentence that names an actor of the noun's kind: its core actors
    of that kind (names, not prepositional phrases) that are none of the clause's own sides; only
    when that is one actor (two subjects, "A und B unterzeichneten", leave it open)."""
    if act.kind != "group" or not act.group_kind:
        return None
    if any(x.iri and x.start < act.start and x.kind == act.group_kind and x.iri not in own and _acting_actor(an, x)
           for x in an.actors_by_sent.get(act.sent, [])):
        return None   # one named in its own sentence comes first
    for s in range(act.sent - 1, max(act.sent - 3, -1), -1):
        named = [x for x in an.actors_by_sent.get(s, []) if x.iri and x.kind == act.group_kind and _acting_actor(an, x)]
        if not named:
            continue
        core = {x.iri for x in named if x.function == "core"} - own
        return next(iter(core)) if len(core) == 1 else None
    return None


def _venture_word(an, k: int) -> bool:
    """Whether token k ends a venture noun (lex:VentureNoun: "venture", "project company",
    "Projektgesellschaft")."""
    toks = an.tokens
    return any(len(w) <= k + 1 and tuple(t.fold for t in toks[k + 1 - len(w):k + 1]) == w
               for w in an.gaz.word_lists.get("VentureNoun", ()))


def _venture_before(an, act: ActorMention) -> str | None:
    """The venture "the partners" act through: the last organisation before them that the text
    describes with a venture noun, in an apposition after its name
    ("Kappa LNG, the venture led by X", "Kappa Wind, a project company owned by X and Y") or as
    the noun before it ("die Projektgesellschaft Kappa Wind")."""
    toks = an.tokens
    for m in sorted(an.org_mentions, key=lambda m: m.start, reverse=True):
        if m.start >= act.start:
            continue
        if m.start > 0 and _venture_word(an, m.start - 1):
            return m.iri
        if m.end < len(toks) and toks[m.end].text == ",":
            k = m.end + 1
            while k < len(toks) and k <= m.end + 4:
                if _venture_word(an, k):
                    return m.iri
                if not (toks[k].pos in ("DET", "ADJ") or toks[k].pos == "NOUN" and toks[k].text.islower()):
                    break
                k += 1
    return None


def _dateline_government(an, act: ActorMention) -> str | None:
    """A bare "the government" / "die Regierung" with no country attached, in a text filed from a
    capital: the government of the dateline's country (the one a report is told from)."""
    if act.group_kind != "country" or not any(k in an.governments for k in range(act.start, act.end)):
        return None
    place = an.structure.dateline[1] if an.structure.dateline else None
    ent = an.gaz.entities.get(place) if place else None
    return ent.capital_of if ent is not None and ent.kind == "place" else None


def _of_kind(an, iri: str, kind: str) -> bool:
    """Whether an actor fits the kind a group noun names: a state or region for "countries",
    "governments", "Provinzen" (a government noun also stands for a region's government), an
    organisation for "companies"."""
    have = an.kind_of(iri)
    return have == "org" if kind == "org" else have in ("country", "region")


def distribution(an, size: int, m: AgreementMention) -> list[str | None]:
    """The list of partners to give one per member of a set of ``size`` agreements ("MoUs with A
    and B", "deals … made with W, X, Y and Z", "each … : A, B, C", "mit A, mit B und mit C"), or
    [] when the mention names no such list ("between A and B" are parties of each)."""
    own = {i for i, _ in m.own}
    between = {a.iri for a in an.actors_by_sent.get(m.sent, []) if a.function == "between" and a.iri
               and a.head is not None and m.start <= a.head < m.end}
    if len(own) == size and size > 1 and not own <= between:   # ("agreements between A and B": both sign each)
        return list(dict.fromkeys(i for i, _ in m.own))
    if m.predicate is None:
        return []
    args = predicate_args(an, m.predicate)
    recipient = an.gaz.words("RecipientPreposition")
    # with-partners (also those whose representatives or heads it is done with, "with representatives
    # of A and B"), or the ones given to ("awarded contracts to A and B", "vergab Aufträge an A und B")
    partners = list(dict.fromkeys(x.iri for x in args.partners if x.iri and (
        x.function in ("with", "affil") or fold(x.prep or "") in recipient)))
    elab = list(dict.fromkeys(x.iri for x in args.elab if x.iri))
    agents = []
    for x in args.agents:
        if x.iri:
            agents.append(x.iri)
        elif x.kind == "group" and x.refers_to == "actor" and x.number == size and "each" in m.cues:
            agents += group_actors(an, x, x.number)   # "Beide Konzerne unterzeichneten jeweils eine …"
    agents = list(dict.fromkeys(agents))
    # (an uncounted plural with its own with-partner: "A and B signed memoranda with X", one each,
    # grouping._companies_with_one_partner)
    own_partner = m.count == 0 and any(how == "partner" for _, how in m.own)
    if not ("each" in m.cues or args.partners or args.elab or own_partner) or _counted_separate(an, m):
        agents = []   # "Portugal and Brazil signed two MoUs": both sign each one; so do "A and B" of
        # "two separate agreements with X", "zwei getrennte Verträge mit X" (separate documents, not one each)
    # "inked MoUs with A for X, with B for Y and with C": the first with-phrase hangs from the word
    joined = list(dict.fromkeys([i for i, how in m.own if how == "partner"] + partners))
    companies = [i for i in agents if an.kind_of(i) == "org"]   # ("two Indian producers, A and B": not India)
    for cand in (partners, elab, agents, companies, joined):
        if len(cand) == size:
            return cand
    apposed = _apposed_group_members(an, m, size)
    if apposed:
        return apposed
    items = list_items(an, m.predicate)
    return items if len(items) == size else []


def _counted_separate(an, m: AgreementMention) -> bool:
    """A counted plural whose only distributive cue is an adjective in its own noun phrase ("two
    separate agreements", "zwei separate Verträge"): the documents are separate from each other,
    which says nothing of who signs each (no "each", "jeweils", "respectively" in the clause)."""
    if m.count < 2 or m.predicate is None:
        return False
    toks = an.tokens
    cues = [j for j in m.predicate.tokens if ("DistributiveCue" in an.cats(j) or "RespectivelyCue" in an.cats(j))
            and not _cue_of_other_noun(an, j)]
    return all(m.start - 3 <= j < m.start and toks[j].pos in ("ADJ", "VERB") and not an.syntax.finite(j)
               for j in cues)


def _cue_of_other_noun(an, j: int) -> bool:
    """An adjective cue in a prepositional phrase on a noun that is no agreement ("nach eigenen
    Angaben", "with its own funds"): it distributes nothing."""
    toks = an.tokens
    return 0 < j < len(toks) - 1 and toks[j].pos in ("ADJ", "VERB") and toks[j + 1].pos == "NOUN" \
        and not an.cats(j + 1) & {"AgreementWord", "DocumentWord"} and toks[j - 1].pos == "ADP"


def _apposed_group_members(an, m: AgreementMention, size: int) -> list[str]:
    """The partners of a set named in an apposition to its counted partner group ("PPAs with two
    developers, A and B, on Thursday", "mit zwei Projektentwicklern, A und B, … geschlossen"):
    the names between the comma after the group noun and the next comma or the sentence end,
    if there are exactly as many as the group counts, one per member."""
    toks = an.tokens
    clause = set(an.syntax.clause(m.predicate.head).tokens) if m.predicate is not None else set()
    for grp in an.actors_by_sent.get(m.sent, []):
        if grp.kind != "group" or grp.number != size or grp.function not in ("with", "agr") or grp.start not in clause \
                or grp.end >= an.sentences[m.sent].end or toks[grp.end].text != ",":
            continue
        acts = [a for a in an.actors_by_sent.get(m.sent, []) if a.start > grp.end and a.iri and a.kind != "group"
                and a.function not in ("orgmod", "mod", "affil")]
        named: list[str] = []
        for item in _list_chunks(an, range(grp.end + 1, an.sentences[m.sent].end), ("and", "und", "sowie")):
            first = next((a for a in acts if a.start == item[0]), None)   # an item that starts with a name
            if first is None:
                break
            named.append(first.iri)
        if len(named) == size and len(set(named)) == size:
            return named
    return []


def distribute(an, s: AgreementSet, m: AgreementMention) -> None:
    """Give each member of a set its own partner (see :func:`distribution`)."""
    lst = distribution(an, len(s.members), m) or listed_after(an, len(s.members), m)
    for b, iri in zip(s.members, lst):
        if iri:
            b.add_party(iri, "distributed", m.sent, 0.8)
    if lst:
        s.distributed = True


LISTED_AFTER_REACH = 2   # sentences after a set with a counted partner group that may name its members


def listed_after(an, size: int, m: AgreementMention) -> list[str]:
    """The partners of a set signed with a counted group ("contracts with four utilities",
    "Lieferverträge mit neun Energieunternehmen") named in a later sentence: the first of the
    next sentences that names actors, if it names exactly that many, one per member ("The buyers
    are the Swiss A, B of Greece, C and D", "Zu den Abnehmern zählen die chilenische A, B, C
    und D"). Adjectives of origin, places after a preposition and the set's own signers are no items."""
    from kg.extract.grouping import _group_size

    if m.status != "asserted" or size < 2 or m.predicate is None or _group_size(an, m) != size:
        return []
    toks = an.tokens
    args = predicate_args(an, m.predicate)
    signers = {x.iri for x in args.agents if x.iri}
    for s in range(m.sent + 1, min(len(an.sentences), m.sent + LISTED_AFTER_REACH + 1)):
        named = [a for a in an.actors_by_sent.get(s, []) if a.iri and a.kind != "group"]
        if not named:
            continue
        # the list from its first name to the end of the sentence, item by item (an item whose
        # name was not recognised keeps its place, empty)
        chunks = _list_chunks(an, range(min(a.start for a in named), an.sentences[s].end), ("und", "and", "sowie"),
                              keep_punct=False)
        out: list[str | None] = []
        for c in chunks:
            acts = [a for a in named if a.start in c and a.function not in ("orgmod", "mod", "affil")
                    and not (a.start > 0 and toks[a.start - 1].pos == "ADP")]
            out.append(acts[0].iri if acts else None)
        found = [i for i in out if i]
        if len(out) != size or len(set(found)) != len(found) or 2 * len(found) <= size or set(found) & signers:
            return []
        return out
    return []


def _list_chunks(an, ks, coordinators: tuple[str, ...], keep_punct: bool = True) -> list[list[int]]:
    """The tokens ``ks`` of a list cut into its items at commas, semicolons and the given
    coordinators ("A, B und C" -> [[A], [B], [C]]); other punctuation stays in its item unless
    ``keep_punct`` is false. Shared by :func:`list_items` and :func:`listed_after`."""
    toks = an.tokens
    items: list[list[int]] = [[]]
    for k in ks:
        if toks[k].text in (",", ";") or toks[k].fold in coordinators:
            if items[-1]:
                items.append([])
        elif keep_punct or toks[k].pos != "PUNCT":
            items[-1].append(k)
    return [i for i in items if i]


def list_items(an, p: Predicate) -> list[str | None]:
    """The items of a list after a colon in a predicate's clause, one actor (or None) per item:
    "drei Vereinbarungen: mit A, mit B und mit C" -> [A, B, C]."""
    after = sorted(k for k in p.tokens if k in an.syntax.after_colon)
    if not after or purpose_list(an, after[0]):
        return []   # "one for each utility: A, B and C": what each is for
    out: list[str | None] = []
    for item in _list_chunks(an, after, ("und", "and", "sowie", "or", "oder")):
        acts = [a for a in an.actors_by_sent.get(p.sent, []) if a.start in item and a.iri
                and a.function not in ("orgmod", "affil", "mod", "loc")]
        out.append(acts[0].iri if acts else None)
    return out if any(out) else []


def _witnesses(an, g) -> None:
    """Persons a presence predicate places at the signing ("attended the signing", "Zugegen
    waren …", "was present at the ceremony") witness the agreement(s) in focus there."""
    toks = an.tokens
    for p in g.predicates:
        if p.mode == "asserted" and (p.kind == "signing" or p.kind in ("sign", "conclude") and not any(
                _own_predicate(m, p) for a in g.agreements for m in a.mentions)):
            # "The signing was attended by X": the signing of the agreement(s) in focus; "It was one
            # of several agreements signed in the presence of X": a signing that names no agreement of its own
            # ("The agreement was among the documents exchanged in the presence of X": one only referred to)
            listed = predicate_args(an, p).witnesses
            if p.kind == "signing":
                listed = listed + _trailing_presence(an, g, p)
            targets = (_focus_at(an, g, p.sent) or _focus_ahead(an, g, p.sent)) if listed else []
            for a in targets:
                if not a.background and not any(_own_predicate(m, p) for m in a.mentions):
                    for pm in listed:
                        if pm.iri not in a.signatories:
                            a.witnesses.add(pm.iri)
                            a.evidence.append(("witness", pm.iri, p.sent, 0.7))
            continue
        if p.mode != "asserted" or p.kind != "witness" and not (p.kind == "report" and _at_signing(an, p.head, p.clause)):
            continue   # a presence predicate, or a speaker at the signing ("X said at the ceremony")
        targets = _focus_at(an, g, p.sent) or _focus_ahead(an, g, p.sent)
        if not targets:
            continue
        if any(a.background for a in targets):
            continue
        antecedents = _antecedent_persons(an, p)   # "X, who attended the signing, …", "X and Y, who were also present"
        grouped = [pm for grp in an.actors_by_sent.get(p.sent, []) if grp.kind == "group" and grp.refers_to == "person"
                   and grp.function == "core" and grp.start in p.tokens for pm in _person_group(an, grp, p)]
        grouped += _pronoun_antecedent(an, p, targets)   # "He looked on", "Er verfolgte die Unterzeichnung"
        for pm in grouped:   # "Both ministers were present", "Die beiden Regierungschefs waren zugegen"
            for a in targets:
                if pm.iri not in a.signatories:
                    a.witnesses.add(pm.iri)
                    a.evidence.append(("witness", pm.iri, p.sent, 0.65))
        for pm in an.person_mentions:
            role = person_role(an, pm)
            if pm not in antecedents and not _additive_tail(an, pm, p) \
                    and (pm.start not in p.tokens or not (role in ("core", "with") or (role == "by" and p.voice == "passive"))):
                continue   # "X attended the signing", "the signing was attended by X", "X, along with Y, looked on"
            for a in targets:
                if pm.iri in a.signatories:
                    continue
                a.witnesses.add(pm.iri)
                a.evidence.append(("witness", pm.iri, p.sent, 0.7))
                a.sentences.add(p.sent)
    # "with President X attending", "with X and Y looking on": an absolute with-phrase of presence
    with_phrases = _by_sent(an, "presence_with", presence_with_phrases(an), lambda ke: an.sent_of[ke[0]])
    for sent in an.sentences:
        for k, e in with_phrases.get(sent.index, []):
            inside = [pm for pm in an.person_mentions if k < pm.start < e]
            signing = next((q for q in g.predicates if q.sent == sent.index and q.kind in ("sign", "conclude", "signing")), None)
            if signing is not None:   # "with the two leaders looking on": the persons the group noun stands for
                inside += [pm for grp in an.actors_by_sent.get(sent.index, []) if grp.kind == "group" and grp.refers_to == "person"
                           and k < grp.start < e for pm in _person_group(an, grp, signing)]
            if not inside:
                continue
            for a in _focus_at(an, g, sent.index):
                if a.background:
                    continue
                for pm in inside:
                    info = a.signatories.pop(pm.iri, None)
                    side = info.get("on_behalf_of") if info else None
                    if side and a.parties.get(side) == "signatory" \
                            and not any(x.get("on_behalf_of") == side for x in a.signatories.values()):
                        del a.parties[side]   # the party only this "signatory" stood for
                    a.witnesses.add(pm.iri)
                    a.evidence.append(("witness", pm.iri, sent.index, 0.7))
    _possessive_presence(an, g)
    _present_non_signers(an, g)
    _visitors_present(an, g)
    _companions(an, g)
    _same_event(an, g)
    _document_witnesses(an, g)
    # "stand behind the signatories", "hinter den Unterzeichnern": pictured at the signing
    for sent in an.sentences:
        for k in range(sent.start, sent.end):
            if toks[k].fold not in ("hinter", "behind", "neben", "beside", "next") or k + 3 >= sent.end:
                continue
            if toks[k].fold == "next" and toks[k + 1].fold != "to":
                continue
            window = range(k + 1, min(sent.end, k + 5))
            target_words = [toks[j].lemma for j in window]
            person_group = any(an.lex_at.get(j) is not None and "GroupNoun" in an.cats(j) and
                               any(an.gaz.lexicon[x].refers_to == "person" for x in an.lex_at[j].data.get("lex", []))
                               for j in window)
            if not (person_group or any(w.startswith(("unterzeichner", "signator", "signer")) for w in target_words)):
                continue
            targets = _focus_at(an, g, sent.index, window=6)
            for pm in an.person_mentions:
                if sent.start <= pm.start < k and an.syntax.same_clause(pm.start, k):
                    for a in targets:
                        if pm.iri not in a.signatories:
                            a.witnesses.add(pm.iri)
                            a.evidence.append(("witness", pm.iri, sent.index, 0.6))


def _own_predicate(m: AgreementMention, p: Predicate) -> bool:
    """Whether p is the predicate of an agreement mention whose arguments assembly reads (one
    asserted or told as background); a mention only referred to ("The agreement was among the
    documents exchanged …") leaves the predicate's witnesses to the agreement in focus."""
    return m.predicate is p and m.status in ("asserted", "background")


# how many sentences back the person a presence clause's pronoun stands for may be named
PRONOUN_REACH = 3


def _present_non_signers(an, g) -> None:
    """"X sat at the table but did not sign himself", "Er saß in der ersten Reihe; er leistete keine
    Unterschrift": a person the text names right after an agreement was signed and says did not
    sign it was at the signing without signing, a witness. The person is the one subject named
    in the sentence before the negated signing verb, or the person a singular pronoun stands for.
    Not when the sentence says the person was absent, nor for an agreement in the background."""
    toks = an.tokens
    for p in g.predicates:
        if p.kind != "sign" or p.mode != "negated" or p.noun:
            continue
        if any(q.sent == p.sent and (q.kind == "witness" and q.mode == "negated"
                                     or q.kind in ("sign", "conclude") and q.mode == "asserted" and not q.noun)
               for q in g.predicates):
            continue   # "was not present and did not sign"; "A signed, B did not"
        sent = an.sentences[p.sent]
        times = [d.value for d in an.dates if d.value and d.kind != "dateline" and sent.start <= an.tok_at(d.start) < sent.end]
        targets = [a for a in _focus_at(an, g, p.sent) if not a.background
                   and not any(a.date is None or not compatible(v, a.date.value) for v in times)]
        if not targets:
            continue   # "In 2019 X did not sign it": another time, not this signing
        if any(p.head < pm.start < sent.end for pm in an.person_mentions):
            continue   # "A unterzeichnete, B dagegen nicht": who did not sign is named after the verb
        named = [pm for pm in an.person_mentions if sent.start <= pm.start < p.head and pm.iri
                 and person_role(an, pm) == "core"]
        if not named:
            named = _pronoun_antecedent(an, p, targets)
        if len({pm.iri for pm in named}) != 1:
            continue
        pm = named[0]
        for a in targets:
            if pm.iri in a.signatories:
                continue
            a.witnesses.add(pm.iri)
            a.evidence.append(("witness", pm.iri, p.sent, 0.65))


CEREMONY_REACH = 4   # sentences between the last agreement told as signed at a ceremony and a witness of it


def ceremony_witnesses(an, g) -> None:
    """Several agreements signed at one ceremony, then a person placed there ("… wohnte der
    Zeremonie bei", "The documents were signed in the presence of X", "X attended the ceremony"):
    the presence predicate finds only the agreement in focus, the last one told, but the person
    witnessed each agreement told before that sentence as signed the same day (not an older one
    told in between, nor one told after, nor one signed elsewhere). Run once the dates are known."""
    for a in g.agreements:
        if a.background or a.date is None or a.date.precision != "day" or not a.witnesses:
            continue
        for prop, iri, sent, conf in list(a.evidence):
            if prop != "witness" or iri not in a.witnesses:
                continue
            for b in g.agreements:
                if b is a or b.background or b.tentative or b.date is None or b.date.value != a.date.value \
                        or iri in b.witnesses or iri in b.signatories or a.place and b.place and a.place != b.place:
                    continue
                if a.date.kind == "anaphoric" and a.date is not b.date:
                    continue   # "The same day, X signed …; Y attended the ceremony": another signing that day
                told = [m.sent for m in b.mentions if m.status == "asserted"]
                if not told or min(told) > sent or sent - max(m.sent for m in b.mentions if m.sent <= sent) > CEREMONY_REACH:
                    continue
                b.witnesses.add(iri)
                b.evidence.append(("witness", iri, sent, conf - 0.05))


def _pronoun_antecedent(an, p: Predicate, targets: list[Agreement]) -> list[Mention]:
    """"He looked on", "Er verfolgte die Unterzeichnung": a presence clause that names no person
    and has a singular personal pronoun (PERSON_SUBJECT_PRONOUNS) stands for the one person named in the
    sentences before who signed none of the agreements in focus. With two or more such persons the
    pronoun is left unresolved (nothing), as it is when all named persons signed."""
    toks = an.tokens
    if not any(toks[j].fold in PERSON_SUBJECT_PRONOUNS and toks[j].pos == "PRON" for j in p.tokens):
        return []
    if any(pm.start in p.tokens for pm in an.person_mentions):
        return []
    signers = {iri for a in targets for iri in a.signatories}
    named = {pm.iri: pm for pm in an.person_mentions
             if pm.iri and pm.iri not in signers and p.sent - PRONOUN_REACH <= an.sent_of[pm.start] < p.sent}
    return list(named.values()) if len(named) == 1 else []


def _trailing_presence(an, g, p: Predicate) -> list[Mention]:
    """Persons of a presence phrase in a later clause of a signing noun's sentence that has no
    predicate of its own ("The signing was among several that were held in the presence of X",
    "Die Unterzeichnung war eine von vielen, die im Beisein von X stattfanden"): present at it."""
    out = []
    for pm in an.person_mentions:
        if an.sent_of[pm.start] != p.sent or pm.start <= p.head or pm.start in p.tokens \
                or person_role(an, pm) != "witness":
            continue
        if any(pm.start in q.tokens for q in g.predicates if q is not p):
            continue
        out.append(pm)
    return out


class _Without:
    """The agreements of a grouping but one (the focus before a back-reference to it)."""

    def __init__(self, g, without: Agreement):
        self.agreements = [a for a in g.agreements if a is not without]


def _share_witnesses(source: Agreement, a: Agreement, sent: int) -> None:
    """The witnesses of ``source`` were present at the signing of ``a`` too (one ceremony): each
    that is not already a signatory or a witness of ``a`` becomes one, with evidence in ``sent``.
    Shared by :func:`_document_witnesses` and :func:`_same_event`."""
    for iri in sorted(source.witnesses):
        if iri not in a.signatories and iri not in a.witnesses:
            a.witnesses.add(iri)
            a.evidence.append(("witness", iri, sent, 0.6))


def _document_witnesses(an, g) -> None:
    """"X and Y watched as the ministers traded the signed papers", "Beide Regierungschefs waren
    anwesend, als die Papiere ausgetauscht wurden": the definite documents after an agreement is
    told are its papers, so who was present at their signing or exchange witnessed the agreement
    in focus before them."""
    for b in g.agreements:
        if b.background or not b.witnesses or not b.mentions:
            continue
        first = min(b.mentions, key=lambda m: (m.sent, m.start))   # the words that started it
        if not first.definite or not any("DocumentWord" in an.cats(k) for k in range(first.start, first.end)) \
                or any("AgreementWord" in an.cats(k) for k in range(first.start, first.end)):
            continue
        sent = first.sent
        for a in _focus_at(an, _Without(g, b), sent):
            if a.background:
                continue
            _share_witnesses(b, a, sent)


def at_same_event(an, m: AgreementMention) -> bool:
    """The clause of ``m`` places its signing at the ceremony just told ("At the same ceremony, A
    and B concluded a deal", "bei derselben Zeremonie", "on the same occasion": lex:SameEventWord
    before a signing noun)."""
    if m.predicate is None:
        return False
    toks = an.tokens
    same = an.gaz.words("SameEventWord")
    sent = an.sentences[m.sent]
    return any(toks[j].fold in same and j + 1 < sent.end
               and any("SigningNoun" in an.cats(x) for x in range(j + 1, min(sent.end, j + 3)))
               and an.syntax.clause_of[j] == m.predicate.clause for j in range(sent.start, sent.end))


def _same_event(an, g) -> None:
    """"At the same ceremony, A and B concluded a deal", "Bei derselben Zeremonie unterzeichneten
    A und B …": an agreement signed at the ceremony just told had the persons present there as
    witnesses too (those of the agreement told last before it, unless they sign this one). "At
    the same conference" or "event" is no such cue: a gathering holds many signings."""
    toks = an.tokens
    same = an.gaz.words("SameEventWord")
    for a in g.agreements:
        if a.background:
            continue
        for m in a.mentions:
            if m.status != "asserted" or m.predicate is None:
                continue
            if not at_same_event(an, m):
                continue
            before = None
            for b in g.agreements:
                told = [x.sent for x in b.mentions if x.sent < m.sent and x.status == "asserted"]
                if b is a or b.background or not b.witnesses or not told or m.sent - max(told) > 4:
                    continue
                if before is None or max(told) > before[0]:
                    before = (max(told), b)
            if before is None:
                continue
            _share_witnesses(before[1], a, m.sent)
            break


def _companions(an, g) -> None:
    """"Staatssekretär X begleitete Ministerin Y nach Lima", "X accompanied the chancellor to
    Oslo": who goes along with a signatory was at the signing of what that signatory signed. A
    companion of a guest or a visitor who signed nothing ("X accompanied the president on the
    trip") is placed at no signing; the subject of a passive ("der von X begleitete Kanzler") is
    the one accompanied."""
    toks = an.tokens
    signed = [a for a in g.agreements if not a.background and a.signatories]
    if not signed:
        return
    for k, tok in enumerate(toks):
        if tok.pos != "VERB" or "CompanionVerb" not in an.cats(k):
            continue
        clause = an.syntax.clauses[an.syntax.clause_of[k]]
        if clause.kind == "rel" or any(an.cats(j) & {"NegationCue", "PlanCue"} for j in clause.tokens):
            continue
        persons = [pm for pm in an.person_mentions if pm.start in clause.tokens and pm.iri]
        titles = [j for j in clause.tokens if "RoleTitle" in an.cats(j) and j not in an.person_at
                  and toks[j].pos == "NOUN" and j > 0 and toks[j - 1].pos == "DET"]   # "den Kanzler", "the minister"
        for a in signed:
            led = {pm.iri for pm in persons if pm.iri in a.signatories}
            led |= {iri for iri, info in a.signatories.items() for j in titles
                    if info.get("mention") is not None and _holds(an, info["mention"], toks[j].lemma)}
            if not led:
                continue
            for pm in persons:
                if pm.iri not in a.signatories and person_role(an, pm) in ("core", "by"):
                    a.witnesses.add(pm.iri)
                    a.evidence.append(("witness", pm.iri, an.sent_of[k], 0.6))


def _focus_at(an, g, sent: int, window: int = 4) -> list[Agreement]:
    """The agreements a sentence talks about when it names none: the last asserted agreement
    (or set of agreements) before it, within a few sentences."""
    best = None
    for a in g.agreements:
        if a.background:
            continue
        asserted = [m.sent for m in a.mentions if m.status == "asserted" and m.sent <= sent]
        if not asserted:
            continue
        last = max(m.sent for m in a.mentions if m.sent <= sent)
        if sent - last > window:
            continue
        if best is None or last >= best[0]:
            best = (last, a)
    if best is None:
        return []
    a = best[1]
    if a.group is not None:
        return list(a.group.members)
    return [a]


def _focus_ahead(an, g, sent: int) -> list[Agreement]:
    """A sentence about a signing event before any agreement is named ("The signing ceremony was
    attended by X. A and B signed …", "Die Unterzeichnung fand im Beisein von X statt. A und B
    unterzeichneten …"): the agreement(s) the next sentence asserts."""
    s = an.sentences[sent]
    if sent + 1 >= len(an.sentences) or not any("SigningNoun" in an.cats(k) for k in range(s.start, s.end)):
        return []
    for a in g.agreements:
        if a.background or any(m.sent <= sent for m in a.mentions):
            continue
        if any(m.status == "asserted" and m.sent == sent + 1 for m in a.mentions):
            return list(a.group.members) if a.group is not None else [a]
    return []


def _group_members(an, a: Agreement) -> None:
    """"A und eine Gruppe von Geberländern vereinbarten … Angeführt wird die Gruppe von B und C;
    beteiligt sind außerdem D und E": a group that signs, named by a collective noun with an
    indefinite article, has as members the actors the next sentence names when that sentence
    refers to the group again (the collective noun with a definite article)."""
    toks = an.tokens
    indefinite = ("a", "an", "ein", "eine", "einer", "einem", "einen")
    definite = ("the", "this", "die", "der", "den", "dem", "diese", "dieser")
    for m in a.mentions:
        p = m.predicate
        if p is None or m.status not in ("asserted", "background"):   # (background: told as concluded before)
            continue
        groups = [k for k in sorted(p.tokens) if "CollectiveNoun" in an.cats(k) and k > 0
                  and _after_article(an, k, indefinite)]   # "an international consortium", "einem internationalen Konsortium"
        if not groups:
            continue
        # "with a group of donor countries led by B and C", "mit einer Gruppe … unter Führung Bs und Cs"
        cues = an.gaz.word_lists.get("LeadCue", set())
        for g0 in groups:
            cue = next((j + len(w) for j in range(g0 + 1, min(len(toks), g0 + 8)) for w in cues
                        if tuple(t.fold for t in toks[j:j + len(w)]) == w), None)
            if cue is None:
                continue
            at = {x.start: x for x in an.actors_by_sent.get(m.sent, []) if x.iri and x.kind in ("country", "org")}
            led, j = [], cue
            while j < len(toks) and j in p.tokens:   # the list right after the cue: "led by A, B and C"
                if j in at:
                    led.append(at[j])
                    j = at[j].end
                elif toks[j].pos == "DET" or toks[j].fold in (",", "and", "und", "sowie") \
                        or j == cue and toks[j].fold == "von":   # "unter Führung von B"
                    j += 1
                else:
                    break
            for x in led:
                a.add_party(x.iri, "member", m.sent, 0.6)
        if a.background:
            continue
        # the members in one of the next two sentences of its paragraph ("Es wurde am Montag
        # unterzeichnet. Auf der Geberseite stehen B, C und D", "The donors are B, C and D"): one
        # that refers to the group again or lists actors with a verb of being, including or taking
        # part (a copula, lex:IncludeVerb, lex:MemberVerb, lex:ParticipationCue)
        for nxt in (m.sent + 1, m.sent + 2):
            if nxt >= len(an.sentences) or an.sentences[nxt].paragraph != an.sentences[m.sent].paragraph:
                return
            sent = an.sentences[nxt]
            ks = range(sent.start + 1, sent.end)
            if not any("CollectiveNoun" in an.cats(k) and toks[k - 1].fold in definite for k in ks) \
                    and not any(toks[k].lemma in COPULAS or an.cats(k) & {"IncludeVerb", "MemberVerb", "ParticipationCue"}
                                and toks[k].pos in ("VERB", "AUX") for k in range(sent.start, sent.end)):
                continue
            members = [x for x in an.actors_by_sent.get(nxt, []) if x.iri and x.kind in ("country", "org")
                       and x.function not in ("loc", "affil", "orgmod", "agr")]
            if len({x.iri for x in members}) >= 2:
                for x in members:
                    a.add_party(x.iri, "member", nxt, 0.6)
                a.sentences.add(nxt)
                return
        return


def _after_article(an, k: int, articles: tuple[str, ...]) -> bool:
    """Whether one of ARTICLES stands before the noun at k, with at most two adjectives between
    ("a consortium", "an international consortium", "einem internationalen Konsortium")."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 2 and toks[j].pos == "ADJ":
        j -= 1
    return j >= 0 and toks[j].fold in articles


def _leaders_parties(an, a: Agreement) -> None:
    """"Peru's President X and Chilean President Y oversaw the signing of the memorandum by their
    energy ministers": a signing that names no party and no signer's side, witnessed by leaders
    of two or more states, is between those states."""
    if a.signatories and any(info.get("on_behalf_of") for info in a.signatories.values()):
        return
    states = []
    for iri in sorted(a.witnesses):   # a set: a fixed order for the parties it gives
        info = an.person_info(iri)
        side = info.side or info.affiliation
        if side and an.kind_of(side) == "country" and info.role_lex in an.gaz.lexicon \
                and an.gaz.lexicon[info.role_lex].leader and side not in states:
            states.append(side)
    if len(states) >= 2:
        for s in states:
            a.add_party(s, "witnessed", a.intro, 0.5)


def _visit_parties(an, a: Agreement) -> None:
    """"Bei einem Besuch von Kanzler X in Lima wurde ein Abkommen unterzeichnet": an
    agreement signed during a visit, with no one named as signing it, is between the visitor's
    country and the country visited."""
    for m in a.mentions:
        p = m.predicate
        if p is None or m.status != "asserted" or p.voice != "passive":
            continue
        event = next((k for k in sorted(p.tokens) if "EventNoun" in an.cats(k)), None)
        if event is None:
            continue
        visitors = set()
        for pm in an.person_mentions:
            if pm.start in p.tokens and pm.start > event and person_role(an, pm) == "pp" and _visitor(an, pm):
                info = an.persons.get(pm.iri)
                if info is not None and (info.side or info.affiliation):
                    visitors.add(info.side or info.affiliation)
        for act in an.actors_by_sent.get(m.sent, []):
            if act.iri and act.head == event and act.kind in ("country", "region"):
                visitors.add(act.iri)   # "Musters Besuch", "the German chancellor's visit"
        host = an.gaz.entities.get(a.place_iri).capital_of if a.place_iri and a.place_iri in an.gaz.entities else None
        if len(visitors) == 1 and host and host not in visitors:
            for iri in sorted(visitors) + [host]:
                a.add_party(iri, "visit", m.sent, 0.6)
            return


def _supply_counterpart(an, g, a: Agreement) -> None:
    """"Petronas signed a deal to supply LNG to Sinopec", "Under the contract, X will buy gas
    from Y": an agreement with one party whose own sentence says that party supplies (or buys
    from) another is also between it and that other."""
    sents = {m.sent for m in a.mentions if m.status in ("asserted", "reference")}
    if not a.parties:
        # "A memorandum was signed on Friday. Under it, X will supply hydrogen to Y": an agreement
        # whose signing names no one is between the supplier and the recipient its content names
        if not any(m.status == "asserted" for m in a.mentions):
            return
        nxt = max(sents | a.sentences, default=-1) + 1   # "Sie sieht vor, dass …", "Under it, …"
        if nxt < len(an.sentences):
            start = an.sentences[nxt].start
            if any(an.tokens[j].fold in PRONOUN_STARTS for j in range(start, min(start + 3, an.sentences[nxt].end))):
                sents = sents | {nxt}
        for suppliers, counterparts, sent in supply_relations(an, g):
            if (sent in sents or sent in a.sentences) and len(suppliers) == 1:
                for iri in suppliers + counterparts:
                    a.add_party(iri, "content", sent, 0.6)
                return
        return
    (party,) = a.parties
    for suppliers, counterparts, sent in supply_relations(an, g):
        if sent not in sents:
            continue
        if party in counterparts:
            others = suppliers
        else:   # its supplier, or one the clause does not name ("nach dem sie … liefert")
            others = counterparts if party in suppliers or not suppliers else []
        for iri in others:
            if an.kind_of(iri) in ("country", "region", "org"):
                a.add_party(iri, "content", sent, 0.6)
        if others:
            return


def _context_parties(an, a: Agreement) -> None:
    """"Deutschland und Peru wollen enger zusammenarbeiten. Eine Absichtserklärung wurde am
    Montag unterzeichnet.": an agreement whose own sentences name fewer than two parties is
    between the actors the sentence before it names together (two or more, acting)."""
    if not any(m.status == "asserted" for m in a.mentions):
        return
    para = an.sentences[a.intro].paragraph
    # its own sentence first ("…, teilten A und B mit"), then the two before, then the one after
    order = [x for x in (a.intro, a.intro - 1, a.intro - 2, a.intro + 1) if 0 <= x < len(an.sentences)]
    for s in order:
        # also the buyer of a sale the sentence before tells ("A und B verkaufen X an den Konzern Y.
        # Die Verträge wurden am Dienstag unterzeichnet.")
        acting = [x for x in an.actors_by_sent.get(s, []) if x.iri and x.kind != "group"
                  and (x.function in ("core", "with", "between") and not _object_after_verb(an, x)
                       or s != a.intro and sale_recipient(an, x))]
        if s == a.intro:
            # in its own sentence the actors named together in one clause ("…, teilten A und B
            # mit"), not the signer of one clause and the reporter of another ("A signed …, the
            # ministry said")
            by_clause: dict[int, list] = {}
            for x in acting:
                by_clause.setdefault(an.syntax.clause_of[x.start], []).append(x)
            acting = max(by_clause.values(), key=len, default=[])
        named = list(dict.fromkeys(x.iri for x in acting))
        if len(named) >= 2 and (an.sentences[s].paragraph == para or s in an.structure.lead or s == a.intro + 1):
            if a.parties and not set(a.parties) & set(named):
                return   # the one it has is not among them: another pair
            # the partners given one each to its siblings, unless they sign here (a set's signers sign every member)
            taken = _siblings_own(a) - {x.iri for x in acting if x.function == "core"}
            for iri in named:
                if iri not in taken:
                    a.add_party(iri, "context", s, 0.4)
            return


def _siblings_own(a: Agreement) -> set[str]:
    """The partners given one by one to the other members of a's set ("signed power purchase
    agreements with A, B and C, each of which …"): each is its own member's, not a's, even where
    a sentence names them all together as partners (:func:`_distributed_sides` for their signatories)."""
    s = a.group
    if s is None or not s.distributed:
        return set()
    return {iri for b in s.members if b is not a for iri, how in b.parties.items() if how == "distributed"} \
        - {iri for iri, how in a.parties.items() if how == "distributed"}


def _other_side_of_partner(an, g, a: Agreement) -> None:
    """"The agreement with Nordwind was signed on Monday", "Eine weitere Vereinbarung mit X war
    bereits am Samstag unterzeichnet worden" (invented): a signing without an agent (a passive)
    that names only the with-partner leaves the other side to the context. It is the one party every other
    agreement of the text has (the state that signs one memorandum after another), else the one
    actor that acts in the sentence before (its subject)."""
    (partner, how), = a.parties.items()
    if how != "partner":
        return
    signing = [m for m in a.mentions if m.status == "asserted" and m.predicate is not None]
    if not signing or any(predicate_args(an, m.predicate).agents for m in signing):
        return
    others = [b for b in g.agreements if b is not a and not b.background and len(b.parties) >= 2]
    common = set.intersection(*(set(b.parties) for b in others)) - {partner} if others else set()
    if len(common) > 1:   # "Laut dem Ministerium wurde auch mit X eine Erklärung unterzeichnet": the one its sentence names
        common &= {x.iri for x in an.actors_by_sent.get(a.intro, []) if x.iri}
    if len(common) == 1:
        a.add_party(common.pop(), "context", a.intro, 0.5)
        return
    s = a.intro - 1
    if s < 0 or not (an.sentences[s].paragraph == an.sentences[a.intro].paragraph or s in an.structure.lead):
        return
    acting = {x.iri for x in an.actors_by_sent.get(s, []) if x.iri and x.kind != "group" and x.function == "core"
              and not _object_after_verb(an, x) and x.iri != partner}
    if len(acting) == 1:
        a.add_party(acting.pop(), "context", s, 0.4)


def _object_after_verb(an, x: ActorMention) -> bool:
    """An English core name after its clause's finite verb: an object ("visited Chile and
    Bolivia"), not one who acts; so too a German company its owners found, sell or buy
    (predicate_args.owned_object: "Eon und RWE verkaufen ihr Gemeinschaftsunternehmen X")."""
    if an.lang == "de":
        return x.function == "core" and owned_object(an, x)
    if an.lang != "en" or x.function != "core":
        return False
    clause = an.syntax.clauses[an.syntax.clause_of[x.start]]
    verbs = [j for j in clause.tokens if an.syntax.finite(j) and an.tokens[j].pos in ("VERB", "AUX")]
    return bool(verbs) and verbs[0] < x.start and an.tokens[verbs[0]].lemma != "be"


def _outside_event(an, v: int) -> bool:
    """"ahead of X's visit", "im Vorfeld des Besuchs", "after the visit": a word between the
    visit noun and the preposition before it places the signing outside the visit."""
    toks = an.tokens
    outside = an.gaz.words("OutsideEventWord")
    j = v - 1
    while j >= 0 and v - j <= 10 and an.syntax.same_clause(j, v):
        t = toks[j]
        if t.fold in outside:
            return True
        if t.pos in ("VERB", "AUX") or t.text in (",", ";", ":", "(", ")"):
            return False
        j -= 1
    return False


def _visit_as_time(an, v: int) -> bool:
    """"signed during the visit of President X", "during X's first visit", "während des Besuchs
    von X" (lex:TimeFramePreposition): the visit gives the time of the signing only and does not
    place the visitor at it, unlike "beim Besuch von X" or "at the visit"."""
    toks = an.tokens
    words = an.gaz.words("TimeFramePreposition")
    j = v - 1
    while j >= 0 and v - j <= 10 and (toks[j].pos in ("DET", "ADJ", "NUM", "PROPN") or j in an.person_at
                                      or toks[j].pos == "NOUN" and toks[j].text[:1].islower()
                                      or toks[j].text in POSSESSIVE_MARKS or "RoleTitle" in an.cats(j)):
        j -= 1   # "during Prime Minister X's first visit", "during the state visit"
    return j >= 0 and toks[j].fold in words


def _visitors(an, v: int) -> list[Mention]:
    """The persons whose visit the visit noun at ``v`` is: a possessor before it ("President X's
    state visit", "Musters Besuch") or a by-, of- or genitive phrase after it ("the visit of
    President X", "a visit by X to Y", "Besuch von Kanzler X", "des Staatsbesuchs des Präsidenten X",
    "Besuch Musters"), with the persons coordinated with that one."""
    toks = an.tokens
    sent = an.sentences[an.sent_of[v]]
    found: list[Mention] = []
    j = v - 1
    while j > sent.start and v - j <= 3 and toks[j].pos in ("NOUN", "ADJ", "NUM") and j not in an.person_at \
            and toks[j].text[:1].islower():
        j -= 1   # "X's three-day state visit"
    if j > sent.start and toks[j].text in POSSESSIVE_MARKS and j - 1 in an.person_at:
        found.append(an.person_at[j - 1])
    elif an.lang == "de" and j >= sent.start and j in an.person_at and j == v - 1 and toks[j].fold.endswith("s"):
        found.append(an.person_at[j])   # "Musters Besuch"
    if not found and toks[v].pos == "NOUN":
        links = an.gaz.words("VisitorLink")
        k = v + 1
        if k < sent.end and toks[k].fold in an.gaz.words("DestinationPreposition"):
            k += 1   # "a visit to Berlin by X"
            while k < sent.end and k - v <= 5 and (an.entity_at(k) is not None or toks[k].pos in ("DET", "ADJ", "PROPN")) \
                    and toks[k].fold not in links and k not in an.person_at:
                k += 1
        if k < sent.end and k in an.person_at and an.lang == "de":
            found.append(an.person_at[k])   # "der Besuch Musters"
        elif k < sent.end and toks[k].fold in links:
            k += 1
            while k < sent.end and k - v <= 10 and k not in an.person_at and (
                    toks[k].pos in ("DET", "ADJ") or "RoleTitle" in an.cats(k) or an.entity_at(k) is not None
                    or toks[k].is_title and an.org_at(k) is None or toks[k].fold in ("'s", "’s")):
                k += 1   # "of US President X", "des französischen Präsidenten X", "by Brazil's President X"
            if k < sent.end and k in an.person_at:
                found.append(an.person_at[k])
    if found:
        k = found[-1].end
        while k + 1 < sent.end and toks[k].fold in ("and", "und"):
            j = k + 1
            while j < sent.end and j - k <= 4 and j not in an.person_at and ("RoleTitle" in an.cats(j)
                                                                            or toks[j].pos in ("DET", "ADJ")
                                                                            or an.entity_at(j) is not None):
                j += 1
            if j not in an.person_at:
                break
            found.append(an.person_at[j])   # "the visit of X and Y"
            k = an.person_at[j].end
    return found


def _visiting_subjects(an, v: int) -> list[Mention]:
    """"… signed as President X visited Lima", "…, als Kanzler X Lima besuchte": the subject
    of a visit verb in a clause of time (opened by as, while, when, als, während)."""
    toks = an.tokens
    clause = an.syntax.clauses[an.syntax.clause_of[v]]
    if clause.kind != "sub" or toks[clause.start].fold not in an.gaz.words("TimeSubordinator"):
        return []
    return [an.person_at[k] for k in clause.tokens if k in an.person_at and an.person_at[k].start == k
            and (an.lang == "de" or k < v) and person_role(an, an.person_at[k]) == "core"]


def _visitors_present(an, g) -> None:
    """An agreement signed during a visit ("signed during President X's state visit", "Beim
    Besuch von Kanzler X in Lima wurde … unterzeichnet", "The signing came during a visit by X",
    "signed as X visited Lima") had the visitor present: a witness, unless a signatory."""
    toks = an.tokens
    for p in g.predicates:
        if p.kind not in ("sign", "conclude", "signing") or p.mode != "asserted" or p.attributive:
            continue
        sent = an.sentences[p.sent]
        visitors: list[Mention] = []
        for v in range(sent.start, sent.end):
            if not visit_word(an, v) or an.org_at(v) is not None or v in an.person_at:
                continue
            if toks[v].pos == "NOUN" and v in p.tokens and not _outside_event(an, v) and not _visit_as_time(an, v):
                visitors += _visitors(an, v)
            elif toks[v].pos == "VERB" and an.syntax.clause_of[v] != p.clause \
                    and an.syntax.clauses[an.syntax.clause_of[v]].parent == p.clause:
                visitors += _visiting_subjects(an, v)
        if not visitors:
            continue
        targets = [a for a in g.agreements if not a.background
                   and any(m.predicate is p and m.status == "asserted" for m in a.mentions)]
        if not targets and p.kind == "signing":
            targets = [a for a in _focus_at(an, g, p.sent) if not a.background]
        for a in targets:
            for pm in visitors:
                if pm.iri and pm.iri not in a.signatories:
                    a.witnesses.add(pm.iri)
                    a.evidence.append(("witness", pm.iri, p.sent, 0.6))


def _visitor(an, pm: Mention) -> bool:
    """A person in the by-phrase of a visit ("Besuch von Kanzler X", "visit by X")."""
    toks = an.tokens
    k = pm.start - 1
    while k >= 0 and pm.start - k <= 4 and toks[k].fold not in ("von", "by") and k not in an.person_at:
        k -= 1
    return k >= 0 and toks[k].fold in ("von", "by") and by_event(an, k)


def _host_country(an, a: Agreement) -> None:
    """"the country landed an accord to build a dam in Kyrgyzstan": a deal to build something in
    a country has that country as its counterpart."""
    toks = an.tokens
    for m in a.mentions:
        if m.status not in ("asserted", "background") or m.implicit or m.predicate is None:
            continue
        for act in an.actors_by_sent.get(m.sent, []):
            if act.function == "loc" and act.prep in ("in", "im") and act.kind == "country" and act.start > m.end \
                    and act.start in m.predicate.tokens and len(a.parties) < 2 \
                    and any(toks[j].fold in ("to", "zu", "zum", "zur", "fur", "for") for j in range(m.end, act.start)) \
                    and act.iri not in a.parties:
                a.add_party(act.iri, "host", m.sent, 0.6)
                return


def _distributed_sides(g) -> None:
    """A set whose members each have a partner of their own ("Beide Konzerne unterzeichneten
    jeweils eine Absichtserklärung mit Kanada"): a signatory who acts for one member's own
    partner signs that member only, and that partner is no party of the others ("für Ottawa
    unterschrieb X beide Papiere, für Volkswagen Y, für Mercedes-Benz Z")."""
    seen: set[int] = set()
    for a in g.agreements:
        s = a.group
        if s is None or id(s) in seen or not s.distributed:
            continue
        seen.add(id(s))
        own = {id(b): {iri for iri, how in b.parties.items() if how == "distributed"} for b in s.members}
        for b in s.members:
            others = set().union(*(own[id(c)] for c in s.members if c is not b)) - own[id(b)]
            for iri, info in list(b.signatories.items()):
                if info.get("on_behalf_of") in others:
                    del b.signatories[iri]
            for iri in [x for x, how in b.parties.items() if x in others and how != "distributed"]:
                del b.parties[iri]


def _sides(an, a: Agreement) -> None:
    """Roles of the signatories, and the actors they act for as parties."""
    for iri, info in list(a.signatories.items()):
        if iri in a.witnesses:
            del a.signatories[iri]
            continue
        p = an.person_info(iri)
        info["role"] = p.role
        side = p.side or p.affiliation
        if p.second_body in a.parties and side and an.kind_of(side) == "country" and an.home_of(p.second_body) in (None, side):
            side = p.second_body   # "Qatar's energy minister and CEO of Kappa Energy" signs for the company that is a party
        parent = an.gaz.entities[side].member_of if side in an.gaz.entities else None
        if parent and (parent in a.parties or parent in _acting(an)):
            side = parent   # the Commission's president signs for the EU when the text has the EU act
        info["on_behalf_of"] = side
    _states_of_bodies(an, a)
    _bodies_for_states(an, a)
    for iri, info in a.signatories.items():
        if info.get("on_behalf_of") and an.kind_of(info["on_behalf_of"]) != "person":
            a.add_party(info["on_behalf_of"], "signatory", a.intro, 0.8)


def _states_of_bodies(an, a: Agreement) -> None:
    """"Ein Regierungsabkommen unterzeichneten X, Chef des Staatskonzerns Kappa Atom, und Y,
    Präsident der Atomkommission Z": the heads of state bodies sign an intergovernmental agreement
    for their states, when no signer already acts for a state (a minister for hers beside the head
    of the other side's company: then the agreement is told as made with that company)."""
    if not a.signatories or not _intergovernmental(an, a) \
            or any(an.kind_of(info.get("on_behalf_of") or "") == "country" for info in a.signatories.values()):
        return
    for iri, info in a.signatories.items():
        side = info.get("on_behalf_of")
        state = (an.home_of(side) or an.person_info(iri).body_state) if side and an.kind_of(side) == "org" else None
        if state and an.kind_of(state) == "country":
            info["on_behalf_of"] = state


def _intergovernmental(an, a: Agreement) -> bool:
    """Whether a word of the agreement's own mentions makes it one between governments
    ("Regierungsabkommen", "zwischenstaatliches Abkommen", "intergovernmental agreement";
    lex:IntergovernmentalCue): its signers act for their states, also the head of a state company."""
    cues = an.gaz.words("IntergovernmentalCue")
    return any(an.tokens[k].fold in cues for m in a.mentions if m.status in ("asserted", "background") and not m.implicit
               for k in range(max(0, m.start - 2), m.end))


def _bodies_for_states(an, a: Agreement) -> None:
    """A state's body signs with companies or regions: the party is the body the text names, not
    the state. A signatory who acts for a country but heads a named organisation ("Chef des
    Bureau of Kappa Enterprises"), or a minister whose ministry the text names as an organisation
    (Bergbauminister - Bergbauministerium, Minister of Mines - Ministry of Mines), acts for that
    body when no other side of the agreement is a country."""
    sides = {info.get("on_behalf_of") for info in a.signatories.values()} | set(a.parties)
    for iri, info in a.signatories.items():
        side = info.get("on_behalf_of")
        if not side or an.kind_of(side) != "country":
            continue
        others = {x for x in sides if x and x != side and an.kind_of(x) != "person"}
        if not others or any(an.kind_of(x) == "country" for x in others):
            continue
        p = an.person_info(iri)
        if p.government_side and p.side == side:
            continue   # signed "on behalf of the Government of X": the state is the party, not the signer's office
        body = p.affiliation if p.affiliation and an.kind_of(p.affiliation) == "org" else _ministry_of(an, p.role)
        if body is None and p.sector == "government":
            # the one ministry of that country among the parties ("with Peru's Ministry of Mines")
            bodies = [x for x in a.parties if an.home_of(x) == side and _ministry(an, x)]
            body = bodies[0] if len(bodies) == 1 else None
        if body and an.home_of(body) in (None, side):
            info["on_behalf_of"] = body


def _ministry_of(an, role: str | None) -> str | None:
    """The ministry a minister's title names, if the text names it as an organisation."""
    if not role:
        return None
    words = role.split()
    first = fold(words[0])
    wanted = set()
    if first.endswith("minister") and len(first) > len("minister") + 2:
        wanted.add(first[:-len("minister")] + "ministerium")                 # Bergbauminister
    if first == "minister" and len(words) >= 3 and fold(words[1]) in ("of", "for"):
        wanted.add(" ".join(["ministry"] + [fold(w) for w in words[1:]]))     # Minister of Mines
    if len(words) >= 2 and fold(words[1]) == "minister":
        wanted.add(f"ministry of {fold(words[0])}")                          # Mines Minister
    if not wanted:
        return None
    for org in an.linker.orgs.values():
        if fold(org.name) in wanted:
            return org.iri
    return None


def _signatories_listed(an, g) -> None:
    """"The signatories were X and Y", "Unterzeichner waren X und Y", "Signatories included X": a
    sentence with a noun for the signers, a copula (or a verb of including) and named persons lists
    the signatories of the one agreement in focus."""
    toks = an.tokens
    for sent in an.sentences:
        if "SignatoryNoun" not in an.sent_cats(sent.index):
            continue    # (the cheap test first)
        ks = range(sent.start, sent.end)
        if not any("SignatoryNoun" in an.cats(k) and toks[k].pos == "NOUN" for k in ks):
            continue
        # a copula or a verb of including ("Signatories included X and Y", "Zu den Unterzeichnern gehörten X und Y")
        if not any(toks[k].lemma in ("be", "sein") or "IncludeVerb" in an.cats(k) and toks[k].pos == "VERB" for k in ks) \
                or any(an.cats(k) & {"WitnessCue", "WitnessPreposition"} for k in ks):
            continue
        persons = [pm for pm in an.person_mentions if sent.start <= pm.start < sent.end and person_role(an, pm) == "core"]
        targets = _focus_at(an, g, sent.index, window=2)
        if not persons or len(targets) != 1:
            continue
        for pm in persons:
            if pm.iri not in targets[0].witnesses:
                targets[0].signatories.setdefault(pm.iri, {"mention": pm})
                targets[0].evidence.append(("signatory", pm.iri, sent.index, 0.75))


def _parties_listed(an, g) -> None:
    """"The parties to the document are A, B and C", "Vertragspartner sind A und B": a sentence
    with a noun for the parties, a copula and two or more named actors lists the parties of the
    agreement in focus."""
    toks = an.tokens
    for sent in an.sentences:
        if an.sent_cats(sent.index).isdisjoint(("PartiesNoun", "CooperationCue", "JoinVerb")):
            continue    # (the cheap test first: neither noun can be in the sentence)
        ks = range(sent.start, sent.end)
        listing = any("PartiesNoun" in an.cats(k) and toks[k].pos == "NOUN" or _partner_of_agreement(an, k) for k in ks)
        partner = any("CooperationCue" in an.cats(k) and toks[k].pos == "NOUN" for k in ks)
        # a copula, or a verb of including: "The signatories include A, B and C", "Zu den Unterzeichnern zählen A und B"
        copula = any(toks[k].lemma in ("be", "sein") or "IncludeVerb" in an.cats(k) and toks[k].pos == "VERB" for k in ks)
        if _joined(an, sent):
            listing = copula = True   # "Beigetreten sind A, B und C", "the endorsing states were A, B and C"
        if not (listing or partner) or not copula:
            continue
        # with a verb of joining also its passive agents ("endorsed by A, B and two Baltic states: C and D")
        acting = ("core", "with", "between", "by") if _joined(an, sent) else ("core", "with", "between")
        named = [a for a in an.actors_by_sent.get(sent.index, []) if a.iri and a.kind != "group"
                 and a.function in acting]
        if len({a.iri for a in named}) == 1:
            # "The other signatory was X", "Partner ist die X AG": the one other party of a
            # one-sided agreement just told; "X has since joined the declaration", "Der Erklärung
            # hat sich auch X angeschlossen": one more party of the agreement named in the sentence
            joins = _joined(an, sent) and named[0].function == "core" and "AgreementWord" in an.sent_cats(sent.index) \
                and not _planned_sentence(an, sent)
            # "X is also a party to the agreement", "Auch X ist Vertragspartei": one more party of one
            # with two or more already (not "X is not a party to it", not "X is to become one")
            also = listing and named[0].function == "core" and not _planned_sentence(an, sent) \
                and any("AdditionCue" in an.cats(k) and toks[k].pos == "ADV" for k in ks) \
                and not any("NegationCue" in an.cats(k) for k in ks)
            for a in _focus_at(an, g, sent.index, window=1):
                if (len(a.parties) == 1 or (joins or also) and len(a.parties) >= 2) and named[0].iri not in a.parties \
                        and not a.background:
                    a.add_party(named[0].iri, "listed", sent.index, 0.7)
            continue
        if len({a.iri for a in named}) < 2 or not listing:
            continue
        for a in _focus_at(an, g, sent.index, window=2):
            for act in named:
                a.add_party(act.iri, "listed", sent.index, 0.8)
            a.sentences.add(sent.index)


def _partner_of_agreement(an, k: int) -> bool:
    """A partner noun (lex:PartnerNoun) whose complement is an agreement word ("Partner der
    Vereinbarung", "partners to the agreement", "partners in the memorandum"): it names the
    agreement's parties as a parties noun does."""
    toks = an.tokens
    if toks[k].pos != "NOUN" or not _partner_noun(an, k):
        return False
    j = k + 1
    while j < len(toks) and j - k <= 3 and (toks[j].pos in ("DET", "ADP") or toks[j].fold in ("of", "to")):
        j += 1
    return j < len(toks) and j > k + 1 and bool(an.cats(j) & {"AgreementWord", "DocumentWord"})


def _planned_sentence(an, sent) -> bool:
    """A sentence that plans or expects rather than tells: a plan cue, a modal verb or an English
    "to" infinitive ("X is expected to join", "X will sich anschließen", "X may join")."""
    return any("PlanCue" in an.cats(k) or an.tokens[k].tag in MODAL_TAGS or an.tokens[k].tag == "TO0"
               for k in range(sent.start, sent.end))


def _joined(an, sent) -> bool:
    """A sentence that says actors joined the agreement in focus: a verb of joining
    (lex:JoinVerb: "beitreten", "accede", "the endorsing countries"), not negated ("Neither Brazil
    nor Peru joined") and not about a meeting or ceremony ("joined the talks")."""
    ks = range(sent.start, sent.end)
    if not any("JoinVerb" in an.cats(k) and an.tokens[k].pos in ("VERB", "ADJ") for k in ks):
        return False
    return not any(an.cats(k) & {"NegationCue", "EventNoun", "SigningNoun"} for k in ks)


def _acting(an) -> set[str]:
    """The actors the text names as acting (subjects and partners anywhere in it)."""
    return {x.iri for acts in an.actors_by_sent.values() for x in acts
            if x.iri and x.function in ("core", "with", "between")}


# what separates the words of an organisation's name ("Ministry of Power", "Energie-Ministerium")
NAME_WORD_SEPARATORS = re.compile(r"[\s\-–/,]+")


def _ministry(an, iri: str) -> bool:
    """An organisation whose name says it is a ministry or department: a word of the lexicon's
    MinistryWord list ("Ministry of Power"), in German also as the last part of a word
    ("Klimaschutzministerium")."""
    if an.kind_of(iri) != "org":
        return False
    words = an.gaz.words("MinistryWord")
    return any(w in words or an.lang == "de" and any(w.endswith(x) for x in words)
               for w in NAME_WORD_SEPARATORS.split(fold(an.name_of(iri) or "")))


def _ministries_for_states(an, a: Agreement) -> None:
    """Among states, a ministry stands for its state: "Karl Probe, Secretary at the Ministry of
    Energy, and his Slovenian counterpart signed", "Polen und Litauen unterzeichneten; für das
    Energieministerium unterschrieb X" (invented). When every other party is a country, a party
    that is a ministry gives way to its state: the country it belongs to, else the country a
    signatory who works for it acts for, else the text's home country when that is not a party
    yet; a ministry whose state stays unknown is dropped when two countries are parties already.
    With companies or regions the ministry itself is the party (:func:`_bodies_for_states`)."""
    bodies = [p for p in a.parties if _ministry(an, p)]
    if not bodies or any(an.kind_of(p) != "country" for p in a.parties if p not in bodies) \
            or not any(an.kind_of(p) == "country" for p in a.parties):
        return
    states = {}
    for b in bodies:
        state = an.home_of(b)
        if state is None or an.kind_of(state) != "country":
            sides = {an.person_info(iri).side for iri, info in a.signatories.items()
                     if b in (info.get("on_behalf_of"), an.person_info(iri).affiliation)}
            sides = {x for x in sides if x and x != b and an.kind_of(x) == "country"}
            state = sides.pop() if len(sides) == 1 else None
        states[b] = state
    home = home_actor(an)
    for b in sorted(bodies, key=lambda b: states[b] is None):
        state = states[b]
        if state is None and home and an.kind_of(home) == "country" and home not in a.parties:
            state = home
        if state is None and sum(an.kind_of(p) == "country" for p in a.parties) < 2:
            continue
        how = a.parties.pop(b)
        if state:
            a.add_party(state, how, a.intro)
        for info in a.signatories.values():
            if info.get("on_behalf_of") == b:
                info["on_behalf_of"] = state


def home_actor(an) -> str | None:
    """The country or region a text is told from: the first acting one in its first sentences;
    but when the text is filed from a capital (its dateline), that capital's country (a report
    filed from a summit's host capital is told from the host, whatever guests its lead names
    first). A text whose first sentences name no acting country or region has none."""
    for s in range(min(3, len(an.sentences))):
        for x in an.actors_by_sent.get(s, []):
            if x.iri and x.kind in ("country", "region") and x.function in ("core", "with", "between"):
                place = an.structure.dateline[1] if an.structure.dateline else None
                ent = an.gaz.entities.get(place) if place else None
                if ent is not None and ent.kind == "place" and ent.capital_of:
                    return ent.capital_of
                return x.iri
    return None


def _side_of_body(an, a: Agreement) -> None:
    """"Muster und, auf kenianischer Seite, Jan Probe, Leiter der Rural Power Agency,
    unterschrieben" (invented): the country named as the side of a signatory who signs for a body is where
    the body stands, not a party of its own; the other parties cooperate with that country."""
    for c in [p for p, how in a.parties.items() if how == "side" and an.kind_of(p) == "country"]:
        bodies = {info.get("on_behalf_of") for iri, info in a.signatories.items()
                  if an.person_info(iri).side == c and info.get("on_behalf_of") not in (None, c)
                  and an.kind_of(info.get("on_behalf_of")) == "org"}
        if bodies and bodies <= set(a.parties) and not any(info.get("on_behalf_of") == c for info in a.signatories.values()):
            del a.parties[c]
            a.states_of_bodies.append(c)


def _summary_pair_sides(an, a: Agreement) -> None:
    """A pair of countries a summary sentence names as the ones that signed ("A and B signed a
    loan agreement") gives way when a later sentence of the agreement names its two sides itself,
    one of the two countries and another actor: "concluded between the government of A and C Ltd"
    (after 'between'/'zwischen'), or signers "for A" and "for C". The country left out was named
    for the whole partnership, not as a side of this agreement; a signer the summary put on its
    side signs for the other actor."""
    subj = [p for p, how in a.parties.items() if how == "subject" and an.kind_of(p) == "country"]
    if len(subj) != 2 or len(a.parties) - len(subj) > 1:
        return
    first = {p: next((e[2] for e in a.evidence if e[0] == "party" and e[1] == p), None) for p in subj}
    if first[subj[0]] is None or first[subj[0]] != first[subj[1]]:
        return
    for s in sorted(a.sentences | {m.sent for m in a.mentions}):
        if s == first[subj[0]]:
            continue
        here = an.actors_by_sent.get(s, [])
        told = {x.iri for x in here if x.function in ("between", "for") and x.iri and x.iri not in subj
                and (x.iri in a.parties or len(a.parties) == 2 and x.kind == "org")}
        if len(told) != 1:
            continue
        named = {x.iri for x in here if x.iri in subj and x.function in ("between", "for", "core")}
        if len(named) != 1:
            continue
        left = next(p for p in subj if p not in named)
        del a.parties[left]
        other = next(iter(told))
        if other not in a.parties:
            a.add_party(other, "between", s, 0.6)   # the side the summary's pair left unnamed
        for info in a.signatories.values():
            if info.get("on_behalf_of") == left:
                info["on_behalf_of"] = other
        return
    behalf = {info.get("on_behalf_of") for info in a.signatories.values()}
    if len(behalf) == 2 and behalf <= set(a.parties) and len(behalf & set(subj)) == 1:
        left = next(p for p in subj if p not in behalf)
        body = next(b for b in behalf if b not in subj)
        if an.kind_of(body) == "org" and an.home_of(body) == left and not _ministry(an, body) \
                and not _lender(an, body) and not any(_financing(an, k) for m in a.mentions for k in range(max(0, m.start - 2), m.end)):
            # "A and B signed an agreement. It was signed by the head of A's state company and
            # B's minister": the pair of states made it, the company's head signed for his state
            # (not a loan, whose lender signs for itself: "A and B signed a loan agreement",
            # signed by B's minister and the head of A's aid agency)
            del a.parties[body]
            for info in a.signatories.values():
                if info.get("on_behalf_of") == body:
                    info["on_behalf_of"] = left
            return
        del a.parties[left]


def _prune(an, a: Agreement) -> None:
    """Keep the most specific actor of each side: a country whose region, or whose organization,
    is a party too is not a party of its own (unless the text names it as one)."""
    _summary_pair_sides(an, a)
    drop_venture_members(an, a)   # (first: an owner's home country is no body's home here)
    parties = list(a.parties)
    orgs = [p for p in parties if an.kind_of(p) == "org"]
    for p in parties:
        how = a.parties.get(p)
        if how == "adjective" and len(orgs) >= 2 and an.kind_of(p) == "country":
            del a.parties[p]   # "the Slovak deal" between two companies: where, not who
            continue
        if how in ("modifier", "adjective", "side", "partner", "ordinal") and any(an.home_of(q) == p for q in orgs):
            del a.parties[p]   # "die Vereinbarung mit Peru" signed by the Peruvian ministry
            bodies = [q for q in orgs if an.home_of(q) == p]
            for info in a.signatories.values():
                if info.get("on_behalf_of") == p and len(bodies) == 1:
                    info["on_behalf_of"] = bodies[0]   # who signed "for Peru" signed for its body
            continue
        if how == "subject" and an.kind_of(p) == "country" \
                and any(an.kind_of(q) == "region" and an.home_of(q) == p for q in parties) \
                and _only_as_affiliation(an, a, p):
            del a.parties[p]   # "two U.S. governors and one Canadian premier put their names to …": for their states
            continue
        if how == "subject" and an.kind_of(p) == "country" and any(an.home_of(q) == p for q in orgs) \
                and not any(info.get("on_behalf_of") == p for info in a.signatories.values()) \
                and _only_as_affiliation(an, a, p):
            del a.parties[p]   # "signed by X, Qatar's energy minister, who is also the chief executive of
            continue           # Kappa Energy" (for the company): the state only says whose minister signed
        if how in ("subject", "partner", "modifier", "adjective", "distributed", "listed", "ordinal"):
            head = an.structure.headline
            first = next((e[2] for e in a.evidence if e[0] == "party" and e[1] == p), None)
            if head is not None and first == head and an.kind_of(p) == "country" and any(an.home_of(q) == p for q in orgs) \
                    and not any(x.iri == p and x.function in ("core", "with", "between", "for", "by")
                                for s in a.sentences if s != head for x in an.actors_by_sent.get(s, [])):
                del a.parties[p]   # "Russia to build …" in the headline, the Russian company in the body
            elif how in ("subject", "partner", "context") and an.kind_of(p) == "country" and (
                    any(an.home_of(q) == p for q in orgs) and _only_as_nationality(an, a, p)
                    or any(an.home_of(q) in (None, p) for q in orgs) and _only_as_nationality(an, a, p, companies=True)):
                del a.parties[p]   # "the Japanese officials who signed", "its Chinese partners" beside the
                # country's own ministry or company: the nationality of who signed, not a side of its own
            elif how == "subject" and an.kind_of(p) == "country" and _countries_for_firms(an, a):
                del a.parties[p]   # "Kappaland and Peru sealed a gas deal. It was signed by the heads of
                # Kappa Gas and PetroPeru": each country named for its company that signed (the
                # countries, named together, still cooperate)
                a.stand_ins.append(p)
            continue
        if an.kind_of(p) != "country":
            continue
        bodies = [q for q in parties if q != p and an.home_of(q) == p]
        if how == "signatory" and bodies and _signs_for_itself(an, a, p) \
                and all(_signs_for_itself(an, a, q) for q in bodies):
            continue   # a minister signs for the state, the state's company for itself: both are parties
        if bodies:
            del a.parties[p]


def _venture_apposition(an, m: Mention) -> tuple[int, int] | None:
    """The tokens of the owners an apposition after a named company lists when it describes the
    company as owned by others (a venture or subsidiary noun, owned_noun) and names its owners
    ("X, a consortium formed by A, B and C, …", "X (Y), a joint venture company of A and B", "X,
    ein Gemeinschaftsunternehmen von A und B", "X, eine Tochter der Y"): from that noun to the
    first finite verb, semicolon, comma before a coordinator or the sentence's end. None when the
    name has no such apposition."""
    toks = an.tokens
    e = an.sentences[an.sent_of[m.start]].end
    k = m.end
    if k < e and toks[k].text == "(":
        while k < e and toks[k].text != ")":
            k += 1
        k += 1
    if not (k + 1 < e and toks[k].text == "," and toks[k + 1].pos == "DET"):
        return None
    j = k + 2
    while j < e and j <= k + 6 and not owned_noun(an, j):
        if toks[j].pos not in ("ADJ", "NOUN", "PROPN") and toks[j].fold != "-":
            return None
        j += 1
    if j >= e or j > k + 6:
        return None
    start = j
    j += 1
    if j < e and toks[j].pos == "NOUN":
        j += 1   # "a joint venture company of"
    if not (j < e and toks[j].fold in an.gaz.words("VentureOwnerWord")):
        return None
    end = j + 1
    while end < e and toks[end].text not in (";", ":") and not an.syntax.finite(end) \
            and not (toks[end].text == "," and end + 1 < e and toks[end + 1].pos == "CCONJ"):
        end += 1   # (", and the operator Y said": the apposition is closed, Y is named beside X)
    return start, end


def drop_venture_members(an, a: Agreement) -> None:
    """The owners of a venture or a subsidiary that is a party are not parties of its agreement:
    "the agreement was concluded between the government and X, a joint venture company of A and
    B", "awarded the contract to X, a consortium formed by A, B and C", "X, eine Tochter der Y,
    hat mit Z einen Vertrag geschlossen" (the company concludes it, its owners only describe it),
    unless the agreement's sentences name an owner outside such an apposition too."""
    orgs = [q for q in a.parties if an.kind_of(q) == "org"]
    if len(orgs) < 2:
        return
    sents = a.sentences | {m.sent for m in a.mentions} | {e[2] for e in a.evidence if e[0] == "party"}
    spans = [sp for m in an.org_mentions if m.iri in a.parties and an.sent_of[m.start] in sents
             for sp in [_venture_apposition(an, m)] if sp]
    if not spans:
        return
    inside = lambda x: any(s0 <= x.start < s1 for s0, s1 in spans)
    for q in orgs:
        found = [x for s in sents for x in an.actors_by_sent.get(s, []) if x.iri == q]
        if found and all(inside(x) for x in found):
            del a.parties[q]
            a.evidence = [ev for ev in a.evidence if ev[:2] != ("party", q)]


def _only_as_affiliation(an, a: Agreement, country: str) -> bool:
    """Whether the agreement's sentences name the country only as where its acting persons come
    from ("two U.S. governors", "ein kanadischer Provinzminister"): for officials of its regions
    that tells the country the regions belong to, not a side of its own. (The agreement-level
    counterpart of _subnational_role, which drops the country at the predicate when a regional
    office word is on the role; this one also covers national-style titles of regions, "a
    Canadian premier", once the regions are parties.)"""
    found = [x for s in sorted(a.sentences | {m.sent for m in a.mentions}) for x in an.actors_by_sent.get(s, [])
             if x.iri == country]
    return bool(found) and all(x.function == "affil" for x in found)


def _only_as_nationality(an, a: Agreement, country: str, companies: bool = False) -> bool:
    """Whether the sentence that made the country a party names it only by its adjective before a
    noun ("the Japanese officials who signed", "its Chinese partners", "die chinesischen
    Partner"): the nationality of persons or companies there, not the state as an actor; its
    name or its capital in that sentence is no such mention, nor is its adjective on a government
    noun ("the Finnish government", "the Emirati side"), nor a singular group noun there that
    may stand for it ("die Regierung des zentralasiatischen Landes"; "the company", "in the city" cannot)."""
    sent = next((e[2] for e in a.evidence if e[0] == "party" and e[1] == country), None)
    here = an.actors_by_sent.get(sent, []) if sent is not None else []
    found = [x for x in here if x.iri == country]
    if any(x.head in an.governments for x in found):
        return False   # "the Finnish government", "die finnische Seite": the state itself
    if companies:   # only on company words ("its Chinese partners", "the Chinese company"): where companies
        # are from, whichever of the company parties they are
        named = all(x.form == "adj" and x.head is not None and _company_noun(an, x.head) for x in found)
    else:
        named = all(x.form == "adj" and x.head is not None for x in found)
    return bool(found) and named \
        and not any(x.kind == "group" and x.refers_to == "actor" and x.number == 1 and x.group_kind in (None, "country")
                    and x.function != "loc" for x in here)


def _company_noun(an, k: int) -> bool:
    """A company word or a partner noun ("firm", "utility", "Konzern", "partners"; no ministry)."""
    return "CompanyWord" in an.cats(k) or fold(an.tokens[k].lemma) == "partner"


def _countries_for_firms(an, a: Agreement) -> bool:
    """Every country among the agreement's parties is the home of one of its company parties, two
    or more companies (no ministry) are parties, and every signatory, none of a government, signs
    for a company: the countries are named for their companies ("Kappaland and Peru sealed a gas deal; the heads of Kappa Gas and
    PetroPeru signed it"). With no signatory named, the companies the text names as the ones that
    concluded it tell the same ("Peru signed a deal with Chile. It was concluded between PetroPeru
    and Kappa Gas", invented), as long as the country was named apart from the companies
    (:func:`_named_apart`)."""
    countries = [p for p in a.parties if an.kind_of(p) == "country"]
    orgs = [p for p in a.parties if an.kind_of(p) == "org"]
    behalf = [info.get("on_behalf_of") for info in a.signatories.values()]
    if any(_ministry(an, q) for q in orgs) or any(an.person_info(iri).sector == "government" for iri in a.signatories):
        return False   # a ministry, or a member of a government, signs for the state
    if not behalf and not (all(_named_apart(an, a, c, orgs) for c in countries)
                           and all(a.parties[q] not in ("content", "context", "clause", "inherited") for q in orgs)):
        return False   # the companies must be named as the ones that made it, not in what it says ("Under the accord X and Y agreed to build …")
    return bool(countries) and len(orgs) >= 2 and all(b in orgs for b in behalf) \
        and all(any(an.home_of(q) == c for q in orgs) for c in countries) \
        and len({an.home_of(q) for q in orgs}) == len(orgs)


def _named_apart(an, a: Agreement, country: str, orgs: list[str]) -> bool:
    """Whether the sentence that made COUNTRY a party of the agreement names it apart from the
    company parties: none of its own companies there, and no company as a subject beside it (a
    government named with companies as the ones that signed, "the government, the company and
    its owner signed", is a side of its own)."""
    sent = next((e[2] for e in a.evidence if e[0] == "party" and e[1] == country), None)
    return sent is not None and not any(x.iri in orgs and (an.home_of(x.iri) == country or x.function == "core")
                                        for x in an.actors_by_sent.get(sent, []))


def _signs_for_itself(an, a: Agreement, actor: str) -> bool:
    """Whether a signatory of the agreement acts for the actor itself (for a country: a member of
    its government)."""
    for iri, info in a.signatories.items():
        if info.get("on_behalf_of") != actor:
            continue
        if an.kind_of(actor) != "country" or an.person_info(iri).sector == "government":
            return True
    return False


def supply_relations(an, g) -> list[tuple[list[str], list[str], int]]:
    """Supply relationships a clause states: a verb of supplying with its recipient after
    "to"/"an"/"nach" ("Qatar supplies LNG to Pakistan", "Norwegen liefert Gas an Deutschland"), or
    a verb of buying with its source after "from"/"aus"/"von"/"bei" ("India buys coal from
    Indonesia", "Uniper bezieht Flüssiggas aus Katar"). The clause must name an energy topic and no
    stake or share (a sale of shares is ownership). Returns (suppliers or buyers, counterparts,
    sentence); the first list is empty when the clause names no one. A negated one is none. (A supply stated on its own is
    listed as a cooperation only when a text plans it between states or states or plans it between two
    companies: a current supply between states is trade.) A verb of lex:SupplyWithVerb takes its
    recipient as object, the goods after "with"/"mit" ("X supplies Y with gas"). Without a named
    recipient, the owner of what the goods are for is one ("X will provide the turbines for Y's wind
    farm", "X liefert die Turbinen für den Windpark der Y")."""
    cached = an.__dict__.get("_supply_relations")
    if cached is not None:
        return cached
    toks = an.tokens
    out = an.__dict__["_supply_relations"] = []
    modes = an.__dict__["_supply_modes"] = []
    for k, lexm in an.lex_at.items():
        if lexm.start != k or not lexm.cats & {"SupplyVerb", "PurchaseVerb", "SupplyWithVerb"} or toks[k].pos != "VERB":
            continue
        if an.org_at(k) is not None or k in an.person_at:
            continue
        p = _clause_predicate(an, "supply", k)
        sent = p.sent
        if p.mode == "negated":
            continue
        if not _topics_at(an, sent, p.tokens) and not any("EnergyGoodsNoun" in an.cats(j) for j in p.tokens):
            continue
        if any("OwnershipNoun" in an.cats(j) for j in p.tokens):
            continue
        preps = SUPPLY_TO if lexm.cats & {"SupplyVerb", "SupplyWithVerb"} else SUPPLY_FROM
        counter = []
        for a in an.actors_by_sent.get(sent, []):
            if "SupplyWithVerb" in lexm.cats and a.iri and a.start in p.tokens and _recipient_object(an, p, a):
                counter.append(a.iri)   # "will supply Germany with LNG", "Deutschland mit Gas beliefern"
                continue
            if a.start not in p.tokens or not a.iri or a.prep not in preps:
                continue
            if an.lang == "en" and a.start < k:
                continue
            if a.function in ("loc", "pp") or (a.function == "by" and p.voice == "active") \
                    or (a.function == "mod" and preps is SUPPLY_FROM and a.head in p.tokens):
                counter.append(a.iri)   # "bezieht Wasserstoff von der Nordwind AG": the goods' source
        args = None
        if not counter and "SupplyWithVerb" in lexm.cats and p.voice == "active" \
                and any(toks[j].fold in ("with", "mit") and j > k for j in p.tokens):
            # "X supplies Y with gas", "X beliefert Y mit Biomethan": the recipient is the object, the
            # names after the verb; when none comes before it ("Seit 2019 beliefert X Y mit Gas"), the
            # first one after it is the subject
            core = [a for a in an.actors_by_sent.get(sent, []) if a.start in p.tokens and a.iri and a.function == "core"]
            after = [a for a in core if a.start > k]
            if len(after) == len(core):
                after = after[1:]
            counter = [a.iri for a in after]
            args = Args(agents=[a for a in core if a not in after])
        if not counter and p.voice == "active" and lexm.cats & {"SupplyVerb", "SupplyWithVerb"}:
            # "X will provide the turbines for Y's wind farm", "X liefert die Turbinen für den Windpark
            # der Y": the owner of what the goods are for is the recipient
            fors = [j for j in p.tokens if (j > k or an.lang == "de") and toks[j].fold in ("for", "für", "fur")]
            counter = [a.iri for a in an.actors_by_sent.get(sent, []) if a.start in p.tokens and a.iri
                       and a.function == "mod" and a.head is not None and any(f < a.head <= f + 6 for f in fors)]
        if not counter:
            continue
        args = args or predicate_args(an, p)
        agents = [i for x in args.agents for i in (_resolve(an, g, None, x, args) if x.kind == "group" else [x.iri])
                  if i and i not in counter]
        out.append((list(dict.fromkeys(agents)), list(dict.fromkeys(counter)), sent))
        modes.append(p.mode)
    return out


def _recipient_object(an, p: Predicate, a) -> bool:
    """Actor a is the object of a verb of supplying a recipient (lex:SupplyWithVerb) with
    the goods after 'with'/'mit' right behind it: in English after the verb ("supply Germany with
    LNG"), in German after the verb, after the clause's subject or in an infinitive clause
    ("beliefert Deutschland mit", "Katar wird Deutschland mit LNG beliefern", "um Serbien mit Gas
    zu versorgen")."""
    toks = an.tokens
    if a.function != "core" or a.prep is not None or a.end >= len(toks) or toks[a.end].fold not in ("with", "mit"):
        return False
    if an.lang == "en":
        return a.start > p.head and p.voice != "passive"
    if a.start > p.head or p.head > 0 and toks[p.head - 1].fold == "zu":
        return True
    return any(x is not a and x.function == "core" and x.start < a.start and x.start in p.tokens
               for x in an.actors_by_sent.get(p.sent, []))
