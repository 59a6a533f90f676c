"""The event store: one local DuckDB file, beside the data file by default.

DuckDB runs in-process and reads the file directly; it is opened with
extension autoloading and autoinstalling off, so no query can make it fetch
anything from the network. The app opens the store read-only for each
question and closes it again, so that `explorer events import` can write
while the app is running.

Tables: `files` (one row per imported file, with its digest and counts),
`problems` (malformed rows: file and line), `unmapped` (codes the mapping
does not cover, counted per file), `events` (one row per coded event and pair
of our actors) and `types` (our types and their family). The view
`event_rollup` is the roll-up the app and the CLI read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from explorer.vocabulary import DEFAULT_TYPES

__all__ = ["SCHEMA_VERSION", "StoreError", "connect", "ensure_schema", "store_path",
           "version"]

SCHEMA_VERSION = "1"
SUFFIX = ".events.duckdb"

#: No extension is ever installed or loaded behind our back (they come from the network);
#: rows need not keep their order (less memory).
CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
          "preserve_insertion_order": False}


class StoreError(Exception):
    """The event store cannot be used: missing, locked by a writer, or not ours."""


def store_path(data: str | os.PathLike | None, explicit: str | os.PathLike | None = None
               ) -> Path:
    """The store to use: the explicit path, else $EXPLORER_EVENTS, else the data file's
    name with `.events.duckdb` (data/relations.yaml → data/relations.events.duckdb)."""
    if explicit or os.environ.get("EXPLORER_EVENTS"):
        return Path(explicit or os.environ["EXPLORER_EVENTS"])
    from explorer import store

    data_file = store.data_path(data)
    return data_file.with_name(data_file.stem + SUFFIX)


def version(path: Path) -> str | None:
    """A token that changes whenever the store is written (None when there is none)."""
    try:
        parts = [path.stat()]
    except FileNotFoundError:
        return None
    wal = Path(str(path) + ".wal")
    if wal.exists():
        parts.append(wal.stat())
    return ";".join(f"{p.st_mtime_ns}:{p.st_size}" for p in parts)


@contextmanager
def connect(path: Path, *, read_only: bool = True, memory_limit: str | None = None
            ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store, closed on leaving the block. Read-only connections
    need an existing store; a writer creates it and its tables."""
    if read_only and not path.exists():
        raise StoreError(f"{path}: no event store here yet — import files with "
                         "`explorer events import FILE… --format gdelt|polecat`")
    config = dict(CONFIG)
    if memory_limit:
        config["memory_limit"] = memory_limit
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        raise StoreError(f"{path}: cannot open the event store ({_first_line(exc)}); if "
                         "an import is running, wait for it to finish") from None
    except duckdb.Error as exc:
        raise StoreError(f"{path}: not an event store DuckDB can open "
                         f"({_first_line(exc)})") from None
    try:
        con.execute("SET enable_progress_bar = false")  # nothing drawn on the terminal
        if not read_only:
            ensure_schema(con)
        elif not _has_schema(con):
            raise StoreError(f"{path}: this DuckDB file holds no event store (no `events` "
                             "table); give the path of a store made by `explorer events "
                             "import`")
        yield con
    finally:
        con.close()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute("SELECT count(*) FROM information_schema.tables "
                        "WHERE table_name IN ('events', 'files')").fetchone()
    return bool(found and found[0] == 2)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables and the roll-up view when they are not there yet."""
    con.execute("""
        CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE IF NOT EXISTS files (
            file_id INTEGER PRIMARY KEY, name VARCHAR, path VARCHAR, digest VARCHAR,
            format VARCHAR, imported_at TIMESTAMP, rows_read BIGINT, events_added BIGINT,
            malformed BIGINT, duplicates BIGINT, no_relation BIGINT, unmapped BIGINT,
            one_sided BIGINT, domestic BIGINT, seconds DOUBLE, note VARCHAR);
        CREATE TABLE IF NOT EXISTS problems (file_id INTEGER, line BIGINT, reason VARCHAR);
        CREATE TABLE IF NOT EXISTS unmapped (
            file_id INTEGER, kind VARCHAR, code VARCHAR, rows BIGINT);
        CREATE TABLE IF NOT EXISTS events (
            format VARCHAR, event_id VARCHAR, file_id INTEGER, line BIGINT, day DATE,
            source VARCHAR, target VARCHAR, directed BOOLEAN, type VARCHAR, code VARCHAR,
            hedged BOOLEAN, score DOUBLE, article VARCHAR);
        CREATE TABLE IF NOT EXISTS types (type VARCHAR PRIMARY KEY, label VARCHAR,
                                          family VARCHAR);
    """)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", [SCHEMA_VERSION])
    con.executemany("INSERT OR REPLACE INTO types VALUES (?, ?, ?)", [
        (t.id, t.label, "cooperation" if t.polarity == "positive" else "conflict")
        for t in DEFAULT_TYPES])
    # The roll-up: per dataset, pair, type, direction and month. Undirected types and
    # two-sided events have directed = false and their ends in alphabetical order.
    con.execute("""
        CREATE OR REPLACE VIEW event_rollup AS
        SELECT e.format, e.source, e.target, e.directed, e.type, t.family,
               date_trunc('month', e.day)::DATE AS month,
               count(*) AS events, count(DISTINCT e.article) AS articles,
               avg(e.score) AS mean_score, count(*) FILTER (WHERE e.hedged) AS hedged
        FROM events e JOIN types t USING (type)
        GROUP BY ALL
    """)
