"""YAML text → plain Python data, safely, with positions only when they are needed.

Two parsers that agree (a differential test keeps them honest):

* `parse_fast` — `yaml_rs` (Rust, YAML 1.2): about 15× faster than PyYAML's
  `CSafeLoader` on our files; refuses alias bombs and duplicate keys. It
  ignores tags, so any text that could hold one goes to the located parser.
* `parse_located` — PyYAML's C event stream (libyaml) turned into data by our
  own small builder, which records the line and column of every value, refuses
  tags, bounds alias expansion, reports duplicate keys, and resolves plain
  scalars the way `yaml_rs` does (YAML 1.2: `yes`, `no`, `on` stay strings).

Neither ever constructs an object from a tag or runs code.

yaml_rs bundles the mimalloc allocator, which crashes the process when the
thread that loaded the module has ended and another thread parses (seen here;
it looks like mimalloc's known threading fault, microsoft/mimalloc#1287). Load
this module in a thread that lives as long as the process: `explorer app`
does so in its main thread (`explorer/app/serve.py`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from explorer.problems import Problem

try:  # pragma: no cover - which branch runs depends on the installed wheels
    import yaml_rs
except ImportError:  # pragma: no cover
    yaml_rs = None

__all__ = ["Located", "ParseFailed", "parse_fast", "parse_located", "resolve_plain"]

#: Replayed nodes allowed through aliases before a document counts as an alias bomb
#: (the same bound as yaml_rs's default).
MAX_ALIAS_REPLAY = 1_000_000

Path = tuple[Any, ...]


class ParseFailed(Exception):
    """The fast parser could not read the text; the located parser will say why."""


# --------------------------------------------------------------------- fast path
_DOCUMENT_MARK = re.compile(r"(?<=\n)(?:---|\.\.\.)(?=\s|$)")


def _may_hold_tag(text: str) -> bool:
    """True if a `!` stands where a tag could start (a cheap over-approximation)."""
    index = text.find("!")
    while index != -1:
        if index == 0 or text[index - 1] in " \t\r\n[{,":
            return True
        index = text.find("!", index + 1)
    return False


_FLOW_INDICATOR = re.compile(r"[\[{,:][ \t]*[:?][^ \t\r\n,\]}]")


def _may_hold_misplaced_indicator(text: str) -> bool:
    """True if a plain scalar in a flow collection may start with an indicator that
    libyaml refuses there and yaml_rs accepts (`[>=0.8]`, `{a: :0}`, `[?x]`); such
    text goes to the strict parser, so that both refuse it. An over-approximation
    (block-context `a: :0` also takes the strict, slower path, which accepts it)."""
    if _FLOW_INDICATOR.search(text):
        return True
    for char in ">|":
        index = text.find(char)
        while index != -1:
            before = text[max(0, index - 80):index].rstrip(" \t")[-1:]
            after = text[index + 1:index + 2]
            if before in ("[", "{", ",") or (
                    before == ":" and after not in "-+0123456789 \t\r\n#"):
                return True
            index = text.find(char, index + 1)
    return False


def _may_hold_documents(text: str) -> bool:
    return ("\n---" in text or "\n..." in text) and bool(_DOCUMENT_MARK.search(text))


def parse_fast(text: str) -> Any:
    """Parse with yaml_rs; raise ParseFailed for anything it cannot vouch for."""
    if (yaml_rs is None or _may_hold_tag(text) or _may_hold_documents(text)
            or _may_hold_misplaced_indicator(text)):
        # tags are ignored by yaml_rs and "---" may start a second document:
        # let the located parser decide.
        raise ParseFailed("needs the located parser")
    try:
        return yaml_rs.loads(text)
    except Exception as exc:  # yaml_rs raises YAMLDecodeError, or ValueError on odd input
        raise ParseFailed(str(exc)) from exc


# ------------------------------------------------------------ scalar resolution
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_INT_DEC = re.compile(r"[-+]?[0-9_]*[0-9][0-9_]*")
_INT_PREFIXED = re.compile(
    r"([-+]?)0(?:([xX])([0-9a-fA-F_]*[0-9a-fA-F][0-9a-fA-F_]*)"
    r"|([oO])([0-7_]*[0-7][0-7_]*)|([bB])([01_]*[01][01_]*))"
)
_FLOAT = re.compile(r"[-+]?(?:[0-9_]*\.[0-9_]*|[0-9_]+)(?:[eE][-+]?[0-9_]*[0-9][0-9_]*)?")
_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T|[ \t])([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:\.([0-9]+))?)?"
    r"(?:[ \t]?(Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)


def _timestamp(value: str) -> Any:
    match = _DATE.fullmatch(value)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return value
    match = _DATETIME.fullmatch(value)
    if not match:
        return value
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    tz = None
    if zone == "Z":
        tz = dt.UTC
    elif zone:
        hours, _, minutes = zone[1:].partition(":")
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
        if offset >= dt.timedelta(hours=24):
            return value
        tz = dt.timezone(-offset if zone[0] == "-" else offset)
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute),
                           int(second or 0), micro, tzinfo=tz)
    except ValueError:
        return value


def resolve_plain(value: str) -> Any:
    """The value of an untagged, unquoted scalar, as yaml_rs reads it (YAML 1.2 core,
    plus `_` digit separators and timestamps)."""
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if not value or value[0] not in "0123456789+-._":
        return value
    if _INT_DEC.fullmatch(value):
        return int(value.replace("_", ""))
    match = _INT_PREFIXED.fullmatch(value)
    if match:
        sign, _, hexa, _, octal, _, binary = match.groups()
        digits, base = (hexa, 16) if hexa else (octal, 8) if octal else (binary, 2)
        number = int(digits.replace("_", ""), base)
        return -number if sign == "-" else number
    if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value.split("e")[0].split("E")[0]):
        return float(value.replace("_", ""))
    match = _INF.fullmatch(value)
    if match:
        return -math.inf if match.group(1) == "-" else math.inf
    if _NAN.fullmatch(value):
        return math.nan
    return _timestamp(value)


# ------------------------------------------------------------- located parser
@dataclass
class Located:
    """What the located parser found: data (None when unreadable), problems, positions."""

    data: Any
    problems: list[Problem] = field(default_factory=list)
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at `path`, or of its key, or of the
        nearest enclosing value that exists."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found:
                return found
        return None, None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALLOWED_TAGS = {None, "!"}


def _mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def path_text(path: Path) -> str:
    """`('relations', 3, 'target')` → `relations[3].target`."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class _Builder:
    """Builds data from parser events, recording positions and problems."""

    def __init__(self) -> None:
        self.out = Located(data=None)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.replayed = 0

    def problem(self, code: str, message: str, path: Path, at: tuple[int, int]) -> None:
        self.out.problems.append(
            Problem(code, message, path=path_text(path), line=at[0], column=at[1])
        )

    def check_tag(self, event: Any, path: Path) -> None:
        if event.tag not in _ALLOWED_TAGS:
            self.problem("yaml-tag", f"tag `{event.tag}` refused", path, _mark(event.start_mark))

    def node(self, events: Iterator[Any], event: Any, path: Path) -> tuple[Any, int]:
        """Consume one node starting at `event`; return (value, size in nodes)."""
        at = _mark(event.start_mark)
        self.out.values[path] = at
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                self.problem("yaml-syntax", f"alias *{event.anchor} has no anchor", path, at)
                return None, 1
            value, size = self.anchors[event.anchor]
            self.replayed += size
            if self.replayed > MAX_ALIAS_REPLAY:
                raise _AliasBomb(at, path)
            return value, size
        self.check_tag(event, path)
        if isinstance(event, yaml.ScalarEvent):
            # a plain scalar has style "" (C parser) or None (Python parser)
            value = event.value if event.style else resolve_plain(event.value)
            size = 1
        elif isinstance(event, yaml.SequenceStartEvent):
            value, size = [], 1
            if event.anchor:  # let recursive aliases see the (incomplete) list
                self.anchors[event.anchor] = (value, size)
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    break
                item, item_size = self.node(events, child, (*path, len(value)))
                value.append(item)
                size += item_size
        elif isinstance(event, yaml.MappingStartEvent):
            value, size = {}, 1
            if event.anchor:
                self.anchors[event.anchor] = (value, size)
            for key_event in events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    break
                key_at = _mark(key_event.start_mark)
                key, key_size = self.node(events, key_event, (*path, "<key>"))
                self.out.values.pop((*path, "<key>"), None)
                if isinstance(key, list):
                    key = tuple(key)
                if isinstance(key, dict):
                    self.problem("wrong-type", "a mapping cannot be a key", path, key_at)
                    key = f"<mapping at line {key_at[0]}>"
                item, item_size = self.node(events, next(events), (*path, key))
                size += key_size + item_size
                if key in value:
                    first = self.out.keys.get((*path, key), key_at)
                    self.problem("duplicate-key",
                                 f"`{key}` appears twice (first at line {first[0]})",
                                 (*path, key), key_at)
                    self.out.values[(*path, key)] = first
                    continue
                value[key] = item
                self.out.keys[(*path, key)] = key_at
        else:  # pragma: no cover - the parser emits only the events above here
            raise AssertionError(f"unexpected event {event!r}")
        if event.anchor:
            self.anchors[event.anchor] = (value, size)
        return value, size


class _AliasBomb(Exception):
    def __init__(self, at: tuple[int, int], path: Path):
        self.at, self.path = at, path


def parse_located(text: str) -> Located:
    """Parse with positions; never raises for bad YAML (the problems say what is wrong)."""
    builder = _Builder()
    out = builder.out
    documents = 0
    try:
        events = iter(yaml.parse(text, Loader=_Loader))
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    out.problems.append(Problem(
                        "multiple-documents", "a second document starts here",
                        line=_mark(event.start_mark)[0], column=1))
                    break
            elif isinstance(event, yaml.NodeEvent):
                out.data, _ = builder.node(events, event, ())
    except _AliasBomb as bomb:
        out.problems.append(Problem(
            "yaml-alias-limit",
            f"aliases expand to more than {MAX_ALIAS_REPLAY:,} nodes; refused",
            path=path_text(bomb.path), line=bomb.at[0], column=bomb.at[1]))
        out.data = None
    except yaml.MarkedYAMLError as exc:
        out.problems.append(_syntax_problem(exc, text))
        out.data = None
    return out


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """A syntax error at the place the parser stopped, naming where the construct began."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    lines = text.splitlines()
    if line is not None and 0 < line <= len(lines) and "\t" in lines[line - 1][:column or 1]:
        return Problem("yaml-tab", "a tab character indents this line", line=line,
                       column=lines[line - 1].index("\t") + 1)
    message = exc.problem or "cannot parse"
    if exc.context:
        where = ""
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != mark.line:
            where = f" (started at line {exc.context_mark.line + 1}, " \
                    f"column {exc.context_mark.column + 1})"
        message = f"{message}, {exc.context}{where}"
    return Problem("yaml-syntax", message, line=line, column=column)
