"""Reading the data file: bytes → text → data → Dataset, fast, with located errors.

The fast path (yaml_rs + pydantic) pays for no positions. When something is
wrong, each problem is placed on its line and column from the one entry it
concerns (`positions.py`), so a file with a few problems reads about as fast as
a valid one. (Writing lives in the `edit` package.)
"""

from __future__ import annotations

import hashlib
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from explorer import inputs
from explorer.collector import paused_gc
from explorer.model import SECTION_MODELS, DataFile, Dataset
from explorer.parse import (
    Located,
    ParseFailed,
    PiecesFailed,
    parse_fast,
    parse_located,
    path_text,
)
from explorer.positions import Positions, shape_of
from explorer.problems import DataFileError, Problem
from explorer.validate import Finding, build_entries, validate
from explorer.vocabulary import DEFAULT_TYPES

__all__ = ["Report", "check", "data_path", "decode", "load", "load_text", "max_bytes",
           "read_bytes"]

DEFAULT_DATA = Path("data/relations.yaml")

#: From this many problems on, `check` says how long placing them took.
MANY_PROBLEMS = 1_000
#: Problems placed on their line and column; those after these (in file order) are
#: reported with their path only, and the note says so.
LOCATED_MAX = 10_000


def data_path(explicit: str | os.PathLike | None = None) -> Path:
    """The data file to use: the explicit path, else $EXPLORER_DATA, else the default."""
    return Path(explicit or os.environ.get("EXPLORER_DATA") or DEFAULT_DATA)


def max_bytes(file: str = "") -> int:
    """Largest data file read, in bytes ($EXPLORER_MAX_FILE_MB, default 128 MiB); a
    DataFileError when the variable holds anything but a size above zero."""
    setting = os.environ.get("EXPLORER_MAX_FILE_MB", "").strip()
    if not setting:
        return 128 * 1024 * 1024
    try:
        megabytes = float(setting)
    except ValueError:
        megabytes = math.nan
    if not math.isfinite(megabytes) or megabytes <= 0:
        raise DataFileError([Problem(
            "bad-setting", f"EXPLORER_MAX_FILE_MB is '{setting}', not a number of "
            "megabytes above 0", file=file)])
    return int(megabytes * 1024 * 1024)


@dataclass(frozen=True)
class Report:
    """Everything `check` found: the Dataset when there is no error, and every problem.

    `note` says, for a file with very many problems, how long placing them took.
    """

    file: str
    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    note: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a DataFileError that says what is wrong with the path.

    The one way the explorer reads its data file (the write path too), through
    `inputs.read_bytes`: a regular file only, never more than the size limit.
    """
    file = str(path)
    limit = max_bytes(file)
    try:
        return inputs.read_bytes(path, limit)
    except inputs.Unreadable as exc:
        code = _FILE_PROBLEMS[exc.reason]
        message = exc.what if code == "file-too-large" else str(exc)
        raise DataFileError([Problem(code, message, file=file)]) from None


_FILE_PROBLEMS = {"missing": "file-missing", "directory": "file-is-directory",
                  "not-regular": "file-unreadable", "link": "file-unreadable",
                  "too-large": "file-too-large", "unreadable": "file-unreadable"}


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text (a BOM is allowed), or a located `not-utf8` problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DataFileError([Problem(
            "not-utf8", f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not UTF-8",
            line=line, column=column, file=file)]) from None
    if "\x00" in text:
        offset = text.index("\x00")
        raise DataFileError([Problem(
            "not-utf8", f"NUL byte at offset {offset}: this looks like a binary file",
            line=text.count("\n", 0, offset) + 1, file=file)])
    return text


def _analyse(text: str) -> tuple[DataFile | None, list[Finding], Located | Positions]:
    """Parse and validate; return the DataFile (None when there is an error), the
    findings, and where to look up their positions (a located parse, when the fast
    parser could not read the text; else the text itself, scanned only if needed)."""
    located = None
    built: dict[str, list[Finding]] = {}

    def build(section: str, items: list, start: int) -> None:
        if section in SECTION_MODELS:
            built.setdefault(section, []).extend(build_entries(section, items, start))

    with paused_gc():
        try:
            try:
                data = parse_fast(text, each=build)
            except PiecesFailed:
                built.clear()
                data = parse_fast(text)
        except ParseFailed:
            located = parse_located(text)
            if located.problems:
                return None, [], located
            data = located.data
        if data is None:
            return None, [Finding("file-empty", "the file holds no data")], \
                located or Positions(text, None)
        shape = shape_of(data)
        model, findings = validate(data, built=built)
        del data
    return model, findings, located or Positions(text, shape)


def _entry_order(finding: Finding) -> tuple[str, int]:
    """A finding's section and entry number (-1 for a section-wide one)."""
    path = finding.path
    entry = path[1] if len(path) > 1 and isinstance(path[1], int) else -1
    return (str(path[0]) if path else "", entry)


def _placed(findings: list[Finding], where: Located | Positions, file: str
            ) -> tuple[list[Problem], str]:
    """Every finding with its line and column, sorted; and a note when there were so
    many that placing them took a while."""
    started = time.perf_counter()
    with paused_gc():
        ordered = sorted(findings, key=lambda f: path_text(f.path))  # one entry's together
        if len(ordered) > LOCATED_MAX:  # place the first entries' ones
            ordered.sort(key=_entry_order)
        problems = sorted((f.locate(where, file) for f in ordered[:LOCATED_MAX]),
                          key=Problem.sort_key)
        problems += (f.locate(None, file) for f in ordered[LOCATED_MAX:])
    note = ""
    if len(problems) > LOCATED_MAX:
        note = (f"{len(problems):,} problems: the first {LOCATED_MAX:,} in the file are "
                f"placed on their line, the other {len(problems) - LOCATED_MAX:,} are given "
                "by their path only; fix these and validate again")
    elif len(problems) >= MANY_PROBLEMS:
        note = (f"{len(problems):,} problems: placing each on its line took "
                f"{time.perf_counter() - started:.1f} s (a file with a few problems reads "
                "about as fast as a valid one)")
    return problems, note


def _dataset(model: DataFile, path: Path, digest: str, warnings: list[Problem]) -> Dataset:
    return Dataset.from_file_model(model, DEFAULT_TYPES, path=path, digest=digest,
                                   warnings=tuple(warnings))


def check(path: str | os.PathLike, *, text: str | None = None) -> Report:
    """Every problem of a data file, located (warnings included); never raises."""
    path = Path(path)
    file = str(path)
    try:
        raw = read_bytes(path) if text is None else text.encode()
        text = decode(raw, file)
    except DataFileError as exc:
        return Report(file, None, exc.problems)
    digest = hashlib.sha256(raw).hexdigest()
    del raw  # the text is all that is read from here on
    with paused_gc():  # one pause for the whole read: every object it makes survives it
        model, findings, where = _analyse(text)
        if isinstance(where, Located) and where.problems:
            problems = [p.located(file, p.line, p.column) for p in where.problems]
            return Report(file, None, sorted(problems, key=Problem.sort_key))
        problems, note = _placed(findings, where, file)
        dataset = _dataset(model, path, digest, problems) if model is not None else None
    return Report(file, dataset, problems, note)


def load(path: str | os.PathLike | None = None) -> Dataset:
    """The Dataset of a data file; raises DataFileError with every located problem.
    Warnings do not stop the load; they ride on `Dataset.warnings`."""
    path = data_path(path)
    return _load_raw(read_bytes(path), path)


def load_text(text: str, name: str = "<text>") -> Dataset:
    """The Dataset of YAML text (for tests and pasted data)."""
    return _load_raw(text.encode(), Path(name))


def _load_raw(raw: bytes, path: Path) -> Dataset:
    file = str(path)
    text = decode(raw, file)
    digest = hashlib.sha256(raw).hexdigest()
    del raw
    with paused_gc():
        model, findings, where = _analyse(text)
        if isinstance(where, Located) and where.problems:
            raise DataFileError([p.located(file, p.line, p.column) for p in where.problems])
        problems, _ = _placed(findings, where, file)
        if model is None:
            raise DataFileError(problems)
        return _dataset(model, path, digest, problems)
