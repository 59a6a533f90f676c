"""Corpus runs in-process: inputs, Parquet tables, failures as rows, resuming after a kill,
wire copies collapsed, the summary. Ray's side is tests/test_corpus_ray.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from explorer.cli import app
from explorer.corpus.inputs import resolve
from explorer.corpus.output import TABLES
from explorer.corpus.run import run
from explorer.corpus.summary import Filters, claims, reports, summary

from .corpus_texts import write_folder, write_manifest, write_wire_corpus

FICTIONAL = Path(__file__).parent / "data" / "extract-fictional.yaml"
runner = CliRunner()


def tables(out: Path) -> dict[str, object]:
    return {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}


# ------------------------------------------------------------------- inputs
def test_inputs_folder_glob_and_manifests(tmp_path):
    folder = tmp_path / "news"
    write_folder(folder, 3)
    (folder / "notes.docx").write_bytes(b"not an article")
    manifest = tmp_path / "list.jsonl"
    manifest.write_text("\n".join([
        json.dumps({"path": "news/a000.txt", "publisher": "Gazette"}),
        json.dumps({"text": "Cordia sells oil to Avaria.", "id": "t1", "date": "2024-01-02"}),
        "{not json",
        json.dumps({"title": "neither path nor text"}),
        json.dumps(["a", "list"]),
    ]) + "\n", encoding="utf-8")
    table = tmp_path / "list.csv"
    table.write_text("path,publisher,published\nnews/a001.txt,Echo,2024-02-03\n", "utf-8")
    items, errors = resolve([str(manifest), str(table), str(folder / "*.txt"),
                             str(tmp_path / "missing"), str(tmp_path / "none-*.txt")])
    by_key = {i.key: i for i in items}
    a0 = (folder / "a000.txt").resolve().as_posix()
    assert by_key[a0].meta == {"publisher": "Gazette"}  # the manifest's row came first
    assert by_key["id:t1"].text == "Cordia sells oil to Avaria."
    assert by_key["id:t1"].meta == {"id": "t1", "published": "2024-01-02"}
    a1 = (folder / "a001.txt").resolve().as_posix()
    assert by_key[a1].meta == {"publisher": "Echo", "published": "2024-02-03"}
    assert len(items) == 4  # a000, t1, a001, a002; the .docx is not an article
    where = sorted(e.where for e in errors)
    assert where == sorted([f"{manifest}:3", f"{manifest}:4", f"{manifest}:5",
                            str(tmp_path / "missing"), str(tmp_path / "none-*.txt")])
    messages = {e.where: e.message for e in errors}
    assert "not valid JSON" in messages[f"{manifest}:3"]
    assert "either `path`" in messages[f"{manifest}:4"]
    assert "quote it" in messages[str(tmp_path / "none-*.txt")]


# ------------------------------------------------------------ a local run
def test_a_run_writes_the_tables_and_a_rerun_adds_nothing(tmp_path):
    folder = tmp_path / "news"
    write_folder(folder, 6)
    (folder / "binary.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    first = run([str(folder), str(tmp_path / "gone.txt")], out, FICTIONAL, batch_size=4,
                progress=False)
    t = tables(out)
    assert t["documents"].num_rows == 6 and first.processed == 7
    assert t["errors"].num_rows == 2  # the binary file, and the path that does not exist
    errors = {r["path"]: r for r in t["errors"].to_pylist()}
    assert errors[(folder / "binary.txt").resolve().as_posix()]["code"] == "article-binary"
    assert "looks binary" in errors[(folder / "binary.txt").resolve().as_posix()]["message"]
    assert "no such file" in errors[str(tmp_path / "gone.txt")]["message"]
    docs = t["documents"].to_pylist()
    assert len({d["id"] for d in docs}) == 6 and all(len(d["id"]) == 32 for d in docs)
    assert all(d["cluster_size"] == 1 and d["copy_of"] is None for d in docs)
    dated = [d for d in docs if d["published"]]
    assert dated and all(d["publisher"].startswith("Gazette") for d in dated)
    cands = t["candidates"].to_pylist()
    assert sum(d["candidates"] for d in docs) == len(cands) > 0
    texts = {(folder / Path(d["path"]).name).resolve().as_posix(): d for d in docs}
    for c in cands:  # every sentence is where its offsets say, in its own file
        (doc,) = [d for d in docs if d["id"] == c["document"]]
        raw = Path(doc["path"]).read_text(encoding="utf-8")
        assert raw[c["start"]:c["end"]] == c["sentence"]
    assert texts and first.totals.candidates == len(cands) and first.totals.failures == 2
    assert "6 documents" in first.line() and "2 failed" in first.line()
    parts = sorted(p.name for p in (out / "parts").iterdir())
    again = run([str(folder), str(tmp_path / "gone.txt")], out, FICTIONAL, batch_size=4,
                progress=False)
    assert again.processed == 0 and again.skipped == 7 and again.totals == first.totals
    assert sorted(p.name for p in (out / "parts").iterdir()) == parts
    assert all(tables(out)[n].equals(t[n]) for n in TABLES)


def test_a_folder_made_with_another_data_file_is_refused(tmp_path, write_yaml):
    folder = tmp_path / "news"
    write_folder(folder, 2)
    out = tmp_path / "out"
    run([str(folder)], out, FICTIONAL, progress=False)
    other = write_yaml(FICTIONAL.read_text(encoding="utf-8") + "\n# changed\n", "other.yaml")
    result = runner.invoke(app, ["extract", str(folder), "--out", str(out), "--data", str(other)])
    assert result.exit_code == 2 and "another data sha256" in result.stderr
    assert "--restart" in result.stderr
    result = runner.invoke(app, ["extract", str(folder), "--out", str(out), "--data", str(other),
                                 "--restart"])
    assert result.exit_code == 0, result.output
    assert "2 documents" in result.stderr


def test_usage_errors_say_what_to_do(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path), "--engine", "ray"])
    assert result.exit_code == 2 and "need --out" in result.stderr
    result = runner.invoke(app, ["extract", str(tmp_path), "--out", str(tmp_path / "o"),
                                 "--write"])
    assert result.exit_code == 2 and "explorer review import" in result.stderr
    result = runner.invoke(app, ["extract", str(tmp_path), "--out", str(tmp_path / "o"),
                                 "--publisher", "X"])
    assert result.exit_code == 2 and "manifest" in result.stderr


# ------------------------------------------------------- killed and resumed
def test_a_run_killed_halfway_resumes_to_the_same_tables(tmp_path):
    folder = tmp_path / "news"
    write_folder(folder, 40)
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    run([str(folder)], whole, FICTIONAL, batch_size=2, progress=False)
    command = [sys.executable, "-m", "explorer.cli", "extract", str(folder), "--out",
               str(resumed), "--data", str(FICTIONAL), "--batch-size", "2"]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = resumed / "parts"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and child.poll() is None:
        if parts.is_dir() and len(list(parts.glob("*.parquet"))) >= 4:
            break
        time.sleep(0.02)
    assert child.poll() is None, "the run ended before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    written = list(parts.glob("*.parquet"))
    assert 4 <= len(written) < 20 and not (resumed / "documents.parquet").exists()
    # a writer killed mid-file leaves a torn part: it is dropped and its articles read again
    torn = parts / "part-torn.parquet"
    torn.write_bytes(written[0].read_bytes()[:200])
    result = run([str(folder)], resumed, FICTIONAL, batch_size=2, progress=False)
    assert result.torn == ("part-torn.parquet",)
    assert result.skipped == 2 * len(written) and result.processed == 40 - result.skipped
    for name in TABLES:
        assert tables(resumed)[name].equals(tables(whole)[name]), name


# ------------------------------------------------------------ wire copies
def test_one_story_republished_20_times_and_5_independent_reports_are_6_reports(tmp_path):
    manifest = write_wire_corpus(tmp_path / "wire.jsonl")
    out = tmp_path / "out"
    result = run([str(manifest)], out, FICTIONAL, progress=False)
    assert result.totals.documents == 25
    assert (result.totals.clusters, result.totals.copies) == (1, 19)
    docs = {d["source_id"]: d for d in tables(out)["documents"].to_pylist()}
    story = docs["story"]
    assert story["cluster_size"] == 20 and story["copy_of"] is None
    assert all(docs[f"outlet-{n}"]["copy_of"] == story["id"] for n in range(19))
    assert all(docs[f"independent-{n}"]["cluster_size"] == 1 for n in range(5))
    (row,) = summary(out, Filters(types=["economic_support"]))
    assert (row["source"], row["target"], row["month"]) == ("COR", "AVA", "2024-05")
    assert row["documents"] == 25 and row["reports"] == 6  # not 25
    (claim,) = claims(out, min_reports=6)
    assert claim["reports"] == 6
    assert claims(out, min_reports=7) == []
    strongest = reports(out, ("COR", "AVA", "economic_support"), limit=10)
    assert len(strongest) == 6 and len({r["cluster"] for r in strongest}) == 6


def test_summary_folds_undirected_pairs_and_filters(tmp_path):
    manifest = tmp_path / "m.jsonl"
    texts = ["Avaria and Borduria signed a defence pact on Monday after talks in Szohod.",
             "Borduria and Avaria signed a defence pact on Friday in Avar City."]
    manifest.write_text("".join(json.dumps({"id": f"p{n}", "text": t, "published":
                                            f"2024-0{n + 1}-10"}) + "\n"
                                for n, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "out"
    run([str(manifest)], out, FICTIONAL, progress=False)
    rows = summary(out, Filters(types=["alliance"]))
    assert {(r["source"], r["target"], r["month"], r["reports"]) for r in rows} == {
        ("AVA", "BOR", "2024-01", 1), ("AVA", "BOR", "2024-02", 1)}
    (claim,) = claims(out, Filters(types=["alliance"]))
    assert claim["reports"] == 2
    later = summary(out, Filters(types=["alliance"], date_from=dt.date(2024, 2, 1)))
    assert [r["month"] for r in later] == ["2024-02"]
    assert summary(out, Filters(types=["alliance"], actors=["COR"])) == []


def test_candidates_summary_command(tmp_path):
    manifest = write_wire_corpus(tmp_path / "wire.jsonl")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(manifest), "--out", str(out), "--data",
                                 str(FICTIONAL)])
    assert result.exit_code == 0, result.output
    assert "25 documents" in result.stderr and "1 near-copy cluster(s) (19 copies)" in result.stderr
    result = runner.invoke(app, ["candidates", "summary", str(out), "--format", "json",
                                 "--min-reports", "2"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["reports"] == 6 and row["first"] == "2024-05-06"
    result = runner.invoke(app, ["candidates", "summary", str(out), "--format", "csv",
                                 "--min-reports", "2"])
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert row["reports"] == "6" and row["first"] == "2024-05-06"
    result = runner.invoke(app, ["candidates", "summary", str(out)])
    assert "COR → AVA economic_support" in result.stdout and "reports" in result.stdout
    result = runner.invoke(app, ["candidates", "summary", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "documents.parquet" in result.stderr
    result = runner.invoke(app, ["candidates", "summary", str(out), "--from", "May"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize("count", [5])
def test_a_manifest_of_texts_runs_like_files(tmp_path, count):
    manifest = write_manifest(tmp_path / "m.jsonl", count)
    out = tmp_path / "out"
    result = run([str(manifest)], out, FICTIONAL, progress=False)
    docs = tables(out)["documents"].to_pylist()
    assert result.totals.documents == count
    assert sorted(d["source_id"] for d in docs) == [f"wire-{n}" for n in range(count)]
    assert all(d["publisher"].startswith("Wire") and d["published"] for d in docs)
