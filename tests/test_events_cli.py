"""`explorer events import | summary | status`, in-process: exit codes, output, formats."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from explorer.cli import app

EVENTS = Path(__file__).parent / "data" / "events"
GDELT = str(EVENTS / "gdelt-sample.export.CSV")
POLECAT = str(EVENTS / "polecat-sample.txt")
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_import_reports_counts_malformed_rows_and_unmapped_codes(tmp_path):
    store = str(tmp_path / "e.duckdb")
    result = run("events", "import", GDELT, "--format", "gdelt", "--store", store)
    assert result.exit_code == 0, result.output
    assert "17 rows read, 10 events added, 3 malformed" in result.stdout
    assert f"{GDELT}:13: malformed row: a repeated header row" in result.stderr
    assert f"{GDELT}:14: malformed row: 62 tab-separated columns" in result.stderr
    assert "unmapped code: 057 (1 row(s))" in result.stdout
    again = run("events", "import", GDELT, "--format", "gdelt", "--store", store)
    assert again.exit_code == 0
    assert "already imported" in again.stdout and "nothing added" in again.stdout


def test_import_of_an_unreadable_file_exits_1_and_a_folder_is_a_usage_error(tmp_path):
    store = str(tmp_path / "e.duckdb")
    broken = tmp_path / "x.export.CSV.zip"
    broken.write_bytes(b"nope")
    result = run("events", "import", str(broken), GDELT, "--format", "gdelt", "--store", store)
    assert result.exit_code == 1
    assert "not imported: not a zip archive" in result.stderr
    assert "10 events added" in result.stdout  # the other file still lands
    folder = run("events", "import", str(tmp_path), "--format", "gdelt", "--store", store)
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    wrong = run("events", "import", GDELT, "--format", "icews", "--store", store)
    assert wrong.exit_code == 2


def test_summary_in_three_formats(tmp_path):
    store = str(tmp_path / "e.duckdb")
    run("events", "import", GDELT, "--format", "gdelt", "--store", store)
    run("events", "import", POLECAT, "--format", "polecat", "--store", store)
    table = run("events", "summary", "--actors", "RUS,PRK", "--store", store)
    assert table.exit_code == 0, table.output
    assert "Machine-coded events (not curated)" in table.stdout
    csv = run("events", "summary", "--actors", "RUS,PRK", "--format", "csv", "--store", store)
    frame = pd.read_csv(io.StringIO(csv.stdout))
    # GDELT: meeting ×2 (June), military support both ways (July); POLECAT: meeting ×2,
    # military support RUS → PRK (June)
    assert frame.groupby("format")["events"].sum().to_dict() == {"gdelt": 4, "polecat": 3}
    assert set(frame["type"]) == {"meeting", "military_support"}
    data = json.loads(run("events", "summary", "--actors", "UN", "--dataset", "gdelt",
                          "--format", "json", "--store", store).stdout)
    assert [(r["source"], r["target"], r["type"], r["month"]) for r in data] == [
        ("UN", "PRK", "sanctions", "2024-06")]
    since = pd.read_csv(io.StringIO(run("events", "summary", "--since", "2024-07", "--format",
                                        "csv", "--store", store).stdout))
    assert set(since["month"]) == {"2024-07"}


def test_summary_usage_errors(tmp_path):
    missing = run("events", "summary", "--store", str(tmp_path / "none.duckdb"))
    assert missing.exit_code == 2 and "explorer events import" in missing.stderr
    store = str(tmp_path / "e.duckdb")
    run("events", "import", GDELT, "--format", "gdelt", "--store", store)
    assert run("events", "summary", "--since", "June", "--store", store).exit_code == 2
    assert run("events", "summary", "--type", "friendship", "--store", store).exit_code == 2
    none = run("events", "summary", "--actors", "rus", "--store", store)
    assert none.exit_code == 0 and "ISO 3166-1 alpha-3" in none.stdout


def test_status_lists_files_problems_and_unmapped(tmp_path):
    store = str(tmp_path / "e.duckdb")
    run("events", "import", POLECAT, "--format", "polecat", "--store", store)
    result = run("events", "status", "--store", store)
    assert result.exit_code == 0, result.output
    assert "polecat: 10 events, 2024-06-19 to 2024-07-01" in result.stdout
    assert "polecat-sample.txt:13: a repeated header row" in result.stdout
    assert "polecat code: AGREE (1 row(s))" in result.stdout
