"""Actor mentions come from the data file: names, aliases, demonyms, titles, roles."""

from __future__ import annotations

from pathlib import Path

from explorer import store
from explorer.extract.mentions import ActorIndex, find_mentions
from explorer.extract.pipeline import Extractor, load_model

FICTIONAL = Path(__file__).parent / "data" / "extract-fictional.yaml"

DATA = """version: 1
actors:
  - id: AVA
    name: Avaria
    kind: state
  - id: BOR
    name: Borduria
    kind: state
{extra}
"""


def mentions(text: str, path: Path = FICTIONAL):
    index = ActorIndex(store.load(path), load_model())
    found, proposed = find_mentions(load_model()(text), index)
    return [(m.actor, m.how) for m in found], proposed


def test_adding_an_alias_in_the_yaml_improves_extraction(write_yaml):
    text = "Szohod sold oil to Avaria."
    plain = Extractor(store.load(write_yaml(DATA.format(extra=""), "plain.yaml")))
    # the same file with one alias added to Borduria (the last actor)
    assert not any(c.source == "BOR" for c in plain.extract_text(text).candidates)
    aliased = write_yaml(DATA.format(extra="    aliases: [Szohod]"), "aliased.yaml")
    with_alias = Extractor(store.load(aliased))
    got = {(c.source, c.target, c.type) for c in with_alias.extract_text(text).candidates}
    assert ("BOR", "AVA", "economic_support") in got


def test_demonym_role_forms_stand_for_the_state():
    found, _ = mentions("Deltanian officials met the Cordian government.")
    assert ("DEL", "role") in found and ("COR", "role-institution") in found


def test_titles_name_the_person():
    found, _ = mentions("The Bordurian leader spoke first.")
    assert ("boris-bord", "title") in found


def test_hyphenated_forms_match():
    found, _ = mentions("Avarian-led talks began.")
    assert ("AVA", "demonym") in found


def test_pronoun_resolves_within_the_paragraph_only_to_a_person():
    from explorer.extract.pipeline import actor_mentions

    index = ActorIndex(store.load(FICTIONAL), load_model())
    found, _ = actor_mentions(load_model()("Boris Bord visited Avaria. He praised Cordia."),
                              index)
    assert ("boris-bord", "pronoun") in [(m.actor, m.how) for m in found]


def test_unknown_entities_become_proposed_actors_with_a_kind():
    found, proposed = mentions("Cordian President Maria Kell met officials of the "
                               "Global Grain Council.")
    kell = proposed["maria-kell"]
    assert kell.kind == "person" and kell.represents == "COR" and kell.label == "PERSON"
    assert ("maria-kell", "proposed") in found
    assert any(p.kind == "organisation" for p in proposed.values())


def test_proposed_actor_ids_never_collide_with_known_ones(write_yaml):
    path = write_yaml(DATA.format(extra="  - id: maria-kell\n    name: Someone Else\n"
                                  "    kind: person\n"), "collide.yaml")
    _, proposed = mentions("Maria Kell met Avaria's leaders.", path)
    assert all(p.id != "maria-kell" for p in proposed.values())


def test_who_wrote_or_filed_the_story_is_never_an_actor_of_it():
    text = ("Cordia warns Borduria over the border\n\n"
            "By Lena Marsh and Tomas Vek, Cordia Daily Herald\n"
            "(Kestrel News) — warned Borduria of retaliation.\n"
            "Reporting by Ivo Stan; Editing by Kestrel News staff\n"
            "© 2024 Halden Media Group, which praised Avaria.\n"
            "By Friday, Avaria had sent rifles to Cordia.\n")
    extraction = Extractor(store.load(FICTIONAL)).extract_text(text)
    assert extraction.proposed == {}  # no outlet, no reporter
    assert {(c.source, c.target, c.type) for c in extraction.candidates} == {
        ("COR", "BOR", "pressure"), ("AVA", "COR", "military_support")}
