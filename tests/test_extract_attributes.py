"""Shares, amounts and dates in the data file's conventions."""

from __future__ import annotations

import doctest

import pytest

from explorer.analysis.dyads import parse_share
from explorer.extract import attributes
from explorer.extract.attributes import share_in_words


@pytest.mark.parametrize(("text", "share"), [
    ("at least 80 percent", ">=0.8"),
    ("more than 40 per cent", ">=0.4"),
    ("nearly 30%", "<=0.3"),
    ("about 25 percent", 0.25),
    ("a quarter to half", "0.25-0.5"),
    ("a third to a half", "0.33-0.5"),
    ("half of its oil", 0.5),
    ("at least a third of its grain", ">=0.33"),
    ("no share here", None),
])
def test_share_in_words(text, share):
    assert share_in_words(text) == share
    if share is not None:  # written in the notation the analysis reads back
        assert parse_share(share) is not None


def test_docstring_examples_run():
    assert doctest.testmod(attributes).failed == 0
