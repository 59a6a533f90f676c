"""Probes for finding the pair — who acts and on whom: names, persons, coreference and
the ends of a relation. Sentences written for these tests (fictional persons, real states
from the world reference), never an article's."""

from __future__ import annotations

import pytest

from explorer import store
from explorer.extract.pipeline import Extractor, actor_mentions

from .conftest import DATA
from .test_extract_probes import found, has


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(store.load(DATA))


def mentioned(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    """(surface text, state or body it folds onto) for every actor mention."""
    doc = extractor.parse(text)
    mentions, proposed = actor_mentions(doc, extractor.index)
    fold = {p.id: p.represents for p in proposed.values() if p.represents}

    def state(actor: str) -> str:
        actor = fold.get(actor, actor)
        return extractor.index.state_of(actor)

    return [(doc[m.start:m.end].text, state(m.actor)) for m in mentions]


PAIRS = [
    # "Congo" alone is the Democratic Republic of the Congo in news style
    ("Congo accused Rwanda of backing the rebels.", [("COD", "RWA", "pressure")]),
    ("The Democratic Republic of Congo cut diplomatic ties with Rwanda.",
     [("COD", "RWA", "sanctions")]),
]


@pytest.mark.parametrize(("text", "expected"), PAIRS, ids=[t[:40] for t, _ in PAIRS])
def test_pair_probe(extractor, text, expected):
    got = found(extractor, text)
    for source, target, type_ in expected:
        assert has(got, source, target, type_), (source, target, type_, got)


def test_his_is_the_clause_s_subject_over_a_possessor_before_it(extractor):
    pairs = mentioned(extractor, "Kenya's president Joseph Mwangi, who sought Tanzania's "
                      "leader Amani Juma's support for his country, flew home.")
    assert ("his", "KEN") in pairs, pairs


def found_any(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(source, target, type), whatever the modality."""
    return {(s, t, type_) for s, t, type_, _ in found(extractor, text)}


FOCUS = ("Ecuador raided the embassy of Peru in Quito on Friday. Ecuador said the raid was "
         "lawful, and Ecuador's president defended it on television. ")


def test_a_reaction_to_an_act_with_no_doer_is_aimed_at_the_article_s_state(extractor):
    got = found_any(extractor, FOCUS + "Bolivia condemned the move.")
    assert ("BOL", "ECU", "pressure") in got, got
    got = found_any(extractor, FOCUS + "Nicaragua hailed the decision.")
    assert ("NIC", "ECU", "diplomatic_support") in got, got


def test_no_state_is_clearly_the_article_s_so_no_target_is_guessed(extractor):
    got = found_any(extractor, "Peru and Chile signed a deal. Bolivia condemned the move.")
    assert not any(s == "BOL" for s, _, _ in got), got


CONSTRUCTIONS = [
    # a noun's doer after "by": "the visit by X to Y"
    ("The visit by Indonesia's president to Australia was the first in a decade.",
     [("IDN", "AUS", "meeting")]),
    # "X did Y, a move Z condemned": the act is X's
    ("Morocco restored relations with Israel in 2020, a move Algeria condemned.",
     [("DZA", "MAR", "pressure")]),
    # answering words aimed at oneself: at their speaker
    ("Thailand protested to Cambodia over the shelling. Phnom Penh rejected the protest.",
     [("KHM", "THA", "pressure")]),
    # "the former" / "the latter": of the last pair named
    ("Peru and Chile held talks on Monday. The latter later accused Bolivia of meddling.",
     [("CHL", "BOL", "pressure")]),
    ("Peru and Chile held talks on Monday. The former later accused Bolivia of meddling.",
     [("PER", "BOL", "pressure")]),
    # a subordinate clause's subject the parser hangs on "after"
    ("Colombia's government expelled Venezuela's ambassador after Caracas accused Bogota "
     "of plotting a coup.", [("VEN", "COL", "pressure")]),
    # forces sent, passive with no agent: the forces' state sends them
    ("Kenyan troops were deployed to Somalia to fight the insurgents.",
     [("KEN", "SOM", "military_support")]),
    # a membership counted ("the 55 member states", "the bloc's 10 members"): the body
    ("The African Union held a summit in Addis Ababa. The 55 member states demanded that "
     "Sudan end the fighting.", [("AU", "SDN", "pressure")]),
    ("ASEAN met in Jakarta on Monday. The bloc's 10 members criticised Myanmar.",
     [("ASEAN", "MMR", "pressure")]),
]


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTIONS,
                         ids=[t[:40] for t, _ in CONSTRUCTIONS])
def test_construction_probe(extractor, text, expected):
    got = found_any(extractor, text)
    for triple in expected:
        undirected = triple[2] in ("alliance", "meeting", "rivalry")
        assert triple in got or (undirected and (triple[1], triple[0], triple[2]) in got), \
            (triple, got)


def test_the_latter_is_not_the_former(extractor):
    got = found_any(extractor, "Peru and Chile held talks on Monday. The latter later "
                    "accused Bolivia of meddling.")
    assert ("PER", "BOL", "pressure") not in got, got


def test_a_number_of_states_with_no_article_is_no_body(extractor):
    got = found_any(extractor, "The African Union held a summit in Addis Ababa. Some 40 "
                    "countries criticised Sudan.")
    assert ("AU", "SDN", "pressure") not in got, got
