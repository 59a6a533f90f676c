"""`explorer extract` and `explorer evaluate` in-process: the JSON contract, bad files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from explorer.cli import app

from .conftest import DATA

FICTIONAL = Path(__file__).parent / "data" / "extract-fictional.yaml"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_json_contract(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Oil deal\n\nCordia sells oil to Avaria. Cordian President Maria Kell met Boris Bord.",
        encoding="utf-8")
    result = run("extract", str(tmp_path / "a.txt"), "--data", str(FICTIONAL),
                 "--format", "json", "--source-id", "wire-1", "--publisher", "Wire",
                 "--published", "2024-05-01")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"actors", "candidates"} <= set(data)
    cand = next(c for c in data["candidates"] if c["type"] == "economic_support")
    assert {k: cand[k] for k in ("source", "target", "type", "modality")} == {
        "source": "COR", "target": "AVA", "type": "economic_support", "modality": "asserted"}
    assert set(cand) >= {"document", "source", "target", "type", "modality", "confidence",
                         "attributes", "evidence"}
    assert cand["document"].endswith("a.txt")
    assert cand["attributes"] == {"commodity": "oil"}
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    ev = cand["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["quote"] == "Cordia sells oil to Avaria."
    assert ev["source"] == "wire-1"
    actors = {a["id"]: a for a in data["actors"]}
    mentioned = {c[end] for c in data["candidates"] for end in ("source", "target")}
    assert set(actors) == mentioned
    assert actors["COR"] == {"id": "COR", "name": "Cordia", "kind": "state",
                             "represents": None, "proposed": False}
    assert actors["maria-kell"]["proposed"] is True
    assert actors["maria-kell"]["kind"] == "person"
    assert actors["maria-kell"]["represents"] == "COR"
    assert data["sources"][0]["publisher"] == "Wire"
    assert data["sources"][0]["published"] == "2024-05-01"


def test_bad_files_are_named_and_the_rest_still_processed(tmp_path):
    (tmp_path / "good.txt").write_text("Cordia sells oil to Avaria.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    result = run("extract", str(tmp_path), "--data", str(FICTIONAL), "--format", "json")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    for name in ("empty.txt", "binary.txt", "latin.txt"):
        assert sum(name in line for line in errors) == 1
    data = json.loads(result.stdout)
    assert [c["source"] for c in data["candidates"]] == ["COR"]


def test_missing_file_and_bad_date(tmp_path):
    result = run("extract", str(tmp_path / "nope.txt"), "--data", str(FICTIONAL))
    assert result.exit_code == 1 and "nope.txt: no such file" in result.stderr
    result = run("extract", str(tmp_path), "--data", str(FICTIONAL), "--published", "May")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_yaml_and_table_formats(tmp_path):
    (tmp_path / "a.txt").write_text("Avaria invaded Deltania in 2021.", encoding="utf-8")
    result = run("extract", str(tmp_path / "a.txt"), "--data", str(FICTIONAL),
                 "--format", "yaml")
    assert result.exit_code == 0 and "type: armed_conflict" in result.stdout
    result = run("extract", str(tmp_path / "a.txt"), "--data", str(FICTIONAL))
    assert result.exit_code == 0 and "armed_conflict" in result.stdout


def test_evaluate_on_a_written_gold_set(tmp_path):
    articles, gold = tmp_path / "articles", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    (articles / "a1.txt").write_text(
        "Cordia sells oil to Avaria. Avaria and Deltania are both large. "
        "Ana Avar met Boris Bord in Szohod.", encoding="utf-8")
    (gold / "a1.yaml").write_text(
        "article: a1\nrelations:\n"
        "  - {source: COR, target: AVA, type: economic_support}\n"
        "  - {source: BOR, target: AVA, type: meeting}\n"
        "  - {source: AVA, target: DEL, type: rivalry}\n", encoding="utf-8")
    result = run("evaluate", "--gold", str(gold), "--articles", str(articles),
                 "--data", str(FICTIONAL), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    overall = data["extractor"]["typed"]["overall"]
    # persons are folded onto their states: ana-avar/boris-bord meeting = AVA-BOR
    assert (overall["tp"], overall["fp"], overall["fn"]) == (2, 0, 1)
    assert data["missed"] == [{"article": "a1", "source": "AVA", "target": "DEL",
                               "type": "rivalry"}]
    table = run("evaluate", "--gold", str(gold), "--articles", str(articles),
                "--data", str(FICTIONAL))
    assert "typed overall" in table.stdout and "base F1" in table.stdout


def test_evaluate_names_a_gold_file_without_its_article(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold" / "x9.yaml").write_text("article: x9\nrelations: []\n",
                                                encoding="utf-8")
    result = run("evaluate", "--gold", str(tmp_path / "gold"), "--articles",
                 str(tmp_path / "articles"), "--data", str(FICTIONAL))
    assert result.exit_code == 1 and "x9" in result.stderr


def test_write_merges_candidates_for_review(tmp_path) -> None:
    import shutil

    from explorer import store

    data = tmp_path / "relations.yaml"
    shutil.copy(DATA, data)
    article = tmp_path / "wire.txt"
    article.write_text(
        "Japan imposed new sanctions on North Korea on Monday after another missile test.\n"
        "South Korea and Japan held talks in Tokyo on the same day.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--data", str(data), "--write",
                                 "--format", "json", "--published", "2024-07-01"])
    assert result.exit_code == 0, result.output
    assert "new relation(s) to review" in result.stderr
    before, after = store.load(DATA), store.load(data)
    new = [r for r in after.relations if not before.has_relation(r.id)]
    assert new and all(r.status == "extracted" for r in new)
    assert {(r.source, r.target, r.type) for r in new} >= {("JPN", "PRK", "sanctions")}
    assert after.source("wire").published.isoformat() == "2024-07-01"
    quotes = [e.quote for r in new for e in r.evidence]
    assert all(q in article.read_text(encoding="utf-8") for q in quotes)


def test_write_never_reaches_a_curated_relation_unreviewed(tmp_path) -> None:
    import shutil

    from explorer import review, store

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    article = tmp_path / "wire.txt"
    article.write_text("Talks\n\nAvaria renewed its alliance with Borduria on Monday.\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--data", str(data), "--write",
                                 "--published", "2024-07-01"])
    assert result.exit_code == 0, result.output
    assert "1 quote(s) for curated relations" in result.stderr
    before, after = store.load(FICTIONAL), store.load(data)
    assert after.relation("ava-bor-alliance") == before.relation("ava-bor-alliance")
    (proposal,) = [r for r in after.relations if not before.has_relation(r.id)]
    assert (proposal.status, proposal.same_as) == ("extracted", "ava-bor-alliance")
    listed = runner.invoke(app, ["review", "list", "--format", "json", "--data", str(data)])
    assert [r["same_as"] for r in json.loads(listed.stdout)] == ["ava-bor-alliance"]
    # the analyst accepts it: the quote joins the curated relation, the proposal goes
    review.accept(after, proposal.id, reviewer="ana")
    merged = store.load(data)
    assert not merged.has_relation(proposal.id)
    assert [e.quote for e in merged.relation("ava-bor-alliance").evidence][-1] == \
        "Avaria renewed its alliance with Borduria on Monday."


def test_an_article_named_like_another_source_gets_its_own_id(tmp_path) -> None:
    import shutil

    from explorer import store

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    article = tmp_path / "gazette-1.txt"  # the file's name is the id of another article
    article.write_text("Border news\n\nCordia threatened Deltania with a blockade.\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--data", str(data), "--write"])
    assert result.exit_code == 0, result.output
    after = store.load(data)
    assert after.source("gazette-1") == store.load(FICTIONAL).source("gazette-1")
    (new,) = [s for s in after.sources if s.id != "gazette-1"]
    assert new.id == "border-news" and new.title == "Border news"
    (relation,) = [r for r in after.relations if r.evidence[0].source == new.id]
    assert relation.evidence[0].quote == "Cordia threatened Deltania with a blockade."


def test_extract_proposes_unseen_states_with_iso_ids_and_persons_with_represents(tmp_path):
    article = tmp_path / "gulf.txt"
    article.write_text("Riyadh had cut ties with Tehran in 2016.\n"
                       "Hossein Amir-Abdollahian, Iran's foreign minister, praised Saudi "
                       "Arabia for the deal.\n", encoding="utf-8")
    result = run("extract", str(article), "--data", str(DATA), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    actors = {a["id"]: a for a in data["actors"]}
    assert actors["IRN"]["proposed"] and actors["IRN"]["kind"] == "state"
    assert actors["SAU"]["name"] == "Saudi Arabia"
    triples = {(c["source"], c["target"], c["type"]) for c in data["candidates"]}
    assert ("SAU", "IRN", "sanctions") in triples
    persons = [a for a in data["actors"] if a["kind"] == "person"]
    assert persons and all(a["represents"] == "IRN" for a in persons)
    assert all("cue_source" in c for c in data["candidates"])


STORY = [
    "Avaria and Borduria signed a defence pact on Monday after two days of talks in Szohod.",
    "The Avarian president said the treaty would protect both countries from Cordian pressure.",
    "Bordurian officials promised more grain exports to Avaria from the spring harvest.",
    "Cordia's foreign ministry said on Tuesday that the pact threatened regional stability.",
    "Diplomats expect the League council to discuss the treaty at its next session.",
    "Farmers in northern Borduria welcomed the promise of new markets for their wheat.",
]


def _front(source_id: str, day: str, body: str) -> str:
    return f"---\nid: {source_id}\npublished: {day}\n---\n{body}\n"


def test_write_says_when_it_records_a_near_copy(tmp_path) -> None:
    import shutil

    from explorer import store

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "orig.txt").write_text(_front("gazette-2", "2024-05-01", "\n".join(STORY)),
                                     encoding="utf-8")
    (folder / "wire.txt").write_text(_front("echo-2", "2024-05-02", "Republished\n" + "\n".join(
        s.replace("said on", "announced on") for s in STORY)), encoding="utf-8")
    (folder / "short.txt").write_text(_front("note-2", "2024-05-03", STORY[0]), encoding="utf-8")
    result = run("extract", str(folder), "--data", str(data), "--write")
    assert result.exit_code == 0, result.output
    told = [line for line in result.stderr.splitlines() if line.startswith("near-copy:")]
    assert len(told) == 1, result.stderr
    assert "echo-2 is recorded as derived from gazette-2" in told[0]
    assert "shared sentence(s), e.g. “" in told[0] and "--no-copies" in told[0]
    after = store.load(data)
    assert after.source("echo-2").derived_from == "gazette-2"
    assert after.source("note-2").derived_from is None  # one sentence: never a copy


def test_no_copies_records_no_derived_from(tmp_path) -> None:
    import shutil

    from explorer import store

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    (tmp_path / "orig.txt").write_text(_front("gazette-2", "2024-05-01", "\n".join(STORY)),
                                       encoding="utf-8")
    (tmp_path / "wire.txt").write_text(_front("echo-2", "2024-05-02", "\n".join(STORY)),
                                       encoding="utf-8")
    result = run("extract", str(tmp_path / "orig.txt"), str(tmp_path / "wire.txt"),
                 "--data", str(data), "--format", "json")
    assert "would be recorded (with --write) as derived from gazette-2" in result.stderr
    sources = {s["id"]: s for s in json.loads(result.stdout)["sources"]}
    assert sources["echo-2"]["derived_from"] == "gazette-2" and sources["echo-2"]["near_copy"]
    result = run("extract", str(tmp_path / "orig.txt"), str(tmp_path / "wire.txt"),
                 "--data", str(data), "--write", "--no-copies")
    assert result.exit_code == 0 and "near-copy" not in result.stderr
    assert store.load(data).source("echo-2").derived_from is None


def test_write_matches_a_claim_against_one_dated_by_a_year_in_the_same_article(tmp_path):
    # the first sentence's relation gets `since: 1939` (a year), the second is matched
    # against it before the file is written: a year is compared as the days it spans
    import shutil

    from explorer import store

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    article = tmp_path / "years.txt"
    article.write_text("Avaria warned Borduria in March 1939. Avaria warned Borduria in 1940.\n"
                       "In 1939 Avaria warned Borduria again.\n", encoding="utf-8")
    result = run("extract", str(article), "--data", str(data), "--write")
    assert result.exit_code == 0, result.output
    new = [r for r in store.load(data).relations if r.source == "AVA" and r.type == "pressure"]
    assert [r.since.isoformat() for r in new] == ["1939-03-01"]
    assert len(new[0].evidence) == 3  # all three quotes wait on the one proposal


def test_a_refused_write_says_refused_with_its_code(tmp_path):
    import shutil

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    before = data.read_bytes()
    article = tmp_path / "odd.md"
    article.write_text("---\nid: '+1'\n---\nAvaria signed a defence pact with Borduria.\n",
                       encoding="utf-8")
    result = run("extract", str(article), "--data", str(data), "--write")
    assert result.exit_code == 1
    assert "refused[bad-source]: the source's metadata is not valid: id:" in result.stderr
    assert "--debug" not in result.stderr
    assert data.read_bytes() == before


def test_a_quote_holding_a_line_separator_is_written_verbatim(tmp_path):
    import shutil

    from explorer import store

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    article = tmp_path / "wire.txt"
    text = ("Avaria signed\u2028a defence pact with Borduria in 2031.\n"
            "Borduria imposed\x85sanctions on Deltania in 2031.\n")
    article.write_text(text, encoding="utf-8")
    result = run("extract", str(article), "--data", str(data), "--write")
    assert result.exit_code == 0, result.stderr
    quotes = {e.quote for r in store.load(data).relations for e in r.evidence}
    assert {q for q in quotes if "\u2028" in q or "\x85" in q} == {
        "Avaria signed\u2028a defence pact with Borduria in 2031.",
        "Borduria imposed\x85sanctions on Deltania in 2031."}


def test_control_characters_in_a_title_are_cleaned_not_refused(tmp_path):
    import shutil

    from explorer import store

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    article = tmp_path / "odd.md"
    article.write_text('---\ntitle: "Pact\\u0007 signed\\x1b[0m"\npublisher: "Gazette\\x00"\n'
                       'url: "https://gazette.example/pact\\x0b-1"\n'
                       "---\nAvaria signed a defence pact with Borduria.\n", encoding="utf-8")
    result = run("extract", str(article), "--data", str(data), "--write")
    assert result.exit_code == 0, result.stderr
    source = store.load(data).source("odd")
    # a space where a control character stood in text, nothing in an address
    assert (source.title, source.publisher) == ("Pact signed [0m", "Gazette")
    assert source.url == "https://gazette.example/pact-1"


def test_without_write_each_candidate_says_what_the_data_holds_of_it(tmp_path):
    article = tmp_path / "k.txt"
    article.write_text("Cordia imposed sanctions on Avaria.\n\nDeltania praised Borduria.\n\n"
                       "Mark Zelnik sent rifles to Cordia.\n", encoding="utf-8")
    before = FICTIONAL.read_bytes()
    result = run("extract", str(article), "--data", str(FICTIONAL), "--format", "json")
    assert result.exit_code == 0, result.output
    said = {(c["source"], c["type"], c["target"]): c["in_data"]
            for c in json.loads(result.stdout)["candidates"]}
    assert said == {("COR", "sanctions", "AVA"): "already-rejected cor-ava-sanctions",
                    ("DEL", "diplomatic_support", "BOR"): "new",
                    ("mark-zelnik", "military_support", "COR"): "new actor"}
    assert FICTIONAL.read_bytes() == before  # a preview: nothing written
    table = run("extract", str(article), "--data", str(FICTIONAL)).stdout
    assert "in data" in table and "already-rejected cor-ava-sanctions" in table


def test_a_headline_and_the_lead_that_repeats_it_are_one_candidate(tmp_path) -> None:
    import shutil

    from explorer import store

    headline = "Cordia threatens Borduria with a naval blockade"
    lead = "Cordia threatens Borduria with a naval blockade, officials in Orlin said on Monday."
    other = "Borduria condemned Cordia for the threat."
    path = tmp_path / "blockade.txt"
    path.write_text(f"{headline}\n\n{lead}\n{other}\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    result = run("extract", str(path), "--data", str(FICTIONAL), "--format", "json")
    assert result.exit_code == 0, result.output
    found = [c for c in json.loads(result.stdout)["candidates"]
             if (c["source"], c["target"], c["type"]) == ("COR", "BOR", "threat")]
    assert len(found) == 1  # one relation, both sentences its evidence
    quotes = [found[0]["evidence"], *found[0]["more_evidence"]]
    assert sorted(q["quote"] for q in quotes) == sorted([headline, lead])
    assert all(text[q["start"]:q["end"]] == q["quote"] for q in quotes)
    table = run("extract", str(path), "--data", str(FICTIONAL))
    assert "2 candidate relation(s)" in table.stdout  # the threat and the condemnation

    data = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, data)
    written = run("extract", str(path), "--data", str(data), "--write")
    assert written.exit_code == 0, written.output
    (threat,) = [r for r in store.load(data).relations
                 if (r.source, r.target, r.type, r.status) == ("COR", "BOR", "threat",
                                                               "extracted")]
    assert sorted(e.quote for e in threat.evidence) == sorted([headline, lead])
