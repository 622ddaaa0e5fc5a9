"""Which grouped agreements are reported as concluded: the final keep-or-drop decision.

After :func:`~kg.extract.frames.assembly.fill` has given every grouped agreement its parties,
signatories, date, place and topics, :func:`decide` keeps some of them; ``g.candidates`` holds
all of them, kept or not. The hand rule (:func:`hand_keep`) decides: an agreement is kept
when it has parties or signatories and is not *tentative* (known only from a reference such as
"confirmed the deal with X" that no signing ever asserted) and not *widened* (see below).

A learned decision was fitted and cross-validated and is **off** (:data:`LEARNED` false).
``python bench/fit_lagree.py ../shared/corpus/dev seeds tests/data/extract/{blind,blind2,blind3,
blind4,blind5,blind6,dev2,heldout} --end-to-end DIR`` (see that module and
``docs/results/lagree-fit.txt``) records every candidate of the 165 training documents with
the features of :func:`keep_features` (the rule's decision; tentative, background, widened,
planned; counts of parties, signatories, witnesses, topics and mentions; date, date in an
earlier year than the report, place; mention statuses and cue classes: asserted, reference only,
definite, implicit, own parties, existing, addition; signing, modal and passive predicates;
headline, lead, position, generic or weak kind, member of a set; number of other candidates and
a party set shared with one), labels it by aligning it with the gold as the shared scorer does,
and fits an L2 logistic regression (lambda 1) with a threshold chosen on the training folds.

The figures, leaving one document out: of 373 candidates the rule keeps 356, 346 of them right;
only 1 dropped candidate aligns with a gold agreement, and 22 of the 369 gold agreements align
with no candidate (19 have no mention of their own): the keep decision can recover almost
nothing, the agreements are lost before it. The learned decision keeps 344 right and 9 wrong
(tp-fp 335 against the rule's 336); end to end, each document extracted with its fold's
weights, the summed overall tp-fp falls from 4057 to 4055 (blind2 and blind6 lose a true
agreement each, blind4 drops a false one). lambda 10, a seven-feature model and the widened
candidates do no better; lambda 0.1 gains 3 end to end from one document but keeps more false
agreements than the rule. :data:`WEIGHTS` are the lambda-1 weights fitted on all 165 documents
(threshold :data:`THRESHOLD`), kept for the record and for ``LEARNED = True`` experiments.

:data:`WIDEN` (off; ``bench/fit_lagree.py --widen``) makes the grouping build one more
candidate of every planned mention and every mention no agreement took
(:meth:`kg.extract.grouping.Grouper._widen`), to measure whether a wider candidate set raises
the ceiling: on the training documents none of its 86 candidates aligns with a gold agreement.
"""

from __future__ import annotations

from kg.extract.dates import parse_published
from kg.extract.frames.common import probability

LEARNED = False   # the learned decision did not gain in cross-validation (see above)
WIDEN = False     # also build candidates from planned and unplaced mentions (grouping.Grouper._widen)
THRESHOLD = 0.653

# fitted by bench/fit_lagree.py on all 165 training documents (lambda 1); unused while LEARNED is False
WEIGHTS: dict[str, float] = {
    "bias": -0.68,
    "hand": 1.22,
    "tentative": -0.43,
    "widened": 0.0,
    "planned": 0.0,
    "background": 0.68,
    "no_parties": -0.79,
    "one_party": -0.39,
    "parties": 1.47,
    "signatories": 1.25,
    "witnesses": 0.4,
    "topics": 0.02,
    "date": 0.86,
    "date_older": 0.21,
    "place": -0.4,
    "mentions": -0.45,
    "asserted": -0.03,
    "reference_only": -0.43,
    "definite_first": 0.02,
    "implicit_only": 0.1,
    "own_parties": 0.63,
    "headline": -0.68,
    "only_headline": -0.05,
    "lead": -0.09,
    "position": -0.3,
    "weak": 0.09,
    "generic_kind": -0.12,
    "in_set": 0.52,
    "existing": 0.26,
    "addition": 0.76,
    "signing_predicate": -0.09,
    "modal_predicate": 0.0,
    "passive": 0.53,
    "others": -0.18,
    "same_parties": 0.23,
}


def hand_keep(a) -> bool:
    """The rule: an agreement with parties or signatories that a signing asserted."""
    return bool(a.parties or a.signatories) and not a.tentative and not a.widened


def keep_features(an, g, a, candidates: list | None = None) -> dict[str, float]:
    """General evidence about candidate agreement ``a`` (no word, country or document named)."""
    candidates = g.agreements if candidates is None else candidates
    ms = a.mentions
    pub, _ = parse_published(an.doc.published)
    n_sent = max(len(an.sentences), 1)
    statuses = {m.status for m in ms}
    cues = set().union(*(m.cues for m in ms)) if ms else set()
    preds = [m.predicate for m in ms if m.predicate is not None]
    f = {
        "bias": 1.0,
        "hand": float(hand_keep(a)),
        "tentative": float(a.tentative),
        "widened": float(a.widened),
        "planned": float("planned" in statuses),
        "background": float(a.background),
        "no_parties": float(not a.parties),
        "one_party": float(len(a.parties) == 1),
        "parties": float(min(len(a.parties), 4)),
        "signatories": float(min(len(a.signatories), 3)),
        "witnesses": float(min(len(a.witnesses), 3)),
        "topics": float(min(len(a.topics), 3)),
        "date": float(a.date is not None and bool(a.date.value)),
        "date_older": float(a.date is not None and bool(a.date.value) and pub is not None
                            and not a.date.value.startswith("XXXX") and int(a.date.value[:4]) < pub.year),
        "place": float(a.place is not None),
        "mentions": float(min(len(ms), 5)),
        "asserted": float("asserted" in statuses),
        "reference_only": float(statuses <= {"reference"}),
        "definite_first": float(bool(ms) and ms[0].definite),
        "implicit_only": float(bool(ms) and all(m.implicit for m in ms)),
        "own_parties": float(any(m.own for m in ms)),
        "headline": float(any(m.headline for m in ms)),
        "only_headline": float(a.only_headline),
        "lead": float(a.intro <= 2),
        "position": a.intro / n_sent,
        "weak": float(a.weak),
        "generic_kind": float(a.kind == "agreement"),
        "in_set": float(a.group is not None),
        "existing": float("existing" in cues),
        "addition": float("addition" in cues),
        "signing_predicate": float(any(p.kind in ("sign", "signing", "conclude") and p.mode == "asserted"
                                       for p in preds)),
        "modal_predicate": float(any(p.mode != "asserted" for p in preds)),
        "passive": float(any(p.voice != "active" for p in preds)),
        "others": float(min(len(candidates) - 1, 5)),
        "same_parties": float(bool(a.parties) and any(b is not a and b.parties.keys() == a.parties.keys()
                                                      for b in candidates)),
    }
    return f


def decide(an, g) -> list:
    """The agreements kept, in order (``g.candidates``: all of them)."""
    g.candidates = list(g.agreements)
    if not LEARNED or not WEIGHTS:
        return [a for a in g.candidates if hand_keep(a)]
    return [a for a in g.candidates
            if probability(WEIGHTS, keep_features(an, g, a, g.candidates)) >= THRESHOLD]
