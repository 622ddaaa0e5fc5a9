"""How far a second hand annotation of texts agrees with their gold (the ceiling of any extractor).

    python bench/annotation_agreement.py SECOND_DIR GOLD_DIR [GOLD_DIR ...]

SECOND_DIR holds a second annotator's JSON files, one per text, named like the gold files (the
corpus format of the development corpus). Each is paired with the gold file of the same name in
the first GOLD_DIR that has one, and the shared scorer (``../shared/tools/score_extraction.py``)
scores the second annotation as if it were the extractor's output. The second annotations of
issue 8 are in ``docs/results/annotation-agreement/`` (see its README).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.eval_extract import SHARED  # noqa: E402

SCORER = SHARED / "tools" / "score_extraction.py"


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    second, golds = Path(args[0]), [Path(a) for a in args[1:]]
    with tempfile.TemporaryDirectory() as tmp:
        gold_out, pred_out = Path(tmp, "gold"), Path(tmp, "second")
        gold_out.mkdir()
        pred_out.mkdir()
        for path in sorted(second.glob("*.json")):
            match = next((g / path.name for g in golds if (g / path.name).exists()), None)
            if match is None:
                print(f"{path}: no gold file of that name", file=sys.stderr)
                return 1
            shutil.copy(match, gold_out / path.name)
            shutil.copy(path, pred_out / path.name)
        return subprocess.call([sys.executable, str(SCORER), str(gold_out), str(pred_out)])


if __name__ == "__main__":
    sys.exit(main())
