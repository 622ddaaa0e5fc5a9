"""Throughput of the extractor on one core (a script, not a test).

    python bench/bench_extract.py [--repeat 5] [--copies 5]
    python bench/bench_extract.py --before ../other-checkout [--pairs 12]
    python bench/bench_extract.py --ceiling [--cold-tokenizer]
    python bench/bench_extract.py --texts tests/data/extract/blind23 [--before ...]

The text is the dev corpus (../shared/corpus/dev/texts, when present) and the seed documents,
or the ``.txt`` files of the folders given with ``--texts`` (a set folder's ``texts/``): the dev
corpus's organisations are in the gazetteer, which the tagger's table of gazetteer words makes
cheap, so a set written after the gazetteer measures text that is new to it as well.
Three figures, each the median of --repeat runs:

* **start-up**: loading the gazetteer, the tagger models and the matchers, and extracting the
  first document (what a one-off ``kg ingest`` of a single file pays);
* **unseen text**: every document extracted once with the word caches emptied before the run,
  so the tagger and the date parser see each word for the first time (what a user feeding new
  articles gets); the tables made once from the tagger's model and the gazetteer stay, as for
  such a user (the lemmas of the words HanTa's lexicon knows, the morpheme searches of the
  gazetteer's words);
* **warm**: every document repeated --copies times after a pass that filled the caches (what
  re-extracting a corpus gets).

Prints KB of text per second of wall-clock time and per CPU-second of the process (the
second counts less of what other processes on a busy machine take); the target of issue 8 is
100 KB/s per core on unseen text.

``--ceiling`` adds a fourth figure, not a target: unseen text with the tagger's morpheme
searches already made (every other word cache emptied as for *unseen*; HanTa's analyses of the
words it does not know kept from the filling pass). It is the most that any table of analyses
shipped with the code could give on this text, however many words it held.

``--cold-tokenizer`` also empties spaCy's tokenizer cache (its split of every whitespace-separated
chunk it has seen) before each unseen pass, in both modes; without it the unseen passes find
every chunk of the corpus split already, so *unseen* is unseen for our caches only.

``--before PATH`` compares with another checkout instead: one process per checkout, each with
everything loaded and one filling pass made, runs single passes over the same documents (unseen:
word caches emptied first; warm: not), the two alternating pass by pass; it prints each side's
median KB per CPU-second and the median of the after/before ratios of neighbouring passes,
which the load of a shared machine disturbs least.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def text_paths(folders: list[Path] | None = None) -> list[Path]:
    """The texts to time: those of ``folders`` (or their ``texts/``), else the dev corpus and seeds."""
    if folders:
        return [p for f in folders for p in sorted(((f / "texts") if (f / "texts").is_dir() else f).glob("*.txt"))]
    paths = sorted((REPO.parent / "shared" / "corpus" / "dev" / "texts").glob("*.txt"))
    return paths + sorted((REPO / "seeds" / "documents").glob("*.txt"))


def corpus(paths: list[Path] | None = None) -> list[tuple[str, str, str | None]]:
    """(text, language, publication date) of each document to time."""
    from kg.extract.document import make_document

    docs = []
    for p in paths if paths is not None else text_paths():
        d = make_document(p.read_text(encoding="utf-8"))
        docs.append((d.text, d.language, d.published))
    return docs


def forget_words() -> None:
    """Empty the per-word caches (tagger analyses, dates, word classes, name keys)."""
    from kg.extract import analysis, dates, linking
    from kg.extract.linguistic import tagger

    for lang in ("de", "en"):
        tagger(lang).forget()
    if hasattr(dates, "_dateparser"):   # (only in older checkouts)
        dates._dateparser.cache_clear()
    linking.word_class.cache_clear()
    for memo in ("_squash", "_stem_key"):   # (not in older checkouts)
        if hasattr(linking, memo):
            getattr(linking, memo).cache_clear()
    for matcher in analysis._MATCHERS.values():   # the lexicon phrases of a form and its lemma,
        getattr(matcher, "_merged", {}).clear()       # the entries of a one-word phrase by its tag
        getattr(matcher, "_single_lexes", {}).clear()


def forget_tokenizer() -> None:
    """Empty spaCy's tokenizer caches of both languages (see --cold-tokenizer)."""
    from kg.extract.tokens import get_nlp

    for lang in ("de", "en"):
        tokenizer = get_nlp(lang).tokenizer
        if hasattr(tokenizer, "_flush_cache"):   # (a private method of spaCy 3's Tokenizer)
            tokenizer._flush_cache()


def forget_words_but_searches() -> None:
    """:func:`forget_words`, but the tagger's morpheme-search memos are kept (see --ceiling)."""
    from kg.extract.linguistic import tagger

    kept = []
    for lang in ("de", "en"):
        searches = tagger(lang)._searches
        kept.append((searches, dict(searches.forward), dict(searches.viterbi)))
    forget_words()
    for searches, forward, viterbi in kept:
        searches.forward.update(forward)
        searches.viterbi.update(viterbi)


def startup_seconds() -> float:
    """Start-up in a fresh interpreter: import, load everything, extract one document."""
    code = ("import time; t = time.perf_counter(); from kg.extract.pipeline import extract_text; "
            "import sys; sys.path.insert(0, 'bench'); from bench_extract import corpus; "
            "text, lang, pub = corpus()[0]; extract_text(text, language=lang, published=pub); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


# one side of --before: the checkout's own corpus() and forget_words(), one pass per request; the
# files of --texts come in BENCH_TEXTS and are read with the checkout's own make_document
_WORKER = """
import json, os, sys, time
sys.path.insert(0, "bench")
import bench_extract as be
from kg.extract.pipeline import extract_text
from kg.extract.document import make_document
if os.environ.get("BENCH_TEXTS"):
    docs = [(d.text, d.language, d.published) for d in
            (make_document(open(p, encoding="utf-8").read()) for p in os.environ["BENCH_TEXTS"].split(os.pathsep))]
else:
    docs = be.corpus()
for text, lang, published in docs:
    extract_text(text, language=lang, published=published)
print(json.dumps(sum(len(t.encode("utf-8")) for t, _, _ in docs)), flush=True)
for line in sys.stdin:
    if line.strip().startswith("unseen"):
        be.forget_words()
    if line.strip() == "unseen cold":   # spaCy's tokenizer cache too (see --cold-tokenizer)
        from kg.extract.tokens import get_nlp
        for lang in ("de", "en"):
            tok = get_nlp(lang).tokenizer
            if hasattr(tok, "_flush_cache"):
                tok._flush_cache()
    cpu = time.process_time()
    for text, lang, published in docs:
        extract_text(text, language=lang, published=published)
    print(json.dumps(time.process_time() - cpu), flush=True)
"""


def compare(before: Path, pairs: int, cold: bool = False, texts: list[Path] | None = None) -> int:
    """KB per CPU-second of this checkout and of ``before``, passes alternating (see the top)."""
    procs, sizes = {}, {}
    extra = {"BENCH_TEXTS": os.pathsep.join(str(p.resolve()) for p in text_paths(texts))} if texts else {}
    for name, where in (("before", before.resolve()), ("after", REPO)):
        procs[name] = subprocess.Popen([sys.executable, "-c", _WORKER], cwd=where, text=True,
                                       env=dict(os.environ, PYTHONPATH=str(where), **extra),
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        sizes[name] = json.loads(procs[name].stdout.readline())
    if sizes["before"] != sizes["after"]:
        print(f"the checkouts read different documents ({sizes['before']} and {sizes['after']} bytes)")
    figures = {(name, mode): [] for name in procs for mode in ("unseen", "warm")}
    for k in range(pairs):
        for mode in ("unseen", "warm"):
            for name in (("before", "after") if k % 2 == 0 else ("after", "before")):
                procs[name].stdin.write(("unseen cold" if cold and mode == "unseen" else mode) + "\n")
                procs[name].stdin.flush()
                seconds = json.loads(procs[name].stdout.readline())
                figures[(name, mode)].append(sizes[name] / 1024 / seconds)
    for p in procs.values():
        p.stdin.close()
        p.wait()
    print(f"{pairs} passes each, alternating; KB of text per CPU-second")
    for mode in ("unseen", "warm"):
        b, a = figures[("before", mode)], figures[("after", mode)]
        ratios = [y / x for x, y in zip(b, a)]
        print(f"{mode}: before median {statistics.median(b):.1f}, after median {statistics.median(a):.1f}; "
              f"after/before median {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (the median is reported)")
    parser.add_argument("--copies", type=int, default=5, help="copies of each document per warm run")
    parser.add_argument("--before", type=Path, help="another checkout to compare with, pass by pass")
    parser.add_argument("--pairs", type=int, default=12, help="passes of each checkout with --before")
    parser.add_argument("--cold-tokenizer", action="store_true",
                        help="empty spaCy's tokenizer cache too before each unseen pass (see the top)")
    parser.add_argument("--ceiling", action="store_true",
                        help="also time unseen text with the morpheme searches already made (see the top)")
    parser.add_argument("--texts", type=Path, nargs="+", help="folders of texts to time instead of the dev corpus")
    args = parser.parse_args()
    if args.before is not None:
        return compare(args.before, args.pairs, args.cold_tokenizer, args.texts)
    from kg.extract.pipeline import extract_text

    docs = corpus(text_paths(args.texts))
    if not docs:
        print("no documents found")
        return 1
    startups = [startup_seconds() for _ in range(max(1, min(args.repeat, 3)))]
    for text, lang, published in docs:   # gazetteer, models, dateparser's lazy tables
        extract_text(text, language=lang, published=published)
    size = sum(len(t.encode("utf-8")) for t, _, _ in docs)

    unseen, unseen_cpu = [], []
    for _ in range(args.repeat):
        forget_words()
        if args.cold_tokenizer:
            forget_tokenizer()
        start, cpu = time.perf_counter(), time.process_time()
        for text, lang, published in docs:
            extract_text(text, language=lang, published=published)
        unseen.append(size / 1024 / (time.perf_counter() - start))
        unseen_cpu.append(size / 1024 / (time.process_time() - cpu))

    ceiling_cpu = []
    for _ in range(args.repeat if args.ceiling else 0):
        forget_words_but_searches()
        if args.cold_tokenizer:
            forget_tokenizer()
        cpu = time.process_time()
        for text, lang, published in docs:
            extract_text(text, language=lang, published=published)
        ceiling_cpu.append(size / 1024 / (time.process_time() - cpu))

    warm, warm_cpu = [], []
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.copies):
            for text, lang, published in docs:
                extract_text(text, language=lang, published=published)
        warm.append(size * args.copies / 1024 / (time.perf_counter() - start))
        warm_cpu.append(size * args.copies / 1024 / (time.process_time() - cpu))

    print(f"{len(docs)} documents, {size / 1024:.0f} KB; {args.repeat} runs each")
    print(f"start-up (fresh process, first document): median {statistics.median(startups):.2f} s")
    print(f"unseen text: median {statistics.median(unseen):.0f} KB/s (min {min(unseen):.0f}, max {max(unseen):.0f})")
    print(f"warm caches: median {statistics.median(warm):.0f} KB/s (min {min(warm):.0f}, max {max(warm):.0f}); "
          f"warm/unseen {statistics.median(warm) / statistics.median(unseen):.2f}")
    print(f"per CPU-second: unseen median {statistics.median(unseen_cpu):.0f} KB "
          f"(min {min(unseen_cpu):.0f}, max {max(unseen_cpu):.0f}), "
          f"warm median {statistics.median(warm_cpu):.0f} KB (min {min(warm_cpu):.0f}, max {max(warm_cpu):.0f})")
    if ceiling_cpu:
        print(f"per CPU-second, unseen but the morpheme searches made: median {statistics.median(ceiling_cpu):.0f} KB "
              f"(min {min(ceiling_cpu):.0f}, max {max(ceiling_cpu):.0f}); "
              f"{statistics.median(ceiling_cpu) / statistics.median(unseen_cpu):.2f} x unseen")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
