"""Office holders of the world reference: the rule that chose them holds, no form is
ambiguous, and persons news names without a title fold onto their state or body.

The sentences are written for these tests (fictional events, real office holders).
"""

from __future__ import annotations

import importlib.util
import json
import re

import pytest

from explorer import store
from explorer.extract.pipeline import Extractor
from explorer.reference import load_world

from .conftest import DATA, ROOT

#: Surnames too common to stand alone; a later mention after the full name is caught
#: by the extractor's surname rule instead.
COMMON_SURNAMES = {"Kim", "Lee", "Li", "Wang", "Khan", "Singh", "Sharif", "Ahmed", "Castro",
                   "Morales", "Rajapaksa", "Aoun", "Sargsyan", "Traore", "Traoré", "Deby",
                   "Déby", "Shinawatra", "Mutharika", "Mitchell", "Santos", "Fernandez",
                   "Fernández", "Sanchez", "Sánchez", "Martin", "May", "Moon", "Abe", "Petro"}


@pytest.fixture(scope="module")
def world():
    return load_world()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(store.load(DATA))


def _persons(world):
    return [a for a in world.actors if a.kind == "person"]


def test_every_state_lists_its_heads_except_those_that_rotate_within_the_year(world):
    persons = _persons(world)
    served = {p.represents for p in persons}
    states = {a.id for a in world.actors if a.kind == "state"}
    assert states - served == {"CHE", "SMR"}
    assert len(persons) > 1000
    for body in ("UN", "NATO", "EU", "AU", "ASEAN", "OPEC", "IAEA", "WHO", "IMF", "WORLDBANK",
                 "WTO", "ICC"):
        assert body in served, body


def test_no_person_form_names_a_state_a_body_or_two_persons(world):
    others = {form.lower(): a.id for a in world.actors if a.kind != "person"
              for form, _ in a.forms()}
    owner: dict[str, str] = {}
    for person in _persons(world):
        assert world.get(person.represents) is not None, person.id
        for form, _ in person.forms():
            assert form.lower() not in others, (form, others.get(form.lower()))
            assert owner.setdefault(form.lower(), person.id) == person.id, form
            assert form not in COMMON_SURNAMES, (form, person.id)
            assert re.fullmatch(r"[^\s,;:]+( [^\s,;:]+)*", form), form


def test_the_build_script_refuses_an_ambiguous_form():
    spec = importlib.util.spec_from_file_location("reference_build",
                                                  ROOT / "tools" / "reference" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    actors = [{"id": "NGA", "name": "Nigeria", "aliases": [], "capitals": ["Abuja"]},
              {"id": "ZAF", "name": "South Africa", "aliases": []}]
    ok = build._persons({"persons": {"ZAF": [["Cyril Ramaphosa", "Ramaphosa"]]}}, actors)
    assert [(p["id"], p["represents"]) for p in ok] == [("cyril-ramaphosa", "ZAF")]
    with pytest.raises(SystemExit, match="'Abuja' already names NGA"):
        build._persons({"persons": {"ZAF": [["Jane Doe", "Abuja"]]}}, actors)
    with pytest.raises(SystemExit, match="'Doe' already names jane-doe"):
        build._persons({"persons": {"ZAF": [["Jane Doe", "Doe"]], "NGA": [["John Doe", "Doe"]]}},
                       actors)
    with pytest.raises(SystemExit, match="XYZ is not a state or body"):
        build._persons({"persons": {"XYZ": [["Jane Doe"]]}}, actors)


@pytest.mark.parametrize(("name", "state"), [
    ("Ramaphosa", "ZAF"), ("Tinubu", "NGA"), ("Kagame", "RWA"), ("Tshisekedi", "COD"),
    ("Mirziyoyev", "UZB"), ("Tokayev", "KAZ"), ("Szijjártó", "HUN"), ("Pistorius", "DEU"),
    ("Kuleba", "UKR"), ("Bukele", "SLV"), ("Boric", "CHL"), ("Akufo-Addo", "GHA"),
    ("Mahathir", "MYS"), ("Prayut", "THA"), ("Ardern", "NZL"), ("Araghchi", "IRN"),
    ("Okonjo-Iweala", "WTO"), ("Mark Rutte", "NATO"), ("Choe Son Hui", "PRK"),
    ("Lai Ching-te", "TWN"), ("Abdel Fattah el-Sisi", "EGY")])
def test_a_name_alone_resolves_to_the_state_or_body_served(extractor, name, state):
    (found,) = extractor.index.lookup(name)
    assert found.kind == "person" and found.table == "world reference"
    assert extractor.index.state_of(found.actor) == state


def _pairs(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    extraction = extractor.extract_text(text)
    fold = {p.id: p.represents for p in extraction.proposed.values() if p.represents}
    fold.update({a.id: extractor.dataset.state_of(a.id) for a in extractor.dataset.actors})
    return {(fold.get(c.source, c.source), fold.get(c.target, c.target), c.type)
            for c in extraction.candidates}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ramaphosa met Tinubu in Abuja on Tuesday.", ("ZAF", "NGA", "meeting")),
    ("Mirziyoyev held talks with Tokayev about water sharing.", ("UZB", "KAZ", "meeting")),
    ("Kagame accused Tshisekedi of arming the rebels.", ("RWA", "COD", "pressure")),
    ("Szijjártó met Lavrov in Moscow.", ("HUN", "RUS", "meeting")),
    ("Ardern praised Rabuka for his leadership.", ("NZL", "FJI", "diplomatic_support")),
    ("Bukele criticised Boric over the remarks.", ("SLV", "CHL", "pressure")),
])
def test_persons_named_without_a_title_fold_onto_their_states(extractor, text, expected):
    got = _pairs(extractor, text)
    undirected = expected[2] in ("meeting", "alliance", "rivalry")
    assert expected in got or (undirected and (expected[1], expected[0], expected[2]) in got), got


def test_actors_lookup_names_the_state_a_person_represents():
    from typer.testing import CliRunner

    from explorer.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["actors", "lookup", "Kagame", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "paul-kagame (Paul Kagame, person of RWA): name in the world reference" in result.stdout
    result = runner.invoke(app, ["actors", "lookup", "William Lai", "--data", str(DATA),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.stdout)
    assert (found["actor"], found["represents"]) == ("lai-ching-te", "TWN")
    kremlin = runner.invoke(app, ["actors", "lookup", "Kremlin", "--data", str(DATA),
                                  "--format", "json"])
    assert json.loads(kremlin.stdout)[0]["represents"] is None
