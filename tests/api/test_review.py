"""The review queue over HTTP, against a real uvicorn server of its own: a document with an
uncertain agreement, GET /review, accept and reject with the token, ?include=pending, and the
merges of two reports of one signing."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import LiveServer
from tests.test_resolve import REPORTS

ID = "https://w3id.org/energy-kg/id/"
SINGLE = ID + "agreement/2024-04-03-cl-hydrogen"


@pytest.fixture(scope="module")
def server():
    server = LiveServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


@pytest.fixture(scope="module")
def auth(server) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.token}"}


def post_report(http, auth, name: str) -> dict:
    text = (REPORTS / name).read_text(encoding="utf-8")
    response = http.post("/documents", json={"text": text}, headers=auth)
    assert response.status_code in (200, 201), response.text
    return response.json()


def agreements(http, **params) -> set[str]:
    response = http.get("/agreements", params={"party": "Chile", "limit": 100, **params})
    assert response.status_code == 200, response.text
    return {a["iri"] for a in response.json()["items"]}


def test_an_uncertain_agreement_waits_for_review_and_is_accepted(http, auth):
    assert http.get("/review").json()["total"] == 0
    done = post_report(http, auth, "cl_single_party.txt")
    assert len(done["pending"]) == 1
    (item_id,) = done["pending"]

    page = http.get("/review").json()
    assert page["total"] == 1 and page["threshold"] == 0.65
    (item,) = page["items"]
    assert item["id"] == item_id and item["status"] == "pending" and item["kind"] == "fact"
    assert item["subject"] == SINGLE and item["score"] == 0.6
    assert "Chile signed a memorandum" in item["quote"]
    assert item["document"].endswith(done["key"]) and item["statements"]

    assert SINGLE not in agreements(http)
    assert SINGLE in agreements(http, include="pending")
    assert http.get("/agreements", params={"include": "everything"}).status_code == 400

    body = {"decision": "accept"}
    assert http.post(f"/review/{item_id}", json=body).status_code == 401
    assert http.post(f"/review/{item_id}", json=body,
                     headers={"Authorization": "Bearer wrong"}).status_code == 403
    for bad in ({"decision": "maybe"}, {"verdict": "accept"}, ["accept"]):
        response = http.post(f"/review/{item_id}", json=bad, headers=auth)
        assert response.status_code == 400, response.text
    response = http.post(f"/review/{item_id}", content=b"accept",
                         headers={**auth, "Content-Type": "text/plain"})
    assert response.status_code == 415
    response = http.post("/review/0123456789ab", json=body, headers=auth)
    assert response.status_code == 404 and response.json()["error"] == "not_found"
    assert http.post("/review/not-an-id", json=body, headers=auth).status_code == 400

    accepted = http.post(f"/review/{item_id}", json=body, headers=auth)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    assert SINGLE in agreements(http)
    assert http.get("/review").json()["total"] == 0
    assert [i["id"] for i in http.get("/review", params={"status": "accepted"}).json()["items"]] \
        == [item_id]
    again = http.post(f"/review/{item_id}", json={"decision": "reject"}, headers=auth)
    assert again.status_code == 400 and "already accepted" in again.json()["message"]


def test_two_reports_of_one_signing_and_a_close_call_rejected(http, auth):
    german = post_report(http, auth, "cl_de_hydrogen_de.txt")
    english = post_report(http, auth, "cl_de_hydrogen_en.txt")
    # "Tomás Quintral Lorenzo" is the minister of the earlier one-party report, "Tomás Quintral"
    assert [m["into"] for m in german["merged"]] == [ID + "person/tomas-quintral"]
    merged = {m["node"].rsplit("/", 1)[-1]: m for m in english["merged"]}
    assert merged["2024-03-cl-de-hydrogen"]["into"] == ID + "agreement/2024-03-14-cl-de-hydrogen"
    found = agreements(http)
    assert ID + "agreement/2024-03-14-cl-de-hydrogen" in found
    assert ID + "agreement/2024-03-cl-de-hydrogen" not in found
    cooperation = http.get("/cooperations", params={"actor": "Chile",
                                                    "expand": "agreements"}).json()
    assert [p["iri"] for p in cooperation["items"]] == [ID + "country/DE"]
    evidence_docs = {e["document"] for p in cooperation["items"] for e in p["evidence"]}
    assert {german["document"], english["document"]} <= evidence_docs

    undated = post_report(http, auth, "cl_de_hydrogen_undated.txt")
    (close,) = [m for m in undated["merged"] if m["kind"] == "agreement"]
    assert close["close_call"]
    items = {i["id"]: i for i in http.get("/review").json()["items"]}
    assert items[close["merge"]]["kind"] == "merge" and items[close["merge"]]["reasons"]
    rejected = http.post(f"/review/{close['merge']}", json={"decision": "reject"}, headers=auth)
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert close["node"] in agreements(http)

    merges = {m["key"]: m for m in http.get("/merges", params={"limit": 1000}).json()["items"]}
    assert merges[close["merge"]]["status"] == "undone"
    key = merged["h-brandtner"]["merge"]
    assert merges[key]["status"] == "merged"
    assert http.post(f"/merges/{key}/undo").status_code == 401
    undone = http.post(f"/merges/{key}/undo", headers=auth)
    assert undone.status_code == 200 and undone.json()["status"] == "undone"
    assert http.get("/entities/person/h-brandtner").status_code == 200
    assert http.post(f"/merges/{key}/undo", headers=auth).status_code == 400


def test_review_is_in_the_openapi_document(http):
    paths = http.get("/openapi.json").json()["paths"]
    assert set(paths["/review"]["get"]["responses"]) >= {"200", "400", "503"}
    assert set(paths["/review/{item}"]["post"]["responses"]) >= {"200", "401", "403", "404"}
    assert "include" in {p["name"] for p in paths["/cooperations"]["get"]["parameters"]}
