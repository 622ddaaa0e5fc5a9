"""Which grouped agreements are reported as concluded: the final keep-or-drop decision.

After :func:`~kg.extract.frames.assembly.fill` has given every grouped agreement its parties,
signatories, date, place and topics, the hand rule (:func:`hand_keep`) keeps an agreement when
it has parties or signatories and is not *tentative* (known only from a reference such as "the
deal" that no signing predicate ever asserted). :func:`decide` makes that decision; the
candidates are all agreements the grouping built (``g.candidates`` keeps them, kept or not).

A learned variant of the decision (:func:`keep_features`, :data:`WEIGHTS`) was fitted with
``bench/fit_lagree.py`` (see its docstring and ``docs/results/lagree-fit.txt``): a logistic
regression over general features of the candidate (the hand rule's decision, tentative,
background, counts of parties, signatories, witnesses, mentions, topics, date and place present,
the date older than the report, the mention statuses and cue classes, headline/lead position,
a party set shared with another candidate). It is used only when :data:`LEARNED` is true.
"""

from __future__ import annotations

import math

from kg.extract.dates import parse_published

LEARNED = False
WIDEN = False     # also build candidates from planned and unplaced mentions (grouping.Grouper._widen)
THRESHOLD = 0.5

# fitted by bench/fit_lagree.py (see the module docstring); unused while LEARNED is False
WEIGHTS: dict[str, float] = {}


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


def probability(features: dict[str, float], weights: dict[str, float]) -> float:
    s = sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1 / (1 + math.exp(-max(min(s, 30.0), -30.0)))


def decide(an, g) -> list:
    """The agreements kept, in order (``g.candidates``: all of them)."""
    g.candidates = list(g.agreements)
    if not LEARNED or not WEIGHTS:
        return [a for a in g.candidates if hand_keep(a)]
    return [a for a in g.candidates
            if probability(keep_features(an, g, a, g.candidates), WEIGHTS) >= THRESHOLD]
