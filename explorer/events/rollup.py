"""Questions to the event store, answered from the `event_rollup` view and the
`events` table: the roll-up itself, one pair's months, every pair's totals
over a window, what was imported and what the mapping left out.

Every function takes an open connection (`database.connect`) and returns a
pandas DataFrame; none of them writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb
import pandas as pd

__all__ = ["ROLLUP_COLUMNS", "extent", "files", "monthly", "pair_totals", "summary",
           "unmapped"]

ROLLUP_COLUMNS = ["format", "month", "source", "target", "directed", "type", "family",
                  "events", "articles", "mean_score", "hedged"]
Con = duckdb.DuckDBPyConnection


def _month(day: dt.date | None) -> dt.date | None:
    return day.replace(day=1) if day else None


def summary(con: Con, *, actors: Sequence[str] = (), since: dt.date | None = None,
            until: dt.date | None = None, types: Sequence[str] = (),
            format: str | None = None) -> pd.DataFrame:
    """The roll-up rows (dataset, month, source, target, direction, type): one actor
    gives all its pairs, two or more give the pairs among them."""
    where, args = ["TRUE"], []
    if len(actors) == 1:
        where.append("(source = ? OR target = ?)")
        args += [actors[0], actors[0]]
    elif actors:
        marks = ", ".join("?" * len(actors))
        where.append(f"source IN ({marks}) AND target IN ({marks})")
        args += [*actors, *actors]
    if since:
        where.append("month >= ?")
        args.append(_month(since))
    if until:
        where.append("month <= ?")
        args.append(_month(until))
    if types:
        where.append(f"type IN ({', '.join('?' * len(types))})")
        args += list(types)
    if format:
        where.append("format = ?")
        args.append(format)
    return con.execute(f"""
        SELECT {", ".join(ROLLUP_COLUMNS)} FROM event_rollup WHERE {" AND ".join(where)}
        ORDER BY format, month, source, target, type, directed DESC
    """, args).df()


def monthly(con: Con, a: str, b: str, *, format: str | None = None,
            since: dt.date | None = None) -> pd.DataFrame:
    """One pair, both ways, month by month: events per family and type, with articles."""
    args: list = [a, b, b, a]
    extra = ""
    if format:
        extra += " AND format = ?"
        args.append(format)
    if since:
        extra += " AND month >= ?"
        args.append(_month(since))
    return con.execute(f"""
        SELECT format, month, family, type, source, target, directed,
               events, articles, mean_score, hedged
        FROM event_rollup
        WHERE ((source = ? AND target = ?) OR (source = ? AND target = ?)){extra}
        ORDER BY format, month, family, type, source
    """, args).df()


def pair_totals(con: Con, *, start: dt.date | None = None, end: dt.date | None = None,
                format: str | None = None) -> pd.DataFrame:
    """Every pair of actors (a < b, both ways together) over a window: events of each
    family, distinct articles, and the balance (cooperation − conflict) / all."""
    where, args = ["TRUE"], []
    if start:
        where.append("e.day >= ?")
        args.append(start)
    if end:
        where.append("e.day <= ?")
        args.append(end)
    if format:
        where.append("e.format = ?")
        args.append(format)
    return con.execute(f"""
        SELECT least(source, target) AS a, greatest(source, target) AS b,
               count(*) AS events,
               count(*) FILTER (WHERE t.family = 'cooperation') AS cooperation,
               count(*) FILTER (WHERE t.family = 'conflict') AS conflict,
               count(DISTINCT article) AS articles,
               (count(*) FILTER (WHERE t.family = 'cooperation')
                - count(*) FILTER (WHERE t.family = 'conflict')) / count(*) AS balance
        FROM events e JOIN types t USING (type)
        WHERE {" AND ".join(where)}
        GROUP BY ALL ORDER BY events DESC, a, b
    """, args).df()


def extent(con: Con) -> pd.DataFrame:
    """Per dataset: events, first and last day."""
    return con.execute("""
        SELECT format, count(*) AS events, min(day) AS first, max(day) AS last
        FROM events GROUP BY format ORDER BY events DESC, format
    """).df()


def files(con: Con) -> pd.DataFrame:
    """Every imported file with its counts."""
    return con.execute("""
        SELECT file_id, name, format, imported_at, rows_read, events_added, duplicates,
               malformed, no_relation, unmapped, one_sided, domestic, seconds, note
        FROM files ORDER BY file_id
    """).df()


def unmapped(con: Con, *, format: str | None = None) -> pd.DataFrame:
    """The codes and actors the mapping does not cover, most frequent first."""
    extra, args = "", []
    if format:
        extra, args = "WHERE f.format = ?", [format]
    return con.execute(f"""
        SELECT f.format, u.kind, u.code, sum(u.rows)::BIGINT AS rows
        FROM unmapped u JOIN files f USING (file_id) {extra}
        GROUP BY ALL ORDER BY rows DESC, f.format, u.kind, u.code
    """, args).df()
