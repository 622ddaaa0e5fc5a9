"""Arguments of a predicate: its actor arguments (subject, with-, between-, for- and by-phrases,
group nouns resolved to the actors they stand for), the persons among its agents, the persons
placed at it by a presence predicate or phrase, and the actors a person acts for. Used by the
mentions (their own parties) and by the arguments of the grouped agreements.
"""

from __future__ import annotations

from kg.extract.actors import (AS_WORDS, BETWEEN, BY, POSSESSIVE_MARKS, WITH, ActorMention, _acquiring_noun, _chain_start, _holding_noun,
                               _kin_noun, _plural, by_event, meeting_by)
from kg.extract.mentions import Mention
from kg.extract.predicates import Predicate, _voice
from kg.extract.roles import _apposition_closed
from kg.extract.tokens import fold
from kg.extract.linking.persons import _HONORIFICS
from kg.extract.frames.model import AgreementMention, Args
from kg.extract.frames.common import DEFINITE_ARTICLES, _by_sent, _dates_in, _predicates_in, _title_end


def _holders(an, m: AgreementMention) -> list[ActorMention]:
    """The subject before an agreement word in its clause, actors or a group of them ("A und B
    pflegen seit 2017 eine Partnerschaft", "the two countries have had a partnership since 2019")."""
    clause = set(an.syntax.clause(m.start).tokens)
    return [act for act in an.actors_by_sent.get(m.sent, []) if act.start in clause and act.start < m.start
            and act.function == "core" and (act.iri or act.kind == "group" and act.refers_to == "actor")]


# how many words may stand between a frame preposition and its agreement word ("im Rahmen des 2018
# mit Peru geschlossenen Abkommens": article, year, with-phrase and participle)
FRAME_REACH = 7


def _frame_word(an, k: int) -> bool:
    """Token ``k`` is a frame preposition (lex:FramePreposition: "under", "durch") or ends a
    content preposition (lex:ContentPreposition, one or more words: "im", "according to")."""
    toks = an.tokens
    return toks[k].fold in an.gaz.words("FramePreposition") or any(
        tuple(t.fold for t in toks[k - len(w) + 1:k + 1]) == w for w in an.gaz.lex_words("ContentPreposition")) \
        or commitment_frame(an, k)


def commitment_frame(an, k: int) -> bool:
    """Token ``k`` is "in" in a clause whose verb binds its subject (lex:CommitmentVerb): "X
    verpflichtet sich in einem Liefervertrag mit A, …", "X committed in a contract with A to …"
    name a contract X holds with A, as "under" would; "in" alone places nothing."""
    if an.tokens[k].fold not in an.gaz.words("CommitmentFramePreposition"):
        return False
    return any("CommitmentVerb" in an.cats(j) and an.tokens[j].pos in ("VERB", "AUX")
               for j in an.syntax.clause(k).tokens)


def _frame_holders(an, m: AgreementMention) -> list[ActorMention]:
    """Who acts under an agreement that a frame phrase names with its partner ("X will supply power
    under a 2019 agreement with A", "Under its contract with A, X runs the grid", "Im Rahmen des
    2018 mit A geschlossenen Abkommens liefert X Strom"): the core actors of the clause outside
    the phrase, those before it if any, else those after it; they hold the agreement with the
    partner."""
    toks = an.tokens
    sent = an.sentences[m.sent]
    names = {j for act in an.actors_by_sent.get(m.sent, []) for j in range(act.start, act.end)}
    k = m.start - 1
    while k > sent.start and m.start - k <= FRAME_REACH and (
            toks[k].pos in ("DET", "ADJ", "NUM", "PRON", "PROPN") or toks[k].pos == "VERB" and not an.syntax.finite(k)
            or toks[k].pos == "NOUN" and k == m.start - 1   # a noun modifier: "under a framework contract"
            or toks[k].fold in ("mit", "with") or k in names) and not _frame_word(an, k):
        k -= 1
    framed = k >= sent.start and (_frame_word(an, k) or "ExistenceCue" in an.cats(k) and (
        toks[k].pos == "NOUN" or toks[k].pos == "ADP" and k > 0 and toks[k - 1].pos == "NOUN"))   # "on the basis of"
    if not framed:
        return []
    clause = set(an.syntax.clause(m.start).tokens)
    own = {iri for iri, _ in m.own}
    end = _title_end(an, m)
    found = [act for act in an.actors_by_sent.get(m.sent, []) if (act.iri and act.iri not in own or act.kind == "group"
                                                                  and act.refers_to == "actor")
             and act.function == "core" and act.start in clause and not (k <= act.start < end)]
    # the subject before the phrase when there is one ("X war durch eine Vereinbarung mit A in die
    # Felder beider Länder eingestiegen": not the countries after it)
    return [act for act in found if act.start < k] or found


def purpose_list(an, k: int) -> bool:
    """Token k follows a colon that closes a for-phrase ("three agreements with X, one for each
    utility: A, B and C", "je einen für jede Tochter: A, B und C"): the list names what each
    agreement is for, not its sides."""
    toks = an.tokens
    sent = an.sentences[an.sent_of[k]]
    colon = next((j for j in range(k - 1, sent.start, -1) if toks[j].text == ":"), None)
    if colon is None:
        return False
    j = colon - 1
    while j > sent.start and colon - j <= 4 and (toks[j].pos in ("NOUN", "ADJ", "DET", "PRON")
                                                   or toks[j].fold in an.gaz.words("EachQuantifier")):
        j -= 1
    return j < colon - 1 and toks[j].fold in ("for", "fur")


def _reporter_before(an, p: Predicate, a: ActorMention) -> bool:
    """An English subject followed by a finite verb of saying and another subject before the
    predicate ("X said on Friday its unit Y had signed …", a complement clause with no "that"):
    the reporter, not an argument of the predicate."""
    toks = an.tokens
    if an.lang != "en" or a.start >= p.head:
        return False
    for r in range(a.end, p.head):
        if toks[r].pos == "VERB" and an.syntax.finite(r) and "ReportingVerb" in an.cats(r):
            return any(b.function == "core" and r < b.start < p.head and (b.iri or b.kind == "group")
                       for b in an.actors_by_sent.get(p.sent, [])) \
                or any(r < pm.start < p.head and person_role(an, pm) == "core" for pm in an.person_mentions)
        if toks[r].pos in ("VERB", "AUX") and an.syntax.finite(r):
            return False
    return False


def predicate_args(an, p: Predicate) -> Args:
    """The actor and person arguments of a predicate, from its clause (see the module docstring)."""
    key = (p.head, p.kind)   # supply and project predicates can share a head with another kind
    cache = an.__dict__.setdefault("_predicate_args", {})
    cached = cache.get(key)
    if cached is not None:
        return cached
    _ARGS = cache
    args = Args()
    toks = an.tokens
    if p.kind == "cooperate" and p.noun:
        _noun_args(an, p, args)
        _ARGS[key] = args
        return args
    line_ends: list[ActorMention] = []
    for a in an.actors_by_sent.get(p.sent, []):
        if a.start not in p.tokens and _infinitive_partner(an, p, a) or a.start in p.tokens and _agreed_counterpart(an, p, a) \
                or _acquired_company(an, p, a):
            args.partners.append(a)   # "einigte sich darauf, ihren Anteil an X zu verkaufen"
            continue
        if a.start not in p.tokens or a.start == p.head:
            continue
        if a.kind == "group" and a.refers_to == "person":
            if a.function == "core" and p.kind in ("sign", "conclude", "signing") and _watches(an, a, p):
                args.witnesses.extend(_person_group(an, a, p))   # "Both ministers were present as … were signed"
            elif a.function == "core":
                if p.kind != "signing":   # "die Regierungschefs waren bei der Unterzeichnung zugegen"
                    args.person_groups.append(a)
            elif p.kind in ("sign", "conclude", "signing") and _presence_phrase_before(an, a.start):
                args.witnesses.extend(_person_group(an, a, p))   # "in the presence of the two leaders"
            continue
        f = a.function
        if p.kind in ("sign", "conclude", "signing") and _in_presence_phrase(an, a.start):
            continue   # "with U.S. envoy X and the UAE's minister Y looking on": whom the onlookers serve
        if f == "core" and p.kind in ("sign", "conclude") and _reporter_before(an, p, a):
            continue   # "X said on Friday its unit Y had signed …": X reports, Y signs
        if f == "core":
            if a.start in an.syntax.after_colon and a.start > p.head:
                if not purpose_list(an, a.start):
                    args.elab.append(a)
            elif an.lang == "en" and a.start > p.head and not p.noun and a.kind != "group" and p.voice != "passive":
                if _award_recipient(an, p, a):
                    args.partners.append(a)   # "Kappa Power awarded Siemens a contract": the one given it
                continue       # an object: "X signed Y" is rare, "X thanked Y" is not an argument
            elif a.kind == "group" and _bought_object(an, a):
                continue       # "they had agreed to buy the company from X": what is bought, no side
            elif a.kind == "group" and _apposed_to_name(an, a):
                continue       # "X, the state-owned company, signed …": X itself, not another company
            elif an.lang == "de" and owned_object(an, a):
                continue       # "A und B gründeten das Gemeinschaftsunternehmen X": what is founded, no side
            else:
                args.agents.append(a)   # a passive subject is the one given the contract
        elif f == "between" and _line_end(an, a):
            line_ends.append(a)   # "a contract for the pipeline between Baku and Ceyhan": places, not parties
        elif f in ("with", "between"):
            if not _in_own_relative(an, p, a):
                args.partners.append(a)
        elif (f in ("loc", "mod", "pp") or f == "by" and p.voice == "active" and not p.noun) \
                and a.iri and (an.kind_of(a.iri) == "org" and _trade_partner(an, p, a) or _award_recipient(an, p, a)):
            # (an active verb's von-phrase is no agent: "Siemens gewann von Kappa Power einen Auftrag")
            args.partners.append(a)   # "agreed to buy the output … from Kappa Wind", "to supply LNG to Nordwind",
            # "awarded the contract to Siemens", "vergab den Auftrag an Siemens"
        elif f in ("mod", "pp") and a.iri and an.kind_of(a.iri) == "org" and _seller_of_holding(an, p, a):
            args.partners.append(a)   # "signed an agreement to acquire Kappa's unit", "übernimmt die Sparte der Kappa AG"
        elif f == "for" and _side_phrase(an, p, a):
            args.sides.append(a)
        elif f == "by" and (p.voice == "passive" or p.noun or p.kind == "cooperate" and _passive_clause(an, p)) \
                or f == "pp" and a.prep in BY and p.kind in ("cooperate", "participate") \
                and (_passive_clause(an, p) or p.voice == "passive" and not p.noun):   # "is co-financed by X"
            # "was paid for by A and B together with C": the by-phrase acts with C (a by-phrase of a
            # participle that signs nothing names its agents, actors.by_other_verb: here they act)
            args.agents.append(a)
        elif f in ("affil", "mod") and a.kind == "country" and a.head is not None and _subnational_role(an, a):
            continue   # "two U.S. governors put their names to it", "ein deutscher Landesminister": they act for regions
        elif f in ("mod", "affil") and p.kind in ("signing", "witness") and a.head is not None and a.head in p.tokens \
                and an.syntax.role(a.head, a.head + 1).kind == "core" \
                and ("RoleTitle" in an.cats(a.head) or _person_group_noun(an, a.head)):
            continue   # "the presidents of A and B witnessed the signing": they watch, their countries sign nothing
        elif _unnamed_title_of(an, a) and a.head in p.tokens and _official_role(an, p, a.head):
            args.agents.append(a)   # "die Energieminister beider Länder unterzeichneten": their countries
        elif f in ("mod", "affil") and a.head is not None and a.head in p.tokens and _acting_persons(an, p, a.head):
            args.agents.append(a)   # "unterzeichneten Vertreter von Kappa Power und Nordwind": whom they represent
        elif f in ("mod", "affil") and a.head is not None and a.head in p.tokens and _acting_persons(an, p, a.head, WITH | BETWEEN):
            args.partners.append(a)   # "signed the deal with representatives of Kappa Power": whom they represent
        elif _unnamed_title_of(an, a) and a.head in p.tokens and p.kind in ("sign", "conclude") \
                and _official_role(an, p, a.head, WITH):
            args.partners.append(a)   # "signed it together with the heads of government of A and B": A and B sign too
    if args.sides and args.agents:
        spans = [sp for sp in (_closed_apposition(an, x) for x in args.sides) if sp]
        if spans:
            # "by X, Joint Secretary in the Department of Y, on behalf of the Government of India":
            # the body in an apposition that ends in the signer's side is where X works, not a side
            args.agents = [x for x in args.agents if x.function not in ("affil", "mod", "loc", "pp")
                           or not any(s0 < x.start < s1 for s0, s1 in spans)]
    antecedent = _antecedent_actor(an, p)
    if antecedent is not None and not any(x.iri for x in args.agents):
        # "the German government, which signed a declaration …"; "Italy, which joined the three
        # countries in a memorandum": the relative pronoun is the subject beside a group object
        args.agents.append(antecedent)
        if _unnamed_title_of(an, antecedent):
            # "the ministers of A and B, who signed …": the antecedent is the office-holders of all of them
            args.agents += [a for a in an.actors_by_sent.get(p.sent, []) if a is not antecedent and a.iri
                            and a.function == "affil" and a.head == antecedent.head]
        elif p.kind == "cooperate" or (p.kind in ("sign", "conclude") and _plural_clause(an, p.clause)):
            # "A, B und C, die seit Jahren gemeinsam forschen": the whole list works together;
            # "A aus X und B aus Y, die 2018 einen Vertrag geschlossen hatten": the list signed it
            first = _chain_start(an, antecedent)
            args.agents += [a for a in an.actors_by_sent.get(p.sent, []) if a is not antecedent and a.iri
                            and a.kind == antecedent.kind and first <= a.start < antecedent.start
                            and _chain_start(an, a) == first]
    partner = _antecedent_actor(an, p, WITH) if p.kind in ("sign", "conclude") and not p.noun else None
    if partner is not None and partner not in args.partners:
        # "aus Katar, mit dem Pakistan 2016 einen Liefervertrag geschlossen hatte", "Qatar, with which
        # Pakistan signed a supply contract in 2016": the one the relative clause hangs from is the other side
        args.partners.append(partner)
    if p.kind in ("sign", "conclude"):
        _consortium_parties(an, p, args)   # "signed with a consortium comprising A, B and C"
    if line_ends and not any(x.iri or x.kind == "group" for x in args.agents + args.partners):
        args.partners += line_ends   # "an agreement on the pipeline between A and B was signed": no one else named
    if p.kind in ("sign", "conclude"):
        # "Minister X, who signed the memorandum", "X and Y, who signed the accord on Monday"
        args.signers += _antecedent_persons(an, p)
    if (not args.agents or _coordinated_pronoun(an, p)) and not args.person_groups:
        _pronoun_subject(an, p, args)    # "Nordwind teilte mit, dass er … abschloss"
    if not args.agents and not args.person_groups and not args.signers and p.voice == "active" and not p.noun \
            and not p.attributive and not _own_subject(an, p):
        _shared_subject(an, p, args)     # "X und Y trafen sich in Z und unterzeichneten …"
    if p.kind == "signing" and p.noun:
        for pm in _in_signing_relative(an, p):
            if person_role(an, pm) == "witness":
                args.witnesses.append(pm)   # "the signing, which was attended by X", "die Zeremonie, die im Beisein von X stattfand"
    if p.kind in ("sign", "conclude", "signing"):
        for pm in an.person_mentions:
            if p.kind in ("sign", "conclude") and not p.noun and p.voice == "active" and _additive_tail(an, pm, p):
                args.signers.append(pm)   # "X signed for Germany, as did Y for Poland", "…, ebenso wie Y für Polen"
                continue
            if pm.start not in p.tokens:
                continue
            role = person_role(an, pm)
            if role == "witness" or (role == "core" and _watches(an, pm, p)):
                args.witnesses.append(pm)
            elif role in ("core", "with") or (role == "by" and (p.voice == "passive" or p.noun) and not _other_verb(an, p, pm)) \
                    or (role == "between" and p.kind in ("sign", "conclude") and not _between_of_event(an, pm)) \
                    or (role == "pp" and p.noun and p.kind == "sign") or (role == "by" and represented(an, pm)):
                if p.kind == "signing" and role == "core":
                    continue
                if p.kind == "conclude" and role == "core" and not p.noun and "FoundingVerb" in an.cats(p.head):
                    continue   # "the partnership, which X and Y set up last year": its founders, not signers
                if p.kind == "conclude" and role == "core" and "ObtainVerb" in an.cats(p.head):
                    # "TotalEnergies chief X secured a contract", "Tesla-Chef X hat sich einen Auftrag
                    # gesichert": the person speaks for the one who gets the deal and signs nothing
                    spoken_for = _speaks_for(an, pm, p.sent)
                    if spoken_for is not None:
                        args.agents.append(spoken_for)
                        continue
                args.signers.append(pm)
    _ARGS[key] = args
    return args


def _between_of_event(an, pm: Mention) -> bool:
    """"signed after summit talks in Riyadh between President X and King Y", "nach Gesprächen
    zwischen X und Y unterzeichnet": the between-phrase of a noun of a visit or meeting
    (lex:EventNoun), also past a place phrase, names who met, not who signed."""
    toks = an.tokens
    sent = an.sentences[an.sent_of[pm.start]]
    j = pm.start - 1
    while j > sent.start and pm.start - j <= 12 and toks[j].fold not in ("between", "zwischen") \
            and toks[j].text not in (",", ";", ":") and toks[j].pos not in ("VERB", "AUX"):
        j -= 1
    if toks[j].fold not in ("between", "zwischen"):
        return False
    j -= 1
    while j > sent.start and (an.entity_at(j) is not None or toks[j].pos == "PROPN") and toks[j].fold not in ("in", "at", "im"):
        j -= 1   # "talks in Riyadh between …"
    if toks[j].fold in ("in", "at", "im"):
        j -= 1
    return j >= sent.start and "EventNoun" in an.cats(j)


# a comma, then a word pair that adds one more subject to the clause before it ("…, as did X",
# "…, as was X", "…, ebenso wie X"), or one word ("…, ebenso X"); folded
ADDITIVE_PAIRS = {("as", "did"), ("as", "was"), ("as", "were"), ("as", "had"), ("so", "did"), ("ebenso", "wie"),
                  ("genauso", "wie"), ("wie", "auch"), ("so", "auch"), ("ebenso", "auch")}
ADDITIVE_SINGLE = {"ebenso", "ebenfalls"}


def _additive_tail(an, pm: Mention, p: Predicate) -> bool:
    """"X attended the ceremony, as did Y", "X war anwesend, ebenso wie Y": a person added to
    the subject of the presence clause ``p`` by a comparative tail after it does what that
    subject does. The tail is the person's phrase (over a title, nationality and article) after
    a comma that closes p's clause."""
    toks = an.tokens
    role = pm.data.get("role")
    j = (min(pm.start, role[0]) if role else pm.start) - 1
    sent = an.sentences[p.sent]
    if not sent.start < pm.start < sent.end:
        return False
    while j > sent.start and pm.start - j <= 6 and j not in an.person_at \
            and (toks[j].pos in ("ADJ", "DET", "NOUN", "PROPN") or toks[j].text in POSSESSIVE_MARKS) \
            and toks[j].fold not in ADDITIVE_SINGLE:
        j -= 1
    if toks[j].fold in ADDITIVE_SINGLE:
        comma = j - 1
    elif j - 1 > sent.start and (toks[j - 1].fold, toks[j].fold) in ADDITIVE_PAIRS:
        comma = j - 2
    else:
        return False
    return comma > sent.start and toks[comma].text == "," and comma - 1 in p.tokens


def _in_signing_relative(an, p: Predicate) -> list[Mention]:
    """The persons of a relative clause that hangs from a signing noun ("The signing, which was
    attended by X, …", "the ceremony in Lima, at which X was present", "Die Zeremonie, die im
    Beisein von X stattfand"): the clause starts within a few words after the noun."""
    syn = an.syntax
    sent = an.sentences[p.sent]
    out = []
    for k in range(p.head + 1, min(sent.end, p.head + 6)):
        if an.tokens[k].text in (";", ":", ".") or k in an.person_at:
            break
        c = syn.clause_of[k]
        if c == p.clause:
            continue
        clause = syn.clauses[c]
        if clause.kind != "rel" or clause.start != k or clause.parent not in (None, p.clause) \
                or clause.antecedent is None or not p.head <= clause.antecedent < k:
            break
        out = [an.person_at[j] for j in clause.tokens if j in an.person_at and an.person_at[j].start == j]
        break
    return out


def _passive_clause(an, p: Predicate) -> bool:
    """The clause of a predicate that is no verb ("together", "gemeinsam") has a passive verb
    ("was paid for by A together with B", "wurde von A gemeinsam mit B bezahlt")."""
    toks = an.tokens
    if toks[p.head].pos in ("VERB", "AUX") or toks[p.head].pos == "NOUN" and not _manner_phrase(an, p.head):
        return False
    for j in sorted(p.tokens):
        if toks[j].pos == "VERB" and toks[j].tag in ("VVN", "VV(PP)"):
            q = Predicate("cooperate", j, p.sent, p.clause)
            q.tokens = p.tokens
            if _voice(an, q) == "passive":
                return True
    return False


SUBJECT_PRONOUNS = {"er": 1, "es": 1, "he": 1, "she": 1, "it": 1, "they": 2, "sie": 0,
                    "beide": 2, "both": 2}   # "Beide unterzeichneten", "Both signed": the two named before


def _fronted_subject_start(an, p: Predicate) -> int | None:
    """Where the subject of a clause starts that opens with a cooperation adverb and its
    with-phrase ("Together with Y, X operates the field", "Gemeinsam mit Y erschließt es das
    Feld"): in English after the comma that closes the phrase, in German right after the finite
    verb that follows it (verb second). None for any other predicate."""
    toks = an.tokens
    k = p.head
    if p.kind != "cooperate" or p.noun or toks[k].pos not in ("ADV", "ADJ") or k + 1 >= len(toks) \
            or toks[k + 1].fold not in ("with", "mit") or k != min(p.tokens):
        return None
    end = min(max(p.tokens) + 1, k + 12)
    for j in range(k + 2, end):
        if an.lang == "en" and toks[j].text == ",":
            return j + 1
        if an.lang == "de" and toks[j].pos in ("VERB", "AUX") and toks[j].tag.endswith("(FIN)"):
            return j + 1
        if toks[j].pos in ("VERB", "AUX") or toks[j].text in (";", ":", "."):
            return None
    return None


def _coordinated_pronoun(an, p: Predicate) -> bool:
    """A subject pronoun joined by "and" to the names after it ("X said that it and its partners
    A and B had signed …", "X teilte mit, sie und die Partner A und B hätten … unterzeichnet"): the
    pronoun is one more agent beside the names."""
    toks = an.tokens
    return any(toks[k].fold in SUBJECT_PRONOUNS and toks[k].pos == "PRON" and k + 1 < p.head
               and toks[k + 1].fold in ("and", "und") for k in p.tokens)


def _pronoun_subject(an, p: Predicate, args: Args) -> None:
    """A subject pronoun of the predicate's clause stands for the nearest subject before it: the
    actors (or the person) that are core in the clause before, in this sentence or the one before."""
    toks = an.tokens
    fronted = _fronted_subject_start(an, p)
    pron = next((k for k in sorted(p.tokens) if toks[k].fold in SUBJECT_PRONOUNS
                 and (toks[k].pos == "PRON" or toks[k].pos == "DET" and k + 1 < len(toks) and toks[k + 1].pos in ("VERB", "AUX"))
                 # a determiner standing alone before the verb is a pronoun ("Both signed")
                 and an.syntax.role(k, k + 1).kind == "core"
                 and (k < p.head or (an.lang == "de" and toks[k].fold == "er") or k == p.head + 1 or k == fronted)), None)
    if pron is None:
        return
    number = SUBJECT_PRONOUNS[toks[pron].fold]
    for sent in (p.sent, p.sent - 1):
        # in its own sentence also a topic phrase ("For X, the deal is not the first: it signed …")
        functions = ("core", "for") if sent == p.sent and number == 1 else ("core",)
        before = [a for a in an.actors_by_sent.get(sent, []) if a.end <= pron and a.start not in p.tokens
                  and a.function in functions and (a.iri or (a.kind == "group" and a.refers_to == "actor"))]
        persons = [pm for pm in an.person_mentions if an.sent_of[pm.start] == sent and pm.end <= pron
                   and pm.start not in p.tokens and person_role(an, pm) == "core"]
        if not before and not persons:
            continue
        last_actor = max((a.start for a in before), default=-1)
        last_person = max((pm.start for pm in persons), default=-1)
        if last_person > last_actor:
            last = next(pm for pm in persons if pm.start == last_person)
            spoken_for = _speaks_for(an, last, sent)
            if p.kind == "cooperate" and number == 1 and spoken_for is not None:
                # "He pledged to work closely with the Czech Republic": whom the person speaks for
                args.agents.append(spoken_for)
                return
            if p.kind in ("sign", "conclude"):
                if sent == p.sent and any(q.kind == "witness" and q.mode == "asserted" and q.head < p.head
                                          and q.clause == an.syntax.clause_of[last.start] for q in _predicates_in(an, sent)):
                    return   # "X and Y looked on as they signed": those who watch are not who "they" sign
                if number == 1:
                    args.signers.append(last)
                else:   # "they", "sie": the persons named together with the last one
                    clause = an.syntax.clause_of[last.start]
                    args.signers.extend(pm for pm in persons if an.syntax.clause_of[pm.start] == clause)
            return
        if number == 2 or (number == 0 and len(before) > 1):
            args.agents.extend(before)   # "they": the whole subject before
        else:
            args.agents.append(next(a for a in before if a.start == last_actor))
        return


def _speaks_for(an, pm: Mention, sent: int) -> ActorMention | None:
    """The country, region or organisation a person speaks for (the person's side, else the
    body the person belongs to), as an actor mention at the person's name; None when unknown."""
    info = an.persons.get(pm.iri)
    side = (info.side or info.affiliation) if info is not None else None
    if side and an.kind_of(side) in ("country", "region", "org"):
        return ActorMention(pm.start, pm.end, side, an.kind_of(side), "name", sent)
    return None


def represented(an, pm: Mention) -> bool:
    """"Kappa Power, represented by its CEO X, …", "Germany was represented by State Secretary X",
    "vertreten durch X", "wurde von X vertreten", "…, Chile by Minister Y": a person in the
    by-phrase of a verb of acting for someone (who signs for that one at a signing). Sets the
    person's side to the actor represented when the text names it."""
    toks = an.tokens
    role = pm.data.get("role")
    k = (min(pm.start, role[0]) if role else pm.start) - 1
    while k >= 0 and pm.start - k <= 8 and (toks[k].pos in ("DET", "ADJ", "PRON") or toks[k].is_title
                                             or "RoleTitle" in an.cats(k)) and k not in an.person_at \
            and toks[k].fold not in ("by", "durch", "von"):
        k -= 1   # over the title: "by its chief executive", "durch Staatssekretärin"
    if k > 0 and toks[k].fold in ("and", "und", "sowie", ",") and (k - 1) in an.person_at:
        return represented(an, an.person_at[k - 1])   # "by X and Y": as the first one
    if k < 1 or toks[k].fold not in ("by", "durch", "von"):
        return False
    verb, actor = None, None
    sent = an.sentences[an.sent_of[pm.start]]
    if "RepresentationVerb" in an.cats(k - 1):
        verb = k - 1                        # "represented by X", "vertreten durch X"
    elif an.lang == "de" and any(j >= pm.end and "RepresentationVerb" in an.cats(j) and toks[j].tag == "VV(PP)"
                                 for j in an.syntax.clause(pm.start).tokens):
        verb = next(j for j in an.syntax.clause(pm.start).tokens if j >= pm.end and "RepresentationVerb" in an.cats(j))
    elif an.actor_start_by_end.get(k) is not None and toks[an.actor_start_by_end[k] - 1].text == "," \
            and any("RepresentationVerb" in an.cats(j) for j in range(sent.start, k)):
        # "Chile was represented by X, Germany by Y": the verb left out
        ent = an.org_at(k - 1) or an.entity_at(k - 1)
        actor = ent.iri if ent is not None and ent.kind in ("country", "region", "org") else None
        verb = k
    if verb is None or (verb != k and toks[verb].pos not in ("VERB", "AUX")):
        return False
    info = an.persons.get(pm.iri)
    if info is not None and not info.side:
        if actor is None and verb > 1 and toks[verb - 1].text == ",":
            start = an.actor_start_by_end.get(verb - 1)   # "Kappa Power, represented by …"
            ent = (an.org_at(start) or an.entity_at(start)) if start is not None else None
            actor = ent.iri if ent is not None and ent.kind in ("country", "region", "org") else None
        elif actor is None:
            actor = next((a.iri for a in an.actors_by_sent.get(an.sent_of[pm.start], []) if a.iri and a.function == "core"
                          and an.syntax.same_clause(a.start, verb) and a.start < min(verb, k)), None)
        if actor is not None and an.gaz.entities.get(actor) is not None and an.gaz.entities[actor].kind == "place":
            actor = an.gaz.entities[actor].capital_of
        info.side = actor
    return True


def _watches(an, pm: Mention, p: Predicate) -> bool:
    """"X and Y looked on as A and B signed": a person whose verb, before the signing one, is a
    verb of presence."""
    toks = an.tokens
    for k in range(pm.end, p.head):
        if toks[k].pos in ("VERB", "AUX") and an.syntax.finite(k):
            if "WitnessCue" in an.cats(k):
                return not _negated_presence(an, pm, k, p) and not _also_signs(an, pm, k, p)
            if toks[k].pos != "AUX":
                return False
            for j in range(k + 1, min(p.head, k + 4)):   # "were present when …", "waren zugegen, als …"
                if "WitnessCue" in an.cats(j) and toks[j].pos in ("ADJ", "ADV", "ADP", "VERB"):
                    return not _negated_presence(an, pm, j, p)
                if toks[j].pos in ("VERB", "AUX", "SCONJ", "PUNCT"):
                    break
            return False
    return False


RELATIVE_WORDS = {"who", "which", "that", "der", "die", "welcher", "welche"}


def _also_signs(an, pm: Mention, k: int, p: Predicate) -> bool:
    """The person of a presence verb at ``k`` is also the subject of the signing verb: the signing
    verb is coordinated with no subject of its own ("X hosted the ceremony and signed for Y", "X nahm
    an der Zeremonie teil und unterschrieb für Y"), or the presence verb is in a relative clause on
    the person ("X, who hosted the ceremony, signed for Y"). Unlike "X looked on as they signed"."""
    toks = an.tokens
    j = p.head - 1
    while j > k and toks[j].pos == "ADV":
        j -= 1
    if j > k and toks[j].fold in ("and", "und", "sowie"):
        return True
    first = min(an.syntax.clause(k).tokens)
    return first == pm.end + 1 and toks[pm.end].text == "," and toks[first].fold in RELATIVE_WORDS


def _negated_presence(an, pm: Mention, k: int, p: Predicate) -> bool:
    """A negation between the person and the signing noun after his verb of presence ("X could
    not attend the ceremony", "X wohnte der Zeremonie nicht bei"): he was not there."""
    return any("NegationCue" in an.cats(j) for j in range(pm.end, p.head) if j != k) \
        or (an.lang == "de" and any("NegationCue" in an.cats(j) for j in an.syntax.clause(k).tokens if j > p.head))


def _other_verb(an, p: Predicate, pm: Mention) -> bool:
    """"was signed on Thursday and presented by X": the by-phrase belongs to the later verb."""
    toks = an.tokens
    lo, hi = sorted((p.head, pm.start))
    if any(toks[j].pos == "VERB" and j != p.head and not (p.noun and "SigningEventVerb" in an.cats(j))
           and an.syntax.clause(j).kind != "rel"   # "signed by A, who took office in May, and B"
           for j in range(lo + 1, hi)):   # "die Unterzeichnung erfolgte durch X": no verb of its own
        return True   # (a relative clause on the first of two signers is not: "by X, who had flown in, and Y")
    if an.lang != "de" or not p.noun or pm.start < p.head:
        return False
    # a German agent phrase stands before its participle: "die Unterzeichnung wurde von X verfolgt"
    # (the agent of "verfolgt", not a signer), unlike "… wurde von X vorgenommen"
    for j in range(pm.end, an.sentences[p.sent].end):
        if j not in p.tokens or toks[j].pos in ("ADP", "AUX") and toks[j].fold in BY:
            return False
        if toks[j].pos == "VERB" and "PP" in (toks[j].tag or ""):
            return not an.cats(j) & {"SigningEventVerb", "SigningVerb", "ConcludingVerb"}
    return False


def _own_subject(an, p: Predicate) -> bool:
    """Whether the predicate's clause has a subject of its own (a core name, person, pronoun or
    noun phrase before an English verb)."""
    toks = an.tokens
    clause = an.syntax.clauses[p.clause]
    if clause.kind == "rel":
        return True   # a relative clause's subject is its pronoun
    # the words of a date are no subject ("and, two years earlier, struck a deal")
    timed = {j for d in _dates_in(an, p.sent) for j in range(an.tok_at(d.start), an.tok_at(d.end - 1) + 1)}
    for k in sorted(p.tokens):
        if an.lang == "en" and k > p.head:
            break
        if k in timed:
            continue
        if toks[k].pos in ("PRON", "PROPN") or k in an.person_at:
            if an.syntax.role(k, k + 1).kind == "core":
                return True
        if an.lang == "en" and toks[k].pos == "NOUN" and an.syntax.role(k, k + 1).kind == "core":
            return True
    return False


def _shared_subject(an, p: Predicate, args: Args) -> None:
    """A clause with no subject of its own shares the subject of the clause before it in the
    sentence: coordinated verbs ("met in Z and signed"), "after signing", "um … zu unterzeichnen"."""
    clauses = sorted({an.syntax.clause_of[k] for k in range(an.sentences[p.sent].start, an.sentences[p.sent].end)},
                     key=lambda c: an.syntax.clauses[c].start)
    before = [c for c in clauses if an.syntax.clauses[c].start < an.syntax.clauses[p.clause].start]
    for c in reversed(before):
        if an.syntax.clauses[c].kind == "rel":
            continue
        # "X said that Y, the venture it leads, had signed …": the subject of the that-clause, not the reporter
        comp = max((k for k in an.syntax.clauses[c].tokens if an.tokens[k].fold in an.gaz.words("Complementizer")),
                   default=-1)
        actors = [a for a in an.actors_by_sent.get(p.sent, []) if an.syntax.clause_of[a.start] == c
                  and a.function == "core" and (a.iri or a.kind == "group") and a.start > comp
                  and not _owner_before_signing(an, p, a)]   # ("X gehört dem Staat Y und hat … unterzeichnet")
        persons = [pm for pm in an.person_mentions if an.sent_of[pm.start] == p.sent
                   and an.syntax.clause_of[pm.start] == c and person_role(an, pm) == "core" and pm.start > comp]
        if not actors and not persons:
            continue
        for a in actors:
            if a.kind == "group" and a.refers_to == "person":
                args.person_groups.append(a)
            else:
                args.agents.append(a)
        if p.kind in ("sign", "conclude", "signing"):
            for pm in persons:
                (args.witnesses if _watches(an, pm, p) else args.signers).append(pm)
        return


def _antecedent_person(an, p: Predicate) -> Mention | None:
    """The person a relative clause hangs from, when the relative pronoun is its subject."""
    clause = an.syntax.clauses[p.clause]
    if clause.kind != "rel" or clause.antecedent is None or an.tokens[clause.start].pos == "ADP":
        return None
    if p.voice == "passive":
        return None   # "the deal, which was signed by …"
    pm = an.person_at.get(clause.antecedent)
    if pm is None:
        k = clause.antecedent
        # "Minister X, the head of Y, who …": the name before an apposition
        pm = next((x for x in reversed(an.person_mentions) if x.end <= k and an.sent_of[x.start] == p.sent
                   and k - x.end <= 6 and "RoleTitle" in an.cats(k)), None)
    return pm


def _antecedent_persons(an, p: Predicate) -> list[Mention]:
    """The person a relative clause hangs from, and, when the clause's finite verb is plural ("X
    and Y, who were also present", "X und Y, die … unterzeichnet hatten"), the persons listed
    together with that one."""
    pm = _antecedent_person(an, p)
    if pm is None:
        return []
    out = [pm]
    toks = an.tokens
    clause = an.syntax.clauses[p.clause]
    finite = [j for j in clause.finite if toks[j].pos in ("VERB", "AUX")]
    verb = toks[finite[0]] if finite else None
    plural = verb is not None and (verb.fold in an.gaz.words("PluralFiniteForm")
                                   or an.lang == "de" and verb.fold.endswith("en"))
    # an English past form says no number ("who attended"): the list then has to open the sentence,
    # as the subject the relative clause interrupts ("X and Y, who attended the ceremony, praised …")
    unmarked = verb is not None and an.lang == "en" and verb.tag == "VVD"
    if not (plural or unmarked):
        return out
    sent = an.sentences[p.sent]
    while True:
        j = out[0].start - 1
        while j > sent.start and j - out[0].start > -6 and j not in an.person_at and (
                "RoleTitle" in an.cats(j) or toks[j].pos in ("DET", "ADJ") or toks[j].is_title
                or toks[j].text in ("'s", "’s") or an.entity_at(j) is not None):
            j -= 1   # the title of the later name: "… and Ethiopia's Prime Minister Y"
        if j <= sent.start or toks[j].fold not in ("and", "und", "sowie", ","):
            break
        prev = an.person_at.get(j - 1) or _person_before_apposition(an, j)
        if prev is None or prev in out:
            break
        out.insert(0, prev)
    if not plural:
        role = out[0].data.get("role")
        j = min(out[0].start, role[0]) if role else out[0].start
        while j > sent.start and (toks[j - 1].pos in ("DET", "ADJ") or toks[j - 1].is_title or an.entity_at(j - 1) is not None
                                  or toks[j - 1].text in ("'s", "’s")):
            j -= 1
        if j != sent.start:
            return [pm]
    return out


def _line_end(an, a: ActorMention) -> bool:
    """An actor of a between-phrase that hangs from a noun of a line or route (lex:LinkInfrastructure,
    lex:RouteNoun; German compounds by their last part: "the 800 kV link between A and B", "die
    Gasleitung zwischen A und B", "the shipping route between A and B"): an end point of the line,
    a place, not a side of an agreement about it. The noun stands right before the preposition."""
    toks = an.tokens
    j = _chain_start(an, a) - 1
    start = j
    while j > 0 and start - j < 10 and toks[j].fold not in BETWEEN \
            and (toks[j].pos in ("DET", "ADJ", "NUM", "PROPN", "CCONJ") or toks[j].text == ","):
        j -= 1   # (names the gazetteer does not know may stand before it: "between Xiangjiaba and Shanghai")
    if j < 1 or toks[j].fold not in BETWEEN:
        return False
    noun = toks[j - 1]
    if noun.pos not in ("NOUN", "PROPN"):
        return False
    words = an.gaz.words("LinkInfrastructure") | an.gaz.words("RouteNoun")
    last = noun.fold.split("-")[-1]
    return last in words or fold(noun.lemma) in words or an.lang == "de" and _compound_of(last, words)


def _in_own_relative(an, p: Predicate, a: ActorMention) -> bool:
    """An English with-phrase after a relative "that"/"which" that has a subject of its own ("to
    link its system with the market that Quebec shares with Vermont": Vermont is Quebec's partner,
    not the linking one's), when the syntax layer left that clause inside the predicate's."""
    if an.lang != "en" or a.start < p.head:
        return False
    toks = an.tokens
    for j in range(p.head + 1, a.start):
        if toks[j].fold in an.syntax.relative_starts and toks[j].pos in ("SCONJ", "PRON", "DET"):
            if any(b.function == "core" and j < b.start < a.start for b in an.actors_by_sent.get(p.sent, [])):
                return True
    return False


def _antecedent_actor(an, p: Predicate, prepositions: set[str] | None = None) -> ActorMention | None:
    """The actor a relative clause hangs from, when the relative pronoun is its subject (or,
    with ``prepositions``, when the clause opens with one of them: "Katar, mit dem …")."""
    clause = an.syntax.clauses[p.clause]
    if clause.kind != "rel" or clause.antecedent is None:
        return None
    first = an.tokens[clause.start]
    if prepositions is not None:
        if first.fold not in prepositions or clause.start + 1 >= len(an.tokens) \
                or an.tokens[clause.start + 1].pos not in ("PRON", "DET"):
            return None
    elif first.pos == "ADP":
        return None   # "with which …", "mit dem …": not the subject
    near = [a for a in an.actors_by_sent.get(p.sent, [])
            if a.iri and a.start <= clause.antecedent < a.end + 2 and (a.function != "loc" or prepositions is not None)]
    # the one the antecedent word belongs to ("A, B und C, die …": C), unless it stands in a
    # phrase of an earlier one ("Kappa Energy of Denmark, which …": Kappa Energy)
    own = next((a for a in near if clause.antecedent < a.end), None)
    if own is not None and not (own.start > 0 and an.tokens[own.start - 1].pos == "ADP"):
        return own
    return near[0] if near else None


def _plural_clause(an, clause: int) -> bool:
    """A clause whose finite verb is plural ("die … geschlossen hatten", "which have signed"):
    German finite forms in -en, or a form of lex:PluralFiniteForm ("sind", "have", "are", "were")."""
    toks = an.tokens
    finite = an.syntax.clauses[clause].finite
    if not finite:
        return False
    plural = an.gaz.words("PluralFiniteForm")
    if an.lang == "de":
        return all(toks[k].fold in plural or toks[k].fold.endswith("en") for k in finite)
    return all(toks[k].fold in plural for k in finite)


def _side_start(an, a: ActorMention) -> int:
    """The first word of the side phrase of a for-actor ("on behalf of the Government of India",
    "im Namen der Regierung von Pakistan", "für Peru")."""
    toks = an.tokens
    prep = a.start - 1
    while prep >= 0 and toks[prep].pos in ("DET", "ADJ"):
        prep -= 1
    prep -= len((a.prep or "").split()) - 1
    words = tuple(fold(w) for w in (a.prep or "").split())
    if words and tuple(t.fold for t in toks[prep:prep + len(words)]) != words:
        # a government noun between ("on behalf of the Government of India", "im Namen der Regierung
        # von Pakistan"): the phrase starts a few words further back
        prep = next((j for j in range(a.start - len(words), max(-1, a.start - len(words) - 6), -1)
                     if tuple(t.fold for t in toks[j:j + len(words)]) == words), prep)
    return prep


def _closed_apposition(an, a: ActorMention) -> tuple[int, int] | None:
    """The apposition of a named person that a side phrase ends ("X, Joint Secretary in the
    Ministry of Finance, on behalf of India"): (end of the name, start of the side phrase)."""
    k = _side_start(an, a)
    pm = _apposition_closed(an, k, an.sentences[an.sent_of[a.start]].start)
    return (pm.end, k) if pm is not None else None


def _owner_before_signing(an, p: Predicate, a: ActorMention) -> bool:
    """The actor is the object of an owning verb (lex:OwnedByVerb: "gehören", "belong") in the
    clause whose subject a signing clause joined by "und"/"and" shares ("X gehört mehrheitlich dem
    norwegischen Staat und hat mit Z einen Vertrag unterzeichnet", "X belongs to Y and signed …"):
    the owner of the company that signs, no side."""
    toks = an.tokens
    if a.end > p.head:
        return False
    owns = an.gaz.words("OwnedByVerb")
    verb = next((j for j in range(a.start - 1, max(-1, a.start - 6), -1)
                 if toks[j].pos in ("VERB", "AUX") and fold(toks[j].lemma or toks[j].text) in owns), None)
    return verb is not None and any(toks[j].fold in ("und", "and") for j in range(a.end, p.head))


def _side_phrase(an, p: Predicate, a: ActorMention) -> bool:
    """"Für Norwegen unterschrieb X", "X signed for Italy": a for-phrase before the verb or right
    after it or after a signer, not "build a plant for Y"."""
    toks = an.tokens
    prep = _side_start(an, a)   # the first word of "on behalf of", "im Namen"
    if a.start < p.head or prep - 1 == p.head or (prep - 1) in an.person_at or prep - 1 in an.role_tokens:
        return True
    if p.kind == "sign" and prep > p.head and an._side_phrase_end(prep) is not None and an.syntax.same_clause(prep, p.head):
        return True   # "signed the contract with Y on behalf of X": an on-behalf phrase names a side wherever it stands
    if prep - 1 >= 0 and toks[prep - 1].text == ",":
        # after a signer's apposition: "by X, project director of the plant, on behalf of the Commission"
        j = prep - 2
        while j >= 0 and prep - j <= 30 and j not in an.person_at and toks[j].text not in (".", ";", ":") \
                and toks[j].pos not in ("VERB", "AUX"):
            j -= 1
        if j >= 0 and j in an.person_at and toks[an.person_at[j].end].text == ",":
            return True
    # "X signed the memorandum for Peru": right after the verb's object, the agreement itself
    obj = prep - 1
    return obj > p.head and obj - p.head <= 3 and bool(an.cats(obj) & {"AgreementWord", "DocumentWord"}) \
        and toks[p.head].pos == "VERB" and p.voice == "active" and p.kind == "sign"


def _unnamed_title_of(an, a: ActorMention) -> bool:
    """The actor is the complement of a role title that is no named person's title ("the ministers
    of A and B", "die Energieminister beider Länder", "the heads of state of A and B"): an affil
    actor whose head is a lex:RoleTitle with no person at it, so the office-holders it names are
    unnamed and may act for it."""
    return a.function == "affil" and a.head is not None and a.head not in an.person_at and "RoleTitle" in an.cats(a.head)


def _person_group_noun(an, k: int) -> bool:
    """Whether the lexicon match at token k is a lex:GroupNoun entry for persons ("leaders", "Vertreter",
    "officials"): a noun for several office-holders or representatives, not for actors."""
    lexm = an.lex_at.get(k)
    return lexm is not None and "GroupNoun" in lexm.cats \
        and any(an.gaz.lexicon[x].refers_to == "person" for x in lexm.data.get("lex", []))


def _acting_persons(an, p: Predicate, k: int, preps: set[str] | None = None) -> bool:
    """A noun for a group of persons ("Vertreter", "representatives", "officials") that is an
    argument of the predicate (its subject, or the by-phrase of a passive); with ``preps``, the
    noun of a phrase of one of them instead ("mit Vertretern der Kappa AG", "with representatives
    of Kappa Power": the ones the predicate is done with)."""
    if not _person_group_noun(an, k):
        return False
    lexm = an.lex_at[k]
    if lexm.end in an.person_at or k in an.person_at or _apposed_to_person(an, k):
        return False   # "Peruvian Prime Minister Jan Muster", "Jan Muster, the Peruvian minister": a named person's title
    role = an.syntax.role(k, k + 1)
    if preps is not None:   # (not a meeting's: "after talks with representatives of X" signs nothing)
        return role.kind == "pp" and fold(role.prep or "") in preps \
            and (role.head is None or "EventNoun" not in an.cats(role.head))
    return role.kind == "core" or (p.voice == "passive" and role.prep in ("von", "by", "durch"))


def _official_role(an, p: Predicate, k: int, preps: set[str] | None = None) -> bool:
    """A role noun with no name that is an argument of the predicate ("the energy ministers of the
    two countries signed"): core in its clause; with ``preps``, in a phrase of one of them instead
    ("signed together with the presidents of A and B")."""
    if "RoleTitle" not in an.cats(k):
        return False
    role = an.syntax.role(k, k + 1)
    if preps is not None:
        if role.kind != "pp" or role.prep not in preps:
            return False
    elif role.kind == "pp" and not ((p.voice == "passive" or p.noun) and role.prep in ("von", "by", "durch")):
        return False   # (a signing noun's by-phrase signs: "the signing of the deal by the presidents of A and B")
    nxt = an.lex_at[k].end
    toks = an.tokens
    if nxt < len(toks) and not (toks[nxt - 1].pos == "ADP" and _plural(an, k)) \
            and (nxt in an.person_at or an.org_at(nxt) is not None or toks[nxt].pos == "PROPN" and an.entity_at(nxt) is None):
        return False   # "fund manager Copenhagen Infrastructure Partners": it describes a name (not a plural
        # title that ends in its preposition, "the heads of A and B": the names are whose heads)
    if any(pm.data.get("role") and pm.data["role"][0] <= k < pm.data["role"][1] for pm in an.person_mentions):
        return False   # "von X, katarischer Staatsminister und Chef von Y": the title of a named person
    return not _apposed_to_person(an, k)


def _subnational_role(an, a: ActorMention) -> bool:
    """A country's name or adjective on the role of a region's or city's office ("two U.S.
    governors", "a Canadian provincial minister", "a German state premier", "ein deutscher
    Landesminister", "zwei US-Gouverneure"): where the officials' regions lie, not whom they act
    for (lex:SubnationalRole: the role noun, a German compound's first or last part, or a word
    between the country and the role). _only_as_affiliation drops such a country later, for the
    whole agreement, where the role word alone does not tell ("a Canadian premier")."""
    from kg.extract.roles import subnational_word
    k = a.head
    if k is None or k < a.start or "RoleTitle" not in an.cats(k):
        return False
    # a word between the country and the role, or the role itself ("Landesminister", "Provinzgouverneur")
    return any(subnational_word(an, j, first_part=j == k) for j in range(a.end, k + 1))


def _apposed_to_person(an, k: int) -> bool:
    """A role noun in the apposition of a named person who only attends ("in the presence of Jan Muster,
    the Peruvian Minister of Energy", "im Beisein von Jan Muster, dem peruanischen Energieminister"): the
    witness's title, no argument of its own (a signer's apposition names the side he signs for)."""
    toks = an.tokens
    j = k - 1
    while j > 0 and (toks[j].pos in ("DET", "ADJ") or an.entity_at(j) is not None) and j not in an.person_at:
        j -= 1
    if j <= 0 or toks[j].text != ",":
        return False
    sent = an.sentences[an.sent_of[k]]
    for pm in an.person_mentions:
        if pm.end == j:
            return person_role(an, pm) == "witness" or any(
                an.cats(x) & {"WitnessCue", "WitnessPreposition"} for x in range(sent.start, pm.start)
                if an.syntax.same_clause(x, pm.start))
    return False


POSSESSIVE_DETERMINERS = {"its", "their", "his", "her", "ihre", "ihrer", "ihren", "ihrem", "seine", "seiner", "seinen",
                          "seinem", "deren", "dessen"}


def _possessive_determiner(tok) -> bool:
    """A possessive determiner: POSSESSIVE_DETERMINERS, and the German uninflected "sein"/"ihr"
    where the tagger reads them as possessives ("und sein Partner X"; not the verb "sein")."""
    return tok.fold in POSSESSIVE_DETERMINERS or tok.fold in ("sein", "ihr") and tok.tag == "PPOSAT"


def _noun_args(an, p: Predicate, args: Args) -> None:
    """A cooperation noun's own arguments: "die deutsch-chilenische Zusammenarbeit", "its
    supply deals with Qatar" (its = the actor named just before), "cooperation between A and B"."""
    toks = an.tokens
    for a in an.actors_by_sent.get(p.sent, []):
        if a.head != p.head or not a.iri:
            continue
        if a.function in ("with", "between") or (a.function == "agr" and a.start > p.head):
            args.partners.append(a)
        elif a.function in ("agr", "mod", "orgmod"):
            args.agents.append(a)
    owners = [a for a in args.partners if a.function == "agr" and (a.prep or "") not in WITH_PREPS]
    if not args.agents and len(owners) == 1:
        # "die Kooperation der X mit Y", "the cooperation of X with Y": the genitive or of-phrase
        # right after the noun cooperates with the with-phrase right after it (read as the verb's
        # partner, or, after an agreement noun's genitive, as the noun's own: actors._genitive_owner)
        owner = owners[0]
        if _right_after(an, p.head, owner.start):
            nxt = next((a for a in an.actors_by_sent.get(p.sent, []) if a.iri and a.start > owner.end
                        and (a.function == "with" and a.head in (None, p.head)
                             or a.function == "agr" and a.head == p.head and (a.prep or "") in WITH_PREPS)
                        and all(an.tokens[j].pos == "DET" or an.tokens[j].fold in WITH_PREPS for j in range(owner.end, a.start))), None)
            if nxt is not None and all(a is owner or a is nxt for a in args.partners):
                args.agents.append(owner)
                args.partners = [nxt]
    j = p.head - 1
    while j >= 0 and toks[j].pos in ("ADJ", "NOUN", "PROPN") and p.head - j <= 3 and not _possessive_determiner(toks[j]):
        j -= 1
    if j >= 0 and _possessive_determiner(toks[j]):
        before = [a for a in an.actors_by_sent.get(p.sent, []) if a.end <= j and (a.iri or a.kind == "group")
                  and a.function in ("core", "with", "between")]
        if before:
            args.agents += _possessor_list(an, p, before, j)
            args.partners += _included_members(an, p)   # "its partners include A, B and C"
    for a in an.actors_by_sent.get(p.sent, []):
        if a.function == "between" and a.start > p.head and a.head in (None, p.head) and a not in args.partners \
                and not _subordinator_between(an, p.head, a.start):
            args.partners.append(a)
    if not args.agents and args.partners and (an.syntax.role(p.head, p.head + 1).kind == "core"
                                              or _manner_phrase(an, p.head) and not _passive_clause(an, p)):
        # "pflegt die Landesregierung Kooperationen mit X": the subject of the clause
        args.agents += [a for a in an.actors_by_sent.get(p.sent, []) if a.function == "core" and a.start in p.tokens
                        and a not in args.partners and (a.iri or a.kind == "group")]
    elif not args.agents and args.partners and _manner_phrase(an, p.head) and _passive_clause(an, p):
        # "the plant is being built by X in partnership with Y", "wird von X in Zusammenarbeit mit Y
        # gebaut": the passive's by-phrase acts with them
        args.agents += [a for a in an.actors_by_sent.get(p.sent, []) if a.start in p.tokens and a.iri and a not in args.partners
                        and (a.function == "by" or a.function == "pp" and a.prep in BY)]
    if not args.agents and not args.partners:
        _partner_nominal(an, p, args)
    if not args.partners and len(args.agents) <= 1:
        _as_partner(an, p, args)   # (after "its": "selected Y as its partner")
    if _partner_noun(an, p.head):
        owners, members = _listed_partners(an, p)
        if owners and members:   # "X's partners are A and B": each member with X
            args.agents += [a for a in owners if a not in args.agents and a not in members]
            args.partners += [a for a in members if a not in args.partners and a not in owners]
        elif not args.partners:   # "X and its partner A", "X's partners A and B", "X und sein Partner A"
            members = [a for a in _apposed_partners(an, p) if a not in args.agents]
            if members and not args.agents:
                j = _owner_mark(an, p.head)
                if j >= 0 and toks[j].fold in ("'s", "’s"):
                    args.agents += [a for a in an.actors_by_sent.get(p.sent, []) if a.end == j and a.iri and a not in members]
                elif j >= 0:   # the German genitive before it: "Statkrafts Partner A und B"
                    args.agents += [a for a in an.actors_by_sent.get(p.sent, []) if a.end == j + 1 and a.form == "genitive"
                                    and a.iri and a not in members]
            args.partners += members


PLURAL_POSSESSIVES = {"their", "ihre", "ihrer", "ihren", "ihrem"}


def _possessor_list(an, p: Predicate, before: list[ActorMention], j: int) -> list[ActorMention]:
    """The owner(s) of a possessed cooperation noun: the actor named last before the possessive,
    or, after a plural one ("their", "ihre"), the whole list of subjects it closes when the
    clause's verb is plural ("Egypt and Greece are deepening their cooperation", "Deutschland und
    Norwegen vertiefen ihre Zusammenarbeit"): they cooperate with each other."""
    last = before[-1]
    if an.tokens[j].fold not in PLURAL_POSSESSIVES or last.function != "core" or not last.iri:
        return [last]
    toks = an.tokens
    joins = an.gaz.words("ChainCoordinator")
    chain = [last]
    for a in reversed(before[:-1]):
        gap = range(a.end, chain[0].start)
        if a.function != "core" or not a.iri or a.start not in p.tokens or not gap \
                or not all(toks[k].fold in joins or toks[k].text == "," or toks[k].pos == "DET" for k in gap) \
                or not any(toks[k].fold in joins for k in gap):
            break
        chain.insert(0, a)
    if len(chain) < 2 or any(toks[k].tag == "VBZ" for k in range(chain[-1].end, j)):   # "A and B's owner has"
        return [last]
    return chain


def _partner_noun(an, k: int) -> bool:
    """A noun of a partner (lex:PartnerNoun, by lemma; German compounds by their last part)."""
    tok = an.tokens[k]
    if tok.pos != "NOUN":
        return False
    words = an.gaz.words("PartnerNoun")
    return fold(tok.lemma) in words or tok.fold in words or an.lang == "de" and _compound_of(tok.fold, words)


def _owner_mark(an, k: int) -> int:
    """The token before the partner noun at ``k`` and the (at most three) adjectives right before
    it: where its owner's mark stands ("X's new partners", "Statkrafts langjährige Partner", "with
    partners including …"); -1 at the text's start. _listed_partners and the apposed partners of
    _noun_args read the owner there alike."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 3 and toks[j].pos == "ADJ":
        j -= 1
    return j


def _listed_partners(an, p: Predicate) -> tuple[list[ActorMention], list[ActorMention]]:
    """The owner and the members of a partner noun whose members the clause lists: "X's partners
    in the project are A and B", "partners of X include A and B", "Zu den Partnern von X gehören A
    und B", "Kappas Partner sind A und B" (members after a verb of being or including that
    follows the noun); "X develops the field with partners including A and B", "X erschließt das
    Feld mit Partnern, darunter A und B" (members after an example cue right after the noun; the
    owner is the clause's subject, or its by-phrase in the passive); "A is among the partners of
    X", "A zählt zu den Partnern von X" (the subject before lex:AmongPreposition). Not a negated
    clause. Returns (owners, members); both empty when either is missing."""
    toks = an.tokens
    k = p.head
    clause = p.tokens
    if any("NegationCue" in an.cats(j) for j in clause):
        return [], []
    acts = [a for a in an.actors_by_sent.get(p.sent, []) if a.start in clause and a.start != k and (a.iri or a.kind == "group")]
    owners = [a for a in acts if a.head == k and a.function == "affil"]   # "partners of X", "Kappas Partner"
    j = _owner_mark(an, k)
    if j >= 0 and toks[j].fold in ("'s", "’s"):
        owners += [a for a in acts if a.end == j and a not in owners]   # "X's partners"
    verb = next((v for v in sorted(clause) if toks[v].pos in ("VERB", "AUX")
                 and (fold(toks[v].lemma) in COPULAS or "IncludeVerb" in an.cats(v))), None)
    members: list[ActorMention] = []
    cue = _example_cue_after(an, k)
    if cue is not None:   # "partners including A and B", "Partnern, darunter A und B"
        members = _name_list(an, acts, cue)
        if not owners and j >= 0 and toks[j].fold in ("with", "mit"):
            before = [a for a in acts if a.start < j and a not in members]
            owners = [a for a in before if a.function == "by" or a.function == "pp" and a.prep in BY] \
                or [a for a in before if a.function == "core"]   # "built by X together with partners such as …" 
    elif verb is not None:
        b = j
        while b >= 0 and toks[b].pos == "DET":
            b -= 1
        if b >= 0 and toks[b].fold in an.gaz.words("AmongPreposition") and toks[b].pos == "ADP":
            # "A zählt zu den Partnern von X", "Zu den Partnern von X gehören A und B"
            members = [a for a in acts if a.function == "core" and a.start != k and a not in owners]
        elif verb > k:
            members = [a for a in acts if a.start > verb and a.function == "core"]   # "X's partners are A and B"
    return (owners, members) if owners and members else ([], [])


def _apposed_partners(an, p: Predicate) -> list[ActorMention]:
    """The companies a partner noun names right after it, as its apposition: "Equinor and its
    partner Petoro", "X's partners A and B", "Equinor und sein Partner Petoro", "Statkrafts Partner
    A und B". The noun's owner (a possessive's antecedent, the name before "'s", a German
    genitive) cooperates with each of them; with no owner, the members named together as
    subjects cooperate with each other. Organisations only:
    "Germany and its partner France" names allies, not an undertaking. Not in a negated clause;
    none when a name of another kind is in the list."""
    toks = an.tokens
    k = p.head
    if k + 1 >= len(toks) or any("NegationCue" in an.cats(j) for j in p.tokens):
        return []
    acts = [a for a in an.actors_by_sent.get(p.sent, []) if a.iri and a.kind != "group" and a.start > k]
    if not any(a.start == k + 1 for a in acts):
        return []
    members = _name_list(an, acts, k + 1)
    if not members or any(an.kind_of(a.iri) != "org" for a in members):
        return []
    return members


def _example_cue_after(an, k: int) -> int | None:
    """The token after an example cue (lex:ExampleCue: "including", "such as", "darunter") that
    follows the noun at k (a comma between allowed), or None."""
    from kg.extract.actors import example_cue_end
    toks = an.tokens
    j = k + 1
    if j < len(toks) and toks[j].text == ",":
        j += 1
    return example_cue_end(an, j)


def _name_list(an, acts: list[ActorMention], j: int) -> list[ActorMention]:
    """The actors of a list of names that starts at token j: names joined by commas and
    coordinators, up to the first other word."""
    toks = an.tokens
    starts = {a.start: a for a in acts}
    out = []
    while j < len(toks):
        if j in starts:
            out.append(starts[j])
            j = starts[j].end
            continue
        if toks[j].text == "," or toks[j].pos in ("CCONJ", "DET") or toks[j].fold in ("'s", "’s"):
            j += 1
            continue
        break
    return out


def _subordinator_between(an, i: int, j: int) -> bool:
    """A subordinating conjunction between two tokens ("cooperation slowed when the dispute
    between A and B flared up"): what follows it belongs to another clause."""
    words = an.gaz.cached("subordinators", _subordinators)
    return any(an.tokens[k].fold in words and an.tokens[k].pos in ("SCONJ", "ADV") for k in range(i + 1, j))


def _subordinators(gaz) -> frozenset[str]:
    """Both languages' subordinating conjunctions, joined (once per gazetteer: ``gaz.cached``)."""
    return gaz.words("EnglishSubordinator") | gaz.words("GermanSubordinator")


def _manner_phrase(an, k: int) -> bool:
    """A cooperation noun after a lex:MannerPreposition ("in"/"im"; adjectives between): "launched the fund in partnership
    with A and B", "baut das Werk in enger Zusammenarbeit mit X": the clause's subject acts with them
    (not the subject of a passive: "the fund was launched in partnership with A" names what was launched)."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 3 and toks[j].pos == "ADJ":
        j -= 1
    return j >= 0 and toks[j].fold in an.gaz.words("MannerPreposition") and toks[j].pos == "ADP"


COPULAS = {"be", "sein", "bleiben", "remain"}


def _included_members(an, p: Predicate) -> list[ActorMention]:
    """The names a verb of including or being lists after a possessed cooperation noun: "its partners
    include A, Japan's B and C", "zu seinen Partnern gehören A und B", "its partners are A and B",
    "seine Partner sind A und B"; none without such a verb."""
    toks = an.tokens
    verb = next((j for j in sorted(p.tokens) if j > p.head and j - p.head <= 3 and (
        toks[j].pos == "VERB" and "IncludeVerb" in an.cats(j)
        or toks[j].pos in ("AUX", "VERB") and fold(toks[j].lemma) in COPULAS and _partner_noun(an, p.head))), None)
    if verb is None:
        return []
    return [a for a in an.actors_by_sent.get(p.sent, []) if a.start > verb and a.start in p.tokens and a.iri
            and a.kind != "group" and a.function == "core"]


def _as_partner(an, p: Predicate, args: Args) -> None:
    """A partner noun after "as"/"als" gives one of the clause's actors the role of partner of the
    other: "X has selected Y as its partner", "X holt Y als Partner an Bord", "X joined the project
    as a partner of Y" (the subject with the object or with the noun's own of-phrase). Not in a
    negated clause."""
    toks = an.tokens
    if not _partner_noun(an, p.head):
        return
    j = p.head - 1
    while j >= 0 and p.head - j <= 4 and (toks[j].pos in ("DET", "ADJ") or toks[j].fold in POSSESSIVE_DETERMINERS):
        j -= 1
    if j < 0 or toks[j].fold not in AS_WORDS or j not in p.tokens or any("NegationCue" in an.cats(x) for x in p.tokens):
        return
    acts = [a for a in an.actors_by_sent.get(p.sent, []) if a.start in p.tokens and a.iri and a.kind != "group"]
    core = [a for a in acts if a.function == "core"]
    owners = [a for a in acts if a.function == "affil" and a.head == p.head or a.start == p.head + 2
              and toks[p.head + 1].fold in ("of", "von") and a.function != "core"]
    if 2 <= len(core + owners) <= 4:
        args.agents[:] = core + [a for a in owners if a not in core]


def _partner_nominal(an, p: Predicate, args: Args) -> None:
    """A cooperation noun as the predicate of "to be": "France is Morocco's most important
    partner", "Frankreich ist der wichtigste Partner Marokkos", "X is a partner of Y", "X ist für Y
    ein wichtiger Partner" (the subject
    with whose partner it is), "A and B are long-standing partners", "A und B sind langjährige
    Partner" (the subjects with each other), "X is a partner in the project alongside Y" (with the
    one beside it). Not when the clause is negated ("is no longer a partner")."""
    toks = an.tokens
    clause = sorted(p.tokens)
    copula = next((j for j in clause if fold(toks[j].lemma) in COPULAS and toks[j].pos in ("AUX", "VERB")
                   and (j < p.head or an.lang == "de")), None)
    if copula is None or any("NegationCue" in an.cats(j) for j in clause):
        return
    acts = [a for a in an.actors_by_sent.get(p.sent, []) if a.start in p.tokens and a.iri and a.kind != "group"]
    owners = [a for a in acts if a.function == "affil" and (a.head == p.head or a.head is None and _right_after(an, p.head, a.start))
              or a.function == "core" and a.start > copula and a.end < p.head and toks[a.end].fold in ("'s", "’s")
              or a.function == "for" and a.prep in ("for", "fur")   # "X ist für Y ein wichtiger Partner"
              or a.function == "affil" and a.start == p.head + 2 and toks[p.head + 1].fold in ("for", "of")]
    beside = [a for a in acts if a.function == "with" and a.start > p.head]
    subjects = [a for a in acts if a.function == "core" and a not in owners
                and (a.end <= copula if an.lang == "en" else a.end <= p.head)]
    if not subjects and an.lang == "de" and p.head < copula and owners:
        # "Partner der X bei dem Projekt ist Y": the noun fronted, its subject after the verb
        subjects = [a for a in acts if a.function == "core" and a not in owners and a.start > copula]
    if not subjects:
        return
    if owners or beside:
        args.agents += subjects
        args.partners += owners + beside
    elif len(subjects) >= 2 and (toks[p.head].tag == "NN2" or an.lang == "de" and toks[copula].text.lower() in ("sind", "waren", "bleiben")):
        args.agents += subjects   # "A and B are partners": the subjects with each other


def _right_after(an, k: int, start: int) -> bool:
    """A name that follows the noun at k with only an article or "of"/"von" between ("Partner der
    X", "a partner of X")."""
    return 0 < start - k <= 3 and all(an.tokens[j].pos == "DET" or an.tokens[j].fold in ("of", "von")
                                      for j in range(k + 1, start))


def _person_before_apposition(an, conj: int) -> Mention | None:
    """The person whose apposition or bracket ends right before a coordinator ("X, chief executive
    of A, and Y", "X (Kappa Power) und Y"): the first member of a list of names."""
    toks = an.tokens
    j = conj - 1
    if j < 1:
        return None
    if toks[j].text == ")":
        b = j - 1
        while b > 0 and j - b <= 8 and toks[b].text not in ("(", ")"):
            b -= 1
        return an.person_at.get(b - 1) if toks[b].text == "(" and b - 1 in an.person_at else None
    if toks[j].text != ",":
        return None
    rel = an.syntax.clause(j - 1)
    if rel.kind == "rel" and rel.antecedent is not None and rel.antecedent in an.person_at:
        return an.person_at[rel.antecedent]   # "X, der zu Besuch weilt, und Y", "X, who is visiting, and Y"
    sent = an.sentences[an.sent_of[conj]]
    for pm in an.person_mentions:
        if sent.start <= pm.start and pm.end < j and j - pm.end <= 16 and toks[pm.end].text == "," \
                and _apposition_after(an, pm.end, sent.end) == conj:
            return pm
    # a relative clause on the first name closed by the comma ("im Beisein von X, der zu Besuch
    # weilt, und Y", "in the presence of X, who is visiting, and Y")
    ends = _by_sent(an, "person_ends", an.person_mentions, lambda pm: pm.end)
    for c in an.syntax.clauses:
        if c.kind == "rel" and c.antecedent is not None and c.tokens and c.tokens[-1] == j \
                and sent.start <= c.antecedent < j and ends.get(c.antecedent + 1):
            return ends[c.antecedent + 1][0]
    return None


# words between a coordinator and the comma before an apposed name that a title phrase may hold
# (both scans back over such a phrase: _role_phrase_conjunct and _title_apposed_before)
TITLE_PHRASE_REACH = 8


def _role_phrase_conjunct(an, comma: int) -> int:
    """A person apposed to a role phrase that is itself a conjunct ("in the presence of A and the
    President of the French Republic, Mr. B", "im Beisein von A und dem Präsidenten Frankreichs,
    B"): the coordinator before the role phrase, so that B takes A's role. The phrase holds a role
    title and only articles, adjectives, nouns, title-case words, country names and "of"/genitive
    articles; ``comma`` itself when there is no such phrase."""
    toks = an.tokens
    role = False
    j = comma - 1
    while j >= 0 and comma - j <= TITLE_PHRASE_REACH and j not in an.person_at:
        t = toks[j]
        if t.fold in ("and", "und", "sowie"):
            return j if role and j < comma - 1 else comma
        if "RoleTitle" in an.cats(j):
            role = True
        elif not (t.pos in ("DET", "ADJ", "NOUN") or t.is_title or t.fold in ("of", "der", "des")
                  or an.entity_at(j) is not None):
            return comma
        j -= 1
    return comma


def _title_apposed_before(an, left: int) -> int:
    """"im Beisein von X und des Präsidenten der Republik, Y", "in the presence of X and the
    President of the French Republic, Mr. Y": a name apposed (after a comma and an honorific) to a
    role title phrase that a coordinator opens right after another person; the phrase, not the
    name, is the list's second member, so the name starts at the title. Else ``left``."""
    toks = an.tokens
    j = left - 1
    while j > 0 and toks[j].fold in _HONORIFICS and toks[j].is_title:
        j -= 1
    if j < 3 or toks[j].text != ",":
        return left
    first = an.sentences[an.sent_of[left]].start
    b, role = j - 1, False
    while b > first and j - b <= TITLE_PHRASE_REACH and b not in an.person_at \
            and (toks[b].pos in ("DET", "ADJ", "NOUN", "PROPN") or toks[b].fold in ("of", "to", "for", "der", "des", "für")):
        role = role or "RoleTitle" in an.cats(b)
        b -= 1
    if role and b + 1 < j and toks[b].fold in ("and", "und", "sowie") and b - 1 in an.person_at:
        return b + 1
    return left


def _list_goes_on(an, pm: Mention) -> bool:
    """After a comma, a person is in a list when an "and" and another person follow."""
    toks = an.tokens
    for k in range(pm.end, min(len(toks), pm.end + 8)):
        if toks[k].fold in ("und", "and", "sowie"):
            return any(j in an.person_at for j in range(k + 1, min(len(toks), k + 6)))
        if toks[k].text in (".", ";", ":") or toks[k].pos in ("VERB", "AUX"):
            return False
    return False


def _presence_participle(an, k: int) -> bool:
    """An English -ing form of a presence verb that the tagger read as a noun after a name it does
    not know ("with President X al-Y watching", "looking on"): the verb's lexicon entry decides."""
    toks = an.tokens
    f = toks[k].fold
    if an.lang != "en" or not f.endswith("ing") or len(f) < 6:
        return False
    cues = an.gaz.lex_words("WitnessCue")
    nxt = toks[k + 1].fold if k + 1 < len(toks) else ""
    for stem in (f[:-3], f[:-3] + "e"):
        if (stem,) in cues or (stem, nxt) in cues:
            return True
    return False


def _present_after(an, pm: Mention) -> bool:
    """An absolute with-phrase of presence: the persons after "with" are followed, before the
    clause goes on, by a presence word ("with X and Y in attendance", "with X looking on")."""
    toks = an.tokens
    k = pm.end
    while k < len(toks) and k - pm.end < 25:
        if k in an.person_at:
            k = an.person_at[k].end
            continue
        cats = an.cats(k)
        if "WitnessCue" in cats or _presence_participle(an, k):
            return True
        if toks[k].text == "," and _apposition_after(an, k, len(toks)) is not None:
            k = _apposition_after(an, k, len(toks))   # "with X, Peru's envoy for energy, looking on"
            continue
        if toks[k].fold in ("and", ",", "also", "all") or "RoleTitle" in cats or toks[k].is_title \
                or toks[k].pos in ("DET", "ADJ"):
            k += 1
            continue
        return False
    return False


def person_role(an, pm: Mention) -> str:
    """core, with, by, witness, report or pp: what a person does in their clause."""
    role = pm.data.get("role")
    left = min(pm.start, role[0]) if role else pm.start
    toks = an.tokens
    while an.lang == "en" and role and left > 0 and pm.start - left < 4 and toks[left - 1].is_title \
            and toks[left - 1].pos in ("NOUN", "PROPN", "ADJ") \
            and left - 1 not in an.person_at and an.org_at(left - 1) is None and an.entity_at(left - 1) is None \
            and (not an.cats(left - 1) & {"NotAName"} or toks[left - 1].pos == "NOUN" or "OrgNameWord" in an.cats(left - 1)):
        left -= 1   # the rest of a title: "by Energy Minister X", "and Bhutan's Foreign Minister X" (an
        # adjective too, so that a possessive before it is found and the conjunct keeps the list's role)
    if an.lang == "en" and role and left == role[0]:
        j = left
        while j - 1 > 0 and left - j < 2 and toks[j - 1].pos == "NOUN" and toks[j - 1].text.islower():
            j -= 1
        if j < left and toks[j - 1].text in POSSESSIVE_MARKS:
            left = j   # the portfolio written small after a possessive: "and Iraq's oil minister X"
    poss = left - 1
    if an.lang == "en" and role and poss > 0 and toks[poss].text in POSSESSIVE_MARKS:
        poss -= 1   # "and Egypt's Minister of Petroleum X": the possessor opens the phrase
    if an.lang == "en" and role and role[0] < pm.start and poss >= 0 and (an.entity_at(poss) or an.org_at(poss)) is not None:
        act = an.entity_at(poss) or an.org_at(poss)
        if act.kind in ("country", "region", "org") and poss not in an.person_at and (act.form != "adj" or poss < left - 1):
            left = act.start   # the actor of the title: "presented by Quebec Premier X", "by Kappa Power CEO Y"
            while left > 0 and an.tokens[left - 1].pos == "DET":
                left -= 1
    left = _title_apposed_before(an, left)
    k = left - 1
    # a coordination of persons ("X und Y", "X, Minister …, und Y") takes the first one's role
    start = left
    while k >= 0 and (toks[k].pos in ("ADJ", "DET") or "RoleTitle" in an.cats(k) or toks[k].is_title) \
            and k not in an.person_at and left - k <= 4:
        k -= 1   # "… and Peruvian Prime Minister Jan Muster"
    if k > 0 and toks[k].fold in ("von", "of", "by") and toks[k - 1].fold in ("und", "and"):
        k -= 1   # the preposition repeated: "im Beisein von A und von B", "attended by A and by B"
    if k > 0 and toks[k].text == ",":
        k = _role_phrase_conjunct(an, k)   # "A and the President of France, Mr. B": B is A's conjunct
    conj = k
    while k >= 0 and (toks[k].fold in ("und", "and", ",", "sowie") or toks[k].pos == "DET") and k not in an.syntax.fronted:
        k -= 1
    if k < conj and toks[conj].fold in ("und", "and", "sowie") and k not in an.person_at:
        side = _before_side_correlative(an, conj - 1)   # "A und B auf der einen sowie C auf der anderen Seite"
        k = side if side != conj - 1 else k
    prev = an.person_at.get(k)
    if prev is None and conj > 0 and toks[conj].fold in ("und", "and", "sowie"):
        prev = _person_before_apposition(an, conj)   # "X, CEO of A, and Y", "X (A) und Y"
        k = prev.start if prev is not None else k
    if prev is not None and prev is not pm and k >= 0 and an.syntax.same_clause(k, left) \
            and conj >= 0 and (toks[conj].fold in ("und", "and", "sowie") or (toks[conj].text == "," and _list_goes_on(an, pm))):
        return person_role(an, prev)   # "… A, B and C": each takes the first one's role
    if _included_in_presence(an, start):
        return "witness"   # "attended by several officials, including X"
    r = an.syntax.role(start, pm.end)
    if _in_event_phrase(an, start):
        return "pp"   # "nach einem Treffen des Ministerpräsidenten X mit Y": who met, not who signed
    j = start - 1
    while j >= 0 and (toks[j].is_title or toks[j].pos in ("ADJ", "DET", "NOUN") or toks[j].fold in ("and", "und", "&")
                      or toks[j].fold in POSSESSIVE_DETERMINERS) \
            and start - j <= 6 and j not in an.person_at and "WitnessPreposition" not in an.cats(j):
        j -= 1   # over the title: "attended by Mines and Energy Minister X", "in Anwesenheit des Präsidenten X",
        # "in the presence of his host X"
    lexm = an.lex_at.get(j)
    if (lexm is None or "WitnessPreposition" not in lexm.cats) and j > 0 and toks[j].fold in ("von", "of"):
        lexm = an.lex_at.get(j - 1)   # "unter den Augen von X"
    if lexm is not None and "WitnessPreposition" in lexm.cats:
        return "witness"
    if r.kind == "core" and _owner_in_party_apposition(an, start, pm.end):
        return "pp"   # "Kappa Capital, the investment firm of billionaire X, signed …": X owns the party, X did not sign
    if r.kind == "core":
        # "laut Ministerin X", "according to X", "X zufolge"
        j = start - 1
        if j >= 0 and "ReportingVerb" in an.cats(j) and toks[j].pos in ("ADP", "ADV"):
            return "report"
        if pm.end < len(toks) and "ReportingVerb" in an.cats(pm.end) and toks[pm.end].pos in ("ADP", "ADV") \
                and (toks[pm.end].fold == "zufolge" or toks[pm.end].tag == "APPO"):
            return "report"   # "Energieminister X zufolge": a postposition
        return "core"
    prep = r.prep or ""
    if prep in ("mit", "with", "together with", "gemeinsam mit", "zusammen mit", "alongside", "along with", "neben",
                "besides"):
        if prep in ("with", "mit") and _present_after(an, pm):
            return "witness"   # "with X and Y in attendance", "with X looking on"
        return "with"
    if prep in BY or prep == "vom":   # "vom" is "von dem": "vom kasachischen Minister unterzeichnet"
        return "pp" if by_event(an, r.start - 1) else "by"
    if prep in BETWEEN:
        return "between"   # "signed between X, CEO of A, and Y"
    if "presence" in prep or "beisein" in prep:
        return "witness"
    if prep in ("laut", "according to", "zufolge"):
        return "report"
    return "pp"


def _owner_in_party_apposition(an, start: int, end: int) -> bool:
    """Whether the person at ``start``..``end`` (with a describing noun before the name) is the
    genitive attribute of a noun in an apposition of an organization: "Kappa Capital, the
    investment firm of billionaire X, …", "die Kappa Capital, die Investmentfirma des Milliardärs
    X, …", "Das Unternehmen der Gründerin X, die Kappa GmbH, …". The person owns or founded the
    party and is named to say what it is, not as one who acts in the clause."""
    toks = an.tokens
    links = an.gaz.words("GenitiveLink")
    j = start - 1
    while j >= 0 and start - j <= 3 and toks[j].pos in ("NOUN", "ADJ") and j not in an.person_at and toks[j].fold not in links:
        j -= 1   # the describing noun: "billionaire", "des Milliardärs", "der Gründerin"
    if j < 1 or toks[j].fold not in links or toks[j - 1].pos != "NOUN" or an.org_at(j - 1) is not None:
        return False
    b = j - 1
    while b > 0 and toks[b - 1].pos in ("NOUN", "ADJ", "DET") and an.org_at(b - 1) is None and j - b <= 4:
        b -= 1   # back to the start of the noun phrase the attribute belongs to
    sent = an.sentences[an.sent_of[start]]
    before = b - 1 >= sent.start and toks[b - 1].text == "," and b - 2 >= 0 and an.org_at(b - 2) is not None
    after = end + 1 < sent.end and toks[end].text == "," and any(
        an.org_at(x) is not None for x in range(end + 1, min(sent.end, end + 3)))
    return before or after


# how many words back from the comma the presence preposition of the group may stand ("in the
# presence of senior officials from both countries, including X")
INCLUDED_GROUP_REACH = 10


def _included_in_presence(an, start: int) -> bool:
    """A person named after a comma and an inclusion word (lex:InclusionWord: "including",
    "darunter") belongs to the group before the comma; when a presence preposition opens that
    group ("attended by several officials, including X", "in Anwesenheit zahlreicher Gäste,
    darunter X"), the person was present."""
    toks = an.tokens
    for words in an.gaz.word_lists.get("InclusionWord", ()):
        c = start - len(words) - 1
        if c < 1 or toks[c].text != "," or tuple(t.fold for t in toks[c + 1:start]) != words:
            continue
        for i in range(c - 1, max(-1, c - 1 - INCLUDED_GROUP_REACH), -1):
            if "WitnessPreposition" in an.cats(i):
                return True
            if toks[i].pos in ("VERB", "AUX", "PUNCT") or i in an.person_at:
                return False
        return False
    return False


def _before_side_correlative(an, k: int) -> int:
    """The token before a side correlative that ends at token ``k`` ("auf der einen (Seite)", "on
    the one hand", "einerseits"; lexicon SideCorrelative), or ``k`` itself when none ends there."""
    toks = an.tokens
    for words in an.gaz.word_lists.get("SideCorrelative", ()):
        n = len(words)
        if k - n + 1 >= 0 and tuple(t.fold for t in toks[k - n + 1:k + 1]) == words:
            return k - n
    return k


EVENT_LINKS = {"des", "der", "eines", "einer", "of", "with", "mit", "von", "by", "between", "zwischen", "among"}


def _in_event_phrase(an, k: int) -> bool:
    """A phrase inside the complement of a meeting or visit noun ("Treffen des X mit Y", "after
    a meeting with X"): back from ``k`` to that noun, with no verb or comma between."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 10 and an.syntax.same_clause(j, k):
        if "EventNoun" in an.cats(j):
            # the person is in its complement ("Treffen des …", "meeting with …"), not right after it
            # (an English meeting is not "by" anyone: "signed at the meeting by X" names the signer)
            return j + 1 < k and toks[j + 1].fold in EVENT_LINKS and not meeting_by(an, j, j + 1)
        if j in an.person_at and k > 0 and toks[k - 1].fold in BY:
            return False   # "während des Besuchs von X in Berlin von Minister Y unterzeichnet": the event has its person
        if toks[j].pos in ("VERB", "AUX") or toks[j].text in (",", ";", ":", "(", ")"):
            return False
        j -= 1
    return False


def _last_other(an, act: ActorMention, own: set[str]) -> str | None:
    """The actor a singular group reference names last that is none of ``own`` (the clause's own
    sides): "A, B und C vereinbarten eine Partnerschaft mit dem Land" is the country before A."""
    for n in range(1 + len(own), 0, -1):   # fewer named before than asked: the ones there are
        rest = [i for i in last_actors(an, act, n) if i not in own]
        if rest:
            return rest[-1]
    return None


def _own_sides(an, args: Args) -> set[str]:
    """The actors a predicate's subject stands for: its actor agents and the sides or employers of
    its signing persons ("eine Partnerschaft, die die Ministerin mit dem Emirat geschlossen hat":
    the emirate is not the minister's own country)."""
    own = {x.iri for x in args.agents if x.iri}
    for pm in args.signers:
        info = an.person_info(pm.iri) if pm.iri else None
        if info is not None:
            own |= {i for i in (info.side, info.affiliation) if i}
    return own


def _listable(an, x: ActorMention, act: ActorMention) -> bool:
    """Whether an actor named before a group noun can be one of those it stands for: an acting
    actor of the group's kind (as last_actors reads them)."""
    if not x.iri or x.kind == "group" or x.start >= act.start:
        return False
    if not _acting_actor(an, x, act):
        return False
    return not act.group_kind or x.kind == act.group_kind


def _acting_actor(an, x: ActorMention, act: ActorMention | None = None) -> bool:
    """Whether an actor named before a group noun acts (not a place): a core, with-, between-,
    for-, agreement or by-actor, whom a person works for ("officials of Austria"), a company named
    as the owner of a thing ("uses Zentrox's know-how … the two companies"), and a company named
    as a member after a member preposition (lex:MemberPreposition: "ein Konsortium aus A und B …
    die Konsortialpartner", "a consortium made up of A and B … the consortium partners"), which the
    syntax reads as a place or another prepositional phrase. A counted group noun of companies
    (``act``: "the two companies", "die beiden Konzerne") also counts a company after any preposition: the
    one supplied or bought from, the one a stake is in ("X will supply LNG to Y … The two companies
    signed", "X übernimmt zehn Prozent an Y. Die beiden Unternehmen …"; in its own sentence or the one
    before: one named further back after a preposition is mostly a bystander, a regulator or a
    lender); a company is no place; nor does a company its owners found, sell or buy (owned_object:
    "A und B trennen sich von ihrer Tochter X … die drei Unternehmen": not X)."""
    if owned_object(an, x):
        return False
    if x.function in ("core", "with", "between", "for", "agr", "by", "affil"):
        return True
    if x.function == "mod" and (x.form == "part" and not _seat_descriptor(an, x) or x.kind == "org"):
        return True
    return x.function in ("loc", "pp") and x.kind == "org" and (
        act is not None and act.group_kind == "org" and act.number >= 2 and act.sent - x.sent <= 1
        or fold(x.prep or "") in an.gaz.words("MemberPreposition"))


def _seat_descriptor(an, x: ActorMention) -> bool:
    """A country or region as the first part of a descriptor of a company ("the Australian-listed
    Oil Search", "a Maryland-based developer", "US-backed"; lex:DescriptorWord after the hyphen):
    where the company is based, listed or owned, not an actor. "-led" names who leads, an actor
    ("a US-led group")."""
    text = an.tokens[x.start].text
    if "-" not in text:
        return False
    last = fold(text.rsplit("-", 1)[1])
    return last != "led" and last in an.gaz.words("DescriptorWord")


# how many sentences back a group noun looks for the actors it names as a list
_LIST_REACH = 3


def coordinated_actors(an, act: ActorMention, number: int) -> list[str]:
    """The latest list of exactly ``number`` actors of the group's kind named together before a
    group noun, within a few sentences ("Norway and Germany …; Russia had cut …; the two
    countries": Norway and Germany, not the last two named). A list is a chain of actors joined
    by coordinators (lex:ChainCoordinator), commas and articles; all its members must fit, and
    it must not go on to the left with a word that is no actor ("X, Madrid und Lissabon")."""
    if number < 2:
        return []
    toks = an.tokens
    joins = an.gaz.words("ChainCoordinator")
    joined = lambda i, j: any(toks[k].fold in joins for k in range(i, j)) \
        and all(toks[k].fold in joins or toks[k].text in (",", "&") or toks[k].pos == "DET" for k in range(i, j))
    for s in range(act.sent, max(-1, act.sent - _LIST_REACH - 1), -1):
        acts = sorted((x for x in an.actors_by_sent.get(s, []) if x.start < act.start and x.kind != "group"),
                      key=lambda x: x.start)
        chains: list[list[ActorMention]] = []
        for x in acts:
            if chains and chains[-1][-1].end <= x.start and joined(chains[-1][-1].end, x.start):
                chains[-1].append(x)
            elif not chains or chains[-1][-1].end <= x.start:
                chains.append([x])
        for chain in reversed(chains):
            iris = list(dict.fromkeys(x.iri for x in chain if x.iri))
            first = chain[0].start
            if len(chain) >= 2 and len(iris) == number and all(_listable(an, x, act) for x in chain) \
                    and not (first > 0 and (toks[first - 1].text in (",", "&") or toks[first - 1].fold in joins)):
                return iris
    return []


def group_actors(an, act: ActorMention, number: int) -> list[str]:
    """The actors a group noun of ``number`` stands for, read from the text before it: a list of
    that many named together (coordinated_actors), else the last ones named (last_actors)."""
    return coordinated_actors(an, act, number) or last_actors(an, act, number)


def last_actors(an, act: ActorMention, number: int) -> list[str]:
    """The last ``number`` distinct actors of the group's kind named before it (acting, not
    places); with no number, those of the closest earlier sentence that names two or more."""
    picked: list[str] = []
    for s in range(act.sent, -1, -1):
        found = []
        for x in reversed(an.actors_by_sent.get(s, [])):
            if x.start >= act.start or not x.iri or x.kind == "group":
                continue
            if not _acting_actor(an, x, act):
                continue
            if act.group_kind and x.kind != act.group_kind:
                continue
            found.append(x.iri)
        if number:
            for iri in found:
                if iri not in picked:
                    picked.append(iri)
                if len(picked) >= number:
                    return picked[::-1]
        elif len(set(found)) >= 2:
            return list(dict.fromkeys(found[::-1]))
    return picked[::-1] if len(picked) >= min(2, number or 2) else []


def _award_recipient(an, p: Predicate, a: ActorMention) -> bool:
    """The organization a verb of awarding (lex:AwardVerb) gives its contract or loan to: after
    "to"/"an" ("awarded the contract to Siemens", "vergab den Auftrag an Siemens") or, in English,
    as the first object right after the verb ("awarded Siemens a contract"); the one a verb of
    receiving (lex:ReceiveVerb) gets it from ("won a contract from X", "erhielt den Auftrag von X")
    (lex:RecipientPreposition, lex:SourcePreposition). A loan (lex:LoanWord in the clause) also
    goes to a state or region ("extended a loan to Kenya", "gewährte Kenia ein Darlehen")."""
    if not a.iri or an.kind_of(a.iri) != "org" and not (an.kind_of(a.iri) in ("country", "region") and any(
            "LoanWord" in an.cats(j) for j in p.tokens)):
        return False
    if "ReceiveVerb" in an.cats(p.head):
        return fold(a.prep or "") in an.gaz.words("SourcePreposition")   # "won a contract from Kappa Power", "erhielt den Auftrag von X"
    if "AwardVerb" not in an.cats(p.head):
        return False
    if fold(a.prep or "") in an.gaz.words("RecipientPreposition"):
        return True
    return an.lang == "en" and a.start > p.head and all(an.tokens[j].pos == "DET" for j in range(p.head + 1, a.start))


def _trade_partner(an, p: Predicate, a: ActorMention) -> bool:
    """A company after "from" with a word of buying before it in the predicate's clause ("agreed
    to buy the entire output of two wind farms from Kappa Wind", "einen Vertrag über den Bezug von
    Flüssiggas von der Nordwind GmbH"), or after "to" with a word of selling ("signed a deal to
    supply LNG to Nordwind"): the other side of the sale (the words are the SupplyWord list;
    buying ones, lex:BuyingWord, take "from"/"von", selling ones "to"/"an")."""
    toks = an.tokens
    prep = fold(a.prep or "")
    source = an.gaz.words("SourcePreposition")
    if prep not in source and prep not in an.gaz.words("RecipientPreposition"):
        return False
    if a.start >= 1 and _kin_noun(an, a.start - 1):
        return False   # "den Kauf von deren Tochter X", "the purchase of its unit X": what is bought, no seller
    acquire = an.gaz.words("AcquisitionWord")   # "agreed to acquire the developer from X": a purchase too
    words = an.gaz.words("SupplyWord") | acquire
    buy = an.gaz.words("BuyingWord") | acquire
    for j in range(max(0, a.start - 25), a.start) if an.lang == "en" else range(max(0, a.start - 25), min(len(toks), a.start + 15)):
        if j not in p.tokens or toks[j].pos not in ("VERB", "NOUN"):
            continue
        lemma = fold(toks[j].lemma or "")
        if lemma not in words:
            continue
        if (lemma in buy) == (prep in source):
            return True
    return False


def sale_recipient(an, a: ActorMention) -> bool:
    """A company after "an"/"to" (lex:RecipientPreposition) in a clause whose verb sells
    (lex:SupplyWord, not lex:BuyingWord), not the company a holding is in ("Anteil an X"): the
    buyer ("Eon und RWE verkaufen ihr Gemeinschaftsunternehmen X an den Konzern Y", "A and B are
    selling their venture X to Y"), a side of the sale as much as the sellers."""
    toks = an.tokens
    if not a.iri or a.kind == "group" or an.kind_of(a.iri) != "org" \
            or fold(a.prep or "") not in an.gaz.words("RecipientPreposition"):
        return False
    j = a.start - 1
    while j > 0 and toks[j].pos in ("DET", "ADJ", "NOUN") and not _holding_noun(an, j):
        j -= 1   # over a description to the preposition: "an den japanischen Technologiekonzern X"
    if _holding_noun(an, j) or j > 0 and _holding_noun(an, j - 1):
        return False
    selling = an.gaz.words("SupplyWord") - an.gaz.words("BuyingWord")
    return any(toks[k].pos == "VERB" and fold(toks[k].lemma or "") in selling for k in an.syntax.clause(a.start).tokens)


def _agreed_counterpart(an, p: Predicate, a: ActorMention) -> bool:
    """The other side named in the to-infinitive of an English verb of agreeing: a company right
    after "to pay" (lex:PayVerb: "agreed to pay Equinor 1.1 billion dollars for its stake", paid for
    what it sells), or after "to invest in" (lex:InvestVerb, lex:InvestmentPreposition: "agreed to
    invest in X", the company that takes the money) when no with-phrase names the partner."""
    toks = an.tokens
    if an.lang != "en" or p.kind != "conclude" or p.noun or not a.iri or an.kind_of(a.iri) != "org" \
            or "AgreeVerb" not in an.cats(p.head) or a.start <= p.head:
        return False
    j = a.start - 1
    while j > p.head and a.start - j <= 4 and toks[j].pos in ("DET", "ADJ", "NOUN"):
        j -= 1   # over a description: "to pay the Dutch utility X"
    if not a.prep:
        return _pay_verb(an, j) and toks[j - 1].fold == "to"
    return fold(a.prep) in an.gaz.words("InvestmentPreposition") and toks[j].fold == fold(a.prep) \
        and _verb_of(an, j - 1, "InvestVerb") and toks[j - 2].fold == "to" and not _partner_named(an, p)


def _partner_named(an, p: Predicate) -> bool:
    """The clause of the verb of agreeing names its partner in a with- or between-phrase ("agreed
    with X to invest in Y", "einigte sich mit X darauf, in Y zu investieren"): the company supplied
    or invested in is then what the two agree on, not a side."""
    return any(x.iri and x.function in ("with", "between") and an.syntax.clause_of[x.start] == p.clause
               for x in an.actors_by_sent.get(p.sent, []))


def _pay_verb(an, k: int) -> bool:
    """A verb of paying at ``k`` (lex:PayVerb): the company it pays is the one that sells."""
    return an.tokens[k].pos == "VERB" and fold(an.tokens[k].lemma or "") in an.gaz.words("PayVerb")


def _verb_of(an, k: int, category: str) -> bool:
    """Token k is a verb whose lemma is in the lexicon word list ``category`` (lex:ProvideVerb, lex:InvestVerb)."""
    return an.tokens[k].pos == "VERB" and fold(an.tokens[k].lemma or "") in an.gaz.words(category)


def _payment_fors(an, tokens) -> list[int]:
    """The "for"/"für" words among ``tokens``: after a verb of paying (``_pay_verb``, which the
    callers test) what a payment is for follows them ("paid $2 billion for X's stake", "agreed to
    pay … for the stake held by X", "zahlte … für den Anteil"), and paying for a stake buys it.
    The rules that read such a purchase share this test and add their own (the stake word, the order)."""
    return [i for i in tokens if an.tokens[i].fold in ("for", "fur")]


def _infinitive_partner(an, p: Predicate, a: ActorMention) -> bool:
    """The buyer or seller in an infinitive clause that hangs from a verb of agreeing or signing
    ("einigte sich darauf, ihren Anteil an X zu verkaufen", "unterzeichnete am Montag, Gas an X zu
    liefern", "agreed on Monday, after long talks, to buy the plant from X"): after "an"/"to" with a
    verb of selling in that clause, or "von"/"from" with one of buying (lex:SupplyWord,
    lex:BuyingWord), not the company whose holding is sold ("Anteil an X")."""
    if p.kind not in ("sign", "conclude") or p.noun or not a.iri or a.kind == "group" \
            or an.kind_of(a.iri) not in ("org", "country", "region"):
        return False
    syn = an.syntax
    clause = syn.clauses[syn.clause_of[a.start]]
    if clause.kind != "inf" or clause.parent != p.clause:
        return False
    prep = fold(a.prep or "")
    toks = an.tokens
    if not prep and an.kind_of(a.iri) == "org":
        # "agreed to pay Equinor 1.1 billion dollars for …", "sich verpflichtet, Equinor … für … zu
        # zahlen": the one paid, with no preposition, sells (lex:PayVerb); English: right after the verb
        # "vereinbarte, X mit Gas zu beliefern": the one supplied (lex:ProvideVerb), the object with
        # no preposition, buys (English reads the object of "agreed to supply X with …" as an agent)
        if an.lang == "en":
            j = a.start - 1
            while j > clause.start and toks[j].pos == "DET":
                j -= 1
            return _pay_verb(an, j)
        first = not any(toks[k].pos in ("NOUN", "PROPN") and k not in range(a.start, a.end) for k in clause.tokens if k < a.start)
        after = [k for k in clause.tokens if k > a.end]
        return first and (any(_pay_verb(an, k) for k in after) and any(toks[k].fold == fold("für") for k in after)
                          or any(_verb_of(an, k, "ProvideVerb") for k in after) and not _partner_named(an, p))
    if prep in an.gaz.words("InvestmentPreposition") and an.kind_of(a.iri) == "org" and not _partner_named(an, p) \
            and any(_verb_of(an, k, "InvestVerb") for k in clause.tokens if k < a.start or an.lang == "de"):
        return True   # "agreed to invest in X", "sich darauf geeinigt, in X zu investieren": the company invested in
    source = an.gaz.words("SourcePreposition")
    if prep not in source and prep not in an.gaz.words("RecipientPreposition"):
        return False
    j = a.start - 1
    while j > 0 and toks[j].pos in ("DET", "ADJ"):
        j -= 1
    if j > 0 and _holding_noun(an, j - 1):
        return False
    words = an.gaz.words("SupplyWord")
    buy = an.gaz.words("BuyingWord")
    return any(toks[k].pos == "VERB" and fold(toks[k].lemma or "") in words
               and (fold(toks[k].lemma or "") in buy) == (prep in source) for k in clause.tokens)


def _apposed_to_name(an, a: ActorMention) -> bool:
    """A group noun of one actor in apposition to a name right before it, closed by a comma or
    a relative clause ("X, the state-owned company that develops the project, signed …", "die X
    GmbH, das staatliche Unternehmen, …"): it describes that name, which acts already; it stands
    for no other actor of the text. Not an item of a list ("Die Bundesregierung, der Düsseldorfer
    Konzern und sein Mehrheitseigner X unterzeichneten": the group noun is a signer of its own)."""
    toks = an.tokens
    if a.number != 1 or a.start < 2 or toks[a.start - 1].text != "," or a.end >= len(toks):
        return False
    syn = an.syntax
    relative = syn.clause(a.end).kind == "rel" and syn.clause_of[a.end] != syn.clause_of[a.start]
    if toks[a.end].text != "," and not relative:
        return False   # "A, der Konzern und B": a list
    return any(x.iri and x.kind != "group" and x.end == a.start - 1 and x.function == "core"
               for x in an.actors_by_sent.get(a.sent, []))


def _bought_object(an, a: ActorMention) -> bool:
    """An English group noun of one company right after a verb of taking over (lex:AcquisitionWord,
    over articles and adjectives: "to buy the company", "will acquire the Texas-based firm"): the
    company bought, which the text named before; it is neither the buyer nor a side of its own."""
    if an.lang != "en" or a.number != 1 or a.group_kind != "org":
        return False
    return _acquiring_verb(an, _before_description(an, a.start))


def owned_noun(an, k: int) -> bool:
    """Whether token k ends a noun of a company others own: a venture noun (lex:VentureNoun:
    "venture", "project company", "Gemeinschaftsunternehmen"), or a subsidiary noun
    (lex:SubsidiaryNoun: "subsidiary", "unit", "Tochter"; in German also a compound ending in
    lex:SubsidiaryCompoundEnd: "Gastochter", "Raffinerietochter"); by its form or its lemma."""
    toks = an.tokens
    f, lemma = toks[k].fold, fold(toks[k].lemma or "")
    subsidiary = an.gaz.words("SubsidiaryNoun")
    if f in subsidiary or lemma in subsidiary:
        return True
    if an.lang == "de" and any(f.endswith(end) for end in an.gaz.words("SubsidiaryCompoundEnd")):
        return True
    return any(len(w) == 1 and lemma == w[0] or len(w) <= k + 1 and tuple(t.fold for t in toks[k + 1 - len(w):k + 1]) == w
               for w in an.gaz.word_lists.get("VentureNoun", ()))


def owned_object(an, a: ActorMention) -> bool:
    """A name right after a noun of a company owned by others (lex:SubsidiaryNoun, lex:VentureNoun,
    also as a German compound's last part: "das Gemeinschaftsunternehmen X", "ihre Gastochter X",
    "their grid subsidiary X"), as a core name or in a prepositional phrase, in a clause that names
    another core actor before that noun phrase, not joined to it by a coordinator or a comma ("Eon
    und RWE verkaufen ihr Gemeinschaftsunternehmen X an Y", "A und B hatten das
    Gemeinschaftsunternehmen X gegründet", "A and B are selling their subsidiary X"): what its
    owners found, sell or buy, not a side; not one a finite verb follows ("X said its unit Y had
    signed"). (A German core name so is no agent; English reads its objects after the verb.)"""
    if a.function not in ("core", "pp", "loc", "mod", "by") or a.kind == "group" or a.start < 2:
        return False
    toks = an.tokens
    k = a.start - 1
    if toks[k].pos not in ("NOUN", "ADJ") or an.entity_at(k) is not None:
        return False
    if not owned_noun(an, k):
        return False
    j = k - 1
    while j >= 0 and k - j <= 7 and an.entity_at(j) is None and (toks[j].pos in ("DET", "ADJ", "PRON") or j > 0 and (
            toks[j].pos == "CCONJ" and toks[j - 1].text.endswith("-") or toks[j].text.endswith("-") and len(toks[j].text) > 1)):
        j -= 1   # (also over the first part of "Öl- und Gastochter")
    if j < 0 or toks[j].pos == "CCONJ" or toks[j].text in (",", "(", "–"):
        return False   # "A und das Gemeinschaftsunternehmen X unterzeichneten": X acts too
    if a.end < len(toks) and an.syntax.finite(a.end):
        return False   # "X said its unit Y had signed …": Y is the subject of a verb of its own
    clause = an.syntax.clause_of[a.start]
    return any(x.function == "core" and x.iri and x.end <= j + 1 and an.syntax.clause_of[x.start] == clause
               for x in an.actors_by_sent.get(a.sent, []))


def _before_description(an, start: int, over_names: bool = True) -> int:
    """The token before the at most four articles and adjectives that end right before ``start``
    ("to buy *the Texas-based* firm"); with ``over_names`` false, not over a word of a name."""
    toks = an.tokens
    j = start - 1
    while j >= 0 and start - j <= 4 and toks[j].pos in ("DET", "ADJ") and (over_names or an.entity_at(j) is None):
        j -= 1
    return j


def _acquiring_verb(an, j: int) -> bool:
    """An English verb of taking over at ``j`` after "to" or a modal ("to acquire", "will buy";
    lex:AcquisitionWord)."""
    toks = an.tokens
    return j >= 1 and toks[j].pos == "VERB" and fold(toks[j].lemma or toks[j].text) in an.gaz.words("AcquisitionWord") \
        and (toks[j - 1].fold == "to" or toks[j - 1].tag == "MD")


def _acquired_company(an, p: Predicate, a: ActorMention) -> bool:
    """The company an agreement's clause takes over as a whole ("signed an agreement to acquire
    Kappa Lithium", "a merger agreement to buy X", "the acquisition of X", "einen Vertrag zur
    Übernahme der Kappa AG", "vereinbarte, die Kappa AG zu übernehmen", "ein Kaufvertrag über die
    Kappa AG"): with no seller named it is the other side of the purchase (lex:AcquisitionWord right
    before it, over articles and adjectives; in German also "zu" + such a verb right after it).
    Not when a company is named as the seller (after "from"/"von", lex:SourcePreposition), nor
    for what a holding noun or a kin noun takes ("a stake in X", "its unit X": _seller_of_holding)."""
    if p.kind not in ("sign", "conclude") or not a.iri or a.kind == "group" or an.kind_of(a.iri) != "org":
        return False
    syn, toks = an.syntax, an.tokens
    clause = syn.clauses[syn.clause_of[a.start]]   # the company's clause (looked up once, read twice)
    if a.start not in p.tokens:
        if clause.parent != p.clause or clause.kind != "inf" and an.lang == "en":
            return False   # (German "…, die Kappa AG zu übernehmen" can parse as a relative clause)
    acquire = an.gaz.words("AcquisitionWord")
    lemma = lambda k: fold(toks[k].lemma or toks[k].text)
    j = _before_description(an, a.start, over_names=False)
    if j < 1:
        return False
    taken = False
    if an.lang == "en":
        if _acquiring_verb(an, j):
            taken = True   # "to acquire X", "will buy X"
        elif toks[j].fold == "of" and toks[j - 1].pos == "NOUN" and lemma(j - 1) in acquire:
            taken = True   # "the acquisition of X", "its purchase of X"
    else:
        if toks[j].fold in ("von", "uber"):
            j -= 1         # "die Übernahme von X", "ein Kaufvertrag über X"
        if _acquiring_noun(an, j):
            taken = True   # "Übernahme", "Erwerb", "Kaufvertrag"
        e = next((k for k in range(a.end, min(len(toks) - 1, a.end + 8)) if toks[k].fold == "zu"
                  or an.org_at(k) is not None or k not in clause.tokens), None)
        if not taken and e is not None and toks[e].fold == "zu" and lemma(e + 1) in acquire:
            taken = True   # "die Kappa AG (für 800 Millionen Euro) zu übernehmen"
    if not taken:
        return False
    if _kin_noun(an, a.start - 1) or _holding_noun(an, a.start - 1):
        return False
    source = an.gaz.words("SourcePreposition")
    sent = an.actors_by_sent.get(p.sent, [])
    agent = lambda x: x.function == "by" and p.voice == "passive" and not p.noun   # "von X unterzeichnet": who signs
    return not any(x is not a and x.iri and fold(x.prep or "") in source and not agent(x)
                   and an.kind_of(x.iri) in ("org", "country", "region") for x in sent)


def _seller_of_holding(an, p: Predicate, a: ActorMention) -> bool:
    """A company named as the owner of a holding or unit that a word of acquiring in the
    agreement's clause takes over ("signed an agreement to acquire Kappa's Peruvian unit", "a deal
    to buy Kappa's stake", "der Vertrag, mit dem sie die Netzsparte der Kappa AG übernimmt",
    "einen Vertrag zur Übernahme des Anteils der Kappa AG"): the seller, the other side of the
    purchase (lex:AcquisitionWord, lex:HoldingNoun)."""
    toks = an.tokens
    k = a.head
    if a.function == "pp":
        if fold(a.prep or "") not in ("of", "von"):
            return False
        k = an.syntax.role(a.start, a.end).head
    if k is None or k not in p.tokens or not _holding_noun(an, k):
        return False
    acquire = an.gaz.words("AcquisitionWord")
    for j in sorted(p.tokens):
        if j >= min(k, a.start) and an.lang == "en":
            break
        if j == k or toks[j].pos not in ("VERB", "NOUN"):
            continue
        lemma = fold(toks[j].lemma or toks[j].text)
        if an.lang == "de" and _acquiring_noun(an, j):
            return True   # "Übernahme", "Kaufvertrag über den Anteil der Kappa AG"
        if lemma in acquire and (toks[j].pos == "NOUN" or an.lang == "de"
                                 or j > 0 and (toks[j - 1].fold == "to" or toks[j - 1].tag == "MD")):
            return True   # "an agreement to acquire", "will buy", "the acquisition of"; not "after buying"
    return False


def _presence_phrase_before(an, k: int) -> bool:
    """A presence preposition opens the phrase at token k ("in the presence of the two leaders",
    "im Beisein der beiden Regierungschefs"), over its determiners and numerals."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 3 and toks[j].pos in ("DET", "NUM", "ADJ") and "WitnessPreposition" not in an.cats(j):
        j -= 1
    return j >= 0 and "WitnessPreposition" in an.cats(j)


# how many sentences back a definite plural of persons without a numeral ("the leaders", "die
# Regierungschefs") gathers the persons of its role: the paragraph that introduced them
PERSON_GROUP_REACH = 3


def _person_group(an, grp: ActorMention, p: Predicate) -> list[Mention]:
    """"drei Kabinettsmitglieder … : A, B und C", "the two ministers" -> persons."""
    listed = [pm for pm in an.person_mentions if pm.start in p.tokens and pm.start in an.syntax.after_colon]
    if listed:
        return listed
    if grp.number:
        own = next((k for k in range(grp.start, grp.end) if "GroupNoun" in an.cats(k)), None)
        at = own if own is not None else grp.head   # the group's own noun ("Staatschefs"), not the one it modifies
        noun = _group_noun(an, at) if at is not None else ""
        earlier = [pm for pm in reversed(an.person_mentions) if pm.start < grp.start and _holds(an, pm, noun)
                   and not _onlooker_before(an, pm, grp)]
        picked: list[Mention] = []
        for pm in earlier:
            if pm.iri not in {x.iri for x in picked}:
                picked.append(pm)
            if len(picked) >= grp.number:
                return picked[::-1]
    elif grp.refers_to == "person":
        # "the leaders witnessed …", "die Regierungschefs waren zugegen": a definite plural without
        # a numeral names every person of that role in the last few sentences (at least two)
        own = next((k for k in range(grp.start, grp.end) if "GroupNoun" in an.cats(k)), None)
        if own is None:
            return []
        noun = _group_noun(an, own)
        picked = {}
        for pm in an.person_mentions:
            if grp.sent - PERSON_GROUP_REACH <= an.sent_of[pm.start] and pm.start < grp.start and _holds(an, pm, noun):
                picked.setdefault(pm.iri, pm)
        if len(picked) >= 2:
            return list(picked.values())
    return []


def _group_noun(an, k: int) -> str:
    """The lemma of the group noun at ``k``: the whole lexicon phrase that starts there ("the two
    heads of state" -> "head of state", a leader noun), else the word's own lemma."""
    m = an.lex_at.get(k)
    if m is None or m.start != k or m.end - m.start < 2:
        return an.tokens[k].lemma
    return " ".join(an.tokens[j].lemma for j in range(m.start, m.end))


def _onlooker_before(an, pm: Mention, grp: ActorMention) -> bool:
    """Whether a person named earlier in a group's own sentence is placed as an onlooker of what
    the group does: a presence word and a conjunction of the watched clause stand between them
    ("Premier X and her counterpart Y looked on as the two ministers signed", "X und Y sahen zu,
    als die beiden Minister unterzeichneten").
    The watchers are not the group they watch."""
    if an.sent_of[pm.start] != grp.sent:
        return False
    toks, opens = an.tokens, an.gaz.words("WatchedClauseSubordinator")
    cue = next((k for k in range(pm.end, grp.start) if "WitnessCue" in an.cats(k) or _presence_participle(an, k)), None)
    return cue is not None and any(toks[k].fold in opens for k in range(cue + 1, grp.start))


def _holds(an, pm: Mention, noun: str) -> bool:
    """Whether a person's role is what a group noun names: "the two ministers" are persons with a
    minister's title, "Vertreter beider Regierungen" are not the heads of government named before."""
    info = an.persons.get(pm.iri)
    if info is None or not info.role or not noun:
        return False
    if tuple(fold(noun).split()) in an.gaz.word_lists.get("LeaderNoun", ()) \
            and info.role_lex in an.gaz.lexicon \
            and an.gaz.lexicon[info.role_lex].leader:
        return True   # "the two leaders": a president and a prime minister
    if fold(noun) in an.gaz.words("AnyPersonNoun"):
        return True   # "the two officials", "die beiden Ressortchefs": whatever their titles
    if fold(noun) in an.gaz.words("PoliticianNoun") and info.role_lex in an.gaz.lexicon \
            and an.gaz.lexicon[info.role_lex].sector == "government":
        return True   # "die beiden Politiker": a minister and a president
    return noun[:6] in fold(info.role).replace(" ", "")


def presence_with_phrases(an) -> list[tuple[int, int]]:
    """The absolute with-phrases of presence ("with President X attending", "with X and Y looking
    on", "with X, Peru's envoy for energy, standing beside them"): (the "with", the presence
    word) per phrase; the persons and actors between are present, not signing."""
    cached = an.__dict__.get("_presence_with")
    if cached is not None:
        return cached
    toks = an.tokens
    out: list[tuple[int, int]] = []
    for sent in an.sentences:
        for k in range(sent.start, sent.end - 2):
            if toks[k].fold != "with":
                continue
            e = k + 1
            while e < sent.end and e - k < 30 and "WitnessCue" not in an.cats(e) and not _presence_participle(an, e):
                if toks[e].text in (",", ";", ".", ":"):
                    skip = _apposition_after(an, e, sent.end)
                    if skip is None:
                        break
                    e = skip   # "with X, Peru's envoy for energy, standing beside them"
                    continue
                e += 1
            if e >= sent.end or not _presence_participle(an, e) and (
                    "WitnessCue" not in an.cats(e) or toks[e].pos not in ("VERB", "ADJ", "ADV", "ADP")):
                continue
            out.append((k, e))
    an.__dict__["_presence_with"] = out
    return out


def presence_phrases(an) -> list[tuple[int, int]]:
    """The phrases that name who was present: the absolute with-phrases and the phrases a presence
    preposition opens ("im Beisein von A und von B, dem Minister Kanadas", "in the presence of
    Peru's President A"), over the persons, their titles, the actors they serve and appositions."""
    cached = an.__dict__.get("_presence_phrases")
    if cached is not None:
        return cached
    toks = an.tokens
    out = list(presence_with_phrases(an))
    for k, m in an.lex_at.items():
        if m.start != k or "WitnessPreposition" not in m.cats:
            continue
        end = an.sentences[an.sent_of[k]].end
        e = m.end
        while e < end:
            if toks[e].text == ",":
                skip = _apposition_after(an, e, end)
                if skip is None:
                    break
                e = skip
                continue
            if e in an.person_at or an.entity_at(e) is not None or an.org_at(e) is not None \
                    or "RoleTitle" in an.cats(e) or toks[e].pos in ("DET", "ADJ") \
                    or toks[e].fold in an.gaz.words("ListCoordinator") or toks[e].fold in ("von", "of", "'s", "’s"):
                e += 1
                continue
            break
        out.append((k, e))
    an.__dict__["_presence_phrases"] = out
    return out


def _in_presence_phrase(an, k: int) -> bool:
    phrases = _by_sent(an, "presence", presence_phrases(an), lambda se: an.sent_of[se[0]])
    return any(s < k < e for s, e in phrases.get(an.sent_of[k], []))


def _apposition_after(an, comma: int, end: int) -> int | None:
    """The token after an apposition that a comma at ``comma`` opens right after a person's name
    ("X, Peru's Minister of Mines, …", "Y, Botschafter Perus, …"): the apposition holds a role
    title and no verb and is closed by another comma. None when the comma opens no such apposition."""
    toks = an.tokens
    if toks[comma].text != "," or not _by_sent(an, "person_ends", an.person_mentions, lambda pm: pm.end).get(comma):
        return None
    role = False
    for j in range(comma + 1, min(end, comma + 16)):
        if toks[j].text == "," or toks[j].text == "." and j == end - 1:
            return j + 1 if role else None   # closed by a comma or by the end of the sentence
        if toks[j].text in (";", ".", ":") or toks[j].pos in ("VERB", "AUX") or j in an.person_at:
            return None
        role = role or "RoleTitle" in an.cats(j)
    return None


WITH_PREPS = {"with", "mit", "together with", "gemeinsam mit", "zusammen mit", "along with", "alongside"}


def _compound_of(word: str, words: frozenset[str]) -> bool:
    """A German compound whose last part is one of the words ("Wasserstoffprojekt")."""
    return any(len(w) >= 6 and word.endswith(w) and len(word) > len(w) for w in words)


def consortium_members(an) -> list[tuple[list[str], int]]:
    """Organisations a text names as the members of a consortium, which cooperate: "a consortium
    of A and France's B", "ein Konsortium aus A und dem Baukonzern B". The members are the
    organisations of the list right after a consortium noun and a member preposition (word lists
    ``ConsortiumNoun``, ``MemberPreposition``); the list ends at a verb, at a punctuation mark not
    followed by a further name, and at the end of the sentence. Returns (organisation IRIs,
    sentence) for two or more members."""
    return [(members, s) for members, s, _ in _consortia(an)]


def _consortium_parties(an, p: Predicate, args: Args) -> None:
    """The members of a consortium that signs: a consortium noun in the predicate's clause as its
    with- or between-phrase ("signed an agreement with a consortium comprising A, B and C", "mit
    einem Konsortium aus A, B und C") makes the members partners, as its subject ("a consortium
    made up of A, B and C signed") agents. The syntax reads the members as objects or places."""
    have = {x.iri for x in args.agents + args.partners if x.iri}
    acts = {a.iri: a for a in an.actors_by_sent.get(p.sent, []) if a.iri and a.start in p.tokens}
    for members, s, k in _consortia(an):
        if s != p.sent or k not in p.tokens or not all(i in acts for i in members):
            continue
        role = an.syntax.role(k, k + 1)
        if role.kind == "pp" and fold(role.prep or "") in WITH | BETWEEN:
            into = args.partners
        elif role.kind == "core" and k < p.head and not p.noun and p.voice == "active":
            into = args.agents
        else:
            continue
        into += [acts[i] for i in members if i not in have]


def _consortia(an) -> list[tuple[list[str], int, int]]:
    """consortium_members with the token of each consortium noun."""
    cached = an.__dict__.get("_consortia")
    if cached is not None:
        return cached
    toks = an.tokens
    nouns = an.gaz.words("ConsortiumNoun")
    preps = sorted(an.gaz.word_lists.get("MemberPreposition", ()), key=len, reverse=True)
    out: list[tuple[list[str], int, int]] = []
    for s, acts in an.actors_by_sent.items():
        orgs = [a for a in acts if a.iri and a.kind == "org"]
        if len(orgs) < 2:
            continue
        sent = an.sentences[s]
        for k in range(sent.start, sent.end - 1):
            if toks[k].pos not in ("NOUN", "PROPN") or toks[k].fold not in nouns:
                continue
            j = k + 1
            if toks[j].text == "," and j + 1 < sent.end and toks[j + 1].pos != "ADP":
                j += 1   # "ein Konsortium, bestehend aus A und B", "a consortium, comprising A and B" (not ", of which")
            prep = next((w for w in preps if tuple(t.fold for t in toks[j:j + len(w)]) == w), None)
            if prep is None:
                continue
            j += len(prep)
            starts = {a.start: a for a in acts if a.iri}
            members: list[str] = []
            while j < sent.end:
                t = toks[j]
                if j in starts:
                    a = starts[j]
                    if a.kind == "org" and a.iri not in members:
                        members.append(a.iri)
                    j = a.end
                    continue
                if t.pos in ("VERB", "AUX") or t.pos == "PUNCT" and not (t.text == "," and (
                        j + 1 in starts or j + 2 in starts and toks[j + 1].fold in DEFINITE_ARTICLES)):   # ", der Zentrox AG" (tagged a pronoun too)
                    break
                j += 1
            if len(members) >= 2:
                out.append((members, s, k))
    an.__dict__["_consortia"] = out
    return out
