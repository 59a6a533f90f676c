"""Writing the data file: minimal, verified, atomic edits that never overwrite someone else's.

A `Draft` is made from the Dataset a caller read. It plans edits on the file's
text: an entry of `actors`, `sources` or `relations` is found by a text scan of
its section, round-tripped alone through ruamel.yaml (comments, quotes and key
order kept) and spliced back; a new entry is emitted in the file's own
indentation and appended. Everything outside the edited entries keeps its
bytes. `commit` then checks that the new text parses to exactly the intended
data and validates, and replaces the file atomically (temporary file, fsync,
rename) under a lock, refusing if the file changed since the caller read it.
The version it replaced is kept beside the file for one `undo`.

Files: `relations.yaml.bak` (the previous version), `.relations.yaml.undo.json`
(what the last change was), `.relations.yaml.lock` (held while writing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import io
import json
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.timestamp import TimeStamp

from explorer import store
from explorer.collector import paused_gc
from explorer.model import Actor, Dataset, Relation, Source
from explorer.parse import ParseFailed, parse_fast, parse_located
from explorer.problems import DataFileError, Problem
from explorer.validate import validate
from explorer.vocabulary import DEFAULT_TYPES

__all__ = [
    "BusyError",
    "Change",
    "Draft",
    "EditError",
    "InvalidChange",
    "LastChange",
    "LayoutError",
    "NothingToUndo",
    "StaleFileError",
    "backup_path",
    "last_change",
    "undo",
]

#: Seconds a write waits for another write to the same file to finish.
LOCK_TIMEOUT = 10.0

#: Called with the temporary file's path just before it is renamed over the data
#: file (tests use it to kill a writer mid-write). None in normal use.
before_rename: Callable[[Path], None] | None = None

MODELS: dict[str, type[BaseModel]] = {"actors": Actor, "sources": Source, "relations": Relation}
_BOM = b"\xef\xbb\xbf"
_ZULU = dt.timezone(dt.timedelta(0), "Z")


# ------------------------------------------------------------------- errors
class EditError(Exception):
    """A write was refused; the data file was not touched."""


class StaleFileError(EditError):
    """The file changed on disk since the caller read it."""


class BusyError(EditError):
    """Another write to the same file holds the lock."""


class NothingToUndo(EditError):
    """There is no change by the explorer that can be undone."""


class LayoutError(EditError):
    """The file is laid out in a way the editor cannot change without reformatting it."""


class InvalidChange(DataFileError):
    """The change would make the file invalid; `problems` are located in the proposed text."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)
        self.args = (f"the change was refused, nothing was written: {self.args[0]}",)


# ------------------------------------------------------------------- result
@dataclass(frozen=True)
class Change:
    """What a write did. `dataset` is the file now on disk, verified: reuse it
    (cache it under `after`) instead of reloading the file."""

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
class LastChange:
    """The explorer's last write to a file, as recorded for `undo`."""

    path: Path
    summary: str
    at: str
    by: str
    before: str  # digest of the version kept in the backup
    after: str  # digest of the version the write produced

    def undoable(self, digest: str) -> bool:
        """True if the file (of this digest) is still what that write produced."""
        return digest == self.after


def backup_path(path: str | os.PathLike) -> Path:
    """Where the version before the last write is kept: `relations.yaml.bak`."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def _undo_record(path: Path) -> Path:
    return path.with_name(f".{path.name}.undo.json")


def _lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


# ------------------------------------------------------------------- layout
_END_OF_SECTION = re.compile(r"\n(?![ \t\r\n#]|-(?:[ \t\r\n]|$))")
_FIRST_CONTENT = re.compile(r"^[ ]*[^ \t\r\n#]", re.MULTILINE)


@dataclass
class _Section:
    """Where a top-level list (`actors:`, `sources:`, `relations:`) sits in the text.

    Items are found by the `-` at the column of the first one; the text is scanned
    with `str` methods (no list of all items is built: a 100k-relation file is 80 MB).
    """

    name: str
    key_line: tuple[int, int] | None  # offsets of the `name:` line (without its newline)
    empty_flow: bool = False  # written `name: []`
    end: int = 0  # offset just past the section's last line
    dash: int = 2  # column of the items' `-`
    content: int = 4  # column of the items' first key
    first: int | None = None  # offset of the first item's line
    count: int = 0  # number of items
    spaced: bool = False  # the last item is preceded by a blank line

    @property
    def _mark(self) -> str:
        return "\n" + " " * self.dash + "-"

    def _items(self) -> re.Pattern[str]:
        return re.compile(re.escape(self._mark) + r"(?=[ \t\r\n])")

    def start_of(self, index: int, entry_id: str, text: str) -> int:
        """Offset of item `index` (whose id is `entry_id`): found by its `- id:` line
        when it starts so, else by counting items."""
        head = re.compile(re.escape(self._mark) + r"[ ]+(['\"]?)id\1[ \t]*:[ \t]*(['\"]?)"
                          + re.escape(entry_id) + r"\2[ \t]*(?:#[^\n]*)?\r?\n")
        found = head.search(text, self.first - 1, self.end)
        if found:
            return found.start() + 1
        for n, match in enumerate(self._items().finditer(text, self.first - 1, self.end)):
            if n == index:
                return match.start() + 1
        raise LayoutError(f"item {index + 1} of `{self.name}:` not found")

    def last_start(self, text: str) -> int:
        position = self.end
        while True:
            found = text.rfind(self._mark, self.first - 1, position)
            if text[found + len(self._mark): found + len(self._mark) + 1] in (" ", "\t", "\n",
                                                                              "\r"):
                return found + 1
            position = found

    def span(self, start: int, text: str) -> tuple[int, int]:
        """Offsets of the item starting at `start`: from its `-` line to its last line
        (comments and blank lines after it, at the items' indentation or less, stay out)."""
        following = self._items().search(text, start, self.end)
        stop = following.start() + 1 if following else self.end
        while stop > start:
            line_start = text.rfind("\n", start, stop - 1) + 1
            if line_start <= start:
                break
            line = text[line_start:stop]
            body = line.lstrip(" ")
            if body.strip() and not (body.startswith("#") and len(line) - len(body) <= self.dash):
                break
            stop = line_start
        return start, stop


def _scan(text: str, name: str) -> _Section:
    key = re.search(rf"^(['\"]?){name}\1[ \t]*:(?P<rest>[^\n]*)$", text, re.MULTILINE)
    if key is None:
        return _Section(name, None, end=len(text))
    rest = key.group("rest").split(" #")[0].strip()
    section = _Section(name, (key.start(), key.end()))
    body = key.end() + 1 if key.end() < len(text) else key.end()
    after = _END_OF_SECTION.search(text, key.end())
    section.end = after.start() + 1 if after else len(text)
    if rest == "[]":
        section.empty_flow = True
        return section
    if rest:
        raise LayoutError(f"`{name}:` is written in flow style ({rest[:30]}…); write it as a "
                          "block list (`- ` items, one per line) to let the explorer edit it")
    first = _FIRST_CONTENT.search(text, body, section.end)
    if first is None:
        return section
    if text[first.end() - 1] != "-":
        raise LayoutError(f"`{name}:` does not hold a list of `- ` items")
    section.first = first.start()
    section.dash = first.end() - 1 - first.start()
    first_key = re.compile(r"-[ ]*").match(text, first.end() - 1)
    section.content = section.dash + (first_key.end() - first_key.start())
    if first_key.end() < len(text) and text[first_key.end()] in "\r\n":  # `-` alone on its line
        following = re.compile(r"\n([ ]*)[^ \r\n]").search(text, first_key.end())
        section.content = len(following.group(1)) if following else section.dash + 2
    # `-` at the items' column starts an item (nothing else can start there)
    section.count = text.count(section._mark, section.first - 1, section.end)
    last = section.last_start(text)
    before_last = text.rfind("\n", 0, last - 1)
    section.spaced = section.count > 1 and text[before_last + 1: last].strip() == ""
    return section


def _may_hold_nodes_by_reference(text: str) -> bool:
    """True if an anchor, alias or tag could stand somewhere (a cheap over-approximation):
    then an entry's text is not self-contained and the whole file is re-read."""
    for char in "&*!":
        index = text.find(char)
        while index != -1:
            before = text[index - 1] if index else " "
            after = text[index + 1: index + 2]
            if before in " \t\r\n[{,:-?" and (char == "!" or after not in " \t\r\n"):
                return True
            index = text.find(char, index + 1)
    return "\n---" in text or "\n..." in text


# ------------------------------------------------------------ YAML emitting
def _editor(section: _Section) -> YAML:
    """ruamel.yaml in round-trip mode, indented like the section: comments, key order
    and quoting survive; it builds plain values only (no objects from tags)."""
    editor = YAML()
    editor.preserve_quotes = True
    editor.width = 1 << 20  # never fold a long line
    editor.indent(mapping=2, sequence=max(section.content, section.dash + 2),
                  offset=section.dash)
    return editor


def _dump(editor: YAML, item: Any) -> str:
    buffer = io.StringIO()
    editor.dump({"_": CommentedSeq([item])}, buffer)
    return buffer.getvalue().removeprefix("_:\n")


def _node(key: str, value: Any) -> Any:
    """A plain value as ruamel should write it, in the style of the curated file."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python", exclude_defaults=True)
    if isinstance(value, Mapping):
        out = CommentedMap()
        for k, v in value.items():
            if v is not None:
                out[k] = _node(k, v)
        return out
    if isinstance(value, list | tuple):
        seq = CommentedSeq(_node(key, v) for v in value)
        if all(not isinstance(v, Mapping | BaseModel | list | tuple) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dt.datetime) and not isinstance(value, TimeStamp):
        utc = value.astimezone(dt.UTC) if value.tzinfo else value
        stamp = TimeStamp(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second,
                          tzinfo=_ZULU if value.tzinfo else None)
        stamp._yaml["t"] = True  # written 2026-01-31T09:30:00Z
        return stamp
    if isinstance(value, str) and not isinstance(value, ScalarString):
        if "\n" in value.strip("\n") and key != "quote":
            return LiteralScalarString(value)
        if key == "quote":
            return DoubleQuotedScalarString(value)
    return value


def _plain(value: Any) -> Any:
    """ruamel's round-trip values as plain Python values."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    for kind in (int, float, str):
        if isinstance(value, kind):
            return kind(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, value.hour, value.minute,
                           value.second, value.microsecond, value.tzinfo)
    return value


def _keep_anchors(node: Any) -> None:
    """Keep every anchor (`&name`) of an entry: another entry may refer to it."""
    anchor = getattr(node, "anchor", None)
    if anchor is not None and getattr(anchor, "value", None):
        anchor.always_dump = True
    if isinstance(node, Mapping):
        for value in node.values():
            _keep_anchors(value)
    elif isinstance(node, list):
        for value in node:
            _keep_anchors(value)


def _ordered(section: str, entry: Mapping[str, Any]) -> dict[str, Any]:
    """The entry's keys in the model's field order (unknown keys last)."""
    order = {name: i for i, name in enumerate(MODELS[section].model_fields)}
    keys = sorted(entry, key=lambda k: order.get(k, len(order)))
    return {k: entry[k] for k in keys if entry[k] is not None}


def _set(node: CommentedMap, section: str, key: str, value: Any) -> None:
    """Set one key, leaving its text alone when the value is unchanged; a new key goes
    where the model's field order puts it."""
    if value is None:
        node.pop(key, None)
        return
    if key in node:
        if _plain(node[key]) == _plain(value):
            return
        node[key] = _node(key, value)
        return
    order = list(MODELS[section].model_fields)
    rank = order.index(key) if key in order else len(order)
    position = len(node)
    for i, existing in enumerate(node):
        if existing in order and order.index(existing) > rank:
            position = i
            break
    node.insert(position, key, _node(key, value))


# ------------------------------------------------------------------- drafts
@dataclass
class _Edit:
    section: str
    index: int | None  # None: a new entry
    values: dict[str, Any] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)
    extend: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class _Splice:
    """New text for `text[start:stop]`, holding these entries: (index or None, intended data)."""

    start: int
    stop: int
    text: str
    section: str
    entries: list[tuple[int | None, dict[str, Any]]]


class Draft:
    """Edits planned against the file as the caller read it (`dataset.digest`).

    Creating one reads the file and refuses at once if it changed since; `commit`
    verifies and writes. Typical use::

        draft = Draft(dataset)
        draft.update("relations", "rus-prk-oil", {"status": "curated"})
        change = draft.commit("accepted rus-prk-oil")
    """

    def __init__(self, dataset: Dataset):
        if dataset.path is None:
            raise EditError("this data was not read from a file: there is nothing to write to")
        self.dataset = dataset
        self.path = Path(os.path.realpath(dataset.path))
        self.display = str(dataset.path)
        raw = _read(self.path, self.display)
        _check_fresh(raw, dataset.digest, self.display)
        self.bom = raw.startswith(_BOM)
        self.text = raw[len(_BOM) if self.bom else 0:].decode("utf-8")
        self.newline = "\r\n" if "\r\n" in self.text[:4096] else "\n"
        self.raw = raw
        self.edits: list[_Edit] = []

    # planning -----------------------------------------------------------
    def index(self, section: str, entry_id: str) -> int:
        """Position of an entry in its section."""
        lookup = {"actors": self.dataset.actor, "sources": self.dataset.source,
                  "relations": self.dataset.relation}[section]
        try:  # the entry object itself is in the tuple: index() finds it by identity
            return getattr(self.dataset, section).index(lookup(entry_id))
        except (KeyError, ValueError):
            raise EditError(f"{self.display}: no entry `{entry_id}` under `{section}:`") from None

    def update(self, section: str, entry_id: str, values: Mapping[str, Any] | None = None, *,
               drop: Iterable[str] = (), extend: Mapping[str, Sequence[Any]] | None = None
               ) -> None:
        """Set keys of an entry (a None value removes the key), remove keys, append items
        to lists (`extend={"evidence": [item]}`). Unchanged values keep their text."""
        index = self.index(section, entry_id)
        edit = next((e for e in self.edits if e.section == section and e.index == index), None)
        if edit is None:
            edit = _Edit(section, index)
            self.edits.append(edit)
        for key, value in (values or {}).items():
            if value is None:
                edit.drop.add(key)
                edit.values.pop(key, None)
            else:
                edit.values[key] = value
                edit.drop.discard(key)
        for key in drop:
            edit.drop.add(key)
            edit.values.pop(key, None)
        for key, items in (extend or {}).items():
            edit.extend.setdefault(key, []).extend(items)

    def append(self, section: str, entry: Mapping[str, Any]) -> None:
        """Add an entry at the end of a section (`actors`, `sources` or `relations`)."""
        if section not in MODELS:
            raise EditError(f"cannot add to `{section}`: only to {', '.join(MODELS)}")
        self.edits.append(_Edit(section, None, values=_ordered(section, dict(entry))))

    # writing ------------------------------------------------------------
    def commit(self, summary: str, *, by: str = "") -> Change:
        """Verify the edits and write them atomically, or refuse and write nothing.

        Raises StaleFileError (the file changed since it was read), InvalidChange
        (the result would not validate: located problems), BusyError, LayoutError.
        A draft whose edits change nothing writes nothing (`change.changed` is False).
        """
        with paused_gc():
            return self._commit(summary, by)

    def _commit(self, summary: str, by: str) -> Change:
        text = self.text
        sections = {e.section: _scan(text, e.section) for e in self.edits}
        whole_file = _may_hold_nodes_by_reference(text)
        for name, section in sections.items():
            expected = len(getattr(self.dataset, name))
            if section.count != expected:
                raise LayoutError(
                    f"{self.display}: could not find the {expected} entries of `{name}:` line "
                    f"by line (found {section.count} `- ` lines at the list's "
                    "indentation); nothing was written. Check that no line inside an entry "
                    "starts at the column of its `-`.")
            whole_file = whole_file or not section.count
        splices: list[_Splice] = []
        for edit in self.edits:
            if edit.index is not None:
                splice = self._update(edit, sections[edit.section], text)
                if splice is not None:
                    splices.append(splice)
        for name, section in sections.items():
            new = [e for e in self.edits if e.section == name and e.index is None]
            if new:
                splices.append(self._append(section, new, text))
        if not splices:
            return Change(Path(self.display), summary, self.dataset.digest, self.dataset.digest,
                          self.dataset)
        splices.sort(key=lambda s: (s.start, s.stop))
        new_text, lines = _splice(text, splices)
        raw = (_BOM if self.bom else b"") + new_text.encode("utf-8")
        new_digest = digest(raw)
        if whole_file:
            dataset = self._verify_whole(new_text, splices, new_digest)
        else:
            dataset = self._verify_entries(new_text, splices, new_digest)
        _write(self.path, self.display, raw, self.raw, summary=summary, by=by,
               digests=(self.dataset.digest, new_digest))
        return Change(Path(self.display), summary, self.dataset.digest, new_digest, dataset, lines)

    def _update(self, edit: _Edit, section: _Section, text: str) -> _Splice | None:
        entry = getattr(self.dataset, edit.section)[edit.index]
        start, stop = section.span(section.start_of(edit.index, entry.id, text), text)
        source = text[start:stop].replace("\r\n", "\n")
        if not source.endswith("\n"):
            source += "\n"
        editor = _editor(section)
        try:
            node = editor.load("_:\n" + source)["_"][0]
        except Exception as exc:  # ruamel raises many kinds; any means "cannot edit here"
            why = str(exc).splitlines()[0]
            if "undefined alias" in why:
                why = "it uses an alias (*) of an anchor (&) defined elsewhere"
            raise LayoutError(f"{self.display}: cannot edit `{entry.id}` on its own ({why}); "
                              "nothing was written. Edit it in the file by hand.") from None
        _keep_anchors(node)
        old = _plain(node)
        if _validated(MODELS[edit.section], old) != entry:
            raise LayoutError(f"{self.display}: the lines found for `{entry.id}` do not hold "
                              "it exactly; nothing was written")
        before = _dump(editor, node)
        for key in edit.drop:
            node.pop(key, None)
        for key, value in edit.values.items():
            _set(node, edit.section, key, value)
        for key, items in edit.extend.items():
            if key in node and isinstance(node[key], list):
                for item in items:
                    node[key].append(_node(key, item))
            else:
                _set(node, edit.section, key, list(items))
        after = _dump(editor, node)
        if after == before:
            return None
        # ruamel writes back most entries exactly as they were; one whose layout it
        # cannot reproduce comes out in its own style (still within the entry's lines)
        return _Splice(start, stop, after.replace("\n", self.newline), edit.section,
                       [(edit.index, _plain(node))])

    def _append(self, section: _Section, edits: list[_Edit], text: str) -> _Splice:
        editor = _editor(section)
        nl = self.newline
        nodes = [_node("", e.values) for e in edits]
        blocks = [_dump(editor, node).replace("\n", nl) for node in nodes]
        entries: list[tuple[int | None, dict[str, Any]]] = [(None, _plain(n)) for n in nodes]
        name = section.name
        if section.key_line is None:  # no such section yet: start it at the end
            lead = "" if not text or text.endswith("\n") else nl
            return _Splice(len(text), len(text), f"{lead}{nl}{name}:{nl}" + "".join(blocks),
                           name, entries)
        if not section.count:  # `name: []` or `name:` with nothing under it
            key_start, key_end = section.key_line
            line = text[key_start:key_end].rstrip("\r")
            comment = line[line.index(" #"):] if " #" in line else ""
            end = key_end + (len(nl) if text.startswith(nl, key_end) else 0)
            return _Splice(key_start, end, f"{name}:{comment}{nl}" + "".join(blocks), name,
                           entries)
        _, stop = section.span(section.last_start(text), text)
        lead = "" if text[:stop].endswith("\n") else nl
        gap = nl if section.spaced else ""
        return _Splice(stop, stop, lead + "".join(gap + b for b in blocks), name, entries)

    # verifying ----------------------------------------------------------
    def _verify_entries(self, new_text: str, splices: list[_Splice], new_digest: str
                        ) -> Dataset:
        """Check the spliced entries alone: each parses to what was intended and
        validates with what it refers to (or, when actors or sources change, with every
        actor and source). The rest of the text is the bytes that validated before,
        untouched; none of it refers to anything by anchor, alias or tag (else
        `_verify_whole` runs instead)."""
        before = self.dataset
        parsed: list[tuple[str, int | None, Any, dict[str, Any]]] = []
        for splice in splices:
            items = _parse_items(splice.text, len(splice.entries), self.display)
            parsed += [(splice.section, index, item, expected)
                       for item, (index, expected) in zip(items, splice.entries, strict=True)]
        whole = any(section != "relations" for section, _, _, _ in parsed)
        if whole:
            context = {name: [_dump_model(e) for e in getattr(before, name)]
                       for name in ("actors", "sources")}
        else:
            context = _referenced(before, [item for _, _, item, _ in parsed])
        document: dict[str, Any] = {
            "version": 1, **context, "relations": [], "relation_types": [
                _dump_model(t) for t in before.types[len(DEFAULT_TYPES):]]}
        positions = []
        for section, index, item, _ in parsed:
            entries = document[section]
            if section == "relations" or index is None:
                entries.append(item)
                positions.append(len(entries) - 1)
            else:
                entries[index] = item
                positions.append(index)
        model, findings = validate(document)
        if model is None or self._reuses_an_id(parsed):
            self._refuse(new_text)
        relations = list(before.relations)
        for (section, index, _, expected), position in zip(parsed, positions, strict=True):
            got = getattr(model, section)[position]
            if _validated(MODELS[section], expected) != got:
                raise EditError(f"{self.display}: the edit of `{got.id}` did not produce the "
                                "intended data; nothing was written")
            if section == "relations":
                if index is None:
                    relations.append(got)
                else:
                    relations[index] = got
        if whole:  # warnings concern actors and sources, all of which were checked
            warnings = tuple(f.locate(None, self.display) for f in findings if not f.is_error)
            actors, sources = model.actors, model.sources
        else:
            warnings, actors, sources = before.warnings, before.actors, before.sources
        return Dataset(actors=actors, sources=sources, relations=tuple(relations),
                       types=before.types, path=before.path, digest=new_digest,
                       warnings=warnings)

    def _reuses_an_id(self, parsed: list[tuple[str, int | None, Any, dict[str, Any]]]
                      ) -> bool:
        """True if a new or changed entry takes the id of another entry of the file."""
        for section, index, item, _ in parsed:
            new_id = item.get("id") if isinstance(item, dict) else None
            entries = getattr(self.dataset, section)
            if index is not None and entries[index].id == new_id:
                continue
            exists = {"actors": self.dataset.has_actor, "relations": self.dataset.has_relation,
                      "sources": lambda i: any(s.id == i for s in self.dataset.sources)}
            if isinstance(new_id, str) and exists[section](new_id):
                return True
        return False

    def _verify_whole(self, new_text: str, splices: list[_Splice], new_digest: str
                      ) -> Dataset:
        """Re-read the whole new text through the read path and compare with the intent."""
        after = _reread(new_text, self.display)
        wanted = {name: list(getattr(self.dataset, name)) for name in MODELS}
        for splice in splices:
            for index, expected in splice.entries:
                model = _validated(MODELS[splice.section], expected)
                if index is None:
                    wanted[splice.section].append(model)
                else:
                    wanted[splice.section][index] = model
        for name in MODELS:
            if list(getattr(after, name)) != wanted[name]:
                raise EditError(f"{self.display}: the edit did not produce the intended "
                                f"`{name}`; nothing was written")
        if after.types != self.dataset.types:
            raise EditError(f"{self.display}: the edit changed the relation types; "
                            "nothing was written")
        return replace(after, path=self.dataset.path, digest=new_digest)

    def _refuse(self, new_text: str) -> None:
        """Raise InvalidChange with the problems of the whole proposed text, located."""
        _reread(new_text, self.display)
        raise InvalidChange([Problem("duplicate-id", "an entry this change adds reuses an id",
                                     file=self.display)])


def _reread(text: str, display: str) -> Dataset:
    """The whole text through the read path; InvalidChange with located errors if invalid."""
    try:
        return store.load_text(text, display)
    except DataFileError as exc:
        raise InvalidChange(exc.errors or exc.problems) from None


def _dump_model(entry: BaseModel) -> dict[str, Any]:
    return entry.model_dump(mode="json", exclude_defaults=True)


def _referenced(dataset: Dataset, relations: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """The actors and sources these relations name, with those they represent or derive
    from: all a relation's references are checked against."""
    actors: dict[str, Any] = {}
    sources: dict[str, Any] = {}
    wanted_actors: list[Any] = []
    wanted_sources: list[Any] = []
    for relation in relations:
        if not isinstance(relation, dict):
            continue
        wanted_actors += [relation.get("source"), relation.get("target")]
        for item in relation.get("evidence") or ():
            if isinstance(item, dict):
                wanted_actors.append(item.get("speaker"))
                wanted_sources.append(item.get("source"))
    while wanted_actors:
        actor_id = wanted_actors.pop()
        if isinstance(actor_id, str) and actor_id not in actors and dataset.has_actor(actor_id):
            actors[actor_id] = dataset.actor(actor_id)
            wanted_actors.append(actors[actor_id].represents)
    known = {s.id: s for s in dataset.sources}
    while wanted_sources:
        source_id = wanted_sources.pop()
        if isinstance(source_id, str) and source_id not in sources and source_id in known:
            sources[source_id] = known[source_id]
            wanted_sources.append(known[source_id].derived_from)
    return {"actors": [_dump_model(a) for a in actors.values()],
            "sources": [_dump_model(s) for s in sources.values()]}


def _validated(model: type[BaseModel], data: Any) -> BaseModel | None:
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _parse_items(block: str, count: int, file: str) -> list[Any]:
    """The `- ` items of new text, read the way the read path reads the file."""
    lines = block.splitlines(keepends=True)
    while lines and not lines[0].lstrip().startswith("-"):  # a section key or blank lines
        lines.pop(0)
    text = "_:\n" + "".join(lines)
    try:
        data = parse_fast(text)
    except ParseFailed:
        located = parse_located(text)
        if located.problems:
            raise EditError(f"{file}: the new text of an entry does not parse "
                            f"({located.problems[0].message}); nothing was written") from None
        data = located.data
    items = data.get("_") if isinstance(data, dict) else None
    if not isinstance(items, list) or len(items) != count:
        raise EditError(f"{file}: the new text does not hold the {count} entries intended; "
                        "nothing was written")
    return items


def _splice(text: str, splices: list[_Splice]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Put each splice's text in place; return the new text and, per splice, the first
    and last line (1-based) of its non-blank new text."""
    out: list[str] = []
    lines: list[tuple[int, int]] = []
    position, line = 0, 1
    for splice in splices:
        if splice.start < position:
            raise EditError("two edits overlap; nothing was written")
        line += text.count("\n", position, splice.start)
        out.append(text[position:splice.start])
        body = splice.text.lstrip("\r\n")
        first = line + splice.text[: len(splice.text) - len(body)].count("\n")
        lines.append((first, first + body.rstrip("\r\n").count("\n")))
        out.append(splice.text)
        line += splice.text.count("\n")
        position = splice.stop
    out.append(text[position:])
    return "".join(out), tuple(lines)


# ----------------------------------------------------------- file handling
def _read(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataFileError([Problem("file-missing", f"{display} does not exist",
                                     file=display)]) from None
    except OSError as exc:
        raise DataFileError([Problem("file-unreadable", f"{display}: {exc.strerror or exc}",
                                     file=display)]) from None


def _check_fresh(raw: bytes, expected: str, display: str) -> None:
    found = digest(raw)
    if found != expected:
        raise StaleFileError(
            f"{display} changed on disk since it was read (it was saved in an editor, or "
            f"another window wrote to it): expected content {expected[:12]}…, found "
            f"{found[:12]}…. Nothing was written; reload the file and make the change again.")


@contextlib.contextmanager
def _locked(path: Path, display: str) -> Iterator[None]:
    """Hold an exclusive lock on `.NAME.lock` beside the file (released if the process dies)."""
    lock = _lock_path(path)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BusyError(f"another write to {display} has been going on for "
                                    f"{LOCK_TIMEOUT:.0f} s (lock {lock}); nothing was written, "
                                    "try again") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def _write_file(target: Path, raw: bytes, mode: int,
                check: Callable[[Path], None] | None = None) -> None:
    """Write `raw` to a temporary file beside `target`, fsync it, run `check` (which may
    refuse), rename it over `target`."""
    temp = _temp(target)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if check is not None:
            check(temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _keep_backup(path: Path, old: bytes, mode: int) -> None:
    """Make `relations.yaml.bak` the current version: a hard link to it (no copy), or a
    copy where the file system has no hard links."""
    target = backup_path(path)
    temp = _temp(target)
    try:
        os.link(path, temp)
    except OSError:
        _write_file(target, old, mode)
        return
    os.replace(temp, target)


def _write(path: Path, display: str, raw: bytes, expected: bytes, *, summary: str, by: str,
           digests: tuple[str, str]) -> None:
    """Replace the file with `raw` if it still holds the bytes `expected` (whose digest
    and that of `raw` are `digests`); keep the old version as the backup and record
    the change for `undo`.

    Writers that use this module wait for each other (the lock). An editor does not
    take the lock: its save is caught by the digest check, and a save that lands
    while the new version is being written by the check of the file's identity,
    size and time just before the rename.
    """
    with _locked(path, display):
        seen = os.stat(path)
        old = _read(path, display)
        if old != expected:
            _check_fresh(old, digests[0], display)
            raise StaleFileError(f"{display} changed on disk; nothing was written")
        for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a writer that died
            with contextlib.suppress(OSError):
                stale.unlink()
        mode = stat.S_IMODE(seen.st_mode)
        record = {"file": path.name, "summary": summary, "by": by,
                  "at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                  "before": digests[0], "after": digests[1]}
        _keep_backup(path, old, mode)
        _write_file(_undo_record(path), json.dumps(record, indent=1).encode(), 0o644)

        def still_unchanged(temp: Path) -> None:
            if before_rename is not None:
                before_rename(temp)
            now = os.stat(path)
            if (now.st_ino, now.st_size, now.st_mtime_ns) != \
                    (seen.st_ino, seen.st_size, seen.st_mtime_ns):
                raise StaleFileError(f"{display} was saved by another program while this "
                                     "change was being written; nothing was written. Reload "
                                     "the file and make the change again.")

        _write_file(path, raw, mode, check=still_unchanged)
        _fsync_dir(path.parent)


# --------------------------------------------------------------------- undo
def last_change(path: str | os.PathLike | None = None) -> LastChange | None:
    """The explorer's last recorded write to the file, or None."""
    path = Path(os.path.realpath(store.data_path(path)))
    try:
        record = json.loads(_undo_record(path).read_text(encoding="utf-8"))
        if not backup_path(path).is_file():
            return None
        return LastChange(path, str(record["summary"]), str(record["at"]), str(record["by"]),
                          str(record["before"]), str(record["after"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def undo(path: str | os.PathLike | None = None, expected_digest: str | None = None, *,
         by: str = "") -> Change:
    """Put back the version before the explorer's last write (undo twice to redo).

    Refused when the file changed since that write (an edit in an editor would be
    lost) or, given `expected_digest`, since the caller read it.
    """
    display = str(store.data_path(path))
    last = last_change(path)
    if last is None:
        raise NothingToUndo(f"nothing to undo for {display}: the explorer has not written it "
                            "(or its backup is gone)")
    current = _read(last.path, display)
    if expected_digest is not None:
        _check_fresh(current, expected_digest, display)
    if digest(current) != last.after:
        raise StaleFileError(
            f"{display} changed since the explorer's last write ({last.summary}, {last.at}): "
            "undoing it would throw that later edit away. Nothing was done; the version "
            f"before that write is still in {backup_path(display)}.")
    previous = _read(backup_path(last.path), str(backup_path(display)))
    if digest(previous) != last.before:
        raise EditError(f"{backup_path(display)} is not the version the last write replaced; "
                        "nothing was done")
    dataset = replace(_reread(previous.decode("utf-8-sig"), display), path=Path(display),
                      digest=last.before)
    summary = f"undo: {last.summary}"
    # written only if the file is still what the last write produced (checked under the lock)
    _write(last.path, display, previous, current, summary=summary, by=by,
           digests=(last.after, last.before))
    return Change(Path(display), summary, last.after, last.before, dataset)
