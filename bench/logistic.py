"""The L2-penalised logistic regression the ``bench/fit_*.py`` scripts fit, in plain Python.

One Newton fitter for all of them, so that a fix or a change of convergence reaches every learned
decision alike. A row is ``(xs, positives, count)``: its non-zero features as ``(index, value)``
pairs (the order is the order the logit is summed in), and how many of ``count`` identical rows
are positive; a single labelled row is ``(xs, y, 1)``, rows aggregated by identical features carry
their counts. The penalty ``lam`` pulls every weight but the one named ``bias`` towards ``prior``
(0 by default).

A bias alone on 3 positives and 1 negative is the log odds, whatever the penalty:

>>> import math
>>> w = fit([([(0, 1.0)], 3, 4)], ["bias"], lam=1.0)
>>> abs(w[0] - math.log(3)) < 1e-9
True

the same rows one by one give the same weight (to rounding):

>>> abs(fit([([(0, 1.0)], 1, 1)] * 3 + [([(0, 1.0)], 0, 1)], ["bias"], lam=1.0)[0] - w[0]) < 1e-9
True

two separable symmetric rows: the bias stays 0 and the penalty keeps the weight finite, where
the gradient ``x - 2 * (1 - sigmoid(x))`` is 0; a strong penalty towards a prior holds the weight
near it:

>>> rows = [([(0, 1.0), (1, 1.0)], 1, 1), ([(0, 1.0), (1, -1.0)], 0, 1)]
>>> b, x = fit(rows, ["bias", "x"], lam=1.0)
>>> abs(b) < 1e-9, abs(x - 2 * (1 - sigmoid(x))) < 1e-9, round(x, 3)
(True, True, 0.675)
>>> round(fit(rows, ["bias", "x"], lam=1000.0, prior=[0.0, 2.0])[1], 2)
2.0
>>> [round(v, 9) for v in solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0])]
[0.8, 1.4]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Row = tuple[Sequence[tuple[int, float]], float, float]   # (non-zero (index, value) pairs, positives, count)


def sigmoid(z: float) -> float:
    """The logistic function, with the logit clipped to [-30, 30] so that exp never overflows."""
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def probability(w: Sequence[float], x: Sequence[float]) -> float:
    """The probability of a dense feature vector ``x`` under the weights ``w``."""
    return sigmoid(sum(wi * xi for wi, xi in zip(w, x)))


def nonzero(x: Sequence[float]) -> list[tuple[int, float]]:
    """The ``(index, value)`` pairs of the non-zero entries of a dense vector, for :func:`fit`."""
    return [(i, xi) for i, xi in enumerate(x) if xi]


def solve(A: Sequence[Sequence[float]], b: Sequence[float]) -> list[float]:
    """``x`` with ``A x = b``, by Gaussian elimination with partial pivoting (a zero pivot counts as
    1e-12): the systems are the small Newton steps of :func:`fit`."""
    n = len(b)
    M = [list(row) + [b[i]] for i, row in enumerate(A)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[p] = M[p], M[c]
        piv = M[c][c] or 1e-12
        for r in range(c + 1, n):
            f = M[r][c] / piv
            if f:
                Mr, Mc = M[r], M[c]
                for k in range(c, n + 1):
                    Mr[k] -= f * Mc[k]
    x = [0.0] * n
    for c in range(n - 1, -1, -1):
        x[c] = (M[c][n] - sum(M[c][k] * x[k] for k in range(c + 1, n))) / (M[c][c] or 1e-12)
    return x


def fit(rows: Sequence[Row], keys: Sequence[str], lam: float, *, prior: Sequence[float] | None = None,
        start: Sequence[float] | None = None, ridge: float = 1e-9, iterations: int = 50,
        tol: float = 1e-6) -> list[float]:
    """The weights (in the order of ``keys``) of a logistic regression of the rows by Newton's method.

    The penalty ``lam / 2 * (w - prior)**2`` applies to every weight but ``bias``; ``ridge`` is
    added to the Hessian's diagonal so that a feature no row has still gives a solvable step.
    Newton starts from ``start`` (default 0) and stops after ``iterations`` steps or when no
    weight moves by ``tol`` or more.
    """
    n = len(keys)
    w = list(start) if start is not None else [0.0] * n
    w0 = list(prior) if prior is not None else [0.0] * n
    pen = [0.0 if k == "bias" else lam for k in keys]
    for _ in range(iterations):
        grad = [pen[i] * (w[i] - w0[i]) for i in range(n)]
        H = [[(pen[i] + ridge) if i == j else 0.0 for j in range(n)] for i in range(n)]
        for xs, positives, count in rows:
            p = sigmoid(sum(w[i] * v for i, v in xs))
            r = count * p - positives
            d = count * p * (1 - p)
            for i, v in xs:
                grad[i] += r * v
                Hi = H[i]
                for j, u in xs:
                    Hi[j] += d * v * u
        step = solve(H, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(s) for s in step) < tol:
            break
    return w
