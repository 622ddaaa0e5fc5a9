"""The date a clause tells. A date keeps the text's precision; a date in a reporting clause
dates the report, not the agreement.
"""

from __future__ import annotations

from kg.extract.dates import DateMention
from kg.extract.predicates import MODAL_TAGS, Predicate, prenominal_article
from kg.extract.frames.common import _dates_in, _predicates, _predicates_in


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
        if k not in p.tokens or any(_conjunct_after(an, p.head, k, o) for o in others):
            continue   # "hatte 2022 X unterzeichnet und 2019 Y geschlossen": 2019 is the second verb's
        if any(abs(o - k) < abs(p.head - k) and not _postnominal_after(an, p, k, o) and not _conjunct_after(an, o, k, p.head)
               and not (k < o < p.head and _closes_conjunct(an, o) < p.head) for o in others):
            # a date nearer to another predicate of the clause is that one's (not one before both
            # coordinated verbs: "die 2018 die Entscheidung getroffen und einen Vertrag geschlossen hatten")
            continue
        if _agreement_date(an, d, k) or _name_year(an, d, k):
            continue   # "Building on the 2015 Lima Declaration, they signed …": that agreement's date
        if _participle_apposition(an, p, k) or _participle_phrase(an, p, k):
            continue   # "on the pipeline, a project first drawn up ten years ago": the project's date
        cands.append(d)
    if len(cands) > 1 and others:
        # a date in the verb's own conjunct before one both coordinated verbs share
        cands = [d for d in cands if any(_conjunct_after(an, o, an.tok_at(d.start), p.head) for o in others)] or cands
    if len(cands) > 1:
        # "signed … on Tuesday with the joint venture Kappa founded in 2019", "mit der 2019
        # gegründeten Kappa Energy": a date inside a participle attribute of another noun
        cands = [d for d in cands if not in_participle_attribute(an, an.tok_at(d.start), an.tok_at(d.end - 1), p.head)] or cands
    if not cands:
        return _when_date(an, p) or _sentence_date(an, p)
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


# how many words a participle attribute may hold between its date and its participle
ATTRIBUTE_REACH = 8
# English past participles; the tagger may also tag one as a past tense ("a cable first proposed in 2011")
PAST_PARTICIPLE_TAGS = ("VVN", "VBN")
PARTICIPLE_OR_PAST_TAGS = PAST_PARTICIPLE_TAGS + ("VVD", "VBD")


def _conjunct_after(an, first: int, k: int, second: int) -> bool:
    """Whether the date at ``k`` lies in the conjunct of the later of two coordinated verbs of one
    clause: the earlier verb closes its conjunct and a coordinating conjunction follows it right away
    (German verb-final coordination, "hatte 2022 einen Vertrag mit A unterzeichnet und 2019 ein
    Abkommen mit B geschlossen", "und, zwei Jahre zuvor, … geschlossen"), the date comes after that
    and before the later verb. Its nearness to the earlier verb says nothing then."""
    return first < k < second and _closes_conjunct(an, first) < k


def _closes_conjunct(an, first: int) -> int:
    """Where the coordinating conjunction right after a verb is (past a comma), else a position
    past the end: the verb closes the first of two coordinated verb phrases."""
    toks = an.tokens
    j = first + 1
    if j < len(toks) and toks[j].text == ",":
        j += 1
    if j < len(toks) and toks[j].pos == "CCONJ" and toks[j].fold in ("und", "and", "sowie", "oder", "or", "aber", "but"):
        return j
    return len(toks)


def _postnominal_after(an, p: Predicate, k: int, o: int) -> bool:
    """An English participle right after a noun ("a consortium made up of A and B") after the date
    at ``k``, which follows the signing verb: the date is the verb's, an adverbial after it, not
    the reduced relative's."""
    return an.lang == "en" and p.head < k < o and _participle_after_noun(an.tokens, o, PARTICIPLE_OR_PAST_TAGS)


def _participle_after_noun(toks, j: int, tags: tuple[str, ...] = PAST_PARTICIPLE_TAGS) -> bool:
    """An English participle (one of ``tags``) right after a noun: a reduced relative ("a
    consortium made up of A and B", "a joint venture founded by A and B")."""
    return toks[j].tag in tags and j > 0 and toks[j - 1].pos == "NOUN"


def in_participle_attribute(an, k: int, e: int, head: int) -> bool:
    """Whether the date at tokens ``k``..``e`` belongs to a participle attribute of another noun than
    the signing's: a German one before its noun, opened by an article before the date ("mit der 2019
    gegründeten Kappa Energy", "einem 2019 von A und B gegründeten Unternehmen"), or an English
    reduced relative after its noun, the date after the participle ("with a joint venture founded
    by A and B in 2019"). ``head`` is the signing's word (its own participle does not count)."""
    toks = an.tokens
    end = an.sentences[an.sent_of[k]].end
    if an.lang == "de":
        for j in range(e + 1, min(end, e + ATTRIBUTE_REACH + 1)):
            # (a participle before a name may stay tagged as an adjective: "der 2019 gegründeten Kappa AG")
            if toks[j].tag in ("VV(PP)", "ADJ(A)") and j != head and j + 1 < end \
                    and toks[j + 1].pos in ("NOUN", "PROPN", "ADJ"):
                art = prenominal_article(an, j)
                return art is not None and art < k
            if toks[j].pos not in ("ADP", "NOUN", "PROPN", "CCONJ", "ADV", "NUM", "ADJ", "DET"):
                return False
        return False
    for j in range(k - 1, max(head, k - ATTRIBUTE_REACH - 1), -1):
        if j != head and _participle_after_noun(toks, j):
            return True
        if toks[j].pos not in ("ADP", "NOUN", "PROPN", "CCONJ", "DET", "NUM", "ADJ") or toks[j].text in (",", ";"):
            return False
    return False


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
    return any(j != p.head and toks[j].pos == "VERB" and (toks[j].tag in PARTICIPLE_OR_PAST_TAGS
                                                         or toks[j].tag.endswith("(PP)"))
               and not an.cats(j) & {"ReportingVerb", "LaunchVerb", "SigningVerb", "ConcludingVerb"}
               for j in range(left + 1, right))


def _participle_phrase(an, p: Predicate, k: int) -> bool:
    """Token ``k`` lies in a participle phrase set off by a comma, fronted or inserted, that opens
    with its participle ("Founded in 1998, X signed … on Monday", "X, established in 2005, signed
    …", "Gegründet 1998, hat X …") or, in German, closes with it ("X, 1998 gegründet, unterzeichnete
    …"): the date of what the participle tells of the subject, not of the clause's signing. Not a
    phrase with a finite verb (a clause of its own), nor a participle of signing, concluding, saying
    or making public ("Signed in 1998, the contract runs until 2030": the contract's own date)."""
    toks = an.tokens
    sent = an.sentences[an.sent_of[k]]
    left = next((j for j in range(k - 1, sent.start - 1, -1) if toks[j].text in (",", ";", "(", ":")), None)
    if left is not None and toks[left].text != ",":
        return False
    first = sent.start if left is None else left + 1
    right = next((j for j in range(k + 1, sent.end) if toks[j].text in (",", ";", ")", ".", ":")), sent.end)
    if right >= sent.end or toks[right].text != "," or first <= p.head < right:
        return False

    def participle(j: int) -> bool:
        return toks[j].pos == "VERB" and (toks[j].tag in PARTICIPLE_OR_PAST_TAGS or toks[j].tag.endswith("(PP)")) \
            and not an.cats(j) & {"ReportingVerb", "LaunchVerb", "SigningVerb", "ConcludingVerb"}

    if any(an.syntax.finite(j) for j in range(first, right)):
        return False   # a clause of its own ("X war am Montag nach Oslo gereist, um … zu unterzeichnen")
    return participle(first) or an.lang == "de" and participle(right - 1)


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


def _when_date(an, p: Predicate) -> DateMention | None:
    """A clause with no date of its own that opens with a time subordinator right after a date and
    a comma ("… go back to 2014, when X signed a deal with Y", "… reicht bis 2014 zurück, als X mit
    Y ein Abkommen schloss"; lex:TimeSubordinator): that date is the clause's time."""
    if p.noun or p.kind not in ("sign", "conclude"):
        return None
    return when_antecedent(an, p.clause, p.sent)


def when_antecedent(an, clause: int, sent: int) -> DateMention | None:
    """The date right before the comma that opens a clause with a time subordinator ("since 1993,
    when …", "bis 2014, als …"): the time of what that clause tells."""
    toks = an.tokens
    j = an.syntax.clauses[clause].start
    if toks[j].text == ",":
        j += 1
    if j < 2 or toks[j].fold not in an.gaz.words("TimeSubordinator") or toks[j - 1].text != "," \
            or an.sent_of[j - 2] != sent:
        return None
    e = j - 2
    if toks[e].tag == "PTKVZ" and e > 0:
        e -= 1   # "reicht bis 2014 zurück, als …": the particle of the verb closes the clause
    return next((d for d in an.dates if d.value and d.kind != "dateline" and an.tok_at(d.end - 1) == e), None)


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
        if not d.value or d.kind not in ("absolute", "weekday", "relative", "anaphoric") or not sent.char_start <= d.start < sent.char_end:
            continue
        k = an.tok_at(d.start)
        clause = an.syntax.clause_of[k]
        if clause in busy or an.syntax.clauses[clause].kind not in ("main", "frag") or k in p.tokens \
                or _participle_apposition(an, p, k) or planned_clause_date(an, d):
            continue
        found.append(d)
    if not found or all(d.kind == "dateline" for d in found):
        # the day a reporting clause gives, before the dateline's, which says when the news was filed
        return _report_date(an, p) or (found[0] if len(found) == 1 else None)
    if len(found) != 1:
        return None
    return found[0]


# English past tenses and participles: a plan cue so tagged ("negotiated", "was prepared in May")
# tells something done unless a to-infinitive follows it ("was expected to", "had planned to")
PAST_TAGS = PARTICIPLE_OR_PAST_TAGS + ("VHD", "VDD")
# English present forms of "be": a plan cue participle after one is a present passive ("are planned for")
PRESENT_BE_TAGS = ("VBZ", "VBB")
# German present forms of "sein" and "werden": a plan cue participle with one tells a plan ("ist geplant",
# "wird vorbereitet"), with a past form something done ("war im März vorbereitet worden")
GERMAN_PRESENT_AUX = frozenset({"ist", "sind", "wird", "werden"})


def planned_clause_date(an, d: DateMention) -> bool:
    """Whether a date lies in a clause that tells a plan or a coming event, not one done: a modal
    verb, German future "werden" with an infinitive, or a plan cue (lex:PlanCue) that marks a
    clause: a verb or auxiliary not in an English past tense unless a to-infinitive or a present
    "be" marks a plan ("is to", "was expected to", "are planned for", "plant", "geplant"), an
    infinitive particle or adverb of one ("set to", "soon", "later this year"). "They are to form a
    joint venture later this year", "Modi is to speak on Friday", "soll noch in diesem Jahr
    gegründet werden", "wird am Freitag nach Paris reisen": that date is the plan's, and an
    undated signing next to it does not take it. Not a date inside an
    asserted signing or conclusion, nor one a report tells before any plan word ("X said on Monday
    it would pay …": the report's day may date a signing). An infinitive clause is planned by the
    clause it hangs from ("plant, die Ausschreibung im März zu starten"). A plan cue that is a noun
    ("negotiations") says nothing of its clause's time.

    Worked out once per date per document (clause_date, the content paragraph's dates, the news
    dates and the summit's day ask it for the same dates): cached in ``an.__dict__`` by the date's
    position, which is all the answer depends on besides the document's fixed analysis."""
    cache = an.__dict__.setdefault("_planned_clause_dates", {})
    planned = cache.get(d.start)
    if planned is None:
        planned = cache[d.start] = _planned_clause_date(an, d)
    return planned


def _planned_clause_date(an, d: DateMention) -> bool:
    """planned_clause_date, uncached."""
    k = an.tok_at(d.start)
    toks = an.tokens

    c = an.syntax.clauses[an.syntax.clause_of[k]]
    clause = list(c.tokens)
    if c.kind == "inf" and c.parent is not None:
        clause += an.syntax.clauses[c.parent].tokens   # "plant, die Ausschreibung im März zu starten"
    present_aux = an.lang == "de" and any(toks[x].fold in GERMAN_PRESENT_AUX and an.syntax.finite(x) for x in clause)

    def marks(j: int) -> bool:
        if toks[j].tag in MODAL_TAGS:
            return True
        if "PlanCue" not in an.cats(j):
            return False
        if toks[j].pos in ("PART", "ADV"):
            return True
        if toks[j].pos not in ("VERB", "AUX"):
            return False
        if an.lang == "de":   # "plant"; a participle with a present "sein"/"werden": "sind für März geplant"
            return an.syntax.finite(j) or toks[j].tag == "VV(PP)" and present_aux
        return toks[j].tag not in PAST_TAGS or any(toks[x].tag == "TO0" for x in range(j + 1, min(j + 3, len(toks)))) \
            or any(toks[x].tag in PRESENT_BE_TAGS for x in range(max(0, j - 2), j))   # "are planned for March"

    for q in _predicates_in(an, an.sent_of[k]):
        if q.mode != "asserted" or k not in q.tokens:
            continue
        if q.kind in ("sign", "conclude", "signing", "witness"):
            return False
        if q.kind == "report" and not any(marks(j) for j in range(min(q.head, k), k)):
            return False   # "said on Monday it would pay": the report's day; "said she would travel on Tuesday": the plan's
    werden = an.lang == "de" and any(toks[j].lemma == "werden" and an.syntax.finite(j) for j in clause) \
        and any(toks[j].tag == "VV(INF)" for j in clause)
    return werden or any(marks(j) for j in clause)


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
        # "Wie ABB am Montag mitteilte, hat der Konzern … unterzeichnet", "As the ministry said on
        # Monday, the two sides have signed …", "ABB teilte am Montag mit, man habe … geschlossen":
        # a reporting clause right before the signing clause (a fronted as-clause, or reported
        # speech without a complementizer) tells it just the same
        signing = {q.clause for q in preds if q.kind in ("sign", "conclude")}
        told = {q.clause for q in preds if q.kind == "report" and q.clause not in signing
                and (q.head > p.head and q.clause != p.clause or q.head < p.head and q.clause == p.clause - 1)}
    if not told:
        return None
    # (a weekday the publication date only resolves to its month is a day all the same: "said on
    # Thursday" in a report dated to the month gives that month)
    found = [d for d in _dates_in(an, p.sent) if d.value and d.kind in ("absolute", "weekday", "relative")
             and (d.precision == "day" or d.kind == "weekday")
             and an.syntax.clause_of[an.tok_at(d.start)] in told and an.tok_at(d.start) not in an.structure.skip]
    return found[0] if len(found) == 1 else None


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
