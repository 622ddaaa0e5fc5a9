"""Everything the extractor knows about one document before it looks for agreements.

:class:`Analysis` runs the stages in order and keeps their results for the frame stage:
normalisation, tokens and sentences, the linguistic layer (lemmas, parts of speech), document
structure (headline, dateline, byline), names and lexicon words, persons and organizations
found by patterns, dates, clauses, person roles, actor mentions and topics per sentence.
"""

from __future__ import annotations

import functools

import re

from kg.extract.actors import ActorMention, find_actors
from kg.extract.dates import DateMention, find_dates
from kg.extract.document import Document
from kg.extract.gazetteer import Gazetteer
from kg.extract.linguistic import annotate
from kg.extract.linking import Linker
from kg.extract.mentions import Matcher, Mention
from kg.extract.normalize import normalize
from kg.extract.predicates import Predicate, find_predicates
from kg.extract.roles import PersonInfo, resolve_roles, role_references
from kg.extract.sentences import Sentence, split_sentences
from kg.extract.structure import document_structure, name_lines
from kg.extract.syntax import Syntax
from kg.extract.tokens import Token, fold, tokenize
from kg.extract.topics import HYPHENS, TopicMatcher, annotation_topics

_MATCHERS: dict[str, Matcher] = {}
# English tags (CLAWS) of a word that opens a subordinate clause: conjunction ("after", "because"),
# wh-adverb ("when", "where"), "that"
SUBORDINATOR_TAGS = frozenset({"CJS", "AVQ", "CJT"})


def matcher_for(gaz: Gazetteer) -> Matcher:
    m = _MATCHERS.get(gaz.sources_hash)
    if m is None:
        m = _MATCHERS[gaz.sources_hash] = Matcher(gaz)
    return m


def guess_language(text: str) -> str:
    """'de' or 'en', by counting frequent function words."""
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", text[:5000].lower())
    de = sum(w in {"der", "die", "das", "und", "ist", "mit", "von", "den", "nicht", "sich", "eine", "für", "auf"} for w in words)
    en = sum(w in {"the", "and", "is", "of", "with", "to", "that", "for", "on", "was", "by", "an", "has"} for w in words)
    return "de" if de > en else "en"


AGREEMENT_CUES = {"AgreementWord", "DocumentWord", "SigningVerb", "ConcludingVerb", "SigningNoun"}
EXPANSION_REACH = 8   # tokens after a lex:ExpansionNoun that its object may span ("Ausbau von Wind- und Solarstrom in dem Land")
_NO_CATS: frozenset[str] = frozenset()


class Analysis:
    """The analysed document: tokens with lemmas, names, persons, dates, clauses, actors, topics."""

    def __init__(self, doc: Document, gaz: Gazetteer):
        self.doc, self.gaz = doc, gaz
        self.lang = doc.language or guess_language(doc.text)
        self.matcher = matcher_for(gaz)
        self.text = normalize(doc.text, gaz.given_names, self.matcher.company_parts)
        self.tokens: list[Token] = tokenize(self.text, self.lang)
        self.sentences: list[Sentence] = split_sentences(self.text, self.tokens, self.matcher.dotted_forms)
        spans = [(s.start, s.end) for s in self.sentences]
        annotate(self.tokens, self.lang, spans, gaz)
        self.sent_of = [0] * len(self.tokens)
        for s in self.sentences:
            for k in range(s.start, s.end):
                self.sent_of[k] = s.index
        self.mentions: list[Mention] = self.matcher.phrases(self.tokens, self.lang)
        self.linker = Linker(gaz, self.matcher, self.tokens, self.mentions, self.lang)
        # the lexicon word and the entity name at each token: the linker's tables, made from the
        # same mentions in the same way (one pass, one table); the entity table loses the known
        # one-word companies that are a person's family name (drop_surname_orgs, below), before
        # the organisations are found
        self.lex_at: dict[int, Mention] = self.linker.lex_at
        self._entity_at: dict[int, Mention] = self.linker.ent_at
        self.structure = document_structure(self)
        self.linker.find_persons(self.sentences)
        name_lines(self, self.structure, self.linker.person_mentions)
        self.person_mentions: list[Mention] = [p for p in self.linker.person_mentions if p.start not in self.structure.skip]
        self.person_at: dict[int, Mention] = {k: pm for pm in self.person_mentions for k in range(pm.start, pm.end)}
        self.linker.drop_surname_orgs(self.person_at)
        self.org_mentions: list[Mention] = self.linker.find_orgs(self.sentences)
        self._org_at: dict[int, Mention] = {k: om for om in self.org_mentions for k in range(om.start, om.end)}
        self.governments = {k for k, m in self.lex_at.items() if "GovernmentNoun" in m.cats}
        names = {k for m in self.mentions if m.kind != "lex" for k in range(m.start, m.end)}
        names |= set(self.person_at) | set(self._org_at)
        self.dates: list[DateMention] = find_dates(self.text, self.lang, doc.published, seasons=self.gaz.seasons())
        in_dates = set()
        for d in self.dates:
            k = self.tok_at(d.start)
            while k < len(self.tokens) and self.tokens[k].start < d.end:
                if self.tokens[k].start >= d.start:
                    in_dates.add(k)
                k += 1
        self.date_tokens: set[int] = in_dates
        for k in set(self.person_at) | set(self._org_at) | in_dates:
            tok = self.tokens[k]
            if tok.pos in ("VERB", "AUX"):   # "Salim bin Nasser", "on 3 May 2023": a word of a name or date is no verb
                tok.pos, tok.tag = "PROPN", ("NE" if self.lang == "de" else "NP0")
        roles = {k for k, m in self.lex_at.items() if m.start == k and m.cats & {"RoleTitle", "Counterpart"}}
        self.syntax = Syntax(self.tokens, spans, self.lang, joiners=names, governments=self.governments, roles=roles,
                             skip=self.structure.skip, gaz=gaz)
        self.name_start_by_end: dict[int, int] = {}
        for m in list(self.mentions) + self.org_mentions + self.person_mentions:
            if m.kind != "lex":
                self.name_start_by_end.setdefault(m.end, m.start)
        self.actor_start_by_end: dict[int, int] = {}
        for m in list(self.mentions) + self.org_mentions:
            if m.kind in ("country", "region", "org", "place"):
                self.actor_start_by_end.setdefault(m.end, m.start)
        self.predicates: list[Predicate] = find_predicates(self)
        self._partner_names()
        self.persons: dict[str, PersonInfo] = resolve_roles(self)
        self.role_tokens: set[int] = self._role_tokens()
        for ref in role_references(self):
            self.person_mentions.append(ref)
            for k in range(ref.start, ref.end):
                self.person_at[k] = ref
                self.role_tokens.discard(k)
        self.person_mentions.sort(key=lambda m: m.start)
        self.actors: list[ActorMention] = find_actors(self)
        for a in self.actors:   # "the Kazakh utility X", "das chilenische Energieministerium": its home
            if a.function == "orgmod" and a.head is not None and a.kind == "country":
                org = self._org_at.get(a.head) or (self._org_at.get(a.head + 1) if a.head + 1 < len(self.tokens) else None)
                if org is not None and org.iri in self.linker.orgs and not self.linker.orgs[org.iri].country:
                    self.linker.orgs[org.iri].country = a.iri
        for info in self.persons.values():
            # "Qatar's Minister of State for Energy Affairs and CEO of Kappa Energy": a member of a
            # state's government who also heads an organisation heads one of that state's
            body = self.linker.orgs.get(info.second_body) if info.second_body else None
            if body is not None and not body.country and not body.known and info.sector == "government" \
                    and info.affiliation and self.kind_of(info.affiliation) == "country":
                body.country = info.affiliation
        self.actors_by_sent: dict[int, list[ActorMention]] = {}
        for a in self.actors:
            self.actors_by_sent.setdefault(a.sent, []).append(a)
        self.topic_hits = self._topics()

    def _partner_names(self) -> None:
        """Unknown capitalised names that are partners of a signing are organizations: after
        "with"/"mit" ("signed a memorandum with Deltaport Niederrhein"), in a list after
        "between"/"zwischen"/"by"/"von" or with known partners ("with Peru, Xlinkor and
        Stegrova"), as the subject right before the verb ("Xlinks has signed …", "Xlinkor and
        Stegrova signed", also after a dateline: "Houston – Xlinks has signed") and, in German,
        right after it ("unterzeichneten Xlinkor und Stegrova einen Vertrag") or opening the
        clause before the finite auxiliary of its participle ("Xlinkor hat … unterzeichnet").
        Persons, known names, lexicon words and given names are never taken."""
        toks = self.tokens
        new: list[Mention] = []

        descriptors = self.linker.descriptor_words

        def take(span) -> None:
            # a hyphenated description opens the run, no part of the name: "Seattle-based Zentrox signed"
            while span is not None and span[1] > span[0] + 1 and "-" in toks[span[0]].text \
                    and fold(toks[span[0]].text.rsplit("-", 1)[-1]) in descriptors:
                span = (span[0] + 1, span[1])
            if span is not None and span[1] == span[0] + 1 and "-" in toks[span[0]].text \
                    and fold(toks[span[0]].text.rsplit("-", 1)[-1]) in descriptors:
                return   # "with the Oslo-based utility": a description alone names no company
            if span is not None and not any(m.start < span[1] and span[0] < m.end for m in new):
                name = self.linker.nominative_name(span[0], span[1], " ".join(t.text for t in toks[span[0]:span[1]]))
                new.append(Mention(span[0], span[1], "org", None, "pattern", name, data={"how": "partner"}))

        for p in self.predicates:
            if p.kind not in ("sign", "conclude") or not p.asserted:
                continue
            for k in sorted(p.tokens):
                f = toks[k].fold
                side = self._side_phrase_end(k)
                if side is not None and side in p.tokens:
                    e = self._unknown_name_end(side, p)
                    if e is not None:
                        take((side, e))     # "on behalf of Zentrox", "im Namen der Zentrox"
                    continue
                if f == fold("für") and self.lang == "de" and k + 1 < len(toks):
                    span = self._side_name(k + 1, p)
                    if span is not None:
                        take(span)      # "Für Zentrox unterschrieb Konzernchef …", "Die Unterschrift für Zentrox leistete …"
                    continue
                if f not in ("with", "mit", "between", "zwischen", "by", "von") or k + 1 >= len(toks):
                    continue
                if f in ("with", "mit"):
                    s = k + 1
                    while s < len(toks) and toks[s].pos == "DET":
                        s += 1
                    adj = self._adjective_name(s, p)
                    if adj is not None:
                        take((s, adj))      # "mit dem Bayerischen Stromverbund"
                        continue
                    e = s
                    while e < len(toks) and e in p.tokens and toks[e].is_title and not self._lexicon_word(e, {"NotAName", "ProjectWord"}) \
                            and e not in self._entity_at and e not in self._org_at and e not in self.person_at and e - s < 5:
                        e += 1
                        if e + 1 < len(toks) and toks[e].text == "&" and toks[e + 1].is_title and e + 1 in p.tokens \
                                and e + 1 not in self._entity_at and e + 1 not in self._org_at:
                            e += 1      # "with Larsen & Toubro": one company
                    if any("ProjectWord" in self.cats(x) for x in range(s, e)) and not self.cats(e - 1) & {"OrgNameWord", "OrgHead"}:
                        continue    # "with the Kappa Pipeline": a project; "with Green Valley Ammonia": a company
                    if e > s and (e >= len(toks) or not toks[e].is_title) and not all(toks[x].pos == "NOUN" for x in range(s, e)):
                        take((s, e))
                if f in ("by", "von") and p.voice != "passive":
                    continue
                runs, _, known = self._partner_list(k + 1, p)
                if runs and (known or len(runs) >= 2 or f in ("between", "zwischen", "by")):
                    for r in runs:
                        take(r)
            if p.voice == "active" and not p.noun:
                for r in self._subject_names(p):
                    take(r)
                if self.lang == "de" and p.head + 1 < len(toks) and toks[p.head].pos in ("VERB", "AUX"):
                    for r in self._names_after_verb(p.head, p):
                        take(r)
        for p in self._deal_predicates():
            self._deal_partners(p, take)
        if new:
            self.linker.add_orgs(new)
            self.org_mentions = sorted(self.org_mentions + new, key=lambda m: m.start)
            for om in new:
                for k in range(om.start, om.end):
                    self._org_at[k] = om
                # the names found here end coordination chains too ("with Scatec, Fortescue and Masdar")
                self.name_start_by_end.setdefault(om.end, om.start)
                self.actor_start_by_end.setdefault(om.end, om.start)

    def _deal_predicates(self) -> list[Predicate]:
        """The verbs that tell a deal without an agreement word (lex:DealVerb: "kauft", "sold",
        "acquired", "beauftragte", "completed the merger"), as predicates of their clause: their
        arguments are the sides of the deal (frames.agreement_mentions._deal_mentions)."""
        from kg.extract.frames.agreement_mentions import _deal_entry, _of_category
        from kg.extract.predicates import _mode, _voice

        toks = self.tokens
        out: list[Predicate] = []
        heads = {p.head for p in self.predicates}
        for k in sorted(self.lex_at):
            lexm = self.lex_at[k]
            if lexm.start != k or "DealVerb" not in lexm.cats:
                continue
            k = next((j for j in range(lexm.start, lexm.end) if toks[j].pos in ("VERB", "AUX")), k)
            if toks[k].pos != "VERB" or k in heads or k in self._org_at or k in self.person_at:
                continue
            clause = self.syntax.clause_of[k]
            p = Predicate("conclude", k, self.sent_of[k], clause)
            p.tokens = set(self.syntax.clauses[clause].tokens)
            entry = _deal_entry(self, lexm.start, p.tokens)
            if entry is None or entry.object and not any(_of_category(self, j, entry.object) for j in p.tokens if j != k):
                continue   # "the pipeline is to be completed": no merger, no deal told
            p.mode = _mode(self, p)
            p.voice = _voice(self, p)
            if p.mode != "negated":
                out.append(p)
        return out

    def _deal_partners(self, p: Predicate, take) -> None:
        """Unknown names in the argument slots of a deal verb are organizations, as in those of a
        signing (_partner_names): the subject ("Zentrox kaufte …", "Zentrox and Kappa completed
        the merger", also after an English clause opener: "when Zentrox bought …"), the names
        after its with-, source and recipient prepositions ("bought the plant from Zentrox",
        "verkauft das Geschäft an Zentrox", "erwarb 20 Prozent von Zentrox") and after a stake
        word's target preposition ("a 20 percent stake in Zentrox", "25 Prozent an Zentrox"); in
        German the names right after the clause's finite verb or auxiliary ("2020 verkaufte
        Zentrox den Park an …"), in English the object of a verb of commissioning ("commissioned
        Zentrox to build"). Persons, known names, lexicon words, given names and German hyphen
        compounds ending in a common noun are never taken (_unknown_name_end, _common_compound)."""
        toks = self.tokens
        gaz = self.gaz

        def put(span) -> None:
            if not self._common_compound(span[0]):
                take(span)

        preps = gaz.words("SourcePreposition") | gaz.words("RecipientPreposition") | {"with", "mit"}
        stake_preps = gaz.words("StakeTargetPreposition")
        supplier = self.lang == "de" and self._buys_or_orders(p)
        for k in sorted(p.tokens):
            if k + 1 >= len(toks) or self.lang == "en" and k < p.head:
                continue
            f = toks[k].fold
            if not (f in preps or f in stake_preps and any("StakeWord" in self.cats(j) for j in range(max(k - 3, 0), k))
                    or supplier and f == "bei"):
                continue   # (the supplier of a German purchase or order: "hatte bei Zentrox Turbinen bestellt")
            runs, _, _ = self._partner_list(k + 1, p)
            if not runs and f == "bei":
                runs = self._name_before_noun(k + 1, p)
            for r in runs:
                if not (f in ("with", "mit") and all(toks[x].pos == "NOUN" for x in range(*r))):
                    put(r)   # (as after the with-phrase of a signing: not "mit Konvertern für die Leitung")
        if p.voice != "active":
            return
        for r in self._subject_names(p):
            put(r)
        if self.lang == "de":
            # the names right after the finite verb or auxiliary of a German clause, its subject
            # or object after a fronted phrase ("2020 verkaufte Zentrox den Park an …", "hatten
            # Zentrox und Kappa die Fusion vollzogen", "beauftragte Zentrox mit dem Bau")
            for v in sorted(p.tokens):
                if toks[v].pos not in ("VERB", "AUX") or "FIN" not in (toks[v].tag or "") and v != p.head or v + 1 not in p.tokens:
                    continue
                for r in self._names_after_verb(v, p, share=True):
                    put(r)   # (a share after it: "2019 hatte Zentrox 37 Prozent an … übernommen")
        elif p.head + 1 < len(toks) and self._object_is_party(p.head):
            # the English object right after a verb of commissioning: "commissioned Zentrox to build"
            # (not of selling or buying: "agreed to buy LNG from …")
            s = p.head + 1
            while s < len(toks) and toks[s].pos == "DET":
                s += 1
            runs, _, _ = self._partner_list(s, p)
            for r in runs:
                put(r)

    def _name_before_noun(self, s: int, p: Predicate) -> list[tuple[int, int]]:
        """German: one or two words no tagger knows right before a common noun the German tagger
        knows, the thing traded ("bei Zentrox Turbinen bestellt", "bei Zentrox Mengen gekauft"):
        the name ends before the noun."""
        from kg.extract.linking import word_class

        toks = self.tokens
        e = s
        while e < len(toks) and e - s < 2 and e in p.tokens and toks[e].is_title and len(toks[e].text) >= 3 \
                and e not in self._entity_at and e not in self._org_at and e not in self.person_at \
                and not self.cats(e) and toks[e].fold not in self.gaz.given_names \
                and all(word_class(lg, toks[e].text) == "unknown" for lg in ("de", "en")):
            e += 1
        if e == s or e >= len(toks) or e not in p.tokens or toks[e].pos != "NOUN" or word_class("de", toks[e].text) != "noun":
            return []
        return [(s, e)]

    def _buys_or_orders(self, p: Predicate) -> bool:
        """The deal verb of p is a German one of buying or ordering (lex:SupplierVerb: "kaufen",
        "bestellen"; not "übernehmen": "bei X die Führung übernehmen") in a deal entry that needs no
        object of its own category: its "bei" names the supplier ("hat bei Zentrox Gas gekauft"), as
        frames.agreement_mentions._german_other_side reads it."""
        from kg.extract.frames.agreement_mentions import _deal_entry

        t = self.tokens[p.head]
        lemma = fold(t.lemma or t.text)
        if t.particle >= 0 and not lemma.startswith(self.tokens[t.particle].fold):
            lemma = self.tokens[t.particle].fold + lemma   # "kaufte … ein"
        if lemma not in self.gaz.words("SupplierVerb"):
            return False
        lexm = self.lex_at.get(p.head)
        entry = _deal_entry(self, lexm.start, p.tokens) if lexm is not None else None
        return entry is not None and not entry.object and not entry.object_party

    def _subject_names(self, p: Predicate) -> list[tuple[int, int]]:
        """The unknown names that are the subject of an active predicate: one name or a list right
        before its verb (also after an English clause opener), or before a German perfect's
        auxiliary (_subject_name, _subject_list, _perfect_subject)."""
        span = self._subject_name(p, opener=True)
        return ([span] if span is not None else []) + self._subject_list(p, opener=True) + list(self._perfect_subject(p))

    def _names_after_verb(self, v: int, p: Predicate, share: bool = False) -> list[tuple[int, int]]:
        """The unknown names right after the German verb or auxiliary at token v, when an article,
        preposition, adverb or punctuation ends them (with ``share``, also a number: "hatte Zentrox
        37 Prozent …"): the subject or object of a clause with a fronted phrase ("Am Montag
        unterzeichneten Zentrox und Kappa …")."""
        toks = self.tokens
        runs, end, _ = self._partner_list(v + 1, p)
        ends = ("DET", "ADP", "ADV", "PUNCT", "NUM") if share else ("DET", "ADP", "ADV", "PUNCT")
        if runs and end < len(toks) and (toks[end].pos in ends or toks[end].fold in ("ein", "eine", "einen", "am")):
            return runs
        return []

    def _object_is_party(self, k: int) -> bool:
        """The deal verb at token k is one whose object is the other side (lex:objectIsParty:
        "commission", "hire", "beauftragen")."""
        lexm = self.lex_at.get(k)
        return lexm is not None and any(x is not None and x.category == "DealVerb" and x.object_party
                                        for x in (self.gaz.lexicon.get(i) for i in lexm.data.get("lex", [])))

    def _clause_opener(self, k: int) -> bool:
        """Token k is an English word that opens a subordinate clause (a subordinating conjunction,
        a wh-adverb, "that": CLAWS CJS, AVQ, CJT): the subject follows it ("when Zentrox bought its
        half", "after Zentrox acquired a stake"); or it ends a time phrase that opens the sentence
        with no comma after it, before the subject ("Earlier this year Zentrox bought", "In April
        Zentrox agreed")."""
        if self.lang != "en":
            return False
        if self.tokens[k].tag in SUBORDINATOR_TAGS:
            return True
        d = self.dates_at(k)
        if d is None or k + 1 < len(self.tokens) and self.dates_at(k + 1) is d:
            return False
        j = self.sentences[self.sent_of[k]].start
        while j < k and (j in self.structure.skip or self.tokens[j].pos == "ADP"):
            j += 1
        return self.dates_at(j) is d

    def _common_compound(self, k: int) -> bool:
        """Token k is a hyphenated compound whose last part the tagger knows as a common noun: a
        thing or place, no coined name ("an den Offshore-Blöcken 4 und 9", "am
        Offshore-Windpark X")."""
        from kg.extract.linking import word_class

        text = self.tokens[k].text
        return "-" in text and self.lang == "de" and word_class("de", text.rsplit("-", 1)[-1]) == "noun"

    def _side_name(self, s: int, p: Predicate) -> tuple[int, int] | None:
        """German: the unknown name after "für" (past an article) that a finite verb of the signing
        follows right away, the side a signer acts for in verb-second order ("Für Zentrox
        unterschrieb Konzernchef …", "Für Zentrox setzte … seine Unterschrift", "Die Unterschrift
        für Zentrox leistete …"); not a name followed by more words ("für Zentrox Solar ein Abkommen")."""
        toks = self.tokens
        while s < len(toks) and toks[s].pos == "DET":
            s += 1
        e = self._unknown_name_end(s, p) if s < len(toks) else None
        if e is None or e >= len(toks) or e not in p.tokens or toks[e].pos not in ("VERB", "AUX") \
                or "FIN" not in (toks[e].tag or ""):
            return None
        return (s, e)

    def _side_phrase_end(self, k: int) -> int | None:
        """The token after a phrase at k that names the side someone acts for (lex:SidePreposition:
        "on behalf of", "im Namen der"), past an article; None if none starts at k."""
        toks = self.tokens
        n = len(toks)
        first = toks[k].fold     # (the cheap test first: the phrase's first word)
        e = next((k + len(words) for words in self.gaz.word_lists.get("SidePreposition", ())
                  if words[0] == first and k + len(words) < n and tuple(t.fold for t in toks[k:k + len(words)]) == words),
                 None)
        if e is None:
            return None
        while e < n and toks[e].pos == "DET":
            e += 1
        return e if e < n else None

    def _subject_name(self, p: Predicate, end: int | None = None, opener: bool = False) -> tuple[int, int] | None:
        """An unknown name that is the subject right before a signing verb ("Xlinks has signed a
        memorandum with …", "Stegra unterzeichnete …"), or before the token ``end`` (a German
        finite auxiliary, see _perfect_subject): a run of one to three capitalised words the tagger
        does not know as common words, at the start of the clause, after a dateline, a comma or
        "and" (with ``opener``, also after an English word that opens a subordinate clause: "when
        Zentrox bought …"); never a person, a known name, a lexicon word or a given name."""
        from kg.extract.linking import word_class

        toks = self.tokens
        e = p.head if end is None else end
        while end is None and e - 1 >= 0 and toks[e - 1].pos == "AUX" and p.head - e < 2:
            e -= 1
        s = e
        while s - 1 >= 0 and e - s < 3 and toks[s - 1].is_title and (s - 1) in p.tokens:
            s -= 1
        if s == e:
            return None
        adjective = s + 1 < e and toks[s].pos == "DET" and self._adjective_name(s + 1, p) == e
        if adjective or self._adjective_name(s, p) == e:
            s += adjective  # "Die Deutsche Umwelthilfe hat …": a name a capitalised adjective opens
            adjective = True
        before = toks[s - 1] if s > 0 else None
        if before is not None and self.sent_of[s - 1] == self.sent_of[s] and self.lang == "de" \
                and before.pos == "DET" and (s - 2 < 0 or self.sent_of[s - 2] == self.sent_of[s]) \
                and not (s - 2 < 0 or toks[s - 2].text in (",", ";", ":") or self.sent_of[s - 2] != self.sent_of[s]):
            return None     # "… in der Ostsee unterzeichnet": a German clause ends in its verb, the name before is no subject
        if before is not None and not (before.text in (",", ";", ":") or before.fold in ("and", "und", "the", "die", "der", "das")
                                       or self.sent_of[s - 1] != self.sent_of[s] or (s - 1) in self.structure.skip
                                       or opener and self._clause_opener(s - 1)):
            return None     # (a dateline opens the sentence: "Houston – Zentrox has signed …")
        if self.lang == "de" and e < len(toks) and e == p.head and toks[e].fold.startswith("ge") and before is not None \
                and before.pos != "DET" and self.sent_of[s - 1] == self.sent_of[s] and before.text not in (",", ";", ":"):
            return None
        if adjective:
            return (s, e)
        lang = self.lang if self.lang in ("de", "en") else "en"
        company_end = bool(self.cats(e - 1) & {"OrgNameWord", "OrgHead"}) and e - s >= 2 \
            and not all(self.cats(k) & {"OrgNameWord", "OrgHead"} for k in range(s, e))
        for k in range(s, e):
            t = toks[k]
            if lang == "en" and company_end and k < e - 1 and t.pos in ("NOUN", "PROPN") \
                    and (word_class(lang, t.text) == "noun" and not self.cats(k) or self.cats(k) == {"ProjectWord"}) \
                    and k not in self._entity_at and k not in self._org_at and k not in self.person_at and k not in self.structure.skip:
                continue    # "Octopus Energy signed", "Green Valley Ammonia signed": a common noun written capital
                # (a project word too) before a word of company names
            if k in self._entity_at or k in self._org_at or k in self.person_at or k in self.structure.skip \
                    or self._lexicon_word(k) or t.fold in self.gaz.given_names:
                return None
            if not (t.text.isupper() and len(t.text) > 1 or word_class(lang, t.text) in ("name", "unknown")
                    or self.cats(k) & {"OrgNameWord", "OrgHead"} and k > s):
                return None
            if e - s == 1 and not (t.text.isupper() or all(word_class(lg, t.text) == "unknown" for lg in ("de", "en"))):
                return None     # a single word one of the taggers knows as a place or a person: Ostsee, Scholz
        if e - s == 1 and (len(toks[s].text) < 3 or s == self.sentences[self.sent_of[s]].start and toks[s].pos != "PROPN"
                           and not (toks[s].pos == "NOUN" and all(word_class(lg, toks[s].text) == "unknown" for lg in ("de", "en")))):
            return None     # (a word neither tagger knows that the German tagger calls a noun by its ending is a name: "Fenrote hat …")
        return (s, e)

    def _perfect_subject(self, p: Predicate) -> list[tuple[int, int]]:
        """German: the unknown names that open a main clause before its finite auxiliary when the
        participle of the signing verb closes the clause ("Zentrox hat am Montag mit Kappa einen
        Vertrag unterzeichnet", "Zentrox und Kappa haben … geschlossen"): in a German main clause
        the subject stands first, right before the finite verb (verb-second order). The names
        must open the sentence (after its dateline or article), the auxiliary and the participle in the
        same clause."""
        toks = self.tokens
        h = p.head
        if self.lang != "de" or toks[h].pos != "VERB" or "PP" not in (toks[h].tag or ""):
            return []
        start = self.sentences[self.sent_of[h]].start
        while start < h and start in self.structure.skip:
            start += 1      # past a dateline
        a = next((k for k in range(start + 1, min(h, start + 8)) if toks[k].pos in ("AUX", "VERB")), None)
        if a is None or toks[a].pos != "AUX" or "FIN" not in (toks[a].tag or "") \
                or not all(k in p.tokens for k in range(start, h + 1)):
            return []
        runs = self._subject_list(p, a)
        if runs:
            return runs if runs[0][0] == start else []
        span = self._subject_name(p, a)
        return [span] if span is not None and (span[0] == start or span[0] == start + 1 and toks[start].pos == "DET") else []

    def _lexicon_word(self, k: int, also: set[str] = set()) -> bool:
        """Token k is a lexicon word that no company name has inside ("Energy" and "Power" are words
        of company names even where the lexicon also lists them as no person's name or as a good
        that is traded: "Summit Energy has signed …"); ``also``: more categories that may stand
        inside a name."""
        cats = self.cats(k)
        return bool(cats - {"OrgNameWord", "OrgHead"} - also
                    - ({"NotAName", "EnergyGoodsNoun"} if "OrgNameWord" in cats or "OrgHead" in cats else set()))

    def _known_actor_end(self, k: int) -> int | None:
        """The end of a known actor (country, region, organization, capital) or person at token k."""
        m = self._org_at.get(k) or self._entity_at.get(k) or self.person_at.get(k)
        if m is None or m.start != k:
            return None
        return m.end

    def _unknown_name_end(self, s: int, p: Predicate) -> int | None:
        """The end of an unknown name at token s: one to four capitalised words, none a known
        name, a person or a lexicon word (but words of company names); a single word must be
        one the tagger does not know as a common word, no given name and three letters or more."""
        from kg.extract.linking import word_class

        toks = self.tokens
        adj = self._adjective_name(s, p)
        if adj is not None:
            return adj      # "zwischen der Hanseatischen Wasserstoff Allianz und …"
        e = s
        while e < len(toks) and e - s < 4 and toks[e].is_title and e in p.tokens and e not in self._entity_at \
                and e not in self._org_at and e not in self.person_at and e not in self.structure.skip \
                and not self._lexicon_word(e, {"LegalForm", "ProjectWord"}):
            e += 1
        if e == s or (e < len(toks) and toks[e].is_title):
            return None
        words = range(s, e)
        if any(toks[x].fold in self.gaz.given_names for x in words):
            return None

        def coined(x: int) -> bool:
            # a word neither tagger knows (Xlinks, Hintco), or an acronym: places and famous
            # persons (Europe, Lagos, Scholz) are in one of the lexicons as proper nouns
            t = toks[x].text
            return t.isupper() and len(t) > 1 or all(word_class(lg, t) == "unknown" for lg in ("de", "en"))

        def company_word(x: int) -> bool:
            return bool(self.cats(x) & {"OrgNameWord", "OrgHead", "LegalForm"})

        def common(x: int) -> bool:
            # in English, a capitalised common noun or a known name before a closing word of company
            # names: "Octopus Energy", "Falcon Power"; in German, which joins nouns into one word, such
            # words written apart are a name when it has three words or a proper noun opens it ("Ostsee
            # Wasserstoff Logistik"), and none is inflected ("Kunden Strom": a plural and its object)
            if self.lang not in ("en", "de") or e - s < 2 or x >= e - 1 or not company_word(e - 1) \
                    or toks[x].pos not in ("NOUN", "PROPN") or self.cats(x) - {"ProjectWord"} \
                    or word_class(self.lang, toks[x].text) not in ("noun", "name"):
                return False    # (a project word inside the name: "Green Valley Ammonia", "Hub Power Company")
            return self.lang == "en" or not any(self.linker.inflected_noun(y) for y in words) \
                and (e - s >= 3 or word_class("de", toks[s].text) == "name")

        if not all(coined(x) or company_word(x) or common(x) for x in words) or all(company_word(x) for x in words):
            return None     # common words ("Wasserstoff", "Black Sea") or only company words
        if e - s == 1 and (len(toks[s].text) < 3 or self.cats(s)):
            return None
        return e

    def _adjective_name(self, s: int, p: Predicate) -> int | None:
        """The end of a German name that a capitalised adjective opens at token s, inside the clause
        of p and clear of other names (OrgSpans.adjective_name_end; at the sentence's start or
        after its dateline as ``opening``)."""
        if self.lang != "de" or s >= len(self.tokens) or self.tokens[s].pos != "ADJ":
            return None     # (the cheap test first)
        start = self.sentences[self.sent_of[s]].start
        while start < s and start in self.structure.skip:
            start += 1
        e = self.linker.adjective_name_end(s, len(self.tokens), opening=s == start)
        if e is None or any(k not in p.tokens or k in self._org_at or k in self.person_at or k in self.structure.skip
                            for k in range(s, e)):
            return None
        return e

    def _partner_list(self, s: int, p: Predicate) -> tuple[list[tuple[int, int]], int, bool]:
        """The unknown names in a list of partners from token s ("Peru, Xlinkor und Stegrova"),
        the end of the list and whether a known actor is among them."""
        toks = self.tokens
        runs: list[tuple[int, int]] = []
        known = False
        k = s
        while k < len(toks):
            while k < len(toks) and toks[k].pos == "DET":
                k += 1
            if k >= len(toks):
                break
            end = self._known_actor_end(k)
            if end is not None:
                known = True
            else:
                end = self._unknown_name_end(k, p)
                if end is None:
                    if k > s:
                        return [], k, known     # "the Caspian and Black Sea regions": no list of names
                    break
                while end + 1 < len(toks) and toks[end].text == "&" and self._known_actor_end(end + 1) is None:
                    nxt = self._unknown_name_end(end + 1, p)
                    if nxt is None:
                        break
                    end = nxt                   # "Larsen & Toubro": one unknown company, not two
                runs.append((k, end))
            k = end
            if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].fold in ("and", "und", "sowie"):
                k += 1
            if k + 1 < len(toks) and (toks[k].text == "," or toks[k].fold in ("and", "und", "sowie", "&")) \
                    and (toks[k + 1].is_title or toks[k + 1].pos == "DET"):
                k += 1
                continue
            break
        return runs, k, known

    def _subject_list(self, p: Predicate, end: int | None = None, opener: bool = False) -> list[tuple[int, int]]:
        """Unknown names in a list that is the subject right before the verb ("Xlinkor and
        Stegrova signed", "Xlinkor, Stegrova and Peru signed"), or before the token ``end`` (see
        _perfect_subject): the list must end there."""
        toks = self.tokens
        e = p.head if end is None else end
        while end is None and e - 1 >= 0 and toks[e - 1].pos == "AUX" and p.head - e < 2:
            e -= 1
        b = e
        while b - 1 >= 0 and e - b < 14 and (b - 1) in p.tokens and (toks[b - 1].is_title or toks[b - 1].text == ","
                                                                  or toks[b - 1].fold in ("and", "und", "sowie", "&")
                                                                  or toks[b - 1].pos == "DET"):
            b -= 1
        while b < e and not toks[b].is_title:
            b += 1
        if b >= e or not any(toks[x].fold in ("and", "und", "sowie", "&") or toks[x].text == "," for x in range(b, e)):
            return []
        # the list opens the clause, or follows a comma: "On Tuesday, X and Y signed"; in "On the
        # sidelines of COP28, X and Y signed" it starts after the comma, not at COP28
        for c in [b] + [x + 1 for x in range(b, e) if toks[x].text == ","]:
            if c >= e or c > 0 and not (toks[c - 1].text in (",", ";", ":") or self.sent_of[c - 1] != self.sent_of[c]
                                        or (c - 1) in self.structure.skip or opener and self._clause_opener(c - 1)):
                continue
            runs, end, _ = self._partner_list(c, p)
            if end == e:
                return runs
        return []

    # ------------------------------------------------------------------ lookups
    def entity_at(self, k: int) -> Mention | None:
        """The gazetteer name (country, region, place, org, person) covering token ``k``."""
        return self._entity_at.get(k)

    def entity_mentions_at(self, k: int) -> list[Mention]:
        m = self._entity_at.get(k)
        return [m] if m is not None else []

    def org_at(self, k: int) -> Mention | None:
        """The organization (gazetteer or pattern) covering token ``k``."""
        return self._org_at.get(k)

    def tok_at(self, char: int) -> int:
        """The token at a character offset (the one that starts last before it)."""
        import bisect
        starts = self.__dict__.get("_token_starts")
        if starts is None or len(starts) != len(self.tokens):
            starts = self._token_starts = [t.start for t in self.tokens]
        return max(0, bisect.bisect_right(starts, char) - 1)

    def dates_at(self, k: int) -> DateMention | None:
        """The date expression covering token ``k``."""
        t = self.tokens[k]
        return next((d for d in self.dates if d.start <= t.start < d.end), None)

    def cats(self, k: int) -> set[str] | frozenset[str]:
        """The lexicon categories of the word at token ``k`` (read only: a word without any
        gets one shared empty set, the rules ask this of every token many times)."""
        m = self.lex_at.get(k)
        return m.cats if m else _NO_CATS

    def cat_tokens(self, cat: str) -> list[int]:
        """The tokens whose lexicon categories include ``cat``, in text order (gathered once per
        document and category: a rule that looks for a word of one category reads these, not
        every token)."""
        return self.linker.words_of(cat)   # (the same lexicon table: one index, made once)

    def _agreement_cue_tokens(self) -> set[int]:
        """The tokens with a category of AGREEMENT_CUES (see :meth:`cat_tokens`)."""
        return {k for cat in AGREEMENT_CUES for k in self.cat_tokens(cat)}

    def sent_cats(self, index: int) -> frozenset[str]:
        """The lexicon categories of all words of sentence ``index``, gathered once per document:
        a rule that needs a word of some category skips the sentences without one at once."""
        by_sent = self.__dict__.get("_sent_cats")
        if by_sent is None:
            gathered: list[set[str]] = [set() for _ in self.sentences]
            for k, m in self.lex_at.items():
                gathered[self.sent_of[k]].update(m.cats)
            by_sent = self._sent_cats = [frozenset(c) for c in gathered]
        return by_sent[index]

    def person_info(self, iri: str) -> PersonInfo:
        return self.persons.setdefault(iri, PersonInfo())

    def name_of(self, iri: str | None) -> str | None:
        if iri is None:
            return None
        if iri in self.linker.persons:
            return self.linker.persons[iri].name
        if iri in self.linker.orgs:
            return self.linker.orgs[iri].name
        ent = self.gaz.entities.get(iri)
        return ent.label_en if ent is not None else iri.rsplit("/", 1)[-1]

    def kind_of(self, iri: str) -> str:
        """country, region, org or person."""
        if iri in self.linker.persons:
            return "person"
        if iri in self.linker.orgs:
            return "org"
        ent = self.gaz.entities.get(iri)
        return ent.kind if ent is not None else "org"

    def home_of(self, iri: str) -> str | None:
        """The country an organization is based in, or a region is part of."""
        ent = self.gaz.entities.get(iri)
        if ent is not None and ent.country:
            return ent.country
        org = self.linker.orgs.get(iri)
        return org.country if org is not None else None

    def _org_head_of_name(self, k: int, m: Mention) -> bool:
        """A word that is both a role title and an organisation head (lex:OrgHead: "Partners") that
        closes an organisation's name begun before it ("Stonepeak Partners", "Global Infrastructure
        Partners"): the company's name, not an office whose portfolio is the words before it."""
        return "OrgHead" in m.cats and self.inside_org_name(k) and self._org_at[k].end == m.end

    def inside_org_name(self, k: int) -> bool:
        """Token ``k`` is a later word of an organisation's name ("Brookfield Business Partners",
        "Kappa Cooperation Fund"): a cue word there names the company, it tells no cooperation or signing."""
        om = self._org_at.get(k)
        return om is not None and om.start < k

    def _role_tokens(self) -> set[int]:
        """Tokens of role titles and their complements ("Minister für Bergbau und Rohstoffe",
        "Minister of Mining and Water Resources"): they name an office, not a subject."""
        toks = self.tokens
        hide: set[int] = set()
        starts = [pm.data["role"] for pm in self.person_mentions if pm.data.get("role")]
        starts += [(k, m.end) for k, m in self.lex_at.items() if m.start == k and "RoleTitle" in m.cats
                   and not self._org_head_of_name(k, m)]
        for rs, re_ in starts:
            hide.update(range(rs, re_))
            b = rs
            while b > 0 and toks[b - 1].is_title and toks[b - 1].pos == "NOUN" and rs - b < 3 and (b - 1) not in self.person_at:
                b -= 1   # "Petroleum Minister", "Economy Minister": the portfolio belongs to the title
            if self.lang == "en" and b == rs and not toks[rs].is_title:
                # a title as a common noun, in lower case: "Egypt's petroleum minister", "the oil and
                # gas minister" (nouns, and "and" between nouns, before it name the portfolio)
                while b > 0 and rs - b < 4 and (b - 1) not in self.person_at and (b - 1) not in self._entity_at \
                        and (toks[b - 1].pos == "NOUN" and not toks[b - 1].is_title
                             or toks[b - 1].fold == "and" and b - 2 >= 0 and toks[b - 2].pos == "NOUN" and b < rs):
                    b -= 1
                if b < rs and toks[b].fold == "and":
                    b += 1
            while b > 1 and (toks[b - 1].fold in self.gaz.words("ListCoordinator") or toks[b - 1].text == ",") and toks[b - 2].text[-1:] in "-\u2010\u2011" \
                    and len(toks[b - 2].text) > 2 and rs - b < 6:
                b -= 2   # "Klima- und Energiekommissar", "Wirtschafts-, Klima- und Energieminister": one title
            hide.update(range(b, rs))
            if re_ < len(toks) and toks[re_].fold in ("of", "for", "fur", "im", "in", "der", "des", "bei", "beim", "at",
                                                      "von"):
                e = re_ + 1
                # (lower-case nouns too in English after "of"/"for": "the minister for climate
                # change", "minister of petroleum and mineral resources")
                lower = self.lang == "en" and toks[re_].fold in ("of", "for") and not toks[re_ - 1].is_title
                while e < len(toks) and e - re_ <= 7 and (toks[e].is_title or toks[e].pos in ("ADJ", "DET")
                                                          or lower and toks[e].pos == "NOUN"
                                                          or toks[e].fold in ("and", "und", "&")) \
                        and e not in self.person_at and toks[e].text not in (",", ".", ";"):
                    e += 1
                hide.update(range(re_, e))
        return hide

    # ------------------------------------------------------------------ topics
    def _back_to_von(self, k: int) -> range:
        """The German phrase between a "von"/"vom" up to 7 tokens back and token k, with no
        punctuation between ("von importiertem Öl abhängig", "sich von russischem Gas lösen");
        empty without one."""
        toks = self.tokens
        j = next((j for j in range(k - 1, max(-1, k - 8), -1) if toks[j].fold in ("von", "vom")
                  or toks[j].text in (",", ".", ";", ":")), None)
        return range(j + 1, k) if j is not None and toks[j].fold in ("von", "vom") else range(0)

    def _alternatives(self) -> set[int]:
        """The noun phrase after a word of the alternative not chosen (lex:AlternativeCue:
        "solar power rather than diesel generators", "Wasserstoff anstelle von Erdgas", "statt
        mit Kohle"): what an agreement does without, not what it is about; and after a word of
        place (lex:SiteCue: "a battery next to the Hornsby wind farm", "ein Elektrolyseur auf dem
        Gelände des Kohlekraftwerks"): where the thing stands, not what it is. Not the particle
        of "stattfinden" ("Die Zeremonie fand in Berlin statt"); a one-word place cue only as a
        preposition ("nahe der Küste", not "in naher Zukunft"). Likewise the remit of an office or
        a person (lex:RemitCue: "who is responsible for coal mining", "die für Klimaschutz
        zuständige Ministerin"): what she is in charge of, not what was signed. Likewise the
        standard of a comparison (lex:comparison, "compared with running gas plants", "im
        Vergleich zu Dieselgeneratoren"; lex:ComparisonParticle right after a comparative,
        "cheaper than coal", "sauberer als Erdgas"): what the thing is measured against. Likewise the
        circumstance an event takes place in (lex:CircumstanceCue: "Vor dem Hintergrund der
        Gaskrise reiste …", "against the backdrop of high oil prices"): the situation. The
        phrase runs on over one "of"/"von" after its first noun ("larger amounts of imported
        coal")."""
        toks = self.tokens
        hide: set[int] = set()
        cues = {*self.cat_tokens("AlternativeCue"), *self.cat_tokens("SiteCue"), *self.cat_tokens("RemitCue"),
                *self.cat_tokens("CircumstanceCue")}
        for k in self.cat_tokens("ComparisonParticle"):
            # only after a comparative: "cheaper than", "more expensive than", "billiger als";
            # not "more than 40 countries", "mehr als", "other than", "als Partner"
            p = toks[k - 1] if k else None
            if p is None or p.fold in ("more", "less", "fewer", "other", "rather", "mehr", "weniger", "eher", "anderer", "andere"):
                continue
            if self.lang == "en":
                comparative = p.tag in ("AJC", "AVC") or (p.pos == "ADJ" and k > 1 and toks[k - 2].fold in ("more", "less"))
            else:
                comparative = p.pos == "ADJ" and p.fold.endswith("er") and len(p.fold) > 4
            if comparative:
                cues.add(k)
        for k in sorted(cues):
            m = self.lex_at[k]
            if m.start != k or toks[k].tag == "PTKVZ":
                continue
            if "SiteCue" in m.cats and m.end - m.start == 1 and toks[k].pos != "ADP":
                continue
            if "RemitCue" in m.cats:
                # a person's or an office's remit: "who is responsible for climate", "die für Kohle
                # zuständige Ministerin", "Ana Beispiel, die für den Bergbau zuständig ist"; not what
                # a party takes on under the agreement ("Chile will be responsible for hydrogen")
                before = range(max(0, k - 3), k)
                if self.lang == "en":
                    personal = any(toks[x].fold in ("who", "whose") or x in self.role_tokens or x in self.person_at
                                   for x in before)
                else:
                    personal = (m.end < len(toks) and m.end in self.role_tokens) or self.syntax.clause(k).kind == "rel"
                if not personal:
                    continue
                if self.lang == "de":
                    j = next((j for j in range(k - 1, max(-1, k - 8), -1) if toks[j].fold == "fur"
                              or toks[j].text in (",", ".", ";", ":")), None)
                    if j is not None and toks[j].fold == "fur":
                        hide.update(range(j + 1, k))
                if not (m.end < len(toks) and toks[m.end].fold in ("for", "fur")):
                    continue
            j = m.end
            while j < len(toks) and j - m.end < 2 and (toks[j].pos in ("ADP", "DET")
                                                      or (self.lang == "en" and toks[j].tag == "VVG")):
                j += 1   # "anstelle von", "statt mit", "instead of burning"
            noun, reach, went_on = False, 6, False
            while j < len(toks) and j - m.end <= reach:
                t = toks[j]
                if t.pos == "CCONJ" and j + 1 < len(toks) and toks[j + 1].pos in ("NOUN", "ADJ", "PROPN"):
                    noun = False   # "coal and oil", "Kohle oder Öl"
                elif noun and not went_on and t.fold in ("of", "von") and j + 1 < len(toks) \
                        and toks[j + 1].pos in ("NOUN", "ADJ", "DET", "PROPN"):
                    noun, reach, went_on = False, reach + 3, True   # "amounts of imported coal"
                elif t.pos in ("NOUN", "PROPN") and not (noun and self.lang == "de"):
                    noun = True    # (a German noun phrase ends with its noun: "statt Kohle künftig Wasserstoff")
                elif not noun and (t.pos in ("DET", "NUM") or t.text[-1:] in HYPHENS and len(t.text) > 1
                                   or t.pos == "ADJ" and (self.lang == "en" or "(A)" in (t.tag or "") or t.tag == "ADJA")
                                   # a word before the noun that describes it: "a former coal plant",
                                   # "des stillgelegten Kohlekraftwerks"
                                   or t.pos in ("ADV", "VERB") and j + 1 < len(toks) and toks[j + 1].pos in ("NOUN", "ADJ")
                                   and (t.pos == "ADV" or "PP" in (t.tag or "") or t.tag in ("VVN", "VVG"))):
                    pass
                else:
                    break
                hide.add(j)
                j += 1
        return hide

    def _topics(self) -> dict[int, list[tuple[str, int]]]:
        """Topics per sentence as (annotation-level topic IRI, token index). Words inside role
        titles, organization names and persons' names ("Minister of Mining", "Kappa Hydro & Solar
        Power", "Wolfram Muster") name an office, a body or a person, not a subject of the text, so
        they are masked first; not a venture's name after the word for it ("das Gemeinschaftsunternehmen
        German LNG Terminal": what the partners set it up for). Gas
        infrastructure in a sentence that converts it to a carrier it names (lex:RepurposeVerb:
        "Gasnetze auf Wasserstoff umstellen") is that carrier's, not gas or pipelines."""
        toks = self.tokens
        hide: set[int] = set(self._org_at) | self.role_tokens
        # a person's name ("Wolfram Muster", "Sunny Beispiel") is nobody's subject either
        hide |= {k for pm in self.person_mentions if pm.form != "reference" for k in range(pm.start, pm.end)}
        for om in self.org_mentions:
            # "the state oil company Ecopetrol", "der Energie- und Chemiekonzern Kappa": what it is, not a topic
            # (a word cut off with a hyphen too: "der Öl- und Gaskonzern Kappa")
            j, run = om.start - 1, []
            while j >= 0 and (toks[j].pos in ("NOUN", "ADJ", "CCONJ") or toks[j].text[-1:] in "-\u2010\u2011" and len(toks[j].text) > 1) \
                    and om.start - j <= 5 and j not in self._entity_at:
                run.append(j)
                j -= 1
            if any(self.cats(x) & {"CompanyWord", "OrgHead"} for x in run) and not self._taken_over(j):
                hide.update(run)
        for k in sorted({*self.cat_tokens("DependenceCue"), *self.cat_tokens("ReleaseVerb")}):
            # "its reliance on coal", "die Abhängigkeit von der Kohle": what a party wants less of
            if "DependenceCue" in self.cats(k) and k + 1 < len(toks) and toks[k + 1].fold in ("on", "upon", "von", "vom"):
                j = k + 2
                # across a coordination of nouns: "reliance on coal and oil", "von Öl und Gas"
                while j < len(toks) and j - k <= 8 and (toks[j].pos not in ("PUNCT", "CCONJ", "VERB", "AUX", "ADP")
                                                        or (toks[j].pos == "CCONJ" and j + 1 < len(toks)
                                                            and toks[j + 1].pos in ("NOUN", "ADJ", "PROPN"))) \
                        and toks[j].text not in (",", ".", ";", ":"):
                    hide.add(j)
                    j += 1
            # "von importiertem Öl abhängig": the phrase before the German adjective (not "auf
            # Stromimporte angewiesen", which often tells the need an agreement meets)
            if "DependenceCue" in self.cats(k) and self.lang == "de" and toks[k].pos == "ADJ":
                hide.update(self._back_to_von(k))
            # "sich von russischem Gas lösen", "to wean Europe off Russian gas": what it gets free of
            if "ReleaseVerb" in self.cats(k):
                if self.lang == "de":
                    hide.update(self._back_to_von(k))
                else:
                    j = next((j for j in range(k + 1, min(len(toks), k + 5)) if toks[j].fold in ("off", "from")), None)
                    if j is not None:
                        e = j + 1
                        while e < len(toks) and e - j <= 6 and toks[e].pos in ("NOUN", "ADJ", "PROPN", "DET", "CCONJ"):
                            hide.add(e)
                            e += 1
        # "das Gemeinschaftsunternehmen German LNG Terminal", "the joint venture Nordsee Wind Partners": a
        # venture's name after the word for it (lex:VentureNoun) says what the partners set it up for
        ventures = self.gaz.words("VentureNoun")
        for om in self.org_mentions:
            if om.start > 0 and toks[om.start - 1].fold in ventures:
                hide.difference_update(range(om.start, om.end))
        hide |= self._alternatives()
        hide |= self._described_actors()
        hide |= self._outage_clauses()
        heads = {w[0] for w in self.gaz.lex_words("EventNameHead") if len(w) == 1}
        for k in range(len(toks)):
            # "the Nordic Wind and Gas Forum": the name of an event, not a subject of the text
            if toks[k].fold in heads and toks[k].is_title and k > 0:
                j = k - 1
                while j >= 0 and k - j <= 7 and (toks[j].is_title or toks[j].fold in ("and", "of", "&", "und", "fur", "for")) \
                        and toks[j].text not in (",", ".", ";", ":") and self.sent_of[j] == self.sent_of[k]:
                    j -= 1
                if k - j > 1 and toks[j + 1].is_title:
                    hide.update(range(j + 1, k + 1))
        masked = list(self.text)
        for k in hide:
            t = toks[k]
            masked[t.start:t.end] = " " * (t.end - t.start)
        text = "".join(masked)
        matcher = TopicMatcher(self.gaz)
        out: dict[int, list[tuple[str, int]]] = {}
        hits = matcher.find(text, toks, self.lang)
        found = [(iri, self.tok_at(s), matcher.has_variants(iri, text[s:e])) for iri, s, e in hits]
        last = {self.tok_at(s): self.tok_at(e - 1) for _, s, e in hits}   # a mention's first token -> its last
        found += self._reduced_use(matcher, text)
        plain: dict[int, list[str]] = {}   # per sentence: the topics of the concepts that say what they carry
        for iri, k, neutral in found:
            if not neutral:
                plain.setdefault(self.sent_of[k], []).extend(annotation_topics(self.gaz, iri))
        everywhere = [t for ts in plain.values() for t in ts]
        # "die Gasnetze auf Wasserstoff umstellen", "old gas mains will carry hydrogen once converted":
        # the carrier the infrastructure served so far is not what the sentence is about
        converting = {self.sent_of[k] for k in self.cat_tokens("RepurposeVerb")}
        carriers = {c for cs in matcher.scheme.carries.values() for c in cs}
        infra = set(matcher.scheme.carries) | {v for vs in matcher.scheme.variants.values() for v in vs}

        def infrastructure(iri: str) -> bool:
            """Infrastructure: a concept that carries something (ekg:carries) or a carrier variant, itself or
            by its annotation topics."""
            return iri in infra or bool(set(annotation_topics(self.gaz, iri)) & infra)

        named: dict[int, set[str]] = {}   # per converting sentence: the carriers it names as such
        for iri, k, neutral in found:
            if self.sent_of[k] in converting and not neutral and not infrastructure(iri):
                named.setdefault(self.sent_of[k], set()).update(set(annotation_topics(self.gaz, iri)) & carriers)

        def old_use(iri: str, k: int) -> bool:
            """Gas infrastructure in a sentence that converts it to another carrier it names."""
            if self.sent_of[k] not in converting or not infrastructure(iri):
                return False
            return bool(named.get(self.sent_of[k], set()) - set(annotation_topics(self.gaz, iri)))

        at = {k: set(annotation_topics(self.gaz, iri)) for iri, k, _ in found}   # token -> its word's topics
        made_from = self._made_from(at, matcher)
        fuelled = self._fuel_destinations(at, last, matcher)
        route = self._route_phrases()
        for iri, k, neutral in found:
            if k in made_from:
                continue   # "Wasserstoff aus Solar- und Windstrom": how the product is made
            if k in fuelled:
                continue   # "uranium for Indian nuclear power plants": where the fuel goes
            if matcher.aim(iri) and self._genitive_of_noun(k):
                continue   # "the backbone of the energy transition": what that thing serves
            if neutral:   # "interconnectors" next to an LNG terminal: gas interconnectors
                iri = matcher.variant_for(iri, plain.get(self.sent_of[k], []), everywhere) or iri
            if old_use(iri, k):
                continue   # "die Gasnetze auf Wasserstoff umstellen"
            for topic in annotation_topics(self.gaz, iri):   # a gas pipeline is pipelines and natural gas
                if k in route and topic in matcher.scheme.carries:
                    continue   # "gas will flow through the TAP pipeline": the way it travels; the gas stays
                out.setdefault(self.sent_of[k], []).append((topic, k))
        return out

    def _taken_over(self, j: int) -> bool:
        """Whether the company described by the words after token ``j`` is what a deal takes over
        or takes a stake in: ``j`` (past a determiner) is a word of acquiring or of a stake
        (lex:AcquisitionWord, lex:StakeWord, lex:HoldingNoun: "to buy the uranium producer
        Kappa", "der Kauf des Stromnetzbetreibers Kappa"), or a lex:StakeTargetPreposition right
        after one ("20 Prozent am Gasversorger Kappa", "a stake in the grid operator Kappa"). What
        the bought company does is what the deal is about; the words that describe a party
        ("the state oil company Kappa signed") say what it is, no topic."""
        toks = self.tokens
        words = self.gaz.words("AcquisitionWord") | self.gaz.words("HoldingNoun")

        def taking(x: int) -> bool:
            return "StakeWord" in self.cats(x) or toks[x].fold in words or fold(toks[x].lemma) in words

        stop = j - 3
        while j >= 0 and j > stop and toks[j].pos in ("DET", "PROPN"):
            j -= 1   # "the Texas refiner X", "des US-Konzerns X"
        if j < 0:
            return False
        if taking(j):
            return True
        return toks[j].fold in self.gaz.words("StakeTargetPreposition") and j > 0 and taking(j - 1)

    def _route_phrases(self) -> set[int]:
        """The noun phrases that name the way goods travel: after a lex:RouteCue in a clause with
        a lex:ConveyVerb ("gas is to flow through the existing Medgaz pipeline", "deliveries via
        Iran's pipeline network", "soll über die Greenstream-Leitung nach Italien exportiert
        werden"). Transport infrastructure there (``ekg:carries``: a pipeline) is how a delivery
        is made, not what the deal is about; what it carries still is."""
        toks = self.tokens
        conveying = {self.syntax.clause(k).index for k in self.cat_tokens("ConveyVerb")}
        out: set[int] = set()
        for k in self.cat_tokens("RouteCue"):
            if toks[k].pos != "ADP" or self.syntax.clause(k).index not in conveying:
                continue
            end = self.sentences[self.sent_of[k]].end
            j, reach, went_on = k + 1, 6, False
            while j < end and j - k <= reach:
                if toks[j].pos in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or toks[j].text in ("'s", "’s"):
                    out.add(j)
                elif toks[j].fold == "of" and not went_on and j > k + 1:
                    reach, went_on = reach + 4, True   # "through the southern branch of the Druzhba pipeline"
                else:
                    break
                j += 1
        return out

    def _reduced_use(self, matcher, text: str) -> list[tuple[str, int, bool]]:
        """Topic mentions made by lowering an amount (``ekg:reducedUse``): a clause that names a
        noun of that amount with a lex:ReductionWord ("to cut energy use in industry", "den
        Energieverbrauch der Schulen zu senken", "the reduction of power consumption") mentions
        the topic (energy efficiency) at the noun; the noun alone ("to meet rising energy
        demand") does not."""
        reducing = set(self.cat_tokens("ReductionWord"))
        if not reducing:
            return []
        out = []
        for category, topic in matcher.scheme.reductions.items():
            for k in self.cat_tokens(category):
                t = self.tokens[k]
                if not text[t.start:t.end].strip():
                    continue   # blanked out (a name, an outage clause)
                if not reducing.isdisjoint(self.syntax.clause(k).tokens):
                    out.append((topic, k, False))
        return out

    def _made_from(self, at: dict[int, set[str]], matcher) -> set[int]:
        """The tokens of topic words that name what a product named just before is made from
        (``ekg:producedFrom``: hydrogen and ammonia from renewable power): "Wasserstoff aus Solar-
        und Windstrom", "ammonia made from solar and wind power", "hydrogen produced with wind
        energy", "Ammoniak, das mit Wind- und Sonnenenergie erzeugt wird". The source there says
        how the product is made, not what the sentence is about. The source phrase (adjectives,
        nouns, a coordination, a word cut off with a hyphen) follows a lex:MadeFromPreposition
        that comes right after the product or next to a lex:MadeFromVerb; "an agreement on
        hydrogen and wind energy" names two topics."""
        toks = self.tokens
        products = set(matcher.scheme.sources)
        product_at = sorted(k for k, ts in at.items() if ts & products)
        if not product_at:
            return set()
        preps = self.gaz.words("MadeFromPreposition")
        out: set[int] = set()
        for k, ts in at.items():
            sent = self.sent_of[k]
            before = {t for p in product_at if p < k and self.sent_of[p] == sent for t in at[p] & products}
            if not ts or not before or not all(matcher.source_of(t, before) for t in ts):
                continue
            j = self._preposition_before(k, 5, preps, lambda t: t.pos in ("ADJ", "CCONJ") or t.pos == "NOUN" and t.fold not in preps
                                         or t.text[-1:] in HYPHENS and len(t.text) > 1)
            if j is None:
                continue
            right_after = any(p in (j - 1, j - 2) for p in product_at)
            near = any(j - 8 <= p < j for p in product_at)
            verb = any("MadeFromVerb" in self.cats(x) for x in range(max(0, j - 3), j)) \
                or any("MadeFromVerb" in self.cats(x) for x in range(k + 1, min(len(toks), k + 4)))
            if right_after or near and verb:   # the preposition right after the product, or a verb of making beside it
                out.add(k)
        return out

    def _fuel_destinations(self, at: dict[int, set[str]], last: dict[int, int], matcher) -> set[int]:
        """The tokens of topic words that name the plants a fuel named just before is for
        (``ekg:fuelFor``: nuclear fuel for nuclear power): "uranium for Indian nuclear power
        plants", "fuel assemblies for six of Ukraine's reactors", "Brennelemente für die beiden
        Reaktoren", "Uran für indische Kernkraftwerke". The plants there are where the fuel goes,
        not what the sentence is about. The phrase (a determiner, numbers, adjectives, a
        possessor) follows a lex:FuelDestinationPreposition right after the fuel's mention or
        one or two nouns or adjectives of its phrase ("uranium concentrate for"); "an agreement
        on uranium and nuclear power plants" names two topics."""
        toks = self.tokens
        fuels = set(matcher.scheme.fuels)
        fuel_at = sorted(k for k, ts in at.items() if ts & fuels)
        if not fuel_at:
            return set()
        preps = self.gaz.words("FuelDestinationPreposition")
        owners = self.gaz.words("PossessiveDeterminer")
        out: set[int] = set()
        for k, ts in at.items():
            sent = self.sent_of[k]
            users = {u for p in fuel_at if p < k and self.sent_of[p] == sent
                     for f in at[p] & fuels for u in matcher.scheme.fuels[f]}
            if not ts or not ts <= users:
                continue
            # back over the destination's determiner, numbers, adjectives, possessor
            j = self._preposition_before(k, 6, preps, lambda t: t.pos in ("DET", "NUM", "ADJ", "PROPN") or t.fold == "of"
                                         or t.text in ("'s", "’s") or t.fold in owners)
            if j is None:
                continue
            # the fuel's phrase right before the preposition ("fuel assemblies for", "Uran für")
            if any(p < j and j - 3 <= last.get(p, p) < j
                   and all(toks[x].pos in ("NOUN", "ADJ", "PROPN") for x in range(last.get(p, p) + 1, j))
                   for p in fuel_at):
                out.add(k)
        return out

    def _preposition_before(self, k: int, reach: int, preps: set[str], over) -> int | None:
        """The token of one of ``preps`` in ``k``'s sentence right before the at most ``reach``
        tokens before ``k`` that ``over`` lets the walk back pass (the phrase of a source or of
        a destination: "from *solar and wind* power"), or None."""
        toks = self.tokens
        j = k - 1
        while j >= 0 and k - j <= reach and over(toks[j]):
            j -= 1
        return j if j >= 0 and toks[j].fold in preps and self.sent_of[j] == self.sent_of[k] else None

    def _genitive_of_noun(self, k: int) -> bool:
        """Whether the phrase at token ``k`` is the genitive attribute of the noun before it ("die
        Metalle der Energiewende", "the backbone of the clean energy transition"), not after
        a noun of content ("im Bereich der Energiewende", lex:ContentCue) or a preposition
        ("Zusammenarbeit bei der Energiewende"); a capitalised English label is a name ("reports
        of the Kappa Energy Transition Partnership")."""
        toks = self.tokens
        if self.lang == "en" and toks[k].is_title:
            return False
        j = k - 1

        def attribute(t) -> bool:
            """An adjective or a participle before the noun."""
            return t.pos == "ADJ" or (t.pos == "VERB" and ("PP" in (t.tag or "") or t.tag == "VVN"))

        while j >= 0 and k - j <= 3 and attribute(toks[j]) and self.sent_of[j] == self.sent_of[k]:
            j -= 1   # "der gerechten Energiewende", "of the global energy transition"
        if self.lang == "de":
            if j < 1 or toks[j].fold not in ("der", "des", "einer", "eines"):
                return False
        else:
            if j >= 0 and toks[j].pos in ("DET", "PRON"):
                j -= 1
            if j < 1 or toks[j].fold != "of":
                return False
        head = j - 1
        return self.sent_of[head] == self.sent_of[k] and toks[head].pos == "NOUN" and "ContentCue" not in self.cats(head)

    def _outage_clauses(self) -> set[int]:
        """Tokens of a clause that says a supply runs short or plants are out of service
        (lex:OutageCue: "as gas runs short", "many reactors are offline", "in Frankreich stehen
        Atomreaktoren still"): the situation an agreement answers, not what it is about. Not a
        clause with an agreement word, nor a condition ("if gas runs short", "wenn Kraftwerke
        ausfallen"), which a solidarity agreement states as what it covers."""
        toks = self.tokens
        condition = self.gaz.words("ConditionalSubordinator")
        hide: set[int] = set()
        cues = set(self.cat_tokens("OutageCue"))
        if not cues:
            return hide
        cued = self._agreement_cue_tokens()
        for c in self.syntax.clauses:
            if not c.tokens or cues.isdisjoint(c.tokens):
                continue
            if not cued.isdisjoint(c.tokens):
                continue
            if c.kind == "sub" and toks[c.tokens[0]].fold in condition:
                continue
            hide.update(c.tokens)
        return hide

    def _described_actors(self) -> set[int]:
        """Tokens that describe an actor or a person rather than say what anything is about: an
        apposition after a name ("Chile, the world's largest copper producer, …"); and a clause
        of circumstance ("after talks on oil prices had failed", "nachdem …"), which tells what
        else happened or holds; and a relative clause on a thing (not a named party or person)
        that tells what exists or holds already (lex:ExistenceCue: "the reservoir, which already
        feeds a hydropower station", "der bereits ein Wasserkraftwerk speist"). (A relative
        clause on a party often says what it will do under the agreement, "Masdar, which will
        build the wind farm", or what the deal builds on, so it stays.)"""
        toks = self.tokens
        named: set[int] = set()
        for a in self.actors:
            if a.iri and a.kind != "group":
                named.update(range(a.start, a.end))
        for pm in self.person_mentions:
            named.update(range(pm.start, pm.end))
        circumstance = {w[0] for w in self.gaz.lex_words("CircumstanceConjunction") if len(w) == 1}
        hide: set[int] = set()
        cued = self._agreement_cue_tokens()
        for c in self.syntax.clauses:
            if not c.tokens or not cued.isdisjoint(c.tokens):
                continue   # "after Chile signed a hydrogen deal in 2020": that agreement's own words
            if c.kind == "sub" and toks[c.start].fold in circumstance \
                    and not (self.lang == "de" and toks[c.start].pos == "ADP") \
                    and any(self.syntax.finite(j) for j in c.tokens):
                # (a German preposition opens a main clause: "Bis 2030 soll eine Leitung entstehen",
                # "Seit Oktober fließt Gas über die Grenze"; the conjunction is tagged as one)
                # a clause, with a finite verb: "bis Ende 2026 ein Netz zu planen" is a
                # preposition ("bis", "until") before an infinitive, no clause of circumstance
                hide.update(c.tokens)
            head = c.start - 2 if c.start >= 2 and toks[c.start - 1].text == "," else c.start - 1
            if c.kind == "rel" and head not in named and any("ExistenceCue" in self.cats(j) for j in c.tokens):
                # "the reservoir, which already feeds a hydropower station": what exists or holds
                # already, the situation, not what was agreed (not a clause on a party, which may
                # tell what the deal builds on: "Kappa, die bereits ein Tankstellennetz betreibt, …
                # über dessen Ausbau")
                hide.update(c.tokens)
        for k in range(1, len(toks) - 1):
            # "Chile, the world's largest copper producer, …": a comma after a name, then a
            # determiner or a possessive name ("X, Norway's largest gas producer, …", "X,
            # Europas größter Kohleverstromer, …"), up to the next comma, with no finite verb in between
            if toks[k].text != "," or k - 1 not in named or not (toks[k + 1].pos == "DET" or self._possessive_opener(k + 1)):
                continue
            j = k + 1
            while j < len(toks) and toks[j].text not in (",", ".", ";", ":", "(", ")") and not self.syntax.finite(j) \
                    and j - k <= 10:
                j += 1
            if j < len(toks) and toks[j].text == "," and j - k <= 10:
                hide.update(range(k + 1, j))
        return hide

    def _possessive_opener(self, k: int) -> bool:
        """Whether a name in the possessive opens a noun phrase at token k, as a determiner would:
        "Norway's largest gas producer" (the name, then "'s"), German "Europas größter Betreiber"
        (a name in the genitive, with its "s", before an adjective or a noun)."""
        toks = self.tokens
        if k + 2 >= len(toks) or toks[k].pos != "PROPN":
            return False
        if toks[k + 1].text in ("'s", "\u2019s") or toks[k].text.endswith(("'s", "\u2019s")):
            return True
        # (an adjective by its small letter, which the tagger may take for a verb: "größter")
        return self.lang == "de" and toks[k].text.endswith("s") and (
            toks[k + 1].pos in ("ADJ", "NOUN") or toks[k + 1].text[:1].islower() and not self.syntax.finite(k + 1))

    def title_topics(self) -> list[str]:
        """Topic IRIs of the document's title (given with the document, not part of its text)."""
        if not self.doc.title:
            return []
        title = self.doc.title
        # a name the text gives an organization names it in the title too ("Solarwerk Nord AG signs …")
        names = {self.text[self.tokens[om.start].start:self.tokens[om.end - 1].end] for om in self.org_mentions}
        for name in sorted(names, key=len, reverse=True):
            if len(name) > 1:
                title = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", " " * len(name), title)
        out: list[str] = []
        for iri, _s, _e in TopicMatcher(self.gaz).find(title, lang=self.lang):
            out += [t for t in annotation_topics(self.gaz, iri) if t not in out]
        return out

    @functools.cached_property
    def listed_kinds(self) -> frozenset[str]:
        """The kinds of a topic (``ekg:KindTopics``: wind and solar energy of renewable energy) that
        a sentence lists as a field of work of their own: two or more of them as the object of a
        noun of building up capacity (lex:ExpansionNoun) in a sentence that names a product made
        from such energy as another field ("den Ausbau von Wind- und Solarstrom voranbringen und
        die Herstellung von grünem Wasserstoff fördern", "the expansion of wind and solar power
        and the production of green hydrogen"): there they are not the product's source (where
        they are, :meth:`_made_from` leaves them out), and the annotations name each of them
        (:meth:`kg.extract.topics.TopicMatcher.most_specific`)."""
        listed: set[str] = set()
        matcher = TopicMatcher(self.gaz)
        toks = self.tokens
        for k in self.cat_tokens("ExpansionNoun"):
            s = self.sent_of[k]
            hits = self.topic_hits.get(s, [])
            if not any(t in matcher.scheme.sources for t, _ in hits):
                continue
            end, j = self.sentences[s].end, k + 1
            while j < end and j - k <= EXPANSION_REACH and toks[j].pos not in ("VERB", "AUX") \
                    and toks[j].text not in (",", ";", ":", "."):
                j += 1
            for b in matcher.scheme.kinds:
                kinds = {t for t, x in hits if k < x < j and b in matcher.broader_topics(t)}
                if len(kinds) >= 2:
                    listed |= kinds
        return frozenset(listed)

    def topics_in(self, sent: int, start: int | None = None, end: int | None = None) -> list[str]:
        """Topic IRIs of a sentence (or of a token range in it), most frequent first."""
        hits = [t for t, k in self.topic_hits.get(sent, []) if (start is None or k >= start) and (end is None or k < end)]
        order: list[str] = []
        for t in hits:
            if t not in order:
                order.append(t)
        return sorted(order, key=lambda t: -hits.count(t))
