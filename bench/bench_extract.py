"""Throughput of the extractor on one core, after start-up (a script, not a test).

    python bench/bench_extract.py [--repeat 5] [--copies 20]

The text is the dev corpus (../shared/corpus/dev/texts, when present) and the seed documents,
each document repeated --copies times; every run extracts all of them one by one. One untimed
pass first loads the gazetteer, builds the matchers and warms dateparser. Prints the median
throughput in KB of text per second.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def corpus() -> list[tuple[str, str, str | None]]:
    from kg.extract.document import make_document

    paths = sorted((REPO.parent / "shared" / "corpus" / "dev" / "texts").glob("*.txt"))
    paths += sorted((REPO / "seeds" / "documents").glob("*.txt")) or sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
    docs = []
    for p in paths:
        d = make_document(p.read_text(encoding="utf-8"))
        docs.append((d.text, d.language, d.published))
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (the median is reported)")
    parser.add_argument("--copies", type=int, default=20, help="copies of each document per run")
    args = parser.parse_args()
    from kg.extract.pipeline import extract_text

    docs = corpus()
    if not docs:
        print("no documents found")
        return 1
    for text, lang, published in docs:   # start-up: gazetteer, matchers, dateparser's lazy tables
        extract_text(text, language=lang, published=published)
    size = sum(len(t.encode("utf-8")) for t, _, _ in docs) * args.copies
    rates = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _ in range(args.copies):
            for text, lang, published in docs:
                extract_text(text, language=lang, published=published)
        elapsed = time.perf_counter() - start
        rates.append(size / 1024 / elapsed)
    print(f"{len(docs)} documents x {args.copies} copies = {size / 1024:.0f} KB per run, {args.repeat} runs")
    print(f"median throughput: {statistics.median(rates):.0f} KB/s (min {min(rates):.0f}, max {max(rates):.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
