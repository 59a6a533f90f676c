"""Files on disk: a lock per data file, atomic replacement, and the system's refusals as data.

Every file the explorer writes — the data file, its history, an export — goes
to a temporary file in the same folder (`.NAME.<random>.tmp`), is flushed and
fsynced, then renamed over its target, and the folder is fsynced: a reader
sees the old file or the new one, never a part of either. A temporary left by
a process that was killed is swept by the next write to the same file.

When the operating system refuses (a full disk, a read-only file system, a
file-size limit, an immutable file, missing permissions) the write raises an
`EditError` whose code names the reason, and nothing is replaced.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from explorer.edit.errors import BusyError, EditError

__all__ = ["LOCK_TIMEOUT", "atomic_write", "check_writable", "fsync_folder", "lock_path",
           "locked", "refusal", "replace", "sweep", "temporary"]

#: Seconds a write waits for another write to the same file to finish.
LOCK_TIMEOUT = 10.0

#: Called with a stage name and a path at each step of a write (tests kill a writer
#: there). None in normal use.
checkpoint: Callable[[str, Path], None] | None = None

_CODES = {
    errno.ENOSPC: "disk-full",
    errno.EDQUOT: "disk-full",
    errno.EFBIG: "file-size-limit",
    errno.EROFS: "read-only-filesystem",
    errno.EPERM: "permission-denied",
    errno.EACCES: "permission-denied",
}


def mark(stage: str, path: Path) -> None:
    """Report a stage of a write to the test hook, if one is set."""
    if checkpoint is not None:
        checkpoint(stage, path)


def refusal(exc: OSError, display: str, doing: str) -> EditError:
    """An OSError as a refusal with a code: `disk-full`, `read-only-filesystem`…"""
    code = _CODES.get(exc.errno or 0, "write-failed")
    reason = exc.strerror or str(exc)
    return EditError(f"{display}: {doing} failed ({reason}); nothing was written", code=code,
                     file=display, errno=errno.errorcode.get(exc.errno or 0, ""))


def temporary(target: Path) -> Path:
    """A fresh temporary name beside `target`: `.NAME.<random>.tmp`."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def sweep(target: Path) -> None:
    """Remove temporaries of `target` left by a writer that died (call under the lock)."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(stale.lstat().st_mode):
                stale.unlink()


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path, display: str) -> Iterator[None]:
    """Hold an exclusive lock on `.NAME.lock` beside the file (released if the process
    dies). The lock file is opened without following links: a planted symbolic link
    is refused, and nothing is created where it points."""
    lock = lock_path(path)
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
    try:
        fd = os.open(lock, flags, 0o644)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            raise EditError(f"{lock} is not a plain file (a symbolic link or a folder); "
                            "nothing was written", code="unsafe-lock", file=display,
                            lock=str(lock)) from None
        raise refusal(exc, display, "taking the lock") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise EditError(f"{lock} is not a plain file; nothing was written",
                            code="unsafe-lock", file=display, lock=str(lock))
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BusyError(f"another write to {display} has been going on for "
                                    f"{LOCK_TIMEOUT:.0f} s (lock {lock}); nothing was "
                                    "written, try again", file=display) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def check_writable(path: Path, info: os.stat_result, display: str) -> None:
    """Refuse to replace a file its owner made read-only (0444), even where the
    folder would let a rename through (and even for root)."""
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o222:
        raise EditError(f"{display} is read-only (mode {mode:o}); nothing was written. "
                        f"To let the explorer change it: chmod u+w {display}",
                        code="read-only-file", file=display)
    if not os.access(path, os.W_OK):
        raise EditError(f"{display} may not be written by this user, or is immutable; "
                        "nothing was written", code="permission-denied", file=display)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(target: Path, raw: bytes, mode: int | None, *, display: str | None = None,
            check: Callable[[Path], None] | None = None, durable: bool = True,
            sync_folder: bool = True) -> None:
    """Write `raw` to a temporary file beside `target`, fsync it, run `check` (which may
    refuse), rename it over `target`, fsync the folder. `mode` None: the usual
    permissions of a new file (0666 less the umask). `durable` False skips both fsyncs,
    `sync_folder` False the folder's (for what a crash may lose: the rename is still
    atomic). On any failure the temporary is removed and `target` is as it was; an
    OSError becomes a refusal with a code."""
    display = display or str(target)
    temp = temporary(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o600 if mode is not None else 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        mark("written", temp)
        if check is not None:
            check(temp)
        os.replace(temp, target)
        mark("renamed", target)
        if durable and sync_folder:
            fsync_folder(target.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise refusal(exc, display, f"writing {target.name}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def atomic_write(target: Path, raw: bytes) -> None:
    """Write a whole file atomically (exports): the folder is created if needed, and the
    file gets the usual permissions (0666 less the umask)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise refusal(exc, str(target), "creating the folder") from None
    replace(target, raw, None)
