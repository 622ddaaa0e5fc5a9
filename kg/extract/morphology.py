"""Faster, exact versions of HanTa's two morpheme searches (``analyze_forward``, ``analyze_viterbi``).

HanTa analyses a word it has not seen by a Viterbi search over its segmentations: every
segment ``word[i:j]`` is tried with every morpheme tag that can follow a state, and
``lp_m_t`` is asked for its log probability. Most of these pairs have none (a segment that is
not a known morpheme of that tag, where no guess is allowed), yet each one costs a method
call. These versions give the same results, number for number and in the same order (the same
additions in the same order, the same states inserted in the same order, so ties break alike),
but look a segment up once in an index from morpheme to tags and skip the pairs that cannot
score. They are installed on a model instance by :func:`install`; ``tests/extract`` checks them
against HanTa's own methods.
"""

from __future__ import annotations

import math
from collections import defaultdict
from operator import itemgetter

from numpy import logaddexp

_EMPTY, _START = 0, 1
_UNKNOWN, _END_UNKNOWN = 3, -3
_LOWER = -1e6


def _finite(terms: dict[int, float]) -> tuple[tuple[int, float], ...]:
    """The entries of ``terms`` that are not -inf, as a tuple of (tag, term)."""
    return tuple((t, lp) for t, lp in terms.items() if lp != -math.inf)


class FastSearch:
    """The morpheme searches of one HanTa model, with its morpheme index."""

    def __init__(self, model):
        self.model = model
        index: dict[str, dict[int, float]] = {}
        for tag, morphs in model.LP_m_t.items():
            for m, lp in morphs.items():
                index.setdefault(m, {})[tag] = lp
        self.index = index
        # the length of the longest morpheme (of four letters or more) by its first four letters
        longest: dict[str, int] = {}
        for m in index:
            if len(m) >= 4 and longest.get(m[:4], 0) < len(m):
                longest[m[:4]] = len(m)
        self.longest = longest
        # the morphemes of two letters or more by their first two letters: a row's segments all
        # begin with the same two, so its look-ups go to one small table
        by_two: dict[str, dict[str, dict[int, float]]] = {}
        for m, tags in index.items():
            if len(m) >= 2:
                by_two.setdefault(m[:2], {})[m] = tags
        self.by_two = by_two
        # tags whose unknown morphemes get a guessed probability (lp_m_t's non-strict branch):
        # Int_t + LP_hapax_t[t] + LP_len_t[t][min(len, 24)] + (the suffix's), summed in that order
        guessing = frozenset(t for t in model.LP_hapax_t if t in model.LP_s_t)
        self.guessing = guessing
        self.base = {t: [model.Int_t + model.LP_hapax_t[t] + model.LP_len_t[t][min(n, 24)] for n in range(25)]
                     for t in guessing}
        # the suffix term: LP_s_t[t] of the longest final 1-4 letters it lists, else of ""
        self.no_suffix = {t: model.LP_s_t[t][""] for t in guessing}
        self.suffix_index: dict[str, dict[int, float]] = {}
        for t in guessing:
            for suffix, lp in model.LP_s_t[t].items():
                if suffix:
                    self.suffix_index.setdefault(suffix, {})[t] = lp
        self.suffix_table = self._suffix_table()
        # the same as tuples of (tag, term) without the terms -inf (see _suffix_terms)
        self.suffix_finite = {suffix: _finite(terms) for suffix, terms in self.suffix_table.items()}
        self.no_suffix_finite = _finite(self.no_suffix)
        self._followups: dict = {}
        self._guesses: dict = {}   # see _suffix_terms

    def _followup(self, state, targetpos=None) -> tuple:
        """What can follow ``state`` (towards ``targetpos``, when given): the list of
        ``(tag, lpt)``, a dict from tag to ``(position in the list, lpt)``, and the set of its
        tags whose unknown morphemes are guessed."""
        memo = self._followups_to(targetpos)
        out = memo.get(state)
        if out is None:
            model = self.model
            followup = model.LP_trans_nonfinal.get(state, [])
            if targetpos is not None:
                reachable_t = model.reachability.get(targetpos, frozenset())
                followup = [(t, p) for (t, p) in followup if t in reachable_t]
            where = {t: (k, p) for k, (t, p) in enumerate(followup)}
            out = memo[state] = (followup, where, self.guessing.intersection(where))
        return out

    def _followups_to(self, targetpos) -> dict:
        """The memo of :meth:`_followup` for one target, keyed by state: the searches look a
        row's states up there directly, and call the method only for a state not seen yet."""
        memo = self._followups.get(targetpos)
        if memo is None:
            memo = self._followups[targetpos] = {}
        return memo

    def _rows(self, word: str, table: list, backpointer: list | None, strict: bool, targetpos=None) -> None:
        """Fill the search's rows: each row ``i`` in turn extends its active states (those not
        more than 1 below its fourth best) by every segment ``word[i:j]``.

        A segment scores with a tag when it is a known morpheme of that tag, or, outside strict
        mode, when the tag guesses unknown morphemes and the segment is long enough; the guess
        is HanTa's ``lp_m_t`` formula (see :meth:`_suffix_terms`). The scores
        are listed per tag first; then each (state, tag) of the row is extended over its
        segments. Every row ``j`` sees the same updates in the same order as in HanTa's loops
        (the states in row order, their tags in order), and each sum is formed as HanTa forms
        it, ``(lp + lpt) + m``. (One call per search, not per row: a word's rows are short, and
        what every row reads is looked up once.)"""
        wlen = len(word)
        index = self.index
        guessing = self.guessing
        base = self.base
        neg_inf = -math.inf
        guesses = self._guesses
        longest = self.longest
        by_two = self.by_two
        followups, follow = self._followups_to(targetpos), self._followup
        for i in range(wlen):
            row = table[i]
            if len(row) > 3:
                rowbound = sorted(row.values(), reverse=True)[3] - 1
            else:
                rowbound = _LOWER
            active = [(state, lp, followups.get(state) or follow(state, targetpos)) for state, lp in row.items()
                      if not lp < rowbound]
            if not active:
                continue
            # the guessing tags some state can go on with (their order does not matter: each tag's
            # segments are listed in the order of j). Known morphemes are listed with all their tags:
            # the states below read only the tags they can follow, so no other tag needs filtering.
            guessed_tags = set()
            for _state, _lp, (_followup, _where, guessed) in active:
                guessed_tags |= guessed
            guess_from = wlen + 1 if strict or not guessed_tags else (i + 1 if wlen < 4 else i + 3)
            scores: defaultdict[int, list] = defaultdict(list)   # tag -> (end, score) of its segments
            # the longest morpheme that begins with the four letters at i: no longer segment is looked up
            last = i + max(3, longest.get(word[i:i + 4], 0)) if wlen - i >= 4 else wlen
            starting = by_two.get(word[i:i + 2])   # the morphemes that begin with word[i:i + 2]
            if starting is None:
                last = i + 1
            # without guesses no segment past ``last`` can score: the loop stops there
            for j in range(i + 1, (wlen if guess_from <= wlen or last > wlen else last) + 1):
                if j > last:
                    known = None
                elif j == i + 1:
                    known = index.get(word[i])
                else:
                    known = starting.get(word[i:j])
                if j >= guess_from:
                    mlen = j - i
                    ending = word[j - 4:j] if mlen > 4 else word[i + 1:j]
                    suffix = guesses.get(ending)
                    if suffix is None:
                        suffix = self._suffix_terms(ending)
                    length = 24 if mlen > 24 else mlen
                    whole = mlen == wlen
                    # the tags whose suffix term is finite (with any other the guess is -inf and
                    # never listed); a known morpheme of the tag is listed with its own score below
                    for t, term in suffix:
                        if t not in guessed_tags or known is not None and t in known:
                            continue
                        m = base[t][length] + term
                        if whole:
                            m -= 4.6
                        if m == neg_inf:
                            continue   # no update could pass
                        scores[t].append((j, m))
                    if known is not None:
                        for t, m in known.items():
                            if t in guessing and t not in guessed_tags:
                                continue   # a guessing tag no state can go on with
                            scores[t].append((j, m))
                elif known is not None:
                    for t, m in known.items():
                        scores[t].append((j, m))
            if not scores:
                continue
            for state, lp, (followup, where, _guessed) in active:
                s1 = state[1]
                if len(followup) > 2 * len(scores):   # a long list: its tags that score, in its order
                    hits = sorted(where[t] for t in scores if t in where)
                    followup = [(followup[k][0], lpt) for k, lpt in hits]
                for tag1, lpt in followup:
                    segments = scores.get(tag1)
                    if segments is None:
                        continue
                    pre = lp + lpt
                    newstate = (s1, tag1)
                    if backpointer is None:
                        # a stored score is always above _LOWER: one look-up asks both conditions
                        for j, m in segments:
                            lp1 = pre + m
                            tj = table[j]
                            if lp1 > tj.get(newstate, _LOWER):
                                tj[newstate] = lp1
                    else:
                        pointer = (state, i)
                        for j, m in segments:
                            lp1 = pre + m
                            if lp1 > _LOWER:
                                tj = table[j]
                                old = tj.get(newstate)
                                if old is None or lp1 > old:
                                    tj[newstate] = lp1
                                    backpointer[j][newstate] = pointer

    def _suffix_table(self) -> dict[str, dict[int, float]]:
        """For every suffix that some guessing tag lists, the suffix terms (see
        :meth:`_suffix_terms`) of an ending whose longest listed suffix it is: the entries of
        its own listed suffixes, longer over shorter, over the entries for no suffix. Built once
        from the model, so that an ending never seen before costs a few look-ups."""
        table: dict[str, dict[int, float]] = {}
        for suffix in sorted(self.suffix_index, key=len):
            shorter = next((table[suffix[-k:]] for k in range(len(suffix) - 1, 0, -1) if suffix[-k:] in table),
                           self.no_suffix)
            table[suffix] = {**shorter, **self.suffix_index[suffix]}
        return table

    def _suffix_terms(self, ending: str) -> tuple[tuple[int, float], ...]:
        """Per guessing tag, the suffix term of HanTa's guess for an unknown morpheme whose last
        letters (up to four, fewer than the morpheme has) are ``ending``: the entry of the
        longest of its endings that the tag's table lists, else the entry for no suffix.
        Memoised: it depends on ``ending`` only."""
        terms = self.no_suffix_finite
        for k in range(min(4, len(ending)), 0, -1):
            found = self.suffix_finite.get(ending[-k:])
            if found is not None:
                terms = found
                break
        if len(self._guesses) >= 100_000:
            self._guesses.clear()
        self._guesses[ending] = terms
        return terms

    def analyze_forward(self, word: str):
        model = self.model
        wlen = len(word)
        table = [{(_EMPTY, _START): 0}] + [{} for _ in range(wlen + 1)]
        self._rows(word, table, None, model.strict)
        last = table[-1]
        final = model.LP_trans_final
        for state, lp in table[-2].items():
            for tag1, lpt in final.get(state, []):
                lp1 = lp + lpt
                if lp1 > _LOWER:
                    newstate = (state[1], tag1)
                    if newstate not in last or lp1 > last[newstate]:
                        last[newstate] = lp1
        results: dict = {}
        for state, lp in last.items():
            if lp == -math.inf:
                continue
            pos = -state[1]
            if pos in results:
                # the same number as a Python float: numpy's scalars would make every later
                # sum of the tagger's Viterbi (which starts from these scores) several times slower
                results[pos] = float(logaddexp(results[pos], lp))
            else:
                results[pos] = lp
        result_list = list(results.items())
        result_list.sort(key=itemgetter(1), reverse=True)
        if len(result_list) == 0:
            result_list = [(_UNKNOWN, 0)]
        return result_list

    def analyze_viterbi(self, word: str, targetpos: int):
        model = self.model
        wlen = len(word)
        for localstrict in (True, False):
            table = [{(_EMPTY, _START): 0}] + [{} for _ in range(wlen + 1)]
            backpointer = [{} for _ in range(wlen + 2)]
            self._rows(word, table, backpointer, localstrict, targetpos)
            last = table[-1]
            for state, lp in table[-2].items():
                for tag1, lpt in model.LP_trans_final.get(state, []):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > _LOWER:
                            newstate = (state[1], tag1)
                            if newstate not in last or lp1 > last[newstate]:
                                last[newstate] = lp1
                                backpointer[-1][newstate] = (state, wlen)
                        break
            if len(last) > 0:
                break
        pmax = -math.inf
        beststate = (_EMPTY, _EMPTY)
        for state, lp in table[-1].items():
            if lp > pmax:
                pmax = lp
                beststate = state
        i = len(backpointer) - 1
        if beststate == (_EMPTY, _EMPTY):
            states = [((_UNKNOWN, _END_UNKNOWN), i), ((_START, _UNKNOWN), i - 1)]
        else:
            states = [(beststate, i)]
            state = beststate
            while i > 0:
                state, i = backpointer[i][state]
                states.append((state, i))
            states = states[:-1]
        return [(state[1], i) for (state, i) in states[::-1]]


class Memo:
    """The two searches memoised per word (and target tag): HanTa calls them with the lower-case
    word, so "Wasserstoff" and "wasserstoff", or one word in two positions, cost one search.
    HanTa only reads the results, so they are kept as tuples (of numbers: the garbage collector
    stops tracking them). At ``LIMIT`` entries a memo starts afresh.

    ``named`` holds the forward searches of the gazetteer's words, made once per gazetteer
    (:func:`name_analyses`): a word found there is not searched. It depends on the model and the
    gazetteer only, so :meth:`forget` keeps it, as the table of known lemmas is kept."""

    LIMIT = 200_000

    def __init__(self, fast: FastSearch):
        self.fast = fast
        self.forward: dict = {}
        self.viterbi: dict = {}
        self.named: dict = {}

    def analyze_forward(self, word: str):
        out = self.forward.get(word)
        if out is None:
            out = self.named.get(word)
            if out is not None:
                return out
            if len(self.forward) >= self.LIMIT:
                self.forward.clear()
            out = self.forward[word] = tuple(self.fast.analyze_forward(word))
        return out

    def analyze_viterbi(self, word: str, targetpos: int):
        key = (word, targetpos)
        out = self.viterbi.get(key)
        if out is None:
            if len(self.viterbi) >= self.LIMIT:
                self.viterbi.clear()
            out = self.viterbi[key] = tuple(self.fast.analyze_viterbi(word, targetpos))
        return out

    def forget(self) -> None:
        self.forward.clear()
        self.viterbi.clear()
        self.fast._guesses.clear()


LEMMA_TABLE_VERSION = 1
NAME_TABLE_VERSION = 1


def known_lemmas(model, lang: str, open_classes, coarse) -> dict:
    """``model._analyze(word, tag)`` for every word of the model's lexicon (``model.cache``) and
    each of its tags whose coarse class (``coarse(tag name, lang)``) is in ``open_classes``:
    the lemmas of known words, looked up instead of searched. The table depends on the model
    only (never on a text); it is built once (a few seconds) and kept in the user's cache
    directory beside the gazetteer's, keyed by HanTa's version and the model file. Without a
    cache directory there is no table (every lemma is searched, as before)."""
    from kg.extract.gazetteer import write_cache

    path = _table_path(lang, f"lemmas-{lang}", f"v{LEMMA_TABLE_VERSION}")
    if path is None:   # nowhere to keep it: not worth building for one process
        return {}
    table = _read_table(path)
    if table is not None:
        return table
    table = {}
    for word, tags in model.cache.items():
        for tag, _lp in tags:
            if tag > _UNKNOWN and coarse(model.int2tag[tag], lang) in open_classes:
                table[(word, tag)] = model._analyze(word, tag, 1)
    write_cache(path, table)
    return table


def name_analyses(searches: Memo, lang: str, words, key: str) -> dict:
    """The forward search (:meth:`FastSearch.analyze_forward`, as a tuple) of every word of
    ``words`` (lower-case words of the gazetteer's names, given names and lexicon) that the
    model's lexicon lacks: the tags of a known person's, place's or company's name, read once,
    not searched in every text that names them. The results are the searches' own, so the tags
    are the same. Built once per gazetteer (a few seconds per language) and kept in the user's
    cache directory, keyed by the model as the known lemmas are and by ``key`` (the gazetteer's
    ``sources_hash``); without a cache directory or a key there is no table (every word is
    searched, as before)."""
    from kg.extract.gazetteer import write_cache

    path = _table_path(lang, f"names-{lang}", f"{key}-v{NAME_TABLE_VERSION}") if key else None
    if path is None:
        return {}
    table = _read_table(path)
    if table is not None:
        return table
    model, fast = searches.fast.model, searches.fast
    table = {}
    for word in sorted(words):
        if word and word not in model.cache and model.normalize(word) == word:
            table[word] = tuple(fast.analyze_forward(word))
    fast._guesses.clear()   # (the suffix memo of these searches: a text's words start afresh)
    write_cache(path, table)
    return table


def _table_path(lang: str, stem: str, suffix: str):
    """The cache file of a table made from HanTa's model for ``lang``: ``stem``, HanTa's version,
    the model file's size and time, ``suffix``; None without a cache directory."""
    import importlib.metadata
    import os

    from kg.extract.gazetteer import _cache_dir

    try:
        from HanTa import HanoverTagger

        st = os.stat(os.path.join(os.path.dirname(HanoverTagger.__file__), _model_file(lang)))
        version = importlib.metadata.version("HanTa")
        directory = _cache_dir()
    except Exception:  # noqa: BLE001 - no key for a cache
        return None
    if directory is None:
        return None
    return directory / f"{stem}-{version}-{st.st_size}-{st.st_mtime_ns}-{suffix}.pickle"


def _read_table(path) -> dict | None:
    """The table pickled at ``path``; None when there is none yet, or an unreadable one (it is
    built again)."""
    import pickle

    try:
        with path.open("rb") as fh:
            table = pickle.load(fh)
        if isinstance(table, dict):
            return table
    except Exception:  # noqa: BLE001 - none yet, or unreadable
        pass
    return None


def _model_file(lang: str) -> str:
    from kg.extract.linguistic import MODELS

    return MODELS[lang]


def install(model) -> Memo:
    """Replace the model's two searches by the fast ones, memoised (on this instance only)."""
    memo = Memo(FastSearch(model))
    model.analyze_forward = memo.analyze_forward
    model.analyze_viterbi = memo.analyze_viterbi
    return memo
