"""Score the extractor on a corpus folder, the way a user runs it (a script, not a test).

    python bench/eval_extract.py CORPUS [--scorer PATH] [--out DIR] [--per-doc] [--json]

CORPUS holds ``texts/NN_name.txt`` and ``gold/NN_name.json`` (the layout of the shared corpora,
e.g. ``../shared/corpus/dev``). Every text is extracted on its own, one file at a time, with the
language and the ISO publication date read from its header and passed explicitly (as
``kg extract FILE --lang L --published D`` does); the JSON results are written to DIR (a
temporary folder by default) and the shared scorer (``../shared/tools/score_extraction.py``)
prints its table. A header value "unknown ..." means no publication date.

Seeds: ``python bench/eval_extract.py --seeds`` scores ``seeds/documents`` against
``tests/data/gold``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def header(path: Path) -> tuple[str | None, str | None]:
    """Language and ISO publication date from a text's '# key: value' header (or its .meta.json)."""
    from kg.extract.document import clean_date, parse_header

    meta, _ = parse_header(path.read_text(encoding="utf-8"))
    side = path.with_name(path.stem + ".meta.json")
    if side.exists():
        meta = {**meta, **json.loads(side.read_text(encoding="utf-8"))}
    lang = (meta.get("language") or "").strip().lower()[:2] or None
    return lang, clean_date(meta.get("published"))


def extract_corpus(texts: list[Path], out: Path) -> float:
    """Extract every text into OUT/<stem>.json; returns the seconds it took."""
    from kg.extract.pipeline import extract_file

    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for path in texts:
        lang, published = header(path)
        result = extract_file(path, language=lang, published=published)
        (out / f"{path.stem}.json").write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1),
                                              encoding="utf-8")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="a folder with texts/ and gold/")
    parser.add_argument("--seeds", action="store_true", help="score seeds/documents against tests/data/gold")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_extraction.py")
    parser.add_argument("--out", type=Path, help="where to write the JSON results (default: a temporary folder)")
    parser.add_argument("--per-doc", action="store_true", help="also print each document's overall F1")
    parser.add_argument("--json", action="store_true", help="print the scorer's JSON")
    args = parser.parse_args(argv)
    if args.seeds:
        texts, gold = sorted((REPO / "seeds" / "documents").glob("*.txt")), REPO / "tests" / "data" / "gold"
    elif args.corpus is not None:
        texts, gold = sorted((args.corpus / "texts").glob("*.txt")), args.corpus / "gold"
    else:
        parser.error("give a corpus folder or --seeds")
    if not texts or not gold.is_dir():
        print(f"no texts or no gold folder under {args.corpus or 'seeds'}", file=sys.stderr)
        return 2
    if not args.scorer.exists():
        print(f"scorer not found: {args.scorer}", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-eval-"))
    seconds = extract_corpus(texts, out)
    cmd = [sys.executable, str(args.scorer), str(gold), str(out)]
    cmd += ["--per-doc"] if args.per_doc else []
    cmd += ["--json"] if args.json else []
    report = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    print(report, end="")
    if not args.json:
        size = sum(p.stat().st_size for p in texts) / 1024
        print(f"\n{len(texts)} texts, {size:.0f} KB, extracted in {seconds:.1f} s; results in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
