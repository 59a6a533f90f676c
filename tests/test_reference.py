"""The world reference: package data loaded safely, every state under its ISO id, metonyms."""

from __future__ import annotations

import json

import pytest

from explorer import store
from explorer.extract.mentions import ActorIndex
from explorer.extract.pipeline import load_model
from explorer.reference import ReferenceError, load_world

from .conftest import DATA


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex(store.load(DATA), load_model())


def test_every_un_member_and_the_named_non_members_are_states_with_iso_ids():
    world = load_world()
    states = [a for a in world.actors if a.kind == "state"]
    assert len(states) == 193 + 5  # UN members; VAT, PSE (observers), TWN, XKX, ESH
    assert all(len(a.id) == 3 and a.id.isupper() for a in states)
    for iso in ("TWN", "XKX", "PSE", "ESH", "VAT", "IRN", "SAU", "PHL", "POL", "IND"):
        assert world.get(iso) is not None, iso
    bodies = {a.id for a in world.actors if a.kind == "international_body"}
    assert {"UN", "EU", "NATO", "ASEAN", "AU", "ECOWAS", "G7", "G20", "SCO", "BRICS", "IAEA",
            "OPEC", "QUAD", "AUKUS", "CSTO"} <= bodies


@pytest.mark.parametrize(("form", "actor"), [
    ("Kremlin", "RUS"), ("White House", "USA"), ("Zhongnanhai", "CHN"),
    ("Downing Street", "GBR"), ("Élysée", "FRA"), ("Foggy Bottom", "USA"),
    ("Blue House", "KOR"), ("Yongsan", "KOR"), ("Tehran", "IRN"), ("Riyadh", "SAU"),
    ("Iranians", "IRN"), ("Filipino", "PHL"), ("Kosovar", "XKX"), ("Security Council", "UN"),
    ("UN General Assembly", "UN"), ("European Commission", "EU"), ("Nato", "NATO"),
    ("UN atomic agency", "IAEA")])
def test_names_demonyms_capitals_and_seats_resolve(index, form, actor):
    (found,) = index.lookup(form)
    assert found.actor == actor


def test_the_data_file_extends_and_overrides_the_reference(index):
    # the data file's alias wins and keeps the data file's id
    (xi,) = index.lookup("Xi")
    assert (xi.actor, xi.table) == ("xi-jinping", "data file")
    (kremlin,) = index.lookup("Kremlin")
    assert kremlin.actor == "RUS"
    (tehran,) = index.lookup("Tehran")
    assert tehran.table == "world reference" and tehran.field == "capital"


def test_a_city_that_is_not_a_seat_of_power_names_no_state(index):
    for city in ("Osaka", "Vladivostok", "Shanghai", "Dandong", "Karachi"):
        assert index.lookup(city) == [], city


def test_a_broken_reference_gets_a_clear_error(tmp_path):
    bad = tmp_path / "world.json"
    bad.write_text('{"actors": [\n  {"id": "IRN", "name": "Iran"\n', encoding="utf-8")
    with pytest.raises(ReferenceError, match=r"world.json:3:1: not valid JSON"):
        load_world(bad)
    bad.write_text(json.dumps({"actors": [{"id": "IRN", "name": "Iran"}]}), encoding="utf-8")
    with pytest.raises(ReferenceError, match=r"actors\[0\]: missing kind"):
        load_world(bad)
    bad.write_text(json.dumps({"actors": [{"id": "IRN", "name": "Iran", "kind": "state",
                                           "aliases": "Persia"}]}), encoding="utf-8")
    with pytest.raises(ReferenceError, match=r"aliases: expected a list of strings"):
        load_world(bad)
    with pytest.raises(ReferenceError, match="cannot be read"):
        load_world(tmp_path / "missing.json")


def test_actors_lookup_command_says_why(tmp_path):
    from typer.testing import CliRunner

    from explorer.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["actors", "lookup", "the Élysée", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "FRA" in result.stdout and "seats" not in result.stdout
    assert "seat in the world reference" in result.stdout
    missing = runner.invoke(app, ["actors", "lookup", "Atlantis", "--data", str(DATA)])
    assert missing.exit_code == 1 and "names no actor" in missing.stderr


def test_office_holders_named_without_a_title_represent_their_state(index):
    from explorer.extract.pipeline import Extractor

    (erdogan,) = index.lookup("Erdogan")
    assert erdogan.kind == "person" and index.state_of(erdogan.actor) == "TUR"
    (guterres,) = index.lookup("Guterres")
    assert index.state_of(guterres.actor) == "UN"
    extraction = Extractor(index.dataset).extract_text("Netanyahu criticised Iran again.")
    (cand,) = extraction.candidates
    assert extraction.proposed[cand.source].represents == "ISR" and cand.target == "IRN"
