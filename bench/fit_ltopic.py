"""Fit the learned review of agreement topics against gold annotations, and test it by cross-validation.

    python bench/fit_ltopic.py CORPUS [CORPUS ...] [--seeds] [--cache FILE] [--lambda L]
                               [--thresholds KEEP ADD] [--prior] [--pooled] [--drop FEATURE ...]
                               [--weights-out FILE] [--test CORPUS ...]

Every CORPUS holds ``texts/`` and ``gold/`` as for ``bench/eval_extract.py`` (whose loading
this reuses); ``--seeds`` adds ``seeds/documents`` against ``tests/data/gold``. Each text is
extracted once with the current code and the review switched off (``--cache FILE`` keeps the
result: the output JSON and the candidate rows, so refits need no extraction). The review is the
last step that changes an agreement's topics, so applying a model's decisions to the cached
output's ``topics`` lists gives exactly what the extractor would print with those weights.

Candidates and labels. For every output agreement, :func:`kg.extract.frames.topic_review.candidates`
gives the labels the rules chose and every other annotation-level label the document mentions,
with their features. The output agreements are aligned one-to-one with the gold ones as the
shared scorer does it (``bench/fit_grouping.py``'s :func:`align`, on the scorer's ``Names``,
``agreement_keys`` and ``similarity``). A candidate is positive when its label, folded as the
scorer folds topics (``topic_key``, ``TOPIC_VARIANTS``), is among the gold topics of the gold
agreement its agreement aligns to; candidates of unaligned agreements are left out.

Fitting. Two logistic regressions, one over the chosen labels (keep or drop) and one over the
others (add or not), by Newton's method with an L2 penalty ``lambda`` towards 0 (the bias is
not penalised), on rows aggregated by identical features. The threshold of each is picked on the
training folds from a grid, as the one that maximises tp - fp of the training decisions.
``--thresholds`` fixes them instead. ``--prior`` adds a feature: the label's
smoothed log-odds of being in the gold among the candidates of the other documents (computed
without the held-out document and, for a training row, without its own document: a per-label rate
is a general feature only if it is learned across folds). ``--pooled`` fits one model over all
candidates with "chosen" as a feature; with ``--drop chosen weight main_rule n_chosen broader
narrower other_has`` it decides without the rules at all. ``--drop`` leaves features out.
Cross-validation leaves one document out (weights and thresholds fitted on all the other
documents of all the corpora given). Reported: log-loss and accuracy of the held-out decisions
(the rules' decisions beside them), and END TO END: each left-out document's output with its
fold's decisions applied, scored with the shared scorer per corpus beside the current output,
for the review of "keep" only (drop), "add" only, and both. ``--weights-out`` writes the weights
and thresholds fitted on all documents (JSON), for :data:`kg.extract.frames.topic_review.WEIGHTS`.
``--test CORPUS ...`` adds corpora that are never trained on: each of their documents is decided by
the weights fitted on all the training documents (leave-one-out then runs within the training
corpora only). This fits the review where the rules are blind (sets they were not developed on) and
tests it on others.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import eval_extract, logistic  # noqa: E402
from bench.logistic import probability as prob  # noqa: E402
from bench.fit_grouping import DEFAULT_SCORER, align, corpus_files, load_scorer  # noqa: E402
from kg.extract.frames import topic_review  # noqa: E402

PRIOR_K = 4.0   # pseudo-candidates at the overall rate that smooth a label's prior
GRID = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]


# ====================================================================== recording
def record_document(text: Path, gold_path: Path, scorer, corpus: str) -> dict:
    """The output (review off) and the candidate rows of one document, labelled from its gold."""
    from kg.extract.pipeline import extract_file

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    lang, published = eval_extract.header(text)
    seen: list = []
    original = topic_review.review

    def wrapper(an, agreements, *args, **kw):
        pos = {id(b): i for i, b in enumerate(agreements)}
        seen.append([(pos[id(a)], an.gaz.label(t, "en"), chosen, f)
                     for a, t, chosen, f in topic_review.candidates(an, agreements)])
        return original(an, agreements, weights={}, thresholds=None)

    topic_review.review = wrapper
    try:
        result = extract_file(text, language=lang, published=published)
    finally:
        topic_review.review = original
    pred = result.to_json()
    to_gold = align(scorer, gold, pred)
    gold_as = gold.get("agreements") or []
    rows = []
    for j, label, chosen, f in (seen[-1] if seen else []):
        g = to_gold.get(j)
        y = None if g is None else int(scorer.topic_key(label) in {scorer.topic_key(t) for t in gold_as[g].get("topics") or []})
        rows.append({"j": j, "label": label, "chosen": bool(chosen), "f": f, "y": y})
    return {"doc": f"{corpus}/{text.stem}", "corpus": corpus, "gold": str(gold_path), "pred": pred, "rows": rows}


def all_files(args) -> list[tuple[str, Path, Path]]:
    out = [(c.name, t, g) for c in [*args.corpora, *args.test] for t, g in corpus_files(c)]
    if args.seeds:
        for t in sorted((REPO / "seeds" / "documents").glob("*.txt")):
            g = REPO / "tests" / "data" / "gold" / f"{t.stem}.json"
            if g.exists():
                out.append(("seeds", t, g))
    return out


# ====================================================================== fitting
def aggregate(rows: list[dict], keys: list[str]) -> dict[tuple, list[int]]:
    agg: dict[tuple, list[int]] = {}
    for r in rows:
        x = tuple(round(r["f"].get(k, 0.0), 4) for k in keys)
        c = agg.setdefault(x, [0, 0])
        c[r["y"]] += 1
    return agg


def subtract(total: dict, part: dict) -> dict:
    out = dict(total)
    for x, (n0, n1) in part.items():
        a, b = out[x]
        if a - n0 or b - n1:
            out[x] = [a - n0, b - n1]
        else:
            del out[x]
    return out


def fit(agg: dict[tuple, list[int]], keys: list[str], lam: float, start: list[float] | None = None) -> list[float]:
    """L2-penalised logistic regression (:func:`bench.logistic.fit`) on aggregated rows (bias unpenalised)."""
    rows = [(logistic.nonzero(x), n1, n0 + n1) for x, (n0, n1) in agg.items()]
    return logistic.fit(rows, keys, lam, start=start or None)


FIXED: dict[str, float] = {}


def best_threshold(agg: dict, w: list[float], model: str = "") -> float:
    """The grid threshold that maximises tp - fp of the decisions on these rows (or a fixed one)."""
    if model in FIXED:
        return FIXED[model]
    scored = [(prob(w, x), n0, n1) for x, (n0, n1) in agg.items()]
    return max(GRID, key=lambda th: (sum(n1 - n0 for p, n0, n1 in scored if p >= th), -abs(th - 0.5)))


# ====================================================================== end to end
def apply(pred: dict, rows: list[dict], decide) -> dict:
    """The output with the decisions applied to its agreements' topics (order kept, additions last)."""
    out = json.loads(json.dumps(pred))
    by_j: dict[int, dict[str, bool]] = {}
    for r in rows:
        d = decide(r)
        if d is not None:
            by_j.setdefault(r["j"], {})[r["label"]] = d
    for j, d in by_j.items():
        a = out["agreements"][j]
        topics = [t for t in a["topics"] if d.get(t, True)]
        topics += [t for t, yes in d.items() if yes and t not in topics]
        a["topics"] = topics
    return out


def score(scorer, records: list[dict], preds: list[dict]) -> dict:
    tally = scorer.Tally()
    for rec, pred in zip(records, preds):
        scorer.score_document(json.loads(Path(rec["gold"]).read_text(encoding="utf-8")), pred, tally)
    return tally.report()


# ====================================================================== main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="folders with texts/ and gold/")
    parser.add_argument("--seeds", action="store_true", help="also seeds/documents against tests/data/gold")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--cache", type=Path, help="JSON file of the recorded documents (read if it exists)")
    parser.add_argument("--lambda", dest="lam", type=float, default=1.0, help="L2 penalty (default 1)")
    parser.add_argument("--drop", nargs="*", default=[], help="features left out of the model")
    parser.add_argument("--thresholds", nargs=2, type=float, metavar=("KEEP", "ADD"),
                        help="fixed thresholds instead of the grid's choice on the training folds")
    parser.add_argument("--prior", action="store_true",
                        help="add the label's log-odds of being in the gold among the other documents' candidates")
    parser.add_argument("--pooled", action="store_true",
                        help="one model over all candidates, with 'chosen' as a feature (--drop chosen: without the rules)")
    parser.add_argument("--weights-out", type=Path, help="write the weights fitted on all documents (JSON)")
    parser.add_argument("--test", nargs="*", type=Path, default=[],
                        help="corpora never trained on: each of their documents is decided by the weights fitted on "
                             "all training documents (the CORPUS arguments); leave-one-out stays within the training ones")
    args = parser.parse_args(argv)
    if args.test and args.prior:
        parser.error("--prior is not supported with --test")
    scorer = load_scorer(args.scorer)
    if args.thresholds:
        FIXED.update(keep=args.thresholds[0], add=args.thresholds[1], all=args.thresholds[0])
    if args.cache and args.cache.exists():
        records = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        records = [record_document(t, g, scorer, c) for c, t, g in all_files(args)]
        if args.cache:
            args.cache.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    keys = [k for k in topic_review.FEATURES if k not in args.drop]
    corpora = list(dict.fromkeys(r["corpus"] for r in records))
    for rec in records:
        for r in rec["rows"]:
            r["f"]["chosen"] = float(r["chosen"])
    if args.pooled:
        keys = ["chosen", *keys] if "chosen" not in args.drop else keys
        usable = {"all": [[r for r in rec["rows"] if r["y"] is not None] for rec in records]}
    else:
        usable = {m: [[r for r in rec["rows"] if r["y"] is not None and r["chosen"] == (m == "keep")] for rec in records]
                  for m in ("keep", "add")}
    n_rows = {m: sum(map(len, usable[m])) for m in usable}
    n_pos = {m: sum(r["y"] for rows in usable[m] for r in rows) for m in usable}
    n_unl = sum(1 for rec in records for r in rec["rows"] if r["y"] is None)
    print(f"{len(records)} documents ({', '.join(corpora)}); candidates: "
          + ", ".join(f"{m} {n_rows[m]} ({n_pos[m]} in gold)" for m in usable)
          + f"; left out: {n_unl} candidates of unaligned agreements")
    print(f"features: {', '.join(keys)}")
    # leave one document out
    prior_on = args.prior
    if prior_on:
        keys.append("prior")
    counts = {m: [{} for _ in records] for m in usable}   # per document: label -> [n0, n1]
    for m in usable:
        for i, rows in enumerate(usable[m]):
            for r in rows:
                counts[m][i].setdefault(r["label"], [0, 0])[r["y"]] += 1
    sums = {m: {} for m in usable}
    for m in usable:
        for part in counts[m]:
            for lab, (n0, n1) in part.items():
                c = sums[m].setdefault(lab, [0, 0])
                c[0] += n0
                c[1] += n1

    def prior(m: str, label: str, skip: tuple[int, ...]) -> float:
        """The label's smoothed log-odds of being in the gold among the candidates of the other documents."""
        n0, n1 = sums[m].get(label, [0, 0])
        for i in skip:
            a, b = counts[m][i].get(label, [0, 0])
            n0, n1 = n0 - a, n1 - b
        base = n_pos[m] / max(n_rows[m], 1)
        return math.log((n1 + PRIOR_K * base) / (n0 + PRIOR_K * (1 - base)))

    def vec(r: dict, m: str, skip: tuple[int, ...]) -> tuple:
        x = [round(r["f"].get(k, 0.0), 4) for k in keys if k != "prior"]
        if prior_on:
            x.append(round(prior(m, r["label"], skip), 4))
        return tuple(x)

    def agg_of(m: str, docs, skip_extra: tuple[int, ...] = ()) -> dict:
        agg: dict[tuple, list[int]] = {}
        for i in docs:
            for r in usable[m][i]:
                c = agg.setdefault(vec(r, m, (i, *skip_extra)), [0, 0])
                c[r["y"]] += 1
        return agg

    tested = {c.name for c in args.test}
    every = [i for i, rec in enumerate(records) if rec["corpus"] not in tested]   # the training documents
    total = {m: agg_of(m, every) for m in usable}
    full = {m: fit(total[m], keys, args.lam) for m in usable}
    full_th = {m: best_threshold(total[m], full[m], m) for m in usable}
    priors = {m: {lab: round(prior(m, lab, ()), 3) for lab in sums[m]} for m in usable} if prior_on else {}
    folds: list[dict] = []
    held = {m: [] for m in usable}   # (p, threshold, y)
    for i, rec in enumerate(records):
        fw, fth = {}, {}
        for m in usable:
            if rec["corpus"] in tested:
                fw[m], fth[m] = full[m], full_th[m]   # a test document: the weights of all training documents
                continue
            if not usable[m][i] and not prior_on:
                fw[m], fth[m] = full[m], full_th[m]   # the document has no such row: its fold changes nothing
                continue
            train = agg_of(m, [d for d in every if d != i], (i,))
            fw[m] = fit(train, keys, args.lam, start=full[m])
            fth[m] = best_threshold(train, fw[m], m)
            for r in usable[m][i]:
                held[m].append((prob(fw[m], vec(r, m, (i,))), fth[m], r["y"], r["chosen"]))
        folds.append({"w": fw, "th": fth, "i": i})
    print(f"\nleave-one-document-out ({len(records)} folds, lambda {args.lam}): held-out decisions")
    print(f"  {'model':<6} {'rows':>5} {'rules acc':>9} {'base ll':>8} {'cv ll':>7} {'cv acc':>7}  (rules: keep every chosen, add none)")
    for m in usable:
        rows = held[m]
        n = max(len(rows), 1)
        rate = sum(y for _, _, y, _c in rows) / n
        base_ll = -sum(math.log(rate if y else 1 - rate) for _, _, y, _c in rows) / n if 0 < rate < 1 else 0.0
        ll = -sum(math.log(min(max(p if y else 1 - p, 1e-12), 1)) for p, _, y, _c in rows) / n
        acc = sum((p >= th) == bool(y) for p, th, y, _c in rows) / n
        rules = sum(y == c for _, _, y, c in rows) / n
        print(f"  {m:<6} {len(rows):>5} {rules:>9.3f} {base_ll:>8.3f} {ll:>7.3f} {acc:>7.3f}")
    print(f"\nweights fitted on all documents ({', '.join(usable)}):")
    for i, k in enumerate(keys):
        print(f"  {k:<15} " + " ".join(f"{full[m][i]:>7.2f}" for m in usable))
    print(f"  {'threshold':<15} " + " ".join(f"{full_th[m]:>7.2f}" for m in usable))
    if args.weights_out:
        args.weights_out.write_text(json.dumps({"weights": {m: {k: round(full[m][i], 3) for i, k in enumerate(keys)} for m in full},
                                                "thresholds": full_th, **({"priors": priors} if prior_on else {})}, indent=1) + "\n", encoding="utf-8")

    def decider(fold: dict, which: set[str]):
        def decide(r: dict):
            m = "keep" if r["chosen"] else "add"
            if m not in which:
                return None
            m = "all" if args.pooled else m
            return prob(fold["w"][m], vec(r, m, (fold["i"],))) >= fold["th"][m]
        return decide

    variants = {"drop": {"keep"}, "add": {"add"}, "both": {"keep", "add"}}
    print("\nend to end, each document's output with the decisions of the weights fitted without it (shared scorer)")
    summed = {v: 0 for v in ["rules", *variants]}
    for c in corpora:
        recs = [r for r in records if r["corpus"] == c]
        idx = [i for i, r in enumerate(records) if r["corpus"] == c]
        tables = {"rules": score(scorer, recs, [r["pred"] for r in recs])}
        for v, which in variants.items():
            tables[v] = score(scorer, recs, [apply(records[i]["pred"], records[i]["rows"], decider(folds[i], which)) for i in idx])
        print(f"{c}:")
        print(f"  {'field':<14} " + " ".join(f"{v:>6}" for v in tables))
        for field in tables["rules"]:
            print(f"  {field:<14} " + " ".join(f"{tables[v][field]['f1']:>6.3f}" for v in tables))
        for field in ("topics", "overall"):
            print(f"  {field + ' tp/fp/fn':<14} " + " ".join(
                f"{tables[v][field]['tp']}/{tables[v][field]['fp']}/{tables[v][field]['fn']}" for v in tables))
        for v in tables:
            summed[v] += tables[v]["overall"]["tp"] - tables[v]["overall"]["fp"]
    print("summed overall tp-fp: " + ", ".join(f"{v} {n}" for v, n in summed.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
