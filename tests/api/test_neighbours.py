"""``/neighbours`` and the entity tags of view-backed answers, over the real server."""

from __future__ import annotations

JP = "https://w3id.org/energy-kg/id/country/JP"


def _partners(http, actor: str) -> set[str]:
    body = http.get("/cooperations", params={"actor": actor, "limit": 1000}).json()
    return {p["iri"] for p in body["items"]}


def test_rings_of_partners_match_the_partner_lists(http):
    one = http.get("/neighbours", params={"actor": "Japan", "depth": 1}).json()
    assert one["actor"]["iri"] == JP and one["depth"] == 1
    assert {i["iri"] for i in one["items"]} == _partners(http, JP)
    assert all(i["distance"] == 1 and i["via"] == JP for i in one["items"])

    two = http.get("/neighbours", params={"actor": "Japan", "limit": 1000}).json()  # depth 2
    assert two["depth"] == 2 and two["total"] == len(two["items"])
    first = {i["iri"] for i in two["items"] if i["distance"] == 1}
    second = {i["iri"] for i in two["items"] if i["distance"] == 2}
    assert first == _partners(http, JP) and second
    expected = set().union(*(_partners(http, p) for p in first)) - first - {JP}
    assert second == expected
    for item in two["items"]:
        if item["distance"] == 2:  # reached through a partner that really links to it
            assert item["via"] in first and item["iri"] in _partners(http, item["via"])
        assert {"label", "type"} <= set(item)
    distances = [i["distance"] for i in two["items"]]
    assert distances == sorted(distances)

    three = http.get("/neighbours", params={"actor": "Japan", "depth": 3, "limit": 1000}).json()
    assert [i for i in three["items"] if i["distance"] <= 2] == two["items"]


def test_neighbours_page_and_errors(http):
    whole = http.get("/neighbours", params={"actor": "JP", "limit": 1000}).json()
    page = http.get("/neighbours", params={"actor": "JP", "limit": 2, "offset": 1}).json()
    assert page["items"] == whole["items"][1:3] and page["total"] == whole["total"]
    assert (page["next"] is None) == (whole["total"] <= 3)
    assert http.get("/neighbours", params={"actor": "Japan", "depth": 4}).status_code == 400
    assert http.get("/neighbours", params={"actor": "Japan", "depth": 0}).status_code == 400
    assert http.get("/neighbours").status_code == 400
    unknown = http.get("/neighbours", params={"actor": "Atlantis"})
    assert unknown.status_code == 404 and unknown.json()["suggestions"]
    spec = http.get("/openapi.json").json()["paths"]["/neighbours"]["get"]["responses"]
    assert {"200", "304", "400", "404", "503"} <= set(spec) and "422" not in spec


def test_view_answers_carry_the_revision_tag(http, auth):
    for path, params in (("/cooperations", {"actor": "Japan"}),
                         ("/cooperations", {"actor": "Japan", "topic": "hydrogen"}),
                         ("/cooperations", {}), ("/neighbours", {"actor": "Japan"})):
        first = http.get(path, params=params)
        tag = first.headers["etag"]
        assert tag.startswith('"kg-') and first.status_code == 200
        same = http.get(path, params=params, headers={"If-None-Match": tag})
        assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == tag
        assert http.get(path, params=params,
                        headers={"If-None-Match": f'W/{tag}, "other"'}).status_code == 304
        assert http.get(path, params=params,
                        headers={"If-None-Match": '"kg-other-0"'}).status_code == 200
    # a write moves the revision: the old tag no longer matches
    tag = http.get("/cooperations", params={"actor": "Japan"}).headers["etag"]
    graph = "https://w3id.org/energy-kg/graph/test-etag"
    done = http.post("/update", headers=auth, data={"update": (
        f"INSERT DATA {{ GRAPH <{graph}> {{ <{JP}> <http://www.w3.org/2000/01/rdf-schema#comment>"
        ' "etag test" } }')})
    assert done.status_code in (200, 204), done.text
    try:
        again = http.get("/cooperations", params={"actor": "Japan"},
                         headers={"If-None-Match": tag})
        assert again.status_code == 200 and again.headers["etag"] != tag
    finally:
        http.post("/update", headers=auth, data={"update": f"DROP GRAPH <{graph}>"})


def test_the_short_way_to_partner_pages_answers_as_fastapi_does(http):
    """``/cooperations?actor=`` (the short way past FastAPI, ``api.app.KGApp``) and the same
    request with a parameter the short way leaves to FastAPI's route give the same page."""
    for params in ({"actor": "Japan"}, {"actor": "JP", "limit": 2, "offset": 1},
                   {"actor": "Russia", "limit": 1000}):
        short = http.get("/cooperations", params=params)
        routed = http.get("/cooperations", params={**params, "unused": "1"})
        assert short.status_code == routed.status_code == 200
        assert short.headers["etag"] == routed.headers["etag"]
        body, other = short.json(), routed.json()
        assert (body.pop("next") is None) == (other.pop("next") is None)
        assert body == other
    for params in ({"actor": "Japan", "limit": "0"}, {"actor": "Japan", "limit": "x"},
                   {"actor": "Japan", "offset": "-1"}, {"actor": "Japan", "limit": "١"}):
        assert http.get("/cooperations", params=params).status_code == 400, params
    unknown = http.get("/cooperations", params={"actor": "Atlantis"})
    assert unknown.status_code == 404 and unknown.json()["suggestions"]
