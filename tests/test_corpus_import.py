"""`explorer review import`: only claims that pass the thresholds, one atomic write, curated
and rejected claims skipped, nothing twice."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from explorer import edit, store
from explorer.cli import app
from explorer.corpus.run import run
from explorer.corpus.shortlist import plan, shortlist, write

from .corpus_texts import write_folder, write_wire_corpus
from .test_corpus import FICTIONAL

runner = CliRunner()
CLAIM = ("COR", "AVA", "economic_support")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The wire corpus (one claim with 6 reports in 25 documents) and 12 other articles
    (claims with one or two reports)."""
    folder = tmp_path_factory.mktemp("corpus")
    manifest = write_wire_corpus(folder / "wire.jsonl")
    write_folder(folder / "news", 12)
    out = folder / "out"
    run([str(manifest), str(folder / "news")], out, FICTIONAL, progress=False)
    return out


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "relations.yaml"
    shutil.copy(FICTIONAL, path)
    return path


def test_import_writes_the_claims_that_pass_in_one_change(corpus, data, monkeypatch):
    monkeypatch.setenv("EXPLORER_REVIEWER", "ana")
    before = data.read_bytes()
    result = runner.invoke(app, ["review", "import", str(corpus), "--min-reports", "3",
                                 "--type", "economic_support", "--data", str(data)])
    assert result.exit_code == 0, result.output
    after = store.load(data)
    new = [r for r in after.relations if not store.load(FICTIONAL).has_relation(r.id)]
    assert [(r.source, r.target, r.type, r.status) for r in new] == [(*CLAIM, "extracted")]
    (relation,) = new
    assert len(relation.evidence) == 3  # the strongest quotes, one per report
    assert len({e.source for e in relation.evidence}) == 3
    assert "6 independent report(s) in 25 document(s)" in relation.notes
    cited = {e.source for e in relation.evidence}
    assert all(after.source(s).published for s in cited)
    assert not any(s.startswith("outlet-") for s in cited)
    (pick,) = shortlist(corpus, min_reports=6, quotes=10)
    assert len(pick.quotes) == 6  # one per report: the wire story by its first outlet
    assert {q["source_id"] for q in pick.quotes} == {"story", *(f"independent-{n}"
                                                               for n in range(5))}
    # one change: undo restores the file byte for byte
    (write,) = edit.history(data).entries  # one write
    assert write.summary.startswith("review import from")
    undone = runner.invoke(app, ["undo", "--data", str(data)])
    assert undone.exit_code == 0, undone.output
    assert data.read_bytes() == before


def test_exactly_the_claims_with_enough_reports_are_written(corpus, data):
    from explorer.corpus.summary import claims

    dataset = store.load(data)
    judged = {(r.source, r.target, r.type) for r in dataset.relations}
    judged |= {(t, s, ty) for s, t, ty in judged if ty in ("alliance", "meeting", "rivalry")}
    wanted = {(c["source"], c["target"], c["type"]) for c in claims(corpus, min_reports=2)
              if dataset.has_actor(c["source"]) and dataset.has_actor(c["target"])}
    result = runner.invoke(app, ["review", "import", str(corpus), "--min-reports", "2",
                                 "--top", "100", "--data", str(data)])
    assert result.exit_code == 0, result.output
    after = store.load(data)
    new = {(r.source, r.target, r.type) for r in after.relations
           if not dataset.has_relation(r.id)}
    assert new == wanted - judged and CLAIM in new
    fewer = {(c["source"], c["target"], c["type"]) for c in claims(corpus, min_reports=1)}
    assert fewer - wanted  # claims with one report exist, and none of them was written
    skipped = " ".join(result.stdout.split())
    assert "is not in the data" in skipped  # a claim whose end is only proposed


def test_below_the_thresholds_nothing_is_written(corpus, data):
    before = data.read_bytes()
    result = runner.invoke(app, ["review", "import", str(corpus), "--min-reports", "7",
                                 "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "nothing to write" in result.stdout and data.read_bytes() == before
    picks = shortlist(corpus, min_reports=1, top=2)
    assert len(picks) == 2 and picks[0].reports == 6 and picks[1].reports < 6


def test_top_and_min_reports_choose_the_claims(corpus, data):
    picks = shortlist(corpus, min_reports=1, top=None)
    assert len(picks) > 3 and [p.reports for p in picks] == sorted(
        (p.reports for p in picks), reverse=True)
    dataset = store.load(data)
    planned = plan(dataset, shortlist(corpus, min_reports=1, top=2), corpus)
    written = [s for s in planned.steps if s.action == "new"]
    assert 1 <= len(written) <= 2
    change = write(planned, corpus)
    assert change is not None
    after = store.load(data)
    assert len(after.relations) == len(dataset.relations) + len(written)


def test_curated_and_rejected_claims_are_skipped(corpus, data):
    text = data.read_text(encoding="utf-8")
    for status in ("curated", "rejected"):
        data.write_text(text + f"""  - id: cor-ava-oil
    source: COR
    target: AVA
    type: economic_support
    status: {status}
    confidence: 0.7
    evidence:
      - source: gazette-1
        quote: Cordia sells oil to Avaria.
""", encoding="utf-8")
        before = data.read_bytes()
        result = runner.invoke(app, ["review", "import", str(corpus), "--min-reports", "6",
                                     "--data", str(data)])
        assert result.exit_code == 0, result.output
        assert f"already {status} as `cor-ava-oil`" in " ".join(result.stdout.split())
        assert data.read_bytes() == before


def test_a_second_import_adds_nothing_and_a_stale_file_is_refused(corpus, data):
    first = runner.invoke(app, ["review", "import", str(corpus), "--min-reports", "6",
                                "--data", str(data)])
    assert first.exit_code == 0, first.output
    once = data.read_bytes()
    again = runner.invoke(app, ["review", "import", str(corpus), "--min-reports", "6",
                                "--data", str(data), "--quotes", "3"])
    assert again.exit_code == 0 and "1 skipped" in again.stdout
    assert "nothing to write" in again.stdout
    assert data.read_bytes() == once
    # more quotes asked for: only the new ones are added, to the relation waiting for review
    more = runner.invoke(app, ["review", "import", str(corpus), "--min-reports", "6",
                               "--data", str(data), "--quotes", "5"])
    assert more.exit_code == 0 and "1 with new quotes" in more.stdout
    (relation,) = [r for r in store.load(data).relations
                   if (r.source, r.target, r.type) == CLAIM]
    assert len(relation.evidence) == 5
    # the file changed on disk after it was read: refused, nothing written
    dataset = store.load(data)
    planned = plan(dataset, shortlist(corpus, min_reports=1, top=5, quotes=6), corpus)
    data.write_text(data.read_text(encoding="utf-8") + "# saved in an editor\n", "utf-8")
    edited = data.read_bytes()
    with pytest.raises(edit.EditError):
        write(planned, corpus)
    assert data.read_bytes() == edited


def test_dry_run_and_a_missing_folder(corpus, data, tmp_path):
    before = data.read_bytes()
    result = runner.invoke(app, ["review", "import", str(corpus), "--min-reports", "6",
                                 "--dry-run", "--data", str(data)])
    assert result.exit_code == 0 and "new relation" in result.stdout
    assert "--dry-run" in result.stdout and data.read_bytes() == before
    result = runner.invoke(app, ["review", "import", str(tmp_path / "none"), "--data",
                                 str(data)])
    assert result.exit_code == 2 and "documents.parquet" in result.stderr
