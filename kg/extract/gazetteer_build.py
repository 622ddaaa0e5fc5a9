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
* ``region-kinds.tsv``: which ISO 3166-2 subdivision types of which countries are regions, where
  their names come from (pycountry, the supplement alone, or pycountry with the kind word only:
  "Rayong Province"), and the forms the press builds around a bare name ("Land {name}",
  "{name} Oblast"),
* ``regions-supplement.tsv``: English and German names of sub-national regions where
  pycountry gives only the local name, and every name of a region of the countries that
  ``region-kinds.tsv`` names by the supplement (pycountry gives only the code and the kind).

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


@dataclass(frozen=True)
class RegionNaming:
    """How the regions of one subdivision type of one country are named: a row of
    ``region-kinds.tsv``. ``naming`` is "pycountry", "supplement" or "kind" (see the file's
    header); the forms are templates around a region's bare name ("Land {name}")."""
    naming: str
    forms_en: tuple[str, ...]
    forms_de: tuple[str, ...]


def read_region_kinds(path: Path | None = None) -> dict[str, dict[str, RegionNaming]]:
    """country code -> subdivision type -> its RegionNaming, from ``region-kinds.tsv``."""
    table: dict[str, dict[str, RegionNaming]] = {}
    for row in read_tsv(path or SOURCE_DIR / "region-kinds.tsv"):
        country, types, naming, forms_en, forms_de = row + ["-"] * (5 - len(row))
        if naming not in ("pycountry", "supplement", "kind"):
            raise ValueError(f"region-kinds.tsv: {country}: unknown naming {naming!r}")
        for kind in values(types):
            table.setdefault(country, {})[kind] = RegionNaming(naming, tuple(values(forms_en)),
                                                               tuple(values(forms_de)))
    return table


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
    """Every region of the subdivision types ``region-kinds.tsv`` lists, named as its row says."""
    kinds = read_region_kinds()
    supplement = {row[0]: row + ["-"] * (7 - len(row)) for row in read_tsv(SOURCE_DIR / "regions-supplement.tsv")}
    entries = []
    for country, by_type in kinds.items():
        for sub in pycountry.subdivisions.get(country_code=country):
            naming = by_type.get(sub.type)
            if naming is None:
                continue
            if naming.naming == "kind":
                entries.append(kind_named_region(sub, naming))
                continue
            if naming.naming == "supplement":
                row = supplement.get(sub.code)
                if row:
                    entries.append(supplement_region(sub, naming, row[:7], country_names))
                continue
            base, label_en, label_de = region_base_name(sub.code, sub.name)
            entry = Entry("region", sub.code, label_en, label_de, part_of=country)
            for form in {sub.name, base, ascii_fold(sub.name), ascii_fold(base)}:
                if form.lower() not in country_names:
                    entry.alt.add((form, "en"))
                    entry.alt.add((form, "de"))
            entry.alt |= {(f.format(name=base), "en") for f in naming.forms_en}
            entry.alt |= {(f.format(name=base), "de") for f in naming.forms_de}
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
    entries += newer_regions(kinds, supplement, country_names)
    return sorted(entries, key=lambda e: e.key)


def add_supplement_names(entry: Entry, x_en: str, x_de: str, adj_de: str, adj_en: str) -> None:
    """A supplement row's extra names (either language's match texts of both) and adjectives (the
    German ones from their stem, declined) added to a region's entry."""
    entry.alt |= {(v, "en") for v in values(x_en)} | {(v, "de") for v in values(x_de)}
    for stem in values(adj_de):
        entry.hidden |= {(f, "de") for f in declined(stem)}
    entry.hidden |= {(v, "en") for v in values(adj_en)}


def newer_regions(kinds: dict[str, dict[str, RegionNaming]], supplement: dict[str, list[str]],
                  country_names: set[str]) -> list[Entry]:
    """Regions of a country named by the supplement that are newer than pycountry's ISO 3166-2 data
    (Norway's counties of 2024: Østfold, Akershus, Buskerud, Vestfold, Telemark, Troms, Finnmark):
    a supplement row whose code pycountry lacks, of the country's first region type. The older
    regions they replace stay, for older texts."""
    by_supplement = {country for country, by_type in kinds.items()
                     if any(n.naming == "supplement" for n in by_type.values())}
    known = {sub.code for country in by_supplement for sub in pycountry.subdivisions.get(country_code=country)}
    out = []
    for code, row in supplement.items():
        country = code.split("-")[0]
        if code in known or country not in by_supplement:
            continue
        first_type = sorted(kinds[country])[0]
        sub = SimpleNamespace(code=code, country_code=country, type=first_type)
        out.append(supplement_region(sub, kinds[country][first_type], row[:7], country_names))
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


def kind_named_region(sub, naming: RegionNaming) -> Entry:
    """A province named by its kind word: the forms of its row ("X Province", "province of X",
    "Provinz X"), with X written as in pycountry and without diacritics (Đ as D); the first form
    of each language, with X plain, is the label."""
    plain = ascii_fold(sub.name.replace("Đ", "D").replace("đ", "d"))
    written = {sub.name, plain}
    entry = Entry("region", sub.code, naming.forms_en[0].format(name=plain), naming.forms_de[0].format(name=plain),
                  part_of=sub.country_code)
    for name in written:
        entry.alt |= {(f.format(name=name), "en") for f in naming.forms_en}
        entry.alt |= {(f.format(name=name), "de") for f in naming.forms_de}
    entry.alt.discard((entry.label_en, "en"))
    entry.alt.discard((entry.label_de, "de"))
    return entry


def supplement_region(sub, naming: RegionNaming, row: list[str], country_names: set[str]) -> Entry:
    """A region named by the supplement: its row's labels, the forms of its kind around their bare
    names, the row's extra names and adjectives. A bare name that is a
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
    base_en = designated_base(label_en, "en")
    base_de = designated_base(label_de, "de")
    entry.alt |= {(f.format(name=base_en), "en") for f in naming.forms_en}
    entry.alt |= {(f.format(name=base_de), "de") for f in naming.forms_de}
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
