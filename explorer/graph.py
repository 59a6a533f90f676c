"""Dataset → networkx graph; filters, projection and focus → View.

A `ViewParams` holds every filter an analyst can set; it is frozen, hashable
and canonical (equal filters give equal params), and it round-trips through
URL query parameters; a value it cannot take raises `FilterError`, which names
the filter (its field, URL key and the values at fault). `make_view(dataset,
params)` applies it in one direction — relations and their evidence, then
projection of persons onto states, then actor kinds, then the focus
neighbourhood — and keeps the View with the Dataset (`Dataset.derived`), so the
app and the CLI compute a View once and it lives as long as the data. Whatever
is computed from a View (measures, layouts, drawings, tables) is kept by the
View in the same way (`View.derived`).

The graph is a `MultiDiGraph`: one node per actor, one edge per relation keyed
by relation id (in a projected view: one edge per merged group). Undirected
relation types (alliance, meeting, rivalry) are stored once, in the order the
data gives; analysis treats them as symmetric.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any, TypeVar

import networkx as nx

from explorer.collector import paused_gc
from explorer.model import (
    ACTOR_KINDS,
    ID_PATTERN,
    MODALITIES,
    POLARITIES,
    RELIABILITY_GRADES,
    STATUSES,
    Dataset,
    Memo,
    Relation,
)
from explorer.problems import Refusal

__all__ = [
    "DEFAULT_STATUSES",
    "POLARITIES",
    "QUERY_KEYS",
    "FilterError",
    "View",
    "ViewParams",
    "build_graph",
    "compute_view",
    "make_view",
    "parse_date",
]

DEFAULT_STATUSES: frozenset[str] = frozenset({"curated", "extracted"})
#: Views kept per Dataset (the most recently used).
VIEWS_KEPT = 16
_ID = re.compile(ID_PATTERN)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
T = TypeVar("T")

#: The URL query key of each ViewParams field (the CLI's options are in `cli.FILTERS`).
QUERY_KEYS: dict[str, str] = {
    "types": "types",
    "polarity": "polarity",
    "statuses": "status",
    "min_confidence": "min_confidence",
    "modalities": "modality",
    "min_reliability": "min_reliability",
    "max_credibility": "max_credibility",
    "as_of": "as_of",
    "date_from": "from",
    "date_to": "to",
    "known_on": "known_on",
    "sources": "source",
    "min_sources": "min_sources",
    "actor_kinds": "kinds",
    "focus": "focus",
    "hops": "hops",
    "project": "project",
}


class FilterError(Refusal, ValueError):
    """A filter value a view cannot take: `bad-filter` (malformed) or `not-in-data` (a
    type, source or actor the data does not have). `fields` has `field` (the
    ViewParams field at fault) and `fields` (all of them, the main one first),
    `keys` (their URL keys), `what` (the message without the filter's name) and
    `value`; the message names the filter by its URL key."""

    code = "bad-filter"

    def __init__(self, field: str | tuple[str, ...], what: str, *, value: Any = None,
                 code: str | None = None) -> None:
        names = (field,) if isinstance(field, str) else tuple(field)
        keys = tuple(QUERY_KEYS.get(n, n) for n in names)
        super().__init__(f"{keys[0]}: {what}", code=code, field=names[0], fields=names,
                         keys=keys, what=what, value=value)

    @property
    def field(self) -> str:
        return self.fields["field"]

    @property
    def keys(self) -> tuple[str, ...]:
        """The URL query keys of the filters at fault."""
        return self.fields["keys"]


def _as_set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = value.split(",")
    return frozenset(str(v).strip() for v in value if str(v).strip())


def parse_date(value: Any, name: str) -> dt.date | None:
    """A filter's date (YYYY-MM-DD, a date, or empty for none); FilterError naming `name`."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise FilterError(name, f"'{value}' is not a date; write it as YYYY-MM-DD",
                          value=value) from None


def _check_choice(values: frozenset[str], allowed: Iterable[str], name: str) -> None:
    allowed = tuple(allowed)
    wrong = sorted(values - set(allowed))
    if wrong:
        raise FilterError(name, f"{', '.join(repr(w) for w in wrong)} is not one of "
                          f"{', '.join(allowed)}", value=wrong)


def _check_ids(values: frozenset[str], name: str) -> None:
    for value in sorted(values):
        if not _ID.match(value):
            raise FilterError(name, f"'{value}' is not an id (letters, digits, '.', '_', '-')",
                              value=value)


@dataclass(frozen=True)
class ViewParams:
    """Every filter of a view. Empty sets mean "no filter" (all), except `statuses`,
    which defaults to curated + extracted: rejected relations show only when asked.

    Evidence filters (`min_reliability`, `max_credibility`, `known_on`, `sources`)
    act on each evidence item; a relation stays when at least one item passes them
    all, and its evidence and independent-source counts are those of the items
    that pass. Ungraded credibility counts as 6 ("cannot be judged"); evidence
    from a source without a publication date is not "known" on any date.

    Dates: `as_of` keeps relations in force on that day; `date_from`/`date_to`
    keep relations in force at some point of the range (open ends allowed).
    A range of one day is stored as `as_of`.
    """

    types: frozenset[str] = frozenset()
    polarity: frozenset[str] = frozenset()
    statuses: frozenset[str] = DEFAULT_STATUSES
    min_confidence: float = 0.0
    modalities: frozenset[str] = frozenset()
    min_reliability: str | None = None
    max_credibility: int | None = None
    as_of: dt.date | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    known_on: dt.date | None = None
    sources: frozenset[str] = frozenset()
    min_sources: int = 0
    actor_kinds: frozenset[str] = frozenset()
    focus: str | None = None
    hops: int = 1
    project: bool = False

    def __post_init__(self) -> None:
        put = object.__setattr__
        for name in ("types", "polarity", "statuses", "modalities", "sources", "actor_kinds"):
            put(self, name, _as_set(getattr(self, name)))
        if not self.statuses:
            put(self, "statuses", DEFAULT_STATUSES)
        _check_ids(self.types, "types")
        _check_choice(self.polarity, POLARITIES, "polarity")
        _check_choice(self.statuses, STATUSES, "statuses")
        _check_choice(self.modalities, MODALITIES, "modalities")
        _check_ids(self.sources, "sources")
        _check_choice(self.actor_kinds, ACTOR_KINDS, "actor_kinds")
        # full sets filter nothing: store them as "no filter"
        for name, full in (("polarity", POLARITIES), ("modalities", MODALITIES),
                           ("actor_kinds", ACTOR_KINDS)):
            if getattr(self, name) == frozenset(full):
                put(self, name, frozenset())
        try:
            confidence = float(self.min_confidence)
        except (TypeError, ValueError):
            raise FilterError("min_confidence", f"'{self.min_confidence}' is not a number "
                              "from 0 to 1", value=self.min_confidence) from None
        if not 0.0 <= confidence <= 1.0:
            raise FilterError("min_confidence", f"{confidence:g} is outside 0–1",
                              value=confidence)
        put(self, "min_confidence", confidence)
        if self.min_reliability is not None:
            grade = str(self.min_reliability).strip().upper()
            if grade not in RELIABILITY_GRADES:
                raise FilterError("min_reliability", f"'{self.min_reliability}' is not a grade "
                                  "A–F (A completely reliable … F cannot be judged)",
                                  value=self.min_reliability)
            put(self, "min_reliability", None if grade == "F" else grade)
        if self.max_credibility is not None:
            credibility = _as_int(self.max_credibility, "max_credibility")
            if not 1 <= credibility <= 6:
                raise FilterError("max_credibility", f"{credibility} is not a grade 1–6 "
                                  "(1 confirmed … 6 cannot be judged)", value=credibility)
            put(self, "max_credibility", None if credibility == 6 else credibility)
        for name in ("as_of", "date_from", "date_to", "known_on"):
            put(self, name, parse_date(getattr(self, name), name))
        if self.as_of and (self.date_from or self.date_to):
            raise FilterError(("as_of", "date_from", "date_to"), "give an as-of date or a date "
                              "range (from/to), not both")
        if self.date_from and self.date_to:
            if self.date_to < self.date_from:
                raise FilterError(("date_to", "date_from"), f"'to' ({self.date_to}) is "
                                  f"before 'from' ({self.date_from})", value=self.date_to)
            if self.date_from == self.date_to:
                put(self, "as_of", self.date_from)
                put(self, "date_from", None)
                put(self, "date_to", None)
        min_sources = _as_int(self.min_sources, "min_sources")
        if min_sources < 0:
            raise FilterError("min_sources", f"{min_sources} is negative", value=min_sources)
        put(self, "min_sources", min_sources)
        if self.focus is not None:
            focus = str(self.focus).strip() or None
            if focus is not None:
                _check_ids(frozenset({focus}), "focus")
            put(self, "focus", focus)
        hops = _as_int(self.hops, "hops")
        if hops < 0:
            raise FilterError("hops", f"{hops} is negative", value=hops)
        put(self, "hops", hops if self.focus else 1)
        put(self, "project", _as_bool(self.project, "project"))

    @property
    def evidence_filtered(self) -> bool:
        """True when a filter drops single evidence items (not only whole relations)."""
        return bool(self.min_reliability or self.max_credibility or self.known_on
                    or self.sources)

    def to_query(self) -> dict[str, str]:
        """The non-default filters as URL query parameters (sorted, comma-joined lists)."""
        query: dict[str, str] = {}
        defaults = ViewParams()
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(defaults, f.name):
                continue
            key = QUERY_KEYS[f.name]
            if isinstance(value, frozenset):
                query[key] = ",".join(sorted(value))
            elif isinstance(value, bool):
                query[key] = "1" if value else "0"
            elif isinstance(value, float):
                query[key] = f"{value:g}"
            else:
                query[key] = str(value)
        return query

    @classmethod
    def from_query(cls, mapping: Mapping[str, Any]) -> ViewParams:
        """Params from URL query parameters; unknown keys are ignored (they belong to
        the page); an invalid value raises FilterError naming the parameter."""
        kwargs: dict[str, Any] = {}
        for name, key in QUERY_KEYS.items():
            if key not in mapping:
                continue
            value = mapping[key]
            if isinstance(value, list | tuple):
                value = ",".join(str(v) for v in value)
            value = str(value).strip()
            if value == "":
                continue
            kwargs[name] = value
        return cls(**kwargs)

    def replace(self, **changes: Any) -> ViewParams:
        """A copy with some filters changed (canonicalised again)."""
        return replace(self, **changes)


def _as_int(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise FilterError(name, f"'{value}' is not a whole number", value=value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise FilterError(name, f"'{value}' is not a whole number", value=value) from None


def _as_bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FilterError(name, f"'{value}' is not yes/no (use 1 or 0)", value=value)


# ------------------------------------------------------------- dataset base
@dataclass(frozen=True, slots=True)
class _Item:
    """One evidence item, reduced to what filters read."""

    source: str
    root: str
    reliability: int  # 0 = A … 5 = F
    credibility: int  # 1 … 6 (ungraded = 6)
    published: dt.date | None


@dataclass(frozen=True)
class _Base:
    """What every view of one dataset shares, computed once: evidence reduced for
    filtering, and the attribute dicts of every actor and relation."""

    items: dict[str, tuple[_Item, ...]]
    nodes: dict[str, dict[str, Any]]
    edges: dict[str, dict[str, Any]]
    polarity: dict[str, str]


_GRADE = {g: i for i, g in enumerate(RELIABILITY_GRADES)}
Edge = tuple[str, str, str, dict[str, Any]]


def _base(dataset: Dataset) -> _Base:
    """The shared part of every view of `dataset`, computed once and kept with it."""
    return dataset.derived("graph-base", _make_base)


def _make_base(dataset: Dataset) -> _Base:
    roots = {s.id: dataset.root_source(s.id) for s in dataset.sources}
    by_id = {s.id: s for s in dataset.sources}
    items = {
        r.id: tuple(
            _Item(e.source, roots[e.source], _GRADE[by_id[e.source].reliability],
                  e.credibility or 6, by_id[e.source].published)
            for e in r.evidence)
        for r in dataset.relations
    }
    types = {t.id: t for t in dataset.types}
    nodes = {a.id: {"label": a.name, "kind": a.kind, "represents": a.represents or "",
                    "description": a.description, "members": (a.id,)}
             for a in dataset.actors}
    edges = {r.id: _edge_attrs(r, types[r.type], items[r.id]) for r in dataset.relations}
    return _Base(items, nodes, edges, {t.id: t.polarity for t in dataset.types})


def _edge_attrs(r: Relation, t: Any, items: tuple[_Item, ...]) -> dict[str, Any]:
    roots = tuple(sorted({i.root for i in items}))
    return {
        "id": r.id, "type": r.type, "label": t.label or r.type, "directed": t.directed,
        "polarity": t.polarity, "sign": 0 if r.modality == "negated" else t.sign,
        "status": r.status, "confidence": r.confidence, "weight": r.confidence,
        "modality": r.modality,
        "since": r.since, "until": r.until, "evidence_count": len(items),
        "independent_count": len(roots), "independent_sources": roots, "color": t.color,
        "summary": r.summary or "", "attributes": dict(r.attributes), "tags": r.tags,
        "relation_ids": (r.id,),
    }


def _select(dataset: Dataset, params: ViewParams) -> list[tuple[Relation, tuple[_Item, ...]]]:
    """Relations that pass the relation and evidence filters, with their kept evidence."""
    base = _base(dataset)
    index, polarity = base.items, base.polarity
    p = params
    grade = _GRADE[p.min_reliability] if p.min_reliability else None
    lo, hi = (p.as_of, p.as_of) if p.as_of else (p.date_from, p.date_to)
    evidence_filtered = p.evidence_filtered
    kept = []
    for r in dataset.relations:
        if r.status not in p.statuses or r.confidence < p.min_confidence:
            continue
        if p.types and r.type not in p.types:
            continue
        if p.polarity and polarity[r.type] not in p.polarity:
            continue
        if p.modalities and r.modality not in p.modalities:
            continue
        if hi is not None and r.since is not None and r.since > hi:
            continue
        if lo is not None and r.until is not None and r.until < lo:
            continue
        items = index[r.id]
        if evidence_filtered:
            items = tuple(
                i for i in items
                if (grade is None or i.reliability <= grade)
                and (p.max_credibility is None or i.credibility <= p.max_credibility)
                and (p.known_on is None or (i.published is not None
                                            and i.published <= p.known_on))
                and (not p.sources or i.source in p.sources))
            if not items:
                continue
        if p.min_sources and len({i.root for i in items}) < p.min_sources:
            continue
        kept.append((r, items))
    return kept


def _edges(dataset: Dataset, selected: Iterable[tuple[Relation, tuple[_Item, ...]]]
           ) -> list[Edge]:
    """Graph edges of the selected relations; attributes are the shared base dicts
    unless a filter dropped some of a relation's evidence."""
    base = _base(dataset)
    edges = []
    for r, items in selected:
        attrs = base.edges[r.id]
        if len(items) != attrs["evidence_count"]:
            roots = tuple(sorted({i.root for i in items}))
            attrs = {**attrs, "evidence_count": len(items), "independent_count": len(roots),
                     "independent_sources": roots}
        edges.append((r.source, r.target, r.id, attrs))
    return edges


def _assemble(nodes: dict[str, dict[str, Any]], edges: list[Edge]) -> nx.MultiDiGraph:
    """A MultiDiGraph of these nodes and (source, target, key, attributes) edges, through
    networkx's public API (each edge gets its own copy of the attribute dict)."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from(edges)
    return graph


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """The whole Dataset as a graph: every actor a node, every relation an edge
    keyed by its id, with type, polarity, sign (0 for a negated relation), status,
    confidence, weight (= confidence; in a projected view, the sum over merged
    relations), modality, since/until, evidence and independent-source counts,
    colour, summary and attributes."""
    with paused_gc():
        base = _base(dataset)
        return _assemble(dict(base.nodes), [(r.source, r.target, r.id, base.edges[r.id])
                                            for r in dataset.relations])


def _project(dataset: Dataset, edges: list[Edge]) -> tuple[dict[str, dict], list[Edge]]:
    """Fold persons into the states (or bodies) they represent.

    Edges that then join the same two actors with the same type, status and
    modality merge into one: evidence counts add up, independent sources are
    united, confidence is the highest and `weight` the sum of the relations'
    confidences (what measures add up), since/until the widest. An undirected
    type merges regardless of direction. Edges that fold into a loop (a leader
    and their own state) are dropped.
    """
    state: dict[str, str] = {}
    members: dict[str, set[str]] = defaultdict(set)
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for u, v, _, data in edges:
        for n in (u, v):
            if n not in state:
                state[n] = dataset.state_of(n)
                members[state[n]].add(n)
        a, b = state[u], state[v]
        if a == b:
            continue
        if not data["directed"] and b < a:
            a, b = b, a
        groups[(a, b, data["type"], data["status"], data["modality"])].append(data)
    base = _base(dataset).nodes
    ends = {n for key in groups for n in key[:2]}
    nodes = {n: {**base[n], "members": tuple(sorted(members[n]))} for n in ends}
    merged_edges = []
    for (a, b, *_), group in groups.items():
        if len(group) == 1:
            merged_edges.append((a, b, group[0]["id"], group[0]))
            continue
        ids = tuple(sorted(i for d in group for i in d["relation_ids"]))
        roots = tuple(sorted({s for d in group for s in d["independent_sources"]}))
        sinces = [d["since"] for d in group]
        untils = [d["until"] for d in group]
        merged = {
            **group[0], "id": "+".join(ids), "relation_ids": ids,
            "confidence": max(d["confidence"] for d in group),
            "weight": round(sum(d["weight"] for d in group), 9),
            "evidence_count": sum(d["evidence_count"] for d in group),
            "independent_count": len(roots), "independent_sources": roots,
            "since": None if None in sinces else min(sinces),
            "until": None if None in untils else max(untils),
            "summary": " / ".join(d["summary"] for d in group if d["summary"]),
            "attributes": {}, "tags": tuple(sorted({t for d in group for t in d["tags"]})),
        }
        merged_edges.append((a, b, merged["id"], merged))
    return nodes, merged_edges


def _neighbourhood(edges: list[Edge], focus: str, hops: int) -> set[str]:
    around: dict[str, set[str]] = defaultdict(set)
    for u, v, _, _ in edges:
        around[u].add(v)
        around[v].add(u)
    seen = {focus}
    frontier = {focus}
    for _ in range(hops):
        frontier = {m for n in frontier for m in around[n]} - seen
        seen |= frontier
    return seen


def _check_known(dataset: Dataset, params: ViewParams) -> None:
    known_types = {t.id for t in dataset.types}
    for name, values, known in (("types", params.types, known_types),
                                ("sources", params.sources, {s.id for s in dataset.sources})):
        wrong = sorted(values - known)
        if wrong:
            raise FilterError(name, f"{', '.join(wrong)} not in the data (known: "
                              f"{', '.join(sorted(known))})", value=wrong, code="not-in-data")
    if params.focus and not dataset.has_actor(params.focus):
        raise FilterError("focus", f"no actor '{params.focus}' in the data",
                          value=params.focus, code="not-in-data")


# ----------------------------------------------------------------------- view
@dataclass(frozen=True, eq=False)
class View:
    """The graph after filters, with the params and dataset that made it. Anything
    computed from it is kept with it (`derived`) for as long as it lives.

    Read the graph's attributes, never change them (copy the graph first if you must):
    the View is shared by every page and command that asks for the same filters.
    """

    params: ViewParams
    dataset: Dataset
    graph: nx.MultiDiGraph = field(repr=False)
    _memo: Memo = field(init=False, repr=False, compare=False, default_factory=Memo)

    def derived(self, key: Hashable, compute: Callable[[View], T]) -> T:
        """`compute(self)`, computed once per key and kept with this View."""
        return self._memo.get(key, lambda: compute(self))

    @cached_property
    def edges(self) -> tuple[tuple[str, str, str, dict[str, Any]], ...]:
        """(source, target, key, attributes) of every edge, listed once for the
        measures to loop over (faster than asking the graph each time)."""
        return tuple((u, v, k, d) for u, around in self.graph.adjacency()
                     for v, keyed in around.items() for k, d in keyed.items())

    @cached_property
    def relation_ids(self) -> frozenset[str]:
        """Ids of the dataset's relations that the view shows (merged ones included)."""
        return frozenset(i for *_, d in self.edges for i in d["relation_ids"])

    @cached_property
    def evidence_counts(self) -> dict[str, tuple[int, int]]:
        """Per relation the view shows: the evidence items and independent sources that
        pass its evidence filters (a merged line counts each of its relations)."""
        kept = self.relation_ids
        return {r.id: (len(items), len({i.root for i in items}))
                for r, items in _select(self.dataset, self.params) if r.id in kept}


class _Views:
    """The views of one Dataset, the most recently used VIEWS_KEPT of them."""

    def __init__(self) -> None:
        self.views: OrderedDict[ViewParams, View] = OrderedDict()
        self.lock = threading.Lock()


def make_view(dataset: Dataset, params: ViewParams | None = None) -> View:
    """The View of `dataset` under `params`, computed once and kept with the Dataset
    (the last VIEWS_KEPT per Dataset).

    Filters apply in one direction: relations and their evidence, then the
    projection of persons onto states, then actor kinds, then the focus
    neighbourhood. Actors without a relation in the view are left out (except
    the focus). Raises FilterError (`not-in-data`) when the params name a type,
    source or focus actor the data does not have.
    """
    params = params or ViewParams()
    kept = dataset.derived("views", lambda _: _Views())
    with kept.lock:
        view = kept.views.get(params)
        if view is not None:
            kept.views.move_to_end(params)
            return view
    view = compute_view(dataset, params)
    with kept.lock:
        view = kept.views.setdefault(params, view)
        while len(kept.views) > VIEWS_KEPT:
            kept.views.popitem(last=False)
    return view


def compute_view(dataset: Dataset, params: ViewParams | None = None) -> View:
    """A new View of `dataset` under `params`, kept nowhere (`make_view` keeps it)."""
    params = params or ViewParams()
    _check_known(dataset, params)
    with paused_gc():
        return _make_view(dataset, params)


def _make_view(dataset: Dataset, params: ViewParams) -> View:
    edges = _edges(dataset, _select(dataset, params))
    nodes = _base(dataset).nodes
    if params.project:
        nodes, edges = _project(dataset, edges)
    if params.actor_kinds:
        kinds = params.actor_kinds
        edges = [e for e in edges
                 if nodes[e[0]]["kind"] in kinds and nodes[e[1]]["kind"] in kinds]
    keep: set[str] | None = None
    if params.focus:
        focus = dataset.state_of(params.focus) if params.project else params.focus
        keep = _neighbourhood(edges, focus, params.hops)
        edges = [e for e in edges if e[0] in keep and e[1] in keep]
        if focus not in nodes:
            nodes = {**nodes, focus: _base(dataset).nodes[focus]}
    ends = dict.fromkeys(n for e in edges for n in e[:2])
    if keep is not None:
        ends.update(dict.fromkeys(sorted(keep - set(ends))))
    return View(params, dataset, _assemble({n: nodes[n] for n in ends}, edges))
