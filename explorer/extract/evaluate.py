"""Precision, recall and F1 of the extractor against an analyst's gold annotation.

Gold files (one per article, `<article>.yaml`): `article: NAME` and
`relations: [{source, target, type, modality, evidence}]`. Each article is
compared as a set of (source, target, type) triples — undirected types as
unordered pairs — with persons folded onto the states they represent, and as
a set of untyped unordered pairs. As the development set's conventions say,
negated relations are left out on both sides unless asked for, and a
predicted relation is scored only when both its ends are ids a gold file can
hold (a state of the world reference, a state or body of the data file, UN,
EU, NATO, or an id the gold itself uses): a proposed slug is never a hit and
never a miss.

A naive baseline runs in the same pass: every pair of actors in a sentence,
typed by every type whose keyword appears in that sentence (first-mentioned
actor as source). Scores are kept overall, per type, per document, per named
set of documents and per confidence threshold.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from explorer import inputs
from explorer.candidates import Candidate, ProposedActor
from explorer.extract.cues import CueBook
from explorer.extract.documents import SUFFIXES, DocumentError, read, unreadable
from explorer.extract.mentions import ActorIndex
from explorer.extract.pipeline import Extractor, actor_mentions
from explorer.model import Dataset
from explorer.parse import GuardRefused, parse_guarded

__all__ = ["THRESHOLDS", "Evaluation", "Scores", "baseline_triples", "evaluate", "load_gold"]

Triple = tuple[str, str, str]
#: Confidence thresholds of the precision/recall table.
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
#: Body ids the gold sets use.
SCORED_BODIES = frozenset({"UN", "EU", "NATO"})


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

    def __iadd__(self, other: Scores) -> Scores:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

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
    """Scores per relation type and overall, for the extractor and the baseline, with the
    same per document, per set and per confidence threshold."""

    articles: list[str] = field(default_factory=list)
    typed: dict[str, Scores] = field(default_factory=dict)
    untyped: Scores = field(default_factory=Scores)
    baseline_typed: dict[str, Scores] = field(default_factory=dict)
    baseline_untyped: Scores = field(default_factory=Scores)
    misses: list[dict[str, str]] = field(default_factory=list)
    extras: list[dict[str, str]] = field(default_factory=list)
    documents: dict[str, Scores] = field(default_factory=dict)
    baseline_documents: dict[str, Scores] = field(default_factory=dict)
    sets: dict[str, list[str]] = field(default_factory=dict)  # label -> article names
    thresholds: dict[float, Scores] = field(default_factory=dict)
    with_negated: bool = False

    @property
    def overall(self) -> Scores:
        return _total(self.typed.values())

    @property
    def baseline_overall(self) -> Scores:
        return _total(self.baseline_typed.values())

    def set_scores(self, label: str) -> tuple[Scores, Scores]:
        """Typed scores of the extractor and the baseline on one set of documents."""
        names = self.sets[label]
        return (_total(self.documents[n] for n in names),
                _total(self.baseline_documents[n] for n in names))

    def as_json(self) -> dict:
        return {
            "articles": self.articles,
            "negated_scored": self.with_negated,
            "extractor": {"typed": {"overall": self.overall.as_dict(),
                                    **{t: s.as_dict() for t, s in sorted(self.typed.items())}},
                          "untyped": self.untyped.as_dict()},
            "baseline": {"typed": {"overall": self.baseline_overall.as_dict(),
                                   **{t: s.as_dict()
                                      for t, s in sorted(self.baseline_typed.items())}},
                         "untyped": self.baseline_untyped.as_dict()},
            "documents": {n: {"extractor": s.as_dict(),
                              "baseline": self.baseline_documents[n].as_dict()}
                          for n, s in self.documents.items()},
            "sets": {label: {"articles": names,
                             "extractor": self.set_scores(label)[0].as_dict(),
                             "baseline": self.set_scores(label)[1].as_dict()}
                     for label, names in self.sets.items()},
            "thresholds": [{"min_confidence": t, **s.as_dict()}
                           for t, s in sorted(self.thresholds.items())],
            "missed": self.misses,
            "extra": self.extras,
        }


def _total(scores: Iterable[Scores]) -> Scores:
    total = Scores()
    for s in scores:
        total += s
    return total


#: Largest gold file read.
MAX_GOLD_BYTES = 1_000_000


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Article name → gold relations, from every `*.yaml` in `gold_dir` (the guarded YAML
    reader; a symbolic link is refused, not followed)."""
    gold: dict[str, list[dict]] = {}
    files = sorted(gold_dir.glob("*.yaml")) + sorted(gold_dir.glob("*.yml"))
    if not files:
        raise DocumentError(str(gold_dir), "holds no gold .yaml files")
    for path in files:
        try:
            raw = inputs.read_bytes(path, MAX_GOLD_BYTES, follow=False)
            data = parse_guarded(raw.decode("utf-8-sig"))
        except inputs.Unreadable as exc:
            raise unreadable(exc) from None
        except UnicodeDecodeError as exc:
            raise DocumentError(str(path), f"is not UTF-8 (bad byte at offset {exc.start}); "
                                "save the gold file as UTF-8") from None
        except GuardRefused as exc:
            p = exc.problem
            where = f":{p.line}:{p.column}" if p.line else ""
            raise DocumentError(f"{path}{where}", f"{p.message}; fix the gold file") from None
        if not isinstance(data, dict) or not isinstance(data.get("relations"), list):
            raise DocumentError(str(path), "is not a gold file: expected `article:` and a "
                                "`relations:` list of {source, target, type}")
        gold[str(data.get("article") or path.stem)] = data["relations"]
    return gold


def _projector(index: ActorIndex, proposed: dict[str, ProposedActor]) -> Callable[[str], str]:
    def project(actor_id: str) -> str:
        if index.dataset.has_actor(actor_id):
            return index.dataset.state_of(actor_id)
        p = proposed.get(actor_id)
        if p is not None and p.represents and p.represents != actor_id:
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
            undirected: frozenset[str], scorable: Callable[[str], bool] = lambda a: True
            ) -> set[Triple]:
    out = set()
    for source, target, type_ in rows:
        a, b = project(source), project(target)
        if not (scorable(a) and scorable(b)):
            continue
        key = _key(a, b, type_, undirected)
        if key:
            out.add(key)
    return out


def baseline_triples(doc, index: ActorIndex, book: CueBook,
                     undirected: frozenset[str]) -> set[Triple]:
    """Sentence co-occurrence + keyword: every pair of actors in a sentence, typed by every
    type whose keyword (a cue's main word) appears in it, first-mentioned as source."""
    mentions, proposed = actor_mentions(doc, index)
    project = _projector(index, proposed)
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


def _scorable(index: ActorIndex, gold_ids: set[str]) -> Callable[[str], bool]:
    states = {a.id for a in index.world.actors if a.kind == "state"}
    data = {a.id for a in index.dataset.actors if a.kind in ("state", "international_body")}
    ok = states | data | SCORED_BODIES | gold_ids
    return ok.__contains__


def evaluate(gold_dir: Path | Sequence[Path], articles_dir: Path | Sequence[Path],
             dataset: Dataset, extractor: Extractor | None = None,
             sets: dict[str, list[str]] | None = None,
             with_negated: bool = False) -> Evaluation:
    """Score the extractor and the baseline on every article that has a gold file.

    Several gold folders pair with as many article folders, in order; `sets` names groups
    of articles by glob patterns on their names ("triangle": ["d0[1-8]-*"])."""
    golds = [gold_dir] if isinstance(gold_dir, Path) else list(gold_dir)
    folders = [articles_dir] if isinstance(articles_dir, Path) else list(articles_dir)
    if len(golds) != len(folders):
        raise DocumentError(", ".join(map(str, golds)), f"{len(golds)} gold folder(s) but "
                            f"{len(folders)} article folder(s): give one --articles per --gold")
    extractor = extractor or Extractor(dataset)
    index = extractor.index
    undirected = frozenset(t.id for t in dataset.types if not t.directed)
    gold: dict[str, tuple[list[dict], Path]] = {}
    for g, a in zip(golds, folders, strict=True):
        for name, relations in load_gold(g).items():
            gold[name] = (relations, a)
    keep = (lambda r: True) if with_negated else (lambda r: r.get("modality") != "negated")
    gold_ids = {str(r.get(k)) for rels, _ in gold.values() for r in rels
                for k in ("source", "target")}
    scorable = _scorable(index, gold_ids)
    result = Evaluation(with_negated=with_negated)
    types = sorted({t.id for t in dataset.types})
    for t in types:
        result.typed[t] = Scores()
        result.baseline_typed[t] = Scores()
    result.thresholds = {t: Scores() for t in THRESHOLDS}
    for name, (relations, folder) in sorted(gold.items()):
        path = _article_file(folder, name)
        if path is None:
            raise DocumentError(str(folder / name), "has a gold file but no article "
                                f"({', '.join(SUFFIXES)}) in {folder}")
        document = read(path)
        base: set[Triple] = set()  # over the same parse, piece by piece
        extraction = extractor.extract(document, each_parse=lambda d, into=base: into.update(
            baseline_triples(d, index, extractor.book, undirected)))
        project = _projector(index, extraction.proposed)
        gold_set = triples(((r["source"], r["target"], r["type"]) for r in relations
                            if keep(r)), project, undirected)
        shown = [c for c in extraction.candidates if with_negated or c.modality != "negated"]
        found = triples(((c.source, c.target, c.type) for c in shown), project, undirected,
                        scorable)
        base = {x for x in base if scorable(x[0]) and scorable(x[1])}
        result.articles.append(name)
        doc_scores, base_scores = Scores(), Scores()
        for t in types:
            f_t = {x for x in found if x[2] == t}
            g_t = {x for x in gold_set if x[2] == t}
            b_t = {x for x in base if x[2] == t}
            result.typed[t].add(f_t, g_t)
            result.baseline_typed[t].add(b_t, g_t)
            doc_scores.add(f_t, g_t)
            base_scores.add(b_t, g_t)
        result.documents[name] = doc_scores
        result.baseline_documents[name] = base_scores
        for threshold, scores in result.thresholds.items():
            above = triples(((c.source, c.target, c.type) for c in shown
                             if c.confidence >= threshold), project, undirected, scorable)
            scores.add(above, gold_set)
        result.untyped.add(_pairs(found), _pairs(gold_set))
        result.baseline_untyped.add(_pairs(base), _pairs(gold_set))
        result.misses += [_row(name, x) for x in sorted(gold_set - found)]
        result.extras += [_row(name, x, shown, project) for x in sorted(found - gold_set)]
    for label, patterns in (sets or {}).items():
        result.sets[label] = [n for n in result.articles
                              if any(fnmatch.fnmatchcase(n, p) for p in patterns)]
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
