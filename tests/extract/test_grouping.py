"""Unit tests of ``kg.extract.grouping`` helpers that need no analysed text."""

from __future__ import annotations

import pytest

from kg.extract.dates import DateMention
from kg.extract.grouping import DATELINE_LEAD, date_compatible, dateline_earlier


def _date(value: str, kind: str = "absolute", precision: str = "day") -> DateMention:
    return DateMention(0, 1, value, value, precision, kind)


LINE = _date("2024-06-27", kind="dateline")


@pytest.mark.parametrize("body, expected", [
    ("2024-06-26", True),    # the day before the dateline: inside the window
    ("2024-06-24", True),    # a weekday of the same week
    ("2024-06-20", True),    # exactly DATELINE_LEAD days before: at the window's edge, still inside
    ("2024-06-19", False),   # one day beyond the window
    ("2024-05-27", False),   # a month before
    ("2024-06-27", False),   # the dateline's own day: no earlier day
    ("2024-06-28", False),   # after the news was filed
])
def test_dateline_earlier_window(body, expected):
    assert DATELINE_LEAD == 7
    assert dateline_earlier(LINE, _date(body)) is expected
    # the window makes the two days no clash for grouping (None), outside it they clash unless equal
    assert (date_compatible(LINE, _date(body)) is None) is expected


@pytest.mark.parametrize("line, body", [
    (_date("2024-06", kind="dateline", precision="month"), _date("2024-06-24")),   # a dateline without its day
    (LINE, _date("2024-06", precision="month")),                                   # a body date of a month
    (LINE, _date("XXXX-06-24")),                                                   # a day whose year is unknown
    (LINE, _date("2024-06-24", kind="dateline")),                                  # two datelines
    (_date("2024-06-27"), _date("2024-06-24")),                                    # no dateline at all
    (LINE, None),
])
def test_dateline_earlier_needs_two_full_days(line, body):
    """The precision comes from each value's form (parse_published): a day needs year, month and
    day; a year unknown (XXXX) is no full day."""
    assert dateline_earlier(line, body) is False
