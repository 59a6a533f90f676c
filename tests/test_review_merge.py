"""Candidates from extraction sorted against the data: evidence, new relations, refused."""

from __future__ import annotations

from pathlib import Path

from explorer import review, store
from explorer.candidates import Candidate, merge_same

FICTIONAL = Path(__file__).parent / "data" / "extract-fictional.yaml"


def cand(source: str, target: str, type_: str, quote: str, source_id: str = "") -> Candidate:
    return Candidate(document="a.txt", source=source, target=target, type=type_,
                     modality="asserted", confidence=0.7, quote=quote, start=0,
                     end=len(quote), source_id=source_id)


def test_candidates_sorted_by_what_the_data_already_says() -> None:
    dataset = store.load(FICTIONAL)
    same = cand("AVA", "BOR", "alliance", "Avaria renewed its pact with Borduria.")
    reversed_undirected = cand("BOR", "AVA", "alliance", "Borduria and Avaria are allies.")
    known_quote = cand("AVA", "BOR", "alliance", "Avaria and Borduria signed a defence pact.",
                       source_id="gazette-1")
    rejected = cand("COR", "AVA", "sanctions", "Cordia sanctioned Avaria.")
    reversed_directed = cand("AVA", "COR", "sanctions", "Avaria sanctioned Cordia.")
    new = cand("COR", "DEL", "pressure", "Cordia urged Delmark to stop.")
    added = review.add_candidates(
        dataset, {"id": "wire-1", "title": "Wire report"},
        [same, reversed_undirected, known_quote, rejected, reversed_directed, new],
        dry_run=True)
    outcomes = [(o.action, o.code, o.relation_id) for o in added.outcomes]
    assert outcomes[:4] == [
        # the same claim as a curated relation: a proposal marked `same_as` it
        ("added", "proposed-evidence", "ava-bor-alliance-2"),
        # undirected: either order is the same claim, and joins that proposal
        ("attached", "same-claim", "ava-bor-alliance-2"),
        # that source's sentence is already the curated relation's evidence
        ("skipped", "already-evidence", "ava-bor-alliance"),
        ("skipped", "already-rejected", "cor-ava-sanctions"),  # an analyst rejected this
    ]
    assert added.outcomes[0].related == "ava-bor-alliance"
    # a directed type keeps its direction: Avaria → Cordia is a new claim
    assert [a for a, _, _ in outcomes[4:]] == ["added", "added"]
    assert added.change is None  # a dry run writes nothing


def _sentence(quote: str, start: int, confidence: float, **fields) -> Candidate:
    return Candidate(document="a.txt", source="COR", target="BOR", type="military_support",
                     modality="asserted", confidence=confidence, quote=quote, start=start,
                     end=start + len(quote), source_id="wire-1", **fields)


def test_sentences_of_one_relation_keep_what_each_says() -> None:
    told = _sentence("Cordia sent 500 tanks to Borduria, Avaria said.", 0, 0.8,
                     attributes={"count": 500, "commodity": "tanks"}, speaker="AVA", cue="sent")
    plain = _sentence("Cordia has armed Borduria.", 60, 0.5, cue="armed")
    (merged,) = merge_same([plain, told])
    assert merged.quote == told.quote and [q.start for q in merged.quotes] == [0, 60]
    # each sentence as it was read: the second has no speaker, no figures, its own cue
    assert [(p.speaker, dict(p.attributes), p.cue, p.confidence) for p in merged.parts()] \
        == [("AVA", {"count": 500, "commodity": "tanks"}, "sent", 0.8),
            (None, {}, "armed", 0.5)]
    planned = review.plan.plan(store.load(FICTIONAL), {"id": "wire-1", "title": "Wire"},
                               [merged])
    (relation,) = planned.relations
    assert relation["attributes"] == {"count": 500, "commodity": "tanks"}
    assert [e.get("speaker") for e in relation["evidence"]] == ["AVA", None]


def test_sentences_dated_differently_are_different_events() -> None:
    headline = _sentence("Cordia arms Borduria", 0, 0.7)
    lead = _sentence("Cordia armed Borduria in May 2024, officials said.", 30, 0.7,
                     attributes={"date": "May 2024"})
    earlier = _sentence("Cordia also armed Borduria in 2019.", 90, 0.7,
                        attributes={"date": 2019})
    again = _sentence("Cordia armed Borduria on Monday.", 130, 0.7)
    merged = merge_same([headline, lead, earlier, again])
    assert sorted([q.start for q in m.quotes] for m in merged) == [[0, 130], [30], [90]]


def test_a_sentence_that_states_a_relation_both_ways_is_one_quote() -> None:
    quote = "Cordia and Borduria signed a defence pact in March."
    one = Candidate(document="a.txt", source="COR", target="BOR", type="alliance",
                    modality="asserted", confidence=0.7, quote=quote, start=10, end=61)
    other = Candidate(document="a.txt", source="BOR", target="COR", type="alliance",
                      modality="asserted", confidence=0.6, quote=quote, start=10, end=61)
    (merged,) = merge_same([one, other], frozenset({"alliance"}))
    assert merged.quotes == (one.quotes[0],) and merged.more == ()


def test_the_sentence_that_dates_the_event_dates_the_relation() -> None:
    headline = _sentence("Cordia arms Borduria", 0, 0.8)
    lead = _sentence("Cordia sent rifles to Borduria on Tuesday, officials said.", 30, 0.7)
    (merged,) = merge_same([headline, lead])
    assert merged.quote == headline.quote  # the most confident, shown first on the card
    planned = review.plan.plan(store.load(FICTIONAL),
                               {"id": "wire-1", "title": "Wire", "published": "2024-06-20"},
                               [merged])
    (relation,) = planned.relations
    assert str(relation["since"]) == "2024-06-18"  # the Tuesday before that Thursday
    assert [e["quote"] for e in relation["evidence"]] == [lead.quote, headline.quote]
