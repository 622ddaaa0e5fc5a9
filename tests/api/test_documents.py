"""Ingestion over HTTP: token checks, bad documents leave the store unchanged, a good one
adds its named graph (and the view follows), DELETE removes it."""

from __future__ import annotations

TEXT = ("Berlin, 3. März 2023. Die Bundesrepublik Deutschland und Kasachstan unterzeichneten "
        "am 2. März 2023 in Astana ein Memorandum of Understanding über die Zusammenarbeit "
        "bei grünem Wasserstoff.")


def _revision(http) -> int:
    return http.get("/health").json()["revision"]


def test_ingestion_needs_a_token(http):
    before = _revision(http)
    missing = http.post("/documents", json={"text": TEXT})
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    wrong = http.post("/documents", json={"text": TEXT}, headers={"Authorization": "Bearer no"})
    assert wrong.status_code == 403
    basic = http.post("/documents", json={"text": TEXT}, headers={"Authorization": "Basic eA=="})
    assert basic.status_code == 403
    assert http.delete("/documents/0123456789abcdef").status_code == 401
    assert _revision(http) == before


def test_bad_documents_change_nothing(http, auth):
    before = _revision(http)
    triples = http.get("/health").json()["triples"]
    cases = [
        ({"json": {"text": ""}}, 400),
        ({"json": {"text": "   \n "}}, 400),
        ({"files": {"file": ("x.bin", b"\x00\x01\x02binary\x00" * 100, "application/pdf")}}, 400),
        ({"files": {"file": ("empty.txt", b"", "text/plain")}}, 400),
        ({"content": b"\x89PNG\r\n\x1a\n\x00\x00", "headers": {"Content-Type": "text/plain"}},
         400),
        ({"content": b"<doc/>", "headers": {"Content-Type": "application/xml"}}, 415),
        ({"json": {"no": "text"}}, 400),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
        ({"json": {"text": TEXT, "language": "fr"}}, 400),
        ({"json": {"text": TEXT, "published": "last tuesday"}}, 400),
        ({"content": b"x" * 5_100_000, "headers": {"Content-Type": "text/plain"}}, 413),
    ]
    for kwargs, status in cases:
        headers = {**auth, **kwargs.pop("headers", {})}
        response = http.post("/documents", headers=headers, **kwargs)
        assert response.status_code == status, (kwargs, response.text)
        assert response.json()["message"]
    assert _revision(http) == before
    assert http.get("/health").json()["triples"] == triples


def test_add_and_delete_a_document(http, auth):
    before = _revision(http)
    response = http.post("/documents", headers=auth, data={"language": "de",
                                                            "published": "2023-03-03",
                                                            "source": "test"},
                         files={"file": ("kz.txt", TEXT.encode(), "text/plain")})
    assert response.status_code == 201, response.text
    body = response.json()
    key, graph = body["key"], body["graph"]
    assert graph.endswith(f"/graph/extracted/{key}") and body["triples"] > 0
    assert body["revision"] == before + 1 and body["published"] == "2023-03-03"
    assert body["extraction"]["agreements"], body["extraction"]
    # the SPARQL endpoint and the view both see the new graph
    ask = f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    assert http.get("/sparql", params={"query": ask}).json()["boolean"] is True
    partners = http.get("/cooperations", params={"actor": "Kasachstan"}).json()
    assert "Germany" in {p["label"] for p in partners["items"]}
    derived = ("ASK { GRAPH <https://w3id.org/energy-kg/graph/derived> { "
               "<https://w3id.org/energy-kg/id/country/DE> ekg:cooperatesWith "
               "<https://w3id.org/energy-kg/id/country/KZ> } }")
    assert http.get("/sparql", params={"query": derived}).json()["boolean"] is True
    assert key in {d["key"] for d in http.get("/documents").json()["items"]}
    assert [a["status"] for a in body["agreements"]] == ["created"], body["agreements"]
    assert body["agreements"][0]["iri"].startswith("https://w3id.org/energy-kg/id/agreement/")
    # the same text again (as JSON now, whitespace changed) is left alone: nothing is written
    again = http.post("/documents", headers=auth, json={"text": "  " + TEXT.replace(" ", "\n", 3),
                                                        "language": "de",
                                                        "published": "2023-03-03",
                                                        "source": "test"})
    # (the key is the hash of the normalised text, whether sent as a file or as JSON)
    assert again.status_code == 200, again.text
    assert again.json()["key"] == key and again.json()["unchanged"] is True
    assert again.json()["replaced"] is False and again.json()["revision"] == body["revision"]
    # delete every graph we added
    for k in {key, again.json()["key"]}:
        gone = http.delete(f"/documents/{k}", headers=auth)
        assert gone.status_code == 200 and gone.json()["removed"] > 0
    assert http.get("/sparql", params={"query": ask}).json()["boolean"] is False
    assert http.get("/sparql", params={"query": derived}).json()["boolean"] is False
    partners = http.get("/cooperations", params={"actor": "Kasachstan"}).json()
    assert "Germany" not in {p["label"] for p in partners["items"]}
    assert http.delete(f"/documents/{key}", headers=auth).status_code == 404
    assert http.delete("/documents/not-a-key", headers=auth).status_code == 400


def test_plain_text_body(http, auth):
    from kg.namespaces import text_key

    text = b"Germany and Japan signed a declaration of intent on hydrogen cooperation in 2019."
    # the client tests add the same text; make sure it is not left over from them
    http.delete(f"/documents/{text_key(text.decode())}", headers=auth)
    response = http.post("/documents", params={"language": "en", "published": "2019"},
                         content=text,
                         headers={**auth, "Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["key"] == text_key(text.decode()) and body["replaced"] is False
    assert body["published"] == "2019" and body["language"] == "en" and body["triples"] > 0
    assert http.delete(f"/documents/{body['key']}", headers=auth).status_code == 200


def test_html_body_and_html_file(http, auth):
    from tests.ingest_fixtures import html_page

    text = ("Japan und Kanada unterzeichneten am 7. Juli 2021 in Tokio eine Absichtserklärung "
            "über die Zusammenarbeit bei Wasserstoff und Brennstoffzellen.")
    page = html_page(text, title="Japan und Kanada setzen auf Wasserstoff",
                     published="2021-07-08", site="Energie-Nachrichten")
    response = http.post("/documents", content=page.encode(),
                         headers={**auth, "Content-Type": "text/html; charset=utf-8"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["title"] == "Japan und Kanada setzen auf Wasserstoff"
    assert body["published"] == "2021-07-08" and body["site"] == "Energie-Nachrichten"
    assert body["language"] == "de" and body["agreements"]
    assert all("Cookies" not in q for q in [body["extraction"].get("text", "")])
    again = http.post("/documents", headers=auth,
                      files={"file": ("page.html", page.encode(), "application/octet-stream")})
    assert again.status_code == 200 and again.json()["unchanged"] is True
    assert again.json()["key"] == body["key"]
    assert http.delete(f"/documents/{body['key']}", headers=auth).status_code == 200


def test_a_url_is_refused_when_fetching_is_off(http, auth):
    before = _revision(http)
    response = http.post("/documents", headers=auth, json={"url": "http://127.0.0.1:9/x.html"})
    assert response.status_code == 403 and "KG_FETCH_ALLOW" in response.json()["message"]
    bad = http.post("/documents", headers=auth, json={"url": "file:///etc/passwd"})
    assert bad.status_code == 400
    assert _revision(http) == before


def test_a_url_is_fetched_when_the_server_allows_the_host(tmp_path):
    import httpx

    from tests.api.conftest import LiveServer
    from tests.ingest_fixtures import Site, html_page

    text = ("Frankreich und Indien unterzeichneten am 14. Juli 2023 in Paris ein Abkommen über "
            "die Zusammenarbeit bei der Kernenergie.")
    (tmp_path / "a.html").write_text(html_page(text, title="Frankreich und Indien",
                                               published="2023-07-15"), encoding="utf-8")
    site = Site(tmp_path)
    server = LiveServer(overrides={"KG_FETCH_ALLOW": "127.0.0.1"})
    try:
        auth = {"Authorization": f"Bearer {server.token}"}
        with httpx.Client(base_url=server.url, timeout=120) as client:
            response = client.post("/documents", headers=auth, json={"url": site.url("a.html")})
            assert response.status_code == 201, response.text
            body = response.json()
            assert body["source"] == site.url("a.html") and body["published"] == "2023-07-15"
            assert site.requests == ["/a.html"]
            missing = client.post("/documents", headers=auth, json={"url": site.url("no.html")})
            assert missing.status_code == 400 and "404" in missing.json()["message"]
            elsewhere = client.post("/documents", headers=auth,
                                    json={"url": "http://example.org/a.html"})
            assert elsewhere.status_code == 400 and "allow-list" in elsewhere.json()["message"]
    finally:
        server.stop()
        site.stop()
