"""Near-copies: right on short and long texts, on a labelled set of pairs, with the reason shown."""

from __future__ import annotations

import datetime as dt

import pytest

from explorer.nearcopy import (
    MIN_SHARED,
    compare,
    fingerprint,
    match_known,
    near_duplicates,
    shared_passages,
)

from .nearcopy_set import SHARED, labelled_pairs, score

MISSILE_DATA = ("Japan and South Korea will share missile warning data with the United States "
                "from December.")


@pytest.mark.parametrize("shared", [None, SHARED], ids=["our pairs", "with shared texts"])
def test_labelled_pairs_no_false_and_no_missed_copies(shared):
    pairs = labelled_pairs(shared)
    figures, wrong = score(pairs)
    assert not wrong, [(p.kind, p.a, p.b, c) for p, c in wrong]
    kinds = {f.kind: f for f in figures}
    # the set holds every kind, with copies among wire copies and paraphrases only
    assert kinds["wire copy"].copies == kinds["wire copy"].pairs >= 7
    assert kinds["paraphrase"].copies == kinds["paraphrase"].pairs >= 10
    assert kinds["same event"].pairs >= 25 and kinds["same event"].copies == 0
    assert kinds["short original"].pairs >= 250 and kinds["other event"].pairs >= 240


def test_a_short_original_is_never_a_copy_of_a_long_article_that_shares_its_names():
    long_article = "\n\n".join([
        "The United States, Japan and South Korea held their first joint air drill on Sunday.",
        "Japan and South Korea flew fighter jets with American bombers over the sea between "
        "them, the defence ministries said.",
        "North Korea called the drill a rehearsal for war and said it would answer with missile "
        "launches.",
        "South Korea and Japan have tried to mend ties since last year, and the United States "
        "has pushed both to share more military data.",
    ] * 3)
    res = compare(fingerprint(MISSILE_DATA), fingerprint(long_article))
    assert res.smaller == 0 and res.words == 10
    assert not res.copy  # shares names, but far too little to be a copy
    # even the same sentence, word for word, is one sentence: not a copy
    assert not compare(fingerprint(MISSILE_DATA), fingerprint(long_article + "\n\n"
                                                              + MISSILE_DATA)).copy


def test_the_short_text_from_the_field_report_copies_no_known_source(curated):
    assert match_known(curated, MISSILE_DATA) is None


def test_containment_is_measured_against_the_larger_text():
    story = _story(8)
    excerpt = "\n".join(story.splitlines()[:5])  # five sentences of it, word for word
    res = compare(fingerprint(story), fingerprint(excerpt))
    assert res.smaller == 1 and res.containment == 1.0 and res.shared >= MIN_SHARED
    assert res.copy
    two = "\n".join(story.splitlines()[:2])
    assert not compare(fingerprint(two), fingerprint(story)).copy  # too short to tell


def test_the_reason_quotes_the_shared_sentences():
    story = _story(6)
    copy = "Republished\n" + story.replace("said on", "announced on")
    (dup,) = near_duplicates([("orig", story, dt.date(2024, 3, 1)),
                              ("copy", copy, dt.date(2024, 3, 2))])
    assert (dup.copy, dup.original) == ("copy", "orig")
    assert dup.containment >= 0.9
    first_sentence = story.splitlines()[0]
    assert "shared sentence(s)" in dup.reason and first_sentence[:40] in dup.reason
    res = compare(fingerprint(copy), fingerprint(story))
    passages = shared_passages(copy if res.smaller == 0 else story,
                               fingerprint(copy if res.smaller == 0 else story), res, limit=2)
    assert len(passages) == 2 and all(p in story.replace("\n", " ") or p.endswith("…")
                                      for p in passages)


def test_the_original_is_the_earlier_or_else_the_larger():
    story = _story(8)
    trimmed = "\n".join(story.splitlines()[:6])
    found = near_duplicates([("trimmed", trimmed, None), ("full", story, None)])
    assert [(d.copy, d.original) for d in found] == [("trimmed", "full")]
    found = near_duplicates([("trimmed", trimmed, dt.date(2024, 1, 1)),
                             ("full", story, dt.date(2024, 1, 5))])
    assert [(d.copy, d.original) for d in found] == [("full", "trimmed")]


def test_empty_text_resembles_nothing():
    res = compare(fingerprint(""), fingerprint(_story(5)))
    assert res.words == 0 and res.containment == 0.0 and not res.copy


# ----------------------------------------------- articles the data already quotes

def test_an_article_the_data_quotes_is_recognised(curated, seeds_dir) -> None:
    bbc = (seeds_dir / "seed-002.txt").read_text(encoding="utf-8")
    paraphrase = (seeds_dir / "seed-000.txt").read_text(encoding="utf-8")
    found = match_known(curated, bbc)
    assert found is not None and found.same and found.source == "bbc-2024-06-real-power"
    assert "word for word" in found.reason
    found = match_known(curated, paraphrase)
    assert found is not None and found.same
    assert found.source == "merchantnavy-2024-06-true-power"


def test_a_rewrite_of_a_known_article_is_a_copy_and_other_news_is_not(curated) -> None:
    quotes = [e.quote for r in curated.relations for e in r.evidence
              if e.source == "bbc-2024-06-real-power"]
    # a copy that keeps most of the original's sentences but few of them exactly
    rewrite = " ".join(q.replace("China", "Beijing").replace(",", "") for q in quotes)
    found = match_known(curated, rewrite)
    assert found is not None and found.source == "bbc-2024-06-real-power"
    assert not found.same and found.score >= 0.5
    assert "shared sentence(s), e.g. “" in found.reason
    other = ("Brazil and Argentina agreed on Tuesday to cut tariffs on steel and grain. "
             "The finance ministers met in Buenos Aires and promised a joint fund for roads. "
             "Farmers welcomed the deal, while unions warned about jobs in the car industry.")
    assert match_known(curated, other) is None


def _story(n: int) -> str:
    """n distinct sentences of a made-up report, one per line."""
    sentences = [
        "Avaria and Borduria signed a defence pact on Monday after two days of talks in Szohod.",
        "The Avarian president said the treaty would protect both countries from Cordian "
        "pressure.",
        "Bordurian officials promised more grain exports to Avaria from the spring harvest.",
        "Cordia's foreign ministry said on Tuesday that the pact threatened regional stability.",
        "Diplomats expect the League council to discuss the treaty at its next session.",
        "Farmers in northern Borduria welcomed the promise of new markets for their wheat.",
        "The pact commits each army to help the other if its territory is attacked.",
        "Opposition leaders in Avaria demanded a parliamentary vote before ratification.",
    ]
    return "\n".join(sentences[:n])


def test_every_labelled_copy_would_be_proposed_by_the_corpus_sketch():
    from explorer.corpus.clusters import PROPOSE
    from explorer.nearcopy import shingles

    for pair in labelled_pairs():
        if pair.copy:
            a, b = shingles(pair.text_a), shingles(pair.text_b)
            small, large = (a, b) if len(a) <= len(b) else (b, a)
            assert len(small & large) / len(small) >= PROPOSE + 0.04, (pair.a, pair.b)
