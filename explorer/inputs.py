"""Opening the files the explorer is given: a regular file only, read up to a limit.

Every input file goes through `open_regular` (streamed) or `read_bytes` (whole):
the data file, articles, corpus manifests, gold files, event files. A FIFO, a
device (`/dev/zero`, `/dev/urandom`), a socket or a folder is refused at once,
from `fstat` of the opened file (never blocking: the open is non-blocking), and a
read never takes more than the limit, whatever an earlier `stat` said. Files
found by scanning a folder are opened with `follow=False`: a symbolic link there
is refused, never read (`regular_files` skips and names such links).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Literal

__all__ = ["Unreadable", "open_regular", "read_bytes", "regular_files"]

Reason = Literal["missing", "directory", "not-regular", "link", "too-large", "unreadable"]


class Unreadable(Exception):
    """Why a file was not read: `reason` (one of `Reason`), and a message naming the file.
    Each caller turns it into its own code (a data problem, an article refusal…)."""

    def __init__(self, file: str, reason: Reason, what: str) -> None:
        super().__init__(f"{file}: {what}")
        self.file, self.reason, self.what = file, reason, what


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: str | os.PathLike, *, follow: bool = True) -> BinaryIO:
    """The file opened for reading, if it is a regular file; else Unreadable at once.

    The open never blocks (O_NONBLOCK: a FIFO without a writer opens and is refused);
    `follow=False` refuses a symbolic link (O_NOFOLLOW), for files found in a scan.
    """
    file = str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Unreadable(file, "missing", "does not exist") from None
    except OSError as exc:
        if not follow and os.path.islink(path):
            raise Unreadable(file, "link", "is a symbolic link; not followed") from None
        raise Unreadable(file, "unreadable", exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:  # pragma: no cover - fstat of an open descriptor
        os.close(fd)
        raise Unreadable(file, "unreadable", exc.strerror or str(exc)) from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise Unreadable(file, "directory", "is a directory")
        kind = _kind(mode)
        raise Unreadable(file, "not-regular",
                         f"is {kind}, not a regular file" if kind.startswith("a ") else kind)
    return os.fdopen(fd, "rb")


def read_bytes(path: str | os.PathLike, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; else Unreadable.

    At most `limit + 1` bytes are ever read: a file that grows, or a size that lies,
    is refused as too large rather than read on.
    """
    file = str(path)

    def too_large(size: int) -> Unreadable:
        return Unreadable(file, "too-large", f"is {size:,} bytes, over the {limit:,}-byte "
                          "limit")

    with open_regular(path, follow=follow) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise too_large(size)
            raw = handle.read(size + 1)
            if len(raw) > size:  # it grew while being read: read on, to the limit
                raw += handle.read(limit + 1 - len(raw))
        except OSError as exc:  # I/O errors, a file whose read fails (/proc/self/mem)
            raise Unreadable(file, "unreadable", exc.strerror or str(exc)) from None
    if len(raw) > limit:
        raise Unreadable(file, "too-large", f"grew over the {limit:,}-byte limit while it "
                         "was read")
    return raw


def regular_files(folder: Path, keep: Callable[[Path], bool],
                  on_link: Callable[[Path], None]) -> list[Path]:
    """The files under `folder` that `keep` accepts, sorted, found without following
    symbolic links (a FIFO or device is listed: `open_regular` refuses it by name). A
    link is never read: one that leads out of the folder (to a file `keep` accepts, or
    to a folder) goes to `on_link`; one that leads to a file or folder inside it is
    passed over (the scan finds that file itself)."""
    root_real = folder.resolve()
    found: list[Path] = []

    def outside(link: Path) -> bool:
        try:
            return not link.resolve().is_relative_to(root_real)
        except (OSError, RuntimeError):  # a loop of links
            return True

    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root)
        for name in dirs:
            if (base / name).is_symlink() and outside(base / name):
                on_link(base / name)
        for name in files:
            path = base / name
            if not keep(path):
                continue
            if path.is_symlink():
                if outside(path):
                    on_link(path)
            else:  # a FIFO or device too: reading it refuses it, by name
                found.append(path)
    return sorted(found)
