"""Where entries sit in the data file's text: a scan of one top-level list, with `str` methods.

`scan(text, "relations")` finds the section's key line, the column of its items'
`-`, the column of their keys, and how many items it holds, without building a
list of all items (a 100k-relation file is 80 MB of text). `Section.span` gives
the offsets of one item, from its `-` line to its last line; `splice` puts new
text in place of such spans. Nothing here parses YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from explorer.edit.errors import EditError, LayoutError

__all__ = ["Section", "Splice", "may_hold_nodes_by_reference", "scan", "splice"]

_END_OF_SECTION = re.compile(r"\n(?![ \t\r\n#]|-(?:[ \t\r\n]|$))")
_FIRST_CONTENT = re.compile(r"^[ ]*[^ \t\r\n#]", re.MULTILINE)


@dataclass
class Section:
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


def scan(text: str, name: str) -> Section:
    key = re.search(rf"^(['\"]?){name}\1[ \t]*:(?P<rest>[^\n]*)$", text, re.MULTILINE)
    if key is None:
        return Section(name, None, end=len(text))
    rest = key.group("rest").split(" #")[0].strip()
    section = Section(name, (key.start(), key.end()))
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


def may_hold_nodes_by_reference(text: str) -> bool:
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


@dataclass
class Splice:
    """New text for `text[start:stop]`, holding these entries of `section`: (index in the
    section or None for a new entry, the intended data); no entries for a removal."""

    start: int
    stop: int
    text: str
    section: str
    entries: list[tuple[int | None, dict[str, Any]]]


def splice(text: str, splices: list[Splice]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Put each splice's text in place; return the new text and, per splice, the first
    and last line (1-based) of its non-blank new text."""
    out: list[str] = []
    lines: list[tuple[int, int]] = []
    position, line = 0, 1
    for piece in splices:
        if piece.start < position:
            raise EditError("two edits overlap; nothing was written", code="unverified")
        line += text.count("\n", position, piece.start)
        out.append(text[position:piece.start])
        body = piece.text.lstrip("\r\n")
        if body:  # a removal writes no line
            first = line + piece.text[: len(piece.text) - len(body)].count("\n")
            lines.append((first, first + body.rstrip("\r\n").count("\n")))
        out.append(piece.text)
        line += piece.text.count("\n")
        position = piece.stop
    out.append(text[position:])
    return "".join(out), tuple(lines)
