"""A run of the extractor over many files: progress, per-file errors, the printed shapes.

Bad files (empty, binary, undecodable, oversized, not a regular file, a link out
of a scanned folder) and articles the extractor fails on are reported one line
each and skipped; the others are still processed, and `failed` says so at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rich import box
from rich.table import Table
from tqdm import tqdm

from explorer.candidates import Candidate, ProposedActor
from explorer.extract.documents import (
    Document,
    DocumentError,
    SourceMeta,
    collect,
    read,
    slug,
)
from explorer.extract.evaluate import Evaluation, Scores
from explorer.extract.pipeline import Extraction, Extractor
from explorer.model import Dataset
from explorer.nearcopy import match_known, near_duplicates
from explorer.review.ids import new_source_id

__all__ = ["Batch", "document_table", "evaluation_table", "run", "set_table", "table",
           "threshold_table"]


@dataclass(frozen=True)
class Copy:
    """A document recorded as `derived_from` another source, and why."""

    source: str
    original: str
    reason: str


@dataclass
class Batch:
    """Everything a run found, plus the files it could not read.

    `copies` holds the near-copies found of known sources (source id → Copy);
    `sources()` adds those found among the run's own documents.
    """

    dataset: Dataset
    extractions: list[Extraction] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    copies: dict[str, Copy] = field(default_factory=dict)
    detect_copies: bool = True

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    @property
    def candidates(self) -> list[Candidate]:
        return [c for e in self.extractions for c in e.candidates]

    def actors(self) -> list[dict[str, Any]]:
        """Every actor the candidates mention; new ones marked `"proposed": true`."""
        used: list[str] = []
        for c in self.candidates:
            for actor_id in (c.source, c.target):
                if actor_id not in used:
                    used.append(actor_id)
        proposed: dict[str, ProposedActor] = {}
        for e in self.extractions:
            proposed.update(e.proposed)
        out = []
        for actor_id in used:
            if self.dataset.has_actor(actor_id):
                a = self.dataset.actor(actor_id)
                out.append({"id": a.id, "name": a.name, "kind": a.kind,
                            "represents": a.represents, "proposed": False})
            elif actor_id in proposed:
                out.append(proposed[actor_id].as_json())
        return out

    def near_copies(self) -> dict[str, Copy]:
        """Every document found to copy another (source id → Copy): of a known source,
        or of another document of this run."""
        found = dict(self.copies)
        if self.detect_copies:
            for d in near_duplicates([(e.document.meta.id, e.document.text,
                                       e.document.meta.published) for e in self.extractions]):
                found.setdefault(d.copy, Copy(d.copy, d.original, d.reason))
        return found

    def sources(self) -> list[dict[str, Any]]:
        """Each document's source metadata; a near-copy names its original in
        `derived_from` and says why in `near_copy`."""
        copies = self.near_copies()
        out = []
        for e in self.extractions:
            m = e.document.meta
            copy = copies.get(m.id)
            derived = m.derived_from or (copy.original if copy else None)
            out.append({"id": m.id, "document": e.document.path, "title": m.title,
                        "publisher": m.publisher,
                        "published": m.published.isoformat() if m.published else None,
                        "url": m.url, "derived_from": derived,
                        "near_copy": copy.reason if copy and derived == copy.original
                        else None})
        return out

    def articles(self) -> list[tuple[dict[str, Any], tuple[Candidate, ...]]]:
        """Each document's source entry and candidates, as `--write` files them."""
        sources = {s["id"]: {k: v for k, v in s.items()
                             if k not in ("document", "near_copy") and v}
                   for s in self.sources()}
        return [(sources[e.document.meta.id], e.candidates) for e in self.extractions]

    def in_data(self) -> list[str]:
        """For each candidate, in order, what the data file already holds of it, from the
        plan `--write` would follow (nothing is written): `new`, `new actor`, or the code
        and the relation (`already-rejected cor-ava-sanctions`, `same-claim …`)."""
        from explorer.problems import Refusal
        from explorer.review.plan import plan

        said = []
        for source, candidates in self.articles():
            try:
                outcomes = plan(self.dataset, source, candidates).outcomes
            except Refusal as exc:  # e.g. a source id the data file cannot hold
                said += [f"refused[{exc.code}]"] * len(candidates)
                continue
            said += ["new" if o.code == "new-claim" else "new actor"
                     if o.code == "actor-not-in-data"
                     else f"{o.code} {o.relation_id or ''}".strip() for o in outcomes]
        return said

    def as_json(self) -> dict[str, Any]:
        """The one object `explorer extract --format json` prints."""
        return {"actors": self.actors(),
                "candidates": [c.as_json() | {"in_data": known} for c, known in
                               zip(self.candidates, self.in_data(), strict=True)],
                "sources": self.sources()}


def _documents(files: list[Path], given_paths: set[Path], meta: SourceMeta, batch: Batch,
               on_error: Callable[[DocumentError], None]) -> Iterator[Document]:
    for path in files:
        try:
            document = read(path, follow=path in given_paths)  # found in a folder: no link
        except DocumentError as exc:
            batch.errors.append(exc)
            on_error(exc)
            continue
        # one --source-id for several files would merge them: keep it for a single file
        given = meta if len(files) == 1 else replace(meta, id="")
        yield Document(document.path, document.text,
                       _known(batch, document, document.meta.merged(given)), document.base)


def _known(batch: Batch, document: Document, meta: SourceMeta) -> SourceMeta:
    """An article the data already quotes keeps that source's id (unless one was given);
    a near-copy of a known source records it as `derived_from` (and in `batch.copies`)."""
    dataset = batch.dataset
    found = match_known(dataset, document.text)
    if dataset.has_source(meta.id) and not _given_id(meta, document) and (
            found is None or not found.same or found.source != meta.id):
        # its file's name is the id of another article of the data: an id of its own
        taken = {s.id for s in dataset.sources}
        meta = replace(meta, id=new_source_id(meta.publisher, meta.published,
                                              meta.title or meta.id, taken))
    if found is None or found.source == meta.id:
        return meta
    if found.same and not _given_id(meta, document):
        return replace(meta, id=found.source)
    if not found.same and not meta.derived_from and batch.detect_copies:
        batch.copies[meta.id] = Copy(meta.id, found.source, found.reason)
        return replace(meta, derived_from=found.source)
    return meta


def _given_id(meta: SourceMeta, document: Document) -> bool:
    """True when the source id came from the user (option or front matter), not the name."""
    return bool(meta.id) and meta.id != slug(Path(document.path).stem)


def run(paths: list[Path], dataset: Dataset, meta: SourceMeta | None = None, jobs: int = 1,
        on_error: Callable[[DocumentError], None] = lambda e: None,
        extractor: Extractor | None = None, detect_copies: bool = True) -> Batch:
    """Extract from every file under `paths`; a progress bar on stderr for more than one.
    `detect_copies=False` records no near-copy as `derived_from`."""
    files, missing = collect(paths)
    batch = Batch(dataset, errors=list(missing), detect_copies=detect_copies)
    for exc in missing:
        on_error(exc)
    if not files:
        return batch
    extractor = extractor or Extractor(dataset)
    # read every file first: its errors print before the progress bar starts
    docs = list(_documents(files, set(paths), meta or SourceMeta(), batch, on_error))
    results = extractor.extract_each(docs, jobs=jobs)
    bar = tqdm(results, total=len(docs), unit="file", disable=len(docs) < 2,
               desc="extracting", leave=False)
    for document, result in zip(docs, bar, strict=True):
        if isinstance(result, Extraction):
            batch.extractions.append(result)
            continue
        error = DocumentError(document.path, f"extraction failed ({type(result).__name__}: "
                              f"{result}); the other articles were extracted",
                              code="article-extraction-failed")
        batch.errors.append(error)
        on_error(error)
    return batch


def table(batch: Batch) -> Table:
    """Candidates as a table for the terminal."""
    t = Table(title=f"{len(batch.candidates)} candidate relation(s)", title_justify="left")
    for col in ("source", "type", "target", "modality", "conf.", "attributes", "in data",
                "evidence"):
        t.add_column(col, overflow="fold")
    for c, known in zip(batch.candidates, batch.in_data(), strict=True):
        attrs = ", ".join(f"{k}={v}" for k, v in c.attributes.items())
        quotes = "\n".join(f"{Path(c.document).name}:{q.start}  "
                           f"{q.quote if len(q.quote) <= 120 else q.quote[:117] + '…'}"
                           for q in c.quotes)
        t.add_row(c.source, c.type, c.target, c.modality, f"{c.confidence:.2f}", attrs,
                  known, quotes)
    return t


def _cells(s: Scores | None) -> list[str]:
    if s is None:
        return ["0"] * 3 + ["-"] * 3
    return [str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.2f}", f"{s.recall:.2f}",
            f"{s.f1:.2f}"]


def _base_cells(b: Scores | None) -> list[str]:
    return [f"{b.precision:.2f}", f"{b.recall:.2f}", f"{b.f1:.2f}"] if b else ["-"] * 3


def _score_table(title: str, first: str) -> Table:
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    t.add_column(first, no_wrap=True)
    for col in ("tp", "fp", "fn", "P", "R", "F1", "base P", "base R", "base F1"):
        t.add_column(col, justify="right", no_wrap=True)
    return t


def evaluation_table(result: Evaluation) -> Table:
    """Per-type precision/recall/F1 for the extractor beside the baseline."""
    names = ", ".join(result.articles) if len(result.articles) <= 4 else \
        f"{len(result.articles)} articles"
    t = _score_table(f"Extraction vs gold: {names}", "type")
    t.caption = ("P precision, R recall; base = sentence co-occurrence + keyword baseline, "
                 "same run" + ("" if result.with_negated else "; negated relations left out"))
    t.caption_justify = "left"
    rows = [(k, result.typed.get(k), result.baseline_typed.get(k))
            for k in sorted(set(result.typed) | set(result.baseline_typed))]
    rows += [("typed overall", result.overall, result.baseline_overall),
             ("untyped pairs", result.untyped, result.baseline_untyped)]
    for name, s, b in rows:
        t.add_row(name, *_cells(s), *_base_cells(b),
                  style="bold" if name in ("typed overall", "untyped pairs") else None,
                  end_section=name == rows[-3][0])
    return t


def set_table(result: Evaluation) -> Table | None:
    """Typed scores per named set of documents (and overall)."""
    if not result.sets:
        return None
    t = _score_table("By set (typed)", "set")
    for label, names in result.sets.items():
        s, b = result.set_scores(label)
        t.add_row(f"{label} ({len(names)})", *_cells(s), *_base_cells(b))
    t.add_row(f"all ({len(result.articles)})", *_cells(result.overall),
              *_base_cells(result.baseline_overall), style="bold")
    return t


def document_table(result: Evaluation) -> Table:
    """Typed scores per document."""
    t = _score_table("By document (typed)", "article")
    for name in result.articles:
        t.add_row(name, *_cells(result.documents[name]),
                  *_base_cells(result.baseline_documents[name]))
    return t


def threshold_table(result: Evaluation) -> Table:
    """Typed precision and recall when only candidates at or above a confidence count."""
    t = Table(title="By confidence threshold (typed)", title_justify="left",
              box=box.SIMPLE_HEAD, padding=(0, 1))
    for col in ("min conf.", "tp", "fp", "fn", "P", "R", "F1"):
        t.add_column(col, justify="right", no_wrap=True)
    for threshold, s in sorted(result.thresholds.items()):
        t.add_row(f"{threshold:.1f}", *_cells(s))
    return t
