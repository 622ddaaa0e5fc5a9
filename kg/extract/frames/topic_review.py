"""A learned review of each agreement's topics, after the hand rules (:mod:`.content`) chose them.

What is decided. For every final agreement, each candidate topic label is either in its
``topics`` or not: (a) each label the rules chose is kept or dropped, (b) each other
annotation-level label that the document mentions (its sentences or its title) is added or not.

From which features (:func:`candidates`; none names a word, a label, a country or a document):
whether the rules chose the label and with what weight, how often and how early the document
names it and whether it is the document's most named one, whether the headline, the lead
sentence, the document's title or the agreement's own title names it, whether it is named in a
sentence of the agreement's mentions, in the clause of one, within a few words after the
agreement word, how many sentences away from the nearest mention, only in sentences of other
agreements, whether another agreement of the text has it, whether it is broader or narrower than
a label the rules chose, whether it is a catch-all ("other"), how many labels the rules chose,
how many agreements the document has, and whether the agreement is an older (background) one.

Two logistic regressions (one for the chosen labels: keep; one for the others: add) with an L2
penalty, fitted on the gold of the development sets by ``bench/fit_ltopic.py`` (its docstring
says how the candidates are labelled); a label is in the output when its probability reaches the
threshold. The weights below (:data:`WEIGHTS`) and the thresholds (:data:`THRESHOLDS`) are
those of that script's run recorded in ``docs/results/ltopic-fit.txt``, together with its
leave-one-document-out figures. :data:`ENABLED` switches the review on; with it off the rules'
topics stand unchanged.
"""

from __future__ import annotations

import math

from kg.extract.topics import TopicMatcher

FEATURES = ("bias", "weight", "log_count", "top", "first_pos", "headline", "lead", "doc_title",
            "own_title", "mention_sent", "after_word", "mention_clause", "sent_dist", "only_other",
            "other_has", "broader", "narrower", "catch_all", "n_chosen", "n_agreements", "background")

# fitted by bench/fit_ltopic.py (see docs/results/ltopic-fit.txt); empty: the rules stand
WEIGHTS: dict[str, dict[str, float]] = {"keep": {}, "add": {}}
THRESHOLDS: dict[str, float] = {"keep": 0.5, "add": 0.5}
ENABLED = False

AFTER_WORD = 12   # tokens after an agreement word that are its own phrase ("agreement on X")


def candidates(an, agreements) -> list[tuple[object, str, bool, dict[str, float]]]:
    """(agreement, topic IRI, chosen by the rules, features) for every candidate of every agreement."""
    if not agreements:
        return []
    matcher = TopicMatcher(an.gaz)
    hits = an.topic_hits
    n_sent = max(len(an.sentences), 1)
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    sents_of: dict[str, set[int]] = {}
    for s in sorted(hits):
        for t, _k in hits[s]:
            count[t] = count.get(t, 0) + 1
            first.setdefault(t, s)
            sents_of.setdefault(t, set()).add(s)
    best = max(count.values()) if count else 0
    head = set(an.topics_in(an.structure.headline)) if an.structure.headline is not None else set()
    lead_s = sorted(an.structure.lead)[:1]
    lead = set(an.topics_in(lead_s[0])) if lead_s else set()
    title = set(an.title_topics())
    pool = set(count) | title
    msents = {id(a): {m.sent for m in a.mentions} for a in agreements}
    out = []
    for a in agreements:
        chosen = set(a.topics)
        cands = chosen | pool
        mine = msents[id(a)]
        others = set().union(*(msents[id(b)] for b in agreements if b is not a)) if len(agreements) > 1 else set()
        other_topics = {t for b in agreements if b is not a for t in b.topics}
        # tokens of the agreement's own phrase and of the clauses of its mentions
        after: set[int] = set()
        clause: set[int] = set()
        for m in a.mentions:
            sent = an.sentences[m.sent]
            after.update(range(m.start, min(sent.end, m.end + AFTER_WORD)))
            if not m.implicit or m.predicate is not None:
                clause.update(an.syntax.clause(m.start).tokens)
        own_title = set()
        if a.title:
            for iri, _s, _e in matcher.find(a.title, lang=an.lang):
                try:
                    own_title.update(matcher.annotation_topics(iri))
                except KeyError:
                    pass
        above = {b for t in chosen for b in matcher.broader_topics(t)}
        for t in cands:
            ss = sents_of.get(t, set())
            tok = [k for s in ss & mine for u, k in hits.get(s, []) if u == t]
            dist = min((abs(s - x) for s in ss for x in mine), default=n_sent) if mine else n_sent
            f = {
                "bias": 1.0,
                "weight": min(a.topics.get(t, 0), 6) / 3.0,
                "log_count": math.log1p(count.get(t, 0)),
                "top": float(count.get(t, 0) == best and best > 0),
                "first_pos": first.get(t, n_sent) / n_sent,
                "headline": float(t in head),
                "lead": float(t in lead),
                "doc_title": float(t in title),
                "own_title": float(t in own_title),
                "mention_sent": float(bool(ss & mine)),
                "after_word": float(any(k in after for k in tok)),
                "mention_clause": float(any(k in clause for k in tok)),
                "sent_dist": math.log1p(min(dist, n_sent)),
                "only_other": float(bool(ss) and ss <= others and not ss & mine),
                "other_has": float(t in other_topics),
                "broader": float(t in above),
                "narrower": float(bool(matcher.broader_topics(t) & chosen)),
                "catch_all": float(matcher.catch_all(t)),
                "n_chosen": float(len(chosen)),
                "n_agreements": math.log(len(agreements)),
                "background": float(a.background),
            }
            out.append((a, t, t in chosen, f))
    return out


def probability(w: dict[str, float], f: dict[str, float]) -> float:
    z = sum(w.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def review(an, agreements, weights: dict[str, dict[str, float]] | None = None,
           thresholds: dict[str, float] | None = None) -> None:
    """Keep, drop and add topics of the final agreements by the fitted model (when enabled or
    given weights). The order of the topics is kept; an added one goes at the end."""
    weights = weights if weights is not None else (WEIGHTS if ENABLED else None)
    if not weights or not (weights.get("keep") or weights.get("add")):
        return
    thresholds = thresholds or THRESHOLDS
    decided: dict[int, dict[str, bool]] = {}
    for a, t, chosen, f in candidates(an, agreements):
        which = "keep" if chosen else "add"
        w = weights.get(which)
        if not w:
            continue
        decided.setdefault(id(a), {})[t] = probability(w, f) >= thresholds[which]
    for a in agreements:
        d = decided.get(id(a))
        if not d:
            continue
        topics = {t: v for t, v in a.topics.items() if d.get(t, True)}
        for t, yes in d.items():
            if yes and t not in topics:
                topics[t] = 1
        a.topics = topics
