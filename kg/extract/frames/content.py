"""Step 4 of the agreement frames, dates, places and topics of the grouped agreements.

**Dates, places and topics.** A date keeps the text's precision; a date in a reporting
clause dates the report; the date of a signing event ("the ceremony on 12 November") is
inherited by every agreement signed at it. Topics come from the agreement's own words, the
sentence that asserts it and the sentences that refer back to it or go on about it, and
from the headline for every new agreement that does not leave the topic to another one; an
agreement on a project named only by its proper name takes what the text calls that project
elsewhere ("über Kambarata-1": "das Wasserkraftwerk Kambarata-1"); an
older (background) agreement takes no topics from its neighbours (an older contract that names
none trades the goods of the text: its main topic; so does an earlier stage of the text's deal,
"the preliminary agreement", "rests on an intergovernmental agreement"); a broader topic gives way
to its one narrower topic (LNG, not also natural gas); a pipeline agreement that does not say
what the pipeline carries takes the carrier the text names most (``ekg:carries``); a set of
agreements one of which a superlative singles out ("the largest of them covers …") and whose rest a
remainder sentence tells ("the remaining four deal with …") is told apart by those two clauses.
"""

from __future__ import annotations

import datetime as dt

from kg.extract.dates import NEWS_WINDOW_DAYS, DateMention, parse_published
from kg.extract.predicates import MODAL_TAGS, Predicate, _negation_of_other
from kg.extract.tokens import fold
from kg.extract.topics import TopicMatcher
from kg.extract.frames.model import Agreement, AgreementMention
from kg.extract.frames.common import CONTENT_PREPOSITIONS, _dates_in, _definite, _predicates, _title_end, agreement_words_at
from kg.extract.frames.clause_dates import _after_reference, clause_date, planned_clause_date
from kg.extract.frames.arguments import PRONOUN_STARTS, _focus_at, _topics_at


def _set_level(a: Agreement, m: AgreementMention) -> bool:
    return a.group is not None and m.ordinal is None and len(a.group.members) > 1 and \
        all(m in b.mentions for b in a.group.members)


def _anaphoric_topics(an, g) -> None:
    """An agreement named as the one the sentence before describes ("Kappa Power will eine Anlage
    für Wasserstoff bauen. Die Partner unterzeichneten dazu eine entsprechende Absichtserklärung", "a
    corresponding agreement", lex:CorrespondenceCue) takes that sentence's topics; so does one
    first named by a definite noun in the sentence that reports its signing ("MOL übernimmt von
    Chevron 8,9 Prozent an der Pipeline BTC. Der Kaufvertrag wurde am selben Tag unterzeichnet",
    "… The purchase agreement was signed on Tuesday"): the deal the sentence before told
    (:func:`_definite_signing`), unless that sentence names another agreement."""
    named = {m.sent for b in g.agreements for m in b.mentions}
    for a in g.agreements:
        for m in a.mentions:
            if m.implicit or m.sent == 0:
                continue
            sent = an.sentences[m.sent]
            window = range(max(sent.start, m.start - 2), min(sent.end, m.end + 2))
            if (any("CorrespondenceCue" in an.cats(k) for k in window)
                    or _definite_signing(an, a, m) and m.sent - 1 not in named) \
                    and an.sentences[m.sent - 1].paragraph == sent.paragraph:
                for t in an.topics_in(m.sent - 1):
                    a.topics[t] = a.topics.get(t, 0) + 2


def _definite_signing(an, a: Agreement, m: AgreementMention) -> bool:
    """Whether ``m`` is the agreement's first mention, a definite noun phrase that opens a
    sentence reporting its signing ("Der Kaufvertrag wurde unterzeichnet", "The deal was signed
    on …"); not one named further into its sentence ("Die Allianz knüpft an die
    Energiepartnerschaft an, die …"), which is another, older one."""
    if m.sent != min(x.sent for x in a.mentions) or not _reports_signing(m):
        return False
    start = an.sentences[m.sent].start
    k = m.start - 1
    while k > start and an.tokens[k].pos in ("ADJ", "NUM"):
        k -= 1
    return k == start and an.tokens[k].fold in an.gaz.words("DefiniteDeterminer")


def _continuations(an, g) -> None:
    """A sentence that goes on about one agreement with a pronoun ("Es soll …", "It covers …") or
    a definite noun of cooperation ("The partnership will also …", :func:`_cooperation_subject`)
    adds its topics to that agreement; so does a sentence whose main clause names what it centres
    on (lex:FocusCue: "Im Mittelpunkt stehen …", "The focus is on …"), for the agreement its
    paragraph last talked about."""
    by_sent: dict[int, list[Agreement]] = {}
    for a in g.agreements:
        for m in a.mentions:
            if not _set_level(a, m):
                by_sent.setdefault(m.sent, []).append(a)
    went_on: dict[int, Agreement] = {}   # sentences that went on about one agreement
    current = [a for a in g.agreements if not a.background and not a.tentative]
    unsigned = _unsigned_sentences(an)
    focus_nouns = [k for k in an.cat_tokens("FocusCue") if an.tokens[k].pos == "NOUN"]
    for sent in an.sentences:
        if sent.index in by_sent or sent.index in unsigned:
            continue   # (a sentence that says no agreement on it was signed tells what lies outside)
        first = an.tokens[sent.start]
        # the subject is a group noun for the parties or for those who signed for them ("The two
        # sides also want …", "Außerdem wollen die beiden Länder …", "Die Unterzeichner
        # wollen …"): in English before the verb (also after a fronted phrase: "Along the
        # route, the partners intend …"), in German anywhere in the main clause
        # (not in a subordinate clause: "Dass beide Länder Erfahrung haben, zeigt ein Solarpark …")
        subjects = [a for a in an.actors_by_sent.get(sent.index, [])
                    if a.kind == "group" and a.refers_to in ("actor", "person") and a.function == "core"
                    and a.number != 1
                    and an.syntax.clause(a.start).kind not in ("sub", "rel")
                    and (a.start - sent.start <= 2 or (an.lang == "de" and an.syntax.clause(a.start).kind == "main"
                                                       and a.start - sent.start <= 6)
                         or _after_fronted_phrase(an, sent, a.start))]
        group_subject = bool(subjects)
        pronoun = first.fold in PRONOUN_STARTS and first.pos in ("PRON", "ADV") \
            or _cooperation_subject(an, sent) or _accordance_start(an, sent) or _content_opening(an, sent) \
            or _participle_opening(an, sent)
        # "The memorandum lists two fields. The first is … The second field is …":
        # an enumeration goes on about the agreement its paragraph last talked about
        k0 = sent.start + 1 if first.pos == "DET" and sent.start + 1 < sent.end else sent.start
        enumerated = _last_in_paragraph(an, sent, by_sent, went_on) if "Ordinal" in an.cats(k0) else None
        # "Im Mittelpunkt stehen …", "Den Schwerpunkt bilden …", "The focus is on …": what the
        # agreement its paragraph last talked about centres on
        focus = [k for k in focus_nouns if sent.start <= k < sent.end and an.syntax.clause(k).kind == "main"
                 and not _focus_of_other(an, k, sent.end)]
        focus_scope = None
        if enumerated is None and focus:
            enumerated = _last_in_paragraph(an, sent, by_sent, went_on)
            # up to a colon or semicolon after it ("Ein Schwerpunkt ist Wasserstoff: die Ukraine habe
            # ein Gasnetz …" gives a reason), unless only what follows it names a topic ("Die
            # Energie ist ein Schwerpunkt: Brüssel will den Ausbau von Windkraft fördern")
            stop = next((j for j in range(focus[0], sent.end) if an.tokens[j].text in (":", ";")), sent.end)
            if _topics_at(an, sent.index, set(range(sent.start, stop))):
                focus_scope = set(range(sent.start, stop))
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
            scope = _clause_tree(an, sent, subjects[0].start) if group_subject else focus_scope
            if scope is not None and _denied(an, scope):
                continue   # "Über Gas sprachen die beiden Länder nicht", "the two sides made no progress on …"
            for t in an.topics_in(sent.index) if scope is None else _topics_at(an, sent.index, scope):
                targets[0].topics[t] = targets[0].topics.get(t, 0) + 1


def _after_fronted_phrase(an, sent, k: int) -> bool:
    """Whether an English subject at token ``k`` opens its main clause after a fronted phrase and
    a comma ("Along the route, the partners intend to …", "Beyond the sale itself, the two
    companies said they would …", "If the pilot succeeds, the two companies intend …"): the
    phrase before the comma has no verb of a main clause of its own (not "X met Y, the two
    countries signed …", nor a parenthetical "Together, he said, the partners …"), and the
    sentence names no agreement (then it is about that one: "In the talks, the two sides also
    exchanged other agreements, on defence …")."""
    toks, syn = an.tokens, an.syntax
    if an.lang != "en" or syn.clause(k).kind != "main":
        return False
    c = k - 1
    while c > sent.start and toks[c].pos == "DET":
        c -= 1   # (the subject's determiner: "the two companies")
    if c <= sent.start or toks[c].text != ",":
        return False
    if any("AgreementWord" in an.cats(j) or "DocumentWord" in an.cats(j) for j in range(sent.start, sent.end)):
        return False   # "In the talks, the two sides also exchanged other agreements, on defence …": about those
    return not any(toks[j].text == "," or toks[j].pos in ("VERB", "AUX") and syn.clause(j).kind == "main"
                   for j in range(sent.start, c))


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


def _accordance_start(an, sent) -> bool:
    """Whether a sentence opens with words that say what the agreement just told provides
    (lex:AccordanceCue: "Under it, India is to import …", "Demnach schickt Rosneft …"): right after
    a sentence that reports an agreement, it goes on about that agreement as a pronoun would."""
    m = an.lex_at.get(sent.start)
    return m is not None and m.start == sent.start and "AccordanceCue" in m.cats


def _participle_opening(an, sent) -> bool:
    """Whether a sentence opens with a participle of content or plan and a form of "be"
    ("Vorgesehen ist der Ausbau …", "Geplant sind zudem …", "Also planned are …", "Included is
    …"; lex:ContentCue, lex:PlanCue), after an adverb at most: right after a sentence that reports
    an agreement, it tells what that agreement provides, as a pronoun subject would."""
    toks = an.tokens
    k = sent.start + 1 if toks[sent.start].pos == "ADV" else sent.start
    return k + 1 < sent.end and toks[k].tag in ("VV(PP)", "VVPP", "VVN") \
        and bool(an.cats(k) & {"ContentCue", "PlanCue"}) and fold(toks[k + 1].lemma) in ("be", "sein")


def _focus_of_other(an, k: int, end: int) -> bool:
    """Whether the focus noun at ``k`` (lex:FocusCue) has a genitive or an of-phrase of something
    that is no agreement ("im Mittelpunkt der Debatte", "the focus of the talks"): it tells what
    that was about, not what the agreement centres on ("im Mittelpunkt des Abkommens", "at the
    heart of the partnership" still do)."""
    toks = an.tokens
    if k + 1 >= end or toks[k + 1].fold not in ("of", "des", "der"):
        return False
    j = k + 2
    while j < end and toks[j].pos in ("DET", "ADJ", "NUM"):
        j += 1
    # (a pronoun refers to the agreement: "at the heart of it")
    return j < end and toks[j].pos in ("NOUN", "PROPN") \
        and not an.cats(j) & {"AgreementWord", "DocumentWord", "CooperationCue"}


def _content_opening(an, sent) -> bool:
    """Whether a sentence opens with a phrase of a definite agreement or document word that says
    what follows is what it provides (lex:ContentPhrasePreposition: "Under the memorandum, the
    partners will …", "Laut dem Vertrag liefert …", "Im Abkommen ist … vorgesehen"): right after a
    sentence that reports an agreement, it goes on about that agreement as a pronoun would, also
    where its own tense made the word no report of one ("will")."""
    toks = an.tokens
    k = sent.start
    if toks[k].fold not in an.gaz.words("ContentPhrasePreposition") and toks[k].tag != "APPRART":
        return False
    noun = next((j for j in range(k + 1, min(sent.end, k + 5)) if toks[j].pos in ("NOUN", "PROPN")), None)
    return noun is not None and bool(an.cats(noun) & {"AgreementWord", "DocumentWord"}) \
        and (toks[k].tag == "APPRART" or _definite(an, noun))


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
    # the next paragraph reports another agreement: it is about that one; unless that is only an
    # older one named after the paragraph has begun to tell the content ("Bereits 2022 hatten …",
    # "In 2019 the two had already signed …"): the sentences before it still tell this one's content
    # (the loop below stops at it)
    told = [s for s in sents if s.paragraph == para + 1 and s.index in mentioned]
    opener = next((s.index for s in sents if s.paragraph == para + 1), None)
    told_sents = {s.index for s in told}
    background_only = all(b.background for b in g.agreements if b not in current
                          for m in b.mentions if m.sent in told_sents)
    if told and (not background_only or told[0].index == opener):
        return
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


def partner_items(an, m: AgreementMention) -> list[set[int]]:
    """The with-phrases after a plural agreement word, each followed by its own topic ("agreements
    with Indonesia on geothermal energy and with Vietnam on LNG", "Vereinbarungen mit Indonesien
    über Geothermie sowie mit Vietnam über LNG"): the stretch from each partner's preposition to
    the next, one member per partner, each with the topics of its own stretch. [] unless two or
    more stretches in the word's clause each name a topic."""
    toks = an.tokens
    sent = an.sentences[m.sent]
    actors = {a.start for a in an.actors_by_sent.get(m.sent, []) if a.iri}
    withs, j = [], m.end
    while j < sent.end and toks[j].text not in (".", ";", ":") and toks[j].pos not in ("VERB", "AUX"):
        if toks[j].fold in ("with", "mit") and any(x in actors for x in range(j + 1, min(j + 4, sent.end))):
            withs.append(j)
        j += 1
    if len(withs) < 2:
        return []
    spans = [set(range(x, y)) for x, y in zip(withs, withs[1:] + [j])]
    if not all(_topics_at(an, m.sent, sp) for sp in spans):
        return []
    return spans


CONTENT_REACH = 8   # a content word this close to the agreement's word, in its clause


def _tells_content(an, m: AgreementMention) -> bool:
    """Whether a sentence that refers back to an agreement says what it contains: a content
    word ("the deal provides for …", "Schwerpunkt des Abkommens ist …"), a preposition that puts
    something inside it ("in the accord", "unter dem Abkommen") or a word of a part of it ("as
    part of the deal", "Teil der Vereinbarung"). Other references judge or
    place the agreement ("X called the deal a step towards climate neutrality"); their topic
    words are not its topics."""
    sent = an.sentences[m.sent]
    if m.content and not m.implicit:
        return True   # a phrase of it that opens its clause ("Mit dem Abkommen wollen beide Länder …")
    if any("ContentCue" in an.cats(k) and abs(k - m.start) <= CONTENT_REACH and an.syntax.same_clause(k, m.start)
           for k in range(sent.start, sent.end)):
        return True
    if _subject_with_final_content_verb(an, m, sent) or _subject_with_aim(an, m, sent):
        return True
    preps = an.gaz.lex_words("ContentPreposition")
    k = m.start - 1
    while k >= sent.start and m.start - k <= 3 and an.tokens[k].pos in ("DET", "ADJ", "NUM"):
        k -= 1
    # a part of it ("As part of the deal, X will …", "Teil der Vereinbarung ist …", lex:PartialCue):
    # what it contains; not "the deal is part of a wider push", which places it in something else
    return k >= sent.start and ("PartialCue" in an.cats(k) and an.tokens[k].pos in ("NOUN", "ADP")
                                or any(tuple(t.fold for t in an.tokens[k - len(w) + 1:k + 1]) == w for w in preps))


AIM_REACH = 3   # tokens after the agreement word within which the verb of its aim comes


def _subject_with_aim(an, m: AgreementMention, sent) -> bool:
    """An English sentence that opens with the agreement as its subject and goes on with a verb of
    plan or aim (lex:PlanCue: "The partnership seeks to expand …", "The deal is expected to
    boost …"): what the agreement is to do, its content. (Not German: "sollen" also reports what
    is said of it, "Das Abkommen soll den Zugang zu Rohstoffen verschaffen, die für Windräder …";
    German content verbs close the clause: :func:`_subject_with_final_content_verb`.)"""
    toks = an.tokens
    if an.lang != "en" or m.implicit or m.start - sent.start > 2 or any(toks[j].pos not in ("DET", "ADJ") for j in range(sent.start, m.start)):
        return False
    plan = next((k for k in range(m.end, min(sent.end, m.end + AIM_REACH)) if "PlanCue" in an.cats(k)
                 and toks[k].pos in ("VERB", "AUX") and an.syntax.same_clause(k, m.start)), None)
    # not what becomes of the agreement itself ("The deal is expected to be signed …", "will be in
    # force until …"): a form of "be" after the cue
    return plan is not None and not any(fold(toks[k].lemma) == "be" and an.syntax.same_clause(k, m.start)
                                        for k in range(plan + 1, sent.end))


def _subject_with_final_content_verb(an, m: AgreementMention, sent) -> bool:
    """A German sentence that opens with the agreement as its subject and closes its clause with
    a content verb, at any distance across the verb bracket ("Die Vereinbarung ist mit einem Paket
    von 7 Milliarden Euro verbunden", "Das Abkommen soll den Bau von Solarparks umfassen")."""
    toks = an.tokens
    if an.lang != "de" or m.start - sent.start > 2 or m.implicit:
        return False
    for k in range(m.end + CONTENT_REACH, sent.end):
        nxt = toks[k + 1] if k + 1 < sent.end else None
        if toks[k].pos == "VERB" and "ContentCue" in an.cats(k) and an.syntax.same_clause(k, m.start) \
                and (nxt is None or nxt.pos == "PUNCT"):
            return True
    return False


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
    news (see :func:`_news_date`) and not a plan's (:func:`planned_clause_date`): the date of the
    event a later sentence refers to."""
    ref = _news_reference(an)
    for back in range(sent - 1, -1, -1):
        found = [d for d in _dates_in(an, back) if d.value and d.value[:4].isdigit() and d.precision in ("day", "month")
                 and d.kind in ("absolute", "weekday", "relative", "dateline") and an.tok_at(d.start) not in an.structure.skip
                 and _news_date(ref, d) and not planned_clause_date(an, d)]   # "He is to fly on to Paris on Wednesday"
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


def _fallback_topics(an, g, a: Agreement) -> None:
    """An agreement whose own sentences name no topic: the topics of the sentences next to
    those that report it in their paragraph (a new paragraph opens another subject; not next to a later reference that judges it: "For Chile, the
    memorandum carries particular weight"), else the main topic of the text, the one it names most often (if no other topic is
    named as often: a tie is no main topic). A next sentence that is about another agreement
    of the text does not count: it tells that one's topics ("The memorandum with X covers
    hydrogen" says nothing about the one with Y)."""
    told = {m.sent for m in a.mentions if m.status in ("asserted", "background")} or a.sentences
    # (in its own paragraph: the next paragraph opens another subject, "Für Ude ist das Projekt …")
    near = {s + d for s in told for d in (-1, 1) if 0 <= s + d < len(an.sentences)
            and an.sentences[s + d].paragraph == an.sentences[s].paragraph} - a.sentences
    others = {m.sent for b in g.agreements if b is not a for m in b.mentions if m not in a.mentions}
    for s in sorted(near - others):   # a sentence about another agreement tells that one's topics
        for t in an.topics_in(s):
            a.topics[t] = a.topics.get(t, 0) + 1
    if not a.topics:
        _main_topic(an, a)


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
    :func:`kg.extract.structure.news_lead`; the rest of its paragraph is often background about a
    party) and the title say what the text's new agreements are about: their topics go to each new
    agreement, except a topic that another new agreement names in its own words and this one does
    not ("Hydrogen and LNG deals": the hydrogen one is not about LNG), where that other agreement is
    one the headline or the lead reports. A later new agreement whose own words name other subjects
    than the headline ("Last year the two also settled their maritime border"), or one between other
    parties that the headline and the lead do not report ("BASF also signed a declaration with
    Guangdong"), is another piece of news: it takes none of them; nor does one dated years before
    the text whose own words name none of them ("In 2007 the two signed a memorandum on biofuels"),
    even as the text's only agreement. A headline topic that is what a product of the agreement is
    made from ("Solar power from the desert for green ammonia", ``ekg:producedFrom``) tells how it
    is made: not a topic. Then an agreement still without a topic takes those of its neighbourhood,
    and a topic that a narrower one says is dropped (see TopicMatcher.most_specific)."""
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
    ref = _news_reference(an)
    for a in current:
        if a.date is not None and a.date.value and not _news_date(ref, a.date) and a.topics \
                and not set(a.topics) & set(heads):
            continue   # one dated years before the text whose own words name other subjects ("In 2007 the
            # two signed a memorandum on biofuels"): not the news the headline tells
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
    _shared_set_topics(an, g, _singled_out_members(an, g))
    for a in g.agreements:
        if not a.topics:
            # "a similar agreement", "ein erstes solches Abkommen": what the one it is likened to is about
            for t in _likened_topics(an, g, a, heads):
                a.topics[t] = a.topics.get(t, 0) + 1
        if not a.topics:
            # "an agreement on Kambarata-1": what the text calls that project elsewhere
            for t in _named_project_topics(an, a):
                a.topics[t] = a.topics.get(t, 0) + 1
        if not a.topics and not a.background:
            _fallback_topics(an, g, a)
        elif not a.topics and a.background and (_about_the_project(an, a) or a.kind == "contract"):
            # a contract trades the goods the text is about ("the supply contract of 2014", "a
            # power purchase agreement signed in 2019"): with no words of its own on what, it is
            # about the text's main topic; a partnership or a memorandum named in passing is not
            _main_topic(an, a, _deal_of(g, a))
        elif not a.topics and a.background and (deal := _precursor(an, g, a)) is not None:
            # an earlier stage of the text's deal ("the preliminary agreement", "rests on an
            # intergovernmental agreement") was about what the deal is about: the text's main
            # topic (not the deal's strongest topics, which name its details too); of topics
            # the text names equally often, the one the deal weighs most
            _main_topic(an, a, deal)
        _carrier_topic(an, a, matcher)
        a.topics = matcher.most_specific(a.topics, an.listed_kinds)


LIKENESS_REACH = 3   # tokens between a word of likeness and the agreement word it qualifies


def likened_mention(an, m) -> bool:
    """Whether a word of likeness (lex:LikenessCue: "similar", "such", "ähnlich", "dieser Art")
    stands next to the mention's agreement word, in its clause: it likens that agreement to
    another one of the text."""
    toks = an.tokens
    sent = an.sentences[m.sent]
    return any("LikenessCue" in an.cats(k) and "AgreementWord" not in an.cats(k)
               for k in range(max(sent.start, m.start - LIKENESS_REACH), min(sent.end, m.end + LIKENESS_REACH))
               if an.syntax.same_clause(k, m.start) and toks[k].pos != "VERB")


def _likened_topics(an, g, a: Agreement, heads: list[str]) -> list[str]:
    """An agreement whose own words name no topic but liken it to another one of the text ("In
    2021 Norway had signed a similar agreement with Korea", "ein erstes solches Abkommen mit Peru",
    "a partnership of this kind", lex:LikenessCue, next to its agreement word) is about what
    that one is about: the strongest topics of the text's first new agreement that has some, or
    else those of the headline and the lead, which tell what the text's news is about."""
    if not any(likened_mention(an, m) for m in a.mentions
               if not m.implicit and m.status in ("asserted", "background", "reference")):
        return []
    model = next((b for b in g.agreements if b is not a and not b.background and b.topics
                  and not {id(m) for m in b.mentions} & {id(m) for m in a.mentions}), None)
    if model is not None:   # what it is mainly about (its strongest topics), not every detail
        best = max(model.topics.values())
        return [t for t, n in model.topics.items() if n == best]
    return list(dict.fromkeys(heads))


NAME_REACH = 3   # tokens between a project's name and the topic word that says what it is


def _name_like(an, k: int) -> bool:
    """A token of a project's name: a capitalised word the tagger does not know
    ("Kambarata", "Inga", "Baltlink"), not a word it knows ("Bau", "Grand", "Bank"); or a word with a digit
    ("Kambarata-1")."""
    from kg.extract.linking import word_class

    t = an.tokens[k]
    if any(c.isdigit() for c in t.text):
        return t.text[:1].isupper()
    return t.text[:1].isupper() and len(t.text) >= 3 and word_class(an.lang, t.text) == "unknown"


def _named_project_topics(an, a: Agreement) -> list[str]:
    """An agreement on a project named by its proper name alone ("ein Abkommen über Kambarata-1",
    "a memorandum of understanding on Grand Inga") is about what the text calls that project
    where it says what it is: a topic word right before or after the name ("das Wasserkraftwerk
    Kambarata-1", "the planned Inga 3 dam", "the Adria Link gas pipeline") or in an apposition
    to it ("Baranya II, the nuclear power plant planned ..."). Names of actors and places are
    not projects."""
    toks = an.tokens
    keys: set[str] = set()
    for m in a.mentions:
        if m.implicit or not m.words or m.status not in ("asserted", "background"):
            continue
        taken = {k for x in an.actors_by_sent.get(m.sent, []) for k in range(x.start, x.end)}
        taken |= {k for _, k in an.topic_hits.get(m.sent, [])}
        for k in range(m.end, _title_end(an, m)):
            if k not in taken and k not in an.structure.skip and _name_like(an, k):
                keys.add(toks[k].fold.rstrip("."))
    if not keys:
        return []
    found: list[str] = []
    for sent in an.sentences:
        hits = an.topic_hits.get(sent.index, [])
        if not hits:
            continue
        starts = {h for _, h in hits}

        def part(x: int) -> bool:   # a further word of the name, not a topic word ("Solarpark")
            return x not in starts and (_name_like(an, x) or toks[x].pos == "NUM")

        for k in range(sent.start, sent.end):
            if toks[k].fold.rstrip(".") not in keys:   # ("Kambarata-1." before a sentence the splitter missed)
                continue
            lo, hi = k, k + 1   # the whole name: "Inga 3", "Grand Inga"
            while lo - 1 >= sent.start and part(lo - 1):
                lo -= 1
            while hi < sent.end and part(hi):
                hi += 1
            for t, h in hits:
                before = lo - NAME_REACH <= h < lo and all(toks[x].pos in ("NOUN", "ADJ", "DET", "PROPN")
                                                          for x in range(h + 1, lo))
                after = hi <= h < hi + NAME_REACH and all(toks[x].pos in ("ADJ", "DET", "NOUN", "PROPN")
                                                          or toks[x].text == "," and x == hi for x in range(hi, h))
                if (before or after) and t not in found:
                    found.append(t)
    return found


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


def _deal_of(g, a: Agreement) -> Agreement | None:
    """The new agreement of the text that an older one is told about: the one that shares most
    parties with it (None if none does, of several)."""
    current = [b for b in g.agreements if not b.background and b is not a]
    if not current:
        return None
    shared = lambda b: len(set(a.parties) & set(b.parties))
    deal = max(current, key=shared) if a.parties and len(current) > 1 else current[0]
    return None if a.parties and len(current) > 1 and not shared(deal) else deal


PRECURSOR_REACH = 3   # tokens between a precursor adjective or noun and the agreement word it qualifies


def _precursor(an, g, a: Agreement) -> Agreement | None:
    """The new agreement of the text that an older agreement was an earlier stage of
    (lex:PrecursorCue): a word that qualifies its agreement word ("the preliminary agreement
    the two companies reached in December", "an agreement in principle", "eine erste
    Absichtserklärung", "Grundlage ist eine Absichtserklärung") or a verb of its sentence that
    makes it the origin of the deal ("The deal rests on an intergovernmental agreement", "It
    grew out of a memorandum", "Das Projekt geht auf ein Memorandum zurück"). It was about what
    that deal is about. Not a framework or a partnership (a frame is broader than one deal); of
    several new agreements, the one that shares most parties with it (None if none does)."""
    deal = _deal_of(g, a)
    if a.kind == "partnership" or deal is None:
        return None
    cues = an.cat_tokens("PrecursorCue")
    # a word of it inside a compound agreement word ("agreement in principle", "Vorvertrag")
    inner = {w[0] for w in an.gaz.lex_words("PrecursorCue") if len(w) == 1}
    for m in a.mentions:
        if m.implicit or m.status not in ("asserted", "background"):
            continue
        if any(an.tokens[j].fold in inner or fold(an.tokens[j].lemma) in inner for j in range(m.start, m.end)):
            return deal
        if m.framework:
            continue
        sent = an.sentences[m.sent]
        for k in cues:
            if not sent.start <= k < sent.end:
                continue
            if m.start - PRECURSOR_REACH <= k < m.end + PRECURSOR_REACH \
                    or an.tokens[k].pos in ("VERB", "AUX") and "Ordinal" not in an.cats(k):   # ("erste" tagged a verb)
                return deal
    return None


def _main_topic(an, a: Agreement, deal: Agreement | None = None) -> None:
    """The text's main topic, the one it names most often (none if another is named as often,
    except the topic that a kind of it named as often says already: LNG, not natural gas; or,
    given the text's ``deal`` the older agreement is told about, the one of them that deal
    weighs most: "grid" and "nuclear" named as often in a text on a reactor deal)."""
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
        if len(top) > 1 and deal is not None and any(t in deal.topics for t in top):
            most = max(deal.topics.get(t, 0) for t in top)
            top = [t for t in top if deal.topics.get(t, 0) == most]
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


SINGLED_OUT_REACH = 4   # sentences after the report of a set in which "the largest of them" may single one out


def _superlative(an, k: int) -> bool:
    """Whether token ``k`` is a superlative adjective ("largest", "most important", "wichtigste",
    "größte"; not an ordinal, "erste")."""
    tok = an.tokens[k]
    if tok.pos != "ADJ" or "Ordinal" in an.cats(k):
        return False
    if an.lang == "de":
        return fold(tok.lemma).endswith("st")
    return tok.tag == "AJS" or k > 0 and an.tokens[k - 1].fold in ("most", "least")


def _cue_after_superlative(an, s: int, cues: dict[str, list[tuple[str, ...]]]) -> int | None:
    """The token after the first lex:SingledOutCue of sentence ``s`` that follows a superlative
    ("the largest *of them* covers …", "das wichtigste *davon* betrifft …"), else None. One pass
    over the sentence: ``cues`` are keyed by their first word (longest first where two share it)."""
    toks = an.tokens
    sent = an.sentences[s]
    for k in range(sent.start + 1, sent.end - 1):
        for cue in cues.get(toks[k].fold, ()):
            n = len(cue)
            if tuple(t.fold for t in toks[k:k + n]) == cue and _superlative(an, k - 1):
                return k + n
    return None


def _singled_out_cues(gaz) -> dict[str, list[tuple[str, ...]]]:
    """The phrases of lex:SingledOutCue by their first word, longest first (once per gazetteer)."""
    cues: dict[str, list[tuple[str, ...]]] = {}
    for cue in sorted(gaz.word_lists.get("SingledOutCue", ()), key=lambda c: (-len(c), c)):
        cues.setdefault(cue[0], []).append(cue)
    return cues


def _singled_out_members(an, g) -> set[int]:
    """A set of agreements reported together ("signed five agreements") of which a later clause
    singles one out by a superlative (lex:SingledOutCue: "the largest of them covers an oil
    refinery", "the most important of them a contract on uranium", "das wichtigste davon betrifft
    …") and a sentence opened by a lex:RemainderWord tells the rest ("The remaining four deal with
    defence and railways", "Die übrigen zwei betreffen …"): the singled-out member (the one the
    clause names with an agreement word of its own, else the first) takes the topics of the rest
    of that clause, each other member those of the remainder sentence (not the union of all, as
    for a set never told apart). Returns the ids of the groups so told apart."""
    toks = an.tokens
    cues = an.gaz.cached("singled_out_cues", _singled_out_cues)
    rest_words = an.gaz.words("RemainderWord")
    if not cues:
        return set()
    done: set[int] = set()
    for a in g.agreements:
        grp = a.group
        if grp is None or id(grp) in done or len(grp.members) < 2:
            continue
        members = [b for b in grp.members if b in g.agreements]
        if len(members) != len(grp.members):
            continue
        shared = [m for m in a.mentions if m.status == "asserted" and all(m in b.mentions for b in members)]
        if not shared:
            continue
        s0 = min(m.sent for m in shared)
        others = {m.sent for b in g.agreements if b not in members for m in b.mentions}
        single = None   # (sentence, first token after the cue)
        for s in range(s0, min(len(an.sentences), s0 + SINGLED_OUT_REACH + 1)):
            if s != s0 and s in others:
                break   # another agreement between: "of them" no longer means this set
            after = _cue_after_superlative(an, s, cues)
            if after is not None:
                single = (s, after)
                break
        if single is None:
            continue
        s1, after = single
        end = an.sentences[s1].end
        for x in range(after, end):
            if toks[x].text == ";":
                end = x
                break
        rest = None   # the sentence the remainder word opens
        for s in range(s1 + 1, min(len(an.sentences), s1 + 3)):
            sent = an.sentences[s]
            if any(toks[x].fold in rest_words for x in range(sent.start, min(sent.end, sent.start + 3))):
                rest = s
                break
            if s in others:
                break
        if rest is None:
            continue
        # the member the clause names with an agreement word of its own ("a contract on uranium"): by
        # a mention there, else by the kind of that word where one member alone is of it; else the first
        chosen = next((b for b in members if any(m.sent == s1 and after <= m.start < end and m not in shared
                                                 for m in b.mentions)), None)
        if chosen is None:
            kinds = set()
            for x in range(after, end):
                kinds |= {e.kind for e in agreement_words_at(an, x)}
            of_kind = [b for b in members if b.kind in kinds]
            chosen = of_kind[0] if len(of_kind) == 1 else members[0]
        own = an.topics_in(s1, after, end)
        told = an.topics_in(rest)
        if not own or not told:
            continue
        chosen.topics = {t: 3 for t in own}
        for b in members:
            if b is not chosen:
                b.topics = {t: 2 for t in told}
        done.add(id(grp))
    return done


def _shared_set_topics(an, g, skip: set[int]) -> None:
    """Agreements announced together as a set ("five firms each signed a separate statement")
    that the text never tells apart by an ordinal ("the second one covers …") have one content:
    what a later sentence says about "the document" or "the agreements" is said of each of
    them, so every member takes the topics of all (not a set whose members a superlative and a
    remainder sentence told apart: ``skip``, :func:`_singled_out_members`)."""
    seen: set[int] = set(skip)
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


def _nearby_date(an, a: Agreement, g=None) -> DateMention | None:
    """A signing without a date: a day or month date in the sentence before or after one of its
    signing sentences (the first that has one), not the date of an older agreement told there
    ("… the cable that A and B agreed on in December 2022. Separately, the ministry signed a
    memorandum with C during the conference")."""
    older = {id(b.date) for b in (g.agreements if g is not None else []) if b is not a and b.background and b.date is not None}
    # (a deal told as reached or agreed, "has agreed to buy", "haben sich geeinigt", is dated by the
    # next sentence just as a signed one: "The company announced the deal on Thursday")
    # (not one a relative clause recalls: "the accords that Russia has concluded with the transit
    # countries"; a date next to that is another event's)
    signed = {m.sent for m in a.mentions if m.status == "asserted" and m.predicate is not None and m.predicate.kind == "sign"}
    # (nor one told as renewed, "haben ihre Energiepartnerschaft erneuert": it was concluded before)
    agreed = {m.sent for m in a.mentions if m.status == "asserted" and m.predicate is not None and m.predicate.kind == "conclude"
              and an.syntax.clauses[m.predicate.clause].kind != "rel" and "RenewVerb" not in an.cats(m.predicate.head)}
    sents = sorted(signed | agreed)
    reporting = {k for p in _predicates(an) if p.kind == "report" and _reports_content(an, p) for k in p.tokens}
    if not signed and g is not None:
        # a deal only told as agreed is not dated by a clause that tells another signing of its
        # own ("X awarded the supply contracts to A and B. Other contracts were signed on Tuesday";
        # a definite back-reference, "Die Verträge wurden am Dienstag unterzeichnet", may be its own)
        others = [m for b in g.agreements if b is not a for m in b.mentions
                  if m.predicate is not None and m.predicate.kind in ("sign", "conclude")]
        busy = {m.predicate.clause for m in others if not m.definite} - {m.predicate.clause for m in others if m.definite}
        reporting |= {k for c in busy for k in an.syntax.clauses[c].tokens}
    lines = []
    for s in sents:
        for other in (s - 1, s + 1):
            cands = [d for d in an.dates if d.value and d.kind not in ("target", "since") and d.precision in ("day", "month")
                     and an.sent_of[an.tok_at(d.start)] == other and an.tok_at(d.start) not in reporting
                     and an.tok_at(d.start) not in an.structure.skip and id(d) not in older
                     and not _after_reference(an, d)   # "Ministers will meet in September": no signing after the report
                     and not planned_clause_date(an, d)]   # "Modi is to speak on Friday": a plan's day
            # a dateline says when the news was filed: a day the body tells next to it comes first
            # ("Mumbai, August 7 / A and B have agreed … The two signed a heads of agreement on Tuesday")
            told = [d for d in cands if d.kind != "dateline"]
            if told:
                return told[0]
            lines.extend(cands)
    return lines[0] if lines else None


def publication_month(an, a: Agreement) -> DateMention | None:
    """A signing the text tells as its news without any date ("X and Y have signed an agreement …
    during the visit of Z", "the company said this week") in a report dated only to a month: that
    month, as a weekday in such a report gives it. Not for an agreement in the background, nor for
    one only referred to, planned or told in a clause that hangs from its word ("the contract that X
    had concluded with Y")."""
    pub = an.doc.published
    if a.background or not pub or len(pub) != 7 or not pub[:4].isdigit():
        return None
    if not any(m.status == "asserted" and m.predicate is not None and m.predicate.kind in ("sign", "conclude")
               and m.predicate.mode == "asserted" and an.syntax.clause_of[m.start] == m.predicate.clause
               for m in a.mentions):
        return None
    return DateMention(0, 0, "", pub, "month", "publication")


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
