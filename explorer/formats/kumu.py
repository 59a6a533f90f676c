"""Kumu's two import sheets: elements and connections.

Laid out as Kumu's import guide asks ("Structure your data for Kumu", and "How
do I avoid duplicating data?" in Kumu's documentation):

- elements: `ID` first, then `Label`, `Type`, `Description`, `Tags`, then our
  own fields; connections: `ID`, `From`, `To`, then `Type`, `Direction`,
  `Strength`, `Description`, `Tags`… With an `ID` column Kumu matches
  elements by id, so two actors of the same name stay apart, re-importing a
  newer export updates the map instead of duplicating it, and `From`/`To`
  must be element ids, which they are.
- Several values in one cell are separated by `|` (tags, members, years).
- `Direction` is `directed` or `undirected` (alliance, meeting, rivalry): the
  values Kumu's blueprints take (`directed`, `undirected`, `mutual`).
- The timeline: Kumu's tagged-timeline control filters on years found in the
  `Tags` field, so each connection's tags include every year it was in force,
  from its `since` to its `until` (or to this year when it is still open); a
  relation with no `since` gets no years. `Start` and `End` keep the dates.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from explorer.graph import View

__all__ = ["CONNECTION_COLUMNS", "ELEMENT_COLUMNS", "Sheet", "tables", "years_in_force"]

#: A sheet: its column names and its rows (plain values, in column order).
Sheet = tuple[list[str], list[list[Any]]]

ELEMENT_COLUMNS = ["ID", "Label", "Type", "Description", "Tags", "Represents", "Members"]
CONNECTION_COLUMNS = [
    "ID", "From", "To", "Type", "Direction", "Strength", "Description", "Tags", "Start", "End",
    "Relation type", "Status", "Modality", "Polarity", "Sign", "Weight", "Evidence",
    "Independent sources", "Original sources", "Relations", "Attributes", "Color"]


def _many(values: Any) -> str:
    """Kumu's multi-value cell: values separated by `|` (a `|` inside one becomes `/`)."""
    return "|".join(str(v).replace("|", "/") for v in values)


def years_in_force(since: dt.date | None, until: dt.date | None,
                   today: dt.date | None = None) -> list[str]:
    """Every year from `since` to `until` (this year when open); none without `since`."""
    if since is None:
        return []
    last = (until or today or dt.date.today()).year
    return [str(year) for year in range(since.year, max(last, since.year) + 1)]


def _element(n: str, d: dict[str, Any]) -> dict[str, Any]:
    return {"ID": n, "Label": d["label"], "Type": d["kind"].replace("_", " "),
            "Description": d["description"], "Tags": "", "Represents": d["represents"],
            "Members": _many(d["members"])}


def _connection(u: str, v: str, key: str, d: dict[str, Any],
                today: dt.date | None) -> dict[str, Any]:
    return {
        "ID": key, "From": u, "To": v, "Type": d["label"],
        "Direction": "directed" if d["directed"] else "undirected",
        "Strength": d["confidence"], "Description": d["summary"],
        "Tags": _many([*d["tags"], *years_in_force(d["since"], d["until"], today)]),
        "Start": d["since"].isoformat() if d["since"] else "",
        "End": d["until"].isoformat() if d["until"] else "",
        "Relation type": d["type"], "Status": d["status"], "Modality": d["modality"],
        "Polarity": d["polarity"], "Sign": d["sign"], "Weight": d["weight"],
        "Evidence": d["evidence_count"], "Independent sources": d["independent_count"],
        "Original sources": _many(d["independent_sources"]),
        "Relations": _many(d["relation_ids"]),
        "Attributes": json.dumps(d["attributes"], ensure_ascii=False, sort_keys=True)
        if d["attributes"] else "",
        "Color": d["color"],
    }


def tables(view: View, today: dt.date | None = None) -> tuple[Sheet, Sheet]:
    """The elements and connections sheets of the view (plain values; the CSV
    writer neutralises formulas)."""
    elements = [_element(n, d) for n, d in view.graph.nodes(data=True)]
    connections = [_connection(u, v, key, d, today) for u, v, key, d in view.edges]
    return ((ELEMENT_COLUMNS, [[row[c] for c in ELEMENT_COLUMNS] for row in elements]),
            (CONNECTION_COLUMNS, [[row[c] for c in CONNECTION_COLUMNS] for row in connections]))
