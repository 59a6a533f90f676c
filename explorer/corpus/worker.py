"""What one worker does: read Items, extract candidates, fingerprint texts, emit part rows.

A `Worker` is built once per process — in-process, or once per Ray actor — and
holds the extractor (the spaCy model, the actor index, the cue book). Both
engines call the same `read`, `row` and `error_row`, so their output is the
same. Every failure becomes a row with an `error`, never a stopped run.

A part row is one input: its key, the document's id (a digest of its text and
source metadata), the source metadata, the candidates and proposed actors as
nested lists, and the near-copy fingerprint (MinHash signature and per-sentence
stems) that `clusters` needs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from explorer import store
from explorer.corpus.inputs import Item
from explorer.extract.documents import (
    Document,
    DocumentError,
    SourceMeta,
    from_text,
    slug,
)
from explorer.extract.documents import read as read_file
from explorer.extract.pipeline import Extraction, Extractor
from explorer.nearcopy import fingerprint, shingles

__all__ = ["NUM_PERM", "PART_SCHEMA", "SCHEME", "SEED", "Worker", "document_id", "minhash"]

#: MinHash permutations: 128 estimate a containment within about ±0.09.
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # 32-bit hash values: the stems are 32-bit hashes already

CANDIDATE = pa.struct([
    ("source", pa.string()), ("target", pa.string()), ("type", pa.string()),
    ("modality", pa.string()), ("confidence", pa.float64()), ("sentence", pa.string()),
    ("start", pa.int64()), ("end", pa.int64()), ("attributes", pa.string()),
    ("speaker", pa.string()), ("cue", pa.string()),
])
ACTOR = pa.struct([
    ("id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("label", pa.string()),
    ("represents", pa.string()), ("mentions", pa.int32()),
])
PART_SCHEMA = pa.schema([
    ("key", pa.string()), ("path", pa.string()), ("document", pa.string()),
    ("source_id", pa.string()), ("title", pa.string()), ("publisher", pa.string()),
    ("published", pa.date32()), ("url", pa.string()), ("words", pa.int32()),
    ("error", pa.string()), ("error_code", pa.string()),
    ("candidates", pa.list_(CANDIDATE)), ("actors", pa.list_(ACTOR)),
    ("minhash", pa.binary()), ("shingles", pa.int32()), ("words_content", pa.int32()),
    ("sentences", pa.list_(pa.list_(pa.uint32()))),
])


def document_id(document: Document) -> str:
    """A digest of the article's text and source metadata: the same text published by
    two outlets is two documents (in one near-copy cluster)."""
    meta = {k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in vars(document.meta).items() if v}
    payload = document.text + "\0" + json.dumps(meta, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _identity(value: int) -> int:
    return value


def minhash(stems: frozenset[int]) -> bytes:
    """The MinHash signature of a set of 32-bit hashes (`nearcopy.shingles`)."""
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, scheme=SCHEME)
    sketch.update_batch(sorted(stems))
    return np.asarray(sketch.hashvalues, dtype="<u4").tobytes()


def _meta(given: dict[str, str], where: str) -> SourceMeta:
    published = None
    if given.get("published"):
        try:
            published = dt.date.fromisoformat(given["published"][:10])
        except ValueError:
            raise DocumentError(where, f"`published` {given['published']!r} is not a date; "
                                "write YYYY-MM-DD") from None
    return SourceMeta(id=given.get("id", ""), title=given.get("title", ""),
                      publisher=given.get("publisher", ""), published=published,
                      url=given.get("url", ""))


class Worker:
    """The extractor, built once; Items in, part rows out."""

    def __init__(self, data_text: str, data_name: str = "<data>", jobs: int = 1) -> None:
        self.extractor = Extractor(store.load_text(data_text, data_name))
        self.jobs = jobs

    # ---------------------------------------------------------------- Ray
    def __call__(self, batch: pa.Table) -> pa.Table:
        """Ray Data's `map_batches`: a batch of Items, as an Arrow table, to part rows."""
        return self.process([Item.from_row(r) for r in batch.to_pylist()])

    def process(self, items: Sequence[Item]) -> pa.Table:
        """Read and extract a batch of Items (the parse in `self.jobs` processes)."""
        out: list[dict[str, Any]] = []
        read: list[tuple[Item, Document]] = []
        for item in items:
            try:
                read.append((item, self.read(item)))
            except DocumentError as exc:
                out.append(self.error_row(item, exc))
        for (item, document), result in zip(read, self.extract([d for _, d in read]),
                                            strict=True):
            out.append(self.row(item, document, result) if isinstance(result, Extraction)
                       else self.error_row(item, result))
        return pa.Table.from_pylist(out, schema=PART_SCHEMA)

    def extract(self, documents: list[Document]) -> list[Extraction | Exception]:
        """Extractions in order; a document the extractor fails on gets its exception."""
        return list(self.extractor.extract_each(documents, jobs=self.jobs))

    # ------------------------------------------------------- the pieces
    @staticmethod
    def read(item: Item) -> Document:
        """An Item's Document: the file or the given text; the manifest's metadata wins
        over the file's own."""
        given = _meta(item.meta, item.path or item.key)
        if item.text is not None:
            document = from_text(item.text, item.path or item.key)
        else:
            document = read_file(item.path, follow=False)  # a resolved path: no link
        meta = document.meta.merged(given)
        if not item.meta.get("id") and meta.id == slug(Path(item.path).stem):
            # a file name is no unique id across a corpus: add the text's digest
            base = meta.id if item.text is None else "text"
            meta = replace(meta, id=f"{base[:40]}-{document_id(document)[:8]}")
        return replace(document, meta=meta)

    @staticmethod
    def error_row(item: Item, exc: BaseException) -> dict[str, Any]:
        if isinstance(exc, DocumentError):
            message, code = str(exc), exc.code
        else:
            message = f"{item.path or item.key}: extraction failed ({type(exc).__name__}: " \
                      f"{exc}); run `explorer extract` on it alone with --debug for details"
            code = "article-extraction-failed"
        return {"key": item.key, "path": item.path, "error": message, "error_code": code,
                "candidates": [], "actors": []}

    @staticmethod
    def row(item: Item, document: Document, extraction: Extraction) -> dict[str, Any]:
        meta = document.meta
        prints = fingerprint(document.text)
        pairs = shingles(document.text)
        return {
            "key": item.key, "path": item.path, "document": document_id(document),
            "source_id": meta.id, "title": meta.title or None,
            "publisher": meta.publisher or None, "published": meta.published,
            "url": meta.url or None, "words": len(document.text.split()),
            "candidates": [{
                "source": c.source, "target": c.target, "type": c.type,
                "modality": c.modality, "confidence": c.confidence, "sentence": c.quote,
                "start": c.start, "end": c.end,
                "attributes": json.dumps(dict(c.attributes), sort_keys=True,
                                         ensure_ascii=False) if c.attributes else None,
                "speaker": c.speaker, "cue": c.cue or None,
            } for merged in extraction.candidates for c in merged.parts()],  # a row a sentence
            "actors": [{"id": a.id, "name": a.name, "kind": a.kind, "label": a.label or None,
                        "represents": a.represents, "mentions": a.mentions}
                       for a in sorted(extraction.proposed.values(), key=lambda a: a.id)],
            "minhash": minhash(pairs),
            "shingles": len(pairs),
            "words_content": prints.words,
            "sentences": [sorted(s) for s in prints.sentences],
        }
