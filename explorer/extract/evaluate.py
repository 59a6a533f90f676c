"""Precision, recall and F1 of the extractor against an analyst's gold annotation.

Gold files (one per article, `<article>.yaml`): `article: NAME` and
`relations: [{source, target, type, modality, evidence}]`. Each article is
compared as a set of (source, target, type) triples — undirected types as
unordered pairs — with persons folded onto the states they represent, and as
a set of untyped unordered pairs. A naive baseline runs in the same pass:
every pair of actors in a sentence, typed by every type whose keyword
appears in that sentence (first-mentioned actor as source).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from explorer.candidates import Candidate, ProposedActor
from explorer.extract.cues import CueBook
from explorer.extract.documents import SUFFIXES, DocumentError, read
from explorer.extract.mentions import ActorIndex, find_mentions
from explorer.extract.pipeline import Extractor, extract_doc
from explorer.model import Dataset

__all__ = ["Evaluation", "Scores", "baseline_triples", "evaluate", "load_gold"]

Triple = tuple[str, str, str]


@dataclass
class Scores:
    """True positives, false positives and false negatives, and what follows from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, found: set, gold: set) -> None:
        self.tp += len(found & gold)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3)}


@dataclass
class Evaluation:
    """Scores per relation type and overall, for the extractor and the baseline."""

    articles: list[str] = field(default_factory=list)
    typed: dict[str, Scores] = field(default_factory=dict)
    untyped: Scores = field(default_factory=Scores)
    baseline_typed: dict[str, Scores] = field(default_factory=dict)
    baseline_untyped: Scores = field(default_factory=Scores)
    misses: list[dict[str, str]] = field(default_factory=list)
    extras: list[dict[str, str]] = field(default_factory=list)

    @property
    def overall(self) -> Scores:
        return _total(self.typed.values())

    @property
    def baseline_overall(self) -> Scores:
        return _total(self.baseline_typed.values())

    def as_json(self) -> dict:
        return {
            "articles": self.articles,
            "extractor": {"typed": {"overall": self.overall.as_dict(),
                                    **{t: s.as_dict() for t, s in sorted(self.typed.items())}},
                          "untyped": self.untyped.as_dict()},
            "baseline": {"typed": {"overall": self.baseline_overall.as_dict(),
                                   **{t: s.as_dict()
                                      for t, s in sorted(self.baseline_typed.items())}},
                         "untyped": self.baseline_untyped.as_dict()},
            "missed": self.misses,
            "extra": self.extras,
        }


def _total(scores: Iterable[Scores]) -> Scores:
    total = Scores()
    for s in scores:
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    return total


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Article name → gold relations, from every `*.yaml` in `gold_dir` (safe YAML)."""
    gold: dict[str, list[dict]] = {}
    files = sorted(gold_dir.glob("*.yaml")) + sorted(gold_dir.glob("*.yml"))
    if not files:
        raise DocumentError(str(gold_dir), "holds no gold .yaml files")
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("relations"), list):
            raise DocumentError(str(path), "is not a gold file: expected `article:` and a "
                                "`relations:` list of {source, target, type}")
        gold[str(data.get("article") or path.stem)] = data["relations"]
    return gold


def _projector(dataset: Dataset, proposed: dict[str, ProposedActor]) -> Callable[[str], str]:
    def project(actor_id: str) -> str:
        if dataset.has_actor(actor_id):
            return dataset.state_of(actor_id)
        p = proposed.get(actor_id)
        if p is not None and p.represents:
            return project(p.represents)
        return actor_id

    return project


def _key(source: str, target: str, type_: str, undirected: frozenset[str]) -> Triple | None:
    if source == target:
        return None
    if type_ in undirected and target < source:
        source, target = target, source
    return (source, target, type_)


def triples(rows: Iterable[tuple[str, str, str]], project: Callable[[str], str],
            undirected: frozenset[str]) -> set[Triple]:
    out = set()
    for source, target, type_ in rows:
        key = _key(project(source), project(target), type_, undirected)
        if key:
            out.add(key)
    return out


def baseline_triples(doc, index: ActorIndex, book: CueBook,
                     undirected: frozenset[str]) -> set[Triple]:
    """Sentence co-occurrence + keyword: every pair of actors in a sentence, typed by every
    type whose keyword (a cue's main word) appears in it, first-mentioned as source."""
    mentions, proposed = find_mentions(doc, index)
    project = _projector(index.dataset, proposed)
    out: set[Triple] = set()
    for sent in doc.sents:
        actors: list[str] = []
        for m in mentions:
            if sent.start <= m.start < sent.end:
                state = project(m.actor)
                if state not in actors:
                    actors.append(state)
        if len(actors) < 2:
            continue
        lemmas = {t.lemma_.lower() for t in sent}
        types = [t for t, words in book.keywords.items() if words & lemmas]
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                for type_ in types:
                    key = _key(a, b, type_, undirected)
                    if key:
                        out.add(key)
    return out


def _article_file(articles_dir: Path, name: str) -> Path | None:
    for suffix in SUFFIXES:
        path = articles_dir / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def evaluate(gold_dir: Path, articles_dir: Path, dataset: Dataset,
             extractor: Extractor | None = None) -> Evaluation:
    """Score the extractor and the baseline on every article that has a gold file."""
    extractor = extractor or Extractor(dataset)
    undirected = frozenset(t.id for t in dataset.types if not t.directed)
    gold = load_gold(gold_dir)
    result = Evaluation()
    types = sorted({t.id for t in dataset.types})
    for t in types:
        result.typed[t] = Scores()
        result.baseline_typed[t] = Scores()
    for name, relations in sorted(gold.items()):
        path = _article_file(articles_dir, name)
        if path is None:
            raise DocumentError(str(articles_dir / name), "has a gold file but no article "
                                f"({', '.join(SUFFIXES)}) in {articles_dir}")
        document = read(path)
        doc = extractor.nlp(document.text)
        extraction = extract_doc(doc, document, extractor.index, extractor.book)
        project = _projector(dataset, extraction.proposed)
        gold_set = triples(((r["source"], r["target"], r["type"]) for r in relations),
                           project, undirected)
        found = triples(((c.source, c.target, c.type) for c in extraction.candidates),
                        project, undirected)
        base = baseline_triples(doc, extractor.index, extractor.book, undirected)
        result.articles.append(name)
        for t in types:
            result.typed[t].add({x for x in found if x[2] == t}, {x for x in gold_set
                                                                   if x[2] == t})
            result.baseline_typed[t].add({x for x in base if x[2] == t},
                                         {x for x in gold_set if x[2] == t})
        result.untyped.add(_pairs(found), _pairs(gold_set))
        result.baseline_untyped.add(_pairs(base), _pairs(gold_set))
        result.misses += [_row(name, x) for x in sorted(gold_set - found)]
        result.extras += [_row(name, x, extraction.candidates, project)
                          for x in sorted(found - gold_set)]
    result.typed = {t: s for t, s in result.typed.items() if s.tp + s.fp + s.fn}
    result.baseline_typed = {t: s for t, s in result.baseline_typed.items()
                             if s.tp + s.fp + s.fn}
    return result


def _pairs(found: set[Triple]) -> set[frozenset[str]]:
    return {frozenset((s, t)) for s, t, _ in found}


def _row(article: str, x: Triple, candidates: Iterable[Candidate] = (),
         project: Callable[[str], str] | None = None) -> dict[str, str]:
    row = {"article": article, "source": x[0], "target": x[1], "type": x[2]}
    for c in candidates:
        if project and c.type == x[2] and {project(c.source), project(c.target)} == set(x[:2]):
            row["quote"] = c.quote
            break
    return row
