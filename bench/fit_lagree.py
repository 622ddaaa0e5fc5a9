"""Fit and cross-validate the decision which grouped agreements are kept (reported as concluded).

    python bench/fit_lagree.py CORPUS [CORPUS ...] [--lambda L] [--cache FILE]
                               [--rows FILE] [--weights-out FILE] [--end-to-end DIR]

Every CORPUS holds ``texts/`` and ``gold/`` as for ``bench/eval_extract.py`` (whose loading this
reuses); the word ``seeds`` stands for ``seeds/documents`` with the gold of ``tests/data/gold``.
Each text is extracted once with the current code, and every call of
:func:`kg.extract.frames.keep.decide` is recorded: every agreement the grouping built and
:func:`~kg.extract.frames.assembly.fill` filled (the *candidates*), with the evidence
:func:`~kg.extract.frames.keep.keep_features` returns and the hand rule's decision
(:func:`~kg.extract.frames.keep.hand_keep`: parties or signatories, and not tentative).

Labels. The kept candidates (the output) are aligned one-to-one with the gold agreements
exactly as the shared scorer does it (its ``Names``, ``agreement_keys`` and ``similarity``,
imported from ``../shared/tools/score_extraction.py``, greedy pairing at similarity >= 2, as in
``bench/fit_grouping.py``). The dropped candidates are serialised as if they had been output and
aligned the same way with the gold agreements no kept candidate took. A candidate is positive
when it aligns. The gold agreements no candidate aligns with are the ceiling: no keep decision
can recover them; for each, the mentions whose own parties, date and title point to it
(``bench/fit_grouping.mention_gold``) tell why (none; one placed in another candidate; one
planned or left unplaced by the grouping). ``--widen`` sets :data:`kg.extract.frames.keep.WIDEN`:
every planned or unplaced mention then becomes a candidate of its own (filled like the others,
dropped by the hand rule), to see whether a wider candidate set would raise that ceiling.

Fitting. A logistic regression of label on features by Newton's method (plain Python) with an
L2 penalty ``lambda`` on every weight but the bias. The threshold on the probability is chosen
on the training documents of each fold (the one maximising kept-positive minus kept-negative,
i.e. the agreements' tp - fp). Cross-validation leaves one document out: the left-out
document's candidates are scored (log-loss, accuracy, tp - fp of the kept ones) with the hand
rule and with the fold's fit. ``--end-to-end DIR`` extracts each left-out document with its
fold's weights and threshold into ``DIR/<corpus>/cv`` (and with the hand rule into
``DIR/<corpus>/hand``) and prints the shared scorer's table per corpus, and the summed overall
tp - fp. ``--cache`` stores the recorded rows (JSON) so the fit can be rerun without extracting.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import eval_extract, logistic  # noqa: E402
from bench.fit_grouping import DEFAULT_SCORER, align, load_scorer, mention_gold  # noqa: E402
from kg.extract.frames import keep  # noqa: E402


# ====================================================================== recording
def corpus_files(corpus: Path) -> list[tuple[Path, Path]]:
    if str(corpus) == "seeds":
        texts, gold = sorted((REPO / "seeds" / "documents").glob("*.txt")), REPO / "tests" / "data" / "gold"
    else:
        texts, gold = sorted((corpus / "texts").glob("*.txt")), corpus / "gold"
    return [(t, gold / f"{t.stem}.json") for t in texts if (gold / f"{t.stem}.json").exists()]


def corpus_name(corpus: Path) -> str:
    return "seeds" if str(corpus) == "seeds" else corpus.name


def record_document(text: Path, gold_path: Path, scorer, corpus: str) -> dict:
    """The candidates of one document with features, hand decision and label."""
    from kg.extract.pipeline import extract_file

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    lang, published = eval_extract.header(text)
    calls = []
    original = keep.decide

    def wrapper(an, g):
        kept = original(an, g)
        calls.append([(a, keep.keep_features(an, g, a, g.candidates)) for a in g.candidates])
        return kept

    from kg.extract import grouping
    groupers = []
    run = grouping.Grouper.run

    def run_wrapper(self, mentions):
        groupers.append((self, list(mentions)))
        return run(self, mentions)

    keep.decide, grouping.Grouper.run = wrapper, run_wrapper
    try:
        result = extract_file(text, language=lang, published=published)
    finally:
        keep.decide, grouping.Grouper.run = original, run
    cands = calls[-1] if calls else []
    kept_ids = [id(a) for a in result.agreements]
    pred = result.to_json()
    to_gold = align(scorer, gold, pred)             # output index -> gold index
    gold_of = {kept_ids[j]: i for j, i in to_gold.items()}
    dropped = [a for a, _ in cands if id(a) not in set(kept_ids)]
    rest = replace(result, agreements=dropped).to_json() if dropped else {"agreements": []}
    taken = set(to_gold.values())
    free = [i for i in range(len(gold.get("agreements") or [])) if i not in taken]
    sub_gold = dict(gold, agreements=[gold["agreements"][i] for i in free])
    for j, i in align(scorer, sub_gold, rest).items():
        gold_of[id(dropped[j])] = free[i]
    rows = [{"features": f, "hand": int(keep.hand_keep(a)), "label": int(id(a) in gold_of)} for a, f in cands]
    n_gold = len(gold.get("agreements") or [])
    # the gold agreements no candidate aligns with: what the mentions' own evidence says of them
    misses, missed = [], []
    placed = {id(m) for a, _ in cands for m in a.mentions}
    mentions = groupers[-1][1] if groupers else []
    for i in sorted(set(range(n_gold)) - set(gold_of.values())):
        own = [m for m in mentions if mention_gold(scorer, gold, result, m) == i]
        misses.append("no mention of its own" if not own else "its mention is in another candidate"
                      if any(id(m) in placed for m in own) else f"its mention is {own[0].status}, unplaced")
        missed.append(i)
    return {"doc": f"{corpus}/{text.stem}", "corpus": corpus, "rows": rows, "gold": n_gold, "misses": misses,
            "missed": missed, "text": str(text), "gold_path": str(gold_path),
            "ceiling_missed": n_gold - len(set(gold_of.values())),
            "in_dropped": len({gold_of[id(a)] for a in dropped if id(a) in gold_of})}


# ====================================================================== fitting
def fit(rows: list[dict], keys: list[str], lam: float) -> dict[str, float]:
    """L2-penalised logistic regression (:func:`bench.logistic.fit`); the bias is not penalised."""
    data = [(logistic.nonzero([r["features"].get(k, 0.0) for k in keys]), r["label"], 1) for r in rows]
    return dict(zip(keys, logistic.fit(data, keys, lam, tol=1e-7)))


def pick_threshold(rows: list[dict], w: dict[str, float]) -> float:
    """The probability threshold that maximises kept positives minus kept negatives."""
    ps = sorted(((keep.probability(w, r["features"]), r["label"]) for r in rows), reverse=True)
    best, best_t, gain = 0, 0.5, 0
    for k, (p, lab) in enumerate(ps):
        gain += 1 if lab else -1
        nxt = ps[k + 1][0] if k + 1 < len(ps) else 0.0
        if nxt == p:
            continue   # cut only between distinct probabilities
        t = (p + nxt) / 2
        if gain > best or (gain == best and abs(t - 0.5) < abs(best_t - 0.5)):
            best, best_t = gain, t
    return best_t


def stats(items: list[tuple[float, bool, int]]) -> dict[str, float]:
    """items: (probability, kept, label)."""
    ll = -sum(math.log(min(max(p if y else 1 - p, 1e-12), 1.0)) for p, _, y in items) / max(len(items), 1)
    acc = sum(k == bool(y) for _, k, y in items) / max(len(items), 1)
    tp = sum(1 for _, k, y in items if k and y)
    fp = sum(1 for _, k, y in items if k and not y)
    fn = sum(1 for _, k, y in items if not k and y)
    return {"n": len(items), "logloss": ll, "accuracy": acc, "tp": tp, "fp": fp, "fn": fn}


# ====================================================================== end to end
def run_scorer(scorer_path: Path, gold: Path, out: Path) -> dict:
    report = subprocess.run([sys.executable, str(scorer_path), str(gold), str(out), "--json"],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(report)["fields"]


def end_to_end(corpora: list[Path], folds: dict[str, tuple[dict, float]], out: Path, scorer_path: Path,
               widen: bool = False) -> None:
    from kg.extract.pipeline import extract_file

    print("\nend to end, each document extracted with the weights fitted without it (shared scorer F1; tp fp fn)")
    total = {"hand": 0, "cv": 0}
    for corpus in corpora:
        name = corpus_name(corpus)
        dirs = {"hand": out / name / "hand", "cv": out / name / "cv"}
        for d in dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        files = corpus_files(corpus)
        for text, _ in files:
            lang, published = eval_extract.header(text)
            for which, d in dirs.items():
                saved = (keep.LEARNED, dict(keep.WEIGHTS), keep.THRESHOLD, keep.WIDEN)
                keep.WIDEN = widen and which == "cv"
                if which == "cv":
                    w, t = folds[f"{name}/{text.stem}"]
                    keep.LEARNED, keep.THRESHOLD = True, t
                    keep.WEIGHTS.clear()
                    keep.WEIGHTS.update(w)
                else:
                    keep.LEARNED = False
                try:
                    result = extract_file(text, language=lang, published=published)
                finally:
                    keep.LEARNED, keep.THRESHOLD, keep.WIDEN = saved[0], saved[2], saved[3]
                    keep.WEIGHTS.clear()
                    keep.WEIGHTS.update(saved[1])
                (d / f"{text.stem}.json").write_text(json.dumps(result.to_json(), ensure_ascii=False), encoding="utf-8")
        gold_dir = files[0][1].parent
        hand, cv = run_scorer(scorer_path, gold_dir, dirs["hand"]), run_scorer(scorer_path, gold_dir, dirs["cv"])
        print(f"{name}:")
        print(f"  {'field':<14} {'hand':>6} {'cv':>6}   {'hand tp/fp/fn':>14} {'cv tp/fp/fn':>14}")
        for k in hand:
            h, c = hand[k], cv[k]
            print(f"  {k:<14} {h['f1']:>6.3f} {c['f1']:>6.3f}   {h.get('tp')!s:>4}/{h.get('fp')!s:>3}/{h.get('fn')!s:>3}"
                  f"     {c.get('tp')!s:>4}/{c.get('fp')!s:>3}/{c.get('fn')!s:>3}")
        total["hand"] += hand["overall"]["tp"] - hand["overall"]["fp"]
        total["cv"] += cv["overall"]["tp"] - cv["overall"]["fp"]
    print(f"summed overall tp-fp: hand {total['hand']}, cv {total['cv']}")


# ====================================================================== main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="folders with texts/ and gold/, or 'seeds'")
    parser.add_argument("--lambda", dest="lam", type=float, default=1.0, help="L2 penalty (default 1)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path, help="read the recorded rows from FILE if it exists, else write them")
    parser.add_argument("--widen", action="store_true",
                        help="also make candidates of planned and unplaced mentions (keep.WIDEN)")
    parser.add_argument("--features", help="comma-separated subset of the features (default: all)")
    parser.add_argument("--weights-out", type=Path, help="write the weights fitted on all documents (JSON)")
    parser.add_argument("--end-to-end", type=Path, metavar="DIR",
                        help="extract each document with its fold's weights into DIR and score it")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    keep.WIDEN = args.widen
    if args.cache and args.cache.exists():
        records = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        records = [record_document(t, g, scorer, corpus_name(c)) for c in args.corpora for t, g in corpus_files(c)]
        if args.cache:
            args.cache.write_text(json.dumps(records), encoding="utf-8")
    rows = [r for rec in records for r in rec["rows"]]
    keys = args.features.split(",") if args.features else list(rows[0]["features"]) if rows else []
    if "bias" not in keys:
        keys.insert(0, "bias")
    n_gold = sum(rec["gold"] for rec in records)
    print(f"{len(records)} documents, {n_gold} gold agreements, {len(rows)} candidates "
          f"({sum(r['label'] for r in rows)} aligned with a gold agreement); hand rule keeps {sum(r['hand'] for r in rows)} "
          f"({sum(r['hand'] and r['label'] for r in rows)} aligned)")
    print(f"ceiling: {sum(rec['ceiling_missed'] for rec in records)} gold agreements align with no candidate; "
          f"{sum(rec['in_dropped'] for rec in records)} align with a candidate the hand rule drops "
          f"({sum(1 for r in rows if not r['hand'] and not r['label'])} dropped candidates align with none)")
    kinds: dict[str, int] = {}
    for rec in records:
        for k in rec.get("misses", []):
            kinds[k] = kinds.get(k, 0) + 1
    print("  the gold agreements no candidate aligns with, by the mentions whose own parties, date and title "
          "point to them: " + "; ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda x: -x[1])))
    folds: dict[str, tuple[dict, float]] = {}
    held_hand, held_fit = [], []
    by_corpus: dict[str, tuple[list, list]] = {}
    for rec in records:
        train = [r for other in records if other is not rec for r in other["rows"]]
        w = fit(train, keys, args.lam)
        t = pick_threshold(train, w)
        folds[rec["doc"]] = (w, t)
        for r in rec["rows"]:
            p = keep.probability(w, r["features"])
            h = (0.99 if r["hand"] else 0.01, bool(r["hand"]), r["label"])
            l = (p, p >= t, r["label"])
            held_hand.append(h)
            held_fit.append(l)
            by_corpus.setdefault(rec["corpus"], ([], []))[0].append(h)
            by_corpus[rec["corpus"]][1].append(l)
    print(f"\nleave-one-document-out ({len(records)} folds, lambda {args.lam}; hand rule as p = 0.99/0.01):")
    print(f"  {'corpus':<10} {'rule':<8} {'log-loss':>8} {'accuracy':>8} {'tp':>4} {'fp':>4} {'fn':>4} {'tp-fp':>6}")
    for name, (hh, ll) in list(by_corpus.items()) + [("all", (held_hand, held_fit))]:
        for rule, items in (("hand", hh), ("learned", ll)):
            s = stats(items)
            print(f"  {name:<10} {rule:<8} {s['logloss']:>8.3f} {s['accuracy']:>8.3f} {s['tp']:>4} {s['fp']:>4} "
                  f"{s['fn']:>4} {s['tp'] - s['fp']:>6}")
    full = fit(rows, keys, args.lam)
    t = pick_threshold(rows, full)
    print(f"\nweights fitted on all documents (threshold {t:.2f}):")
    for k in keys:
        print(f"  {k:<20} {full[k]:>7.2f}")
    if args.weights_out:
        args.weights_out.write_text(json.dumps({"threshold": round(t, 3), "weights": {k: round(v, 2) for k, v in full.items()}},
                                               indent=1) + "\n", encoding="utf-8")
    if args.end_to_end:
        end_to_end(args.corpora, folds, args.end_to_end, args.scorer, args.widen)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
