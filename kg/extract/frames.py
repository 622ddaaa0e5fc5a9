"""Agreement frames: which agreements a text reports, and who signed them, with whom, when,
in whose presence and on what.

1. **Mentions.** Every agreement word (from the agreement classes of the ontology and the
   lexicon), every definite document word ("das Dokument", "the papers"), every ordinal that
   points into a set ("the second was signed with …"), every signing predicate without an
   agreement word ("Unterschrieben wurde gestern", "signed it") and every deal told by its verb
   with a named other side ("commissioned X to build", "bought the park from X", "settled their
   dispute", "gründeten ein Gemeinschaftsunternehmen"; lex:DealVerb) is an :class:`AgreementMention`.
   A mention knows its kind, number ("five MoUs", "zwei Absichtserklärungen"), whether it is
   definite, its own date ("of 2019", "concluded on 15 September 2022"), its own parties (words
   that modify it: "deutsch-chilenische Partnerschaft", "the agreement with Kappa Power"), its cues
   ("existing", "also", "each") and the predicate of its clause (:mod:`kg.extract.predicates`).
   Its status: *asserted* by a signing or concluding predicate, *planned* (a cooperation, not an
   agreement), *background* (an older agreement named with its date or as existing), or a
   *reference* (a definite mention without a predicate).
2. **Grouping** (:mod:`kg.extract.grouping`): each mention joins the agreement it most likely
   refers to, or starts a new one, by a score over kind, date, parties, title, distance,
   definiteness, headline position and cues. A plural or counted mention starts a *set* of
   agreements; its partners are distributed over the members ("MoUs with A and B", "deals
   with three suppliers … Nordwind, Kappa Power, …", "each … a separate statement"), and ordinals
   and plural references point into the set.
3. **Arguments.** An agreement's parties are the actor arguments of its predicates (subject,
   with-, between-, for- and by-phrases, group nouns resolved to the actors they stand for),
   its own modifiers, and the actors its signatories act for; its signatories are the persons
   among the agents of a signing predicate (also the by-phrase of a signing noun: "die
   Unterzeichnung erfolgte durch X"); its witnesses are persons placed at the signing by
   a presence predicate or phrase. A slot is left empty rather than guessed.
4. **Dates, places and topics.** A date keeps the text's precision; a date in a reporting
   clause dates the report; the date of a signing event ("the ceremony on 12 November") is
   inherited by every agreement signed at it. Topics come from the agreement's own words, the
   sentence that asserts it and the sentences that refer back to it or go on about it, and
   from the headline for every new agreement that does not leave the topic to another one; an
   older (background) agreement takes no topics from its neighbours (an older contract that names
   none trades the goods of the text: its main topic); a broader topic gives way
   to its one narrower topic (LNG, not also natural gas); a pipeline agreement that does not say
   what the pipeline carries takes the carrier the text names most (``ekg:carries``).
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations

from dataclasses import dataclass, field

from kg.extract.actors import (AS_WORDS, BETWEEN, BY, POSSESSIVE_MARKS, WITH, ActorMention, _chain_start, by_event, meeting_by,
                               visit_word)
from kg.extract.dates import NEWS_WINDOW_DAYS, DateMention, compatible, finer_mention, parse_published
from kg.extract.syntax import YEAR_NOUN, YEAR_OF
from kg.extract.mentions import Mention
from kg.extract.predicates import (MODAL_TAGS, Predicate, _at_signing, _mode, _negation_of_other, _voice, antecedent_word,
                                   ordinal_ellipsis, prenominal_article)
from kg.extract.roles import _apposition_closed
from kg.extract.tokens import fold
from kg.extract.topics import HYPHENS, TopicMatcher

KIND_PRIORITY = ["memorandum", "declaration_of_intent", "treaty", "contract", "partnership", "agreement"]


@dataclass
class AgreementMention:
    index: int
    start: int
    end: int
    sent: int
    kind: str = "agreement"
    weak: bool = False
    words: list[Mention] = field(default_factory=list)
    predicate: Predicate | None = None
    status: str = "reference"          # asserted, planned, background, reference
    definite: bool = False
    implicit: bool = False             # no agreement word ("signed it")
    count: int = 1                     # 0: plural of unknown size
    ordinal: int | None = None
    title: str | None = None
    date: DateMention | None = None
    own: list[tuple[str, str]] = field(default_factory=list)   # (actor iri, how) from its own words
    cues: set[str] = field(default_factory=set)
    headline: bool = False
    content: bool = False              # "Under the agreement, X will …": the clause tells who is bound
    supply: bool = False               # "a purchase deal", "an agreement for the supply of LNG": commercial
    framework: bool = False            # "framework agreement", "Kooperationsvertrag": a frame, never a sale
    about: str | None = None           # the kind of a definite agreement its content phrase names ("zur Gründung der Partnerschaft")
    replaces: "AgreementMention | None" = field(default=None, repr=False, compare=False)   # an implicit one an ordinal stands for

    @property
    def plural(self) -> bool:
        return self.count != 1


@dataclass
class Agreement:
    id: str
    kind: str
    words: list[Mention] = field(default_factory=list)
    title: str | None = None
    date: DateMention | None = None
    place: str | None = None
    place_iri: str | None = None
    parties: dict[str, str] = field(default_factory=dict)         # actor iri -> how found
    signatories: dict[str, dict] = field(default_factory=dict)    # person iri -> {role, on_behalf_of}
    witnesses: set[str] = field(default_factory=set)
    topics: dict[str, int] = field(default_factory=dict)
    sentences: set[int] = field(default_factory=set)
    intro: int = 0
    last: int = 0
    background: bool = False
    weak: bool = False
    evidence: list[tuple[str, str | None, int, float]] = field(default_factory=list)  # (prop, value, sentence, conf)
    other_dates: list[tuple[str, DateMention]] = field(default_factory=list)
    confidence: float = 0.8
    mentions: list[AgreementMention] = field(default_factory=list)
    group: "AgreementSet | None" = None
    member: int = 0                    # position in its set
    only_headline: bool = True
    tentative: bool = False            # known only from a reference so far ("the deal", before the signing)
    states_of_bodies: list[str] = field(default_factory=list)   # "auf nigerianischer Seite" for a body that signs
    stand_ins: list[str] = field(default_factory=list)   # countries named as subjects for their companies
    topic_span: set[int] | None = None  # a member of "agreements on A and on B": the tokens of its own phrase
    held: set[str] = field(default_factory=set)   # parties whose unnamed office-holders sign ("the presidents of A and B")

    def add_party(self, iri: str | None, how: str, sent: int, confidence: float = 0.8) -> None:
        if iri and iri not in self.parties:
            self.parties[iri] = how
            self.evidence.append(("party", iri, sent, confidence))


@dataclass
class AgreementSet:
    """Agreements announced together ("five MoUs", "drei Vereinbarungen"): one per member."""
    members: list[Agreement]
    sent: int
    distributed: bool = False
    listed: int = 0                    # members named one by one after a colon so far
    told: int = 0                      # members told one by one in later sentences so far


def compatible_kinds(a: str, b: str) -> bool:
    return a == b or "agreement" in (a, b) or {a, b} <= {"treaty", "contract"}


def build_frames(an):
    """Agreements and stated cooperations of an analysed document."""
    from kg.extract.grouping import Grouper

    predicates = _predicates(an)
    mentions = find_mentions(an, predicates)
    grouper = Grouper(an, predicates)
    agreements = grouper.run(mentions)
    return agreements, grouper.cooperations


# ====================================================================== mentions
def find_mentions(an, predicates: list[Predicate]) -> list[AgreementMention]:
    toks = an.tokens
    by_clause: dict[int, list[Predicate]] = {}
    for p in predicates:
        by_clause.setdefault(p.clause, []).append(p)
    out: list[AgreementMention] = []
    words = [m for k, m in sorted(an.lex_at.items()) if m.start == k and m.cats & {"AgreementWord", "DocumentWord"}
             and an.org_at(k) is None and k not in an.structure.skip]
    used_words: set[int] = set()
    for w in words:
        if w.start in used_words:
            continue
        group = _same_agreement_words(an, w, words)
        used_words.update(x.start for x in group)
        m = _mention(an, group, by_clause, len(out))
        if m is not None:
            out.append(m)
    kept = []
    for m in out:
        outer = _inside_content(an, m, out)
        if outer is None:
            kept.append(m)
        elif m.definite and not outer.about:
            outer.about = m.kind   # "die Urkunde über die Gründung des Verbunds": the document of that one
    out = kept
    covered = {m.predicate.head for m in out if m.predicate is not None}
    out += _ordinal_ellipsis_mentions(an, predicates, out, covered)
    covered = {m.predicate.head for m in out if m.predicate is not None}
    for p in predicates:
        if p.kind != "sign" or p.head in covered or p.attributive:
            continue
        if any(m.sent == p.sent and m.start in p.tokens for m in out):
            continue
        if any("AgreementWord" in an.cats(k) for k in p.tokens) and not _identifiable(an, p):
            continue   # "Ghana signed a range of deals with Chinese firms": none we could name
        if _legal_act_signed(an, p):
            continue   # "signed a decree", "unterzeichnete das Gesetz": enacted alone, no agreement
        m = AgreementMention(len(out), p.head, p.head + 1, p.sent, implicit=True, definite=True, predicate=p,
                             status="asserted" if p.asserted else "planned")
        m.kind = _vague_kind(an, p) or m.kind   # "signed several declarations": declarations all the same
        m.cues = _cues(an, p.tokens)
        m.date = clause_date(an, p)
        out.append(m)
    out += _agreed_on(an, predicates, out)
    out += _deal_mentions(an, out)
    out += _client_mentions(an, out)
    out += _elliptic_mentions(an, out)
    out += _older_one_mentions(an, out)
    ordinals = _ordinal_mentions(an, out, by_clause)
    replaced = {id(m.replaces) for m in ordinals if m.replaces is not None}
    out = [m for m in out if id(m) not in replaced] + ordinals
    out.sort(key=lambda m: (m.start, m.end))
    for n, m in enumerate(out):
        m.index = n
        m.headline = an.structure.headline is not None and m.sent == an.structure.headline
    return out


DEFINITE_ARTICLES = frozenset({"the", "der", "die", "das", "dem", "den", "des"})
CONTENT_PREPOSITIONS = {"uber", "on", "zur", "zum", "for", "fur", "about", "regarding", "concerning", "to"}
ELLIPSIS_PREPOSITIONS = CONTENT_PREPOSITIONS | {"with", "mit", "between", "zwischen"}
DATE_PREPOSITIONS = {"in", "im", "last", "on", "am"}   # "a second one last November with Canada"


def _older_one_mentions(an, mentions: list[AgreementMention]) -> list[AgreementMention]:
    """"The new memorandum updates one the two sides concluded in 2006", "it replaces an earlier
    one from 2015": "one" after a cue of an older agreement, with a year after it, stands for an
    older agreement of the kind named just before; those named as concluding it are its parties."""
    toks = an.tokens
    out: list[AgreementMention] = []
    if an.lang != "en":
        return out
    for k, t in enumerate(toks):
        if t.fold != "one" or k < 2:
            continue
        j = k - 1
        if toks[j].fold in ("the", "an", "a"):
            j -= 1
        if not ("ExistenceCue" in an.cats(j) and toks[j].pos in ("VERB", "ADJ", "ADV")):
            continue    # "updates one", "replaces the one", "an earlier one"
        sent = an.sent_of[k]
        end = an.sentences[sent].end
        year = next((d for d in an.dates if d.value and d.precision == "year" and k < an.tok_at(d.start) < min(end, k + 10)
                     and (d.kind == "absolute" or toks[an.tok_at(d.start) - 1].fold in ("from", "of"))), None)
        before = [m for m in mentions if m.words and m.start < k and sent - 1 <= m.sent <= sent]
        if year is None or not before:
            continue
        m0 = before[-1]
        m = AgreementMention(0, k, k + 1, sent, m0.kind, m0.weak, [], status="background", date=year)
        m.cues = {"existing"}
        m.title = f"earlier {m0.kind.replace('_', ' ')}"
        span = range(k + 1, an.tok_at(year.start))
        for a in an.actors_by_sent.get(sent, []):
            if a.start in span and a.function == "core" and a.iri:
                m.own.append((a.iri, "modifier"))   # ("the two sides": those of the agreement told first)
        out.append(m)
    return out


def _ordinal_ellipsis_mentions(an, predicates: list[Predicate], mentions: list[AgreementMention],
                               covered: set[int]) -> list[AgreementMention]:
    """A signing or concluding clause with no agreement word whose object is an ordinal standing
    for the agreement word of the sentence before (predicates.ordinal_ellipsis: "… a new kind of
    partnership. It concluded a first one with Japan in 2021", "… Partnerschaften. Eine erste
    schloss sie 2021 mit Japan"): an agreement of that word's kind, made by the clause."""
    out = []
    for p in predicates:
        if p.kind not in ("sign", "conclude") or p.head in covered or p.attributive or p.noun:
            continue
        if any(m.sent == p.sent and m.start in p.tokens for m in mentions + out):
            continue
        j = ordinal_ellipsis(an, p.tokens)
        if j is None:
            continue
        w = antecedent_word(an, p.sent)
        lexm = an.lex_at.get(w)
        kinds = [x.kind for x in (an.gaz.lexicon.get(i) for i in (lexm.data.get("lex", []) if lexm else []))
                 if x is not None and x.category == "AgreementWord" and x.kind]
        end = j + 2 if an.lang == "en" else j + 1
        m = AgreementMention(len(mentions) + len(out), j, end, p.sent, kinds[0] if kinds else "agreement",
                             implicit=True, predicate=p, status="asserted" if p.asserted else "planned")
        m.cues = _cues(an, p.tokens)
        m.date = clause_date(an, p)
        m.title = an.tokens[w].text
        out.append(m)
    return out


def _elliptic_mentions(an, mentions: list[AgreementMention]) -> list[AgreementMention]:
    """"signed a memorandum on X with A and another on Y with B", "eine Absichtserklärung mit A und
    eine weitere mit B": "another" / "eine weitere" before a preposition stands for one more
    agreement of the kind just asserted in its sentence, signed by the same predicate."""
    toks = an.tokens
    out: list[AgreementMention] = []
    for m in mentions:
        ordinal = m.implicit and m.predicate is not None and "Ordinal" in an.cats(m.start)
        if m.status != "asserted" or m.implicit and not ordinal or m.count != 1 or m.predicate is None:
            continue
        sent_end = an.sentences[m.sent].end
        k = max(m.end, m.predicate.head + 1) if ordinal else m.end   # "Eine erste schloss sie mit A, eine zweite …"
        start = k
        while k < sent_end - 1 and k - start < 12:
            t = toks[k]
            if t.pos in ("VERB", "AUX") or t.text in (";", ":") or any(x.start == k for x in mentions):
                break
            k += 1
            if t.fold not in ("and", "und", "sowie", ","):
                continue
            j = k
            if an.lang == "de" and toks[j].fold in ("eine", "ein", "einen", "einer") and j + 1 < sent_end:
                j += 1
            elif ordinal and toks[j].fold in ("a", "the") and j + 1 < sent_end:
                j += 1
            word = toks[j].fold
            other = word == "another" if an.lang == "en" else toks[j].lemma in ("weiter", "zweit") or word.startswith("weitere")
            if ordinal and an.lang == "en" and "Ordinal" in an.cats(j) and j + 1 < sent_end and toks[j + 1].fold == "one":
                other, j = True, j + 1   # "a first one with Japan and a second one with Canada"
            elif ordinal and "Ordinal" in an.cats(j):
                other = True   # "eine erste mit Japan, eine zweite mit Kanada"
            after = ELLIPSIS_PREPOSITIONS | (DATE_PREPOSITIONS if ordinal else set())
            if not other or j + 1 >= sent_end or toks[j + 1].fold not in after:
                continue
            e = AgreementMention(0, j, j + 1, m.sent, m.kind, m.weak, [], predicate=m.predicate, status="asserted")
            e.cues = {"addition"}
            e.date = m.date
            if ordinal:   # "…, a second one last November with Canada": the date of its own stretch
                stop = next((x for x in range(j, sent_end) if toks[x].fold in ("and", "und", "sowie", ",", ";")), sent_end)
                e.date = next((d for d in an.dates if d.value and j <= an.tok_at(d.start) < stop), m.date)
            title = _title(an, e) or toks[j].text
            word = " ".join(x.text for x in m.words) if m.words else toks[m.start].text
            e.title = word + title[len(toks[j].text):] if title.startswith(toks[j].text) else title
            out.append(e)   # "another on wind power" -> "memorandum on wind power"
            break
    return out


def _legal_act_signed(an, p: Predicate) -> bool:
    """The object of a signing with no agreement word is a law, bill or decree (lex:LegalActWord:
    "the president signed the bill into law", "unterschrieb eine Verordnung"): one side enacts it,
    nobody agrees to it. English: the object follows the verb closely; German: anywhere in the clause."""
    toks = an.tokens
    if any(an.cats(k) & {"AgreementWord", "DocumentWord"} for k in p.tokens):
        return False
    for k in p.tokens:
        if "LegalActWord" not in an.cats(k) or toks[k].pos != "NOUN":
            continue
        if an.lang == "de" or p.head < k <= p.head + 4:
            return True
    return False


def _vague_kind(an, p: Predicate) -> str | None:
    """The kind of the agreement words a signing too vague to name has as its object
    ("unterzeichnete mehrere Erklärungen"), if they all name one kind."""
    kinds = {x.kind for k in p.tokens if "AgreementWord" in an.cats(k) and an.lex_at.get(k) is not None
             and an.lex_at[k].start == k
             for x in (an.gaz.lexicon.get(i) for i in an.lex_at[k].data.get("lex", []))
             if x is not None and x.category == "AgreementWord" and x.kind and not x.weak}
    return next(iter(kinds)) if len(kinds) == 1 else None


def _identifiable(an, p: Predicate) -> bool:
    """Whether a signing of agreements too vague to name ("a range of deals", "mehrere
    Erklärungen") still says who signed: a named signer, a named partner, or two named
    actors signing together."""
    args = predicate_args(an, p)
    return bool(args.signers) or any(a.iri for a in args.partners + args.sides) \
        or len({a.iri for a in args.agents if a.iri and a.kind != "group"}) >= 2   # "A and B signed several …"


NOT_AN_AGREED_CONTENT = {"CooperationCue", "JointActionVerb", "SigningVerb", "ConcludingVerb", "LaunchVerb",
                         "AgreementWord", "DocumentWord", "NegationCue"}


def _agreed_on(an, predicates: list[Predicate], mentions: list[AgreementMention]) -> list[AgreementMention]:
    """"Back then the two states agreed that the cable would cross Portugal", "Dort
    hatten sie vereinbart, die Leitung aufzugeben": agreeing on something is an agreement (of no
    named kind), unless what is agreed is only to cooperate or to sign something later."""
    out = []
    taken = {m.predicate.head for m in mentions if m.predicate is not None}
    for p in predicates:
        if p.kind != "conclude" or p.head in taken or p.attributive or "AgreeVerb" not in an.cats(p.head):
            continue
        if any(an.cats(k) & {"AgreementWord", "DocumentWord"} for k in p.tokens):
            continue   # "agreed on a deal": the deal is the mention
        content = _complement(an, p)
        if not content or any(an.cats(k) & NOT_AN_AGREED_CONTENT and not _manner_cue(an, k, content) for k in content):
            continue
        m = AgreementMention(len(mentions) + len(out), p.head, p.head + 1, p.sent, implicit=True, definite=True,
                             predicate=p, status="asserted" if p.asserted else "planned")
        m.cues = _cues(an, p.tokens)
        m.date = clause_date(an, p)
        out.append(m)
    return out


def _of_category(an, j: int, cat: str) -> bool:
    """Token j is a word of lexicon category cat, or a German compound ending in one that another
    list claimed first ("Großauftrag": an agreement word by its head "Auftrag", also an order word)."""
    if cat in an.cats(j):
        return True
    t = an.tokens[j]
    return an.lang == "de" and t.pos == "NOUN" and any(len(w) == 1 and t.fold.endswith(w[0]) and len(t.fold) > len(w[0]) + 2
                                                       for w in an.gaz.lex_words(cat))


def _deal_entry(an, k: int, tokens: set[int]):
    """The lex:DealVerb entry of the verb at token k, if it is one; of a verb in several entries
    ("erhalten": a concession, an order), the one whose object category is in the clause."""
    lexm = an.lex_at.get(k)
    if lexm is None or "DealVerb" not in lexm.cats:
        return None
    entries = [x for x in (an.gaz.lexicon.get(i) for i in lexm.data.get("lex", []))
               if x is not None and x.category == "DealVerb"]
    fitting = [x for x in entries if x.object and any(_of_category(an, j, x.object) for j in tokens if j != k)]
    return next(iter(fitting or entries), None)


def _deal_title(an, k: int, tokens: set[int]) -> str:
    """The words that tell a deal, from its verb to the first punctuation mark of its clause (at
    most ten): "bought a solar park in Spain from Nordwind AG"; a German verb at the end of its
    clause takes the words before it, after its auxiliary ("ein Gemeinschaftsunternehmen für
    Batteriezellen vereinbart")."""
    from kg.extract.tokens import join_tokens

    toks = an.tokens
    e = k + 1
    while e in tokens and e - k < 10 and toks[e].pos != "PUNCT":
        e += 1
    if e > k + 1:
        return join_tokens(toks[k:e])
    s = k
    while s - 1 in tokens and k - s < 10 and toks[s - 1].pos not in ("PUNCT", "AUX"):
        s -= 1
    return join_tokens(toks[s:k + 1])


def _german_other_side(an, p: Predicate, agents: list[ActorMention]) -> list[ActorMention]:
    """The other side of a German deal that no from/to phrase names: a company in the dative
    after the subject ("kaufte der Nordwind AG zwei Windparks ab", "verkaufte dem Versorger Kappa
    seine Anteile"), or the supplier after "bei" ("hat bei der Nordwind AG Gas gekauft", "bei X
    eine Bestellung aufgegeben"). A company in the accusative is what is traded, no side."""
    toks = an.tokens
    out = []
    for a in agents[1:]:
        j = a.start - 1
        while j > 0 and toks[j].pos == "ADJ":
            j -= 1
        if toks[j].fold in ("der", "dem") and toks[j].pos == "DET" and a.function == "core":
            out.append(a)
    out += [a for a in an.actors_by_sent.get(p.sent, []) if a.start in p.tokens and a.iri and a.kind == "org"
            and fold(a.prep or "") == "bei" and a not in out]
    return out


def _ends_possessive(an, k: int) -> bool:
    """The word at k (or the lexicon phrase it starts) is followed by a possessive "'s"/"’s": it
    owns what comes next ("the joint venture's plant", "the venture’s first plant")."""
    lexm = an.lex_at.get(k)
    e = lexm.end if lexm is not None else k + 1
    return e < len(an.tokens) and an.tokens[e].text in ("'s", "’s", "'", "’")


def _present_tense(an, k: int) -> bool:
    """The verb at token k is a finite present form ("sells", "buy", "verkauft", "gründen"):
    English by its tag; German (whose tagger tells no tense) when the form is the lemma's stem
    with a present ending ("verkauft", "kaufen"; not "verkaufte", "erwarb", "legten … bei")."""
    t = an.tokens[k]
    if an.lang == "en":
        return t.tag in ("VVZ", "VVB")
    if t.tag == "VV(PP)" and any(an.tokens[j].pos == "AUX" for j in an.syntax.clauses[an.syntax.clause_of[k]].tokens):
        return False   # "hat verkauft", "wurde beauftragt"; a last verb with no auxiliary is finite: "…, der Strom an X verkauft"
    if t.tag not in ("VV(FIN)", "VV(PP)"):
        return False
    lemma = t.lemma
    if t.particle >= 0:
        part = an.tokens[t.particle].fold
        lemma = lemma[len(part):] if lemma.startswith(part) else lemma
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    return t.fold.startswith(stem) and t.fold[len(stem):] in ("t", "et", "en", "e", "st", "est")


def _deal_mentions(an, mentions: list[AgreementMention]) -> list[AgreementMention]:
    """A deal told by its verb, with no agreement word in its clause (lex:DealVerb): "Kappa
    Power commissioned Nordwind AG to build the plant", "erwarb 2019 von der Nordwind AG einen
    Solarpark", "sold its wind farms to Kappa Power", "settled their dispute over tariffs",
    "gründeten ein Gemeinschaftsunternehmen", "erhielt von Kappa Power den Zuschlag". An agreement
    of the entry's kind, asserted, between at least two named actors: the subject and the one
    dealt with (the one commissioned, sold to or bought from, lex:AwardVerb / lex:ReceiveVerb), or
    the sides of a dispute or venture named together. Not when planned, offered or negated ("plans
    to buy", "wollen ein Gemeinschaftsunternehmen gründen"), nor without a named other side
    ("bought shares on the market", "sold its stake to the other owners")."""
    from kg.extract.predicates import _attributive

    toks = an.tokens
    syn = an.syntax
    out: list[AgreementMention] = []
    taken = {m.predicate.head for m in mentions if m.predicate is not None}
    members = None   # the consortia of the text, when asked
    for k in sorted(an.lex_at):
        if an.lex_at[k].start != k or "DealVerb" not in an.lex_at[k].cats:
            continue
        lexm = an.lex_at[k]
        k = next((j for j in range(lexm.start, lexm.end) if toks[j].pos in ("VERB", "AUX")), k)
        clause = syn.clause_of[k]
        tokens = set(syn.clauses[clause].tokens)
        entry = _deal_entry(an, lexm.start, tokens)
        if entry is None or toks[k].pos != "VERB" or k in taken or an.org_at(k) is not None or k in an.person_at:
            continue
        if _present_tense(an, k) or an.sent_of[k] == an.structure.headline:
            continue   # "X sells power to Y", "X verkauft Strom an Y": a trade that goes on, no deal told
            # (a headline's present tells the text's own news, with countries for their firms)
        words = [j for j in tokens if an.cats(j) & {"AgreementWord", "DocumentWord"}]
        own = [j for j in words if entry.object and _of_category(an, j, entry.object)]   # "erhielt einen Auftrag von X"
        if len(own) < len(words) and (not _bare_means(an, tokens) or any(mm.start in tokens for mm in mentions)):
            continue   # "bought the plant under a contract with X": the contract is the mention (not
            # "hatte die Anteile 2018 per Kaufvertrag von X erworben": a word no mention took, the deal's means)
        if own and any(mm.start in tokens and mm.status == "asserted" for mm in mentions):
            continue   # "gewann einen Auftrag von X": the order word is an asserted agreement already
        if entry.object and not any(_of_category(an, j, entry.object) and not _ends_possessive(an, j) for j in tokens if j != k):
            continue   # "ended the talks", "formed a government": no dispute, no venture; "launched their
            # joint venture's first plant": the venture owns what was launched
        p = Predicate("conclude", k, an.sent_of[k], clause)
        p.tokens = tokens
        p.mode = _mode(an, p)
        p.voice = _voice(an, p)
        if an.org_at(k - 1) is None:   # (not "Kappa Power commissioned X": a subject's name, not a noun)
            _attributive(an, p)
        if not p.asserted or p.attributive:
            continue
        args = predicate_args(an, p)
        agents = [a for a in args.agents if a.iri and a.kind != "group"]
        partners = [a for a in args.partners if a.iri and a.kind != "group"]
        by = [a for a in an.actors_by_sent.get(p.sent, []) if p.voice == "passive" and a.start in tokens
              and a.start > k and a.iri and a.kind != "group" and fold(a.prep or "") in BY and a not in agents]
        if by and not entry.object_party and not entry.object:
            continue   # "Zentrox Solar wurde von Kappa Power übernommen": a company bought is no side
        agents += by   # "X was hired by Kappa Power": the by-phrase gave the order
        extra = list(by)   # the sides the predicate's own arguments miss
        if an.lang == "de" and not partners:
            partners = _german_other_side(an, p, agents)
            extra += partners
        if own and not partners and "ReceiveVerb" in an.cats(k):   # "zog einen Auftrag von X an Land"
            partners = [a for a in an.actors_by_sent.get(p.sent, []) if a.start in tokens and a.iri and a.kind == "org"
                        and a.function == "agr" and fold(a.prep or "") in an.gaz.words("SourcePreposition")
                        and a.start - 2 in own and a not in agents]
            extra += partners
        if not partners and not by and entry.object_party:   # "beauftragte ein Konsortium aus A und B": its members
            if members is None:
                members = consortium_members(an)
            ours = {a.iri: a for a in an.actors_by_sent.get(p.sent, []) if a.start in tokens and a.iri}
            partners = [ours[i] for group, sent in members if sent == p.sent and all(i in ours for i in group)
                        for i in group if ours[i] not in agents]
            agents = [a for a in agents if a.iri not in {x.iri for x in partners}]
            extra += partners
        named = {a.iri for a in agents + partners}
        if len(named) == 1 and entry.object_party:
            # "hatte X den Konzern mit dem Bau beauftragt", "X commissioned the company": a singular
            # group noun stands for the one commissioned, a company named before
            for grp in args.agents + args.partners:
                if grp.kind == "group" and grp.refers_to == "actor" and grp.number == 1 and grp.group_kind in (None, "org"):
                    found = {i for i in group_actors(an, grp, 2) if i not in named and an.kind_of(i) == "org"}
                    if found:
                        named |= found
                        partners.append(grp)
        if len(named) < 2:
            continue
        if entry.object == "DisputeWord" and (not agents or any(a.function == "between" for a in partners)):
            continue   # "a court ended the dispute between A and B": a ruling by a third, no settlement of theirs
        if not entry.object and not entry.object_party and any(an.kind_of(i) != "org" for i in named):
            continue   # "Until 2022 Kappaland bought most of its gas from Nordwind AG": a state's trade, no contract
        if not entry.object and not partners and not (entry.object_party and (by or len({_chain_start(an, a) for a in agents}) >= 2)):
            continue   # "Kappa und Nordwind kauften Aktien": buyers together; "übernahm die Zentrox Solar": no seller named
        m = AgreementMention(len(mentions) + len(out), k, k + 1, p.sent, kind=entry.kind or "agreement",
                             predicate=p, status="asserted")   # (a deal of its own: no reference, nor "signed it")
        m.own = [(a.iri, "partner") for a in extra]
        m.title = _deal_title(an, k, tokens)
        m.cues = _cues(an, p.tokens)
        m.date = clause_date(an, p)
        out.append(m)
    return out


def _client_mentions(an, mentions: list[AgreementMention]) -> list[AgreementMention]:
    """"Kappa Power will build the plant. The client is ACWA Power", "Die Kappa Bau AG errichtet
    ein Umspannwerk. Auftraggeber ist TenneT": a client noun (lex:ClientNoun) opening its clause
    (after an article only) as the subject of a copula with a named company names the one who
    ordered what the company of the sentence before does: a contract of the two. When the sentence
    before tells a contract already ("landed a contract to build …"), the client is its other side;
    else a contract of its own, unless either sentence tells a plan, talks or a negation."""
    toks = an.tokens
    syn = an.syntax
    out: list[AgreementMention] = []
    for k in sorted(an.lex_at):
        if an.lex_at[k].start != k or "ClientNoun" not in an.lex_at[k].cats or toks[k].pos != "NOUN":
            continue
        sent = an.sent_of[k]
        if sent == 0 or sent == an.structure.headline:
            continue
        clause = syn.clause_of[k]
        tokens = sorted(syn.clauses[clause].tokens)
        if syn.clauses[clause].kind != "main" or any(toks[j].pos != "DET" for j in tokens if j < k):
            continue   # "the potential client", "ein möglicher Kunde": none named yet
        cop = next((j for j in tokens if j > k and toks[j].lemma in ("be", "sein") and toks[j].pos in ("AUX", "VERB")), None)
        if cop is None:
            continue
        clients = [a for a in an.actors_by_sent.get(sent, []) if a.start > cop and a.start in tokens and a.iri
                   and a.kind == "org"]
        if len(clients) != 1:
            continue
        client = clients[0]
        p = Predicate("conclude", cop, sent, clause)
        p.tokens = set(tokens)
        p.mode = _mode(an, p)
        if not p.asserted or any(an.cats(j) & {"PlanCue", "EventNoun", "BidWord"} for j in tokens):
            continue
        before = an.sentences[sent - 1]
        told = [m for m in mentions + out if m.sent == sent - 1 and m.status == "asserted"]
        if told:
            m = told[-1]
            if m.kind in ("contract", "agreement") and client.iri not in {i for i, _ in m.own}:
                m.own.append((client.iri, "partner"))   # "landed a contract to build …. The client is Y"
            continue
        prev = range(before.start, before.end)
        if any((an.cats(j) & {"PlanCue", "EventNoun", "NegationCue", "BidWord"} or toks[j].tag in MODAL_TAGS)
               and not (an.lang == "en" and toks[j].fold in ("will", "shall", "'ll")) for j in prev):
            continue   # "X is in talks about a plant", "X could build"; not the future of work ordered: "X will build"
        doers = [a for a in an.actors_by_sent.get(sent - 1, []) if a.iri and a.kind == "org" and a.function == "core"
                 and a.iri != client.iri]
        if not doers:
            continue
        m = AgreementMention(len(mentions) + len(out), k, k + 1, sent, kind="contract", predicate=p, status="asserted")
        m.own = [(doers[0].iri, "partner"), (client.iri, "partner")]
        m.title = toks[k].text
        m.cues = _cues(an, p.tokens)
        m.date = clause_date(an, p)
        out.append(m)
    return out


def _bare_means(an, tokens: set[int]) -> bool:
    """Every agreement word of a deal verb's clause is an indefinite one after a frame preposition,
    the means of the deal ("hatte den Anteil 2018 per Kaufvertrag von X erworben", "had bought the
    plant from X in 2017 under a purchase contract"): the verb tells the deal and its sides."""
    words = [j for j in tokens if an.cats(j) & {"AgreementWord", "DocumentWord"}]
    return bool(words) and all(_under_agreement(an, j) for j in words)


def _manner_cue(an, k: int, content: list[int]) -> bool:
    """A cooperation adverb ("gemeinsam", "jointly", "together") in agreed content whose own verb
    is something else ("vereinbart, gemeinsam ein Kraftwerk zu errichten"): what is agreed is
    that action, not only to cooperate."""
    toks = an.tokens
    if toks[k].pos not in ("ADV", "ADJ") or an.cats(k) - {"CooperationCue"}:
        return False
    return any(toks[j].pos == "VERB" and not an.cats(j) & NOT_AN_AGREED_CONTENT for j in content)


def _complement(an, p: Predicate) -> list[int]:
    """What a verb of agreeing has agreed on: the that- or to-clause after it (in its sentence)."""
    toks = an.tokens
    syn = an.syntax
    sent = an.sentences[p.sent]
    after = sorted(k for k in p.tokens if k > p.head)
    if an.lang == "en" and after and toks[after[0]].fold in ("to", "that", "on"):
        return after
    if an.lang == "en":   # "agreed in 2020 to build …", "agreed last year that …": a short time phrase first
        for n, k in enumerate(after[1:5], 1):
            if toks[k].fold in ("to", "that") and any(an.dates_at(j) for j in after[:n]) \
                    and all(toks[j].pos in ("ADP", "NUM", "DET", "ADJ", "NOUN", "PROPN") for j in after[:n]):
                return after[n:]
    if an.lang == "de":
        on = _auf_phrase(an, p)
        if on:
            return on
    out = []
    for c in syn.clauses:
        if c.kind in ("sub", "inf") and c.tokens and sent.start <= c.start < sent.end and c.start > p.head \
                and (c.parent == p.clause or c.start - p.head <= 3):
            out += c.tokens
        elif c.kind == "rel" and c.tokens and sent.start <= c.start < sent.end and 0 < c.start - p.head <= 2 \
                and any(toks[j].fold == "zu" and j + 1 < len(toks) and toks[j + 1].pos == "VERB" for j in c.tokens):
            out += c.tokens   # "vereinbart, in der Region ein Kraftwerk zu errichten": a to-clause read as relative ("der")
    return out


# the longest noun phrase a relative clause opened by "auf" hangs from ("eine Leitung, auf die …"),
# counted back from "auf": a noun with its article, adjectives and a genitive or name after it
AUF_ANTECEDENT_REACH = 10


def _auf_phrase(an, p: Predicate) -> list[int]:
    """What "sich verständigen/einigen auf" agrees on: the auf-phrase of the verb's clause
    ("hatten sich auf einen Preis verständigt"), or, when the clause is a relative one opened by
    "auf" ("eine Leitung, auf die sich A und B verständigt hatten"), the noun phrase it hangs from."""
    toks = an.tokens
    c = an.syntax.clause(p.head)
    if not c.tokens:
        return []
    first = c.tokens[0]
    on = an.gaz.words("AgreeOnPreposition")
    if c.kind == "rel" and toks[first].fold in on and first + 1 < len(toks) and toks[first + 1].pos in ("PRON", "DET"):
        out = []
        j = first - 1
        while j >= 0 and toks[j].text == ",":
            j -= 1
        while j >= 0 and toks[j].text not in (",", ";", ":", ".", "(") and toks[j].pos not in ("VERB", "AUX") \
                and first - j <= AUF_ANTECEDENT_REACH:
            out.append(j)
            j -= 1
        return sorted(out)
    for k in c.tokens:
        if k < p.head and toks[k].fold in on and toks[k].pos == "ADP":
            out = []
            for j in range(k + 1, p.head):
                if toks[j].pos in ("VERB", "AUX") or toks[j].text in (",", ";", ":"):
                    break
                out.append(j)
            return out
    return []


def _inside_content(an, m: AgreementMention, mentions: list[AgreementMention]) -> AgreementMention | None:
    """An agreement word in the content phrase of another ("Absichtserklärung über eine
    Wasserstoffallianz", "a declaration on the establishment of a partnership") is what that one
    is about, not an agreement of its own: the other mention, or None."""
    toks = an.tokens
    for outer in mentions:
        if outer is m or outer.sent != m.sent or outer.end > m.start or m.start - outer.end > 6:
            continue
        if toks[outer.end].fold not in CONTENT_PREPOSITIONS:
            continue
        between = range(outer.end, m.start)
        if any(toks[j].text in (",", ";", ":", "(") or toks[j].pos in ("VERB", "AUX") or j in an.person_at for j in between):
            continue
        j = m.start - 1
        while j > outer.end and toks[j].pos in ("DET", "ADJ", "NUM"):
            j -= 1
        if toks[j].fold in ("and", "und", "sowie", "or", "oder", "as well as", "plus") and j + 1 < m.start \
                and toks[j + 1].pos in ("DET", "NUM"):
            continue   # "a memorandum on lithium and a contract for LNG": two agreements side by side
        if m.predicate is None or m.predicate is outer.predicate:
            return outer
    return None


def _same_agreement_words(an, w: Mention, words: list[Mention]) -> list[Mention]:
    """Agreement words that name one document: "Absichtserklärung (sogenanntes Memorandum of
    Understanding)", "a Letter of Intent, i.e. a declaration"; not "X and Y" (two agreements)."""
    toks = an.tokens
    group = [w]
    for other in words:
        if other.start <= w.start or other.start - group[-1].end > 10:
            continue
        between = [t.fold for t in toks[group[-1].end:other.start]]
        glossed = any(b.startswith("sogenannt") or b == "so-called" for b in between) and between[-1] == "(" \
            and not any(t.pos in ("VERB", "AUX") and not t.fold.startswith("sogenannt") or t.text in (".", ";")
                        for t in toks[group[-1].end:other.start])
        # "zwei Kaufverträge, im Branchenjargon Sale and Purchase Agreements (SPA) genannt",
        # "two contracts, known as SPAs": the other word names the same documents
        after = other.end
        if after + 2 < len(toks) and toks[after].text == "(" and toks[after + 2].text == ")":
            after += 3
        named_as = between[:1] == [","] and (
            after < len(toks) and toks[after].fold in ("genannt", "bezeichnet") and len(between) <= 8
            or any(b in ("called", "known", "termed", "dubbed") for b in between) and len(between) <= 5) \
            and not any(t.pos == "AUX" or t.pos == "VERB" and t.fold not in ("called", "known", "termed", "dubbed")
                        for t in toks[group[-1].end:other.start])
        glossed = glossed or named_as
        if len(between) > 4 and not glossed:
            continue   # only "X über …, das sogenannte Name (Y)": the bracket glosses the name
        if glossed or between and between[0] == "(" or between[:1] == ["-"] or any(b in ("sogenannt", "sogenanntes", "so-called", "i.e.")
                                                                       for b in between):
            group.append(other)
    return group


def _mention(an, group: list[Mention], by_clause, index: int) -> AgreementMention | None:
    toks = an.tokens
    w = group[0]
    k = w.start
    lexes = [an.gaz.lexicon[x] for g in group for x in g.data.get("lex", [g.iri]) if x in an.gaz.lexicon]
    agreement_lexes = [x for x in lexes if x.category == "AgreementWord"]
    document = not agreement_lexes
    kinds = [x.kind for x in agreement_lexes if x.kind and not x.weak] or [x.kind for x in agreement_lexes if x.kind]
    kind = sorted(set(kinds), key=KIND_PRIORITY.index)[0] if kinds else "agreement"
    weak = bool(agreement_lexes) and all(x.weak for x in agreement_lexes)
    if weak and _in_phrase(an, k):
        return None   # "Ministerin für internationale Zusammenarbeit", "Erklärung zur Zusammenarbeit"
    end = max(g.end for g in group)
    if kind == "partnership" and k > 0 and toks[k - 1].fold == "in" and end < len(toks) and toks[end].fold in ("with", "mit"):
        return None   # "launched in partnership with X", "in Partnerschaft mit": how, not an agreement
    m = AgreementMention(index, k, end, an.sent_of[k], kind, weak, list(group))
    m.definite = _definite(an, k)
    m.count = min((_count(an, g.start, g.end) for g in group), key=lambda c: (c == 1, -c))
    m.ordinal = _ordinal_before(an, k)
    if document and not (m.definite or m.ordinal):
        return None
    if m.count == 0 and _vague(an, k) or m.count == 1 and an.lang == "de" and _vague_before(an, k):
        return None   # "a range of deals", "eine Reihe von Abkommen": not one we can name
    clause = an.syntax.clause_of[k]
    preds = [p for p in by_clause.get(clause, []) if p.kind in ("sign", "conclude", "signing") and k in p.tokens]
    # a relative clause right after the word: "the contracts, which were concluded with …"
    own_clause = bool(preds)
    preds += [p for c in an.syntax.clauses if c.antecedent is not None and k <= c.antecedent < m.end
              and not (own_clause and "ADP" in (toks[c.start].pos, toks[c.start - 1].pos))   # "in which they agree …"
              for p in by_clause.get(c.index, []) if p.kind in ("sign", "conclude")]
    # or after its title: "a memorandum of understanding on solar power that the two countries signed"
    after_title = _title_end(an, m)
    preds += [p for c in an.syntax.clauses if not preds and c.kind in ("rel", "sub") and c.tokens
              and c.start == after_title and toks[c.start].fold in ("that", "which", "das", "die", "den")
              and toks[c.start - 1].pos != "ADP"
              for p in by_clause.get(c.index, []) if p.kind in ("sign", "conclude") and p.voice == "active"
              and not any(an.cats(j) & {"AgreementWord", "DocumentWord"} for j in p.tokens)]
    if weak:
        preds = [p for p in preds if not _verb_between(an, p.head, k)]   # "agreed to deepen their cooperation"
    preds = [p for p in preds if not _beyond_other(an, m, p)]
    older_np = _older_attribute(an, k)
    if older_np and any(an.cats(j) & {"AgreementWord"} and an.lex_at[j].start == j and not (m.start <= j < m.end)
                        for p in preds for j in p.tokens):
        preds = []   # "Within the existing energy partnership, they signed a memorandum": the signing is the other's
    if preds:
        # a bare participle after the word ("agreed on it in a memorandum signed in 2006") gives way to
        # the clause's own asserted verb, which says who made it; one with a by-phrase does not
        finite = any(not p.attributive and p.kind in ("sign", "conclude") and p.asserted for p in preds)
        bare = lambda p: finite and p.attributive and p.head >= m.end \
            and not any(toks[j].fold in ("by", "von", "durch") for j in p.tokens)
        m.predicate = min(preds, key=lambda p: (p.kind == "signing", p.head in _taken(an, m, preds), bare(p), abs(p.head - k)))
    m.cues = _cues(an, an.syntax.clause(k).tokens, k, m.end)
    m.content = _content_phrase(an, k)
    m.framework = any(x.framework for x in agreement_lexes)
    # "a framework agreement to supply power to X" frames sales; it is no sale itself
    m.supply = kind == "agreement" and not m.framework and _supply_words(an, m)
    m.date = _own_date(an, m)
    m.title = _title(an, m)
    for a in an.actors_by_sent.get(m.sent, []):
        if a.function in ("agr", "between") and a.head is not None and m.start <= a.head < m.end and a.iri:
            how = "adjective" if a.form == "adj" else "partner" if a.prep in ("mit", "with") else "modifier"
            m.own.append((a.iri, how))   # "die Vereinbarung mit Chile": Chile is the other side
        elif a.function in ("agr", "between") and a.head is not None and m.start <= a.head < m.end and a.kind == "group" \
                and a.refers_to == "actor" and a.number >= 2:
            for iri in group_actors(an, a, a.number):   # "a framework agreement between the two neighbours"
                m.own.append((iri, "modifier"))
        elif a.function == "agr" and a.head is not None and m.start <= a.head < m.end and a.kind == "group" \
                and a.refers_to == "actor" and a.number == 1 and a.prep in ("mit", "with"):
            # "A, B und C vereinbarten eine Partnerschaft mit dem Land": the country named last, not one of A, B, C
            agents = _own_sides(an, predicate_args(an, m.predicate)) if m.predicate is not None else set()
            other = _last_other(an, a, agents)
            if other:
                m.own.append((other, "partner"))
    p = m.predicate
    if p is not None and p.attributive:
        for a in an.actors_by_sent.get(m.sent, []):
            if a.start in p.tokens and a.function in ("with", "between", "agr") and a.iri:
                m.own.append((a.iri, "attributive"))
    if p is not None and p.kind == "signing" and not _signing_asserts(an, p, m):
        p = m.predicate = None
    if p is not None:
        m.status = "asserted" if p.asserted else "planned"
        if p.asserted and weak and p.kind == "signing":
            m.status = "reference"
        if document and m.definite and p.attributive:
            m.status = "reference"   # "tauschten die unterzeichneten Dokumente aus": the documents of one told before
        if m.date is None and m.status == "asserted":
            m.date = clause_date(an, p) or _event_anaphor_date(an, m.sent)
    elif m.date is not None and m.date.kind in ("since", "absolute", "target") and m.date.value \
            and (m.own or _named(an, m) or m.date.kind == "since" and _holders(an, m)) \
            and not (m.date.kind == "since" and (m.ordinal or _plan_or_negation(an, k))):
        m.status = "background"   # "die beiden Länder pflegen seit 2017 eine Energiepartnerschaft"
    elif m.date is not None and m.date.kind == "weekday" and m.date.value and len({iri for iri, _ in m.own}) >= 2 \
            and not _plan_or_negation(an, k):
        m.status = "asserted"     # "Tuesday's deal between A and B", "das Abkommen vom Dienstag zwischen A und B": made that day
    elif not m.definite and not m.ordinal and not weak and _existing_since(an, m, k):
        m.status = "background"   # "Seit 2018 haben beide Länder eine Energiepartnerschaft"
    elif "existing" in m.cues and not (m.own or _named(an, m)) and older_np and m.definite \
            and not _older_adjective(an, k) and not _other_agreement_word(an, m):
        m.status = "reference"    # "Aufbauend auf dem Abkommen will X ein Programm auflegen": no newer one here
    elif "existing" in m.cues and (m.own or _named(an, m) or (older_np and m.definite)):
        m.status = "background"   # "within their existing energy partnership": an older one, presupposed
    elif m.definite and not m.ordinal and (_named(an, m) or _named_de(an, m)) and len(_holders(an, m)) >= 2 \
            and _earlier_year_in_clause(an, m) is not None:
        # "Peru and Chile settled their border in 2019 under the Lima Accords": a named
        # agreement its clause dates to an earlier year, between the clause's subjects
        m.date = _earlier_year_in_clause(an, m)
        m.status = "background"
        m.cues.add("held")
    elif m.content and not m.ordinal and _earlier_own_year(an, m):
        m.status = "background"   # "Under the 1999 contract, X buys the output of Y", "Nach dem Vertrag von 1999 …"
    elif not m.definite and not m.ordinal and m.count == 1 and _earlier_own_year(an, m) and not _plan_or_negation(an, k):
        m.status = "background"   # "revising a charter of 2009", "builds on an agreement of 2015"
    elif m.definite and not document and not m.ordinal and m.count == 1 and _earlier_own_year(an, m) \
            and not _plan_or_negation(an, k):
        # "Es ergänzt das Abkommen über Windenergie aus dem Jahr 2018", "extends the 2018 wind energy
        # agreement", "Das 2018 geschlossene Abkommen bleibt in Kraft": its own year before the text's
        m.status = "background"
    elif not m.ordinal and m.own and _lapsed(an, m):
        m.status = "background"   # "Der Liefervertrag zwischen A und B war Ende Dezember ausgelaufen"
    elif m.definite or m.ordinal:
        m.status = "reference"
    elif len({iri for iri, _ in m.own}) >= 2 and _included_in_signed(an, m):
        m.status = "asserted"   # "Several deals were signed. Among them was a memorandum between X and Y"
    elif "addition" in m.cues and len({iri for iri, _ in m.own}) >= 2 and not _plan_or_negation(an, k):
        m.status = "asserted"   # "A further memorandum between X and Y deals with …": one more of those signed
        # (not "Similar partnerships with A and B are being negotiated": planned ones)
    elif m.count == 1 and _under_agreement(an, k) and (len({iri for iri, _ in m.own}) >= 2 or any(
            how == "partner" for _, how in m.own) and not _modal_clause(an, k) and _frame_holders(an, m)):
        # "X builds the plant under a cooperation agreement between X and Y", "X runs the plant
        # under a long-term contract with Y" (not "X will sell gas under a new agreement with Y": one to come)
        m.status = "asserted"
        if m.date is None and _earlier_year_in_clause(an, m) is not None:
            # "X had entered the field in 2016 through an agreement with Y": an older one, its clause's year
            m.date = _earlier_year_in_clause(an, m)
            m.status = "background"
    elif m.count == 1 and _included(an, m):
        m.status = "asserted"   # "Among them is a memorandum on X", "The pacts include an agreement on Y"
        m.cues.add("member")    # one of a set told before (the grouping drops it if there is none)
    elif m.count == 1 and not m.definite and _list_item(an, m):
        m.status = "asserted"   # "The following agreements were signed: - a memorandum between X and Y; - …"
        m.cues.add("listed")    # told apart from the others: the topics of its own line
    else:
        return None
    if weak and m.status != "asserted":
        return None
    if document and m.status in ("asserted", "background") and not m.definite:
        return None
    return m


LIST_MARKS = {"-", "–", "—", "•", "*", "·"}


def _list_item(an, m: AgreementMention) -> bool:
    """Whether an agreement word opens an item of a list set out line by line after a colon
    ("The following agreements were signed:" / "Folgende Vereinbarungen wurden unterzeichnet:",
    then "- a memorandum between X and Y;" per line): the item's sentence starts with a list mark
    right before the word's phrase, and the items before it lead back to a sentence ending in a
    colon that names agreements. Such an item is one of the agreements signed."""
    toks = an.tokens
    s = m.sent
    sent = an.sentences[s]
    if toks[sent.start].text not in LIST_MARKS or m.start - sent.start > 3:
        return False
    while s > 0:
        s -= 1
        prev = an.sentences[s]
        if toks[prev.end - 1].text == ":":
            return any("AgreementWord" in an.cats(k) for k in range(prev.start, prev.end))
        if toks[prev.start].text not in LIST_MARKS:
            return False
    return False


def _earlier_own_year(an, m: AgreementMention) -> bool:
    """The agreement word's own date ("of 1999", "from 2007", "signed in 2008") is in a year before
    the text's: an older agreement."""
    if m.date is None or m.date.kind not in ("absolute", "target") or not m.date.value or m.date.value.startswith("XXXX"):
        return False
    pub, _ = parse_published(an.doc.published)
    return pub is not None and int(m.date.value[:4]) < pub.year


def _lapsed(an, m: AgreementMention) -> bool:
    """An agreement word that is the subject of a verb of running out (lex:LapseVerb) in a past
    form, in a clause with no plan or negation: "the supply contract between A and B expired in
    December", "Der Vertrag mit A war Ende 2022 ausgelaufen", "wäre ohnehin ausgelaufen": it was
    concluded before (not "will expire", "läuft 2030 aus": the one just told may be meant)."""
    toks = an.tokens
    k = m.start
    if _modal_clause(an, k):
        return False
    for j in an.syntax.clause(k).tokens:
        if j < m.end or "LapseVerb" not in an.cats(j) or toks[j].pos != "VERB":
            continue
        if an.lang == "en":
            return toks[j].tag in ("VVD", "VVN") and (toks[j].tag == "VVD" or any(
                toks[i].pos == "AUX" and toks[i].fold in ("had", "has", "have") for i in range(m.end, j)))
        return toks[j].tag == "VV(PP)" and any(toks[i].pos == "AUX" and toks[i].lemma in ("sein", "haben")
                                                   for i in an.syntax.clause(k).tokens) \
            or toks[j].tag == "VV(FIN)" and not _present_tense(an, j)
    return False


def _included_in_signed(an, m: AgreementMention) -> bool:
    """An agreement word after an inclusion cue ("including", "among them", "darunter") of a
    signing told in the same sentence before the cue or in the sentence before ("Several deals were
    signed. Among them were a memorandum between X and Y …", "wurden mehrere Abkommen unterzeichnet,
    darunter eine Absichtserklärung zwischen X und Y"): one of those signed."""
    sent = an.sentences[m.sent]
    cue = next((j for j in range(sent.start, m.start) if "InclusionCue" in an.cats(j)), None)
    if cue is None:
        return False
    return any(p.kind in ("sign", "conclude") and p.mode == "asserted"
               and (p.sent == m.sent and p.head < cue or p.sent == m.sent - 1) for p in an.predicates)


def _included(an, m: AgreementMention) -> bool:
    """An indefinite agreement word in a sentence that lists what a plural told before includes:
    an inclusion cue or a verb of including before it in its sentence ("Among them is a
    memorandum …", "The other pacts include a memorandum on X, an agreement on Y …", "Darunter ist
    eine Absichtserklärung …")."""
    toks = an.tokens
    start = an.sentences[m.sent].start
    syn = an.syntax
    # (a verb of including in a relative clause of its own is about something else: "Für den
    # Versorger, der dem Staat gehört, …")
    return not m.definite and any("InclusionCue" in an.cats(j) or "IncludeVerb" in an.cats(j) and toks[j].pos == "VERB"
                                  and not (syn.clauses[syn.clause_of[j]].kind == "rel" and not syn.same_clause(j, m.start))
                                  for j in range(start, m.start))


def _existing_since(an, m: AgreementMention, k: int) -> bool:
    """An agreement that exists since a date its clause gives, held by the clause's actors: two
    or more of them (or a group noun for them) are its core arguments and no plan or negation is
    in it ("the countries have had an energy partnership since 2018", "Beide Länder verbindet
    seit 2018 eine Energiepartnerschaft"; not "have negotiated a deal since 2018"). Sets the date."""
    clause = an.syntax.clause(k).tokens
    inside = set(clause)
    if any(an.cats(j) & {"PlanCue", "NegationCue"} for j in clause):
        return False
    since = m.date if m.date is not None and m.date.kind == "since" else next(
        (d for d in an.dates if d.kind == "since" and d.value and an.tok_at(d.start) in inside), None)
    if since is None or not since.value:
        return False
    core = [a for a in an.actors_by_sent.get(an.sent_of[k], []) if a.start in inside and a.function == "core"]
    if not (len(core) >= 2 or any(a.kind == "group" and a.refers_to == "actor" and a.number != 1 for a in core)):
        return False
    m.date = since
    for a in core:   # the holders are its parties: "Die beiden Länder pflegen seit 2017 eine Energiepartnerschaft"
        if a.iri:
            m.own.append((a.iri, "modifier"))
        elif a.kind == "group" and a.refers_to == "actor":
            m.own.extend((iri, "modifier") for iri in group_actors(an, a, a.number))
    return True


def _modal_clause(an, k: int) -> bool:
    """A plan, a negation or a modal verb ("will", "soll") in the clause of token k."""
    return _plan_or_negation(an, k) or any(an.tokens[j].tag in MODAL_TAGS for j in an.syntax.clause(k).tokens)


def _plan_or_negation(an, k: int) -> bool:
    """A plan or a negation in the clause of token k (\"have negotiated a deal since 2018\")."""
    return any(an.cats(j) & {"PlanCue", "NegationCue"} for j in an.syntax.clause(k).tokens)


def _holders(an, m: AgreementMention) -> list[ActorMention]:
    """The subject before an agreement word in its clause, actors or a group of them ("A und B
    pflegen seit 2017 eine Partnerschaft", "the two countries have had a partnership since 2019")."""
    clause = set(an.syntax.clause(m.start).tokens)
    return [act for act in an.actors_by_sent.get(m.sent, []) if act.start in clause and act.start < m.start
            and act.function == "core" and (act.iri or act.kind == "group" and act.refers_to == "actor")]


def _earlier_year_in_clause(an, m: AgreementMention) -> DateMention | None:
    """An absolute date in the agreement word's clause in a year before the publication's."""
    pub, _ = parse_published(an.doc.published)
    if pub is None:
        return None
    clause = set(an.syntax.clause(m.start).tokens)
    for d in an.dates:
        if d.kind == "absolute" and d.value and d.value[:4].isdigit() and int(d.value[:4]) < pub.year \
                and an.tok_at(d.start) in clause:
            return d
    return None


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


# how many words may stand between a frame preposition and its agreement word ("im Rahmen des 2018
# mit Peru geschlossenen Abkommens": article, year, with-phrase and participle)
FRAME_REACH = 7


def _frame_word(an, k: int) -> bool:
    """Token ``k`` is a frame preposition (lex:FramePreposition: "under", "durch") or ends a
    content preposition (lex:ContentPreposition, one or more words: "im", "according to")."""
    toks = an.tokens
    return toks[k].fold in an.gaz.words("FramePreposition") or any(
        tuple(t.fold for t in toks[k - len(w) + 1:k + 1]) == w for w in an.gaz.lex_words("ContentPreposition"))


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
            or toks[k].fold in ("mit", "with") or k in names) and not _frame_word(an, k):
        k -= 1
    framed = k >= sent.start and (_frame_word(an, k) or "ExistenceCue" in an.cats(k) and toks[k].pos == "NOUN")
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


RELATIVE_PRONOUNS = {"which", "who", "that", "der", "die", "das", "welche", "welcher", "welches"}


def _older_adjective(an, k: int) -> bool:
    """An adjective of an older agreement in the word's own noun phrase: "the existing
    partnership", "ihrer bestehenden Energiepartnerschaft", "the previous deal"."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 4 and toks[j].pos in ("ADJ", "NOUN", "PROPN", "VERB", "NUM") and toks[j].text not in (",", "."):
        if "ExistenceCue" in an.cats(j) and toks[j].pos in ("ADJ", "VERB") and toks[j].fold not in ("since", "seit"):
            return True
        j -= 1
    return False


def _other_agreement_word(an, m: AgreementMention) -> bool:
    """Whether the mention's sentence names another agreement word (the newer one a basis
    phrase would be the basis of)."""
    sent = an.sentences[m.sent]
    return any("AgreementWord" in an.cats(j) and not (m.start <= j < m.end) for j in range(sent.start, sent.end))


def _older_attribute(an, k: int) -> bool:
    """An attribute of an older agreement in the word's own noun phrase: "the existing
    partnership", "ihrer bestehenden Energiepartnerschaft", "the previous deal"."""
    toks = an.tokens
    if _older_adjective(an, k):
        return True
    # a phrase that opens with a cue of an older one: "Building on the 2015 Lima Declaration, …",
    # "On the basis of the partnership, …"
    j = k - 1
    while j >= 0 and k - j <= 7 and toks[j].pos in ("ADJ", "NOUN", "PROPN", "NUM", "DET", "ADP", "VERB") \
            and toks[j].text not in (",", ".", ":", ";") and an.sent_of[j] == an.sent_of[k] and not an.syntax.finite(j):
        if "ExistenceCue" in an.cats(j) and toks[j].fold not in ("since", "seit") \
                and toks[j].pos in ("VERB", "ADP", "NOUN", "ADJ"):
            start = an.sentences[an.sent_of[k]].start
            while j > start and "ExistenceCue" in an.cats(j - 1):
                j -= 1      # "on the basis of": back to the first word of the cue
            if j > start and toks[j - 1].pos == "ADP":
                j -= 1      # "Im Rahmen der …", "Auf Grundlage …"
            return j == start or toks[j - 1].text in (",", ";", ":", "–")
        j -= 1
    return False


def _supply_words(an, m: AgreementMention) -> bool:
    """A generic agreement word that names a sale: a supply word right before it ("power purchase
    deal", "supply pact") or heading its content ("an agreement with X for the supply of LNG", "to
    buy", "eine Vereinbarung über die Lieferung von"). Word list SupplyWord; German compounds by
    their head ("Gaslieferungen")."""
    toks = an.tokens
    words = an.gaz.words("SupplyWord")

    def supply(j: int) -> bool:
        f, lemma = toks[j].fold, fold(toks[j].lemma or "")
        return f in words or lemma in words or an.lang == "de" and toks[j].pos == "NOUN" \
            and any(f.endswith(w) for w in words if len(w) > 4)

    if m.start > 0 and supply(m.start - 1) and toks[m.start - 1].pos in ("NOUN", "PROPN", "ADJ"):
        return True
    end = an.sentences[m.sent].end
    j = m.end
    while j < end and j - m.end < 10:
        t = toks[j]
        if t.text in (".", ";", ":", ",") or t.pos in ("VERB", "AUX") and t.fold not in words and fold(t.lemma or "") not in words:
            return False
        if t.fold in CONTENT_PREPOSITIONS:
            k = j + 1
            while k < end and toks[k].pos in ("DET", "ADJ", "PART"):
                k += 1
            if k < end and supply(k):
                return True
        j += 1
    return False


def _under_agreement(an, k: int) -> bool:
    """An indefinite agreement word after "under"/"unter"/"im Rahmen" ("under a cooperation agreement
    between A and B"): something is done under it, so it exists."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 4 and toks[j].pos in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and toks[j].fold not in DEFINITE_ARTICLES:
        j -= 1
    return j >= 0 and toks[j].fold in an.gaz.words("FramePreposition") \
        or j >= 1 and toks[j - 1].fold == "im" and toks[j].fold == "rahmen"


def _content_phrase(an, k: int) -> bool:
    """A definite agreement word in a phrase that opens its clause: "Under the deal, …",
    "Mit dem Abkommen verpflichten sich …", "Im Rahmen der Vereinbarung …", "Laut dem Vertrag …" (the
    preposition from lex:ContentPhrasePreposition); also an indefinite one that a participle makes
    specific ("Under a supply agreement signed on Friday, X will …")."""
    toks = an.tokens
    clause = an.syntax.clause(k)
    first = clause.start
    preps = an.gaz.words("ContentPhrasePreposition")
    if not (k - first <= 4 and any(toks[j].fold in preps for j in range(first, k))):
        return False
    if _definite(an, k):
        return True
    # "Under an investment agreement signed on Friday, …": an indefinite one its own participle makes specific
    return any(q.attributive and q.kind in ("sign", "conclude") and k < q.head <= k + 4
               and an.syntax.same_clause(k, q.head) for q in _predicates_in(an, an.sent_of[k]))


def _verb_between(an, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return any(an.tokens[j].pos == "VERB" for j in range(lo + 1, hi))


def _taken(an, m: AgreementMention, preds: list[Predicate]) -> set[int]:
    """Predicates nearer to another agreement word of the same clause ("The deal renews an MoU
    the two signed in 2015": "renews" is the deal's, "signed" the MoU's)."""
    toks = an.tokens
    words = [k for k in an.syntax.clause(m.start).tokens if k != m.start and an.cats(k) & {"AgreementWord"}
             and (k < m.start or k >= m.end) and an.lex_at[k].start == k]
    taken = set()
    for p in preds:
        mine = abs(p.head - m.start)
        if any(abs(p.head - w) < mine for w in words):
            taken.add(p.head)
    return taken


def _beyond_other(an, m: AgreementMention, p: Predicate) -> bool:
    """"The deal renews an MoU the two signed": a predicate after another agreement word that
    follows a verb of this one's belongs to that other word."""
    toks = an.tokens
    if p.head <= m.end:
        return False
    for w in range(m.end, p.head):
        if "AgreementWord" in an.cats(w) and any(toks[j].pos in ("VERB", "AUX") for j in range(m.end, w)):
            return True
    return False


def _in_phrase(an, k: int) -> bool:
    """A word inside a prepositional phrase or a name: not the object of a predicate."""
    toks = an.tokens
    if an.org_at(k) is not None or k in an.role_tokens:
        return True
    j = k - 1
    while j >= 0 and k - j <= 3 and toks[j].pos in ("DET", "ADJ", "NUM"):
        j -= 1
    return j >= 0 and toks[j].pos == "ADP"


def _vague_before(an, k: int) -> bool:
    """A German plural that looks like its singular, with an indefinite number right before it:
    "mehrere Abkommen", "eine Reihe von Abkommen", or a tally too high to name ("mehr als 20 Abkommen")."""
    toks = an.tokens
    vague = an.gaz.words("VagueQuantity")
    return k >= 1 and (toks[k - 1].fold in vague or k >= 2 and toks[k - 1].fold in ("von", "an")
                       and (toks[k - 2].fold in vague or toks[k - 2].lemma in vague)
                       or toks[k - 1].text.isdigit() and MANY <= int(toks[k - 1].text) < 1000)   # "über 20 Abkommen"


def _vague(an, k: int) -> bool:
    """A plural agreement word of no definite number: "a range of deals", "mehrere Abkommen"
    (the words are the lexicon's VagueQuantity list)."""
    toks = an.tokens
    vague = an.gaz.words("VagueQuantity")
    for j in range(max(0, k - 4), k):
        if toks[j].fold in vague or toks[j].lemma in vague:
            return True
        if toks[j].text.isdigit() and MANY <= int(toks[j].text) < 1000:
            return True   # "mehr als 20 Abkommen", "some 30 deals": a tally, too many to name (not a year)
    return False


MANY = 20   # agreements counted with a number this high are a tally of a visit, not ones we can name


def _signing_asserts(an, p: Predicate, m: AgreementMention) -> bool:
    """"the signing of three MoUs", "nach der Unterzeichnung des Abkommens": a signing noun
    asserts the agreement in its complement."""
    toks = an.tokens
    lexm = an.lex_at.get(p.head)
    j = lexm.end if lexm is not None and lexm.end > p.head else p.head + 1
    if j < len(toks) and toks[j].pos == "NOUN" and toks[j].text[:1].islower() and an.lang == "en":
        j += 1   # "the signing ceremony for the lithium agreement"
    if j < len(toks) and toks[j].fold in ("of", "for", "des", "der", "von", "eines", "einer", "zweier", "dreier",
                                          "fur", "zur", "zum"):
        return m.start <= j + 4 and m.start > p.head
    return False


def _definite(an, k: int) -> bool:
    toks = an.tokens
    j = k - 1
    steps = 0
    while j >= 0 and steps < 4:
        f = toks[j].fold
        if f in ("the", "der", "die", "das", "den", "dem", "des", "this", "these", "that", "those", "dieses", "diese",
                 "dieser", "diesen", "diesem", "its", "their", "ihre", "ihrer", "ihren", "seine", "seiner", "beide",
                 "beiden", "both"):
            return True
        if f in ("a", "an", "ein", "eine", "einer", "einen", "eines", "einem") or toks[j].text in (",", ";", ":", "(", "."):
            return False
        if toks[j].pos in ("VERB", "AUX", "ADP") and toks[j].tag not in ("VV(PP)", "VVN"):
            return False   # but over a participle: "das unterzeichnete Papier", "the signed deal"
        if an.lang == "de" and toks[j].tag == "VV(PP)" and prenominal_article(an, j) is not None:
            j = prenominal_article(an, j)   # and over a whole participle attribute: "das am Montag
            continue                        # zwischen A und B unterzeichnete Abkommen" (its article decides)
        j -= 1
        steps += 1
    return False


def _count(an, k: int, end: int) -> int:
    """1 for a singular agreement word, the numeral before a plural one, 0 for a plural of unknown size."""
    toks = an.tokens
    head = next((j for j in range(k + 1, end) if toks[j].pos == "ADP"), end)   # "Memorandums of Understanding"
    last = toks[head - 1]
    plural = (last.tag in ("NN2",) or (an.lang == "de" and last.fold != last.lemma and not last.fold.endswith("s"))
              or last.fold in ("mous", "memoranda", "memorandums"))
    if an.lang == "en" and last.text.endswith("s") and last.lemma != last.fold:
        plural = True   # also a plural noun the tagger took for a verb: "a set of energy deals"
    if an.lang == "de" and not plural and head - 1 == k and last.fold.endswith("en") and last.fold == fold(last.lemma):
        plural = _neuter_plural(an, k)   # "ähnliche Abkommen mit A und B", "die beiden Abkommen"
    j = k - 1
    while j >= 0 and k - j <= 3 and (toks[j].pos in ("ADJ", "NOUN") and not toks[j].text[:1].isupper() or toks[j].pos == "ADJ"
                                      or toks[j].text == "-" or _attributive_participle(an, j)):
        j -= 1
    in_name = j > 0 and j > an.sentences[an.sent_of[j]].start and toks[j - 1].is_title and toks[j - 1].pos != "DET" \
        and toks[j].text.isdigit()
    if j >= 0 and not in_name:   # "the Under 2 MOU": a number inside a name counts nothing
        numm = an.lex_at.get(j)
        if numm is not None and "Numeral" in numm.cats:
            n = next((an.gaz.lexicon[x].number for x in numm.data.get("lex", []) if an.gaz.lexicon[x].number), 0)
            if n >= 2:
                return n
        if toks[j].text.isdigit() and 1 < int(toks[j].text) < 20 and toks[j + 1].text != "-":
            return int(toks[j].text)   # not "a 14-year contract"
    return 0 if plural else 1


def _attributive_participle(an, j: int) -> bool:
    """A German inflected adjective the tagger took for a verb, before a noun ("zwei getrennte
    Verträge", "zwei separate Lieferverträge"): lowercase, not finite, with an adjective ending."""
    tok = an.tokens[j]
    return an.lang == "de" and tok.pos == "VERB" and tok.text[:1].islower() and tok.fold.endswith(("e", "en", "er", "es", "em")) \
        and j + 1 < len(an.tokens) and an.tokens[j + 1].pos == "NOUN" and not an.syntax.finite(j)


NEUTER_SINGULAR_DETERMINERS = {"das", "dem", "des", "ein", "einem", "eines", "dieses", "diesem", "jedes", "jedem",
                               "kein", "keinem", "keines", "sein", "seinem", "ihr", "ihrem", "unser", "welches"}


def _neuter_plural(an, k: int) -> bool:
    """A German neuter noun in -en whose plural is its singular ("Abkommen", "Übereinkommen"): plural
    when its determiner is not a neuter singular one ("die", "den", "der", "diese", "zwei"), or when
    it has none ("schlossen ähnliche Abkommen mit A und B"; a singular count noun needs one)."""
    toks = an.tokens
    j = k - 1
    start = an.sentences[an.sent_of[k]].start
    while j >= start and toks[j].pos in ("ADJ", "ADV", "NUM") and toks[j].fold not in NEUTER_SINGULAR_DETERMINERS:
        j -= 1
    if j > start and toks[j].tag == "VV(PP)" and an.cats(j) & {"SigningVerb", "ConcludingVerb"} \
            and prenominal_article(an, j) is not None:
        # the article of a signing participle's attribute: "das zwischen A und B unterzeichnete Abkommen"
        # is one, whose sides its between-phrase names
        j = prenominal_article(an, j)
    if j >= start and (toks[j].pos in ("DET", "PRON") or toks[j].fold in NEUTER_SINGULAR_DETERMINERS):
        return toks[j].fold not in NEUTER_SINGULAR_DETERMINERS
    if j >= start and toks[j].pos == "ADP" and toks[j].tag == "APPRART":
        return False   # "im Abkommen", "zum Abkommen": a preposition with the singular article
    return not (j >= start and toks[j].pos == "PROPN")   # "Chiles Abkommen": a genitive is its determiner


def _ordinal_before(an, k: int) -> int | None:
    toks = an.tokens
    for j in (k - 1, k - 2):
        if j >= 0:
            lexm = an.lex_at.get(j)
            if lexm is not None and "Ordinal" in lexm.cats:
                return next((an.gaz.lexicon[x].number for x in lexm.data.get("lex", []) if an.gaz.lexicon[x].number), None)
            if toks[j].pos not in ("DET", "ADJ"):
                break
    return None


def _cues(an, tokens, start: int | None = None, end: int | None = None) -> set[str]:
    """Cue words in a clause: an older agreement ("existing", "earlier"), one more of the same
    kind ("also", "another"), one per partner ("each", "separate", "respectively")."""
    out = set()
    for j in tokens:
        cats = an.cats(j)
        if end is not None and j >= end and cats & {"AdditionCue", "DistributiveCue"} \
                and any("AgreementWord" in an.cats(x) for x in range(j + 1, min(len(an.tokens), j + 4))):
            continue   # "a memorandum and a separate agreement": the cue is the other word's
        if "ExistenceCue" in cats:
            # "within the existing …", "bereits bestehende", "renews an MoU": before the word only
            if start is None or (start - 4 <= j < start):
                out.add("existing")
        if "AdditionCue" in cats:
            out.add("addition")
        if "CorrespondenceCue" in cats and (start is None or start - 3 <= j < start):
            out.add("corresponding")   # "eine entsprechende Absichtserklärung": the document of the one just told
        if "DistributiveCue" in cats and not ("RespectivelyCue" in cats and _in_role_apposition(an, j)):
            out.add("each")
        if "AnaphoricTime" in cats and an.tokens[j].fold not in ("there", "dort"):
            out.add("existing")   # "in that year … the deal", "damals"
    return out


def _in_role_apposition(an, j: int) -> bool:
    """"A and B, the energy ministers of Norway and Poland respectively, signed …": a
    "respectively" inside an apposition that opens with a comma and holds a role title pairs the
    persons with their offices, not the partners with agreements."""
    toks = an.tokens
    role = False
    for x in range(j - 1, max(-1, j - 12), -1):
        if toks[x].text == ",":
            return role
        if toks[x].text in (".", ";", ":") or toks[x].pos in ("VERB", "AUX"):
            return False
        role = role or "RoleTitle" in an.cats(x)
    return False


def _own_date(an, m: AgreementMention) -> DateMention | None:
    """A date that belongs to the agreement word itself ("the Oslo Declaration of 2012", "seit
    2019", "das Abkommen vom 15. Mai") or to its attributive predicate ("concluded on …")."""
    toks = an.tokens
    p = m.predicate
    # the end of the word's own between/with phrase ("das Abkommen zwischen A und B [von 2006]")
    reach = max([a.end for a in an.actors_by_sent.get(m.sent, []) if a.function in ("agr", "between")
                 and a.head is not None and m.start <= a.head < m.end], default=None)
    for d in _dates_in(an, m.sent):
        if not d.value:
            continue
        k = an.tok_at(d.start)
        # the preposition of the year, past "dem Jahr"/"the year": "ein Vertrag aus dem Jahr 1995"
        kp = k - 3 if k >= 3 and toks[k - 1].fold in YEAR_NOUN and toks[k - 2].pos == "DET" else k - 1
        if reach is not None and kp == reach and d.kind == "absolute" and toks[kp].fold in YEAR_OF:
            return d   # "das Abkommen zwischen Deutschland und Russland von 2006", "the treaty with Peru of 1999"
        if p is None and reach is not None and kp == reach and d.kind == "weekday" and toks[kp].fold == "vom":
            return d   # "das Abkommen zwischen A und B vom Dienstag": the one made that day
        if p is None and d.kind == "absolute" and d.precision != "year" \
                and (toks[kp].fold in DATED_BY or toks[kp].fold in an.gaz.words("DatingWord")) \
                and _in_own_phrase(an, m, kp) and not _span_follows(an, d):
            return d   # "das Abkommen zwischen A und B über Wasserstoff vom 7. März 2023", "the accord …, dated 12 March"
        if p is None and an.lang == "en" and d.kind == "absolute" and d.precision != "year" and k > 0 and toks[k - 1].pos == "DET" \
                and an.tok_at(d.end - 1) < m.start and all(toks[j].pos in ("NOUN", "ADJ") and not toks[j].is_title
                                                           for j in range(an.tok_at(d.end - 1) + 1, m.start)):
            return d   # "the March 7, 2023 agreement", "the May 2023 gas deal": a day or month before the word dates it
        if p is None and an.lang == "en" and d.kind == "weekday" and d.value and an.tok_at(d.end - 1) + 1 < m.start \
                and toks[an.tok_at(d.end - 1) + 1].text in ("'s", "’s") \
                and all(toks[j].pos in ("NOUN", "ADJ") and not toks[j].is_title for j in range(an.tok_at(d.end - 1) + 2, m.start)):
            return d   # "Tuesday's agreement between A and B": the one signed that day
        if _name_year(an, d, k):
            continue
        if d.kind == "target" and not (m.end <= kp + 1 <= m.end + 3 and toks[kp].fold in ("from", "vom", "aus", "of", "von")
                                       and (d.precision != "day" or k == m.end + 1)):
            continue   # "an accord from 2015" is its date; "by 2030", "a contract effective from 1 July" are targets
        if p is not None and p.attributive and k in p.tokens:
            return d
        if any(q.attributive and q.kind in ("sign", "conclude") and m.end <= q.head <= m.end + 1 and k in q.tokens
               for q in _predicates_in(an, m.sent)):
            return d   # "agreed on it in a memorandum signed in 2006": the participle right after the word dates it
        if m.end <= kp + 1 <= m.end + 3 and (toks[kp].fold in ("of", "von", "vom", "aus", "from", "seit", "since")
                                         and not _span_follows(an, d) or d.kind == "since"):
            return d
        if k == _capitalised_title_end(an, m) + 1 and toks[k - 1].fold in ("of", "from") and d.precision == "year":
            return d   # "the Lima Declaration on Clean Energy Cooperation of 2015"
        if d.kind == "since" and m.end <= k <= m.end + 8:
            return d
        if k == m.start - 1 and d.precision == "year":
            return d
        if d.kind == "since" and k < m.start and m.start - an.tok_at(d.end - 1) <= 4 and \
                all(toks[j].pos in ("DET", "ADJ") for j in range(an.tok_at(d.end - 1) + 1, m.start)):
            return d   # "pflegen seit 2017 eine Energiepartnerschaft"
        if m.start - 3 <= k < m.start - 1 and d.precision == "year" and an.tok_at(d.end - 1) < m.start and \
                all(toks[j].pos in ("ADJ", "VERB") and toks[j].tag in ("ADJ(A)", "VV(PP)", "VVN", "AJ0")
                    or toks[j].pos == "PROPN" and toks[j].is_title and an.lang == "en"
                    for j in range(an.tok_at(d.end - 1) + 1, m.start)):
            return d   # "die 2021 gegründete Energiepartnerschaft", "the 2019 signed framework", "the 2015 Lima Declaration"
        if an.lang == "en" and m.start - 4 <= k < m.start - 1 and d.precision == "year" and k > 0 \
                and (toks[k - 1].pos == "DET" or toks[k - 1].tag == "POS" or toks[k - 1].text == "'" and k > 1
                     and toks[k - 2].fold.endswith("s")) and an.tok_at(d.end - 1) < m.start and \
                all(toks[j].pos in ("NOUN", "ADJ") and not toks[j].is_title for j in range(an.tok_at(d.end - 1) + 1, m.start)):
            return d   # "a 2010 energy agreement", "the countries' 2018 wind energy pact": the year before its modifiers
    return None


# the prepositions before a day or month that date the agreement word whose phrase they end ("vom
# 7. März", "of 7 March"; also a lex:DatingWord, "dated 7 March"); "von", "from", "aus" before a day
# tell where something starts
DATED_BY = {"vom", "of"}


def _in_own_phrase(an, m: AgreementMention, kp: int) -> bool:
    """Whether ``kp`` ends the agreement word's own phrase (its between- or with-phrase and its
    topic: "zwischen A und B über Wasserstoff"): at most twelve words of one clause after the word,
    with no verb and no punctuation (but a comma right before "dated")."""
    toks = an.tokens
    if not m.end <= kp <= m.end + 12 or kp >= an.sentences[m.sent].end:
        return False
    for j in range(m.end, kp):
        if toks[j].pos in ("VERB", "AUX") or not an.syntax.same_clause(j, m.start):
            return False
        if toks[j].pos == "PUNCT" and not (j == kp - 1 and toks[j].text == "," and toks[kp].fold in an.gaz.words("DatingWord")):
            return False
    return True


def _span_follows(an, d: DateMention) -> bool:
    """A date that opens a span ("vom 1. Oktober an", "vom 1. Oktober bis zum 30. Juni", "of 1 July
    to 30 June"): the time something runs, not the day it was made."""
    toks = an.tokens
    e = an.tok_at(d.end - 1) + 1
    if e >= len(toks):
        return False
    if toks[e].fold == "an":   # "vom 1. Oktober an", not a verb's particle ("knüpft an eine Erklärung von 2012 an")
        k = an.tok_at(d.start)
        return d.precision != "year" and k > 0 and toks[k - 1].fold == "vom"
    return toks[e].fold in ("bis", "to", "until", "through", "till", "-", "–")


def _capitalised_title_end(an, m: AgreementMention) -> int:
    """The end of a capitalised English title after the agreement word: "Declaration [on Clean
    Energy Cooperation]" (small words only between capitalised ones)."""
    toks = an.tokens
    end = e = m.end
    sent_end = an.sentences[m.sent].end
    while an.lang == "en" and e < sent_end and e - m.end < 10:
        if toks[e].is_title and toks[e].pos in ("NOUN", "PROPN", "ADJ") and not _strong_agreement_word(an, e):
            e += 1
            end = e
        elif toks[e].fold in ("on", "for", "and", "the", "in", "to", "of") and e + 1 < sent_end and toks[e + 1].is_title:
            e += 1
        else:
            break
    return end


def _strong_agreement_word(an, k: int) -> bool:
    """An agreement word that names an agreement on its own (not "Cooperation", "Partnership" inside a title)."""
    lexm = an.lex_at.get(k)
    if lexm is None or "AgreementWord" not in lexm.cats:
        return False
    lexes = [an.gaz.lexicon[x] for x in lexm.data.get("lex", [lexm.iri]) if x in an.gaz.lexicon]
    return not any(x.category == "AgreementWord" and x.weak for x in lexes)


def _named(an, m: AgreementMention) -> bool:
    """A capitalised agreement name ("the Oslo Declaration", "Framework Agreement") mid-sentence."""
    toks = an.tokens
    sent = an.sentences[m.sent]
    return toks[m.start].text[:1].isupper() and m.start > sent.start and an.lang == "en" or bool(m.title and '"' in m.title)


def _named_de(an, m: AgreementMention) -> bool:
    """A German agreement name (every German noun is capitalised, so the English test does not
    apply): named after a place, "das Abkommen von Brasília", "der Aachener Vertrag"."""
    toks = an.tokens
    if an.lang != "de":
        return False
    before = toks[m.start - 1] if m.start > 0 else None
    if before is not None and before.text[:1].isupper() and before.fold.endswith("er") and before.pos in ("ADJ", "PROPN"):
        return True
    return m.end + 1 < len(toks) and toks[m.end].fold == "von" and an.entity_at(m.end + 1) is not None \
        and an.entity_at(m.end + 1).kind == "place"


def _title(an, m: AgreementMention) -> str | None:
    from kg.extract.tokens import join_tokens

    toks = an.tokens
    sent = an.sentences[m.sent]
    # inside or right after quotes
    for k in range(max(sent.start, m.start - 3), min(sent.end, m.end + 2)):
        if toks[k].text in ("„", "“", "\"", "‚", "‘", "«"):
            e = k + 1
            while e < sent.end and toks[e].text not in ("“", "”", "\"", "‘", "’", "»"):
                e += 1
            if e < sent.end and e > k + 1 and (k < m.end and e >= m.start or k >= m.end):
                return join_tokens(toks[k + 1:e])
    s = m.start
    while s > sent.start and toks[s - 1].is_title and m.start - s < 4 and toks[s - 1].fold not in ("the", "der", "die", "das") \
            and (an.entity_at(s - 1) is None or an.entity_at(s - 1).kind == "place") and s - 1 != sent.start \
            and not (an.entity_at(s - 1) is not None and toks[s - 2].pos == "ADP"):
        s -= 1   # "the Oslo Declaration", "Framework Agreement"; not "in Berlin Verträge"
    e = m.end
    if e < sent.end and toks[e].fold in ("uber", "on", "zur", "zum", "of", "to", "between", "zwischen", "about", "regarding"):
        e += 1
        while e < sent.end and e - m.end < 9 and toks[e].text not in (",", ".", ";", ":", "–", "(") \
                and not (toks[e].pos == "CCONJ" and e + 1 < sent.end and toks[e + 1].pos in ("DET", "NUM")) \
                and not an.cats(e) & {"SigningVerb", "ConcludingVerb", "RoleTitle"} \
                and toks[e].pos not in ("VERB", "AUX", "ADV") and an.syntax.same_clause(e, m.start) \
                and toks[e].fold not in ("as", "sowie") \
                and e not in an.person_at and an.dates_at(e) is None:
            e += 1
    while e > m.end and toks[e - 1].pos in ("ADP", "DET", "CCONJ", "PART"):
        e -= 1   # no dangling "on" when a date follows, no "deal to"
    return join_tokens(toks[s:e])


def _ordinal_mentions(an, mentions: list[AgreementMention], by_clause) -> list[AgreementMention]:
    """"The second was signed with X, the third with Y", "in the second Z": ordinals that
    point into a set of agreements announced before, without an agreement word of their own."""
    toks = an.tokens
    out = []
    taken = {m.start for m in mentions}
    for k, lexm in sorted(an.lex_at.items()):
        if lexm.start != k or not lexm.cats & {"Ordinal", "PairOrdinal"}:
            continue
        if "PairOrdinal" in lexm.cats and not (lexm.end < len(toks) and toks[lexm.end].pos == "ADP"):
            continue   # only "one on X, the other on Y", "eines zu X, das andere zu Y"
        nxt = lexm.end
        word = nxt
        while word < len(toks) and (toks[word].pos in ("ADJ", "NUM") or toks[word].pos == "ADV" and word + 1 < len(toks)
                                    and toks[word + 1].pos == "ADJ"):
            word += 1   # "the first official visit", "the fourth most populous province"
        if word < len(toks) and (toks[word].pos in ("NOUN", "PROPN") and not an.cats(word) & {"AgreementWord", "DocumentWord"}):
            continue
        if nxt < len(toks) and toks[nxt].fold in ("of", "von", "der", "unter") and not any(
                an.cats(j) & {"AgreementWord", "DocumentWord"} or toks[j].fold in ("them", "these", "ihnen", "diesen")
                for j in range(nxt + 1, min(len(toks), nxt + 5))):
            continue   # "one of India's main suppliers" points at no agreement
        if k > 0 and toks[k - 1].fold in AS_WORDS:
            continue   # "als Dritte im Bunde"
        if k > 0 and toks[k - 1].pos in ("AUX", "VERB") and nxt < len(toks) and toks[nxt].pos == "VERB":
            continue   # "the ministry had first approved the plan": an adverb of time, no agreement
        implicit = next((m for m in mentions if m.implicit and m.start in (nxt, nxt + 1) and m.predicate is not None
                         and m.sent == an.sent_of[k]), None)
        if any(t in taken for t in range(nxt, nxt + 2)) and implicit is None:
            continue   # ("The first was signed with X": the ordinal, not the bare verb, is the mention)
        if not any(m.count != 1 and m.start < k for m in mentions):
            continue
        n = next((an.gaz.lexicon[x].number for x in lexm.data.get("lex", []) if an.gaz.lexicon[x].number), None)
        if "PairOrdinal" in lexm.cats:
            # "one on X and one on Y", "one on X, the other on Y": the n-th of the sentence
            n = 1 + sum(1 for x in out if x.sent == an.sent_of[k])
        m = AgreementMention(0, k, lexm.end, an.sent_of[k], implicit=True, definite=True, ordinal=n, status="reference")
        m.replaces = implicit
        clause = an.syntax.clause_of[k]
        preds = [p for p in by_clause.get(clause, []) if p.kind in ("sign", "conclude") and k in p.tokens]
        if preds:
            m.predicate = preds[0]
        out.append(m)
    return out


# ====================================================================== arguments
@dataclass
class Args:
    agents: list[ActorMention] = field(default_factory=list)
    partners: list[ActorMention] = field(default_factory=list)
    sides: list[ActorMention] = field(default_factory=list)
    elab: list[ActorMention] = field(default_factory=list)       # names listed after a colon
    signers: list[Mention] = field(default_factory=list)
    witnesses: list[Mention] = field(default_factory=list)
    person_groups: list[ActorMention] = field(default_factory=list)


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
        if a.start not in p.tokens and _infinitive_partner(an, p, a):
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
                args.elab.append(a)
            elif an.lang == "en" and a.start > p.head and not p.noun and a.kind != "group" and p.voice != "passive":
                if _award_recipient(an, p, a):
                    args.partners.append(a)   # "Kappa Power awarded Siemens a contract": the one given it
                continue       # an object: "X signed Y" is rare, "X thanked Y" is not an argument
            else:
                args.agents.append(a)   # a passive subject is the one given the contract
        elif f == "between" and _line_end(an, a):
            line_ends.append(a)   # "a contract for the pipeline between Baku and Ceyhan": places, not parties
        elif f in ("with", "between"):
            if not _in_own_relative(an, p, a):
                args.partners.append(a)
        elif (f in ("loc", "mod", "pp") or f == "by" and p.voice == "active" and not p.noun) \
                and a.iri and an.kind_of(a.iri) == "org" and (_trade_partner(an, p, a) or _award_recipient(an, p, a)):
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
    if line_ends and not any(x.iri or x.kind == "group" for x in args.agents + args.partners):
        args.partners += line_ends   # "an agreement on the pipeline between A and B was signed": no one else named
    if p.kind in ("sign", "conclude"):
        # "Minister X, who signed the memorandum", "X and Y, who signed the accord on Monday"
        args.signers += _antecedent_persons(an, p)
    if not args.agents and not args.person_groups:
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
            if pm.start not in p.tokens:
                continue
            role = person_role(an, pm)
            if role == "witness" or (role == "core" and _watches(an, pm, p)):
                args.witnesses.append(pm)
            elif role in ("core", "with") or (role == "by" and (p.voice == "passive" or p.noun) and not _other_verb(an, p, pm)) \
                    or (role == "between" and p.kind in ("sign", "conclude")) \
                    or (role == "pp" and p.noun and p.kind == "sign") or (role == "by" and represented(an, pm)):
                if p.kind == "signing" and role == "core":
                    continue
                args.signers.append(pm)
    _ARGS[key] = args
    return args


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
# the singular ones that stand for a person ("He looked on": _pronoun_antecedent)
PERSON_SUBJECT_PRONOUNS = frozenset(w for w, n in SUBJECT_PRONOUNS.items() if n == 1) - {"es", "it"}


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
            info = an.persons.get(last.iri)
            side = (info.side or info.affiliation) if info is not None else None
            if p.kind == "cooperate" and number == 1 and side and an.kind_of(side) in ("country", "region", "org"):
                # "He pledged to work closely with the Czech Republic": whom the person speaks for
                args.agents.append(ActorMention(last.start, last.end, side, an.kind_of(side), "name", sent))
                return
            if p.kind in ("sign", "conclude"):
                last = next(pm for pm in persons if pm.start == last_person)
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


def _watches(an, pm: Mention, p: Predicate) -> bool:
    """"X and Y looked on as A and B signed": a person whose verb, before the signing one, is a
    verb of presence."""
    toks = an.tokens
    for k in range(pm.end, p.head):
        if toks[k].pos in ("VERB", "AUX") and an.syntax.finite(k):
            if "WitnessCue" in an.cats(k):
                return not _negated_presence(an, pm, k, p)
            if toks[k].pos != "AUX":
                return False
            for j in range(k + 1, min(p.head, k + 4)):   # "were present when …", "waren zugegen, als …"
                if "WitnessCue" in an.cats(j) and toks[j].pos in ("ADJ", "ADV", "ADP", "VERB"):
                    return not _negated_presence(an, pm, j, p)
                if toks[j].pos in ("VERB", "AUX", "SCONJ", "PUNCT"):
                    break
            return False
    return False


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
           for j in range(lo + 1, hi)):   # "die Unterzeichnung erfolgte durch X": no verb of its own
        return True
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
    for k in sorted(p.tokens):
        if an.lang == "en" and k > p.head:
            break
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
                  and a.function == "core" and (a.iri or a.kind == "group") and a.start > comp]
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


def _antecedent_actor(an, p: Predicate) -> ActorMention | None:
    """The actor a relative clause hangs from, when the relative pronoun is its subject."""
    clause = an.syntax.clauses[p.clause]
    if clause.kind != "rel" or clause.antecedent is None:
        return None
    first = an.tokens[clause.start]
    if first.pos == "ADP":
        return None   # "with which …", "mit dem …": not the subject
    near = [a for a in an.actors_by_sent.get(p.sent, [])
            if a.iri and a.start <= clause.antecedent < a.end + 2 and a.function != "loc"]
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


def _side_phrase(an, p: Predicate, a: ActorMention) -> bool:
    """"Für Norwegen unterschrieb X", "X signed for Italy": a for-phrase before the verb or right
    after it or after a signer, not "build a plant for Y"."""
    toks = an.tokens
    prep = _side_start(an, a)   # the first word of "on behalf of", "im Namen"
    if a.start < p.head or prep - 1 == p.head or (prep - 1) in an.person_at or prep - 1 in an.role_tokens:
        return True
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


def _named_after_complement(an, act: ActorMention) -> bool:
    """The office-holders of a role's complement are named right after it ("the ministers of A
    and B, X and Y"): a comma and a person after the complement's last name."""
    end = max(x.end for x in an.actors_by_sent.get(act.sent, []) if x.function == "affil" and x.head == act.head)
    toks = an.tokens
    return end + 1 < len(toks) and toks[end].text == "," and end + 1 in an.person_at


def _person_group_noun(an, k: int) -> bool:
    """Whether the lexicon match at token k is a lex:GroupNoun entry for persons ("leaders", "Vertreter",
    "officials"): a noun for several office-holders or representatives, not for actors."""
    lexm = an.lex_at.get(k)
    return lexm is not None and "GroupNoun" in lexm.cats \
        and any(an.gaz.lexicon[x].refers_to == "person" for x in lexm.data.get("lex", []))


def _acting_persons(an, p: Predicate, k: int) -> bool:
    """A noun for a group of persons ("Vertreter", "representatives", "officials") that is an
    argument of the predicate (its subject, or the by-phrase of a passive)."""
    if not _person_group_noun(an, k):
        return False
    lexm = an.lex_at[k]
    if lexm.end in an.person_at or k in an.person_at or _apposed_to_person(an, k):
        return False   # "Peruvian Prime Minister Jan Muster", "Jan Muster, the Peruvian minister": a named person's title
    role = an.syntax.role(k, k + 1)
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
    if nxt < len(toks) and (nxt in an.person_at or an.org_at(nxt) is not None
                            or toks[nxt].pos == "PROPN" and an.entity_at(nxt) is None):
        return False   # "fund manager Copenhagen Infrastructure Partners": it describes a name
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
    if not args.agents and len(args.partners) == 1 and args.partners[0].function == "agr":
        # "die Kooperation der X mit Y", "the cooperation of X with Y": the genitive or of-phrase
        # right after the noun cooperates with the with-phrase right after it
        owner = args.partners[0]
        if _right_after(an, p.head, owner.start):
            nxt = next((a for a in an.actors_by_sent.get(p.sent, []) if a.iri and a.function == "with"
                        and a.head in (None, p.head) and a.start > owner.end
                        and all(an.tokens[j].pos == "DET" or an.tokens[j].fold in WITH_PREPS for j in range(owner.end, a.start))), None)
            if nxt is not None:
                args.agents.append(owner)
                args.partners = [nxt]
    j = p.head - 1
    while j >= 0 and toks[j].pos in ("ADJ", "NOUN", "PROPN") and p.head - j <= 3 and toks[j].fold not in POSSESSIVE_DETERMINERS:
        j -= 1
    if j >= 0 and toks[j].fold in POSSESSIVE_DETERMINERS:
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
    j = k - 1
    while j >= 0 and k - j <= 3 and toks[j].pos == "ADJ":
        j -= 1
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
    words = an.gaz.__dict__.get("_subordinators")
    if words is None:   # (both languages' lists, joined once per gazetteer)
        words = an.gaz.__dict__["_subordinators"] = an.gaz.words("EnglishSubordinator") | an.gaz.words("GermanSubordinator")
    return any(an.tokens[k].fold in words and an.tokens[k].pos in ("SCONJ", "ADV") for k in range(i + 1, j))


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
    """The names a verb of including lists after a possessed cooperation noun: "its partners
    include A, Japan's B and C", "zu seinen Partnern gehören A und B"; none without such a verb."""
    toks = an.tokens
    verb = next((j for j in sorted(p.tokens) if j > p.head and j - p.head <= 3 and toks[j].pos == "VERB"
                 and "IncludeVerb" in an.cats(j)), None)
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
    sent = an.sentences[an.sent_of[conj]]
    for pm in an.person_mentions:
        if sent.start <= pm.start and pm.end < j and j - pm.end <= 16 and toks[pm.end].text == "," \
                and _apposition_after(an, pm.end, sent.end) == conj:
            return pm
    return None


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
            and toks[left - 1].pos in ("NOUN", "PROPN") \
            and left - 1 not in an.person_at and an.org_at(left - 1) is None and an.entity_at(left - 1) is None \
            and (not an.cats(left - 1) & {"NotAName"} or toks[left - 1].pos == "NOUN" or "OrgNameWord" in an.cats(left - 1)):
        left -= 1   # the rest of a title: "by Energy Minister X"
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
    k = left - 1
    # a coordination of persons ("X und Y", "X, Minister …, und Y") takes the first one's role
    start = left
    while k >= 0 and (toks[k].pos in ("ADJ", "DET") or "RoleTitle" in an.cats(k) or toks[k].is_title) \
            and k not in an.person_at and left - k <= 4:
        k -= 1   # "… and Peruvian Prime Minister Jan Muster"
    if k > 0 and toks[k].fold in ("von", "of", "by") and toks[k - 1].fold in ("und", "and"):
        k -= 1   # the preposition repeated: "im Beisein von A und von B", "attended by A and by B"
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


# ====================================================================== filling
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


def fill(an, g) -> None:
    """Parties, signatories, witnesses, dates, places and topics of the grouped agreements."""
    for a in g.agreements:
        for m in a.mentions:
            _from_mention(an, g, a, m)
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
        if a.date is None and not a.background and _same_round(an, a, main):
            a.date = main.date   # one more agreement of the same round ("They also signed …"): its date
            a.confidence += 0.05
    _anaphoric_topics(an, g)
    _headline_topics(an, g)
    first = next((a for a in g.agreements if not a.background and len(a.parties) >= 2), None)
    for a in g.agreements:
        if not a.parties and (a.background or _earlier_month(an, a)) and first is not None \
                and any(m.status in ("asserted", "background") for m in a.mentions):
            for p in first.parties:   # "2014 wurde ein Memorandum vereinbart": between the same two
                a.add_party(p, "inherited", a.intro, 0.5)
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
    for b in g.agreements:
        if not (b.parties or b.signatories) and not b.tentative:
            _back_reference_date(an, g, b)
    g.agreements = [a for a in g.agreements if (a.parties or a.signatories) and not a.tentative]
    for n, a in enumerate(g.agreements, 1):
        a.id = f"a{n}"
    g.cooperations = _cooperations(an, g)


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


def _financing(an, k: int) -> bool:
    """A word of lending at token k ("loan", "financing", "Kreditverträge", "Darlehensvertrag"):
    the lexicon's FinancingWord list, in German also as the first part of a compound."""
    words = an.gaz.words("FinancingWord")
    t = an.tokens[k]
    f, lemma = t.fold, fold(t.lemma or "")
    if f in words or lemma in words:
        return True
    return an.lang == "de" and t.pos == "NOUN" and any(len(w) >= 6 and (f.startswith(w) or lemma.startswith(w))
                                                     for w in words)


def _lender(an, iri: str) -> bool:
    """An organisation whose name says it lends: a word of the lexicon's LenderWord list ("African
    Development Bank", "UK Export Finance"), in German also as the last part of a word
    ("Europäische Investitionsbank")."""
    words = an.gaz.words("LenderWord")
    for m in an.org_mentions:
        if m.iri != iri:
            continue
        for w in re.split(r"[\s\-–/]+", fold(m.text)):
            if w in words or an.lang == "de" and any(len(x) >= 4 and w.endswith(x) for x in words):
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


def _set_level(a: Agreement, m: AgreementMention) -> bool:
    return a.group is not None and m.ordinal is None and len(a.group.members) > 1 and \
        all(m in b.mentions for b in a.group.members)


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
    if len(args.signers) == 1 and len({x.iri for x in args.sides if x.iri}) == 1 and args.sides[0].kind != "group":
        info = an.persons.get(args.signers[0].iri)   # "Minister X signed for Chile": X's side
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


PRONOUN_STARTS = {"es", "er", "it", "they", "this", "dies", "darin", "damit", "dabei", "hierin", "sie"}


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


def _anaphoric_topics(an, g) -> None:
    """An agreement named as the one the sentence before describes ("Kappa Power will eine Anlage
    für Wasserstoff bauen. Die Partner unterzeichneten dazu eine entsprechende Absichtserklärung", "a
    corresponding agreement", lex:CorrespondenceCue) takes that sentence's topics."""
    for a in g.agreements:
        for m in a.mentions:
            if m.implicit or m.sent == 0:
                continue
            sent = an.sentences[m.sent]
            window = range(max(sent.start, m.start - 2), min(sent.end, m.end + 2))
            if any("CorrespondenceCue" in an.cats(k) for k in window) \
                    and an.sentences[m.sent - 1].paragraph == sent.paragraph:
                for t in an.topics_in(m.sent - 1):
                    a.topics[t] = a.topics.get(t, 0) + 2


def _continuations(an, g) -> None:
    """A sentence that goes on about one agreement with a pronoun ("Es soll …", "It covers …") or
    a definite noun of cooperation ("The partnership will also …", :func:`_cooperation_subject`)
    adds its topics to that agreement."""
    by_sent: dict[int, list[Agreement]] = {}
    for a in g.agreements:
        for m in a.mentions:
            if not _set_level(a, m):
                by_sent.setdefault(m.sent, []).append(a)
    went_on: dict[int, Agreement] = {}   # sentences that went on about one agreement
    current = [a for a in g.agreements if not a.background and not a.tentative]
    unsigned = _unsigned_sentences(an)
    for sent in an.sentences:
        if sent.index in by_sent or sent.index in unsigned:
            continue   # (a sentence that says no agreement on it was signed tells what lies outside)
        first = an.tokens[sent.start]
        # the subject is a group noun for the parties or for those who signed for them ("The two
        # sides also want …", "Außerdem wollen die beiden Länder …", "Die Unterzeichner
        # wollen …"): in English before the verb, in German anywhere in the
        # main clause
        # (not in a subordinate clause: "Dass beide Länder Erfahrung haben, zeigt ein Solarpark …")
        subjects = [a for a in an.actors_by_sent.get(sent.index, [])
                    if a.kind == "group" and a.refers_to in ("actor", "person") and a.function == "core"
                    and a.number != 1
                    and an.syntax.clause(a.start).kind not in ("sub", "rel")
                    and (a.start - sent.start <= 2 or (an.lang == "de" and an.syntax.clause(a.start).kind == "main"
                                                       and a.start - sent.start <= 6))]
        group_subject = bool(subjects)
        pronoun = first.fold in PRONOUN_STARTS and first.pos in ("PRON", "ADV") \
            or _cooperation_subject(an, sent)
        # "The memorandum lists two fields. The first is … The second field is …":
        # an enumeration goes on about the agreement its paragraph last talked about
        k0 = sent.start + 1 if first.pos == "DET" and sent.start + 1 < sent.end else sent.start
        enumerated = _last_in_paragraph(an, sent, by_sent, went_on) if "Ordinal" in an.cats(k0) else None
        if group_subject:   # the parties of the agreement in focus; of the text's one new agreement
            # anywhere after it is reported
            single = len(current) == 1   # its parties may still be incomplete here
            targets = [a for a in _focus_at(an, g, sent.index, window=len(an.sentences) if single else 3)
                       if len(a.parties) >= (1 if single else 2)]
        elif sent.index - 1 in by_sent and pronoun:
            targets = list({id(a): a for a in by_sent[sent.index - 1]}.values())
        elif sent.index - 1 in went_on and pronoun:
            targets = [went_on[sent.index - 1]]   # "The two partners named fields of work. They include …"
        elif enumerated is not None:
            targets = [enumerated]
        else:
            continue
        if len(targets) == 1:
            went_on[sent.index] = targets[0]
            # the parties as subject: what their clause (and the clauses below it) says, not a
            # clause of its own after a semicolon ("… build a supply chain; wind power is to …")
            scope = _clause_tree(an, sent, subjects[0].start) if group_subject else None
            if scope is not None and _denied(an, scope):
                continue   # "Über Gas sprachen die beiden Länder nicht", "the two sides made no progress on …"
            for t in an.topics_in(sent.index) if scope is None else _topics_at(an, sent.index, scope):
                targets[0].topics[t] = targets[0].topics.get(t, 0) + 1


def _denied(an, scope: set[int]) -> bool:
    """Whether the parties' clause is negated ("The two countries did not discuss gas", "Bei der
    Atomenergie kamen beide Seiten nicht voran"): what it names is what they left out, no topic
    of their agreement. Not a negation of one phrase ("nicht nur …, sondern auch", "not only …
    but also")."""
    return any("NegationCue" in an.cats(k) and an.tokens[k].pos in ("PART", "ADV", "DET")
               and not _negation_of_other(an, k, max(scope) + 1) for k in scope)


def _cooperation_subject(an, sent) -> bool:
    """Whether a sentence opens with a definite noun of cooperation (lex:CooperationCue: "The
    partnership will also explore …", "Die Zusammenarbeit soll auch … umfassen"): right after a
    sentence that reports an agreement, it refers back to that agreement as a pronoun would."""
    toks = an.tokens
    k = sent.start
    return k + 1 < sent.end and toks[k].fold in an.gaz.words("DefiniteDeterminer") \
        and toks[k + 1].pos == "NOUN" and "CooperationCue" in an.cats(k + 1)


def _unsigned_sentences(an) -> set[int]:
    """Sentences that say an agreement was not signed ("… but no agreement on it was signed", "ein
    eigenes Abkommen dazu wurde aber nicht unterzeichnet"): a negated signing whose clause has an
    agreement word. What they name (what the parties also want to do) lies outside the agreements
    of the text: a continuation or a content paragraph takes no topics from them."""
    out: set[int] = set()
    for p in an.predicates:
        if p.mode == "negated" and p.kind in ("sign", "conclude", "signing") \
                and any("AgreementWord" in an.cats(k) or "DocumentWord" in an.cats(k) for k in p.tokens):
            out.add(p.sent)
    return out


def _clause_tree(an, sent, k: int) -> set[int]:
    """The tokens of a sentence in the clause of token ``k``, the main clauses joined to it by a
    conjunction (they share its subject: "Both sides deepen … and set …") and the clauses that
    hang from these; not a main clause of its own after a semicolon or a colon."""
    syn, toks = an.syntax, an.tokens
    tops = {syn.clause_of[k]}
    for c in syn.clauses:
        if c.tokens and c.parent is None and sent.start <= c.start < sent.end and c.start > k \
                and toks[c.start].pos == "CCONJ" and syn.clause_of[c.start - 1] in tops:
            tops.add(c.index)

    return {j for j in range(sent.start, sent.end) if any(c in tops for c in syn.clause_chain(syn.clause_of[j]))}


def _last_in_paragraph(an, sent, by_sent, went_on) -> Agreement | None:
    """The one agreement the latest earlier sentence of the paragraph named or went on about."""
    for s in range(sent.index - 1, -1, -1):
        if an.sentences[s].paragraph != sent.paragraph:
            return None
        if s in went_on:
            return went_on[s]
        if s in by_sent:
            named = list({id(a): a for a in by_sent[s]}.values())
            return named[0] if len(named) == 1 else None
    return None


SIGNING_PARAGRAPHS = 2   # paragraphs after the report that may still tell the signing


def _content_paragraph(an, g) -> None:
    """The paragraph right after the one that reports the text's one new agreement (one among
    those named by the end of that paragraph: another one may be reported further down) tells what
    it contains ("Siemens is to build three power plants. Up to twelve wind farms come on top."):
    its sentences add their topics, up to one that names the agreement again; a paragraph that
    reports another agreement is about that one and adds nothing. A set of agreements
    announced together that the text never tells apart ("VW and Mercedes each signed a
    declaration with Canada") has one content: each member takes them. Where the agreement's
    own words name a product, the source it is made from is how the paragraph says it will be
    made ("Canadian wind power is to make the hydrogen"), not a topic of its own
    (TopicMatcher.source_of, ``ekg:producedFrom`` in ontology/topics.ttl). A paragraph that
    opens by reporting the signing once more ("The agreement was signed by …", "Unterzeichnet
    wurde im Beisein …") still belongs to the report: the content paragraph is the one after it,
    and there, further from the report, only a sentence that says what is to be done or
    contained adds its topics (:func:`_says_what_is_to_be_done`)."""
    current = [a for a in g.agreements if not a.background and not a.tentative]
    first = min((m.sent for a in current for m in a.mentions if m.status == "asserted"), default=None)
    if first is None:
        return
    # the new agreements the text has named by the end of the paragraph that reports the first
    # one (another one reported further down does not change what this paragraph goes on about)
    end = max(s.index for s in an.sentences if s.paragraph == an.sentences[first].paragraph)
    current = [a for a in current if any(m.sent <= end for m in a.mentions)]
    grp = current[0].group if current else None
    if len(current) != 1 and not (grp is not None and all(b.group is grp for b in current)
                                  and len(current) == len(grp.members)
                                  and not any(_told_apart(an, b, m, current) for b in current for m in b.mentions)):
        return   # one new agreement, or one set of them that the text never tells apart
    if any(set(b.topics) != set(current[0].topics) for b in current):
        return   # members about different things: the paragraph cannot tell whose content it is
    asserted = [m.sent for a in current for m in a.mentions if m.status == "asserted"]
    if not asserted:
        return
    sents = an.sentences
    para = sents[min(asserted)].paragraph
    # a sentence that names another agreement ends it; one that refers back to this one goes on
    # when it tells what the agreement contains ("Kern des Pakets sind …"), not when it judges it
    mentioned = {m.sent for b in g.agreements if b not in current for m in b.mentions}
    refs = {m.sent: m for b in current for m in b.mentions}
    # a paragraph that opens by naming the agreement again without telling what it contains
    # still reports the signing ("The agreement was signed by …", "Unterzeichnet wurde im
    # Beisein …"): the content paragraph is the one after it
    skipped = False
    for _ in range(SIGNING_PARAGRAPHS):
        opener = next((s.index for s in sents if s.paragraph == para + 1), None)
        if opener is None or opener not in refs or not _reports_signing(refs[opener]) \
                or _tells_content(an, refs[opener]) \
                or any(s.paragraph == para + 1 and s.index in mentioned for s in sents):
            break
        para, skipped = para + 1, True
    if any(s.paragraph == para + 1 and s.index in mentioned for s in sents):
        return   # the next paragraph reports another agreement: it is about that one
    matcher = TopicMatcher(an.gaz)
    unsigned = _unsigned_sentences(an)
    for sent in sents[min(asserted) + 1:]:
        if sent.paragraph <= para or sent.index in unsigned:
            continue   # (a sentence that says no agreement on it was signed tells what lies outside)
        if sent.paragraph != para + 1 or sent.index in mentioned \
                or sent.index in refs and not _tells_content(an, refs[sent.index]):
            break
        if skipped and not _says_what_is_to_be_done(an, sent, refs.get(sent.index)):
            continue   # further from the report: what is to be done or contained, not the situation
        for a in current:
            for t in an.topics_in(sent.index):
                if not matcher.source_of(t, a.topics):
                    a.topics[t] = a.topics.get(t, 0) + 1


def _reports_signing(m: AgreementMention) -> bool:
    """Whether a mention is the subject or object of a signing ("The agreement was signed by …",
    "Unterzeichnet wurde im Beisein …", "The texts were inked by …")."""
    return m.predicate is not None and m.predicate.kind in ("sign", "conclude", "signing")


def _says_what_is_to_be_done(an, sent, ref: AgreementMention | None) -> bool:
    """Whether a sentence says what the parties are to do or what the agreement contains: a
    plan or modal word ("will build", "sollen entstehen", lex:PlanCue), a content word ("Kern der
    Vereinbarung ist …", "commit", lex:ContentCue) or a reference to the agreement that tells its
    content. A sentence without one tells the situation ("coal plants are closing", "the tariff
    rises by …"), not what was agreed."""
    if ref is not None and _tells_content(an, ref):
        return True
    return any(an.tokens[k].tag in MODAL_TAGS or "PlanCue" in an.cats(k) or "ContentCue" in an.cats(k)
               for k in range(sent.start, sent.end))


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


def content_items(an, m: AgreementMention) -> list[set[int]]:
    """The phrases of a plural agreement word with one content preposition repeated ("agreements
    on nuclear energy and on hydrogen", "Vereinbarungen über Kernenergie und über Wasserstoff",
    also after a comma or colon: "three agreements, on A, on B and on C"), each naming a topic:
    one agreement per phrase. [] when the word has fewer than two such phrases."""
    toks = an.tokens
    sent = an.sentences[m.sent]
    k = m.end
    if k + 1 < sent.end and toks[k].text in (",", ":"):
        k += 1   # "three agreements, on hydrogen, on grids and on LNG", "drei Abkommen: über A, über B und über C"
    if k >= sent.end or toks[k].fold not in CONTENT_PREPOSITIONS:
        return []
    starts = [k]
    j = k + 1
    while j < sent.end:
        t = toks[j]
        if t.fold in ("and", "und", "sowie") or t.text == ",":
            if j + 1 < sent.end and toks[j + 1].fold in CONTENT_PREPOSITIONS:
                starts.append(j + 1)
                j += 2
                continue
            break
        if t.text in (".", ";", ":", "(", "–") or t.pos in ("ADP", "VERB", "AUX"):
            break
        j += 1
    spans = [set(range(x, y)) for x, y in zip(starts, starts[1:] + [j])]
    if len(spans) < 2 or not all(_topics_at(an, m.sent, sp) for sp in spans):
        return []
    return spans


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


def _topics_at(an, sent: int, tokens: set[int]) -> list[str]:
    """The topics of a sentence found at the given tokens, most frequent first."""
    hits = [t for t, k in an.topic_hits.get(sent, []) if k in tokens]
    return sorted(dict.fromkeys(hits), key=lambda t: -hits.count(t))


def _other_agreement_in(g, a: Agreement, sent: int) -> bool:
    """Whether a sentence also names another agreement ("the new accord takes the Framework
    Agreement of 2015 as its basis"): then its topics are not the referring one's."""
    return any(b is not a and b.group is not a.group or (b is not a and a.group is None)
               for b in g.agreements for mm in b.mentions if mm.sent == sent and b is not a)


CONTENT_REACH = 8   # a content word this close to the agreement's word, in its clause


def _tells_content(an, m: AgreementMention) -> bool:
    """Whether a sentence that refers back to an agreement says what it contains: a content
    word ("the deal provides for …", "Schwerpunkt des Abkommens ist …") or a preposition that puts
    something inside it ("in the accord", "unter dem Abkommen"). Other references judge or
    place the agreement ("X called the deal a step towards climate neutrality"); their topic
    words are not its topics."""
    sent = an.sentences[m.sent]
    if any("ContentCue" in an.cats(k) and abs(k - m.start) <= CONTENT_REACH and an.syntax.same_clause(k, m.start)
           for k in range(sent.start, sent.end)):
        return True
    preps = an.gaz.lex_words("ContentPreposition")
    k = m.start - 1
    while k >= sent.start and m.start - k <= 3 and an.tokens[k].pos in ("DET", "ADJ", "NUM"):
        k -= 1
    return k >= sent.start and any(tuple(t.fold for t in an.tokens[k - len(w) + 1:k + 1]) == w for w in preps)


def _title_end(an, m: AgreementMention) -> int:
    """Where the agreement word's own phrase ends ("Partnerschaft für eine gerechte Energiewende"):
    a preposition and its phrase, up to a verb; a participle right before a noun is an
    attribute of it ("gerechte", "agreed"), no verb."""
    toks = an.tokens
    sent = an.sentences[m.sent]
    e = m.end
    if e < sent.end and toks[e].fold in ("uber", "on", "zur", "zum", "for", "fur", "of", "to", "about", "in"):
        e += 1
        while e < sent.end and e - m.end < 10 and toks[e].text not in (",", ".", ";", ":", "–", "(") \
                and (toks[e].pos not in ("VERB", "AUX") or _attributive(toks, e, sent.end)) \
                and an.syntax.same_clause(e, m.start):
            e += 1
    return e


def _attributive(toks, k: int, end: int) -> bool:
    """A participle between a determiner or adjective and a noun ("eine gerechte Energiewende")."""
    return toks[k].pos == "VERB" and k + 1 < end and toks[k + 1].pos == "NOUN" \
        and toks[k - 1].pos in ("DET", "ADJ", "ADP") and "PP" in (toks[k].tag or "")


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
    s, e = _ordinal_tokens(an, m)
    return [a for a in an.actors_by_sent.get(m.sent, []) if s <= a.start < e and a.iri
            and a.function in ("core", "with", "between")]


def _last_other(an, act: ActorMention, own: set[str]) -> str | None:
    """The actor a singular group reference names last that is none of ``own`` (the clause's own
    sides): "A, B und C vereinbarten eine Partnerschaft mit dem Land" is the country before A."""
    for n in range(1 + len(own), 0, -1):   # fewer named before than asked: the ones there are
        rest = [i for i in last_actors(an, act, n) if i not in own]
        if rest:
            return rest[-1]
    return None


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


def _of_kind(an, iri: str, kind: str) -> bool:
    """Whether an actor fits the kind a group noun names: a state or region for "countries",
    "governments", "Provinzen" (a government noun also stands for a region's government), an
    organisation for "companies"."""
    have = an.kind_of(iri)
    return have == "org" if kind == "org" else have in ("country", "region")


def _listable(an, x: ActorMention, act: ActorMention) -> bool:
    """Whether an actor named before a group noun can be one of those it stands for: an acting
    actor of the group's kind (as last_actors reads them)."""
    if not x.iri or x.kind == "group" or x.start >= act.start:
        return False
    if not _acting_actor(an, x):
        return False
    return not act.group_kind or x.kind == act.group_kind


def _acting_actor(an, x: ActorMention) -> bool:
    """Whether an actor named before a group noun acts (not a place): a core, with-, between-,
    for-, agreement or by-actor, whom a person works for ("officials of Austria"), a company named
    as the owner of a thing ("uses Zentrox's know-how … the two companies"), and a company named
    as a member after a member preposition (lex:MemberPreposition: "ein Konsortium aus A und B …
    die Konsortialpartner", "a consortium made up of A and B … the consortium partners"), which the
    syntax reads as a place or another prepositional phrase."""
    if x.function in ("core", "with", "between", "for", "agr", "by", "affil"):
        return True
    if x.function == "mod" and (x.form == "part" or x.kind == "org"):
        return True
    return x.function in ("loc", "pp") and x.kind == "org" and fold(x.prep or "") in an.gaz.words("MemberPreposition")


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
            if not _acting_actor(an, x):
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
    (lex:RecipientPreposition, lex:SourcePreposition)."""
    if not a.iri or an.kind_of(a.iri) != "org":
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
    words = an.gaz.words("SupplyWord")
    buy = an.gaz.words("BuyingWord")
    for j in range(max(0, a.start - 25), a.start) if an.lang == "en" else range(max(0, a.start - 25), min(len(toks), a.start + 15)):
        if j not in p.tokens or toks[j].pos not in ("VERB", "NOUN"):
            continue
        lemma = fold(toks[j].lemma or "")
        if lemma not in words:
            continue
        if (lemma in buy) == (prep in source):
            return True
    return False


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
    source = an.gaz.words("SourcePreposition")
    if prep not in source and prep not in an.gaz.words("RecipientPreposition"):
        return False
    toks = an.tokens
    j = a.start - 1
    while j > 0 and toks[j].pos in ("DET", "ADJ"):
        j -= 1
    if j > 0 and _holding_noun(an, j - 1):
        return False
    words = an.gaz.words("SupplyWord")
    buy = an.gaz.words("BuyingWord")
    return any(toks[k].pos == "VERB" and fold(toks[k].lemma or "") in words
               and (fold(toks[k].lemma or "") in buy) == (prep in source) for k in clause.tokens)


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
        if an.lang == "de" and toks[j].pos == "NOUN" and any(lemma.startswith(w) for w in acquire):
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


def distribution(an, size: int, m: AgreementMention) -> list[str | None]:
    """The list of partners to give one per member of a set of ``size`` agreements ("MoUs with A
    and B", "deals … made with W, X, Y and Z", "each … : A, B, C", "mit A, mit B und mit C"), or
    [] when the mention names no such list ("between A and B" are parties of each)."""
    if len({i for i, _ in m.own}) == size and size > 1:
        return list(dict.fromkeys(i for i, _ in m.own))
    if m.predicate is None:
        return []
    args = predicate_args(an, m.predicate)
    partners = list(dict.fromkeys(x.iri for x in args.partners if x.iri and x.function == "with"))
    elab = list(dict.fromkeys(x.iri for x in args.elab if x.iri))
    agents = []
    for x in args.agents:
        if x.iri:
            agents.append(x.iri)
        elif x.kind == "group" and x.refers_to == "actor" and x.number == size and "each" in m.cues:
            agents += group_actors(an, x, x.number)   # "Beide Konzerne unterzeichneten jeweils eine …"
    agents = list(dict.fromkeys(agents))
    if not ("each" in m.cues or args.partners or args.elab) or _counted_separate(an, m):
        agents = []   # "Portugal and Brazil signed two MoUs": both sign each one; so do "A and B" of
        # "two separate agreements with X", "zwei getrennte Verträge mit X" (separate documents, not one each)
    # "inked MoUs with A for X, with B for Y and with C": the first with-phrase hangs from the word
    joined = list(dict.fromkeys([i for i, how in m.own if how == "partner"] + partners))
    for cand in (partners, elab, agents, joined):
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
    if not after:
        return []
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
                m.predicate is p for a in g.agreements for m in a.mentions)):
            # "The signing was attended by X": the signing of the agreement(s) in focus; "It was one
            # of several agreements signed in the presence of X": a signing that names no agreement of its own
            listed = predicate_args(an, p).witnesses
            if p.kind == "signing":
                listed = listed + _trailing_presence(an, g, p)
            targets = (_focus_at(an, g, p.sent) or _focus_ahead(an, g, p.sent)) if listed else []
            for a in targets:
                if not a.background and not any(m.predicate is p for m in a.mentions):
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
            if pm not in antecedents and (pm.start not in p.tokens or not (role == "core" or (role == "by" and p.voice == "passive"))):
                continue   # "X attended the signing", "the signing was attended by X"
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


def _event_dates(an, g) -> None:
    """A dated signing event ("witnessed the signing on 3 March", "On Monday … saw
    the signing of …") gives its date to the agreements in focus that have none."""
    for p in g.predicates:
        if p.kind not in ("witness", "signing") or p.mode != "asserted":
            continue
        d = clause_date(an, p)
        if d is None:
            continue
        for a in _focus_at(an, g, p.sent):
            if a.date is None:
                a.date = d


def clause_date(an, p: Predicate) -> DateMention | None:
    """The date of a predicate: a date in its clause, not in a reporting clause, not a target."""
    cands = []
    comps = an.gaz.words("Complementizer")
    others = [q.head for q in _predicates(an) if q.kind in ("sign", "conclude") and q.head != p.head
              and q.clause == p.clause and not _says_that(an, q, p, comps)]
    for d in an.dates:
        if not d.value or d.kind in ("target",):
            continue
        k = an.tok_at(d.start)
        if k not in p.tokens or any(abs(o - k) < abs(p.head - k) for o in others):
            continue   # a date nearer to another predicate of the clause is that one's
        if _agreement_date(an, d, k) or _name_year(an, d, k):
            continue   # "Building on the 2015 Lima Declaration, they signed …": that agreement's date
        if _participle_apposition(an, p, k):
            continue   # "on the pipeline, a project first drawn up ten years ago": the project's date
        cands.append(d)
    if not cands:
        return _sentence_date(an, p)
    if all(d.kind == "dateline" for d in cands) and p.kind in ("sign", "conclude") and not p.noun:
        # "LIMA, May 16 – A and B have signed …, the ministry said on Wednesday": the reported day
        # before the dateline's, which says when the news was filed
        cands = [_report_date(an, p) or cands[0]]
    if len(cands) > 1 and p.kind in ("sign", "conclude", "witness", "signing") and p.mode == "asserted":
        # "signed a contract on Tuesday for fiscal 2025", "… on Tuesday, ahead of a deadline at the
        # end of June": a date after the report is no date of what the clause tells as done
        cands = [d for d in cands if not _after_reference(an, d)] or cands
    if len(cands) > 1:
        # "the deal, first announced on 3 March, was signed on Tuesday", "das am 3. März vorgestellte
        # Abkommen": of two dates, one nearer to a verb or participle of saying or of making public
        # in the clause is that one's
        reports = [k for k in p.tokens if k != p.head and an.cats(k) & {"ReportingVerb", "LaunchVerb"}]

        def theirs(k: int, o: int) -> bool:
            lx = an.lex_at.get(o)
            first = lx.start if lx is not None and "ReportingVerb" in lx.cats else o
            if an.tokens[first].tag in ("APPR", "VVG", "VBG") and not an.syntax.finite(first):
                # a marker before its source ("according to a report the IEA released on 8 May",
                # "laut einem Bericht vom 8. Mai"): the date after it, on the far side from the verb
                # ("signed … in April, according to …": April is the signing's)
                # (before the verb, up to the first finite verb: "Laut einem am 2. Mai veröffentlichten
                # Bericht hatten A und B im März …": March is the signing's)
                return k > first and (first > p.head or k < p.head and not any(
                    an.tokens[j].pos in ("VERB", "AUX") and an.syntax.finite(j) for j in range(first + 1, k)))
            # as near to both: an English adverbial follows its verb ("was announced in March and
            # signed on Tuesday": March is the announcement's)
            return abs(o - k) < abs(p.head - k) or abs(o - k) == abs(p.head - k) and an.lang == "en" and o < k < p.head
        own = [d for d in cands if not any(theirs(an.tok_at(d.start), o) for o in reports)]
        cands = own or cands
    rank = {"absolute": 0, "weekday": 1, "relative": 1, "anaphoric": 2, "since": 3}
    prec = {"day": 0, "month": 1, "year": 2}
    # a date of the body before the dateline's, which says when the news was filed ("LIMA, PERU
    # (4 December 2023) — … signed … on Sunday")
    return sorted(cands, key=lambda d: (an.tok_at(d.start) in an.structure.skip, rank.get(d.kind, 2),
                                        prec.get(d.precision, 3), abs(an.tok_at(d.start) - p.head)))[0]


def _says_that(an, q: Predicate, p: Predicate, comps) -> bool:
    """A verb of making public whose object is a that-clause with the signing ("X today announced
    that it has entered into an agreement with Y"): a verb of saying, whose date is the day the
    signing was done by, not a date of an act of its own."""
    return "LaunchVerb" in an.cats(q.head) and q.head < p.head \
        and any(an.tokens[j].fold in comps for j in range(q.head + 1, p.head))


def _participle_apposition(an, p: Predicate, k: int) -> bool:
    """Token ``k`` lies in an apposition between commas (or a comma and the sentence end) that opens
    with a determiner or noun and holds a participle of its own ("on the gas pipeline, a project
    first drawn up ten years ago", "über den Interkonnektor, eine in den 1990er Jahren entstandene
    Idee"): a date of what the apposition describes, not of the clause's signing. Not a verb of
    saying or making public there (the report's day may date a signing)."""
    toks = an.tokens
    sent = an.sentences[an.sent_of[k]]
    left = next((j for j in range(k - 1, sent.start - 1, -1) if toks[j].text in (",", ";", "(", ":")), None)
    if left is None or toks[left].text != "," or left + 1 >= sent.end \
            or toks[left + 1].pos not in ("DET", "NOUN", "PROPN", "ADJ"):
        return False
    right = next((j for j in range(k + 1, sent.end) if toks[j].text in (",", ";", ")", ".", ":")), sent.end)
    if left < p.head < right:
        return False
    # (an English participle may be tagged as a past tense: "a cable first proposed in 2011")
    return any(j != p.head and toks[j].pos == "VERB" and (toks[j].tag in ("VVN", "VBN", "VVD", "VBD")
                                                         or toks[j].tag.endswith("(PP)"))
               and not an.cats(j) & {"ReportingVerb", "LaunchVerb", "SigningVerb", "ConcludingVerb"}
               for j in range(left + 1, right))


def _name_year(an, d: DateMention, k: int) -> bool:
    """A year inside a name ("signed at the Forum 2025 fair", "unter der Vision 2030"): a year
    right after an article and a capitalised proper noun is no date of a signing."""
    toks = an.tokens
    return d.precision == "year" and toks[k].text.isdigit() and k > 1 and toks[k - 1].pos == "PROPN" \
        and toks[k - 1].is_title and toks[k - 2].pos == "DET" \
        and not (k > 2 and toks[k - 3].text == ",")   # "der Vertrag, den X 1999 mit Y schloss": a relative pronoun


def _agreement_date(an, d: DateMention, k: int) -> bool:
    """A year that names an agreement word's own date: "the Lima Declaration of 2015", "der
    Erklärung von 2015", "the 2015 Lima Declaration"; a day or month after "of"/"vom" right after
    the word ("replacing the memorandum of 3 June 2021", "die Erklärung vom 3. Juni 2021")."""
    toks = an.tokens
    if d.precision != "year" and not (d.kind == "absolute" and k >= 2 and toks[k - 1].fold in ("of", "vom")
                                      and "AgreementWord" in an.cats(k - 2)):
        return False
    j = k - 1
    if j >= 1 and toks[j].fold in ("of", "von", "vom", "from", "aus"):
        b = j - 1
        while b > 0 and j - b < 8 and "AgreementWord" not in an.cats(b) and (
                toks[b].is_title or toks[b].fold in ("on", "for", "and", "the", "in", "to")):
            b -= 1      # over a capitalised title: "the Lima Declaration on Clean Energy of 2015"
        if "AgreementWord" in an.cats(b):
            return True
    e = an.tok_at(d.end - 1) + 1
    while e < len(toks) and e - k < 4 and toks[e].pos == "PROPN" and toks[e].is_title and "AgreementWord" not in an.cats(e):
        e += 1
    return e < len(toks) and e > k and "AgreementWord" in an.cats(e) and toks[k - 1].pos == "DET"


def _sentence_date(an, p: Predicate) -> DateMention | None:
    """A signing clause without a date takes the date of another clause of its sentence that
    sets the scene ("Den Grundstein hatten beide Seiten im März gelegt: Auf einer Konferenz
    unterzeichneten sie …"), not one of a clause that reports, plans or tells another signing."""
    if p.noun or p.kind not in ("sign", "conclude"):
        return None
    busy = {q.clause for q in _predicates(an) if q.sent == p.sent and q.clause != p.clause
            and q.kind in ("sign", "conclude", "report", "signing", "cooperate")}
    sent = an.sentences[p.sent]
    found = []
    for d in an.dates:
        if not d.value or d.kind not in ("absolute", "weekday", "relative") or not sent.char_start <= d.start < sent.char_end:
            continue
        k = an.tok_at(d.start)
        clause = an.syntax.clause_of[k]
        if clause in busy or an.syntax.clauses[clause].kind not in ("main", "frag") or k in p.tokens \
                or _participle_apposition(an, p, k):
            continue
        found.append(d)
    if not found or all(d.kind == "dateline" for d in found):
        # the day a reporting clause gives, before the dateline's, which says when the news was filed
        return _report_date(an, p) or (found[0] if len(found) == 1 else None)
    if len(found) != 1:
        return None
    return found[0]


def _report_date(an, p: Predicate) -> DateMention | None:
    """"X announced on Friday the firms had signed contracts": a signing told in a clause that hangs
    from a reporting clause and has no date of its own took place by the day of the report; that
    day (of a weekday, an absolute date or "today", "gestern"; not a year or month) is its date."""
    clause = an.syntax.clauses[p.clause]
    preds = _predicates_in(an, p.sent)
    reports = {q.clause for q in preds if q.kind == "report"}
    if clause.kind == "sub" and clause.parent is not None and clause.parent in reports:
        told = {clause.parent}
    else:
        # "A and B have signed a deal, the ministry said on Wednesday", "…, wie das Ministerium am
        # Mittwoch mitteilte": a reporting clause after the signing, with no signing of its own
        signing = {q.clause for q in preds if q.kind in ("sign", "conclude")}
        told = {q.clause for q in preds if q.kind == "report" and q.head > p.head and q.clause != p.clause
                and q.clause not in signing}
    if not told:
        return None
    found = [d for d in _dates_in(an, p.sent) if d.value and d.kind in ("absolute", "weekday", "relative") and d.precision == "day"
             and an.syntax.clause_of[an.tok_at(d.start)] in told and an.tok_at(d.start) not in an.structure.skip]
    return found[0] if len(found) == 1 else None


def _event_anaphor_date(an, sent: int) -> DateMention | None:
    """"On 11 December 2010 the leaders held a summit. There they signed …": a sentence that
    opens with a word placing it at the event before takes that sentence's date."""
    s = an.sentences[sent]
    first = an.lex_at.get(s.start)
    if sent == 0 or first is None or first.start != s.start or "EventAnaphor" not in first.cats:
        return None
    prev = an.sentences[sent - 1]
    found = [d for d in an.dates if d.value and d.kind in ("absolute", "weekday", "relative")
             and an.sentences[prev.index].char_start <= d.start < an.sentences[prev.index].char_end]
    return found[-1] if found else None


def _event_date(an, a: Agreement) -> DateMention | None:
    """An undated signing that a sentence places at a definite visit, meeting or conference
    ("During the visit, A and B signed …", "Bei dem Treffen unterzeichneten …", "on the sidelines
    of the talks") takes the last day or month told before that sentence that lies within two
    months before the reference: the news the event belongs to, however many sentences back (an
    older date told in between is another event's; "the conference this month" gives a month)."""
    for sent in sorted({m.sent for m in a.mentions if m.status == "asserted"}):
        s = an.sentences[sent]
        if sent == 0 or not any("EventNoun" in an.cats(k) and _at_definite_event(an, k) for k in range(s.start, s.end)):
            continue
        found = _news_date_before(an, sent)
        if found is not None:
            return found
    return None


def _news_date_before(an, sent: int) -> DateMention | None:
    """The last day or month told before sentence ``sent``, however many sentences back, that is
    news (see :func:`_news_date`): the date of the event a later sentence refers to."""
    ref = _news_reference(an)
    for back in range(sent - 1, -1, -1):
        found = [d for d in _dates_in(an, back) if d.value and d.value[:4].isdigit() and d.precision in ("day", "month")
                 and d.kind in ("absolute", "weekday", "relative", "dateline") and an.tok_at(d.start) not in an.structure.skip
                 and _news_date(ref, d)]
        if found:
            return found[-1]
    return None


def _at_definite_event(an, k: int) -> bool:
    """Whether the event noun at ``k`` is a definite one a preposition places something at:
    "during the visit", "beim Treffen", "am Rande des Gipfels", "on the sidelines of the talks"."""
    toks = an.tokens
    j = k - 1
    while j > 0 and toks[j].pos == "ADJ":
        j -= 1
    if j < 0:
        return False
    if toks[j].tag == "APPRART":
        return True
    if toks[j].pos != "DET" or not _definite(an, k) or j == 0:
        return False
    # a preposition, or a conjunction read where it is one ("Während des Besuchs")
    return toks[j - 1].pos in ("ADP", "SCONJ") or (j > 1 and toks[j - 1].pos == "NOUN" and toks[j - 2].pos == "ADP")


def _news_reference(an) -> dt.date | None:
    """The text's reference day for :func:`_news_date`: its publication date, else its
    dateline's (None when it has neither or they are not dates)."""
    ref = an.doc.published
    if not ref:
        line = next((x for x in an.dates if x.kind == "dateline"), None)
        ref = line.value if line is not None else None
    if not ref or not ref[:4].isdigit():
        return None
    return parse_published(ref)[0]


def _news_date(ref: dt.date | None, d: DateMention) -> bool:
    """Whether a date lies within the news window before the reference day ``ref``
    (:data:`~kg.extract.dates.NEWS_WINDOW_DAYS`, up to a month after it; any date when the text has
    no reference): the news a text reports, not an older event it recalls."""
    if ref is None:
        return True
    v, _ = parse_published(d.value)
    if v is None:
        return True
    return -31 <= (ref - v).days <= NEWS_WINDOW_DAYS


def date_fits(old: DateMention, new: DateMention) -> bool:
    from kg.extract.grouping import date_compatible
    return date_compatible(old, new) is not False


def _fallback_topics(an, g, a: Agreement) -> None:
    """An agreement whose own sentences name no topic: the topics of the sentences next to
    those that report it (not next to a later reference that judges it: "For Chile, the
    memorandum carries particular weight"), else the main topic of the text, the one it names most often (if no other topic is
    named as often: a tie is no main topic). A next sentence that is about another agreement
    of the text does not count: it tells that one's topics ("The memorandum with X covers
    hydrogen" says nothing about the one with Y)."""
    told = {m.sent for m in a.mentions if m.status in ("asserted", "background")} or a.sentences
    near = {s + d for s in told for d in (-1, 1)} - a.sentences
    others = {m.sent for b in g.agreements if b is not a for m in b.mentions if m not in a.mentions}
    for s in sorted(near - others):   # a sentence about another agreement tells that one's topics
        if 0 <= s < len(an.sentences):
            for t in an.topics_in(s):
                a.topics[t] = a.topics.get(t, 0) + 1
    if not a.topics:
        _main_topic(an, a)


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
        if p is None or m.status != "asserted":
            continue
        groups = [k for k in sorted(p.tokens) if "CollectiveNoun" in an.cats(k) and k > 0 and toks[k - 1].fold in indefinite]
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
                elif toks[j].pos == "DET" or toks[j].fold in (",", "and", "und", "sowie"):
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
        acting = [x for x in an.actors_by_sent.get(s, []) if x.iri and x.kind != "group"
                  and x.function in ("core", "with", "between") and not _object_after_verb(an, x)]
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
            for iri in named:
                a.add_party(iri, "context", s, 0.4)
            return


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
    Bolivia"), not one who acts."""
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
            if toks[v].pos == "NOUN" and v in p.tokens and not _outside_event(an, v):
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


def _reported_jointly(an, p: Predicate) -> bool:
    """"Bekanntgegeben haben das Abkommen … gemeinsam": a joint announcement, not a cooperation
    (the only verbs of the clause are verbs of saying)."""
    reports = {q.head for q in an.predicates if q.kind == "report" and q.clause == p.clause}
    verbs = {k for k in p.tokens if an.tokens[k].pos == "VERB"}
    return bool(reports) and verbs <= reports


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
        parent = an.gaz.entities[side].member_of if side in an.gaz.entities else None
        if parent and (parent in a.parties or parent in _acting(an)):
            side = parent   # the Commission's president signs for the EU when the text has the EU act
        info["on_behalf_of"] = side
    _bodies_for_states(an, a)
    for iri, info in a.signatories.items():
        if info.get("on_behalf_of") and an.kind_of(info["on_behalf_of"]) != "person":
            a.add_party(info["on_behalf_of"], "signatory", a.intro, 0.8)


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
        listing = any("PartiesNoun" in an.cats(k) and toks[k].pos == "NOUN" for k in ks)
        partner = any("CooperationCue" in an.cats(k) and toks[k].pos == "NOUN" for k in ks)
        copula = any(toks[k].lemma in ("be", "sein") for k in ks)
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
            # one-sided agreement just told
            for a in _focus_at(an, g, sent.index, window=1):
                if len(a.parties) == 1 and named[0].iri not in a.parties and not a.background:
                    a.add_party(named[0].iri, "listed", sent.index, 0.7)
            continue
        if len({a.iri for a in named}) < 2 or not listing:
            continue
        for a in _focus_at(an, g, sent.index, window=2):
            for act in named:
                a.add_party(act.iri, "listed", sent.index, 0.8)
            a.sentences.add(sent.index)


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


def _statements(an, g) -> None:
    """What a signatory says about the agreement (a paragraph opened by "Name:" or a sentence
    with the signatory and a verb of saying) adds its topics, weakly."""
    toks = an.tokens
    for a in g.agreements:
        if a.background or not a.signatories:
            continue
        paragraphs = set()
        for pm in an.person_mentions:
            if pm.iri not in a.signatories:
                continue
            sent = an.sentences[an.sent_of[pm.start]]
            if pm.end < len(toks) and toks[pm.end].text == ":":
                paragraphs.add(sent.paragraph)
        for sent in an.sentences:
            if sent.paragraph in paragraphs:
                for t in an.topics_in(sent.index):
                    a.topics[t] = a.topics.get(t, 0) + 1


def _headline_topics(an, g) -> None:
    """The headline, the lead sentence (the first of the body, not a byline under the headline:
    :func:`kg.extract.structure.news_lead`; the rest of its paragraph is often
    background about a party) and the title say what the text's new agreements are about: their
    topics go to each new agreement, except a topic that another new agreement names in its own
    words and this one does not ("Hydrogen and LNG deals": the hydrogen one is not about LNG),
    where that other agreement is one the headline or the lead reports. A later new agreement
    whose own words name other subjects than the headline ("Last year the two also settled their
    maritime border"), or one between other parties that the headline and the lead do not
    report ("BASF also signed a declaration with Guangdong"), is another piece of news: it takes
    none of them. A headline topic that is what a product of the agreement is made from ("Solar
    power from the desert for green ammonia", ``ekg:producedFrom``) tells how it is made: not a topic.
    Then an agreement still without a topic takes those of its neighbourhood, and a topic that
    a narrower one says is dropped (see TopicMatcher.most_specific)."""
    matcher = TopicMatcher(an.gaz)
    current = [a for a in g.agreements if not a.background]
    # its own topics and the broader ones above them (an LNG deal also claims "natural gas")
    own = {id(a): set(a.topics) | {b for t in a.topics for b in matcher.broader_topics(t)} for a in current}
    heads: list[str] = []
    lead = sorted(an.structure.lead)[:1]   # (not a byline under the headline: structure.news_lead)
    for s in sorted({an.structure.headline, *lead} - {None}):
        if s != an.structure.headline and _own_aim_lead(an, g, s):
            continue
        heads += an.topics_in(s)
    heads += an.title_topics()
    # a field outside energy in the headline or the lead ("Defence and hydrogen on the
    # agenda", "a wind pact after the free trade talks") is what else the text or the visit was about
    heads = [t for t in heads if not matcher.catch_all(t)]
    first = current[0] if current else None
    related = set(heads) | {b for t in heads for b in matcher.broader_topics(t)}   # LNG: also natural gas
    # the agreements the headline and the lead report: only they leave a headline topic to each other
    news = {an.structure.headline, *an.structure.lead} - {None}
    reported = [b for b in current if any(m.sent in news for m in b.mentions)]
    for a in current:
        claimed = {t for b in reported if b is not a for t in own[id(b)]} - own[id(a)]
        if a is not first and a.group is None and own[id(a)] and not own[id(a)] & related \
                and not (first.group is not None and a in first.group.members):
            continue   # another deal of the text with subjects of its own ("Last year they also agreed on …")
        if a is not first and a.group is None and a not in reported and not set(a.parties) & set(first.parties) \
                and not (first.group is not None and a in first.group.members):
            continue   # a deal of other parties further down ("BASF also signed a declaration with …")
        for t in heads:
            if t not in claimed and not (matcher.broader_topics(t) & claimed) \
                    and (t in a.topics or not matcher.source_of(t, a.topics)):
                a.topics[t] = a.topics.get(t, 0) + 1
    _shared_set_topics(an, g)
    for a in g.agreements:
        if not a.topics and not a.background:
            _fallback_topics(an, g, a)
        elif not a.topics and a.background and (_about_the_project(an, a) or a.kind == "contract"):
            # a contract trades the goods the text is about ("the supply contract of 2014", "a
            # power purchase agreement signed in 2019"): with no words of its own on what, it is
            # about the text's main topic; a partnership or a memorandum named in passing is not
            _main_topic(an, a)
        _carrier_topic(an, a, matcher)
        a.topics = matcher.most_specific(a.topics)


def _own_aim_lead(an, g, s: int) -> bool:
    """Whether the lead sentence ``s`` tells what one party wants on its own, not what the
    agreement is about: it reports no agreement, says in its main clause what is wanted or
    planned (lex:PlanCue), names exactly one actor that is a party of the text's new agreements,
    and those agreements already name topics of their own ("Germany wants to be climate-neutral
    by 2045. Germany and Namibia signed a memorandum on hydrogen", "Polen will aus der Kohle
    aussteigen"): the country's target or strategy stays out of the agreement's topics. A lead
    sentence that names two parties ("Peru and Chile will build a power cable") or precedes an
    agreement without words of its own on what it is about still tells it."""
    current = [a for a in g.agreements if not a.background]
    if not current or any(m.sent == s for a in g.agreements for m in a.mentions):
        return False
    if not all(a.topics for a in current):
        return False
    sent = an.sentences[s]
    if not any("PlanCue" in an.cats(k) and an.syntax.clause(k).kind not in ("sub", "rel")
               and not (an.lang == "en" and an.tokens[k].pos == "AUX") for k in range(sent.start, sent.end)):
        # (a verb of wanting or aiming, not the English future: "Poland will take part in a wind
        # project" tells what the deal brings)
        # what a party has or does ("Nepal's hydropower plants produce a surplus", "die Solarparks
        # erzeugen mehr Strom, als das Land verbrauchen kann") tells the deal's subject
        return False
    parties = {p for a in current for p in a.parties}
    named = {x.iri for x in an.actors_by_sent.get(s, []) if x.iri and x.kind in ("country", "org")}
    return len(named) == 1 and bool(named & parties)


def _about_the_project(an, a: Agreement) -> bool:
    """Whether an agreement is about the text's project by a definite back-reference
    (lex:ProjectReference): in its own phrase ("an agreement on cooperation in the construction
    of the plant", "ein Memorandum über das Vorhaben") or in the clause that reports it, as what
    was agreed on ("Auf das Projekt hatten sich A und B 2012 in einer Vereinbarung verständigt",
    "A and B had sealed the project in 2012"): it is about what that project is about, the
    text's main topic (:func:`_main_topic`)."""
    toks = an.tokens
    definite = an.gaz.words("DefiniteDeterminer")

    def reference(k: int, lo: int) -> bool:
        return "ProjectReference" in an.cats(k) and any(toks[j].fold in definite for j in range(max(lo, k - 3), k))

    for m in a.mentions:
        if m.status not in ("asserted", "background") or (m.implicit and m.predicate is None):
            continue
        if m.words and not m.implicit and any(reference(k, m.end) for k in range(m.end, _title_end(an, m))):
            return True
        sent = an.sentences[m.sent]
        clause = an.syntax.clause(m.start).tokens
        if any(reference(k, sent.start) for k in clause if an.syntax.same_clause(k, m.start)):
            return True
    return False


def _main_topic(an, a: Agreement) -> None:
    """The text's main topic, the one it names most often (none if another is named as often,
    except the topic that a kind of it named as often says already: LNG, not natural gas)."""
    counts: dict[str, int] = {}
    for s in range(len(an.sentences)):
        for t in an.topics_in(s):
            counts[t] = counts.get(t, 0) + 1
    if counts:
        best = max(counts.values())
        top = [t for t, n in counts.items() if n == best]
        # a kind named as often as the topic it is a kind of says it already (LNG, not natural gas)
        matcher = TopicMatcher(an.gaz)
        top = [t for t in top if not any(t in matcher.broader_topics(u) for u in top)]
        if len(top) == 1:   # a tie is no main topic
            a.topics = {top[0]: 1}


def _carrier_topic(an, a: Agreement, matcher: TopicMatcher) -> None:
    """A pipeline is a pipeline for something (``ekg:carries``): an agreement about a pipeline
    whose own words do not say what flows through it ("an agreement on the Transadriatic
    Pipeline") is also about the carrier the text names most ("The line is to bring gas from
    Azerbaijan"); of carriers named equally often, the first one named."""
    need = matcher.carrier_needed(a.topics)
    if not need:
        return
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for sent in an.sentences:
        for t, k in an.topic_hits.get(sent.index, []):
            c = matcher.carried(t, need)
            if c is not None:
                counts[c] = counts.get(c, 0) + 1
                first.setdefault(c, k)
    if counts:
        best = max(counts, key=lambda c: (counts[c], -first[c]))
        a.topics[best] = a.topics.get(best, 0) + 1


def _told_apart(an, a: Agreement, m: AgreementMention, members: list[Agreement]) -> bool:
    """Whether a mention speaks of one member of a set only: by an ordinal ("the second"), or
    in a sentence that names a party of this member that the others do not have ("the
    agreement with X provides for …")."""
    if m.ordinal is not None or a.topic_span is not None:
        return True
    if all(m in b.mentions for b in members):
        return False
    if ("member" in m.cues or "listed" in m.cues) and not any(m in b.mentions for b in members if b is not a):
        return True   # a member told with a description of its own: "Among them is a memorandum on …"
    others = {p for b in members if b is not a for p in b.parties}
    return any(x.iri in a.parties and x.iri not in others for x in an.actors_by_sent.get(m.sent, []))


def _shared_set_topics(an, g) -> None:
    """Agreements announced together as a set ("five firms each signed a separate statement")
    that the text never tells apart by an ordinal ("the second one covers …") have one content:
    what a later sentence says about "the document" or "the agreements" is said of each of
    them, so every member takes the topics of all."""
    seen: set[int] = set()
    for a in g.agreements:
        grp = a.group
        if grp is None or id(grp) in seen or len(grp.members) < 2:
            continue
        seen.add(id(grp))
        members = [b for b in grp.members if b in g.agreements]
        if len(members) < 2 or any(_told_apart(an, b, m, members) for b in members for m in b.mentions):
            continue
        union: dict[str, int] = {}
        for b in members:
            for t, w in b.topics.items():
                union[t] = max(union.get(t, 0), w)
        for b in members:
            b.topics = dict(union)


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
    if a.kind == "treaty" and any(an.kind_of(p) == "org" for p in a.parties):
        a.kind = "agreement" if any(m.framework for m in a.mentions) else "contract"
    if a.kind == "agreement" and any(m.supply for m in a.mentions) and not any(m.framework for m in a.mentions) \
            and any(an.kind_of(p) == "org" for p in a.parties):
        a.kind = "contract"   # a company's purchase or supply deal is a commercial contract
    if main is not None and a is not main and a.date is not None and main.date is not None \
            and a.date.value and main.date.value and a.date.value[:4] < main.date.value[:4] and not a.background:
        a.background = True
    if a.date is not None and not a.background and _after_reference(an, a.date):
        a.date = None   # "Putin said the first unit could start in 2026": no signing after the report
    if a.date is None and not a.background:
        a.date = _event_date(an, a) or _nearby_date(an, a, g)
    if a.place is None and not a.background and ((main is None and a is g.agreements[0]) or a is main) \
            and an.structure.dateline:
        a.place, a.place_iri = an.structure.dateline
    if a.date is None:
        a.confidence -= 0.1
    if len(a.parties) < 2:
        a.confidence -= 0.2


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


def _after_reference(an, d: DateMention) -> bool:
    """Whether a date lies after the text's reference date (its publication date, else its
    dateline): no agreement the text reports as signed can be dated later."""
    ref = an.doc.published
    if not ref:
        line = next((x for x in an.dates if x.kind == "dateline"), None)
        ref = line.value if line is not None else None
    if not ref or not d.value or not ref[:4].isdigit() or not d.value[:4].isdigit():
        return False
    n = min(len(ref), len(d.value))
    return d.value[:n] > ref[:n]


def _predicates(an) -> list[Predicate]:
    return an.predicates


def _by_sent(an, name: str, items: list, sent_of) -> dict[int, list]:
    """``items`` grouped by sentence (in their order), built once per document and list (rebuilt
    when the list is another one or has grown), so rules that ask per mention need not scan them all."""
    cache = an.__dict__.setdefault("_by_sent", {})
    got = cache.get(name)
    if got is None or got[0] is not items or got[1] != len(items):
        index: dict[int, list] = {}
        for x in items:
            index.setdefault(sent_of(x), []).append(x)
        got = cache[name] = (items, len(items), index)
    return got[2]


def _predicates_in(an, sent: int) -> list[Predicate]:
    return _by_sent(an, "predicates", an.predicates, lambda q: q.sent).get(sent, [])


def _dates_in(an, sent: int) -> list[DateMention]:
    return _by_sent(an, "dates", an.dates, lambda d: an.sent_of[an.tok_at(d.start)]).get(sent, [])


def home_actor(an) -> str | None:
    """The country or region a text is told from: the first acting one in its first sentences."""
    for s in range(min(3, len(an.sentences))):
        for x in an.actors_by_sent.get(s, []):
            if x.iri and x.kind in ("country", "region") and x.function in ("core", "with", "between"):
                return x.iri
    return None


def _nearby_date(an, a: Agreement, g=None) -> DateMention | None:
    """A signing without a date: a day or month date in the sentence before or after one of its
    signing sentences (the first that has one), not the date of an older agreement told there
    ("… the cable that A and B agreed on in December 2022. Separately, the ministry signed a
    memorandum with C during the conference")."""
    older = {id(b.date) for b in (g.agreements if g is not None else []) if b is not a and b.background and b.date is not None}
    sents = sorted({m.sent for m in a.mentions if m.status == "asserted" and m.predicate is not None
                    and m.predicate.kind == "sign"})
    reporting = {k for p in _predicates(an) if p.kind == "report" and _reports_content(an, p) for k in p.tokens}
    for s in sents:
        for other in (s - 1, s + 1):
            cands = [d for d in an.dates if d.value and d.kind not in ("target", "since") and d.precision in ("day", "month")
                     and an.sent_of[an.tok_at(d.start)] == other and an.tok_at(d.start) not in reporting
                     and an.tok_at(d.start) not in an.structure.skip and id(d) not in older]
            if cands:
                return cands[0]
    return None


def _reports_content(an, p: Predicate) -> bool:
    """Whether a reporting verb has something reported: a subordinate clause that hangs from its
    clause ("said on Friday that …", "teilte am Montag mit, dass …"), a clause it hangs from
    itself ("Wie das Ministerium am Mittwoch mitteilte, fand …"), or a colon or quotation mark
    after it. "Muster added a second region to his list on Thursday", "what its owners call the
    biggest wind farm was finished on Friday" report nothing: their date is an event's."""
    if an.syntax.clauses[p.clause].kind == "sub" or any(c.kind == "sub" and c.parent == p.clause for c in an.syntax.clauses):
        return True
    end = an.sentences[p.sent].end
    return any(an.tokens[k].text in (":", '"', "„", "“", "”", "«", "»") for k in range(p.head + 1, end))


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


def _prune(an, a: Agreement) -> None:
    """Keep the most specific actor of each side: a country whose region, or whose organization,
    is a party too is not a party of its own (unless the text names it as one)."""
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
        if how in ("subject", "partner", "modifier", "adjective", "distributed", "listed", "ordinal"):
            head = an.structure.headline
            first = next((e[2] for e in a.evidence if e[0] == "party" and e[1] == p), None)
            if head is not None and first == head and an.kind_of(p) == "country" and any(an.home_of(q) == p for q in orgs) \
                    and not any(x.iri == p and x.function in ("core", "with", "between", "for", "by")
                                for s in a.sentences if s != head for x in an.actors_by_sent.get(s, [])):
                del a.parties[p]   # "Russia to build …" in the headline, the Russian company in the body
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


def _countries_for_firms(an, a: Agreement) -> bool:
    """Every country among the agreement's parties is the home of one of its company parties, two
    or more companies (no ministry) are parties, and every signatory, none of a government, signs
    for a company: the countries are named for their companies ("Kappaland and Peru sealed a gas deal; the heads of Kappa Gas and
    PetroPeru signed it")."""
    countries = [p for p in a.parties if an.kind_of(p) == "country"]
    orgs = [p for p in a.parties if an.kind_of(p) == "org"]
    behalf = [info.get("on_behalf_of") for info in a.signatories.values()]
    if any(_ministry(an, q) for q in orgs) or any(an.person_info(iri).sector == "government" for iri in a.signatories):
        return False   # a ministry, or a member of a government, signs for the state
    return bool(countries) and len(orgs) >= 2 and bool(behalf) and all(b in orgs for b in behalf) \
        and all(any(an.home_of(q) == c for q in orgs) for c in countries) \
        and len({an.home_of(q) for q in orgs}) == len(orgs)


def _signs_for_itself(an, a: Agreement, actor: str) -> bool:
    """Whether a signatory of the agreement acts for the actor itself (for a country: a member of
    its government)."""
    for iri, info in a.signatories.items():
        if info.get("on_behalf_of") != actor:
            continue
        if an.kind_of(actor) != "country" or an.person_info(iri).sector == "government":
            return True
    return False


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
    for owners, sent in joint_owners(an):   # "a joint venture of A and B", "a company owned by A, B and C"
        add_pairs(owners, sent)
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
    statements = [m.predicate for m in g.planned if m.predicate is not None and m.predicate.mode != "negated"]
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
            noun = t.pos == "NOUN" and (fold(t.lemma) in nouns or t.fold in nouns)
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
            helped = [a.iri for a in core if a.iri not in givers]
            if helped:
                out.append((givers[:1], list(dict.fromkeys(helped)), s))
    return out


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
        if prep >= len(toks) or toks[prep].fold not in OWNER_PREPS:
            continue
        sent = an.sent_of[k]
        end = an.sentences[sent].end
        orgs = []
        for a in an.actors_by_sent.get(sent, []):
            if a.start <= prep or not a.iri or a.kind != "org":
                continue
            if any(toks[j].pos in ("VERB", "AUX") or toks[j].text in (";", ".", "(") for j in range(prep + 1, a.start)
                   if j not in an.person_at and an.org_at(j) is None):
                break
            orgs.append(a.iri)
        owners = list(dict.fromkeys(orgs))
        if 2 <= len(owners) <= 8:
            out.append((owners, sent))
    return out


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
    gaz = an.gaz
    found = gaz.__dict__.get("_lender_iris")
    if found is None:
        words = gaz.words("LenderWord")
        found = set()
        for phrase, entries in gaz.phrases.items():
            if any(w in words or len(w) > 6 and any(w.endswith(x) for x in words if len(x) >= 4) for w in phrase):
                found.update(e[0] for e in entries)
        gaz.__dict__["_lender_iris"] = found
    return iri in found


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


WITH_PREPS = {"with", "mit", "together with", "gemeinsam mit", "zusammen mit", "along with", "alongside"}
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


def _compound_of(word: str, words: frozenset[str]) -> bool:
    """A German compound whose last part is one of the words ("Wasserstoffprojekt")."""
    return any(len(w) >= 6 and word.endswith(w) and len(word) > len(w) for w in words)


def _ends_in_shared_noun(an, k: int) -> bool:
    """A hyphenated token whose last part is a linking or project noun: "Peru-Chile-Pipeline",
    "Kenia-Tansania-Projekts"."""
    parts = an.tokens[k].fold.split("-")
    if len(parts) < 3:
        return False
    last = parts[-1]
    words = an.gaz.words("LinkInfrastructure") | an.gaz.words("JointProjectNoun")
    return last in words or an.lang == "de" and _compound_of(last, words)


def consortium_members(an) -> list[tuple[list[str], int]]:
    """Organisations a text names as the members of a consortium, which cooperate: "a consortium
    of A and France's B", "ein Konsortium aus A und dem Baukonzern B". The members are the
    organisations of the list right after a consortium noun and a member preposition (word lists
    ``ConsortiumNoun``, ``MemberPreposition``); the list ends at a verb, at a punctuation mark not
    followed by a further name, and at the end of the sentence. Returns (organisation IRIs,
    sentence) for two or more members."""
    toks = an.tokens
    nouns = an.gaz.words("ConsortiumNoun")
    preps = sorted(an.gaz.word_lists.get("MemberPreposition", ()), key=len, reverse=True)
    out: list[tuple[list[str], int]] = []
    for s, acts in an.actors_by_sent.items():
        orgs = [a for a in acts if a.iri and a.kind == "org"]
        if len(orgs) < 2:
            continue
        sent = an.sentences[s]
        for k in range(sent.start, sent.end - 1):
            if toks[k].pos not in ("NOUN", "PROPN") or toks[k].fold not in nouns:
                continue
            j = k + 1
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
                out.append((members, s))
    return out


def linked_ends(an) -> list[tuple[list[str], int]]:
    """Countries and regions that a piece of infrastructure links, which the text states as a
    cooperation between them: the ends of a hyphenated name before the noun ("the A-B gas
    pipeline", "das deutsch-norwegische Stromkabel"), a between-phrase of the noun ("the
    interconnector between A and B", "die Leitung zwischen A und B"), and the objects of a verb of
    connecting whose clause names the noun ("a pipeline is to connect A and B", "eine Gasleitung
    soll A und B verbinden"). A hyphenated name before a noun of one shared undertaking
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
            if not any(an.syntax.clause_of[j] == clause for j in links):
                continue
            groups.append([a.iri for a in places if an.syntax.clause_of[a.start] == clause
                           and (a.function in ("core", "with", "between")
                                or a.function == "loc" and a.prep in ("to", "with", "mit", "an"))])
        for grp in groups:
            ends = list(dict.fromkeys(grp))
            if len(ends) >= 2:
                out.append((ends, s))
    return out



SUPPLY_TO = {"to", "an", "nach"}
SUPPLY_FROM = {"from", "aus", "von", "bei"}


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
        sent = an.sent_of[k]
        clause = an.syntax.clause_of[k]
        p = Predicate("supply", k, sent, clause)
        p.tokens = set(an.syntax.clauses[clause].tokens)
        p.mode, p.voice = _mode(an, p), _voice(an, p)
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


def planned_supplies(an, g) -> list[tuple[list[str], list[str], int, str]]:
    """The supply relations of :func:`supply_relations` with the mode of their verb ("planned"
    for "is to supply", "sollen … erhalten"; "asserted" otherwise)."""
    rel = supply_relations(an, g)
    return [(a, b, s, m) for (a, b, s), m in zip(rel, an.__dict__["_supply_modes"])]


def joint_projects(an, g) -> list[tuple[list[str], list[str], int, bool]]:
    """A project carried out with a partner: a verb of building, developing, operating or
    financing whose clause names its subject and, in a with-phrase, a partner ("X is building the
    plant with Y", "X baut das Kraftwerk zusammen mit Y", "X operates the field with partners Y and
    Z"). Not a negated one. Returns (subjects, partners, sentence, joint): joint when every partner
    stands in a phrase of joint action (JOINT_PREPS: "together with A and B", "gemeinsam mit A und
    B"), which makes the partners of that one undertaking partners of each other as well; a bare
    "with" does not ("X buys gas with contracts with A and B")."""
    toks = an.tokens
    out = []
    for k, lexm in an.lex_at.items():
        if lexm.start != k or "ProjectVerb" not in lexm.cats or toks[k].pos != "VERB" or an.org_at(k) is not None:
            continue
        sent = an.sentences[an.sent_of[k]].index
        clause = an.syntax.clause_of[k]
        p = Predicate("project", k, sent, clause)
        p.tokens = set(an.syntax.clauses[clause].tokens)
        p.mode, p.voice = _mode(an, p), _voice(an, p)
        if p.mode == "negated":
            continue
        partners = [a.iri for a in an.actors_by_sent.get(sent, []) if a.start in p.tokens and a.iri
                    and a.function == "with" and a.prep in WITH_PREPS and (an.lang == "de" or a.start > k)]
        causer = next((j for j in sorted(p.tokens) if j < k and toks[j].pos == "VERB" and "CausativeVerb" in an.cats(j)), None)
        if not partners and causer is not None:   # "A lässt das Werk von B erweitern": B builds it for A
            partners = [a.iri for a in an.actors_by_sent.get(sent, []) if a.iri and causer < a.start < k
                        and a.prep in BY and a.function in ("mod", "by", "loc", "pp")]
        if not partners:
            continue
        args = predicate_args(an, p)
        agents = [i for x in args.agents for i in (_resolve(an, g, None, x, args) if x.kind == "group" else [x.iri])
                  if i and i not in partners]
        objects = _venture_objects(an, sent, p.tokens, agents) if len(agents) >= 2 else set()
        agents = [i for i in agents if i not in objects]
        if agents:
            partners = list(dict.fromkeys(partners))
            joint = 2 <= len(partners) <= 4 and all(a.prep in JOINT_PREPS for a in an.actors_by_sent.get(sent, [])
                                                    if a.iri in partners and a.start in p.tokens and a.function == "with")
            out.append((list(dict.fromkeys(agents)), partners, sent, joint))
    return out
