"""From what a dataset codes to the explorer's vocabulary: event codes to our ten
relation types, actor codes to our actor ids. The tables are data files beside
this module (`data/`), written from `spec/cameo-mapping.md` and each dataset's
code lists; this module only reads them and applies them.

An event either maps to pairs of our actors with one of our types (`Mapped`),
or is set aside for a stated reason (`Skipped`): a code that stands for no
relation, a code or actor the tables do not cover (listed to the analyst as
unmapped), an event with one side only, or one within a single actor.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from explorer.events.formats import Actor, Coded
from explorer.parse import parse_guarded
from explorer.vocabulary import DEFAULT_TYPES

__all__ = ["BY_OBJECT", "Mapped", "Mapping", "Pair", "Skipped"]

BY_OBJECT = "by-object"
_DIRECTED = {t.id: t.directed for t in DEFAULT_TYPES}


class Pair(NamedTuple):
    """One of our relations, as an event codes it: who acted on whom."""

    source: str
    target: str
    directed: bool  # False for undirected types and for two-sided events: ends sorted


@dataclass(frozen=True, slots=True)
class Mapped:
    type: str
    hedged: bool
    pairs: tuple[Pair, ...]


@dataclass(frozen=True, slots=True)
class Skipped:
    """Why an event gives no relation. `kind` is one of: no-relation (the code stands
    for none), unmapped-code, unmapped-actor, one-sided, domestic."""

    kind: str
    code: str = ""


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("explorer.events").joinpath("data", name).read_text("utf-8")
    lines = [line for line in io.StringIO(text) if not line.startswith("#")]
    return list(csv.DictReader(lines))


class Mapping:
    """The mapping tables, read once per import (a plain object: no global cache)."""

    def __init__(self) -> None:
        self.cameo = {r["code"]: (r["type"], r["hedged"] == "yes")
                      for r in _rows("cameo_types.csv")}
        self.plover: dict[str, list[tuple[str, str]]] = {}
        for r in _rows("plover_types.csv"):
            self.plover.setdefault(r["event"], []).append((r["mode"], r["type"]))
        self.countries = {r["cameo"]: r["iso3"] for r in _rows("cameo_countries.csv")}
        self.iso3 = {code for code in self.countries.values() if code}
        bodies = parse_guarded(resources.files("explorer.events").joinpath(
            "data", "bodies.yaml").read_text("utf-8"))
        self.groups = {code: b["id"] for b in bodies for code in b.get("cameo", ())}
        self.igo_names = {name.casefold(): b["id"] for b in bodies
                          for name in b.get("polecat", ())}
        self.bodies = {b["id"]: b["name"] for b in bodies}

    # ---------------------------------------------------------------- codes
    def cameo_type(self, code: str) -> tuple[str, bool] | None:
        """(type, hedged) of a CAMEO event code by its longest listed prefix; type ""
        for no relation, `by-object` when it depends on what is signed or given."""
        for end in range(len(code), 1, -1):
            found = self.cameo.get(code[:end])
            if found is not None:
                return found
        return None

    def plover_type(self, event: str, modes: tuple[str, ...]) -> str | None:
        """Our type of a PLOVER event type with its modes and contexts (None: unknown)."""
        for mode, kind in self.plover.get(event, ()):
            if mode == "*" or mode in modes:
                return kind
        return None

    # --------------------------------------------------------------- actors
    def gdelt_actor(self, actor: Actor) -> str | None:
        """Our id of a GDELT actor: its country (CAMEO code → ISO3) or its known group."""
        if actor.country:
            return self.countries.get(actor.country) or None
        if actor.group:
            return self.groups.get(actor.group)
        return None

    def polecat_actor(self, actor: Actor) -> str | None:
        """Our id of a POLECAT actor: its ISO3 country, or the IGO its name names."""
        if actor.country == "IGO":
            return self.igo_names.get(actor.group.casefold())
        return actor.country if actor.country in self.iso3 else None

    # --------------------------------------------------------------- events
    def map(self, format: str, event: Coded) -> Mapped | Skipped:
        """The relation(s) an event stands for, or why it stands for none."""
        if format == "gdelt":
            found = self.cameo_type(event.event)
            if found is None:
                return Skipped("unmapped-code", event.event)
            kind, hedged = found
            actor = self.gdelt_actor
            code = event.event
        else:
            found_type = self.plover_type(event.event, event.modes)
            if found_type is None:
                return Skipped("unmapped-code", event.event)
            kind, hedged, actor = found_type, False, self.polecat_actor
            code = event.event
        if not kind:
            return Skipped("no-relation", code)
        if kind == BY_OBJECT:
            return Skipped("unmapped-code", code)
        sources, unknown = _ids(event.sources, actor, format)
        targets, unknown_t = _ids(event.targets, actor, format)
        unknown += unknown_t
        pairs = _pairs(sources, targets, _DIRECTED[kind])
        if not pairs:
            if unknown:
                return Skipped("unmapped-actor", unknown[0])
            if sources and targets:  # every pair had one actor at both ends
                return Skipped("domestic", sources[0])
            return Skipped("one-sided", code)
        return Mapped(kind, hedged, pairs)


def _ids(actors: tuple[Actor, ...], to_id, format: str) -> tuple[list[str], list[str]]:
    """Our ids of the actors, and the codes of those we cannot map."""
    found, unknown = [], []
    for a in actors:
        ident = to_id(a)
        if ident:
            if ident not in found:
                found.append(ident)
        else:
            unknown.append(_label(a, format))
    return found, unknown


def _label(actor: Actor, format: str) -> str:
    if format == "polecat":
        return f"IGO {actor.group}" if actor.country == "IGO" else actor.country or actor.group
    return actor.country or actor.group or actor.code or "(no actor code)"


def _pairs(sources: list[str], targets: list[str], directed: bool) -> tuple[Pair, ...]:
    """Source × target pairs (no actor with itself); with no target, every two sources
    act together (PLOVER codes two-sided meetings and fighting that way)."""
    found: dict[tuple[str, str, bool], None] = {}
    if targets:
        for s in sources:
            for t in targets:
                if s != t:
                    a, b = (s, t) if directed or s < t else (t, s)
                    found[(a, b, directed)] = None
    else:
        ends = sorted(set(sources))
        for i, a in enumerate(ends):
            for b in ends[i + 1:]:
                found[(a, b, False)] = None
    return tuple(Pair(*key) for key in found)
