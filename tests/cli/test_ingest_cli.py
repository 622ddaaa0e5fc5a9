"""`kg ingest` as a real second process: summary and exit codes, idempotency, a feed served
over HTTP on 127.0.0.1 with --fetch, and a run killed with SIGKILL that is simply run again."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import derive_cooperations
from kg.ingest import stored_documents
from kg.namespaces import DERIVED_GRAPH
from kg.store import Store
from tests.ingest_fixtures import CORPUS, DATA, Site, publish

ROOT = Path(__file__).resolve().parent.parent.parent
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def kg(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=ENV)


def summary(result: subprocess.CompletedProcess) -> dict:
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A store with the ontology, gazetteer and curated seeds (copied per test)."""
    location = tmp_path_factory.mktemp("ingest-cli") / "store"
    result = kg("build", "--store", str(location), "--no-extract")
    assert result.returncode == 0, result.stderr
    return location


@pytest.fixture
def store_dir(built, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(built, target)
    return target


def test_summary_failures_and_a_second_run_that_does_nothing(store_dir, tmp_path):
    texts = tmp_path / "texts"
    shutil.copytree(DATA, texts)
    (texts / "empty.txt").write_text("   \n")
    first = kg("ingest", str(texts), "--store", str(store_dir), "--jobs", "1", "--json")
    assert first.returncode == 1, first.stderr  # one document failed
    body = summary(first)
    assert (body["new"], body["unchanged"], body["replaced"], body["failed"]) == (4, 0, 0, 1)
    assert f"failed: {texts / 'empty.txt'}: the document is empty" in first.stderr
    (texts / "empty.txt").unlink()
    second = kg("ingest", str(texts), "--store", str(store_dir), "--jobs", "2", "--json")
    assert second.returncode == 0, second.stderr
    again = summary(second)
    assert (again["new"], again["unchanged"], again["failed"]) == (0, 4, 0)
    assert again["revision"] == body["revision"] and again["batches"] == 0
    table = kg("ingest", str(texts), "--store", str(store_dir), "--jobs", "1")
    assert table.returncode == 0 and "unchanged" in table.stdout and "0 transactions" in table.stdout


def test_bad_options(store_dir):
    assert kg("ingest", "x", "--store", str(store_dir), "--lang", "fr").returncode == 2
    allow = kg("ingest", "x", "--store", str(store_dir), "--allow", "example.org")
    assert allow.returncode == 2 and "--allow only matters with --fetch" in allow.stderr


@pytest.fixture
def site(tmp_path):
    served = Site(tmp_path / "site")
    yield served
    served.stop()


def test_a_feed_over_http_with_fetch_and_the_allow_list(store_dir, site):
    texts = sorted(DATA.rglob("*.txt"))
    publish(site.folder, texts, site.base)
    feed = site.url("feed.rss")
    refused = kg("ingest", feed, "--fetch", "--store", str(store_dir), "--json")
    assert refused.returncode == 1 and site.requests == []
    assert "127.0.0.1" in refused.stderr and "--allow" in refused.stderr
    result = kg("ingest", feed, "--fetch", "--allow", "127.0.0.1", "--rate", "50",
                "--store", str(store_dir), "--jobs", "1", "--json")
    assert result.returncode == 0, result.stderr
    assert summary(result)["new"] == len(texts)
    assert sorted(site.requests) == sorted(["/feed.rss"] + [f"/{p.stem}.html" for p in texts])
    with Store(store_dir, read_only=True) as store:
        rows = store.select("""SELECT ?loc ?title ?site ?issued WHERE {
            ?d ekg:sourceLocation ?loc ; dcterms:title ?title ; dcterms:publisher ?site ;
               dcterms:format "text/html" . OPTIONAL { ?d dcterms:issued ?issued } }""")
    assert {r["loc"] for r in rows} == {site.url(p.stem + ".html") for p in texts}
    assert {r["site"] for r in rows} == {"Energie-Nachrichten"}


def _variants(folder: Path, count: int) -> None:
    """``count`` different documents made from the invented texts (other years and days)."""
    folder.mkdir()
    texts = sorted(DATA.rglob("*.txt"))
    for n in range(count):
        source = texts[n % len(texts)].read_text(encoding="utf-8")
        year = 2000 + n // len(texts)
        text = (source.replace("2022", str(year)).replace("2023", str(year))
                .replace("2019", str(year)) + f"\nMeldung Nummer {n}.\n")
        (folder / f"doc{n:03d}.txt").write_text(text, encoding="utf-8")


def _complete(store: Store) -> None:
    """Every document graph in the store is whole, and the derived graph matches them."""
    for graph, count in store.graphs().items():
        if "/graph/extracted/" in graph:
            rows = store.select(f"""SELECT (COUNT(?e) AS ?n) WHERE {{ GRAPH <{graph}> {{
                ?d a ekg:Document ; ekg:sha256 ?h ; ekg:sourceLocation ?l .
                ?e ekg:document ?d }} }}""")
            assert rows[0]["n"] > 0 and count > 20, graph
    staging = ox.Store()
    staging.extend(q for q in store.quads() if q.graph_name != ox.NamedNode(str(DERIVED_GRAPH)))
    expected = {(q.subject, q.predicate, q.object) for q in derive_cooperations(staging)}
    assert expected == {(q.subject, q.predicate, q.object) for q in store.quads(DERIVED_GRAPH)}


def _revision(store_dir: Path) -> int:
    try:
        return json.loads((store_dir / "meta.json").read_text())["revision"]
    except (OSError, ValueError, KeyError):
        return -1


def test_killed_in_the_middle_and_run_again(store_dir, tmp_path):
    folder = tmp_path / "many"
    _variants(folder, 40)
    start = _revision(store_dir)
    command = [sys.executable, "-m", "kg", "ingest", str(folder), "--store", str(store_dir),
               "--jobs", "1", "--batch", "4", "--json"]
    process = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _revision(store_dir) < start + 2 and time.monotonic() < deadline \
            and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(store_dir) as store:
        committed, _ = stored_documents(store)
        assert 0 < len(committed) < 40
        _complete(store)
    rerun = kg("ingest", str(folder), "--store", str(store_dir), "--jobs", "1", "--json")
    assert rerun.returncode == 0, rerun.stderr
    body = summary(rerun)
    assert body["unchanged"] == len(committed) and body["new"] == 40 - len(committed)
    with Store(store_dir) as store:
        assert len(stored_documents(store)[0]) == 40
        _complete(store)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")
def test_corpus_texts_then_their_pages_and_feed(store_dir, site):
    """The dev corpus as text files, then as HTML pages and an RSS feed (served on 127.0.0.1):
    every page and entry is read, with its metadata; the counts are printed."""
    texts = sorted(CORPUS.glob("*.txt"))
    entries = publish(site.folder, texts, site.base)
    first = kg("ingest", str(CORPUS), "--store", str(store_dir), "--json")
    assert first.returncode == 0, first.stderr
    assert summary(first)["new"] == len(texts)
    with Store(store_dir, read_only=True) as store:
        before = _agreement_reports(store)
    pages = kg("ingest", str(site.folder), "--store", str(store_dir), "--json")  # files
    assert pages.returncode == 0, pages.stderr
    feed = kg("ingest", site.url("feed.rss"), "--fetch", "--allow", "127.0.0.1", "--rate", "100",
              "--store", str(store_dir), "--json")
    assert feed.returncode == 0, feed.stderr
    feed_body = summary(feed)
    # the pages fetched through the feed have the same text as the page files: unchanged
    assert feed_body["unchanged"] == len(entries) and feed_body["new"] == 0
    with Store(store_dir, read_only=True) as store:
        after = _agreement_reports(store)
    counts = {k: v for k, v in summary(pages).items() if k in ("new", "unchanged", "failed")}
    twice = sum(1 for docs in after.values() if len(docs) > 1)
    print(f"corpus: {len(texts)} texts, {len(before)} agreements; their pages: {counts}; the "
          f"feed's pages: {feed_body['unchanged']} unchanged; {len(after)} agreements after, "
          f"{twice} with evidence from more than one document")
    # an agreement reported by a text and by its page carries evidence from both ...
    assert set(before) <= set(after)
    if counts["new"]:
        assert twice > 0
    # ... and the pages add no agreement (a page's text starts with its headline, which can
    # change what the extractor makes of it; resolution still finds each agreement)
    assert sorted(set(after) - set(before)) == []


def _agreement_reports(store: Store) -> dict[str, set[str]]:
    """Every agreement an extracted graph states a party of, with the documents of its evidence."""
    rows = store.select(
        "SELECT DISTINCT ?a ?d WHERE { GRAPH ?g { ?a ekg:party ?p } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/energy-kg/graph/extracted/')) "
        "OPTIONAL { ?e ekg:supports ?a ; ekg:document ?d } }")
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(str(row["a"]), set()).update([str(row["d"])] if row["d"] else [])
    return found
