"""What a corpus says, claim by claim: DuckDB over the run's Parquet tables.

A *claim* is (source, target, type); for the undirected types of the data file
the run was made with (alliance, meeting, rivalry…) the two ends are put in
order, so "RUS–PRK alliance" and "PRK–RUS alliance" are one claim. A *report*
is a near-copy cluster: twenty republications of one wire story are one
report. For each report the strongest candidate (highest confidence) stands
for it; a claim's mean confidence is the mean over its reports.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.corpus.output import Output

__all__ = ["Filters", "claims", "reports", "summary"]


@dataclass(frozen=True)
class Filters:
    """Which candidates count. Negated ones ("has not supplied") support no claim, so
    the default modalities leave them out."""

    types: Sequence[str] = ()
    actors: Sequence[str] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    modalities: Sequence[str] = ("asserted", "hedged")
    min_confidence: float = 0.0


def _connect(out: Path) -> tuple[Any, dict[str, Any]]:
    import duckdb

    output = Output(out)
    documents, candidates = output.table("documents"), output.table("candidates")
    settings = output.settings()
    con = duckdb.connect()
    con.read_parquet(documents.as_posix()).create_view("documents")
    con.read_parquet(candidates.as_posix()).create_view("candidates")
    return con, settings


def _candidates_sql(filters: Filters, undirected: Sequence[str]) -> tuple[str, list[Any]]:
    """The candidates that count, each with its claim's ends in order and its document's
    date and cluster."""
    where, params = ["list_contains(?, c.modality)", "c.confidence >= ?"], \
        [list(filters.modalities), filters.min_confidence]
    if filters.types:
        where.append("list_contains(?, c.type)")
        params.append(list(filters.types))
    if filters.actors:
        where.append("(list_contains(?, c.source) OR list_contains(?, c.target))")
        params += [list(filters.actors)] * 2
    if filters.date_from:
        where.append("d.published >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("d.published <= ?")
        params.append(filters.date_to)
    swap = "list_contains(?, c.type) AND c.target < c.source"
    sql = f"""
        SELECT CASE WHEN {swap} THEN c.target ELSE c.source END AS claim_source,
               CASE WHEN {swap} THEN c.source ELSE c.target END AS claim_target,
               c.*, d.cluster, d.copy_of, d.published, d.source_id, d.title, d.publisher,
               d.url, d.cluster_size
        FROM candidates c JOIN documents d ON c.document = d.id
        WHERE {' AND '.join(where)}"""
    return sql, [list(undirected), list(undirected), *params]


def _reports_sql(filters: Filters, undirected: Sequence[str]) -> tuple[str, list[Any]]:
    """One row per (claim, report): the report's strongest candidate."""
    inner, params = _candidates_sql(filters, undirected)
    sql = f"""
        SELECT claim_source AS source, claim_target AS target, type, cluster,
               min(published) AS published, max(confidence) AS confidence,
               arg_max(sentence, confidence) AS sentence,
               count(DISTINCT document) AS documents
        FROM ({inner})
        GROUP BY ALL"""
    return sql, params


def summary(out: Path, filters: Filters = Filters(), *, min_reports: int = 1,
            top: int | None = None) -> list[dict[str, Any]]:
    """Per claim and month: independent reports, documents, mean confidence, first and
    last date, a sample sentence; most reports first."""
    con, settings = _connect(out)
    inner, params = _reports_sql(filters, settings.get("undirected", ()))
    sql = f"""
        SELECT source, target, type,
               coalesce(strftime(published, '%Y-%m'), 'undated') AS month,
               count(*) AS reports, sum(documents)::BIGINT AS documents,
               round(avg(confidence), 3) AS mean_confidence,
               min(published) AS first, max(published) AS last,
               arg_max(sentence, confidence) AS sample
        FROM ({inner})
        GROUP BY ALL HAVING count(*) >= ?
        ORDER BY reports DESC, mean_confidence DESC, source, target, type, month
        {'LIMIT ?' if top else ''}"""
    params += [min_reports, *([top] if top else [])]
    rows = _rows(con, sql, params)
    con.close()
    return rows


def claims(out: Path, filters: Filters = Filters(), *, min_reports: int = 1,
           top: int | None = None) -> list[dict[str, Any]]:
    """Per claim over the whole period: the same figures as `summary`, without months."""
    con, settings = _connect(out)
    inner, params = _reports_sql(filters, settings.get("undirected", ()))
    sql = f"""
        SELECT source, target, type,
               count(*) AS reports, sum(documents)::BIGINT AS documents,
               round(avg(confidence), 3) AS mean_confidence,
               min(published) AS first, max(published) AS last
        FROM ({inner})
        GROUP BY ALL HAVING count(*) >= ?
        ORDER BY reports DESC, mean_confidence DESC, source, target, type
        {'LIMIT ?' if top else ''}"""
    params += [min_reports, *([top] if top else [])]
    rows = _rows(con, sql, params)
    con.close()
    return rows


def reports(out: Path, claim: tuple[str, str, str], filters: Filters = Filters(),
            limit: int = 3) -> list[dict[str, Any]]:
    """A claim's strongest reports, one candidate each (from the cluster's original when it
    states the claim, else its strongest), highest confidence first, with the document's
    source metadata."""
    con, settings = _connect(out)
    inner, params = _candidates_sql(filters, settings.get("undirected", ()))
    sql = f"""
        SELECT * FROM ({inner})
        WHERE claim_source = ? AND claim_target = ? AND type = ?
        QUALIFY row_number() OVER (PARTITION BY cluster ORDER BY copy_of IS NULL DESC,
                                   confidence DESC, published NULLS LAST, document, start) = 1
        ORDER BY confidence DESC, published NULLS LAST, document, start
        LIMIT ?"""
    rows = _rows(con, sql, [*params, *claim, limit])
    con.close()
    for row in rows:
        row["attributes"] = json.loads(row["attributes"]) if row["attributes"] else {}
    return rows


def _rows(con: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
