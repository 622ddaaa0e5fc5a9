"""A learned review of each agreement's topics, after the hand rules (:mod:`.content`) chose them.

What is decided. For every final agreement, each candidate topic label is either in its
``topics`` or not: (a) each label the rules chose is kept or dropped, (b) each other
annotation-level label that the document mentions (its sentences or its title) is added or not.

From which features (:func:`candidates`; none names a word, a label, a country or a document):
whether the rules chose the label, with what weight and whether as their strongest, how often and how early the document
names it and whether it is the document's most named one, whether the headline, the lead
sentence, the document's title or the agreement's own title names it, whether it is named in a
sentence of the agreement's mentions, in the clause of one, within a few words after the
agreement word, how many sentences away from the nearest mention, only in sentences of other
agreements, whether another agreement of the text has it, whether it is broader or narrower than
a label the rules chose, whether it is a catch-all ("other"), how many labels the rules chose,
how many agreements the document has, whether the agreement is an older (background) one, and
of the sentences that name the label: whether one names a party of the agreement, whether one has
a cue of content or inclusion (``lex:ContentCue``, ``IncludeVerb``, ``InclusionCue``,
``CooperationCue``, ``ExampleCue``), and how many distinct labels the busiest of them names (a
list of areas).

Two logistic regressions (one for the chosen labels: keep; one for the others: add) with an L2
penalty, fitted on the gold of the development sets by ``bench/fit_ltopic.py`` (its docstring
says how the candidates are labelled); a label is in the output when its probability reaches the
threshold. :data:`WEIGHTS` and :data:`THRESHOLDS` are those fitted on all 165 documents by

    python bench/fit_ltopic.py ../shared/corpus/dev tests/data/extract/{blind,blind2,blind3,blind4,blind5,blind6,dev2,heldout} --seeds --weights-out W.json

(lambda 1; ``docs/results/ltopic-fit.txt`` has the full output). Leave-one-document-out, the
held-out keep decisions have accuracy 0.865 against the rules' 0.889 (log-loss 0.365, the base
rate's 0.349), the add decisions 0.907 against 0.907 (log-loss 0.286 against 0.309); end to end
(each document's output with its fold's decisions, shared scorer) the summed overall tp - fp of the
ten sets falls from 4057 to 4043 (drop only 4045, add only 4055), and no lambda or threshold setting
gains robustly. The rules were tuned on these sets, so their choices are almost the labels: the
review is therefore OFF (:data:`ENABLED`); with it off the rules' topics stand unchanged and
nothing is computed.
"""

from __future__ import annotations

import math

from kg.extract.topics import TopicMatcher
from kg.extract.frames.common import probability

FEATURES = ("bias", "weight", "log_count", "top", "first_pos", "headline", "lead", "doc_title",
            "own_title", "mention_sent", "after_word", "mention_clause", "sent_dist", "only_other",
            "other_has", "broader", "narrower", "catch_all", "n_chosen", "n_agreements", "background",
            "main_rule", "party_sent", "cue_sent", "list_sent")
CUES = ("ContentCue", "IncludeVerb", "InclusionCue", "CooperationCue", "ExampleCue")

# fitted by bench/fit_ltopic.py (see docs/results/ltopic-fit.txt); empty: the rules stand
WEIGHTS: dict[str, dict[str, float]] = {
    "keep": {
        "bias": 3.729, "weight": 0.765, "log_count": -0.106, "top": 0.732, "first_pos": 0.076,
        "headline": -0.256, "lead": 0.052, "doc_title": 1.068, "own_title": 0.756, "mention_sent": -0.998,
        "after_word": -0.199, "mention_clause": 0.129, "sent_dist": -0.924, "only_other": 0.253,
        "other_has": -0.06, "broader": -0.131, "narrower": 0.129, "catch_all": -1.632, "n_chosen": -0.052,
        "n_agreements": -0.767, "background": 0.182, "main_rule": 0.827, "party_sent": -0.451,
        "cue_sent": 0.515, "list_sent": -0.936},
    "add": {
        "bias": -0.871, "weight": 0.0, "log_count": 0.164, "top": 0.508, "first_pos": -1.598,
        "headline": 0.641, "lead": 0.085, "doc_title": -0.933, "own_title": 0.0, "mention_sent": 0.372,
        "after_word": -0.757, "mention_clause": 1.044, "sent_dist": -0.417, "only_other": -0.778,
        "other_has": 0.294, "broader": -0.3, "narrower": 0.124, "catch_all": -0.815, "n_chosen": -0.389,
        "n_agreements": -0.82, "background": -1.198, "main_rule": 0.0, "party_sent": -0.784,
        "cue_sent": 0.512, "list_sent": 0.917},
}
THRESHOLDS: dict[str, float] = {"keep": 0.55, "add": 0.55}
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
    distinct = {s: len({t for t, _k in hits[s]}) for s in hits}
    cue = {s for c in CUES for k in an.cat_tokens(c) for s in (an.sent_of[k],)}
    named = {s: {x.iri for x in an.actors_by_sent.get(s, []) if x.iri} for s in hits}
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
        top_w = max(a.topics.values(), default=0)
        parties = set(a.parties)
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
                "main_rule": float(t in chosen and a.topics[t] == top_w),
                "party_sent": float(any(named.get(s, set()) & parties for s in ss)),
                "cue_sent": float(bool(ss & cue)),
                "list_sent": math.log1p(max((distinct[s] for s in ss), default=0)),
            }
            out.append((a, t, t in chosen, f))
    return out


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
