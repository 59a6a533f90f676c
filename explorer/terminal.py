"""Text sent to a terminal: the one Console the explorer prints with.

Names, quotes and messages come from the data file or an article, and a data file
can hold anything: an escape sequence (ESC [31m) that recolours or rewrites the
analyst's terminal, a bell, `:smile:` that rich would turn into an emoji, `[bold]`
that it would read as markup. `console()` makes a rich Console that shows every
string as the characters it holds: C0 and C1 control characters (but tab and line
feed) as visible escapes (`\\x1b`), no emoji codes, no markup, no highlighting.
Styles the explorer sets itself (`style="red"`) still apply.
"""

from __future__ import annotations

import os
import re
from typing import Any

from rich.console import Console
from rich.text import Text

__all__ = ["console", "safe"]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """`text` with every control character but tab and line feed as a visible escape.

    >>> safe("a\\x1b[31mb\\x07")
    'a\\\\x1b[31mb\\\\x07'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


#: Columns of output that goes to a pipe or a file (rich would take 80).
PIPED_WIDTH = 200


class _DataConsole(Console):
    """A Console whose strings are text: escaped, never markup, emoji or highlighted."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        kwargs.update(markup=False, emoji=False, highlight=False)
        return super().render_str(safe(text), **kwargs)


def console(*, stderr: bool = False, width: int | None = None) -> Console:
    """The explorer's Console for stdout (or stderr); `width` at least that wide."""
    made = _DataConsole(stderr=stderr, highlight=False, markup=False, emoji=False,
                        soft_wrap=width is None)
    if width is not None:
        made.width = max(made.width, width)
    if not made.is_terminal and "COLUMNS" not in os.environ:
        # a pipe or a file has no width: rich's 80 columns would fold every table's
        # words into pieces ("| head", "> stats.txt"); COLUMNS still decides when set
        made.width = max(made.width, PIPED_WIDTH)
    return made
