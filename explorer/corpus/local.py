"""The in-process engine: one extractor, spaCy's `nlp.pipe` over all pending inputs.

Documents stream through one `Extractor.extract_each` call (the parse in
`jobs` processes, as `explorer extract --jobs` does); every `batch_size`
results are written as a part. A document the extractor fails on is recorded
as an error and the stream goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pyarrow as pa

from explorer.corpus.inputs import Item
from explorer.corpus.output import Output
from explorer.corpus.worker import PART_SCHEMA, Worker
from explorer.extract.documents import Document, DocumentError
from explorer.extract.pipeline import Extraction

__all__ = ["run_local"]


def run_local(items: Sequence[Item], worker: Worker, output: Output, batch_size: int,
              advance: Callable[[int], None] = lambda n: None) -> None:
    """Extract every Item, writing parts of `batch_size` rows as results come."""
    waiting: deque[Item] = deque(items)
    sent: deque[tuple[Item, Document]] = deque()
    rows: list[dict[str, Any]] = []

    def add(row: dict[str, Any]) -> None:
        rows.append(row)
        advance(1)

    def flush(final: bool = False) -> None:
        while len(rows) >= batch_size or (final and rows):
            chunk = rows[:batch_size]
            del rows[:batch_size]
            output.write_part(pa.Table.from_pylist(chunk, schema=PART_SCHEMA))

    def documents() -> Iterator[Document]:
        while waiting:
            item = waiting.popleft()
            try:
                document = worker.read(item)
            except DocumentError as exc:
                add(worker.error_row(item, exc))
                continue
            sent.append((item, document))
            yield document

    for result in worker.extractor.extract_each(documents(), jobs=worker.jobs):
        item, document = sent.popleft()
        add(worker.row(item, document, result) if isinstance(result, Extraction)
            else worker.error_row(item, result))
        flush()
    flush(final=True)
