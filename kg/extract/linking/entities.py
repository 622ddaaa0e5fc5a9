"""What mentions are linked to: the person and organisation entities a document's linker builds, and
the gazetteer's persons and organisations indexed for look-up (cached per gazetteer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import Mention
from kg.extract.linking.words import squash, stem_key


_ORG_INDEX: dict[str, tuple] = {}
_PERSON_INDEX: dict[str, dict[tuple[int, str], list[tuple[str, str]]]] = {}
_ORG_KEYS_NEAR: dict[tuple[str, int], tuple[list[int], list[str]]] = {}


def person_index(gaz: Gazetteer) -> dict[tuple[int, str], list[tuple[str, str]]]:
    """The gazetteer's persons by their folded full names (two words or more), as (name, IRI) in
    the gazetteer's order, grouped by the shape a misspelling keeps (see
    ``PersonLinking._person_for``): the number of spaces in the name and the first letter of its
    last word. A name is compared only with the persons of its own group, not with every person."""
    key = gaz.sources_hash or str(id(gaz))
    if key not in _PERSON_INDEX:
        out: dict[tuple[int, str], list[tuple[str, str]]] = {}
        for words, entries in gaz.phrases.items():
            if len(words) >= 2:
                for iri, _, _ in entries:
                    if iri in gaz.entities and gaz.entities[iri].kind == "person":
                        label = " ".join(words)
                        out.setdefault(person_shape(label), []).append((label, iri))
        _PERSON_INDEX[key] = out
    return _PERSON_INDEX[key]


def person_shape(folded: str) -> tuple[int, str]:
    """The group of :func:`person_index` a folded name belongs to."""
    last = folded.split()
    return folded.count(" "), last[-1][:1] if last else ""


def org_index(gaz: Gazetteer) -> tuple[dict[str, str], dict[str, str], list[str], list[str]]:
    """Gazetteer organisations by squashed and by stemmed name, and the long keys for fuzzy matching."""
    cached = _ORG_INDEX.get(gaz.sources_hash or str(id(gaz)))
    if cached:
        return cached
    by_squash: dict[str, str] = {}
    by_stem: dict[str, str] = {}
    for words, entries in gaz.phrases.items():
        for iri, form, exact in entries:
            ent = gaz.entities.get(iri)
            if ent is None or ent.kind != "org" or exact is not None:
                continue
            key = squash(words)
            if len(key) >= 5:
                by_squash.setdefault(key, iri)
            if len(words) >= 2:
                by_stem.setdefault(stem_key(words), iri)
    long_keys = [k for k in by_squash if len(k) >= 12]
    _ORG_INDEX[gaz.sources_hash or str(id(gaz))] = cached = (by_squash, by_stem, long_keys, [by_squash[k] for k in long_keys])
    return cached


def org_keys_near(gaz: Gazetteer, length: int) -> tuple[list[int], list[str]]:
    """The long keys of :func:`org_index` (their positions there, and the keys) whose length lets
    ``fuzz.ratio`` with a key of ``length`` letters reach 92, in their order: the ratio is
    100 * (1 - d / (n + m)) for an edit distance d of at least |n - m|, so a key much longer or
    shorter can never reach it (one letter of slack). Cached per gazetteer and length."""
    key = (gaz.sources_hash or str(id(gaz)), length)
    near = _ORG_KEYS_NEAR.get(key)
    if near is None:
        long_keys = org_index(gaz)[2]
        positions = [k for k, other in enumerate(long_keys)
                     if abs(len(other) - length) <= 0.08 * (len(other) + length) + 1]
        near = _ORG_KEYS_NEAR[key] = (positions, [long_keys[k] for k in positions])
    return near


@dataclass
class PersonEntity:
    iri: str
    name: str
    role: str | None = None
    affiliation: str | None = None          # actor IRI
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class OrgEntity:
    iri: str
    name: str
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    known: bool = False
