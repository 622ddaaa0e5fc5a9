"""How rare the sentences are that tell a missed agreement: the base rate a mention detector faces.

    python bench/uncovered_pairs.py CORPUS [CORPUS ...] [--show]

CORPUS as for ``bench/fit_lagree.py`` (a folder with ``texts/`` and ``gold/``). Every text is
extracted once as a user runs it (language and publication date from its header). A sentence is
a *candidate* when it names at least two actors (countries, regions, organisations) and no output
agreement has two of them among its parties: the pool in which an agreement the rules missed
would have to be found. A candidate is *positive* when it names at least two parties of a gold
agreement no output agreement aligns with (the scorer's alignment, as in
``bench/fit_grouping.align``). Printed per corpus and summed: candidates (covered by an output
agreement's sentences or not) and positives. The positives' share is the precision a detector
starts from; adding agreements raises F1 only where its precision exceeds about F1 / 2.

Only counts are printed unless ``--show`` is given (then each positive sentence with its verb
lemmas): counts may be taken on a set that must stay unread, ``--show`` only on development sets.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.eval_extract import header  # noqa: E402
from bench.fit_grouping import DEFAULT_SCORER, align, corpus_files, load_scorer  # noqa: E402
from kg.extract.pipeline import extract_text  # noqa: E402

ACTOR_KINDS = ("country", "region", "org")


def candidates(text: Path, gold_path: Path, scorer) -> list[dict]:
    """The candidate sentences of one document, each with its label and verb lemmas."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    lang, published = header(text)
    result = extract_text(text.read_text(encoding="utf-8"), language=lang, published=published)
    pred = result.to_json()
    an = result.analysis
    if an is None:
        return []
    names = scorer.Names(gold)
    aligned = set(align(scorer, gold, pred).values())
    missed = [{names.key(p) for p in a.get("parties") or []}
              for i, a in enumerate(gold.get("agreements") or []) if i not in aligned]
    output_sides = [{names.key(p) for p in a.get("parties") or []} for a in pred.get("agreements") or []]
    covered = set().union(*(a.sentences for a in result.agreements)) if result.agreements else set()
    rows = []
    for sent in an.sentences:
        actors = {names.key(result.name_of(a.iri)) for a in an.actors_by_sent.get(sent.index, [])
                  if a.kind in ACTOR_KINDS and a.iri}
        if len(actors) < 2 or any(len(sides & actors) >= 2 for sides in output_sides):
            continue
        rows.append({
            "covered": sent.index in covered,
            "positive": any(len(parties & actors) >= 2 for parties in missed),
            "verbs": sorted({an.tokens[k].lemma for k in range(sent.start, sent.end) if an.tokens[k].pos == "VERB"}),
            "text": an.text[sent.char_start:sent.char_end],
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--show", action="store_true", help="print the positive sentences (development sets only)")
    args = parser.parse_args(argv)
    scorer = load_scorer(DEFAULT_SCORER)
    total: Counter = Counter()
    for corpus in args.corpora:
        counts: Counter = Counter()
        for text, gold_path in corpus_files(corpus):
            for row in candidates(text, gold_path, scorer):
                key = ("covered" if row["covered"] else "uncovered", "positive" if row["positive"] else "negative")
                counts[key] += 1
                if args.show and row["positive"]:
                    print(f"{corpus.name}/{text.stem}: {' '.join(row['verbs'])} | {row['text'][:240]}")
        total.update(counts)
        print(f"{corpus.name:10s} " + "  ".join(f"{a}/{b} {counts[(a, b)]}" for a in ("uncovered", "covered")
                                                for b in ("positive", "negative")))
    pos = total[("uncovered", "positive")] + total[("covered", "positive")]
    n = sum(total.values())
    print(f"{'all':10s} candidates {n}, positive {pos} ({pos / n:.1%} of candidates)" if n else "no candidates")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
