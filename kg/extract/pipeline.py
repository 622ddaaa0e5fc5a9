"""The extraction pipeline and its public API.

>>> result = extract_text("Deutschland und Chile unterzeichneten am 3. Mai 2021 in Berlin "
...                       "ein Abkommen über grünen Wasserstoff.", language="de")
>>> a = result.to_json()["agreements"][0]
>>> a["kind"], a["signed_on"], a["place"], sorted(a["parties"]), a["topics"]
('agreement', '2021-05-03', 'Berlin', ['Chile', 'Germany'], ['hydrogen'])

``extract_text(text, language=None, published=None, doc=None)`` and ``extract_file(path)``
return an :class:`ExtractionResult` (``.to_json()``, ``.to_rdf()``); ``extract_documents``
runs over many files and yields ``(path, result_or_error)`` for the build.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DocumentError, KGError
from kg.extract.dates import DateMention, find_dates
from kg.extract.document import Document, make_document, read_document
from kg.extract.frames import KIND_PRIORITY, LOC_PREPS, Agreement, FrameBuilder
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.extract.linguistic import annotate
from kg.extract.linking import Linker
from kg.extract.mentions import ACTOR_KINDS, ARTICLES, Matcher, Mention
from kg.extract.normalize import normalize
from kg.extract.sentences import Sentence, split_sentences
from kg.extract.tokens import Token, fold, join_tokens, tokenize
from kg.extract.topics import topics_in

EXTRACTOR = "kg.extract 0.1"
DEFINITE_ARTICLES = {"the", "der", "die", "das", "den", "dem", "des"}
GOV_NOUNS = {"regierung", "government", "seite", "side", "staat", "state", "administration", "regierungen",
             "governments", "behorden", "authorities", "parlament", "parliament"}
_QUOTES_OPEN = set("„“\"‚‘«")
_QUOTES_CLOSE = set("“”\"‘’»")

_MATCHERS: dict[str, Matcher] = {}


def _matcher(gaz: Gazetteer) -> Matcher:
    m = _MATCHERS.get(gaz.sources_hash)
    if m is None:
        m = _MATCHERS[gaz.sources_hash] = Matcher(gaz)
    return m


@dataclass
class Actor:
    start: int
    end: int
    iri: str
    kind: str
    form: str
    text: str
    sent: int
    function: str = "party"
    target: int | None = None       # the agreement word this actor modifies


class Analysis:
    """Everything found in one document; the frame builder asks it questions."""

    def __init__(self, doc: Document, gaz: Gazetteer):
        self.doc, self.gaz = doc, gaz
        self.lang = doc.language or guess_language(doc.text)
        self.text = normalize(doc.text, gaz.given_names)
        self.tokens: list[Token] = tokenize(self.text, self.lang)
        self._tok_starts = [t.start for t in self.tokens]
        self.sentences: list[Sentence] = split_sentences(self.text, self.tokens)
        annotate(self.tokens, self.lang, [(s.start, s.end) for s in self.sentences])
        self.sent_of = [0] * len(self.tokens)
        for s in self.sentences:
            for k in range(s.start, s.end):
                self.sent_of[k] = s.index
        self.matcher = _matcher(gaz)
        self.mentions = self.matcher.phrases(self.tokens, self.lang)
        self.lex_at: dict[int, Mention] = {}
        for mt in self.mentions:
            if mt.kind == "lex":
                for k in range(mt.start, mt.end):
                    self.lex_at.setdefault(k, mt)
        self.linker = Linker(gaz, self.matcher, self.tokens, self.mentions, self.lang)
        self.linker.find_persons(self.sentences)
        self.org_mentions = self.linker.find_orgs(self.sentences)
        self.org_tokens = {k for m in self.org_mentions if m.data.get("how") not in ("gazetteer", "acronym-use")
                           for k in range(m.start, m.end)}
        self.person_at: dict[int, Mention] = {}
        for pm in self.linker.person_mentions:
            for k in range(pm.start, pm.end):
                self.person_at[k] = pm
        self.dates: list[DateMention] = find_dates(self.text, self.lang, doc.published)
        self.dates_by_sent: dict[int, list[DateMention]] = {}
        char_sent = self._char_to_sent()
        for d in self.dates:
            self.dates_by_sent.setdefault(char_sent(d.start), []).append(d)
        self.person_roles: dict[str, dict] = {}
        self.affil_tokens: set[int] = set()
        self.role_tokens: set[int] = set()
        self._resolve_persons()
        self.topics_by_sent = self._topics()
        self.actors = self._actors()
        self.actors_by_sent: dict[int, list[Actor]] = {}
        for a in self.actors:
            self.actors_by_sent.setdefault(a.sent, []).append(a)
        self.dateline = self._dateline()

    # ------------------------------------------------------------------ setup
    def _char_to_sent(self):
        starts = [s.char_start for s in self.sentences]

        def f(c: int) -> int:
            return max(0, bisect.bisect_right(starts, c) - 1)
        return f

    def _topics(self) -> dict[int, list[str]]:
        """Topic labels per sentence. Words inside role titles and organization names
        ("Minister of Petroleum", "Korea Hydro & Nuclear Power") name an office or a body,
        not a subject of the text, so they are masked first."""
        masked = list(self.text)
        toks = self.tokens
        hide = set(self.role_tokens)
        for om in self.org_mentions:
            hide.update(range(om.start, om.end))
        # "Minister of Petroleum and Mineral Resources", "Ministerin für Klima und Umwelt"
        for mt in self.mentions:
            if mt.kind == "lex" and "RoleTitle" in mt.cats and mt.end < len(toks) \
                    and toks[mt.end].fold in ("of", "for", "für", "fur"):
                e = mt.end + 1
                while e < len(toks) and e - mt.end <= 6 and (toks[e].is_title or toks[e].fold in ("and", "und", "&")) \
                        and e not in self.person_at:
                    e += 1
                hide.update(range(mt.start, e))
        for k in hide:
            t = toks[k]
            masked[t.start:t.end] = " " * (t.end - t.start)
        text = "".join(masked)
        out: dict[int, list[str]] = {}
        for sent in self.sentences:
            found = topics_in(self.gaz, text[sent.char_start:sent.char_end])
            if found:
                out[sent.index] = found
        return out

    def lex_mentions(self, sent: Sentence) -> list[Mention]:
        seen, out = set(), []
        for k in range(sent.start, sent.end):
            mt = self.lex_at.get(k)
            if mt is not None and id(mt) not in seen:
                seen.add(id(mt))
                out.append(mt)
        return out

    def has_cat(self, sent: Sentence, cat: str) -> bool:
        return any(cat in m.cats for m in self.lex_mentions(sent))

    def in_org(self, k: int) -> bool:
        return k in self.org_tokens

    def agreement_lexes(self, w: Mention):
        return [self.gaz.lexicon[x] for x in w.data.get("lex", [w.iri]) if x in self.gaz.lexicon
                and self.gaz.lexicon[x].category == "AgreementWord"]

    def weak(self, w: Mention) -> bool:
        lexes = self.agreement_lexes(w)
        return bool(lexes) and all(x.weak for x in lexes)

    def kind(self, w: Mention) -> str:
        kinds = [x.kind for x in self.agreement_lexes(w) if x.kind]
        if not kinds:
            return "agreement"
        return sorted(set(kinds), key=KIND_PRIORITY.index)[0]

    # ------------------------------------------------------------------ persons
    def _resolve_persons(self) -> None:
        toks = self.tokens
        ent_at = self.linker.ent_at
        for pm in self.linker.person_mentions:
            role = pm.data.get("role")
            if not role:
                continue
            rs, re_ = role
            lexm = self.lex_at.get(rs)
            affil = None
            lexes = [self.gaz.lexicon.get(x) for x in (lexm.data.get("lex", []) if lexm else [])]
            for lx in lexes:
                if lx and lx.implies:
                    affil = lx.implies
            role_tok = toks[rs]
            if affil is None:   # a role prefix: "Bundes|minister"
                for prefix, implies in self.matcher.role_prefixes:
                    if role_tok.text.startswith(prefix):
                        affil = implies
            # hyphen part in the role token (US-Präsident, Siemens-Chef)
            if affil is None:
                for mt in self.mentions:
                    if mt.start == rs and mt.data.get("part") is not None and mt.kind in ACTOR_KINDS:
                        affil = mt.iri
                        self.affil_tokens.add(rs)
                        break
                for om in self.org_mentions:
                    if affil is None and om.start == rs and om.end == rs + 1:
                        affil = om.iri
            # actor right before the role: "Japan's Ambassador", "marokkanische Außenminister", "KHNP President"
            if affil is None:
                k = rs - 1
                steps = 0
                while k >= 0 and steps < 3 and toks[k].text not in (",", ".", ";", ":") :
                    act = ent_at.get(k) or self._org_at(k)
                    if act is not None and act.kind in ACTOR_KINDS + ("place",):
                        affil = self._actor_iri(act)
                        for j in range(act.start, act.end):
                            self.affil_tokens.add(j)
                        break
                    if toks[k].fold in ("'s", "der", "die", "des", "the", "his", "her", "its") or \
                            (toks[k].text[:1].islower() and toks[k].fold not in ("und", "and")):
                        k -= 1
                        steps += 1
                        continue
                    break
            # the complement after the role: "Energieminister Indiens", "Botschafter der USA", "of the UfM"
            comp_end = self._complement_end(re_)
            if affil is None:
                for k in range(re_, comp_end):
                    if k in self.person_at:
                        break
                    act = ent_at.get(k) or self._org_at(k)
                    if act is not None and act.kind in ACTOR_KINDS:
                        affil = self._actor_iri(act)
                        for j in range(act.start, act.end):
                            self.affil_tokens.add(j)
                        break
            else:
                for k in range(re_, comp_end):
                    act = ent_at.get(k)
                    if act is not None and act.kind in ACTOR_KINDS:
                        self.affil_tokens.update(range(act.start, act.end))
            end = comp_end if pm.start < rs else max(re_, min(comp_end, pm.start))
            role_text = join_tokens(toks[rs:end]) if end > rs else role_tok.text
            if pm.start > rs:   # role before the name: the complement is between them
                role_text = join_tokens(toks[rs:re_]) if pm.start - re_ > 4 else join_tokens(toks[rs:pm.start])
            role_text = role_text.rstrip(" ,")
            self.role_tokens.update(range(rs, max(re_, end)))
            # counterpart: takes the role of the previous person in the sentence
            if lexm and "Counterpart" in lexm.cats:
                prev = [q for q in self.linker.person_mentions if q.start < pm.start and self.sent_of[q.start] == self.sent_of[pm.start]]
                if prev and prev[-1].iri in self.person_roles:
                    role_text = self.person_roles[prev[-1].iri].get("role")
            coord = pm.data.get("coordinated_with")
            info = self.person_roles.setdefault(pm.iri, {})
            info.setdefault("role", role_text)
            if affil and not info.get("affiliation"):
                info["affiliation"] = affil
            if coord is not None:
                self._respectively(pm, coord, rs, comp_end)
        # side cues: "Für Norwegen unterschrieben X und Y", "auf nigerianischer Seite, Alex Okoh"
        for sent in self.sentences:
            side = None
            for k in range(sent.start, sent.end):
                lexm = self.lex_at.get(k)
                if lexm and "SideCue" in lexm.cats and k + 1 < sent.end:
                    j = lexm.end
                    while j < sent.end and toks[j].fold in ARTICLES:
                        j += 1
                    act = ent_at.get(j)
                    if act is not None and act.kind in ACTOR_KINDS and (k == sent.start or toks[k - 1].text in (",", "und", "and")):
                        side = self._actor_iri(act)
                        self.affil_tokens.update(range(act.start, act.end))
                if toks[k].fold in ("seite", "side") and k > sent.start:
                    act = ent_at.get(k - 1)
                    if act is not None and act.kind in ACTOR_KINDS:
                        side = self._actor_iri(act)
                        self.affil_tokens.update(range(act.start, act.end))
                pm = self.person_at.get(k)
                if pm is not None and side is not None and pm.start == k:
                    info = self.person_roles.setdefault(pm.iri, {})
                    info.setdefault("affiliation", side)
                    info.setdefault("side", side)

    def _respectively(self, pm: Mention, other: Mention, rs: int, comp_end: int) -> None:
        toks = self.tokens
        cue = None
        for k in range(rs, comp_end + 4):
            if k < len(toks) and k in self.lex_at and "RespectivelyCue" in self.lex_at[k].cats:
                cue = k
                break
        if cue is None:
            return
        # "die Minister für Energie beziehungsweise Handel"
        head_end = rs + 1
        prep = toks[head_end].text if head_end < len(toks) else ""
        left = join_tokens(toks[head_end + 1:cue])
        e = cue + 1
        while e < len(toks) and toks[e].text not in (".", ",", ";"):
            e += 1
        right = join_tokens(toks[cue + 1:e])
        head = toks[rs].text
        first, second = (other, pm) if other.start < pm.start else (pm, other)
        self.person_roles.setdefault(first.iri, {})["role"] = f"{head} {prep} {left}".strip()
        self.person_roles.setdefault(second.iri, {})["role"] = f"{head} {prep} {right}".strip()

    def _complement_end(self, k: int) -> int:
        toks = self.tokens
        sent = self.sentences[self.sent_of[k]] if k < len(toks) else self.sentences[-1]
        end = k
        limit = min(sent.end, k + 10)
        while end < limit:
            t = toks[end]
            if t.text in (";", "(", ")", ".", ":", "–", "—"):
                break
            if t.text == "," and not (end + 1 < limit and toks[end + 1].text[:1].isupper()
                                      and end + 2 < limit and toks[end + 2].fold in ("und", "and", ",")):
                break
            if end in self.person_at and end != k:
                break
            lexm = self.lex_at.get(end)
            if lexm and lexm.cats & {"SigningVerb", "ConcludingVerb", "WitnessCue", "WitnessPreposition", "AgreementWord"}:
                break
            if t.fold in ("und", "and", "sowie") and end + 1 < limit and (end + 1 in self.person_at or
                                                                        (self.lex_at.get(end + 1) and "RoleTitle" in self.lex_at[end + 1].cats)):
                break
            if t.text[:1].islower() and t.fold not in ("für", "fur", "for", "of", "der", "des", "the", "beim", "bei",
                                                       "in", "to", "und", "and", "von", "am", "an") \
                    and not (self.lex_at.get(end) and "RespectivelyCue" in self.lex_at[end].cats):
                break
            end += 1
        while end > k and toks[end - 1].fold in ("und", "and", "der", "des", "the", "of", "in", "to", "für", "fur", ","):
            end -= 1
        return end

    def _org_at(self, k: int):
        for om in self.org_mentions:
            if om.start <= k < om.end:
                return om
        return None

    def _actor_iri(self, act: Mention) -> str:
        ent = self.gaz.entities.get(act.iri)
        if ent is not None and ent.kind == "place" and ent.capital_of:
            return ent.capital_of
        return act.iri

    def person_info(self, iri: str) -> dict:
        return self.person_roles.get(iri, {})

    def set_affiliation(self, iri: str, actor: str) -> None:
        self.person_roles.setdefault(iri, {}).setdefault("affiliation", actor)

    # ------------------------------------------------------------------ actors
    def _actors(self) -> list[Actor]:
        toks = self.tokens
        out: list[Actor] = []
        org_spans = [(m.start, m.end) for m in self.org_mentions if m.data.get("how") not in ("gazetteer", "acronym-use")]
        cands: list[Mention] = [m for m in self.mentions if m.kind in ACTOR_KINDS + ("place",)]
        cands += [m for m in self.org_mentions if m.data.get("how") not in ("gazetteer",)]
        ends = {(m.end, m.iri) for m in cands}
        for m in cands:
            if m.start >= 2 and toks[m.start - 1].text == "(" and (m.start - 1, m.iri) in ends:
                continue   # "East Mediterranean Gas Forum (EMGF)": the acronym is the same actor
            inside = any(s <= m.start and m.end <= e and not (s == m.start and e == m.end) for s, e in org_spans)
            if m.kind != "org" and any(s <= m.start < e for s, e in org_spans):
                inside = True
            if inside:
                continue
            if m.kind == "org" and m.data.get("how") == "gazetteer" and any(s <= m.start < e for s, e in org_spans):
                continue
            sent = self.sent_of[m.start]
            iri = m.iri
            kind = m.kind
            ent = self.gaz.entities.get(iri)
            if kind == "place":
                if not (ent and ent.capital_of):
                    continue
                prev = toks[m.start - 1].fold if m.start > 0 else ""
                s0 = self.sentences[sent].start
                dateline = m.start == s0 and m.end < len(toks) and toks[m.end].text in ("–", "—", ",", "-")
                if prev in LOC_PREPS or dateline:
                    continue   # a place, or a dateline
                iri, kind = ent.capital_of, "country"
            a = Actor(m.start, m.end, iri, kind, m.form, m.text, sent)
            a.function = self._function(m, a)
            out.append(a)
        out.sort(key=lambda a: (a.start, a.end))
        # coordination: "in Russland und Japan" - the second conjunct shares the first one's function
        for prev, cur in zip(out, out[1:]):
            if cur.sent != prev.sent or cur.function != "party" or prev.function not in ("loc", "gen", "other", "report"):
                continue
            between = [t.fold for t in toks[prev.end:cur.start]]
            if between and all(f in ("und", "and", "sowie", ",", "or", "oder") or f in ARTICLES for f in between):
                cur.function = prev.function
        return out

    def _function(self, m: Mention, a: Actor) -> str:
        toks = self.tokens
        if any(k in self.affil_tokens for k in range(m.start, m.end)):
            return "affil"
        if self._in_description(m):
            return "affil"
        # a reporting clause: "wie das Ministerium mitteilte", "according to the ministry"
        k = m.start - 1
        while k >= 0 and k > m.start - 5 and toks[k].text not in (",", ".", ";", ":", "–"):
            if toks[k].fold in ("wie", "laut", "according", "zufolge") and (k == 0 or toks[k - 1].text in (",", ".", "–", ";") or toks[k].fold in ("laut", "according")):
                return "report"
            k -= 1
        nxt = m.end
        while nxt < len(toks) and (toks[nxt].fold in ARTICLES or toks[nxt].text in ("'s", "’s")
                                   or (toks[nxt].text[:1].islower() and m.form == "adj" and nxt - m.end < 1 and toks[nxt].fold not in ("und", "and"))):
            nxt += 1
        if m.data.get("part") is not None and m.data.get("part") < m.data.get("parts", 1) - 1 or m.form == "adj" \
                or (nxt > m.end and toks[m.end].text in ("'s", "’s")):
            # modifier: of an agreement word, of a government noun, of a role/company/org/person
            j = m.end if m.data.get("part") is None else m.start + 1
            if m.data.get("part") is not None:
                j = m.start + 1 if m.data.get("part") < m.data.get("parts", 1) - 1 else m.end
                lexm = self.lex_at.get(m.start)
                if lexm and "AgreementWord" in lexm.cats and lexm.start == m.start:
                    a.target = m.start
                    return "agr_mod"
            k = j
            while k < len(toks) and k - j < 3 and (toks[k].text[:1].islower() and toks[k].fold not in ("und", "and")
                                                   or toks[k].text in ("'s", "’s")):
                lexm = self.lex_at.get(k)
                if lexm and "AgreementWord" in lexm.cats:
                    break
                k += 1
            if k < len(toks):
                lexm = self.lex_at.get(k)
                if lexm and "AgreementWord" in lexm.cats:
                    a.target = k
                    return "agr_mod"
                if toks[k].fold in GOV_NOUNS:
                    return "party"
                if lexm and lexm.cats & {"RoleTitle", "CompanyWord", "Counterpart"} or k in self.person_at or self._org_at(k):
                    return "affil"
            if m.form == "adj" or m.data.get("part") is not None:
                return "adj"
        prev = toks[m.start - 1].fold if m.start > 0 else ""
        prev2 = toks[m.start - 2].fold if m.start > 1 else ""
        if prev in LOC_PREPS or (prev in ARTICLES and prev2 in LOC_PREPS):
            return "loc"
        # a name after a common noun names that thing: "Kernkraftwerk Fukushima", "Hafen Tanga"
        if self.lang == "de" and m.start > self.sentences[a.sent].start and toks[m.start - 1].is_title \
                and (m.start - 1) not in self.lex_at and (m.start - 1) not in self.linker.ent_at \
                and (m.start - 1) not in self.person_at and not self._org_at(m.start - 1) \
                and toks[m.start - 1].fold not in ARTICLES:
            return "other"
        if prev in ("the",) and prev2 in ("of",):
            lexm = self.lex_at.get(m.start - 3)
            if not (lexm and "AgreementWord" in lexm.cats):
                return "gen"
        if prev in ("of", "des", "der") and m.start > 1 and toks[m.start - 2].text[:1].isupper():
            lexm = self.lex_at.get(m.start - 2)
            if not (lexm and lexm.cats & {"AgreementWord"}) and prev2 not in ("und", "and", ","):
                return "gen"
        if prev in ("between", "zwischen"):
            k = m.start - 2
            lexm = self.lex_at.get(k)
            if lexm and "AgreementWord" in lexm.cats:
                a.target = k
                return "agr_mod"
        return "party"

    def _in_description(self, m: Mention) -> bool:
        """An actor inside an apposition that describes an organization: "EDU II, a power company
        under the control of the Czech state", "PEJ, ein Unternehmen im Besitz des polnischen Staates"."""
        toks = self.tokens
        sent = self.sentences[self.sent_of[m.start]]
        k = m.start - 1
        company = False
        while k > sent.start and toks[k].text not in (",", "(", ";", ":", "–", "—"):
            lexm = self.lex_at.get(k)
            if lexm and "CompanyWord" in lexm.cats:
                company = True
            if lexm and lexm.cats & {"SigningVerb", "ConcludingVerb", "AgreementWord"}:
                return False
            k -= 1
        if not company or k <= sent.start or toks[k].text not in (",", "("):
            return False
        if toks[k + 1].fold not in ("a", "an", "ein", "eine", "einer", "the", "der", "die", "das"):
            return False
        before = self._org_at(k - 1) or self.linker.ent_at.get(k - 1)
        if before is None and toks[k - 1].text == ")":
            before = self._org_at(k - 2) or self.linker.ent_at.get(k - 2)
        return before is not None and before.kind == "org"

    def actors_in(self, sent: Sentence, functions=("party", "agr_mod")) -> list[Actor]:
        return [a for a in self.actors_by_sent.get(sent.index, []) if a.function in functions]

    def with_split(self, sent: Sentence) -> int | None:
        """Token of the last 'mit'/'with' that has actors after it (partners of the subject)."""
        last = None
        for k in range(sent.start, sent.end):
            if self.tokens[k].fold in ("mit", "with"):
                if any(a.start > k for a in self.actors_in(sent)):
                    last = k
        return last

    def main_region(self) -> str | None:
        """The region a text is about: the first one it names (press releases start with their own)."""
        return next((a.iri for a in self.actors if a.kind == "region"), None)

    def clause_actors(self, sent: Sentence) -> list[str]:
        out: list[str] = []
        items = [(a.start, a.iri) for a in self.actors_in(sent)]
        for k in range(sent.start, sent.end):
            lexm = self.lex_at.get(k)
            if lexm and lexm.start == k and "GovernmentReference" in lexm.cats:
                region = self.main_region()
                if region:
                    items.append((k, region))
        for _, iri in sorted(items):
            if iri not in out:
                out.append(iri)
        for iri in self.group_actors(sent):
            if iri not in out:
                out.append(iri)
        return out

    def modifier_actors(self, w: Mention) -> list[str]:
        out = []
        for a in self.actors_by_sent.get(self.sent_of[w.start], []):
            if a.function == "agr_mod" and a.target is not None and w.start <= a.target < w.end:
                if a.iri not in out:
                    out.append(a.iri)
        return out

    def group_refs(self, sent: Sentence) -> list[tuple[int, str, int, str]]:
        """(token, refers_to, number, noun) of 'beide Länder', 'the two heads of state', ..."""
        out = []
        toks = self.tokens
        for k in range(sent.start, sent.end):
            lexm = self.lex_at.get(k)
            if not lexm or "Numeral" not in lexm.cats:
                continue
            j = lexm.end
            if j < sent.end and toks[j].text[:1].islower() and toks[j].fold not in ("of",) and j + 1 < sent.end \
                    and self.lex_at.get(j + 1) and "GroupNoun" in self.lex_at[j + 1].cats:
                j += 1   # "two East African" is not handled; "zwei großen Länder" is
            g = self.lex_at.get(j)
            if g and "GroupNoun" in g.cats:
                number = next((self.gaz.lexicon[x].number for x in lexm.data.get("lex", []) if self.gaz.lexicon[x].number), 2)
                out.append((k, self._refers_to(g), number, g.text))
        return out

    def _refers_to(self, group_noun: Mention) -> str:
        """What a group noun stands for: "actor" ('Länder', 'sides') or "person" ('heads of state')."""
        return next((self.gaz.lexicon[x].refers_to for x in group_noun.data.get("lex", [])
                     if self.gaz.lexicon[x].refers_to), "actor")

    def group_actors(self, sent: Sentence) -> list[str]:
        out: list[str] = []
        for k, refers, number, noun in self.group_refs(sent):
            if refers != "actor":
                continue
            want_region = fold(noun).startswith(("provin", "region"))
            earlier = (a for s in range(sent.index - 1, -1, -1) for a in reversed(self.actors_by_sent.get(s, []))
                       if a.function in ("party", "agr_mod", "loc", "gen", "adj") and (not want_region or a.kind == "region"))
            for a in _last_distinct(earlier, number):
                if a.iri not in out:
                    out.append(a.iri)
        return out

    def group_persons(self, sent: Sentence) -> list[Mention]:
        out: list[Mention] = []
        for k, refers, number, noun in self.group_refs(sent):
            if refers != "person":
                continue
            earlier = reversed([p for p in self.linker.person_mentions if p.start < sent.start])
            out += _last_distinct(earlier, number)
        return out

    # ------------------------------------------------------------------ questions from the frame builder
    def persons_in(self, sent: Sentence) -> list[Mention]:
        return [p for p in self.linker.person_mentions if sent.start <= p.start < sent.end]

    def after_witness_prep(self, sent: Sentence, pm: Mention) -> bool:
        for k in range(sent.start, pm.start):
            lexm = self.lex_at.get(k)
            if lexm and "WitnessPreposition" in lexm.cats:
                stop = any(self.lex_at.get(j) and self.lex_at[j].cats & {"AgreementWord", "SigningVerb"}
                           for j in range(lexm.end, pm.start))
                if not stop:
                    return True
        return False

    def witness_predicate(self, sent: Sentence) -> bool:
        """A presence cue ("anwesend", "attended", "looked on", "next to") that is not planned
        ("is scheduled to attend") or negated."""
        toks = self.tokens
        for k in range(sent.start, sent.end):
            lexm = self.lex_at.get(k)
            if lexm and "WitnessCue" in lexm.cats and lexm.start == k:
                tok = toks[k]
                if tok.text[:1].isupper() and k != sent.start and self.lang == "de" and tok.fold not in ("anwesend",):
                    continue   # "Teil" the noun, not "nahm ... teil"
                if any(self.lex_at.get(j) and self.lex_at[j].cats & {"PlanCue", "NegationCue"}
                       for j in range(max(sent.start, k - 4), k)):
                    continue
                return True
        return False

    def anaphoric_actors(self, sent: Sentence, focus) -> list[str]:
        """Actors a sentence names by reference: "the states"/"die Staaten" are the parties of the
        agreement in focus; "the country"/"das Land" is the country named last before."""
        toks = self.tokens
        out: list[str] = []
        for k in range(sent.start + 1, sent.end):
            if toks[k - 1].fold not in DEFINITE_ARTICLES:
                continue
            lexm = self.lex_at.get(k)
            j = k
            while lexm is None and j < min(sent.end, k + 3) and toks[j].text[:1].islower() or \
                    (lexm is None and j < min(sent.end, k + 3) and toks[j].is_title and j + 1 < sent.end
                     and self.lex_at.get(j + 1) and "GroupNoun" in self.lex_at[j + 1].cats):
                j += 1
                lexm = self.lex_at.get(j)
            if lexm is not None and "GroupNoun" in lexm.cats and lexm.start == j and focus is not None:
                if self._refers_to(lexm) == "actor":
                    out += [p for p in focus.parties if p not in out]
                    break
            if toks[k].fold in ("country", "land", "nation", "staat"):
                for s in range(sent.index - 1, max(-1, sent.index - 3), -1):
                    acts = [a for a in self.actors_by_sent.get(s, []) if a.kind == "country"]
                    if acts:
                        if acts[0].iri not in out:
                            out.append(acts[0].iri)
                        break
                break
        return out

    def witness_candidates(self, sent: Sentence) -> list[Mention]:
        persons = [p for p in self.persons_in(sent)]
        out = [p for p in persons if self.after_witness_prep(sent, p)]
        if self.witness_predicate(sent):
            verbs = [m for m in self.lex_mentions(sent) if "SigningVerb" in m.cats]
            for p in persons:
                if p in out:
                    continue
                if verbs and any(p.start < v.start for v in verbs) and not self.after_witness_prep(sent, p):
                    continue
                out.append(p)
        uniq, seen = [], set()
        for p in out:
            if p.iri not in seen:
                seen.add(p.iri)
                uniq.append(p)
        return uniq

    def signer_candidates(self, sent: Sentence, verbs: list[Mention], concluding_only: bool) -> list[Mention]:
        out = []
        first_verb = min((v.start for v in verbs), default=sent.end)
        witness_pred = self.witness_predicate(sent)
        for p in self.persons_in(sent):
            if self.after_witness_prep(sent, p):
                continue
            if witness_pred and not verbs:
                continue
            if concluding_only and p.start > first_verb:
                continue
            if self._reporting(sent, p):
                continue
            out.append(p)
        out += [p for p in self.group_persons(sent) if p not in out]
        uniq, seen = [], set()
        for p in out:
            if p.iri not in seen:
                seen.add(p.iri)
                uniq.append(p)
        return uniq

    def _reporting(self, sent: Sentence, p: Mention) -> bool:
        toks = self.tokens
        k = p.start - 1
        while k >= sent.start and toks[k].fold in ARTICLES | {"der", "die"}:
            k -= 1
        if k >= sent.start and toks[k].fold in ("wie", "according", "laut", "so"):
            return True
        return False

    def party_candidates(self, sent: Sentence, words: list[Mention]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for w in words:
            for iri in self.modifier_actors(w):
                out.append((iri, "modifier"))
        for a in self.actors_in(sent):
            if a.function == "agr_mod" and a.target is not None and words and not any(w.start <= a.target < w.end for w in words):
                continue
            out.append((a.iri, "sentence"))
        for iri in self.group_actors(sent):
            out.append((iri, "group"))
        for pm in self.persons_in(sent):
            info = self.person_roles.get(pm.iri, {})
            side, affil = info.get("side"), info.get("affiliation")
            ent = self.gaz.entities.get(affil) if affil else None
            org_affil = affil is not None and affil != side and (affil in self.linker.orgs or (ent is not None and ent.kind == "org"))
            if side and not org_affil:
                out.append((side, "side"))
        return out

    def attached_date(self, w: Mention) -> DateMention | None:
        sent = self.sentences[self.sent_of[w.start]]
        toks = self.tokens
        for d in self.dates_by_sent.get(sent.index, []):
            if not d.value:
                continue
            # token index of the date
            k = self._tok_at(d.start)
            if k is None:
                continue
            if w.end <= k <= w.end + 3 and d.kind != "target" and (toks[k - 1].fold in ("of", "von", "aus", "from", "seit", "since")
                                                                   or d.kind == "since"):
                return d
            if d.kind == "since" and w.end <= k <= w.end + 8:
                return d
            if k == w.start - 1 and d.precision == "year" and d.kind != "target":
                return d
        return None

    def _tok_at(self, char: int) -> int | None:
        k = bisect.bisect_right(self._tok_starts, char) - 1
        return k if k >= 0 else None

    def reporting_date(self, sent: Sentence, d: DateMention) -> bool:
        """A date in the clause of a reporting verb ("wie die Staatskanzlei am Montag mitteilte",
        "officials announced the plan on Thursday") dates the report, not the signing."""
        k = self._tok_at(d.start)
        if k is None:
            return False
        toks = self.tokens
        s = k
        while s > sent.start and toks[s - 1].text not in (",", ";", ":", "–", "—"):
            s -= 1
        e = k
        while e < sent.end and toks[e].text not in (",", ";", ":", "–", "—"):
            e += 1
        cats: set[str] = set()
        for j in range(s, e):
            lexm = self.lex_at.get(j)
            if lexm:
                cats |= lexm.cats
        return "ReportingVerb" in cats and not cats & {"SigningVerb", "ConcludingVerb"}

    def best_date(self, sent: Sentence, near: int | None, strict: bool = False) -> DateMention | None:
        cands = [d for d in self.dates_by_sent.get(sent.index, []) if d.value and d.kind != "target"
                 and not self.reporting_date(sent, d)]
        if strict:
            cands = [d for d in cands if d.precision in ("day", "month") and d.kind != "since"]
        if not cands:
            return None
        rank = {"absolute": 0, "weekday": 1, "relative": 1, "since": 3}
        prec = {"day": 0, "month": 1, "year": 2}

        def key(d):
            dist = abs((self._tok_at(d.start) or 0) - near) if near is not None else 0
            return (rank.get(d.kind, 2), prec.get(d.precision, 3), dist)
        best = sorted(cands, key=key)[0]
        # a bare year that is not about the signing ("the 43 member states ... 2015")
        if best.precision == "year" and best.kind not in ("since",) and near is not None:
            k = self._tok_at(best.start) or 0
            if abs(k - near) > 8:
                return None
        return best

    def place_in(self, sent: Sentence) -> tuple[str, str | None] | None:
        toks = self.tokens
        for k in range(sent.start, sent.end - 1):
            if toks[k].fold not in ("in", "at"):
                continue
            j = k + 1
            if toks[j].fold in ("der", "the") and j + 2 < sent.end:
                # "in der norwegischen Hauptstadt", "in the Egyptian capital"
                act = self.linker.ent_at.get(j + 1)
                cap = self.lex_at.get(j + 2)
                if act is not None and act.kind == "country" and cap and "CapitalWord" in cap.cats:
                    for iri, ent in self.gaz.entities.items():
                        if ent.kind == "place" and ent.capital_of == act.iri:
                            return self.gaz.label(iri, "en"), iri
                continue
            mt = self.linker.ent_at.get(j)
            if mt is not None and mt.kind == "place":
                return self.gaz.label(mt.iri, "en"), mt.iri
            if mt is not None or j in self.person_at or not toks[j].is_title:
                continue
            if (toks[j].fold,) in self.matcher.not_a_name or self.lex_at.get(j) is not None:
                continue
            e = j + 1
            while e < sent.end and (toks[e].is_title and e not in self.lex_at and (toks[e].fold,) not in self.matcher.not_a_name
                                    or (toks[e].fold in ("es", "de", "al", "el", "la") and e + 1 < sent.end and toks[e + 1].is_title)):
                e += 1
            if e - j > 4:
                continue
            if e < sent.end and toks[e].text[:1].isalpha() and toks[e].text[:1].isupper():
                continue
            name = join_tokens(toks[j:e])
            if any(c.isdigit() for c in name):
                continue
            return name, None
        return None

    def topics_in(self, sent: Sentence) -> list[str]:
        return self.topics_by_sent.get(sent.index, [])

    def topics_near(self, sent: Sentence, w: Mention) -> list[str]:
        """Topics in the name of an agreement: the capitalised words before its keyword and the
        complement after it ("Trade Agreement", "Abkommen über Kernenergie")."""
        toks = self.tokens
        s = w.start
        while s > sent.start and (toks[s - 1].is_title or toks[s - 1].text in ("-", "&")) and w.start - s < 5:
            s -= 1
        e = w.end
        if e < sent.end and toks[e].fold in ("on", "über", "uber", "zur", "zum", "for", "für", "fur", "of"):
            e += 1
            while e < sent.end and e - w.end < 6 and toks[e].text not in (",", ".", ";", ":", "(") and not toks[e].text.isdigit():
                e += 1
        return topics_in(self.gaz, self.text[toks[s].start:toks[e - 1].end])

    def title_for(self, w: Mention) -> str | None:
        toks = self.tokens
        sent = self.sentences[self.sent_of[w.start]]
        # inside or right after quotes
        for k in range(max(sent.start, w.start - 3), min(sent.end, w.end + 2)):
            if toks[k].text in _QUOTES_OPEN:
                e = k + 1
                while e < sent.end and toks[e].text not in _QUOTES_CLOSE:
                    e += 1
                if e < sent.end and e > k + 1 and k < w.end and e >= w.start:
                    return join_tokens(toks[k + 1:e])
                if e < sent.end and k >= w.end:
                    return join_tokens(toks[k + 1:e])
        e = w.end
        if e < sent.end and toks[e].fold in ("über", "uber", "on", "zur", "zum", "for", "für", "fur", "of", "to", "between", "zwischen"):
            e += 1
            while e < sent.end and e - w.end < 8 and toks[e].text not in (",", ".", ";", ":", "–", "(") \
                    and not (self.lex_at.get(e) and self.lex_at[e].cats & {"SigningVerb", "ConcludingVerb"}):
                e += 1
        start = w.start
        while start > sent.start and toks[start - 1].text[:1].islower() and toks[start - 1].fold not in ARTICLES \
                and start > w.start - 2 and not (self.lex_at.get(start - 1) and self.lex_at[start - 1].cats & {"SigningVerb", "ConcludingVerb"}):
            start -= 1
        return join_tokens(toks[start:e])

    def prune_parties(self, a: Agreement) -> None:
        regions_parents = {self.gaz.entities[p].country for p in a.parties
                           if p in self.gaz.entities and self.gaz.entities[p].kind == "region"}
        for p in list(a.parties):
            if p in regions_parents and a.parties[p] not in ("signatory", "side"):
                del a.parties[p]

    def drop_region_parents(self, cands: list[str], others: list[str]) -> list[str]:
        parents = {self.gaz.entities[p].country for p in cands + others
                   if p in self.gaz.entities and self.gaz.entities[p].kind == "region"}
        return [c for c in cands if c not in parents]

    def lede_actors(self, before: int) -> list[str]:
        out: list[str] = []
        for s in self.sentences[: max(2, min(before, 3))]:
            for a in self.actors_in(s, ("party", "agr_mod")):
                if a.iri not in out:
                    out.append(a.iri)
        return out

    def _dateline(self) -> tuple[str, str | None] | None:
        toks = self.tokens
        if not self.sentences:
            return None
        for s in self.sentences[:3]:
            e = s.start
            while e < s.end and e - s.start < 5 and toks[e].text not in ("–", "—", "-") and \
                    (toks[e].is_title or toks[e].text == "," or toks[e].fold in ("es", "de", "al", "el")):
                e += 1
            if e < s.end and e > s.start and toks[e].text in ("–", "—", "-"):
                name_toks = []
                for t in toks[s.start:e]:
                    if t.text == ",":
                        break
                    name_toks.append(t)
                name = join_tokens(name_toks)
                mt = self.linker.ent_at.get(s.start)
                if mt is not None and mt.kind == "place":
                    return self.gaz.label(mt.iri, "en"), mt.iri
                return name, None
        return None


def _last_distinct(backwards: Iterable, number: int) -> list:
    """The last ``number`` distinct entities (by IRI) of mentions given from the last one
    backwards, in text order: what "the two countries" or "both ministers" refer to."""
    seen: set[str] = set()
    picked: list = []
    for x in backwards:
        if x.iri not in seen:
            seen.add(x.iri)
            picked.append(x)
        if len(seen) >= number:
            break
    return picked[::-1]


def guess_language(text: str) -> str:
    words = re.findall(r"[A-Za-zÄÖÜäöüß]+", text[:5000].lower())
    de = sum(w in {"der", "die", "das", "und", "ist", "mit", "von", "den", "nicht", "sich", "eine", "für", "auf"} for w in words)
    en = sum(w in {"the", "and", "is", "of", "with", "to", "that", "for", "on", "was", "by", "an", "has"} for w in words)
    return "de" if de > en else "en"


# ====================================================================== results
@dataclass
class ExtractionResult:
    doc: Document
    analysis: Analysis | None
    agreements: list[Agreement] = field(default_factory=list)
    cooperations: list[tuple[str, str, str | None]] = field(default_factory=list)
    gaz: Gazetteer | None = None

    @property
    def language(self) -> str:
        return self.analysis.lang if self.analysis else (self.doc.language or "en")

    def name_of(self, iri: str | None) -> str | None:
        if iri is None:
            return None
        an = self.analysis
        if an is not None:
            if iri in an.linker.persons:
                return an.linker.persons[iri].name
            if iri in an.linker.orgs:
                return an.linker.orgs[iri].name
        ent = self.gaz.entities.get(iri) if self.gaz else None
        if ent is not None:
            return ent.label_en
        return iri.rsplit("/", 1)[-1]

    def to_json(self) -> dict:
        from kg.extract.serialize import result_to_json
        return result_to_json(self)

    def to_rdf(self):
        from kg.extract.rdf import result_to_rdf
        return result_to_rdf(self)


def extract_document(doc: Document, gaz: Gazetteer | None = None) -> ExtractionResult:
    gaz = gaz or load_gazetteer()
    if not doc.text.strip():
        return ExtractionResult(doc, None, gaz=gaz)
    analysis = Analysis(doc, gaz)
    builder = FrameBuilder(analysis)
    agreements = builder.build()
    coops: list[tuple[str, str, str | None]] = []
    seen: set[frozenset] = set()

    def add(a: str, b: str, topic: str | None) -> None:
        if a == b:
            return
        key = frozenset((a, b))
        if key in seen:
            return
        seen.add(key)
        coops.append((a, b, topic))
    for ag in agreements:
        parties = list(ag.parties)
        main = next(iter(ag.topics), None)
        for i in range(len(parties)):
            for j in range(i + 1, len(parties)):
                add(parties[i], parties[j], main)
    for idx, actors in builder.planned:
        # "KHNP plans to sign subcontracts with A and B": the subject with each partner, not A with B
        split = analysis.with_split(analysis.sentences[idx])
        if split is not None:
            after = {a.iri for a in analysis.actors_in(analysis.sentences[idx]) if a.start > split}
            left = [x for x in actors if x not in after]
            right = [x for x in actors if x in after]
            for x in left:
                for y in right:
                    add(x, y, None)
            if right:
                continue
        for i in range(len(actors)):
            for j in range(i + 1, len(actors)):
                add(actors[i], actors[j], None)
    for idx, actors, topic, split in builder.coop_statements:
        if split is not None:
            sent = analysis.sentences[idx]
            after = {a.iri for a in analysis.actors_in(sent) if a.start > split}
            left = [x for x in actors if x not in after]
            right = [x for x in actors if x in after]
            if left and right:
                for x in left:
                    for y in right:
                        add(x, y, topic)
                continue
        for i in range(len(actors)):
            for j in range(i + 1, len(actors)):
                add(actors[i], actors[j], topic)
    return ExtractionResult(doc, analysis, agreements, coops, gaz)


def extract_text(text: str, language: str | None = None, published: str | None = None,
                 doc: str | None = None) -> ExtractionResult:
    """Extract agreements from a text (header lines '# language: …' are honoured)."""
    document = make_document(text, language=language, published=published, name=doc or "document")
    return extract_document(document)


def extract_file(path: str | Path, language: str | None = None, published: str | None = None) -> ExtractionResult:
    """Extract from one file; raises DocumentError (with the file name) for unusable input."""
    document = read_document(path, language=language, published=published)
    return extract_document(document)


def extract_documents(paths: Iterable[str | Path], language: str | None = None,
                      published: str | None = None) -> Iterator[tuple[Path, ExtractionResult | KGError]]:
    """For the build: ``(path, result)`` per document, or ``(path, error)`` when it cannot be used.

    Errors are :class:`kg.errors.KGError` instances (usually DocumentError) with a message that
    names the file; an unexpected failure inside the extractor is reported the same way, so one
    bad document never stops a build.
    """
    gaz = load_gazetteer()
    for path in paths:
        path = Path(path)
        try:
            document = read_document(path, language=language, published=published)
            yield path, extract_document(document, gaz)
        except KGError as err:
            yield path, err
        except Exception as err:  # noqa: BLE001 - reported per document, never a traceback
            yield path, DocumentError(f"extraction failed: {type(err).__name__}: {err}", file=str(path))
