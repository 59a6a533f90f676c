"""Why a write was refused: each a `Refusal` with a stable code (see `problems.REFUSALS`).

A refused write leaves the data file, its history and every other file as they
were. `InvalidChange` also carries the validator's located problems.
"""

from __future__ import annotations

from explorer.problems import Problem, Refusal

__all__ = ["BusyError", "EditError", "InvalidChange", "LayoutError", "NothingToRedo",
           "NothingToUndo", "StaleFileError"]


class EditError(Refusal):
    """A write was refused; nothing was written. `code` says why."""

    code = "write-failed"


class StaleFileError(EditError):
    """The file changed on disk since the caller read it."""

    code = "stale-file"


class BusyError(EditError):
    """Another write to the same file holds the lock."""

    code = "busy"


class NothingToUndo(EditError):
    """There is no change by the explorer that can be undone."""

    code = "nothing-to-undo"


class NothingToRedo(EditError):
    """There is no undone change that can be redone."""

    code = "nothing-to-redo"


class LayoutError(EditError):
    """The file is laid out in a way the editor cannot change without reformatting it."""

    code = "layout"


class InvalidChange(EditError):
    """The change would make the file invalid; `problems` are located in the proposed text."""

    code = "invalid-change"

    def __init__(self, problems: list[Problem], file: str = "") -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        errors = [p for p in self.problems if p.severity == "error"] or self.problems
        first = errors[0].format() if errors else "invalid data"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"the change was refused, nothing was written: {first}{more}",
                         file=file or (errors[0].file if errors else ""))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
