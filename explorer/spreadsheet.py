"""The one CSV writer: every CSV the explorer writes goes through `to_csv`, so a
name or a summary from the data can never run as a spreadsheet formula.

Two defences, after OWASP's "CSV Injection" guidance:

- a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
  gets a leading apostrophe (`'=1+1`), which spreadsheets show as text;
- a cell that holds a carriage return, a line feed, a comma, a semicolon or a
  double quote is quoted (quotes doubled), so a reader that honours quotes
  keeps it whole.

Quoting is not enough for a spreadsheet that splits on semicolons (the default
list separator in much of Europe): it honours a quote only at the start of
*its* cells, so `a,"x;=1+1"` gives it a cell `=1+1"`, and a line break inside a
quoted cell that is not first on its row starts a new row there. So the same
apostrophe also goes before a formula character that follows a semicolon or a
line break inside a cell (`x;'=1+1`, `A pact.\r'@SUM(1+1)`): wherever a reader
starts a cell, it cannot start with a formula.

Numbers stay numbers (a negative confidence delta is not a formula); rows end
in CRLF, as RFC 4180 has it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

__all__ = ["FORMULA_START", "cell", "neutralise", "rows_to_csv", "to_csv"]

#: What a cell may not start with unless it is a number (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTE_IF = re.compile('[\r\n,;"]')
#: A formula character where some reader may start a cell: the start, or after a
#: semicolon or a line break.
_CELL_START = re.compile("(?:^|(?<=[\r\n;]))(?=[=+\\-@\t\r])")


def neutralise(value: Any) -> Any:
    """Text with an apostrophe before every formula character a spreadsheet could
    read at the start of a cell; other values unchanged."""
    if isinstance(value, str):
        return _CELL_START.sub("'", value)
    return value


def cell(value: Any) -> str:
    """One CSV field: neutralised, written as text, quoted when it must be."""
    if isinstance(value, str):
        text = neutralise(value)
    elif (value is None or value is pd.NA or value is pd.NaT
          or (isinstance(value, float) and math.isnan(value))):
        return ""
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value.item() if hasattr(value, "item") else value)
    if _QUOTE_IF.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def rows_to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text of a header and rows."""
    lines = [",".join(cell(name) for name in header)]
    lines.extend(",".join(cell(v) for v in row) for row in rows)
    return "\r\n".join(lines) + "\r\n"


def to_csv(table: pd.DataFrame) -> str:
    """CSV text of a table (its index left out)."""
    return rows_to_csv([str(c) for c in table.columns],
                       table.itertuples(index=False, name=None))
