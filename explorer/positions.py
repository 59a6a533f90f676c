"""Line and column of a path in a data file, found from the one entry it lies in.

A clean file is parsed once, by the fast parser, which keeps no positions. When
there are problems to place, a scan of the text (a few string searches, no
parsing) finds where each top-level key starts and where each item of a long
section starts; a problem's exact position then comes from parsing, with
positions, only the few lines of its entry. So a file with a handful of
problems costs about what a clean one does.

The scan is checked against the parsed data: the keys found at column 0 must be
the document's keys, in order, and a section must hold as many `- ` lines at its
indentation as it has items. Any text the scan cannot vouch for (a flow-style
section, a quoted string that spans lines and looks like an item, aliases
between entries, lone CR line breaks…) is parsed whole with positions instead,
which gives the same answer, more slowly.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from explorer.parse import Located, parse_located
from explorer.scan import section_items, top_keys

__all__ = ["Positions", "shape_of"]

Path = tuple[Any, ...]

#: Top-level sections up to this size are parsed whole when a problem lies in them.
SMALL_REGION = 64 * 1024

def shape_of(data: Any) -> dict[str, int | None] | None:
    """What the scan is checked against: each top-level key, in order, with the number
    of items when its value is a list (None for a document that is not a mapping)."""
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        return None
    return {key: len(value) if isinstance(value, list) else None
            for key, value in data.items()}


class Positions:
    """Positions of paths in `text`, a data file whose parsed data had `shape`.

    Answers like `parse.Located.position`: the line and column (1-based) of the
    value at a path, or of its key, or of the nearest enclosing value.
    """

    def __init__(self, text: str, shape: dict[str, int | None] | None, *,
                 small: int = SMALL_REGION):
        self.text = text
        self.shape = shape
        self.small = small
        self.entries_parsed = 0
        self._full: Located | None = None
        self._regions: dict[str, tuple[int, int, int]] | None = None
        self._items: dict[str, tuple[list[int], list[int]] | None] = {}
        self._parsed: OrderedDict[tuple, tuple[Located, int] | None] = OrderedDict()
        lone_cr = "\r" in text and text.count("\r") != text.count("\r\n")
        self._scannable = shape is not None and not lone_cr

    @property
    def parsed_whole(self) -> bool:
        """True once the scan could not vouch for the text and it was parsed whole."""
        return self._full is not None

    def position(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        found = self._from_entry(path, key) if self._scannable and path else None
        if found is None:
            if self._full is None:
                self._full = parse_located(self.text)
            return self._full.position(path, key=key)
        return found

    # ------------------------------------------------------------ scanning
    def _top_regions(self) -> dict[str, tuple[int, int, int]] | None:
        """key -> (start offset, end offset, line of the start) for each top-level key."""
        if self._regions is None:
            text = self.text
            found = top_keys(text)
            if found is None or [k for k, _ in found] != list(self.shape or ()):
                self._scannable = False
                return None
            regions = {}
            line = 1 + text.count("\n", 0, found[0][1]) if found else 1
            for j, (name, start) in enumerate(found):
                end = found[j + 1][1] if j + 1 < len(found) else len(text)
                regions[name] = (start, end, line)
                line += text.count("\n", start, end)
            self._regions = regions
        return self._regions

    def _section_items(self, name: str, start: int, end: int, line: int
                       ) -> tuple[list[int], list[int]] | None:
        """Offsets and lines of the items of a block-sequence section, or None."""
        if name not in self._items:
            offsets = section_items(self.text, start, end)
            if offsets is None or len(offsets) != self.shape.get(name):
                self._items[name] = None
                return None
            lines = []
            previous = start
            for offset in offsets:
                line += self.text.count("\n", previous, offset)
                lines.append(line)
                previous = offset
            self._items[name] = (offsets, lines)
        return self._items[name]

    # ------------------------------------------------------------ locating
    def _from_entry(self, path: Path, key: bool) -> tuple[int | None, int | None] | None:
        regions = self._top_regions()
        name = path[0]
        if regions is None or name not in regions:
            return None
        start, end, line = regions[name]
        if len(path) > 1 and end - start > self.small:
            items = self._section_items(name, start, end, line)
            index = path[1]
            if (items is None or not isinstance(index, int) or isinstance(index, bool)
                    or not 0 <= index < len(items[0])):
                return None
            offsets, lines = items
            stop = offsets[index + 1] if index + 1 < len(offsets) else end
            parsed = self._parse((name, index), offsets[index], stop, lines[index], list)
            inner = (0, *path[2:])
        else:
            parsed = self._parse((name,), start, end, line, dict)
            inner = path
        if parsed is None:
            return None
        located, first_line = parsed
        found_line, column = located.position(inner, key=key)
        if found_line is None:
            return None
        return found_line + first_line - 1, column

    def _parse(self, cache_key: tuple, start: int, stop: int, line: int, kind: type
               ) -> tuple[Located, int] | None:
        """The located parse of text[start:stop] (one entry, or one top-level key), if it
        reads as exactly that; a few are kept, since problems come sorted by path."""
        if cache_key in self._parsed:
            return self._parsed[cache_key]
        located = parse_located(self.text[start:stop])
        self.entries_parsed += 1
        data = located.data
        ok = not located.problems and isinstance(data, kind) and len(data) == 1 and (
            kind is list or next(iter(data)) == cache_key[0])
        result = (located, line) if ok else None
        self._parsed[cache_key] = result
        if len(self._parsed) > 8:
            self._parsed.popitem(last=False)
        return result
