"""Relation type, direction, modality and attributes from sentences we wrote ourselves.

The actors are fictional (tests/data/extract-fictional.yaml): Avaria (AVA),
Borduria (BOR), Cordia (COR), Deltania (DEL), the League (LEAGUE), Ana Avar
(Avarian President) and Boris Bord (Bordurian leader). The real spaCy model
parses every sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer import store
from explorer.extract.pipeline import Extractor

FICTIONAL = Path(__file__).parent / "data" / "extract-fictional.yaml"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(store.load(FICTIONAL))


def found(extractor: Extractor, text: str) -> set[tuple[str, str, str, str]]:
    return {(c.source, c.target, c.type, c.modality)
            for c in extractor.extract_text(text).candidates}


CASES = [
    # alliance, meeting (undirected: either order accepted below)
    ("Avaria and Borduria signed a mutual defence treaty on Monday.",
     ("AVA", "BOR", "alliance", "asserted")),
    ("A defence pact between Avaria and Borduria was signed in 2020.",
     ("AVA", "BOR", "alliance", "asserted")),
    ("The Avarian President met Boris Bord in Szohod last week.",
     ("ana-avar", "boris-bord", "meeting", "asserted")),
    ("Avaria and Borduria held talks in Szohod.", ("AVA", "BOR", "meeting", "asserted")),
    # military and economic support: the thing moved decides the type
    ("Borduria supplied Avaria with artillery shells and drones.",
     ("BOR", "AVA", "military_support", "asserted")),
    ("Cordia sells oil to Avaria.", ("COR", "AVA", "economic_support", "asserted")),
    # buying someone's goods supports the seller; buying arms is support from the seller
    ("Deltania buys Bordurian gas.", ("DEL", "BOR", "economic_support", "asserted")),
    ("Borduria could buy drones from Deltania.",
     ("DEL", "BOR", "military_support", "hedged")),
    # possessive subject: the possessor receives
    ("Most of Avaria's fuel comes from Cordia.",
     ("COR", "AVA", "economic_support", "asserted")),
    ("Cordia depends on Avaria for oil.", ("AVA", "COR", "economic_support", "asserted")),
    # diplomatic support, including cover by blocking measures
    ("Avaria declared its support for Borduria.",
     ("AVA", "BOR", "diplomatic_support", "asserted")),
    ("Cordia provided political cover to Avaria.",
     ("COR", "AVA", "diplomatic_support", "asserted")),
    ("Avaria has repeatedly blocked sanctions against Borduria at the League.",
     ("AVA", "BOR", "diplomatic_support", "asserted")),
    # pressure: urging X not to, criticism, disapproval
    ("Cordia urged Avaria not to join the pact.", ("COR", "AVA", "pressure", "asserted")),
    ("Deltanian officials criticised Cordia.", ("DEL", "COR", "pressure", "asserted")),
    ("The Avarian government does not approve of Borduria's plan.",
     ("AVA", "BOR", "pressure", "asserted")),
    ("Cordia is no fan of Boris Bord.", ("COR", "boris-bord", "pressure", "asserted")),
    # sanctions, threat, armed conflict (active, passive, possessive)
    ("Cordia imposed sanctions on Borduria in March 2023.",
     ("COR", "BOR", "sanctions", "asserted")),
    ("Borduria's missile tests have alarmed Cordia.", ("BOR", "COR", "threat", "asserted")),
    ("Avaria invaded Deltania in 2021.", ("AVA", "DEL", "armed_conflict", "asserted")),
    ("Deltania was attacked by Borduria.", ("BOR", "DEL", "armed_conflict", "asserted")),
    ("Borduria's invasion of Deltania was condemned by the League.",
     ("BOR", "DEL", "armed_conflict", "asserted")),
    ("Avaria and Cordia remain bitter rivals.", ("AVA", "COR", "rivalry", "asserted")),
    # nouns naming the doer; gerunds done by the object; measures aimed at someone
    ("Cordia is Avaria's main trading partner.",
     ("COR", "AVA", "economic_support", "asserted")),
    ("Borduria has become the main backer of Deltania.",
     ("BOR", "DEL", "diplomatic_support", "asserted")),
    # an accusation: asserted pressure from the accuser, the accused act hedged
    ("Cordia accused Borduria of shipping artillery shells to Avaria.",
     ("BOR", "AVA", "military_support", "hedged")),
    ("Cordia accused Borduria of shipping artillery shells to Avaria.",
     ("COR", "BOR", "pressure", "asserted")),
    ("Deltania tested a missile, drawing condemnation from Cordia.",
     ("COR", "DEL", "pressure", "asserted")),
    ("Borduria vetoed a League resolution condemning Avaria's missile launches.",
     ("BOR", "AVA", "diplomatic_support", "asserted")),
    ("Cordia imposed a ban on Bordurian grain imports.",
     ("COR", "BOR", "sanctions", "asserted")),
    # hedges and negation lower confidence, never drop
    ("Borduria may provide Avaria with missiles.",
     ("BOR", "AVA", "military_support", "hedged")),
    ("Analysts doubt that Cordia will back Avaria.",
     ("COR", "AVA", "diplomatic_support", "hedged")),
    ("Cordia reportedly threatened Deltania.", ("COR", "DEL", "threat", "hedged")),
    ("Avaria has not provided Borduria with weapons.",
     ("AVA", "BOR", "military_support", "negated")),
    ("Avaria failed to provide Borduria with ammunition.",
     ("AVA", "BOR", "military_support", "negated")),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_gives_expected_candidate(extractor, text, expected):
    got = found(extractor, text)
    source, target, type_, modality = expected
    undirected = type_ in ("alliance", "meeting", "rivalry")
    ok = expected in got or (undirected and (target, source, type_, modality) in got)
    assert ok, f"{expected} not in {got}"


def test_direction_follows_the_passive_not_word_order(extractor):
    assert found(extractor, "Deltania was attacked by Borduria.") == {
        ("BOR", "DEL", "armed_conflict", "asserted")}


def test_condemning_an_invasion_targets_the_invader_not_the_victim(extractor):
    got = found(extractor, "Borduria's invasion of Deltania was condemned by the League.")
    assert ("LEAGUE", "BOR", "pressure", "asserted") in got
    assert not any(c[:3] == ("LEAGUE", "DEL", "pressure") for c in got)


@pytest.mark.parametrize(("text", "thanked", "given"), [
    ("Avaria is grateful to Borduria for the loans.", "BOR", "economic_support"),
    ("Avaria expressed gratitude to Borduria for its support at the League.", "BOR",
     "diplomatic_support"),
    ("Avaria thanked Borduria for supporting its bid at the League.", "BOR",
     "diplomatic_support"),
    ("Avaria thanked Boris Bord on Monday.", "boris-bord", None),
])
def test_thanks_are_praise_and_what_they_are_for_came_from_the_thanked(extractor, text,
                                                                         thanked, given):
    """Thanking is the thanker's praise of the thanked (diplomatic support, CAMEO 051);
    what it is for went the other way — never from the thanker, nor to a third party."""
    got = found(extractor, text)
    assert ("AVA", thanked, "diplomatic_support", "asserted") in got
    assert got - {("AVA", thanked, "diplomatic_support", "asserted")} == (
        {(thanked, "AVA", given, "asserted")} if given else set())


def test_what_the_thanked_gave_a_third_party_goes_to_that_party(extractor):
    got = found(extractor, "Avaria thanked Borduria for its loans to Cordia.")
    assert ("BOR", "COR", "economic_support", "asserted") in got
    assert not any(c[:3] == ("BOR", "AVA", "economic_support") for c in got)


def test_no_relation_without_a_cue(extractor):
    assert found(extractor, "Avaria and Borduria are both in the north of the continent.") \
        == set()


def test_hedged_and_negated_have_lower_confidence_than_asserted(extractor):
    def conf(text: str) -> float:
        (cand,) = extractor.extract_text(text).candidates
        return cand.confidence

    asserted = conf("Borduria provided Avaria with missiles.")
    assert conf("Borduria may provide Avaria with missiles.") < asserted
    assert conf("Borduria has not provided Avaria with missiles.") < asserted


def test_reported_speech_names_the_speaker_and_lowers_confidence(extractor):
    (said,) = extractor.extract_text(
        "Ana Avar said that Borduria had sent troops to Deltania.").candidates
    (plain,) = extractor.extract_text("Borduria had sent troops to Deltania.").candidates
    assert (said.source, said.target, said.type) == ("BOR", "DEL", "military_support")
    assert said.speaker == "ana-avar"
    assert said.confidence < plain.confidence
    (according,) = extractor.extract_text(
        "According to Cordian officials, Borduria shelled Deltania.").candidates
    assert according.speaker == "COR" and according.type == "armed_conflict"


def test_pronoun_follows_the_person_within_the_paragraph(extractor):
    got = found(extractor, "Ana Avar praised Borduria. She also criticised Cordia.")
    assert ("ana-avar", "COR", "pressure", "asserted") in got


def test_attributes_attach_to_the_right_clause(extractor):
    text = ("While a third of Avaria's oil comes from Cordia, at least 60 percent of "
            "Avaria's oil is bought from Deltania.")
    by_pair = {(c.source, c.target): c for c in extractor.extract_text(text).candidates}
    assert by_pair[("COR", "AVA")].attributes["share"] == 0.3333
    assert by_pair[("COR", "AVA")].attributes["commodity"] == "oil"
    assert by_pair[("AVA", "DEL")].attributes["share"] == ">=0.6"


def test_amounts_counts_and_dates(extractor):
    (inv,) = extractor.extract_text("Avaria invested $2 billion in Deltania.").candidates
    assert inv.attributes == {"amount": 2_000_000_000, "currency": "USD"}
    (summits,) = extractor.extract_text(
        "Ana Avar held three summits with Boris Bord.").candidates
    assert summits.attributes["count"] == 3
    (sanction,) = extractor.extract_text(
        "Cordia imposed sanctions on Borduria in March 2023.").candidates
    assert sanction.attributes["date"] == "March 2023"


def test_evidence_quote_and_offsets_point_into_the_text(extractor):
    text = "Nothing happened on Monday.\n\nCordia sells oil to Avaria. Then it rained."
    (cand,) = extractor.extract_text(text).candidates
    assert cand.quote == "Cordia sells oil to Avaria."
    assert text[cand.start:cand.end] == cand.quote


def test_offsets_count_the_front_matter(extractor):
    text = "---\ntitle: A test\npublisher: Gazette\n---\nCordia sells oil to Avaria.\n"
    extraction = extractor.extract_text(text)
    (cand,) = extraction.candidates
    assert text[cand.start:cand.end] == "Cordia sells oil to Avaria."
    assert extraction.document.meta.publisher == "Gazette"


def test_extraction_is_a_pure_function_of_its_inputs(extractor):
    text = "Cordia sells oil to Avaria. Avaria invaded Deltania in 2021."
    first = extractor.extract_text(text).candidates
    assert extractor.extract_text(text).candidates == first
    documents = [extractor.extract_text(text).document] * 3
    assert [e.candidates for e in extractor.extract_many(documents)] == [first] * 3


def test_mutual_assistance_runs_both_ways(extractor):
    got = found(extractor, "Avaria and Borduria pledged mutual military assistance.")
    assert {("AVA", "BOR", "military_support", "asserted"),
            ("BOR", "AVA", "military_support", "asserted")} <= got


def test_a_verb_with_an_object_gets_no_guessed_target(extractor):
    # "condemn the invasion": the object is named (an event), so Deltania is not guessed
    got = found(extractor, "Deltania's president criticised Cordia for failing to condemn "
                "the invasion.")
    assert got == {("DEL", "COR", "pressure", "asserted")}


def test_signing_is_not_a_hedge(extractor):
    got = found(extractor, "Avaria and Borduria signed a statement on deepening their "
                "strategic partnership.")
    assert ("AVA", "BOR", "alliance", "asserted") in got
