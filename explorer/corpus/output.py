"""A corpus run's output folder: resumable parts, then the tables DuckDB and pandas read.

    OUT/run.json            what the run was made with (data file digest, model) and its totals
    OUT/parts/*.parquet     one file per batch of inputs, written whole or not at all:
                            the run's checkpoint (a resumed run skips the keys they hold)
    OUT/documents.parquet   one row per document: id (a digest of text and source
                            metadata), key, path, source metadata, words, candidates,
                            near-copy cluster (its original's id), cluster_size, copy_of,
                            containment
    OUT/candidates.parquet  one row per candidate: document, source, target, type,
                            modality, confidence, sentence, start, end, attributes (JSON),
                            speaker, cue
    OUT/actors.parquet      actors the extractor proposed, per document
    OUT/errors.parquet      one row per input that failed: key, path, code, message

The four tables are rebuilt from the parts at the end of every run, each written
to a temporary file and renamed over the old one, sorted, so a resumed run ends
with the same tables as an uninterrupted one. A part that cannot be read (a
writer killed mid-file) is removed at the start, and its inputs are done again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from explorer.corpus.clusters import Print, cluster
from explorer.corpus.inputs import InputError
from explorer.corpus.worker import PART_SCHEMA

__all__ = ["TABLES", "Output", "OutputError", "Totals"]

TABLES = ("documents", "candidates", "actors", "errors")
FORMAT = 1


class OutputError(Exception):
    """The output folder cannot be used as asked (a usage error: nothing was written)."""


@dataclass(frozen=True)
class Totals:
    """What the tables hold after a run."""

    documents: int
    candidates: int
    clusters: int  # clusters of two or more documents
    copies: int  # documents that are a near-copy of another
    failures: int


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Output:
    """The folder of one corpus: `prepare` it, write parts, `finish` the tables."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.parts = self.folder / "parts"

    # ------------------------------------------------------------ settings
    @property
    def run_file(self) -> Path:
        return self.folder / "run.json"

    def settings(self) -> dict[str, Any]:
        if not self.run_file.exists():
            return {}
        try:
            return json.loads(self.run_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OutputError(f"{self.run_file} cannot be read ({exc}); give a new --out "
                              "folder, or --restart to start this one over") from None

    def prepare(self, settings: dict[str, Any], restart: bool = False) -> list[str]:
        """Make the folder ready; refuse one made with another data file or model unless
        `restart` (which deletes its parts and tables). Returns the torn parts removed."""
        settings = {**settings, "format": FORMAT}
        if self.folder.exists() and not self.folder.is_dir():
            raise OutputError(f"--out {self.folder} is a file; give a folder")
        if self.folder.exists() and not restart:
            known = self.settings()
            if not known and any(self.folder.iterdir()):
                raise OutputError(f"--out {self.folder} is a folder that holds other files "
                                  "and no run.json; give an empty or new folder")
            for field in ("data_sha256", "model", "format"):
                if known and known.get(field) != settings.get(field):
                    raise OutputError(
                        f"{self.folder} holds a run made with another {field.replace('_', ' ')}"
                        f" ({known.get(field)}, now {settings.get(field)}); its candidates "
                        "would mix with these. Give a new --out folder, or --restart to start "
                        "this one over")
        if restart and self.folder.is_dir():
            shutil.rmtree(self.parts, ignore_errors=True)
            for name in (*TABLES, "run"):
                for path in self.folder.glob(f"{name}.*"):
                    path.unlink()
        self.parts.mkdir(parents=True, exist_ok=True)
        self._write_json({**self.settings(), **settings})
        return self.discard_torn()

    def _write_json(self, data: dict[str, Any]) -> None:
        tmp = self.run_file.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n",
                       encoding="utf-8")
        os.replace(tmp, self.run_file)

    def record(self, **values: Any) -> None:
        """Add values to run.json (the last run's totals and timings)."""
        self._write_json({**self.settings(), **values})

    # --------------------------------------------------------------- parts
    def part_files(self) -> list[Path]:
        return sorted(self.parts.glob("*.parquet"))

    def discard_torn(self) -> list[str]:
        """Remove unfinished temporary files and parts that cannot be read."""
        removed = []
        for path in sorted(self.parts.glob("*")):
            if path.suffix != ".parquet":
                path.unlink()
                removed.append(path.name)
                continue
            try:
                pq.read_metadata(path)
            except (OSError, pa.ArrowException):
                path.unlink()
                removed.append(path.name)
        return removed

    def done(self) -> set[str]:
        """Keys of the inputs the parts hold (done, whether read or failed)."""
        keys: set[str] = set()
        for path in self.part_files():
            keys.update(pq.read_table(path, columns=["key"]).column("key").to_pylist())
        return keys

    def rows_in(self, paths: Iterable[Path]) -> int:
        return sum(pq.read_metadata(p).num_rows for p in paths)

    def write_part(self, table: pa.Table) -> Path:
        """One batch's rows as a part, whole or not at all (temp file, fsync, rename)."""
        keys = "\n".join(sorted(table.column("key").to_pylist()))
        name = "part-" + hashlib.sha256(keys.encode()).hexdigest()[:20] + ".parquet"
        target = self.parts / name
        tmp = self.parts / (name + ".tmp")
        with open(tmp, "wb") as handle:
            pq.write_table(table.cast(PART_SCHEMA), handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _fsync_dir(self.parts)
        return target

    # -------------------------------------------------------------- tables
    def finish(self, input_errors: Iterable[InputError] = ()) -> Totals:
        """Rebuild the four tables from the parts, with near-copy clusters."""
        import duckdb

        input_errors = list(input_errors)
        con = duckdb.connect()
        files = [p.as_posix() for p in self.part_files()]
        if files:
            con.read_parquet(files).create_view("raw")
        else:
            con.register("raw", PART_SCHEMA.empty_table())
        # one row per key (a retried write may hold it twice), then one per document
        con.execute("""
            CREATE TEMP TABLE parts AS SELECT * FROM raw
            QUALIFY row_number() OVER (PARTITION BY key ORDER BY error IS NOT NULL,
                                       document) = 1""")
        con.execute("""
            CREATE TEMP TABLE docs AS SELECT * FROM parts WHERE error IS NULL
            QUALIFY row_number() OVER (PARTITION BY document ORDER BY key) = 1""")
        prints = [Print(*row) for row in con.execute(
            "SELECT document, published, words, minhash, shingles, words_content FROM docs"
        ).fetchall()]

        def sentences(ids: list[str]) -> dict[str, list[list[int]]]:
            con.register("wanted", pa.table({"document": pa.array(ids, pa.string())}))
            found = con.execute("SELECT document, sentences FROM docs "
                                "JOIN wanted USING (document)").fetchall()
            con.unregister("wanted")
            return dict(found)

        members = cluster(prints, sentences)
        con.register("clusters", pa.table({
            "document": pa.array(list(members), pa.string()),
            "cluster": pa.array([m.cluster for m in members.values()], pa.string()),
            "cluster_size": pa.array([m.size for m in members.values()], pa.int32()),
            "copy_of": pa.array([m.copy_of for m in members.values()], pa.string()),
            "containment": pa.array([m.containment for m in members.values()], pa.float64()),
        }))
        con.register("problems", pa.table({
            "key": pa.array([e.key for e in input_errors], pa.string()),
            "path": pa.array([e.where for e in input_errors], pa.string()),
            "code": pa.array([e.code for e in input_errors], pa.string()),
            "message": pa.array([f"{e.where}: {e.message}" for e in input_errors],
                                pa.string()),
        }))
        queries = {
            "documents": """
                SELECT d.document AS id, d.key, d.path, d.source_id, d.title, d.publisher,
                       d.published, d.url, d.words, len(d.candidates)::INTEGER AS candidates,
                       c.cluster, c.cluster_size, c.copy_of, c.containment
                FROM docs d JOIN clusters c USING (document) ORDER BY id""",
            "candidates": """
                SELECT * FROM (SELECT document, unnest(candidates, recursive := true) FROM docs)
                ORDER BY document, start, "end", type, source, target""",
            "actors": """
                SELECT * FROM (SELECT document, unnest(actors, recursive := true) FROM docs)
                ORDER BY document, id""",
            "errors": """
                SELECT * FROM (
                    SELECT key, path, error_code AS code, error AS message FROM parts
                    WHERE error IS NOT NULL
                    UNION ALL SELECT * FROM problems)
                ORDER BY key, message""",
        }
        for name, query in queries.items():
            table = con.sql(query).to_arrow_table()
            if name in ("candidates", "actors") and not table.num_rows:
                table = _empty(name)
            self._write_table(name, table)
        counts = con.execute("""
            SELECT (SELECT count(*) FROM docs),
                   (SELECT coalesce(sum(len(candidates)), 0) FROM docs),
                   (SELECT count(*) FROM parts WHERE error IS NOT NULL)""").fetchone()
        con.close()
        sizes = [m.size for m in members.values() if m.copy_of is None and m.size > 1]
        return Totals(documents=counts[0], candidates=int(counts[1]), clusters=len(sizes),
                      copies=sum(s - 1 for s in sizes),
                      failures=counts[2] + len(input_errors))

    def _write_table(self, name: str, table: pa.Table) -> None:
        target = self.folder / f"{name}.parquet"
        tmp = self.folder / f"{name}.parquet.tmp"
        with open(tmp, "wb") as handle:
            pq.write_table(table, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)

    def table(self, name: str) -> Path:
        """The path of one of the tables; a clear error when the run has not made it."""
        path = self.folder / f"{name}.parquet"
        if not path.is_file():
            raise OutputError(f"{self.folder} holds no {name}.parquet: give the --out folder "
                              "of a finished `explorer extract` run")
        return path


def _empty(name: str) -> pa.Table:
    """The schema of an empty candidates or actors table (DuckDB cannot infer it)."""
    struct = PART_SCHEMA.field(name).type.value_type
    return pa.schema([("document", pa.string()), *[(f.name, f.type) for f in struct]]
                     ).empty_table()
