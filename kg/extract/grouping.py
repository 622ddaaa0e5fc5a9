"""Grouping agreement mentions into agreements: a scored decision, not a window.

Each mention, in text order, joins the agreement it most likely refers to or starts a new one.
A singular mention is scored against every agreement found so far
(:func:`coreference_score`); it joins the best one when the score is positive. The score adds
evidence for the same agreement (a definite or implicit mention, the same kind, shared
parties, a compatible date, overlapping titles beyond the bare agreement noun, the agreement being
in focus, a headline that restated it, the document of an agreement just told: "a corresponding
declaration", "the declaration establishing the partnership") and against it (an indefinite
mention asserted by its own predicate, a cue of one more agreement "also"/"ebenfalls"/"another", a
cue of an older one "existing"/"earlier" (unless the agreement was concluded by renewing one:
"extended their contract … the previous contract" is the one renewed), other named parties of the same kind, two of a
multilateral agreement's parties signing one of their own, another date, distance). The weights are in :data:`WEIGHTS`; they were set by hand on
the development corpus, and ``bench/eval_extract.py`` shows what a change to them does there and
on the check corpus.

The hand weights were tested against learned ones (``python bench/fit_grouping.py
../shared/corpus/dev tests/data/extract/heldout tests/data/extract/blind2 --end-to-end DIR``:
every decision of the 68 texts with its evidence, labelled from the gold by aligning agreements
as the shared scorer does; see that module). Of 182 labelled decisions (262 mention–candidate
pairs) the hand weights take 180 right; logistic regression pulled towards the hand weights
(L2, lambda 1), fitted leaving one document out, takes 176 right, with a lower log-loss (0.15
against 0.29: the hand scores are not calibrated probabilities, which the decision does not
need). End to end, each document extracted with the weights fitted without it, overall F1
falls from 0.957 to 0.943 on dev, from 0.964 to 0.961 on the held-out set and from 0.893 to
0.885 on blind2. Fitted on all 68 texts the weights lean on the agreement in focus (bias -3.8,
focus +4.4, shared party 0.8 instead of -0.5, 1 and 1.5), since nearly every positive pair is a
definite mention of the focused agreement; that loses the mentions that refer back past it. The
hand weights are kept. The data are small and the labels partly follow the output (a wrong join
to an agreement that aligns stays positive), so the tool is the test to rerun when the rules or
the corpora grow.

A plural or counted mention ("five MoUs", "zwei Absichtserklärungen", "Memoranda with A and B",
"each … a separate statement") starts an :class:`~kg.extract.frames.AgreementSet` with one
agreement per member; a definite plural ("the agreements", "beide Erklärungen") refers to the
set, an ordinal ("the first declaration", "the second was signed with …") to one member, and
items after a colon ("two agreements: a memorandum on X and a contract for Y") fill the members
in order. A plural followed by "including"/"darunter" keeps only the members it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.dates import DateMention, finer_mention, parse_published
from kg.extract.frames import Agreement, AgreementMention, AgreementSet, at_same_event, compatible_kinds, content_items, distribute, distribution, partner_items, predicate_args

WEIGHTS = {
    "bias": -0.5,
    "definite": 2.0,            # "the deal", "das Abkommen", an implicit "signed it"
    "indefinite_asserted": -2.5,  # "signed a memorandum": a new one, unless restating a headline
    "headline_restated": 3.5,
    "same_kind": 0.5,
    "kind_conflict": -3.0,
    "shared_party": 1.5,
    "party_conflict": -3.0,
    "same_date": 1.0,
    "date_conflict": -6.0,
    "title_overlap": 2.0,
    "focus": 1.0,
    "distance": -0.25,           # per sentence
    "addition": -3.0,            # "also", "another", "ebenfalls"
    "existing": -3.0,            # "the existing partnership", "an earlier MoU"
    "background_target": -1.5,   # a background agreement is rarely referred to again
    "background_mention": -4.0,  # "the Framework Agreement of 2015": an older one, not the new one
    "lead_restated": 2.5,        # the lead summarises the agreement the body then details
    "older": -3.0,               # dated years before the report ("established … in 2017"): an older one
    "coordinated": -6.0,         # "the Framework Agreement as well as the Intergovernmental Agreement": two
    "document_of": 1.0,          # "the declaration establishing the partnership", "a corresponding MoU"
    "subset_signing": -4.0,      # two of a multilateral's parties sign "an agreement": a side deal of their own
    "renewed": 1.0,              # "the previous contract" after a renewal: the one renewed (no "existing" penalty)
    "likened": -6.0,             # "a similar one that X concluded with Y": not the one it is likened to
}


DATELINE_LEAD = 7   # days a signing told under a dateline may precede the day the news was filed


def dateline_earlier(line: DateMention | None, other: DateMention | None) -> bool:
    """Whether ``line`` is a dateline's day (kind ``dateline``: when the news was filed, given to a
    lead's "have signed" that names no day of its own) and ``other`` a day of the body up to
    :data:`DATELINE_LEAD` days before it ("ISTANBUL, June 27 – A and B have signed an agreement …
    The accord was signed on Tuesday"): the body's day is the signing's, and the two mentions may
    still be one agreement."""
    if line is None or other is None or line.kind != "dateline" or other.kind == "dateline":
        return False
    (filed, filed_precision), (signed, signed_precision) = parse_published(line.value), parse_published(other.value)
    if filed_precision != "day" or signed_precision != "day":   # not a full date, or a year unknown (XXXX)
        return False
    return 0 < (filed - signed).days <= DATELINE_LEAD


def date_compatible(a: DateMention | None, b: DateMention | None) -> bool | None:
    """True/False when both have values (precision-aware: 2023-05 fits 2023-05-12), else None.
    None also for a dateline's day against a day of the body shortly before it (:func:`dateline_earlier`)."""
    if a is None or b is None or not a.value or not b.value:
        return None
    if dateline_earlier(a, b) or dateline_earlier(b, a):
        return None
    x, y = a.value, b.value
    if x.startswith("XXXX") or y.startswith("XXXX"):
        return x[4:len(y)] == y[4:len(x)] if len(x) > 4 and len(y) > 4 else True
    n = min(len(x), len(y))
    return x[:n] == y[:n]


class Grouper:
    def __init__(self, an, predicates):
        self.an = an
        self.predicates = predicates
        self.agreements: list[Agreement] = []
        self.sets: list[AgreementSet] = []
        self.focus: Agreement | None = None
        self.focus_set: AgreementSet | None = None
        self.planned: list[AgreementMention] = []
        self.unplaced: list[AgreementMention] = []   # singular mentions no agreement took (for keep.WIDEN)
        self.summaries: list[Summary] = []
        self.cooperations: list[tuple[str, str, str | None]] = []

    # ------------------------------------------------------------------ main
    def run(self, mentions: list[AgreementMention]) -> list[Agreement]:
        from kg.extract.frames import fill, keep

        for m in mentions:
            self.place(m)
        self.close_summaries()
        if keep.WIDEN:
            self._widen()
        fill(self.an, self)
        return self.agreements

    def place(self, m: AgreementMention) -> None:
        if m.status == "planned":
            self.planned.append(m)
            return
        named = [a for a in self.agreements if any(_apposition(self.an, x, m) for x in a.mentions)]
        if named and m.count in (0, 1) and not m.implicit:
            for a in named:   # "zwei Kaufverträge, im Branchenjargon Sale and Purchase Agreements genannt": their name
                self._attach(a, m)
            return
        if m.ordinal is not None and (m.implicit or m.definite):
            target_set = self._set_for_ordinal(m.ordinal, m.sent)
            if target_set is not None:
                self._attach(target_set.members[m.ordinal - 1], m)
                return
            member = self._summary_member(m)
            if member is not None:
                self._attach(member, m)
                return
        summary = self._recent_summary(m) if m.count != 1 and m.definite and m.status != "background" else None
        if summary is not None and self._recent_set(m) is None and (summary.admits(m) or not older(self.an, m)):
            # "The agreements were signed on Monday"; not older ones of another date ("die
            # Partnerschaftsverträge hatte der Konzern im vergangenen Jahr geschlossen")
            summary.mentions.append(m)
            return
        told = self.sets[-1] if self.sets else None
        if m.count == 0 and m.status == "asserted" and not m.definite and told is not None and told.sent == m.sent \
                and not m.own and not _distinct_partners(self.an, m) and compatible_kinds(told.members[0].kind, m.kind) \
                and not (m.predicate is not None and predicate_args(self.an, m.predicate).partners):
            for a in told.members:   # "A and B signed memoranda with X, in deals announced during …": the same ones
                self._attach(a, m)
            return
        if m.count == 0 and m.status == "asserted" and not m.definite and not _group_size(self.an, m) \
                and not _distinct_partners(self.an, m) and not _companies_with_one_partner(self.an, m):
            self.summaries.append(Summary([m], m.sent))   # "sealed a set of energy deals": told one by one
            return
        if m.count != 1 and m.status == "asserted" and not m.definite and _names_some(self.an, m) \
                and not distribution(self.an, m.count, m):
            # "signed 12 agreements, including a memorandum on X": only those the text goes on to name
            self.summaries.append(Summary([m], m.sent))
            return
        if m.count == 0 and m.definite and not m.implicit and m.status == "asserted" and _documents_only(self.an, m) \
                and self._recent_set(m) is None and self.focus is not None and not self.focus.background \
                and not m.own and m.sent - self.focus.last <= 2:
            # "put their signatures to the documents", "die Papiere wurden ausgetauscht": the
            # papers of the agreement just told, not one more
            self._attach(self.focus, m)
            return
        if m.count != 1 and m.status == "asserted" and not m.headline:
            told = self._headline_set(m)
            if told is not None:   # "Egypt signs three deals" over "Egypt signed agreements with three companies"
                for a in told.members:
                    self._attach(a, m)
                if not told.distributed:
                    distribute(self.an, told, m)
                self.focus_set = told
                return
        if m.count == 0 and m.definite and not m.implicit and m.status == "asserted" and not m.own \
                and self._recent_set(m) is None:
            told = self._restated_singles(m)
            if told:   # "X signed a memorandum … They also signed a treaty … The agreements were signed on Thursday"
                for a in told:
                    self._attach(a, m)
                return
        if m.count != 1 and m.status in ("asserted", "background") and not (m.definite and self._recent_set(m)
                                                                            and m.status != "background"):
            told = self._new_set(m)
            spans = (content_items(self.an, m) or partner_items(self.an, m)) if len(told.members) > 1 else []
            if len(spans) == len(told.members):   # "three agreements, on hydrogen, on grids and on LNG"
                for a, span in zip(told.members, spans):
                    a.topic_span = span
            return
        if (m.count != 1 or "each" in m.cues and m.implicit) and m.definite:
            target_set = self._recent_set(m)
            if target_set is not None and coreference_score(self, m, target_set.members[0], as_set=True) > 0:
                for a in target_set.members:
                    self._attach(a, m)
                distribute(self.an, target_set, m)
                self.focus_set = target_set
                return
        if m.count == 1 and not m.definite and not m.implicit and (m.start in self.an.syntax.after_colon
                                                                   or "listed" in m.cues):
            # an item after the colon, or on its own line after it (frames.agreement_mentions._list_item)
            listing = next((x for x in reversed(self.sets) if x.listed < len(x.members) and (
                x.sent == m.sent or "listed" in m.cues and 0 < m.sent - x.sent <= len(x.members))), None)
            if listing is not None:   # "two agreements: a memorandum on X and a contract for Y"
                m.cues.add("listed")   # its topics are its item's, not the whole list's (frames.assembly._item_span)
                self._attach(listing.members[listing.listed], m)
                listing.listed += 1
                return
        if "each" in m.cues and m.status == "asserted" and m.count == 1 and not m.definite \
                and not any(_coordinated(self.an, x, m) for a in self.agreements for x in a.mentions):
            # ("a memorandum and a separate agreement": one more, not one per signer)
            told = self._restated_set(m)
            if told is not None:   # "… contracts with five firms: A, B, … Each of the five signed its own"
                for a in told.members:
                    self._attach(a, m)
                self.focus_set = told
                return
            if self._distributive_size(m) > 1:
                self._new_set(m, size=self._distributive_size(m))
                return
        told = self._told_member(m)
        if told is not None:   # "struck three agreements … had signed an agreement with X … In a third step, a memorandum with Y"
            self._attach(told, m)
            return
        if "member" in m.cues:
            return   # "Among them is a memorandum …" with no set told before: nothing new is signed
        if m.implicit and self.focus_set is not None and self.focus is not None and self.focus.group is self.focus_set \
                and m.sent - self.focus_set.sent <= 4:
            for a in self.focus_set.members:
                self._attach(a, m)
            return
        best, score = None, 0.0
        for a in self.agreements:
            s = coreference_score(self, m, a)
            if s > score:
                best, score = a, s
        if best is not None:
            self._attach(best, m)
            if best.group is not None and not m.implicit:
                self.focus_set = None
            return
        if m.status in ("asserted", "background"):
            before = self.focus
            new = self._new(m)
            new.background = new.background or (older(self.an, m) and self._has_newer(m))
            if new.date is None and before is not None and before.date is not None and not before.background \
                    and m.status == "asserted" and at_same_event(self.an, m):
                new.date = before.date   # "at the same ceremony", "bei derselben Zeremonie": that ceremony's day
        elif m.status == "reference" and m.own and not m.implicit:
            # "Kappa Power confirmed the deal with Nordwind. It was signed yesterday.": a reference before the
            # report of the signing; kept only if a signing attaches to it
            self._new(m).tentative = True
        else:
            self.unplaced.append(m)

    def _widen(self) -> None:
        """More candidates for :mod:`kg.extract.frames.keep` (only when ``keep.WIDEN``, which
        ``bench/fit_lagree.py --widen`` sets to measure the ceiling): every planned mention and every
        mention no agreement took becomes an agreement of its own, marked ``widened`` (the hand
        rule drops it)."""
        focus = self.focus
        for m in self.planned + self.unplaced:
            if not any(x is m for a in self.agreements for x in a.mentions):
                a = self._new(m)
                a.widened = True
        self.focus = focus
        self.agreements.sort(key=lambda a: a.intro)

    # ------------------------------------------------------------------ helpers
    def _new(self, m: AgreementMention, group: AgreementSet | None = None, member: int = 0) -> Agreement:
        a = Agreement("", m.kind, list(m.words), intro=m.sent, last=m.sent)
        a.weak = m.weak
        a.background = m.status == "background"
        a.group, a.member = group, member
        self.agreements.append(a)
        self._attach(a, m)
        summary = self._recent_summary(m)
        if summary is not None and group is None and m.status == "asserted" and not older(self.an, m) \
                and "existing" not in m.cues and summary.admits(m):
            summary.members.append(a)   # one of the deals the summary announced
        return a

    def _named(self, a: Agreement) -> bool:
        """Whether an English agreement word of ``a`` is part of a name, written with a capital
        inside a sentence ("the Nile Waters Agreement"): the name fixes its kind."""
        an = self.an
        if an.lang != "en":
            return False
        return any(an.tokens[w.start].text[:1].isupper() and w.start > an.sentences[an.sent_of[w.start]].start
                   and w.start > 0 and an.tokens[w.start - 1].text[:1].isupper()
                   for w in a.words)

    def _recent_summary(self, m: AgreementMention) -> "Summary | None":
        for s in reversed(self.summaries):
            if s.sent <= m.sent and m.sent - max(x.sent for x in s.mentions) <= SUMMARY_REACH:
                return s
        return None

    def _summary_member(self, m: AgreementMention) -> Agreement | None:
        """The agreement an ordinal picks out of a plural of unknown size told just before
        ("unterzeichneten Vereinbarungen über vier Reaktorblöcke … Die erste Vereinbarung betrifft
        Tianwan, die zweite Xudapu", "signed agreements … The first covers X, the second Y"): the
        n-th deal the summary sums up; the next one not yet told is a new member with the summary's
        parties and date (None for an ordinal beyond that, or with no such summary). Not a pair
        ordinal ("one at Bicker Fen and one at Revsing", "the other"), which may count anything,
        nor a summary in the headline."""
        summary = self._recent_summary(m)
        if summary is None or not summary.admits(m) or summary.mentions[0].status != "asserted" \
                or summary.mentions[0].headline or "PairOrdinal" in self.an.cats(m.start):
            return None
        if m.ordinal <= len(summary.members):
            return summary.members[m.ordinal - 1]
        if m.ordinal != len(summary.members) + 1:
            return None
        a = self._new(summary.mentions[0])
        if not any(x is a for x in summary.members):
            summary.members.append(a)
        return a

    def close_summaries(self) -> None:
        """A summary plural whose deals were never told one by one is one agreement of its own
        ("signed deals with Chile"); one that was lends its date to the deals told after it. One
        with a content preposition repeated before two or more topics ("agreements on nuclear
        energy and on hydrogen") is one agreement per phrase, each with the topics of its own."""
        for s in self.summaries:
            spans = [] if s.members else content_items(self.an, s.mentions[0])
            if spans:   # "signed agreements on nuclear energy and on hydrogen": one per phrase
                told = self._new_set(s.mentions[0], size=len(spans))
                for a, span in zip(told.members, spans):
                    a.topic_span = span
                    for m in s.mentions[1:]:
                        self._attach(a, m)
                continue
            if s.members:
                date = next((m.date for m in s.mentions if m.date is not None and m.date.value), None)
                summary = s.mentions[0]
                for a in s.members:
                    if a.date is None and date is not None:
                        a.date = date
                    if a.kind == "agreement" and not a.words and not summary.weak:
                        # a deal told by a verb alone ("X signed for the company") has no kind word of
                        # its own: it is one of the "Kaufverträge", "supply contracts" the summary named
                        # (a weak summary word names no kind)
                        a.kind = summary.kind
                continue
            a = self._new(s.mentions[0])
            for m in s.mentions[1:]:
                self._attach(a, m)
        self.agreements.sort(key=lambda a: a.intro)

    def _attach(self, a: Agreement, m: AgreementMention) -> None:
        a.mentions.append(m)
        if m.status in ("asserted", "background"):
            a.tentative = False
        a.sentences.add(m.sent)
        a.last = max(a.last, m.sent)
        if not m.headline:
            a.only_headline = False
        if m.words and not m.implicit:
            # a later "the new partnership" names the relation the agreement founds, not its kind;
            # a later bare "der Vertrag" does not undo the kind a specific word gave ("Gasliefervertrag")
            relation = m.status == "reference" and (m.kind == "partnership" or a.kind != "agreement"
                                                    or self._named(a))   # "the Nile Waters Agreement … that treaty"
            # a framework word fixes the kind: "the framework agreement … the purchase contracts under it"
            framed = any(x.framework for x in a.mentions if x is not m) and a.kind == "agreement"
            # a later "the treaty", "der Vertrag" for one its own words introduced as an agreement is a
            # loose synonym ("das Abkommen … Der Vertrag sieht vor"): a treaty is a formal kind the
            # introducing words give, and a reference does not make it one (nor, among companies, a contract)
            loose = m.status == "reference" and m.kind == "treaty" and not a.weak \
                and any(x.words and not x.implicit for x in a.mentions if x is not m)
            if not relation and not framed and not loose and (a.weak and not m.weak or (compatible_kinds(a.kind, m.kind) and
                                                           _priority(m.kind) < _priority(a.kind) and not m.weak)):
                a.kind = m.kind
            elif m.kind == "memorandum" and not m.weak and (a.kind == "declaration_of_intent"
                                                             or a.kind == "partnership" and m.status == "asserted"):
                # the named form wins (ekg:Memorandum): a declaration of intent the text also calls a
                # memorandum is one, and a partnership (the headline's "vereinbaren Partnerschaft")
                # the parties found by signing a memorandum of understanding is that memorandum
                a.kind = m.kind
            a.weak = a.weak and m.weak
            a.words += m.words
        if m.title and (not a.title or (m.status == "asserted" and len(m.title) > len(a.title or ""))):
            a.title = a.title or m.title
        if m.date is not None and m.date.value and (a.date is None or finer_mention(m.date, a.date)
                                                    or dateline_earlier(a.date, m.date)) \
                and not (m.status == "reference" and m.date.kind == "since" and not a.background):
            # not "the order is the largest since 2011": a reference's since-date is no signing date
            a.date = m.date
        if not a.background and m.status in ("asserted", "reference"):
            self.focus = a

    def _new_set(self, m: AgreementMention, size: int | None = None) -> AgreementSet:
        n = size or m.count or _group_size(self.an, m) or len(_distinct_partners(self.an, m)) \
            or _companies_with_one_partner(self.an, m) or 1
        if n <= 1:
            a = self._new(m)
            return AgreementSet([a], m.sent)
        s = AgreementSet([], m.sent)
        for i in range(n):
            s.members.append(self._new(m, group=s, member=i))
        self.sets.append(s)
        distribute(self.an, s, m)
        self.focus_set = s
        self.focus = s.members[-1]
        return s

    def _headline_set(self, m: AgreementMention) -> AgreementSet | None:
        """A set announced only by the headline ("Egypt signs three renewable energy deals") that a
        counted or plural signing in the body tells again ("Egypt signed agreements with three
        companies on Sunday"): the same agreements, as a singular signing restates a headline's
        one agreement. The set must be as large as the body's count and of a compatible kind."""
        n = m.count or _group_size(self.an, m) or len(_distinct_partners(self.an, m))
        for s in self.sets:
            first = s.members[0]
            if len(s.members) == n and all(a.only_headline for a in s.members) \
                    and compatible_kinds(first.kind, m.kind) and date_compatible(first.date, m.date) is not False:
                return s
        return None

    def _told_member(self, m: AgreementMention) -> Agreement | None:
        """A counted set announced without partners ("has struck three agreements", "signed seven
        pacts covering energy and defence") whose members the text then tells one by one, each
        with a partner of its own: a new indefinite signing of a compatible kind in the sentences
        after it is the next member not yet told, not one more agreement."""
        member = "member" in m.cues   # "Among them is a memorandum on …": told as one of the set
        if m.count != 1 or m.definite or m.implicit or m.status != "asserted" or "existing" in m.cues \
                or older(self.an, m) or not (member or mention_parties(self.an, m)):
            return None
        for s in reversed(self.sets):
            if s.distributed and not member or s.listed or not 0 < m.sent - s.sent <= SUMMARY_REACH \
                    or s.told >= len(s.members):
                continue
            untold = [b for b in s.members if all(all(x in c.mentions for c in s.members) for x in b.mentions)]
            if not untold:
                continue   # (an ordinal, "A second memorandum …", may have told one already)
            # the kind, date and parties the set's own sentence gave are those of a member not yet
            # told: one told already carries its own ("three agreements … a memorandum with X …
            # a contract with Y": the contract is the second member, though the first is a memorandum)
            first = untold[0]
            if not compatible_kinds(first.kind, m.kind) or date_compatible(first.date, m.date) is False \
                    or any(b.parties.keys() - first.parties.keys() for b in untold):
                continue   # members that already differ were told by the set's own sentence
            s.told += 1
            return untold[0]
        return None

    def _restated_singles(self, m: AgreementMention) -> list[Agreement]:
        """The agreements a definite plural of unknown size ("the agreements", "die Abkommen")
        goes over again when no set or summary announced them: two or more told one by one just
        before it (the latest within two sentences), current, of a compatible kind and date. Empty
        if fewer: then the plural is one of its own."""
        recent = [a for a in self.agreements if not a.background and not a.tentative and a.group is None
                  and 0 <= m.sent - a.last <= 2 and a.intro <= m.sent]
        if len(recent) < 2 or any(not compatible_kinds(m.kind, a.kind) or date_compatible(a.date, m.date) is False
                                  for a in recent):
            return []
        return recent

    def _has_newer(self, m: AgreementMention) -> bool:
        """Whether the text reports an agreement dated later than ``m`` (then ``m`` is background)."""
        return any(not a.background for a in self.agreements if a.mentions and a.mentions[0] is not m)

    def _recent_set(self, m: AgreementMention) -> AgreementSet | None:
        for s in reversed(self.sets):
            if s.sent <= m.sent and (not m.count or m.count in (0, len(s.members))):
                return s
        return None

    def _set_for_ordinal(self, n: int, sent: int) -> AgreementSet | None:
        for s in reversed(self.sets):
            if s.sent <= sent and len(s.members) >= n:
                return s
        return None

    def _restated_set(self, m: AgreementMention) -> AgreementSet | None:
        """A set told just before whose members a distributive mention with no partner of its own
        goes over again ("Each of the five partners signed its own contract", "Jeder der drei
        Versorger unterschrieb einen eigenen Vertrag"): the latest set of a compatible kind,
        distributed, at most two sentences back, as large as the group the mention counts (if
        it counts one)."""
        if m.own or m.predicate is None:
            return None
        args = predicate_args(self.an, m.predicate)
        if any(a.iri for a in args.agents + args.partners):
            return None
        size = self._distributive_size(m)
        for s in reversed(self.sets):
            if 0 <= m.sent - s.sent <= 2 and s.distributed and compatible_kinds(s.members[0].kind, m.kind) \
                    and size in (0, len(s.members)):
                return s
        return None

    def _distributive_size(self, m: AgreementMention) -> int:
        """"three utilities each signed a separate letter": one per agent; with one agent, one per
        partner ("signed a separate memorandum with each of A and B")."""
        if m.predicate is None:
            return 0
        args = predicate_args(self.an, m.predicate)
        named = [a for a in args.agents if a.iri]
        groups = [a for a in args.agents if a.kind == "group" and a.number]
        if groups and len(named) >= groups[0].number:
            return groups[0].number
        if len(named) > 1 or groups:
            return len({a.iri for a in named}) if len(named) > 1 else groups[0].number
        # "signed a separate memorandum with each of A and B", "mit A sowie mit B je eine Erklärung": one per partner
        partners = {a.iri for a in args.partners if a.iri} | {iri for iri, how in m.own if how == "partner"}
        return len(partners) if len(partners) > 1 else 0


SUMMARY_REACH = 6   # sentences after a summary plural in which its deals are told


@dataclass
class Summary:
    """A plural of unknown size with no partners of its own ("a set of energy deals", "die
    Abkommen"): the agreements it sums up are the ones told after it."""
    mentions: list[AgreementMention]
    sent: int
    members: list[Agreement] = field(default_factory=list)

    def admits(self, m: AgreementMention) -> bool:
        """Whether ``m`` can be one of the deals summed up: a compatible kind (or a vague
        summary word) and no other date ("deals signed on Monday" does not sum up an MoU of March)."""
        if not compatible_kinds(self.mentions[0].kind, m.kind):
            return False   # the summary's own word decides: "Verträge" do not sum up an Absichtserklärung
        return not any(date_compatible(x.date, m.date) is False for x in self.mentions)


def _names_some(an, m: AgreementMention) -> bool:
    """A plural followed by words that name only some of its members ("12 agreements, including
    a memorandum on …", "zwölf Abkommen, darunter eine Absichtserklärung")."""
    sent = an.sentences[m.sent]
    return any("InclusionCue" in an.cats(k) for k in range(m.end, min(sent.end, m.end + 4)))


def _group_size(an, m: AgreementMention) -> int:
    """"contracts with three suppliers": the number of a counted partner group."""
    groups = [a for a in an.actors_by_sent.get(m.sent, []) if a.kind == "group" and a.number and a.head is not None
              and a.function == "agr" and a.start >= m.end and a.start - m.end <= 3]
    if not groups and m.predicate is not None:
        groups = [a for a in predicate_args(an, m.predicate).partners if a.kind == "group" and a.number]
    return groups[0].number if groups else 0


def _companies_with_one_partner(an, m: AgreementMention) -> int:
    """"Two power producers, A and B, have signed memoranda with the grid board", "A und B haben
    Lieferverträge mit X geschlossen": an uncounted indefinite plural that several named companies
    sign with one partner is one agreement per company, each with that partner (states signing
    together with one partner stay one agreement: "Germany and France signed agreements with X" may
    be a joint one). The number of companies, or 0."""
    if m.count != 0 or m.definite or m.predicate is None:
        return 0
    args = predicate_args(an, m.predicate)
    # (a country adjective of the companies' noun is no signer: "two Indian power producers, A and B")
    agents = {a.iri for a in args.agents if a.iri and a.kind != "group" and a.form != "adj"}
    partners = {a.iri for a in args.partners if a.iri} | {iri for iri, how in m.own if how == "partner"}
    if len(agents) < 2 or len(partners) != 1 or agents & partners or any(an.kind_of(i) != "org" for i in agents):
        return 0
    return len(agents)


def _distinct_partners(an, m: AgreementMention) -> list[str]:
    iris = [iri for iri, how in m.own]
    if m.predicate is not None:
        args = predicate_args(an, m.predicate)
        iris += [a.iri for a in args.partners if a.iri]
    out = []
    for i in iris:
        if i not in out:
            out.append(i)
    between = {a.iri for a in an.actors_by_sent.get(m.sent, []) if a.function == "between" and a.iri}
    sent = an.sentences[m.sent]
    if len(out) == 2 and set(out) <= between and not any(an.tokens[k].text == ":" for k in range(m.end, sent.end)):
        # "the supply contracts concluded between A and B": the two sides of each, not one per
        # partner (not "earlier deals between A and B: a … of 2014 and …", told one by one)
        return []
    return out if len(out) > 1 else []


def _priority(kind: str) -> int:
    from kg.extract.frames import KIND_PRIORITY
    return KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)


def mention_parties(an, m: AgreementMention) -> set[str]:
    """The actors a mention itself names: its modifiers and its predicate's arguments."""
    out = {iri for iri, _ in m.own}
    if m.predicate is not None and not m.implicit:
        args = predicate_args(an, m.predicate)
        out |= {a.iri for a in args.agents + args.partners if a.iri}
        for pm in args.signers:   # whom its signatories act for
            info = an.persons.get(pm.iri)
            if info is not None and (info.side or info.affiliation):
                out.add(info.side or info.affiliation)
    return out


def coreference_score(g: Grouper, m: AgreementMention, a: Agreement, as_set: bool = False) -> float:
    """How likely mention ``m`` refers to agreement ``a`` (or, ``as_set``, to the set that ``a``
    belongs to: then the parties of all its members count) (positive: join it): the features of
    :func:`coreference_features` weighted by :data:`WEIGHTS`."""
    w = WEIGHTS
    s = 0.0
    for name, value in coreference_features(g, m, a, as_set).items():
        s += w[name] * value
    return s


FOUNDING_DOCUMENTS = ("declaration_of_intent", "memorandum")   # kinds of document that may found a partnership


def coreference_features(g: Grouper, m: AgreementMention, a: Agreement, as_set: bool = False) -> dict[str, float]:
    """The evidence :func:`coreference_score` weighs, by :data:`WEIGHTS` key: 1 for a cue that
    holds, the number of shared parties (at most 2), the title overlap (0-1, when both have a
    title beyond the agreement noun) and the distance in sentences; cues that do not hold are
    left out."""
    s = {"bias": 1.0}
    new_side = False
    own = mention_parties(g.an, m)
    document_of = (m.about is not None and compatible_kinds(m.about, a.kind)) or "corresponding" in m.cues \
        or (m.definite and not m.implicit and a.kind == "partnership" and m.kind in FOUNDING_DOCUMENTS
            and not a.background and not any(b.kind == m.kind for b in g.agreements))
    # ("eine Energiepartnerschaft vereinbart. Die Absichtserklärung unterzeichneten …": the document that founds it)
    document_of = document_of or (not as_set and _founded_by(g.an, m, a))
    if document_of:
        s["document_of"] = 1.0   # "die Urkunde über die Gründung des Verbunds", "a matching declaration"
    if m.definite or m.implicit or m.status == "reference" or document_of:
        s["definite"] = 1.0
    elif m.status == "asserted":
        s["indefinite_asserted"] = 1.0
        if a.only_headline and not _other_counterpart(g.an, own, _parties_of(g.an, a)):
            s["headline_restated"] = 1.0
    if m.words and not m.implicit:
        if m.kind == a.kind:
            s["same_kind"] = 1.0
        elif not compatible_kinds(m.kind, a.kind) and not (m.weak or a.weak or document_of):
            s["kind_conflict"] = 1.0
    same_date = date_compatible(m.date, a.date)
    if same_date is True:
        s["same_date"] = 1.0
    elif same_date is False:
        s["date_conflict"] = 1.0
    mine = _with_homes(g.an, own)
    members = a.group.members if as_set and a.group is not None else [a]
    theirs = set()
    for b in members:
        theirs |= set(b.parties)
        for am in b.mentions:
            if not (b.group is not None and b.group.distributed and am in b.group.members[0].mentions
                    and len(b.group.members) > 1 and all(am in x.mentions for x in b.group.members)):
                theirs |= mention_parties(g.an, am)
    named = set(theirs)
    theirs = _with_homes(g.an, theirs)
    other_partner = False
    if mine and theirs:
        shared = len(mine & theirs)
        if shared:
            s["shared_party"] = min(shared, 2)
            # "signed a memorandum with Jiangsu … had put his name to a memorandum with Guangdong":
            # a new signing whose counterpart differs from the agreement's, of the same kind
            other_partner = not as_set and m.status == "asserted" and not m.definite and not m.implicit \
                and _other_counterpart(g.an, own, named)
            if other_partner:
                s["party_conflict"] = 1.0
            elif not as_set and m.status == "asserted" and not m.implicit and len(own) >= 2 and not own & named \
                    and (_same_kinds(g.an, own, named) or not m.definite):
                # "Two weeks later, Kappa Power and Nordwind AG signed the plant's supply contract"
                # after a deal of Peru and Chile: two signing parties of their own, none the
                # agreement's (only their countries are shared), of the kind of its parties: another
                # agreement. An indefinite one is new whatever the kinds: "Greece and Egypt signed
                # an accord. Earlier, A signed a deal with the Egyptian firm B" (B's home is shared)
                s["party_conflict"] = 1.0
        elif len(own) >= 2:
            # "Peru and Chile signed an agreement. Kappa Power signed a contract with Nordwind AG": a
            # signing between two others, none of them (nor their homes) among the agreement's
            new_side = True
            if not as_set and _same_kinds(g.an, own, named):
                s["party_conflict"] = 1.0
        elif not as_set and _same_kinds(g.an, own, named) and not (m.definite and not m.implicit and "addition" in m.cues):
            # other actors of the same kind (not a country against the companies in it, nor
            # against the home of a company: "the Czech deal" signed by a Korean company); but
            # "D also signed the declaration", "Auch D unterzeichnete die Erklärung": one more party
            # of the agreement named, a definite mention with a cue of addition
            s["party_conflict"] = 1.0
    if not as_set and m.implicit and m.status == "asserted" and theirs and m.predicate is not None \
            and "party_conflict" not in s and "AgreeVerb" in g.an.cats(m.predicate.head) \
            and not g.an.cats(m.predicate.head) & {"SigningVerb"}:
        # "Cyprus and Egypt signed a pipeline agreement. Earlier this year Noble and Delek agreed to
        # sell gas to Dolphinus": a bare verb of agreeing whose own clause names two or more actors
        # that (nor their homes) are not the agreement's tells another deal
        # ("signed it", "the two sides agreed" name none of their own and still refer back; a bare
        # "X and Y signed" is a signing of the agreement told, not a verb of agreeing)
        # (also one new side, subject or other side, when both are named: "On the same day, Rosneft
        # agreed with the Chinese state company to supply oil" after a deal of Gazprom and CNPC is
        # Rosneft's own deal, "Gazprom also agreed with Rosneft to …" Gazprom's deal with Rosneft)
        args = predicate_args(g.an, m.predicate)
        pred = {x.iri for x in args.agents + args.partners if x.iri}
        new = {x for x in pred if not _with_homes(g.an, {x}) & theirs}
        fresh = pred - named   # (its home may be shared)
        new_side = bool(fresh) and any(x.iri for x in args.agents) and any(x.iri for x in args.partners) \
            and _same_kinds(g.an, fresh, named)
        if (len(new) >= 2 or new_side) and "document_of" not in s:
            s["party_conflict"] = 1.0
            s.pop("definite", None)   # a verb with sides of its own refers back to nothing
    if not as_set and not theirs and a.background and m.status == "asserted" and not m.implicit and len(own) >= 2 \
            and m.predicate is not None and any(b.predicate is not None and b.predicate is not m.predicate
                                                and b.status in ("asserted", "background") for b in a.mentions):
        # "the grid treaty that the two governments concluded in 2019. Two weeks later, Kappa Power
        # and Nordwind AG signed the plant's supply contract": an older agreement concluded in its
        # own clause is not signed again by two named others
        s["party_conflict"] = 1.0
    if not as_set and m.status == "asserted" and not m.definite and not m.implicit and len(mine) >= 2 \
            and len(theirs) >= 3 and mine < theirs:
        # "Die acht Staaten verabschiedeten eine Erklärung. Am Rande unterzeichneten die Minister
        # Deutschlands und Dänemarks eine Vereinbarung über …": a bilateral deal beside the multilateral one
        s["subset_signing"] = 1.0
    if m.title and a.title:
        generic = _agreement_words(g.an)
        x, y = _words(m.title) - generic, _words(a.title) - generic   # "the deal" and "the deal" share no title
        if x and y:
            s["title_overlap"] = len(x & y) / len(x | y)
    if g.focus is a:
        s["focus"] = 1.0
    s["distance"] = max(0, m.sent - a.last)
    if ("addition" in m.cues or at_same_event(g.an, m)) and m.status == "asserted" and not m.definite:
        # "At the same ceremony, X signed a contract with Y": one more signing of that ceremony
        s["addition"] = 1.0
    renewed = not as_set and not a.background and m.definite and not m.implicit and compatible_kinds(m.kind, a.kind) \
        and ("existing" in m.cues or m.status == "background") and _renewal(g.an, a)
    if renewed:
        # "X and Y extended their supply contract … The previous contract would have run out in
        # 2028", "der bisherige Vertrag": the agreement renewed is the renewal's own, not an older one
        s["renewed"] = 1.0
    if "existing" in m.cues and not a.background and not renewed:
        s["existing"] = 1.0
    if a.background and m.status != "background":
        s["background_target"] = 1.0
    if m.status == "background" and not a.background and not renewed:
        s["background_mention"] = 1.0
    if older(g.an, m) and not a.background and not renewed \
            and not (a.date is not None and date_compatible(m.date, a.date)):
        s["older"] = 1.0
    if any(_coordinated(g.an, x, m) for x in a.mentions):
        s["coordinated"] = 1.0
    if "likened" in m.cues:
        s["likened"] = 1.0
    if m.status == "asserted" and not m.definite and not a.only_headline and _lead_only(g.an, a) and not new_side \
            and compatible_kinds(m.kind, a.kind) and "addition" not in m.cues and "existing" not in m.cues \
            and not older(g.an, m) and not other_partner and not (m.words and not m.implicit and _side_beyond(own, mine, theirs)):
        s["lead_restated"] = 1.0
    return s


def _side_beyond(own: set[str], mine: set[str], theirs: set[str]) -> bool:
    """A signing of an agreement word with two or more sides of its own, one of which (nor its
    home) the agreement has: another agreement, not the body restating the lead (a deal verb
    may: "signed a contract, with which it takes over X's grid unit"; "Egypt signed a gas deal with
    Israel. The deal comes a year after Egypt and the EU sealed a memorandum …")."""
    return len(own) >= 2 and bool(theirs) and bool(mine - theirs)


def _founded_by(an, m: AgreementMention, a: Agreement) -> bool:
    """A partnership named after a declaration or memorandum of ``a`` in the same clause chain,
    launched by it ("signed a joint statement launching the X Partnership", "a declaration
    establishing a partnership", "eine Erklärung, mit der eine Partnerschaft begründet wird",
    "Mit einer Erklärung starten A und B eine Partnerschaft"): the relation the document founds,
    not a second agreement. Not when a coordinator opens a clause of its own between them ("signed
    a memorandum and set up a partnership"), nor "also"/"another"."""
    if m.kind != "partnership" or m.implicit or not m.words or "addition" in m.cues or m.status == "planned":
        return False
    toks = an.tokens
    coordinators = an.gaz.words("ListCoordinator")
    for x in a.mentions:
        if x.sent != m.sent or x.implicit or x.kind not in FOUNDING_DOCUMENTS or x.status != "asserted" \
                or x.end > m.start or "addition" in x.cues:
            continue
        clause_of_its_own = False
        for j in range(x.end, m.start):
            if toks[j].text in (";", ":") or toks[j].fold in coordinators and any(
                    toks[k].pos in ("VERB", "AUX") for k in range(j + 1, min(j + 3, m.start))):
                clause_of_its_own = True
                break
        if not clause_of_its_own:
            return True
    return False


def _documents_only(an, m: AgreementMention) -> bool:
    """The mention is made of document words only ("the documents", "die Papiere"), no agreement noun."""
    return bool(m.words) and all("AgreementWord" not in w.cats and "DocumentWord" in w.cats for w in m.words)


def _renewal(an, a: Agreement) -> bool:
    """The agreement was concluded by a verb of renewing ("extended their contract", lex:RenewVerb)."""
    return any(x.predicate is not None and x.status == "asserted" and "RenewVerb" in an.cats(x.predicate.head)
               for x in a.mentions)


def _apposition(an, x: AgreementMention, m: AgreementMention) -> bool:
    """Agreement word ``m`` restates ``x`` in an apposition: after a comma in the same sentence,
    with no verb, coordinator or other agreement word between ("two contracts, known in the trade as
    Sale and Purchase Agreements", "zwei Kaufverträge, im Branchenjargon SPA genannt")."""
    if x.sent != m.sent or x.implicit or x.end >= m.start or m.start - x.end > 6 or an.tokens[x.end].text != ",":
        return False
    toks = an.tokens
    inside = lambda k: 0 < k and toks[k - 1].is_title and toks[k + 1].is_title   # "Sale and Purchase Agreements"
    coordinators = an.gaz.words("ListCoordinator")
    return not any(toks[k].pos in ("VERB", "AUX", "CCONJ", "PUNCT") or toks[k].fold in coordinators
                   for k in range(x.end + 1, m.start) if not inside(k)) \
        and not any("AgreementWord" in an.cats(k) for k in range(x.end + 1, m.start)) \
        and "addition" not in m.cues and m.status != "background" and x.status in ("asserted", "background")


def _coordinated(an, x: AgreementMention, m: AgreementMention) -> bool:
    """Two agreement words joined by "and"/"as well as"/"sowie" in one clause name two agreements."""
    if x.sent != m.sent or x.implicit or m.implicit or x.end > m.start or m.start - x.end > 12:
        return False
    between = an.tokens[x.end:m.start]
    if any(t.text in ("„", "“", '"', "«", "‚") for t in between):
        return False   # 'ein Abkommen mit dem Titel „Energy Security and Industry Agreement“': its name
    coordinators = an.gaz.words("ListCoordinator")
    return any(t.fold in coordinators for t in between) and not any(t.pos in ("VERB", "AUX") for t in between) \
        and an.syntax.same_clause(x.start, m.start)


def older(an, m: AgreementMention) -> bool:
    """A mention dated in an earlier year than the report it is in, or in an earlier month and
    told in the pluperfect ("Dort hatten A und B im Mai vereinbart", "had signed in March")."""
    from kg.extract.dates import parse_published
    pub, precision = parse_published(an.doc.published)
    if m.date is None or not m.date.value or pub is None or m.date.value.startswith("XXXX"):
        return False
    if int(m.date.value[:4]) < pub.year:
        return True
    return len(m.date.value) >= 7 and precision in ("day", "month") and m.date.value[:7] < f"{pub.year:04d}-{pub.month:02d}" \
        and m.predicate is not None and pluperfect(an, m.predicate)


def pluperfect(an, p) -> bool:
    """A participle with a past-tense auxiliary in its clause ("hatten … vereinbart", "war …
    unterzeichnet worden", "had signed"): told as before the events of the report."""
    toks = an.tokens
    if not (toks[p.head].tag.endswith("(PP)") or toks[p.head].tag in ("VVN", "VBN")):
        return False
    past = an.gaz.words("PastAuxiliary")
    if any(toks[j].fold in past and toks[j].pos == "AUX" for j in p.tokens):
        return True
    start = an.sentences[p.sent].start   # the auxiliary before a list the clause finder cut off
    for j in range(p.head - 1, start - 1, -1):
        if toks[j].pos == "AUX" and toks[j].fold in past:
            return True
        if toks[j].pos in ("VERB", "AUX") and an.syntax.finite(j) or toks[j].pos == "SCONJ":
            return False
    return False


def _lead_only(an, a: Agreement) -> bool:
    """An agreement named so far only in the first sentence or two of the body."""
    lead = sorted(an.structure.lead)[:2]
    return bool(a.mentions) and all(m.sent in lead or m.headline for m in a.mentions)


def _with_homes(an, iris: set[str]) -> set[str]:
    """Actors and the countries their organizations are based in ("the Chilean energy ministry"
    is on Chile's side)."""
    return iris | {h for h in (an.home_of(i) for i in iris) if h}


def _parties_of(an, a: Agreement) -> set[str]:
    out = set(a.parties)
    for am in a.mentions:
        out |= mention_parties(an, am)
    return out


def _other_counterpart(an, own: set[str], named: set[str]) -> bool:
    """Whether a mention names an actor the agreement does not have while the agreement has one
    of the same kind the mention does not name (another counterpart, not a partial restatement)."""
    new = {an.kind_of(x) for x in own - named}
    missing = {an.kind_of(x) for x in named - own}
    return bool(new & missing)


def _same_kinds(an, mine: set[str], theirs: set[str]) -> bool:
    kinds = lambda xs: {an.kind_of(x) for x in xs}
    return bool(kinds(mine) & kinds(theirs))


def _agreement_words(an) -> set[str]:
    """The one-word agreement nouns of the lexicon ("deal", "Abkommen", "memorandum"): what a
    title shares with any other of its kind, not a name. Made once per gazetteer."""
    return an.gaz.cached("title_generic", _title_generic)


def _title_generic(gaz) -> set[str]:
    """The words of :func:`_agreement_words`."""
    words = {w[0] for w in gaz.lex_words("AgreementWord") | gaz.lex_words("DocumentWord") if len(w) == 1}
    return words | gaz.words("TitleGenericWord")


def _words(title: str) -> set[str]:
    from kg.extract.tokens import fold
    stop = {"the", "of", "and", "der", "die", "das", "und", "on", "for", "uber", "zur", "zum", "a", "an", "ein", "eine"}
    return {fold(x) for x in title.replace("-", " ").split() if len(x) > 2} - stop
