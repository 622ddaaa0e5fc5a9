"""Rules about the parties of agreements and stated cooperations, on invented sentences that the
case table (tests/data/extract/sentences.json) cannot express."""

from __future__ import annotations

import pytest

from kg.extract.analysis import Analysis
from kg.extract.document import make_document
from kg.extract.frames import _predicates, find_mentions
from kg.extract.gazetteer import load_gazetteer


def _analysis(text: str, lang: str) -> Analysis:
    return Analysis(make_document(text, language=lang, published="2024-05-10", name="t"), load_gazetteer())


@pytest.mark.parametrize("lang, text, word", [
    ("en", "Nordwind AG signed two contracts with Kappa Power. The ministry had first approved a plan for a "
           "route through Peru, and the Zeta Energy Agency later preferred another one.", "first"),
    ("de", "Die Nordwind AG unterzeichnete zwei Verträge mit der Kappa Power. Die Behörde hatte zweitens "
           "geprüft, ob die Zeta Energy AG die Leitung baut.", "zweitens"),
])
def test_ordinal_adverb_between_auxiliary_and_participle_is_no_agreement(lang, text, word):
    an = _analysis(text, lang)
    mentions = find_mentions(an, _predicates(an))
    assert not any(m.ordinal is not None and an.tokens[m.start].text == word for m in mentions)
