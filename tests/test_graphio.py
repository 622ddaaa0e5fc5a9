"""Graph exports: every format round-trips through NetworkX's own readers."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import InputError, UnsupportedFormatError
from kg.graphio import GRAPH_FORMATS, read_graph, scalar_graph, write_graph
from kg.view import View

FIXTURE = Path(__file__).parent / "data" / "view" / "cooperation.ttl"
ID = "https://w3id.org/energy-kg/id/"
JP, RU = ID + "country/JP", ID + "country/RU"
AGR_2009 = ID + "agreement/2009-05-12-japan-russia-nuclear-energy"


@pytest.fixture(scope="module")
def view() -> View:
    return View.from_turtle(FIXTURE.read_text(encoding="utf-8"))


def written(view, fmt, graph="cooperation", all_nodes=False) -> bytes:
    buffer = io.BytesIO()
    write_graph(view, fmt, buffer, graph=graph, all_nodes=all_nodes)
    return buffer.getvalue()


def _expected_nodes(graph: nx.Graph, all_nodes: bool) -> set:
    return set(graph.nodes) if all_nodes else {n for n in graph if graph.degree(n)}


def _scalars_only(graph: nx.Graph) -> bool:
    values = [v for _, d in graph.nodes(data=True) for v in d.values()]
    values += [v for *_, d in graph.edges(data=True) for v in d.values()]
    return all(isinstance(v, (str, int, float)) for v in values)


@pytest.mark.parametrize("graph", ["cooperation", "entity"])
def test_exported_graphs_have_scalar_attributes_only(view, graph):
    assert _scalars_only(scalar_graph(view, graph))


@pytest.mark.parametrize("all_nodes", [False, True], ids=["connected", "all-nodes"])
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_cooperation_graph_round_trips(view, fmt, all_nodes):
    back = read_graph(fmt, written(view, fmt, all_nodes=all_nodes))
    original = view.cooperation
    assert not back.is_directed()
    assert set(back.nodes) == _expected_nodes(original, all_nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in original.edges}
    edge = back.edges[JP, RU]
    assert edge["agreements"] == AGR_2009
    assert edge["agreement_labels"] == (
        "Japan-Russia agreement on peaceful uses of nuclear energy (2009)")
    assert edge["topics"] == ID + "topic/nuclear-energy"
    assert (edge["first"], edge["last"]) == ("2009-05-12", "2009-05-12")
    assert int(edge["weight"]) == 1
    assert back.nodes[JP]["label"] == "Japan"
    assert back.nodes[ID + "org/rosatom"]["type"] == "Organization"


@pytest.mark.parametrize("all_nodes", [False, True], ids=["connected", "all-nodes"])
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_entity_graph_round_trips(view, fmt, all_nodes):
    back = read_graph(fmt, written(view, fmt, graph="entity", all_nodes=all_nodes))
    original = view.entities
    assert back.is_directed() and back.is_multigraph()
    assert set(back.nodes) == _expected_nodes(original, all_nodes)
    assert sorted((u, v) for u, v, _ in back.edges(keys=True)) == \
        sorted((u, v) for u, v, _ in original.edges(keys=True))
    predicates = sorted(d["predicate"] for *_, d in back.edges(data=True))
    assert predicates == sorted(k for *_, k in original.edges(keys=True))
    memo = ID + "agreement/2016-12-16-japan-rosatom-nuclear-energy"
    assert back.nodes[memo]["type"] == "Memorandum"
    if fmt != "csv":  # an edge list keeps only the label and type of a node
        assert back.nodes[memo]["kind"] == "memorandum"
        assert back.nodes[memo]["date"] == "2016-12-16"
    roles = [d for u, v, d in back.edges(data=True) if d["predicate"] == "ekg:role"]
    assert {d["title"] for d in roles} >= {"Director General"}


def test_gexf_carries_dates_for_the_timeline(view):
    data = written(view, "gexf")
    root = ET.fromstring(data)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    starts = {e.get("start") for e in graph.iter("{http://www.gexf.net/1.2draft}edge")}
    assert {"2009-05-12", "2010-01-01", "2019-03-01"} <= starts
    back = nx.read_gexf(io.BytesIO(data))
    assert back.edges[JP, RU]["start"] == "2009-05-12"
    entity = nx.read_gexf(io.BytesIO(written(view, "gexf", graph="entity")))
    assert entity.nodes[AGR_2009]["start"] == "2009-05-12"


# --- dates keep their precision ----------------------------------------------------------

KZ, AR, CL = ID + "country/KZ", ID + "country/AR", ID + "country/CL"
YEAR_TO_MONTH = {"first": "2010", "first_precision": "year", "last": "2015-06",
                 "last_precision": "month", "start": "2010-01-01", "end": "2015-06-30"}
MONTH = {"first": "2019-03", "first_precision": "month", "last": "2019-03",
         "last_precision": "month", "start": "2019-03-01", "end": "2019-03-31"}
DAY = {"first": "2009-05-12", "first_precision": "day", "last": "2009-05-12",
       "last_precision": "day", "start": "2009-05-12", "end": "2009-05-12"}


@pytest.mark.parametrize("pair, expected", [
    ((RU, KZ), YEAR_TO_MONTH), ((AR, CL), MONTH), ((JP, RU), DAY)],
    ids=["year-then-month", "month", "day"])
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_edge_dates_keep_their_precision(view, tmp_path, fmt, pair, expected):
    path = tmp_path / f"cooperation.{fmt}"
    write_graph(view, fmt, path)
    edge = read_graph(fmt, path).edges[pair]
    assert {k: edge.get(k) for k in expected} == expected


def test_gexf_edges_span_from_start_to_end(view, tmp_path):
    path = tmp_path / "cooperation.gexf"
    write_graph(view, "gexf", path)
    ns = "{http://www.gexf.net/1.2draft}"
    graph = ET.parse(path).getroot().find(f"{ns}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = {frozenset((e.get("source"), e.get("target"))): e for e in graph.iter(f"{ns}edge")}
    kz_ru = edges[frozenset((RU, KZ))]
    assert (kz_ru.get("start"), kz_ru.get("end")) == ("2010-01-01", "2015-06-30")
    for edge in edges.values():  # timeformat="date": every start and end is an xsd:date
        for name in ("start", "end"):
            assert edge.get(name) is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", edge.get(name))


# The attribute types each spec allows (GEXF 1.2draft data.xsd, GraphML's attr.type).
GEXF_TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}


@pytest.mark.parametrize("graph", ["cooperation", "entity"])
def test_attribute_types_are_the_specs_own(view, tmp_path, graph):
    gexf, graphml = tmp_path / "g.gexf", tmp_path / "g.graphml"
    write_graph(view, "gexf", gexf, graph=graph)
    write_graph(view, "graphml", graphml, graph=graph)
    gexf_types = {(a.get("title"), a.get("type"))
                  for a in ET.parse(gexf).iter("{http://www.gexf.net/1.2draft}attribute")}
    assert {t for _, t in gexf_types} <= GEXF_TYPES
    keys = {(k.get("attr.name"), k.get("attr.type"))
            for k in ET.parse(graphml).iter("{http://graphml.graphdrawing.org/xmlns}key")}
    assert {t for _, t in keys} <= GRAPHML_TYPES
    if graph == "cooperation":
        assert {("first", "string"), ("first_precision", "string")} <= gexf_types
        assert {("first", "string"), ("start", "string"), ("weight", "long")} <= keys


def test_gexf_validates_against_its_schema_when_available(view, tmp_path):
    xmlschema = pytest.importorskip("xmlschema")
    xsd = Path(os.environ.get("GEXF_XSD", "/usr/share/xml/gexf/1.2draft/gexf.xsd"))
    if not xsd.exists():
        pytest.skip("no GEXF 1.2draft XSD on this machine (never fetched from the network)")
    for graph in ("cooperation", "entity"):
        path = tmp_path / f"{graph}.gexf"
        write_graph(view, "gexf", path, graph=graph)
        xmlschema.XMLSchema(str(xsd)).validate(str(path))


def test_entity_graph_dates_carry_their_precision(view, tmp_path):
    path = tmp_path / "entity.graphml"
    write_graph(view, "graphml", path, graph="entity")
    back = read_graph("graphml", path)
    assert (back.nodes[AGR_2009]["date"], back.nodes[AGR_2009]["date_precision"]) == (
        "2009-05-12", "day")
    roles = [d for *_, d in back.edges(data=True) if d["predicate"] == "ekg:role" and "start" in d]
    assert roles and all(d["start_precision"] == "year" for d in roles if len(d["start"]) == 4)
    gexf = tmp_path / "entity.gexf"
    write_graph(view, "gexf", gexf, graph="entity")
    timed = [d for *_, d in read_graph("gexf", gexf).edges(data=True) if "role_start" in d]
    assert timed and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["start"]) for d in timed)


# --- only connected nodes unless all_nodes -----------------------------------------------

@pytest.mark.parametrize("graph", ["cooperation", "entity"])
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_no_isolated_node_by_default(view, tmp_path, fmt, graph):
    path = tmp_path / f"{graph}.{fmt}"
    write_graph(view, fmt, path, graph=graph)
    back = read_graph(fmt, path)
    assert back.number_of_nodes() and nx.number_of_isolates(back) == 0
    write_graph(view, fmt, path, graph=graph, all_nodes=True)
    everything = read_graph(fmt, path)
    assert nx.number_of_isolates(everything) > 0


def test_cytoscape_is_the_elements_format(view):
    payload = json.loads(written(view, "cytoscape"))
    assert set(payload) >= {"data", "elements", "directed", "multigraph"}
    nodes, edges = payload["elements"]["nodes"], payload["elements"]["edges"]
    assert {"id", "label", "type"} <= set(nodes[0]["data"])
    assert {"source", "target", "weight"} <= set(edges[0]["data"])
    assert nx.cytoscape_graph(payload, name="label").number_of_edges() == len(edges)


def test_csv_rows_and_isolated_nodes(view):
    assert all(r["target"] for r in csv.DictReader(io.StringIO(written(view, "csv").decode())))
    rows = list(csv.DictReader(io.StringIO(written(view, "csv", all_nodes=True).decode())))
    iceland = [r for r in rows if r["source"] == ID + "country/IS"]
    assert iceland and iceland[0]["target"] == "" and iceland[0]["source_label"] == "Iceland"
    japan_russia = [r for r in rows if {r["source"], r["target"]} == {JP, RU}]
    assert japan_russia[0]["first"] == "2009-05-12"
    entity_rows = list(csv.DictReader(io.StringIO(written(view, "csv", "entity").decode())))
    assert list(entity_rows[0])[:8] == ["source", "target", "source_label", "source_type",
                                        "target_label", "target_type", "predicate", "label"]


def test_write_to_a_path(view, tmp_path):
    out = tmp_path / "cooperation.graphml"
    write_graph(view, "graphml", out)
    assert nx.read_graphml(out).number_of_nodes() == len(_expected_nodes(view.cooperation, False))
    write_graph(view, "cyjs", tmp_path / "g.cyjs", graph="entity")  # an alias of cytoscape
    assert read_graph("cytoscape", tmp_path / "g.cyjs").is_multigraph()


def test_bad_format_and_graph(view):
    with pytest.raises(UnsupportedFormatError):
        write_graph(view, "turtle", io.BytesIO())
    with pytest.raises(UnsupportedFormatError):
        write_graph(view, "pdf", io.BytesIO())
    with pytest.raises(InputError):
        write_graph(view, "csv", io.BytesIO(), graph="people")
