"""Importing hand-written GDELT 2.0 and POLECAT files into a real DuckDB store.

The two fixtures in tests/data/events/ were written in each dataset's exact
format, with malformed rows among them; every count below is worked out by
hand from those rows (see the comments).
"""

from __future__ import annotations

import gzip
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest

from explorer.events import database, rollup
from explorer.events.importer import import_files

EVENTS = Path(__file__).parent / "data" / "events"
GDELT = EVENTS / "gdelt-sample.export.CSV"
POLECAT = EVENTS / "polecat-sample.txt"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "relations.events.duckdb"


def rows(store: Path, sql: str, args=()) -> list[tuple]:
    with database.connect(store) as con:
        return con.execute(sql, list(args)).fetchall()


def test_gdelt_sample_counts_mapping_and_malformed_rows(store):
    [report] = import_files([GDELT], "gdelt", store)
    # 17 lines: 3 malformed (13 a repeated header, 14 a stray tab, 15 cut short);
    # 1 code 057 (by object), 1 actor EUR (a region), 1 USA→USA, 1 statement (010)
    assert report.rows_read == 17
    assert report.malformed == 3
    assert [(w.rsplit(":", 1)[1], r) for w, r in report.problems] == [
        ("13", "a repeated header row"),
        ("14", "62 tab-separated columns; GDELT 2.0 event rows have 61"),
        ("15", "30 tab-separated columns; GDELT 2.0 event rows have 61")]
    assert all(w.startswith(str(GDELT)) for w, _ in report.problems)
    assert dict(report.skipped) == {"unmapped-code": 1, "unmapped-actor": 1, "domestic": 1,
                                    "no-relation": 1}
    assert dict(report.unmapped) == {("unmapped-code", "057"): 1,
                                     ("unmapped-actor", "EUR"): 1}
    assert report.events_added == 10 and report.duplicates == 0
    got = rows(store, "SELECT event_id, source, target, directed, type, hedged "
                      "FROM events ORDER BY line")
    assert got == [
        ("1171000002", "PRK", "RUS", False, "meeting", False),          # 042 visit: undirected
        ("1171000003", "USA", "PRK", True, "pressure", False),          # 112 accuse
        ("1171000004", "KOR", "PRK", True, "threat", False),            # 138
        ("1171000005", "CHN", "PRK", True, "economic_support", False),  # 061
        ("1171000006", "UN", "PRK", True, "sanctions", False),          # IGOUNO, known group UNO
        ("1171000007", "RUS", "UKR", True, "armed_conflict", False),    # 190
        ("1171000008", "ROU", "UKR", True, "economic_support", True),   # CAMEO ROM → ROU; intent
        ("1171000012", "PRK", "RUS", False, "meeting", False),          # 043 host
        ("1171000016", "PRK", "RUS", True, "military_support", True),   # 0332 intent
        ("1171000017", "RUS", "PRK", True, "military_support", False)]  # 072


def test_polecat_sample_counts_mapping_and_malformed_rows(store):
    [report] = import_files([POLECAT], "polecat", store)
    # 16 rows under the header: 13 a repeated header, 14 cut short, 17 a stray non-empty
    # column (15 has two stray empty ones: read); AGREE by object, NGO actor, RETREAT;
    # line 16 repeats line 4's event; line 8 (two sources, one recipient) gives two pairs
    assert report.rows_read == 16
    assert report.malformed == 3
    assert [int(w.rsplit(":", 1)[1]) for w, _ in report.problems] == [13, 14, 17]
    assert report.problems[1][1] == "12 tab-separated columns; the header row has 40"
    assert dict(report.skipped) == {"unmapped-code": 1, "unmapped-actor": 1, "no-relation": 1}
    assert dict(report.unmapped) == {("unmapped-code", "AGREE"): 1,
                                     ("unmapped-actor", "NGO"): 1}
    assert report.events_added == 10 and report.duplicates == 1
    got = rows(store, "SELECT line, source, target, directed, type FROM events ORDER BY line, "
                      "source")
    assert got == [
        (2, "PRK", "RUS", False, "meeting"),           # CONSULT
        (4, "RUS", "PRK", True, "military_support"),   # AID, mode military
        (5, "USA", "PRK", True, "sanctions"),          # SANCTION
        (6, "UN", "PRK", True, "pressure"),            # ACCUSE by IGO "United Nations"
        (7, "RUS", "UKR", False, "armed_conflict"),    # ASSAULT, two sources, no recipient
        (8, "CHN", "PRK", False, "meeting"),           # CONSULT, sources CHN; RUS
        (8, "PRK", "RUS", False, "meeting"),
        (9, "CHN", "PRK", True, "economic_support"),   # COOPERATE, context economic
        (10, "PRK", "KOR", True, "threat"),            # THREATEN
        (15, "PRK", "USA", True, "pressure")]          # COERCE, mode arrest
    # distinct articles: the story part of the Event ID
    assert rows(store, "SELECT DISTINCT article FROM events WHERE line = 2") == [
        ("20240619-0930-4e081644904c",)]


def test_reimport_adds_nothing_and_overlapping_files_add_only_new_events(store, tmp_path):
    import_files([POLECAT], "polecat", store)
    [again] = import_files([POLECAT], "polecat", store)
    assert again.already and again.events_added == 0
    # a "yearly" file repeating the weekly one's events, plus one new event
    yearly = tmp_path / "polecat-yearly.txt"
    lines = POLECAT.read_text(encoding="utf-8").splitlines()
    new = lines[9].replace("20240625-0615-fedcbafedcba_THREATEN_R", "20240801-0615-"
                           "000000000001_THREATEN_R").replace("2024-06-25", "2024-08-01")
    yearly.write_text("\n".join([*lines, new]) + "\n", encoding="utf-8")
    [report] = import_files([yearly], "polecat", store)
    assert report.events_added == 1
    assert report.duplicates == 11
    assert rows(store, "SELECT count(*) FROM events") == [(11,)]
    assert rows(store, "SELECT count(*) FROM files") == [(2,)]


def test_compressed_inputs_zip_and_gz(store, tmp_path):
    archive = tmp_path / "20240619153000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(GDELT, "20240619153000.export.CSV")
    packed = tmp_path / "polecat-sample.txt.gz"
    with POLECAT.open("rb") as src, gzip.open(packed, "wb") as dst:
        shutil.copyfileobj(src, dst)
    first, second = import_files([archive], "gdelt", store) + import_files(
        [packed], "polecat", store)
    assert (first.events_added, first.malformed) == (10, 3)
    assert first.problems[0][0] == f"{archive}:13"
    assert (second.events_added, second.malformed, second.duplicates) == (10, 3, 1)


def test_a_file_in_the_wrong_format_is_reported_not_fatal(store, tmp_path):
    bad_zip = tmp_path / "broken.export.CSV.zip"
    bad_zip.write_bytes(b"not a zip")
    reports = import_files([POLECAT, bad_zip, GDELT], "gdelt", store)
    assert reports[0].all_malformed  # POLECAT rows read as GDELT: every one malformed
    assert reports[1].error == "not a zip archive, though its name ends in .zip"
    assert reports[2].events_added == 10
    other = tmp_path / "other.duckdb"
    [as_polecat] = import_files([GDELT], "polecat", other)
    assert as_polecat.all_malformed
    assert as_polecat.note == "no header row: columns read in POLECAT's documented order"
    odd = tmp_path / "odd.txt"
    odd.write_text("Event ID\tEvent Date\tWhat\nx\t2024-01-01\ty\n", encoding="utf-8")
    [report] = import_files([odd], "polecat", other)
    assert report.error == ("its header row lacks the column(s) Event Type, Actor Country, "
                            "Recipient Country: is this a POLECAT file?")


def test_rollup_view_counts_articles_and_mean_goldstein(store):
    import_files([GDELT], "gdelt", store)
    with database.connect(store) as con:
        table = rollup.summary(con, actors=["PRK", "RUS"])
        months = rollup.monthly(con, "RUS", "PRK")
    meeting = table[table["type"] == "meeting"].iloc[0]
    # lines 2 and 12: two meetings reported by the same article, Goldstein 1.9 and 2.8
    assert (meeting["events"], meeting["articles"]) == (2, 1)
    assert meeting["mean_score"] == pytest.approx(2.35)
    assert not meeting["directed"]
    assert sorted(set(months["family"])) == ["cooperation"]
    assert int(months["events"].sum()) == 4


def test_the_store_makes_no_outside_request(store):
    import_files([GDELT], "gdelt", store)
    with database.connect(store) as con:
        settings = con.execute("SELECT current_setting('autoinstall_known_extensions'), "
                               "current_setting('autoload_known_extensions')").fetchone()
        assert settings == (False, False)
        with pytest.raises(duckdb.Error, match="httpfs"):
            con.execute("SELECT * FROM read_csv('https://example.invalid/events.csv')")


def test_reading_a_missing_store_or_a_foreign_duckdb_file_says_what_to_do(tmp_path):
    with pytest.raises(database.StoreError, match="explorer events import"), \
            database.connect(tmp_path / "none.duckdb"):
        pass
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(database.StoreError, match="no `events` table"), database.connect(other):
        pass


def test_store_path_is_beside_the_data_file(monkeypatch, tmp_path):
    monkeypatch.delenv("EXPLORER_EVENTS", raising=False)
    assert database.store_path(tmp_path / "relations.yaml") == \
        tmp_path / "relations.events.duckdb"
    monkeypatch.setenv("EXPLORER_EVENTS", str(tmp_path / "x.duckdb"))
    assert database.store_path(tmp_path / "relations.yaml") == tmp_path / "x.duckdb"
