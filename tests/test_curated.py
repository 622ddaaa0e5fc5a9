"""The curated seed graph answers what the three seed documents say, and conforms to the shapes.

The graph is loaded from ``ontology/`` and ``seeds/curated/`` into an in-memory store (ontology
and curated named graphs, queried as their union), independent of ``kg build``. Every
assertion names the fact it checks, so a wrong or missing triple in the curated Turtle fails
a test with a readable message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.namespaces import CURATED_GRAPH, EKG, ID, ONTOLOGY_GRAPH, text_digest, text_key
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
CURATED = ROOT / "seeds" / "curated"
DOCUMENTS = ROOT / "seeds" / "documents"
CURATED_BAD = Path(__file__).parent / "data" / "curated_bad"
SH = Namespace("http://www.w3.org/ns/shacl#")

MEMO_2016 = ID["agreement/2016-12-16-japan-rosatom-nuclear-energy"]
AGREEMENT_2009 = ID["agreement/2009-05-12-japan-russia-nuclear-energy"]
MEMO_2026 = ID["agreement/2026-01-15-fukushima-prefecture-north-rhine-westphalia-renewable-energy"]
MEMO_2014 = ID["agreement/2014-fukushima-prefecture-north-rhine-westphalia-renewable-energy"]

DOC_000, DOC_001, DOC_002 = "42d50c6b2e2694a7", "f224e81bd955b598", "ce7f700b8da774f6"


def iri(kind_key: str) -> str:
    return str(ID[kind_key])


def ontology_files() -> list[Path]:
    return sorted(p for p in ONTOLOGY.glob("*.ttl") if p.name != "shapes.ttl")


def curated_files() -> list[Path]:
    return sorted(CURATED.glob("*.ttl"))


@pytest.fixture(scope="module")
def store() -> Store:
    """Ontology and curated seeds in an in-memory store, in their own named graphs."""
    store = Store("memory:")
    for path in ontology_files():
        store.add_graph(ONTOLOGY_GRAPH, path)
    for path in curated_files():
        store.add_graph(CURATED_GRAPH, path)
    return store


def values(store: Store, sparql: str) -> set[str]:
    """The values of the first variable of a SELECT query, as strings."""
    return {str(next(iter(row.values()))) for row in store.select(sparql)}


def ask(store: Store, sparql: str) -> bool:
    return bool(store.query(sparql))


# --------------------------------------------------------------------------- document 000

def test_2016_memorandum_signed_in_tokyo_on_16_december(store):
    found = values(store, """
        SELECT ?m WHERE {
          ?m a ekg:Memorandum ; ekg:signedOn "2016-12-16"^^xsd:date ; ekg:signedAt ?place .
          ?place a ekg:Place ; rdfs:label "Tokyo"@en ; ekg:locatedIn country:JP .
        }""")
    assert found == {str(MEMO_2016)}


def test_2016_memorandum_parties_are_rosatom_and_japan(store):
    parties = values(store, f"SELECT ?p WHERE {{ <{MEMO_2016}> ekg:party ?p }}")
    assert parties == {iri("org/rosatom"), iri("country/JP")}
    # Rosatom is the Russian state corporation; Russia itself only attends (im Beisein)
    assert ask(store, "ASK { org:rosatom a ekg:Organization ; ekg:basedIn country:RU }")


SIGNERS_2016 = [
    ("person/alexey-likhachev", "Generaldirektor", "org/rosatom", "organization"),
    ("person/hiroshige-seko", "Minister für Wirtschaft, Handel und Industrie", "country/JP", "country"),
    ("person/hirokazu-matsuno", "Minister für Bildung, Kultur, Sport, Wissenschaft und Technologie",
     "country/JP", "country"),
]


def test_2016_memorandum_has_exactly_three_signatories(store):
    signers = values(store, f"SELECT ?p WHERE {{ <{MEMO_2016}> ekg:signatory ?p }}")
    assert signers == {iri(p) for p, *_ in SIGNERS_2016}


@pytest.mark.parametrize("person, title, behalf, link", SIGNERS_2016, ids=lambda v: str(v)[:24])
def test_2016_memorandum_signatory_with_role(store, person, title, behalf, link):
    title_literal = Literal(title, lang="de").n3()
    assert ask(store, f"""
        ASK {{
          <{MEMO_2016}> ekg:signatory <{iri(person)}> ;
              ekg:signature [ a ekg:Signature ; ekg:signer <{iri(person)}> ;
                              ekg:onBehalfOf <{iri(behalf)}> ; ekg:title {title_literal} ] .
          <{iri(person)}> a ekg:Person ;
              ekg:role [ a ekg:Role ; ekg:title {title_literal} ; ekg:{link} <{iri(behalf)}> ] .
        }}""")


def test_2016_memorandum_witnesses_are_putin_and_abe(store):
    witnesses = values(store, f"SELECT ?p WHERE {{ <{MEMO_2016}> ekg:witness ?p }}")
    assert witnesses == {iri("person/vladimir-putin"), iri("person/shinzo-abe")}
    assert not ask(store, f"ASK {{ <{MEMO_2016}> ekg:signatory ?p . <{MEMO_2016}> ekg:witness ?p }}")


@pytest.mark.parametrize("person, title, country, label_de", [
    ("person/vladimir-putin", "Präsident", "country/RU", "Wladimir Putin"),
    ("person/shinzo-abe", "Premierminister", "country/JP", "Shinzō Abe"),
])
def test_leaders_present_with_their_offices(store, person, title, country, label_de):
    assert ask(store, f"""
        ASK {{ <{iri(person)}> rdfs:label "{label_de}"@de ;
               ekg:role [ ekg:title "{title}"@de ; ekg:country <{iri(country)}> ] }}""")


def test_2016_memorandum_topics(store):
    topics = values(store, f"SELECT ?t WHERE {{ <{MEMO_2016}> ekg:topic ?t }}")
    assert topics == {iri("topic/" + t) for t in (
        "nuclear-energy", "radioactive-waste", "decommissioning", "research-and-innovation")}


def test_2009_russia_japan_agreement(store):
    rows = store.select(f"""
        SELECT ?kind ?key WHERE {{
          <{AGREEMENT_2009}> a ?kind ; ekg:signedOn "2009-05-12"^^xsd:date .
          ?kind ekg:kindKey ?key .
          FILTER(?kind != ekg:Agreement)
        }}""")
    assert [(r["kind"], r["key"]) for r in rows] == [(str(EKG.IntergovernmentalAgreement), "agreement")]
    parties = values(store, f"SELECT ?p WHERE {{ <{AGREEMENT_2009}> ekg:party ?p }}")
    assert parties == {iri("country/RU"), iri("country/JP")}
    assert {iri("topic/uranium-mining"), iri("topic/radioactive-waste"),
            iri("topic/nuclear-safety"), iri("topic/nuclear-energy")} <= values(
        store, f"SELECT ?t WHERE {{ <{AGREEMENT_2009}> ekg:topic ?t }}")


@pytest.mark.parametrize("country, lexical, datatype", [
    ("RU", "2010", XSD.gYear),          # "Ende 2010": year precision, no invented day
    ("JP", "2011-12-06", XSD.date),
])
def test_2009_agreement_ratifications(store, country, lexical, datatype):
    result = store.query(f"""
        SELECT ?on WHERE {{
          <{AGREEMENT_2009}> ekg:ratification [ a ekg:Ratification ;
              ekg:ratifiedBy <{iri('country/' + country)}> ; ekg:ratifiedOn ?on ] }}""")
    dates = [(row["on"].value, row["on"].datatype.value) for row in result]
    assert dates == [(lexical, str(datatype))]


# --------------------------------------------------------------------------- document 001

def test_2026_nrw_fukushima_memorandum(store):
    found = values(store, """
        SELECT ?m WHERE {
          ?m a ekg:Memorandum ; ekg:signedOn "2026-01-15"^^xsd:date ;
             ekg:party region:DE-NW , region:JP-07 .
        }""")
    assert found == {str(MEMO_2026)}
    parties = values(store, f"SELECT ?p WHERE {{ <{MEMO_2026}> ekg:party ?p }}")
    assert parties == {iri("region/DE-NW"), iri("region/JP-07")}


@pytest.mark.parametrize("person, behalf, title", [
    ("person/mona-neubaur", "region/DE-NW", "Stellvertretende Ministerpräsidentin und Wirtschaftsministerin"),
    ("person/masao-uchibori", "region/JP-07", "Gouverneur der Präfektur Fukushima"),
])
def test_2026_memorandum_signatories(store, person, behalf, title):
    assert ask(store, f"""
        ASK {{
          <{MEMO_2026}> ekg:signatory <{iri(person)}> ;
              ekg:signature [ ekg:signer <{iri(person)}> ; ekg:onBehalfOf <{iri(behalf)}> ] .
          <{iri(person)}> ekg:role [ ekg:title "{title}"@de ; ekg:country <{iri(behalf)}> ] .
        }}""")
    assert len(values(store, f"SELECT ?p WHERE {{ <{MEMO_2026}> ekg:signatory ?p }}")) == 2


def test_2026_memorandum_topics(store):
    topics = values(store, f"SELECT ?t WHERE {{ <{MEMO_2026}> ekg:topic ?t }}")
    assert topics == {iri("topic/" + t) for t in (
        "renewable-energy", "hydrogen", "ammonia", "research-and-innovation", "other")}


def test_2026_memorandum_renews_2014_and_runs_three_years(store):
    rows = store.query(f"""
        SELECT ?old ?signed ?valid WHERE {{
          <{MEMO_2026}> ekg:renews ?old ; ekg:validFor ?valid .
          ?old a ekg:Memorandum ; ekg:signedOn ?signed ;
               ekg:party <{iri('region/DE-NW')}> , <{iri('region/JP-07')}> .
        }}""")
    [row] = list(rows)
    assert row["old"].value == str(MEMO_2014)
    assert (row["signed"].value, row["signed"].datatype.value) == ("2014", str(XSD.gYear))
    assert (row["valid"].value, row["valid"].datatype.value) == ("P3Y", str(XSD.duration))


@pytest.mark.parametrize("prefecture, topics", [
    ("region/JP-13", {"other"}),                          # SME internationalisation
    ("region/JP-27", {"hydrogen", "energy-storage"}),     # hydrogen/fuel cells, batteries
])
def test_nrw_cooperates_with_tokyo_and_osaka(store, prefecture, topics):
    rows = store.select(f"""
        SELECT ?c ?t ?doc WHERE {{
          ?c a ekg:Cooperation ; ekg:participant <{iri('region/DE-NW')}> , <{iri(prefecture)}> ;
             ekg:topic ?t ; prov:wasDerivedFrom ?doc .
        }}""")
    assert {r["t"] for r in rows} == {iri("topic/" + t) for t in topics}
    assert {r["doc"] for r in rows} == {iri("document/" + DOC_001)}


@pytest.mark.parametrize("org", ["org/nrw-energy4climate", "org/nrw-global-business"])
def test_nrw_organizations_based_in_nrw(store, org):
    assert ask(store, f"ASK {{ <{iri(org)}> a ekg:Organization ; ekg:basedIn <{iri('region/DE-NW')}> }}")


# --------------------------------------------------------------------------- document 002

def test_csto_has_six_member_states(store):
    members = values(store, """
        SELECT ?code WHERE {
          ?org rdfs:label "Collective Security Treaty Organization"@en ; skos:altLabel "OVKS"@de .
          ?country ekg:memberOf ?org ; a ekg:Country ; ekg:isoCode ?code .
        }""")
    assert members == {"RU", "AM", "BY", "KZ", "KG", "TJ"}


def test_kazakhstan_is_no_brics_member(store):
    assert ask(store, f"ASK {{ <{iri('org/brics')}> a ekg:Organization }}")
    assert not ask(store, f"ASK {{ ?x ekg:memberOf <{iri('org/brics')}> }}")


def test_russia_and_kazakhstan_cooperate(store):
    topics = values(store, f"""
        SELECT ?t WHERE {{
          ?c a ekg:Cooperation ; ekg:participant <{iri('country/RU')}> , <{iri('country/KZ')}> ;
             ekg:topic ?t ; prov:wasDerivedFrom <{iri('document/' + DOC_002)}> .
        }}""")
    assert {iri("topic/" + t) for t in (
        "oil", "natural-gas", "pipelines", "nuclear-fuel-cycle", "uranium-mining",
        "renewable-energy", "climate-protection")} <= topics


def test_tokayev_is_president_of_kazakhstan(store):
    assert ask(store, f"""
        ASK {{ <{iri('person/kassym-jomart-tokayev')}> rdfs:label "Kassym-Schomart Tokajew"@de ;
               ekg:role [ ekg:title "Präsident"@de ; ekg:country <{iri('country/KZ')}> ] }}""")


# --------------------------------------------------------------------------- geography

@pytest.mark.parametrize("region, country", [
    ("JP-07", "JP"), ("JP-13", "JP"), ("JP-27", "JP"), ("DE-NW", "DE"),
])
def test_region_part_of_country(store, region, country):
    rows = store.select(f"""
        SELECT ?c ?code WHERE {{ <{iri('region/' + region)}> a ekg:Region ; ekg:isoCode ?code ;
                                 ekg:partOf ?c }}""")
    assert rows == [{"c": iri("country/" + country), "code": region}]


# --------------------------------------------------------------------------- provenance

def test_every_agreement_and_cooperation_comes_from_a_described_document(store):
    orphans = values(store, """
        SELECT ?x WHERE {
          { ?x a/rdfs:subClassOf* ekg:Agreement } UNION { ?x a ekg:Cooperation }
          FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?d . ?d a ekg:Document ; ekg:sha256 ?h }
        }""")
    assert orphans == set()


@pytest.mark.parametrize("path", sorted(DOCUMENTS.glob("*.txt")), ids=lambda p: p.name)
def test_document_description_matches_file(store, path):
    from kg.extract.document import read_document  # noqa: PLC0415

    body = read_document(path).text  # the text without a header: what the key is taken from
    key = text_key(body)
    meta = json.loads(path.with_name(path.stem + ".meta.json").read_text(encoding="utf-8"))
    assert meta["key"] == key and meta["language"] == "de"
    rows = store.query(f"""
        SELECT ?sha ?title ?lang ?issued WHERE {{
          <{iri('document/' + key)}> a ekg:Document ; ekg:sha256 ?sha ; dcterms:title ?title ;
              dcterms:language ?lang .
          OPTIONAL {{ <{iri('document/' + key)}> dcterms:issued ?issued }}
        }}""")
    [row] = list(rows)
    assert row["sha"].value == text_digest(body)
    assert row["title"].value == meta["title"] and row["lang"].value == "de"
    issued = row["issued"].value if row["issued"] is not None else None
    assert issued == meta["published"]


# --------------------------------------------------------------------------- ontology

AGREEMENT_KINDS = {
    "Agreement": "agreement", "Memorandum": "memorandum",
    "IntergovernmentalAgreement": "agreement", "Treaty": "treaty",
    "DeclarationOfIntent": "declaration_of_intent", "Partnership": "partnership",
    "Contract": "contract",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ontology_files():
        graph.parse(path)
    return graph


@pytest.mark.parametrize("name, key", sorted(AGREEMENT_KINDS.items()))
def test_agreement_classes_carry_kind_keys_and_keywords(ontology, name, key):
    cls = EKG[name]
    assert [str(k) for k in ontology.objects(cls, EKG.kindKey)] == [key]
    assert any(lbl.language == "de" for lbl in ontology.objects(cls, SKOS.altLabel))
    assert any(lbl.language == "en" for lbl in ontology.objects(cls, SKOS.altLabel))


def test_every_ontology_term_has_labels_and_definitions_in_en_and_de(ontology):
    missing = []
    for term in set(ontology.subjects()):
        if isinstance(term, URIRef) and str(term).startswith(str(EKG)):
            for prop in (RDFS.label, RDFS.comment):
                langs = {lit.language for lit in ontology.objects(term, prop)}
                if not {"en", "de"} <= langs:
                    missing.append(f"{term} {prop}")
    assert missing == []


def test_topics_follow_the_slug_rule_and_have_both_languages(ontology):
    concepts = set(ontology.subjects(SKOS.inScheme, EKG.Topics))
    assert len(concepts) >= 27
    for concept in concepts:
        assert (concept, RDF.type, EKG.Topic) in ontology
        labels = {lit.language: str(lit) for lit in ontology.objects(concept, SKOS.prefLabel)}
        assert set(labels) == {"en", "de"}, concept
        assert str(concept) == iri("topic/" + labels["en"].lower().replace(" ", "-"))
        assert any(True for _ in ontology.objects(concept, SKOS.definition))


def test_topic_hierarchy(ontology):
    def broader(slug: str) -> set[str]:
        return {str(o).rsplit("/", 1)[1] for o in ontology.objects(ID["topic/" + slug], SKOS.broader)}

    assert broader("uranium-mining") == {"nuclear-fuel-cycle"}
    assert broader("nuclear-fuel-cycle") == {"nuclear-energy"}
    for slug in ("radioactive-waste", "decommissioning", "nuclear-safety"):
        assert broader(slug) == {"nuclear-energy"}
    for slug in ("solar-energy", "wind-energy", "hydropower", "geothermal-energy", "bioenergy"):
        assert broader(slug) == {"renewable-energy"}
    assert broader("lng") == {"natural-gas"}


def test_shapes_list_every_topic(ontology):
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    [listed] = list(shapes.objects(URIRef("https://w3id.org/energy-kg/ontology/shapes#TopicProperty"),
                                   SH["in"]))
    from rdflib.collection import Collection

    assert set(Collection(shapes, listed)) == set(ontology.subjects(SKOS.inScheme, EKG.Topics))


def test_json_ld_context_maps_the_ontology_terms(ontology):
    context = json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    terms = {str(t)[len(str(EKG)):] for t in ontology.subjects(RDF.type, None)
             if isinstance(t, URIRef) and str(t).startswith(str(EKG))
             and re.fullmatch(r"[a-z]\w*", str(t)[len(str(EKG)):])}
    assert terms and terms <= set(context)


# --------------------------------------------------------------------------- SHACL

def _shacl(data: Graph, ont_graph: Graph | None) -> tuple[bool, Graph]:
    from pyshacl import validate

    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    conforms, report, _ = validate(data, shacl_graph=shapes, ont_graph=ont_graph,
                                   inference="rdfs", abort_on_first=False)
    return conforms, report


@pytest.mark.parametrize("mode", ["merged", "ont_graph"])
def test_ontology_and_curated_conform_to_the_shapes(ontology, mode):
    data = Graph()
    for path in curated_files():
        data.parse(path)
    if mode == "merged":
        data += ontology
    conforms, report = _shacl(data, ontology if mode == "ont_graph" else None)
    assert conforms, report.serialize(format="turtle")


BAD = {
    "agreement_without_parties.ttl": (
        "agreement/2016-12-16-no-parties-nuclear-energy", str(SH.OrConstraintComponent)),
    "impossible_signing_date.ttl": (
        "agreement/2016-02-30-japan-russia-nuclear-energy", str(SH.OrConstraintComponent)),
}


def test_every_bad_file_has_an_expectation():
    assert {p.name for p in CURATED_BAD.glob("*.ttl")} == set(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_curated_file_is_flagged_at_the_offending_node(ontology, name):
    node, component = BAD[name]
    data = Graph()
    for path in curated_files():
        data.parse(path)
    data.parse(CURATED_BAD / name)
    data += ontology
    conforms, report = _shacl(data, None)
    assert not conforms
    flagged = {(str(r[SH.focusNode]), str(r[SH.sourceConstraintComponent])) for r in (
        {p: o for p, o in report.predicate_objects(result)}
        for result in report.objects(None, SH.result))}
    assert (iri(node), component) in flagged
    # nothing else in the curated data is blamed
    assert {focus for focus, _ in flagged} == {iri(node)}
