"""One entry of the data file through ruamel.yaml's round trip: comments, quotes and key
order kept; new values written in the style of the curated file.

`editor(section)` is a ruamel.yaml instance indented like the section; `node`
turns a plain value into what ruamel should write (a quote in double quotes, a
multi-line text as a block, a timestamp as `2026-01-31T09:30:00Z`); `plain`
turns ruamel's values back into plain Python values; `set_key` sets one key of
an entry, leaving its text alone when the value is unchanged.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.timestamp import TimeStamp

from explorer.edit.layout import Section
from explorer.model import SECTION_MODELS
from explorer.parse import resolve_plain

__all__ = ["dump", "editor", "keep_anchors", "ordered", "plain", "set_key", "to_node"]

_ZULU = dt.timezone(dt.timedelta(0), "Z")
_SEPARATORS = frozenset("\x85\u2028\u2029")


def editor(section: Section) -> YAML:
    """ruamel.yaml in round-trip mode, indented like the section: comments, key order
    and quoting survive; it builds plain values only (no objects from tags)."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never fold a long line
    yaml.indent(mapping=2, sequence=max(section.content, section.dash + 2),
                offset=section.dash)
    return yaml


def dump(yaml: YAML, item: Any) -> str:
    """One item as the text of a `- ` entry of the section."""
    buffer = io.StringIO()
    yaml.dump({"_": CommentedSeq([item])}, buffer)
    return buffer.getvalue().removeprefix("_:\n")


def to_node(key: str, value: Any) -> Any:
    """A plain value as ruamel should write it, in the style of the curated file."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python", exclude_defaults=True)
    if isinstance(value, Mapping):
        out = CommentedMap()
        for k, v in value.items():
            if v is not None:
                out[k] = to_node(k, v)
        return out
    if isinstance(value, list | tuple):
        seq = CommentedSeq(to_node(key, v) for v in value)
        if all(not isinstance(v, Mapping | BaseModel | list | tuple) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dt.datetime) and not isinstance(value, TimeStamp):
        utc = value.astimezone(dt.UTC) if value.tzinfo else value
        stamp = TimeStamp(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second,
                          tzinfo=_ZULU if value.tzinfo else None)
        stamp._yaml["t"] = True  # ruamel's own switch for the `T`: 2026-01-31T09:30:00Z
        return stamp
    if isinstance(value, str) and not isinstance(value, ScalarString):
        if _SEPARATORS.intersection(value):
            # ruamel breaks the line at NEL/U+2028/U+2029 and indents what follows, which
            # YAML 1.2 reads as part of the text: only double quotes (`\N`, `\L`) keep it
            return DoubleQuotedScalarString(value)
        if "\n" in value.strip("\n") and key != "quote":
            return LiteralScalarString(value)
        if key == "quote":
            return DoubleQuotedScalarString(value)
        if "\n" not in value and resolve_plain(value) != value:
            # text the data file's parser would read as a number, date… (`_0` is 0 to it,
            # a string to ruamel, which would leave it plain)
            return DoubleQuotedScalarString(value)
    return value


def plain(value: Any) -> Any:
    """ruamel's round-trip values as plain Python values."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    for kind in (int, float, str):
        if isinstance(value, kind):
            return kind(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, value.hour, value.minute,
                           value.second, value.microsecond, value.tzinfo)
    return value


def keep_anchors(node: Any) -> None:
    """Keep every anchor (`&name`) of an entry: another entry may refer to it."""
    anchor = getattr(node, "anchor", None)
    if anchor is not None and getattr(anchor, "value", None):
        anchor.always_dump = True
    if isinstance(node, Mapping):
        for value in node.values():
            keep_anchors(value)
    elif isinstance(node, list):
        for value in node:
            keep_anchors(value)


def ordered(section: str, entry: Mapping[str, Any]) -> dict[str, Any]:
    """The entry's keys in the model's field order (unknown keys last)."""
    order = {name: i for i, name in enumerate(SECTION_MODELS[section].model_fields)}
    keys = sorted(entry, key=lambda k: order.get(k, len(order)))
    return {k: entry[k] for k in keys if entry[k] is not None}


def set_key(entry: CommentedMap, section: str, key: str, value: Any) -> None:
    """Set one key, leaving its text alone when the value is unchanged; a new key goes
    where the model's field order puts it."""
    if value is None:
        entry.pop(key, None)
        return
    if key in entry:
        if plain(entry[key]) == plain(value):
            return
        entry[key] = to_node(key, value)
        return
    order = list(SECTION_MODELS[section].model_fields)
    rank = order.index(key) if key in order else len(order)
    position = len(entry)
    for i, existing in enumerate(entry):
        if existing in order and order.index(existing) > rank:
            position = i
            break
    entry.insert(position, key, to_node(key, value))
