"""Review: matching candidates to relations, adding them, and the analyst's decisions.

The scenario is `review-odd-style.yaml` (Avaria AAA, Borduria BBB, Cordia CCC, Ana
Avar who represents Avaria); the candidates are sentences we wrote for it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from explorer import review, store
from explorer.candidates import Candidate, ProposedActor
from explorer.edit import InvalidChange, StaleFileError
from explorer.model import Actor
from explorer.review import ReviewError, UnknownRelation
from explorer.review.match import match

from .conftest import TEST_DATA

ODD = TEST_DATA / "review-odd-style.yaml"
WIRE = {"id": "wire-2024-02", "title": "Wire report", "publisher": "The Wire",
        "published": "2024-02-01", "reliability": "C"}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "relations.yaml"
    shutil.copyfile(ODD, target)
    return target


def candidate(source: str, target: str, type: str, quote: str, *, confidence: float = 0.7,
              modality: str = "asserted", source_id: str = "wire-2024-02", **extra
              ) -> Candidate:
    return Candidate(document="wire.txt", source=source, target=target, type=type,
                     modality=modality, confidence=confidence, quote=quote, start=0,
                     end=len(quote), source_id=source_id, **extra)


def diff(old: str, new: str) -> list[str]:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [d for d in lines if d[:1] in "+-" and not d.startswith(("---", "+++"))]


# ------------------------------------------------------------------ matching
def test_relation_key_orders_ends_only_for_directed_types() -> None:
    assert review.relation_key("AAA", "BBB", "alliance", False) == \
        review.relation_key("BBB", "AAA", "alliance", False)
    assert review.relation_key("AAA", "BBB", "pressure", True) != \
        review.relation_key("BBB", "AAA", "pressure", True)
    assert review.relation_key("AAA", "BBB", "pressure", True) != \
        review.relation_key("AAA", "BBB", "threat", True)


def claim(source: str, target: str, type: str, **fields) -> review.Claim:
    return review.Claim(source, target, type, **fields)


def test_match_by_type_and_ends(path: Path) -> None:
    dataset = store.load(path)
    found = match(dataset, claim("BBB", "AAA", "alliance"))
    assert (found.kind, found.relation.id) == ("same", "aaa-bbb-alliance")
    assert match(dataset, claim("CCC", "BBB", "border_dispute", attributes={
        "region": "north coast"})).relation.id == "bbb-ccc-border_dispute"  # the file's type
    assert match(dataset, claim("AAA", "BBB", "threat")).kind == "none"  # BBB → AAA only
    found = match(dataset, claim("CCC", "ana-avar", "pressure", modality="hedged"))
    assert (found.kind, found.relation.id) == ("same", "ccc-ana-pressure")
    assert match(dataset, claim("CCC", "AAA", "pressure")).kind == "none"  # no projection


def test_match_prefers_curated_then_extracted_then_rejected(path: Path) -> None:
    dataset = store.load(path)
    review.reject(dataset, "bbb-aaa-threat", "misread", reviewer="ana")
    dataset = store.load(path)
    found = match(dataset, claim("BBB", "AAA", "threat", modality="negated"))
    assert (found.kind, found.relation.status) == ("same", "rejected")
    added = review.add_candidates(dataset, WIRE, [candidate(
        "BBB", "AAA", "threat", "Borduria did not threaten Avaria.", modality="negated")],
        decision="accept")
    # the analyst accepted the same claim again: the rejected relation becomes curated
    assert [(o.action, o.code) for o in added.outcomes] == [("attached", "same-claim")]
    assert added.dataset.relation("bbb-aaa-threat").status == "curated"


def test_new_relation_id_is_readable_and_unique() -> None:
    assert review.new_relation_id("RUS", "PRK", "military_support", []) == \
        "rus-prk-military_support"
    assert review.new_relation_id("RUS", "PRK", "military_support", [
        "rus-prk-military_support", "rus-prk-military_support-2"]) == \
        "rus-prk-military_support-3"


# ---------------------------------------------------------------- candidates
def test_add_candidates_to_the_queue(path: Path) -> None:
    dataset = store.load(path)
    old = path.read_text()
    added = review.add_candidates(dataset, WIRE, [
        candidate("BBB", "AAA", "alliance", "Borduria and Avaria renewed their pact."),
        candidate("CCC", "BBB", "economic_support", "Cordia buys Bordurian grain.",
                  attributes={"commodity": "grain"}),
        candidate("CCC", "BBB", "economic_support", "Cordia buys more grain from Borduria.",
                  attributes={"commodity": "grain"}, speaker="ana-avar"),
        candidate("CCC", "ZZZ", "pressure", "Cordia pressed Zedland."),
    ], reviewer="ana")
    assert [(o.action, o.code, o.relation_id, o.related) for o in added.outcomes] == [
        # the same claim as a curated relation (undirected: either order): a proposal
        # marked `same_as` it waits for review; the curated relation is not touched
        ("added", "proposed-evidence", "bbb-aaa-alliance", "aaa-bbb-alliance"),
        ("added", "new-claim", "ccc-bbb-economic_support", None),
        ("attached", "same-claim", "ccc-bbb-economic_support", None),  # within the batch
        ("skipped", "actor-not-in-data", None, None),
    ]
    assert added.outcomes[3].actor == "ZZZ" and "`ZZZ`" in added.outcomes[3].reason
    assert added.source == "wire-2024-02" and added.counts == {
        "added": 2, "attached": 1, "rejected": 0, "skipped": 1}
    reread = store.load(path)
    assert reread.relations == added.dataset.relations
    new = reread.relation("ccc-bbb-economic_support")
    assert (new.status, new.confidence, new.attributes) == ("extracted", 0.7,
                                                            {"commodity": "grain"})
    assert new.summary == "Cordia buys Bordurian grain."  # the sentence, until edited
    assert [(e.source, e.quote, e.speaker) for e in new.evidence] == [
        ("wire-2024-02", "Cordia buys Bordurian grain.", None),
        ("wire-2024-02", "Cordia buys more grain from Borduria.", "ana-avar")]
    assert new.reviewed_by is None  # nobody has reviewed it yet
    assert reread.source("wire-2024-02").publisher == "The Wire"
    assert reread.relation("aaa-bbb-alliance") == dataset.relation("aaa-bbb-alliance")
    proposal = reread.relation("bbb-aaa-alliance")
    assert (proposal.status, proposal.same_as) == ("extracted", "aaa-bbb-alliance")
    assert [e.quote for e in proposal.evidence] == ["Borduria and Avaria renewed their pact."]
    # every change is an added line: nothing the analyst wrote was touched
    assert all(line.startswith("+") for line in diff(old, path.read_text()))


def test_adding_the_same_article_twice_changes_nothing(path: Path) -> None:
    batch = [candidate("CCC", "BBB", "economic_support", "Cordia buys Bordurian grain.")]
    review.add_candidates(store.load(path), WIRE, batch)
    once = path.read_bytes()
    again = review.add_candidates(store.load(path), WIRE, batch)
    assert again.change is None and [o.action for o in again.outcomes] == ["skipped"]
    assert again.outcomes[0].code == "already-evidence"
    assert path.read_bytes() == once


def test_a_rejected_claim_is_not_proposed_again(path: Path) -> None:
    dataset = store.load(path)
    review.reject(dataset, "bbb-aaa-threat", "a headline, not the text", reviewer="ana")
    again = review.add_candidates(store.load(path), WIRE, [
        candidate("BBB", "AAA", "threat", "Borduria does not threaten Avaria, it says.",
                  modality="negated")])
    assert [(o.action, o.code) for o in again.outcomes] == [("skipped", "already-rejected")]
    assert again.outcomes[0].relation_id == "bbb-aaa-threat"
    assert again.change is None


def test_proposed_actors_added_when_accepted_or_mapped(path: Path) -> None:
    dataset = store.load(path)
    added = review.add_candidates(dataset, WIRE, [
        candidate("DDD", "AAA", "pressure", "Dorland warned Avaria."),
        candidate("bor-gov", "CCC", "threat", "The Bordurian government threatened Cordia."),
        candidate("eee", "AAA", "meeting", "Eland met Avaria."),
    ], [Actor(id="DDD", name="Dorland", kind="state", aliases=("Dorlandia",))],
        actor_map={"bor-gov": "BBB"})
    assert [(o.action, o.relation_id) for o in added.outcomes] == [
        ("added", "ddd-aaa-pressure"), ("added", "bbb-ccc-threat"), ("skipped", None)]
    assert added.outcomes[2].code == "actor-not-in-data" and added.outcomes[2].actor == "eee"
    reread = store.load(path)
    assert reread.actor("DDD").aliases == ("Dorlandia",)
    assert reread.relation("bbb-ccc-threat").source == "BBB"
    assert added.actors == ("DDD",)


def test_a_proposed_actor_may_not_take_a_known_id(path: Path) -> None:
    with pytest.raises(ReviewError, match="already names Avaria") as caught:
        review.add_candidates(store.load(path), WIRE, [],
                              [ProposedActor(id="AAA", name="Avalon", kind="state")])
    assert (caught.value.code, caught.value.fields) == ("actor-id-taken", {"actor": "AAA"})


def test_accepting_an_articles_candidates_one_by_one(path: Path) -> None:
    """The app's Add-article page: each Accept is one write on the Dataset the last
    one returned; the proposed actor and the source are added once."""
    dorland = ProposedActor(id="DDD", name="Dorland", kind="state", label="GPE")
    dataset = store.load(path)
    for quote, target in (("Dorland backed Avaria.", "AAA"), ("Dorland backed Cordia.", "CCC")):
        added = review.accept_candidate(dataset, WIRE, candidate(
            "DDD", target, "diplomatic_support", quote), proposed_actors=[dorland])
        dataset = added.dataset
    assert [a.id for a in dataset.actors].count("DDD") == 1
    assert [s.id for s in dataset.sources].count("wire-2024-02") == 1
    assert dataset.actor("DDD").notes == "Proposed by extraction from wire-2024-02."
    assert store.load(path).relations == dataset.relations


def test_dry_run_plans_without_writing(path: Path) -> None:
    before = path.read_bytes()
    planned = review.add_candidates(store.load(path), WIRE, [
        candidate("CCC", "BBB", "economic_support", "Cordia buys Bordurian grain.")],
        dry_run=True)
    assert [o.action for o in planned.outcomes] == ["added"] and planned.change is None
    assert path.read_bytes() == before


def test_accept_and_reject_a_candidate(path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_REVIEWER", "bea")
    dataset = store.load(path)
    accepted = review.accept_candidate(
        dataset, WIRE, candidate("CCC", "AAA", "diplomatic_support", "Cordia backed Avaria."),
        {"summary": "Cordia backs Avaria.", "since": "2024-02-01", "confidence": 0.8})
    relation = accepted.dataset.relation("ccc-aaa-diplomatic_support")
    assert (relation.status, relation.reviewed_by, relation.summary, relation.since,
            relation.confidence) == ("curated", "bea", "Cordia backs Avaria.",
                                     dt.date(2024, 2, 1), 0.8)
    assert relation.reviewed_at is not None and relation.reviewed_at.tzinfo is not None
    rejected = review.reject_candidate(
        accepted.dataset, WIRE, candidate("AAA", "CCC", "armed_conflict",
                                          "Avaria's war of words with Cordia."),
        "a figure of speech")
    relation = rejected.dataset.relation("aaa-ccc-armed_conflict")
    assert (relation.status, relation.review_note) == ("rejected", "a figure of speech")
    assert store.load(path).relations == rejected.dataset.relations


# ---------------------------------------------------------------- the queue
def test_queue_and_its_filters(path: Path) -> None:
    dataset = store.load(path)
    assert [r.id for r in review.queue(dataset)] == [
        "bbb-ccc-border_dispute", "aaa-ccc-economic_support", "bbb-aaa-threat"]
    assert [r.id for r in review.queue(dataset, source="gazette-1")] == [
        "aaa-ccc-economic_support"]
    assert [r.id for r in review.queue(dataset, type="threat")] == ["bbb-aaa-threat"]
    assert [r.id for r in review.queue(dataset, status="curated")] == [
        "aaa-bbb-alliance", "ccc-ana-pressure"]


def test_accept_with_changes_records_who_and_when(path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_REVIEWER", "carla")
    old = path.read_text()
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    change = review.accept(store.load(path), "bbb-ccc-border_dispute",
                           {"type": "rivalry", "confidence": 0.6})
    relation = store.load(path).relation("bbb-ccc-border_dispute")
    assert (relation.status, relation.type, relation.confidence, relation.reviewed_by) == (
        "curated", "rivalry", 0.6, "carla")
    assert before <= relation.reviewed_at <= dt.datetime.now(dt.UTC)
    stamp = relation.reviewed_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert diff(old, path.read_text()) == [
        "-    type: border_dispute", "-    status: extracted", "-    confidence: 0.55",
        "+    type: rivalry", "+    status: curated", "+    confidence: 0.6",
        # an accepted relation without a summary gets its sentence
        "+    summary: Borduria and Cordia quarrel over the north coast – again.",
        "+    reviewed_by: carla", f"+    reviewed_at: {stamp}"]
    assert change.summary == "accepted bbb-ccc-border_dispute (type rivalry, confidence 0.6)"


def test_reject_keeps_the_relation_with_the_reason(path: Path) -> None:
    review.reject(store.load(path), "aaa-ccc-economic_support", "speculation", reviewer="dan")
    relation = store.load(path).relation("aaa-ccc-economic_support")
    assert (relation.status, relation.review_note, relation.reviewed_by) == (
        "rejected", "speculation", "dan")


def test_an_edit_that_changes_nothing_writes_nothing(path: Path) -> None:
    before = path.read_bytes()
    change = review.edit(store.load(path), "bbb-aaa-threat", {"confidence": 0.3})
    assert not change.changed and path.read_bytes() == before


def test_edit_keeps_the_status(path: Path) -> None:
    review.edit(store.load(path), "bbb-aaa-threat", {"modality": "hedged", "until": None},
                reviewer="eve")
    relation = store.load(path).relation("bbb-aaa-threat")
    assert (relation.status, relation.modality, relation.reviewed_by) == (
        "extracted", "hedged", "eve")


def test_refusals(path: Path) -> None:
    dataset = store.load(path)
    with pytest.raises(UnknownRelation, match="no relation has the id `nope`") as caught:
        review.accept(dataset, "nope")
    assert (caught.value.code, caught.value.fields) == ("no-such-relation",
                                                        {"relation": "nope"})
    with pytest.raises(ReviewError, match="already curated") as caught:
        review.accept(dataset, "aaa-bbb-alliance")
    assert caught.value.code == "already-curated"
    with pytest.raises(ReviewError, match="only extracted relations") as caught:
        review.reject(dataset, "aaa-bbb-alliance")
    assert caught.value.code == "not-extracted"
    with pytest.raises(ReviewError, match="`evidence` cannot be changed") as caught:
        review.edit(dataset, "bbb-aaa-threat", {"evidence": []})
    assert (caught.value.code, caught.value.fields) == ("not-editable", {"field": "evidence"})
    with pytest.raises(InvalidChange) as caught:
        review.accept(dataset, "bbb-aaa-threat", {"type": "hug"})
    assert [p.code for p in caught.value.problems] == ["unknown-type"]
    review.reject(dataset, "bbb-aaa-threat", reviewer="ana")
    with pytest.raises(StaleFileError):  # the same Dataset, now out of date
        review.accept(dataset, "bbb-ccc-border_dispute")


def test_reviewer_name(monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_REVIEWER", "from-env")
    assert review.current_reviewer("given") == "given"
    assert review.current_reviewer() == "from-env"
    monkeypatch.delenv("EXPLORER_REVIEWER")
    monkeypatch.setenv("USER", "os-user")
    monkeypatch.setenv("LOGNAME", "os-user")
    assert review.current_reviewer() == "os-user"


@pytest.mark.parametrize("name", ["dating", "ids"])
def test_the_examples_in_the_docstrings_run(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"explorer.review.{name}"))
    assert result.failed == 0 and result.attempted > 0


def test_merge_and_rename_keep_what_refers_to_them(path: Path) -> None:
    from explorer.edit import Draft

    draft = Draft(store.load(path))
    quote = {"source": "gazette-1", "quote": "Avaria and Borduria renewed the pact."}
    draft.append("relations", {"id": "p1", "source": "AAA", "target": "BBB",
                               "type": "alliance", "status": "extracted",
                               "same_as": "aaa-bbb-alliance", "confidence": 0.6,
                               "evidence": [quote]})
    draft.append("relations", {"id": "p2", "source": "BBB", "target": "AAA",
                               "type": "alliance", "status": "extracted",
                               "possibly_same_as": "p1", "confidence": 0.5,
                               "modality": "hedged", "judgement": "a rumour"})
    dataset = draft.commit("two proposals").dataset
    # a relation another names cannot just go: the file would be invalid
    refused = Draft(dataset)
    refused.remove("relations", "p1")
    with pytest.raises(InvalidChange) as caught:
        refused.commit("remove p1")
    assert [p.code for p in caught.value.problems] == ["unknown-relation"]
    # merged, its quote joins the curated relation and p2 follows to it
    merged = review.merge(dataset, "p1", reviewer="ana")
    assert merged.summary.startswith("accepted p1: 1 quote(s) now evidence of aaa-bbb-alliance")
    after = store.load(path)
    assert not after.has_relation("p1") and after.relation("p2").possibly_same_as == \
        "aaa-bbb-alliance"
    assert after.relation("aaa-bbb-alliance").evidence[-1].quote == quote["quote"]
    # renamed, what names it follows the new id
    renamed = review.edit(after, "aaa-bbb-alliance", {}, new_id="aaa-bbb-pact",
                          reviewer="ana")
    assert renamed.dataset.relation("p2").possibly_same_as == "aaa-bbb-pact"
    assert store.load(path).relations == renamed.dataset.relations
