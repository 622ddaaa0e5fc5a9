"""An organisation's name used for the building where something happens ("signed at the Kappa
Secretariat"): the output (``kg.extract.serialize``) leaves out an organisation that is no party
and is named only so.
"""

from __future__ import annotations

from kg.extract.dates import MONTHS, WEEKDAYS
from kg.extract.mentions import Mention
from kg.extract.linking.lookups import Lookups


# the lexicon categories of words that tell of an event at a place (a signing, a meeting, a visit)
_VENUE_CUES = ("SigningVerb", "SigningNoun", "SigningEventVerb", "EventNoun", "ExchangeNoun", "AgreementWord",
               "SignatureNoun", "VisitWord")


class Venue(Lookups):
    """Tells whether a mention of an organisation names the building where something happens (``venue``)."""

    def venue(self, mt: Mention) -> bool:
        """An organisation's name used for the building where something happens ("signed at the
        Kappa Secretariat", "talks at the Foreign Ministry in Lima", "im Außenministerium
        unterzeichnet"): after "at the" or "im" (VenuePreposition), with a signing, meeting or visit
        near it, a day before it or a place after it. Not the employer of a person noun or a verb of
        working before it ("an official at the Kappa Agency", "Staatssekretär im Energieministerium",
        "who works at …"), a body someone belongs to ("Peru sitzt im Kappa-Rat"), nor a firm after
        a bare "at". The caller keeps an organisation named elsewhere too, or a party."""
        toks = self.tokens
        p = mt.start - 1
        if self.lang == "en":
            if p < 1 or toks[p].fold not in self.gaz.words("EnglishArticle"):
                return False    # "analysts at Kappa": the firm they work for
            p -= 1
        if p < 0 or toks[p].fold not in self.gaz.words("VenuePreposition"):
            return False
        work = self.gaz.words("WorkVerb")
        if any(0 <= k < len(toks) and (toks[k].lemma or toks[k].fold) in work for k in (p - 1, p - 2, mt.end)):
            return False    # "who works at the Kappa Institute", "der im Kappa-Institut forscht": the employer
        if not (mt.end + 1 < len(toks) and toks[mt.end].fold == "in" and toks[mt.end + 1].is_title) \
                and not (p > 0 and (toks[p - 1].fold in WEEKDAYS or toks[p - 1].fold in MONTHS)) \
                and not any(self.cat_in(cat, max(0, p - 12), min(len(toks), mt.end + 10)) for cat in _VENUE_CUES):
            return False    # no signing, meeting or visit near it, no day before or place after it: "Peru sitzt im Kappa-Rat"
        q = p - 1
        if q < 0 or toks[q].text in (",", "(", "–", "—"):
            return True
        if any(pm.start <= q < pm.end for pm in self.person_mentions):
            return True     # "signed by Jane Roe at the Kappa Office": where the person did it
        if self.is_role(q) or self.has_cat(q, "GroupNoun") or toks[q].pos == "NOUN" and not (
                self.has_cat(q, "EventNoun", "SigningNoun", "AgreementWord") or toks[q].fold in WEEKDAYS
                or toks[q].fold in MONTHS):
            return False    # (but "talks at the …", "a ceremony at the …", "the memorandum at the …", "am Montag im …")
        return q not in self.ent_at or self.ent_at[q].kind != "org"
