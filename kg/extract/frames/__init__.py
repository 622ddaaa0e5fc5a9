"""Agreement frames: which agreements a text reports, and who signed them, with whom, when,
in whose presence and on what. Four steps, each described in full in its module's docstring:

1. **Mentions** (:mod:`.agreement_mentions`): every agreement word, definite document word,
   ordinal into a set, signing predicate without an agreement word and deal told by its verb is
   an :class:`AgreementMention` with its kind, number, date, own parties, cues and status.
2. **Grouping** (:mod:`kg.extract.grouping`): each mention joins the agreement it most likely
   refers to, or starts a new one (or a set of them), by a scored decision.
3. **Arguments** (:mod:`.arguments`, on :mod:`.predicate_args`): parties, signatories and
   witnesses from the arguments of the agreement's predicates; a slot is left empty rather than
   guessed.
4. **Dates, places and topics** (:mod:`.content`, on :mod:`.clause_dates`).

The modules import only those listed before them: :mod:`.model` (the data classes),
:mod:`.common` (small look-ups shared by every step), :mod:`.clause_dates`, :mod:`.predicate_args`,
:mod:`.agreement_mentions`, :mod:`.arguments`, :mod:`.content`, :mod:`.cooperations` (stated
cooperations), :mod:`.keep` (which filled agreements are kept), :mod:`.party_review` and :mod:`.topic_review`
(learned reviews of the parties and topics, fitted by ``bench/fit_lparty.py`` and ``bench/fit_ltopic.py``;
switched off, since they gain nothing held out) and :mod:`.assembly` (:func:`fill`, which runs steps 3 and 4 on the grouped
agreements). :func:`build_frames` runs them all.
"""

from __future__ import annotations

from kg.extract.frames.model import KIND_PRIORITY, Agreement, AgreementMention, AgreementSet, Args, compatible_kinds
from kg.extract.frames.common import _predicates
from kg.extract.frames.predicate_args import predicate_args
from kg.extract.frames.agreement_mentions import find_mentions
from kg.extract.frames.arguments import at_same_event, distribute, distribution
from kg.extract.frames.content import content_items, partner_items
from kg.extract.frames.assembly import fill

# what kg.extract.grouping, kg.extract.pipeline and the tests import from here
__all__ = ["KIND_PRIORITY", "Agreement", "AgreementMention", "AgreementSet", "Args", "at_same_event", "build_frames",
           "compatible_kinds", "content_items", "partner_items", "distribute", "distribution", "fill", "find_mentions", "predicate_args",
           "_predicates"]


def build_frames(an):
    """Agreements and stated cooperations of an analysed document."""
    from kg.extract.grouping import Grouper

    predicates = _predicates(an)
    mentions = find_mentions(an, predicates)
    grouper = Grouper(an, predicates)
    agreements = grouper.run(mentions)
    return agreements, grouper.cooperations
