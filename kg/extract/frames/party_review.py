"""A learned review of the parties the rules chose (run by :func:`.assembly.fill`, last before the
stated cooperations are collected).

**What is decided.** For every output agreement, each actor of the document (country, region or
organisation, a capital as the state the linker resolves it to) is a candidate: a party the rules
chose is *kept or dropped*, any other actor is *added or not*. Two logistic regressions score
them, :data:`KEEP` for the rules' parties and :data:`ADD` for the others, over the general
features of :func:`candidate_features` (no feature names a word, a country or a document):

- the rules' decision: how the rules found the party (``how_*``, classes of the ``how`` that
  :meth:`~.model.Agreement.add_party` records), how many parties they chose (``n1``, ``n3``),
  whether the actor is a party of another agreement of the text, whether a signatory acts for
  it (``on_behalf``), whether its home country is a party or it is the home of a party;
- where the text names the actor: the number of its mentions, in the headline, in the lead,
  in the sentences of the agreement's mentions, inside the clause of a signing predicate, the
  token distance to the nearest mention of the agreement in the same sentence;
- the functions its mentions have in the agreement's sentences (subject/object ``core``,
  ``with``, ``between``, ``for``, ``by``, modifier of the agreement word ``agr``, ``affil`` of a
  person, a place ``loc``, any other), its type (region, organisation, country), a capital form,
  the text's home actor, whether the agreement is background; and three for a rule decision that
  looks short (one party chosen and the actor named in the agreement's sentences ``n1_in_sents``,
  or the most mentioned actor left out ``n1_top``; an actor of the same type as a party
  ``same_kind``).

A rule party is dropped when its ``KEEP`` probability is below :data:`KEEP_BELOW`; another actor
is added when its ``ADD`` probability reaches :data:`ADD_FROM`, and to an agreement with at most
one party its most likely other actor when that reaches :data:`ONE_FROM`. A signatory whose side is
dropped loses its ``on_behalf_of`` (the conventions want ``on_behalf_of`` among the parties);
cooperations are the pairs of the reviewed parties as before. An agreement left with neither
parties nor signatories is dropped like the rules drop one. :data:`ENABLED` switches the review
on; it is OFF (see the figures).

**How the weights were fitted.** ``python bench/fit_lparty.py --end-to-end --weights-out FILE``
over the 165 training documents (shared dev, the seeds, ``tests/data/extract/{blind, blind2 ..
blind6, dev2, heldout}``): labels from the gold through the shared scorer's alignment and name
folding, two logistic regressions by Newton's method with an L2 penalty (lambda 1), thresholds by
an inner 5-fold CV, judged by 10 document folds. Run and variants: ``docs/results/lparty-fit.txt``.

**Figures, and why it is off.** The rules are nearly right on their own training texts: of 848
labelled rule parties 30 are wrong, and of 2484 other actors 57 are gold parties, scattered over
many constructions. Cross-validated, the keep model hardly ever drops a party, and the few it
drops in some variants are right ones; the add model adds more wrong actors than right ones
(2 right, 8 wrong): summed overall tp-fp over the ten training sets 4057 with the rules, 4036
with the reviewed parties (blind3 0.958 -> 0.943, dev2 0.921 -> 0.918; blind2 0.951 -> 0.953;
also 4036 leaving one document out: 3 right, 9 wrong, 2 unlabelled additions), and no variant (lambda 1-20, thresholds
fitted in-sample or nested, keep only, add only, unaligned agreements skipped or negative, fewer
features) gains out of sample (best: 4057, no change); in-sample the same model reaches 4071,
which is overfitting. The narrowest decision, the best other actor of a one-party agreement
(24 such agreements; for 17 of them a gold party is among the actors), also loses with nested
thresholds (4054); only a threshold picked by looking at the CV figures (0.3) reaches 4059 (+2,
6 right and 6 wrong additions), which is noise, not a gain. On all documents the nested thresholds
choose to change nothing (:data:`KEEP_BELOW` 0, :data:`ADD_FROM` and :data:`ONE_FROM` above 1).
"""

from __future__ import annotations

import math

from kg.extract.frames.arguments import home_actor
from kg.extract.frames.common import probability

ENABLED = False

FEATURES = ["bias", "region", "org", "capital", "mentions", "headline", "lead", "in_sents", "sents_count",
            "in_predicate", "distance", "fn_core", "fn_with", "fn_between", "fn_for", "fn_by", "fn_agr",
            "fn_affil", "fn_loc", "fn_other", "only_place", "other_agreement", "n1", "n3", "background",
            "on_behalf", "home", "home_link", "how_partner", "how_signatory", "how_context", "how_mention",
            "n1_in_sents", "n1_top", "same_kind"]

HOW_CLASSES = {"partner": "how_partner", "signatory": "how_signatory", "side": "how_signatory",
               "witnessed": "how_signatory", "context": "how_context", "inherited": "how_context",
               "visit": "how_context", "host": "how_context", "lender": "how_context", "content": "how_context"}

# fitted on all training documents (python bench/fit_lparty.py --weights-out FILE; see the module docstring)
KEEP: dict[str, float] = {
    "bias": 3.69, "region": 0.8, "org": -0.45, "capital": -0.72, "mentions": 0.66, "headline": -0.39,
    "lead": 0.37, "in_sents": 0.07, "sents_count": 0.2, "in_predicate": -0.73, "distance": -0.14,
    "fn_core": 0.07, "fn_with": -1.11, "fn_between": 0.26, "fn_for": 0.25, "fn_by": -0.49, "fn_agr": 0.87,
    "fn_affil": -0.01, "fn_loc": 0.5, "fn_other": -0.06, "only_place": 0.24, "other_agreement": -0.61,
    "n1": 0.32, "n3": -0.76, "background": 0.14, "on_behalf": -0.31, "home": -0.33, "home_link": -1.28,
    "how_partner": -0.13, "how_signatory": -0.01, "how_context": -0.83, "how_mention": 0.97,
    "n1_in_sents": 0.29, "n1_top": 0.0, "same_kind": 0.0}
ADD: dict[str, float] = {
    "bias": -8.44, "region": 0.3, "org": 0.99, "capital": -0.04, "mentions": 1.26, "headline": -0.16,
    "lead": 0.35, "in_sents": 0.94, "sents_count": 0.42, "in_predicate": -1.42, "distance": 0.33,
    "fn_core": 1.02, "fn_with": -0.85, "fn_between": -0.05, "fn_for": 0.82, "fn_by": -0.11, "fn_agr": -0.2,
    "fn_affil": -0.17, "fn_loc": 0.41, "fn_other": -0.27, "only_place": -0.82, "other_agreement": -0.27,
    "n1": 1.68, "n3": 0.86, "background": 0.02, "on_behalf": -0.02, "home": -0.17, "home_link": -0.37,
    "how_partner": 0.0, "how_signatory": 0.0, "how_context": 0.0, "how_mention": 0.0, "n1_in_sents": 0.66,
    "n1_top": 0.92, "same_kind": 1.71}
KEEP_BELOW = 0.0   # the nested CV's thresholds on all documents: no change is worth making
ADD_FROM = 1.01
ONE_FROM = 1.01   # an agreement with at most one party: its most likely other actor is added from this probability

ACTOR_KINDS = ("country", "region", "org")
FUNCTIONS = ("core", "with", "between", "for", "by", "agr", "affil", "loc")


def candidate_features(an, g) -> list[tuple[object, str, bool, dict[str, float]]]:
    """``(agreement, actor iri, chosen by the rules, features)`` for every output agreement and
    every actor of the document. Linear in agreements × actor mentions."""
    by_iri: dict[str, list] = {}
    for act in an.actors:
        if act.iri and act.kind in ACTOR_KINDS:
            by_iri.setdefault(act.iri, []).append(act)
    if not by_iri:
        return []
    headline = an.structure.headline
    lead = an.structure.lead or ({min(an.actors_by_sent)} if an.actors_by_sent else set())
    home = home_actor(an)
    party_count: dict[str, int] = {}
    for a in g.agreements:
        for p in a.parties:
            party_count[p] = party_count.get(p, 0) + 1
    out = []
    for a in g.agreements:
        sents = set(a.sentences) | {m.sent for m in a.mentions}
        starts: dict[int, list[int]] = {}
        pred_tokens: set[int] = set()
        for m in a.mentions:
            starts.setdefault(m.sent, []).append(m.start)
            if m.predicate is not None:
                pred_tokens |= m.predicate.tokens
                starts[m.sent].append(m.predicate.head)
        parties = set(a.parties)
        homes = {an.home_of(p) for p in parties}
        behalf = {info.get("on_behalf_of") for info in a.signatories.values()}
        n = len(parties)
        kinds = {an.kind_of(p) for p in parties}
        # the most mentioned actor the rules left out that the text does not name only as a place
        others = [i for i in by_iri if i not in parties and not all(x.function == "loc" for x in by_iri[i])]
        top = max(others, key=lambda i: (len(by_iri[i]), -by_iri[i][0].start), default=None)
        candidates = list(dict.fromkeys(list(a.parties) + list(by_iri)))
        for iri in candidates:
            acts = by_iri.get(iri, [])
            chosen = iri in parties
            kind = an.kind_of(iri)
            f: dict[str, float] = {"bias": 1.0}
            if kind == "region":
                f["region"] = 1.0
            elif kind == "org":
                f["org"] = 1.0
            if any(x.form == "capital" for x in acts):
                f["capital"] = 1.0
            if acts:
                f["mentions"] = math.log1p(len(acts))
            if headline is not None and any(x.sent == headline for x in acts):
                f["headline"] = 1.0
            if any(x.sent in lead for x in acts):
                f["lead"] = 1.0
            inside = [x for x in acts if x.sent in sents]
            if inside:
                f["in_sents"] = 1.0
                f["sents_count"] = math.log1p(len(inside))
            if any(x.start in pred_tokens for x in inside):
                f["in_predicate"] = 1.0
            dist = min((abs(x.start - s) for x in inside for s in starts.get(x.sent, ())), default=None)
            f["distance"] = min(dist, 30) / 10 if dist is not None else 3.0
            seen = set()
            for x in inside:
                seen.add(f"fn_{x.function}" if x.function in FUNCTIONS else "fn_other")
            for k in seen:
                f[k] = 1.0
            if acts and all(x.function == "loc" for x in acts):
                f["only_place"] = 1.0
            if party_count.get(iri, 0) - (1 if chosen else 0) > 0:
                f["other_agreement"] = 1.0
            if n <= 1:
                f["n1"] = 1.0
            elif n >= 3:
                f["n3"] = 1.0
            if a.background:
                f["background"] = 1.0
            if iri in behalf:
                f["on_behalf"] = 1.0
            if iri == home:
                f["home"] = 1.0
            if an.home_of(iri) in parties or iri in homes:
                f["home_link"] = 1.0
            if n <= 1 and inside:
                f["n1_in_sents"] = 1.0
            if n <= 1 and iri == top:
                f["n1_top"] = 1.0
            if kind in kinds and not chosen:
                f["same_kind"] = 1.0
            if chosen:
                f[HOW_CLASSES.get(a.parties[iri], "how_mention")] = 1.0
            out.append((a, iri, chosen, f))
    return out


def decide(rows, keep: dict[str, float] | None = None, add: dict[str, float] | None = None,
           keep_below: float | None = None, add_from: float | None = None,
           one_from: float | None = None) -> list[bool]:
    """Whether each candidate is a party after the review: a rule party kept unless its KEEP
    probability is below ``keep_below``; another actor added from the ADD probability
    ``add_from``, and, for an agreement with at most one party, the most likely other actor from
    ``one_from``."""
    keep = KEEP if keep is None else keep
    add = ADD if add is None else add
    keep_below = KEEP_BELOW if keep_below is None else keep_below
    add_from = ADD_FROM if add_from is None else add_from
    one_from = ONE_FROM if one_from is None else one_from
    out, best = [], {}
    for k, (a, _, chosen, f) in enumerate(rows):
        if chosen:
            out.append(probability(keep, f) >= keep_below)
            continue
        p = probability(add, f)
        out.append(p >= add_from)
        if f.get("n1") and (id(a) not in best or p > best[id(a)][0]):
            best[id(a)] = (p, k)
    for p, k in best.values():
        if p >= one_from:
            out[k] = True
    return out


def apply(g, rows, decisions: list[bool]) -> None:
    """Set the parties the decisions keep and add (order: the rules' parties, then additions)."""
    for (a, iri, chosen, _), yes in zip(rows, decisions):
        if chosen and not yes:
            a.parties.pop(iri, None)
            a.evidence = [e for e in a.evidence if e[:2] != ("party", iri)]
            for info in a.signatories.values():
                if info.get("on_behalf_of") == iri:
                    info["on_behalf_of"] = None
        elif not chosen and yes:
            a.add_party(iri, "reviewed", a.intro, 0.6)
    g.agreements = [a for a in g.agreements if a.parties or a.signatories]
    for k, a in enumerate(g.agreements, 1):
        a.id = f"a{k}"


def review(an, g) -> None:
    """The review of every agreement's parties, when :data:`ENABLED`."""
    if not ENABLED or not g.agreements:
        return
    rows = candidate_features(an, g)
    apply(g, rows, decide(rows))
