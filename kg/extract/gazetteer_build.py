"""Generate the country and region gazetteers (``seeds/gazetteer/*.ttl``).

Run ``python -m kg.extract.gazetteer_build [--out DIR]``. The output is committed; rerun
it when pycountry, Babel or the hand-written supplements in ``seeds/gazetteer/source/``
change. The sources are:

* pycountry (ISO 3166-1 names, official names, common names; ISO 3166-2 subdivisions),
* Babel/CLDR territory names in English and German,
* ``historic-countries.tsv``: former states (Soviet Union, Yugoslavia, …) that older agreements name,
* ``country-labels.tsv``: English display labels where CLDR's short form is a disambiguation
  ("Congo - Kinshasa") or writes '&',
* ``countries-supplement.tsv``: German adjective stems, English adjectives, capitals,
  common short names ("USA", "Südkorea") and inflected multi-word names,
* ``nationality-nouns.tsv``: German and English nouns for a country's citizens ("Bulgare",
  "Frenchman"), written as ``lex:nationalityNoun`` (singular), ``lex:nationalityPlural`` and
  ``lex:nationalityNounBare`` (Norweger: of both numbers),
* ``combining-forms.tsv``: the first parts of compound adjectives that pair countries
  ("Sino-Russian", "Indo-German"), written as ``lex:combiningForm``,
* ``regions-supplement.tsv``: English and German names of sub-national regions where
  pycountry gives only the local name; for the countries of ``NAMED_BY_SUPPLEMENT`` every name
  of a region (pycountry gives only the code and the kind), with the forms of its kind
  (``REGION_FORMS``, ``RU_FORMS``) built around the bare name; the provinces of the countries of
  ``NAMED_BY_KIND`` are named from pycountry with their kind word only ("Rayong Province").

German adjective stems are declined here (russisch -> russische, russischen, ...), so the
Turtle holds every surface form the extractor looks for. Adjectives are written as
``skos:hiddenLabel`` (they name the entity in text but are not display names).
"""

from __future__ import annotations

import argparse
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pycountry
from babel import Locale

from kg.namespaces import slugify

REPO = Path(__file__).resolve().parents[2]
GAZETTEER_DIR = REPO / "seeds" / "gazetteer"
SOURCE_DIR = GAZETTEER_DIR / "source"

GERMAN_ENDINGS = ("", "e", "en", "er", "es", "em")

# Subdivision types that count as sub-national regions, per country.
REGION_TYPES = {
    "DE": {"Land"},
    "JP": {"Prefecture"},
    "CA": {"Province", "Territory"},
    "US": {"State", "District"},
    "NL": {"Province"},
    "CN": {"Province", "Autonomous region", "Municipality", "Special administrative region"},
    "PL": {"Voivodship", "Voivodeship"},
    "AU": {"State", "Territory"},
    "IN": {"State", "Union territory"},
    "GB": {"Country", "Province"},
    "MX": {"State"},
    # named only by regions-supplement.tsv (see NAMED_BY_SUPPLEMENT)
    "AT": {"State"},
    "CH": {"Canton"},
    "FR": {"Metropolitan region", "Metropolitan collectivity with special status"},
    "IT": {"Region", "Autonomous region", "Autonomous province"},
    "ES": {"Autonomous community"},
    "BE": {"Region"},
    "BR": {"State"},
    "AR": {"Province"},
    "CL": {"Region"},
    "ZA": {"Province"},
    "NG": {"State"},
    "ID": {"Province", "Special region"},
    "KZ": {"Region"},
    "RU": {"Administrative territory", "Administrative region", "Republic", "Autonomous district",
           "Autonomous region"},
    "UA": {"Region", "Republic"},
    "NO": {"County"},
    "KR": {"Province", "Special self-governing province"},
    "SA": {"Region"},
    "AE": {"Emirate"},
    "MY": {"State"},
    "IQ": {"Region"},
    "DK": {"Region"},
    "SE": {"County"},
    "FI": {"Region"},
    "PT": {"Autonomous region"},
    "PK": {"Province"},
    "OM": {"Governorate"},
    "MA": {"Region"},
    "CZ": {"Region"},
    # named by their kind alone (see NAMED_BY_KIND)
    "VN": {"Province"},
    "TH": {"Province"},
}
# Countries whose provinces the press names with their kind word ("Ninh Thuan province", "Rayong
# Province"), the bare name being mostly the province's capital town: pycountry's name, without
# its diacritics, is found only in those forms (labelled like China's: "Rayong Province").
NAMED_BY_KIND = {"VN": ("Province", "Provinz"), "TH": ("Province", "Provinz")}
# How the press names a region by its kind, around its bare name ({en}, {de}: the label without its
# kind word or parenthesis, see designated_base). A label written with "(...)" is ambiguous on its
# own (a city, a word): only these forms and the supplement's extra names find it.
REGION_FORMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "AT": (("State of {en}", "state of {en}", "province of {en}"), ("Land {de}", "Bundesland {de}", "Landes {de}")),
    "CH": (("Canton of {en}", "canton of {en}", "{en} canton"), ("Kanton {de}", "Kantons {de}")),
    "FR": (("{en} region",), ("Region {de}",)),
    "IT": (("{en} region", "Region of {en}", "region of {en}"), ("Region {de}",)),
    "ES": (("{en} region", "Region of {en}", "region of {en}"), ("Region {de}",)),
    "BE": ((), ()),
    "BR": (("{en} state", "State of {en}", "state of {en}"), ("Bundesstaat {de}", "Bundesstaats {de}")),
    "AR": (("{en} province", "Province of {en}", "province of {en}"), ("Provinz {de}",)),
    "CL": (("{en} Region", "{en} region", "Region of {en}", "region of {en}"), ("Region {de}",)),
    "ZA": (("{en} province", "{en} Province", "Province of {en}", "province of {en}"), ("Provinz {de}",)),
    "NG": (("{en} State", "{en} state"), ("Bundesstaat {de}", "Bundesstaats {de}")),
    "ID": (("{en} province", "{en} Province", "Province of {en}", "province of {en}"), ("Provinz {de}",)),
    "KZ": (("{en} Region", "{en} region", "{en} Oblast", "{en} oblast"), ("Gebiet {de}", "Oblast {de}", "Region {de}")),
    "UA": (("{en} Oblast", "{en} oblast", "{en} Region", "{en} region"), ("Oblast {de}", "Gebiet {de}")),
    "NO": (("{en} county", "{en} County"), ("Provinz {de}", "Fylke {de}")),
    "KR": (("{en} Province", "{en} province"), ("Provinz {de}",)),
    "SA": ((), ()),
    "AE": (("Emirate of {en}", "emirate of {en}", "{en} emirate"), ("Emirat {de}", "Emirats {de}")),
    "MY": (("{en} state", "State of {en}", "state of {en}"), ("Bundesstaat {de}",)),
    "IQ": ((), ()),
    "DK": ((), ()),
    "SE": (("{en} County", "{en} county"), ("Provinz {de}",)),
    "FI": (("{en} region",), ("Region {de}", "Landschaft {de}")),
    "PT": ((), ()),
    "PK": (("{en} province", "{en} Province", "Province of {en}", "province of {en}"), ("Provinz {de}",)),
    "OM": (("{en} Governorate", "{en} governorate"), ("Gouvernement {de}",)),
    "MA": (("{en} region", "{en} Region"), ("Region {de}",)),
    "CZ": (("{en} region", "{en} Region"), ()),
}
# Russia's federal subjects are named by their kind (pycountry's subdivision type).
RU_FORMS = {
    "Administrative region": (("{en} Oblast", "{en} oblast", "{en} Region", "{en} region"), ("Oblast {de}", "Gebiet {de}")),
    "Administrative territory": (("{en} Krai", "{en} krai", "{en} Territory", "{en} Region", "{en} region"),
                                 ("Region {de}", "Krai {de}", "Kraj {de}")),
    "Republic": (("Republic of {en}",), ("Republik {de}",)),
    "Autonomous district": (("{en} Autonomous Okrug", "{en} Autonomous District", "{en} autonomous district"),
                            ("Autonomer Kreis {de}", "Autonome Kreis {de}", "Autonomen Kreis {de}",
                             "Autonomen Kreises {de}", "Autonomer Bezirk {de}")),
    "Autonomous region": (("{en} Autonomous Oblast", "{en} Autonomous Region"), ("Autonome Oblast {de}",)),
}
# Countries whose regions take their names from regions-supplement.tsv alone (those of REGION_FORMS,
# and Russia, whose forms go by the kind of region: RU_FORMS): pycountry's local name ("Moskovskaya
# oblast'", "Dubayy") is no name the press writes, and many bare names are also a city, a river or
# a word (Lagos, Delta, Zug, Acre). Every region of these countries needs
# a supplement row; one whose row is missing is left out (a city with the status of a region:
# Paris, Lyon, Moscow, Kyiv, Buenos Aires, Astana).
NAMED_BY_SUPPLEMENT = set(REGION_FORMS) | {"RU"}
# Kind words a label carries, stripped to get the bare name the forms above are built on.
KIND_SUFFIXES_EN = (" Autonomous Okrug", " Autonomous Oblast", " Oblast", " Krai", " Region", " Province",
                    " State", " County", " Governorate")
KIND_PREFIXES_DE = ("Autonomer Kreis ", "Autonome Oblast ", "Oblast ", "Gebiet ", "Region ", "Provinz ",
                    "Kanton ", "Bundesstaat ", "Emirat ", "Republik ", "Krai ", "Gouvernement ")
# Name parts pycountry appends to Chinese subdivisions, and what they mean.
CN_SUFFIXES = {
    " Sheng": ("Province", "Provinz"),
    " Zizhiqu": ("Autonomous Region", "Autonome Region"),
    " Shi": ("", ""),
    " Tebiexingzhengqu": ("", ""),
}


@dataclass
class Entry:
    iri_kind: str
    key: str
    label_en: str
    label_de: str
    alt: set[tuple[str, str]] = field(default_factory=set)      # (text, lang)
    hidden: set[tuple[str, str]] = field(default_factory=set)   # adjectives
    nouns: set[tuple[str, str]] = field(default_factory=set)    # nationality nouns: a citizen (Bulgare, Frenchman)
    plurals: set[tuple[str, str]] = field(default_factory=set)  # their plurals (Bulgaren, Norwegians)
    bare: set[tuple[str, str]] = field(default_factory=set)     # of both numbers (Norweger)
    combining: set[tuple[str, str]] = field(default_factory=set)  # first parts of a compound adjective (Sino-)
    capitals: list[tuple[str, str]] = field(default_factory=list)  # (en, de)
    part_of: str | None = None


def ascii_fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c))


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        rows.append(cells)
    return rows


def values(cell: str | None) -> list[str]:
    if not cell or cell == "-":
        return []
    return [v.strip() for v in cell.split(";") if v.strip()]


def declined(stem: str) -> list[str]:
    """The declension forms of a German adjective stem ('=X' is invariant)."""
    if stem.startswith("="):
        return [stem[1:]]
    return [stem + ending for ending in GERMAN_ENDINGS]


def german_bare_nouns(masculine: str) -> list[str]:
    """A nationality noun in -er of both numbers ("der Norweger", "die Norweger"), written like the
    invariant adjectives (Schweizer): lex:nationalityNounBare, trusted only right before a name."""
    return [masculine] if masculine.endswith("er") else []


def german_nationality_nouns(masculine: str, feminine: str | None) -> tuple[list[str], list[str]]:
    """The singular and plural forms of a German nationality noun: a noun in -e is weak (Bulgare;
    Bulgaren, Bulgarin, Bulgarinnen), one in -er keeps its plural (Norweger, Norwegers, Norwegerin;
    Norweger, Norwegern: the form of both numbers counts as plural), one in -i takes -s (Israeli,
    Israelis), any other is weak (Jemenit, Jemeniten)."""
    if masculine.endswith("e"):
        singular, plural, fem = [masculine], [masculine + "n"], masculine[:-1] + "in"
    elif masculine.endswith("er"):
        singular, plural, fem = [masculine + "s"], [masculine + "n"], masculine + "in"
    elif masculine.endswith("i"):
        singular, plural, fem = [masculine], [masculine + "s"], masculine + "n"
    else:
        singular, plural, fem = [masculine], [masculine + "en"], masculine + "in"
    fem = feminine or fem
    return singular + [fem], plural + [fem + "nen"]


def english_nationality_nouns(adjectives: list[str], nouns: list[str]) -> tuple[list[str], list[str]]:
    """The singular and plural English nouns: the listed ones (a plural ends in -s or -men) and
    the adjectives in -an or -i, which are nouns too (Norwegian, Norwegians; Emirati, Emiratis)."""
    singular = [n for n in nouns if not n.endswith(("s", "men"))]
    plural = [n for n in nouns if n.endswith(("s", "men"))]
    for adj in adjectives:
        if adj.isalpha() and not adj.isupper() and (adj.endswith("an") or adj.endswith("i")):
            singular.append(adj)
            plural.append(adj + "s")
    return singular, plural


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_countries() -> list[Entry]:
    en, de = Locale("en"), Locale("de")
    entries: dict[str, Entry] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        label_en = en.territories.get(code) or getattr(country, "common_name", None) or country.name
        label_de = de.territories.get(code) or label_en
        written = label_en
        label_en = label_en.replace(" & ", " and ")   # CLDR's "Bosnia & Herzegovina": the usual English name
        entry = Entry("country", code, label_en, label_de)
        if written != label_en:
            entry.alt.add((written, "en"))
        for name in (country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None)):
            if name:
                entry.alt.add((name, "en"))
        entries[code] = entry
    if "XK" not in entries:
        entries["XK"] = Entry("country", "XK", en.territories["XK"], de.territories["XK"])
    for row in read_tsv(SOURCE_DIR / "historic-countries.tsv"):   # former states (their former alpha-2 codes)
        row += ["-"] * (5 - len(row))
        code, label_en, label_de, extra_en, extra_de = row[:5]
        entry = Entry("country", code, label_en, label_de)
        entry.alt.update((name, "en") for name in values(extra_en))
        entry.alt.update((name, "de") for name in values(extra_de))
        entries[code] = entry
    for row in read_tsv(SOURCE_DIR / "countries-supplement.tsv"):
        row += ["-"] * (7 - len(row))
        code, de_adj, en_adj, cap_en, cap_de, extra_de, extra_en = row[:7]
        entry = entries[code]
        for stem in values(de_adj):
            for form in declined(stem):
                entry.hidden.add((form, "de"))
        for adj in values(en_adj):
            entry.hidden.add((adj, "en"))
        caps_en, caps_de = values(cap_en), values(cap_de)
        for i, cap in enumerate(caps_en):
            entry.capitals.append((cap, caps_de[i] if i < len(caps_de) else cap))
        for name in values(extra_de):
            entry.alt.add((name, "de"))
        for name in values(extra_en):
            entry.alt.add((name, "en"))
    for row in read_tsv(SOURCE_DIR / "nationality-nouns.tsv"):   # the citizens' nouns
        row += ["-"] * (4 - len(row))
        code, de_masc, de_fem, en_nouns = row[:4]
        entry = entries[code]
        fem = values(de_fem)
        for i, masc in enumerate(values(de_masc)):
            singular, plural = german_nationality_nouns(masc, fem[i] if i < len(fem) else None)
            entry.nouns.update((form, "de") for form in singular)
            entry.plurals.update((form, "de") for form in plural)
            entry.bare.update((form, "de") for form in german_bare_nouns(masc))
        singular, plural = english_nationality_nouns([t for t, lang in entry.hidden if lang == "en"], values(en_nouns))
        entry.nouns.update((form, "en") for form in singular)
        entry.plurals.update((form, "en") for form in plural)
    for row in read_tsv(SOURCE_DIR / "combining-forms.tsv"):   # Sino-Russian, Indo-German
        code, forms = row[:2]
        entries[code].combining.update((form, "") for form in values(forms))
    for row in read_tsv(SOURCE_DIR / "country-labels.tsv"):   # display labels instead of CLDR's short forms
        code, label_en = row[:2]
        entry = entries[code]
        entry.alt.add((entry.label_en, "en"))
        entry.label_en = label_en
    for entry in entries.values():
        entry.alt.discard((entry.label_en, "en"))
        entry.alt.discard((entry.label_de, "de"))
        folded = ascii_fold(entry.label_en)
        if folded != entry.label_en:
            entry.alt.add((folded, "en"))
    return sorted(entries.values(), key=lambda e: e.key)


def region_base_name(code: str, name: str) -> tuple[str, str, str]:
    """(base name, English label, German label) of a pycountry subdivision."""
    country = code.split("-")[0]
    base = name
    if country == "CN":
        for suffix, (en_word, de_word) in CN_SUFFIXES.items():
            if name.endswith(suffix):
                base = name[: -len(suffix)]
                return (base, f"{base} {en_word}".strip(),
                        f"{de_word} {base}".strip() if de_word else base)
    if country == "JP":
        base = ascii_fold(name).replace("ô", "o").replace("û", "u")
        return base, f"{base} Prefecture", f"Präfektur {base}"
    return base, base, base


def build_regions(country_names: set[str]) -> list[Entry]:
    supplement = {row[0]: row + ["-"] * (7 - len(row)) for row in read_tsv(SOURCE_DIR / "regions-supplement.tsv")}
    entries = []
    for country, types in REGION_TYPES.items():
        for sub in pycountry.subdivisions.get(country_code=country):
            if sub.type not in types:
                continue
            if country in NAMED_BY_KIND:
                entries.append(kind_named_region(sub))
                continue
            if country in NAMED_BY_SUPPLEMENT:
                row = supplement.get(sub.code)
                if row:
                    entries.append(supplement_region(sub, row[:7], country_names))
                continue
            base, label_en, label_de = region_base_name(sub.code, sub.name)
            entry = Entry("region", sub.code, label_en, label_de, part_of=country)
            for form in {sub.name, base, ascii_fold(sub.name), ascii_fold(base)}:
                if form.lower() not in country_names:
                    entry.alt.add((form, "en"))
                    entry.alt.add((form, "de"))
            if country == "JP":
                entry.alt |= {(f"{base} prefecture", "en"), (f"Präfektur {base}", "de"),
                              (f"Provinz {base}", "de")}
            if country == "CN":
                entry.alt |= {(f"{base} province", "en"), (f"Provinz {base}", "de")}
            if country == "NL":
                entry.alt |= {(f"Provinz {base}", "de"), (f"Province of {base}", "en")}
            row = supplement.get(sub.code)
            if row:
                _, s_en, s_de, x_en, x_de, adj_de, adj_en = row[:7]
                if s_en != "-":
                    entry.label_en = s_en
                if s_de != "-":
                    entry.label_de = s_de
                add_supplement_names(entry, x_en, x_de, adj_de, adj_en)
                if "(" in entry.label_en:  # ambiguous bare name (Washington, Georgia, Berlin)
                    entry.alt = {(t, lang) for t, lang in entry.alt if t != base}
            entry.alt.discard((entry.label_en, "en"))
            entry.alt.discard((entry.label_de, "de"))
            entries.append(entry)
    entries += newer_regions(supplement, country_names)
    return sorted(entries, key=lambda e: e.key)


def add_supplement_names(entry: Entry, x_en: str, x_de: str, adj_de: str, adj_en: str) -> None:
    """A supplement row's extra names (either language's match texts of both) and adjectives (the
    German ones from their stem, declined) added to a region's entry."""
    entry.alt |= {(v, "en") for v in values(x_en)} | {(v, "de") for v in values(x_de)}
    for stem in values(adj_de):
        entry.hidden |= {(f, "de") for f in declined(stem)}
    entry.hidden |= {(v, "en") for v in values(adj_en)}


def newer_regions(supplement: dict[str, list[str]], country_names: set[str]) -> list[Entry]:
    """Regions of a NAMED_BY_SUPPLEMENT country that are newer than pycountry's ISO 3166-2 data
    (Norway's counties of 2024: Østfold, Akershus, Buskerud, Vestfold, Telemark, Troms, Finnmark):
    a supplement row whose code pycountry lacks, of the country's first region type. The older
    regions they replace stay, for older texts."""
    known = {sub.code for country in NAMED_BY_SUPPLEMENT for sub in pycountry.subdivisions.get(country_code=country)}
    out = []
    for code, row in supplement.items():
        country = code.split("-")[0]
        if code in known or country not in NAMED_BY_SUPPLEMENT:   # (each of them has its REGION_TYPES)
            continue
        sub = SimpleNamespace(code=code, country_code=country, type=sorted(REGION_TYPES[country])[0])
        out.append(supplement_region(sub, row[:7], country_names))
    return out


def designated_base(label: str, lang: str) -> str:
    """The bare name of a supplement label, without its kind word or parenthesis: "Moscow Oblast"
    -> "Moscow", "Gebiet Moskau" -> "Moskau", "Salzburg (state)" -> "Salzburg", "Tatarstan" -> "Tatarstan"."""
    if "(" in label:
        return label.split("(")[0].strip()
    if lang == "en":
        for suffix in KIND_SUFFIXES_EN:
            if label.endswith(suffix) and len(label) > len(suffix):
                return label[: -len(suffix)]
    else:
        for prefix in KIND_PREFIXES_DE:
            if label.startswith(prefix) and len(label) > len(prefix):
                return label[len(prefix):]
    return label


def kind_named_region(sub) -> Entry:
    """A province of a NAMED_BY_KIND country: "X Province", "X province", "province of X",
    "Provinz X", with X written as in pycountry and without diacritics (Đ as D)."""
    kind_en, kind_de = NAMED_BY_KIND[sub.country_code]
    plain = ascii_fold(sub.name.replace("Đ", "D").replace("đ", "d"))
    written = {sub.name, plain}
    entry = Entry("region", sub.code, f"{plain} {kind_en}", f"{kind_de} {plain}", part_of=sub.country_code)
    for name in written:
        entry.alt |= {(f"{name} {kind_en}", "en"), (f"{name} {kind_en.lower()}", "en"),
                      (f"{kind_en} of {name}", "en"), (f"{kind_en.lower()} of {name}", "en"),
                      (f"{kind_de} {name}", "de")}
    entry.alt.discard((entry.label_en, "en"))
    entry.alt.discard((entry.label_de, "de"))
    return entry


def supplement_region(sub, row: list[str], country_names: set[str]) -> Entry:
    """A region of a NAMED_BY_SUPPLEMENT country: its labels, the forms of REGION_FORMS (or
    RU_FORMS) around its bare names, the row's extra names and adjectives. A bare name that is a
    country's name or a capital must be written with "(...)" in the supplement."""
    code, label_en, label_de, x_en, x_de, adj_de, adj_en = row   # (names of either language match texts of both)
    country = sub.country_code
    if label_en == "-" or label_de == "-":
        raise ValueError(f"regions-supplement.tsv: {code} needs an English and a German label")
    for label in (label_en, label_de):
        if "(" not in label and label.lower() in country_names:
            raise ValueError(f"regions-supplement.tsv: {code}'s label {label!r} names a country or capital;"
                             " write it with '(...)'")
    entry = Entry("region", code, label_en, label_de, part_of=country)
    forms_en, forms_de = RU_FORMS[sub.type] if country == "RU" else REGION_FORMS[country]
    base_en = designated_base(label_en, "en")
    base_de = designated_base(label_de, "de")
    entry.alt |= {(f.format(en=base_en), "en") for f in forms_en}
    entry.alt |= {(f.format(de=base_de), "de") for f in forms_de}
    add_supplement_names(entry, x_en, x_de, adj_de, adj_en)
    bad = {t for t, _ in entry.alt if "(" not in t and t.lower() in country_names}
    if bad:
        raise ValueError(f"regions-supplement.tsv: {code}'s names {sorted(bad)} name a country or capital")
    entry.alt.discard((entry.label_en, "en"))
    entry.alt.discard((entry.label_de, "de"))
    return entry


PREFIXES = """@prefix ekg: <https://w3id.org/energy-kg/ontology#> .
@prefix country: <https://w3id.org/energy-kg/id/country/> .
@prefix region: <https://w3id.org/energy-kg/id/region/> .
@prefix place: <https://w3id.org/energy-kg/id/place/> .
@prefix lex: <https://w3id.org/energy-kg/lexicon/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def to_turtle(entries: list[Entry], header: str) -> str:
    out = [f"# {line}".rstrip() for line in header.splitlines()] + ["", PREFIXES]
    places: dict[str, list[str]] = {}
    for e in entries:
        cls = "ekg:Country" if e.iri_kind == "country" else "ekg:Region"
        lines = [f"{e.iri_kind}:{e.key} a {cls} ;",
                 f"    rdfs:label {quote(e.label_en)}@en" + (f" , {quote(e.label_de)}@de" if e.label_de else "") + " ;",
                 f"    ekg:isoCode {quote(e.key)}"]
        if e.part_of:
            lines[-1] += " ;"
            lines.append(f"    ekg:partOf country:{e.part_of}")
        for prop, labels in (("skos:altLabel", e.alt), ("skos:hiddenLabel", e.hidden),
                             ("lex:nationalityNoun", e.nouns), ("lex:nationalityPlural", e.plurals),
                             ("lex:nationalityNounBare", e.bare), ("lex:combiningForm", e.combining)):
            if labels:
                lines[-1] += " ;"
                lines.append(f"    {prop} " + " , ".join(f"{quote(t)}" + (f"@{lang}" if lang else "")
                                                       for t, lang in sorted(labels)))
        out.append("\n".join(lines) + " .\n")
        for cap_en, cap_de in e.capitals:
            slug = slugify(cap_en)
            if slug in places:
                continue
            place = [f"place:{slug} a ekg:Place ;",
                     f"    rdfs:label {quote(cap_en)}@en" + (f" , {quote(cap_de)}@de" if cap_de != cap_en else "") + " ;"]
            alts = {ascii_fold(cap_en), ascii_fold(cap_de)} - {cap_en, cap_de}
            if alts:
                place.append("    skos:altLabel " + " , ".join(f"{quote(a)}" for a in sorted(alts)) + " ;")
            place.append(f"    ekg:locatedIn country:{e.key} ;")
            place.append(f"    lex:capitalOf country:{e.key} .")
            places[slug] = place
    if places:
        out.append("# Capitals: places of signing, and metonyms for their state.\n")
        out += ["\n".join(p) + "\n" for p in places.values()]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GAZETTEER_DIR, help="output directory")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    countries = build_countries()
    note = ("Generated by `python -m kg.extract.gazetteer_build` from pycountry, Babel/CLDR and\n"
            "seeds/gazetteer/source/*.tsv. Do not edit by hand: edit the sources and regenerate.")
    (args.out / "countries.ttl").write_text(
        to_turtle(countries, "Countries: names in English and German, adjectives, capitals.\n" + note),
        encoding="utf-8")
    names = {e.label_en.lower() for e in countries} | {e.label_de.lower() for e in countries}
    names |= {t.lower() for e in countries for t, _ in e.alt}
    names |= {c.lower() for e in countries for cap in e.capitals for c in cap}
    regions = build_regions(names)
    (args.out / "regions.ttl").write_text(
        to_turtle(regions, "Sub-national regions (ISO 3166-2) with English and German names.\n" + note),
        encoding="utf-8")
    print(f"{len(countries)} countries, {len(regions)} regions -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
