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
    # a family name first: the first word of a full name alone is that person
    ("Tran Van Minh, Vietnam's defence minister, arrived on Monday. Tran later accused "
     "Cambodia of violating the border.", [("VNM", "KHM", "pressure")]),
    # the last words of a long name are its holder ("Vargas Llosa")
    ("Maria Elena Vargas Llosa, Peru's foreign minister, spoke first. Vargas Llosa then "
     "condemned Bolivia.", [("PER", "BOL", "pressure")]),
    # "the X ambassador, NAME" ties NAME to X
    ("The Peruvian ambassador, Ana Quispe, condemned Bolivia.", [("PER", "BOL", "pressure")]),
    # "the two countries" as an object: two states, never the subject that urges them
    ("Peru's ambassador, Ana Quispe, was expelled by Bolivia last week. Chile urged the two "
     "countries to settle their differences.",
     [("CHL", "PER", "pressure"), ("CHL", "BOL", "pressure")]),
    # "the sides": the last pair
    ("Fighting broke out between Eritrea and Ethiopia. The UN called for dialogue between "
     "the sides.", [("UN", "ERI", "pressure"), ("UN", "ETH", "pressure")]),
    # "the two former Soviet republics": the last pair, not the bloc they belong to
    ("Armenia and Azerbaijan signed nothing. The two former Soviet republics, both members "
     "of the Russian-led bloc, have clashed repeatedly over the border.",
     [("ARM", "AZE", "armed_conflict"), ("AZE", "ARM", "armed_conflict")]),
]


@pytest.mark.parametrize(("text", "expected"), PAIRS, ids=[t[:40] for t, _ in PAIRS])
def test_pair_probe(extractor, text, expected):
    got = found(extractor, text)
    for source, target, type_ in expected:
        assert has(got, source, target, type_), (source, target, type_, got)


def test_a_pair_of_states_is_no_pair_with_a_bloc_they_belong_to(extractor):
    got = found(extractor, "Armenia and Azerbaijan signed nothing. The two former Soviet "
                "republics, both members of the Russian-led bloc and both hosts of Russian "
                "bases, have clashed repeatedly over the border.")
    assert not any("RUS" in (s, t) for s, t, type_, _ in got if type_ == "armed_conflict")


def test_the_urging_state_is_not_one_of_the_two_countries(extractor):
    got = found(extractor, "Peru's ambassador, Ana Quispe, was expelled by Bolivia last "
                "week. Chile urged the two countries to settle their differences.")
    assert not any(s == "CHL" and t == "CHL" for s, t, _, _ in got)
    assert ("CHL", "CHL") not in {(s, t) for s, t, _, _ in got}


def test_a_month_is_no_surname(extractor):
    pairs = mentioned(extractor, "Theresa May visited Kenya. On May 8 the talks ended, and "
                      "in May Kenya said so.")
    mays = [state for text, state in pairs if text == "May"]
    assert mays == [], pairs


def test_a_name_in_a_headline_is_the_person_named_in_full_below(extractor):
    pairs = mentioned(extractor, "Mensah, Adeyemi meet in Accra\nBola Adeyemi, Nigeria's foreign "
                      "minister, met John Mensah on Tuesday.")
    assert ("Adeyemi", "NGA") in pairs, pairs


def test_his_is_the_clause_s_subject_over_a_possessor_before_it(extractor):
    pairs = mentioned(extractor, "Kenya's president Joseph Mwangi, who sought Tanzania's "
                      "leader Amani Juma's support for his country, flew home.")
    assert ("his", "KEN") in pairs, pairs


def test_two_persons_sharing_a_first_word_leave_it_alone(extractor):
    pairs = mentioned(extractor, "Park Sung Ho, South Korea's envoy, met Park Dae Won, "
                      "North Korea's envoy. Park said little.")
    assert not any(text == "Park" and state in ("KOR", "PRK") for text, state in pairs), pairs


def found_any(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    """(source, target, type), whatever the modality."""
    return {(s, t, type_) for s, t, type_, _ in found(extractor, text)}


FOCUS = ("Ecuador raided the embassy of Peru in Quito on Friday. Ecuador said the raid was "
         "lawful, and Ecuador's president defended it on television. ")


def test_a_reaction_to_an_act_with_no_doer_is_aimed_at_the_article_s_state(extractor):
    got = found_any(extractor, FOCUS + "Bolivia's president denounced it as well.")
    assert ("BOL", "ECU", "pressure") in got, got
    got = found_any(extractor, FOCUS + "Bolivia condemned the move.")
    assert ("BOL", "ECU", "pressure") in got, got
    got = found_any(extractor, FOCUS + "Nicaragua hailed the decision.")
    assert ("NIC", "ECU", "diplomatic_support") in got, got


def test_no_state_is_clearly_the_article_s_so_no_target_is_guessed(extractor):
    got = found_any(extractor, "Peru and Chile signed a deal. Bolivia condemned the move.")
    assert not any(s == "BOL" for s, _, _ in got), got


def test_it_as_an_object_is_not_another_clause_s_subject(extractor):
    got = found_any(extractor, "Brazil said the raid was illegal, and Colombia denounced it.")
    assert ("COL", "BRA", "pressure") not in got, got


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
