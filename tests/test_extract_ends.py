"""Probes for finding both ends of a relation when one is not in the clause (round 4):
groups named by a plural ("the leaders"), the voice of a first-person statement, quotes
that run over sentences, an object "it", and reactions to an act told earlier.
Sentences written for these tests (fictional persons, real states from the world
reference), never an article's."""

from __future__ import annotations

import pytest

from explorer import store
from explorer.extract.pipeline import Extractor

from .conftest import DATA
from .test_extract_pairs import found_any, mentioned


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(store.load(DATA))


# --------------------------------------------------------------- group plurals
def test_the_leaders_are_the_group_hosted_with_its_host(extractor):
    got = found_any(extractor, "The Dutch prime minister hosted Belgium's premier and "
                    "Luxembourg's prime minister in The Hague. In a joint text, the leaders "
                    "denounced Belarus's treatment of migrants.")
    for state in ("NLD", "BEL", "LUX"):
        assert (state, "BLR", "pressure") in got, got


def test_the_allies_are_the_last_coordinated_group(extractor):
    got = found_any(extractor, "Norway, Denmark and Iceland issued a note on Monday. "
                    "The allies criticised Russia's fishing fleet.")
    for state in ("NOR", "DNK", "ISL"):
        assert (state, "RUS", "pressure") in got, got


def test_a_group_plural_with_its_own_phrase_is_no_anaphor(extractor):
    pairs = mentioned(extractor, "Norway and Denmark signed a pact. The leaders of "
                      "Sweden protested.")
    assert ("leaders", "NOR") not in pairs, pairs


def test_a_group_plural_far_from_any_group_stands_for_nobody(extractor):
    pairs = mentioned(extractor, "Norway and Denmark signed a pact. Fishing went on. "
                      "Prices rose. Boats sailed. The leaders met farmers.")
    assert not any(text == "leaders" for text, _ in pairs), pairs


# --------------------------------------------------------------- first person
STATEMENT = ("Statement of the Foreign Ministry of the Republic of Paraguay on the river "
             "dispute\nAsuncion, 3 May 2023\n")


def test_we_in_a_statement_is_the_state_its_first_line_names(extractor):
    got = found_any(extractor, STATEMENT + "Paraguay regrets the closure of the bridge. "
                    "We thank Uruguay and Chile for their solidarity. Our country will keep "
                    "its word.")
    assert ("PRY", "URY", "diplomatic_support") in got, got
    assert ("PRY", "CHL", "diplomatic_support") in got, got


def test_we_once_outside_quotes_is_no_document_voice(extractor):
    pairs = mentioned(extractor, "Paraguay and Bolivia argued over the river. We thank "
                      "Uruguay for hosting the talks.")
    assert ("We", "PRY") not in pairs and ("We", "BOL") not in pairs, pairs


def test_a_quote_running_over_sentences_keeps_its_speaker(extractor):
    pairs = mentioned(extractor, "Ghana's foreign minister spoke in Accra. \"We have been "
                      "patient. We will not wait forever,\" Ghana's minister said.")
    assert [p for p in pairs if p[0] == "We"] == [("We", "GHA"), ("We", "GHA")], pairs


# --------------------------------------------------------------- object "it"
def test_an_object_it_is_never_its_own_clause_s_subject(extractor):
    pairs = mentioned(extractor, "Sweden opened an inquiry into the leak, and Finland "
                      "criticised it.")
    assert ("it", "FIN") not in pairs, pairs
