"""The Add article page's articles, kept beside the data file so that a reload finds them.

The page's session forgets a pasted article on a reload, a new tab or a page change;
its proposals that name actors the data file lacks are in no file yet. So the page
keeps each article it extracted — the text, the source's fields, which proposed
actors were mapped onto known ones or added — in `.NAME.articles/KEY.json` beside
the data file (ignored by git), where KEY is the start of the SHA-256 of the article's
text,
and the address names KEY (`article=`), never the text. The newest `KEEP` are kept.
A missing, damaged or odd file is no article: the page asks for it again.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from explorer import inputs
from explorer.edit import files
from explorer.edit.errors import EditError
from explorer.extract.documents import MAX_BYTES

__all__ = ["KEEP", "Kept", "find", "folder", "keep"]

#: How many articles are kept beside one data file (the oldest go first).
KEEP = 20
_KEY = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True)
class Kept:
    """One article as the page left it."""

    key: str  # the first 16 hex digits of the SHA-256 of the Document's text
    text: str  # as pasted (front matter included)
    fields: dict[str, str | bool] = field(default_factory=dict)  # widget key → value
    mapped: dict[str, str] = field(default_factory=dict)  # proposed actor id → known actor
    added: tuple[str, ...] = ()  # proposed actors added to the data file


def folder(data: Path) -> Path:
    """`.NAME.articles/` beside the data file `data`."""
    return data.with_name(f".{data.name}.articles")


def find(data: Path, key: str) -> Kept | None:
    """The article kept under `key` beside `data`, or None (none, or not readable)."""
    if not _KEY.fullmatch(key):
        return None
    try:
        raw = json.loads(inputs.read_bytes(folder(data) / f"{key}.json", 4 * MAX_BYTES,
                                           follow=False))
        if not (isinstance(raw, dict) and isinstance(raw.get("fields"), dict)
                and isinstance(raw.get("mapped"), dict) and isinstance(raw.get("added"), list)):
            return None
        kept = Kept(str(raw["key"]), raw["text"], dict(raw["fields"]), dict(raw["mapped"]),
                    tuple(raw["added"]))
    except (inputs.Unreadable, ValueError, KeyError, TypeError, RecursionError):
        return None
    ok = kept.key == key and isinstance(kept.text, str) and all(
        isinstance(k, str) and isinstance(v, (str, bool)) for k, v in kept.fields.items()
    ) and all(isinstance(v, str) for pair in kept.mapped.items() for v in pair) and all(
        isinstance(a, str) for a in kept.added)
    return kept if ok else None


def keep(data: Path, kept: Kept) -> bool:
    """Write the article beside `data` (atomically) and let the oldest beyond `KEEP` go;
    False when the folder cannot be written (the page works on without it)."""
    where = folder(data)
    try:
        where.mkdir(exist_ok=True)
    except OSError:
        return False
    if where.is_symlink() or not where.is_dir():
        return False
    raw = json.dumps(asdict(kept), ensure_ascii=False).encode("utf-8")
    try:
        files.replace(where / f"{kept.key}.json", raw, None, durable=False)
    except EditError:
        return False
    _prune(where)
    return True


def _prune(where: Path) -> None:
    """Let the oldest articles beyond `KEEP` go (another tab may be pruning too)."""
    def age(p: Path) -> float:
        try:
            return p.lstat().st_mtime
        except OSError:
            return 0.0
    files = sorted((p for p in where.glob("*.json") if p.is_file() and not p.is_symlink()),
                   key=age, reverse=True)
    for old in files[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
