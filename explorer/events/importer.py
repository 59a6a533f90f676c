"""Streaming published event files into the store, a batch at a time.

A file is read line by line (plain, `.gz`, or every member of a `.zip`), each
row mapped to our types and actors, and written to DuckDB in batches, so
memory stays bounded whatever the file's size. A bad row is counted and kept
with its file and line; it never stops the import. A file lands whole or not
at all (one transaction), and nothing lands twice: a file whose bytes were
imported before is skipped, and an event already in the store (same dataset,
event id, pair and type, as when a yearly file repeats weekly ones) is not
added again.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyarrow as pa

from explorer import inputs
from explorer.events import database
from explorer.events.formats import EventFileError, Malformed, reader_for
from explorer.events.mapping import Mapping, Skipped

__all__ = ["BATCH", "MEMORY_LIMIT", "FileReport", "import_files"]

BATCH = 50_000          # rows per write to DuckDB: bounds the memory the reading side holds
KEPT_PROBLEMS = 1_000   # malformed rows stored per file (all are counted)
#: DuckDB's own memory while importing; past it, DuckDB spills to a temporary folder
#: beside the store. With one batch in Python, this bounds the import's memory.
MEMORY_LIMIT = "256MB"
_COLUMNS = ("format", "event_id", "file_id", "line", "day", "source", "target", "directed",
            "type", "code", "hedged", "score", "article")
_SCHEMA = pa.schema([("format", pa.string()), ("event_id", pa.string()),
                     ("file_id", pa.int32()), ("line", pa.int64()), ("day", pa.date32()),
                     ("source", pa.string()), ("target", pa.string()),
                     ("directed", pa.bool_()), ("type", pa.string()), ("code", pa.string()),
                     ("hedged", pa.bool_()), ("score", pa.float64()),
                     ("article", pa.string())])
_KINDS = ("no-relation", "unmapped-code", "unmapped-actor", "one-sided", "domestic")


@dataclass
class FileReport:
    """What importing one file did: counts, the first problems, unmapped codes."""

    path: Path
    format: str
    digest: str = ""
    already: str | None = None       # when the same bytes were imported before: when
    error: str | None = None         # when the file could not be read at all
    note: str | None = None
    rows_read: int = 0
    events_added: int = 0
    duplicates: int = 0
    malformed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)        # kind -> rows
    unmapped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, code) -> rows
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file:line, reason)
    seconds: float = 0.0

    @property
    def all_malformed(self) -> bool:
        return self.rows_read > 0 and self.malformed == self.rows_read


def _digest(file: IO[bytes]) -> str:
    h = hashlib.sha256()
    while chunk := file.read(1 << 20):
        h.update(chunk)
    file.seek(0)
    return h.hexdigest()


def _members(path: Path, file: IO[bytes], stack: ExitStack
             ) -> Iterator[tuple[str | None, IO[bytes]]]:
    """The binary streams a file (opened) holds: itself, its gunzipped bytes, or each
    zip member."""
    name = path.name.lower()
    if name.endswith(".zip"):
        try:
            archive = stack.enter_context(zipfile.ZipFile(file))
        except zipfile.BadZipFile:
            raise EventFileError("not a zip archive, though its name ends in .zip") from None
        members = [m for m in archive.infolist() if not m.is_dir()]
        if not members:
            raise EventFileError("the zip archive holds no file")
        for member in members:
            with archive.open(member) as stream:
                yield (member.filename if len(members) > 1 else None), stream
    elif name.endswith(".gz"):
        with gzip.open(file, "rb") as stream:
            yield None, stream
    else:
        yield None, file


class _Batch:
    """Columns of events waiting to be written."""

    def __init__(self) -> None:
        self.columns: list[list] = [[] for _ in _COLUMNS]

    def __len__(self) -> int:
        return len(self.columns[0])

    def table(self) -> pa.Table:
        return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in
                                     zip(self.columns, _SCHEMA, strict=True)], schema=_SCHEMA)


def import_files(paths: list[Path], format: str, store: Path, *,
                 progress: Callable[[Path, int], None] | None = None,
                 memory_limit: str = MEMORY_LIMIT) -> list[FileReport]:
    """Import each file into the store (created if needed); one report per file."""
    reader_for(format)  # an unknown format is a usage error before anything is opened
    reports = []
    with database.connect(store, read_only=False, memory_limit=memory_limit) as con:
        mapping = Mapping()
        for path in paths:
            reports.append(_import_file(con, mapping, Path(path), format, progress))
    return reports


def _import_file(con, mapping: Mapping, path: Path, format: str,
                 progress: Callable[[Path, int], None] | None) -> FileReport:
    report = FileReport(path=path, format=format)
    start = time.perf_counter()
    try:
        file = inputs.open_regular(path)
    except inputs.Unreadable as exc:
        report.error = f"cannot be read: {exc.what}"
        return report
    with file:
        return _import_open(con, mapping, path, file, format, progress, report, start)


def _import_open(con, mapping: Mapping, path: Path, file: IO[bytes], format: str,
                 progress: Callable[[Path, int], None] | None, report: FileReport,
                 start: float) -> FileReport:
    try:
        report.digest = _digest(file)
    except OSError as exc:
        report.error = f"cannot be read ({exc.strerror or exc})"
        return report
    seen = con.execute("SELECT name, imported_at FROM files WHERE digest = ? AND format = ?",
                       [report.digest, format]).fetchone()
    if seen:
        report.already = f"{seen[0]} on {seen[1]:%Y-%m-%d %H:%M}"
        return report
    file_id = con.execute("SELECT coalesce(max(file_id), 0) + 1 FROM files").fetchone()[0]
    con.execute("CREATE OR REPLACE TEMP TABLE staging AS SELECT * FROM events LIMIT 0")
    try:
        staged = _stream(con, mapping, path, file, format, file_id, report, progress)
    except EventFileError as exc:
        report.error = str(exc)
        con.execute("DROP TABLE IF EXISTS staging")
        return report
    except (OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile) as exc:
        report.error = f"cannot be read to the end ({exc})"
        con.execute("DROP TABLE IF EXISTS staging")
        return report
    _commit(con, report, file_id, staged)
    report.seconds = time.perf_counter() - start
    con.execute("UPDATE files SET seconds = ? WHERE file_id = ?", [report.seconds, file_id])
    return report


def _stream(con, mapping: Mapping, path: Path, file: IO[bytes], format: str, file_id: int,
            report: FileReport, progress: Callable[[Path, int], None] | None) -> int:
    """Read, map and stage every row of the file; the number of events staged."""
    reader = reader_for(format)
    batch = _Batch()
    (c_format, c_id, c_file, c_line, c_day, c_source, c_target, c_directed, c_type,
     c_code, c_hedged, c_score, c_article) = batch.columns
    staged = 0
    skipped, unmapped = report.skipped, report.unmapped
    with ExitStack() as stack:
        for member, stream in _members(path, file, stack):
            where = f"{path}!{member}" if member else str(path)
            first = True
            for number, raw in enumerate(stream, 1):
                fields = raw.decode("utf-8", "replace").rstrip("\r\n").split("\t")
                if first:
                    first = False
                    consumed, note = reader.header(fields)
                    if note:
                        report.note = note
                    if consumed:
                        continue
                report.rows_read += 1
                coded = reader.read(fields) if fields != [""] else Malformed("a blank line")
                if type(coded) is Malformed:
                    report.malformed += 1
                    if len(report.problems) < KEPT_PROBLEMS:
                        report.problems.append((f"{where}:{number}", coded.reason))
                    continue
                result = mapping.map(format, coded)
                if type(result) is Skipped:
                    skipped[result.kind] += 1
                    if result.kind in ("unmapped-code", "unmapped-actor"):
                        unmapped[(result.kind, result.code)] += 1
                    continue
                for pair in result.pairs:
                    c_format.append(format)
                    c_id.append(coded.event_id)
                    c_file.append(file_id)
                    c_line.append(number)
                    c_day.append(coded.day)
                    c_source.append(pair.source)
                    c_target.append(pair.target)
                    c_directed.append(pair.directed)
                    c_type.append(result.type)
                    c_code.append(coded.event)
                    c_hedged.append(result.hedged)
                    c_score.append(coded.score)
                    c_article.append(coded.article)
                if len(batch) >= BATCH:
                    staged += _flush(con, batch)
                    if progress:
                        progress(path, report.rows_read)
    staged += _flush(con, batch)
    if progress:
        progress(path, report.rows_read)
    return staged


def _flush(con, batch: _Batch) -> int:
    n = len(batch)
    if n:
        rows = batch.table()
        con.register("batch_rows", rows)
        con.execute("INSERT INTO staging SELECT * FROM batch_rows")
        con.unregister("batch_rows")
        for column in batch.columns:
            column.clear()
    return n


def _commit(con, report: FileReport, file_id: int, staged: int) -> None:
    """Move the staged events into the store, with the file's record, in one transaction;
    events already there (or twice in the file) are left out and counted as duplicates."""
    con.execute("BEGIN TRANSACTION")
    try:
        # Stored sorted by pair: DuckDB then skips most of a file's rows when a question
        # is about one pair (its row groups' min/max exclude them).
        con.execute("SET preserve_insertion_order = true")
        added = con.execute("""
            INSERT INTO events
            SELECT s.* FROM (SELECT * FROM staging QUALIFY row_number() OVER (
                    PARTITION BY format, event_id, source, target, type ORDER BY line) = 1) s
            ANTI JOIN (SELECT format, event_id, source, target, type FROM events
                       WHERE format = ?) e
            ON s.format = e.format AND s.event_id = e.event_id AND s.source = e.source
               AND s.target = e.target AND s.type = e.type
            ORDER BY s.source, s.target, s.day
        """, [report.format]).fetchone()[0]
        con.execute("SET preserve_insertion_order = false")
        report.events_added = int(added)
        report.duplicates = staged - report.events_added
        unmapped_rows = report.skipped["unmapped-code"] + report.skipped["unmapped-actor"]
        con.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [file_id, report.path.name, str(report.path.resolve()), report.digest,
                     report.format, dt.datetime.now(), report.rows_read, report.events_added,
                     report.malformed, report.duplicates, report.skipped["no-relation"],
                     unmapped_rows, report.skipped["one-sided"], report.skipped["domestic"],
                     0.0, report.note])
        if report.problems:
            con.executemany("INSERT INTO problems VALUES (?, ?, ?)", [
                (file_id, int(where.rsplit(":", 1)[1]), reason)
                for where, reason in report.problems])
        if report.unmapped:
            con.executemany("INSERT INTO unmapped VALUES (?, ?, ?, ?)", [
                (file_id, kind, code, rows) for (kind, code), rows in report.unmapped.items()])
        con.execute("DROP TABLE staging")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
