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
