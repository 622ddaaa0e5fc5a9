"""The doctests of ``bench/logistic.py``, the fitter of the four fit scripts (pytest collects the
doctests of ``kg`` and ``api`` only, so they are run from here)."""

from __future__ import annotations

import doctest


def test_logistic_doctests():
    from bench import logistic

    result = doctest.testmod(logistic)
    assert result.attempted > 0 and result.failed == 0, result
