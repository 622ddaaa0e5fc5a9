"""Entity resolution: one agreement from many reports, one person or organization across
spellings and documents.

An extracted document names agreements, persons and organizations with IRIs the
extractor mints from what the text says (``id:agreement/2023-05-12-cl-de-hydrogen``,
``id:person/r-habeck``, ``id:org/rwe-ag``). :func:`resolve` compares each with the
nodes the store already has and decides, with a score between 0 and 1:

- at or above :data:`MERGE_AT` the extracted node *is* the known one: it takes the
  known IRI, its evidence and other statements are attached to it, and the known
  description wins (the extracted type, date and title are set aside, its label
  becomes an alternative label);
- between :data:`REVIEW_AT` and :data:`MERGE_AT` it is a close call: merged the same
  way, and put on the review queue (:mod:`kg.review`);
- below, it stays a node of its own.

Each merge is kept as data (:class:`Merge`, an ``ekg:Merge`` node in ``graph/review``)
with the extracted node's own statements, so :func:`kg.review.undo_merge` can split
it again, and a merge refused once is not made again for the same document.

Agreements (:func:`agreement_score`) are compared by their parties (at least two
shared, or all of a smaller set), a date compatible at the coarser precision of the
two (``2023-05`` fits ``2023-05-12`` and ``2023``; two different days never fit; an
undated report is at most a close call), kind, topics, title similarity (rapidfuzz)
and place. Persons (:func:`person_score`) by family name (accents folded, umlauts and
common transliterations such as w/v, ks/x, j/i made alike), given names (full,
initial, or missing) and context: a person named only by surname or initial is
merged only when the two share an organization, country or co-party; two people who
share just a surname across unrelated documents stay apart. Organizations
(:func:`org_score`) by their name without legal form (the ``lex:LegalForm`` labels
of ``seeds/gazetteer/lexicon.ttl``), spaces and punctuation, and their country.

>>> date_relation("2023-05", "2023-05-12"), date_relation("2023", "2023-05-12")
('compatible', 'compatible')
>>> date_relation("2023-05-12", "2023-05-13"), date_relation(None, "2023")
('conflict', 'unknown')
>>> org_key("RWE AG") == org_key("RWE"), org_key("Thyssen Krupp") == org_key("thyssenkrupp")
(True, True)
>>> person_name("R. Habeck"), person_name("Robert Habeck")
((('r',), 'habeck'), (('robert',), 'habeck'))
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rapidfuzz import fuzz, process
from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.namespaces import EKG, ID, entity_iri

MERGE_AT = 0.75   # a score at or above this merges
REVIEW_AT = 0.55  # a score at or above this (and below MERGE_AT) merges as a close call

REPO_ROOT = Path(__file__).resolve().parent.parent
LEXICON = REPO_ROOT / "seeds" / "gazetteer" / "lexicon.ttl"

_TYPE = str(RDF.type)
_LABEL, _ALT, _TITLE = str(RDFS.label), str(SKOS.altLabel), str(DCTERMS.title)
_DERIVED = str(PROV.wasDerivedFrom)
_E = str(EKG)
_AGREEMENT_KINDS = {
    "Agreement": "agreement", "IntergovernmentalAgreement": "agreement",
    "Memorandum": "memorandum", "DeclarationOfIntent": "declaration_of_intent",
    "Treaty": "treaty", "Partnership": "partnership", "Contract": "contract",
}
_AGREEMENT_CLASSES = {_E + name for name in _AGREEMENT_KINDS}
# What the known node says and an extracted node's statement gives way to on a merge.
# (A merged person or organization keeps its type: both say ekg:Person, and the SHACL
# screening of the document needs to see it.)
KNOWN_SAYS = {"agreement": {_TYPE, _E + "signedOn", _TITLE}, "person": set(), "org": set()}

RunQuery = Callable[[str], Iterable]


# --- what is compared ---------------------------------------------------------------------

@dataclass
class AgreementFacts:
    """What resolution compares of one agreement."""

    iri: str
    kind: str | None = None
    date: str | None = None
    parties: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)

    def take(self, predicate: str, value: str) -> None:
        if predicate == _TYPE and value in _AGREEMENT_CLASSES:
            kind = _AGREEMENT_KINDS[value[len(_E):]]
            if self.kind in (None, "agreement"):
                self.kind = kind
        elif predicate == _E + "signedOn":
            self.date = value
        elif predicate == _E + "party":
            self.parties.add(value)
        elif predicate == _E + "topic":
            self.topics.add(value)
        elif predicate == _TITLE:
            self.titles.add(value)
        elif predicate == _E + "signedAt":
            self.places.add(value)
        elif predicate == _DERIVED:
            self.documents.add(value)


@dataclass
class EntityFacts:
    """What resolution compares of one person or organization."""

    iri: str
    kind: str  # "person" or "org"
    names: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)  # affiliations, countries, co-parties
    documents: set[str] = field(default_factory=set)


@dataclass
class Merge:
    """One extracted node taken for a known one."""

    source: str
    target: str
    kind: str  # agreement, person, org
    score: float
    document: str | None
    reasons: list[str]
    original: list[ox.Triple] = field(default_factory=list)  # the source's statements

    @property
    def close_call(self) -> bool:
        return self.score < MERGE_AT

    @property
    def key(self) -> str:
        """The merge's stable id: the same document, node and target give the same one."""
        return merge_key(self.document, self.source, self.target)


def merge_key(document: str | None, source: str, target: str) -> str:
    return hashlib.sha256(f"{document}|{source}|{target}".encode()).hexdigest()[:12]


def merge_iri(key: str) -> str:
    return str(entity_iri("merge", key))


@dataclass
class Resolution:
    """The document's triples with merged IRIs, and the merges made."""

    triples: list[ox.Triple]
    merges: list[Merge]


# --- dates --------------------------------------------------------------------------------

def date_relation(a: str | None, b: str | None) -> str:
    """``same``, ``compatible`` (one is a coarser form of the other), ``unknown`` or ``conflict``."""
    if not a or not b:
        return "unknown"
    if a == b:
        return "same"
    short, long = sorted((a, b), key=len)
    return "compatible" if long.startswith(short) and len(short) < len(long) else "conflict"


# --- names --------------------------------------------------------------------------------

@functools.lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case, accents off, German umlauts written out or not made alike (ü, ue → u)."""
    text = text.replace("ß", "ss").replace("ẞ", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"([aou])e", r"\1", text)


@functools.lru_cache(maxsize=100_000)
def phonetic(word: str) -> str:
    """A looser key for transliterated names (Nowak/Novak, Aleksandr/Alexandr, Jurij/Yuri)."""
    word = fold(word)
    for old, new in (("sch", "sh"), ("tsch", "ch"), ("ks", "x"), ("kh", "h"), ("ph", "f"),
                     ("w", "v"), ("y", "i"), ("j", "i"), ("tz", "z"), ("ck", "k")):
        word = word.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", word)


_TITLES = {"dr", "prof", "mr", "mrs", "ms", "herr", "frau", "sir", "dame"}


def person_name(name: str) -> tuple[tuple[str, ...], str] | None:
    """(given names, family name), folded; None for a name without letters."""
    words = [w for w in re.findall(r"[^\W\d_]+\.?", name)]
    words = [w.rstrip(".") for w in words if fold(w.rstrip(".")) not in _TITLES]
    if not words:
        return None
    folded = [fold(w) for w in words]
    return tuple(folded[:-1]), folded[-1]


@functools.lru_cache(maxsize=1)
def legal_forms() -> tuple[tuple[str, ...], ...]:
    """The legal forms of ``lex:LegalForm`` in the lexicon, as word tuples, longest first."""
    if not LEXICON.exists():
        return ()
    store = ox.Store()
    store.load(path=str(LEXICON), format=ox.RdfFormat.TURTLE)
    rows = store.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label WHERE {
          ?c skos:broader <https://w3id.org/energy-kg/lexicon/LegalForm> .
          { ?c skos:prefLabel ?label } UNION { ?c skos:altLabel ?label } }""")
    forms = {tuple(str(r["label"].value).split()) for r in rows}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def org_key(name: str) -> str:
    """An organization's name without its legal form, spaces, punctuation and accents."""
    words = name.replace(",", " ").split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for form in legal_forms():
            n = len(form)
            if n < len(words) and tuple(words[-n:]) == form:
                words = words[:-n]
                changed = True
                break
    return re.sub(r"[^a-z0-9]", "", fold(" ".join(words)))


# --- scores -------------------------------------------------------------------------------

def agreement_score(e: AgreementFacts, k: AgreementFacts) -> tuple[float, list[str]]:
    """How surely ``e`` (extracted) and ``k`` (known) are the same agreement, and why."""
    score, _, reasons = agreement_evidence(e, k)
    return score, reasons


def agreement_evidence(e: AgreementFacts, k: AgreementFacts) -> tuple[float, float, list[str]]:
    """:func:`agreement_score` with the evidence before the cap of an undated pair.

    Without a date to compare the score is a close call at most (it could be a
    renewal), however much else agrees; the uncapped evidence still tells such
    candidates apart when several compete for one node (:func:`_assign`).
    """
    shared = e.parties & k.parties
    if not shared or len(shared) < min(2, len(e.parties), len(k.parties)):
        return 0.0, 0.0, ["too few shared parties"]
    date = date_relation(e.date, k.date)
    if date == "conflict":
        return 0.0, 0.0, [f"dates differ ({e.date} and {k.date})"]
    reasons = [f"{len(shared)} shared part{'y' if len(shared) == 1 else 'ies'}"]
    score = 0.40 * len(shared) / len(e.parties | k.parties)
    score += 0.30 * {"same": 1.0, "compatible": 0.75, "unknown": 0.3}[date]
    reasons.append({"same": f"same date {e.date}", "compatible": f"dates fit ({e.date}, {k.date})",
                    "unknown": "no date to compare"}[date])
    if e.kind and k.kind:  # weak: reports in two languages name one document differently
        if e.kind == k.kind:
            score += 0.05
            reasons.append(f"same kind ({e.kind})")
        elif "agreement" in (e.kind, k.kind):
            score += 0.025
    else:
        score += 0.025
    if e.topics and k.topics:
        if e.topics & k.topics:
            score += 0.10
            reasons.append("shared topic")
        else:
            score -= 0.10
            reasons.append("no shared topic")
    else:
        score += 0.05
    if e.titles and k.titles:
        similarity = max(fuzz.token_set_ratio(fold(a), fold(b)) for a in e.titles
                         for b in k.titles) / 100
        score += 0.10 * similarity
        reasons.append(f"titles {similarity:.0%} alike")
    else:
        score += 0.05
    if e.places and k.places:
        if e.places & k.places:
            score += 0.05
            reasons.append("same place")
        else:
            score -= 0.05
            reasons.append("different places")
    else:
        score += 0.025
    if e.documents & k.documents:  # the known agreement was curated from this very report
        score = max(score, 0.9)
        reasons.append("told by the same document")
    evidence = round(max(0.0, min(1.0, score)), 3)
    if date == "unknown" and not e.documents & k.documents:
        score = min(score, MERGE_AT - 0.01)  # without a date it could be a renewal
    return round(max(0.0, min(1.0, score)), 3), evidence, reasons


def person_score(e: EntityFacts, k: EntityFacts) -> tuple[float, list[str]]:
    """How surely two person nodes are one person, and why."""
    best = (0.0, ["names differ"])
    for a in e.names:
        for b in k.names:
            found = _person_pair(person_name(a), person_name(b), e, k)
            if found[0] > best[0]:
                best = found
    return best


def _person_pair(a, b, e: EntityFacts, k: EntityFacts) -> tuple[float, list[str]]:
    if a is None or b is None:
        return 0.0, ["no name"]
    (given_a, family_a), (given_b, family_b) = a, b
    whole_a, whole_b = (*given_a, family_a), (*given_b, family_b)
    shorter, longer = sorted((whole_a, whole_b), key=len)
    if len(shorter) >= 2 and shorter != longer and longer[:len(shorter)] == shorter:
        # "Diego Pardow" and "Diego Pardow Lorenzo": a second family name left out
        (given_a, family_a), (given_b, family_b) = (shorter[:-1], shorter[-1]), \
            (shorter[:-1], shorter[-1])
        family, reasons = 0.9, ["one name is the other without a second family name"]
    elif family_a == family_b:
        family, reasons = 1.0, ["same family name"]
    elif phonetic(family_a) == phonetic(family_b):
        family, reasons = 0.8, ["family names are spellings of one name"]
    else:
        return 0.0, ["family names differ"]
    given = _given(given_a, given_b)
    if given == 0.0:
        return 0.0, ["given names differ"]
    reasons.append({1.0: "same given names", 0.6: "initial fits", 0.4: "given name missing"}
                   .get(given, "given names alike"))
    shared = e.context & k.context
    context = 1.0 if e.documents & k.documents else 0.8 if shared else 0.0
    if shared:
        reasons.append("shared context: " + ", ".join(sorted(_short(x) for x in shared)[:3]))
    if context == 0.0 and not (family == 1.0 and given == 1.0):  # a surname is not enough
        return 0.0, reasons + ["no shared context"]
    score = 0.45 * family + 0.35 * given + 0.2 * context
    return round(score, 3), reasons


def _given(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return 0.4
    if a == b:
        return 1.0
    first_a, first_b = a[0], b[0]
    if phonetic(first_a) == phonetic(first_b):
        return 0.9
    if min(len(first_a), len(first_b)) >= 4 and \
            fuzz.ratio(phonetic(first_a), phonetic(first_b)) >= 85:
        return 0.8  # Aleksandr / Alexander
    if (len(first_a) == 1 or len(first_b) == 1) and first_a[0] == first_b[0]:
        return 0.6
    return 0.0


def org_score(e: EntityFacts, k: EntityFacts) -> tuple[float, list[str]]:
    """How surely two organization nodes are one organization, and why."""
    keys_e = {org_key(n) for n in e.names} - {""}
    keys_k = {org_key(n) for n in k.names} - {""}
    shared_context = e.context & k.context
    conflict = bool(e.context and k.context and not shared_context)
    if keys_e & keys_k:
        if conflict:
            return 0.6, ["same name without legal form", "different countries"]
        return 0.9, ["same name without legal form, spaces and punctuation"]
    similarity = max((fuzz.ratio(a, b) for a in keys_e for b in keys_k if min(len(a), len(b)) >= 5),
                     default=0) / 100
    if similarity >= 0.9 and shared_context:
        return round(0.5 + 0.2 * similarity, 3), [f"names {similarity:.0%} alike", "same country"]
    return 0.0, ["names differ"]


def _short(iri: str) -> str:
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


# --- reading the document and the store ---------------------------------------------------

def _value(term) -> str:
    return getattr(term, "value", str(term))


def _extracted_agreements(triples: list[ox.Triple]) -> dict[str, AgreementFacts]:
    found: dict[str, AgreementFacts] = {}
    for t in triples:
        if isinstance(t.subject, ox.NamedNode):
            iri = t.subject.value
            facts = found.get(iri)
            if facts is None:
                facts = found[iri] = AgreementFacts(iri)
            facts.take(t.predicate.value, _value(t.object))
    return {iri: f for iri, f in found.items() if f.parties}


CANDIDATES_QUERY = "SELECT DISTINCT ?a WHERE {{ {candidates} }}"

# (two queries, and a FILTER rather than VALUES for the predicates: Oxigraph plans a join
# with the candidates' subquery or with VALUES ?p by reading every statement with one of
# these predicates first)
AGREEMENT_QUERY = """
SELECT ?a ?p ?o WHERE {{
  VALUES ?a {{ {agreements} }}
  ?a ?p ?o .
  FILTER(?p IN (rdf:type, ekg:party, ekg:signedOn, ekg:topic, dcterms:title, ekg:signedAt,
                prov:wasDerivedFrom))
}}"""


def _candidate_patterns(party_sets: Iterable[Iterable[str]]) -> str:
    """A SPARQL pattern binding ``?a`` to every agreement that shares enough parties with
    one of ``party_sets`` to be compared at all (:func:`agreement_score`): two of them,
    or its only party; all of a one-party set's agreements."""
    singles, pairs, alone = set(), set(), set()
    for parties in party_sets:
        parties = sorted(set(parties))
        if len(parties) == 1:
            singles.add(parties[0])
        else:
            pairs.update((a, b) for i, a in enumerate(parties) for b in parties[i + 1:])
            alone.update(parties)
    branches = []
    if singles:
        values = " ".join(f"<{p}>" for p in sorted(singles))
        branches.append(f"{{ VALUES ?_x {{ {values} }} ?a ekg:party ?_x }}")
    if pairs:
        values = " ".join(f"(<{a}> <{b}>)" for a, b in sorted(pairs))
        branches.append(f"{{ VALUES (?_x ?_y) {{ {values} }} ?a ekg:party ?_x . "
                        "?a ekg:party ?_y }")
    alone -= singles
    if alone:
        values = " ".join(f"<{p}>" for p in sorted(alone))
        branches.append(f"{{ VALUES ?_x {{ {values} }} ?a ekg:party ?_x "
                        "FILTER NOT EXISTS { ?a ekg:party ?_z FILTER(?_z != ?_x) } }")
    return " UNION ".join(branches)


def known_agreements(run_query: RunQuery, parties: Iterable[str] | None = None, *,
                     party_sets: Iterable[Iterable[str]] | None = None
                     ) -> dict[str, AgreementFacts]:
    """The agreements of the store that could be one with the given parties.

    With ``party_sets`` (the parties of each extracted agreement) only those
    sharing at least two of one set's parties, or all of a smaller set, are read:
    the others score 0 anyway, and a country's every agreement is a lot to read
    in a big store. With ``parties``, every agreement sharing one of them.
    """
    if party_sets is None:
        party_sets = [[p] for p in set(parties or ())]
    candidates = _candidate_patterns(party_sets)
    if not candidates:
        return {}
    iris = sorted({row["a"].value for row in run_query(CANDIDATES_QUERY.format(
        candidates=candidates)) if isinstance(row["a"], ox.NamedNode)})
    if not iris:
        return {}
    found: dict[str, AgreementFacts] = {}
    agreements = " ".join(f"<{iri}>" for iri in iris)
    for row in run_query(AGREEMENT_QUERY.format(agreements=agreements)):
        iri = row["a"].value
        facts = found.get(iri)
        if facts is None:
            facts = found[iri] = AgreementFacts(iri)
        facts.take(row["p"].value, _value(row["o"]))
    return found


def _extracted_entities(triples: list[ox.Triple]) -> dict[str, EntityFacts]:
    """Persons and organizations first seen in this document (they carry prov:wasDerivedFrom)."""
    types: dict[str, str] = {}
    derived: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for t in triples:
        s, p = _value(t.subject), t.predicate.value
        if p == _TYPE and t.object.value in (_E + "Person", _E + "Organization"):
            types[s] = "person" if t.object.value == _E + "Person" else "org"
        elif p == _DERIVED:
            derived[s].add(t.object.value)
        elif p in (_LABEL, _ALT) and isinstance(t.object, ox.Literal):
            names[s].add(t.object.value)
    out = {}
    for iri, kind in types.items():
        if iri in derived and names.get(iri):
            out[iri] = EntityFacts(iri, kind, set(names[iri]), documents=set(derived[iri]))
    _add_context(out, triples)
    return out


def _add_context(entities: dict[str, EntityFacts], triples: list[ox.Triple]) -> None:
    """Affiliations, countries and co-parties of the entities, from the document's triples."""
    by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        by_subject[_value(t.subject)].append(t)
    parties: dict[str, set[str]] = defaultdict(set)
    for t in triples:
        if t.predicate.value == _E + "party":
            parties[_value(t.subject)].add(t.object.value)
    for t in triples:
        p = t.predicate.value
        s, o = _value(t.subject), _value(t.object)
        if p in (_E + "signatory", _E + "witness") and o in entities:
            entities[o].context |= parties.get(s, set())
        elif p == _E + "role" and s in entities:
            for r in by_subject.get(o, ()):
                if r.predicate.value in (_E + "organization", _E + "country"):
                    entities[s].context.add(_value(r.object))
        elif p in (_E + "basedIn", _E + "memberOf") and s in entities:
            entities[s].context.add(o)
        elif p == _E + "signer" and o in entities:
            for r in by_subject.get(s, ()):
                if r.predicate.value == _E + "onBehalfOf":
                    entities[o].context.add(_value(r.object))


ENTITY_QUERY = """
SELECT ?e ?type ?name WHERE {
  VALUES ?type { ekg:Person ekg:Organization }
  ?e a ?type .
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
}"""

# (VALUES in every branch: Oxigraph does not carry an outer VALUES into a UNION, and
# without it the signatory and signer branches read the whole store)
CONTEXT_QUERY = """
SELECT ?e ?x ?d WHERE {{
  {{ VALUES ?e {{ {nodes} }} ?e ekg:role ?r . ?r ekg:organization|ekg:country ?x }}
  UNION {{ VALUES ?e {{ {nodes} }} ?a ekg:signatory|ekg:witness ?e . ?a ekg:party ?x }}
  UNION {{ VALUES ?e {{ {nodes} }} ?s ekg:signer ?e . ?s ekg:onBehalfOf ?x }}
  UNION {{ VALUES ?e {{ {nodes} }} ?e ekg:basedIn|ekg:memberOf ?x }}
  UNION {{ VALUES ?e {{ {nodes} }} ?e prov:wasDerivedFrom ?d }}
}}"""


# (a FILTER, not VALUES ?type, and a path, not a UNION: either makes Oxigraph read every
# name of the store first)
NAMES_QUERY = """
SELECT ?e ?type ?name WHERE {{
  VALUES ?e {{ {nodes} }}
  ?e a ?type . FILTER(?type IN (ekg:Person, ekg:Organization))
  ?e rdfs:label|skos:altLabel ?name .
}}"""

LABELS_QUERY = """
SELECT ?e ?name WHERE {{ VALUES ?e {{ {nodes} }} ?e rdfs:label|skos:altLabel ?name }}"""


def _name_words(name: str) -> list[str]:
    """The words of a person's name that could be a family name (three letters or more)."""
    parsed = person_name(name)
    return [w for w in (*parsed[0], parsed[1]) if len(w) >= 3] if parsed else []


@functools.lru_cache(maxsize=200_000)
def person_keys(name: str) -> frozenset[str]:
    """The phonetic keys (:func:`phonetic`) of the words of a person's name that could be
    a family name: two persons can be one only if their names share one."""
    return frozenset(phonetic(w) for w in _name_words(name))


@functools.lru_cache(maxsize=200_000)
def org_name_key(name: str) -> str:
    """:func:`org_key`, remembered (names come back with every document)."""
    return org_key(name)


def _org_matches(key: str, keys: Iterable[str]) -> bool:
    return bool(key) and any(key == k or (min(len(key), len(k)) >= 5 and
                                          fuzz.ratio(key, k) >= 90) for k in keys)


class EntityIndex:
    """Where to look for the persons and organizations a document may name again.

    Every name (``rdfs:label``, ``skos:altLabel``) of a known person or
    organization under its person keys (:func:`person_keys`) and its
    organization key (:func:`org_key`), with the nodes that bear it. It
    only narrows the search: :func:`known_entities` reads the candidates' names,
    types and context from the store, so a node no longer there, or only in a
    graph the query leaves out, is not found through it. It must hold every
    name of the store, though: build it from the store (:meth:`build`) and
    :meth:`add` what is written after that (``kg.ingest`` keeps one per store
    and revision).
    """

    def __init__(self) -> None:
        self.persons: dict[str, set[str]] = defaultdict(set)  # phonetic key -> nodes
        self.orgs: dict[str, set[str]] = defaultdict(set)     # organization key -> nodes
        self.kinds: dict[str, set[str]] = defaultdict(set)    # node -> person / org
        self._long: list[str] | None = None                  # org keys for fuzzy lookups

    @classmethod
    def build(cls, run_query: RunQuery) -> EntityIndex:
        """The index of every person and organization ``run_query`` finds."""
        index = cls()
        for row in run_query(ENTITY_QUERY):
            kind = "person" if row["type"].value.endswith("Person") else "org"
            index.add_name(row["e"].value, kind, row["name"].value)
        return index

    def __len__(self) -> int:
        return len(self.kinds)

    def add_name(self, iri: str, kind: str, name: str) -> None:
        self.kinds[iri].add(kind)
        if kind == "person":
            for key in person_keys(name):
                self.persons[key].add(iri)
        else:
            key = org_name_key(name)
            if key:
                if key not in self.orgs and len(key) >= 5:
                    self._long = None
                self.orgs[key].add(iri)

    def add(self, triples: Iterable[ox.Triple], run_query: RunQuery | None = None) -> None:
        """Index the names ``triples`` give persons and organizations (written to the store).

        A node typed here but named elsewhere has its names read with ``run_query``;
        a node named here but typed elsewhere is indexed if the index knows its kind.
        """
        types: dict[str, set[str]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)
        for t in triples:
            if not isinstance(t.subject, ox.NamedNode):
                continue
            p = t.predicate.value
            if p == _TYPE and t.object.value in (_E + "Person", _E + "Organization"):
                types[t.subject.value].add("person" if t.object.value.endswith("Person")
                                           else "org")
            elif p in (_LABEL, _ALT) and isinstance(t.object, ox.Literal):
                names[t.subject.value].add(t.object.value)
        unnamed = sorted(iri for iri in types if iri not in names and iri not in self.kinds)
        if unnamed and run_query is not None:
            nodes = " ".join(f"<{iri}>" for iri in unnamed)
            for row in run_query(LABELS_QUERY.format(nodes=nodes)):
                names[row["e"].value].add(row["name"].value)
        for iri, given in names.items():
            for kind in types.get(iri, set()) | self.kinds.get(iri, set()):
                for name in given:
                    self.add_name(iri, kind, name)

    def candidates(self, wanted: dict[str, EntityFacts]) -> set[str]:
        """The nodes with a name that could be one of ``wanted``'s (a superset)."""
        found: set[str] = set()
        for e in wanted.values():
            for name in e.names:
                if e.kind == "person":
                    for key in person_keys(name):
                        found |= self.persons.get(key, set())
                    continue
                key = org_name_key(name)
                if not key:
                    continue
                found |= self.orgs.get(key, set())
                if len(key) >= 5:
                    if self._long is None:
                        self._long = [k for k in self.orgs if len(k) >= 5]
                    for other, _, _ in process.extract(key, self._long, scorer=fuzz.ratio,
                                                       score_cutoff=90, limit=None):
                        found |= self.orgs[other]
        return found


def known_entities(run_query: RunQuery, wanted: dict[str, EntityFacts], *,
                   index: EntityIndex | None = None) -> dict[str, EntityFacts]:
    """Known persons and organizations whose names could be one of ``wanted``.

    Without ``index`` every name of the store is read and compared; with one,
    only those of the nodes it points at (the same answer, for an index that
    holds every name of the store).
    """
    if not wanted:
        return {}
    words = {w for e in wanted.values() if e.kind == "person" for n in e.names
             for w in person_keys(n)}
    keys = {org_name_key(n) for w in wanted.values() if w.kind == "org" for n in w.names}
    if index is None:
        rows = run_query(ENTITY_QUERY)
    else:
        nodes = index.candidates(wanted)
        rows = run_query(NAMES_QUERY.format(nodes=" ".join(f"<{n}>" for n in sorted(nodes)))) \
            if nodes else []
    found: dict[str, EntityFacts] = {}
    for row in rows:
        iri, kind = row["e"].value, "person" if row["type"].value.endswith("Person") else "org"
        name = row["name"].value
        if kind == "person":
            if not person_keys(name) & words:
                continue
        elif not _org_matches(org_name_key(name), keys):
            continue
        facts = found.get(iri)
        if facts is None:
            facts = found[iri] = EntityFacts(iri, kind)
        facts.names.add(name)
    if found:  # every name of the candidates, and their context
        nodes = " ".join(f"<{iri}>" for iri in sorted(found))
        for row in run_query(CONTEXT_QUERY.format(nodes=nodes)):
            facts = found[row["e"].value]
            if row["x"] is not None:
                facts.context.add(row["x"].value)
            if row["d"] is not None:
                facts.documents.add(row["d"].value)
    return found


# --- deciding and rewriting ---------------------------------------------------------------

def _assign(candidates: list[tuple[float, str, str, list[str]] | tuple[float, float, str, str, list[str]]]
            ) -> list[tuple[float, str, str, list[str]]]:
    """One target per extracted node and one extracted node per target, best scores first.

    A candidate is ``(score, source, target, reasons)`` or ``(score, evidence, source,
    target, reasons)``: among equal scores the one with more evidence goes first (two
    undated reports both capped as close calls are not ranked by their IRIs), and
    only then the IRIs decide, so the outcome does not depend on input order.
    """
    ranked = [c if len(c) == 5 else (c[0], c[0], *c[1:]) for c in candidates]
    chosen, sources, targets = [], set(), set()
    for score, _, source, target, reasons in sorted(ranked,
                                                    key=lambda c: (-c[0], -c[1], c[2], c[3])):
        if score < REVIEW_AT or source in sources or target in targets:
            continue
        chosen.append((score, source, target, reasons))
        sources.add(source)
        targets.add(target)
    return chosen


def rename(triples: list[ox.Triple], merges: dict[str, Merge]) -> list[ox.Triple]:
    """The triples with each merged node under its target IRI; the known description wins."""
    label, alt = ox.NamedNode(_LABEL), ox.NamedNode(_ALT)
    out = []
    for t in triples:
        s, o = t.subject, t.object
        merge = merges.get(getattr(s, "value", None)) if isinstance(s, ox.NamedNode) else None
        p = t.predicate
        if merge is not None:
            if p.value in KNOWN_SAYS[merge.kind]:
                continue
            if p == label:
                p = alt
            s = ox.NamedNode(merge.target)
        if isinstance(o, ox.NamedNode) and o.value in merges:
            o = ox.NamedNode(merges[o.value].target)
        out.append(ox.Triple(s, p, o))
    return list(dict.fromkeys(out))


def resolve(triples: list[ox.Triple], run_query: RunQuery, *,
            refused: set[str] = frozenset(), index: EntityIndex | None = None) -> Resolution:
    """Merge the document's agreements, persons and organizations with the store's.

    ``run_query`` runs SPARQL over the store (the union of its graphs);
    ``refused`` holds the keys (:func:`merge_key`) of merges a reviewer undid,
    which are not made again; ``index`` (:class:`EntityIndex`) spares reading
    every person's and organization's name from the store.
    """
    document = next((t.object.value for t in triples if t.predicate.value == _DERIVED), None)
    merges: dict[str, Merge] = {}

    entities = _extracted_entities(triples)
    known = known_entities(run_query, entities, index=index)
    candidates = []
    for iri, e in entities.items():
        for other, k in known.items():
            if other == iri or k.kind != e.kind or merge_key(document, iri, other) in refused:
                continue
            score, reasons = (person_score if e.kind == "person" else org_score)(e, k)
            candidates.append((score, iri, other, reasons))
    for score, source, target, reasons in _assign(candidates):
        merges[source] = Merge(source, target, entities[source].kind, score, document, reasons)
    if merges:
        triples = _with_originals(triples, merges)

    agreements = _extracted_agreements(triples)
    known_a = known_agreements(run_query, party_sets=[a.parties for a in agreements.values()])
    candidates = []
    for iri, e in agreements.items():
        for other, k in known_a.items():
            if other == iri or other in agreements or merge_key(document, iri, other) in refused:
                continue
            score, evidence, reasons = agreement_evidence(e, k)
            candidates.append((score, evidence, iri, other, reasons))
    agreement_merges = {}
    for score, source, target, reasons in _assign(candidates):
        agreement_merges[source] = Merge(source, target, "agreement", score, document, reasons)
    if agreement_merges:
        triples = _with_originals(triples, agreement_merges)
        merges.update(agreement_merges)
    return Resolution(triples, list(merges.values()))


def _with_originals(triples: list[ox.Triple], merges: dict[str, Merge]) -> list[ox.Triple]:
    for t in triples:
        for node in (_value(t.subject), _value(t.object)):
            if node in merges:
                merges[node].original.append(t)
    return rename(triples, merges)


def unmerge(graph_triples: list[ox.Triple], merge: Merge) -> list[ox.Triple]:
    """A document graph as it would be without ``merge`` (for :func:`kg.review.undo_merge`).

    Every triple that the merge wrote (found by matching the renamed original
    statements, blank nodes matching any blank node) goes back to the extracted
    IRI; the statements the known node won over come back.
    """
    source, target = ox.NamedNode(merge.source), ox.NamedNode(merge.target)
    label, alt = ox.NamedNode(_LABEL), ox.NamedNode(_ALT)
    written: dict[tuple, ox.Triple] = {}
    dropped = []
    for t in merge.original:
        renamed = rename([t], {merge.source: merge})
        if not renamed:
            dropped.append(t)
            continue
        written[_pattern(renamed[0])] = t
    out = []
    for t in graph_triples:
        original = written.get(_pattern(t))
        if original is None:
            out.append(t)
            continue
        s = source if t.subject == target else t.subject
        o = source if t.object == target else t.object
        p = label if (t.predicate == alt and original.predicate == label) else t.predicate
        out.append(ox.Triple(s, p, o))
    return list(dict.fromkeys(out + dropped))


def _pattern(t: ox.Triple) -> tuple:
    return tuple(None if isinstance(x, ox.BlankNode) else x
                 for x in (t.subject, t.predicate, t.object))


__all__ = ["MERGE_AT", "REVIEW_AT", "AgreementFacts", "EntityFacts", "Merge", "Resolution",
           "resolve", "unmerge", "rename", "agreement_score", "person_score", "org_score",
           "date_relation", "org_key", "person_name", "fold", "phonetic", "merge_key",
           "merge_iri", "known_agreements", "known_entities", "agreement_evidence", "EntityIndex"]
