"""Synthetic data files in the real format, for benchmarks (graph, app, load).

`synthetic_yaml(relations)` returns the text of a data file that `store.load`
accepts without a warning: states with ISO-like ids, persons who represent
them, organisations, bodies and groups; graded sources, some derived from
others; relations of every default type, status and modality, with dates,
share figures and one to three evidence items each. Endpoints are drawn with
a skewed (Zipf-like) weight, so a few actors have many relations, as in life.
Seeded: the same arguments give the same bytes.

    python bench/synthetic.py 10000 /tmp/relations-10k.yaml
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import string
from pathlib import Path

from explorer.model import MODALITIES, RELIABILITY_GRADES
from explorer.vocabulary import DEFAULT_TYPES

__all__ = ["default_actors", "synthetic_yaml", "write_synthetic"]


def default_actors(relations: int) -> int:
    """Actors for a number of relations: 200 at 1k, 1,000 at 10k, 5,000 at 100k."""
    if relations <= 1_000:
        return 200
    if relations <= 10_000:
        return 1_000
    return 5_000


def _q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _state_ids() -> itertools.product:
    return ("".join(p) for p in itertools.product(string.ascii_uppercase, repeat=3))


def synthetic_yaml(relations: int, *, actors: int | None = None, seed: int = 0) -> str:
    """The text of a valid data file with `relations` relations."""
    rng = random.Random(seed)
    actors = actors or default_actors(relations)
    n_states = max(3, int(actors * 0.6))
    n_persons = int(actors * 0.25)
    n_bodies = max(1, int(actors * 0.03))
    n_groups = max(1, int(actors * 0.02))
    n_orgs = max(1, actors - n_states - n_persons - n_bodies - n_groups)
    lines = ["# Synthetic data for benchmarks (bench/synthetic.py); not real relations.",
             "version: 1", "actors:"]
    ids: list[str] = []
    states = list(itertools.islice(_state_ids(), n_states))
    for sid in states:
        lines += [f"  - id: {sid}", f"    name: State {sid}", "    kind: state"]
    ids += states
    for i in range(n_persons):
        pid = f"person-{i:05d}"
        lines += [f"  - id: {pid}", f"    name: Person {i:05d}", "    kind: person",
                  f"    represents: {rng.choice(states)}"]
        ids.append(pid)
    for prefix, kind, count in (("BODY", "international_body", n_bodies),
                                ("group-", "group", n_groups),
                                ("org-", "organisation", n_orgs)):
        for i in range(count):
            aid = f"{prefix}{i:04d}"
            lines += [f"  - id: {aid}", f"    name: {kind.replace('_', ' ').title()} {i:04d}",
                      f"    kind: {kind}"]
            ids.append(aid)
    lines.append("sources:")
    sources = []
    start = dt.date(2015, 1, 1)
    for i in range(max(10, relations // 200)):
        sid = f"src-{i:05d}"
        lines += [f"  - id: {sid}", f"    title: Report {i:05d}", "    publisher: Wire",
                  f"    published: {start + dt.timedelta(days=rng.randrange(3650))}",
                  f"    reliability: {rng.choice(RELIABILITY_GRADES)}"]
        if sources and rng.random() < 0.2:
            lines.append(f"    derived_from: {rng.choice(sources)}")
        sources.append(sid)
    weights = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(ids))))
    order = ids[:]
    rng.shuffle(order)
    types = [t.id for t in DEFAULT_TYPES]
    lines.append("relations:")
    for i in range(relations):
        a, b = rng.choices(order, cum_weights=weights, k=2)
        while b == a:
            b = rng.choice(order)
        kind = rng.choice(types)
        status = rng.choices(("curated", "extracted", "rejected"), (80, 15, 5))[0]
        modality = rng.choices(MODALITIES, (80, 15, 5))[0]
        lines += [f"  - id: rel-{i:06d}", f"    source: {a}", f"    target: {b}",
                  f"    type: {kind}", f"    status: {status}",
                  f"    confidence: {rng.randint(5, 100) / 100}",
                  f"    modality: {modality}",
                  f"    summary: {_q(f'{a} and {b}: synthetic {kind} number {i}.')}"]
        if rng.random() < 0.4:
            since = start + dt.timedelta(days=rng.randrange(3650))
            lines.append(f"    since: {since}")
            if rng.random() < 0.5:
                lines.append(f"    until: {since + dt.timedelta(days=rng.randrange(1, 900))}")
        if kind == "economic_support" and rng.random() < 0.3:
            low = rng.randint(1, 8) / 10
            share = rng.choice((f">={low}", f"{low}-{min(1.0, low + 0.2):.1f}", str(low)))
            lines += ["    attributes:", "      commodity: oil", f"      share: {_q(share)}"]
        lines.append("    evidence:")
        for j in range(rng.randint(1, 3)):
            lines += [f"      - source: {rng.choice(sources)}",
                      f"        quote: {_q(f'Sentence {j} about {a} and {b} ({kind}).')}",
                      f"        credibility: {rng.randint(1, 6)}"]
    return "\n".join(lines) + "\n"


def write_synthetic(path: str | Path, relations: int, *, actors: int | None = None,
                    seed: int = 0) -> Path:
    """Write `synthetic_yaml(...)` to `path` and return it."""
    path = Path(path)
    path.write_text(synthetic_yaml(relations, actors=actors, seed=seed), encoding="utf-8")
    return path


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic data file.")
    parser.add_argument("relations", type=int, nargs="?", default=10_000)
    parser.add_argument("path", nargs="?", help="default: relations-N.yaml here")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write_synthetic(args.path or f"relations-{args.relations}.yaml", args.relations,
                          seed=args.seed))
