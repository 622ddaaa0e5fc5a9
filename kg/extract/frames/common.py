"""Small look-ups shared by every step of the frames: the predicates and dates of a sentence,
definite articles, the end of an agreement's title.
"""

from __future__ import annotations

import math

from kg.extract.dates import DateMention
from kg.extract.predicates import Predicate, _mode, _voice, prenominal_article
from kg.extract.frames.model import AgreementMention


DEFINITE_ARTICLES = frozenset({"the", "der", "die", "das", "dem", "den", "des"})


CONTENT_PREPOSITIONS = {"uber", "on", "zur", "zum", "for", "fur", "about", "regarding", "concerning", "to"}

# prepositions of the other side of a trade: the recipient of a supply ("ships gas to Y",
# "liefert Strom an Y"), the source of a purchase ("buys power from Y", "bezieht Gas von Y")
SUPPLY_TO = {"to", "an", "nach"}
SUPPLY_FROM = {"from", "aus", "von", "bei"}


def probability(weights: dict[str, float], features: dict[str, float]) -> float:
    """The logistic model's probability for named features (those without a weight count 0); the
    learned decisions of :mod:`.keep`, :mod:`.party_review` and :mod:`.topic_review` share it.

    >>> probability({"bias": 0.0}, {"bias": 1.0})
    0.5
    >>> round(probability({"bias": -1.0, "cue": 3.0}, {"bias": 1.0, "cue": 1.0, "other": 5.0}), 3)
    0.881
    """
    z = sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


def _definite(an, k: int) -> bool:
    toks = an.tokens
    j = k - 1
    steps = 0
    while j >= 0 and steps < 4:
        f = toks[j].fold
        if f in ("the", "der", "die", "das", "den", "dem", "des", "this", "these", "that", "those", "dieses", "diese",
                 "dieser", "diesen", "diesem", "its", "their", "ihre", "ihrer", "ihren", "seine", "seiner", "beide",
                 "beiden", "both"):
            return True
        if f in ("a", "an", "ein", "eine", "einer", "einen", "eines", "einem") or toks[j].text in (",", ";", ":", "(", "."):
            return False
        if toks[j].pos in ("VERB", "AUX", "ADP") and toks[j].tag not in ("VV(PP)", "VVN"):
            return False   # but over a participle: "das unterzeichnete Papier", "the signed deal"
        if an.lang == "de" and toks[j].tag == "VV(PP)" and prenominal_article(an, j) is not None:
            j = prenominal_article(an, j)   # and over a whole participle attribute: "das am Montag
            continue                        # zwischen A und B unterzeichnete Abkommen" (its article decides)
        j -= 1
        steps += 1
    return False


def _title_end(an, m: AgreementMention) -> int:
    """Where the agreement word's own phrase ends ("Partnerschaft für eine gerechte Energiewende"):
    a preposition and its phrase, up to a verb; a participle right before a noun is an
    attribute of it ("gerechte", "agreed"), no verb."""
    toks = an.tokens
    sent = an.sentences[m.sent]
    e = m.end
    if e < sent.end and toks[e].fold in ("uber", "on", "zur", "zum", "for", "fur", "of", "to", "about", "in"):
        e += 1
        while e < sent.end and e - m.end < 10 and toks[e].text not in (",", ".", ";", ":", "–", "(") \
                and (toks[e].pos not in ("VERB", "AUX") or _attributive(toks, e, sent.end)) \
                and an.syntax.same_clause(e, m.start):
            e += 1
    return e


def _attributive(toks, k: int, end: int) -> bool:
    """A participle between a determiner or adjective and a noun ("eine gerechte Energiewende")."""
    return toks[k].pos == "VERB" and k + 1 < end and toks[k + 1].pos == "NOUN" \
        and toks[k - 1].pos in ("DET", "ADJ", "ADP") and "PP" in (toks[k].tag or "")


def _clause_predicate(an, kind: str, k: int) -> Predicate:
    """A predicate of ``kind`` headed by the verb at token ``k``, over the tokens of its clause,
    with its mode and voice: for verbs that tell a relation without being a signing predicate
    (supplying, building a project together)."""
    clause = an.syntax.clause_of[k]
    p = Predicate(kind, k, an.sent_of[k], clause)
    p.tokens = set(an.syntax.clauses[clause].tokens)
    p.mode, p.voice = _mode(an, p), _voice(an, p)
    return p


def _predicates(an) -> list[Predicate]:
    return an.predicates


def _by_sent(an, name: str, items: list, sent_of) -> dict[int, list]:
    """``items`` grouped by sentence (in their order), built once per document and list (rebuilt
    when the list is another one or has grown), so rules that ask per mention need not scan them all."""
    cache = an.__dict__.setdefault("_by_sent", {})
    got = cache.get(name)
    if got is None or got[0] is not items or got[1] != len(items):
        index: dict[int, list] = {}
        for x in items:
            index.setdefault(sent_of(x), []).append(x)
        got = cache[name] = (items, len(items), index)
    return got[2]


def _predicates_in(an, sent: int) -> list[Predicate]:
    return _by_sent(an, "predicates", an.predicates, lambda q: q.sent).get(sent, [])


def _dates_in(an, sent: int) -> list[DateMention]:
    return _by_sent(an, "dates", an.dates, lambda d: an.sent_of[an.tok_at(d.start)]).get(sent, [])


def agreement_words_at(an, k: int) -> list:
    """The lexicon entries of agreement words with a kind that the lexicon match at token ``k``
    names, in the lexicon's order ("contract" -> lex:AgreementWord of kind contract)."""
    lexm = an.lex_at.get(k)
    return [e for e in (an.gaz.lexicon.get(i) for i in (lexm.data.get("lex", []) if lexm else []))
            if e is not None and e.category == "AgreementWord" and e.kind]
