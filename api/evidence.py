"""What an agreement page says about its facts: where each came from, and the words behind it.

The extractor writes one ``ekg:Evidence`` node per fact (party, signatory,
witness, topic, date, type ...), and a sentence that states eight facts is
the quote of eight evidence nodes. Listing the nodes one by one showed the
same sentence over and over; here the evidence is grouped by sentence
(document and quote): each sentence is shown once, with the facts it supports
listed beside it and, for each fact, the words that support it marked
(:func:`spans`: the names of the value entity in any language, the date as
written, the agreement kind).

:func:`facts` tells curated facts (from ``graph/curated``) apart from
extracted ones (``graph/extracted/...`` or backed by evidence), per fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from kg.namespaces import CURATED_GRAPH, DERIVED_GRAPH, EKG, GAZETTEER_GRAPH, GRAPH, compact
from kg.view import normalize

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# The facts an agreement page lists, in this order, with their names in words.
FACT_PROPERTIES = {
    RDF_TYPE: "kind",
    str(EKG.party): "party",
    str(EKG.participant): "participant",
    str(EKG.signatory): "signatory",
    str(EKG.witness): "witness",
    str(EKG.signedOn): "date",
    str(EKG.signedAt): "place",
    str(EKG.topic): "topic",
    str(EKG.since): "since",
    str(EKG.renews): "renews",
    str(EKG.supersedes): "supersedes",
}
MONTHS = {
    1: ("January", "Januar", "Jan"), 2: ("February", "Februar", "Feb"),
    3: ("March", "März", "Mar", "Maerz"), 4: ("April", "Apr"), 5: ("May", "Mai"),
    6: ("June", "Juni", "Jun"), 7: ("July", "Juli", "Jul"), 8: ("August", "Aug"),
    9: ("September", "Sept", "Sep"), 10: ("October", "Oktober", "Oct", "Okt"),
    11: ("November", "Nov"), 12: ("December", "Dezember", "Dec", "Dez"),
}
_WORD = re.compile(r"\w+")


def source_kind(graph: str) -> str:
    """``curated``, ``extracted``, ``derived``, ``gazetteer`` or the graph's own name."""
    if graph == str(CURATED_GRAPH):
        return "curated"
    if graph.startswith(str(GRAPH) + "extracted"):
        return "extracted"
    if graph == str(DERIVED_GRAPH):
        return "derived"
    if graph == str(GAZETTEER_GRAPH):
        return "gazetteer"
    return graph[len(str(GRAPH)):] if graph.startswith(str(GRAPH)) else graph


@dataclass
class Fact:
    """One statement about an agreement: property, value and where it is stated."""

    property: str
    value: str
    is_iri: bool
    sources: set[str] = field(default_factory=set)  # source_kind() of each graph
    evidence: list[tuple[int, float | None]] = field(default_factory=list)  # (quote no, conf)

    @property
    def name(self) -> str:
        return FACT_PROPERTIES.get(self.property, compact(self.property))

    @property
    def extracted(self) -> bool:
        return "extracted" in self.sources or bool(self.evidence)

    @property
    def curated(self) -> bool:
        return "curated" in self.sources


@dataclass
class Quote:
    """One sentence of one document, shown once, with the facts it supports."""

    number: int
    document: str | None
    text: str
    facts: list[tuple[Fact, float | None, list[tuple[int, int]]]] = field(default_factory=list)

    def html(self) -> str:
        """The sentence with each fact's words in ``<mark data-facts="i j">``."""
        marks: dict[int, set[int]] = {}
        for index, (_, _, found) in enumerate(self.facts):
            for start, end in found:
                for pos in range(start, end):
                    marks.setdefault(pos, set()).add(index)
        out, pos, text = [], 0, self.text
        while pos < len(text):
            here = marks.get(pos)
            end = pos + 1
            while end < len(text) and marks.get(end) == here:
                end += 1
            chunk = escape(text[pos:end])
            if here:
                ids = " ".join(str(i) for i in sorted(here))
                out.append(f'<mark data-facts="{ids}">{chunk}</mark>')
            else:
                out.append(chunk)
            pos = end
        return "".join(out)


def facts(store, iri: str) -> list[Fact]:
    """The agreement's facts (:data:`FACT_PROPERTIES`), each with the kinds of graph
    that state it, in the order of :data:`FACT_PROPERTIES`."""
    found: dict[tuple[str, str], Fact] = {}
    rows = store.query(f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}")
    for row in rows:
        prop = row["p"].value
        if prop not in FACT_PROPERTIES:
            continue
        obj = row["o"]
        is_iri = type(obj).__name__ == "NamedNode"
        key = (prop, obj.value)
        fact = found.get(key)
        if fact is None:
            fact = found[key] = Fact(prop, obj.value, is_iri)
        fact.sources.add(source_kind(row["g"].value))
    order = list(FACT_PROPERTIES)
    return sorted(found.values(), key=lambda f: (order.index(f.property), f.value))


def quotes(view, store, iri: str, fact_list: list[Fact]) -> list[Quote]:
    """The evidence of ``iri`` grouped by (document, sentence): each sentence once, with the
    facts it supports and their words; records the quote numbers on ``fact_list``."""
    by_key = {(f.property, f.value): f for f in fact_list}
    groups: dict[tuple[str | None, str], Quote] = {}
    for ev in view.evidence.get(iri, ()):
        if not ev.quote:
            continue
        key = (ev.document, ev.quote)
        quote = groups.get(key)
        if quote is None:
            quote = groups[key] = Quote(len(groups) + 1, ev.document, ev.quote)
        prop, value = ev.property or "", ev.value or ""
        fact = by_key.get((prop, value))
        if fact is None:
            fact = by_key[(prop, value)] = Fact(prop, value, value.startswith("http"))
            fact.sources.add("extracted")
            fact_list.append(fact)
        if any(existing is fact for existing, _, _ in quote.facts):
            continue  # the same fact from the same sentence twice: shown once
        quote.facts.append((fact, ev.confidence, spans(view, store, ev.quote, fact)))
        fact.evidence.append((quote.number, ev.confidence))
    return list(groups.values())


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(normalize(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _find_name(tokens: list[tuple[str, int, int]], name: str) -> list[tuple[int, int]]:
    """Where the (normalized) ``name`` stands in the tokens; the last word may carry a short
    inflection (Japans, Rosatoms)."""
    words = name.split()
    if not words or len(name.replace(" ", "")) < 3:
        return []
    found = []
    for i in range(len(tokens) - len(words) + 1):
        ok = True
        for j, word in enumerate(words):
            token = tokens[i + j][0]
            if token == word:
                continue
            if j == len(words) - 1 and len(word) >= 4 and token.startswith(word) \
                    and len(token) - len(word) <= 3:
                continue
            ok = False
            break
        if ok:
            found.append((tokens[i][1], tokens[i + len(words) - 1][2]))
    return found


def _names_of(view, iri: str) -> list[str]:
    def build() -> dict[str, list[str]]:
        reverse: dict[str, list[str]] = {}
        for name, hits in view.names.items():
            for _, target in hits:
                reverse.setdefault(target, []).append(name)
        return reverse

    return sorted(set(view.cached(("explorer", "names-of"), build).get(iri, ())),
                  key=len, reverse=True)


def _class_names(view, store, iri: str) -> list[str]:
    def build() -> list[str]:
        names = {normalize(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", iri.rsplit("#", 1)[-1]))}
        for row in store.query(f"SELECT ?l WHERE {{ <{iri}> rdfs:label|skos:altLabel ?l }}"):
            names.add(normalize(row["l"].value))
        return sorted(n for n in names if n)

    return view.cached(("explorer", "class-names", iri), build)


def _date_patterns(value: str) -> list[str]:
    parts = value.split("-")
    year = parts[0]
    pats = []
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = int(parts[1])
        names = "|".join(re.escape(m) for m in MONTHS[month]) + f"|0?{month}\\."
        if len(parts) == 3 and parts[2].isdigit():
            day = int(parts[2])
            pats += [rf"\b0?{day}\.?\s*(?:{names})\.?\s*{year}\b",
                     rf"\b(?:{names})\.?\s+0?{day}(?:st|nd|rd|th)?,?\s+{year}\b",
                     rf"\b{re.escape(value)}\b", rf"\b0?{day}\.0?{month}\.{year}\b"]
        pats.append(rf"\b(?:{names})\s+{year}\b")
    pats.append(rf"\b{year}\b")
    return pats


def spans(view, store, quote: str, fact: Fact) -> list[tuple[int, int]]:
    """The character ranges of ``quote`` that state ``fact`` (empty when none are found)."""
    if fact.property == str(EKG.signedOn) or fact.property == str(EKG.since):
        for pattern in _date_patterns(fact.value):
            found = [(m.start(), m.end()) for m in re.finditer(pattern, quote, re.I)]
            if found:
                return found
        return []
    if not fact.is_iri:
        return []
    names = (_class_names(view, store, fact.value) if fact.property == RDF_TYPE
             else _names_of(view, fact.value))
    tokens = _tokens(quote)
    taken: list[tuple[int, int]] = []
    for name in names:  # longest names first; a shorter one inside a longer match is skipped
        for start, end in _find_name(tokens, name):
            if not any(s <= start and end <= e for s, e in taken):
                taken.append((start, end))
    return sorted(taken)
