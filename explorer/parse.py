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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import yaml

from explorer.problems import Problem
from explorer.scan import section_items, top_keys

try:  # pragma: no cover - which branch runs depends on the installed wheels
    import yaml_rs
except ImportError:  # pragma: no cover
    yaml_rs = None

__all__ = ["GuardRefused", "Located", "ParseFailed", "PiecesFailed", "parse_fast",
           "parse_guarded", "parse_located", "resolve_plain"]

#: Replayed nodes allowed through aliases before a document counts as an alias bomb
#: (the same bound as yaml_rs's default).
MAX_ALIAS_REPLAY = 1_000_000

#: Deepest nesting of collections the located parser builds (the data file needs six
#: levels). Text indented this deep never reaches yaml_rs, whose recursion has no bound.
MAX_DEPTH = 100

Path = tuple[Any, ...]


class ParseFailed(Exception):
    """The fast parser could not read the text; the located parser will say why."""


# --------------------------------------------------------------------- fast path
_DOCUMENT_MARK = re.compile(r"\n(?:---|\.\.\.)(?=\s|$)")


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
    (`a: >x` in block context also takes the strict, slower path)."""
    for opener in "[{":
        index = text.find(opener)
        while index != -1:
            if _flow_may_misplace(text, index):
                return True
            index = text.find(opener, index + 1)
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


def _flow_may_misplace(text: str, start: int) -> bool:
    """The check above, from a `[` or `{` to the end of the line where a flow collection
    closes (True when it does not close within a few KB, to be safe)."""
    closers = [i for i in (text.find("]", start, start + 4096),
                           text.find("}", start, start + 4096)) if i != -1]
    if not closers:
        return True
    end = text.find("\n", min(closers))
    end = len(text) if end == -1 else end
    window = text[start:end]
    if window.count("[") + window.count("{") > window.count("]") + window.count("}"):
        return True
    return _FLOW_INDICATOR.search(window) is not None


def _may_hold_documents(text: str) -> bool:
    return _DOCUMENT_MARK.search(text) is not None


def _may_nest_too_deep(text: str) -> bool:
    return "\n" + " " * MAX_DEPTH in text


def parse_fast(text: str, *, each: Each | None = None) -> Any:
    """Parse with yaml_rs; raise ParseFailed for anything it cannot vouch for.

    With `each`, a long text's longest section is read in pieces of about PIECE
    characters: `each(section, items, start)` gets each piece's items (numbered from
    `start`) as soon as they are read, and may replace them in the list by what it
    builds from them, so that the mappings of the whole file never all exist at
    once. If a piece does not read (the scan that cut them was fooled, or the text
    is broken), PiecesFailed is raised: read the text again without `each`.
    """
    if (yaml_rs is None or _may_hold_tag(text) or _may_hold_documents(text)
            or _may_hold_misplaced_indicator(text) or _may_nest_too_deep(text)):
        # tags are ignored by yaml_rs and "---" may start a second document:
        # let the located parser decide.
        raise ParseFailed("needs the located parser")
    if each is not None and len(text) > PIECE:
        plan = _pieces(text)
        if plan is not None:
            return _read_pieces(text, *plan, each)
    return _loads(text)


Each = Callable[[str, list, int], Any]

#: Sections longer than this (in characters) are read in pieces of about this size.
PIECE = 2_000_000


class PiecesFailed(ParseFailed):
    """A piece of a long text did not read: read it whole."""


def _loads(text: str) -> Any:
    try:
        return yaml_rs.loads(text)
    except Exception as exc:  # yaml_rs raises YAMLDecodeError, or ValueError on odd input
        raise ParseFailed(str(exc)) from exc


def _pieces(text: str) -> tuple[str, int, int, list[int]] | None:
    """(section, offset of its first item, end of the section, offsets where pieces
    start) for the longest top-level section, when it is long and the scan finds its
    items; None when the text holds anchors (aliases cannot reach across pieces)."""
    keys = top_keys(text)
    if not keys or ("&" in text and "*" in text):
        return None
    bounds = [(name, start, keys[j + 1][1] if j + 1 < len(keys) else len(text))
              for j, (name, start) in enumerate(keys)]
    name, start, end = max(bounds, key=lambda b: b[2] - b[1])
    if end - start <= PIECE:
        return None
    items = section_items(text, start, end)
    if not items:
        return None
    cuts = [items[0]]
    for offset in items:
        if offset - cuts[-1] >= PIECE:
            cuts.append(offset)
    return name, items[0], end, cuts


def _read_pieces(text: str, name: str, first: int, end: int, cuts: list[int], each: Each
                 ) -> Any:
    """Read the pieces one after the other; while `each` works on a piece, a thread
    parses the next (yaml_rs lets go of the interpreter while it parses)."""
    data = _loads(text[:first] + text[end:])  # everything else, with `name:` left empty
    if not isinstance(data, dict) or data.get(name, 0) is not None:
        raise PiecesFailed(f"`{name}` is not where the scan found it")
    stops = [*cuts[1:], end]
    entries: list = []
    with ThreadPoolExecutor(max_workers=1) as reader:
        next_piece = reader.submit(_loads, "_:\n" + text[cuts[0]:stops[0]])
        for j in range(len(cuts)):
            try:
                piece = next_piece.result()
            except ParseFailed as exc:
                raise PiecesFailed(str(exc)) from None
            if j + 1 < len(cuts):
                next_piece = reader.submit(_loads, "_:\n" + text[cuts[j + 1]:stops[j + 1]])
            items = piece.get("_") if isinstance(piece, dict) and len(piece) == 1 else None
            if not isinstance(items, list):
                raise PiecesFailed(f"a piece of `{name}` is not a list of items")
            each(name, items, len(entries))
            entries += items
    data[name] = entries
    return data


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


def _decimal(digits: str) -> int:
    """int(digits), also past Python's 4,300-digit limit on reading text as a number
    (yaml_rs reads such numbers; validation then refuses them, with their place)."""
    if len(digits) <= 4000:
        return int(digits)
    sign = -1 if digits[0] == "-" else 1
    digits = digits.lstrip("+-")
    number = 0
    for start in range(0, len(digits), 4000):
        chunk = digits[start:start + 4000]
        number = number * 10 ** len(chunk) + int(chunk)
    return sign * number


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
        return _decimal(value.replace("_", ""))
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


# Characters libyaml refuses (control characters) or reads as line breaks (NEL, U+2028,
# U+2029: YAML 1.1) that yaml_rs, like YAML 1.2 and editors, reads as plain characters.
# The located parser sees each as a stand-in from the private use area, one character
# for one, so that lines, columns and values agree with yaml_rs; values get them back.
_ODD = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
_STAND_IN = {**{c: 0xF700 + c for c in _ODD}, 0x2028: 0xF628, 0x2029: 0xF629}
_RESTORE = {v: k for k, v in _STAND_IN.items()}
_STAND_INS = re.compile("[\uf600-\uf7ff]")
_ODD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


class _Builder:
    """Builds data from parser events, recording positions and problems."""

    def __init__(self, text: str, restore: dict[int, int] | None, max_replay: int) -> None:
        self.text = text
        self.out = Located(data=None)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.replayed = 0
        self.max_replay = max_replay
        self.restore = restore

    def problem(self, code: str, message: str, path: Path, at: tuple[int, int]) -> None:
        self.out.problems.append(
            Problem(code, message, path=path_text(path), line=at[0], column=at[1])
        )

    def check_tag(self, event: Any, path: Path) -> None:
        if event.tag not in _ALLOWED_TAGS:
            self.problem("yaml-tag", f"tag `{event.tag}` refused", path, _mark(event.start_mark))

    def scalar(self, event: Any) -> Any:
        value = event.value
        if self.restore:
            value = value.translate(self.restore)
        # a plain scalar has style "" (C parser) or None (Python parser)
        return value if event.style else resolve_plain(value)

    def node(self, events: Iterator[Any], event: Any, path: Path, depth: int = 0
             ) -> tuple[Any, int]:
        """Consume one node starting at `event`; return (value, size in nodes)."""
        mark = event.start_mark
        at = (mark.line + 1, mark.column + 1)
        self.out.values[path] = at
        kind = type(event)
        if kind is yaml.AliasEvent:
            if event.anchor not in self.anchors:
                self.problem("yaml-syntax", f"alias *{event.anchor} has no anchor", path, at)
                return None, 1
            value, size = self.anchors[event.anchor]
            self.replayed += size
            if self.replayed > self.max_replay:
                raise _Refused("yaml-alias-limit", f"aliases expand to more than "
                               f"{self.max_replay:,} nodes; refused", at, path)
            return value, size
        if event.tag is not None:
            self.check_tag(event, path)
        if kind is yaml.ScalarEvent:
            value, size = self.scalar(event), 1
        elif depth >= MAX_DEPTH:
            raise _Refused("yaml-nesting-limit", f"collections nest more than {MAX_DEPTH} "
                           "levels deep here; refused", at, path)
        elif kind is yaml.SequenceStartEvent:
            value, size = [], 1
            if event.anchor:  # let recursive aliases see the (incomplete) list
                self.anchors[event.anchor] = (value, size)
            for child in events:
                if type(child) is yaml.SequenceEndEvent:
                    break
                item, item_size = self.node(events, child, (*path, len(value)), depth + 1)
                value.append(item)
                size += item_size
        elif kind is yaml.MappingStartEvent:
            value, size = {}, 1
            start = mark.index
            if event.flow_style and self.text[start:start + 1] == "?" and \
                    self.text[start + 1:start + 2] not in (" ", "\t", "\r", "\n", ""):
                # `[?x]`: libyaml reads a key, YAML 1.2 (and yaml_rs) the text `?x`
                self.problem("yaml-syntax", "`?` followed by text is read differently by "
                             "YAML versions here; put the text in quotes", path, at)
            if event.anchor:
                self.anchors[event.anchor] = (value, size)
            for key_event in events:
                if type(key_event) is yaml.MappingEndEvent:
                    break
                mark = key_event.start_mark
                key_at = (mark.line + 1, mark.column + 1)
                if type(key_event) is yaml.ScalarEvent and key_event.tag is None \
                        and not key_event.anchor:  # the usual key: a plain or quoted word
                    key, key_size = self.scalar(key_event), 1
                else:
                    key, key_size = self.node(events, key_event, (*path, "<key>"), depth + 1)
                    self.out.values.pop((*path, "<key>"), None)
                if isinstance(key, list):
                    key = tuple(key)
                if isinstance(key, dict):
                    self.problem("wrong-type", "a mapping cannot be a key", path, key_at)
                    key = f"<mapping at line {key_at[0]}>"
                item, item_size = self.node(events, next(events), (*path, key), depth + 1)
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


class _Refused(Exception):
    """A document the located parser refuses to build (alias bomb, absurd nesting)."""

    def __init__(self, code: str, message: str, at: tuple[int, int], path: Path):
        super().__init__(message)
        self.code, self.message, self.at, self.path = code, message, at, path


def parse_located(text: str, *, max_replay: int = MAX_ALIAS_REPLAY) -> Located:
    """Parse with positions; never raises for bad YAML (the problems say what is wrong).

    Lines and columns count line breaks as YAML 1.2 and editors do (LF, CRLF, CR):
    NEL, U+2028 and U+2029, line breaks to libyaml, are read as the characters they are.
    Aliases may replay at most `max_replay` nodes in all.
    """
    restore = None
    if _ODD_CHARACTERS.search(text) and not _STAND_INS.search(text):
        text, restore = text.translate(_STAND_IN), _RESTORE
    builder = _Builder(text, restore, max_replay)
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
    except _Refused as refused:
        out.problems.append(Problem(
            refused.code, refused.message, path=path_text(refused.path),
            line=refused.at[0], column=refused.at[1]))
        out.data = None
    except yaml.MarkedYAMLError as exc:
        out.problems.append(_syntax_problem(exc, text))
        out.data = None
    except yaml.reader.ReaderError as exc:  # a character libyaml refuses, left as it is
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        out.problems.append(Problem("yaml-syntax", f"character U+{exc.character:04X} is not "
                                    "allowed in YAML text", line=line, column=column))
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


# ------------------------------------------------------------ every other YAML
#: Largest YAML text other than the data file read (front matter, gold files, tables).
MAX_GUARDED_CHARS = 1_000_000

#: Nodes aliases may replay in such a text: none of them needs more than a few.
MAX_GUARDED_REPLAY = 10_000


class GuardRefused(Exception):
    """YAML text `parse_guarded` refuses; `problem` says what and where (line and
    column in the text given)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem

    @property
    def line(self) -> int | None:
        return self.problem.line


def parse_guarded(text: str, *, limit: int = MAX_GUARDED_CHARS) -> Any:
    """Plain data from any YAML the explorer reads besides the data file (an article's
    front matter, gold files, the cue words, the event tables), under the data file's
    guard: the located parser (no tags, bounded nesting), at most `limit` characters,
    and aliases that replay at most MAX_GUARDED_REPLAY nodes (an alias bomb is refused
    at once, in a few kilobytes of memory). Raises GuardRefused with the first problem.
    """
    if len(text) > limit:
        raise GuardRefused(Problem("file-too-large", f"{len(text):,} characters of YAML, "
                                   f"over the limit of {limit:,}", line=1, column=1))
    located = parse_located(text, max_replay=MAX_GUARDED_REPLAY)
    if located.problems:
        raise GuardRefused(min(located.problems, key=Problem.sort_key))
    return located.data
