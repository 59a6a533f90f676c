"""Tables the pages show and download: relations of a view, sources of a dataset.

Tables are plain pandas frames (Streamlit draws their cells as text). CSV
downloads go through `explorer.spreadsheet`, which neutralises formulas.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from explorer import spreadsheet
from explorer.graph import View
from explorer.model import Dataset

__all__ = ["relations_table", "search", "source_chain", "sources_table", "to_csv"]


def relations_table(view: View) -> pd.DataFrame:
    """One row per relation drawn in the view (a merged line in a folded view is one
    row), with names, type, status, confidence and evidence counts; kept with the View."""
    return view.derived("relations-table", _relations_table)


def _relations_table(view: View) -> pd.DataFrame:
    names = dict(view.graph.nodes(data="label"))
    rows = [{
        "relation": key, "source": names[u], "target": names[v], "type": d["label"],
        "direction": "→" if d["directed"] else "—", "polarity": d["polarity"],
        "status": d["status"], "modality": d["modality"], "confidence": d["confidence"],
        "since": d["since"], "until": d["until"], "evidence": d["evidence_count"],
        "independent sources": d["independent_count"], "summary": d["summary"],
        "source id": u, "target id": v,
    } for u, v, key, d in view.graph.edges(keys=True, data=True)]
    table = pd.DataFrame(rows, columns=[
        "relation", "source", "direction", "target", "type", "polarity", "status",
        "modality", "confidence", "since", "until", "evidence", "independent sources",
        "summary", "source id", "target id"])
    return table.sort_values(["source", "target", "type", "relation"], ignore_index=True)


def search(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where every word of `text` appears in some text cell (case-insensitive)."""
    words = text.casefold().split()
    if not words or table.empty:
        return table
    cells = table.apply(lambda column: column.map(lambda v: "" if pd.isna(v) else str(v)))
    haystack = cells.agg(" ".join, axis=1).str.casefold()
    keep = pd.Series(True, index=table.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return table[keep]


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV (UTF-8) with spreadsheet formulas neutralised."""
    return spreadsheet.to_csv(table).encode("utf-8")


def source_chain(dataset: Dataset, source_id: str) -> list[str]:
    """The source and what it derives from, up to the original: [copy, …, original]."""
    chain = [source_id]
    while (parent := dataset.source(chain[-1]).derived_from) and parent not in chain:
        chain.append(parent)
    return chain


def sources_table(dataset: Dataset) -> pd.DataFrame:
    """Each source: where it comes from, and how many relations and quotes rest on it
    (rejected relations left out); kept with the Dataset."""
    return dataset.derived("sources-table", _sources_table)


def _sources_table(dataset: Dataset) -> pd.DataFrame:
    relations: dict[str, set[str]] = defaultdict(set)
    quotes: Counter[str] = Counter()
    for r in dataset.relations:
        if r.status == "rejected":
            continue
        for e in r.evidence:
            relations[e.source].add(r.id)
            quotes[e.source] += 1
    copies = Counter(s.derived_from for s in dataset.sources if s.derived_from)
    rows = [{
        "source": s.id, "title": s.title, "publisher": s.publisher,
        "published": s.published, "reliability": s.reliability,
        "derived from": s.derived_from or "", "original": dataset.root_source(s.id),
        "copies": copies[s.id], "relations": len(relations[s.id]), "quotes": quotes[s.id],
        "url": s.url,
    } for s in dataset.sources]
    return pd.DataFrame(rows, columns=[
        "source", "title", "publisher", "published", "reliability", "derived from",
        "original", "copies", "relations", "quotes", "url"])
