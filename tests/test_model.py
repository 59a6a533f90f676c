"""The Dataset's derived facts, on the small canonical scenario."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer import store
from explorer.model import Relation

from .conftest import TEST_DATA


@pytest.fixture(scope="module")
def minimal():
    return store.load(TEST_DATA / "valid-minimal.yaml")


def test_lookups(minimal) -> None:
    assert minimal.actor("AAA").name == "Avaria"
    assert minimal.relation("aaa-bbb-alliance").type == "alliance"
    assert minimal.relation_type("pressure").sign == -1
    assert minimal.relation_type("alliance").directed is False
    assert [t.id for t in minimal.types][:2] == ["alliance", "meeting"]
    assert len(minimal.digest) == 64


def test_persons_fold_onto_their_state(minimal) -> None:
    assert minimal.state_of("ana-avar") == "AAA"
    assert minimal.state_of("BBB") == "BBB"


def test_copies_count_once(minimal) -> None:
    alliance = minimal.relation("aaa-bbb-alliance")
    assert len(alliance.evidence) == 2
    assert minimal.independent_sources(alliance) == frozenset({"gazette-1"})
    assert minimal.root_source("echo-1") == "gazette-1"
    assert minimal.evidence_date(alliance.evidence[1]) == dt.date(2024, 1, 16)


def test_partial_dates_cover_their_period() -> None:
    relation = Relation(id="r", source="A", target="B", type="meeting", confidence=1,
                        since="2019", until="2019-02")
    assert relation.since == dt.date(2019, 1, 1)
    assert relation.until == dt.date(2019, 2, 28)
    assert relation.in_force(dt.date(2019, 2, 28))
    assert not relation.in_force(dt.date(2019, 3, 1))
    open_ended = Relation(id="r", source="A", target="B", type="meeting", confidence=1)
    assert open_ended.in_force(dt.date(1900, 1, 1))


def test_models_are_immutable(minimal) -> None:
    with pytest.raises(ValueError, match="frozen"):
        minimal.actors[0].name = "changed"
