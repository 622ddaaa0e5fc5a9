"""Agreement frames: which agreements a text reports, and who, when, where and what.

An agreement word (from the agreement classes of the ontology and the lexicon) that a
signing or concluding verb asserts makes an agreement, unless the verb is planned or
negated ("are to sign", "soll unterzeichnet werden"): a planned agreement is a stated
cooperation instead. An agreement word with its own earlier date ("seit 2019", "of 2019")
is a background agreement. A definite reference ("das Memorandum", "the deal") or a signing
verb without an agreement word ("signed it") attaches to the agreement in focus.

Parties are the actors the signing sentence names as subjects or partners (not places, not
the affiliation of someone else), the actors that signatories act for, and group references
("beide Länder", "the two organisations") resolved to the actors mentioned before. Witnesses
are persons placed at the signing who did not sign ("im Beisein", "in the presence of",
"anwesend", "attended"). Dates keep the precision of the text; a date in the clause of a
reporting verb ("wie die Staatskanzlei am Montag mitteilte") dates the report, not the signing.
Topics come from the sentences about the agreement: the signing sentence, definite
back-references (a bare plural or indefinite noun is no reference), attributive participles
("das unterzeichnete Papier"), sentences whose subject is the parties as a group ("the two
sides also plan ..."), a pronoun sentence right after one of these, and a signatory's statement
in the paragraph of the signing. A concluding verb dated by a time expression that points back
("In that year the country landed a deal ...", "At that time the states agreed ...") makes a
background agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.dates import DateMention
from kg.extract.mentions import ARTICLES, DEFINITE, Mention

KIND_PRIORITY = ["memorandum", "declaration_of_intent", "treaty", "contract", "partnership", "agreement"]
BOUNDARY = {",", ";", ":", "–", "—", "(", ")"}
LOC_PREPS = {"in", "im", "aus", "from", "nach", "to", "into", "über", "via", "durch", "through", "across", "off",
             "near", "bei", "beim", "at", "within", "innerhalb", "outside", "außerhalb", "gegenüber", "towards",
             "richtung", "against", "gegen", "ins", "zum", "zur", "way"}
DETERMINERS = {"der", "die", "das", "den", "dem", "des", "the", "a", "an", "ein", "eine", "einer", "einen", "eines", "einem",
               "this", "these", "dieses", "diese", "dieser", "diesen", "diesem"}
PRONOUNS = {"they", "it", "sie", "es", "this", "these", "dies", "damit", "dabei", "darin", "hierbei"}


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


def compatible(kind_a: str, kind_b: str) -> bool:
    if kind_a == kind_b or "agreement" in (kind_a, kind_b):
        return True
    return {kind_a, kind_b} == {"memorandum", "declaration_of_intent"}


class FrameBuilder:
    def __init__(self, ctx):
        self.ctx = ctx     # pipeline.Analysis
        self.agreements: list[Agreement] = []
        self.current: Agreement | None = None
        self.planned: list[tuple[int, list[str]]] = []
        self.coop_statements: list[tuple[int, list[str], str | None]] = []

    # ------------------------------------------------------------------ helpers
    def lex_cats(self, i: int) -> set[str]:
        mt = self.ctx.lex_at.get(i)
        return mt.cats if mt else set()

    def clause_bounds(self, sent, i: int) -> tuple[int, int]:
        toks = self.ctx.tokens
        s = i
        while s > sent.start and toks[s - 1].text not in BOUNDARY:
            s -= 1
        e = i
        while e < sent.end and toks[e].text not in BOUNDARY:
            e += 1
        return s, e

    def is_planned(self, sent, verb: Mention) -> bool:
        toks = self.ctx.tokens
        s, _ = self.clause_bounds(sent, verb.start)
        lo = max(s, verb.start - 10)
        for k in range(lo, verb.start):
            cats = self.lex_cats(k)
            if "PlanCue" in cats or "NegationCue" in cats:
                # German perfect "haben ... vereinbart" is not a plan; "werden" after the verb is passive future
                return True
        # "to be signed", "unterzeichnet werden"
        after = [t.fold for t in toks[verb.end:min(sent.end, verb.end + 2)]]
        if after[:1] == ["werden"] or after[:1] == ["soll"] or after[:2] == ["werden", "soll"]:
            return True
        before = [t.fold for t in toks[max(sent.start, verb.start - 2):verb.start]]
        if before[-1:] == ["to"] and verb.text.lower() in ("sign", "conclude", "ink", "seal", "reach", "agree"):
            return True
        if before[-2:] == ["to", "be"]:
            return True
        return False

    def definite(self, w: Mention) -> bool:
        toks = self.ctx.tokens
        k = w.start - 1
        steps = 0
        while k >= 0 and steps < 4:
            f = toks[k].fold
            if f in DEFINITE:
                return True
            if f in ARTICLES or toks[k].text in BOUNDARY or toks[k].text in (".",):
                return False
            k -= 1
            steps += 1
        return False

    # ------------------------------------------------------------------ main
    def build(self) -> list[Agreement]:
        ctx = self.ctx
        for sent in ctx.sentences:
            self.sentence(sent)
        self.merge()
        for a in self.agreements:
            self.finish(a)
        self.agreements = [a for a in self.agreements if a.parties or a.signatories]
        for n, a in enumerate(self.agreements, 1):
            a.id = f"a{n}"
        return self.agreements

    def sentence(self, sent) -> None:
        ctx = self.ctx
        idx = sent.index
        words = [m for m in ctx.lex_mentions(sent) if "AgreementWord" in m.cats and not ctx.in_org(m.start)]
        verbs = [m for m in ctx.lex_mentions(sent) if m.cats & {"SigningVerb", "ConcludingVerb"}]
        live_verbs, planned_verbs, attributive = [], [], []
        for v in verbs:
            if self.is_attributive(sent, v):
                attributive.append(v)   # "das unterzeichnete Papier", "the signed deal": a reference
                continue
            (planned_verbs if self.is_planned(sent, v) else live_verbs).append(v)
        if live_verbs and self.anaphoric_background(sent, words, live_verbs):
            self.witnesses(sent)
            return
        strong = [w for w in words if not ctx.weak(w)]
        assigned: dict[int, list[Mention]] = {}
        for v in live_verbs:
            pool = strong or words
            if not pool:
                continue
            w = min(pool, key=lambda w: abs(w.start - v.start))
            assigned.setdefault(id(w), []).append(v)
        planned_words = set()
        for v in planned_verbs:
            pool = strong or words
            if pool:
                w = min(pool, key=lambda w: abs(w.start - v.start))
                if id(w) not in assigned:
                    planned_words.add(id(w))
        if planned_words or (planned_verbs and not live_verbs):
            actors = ctx.clause_actors(sent)
            if len(actors) >= 2:
                self.planned.append((idx, actors))
        handled = False
        # one agreement per sentence from the strongest asserted word; others are references
        asserted = [w for w in words if id(w) in assigned]
        if asserted:
            asserted.sort(key=lambda w: (ctx.weak(w), KIND_PRIORITY.index(ctx.kind(w))))
            # several asserted words of one clause describe one agreement (Absichtserklärung ... MoU)
            groups: list[list[Mention]] = []
            for w in sorted(asserted, key=lambda w: w.start):
                if groups and any(v in assigned[id(groups[-1][0])] for v in assigned[id(w)]):
                    groups[-1].append(w)
                else:
                    groups.append([w])
            toks = ctx.tokens
            for group in groups:
                verbs_of = [v for w in group for v in assigned[id(w)]]
                last = max(w.end for w in group)
                # "Absichtserklärung (sogenanntes Memorandum of Understanding)": the named form counts
                if last < sent.end and toks[last].text == "(":
                    for w in words:
                        if last < w.start <= last + 3 and w not in group:
                            group.append(w)
                self.assert_words(sent, group, verbs_of)
            handled = True
        else:
            refs = []
            for w in words:
                if id(w) in planned_words:
                    continue
                date = ctx.attached_date(w)
                named = w.text[:1].isupper() and w.start > sent.start
                if date is not None and date.kind in ("since", "absolute") and date.value and \
                        (self.has_modifier_actors(w) or (named and date.precision == "year")):
                    # "the U.S.-Japan Trade Agreement of 2019", "the Energy Charter of 1994": an older, named agreement
                    self.new_agreement(sent, [w], [], background_date=date)
                    handled = True
                elif date is not None and date.kind == "since" and date.value:
                    self.new_agreement(sent, [w], [], background_date=date)
                    handled = True
                elif self.definite(w):
                    # only a definite noun points back ("das Abkommen", "the deal"); a bare or
                    # indefinite one ("strategische Partnerschaften", "deepen cooperation") does not
                    refs.append(w)
            for w in refs:
                target = self.find_referent(w)
                if target:
                    # a sentence that names an older agreement is about that one's subject
                    self.touch(target, sent, topics=not handled)
                    self.refine_kind(target, w)
        cur = self.current
        if not handled and cur is not None and idx - cur.last <= 3 and (attributive or self.document_reference(sent)):
            self.touch(cur, sent)
        if not handled and live_verbs and cur is not None and (idx - cur.last <= 3 or self.same_parties(sent, cur)):
            signing = any("SigningVerb" in v.cats for v in live_verbs)
            self.assert_existing(cur, sent, live_verbs, signing=signing, with_parties=signing)
        if not handled and not live_verbs and cur is not None and idx - cur.last <= 2:
            if ctx.has_cat(sent, "SigningNoun") or ctx.witness_predicate(sent) or ctx.has_cat(sent, "WitnessPreposition") \
                    or self.signatory_statement(sent, cur):
                self.touch(cur, sent)
        cur = self.current
        if cur is not None and idx not in cur.sentences and self.continues(sent, cur):
            self.touch(cur, sent)
        self.witnesses(sent)
        self.cooperation_statement(sent, words)

    def continues(self, sent, a: Agreement) -> bool:
        """A sentence that goes on about the agreement in focus without naming it: its subject is
        the parties as a group ("The two sides also plan ...", "Die beiden Länder ...") or a pronoun
        right after a sentence about the agreement ("They include ...")."""
        ctx = self.ctx
        gap = sent.index - a.last
        if a.background or gap > 3:
            return False
        toks = ctx.tokens
        refs = [r for r in ctx.group_refs(sent) if r[1] == "actor" and r[0] - sent.start <= 3]
        if refs and len(a.parties) >= 2:
            return True
        if gap == 1 and toks[sent.start].fold in PRONOUNS and ctx.sentences[a.last].paragraph == sent.paragraph:
            return True
        return False

    def is_attributive(self, sent, v: Mention) -> bool:
        """A participle between an article and its noun: "das unterzeichnete Papier", "the signed deal"."""
        toks = self.ctx.tokens
        if v.end >= sent.end or v.start == sent.start or v.end - v.start > 1:
            return False
        nxt = self.ctx.lex_at.get(v.end)
        noun = bool(nxt and nxt.cats & {"AgreementWord", "DocumentWord"}) or \
            (self.ctx.lang == "de" and toks[v.end].is_title and v.end not in self.ctx.person_at)
        if not noun:
            return False
        prev = toks[v.start - 1]
        if prev.fold in DETERMINERS:
            return True
        return v.start - 2 >= sent.start and toks[v.start - 2].fold in DETERMINERS and prev.text[:1].islower()

    def document_reference(self, sent) -> bool:
        """A definite document word ("das Dokument", "the document") refers to the agreement in focus."""
        for m in self.ctx.lex_mentions(sent):
            if "DocumentWord" in m.cats and self.definite(m):
                return True
        return False

    def same_parties(self, sent, a: Agreement) -> bool:
        """A later sentence in which the same actors (or "die beiden Länder") agree on more."""
        if a.background or sent.index - a.last > 8:
            return False
        actors = self.ctx.clause_actors(sent)
        known = set(a.parties) | {self.ctx.person_info(p).get("affiliation") for p in a.signatories} - {None}
        return bool(actors) and len(known) >= 2 and set(actors) <= known

    def signatory_statement(self, sent, a: Agreement) -> bool:
        """A signatory's statement right after the signing is about the agreement ("Skrekas described
        the interconnection as ...")."""
        ctx = self.ctx
        persons = ctx.persons_in(sent)
        if not persons or persons[0].iri not in a.signatories:
            return False
        if ctx.sentences[a.last].paragraph not in (sent.paragraph, sent.paragraph - 1):
            return False
        return ctx.has_cat(sent, "ReportingVerb")

    def refine_kind(self, a: Agreement, w: Mention) -> None:
        """A generic agreement that the text later calls "the contract" or "the treaty" is one."""
        kind = self.ctx.kind(w)
        if a.kind == "agreement" and kind in ("contract", "treaty", "memorandum") and not self.ctx.weak(w):
            a.kind = kind

    def anaphoric_background(self, sent, words: list[Mention], verbs: list[Mention]) -> bool:
        """"In that year the country landed the deal ...", "At that time the states agreed ...":
        a concluding verb dated by a time expression that points back to an earlier date is an
        older (background) agreement, not the one in focus."""
        ctx = self.ctx
        cue = next((m for m in ctx.lex_mentions(sent) if "AnaphoricTime" in m.cats), None)
        if cue is None or self.current is None:
            return False
        if any(m.value for m in ctx.dates_by_sent.get(sent.index, []) if m.kind != "target"):
            return False
        date = None
        for prev in range(sent.index - 1, max(-1, sent.index - 3), -1):
            cands = [d for d in ctx.dates_by_sent.get(prev, []) if d.value and d.kind != "target"]
            if cands:
                date = cands[-1]
                break
        cur = self.current
        if date is None or (cur.date is not None and cur.date.value == date.value):
            return False
        strong = [w for w in words if not ctx.weak(w)]
        group = strong[:1]
        kind = ctx.kind(group[0]) if group else "agreement"
        a = Agreement("", kind, list(group), intro=sent.index, last=sent.index)
        a.title = ctx.title_for(group[0]) if group else None
        a.background = True
        a.date = date
        a.sentences.add(sent.index)
        a.confidence = 0.55
        for iri in ctx.clause_actors(sent):
            a.parties.setdefault(iri, "sentence")
        if len(a.parties) < 2:
            for iri in ctx.anaphoric_actors(sent, cur):
                a.parties.setdefault(iri, "reference")
        if len(a.parties) < 2:
            verb = min(v.start for v in verbs)
            for act in ctx.actors_by_sent.get(sent.index, []):
                if act.function == "loc" and act.start > verb and act.kind == "country":
                    a.parties.setdefault(act.iri, "loc")
                    break
        for t in ctx.topics_in(sent):
            a.topics[t] = a.topics.get(t, 0) + 1
        self.agreements.append(a)
        return True

    def has_modifier_actors(self, w: Mention) -> bool:
        return bool(self.ctx.modifier_actors(w))

    def find_referent(self, w: Mention) -> Agreement | None:
        kind = self.ctx.kind(w)
        if self.current and compatible(self.current.kind, kind):
            return self.current
        for a in reversed(self.agreements):
            if compatible(a.kind, kind):
                return a
        return None

    def group_kind(self, group: list[Mention]) -> str:
        """The most specific kind among the words of one agreement (weak words only if all are weak)."""
        ctx = self.ctx
        kinds = [ctx.kind(x) for x in group if not ctx.weak(x)] or [ctx.kind(x) for x in group]
        return sorted(kinds, key=KIND_PRIORITY.index)[0]

    def assert_words(self, sent, group: list[Mention], verbs: list[Mention]) -> None:
        ctx = self.ctx
        w = group[0]
        own = ctx.attached_date(w)
        kind = self.group_kind(group)
        definite = self.definite(w)
        cur = self.current
        if definite and cur is not None and compatible(cur.kind, kind) and \
                (own is None or cur.date is None or own.value == cur.date.value):
            self.assert_existing(cur, sent, verbs, signing=any("SigningVerb" in v.cats for v in verbs),
                                 with_parties=True, words=group)
            return
        self.new_agreement(sent, group, verbs)

    def new_agreement(self, sent, group, verbs, background_date: DateMention | None = None) -> Agreement:
        ctx = self.ctx
        kind = self.group_kind(group)
        a = Agreement("", kind, list(group), intro=sent.index, last=sent.index)
        a.weak = all(ctx.weak(x) for x in group)
        a.title = ctx.title_for(group[0])
        self.agreements.append(a)
        if background_date is not None:
            a.background = True
            a.date = background_date
            for iri in ctx.modifier_actors(group[0]):
                a.parties.setdefault(iri, "modifier")
            for iri in ctx.clause_actors(sent):
                a.parties.setdefault(iri, "sentence")
            for t in ctx.topics_near(sent, group[0]):
                a.topics[t] = a.topics.get(t, 0) + 1
            a.sentences.add(sent.index)
            a.confidence = 0.6
            return a
        self.current = a
        self.assert_existing(a, sent, verbs, signing=any("SigningVerb" in v.cats for v in verbs),
                             with_parties=True, words=group)
        own = ctx.attached_date(group[0])
        if own is not None and own.value and own.kind in ("since",) and a.date is None:
            a.date = own
            a.background = True
        elif own is not None and own.value and a.date is not None and own.precision == "year" \
                and a.date.value != own.value and len(self.agreements) > 1:
            a.background = True
        return a

    def touch(self, a: Agreement, sent, topics: bool = True) -> None:
        a.sentences.add(sent.index)
        a.last = max(a.last, sent.index)
        if not a.background:
            self.current = a
        for t in (self.ctx.topics_in(sent) if topics else ()):
            a.topics[t] = a.topics.get(t, 0) + 1

    def assert_existing(self, a: Agreement, sent, verbs, signing: bool, with_parties: bool, words=None) -> None:
        ctx = self.ctx
        self.touch(a, sent)
        if words and not a.title:
            a.title = ctx.title_for(words[0])
        verb_pos = min((v.start for v in verbs), default=sent.start)
        # date
        if a.date is None or (a.date.precision != "day" and not a.background):
            d = ctx.best_date(sent, near=verb_pos)
            if d is None and signing:
                for other in (sent.index - 1, sent.index + 1):
                    if 0 <= other < len(ctx.sentences):
                        d2 = ctx.best_date(ctx.sentences[other], near=None, strict=True)
                        if d2 is not None:
                            d = d2
                            break
            if d is not None and (a.date is None or _finer(d, a.date)):
                a.date = d
        # place
        if a.place is None and signing:
            p = ctx.place_in(sent)
            if p:
                a.place, a.place_iri = p
        # signatories
        persons = ctx.signer_candidates(sent, verbs, concluding_only=not signing)
        for pm in persons:
            if pm.iri in a.witnesses:
                continue
            a.signatories.setdefault(pm.iri, {"mention": pm})
            a.evidence.append(("signatory", pm.iri, sent.index, 0.8))
        # parties
        if with_parties:
            cands = ctx.party_candidates(sent, words or [])
            # a group reference ("die vier Provinzen") adds all its members, unless the parties are known
            known = len(a.parties) + sum(1 for iri, how in cands if how != "group" and iri not in a.parties)
            for iri, how in cands:
                if how == "group" and known >= 2:
                    continue
                a.parties.setdefault(iri, how)
                a.evidence.append(("party", iri, sent.index, 0.75 if how == "sentence" else 0.85))

    def witnesses(self, sent) -> None:
        ctx = self.ctx
        a = self.current
        if a is None:
            return
        gap = sent.index - a.last
        if gap > 3 or (gap > 2 and ctx.sentences[a.last].paragraph != sent.paragraph):
            return
        found = ctx.witness_candidates(sent)
        for pm in found:
            if pm.iri in a.signatories:
                if ctx.after_witness_prep(sent, pm):
                    del a.signatories[pm.iri]
                else:
                    continue
            a.witnesses.add(pm.iri)
            a.evidence.append(("witness", pm.iri, sent.index, 0.75))
        if found:
            a.sentences.add(sent.index)
            a.last = max(a.last, sent.index)

    def cooperation_statement(self, sent, words) -> None:
        ctx = self.ctx
        if not ctx.has_cat(sent, "CooperationCue"):
            return
        if ctx.has_cat(sent, "ReportingVerb") and any(self.definite(w) for w in words):
            return   # "Bekanntgegeben haben das Bündnis drei Ministerien gemeinsam": announcers, not partners
        actors = ctx.clause_actors(sent)
        if 2 <= len(actors) <= 5:
            topics = ctx.topics_in(sent)
            self.coop_statements.append((sent.index, actors, topics[0] if topics else None, ctx.with_split(sent)))

    # ------------------------------------------------------------------ post-processing
    def merge(self) -> None:
        """Two reports of one signing close together (an 'agreement' and the MoU it is) become one."""
        out: list[Agreement] = []
        for a in self.agreements:
            target = None
            for b in reversed(out):
                if b.background or a.background:
                    continue
                if a.intro - b.intro > 2 and not (set(a.signatories) & set(b.signatories)):
                    continue
                if not compatible(a.kind, b.kind) and not (a.weak or b.weak or "agreement" in (a.kind, b.kind)):
                    continue
                if a.date and b.date and a.date.value != b.date.value:
                    continue
                if a.date is not None and a.date.kind == "relative" and b.date is None:
                    continue
                pa, pb = set(a.parties), set(b.parties)
                sa, sb = set(a.signatories), set(b.signatories)
                if (sa & sb) or (pa and pb and (pa <= pb or pb <= pa)) or (not pa or not pb):
                    target = b
                    break
            if target is None:
                out.append(a)
                continue
            b = target
            kinds = sorted([b.kind, a.kind], key=KIND_PRIORITY.index)
            if b.weak and not a.weak:
                b.kind = a.kind
            else:
                b.kind = kinds[0] if kinds[0] != "agreement" or b.kind == "agreement" else b.kind
            b.weak = b.weak and a.weak
            b.words += a.words
            b.title = b.title or a.title
            b.date = b.date if b.date and (a.date is None or not _finer(a.date, b.date)) else a.date
            b.place = b.place or a.place
            b.place_iri = b.place_iri or a.place_iri
            for k, v in a.parties.items():
                b.parties.setdefault(k, v)
            for k, v in a.signatories.items():
                b.signatories.setdefault(k, v)
            b.witnesses |= a.witnesses
            for t, n in a.topics.items():
                b.topics[t] = b.topics.get(t, 0) + n
            b.sentences |= a.sentences
            b.last = max(a.last, b.last)
            b.evidence += a.evidence
            if self.current is a:
                self.current = b
        self.agreements = out

    def finish(self, a: Agreement) -> None:
        ctx = self.ctx
        # signatories: roles and whom they act for
        for iri, info in list(a.signatories.items()):
            if iri in a.witnesses:
                del a.signatories[iri]
                continue
            p = ctx.person_info(iri)
            info["role"] = p.get("role")
            info["on_behalf_of"] = p.get("affiliation")
            if info["on_behalf_of"]:
                a.parties.setdefault(info["on_behalf_of"], "signatory")
        ctx.prune_parties(a)
        if len(a.parties) < 2 and not a.background:
            for iri in ctx.lede_actors(before=a.intro):
                if iri not in a.parties:
                    a.parties[iri] = "lede"
                if len(a.parties) >= 2 and all(s.get("on_behalf_of") for s in a.signatories.values()):
                    break
            ctx.prune_parties(a)
        # signatories without a side: the party no other signatory stands for
        covered = {s.get("on_behalf_of") for s in a.signatories.values() if s.get("on_behalf_of")}
        free = [p for p in a.parties if p not in covered]
        if any(not s.get("on_behalf_of") for s in a.signatories.values()) and not a.background:
            extra = [p for p in ctx.lede_actors(before=a.intro) if p not in a.parties]
            extra = ctx.drop_region_parents(extra, list(a.parties))
            if extra and all(a.parties[p] in ("group", "side", "modifier") for p in free):
                free = extra + free
        previous = None
        for iri, info in a.signatories.items():
            if not info.get("on_behalf_of") and free:
                info["on_behalf_of"] = free.pop(0)
                a.parties.setdefault(info["on_behalf_of"], "signatory")
                ctx.set_affiliation(iri, info["on_behalf_of"])
            elif not info.get("on_behalf_of") and previous:
                # listed with a co-signer and no side of its own: the co-signer's side
                info["on_behalf_of"] = previous
                ctx.set_affiliation(iri, previous)
            previous = info.get("on_behalf_of") or previous
        if a.place is None and not a.background and a is self.agreements[0] and ctx.dateline:
            a.place, a.place_iri = ctx.dateline
        if not a.topics and not a.background:
            intro = ctx.sentences[a.intro]
            for s in ctx.sentences:
                if s.paragraph == intro.paragraph or s.index == 0:
                    for t in ctx.topics_in(s):
                        a.topics[t] = a.topics.get(t, 0) + 1
        topics = sorted(a.topics.items(), key=lambda x: -x[1])
        a.topics = dict(topics)
        if a.date is None:
            a.confidence -= 0.1
        if len(a.parties) < 2:
            a.confidence -= 0.2


def _finer(a: DateMention, b: DateMention) -> bool:
    order = {"day": 3, "month": 2, "year": 1}
    return order.get(a.precision, 0) > order.get(b.precision, 0)
