"""Agreement frames: which agreements a text reports, and who signed them, with whom, when,
in whose presence and on what.

1. **Mentions.** Every agreement word (from the agreement classes of the ontology and the
   lexicon), every definite document word ("das Dokument", "the papers"), every ordinal that
   points into a set ("the second was signed with …"), every signing predicate without an
   agreement word ("Unterschrieben wurde gestern", "signed it") and every deal told by its verb
   with a named other side ("commissioned X to build", "bought the park from X", "settled their
   dispute", "gründeten ein Gemeinschaftsunternehmen"; lex:DealVerb) is an :class:`AgreementMention`.
   A mention knows its kind, number ("five MoUs", "zwei Absichtserklärungen"), whether it is
   definite, its own date ("of 2019", "concluded on 15 September 2022"), its own parties (words
   that modify it: "deutsch-chilenische Partnerschaft", "the agreement with Kappa Power"), its cues
   ("existing", "also", "each") and the predicate of its clause (:mod:`kg.extract.predicates`).
   Its status: *asserted* by a signing or concluding predicate, *planned* (a cooperation, not an
   agreement), *background* (an older agreement named with its date or as existing), or a
   *reference* (a definite mention without a predicate).
2. **Grouping** (:mod:`kg.extract.grouping`): each mention joins the agreement it most likely
   refers to, or starts a new one, by a score over kind, date, parties, title, distance,
   definiteness, headline position and cues. A plural or counted mention starts a *set* of
   agreements; its partners are distributed over the members ("MoUs with A and B", "deals
   with three suppliers … Nordwind, Kappa Power, …", "each … a separate statement"), and ordinals
   and plural references point into the set.
3. **Arguments.** An agreement's parties are the actor arguments of its predicates (subject,
   with-, between-, for- and by-phrases, group nouns resolved to the actors they stand for),
   its own modifiers, and the actors its signatories act for; its signatories are the persons
   among the agents of a signing predicate (also the by-phrase of a signing noun: "die
   Unterzeichnung erfolgte durch X"); its witnesses are persons placed at the signing by
   a presence predicate or phrase. A slot is left empty rather than guessed.
4. **Dates, places and topics.** A date keeps the text's precision; a date in a reporting
   clause dates the report; the date of a signing event ("the ceremony on 12 November") is
   inherited by every agreement signed at it. Topics come from the agreement's own words, the
   sentence that asserts it and the sentences that refer back to it or go on about it, and
   from the headline for every new agreement that does not leave the topic to another one; an
   older (background) agreement takes no topics from its neighbours (an older contract that names
   none trades the goods of the text: its main topic); a broader topic gives way
   to its one narrower topic (LNG, not also natural gas); a pipeline agreement that does not say
   what the pipeline carries takes the carrier the text names most (``ekg:carries``).

The steps live in one module each, and each imports only those listed before it:
:mod:`.model` (the data classes), :mod:`.common` (small look-ups shared by every step),
:mod:`.clause_dates` (the date a clause tells), :mod:`.predicate_args` (the actor arguments of a
predicate), :mod:`.agreement_mentions` (step 1), :mod:`.arguments` (step 3), :mod:`.content`
(step 4), :mod:`.cooperations` (stated cooperations) and :mod:`.assembly` (:func:`fill`, which
runs steps 3 and 4 on the grouped agreements). :func:`build_frames` runs them all.
"""

from __future__ import annotations

from kg.extract.frames.model import KIND_PRIORITY, Agreement, AgreementMention, AgreementSet, Args, compatible_kinds
from kg.extract.frames.common import _predicates
from kg.extract.frames.predicate_args import predicate_args
from kg.extract.frames.agreement_mentions import find_mentions
from kg.extract.frames.arguments import at_same_event, distribute, distribution
from kg.extract.frames.content import content_items
from kg.extract.frames.assembly import fill

# what kg.extract.grouping, kg.extract.pipeline and the tests import from here
__all__ = ["KIND_PRIORITY", "Agreement", "AgreementMention", "AgreementSet", "Args", "at_same_event", "build_frames",
           "compatible_kinds", "content_items", "distribute", "distribution", "fill", "find_mentions", "predicate_args",
           "_predicates"]


def build_frames(an):
    """Agreements and stated cooperations of an analysed document."""
    from kg.extract.grouping import Grouper

    predicates = _predicates(an)
    mentions = find_mentions(an, predicates)
    grouper = Grouper(an, predicates)
    agreements = grouper.run(mentions)
    return agreements, grouper.cooperations
