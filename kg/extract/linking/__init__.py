"""Persons and organizations from patterns, and linking of every mention to a stable entity.

:class:`Linker` does it for one document: ``find_persons`` finds the persons and links them to
person entities, then ``find_orgs`` the organizations, linked to organization entities
(``add_orgs`` links those the analysis finds later, around the predicates). What each rule finds
is described in :mod:`.persons` and :mod:`.orgs`, and in the docstrings of the methods.

IRIs: gazetteer and curated entities keep theirs; new persons get id:person/{slug}, new
organizations id:org/{slug} (slug of the written name).

:class:`Linker` is put together from one class per concept, each in its module. A class derives
from the classes whose methods it calls, and a module imports only those listed before it:

- :mod:`.words`: what the tagger's lexicon knows a word as (``word_class``), the keys names are
  compared by (``squash``, ``stem_key``), quote characters and the shapes of name words;
- :mod:`.entities`: ``PersonEntity`` and ``OrgEntity``, and the gazetteer indexed for look-up;
- :mod:`.lookups`: ``Lookups``, the document's tokens and mentions by position, the lexicon's word
  lists, and the look-ups every rule uses;
- :mod:`.name_words`: ``NameWords``, words and spans that can make a person's name;
- persons: :mod:`.person_linking` (``PersonLinking``), then :mod:`.persons` (``PersonFinder``,
  ``find_persons``);
- organizations: the tests of words (:mod:`.org_words`) and of runs of words (:mod:`.org_spans`),
  the rule families (:mod:`.german_names`, :mod:`.legal_forms`, :mod:`.place_names`,
  :mod:`.company_words`, :mod:`.spellings`, :mod:`.relations`), the linking (:mod:`.org_linking`),
  and :mod:`.orgs` (``OrgFinder``, ``find_orgs``, which runs them all);
- :mod:`.venue`: ``Venue``, an organization's name used for the building where something happens.
"""

from __future__ import annotations

from kg.extract.linking.words import (ACADEMIC_TITLES, _COMPANY_CAMEL, _NAME_WITH_BACKTICK, _squash, _stem_key,
                                      word_class)
from kg.extract.linking.persons import PersonFinder
from kg.extract.linking.orgs import OrgFinder
from kg.extract.linking.venue import Venue

# what kg.extract.analysis, mentions and roles, the tests and bench/bench_extract.py import from here
__all__ = ["ACADEMIC_TITLES", "Linker", "word_class", "_COMPANY_CAMEL", "_NAME_WITH_BACKTICK", "_squash", "_stem_key"]


class Linker(PersonFinder, OrgFinder, Venue):
    """Finds persons and organizations in one document and links them to entities."""
