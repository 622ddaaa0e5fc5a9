"""Test the weights of the grouping decision against gold annotations, and fit new ones.

    python bench/fit_grouping.py CORPUS [CORPUS ...] [--lambda L] [--prior hand|zero]
                                 [--rows FILE] [--weights-out FILE] [--end-to-end DIR]
    python bench/fit_grouping.py --weights FILE -- EVAL_EXTRACT_ARGS ...

Every CORPUS holds ``texts/`` and ``gold/`` as for ``bench/eval_extract.py`` (whose loading
this reuses). Each text is extracted with the current :data:`kg.extract.grouping.WEIGHTS`, and
every call of :func:`~kg.extract.grouping.coreference_score` is recorded: the mention, the
candidate agreement and the evidence :func:`~kg.extract.grouping.coreference_features` returns
(a value per ``WEIGHTS`` key that applies: 1 for a cue, the count of shared parties, the title
overlap, the distance in sentences). The calls of the main decision (a singular mention against
every agreement so far: join the best with a positive score, else start a new one) are the
data; the calls that test a whole set (``as_set``) are counted but not used.

Labels. The gold annotates agreements, not mentions, so a label says whether mention and
candidate end up in the *same gold agreement*:

1. The extractor's output agreements are aligned one-to-one with the gold ones exactly as the
   shared scorer does it (its ``Names``, ``agreement_keys`` and ``similarity``, imported from
   ``../shared/tools/score_extraction.py``, and the same greedy pairing at similarity >= 2).
   A candidate's gold agreement is the one its final state aligns to; a candidate that is not
   in the output (dropped as tentative or for want of parties) or not aligned has none.
2. A mention's gold agreements are those of the output agreements it finally belongs to (more
   than one when it speaks for a set). When none of them aligns (the mention started a
   spurious agreement, or one that was dropped), its own evidence decides: its parties, date
   and title, scored with the scorer's ``similarity`` against each gold agreement; a unique
   best at >= 2 is its gold agreement.
3. A pair is positive when the candidate's gold agreement is one of the mention's, negative
   otherwise, and *unlabelled* (left out) when the mention has no gold agreement at all: the
   gold does not say where such a mention belongs.

Step 2 is where the labels are not just the extractor's own decisions: a mention that started
a spurious agreement but names the parties and date of an earlier one is labelled positive for
it. Otherwise the labels follow the output, so a wrong join to an agreement that aligns (two
signings merged into one) stays positive — the labels are partly circular, and the end-to-end
scores below, not the log-loss, decide.

Fitting. A logistic regression of label on features (the score is its logit: join when
positive), by Newton's method with an L2 penalty ``lambda`` that pulls every weight but the bias
towards the hand weights (``--prior hand``, the default: rare cues keep their hand value) or
towards 0 (``--prior zero``). Cross-validation leaves one document out: the weights are fitted
on the other documents of all the corpora given, and the left-out document's decisions are
scored (log-loss and accuracy of the pairs, and accuracy of the decision: join the right
agreement or start a new one when none is right). ``--end-to-end DIR`` also extracts each
left-out document with its fold's weights into ``DIR/<corpus>/`` and prints the shared
scorer's table for each corpus beside the hand weights' table, so learned weights are judged by
the F1 of documents they were not fitted on. ``--weights-out`` writes the weights fitted on
all documents; ``--weights FILE -- ARGS`` runs ``bench/eval_extract.py ARGS`` with them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import eval_extract, logistic  # noqa: E402  (eval_extract: its corpus loading, headers, texts/ and gold/)
from kg.extract import grouping  # noqa: E402

DEFAULT_SCORER = eval_extract.SHARED / "tools" / "score_extraction.py"
KEYS = list(grouping.WEIGHTS)


def load_scorer(path: Path = DEFAULT_SCORER):
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ====================================================================== recording
@dataclass
class Row:
    """One call of coreference_score: mention ``mention`` (its index) against candidate ``cand``."""
    doc: str
    mention: int
    cand: int                    # the candidate's position among the agreements so far
    as_set: bool
    features: dict[str, float]
    label: int | None            # None: the gold does not say where the mention belongs
    chosen: bool                 # the mention ended up in this candidate


@dataclass
class DocRecord:
    doc: str
    corpus: str
    rows: list[Row] = field(default_factory=list)
    unlabelled_mentions: int = 0
    relabelled: set[int] = field(default_factory=set)   # mentions whose own evidence overrode the output


@contextmanager
def recording(calls: list):
    """Record every coreference_score call (the scores themselves are unchanged)."""
    original = grouping.coreference_score

    def wrapper(g, m, a, as_set=False):
        cand = next((k for k, b in enumerate(g.agreements) if b is a), -1)
        calls.append((g, m, a, cand, as_set, grouping.coreference_features(g, m, a, as_set)))
        return original(g, m, a, as_set)

    grouping.coreference_score = wrapper
    try:
        yield calls
    finally:
        grouping.coreference_score = original


@contextmanager
def weights(values: dict[str, float] | None):
    """Run with other WEIGHTS (None: the hand weights)."""
    saved = dict(grouping.WEIGHTS)
    if values:
        grouping.WEIGHTS.update(values)
    try:
        yield
    finally:
        grouping.WEIGHTS.clear()
        grouping.WEIGHTS.update(saved)


def align(scorer, gold: dict, pred: dict) -> dict[int, int]:
    """Output agreement index -> gold agreement index, as the shared scorer pairs them."""
    names = scorer.Names(gold)
    gold_as = [scorer.agreement_keys(a, names) for a in gold.get("agreements") or []]
    pred_as = [scorer.agreement_keys(a, names) for a in pred.get("agreements") or []]
    pairs = sorted(((scorer.similarity(g, p), i, j) for i, g in enumerate(gold_as)
                    for j, p in enumerate(pred_as)), reverse=True)
    used_g, out = set(), {}
    for s, i, j in pairs:
        if s >= 2 and i not in used_g and j not in out:
            used_g.add(i)
            out[j] = i
    return out


def mention_gold(scorer, gold: dict, result, m) -> int | None:
    """The gold agreement a mention's own parties, date and title point to (a unique best at >= 2)."""
    an = result.analysis
    names = scorer.Names(gold)
    own = {"parties": [result.name_of(i) for i in grouping.mention_parties(an, m)],
           "signed_on": m.date.value if m.date is not None else None, "title": m.title}
    p = scorer.agreement_keys(own, names)
    scores = sorted(((scorer.similarity(scorer.agreement_keys(g, names), p), i)
                     for i, g in enumerate(gold.get("agreements") or [])), reverse=True)
    if scores and scores[0][0] >= 2 and (len(scores) == 1 or scores[1][0] < scores[0][0]):
        return scores[0][1]
    return None


def record_document(text: Path, gold_path: Path, scorer, corpus: str = "") -> DocRecord:
    from kg.extract.pipeline import extract_file

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    lang, published = eval_extract.header(text)
    calls: list = []
    with recording(calls):
        result = extract_file(text, language=lang, published=published)
    rec = DocRecord(f"{corpus}/{text.stem}", corpus)
    if not calls:
        return rec
    pred = result.to_json()
    to_gold = align(scorer, gold, pred)
    gold_of = {id(a): to_gold.get(j) for j, a in enumerate(result.agreements)}
    homes: dict[int, set[int]] = {}
    for j, a in enumerate(result.agreements):
        for x in a.mentions:
            homes.setdefault(id(x), set()).add(j)
    unknown = set()
    for g, m, a, cand, as_set, feats in calls:
        mine = {to_gold[j] for j in homes.get(id(m), ()) if j in to_gold}
        own = mention_gold(scorer, gold, result, m)
        if own is not None and (not mine or own not in to_gold.values()):
            mine = {own}   # its own evidence: an agreement the output missed, or where the output has none
        if mine != {to_gold[j] for j in homes.get(id(m), ()) if j in to_gold}:
            rec.relabelled.add(m.index)
        cand_gold = gold_of.get(id(a))
        label = None if not mine else int(cand_gold is not None and cand_gold in mine)
        if label is None:
            unknown.add(id(m))
        chosen = any(x is m for x in a.mentions)
        rec.rows.append(Row(f"{corpus}/{text.stem}", m.index, cand, as_set, {k: float(v) for k, v in feats.items()}, label, chosen))
    rec.unlabelled_mentions = len(unknown)
    return rec


def corpus_files(corpus: Path) -> list[tuple[Path, Path]]:
    texts = sorted((corpus / "texts").glob("*.txt"))
    return [(t, corpus / "gold" / f"{t.stem}.json") for t in texts if (corpus / "gold" / f"{t.stem}.json").exists()]


# ====================================================================== fitting
def fit(rows: list[Row], lam: float = 1.0, prior: str = "hand") -> dict[str, float]:
    """Penalised logistic regression (:func:`bench.logistic.fit`), towards the hand weights or 0,
    started from them; the bias is not penalised."""
    hand = [grouping_hand()[k] for k in KEYS] if prior == "hand" else [0.0] * len(KEYS)
    w0 = [0.0 if k == "bias" else v for k, v in zip(KEYS, hand)]
    data = [(logistic.nonzero([r.features.get(k, 0.0) for k in KEYS]), r.label, 1) for r in rows]
    w = logistic.fit(data, KEYS, lam, prior=w0, start=hand, iterations=100, tol=1e-8)
    return dict(zip(KEYS, (float(v) for v in w)))


_HAND = dict(grouping.WEIGHTS)


def grouping_hand() -> dict[str, float]:
    return _HAND


def score(w: dict[str, float], r: Row) -> float:
    return sum(w[k] * v for k, v in r.features.items())


def metrics(held: list[tuple[dict[str, float], Row]]) -> dict[str, float]:
    """Log-loss and accuracy of the pairs, each scored with the weights beside it, and accuracy of
    the decisions they make up (the best positive candidate is right if it is labelled positive,
    no positive candidate if none is)."""
    ll, right = 0.0, 0
    decisions: dict[tuple[str, int], list[tuple[float, Row]]] = {}
    for w, r in held:
        s = score(w, r)
        p = min(max(logistic.sigmoid(s), 1e-12), 1 - 1e-12)
        ll -= math.log(p if r.label else 1 - p)
        right += (s > 0) == bool(r.label)
        decisions.setdefault((r.doc, r.mention), []).append((s, r))
    good = 0
    for items in decisions.values():
        s, best = max(items, key=lambda x: x[0])
        good += best.label == 1 if s > 0 else not any(r.label for _, r in items)
    n = max(len(held), 1)
    return {"pairs": len(held), "logloss": ll / n, "pair_accuracy": right / n,
            "decisions": len(decisions), "decision_accuracy": good / max(len(decisions), 1)}


def usable(rec: DocRecord) -> list[Row]:
    return [r for r in rec.rows if not r.as_set and r.label is not None]


# ====================================================================== main
def run_scorer(scorer_path: Path, gold: Path, out: Path) -> dict:
    report = subprocess.run([sys.executable, str(scorer_path), str(gold), str(out), "--json"],
                            capture_output=True, text=True, check=True).stdout
    return json.loads(report)["fields"]


def end_to_end(corpora: list[Path], records: list[DocRecord], fold_weights: dict[str, dict], out: Path,
               scorer_path: Path) -> None:
    from kg.extract.pipeline import extract_file

    print("\nend to end, each document extracted with the weights fitted without it (shared scorer F1)")
    for corpus in corpora:
        hand_dir, cv_dir = out / corpus.name / "hand", out / corpus.name / "cv"
        for d in (hand_dir, cv_dir):
            d.mkdir(parents=True, exist_ok=True)
        for text, _ in corpus_files(corpus):
            lang, published = eval_extract.header(text)
            for d, w in ((hand_dir, None), (cv_dir, fold_weights.get(f"{corpus.name}/{text.stem}"))):
                with weights(w):
                    result = extract_file(text, language=lang, published=published)
                (d / f"{text.stem}.json").write_text(json.dumps(result.to_json(), ensure_ascii=False), encoding="utf-8")
        hand, cv = run_scorer(scorer_path, corpus / "gold", hand_dir), run_scorer(scorer_path, corpus / "gold", cv_dir)
        print(f"{corpus.name}:")
        print(f"  {'field':<14} {'hand':>6} {'cv':>6}")
        for k in hand:
            print(f"  {k:<14} {hand[k]['f1']:>6.3f} {cv[k]['f1']:>6.3f}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--weights" in argv:
        k = argv.index("--weights")
        values = json.loads(Path(argv[k + 1]).read_text(encoding="utf-8"))
        rest = argv[argv.index("--") + 1:] if "--" in argv else []
        with weights(values):
            return eval_extract.main(rest)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="folders with texts/ and gold/")
    parser.add_argument("--lambda", dest="lam", type=float, default=1.0, help="L2 penalty (default 1)")
    parser.add_argument("--prior", choices=("hand", "zero"), default="hand",
                        help="what the penalty pulls the weights towards (default: the hand weights)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--rows", type=Path, help="write the labelled decisions as JSON lines")
    parser.add_argument("--weights-out", type=Path, help="write the weights fitted on all documents (JSON)")
    parser.add_argument("--end-to-end", type=Path, metavar="DIR",
                        help="extract each document with its fold's weights into DIR and score it")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    records = [record_document(t, g, scorer, c.name) for c in args.corpora for t, g in corpus_files(c)]
    rows = [r for rec in records for r in usable(rec)]
    n_set = sum(r.as_set for rec in records for r in rec.rows)
    n_unl = sum(1 for rec in records for r in rec.rows if not r.as_set and r.label is None)
    print(f"{len(records)} documents, {len(rows)} labelled pairs ({sum(r.label for r in rows)} positive); "
          f"left out: {n_unl} pairs of {sum(x.unlabelled_mentions for x in records)} mentions the gold does "
          f"not place, {n_set} set-level calls; "
          f"{sum(len(x.relabelled) for x in records)} mentions placed by their own evidence")
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as f:
            for rec in records:
                for r in rec.rows:
                    f.write(json.dumps({"corpus": rec.corpus, **r.__dict__}) + "\n")
    # leave one document out
    fold_weights: dict[str, dict] = {}
    held_hand, held_fit = [], []
    for rec in records:
        train = [r for other in records if other is not rec for r in usable(other)]
        w = fit(train, args.lam, args.prior)
        fold_weights[rec.doc] = w
        for r in usable(rec):
            held_hand.append((_HAND, r))
            held_fit.append((w, r))
    print(f"\nleave-one-document-out ({len(records)} folds, lambda {args.lam}, prior {args.prior}):")
    print(f"  {'weights':<8} {'log-loss':>8} {'pair acc':>8} {'decision acc':>12}")
    for name, held in (("hand", held_hand), ("learned", held_fit)):
        m = metrics(held)
        print(f"  {name:<8} {m['logloss']:>8.3f} {m['pair_accuracy']:>8.3f} {m['decision_accuracy']:>12.3f}"
              f"  ({m['decisions']} decisions)")
    full = fit(rows, args.lam, args.prior)
    print("\nweights fitted on all documents (hand -> learned):")
    for k in KEYS:
        print(f"  {k:<20} {_HAND[k]:>6.2f} {full[k]:>7.2f}")
    if args.weights_out:
        args.weights_out.write_text(json.dumps({k: round(v, 2) for k, v in full.items()}, indent=1) + "\n",
                                    encoding="utf-8")
    if args.end_to_end:
        end_to_end(args.corpora, records, fold_weights, args.end_to_end, args.scorer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
