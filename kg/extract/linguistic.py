"""The linguistic layer: a lemma and a part of speech for every token (German and English).

The tags come from HanTa, the Hanover Tagger, whose German and English models ship inside its
wheel (nothing is downloaded). HanTa tags a sentence with an HMM over the analyses of its words;
the analyses are the slow part. :mod:`kg.extract.morphology` runs HanTa's morpheme searches
faster with the same results, the lemmas of the words HanTa's lexicon knows are looked up in a
table built once from the model, and analyses are memoised per word form and per (word, tag): a
process that has seen a word once tags it again almost for free.

Every token gets:

* ``tag``: HanTa's fine tag (STTS for German, BNC C5 for English),
* ``pos``: a coarse part of speech shared by both languages (``NOUN PROPN VERB AUX ADJ ADV ADP
  DET PRON CCONJ SCONJ PART NUM PUNCT X``),
* ``lemma``: the folded lemma. A German separable verb gets its particle back
  ("schloss … ab" -> ``abschliessen``) so that the lexicon can list verbs by their infinitive.

>>> from kg.extract.tokens import tokenize
>>> toks = tokenize("Der Konzern schloss mit Polen einen Vertrag ab.", "de")
>>> annotate(toks, "de")
>>> [(t.text, t.pos, t.lemma) for t in toks if t.pos in ("VERB", "NOUN")]
[('Konzern', 'NOUN', 'konzern'), ('schloss', 'VERB', 'abschliessen'), ('Vertrag', 'NOUN', 'vertrag')]
"""

from __future__ import annotations

import gc
import re
from array import array

import math
from functools import lru_cache
from operator import itemgetter

from kg.extract import morphology
from kg.extract.tokens import CLAUSE_END, Token, fold

MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}
_EMPTY, _START, _END, _UNKNOWN = 0, 1, 2, 3   # HanTa's reserved tag numbers

# Coarse parts of speech for the tags of the two models (prefix match, longest first).
_COARSE_DE = [
    ("NN", "NOUN"), ("NE", "PROPN"), ("ACR_NE", "PROPN"), ("ACR_NN", "NOUN"), ("VV", "VERB"),
    ("VA", "AUX"), ("VM", "AUX"), ("ADJ", "ADJ"), ("ADV", "ADV"), ("PROAV", "ADV"), ("PWAV", "ADV"),
    ("APPR", "ADP"), ("APPO", "ADP"), ("APZR", "ADP"), ("KOKOM", "ADP"), ("ART", "DET"),
    ("PDAT", "DET"), ("PIAT", "DET"), ("PPOSAT", "DET"), ("PWAT", "DET"), ("PRELAT", "DET"),
    ("PRELS", "PRON"), ("PPER", "PRON"), ("PRF", "PRON"), ("PDS", "PRON"), ("PIS", "PRON"),
    ("PPOSS", "PRON"), ("PWS", "PRON"), ("KON", "CCONJ"), ("KOUS", "SCONJ"), ("KOUI", "SCONJ"),
    ("PTK", "PART"), ("CARD", "NUM"), ("ORD", "NUM"), ("$", "PUNCT"), ("FM", "X"), ("TRUNC", "X"),
    ("XY", "X"), ("ITJ", "X"),
]
_COARSE_EN = [
    ("NN", "NOUN"), ("NP", "PROPN"), ("VV", "VERB"), ("VB", "AUX"), ("VD", "AUX"), ("VH", "AUX"),
    ("VM", "AUX"), ("AJ", "ADJ"), ("AV", "ADV"), ("PRP", "ADP"), ("PRF", "ADP"), ("AT", "DET"),
    ("DT", "DET"), ("DPS", "DET"), ("PN", "PRON"), ("EX", "PRON"), ("CJC", "CCONJ"), ("CJS", "SCONJ"),
    ("CJT", "SCONJ"), ("TO", "PART"), ("XX", "PART"), ("POS", "PART"), ("CRD", "NUM"), ("ORD", "NUM"),
    ("PU", "PUNCT"), ("ZZ", "X"), ("UNC", "X"), ("ITJ", "X"),
]
# Tags whose lemma is worth computing (content words); others keep the folded form.
_OPEN = {"NOUN", "VERB", "AUX", "ADJ"}
SEPARABLE_PARTICLE = "PTKVZ"
LONGEST = 64  # longer unknown "words" are analysed by their last TAIL characters only
TAIL = 32


class _Tagger:
    """One HanTa model with memoised word analyses."""

    def __init__(self, lang: str):
        from HanTa import HanoverTagger

        self.lang = lang
        self.model = HanoverTagger.HanoverTagger(MODELS[lang])
        cache = self.model.cache
        for word, tags in cache.items():   # HanTa only reads them: as tuples of numbers the
            # garbage collector need not walk its ~50 000 lists; the scores as Python floats (some
            # are numpy scalars, the same numbers but several times slower in every sum)
            cache[word] = tuple([(tag, float(score)) for tag, score in tags])
        self._searches = morphology.install(self.model)   # the same morpheme searches, faster
        self._candidates: dict[tuple[str, bool], tuple[tuple, bool]] = {}   # _viterbi's tags per word
        self._heads: dict[str, tuple[str, str] | None] = {}   # see _head
        # _viterbi's transition scores by state (its key, see _viterbi) as arrays indexed by tag
        # (see _dense_row), each with the key its state's next states start from (_dense_key_row)
        self._dense_by_key: dict[int, tuple[int, array]] = {}
        self._width = 1 + max([abs(t) for t in self.model.int2tag]
                              + [t for nexts in self.model.LP_trans_word.values() for t in nexts])
        self.known_lemmas = morphology.known_lemmas(self.model, lang, _OPEN, _pos)
        analyze = self.model._analyze
        known_analysis = self._known_analysis

        def analyze_known(w, pos, taglevel=1):   # a word of the model's lexicon: looked up
            return (taglevel == 1 and known_analysis(w, pos)) or analyze(w, pos, taglevel)
        word_tags = self._word_tags = lru_cache(maxsize=300_000)(self._compound_tags(self.model._tag_word))
        lemma = self._lemma = lru_cache(maxsize=300_000)(self._compound_lemma(analyze_known))
        # HanTa calls these through the instance, so the memoised versions serve its Viterbi too
        self.model._tag_word = lambda w, cutoff=5, casesensitive=True, conditional=False: \
            word_tags(w, cutoff, casesensitive, conditional)
        self.model._analyze = lambda w, pos, taglevel=1: lemma(w, pos, taglevel)
        self.coarse = _COARSE_DE if lang == "de" else _COARSE_EN
        self._names_of: str | None = None   # the gazetteer whose words' searches are kept (see learn_names)

    def _head(self, word: str) -> tuple[str, str] | None:
        """A German compound the model does not know, split before the longest noun it knows
        at its end ("wasserstoff|allianz"): the head says what the compound is, without HanTa's
        morpheme search over every split (the slow part on unseen words).

        A "word" longer than ``LONGEST`` characters that the model does not know (a hash, a
        run of one letter, base64) is read by its last ``TAIL`` characters in any language:
        HanTa's search costs about the cube of the length (2 s at 500 characters, 16 s at
        1000, hours at 10 000), and one such token in a document held the server's only
        writer that long. Words up to ``LONGEST`` characters are analysed as before.

        Memoised per word (the candidates, the lemma and the word class of a word ask it)."""
        heads = self._heads
        if word in heads:
            return heads[word]
        if len(heads) >= 300_000:
            heads.clear()
        split = heads[word] = self._split(word)
        return split

    def _split(self, word: str) -> tuple[str, str] | None:
        """_head, not memoised."""
        low = word.lower()
        cache = self.model.cache
        if (self.lang != "de" or len(word) < 9) and len(low) <= LONGEST:
            return None
        if low in cache:
            return None
        if self.lang == "de" and len(word) >= 9:
            for k in range(max(4, len(low) - LONGEST), len(low) - 4):
                head = low[k:]
                tags = cache.get(head)
                if tags and self.model.int2tag[max(tags, key=lambda x: x[1])[0]] == "NN":
                    return low[:k], head
        if len(low) > LONGEST:
            return low[:-TAIL], low[-TAIL:]
        return None

    def _compound_tags(self, tag_word):
        def tags(w, cutoff=5, casesensitive=True, conditional=False):
            split = self._head(w)
            if split is not None:
                head = split[1]
                w = head.capitalize() if w[:1].isupper() else head
            # a tuple: its callers only read it, and the garbage collector stops tracking it
            return tuple(tag_word(w, cutoff, casesensitive, conditional))
        return tags

    def _compound_lemma(self, analyze):
        def lemma(w, pos, taglevel=1):
            split = self._head(w)
            if split is None:
                return analyze(w, pos, taglevel)
            out = analyze(split[1], pos, taglevel)
            return (w[:len(split[0])] + out[0].lower(),) + tuple(out[1:]) if isinstance(out, tuple) else out
        return lemma

    def learn_names(self, gaz) -> None:
        """Keep the morpheme searches of the gazetteer's words (its names' words, the given names,
        the lexicon's words, folded and as written; :func:`morphology.name_analyses`), made once
        per gazetteer: a name the model does not know is then tagged without a search in every
        text that writes it."""
        key = gaz.sources_hash
        if key == self._names_of:
            return
        words = {w for phrase in gaz.phrases for w in phrase} | set(gaz.given_names) \
            | {w for phrase in gaz.lex_phrases for w in phrase} | gaz.written_words
        self._searches.named = morphology.name_analyses(self._searches, self.lang, words, key)
        self._names_of = key

    def forget(self) -> None:
        """Drop the memoised word analyses (to time the tagger on words it has not seen)."""
        self._word_tags.cache_clear()
        self._lemma.cache_clear()
        self._searches.forget()
        self._candidates.clear()
        self._heads.clear()

    def tags(self, words: list[str]) -> list[str]:
        if not words:
            return []
        return [self.model.int2tag[t] for t in self._viterbi(words)]

    def _viterbi(self, words: list[str]) -> list[int]:
        """The most probable tag sequence under HanTa's model (its transition and word tables).

        The same search as HanTa's own Viterbi (trigram states, the best states of a row kept),
        but each state is extended only by the tags the next word can have, not by every tag:
        several times faster on the same model, with the same result. (A state is stored when
        its score beats the row's, and a new one's when it is above -1e6: ``row.get(new, -1e6)``
        asks both at once, since a stored score is always above -1e6.)

        A state (t1, t2) is kept as one number, ``(t1 + W) * 3W + (t2 + W)`` for the tag width W
        (any tag from -W to 2W - 1 has its own): a new state is then an addition, not a tuple
        made and hashed for every state and tag tried. The states are met, compared and stored
        in the same order as with tuples, so the result is the same."""
        model = self.model
        trans = model.LP_trans_word
        dense = self._dense_by_key
        memo = self._candidates
        width = self._width
        span = 3 * width          # the key of state (t1, t2): (t1 + width) * span + t2 + width
        back: list[dict] = []
        prev = {(_EMPTY + width) * span + _START + width: 0.0}
        for i, w in enumerate(words):
            known = memo.get((w, i > 0))
            if known is None:
                known = self._candidates_of(w, i > 0)
            cands, has_tags = known
            if len(prev) > 5:
                bound = sorted(prev.values(), reverse=True)[5] - 1
            else:
                bound = -1e6
            row: dict = {}
            ptr: dict = {}
            stored = row.get
            for state, lp0 in prev.items():
                if lp0 < bound:
                    continue
                if has_tags:
                    # the state's scores as an array by tag, -inf where the model has none:
                    # (lp0 + -inf) + lpw is -inf and never stored, as no score is skipped;
                    # and the key of (s1, c) is base + c (s1 the state's second tag, see _dense_key_row)
                    known_row = dense.get(state)
                    if known_row is None:
                        known_row = self._dense_key_row(state, span, width)
                    base, follows = known_row
                    for c, lpw in cands:
                        lp = lp0 + follows[c] + lpw
                        new = base + c
                        if lp > stored(new, -1e6):
                            row[new] = lp
                            ptr[new] = state
                else:
                    base = (state % span) * span + width
                    for c, lpt in trans[(state // span - width, state % span - width)].items():
                        if c == _END:
                            continue
                        lp = lp0 + lpt + 0.0
                        new = base + c
                        if lp > stored(new, -1e6):
                            row[new] = lp
                            ptr[new] = state
            back.append(ptr)
            prev = row
        best, best_lp = None, -math.inf
        for state, lp0 in prev.items():
            lp = lp0 + trans[(state // span - width, state % span - width)].get(_END, -math.inf)
            if lp > best_lp:
                best, best_lp = state, lp
        if best is None:   # no path (should not happen): HanTa's own search
            return model.tag_sent_viterbi(words)
        tags = []
        state = best
        for i in range(len(words) - 1, -1, -1):
            tags.append(state % span - width)
            state = back[i][state]
        return tags[::-1]

    def _dense_key_row(self, key: int, span: int, width: int) -> tuple[int, array]:
        """For the state with that key (see :meth:`_viterbi`), the key of (its second tag, tag 0),
        ``(key % span) * span + width`` (the key of (its second tag, c) is that plus c), and its
        :meth:`_dense_row`; kept by key, so the Viterbi looks both up at once."""
        row = self._dense_by_key[key] = ((key % span) * span + width,
                                         self._dense_row((key // span - width, key % span - width)))
        return row

    def _dense_row(self, state: tuple[int, int]) -> array:
        """HanTa's transition scores from ``state`` (``LP_trans_word[state]``, a dict by tag) as
        an array indexed by tag, -inf for a tag the dict lacks: one look-up in a small block of
        memory instead of a dict's. Made for a state when the Viterbi first reaches it, then kept
        by :meth:`_dense_key_row` (they depend on the model only)."""
        return array("d", [self.model.LP_trans_word[state].get(t, -math.inf) for t in range(self._width)])

    def _candidates_of(self, w: str, inside: bool) -> tuple[tuple, bool]:
        """The tags word ``w`` can have (``inside``: not the first of its sentence) with their
        scores, but the end tag, and whether it has any (an unknown word can have every tag);
        memoised in ``_candidates``."""
        memo = self._candidates
        tags = dict(self._conditional_tags(w, inside))
        if len(tags) == 1 and _UNKNOWN in tags:
            tags = {}
        if len(memo) >= 300_000:
            memo.clear()
        known = memo[(w, inside)] = (tuple([(c, lpw) for c, lpw in tags.items() if c != _END]), bool(tags))
        if tags and max(tags) >= self._width:   # (never: the model's tags are fewer; the end tag is below)
            self._width = 1 + max(tags)
            self._dense_by_key.clear()
        return known

    def _conditional_tags(self, w: str, casesensitive: bool) -> list:
        """``self.model._tag_word(w, 5, casesensitive, True)`` (a compound the model does not
        know by its head, see _compound_tags), without the memo and wrappers in between: each
        word asks it once per pass (its result is memoised in ``_candidates``). HanTa's own
        steps in its order: the word's scores (from the lexicon, else the morpheme search),
        plus the case term, minus the tag's word term, sorted, and cut 5 below the best for
        a word the lexicon does not know."""
        model = self.model
        split = self._head(w)
        if split is not None:
            head = split[1]
            w = head.capitalize() if w[:1].isupper() else head
        upcase = bool(casesensitive and w[0].isupper())
        word = model.normalize(w)
        p_tags = model.cache.get(word)
        cached = p_tags is not None
        if not cached:
            p_tags = model.analyze_forward(word)
        case, wtag = model.LP_case_t, model.LP_wtag
        p_w_tags = []
        for tag, p in p_tags:
            if tag != _UNKNOWN:
                if casesensitive:
                    p += case[tag][upcase]
                p -= wtag[tag]
            p_w_tags.append((tag, p))
        p_w_tags.sort(key=itemgetter(1), reverse=True)
        if not cached and p_w_tags:
            limit = p_w_tags[0][1] - 5
            p_w_tags = [(tag, p) for (tag, p) in p_w_tags if p >= limit]
        return p_w_tags

    def _known_analysis(self, word: str, number: int):
        """The analysis (lemma first) of a word of the model's lexicon with the tag numbered
        ``number``, from the table of known lemmas; None (or empty) for another word."""
        return self.known_lemmas.get((word.lower(), number))

    def lemma(self, word: str, tag: str) -> str:
        number = self.model.tag2int.get(tag)
        if number is None:
            return word
        # a word of the model's lexicon: its lemma from the table, without the memo and wrappers
        # that model._analyze goes through (they find the same entry: such a word is never split)
        known = self._known_analysis(word, number)
        if known:
            return known[0]
        return self.model._analyze(word, number)[0]

    def pos(self, tag: str) -> str:
        return _pos(tag, self.lang)


@lru_cache(maxsize=512)
def _pos(tag: str, lang: str) -> str:
    for prefix, coarse in (_COARSE_DE if lang == "de" else _COARSE_EN):
        if tag.startswith(prefix):
            return coarse
    return "X"


@lru_cache(maxsize=2)
def tagger(lang: str) -> _Tagger:
    """The tagger for ``lang`` ('de' or 'en'; anything else gets the English model).

    A model is large tables made once and then only read: the cyclic garbage collector pauses
    while it loads and afterwards leaves it, with everything else the process holds at that
    moment, out of its walks (``gc.freeze``, as the view builds do). Otherwise every full
    collection walks the tables again for nothing (about 6% of the time on unseen text);
    reference counting still frees everything as before."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Tagger(lang if lang in MODELS else "en")
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


_NUMERIC_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?$|^\d{4}-\d{2}-\d{2}$")
_DATE_STANDIN = {"de": "Montag", "en": "Monday"}


def lexicon_tags(lang: str, word: str) -> list[str]:
    """The fine tags the tagger's own lexicon gives ``word`` exactly as written (a common word in
    lower case: "verkauf" -> ["NN"]); empty for a word it does not know.

    >>> "NN" in lexicon_tags("de", "markt")
    True
    """
    model = tagger(lang).model
    return [model.int2tag[t] for t, _ in model.cache.get(word, ())]


def annotate(tokens: list[Token], lang: str, spans: list[tuple[int, int]] | None = None, gaz=None) -> None:
    """Set ``tag``, ``pos`` and ``lemma`` on ``tokens``, tagging each span (sentence) on its own
    (with the gazetteer ``gaz``, its words' searches are made once and kept: _Tagger.learn_names)."""
    tg = tagger(lang)
    if gaz is not None:
        tg.learn_names(gaz)
    coarse: dict[str, str] = {}                # tag -> tg.pos(tag), for this document
    lemmas: dict[tuple[str, str], str] = {}    # (word, tag) -> its folded lemma, for this document
    sentences = []
    for s, e in spans or [(0, len(tokens))]:
        # a numeric date ("12.05.2019") is tagged in the place of a day word, which the model
        # knows ("Am 12.05.2019 unterzeichneten …" is read like "Am Montag unterzeichneten …");
        # every such date begins with a digit, the cheap test first
        dates = [t.text[:1].isdigit() and _NUMERIC_DATE.match(t.text) is not None for t in tokens[s:e]]
        words = [_DATE_STANDIN[lang] if d else t.text for t, d in zip(tokens[s:e], dates)]
        sentences.append((s, e, dates, words))
    # the tags every word of the document can have (the morpheme searches of new words), all
    # before the first sentence is tagged: the searches then run one after another, on tables
    # still in the processor's caches (the Viterbi finds them memoised; the same results)
    memo = tg._candidates
    for _s, _e, _dates, words in sentences:
        for k, w in enumerate(words):
            if (w, k > 0) not in memo:
                tg._candidates_of(w, k > 0)
    for s, e, dates, words in sentences:
        for tok, is_date, tag in zip(tokens[s:e], dates, tg.tags(words)):
            if is_date:
                tag = "CARD" if lang == "de" else "CRD"
            tok.tag = tag
            pos = coarse.get(tag)
            if pos is None:
                pos = coarse[tag] = tg.pos(tag)
            tok.pos = pos
            if pos == "ADJ":
                tok.lemma = _adjective_lemma(tok.fold, tag, lang)
            elif pos in _OPEN:
                key = (tok.text, tag)
                lemma = lemmas.get(key)
                if lemma is None:
                    lemma = lemmas[key] = fold(tg.lemma(tok.text, tag))
                tok.lemma = lemma
            else:
                tok.lemma = tok.fold
        if lang == "de":
            _participles(tg, tokens, s, e)
            _finiteless_past(tg, tokens, s, e)
            _attach_particles(tokens, s, e)
        else:
            _passive_participles(tg, tokens, s, e)
            _verbless_past(tg, tokens, s, e)
            _simple_past(tokens, s, e)


def _adjective_lemma(folded: str, tag: str, lang: str) -> str:
    """An attributive German adjective without its ending ("gemeinsamen" -> "gemeinsam"); other
    adjectives as they are. Cheaper than a morphological search and the same for regular forms.

    >>> _adjective_lemma("bestehenden", "ADJ(A)", "de"), _adjective_lemma("joint", "AJ0", "en")
    ('bestehend', 'joint')
    """
    if lang != "de" or tag != "ADJ(A)" or len(folded) < 5:
        return folded
    for ending in ("en", "em", "er", "es", "e"):
        if folded.endswith(ending):
            return folded[: -len(ending)]
    return folded


_AUXILIARIES = {"werden", "sein", "haben"}


def _participles(tg: _Tagger, tokens: list[Token], s: int, e: int) -> None:
    """A participle next to a passive or perfect auxiliary is a verb, even where the tagger read an
    adjective ("Unterschrieben wurde gestern", "… ist unterzeichnet worden")."""
    for k in range(s, e):
        tok = tokens[k]
        if tok.tag == "ADJ(A)" and tok.lemma.endswith(("t", "en")) and k + 1 < e and tokens[k + 1].tag in ("NN", "TRUNC"):
            # an attributive participle: "die nun unterzeichnete Vereinbarung", also of a strong verb
            # ("das mit Polen geschlossene Abkommen", "der unterschriebene Vertrag"), also before a
            # word cut off with a hyphen ("die 2009 geschlossenen Liefer- und Transitverträge")
            form = tok.text.lower()
            for ending in ("en", "em", "er", "es", "e"):
                if form.endswith(ending) and fold(form[: -len(ending)]) == tok.lemma:
                    form = form[: -len(ending)]   # without its ending but with its umlauts: "gegründet"
                    break
            lemma = fold(tg.lemma(form, "VV(PP)"))
            if lemma != tok.lemma and lemma.endswith("n") and len(lemma) > 4:
                tok.tag, tok.pos, tok.lemma = "VV(PP)", "VERB", lemma
            continue
        if not tok.tag.startswith("ADJ") or not tok.fold.endswith(("t", "en")):
            continue
        near = [tokens[j] for j in (k - 1, k + 1) if s <= j < e]
        if not any(n.pos == "AUX" and n.lemma in _AUXILIARIES for n in near):
            continue
        lemma = fold(tg.lemma(tok.text.lower(), "VV(PP)"))
        if lemma != tok.fold and lemma.endswith("n"):
            tok.tag, tok.pos, tok.lemma = "VV(PP)", "VERB", lemma


def _finiteless_past(tg: _Tagger, tokens: list[Token], s: int, e: int) -> None:
    """A German sentence without any finite verb whose weak past form in "-te(n)" after its first
    phrase was read as an adjective ("Im April vereinbarte Eni mit Y, …", "Danach unterzeichnete
    der Minister …"): that word is the sentence's finite verb. Not before a noun or an adjective
    ("die vereinbarte Lieferung", "vereinbarte neue Mengen"); the counterpart of the English
    :func:`_verbless_past`."""
    if any(t.tag.endswith("(FIN)") for t in tokens[s:e]):
        return
    for k in range(s + 1, e - 1):
        tok, nxt = tokens[k], tokens[k + 1]
        if tok.tag != "ADJ(A)" or not tok.text.islower() or not tok.fold.endswith(("te", "ten")) \
                or nxt.pos not in ("DET", "PROPN", "PRON", "ADV", "ADP"):
            continue
        lemma = fold(tg.lemma(tok.text, "VV(FIN)"))
        if not lemma or lemma == tok.fold or not lemma.endswith("n"):
            continue
        tok.tag, tok.pos, tok.lemma = "VV(FIN)", "VERB", lemma
        return


def _passive_participles(tg: _Tagger, tokens: list[Token], s: int, e: int) -> None:
    """The English "-ed" word after a form of "be" (an adverb between) that the tagger read as an
    adjective is the participle of a passive where it has a verb lemma of its own ("the pact was
    renewed on Thursday", "the memorandum was formally renewed"); the German counterpart is
    :func:`_participles`."""
    for k in range(s + 1, e):
        tok = tokens[k]
        if tok.tag != "AJ0" or not tok.fold.endswith("ed") or not tok.text.islower():
            continue
        j = k - 1
        if j > s and tokens[j].pos == "ADV":
            j -= 1
        if tokens[j].pos != "AUX" or tokens[j].lemma != "be":
            continue
        lemma = fold(tg.lemma(tok.text, "VVN"))
        if lemma and lemma != tok.fold:
            tok.tag, tok.pos, tok.lemma = "VVN", "VERB", lemma


_FINITE_EN = ("VVD", "VVZ", "VVB", "VBD", "VBZ", "VBB", "VHD", "VHZ", "VHB", "VDD", "VDZ", "VDB", "VM0")
_CLAUSE_START_EN = {"that", "which", "who", "whom", "when", "after", "as", "because", "while", "where"}


def _verbless_past(tg: _Tagger, tokens: list[Token], s: int, e: int) -> None:
    """A sentence without any finite verb whose "-ed" word after its subject was read as an
    adjective ("the regional government inked deals with …", "X, the joint company, signed supply
    contracts"): that word is the sentence's past verb. Not after an article, adverb or
    preposition ("the newly signed deal", "a list of signed agreements")."""
    if any(t.tag in _FINITE_EN or t.pos in ("AUX", "VERB") and t.tag != "VVN" and t.tag != "VVG"
           for t in tokens[s:e]):
        return
    for k in range(s + 1, e - 1):
        tok, prev, nxt = tokens[k], tokens[k - 1], tokens[k + 1]
        if tok.pos != "ADJ" or not tok.fold.endswith("ed") or not tok.text.islower():
            continue
        if not (prev.pos in ("NOUN", "PROPN") or prev.text == ",") or nxt.pos not in ("NOUN", "DET", "NUM", "ADJ", "PROPN"):
            continue
        lemma = fold(tg.lemma(tok.text, "VVD"))
        if lemma == tok.fold or not lemma:
            continue
        tok.tag, tok.pos, tok.lemma = "VVD", "VERB", lemma
        return


_NAME_POS = {"PROPN", "NOUN", "DET", "CCONJ", "ADJ", "NUM"}
# the longest subject of names only (words, brackets) between a complementizer and its simple past:
# long enough for two named sides with a bracketed place ("that Kappa Power (Lima) Limited and the Board signed")
NAMES_SUBJECT_REACH = 16


def _simple_past(tokens: list[Token], s: int, e: int) -> None:
    """An English past form the tagger read as a participle, where it is the only verb of its
    clause and follows its subject with no auxiliary ("… a memorandum that the two sides signed
    in 2022"): a simple past."""
    for k in range(s + 1, e):
        tok = tokens[k]
        if tok.tag != "VVN" or tokens[k - 1].pos not in ("NOUN", "PROPN", "PRON"):
            continue
        j = k - 1
        while j > s and (tokens[j].text not in CLAUSE_END or tokens[j].text in ("(", ")")) and tokens[j].fold not in _CLAUSE_START_EN \
                and not (tokens[j].tag in _FINITE_EN or tokens[j].pos == "AUX" or tokens[j].lemma in ("be", "have", "get")):
            j -= 1
        if (tokens[j].fold not in _CLAUSE_START_EN and tokens[j].text != ";") or k - j > 6 and not (
                k - j <= NAMES_SUBJECT_REACH and all(tokens[x].pos in _NAME_POS or tokens[x].text in ("(", ")") for x in range(j + 1, k))):
            continue   # no complementizer (or semicolon) before the subject: "the agreement signed in Lima" stays a
            # participle; a longer subject is fine when it is names only ("that Kappa Power (Lima) Limited and the Board signed")
        after = range(k + 1, e)
        if any(tokens[x].tag in _FINITE_EN for x in after if not any(tokens[y].text in CLAUSE_END for y in range(k + 1, x))):
            continue
        tok.tag = "VVD"
    for k in range(s + 1, e - 1):
        tok = tokens[k]
        if tok.tag != "VVD" or tokens[k + 1].fold not in ("by", "between", "among"):
            continue
        prev = tokens[k - 1]
        if prev.pos == "NOUN" and prev.text.islower() and prev.tag in ("NN1", "NN2", "NN0"):
            tok.tag = "VVN"   # a reduced relative: "a ceremony attended by X", "the deal brokered by Y",
            # "the agreement concluded between X and Y"
        elif prev.text == "," and tokens[k + 1].fold == "by" and any(tokens[j].tag in _FINITE_EN for j in range(s, k - 1)):
            tok.tag = "VVN"   # a participle phrase after the clause: "…, witnessed by X"


def _attach_particles(tokens: list[Token], s: int, e: int) -> None:
    """A separable particle ("ab" in "schloss … ab") joins the finite verb before it in its clause."""
    for k in range(s, e):
        tok = tokens[k]
        if tok.fold == "dabei" and k + 1 < e and tokens[k + 1].text in CLAUSE_END:
            # "waren bei der Unterzeichnung dabei": "dabei" closing a clause of "sein" is its particle
            j = k - 1
            while j >= s and tokens[j].text not in CLAUSE_END:
                if tokens[j].lemma == "sein" and tokens[j].tag.endswith("(FIN)"):
                    tokens[j].lemma = "dabeisein"
                    tokens[j].particle = k
                    break
                j -= 1
            continue
        if tok.tag != SEPARABLE_PARTICLE:
            continue
        j = k - 1
        while j >= s and (tokens[j].text not in CLAUSE_END or _apposition_comma(tokens, s, j, k)):
            if tokens[j].pos == "VERB" and tokens[j].tag.endswith("(FIN)"):
                tokens[j].lemma = tok.fold + tokens[j].lemma
                tokens[j].particle = k
                break
            j -= 1


def _apposition_comma(tokens: list[Token], s: int, j: int, k: int) -> bool:
    """A comma of an apposition between a verb and its particle ("nahm Anna Beispiel, Ministerin
    für Energie, teil"): back to the nearest verb there is no other verb and no word that opens a
    clause, and that verb is finite and followed by a word of its own before the first comma."""
    if tokens[j].text != ",":
        return False
    i = k - 1
    while i >= s:
        t = tokens[i]
        if t.text in (".", ";", ":", "!", "?", "(", ")", "„", "“", "\"") or t.tag in ("PRELS", "PRELAT", "KOUS", "KOUI", "PWS", "PWAV"):
            return False
        if t.pos in ("VERB", "AUX"):
            return t.tag.endswith("(FIN)") and i + 1 < k and tokens[i + 1].text != ","
        i -= 1
    return False
