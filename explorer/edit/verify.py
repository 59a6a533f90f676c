"""Checking a draft's new text before it is written: it must say exactly what was intended,
and validate.

The fast way checks the spliced entries alone: each parses (the way the read path
parses the file) to the intended data, and validates with everything it refers
to. The rest of the text is the bytes that validated before, untouched. When
the text may hold anchors, aliases or tags (an entry then need not be
self-contained) the whole new text goes through the read path instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError

from explorer import store
from explorer.edit.errors import EditError, InvalidChange
from explorer.edit.layout import Splice
from explorer.model import SECTION_MODELS, Dataset, Relation
from explorer.parse import ParseFailed, parse_fast, parse_located
from explorer.problems import DataFileError, Problem
from explorer.validate import validate
from explorer.vocabulary import DEFAULT_TYPES

__all__ = ["EDITABLE_SECTIONS", "parse_items", "reread", "validated", "verify"]

#: The sections a draft may change.
EDITABLE_SECTIONS = ("actors", "sources", "relations")

#: (section, index in the section or None for a new entry, parsed item or None for a
#: removal, intended data)
Parsed = tuple[str, int | None, Any, dict[str, Any] | None]


def reread(text: str, display: str) -> Dataset:
    """The whole text through the read path; InvalidChange with located errors if invalid."""
    try:
        return store.load_text(text, display)
    except DataFileError as exc:
        raise InvalidChange(exc.errors or exc.problems, display) from None


def verify(before: Dataset, display: str, new_text: str, splices: list[Splice],
           new_digest: str, *, whole: bool) -> Dataset:
    """The Dataset of `new_text`, checked against the intent of `splices`; raises
    InvalidChange (located problems) or EditError (the text says something else)."""
    if whole:
        return _verify_whole(before, display, new_text, splices, new_digest)
    return _verify_entries(before, display, new_text, splices, new_digest)


def _verify_entries(before: Dataset, display: str, new_text: str, splices: list[Splice],
                    new_digest: str) -> Dataset:
    parsed: list[Parsed] = []
    for piece in splices:
        if not piece.text:  # a removal
            parsed += [(piece.section, index, None, None) for index, _ in piece.entries]
            continue
        items = parse_items(piece.text, len(piece.entries), display)
        parsed += [(piece.section, index, item, expected)
                   for item, (index, expected) in zip(items, piece.entries, strict=True)]
    written = [p for p in parsed if p[2] is not None]
    removed = {index for section, index, item, _ in parsed if item is None}
    everything = any(section != "relations" for section, *_ in written)
    if everything:
        context = {name: [_dump(e) for e in getattr(before, name)]
                   for name in ("actors", "sources")}
    else:
        context = _referenced(before, [item for _, _, item, _ in written])
    document: dict[str, Any] = {
        "version": 1, **context, "relations": [], "relation_types": [
            _dump(t) for t in before.types[len(DEFAULT_TYPES):]]}
    positions = []
    for section, index, item, _ in written:
        entries = document[section]
        if section == "relations" or index is None:
            entries.append(item)
            positions.append(len(entries) - 1)
        else:
            entries[index] = item
            positions.append(index)
    relations: list[Relation | None] = list(before.relations)
    for index in removed:
        relations[index] = None
    # ids that go: removed relations, and the old ids of relations written with a new one
    gone = {before.relations[i].id for i in removed} | {
        before.relations[i].id for section, i, item, _ in written
        if section == "relations" and i is not None and isinstance(item, dict)
        and item.get("id") != before.relations[i].id}
    new_ids = {item.get("id") for section, _, item, _ in written
               if section == "relations" and isinstance(item, dict)} - {None}
    model, findings = validate(document, known_relations=_Ids(before, gone, new_ids))
    if model is None or _reuses_an_id(before, written):
        _refuse(new_text, display)
    for (section, index, _, expected), position in zip(written, positions, strict=True):
        got = getattr(model, section)[position]
        if validated(SECTION_MODELS[section], expected) != got:
            raise EditError(f"{display}: the edit of `{got.id}` did not produce the intended "
                            "data; nothing was written", code="unverified", file=display)
        if section == "relations":
            if index is None:
                relations.append(got)
            else:
                relations[index] = got
    kept = tuple(r for r in relations if r is not None)
    if gone:  # a relation that named one that goes would be left dangling
        _check_relation_references(kept, new_text, display)
    if everything:  # warnings concern actors and sources, all of which were checked
        warnings = tuple(f.locate(None, display) for f in findings if not f.is_error)
        actors, sources = model.actors, model.sources
    else:
        warnings, actors, sources = before.warnings, before.actors, before.sources
    return Dataset(actors=actors, sources=sources, relations=kept, types=before.types,
                   path=before.path, digest=new_digest, warnings=warnings)


class _Ids:
    """The relation ids of the file after a change, as `validate` asks for them
    (`in`), without copying the ids of the whole file."""

    def __init__(self, before: Dataset, gone: set[str], added: set[Any]) -> None:
        self.before, self.gone, self.added = before, gone, added

    def __contains__(self, relation_id: object) -> bool:
        return relation_id in self.added or (
            isinstance(relation_id, str) and self.before.has_relation(relation_id)
            and relation_id not in self.gone)

    def __iter__(self):
        yield from (r.id for r in self.before.relations if r.id not in self.gone)
        yield from (i for i in self.added if isinstance(i, str))


def _check_relation_references(relations: tuple[Relation, ...], new_text: str,
                               display: str) -> None:
    """Every `same_as` / `possibly_same_as` still names a relation of the file."""
    ids = {r.id for r in relations}
    for r in relations:
        for ref in (r.same_as, r.possibly_same_as):
            if ref is not None and ref not in ids:
                _refuse(new_text, display)


def _reuses_an_id(before: Dataset, written: list[Parsed]) -> bool:
    """True if a new or changed entry takes the id of another entry of the file."""
    exists = {"actors": before.has_actor, "relations": before.has_relation,
              "sources": before.has_source}
    for section, index, item, _ in written:
        new_id = item.get("id") if isinstance(item, dict) else None
        entries = getattr(before, section)
        if index is not None and entries[index].id == new_id:
            continue
        if isinstance(new_id, str) and exists[section](new_id):
            return True
    return False


def _verify_whole(before: Dataset, display: str, new_text: str, splices: list[Splice],
                  new_digest: str) -> Dataset:
    """Re-read the whole new text through the read path and compare with the intent."""
    after = reread(new_text, display)
    wanted: dict[str, list[Any]] = {name: list(getattr(before, name))
                                    for name in EDITABLE_SECTIONS}
    for piece in splices:
        for index, expected in piece.entries:
            if expected is None:  # removed
                wanted[piece.section][index] = None
            elif index is None:
                wanted[piece.section].append(validated(SECTION_MODELS[piece.section],
                                                        expected))
            else:
                wanted[piece.section][index] = validated(SECTION_MODELS[piece.section],
                                                          expected)
    for name in EDITABLE_SECTIONS:
        if list(getattr(after, name)) != [e for e in wanted[name] if e is not None]:
            raise EditError(f"{display}: the edit did not produce the intended `{name}`; "
                            "nothing was written", code="unverified", file=display)
    if after.types != before.types:
        raise EditError(f"{display}: the edit changed the relation types; nothing was "
                        "written", code="unverified", file=display)
    return replace(after, path=before.path, digest=new_digest)


def _refuse(new_text: str, display: str) -> None:
    """Raise InvalidChange with the problems of the whole proposed text, located."""
    reread(new_text, display)
    raise InvalidChange([Problem("duplicate-id", "an entry this change adds reuses an id",
                                 file=display)], display)


def _dump(entry: BaseModel) -> dict[str, Any]:
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
    while wanted_sources:
        source_id = wanted_sources.pop()
        if isinstance(source_id, str) and source_id not in sources \
                and dataset.has_source(source_id):
            sources[source_id] = dataset.source(source_id)
            wanted_sources.append(sources[source_id].derived_from)
    return {"actors": [_dump(a) for a in actors.values()],
            "sources": [_dump(s) for s in sources.values()]}


def validated(model: type[BaseModel], data: Any) -> BaseModel | None:
    """`data` as a `model`, or None when it does not validate."""
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def parse_items(block: str, count: int, file: str) -> list[Any]:
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
                            f"({located.problems[0].message}); nothing was written",
                            code="unverified", file=file) from None
        data = located.data
    items = data.get("_") if isinstance(data, dict) else None
    if not isinstance(items, list) or len(items) != count:
        raise EditError(f"{file}: the new text does not hold the {count} entries intended; "
                        "nothing was written", code="unverified", file=file)
    return items
