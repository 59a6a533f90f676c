"""Where each actor is drawn: positions in pixels, computed once and kept.

An actor keeps its place: filters, folding, focus and new data never move the
actors already placed. `spring` lays actors out (Fruchterman–Reingold on numpy
arrays, seeded, with some actors held in place); `complete` places the actors
a drawing needs that have no position yet — all of them at once when there are
many (a first open), each near the actors it is related to when there are a
few (an accepted relation, a new actor); `relayout` lays out again the actors
of one drawing, when the analyst asks. An actor is placed only once it has
relations, or when a drawing shows it alone (a focus on it): placed so, it is
"loose", and is placed again, beside its partners, the first time it has some.

`LayoutFile` keeps the positions beside the data file (`.NAME.layout.json`,
ignored by git) with the digest of the data they were completed for, so that
a server started cold draws at once, a link opens the layout the analyst saw,
and a write to the data file moves nobody.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import os
import tempfile
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["LAYOUT_MAX_NODES", "SEED", "LayoutFile", "Positions", "complete", "relayout",
           "spring"]

#: At most this many actors are laid out together (n² memory: about 2 s at 1,500).
LAYOUT_MAX_NODES = 1500
SEED = 7
#: Pixels per unit of the layout: the whole layout spans about ±SPREAD·√n pixels.
SPREAD = 120.0
#: More actors to place than this (and than a tenth of those placed): a spring layout;
#: fewer: each next to its neighbours.
FEW = 30
#: No two actors closer than this (pixels): room for the largest node and its name.
MIN_DISTANCE = 130.0
Positions = dict[str, tuple[float, float]]
Edges = Iterable[tuple[str, str]]


def spring(nodes: Iterable[str], edges: Edges, *, fixed: Mapping[str, tuple[float, float]]
           | None = None, seed: int = SEED, iterations: int = 50) -> Positions:
    """Fruchterman–Reingold positions in pixels for `nodes` (sorted first, so the result
    does not depend on their order), linked by `edges` (others ignored).

    Actors in `fixed` (pixels) stay where they are and pull their neighbours; the
    others start near the mean of their fixed neighbours (or at random, seeded)."""
    fixed = dict(fixed or {})
    names = sorted(set(nodes) | set(fixed))
    n = len(names)
    if n == 0:
        return {}
    if n == 1:
        return {names[0]: fixed.get(names[0], (0.0, 0.0))}
    index = {a: i for i, a in enumerate(names)}
    adjacency = np.zeros((n, n))
    for u, v in edges:
        i, j = index.get(u), index.get(v)
        if i is not None and j is not None and i != j:
            adjacency[i, j] = adjacency[j, i] = 1.0
    rng = np.random.default_rng(seed)
    scale = SPREAD * math.sqrt(max(n, len(fixed)))
    pos = rng.random((n, 2)) * 2 - 1  # the unit square, centred
    held = np.zeros(n, dtype=bool)
    for a, (x, y) in fixed.items():
        pos[index[a]] = (x / scale, y / scale)
        held[index[a]] = True
    if held.any():
        for a in names:
            i = index[a]
            if held[i]:
                continue
            around = held & (adjacency[i] > 0)
            centre = pos[around].mean(axis=0) if around.any() else pos[held].mean(axis=0)
            pos[i] = centre + (rng.random(2) - 0.5) * 0.2
    k = math.sqrt(4.0 / n)  # the unit square is 2 wide: networkx's √(1/n), doubled
    t = max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1])) * 0.1
    dt = t / (iterations + 1)
    pos = pos.astype(np.float32)
    adjacency = adjacency.astype(np.float32)
    for _ in range(iterations):  # x and y apart, in float32: 7× faster than one array
        dx = pos[:, 0][:, None] - pos[:, 0][None, :]
        dy = pos[:, 1][:, None] - pos[:, 1][None, :]
        d2 = np.maximum(dx * dx + dy * dy, 1e-4)
        force = k * k / d2 - adjacency * np.sqrt(d2) / k
        step = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.linalg.norm(step, axis=1)
        step *= (t / np.where(length < 0.01, 0.1, length))[:, None]
        step[held] = 0.0
        pos += step
        t -= dt
        if np.linalg.norm(step) / n < 1e-4:
            break
    pos = pos.astype(np.float64)
    if not held.any():  # centre and fit to ±1, as networkx's rescale_layout does
        pos -= pos.mean(axis=0)
        pos /= max(np.abs(pos).max(), 1e-9)
    pos = _separate((pos * scale).astype(np.float32), held)
    return {a: (round(float(x), 1), round(float(y), 1))
            for a, (x, y) in zip(names, pos, strict=True)}


def _separate(pos: np.ndarray, held: np.ndarray, iterations: int = 30) -> np.ndarray:
    """Push apart actors closer than MIN_DISTANCE pixels (the held ones do not move)."""
    n = len(pos)
    if n < 2:
        return pos
    for _ in range(iterations):
        dx = pos[:, 0][:, None] - pos[:, 0][None, :]
        dy = pos[:, 1][:, None] - pos[:, 1][None, :]
        distance = np.sqrt(dx * dx + dy * dy)
        np.fill_diagonal(distance, np.inf)
        overlap = np.maximum(MIN_DISTANCE - distance, 0.0)
        if overlap.max() < 1.0:
            break
        share = overlap / 2 / np.maximum(distance, 1e-3)
        push = np.stack([(dx * share).sum(axis=1), (dy * share).sum(axis=1)], axis=1)
        push[held] = 0.0
        pos = pos + push
    return pos


def _around(edges: Edges) -> dict[str, set[str]]:
    around: dict[str, set[str]] = defaultdict(set)
    for u, v in edges:
        if u != v:
            around[u].add(v)
            around[v].add(u)
    return around


def _direction(actor: str) -> float:
    """A fixed angle for an actor (from its id), so the same data places it the same."""
    return int(hashlib.sha256(actor.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF * 2 * math.pi


def complete(positions: Mapping[str, tuple[float, float]], needed: Iterable[str],
             edges: Edges, *, everyone: Iterable[str] = (),
             loose: Collection[str] = ()) -> Positions:
    """`positions` with a place for every actor in `needed`.

    Actors of `loose` (placed while they had no relations) that now have some lose
    their place and are placed again, beside their partners. Nobody placed yet, or
    many missing (more than FEW and a tenth of those placed): a spring layout of
    them, with the placed actors held where they are — and of every actor of
    `everyone` (the whole data) that has relations, when there are at most
    LAYOUT_MAX_NODES, so that later views need nothing more. A few: one by one, the
    one with most placed partners first, each beside the mean of its placed
    partners (beyond the others when it has none), one step out in a direction fixed
    by its id, clear of everyone by MIN_DISTANCE."""
    edges = list(edges)
    around = _around(edges)
    result = {a: xy for a, xy in positions.items() if a not in loose or a not in around}
    missing = sorted(a for a in set(needed) if a not in result)
    if not missing:
        return result
    if not result or len(missing) > max(FEW, len(result) // 10):
        people = {a for a in everyone if a in around}
        group = (people if 0 < len(people) <= LAYOUT_MAX_NODES
                 else set(missing) | {a for a in needed if a in result})
        group |= set(missing)
        if len(group) > LAYOUT_MAX_NODES:  # too many to lay out together: the drawn ones
            group = set(missing[:LAYOUT_MAX_NODES])
        todo = [a for a in group if a not in result]
        held = {a: result[a] for a in group if a in result}
        result.update({a: xy for a, xy in spring(todo, edges, fixed=held).items()
                       if a not in result})
        missing = [a for a in missing if a not in result]
    # most placed partners first (a heap of (−count, id), stale entries skipped)
    count = {a: sum(b in result for b in around.get(a, ())) for a in missing}
    queue = [(-n, a) for a, n in count.items()]
    heapq.heapify(queue)
    while queue:
        n, actor = heapq.heappop(queue)
        if actor in result or -n != count[actor]:
            continue
        for b in around.get(actor, ()):
            if b in count and b not in result:
                count[b] += 1
                heapq.heappush(queue, (-count[b], b))
        placed = [result[b] for b in sorted(around.get(actor, ())) if b in result]
        if placed:
            x = sum(p[0] for p in placed) / len(placed)
            y = sum(p[1] for p in placed) / len(placed)
            reach = SPREAD * 0.6
        else:  # nobody it relates to is placed: outside the others
            xs = [p[0] for p in result.values()] or [0.0]
            ys = [p[1] for p in result.values()] or [0.0]
            x, y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
            reach = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 + SPREAD
        result[actor] = _free_place(result, x, y, max(reach, MIN_DISTANCE), _direction(actor))
    return result


def _free_place(taken: Mapping[str, tuple[float, float]], x: float, y: float, reach: float,
                angle: float) -> tuple[float, float]:
    """A place `reach` away from (x, y) at `angle`, turned (and moved out) until it is
    MIN_DISTANCE from every actor in `taken`."""
    points = np.array(list(taken.values()) or [(math.inf, math.inf)])
    for ring in range(8):
        for step in range(12):
            a = angle + step * math.pi / 6
            r = reach + ring * MIN_DISTANCE * 0.7
            px, py = x + r * math.cos(a), y + r * math.sin(a)
            if np.min(np.hypot(points[:, 0] - px, points[:, 1] - py)) >= MIN_DISTANCE:
                return round(px, 1), round(py, 1)
    return round(x + reach * math.cos(angle), 1), round(y + reach * math.sin(angle), 1)


def relayout(positions: Mapping[str, tuple[float, float]], drawn: Iterable[str],
             edges: Edges) -> Positions:
    """`positions` with the `drawn` actors laid out afresh among themselves, centred
    where they were (the other actors keep their places)."""
    drawn = sorted(set(drawn))[:LAYOUT_MAX_NODES]
    if not drawn:
        return dict(positions)
    fresh = spring(drawn, edges)
    old = [positions[a] for a in drawn if a in positions]
    cx = sum(p[0] for p in old) / len(old) if old else 0.0
    cy = sum(p[1] for p in old) / len(old) if old else 0.0
    return {**positions, **{a: (round(x + cx, 1), round(y + cy, 1))
                            for a, (x, y) in fresh.items()}}


@dataclass
class LayoutFile:
    """The positions kept beside a data file: `.NAME.layout.json` in its folder.

    `digest` is the data's digest the positions were last completed for;
    `generation` counts the analyst's re-layouts (a drawing names it, so that a
    re-layout redraws); `loose` the actors placed while they had no relations (see
    `complete`), until they have some or the analyst drags them. A missing or
    unreadable file is an empty layout: it is only a cache, rebuilt on demand, and
    written atomically (a temporary file renamed over it); a file that cannot be
    written is left as it is."""

    path: Path
    digest: str = ""
    generation: int = 0
    positions: Positions = field(default_factory=dict)
    loose: set[str] = field(default_factory=set)

    @classmethod
    def beside(cls, data: Path) -> LayoutFile:
        """The layout file of the data file `data`, as it is on disk (or empty)."""
        path = data.with_name(f".{data.name}.layout.json")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            positions = {str(a): (float(xy[0]), float(xy[1]))
                         for a, xy in raw["positions"].items()}
            loose = {str(a) for a in raw.get("loose", ())} & positions.keys()
            return cls(path, str(raw.get("digest", "")), int(raw.get("generation", 0)),
                       positions, loose)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return cls(path)

    def complete(self, needed: Iterable[str], edges: Edges, *,
                 everyone: Iterable[str] = ()) -> None:
        """Place every actor of `needed` (`complete`), noting who is placed without
        relations and who, loose until now, has been placed beside partners."""
        edges = list(edges)
        before = self.positions
        self.positions = complete(before, needed, edges, everyone=everyone, loose=self.loose)
        related = _around(edges)
        self.loose = {a for a in self.positions if a not in related
                      and (a in self.loose or a not in before)}

    def save(self) -> bool:
        """Write the file; False when it cannot be written (the caller may keep it)."""
        text = json.dumps({"format": 1, "digest": self.digest, "generation": self.generation,
                           "positions": {a: list(xy) for a, xy in sorted(
                               self.positions.items())}, "loose": sorted(self.loose)},
                          separators=(",", ":"))
        try:
            fd, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                             dir=self.path.parent)
        except OSError:
            return False  # a read-only folder
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return False
        return True
