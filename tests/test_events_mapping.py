"""The mapping tables against `spec/cameo-mapping.md`, code by code, worked out by hand."""

from __future__ import annotations

import pytest

from explorer.events.formats import Actor, Coded
from explorer.events.mapping import BY_OBJECT, Mapping, Pair, Skipped
from explorer.vocabulary import DEFAULT_TYPE_IDS


@pytest.fixture(scope="module")
def mapping() -> Mapping:
    return Mapping()


@pytest.mark.parametrize(("code", "expected"), [
    ("010", ("", False)),                    # public statement: no relation
    ("0233", ("", False)),                   # appeal for aid: none
    ("036", ("meeting", True)),              # intent to meet: hedged
    ("0312", ("military_support", True)),    # intent to cooperate militarily
    ("042", ("meeting", False)), ("046", ("meeting", False)),
    ("051", ("diplomatic_support", False)), ("054", ("diplomatic_support", False)),
    ("057", (BY_OBJECT, False)),             # sign an agreement: by what is signed
    ("061", ("economic_support", False)), ("062", ("military_support", False)),
    ("064", ("military_support", False)),
    ("071", ("economic_support", False)), ("072", ("military_support", False)),
    ("073", ("economic_support", False)), ("074", ("military_support", False)),
    ("0811", ("", False)), ("090", ("", False)),
    ("100", ("pressure", False)), ("112", ("pressure", False)), ("125", ("pressure", False)),
    ("138", ("threat", False)), ("141", ("pressure", False)), ("154", ("threat", False)),
    ("161", ("pressure", False)), ("1621", ("pressure", False)), ("163", ("sanctions", False)),
    ("166", ("pressure", False)), ("171", ("pressure", False)), ("1723", ("sanctions", False)),
    ("175", ("pressure", False)),
    ("181", ("armed_conflict", False)), ("195", ("armed_conflict", False)),
    ("203", ("armed_conflict", False)),
])
def test_cameo_codes_follow_the_spec(mapping, code, expected):
    assert mapping.cameo_type(code) == expected


@pytest.mark.parametrize(("event", "modes", "expected"), [
    ("CONSULT", ("visit",), "meeting"), ("SUPPORT", (), "diplomatic_support"),
    ("AID", ("military",), "military_support"), ("AID", ("humanitarian",), "economic_support"),
    ("AID", ("asylum",), ""), ("AID", (), BY_OBJECT),
    ("COOPERATE", ("military",), "military_support"),
    ("COOPERATE", ("economic",), "economic_support"), ("COOPERATE", (), BY_OBJECT),
    ("AGREE", ("military",), BY_OBJECT),
    ("REQUEST", (), "pressure"), ("ACCUSE", (), "pressure"), ("REJECT", (), "pressure"),
    ("PROTEST", ("demo",), "pressure"), ("THREATEN", (), "threat"), ("MOBILIZE", (), "threat"),
    ("SANCTION", (), "sanctions"), ("COERCE", ("curfew",), "sanctions"),
    ("COERCE", ("arrest",), "pressure"), ("ASSAULT", (), "armed_conflict"),
    ("CONCEDE", (), ""), ("RETREAT", (), ""), ("INVENTED", (), None),
])
def test_plover_types_follow_the_spec(mapping, event, modes, expected):
    assert mapping.plover_type(event, modes) == expected


def test_every_table_names_only_our_types_and_well_formed_ids(mapping):
    kinds = {t for t, _ in mapping.cameo.values()} | {
        t for rows in mapping.plover.values() for _, t in rows}
    assert kinds - {"", BY_OBJECT} <= DEFAULT_TYPE_IDS
    assert all(len(c) == 3 and c.isupper() for c in mapping.iso3)
    assert all(b.replace("-", "").isalnum() and b.isupper() for b in mapping.bodies)
    assert set(mapping.groups.values()) <= set(mapping.bodies)


@pytest.mark.parametrize(("actor", "expected"), [
    (Actor("RUS", "", "RUSGOV"), "RUS"), (Actor("ROM", "", "ROMGOV"), "ROU"),
    (Actor("TMP", "", "TMP"), "TLS"), (Actor("WSB", "", "WSB"), "PSE"),
    (Actor("EUR", "", "EUR"), None), (Actor("", "NAT", "IGOWSTNAT"), "NATO"),
    (Actor("", "EEC", "IGOEUREEC"), "EU"), (Actor("", "HMS", "PSEHMS"), None),
    (Actor("XYZ", "", "XYZ"), None),
])
def test_gdelt_actors(mapping, actor, expected):
    assert mapping.gdelt_actor(actor) == expected


def test_polecat_actors(mapping):
    assert mapping.polecat_actor(Actor("PRK", "North Korea", "")) == "PRK"
    assert mapping.polecat_actor(Actor("IGO", "united nations security council", "")) == "UN"
    assert mapping.polecat_actor(Actor("IGO", "Shanghai Cooperation Organisation", "")) is None
    assert mapping.polecat_actor(Actor("NGO", "Red Cross", "")) is None


def coded(event, sources, targets, modes=()):
    import datetime as dt

    return Coded("x", dt.date(2024, 1, 1), event, modes,
                 tuple(Actor(c, "", c) for c in sources), tuple(Actor(c, "", c) for c in targets),
                 None, "")


def test_pairs_directions_and_reasons(mapping):
    m = mapping.map
    assert m("gdelt", coded("112", ["USA"], ["PRK"])).pairs == (Pair("USA", "PRK", True),)
    assert m("gdelt", coded("042", ["RUS"], ["PRK"])).pairs == (Pair("PRK", "RUS", False),)
    assert m("gdelt", coded("112", ["USA"], ["USA"])) == Skipped("domestic", "USA")
    assert m("gdelt", coded("112", ["USA"], [])) == Skipped("one-sided", "112")
    assert m("gdelt", coded("112", ["USA"], ["EUR"])) == Skipped("unmapped-actor", "EUR")
    assert m("gdelt", coded("010", ["USA"], ["PRK"])) == Skipped("no-relation", "010")
    assert m("gdelt", coded("057", ["USA"], ["PRK"])) == Skipped("unmapped-code", "057")
    # two sources and no recipient: PLOVER's two-sided events, one undirected pair each
    both = m("polecat", coded("ASSAULT", ["RUS", "UKR"], []))
    assert both.pairs == (Pair("RUS", "UKR", False),)
    many = m("polecat", coded("SANCTION", ["USA", "GBR"], ["RUS"]))
    assert many.pairs == (Pair("USA", "RUS", True), Pair("GBR", "RUS", True))
