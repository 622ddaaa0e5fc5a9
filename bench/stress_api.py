"""Issue 9's acceptance on a real ``kg serve``: concurrent stress, the hostile list, runaways.

Three phases (``--phases``, all by default), each on a fresh on-disk store built from
``ontology/`` and ``seeds/`` in a temporary directory (``kg build --store``) and served by
``kg serve`` with a token (``KG_API_TOKEN``) and otherwise the README's defaults, on a free
port of 127.0.0.1.

**stress** (``--runs`` runs): ``--clients`` (8) threads, each with its own keep-alive
``httpx`` connection, run a random mix for ``--seconds`` (60):

* SPARQL ``SELECT`` and ``ASK`` at ``/sparql`` (some of them check earlier writes),
* ``/update``: ``INSERT DATA`` of a marker triple unique to the run, client and step,
* ``POST /documents``: short invented German or English news texts (distinct titles,
  a serial number makes each text and its key unique),
* ``DELETE /documents/{key}`` of a document the same client ingested,
* the views: ``/agreements``, ``/cooperations``, ``/entities`` (search and one entity),
  ``/paths``, plus ``/documents`` and ``/health``.

It records per request type the count, the status histogram, the 5xx, and p50/p95
latency, per run and over all runs. What counts as a failure:

* **5xx** (and transport errors: the server must always answer);
* **stale**: a revision (``X-KG-Revision`` of ``/sparql``, ``revision`` of ``/health`` and of
  the write acknowledgements) lower than one the same client already saw, or lower than
  that of a write acknowledged (to any client) before the request was sent; a write
  acknowledged with a revision not above those; a read that misses a write acknowledged
  before it was sent (an acknowledged marker triple that ``ASK``/``SELECT`` does not find,
  an acknowledged document whose graph ``ASK`` does not find or that ``/documents`` does
  not list, an ingested agreement that ``/agreements`` does not show with the document as
  evidence, unless the SHACL screening kept facts of the document out, which its answer
  lists under ``rejected``) or that still shows a document whose deletion was acknowledged;
* after the clients stopped, after a restart of the server on the same store, and after a
  second restart with ``kg serve --build`` (the README's start command; ``--restart``):
  **lost** (an acknowledged document that was not deleted is missing from ``/documents``,
  or an acknowledged marker is missing) and **resurrected** (a deleted document is listed,
  or its evidence is still in ``/agreements``). ``--build`` rebuilds the store from
  ``seeds/`` and must keep the documents added through the API and the graph of markers
  written with ``/update`` (a marker it drops counts as lost).

A request whose outcome is unknown (a transport error on a write) is left out of the
checks and counted. Tracebacks in the server's stderr are counted and shown, not failed on
(no client saw them).

**hostile**: every request of issue 9 that crashed the server, reached past it or got a
500 (the suite's hostile queries and updates, the SERVICE/LOAD guard bypasses against a
target on 127.0.0.1 that counts its hits, charsets that are not text encodings, control
characters in graph IRIs, JSON nested 100k deep, "€" in IRIs, impossible dates, the size
limits, path traversal, writes without the token), each on its own connection; each must
get its expected 4xx (or 200), the server must stay up and answer ``/health`` after each
one, no target may be contacted and no outside body echoed. Then ``KG_READ_ONLY=1 kg serve
--build`` must refuse every write with 409.

**runaway**: four queries that cannot finish in time, then four that would take all
memory, at once; meanwhile another client's requests (``/health``, an ``ASK``, entity
search, ``/agreements``, ``/documents``) must each get a 200 within 1 s, the runaways must
get 503, the resident memory of the server with all its processes (query workers, their
fork server; summed, sampled every 20 ms) must stay under 2 GB, and ``/health`` must say
``ok`` afterwards.

Prints a table per run and phase and a verdict; exits 1 on any failure. A script, not a
test::

    PYTHONPATH=. .venv/bin/python bench/stress_api.py --runs 5        # issue 9's acceptance
    PYTHONPATH=. .venv/bin/python bench/stress_api.py --phases stress --seconds 10  # a look
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # this checkout's tests/ (the hostile list), whatever PYTHONPATH says
    sys.path.insert(0, str(ROOT))
TOKEN = "stress-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
EX = "https://example.org/stress/"
MARK = f"{EX}n"  # the marker predicate
DOC = "https://w3id.org/energy-kg/id/document/"
EXTRACTED = "https://w3id.org/energy-kg/graph/extracted/"

# (language, title, text) with {a}, {b} (countries in the text's language), {day}, {date},
# {month_de}/{month_en} and {serial}; each text is a small news item about one agreement.
TEMPLATES = [
    ("de", "Wasserstoffabkommen {a}–{b}",
     "Berlin, {day}. {month_de} 2023. {a} und {b} unterzeichneten am {day}. {month_de} 2023 "
     "ein Abkommen über die Zusammenarbeit bei grünem Wasserstoff. (Meldung {serial})"),
    ("de", "Kernenergie: {a} und {b} vereinbaren Zusammenarbeit",
     "{a} und {b} haben am {day}. {month_de} 2023 ein Memorandum über die friedliche Nutzung "
     "der Kernenergie unterzeichnet. Die Vereinbarung gilt fünf Jahre. (Nachricht {serial})"),
    ("de", "Solarpartnerschaft zwischen {a} und {b}",
     "Am {day}. {month_de} 2023 schlossen {a} und {b} eine Partnerschaft für den Ausbau der "
     "Solarenergie. Beide Seiten wollen gemeinsame Projekte fördern. (Bericht {serial})"),
    ("en", "{a} and {b} sign hydrogen agreement",
     "London, {day} {month_en} 2023. {a} and {b} signed an agreement on cooperation in green "
     "hydrogen on {day} {month_en} 2023. (Item {serial})"),
    ("en", "{a} and {b} agree on wind power",
     "On {day} {month_en} 2023 {a} and {b} signed a memorandum of understanding on offshore "
     "wind energy. The memorandum runs for three years. (Report {serial})"),
    ("en", "Nuclear cooperation: {a} and {b}",
     "{a} and {b} concluded an agreement on the peaceful use of nuclear energy on {day} "
     "{month_en} 2023, officials said. (Note {serial})"),
]
COUNTRIES = [("Japan", "Japan"), ("Norwegen", "Norway"), ("Kasachstan", "Kazakhstan"),
             ("Chile", "Chile"), ("Marokko", "Morocco"), ("Indien", "India"),
             ("Brasilien", "Brazil"), ("Kanada", "Canada"), ("Australien", "Australia"),
             ("Ägypten", "Egypt"), ("Vietnam", "Vietnam"), ("Russland", "Russia")]
MONTHS = [("Januar", "January"), ("Februar", "February"), ("März", "March"),
          ("April", "April"), ("Mai", "May"), ("Juni", "June"), ("Juli", "July"),
          ("August", "August"), ("September", "September"), ("Oktober", "October"),
          ("November", "November"), ("Dezember", "December")]
ACTORS = ["Japan", "Russland", "Germany", "Kazakhstan", "Rosatom", "Nordrhein-Westfalen",
          "Norway", "India", "Chile", "Frankreich"]
TOPICS = ["nuclear energy", "Wasserstoff", "hydrogen", "solar energy", "wind energy"]
SELECTS = [
    "SELECT ?a ?d WHERE { ?a a/rdfs:subClassOf* ekg:Agreement ; ekg:signedOn ?d } "
    "ORDER BY ?d LIMIT 20",
    "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a ekg:party ?p } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?x ?y WHERE { ?x ekg:cooperatesWith ?y } LIMIT 50",
    "SELECT ?l WHERE { country:JP rdfs:label ?l }",
]
ASKS = ["ASK { ?a ekg:party country:JP }", "ASK { ?s ?p ?o }",
        "ASK { GRAPH <https://example.org/nowhere> { ?s ?p ?o } }"]

# The mix: request kind -> weight.
MIX = {"select": 12, "ask": 8, "update": 14, "ingest": 10, "delete": 5, "agreements": 10,
       "cooperations": 8, "entities": 10, "paths": 7, "documents": 6, "health": 5}


@dataclass
class Doc:
    key: str
    owner: int
    state: str  # acked | deleted
    party: str | None  # an English party name for /agreements?party=, when it has an agreement
    date: str


@dataclass
class Ledger:
    """What the clients were told, and what went wrong, shared by all clients (one lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    floor: int = 0  # highest revision of an acknowledged write
    docs: dict[str, Doc] = field(default_factory=dict)
    markers: set[str] = field(default_factory=set)
    unknown: Counter = field(default_factory=Counter)  # writes whose outcome is unknown
    screened: int = 0  # documents with facts that the SHACL screening kept out
    checks: Counter = field(default_factory=Counter)  # staleness checks made, by kind
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def problem(self, kind: str, detail: str) -> None:
        with self.lock:
            self.problems[kind].append(detail)

    def checked(self, kind: str, n: int = 1) -> None:
        with self.lock:
            self.checks[kind] += n

    def acked_write(self, revision: int) -> None:
        with self.lock:
            self.floor = max(self.floor, revision)


class Client:
    """One of the concurrent clients: a thread with its own connection and random stream."""

    def __init__(self, number: int, url: str, ledger: Ledger, run: int, seed: int):
        self.number, self.ledger, self.run = number, ledger, run
        self.rng = random.Random(seed * 1000 + number)
        self.http = httpx.Client(base_url=url, timeout=120)
        self.seen = 0  # highest revision this client has seen
        self.step = 0
        self.graph = f"{EX}run{run}/client{number}"

    # --- requests, timed and counted --------------------------------------------------

    def call(self, kind: str, method: str, path: str, **kwargs) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            with self.ledger.lock:
                self.ledger.statuses[kind]["error"] += 1
            self.ledger.problem("transport", f"{kind} {method} {path}: {exc!r}")
            return None
        elapsed = time.perf_counter() - started
        with self.ledger.lock:
            self.ledger.statuses[kind][response.status_code] += 1
            self.ledger.seconds[kind].append(elapsed)
        if response.status_code >= 500:
            self.ledger.problem("5xx", f"{kind} {method} {path} -> {response.status_code}: "
                                       f"{response.text[:300]}")
        return response

    def revision(self, kind: str, revision: int, floor: int, write: bool = False) -> None:
        """Check a revision the server reported against what this client already knows."""
        self.ledger.checked("revision")
        if revision < self.seen:
            self.ledger.problem("stale", f"{kind}: revision {revision} after this client saw "
                                         f"{self.seen}")
        if revision < floor or (write and revision <= floor):
            self.ledger.problem("stale", f"{kind}: revision {revision}, but a write was "
                                         f"acknowledged at {floor} before the request")
        self.seen = max(self.seen, revision)

    def sparql(self, kind: str, query: str) -> httpx.Response | None:
        floor = self.ledger.floor
        response = self.call(kind, "GET", "/sparql", params={"query": query},
                             headers={"Accept": "application/sparql-results+json"})
        if response is not None and response.status_code == 200:
            self.revision(kind, int(response.headers["x-kg-revision"]), floor)
        return response

    def ask(self, query: str, expected: bool | None = None, what: str = "") -> None:
        response = self.sparql("ask", query)
        if response is None or response.status_code != 200 or expected is None:
            return
        self.ledger.checked("ASK of a write")
        if response.json()["boolean"] is not expected:
            self.ledger.problem("stale", f"ASK {what}: {not expected} after the write was "
                                         "acknowledged")

    # --- the mix -------------------------------------------------------------------------

    def loop(self, deadline: float) -> None:
        kinds, weights = list(MIX), list(MIX.values())
        try:
            while time.monotonic() < deadline:
                self.step += 1
                getattr(self, "do_" + self.rng.choices(kinds, weights)[0])()
        finally:
            self.http.close()

    def do_select(self) -> None:
        with self.ledger.lock:
            mine = {m for m in self.ledger.markers if m.startswith(self.graph + "/")}
        if mine and self.rng.random() < 0.5:  # every marker of this client acknowledged so far
            response = self.sparql("select", f"SELECT ?m WHERE {{ GRAPH <{self.graph}> "
                                             f"{{ ?m <{MARK}> ?n }} }}")
            if response is not None and response.status_code == 200:
                found = {b["m"]["value"] for b in response.json()["results"]["bindings"]}
                self.ledger.checked("marker in SELECT", len(mine))
                for marker in sorted(mine - found)[:3]:
                    self.ledger.problem("stale", f"SELECT misses the acknowledged {marker}")
            return
        self.sparql("select", self.rng.choice(SELECTS))

    def do_ask(self) -> None:
        with self.ledger.lock:
            markers = list(self.ledger.markers)
            own = [d for d in self.ledger.docs.values() if d.owner == self.number]
        choice = self.rng.random()
        if markers and choice < 0.4:  # anyone's marker acknowledged before this request
            marker = self.rng.choice(markers)
            self.ask(f"ASK {{ GRAPH ?g {{ <{marker}> <{MARK}> ?n }} }}", True, marker)
        elif own and choice < 0.7:  # one of this client's documents: only this client deletes
            doc = self.rng.choice(own)
            self.ask(f"ASK {{ GRAPH <{EXTRACTED}{doc.key}> {{ ?s ?p ?o }} }}",
                     doc.state == "acked", f"document {doc.key} ({doc.state})")
        else:
            self.ask(self.rng.choice(ASKS))

    def do_update(self) -> None:
        marker = f"{self.graph}/m{self.step}"
        floor = self.ledger.floor
        response = self.call("update", "POST", "/update", headers=AUTH, data={
            "update": f"INSERT DATA {{ GRAPH <{self.graph}> {{ <{marker}> <{MARK}> "
                      f"{self.step} }} }}"})
        if response is None:
            with self.ledger.lock:
                self.ledger.unknown["update"] += 1
            return
        if response.status_code != 200:
            self.ledger.problem("refused", f"update -> {response.status_code}: "
                                           f"{response.text[:200]}")
            return
        revision = int(response.json()["revision"])
        self.revision("update", revision, floor, write=True)
        with self.ledger.lock:
            self.ledger.markers.add(marker)
        self.ledger.acked_write(revision)
        if self.rng.random() < 0.3:  # read your write
            self.ask(f"ASK {{ GRAPH <{self.graph}> {{ <{marker}> <{MARK}> ?n }} }}", True,
                     marker)

    def do_ingest(self) -> None:
        language, title, text = self.rng.choice(TEMPLATES)
        (a_de, a_en), (b_de, b_en) = self.rng.sample(COUNTRIES, 2)
        month = self.rng.randrange(12)
        day = self.rng.randint(1, 28)
        serial = f"{self.run}.{self.number}.{self.step}"
        a, b = (a_de, b_de) if language == "de" else (a_en, b_en)
        fill = dict(a=a, b=b, day=day, month_de=MONTHS[month][0], month_en=MONTHS[month][1],
                    serial=serial, date=f"2023-{month + 1:02d}-{day:02d}")
        floor = self.ledger.floor
        response = self.call("ingest", "POST", "/documents", headers=AUTH, json={
            "text": text.format(**fill), "language": language, "published": fill["date"],
            "title": title.format(**fill) + f" ({serial})",
            "source": f"https://example.org/news/{serial}"})
        if response is None:
            with self.ledger.lock:
                self.ledger.unknown["ingest"] += 1
            return
        if response.status_code not in (200, 201):
            self.ledger.problem("refused", f"ingest -> {response.status_code}: "
                                           f"{response.text[:200]}")
            return
        body = response.json()
        self.revision("ingest", int(body["revision"]), floor, write=True)
        agreements = body["extraction"].get("agreements") or []
        party = None
        if body["rejected"]:  # screened out (SHACL): the view cannot show it
            with self.ledger.lock:
                self.ledger.screened += 1
        elif agreements and agreements[0].get("signed_on") == fill["date"]:
            parties = agreements[0].get("parties") or []
            party = a_en if a_en in parties else (parties[0] if parties else None)
        doc = Doc(body["key"], self.number, "acked", party, fill["date"])
        with self.ledger.lock:
            self.ledger.docs[doc.key] = doc
        self.ledger.acked_write(int(body["revision"]))
        self.check_document(doc)

    def do_delete(self) -> None:
        with self.ledger.lock:
            live = [d for d in self.ledger.docs.values()
                    if d.owner == self.number and d.state == "acked"]
        if len(live) < 2:  # keep some documents alive to the end
            return self.do_ingest()
        doc = self.rng.choice(live)
        floor = self.ledger.floor
        response = self.call("delete", "DELETE", f"/documents/{doc.key}", headers=AUTH)
        if response is None:
            with self.ledger.lock:
                self.ledger.unknown["delete"] += 1
                del self.ledger.docs[doc.key]  # either way now: out of the checks
            return
        if response.status_code != 200:
            self.ledger.problem("refused", f"delete {doc.key} -> {response.status_code}: "
                                           f"{response.text[:200]}")
            return
        revision = int(response.json()["revision"])
        self.revision("delete", revision, floor, write=True)
        with self.ledger.lock:
            doc.state = "deleted"
        self.ledger.acked_write(revision)
        self.check_document(doc)

    def check_document(self, doc: Doc) -> None:
        """Right after the acknowledgement: its graph, and its agreement in /agreements."""
        self.ask(f"ASK {{ GRAPH <{EXTRACTED}{doc.key}> {{ ?s ?p ?o }} }}",
                 doc.state == "acked", f"document {doc.key} ({doc.state})")
        if doc.party:
            shown = view_shows(self, doc)
            if shown is not None:
                self.ledger.checked("/agreements evidence")
            if shown is not None and shown != (doc.state == "acked"):
                verb = "misses" if doc.state == "acked" else "still shows"
                self.ledger.problem("stale", f"/agreements {verb} document {doc.key} "
                                             f"({doc.state})")

    def do_agreements(self) -> None:
        params = self.rng.choice([{}, {"party": self.rng.choice(ACTORS)},
                                  {"topic": self.rng.choice(TOPICS)},
                                  {"party": self.rng.choice(ACTORS), "since": "2020"}])
        self.call("agreements", "GET", "/agreements", params=params)

    def do_cooperations(self) -> None:
        params = self.rng.choice([{}, {"actor": self.rng.choice(ACTORS)},
                                  {"actor": self.rng.choice(ACTORS),
                                   "topic": self.rng.choice(TOPICS)}])
        self.call("cooperations", "GET", "/cooperations", params=params)

    def do_entities(self) -> None:
        if self.rng.random() < 0.5:
            self.call("entities", "GET", "/entities", params={"q": self.rng.choice(ACTORS)})
        else:
            self.call("entities", "GET", "/entities/country/" +
                      self.rng.choice(["JP", "RU", "DE", "KZ", "NO", "IN"]))

    def do_paths(self) -> None:
        source, target = self.rng.sample(ACTORS, 2)
        self.call("paths", "GET", "/paths", params={"source": source, "target": target,
                                                    "k": self.rng.choice([1, 3])})

    def do_documents(self) -> None:
        with self.ledger.lock:
            own = {d.key: d.state for d in self.ledger.docs.values() if d.owner == self.number}
        response = self.call("documents", "GET", "/documents")
        if response is None or response.status_code != 200:
            return
        listed = {item["key"] for item in response.json()["items"]}
        self.ledger.checked("/documents listing", len(own))
        for key, state in own.items():
            if (key in listed) != (state == "acked"):
                verb = "misses" if state == "acked" else "still lists"
                self.ledger.problem("stale", f"/documents {verb} {key} ({state})")

    def do_health(self) -> None:
        floor = self.ledger.floor
        response = self.call("health", "GET", "/health")
        if response is not None and response.status_code == 200:
            self.revision("health", int(response.json()["revision"]), floor)


def view_shows(client: Client | httpx.Client, doc: Doc) -> bool | None:
    """Whether ``/agreements`` lists an agreement with ``doc`` as evidence (None: no answer)."""
    params = {"party": doc.party, "since": doc.date, "until": doc.date, "limit": 1000}
    if isinstance(client, Client):
        response = client.call("agreements", "GET", "/agreements", params=params)
    else:
        response = client.get("/agreements", params=params)
    if response is None or response.status_code != 200:
        return None
    return any(e.get("document") == DOC + doc.key
               for item in response.json()["items"] for e in item.get("evidence") or [])


# --- the server ---------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(**settings: str) -> dict[str, str]:
    """This environment without any ``KG_`` setting, plus the token and ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(KG_API_TOKEN=TOKEN, PYTHONPATH=str(ROOT), **settings)
    return env


def build(store: Path) -> None:
    subprocess.run([sys.executable, "-m", "kg", "build", "--store", str(store)], cwd=ROOT,
                   env=environment(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


class Server:
    """``kg serve --store STORE [ARGS]`` on a free port, its stderr in a file; ``settings``
    are ``KG_`` environment variables (only the token otherwise: the README's defaults)."""

    def __init__(self, store: Path, log: Path, args: tuple[str, ...] = (),
                 **settings: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("a") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port",
                 str(self.port), "--log-level", "warning", *args],
                cwd=ROOT, env=environment(**settings), stdout=subprocess.DEVNULL,
                stderr=sink)
        deadline = time.monotonic() + 300  # --build of a store with many documents
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("kg serve died:\n" + log.read_text()[-3000:])
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("kg serve did not start within 300 s")
            time.sleep(0.2)

    def stop(self) -> int | None:
        """Stop the server; its exit code (None if it had to be killed)."""
        if self.process.poll() is not None:
            return self.process.returncode
        self.process.terminate()
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None


# --- one run ------------------------------------------------------------------------------

def verify(url: str, ledger: Ledger, when: str) -> dict[str, int]:
    """Lost and resurrected documents and markers, as the server shows them now (its requests
    are counted as the kind ``verify``; one that gets no answer counts as lost)."""
    counts = Counter()

    def get(http: httpx.Client, path: str, **kwargs) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = http.get(path, **kwargs)
        except httpx.HTTPError as exc:
            with ledger.lock:
                ledger.statuses["verify"]["error"] += 1
            ledger.problem("transport", f"{when}: GET {path}: {exc!r}")
            return None
        with ledger.lock:
            ledger.statuses["verify"][response.status_code] += 1
            ledger.seconds["verify"].append(time.perf_counter() - started)
        if response.status_code >= 500:
            ledger.problem("5xx", f"{when}: GET {path} -> {response.status_code}: "
                                  f"{response.text[:300]}")
        if response.status_code != 200:
            ledger.problem("verify", f"{when}: GET {path} -> {response.status_code}")
            return None
        return response

    with httpx.Client(base_url=url, timeout=120) as http:
        response = get(http, "/documents")
        listed = {item["key"] for item in response.json()["items"]} if response else set()
        for doc in ledger.docs.values():
            if doc.state == "acked" and doc.key not in listed:
                counts["lost"] += 1
                ledger.problem("lost", f"{when}: document {doc.key} is not listed")
            if doc.state == "deleted" and doc.key in listed:
                counts["resurrected"] += 1
                ledger.problem("resurrected", f"{when}: deleted document {doc.key} is listed")
            if doc.party:  # the view: evidence of live documents only
                params = {"party": doc.party, "since": doc.date, "until": doc.date,
                          "limit": 1000}
                answer = get(http, "/agreements", params=params)
                shown = None if answer is None else any(
                    e.get("document") == DOC + doc.key
                    for item in answer.json()["items"] for e in item.get("evidence") or [])
                if shown is None or shown != (doc.state == "acked"):
                    kind = "lost" if doc.state == "acked" else "resurrected"
                    counts[kind] += 1
                    ledger.problem(kind, f"{when}: /agreements shows document {doc.key} "
                                         f"({doc.state}): {shown}")
        response = get(http, "/sparql", params={"query": (
            f"SELECT ?m WHERE {{ GRAPH ?g {{ ?m <{MARK}> ?n }} }}")},
            headers={"Accept": "application/sparql-results+json"})
        found = ({b["m"]["value"] for b in response.json()["results"]["bindings"]}
                 if response else set())
        for marker in sorted(ledger.markers - found):
            counts["lost"] += 1
            ledger.problem("lost", f"{when}: marker {marker} is missing")
        response = get(http, "/health")
        health = response.json() if response else {}
        if health.get("status") != "ok":
            ledger.problem("health", f"{when}: /health says {health}")
        if int(health.get("revision", -1)) < ledger.floor:
            ledger.problem("stale", f"{when}: revision {health.get('revision')} < "
                                    f"{ledger.floor}")
    return counts


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run_once(run: int, args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="kg-stress-") as tmp:
        store, log = Path(tmp) / "store", Path(tmp) / "serve.log"
        started = time.monotonic()
        build(store)
        built = time.monotonic() - started
        server = Server(store, log)
        ledger = Ledger()
        try:
            initial = httpx.get(f"{server.url}/health").json()["revision"]
            ledger.floor = int(initial)
            deadline = time.monotonic() + args.seconds
            clients = [Client(n, server.url, ledger, run, args.seed + run)
                       for n in range(args.clients)]
            threads = [threading.Thread(target=c.loop, args=(deadline,), daemon=True)
                       for c in clients]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            after = verify(server.url, ledger, "after the run")
            final_revision = httpx.get(f"{server.url}/health").json()["revision"]
        finally:
            code = server.stop()
        restarted, said = Counter(), ""
        if args.restart in ("plain", "both"):  # the same checks on the same store, reopened
            server = Server(store, log)
            try:
                restarted += verify(server.url, ledger, "after a restart")
            finally:
                server.stop()
        if args.restart in ("build", "both"):
            # `kg serve --build`, the README's start command, must keep every document added
            # through the API (issue 9, item 6) and the graphs written with /update: it
            # rebuilds the store from seeds/ (the store changed since the last build) and
            # carries over every graph it does not make itself.
            offset = log.stat().st_size
            server = Server(store, log, ("--build",))
            try:
                restarted += verify(server.url, ledger, "after a restart with --build")
            finally:
                server.stop()
            with log.open(errors="replace") as lines:
                lines.seek(offset)
                said = "; ".join(line.strip() for line in lines
                                 if line.startswith(("built ", "kept ", "dropped ")))
        text = log.read_text(errors="replace")
        tracebacks = text.count("Traceback")
        if tracebacks:
            ledger.problem("server log", f"{tracebacks} tracebacks in the server's stderr:\n"
                                         + text[-2000:])
    return {"run": run, "ledger": ledger, "after": after, "restarted": restarted,
            "built": built, "revisions": (int(initial), int(final_revision)),
            "tracebacks": tracebacks, "restart said": said,
            "exit": code}


KINDS = [*MIX, "verify"]


def kind_table(statuses: dict[str, Counter], seconds: dict[str, list[float]]) -> Counter:
    """Print requests by kind (count, 5xx, p50/p95 latency, statuses); their totals."""
    print(f"  {'request':<13}{'count':>7}{'5xx':>6}{'p50 ms':>9}{'p95 ms':>9}  statuses")
    total = Counter()
    for kind in KINDS:
        counted = statuses.get(kind, Counter())
        count = sum(counted.values())
        fives = sum(n for s, n in counted.items() if isinstance(s, int) and s >= 500)
        total["requests"] += count
        total["5xx"] += fives
        total["transport"] += counted.get("error", 0)
        times = seconds.get(kind, [])
        histogram = " ".join(f"{s}:{n}" for s, n in sorted(counted.items(), key=str))
        print(f"  {kind:<13}{count:>7}{fives:>6}{percentile(times, 50) * 1000:>9.1f}"
              f"{percentile(times, 95) * 1000:>9.1f}  {histogram}")
    everything = [t for times in seconds.values() for t in times]
    print(f"  {'all':<13}{total['requests']:>7}{total['5xx']:>6}"
          f"{percentile(everything, 50) * 1000:>9.1f}{percentile(everything, 95) * 1000:>9.1f}")
    return total


def report(result: dict, args: argparse.Namespace) -> dict[str, int]:
    ledger: Ledger = result["ledger"]
    first, last = result["revisions"]
    print(f"\nrun {result['run']}: {args.clients} clients, {args.seconds:g} s, revisions "
          f"{first} -> {last}, store built in {result['built']:.1f} s")
    total = kind_table(ledger.statuses, ledger.seconds)
    docs = ledger.docs.values()
    total["ingested"] = sum(1 for _ in docs)
    total["deleted"] = sum(d.state == "deleted" for d in docs)
    total["live"] = total["ingested"] - total["deleted"]
    total["with agreement"] = sum(d.party is not None for d in docs)
    total["markers"] = len(ledger.markers)
    total["unknown"] = sum(ledger.unknown.values())
    total["screened"] = ledger.screened
    total["lost"] = result["after"]["lost"] + result["restarted"]["lost"]
    total["resurrected"] = result["after"]["resurrected"] + result["restarted"]["resurrected"]
    total["stale"] = len(ledger.problems.get("stale", []))
    total["refused"] = len(ledger.problems.get("refused", []))
    total["tracebacks"] = result["tracebacks"]  # reported, not a failure: no client saw it
    total["checks"] = sum(ledger.checks.values())
    total["other"] = sum(len(v) for k, v in ledger.problems.items()
                         if k not in ("5xx", "transport", "stale", "lost", "resurrected",
                                      "refused", "server log", "note"))
    print(f"  documents acknowledged {total['ingested']} (with an agreement checked in the "
          f"view: {total['with agreement']}), deleted {total['deleted']}, live "
          f"{total['live']}, with facts kept out by the SHACL screening {total['screened']}; "
          f"markers acknowledged {total['markers']}; outcome unknown "
          f"{total['unknown']}")
    print(f"  staleness checks made during the run {total['checks']}: "
          + ", ".join(f"{k} {n}" for k, n in sorted(ledger.checks.items())))
    print(f"  5xx {total['5xx']}, transport errors {total['transport']}, lost "
          f"{total['lost']}, resurrected {total['resurrected']}, stale {total['stale']}, "
          f"writes refused {total['refused']}, other {total['other']}; tracebacks in the "
          f"server's stderr {total['tracebacks']}; server exit code "
          f"{result['exit']}")
    if args.restart in ("plain", "both"):
        print("  restarted with `kg serve`: the same checks")
    if args.restart in ("build", "both"):
        print(f"  restarted with `kg serve --build`: {result['restart said']}; documents "
              "and markers checked again")
    for kind, details in sorted(ledger.problems.items()):
        shown = 1 if kind == "note" else 5
        for detail in details[:shown]:
            print(f"    {kind}: {detail}")
        if len(details) > shown:
            print(f"    {kind}: ... {len(details) - shown} more")
    return total


def stress(args: argparse.Namespace) -> int:
    """The concurrent runs, one table each, then all runs per kind and per run; failures."""
    totals, statuses, seconds = [], defaultdict(Counter), defaultdict(list)
    for run in range(1, args.runs + 1):
        result = run_once(run, args)
        totals.append(report(result, args))
        for kind, counted in result["ledger"].statuses.items():
            statuses[kind].update(counted)
        for kind, times in result["ledger"].seconds.items():
            seconds[kind].extend(times)
    print(f"\nall {len(totals)} runs, by kind of request")
    kind_table(statuses, seconds)
    keys = ["requests", "5xx", "transport", "ingested", "deleted", "live", "markers",
            "unknown", "checks", "lost", "resurrected", "stale", "refused", "other",
            "tracebacks"]
    print(f"\nall {len(totals)} runs")
    widths = [max(8, len(k) + 2) for k in ["run", *keys]]

    def line(values: list) -> str:
        return "  " + "".join(f"{v:>{w}}" for v, w in zip(values, widths))

    print(line(["run", *keys]))
    for n, total in enumerate(totals, 1):
        print(line([n, *(total[k] for k in keys)]))
    print(line(["total", *(sum(t[k] for t in totals) for k in keys)]))
    bad = sum(t[k] for t in totals for k in ("5xx", "transport", "lost", "resurrected",
                                            "stale", "refused", "other"))
    print(f"\nstress verdict: {'FAIL' if bad else 'PASS'} ({bad} failures in {len(totals)} "
          f"runs of {args.seconds:g} s with {args.clients} clients)")
    return bad


# --- the hostile list ---------------------------------------------------------------------
#
# Every probe of issue 9 that crashed, starved or reached past the server, sent to a real
# `kg serve` (README defaults, a token) on a fresh store, each on its own connection. After
# each one the server process must still run and /health must answer 200. A probe fails on
# a 5xx, a transport error, a status other than the one expected, a dead server, a SERVICE
# or LOAD target that was contacted, or an outside body echoed back.

SECRET = "SECRET-BODY-bench-5e1f"
EURO_GRAPH = "https://w3id.org/energy-kg/graph/bench-€"
EURO_ENTITY = "https://w3id.org/energy-kg/id/country/€"


class _Target(BaseHTTPRequestHandler):
    """A SERVICE/LOAD target on 127.0.0.1 that counts its hits and answers with SECRET."""

    hits = 0

    def _answer(self) -> None:
        type(self).hits += 1
        body = f"internal: {SECRET}".encode()
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@dataclass
class Probe:
    name: str
    method: str
    path: str
    expected: tuple[int, ...]
    kwargs: dict = field(default_factory=dict)
    reaches: bool = False  # aimed at the SERVICE/LOAD target: it must not be contacted


def hostile_probes(target: str) -> list[Probe]:
    """The hostile list: the suite's hostile queries and updates (one source, imported from
    ``tests/api/test_sparql_hardening.py``), the guard bypasses, and the other inputs of
    issue 9 that crashed a handler or went past a limit."""
    from tests.api.test_sparql_hardening import HOSTILE, HOSTILE_UPDATES, _bypasses  # noqa: PLC0415

    query = {"Content-Type": "application/sparql-query"}
    probes = [Probe(f"query {name}", "POST", "/sparql", (400,),
                    dict(content=text.encode(), headers=query))
              for name, (text, _limit) in HOSTILE.items()]
    probes += [Probe(f"query {name} (GET)", "GET", "/sparql", (400,),
                     dict(params={"query": text}))
               for name, (text, _limit) in HOSTILE.items()
               if len(quote(text, safe="")) < 50_000]  # what fits in a request line
    probes += [Probe(f"update {name}", "POST", "/update", (400,),
                     dict(data={"update": text}, headers=AUTH))
               for name, (text, _limit) in HOSTILE_UPDATES.items()]
    probes += [Probe(f"guard {name}", "POST", "/sparql", (400,),
                     dict(content=text.encode(), headers=query), reaches=True)
               for name, text in _bypasses(target).items()]
    loads = {
        "escape-in-iri-then-hash": rf"PREFIX x: <http://x/\u0041#> LOAD <{target}/d.ttl> "
                                   "INTO GRAPH <https://example.org/g>",
        "escaped-quote-in-local-name": rf"PREFIX e: <http://e/> INSERT DATA {{ e:a e:b e:c\' }}"
                                       rf" ; LOAD SILENT <{target}/x> # '",
        "plain": f"LOAD <{target}/x.ttl>",
        "file": "LOAD <file:///etc/passwd> INTO GRAPH <https://example.org/g>",
    }
    probes += [Probe(f"guard LOAD {name}", "POST", "/update", (400,),
                     dict(data={"update": text}, headers=AUTH), reaches=True)
               for name, text in loads.items()]
    probes += [Probe("guard SERVICE plain", "GET", "/sparql", (400,),
                     dict(params={"query": f"SELECT * WHERE {{ SERVICE <{target}/> "
                                           "{ ?s ?p ?o } }"}), reaches=True),
               Probe("guard SERVICE file", "GET", "/sparql", (400,),
                     dict(params={"query": "SELECT * WHERE { SERVICE <file:///etc/passwd> "
                                           "{ ?s ?p ?o } }"}), reaches=True)]
    for charset in ("rot13", "base64", "hex", "zlib"):
        probes += [
            Probe(f"charset={charset} /sparql", "POST", "/sparql", (415,), dict(
                content=b"ASK {}", headers={"Content-Type": "application/sparql-query; "
                                                            f"charset={charset}"})),
            Probe(f"charset={charset} /update", "POST", "/update", (415,), dict(
                content=b"INSERT DATA {}", headers={**AUTH, "Content-Type":
                                                    f"application/sparql-update; "
                                                    f"charset={charset}"}))]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    for name in ("named-graph-uri", "default-graph-uri"):
        probes += [Probe(f"newline in {name}", "GET", "/sparql", (400,), dict(
            params=[("query", count), (name, "https://example.org/g\nX")]))]
    probes += [
        Probe("JSON nested 100k deep", "POST", "/documents", (400,), dict(
            content=b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            headers={**AUTH, "Content-Type": "application/json"})),
        Probe("/export of a graph IRI with €", "GET", "/export", (200,), dict(
            params={"graph": EURO_GRAPH, "format": "turtle"})),
        Probe("/id of an IRI with € (turtle)", "GET", "/id/country/€", (200,), dict(
            params={"format": "turtle"})),
        Probe("/id of an IRI with € (html)", "GET", "/id/country/€", (200,), dict(
            params={"format": "html"})),
    ]
    dates = [("/agreements", {"until": "2020-13-45"}), ("/agreements", {"since": "2021-02-29"}),
             ("/cooperations", {"until": "2020-13-45"}),
             ("/paths", {"source": "Japan", "target": "Russia", "until": "2020-13-45"})]
    probes += [Probe(f"impossible date {path} {params}", "GET", path, (400,),
                     dict(params=params)) for path, params in dates]
    probes += [Probe("impossible published date", "POST", "/documents", (400,), dict(
        json={"text": "Japan and Russia signed an agreement.", "published": "2020-13-45"},
        headers=AUTH))]
    # size limits (README defaults: 1 MB of query, 5 MB of document, 64 KiB of headers)
    probes += [
        Probe("query of 1.1 MB", "POST", "/sparql", (413,), dict(
            content=b"ASK { ?s ?p ?o } #" + b"x" * 1_100_000, headers=query)),
        Probe("document of 5.5 MB", "POST", "/documents", (413,), dict(
            content=b"Japan und Norwegen. " * 275_000,
            headers={**AUTH, "Content-Type": "text/plain"})),
        Probe("headers of 80 KiB", "GET", "/health", (431,), dict(
            headers={"X-Big": "a" * 80_000})),
    ]
    # one token of 20 000 characters: extracted in seconds, not hours (it holds the writer)
    probes += [Probe("document with a 20 000-character token", "POST", "/documents", (201,),
                     dict(content=b"Japan und Norwegen unterzeichneten ein Abkommen. "
                          + b"q" * 20_000, headers={**AUTH, "Content-Type": "text/plain"}))]
    # path traversal: nothing outside the store is read, deleted or served
    probes += [
        Probe("traversal GET /documents/..%2F..%2Fmeta.json", "GET",
              "/documents/..%2F..%2Fmeta.json", (404, 405)),
        Probe("traversal DELETE /documents/..%2Fmeta.json", "DELETE",
              "/documents/..%2Fmeta.json", (400, 404), dict(headers=AUTH)),
        Probe("traversal DELETE /documents/..", "DELETE", "/documents/..", (400, 404, 405),
              dict(headers=AUTH)),
        Probe("traversal /id/country/..%2F..%2Fetc%2Fpasswd", "GET",
              "/id/country/..%2F..%2Fetc%2Fpasswd", (400, 404)),
        Probe("traversal /entities/..%2F..%2Fetc/passwd", "GET",
              "/entities/..%2F..%2Fetc/passwd", (400, 404)),
        Probe("traversal /static/../../etc/passwd", "GET", "/static/..%2F..%2F..%2Fetc%2Fpasswd",
              (400, 404)),
        Probe("traversal /export?graph=file:///etc/passwd", "GET", "/export", (400, 404), dict(
            params={"graph": "file:///etc/passwd", "format": "turtle"})),
        # no token: writes are refused before anything happens
        Probe("update without token", "POST", "/update", (401,), dict(
            data={"update": "CLEAR ALL"})),
        Probe("delete without token", "DELETE", "/documents/anything", (401,)),
    ]
    return probes


def hostile(args: argparse.Namespace) -> int:
    """Send the hostile list to a real server, then check read-only: failures."""
    failures = 0
    target = ThreadingHTTPServer(("127.0.0.1", 0), _Target)
    threading.Thread(target=target.serve_forever, daemon=True).start()
    target_url = f"http://127.0.0.1:{target.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory(prefix="kg-hostile-") as tmp:
            store, log = Path(tmp) / "store", Path(tmp) / "serve.log"
            build(store)
            server = Server(store, log)
            statuses: Counter = Counter()
            try:
                with httpx.Client(base_url=server.url, timeout=60) as http:
                    insert = (f"INSERT DATA {{ GRAPH <{EURO_GRAPH}> {{ <{EURO_ENTITY}> a "
                              "ekg:Country ; rdfs:label 'Euroland'@en } }")
                    assert http.post("/update", data={"update": insert},
                                     headers=AUTH).status_code == 200
                probes = hostile_probes(target_url)
                print(f"\nhostile list: {len(probes)} requests to `kg serve` (README defaults,"
                      " a token), each on its own connection, /health after each")
                print(f"  {'probe':<58}{'expected':>10}{'got':>6}{'ms':>8}  verdict")
                for probe in probes:
                    hits = _Target.hits
                    started = time.perf_counter()
                    try:
                        with httpx.Client(base_url=server.url, timeout=60) as http:
                            response = http.request(probe.method, probe.path, **probe.kwargs)
                        status, text = response.status_code, response.text
                    except httpx.HTTPError as exc:
                        status, text = "error", repr(exc)
                    elapsed = (time.perf_counter() - started) * 1000
                    statuses[status] += 1
                    problems = []
                    if status not in probe.expected:
                        problems.append(f"expected {probe.expected}")
                    if isinstance(status, str) or status >= 500:
                        problems.append("server error")
                    if SECRET in text or "root:x:0" in text:
                        problems.append("outside body echoed")
                    if probe.reaches and _Target.hits != hits:
                        problems.append("target contacted")
                    if server.process.poll() is not None:
                        problems.append(f"server died ({server.process.returncode})")
                    else:
                        try:
                            health = httpx.get(f"{server.url}/health", timeout=10).status_code
                        except httpx.HTTPError as exc:
                            health = repr(exc)
                        if health != 200:
                            problems.append(f"/health then: {health}")
                    failures += bool(problems)
                    print(f"  {probe.name[:57]:<58}{'/'.join(map(str, probe.expected)):>10}"
                          f"{status:>6}{elapsed:>8.0f}  {'; '.join(problems) or 'ok'}")
                    if problems and not isinstance(status, int):
                        print(f"      {text[:300]}")
                    elif problems:
                        print(f"      {text[:300]!r}")
                alive = server.process.poll() is None
            finally:
                code = server.stop()
            fives = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 500)
            print(f"  {len(probes)} probes: statuses "
                  + " ".join(f"{s}:{n}" for s, n in sorted(statuses.items(), key=str))
                  + f"; 5xx or no answer {fives}; server alive to the end: {alive} "
                    f"(exit code {code} on SIGTERM); SERVICE/LOAD target hits {_Target.hits};"
                    f" failures {failures}")
            failures += read_only(store, log)
            text = log.read_text(errors="replace")
            print(f"  tracebacks in the server's stderr: {text.count('Traceback')}")
    finally:
        target.shutdown()
        target.server_close()
    return failures


def read_only(store: Path, log: Path) -> int:
    """``KG_READ_ONLY=1 kg serve --build``: every write is 409, /health says read-only."""
    server = Server(store, log, ("--build",), KG_READ_ONLY="1")
    checks = []
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            health = http.get("/health").json()
            checks.append(("/health read_only", health.get("read_only"), True))
            checks.append(("POST /documents", http.post("/documents", headers=AUTH, json={
                "text": "Japan und Norwegen unterzeichneten ein Abkommen.",
                "language": "de"}).status_code, 409))
            checks.append(("POST /documents of 5.5 MB", http.post(
                "/documents", headers={**AUTH, "Content-Type": "text/plain"},
                content=b"x" * 5_500_000).status_code, 409))
            checks.append(("POST /update", http.post("/update", headers=AUTH, data={
                "update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).status_code, 409))
            checks.append(("DELETE /documents/x", http.delete(
                "/documents/x", headers=AUTH).status_code, 409))
            checks.append(("GET /sparql ASK", http.get("/sparql", params={
                "query": "ASK { ?s ?p ?o }"}).status_code, 200))
    finally:
        server.stop()
    bad = sum(got != want for _, got, want in checks)
    print("  KG_READ_ONLY=1 kg serve --build: " + ", ".join(
        f"{name} {got}" + ("" if got == want else f" (expected {want})")
        for name, got, want in checks) + f"; failures {bad}")
    return bad


# --- runaway queries ------------------------------------------------------------------------
#
# Four queries that cannot finish in time, and four that would eat all memory, on a real
# `kg serve` (README defaults: 10 s time limit, 4 query worker processes sharing a budget of
# 1280 MB). Meanwhile another client keeps asking /health, a SPARQL ASK, an entity search,
# /agreements and /documents; each answer must be a 200 within 1 s. The resident memory of
# the server process, and of it with all its descendants (query workers, their fork server,
# multiprocessing's resource tracker) summed, is sampled every 20 ms (tests/rss.py); the sum
# must stay under 2 GB.

COUNT_RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ORDER_RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c"
GB = 2**30


def runaway(args: argparse.Namespace) -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="kg-runaway-") as tmp:
        store, log = Path(tmp) / "store", Path(tmp) / "serve.log"
        build(store)
        server = Server(store, log)
        try:
            with httpx.Client(base_url=server.url, timeout=60) as http:
                for path, params in [ASK, *PROBES]:  # warm: the view is built first
                    http.get(path, params=params)
                print("\nrunaway queries on `kg serve` (README defaults: "
                      f"{http.get('/health').json()['queries']})")
            for name, query in (("COUNT over a triple cross product", COUNT_RUNAWAY),
                                ("ORDER BY over a cross product", ORDER_RUNAWAY)):
                failures += runaway_round(server, name, query)
            with httpx.Client(base_url=server.url, timeout=60) as http:
                health = http.get("/health").json()
            print(f"  /health afterwards: status {health['status']}, queries "
                  f"{health['queries']}")
            if health["status"] != "ok":
                failures += 1
        finally:
            code = server.stop()
        text = log.read_text(errors="replace")
        print(f"  server exit code on SIGTERM {code}; tracebacks in its stderr "
              f"{text.count('Traceback')}")
    print(f"\nrunaway verdict: {'FAIL' if failures else 'PASS'} ({failures} failures)")
    return failures


PROBES = [("/health", None), ("/entities", {"q": "Japan"}), ("/agreements", {"party": "Japan"}),
          ("/documents", None)]
ASK = ("/sparql", {"query": "ASK { ?s ?p ?o }"})


def timed(http: httpx.Client, path: str, params: dict | None) -> tuple[str, object, float]:
    started = time.perf_counter()
    try:
        status: object = http.get(path, params=params).status_code
    except httpx.HTTPError as exc:
        status = repr(exc)
    return path, status, time.perf_counter() - started


def runaway_round(server: Server, name: str, query: str) -> int:
    """Four runaways at once from one client (127.0.0.1). Meanwhile other clients (from
    127.0.0.2) ask the other endpoints and SPARQL ASK queries: each a 200 within 1 s
    (failures otherwise; one client may hold all query workers but one, so the runaways
    leave one to others); right after, every endpoint, /sparql included, must answer 200
    within 1 s."""
    results: list = []

    def fire() -> None:
        started = time.perf_counter()
        try:
            response = httpx.get(f"{server.url}/sparql", params={"query": query}, timeout=120)
            results.append((response.status_code, time.perf_counter() - started,
                            response.text[:120]))
        except httpx.HTTPError as exc:
            results.append(("error", time.perf_counter() - started, repr(exc)))

    runaways = [threading.Thread(target=fire, daemon=True) for _ in range(4)]
    others: list[tuple[str, object, float]] = []
    queries: list[tuple[str, object, float]] = []

    def probe(plan: list, answers: list) -> None:
        with httpx.Client(base_url=server.url, timeout=60, transport=httpx.HTTPTransport(
                local_address="127.0.0.2")) as http:  # another client than the runaways
            n = 0
            while any(t.is_alive() for t in runaways):
                answers.append(timed(http, *plan[n % len(plan)]))
                n += 1
                time.sleep(0.1)

    from tests.rss import PeakSampler  # noqa: PLC0415 - this checkout's tests/

    with PeakSampler(server.process.pid) as sampler:
        for thread in runaways:
            thread.start()
        time.sleep(0.3)
        probers = [threading.Thread(target=probe, args=(PROBES, others), daemon=True),
                   threading.Thread(target=probe, args=([ASK], queries), daemon=True)]
        for thread in probers:
            thread.start()
        for thread in runaways + probers:
            thread.join()
        with httpx.Client(base_url=server.url, timeout=60) as http:
            after = [timed(http, path, params) for path, params in [ASK, *PROBES]]
    peak_server, peak_tree = sampler.own, sampler.tree
    bad_others = [a for a in others + queries if a[1] != 200 or a[2] >= 1]
    bad_after = [a for a in after if a[1] != 200 or a[2] >= 1]
    refused = [r for r in results if r[0] == 503]

    def summary(answers: list) -> str:
        times = [a[2] for a in answers]
        statuses = Counter(a[1] for a in answers)
        return (f"{len(answers)} ({' '.join(f'{s}:{n}' for s, n in sorted(statuses.items(), key=str))}), "
                f"{sum(1 for a in answers if a[1] != 200 or a[2] >= 1)} not a 200 within 1 s; "
                f"p50 {percentile(times, 50) * 1000:.0f} ms, p95 "
                f"{percentile(times, 95) * 1000:.0f} ms, slowest "
                f"{max(times, default=float('nan')) * 1000:.0f} ms")

    print(f"  4 x {name}: runaways got "
          + ", ".join(f"{r[0]} after {r[1]:.1f} s" for r in results))
    print(f"    {results[0][2]!r}")
    print(f"    meanwhile, other endpoints: {summary(others)}")
    print(f"    meanwhile, another client's SPARQL ASK: {summary(queries)}")
    print("    right after: " + ", ".join(f"{p} {s} in {t * 1000:.0f} ms" for p, s, t in after))
    print(f"    peak RSS: server process {peak_server / GB:.2f} GB, with all its processes "
          f"(query workers, fork server) {peak_tree / GB:.2f} GB (must stay under 2 GB; "
          f"{sampler.samples} samples)")
    for answer in (bad_others + bad_after)[:10]:
        print(f"    slow or failed: {answer}")
    failures = len(bad_others) + len(bad_after) + (4 - len(refused))
    failures += peak_tree >= 2 * GB
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="length of each run")
    parser.add_argument("--runs", type=int, default=1, help="runs, each on a fresh store")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seed", type=int, default=9, help="seed of the clients' choices")
    parser.add_argument("--restart", choices=["both", "plain", "build", "none"],
                        default="both",
                        help="after each run, check again on the same store after a restart "
                             "with `kg serve`, then with `kg serve --build` (both, the "
                             "default), only one of them, or not at all")
    parser.add_argument("--phases", default="stress,hostile,runaway",
                        help="comma list of stress, hostile, runaway (default: all three)")
    args = parser.parse_args()
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = set(phases) - {"stress", "hostile", "runaway"}
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}; {os.cpu_count()} CPUs; "
          f"phases {', '.join(phases)}")
    failures = {}
    if "stress" in phases:
        failures["stress"] = stress(args)
    if "hostile" in phases:
        failures["hostile"] = hostile(args)
        print(f"\nhostile verdict: {'FAIL' if failures['hostile'] else 'PASS'} "
              f"({failures['hostile']} failures)")
    if "runaway" in phases:
        failures["runaway"] = runaway(args)
    print("\nverdict: " + ("FAIL" if any(failures.values()) else "PASS") + " ("
          + ", ".join(f"{k} {v} failures" for k, v in failures.items()) + ")")
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
