"""Near-duplicate documents: the two seeds (a paraphrase) are; unrelated texts are not."""

from __future__ import annotations

import datetime as dt

from explorer.extract.dedupe import THRESHOLD, fingerprint, near_duplicates, resemblance

PACT = ("Avaria and Borduria signed a defence pact on Monday after two days of talks in "
        "Szohod. The Avarian president said the treaty would protect both countries from "
        "Cordian pressure, while Bordurian officials promised more grain exports to Avaria.")
PACT_REWORDED = ("After two days of talks in Szohod, Avaria and Borduria on Monday signed a "
                 "defence pact. The treaty will protect both countries from Cordian "
                 "pressure, the Avarian president said; Bordurian officials promised Avaria "
                 "more grain exports.")
FLOODS = ("Heavy rain flooded the river valleys of Deltania this week, and the government "
          "opened shelters for families who lost their homes. Farmers fear the grain harvest "
          "will be late, and the railway to the coast is closed until the water falls.")
SAME_TOPIC = ("Cordia criticised the defence pact between Avaria and Borduria, calling it a "
              "threat to the region. Cordian diplomats asked the League to discuss the "
              "treaty, and analysts expect trade between Cordia and Avaria to fall.")


def test_seeds_are_near_duplicates(seeds_dir):
    a = (seeds_dir / "seed-000.txt").read_text(encoding="utf-8")
    b = (seeds_dir / "seed-002.txt").read_text(encoding="utf-8")
    assert resemblance(fingerprint(a), fingerprint(b)) >= THRESHOLD
    (dup,) = near_duplicates([("seed-000", a, None), ("seed-002", b, None)])
    assert (dup.copy, dup.original) == ("seed-000", "seed-002")  # the shortened one copies


def test_unrelated_texts_are_not_near_duplicates_of_the_seeds(seeds_dir):
    seed = (seeds_dir / "seed-002.txt").read_text(encoding="utf-8")
    for text in (PACT, FLOODS, SAME_TOPIC):
        assert resemblance(fingerprint(seed), fingerprint(text)) < THRESHOLD


def test_written_paraphrase_is_found_and_same_topic_is_not():
    assert resemblance(fingerprint(PACT), fingerprint(PACT_REWORDED)) >= THRESHOLD
    assert resemblance(fingerprint(PACT), fingerprint(SAME_TOPIC)) < THRESHOLD
    assert resemblance(fingerprint(PACT), fingerprint(FLOODS)) < THRESHOLD
    found = near_duplicates([("wire", PACT, dt.date(2024, 1, 2)),
                             ("blog", PACT_REWORDED, dt.date(2024, 1, 1)),
                             ("floods", FLOODS, None)])
    assert [(d.copy, d.original) for d in found] == [("wire", "blog")]  # the earlier is original


def test_empty_text_resembles_nothing():
    assert resemblance(fingerprint(""), fingerprint(PACT)) == 0.0


# ----------------------------------------------- articles the data already quotes

def test_an_article_the_data_quotes_is_recognised(curated, seeds_dir) -> None:
    from explorer.extract.dedupe import match_known

    bbc = (seeds_dir / "seed-002.txt").read_text(encoding="utf-8")
    paraphrase = (seeds_dir / "seed-000.txt").read_text(encoding="utf-8")
    found = match_known(curated, bbc)
    assert found is not None and found.same and found.source == "bbc-2024-06-real-power"
    found = match_known(curated, paraphrase)
    assert found is not None and found.same
    assert found.source == "merchantnavy-2024-06-true-power"


def test_a_rewrite_of_a_known_article_is_a_copy_and_other_news_is_not(curated) -> None:
    from explorer.extract.dedupe import match_known

    quotes = [e.quote for r in curated.relations for e in r.evidence
              if e.source == "bbc-2024-06-real-power"]
    # a copy that keeps most of the original's sentences but few of them exactly
    rewrite = " ".join(q.replace("China", "Beijing").replace(",", "") for q in quotes)
    found = match_known(curated, rewrite)
    assert found is not None and found.source == "bbc-2024-06-real-power"
    assert not found.same
    other = ("Brazil and Argentina agreed on Tuesday to cut tariffs on steel and grain. "
             "The finance ministers met in Buenos Aires and promised a joint fund for roads. "
             "Farmers welcomed the deal, while unions warned about jobs in the car industry.")
    assert match_known(curated, other) is None
