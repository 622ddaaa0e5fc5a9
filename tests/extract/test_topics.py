"""The topic finder (kg.extract.topics) and the topic data (ontology/topics.ttl).

Every sentence here is invented for the test. The mechanism is tested on a small scheme built
in the test; the data tests check what the real scheme promises (subtopics map to the
annotation-level topics, compounds, acronyms, overlaps).
"""

from __future__ import annotations

import pytest
import rdflib
from rdflib import RDF, SKOS, Namespace
from rdflib.collection import Collection

from kg.extract.gazetteer import REPO
from kg.extract.pipeline import extract_text
from kg.extract.topics import (TopicMatcher, TopicScheme, annotation_topic, annotation_topics,
                               read_scheme, topics_in)

T = "https://w3id.org/energy-kg/id/topic/"
EKG = Namespace("https://w3id.org/energy-kg/ontology#")
TOPICS_TTL = REPO / "ontology" / "topics.ttl"
# the labels the gold annotations use (docs of the corpus): the annotation-level topics
GOLD_LABELS = {
    "nuclear energy", "nuclear fuel cycle", "uranium mining", "radioactive waste", "decommissioning",
    "nuclear safety", "hydrogen", "ammonia", "renewable energy", "solar energy", "wind energy",
    "hydropower", "geothermal energy", "bioenergy", "oil", "natural gas", "LNG", "pipelines", "coal",
    "electricity grids", "energy storage", "energy efficiency", "carbon capture", "critical minerals",
    "climate protection", "research and innovation", "other"}


def slugs(iris) -> list[str]:
    return [i[len(T):] for i in iris]


def found(gaz, text: str) -> list[str]:
    """Annotation-level topic slugs of a text, in text order."""
    return slugs(topics_in(gaz, text))


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(TOPICS_TTL, format="turtle")


# ---------------------------------------------------------------- the mechanism, on a small scheme
@pytest.fixture(scope="module")
def toy(gaz) -> TopicMatcher:
    """A made-up scheme: three annotation topics, subtopics, a sub-subtopic, a subtopic with two
    broader topics; an acronym and German compound parts."""
    scheme = TopicScheme(
        labels=[("tea", T + "tea", "en"), ("Tee", T + "tea", "de"), ("green tea", T + "green-tea", "en"),
                ("matcha", T + "matcha", "en"), ("TLC", T + "green-tea", "en"),
                ("Teekanne", T + "teapot", "de"), ("cake", T + "cake", "en"), ("Kuchen", T + "cake", "de"),
                ("Torte", T + "cake", "de"),
                ("Obstkuchen", T + "fruit-cake", "de"), ("tea cake", T + "tea-cake", "en"),
                ("snack", T + "rest", "en")],
        broader={T + "tea": [], T + "cake": [], T + "rest": [], T + "green-tea": [T + "tea"],
                 T + "matcha": [T + "green-tea"], T + "teapot": [T + "tea"], T + "fruit-cake": [T + "cake"],
                 T + "tea-cake": [T + "cake", T + "tea"]},
        annotation=[T + "tea", T + "cake", T + "rest"])
    return TopicMatcher(gaz, scheme)


def test_found_concepts_come_with_offsets_in_text_order(toy):
    text = "Matcha and a slice of Obstkuchen."
    hits = toy.find(text)
    assert [(i[len(T):], text[s:e]) for i, s, e in hits] == [("matcha", "Matcha"), ("fruit-cake", "Obstkuchen")]


def test_offsets_survive_folding(toy):
    # ß folds to two letters and Ä to A plus a combining mark: the offsets are the source's
    text = "Die Straße, die Ärger macht, führt zum Obstkuchen."
    [(iri, s, e)] = toy.find(text)
    assert text[s:e] == "Obstkuchen"


def test_narrower_concepts_map_to_their_closest_annotation_topic(toy):
    assert toy.annotation_topic(T + "matcha") == T + "tea"        # two steps up
    assert toy.annotation_topic(T + "fruit-cake") == T + "cake"
    assert toy.annotation_topic(T + "tea") == T + "tea"           # an annotation topic is itself
    # two broader topics: both, in the order of the annotation collection
    assert toy.annotation_topics(T + "tea-cake") == [T + "tea", T + "cake"]
    assert toy.annotation_topic(T + "tea-cake") == T + "tea"
    with pytest.raises(KeyError):
        toy.annotation_topics(T + "no-such-topic")


def test_the_longest_match_wins(toy):
    assert [i[len(T):] for i, _, _ in toy.find("A tea cake.")] == ["tea-cake"]
    assert toy.topics_in("A tea cake and green tea.") == [T + "tea", T + "cake"]


def test_german_compounds_match_by_their_parts(toy):
    assert toy.topics_in("Die Teekannensammlung") == [T + "tea"]          # Teekanne inside a word
    assert toy.topics_in("Ein Obstkuchenrezept") == [T + "cake"]
    assert toy.topics_in("Teeabend") == []                                 # "Tee" is too short to be a part
    assert toy.topics_in("Streuselkuchen") == [T + "cake"]                 # six letters: anywhere
    assert toy.topics_in("Tortenboden") == [T + "cake"]                    # five letters: as the first part
    assert toy.topics_in("Obsttorte") == []                                # ... only


def test_acronyms_match_in_capitals_only(toy):
    assert toy.topics_in("The TLC shop") == [T + "tea"]
    assert toy.topics_in("with tlc") == []


def test_scheme_is_read_from_skos(tmp_path):
    ttl = tmp_path / "topics.ttl"
    ttl.write_text("""
@prefix ekg: <https://w3id.org/energy-kg/ontology#> .
@prefix topic: <https://w3id.org/energy-kg/id/topic/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ekg:AnnotationTopics a skos:OrderedCollection ; skos:memberList ( topic:cake topic:tea topic:rest ) .
ekg:CatchAllTopics a skos:Collection ; skos:member topic:rest .
topic:tea a skos:Concept ; skos:prefLabel "tea"@en ; skos:altLabel "Tee"@de .
topic:cake a skos:Concept ; skos:prefLabel "cake"@en ; skos:hiddenLabel "cakes"@en .
topic:rest a skos:Concept ; skos:prefLabel "rest"@en ; skos:altLabel "snacks"@en .
topic:matcha a skos:Concept ; skos:prefLabel "matcha"@en ; skos:broader topic:tea .
""", encoding="utf-8")
    scheme = read_scheme(ttl)
    assert scheme.annotation == [T + "cake", T + "tea", T + "rest"]
    assert scheme.broader[T + "matcha"] == [T + "tea"]
    labels = {(text, iri[len(T):]) for text, iri, _ in scheme.labels}
    assert ("cakes", "cake") in labels and ("Tee", "tea") in labels and ("snacks", "rest") in labels
    assert ("rest", "rest") not in labels     # the preferred label of a catch-all topic


# ---------------------------------------------------------------- the data
def test_the_annotation_topics_are_marked_in_the_data(graph):
    [lst] = list(graph.objects(EKG.AnnotationTopics, SKOS.memberList))
    members = list(Collection(graph, lst))
    labels = {str(o) for m in members for o in graph.objects(m, SKOS.prefLabel) if o.language == "en"}
    assert len(members) == 27 and labels == GOLD_LABELS
    # exactly the concepts of the ekg:Topics scheme (the valid ekg:topic values)
    assert set(members) == set(graph.subjects(SKOS.inScheme, EKG.Topics))


def test_every_concept_maps_to_an_annotation_topic(gaz):
    m = TopicMatcher(gaz)
    scheme = read_scheme(TOPICS_TTL)
    assert len(scheme.broader) > 27
    for concept in scheme.broader:
        ups = m.annotation_topics(concept)
        assert ups and all(u in m.annotation_level for u in ups), concept
        if concept not in m.annotation_level:
            assert concept not in ups


def test_subtopics_are_well_formed(graph):
    subtopics = set(graph.subjects(SKOS.inScheme, EKG.Subtopics))
    assert len(subtopics) >= 40
    for c in subtopics:
        assert (c, RDF.type, SKOS.Concept) in graph and (c, RDF.type, EKG.Topic) not in graph
        labels = {lit.language: str(lit) for lit in graph.objects(c, SKOS.prefLabel)}
        assert set(labels) == {"en", "de"}, c
        assert str(c) == T + labels["en"].lower().replace(" ", "-"), c
        assert {d.language for d in graph.objects(c, SKOS.definition)} == {"en", "de"}, c
        assert list(graph.objects(c, SKOS.broader)), c


def test_every_label_finds_its_own_concept(gaz):
    """A label, read on its own, is found whole, as its concept: no label is hidden by another."""
    m = TopicMatcher(gaz)
    for text, iri, _ in m.scheme.labels:
        whole = {h[0] for h in m.find(text) if (h[1], h[2]) == (0, len(text))}
        assert iri in whole, (text, m.find(text))


@pytest.mark.parametrize("text, want", [
    # German compounds by their parts
    ("Beide Länder vereinbarten eine Wasserstoffkooperation.", ["hydrogen"]),
    ("Die Offshore-Windenergie soll bis 2030 verdoppelt werden.", ["wind-energy"]),
    ("Geplant ist ein Offshore-Windparkcluster vor der Küste.", ["wind-energy"]),
    ("Die Firmen bauen eine Erdgaspipeline durch das Gebirge.", ["pipelines", "natural-gas"]),
    ("Das Klimaabkommen der beiden Städte gilt ab Juli.", ["climate-protection"]),
    ("Ein Solarparkprojekt und eine Elektrolyseanlage entstehen am Hafen.", ["solar-energy", "hydrogen"]),
    ("Der Netzausbau und neue Hochspannungsleitungen kosten Milliarden.", ["electricity-grids"]),
    ("Ein Seekabel soll Strom über das Meer bringen.", ["electricity-grids"]),
    ("Die Partner setzen auf Wärmepumpen und Gebäudedämmung.", ["energy-efficiency"]),
    # narrower concepts reported as their annotation-level topic
    ("The two firms will build electrolysers and fuel cells.", ["hydrogen"]),
    ("A deal on photovoltaics and solar thermal plants.", ["solar-energy"]),
    ("They agreed on an interconnector and a submarine cable.", ["electricity-grids"]),
    ("The memorandum covers uranium enrichment and nuclear fuel.", ["nuclear-fuel-cycle"]),
    ("The utility plans small modular reactors.", ["nuclear-energy"]),
    ("A factory for lithium-ion batteries.", ["energy-storage"]),
    ("Supplies of lithium, cobalt and rare earths.", ["critical-minerals"]),
    ("A new LNG terminal on the coast.", ["lng"]),
    ("Flüssigerdgas aus Übersee", ["lng"]),                     # not also natural gas
    ("CO2-Speicherung unter der Nordsee", ["carbon-capture"]),   # not also energy storage
    ("carbon capture, utilisation and storage (CCUS)", ["carbon-capture"]),
    ("Greenhouse gas emissions fell.", ["climate-protection"]),  # not natural gas
    ("A crude oil pipeline to the port.", ["pipelines", "oil"]),
    ("Hydrogen and a pipeline.", ["hydrogen", "pipelines"]),
    ("The oil and gas sector", ["oil", "natural-gas"]),
    ("A memorandum on the storage of crude oil.", ["oil"]),        # not energy storage
    ("Die strategische Ölreserve des Landes", ["oil"]),
    # general terms added for issue 8
    ("Strom aus Sonnenkraft und Sonnenstrom vom Dach", ["solar-energy"]),
    ("Neue Gasturbinen für das Kraftwerk", ["natural-gas"]),
    ("The partners will develop new energy technologies.", ["research-and-innovation"]),
    ("Die Länder wollen bei neuen Energietechnologien kooperieren.", ["research-and-innovation"]),
    ("More exchange of electricity across the border", ["electricity-grids"]),
    ("A battery gigafactory in the north", ["energy-storage"]),
    # renewables as the source of green hydrogen are part of the hydrogen topic
    ("They want to produce hydrogen from renewable sources.", ["hydrogen"]),
    ("Die Herstellung von Wasserstoff aus erneuerbaren Energien", ["hydrogen"]),
    # subjects outside energy are "other"
    ("The accord settles the maritime boundary between the two states.", ["other"]),
    ("Beide Länder legten ihre Seegrenzen fest und kooperieren bei der Digitalisierung.", ["other"]),
])
def test_topics_of_invented_sentences(gaz, text, want):
    assert found(gaz, text) == want


@pytest.mark.parametrize("text", [
    "Among other things, the ministers discussed other questions.",
    "The others agreed; in other words, nothing else.",
    "Sonstiges wurde nicht besprochen.",
])
def test_other_is_not_found_by_the_everyday_word(gaz, text):
    assert found(gaz, text) == []


def test_other_is_found_by_its_alternative_labels(gaz):
    assert found(gaz, "They will also cooperate on medical technology.") == ["other"]


@pytest.mark.parametrize("text", [
    "Das Kohlendioxid entweicht.",            # not coal (Kohle)
    "Kohlenwasserstoff ist ein Stoff.",       # neither coal nor hydrogen (Wasserstoff)
    "Die Klimaanlage fiel aus.",              # not climate (Klima)
    "Das Gastgeberland empfing die Gäste.",   # not gas
])
def test_words_listed_as_not_a_topic_compound_do_not_match_by_their_parts(gaz, text):
    assert found(gaz, text) == []


@pytest.mark.parametrize("text, want", [
    ("Japan buys LNG.", ["lng"]), ("lng", []),
    ("The SMRs of the firm", ["nuclear-energy"]), ("smrs", []),
    ("New PV plants", ["solar-energy"]), ("a pv plant", []),
    ("Die HGÜ-Leitung", ["electricity-grids"]),
    ("A CCS hub", ["carbon-capture"]), ("ccs", []),
])
def test_short_acronyms_match_in_capitals_only(gaz, text, want):
    assert found(gaz, text) == want


def test_spelling_variants_of_a_hyphenated_label(gaz):
    for text in ("Offshore-Windenergie", "Offshore Windenergie", "Offshorewindenergie"):
        assert [i[len(T):] for i, _, _ in TopicMatcher(gaz).find(text)] == ["offshore-wind"], text


def test_matcher_is_built_once_per_gazetteer(gaz):
    assert TopicMatcher(gaz) is TopicMatcher(gaz)


def test_module_functions(gaz):
    assert annotation_topic(gaz, T + "offshore-wind") == T + "wind-energy"
    assert annotation_topic(gaz, T + "lng-terminals") == T + "lng"
    assert annotation_topic(gaz, T + "uranium-mining") == T + "uranium-mining"
    # two topics, the main one first (the order of ekg:AnnotationTopics)
    assert annotation_topics(gaz, T + "gas-pipelines") == [T + "pipelines", T + "natural-gas"]
    assert annotation_topic(gaz, T + "gas-pipelines") == T + "pipelines"
    assert annotation_topic(gaz, T + "pumped-storage-hydropower") == T + "hydropower"


# ---------------------------------------------------------------- through the pipeline
def test_pipeline_reports_annotation_topics():
    result = extract_text("Dänemark und Deutschland unterzeichneten am 4. März 2024 in Kopenhagen "
                          "ein Abkommen über Offshore-Windparks.", language="de")
    [a] = result.to_json()["agreements"]
    assert a["topics"] == ["wind energy"]


def test_pipeline_ignores_other_as_a_word():
    result = extract_text("Canada and Chile signed an agreement on hydrogen in Ottawa on 2 May 2023. "
                          "Among other things, it covers electrolysers.", language="en")
    [a] = result.to_json()["agreements"]
    assert a["topics"] == ["hydrogen"]


@pytest.mark.parametrize("lang, text, want", [
    ("en", "Peru and Chile signed a memorandum on hydrogen to cut their reliance on coal.", ["hydrogen"]),
    ("de", "Peru und Chile unterzeichneten eine Absichtserklärung über Wasserstoff, um die Abhängigkeit von der Kohle zu verringern.",
     ["hydrogen"]),
    # across a coordination of what it depends on
    ("en", "Peru and Chile signed a memorandum on hydrogen to cut their reliance on imported coal and oil.", ["hydrogen"]),
    ("de", "Peru und Chile unterzeichneten eine Absichtserklärung über Wasserstoff, um ihre Abhängigkeit von Öl und "
           "Erdgas zu verringern.", ["hydrogen"]),
])
def test_what_a_party_depends_on_is_no_topic_of_its_agreement(lang, text, want):
    from kg.extract.pipeline import extract_text
    topics = extract_text(text, language=lang).to_json()["agreements"][0]["topics"]
    assert topics == want, topics


# ---------------------------------------------------------------- granularity and attribution
def test_a_broader_topic_gives_way_to_its_one_narrower_topic(gaz):
    m = TopicMatcher(gaz)
    ng, lng, ren, hyd, sol, wind = (T + x for x in ("natural-gas", "lng", "renewable-energy", "hydropower",
                                                       "solar-energy", "wind-energy"))
    assert m.most_specific({ng: 2, lng: 2}) == {lng: 4}
    assert m.most_specific({lng: 3, ng: 1, T + "hydrogen": 1}) == {lng: 4, T + "hydrogen": 1}
    assert m.most_specific({ren: 3, hyd: 1}) == {ren: 3, hyd: 1}          # named more often: it stays
    # two kinds of renewable energy are renewable energy (ekg:KindTopics) ...
    assert m.most_specific({sol: 2, wind: 1, hyd: 1}) == {ren: 2}
    # ... unless renewable energy is named itself too: then the kinds stay next to it ...
    assert set(m.most_specific({ren: 1, sol: 1, wind: 1})) == {ren, sol, wind}
    # ... but not kinds that a product of the agreement is made from (hydrogen from wind and sun)
    h2 = T + "hydrogen"
    assert m.most_specific({h2: 3, ren: 1, sol: 1, wind: 1}) == {h2: 3, ren: 2}
    # ... but aspects of nuclear energy are listed each
    nuc, mining, waste = T + "nuclear-energy", T + "uranium-mining", T + "radioactive-waste"
    assert set(m.most_specific({nuc: 1, mining: 1, waste: 1})) == {nuc, mining, waste}
    assert set(m.most_specific({nuc: 1, waste: 2})) == {nuc, waste}   # one aspect does not replace the topic
    assert m.broader_topics(wind) == {ren} and m.broader_topics(T + "uranium-mining") == {
        T + "nuclear-fuel-cycle", T + "nuclear-energy"}


@pytest.mark.parametrize("text, want", [
    ("Das Projekt gilt als klimaschädlich.", []),             # an adjective, not a subject
    ("Die windreiche Küste lockt Investoren.", []),
    ("Ein Klimaschutzabkommen und ein Windparkprojekt.", ["climate-protection", "wind-energy"]),
    ("Die Anlage ist klimaneutral.", ["climate-protection"]),   # a listed adjective matches whole
])
def test_german_compound_parts_match_inside_nouns_only(gaz, text, want):
    assert found(gaz, text) == want


def _topics(text: str, lang: str) -> list[list[str]]:
    return [a["topics"] for a in extract_text(text, language=lang).to_json()["agreements"]]


def test_an_lng_agreement_is_not_also_about_natural_gas():
    assert _topics("Japan and Qatar signed a memorandum in Doha on Monday on supplies of liquefied "
                   "natural gas and on the natural gas market.", "en") == [["LNG"]]


def test_a_background_agreement_takes_no_topics_from_its_neighbours():
    assert _topics("Peru und Chile unterzeichneten am 3. Mai 2023 in Lima ein Abkommen über Wasserstoff. "
                   "Bereits 2015 hatten beide Länder eine Energiepartnerschaft vereinbart. "
                   "Chile will künftig Solarstrom exportieren.", "de") == [["hydrogen"], []]


def test_an_organization_named_in_the_title_gives_no_topic():
    # "Solarwerk Nord AG" names a company, not solar energy
    text = ("# source: invented | title: Solarwerk Nord AG signs supply deal with Peru\n\n"
            "Lima – The Solarwerk Nord AG and the government of Peru signed a gas supply contract on Monday.")
    assert _topics(text, "en") == [["natural gas"]]


def test_the_parties_agreeing_on_more_later_in_the_text_add_topics():
    text = ("Portugal und Peru unterzeichneten am Montag in Lissabon ein Abkommen über Wasserstoff. "
            "Das Papier soll die Zusammenarbeit vertiefen. Die Gespräche dauerten lange. Am Abend gab es "
            "ein Essen. Der Präsident reiste danach ab. Darüber hinaus vereinbarten die beiden Länder, "
            "bei der Windkraft auf See enger zu kooperieren.")
    assert _topics(text, "de") == [["hydrogen", "wind energy"]]


def test_headline_topics_go_to_every_new_agreement():
    assert _topics("Peru signs two hydrogen deals\n\nLima – Peru signed a memorandum with Chile and an "
                   "agreement with Japan on Monday. The ministers praised the talks.", "en") == [["hydrogen"], ["hydrogen"]]


def test_a_headline_topic_that_another_agreement_names_is_not_given_to_this_one():
    hydrogen, gas = _topics("Egypt signs hydrogen and LNG deals with EU\n\nCairo – Egypt and the European Union "
                            "signed a memorandum on green hydrogen on Tuesday. On the same day, both sides also "
                            "signed a declaration of intent on natural gas supplies.", "en")
    assert hydrogen == ["hydrogen"] and "LNG" in gas and "hydrogen" not in gas


@pytest.mark.parametrize("lang, text, want", [
    # kinds of renewable energy named together are renewable energy
    ("de", "Peru und Chile unterzeichneten am 3. Mai 2023 in Lima ein Abkommen über Wind- und Solarenergie.",
     [["renewable energy"]]),
    ("en", "Peru and Chile signed a memorandum in Lima on 3 May 2023 on green hydrogen and on solar and wind "
           "power.", [["hydrogen", "renewable energy"]]),
    # (a source after its product, "hydrogen made with solar and wind power", is no topic: test_made_from_source_is_no_topic)
    # one kind keeps its label
    ("en", "Peru and Chile signed a memorandum on solar power and green hydrogen in Lima on 3 May 2023.",
     [["solar energy", "hydrogen"]]),
    # aspects of nuclear energy keep theirs (the seed annotations list them all)
    ("de", "Peru und Chile unterzeichneten am 3. Mai 2023 in Lima ein Abkommen über die friedliche Nutzung der "
           "Kernenergie, den Uranbergbau und die nukleare Sicherheit.",
     [["nuclear energy", "uranium mining", "nuclear safety"]]),
    ("en", "Peru and Chile signed a contract in Lima on 3 May 2023 for a nuclear power plant, nuclear fuel supplies "
           "and the take-back of spent fuel.", [["nuclear energy", "nuclear fuel cycle", "radioactive waste"]]),
])
def test_kinds_named_together_are_their_topic_aspects_keep_their_labels(lang, text, want):
    assert _topics(text, lang) == want


@pytest.mark.parametrize("lang, text, want", [
    ("en", "Peru and Chile signed a memorandum in Lima on 3 May 2023 on green hydrogen made with solar and wind "
           "power.", [["hydrogen"]]),
    ("de", "Peru und Chile unterzeichneten am 3. Mai 2023 in Lima ein Abkommen über Ammoniak aus Solar- und "
           "Windstrom.", [["ammonia"]]),
])
def test_made_from_source_is_no_topic(lang, text, want):
    assert _topics(text, lang) == want


def _lemma_found(gaz, text: str, lang: str) -> list[str]:
    from kg.extract.linguistic import annotate
    from kg.extract.tokens import tokenize
    toks = tokenize(text, lang)
    annotate(toks, lang)
    return [(i[len(T):], text[s:e]) for i, s, e in TopicMatcher(gaz).find(text, toks, lang)]


@pytest.mark.parametrize("lang, text, want", [
    # case endings the labels do not list
    ("de", "Der Ausbau erneuerbarer Energie und kritischer Mineralien.",
     [("renewable-energy", "erneuerbarer Energie"), ("critical-minerals", "kritischer Mineralien")]),
    ("de", "Neue Windparke entstehen.", [("wind-energy", "Windparke")]),
    ("de", "Bei der friedlichen Nutzung der Kernenergie", [("nuclear-energy", "friedlichen Nutzung der Kernenergie")]),
    # an adjective or participle the label does not have may come between its words
    ("de", "Die Speicherung von abgeschiedenem CO2 unter der Nordsee", [("carbon-storage", "Speicherung von abgeschiedenem CO2")]),
    ("en", "the transport of captured CO2 by ship", [("co2-transport", "transport of captured CO2")]),
    # a verb is no mention of a noun label
    ("en", "They researched the market.", []),
])
def test_labels_match_by_their_lemmas_in_their_own_language(gaz, lang, text, want):
    assert _lemma_found(gaz, text, lang) == want


def test_lemmas_of_a_label_match_only_in_its_language(gaz):
    m = TopicMatcher(gaz)
    index = m._lemma_index()
    assert ("erneuerbar", "energie") in {x[0] for x in index["de"]["erneuerbar"]}
    assert "erneuerbar" not in index["en"]


@pytest.mark.parametrize("lang, text, want", [
    # a reference that judges the agreement: its topic words are not the agreement's topics
    ("en", "Peru and Chile signed a memorandum on hydrogen in Lima on Monday.\n\nMinister Karl Probe called the "
           "memorandum an important step towards climate neutrality.", ["hydrogen"]),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima ein Abkommen über Wasserstoff.\n\nMinister Karl Probe "
           "nannte das Abkommen einen wichtigen Beitrag zum Klimaschutz.", ["hydrogen"]),
    # a reference that tells what the agreement contains
    ("en", "Peru and Chile signed a memorandum on hydrogen in Lima on Monday.\n\nThe memorandum also covers wind farms.",
     ["hydrogen", "wind energy"]),
    ("en", "Peru and Chile signed a memorandum on hydrogen in Lima on Monday.\n\nUnder the memorandum, both sides will "
           "also build wind farms.", ["hydrogen", "wind energy"]),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima ein Abkommen über Wasserstoff.\n\nSchwerpunkt des Abkommens ist "
           "zudem der Ausbau der Windkraft.", ["hydrogen", "wind energy"]),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima ein Abkommen über Wasserstoff.\n\nDas Abkommen sieht "
           "zudem den Ausbau der Windkraft vor.", ["hydrogen", "wind energy"]),
])
def test_a_sentence_that_refers_back_adds_topics_when_it_tells_the_content(lang, text, want):
    assert _topics(text, lang) == [want]


def test_both_sides_going_on_about_the_one_new_agreement_add_topics():
    # the group subject reaches the text's one new agreement even while its parties are incomplete
    text = ("Bayern und Quebec vertiefen Partnerschaft beim Wasserstoff\n\nBayern und die Provinz Quebec setzen "
            "ihre Zusammenarbeit fort. Die Ministerin Anna Beispiel und der Gouverneur Paul Muster unterzeichneten "
            "dazu am Montag eine Absichtserklärung.\n\nDer Besuch dauerte drei Tage. Beide Seiten wollen zudem "
            "beim Ammoniak enger zusammenarbeiten.")
    [topics] = _topics(text, "de")
    assert sorted(topics) == ["ammonia", "hydrogen"]


@pytest.mark.parametrize("lang, text", [
    ("de", "Portugal und Peru unterzeichneten am Montag in Lissabon ein Abkommen über Wasserstoff.\n\nDas Papier ist "
           "drei Jahre gültig. Dass die beiden Länder schon Erfahrung haben, zeigt ein großer Solarpark im Süden."),
    ("en", "Portugal and Peru signed a memorandum on hydrogen in Lisbon on Monday.\n\nThe memorandum is valid for three "
           "years. Although the two countries already run a solar park together, they had no deal so far."),
])
def test_the_parties_in_a_subordinate_clause_do_not_go_on_about_the_agreement(lang, text):
    assert _topics(text, lang) == [["hydrogen"]]


@pytest.mark.parametrize("lang, text, want", [
    ("en", "Peru and Chile signed a memorandum on hydrogen during the Nordic Oil and Gas Forum in Oslo on Monday.",
     ["hydrogen"]),
    ("de", "Peru und Chile unterzeichneten am Montag beim Baltic Oil and Gas Forum in Riga ein Abkommen über Wasserstoff.",
     ["hydrogen"]),
    # the name of a project is what the agreement is about
    ("en", "Peru and Chile signed a memorandum on the Andes Gas Pipeline in Lima on Monday.", ["pipelines", "natural gas"]),
])
def test_topic_words_in_the_name_of_an_event_are_no_topics(lang, text, want):
    assert _topics(text, lang) == [want]


def test_a_german_word_is_no_topic_word_of_an_english_text(gaz):
    m = TopicMatcher(gaz)
    text = "The Kohle family and Mr Klima met at the Speicher restaurant."
    assert m.find(text, lang="en") == []
    assert [i[len(T):] for i, _, _ in m.find("Der Offshore Wind vor der Küste", lang="de")] == ["offshore-wind"]
    assert [i[len(T):] for i, _, _ in m.find("Germany's Energiewende", lang="en")] == ["energy-transition"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Peru and Chile signed a memorandum in Lima on Monday.\n\nThe memorandum lists two fields of work. The first "
           "is the export of green hydrogen. Ports are to be expanded for it. The second field is geothermal energy."),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima eine Absichtserklärung.\n\nDie Erklärung nennt zwei Felder. "
           "Das erste ist der Export von grünem Wasserstoff. Dafür sollen Häfen ausgebaut werden. Das zweite Feld ist "
           "die Geothermie."),
])
def test_an_enumeration_goes_on_about_the_agreement_its_paragraph_named(lang, text):
    assert _topics(text, lang) == [["hydrogen", "geothermal energy"]]


def test_only_the_first_sentence_of_the_lead_says_what_the_new_agreement_is_about():
    # the rest of the first paragraph is background about a party, not the agreement's subject
    text = ("Deutschland und Kanada unterzeichneten am Mittwoch eine Absichtserklärung über Flüssigerdgas "
            "und Wasserstoff. Kanada ist bereits einer der größten Ölproduzenten der Welt, zudem wird dort "
            "Kohle gefördert.")
    assert _topics(text, "de") == [["LNG", "hydrogen"]]


@pytest.mark.parametrize("lang, text", [
    ("en", "Lima – The government of Peru signed three separate statements of cooperation with Nordwind AG, "
           "Kappa Power and Solarwerk Nord AG on Monday. The firms were chosen in a tender.\n\n"
           "Under the statements, the companies will work together with Peru on green hydrogen. The document "
           "names two priorities: research projects on new electrolysers, and a hydrogen export hub."),
    ("de", "Lima – Drei Absichtserklärungen unterzeichnete die Regierung von Peru am Montag: mit der Nordwind "
           "AG, mit der Kappa Power und mit der Solarwerk Nord AG. Die Firmen wurden in einer Ausschreibung "
           "ausgewählt.\n\nDarin verpflichten sich die Partner zur Zusammenarbeit bei grünem Wasserstoff. Das "
           "Dokument nennt zwei Schwerpunkte: Forschungsprojekte zu neuen Elektrolyseuren und einen Hafen für "
           "den Wasserstoffexport."),
])
def test_agreements_of_a_set_never_told_apart_share_their_topics(lang, text):
    topics = _topics(text, lang)
    assert len(topics) == 3 and all(t == topics[0] for t in topics)
    assert set(topics[0]) == {"hydrogen", "research and innovation"}


def test_a_tie_is_no_main_topic_of_the_text():
    # the agreement's own sentences and their neighbours name no topic; the text names two once each
    text = ("Peru and Chile signed a memorandum in Lima on Monday. The ministers praised the talks. The talks "
            "were long.\n\nThe dinner was good.\n\nPeru also wants to sell more coal. Chile, in turn, plans an "
            "LNG terminal.")
    assert _topics(text, "en") == [[]]


@pytest.mark.parametrize("lang, text", [
    ("en", "Lima – The state utility Electroperu signed memorandums of understanding with Nordwind AG and Kappa "
           "Power on Monday. The ministers praised the talks.\n\nThe memorandum signed with Nordwind AG provides "
           "for joint work on green hydrogen. Kappa Power is a trading house. It plans a coal terminal. The coal "
           "terminal is to open in 2026."),
])
def test_a_sentence_about_one_member_of_a_set_gives_the_other_no_topic(lang, text):
    nordwind, kappa = _topics(text, lang)
    assert nordwind == ["hydrogen"] and "hydrogen" not in kappa


@pytest.mark.parametrize("lang, text, want", [
    # an apposition describes a party
    ("en", "Peru signed a memorandum on green hydrogen with Chile, the world's largest copper producer, in Lima "
           "on Monday.", [["hydrogen"]]),
    ("de", "Peru unterzeichnete am Montag in Lima mit Chile, dem größten Kupferproduzenten der Welt, eine "
           "Absichtserklärung über grünen Wasserstoff.", [["hydrogen"]]),
    # a clause of circumstance tells what else happened
    ("en", "Peru and Chile signed a memorandum on green hydrogen in Lima on Monday, after talks on oil prices "
           "had failed.", [["hydrogen"]]),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima eine Absichtserklärung über grünen Wasserstoff, "
           "nachdem Gespräche über Ölpreise gescheitert waren.", [["hydrogen"]]),
    # but a clause with an agreement of its own keeps its words for that one
    ("en", "Peru and Chile signed a memorandum on green hydrogen in Lima on Monday, after Chile had signed a "
           "separate contract on LNG with Japan.", [["hydrogen"], ["LNG"]]),
])
def test_descriptions_of_a_party_and_circumstances_give_no_topic(lang, text, want):
    assert _topics(text, lang) == want


@pytest.mark.parametrize("lang, text", [
    ("en", "Peru and Chile signed a memorandum in Lima on 3 May 2023 on cutting methane emissions from gas fields."),
    ("de", "Peru und Chile unterzeichneten am 3. Mai 2023 in Lima eine Absichtserklärung über die Verringerung von "
           "Methanemissionen."),
])
def test_methane_emissions_are_climate_protection(lang, text):
    assert "climate protection" in _topics(text, lang)[0]


@pytest.mark.parametrize("text, want", [
    # the first of two compounds that share their last part is completed with it
    ("Sonnen- und Windenergie", ["solar-energy", "wind-energy"]),
    ("Wasser- oder Windkraft", ["hydropower", "wind-energy"]),
    # not in a lower-case word, and the ending must make a label
    ("sonnen- und windreich", []),
    ("Sonnen- und Schattenseiten", []),
])
def test_elided_german_compounds_are_completed(gaz, text, want):
    m = TopicMatcher(gaz)
    assert [i[len(T):] for i, _, _ in m.find(text, lang="de")] == want


@pytest.mark.parametrize("lang, text", [
    ("en", "Green hydrogen: Peru and Chile move closer\n\nLima – Peru and Chile signed a memorandum in Lima on "
           "Monday.\n\nOn Tuesday, Peru signed an accord with Ecuador on their maritime borders."),
    ("de", "Grüner Wasserstoff: Peru und Chile rücken zusammen\n\nLima – Peru und Chile unterzeichneten am Montag "
           "in Lima eine Absichtserklärung.\n\nAm Dienstag unterzeichnete Peru mit Ecuador ein Abkommen über ihre "
           "Seegrenzen."),
])
def test_a_later_agreement_with_subjects_of_its_own_takes_no_headline_topics(lang, text):
    topics = extract_text(text, language=lang, published="2024-06-12").to_json()["agreements"]
    assert [a["topics"] for a in topics] == [["hydrogen"], ["other"]]


@pytest.mark.parametrize("lang, text", [
    # climate targets are what a party wants to reach, not a field the agreement covers
    ("de", "Peru und Chile unterzeichneten am 3. Mai 2023 in Lima eine Absichtserklärung über grünen Wasserstoff. "
           "Damit wollen beide Länder ihre Klimaziele erreichen."),
    ("en", "Peru and Chile signed a memorandum on green hydrogen in Lima on 3 May 2023. The two countries want to "
           "meet their climate targets with it."),
])
def test_climate_targets_are_no_topic(lang, text):
    assert _topics(text, lang) == [["hydrogen"]]


@pytest.mark.parametrize("lang, text", [
    # a contrast with 'while'/'während' runs parallel to the content: its words stay
    ("en", "Peru and Chile signed a memorandum in Lima on 3 May 2023. While Peru will build solar parks, Chile will "
           "supply batteries."),
    ("de", "Peru und Chile unterzeichneten am 3. Mai 2023 in Lima eine Absichtserklärung. Während Peru Solarparks "
           "baut, liefert Chile Batteriespeicher."),
])
def test_a_contrast_clause_keeps_its_topics(lang, text):
    assert set(_topics(text, lang)[0]) == {"solar energy", "energy storage"}


def test_a_source_is_what_a_product_is_made_from(gaz):
    m = TopicMatcher(gaz)
    hydrogen, ammonia = T + "hydrogen", T + "ammonia"
    assert m.source_of(T + "renewable-energy", {hydrogen: 1})
    assert m.source_of(T + "wind-energy", {ammonia: 1})            # a kind of the source counts too
    assert not m.source_of(T + "wind-energy", {T + "natural-gas": 1})
    assert not m.source_of(T + "renewable-energy", {})


@pytest.mark.parametrize("lang, text, want", [
    ("en", "Canada and Germany signed a hydrogen agreement in Halifax on Monday.\n\nCanadian wind power is to "
           "make the hydrogen, which will be shipped to Hamburg.", ["hydrogen"]),
    ("de", "Kanada und Deutschland unterzeichneten am Montag in Halifax ein Wasserstoffabkommen.\n\nKanadische "
           "Windkraft soll den Wasserstoff erzeugen, der nach Hamburg verschifft wird.", ["hydrogen"]),
    ("en", "Chile and Japan signed an ammonia agreement in Santiago on Monday.\n\nSolar power from the Atacama "
           "desert is to produce the ammonia.", ["ammonia"]),
])
def test_the_source_of_a_product_in_the_next_paragraph_is_no_topic(lang, text, want):
    from kg.extract.pipeline import extract_text
    topics = extract_text(text, language=lang).to_json()["agreements"][0]["topics"]
    assert topics == want, topics

@pytest.mark.parametrize("lang, text, want", [
    ("en", "Peru and Chile signed a memorandum on the energy transition in Lima on Monday.", ["climate protection"]),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima eine Absichtserklärung zur Energiewende.",
     ["climate protection"]),
    # the renewable sources it names are a topic of their own
    ("en", "Peru and Chile signed a partnership for a just energy transition in Lima on Monday to build solar "
           "and wind farms.", ["climate protection", "renewable energy"]),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima eine Partnerschaft für eine gerechte Energiewende, "
           "die den Bau von Solar- und Windparks vorsieht.", ["climate protection", "renewable energy"]),
])
def test_the_energy_transition_is_a_climate_aim(lang, text, want):
    assert sorted(_topics(text, lang)[0]) == want


@pytest.mark.parametrize("lang, text, want", [
    ("en", "Greece and Italy signed an agreement on the Adriana pipeline in Rome on Monday.\n\nInvestors welcomed "
           "the news.\n\nThe line is to bring natural gas from the Caspian region to southern Italy from 2027.",
     ["natural gas", "pipelines"]),
    ("de", "Polen und Litauen unterzeichneten am Montag in Warschau ein Abkommen über die Pipeline Baltica.\n\n"
           "Die Börse reagierte gelassen.\n\nDurch die Leitung soll ab 2028 Rohöl aus dem Hafen Danzig fließen.",
     ["oil", "pipelines"]),
    # the agreement's own words say what flows: nothing is added
    ("en", "Greece and Italy signed an agreement on a hydrogen pipeline in Rome on Monday. Oil prices fell.",
     ["hydrogen", "pipelines"]),
])
def test_a_pipeline_agreement_is_also_about_what_the_pipeline_carries(lang, text, want):
    assert sorted(_topics(text, lang)[0]) == want


def test_carrier_needed(gaz):
    m = TopicMatcher(gaz)
    pipes, gas, lng, oil = T + "pipelines", T + "natural-gas", T + "lng", T + "oil"
    assert gas in m.carrier_needed({pipes: 1}) and oil in m.carrier_needed({pipes: 1})
    assert m.carrier_needed({pipes: 1, gas: 1}) == [] and m.carrier_needed({pipes: 1, lng: 1}) == []
    assert m.carrier_needed({gas: 1}) == []
    assert m.carried(lng, [gas, oil]) == gas and m.carried(T + "coal", [gas, oil]) is None


@pytest.mark.parametrize("lang, text, want", [
    ("en", "Egypt and Russia signed a contract for the El Nuur nuclear power plant in Cairo on Monday. The nuclear "
           "plant will have four reactors.\n\nThe project rests on an intergovernmental agreement on the construction "
           "of the plant that the two countries concluded in 2015.", ["nuclear energy"]),
    ("de", "Ägypten und Russland unterzeichneten am Montag in Kairo einen Vertrag über das Kernkraftwerk El Nuur. Das "
           "Kernkraftwerk soll vier Reaktoren haben.\n\nBereits 2015 hatten beide Länder ein Regierungsabkommen über "
           "den Bau der Anlage geschlossen.", ["nuclear energy"]),
    # an older agreement that names no project has no topic of its own
    ("en", "Egypt and Russia signed a contract for the El Nuur nuclear power plant in Cairo on Monday. The nuclear "
           "plant will have four reactors.\n\nThe contract updates a memorandum that the two countries concluded "
           "in 2015.", []),
    ("de", "Ägypten und Russland unterzeichneten am Montag in Kairo einen Vertrag über das Kernkraftwerk El Nuur. Das "
           "Kernkraftwerk soll vier Reaktoren haben.\n\nDer Vertrag ersetzt ein Memorandum, das beide Länder 2015 "
           "geschlossen hatten.", []),
])
def test_an_older_agreement_on_the_project_is_about_the_texts_main_topic(lang, text, want):
    agreements = extract_text(text, language=lang, published="2023-05-10").to_json()["agreements"]
    assert [a["signed_on"] for a in agreements] == ["2023-05-08", "2015"]
    assert agreements[1]["topics"] == want


@pytest.mark.parametrize("lang, text, want", [
    # "Meiler" is German news usage for a reactor; a "Kohlemeiler" is a coal plant
    ("de", "Peru und Chile unterzeichneten am Montag einen Vertrag über den Bau des Meilers.", ["nuclear energy"]),
    ("de", "Peru und Chile unterzeichneten am Montag einen Vertrag über die Zukunft der Kohlemeiler.", ["coal"]),
    # electricity trade said with a verb
    ("en", "Peru and Chile signed a memorandum on Monday under which Peru would export power to Chile.",
     ["electricity grids"]),
    ("de", "Peru und Chile unterzeichneten am Montag eine Absichtserklärung, nach der Peru ab 2030 Strom "
           "exportieren soll.", ["electricity grids"]),
])
def test_plant_and_electricity_trade_words(lang, text, want):
    assert _topics(text, lang)[0] == want


@pytest.mark.parametrize("lang, text", [
    ("en", "Peru and Chile signed a maritime accord in Lima on Monday."),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima ein Seegrenzabkommen."),
])
def test_a_maritime_accord_is_about_other(lang, text):
    assert _topics(text, lang)[0] == ["other"]


@pytest.mark.parametrize("lang, text", [
    ("en", "Lima – Kappa Energy is expanding in South America.\n\nThe company plans to build a plant for green hydrogen "
           "in southern Peru. Kappa Energy and the government of Peru signed a corresponding agreement in Lima on "
           "Monday.\n\nThe plant is to run on wind power."),
    ("de", "Lima – Kappa Energy expandiert in Südamerika.\n\nDas Unternehmen will im Süden Perus eine Anlage für grünen "
           "Wasserstoff bauen. Kappa Energy und die Regierung Perus unterzeichneten am Montag in Lima eine "
           "entsprechende Vereinbarung.\n\nDie Anlage soll mit Windstrom laufen."),
])
def test_a_corresponding_agreement_is_about_what_the_sentence_before_says(lang, text):
    [a] = extract_text(text, language=lang, published="2023-05-10").to_json()["agreements"]
    assert sorted(a["topics"]) == ["hydrogen", "wind energy"]


@pytest.mark.parametrize("lang, text", [
    # decommissioning words alone are about nuclear facilities; of coal plants they are the coal phase-out
    ("en", "Peru and Chile signed an agreement on the decommissioning of coal-fired power plants in Lima on Monday."),
    ("de", "Peru und Chile unterzeichneten am Montag in Lima ein Abkommen über die Stilllegung von Kohlekraftwerken."),
])
def test_closing_coal_plants_is_coal_not_nuclear_decommissioning(lang, text):
    assert _topics(text, lang)[0] == ["coal"]
