"""Where a data file's top-level keys and section items start: a scan, not a parse.

A few string searches find the lines that start at column 0 with a plain key
(`actors:`), and in a section, the lines that start an item (`  - `) at the
indentation of its first item. The scan can be fooled by text no analyst writes
(a quoted string that spans lines, one of which looks like an item), so its
callers check what it found: reading parses each piece and falls back to the
whole text when a piece does not parse, and locating compares the counts with
the parsed data (`positions.py`).
"""

from __future__ import annotations

import re

__all__ = ["section_items", "top_keys"]

_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|\r?\n|$)")
_LINE_START = re.compile(r"\n[^ \t\r\n#]")
_FIRST_ITEM = re.compile(r"\n( *)-(?:[ \t]|\r?\n)")


def top_keys(text: str) -> list[tuple[str, int]] | None:
    """(key, offset of its line) of each top-level key, in order; None when a line
    starts at column 0 with anything but a plain key, an item or a comment."""
    starts = [0] if text[:1] not in ("", " ", "\t", "\r", "\n", "#") else []
    starts += [m.start() + 1 for m in _LINE_START.finditer(text)]
    found = []
    for start in starts:
        if text.startswith("-", start) and text[start + 1:start + 2] in (
                " ", "\t", "\r", "\n", ""):
            continue  # an item of a section indented by zero
        match = _TOP_KEY.match(text, start)
        if not match:
            return None
        found.append((match.group(1), start))
    return found


def section_items(text: str, start: int, end: int) -> list[int] | None:
    """Offsets of the lines that start an item of the block sequence under the key whose
    line starts at `start` (the section ends at `end`); None when the key is not
    followed, after blank and comment lines only, by an item."""
    first = _FIRST_ITEM.search(text, start, end)
    if first is None:
        return None
    line_end = text.find("\n", start, end)
    between = text[line_end + 1:first.start()]
    if any(s.strip() and not s.lstrip().startswith("#") for s in between.split("\n")):
        return None
    item = re.compile("\n" + first.group(1) + r"-(?:[ \t]|\r?\n)")
    return [m.start() + 1 for m in item.finditer(text, first.start(), end)]
