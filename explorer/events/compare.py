"""Machine-coded events set against the data file, pair by pair.

Two questions an analyst asks of the news: which pairs of actors do the
events talk about a lot while the file says nothing about them, and which
curated relations do recent events contradict (the file's sign against the
events' balance of cooperation and conflict over a window). Persons are
folded into the states they represent, as event data codes them. Nothing here
changes the file or its measures: the answers are tables to look at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from explorer.model import Dataset

__all__ = ["SCOPES", "FileSign", "contradicted", "curated_pairs", "file_signs", "uncovered",
           "window"]

#: Which pairs to list, by whether their actors are in the data file.
SCOPES = {"both": "both actors in the file", "one": "at least one actor in the file",
          "any": "any pair"}


@dataclass(frozen=True)
class FileSign:
    """What the file says about a pair over a window: net polarity and the relations."""

    net: float                 # sum of confidence × polarity (+1 / −1)
    relations: tuple[str, ...]
    types: tuple[str, ...]

    @property
    def sign(self) -> int:
        return (self.net > 0) - (self.net < 0)


def window(last: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The `months` calendar months ending with the month of `last`."""
    index = last.year * 12 + last.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1), last


def _pair(dataset: Dataset, source: str, target: str) -> tuple[str, str] | None:
    a, b = dataset.state_of(source), dataset.state_of(target)
    if a == b:
        return None
    return (a, b) if a < b else (b, a)


def curated_pairs(dataset: Dataset) -> dict[tuple[str, str], list[str]]:
    """Every pair the file relates with a curated relation (any dates): relation ids."""
    found: dict[tuple[str, str], list[str]] = {}
    for r in dataset.relations:
        if r.status == "curated" and (pair := _pair(dataset, r.source, r.target)):
            found.setdefault(pair, []).append(r.id)
    return found


def file_signs(dataset: Dataset, start: dt.date, end: dt.date
               ) -> dict[tuple[str, str], FileSign]:
    """Per pair, the curated relations in force at some point of [start, end] and their
    net polarity (confidence-weighted; neutral types count zero)."""
    nets: dict[tuple[str, str], list] = {}
    for r in dataset.relations:
        if r.status != "curated":
            continue
        if (r.since and r.since > end) or (r.until and r.until < start):
            continue
        pair = _pair(dataset, r.source, r.target)
        if pair is None:
            continue
        entry = nets.setdefault(pair, [0.0, [], []])
        entry[0] += r.confidence * dataset.relation_type(r.type).sign
        entry[1].append(r.id)
        entry[2].append(r.type)
    return {pair: FileSign(net, tuple(ids), tuple(dict.fromkeys(kinds)))
            for pair, (net, ids, kinds) in nets.items()}


def _in_scope(totals: pd.DataFrame, dataset: Dataset, scope: str) -> pd.DataFrame:
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r}: use one of {', '.join(SCOPES)}")
    if scope == "any" or totals.empty:
        return totals
    known = (totals["a"].map(dataset.has_actor).astype(int)
             + totals["b"].map(dataset.has_actor).astype(int))
    return totals[known >= (2 if scope == "both" else 1)]


def uncovered(totals: pd.DataFrame, dataset: Dataset, *, min_events: int = 10,
              scope: str = "both") -> pd.DataFrame:
    """Pairs with at least `min_events` events in the window and no curated relation in
    the file (at any date); `pending` says whether extracted candidates await review."""
    curated = curated_pairs(dataset)
    pending = {pair for r in dataset.relations if r.status == "extracted"
               and (pair := _pair(dataset, r.source, r.target))}
    rows = _in_scope(totals[totals["events"] >= min_events], dataset, scope)
    keys = list(zip(rows["a"], rows["b"], strict=True))
    keep = [k not in curated for k in keys]
    out = rows[keep].copy()
    out["pending"] = [k in pending for k, kept in zip(keys, keep, strict=True) if kept]
    return out.reset_index(drop=True)


def contradicted(totals: pd.DataFrame, dataset: Dataset, start: dt.date, end: dt.date, *,
                 min_events: int = 10, threshold: float = 0.2) -> pd.DataFrame:
    """Curated relations in force during the window whose net sign the events' balance
    opposes by at least `threshold` (balance = (cooperation − conflict) / events)."""
    signs = file_signs(dataset, start, end)
    rows = []
    for rec in totals[totals["events"] >= min_events].itertuples(index=False):
        said = signs.get((rec.a, rec.b))
        if said is None or said.sign == 0:
            continue
        if said.sign * rec.balance <= -threshold:
            rows.append({"a": rec.a, "b": rec.b, "file": "+" if said.sign > 0 else "−",
                         "file_net": said.net, "file_types": ", ".join(said.types),
                         "relations": ", ".join(said.relations), "events": rec.events,
                         "cooperation": rec.cooperation, "conflict": rec.conflict,
                         "articles": rec.articles, "balance": rec.balance})
    columns = ["a", "b", "file", "file_net", "file_types", "relations", "events",
               "cooperation", "conflict", "articles", "balance"]
    table = pd.DataFrame(rows, columns=columns)
    if not table.empty:
        table = table.assign(gap=(table["balance"] * table["file"].map({"+": 1, "−": -1})))
        table = table.sort_values(["gap", "events"], ascending=[True, False]).drop(
            columns="gap").reset_index(drop=True)
    return table
