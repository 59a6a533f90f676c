"""`explorer stats` and `explorer export`, in-process: exit codes, output, files."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from explorer.cli import FILTERS, app

DATA = Path(__file__).parent / "data"
FILTERS_FILE = str(DATA / "view-filters.yaml")
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_stats_and_export_share_the_filter_options():
    command = get_command(app)
    names = {}
    for name in ("stats", "export"):
        options = command.commands[name].params
        names[name] = {opt for p in options if p.name.startswith("filter_") or
                       p.name == "project" for opt in p.opts + p.secondary_opts}
    assert names["stats"] == names["export"]
    assert {f"--{o}" for o in FILTERS} | {"--project", "--no-project"} == names["stats"]


def test_stats_on_curated_data_reads_the_triangle(curated):
    result = run("stats", "--data", str(curated.path), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["view"]["filters"] == {"project": "1"}  # states by default
    assert set(report["compared"]) == {"CHN", "PRK", "RUS"}
    assert report["compared_why"].startswith("the most connected triangle")
    actors = {row["actor"]: row for row in report["actors"]}
    assert "xi-jinping" not in actors  # folded into China
    # the figures in the reading are the actor table's
    china = actors["CHN"]
    line = next(x for x in report["reading"] if x.startswith("support given minus"))
    assert f"China {china['support_given'] - china['support_received']:+.2f}" in line
    table = run("stats", "--data", str(curated.path))
    assert table.exit_code == 0
    assert "Reading: CHN, PRK, RUS" in table.stdout
    assert "Betweenness: exact" in table.stdout


def test_stats_without_projection_keeps_persons(curated):
    result = run("stats", "--data", str(curated.path), "--no-project", "--format", "csv")
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.stdout))
    assert "xi-jinping" in set(table["actor"])
    assert len(table) == len(set(table["actor"]))


def test_stats_filters_compare_and_tables():
    result = run("stats", "--data", FILTERS_FILE, "--no-project", "--type", "alliance",
                 "--type", "meeting", "--compare", "AAA,BBB", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {r["relation"] for r in report["corroboration"]} == {"r01-alliance", "r05-summit"}
    assert report["compared"] == ["AAA", "BBB"]
    dyads = run("stats", "--data", FILTERS_FILE, "--format", "csv", "--table", "dyads")
    frame = pd.read_csv(io.StringIO(dyads.stdout))
    assert {"a", "b", "net", "asymmetry", "dependent"} <= set(frame.columns)
    change = run("stats", "--data", FILTERS_FILE, "--no-project", "--change", "2024-01-01",
                 "2024-05-01", "--format", "csv", "--table", "change")
    assert change.exit_code == 0, change.output
    rows = pd.read_csv(io.StringIO(change.stdout))
    assert set(zip(rows["relation"], rows["what"], strict=True)) == {
        ("r03-pressure", "started"), ("r05-summit", "started"), ("r02-grain", "ended")}
    robust = run("stats", "--data", FILTERS_FILE, "--measure", "degree", "--format", "csv",
                 "--table", "robustness")
    assert list(pd.read_csv(io.StringIO(robust.stdout)).columns) == [
        "actor", "rank_A", "rank_B", "rank_C", "rank_D", "rank_E", "rank_F"]


@pytest.mark.parametrize(("args", "message"), [
    (("--min-reliability", "Z"), "--min-reliability: 'Z' is not a grade A–F"),
    (("--type", "aliance"), "--type: aliance not in the data"),
    (("--focus", "ZZZ"), "--focus: no actor 'ZZZ' in the data"),
    (("--as-of", "June"), "--as-of: 'June' is not a date"),
    (("--from", "2024-05-01", "--to", "2024-01-01"), "is before"),
    (("--compare", "ZZZ"), "--compare: no actor ZZZ"),
    (("--measure", "fame"), "--measure: 'fame' is not one of"),
    (("--change", "2024-01-01", "soon"), "'soon' is not a date"),
    (("--format", "csv", "--table", "change"), "no change table"),
])
def test_stats_usage_errors(args, message):
    result = run("stats", "--data", FILTERS_FILE, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_stats_bad_data_file(tmp_path):
    missing = run("stats", "--data", str(tmp_path / "none.yaml"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nactors:\n  - id: [\n", encoding="utf-8")
    result = run("stats", "--data", str(broken))
    assert result.exit_code == 1 and f"{broken}:" in result.stderr


def test_export_formats(tmp_path):
    gexf = tmp_path / "out.gexf"
    result = run("export", "--data", FILTERS_FILE, "--format", "gexf", "--output", str(gexf),
                 "--min-reliability", "B", "--no-project")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr
    ids = {e.get("id") for e in ET.parse(gexf).iter("{http://gexf.net/1.3}edge")}
    assert ids == {"r01-alliance", "r02-grain", "r05-summit", "r07-no-arms",
                   "r10-ana-praises", "r11-b-trade", "r12-bo-trade"}
    # export folds persons into their states by default, as stats and the app do
    folded = run("export", "--data", FILTERS_FILE, "--format", "json")
    assert folded.exit_code == 0
    assert "ana-avar" not in {n["id"] for n in json.loads(folded.stdout)["nodes"]}
    apart = run("export", "--data", FILTERS_FILE, "--format", "json", "--no-project")
    assert "ana-avar" in {n["id"] for n in json.loads(apart.stdout)["nodes"]}
    html = run("export", "--data", FILTERS_FILE, "--format", "html", "--focus", "CCC")
    assert html.exit_code == 0 and html.stdout.startswith("<!DOCTYPE html>")
    zipped = tmp_path / "kumu.zip"
    assert run("export", "--data", FILTERS_FILE, "--format", "csv", "-o",
               str(zipped)).exit_code == 0
    assert zipped.stat().st_size > 0


def test_export_usage_errors(tmp_path):
    no_output = run("export", "--data", FILTERS_FILE, "--format", "csv")
    assert no_output.exit_code == 2 and "--output" in no_output.stderr
    folder = run("export", "--data", FILTERS_FILE, "--format", "gexf", "-o", str(tmp_path))
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    bad = run("export", "--data", FILTERS_FILE, "--format", "pdf")
    assert bad.exit_code == 2


def test_robustness_is_optional_on_large_views(monkeypatch):
    from explorer.analysis import report as stats

    monkeypatch.setattr(stats, "ROBUSTNESS_AUTO_MAX_NODES", 2)
    auto = run("stats", "--data", FILTERS_FILE)
    assert auto.exit_code == 0, auto.output
    assert "Robustness: not computed on a view of 6 actors" in auto.stdout
    missing = run("stats", "--data", FILTERS_FILE, "--format", "csv", "--table", "robustness")
    assert missing.exit_code == 2 and "--robustness" in missing.stderr
    asked = run("stats", "--data", FILTERS_FILE, "--robustness", "--format", "json")
    report = json.loads(asked.stdout)
    # grade A keeps the wire's four relations; projected, Ana's praise of her own
    # state folds into a loop and goes
    assert report["robustness_grades"]["relations_per_grade"]["A"] == 3
    assert report["robustness"][0].keys() >= {"actor", "rank_A", "rank_F"}


def test_thanks_do_not_read_as_dependence(write_yaml, tmp_path):
    """"Avaria thanked Boris Bord" is Avaria's praise of Borduria's leader (diplomatic
    support, CAMEO 051): words, which tell nothing of Borduria depending on Avaria — and
    if anything the other way. Arms sold to Avaria do tell that Avaria depends on Cordia."""
    data = write_yaml((DATA / "extract-fictional.yaml").read_text(encoding="utf-8"))
    article = tmp_path / "thanks.txt"
    article.write_text("Avaria thanks the Bordurian leader\n\n"
                       "Avaria thanked Boris Bord on Monday.\n"
                       "Cordia sold rifles to Avaria last year.\n", encoding="utf-8")
    filed = run("extract", str(article), "--data", str(data), "--write")
    assert filed.exit_code == 0, filed.output
    result = run("stats", "--data", str(data), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    types = {(r["a"], r["b"]): r for r in report["dyads"]}
    assert set(types) == {("AVA", "BOR"), ("AVA", "COR")}
    thanks = types[("AVA", "BOR")]  # the thanks (projected onto Borduria) and the alliance
    assert thanks["relations"] == 2 and thanks["net"] > 0.9  # still support: a positive tie
    assert thanks["dependent"] == "" and thanks["asymmetry"] == 0
    assert types[("AVA", "COR")]["dependent"] == "AVA"
    ranks = {row["actor"]: row["pagerank"] for row in report["actors"]}
    assert ranks["COR"] > ranks["AVA"] == pytest.approx(ranks["BOR"])
    support = {row["actor"]: row["support_received"] for row in report["actors"]}
    assert support["BOR"] > 0.9 + 0.5  # the alliance and the thanks
    text = run("stats", "--data", str(data), "--compare", "AVA,BOR,COR")
    assert "Borduria depends on Avaria" not in text.stdout
    assert "Avaria depends on Cordia" in text.stdout
