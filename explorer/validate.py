"""Plain data → DataFile, with every problem found at once.

Field checks are pydantic's (fast, in Rust); reference and structure checks
run over the plain data so that they still report when some entries are
malformed. Findings carry the path of the offending value; `store` turns paths
into lines and columns only when there is something to report.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from explorer.model import (
    ACTOR_KINDS,
    MODALITIES,
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

__all__ = ["Finding", "validate"]

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


def validate(data: Any, *, known_relations: Collection[str] = ()
             ) -> tuple[DataFile | None, list[Finding]]:
    """Check everything; return the DataFile (None if any error) and all findings.
    `known_relations`: ids of relations outside `data` that its relations may name
    (the write path checks a few entries of a larger file)."""
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__} value"
        return None, [Finding("top-level-shape", f"the file holds {kind}, not a mapping")]
    findings: list[Finding] = []
    model: DataFile | None = None
    try:
        model = DataFile.model_validate(data)
    except ValidationError as exc:
        findings.extend(_from_pydantic(exc.errors(include_url=False), data))
    findings.extend(_references(data, model, known_relations))
    findings.extend(_warnings(data))
    findings = list(dict.fromkeys(findings))  # drop repeats, keep order
    if any(f.is_error for f in findings):
        model = None
    return model, findings


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
_UNION_MEMBERS = {"str", "int", "float", "bool", "date", "datetime"}


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
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…"


def _from_pydantic(errors: Iterable[dict], data: dict) -> Iterable[Finding]:
    seen: set[tuple] = set()
    for err in errors:
        loc = tuple(err["loc"])
        while len(loc) > 1 and loc[-1] in _UNION_MEMBERS and isinstance(loc[-2], str):
            loc = loc[:-1]  # one error per member of a union: report the field once
        if loc in seen:
            continue
        seen.add(loc)
        kind, value = err["type"], err.get("input")
        name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if len(loc) >= 4 and loc[-2] == "attributes":
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
    items = data.get(section)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _str_id(entry: dict, key: str = "id") -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def _suggest(value: str, known: Iterable[str]) -> str:
    lookup = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(value.casefold(), list(lookup), n=1, cutoff=0.6)
    return f" (did you mean `{lookup[close[0]]}`?)" if close else ""


def _duplicates(section: str, entries: list[tuple[int, dict]]) -> Iterable[Finding]:
    first: dict[str, int] = {}
    for i, entry in entries:
        ident = _str_id(entry)
        if ident is None:
            continue
        if ident in first:
            yield Finding("duplicate-id", f"id `{ident}` is already used by "
                          f"{section}[{first[ident]}]", (section, i, "id"))
        else:
            first[ident] = i


def _references(data: dict, model: DataFile | None, known_relations: Collection[str] = ()
                ) -> Iterable[Finding]:
    actors = _entries(data, "actors")
    sources = _entries(data, "sources")
    relations = _entries(data, "relations")
    types = _entries(data, "relation_types")
    for section, entries in (("actors", actors), ("sources", sources),
                             ("relations", relations), ("relation_types", types)):
        yield from _duplicates(section, entries)

    actor_kind = {_str_id(a): a.get("kind") for _, a in actors if _str_id(a)}
    source_ids = {_str_id(s) for _, s in sources if _str_id(s)}
    type_ids = set(DEFAULT_TYPE_IDS)
    for i, t in types:
        tid = _str_id(t)
        if tid in DEFAULT_TYPE_IDS:
            yield Finding("type-redefined", f"`{tid}` is a default relation type",
                          ("relation_types", i, "id"))
        elif tid:
            type_ids.add(tid)

    def actor_ref(value: Any, path: tuple) -> Iterable[Finding]:
        if isinstance(value, str) and value not in actor_kind:
            yield Finding("unknown-actor", f"no actor has the id `{value}`"
                          f"{_suggest(value, actor_kind)}", path)

    for i, actor in actors:
        rep = actor.get("represents")
        if rep is None:
            continue
        yield from actor_ref(rep, ("actors", i, "represents"))
        if rep == _str_id(actor):
            yield Finding("bad-represents", "an actor cannot represent itself",
                          ("actors", i, "represents"))
        elif actor_kind.get(rep) == "person":
            yield Finding("bad-represents", f"`{rep}` is a person",
                          ("actors", i, "represents"))

    for i, source in sources:
        parent = source.get("derived_from")
        if isinstance(parent, str) and parent not in source_ids:
            yield Finding("unknown-source", f"no source has the id `{parent}`"
                          f"{_suggest(parent, source_ids)}", ("sources", i, "derived_from"))
    yield from _cycles(sources)

    relation_ids = {_str_id(r) for _, r in relations if _str_id(r)}
    for i, rel in relations:
        base = ("relations", i)
        for key in ("same_as", "possibly_same_as"):
            ref = rel.get(key)
            if isinstance(ref, str) and (ref == _str_id(rel) or (
                    ref not in relation_ids and ref not in known_relations)):
                known = relation_ids | set(known_relations)
                yield Finding("unknown-relation", f"no other relation has the id `{ref}`"
                              f"{_suggest(ref, known)}", (*base, key))
        yield from actor_ref(rel.get("source"), (*base, "source"))
        yield from actor_ref(rel.get("target"), (*base, "target"))
        kind = rel.get("type")
        if isinstance(kind, str) and kind not in type_ids:
            yield Finding("unknown-type", f"`{kind}` is not a relation type"
                          f"{_suggest(kind, type_ids)}", (*base, "type"))
        if isinstance(rel.get("source"), str) and rel.get("source") == rel.get("target"):
            yield Finding("self-relation", f"`{rel['source']}` is both source and target",
                          (*base, "target"))
        if model is not None:
            since, until = model.relations[i].since, model.relations[i].until
        else:
            since, until = _date(rel.get("since"), end=False), _date(rel.get("until"), end=True)
        if since and until and until < since:
            yield Finding("date-order", f"until {until} is before since {since}",
                          (*base, "until"))
        evidence = rel.get("evidence")
        if not evidence and not rel.get("judgement"):
            yield Finding("no-evidence", f"relation `{_str_id(rel) or i}` has no evidence",
                          base)
        if isinstance(evidence, list):
            for j, item in enumerate(evidence):
                if not isinstance(item, dict):
                    continue
                ref = item.get("source")
                if isinstance(ref, str) and ref not in source_ids:
                    yield Finding("unknown-source", f"no source has the id `{ref}`"
                                  f"{_suggest(ref, source_ids)}", (*base, "evidence", j, "source"))
                yield from actor_ref(item.get("speaker"), (*base, "evidence", j, "speaker"))


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


def _cycles(sources: list[tuple[int, dict]]) -> Iterable[Finding]:
    parent = {}
    index = {}
    for i, s in sources:
        sid = _str_id(s)
        if sid and sid not in index:
            index[sid] = i
            if isinstance(s.get("derived_from"), str):
                parent[sid] = s["derived_from"]
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
                yield Finding("derived-from-cycle", f"sources derive from each other: {chain}",
                              ("sources", index[first], "derived_from"))


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
            if isinstance(values, list):
                forms += [(v, ("actors", i, key, j)) for j, v in enumerate(values)
                          if isinstance(v, str)]
        for form in {f.casefold(): (f, p) for f, p in forms}.values():
            owners[form[0].casefold()].append((aid, form[1]))
        kind = actor.get("kind")
        pattern = {"state": _STATE_ID, "international_body": _BODY_ID}.get(kind, _SLUG)
        if kind in ACTOR_KINDS and not pattern.match(aid):
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
