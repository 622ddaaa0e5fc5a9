"""A restarted server over the same on-disk store reads its view from the snapshot the
first server wrote (``kg.view``), and answers as before; a write made meanwhile is seen."""

from __future__ import annotations

import time

import httpx

from tests.api.conftest import LiveServer


def _wait_for(predicate, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_restarted_server_loads_the_view_snapshot(tmp_path):
    store = tmp_path / "store"
    first = LiveServer(store=store)
    try:
        with httpx.Client(base_url=first.url, timeout=30) as http:
            before = http.get("/cooperations", params={"actor": "Japan"})
            assert before.status_code == 200
            view = http.get("/stats").json()["view"]
            assert view["from_snapshot"] is False  # built: there was no snapshot yet
        _wait_for(lambda: any((store / "views").glob("*.pickle")))
    finally:
        first.stop()

    second = LiveServer(store=store)
    try:
        with httpx.Client(base_url=second.url, timeout=30) as http:
            after = http.get("/cooperations", params={"actor": "Japan"})
            assert after.json() == before.json()
            assert after.headers["etag"] == before.headers["etag"]  # same data, same tag
            stats = http.get("/stats").json()
            assert stats["view"]["from_snapshot"] is True
            assert stats["view"]["revision"] == stats["revision"]
            # a write: the view follows it (built again, then kept as the new snapshot)
            token = {"Authorization": f"Bearer {second.token}"}
            graph = "https://w3id.org/energy-kg/graph/test-restart"
            done = http.post("/update", headers=token, data={"update": (
                f"INSERT DATA {{ GRAPH <{graph}> {{ "
                "<https://w3id.org/energy-kg/id/country/JP> "
                "<https://w3id.org/energy-kg/ontology#isoCode> \"JPN\" } }")})
            assert done.status_code in (200, 204), done.text
            hit = http.get("/entities", params={"q": "JPN"}).json()
            assert any(i["iri"].endswith("/country/JP") for i in hit["items"])
            assert http.get("/stats").json()["view"]["from_snapshot"] is False
    finally:
        second.stop()
