"""A small field-by-field scorer for extraction output against gold files (same JSON shape).

Names are compared case- and accent-insensitively after folding the gold's aliases; a person
also matches on the family name alone. Agreements are paired greedily by shared parties,
signatories and date. 'overall' is the micro average over parties, signatories, witnesses,
signed_on, topics, cooperations, persons and organizations.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

FIELDS = ("parties", "signatories", "witnesses", "signed_on", "topics", "cooperations", "persons", "organizations")


def _norm(text) -> str:
    if not isinstance(text, str):
        return ""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"\W+", " ", text.casefold().replace("ß", "ss")).strip()


class _Names:
    def __init__(self, gold: dict):
        self.map: dict[str, str] = {}
        self.family: dict[str, set[str]] = {}
        for canon, spellings in (gold.get("aliases") or {}).items():
            for s in [canon, *spellings]:
                self.map.setdefault(_norm(s), _norm(canon))
        for group in ("persons", "organizations"):
            for item in gold.get(group) or []:
                for s in [item["name"], *(item.get("aliases") or [])]:
                    self.map.setdefault(_norm(s), _norm(item["name"]))
                if group == "persons" and len(_norm(item["name"]).split()) > 1:
                    self.family.setdefault(_norm(item["name"]).split()[-1], set()).add(_norm(item["name"]))

    def key(self, name, person=False) -> str:
        if isinstance(name, dict):
            name = name.get("person") or name.get("name")
        n = _norm(name)
        if n in self.map:
            return self.map[n]
        if person and n.split() and len(self.family.get(n.split()[-1], ())) == 1:
            return next(iter(self.family[n.split()[-1]]))
        return n


def score(pairs: list[tuple[dict, dict]]) -> dict[str, dict[str, float]]:
    tp, fp, fn = Counter(), Counter(), Counter()

    def count(field, gold: set, pred: set):
        gold.discard("")
        pred.discard("")
        tp[field] += len(gold & pred)
        fp[field] += len(pred - gold)
        fn[field] += len(gold - pred)

    for gold, pred in pairs:
        names = _Names(gold)

        def keys(a):
            return {"parties": {names.key(p) for p in a.get("parties") or []},
                    "signatories": {names.key(s, True) for s in a.get("signatories") or []},
                    "witnesses": {names.key(w, True) for w in a.get("witnesses") or []},
                    "topics": {_norm(t) for t in a.get("topics") or []},
                    "signed_on": a.get("signed_on")}
        ga = [keys(a) for a in gold.get("agreements") or []]
        pa = [keys(a) for a in pred.get("agreements") or []]
        cand = sorted(((2 * len(g["parties"] & p["parties"]) + 2 * len(g["signatories"] & p["signatories"])
                        + (g["signed_on"] is not None and g["signed_on"] == p["signed_on"]), i, j)
                       for i, g in enumerate(ga) for j, p in enumerate(pa)), reverse=True)
        used_g, used_p = set(), set()
        for s, i, j in cand:
            if s >= 2 and i not in used_g and j not in used_p:
                used_g.add(i)
                used_p.add(j)
                g, p = ga[i], pa[j]
                for f in ("parties", "signatories", "witnesses", "topics"):
                    count(f, set(g[f]), set(p[f]))
                if g["signed_on"]:
                    ok = g["signed_on"] == p["signed_on"]
                    tp["signed_on"] += ok
                    fn["signed_on"] += not ok
                    fp["signed_on"] += (not ok) and bool(p["signed_on"])
        for i, g in enumerate(ga):
            if i not in used_g:
                for f in ("parties", "signatories", "witnesses", "topics"):
                    fn[f] += len(g[f])
                fn["signed_on"] += bool(g["signed_on"])
        for j, p in enumerate(pa):
            if j not in used_p:
                for f in ("parties", "signatories", "witnesses", "topics"):
                    fp[f] += len(p[f])
        pair = lambda c: frozenset((names.key(c[0]), names.key(c[1])))
        count("cooperations", {pair(c) for c in gold.get("cooperations") or []},
              {pair(c) for c in pred.get("cooperations") or []})
        count("persons", {names.key(p, True) for p in gold.get("persons") or []},
              {names.key(p, True) for p in pred.get("persons") or []})
        count("organizations", {names.key(o) for o in gold.get("organizations") or []},
              {names.key(o) for o in pred.get("organizations") or []})

    def f1(fields):
        t, p_, n = sum(tp[f] for f in fields), sum(fp[f] for f in fields), sum(fn[f] for f in fields)
        prec = t / (t + p_) if t + p_ else 1.0
        rec = t / (t + n) if t + n else 1.0
        return {"p": prec, "r": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}
    out = {f: f1([f]) for f in FIELDS}
    out["overall"] = f1(FIELDS)
    return out
