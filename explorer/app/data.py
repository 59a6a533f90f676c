"""The app's data: the Dataset of the data file, cached by the file's content.

Every interaction reads the file's bytes and hashes them; the Dataset is parsed
only when the hash is new, so an edit saved in the analyst's editor shows on
the next click and an unchanged file costs a read and a hash. The cache holds
the Dataset itself (`st.cache_resource`: no copy, no unpickling on a hit).

An invalid file gives the same located problems as `explorer validate`; the app
then keeps showing the last valid Dataset of that file, if it had one. After the
app writes the file, `remember` hands the write's verified Dataset to the cache,
so the next run finds the new content's hash without parsing the file again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import streamlit as st

from explorer import store
from explorer.model import Dataset
from explorer.problems import DataFileError, Problem

__all__ = ["Loaded", "load", "remember"]


@dataclass(frozen=True)
class Loaded:
    """What the app shows: a Dataset (current or last valid) and the file's problems."""

    path: Path
    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    stale: bool = False  # True when `dataset` is the last valid state, not the file's

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass(frozen=True)
class _Parsed:
    dataset: Dataset | None
    problems: tuple[Problem, ...]


@st.cache_resource(max_entries=1, show_spinner="Reading the data file…")
def _parse(digest: str, file: str, _raw: bytes) -> _Parsed:
    """Parse bytes whose SHA-256 is `digest` (the key; the bytes are not hashed again),
    unless the app has just written them (`remember`)."""
    written = _written().pop((digest, file), None)
    if written is not None:
        return _Parsed(written, ())
    try:
        text = store.decode(_raw, file)
    except DataFileError as exc:
        return _Parsed(None, tuple(exc.problems))
    try:
        # the digest of the file's bytes (a BOM included), which writes check against
        dataset = replace(store.load_text(text, file), digest=digest)
    except DataFileError as exc:
        report = store.check(Path(file), text=text)  # what `explorer validate` prints
        return _Parsed(None, tuple(report.problems or exc.problems))
    return _Parsed(dataset, ())


@st.cache_resource
def _written() -> dict[tuple[str, str], Dataset]:
    """The Dataset of the app's last write, by (digest, file), until a run loads it."""
    return {}


def remember(dataset: Dataset) -> None:
    """Take `dataset` (a write's result, already verified: `edit.Change.dataset`) as the
    content of its file: the next `load` of those bytes uses it instead of parsing."""
    written = _written()
    written.clear()  # only the latest write can be what is on disk
    written[(dataset.digest, str(dataset.path))] = dataset


@st.cache_resource
def _last_valid() -> dict[str, Dataset]:
    """The last valid Dataset of each data file, shared by every browser tab."""
    return {}


def load(path: Path | None = None) -> Loaded:
    """The Dataset of the data file as it is on disk now (or its last valid state)."""
    path = store.data_path(path)
    file = str(path)
    try:
        raw = store.read_bytes(path)
    except DataFileError as exc:
        parsed = _Parsed(None, tuple(exc.problems))
    else:
        parsed = _parse(hashlib.sha256(raw).hexdigest(), file, raw)
    last = _last_valid()
    if parsed.dataset is not None:
        last[file] = parsed.dataset
        return Loaded(path, parsed.dataset, list(parsed.dataset.warnings))
    return Loaded(path, last.get(file), list(parsed.problems), stale=file in last)
