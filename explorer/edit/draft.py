"""A draft of edits to the data file: planned against the version the caller read,
verified, then written.

A `Draft` is made from the Dataset a caller read. It plans edits on the file's
text: an entry of `actors`, `sources` or `relations` is found by a scan of its
section (`layout`), round-tripped alone through ruamel.yaml (`emit`: comments,
quotes and key order kept) and spliced back; a new entry is emitted in the
file's own indentation and appended; a relation can be removed. Everything
outside the edited entries keeps its bytes. `commit` checks that the new text
parses to exactly the intended data and validates (`verify`), then replaces the
file atomically under a lock, refusing if the file changed since the caller
read it, and keeps the version it replaced for undo (`versions`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer import store
from explorer.collector import paused_gc
from explorer.edit import emit
from explorer.edit.errors import EditError, LayoutError
from explorer.edit.layout import Section, Splice, may_hold_nodes_by_reference, scan, splice
from explorer.edit.verify import EDITABLE_SECTIONS, validated, verify
from explorer.edit.versions import Change, check_fresh, digest, record_write
from explorer.model import SECTION_MODELS, Dataset

__all__ = ["Draft"]

_BOM = b"\xef\xbb\xbf"


@dataclass
class _Edit:
    section: str
    index: int | None  # None: a new entry
    values: dict[str, Any] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)
    extend: dict[str, list[Any]] = field(default_factory=dict)
    remove: bool = False


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
            raise EditError("this data was not read from a file: there is nothing to write to",
                            code="not-from-a-file")
        self.dataset = dataset
        self.path = Path(os.path.realpath(dataset.path))
        self.display = str(dataset.path)
        raw = store.read_bytes(self.path)
        check_fresh(raw, dataset.digest, self.display)
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
            raise EditError(f"{self.display}: no entry `{entry_id}` under `{section}:`",
                            code="no-such-relation" if section == "relations" else "unverified",
                            file=self.display, entry=entry_id) from None

    def update(self, section: str, entry_id: str, values: Mapping[str, Any] | None = None, *,
               drop: Iterable[str] = (), extend: Mapping[str, Sequence[Any]] | None = None
               ) -> None:
        """Set keys of an entry (a None value removes the key), remove keys, append items
        to lists (`extend={"evidence": [item]}`). Unchanged values keep their text."""
        index = self.index(section, entry_id)
        edit = next((e for e in self.edits if e.section == section and e.index == index), None)
        if edit is not None and edit.remove:
            raise EditError(f"`{entry_id}` is removed by this draft: it cannot also change",
                            code="unverified", file=self.display)
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
        if section not in EDITABLE_SECTIONS:
            raise EditError(f"cannot add to `{section}`: only to "
                            f"{', '.join(EDITABLE_SECTIONS)}", code="unverified")
        self.edits.append(_Edit(section, None, values=emit.ordered(section, dict(entry))))

    def remove(self, section: str, entry_id: str) -> None:
        """Take a relation out of the file (its lines, and the blank lines after them).
        Actors and sources are not removed: relations may name them."""
        if section != "relations":
            raise EditError(f"cannot remove from `{section}`: only relations are removed",
                            code="unverified")
        index = self.index(section, entry_id)
        if any(e.section == section and e.index == index for e in self.edits):
            raise EditError(f"`{entry_id}` is changed by this draft: it cannot also be "
                            "removed", code="unverified", file=self.display)
        self.edits.append(_Edit(section, index, remove=True))

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
        sections = {e.section: scan(text, e.section) for e in self.edits}
        whole_file = may_hold_nodes_by_reference(text)
        for name, section in sections.items():
            expected = len(getattr(self.dataset, name))
            if section.count != expected:
                raise LayoutError(
                    f"{self.display}: could not find the {expected} entries of `{name}:` line "
                    f"by line (found {section.count} `- ` lines at the list's "
                    "indentation); nothing was written. Check that no line inside an entry "
                    "starts at the column of its `-`.", file=self.display)
            whole_file = whole_file or not section.count
        splices: list[Splice] = []
        for edit in self.edits:
            if edit.remove:
                splices.append(self._remove(edit, sections[edit.section], text))
            elif edit.index is not None:
                piece = self._update(edit, sections[edit.section], text)
                if piece is not None:
                    splices.append(piece)
        for name, section in sections.items():
            new = [e for e in self.edits if e.section == name and e.index is None]
            if new:
                splices.append(self._append(section, new, text))
        if not splices:
            return Change(Path(self.display), summary, self.dataset.digest, self.dataset.digest,
                          self.dataset)
        splices.sort(key=lambda s: (s.start, s.stop))
        new_text, lines = splice(text, splices)
        raw = (_BOM if self.bom else b"") + new_text.encode("utf-8")
        new_digest = digest(raw)
        dataset = verify(self.dataset, self.display, new_text, splices, new_digest,
                         whole=whole_file)
        record_write(self.path, self.display, raw, self.raw, summary=summary, by=by,
                     digests=(self.dataset.digest, new_digest))
        return Change(Path(self.display), summary, self.dataset.digest, new_digest, dataset, lines)

    def _entry_node(self, edit: _Edit, section: Section, text: str) -> tuple[int, int, Any]:
        """The entry's offsets in the text and its ruamel node, checked to hold it exactly."""
        entry = getattr(self.dataset, edit.section)[edit.index]
        start, stop = section.span(section.start_of(edit.index, entry.id, text), text)
        source = text[start:stop].replace("\r\n", "\n")
        if not source.endswith("\n"):
            source += "\n"
        try:
            node = emit.editor(section).load("_:\n" + source)["_"][0]
        except Exception as exc:  # ruamel raises many kinds; any means "cannot edit here"
            why = str(exc).splitlines()[0]
            if "undefined alias" in why:
                why = "it uses an alias (*) of an anchor (&) defined elsewhere"
            raise LayoutError(f"{self.display}: cannot edit `{entry.id}` on its own ({why}); "
                              "nothing was written. Edit it in the file by hand.",
                              file=self.display, entry=entry.id) from None
        emit.keep_anchors(node)
        if validated(SECTION_MODELS[edit.section], emit.plain(node)) != entry:
            raise LayoutError(f"{self.display}: the lines found for `{entry.id}` do not hold "
                              "it exactly; nothing was written", file=self.display,
                              entry=entry.id)
        return start, stop, node

    def _update(self, edit: _Edit, section: Section, text: str) -> Splice | None:
        start, stop, node = self._entry_node(edit, section, text)
        yaml = emit.editor(section)
        before = emit.dump(yaml, node)
        for key in edit.drop:
            node.pop(key, None)
        for key, value in edit.values.items():
            emit.set_key(node, edit.section, key, value)
        for key, items in edit.extend.items():
            if key in node and isinstance(node[key], list):
                for item in items:
                    node[key].append(emit.to_node(key, item))
            else:
                emit.set_key(node, edit.section, key, list(items))
        after = emit.dump(yaml, node)
        if after == before:
            return None
        # ruamel writes back most entries exactly as they were; one whose layout it
        # cannot reproduce comes out in its own style (still within the entry's lines)
        return Splice(start, stop, after.replace("\n", self.newline), edit.section,
                      [(edit.index, emit.plain(node))])

    def _remove(self, edit: _Edit, section: Section, text: str) -> Splice:
        start, stop, _ = self._entry_node(edit, section, text)
        while stop < section.end:  # the blank lines after it go too
            end = text.find("\n", stop, section.end)
            if end == -1 or text[stop:end].strip():
                break
            stop = end + 1
        return Splice(start, stop, "", edit.section, [(edit.index, None)])

    def _append(self, section: Section, edits: list[_Edit], text: str) -> Splice:
        yaml = emit.editor(section)
        nl = self.newline
        nodes = [emit.to_node("", e.values) for e in edits]
        blocks = [emit.dump(yaml, node).replace("\n", nl) for node in nodes]
        entries: list[tuple[int | None, dict[str, Any] | None]] = [
            (None, emit.plain(n)) for n in nodes]
        name = section.name
        if section.key_line is None:  # no such section yet: start it at the end
            lead = "" if not text or text.endswith("\n") else nl
            return Splice(len(text), len(text), f"{lead}{nl}{name}:{nl}" + "".join(blocks),
                           name, entries)
        if not section.count:  # `name: []` or `name:` with nothing under it
            key_start, key_end = section.key_line
            line = text[key_start:key_end].rstrip("\r")
            comment = line[line.index(" #"):] if " #" in line else ""
            end = key_end + (len(nl) if text.startswith(nl, key_end) else 0)
            return Splice(key_start, end, f"{name}:{comment}{nl}" + "".join(blocks), name,
                           entries)
        _, stop = section.span(section.last_start(text), text)
        lead = "" if text[:stop].endswith("\n") else nl
        gap = nl if section.spaced else ""
        return Splice(stop, stop, lead + "".join(gap + b for b in blocks), name, entries)

