"""Topics in text, from the labels of ontology/topics.ttl (interim version; see TopicMatcher)."""

from __future__ import annotations

import re

from kg.extract.gazetteer import Gazetteer
from kg.extract.tokens import fold

_CACHE: dict[str, "TopicMatcher"] = {}


class TopicMatcher:
    """Regular expressions over folded text for the topic labels.

    * every label as a whole phrase (with an inflection ending);
    * single-word German labels of six letters or more anywhere inside a word (compounds);
    * five-letter German labels as the first part of a longer compound;
    * lex:NotATopicCompound words never match by their parts.
    """

    def __new__(cls, gaz: Gazetteer):
        cached = _CACHE.get(gaz.sources_hash)
        if cached is not None:
            return cached
        self = super().__new__(cls)
        self._build(gaz)
        _CACHE[gaz.sources_hash] = self
        return self

    def _build(self, gaz: Gazetteer) -> None:
        labels: dict[str, str] = {}
        for words, entries in gaz.phrases.items():
            for iri, form, exact in entries:
                ent = gaz.entities.get(iri)
                if ent and ent.kind == "topic":
                    labels.setdefault(" ".join(words), iri)
        self.labels = labels
        exact = sorted(labels, key=len, reverse=True)
        self.rx_exact = re.compile(r"(?<![\w])(" + "|".join(re.escape(x) for x in exact) + r")(?:s|es|n|en)?(?![\w])")
        parts = sorted({lab for lab, _ in gaz.topic_compounds if len(lab) >= 6}, key=len, reverse=True)
        self.rx_part = re.compile("(" + "|".join(re.escape(x) for x in parts) + ")") if parts else None
        self.comp = {lab: iri for lab, iri in reversed(gaz.topic_compounds)}
        short = sorted({lab for lab, _ in gaz.topic_compounds if len(lab) == 5}, key=len, reverse=True)
        self.rx_prefix = re.compile(r"(?<![\w])(" + "|".join(re.escape(x) for x in short) + r")(?=\w{4,})") if short else None
        self.stop = sorted({" ".join(words) for words in gaz.lex_words("NotATopicCompound")}, key=len, reverse=True)

    def _in_stop(self, folded: str, pos: int) -> bool:
        b = pos
        while b > 0 and folded[b - 1].isalnum():
            b -= 1
        word = folded[b:b + 40]
        return any(word.startswith(w) for w in self.stop)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Topic IRIs in ``text`` with their character offsets, in text order."""
        folded = fold(text)
        found: list[tuple[str, int, int]] = []
        for m in self.rx_exact.finditer(folded):
            iri = self.labels.get(m.group(1))
            if iri:
                found.append((iri, m.start(), m.end()))
        if self.rx_part is not None:
            for m in self.rx_part.finditer(folded):
                iri = self.comp.get(m.group(1))
                if iri and not self._in_stop(folded, m.start()):
                    found.append((iri, m.start(), m.end()))
        if self.rx_prefix is not None:
            for m in self.rx_prefix.finditer(folded):
                iri = self.comp.get(m.group(1))
                if iri and not self._in_stop(folded, m.start()):
                    found.append((iri, m.start(), m.end()))
        found.sort(key=lambda x: x[1])
        return found


def annotation_topic(gaz: Gazetteer, iri: str) -> str:
    """The topic the annotation conventions use for ``iri`` (interim: the topic itself)."""
    return iri
