"""Reading the data file: bytes → text → data → Dataset, fast, with located errors.

The fast path (yaml_rs + pydantic) pays for no positions. Only when something
is wrong does the file get a second, position-keeping parse, so that every
problem names its line and column. (Writing lives in the `edit` package.)
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from explorer.collector import paused_gc
from explorer.model import Dataset
from explorer.parse import Located, ParseFailed, parse_fast, parse_located
from explorer.problems import DataFileError, Problem
from explorer.validate import Finding, validate
from explorer.vocabulary import DEFAULT_TYPES

__all__ = ["Report", "check", "data_path", "decode", "load", "load_text", "max_bytes",
           "read_bytes"]

DEFAULT_DATA = Path("data/relations.yaml")


def data_path(explicit: str | os.PathLike | None = None) -> Path:
    """The data file to use: the explicit path, else $EXPLORER_DATA, else the default."""
    return Path(explicit or os.environ.get("EXPLORER_DATA") or DEFAULT_DATA)


def max_bytes() -> int:
    """Largest data file read, in bytes ($EXPLORER_MAX_FILE_MB, default 128 MiB)."""
    try:
        megabytes = float(os.environ.get("EXPLORER_MAX_FILE_MB", "128"))
    except ValueError:
        megabytes = 128.0
    return int(megabytes * 1024 * 1024)


@dataclass(frozen=True)
class Report:
    """Everything `check` found: the Dataset when there is no error, and every problem."""

    file: str
    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)

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

    The one way the explorer reads its data file (the write path too): only a regular
    file is read, never more than the size limit, and a FIFO or device never blocks.
    """
    file = str(path)

    def fail(code: str, message: str) -> DataFileError:
        return DataFileError([Problem(code, message, file=file)])

    limit = max_bytes()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            if stat.S_ISDIR(info.st_mode):
                raise fail("file-is-directory", f"{file} is a directory")
            raise fail("file-unreadable", f"{file} is not a regular file")
        with os.fdopen(fd, "rb") as handle:
            if info.st_size > limit:
                raise fail("file-too-large", f"{info.st_size / 2**20:.1f} MiB is over the "
                           f"limit of {limit / 2**20:.0f} MiB")
            raw = handle.read(info.st_size + 1)
            if len(raw) > info.st_size:  # it grew while being read: read on, to the limit
                raw += handle.read(limit + 1 - len(raw))
        if len(raw) > limit:
            raise fail("file-too-large", f"{file} grew over the limit of "
                       f"{limit / 2**20:.0f} MiB while it was read")
        return raw
    except FileNotFoundError:
        raise fail("file-missing", f"{file} does not exist") from None
    except OSError as exc:  # permissions, I/O errors, names too long…
        raise fail("file-unreadable", f"{file}: {exc.strerror or exc}") from None


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


def _analyse(text: str, file: str) -> tuple[Dataset | None, list[Finding], Located | None]:
    """Parse and validate; positions are computed only when something is wrong."""
    located = None
    with paused_gc():
        try:
            data = parse_fast(text)
        except ParseFailed:
            located = parse_located(text)
            if located.problems:
                return None, [], located
            data = located.data
        if data is None:
            return None, [Finding("file-empty", "the file holds no data")], located
        model, findings = validate(data)
    dataset = None
    if model is not None:
        dataset = Dataset.from_file_model(model, DEFAULT_TYPES)
    return dataset, findings, located


def check(path: str | os.PathLike, *, text: str | None = None) -> Report:
    """Every problem of a data file, located (warnings included); never raises."""
    path = Path(path)
    file = str(path)
    try:
        raw = read_bytes(path) if text is None else text.encode()
        text = decode(raw, file)
    except DataFileError as exc:
        return Report(file, None, exc.problems)
    dataset, findings, located = _analyse(text, file)
    if located is not None and located.problems:
        problems = [p.located(file, p.line, p.column) for p in located.problems]
        return Report(file, None, sorted(problems, key=Problem.sort_key))
    if findings and located is None:
        located = parse_located(text)
    problems = sorted((f.locate(located, file) for f in findings), key=Problem.sort_key)
    if dataset is not None:
        dataset = _with_origin(dataset, path, raw, problems)
    return Report(file, dataset, problems)


def _with_origin(dataset: Dataset, path: Path, raw: bytes, warnings: list[Problem]) -> Dataset:
    return Dataset(actors=dataset.actors, sources=dataset.sources, relations=dataset.relations,
                   types=dataset.types, path=path, digest=hashlib.sha256(raw).hexdigest(),
                   warnings=tuple(warnings))


def load(path: str | os.PathLike | None = None) -> Dataset:
    """The Dataset of a data file; raises DataFileError with every located problem.

    Warnings do not stop the load; they ride on `Dataset.warnings`, placed by path
    only (their lines cost a second parse: `check` gives them).
    """
    path = data_path(path)
    raw = read_bytes(path)
    return _load_raw(raw, path)


def load_text(text: str, name: str = "<text>") -> Dataset:
    """The Dataset of YAML text (for tests and pasted data)."""
    return _load_raw(text.encode(), Path(name))


def _load_raw(raw: bytes, path: Path) -> Dataset:
    file = str(path)
    text = decode(raw, file)
    dataset, findings, located = _analyse(text, file)
    if located is not None and located.problems:
        raise DataFileError([p.located(file, p.line, p.column) for p in located.problems])
    if dataset is None:
        located = located or parse_located(text)
        raise DataFileError([f.locate(located, file) for f in findings])
    warnings = [f.locate(None, file) for f in findings]
    return _with_origin(dataset, path, raw, warnings)
