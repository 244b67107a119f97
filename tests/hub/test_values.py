"""Scalar values of the contract: durations and dates."""

from __future__ import annotations

import pytest

from qunzhi.hub.values import parse_duration


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("01:12:30", 4350),
        ("1:30", 5400),
        (90, 5400),
        ("90", 5400),
        ("45:00", None),
        ("1:75", None),
        (True, None),
        ("两小时", None),
    ],
)
def test_durations(written, seconds):
    assert parse_duration(written) == seconds
