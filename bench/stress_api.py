"""Concurrent stress of the HTTP API (issue 9): no 5xx, no lost document, no stale view.

Each run builds a fresh on-disk store from ``ontology/`` and ``seeds/`` in a temporary
directory (``kg build --store``), starts ``kg serve`` on it with a token
(``KG_API_TOKEN``) on a free port of 127.0.0.1, and lets ``--clients`` (8) threads,
each with its own keep-alive ``httpx`` connection, run a random mix for ``--seconds``
(60):

* SPARQL ``SELECT`` and ``ASK`` at ``/sparql`` (some of them check earlier writes),
* ``/update``: ``INSERT DATA`` of a marker triple unique to the run, client and step,
* ``POST /documents``: short invented German or English news texts (distinct titles,
  a serial number makes each text and its key unique),
* ``DELETE /documents/{key}`` of a document the same client ingested,
* the views: ``/agreements``, ``/cooperations``, ``/entities`` (search and one entity),
  ``/paths``, plus ``/documents`` and ``/health``.

It records per request type the count, the status histogram, the 5xx, and p50/p95
latency. What counts as a failure:

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
* after the clients stopped, and again after a restart of the server on the same store:
  **lost** (an acknowledged document that was not deleted is missing from ``/documents``,
  or an acknowledged marker is missing) and **resurrected** (a deleted document is listed,
  or its evidence is still in ``/agreements``).

A request whose outcome is unknown (a transport error on a write) is left out of the
checks and counted. Tracebacks in the server's stderr are counted and shown, not failed on
(no client saw them). Prints one table per run and a verdict over all runs; exits 1 on any
5xx, transport error, lost, resurrected or stale. A script, not a test::

    PYTHONPATH=. .venv/bin/python bench/stress_api.py                 # one run of 60 s
    PYTHONPATH=. .venv/bin/python bench/stress_api.py --runs 5
    PYTHONPATH=. .venv/bin/python bench/stress_api.py --seconds 10    # a quick look
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
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
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
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def problem(self, kind: str, detail: str) -> None:
        with self.lock:
            self.problems[kind].append(detail)

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


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(KG_API_TOKEN=TOKEN, PYTHONPATH=str(ROOT))
    return env


def build(store: Path) -> None:
    subprocess.run([sys.executable, "-m", "kg", "build", "--store", str(store)], cwd=ROOT,
                   env=environment(), check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


class Server:
    """``kg serve --store STORE`` on a free port, its stderr in a file."""

    def __init__(self, store: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with log.open("a") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port",
                 str(self.port), "--log-level", "warning"],
                cwd=ROOT, env=environment(), stdout=subprocess.DEVNULL, stderr=sink)
        deadline = time.monotonic() + 120
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
                raise RuntimeError("kg serve did not start within 120 s")
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
    """Lost and resurrected documents and markers, as the server shows them now."""
    counts = Counter()
    with httpx.Client(base_url=url, timeout=120) as http:
        listed = {item["key"] for item in http.get("/documents").json()["items"]}
        for doc in ledger.docs.values():
            if doc.state == "acked" and doc.key not in listed:
                counts["lost"] += 1
                ledger.problem("lost", f"{when}: document {doc.key} is not listed")
            if doc.state == "deleted" and doc.key in listed:
                counts["resurrected"] += 1
                ledger.problem("resurrected", f"{when}: deleted document {doc.key} is listed")
            if doc.party:  # the view: evidence of live documents only
                shown = view_shows(http, doc)
                if shown is None or shown != (doc.state == "acked"):
                    kind = "lost" if doc.state == "acked" else "resurrected"
                    counts[kind] += 1
                    ledger.problem(kind, f"{when}: /agreements shows document {doc.key} "
                                         f"({doc.state}): {shown}")
        response = http.get("/sparql", params={"query": (
            f"SELECT ?m WHERE {{ GRAPH ?g {{ ?m <{MARK}> ?n }} }}")},
            headers={"Accept": "application/sparql-results+json"})
        found = {b["m"]["value"] for b in response.json()["results"]["bindings"]}
        for marker in ledger.markers - found:
            counts["lost"] += 1
            ledger.problem("lost", f"{when}: marker {marker} is missing")
        health = http.get("/health").json()
        if health.get("status") != "ok":
            ledger.problem("health", f"{when}: /health says {health}")
        if int(health["revision"]) < ledger.floor:
            ledger.problem("stale", f"{when}: revision {health['revision']} < {ledger.floor}")
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
        restarted = Counter()
        if not args.no_restart:  # the same checks on the same store, reopened
            server = Server(store, log)
            try:
                restarted = verify(server.url, ledger, "after a restart")
            finally:
                server.stop()
        text = log.read_text(errors="replace")
        tracebacks = text.count("Traceback")
        if tracebacks:
            ledger.problem("server log", f"{tracebacks} tracebacks in the server's stderr:\n"
                                         + text[-2000:])
    return {"run": run, "ledger": ledger, "after": after, "restarted": restarted,
            "built": built, "revisions": (int(initial), int(final_revision)),
            "tracebacks": tracebacks,
            "exit": code}


def report(result: dict, args: argparse.Namespace) -> dict[str, int]:
    ledger: Ledger = result["ledger"]
    first, last = result["revisions"]
    print(f"\nrun {result['run']}: {args.clients} clients, {args.seconds:g} s, revisions "
          f"{first} -> {last}, store built in {result['built']:.1f} s")
    print(f"  {'request':<13}{'count':>7}{'5xx':>6}{'p50 ms':>9}{'p95 ms':>9}  statuses")
    total = Counter()
    for kind in MIX:
        statuses = ledger.statuses.get(kind, Counter())
        count = sum(statuses.values())
        fives = sum(n for s, n in statuses.items() if isinstance(s, int) and s >= 500)
        total["requests"] += count
        total["5xx"] += fives
        total["transport"] += statuses.get("error", 0)
        seconds = ledger.seconds.get(kind, [])
        histogram = " ".join(f"{s}:{n}" for s, n in sorted(statuses.items(), key=str))
        print(f"  {kind:<13}{count:>7}{fives:>6}{percentile(seconds, 50) * 1000:>9.1f}"
              f"{percentile(seconds, 95) * 1000:>9.1f}  {histogram}")
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
    total["other"] = sum(len(v) for k, v in ledger.problems.items()
                         if k not in ("5xx", "transport", "stale", "lost", "resurrected",
                                      "refused", "server log"))
    print(f"  {'all':<13}{total['requests']:>7}{total['5xx']:>6}")
    print(f"  documents acknowledged {total['ingested']} (with an agreement checked in the "
          f"view: {total['with agreement']}), deleted {total['deleted']}, live "
          f"{total['live']}, with facts kept out by the SHACL screening {total['screened']}; "
          f"markers acknowledged {total['markers']}; outcome unknown "
          f"{total['unknown']}")
    print(f"  5xx {total['5xx']}, transport errors {total['transport']}, lost "
          f"{total['lost']}, resurrected {total['resurrected']}, stale {total['stale']}, "
          f"writes refused {total['refused']}, other {total['other']}; tracebacks in the "
          f"server's stderr {total['tracebacks']}; server exit code "
          f"{result['exit']}")
    for kind, details in sorted(ledger.problems.items()):
        for detail in details[:5]:
            print(f"    {kind}: {detail}")
        if len(details) > 5:
            print(f"    {kind}: ... {len(details) - 5} more")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="length of each run")
    parser.add_argument("--runs", type=int, default=1, help="runs, each on a fresh store")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seed", type=int, default=9, help="seed of the clients' choices")
    parser.add_argument("--no-restart", action="store_true",
                        help="skip the second check after restarting the server")
    args = parser.parse_args()
    totals = []
    for run in range(1, args.runs + 1):
        totals.append(report(run_once(run, args), args))
    keys = ["requests", "5xx", "transport", "ingested", "deleted", "live", "markers",
            "unknown", "lost", "resurrected", "stale", "refused", "other", "tracebacks"]
    print("\nall runs")
    print("  " + "".join(f"{k:>12}" for k in ["run", *keys]))
    for n, total in enumerate(totals, 1):
        print("  " + "".join(f"{v:>12}" for v in [n, *(total[k] for k in keys)]))
    bad = sum(t[k] for t in totals for k in ("5xx", "transport", "lost", "resurrected",
                                            "stale", "refused", "other"))
    print(f"\nverdict: {'FAIL' if bad else 'PASS'} ({bad} failures in {len(totals)} runs of "
          f"{args.seconds:g} s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
