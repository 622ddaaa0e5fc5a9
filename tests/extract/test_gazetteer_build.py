"""The generator of the country and region gazetteers: its tables are data in
``seeds/gazetteer/source/``, and the regions it writes carry the forms the press names them by."""

from __future__ import annotations

import pytest

from kg.extract import gazetteer_build as gb


@pytest.fixture(scope="module")
def kinds():
    return gb.read_region_kinds()


@pytest.fixture(scope="module")
def regions():
    """The regions as the generator builds them (country names as ``main`` passes them)."""
    countries = gb.build_countries()
    names = {e.label_en.lower() for e in countries} | {e.label_de.lower() for e in countries}
    names |= {t.lower() for e in countries for t, _ in e.alt}
    names |= {c.lower() for e in countries for cap in e.capitals for c in cap}
    return {e.key: e for e in gb.build_regions(names)}


def test_every_row_of_region_kinds_is_usable(kinds):
    assert {"DE", "AT", "RU", "VN"} <= set(kinds)
    for country, by_type in kinds.items():
        for kind, naming in by_type.items():
            forms = naming.forms_en + naming.forms_de
            assert all("{name}" in form for form in forms), (country, kind)
            if naming.naming == "kind":   # its first forms are the labels
                assert naming.forms_en and naming.forms_de, (country, kind)


def test_russia_names_its_regions_by_their_kind(kinds):
    assert "Republic of {name}" in kinds["RU"]["Republic"].forms_en
    assert "{name} Oblast" in kinds["RU"]["Administrative region"].forms_en
    assert "{name} Oblast" not in kinds["RU"]["Republic"].forms_en


@pytest.mark.parametrize("code, label_en, written", [
    ("AT-5", "Salzburg (state)", {("Land Salzburg", "de"), ("state of Salzburg", "en")}),
    ("CH-ZH", "Zurich (canton)", {("Kanton Zürich", "de"), ("canton of Zurich", "en")}),
    ("TH-21", "Rayong Province", {("Provinz Rayong", "de"), ("province of Rayong", "en")}),
    ("JP-01", "Hokkaido Prefecture", {("Präfektur Hokkaido", "de"), ("Hokkaido prefecture", "en")}),
])
def test_a_region_is_written_in_the_forms_of_its_kind(regions, code, label_en, written):
    entry = regions[code]
    assert entry.label_en == label_en
    assert written <= entry.alt | {(entry.label_en, "en"), (entry.label_de, "de")}


def test_a_region_named_like_a_city_is_found_only_with_its_kind_word(regions):
    assert ("Salzburg", "en") not in regions["AT-5"].alt
    assert ("Rayong", "en") not in regions["TH-21"].alt


def test_a_region_newer_than_pycountry_comes_from_the_supplement(regions):
    assert any(e.label_en == "Finnmark" and e.part_of == "NO" for e in regions.values())
