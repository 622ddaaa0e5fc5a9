"""The gazetteer's word lists: every list a rule asks for is lexicon data, read once."""

from __future__ import annotations

import re
from pathlib import Path

from kg.extract import gazetteer as gz

EXTRACT = Path(gz.__file__).resolve().parent


def _asked_for() -> set[str]:
    """The categories the extractor's modules pass to ``Gazetteer.words``."""
    asked = set()
    for module in EXTRACT.glob("*.py"):
        asked |= set(re.findall(r'\.words\("(\w+)"\)', module.read_text(encoding="utf-8")))
    return asked


def test_every_word_list_a_rule_asks_for_is_listed_and_not_empty(gaz):
    asked = _asked_for()
    assert {"DefiniteDeterminer", "ReferringDeterminer", "RelativeStart", "PastAuxiliary",
            "ListCoordinator", "ChainCoordinator", "BylineWord", "GermanSubordinator", "RoleSkipWord"} <= asked
    assert asked <= gz.WORD_LISTS
    assert all(gaz.words(category) for category in asked)


def test_function_words_come_from_the_lexicon(gaz):
    assert {"the", "ihre", "seinem"} <= gaz.words("DefiniteDeterminer")
    assert {"those", "diesem"} <= gaz.words("ReferringDeterminer")
    assert "ihre" not in gaz.words("ReferringDeterminer")   # possessives: not a back-reference
    assert {"hatten", "had"} <= gaz.words("PastAuxiliary")
    assert gaz.words("PastAuxiliary") is gaz.words("PastAuxiliary")   # computed once
    assert {("on", "behalf", "of"), ("im", "beisein", "von")} <= gaz.word_lists["MultiWordPreposition"]
    assert "wahrend" in gaz.words("GermanSubordinator")   # folded, as tokens are


def test_no_organization_name_names_two_organizations(gaz):
    """A label or alias of one organization must not be a label or alias of another: the
    linker would merge the two (a parent taking its subsidiary's name, or one company listed
    twice under two ids). Resolve a conflict in ``seeds/gazetteer/organizations.ttl`` by
    keeping the name on the entity news means by it."""
    shared = {" ".join(words): sorted(orgs) for words, bucket in gaz.phrases.items()
              if len(orgs := {t for t, _, _ in bucket if gaz.entities[t].kind == "org"}) > 1}
    assert not shared


def test_no_organization_id_is_declared_twice():
    """Two entries under one id merge into one entity with two names and two home countries."""
    text = (gz.REPO / "seeds" / "gazetteer" / "organizations.ttl").read_text(encoding="utf-8")
    ids = re.findall(r"^(org:[\w.-]+) a ekg:Organization", text, re.M)
    assert len(ids) > 500   # the pattern still reads the file's entries
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
