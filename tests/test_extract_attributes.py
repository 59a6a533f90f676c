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


def test_a_share_of_exports_bought_names_what_flows_and_reads_as_a_sale():
    from explorer import store
    from explorer.analysis.dyads import Share
    from explorer.extract.pipeline import Extractor

    from .conftest import DATA

    extraction = Extractor(store.load(DATA)).extract_text(
        "Qatar buys about 70 percent of Omani gas exports.")
    (bought,) = [c for c in extraction.candidates if c.type == "economic_support"]
    assert (bought.source, bought.target) == ("QAT", "OMN")
    assert bought.attributes == {"share": 0.7, "commodity": "gas exports"}
    share = Share("QAT", "OMN", "gas exports", 0.7, 0.7, "0.7", "qat-omn")
    assert share.describe() == "OMN sells 70% of its gas exports to QAT"
