"""Queries on the view: resolve, partners, agreements, paths, neighbourhood, centrality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import query as q
from kg.errors import InputError, NoPathError, NotFoundError
from kg.view import View

FIXTURE = Path(__file__).parent / "data" / "view" / "cooperation.ttl"
ID = "https://w3id.org/energy-kg/id/"


@pytest.fixture(scope="module")
def view() -> View:
    return View.from_turtle(FIXTURE.read_text(encoding="utf-8"))


# --- resolve -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "iri"), [
    ("Kazakhstan", "country/KZ"),
    ("Kasachstan", "country/KZ"),          # German label
    ("KZ", "country/KZ"),                  # ISO code
    ("kz", "country/KZ"),
    ("Kazakstan", "country/KZ"),           # misspelt: fuzzy, unambiguous
    ("https://w3id.org/energy-kg/id/country/KZ", "country/KZ"),
    ("<https://w3id.org/energy-kg/id/country/KZ>", "country/KZ"),
    ("id:country/KZ", "country/KZ"),
    ("country/KZ", "country/KZ"),
    ("Nordrhein-Westfalen", "region/DE-NW"),
    ("NRW", "region/DE-NW"),
    ("DE-NW", "region/DE-NW"),
    ("Präfektur Fukushima", "region/JP-07"),
    ("prafektur fukushima", "region/JP-07"),
    ("Fukushima", "region/JP-07"),         # every word of one entity's name
    ("Russland", "country/RU"),
    ("Russian Federation", "country/RU"),
    ("METI", "org/meti"),
    ("Alexei Lichatschow", "person/alexey-likhachev"),
    ("Tokyo", "region/JP-13"),             # a region before a place of the same name
    ("Wasserstoff", "topic/hydrogen"),
])
def test_resolve_finds_entities(view, name, iri):
    assert q.resolve(view, name).iri == ID + iri


def test_resolve_can_be_restricted_to_types(view):
    assert q.resolve(view, "Tokyo", types={"Place"}).iri == ID + "place/tokyo"
    with pytest.raises(NotFoundError):
        q.resolve(view, "Japan", types={"Topic"})


@pytest.mark.parametrize(("name", "suggested"), [
    ("Atlantis", None),
    ("Tokio", "Tokyo"),
    ("Memorandum", "Memorandum of 15 Jan 2026"),
])
def test_unknown_names_raise_with_suggestions(view, name, suggested):
    with pytest.raises(NotFoundError) as info:
        q.resolve(view, name)
    assert info.value.suggestions
    if suggested:
        assert suggested in info.value.suggestions
    assert name in str(info.value)


def test_empty_name_is_not_found(view):
    with pytest.raises(NotFoundError):
        q.resolve(view, "  ")


# --- partners ----------------------------------------------------------------------------------

def labels(items) -> list[str]:
    return [x.label for x in items]


def test_partners_of_japan(view):
    found = {p.label: p for p in q.partners(view, "Japan")}
    assert set(found) == {"Russia", "Rosatom", "Ministry of Economy, Trade and Industry"}
    russia = found["Russia"]
    assert labels(russia.agreements) == [
        "Japan-Russia agreement on peaceful uses of nuclear energy (2009)"]
    assert (russia.first, russia.last, russia.weight) == ("2009-05-12", "2009-05-12", 1)
    rosatom = found["Rosatom"]
    assert rosatom.country.label == "Russia"  # Russia is reachable from Rosatom
    assert [a.date for a in rosatom.agreements] == ["2016-12-16"]
    assert rosatom.evidence[0].quote == "Rosatom and METI signed a memorandum in Tokyo."
    assert rosatom.agreements[0].documents == [ID + "document/0123456789abcdef"]


def test_partners_carry_signatories_topics_and_sources(view):
    [rosatom] = [p for p in q.partners(view, "METI") if p.label == "Rosatom"]
    memo = rosatom.agreements[0]
    assert sorted(labels(memo.signatories)) == ["Alexey Likhachev", "Hiroshige Seko"]
    assert labels(memo.topics) == ["nuclear fuel cycle"]
    assert memo.signed_at.label == "Tokyo" and memo.kind == "memorandum"
    assert memo.sources == ["https://w3id.org/energy-kg/graph/curated"]
    titles = {s["signer"]["label"]: s["title"] for s in memo.signatures}
    assert titles["Alexey Likhachev"] == "Generaldirektor"


@pytest.mark.parametrize(("actor", "topic", "expected"), [
    ("Nordrhein-Westfalen", "hydrogen", ["Fukushima Prefecture", "Osaka Prefecture", "Tokyo"]),
    ("Nordrhein-Westfalen", "Wasserstoff", ["Fukushima Prefecture", "Osaka Prefecture", "Tokyo"]),
    ("Nordrhein-Westfalen", "nuclear energy", []),
    # a broader topic matches agreements about its narrower topics
    ("Russia", "nuclear energy", ["Japan", "Kazakhstan"]),       # uranium mining < fuel cycle < nuclear
    ("Russia", "nuclear fuel cycle", ["Kazakhstan"]),
    ("Russia", "uranium mining", ["Kazakhstan"]),
    ("Rosatom", "nuclear energy", ["Japan", "Ministry of Economy, Trade and Industry"]),
    # a narrower topic does not match an agreement about its broader topic only
    ("Japan", "uranium mining", []),
    ("Kazakhstan", "natural gas", ["Russia"]),                   # a stated cooperation's topic
])
def test_partners_topic_filter(view, actor, topic, expected):
    assert sorted(labels(q.partners(view, actor, topic=topic))) == expected


@pytest.mark.parametrize(("actor", "since", "until", "expected"), [
    ("Japan", None, None, ["Ministry of Economy, Trade and Industry", "Rosatom", "Russia"]),
    ("Japan", "2010", None, ["Ministry of Economy, Trade and Industry", "Rosatom"]),
    ("Japan", None, "2009-05", ["Russia"]),
    ("Japan", "2009-05-13", "2016-12-15", []),
    ("Japan", "2016-12", "2016-12", ["Ministry of Economy, Trade and Industry", "Rosatom"]),
    ("Russia", "2010-06", "2010-06", ["Kazakhstan"]),           # gYear 2010 overlaps June 2010
    # Osaka: undated; Tokyo: a cooperation ongoing since 2018
    ("Nordrhein-Westfalen", "2020", None, ["Fukushima Prefecture", "Tokyo"]),
    ("Nordrhein-Westfalen", None, "2018", ["Tokyo"]),
    ("Nordrhein-Westfalen", None, "2017-12", []),
])
def test_partners_date_window(view, actor, since, until, expected):
    assert sorted(labels(q.partners(view, actor, since=since, until=until))) == expected


def test_partners_filters_narrow_the_listed_agreements():
    view = View.from_turtle(FIXTURE.read_text(encoding="utf-8") + """
        <https://w3id.org/energy-kg/id/agreement/2021-japan-russia-lng>
            a <https://w3id.org/energy-kg/ontology#Contract> ;
            <https://w3id.org/energy-kg/ontology#party> <https://w3id.org/energy-kg/id/country/JP> ,
                <https://w3id.org/energy-kg/id/country/RU> ;
            <https://w3id.org/energy-kg/ontology#topic> <https://w3id.org/energy-kg/id/topic/natural-gas> ;
            <https://w3id.org/energy-kg/ontology#signedOn> "2021"^^<http://www.w3.org/2001/XMLSchema#gYear> .
    """)
    [russia] = [p for p in q.partners(view, "Japan") if p.label == "Russia"]
    assert (russia.weight, russia.first, russia.last) == (2, "2009-05-12", "2021")
    [russia] = q.partners(view, "Japan", topic="natural gas")
    assert russia.weight == 1 and labels(russia.topics) == ["natural gas"]
    assert (russia.first, russia.last) == ("2021", "2021")
    [russia] = [p for p in q.partners(view, "Japan", until="2015") if p.label == "Russia"]
    assert [a.date for a in russia.agreements] == ["2009-05-12"]


def test_partners_of_a_non_actor_is_empty(view):
    assert q.partners(view, "Alexey Likhachev") == []


def test_partners_topic_names_are_resolved_among_topics(view):
    assert labels(q.partners(view, "NRW", topic="hydrogn"))  # a misspelt topic still resolves
    with pytest.raises(NotFoundError) as info:
        q.partners(view, "Japan", topic="Japan")  # a name, but not a topic's
    assert "Topic" in str(info.value)


def test_partners_bad_window_is_input_error(view):
    with pytest.raises(InputError):
        q.partners(view, "Japan", since="last year")


def test_partner_to_dict_is_json_ready(view):
    data = [p.to_dict() for p in q.partners(view, "Japan")]
    text = json.dumps(data)
    assert "Rosatom and METI signed" in text
    rosatom = next(p for p in data if p["label"] == "Rosatom")
    assert rosatom["country"] == {"iri": ID + "country/RU", "label": "Russia", "type": "Country"}
    assert rosatom["agreements"][0]["parties"]


# --- agreements --------------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "expected_dates"), [
    ({}, ["2009-05-12", "2010", "2016-12-16", "2019-03", "2026-01-15"]),
    ({"party": "Japan"}, ["2009-05-12", "2016-12-16"]),      # JP signed the memo via Seko
    ({"party": "Rosatom"}, ["2016-12-16"]),
    ({"topic": "nuclear energy"}, ["2009-05-12", "2010", "2016-12-16"]),
    ({"topic": "nuclear fuel cycle"}, ["2010", "2016-12-16"]),
    ({"kind": "memorandum"}, ["2016-12-16", "2026-01-15"]),
    ({"kind": "Contract"}, ["2019-03"]),
    ({"kind": "declaration of intent"}, ["2010"]),
    ({"since": "2010-06", "until": "2019-03-15"}, ["2010", "2016-12-16", "2019-03"]),
    ({"since": "2019-04"}, ["2026-01-15"]),
    ({"party": "Russia", "topic": "uranium mining", "until": "2010"}, ["2010"]),
])
def test_agreements_filters(view, kwargs, expected_dates):
    assert [a.date for a in q.agreements(view, **kwargs)] == expected_dates


def test_agreements_unknown_kind(view):
    with pytest.raises(InputError, match="known: "):
        q.agreements(view, kind="letter")


def test_agreement_info_to_dict(view):
    [memo] = q.agreements(view, party="Rosatom")
    data = memo.to_dict()
    json.dumps(data)
    assert data["kind"] == "memorandum" and data["signed_at"]["label"] == "Tokyo"
    assert {p["label"] for p in data["parties"]} == {
        "Rosatom", "Ministry of Economy, Trade and Industry", "Japan"}
    assert data["evidence"][0]["confidence"] == 0.9


# --- paths -------------------------------------------------------------------------------------

def test_path_nrw_to_kazakhstan_is_explained(view):
    [found] = q.path(view, "North Rhine-Westphalia", "Kazakhstan")
    assert found.nodes[0].label == "North Rhine-Westphalia"
    assert found.nodes[-1].label == "Kazakhstan"
    assert found.text.startswith("North Rhine-Westphalia — ")
    assert " — part of → Japan" in found.text
    assert found.length == len(found.hops) == len(found.nodes) - 1 == 7
    for hop, (a, b) in zip(found.hops, zip(found.nodes, found.nodes[1:])):
        assert (hop.source, hop.target) == (a, b)
        assert hop.direction in ("forward", "backward")
        assert hop.predicate.startswith("https://w3id.org/energy-kg/ontology#")
    data = found.to_dict()
    json.dumps(data)
    assert data["hops"][0]["source"]["label"] == "North Rhine-Westphalia"


def test_path_text_reads_party_and_part_of(view):
    [found] = q.path(view, "Fukushima Prefecture", "North Rhine-Westphalia")
    assert found.text == ("Fukushima Prefecture — party to → Memorandum of 15 Jan 2026 "
                          "← party to — North Rhine-Westphalia")
    first = found.hops[0]
    assert first.direction == "backward"  # the triple is memorandum ekg:party Fukushima
    assert first.predicate == "https://w3id.org/energy-kg/ontology#party"
    [up] = q.path(view, "Fukushima Prefecture", "Japan")
    assert up.text == "Fukushima Prefecture — part of → Japan"
    assert up.hops[0].direction == "forward"


def test_k_shortest_paths_are_distinct_and_ordered(view):
    found = q.path(view, "North Rhine-Westphalia", "Kazakhstan", k=4)
    assert len(found) == 4
    assert len({tuple(n.iri for n in p.nodes) for p in found}) == 4
    assert [p.length for p in found] == sorted(p.length for p in found)
    for p in found:
        assert len({n.iri for n in p.nodes}) == len(p.nodes)  # simple paths


def test_path_via(view):
    [found] = q.path(view, "Kazakhstan", "Japan", via="Rosatom")
    assert "Rosatom" in [n.label for n in found.nodes]
    assert len({n.iri for n in found.nodes}) == len(found.nodes)


def test_path_through_persons(view):
    [found] = q.path(view, "Alexey Likhachev", "Hiroshige Seko")
    assert found.length == 2
    assert "signed" in found.text


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"a": "Japan", "b": "Chile"}, NoPathError),                       # two components
    ({"a": "Iceland", "b": "Japan"}, NoPathError),                     # an isolated country
    ({"a": "NRW", "b": "Kazakhstan", "topic": "hydrogen"}, NoPathError),
    ({"a": "NRW", "b": "Kazakhstan", "until": "2008"}, NoPathError),
    ({"a": "NRW", "b": "Kazakhstan", "max_hops": 4}, NoPathError),
    ({"a": "NRW", "b": "Kazakhstan", "edge_kinds": ["party"]}, NoPathError),
    ({"a": "NRW", "b": "Atlantis"}, NotFoundError),
])
def test_path_failures(view, kwargs, error):
    with pytest.raises(error) as info:
        q.path(view, **kwargs)
    if error is NoPathError:
        assert "no path between" in str(info.value)
    else:
        assert not isinstance(info.value, NoPathError)


@pytest.mark.parametrize(("kwargs", "must_contain"), [
    ({"topic": "hydrogen", "until": "2017"}, None),
    ({"topic": "hydrogen", "since": "2020", "edge_kinds": "party,partOf"},
     "Memorandum of 15 Jan 2026"),
    ({"until": "2019"}, "NRW cooperates with Tokyo on hydrogen"),      # ongoing since 2018
    ({"since": "2025", "until": "2025"}, "NRW cooperates with Tokyo on hydrogen"),
    ({"topic": "natural gas"}, None),
])
def test_path_restricted_by_topic_and_window(view, kwargs, must_contain):
    if must_contain is None:
        with pytest.raises(NoPathError):
            q.path(view, "NRW", "Japan", **kwargs)
        return
    [found] = q.path(view, "NRW", "Japan", **kwargs)
    assert must_contain in found.text


def test_path_topic_filter_includes_narrower_topics(view):
    kinds = "party,participant"
    [found] = q.path(view, "Japan", "Kazakhstan", topic="nuclear energy", edge_kinds=kinds)
    assert "uranium" in found.text  # the 2010 declaration is about uranium mining
    with pytest.raises(NoPathError):
        q.path(view, "Japan", "Kazakhstan", topic="natural gas", edge_kinds=kinds)
    with pytest.raises(NoPathError):
        q.path(view, "Japan", "Kazakhstan", topic="hydrogen", edge_kinds=kinds)


def test_path_edge_kinds(view):
    [found] = q.path(view, "Fukushima Prefecture", "Russia", edge_kinds="party,partOf")
    assert {h.predicate.split("#")[1] for h in found.hops} <= {"party", "partOf"}
    [any_kind] = q.path(view, "hydrogen", "Japan", edge_kinds="all")
    assert any_kind.nodes[0].type == "Topic"


def test_path_to_a_topic_uses_topic_links(view):
    [found] = q.path(view, "Japan", "nuclear energy")
    assert found.hops[-1].phrase == "about"


def test_path_bad_arguments(view):
    with pytest.raises(InputError):
        q.path(view, "Japan", "Russia", k=0)
    with pytest.raises(InputError):
        q.path(view, "Japan", "Russia", max_hops=0)


# --- neighbourhood, centrality, communities ------------------------------------------------------

def test_neighbourhood(view):
    hood = q.neighbourhood(view, "Rosatom", radius=1)
    assert {(e.label, d) for e, d in hood.nodes} == {
        ("Rosatom", 0), ("Russia", 1), ("Alexey Likhachev", 1),
        ("Memorandum of 16 Dec 2016 on nuclear energy", 1)}
    assert "Rosatom — based in → Russia" in [h.text for h in hood.edges]
    wider = q.neighbourhood(view, "Rosatom", radius=2)
    assert len(wider.nodes) > len(hood.nodes)
    small = q.neighbourhood(view, "Rosatom", radius=3, limit=5)
    assert small.truncated and len(small.nodes) == 5
    json.dumps(wider.to_dict())


@pytest.mark.parametrize("kind", ["degree", "betweenness", "pagerank"])
def test_centrality(view, kind):
    scores = q.centrality(view, kind, top=3)
    assert len(scores) == 3 and [s.rank for s in scores] == [1, 2, 3]
    assert scores[0].score >= scores[1].score >= scores[2].score
    json.dumps([s.to_dict() for s in scores])


def test_centrality_types_and_unknown_kind(view):
    assert {s.entity.type for s in q.centrality(view, "degree", top=None,
                                                 types={"Country"})} == {"Country"}
    top = q.centrality(view, "degree", top=None)
    assert top[0].score == max(s.score for s in top)
    assert top[0].entity.label in ("Japan", "North Rhine-Westphalia")  # three partners each
    with pytest.raises(InputError):
        q.centrality(view, "closeness")


def test_communities(view):
    groups = [sorted(m.label for m in c.members) for c in q.communities(view)]
    assert ["Argentina", "Chile"] in groups
    assert any({"Fukushima Prefecture", "North Rhine-Westphalia"} <= set(g) for g in groups)
    assert all(len(g) >= 2 for g in groups)
    assert groups == [sorted(m.label for m in c.members) for c in q.communities(view)]
    json.dumps([c.to_dict() for c in q.communities(view)])


# --- acceptance on the repository's seed graph ---------------------------------------------------

@pytest.fixture(scope="module")
def seed_view(seed_store) -> View:
    from kg.view import get_view

    return get_view(seed_store)


def test_seed_partners_of_japan_include_russia_with_2009_and_2016(seed_view):
    found = {p.iri: p for p in q.partners(seed_view, "Japan")}
    russia, rosatom = ID + "country/RU", ID + "org/rosatom"
    assert russia in found or rosatom in found
    if rosatom in found:
        assert found[rosatom].country.iri == russia  # Russia is reachable from Rosatom
    years = {a.date[:4] for iri in (russia, rosatom) if iri in found
             for a in found[iri].agreements if a.date}
    assert {"2009", "2016"} <= years


def test_seed_partners_of_nrw_on_hydrogen(seed_view):
    found = [p.label for p in q.partners(seed_view, "Nordrhein-Westfalen", topic="hydrogen")]
    assert "Fukushima Prefecture" in found


def test_seed_path_nrw_kazakhstan(seed_view):
    [found] = q.path(seed_view, "North Rhine-Westphalia", "Kazakhstan")
    assert found.nodes[0].iri == ID + "region/DE-NW" and found.nodes[-1].iri == ID + "country/KZ"
    assert found.text.startswith("North Rhine-Westphalia — ") and found.hops


def test_seed_path_between_unconnected_entities(seed_view):
    for iri, data in sorted(seed_view.cooperation.nodes(data=True)):
        if data["type"] != "Country":
            continue
        try:
            q.path(seed_view, "Japan", iri)
        except NoPathError as error:
            assert "no path between Japan and" in str(error)
            return
    pytest.fail("every country is linked to Japan")


@pytest.mark.parametrize("name", ["Kasachstan", "KZ", "Kazakstan"])
def test_seed_resolve_kazakhstan(seed_view, name):
    assert q.resolve(seed_view, name).iri == ID + "country/KZ"


def test_seed_unknown_name_has_suggestions(seed_view):
    with pytest.raises(NotFoundError) as info:
        q.resolve(seed_view, "Atlantis Energy Corporation")
    assert info.value.suggestions


# --- pages of partners and agreements: sorted on IRIs first, only the page built ---------------

@pytest.fixture(scope="module")
def synthetic_view() -> View:
    """A small graph of the benchmark generator: hubs with many partners and agreements."""
    import importlib.util

    from kg.store import Store

    spec = importlib.util.spec_from_file_location(
        "synthetic", Path(__file__).resolve().parents[1] / "bench" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    store = Store("memory:")
    synthetic.load(store, triples=30_000, countries=30, organizations=150, persons=300)
    return View.from_store(store)


def _busiest(view: View, n: int = 3) -> list[str]:
    return sorted(view.cooperation, key=lambda i: (-len(view.cooperation._adj[i]), i))[:n]


FILTERS = [{}, {"topic": "nuclear energy"}, {"since": "2005", "until": "2015-06"},
           {"topic": "renewable energy", "since": "2012"}]


@pytest.mark.parametrize("filters", FILTERS)
def test_partner_links_order_and_content(synthetic_view, filters):
    from kg.view import window

    view = synthetic_view
    topics = (view.topic_closure(q.resolve(view, filters["topic"]).iri)
              if "topic" in filters else None)
    win = window(filters.get("since"), filters.get("until"))
    for actor in _busiest(view):
        center, links = q.partner_links(view, actor, **filters)
        assert center.iri == actor and links
        found = q.partners(view, actor, **filters)
        assert [p.iri for p in found] == [link.iri for link in links]
        # strongest first, then by name, then IRI: the order partners always had
        keys = [(-p.weight, p.label.casefold(), p.iri) for p in found]
        assert keys == sorted(keys)
        for p in found:
            edge = view.cooperation.edges[actor, p.iri]
            wanted = [i for i in edge["agreements"]
                      if (topics is None and win is None)
                      or q.matches(view.agreement_records[i], topics, win)]
            assert [a.iri for a in p.agreements] == wanted
            assert p.weight == max(1, len(p.agreements) + len(p.cooperations))
            assert p.evidence == [e for a in p.agreements + p.cooperations for e in a.evidence]
        assert [p.iri for p in q.partners(view, actor, limit=5, **filters)] == \
            [p.iri for p in found[:5]]


@pytest.mark.parametrize("filters", FILTERS)
def test_partner_json_is_its_to_dict(synthetic_view, filters):
    view = synthetic_view
    for actor in _busiest(view, 2):
        _, links = q.partner_links(view, actor, **filters)
        assert links  # the busiest actors have partners under every filter here
        for link in links[:25]:
            assert json.loads(link.to_json(view)) == link.partner(view).to_dict()


def test_agreement_json_is_its_to_dict(synthetic_view, view):
    for v in (synthetic_view, view):
        for iri in list(v.agreement_records)[:200] + list(v.cooperation_records):
            assert json.loads(q.agreement_json(v, iri)) == q.agreement_info(v, iri).to_dict()
    assert q.to_json({"a": "Präfektur", "b": [1, None, 0.5]}) == \
        '{"a":"Präfektur","b":[1,null,0.5]}'.encode()


@pytest.mark.parametrize("filters", [
    {}, {"topic": "nuclear energy"}, {"kind": "memorandum"}, {"since": "2010", "until": "2012"},
    {"party": 0}, {"party": 1, "topic": "hydrogen"}, {"party": 0, "since": "2015"},
    {"party": 2, "kind": "Contract", "topic": "natural gas"},
])
def test_agreement_iris_order_and_filters(synthetic_view, filters):
    from kg.view import window

    view = synthetic_view
    if "party" in filters:
        filters = {**filters, "party": _busiest(view)[filters["party"]]}
    records = view.agreement_records
    topics = (view.topic_closure(q.resolve(view, filters["topic"]).iri)
              if "topic" in filters else None)
    win = window(filters.get("since"), filters.get("until"))
    kind = q._kind_key(view, filters["kind"]) if "kind" in filters else None
    party = filters.get("party")
    # the plain way: every agreement, filtered, then sorted
    expected = [r for r in records.values()
                if (party is None or party in r.parties)
                and (kind is None or r.kind == kind)
                and q.matches(r, topics, win)]
    expected.sort(key=lambda r: ((r.span or ("9999",))[0], r.label.casefold(), r.iri))
    found = q.agreement_iris(view, **filters)
    assert found == [r.iri for r in expected] and found
    assert [a.iri for a in q.agreements(view, limit=7, **filters)] == found[:7]


def test_evidence_to_dict_keeps_every_field():
    from dataclasses import fields

    assert tuple(f.name for f in fields(q.Evidence)) == q._EVIDENCE_FIELDS
    ev = q.Evidence("s", document="d", confidence=0.5)
    assert ev.to_dict() == {"supports": "s", "document": "d", "confidence": 0.5}
