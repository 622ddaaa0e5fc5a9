"""Topic finding: which concepts of the topic scheme (``ontology/topics.ttl``) a text mentions.

The vocabulary is data. Every ``skos:prefLabel``, ``skos:altLabel`` and ``skos:hiddenLabel`` of
a ``skos:Concept`` in ``ontology/topics.ttl`` is a surface form of that concept, except the
preferred labels of the concepts in the collection ``ekg:CatchAllTopics`` ("other" names a
remainder and is no evidence of anything: "among other things"). ``skos:broader`` leads from
a finer concept to the topics that the annotations use; those are the members of
``ekg:AnnotationTopics``, an ordered collection. Words listed under ``lex:NotATopicCompound``
in the lexicon (``seeds/gazetteer/lexicon.ttl``) never match by their parts, and a label inside
a phrase listed there is not matched: the phrase uses the word in another sense ("data
storage", "olive oil").

How labels match (over case- and accent-folded text, offsets kept). Given the text's language,
a label matches only as a word of that language (its language tag; English labels also in
German texts, which borrow English energy words, but no German word in an English text), and
given the text's lemmatised tokens, a label of that language also matches by its lemmas
("erneuerbarer Energie", "kritischer Mineralien"):

* a label as a whole phrase, with an inflection ending (grids, Erdgases, Stromnetzen); a
  hyphen in a label also matches a space or nothing, a space also a hyphen;
* a short all-capital label (LNG, SMR, HGÜ, SMEs, R&D) only in capitals, with a plural ``s``;
* German compounds by their parts (in German texts): a one-word German label of six letters or more anywhere
  inside a word ("Offshore-Windenergie", "Wasserstoffkooperation"), a five-letter one as the
  first part of a word with at least four more letters ("Klimaabkommen"); only in a word
  written with a capital, a noun ("klimaschädlich", "windreich" describe, they name no subject);
  a shorter one ("Gas", "Öl") as the first part of a word whose rest is a noun of the German
  tagger's lexicon ("Gasverkauf", "Ölmarkt"; not "Gastgeber"), unless the rest is a
  company, organisation or role word ("Ölkonzern", "Gasriese", "Ölminister" describe a party or a
  person);
* a German word cut off with a hyphen before "und"/"oder" is completed with the ending of the
  next word ("Sonnen- und Windenergie": "Sonnenenergie");
* where matches overlap, the longest wins: "Flüssigerdgas" is LNG, not also "Erdgas"; but a
  label of a catch-all topic that shares a word with an energy label gives way to it ("a power
  trade agreement", "Gashandelsabkommen": the energy word says what is traded).

Which mentions count for an agreement (:mod:`kg.extract.frames`, topic assignment), strongest first:
the agreement word's own phrase ("Abkommen über Wasserstoff", "Partnership for a just energy
transition", an attributive participle included); the clause that asserts it (not the clause of
another agreement in the same sentence); a later sentence that refers back to it and says what it
contains, or opens with a content phrase of it ("Under the memorandum, …", "Laut der Vereinbarung
…", :func:`kg.extract.frames.content._content_opening`); a sentence whose subject is the parties
("the two sides also want to …"; in English also after a fronted phrase and a comma, "Beyond the
sale, the two companies will …"), only in their own clause and the main clauses joined to it by a
conjunction, not in a clause of its own after a semicolon, and not in a sentence that says an
agreement on it was not signed ("…; no agreement on this was signed",
:func:`kg.extract.frames.content._unsigned_sentences`); the paragraph right after the report of the
text's new agreement (past a paragraph that only reports its signing again) (or of a set of them the
text never tells apart), unless that paragraph reports another agreement; then the headline, the
first lead sentence and the title, for each new agreement the headline and lead report or that
shares a party with the first one (not a catch-all topic there: a headline's "defence" or "maritime
border" is what else the visit or the place was about; nor a lead sentence that only says what one
party wants on its own, "Germany wants to be climate-neutral by 2045", when the agreements name
topics of their own). A sentence whose main clause names what the agreement centres on ("Im
Mittelpunkt stehen …", "The focus is on …", ``lex:FocusCue``) counts for the agreement its paragraph
last talked about (not where the focus noun has a genitive of something else: "im Mittelpunkt der
Debatte", "the focus of the talks"); an older agreement told as an earlier stage of the text's deal
("the preliminary agreement", "rests on an intergovernmental agreement", ``lex:PrecursorCue``) takes
the text's main topic. Background paragraphs, appositions and circumstance clauses about a party,
and the sentences of other agreements do not count; nor does a clause that says a supply runs short
or plants stand idle ("as gas runs short", "in Frankreich stehen Atomreaktoren still",
``lex:OutageCue``; not a condition, "if gas runs short"), which tells the situation the agreement
answers (:meth:`kg.extract.analysis.Analysis._outage_clauses`); nor the alternative not chosen
("solar power rather than diesel", "Wasserstoff anstelle von Erdgas", ``lex:AlternativeCue``) nor
the place where it stands ("a battery next to the Hornsby wind farm", "auf dem Gelände des
Kohlekraftwerks", ``lex:SiteCue``) nor the remit of a signatory or an office ("who is responsible
for coal mining", "die für Klimaschutz zuständige Ministerin", ``lex:RemitCue``;
:meth:`kg.extract.analysis.Analysis._alternatives`); nor a policy aim (``ekg:AimTopics``: the energy
transition) in the genitive of another noun ("the backbone of the energy transition", "die Metalle
der Energiewende"), which says what that thing serves
(:meth:`kg.extract.analysis.Analysis._genitive_of_noun`). An agreement on a project named by its
proper name alone ("an agreement on Kambarata-1") takes the topic the text gives that name where it
says what it is ("das Wasserkraftwerk Kambarata-1",
:func:`kg.extract.frames.content._named_project_topics`). Where a product of the agreement is made
from another topic's energy (``ekg:producedFrom``: hydrogen and ammonia from renewable power), that
source in the content paragraph is how the product is made, not a topic
(:meth:`TopicMatcher.source_of`). Where a fuel is supplied for the plants of another topic
(``ekg:fuelFor``: nuclear fuel and uranium for nuclear power), the plants named in a phrase right
after the fuel ("uranium for India's reactors", "Brennelemente für die Reaktoren") are where it
goes, not a topic (:meth:`kg.extract.analysis.Analysis._fuel_destinations`), and that topic gives
way where the fuel outweighs it (:meth:`TopicMatcher.most_specific`). Where an agreement is about
transport infrastructure that carries something (``ekg:carries``: pipelines carry gas, oil, hydrogen
or CO2) and its topics name no carrier, the text's most named carrier is added
(:meth:`TopicMatcher.carrier_needed`). A word for infrastructure that does not say what it carries
("interconnector", ``ekg:carrierNeutralLabel``) is read by the carrier its sentence, or else the
text, names (``ekg:carrierVariant``: a gas interconnector; :meth:`TopicMatcher.variant_for`). A
topic that lowering an amount is (``ekg:reducedUse``: cutting energy consumption is energy
efficiency) is mentioned by a clause that names a noun of that amount with a word of lowering
(:meth:`kg.extract.analysis.Analysis._reduced_use`).

>>> from kg.extract.gazetteer import load_gazetteer
>>> gaz = load_gazetteer()
>>> m = TopicMatcher(gaz)
>>> [(i.rsplit("/", 1)[1], s, e) for i, s, e in m.find("Eine Wasserstoffkooperation und Offshore-Windparks.")]
[('hydrogen', 5, 27), ('offshore-wind', 32, 50)]
>>> [t.rsplit("/", 1)[1] for t in topics_in(gaz, "Offshore wind, among other things, and green hydrogen.")]
['wind-energy', 'hydrogen']
>>> annotation_topic(gaz, "https://w3id.org/energy-kg/id/topic/uranium-enrichment").rsplit("/", 1)[1]
'nuclear-fuel-cycle'
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.gazetteer import EKG, LEX, RDF_TYPE, SKOS, Gazetteer, source_files
from kg.extract.tokens import fold

ANNOTATION_TOPICS = EKG + "AnnotationTopics"   # ordered collection of the annotation-level topics
CATCH_ALL_TOPICS = EKG + "CatchAllTopics"      # topics whose preferred labels are not looked for
KIND_TOPICS = EKG + "KindTopics"                # topics whose narrower topics are kinds of them
AIM_TOPICS = EKG + "AimTopics"                  # concepts that name a policy aim (the energy transition)
PRODUCED_FROM = EKG + "producedFrom"            # a topic whose product is made with another's energy
CARRIES = EKG + "carries"                       # a transport topic and what it transports
CARRIER_VARIANT = EKG + "carrierVariant"        # a carrier-neutral concept and its reading for one carrier
CARRIER_NEUTRAL = EKG + "carrierNeutralLabel"   # a label of it that does not say what is carried
REDUCED_USE = EKG + "reducedUse"                # a topic and the lexicon category of an amount whose reduction it is
FUEL_FOR = EKG + "fuelFor"                      # a topic of a fuel and the topic of the plants that burn it

SHORT_MIN = 2     # a shorter one-word German label than PREFIX_LEN, down to this, opens a compound whose
                  # rest is a German noun of its own ("Ölmarkt", "Gasverkauf")
PART_MIN = 6      # a one-word German label this long matches anywhere inside a word
PREFIX_LEN = 5    # a label this long matches as the first part of a word ...
PREFIX_REST = 4   # ... that has at least this many more letters
ACRONYM_MAX = 6   # an all-capital label up to this long matches in capitals only
MAX_INSERTED = 2  # adjectives a text may put between the words of a label (matched by lemmas)

HYPHENS = "-\u2010\u2011"   # the hyphen characters, in a label or a token
_HYPHEN = "[" + re.escape(HYPHENS) + "]"
_SPACE = rf"(?:\s+|{_HYPHEN})"            # a space in a label: spaces or a hyphen
_INNER_HYPHEN = rf"(?:{_HYPHEN}|\s)?"     # a hyphen between letters: a hyphen, a space or nothing
_INFLECTION = r"(?:s|es|n|en)?"
_SPACES_HYPHENS = re.compile(r"[\s" + re.escape(HYPHENS) + "]+")
# "sonnen- und windenergie" (folded): a word cut off with a hyphen, a conjunction, the next word
_ELIDED = re.compile(r"(?<![\w" + re.escape(HYPHENS) + r"])(\w{3,})" + _HYPHEN + r"\s+(?:und|oder|sowie|bzw\.?)\s+(\w{5,})")


@dataclass
class TopicScheme:
    """What the topic finder reads from the SKOS data."""

    labels: list[tuple[str, str, str | None]] = field(default_factory=list)   # (text, concept, language)
    broader: dict[str, list[str]] = field(default_factory=dict)
    annotation: list[str] = field(default_factory=list)                      # in collection order
    kinds: set[str] = field(default_factory=set)                             # members of ekg:KindTopics
    sources: dict[str, set[str]] = field(default_factory=dict)                # product -> ekg:producedFrom
    carries: dict[str, set[str]] = field(default_factory=dict)                # infrastructure -> ekg:carries
    variants: dict[str, list[str]] = field(default_factory=dict)              # concept -> ekg:carrierVariant
    neutral: dict[str, set[str]] = field(default_factory=dict)                # concept -> keys of ekg:carrierNeutralLabel
    catch_all: set[str] = field(default_factory=set)                         # members of ekg:CatchAllTopics
    aims: set[str] = field(default_factory=set)                              # members of ekg:AimTopics
    reductions: dict[str, str] = field(default_factory=dict)                 # lexicon category -> topic (ekg:reducedUse)
    fuels: dict[str, set[str]] = field(default_factory=dict)                  # fuel -> topics it is ekg:fuelFor


def read_scheme(path: Path) -> TopicScheme:
    """The concepts, labels, broader links and annotation-level topics of a Turtle file."""
    import rdflib
    from rdflib.collection import Collection

    g = rdflib.Graph().parse(path, format="turtle")
    concept = rdflib.URIRef(SKOS + "Concept")
    concepts = {s for s in g.subjects(rdflib.URIRef(RDF_TYPE), concept)}
    catch_all = {str(o) for o in g.objects(rdflib.URIRef(CATCH_ALL_TOPICS), rdflib.URIRef(SKOS + "member"))}
    scheme = TopicScheme(catch_all=catch_all)
    for c in sorted(concepts):
        iri = str(c)
        scheme.broader[iri] = sorted(str(b) for b in g.objects(c, rdflib.URIRef(SKOS + "broader")))
        for prop in ("prefLabel", "altLabel", "hiddenLabel"):
            if prop == "prefLabel" and iri in catch_all:
                continue
            for lit in g.objects(c, rdflib.URIRef(SKOS + prop)):
                if isinstance(lit, rdflib.Literal):
                    scheme.labels.append((str(lit), iri, lit.language))
    scheme.kinds = {str(o) for o in g.objects(rdflib.URIRef(KIND_TOPICS), rdflib.URIRef(SKOS + "member"))}
    scheme.aims = {str(o) for o in g.objects(rdflib.URIRef(AIM_TOPICS), rdflib.URIRef(SKOS + "member"))}
    for product, source in g.subject_objects(rdflib.URIRef(PRODUCED_FROM)):
        scheme.sources.setdefault(str(product), set()).add(str(source))
    for infra, carried in g.subject_objects(rdflib.URIRef(CARRIES)):
        scheme.carries.setdefault(str(infra), set()).add(str(carried))
    for concept, variant in g.subject_objects(rdflib.URIRef(CARRIER_VARIANT)):
        scheme.variants.setdefault(str(concept), []).append(str(variant))
    for concept, lit in g.subject_objects(rdflib.URIRef(CARRIER_NEUTRAL)):
        scheme.neutral.setdefault(str(concept), set()).add(_key(fold(str(lit))))
    for fuel, user in g.subject_objects(rdflib.URIRef(FUEL_FOR)):
        scheme.fuels.setdefault(str(fuel), set()).add(str(user))
    for concept, category in g.subject_objects(rdflib.URIRef(REDUCED_USE)):
        scheme.reductions[str(category).removeprefix(LEX)] = str(concept)
    for lst in g.objects(rdflib.URIRef(ANNOTATION_TOPICS), rdflib.URIRef(SKOS + "memberList")):
        scheme.annotation = [str(x) for x in Collection(g, lst)]
    return scheme


def _is_acronym(label: str) -> bool:
    """LNG, SMR, H2, HGÜ, R&D, SMEs: no lower-case letter but a plural s, short, one word."""
    core = label[:-1] if label.endswith("s") and len(label) > 2 else label
    return (len(label) <= ACRONYM_MAX and not any(c.isspace() for c in label)
            and any(c.isupper() for c in core) and not any(c.islower() for c in core))


def _is_part(label: str, lang: str | None) -> bool:
    """A one-word German noun that also matches inside compounds."""
    return (lang == "de" and len(label) >= PREFIX_LEN and label[:1].isupper() and label.isalpha())


def _modifier(tok) -> bool:
    """An adjective or a participle used as one ("captured CO2", "abgeschiedenem CO2")."""
    return tok.pos == "ADJ" or tok.tag in ("VVN", "VVPP", "ADJA", "ADJD")


def _readable_in(langs: set[str | None], lang: str) -> bool:
    """Whether a label of these languages is a word of a text in ``lang``: its own language, a
    label without a tag, and English in German texts (English energy words are common in
    German news: "Offshore", "Hydrogen Valley"), but no German word in an English text."""
    return None in langs or lang in langs or (lang == "de" and "en" in langs)


def _in_noun(text: str, i: int) -> bool:
    """Whether the word around offset ``i`` is written with a capital, as German nouns are: a
    label inside a lower-case word is part of an adjective ("klimaschädlich", "windreich"),
    which describes something rather than naming a subject."""
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in HYPHENS):
        i -= 1
    return text[i:i + 1].isupper() or text[i:i + 1].isdigit()


def _german_noun(word: str) -> bool:
    """Whether the German tagger's lexicon knows a lower-case word as a noun ("verkauf", "markt"),
    the rest of a compound after a short topic word; not a word part ("tgeber" of "Gastgeber")."""
    from kg.extract.linguistic import lexicon_tags

    return "NN" in lexicon_tags("de", word)


def _key(text: str) -> str:
    """Spaces and hyphens do not distinguish labels ("Offshore-Wind", "offshore wind")."""
    return _SPACES_HYPHENS.sub("", text)


def _pattern(folded: str) -> str:
    """A folded label as a regular expression: a space also matches a hyphen, a hyphen
    between letters also a space or nothing."""
    return "".join(_atoms(folded))


def _atoms(folded: str) -> list[str]:
    """The regular-expression pieces of a folded label, one per character or separator."""
    out = []
    for i, c in enumerate(folded):
        if c.isspace():
            if not out or out[-1] != _SPACE:
                out.append(_SPACE)
        elif c in HYPHENS:
            inner = 0 < i < len(folded) - 1 and folded[i - 1].isalnum() and folded[i + 1].isalnum()
            out.append(_INNER_HYPHEN if inner else _HYPHEN)
        else:
            out.append(re.escape(c))
    return out


def _alternation(labels, pattern=re.escape) -> str:
    """All labels as one regular expression that prefers the longest match. The labels share
    their prefixes in a trie, so the engine tries each character once instead of each label
    in turn (a plain alternation of 1,600 labels is slow)."""
    atoms = _separators_merged if pattern is _pattern else (lambda x: [re.escape(c) for c in x])
    trie: dict = {}
    for label in set(labels):
        node = trie
        for atom in atoms(label):
            node = node.setdefault(atom, {})
        node[""] = {}   # the end of a label
    return _trie_regex(trie)


_SEPARATOR = r"[\s\-‐‑]*"   # in the trie: a space or hyphen of a label matches a space, a hyphen or nothing


def _separators_merged(folded: str) -> list[str]:
    """Atoms of a label where every separator is one atom, so that labels that differ only in
    a space or a hyphen share a branch (overlapping branches would stop at the shorter)."""
    return [_SEPARATOR if a in (_SPACE, _INNER_HYPHEN, _HYPHEN) else a for a in _atoms(folded)]


def _depth(node: dict) -> int:
    return max((1 + _depth(child) for atom, child in node.items() if atom != ""), default=0)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    # the branch that can go on longest first, as in a longest-first alternation (separators
    # that also match nothing make branches overlap)
    items = sorted(((atom, child) for atom, child in node.items() if atom != ""), key=lambda x: (-_depth(x[1]), x[0]))
    branches = [atom + _trie_regex(child) for atom, child in items]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:   # a label ends here, a longer one may go on: try the longer first
        return "(?:" + body + ")?"
    return body


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset of its source character."""
    table = {c: fold(c) for c in set(text)}
    folded = text.translate({ord(c): f for c, f in table.items()})
    # characters that fold to more or fewer than one ("ß" to "ss", an accent to nothing)
    odd = sorted(i for c, f in table.items() if len(f) != 1 for i in _positions(text, c))
    where: list[int] = []
    done = 0
    for i in odd:
        where.extend(range(done, i))
        where.extend([i] * len(table[text[i]]))
        done = i + 1
    where.extend(range(done, len(text)))
    return folded, where


def _positions(text: str, c: str):
    i = text.find(c)
    while i >= 0:
        yield i
        i = text.find(c, i + 1)


_MATCHERS: dict[str, TopicMatcher] = {}


class TopicMatcher:
    """Finds the topic concepts a text mentions.

    ``TopicMatcher(gaz)`` is built once per gazetteer and source contents (keyed by
    ``gaz.sources_hash``, which covers ontology/topics.ttl and the lexicon) and then reused;
    ``TopicMatcher(gaz, scheme)`` builds an uncached one from a given :class:`TopicScheme`.
    """

    def __new__(cls, gaz: Gazetteer, scheme: TopicScheme | None = None):
        if scheme is None:
            cached = _MATCHERS.get(gaz.sources_hash)
            if cached is not None:
                return cached
        self = super().__new__(cls)
        self._build(gaz, scheme if scheme is not None else read_scheme(_scheme_file()),
                    gaz.sources_hash if scheme is None else None)
        if scheme is None:
            _MATCHERS[gaz.sources_hash] = self
        return self

    def _build(self, gaz: Gazetteer, scheme: TopicScheme, cache_key: str | None = None) -> None:
        self.scheme = scheme
        self._cache_key = cache_key
        self._lemmas = None
        self.annotation_level = tuple(scheme.annotation)
        self._rank = {iri: k for k, iri in enumerate(scheme.annotation)}
        self._up: dict[str, list[str]] = {}
        self._above: dict[str, set[str]] = {}
        words: dict[str, list[str]] = defaultdict(list)     # key of a folded label -> concepts
        acronyms: dict[str, list[str]] = defaultdict(list)  # label as written -> concepts
        parts: dict[str, list[str]] = defaultdict(list)     # folded one-word German label -> concepts
        word_langs: dict[str, set[str | None]] = defaultdict(set)   # key of a folded label -> its languages
        for text, iri, lang in scheme.labels:
            text = " ".join(text.split())
            if not text:
                continue
            if _is_acronym(text):
                bucket = acronyms[text[:-1] if text.endswith("s") and text[:-1].isupper() else text]
            else:
                bucket = words[_key(fold(text))]
                word_langs[_key(fold(text))].add(lang)
                if _is_part(text, lang):
                    if iri not in parts[fold(text)]:
                        parts[fold(text)].append(iri)
            if iri not in bucket:
                bucket.append(iri)
        self._words, self._acronyms = dict(words), dict(acronyms)
        self._word_langs = dict(word_langs)
        self._parts = {p: iris for p, iris in parts.items() if len(p) >= PART_MIN}
        self._prefixes = {p: iris for p, iris in parts.items() if len(p) == PREFIX_LEN}
        folded_labels = {fold(" ".join(t.split())) for t, _, _ in scheme.labels if t.strip() and not _is_acronym(t.strip())}
        # group 1: the label, group 2: an inflection ending (grids, Erdgases, Stromnetzen, SMRs)
        self._rx_words = re.compile(r"(?<!\w)(?=((?:" + _alternation(folded_labels, _pattern)
                                    + r"))(" + _INFLECTION + r")(?!\w))") if folded_labels else None
        self._rx_acronyms = re.compile(r"(?<!\w)(" + _alternation(self._acronyms)
                                       + r")(s?)(?!\w)") if self._acronyms else None
        self._rx_parts = re.compile("(?=(" + _alternation(self._parts) + "))") \
            if self._parts else None
        self._rx_prefixes = re.compile(r"(?<!\w)(" + _alternation(self._prefixes)
                                       + rf")(?=\w{{{PREFIX_REST},}})") if self._prefixes else None
        # one-word German labels too short for the part rules ("Gas", "Öl"): the first part of a
        # compound whose rest is a noun of its own ("Gasverkauf", "Ölmarkt"; not "Gastgeber")
        short: dict[str, list[str]] = {}
        for text, iri, lang in scheme.labels:
            text = text.strip()
            if lang == "de" and SHORT_MIN <= len(text) < PREFIX_LEN and text[:1].isupper() and text.isalpha() \
                    and not _is_acronym(text) and iri not in short.setdefault(text, []):
                short[text].append(iri)
        self._short = short
        self._rx_short = re.compile(r"(?<![\w" + re.escape(HYPHENS) + r"])(" + "|".join(
            sorted(map(re.escape, short), key=len, reverse=True)) + r")([a-zäöüß]{%d,})(?!\w)" % PREFIX_REST) \
            if short else None
        # the rest may not name who or what does it: a company, an organisation or an office
        # ("Ölkonzern", "Gasriese", "Ölminister" describe a party or a person, they name no subject)
        self._not_rest = {w[0] for cat in ("CompanyWord", "OrgHead", "RoleTitle") for w in gaz.lex_words(cat) if len(w) == 1}
        stop = {" ".join(words) for words in gaz.lex_words("NotATopicCompound")}
        self._rx_stop = re.compile("(" + _alternation(stop) + ")") if stop else None

    # ------------------------------------------------------------------ finding
    def find(self, text: str, tokens=None, lang: str | None = None) -> list[tuple[str, int, int]]:
        """``(concept IRI, start, end)`` for each topic mention in ``text``, in text order.

        The concepts are those of the data, finer ones included; :meth:`annotation_topics`
        gives the topics the annotations use for them. With the text's ``tokens`` (lemmatised
        by kg.extract.linguistic) and its language, the labels of that language also match by
        their lemmas ("effizienter Energienutzung" for "effiziente Energienutzung"); a token
        that is blanked out in ``text`` is not matched."""
        folded, where = _fold_with_offsets(text)
        n = len(text)

        def span(s: int, e: int) -> tuple[int, int]:
            return (where[s] if s < len(where) else n), (where[e - 1] + 1 if e > 0 else 0)

        cands: list[tuple[int, int, int, list[str]]] = []   # start, end, 0 whole/1 part, concepts
        if self._rx_words is not None:
            for m in self._rx_words.finditer(folded):
                key = _key(m.group(1))
                iris = self._words.get(key)
                if iris and (lang is None or _readable_in(self._word_langs[key], lang)):
                    cands.append((*span(m.start(1), m.end(2)), 0, iris))
        if self._rx_acronyms is not None:
            for m in self._rx_acronyms.finditer(text):
                cands.append((m.start(1), m.end(2), 0, self._acronyms[m.group(1)]))
        if tokens is not None and lang is not None:
            cands += self._lemma_matches(text, tokens, lang)
        stops = [m.span() for m in self._rx_stop.finditer(folded)] if self._rx_stop is not None else []

        def stopped(s: int, e: int, spans=stops) -> bool:
            # inside (or across the edge of) a word that only begins like a topic
            return any(s < se and e > ss and not (s <= ss and e >= se) for ss, se in spans)

        where_stops = [span(ss, se) for ss, se in stops]
        if stops:   # a whole label inside a phrase of another sense ("data storage", "olive oil")
            cands = [c for c in cands if not stopped(c[0], c[1], where_stops)]

        for rx, table in ((self._rx_parts, self._parts), (self._rx_prefixes, self._prefixes)):
            if rx is None or lang not in (None, "de"):   # parts of German compounds, in German
                continue
            for m in rx.finditer(folded):
                s, e = m.start(1), m.end(1)
                if not stopped(s, e) and _in_noun(text, span(s, e)[0]):
                    cands.append((*span(s, e), 1, table[m.group(1)]))
        if lang in (None, "de"):
            cands += self._elided(text, folded, span)
            if self._rx_short is not None and lang == "de":   # (the German tagger's lexicon says what a noun is)
                for m in self._rx_short.finditer(text):
                    if _german_noun(m.group(2)) and fold(m.group(2)) not in self._not_rest \
                            and not (stops and stopped(m.start(), m.end(), where_stops)):
                        cands.append((m.start(), m.end(), 1, self._short[m.group(1)]))
        # a remainder label that shares a word with an energy label gives way to it: the energy
        # word says what the trade or the zone is ("an electricity trade agreement",
        # "Gashandelsabkommen"; a "trade agreement" alone is about trade)
        rest = [c for c in cands if all(self.catch_all(t) for i in c[3] for t in self.annotation_topics(i))]
        if rest:
            real = [c for c in cands if c not in rest]
            cands = real + [c for c in rest if not any(c[0] < r[1] and r[0] < c[1] for r in real)]
        # the longest match wins; a whole-word match before a part of the same length
        taken: list[tuple[int, int, list[str]]] = []
        for s, e, _, iris in sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0])):
            if all(e <= ts or s >= te for ts, te, _ in taken):
                taken.append((s, e, iris))
        return [(iri, s, e) for s, e, iris in sorted(taken, key=lambda t: t[0]) for iri in iris]

    def _elided(self, text: str, folded: str, span) -> list[tuple[int, int, int, list[str]]]:
        """German compounds that share their last part with the next one ("Sonnen- und
        Windenergie", "Wasser- oder Windkraft"): the first word, completed with an ending of the
        second, is looked up as a label ("Sonnenenergie")."""
        out = []
        for m in _ELIDED.finditer(folded):
            first, second = m.group(1), m.group(2)
            if not _in_noun(text, span(m.start(1), m.end(1))[0]):
                continue   # a noun, written with a capital
            for i in range(2, len(second) - 2):
                key = _key(first + second[i:])
                iris = self._words.get(key)
                if iris and _readable_in(self._word_langs[key], "de"):
                    out.append((*span(m.start(1), m.end(1) + 1), 1, iris))
                    break
        return out

    def _lemma_matches(self, text: str, tokens, lang: str) -> list[tuple[int, int, int, list[str]]]:
        """Labels of the text's language found as a run of token lemmas."""
        index = self._lemma_index().get(lang)
        if not index:
            return []
        out = []
        n = len(tokens)
        shown = lambda t: bool(text[t.start:t.end].strip())   # not blanked out

        def end_of(i: int, lemmas: tuple[str, ...]) -> int | None:
            """Where the label ends if it starts at token i; an adjective the label does not
            have may come between its words ("Transport von abgeschiedenem CO2")."""
            j = i + 1
            for lemma in lemmas[1:]:
                skipped = 0
                while j < n and tokens[j].lemma != lemma and _modifier(tokens[j]) and skipped < MAX_INSERTED \
                        and shown(tokens[j]):
                    j, skipped = j + 1, skipped + 1
                if j >= n or tokens[j].lemma != lemma or not shown(tokens[j]):
                    return None
                j += 1
            return j

        for i, tok in enumerate(tokens):
            entries = index.get(tok.lemma)
            if not entries or not shown(tok):
                continue
            for lemmas, verbal, iris in entries:
                j = end_of(i, lemmas)
                if j is None:
                    continue
                if len(lemmas) == 1 and not verbal and tok.pos in ("VERB", "AUX"):
                    continue   # "researched" is no mention of research
                out.append((tok.start, tokens[j - 1].end, 0, iris))
        return out

    def _lemma_index(self) -> dict[str, dict[str, list[tuple[tuple[str, ...], bool, list[str]]]]]:
        """language -> first lemma -> (lemmas of a label, whether it is a verb, concepts); built
        with the tagger once per scheme and kept on disk next to the gazetteer's cache."""
        if self._lemmas is None:
            self._lemmas = _cached_lemma_index(self.scheme, self._cache_key)
        return self._lemmas

    # ------------------------------------------------------------------ annotation level
    def annotation_topics(self, iri: str) -> list[str]:
        """The annotation-level topics a concept stands for: itself if it is one, else its
        closest annotation-level ancestors along ``skos:broader`` (several only where the
        data gives a concept two broader topics: a gas pipeline is about pipelines and
        natural gas), in the order of ``ekg:AnnotationTopics``, which puts the main one first.
        KeyError for an IRI that is not a concept of the scheme."""
        if iri in self._up:
            return self._up[iri]
        if iri not in self.scheme.broader:
            raise KeyError(iri)
        found: list[str] = []
        level, seen = [iri], {iri}
        while level and not found:
            found = [c for c in level if c in self._rank]
            nxt = []
            for c in level:
                for b in self.scheme.broader.get(c, []):
                    if b not in seen:
                        seen.add(b)
                        nxt.append(b)
            level = nxt
        self._up[iri] = sorted(found, key=self._rank.__getitem__)
        return self._up[iri]

    def annotation_topic(self, iri: str) -> str:
        """The main one of :meth:`annotation_topics` (KeyError if there is none). A caller
        that keeps one topic per mention loses the second topic of a two-topic subtopic."""
        up = self.annotation_topics(iri)
        if not up:
            raise KeyError(f"{iri} has no annotation-level topic")
        return up[0]

    def broader_topics(self, iri: str) -> set[str]:
        """The annotation-level topics above an annotation-level topic (LNG: natural gas; wind
        energy: renewable energy), along ``skos:broader``; empty for a top topic."""
        if iri in self._above:
            return self._above[iri]
        out: set[str] = set()
        level = list(self.scheme.broader.get(iri, []))
        while level:
            c = level.pop()
            if c in out:
                continue
            if c in self._rank:
                out.add(c)
            level.extend(self.scheme.broader.get(c, []))
        self._above[iri] = out
        return out

    def most_specific(self, topics: dict[str, int], listed=frozenset()) -> dict[str, int]:
        """An agreement's topics (topic -> weight) at the granularity of the annotations, for the
        members of ``ekg:KindTopics`` (topics whose narrower topics are kinds of them):

        * two or more kinds of such a topic become that topic ("solar and wind power" ->
          renewable energy), unless the topic is named itself too ("renewable capacity, mostly
          from wind and solar farms"): then the kinds stay next to it, as the annotations list
          them; not kinds that a product among the topics is made from (hydrogen from wind and
          solar power: :meth:`source_of`);
        * one kind, named at least as often as the topic itself, says it already: the topic
          gives way ("LNG", not also "natural gas"); named more often, it stays.

        Aspects of a topic are listed each, next to it (nuclear energy, radioactive waste, the
        fuel cycle), as the annotations do; but where a fuel (``ekg:fuelFor``: the nuclear fuel
        cycle for nuclear energy) weighs more than the topic of the plants that burn it, the
        agreement supplies the fuel and the plants are where it goes ("uranium for India's
        reactors", "Brennelemente für das Kraftwerk"): that topic gives way. Kinds that the text
        lists as fields of their own next to a product (``listed``: "den Ausbau von Wind- und
        Solarstrom und die Herstellung von Wasserstoff", :meth:`kg.extract.analysis.Analysis.listed_kinds`)
        stay, with the topic they are kinds of. The weight of a
        dropped topic goes to the one that stays (of several kinds, the heaviest); heaviest first."""
        out = dict(topics)
        for fuel, users in sorted(self.scheme.fuels.items()):
            for u in sorted(users):
                if fuel in out and u in out and out[fuel] > out[u]:
                    out[fuel] += out.pop(u)
        for b in sorted(self.scheme.kinds):
            # two or more kinds of a topic: the topic they are kinds of ("solar and wind power")
            kinds = [t for t in out if b in self.broader_topics(t)]
            if len(kinds) >= 2 and b in out and not any(self.source_of(t, out) for t in kinds):
                continue   # the topic named itself next to its kinds ("renewables, mostly wind and solar"): all stay
            if len(set(kinds) & set(listed)) >= 2:   # listed as fields of their own: they stay, and the topic
                out[b] = out.get(b, 0) + max(out[t] for t in kinds)
                continue
            if len(kinds) >= 2:
                out[b] = out.get(b, 0) + max(out.pop(t) for t in kinds)   # not more than one of them
        topics = dict(out)
        for b in topics:
            if b not in self.scheme.kinds:
                continue   # nuclear energy stays next to its aspects (radioactive waste, the fuel cycle)
            narrower = [t for t in topics if b in self.broader_topics(t)]
            if len(narrower) == 1 and narrower[0] in out and b in out and topics[narrower[0]] >= topics[b]:
                out[narrower[0]] += out.pop(b)
        return dict(sorted(out.items(), key=lambda x: -x[1]))

    def aim(self, iri: str) -> bool:
        """Whether a concept names a policy aim (``ekg:AimTopics``: the energy transition, climate
        neutrality), which in the genitive of another noun says what that thing serves."""
        return iri in self.scheme.aims

    def catch_all(self, topic: str) -> bool:
        """Whether a topic names a remainder (``ekg:CatchAllTopics``: "other"): a field outside
        energy, such as defence or a maritime border."""
        return topic in self.scheme.catch_all

    def source_of(self, topic: str, topics) -> bool:
        """Whether ``topic`` is what a product among ``topics`` is made from (``ekg:producedFrom``:
        hydrogen and ammonia from renewable power; a kind of it counts too, wind or solar power)."""
        return any(p != topic and (topic in srcs or self.broader_topics(topic) & srcs)
                   for p, srcs in self.scheme.sources.items() if p in topics)

    def carrier_needed(self, topics) -> list[str]:
        """The carriers (``ekg:carries``) that one of ``topics`` transports when none of them, nor a
        narrower topic of one (LNG for natural gas), is among ``topics``: a pipeline agreement that
        does not say what flows through it. Empty when the topics say it or carry nothing."""
        out: list[str] = []
        for infra, carried in self.scheme.carries.items():
            if infra in topics and not any(t in carried or self.broader_topics(t) & carried for t in topics):
                out += [c for c in sorted(carried, key=lambda c: self._rank.get(c, 0)) if c not in out]
        return out

    def carried(self, topic: str, carriers) -> str | None:
        """The carrier among ``carriers`` that a found topic names (natural gas for LNG), or None."""
        if topic in carriers:
            return topic
        return next((c for c in carriers if c in self.broader_topics(topic)), None)

    def has_variants(self, iri: str, surface: str | None = None) -> bool:
        """Whether a concept, found as ``surface``, is read by the carrier its context names
        (``ekg:carrierVariant``): only where the words do not say it themselves (a label listed as
        ``ekg:carrierNeutralLabel``, with an inflection ending: "interconnector", not "electricity
        interconnector")."""
        if iri not in self.scheme.variants:
            return False
        if surface is None:
            return True
        key = _key(fold(" ".join(surface.split())))
        neutral = self.scheme.neutral.get(iri, set())
        return key in neutral or any(key.endswith(e) and key[:-len(e)] in neutral for e in ("s", "es", "n", "en"))

    def variant_for(self, iri: str, sentence: list[str], text: list[str]) -> str | None:
        """The ``ekg:carrierVariant`` of a carrier-neutral concept ("interconnector") that its
        context names: the one whose carrier the sentence's other topics name (a narrower topic,
        LNG, names natural gas) where they name no topic of the concept's own (electricity
        grids); in a sentence that names neither, the one whose carrier the text's topics name
        more often than the concept's own topics. None: the concept keeps its own topics."""
        variants = self.scheme.variants.get(iri)
        if not variants:
            return None
        carried = {c for cs in self.scheme.carries.values() for c in cs}
        # a variant whose topics carry nothing (a refinery of metals, not of crude) is named by its
        # own topics (critical minerals next to "refinery")
        carrier = {v: set(self.annotation_topics(v)) & carried or set(self.annotation_topics(v)) for v in variants}
        own = set(self.annotation_topics(iri))
        named = lambda topics: [b for t in topics for b in {t} | self.broader_topics(t)]

        def pick(topics: list[str]) -> str | None:
            found = named(topics)
            counts = {v: sum(1 for t in found if t in carrier[v]) for v in variants}
            best = max(counts.values(), default=0)
            top = [v for v, n in counts.items() if n == best]
            mine = sum(1 for t in found if t in own)
            return top[0] if best > mine and len(top) == 1 else None

        if any(t in own for t in named(sentence)):
            return None
        if any(t in c for t in named(sentence) for c in carrier.values()):
            return pick(sentence)
        return pick(text)

    def is_label(self, text: str) -> bool:
        """``text`` as a whole is one topic label ("LNG", "SMRs", "Smart Grid", "Hydroelectric
        Power"): a thing that is traded, built or worked on. The organisation rules ask it of a
        name they found, which is then no organisation (:mod:`kg.extract.linking.orgs`)."""
        text = " ".join(text.split())
        if _is_acronym(text):
            return (text[:-1] if text.endswith("s") and text[:-1].isupper() else text) in self._acronyms
        return _key(fold(text)) in self._words

    def topics_in(self, text: str) -> list[str]:
        """The annotation-level topics that ``text`` mentions, each once, in text order."""
        out: list[str] = []
        for iri, _, _ in self.find(text):
            for t in self.annotation_topics(iri):
                if t not in out:
                    out.append(t)
        return out


def label_lemmas(scheme: TopicScheme) -> dict[str, dict[str, list[tuple[tuple[str, ...], bool, list[str]]]]]:
    """The lemma index of a scheme's labels (see TopicMatcher._lemma_index): each label is
    tokenised and tagged in its own language; acronyms match as written only."""
    from kg.extract.linguistic import annotate
    from kg.extract.tokens import tokenize

    seen: dict[tuple[str, tuple[str, ...]], tuple[bool, list[str]]] = {}
    for text, iri, lang in scheme.labels:
        text = " ".join(text.split())
        if not text or _is_acronym(text) or lang not in ("de", "en"):
            continue
        toks = tokenize(text, lang)
        annotate(toks, lang)
        lemmas = tuple(t.lemma for t in toks)
        if not lemmas or not all(lemmas):
            continue
        verbal, iris = seen.setdefault((lang, lemmas), (len(toks) == 1 and toks[0].pos == "VERB", []))
        if iri not in iris:
            iris.append(iri)
    index: dict[str, dict[str, list]] = {}
    for (lang, lemmas), (verbal, iris) in seen.items():
        index.setdefault(lang, {}).setdefault(lemmas[0], []).append((lemmas, verbal, iris))
    for table in index.values():
        for entries in table.values():
            entries.sort(key=lambda x: -len(x[0]))
    return index


def _cached_lemma_index(scheme: TopicScheme, key: str | None):
    """:func:`label_lemmas`, pickled in the gazetteer's cache directory under the content hash
    of the sources (tagging 1,600 labels takes seconds; reading them back, milliseconds)."""
    import contextlib
    import pickle

    from kg.extract.gazetteer import _cache_dir, write_cache

    if key:   # the lemmas also depend on the code that makes them
        import hashlib
        code = hashlib.sha256()
        for module in ("linguistic.py", "tokens.py", "topics.py"):
            code.update((Path(__file__).parent / module).read_bytes())
        key = f"{key}-{code.hexdigest()[:12]}"
    path = (_cache_dir() / f"topic-lemmas-{key}.pickle") if key and _cache_dir() is not None else None
    if path is not None:
        with contextlib.suppress(Exception):
            with path.open("rb") as fh:
                return pickle.load(fh)
    index = label_lemmas(scheme)
    if path is not None:
        write_cache(path, index)
    return index


def _scheme_file() -> Path:
    """ontology/topics.ttl among the gazetteer's source files."""
    return next(p for p in source_files() if p.name == "topics.ttl")


def annotation_topic(gaz: Gazetteer, iri: str) -> str:
    """The topic IRI the annotation conventions use for a found concept: the concept itself if
    it is a member of ``ekg:AnnotationTopics``, else its closest ancestor (``skos:broader``) that is."""
    return TopicMatcher(gaz).annotation_topic(iri)


def annotation_topics(gaz: Gazetteer, iri: str) -> list[str]:
    """All closest annotation-level topics of a concept (see :meth:`TopicMatcher.annotation_topics`)."""
    return TopicMatcher(gaz).annotation_topics(iri)


def topics_in(gaz: Gazetteer, text: str) -> list[str]:
    """The annotation-level topic IRIs mentioned in ``text``, each once, in text order."""
    return TopicMatcher(gaz).topics_in(text)
