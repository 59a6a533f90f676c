"""Synthetic data files for benchmarks: valid, deterministic, in the curated file's style.

`write_dataset(path, relations=10_000)` writes about 800 bytes per relation
(1,000 actors and 10k relations ≈ 8 MB; 5,000 actors and 100k ≈ 80 MB), with
1–3 evidence items per relation, as in `shared/notes/measurements.md`.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

from explorer.vocabulary import DEFAULT_TYPES

KINDS = ["state"] * 6 + ["person"] * 2 + ["organisation", "international_body"]
MODALITIES = ["asserted"] * 6 + ["hedged"] * 2 + ["negated"]
STATUSES = ["curated"] * 6 + ["extracted"] * 3 + ["rejected"]
WORDS = [
    "the", "minister", "said", "talks", "on", "trade", "energy", "oil", "gas", "grain", "arms",
    "drones", "credit", "loans", "were", "held", "in", "the", "capital", "while", "officials",
    "urged", "restraint", "and", "warned", "of", "sanctions", "amid", "reports", "of",
    "shipments", "across", "the", "border", "after", "the", "summit",
]


def actors_for(relations: int) -> int:
    """1,000 actors for 10k relations, 5,000 for 100k (as in the measurement notes)."""
    return max(50, min(5_000, relations // 10 if relations <= 10_000 else relations // 20))


def _id(kind: str, n: int) -> str:
    if kind == "state":
        letters = string.ascii_uppercase
        return letters[n // 676 % 26] + letters[n // 26 % 26] + letters[n % 26]
    if kind == "international_body":
        return f"BODY{n}"
    return f"{kind}-{n}"


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def write_dataset(path: Path, relations: int = 10_000, *, seed: int = 7) -> Path:
    """Write a valid data file with `relations` relations; return its path."""
    rng = random.Random(seed)
    n_actors = actors_for(relations)
    n_sources = max(10, relations // 50)
    out: list[str] = [f"# synthetic: {n_actors} actors, {relations} relations\n", "version: 1\n",
                      "actors:\n"]
    ids: list[str] = []
    states: list[str] = []
    for n in range(n_actors):
        kind = "state" if n < 26 * 26 * 26 and n % 10 < 6 else KINDS[n % len(KINDS)]
        actor_id = _id(kind, n)
        ids.append(actor_id)
        out.append(f"  - id: {actor_id}\n    name: Actor {n}\n    kind: {kind}\n")
        if kind == "state":
            states.append(actor_id)
            out.append(f"    aliases: [Land {n}, Capital {n}]\n    demonyms: [Landish {n}]\n")
        elif kind == "person" and states:
            out.append(f"    represents: {rng.choice(states)}\n    aliases: [Leader {n}]\n")
    out.append("sources:\n")
    for n in range(n_sources):
        grade = "ABCDEF"[n % 6]
        out.append(f"  - id: source-{n}\n    title: Report number {n}\n    publisher: Outlet "
                   f"{n % 40}\n    published: 20{10 + n % 15:02d}-{1 + n % 12:02d}-"
                   f"{1 + n % 28:02d}\n    reliability: {grade}\n")
        if n % 7 == 3 and n > 0:
            out.append(f"    derived_from: source-{n - 1}\n")
    out.append("relations:\n")
    types = [t.id for t in DEFAULT_TYPES]
    for n in range(relations):
        source, target = rng.sample(ids, 2)
        year = 2000 + rng.randrange(25)
        out.append(
            f"  - id: rel-{n}\n    source: {source}\n    target: {target}\n"
            f"    type: {rng.choice(types)}\n    status: {rng.choice(STATUSES)}\n"
            f"    confidence: {rng.randrange(1, 100) / 100}\n"
            f"    modality: {rng.choice(MODALITIES)}\n"
            f"    since: {year}-{rng.randrange(1, 13):02d}\n"
        )
        if rng.random() < 0.3:
            out.append(f"    until: {year + rng.randrange(1, 5)}\n")
        out.append(f"    summary: {_sentence(rng, 10)}\n")
        if rng.random() < 0.2:
            share = rng.randrange(1, 100) / 100
            out.append(f"    attributes: {{commodity: oil, share: {share}}}\n")
        out.append("    evidence:\n")
        for _ in range(rng.randint(1, 3)):
            out.append(f"      - source: source-{rng.randrange(n_sources)}\n"
                       f"        quote: \"{_sentence(rng, rng.randint(20, 40))}\"\n"
                       f"        credibility: {rng.randint(1, 6)}\n")
    path.write_text("".join(out), encoding="utf-8")
    return path
