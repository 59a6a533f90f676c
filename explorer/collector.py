"""Pausing Python's cyclic garbage collector around bulk work.

Loading a data file, building a view or writing an edit allocates millions of
objects that all survive; each automatic collection would walk them all again
(65–75 % of a PyYAML load here). Pausing the collector for the duration is the
cheapest speed-up we have; it is switched back on afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the collector inside the block (re-enable it after, if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
