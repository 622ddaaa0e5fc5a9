"""Document structure (kg.extract.structure) on invented texts: datelines."""

from __future__ import annotations

import pytest

from kg.extract.analysis import Analysis
from kg.extract.document import make_document


def _structure(text: str, lang: str, gaz):
    return Analysis(make_document(text, language=lang), gaz).structure


@pytest.mark.parametrize(("lang", "text", "place"), [
    ("en", "DUBAI, UNITED ARAB EMIRATES (4 December 2023) – Peru and Chile signed a deal.", "DUBAI"),
    ("en", "Lima, Peru – Peru and Chile signed a hydrogen agreement.", "Lima"),
    ("de", "KIEL, 2. Februar 2021 – Die Partner unterschrieben den Vertrag.", "KIEL"),
    # an agency in brackets in lower case, alone or with a second one
    ("de", "Lima (dpa) – Peru und Chile haben eine Absichtserklärung unterzeichnet.", "Lima"),
    ("de", "Bern (sda/afp) - Die Schweiz und Italien schlossen ein Abkommen.", "Bern"),
    ("de", "Wien (apa) – Der Versorger unterzeichnete einen Liefervertrag.", "Vienna"),   # the place by its English label
    ("en", "Oslo (afp) – Norway and Poland signed a memorandum on gas.", "Oslo"),
])
def test_dateline_before_a_dash(lang, text, place, gaz):
    st = _structure(text, lang, gaz)
    assert st.dateline is not None and st.dateline[0] == place


@pytest.mark.parametrize(("lang", "text"), [
    # a long run of capitalised words before a dash is a sentence in title case, not a dateline
    ("en", "Peru And Chile Sign The Andes Hydrogen Accord In Lima After Two Days Of Talks – The ministers met."),
    ("de", "Peru Und Chile Unterzeichnen In Lima Nach Zwei Tagen Zäher Gespräche Ein Neues Wasserstoff Abkommen "
           "– Die Minister trafen sich."),
    # lower-case words outside brackets still make a sentence, not a dateline
    ("de", "Lima und die Regierung – so hieß es – unterzeichneten das Abkommen."),
])
def test_a_long_capitalised_opening_is_no_dateline(lang, text, gaz):
    st = _structure(text, lang, gaz)
    assert st.dateline is None and not st.skip
