"""Bodies sent without a Content-Length (chunked) are still cut at the size limit, with
the setting to raise named in the 413 message (``api.deps.read_body``)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from kg.store import Store

TOKEN = "body-limit-token"


@pytest.fixture(scope="module")
def client():
    settings = Settings(store="memory:", token=TOKEN, max_query_bytes=1000,
                        max_upload_bytes=1000)
    with TestClient(create_app(Store("memory:"), settings)) as c:
        yield c


def _chunked(data: bytes, size: int = 256):
    for start in range(0, len(data), size):
        yield data[start:start + size]


def test_chunked_query_past_the_limit_is_413(client):
    body = b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 2000
    response = client.post("/sparql", content=_chunked(body),
                           headers={"Content-Type": "application/sparql-query"})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert response.status_code == 413
    # cut while reading, not after: the message is the body reader's
    assert "request body is larger than 1000 bytes" in response.text
    assert "KG_MAX_QUERY_BYTES" in response.text
    small = client.post("/sparql", content=_chunked(b"ASK {}"),
                        headers={"Content-Type": "application/sparql-query"})
    assert small.status_code == 200 and small.json()["boolean"] is True


@pytest.mark.parametrize("media", ["text/plain", "application/json"])
def test_chunked_document_past_the_limit_is_413(client, media):
    # The JSON is malformed: read whole it would be a 400, so a 413 shows it was cut while read.
    body = b'{"text": "' + b"x" * 80_000 if media == "application/json" else b"x" * 2000
    response = client.post("/documents", content=_chunked(body),
                           headers={"Content-Type": media,
                                    "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413
    assert "KG_MAX_UPLOAD_BYTES" in response.json()["message"]
