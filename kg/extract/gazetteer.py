"""The gazetteer: lookup tables built from the Turtle data the knowledge graph holds.

Sources (all RDF, none of it Python literals):

* ``seeds/gazetteer/*.ttl``: countries, regions, capitals, known organizations and persons,
  the extraction lexicon (role titles, verbs, cue words) and given names;
* ``ontology/topics.ttl``: the topic labels; ``ontology/ekg.ttl``: agreement-kind keywords;
* ``seeds/curated/*.ttl``: curated entities, so that extracted mentions resolve to them.

Loading parses the Turtle once per process; the resulting tables are pickled in the user's
cache directory, keyed by the content hash of the sources, so later processes start fast.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.tokens import fold, tokenize_label

REPO = Path(__file__).resolve().parents[2]
LEX = "https://w3id.org/energy-kg/lexicon/"
EKG = "https://w3id.org/energy-kg/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CACHE_VERSION = 28
# lexicon categories that are word lists for particular rules, not words to tag in the text
WORD_LISTS = {"DescriptorWord", "CompanyGroupWord", "PortWord", "LandformWord", "BuildingWord", "PlacePreposition", "OriginPreposition", "SeatPhrase", "PossessiveDeterminer", "CreditWord",
              "ExampleCue", "HostingNoun", "DefiniteDeterminer", "ReferringDeterminer", "RelativeStart", "PastAuxiliary", "PerfectAuxiliary",
              "PriorAdverb", "IntergovernmentalCue", "TimeFramePreposition", "ListCoordinator", "PendingAdverb", "NecessityVerb", "TitleGenericWord",
              "ChainCoordinator", "BylineWord", "GermanSubordinator", "EnglishSubordinator", "EnglishRelative",
              "GermanRelativeForm", "ListArticle", "RoleSkipWord", "MultiWordPreposition", "GermanPassiveAuxiliary",
              "EnglishPassiveAuxiliary", "GroupDeterminer", "CountryGroupNoun", "RegionGroupNoun", "OrgGroupNoun",
              "Article", "CommonWordGivenName", "SideCorrelative", "BesidePreposition", "PersonPronoun",
              "EventBodyWord", "SubsidiaryNoun", "SubsidiaryCompoundEnd", "VentureOwnerWord", "ParentNoun", "TradeNameWord", "AcquisitionWord", "HoldingNoun", "SubnationalRole", "VentureNoun", "LeaderNoun", "PoliticianNoun", "AnyPersonNoun", "PresencePreposition", "SigningTablePhrase", "AttendanceLeadVerb", "SupplyWord", "BuyingWord", "LeadCue", "HeadVerb", "VagueQuantity", "LinkInfrastructure", "RouteNoun", "FormerWord", "JointProjectNoun", "ConnectVerb",
              "FinancingWord", "FinancierNoun", "FundingVerb", "MoneyWord", "LenderWord", "MinistryWord", "LendingVerb", "PayVerb", "ProvideVerb", "InvestVerb", "InvestmentPreposition", "SidePreposition",
              "RoleEndPreposition", "PluralFiniteForm", "ContactRelativeStart", "EnglishArticle", "GermanArticle", "Complementizer", "ZeroThatVerb", "GermanAgentPreposition", "AgreeOnPreposition",
              "OrgNameConnector", "ConsortiumNoun", "PartnerNoun", "AmongPreposition", "MemberPreposition", "MannerPreposition", "PlaceNameEnding", "PlacePrefix", "NationalInstitutionNoun", "PlaceOrgHead", "PlaceAdjectiveOrgHead",
              "FramePreposition", "CommitmentFramePreposition", "InstrumentPreposition", "ConditionalSubordinator", "VisitWord", "OutsideEventWord",
              "VisitorLink", "PossessivePresenceNoun", "DestinationPreposition", "TimeSubordinator", "WatchedClauseSubordinator",
              "EventReferringArticle", "SameEventWord", "GermanNeuterEnding", "GermanMasculineEnding",
              "VenuePreposition", "WorkVerb", "IndefiniteArticle", "DatingWord", "RelativePossessive", "InclusionWord", "GermanMasculineNeuterArticle",
              "CompletionPreposition", "SingularArticle", "AssistVerb", "AssistNoun",
              "ContentPhrasePreposition", "SourcePreposition", "StakeTargetPreposition", "StakeHoldVerb", "OwnedByVerb", "DativeSellerVerb", "SupplierVerb", "JointCompanyHead", "JointAdjective", "EachQuantifier", "MadeFromPreposition", "FuelDestinationPreposition", "SingledOutCue", "RemainderWord", "GenitiveLink", "RecipientPreposition", "AffiliationPreposition",
              "Season"}   # Season: read by kg.extract.dates through Gazetteer.seasons


@dataclass
class Entity:
    iri: str
    kind: str                     # country, region, org, person, place, topic
    label_en: str
    label_de: str | None = None
    country: str | None = None    # partOf / basedIn / locatedIn
    capital_of: str | None = None
    iso: str | None = None
    member_of: str | None = None  # the organization this one belongs to (ekg:memberOf)
    acts_for: str | None = None   # a known person's state or organisation (lex:actsFor)
    name_everywhere: bool = False  # named by its English label in every language (lex:nameInEveryLanguage)


@dataclass
class Lex:
    """A lexicon entry: a category plus its properties."""
    iri: str
    category: str                 # local name of the category, e.g. RoleTitle
    label: str
    kind: str | None = None       # agreement kind
    compound: bool = False
    implies: str | None = None
    sector: str | None = None
    number: int | None = None
    refers_to: str | None = None
    weak: bool = False
    leader: bool = False          # a role title of a head of state or government
    pos: str | None = None        # coarse part of speech the (last) word must have, e.g. VERB
    members: tuple[str, ...] = ()  # the countries a group name stands for (lex:member: Benelux)
    object: str | None = None     # the category its object must have (lex:objectCategory: DisputeWord)
    object_party: bool = False    # its object is the other side of a deal (lex:objectIsParty: "commissioned X")
    framework: bool = False       # an agreement word that names a frame, never a sale (lex:framework: "framework agreement")
    head_only: bool = False       # a word only where it heads its noun phrase, not before a noun (lex:headOnly: "lease", not "lease areas")


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    lexicon: dict[str, Lex] = field(default_factory=dict)
    # entity names: folded token tuple -> [(entity iri, form, exact text or None)]; form: name, adj, capital
    phrases: dict[tuple[str, ...], list[tuple[str, str, str | None]]] = field(default_factory=lambda: defaultdict(list))
    max_len: dict[str, int] = field(default_factory=dict)       # first token -> longest phrase
    # the lexicon, by lemma: folded lemma tuple -> [(lexicon iri, language or None)]
    lex_phrases: dict[tuple[str, ...], list[tuple[str, str | None]]] = field(default_factory=lambda: defaultdict(list))
    lex_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # first lemma -> phrases, longest first
    compound_heads: list[tuple[str, str, str | None]] = field(default_factory=list)  # (folded head, lex iri, language)
    topic_compounds: list[tuple[str, str]] = field(default_factory=list)  # (folded part, topic iri)
    bare_nationality: dict[str, str] = field(default_factory=dict)  # folded "Norweger" -> country iri
    combining: dict[str, str] = field(default_factory=dict)  # folded "Sino" (lex:combiningForm) -> country iri
    given_names: set[str] = field(default_factory=set)
    # word lists the rules consult but the text matcher does not tag (see WORD_LISTS): category -> folded word tuples
    word_lists: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    # labels as written, for the categories matched case-sensitively (LegalForm: "AS", not "as")
    lex_surface: dict[str, set[str]] = field(default_factory=dict)
    # the words of every name, given name and lexicon label in lower case as written (accents kept:
    # "ägyptischer", which the folded tables hold as "agyptischer"), for the tagger's kept searches
    # (kg.extract.linguistic, _Tagger.learn_names)
    written_words: set[str] = field(default_factory=set)
    sources_hash: str = ""
    _lex_words: dict[str, set[tuple[str, ...]]] = field(default_factory=dict, repr=False, compare=False)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    # -------------------------------------------------------------- lookups
    def lookup(self, words: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
        return self.phrases.get(words, [])

    def label(self, iri: str, lang: str = "en") -> str:
        e = self.entities.get(iri)
        if not e:
            return iri.rsplit("/", 1)[-1]
        return (e.label_de if lang == "de" and e.label_de else e.label_en)

    def cached(self, key, build):
        """A table derived from the gazetteer alone (a joined word list, a set of IRIs), made by
        ``build(self)`` the first time ``key`` is asked for and kept on the gazetteer, so every
        document shares it. (Kept outside the dataclass fields: the pickled cache stays as it is.)"""
        memo = self.__dict__.setdefault("_derived", {})
        found = memo.get(key)
        if found is None:
            found = memo[key] = build(self)
        return found

    def seasons(self) -> dict[str, int]:
        """The season words of the lexicon (lex:Season), each with the month it begins with."""
        return self.cached("seasons", lambda gaz: {
            x.label: x.number for x in gaz.lexicon.values() if x.category == "Season" and x.number})

    def words(self, category: str) -> frozenset[str]:
        """The one-word entries of a word list (WORD_LISTS), folded; computed once per category
        (the frame rules ask for some per token)."""
        found = self._words.get(category)
        if found is None:
            found = self._words[category] = frozenset(w[0] for w in self.word_lists.get(category, ()) if len(w) == 1)
        return found

    def lex_words(self, category: str) -> set[tuple[str, ...]]:
        """Every folded phrase of a lexicon category, in any language (computed once per category)."""
        found = self._lex_words.get(category)
        if found is None:
            found = self._lex_words[category] = {
                words for words, entries in self.lex_phrases.items()
                if any(self.lexicon[iri].category == category for iri, _ in entries)}
        return found


def source_files(repo: Path = REPO) -> list[Path]:
    files = sorted((repo / "seeds" / "gazetteer").glob("*.ttl"))
    files += [p for p in (repo / "ontology" / "topics.ttl", repo / "ontology" / "ekg.ttl") if p.exists()]
    files += sorted((repo / "seeds" / "curated").glob("*.ttl"))
    return files


_HASHES: dict[tuple, str] = {}
_LISTS: dict[tuple, tuple[list[Path], tuple[str, ...]]] = {}
_FOLDERS: dict[Path, tuple[str, ...]] = {}


def _listed(repo: Path) -> tuple[list[Path], tuple[str, ...]]:
    """``source_files(repo)``, listed again only when one of its folders changed (a file added,
    removed or renamed changes the folder's modification time), and the files' names as strings. Every document asks
    this: the folders and files are stat'ed by their names kept as strings (``os.stat``), without
    building and converting paths each time."""
    folders = _FOLDERS.get(repo)
    if folders is None:
        folders = _FOLDERS[repo] = tuple(
            os.fspath(f) for f in (repo / "seeds" / "gazetteer", repo / "ontology", repo / "seeds" / "curated"))
    stamp: tuple = (folders[0],)
    for folder in folders:
        try:
            st = os.stat(folder)
            stamp += (st.st_mtime_ns, st.st_ino)
        except OSError:
            stamp += (None, None)
    listed = _LISTS.get(stamp)
    if listed is None:
        if len(_LISTS) > 64:
            _LISTS.clear()
        files = source_files(repo)
        listed = _LISTS[stamp] = (files, tuple(os.fspath(f) for f in files))
    return listed


def _sources_key(files: list[Path], names: tuple[str, ...]) -> str:
    """``_hash(files)``, recomputed only when a file's size or modification time changed (a
    process that extracts many documents asks for the gazetteer once per document); ``names``:
    the files' names as strings."""
    try:
        stamp = tuple((name, st.st_mtime_ns, st.st_size, st.st_ino) for name in names for st in (os.stat(name),))
    except OSError:
        return _hash(files)
    key = _HASHES.get(stamp)
    if key is None:
        if len(_HASHES) > 64:
            _HASHES.clear()
        key = _HASHES[stamp] = _hash(files)
    return key


def _hash(files: list[Path]) -> str:
    # the word lists decide what a cached gazetteer holds, so a new list is a new cache
    h = hashlib.sha256(" ".join([str(CACHE_VERSION), *sorted(WORD_LISTS)]).encode())
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:20]


def _cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/energy-kg`` (``~/.cache/energy-kg`` when unset), or None when it
    cannot be created: then there is no cache (never a shared directory such as /tmp, whose
    pickles another user could have placed)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):   # unset, empty or relative: the XDG default
        base = os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "energy-kg"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


_LOADED: dict[str, Gazetteer] = {}


def load_gazetteer(repo: Path = REPO, use_cache: bool = True) -> Gazetteer:
    """The gazetteer for this repository's data, built once per process (and cached on disk)."""
    files, names = _listed(repo)
    key = _sources_key(files, names)
    if key in _LOADED:
        return _LOADED[key]
    files = list(files)   # (the listing is kept for later documents: built on a copy)
    cache_dir = _cache_dir() if use_cache else None
    cache = cache_dir / f"gazetteer-{key}.pickle" if cache_dir is not None else None
    if cache is not None:
        try:
            with cache.open("rb") as fh:
                gaz = pickle.load(fh)
            _LOADED[key] = gaz
            return gaz
        except Exception:  # no cache yet, an unreadable one, or a stale or broken one: rebuilt
            pass
    gaz = build_gazetteer(files)
    gaz.sources_hash = key
    if cache is not None:
        write_cache(cache, gaz)
    _LOADED[key] = gaz
    return gaz


def write_cache(path: Path, value) -> None:
    """Pickle ``value`` to ``path`` through a temporary file, so that no reader ever sees half
    of it; an unwritable or full cache directory leaves no cache and no leftovers."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except Exception:  # noqa: BLE001 - a cache is optional
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _parse(files: list[Path]):
    import rdflib

    graph = rdflib.Graph()
    for f in files:
        graph.parse(f, format="turtle")
    return graph


def build_gazetteer(files: list[Path]) -> Gazetteer:
    from rdflib import Literal, URIRef

    g = _parse(files)
    gaz = Gazetteer()
    types = defaultdict(set)
    for s, o in g.subject_objects(URIRef(RDF_TYPE)):
        types[str(s)].add(str(o))

    def labels(s, pred):
        out = []
        for o in g.objects(s, URIRef(pred)):
            if isinstance(o, Literal):
                out.append((str(o), o.language))
        return sorted(out, key=lambda x: (x[0], x[1] or ""))

    def one(s, pred):
        values = sorted(str(o) for o in g.objects(s, URIRef(pred)))
        return values[0] if values else None

    kind_of = {EKG + "Country": "country", EKG + "Region": "region", EKG + "Organization": "org",
               EKG + "Person": "person", EKG + "Place": "place", EKG + "Topic": "topic"}
    # ------------------------------------------------------------ entities
    # every table is built in a fixed order (rdflib's iteration order changes between processes)
    for s_str, ts in sorted(types.items()):
        kind = next((kind_of[t] for t in ts if t in kind_of), None)
        if not kind:
            continue
        s = URIRef(s_str)
        lab = labels(s, RDFS + "label") + labels(s, SKOS + "prefLabel")
        en = next((t for t, lang in lab if lang in ("en", None)), None) or (lab[0][0] if lab else s_str.rsplit("/", 1)[-1])
        de = next((t for t, lang in lab if lang == "de"), None)
        country = one(s, EKG + "partOf") or one(s, EKG + "basedIn") or one(s, EKG + "locatedIn")
        ent = Entity(s_str, kind, en, de, country, one(s, LEX + "capitalOf"), one(s, EKG + "isoCode"),
                     one(s, EKG + "memberOf"), one(s, LEX + "actsFor"),
                     one(s, LEX + "nameInEveryLanguage") == "true")
        gaz.entities[s_str] = ent
        forms = [(t, "name") for t, _ in lab] + [(t, "name") for t, _ in labels(s, SKOS + "altLabel")]
        forms += [(t, "adj") for t, _ in labels(s, SKOS + "hiddenLabel")]
        written = {fold(t) for t, _ in forms}
        # a nationality noun: a citizen ("Bulgare", "Frenchman"; form natsg) or the people ("Bulgaren",
        # "Norwegians"; form nat); one written like a name or adjective stays that
        forms += [(t, "natsg") for t, _ in labels(s, LEX + "nationalityNoun") if fold(t) not in written]
        forms += [(t, "nat") for t, _ in labels(s, LEX + "nationalityPlural") if fold(t) not in written]
        for t, _ in labels(s, LEX + "nationalityNounBare"):   # "der Norweger Jan Muster": no mention, a cue of roles
            if fold(t) not in written:
                gaz.bare_nationality.setdefault(fold(t), s_str)
        for t, _ in labels(s, LEX + "combiningForm"):   # "Sino-Russian": no mention on its own
            gaz.combining.setdefault(fold(t), s_str)
        if kind == "place" and ent.capital_of:
            forms = [(t, "capital") for t, _ in forms]
        for text, form in forms:
            _add_phrase(gaz, text, s_str, form)
            if kind == "topic":
                if " " not in text and "-" not in text and len(text) >= 5 and text[:1].isupper():
                    gaz.topic_compounds.append((fold(text), s_str))
    # ------------------------------------------------------------ agreement classes (kind keywords)
    for s in sorted(set(g.subjects(URIRef(EKG + "kindKey"), None))):
        kind = one(s, EKG + "kindKey")
        s_str = str(s)
        if s_str.startswith(LEX):
            continue
        entry = Lex(s_str, "AgreementWord", kind or "agreement", kind=kind)
        gaz.lexicon[s_str] = entry
        for text, lang in labels(s, RDFS + "label") + labels(s, SKOS + "altLabel"):
            if "(" in text:
                continue
            _add_lex(gaz, text, s_str, lang)
    # ------------------------------------------------------------ lexicon entries
    for s in sorted(set(g.subjects(URIRef(SKOS + "broader"), None))):
        s_str = str(s)
        if not s_str.startswith(LEX):
            continue
        cat = one(s, SKOS + "broader")
        if not cat or not cat.startswith(LEX):
            continue
        category = cat[len(LEX):]
        lab = labels(s, SKOS + "prefLabel")
        number = one(s, LEX + "number")
        entry = Lex(s_str, category, lab[0][0] if lab else s_str[len(LEX):],
                    kind=one(s, EKG + "kindKey"),
                    compound=(one(s, LEX + "compoundHead") or "").lower() == "true",
                    implies=one(s, LEX + "impliesActor"), sector=one(s, LEX + "sector"),
                    number=int(number) if number else None, refers_to=one(s, LEX + "refersTo"),
                    weak=(one(s, LEX + "weak") or "").lower() == "true",
                    leader=(one(s, LEX + "leader") or "").lower() == "true",
                    pos=one(s, LEX + "partOfSpeech"),
                    members=tuple(sorted(str(o) for o in g.objects(s, URIRef(LEX + "member")))),
                    object=one(s, LEX + "objectCategory"),
                    object_party=(one(s, LEX + "objectIsParty") or "").lower() == "true",
                    framework=(one(s, LEX + "framework") or "").lower() == "true",
                    head_only=(one(s, LEX + "headOnly") or "").lower() == "true")
        gaz.lexicon[s_str] = entry
        forms = labels(s, SKOS + "altLabel")
        if category not in ("OrgHead", "GivenName", "NameParticle", "NotAName", "OrgNameWord", "PoliticalParty"):
            forms += lab
        if category == "GivenName":
            gaz.given_names |= {fold(t) for t, _ in forms}
            gaz.written_words.update(t.lower() for t, _ in forms)
            continue
        if category in WORD_LISTS:
            gaz.word_lists.setdefault(category, set()).update(
                tuple(fold(w) for w in t.split()) for t, _ in forms + lab)
            continue
        if category in ("LegalForm", "LegalFormPrefix"):
            gaz.lex_surface.setdefault(category, set()).update(t for t, _ in forms)
        for text, lang in forms:
            _add_lex(gaz, text, s_str, lang)
            if entry.compound and " " not in text and lang in (None, "de") and len(text) >= 3 and not text.isupper():
                gaz.compound_heads.append((fold(text), s_str, lang))   # German compounds end in them
    gaz.compound_heads.sort(key=lambda x: -len(x[0]))
    first: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for words in gaz.lex_phrases:
        first[words[0]].add(words)
    gaz.lex_first = {w: sorted(ws, key=len, reverse=True) for w, ws in first.items()}
    gaz.lex_phrases = dict(gaz.lex_phrases)
    gaz.topic_compounds.sort(key=lambda x: -len(x[0]))
    for words in gaz.phrases:
        first = words[0]
        gaz.max_len[first] = max(gaz.max_len.get(first, 0), len(words))
    gaz.phrases = dict(gaz.phrases)
    return gaz


def _add_lex(gaz: Gazetteer, text: str, target: str, lang: str | None) -> None:
    """A lexicon label: matched against lemmas (or the surface) of texts in its language."""
    gaz.written_words.update(text.lower().split())
    for words in tokenize_label(text):
        bucket = gaz.lex_phrases[words]
        if (target, lang) not in bucket:
            bucket.append((target, lang))


def _add_phrase(gaz: Gazetteer, text: str, target: str, form: str) -> None:
    # Short all-capital labels (US, EU, AG) only match in capitals: "us" is a pronoun.
    exact = text.isupper() and len(text.replace(".", "")) <= 4
    # A name written small (thyssenkrupp, bp) matches only as written: "shell" is no company.
    exact = exact or (form == "name" and text[:1].islower())
    entry = (target, form, text if exact else None)
    gaz.written_words.update(text.lower().split())
    for words in tokenize_label(text):
        bucket = gaz.phrases[words]
        if entry not in bucket:
            bucket.append(entry)
