"""The Ray engine against the in-process one: same candidates, same tables; resuming
across engines; a clear message without Ray; nothing sent anywhere."""

from __future__ import annotations

import os
import sys

import pyarrow.parquet as pq
from typer.testing import CliRunner

from explorer.cli import app
from explorer.corpus.output import TABLES
from explorer.corpus.run import run

from .corpus_texts import write_folder, write_manifest
from .test_corpus import FICTIONAL


def tables(out):
    return {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}


def test_ray_and_in_process_give_the_same_candidates(tmp_path, ray_here):
    folder = tmp_path / "news"
    write_folder(folder, 12)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    local = run([str(folder)], tmp_path / "local", FICTIONAL, batch_size=3, progress=False)
    on_ray = run([str(folder)], tmp_path / "ray", FICTIONAL, engine="ray", jobs=2,
                 batch_size=3, progress=False)
    assert on_ray.engine == "ray" and on_ray.workers == 2 and on_ray.processed == 13
    assert local.totals == on_ray.totals and local.totals.candidates > 10
    for name in TABLES:  # files read by read_binary_files: the same rows, byte for byte
        assert tables(tmp_path / "ray")[name].equals(tables(tmp_path / "local")[name]), name
    assert tables(tmp_path / "ray")["errors"].column("code").to_pylist() == ["article-empty"]


def test_a_manifest_on_ray_and_a_run_finished_on_ray(tmp_path, ray_here):
    manifest = write_manifest(tmp_path / "m.jsonl", 10)
    folder = tmp_path / "news"
    write_folder(folder, 6)
    whole = tmp_path / "whole"
    run([str(manifest), str(folder)], whole, FICTIONAL, progress=False)
    # half done in-process, then Ray reads only what is left (manifest Items: from_items)
    mixed = tmp_path / "mixed"
    run([str(folder)], mixed, FICTIONAL, progress=False)
    result = run([str(manifest), str(folder)], mixed, FICTIONAL, engine="ray", batch_size=4,
                 progress=False)
    assert (result.processed, result.skipped) == (10, 6)
    for name in TABLES:
        assert tables(mixed)[name].equals(tables(whole)[name]), name


def test_ray_sends_nothing_and_listens_on_localhost_only(ray_here):
    assert os.environ["RAY_USAGE_STATS_ENABLED"] == "0"  # Ray's documented switch
    assert ray_here.get_runtime_context().gcs_address.startswith("127.0.0.1:")
    assert ray_here.util.get_node_ip_address() == "127.0.0.1"


def test_without_ray_the_message_says_how_to_get_it(tmp_path, monkeypatch):
    folder = tmp_path / "news"
    write_folder(folder, 1)
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    result = CliRunner().invoke(app, ["extract", str(folder), "--out", str(tmp_path / "o"),
                                      "--engine", "ray", "--data", str(FICTIONAL)])
    assert result.exit_code == 2
    assert "pip install 'explorer[ray]'" in result.stderr


def test_a_file_turned_into_a_fifo_after_it_was_listed_is_refused_not_read(
        tmp_path, ray_here, monkeypatch):
    import explorer.corpus.run as corpus_run

    folder = tmp_path / "news"
    write_folder(folder, 3)
    victim = sorted(folder.iterdir())[0]
    listed = corpus_run.resolve

    def listed_then_swapped(specs):
        found = listed(specs)
        victim.unlink()
        os.mkfifo(victim)  # opening it to read would wait for a writer for ever
        return found

    monkeypatch.setattr(corpus_run, "resolve", listed_then_swapped)
    result = run([str(folder)], tmp_path / "out", FICTIONAL, engine="ray", batch_size=2,
                 progress=False)
    assert result.processed == 3
    errors = tables(tmp_path / "out")["errors"]
    assert errors.column("code").to_pylist() == ["article-not-a-file"]
