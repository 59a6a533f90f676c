"""What a corpus run reads: folders, glob patterns and manifests, as Items with stable keys.

- a folder: every article file under it (`.txt`, `.md`, `.html`…), recursively;
- a glob pattern (quote it so the shell leaves it alone): `'news/2024-*/*.html'`;
- a file: that article;
- a manifest, `.jsonl` (one JSON object a line) or `.csv` (a header row): each
  record holds `path` (relative to the manifest's folder) or `text`, and may hold
  source metadata: `id`, `title`, `publisher`, `published` (or `date`), `url`.

An Item's key names it across runs, so that a resumed run knows what is done:
the absolute path of a file, or for a text given in a manifest its `id` (else a
digest of the text). A manifest row that cannot be used becomes an InputError
naming the file and line, never a stopped run.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from explorer import inputs
from explorer.extract.documents import MAX_BYTES, SUFFIXES

__all__ = ["MANIFEST_SUFFIXES", "META_FIELDS", "InputError", "Item", "resolve"]

MANIFEST_SUFFIXES = (".jsonl", ".csv")
#: Largest manifest read (it is read whole; texts in it count).
MAX_MANIFEST_BYTES = 512 * 2**20
META_FIELDS = ("id", "title", "publisher", "published", "url")
_GLOB = frozenset("*?[")


@dataclass(frozen=True)
class Item:
    """One article to read: a file (`path`) or a text given in a manifest (`text`), with
    the metadata the manifest gives (which wins over the file's own)."""

    key: str
    path: str = ""
    text: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    def as_row(self) -> dict[str, object]:
        return {"key": self.key, "path": self.path, "text": self.text,
                "meta": json.dumps(self.meta, sort_keys=True) if self.meta else None}

    @classmethod
    def from_row(cls, row: dict[str, object]) -> Item:
        meta = row.get("meta")
        return cls(str(row["key"]), str(row.get("path") or ""),
                   row.get("text") if row.get("text") is not None else None,  # type: ignore[arg-type]
                   json.loads(meta) if isinstance(meta, str) and meta else {})


@dataclass(frozen=True)
class InputError:
    """An input that names nothing to read; `where` is a path or `manifest:line`."""

    key: str
    where: str
    message: str
    code: str = "article-missing"  # a key of problems.REFUSALS


def _file_key(path: Path) -> str:
    return path.expanduser().resolve().as_posix()


def _is_article(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def _link_skipped(link: Path) -> InputError:
    return InputError(str(link), str(link), "is a symbolic link; skipped, not followed (give "
                      "the linked file itself to read it)", "article-link-skipped")


def resolve(specs: list[str]) -> tuple[list[Item], list[InputError]]:
    """Every Item the specs name, each key once (in the order given), and the errors."""
    items: dict[str, Item] = {}
    errors: list[InputError] = []

    def add(item: Item) -> None:
        if item.text is None and item.key not in items:
            try:
                mode = os.stat(item.path).st_mode
            except OSError:
                mode = None  # missing or unreadable: reading it says so, as a failed row
            if mode is not None and not stat.S_ISREG(mode):
                errors.append(InputError(item.key, item.path, "is not a regular file (a "
                                         "FIFO, device or folder); give an article file",
                                         "article-not-a-file"))
                return
        items.setdefault(item.key, item)

    def scan(folder: Path) -> list[Path]:
        return inputs.regular_files(folder, _is_article,
                                    lambda link: errors.append(_link_skipped(link)))

    for spec in specs:
        path = Path(spec).expanduser()
        if path.suffix.lower() in MANIFEST_SUFFIXES and path.is_file():
            for found in _manifest(path):
                (add if isinstance(found, Item) else errors.append)(found)  # type: ignore[operator]
        elif path.is_dir():
            for p in scan(path):
                add(Item(_file_key(p), _file_key(p)))
        elif path.exists():
            add(Item(_file_key(path), _file_key(path)))
        elif _GLOB & set(spec):
            matched = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
            files = []
            for p in matched:
                if p.is_symlink() and (p.is_dir() or _is_article(p)):
                    errors.append(_link_skipped(p))
                elif p.is_dir():
                    files += scan(p)
                elif _is_article(p):
                    files.append(p)
            if not files:
                errors.append(InputError(spec, spec, "the pattern matches no article file "
                                         f"({', '.join(SUFFIXES)}); check it, and quote it so "
                                         "the shell does not expand it"))
            for p in files:
                add(Item(_file_key(p), _file_key(p)))
        else:
            errors.append(InputError(spec, spec, "no such file or directory"))
    return list(items.values()), errors


def _manifest(path: Path) -> Iterator[Item | InputError]:
    name = str(path)
    try:
        raw = inputs.read_bytes(path, MAX_MANIFEST_BYTES)
        text = raw.decode("utf-8-sig")
    except inputs.Unreadable as exc:
        yield InputError(_file_key(path), name, f"cannot be read ({exc.what})",
                         "article-unreadable")
        return
    except UnicodeDecodeError as exc:
        yield InputError(_file_key(path), name, f"is not UTF-8 (bad byte at offset "
                         f"{exc.start}); save the manifest as UTF-8", "article-not-utf8")
        return
    rows = _csv_rows(text) if path.suffix.lower() == ".csv" else _jsonl_rows(text)
    for line, row in rows:
        where = f"{name}:{line}"
        if isinstance(row, str):
            yield InputError(where, where, row, "manifest-row")
            continue
        yield _row_item(path, where, row)


def _jsonl_rows(text: str) -> Iterator[tuple[int, dict | str]]:
    for line, content in enumerate(text.splitlines(), 1):
        if not content.strip():
            continue
        try:
            row = json.loads(content)
        except json.JSONDecodeError as exc:
            yield line, f"not valid JSON ({exc.msg} at column {exc.colno}); write one JSON " \
                        "object a line"
            continue
        yield line, row if isinstance(row, dict) else "not a JSON object; write one object " \
                                                        "a line, e.g. {\"path\": \"a.txt\"}"


def _csv_rows(text: str) -> Iterator[tuple[int, dict | str]]:
    reader = csv.DictReader(text.splitlines())
    for row in reader:
        line = reader.line_num
        if None in row:
            yield line, "has more cells than the header row; quote cells that hold commas"
            continue
        yield line, {k.strip(): v for k, v in row.items() if k and v not in (None, "")}


def _row_item(manifest: Path, where: str, row: dict) -> Item | InputError:
    meta = {k: str(row[k]).strip() for k in META_FIELDS if row.get(k) not in (None, "")}
    if "published" not in meta and row.get("date") not in (None, ""):
        meta["published"] = str(row["date"]).strip()
    text, given = row.get("text"), row.get("path")
    if (text in (None, "")) == (given in (None, "")):
        return InputError(where, where, "give either `path` (a file, relative to the "
                          "manifest) or `text` (the article itself), not both or neither",
                          "manifest-row")
    if given not in (None, ""):
        target = Path(str(given)).expanduser()
        if not target.is_absolute():
            target = manifest.parent / target
        return Item(_file_key(target), _file_key(target), None, meta)
    if not isinstance(text, str):
        return InputError(where, where, "`text` is not a string", "manifest-row")
    if len(text.encode("utf-8")) > MAX_BYTES:
        return InputError(where, where, f"the text is over the {MAX_BYTES:,}-byte limit for "
                          "one article; split it or give only the article", "manifest-row")
    key = f"id:{meta['id']}" if meta.get("id") else \
        "text:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return Item(key, where, text, meta)
