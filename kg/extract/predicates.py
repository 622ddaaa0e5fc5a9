"""Predicates: the words that say something was signed, concluded, attended or cooperated on,
with their mode (asserted, planned, negated), voice and arguments.

A predicate is found by lemma, in any word order and tense:

``sign``       a signing verb ("unterzeichnen", "sign", "ink"), or a signature noun with a
               support verb ("ihre Unterschrift unter … setzen", "put their names to")
``conclude``   a concluding verb ("schließen", "vereinbaren", "conclude", "reach"; or one that
               concludes anew, "renew", "verlängern", unless an agreement word is its subject) that has an
               agreement or document word in its clause ("concluded deals", not "concluded talks"),
               or a verb that makes one public with a new agreement word as its object ("announced
               a partnership", not "announced the deal")
``signing``    a signing noun ("the signing ceremony", "die Unterzeichnung"): the event
``witness``    a presence predicate ("attended", "war zugegen", "unter den Gästen"), or a verb that
               is one only with a signing noun after it ("joined the signing ceremony")
``cooperate``  a cooperation word ("kooperieren", "Zusammenarbeit mit", "work together")
``participate`` taking part ("wirken … mit", "take part"): a cooperation of those named beside each other
``report``     a verb of saying ("mitteilen", "announce", "according to")

Its **mode** is *planned* when a modal verb, a plan word ("plant", "intends", "is to") or an
infinitive governs it in its clause ("wollen … abschließen", "are to sign", "to be signed"),
*negated* with a negation, else *asserted*; a clause opened by a condition ("if", "falls",
"whether") is *planned* too. A **passive** ("wurde … unterzeichnet", "were
signed by") takes its agents from a by/von phrase. A participle right after a noun ("the
agreement signed in Lima with Kappa Power") is **attributive**: a reference to that agreement with
arguments of its own, up to the next finite verb.

Arguments come from the clause only (:mod:`kg.extract.syntax`): *agent* (subject; for German,
any core name of the clause), *object*, *with* and *between* partners, *for* (the side a
signer acts for), *by* (passive agent). A slot without a word in the clause stays empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.actors import AS_WORDS, BETWEEN
from kg.extract.tokens import fold

KINDS = {"SigningVerb": "sign", "ConcludingVerb": "conclude", "LaunchVerb": "conclude", "RenewVerb": "conclude", "ResultVerb": "conclude",
         "SigningNoun": "signing", "WitnessCue": "witness",
         "CooperationCue": "cooperate", "JointActionVerb": "cooperate", "ParticipationCue": "participate",
         "ReportingVerb": "report"}
# the tags of a modal verb ("will", "soll"; English CLAWS, German STTS): what it governs is planned
MODAL_TAGS = frozenset({"VM0", "VM(FIN)"})
# the categories of a word that can make a predicate (see find_predicates)
PREDICATE_CATS = frozenset(KINDS) | {"SupportVerb", "SignatureNoun", "SigningPresenceVerb", "PresenceCopula", "ExchangeNoun",
                                     "SpeechNoun"}


@dataclass
class Predicate:
    kind: str                       # sign, conclude, signing, witness, cooperate, report
    head: int                       # the verb (or noun) token
    sent: int
    clause: int
    mode: str = "asserted"          # asserted, planned, negated
    voice: str = "active"
    attributive: bool = False
    noun: bool = False
    tokens: set[int] = field(default_factory=set)   # where its arguments are (the clause, or less)

    @property
    def asserted(self) -> bool:
        return self.mode == "asserted"


def find_predicates(an) -> list[Predicate]:
    out: list[Predicate] = []
    toks = an.tokens
    syn = an.syntax
    for k in sorted(an.lex_at):
        lexm = an.lex_at[k]
        if lexm.start != k or lexm.cats.isdisjoint(PREDICATE_CATS):
            continue    # (the cheap tests first: no other word makes a predicate)
        # a phrase's verb is its head: "ins Leben gerufen", "set up"
        k = next((j for j in range(lexm.start, lexm.end) if toks[j].pos in ("VERB", "AUX")), k)
        tok = toks[k]
        cats = lexm.cats
        clause = syn.clause_of[k]
        if an.org_at(k) is not None or k in an.person_at:
            continue   # "Copenhagen Infrastructure Partners": a word inside a name
        made = None
        if "SupportVerb" in cats and tok.pos in ("VERB", "AUX"):
            if any("SignatureNoun" in an.cats(j) for j in syn.clauses[clause].tokens if j != k):
                made = Predicate("sign", k, an.sent_of[k], clause)
        if made is None and "SignatureNoun" in cats and _signatures_of(an, k):
            made = Predicate("sign", k, an.sent_of[k], clause, noun=True)   # "the signatures are those of X and Y"
        if made is None and "SigningPresenceVerb" in cats and tok.pos in ("VERB", "AUX") \
                and any("SigningNoun" in an.cats(j) or _signing_event(an, j) for j in syn.clauses[clause].tokens if j > k):
            # "X also joined the signing", "X took part in the meeting" (the one told before, where it was signed)
            made = Predicate("witness", k, an.sent_of[k], clause)
        if made is None and "ExchangeNoun" in cats and tok.pos == "NOUN" and _exchanged_papers(an, k):
            made = Predicate("signing", k, an.sent_of[k], clause, noun=True)   # "witnessed the exchange of the MoUs"
        if made is None and "PresenceCopula" in cats and tok.pos in ("VERB", "AUX") and _at_signing(an, k, clause):
            made = Predicate("witness", k, an.sent_of[k], clause)   # "X was also at the ceremony"
        if made is None and "SpeechNoun" in cats and tok.pos == "NOUN" and _presence_at_signing_noun(an, k, clause):
            made = Predicate("witness", k, an.sent_of[k], clause, noun=True)   # "X gave a speech at the ceremony"
        for cat, kind in KINDS.items():
            if made is not None or cat not in cats:
                continue
            verb = tok.pos in ("VERB", "AUX")
            if kind == "conclude" and (not verb or tok.tag in ("VVG",) and not (k > 0 and toks[k - 1].fold in ("after", "upon"))):
                continue   # "making the deal possible" is not a conclusion ("after agreeing to buy X" is: it happened)
            if kind == "sign" and not verb:
                continue
            adverb = kind == "cooperate" and tok.pos in ("ADV", "ADJ")   # "wollen gemeinsam forschen"
            made = Predicate(kind, k, an.sent_of[k], clause, noun=not verb and not adverb)
        if made is None and "SignatureNoun" in cats and _signatures_of(an, k):
            made = Predicate("sign", k, an.sent_of[k], clause, noun=True)   # "the signatures are those of X and Y"
        if made is None:
            continue
        if made.kind == "witness" and "WitnessCue" in cats and _other_gathering(an, k, clause):
            continue   # "X attended a business forum", "nahm an einem Empfang teil": present elsewhere
        made.tokens = set(syn.clauses[clause].tokens)
        if not made.noun:
            made.mode = _mode(an, made)
            made.voice = _voice(an, made)
            _attributive(an, made)
        elif made.kind == "witness" and _mode(an, made) == "negated":
            made.mode = "negated"   # a presence word that is no verb: "X war nicht anwesend", "was not present"
        elif made.kind == "signing" and _opens_clause(an, k, clause):
            made.mode = _subject_signing_mode(an, made)
        elif made.kind == "signing" and _planned_object(an, k):
            made.mode = "planned"
        if made.kind in ("witness", "sign") and made.mode != "negated" and not made.noun:
            # (a signing too: "had flown to Washington to sign it", "war nach Peking gereist, um es zu unterzeichnen")
            lead = _attendance_lead(an, made)
            if lead is not None:   # "travelled to Oslo to attend the signing": the presence was done
                made.mode = "asserted"
                made.tokens |= set(syn.clauses[syn.clause_of[lead]].tokens)
        if made.kind == "witness" and made.mode != "negated" and any(
                "NegationCue" in an.cats(j) for j in range(k + 1, k + 3) if j in made.tokens and toks[j].pos in ("PART", "ADV")):
            made.mode = "negated"   # a negation after the copula: "X was not at the ceremony", "was never present"
        out.append(made)
    kept = []
    for p in out:
        if p.kind == "conclude" and any("MarketWord" in an.cats(j) for j in p.tokens):
            continue   # "die Papiere von X hatten fester geschlossen", "shares closed higher": prices, no deal
        if p.kind == "conclude" and "JoinVerb" in an.cats(p.head) and _reported_object(an, p):
            continue   # "Spain and Italy endorsed the declaration": they join the one told before (frames.arguments._joined)
        if p.kind == "conclude" and "ResultVerb" in an.cats(p.head) and (_agreement_subject(an, p)
                                                                        or not _agreement_object(an, p)):
            continue   # "the deal resulted in lower prices", "produced hydrogen under the agreement": no result
        if p.kind == "conclude" and "RenewVerb" in an.cats(p.head) and (
                _agreement_subject(an, p) and p.voice != "passive" or not _renewable_word(an, p)):
            continue   # "the new deal extends the 2015 accord": the subject renews nothing, the accord is older
            # (a passive's subject is what was renewed: "the pact was renewed on Thursday");
            # "extended their cooperation": cooperating on, no agreement renewed
        if p.kind == "conclude" and "RenewVerb" in an.cats(p.head) and _renewed_by_signing(an, p, out):
            continue   # "renewed their partnership and signed a new memorandum": the signing is the renewal
        if p.kind == "conclude" and not _has_agreement_word(an, p) and "CooperationCue" in an.cats(p.head):
            p.kind = "cooperate"   # "schließen sich zusammen": joining together, no agreement concluded
        elif p.kind == "conclude" and not _has_agreement_word(an, p):
            if ordinal_ellipsis(an, p.tokens) is not None and "ConcludingVerb" in an.cats(p.head):
                kept.append(p)   # "concluded a first one with Japan": the agreement word of the sentence before
                continue
            if "ReportingVerb" not in an.cats(p.head):
                continue
            p.kind = "report"   # "announced that …": saying, not concluding
        kept.append(p)
    return kept


def _opens_clause(an, k: int, clause: int) -> bool:
    """The noun at k opens its main clause, after its article and adjectives only: the clause's
    subject ("Die Unterzeichnung des Abkommens wurde verschoben", "The signing … is expected"),
    not a phrase after a preposition ("Nach der Unterzeichnung …")."""
    c = an.syntax.clauses[clause]
    if c.kind != "main" or not c.tokens:
        return False
    toks = an.tokens
    return all(toks[j].pos in ("DET", "ADJ") for j in c.tokens if j < k)


def _planned_object(an, k: int) -> bool:
    """A signing noun right after a verb of expecting or hoping, or its preposition ("rechnen mit
    einem Abschluss des Abkommens", "hoffen auf die Unterzeichnung", "expect the signing of"):
    one to come, not one made."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 3 and toks[j].pos in ("DET", "ADJ"):
        j -= 1
    if j >= 0 and j < k - 1 and "PlanCue" in an.cats(j):
        return True
    # "Bis zur Unterzeichnung … dürften noch Monate vergehen", "until the signing … will take
    # months": the time before a signing still ahead, told with a modal verb (not "Bis zur
    # Unterzeichnung hatten sie zwei Jahre verhandelt")
    if j >= 0 and toks[j].fold in ("zur", "zum") and j > 0:
        j -= 1
    if j < 0 or toks[j].fold not in ("bis", "until"):
        return False
    clause = an.syntax.clause(k).tokens
    return any(toks[x].tag in MODAL_TAGS for x in clause)


def _subject_signing_mode(an, p: Predicate) -> str:
    """The mode a signing noun takes from the verb of the clause it is the subject of: a signing
    that is planned, expected, put off or did not take place is no signing ("Die Unterzeichnung
    … wurde auf Juli verschoben", "ist für Juli geplant", "ist nicht erfolgt"; "The signing … is
    expected in July", "was postponed")."""
    toks = an.tokens
    after = [j for j in sorted(p.tokens) if j > p.head]
    if any("NegationCue" in an.cats(j) and not _negation_of_other(an, j, p.head) for j in after):
        return "negated"
    if any("PlanCue" in an.cats(j) or toks[j].tag in MODAL_TAGS for j in after):
        return "planned"
    if an.lang == "de" and any(toks[j].lemma == "werden" and toks[j].fold in ("wird", "werden") for j in after) \
            and any(toks[j].tag == "VV(INF)" for j in after):
        return "planned"   # "Die Unterzeichnung wird am Montag stattfinden"
    return "asserted"


def _renewed_by_signing(an, p: Predicate, predicates: list[Predicate]) -> bool:
    """A renewing verb joined to a signing in the same stretch of its sentence ("haben ihre
    Partnerschaft erneuert und ein neues Memorandum unterzeichnet"): the signing is how the
    renewal was made, so the renewal is no agreement of its own. A semicolon or colon between
    them separates two reports ("X renews its pact; Y seals a deal")."""
    toks = an.tokens
    for q in predicates:
        if q is p or q.sent != p.sent or q.kind != "sign" or q.mode != "asserted":
            continue
        lo, hi = sorted((p.head, q.head))
        if not any(toks[j].text in (";", ":") for j in range(lo, hi)):
            return True
    return False


def _agreement_subject(an, p: Predicate) -> bool:
    """An agreement word before the first finite verb of the predicate's clause: its subject
    ("Das neue Abkommen verlängert den Vertrag von 2015", "This deal extends accords …"), not
    the actors who renew one ("Peru und Chile haben ihr Abkommen verlängert")."""
    toks = an.tokens
    for j in sorted(p.tokens):
        if j >= p.head or an.syntax.finite(j) or toks[j].pos in ("VERB", "AUX"):
            return False
        if "AgreementWord" in an.cats(j):
            return True
    return False


def _agreement_object(an, p: Predicate) -> bool:
    """An agreement word heads the phrase right after the verb (and its particle): "ended with a
    joint declaration", "mündete in eine Absichtserklärung"; not "produced hydrogen under it"."""
    toks = an.tokens
    j = p.head + 1
    while j < len(toks) and j in p.tokens and ("ResultVerb" in an.cats(j) or toks[j].pos in ("DET", "ADJ", "NUM", "ADV")) \
            and "AgreementWord" not in an.cats(j):
        j += 1
    return j < len(toks) and "AgreementWord" in an.cats(j)


def _renewable_word(an, p: Predicate) -> bool:
    """An agreement word of the clause that is not also a word of cooperating and is the verb's
    object, not inside a prepositional phrase: "renewed their supply arrangement", "ihren
    Liefervertrag verlängert"; not "extended their cooperation" (cooperating on, no agreement
    renewed) nor "extended the pipeline under the agreement"."""
    toks = an.tokens
    for j in _object_words(an, p):
        if "AgreementWord" not in an.cats(j) or "CooperationCue" in an.cats(j):
            continue
        if j not in p.tokens:
            return True   # the word a relative clause hangs from: "the contract, which they amended"
        if an.lang == "en" and j < p.head and p.voice != "passive":
            continue   # (a passive's subject is its object: "the pact was renewed")
        i = j - 1   # back to the phrase's determiner: "its long-term supply arrangement", "ihren Liefervertrag"
        while i >= 0 and i in p.tokens and toks[i].pos in ("ADJ", "NUM", "NOUN", "PROPN") \
                and "AgreementWord" not in an.cats(i) and i != p.head:
            i -= 1
        if i >= 0 and toks[i].pos in ("DET", "PRON"):
            i -= 1
        before = toks[i] if i >= 0 and i in p.tokens else None
        if before is not None and before.pos == "ADP":
            continue   # "under the agreement", "im Rahmen des Abkommens": a phrase, no object
        if before is not None and an.lang == "de" and before.pos == "NOUN" and toks[i + 1].fold in ("des", "eines"):
            continue   # "im Rahmen des Abkommens": a genitive attribute
        return True
    return False


def _reported_object(an, p: Predicate) -> bool:
    """The object of a verb that both concludes and joins (lex:JoinVerb, "endorse") is a definite
    reference to an agreement the text reported before ("Borea and Delta endorsed the declaration"
    after a declaration was signed): joining, no new agreement; "endorsed a memorandum" concludes one."""
    toks = an.tokens
    j = p.head + 1
    while j in p.tokens and toks[j].pos in ("DET", "ADJ", "PRON", "NUM", "ADV"):
        j += 1
    if j not in p.tokens or not an.cats(j) & {"AgreementWord", "DocumentWord"}:
        return False
    if not any(toks[i].fold in an.gaz.words("ReferringDeterminer") for i in range(p.head + 1, j)):
        return False
    return any(an.cats(i) & {"AgreementWord", "DocumentWord"} for i in range(an.sentences[p.sent].start))


def _signing_event(an, j: int) -> bool:
    """"the meeting", "the summit": a definite meeting noun whose word a sentence shortly before
    names as the event of a signing ("… signed a declaration at a meeting in Esbjerg")."""
    toks = an.tokens
    if "EventNoun" not in an.cats(j) or j == 0 or toks[j - 1].fold not in an.gaz.words("EventReferringArticle"):
        return False
    here = an.sent_of[j]
    for s in range(max(0, here - 3), here):
        if an.sent_cats(s).isdisjoint(("SigningVerb", "SigningNoun")):
            continue
        sent = an.sentences[s]
        if any(toks[i].lemma == toks[j].lemma and "EventNoun" in an.cats(i) for i in range(sent.start, sent.end)):
            return True
    return False


def _other_gathering(an, k: int, clause: int) -> bool:
    """A presence word whose clause names a gathering that is not a signing and no signing noun:
    a social one (lex:GatheringNoun: dinner, reception) or a meeting after an indefinite article
    (lex:EventNoun, lex:IndefiniteArticle): the person was present there, not at the signing ("X
    attended a dinner in the evening", "Y nahm an einer Konferenz in Cusco teil"). "The meeting",
    "an dem Treffen" is the text's own event, where the signing may have been."""
    toks = an.tokens
    words = an.syntax.clauses[clause].tokens
    if any(an.cats(j) & {"SigningNoun", "ExchangeNoun"} for j in words):
        return False
    indefinite = an.gaz.words("IndefiniteArticle")
    for j in words:
        if j == k or toks[j].pos != "NOUN":
            continue
        cats = an.cats(j)
        if "GatheringNoun" in cats:
            return True
        if "EventNoun" in cats:
            i = j - 1
            while i > k - 1 and j - i <= 3 and toks[i].pos in ("ADJ", "NOUN", "PROPN", "NUM"):
                i -= 1
            if i >= 0 and toks[i].fold in indefinite:
                return True
    return False


def _signatures_of(an, k: int) -> bool:
    """"The signatures on the accord are those of X and Y", "Das Papier trägt die Unterschriften der
    Minister X und Y": a signature noun whose clause has persons after "of"/"von" or a genitive article."""
    clause = an.syntax.clause(k)
    toks = an.tokens
    return any(toks[j].fold in ("of", "von", "der", "des") and any(i in an.person_at for i in range(j + 1, min(j + 4, len(toks))))
               for j in clause.tokens if j > k)   # also a genitive: "trägt die Unterschriften der Minister X und Y"


def relative_opening(an, clause) -> bool:
    """Whether a clause opens with a relative word (lex:RelativeStart: "that", "which", "die") right
    after what it may hang from (the syntax calls some of these clauses subordinate ones)."""
    return clause.kind in ("rel", "sub") and clause.start > 0 and an.tokens[clause.start].fold in an.gaz.words("RelativeStart")


def ordinal_ellipsis(an, tokens) -> int | None:
    """An ordinal that stands for an agreement word of the sentence before ("… a new kind of
    partnership. It concluded a first one with Japan", "… Partnerschaften. Eine erste schloss sie
    mit Japan", "the second one"): English ordinal + "one", German article + ordinal with no noun
    after it; so too a word of likeness (lex:LikenessCue: "signed a similar one with Y", "Einen
    ähnlichen hatte X mit Y geschlossen"). Its token, if the sentence before names an agreement word.
    A relative clause looks at the word before the one it hangs from ("a similar one that X concluded")."""
    toks = an.tokens
    tokens = set(tokens)
    if tokens and an.lang == "en":
        clause = an.syntax.clauses[an.syntax.clause_of[min(tokens)]]
        one = clause.start - 1   # (before "that", "which")
        if one > 0 and relative_opening(an, clause) and toks[one].fold in ("one", "ones"):
            tokens.add(one - 1)
    for j in sorted(tokens):
        if not an.cats(j) & {"Ordinal", "LikenessCue"} or j + 1 >= len(toks):
            continue
        if an.lang == "en":
            if toks[j + 1].fold not in ("one", "ones") or j + 2 < len(toks) and toks[j + 2].pos in ("NOUN", "ADJ", "PROPN"):
                continue
        elif not (j > 0 and toks[j - 1].pos == "DET" and toks[j + 1].pos not in ("NOUN", "ADJ", "PROPN")):
            continue
        if ellipsis_antecedent(an, j) is not None:
            return j
    return None


def ellipsis_antecedent(an, j: int) -> int | None:
    """The agreement word an ordinal or likeness ellipsis at token j stands for (:func:`antecedent_word`;
    a word of likeness may also look back in its own sentence: "follows a similar one that …")."""
    return antecedent_word(an, an.sent_of[j], j if "LikenessCue" in an.cats(j) else None)


def antecedent_word(an, sent: int, before: int | None = None) -> int | None:
    """The last agreement word of the sentence before ``sent`` (what an ordinal ellipsis stands for);
    with ``before``, first the last one of its own sentence before that token ("The agreement
    follows a similar one that …")."""
    spans = []
    if before is not None:
        spans.append((an.sentences[sent].start, before))
    if sent > 0:
        spans.append((an.sentences[sent - 1].start, an.sentences[sent - 1].end))
    for start, end in spans:
        found = next((k for k in range(end - 1, start - 1, -1)
                      if "AgreementWord" in an.cats(k) and an.tokens[k].pos in ("NOUN", "PROPN")), None)
        if found is not None:
            return found
    return None


def _has_agreement_word(an, p: Predicate) -> bool:
    """A concluding verb concludes an agreement word of its clause; a verb that also reports
    ("announced", "bekanntgegeben") only a new one: "announced a partnership", not "announced the deal"."""
    words = _object_words(an, p)
    found = [j for j in words if an.cats(j) & {"AgreementWord", "DocumentWord"}]
    toks = an.tokens
    j = p.head + 1
    while j < len(toks) and j in words and toks[j].pos in ("DET", "ADJ", "PRON", "NUM", "ADV"):
        j += 1
    if j < len(toks) and j in words and toks[j].pos == "NOUN" and an.cats(j) & {"EventNoun", "PlanCue"}:
        return False   # "concluded their negotiations on an electricity agreement": the talks ended, no deal
    if "LaunchVerb" in an.cats(p.head):
        return any("AgreementWord" in an.cats(j) and not _definite(an, j) for j in found)
    return bool(found) or "AgreeVerb" in an.cats(p.head)


# prepositions that continue an agreement's title ("Partnership on …", "Abkommen über …")
TITLE_PREPOSITIONS = ("uber", "on", "zur", "zum", "zu", "for", "fur", "of", "about", "to", "in", "im", "through", "durch")   # folded


def _object_words(an, p: Predicate) -> set[int]:
    """Where a concluding verb's agreement word may be: its clause, the word a relative clause
    hangs from."""
    words = set(p.tokens)
    clause = an.syntax.clauses[p.clause]
    antecedent = clause.antecedent
    if antecedent is not None:
        words.add(antecedent)
    toks = an.tokens
    if relative_opening(an, clause):
        # "accords that Oregon and Hunan concluded in 2012", "a memorandum of
        # understanding that X concluded with Y": the clause hangs from the agreement word before it
        # (also after a comma: "the Partnership on Decarbonisation, which the two leaders set up")
        j = clause.start - 1
        comma = j > 0 and toks[j].text == ","
        if comma:
            j -= 1
        while j >= 0 and clause.start - j <= 6 and toks[j].pos in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "X") \
                and not an.cats(j) & {"AgreementWord", "DocumentWord"} \
                and not (comma and toks[j].pos == "ADP" and toks[j].fold not in TITLE_PREPOSITIONS):
            j -= 1   # (after a comma only over the title: not "the deal with X, which won the tender")
        if j >= 0 and an.cats(j) & {"AgreementWord", "DocumentWord"}:
            words.add(j)
    return words


def _definite(an, k: int) -> bool:
    toks = an.tokens
    j = k - 1
    while j >= 0 and (toks[j].pos in ("ADJ", "NUM", "PROPN", "NOUN") or toks[j].text in ("„", "“", '"', "'")) and k - j < 5:
        j -= 1
    return j >= 0 and toks[j].fold in an.gaz.words("ReferringDeterminer")


def _mode(an, p: Predicate) -> str:
    toks = an.tokens
    k = p.head
    if toks[k].tag == "VVG" and k > 0 and toks[k - 1].fold in ("after", "following", "upon"):
        return "asserted"   # "will work together after signing an agreement": the signing happened
    clause = sorted(p.tokens)
    # not the dateline ("OSLO, May 9"), not the month ("in May")
    clause = [j for j in clause if j not in an.structure.skip
              and not (an.lang == "en" and toks[j].text[:1].isupper() and toks[j].tag != "VM0"
                       and toks[j].fold not in ("no", "not", "never", "neither"))]   # "No agreement was signed"
    before = [j for j in clause if j < k]
    scope = clause if an.lang == "de" else before
    # a negation may open the sentence ("No agreement was signed …"): capitals do not hide it
    unskipped = [j for j in sorted(p.tokens) if j not in an.structure.skip]
    for j in (unskipped if an.lang == "de" else [j for j in unskipped if j < k]):
        cats = an.cats(j)
        if "NegationCue" in cats and not _negation_of_other(an, j, k):
            return "negated"
    if an.lang == "en" and p.kind == "sign" and any(
            toks[j].fold == "no" and "NegationCue" in an.cats(j) for j in range(k + 1, min(len(toks), k + 3))
            if j in p.tokens and not _less_than(an, j)):
        return "negated"   # a negated object of the signing: "gave no signature", "signed no contract"
    if p.kind in ("sign", "conclude") and _partial_object(an, p):
        return "planned"
    if an.lang == "en" and p.kind in ("sign", "conclude") and _no_object(an, p):
        return "negated"
    for j in scope:
        if "PlanCue" in an.cats(j) and not _finished_talks(an, j) or toks[j].tag in MODAL_TAGS:
            return "planned"
    c = an.syntax.clauses[p.clause]
    if c.kind == "sub" and c.tokens and toks[c.tokens[0]].fold in an.gaz.words("ConditionalSubordinator"):
        return "planned"   # "If A and B signed a treaty, …", "falls A und B ein Abkommen schließen": not (yet) done
    if _counterfactual(an, p) or _might_have_thought(an, p):
        return "planned"
    tag = toks[k].tag
    if an.lang == "de":
        if tag in ("VV(INF)", "VV(IZU)") and not any(toks[j].lemma in ("haben", "sein") and toks[j].pos == "AUX"
                                                      for j in clause):
            return "planned"
        # future: "werden … unterzeichnen"; future passive "unterzeichnet werden"
        # a participle that looks like the infinitive after a perfect "haben" ("hat … erhalten",
        # "hatte … bekommen", "haben … vergeben") is no infinitive: the act was done
        perfect = any(toks[j].lemma == "haben" and toks[j].pos == "AUX" for j in clause)
        if tag == "VV(INF)" and not perfect or any(toks[j].lemma == "werden" and toks[j].text.lower() in ("wird", "werden") and
                                   toks[j].pos == "AUX" and tag != "VV(PP)" for j in clause):
            return "planned"
        if tag == "VV(PP)" and any(toks[j].fold == "werden" for j in clause if j > k):
            return "planned"
    else:
        j = k - 1
        while j >= 0 and toks[j].pos == "ADV":
            j -= 1
        if j >= 0 and toks[j].tag == "TO0":
            return "planned"
        if j >= 1 and toks[j].lemma == "be" and toks[j - 1].tag == "TO0":
            return "planned"      # "to be signed"
    return "asserted"


def _no_object(an, p: Predicate) -> bool:
    """An English verb whose object is an agreement word under "no" ("have reached no agreement",
    "signed no new contract"): nothing was concluded. (German "keine Einigung erzielt" is a
    negation anywhere in the clause; an English one is looked for before the verb only.)"""
    toks = an.tokens
    j = p.head + 1
    while j in p.tokens and toks[j].pos in ("ADV", "PART") and toks[j].fold != "no":
        j += 1
    if j not in p.tokens or toks[j].fold != "no":
        return False
    i = j + 1
    while i in p.tokens and i - j <= 3 and toks[i].pos in ("ADJ", "NOUN") and not an.cats(i) & {"AgreementWord", "DocumentWord"}:
        i += 1
    return i in p.tokens and bool(an.cats(i) & {"AgreementWord", "DocumentWord"})


def _finished_talks(an, j: int) -> bool:
    """A plan noun ("negotiations", "Verhandlungen") after a preposition of what came before the
    clause's act (lex:CompletionPreposition): "signed the contract after months of negotiations",
    "nach zähen Verhandlungen abgeschlossen": talks that ended in the act, no plan of it."""
    toks = an.tokens
    if toks[j].pos != "NOUN":
        return False
    i = j - 1
    while i >= 0 and j - i <= 4 and (toks[i].pos in ("ADJ", "NUM", "DET", "NOUN") or toks[i].fold == "of"):
        i -= 1
    return i >= 0 and toks[i].fold in an.gaz.words("CompletionPreposition")


def _counterfactual(an, p: Predicate) -> bool:
    """A German clause in the subjunctive of the past (lexicon: CounterfactualCue, "hätten …
    beinahe unterzeichnet", "wäre im Mai unterzeichnet worden, wenn …"): what would have
    happened, not what did. In reported speech the same form stands for a fact ("Ein Sprecher
    sagte, beide hätten den Vertrag unterzeichnet"): not when the sentence has a verb of saying."""
    toks = an.tokens
    # the umlaut is the mood: the lexicon's words are matched folded ("hätte" like "hatte")
    if an.lang != "de" or not any("CounterfactualCue" in an.cats(j) and "ä" in toks[j].text.lower() for j in p.tokens):
        return False
    s = an.sentences[p.sent]
    if any("ReportingVerb" in an.cats(j) for j in range(s.start, s.end) if j != p.head):
        return False
    # indirect speech runs on over sentences ("Beide hätten zudem … unterzeichnet"): only a
    # condition, a near miss or a wish makes it counterfactual (CounterfactualMarker: "wenn",
    # "beinahe", "eigentlich", "gern"), or the auxiliary opening a conditional ("Hätten sie …, …")
    return "CounterfactualCue" in an.cats(s.start) and "ä" in toks[s.start].text.lower() \
        or any("CounterfactualMarker" in an.cats(j) for j in range(s.start, s.end))


def _might_have_thought(an, p: Predicate) -> bool:
    """A signing in what one might have thought ("One might have thought that X had signed …",
    "Wer die Bilder sah, hätte glauben können, X habe … unterzeichnet"): a verb of thinking
    (ThinkingVerb) before the predicate's clause in its sentence, after a subjunctive of the past
    ("hätte", "wäre") or a modal with "have" ("might have", "could have")."""
    toks = an.tokens
    s = an.sentences[p.sent]
    first = min(p.tokens | {p.head})
    for j in range(s.start, first):
        if "ThinkingVerb" not in an.cats(j):
            continue
        for i in range(max(s.start, j - 4), j):
            if an.lang == "de" and "CounterfactualCue" in an.cats(i) and "ä" in toks[i].text.lower():
                return True
            if an.lang == "en" and toks[i].tag == "VM0" and i + 1 < j and toks[i + 1].fold == "have":
                return True
    return False


def _partial_object(an, p: Predicate) -> bool:
    """Only part of a document agreed ("negotiators have finalised most of the text", "haben den
    größten Teil des Abkommens ausgehandelt"): a part word (lex:PartialCue) with an agreement or
    document word right after it in the clause, as the object; the agreement is not concluded yet.
    Not a part word in a phrase of its own ("As part of the deal, A signed …", "Als Teil des
    Abkommens …"; a preposition right after the verb is the verb's: "agreed on most of the text"),
    nor an English one before the verb (its subject)."""
    toks = an.tokens
    for j in an.cat_tokens("PartialCue"):
        if j not in p.tokens or (an.lang == "en" and j < p.head) or (j > 0 and "PartialCue" in an.cats(j - 1)):
            continue
        i = j - 1
        while i >= 0 and toks[i].pos in ("DET", "ADJ"):
            i -= 1
        if i >= 0 and (toks[i].pos == "ADP" and i != p.head + 1 or toks[i].fold in AS_WORDS):
            continue
        if any(x in p.tokens and an.cats(x) & {"AgreementWord", "DocumentWord"} for x in range(j + 1, min(j + 5, len(toks)))):
            return True
    return False


def _negation_of_other(an, neg: int, k: int) -> bool:
    """"nicht vor Ort, sondern …", "not in Paris but in Rome": a negation of a phrase, not of the
    verb. An English "but" after the verb joins another clause ("no agreement was signed, but
    he said …"): the verb is negated."""
    toks = an.tokens
    if _less_than(an, neg):
        return True
    return any(toks[j].fold == "sondern" or toks[j].fold == "but" and j < k for j in range(neg, min(len(toks), neg + 10)))


# the words after a span of time that place an event relative to another ("zwei Wochen nach", "a year later")
_AFTER_SPAN = frozenset(fold(w) for w in ("nach", "vor", "später", "zuvor", "danach", "after", "before", "later", "earlier"))


def _less_than(an, neg: int) -> bool:
    """A negation before a span of time and "nach"/"after" ("keine zwei Wochen nach dem Gipfel
    unterzeichneten …", "kein Jahr später", "Not two weeks after the summit, X signed …", "no
    more than a month later"): less than that time, no negation of the verb."""
    toks = an.tokens
    if not (toks[neg].fold.startswith("kein") or toks[neg].fold in ("not", "no")):
        return False
    j = neg + 1
    while j < len(toks) and j - neg <= 4 and (toks[j].pos in ("NUM", "ADJ") or toks[j].fold in ("more", "than", "even")):
        j += 1
    return j + 1 < len(toks) and toks[j].pos == "NOUN" and toks[j + 1].fold in _AFTER_SPAN \
        and not an.cats(j) & {"AgreementWord", "DocumentWord", "SigningNoun"}   # not "kein Abkommen nach dem Gipfel"


def _voice(an, p: Predicate) -> str:
    toks = an.tokens
    k = p.head
    if an.lang == "de":
        auxiliaries = an.gaz.words("GermanPassiveAuxiliary")
        if toks[k].tag == "VV(PP)" and any(toks[j].lemma in auxiliaries and toks[j].pos == "AUX" for j in p.tokens):
            return "passive"
        return "active"
    if toks[k].tag == "VVN":
        j = k - 1
        perfect_passive = False   # "has/had/will have been signed": "been" before the participle
        while j >= 0 and (toks[j].pos == "ADV" or toks[j].fold in ("been", "being")) and k - j < 4:
            perfect_passive = perfect_passive or toks[j].fold == "been"
            j -= 1
        if perfect_passive or (j >= 0 and toks[j].lemma in an.gaz.words("EnglishPassiveAuxiliary")):
            return "passive"
    return "active"


# how many words an extended German participle attribute may have between its article and the
# participle ("das am Montag in Oslo von Deutschland und Norwegen unterzeichnete Abkommen")
PRENOMINAL_REACH = 14


def _attributive(an, p: Predicate) -> None:
    """A participle after a noun ("the agreement signed in Lima", "die mit Polen geschlossene")
    or between an article and a noun ("the signed deal", "das unterzeichnete Papier")."""
    toks = an.tokens
    k = p.head
    tag = toks[k].tag
    later_finite = any(an.syntax.finite(j) for j in p.tokens if j > k)
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    followed_by_object = nxt is not None and nxt.pos in ("DET", "NOUN", "PROPN", "NUM", "PRON") \
        and not any(d.value and an.tok_at(d.start) == k + 1 for d in an.dates)   # "signed last week by X": a date, no object
    past_after_noun = tag == "VVD" and later_finite and k > 0 and toks[k - 1].pos == "NOUN" and k - 1 not in an.person_at \
        and not any(j < k and (j in an.person_at or toks[j].pos == "PROPN") for j in p.tokens)
    subject_name = an.org_at(k - 1) if k > 0 else None
    if subject_name is not None and (subject_name.start == an.sentences[p.sent].start
                                     or toks[subject_name.start - 1].text in (",", ";")):
        return   # a name that opens its clause is the verb's subject: "On Friday, Redhill Oil agreed with X to …"
    if an.lang == "en" and (tag == "VVN" or past_after_noun) and k > 0 and not followed_by_object \
            and toks[k - 1].pos in ("NOUN", "PROPN", "PRON", "DET") and k - 1 not in an.person_at \
            and an.syntax.clauses[p.clause].kind in ("main", "sub") \
            and p.voice == "active" and not any(toks[j].lemma in ("have", "be") and toks[j].pos == "AUX"
                                                 for j in range(max(0, k - 3), k)):
        p.attributive = True
        p.mode = "asserted"
        if tag == "VVN" or an.syntax.agent_after_phrase(k):
            p.voice = "passive"   # "the agreement signed by X", "the accord reached on Monday by X"
        end = k + 1
        while end < len(toks) and end in p.tokens and not an.syntax.finite(end):
            end += 1
        start = k - 1
        j = k - 1
        while j > 0 and k - j <= 6 and toks[j].pos in ("NOUN", "ADJ", "ADP", "DET", "PROPN", "NUM") \
                and "AgreementWord" not in an.cats(j):
            j -= 1
        if "AgreementWord" in an.cats(j) and an.syntax.same_clause(j, k):
            start = j   # "the memorandum on lithium signed by X": the participle follows the word's title
            word = an.lex_at.get(j)
            if word is not None and word.start < j and an.syntax.same_clause(word.start, k):
                start = word.start   # from the first of its words: "a power purchase agreement signed …"
        p.tokens = set(range(start, end)) & p.tokens
        return
    if tag in ("VVN", "VV(PP)") and k > 1 and toks[k - 1].text == "," and "AgreementWord" in an.cats(k - 2):
        # "the agreement, signed in Accra on Monday by Ghana and Norway, …", "der Vertrag,
        # unterzeichnet von X (A) und Y (B), …": a participle phrase between commas right after the
        # agreement word; it closes at the comma before the clause goes on with its finite verb
        # (so a list of names with appositions stays inside: "signed by X, CEO of A, and Y, …")
        end = k + 1
        last_comma = None
        limit = an.sentences[p.sent].end   # not into the next sentence (a headline has no full stop)
        while end < limit and toks[end].text not in (".", ";") and not an.syntax.finite(end):
            if toks[end].text == ",":
                last_comma = end
            end += 1
        if end < limit and an.syntax.finite(end) and last_comma is not None:
            end = last_comma
        else:
            end = next((j for j in range(k + 1, end) if toks[j].text == ","), end)
        p.attributive = True
        p.mode = "asserted"
        p.voice = "passive"   # "signed … by Ghana and Norway": the by-phrase signs
        p.tokens = set(range(k - 2, end))
        return
    noun = _completed_noun(an, k + 1)   # (over the cut-off parts before it: "die geschlossenen Liefer- und Transitverträge")
    if noun < len(toks) and toks[noun].pos == "NOUN" and k > 0 and (toks[k - 1].pos == "DET" or
                                                                  (toks[k - 1].pos in ("ADV", "NUM") and k > 1 and toks[k - 2].pos == "DET")) and \
            (tag.startswith("ADJ") or tag in ("VVN", "VV(PP)", "AJ0")):
        p.attributive = True
        p.mode = "asserted"   # "die (nun) unterzeichnete Vereinbarung": signed, whatever the clause plans
        p.tokens = set(range(k - 1, noun + 1))
        return
    if an.lang == "de" and tag == "VV(PP)" and noun < len(toks) and toks[noun].pos == "NOUN" \
            and toks[k].fold.endswith(("e", "en", "em", "er", "es")):
        # an extended participle attribute: "das am Montag von A und B unterzeichnete Abkommen
        # (zwischen A und B)": the words between the article and the participle belong to the
        # participle (the von-phrase signs), the noun after it is what was signed; like "das
        # unterzeichnete Papier" the phrase ends with that noun (what follows it, "Abkommen mit
        # Peru", is the noun's, and the clause's subject may be the other side: "Im Rahmen des 2018
        # geschlossenen Abkommens mit Peru liefert Chile …")
        # Only an attribute with its own agents ("von A und B", or its sides "zwischen A und B") is
        # read so: without them the clause's actors stay the predicate's ("Mit dem am Montag
        # unterzeichneten Vertrag erwirbt X …").
        j = prenominal_article(an, k)
        if j is None or not any(an.syntax.finite(x) for x in p.tokens if x != k):
            return
        if not any(toks[x].fold in an.gaz.words("GermanAgentPreposition") or toks[x].fold in BETWEEN
                   for x in range(j + 1, k)):
            if p.mode == "planned" and not any("PlanCue" in an.cats(x) or toks[x].tag in MODAL_TAGS
                                               for x in range(j, k + 2)):
                # "Die am Dienstag vereinbarte Partnerschaft … soll den Handel fördern": the clause's
                # modal plans what the partnership will do; the attribute tells it was concluded
                p.mode = "asserted"
            return
        p.attributive = True
        p.mode = "asserted"
        p.voice = "passive"   # "das von A und B unterzeichnete Abkommen": the von-phrase signs
        p.tokens = set(range(j, noun + 1)) & p.tokens


def elided_front(an, k: int) -> int:
    """The first of the German compounds cut off with a hyphen that the noun at k completes
    ("Liefer- und Transitabkommen": "Liefer-"); k itself when there are none."""
    toks = an.tokens
    while k >= 2 and toks[k - 1].fold in ("und", "oder", "sowie", ",") and toks[k - 2].tag == "TRUNC":
        k -= 2
    return k


def _completed_noun(an, k: int) -> int:
    """The noun that completes German compounds cut off with a hyphen from k on ("Liefer- und
    Transitverträge", "Kauf-, Liefer- und Abnahmeverträge": the last word); k itself otherwise.
    A participle before such words is an attribute of that noun."""
    toks = an.tokens
    while k + 2 < len(toks) and toks[k].tag == "TRUNC" and toks[k + 1].fold in ("und", "oder", "sowie", ","):
        k += 2
    return k


def prenominal_article(an, k: int) -> int | None:
    """The article that opens an extended German participle attribute whose participle is at k
    ("das am Montag von A und B unterzeichnete Abkommen": "das"): left over prepositional phrases,
    names, adverbs and numbers (and an article after a preposition or "und", "von der Kappa AG und
    der …"), in k's clause; None when there are no such words or no article before them."""
    toks = an.tokens
    j = k - 1
    while j > 0 and k - j <= PRENOMINAL_REACH and (toks[j].pos in ("ADP", "NOUN", "PROPN", "CCONJ", "ADV", "NUM", "ADJ")
                                                  or toks[j].pos == "DET" and toks[j - 1].pos in ("ADP", "CCONJ")
                                                  and toks[j + 1].pos in ("NOUN", "PROPN", "ADJ")) \
            and not an.syntax.finite(j) and an.syntax.same_clause(j, k):
        # (an article before its own noun is inside; the opening one is followed by the attribute's
        # first word: "mit dem am Montag unterzeichneten Vertrag")
        j -= 1
    # (an article the tagger reads as a pronoun before a preposition, "begrüßten das am Montag …
    # unterzeichnete Abkommen", opens it too; not a relative pronoun after a comma)
    article = toks[j].pos == "DET" or toks[j].pos == "PRON" and toks[j].fold in ("das", "die", "den", "dem", "der") \
        and j + 1 < k and toks[j + 1].pos == "ADP" and not (j > 0 and toks[j - 1].text == ",")
    if j == k - 1 or j < 0 or not article or not an.syntax.same_clause(j, k):
        return None
    return j


def _attendance_lead(an, p: Predicate) -> int | None:
    """The verb of going or of making sure (lex:AttendanceLeadVerb) that governs the infinitive of
    a presence predicate, told as done: "X travelled to Oslo to attend the signing", "made sure to
    attend it", "war eigens angereist, um dabei zu sein", "ließ es sich nicht nehmen, dabei zu
    sein". Its token, or None. Not under a modal or a plan word ("will travel to attend")."""
    toks = an.tokens
    k = p.head
    leads = an.gaz.words("AttendanceLeadVerb")
    sent = an.sentences[p.sent]
    if an.lang == "en":
        if not (k > 0 and toks[k - 1].tag == "TO0"):
            return None
        cands = [j for j in range(max(sent.start, k - 8), k - 1) if toks[j].pos == "VERB" and j in p.tokens]
    else:
        if not any(toks[j].tag == "PTKZU" or toks[j].tag == "VV(IZU)" for j in p.tokens) and toks[k].tag != "VV(IZU)":
            return None
        start = min(p.tokens)
        cands = [j for j in range(max(sent.start, start - 12), start) if toks[j].pos == "VERB"]
    if not cands:
        return None
    j = cands[-1]
    lemma = toks[j].lemma
    if lemma not in leads:
        return None
    if lemma == "make" and not (j + 1 < len(toks) and toks[j + 1].fold == "sure"):
        return None
    if lemma == "nehmen" and not any(toks[i].lemma == "lassen" for i in range(max(sent.start, j - 6), j + 3)):
        return None
    # (the lead's whole clause before it: "will in der kommenden Woche nach Oslo reisen, um …")
    around = set(range(max(sent.start, j - 6), j)) | {i for i in an.syntax.clauses[an.syntax.clause_of[j]].tokens if i < j}
    if any(toks[i].tag in MODAL_TAGS or "PlanCue" in an.cats(i) for i in around):
        return None   # "will travel to Oslo to attend", "plant anzureisen"
    if an.lang == "en" and not (toks[j].tag in ("VVD",) or toks[j].tag == "VVN" and any(
            toks[i].lemma == "have" for i in range(max(sent.start, j - 3), j))):
        return None   # "travels to Oslo to attend": not yet
    return j


def _at_signing(an, k: int, clause: int) -> bool:
    """A presence preposition right before a signing noun in the clause of a copula, after it
    ("X was also at the signing ceremony", "Y war ebenfalls bei der Unterzeichnung")."""
    toks = an.tokens
    if any(toks[j].pos == "VERB" and j != k for j in an.syntax.clauses[clause].tokens):
        return False   # an auxiliary: "was signed at the ceremony by X"
    # a verb of sitting or standing places its subject wherever the phrase stands ("Bei der
    # Unterzeichnung saß X neben ihm", "der bei der Unterzeichnung in der ersten Reihe saß"), also
    # at the table of the signing told before ("Mit am Tisch saß X", lex:SigningTablePhrase); the
    # copula only with the phrase after it
    if toks[k].lemma in ("be", "sein"):
        return _presence_at_signing_noun(an, k, clause, after=True)
    return _presence_at_signing_noun(an, k, clause) or _at_signing_table(an, k, clause)


def _at_signing_table(an, k: int, clause: int) -> bool:
    """A phrase of the signing table (lex:SigningTablePhrase) in the clause of the verb at ``k``."""
    # the phrases and their first words (the cheap test first: most words begin no phrase), once per gazetteer
    phrases, firsts = an.gaz.cached("signing_table_phrases", lambda gaz: (
        tuple(gaz.word_lists.get("SigningTablePhrase", ())), frozenset(ph[0] for ph in gaz.word_lists.get("SigningTablePhrase", ()))))
    toks = an.tokens
    for j in an.syntax.clauses[clause].tokens:
        if j != k and toks[j].fold in firsts and any(
                j + len(ph) <= len(toks) and all(toks[j + i].fold == w for i, w in enumerate(ph)) for ph in phrases):
            return True
    return False


def _presence_at_signing_noun(an, k: int, clause: int, after: bool = False) -> bool:
    """Whether a presence preposition stands right before a signing noun of the clause, an
    article or adjectives between ("at the signing ceremony", "bei der Unterzeichnung"): the
    clause of the word at ``k`` takes place at a signing. With ``after`` only a noun after ``k``
    counts, and the phrase starts after it; without, a speech noun (lex:SpeechNoun) there says
    its speaker was present ("X gave a speech at the ceremony", "Bei der Zeremonie hielt X eine
    Rede")."""
    toks = an.tokens
    preps = an.gaz.words("PresencePreposition")
    lo = k if after else -1
    for j in an.syntax.clauses[clause].tokens:
        if (j > k if after else j != k) and "SigningNoun" in an.cats(j):
            i = j - 1
            while i > lo and toks[i].pos in ("DET", "ADJ") and j - i <= 3:
                i -= 1
            if i >= 0 and toks[i].fold in preps:
                return True
    return False


# how many words after an exchange noun its agreement or document word may come ("the exchange of the
# two signed memoranda of understanding": article, numeral, adjectives and "of" between)
EXCHANGE_OBJECT_REACH = 6


def _exchanged_papers(an, k: int) -> bool:
    """An agreement or document word within a few words after an exchange noun, in its sentence
    ("the exchange of two MoUs", "den Austausch der unterzeichneten Abkommen")."""
    end = an.sentences[an.sent_of[k]].end
    return any(an.cats(j) & {"AgreementWord", "DocumentWord"} for j in range(k + 1, min(end, k + EXCHANGE_OBJECT_REACH + 1)))
