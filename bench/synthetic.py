"""A deterministic synthetic agreements graph in the project's own vocabulary.

The shape follows the data model (docs/model.md): about 200 countries with
ISO-like codes and a few regions each, thousands of organizations (based in a
country or region, some members of international organizations) and persons
(with roles), agreements of every kind with 2-5 parties, 1-4 signatories
(plain ``ekg:signatory`` plus an ``ekg:Signature`` node), 1-3 topics from a
SKOS hierarchy, dates at day, month or year precision, a source document and
an ``ekg:Evidence`` node, stated ``ekg:Cooperation`` nodes, and the derived
``ekg:cooperatesWith`` graph. Popularity is skewed (a few countries and
organizations take part in many agreements), as in real data.

Use it as a library (``generate(triples=1_000_000)`` yields N-Quads lines;
``load(store, ...)`` fills a :class:`kg.store.Store`) or from the command line::

    python bench/synthetic.py --triples 1000000 --out synthetic.nq
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator

BASE = "https://w3id.org/energy-kg/"
EKG = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"

AGREEMENT_CLASSES = (
    ("Memorandum", "memorandum", 0.40),
    ("IntergovernmentalAgreement", "agreement", 0.25),
    ("DeclarationOfIntent", "declaration_of_intent", 0.12),
    ("Partnership", "partnership", 0.10),
    ("Contract", "contract", 0.10),
    ("Treaty", "treaty", 0.03),
)

# (slug, English label, broader slug or None) - the shape of ontology/topics.ttl.
TOPICS = (
    ("nuclear-energy", "nuclear energy", None),
    ("nuclear-fuel-cycle", "nuclear fuel cycle", "nuclear-energy"),
    ("uranium-mining", "uranium mining", "nuclear-fuel-cycle"),
    ("radioactive-waste", "radioactive waste", "nuclear-energy"),
    ("nuclear-safety", "nuclear safety", "nuclear-energy"),
    ("hydrogen", "hydrogen", None),
    ("ammonia", "ammonia", None),
    ("renewable-energy", "renewable energy", None),
    ("solar-energy", "solar energy", "renewable-energy"),
    ("wind-energy", "wind energy", "renewable-energy"),
    ("hydropower", "hydropower", "renewable-energy"),
    ("oil", "oil", None),
    ("natural-gas", "natural gas", None),
    ("lng", "LNG", "natural-gas"),
    ("pipelines", "pipelines", None),
    ("coal", "coal", None),
    ("electricity-grids", "electricity grids", None),
    ("energy-storage", "energy storage", None),
    ("energy-efficiency", "energy efficiency", None),
    ("carbon-capture", "carbon capture", None),
    ("critical-minerals", "critical minerals", None),
    ("research-and-innovation", "research and innovation", None),
)

TITLES = ("Minister of Energy", "Chief Executive Officer", "Director General", "Governor",
          "Ambassador", "Deputy Minister", "Chairman", "President")


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{XSD}{datatype}>'
    return f'"{escaped}"'


def _codes(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [a + b for a in letters for b in letters][:n]


def generate(triples: int = 1_000_000, seed: int = 42, countries: int = 200,
             regions_per_country: int = 5, organizations: int = 6000,
             persons: int = 25000, valid: bool = False) -> Iterator[str]:
    """N-Quads lines of a synthetic graph of roughly ``triples`` triples.

    With ``valid`` every evidence node also names its ``ekg:extractor``, so the
    graph conforms to ``ontology/shapes.ttl`` (``kg load`` validates what it loads);
    without it the output is what it always was.

    >>> lines = list(generate(triples=3000, countries=10, organizations=40, persons=80))
    >>> 2500 < len(lines) < 4500
    True
    >>> lines == list(generate(triples=3000, countries=10, organizations=40, persons=80))
    True
    """
    rng = random.Random(seed)
    onto, gaz, derived = (_iri(GRAPH + g) for g in ("ontology", "gazetteer", "derived"))
    count = 0

    def quad(s: str, p: str, o: str, g: str) -> str:
        nonlocal count
        count += 1
        return f"{s} {p} {o} {g} .\n"

    a, label, pref, broader = _iri(RDF_TYPE), _iri(RDFS + "label"), _iri(SKOS + "prefLabel"), \
        _iri(SKOS + "broader")
    alt = _iri(SKOS + "altLabel")

    def ekg(name: str) -> str:
        return _iri(EKG + name)

    # --- ontology: agreement classes and topics
    for cls, key, _ in AGREEMENT_CLASSES:
        yield quad(ekg(cls), _iri(RDFS + "subClassOf"), ekg("Agreement"), onto)
        yield quad(ekg(cls), ekg("kindKey"), _lit(key), onto)
    for cls in ("Country", "Region", "Organization", "Person"):
        yield quad(ekg(cls), _iri(RDFS + "subClassOf"), ekg("Actor"), onto)
    topic_iris = []
    for slug, name, up in TOPICS:
        t = _iri(ID + "topic/" + slug)
        topic_iris.append(t)
        yield quad(t, a, ekg("Topic"), onto)
        yield quad(t, pref, _lit(name, "en"), onto)
        yield quad(t, label, _lit(name, "en"), onto)
        if up:
            yield quad(t, broader, _iri(ID + "topic/" + up), onto)

    # --- gazetteer: countries, regions, organizations, persons
    country_codes = _codes(countries)
    country_iris = [_iri(ID + "country/" + c) for c in country_codes]
    for code, c in zip(country_codes, country_iris):
        yield quad(c, a, ekg("Country"), gaz)
        yield quad(c, label, _lit(f"Country {code}", "en"), gaz)
        yield quad(c, label, _lit(f"Land {code}", "de"), gaz)
        yield quad(c, ekg("isoCode"), _lit(code), gaz)
    region_iris = []
    for code, c in zip(country_codes, country_iris):
        for i in range(1, regions_per_country + 1):
            r = _iri(f"{ID}region/{code}-{i:02d}")
            region_iris.append(r)
            yield quad(r, a, ekg("Region"), gaz)
            yield quad(r, label, _lit(f"Region {code}-{i:02d}", "en"), gaz)
            yield quad(r, ekg("isoCode"), _lit(f"{code}-{i:02d}"), gaz)
            yield quad(r, ekg("partOf"), c, gaz)
    org_iris = []
    intl = max(5, organizations // 100)
    for i in range(organizations):
        o = _iri(f"{ID}org/org-{i:05d}")
        org_iris.append(o)
        yield quad(o, a, ekg("Organization"), gaz)
        yield quad(o, label, _lit(f"Organization {i:05d}", "en"), gaz)
        if i % 3 == 0:
            yield quad(o, alt, _lit(f"ORG{i:05d}"), gaz)
        home = rng.choice(region_iris) if rng.random() < 0.3 else rng.choice(country_iris)
        yield quad(o, ekg("basedIn"), home, gaz)
    for i in range(intl):  # international organizations with member countries
        for c in rng.sample(country_iris, k=min(len(country_iris), rng.randint(3, 30))):
            yield quad(c, ekg("memberOf"), org_iris[i], gaz)
    person_iris = []
    for i in range(persons):
        p = _iri(f"{ID}person/person-{i:05d}")
        person_iris.append(p)
        yield quad(p, a, ekg("Person"), gaz)
        yield quad(p, label, _lit(f"Person {i:05d}", "en"), gaz)
        role = f"_:role{i}"
        yield quad(p, ekg("role"), role, gaz)
        yield quad(role, a, ekg("Role"), gaz)
        yield quad(role, ekg("title"), _lit(rng.choice(TITLES), "en"), gaz)
        if rng.random() < 0.6:
            yield quad(role, ekg("organization"), rng.choice(org_iris), gaz)
        else:
            yield quad(role, ekg("country"), rng.choice(country_iris), gaz)

    # Skewed popularity: weight 1/rank^0.8.
    def weights(n: int) -> list[float]:
        acc, total = [], 0.0
        for rank in range(1, n + 1):
            total += 1.0 / rank ** 0.8
            acc.append(total)
        return acc

    cw, rw, ow = weights(len(country_iris)), weights(len(region_iris)), weights(len(org_iris))
    pw = weights(len(person_iris))
    rng.shuffle(country_iris)
    rng.shuffle(org_iris)

    def pick_actor() -> str:
        x = rng.random()
        if x < 0.4:
            return rng.choices(country_iris, cum_weights=cw)[0]
        if x < 0.55:
            return rng.choices(region_iris, cum_weights=rw)[0]
        return rng.choices(org_iris, cum_weights=ow)[0]

    classes = [c for c, _, _ in AGREEMENT_CLASSES]
    class_weights = [w for _, _, w in AGREEMENT_CLASSES]
    pairs_seen: set[tuple[str, str]] = set()
    n = 0
    doc = None
    doc_graph = None
    while count < triples:
        if n % 3 == 0:
            key = f"{rng.getrandbits(64):016x}"
            doc = _iri(ID + "document/" + key)
            doc_graph = _iri(GRAPH + "extracted/" + key)
            yield quad(doc, a, ekg("Document"), doc_graph)
            yield quad(doc, label, _lit(f"News item {key}"), doc_graph)
        ag = _iri(f"{ID}agreement/synthetic-{n:06d}")
        n += 1
        cls = rng.choices(classes, weights=class_weights)[0]
        parties: list[str] = []
        for _ in range(rng.randint(2, 5)):
            actor = pick_actor()
            if actor not in parties:
                parties.append(actor)
        if len(parties) < 2:
            parties.append(rng.choice(country_iris))
        year = rng.randint(1990, 2026)
        precision = rng.random()
        if precision < 0.6:
            date = _lit(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype="date")
        elif precision < 0.85:
            date = _lit(f"{year}-{rng.randint(1, 12):02d}", datatype="gYearMonth")
        else:
            date = _lit(str(year), datatype="gYear")
        g = doc_graph
        yield quad(ag, a, ekg(cls), g)
        yield quad(ag, label, _lit(f"{cls} {n:06d}", "en"), g)
        yield quad(ag, ekg("signedOn"), date, g)
        yield quad(ag, _iri(PROV + "wasDerivedFrom"), doc, g)
        for party in parties:
            yield quad(ag, ekg("party"), party, g)
        for t in rng.sample(topic_iris, k=rng.randint(1, 3)):
            yield quad(ag, ekg("topic"), t, g)
        for j in range(rng.randint(1, 4)):
            person = rng.choices(person_iris, cum_weights=pw)[0]
            yield quad(ag, ekg("signatory"), person, g)
            sig = f"_:sig{n}x{j}"
            yield quad(ag, ekg("signature"), sig, g)
            yield quad(sig, a, ekg("Signature"), g)
            yield quad(sig, ekg("signer"), person, g)
            yield quad(sig, ekg("onBehalfOf"), parties[j % len(parties)], g)
        ev = f"_:ev{n}"
        yield quad(ev, a, ekg("Evidence"), g)
        yield quad(ev, ekg("supports"), ag, g)
        yield quad(ev, ekg("document"), doc, g)
        yield quad(ev, ekg("quote"), _lit(f"The parties signed the {cls.lower()} number {n}."), g)
        yield quad(ev, ekg("confidence"), _lit("0.9", datatype="decimal"), g)
        if valid:
            yield quad(ev, ekg("extractor"), _lit("synthetic 1.0"), g)
        for i, x in enumerate(parties):
            for y in parties[i + 1:]:
                pair = (x, y) if x < y else (y, x)
                if pair not in pairs_seen:
                    pairs_seen.add(pair)
                    yield quad(x, ekg("cooperatesWith"), y, derived)
                    yield quad(y, ekg("cooperatesWith"), x, derived)
        if n % 15 == 0:  # a stated cooperation without an agreement
            x, y = pick_actor(), pick_actor()
            if x != y:
                co = _iri(f"{ID}cooperation/synthetic-{n:06d}")
                yield quad(co, a, ekg("Cooperation"), g)
                yield quad(co, ekg("participant"), x, g)
                yield quad(co, ekg("participant"), y, g)
                yield quad(co, ekg("topic"), rng.choice(topic_iris), g)
                yield quad(co, ekg("since"), _lit(str(year), datatype="gYear"), g)
                yield quad(co, _iri(PROV + "wasDerivedFrom"), doc, g)


def load(store, triples: int = 1_000_000, seed: int = 42, **kwargs) -> int:
    """Fill a :class:`kg.store.Store` (or a ``pyoxigraph.Store``) with the synthetic graph.

    Returns the number of quads in the store afterwards.
    """
    import pyoxigraph as ox  # noqa: PLC0415

    data = "".join(generate(triples=triples, seed=seed, **kwargs)).encode()
    if hasattr(store, "replace_all"):
        staged = ox.Store()
        staged.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        store.replace_all(quads=iter(staged))
        return len(store)
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    return len(store)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", default="-", help="N-Quads file (default: stdout)")
    parser.add_argument("--valid", action="store_true",
                        help="name the extractor of each evidence node (conforms to the shapes)")
    args = parser.parse_args(argv)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        out.writelines(generate(triples=args.triples, seed=args.seed, valid=args.valid))
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
