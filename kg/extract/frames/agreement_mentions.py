"""Step 1 of the agreement frames, the mentions of agreements.

**Mentions.** Every agreement word (from the agreement classes of the ontology and the
lexicon), every definite document word ("das Dokument", "the papers"), every ordinal that
points into a set ("the second was signed with …"), every signing predicate without an
agreement word ("Unterschrieben wurde gestern", "signed it") and every deal told by its verb
with a named other side ("commissioned X to build", "bought the park from X", "acquired a 20 percent
stake in X", "settled their dispute", "gründeten ein Gemeinschaftsunternehmen"; lex:DealVerb) is an
:class:`AgreementMention`.
A mention knows its kind, number ("five MoUs", "zwei Absichtserklärungen"), whether it is
definite, its own date ("of 2019", "concluded on 15 September 2022"), its own parties (words
that modify it: "deutsch-chilenische Partnerschaft", "the agreement with Kappa Power"), its cues
("existing", "also", "each") and the predicate of its clause (:mod:`kg.extract.predicates`).
Its status: *asserted* by a signing or concluding predicate, *planned* (a cooperation, not an
agreement), *background* (an older agreement named with its date or as existing), or a
*reference* (a definite mention without a predicate).
"""

from __future__ import annotations

from kg.extract.actors import AS_WORDS, BY, ActorMention, _chain_start, _holding_noun
from kg.extract.dates import DateMention, parse_published
from kg.extract.syntax import YEAR_NOUN, YEAR_OF
from kg.extract.mentions import Mention
from kg.extract.predicates import (MODAL_TAGS, Predicate, _mode, _voice, elided_front, ellipsis_antecedent,
                                   ordinal_ellipsis, prenominal_article)
from kg.extract.tokens import fold
from kg.extract.frames.model import AgreementMention, KIND_PRIORITY
from kg.extract.frames.common import (CONTENT_PREPOSITIONS, DEFINITE_ARTICLES, SUPPLY_FROM, SUPPLY_TO, _dates_in, _definite,
                                      _predicates_in, _title_end, agreement_words_at)
from kg.extract.frames.clause_dates import (_conjunct_after, _name_year, clause_date, in_participle_attribute,
                                            planned_clause_date, when_antecedent)
from kg.extract.frames.predicate_args import (_frame_holders, _holders, _last_other, _own_sides, _pay_verb, _payment_fors,
                                              commitment_frame, consortium_members, group_actors, predicate_args)


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
    out = [m for m in kept if not _headline_content(an, m, kept)]
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
        m = _predicate_mention(an, p, len(out), p.head, p.head + 1, implicit=True, definite=True,
                               status="asserted" if p.asserted else "planned")
        m.kind = _vague_kind(an, p) or m.kind   # "signed several declarations": declarations all the same
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


def _predicate_mention(an, p: Predicate, index: int, start: int, end: int, **fields) -> AgreementMention:
    """An agreement that the predicate ``p`` tells at tokens start..end (its verb, a deal noun, an
    ellipsis), with the cue words and the date of p's clause: the steps every such mention shares."""
    m = AgreementMention(index, start, end, p.sent, predicate=p, **fields)
    m.cues = _cues(an, p.tokens)
    m.date = clause_date(an, p)
    return m


def _headline_content(an, m: AgreementMention, mentions: list[AgreementMention]) -> bool:
    """A headline's agreement word that the body names as the content of an agreement signed
    ("Deutschland und Marokko gründen Wasserstoffallianz" over "… eine Absichtserklärung über eine
    Wasserstoffallianz unterzeichnet", "A and B agree hydrogen partnership" over "signed a declaration
    on a hydrogen partnership"): what that agreement is about, no agreement of its own."""
    hl = an.structure.headline
    if hl is None or m.sent != hl:
        return False
    toks = an.tokens
    word = toks[m.end - 1].fold
    for outer in mentions:
        if outer.sent == hl or outer.status != "asserted" or outer.kind == m.kind:
            continue
        end = _title_end(an, outer)
        if any(toks[j].fold == word or an.lang == "de" and toks[j].fold.endswith(word) for j in range(outer.end, end)):
            return True
    return False


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
        w = ellipsis_antecedent(an, j)
        kinds = [x.kind for x in agreement_words_at(an, w)]
        end = j + 2 if an.lang == "en" else j + 1
        m = _predicate_mention(an, p, len(mentions) + len(out), j, end, kind=kinds[0] if kinds else "agreement",
                               implicit=True, status="asserted" if p.asserted else "planned")
        m.title = an.tokens[w].text
        if "LikenessCue" in an.cats(j):
            m.cues |= {"addition", "likened"}   # "a similar one": another agreement than the one it is likened to
        if an.lang == "en" and an.tokens[j + 1].fold == "ones":
            m.count = 0   # "concluded similar ones with A and B": one with each
        out.append(m)
    return out


def _elliptic_mentions(an, mentions: list[AgreementMention]) -> list[AgreementMention]:
    """"signed a memorandum on X with A and another on Y with B", "eine Absichtserklärung mit A und
    eine weitere mit B": "another" / "eine weitere" before a preposition stands for one more
    agreement of the kind just asserted in its sentence, signed by the same predicate."""
    toks = an.tokens
    out: list[AgreementMention] = []
    for m in mentions:
        ordinal = m.implicit and m.predicate is not None and "Ordinal" in an.cats(m.start) \
            or not m.implicit and m.ordinal is not None   # "a first alliance with A and a second with B"
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
            j = first = k
            if ordinal and toks[j].pos == "NUM" and len(toks[j].text) == 4 and toks[j].text.isdigit() and j + 1 < sent_end:
                j += 1   # "…, und 2022 eine zweite mit B": the year of the next one first
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
            if not other or j + 1 >= sent_end or toks[j + 1].fold not in after and not (
                    ordinal and toks[j + 1].pos == "NUM" and j + 2 < sent_end and toks[j + 2].fold in after):
                continue   # (an ordinal's year may come first: "eine zweite 2023 mit Kanada")
            e = AgreementMention(0, j, j + 1, m.sent, m.kind, m.weak, [], predicate=m.predicate, status="asserted")
            e.cues = {"addition"}
            e.date = m.date
            if ordinal:   # "…, a second one last November with Canada": the date of its own stretch
                stop = next((x for x in range(j, sent_end) if toks[x].fold in ("and", "und", "sowie", ",", ";")), sent_end)
                e.date = next((d for d in an.dates if d.value and first <= an.tok_at(d.start) < stop), m.date)
                if m.date is not None and an.tok_at(m.date.start) >= first:
                    # "Eine erste schloss sie 2021 mit A, eine zweite 2023 mit B": the first one's date is before
                    m.date = next((d for d in reversed(an.dates) if d.value and an.tok_at(d.start) < first
                                   and an.tok_at(d.start) in m.predicate.tokens), m.date)
            title = _title(an, e) or toks[j].text
            word = " ".join(x.text for x in m.words) if m.words else toks[m.start].text
            e.title = word + title[len(toks[j].text):] if title.startswith(toks[j].text) else title
            out.append(e)   # "another on wind power" -> "memorandum on wind power"
            break
    return out


def _legal_act_signed(an, p: Predicate) -> bool:
    """The object of a signing with no agreement word is a law, bill or decree (lex:LegalActWord:
    "the president signed the bill into law", "unterschrieb eine Verordnung"): one side enacts it,
    nobody agrees to it. English: the object follows the verb closely, or the law is what the
    signing made of a named act ("signed the Inflation Reduction Act into law"); German: anywhere
    in the clause."""
    toks = an.tokens
    if any(an.cats(k) & {"AgreementWord", "DocumentWord"} for k in p.tokens):
        return False
    for k in p.tokens:
        if "LegalActWord" not in an.cats(k) or toks[k].pos != "NOUN":
            continue
        if an.lang == "de" or p.head < k <= p.head + 4 or k > p.head and toks[k - 1].fold == "into":
            return True
    return False


def _vague_kind(an, p: Predicate) -> str | None:
    """The kind of the agreement words a signing too vague to name has as its object
    ("unterzeichnete mehrere Erklärungen"), if they all name one kind."""
    kinds = {x.kind for k in p.tokens if "AgreementWord" in an.cats(k) and an.lex_at.get(k) is not None
             and an.lex_at[k].start == k for x in agreement_words_at(an, k) if not x.weak}
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
        if not content or any(an.cats(k) & NOT_AN_AGREED_CONTENT and not _manner_cue(an, k, content)
                              and not _describes_company(an, k, content) and not an.inside_org_name(k)
                              for k in content):
            continue
        m = _predicate_mention(an, p, len(mentions) + len(out), p.head, p.head + 1, implicit=True, definite=True,
                               status="asserted" if p.asserted else "planned")
        # agreeing to sell, buy or supply something is a sale ("agreed to sell gas to X", "vereinbarte
        # mit X, dass X das Gas abnimmt"): among companies a commercial contract, like a supply deal;
        # not the sale of a holding ("agreed to sell its stake to X": an acquisition)
        words = an.gaz.words("SupplyWord")
        m.supply = any(_supply_word(an, j, words) for j in content) \
            and not any(_holding_noun(an, j) and an.org_at(j) is None for j in content)
        for target in _agreed_takeover(an, p, content):
            m.own.append((target, "partner"))
        out.append(m)
    return out


def _agreed_takeover(an, p: Predicate, content: list[int]) -> list[str]:
    """The company an agreed takeover buys, when no seller is named ("has agreed to buy X",
    "hat vereinbart, die X zu übernehmen"): an agreed acquisition of a whole company is an
    agreement with it (the buyer's offer that its board accepted). Not a stake or business of it
    ("to buy X's stake": X is the seller, lex:AcquisitionWord), nor goods bought from someone."""
    toks = an.tokens
    inside = set(content)
    acquire = an.gaz.words("AcquisitionWord")
    verbs = [j for j in content if toks[j].pos == "VERB" and fold(toks[j].lemma or toks[j].text) in acquire]
    if not verbs:   # "agreed to pay $4 billion for the stake held by X": paying for a stake buys it
        fors = _payment_fors(an, content)
        verbs = [j for j in content if _pay_verb(an, j) and any(i > j for i in fors)]
    if len(verbs) != 1:
        return []
    v = verbs[0]
    sources = an.gaz.words("SourcePreposition")
    actors = [a for a in an.actors_by_sent.get(p.sent, []) if a.start in inside]
    if any(fold(a.prep or "") in sources or a.function == "with" for a in actors):
        return []   # "agreed to buy the plant from X": the seller is the side
    # (a country's possessive before the name is part of it: "agreed to buy Germany's Nordwind AG")
    owned = {j for a in actors if a.function == "orgmod" and _possessive_after(an, a) for j in range(a.start, a.end + 1)}
    found = [a for a in actors if a.iri and a.kind == "org" and a.function == "core"
             and (an.lang == "en" and 0 < a.start - v - len([j for j in owned if v < j < a.start]) <= 2
                  or an.lang == "de" and 0 < v - a.end <= 6)
             and not _possessive_after(an, a)]
    if len(found) == 1:
        return [found[0].iri]
    if not found:   # "agreed to buy a 10 percent stake in X", "vereinbart, zehn Prozent an X zu erwerben": the company the stake is in
        holders = _stake_holder(an, v, inside, p.sent)   # all of them: "the shares that A and B held"
        if holders:
            return [a.iri for a in holders]
        stake = _stake_company(an, v, inside, p.sent, [])
        if stake:
            return [stake[0].iri]
    return []


def _of_category(an, j: int, cat: str) -> bool:
    """Token j is a word of lexicon category cat, or a German compound ending in one that another
    list claimed first ("Großauftrag": an agreement word by its head "Auftrag", also an order word);
    a company noun after a joint adjective is a venture word ("gemeinsames Handelsunternehmen")."""
    if cat in an.cats(j):
        return True
    t = an.tokens[j]
    if cat == "VentureWord" and t.pos == "NOUN" and any(t.fold.endswith(h) for h in an.gaz.words("JointCompanyHead")):
        # "ein gemeinsames Handelsunternehmen", "a joint trading company" (lex:JointCompanyHead): English
        # puts the modifiers between as words of their own
        i = j - 1
        while an.lang == "en" and i > 0 and j - i <= 2 and an.tokens[i].pos in ("NOUN", "VERB") and an.tokens[i].text.islower():
            i -= 1
        if i >= 0 and fold(an.tokens[i].lemma or "") in an.gaz.words("JointAdjective"):
            return True
    return an.lang == "de" and t.pos == "NOUN" and any(len(w) == 1 and t.fold.endswith(w[0]) and len(t.fold) > len(w[0]) + 2
                                                       for w in an.gaz.lex_words(cat))


def _deal_entry(an, k: int, tokens: set[int]):
    """The lex:DealVerb entry of the verb at token k, if it is one; of a verb in several entries
    ("erhalten": a concession, an order), the one whose object category is in the clause, else one
    that needs no object."""
    lexm = an.lex_at.get(k)
    if lexm is None or "DealVerb" not in lexm.cats:
        return None
    entries = [x for x in (an.gaz.lexicon.get(i) for i in lexm.data.get("lex", []))
               if x is not None and x.category == "DealVerb"]
    fitting = [x for x in entries if x.object and any(_of_category(an, j, x.object) for j in tokens if j != k)]
    # else one that needs no object ("bought a park from X": a purchase, not a stake with none named)
    return next(iter(fitting or [x for x in entries if not x.object] or entries), None)


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
    # a verb whose dative is the seller (lex:DativeSellerVerb: "abkaufen") takes a company with no
    # article as that dative too ("RWE hat Enel den Park abgekauft"); its subject may be a
    # pronoun, which names no actor here ("als er der X den Park abkaufte"): then every named
    # company of the clause may be the dative
    dative_seller = fold(toks[p.head].lemma or toks[p.head].text) in an.gaz.words("DativeSellerVerb")
    first = 0 if dative_seller and agents and _pronoun_subject_before(an, p, agents[0]) else 1
    for a in agents[first:]:
        j = a.start - 1
        while j > 0 and toks[j].pos == "ADJ":
            j -= 1
        if j > 1 and toks[j].pos == "NOUN" and an.org_at(j) is None and toks[j - 1].pos in ("ADJ", "DET"):
            j -= 1   # a company noun before the name: "dem Versorger Enel", "dem schwedischen Staatskonzern X"
            while j > 0 and toks[j].pos == "ADJ":
                j -= 1
        if toks[j].fold in ("der", "dem") and toks[j].pos == "DET" and a.function == "core":
            out.append(a)
        elif a.function == "core" and a.kind == "org" and any(b.end == a.start and b.function == "core" for b in agents if b is not a):
            out.append(a)   # "hatte RWE Vattenfall das Netz abgekauft": a bare name right after the subject's, with no "und", is the dative
        elif dative_seller and a.function == "core" and a.kind == "org" and toks[j].pos != "DET" and toks[j].fold not in ("und", ","):
            out.append(a)   # "RWE hat Enel 2019 den Park abgekauft": no article, no list with the subject
    out += [a for a in an.actors_by_sent.get(p.sent, []) if a.start in p.tokens and a.iri and a.kind == "org"
            and fold(a.prep or "") == "bei" and a not in out]
    return out


def _pronoun_subject_before(an, p: Predicate, a: ActorMention) -> bool:
    """A personal pronoun of the clause (er, sie, es) comes before the first named actor a ("als
    er der X … abkaufte"): the subject is not a name, a is no subject. (Not a group noun: "das
    Land X" may be one name with its descriptor.)"""
    toks = an.tokens
    return any(j < a.start and toks[j].pos == "PRON" and toks[j].fold in ("er", "sie", "es") for j in p.tokens if j != p.head)


def _possessive_after(an, a: ActorMention) -> bool:
    """The actor is followed by a possessive "'s" (tagged POS): it owns what comes next ("Germany's
    Nordwind AG", "Algeria's Sonatrach", "buy X's stake"). The test of the rules that read an actor
    as the owner of a name or a stake after it (_stake_holder too). Other possessive tests read
    other things on purpose: _ends_possessive the written mark after any word or lexicon phrase
    (a bare apostrophe too), predicate_args the folded "'s" before a partner noun."""
    return a.end < len(an.tokens) and an.tokens[a.end].tag == "POS"


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
    objs: list[tuple[int | None, bool]] = []   # per mention: its object noun, and whether its clause is relative to it
    for k in sorted(an.lex_at):
        if an.lex_at[k].start != k or "DealVerb" not in an.lex_at[k].cats:
            continue
        lexm = an.lex_at[k]
        k = next((j for j in range(lexm.start, lexm.end) if toks[j].pos in ("VERB", "AUX")), k)
        clause = syn.clause_of[k]
        tokens = set(syn.clauses[clause].tokens)
        # the object may be the word a relative clause hangs from: "a loan that the bank extended to X",
        # "ein Gemeinschaftsunternehmen, das A und B 2017 gegründet hatten"
        antecedent = syn.clauses[clause].antecedent if syn.clauses[clause].kind == "rel" else None
        c0 = syn.clauses[clause].start
        if antecedent is None and an.lang == "en" and syn.clauses[clause].kind == "sub" and toks[c0].fold == "that" \
                and c0 > 0 and toks[c0 - 1].pos == "NOUN":
            antecedent = c0 - 1   # "the merger that the group agreed with X": a that-clause right after a noun is relative to it
        while antecedent is not None and antecedent > 0 and toks[antecedent].pos in ("VERB", "AUX", "PART"):
            antecedent -= 1   # after the verb that closes its main clause: "wird von einem Gemeinschaftsunternehmen betrieben, das …"
        objects = tokens | ({antecedent} if antecedent is not None else set())
        if antecedent is not None:
            # "die Fusion der A und der B, die beide … vereinbart hatten", "its merger with B's oil business,
            # which the two agreed": the relative clause may hang from the noun whose complement (named
            # companies, a holding of one) ends at its antecedent
            j = antecedent
            while j > 0 and antecedent - j <= 10 and (an.org_at(j) is not None or toks[j].pos in ("DET", "ADJ", "NOUN", "PART")
                                                       or toks[j].fold in ("und", "and", "of", "von", "with", "mit")):
                if toks[j].pos == "NOUN":
                    objects.add(j)
                j -= 1
        entry = _deal_entry(an, lexm.start, objects)
        if entry is None or toks[k].pos != "VERB" or k in taken or an.org_at(k) is not None or k in an.person_at:
            continue
        if toks[k].tag == "VVG" and k > 0 and toks[k - 1].fold in ("about", "on", "over"):
            continue   # "in talks with X about forming a joint venture": the topic of talks, no deal made
        if _present_tense(an, k) and not entry.object or an.sent_of[k] == an.structure.headline:
            continue   # "X sells power to Y", "X verkauft Strom an Y": a trade that goes on, no deal told
            # (a headline's present tells the text's own news, with countries for their firms); a verb
            # that needs its object ("gewährt X einen Kredit", "erhält einen Auftrag") tells one deal
        words = [j for j in tokens if an.cats(j) & {"AgreementWord", "DocumentWord"}]
        own = [j for j in words if entry.object and _of_category(an, j, entry.object)]   # "erhielt einen Auftrag von X"
        if len(own) < len(words) and (not _bare_means(an, tokens) or any(mm.start in tokens for mm in mentions)):
            continue   # "bought the plant under a contract with X": the contract is the mention (not
            # "hatte die Anteile 2018 per Kaufvertrag von X erworben": a word no mention took, the deal's means)
        if own and any(mm.start in tokens and mm.status == "asserted" for mm in mentions):
            continue   # "gewann einen Auftrag von X": the order word is an asserted agreement already
        if entry.object == "StakeWord" and _pay_verb(an, k) and not any(
                any(i < j <= i + 8 and "StakeWord" in an.cats(j) for j in tokens) for i in _payment_fors(an, tokens)):
            continue   # "paid $2 billion for X's stake" buys it; "zahlt fünf Prozent Zinsen an X" buys nothing
        if entry.object and not any(_of_category(an, j, entry.object) and not _ends_possessive(an, j) for j in objects if j != k):
            continue   # "ended the talks", "formed a government": no dispute, no venture; "launched their
            # joint venture's first plant": the venture owns what was launched
        p = Predicate("conclude", k, an.sent_of[k], clause)
        p.tokens = tokens
        p.mode = _mode(an, p)
        p.voice = _voice(an, p)
        if an.org_at(k - 1) is None:   # (not "Kappa Power commissioned X": a subject's name, not a noun)
            _attributive(an, p)
        if not p.asserted or p.attributive or _restating_copula(an, p.sent):
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
        if entry.object == "StakeWord" and not partners and not by:   # "acquired a 20 percent stake in X"
            partners = _stake_holder(an, k, tokens, p.sent)   # "bought X's stake in Y": X sold it
            agents = [a for a in agents if a.iri not in {h.iri for h in partners}]
            if partners and not agents:
                continue   # "der Bund übernahm die Anteile, die A und B hielten": the sellers, with no buyer named, made no deal together
            partners = partners or _stake_company(an, k, tokens, p.sent, agents)
            if not partners:
                continue   # "the shareholders took the investment decision": a stake names its other side or none
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
        elif len(named) == 1 and partners and not agents and entry.object in ("VentureWord", "MergerWord"):
            # "Der Konzern hat mit X ein Gemeinschaftsunternehmen gegründet", "a joint venture it set up with X"
            # (the pronoun standing for "the carmaker"): with the partner named, a singular group noun as
            # subject of a founding stands for the company named before it (not for other deals: a stake or
            # order told so mostly restates a deal the text names with its own agreement word)
            for grp in args.agents:
                if grp.kind == "group" and grp.refers_to == "actor" and grp.number == 1 and grp.group_kind in (None, "org"):
                    found = {i for i in group_actors(an, grp, 1) if i not in named and an.kind_of(i) == "org"}
                    if found and antecedent is not None and any(
                            a.iri in found and 0 <= antecedent - a.end <= 3 for a in an.actors_by_sent.get(p.sent, [])):
                        break   # "Voltcell, ein Gemeinschaftsunternehmen, das der Konzern …": the venture itself, no founder
                    if found:
                        named |= found
                        break
        group_sides: list[str] = []
        obj = next((j for j in sorted(objects) if j != k and entry.object and _of_category(an, j, entry.object)), None)
        if len(named) < 2 and entry.object == "MergerWord" and obj is not None:
            # "the merger of A and B was agreed", "die Fusion der A und der B, die beide … vereinbart hatten":
            # the sides named right after the merger noun
            found = [i for i in _merger_sides(an, obj) if i not in named]
            if len(named) + len(found) >= 2:
                named |= set(found)
                group_sides = found
        if len(named) < 2 and entry.object and not an.cats(k) & {"AwardVerb", "ReceiveVerb"}:
            # "the two companies set up a joint venture", "die beiden Konzerne legten ihren Streit bei": a
            # plural group noun as subject stands for the actors named together before it (not a loan
            # extended by "the two banks": lenders together, no borrower)
            for grp in args.agents:
                if grp.kind == "group" and grp.refers_to == "actor" and grp.number != 1 and grp.group_kind in (None, "org", "country", "region"):
                    found = [i for i in group_actors(an, grp, grp.number or 2) if i not in named]
                    if len(named) + len(found) >= 2:
                        named |= set(found)
                        group_sides = found
                        break
        if len(named) < 2 and entry.object:
            # "Minister A and Ambassador B exchanged notes": persons for two different actors make the deal
            acting = {i for s in args.signers if s.iri for i in [an.person_info(s.iri).side or an.person_info(s.iri).affiliation] if i}
            if len(acting | named) >= 2:
                named |= acting
        if len(named) < 2:
            continue
        if entry.kind == "agreement" and entry.object and an.cats(k) & {"AwardVerb", "ReceiveVerb"} and not partners and not by \
                and len({_chain_start(an, a) for a in agents}) < 2:
            continue   # "A and B provide further loans": lenders together, no borrower named (not "formed a venture";
            # a German dative borrower is a core actor of its own: "gewährte Kenia ein Darlehen")
        if entry.object == "DisputeWord" and (not agents and not group_sides or any(a.function == "between" for a in partners)):
            continue   # "a court ended the dispute between A and B": a ruling by a third, no settlement of theirs
        if not entry.object and not entry.object_party and any(an.kind_of(i) != "org" for i in named) \
                and not _buys_asset(an, p, k):
            continue   # "Until 2022 Kappaland bought most of its gas from Nordwind AG": a state's trade, no contract
            # (not "Canada bought the pipeline from X", "das Land kaufte das Stromnetz von X": a plant bought outright)
        if not entry.object and not partners and not (entry.object_party and (by or len({_chain_start(an, a) for a in agents}) >= 2)):
            continue   # "Kappa und Nordwind kauften Aktien": buyers together; "übernahm die Zentrox Solar": no seller named
        m = _predicate_mention(an, p, len(mentions) + len(out), k, k + 1, kind=entry.kind or "agreement",
                               status="asserted")   # (a deal of its own: no reference, nor "signed it")
        m.own = [(a.iri, "partner") for a in extra] + [(i, "partner") for i in group_sides]
        m.title = _deal_title(an, k, tokens)
        out.append(m)
        objs.append((obj, obj is not None and obj in objects - tokens))
    # "completed the merger they had agreed in 2023", "vollzogen die Fusion, die sie 2020 vereinbart
    # hatten": two verbs on one deal noun tell one deal, the one after the noun (in the clause that
    # hangs from it) tells when it was made
    told = {obj for m, (obj, rel) in zip(out, objs) if obj is not None and (rel or m.start > obj)}
    return [m for m, (obj, rel) in zip(out, objs) if obj is None or obj not in told or rel or m.start > obj]


def _buys_asset(an, p: Predicate, k: int) -> bool:
    """What the deal verb at k trades is a plant, network, business or stake (lex:AssetNoun,
    lex:ProjectReference, lex:StakeWord, a holding noun), not gas or power: a noun of the clause
    that names no actor."""
    cats = {"AssetNoun", "ProjectReference", "StakeWord"}
    return any(an.tokens[j].pos == "NOUN" and (an.cats(j) & cats or _holding_noun(an, j)) and an.org_at(j) is None
               for j in p.tokens if j != k)


def _merger_sides(an, obj: int) -> list[str]:
    """The companies named right after a merger noun, in its of-, von- or genitive phrase ("the
    merger of A and B", "die Fusion der A und der B", "Fusion von A mit B"): the merging sides."""
    toks = an.tokens
    starts = {a.start: a for a in an.actors_by_sent.get(an.sent_of[obj], []) if a.iri and a.kind == "org"}
    out: list[str] = []
    j = obj + 1
    while j < len(toks) and j - obj <= 12:
        a = starts.get(j)
        if a is not None:
            out.append(a.iri)
            j = a.end
        elif toks[j].pos == "DET" or toks[j].fold in ("of", "von", "and", "und", "mit", "with", "between", "zwischen"):
            j += 1
        else:
            break
    return out


def _stake_holder(an, k: int, tokens: set[int], sent: int) -> list[ActorMention]:
    """The company that held the stake the deal verb at ``k`` buys, the seller: the owner before a
    possessive opening the stake's phrase ("acquired X's 40 percent interest in Y"), the agent of
    a verb of holding right after it ("the stake held by X"), or the subject of a relative clause
    of holding that hangs from it ("the stake that X held in Y", "den Anteil, den X an Y hielt";
    lex:StakeHoldVerb). It comes before the company the stake is in, which sold nothing.
    ``tokens`` are the verb's clause (or an agreed content), ``sent`` its sentence."""
    toks = an.tokens
    syn = an.syntax
    stakes = sorted(j for j in tokens if "StakeWord" in an.cats(j) and toks[j].pos == "NOUN" and (an.lang == "de" or j > k))
    if not stakes:
        return []
    hold = an.gaz.words("StakeHoldVerb")
    # (not a state's adjective before a company word: "held by Canadian fertilizer group X")
    actors = [a for a in an.actors_by_sent.get(sent, []) if a.iri and a.kind in ("org", "country", "region")
              and toks[a.start].pos != "ADJ"]
    first = stakes[0]
    last = max(j for j in stakes if j - first <= 4)   # "die Beteiligung von 30 Prozent, die …"
    if an.lang == "en":
        j = first - 1
        while j > k and (toks[j].pos in ("NUM", "ADJ") or "StakeWord" in an.cats(j)):
            j -= 1
        if j > k:
            found = [a for a in actors if a.end == j and _possessive_after(an, a)]
            if found:
                return found[:1]
        if last + 2 < len(toks) and fold(toks[last + 1].lemma or toks[last + 1].text) in hold and toks[last + 2].fold == "by":
            found = [a for a in actors if last + 3 <= a.start <= last + 6 and all(
                toks[i].pos in ("DET", "ADJ", "NOUN") for i in range(last + 3, a.start))]
            if found:
                return found[:1]
    # a relative clause of holding right after the stake noun (its comma or relative word between)
    for j in (last + 1, last + 2):
        c = syn.clause(j) if j < len(toks) else None
        if c is None or c.start != j or c.kind not in ("rel", "sub"):
            continue
        if c.kind == "sub" and not (an.lang == "en" and toks[c.start].fold in ("that", "which")):
            continue
        verbs = [j for j in c.tokens if toks[j].pos == "VERB" and fold(toks[j].lemma or toks[j].text) in hold]
        if not verbs:
            continue
        inside = set(c.tokens)
        # (an English subject comes before its verb; a German relative clause puts its verb last)
        found = [a for a in actors if a.start in inside and a.function == "core" and not a.prep
                 and (an.lang != "en" or a.start < verbs[0])]
        if found:
            return found
    return []


def _stake_company(an, k: int, tokens: set[int], sent: int, agents: list[ActorMention]) -> list[ActorMention]:
    """The company a stake is taken in, when no seller is named: the first company after a stake
    word of the clause and a lex:StakeTargetPreposition ("a 20 percent stake in X", "37 Prozent an
    der X", "eine Beteiligung am Versorger X"). The buyer's contract is with it. ``k`` is the deal
    verb, ``tokens`` its clause (or an agreed content), ``sent`` its sentence; ``agents`` are no
    such company."""
    toks = an.tokens
    preps = an.gaz.words("StakeTargetPreposition")
    stakes = [j for j in tokens if "StakeWord" in an.cats(j) and toks[j].pos == "NOUN"
              and (an.lang == "de" or j > k)]   # English: the stake is the verb's object ("took a stake in X")
    if not stakes:
        return []
    first = min(stakes)

    def prep(a: ActorMention) -> str:
        """The preposition before the actor, or before its descriptor ("in the gas distributor X");
        "of" only right after the stake word ("49 percent of X", not "a stake in a field of X")."""
        j = a.start - 1
        while j > first and a.start - j <= 5 and toks[j].pos in ("DET", "ADJ", "NOUN") \
                and (an.lang == "de" or not toks[j].text[:1].isupper()):   # (German nouns are capitalised)
            j -= 1
        word = toks[j].fold if j > first else ""
        if word == "of" and j - 1 not in stakes:
            return ""
        return word

    taken = {b.iri for b in agents}
    out = [a for a in an.actors_by_sent.get(sent, []) if a.start in tokens and a.start > first and a.iri
           and a.kind == "org" and a.iri not in taken and prep(a) in preps]
    return out[:1]


def _restating_copula(an, sent: int) -> bool:
    """The sentence opens with a pronoun and a copula ("It is the first loan the bank has extended
    to X", "Es ist der größte Kredit, den die Bank je vergeben hat"): it describes a deal told
    before, it tells no new one."""
    toks = an.tokens
    s = an.sentences[sent].start
    return s + 1 < len(toks) and toks[s].pos == "PRON" and fold(toks[s + 1].lemma or "") in ("be", "sein")


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
        m = _predicate_mention(an, p, len(mentions) + len(out), k, k + 1, kind="contract", status="asserted")
        m.own = [(doers[0].iri, "partner"), (client.iri, "partner")]
        m.title = toks[k].text
        out.append(m)
    return out


def _bare_means(an, tokens: set[int]) -> bool:
    """Every agreement word of a deal verb's clause is an indefinite one after a frame preposition,
    the means of the deal ("hatte den Anteil 2018 per Kaufvertrag von X erworben", "had bought the
    plant from X in 2017 under a purchase contract"): the verb tells the deal and its sides."""
    words = [j for j in tokens if an.cats(j) & {"AgreementWord", "DocumentWord"}]
    return bool(words) and all(_under_agreement(an, j) for j in words)


def _describes_company(an, k: int, content: list[int]) -> bool:
    """A cooperation noun right before a company's name describes that company when the agreed
    content is a deal ("agreed to sell the plant to its long-time partner X", "an den Partner X zu
    verkaufen"): what is agreed is the sale, not to cooperate ("agreed to work with its partner X")."""
    return an.tokens[k].pos == "NOUN" and "CooperationCue" in an.cats(k) and k + 1 < len(an.tokens) \
        and an.org_at(k + 1) is not None \
        and any(an.tokens[j].pos == "VERB" and an.cats(j) & {"DealVerb", "SupplyVerb"} for j in content)


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
    if an.lang == "en" and after and toks[after[0]].fold == "with":
        # "A agreed with B (on Monday) on/to/that …": the partner's phrase and a time phrase first
        partner = {j for a in an.actors_by_sent.get(p.sent, []) if a.function == "with" for j in range(a.start, a.end)}
        for a in an.actors_by_sent.get(p.sent, []):   # "agreed with Algeria's Sonatrach": its country's possessive is in its phrase
            if a.function == "orgmod" and a.end + 1 in partner and _possessive_after(an, a):
                partner.update(range(a.start, a.end + 1))
        n = 1
        while n < len(after) and n <= 10 and (after[n] in partner or toks[after[n]].pos in ("DET", "ADJ", "PROPN", "NOUN")
                                              or toks[after[n]].text in ("'s", "’s") or an.dates_at(after[n])
                                              or toks[after[n]].fold in DATE_PREPOSITIONS and n + 1 < len(after)
                                              and an.dates_at(after[n + 1])):
            n += 1
        if 1 < n < len(after) and toks[after[n]].fold in ("to", "that", "on") and any(j in partner for j in after[1:n]):
            return after[n:]
    if an.lang == "de":
        on = _auf_phrase(an, p)
        if on:
            return on
    supply = _supply_object(an, p)
    if supply:
        return supply
    out = []
    for c in syn.clauses:
        if c.kind in ("sub", "inf") and c.tokens and sent.start <= c.start < sent.end and c.start > p.head \
                and (c.parent == p.clause or c.start - p.head <= 3):
            out += c.tokens
        elif c.kind == "rel" and c.tokens and sent.start <= c.start < sent.end and 0 < c.start - p.head <= 2 \
                and any(toks[j].fold == "zu" and j + 1 < len(toks) and toks[j + 1].pos == "VERB" for j in c.tokens):
            out += c.tokens   # "vereinbart, in der Region ein Kraftwerk zu errichten": a to-clause read as relative ("der")
    return out


def _supply_object(an, p: Predicate) -> list[int]:
    """What a verb of agreeing agreed on when its object names deliveries (lex:SupplyWord, German
    compounds by their head): "hatte mit X Gaslieferungen vereinbart", "vereinbarten die Lieferung
    von Öl", "had agreed gas deliveries with X", "agreed the supply of LNG": the object's noun
    phrase, up to a punctuation mark or a verb. Not a noun inside a prepositional phrase ("nach
    Gesprächen über Lieferungen vereinbarten sie ein Treffen")."""
    toks = an.tokens
    words = an.gaz.words("SupplyWord")
    clause = sorted(an.syntax.clause(p.head).tokens)
    for k in clause:
        if k == p.head or toks[k].pos != "NOUN" or an.lang == "en" and k < p.head:
            continue
        if not _supply_word(an, k, words):
            continue
        j = k - 1
        while j >= 0 and toks[j].pos in ("DET", "ADJ", "NUM", "NOUN") and j != p.head:
            j -= 1
            if toks[j + 1].pos == "DET":
                break   # the article opens the phrase: "vereinbarte mit der X GmbH die Lieferung von Öl"
        if toks[j].pos == "ADP" or an.lang == "en" and j != p.head:
            continue   # in a phrase of its own; in English the object follows the verb
        out = []
        for i in range(j + 1, clause[-1] + 1):
            if i == p.head or toks[i].pos in ("VERB", "AUX") or toks[i].text in (",", ";", ":", "."):
                break
            out.append(i)
        return out
    return []


# the longest noun phrase a relative clause opened by "auf" hangs from ("eine Leitung, auf die …"),
# counted back from "auf": a noun with its article, adjectives and a genitive or name after it
AUF_ANTECEDENT_REACH = 10


def _auf_phrase(an, p: Predicate) -> list[int]:
    """What "sich verständigen/einigen auf/über" agrees on (lex:AgreeOnPreposition): the phrase of
    the verb's clause, before the verb ("hatten sich auf einen Preis verständigt") or, after a
    finite verb, after its reflexive pronoun ("einigten sich am Montag über den Bau"), or, when the
    clause is a relative one opened by "auf" ("eine Leitung, auf die sich A und B verständigt
    hatten"), the noun phrase it hangs from."""
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
    # "sich einigen/verständigen auf/über": the verb is reflexive ("Über den Preis vereinbarten sie
    # Stillschweigen" agrees on nothing)
    if not any(toks[k].fold in REFLEXIVES for k in c.tokens):
        return []
    for k in c.tokens:
        if k < p.head and toks[k].fold in on and toks[k].pos == "ADP":
            out = []
            for j in range(k + 1, p.head):
                if toks[j].pos in ("VERB", "AUX") or toks[j].text in (",", ";", ":"):
                    break
                out.append(j)
            return out
    # the finite verb of a main clause stands before its phrase ("A und B einigten sich am Montag
    # auf/über X"): the phrase after the reflexive pronoun that follows the verb
    reflexive = False
    for k in c.tokens:
        if k <= p.head:
            continue
        if toks[k].fold in REFLEXIVES:
            reflexive = True
        elif reflexive and toks[k].fold in on and toks[k].pos == "ADP":
            out = []
            for j in range(k + 1, c.tokens[-1] + 1):
                if j not in c.tokens or toks[j].pos in ("VERB", "AUX") or toks[j].text in (",", ";", ":", "."):
                    break
                out.append(j)
            return out
        elif toks[k].pos in ("VERB", "AUX") or toks[k].text in (",", ";", ":"):
            break
    return []


REFLEXIVES = {"sich", "uns", "euch"}


def _inside_content(an, m: AgreementMention, mentions: list[AgreementMention]) -> AgreementMention | None:
    """An agreement word in the content phrase of another ("Absichtserklärung über eine
    Wasserstoffallianz", "a declaration on the establishment of a partnership") is what that one
    is about, not an agreement of its own: the other mention, or None."""
    toks = an.tokens
    for outer in mentions:
        if outer is m or outer.sent != m.sent or outer.end > m.start or m.start - outer.end > 6:
            continue
        if toks[outer.end].fold not in CONTENT_PREPOSITIONS and not (m.weak and toks[outer.end].fold == "of"):
            continue   # (a weak word also in a title after "of": "Treaty of Friendship and Cooperation")
        between = range(outer.end, m.start)
        # a weak word ending a list of bare nouns in the content ("Treaty of Friendship, Good-Neighbourliness
        # and Cooperation", "Vertrag über Freundschaft, Handel und Zusammenarbeit"): a comma before a bare noun
        listed = lambda j: m.weak and toks[j].text == "," and j + 1 < m.start and toks[j + 1].pos in ("NOUN", "PROPN", "ADJ")
        if any(toks[j].text in (",", ";", ":", "(") and not listed(j) or toks[j].pos in ("VERB", "AUX") or j in an.person_at
               for j in between):
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
    # (also set off by a comma: "the Partnership on Decarbonisation, which the two leaders set up in 2021")
    rel_at = (after_title, after_title + 1) if after_title < len(toks) and toks[after_title].text == "," else (after_title,)
    preds += [p for c in an.syntax.clauses if not preds and c.kind in ("rel", "sub") and c.tokens
              and c.start in rel_at and toks[c.start].fold in ("that", "which", "das", "die", "den")
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
        # (a word in the later of two coordinated verb phrases is the later verb's, however near the
        # earlier verb: "hat im Februar X abgeschlossen und im April eine Erklärung unterschrieben")
        m.predicate = min(preds, key=lambda p: (p.kind == "signing", p.head in _taken(an, m, preds), bare(p),
                                                any(_conjunct_after(an, p.head, k, q.head) for q in preds if q is not p),
                                                abs(p.head - k)))
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
    possessor = _singular_possessor(an, m)
    if possessor is not None:
        m.own.append((possessor, "modifier"))
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
        if m.status == "asserted" and m.definite and an.syntax.clauses[p.clause].kind == "rel" and p.head > m.end \
                and _earlier_own_year(an, m):
            # "dem Abkommen über X, das A und B 2011 unterzeichnet haben", "the Partnership on Y,
            # which A and B set up in 2021": a known agreement recalled with its older date
            m.status = "background"
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
    elif not m.definite and not m.ordinal and m.count == 1 and len({iri for iri, _ in m.own}) >= 2 \
            and _rests_on(an, k) and not _plan_or_negation(an, k):
        m.status = "background"   # "the reserve rests on an agreement between A and B", "beruht auf einem Abkommen As mit B"
    elif m.ordinal and m.ordinal >= 2 and m.count == 1 and not m.definite and index > 0 \
            and _one_more_subject(an, m, k) and not _set_told_before(an, k):
        m.status = "asserted"   # "A second deal covers LNG", "Eine zweite Vereinbarung regelt …": one more
        m.cues.add("addition")
    elif m.definite or m.ordinal:
        m.status = "reference"
    elif len({iri for iri, _ in m.own}) >= 2 and _included_in_signed(an, m):
        m.status = "asserted"   # "Several deals were signed. Among them was a memorandum between X and Y"
    elif "addition" in m.cues and len({iri for iri, _ in m.own}) >= 2 and not _plan_or_negation(an, k):
        m.status = "asserted"   # "A further memorandum between X and Y deals with …": one more of those signed
        # (not "Similar partnerships with A and B are being negotiated": planned ones)
    elif m.count == 1 and _under_agreement(an, k) and (len({iri for iri, _ in m.own}) >= 2 or (any(
            how == "partner" for _, how in m.own) or _trade_counterparts(an, m)) and not _modal_clause(an, k)
            and _frame_holders(an, m)):
        # "X builds the plant under a cooperation agreement between X and Y", "X runs the plant
        # under a long-term contract with Y" (not "X will sell gas under a new agreement with Y": one to come);
        # "X ships fuel to Y under a long-term contract": the one supplied or bought from is its partner
        if not any(how == "partner" for _, how in m.own):
            m.own.extend((iri, "partner") for iri in _trade_counterparts(an, m))
        m.status = "asserted"
        # "X had entered the field in 2016 through an agreement with Y": an older one, its clause's year;
        # "have operated the terminal together since 2004, when X took its share under an agreement with Y"
        older = None if m.date is not None else _earlier_year_in_clause(an, m) or _earlier_when_date(an, m)
        if older is not None:
            m.date = older
            m.status = "background"
    elif m.count == 1 and _included(an, m):
        m.status = "asserted"   # "Among them is a memorandum on X", "The pacts include an agreement on Y"
        m.cues.add("member")    # one of a set told before (the grouping drops it if there is none)
    elif m.count == 1 and not m.definite and index > 0 and _one_more_subject(an, m, k):
        m.status = "asserted"   # "A further agreement covers hydrogen", "Ein weiteres Abkommen betrifft …"
    elif m.count == 1 and not m.definite and _list_item(an, m):
        m.status = "asserted"   # "The following agreements were signed: - a memorandum between X and Y; - …"
        m.cues.add("listed")    # told apart from the others: the topics of its own line
    elif (older := _instrument_agreement(an, m)) is not None:
        # "A und B hatten den Rahmen 2010 mit einem Abkommen abgesteckt", "A and B had laid the
        # groundwork in 2011 with an agreement": an older one, held by the clause's subjects
        m.date = older
        m.status = "background"
        m.cues.add("held")
    else:
        return None
    if m.status == "background" and m.date is None and not m.ordinal and m.count == 1 and not _lapsed(an, m):
        # an older agreement told with a verb that is not one of signing, whose clause gives the
        # year ("had paved the way in 2008 with the nuclear deal with the US", "hatten den Rahmen
        # schon 2010 mit einem Regierungsabkommen abgesteckt", "Seit 2012 besteht die …partnerschaft");
        # not the year one ran out ("The previous contract with X had expired in 2022")
        m.date = _background_year_in_clause(an, m) or _earlier_when_date(an, m)
    if m.status in ("asserted", "background") and m.count == 1 and not m.own and not m.definite \
            and _under_agreement(an, k) and not _modal_clause(an, k) and _frame_holders(an, m):
        # "X delivers transformers to Y under a contract signed in 2019", "X liefert im Rahmen eines
        # Vertrags aus dem Jahr 2017 Strom an Y": the one supplied or bought from is its partner
        m.own.extend((iri, "partner") for iri in _trade_counterparts(an, m))
    if weak and m.status != "asserted":
        return None
    if document and m.status in ("asserted", "background") and not m.definite and not (m.ordinal and m.ordinal >= 2):
        return None   # "signed a document": too vague to tell apart (not "in a second document signed …": one more)
    return m


LIST_MARKS = {"-", "–", "—", "•", "*", "·"}


def _instrument_agreement(an, m: AgreementMention) -> DateMention | None:
    """The year of an older agreement told as the means of a past act of its clause's subjects: an
    indefinite single agreement word right after a lex:InstrumentPreposition ("mit einem
    Regierungsabkommen", "with an intergovernmental agreement", "in einem Memorandum"), no verb of
    its own, two or more subjects before it in its clause (names or a group: "die beiden Länder"),
    and a date in that clause in a year before the text's; no plan, negation or modal in the clause
    ("wollen die Kosten mit einem Abkommen regeln": one to come). Such an act (setting a framework,
    laying the groundwork, fixing the route) was done by concluding that agreement."""
    if m.count != 1 or m.definite or m.ordinal or m.own or m.weak:
        return None
    toks = an.tokens
    j = m.start - 1
    while j >= 0 and m.start - j <= 3 and toks[j].pos in ("DET", "ADJ", "NUM") and toks[j].fold not in DEFINITE_ARTICLES:
        j -= 1
    if j < 0 or j == m.start - 1 or toks[j].fold not in an.gaz.words("InstrumentPreposition") \
            or an.sent_of[j] != m.sent or _modal_clause(an, m.start):
        return None
    holders = _holders(an, m)
    named = {act.iri for act in holders if act.iri}
    if len(named) < 2 and not any(act.kind == "group" and act.number >= 2 for act in holders):
        return None
    return _earlier_year_in_clause(an, m)


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


def _before_publication(an, d: DateMention) -> bool:
    """A date (year or month) that ends before the text's own month: a past one."""
    pub = parse_published(an.doc.published)[0]
    v = d.value or ""
    if pub is None or not v[:4].isdigit():
        return False
    if len(v) >= 7 and v[5:7].isdigit():
        return (int(v[:4]), int(v[5:7])) < (pub.year, pub.month)
    return int(v[:4]) < pub.year


def _earlier_own_year(an, m: AgreementMention) -> bool:
    """The agreement word's own date ("of 1999", "from 2007", "signed in 2008") is in a year before
    the text's: an older agreement."""
    return m.date is not None and m.date.kind in ("absolute", "target") and _before_publication_year(an, m.date)


def _before_publication_year(an, d: DateMention | None) -> bool:
    """Whether the date has a known year before the publication's (False without a publication date)."""
    pub = parse_published(an.doc.published)[0]
    return pub is not None and d is not None and bool(d.value) and d.value[:4].isdigit() and int(d.value[:4]) < pub.year


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


SINGULAR_POSSESSIVES = {"its", "whose", "seines", "seinem", "seiner", "seine", "seinen", "dessen", "deren"}


def _singular_possessor(an, m: AgreementMention) -> str | None:
    """The owner of an agreement word after a singular or relative possessive that names only its
    other side ("Spain exports power under its 2015 accord with Morocco", "The EU, whose 2022 gas
    agreement with Azerbaijan …", "auf Grundlage seines Abkommens mit X", "deren Gasabkommen mit
    X"): the subject named last before the possessive in the sentence, a side of that agreement."""
    partners = {iri for iri, how in m.own if how == "partner"}
    if m.count != 1 or len(partners) != 1 or len({iri for iri, _ in m.own}) != 1:
        return None
    toks = an.tokens
    j = m.start - 1
    while j >= 0 and m.start - j <= 4 and toks[j].pos in ("ADJ", "NOUN", "PROPN", "NUM") \
            and toks[j].fold not in SINGULAR_POSSESSIVES:
        j -= 1
    if j < 0 or toks[j].fold not in SINGULAR_POSSESSIVES or an.sent_of[j] != m.sent:
        return None
    core = [a for a in an.actors_by_sent.get(m.sent, []) if a.end <= j and a.function == "core" and a.iri]
    if not core or core[-1].iri in partners:
        return None
    return core[-1].iri


def _set_told_before(an, k: int) -> bool:
    """A plural or counted agreement word before token k ("signed two agreements"): an ordinal
    after it ("a second agreement covers …") points into that set, it adds none."""
    return any(m.start < k and "AgreementWord" in m.cats and _count(an, m.start, m.end) != 1
               for j, m in an.lex_at.items() if j == m.start)


def _one_more_subject(an, m: AgreementMention, k: int) -> bool:
    """One more agreement of those told before, named as the subject of a clause without a
    signing verb: an addition cue or an ordinal right before the word ("a further agreement",
    "another contract", "ein weiteres Abkommen", "eine zweite Vereinbarung"), no verb between the
    clause's start and the word, and no plan, negation or modal in the clause ("A further
    agreement covers hydrogen" is one more signed; "A further agreement is to be signed" is not)."""
    if not any(an.cats(j) & {"AdditionCue", "Ordinal"} for j in range(max(0, k - 2), k)):
        return False
    clause = an.syntax.clause(k).tokens
    if not clause or an.syntax.clauses[an.syntax.clause_of[k]].kind in ("rel", "sub"):
        return False
    if any(an.tokens[j].pos in ("VERB", "AUX") for j in clause if j < k):
        return False
    # the sides are those of the agreement told before: a clause that names actors of its own
    # ("A further contract went to a group of Egyptian firms") is left to the rules for its sides
    inside = set(clause)
    if any(a.start in inside for a in an.actors_by_sent.get(m.sent, [])):
        return False
    return not _modal_clause(an, k)


def _modal_clause(an, k: int) -> bool:
    """A plan, a negation or a modal verb ("will", "soll") in the clause of token k."""
    return _plan_or_negation(an, k) or any(an.tokens[j].tag in MODAL_TAGS for j in an.syntax.clause(k).tokens)


def _plan_or_negation(an, k: int) -> bool:
    """A plan or a negation in the clause of token k (\"have negotiated a deal since 2018\"); a word of a
    date before the publication's month is none ("in May 2019": the month, not the modal)."""
    return any(an.cats(j) & {"PlanCue", "NegationCue"} and j not in _past_date_tokens(an) for j in an.syntax.clause(k).tokens)


def _past_date_tokens(an) -> set[int]:
    """The tokens of the dates that end before the text's own month (worked out once per document)."""
    found = an.__dict__.get("_past_date_tokens")
    if found is None:
        found = set()
        for d in an.dates:
            if _before_publication(an, d):
                k = an.tok_at(d.start)
                while k < len(an.tokens) and an.tokens[k].start < d.end:
                    found.add(k)
                    k += 1
        an.__dict__["_past_date_tokens"] = found
    return found


def _earlier_year_in_clause(an, m: AgreementMention) -> DateMention | None:
    """An absolute date in the agreement word's clause in a year before the publication's (or a
    relative one that the publication date places there: "in December last year", "im Vorjahr")."""
    clause = set(an.syntax.clause(m.start).tokens)
    return next((d for d in an.dates if d.kind in ("absolute", "relative") and _before_publication_year(an, d)
                 and an.tok_at(d.start) in clause), None)


def _earlier_when_date(an, m: AgreementMention) -> DateMention | None:
    """The date before the time subordinator that opens the agreement word's clause ("since 1993,
    when …"), if it lies in a year before the publication's: an older agreement's date."""
    d = when_antecedent(an, an.syntax.clause_of[m.start], m.sent)
    return d if _before_publication_year(an, d) else None


def _background_year_in_clause(an, m: AgreementMention) -> DateMention | None:
    """The one year, month or day of the clause of a background agreement's word that lies before
    the publication's year (an absolute date or a since-date), not inside a participle attribute of
    another noun: that older agreement's date. None when the clause gives two such dates."""
    clause = set(an.syntax.clause(m.start).tokens)
    found = [d for d in an.dates if d.kind in ("absolute", "since") and _before_publication_year(an, d)
             and an.tok_at(d.start) in clause
             and not in_participle_attribute(an, an.tok_at(d.start), an.tok_at(d.end - 1), m.start)]
    return found[0] if len(found) == 1 else None


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


def _supply_word(an, j: int, words) -> bool:
    """Token j is a word of selling or supplying (lex:SupplyWord), a German noun also by its head."""
    t = an.tokens[j]
    f, lemma = t.fold, fold(t.lemma or "")
    return f in words or lemma in words or an.lang == "de" and t.pos == "NOUN" \
        and any(f.endswith(w) for w in words if len(w) > 4)


def _supply_words(an, m: AgreementMention) -> bool:
    """A generic agreement word that names a sale: a supply word right before it ("power purchase
    deal", "supply pact") or heading its content ("an agreement with X for the supply of LNG", "to
    buy", "eine Vereinbarung über die Lieferung von"). Word list SupplyWord; German compounds by
    their head ("Gaslieferungen")."""
    toks = an.tokens
    words = an.gaz.words("SupplyWord")
    supply = lambda j: _supply_word(an, j, words)
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


def _trade_counterparts(an, m: AgreementMention) -> list[str]:
    """The other side of a trade that the agreement word's clause tells with a verb of supplying
    or buying (lex:SupplyVerb, lex:PurchaseVerb): the named actor after its recipient or source
    preposition ("ships fuel to Y", "liefert Strom an Y", "bezieht Windstrom von Y"), outside the
    agreement's own phrase. For an agreement the trade runs under ("under a long-term contract",
    "im Rahmen eines Liefervertrags"), that actor is its partner."""
    toks = an.tokens
    clause = set(an.syntax.clause(m.start).tokens)
    end = _title_end(an, m)
    out: list[str] = []
    for v in clause:
        lexm = an.lex_at.get(v)
        if lexm is None or lexm.start != v or toks[v].pos != "VERB" or not lexm.cats & {"SupplyVerb", "PurchaseVerb"}:
            continue
        preps = SUPPLY_TO if "SupplyVerb" in lexm.cats else SUPPLY_FROM
        for a in an.actors_by_sent.get(m.sent, []):
            if a.iri and a.kind != "group" and a.start in clause and fold(a.prep or "") in preps \
                    and a.function != "core" and not (m.start <= a.start < end) \
                    and not (an.lang == "en" and a.start < v) and a.iri not in out:
                out.append(a.iri)
    return out


def _under_agreement(an, k: int) -> bool:
    """An indefinite agreement word after "under"/"unter"/"im Rahmen" ("under a cooperation agreement
    between A and B"): something is done under it, so it exists."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 4 and toks[j].pos in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and toks[j].fold not in DEFINITE_ARTICLES \
            and not (j >= 1 and toks[j - 1].fold == "im" and toks[j].fold == "rahmen") \
            and not (toks[j].pos == "NOUN" and "ExistenceCue" in an.cats(j)):   # (a noun, where the walk stops)
        j -= 1
    if j >= 1 and "ExistenceCue" in an.cats(j) and (toks[j].pos == "NOUN" and toks[j - 1].pos in ("ADP", "DET")
                                                    or toks[j].pos == "ADP" and toks[j - 1].pos == "NOUN"):
        return True   # "auf Grundlage eines Vertrags", "on the basis of a contract" (lex:ExistenceCue)
    return j >= 0 and (toks[j].fold in an.gaz.words("FramePreposition") or commitment_frame(an, j)) \
        or j >= 1 and toks[j - 1].fold == "im" and toks[j].fold == "rahmen"


def _rests_on(an, k: int) -> bool:
    """An indefinite agreement word governed by a verb of resting on or growing out of (lex:PrecursorCue:
    "rests on an agreement", "beruht auf einem Abkommen", "goes back to a treaty"): something
    stands on it, so it was concluded before."""
    toks = an.tokens
    j = k - 1
    while j >= 0 and k - j <= 4 and toks[j].pos in ("DET", "ADJ", "NUM") and toks[j].fold not in DEFINITE_ARTICLES:
        j -= 1
    if j < 1 or toks[j].pos != "ADP":
        return False
    return any("PrecursorCue" in an.cats(v) and toks[v].pos in ("VERB", "ADP") for v in (j, j - 1)) \
        and any(toks[v].pos == "VERB" for v in (j - 1, j - 2) if v >= 0)


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
    j = elided_front(an, k) - 1   # (its determiner before "Liefer- und": "das Liefer- und Transitabkommen")
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
            if toks[j].pos not in ("DET", "ADJ") and not (j == k - 1 and toks[j].pos in ("NOUN", "PROPN")
                                                       and an.org_at(j) is None and not an.cats(j) & {"AgreementWord", "DocumentWord"}):
                break   # (a noun modifier between: "a first hydrogen partnership", "eine erste Grüne Allianz")
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
        if "DistributiveCue" in cats and start is not None and start - 3 <= j < start and _one_own(an, tokens, j):
            continue   # "a separate agreement", "eine eigene Vereinbarung": one more, not one per signer
        if "DistributiveCue" in cats and not ("RespectivelyCue" in cats and _in_role_apposition(an, j)):
            out.add("each")
        if "AnaphoricTime" in cats and an.tokens[j].fold not in ("there", "dort"):
            out.add("existing")   # "in that year … the deal", "damals"
    return out


def _one_own(an, tokens, j: int) -> bool:
    """The distributive adjective at j ("separate", "eigen", "individual") qualifies a singular
    indefinite agreement word ("a separate agreement", "eine eigene Vereinbarung") and nothing else
    in the clause distributes (no "each", "jeweils", "jeder" (lex:EachQuantifier)): one agreement
    more, not one per signer ("separate agreements", "each signed a separate agreement",
    "jeder der Partner unterschrieb einen eigenen Vertrag" still give one per signer)."""
    toks = an.tokens
    articles = an.gaz.words("IndefiniteArticle")
    if not any(toks[i].fold in articles for i in range(max(0, j - 2), j)):
        return False
    each = an.gaz.words("EachQuantifier")
    return not any(x != j and ("DistributiveCue" in an.cats(x) or fold(toks[x].lemma or "") in each or toks[x].fold in each)
                   for x in tokens)


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
        if p is None and reach is not None and kp == reach and d.kind == "absolute" and toks[kp].fold in ("in", "im") \
                and _before_publication(an, d):
            return d   # "after a contract with Omega Blades in February", "nach einem Vertrag mit X im Februar"
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
        if d.kind == "since" and m.end <= k <= m.end + 8 and not in_participle_attribute(an, k, an.tok_at(d.end - 1), m.start):
            return d   # (not "einen Vertrag mit der seit 2015 bestehenden Kappa AG": the firm's date)
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
                all((toks[j].pos in ("NOUN", "ADJ") or toks[j].pos == "CCONJ" and toks[j - 1].pos in ("NOUN", "ADJ"))
                    and not toks[j].is_title for j in range(an.tok_at(d.end - 1) + 1, m.start)):
            return d   # "a 2010 energy agreement", "the countries' 2018 wind energy pact": the year before its modifiers
            # (also coordinated ones: "the 2009 supply and transit contracts")
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
            and not (an.entity_at(s - 1) is not None and toks[s - 2].pos == "ADP") and an.dates_at(s - 1) is None:
        s -= 1   # "the Oslo Declaration", "Framework Agreement"; not "in Berlin Verträge", "am Montag Verträge"
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


def _event_anaphor_date(an, sent: int) -> DateMention | None:
    """"On 11 December 2010 the leaders held a summit. There they signed …": a sentence that
    opens with a word placing it at the event before takes that sentence's date."""
    s = an.sentences[sent]
    first = an.lex_at.get(s.start)
    if sent == 0 or first is None or first.start != s.start or "EventAnaphor" not in first.cats:
        return None
    prev = an.sentences[sent - 1]
    found = [d for d in an.dates if d.value and d.kind in ("absolute", "weekday", "relative")
             and an.sentences[prev.index].char_start <= d.start < an.sentences[prev.index].char_end
             and not planned_clause_date(an, d)]   # "X will host the next round on Friday. At the summit …": not the summit's day
    return found[-1] if found else None
