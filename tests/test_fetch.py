"""kg.fetch: opt-in fetching from a real HTTP server on 127.0.0.1, named in the allow-list."""

from __future__ import annotations

import time

import pytest

from kg.fetch import FetchError, Fetcher, read_allow_list
from tests.ingest_fixtures import Site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    (folder / "page.html").write_text("<html><body><p>Hallo</p></body></html>")
    (folder / "big.txt").write_bytes(b"x" * 50_000)
    served = Site(folder)
    yield served
    served.stop()


def test_loopback_is_fetched_only_when_the_allow_list_names_it(site):
    got = Fetcher(["127.0.0.1"], rate=0).get(site.url("page.html"))
    assert got.media_type == "text/html" and b"Hallo" in got.data
    assert Fetcher([f"127.0.0.1:{site.port}"], rate=0).get(site.url("page.html")).data
    before = len(site.requests)
    for fetcher in (Fetcher([], rate=0), Fetcher(["*"], rate=0)):
        with pytest.raises(FetchError, match="loopback"):
            fetcher.get(site.url("page.html"))
    with pytest.raises(FetchError, match="not in the allow-list"):
        Fetcher(["example.org"], rate=0).get(site.url("page.html"))
    with pytest.raises(FetchError, match="allow-list"):
        Fetcher(["127.0.0.1:1"], rate=0).get(site.url("page.html"))  # another port
    with pytest.raises(FetchError, match="loopback"):
        Fetcher([], rate=0).get(f"http://localhost:{site.port}/page.html")
    assert len(site.requests) == before  # nothing refused ever reached the server


def test_private_link_local_and_other_schemes_are_refused():
    fetcher = Fetcher(rate=0)
    for url in ("http://10.0.0.1/", "http://192.168.1.1/x", "http://169.254.169.254/latest",
                "http://[::1]/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/"):
        with pytest.raises(FetchError, match="private, loopback or link-local"):
            fetcher.get(url)
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x"):
        with pytest.raises(FetchError, match="only http and https"):
            fetcher.get(url)


def test_a_redirect_is_checked_again(site):
    fetcher = Fetcher(["127.0.0.1"], rate=0)
    assert b"Hallo" in fetcher.get(site.url("redirect-to/page.html")).data
    with pytest.raises(FetchError, match="allow-list"):
        fetcher.get(site.url("redirect-to/http://example.org/"))


def test_size_limit_status_and_timeouts(site):
    with pytest.raises(FetchError, match="more than the limit|more than 10000 bytes"):
        Fetcher(["127.0.0.1"], rate=0, max_bytes=10_000).get(site.url("big.txt"))
    with pytest.raises(FetchError, match="HTTP 404"):
        Fetcher(["127.0.0.1"], rate=0).get(site.url("missing.html"))


def test_requests_to_one_host_keep_the_rate(site):
    fetcher = Fetcher(["127.0.0.1"], rate=5.0)
    started = time.monotonic()
    for _ in range(4):
        fetcher.get(site.url("page.html"))
    assert time.monotonic() - started >= 0.55  # three gaps of 0.2 s


def test_allow_list_from_a_file(tmp_path):
    listing = tmp_path / "hosts.txt"
    listing.write_text("# news sites\nexample.org\n127.0.0.1  # the test server\n")
    assert read_allow_list([str(listing), "b.example"]) == ["example.org", "127.0.0.1",
                                                           "b.example"]
