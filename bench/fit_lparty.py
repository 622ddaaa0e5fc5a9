"""Fit and test the learned review of agreement parties (:mod:`kg.extract.frames.party_review`).

    python bench/fit_lparty.py [CORPUS ...] [--seeds] [--lambda L] [--folds K] [--unaligned skip|negative]
                               [--test CORPUS ...]
                               [--only keep|add|both] [--end-to-end] [--weights-out FILE]

Without CORPUS: the training sets (``../shared/corpus/dev``, ``tests/data/extract/{blind, blind2,
..., blind6, dev2, heldout}``) and the seeds (``seeds/documents`` against ``tests/data/gold``).
Every CORPUS holds ``texts/`` and ``gold/`` as for ``bench/eval_extract.py`` (whose header reading
this reuses; the language and publication date come from each text's header).

Recording. Each text is extracted ONCE with the current rules and the review switched off; at the
point where the review would run (after :func:`kg.extract.frames.assembly.fill` has dropped the
agreements without parties, before the cooperations are collected) the state is saved: the
agreements with their parties, signatories and evidence, and the candidate rows of
:func:`~kg.extract.frames.party_review.candidate_features` (every output agreement × every party
the rules chose and every other actor of the text). Fitting and every end-to-end run restore
that state, apply a review, recollect the cooperations and serialise: nothing is parsed again.

Labels. The rules' output is aligned with the gold exactly as the shared scorer does it (its
``Names``, ``agreement_keys``, ``similarity``, the greedy pairing at >= 2; ``align`` of
``bench/fit_grouping.py``). A candidate is positive when its name, as the serialiser writes it
and the scorer folds it (aliases, ``COMMON_VARIANTS``), is among the parties of the gold agreement
its output agreement aligns to. Candidates of an unaligned output agreement are left out
(``--unaligned skip``, default) or labelled negative (``--unaligned negative``).

Fitting. Two logistic regressions, one for the rules' parties (keep) and one for the other actors
(add), by Newton's method in plain Python with an L2 penalty ``lambda`` on every weight but the
bias. Cross-validation by document: the documents are dealt into ``--folds`` folds (0: leave one
document out); each fold's weights are fitted on the other folds, and its thresholds too (the
drop and add thresholds that maximise right minus wrong changes, on the training rows with
``--thresholds fit``, on an inner 5-fold CV of the training documents with ``nested``, the
default; likewise the threshold for adding the most likely other actor to an agreement with at
most one party, ``--only one``). Printed:
log-loss and accuracy of the rows with the rules (a chosen party kept, nobody added) and with the
learned decision, and with ``--end-to-end`` the shared scorer's table per corpus for the rules
and for every document reviewed with its fold's weights, plus the summed tp-fp and the same for
the weights fitted on all documents (in-sample, which flatters the model).
``--test CORPUS ...`` adds corpora that are never trained on: each of their documents is reviewed by
the model fitted on all the training documents, and the folds run within the training corpora
only. This fits the review where the rules are blind (sets they were not developed on) and tests
it on others.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import eval_extract, logistic  # noqa: E402
from bench.fit_grouping import align, corpus_files, load_scorer  # noqa: E402
from kg.extract.frames import assembly, party_review  # noqa: E402
from kg.extract.frames.cooperations import _cooperations  # noqa: E402

FEATURES = party_review.FEATURES
TRAINING = [eval_extract.SHARED / "corpus" / "dev"] + [REPO / "tests" / "data" / "extract" / n for n in
                                                       ("blind", "blind2", "blind3", "blind4", "blind5", "blind6",
                                                        "dev2", "heldout")]
GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01]


@dataclass
class DocRecord:
    doc: str
    corpus: str
    gold: dict
    result: object
    g: object
    saved: list
    rows: list = field(default_factory=list)      # (agreement, iri, chosen, features)
    labels: list = field(default_factory=list)    # 1, 0 or None per row


def snapshot(g) -> list:
    return [(a, a.id, dict(a.parties), list(a.evidence), copy.deepcopy(a.signatories)) for a in g.agreements]


def restore(rec: DocRecord) -> None:
    rec.g.agreements = [a for a, *_ in rec.saved]
    for a, ident, parties, evidence, sigs in rec.saved:
        a.id, a.parties, a.evidence, a.signatories = ident, dict(parties), list(evidence), copy.deepcopy(sigs)


def output(rec: DocRecord, decisions: list[bool] | None) -> dict:
    """The JSON of the document after the review the decisions make (None: the rules' output)."""
    from kg.extract.pipeline import ExtractionResult

    restore(rec)
    if decisions is not None and rec.rows:
        party_review.apply(rec.g, rec.rows, decisions)
    rec.g.cooperations = _cooperations(rec.result.analysis, rec.g)
    res = rec.result
    return ExtractionResult(res.doc, res.analysis, rec.g.agreements, rec.g.cooperations, res.gaz).to_json()


def record_document(text: Path, gold_path: Path, scorer, corpus: str, unaligned: str) -> DocRecord:
    from kg.extract.pipeline import extract_file
    from kg.extract.serialize import _is_country_like, _plain_name

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    lang, published = eval_extract.header(text)
    seen = []
    original = assembly.review_parties
    assembly.review_parties = lambda an, g: seen.append((an, g, snapshot(g), party_review.candidate_features(an, g)))
    try:
        result = extract_file(text, language=lang, published=published)
    finally:
        assembly.review_parties = original
    if not seen:
        return DocRecord(f"{corpus}/{text.stem}", corpus, gold, result, None, [])
    an, g, saved, rows = seen[0]
    rec = DocRecord(f"{corpus}/{text.stem}", corpus, gold, result, g, saved, rows)
    pred = output(rec, None)
    to_gold = align(scorer, gold, pred)
    names = scorer.Names(gold)
    gold_parties = [{names.key(p) for p in ga.get("parties") or []} for ga in gold.get("agreements") or []]
    index = {id(a): j for j, a in enumerate(g.agreements)}
    for a, iri, chosen, f in rows:
        j = to_gold.get(index[id(a)])
        if j is None:
            rec.labels.append(0 if unaligned == "negative" else None)
            continue
        name = _plain_name(result.name_of(iri)) if _is_country_like(iri) else result.name_of(iri)
        rec.labels.append(int(names.key(name) in gold_parties[j]))
    return rec


# ====================================================================== fitting
def fit(data: list[tuple[dict[str, float], int]], lam: float, start: dict[str, float] | None = None) -> dict[str, float]:
    """L2-penalised logistic regression (:func:`bench.logistic.fit`; the bias is not penalised)."""
    idx = {k: i for i, k in enumerate(FEATURES)}
    rows = [([(idx[k], v) for k, v in f.items() if v], y, 1) for f, y in data]
    w = logistic.fit(rows, FEATURES, lam, start=[start.get(k, 0.0) for k in FEATURES] if start else None,
                     ridge=1e-6)
    return dict(zip(FEATURES, w))


def best_threshold(scored: list[tuple[float, int]], keep: bool) -> float:
    """The grid threshold with most right minus wrong changes on these rows."""
    best, best_t = 0, (0.0 if keep else 1.01)
    for t in GRID:
        if keep:
            gain = sum((1 if y == 0 else -1) for p, y in scored if p < t)
        else:
            gain = sum((1 if y == 1 else -1) for p, y in scored if p >= t)
        if gain > best:
            best, best_t = gain, t
    return best_t


@dataclass
class Model:
    keep: dict[str, float]
    add: dict[str, float]
    keep_below: float
    add_from: float
    one_from: float = 1.01

    def decisions(self, rec: DocRecord, only: str) -> list[bool]:
        """``only``: keep (drops only), add (additions only), one (only the best other actor of a
        one-party agreement), both (all three)."""
        never = 1.01
        return party_review.decide(rec.rows, self.keep, self.add,
                                   self.keep_below if only in ("keep", "both") else 0.0,
                                   self.add_from if only in ("add", "both") else never,
                                   self.one_from if only in ("one", "both") else never)


def best_of_one(recs: list[DocRecord], add: dict[str, float] | None, models=None) -> list[tuple[float, int]]:
    """(probability, label) of the most likely other actor of each agreement with at most one party."""
    out = []
    for r in recs:
        w = models[r.doc].add if models else add
        best: dict[int, tuple[float, int | None]] = {}
        for (a, _, c, f), y in zip(r.rows, r.labels):
            if not c and f.get("n1"):
                p = party_review.probability(w, f)
                if id(a) not in best or p > best[id(a)][0]:
                    best[id(a)] = (p, y)
        out += [(p, y) for p, y in best.values() if y is not None]
    return out


def train(records: list[DocRecord], lam: float, start: Model | None = None, thresholds: str = "fit") -> Model:
    if thresholds == "nested":   # thresholds from an inner cross-validation of these documents
        inner = [[], []]
        ones = []
        for i in range(5):
            tr = [r for j, r in enumerate(records) if j % 5 != i]
            m = train(tr, lam, start, "half")
            for j, r in enumerate(records):
                if j % 5 == i:
                    for (_, _, c, f), y in zip(r.rows, r.labels):
                        if y is not None:
                            inner[0 if c else 1].append((party_review.probability(m.keep if c else m.add, f), y))
                    ones += best_of_one([r], m.add)
        m = train(records, lam, start, "half")
        return Model(m.keep, m.add, best_threshold(inner[0], True), best_threshold(inner[1], False),
                     best_threshold(ones, False))
    keep_rows = [(f, y) for r in records for (_, _, c, f), y in zip(r.rows, r.labels) if c and y is not None]
    add_rows = [(f, y) for r in records for (_, _, c, f), y in zip(r.rows, r.labels) if not c and y is not None]
    keep = fit(keep_rows, lam, start.keep if start else None)
    add = fit(add_rows, lam, start.add if start else None)
    if thresholds == "fit":
        kb = best_threshold([(party_review.probability(keep, f), y) for f, y in keep_rows], True)
        af = best_threshold([(party_review.probability(add, f), y) for f, y in add_rows], False)
        of = best_threshold(best_of_one(records, add), False)
    else:
        kb, af, of = 0.5, 0.5, 0.5
    return Model(keep, add, kb, af, of)


def row_metrics(pairs: list[tuple[float, int, bool]]) -> tuple[float, float]:
    ll = sum(-math.log(min(max(p if y else 1 - p, 1e-12), 1.0)) for p, y, _ in pairs)
    acc = sum(d == bool(y) for _, y, d in pairs)
    n = max(len(pairs), 1)
    return ll / n, acc / n


# ====================================================================== main
def tally(scorer, recs: list[DocRecord], decide) -> dict:
    t = scorer.Tally()
    for r in recs:
        pred = output(r, decide(r)) if r.g is not None else r.result.to_json()
        scorer.score_document(r.gold, pred, t)
    for r in recs:
        if r.g is not None:
            restore(r)
    return t.report()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="folders with texts/ and gold/ (default: the training sets)")
    parser.add_argument("--seeds", action="store_true", help="also the seeds (default when no corpus is given)")
    parser.add_argument("--lambda", dest="lam", type=float, default=1.0)
    parser.add_argument("--folds", type=int, default=10, help="document folds (0: leave one document out)")
    parser.add_argument("--unaligned", choices=("skip", "negative"), default="skip")
    parser.add_argument("--only", choices=("keep", "add", "one", "both"), default="both",
                        help="apply only the drop decisions, only the additions, only the addition of the best "
                             "other actor to a one-party agreement, or all")
    parser.add_argument("--thresholds", choices=("fit", "nested", "half"), default="nested",
                        help="fit the thresholds in each fold on its training rows (fit) or by an inner 5-fold CV (nested), or 0.5 (overridden by --keep-below/--add-from)")
    parser.add_argument("--keep-below", type=float, help="a fixed drop threshold")
    parser.add_argument("--add-from", type=float, help="a fixed add threshold")
    parser.add_argument("--one-from", type=float, help="a fixed threshold for the best actor of a one-party agreement")
    parser.add_argument("--end-to-end", action="store_true")
    parser.add_argument("--weights-out", type=Path)
    parser.add_argument("--test", nargs="*", type=Path, default=[],
                        help="corpora never trained on: each of their documents is reviewed by the model fitted on "
                             "all training documents (the folds run within the training corpora only)")
    parser.add_argument("--features", help="comma-separated: use only these features (and the bias)")
    parser.add_argument("--scorer", type=Path, default=eval_extract.SHARED / "tools" / "score_extraction.py")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    sets: list[tuple[str, list[tuple[Path, Path]]]] = []
    corpora = args.corpora or TRAINING
    for c in [*corpora, *args.test]:
        sets.append((c.name, corpus_files(c)))
    if args.seeds or not args.corpora:
        texts = sorted((REPO / "seeds" / "documents").glob("*.txt"))
        sets.append(("seeds", [(t, REPO / "tests" / "data" / "gold" / f"{t.stem}.json") for t in texts
                               if (REPO / "tests" / "data" / "gold" / f"{t.stem}.json").exists()]))
    was = party_review.ENABLED
    party_review.ENABLED = False
    records = [record_document(t, gp, scorer, name, args.unaligned) for name, files in sets for t, gp in files]
    party_review.ENABLED = was
    if args.features:
        use = set(args.features.split(",")) | {"bias"}
        for r in records:
            r.rows = [(a, i, c, {k: v for k, v in f.items() if k in use}) for a, i, c, f in r.rows]
    n_rows = sum(len(r.rows) for r in records)
    lab = [(c, y) for r in records for (_, _, c, _), y in zip(r.rows, r.labels)]
    print(f"{len(records)} documents, {n_rows} candidate rows; rules' parties {sum(c for c, _ in lab)} "
          f"(labelled {sum(1 for c, y in lab if c and y is not None)}, wrong {sum(1 for c, y in lab if c and y == 0)}), "
          f"other actors {sum(not c for c, _ in lab)} (labelled {sum(1 for c, y in lab if not c and y is not None)}, "
          f"gold parties {sum(1 for c, y in lab if not c and y == 1)}); unaligned agreements: {args.unaligned}")
    tested = {c.name for c in args.test}
    docs = [r for r in records if r.rows and r.corpus not in tested]   # the training documents
    k = args.folds or len(docs)
    fold_of = {r.doc: i % k for i, r in enumerate(docs)}
    def fixed(m: Model) -> Model:
        m.keep_below = m.keep_below if args.keep_below is None else args.keep_below
        m.add_from = m.add_from if args.add_from is None else args.add_from
        m.one_from = m.one_from if args.one_from is None else args.one_from
        return m

    full = fixed(train(docs, args.lam, thresholds=args.thresholds))
    models: dict[str, Model] = {}
    for i in range(k):
        tr = [r for r in docs if fold_of[r.doc] != i]
        m = fixed(train(tr, args.lam, full, args.thresholds))
        for r in docs:
            if fold_of[r.doc] == i:
                models[r.doc] = m
    for r in records:
        if r.rows and r.corpus in tested:
            models[r.doc] = full   # a test document: the model of all training documents
    print(f"\ncross-validation: {k} document folds, lambda {args.lam}, thresholds {args.thresholds}"
          f" (fixed: drop below {args.keep_below}, add from {args.add_from})")
    print(f"  {'rows':<10} {'decision':<8} {'n':>5} {'log-loss':>8} {'accuracy':>8}")
    for part, want in (("keep", True), ("add", False)):
        hand, learned = [], []
        for r in docs:
            m = models[r.doc]
            dec = m.decisions(r, "both")
            for (_, _, c, f), y, d in zip(r.rows, r.labels, dec):
                if c != want or y is None:
                    continue
                p = party_review.probability(m.keep if c else m.add, f)
                hand.append((0.97 if c else 0.03, y, c))
                learned.append((p, y, d))
        for name, pairs in (("rules", hand), ("learned", learned)):
            ll, acc = row_metrics(pairs)
            print(f"  {part:<10} {name:<8} {len(pairs):>5} {ll:>8.3f} {acc:>8.3f}")
    print("  (rules: a chosen party kept with p 0.97, another actor added with p 0.03)")
    for name, get in (("cv", lambda r: models[r.doc]), ("all (in-sample)", lambda r: full)):
        ch = {"drop right": 0, "drop wrong": 0, "drop unlabelled": 0, "add right": 0, "add wrong": 0, "add unlabelled": 0}
        for r in docs:
            for (_, _, c, _), y, d in zip(r.rows, r.labels, get(r).decisions(r, args.only)):
                if c != d:
                    key = ("drop " if c else "add ") + ("unlabelled" if y is None else "right" if (y == 1) != c else "wrong")
                    ch[key] += 1
        print(f"  changes, {name}: " + ", ".join(f"{k} {v}" for k, v in ch.items()))
    print(f"  fold thresholds: drop below {sorted({m.keep_below for m in models.values()})}, "
          f"add from {sorted({m.add_from for m in models.values()})}, "
          f"best of a one-party agreement from {sorted({m.one_from for m in models.values()})}")
    print(f"\nweights fitted on all documents (drop below {full.keep_below}, add from {full.add_from}, "
          f"best of a one-party agreement from {full.one_from}):")
    print(f"  {'feature':<16} {'keep':>7} {'add':>7}")
    for f in FEATURES:
        print(f"  {f:<16} {full.keep[f]:>7.2f} {full.add[f]:>7.2f}")
    if args.weights_out:
        args.weights_out.write_text(json.dumps({"keep": {f: round(v, 2) for f, v in full.keep.items()},
                                                "add": {f: round(v, 2) for f, v in full.add.items()},
                                                "keep_below": full.keep_below, "add_from": full.add_from,
                                                "one_from": full.one_from},
                                               indent=1) + "\n", encoding="utf-8")
    if args.end_to_end:
        print(f"\nend to end (shared scorer), review applied: {args.only}; rules = current code, "
              f"cv = each document reviewed with its fold's model, all = the model fitted on all (in-sample)")
        print(f"  {'corpus':<8} {'field':<13} {'rules P/R/F1':>18} {'cv P/R/F1':>18} {'all F1':>6}   tp-fp rules/cv/all")
        sums = [0, 0, 0]
        for name, _ in sets:
            recs = [r for r in records if r.corpus == name]
            reps = [tally(scorer, recs, lambda r: None),
                    tally(scorer, recs, lambda r: models[r.doc].decisions(r, args.only) if r.doc in models else None),
                    tally(scorer, recs, lambda r: full.decisions(r, args.only) if r.rows else None)]
            for fld in ("parties", "cooperations", "signatories", "agreements", "overall"):
                a, b, c = (x[fld] for x in reps)
                cell = lambda s: f"{s['precision']:.3f}/{s['recall']:.3f}/{s['f1']:.3f}"
                print(f"  {name:<8} {fld:<13} {cell(a):>18} {cell(b):>18} {c['f1']:>6.3f}   "
                      f"{a['tp'] - a['fp']}/{b['tp'] - b['fp']}/{c['tp'] - c['fp']}")
            for i, x in enumerate(reps):
                sums[i] += x["overall"]["tp"] - x["overall"]["fp"]
        print(f"  summed overall tp-fp: rules {sums[0]}, cv {sums[1]}, all (in-sample) {sums[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
