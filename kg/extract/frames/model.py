"""Data classes of agreement frames: an :class:`AgreementMention` (a word or predicate that
reports an agreement), an :class:`Agreement` (the mentions grouped into one, with its parties,
signatories, witnesses, date, place and topics), an :class:`AgreementSet` (the agreements a plural
or counted mention stands for) and :class:`Args` (the actor arguments of a predicate).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.actors import ActorMention
from kg.extract.dates import DateMention
from kg.extract.mentions import Mention
from kg.extract.predicates import Predicate


KIND_PRIORITY = ["memorandum", "declaration_of_intent", "treaty", "contract", "partnership", "agreement"]


@dataclass
class AgreementMention:
    index: int
    start: int
    end: int
    sent: int
    kind: str = "agreement"
    weak: bool = False
    words: list[Mention] = field(default_factory=list)
    predicate: Predicate | None = None
    status: str = "reference"          # asserted, planned, background, reference
    definite: bool = False
    implicit: bool = False             # no agreement word ("signed it")
    count: int = 1                     # 0: plural of unknown size
    ordinal: int | None = None
    title: str | None = None
    date: DateMention | None = None
    own: list[tuple[str, str]] = field(default_factory=list)   # (actor iri, how) from its own words
    cues: set[str] = field(default_factory=set)
    headline: bool = False
    content: bool = False              # "Under the agreement, X will …": the clause tells who is bound
    supply: bool = False               # "a purchase deal", "an agreement for the supply of LNG": commercial
    framework: bool = False            # "framework agreement", "Kooperationsvertrag": a frame, never a sale
    about: str | None = None           # the kind of a definite agreement its content phrase names ("zur Gründung der Partnerschaft")
    replaces: "AgreementMention | None" = field(default=None, repr=False, compare=False)   # an implicit one an ordinal stands for

    @property
    def plural(self) -> bool:
        return self.count != 1


@dataclass
class Agreement:
    id: str
    kind: str
    words: list[Mention] = field(default_factory=list)
    title: str | None = None
    date: DateMention | None = None
    place: str | None = None
    place_iri: str | None = None
    parties: dict[str, str] = field(default_factory=dict)         # actor iri -> how found
    signatories: dict[str, dict] = field(default_factory=dict)    # person iri -> {role, on_behalf_of}
    witnesses: set[str] = field(default_factory=set)
    topics: dict[str, int] = field(default_factory=dict)
    sentences: set[int] = field(default_factory=set)
    intro: int = 0
    last: int = 0
    background: bool = False
    weak: bool = False
    evidence: list[tuple[str, str | None, int, float]] = field(default_factory=list)  # (prop, value, sentence, conf)
    other_dates: list[tuple[str, DateMention]] = field(default_factory=list)
    confidence: float = 0.8
    mentions: list[AgreementMention] = field(default_factory=list)
    group: "AgreementSet | None" = None
    member: int = 0                    # position in its set
    only_headline: bool = True
    tentative: bool = False            # known only from a reference so far ("the deal", before the signing)
    widened: bool = False              # built from a planned or unplaced mention for frames.keep (keep.WIDEN)
    states_of_bodies: list[str] = field(default_factory=list)   # "auf nigerianischer Seite" for a body that signs
    stand_ins: list[str] = field(default_factory=list)   # countries named as subjects for their companies
    topic_span: set[int] | None = None  # a member of "agreements on A and on B": the tokens of its own phrase
    held: set[str] = field(default_factory=set)   # parties whose unnamed office-holders sign ("the presidents of A and B")

    def add_party(self, iri: str | None, how: str, sent: int, confidence: float = 0.8) -> None:
        if iri and iri not in self.parties:
            self.parties[iri] = how
            self.evidence.append(("party", iri, sent, confidence))


@dataclass
class AgreementSet:
    """Agreements announced together ("five MoUs", "drei Vereinbarungen"): one per member."""
    members: list[Agreement]
    sent: int
    distributed: bool = False
    listed: int = 0                    # members named one by one after a colon so far
    told: int = 0                      # members told one by one in later sentences so far


def compatible_kinds(a: str, b: str) -> bool:
    return a == b or "agreement" in (a, b) or {a, b} <= {"treaty", "contract"}


@dataclass
class Args:
    agents: list[ActorMention] = field(default_factory=list)
    partners: list[ActorMention] = field(default_factory=list)
    sides: list[ActorMention] = field(default_factory=list)
    elab: list[ActorMention] = field(default_factory=list)       # names listed after a colon
    signers: list[Mention] = field(default_factory=list)
    witnesses: list[Mention] = field(default_factory=list)
    person_groups: list[ActorMention] = field(default_factory=list)
