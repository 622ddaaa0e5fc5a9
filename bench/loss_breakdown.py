"""Where the agreement-level errors of a run come from: missed or spurious agreements, or aligned ones.

    python bench/loss_breakdown.py GOLD_DIR PRED_DIR [GOLD_DIR PRED_DIR ...]

PRED_DIR holds the extractor's JSON outputs of the texts whose gold is in GOLD_DIR (as
``bench/eval_extract.py --out PRED_DIR`` writes them); the texts' headers are read from the
``texts/`` folder beside GOLD_DIR for the publication year. Gold and predicted agreements are
aligned exactly as the shared scorer aligns them (its ``Names``, ``agreement_keys``,
``similarity`` and greedy pairing at similarity >= 2). Printed, summed over all pairs of folders:

* the false negatives of parties, signatories, witnesses, topics and dates that belong to gold
  agreements no prediction aligns with, beside those of aligned agreements (and the false
  positives of unaligned predictions beside those of aligned ones);
* the gold cooperation pairs that are pairs of an agreement's parties, and those the text states
  outside any agreement, with how many of each the prediction misses;
* a profile of the missed gold agreements: kind, older than the report or not, with or without
  signers, number of parties, and whether the text reports more than one agreement;
* the ceiling of a perfect finder of the missed agreements: the scorer's overall F1 (the micro
  average over its fields but agreements and kind) now, and with every missed gold agreement found
  with all its parties, signers, witnesses, date and topics and its parties' cooperation pairs that
  no other agreement of the text gives (nothing else changed).

Only counts are printed, never a name or a sentence, so it may be run on a set that must stay
unread (a blind gauge or the check corpus) without showing its contents.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.fit_grouping import DEFAULT_SCORER, load_scorer  # noqa: E402

FIELDS = ("parties", "signatories", "witnesses", "topics")


def aligned_pairs(scorer, gold_as: list[dict], pred_as: list[dict]) -> list[tuple[int, int]]:
    """The scorer's one-to-one alignment of gold and predicted agreements (indices)."""
    pairs = sorted(((scorer.similarity(g, p), i, j) for i, g in enumerate(gold_as)
                    for j, p in enumerate(pred_as)), reverse=True)
    used_g, used_p, out = set(), set(), []
    for s, i, j in pairs:
        if s >= 2 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def published_year(text: Path) -> int | None:
    match = re.search(r"^# published: (\d{4})", text.read_text(encoding="utf-8")[:600], re.M)
    return int(match.group(1)) if match else None


def breakdown(scorer, gold_dir: Path, pred_dir: Path, counts: Counter, profile: Counter) -> None:
    """Add one folder pair's counts to ``counts`` (errors by source) and ``profile`` (missed agreements)."""
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred_path = pred_dir / gold_path.name
        pred = json.loads(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else {}
        names = scorer.Names(gold)
        gold_raw = gold.get("agreements") or []
        gold_as = [scorer.agreement_keys(a, names) for a in gold_raw]
        pred_as = [scorer.agreement_keys(a, names) for a in pred.get("agreements") or []]
        pairs = aligned_pairs(scorer, gold_as, pred_as)
        counts["gold agreements"] += len(gold_as)
        counts["missed agreements"] += len(gold_as) - len(pairs)
        counts["spurious agreements"] += len(pred_as) - len(pairs)
        for i, j in pairs:
            g, p = gold_as[i], pred_as[j]
            for field in FIELDS:
                counts[f"{field} fn, aligned"] += len(g[field] - p[field])
                counts[f"{field} fp, aligned"] += len(p[field] - g[field])
            if g["signed_on"] and not scorer.date_match(g["signed_on"], p["signed_on"]):
                counts["signed_on fn, aligned"] += 1
                counts["signed_on fp, aligned"] += 1 if p["signed_on"] else 0
        hit_g = {i for i, _ in pairs}
        hit_p = {j for _, j in pairs}
        text = gold_dir.parent / "texts" / f"{gold_path.stem}.txt"
        year = published_year(text) if text.exists() else None
        for i, g in enumerate(gold_as):
            if i in hit_g:
                continue
            for field in FIELDS:
                counts[f"{field} fn, missed agreement"] += len(g[field] - {""})
            counts["signed_on fn, missed agreement"] += 1 if g["signed_on"] else 0
            raw = gold_raw[i]
            date = raw.get("signed_on") or ""
            older = date[:4].isdigit() and year is not None and int(date[:4]) < year
            profile[f"kind {raw.get('kind')}"] += 1
            profile["older than the report" if older else "same year or undated"] += 1
            profile["with signers" if raw.get("signatories") else "no signers"] += 1
            profile[f"parties {min(len(raw.get('parties') or []), 3)}{'+' if len(raw.get('parties') or []) >= 3 else ''}"] += 1
            profile["text reports several agreements" if len(gold_as) > 1 else "the text's only agreement"] += 1
        for j, p in enumerate(pred_as):
            if j not in hit_p:
                for field in FIELDS:
                    counts[f"{field} fp, spurious agreement"] += len(p[field] - {""})
        pair = lambda a, b: frozenset((names.key(a), names.key(b)))
        of_agreements = {frozenset((x, y)) for g in gold_as for x in g["parties"] for y in g["parties"] if x != y}
        gold_pairs = {pair(c[0], c[1]) for c in gold.get("cooperations") or [] if len(c) >= 2}
        pred_pairs = {pair(c[0], c[1]) for c in pred.get("cooperations") or [] if len(c) >= 2}
        for kind, part in (("of agreements", gold_pairs & of_agreements), ("stated", gold_pairs - of_agreements)):
            counts[f"cooperations {kind}"] += len(part)
            counts[f"cooperations {kind}, fn"] += len(part - pred_pairs)
        of_found = {frozenset((x, y)) for i in hit_g for x in gold_as[i]["parties"] for y in gold_as[i]["parties"] if x != y}
        counts["cooperations fn, missed agreement only"] += len((gold_pairs & of_agreements) - of_found - pred_pairs)
        tally = scorer.Tally()
        scorer.score_document(gold, pred, tally)
        overall = tally.report()["overall"]
        for key in ("tp", "fp", "fn"):
            counts[f"overall {key}"] += overall[key]


def ceiling(counts: Counter) -> tuple[float, float]:
    """The overall F1 now, and with every missed gold agreement found perfectly (its field items
    turned from false negatives into true positives, nothing else changed)."""
    tp, fp, fn = counts["overall tp"], counts["overall fp"], counts["overall fn"]
    found = sum(counts[f"{field} fn, missed agreement"] for field in (*FIELDS, "signed_on")) \
        + counts["cooperations fn, missed agreement only"]

    def f1(t: int, f: int, n: int) -> float:
        return 2 * t / (2 * t + f + n) if t else 0.0

    return f1(tp, fp, fn), f1(tp + found, fp, fn - found)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if not args or len(args) % 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    scorer = load_scorer(DEFAULT_SCORER)
    counts: Counter = Counter()
    profile: Counter = Counter()
    for gold_dir, pred_dir in zip(args[::2], args[1::2]):
        breakdown(scorer, Path(gold_dir), Path(pred_dir), counts, profile)
    print(f"gold agreements {counts['gold agreements']}, missed {counts['missed agreements']}, "
          f"spurious predictions {counts['spurious agreements']}")
    print(f"{'field':<12} {'fn missed':>9} {'fn aligned':>10} {'fp spurious':>11} {'fp aligned':>10}")
    for field in (*FIELDS, "signed_on"):
        print(f"{field:<12} {counts[f'{field} fn, missed agreement']:>9} {counts[f'{field} fn, aligned']:>10} "
              f"{counts[f'{field} fp, spurious agreement']:>11} {counts[f'{field} fp, aligned']:>10}")
    for kind in ("of agreements", "stated"):
        print(f"gold cooperation pairs {kind}: {counts[f'cooperations {kind}']}, "
              f"missed {counts[f'cooperations {kind}, fn']}")
    print("missed gold agreements: " + ", ".join(f"{k} {v}" for k, v in sorted(profile.items())))
    now, perfect = ceiling(counts)
    print(f"overall F1 {now:.3f} (tp {counts['overall tp']}, fp {counts['overall fp']}, fn {counts['overall fn']}); "
          f"with every missed agreement found perfectly {perfect:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
