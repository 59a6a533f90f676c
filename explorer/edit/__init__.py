"""Writing the data file: minimal, verified, atomic edits that never overwrite someone
else's, and undo and redo of the explorer's own writes.

- `layout`: where an entry sits in the file's text (a scan, no parse);
- `emit`: one entry through ruamel.yaml's round trip, in the file's style;
- `verify`: the new text says exactly what was intended, and validates;
- `draft`: `Draft`, edits planned against the version the caller read, then committed;
- `files`: the lock, atomic replacement, the operating system's refusals as codes;
- `versions`: the versions the explorer replaced, the journal, undo and redo;
- `errors`: why a write was refused.

Files beside `relations.yaml`: `.relations.yaml.lock` (held while writing) and
`.relations.yaml.history/` (the replaced versions and `journal.json`).
"""

from explorer.edit.draft import Draft
from explorer.edit.errors import (
    BusyError,
    EditError,
    InvalidChange,
    LayoutError,
    NothingToRedo,
    NothingToUndo,
    StaleFileError,
)
from explorer.edit.versions import HISTORY_DEPTH, Change, Entry, History, history, redo, undo

__all__ = [
    "HISTORY_DEPTH",
    "BusyError",
    "Change",
    "Draft",
    "EditError",
    "Entry",
    "History",
    "InvalidChange",
    "LayoutError",
    "NothingToRedo",
    "NothingToUndo",
    "StaleFileError",
    "history",
    "redo",
    "undo",
]
