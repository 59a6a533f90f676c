"""The curated data file: valid, sourced, and every quote verbatim from its source."""

from __future__ import annotations

from pathlib import Path

from explorer import store
from explorer.model import Dataset

from .conftest import DATA


def test_curated_file_is_valid_without_warnings() -> None:
    report = store.check(DATA)
    assert report.problems == []
    assert report.dataset is not None


def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """Seed articles keyed by their first line (the article's title)."""
    texts = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts[text.splitlines()[0].strip()] = text
    return texts


def test_every_quote_is_verbatim_in_its_source(curated: Dataset, seeds_dir: Path) -> None:
    texts = seed_texts(seeds_dir)
    checked = 0
    for source in curated.sources:
        assert source.title in texts, f"no seed article titled {source.title!r}"
    for relation in curated.relations:
        for item in relation.evidence:
            text = texts[curated.source(item.source).title]
            assert item.quote in text, f"{relation.id}: not verbatim: {item.quote[:70]}…"
            checked += 1
    assert checked == sum(len(r.evidence) for r in curated.relations) > 0


def test_every_relation_is_sourced_and_summarised(curated: Dataset) -> None:
    for relation in curated.relations:
        assert relation.status == "curated"
        assert relation.summary, relation.id
        assert relation.evidence or relation.judgement, relation.id


def test_the_paraphrase_is_not_an_independent_source(curated: Dataset) -> None:
    roots = {curated.root_source(s.id) for s in curated.sources}
    assert len(curated.sources) == 2 and len(roots) == 1


def test_core_dyads_are_covered_both_friendly_and_not(curated: Dataset) -> None:
    def pair(relation) -> frozenset[str]:
        return frozenset({curated.state_of(relation.source), curated.state_of(relation.target)})

    for a, b in (("CHN", "RUS"), ("CHN", "PRK"), ("RUS", "PRK")):
        signs = {curated.relation_type(r.type).sign for r in curated.relations
                 if pair(r) == {a, b}}
        assert signs == {1, -1}, (a, b, signs)


def test_persons_represent_states(curated: Dataset) -> None:
    for actor in curated.actors:
        if actor.kind == "person":
            assert actor.represents, actor.id
            assert curated.actor(actor.represents).kind != "person"
