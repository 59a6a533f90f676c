"""What the review pages share: who decides, each write and what became of it, undo and
redo, the count of what waits for review, and the form that edits a relation.

Writes run in button callbacks, against the Dataset the analyst was looking at
(passed in the button's `args`): if the file changed on disk since, the write
path refuses and the page says so, with a Reload button; it never writes over
that change. A refused write shows the validator's located problems or a short
message, never a traceback. A write's verified Dataset goes to the data cache
(`data.remember`), so the next run does not parse the file again.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import streamlit as st

from explorer import edit, review
from explorer.app import data
from explorer.app.data import Loaded
from explorer.app.ui import md
from explorer.model import MODALITIES, Dataset
from explorer.problems import DataFileError, Refusal

__all__ = ["FIELDS", "Feedback", "feedback", "figures", "form_values", "relation_form",
           "reviewer", "say", "sidebar", "write"]

log = logging.getLogger("explorer.app")
T = TypeVar("T")

_OUTCOME = "writing_outcome"  # what the last write did, for `feedback`
_REVIEWER = "reviewer"  # the sidebar's Reviewer field

#: The fields `relation_form` edits, in order.
FIELDS = ("source", "target", "type", "modality", "confidence", "summary", "since", "until",
          "attributes")


@dataclass(frozen=True)
class Feedback:
    """What became of a write, shown by `feedback(where)` at the place it was asked:
    `kind` done, stale (the file changed on disk), invalid (located problems) or
    refused; `code` the refusal's code (`problems.REFUSALS`)."""

    where: str
    kind: Literal["done", "stale", "invalid", "refused"]
    message: str
    problems: tuple[str, ...] = ()
    code: str = ""


# ------------------------------------------------------------------ who decides
def reviewer() -> str | None:
    """The name in the sidebar's Reviewer field (None: `review.current_reviewer` falls
    back to $EXPLORER_REVIEWER, then the operating-system user)."""
    return (st.session_state.get(_REVIEWER) or "").strip() or None


# ---------------------------------------------------------------------- writes
def say(where: str, kind: Literal["done", "stale", "invalid", "refused"], message: str,
        problems: tuple[str, ...] = (), code: str = "") -> None:
    st.session_state[_OUTCOME] = Feedback(where, kind, message, problems, code)


def write(where: str, action: Callable[[], T]) -> T | None:
    """Run one write (from a button's callback) and keep what happened for
    `feedback(where)`. Returns the write's result, or None if it was refused."""
    st.session_state.pop(_OUTCOME, None)
    try:
        result = action()
    except edit.InvalidChange as exc:
        say(where, "invalid", "Refused: the change would make the data file invalid. "
            "Nothing was written.", tuple(p.format() for p in exc.problems), exc.code)
    except DataFileError as exc:  # the file is gone or unreadable
        say(where, "invalid", "Refused: the data file cannot be read. Nothing was written.",
            tuple(p.format() for p in exc.problems))
    except Refusal as exc:
        say(where, "stale" if exc.code == "stale-file" else "refused",
            f"Refused: {exc.message} — {exc.hint}", code=exc.code)
    except Exception as exc:  # a short message here, the details in the server's log
        log.exception("a write from the app failed")
        say(where, "refused", f"The change could not be made ({type(exc).__name__}: {exc}). "
            "Nothing was written; the details are in the server's log.")
    else:
        change = getattr(result, "change", result)
        if isinstance(change, edit.Change):
            data.remember(change.dataset)
        return result
    return None


def _reload() -> None:
    st.session_state.pop(_OUTCOME, None)


def feedback(where: str) -> None:
    """Show what the last write asked from `where` did: done (once), or why it was
    refused (until the next write or a reload)."""
    outcome: Feedback | None = st.session_state.get(_OUTCOME)
    if outcome is None or outcome.where != where:
        return
    if outcome.kind == "done":
        st.success(md(outcome.message), icon=":material/check_circle:")
        st.session_state.pop(_OUTCOME)
        return
    if outcome.kind == "stale":
        st.error("**The data file changed on disk since this page read it** (saved in an "
                 "editor, or written from another window). Nothing was written, and that "
                 "change is kept. Reload to see the file as it is now, then decide again.",
                 icon=":material/sync_problem:")
        st.caption(md(outcome.message))
        st.button("Reload", key=f"reload-{where}", on_click=_reload, type="primary",
                  icon=":material/refresh:")
        return
    st.error(md(outcome.message), icon=":material/block:")
    if outcome.problems:
        st.code("\n".join(outcome.problems), language=None, wrap_lines=True)


# --------------------------------------------------------------------- sidebar
def _move(loaded: Loaded, step: str) -> None:
    """Undo or redo (a button's callback), against the version this page showed."""
    change = write("sidebar", lambda: (edit.undo if step == "undo" else edit.redo)(
        loaded.path, loaded.dataset.digest))
    if change is not None:
        say("sidebar", "done", f"{change.summary[:1].upper()}{change.summary[1:]}.")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sidebar(loaded: Loaded, queue_page: Any, *, expanded: bool = True) -> None:
    """On every page: what waits for review (a link to the queue), who decides, Undo and
    Redo of the explorer's writes to the file (each saying what it would do), and the
    recent changes."""
    dataset = loaded.dataset
    waiting = len(review.queue(dataset))
    box = st.sidebar.container(border=True)
    box.page_link(queue_page, label=f"{waiting} relation(s) wait for review",
                  icon=":material/rule:")
    found = edit.history(loaded.path, None if loaded.stale else dataset.digest)
    current = not loaded.stale and found.aligned
    back = found.undoable if current else None
    ahead = found.redoable if current else None
    with box.expander("Reviewer, undo and redo", expanded=expanded):
        st.text_input("Reviewer", key=_REVIEWER, placeholder=review.current_reviewer(),
                      help="Recorded as `reviewed_by` on every decision. Empty: "
                      "$EXPLORER_REVIEWER, else your user name (shown greyed).")
        # one under the other: side by side, the sidebar at 1280 px cuts the labels
        st.button("Undo", key="undo", disabled=back is None, on_click=_move,
                  args=(loaded, "undo"), icon=":material/undo:", width="stretch",
                  help=md(f"Undo: {back.summary}") if back else "Nothing to undo.")
        st.button("Redo", key="redo", disabled=ahead is None, on_click=_move,
                  args=(loaded, "redo"), icon=":material/redo:", width="stretch",
                  help=md(f"Redo: {ahead.summary}") if ahead else "Nothing to redo.")
        if back is not None:
            st.caption(md(f"Undo: {_short(back.summary)}"))
        if ahead is not None:
            st.caption(md(f"Redo: {_short(ahead.summary)}"))
        if found.entries and not current:
            st.caption("The data file changed since the explorer's last write (an edit "
                       "in an editor): undo and redo would lose it, so they are off.")
        if found.entries:
            st.markdown("**Recent changes** (newest first)")
            lines = []
            for n, entry in reversed(list(enumerate(found.entries, 1))):
                undone = n > found.position
                lines.append(("~~" if undone else "") + md(_short(entry.summary, 80))
                             + ("~~ (undone)" if undone else "")
                             + f" — {md(entry.by or '?')}, {md(entry.at[:16].replace('T', ' '))}")
            st.caption("  \n".join(lines))
    with box:
        feedback("sidebar")


# ----------------------------------------------------------------- edit form
def _actor_label(dataset: Dataset) -> Callable[[str], str]:
    def label(actor_id: str) -> str:
        return f"{dataset.actor(actor_id).name} ({actor_id})"

    return label


def relation_form(key: str, dataset: Dataset, *, source: str | None, target: str | None,
                  type: str, modality: str, confidence: float, summary: str = "",
                  since: Any = None, until: Any = None,
                  attributes: Mapping[str, Any] | None = None) -> None:
    """Widgets for a relation's ends, type, modality, confidence, summary, dates and
    figures, filled with the values given; read them with `form_values(key)`."""
    actors = sorted((a.id for a in dataset.actors), key=lambda i: dataset.actor(i).name)
    types = [t.id for t in dataset.types]
    if type not in types:
        types.append(type)
    label = _actor_label(dataset)
    left, right = st.columns(2)
    for column, end, value in ((left, "source", source), (right, "target", target)):
        column.selectbox("From (source)" if end == "source" else "To (target)", actors,
                         index=actors.index(value) if value in actors else None,
                         format_func=label, key=f"{key}_{end}",
                         placeholder="choose an actor")
    left.selectbox("Type", types, index=types.index(type), key=f"{key}_type",
                   format_func=lambda t: f"{dataset.relation_type(t).label or t} ({t})"
                   if any(x.id == t for x in dataset.types) else t)
    right.selectbox("Modality", MODALITIES, index=MODALITIES.index(modality),
                    key=f"{key}_modality")
    left.number_input("Confidence", min_value=0.0, max_value=1.0, step=0.05,
                      value=float(confidence), key=f"{key}_confidence", format="%.2f")
    right.text_input("Summary", value=summary or "", key=f"{key}_summary",
                     placeholder="one line, in your words")
    left.text_input("In force since", value=_iso(since), key=f"{key}_since",
                    placeholder="YYYY-MM-DD, YYYY-MM or YYYY")
    right.text_input("In force until", value=_iso(until), key=f"{key}_until",
                     placeholder="YYYY-MM-DD, YYYY-MM or YYYY")
    st.text_input("Figures", value="; ".join(f"{k}={v}" for k, v in (attributes or {}).items()),
                  key=f"{key}_attributes", placeholder="commodity=oil; share=0.25-0.5",
                  help="NAME=VALUE pairs separated by ';' (share as 0.8, >=0.8 or 0.25-0.5)")


def form_values(key: str) -> dict[str, Any]:
    """The values of a `relation_form` (read in a callback: the latest the analyst set);
    an empty text field is None."""
    values = {field: st.session_state.get(f"{key}_{field}") for field in FIELDS}
    for field in ("summary", "since", "until"):
        values[field] = (values[field] or "").strip() or None
    values["attributes"] = (values["attributes"] or "").strip() or None  # see `figures`
    return values


def figures(text: str) -> dict[str, Any]:
    """`commodity=oil; share=0.8` as attributes; a finite number stays a number; a part
    that is not NAME=VALUE is refused (`bad-figures`), never dropped.

    >>> figures("commodity=crude exports; share=0.9; count=3; note=nan")
    {'commodity': 'crude exports', 'share': 0.9, 'count': 3, 'note': 'nan'}
    """
    out: dict[str, Any] = {}
    for part in filter(str.strip, text.split(";")):
        name, equals, value = (x.strip() for x in part.partition("="))
        if not (name and equals and value):
            raise Refusal(f"Figures: `{part.strip()}` is not NAME=VALUE", code="bad-figures",
                          field="attributes", value=part.strip())
        out[name] = value
        for kind in (int, float):
            try:
                number = kind(value)
            except ValueError:
                continue
            if math.isfinite(number):
                out[name] = number
            break
    return out


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")
