"""List the gold agreements that no extracted candidate aligns with (the mention-recall ceiling).

    python bench/list_misses.py CORPUS [CORPUS ...]

CORPUS as for ``bench/fit_lagree.py`` (``seeds`` for the seed documents). Every document is
extracted and aligned as :func:`bench.fit_lagree.record_document` does; for every gold agreement
no candidate (kept or dropped) aligns with, this prints the document, the cause fit_lagree gives,
the gold agreement's kind, title, parties and date, and the text sentences that name one of its
parties or a word of its title, so one can see how the text refers to it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.fit_grouping import DEFAULT_SCORER, load_scorer  # noqa: E402
from bench.fit_lagree import corpus_files, corpus_name, record_document  # noqa: E402


def names(party) -> list[str]:
    if isinstance(party, dict):
        return [str(v) for k, v in party.items() if k in ("name", "label", "id") and v]
    return [str(party)]


def main(argv: list[str] | None = None) -> int:
    scorer = load_scorer(DEFAULT_SCORER)
    total = 0
    for corpus in (Path(a) for a in (argv or sys.argv[1:])):
        for text, gold_path in corpus_files(corpus):
            rec = record_document(text, gold_path, scorer, corpus_name(corpus))
            if not rec["missed"]:
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            body = text.read_text(encoding="utf-8")
            sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", body) if s.strip()]
            for cause, i in zip(rec["misses"], rec["missed"]):
                total += 1
                g = gold["agreements"][i]
                parties = [n for p in g.get("parties") or [] for n in names(p)]
                print(f"== {rec['doc']}  [{cause}]")
                print(f"   kind={g.get('kind')} title={g.get('title')!r} date={g.get('signed_on')} "
                      f"background={g.get('background')}")
                print(f"   parties={parties}")
                words = [w for w in re.findall(r"\w{5,}", g.get("title") or "")]
                keys = [p.split(":")[-1].split("/")[-1].replace("_", " ") for p in parties] + words
                for s in sentences:
                    if any(k and k.lower() in s.lower() for k in keys):
                        print(f"   | {s[:400]}")
    print(f"{total} gold agreements align with no candidate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
