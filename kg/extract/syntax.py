"""Clauses and the syntactic position of a name: is it an argument of the clause's verb, inside
a prepositional phrase, or a modifier of some noun?

Built on the coarse parts of speech of :mod:`kg.extract.linguistic`, for German and English:

* A sentence is cut into segments at ``, ; : –`` and before a coordinating conjunction that joins
  two finite clauses. A segment is a *relative* or *subordinate* clause when it opens with a
  relative pronoun or a subordinating conjunction ("wie das Ministerium mitteilte", "which were
  made with …"), an *infinitive* clause ("um … zu stärken", "to build …"), a *main* clause when
  it has a finite verb, and a *fragment* otherwise (an apposition, a list item, the elaboration
  after a colon). Fragments join the clause before them, or the next one when none came before,
  so "Irland, Portugal, Peru und Kanada haben … geschlossen" is one clause and
  "Karim al-Beispiel, der Bergbauminister des Landes," belongs to its verb.
* A name's role is read from the words to its left, across its coordination chain: the first
  preposition before it ("mit", "between", "on behalf of"), or the noun it modifies (an
  adjective "peruanischen Energieministerium", a genitive "Ministerpräsident Irlands", a
  possessive "Canada's Ambassador", "the Hafen von Nordhavn"). A name that is neither is a
  *core* argument: subject or object. A name attached to a government word ("the Tasmanian
  government", "die Regierung Kanadas") stands for the whole phrase.

>>> from kg.extract.tokens import tokenize
>>> from kg.extract.linguistic import annotate
>>> toks = tokenize("Für Irland unterschrieb Minister Muster in Dublin.", "de")
>>> annotate(toks, "de")
>>> syn = Syntax(toks, [(0, len(toks))], "de")
>>> syn.role(1, 2).prep, syn.role(6, 7).prep, syn.role(4, 5).kind
('fur', 'in', 'core')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.dates import WEEKDAYS
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.extract.tokens import Token, fold

BOUNDARIES = {",", ";", ":", "–", "—"}
YEAR_OF = {"of", "from", "von", "vom", "aus"}   # the preposition of a year that dates the noun before it ("der Vertrag von 1969")
YEAR_NOUN = {"year", "jahr", "jahre"}   # "aus dem Jahr 1995", "from the year 1995": the noun between the preposition and the year
FINITE_EN = {"VVD", "VVZ", "VVB", "VBD", "VBZ", "VBB", "VHD", "VHZ", "VHB", "VDD", "VDZ", "VDB", "VM0"}
SKIP_POS = {"DET", "ADJ", "NUM"}
# how far a relative or complement clause without a comma may look for its verb past a long subject
# of names ("an agreement that Kappa Power (Peru) Limited and the Board signed"); the default reach is 15
RELATIVE_VERB_REACH = 25
# brackets and quotes passed over, like the words of lex:RoleSkipWord, when a role is read leftwards
SKIP_MARKS = {fold(c) for c in ("(", "„", "“", "\"", "‚", "‘", "«", "»")}


@dataclass
class Clause:
    index: int
    kind: str                       # main, rel, sub, inf, frag
    tokens: list[int] = field(default_factory=list)
    parent: int | None = None       # the clause a rel/sub/inf clause hangs from
    finite: list[int] = field(default_factory=list)   # finite verbs
    antecedent: int | None = None   # for a relative clause: the last word before it

    @property
    def start(self) -> int:
        return self.tokens[0] if self.tokens else 0


@dataclass
class Role:
    kind: str                       # core, pp, mod
    prep: str | None = None         # the governing preposition (folded, words joined by spaces)
    head: int | None = None         # the noun the phrase depends on (mod, or a pp attached to a noun)
    start: int = 0                  # left edge of the phrase (after any preposition)


class Syntax:
    """Clauses of every sentence and the roles of spans in them."""

    def __init__(self, tokens: list[Token], spans: list[tuple[int, int]], lang: str,
                 joiners: set[int] | None = None, governments: set[int] | None = None, roles: set[int] | None = None,
                 skip: set[int] | None = None, gaz: Gazetteer | None = None):
        self.tokens, self.lang = tokens, lang
        self._words(gaz or load_gazetteer())
        self.roles = roles or set()              # first tokens of role titles (Minister, President)
        self.joiners = joiners or set()         # tokens inside names (not to be walked over as words)
        self.governments = governments or set()  # government nouns (government, Regierung, side)
        self.clauses: list[Clause] = []
        self.clause_of: list[int] = [0] * len(tokens)
        self.after_colon: set[int] = set()       # tokens of a list or elaboration after a colon
        self.fronted: set[int] = set()           # commas that close a fronted phrase ("In Berlin, A and B signed")
        self.past: set[int] = set()              # -ed forms tagged as participles that are a clause's past verb
        self.contact: set[int] = set()           # first tokens of English relative clauses without "that"
        self.appositive: set[int] = set()        # first tokens of English relative clauses in an apposition to the subject
        self.reported: set[int] = set()          # first tokens of English reported clauses without "that"
        for s, e in spans:
            self._sentence(s, e)
            if lang == "en":
                while skip and s < e and s in skip:
                    s += 1   # a dateline ("Dubai – In the presence of X, …"): the phrase opens after it
                self._fronted_phrase(s, e)

    def _words(self, gaz: Gazetteer) -> None:
        """The function words the rules consult, from the lexicon (folded, as tokens are)."""
        self.subordinators_de = gaz.words("GermanSubordinator")
        self.subordinators_en = gaz.words("EnglishSubordinator")
        self.subordinators = self.subordinators_de | self.subordinators_en
        self.relatives_en = gaz.words("EnglishRelative")
        self.relative_forms_de = gaz.words("GermanRelativeForm")
        # an article before a name in a list of names, which the tagger may take for a relative pronoun
        self.list_articles = gaz.words("ListArticle")
        self.relative_starts = gaz.words("RelativeStart") | self.relatives_en
        self.contact_relative_starts = gaz.words("ContactRelativeStart")
        self.zero_that = gaz.words("ZeroThatVerb")
        self.skip_words = gaz.words("RoleSkipWord") | SKIP_MARKS
        self.multi_preps = sorted(gaz.word_lists.get("MultiWordPreposition", ()), key=lambda w: (-len(w), w))

    # ------------------------------------------------------------------ clauses
    def finite(self, k: int) -> bool:
        t = self.tokens[k]
        if k in self.past:
            return True
        if k in self.joiners:
            return False   # a word inside a name ("Abdulaziz bin Salman": not "ich bin")
        if self.lang == "de":
            return t.tag.endswith("(FIN)")
        if t.tag == "VVD" and k + 1 < len(self.tokens) and self.tokens[k + 1].fold == "by":
            return False   # "a ceremony attended by X": a participle, whatever the tagger says
        if t.tag == "VVD" and self.agent_after_phrase(k):
            return False   # "the agreement reached on Monday by X and Y": the same, a short phrase between
        return t.tag in FINITE_EN

    def agent_after_phrase(self, k: int) -> bool:
        """A past form right after a noun, then one short phrase of a date or a place ("on
        Monday", "last week", "in Lima"), then "by" and a name: a participle with its agent ("the
        accord concluded in Lima by A and B"), not a finite verb; the tagger often reads it as a
        simple past."""
        toks = self.tokens
        if k == 0 or toks[k - 1].pos != "NOUN" or k + 1 >= len(toks) or toks[k + 1].fold == "by" \
                or not (toks[k + 1].pos == "ADP" or toks[k + 1].fold in ("last", "this", "earlier")):
            return False
        for j in range(k + 2, min(k + 6, len(toks) - 1)):
            if toks[j].fold == "by":
                return j > k + 2 and toks[j + 1].pos in ("PROPN", "DET", "NOUN")
            if toks[j].pos not in ("PROPN", "NOUN", "NUM", "DET", "ADJ"):
                return False
        return False

    def _segments(self, s: int, e: int) -> list[tuple[int, int]]:
        toks = self.tokens
        cuts = [s]
        depth = 0
        for k in range(s, e):
            if toks[k].text == "(":
                depth += 1
            elif toks[k].text == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and toks[k].text in BOUNDARIES and s < k < e - 1:
                cuts.append(k + 1)
        cuts = [c for i, c in enumerate(cuts) if i == 0 or self._closes_fronted_sub(cuts[i - 1], c)
                or not self._list_goes_on(c, cuts[i + 1] if i + 1 < len(cuts) else e)]
        if self.lang == "en":
            # a relative or complement clause without a comma: "signed a memorandum that sketches …"
            for k in range(s + 1, e - 1):
                t = self.tokens[k]
                if (t.tag in ("CJT", "DTQ", "PNQ") or t.fold in ("which", "who")) and self.tokens[k - 1].text not in BOUNDARIES \
                        and (any(self.finite(j) for j in range(k + 1, min(e, k + 8))) or self._finite_ahead(k + 1, e, RELATIVE_VERB_REACH)) \
                        and any(self.finite(j) for j in range(max(c for c in cuts if c <= k), k)):
                    cuts.append(k)   # also after a long subject: "an agreement that Kappa Power (Peru) Limited and X signed"
                elif self._appositive_relative(k, e):
                    cuts.append(k)
                    self.appositive.add(k)
                elif self._contact_relative(k, e) and any(self.finite(j) for j in range(max(c for c in cuts if c <= k), k)):
                    cuts.append(k)
                    self.contact.add(k)
                elif self._reported_clause(k, e):
                    cuts.append(k)
                    self.reported.add(k)
                elif t.fold in self.subordinators_en and t.pos in ("SCONJ", "ADP") and self.tokens[k - 1].text not in BOUNDARIES \
                        and any(self.finite(j) for j in range(max(c for c in cuts if c <= k), k)) \
                        and (t.tag == "CJS" or self._finite_ahead(k + 1, e)):
                    cuts.append(k)   # "looked on as X signed", "were signed after the prince had held talks"
            cuts = sorted(set(cuts))
        segs = [(a, b) for a, b in zip(cuts, cuts[1:] + [e])]
        # a coordinating conjunction between two finite clauses starts a new segment
        out = []
        for a, b in segs:
            start = a
            for k in range(a + 1, b - 1):
                if self.tokens[k].pos == "CCONJ" and self.tokens[k].fold in ("und", "and", "aber", "but", "sondern", "doch") \
                        and any(self.finite(j) for j in range(start, k)) and any(self.finite(j) for j in range(k + 1, b)) \
                        and self._subject_then_verb(k + 1, b) and not self._last_of_names(k, start) \
                        and not self._relative_open(start, k):
                    out.append((start, k))
                    start = k
            out.append((start, b))
        return [(a, b) for a, b in out if b > a]

    def _appositive_relative(self, k: int, e: int) -> bool:
        """An English relative clause inside an apposition to the subject, set off by commas before
        the main verb ("X, the state-owned company that develops the project, signed …"): "that",
        "which" or "who" after a common noun, a finite verb before the next comma, and a finite
        verb after it. The clause is a relative one; the subject and the verb after it are one clause."""
        toks = self.tokens
        t = toks[k]
        if not (t.tag in ("CJT", "DTQ", "PNQ") or t.fold in ("which", "who")) or toks[k - 1].pos != "NOUN":
            return False
        comma = next((j for j in range(k + 1, e) if toks[j].text in BOUNDARIES), None)
        if comma is None or toks[comma].text != "," or not any(self.finite(j) for j in range(k + 1, comma)):
            return False
        nxt = next((j for j in range(comma + 1, e) if toks[j].text in BOUNDARIES), e)
        return comma + 1 < e and self.finite(comma + 1) and any(self.finite(j) for j in range(comma + 1, nxt))

    def _contact_relative(self, k: int, e: int) -> bool:
        """An English relative clause without "that" ("a memorandum the two companies concluded in
        2015", "the deal Kappa Power and the board signed last year"): a common noun, then a noun
        phrase (names, articles, nouns, joined by "and") and a finite verb with no object after it."""
        toks = self.tokens
        prev, t = toks[k - 1], toks[k]
        if prev.pos != "NOUN" or not prev.text.islower() or not (t.pos == "PROPN" or t.fold in self.contact_relative_starts):
            return False
        j = k
        while j < e and j < k + 12 and (toks[j].pos in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ") or toks[j].text in ("(", ")")
                                       or toks[j].fold == "'s") and not self.finite(j):
            j += 1
        if j >= e - 1 or j == k or not self.finite(j) or toks[j].pos != "VERB" or toks[j - 1].pos not in ("NOUN", "PROPN") \
                and toks[j - 1].text != ")":
            return False
        return toks[j + 1].pos in ("ADP", "ADV", "PUNCT", "ADJ", "NUM") and toks[j + 1].fold not in ("of", "'s")

    def _reported_clause(self, k: int, e: int) -> bool:
        """An English reported clause without "that" ("the ministry said Germany and Norway had
        signed …"): a finite verb of saying (lex:ZeroThatVerb, by lemma), then a noun phrase of
        names, articles and nouns (joined by "and") and a finite verb. Not a noun followed by a
        name or article inside the phrase (a relative clause without "that": "announced the deal
        A and B signed"), nor a phrase with a preposition (an object: "announced the deal on Monday")."""
        toks = self.tokens
        prev = toks[k - 1]
        if (prev.lemma or prev.fold) not in self.zero_that or not self.finite(k - 1) or toks[k].pos not in ("PROPN", "DET"):
            return False
        j = k
        while j < e and j < k + 12 and (toks[j].pos in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ") or toks[j].fold == "'s") \
                and not self.finite(j):
            if toks[j].pos == "NOUN" and toks[j].text.islower() and j + 1 < e and toks[j + 1].pos in ("PROPN", "DET"):
                return False
            j += 1
        return k < j < e and self.finite(j) and toks[j - 1].pos in ("NOUN", "PROPN")

    def _relative_open(self, start: int, k: int) -> bool:
        """A relative clause opened after the last finite verb before the conjunction at k still
        waits for its verb ("is sold under a contract that A (B) Limited and the C Board concluded"): the
        conjunction joins its subjects, not two clauses (English)."""
        if self.lang != "en":
            return False
        toks = self.tokens
        last = max((j for j in range(start, k) if self.finite(j)), default=None)
        return last is not None and any(toks[j].fold in self.relative_starts for j in range(last + 1, k))

    def _last_of_names(self, k: int, start: int) -> bool:
        """The conjunction at k joins the last name of an enumeration that is the subject of the
        verb after it ("the cable that A, B, C and D agreed on"): names separated by commas
        before it, a name after it, and no verb between the first name and the conjunction."""
        toks = self.tokens
        if k + 1 >= len(toks) or not toks[k + 1].text[:1].isupper() or k - 2 < start:
            return False
        j, names = k - 1, 0
        while j >= start and (toks[j].text[:1].isupper() or toks[j].text == ","):
            if toks[j].text == ",":
                if not (j - 1 >= start and toks[j - 1].text[:1].isupper()):
                    return False
            elif j == k - 1 or toks[j + 1].text == ",":
                names += 1
            j -= 1
        return names >= 3 and toks[j + 1].text[:1].isupper() and (j < start or toks[j].pos not in ("VERB", "AUX"))

    def _finite_ahead(self, k: int, e: int, reach: int = 15) -> bool:
        """A finite verb within the next words, before any punctuation: "as [the ministers] signed"."""
        toks = self.tokens
        for j in range(k, min(e, k + reach)):
            if toks[j].text in BOUNDARIES:
                return False
            if self.finite(j):
                return True
        return False

    def _name_word(self, k: int) -> bool:
        """A word of a name: tagged a proper noun, or inside a name the gazetteer or the name finders know."""
        return self.tokens[k].pos == "PROPN" or k in self.joiners

    def _closes_fronted_sub(self, prev: int, a: int) -> bool:
        """The comma before ``a`` closes an English subordinate clause that opens the sentence part
        ("After the minister arrived in Lima, A and B signed …"): the part opens with a
        subordinator and has a finite verb before the comma, so the names after it begin the main
        clause and no enumeration goes on over it."""
        toks = self.tokens
        return self.lang == "en" and toks[prev].fold in self.subordinators_en and toks[prev].pos in ("SCONJ", "ADP") \
            and any(self.finite(j) for j in range(prev + 1, a - 1))

    def _list_goes_on(self, a: int, b: int) -> bool:
        """A comma that continues an enumeration of names ("made with A, B and C"): the part
        after it has no verb, has a coordinator and starts with a name, like the part before."""
        toks = self.tokens
        comma = a - 1
        if toks[comma].text != "," or comma < 1 or not toks[comma - 1].text[:1].isupper():
            return False
        if toks[comma - 1].fold in WEEKDAYS:
            return False   # "As the ministry said on Wednesday, A and B have signed": a weekday ends a phrase, no list of names
        if toks[a].fold in self.list_articles and self._name_word(comma - 1) and a + 1 < len(toks) and self._name_word(a + 1):
            a += 1   # "Peru, Chile, die Niederlande und Bolivien": a name with its article (also a firm's:
            # "mit der Kappa Gas GmbH, der Zentrox AG und der Beispiel Netz GmbH", whose last word the tagger calls a noun)
        elif not toks[a].text[:1].isupper() or toks[a].pos == "DET":
            return False
        # the names up to the next verb, over further commas: "with A, B, C and D"
        k = a
        while k < len(toks) and toks[k].pos not in ("VERB", "AUX") and toks[k].text not in (".", ";", ":", "(", ")") \
                and (toks[k].text[:1].isupper() or toks[k].text in (",", "&", "-") or toks[k].pos in ("CCONJ", "ADP", "NUM")
                     or toks[k].fold in self.list_articles and k + 1 < len(toks) and toks[k + 1].pos == "PROPN"):
            if toks[k].fold in ("and", "und", "sowie", "or", "oder") and k + 1 < len(toks) and (
                    toks[k + 1].text[:1].isupper() or toks[k + 1].fold in self.list_articles and k + 2 < len(toks)
                    and self._name_word(k + 2)):
                return True
            k += 1
        return False

    def _subject_then_verb(self, a: int, b: int) -> bool:
        """The material after a conjunction is a clause of its own (it has a finite verb that is
        not the first word, or, in German, a finite verb at the start after a fronted phrase)."""
        return any(self.finite(j) for j in range(a, b))

    def _classify(self, a: int, b: int) -> str:
        toks = self.tokens
        k = a
        while k < b and (toks[k].text in BOUNDARIES or toks[k].pos == "CCONJ"):
            k += 1
        if k >= b:
            return "frag"
        first = toks[k]
        verbs = [j for j in range(k, b) if toks[j].pos in ("VERB", "AUX")]
        finite = [j for j in range(k, b) if self.finite(j)]
        if self.lang == "en" and not finite and k > a and toks[k - 1].pos == "CCONJ" and a > 0 and toks[a - 1].text == ",":
            finite = self._past_after_subject(k, b)
        nxt = toks[k + 1] if k + 1 < b else None
        if self.lang == "de":
            rel = first.tag in ("PRELS", "PRELAT") or (first.pos == "ADP" and nxt is not None
                                                       and nxt.tag in ("PRELS", "PRELAT"))
            if not rel and first.fold in self.relative_forms_de and k > 0 and toks[k - 1].text == "," and k > 1 \
                    and self._noun_before_particle(k - 2) and finite:
                # "der Energiepartnerschaft, die Minister X im März mit Y vereinbart hatte": the tagger
                # calls the pronoun an article when a noun follows; the finite verb closing the clause tells
                last = max(j for j in range(k, b) if toks[j].pos != "PUNCT")
                rel = self.finite(last) and finite[0] >= k + 3
            if not rel and first.pos == "ADP" and nxt is not None and nxt.fold in self.relative_forms_de and k > 1 \
                    and toks[k - 1].text == "," and toks[k - 2].pos in ("NOUN", "PROPN") and finite:
                # "bei einer Feierstunde, an der Präsidentin X teilnahm": the same with a preposition before
                # the pronoun, which the tagger calls an article when a noun follows
                last = max(j for j in range(k, b) if toks[j].pos != "PUNCT")
                rel = self.finite(last) and finite[0] >= k + 4
            sub = first.pos == "SCONJ" or first.fold in self.subordinators_de and first.pos in ("SCONJ", "ADP", "ADV")
            inf = not finite and any(toks[j].tag == "VV(IZU)" or toks[j].tag == "PTKZU" for j in range(k, b))
        else:
            rel = first.fold in self.relatives_en or (first.pos == "ADP" and nxt is not None
                                                      and nxt.fold in self.relatives_en) or k in self.contact or k in self.appositive
            rel = rel or first.tag == "PNQ" and first.fold == "that"   # the tagger's relative "that": "a company that is …"
            # also a wh-adverb the tagger reads as such (AVQ): ", when X signed …"
            sub = (first.fold in self.subordinators_en and (first.pos in ("SCONJ", "ADP") or first.tag == "AVQ")
                   or k in self.reported) and bool(finite)
            inf = not finite and first.tag == "TO0"
        if rel and verbs:
            return "rel"
        if sub and verbs:
            return "sub"
        if inf:
            return "inf"
        if finite:
            return "main"
        if verbs:
            return "nonfin"
        return "frag"

    def _noun_before_particle(self, j: int) -> bool:
        """Token j is a noun, or a separable verb particle right after one: a relative clause may
        follow the particle that closes its main clause ("geht auf ein Memorandum zurück, das X
        mit Y geschlossen hatte")."""
        toks = self.tokens
        if toks[j].pos == "PART" and toks[j].tag == "PTKVZ" and j > 0:
            j -= 1
        return toks[j].pos in ("NOUN", "PROPN")

    def _past_after_subject(self, k: int, b: int) -> list[int]:
        """", and the Agency agreed with X to …": after a comma and a conjunction, an -ed form the
        tagger took for a participle, right after the noun phrase that opens the part and not
        before "by", is its finite past verb (a second clause, not a phrase of the first)."""
        toks = self.tokens
        j = k
        while j < b and (toks[j].pos in ("DET", "ADJ", "NUM", "PROPN", "NOUN") or toks[j].fold in ("of", "for", "'s")):
            j += 1
        if j == k or j >= b or j + 1 >= b or toks[j - 1].pos not in ("NOUN", "PROPN"):
            return []
        t = toks[j]
        if t.tag != "VVN" or not t.fold.endswith("ed") or toks[j + 1].fold == "by":
            return []
        self.past.add(j)
        return [j]

    def _sentence(self, s: int, e: int) -> None:
        first_clause = len(self.clauses)   # the clauses of this sentence begin here
        colon = next((k for k in range(s, e) if self.tokens[k].text == ":"), None)
        segs = self._segments(s, e)
        kinds = [self._classify(a, b) for a, b in segs]
        current: Clause | None = None
        pending: list[tuple[int, int]] = []
        for i, ((a, b), kind) in enumerate(zip(segs, kinds)):
            if colon is not None and a > colon and kind in ("frag", "nonfin"):
                self.after_colon.update(range(a, b))
            if kind == "frag" and current is not None and self._parenthetical_after_conjunction(a, b) \
                    and i + 1 < len(kinds) and kinds[i + 1] == "main":
                pending.append((a, b))   # "signed X in 2022 and, a year earlier, struck Y": the later verb's
                continue
            last = self.clauses[-1] if len(self.clauses) > first_clause else None
            if kind in ("frag", "nonfin") and self.lang == "en" and last is not None and last.kind in ("rel", "sub") \
                    and last.parent is not None and self.tokens[last.start].tag == "PNQ" and self.tokens[last.start].fold == "that":
                # "a venture that would bring fuel cells, stations and electrolysers to …": a relative
                # clause of "that" is set off by no comma of its own (unlike one of "which" or "who"), so
                # the commas after it go on with it
                last.tokens += range(a, b)
                continue
            if kind in ("frag", "nonfin") and (current is not None):
                current.tokens += range(a, b)
                if kind == "nonfin":
                    current.finite += []
                continue
            if kind in ("frag", "nonfin"):
                pending.append((a, b))
                continue
            clause = Clause(len(self.clauses), kind)
            clause.tokens = list(range(a, b))
            clause.finite = [j for j in range(a, b) if self.finite(j)]
            self.clauses.append(clause)
            if kind == "main":
                for pa, pb in pending:
                    clause.tokens = list(range(pa, pb)) + clause.tokens
                pending = []
                current = clause
            else:
                clause.parent = current.index if current is not None else None
                if kind == "rel":
                    j = a - 1
                    while j >= s and (self.tokens[j].text in BOUNDARIES | {")"} or self.tokens[j].pos == "PART"):
                        j -= 1   # also over a separable particle: "knüpft an die Partnerschaft an, die …"
                    clause.antecedent = j if j >= s else None
                    if self.lang == "en" and j >= s:
                        # the clause of its noun: "…, when it signed an agreement with the government that allowed it …"
                        clause.parent = next((c.index for c in reversed(self.clauses[first_clause:-1])
                                              if c.tokens and c.tokens[0] <= j <= c.tokens[-1]), clause.parent)
        if pending:
            # no finite verb to hang them on (a headline, a list, or a German participle that is
            # also a past plural: "… unterschrieben am Freitag einen Zeitplan"): one clause
            tokens = [k for pa, pb in pending for k in range(pa, pb)]
            kind = "main" if any(self.tokens[k].pos == "VERB" for k in tokens) else "frag"
            clause = Clause(len(self.clauses), kind, tokens)
            clause.finite = [k for k in tokens if self.tokens[k].pos == "VERB"][:1]
            self.clauses.append(clause)
        # a clause fronted before the main clause ("When the prince came to Delhi, the sides signed …",
        # "Nachdem X eingetroffen war, unterzeichneten …") hangs from the main clause after it
        for c in self.clauses[first_clause:]:
            if c.kind in ("sub", "inf") and c.parent is None:
                c.parent = next((m.index for m in self.clauses[c.index + 1:] if m.kind == "main"), None)
        # only this sentence's clauses: those of the sentences before are sorted and indexed already
        # (and never change), so going over every clause of the document again made it quadratic
        for c in self.clauses[first_clause:]:
            c.tokens.sort()
            for k in c.tokens:
                self.clause_of[k] = c.index

    def _parenthetical_after_conjunction(self, a: int, b: int) -> bool:
        """A phrase set off by commas right after a coordinating conjunction ("and, two years
        earlier, struck a deal"): it opens the next conjunct, not the clause before."""
        toks = self.tokens
        return a >= 2 and toks[a - 1].text == "," and toks[a - 2].pos == "CCONJ" and toks[b - 1].text == "," \
            and toks[a - 2].fold in ("and", "und", "but", "aber", "or", "oder")

    def _fronted_phrase(self, s: int, e: int) -> None:
        """An English sentence that opens with a prepositional phrase ("In Berlin, …", "In the
        presence of X, …", "At a ceremony attended by X, …", "Witnessed by X, …") and reaches its
        finite verb over commas: the subject is the part right before the verb, so the phrase
        ends at a comma. A part of the phrase is the opening one or a part that closes a list
        with "and"; a lone name before a part with "and" begins the subject's list ("In Lima,
        A, B and C signed")."""
        toks = self.tokens
        first = toks[s] if s < e else None
        opens = first is not None and any((m := self.multi_prep(j)) is not None and m[1] == s
                                          for j in range(s + 1, min(e, s + 4)))   # "According to X, …"
        if first is None or not (first.pos == "ADP" or opens
                                 or (first.tag == "VVN" and s + 1 < e and toks[s + 1].fold == "by")):
            return
        verb = None
        depth = 0
        commas: list[int] = []
        for k in range(s + 1, e):
            t = toks[k]
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and t.text in (";", ":", "–", "—"):
                return
            elif depth == 0 and t.text == ",":
                commas.append(k)
            elif self.finite(k) and not (k + 1 < e and toks[k + 1].fold == "by"):
                verb = k
                break
        if verb is None or not commas or commas[-1] + 1 >= verb:
            return
        parts = [(a + 1, b) for a, b in zip([s - 1] + commas, commas)]
        boundary = commas[0]
        for (a, b), comma in zip(parts[1:], commas[1:]):
            if any(toks[j].fold in ("and", "or", "&") for j in range(a, b)):
                boundary = comma
        if toks[boundary + 1].pos in ("ADV", "CCONJ") or self.finite(boundary + 1):
            return
        self.fronted.add(boundary)

    def clause(self, k: int) -> Clause:
        return self.clauses[self.clause_of[k]]

    def same_clause(self, a: int, b: int) -> bool:
        return self.clause_of[a] == self.clause_of[b]

    def clause_chain(self, c: int | None):
        """Clause ``c`` and the clauses it hangs from, innermost first (stops on a cycle)."""
        seen = set()
        while c is not None and c not in seen:
            yield c
            seen.add(c)
            c = self.clauses[c].parent

    # ------------------------------------------------------------------ roles
    def multi_prep(self, k: int) -> tuple[str, int] | None:
        """A multi-word preposition ending at token ``k``: (its words, its first token)."""
        toks = self.tokens
        last = toks[k].fold
        for words in self.multi_preps:
            n = len(words)
            if words[-1] != last or k - n + 1 < 0:
                continue   # (the last word first: the cheapest test, and it fails nearly always)
            if tuple(t.fold for t in toks[k - n + 1:k + 1]) == words:
                return " ".join(words), k - n + 1
        return None

    def role(self, start: int, end: int, chain_start: int | None = None) -> Role:
        """The role of the phrase covering tokens [start, end) (or, in a coordination, of the
        chain that begins at ``chain_start``)."""
        toks = self.tokens
        left = start if chain_start is None else chain_start
        clause = self.clause_of[left] if left < len(toks) else 0
        # a name directly followed by "'s", an inflected genitive or an adjective form before a
        # noun modifies that noun: Canada's Ambassador, peruanischen Energieministerium
        k = left - 1
        while k >= 0 and self.clause_of[k] == clause and (toks[k].pos in SKIP_POS or toks[k].fold in self.skip_words) \
                and (k not in self.joiners or toks[k].pos in ("ADJ", "DET")) \
                and not (toks[k].pos == "ADP" and toks[k + 1].fold not in self.skip_words):
            # a skip word that is a preposition is passed over only with the skip word after it ("mit vor
            # allem Peru"); on its own it opens the phrase ("ein Gasfeld vor Mosambik": where, not who)
            if toks[k].tag == "PRELS" or toks[k].fold in self.relatives_en or (
                    k >= 1 and toks[k - 1].pos == "ADP" and k - 1 == self.clauses[clause].start
                    and self.clauses[clause].kind == "rel" and toks[k].fold in self.relative_forms_de):
                # "an der auch Präsident X teilnahm", "at which X was present": the relative pronoun ends the PP
                return Role("core", None, None, k + 1)
            if toks[k].pos == "NUM" and len(toks[k].text) == 4 and toks[k].text.isdigit() and k + 1 < len(toks) \
                    and (toks[k + 1].pos != "NOUN" or k + 1 == left and toks[left].is_title):
                # "In 2009 South Korea landed …", "In 2013 CNPC signed …" (a name the tagger calls a
                # noun): the year ends the phrase; not "in 2013 prices"
                return Role("core", None, None, k + 1)
            k -= 1
        # a conjunct after a common noun in a prepositional phrase: "between the kingdom and Peru"
        if k >= 1 and toks[k].fold in ("and", "und", "or", "oder", "sowie") and self.clause_of[k] == clause:
            j = k - 1
            while j >= 0 and k - j <= 5 and toks[j].pos in ("DET", "ADJ", "NOUN", "NUM", "PROPN") and j not in self.joiners:
                j -= 1
            if j < k - 1 and j >= 0 and toks[j].pos == "ADP" and self.clause_of[j] == clause:
                return Role("pp", toks[j].fold, self.noun_before(j), j + 1)
        if k >= 2 and toks[k].fold == "of" and toks[k - 1].fold in ("each", "all", "both") and toks[k - 2].pos == "ADP" \
                and self.clause_of[k - 2] == clause:
            k -= 2   # "a memorandum with each of A and B": the preposition before the quantifier
        if k >= 0 and self.clause_of[k] == clause and k == self.clauses[clause].start \
                and self.clauses[clause].kind == "sub" and toks[k].fold in self.subordinators:
            return Role("core", None, None, k + 1)   # "as the ministers … signed": the subject after the conjunction
        if k >= 0 and self.clause_of[k] == clause:
            t = toks[k]
            multi = self.multi_prep(k)
            if multi is not None:
                prep, first = multi
                return Role("pp", prep, self.noun_before(first), k + 1)
            if t.pos == "ADP" or (t.pos in ("ADV", "SCONJ") and t.fold in ("zwischen", "between", "than")):
                return Role("pp", t.fold, self.noun_before(k), k + 1)
        return Role("core", None, None, k + 1)

    def noun_before(self, prep: int) -> int | None:
        """The noun a prepositional phrase attaches to: the word right before the preposition."""
        toks = self.tokens
        k = prep - 1
        if k >= 2 and toks[k].pos == "NUM" and len(toks[k].text) == 4 and toks[k].text.isdigit() \
                and toks[k - 1].fold in YEAR_OF:
            k -= 2   # "der Vertrag von 1969 zwischen A und B", "the treaty of 1973 with Peru": past its year
        elif k >= 4 and toks[k].pos == "NUM" and len(toks[k].text) == 4 and toks[k].text.isdigit() \
                and toks[k - 1].fold in YEAR_NOUN and toks[k - 2].pos == "DET" and toks[k - 3].fold in YEAR_OF:
            k -= 4   # "ein Vertrag aus dem Jahr 1995 zwischen A und B", "a treaty from the year 1995 with Peru"
        if k >= 0 and self.clause_of[k] == self.clause_of[prep] and toks[k].pos in ("NOUN", "PROPN") \
                and toks[k].text not in BOUNDARIES:
            return k
        return None

    def modified_noun(self, start: int, end: int, form: str) -> int | None:
        """The noun a name modifies, when it stands before it (an adjective, a genitive or a
        possessive, an attributive name): "Canada's Ambassador", "katarischem Gas", "US group"."""
        toks = self.tokens
        k = end
        if k < len(toks) and toks[k].text in ("'s", "’s", "'", "’"):
            k += 1
        elif form != "adj" and not (self.lang == "de" and toks[end - 1].fold.endswith("s") and form == "genitive"):
            # an English name used attributively: "the US group", "a Japan LNG deal",
            # "European Commission President", "Zentrox President"
            if k < len(toks) and k in self.roles:
                return k
            # only after a determiner ("the US group"): "Vattenfall covers" is a subject and a verb
            det = start > 0 and toks[start - 1].pos in ("DET", "ADJ", "NUM")
            if not (det and k < len(toks) and toks[k].pos == "NOUN" and (self.lang == "en" and toks[k].text[:1].islower())):
                return None
        while k < len(toks) and (toks[k].pos == "ADJ" or toks[k].text in ("-", "–")) and k - end < 3:
            k += 1
        if k < len(toks) and toks[k].pos in ("NOUN", "PROPN") and self.clause_of[k] == self.clause_of[start]:
            # the head of an English noun compound: "Chile's energy ministry", "Trade Agreement"
            while self.lang == "en" and k + 1 < len(toks) and toks[k + 1].pos in ("NOUN", "PROPN") \
                    and (toks[k + 1].text[:1].islower() == toks[k].text[:1].islower()) and k + 1 not in self.joiners \
                    and k - end < 3:
                k += 1
            return k
        return None

    def noun_after_genitive(self, start: int) -> int | None:
        """The noun a genitive after it depends on: "Ministerpräsident Irlands", "des Landes"."""
        toks = self.tokens
        k = start - 1
        if k >= 0 and toks[k].pos == "DET" and toks[k].fold in ("des", "der", "the", "of"):
            k -= 1
        if k >= 0 and toks[k].pos in ("NOUN",) and self.clause_of[k] == self.clause_of[start]:
            return k
        return None
