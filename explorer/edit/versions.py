"""The data file's history: every version the explorer replaced, a journal of its writes,
undo and redo.

Beside `relations.yaml` the folder `.relations.yaml.history/` holds the versions
the explorer's recent writes replaced (named by their SHA-256; a hard link to
the replaced file where the file system allows, so keeping one costs no copy)
and `journal.json`: the writes, oldest first, and how many of them are in the
file now. Undo puts back the version before the last of those; redo puts back
the one after the next; a new write clears what could be redone. Both refuse
when the file changed since (an edit in an editor would be lost).

A write happens in this order, each step atomic: the version it replaces is
kept; the journal gains the write, marked pending; the data file is replaced;
the mark is cleared; versions no longer in the journal are deleted. A process
killed at any point leaves either the old file, whose pending entry is then
ignored and dropped, or the new one, whose entry counts: the previous change's
undo is never lost, and no change is recorded that did not happen. Undo and
redo are placed by the file's digest in the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from explorer import store
from explorer.edit import files
from explorer.edit.errors import EditError, NothingToRedo, NothingToUndo, StaleFileError
from explorer.edit.verify import reread
from explorer.model import Dataset

__all__ = ["HISTORY_DEPTH", "Change", "Entry", "History", "check_fresh", "digest",
           "folder_of", "history", "record_write", "redo", "undo"]

#: Writes kept for undo, per data file.
HISTORY_DEPTH = 10
_JOURNAL = "journal.json"


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def check_fresh(raw: bytes, expected: str, display: str) -> None:
    """Refuse when the bytes read are not the version (digest) the caller read."""
    found = digest(raw)
    if found != expected:
        raise StaleFileError(
            f"{display} changed on disk since it was read (it was saved in an editor, or "
            f"another window wrote to it): expected content {expected[:12]}…, found "
            f"{found[:12]}…. Nothing was written; reload the file and make the change again.",
            file=display, expected=expected, found=found)


@dataclass(frozen=True)
class Change:
    """What a write (or an undo, or a redo) did. `dataset` is the file now on disk,
    verified: reuse it (cache it under `after`) instead of reloading the file."""

    path: Path
    summary: str
    before: str
    after: str
    dataset: Dataset
    lines: tuple[tuple[int, int], ...] = ()  # first and last line of each entry written

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Entry:
    """One write by the explorer: what it was, who made it, when, and the digests of
    the file before and after it."""

    summary: str
    by: str
    at: str
    before: str
    after: str

    def as_json(self) -> dict[str, str]:
        return {"summary": self.summary, "by": self.by, "at": self.at,
                "before": self.before, "after": self.after}


@dataclass(frozen=True)
class History:
    """The explorer's recent writes to one file, oldest first. `position` of them are
    in the file; the others were undone and can be redone. `aligned` is False when
    the file is none of the versions the journal knows (it was edited since)."""

    path: Path
    entries: tuple[Entry, ...]
    position: int
    aligned: bool

    @property
    def undoable(self) -> Entry | None:
        """The write `undo` would take back, if any."""
        return self.entries[self.position - 1] if self.aligned and self.position else None

    @property
    def redoable(self) -> Entry | None:
        """The undone write `redo` would put back, if any."""
        if self.aligned and self.position < len(self.entries):
            return self.entries[self.position]
        return None

    @property
    def last(self) -> Entry | None:
        """The most recent write still in the file."""
        return self.entries[self.position - 1] if self.position else None


def folder_of(path: Path) -> Path:
    """`.relations.yaml.history/` beside `relations.yaml`."""
    return path.with_name(f".{path.name}.history")


# ------------------------------------------------------------- the journal
@dataclass
class _Journal:
    entries: list[Entry]
    position: int
    pending: bool  # the last entry's write may not have happened


def _open_folder(path: Path, display: str, *, create: bool) -> Path | None:
    """The history folder (made when `create`), refused when it is not a plain folder."""
    folder = folder_of(path)
    try:
        info = folder.lstat()
    except FileNotFoundError:
        if not create:
            return None
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            raise files.refusal(exc, display, "making the history folder") from None
        return folder
    if not stat.S_ISDIR(info.st_mode):
        raise EditError(f"{folder} is not a plain folder (a symbolic link or a file); "
                        "nothing was written", code="unsafe-history", file=display)
    return folder


def _read_bytes(path: Path) -> bytes | None:
    """A file of the history folder, never through a symbolic link; None if absent."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read()


def _load(folder: Path | None) -> _Journal:
    raw = _read_bytes(folder / _JOURNAL) if folder is not None else None
    if not raw:
        return _Journal([], 0, False)
    try:
        data = json.loads(raw)
        entries = [Entry(**{k: str(e[k]) for k in ("summary", "by", "at", "before", "after")})
                   for e in data["entries"]]
        position = int(data["position"])
        pending = bool(data.get("pending", False))
    except (ValueError, KeyError, TypeError):
        return _Journal([], 0, False)  # a damaged journal: start afresh
    return _Journal(entries, max(0, min(position, len(entries))), pending and bool(entries))


def _state(entries: list[Entry], k: int) -> str:
    """The digest of the file with the first `k` writes applied."""
    return entries[0].before if k == 0 else entries[k - 1].after


def _resolve(journal: _Journal, current: str) -> tuple[list[Entry], int, bool]:
    """The journal as the file `current` says it is: a pending write counts only if the
    file holds its result; the position is the version the file is, nearest to the
    recorded one (an undo or redo killed before it was recorded still counts)."""
    entries, position = list(journal.entries), journal.position
    if journal.pending and current != entries[-1].after:
        entries.pop()
        position = min(position, len(entries))
    if not entries:
        return [], 0, True
    for k in sorted(range(len(entries) + 1), key=lambda k: (abs(k - position), k)):
        if _state(entries, k) == current:
            return entries, k, True
    return entries, position, False


def _save(folder: Path, display: str, entries: list[Entry], position: int,
          pending: bool, *, durable: bool = True) -> None:
    body = {"file": folder.name.removeprefix(".").removesuffix(".history"),
            "position": position, "pending": pending,
            "entries": [e.as_json() for e in entries]}
    # the journal's folder is not fsynced: a crash may lose a write's entry (its undo),
    # never the data file's version or an earlier entry
    files.replace(folder / _JOURNAL, json.dumps(body, indent=1).encode(), 0o600,
                  display=display, durable=durable, sync_folder=False)


def _keep(folder: Path, display: str, source: Path, raw: bytes, version: str,
          mode: int) -> bool:
    """Keep `raw` (the bytes of `source`, digest `version`) in the history folder: a hard
    link to `source`, or a copy. False when it was kept already."""
    target = folder / version
    with contextlib.suppress(FileNotFoundError):
        if stat.S_ISREG(target.lstat().st_mode):
            return False
    temp = files.temporary(target)
    try:
        try:
            os.link(source, temp, follow_symlinks=False)
        except OSError:  # no hard links here: a copy
            files.replace(target, raw, mode, display=display)
            return True
        os.replace(temp, target)
    except OSError as exc:
        raise files.refusal(exc, display, "keeping the previous version") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()  # still there if `target` was the same file already
    return True


def _version(folder: Path, version: str, display: str) -> bytes:
    raw = _read_bytes(folder / version)
    if raw is None or digest(raw) != version:
        raise EditError(f"the version {version[:12]}… kept in {folder} is missing or not "
                        "what was recorded; nothing was done", code="history-damaged",
                        file=display)
    return raw


def _prune(folder: Path, entries: list[Entry]) -> None:
    """Delete kept versions the journal no longer names, and leftover temporaries."""
    wanted = {_state(entries, k) for k in range(len(entries) + 1)} if entries else set()
    for item in folder.iterdir():
        if item.name == _JOURNAL or item.name in wanted:
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISREG(item.lstat().st_mode):
                item.unlink()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


# -------------------------------------------------------------- writing
def _unchanged_since(path: Path, seen: os.stat_result, display: str
                     ) -> Callable[[Path], None]:
    """A check, run just before the rename, that nobody saved the file meanwhile."""

    def check(temp: Path) -> None:
        files.mark("before-rename", temp)
        now = os.stat(path)
        if (now.st_ino, now.st_size, now.st_mtime_ns) != \
                (seen.st_ino, seen.st_size, seen.st_mtime_ns):
            raise StaleFileError(f"{display} was saved by another program while this change "
                                 "was being written; nothing was written. Reload the file "
                                 "and make the change again.", file=display)

    return check


def _read_current(path: Path, display: str) -> tuple[os.stat_result, bytes]:
    try:
        seen = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise StaleFileError(f"{display} no longer exists; nothing was written",
                                 file=display) from None
        raise files.refusal(exc, display, "reading the file") from None
    return seen, store.read_bytes(path)


def record_write(path: Path, display: str, raw: bytes, expected: bytes, *, summary: str,
                 by: str, digests: tuple[str, str]) -> None:
    """Replace the file with `raw` if it still holds the bytes `expected` (whose digest
    and that of `raw` are `digests`), keeping the version it replaces for undo.

    Writers that use this module wait for each other (the lock). An editor does not
    take the lock: its save is caught by the digest check, and a save that lands
    while the new version is being written by the check of the file's identity,
    size and time just before the rename.
    """
    with files.locked(path, display):
        seen, old = _read_current(path, display)
        if old != expected:
            check_fresh(old, digests[0], display)
            raise StaleFileError(f"{display} changed on disk; nothing was written",
                                 file=display)
        files.check_writable(path, seen, display)
        files.sweep(path)
        folder = _open_folder(path, display, create=True)
        journal = _load(folder)
        entries, position, aligned = _resolve(journal, digests[0])
        # a write that does not follow the journal's versions (the file was edited since)
        # starts a new history: the older versions cannot be reached without losing that edit
        kept_entries = entries[:position] if aligned else []
        new_entries = [*kept_entries, Entry(summary, by, _now(), *digests)][-HISTORY_DEPTH:]
        mode = stat.S_IMODE(seen.st_mode)
        created = _keep(folder, display, path, old, digests[0], mode)
        files.mark("kept", folder)
        try:
            _save(folder, display, new_entries, len(new_entries), pending=True)
            files.mark("pending", folder)
            files.replace(path, raw, mode, display=display,
                          check=_unchanged_since(path, seen, display))
        except BaseException:
            with contextlib.suppress(Exception):  # best effort: a pending entry whose
                _save(folder, display, journal.entries, journal.position,  # write did not
                      journal.pending)  # happen is dropped when read anyway
            if created:
                with contextlib.suppress(OSError):
                    (folder / digests[0]).unlink()
            raise
        # the change happened: clearing the mark and pruning may fail (a full disk), or
        # be lost in a crash, without harm: the pending entry counts once the file holds
        # its result
        with contextlib.suppress(EditError, OSError):
            _save(folder, display, new_entries, len(new_entries), pending=False,
                  durable=False)
            files.mark("recorded", folder)
            _prune(folder, new_entries)


# -------------------------------------------------------------- reading
def history(path: str | os.PathLike | None = None, current: str | None = None) -> History:
    """The explorer's recent writes to the file, placed against the file as it is now
    (`current`: its digest, when the caller has just read it)."""
    path = Path(os.path.realpath(store.data_path(path)))
    folder = folder_of(path)
    journal = _load(folder if folder.is_dir() and not folder.is_symlink() else None)
    if current is None:
        try:
            current = digest(store.read_bytes(path))
        except Exception:  # a missing or unreadable file: nothing can be undone
            return History(path, tuple(journal.entries), journal.position, False)
    entries, position, aligned = _resolve(journal, current)
    return History(path, tuple(entries), position, aligned)


# -------------------------------------------------------------- undo, redo
def undo(path: str | os.PathLike | None = None, expected_digest: str | None = None
         ) -> Change:
    """Put back the version before the explorer's last write still in the file.

    Refused when the file changed since that write (an edit in an editor would be
    lost) or, given `expected_digest`, since the caller read it.
    """
    return _move(path, expected_digest, -1)


def redo(path: str | os.PathLike | None = None, expected_digest: str | None = None
         ) -> Change:
    """Put back the version an `undo` took back (the next undone write).

    Refused when the file changed since the undo, or, given `expected_digest`,
    since the caller read it.
    """
    return _move(path, expected_digest, +1)


def _move(path_arg: str | os.PathLike | None, expected_digest: str | None, step: int
          ) -> Change:
    display = str(store.data_path(path_arg))
    path = Path(os.path.realpath(display))
    what = "undo" if step < 0 else "redo"
    with files.locked(path, display):
        seen, current = _read_current(path, display)
        now = digest(current)
        if expected_digest is not None:
            check_fresh(current, expected_digest, display)
        folder = _open_folder(path, display, create=False)
        journal = _load(folder)
        entries, position, aligned = _resolve(journal, now)
        target_position = position + step
        if not entries or not 0 <= target_position <= len(entries):
            error = NothingToUndo if step < 0 else NothingToRedo
            raise error(f"nothing to {what} for {display}: " + (
                "the explorer has not written it (or its history is gone)" if not entries
                else "no earlier change is kept" if step < 0 else
                "no undone change follows"), file=display)
        entry = entries[position - 1] if step < 0 else entries[position]
        if not aligned:
            raise StaleFileError(
                f"{display} changed since the explorer's last write ({entry.summary}, "
                f"{entry.at}): to {what} it would throw that later edit away. Nothing was "
                "done.", file=display)
        assert folder is not None
        wanted = _state(entries, target_position)
        raw = _version(folder, wanted, display)
        dataset = reread(raw.decode("utf-8-sig"), display)
        files.check_writable(path, seen, display)
        files.sweep(path)
        mode = stat.S_IMODE(seen.st_mode)
        _keep(folder, display, path, current, now, mode)  # to come back to it
        files.replace(path, raw, mode, display=display,
                      check=_unchanged_since(path, seen, display))
        with contextlib.suppress(EditError, OSError):
            _save(folder, display, entries, target_position, pending=False)
            _prune(folder, entries)
    summary = f"undid: {entry.summary}" if step < 0 else f"redid: {entry.summary}"
    return Change(Path(display), summary, now, wanted,
                  replace(dataset, path=Path(display), digest=wanted))
