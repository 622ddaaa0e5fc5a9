"""What mentions are linked to: the person and organisation entities a document's linker builds, and
the gazetteer's persons and organisations indexed for look-up (cached per gazetteer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions import Mention
from kg.extract.linking.words import squash, stem_key


_ORG_INDEX: dict[str, tuple] = {}
_PERSON_INDEX: dict[str, list[tuple[str, str]]] = {}


def person_index(gaz: Gazetteer) -> list[tuple[str, str]]:
    """The gazetteer's persons by their folded full names (two words or more)."""
    key = gaz.sources_hash or str(id(gaz))
    if key not in _PERSON_INDEX:
        out = []
        for words, entries in gaz.phrases.items():
            if len(words) >= 2:
                for iri, _, _ in entries:
                    if iri in gaz.entities and gaz.entities[iri].kind == "person":
                        out.append((" ".join(words), iri))
        _PERSON_INDEX[key] = out
    return _PERSON_INDEX[key]


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
