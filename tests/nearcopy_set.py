"""The labelled near-copy pairs: our own texts, plus the shared development texts when present.

Used by tests/test_nearcopy.py (which asserts the figures) and bench/nearcopy.py
(which prints them for the docs).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml

from explorer.nearcopy import compare, fingerprint

HERE = Path(__file__).resolve().parent
PAIRS_FILE = HERE / "data" / "nearcopy-pairs.yaml"
SHARED = HERE.parent.parent / "shared"
KINDS = ("wire copy", "paraphrase", "same event", "short original", "other event")


@dataclass(frozen=True)
class Pair:
    kind: str
    a: str
    b: str
    text_a: str
    text_b: str
    copy: bool


def _wire_copy(text: str) -> str:
    """A republication as aggregators make it: a new headline and dateline, the last
    paragraph dropped, a copyright line added."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = paragraphs[:-1] if len(paragraphs) > 3 else paragraphs
    body[0] = "WIRE SERVICE (Wire) - " + body[0]
    return "\n\n".join(["Republished from the wire", *body, "All rights reserved."])


def _trimmed(text: str) -> str:
    """The first three fifths of the paragraphs (at least three)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(paragraphs[:max(3, len(paragraphs) * 3 // 5)])


def labelled_pairs(shared: Path | None = SHARED) -> list[Pair]:
    """Every labelled pair: ours always, the shared texts' when `shared` holds them."""
    data = yaml.safe_load(PAIRS_FILE.read_text(encoding="utf-8"))
    stories: dict[str, dict[str, str]] = data["stories"]
    shorts: list[str] = data["short"]
    pairs: list[Pair] = []
    for name, s in stories.items():
        t = {k: (f"{name}.{k}", v) for k, v in s.items()}

        def add(kind: str, x: str, y: str, copy: bool, t=t) -> None:
            pairs.append(Pair(kind, t[x][0], t[y][0], t[x][1], t[y][1], copy))

        add("wire copy", "orig", "wire", True)
        for extra in ("brief",):
            if extra in s:
                add("wire copy", "orig", extra, True)
        add("paraphrase", "orig", "para", True)
        add("paraphrase", "wire", "para", True)
        for copy in ("orig", "wire", "para", *(["brief"] if "brief" in s else [])):
            for other in ("other", *(["other_brief"] if "other_brief" in s else [])):
                add("same event", copy, other, False)
        if "other_brief" in s:
            add("same event", "other", "other_brief", False)
    texts = {f"{n}.{k}": v for n, s in stories.items() for k, v in s.items()}
    for i, short in enumerate(shorts):
        for name, text in texts.items():
            pairs.append(Pair("short original", f"short-{i}", name, short, text, False))
    for (i, a), (j, b) in itertools.combinations(enumerate(shorts), 2):
        pairs.append(Pair("short original", f"short-{i}", f"short-{j}", a, b, False))
    for (n1, s1), (n2, s2) in itertools.combinations(stories.items(), 2):
        for k1, k2 in itertools.product(s1, s2):
            pairs.append(Pair("other event", f"{n1}.{k1}", f"{n2}.{k2}", s1[k1], s2[k2], False))
    if shared is not None:
        pairs += _shared_pairs(shared, shorts)
    return pairs


def _shared_pairs(shared: Path, shorts: list[str]) -> list[Pair]:
    """The seeds (a paraphrase and its original) and the development texts (24 articles
    in our own words on different events, several on the same dyads), with wire copies
    and trimmed copies made of each."""
    pairs: list[Pair] = []
    seeds = shared / "seeds"
    if (seeds / "seed-000.txt").is_file() and (seeds / "seed-002.txt").is_file():
        s0 = (seeds / "seed-000.txt").read_text(encoding="utf-8")
        s2 = (seeds / "seed-002.txt").read_text(encoding="utf-8")
        pairs.append(Pair("paraphrase", "seed-002", "seed-000", s2, s0, True))
        for i, short in enumerate(shorts):
            for name, text in (("seed-000", s0), ("seed-002", s2)):
                pairs.append(Pair("short original", f"short-{i}", name, short, text, False))
    dev = shared / "eval" / "dev" / "articles"
    articles = {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))}
    for (a, ta), (b, tb) in itertools.combinations(articles.items(), 2):
        pairs.append(Pair("other event", a, b, ta, tb, False))
    for name, text in articles.items():
        pairs.append(Pair("wire copy", name, f"{name}-wire", text, _wire_copy(text), True))
        pairs.append(Pair("wire copy", name, f"{name}-trimmed", text, _trimmed(text), True))
        for i, short in enumerate(shorts):
            pairs.append(Pair("short original", f"short-{i}", name, short, text, False))
    return pairs


@dataclass(frozen=True)
class Figures:
    kind: str
    pairs: int
    copies: int
    false_copies: int
    missed_copies: int


def score(pairs: list[Pair]) -> tuple[list[Figures], list[tuple[Pair, float]]]:
    """Per kind: pairs, labelled copies, false copies, missed copies; and every wrong pair
    with its containment."""
    prints: dict[str, object] = {}
    wrong: list[tuple[Pair, float]] = []
    counts = {k: [0, 0, 0, 0] for k in KINDS}
    for pair in pairs:
        fa = prints.setdefault(pair.text_a, fingerprint(pair.text_a))
        fb = prints.setdefault(pair.text_b, fingerprint(pair.text_b))
        res = compare(fa, fb)  # type: ignore[arg-type]
        c = counts[pair.kind]
        c[0] += 1
        c[1] += pair.copy
        if res.copy and not pair.copy:
            c[2] += 1
        if pair.copy and not res.copy:
            c[3] += 1
        if res.copy != pair.copy:
            wrong.append((pair, res.containment))
    return [Figures(k, *v) for k, v in counts.items() if v[0]], wrong
