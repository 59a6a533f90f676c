"""Plain data → DataFile, with every problem found at once.

Field checks are pydantic's (fast, in Rust); reference and structure checks
run over the plain data so that they still report when some entries are
malformed. Findings carry the path of the offending value; `store` turns paths
into lines and columns only when there is something to report.
"""

from __future__ import annotations

import difflib
import re
import reprlib
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from explorer.model import (
    ACTOR_KINDS,
    MODALITIES,
    PLAIN_TEXT,
    POLARITIES,
    RELIABILITY_GRADES,
    SECTION_MODELS,
    STATUSES,
    DataFile,
    EndDate,
    Evidence,
    StartDate,
)
from explorer.parse import Located, path_text
from explorer.problems import WARNING_CODES, Problem
from explorer.vocabulary import DEFAULT_TYPE_IDS

__all__ = ["Finding", "build_entries", "validate"]

SECTIONS = ("version", "relation_types", "actors", "sources", "relations")


@dataclass(frozen=True)
class Finding:
    """A problem at a path in the data, not yet placed on a line."""

    code: str
    message: str
    path: tuple[Any, ...] = ()
    at_key: bool = False

    @property
    def is_error(self) -> bool:
        return self.code not in WARNING_CODES

    def locate(self, located: Located | None, file: str) -> Problem:
        line = column = None
        if located is not None:
            line, column = located.position(self.path, key=self.at_key)
        return Problem(self.code, self.message, path=path_text(self.path), line=line,
                       column=column, file=file)


def validate(data: Any, *, built: dict[str, list[Finding]] | None = None,
             known_relations: Collection[str] = ()) -> tuple[DataFile | None, list[Finding]]:
    """Check everything; return the DataFile (None if any error) and all findings.

    Entries are checked one by one, and each valid entry's mapping in `data` is
    replaced by its model as soon as it is built, so the parsed mappings and the
    models are never all alive at once (`data` is consumed). `built` holds the
    findings of sections whose entries `build_entries` has already built;
    `known_relations`: ids of relations outside `data` that its relations may name
    (the write path checks a few entries of a larger file).
    """
    built = built or {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__} value"
        return None, [Finding("top-level-shape", f"the file holds {kind}, not a mapping")]
    findings: list[Finding] = []
    skeleton = {key: [] if key in SECTION_MODELS and isinstance(value, list) else value
                for key, value in data.items()}
    try:
        DataFile.model_validate(skeleton)
    except ValidationError as exc:
        findings.extend(_from_pydantic(exc.errors(include_url=False)))
    for section in SECTION_MODELS:
        entries = data.get(section)
        if section in built:
            findings.extend(built[section])
        elif isinstance(entries, list):
            findings.extend(build_entries(section, entries))
    findings.extend(_references(data, known_relations))
    findings.extend(_warnings(data))
    findings = list(dict.fromkeys(findings))  # drop repeats, keep order
    if any(f.is_error for f in findings):
        return None, findings
    model = DataFile.model_construct(
        version=data.get("version", 1),
        **{section: tuple(data.get(section) or ()) for section in SECTION_MODELS})
    return model, findings


def build_entries(section: str, entries: list, start: int = 0) -> list[Finding]:
    """Validate the entries of a section that begin with its item number `start`; put
    each valid entry's model in its place in `entries`; return the findings."""
    found: list[Finding] = []
    build = SECTION_MODELS[section].model_validate
    for i, entry in enumerate(entries, start):
        try:
            entries[i - start] = build(entry)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            for error in errors:
                error["loc"] = (section, i, *error["loc"])
            found.extend(_from_pydantic(errors))
        except RecursionError:  # absurdly nested text inside an entry
            found.append(Finding("wrong-type", "nested too deeply to be read", (section, i)))
    return found


def _fields(entry: Any) -> dict | None:
    """The values of an entry: its parsed mapping, or the fields of its model."""
    if type(entry) is dict:
        return entry
    if isinstance(entry, BaseModel):
        return entry.__dict__
    return None


# ------------------------------------------------------------ field problems
_FIELD_CODES = {
    "reliability": "bad-reliability",
    "credibility": "bad-credibility",
    "confidence": "confidence-range",
}
_DATE_ERRORS = {"date_type", "date_parsing", "date_from_datetime_inexact",
                "date_from_datetime_parsing", "date_future", "date_past", "datetime_type",
                "datetime_parsing", "datetime_from_date_parsing"}
_ALLOWED = {
    "kind": ACTOR_KINDS, "status": STATUSES, "modality": MODALITIES,
    "reliability": RELIABILITY_GRADES, "polarity": POLARITIES,
}
_UNION_MEMBERS = {"str", "int", "float", "bool", "date", "datetime", "constrained-str"}


def _union_member(part: Any) -> bool:
    """True for the tag pydantic gives each member of a union in an error's location."""
    return isinstance(part, str) and (part in _UNION_MEMBERS
                                      or part.startswith("function-after["))


def _entity(loc: tuple) -> str:
    names = {"actors": "an actor", "sources": "a source", "relations": "a relation",
             "relation_types": "a relation type"}
    if len(loc) >= 4 and loc[0] == "relations" and loc[2] == "evidence":
        return "an evidence item"
    return names.get(loc[0], "the file") if len(loc) > 2 else "the file"


def _fields_of(loc: tuple) -> list[str]:
    cls = SECTION_MODELS.get(loc[0]) if len(loc) > 2 else DataFile
    if len(loc) >= 4 and loc[0] == "relations" and loc[2] == "evidence":
        cls = Evidence
    return list(cls.model_fields) if cls else []


def _shown(value: Any) -> str:
    if isinstance(value, int) and _too_long(value):
        return f"a number of {_digits(value):,} digits"
    if isinstance(value, str):
        text = f"'{value}'"
    else:
        try:
            text = repr(value)
        except (RecursionError, ValueError):  # absurd nesting, or a huge number inside
            text = _SHORT.repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


_SHORT = reprlib.Repr()
_SHORT.maxlevel = 3
_LONGEST = 10 ** 4300  # Python writes out integers of up to 4,300 digits


def _too_long(number: int) -> bool:
    return number.bit_length() > 14_000 and abs(number) >= _LONGEST


def _digits(number: int) -> int:
    """How many decimal digits an integer too long to write out has."""
    return len(str(abs(number) // 10**4000)) + 4000


def _from_pydantic(errors: Iterable[dict]) -> Iterable[Finding]:
    seen: set[tuple] = set()
    for err in errors:
        loc = tuple(err["loc"])
        if len(loc) > 1 and isinstance(loc[-2], str) and _union_member(loc[-1]):
            loc = loc[:-1]  # one error per member of a union: report the field once
        if loc in seen:
            continue
        seen.add(loc)
        kind, value = err["type"], err.get("input")
        name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if isinstance(value, int) and _too_long(value):
            yield Finding("number-too-large", f"{_shown(value)}; numbers have at most 4,300",
                          loc)
        elif (kind == "string_pattern_mismatch" and isinstance(value, str)
              and err.get("ctx", {}).get("pattern") == PLAIN_TEXT):
            hit = _CONTROL.search(value)
            yield Finding("control-character", f"`{name}` holds the control character "
                          f"U+{ord(hit.group()):04X} at character {hit.start() + 1}", loc)
        elif len(loc) >= 4 and loc[-2] == "attributes":
            yield Finding("wrong-type", f"attribute `{name}` must be text, a number or "
                          f"true/false, found {_shown(value)}", loc)
        elif kind == "extra_forbidden":
            known = _fields_of(loc)
            close = difflib.get_close_matches(str(name), known, n=1)
            maybe = f" (did you mean `{close[0]}`?)" if close else ""
            if len(loc) == 1:
                yield Finding("top-level-shape", f"`{name}` is not a section of the file"
                              f"{maybe}; sections are {', '.join(SECTIONS)}", loc, at_key=True)
            else:
                yield Finding("unknown-field", f"`{name}` is not a field of {_entity(loc)}"
                              f"{maybe}", loc, at_key=True)
        elif kind == "missing":
            code = "missing-quote" if name == "quote" else "missing-field"
            yield Finding(code, f"`{name}` is missing from {_entity(loc)}", loc)
        elif len(loc) == 1 and loc[0] != "version":
            yield Finding("top-level-shape", f"`{name}` must be a list of entries, "
                          f"not {_shown(value)}", loc)
        elif name == "version":
            yield Finding("unsupported-version", f"version {_shown(value)} is not supported",
                          loc)
        elif name == "quote" and kind in {"string_too_short", "string_type"}:
            yield Finding("missing-quote", "the quote is empty" if value == "" else
                          f"the quote must be text, not {_shown(value)}", loc)
        elif kind in _DATE_ERRORS:
            yield Finding("bad-date", f"{_shown(value)} is not a date", loc)
        elif name in _FIELD_CODES:
            code = _FIELD_CODES[name]
            if code == "bad-credibility":
                yield Finding(code, f"{_shown(value)} is not a credibility grade (1–6)", loc)
            elif code == "bad-reliability":
                yield Finding(code, f"{_shown(value)} is not a reliability grade (A–F)", loc)
            else:
                yield Finding(code, f"confidence {_shown(value)} is not a number from 0 to 1",
                              loc)
        elif kind == "literal_error":
            allowed = ", ".join(_ALLOWED.get(name, ()))
            yield Finding("bad-value", f"`{name}` is {_shown(value)}; allowed: {allowed}", loc)
        elif kind == "string_pattern_mismatch":
            code = "bad-value" if name == "color" else "bad-id"
            what = "not a colour like #1f77b4" if name == "color" else "not a valid id"
            yield Finding(code, f"{_shown(value)} is {what}", loc)
        elif kind in {"string_too_short", "value_error"}:
            yield Finding("bad-value", f"`{name}` must not be empty", loc)
        elif kind in {"model_type", "dict_type", "model_attributes_type"}:
            yield Finding("wrong-type", f"expected a mapping (`key: value` lines), "
                          f"found {_shown(value)}", loc)
        elif kind in {"tuple_type", "list_type"}:
            yield Finding("wrong-type", f"`{name}` must be a list, found {_shown(value)}", loc)
        elif kind == "string_type":
            yield Finding("wrong-type", f"`{name}` must be text, found {_shown(value)} "
                          "(put it in quotes)", loc)
        else:
            yield Finding("wrong-type", f"`{name}`: {err['msg'].lower()}, "
                          f"found {_shown(value)}", loc)


# ------------------------------------------------------- references, structure
def _entries(data: dict, section: str) -> list[tuple[int, dict]]:
    """(index, values) of each entry of a section that is a mapping or a model."""
    items = data.get(section)
    if not isinstance(items, list):
        return []
    return [(i, item if item.__class__ is dict else item.__dict__)
            for i, item in enumerate(items)
            if item.__class__ is dict or isinstance(item, BaseModel)]


def _str_id(entry: dict, key: str = "id") -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


#: Unknown ids for which `did you mean` is looked up (per kind of reference): each
#: look-up compares the id with every known one, so a file with 100k unknown ids would
#: spend minutes on suggestions nobody reads.
SUGGESTIONS = 200


class _Suggester:
    """`(did you mean `X`?)` for an unknown id: the closest known id, for the first
    SUGGESTIONS distinct unknown ids."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = known
        self.lookup: dict[str, str] | None = None
        self.memo: dict[str, str] = {}

    def __call__(self, value: str) -> str:
        found = self.memo.get(value)
        if found is not None:
            return found
        if len(self.memo) >= SUGGESTIONS:
            return ""
        if self.lookup is None:
            self.lookup = {k.casefold(): k for k in self.known}
        close = difflib.get_close_matches(value.casefold(), list(self.lookup), n=1,
                                          cutoff=0.6)
        found = self.memo[value] = f" (did you mean `{self.lookup[close[0]]}`?)" if close \
            else ""
        return found


def _duplicates(section: str, entries: list[tuple[int, dict]]) -> Iterable[Finding]:
    first: dict[str, int] = {}
    for i, entry in entries:
        ident = entry.get("id")
        if ident.__class__ is str and first.setdefault(ident, i) != i:
            yield Finding("duplicate-id", f"id `{ident}` is already used by "
                          f"{section}[{first[ident]}]", (section, i, "id"))


def _references(data: dict, known_relations: Collection[str] = ()) -> list[Finding]:
    found: list[Finding] = []
    actors = _entries(data, "actors")
    sources = _entries(data, "sources")
    relations = _entries(data, "relations")
    types = _entries(data, "relation_types")
    for section, entries in (("actors", actors), ("sources", sources),
                             ("relations", relations), ("relation_types", types)):
        found.extend(_duplicates(section, entries))

    actor_kind = {_str_id(a): a.get("kind") for _, a in actors if _str_id(a)}
    actor_kind = {k: v if isinstance(v, str) else None for k, v in actor_kind.items()}
    source_ids = {_str_id(s) for _, s in sources if _str_id(s)}
    type_ids = set(DEFAULT_TYPE_IDS)
    for i, t in types:
        tid = _str_id(t)
        if tid in DEFAULT_TYPE_IDS:
            found.append(Finding("type-redefined", f"`{tid}` is a default relation type",
                                 ("relation_types", i, "id")))
        elif tid:
            type_ids.add(tid)
    actor_hint, source_hint, type_hint = (_Suggester(actor_kind), _Suggester(source_ids),
                                          _Suggester(type_ids))

    def unknown_actor(value: str, path: tuple) -> Finding:
        return Finding("unknown-actor", f"no actor has the id `{value}`"
                       f"{actor_hint(value)}", path)

    def unknown_source(value: str, path: tuple) -> Finding:
        return Finding("unknown-source", f"no source has the id `{value}`"
                       f"{source_hint(value)}", path)

    for i, actor in actors:
        rep = actor.get("represents")
        if rep is None:
            continue
        path = ("actors", i, "represents")
        if not isinstance(rep, str):
            continue
        if rep not in actor_kind:
            found.append(unknown_actor(rep, path))
        if rep == _str_id(actor):
            found.append(Finding("bad-represents", "an actor cannot represent itself", path))
        elif actor_kind.get(rep) == "person":
            found.append(Finding("bad-represents", f"`{rep}` is a person", path))
    found.extend(_cycles(actors, "represents", "actors", "represents-cycle",
                         "actors represent each other"))

    for i, source in sources:
        parent = source.get("derived_from")
        if isinstance(parent, str) and parent not in source_ids:
            found.append(unknown_source(parent, ("sources", i, "derived_from")))
    found.extend(_cycles(sources, "derived_from", "sources", "derived-from-cycle",
                         "sources derive from each other"))

    built = [isinstance(r, BaseModel) for r in data["relations"]] if relations else []
    relation_ids = {_str_id(r) for _, r in relations if _str_id(r)}
    relation_hint = _Suggester(relation_ids | set(known_relations))
    for i, rel in relations:
        if built[i] and _sound(rel, actor_kind, source_ids, type_ids):
            continue  # a built relation whose references all hold (the usual case)
        base = ("relations", i)
        for key in ("same_as", "possibly_same_as"):
            ref = rel.get(key)
            if isinstance(ref, str) and (ref == _str_id(rel) or (
                    ref not in relation_ids and ref not in known_relations)):
                found.append(Finding("unknown-relation", f"no other relation has the id "
                                     f"`{ref}`{relation_hint(ref)}", (*base, key)))
        source, target, kind = rel.get("source"), rel.get("target"), rel.get("type")
        if isinstance(source, str) and source not in actor_kind:
            found.append(unknown_actor(source, (*base, "source")))
        if isinstance(target, str) and target not in actor_kind:
            found.append(unknown_actor(target, (*base, "target")))
        if isinstance(kind, str) and kind not in type_ids:
            found.append(Finding("unknown-type", f"`{kind}` is not a relation type"
                                 f"{type_hint(kind)}", (*base, "type")))
        if isinstance(source, str) and source == target:
            found.append(Finding("self-relation", f"`{source}` is both source and target",
                                 (*base, "target")))
        since, until = rel.get("since"), rel.get("until")
        if since is not None and until is not None:
            if not built[i]:  # a relation with problems: read its dates as pydantic does
                since, until = _date(since, end=False), _date(until, end=True)
            if since and until and until < since:
                found.append(Finding("date-order", f"until {until} is before since {since}",
                                     (*base, "until")))
        evidence = rel.get("evidence")
        if not evidence and not rel.get("judgement"):
            found.append(Finding("no-evidence", f"relation `{_str_id(rel) or i}` has no "
                                 "evidence", base))
        if isinstance(evidence, list | tuple):
            for j, item in enumerate(evidence):
                item = _fields(item)
                if item is None:
                    continue
                ref = item.get("source")
                if isinstance(ref, str) and ref not in source_ids:
                    found.append(unknown_source(ref, (*base, "evidence", j, "source")))
                speaker = item.get("speaker")
                if isinstance(speaker, str) and speaker not in actor_kind:
                    found.append(unknown_actor(speaker, (*base, "evidence", j, "speaker")))
    return found


def _sound(fields: dict, actors: dict, sources: set, types: set) -> bool:
    """True when a built relation (`fields`: its model's values) refers only to what
    exists, between two actors, with its dates in order and evidence or judgement, and
    names no other relation (those are checked the long way)."""
    source, target = fields["source"], fields["target"]
    if source not in actors or target not in actors or source == target \
            or fields["type"] not in types or fields["same_as"] is not None \
            or fields["possibly_same_as"] is not None:
        return False
    since, until = fields["since"], fields["until"]
    if since is not None and until is not None and until < since:
        return False
    evidence = fields["evidence"]
    if not evidence and not fields["judgement"]:
        return False
    for item in evidence:
        if item.source not in sources or (item.speaker is not None
                                          and item.speaker not in actors):
            return False
    return True


_SINCE = TypeAdapter(StartDate)
_UNTIL = TypeAdapter(EndDate)


def _date(value: Any, *, end: bool) -> Any:
    """The date a raw value stands for, or None when it is missing or malformed."""
    if value is None:
        return None
    try:
        return (_UNTIL if end else _SINCE).validate_python(value)
    except ValidationError:
        return None


def _cycles(entries: list[tuple[int, dict]], field: str, section: str, code: str,
            what: str) -> Iterable[Finding]:
    """Chains of `field` (derived_from, represents) that come back to where they began;
    each cycle once, placed on the entry of its first member in the file."""
    parent = {}
    index = {}
    for i, entry in entries:
        eid = _str_id(entry)
        if eid and eid not in index:
            index[eid] = i
            value = entry.get(field)
            if isinstance(value, str) and value != eid:  # itself: reported on its own
                parent[eid] = value
    reported: set[str] = set()
    for start in parent:
        seen: list[str] = []
        node = start
        while node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node in seen:
            cycle = seen[seen.index(node):]
            if not reported.intersection(cycle):
                reported.update(cycle)
                first = min(cycle, key=index.__getitem__)
                chain = " → ".join([*cycle[cycle.index(first):], *cycle[:cycle.index(first)],
                                    first])
                yield Finding(code, f"{what}: {chain}", (section, index[first], field))


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


# ----------------------------------------------------------------- warnings
_STATE_ID = re.compile(r"^[A-Z]{3}$")
_BODY_ID = re.compile(r"^[A-Z][A-Z0-9]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def _warnings(data: dict) -> Iterable[Finding]:
    owners: dict[str, list[tuple[str, tuple]]] = defaultdict(list)
    for i, actor in _entries(data, "actors"):
        aid = _str_id(actor)
        if aid is None:
            continue
        forms: list[tuple[str, tuple]] = []
        if isinstance(actor.get("name"), str):
            forms.append((actor["name"], ("actors", i, "name")))
        for key in ("aliases", "demonyms", "titles"):
            values = actor.get(key)
            if isinstance(values, list | tuple):
                forms += [(v, ("actors", i, key, j)) for j, v in enumerate(values)
                          if isinstance(v, str)]
        for form in {f.casefold(): (f, p) for f, p in forms}.values():
            owners[form[0].casefold()].append((aid, form[1]))
        kind = actor.get("kind")
        if not isinstance(kind, str) or kind not in ACTOR_KINDS:
            continue
        pattern = {"state": _STATE_ID, "international_body": _BODY_ID}.get(kind, _SLUG)
        if not pattern.match(aid):
            expected = {"state": "an ISO 3166-1 alpha-3 code like `CHN`",
                        "international_body": "a short upper-case id like `UN`"}.get(
                kind, "a lower-case slug like `xi-jinping`")
            yield Finding("id-convention", f"a {kind.replace('_', ' ')}'s id should be "
                          f"{expected}", ("actors", i, "id"))
    for form, holders in owners.items():
        ids = list(dict.fromkeys(a for a, _ in holders))
        if len(ids) > 1:
            for aid, path in holders[1:]:
                yield Finding("shared-alias", f"`{form}` also names `{ids[0]}`; here it names "
                              f"`{aid}`", path)
    for i, source in _entries(data, "sources"):
        url = source.get("url")
        if isinstance(url, str) and url and not re.match(r"^https?://", url, re.IGNORECASE):
            yield Finding("unsafe-url", f"{_shown(url)} is not an http(s) address",
                          ("sources", i, "url"))
