"""An article on the Add article page: the extractor (built once), the extraction kept
in the session with the analyst's decisions, and the text with its marks.

The article is untrusted text. `to_html` builds the only HTML the page renders
from it: every piece of the article and every label is escaped with
`html.escape` (quotes included), the tags and styles are this module's own
constants, and there is no link, script or event attribute. Streamlit's
`st.html` sanitises it once more.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import streamlit as st
from spacy.language import Language
from spacy.tokens import Doc

from explorer.extract.mentions import ActorIndex, find_mentions
from explorer.extract.pipeline import Extraction, Extractor, load_model
from explorer.model import Dataset

__all__ = ["LEGEND", "Decision", "Extracted", "Mark", "extractor", "legend_html", "marks",
           "model", "to_html"]

MarkKind = Literal["actor", "proposed", "cue"]

_STYLE: dict[MarkKind, str] = {
    "actor": "background:#cfe3fb;color:#0b1f33;border-radius:3px;padding:0 2px",
    "proposed": "background:#fde7b0;color:#3a2500;border-radius:3px;padding:0 2px",
    "cue": "background:transparent;color:inherit;border-bottom:2px solid #1f9d55;"
           "font-weight:600",
}
#: What each mark means, in the order the legend shows them.
LEGEND: dict[MarkKind, str] = {"actor": "actor in the data", "proposed": "new actor (proposed)",
                               "cue": "cue word of a proposed relation"}


@st.cache_resource(show_spinner=False)
def model() -> Language:
    """spaCy's English pipeline, loaded once per server process."""
    return load_model()


@st.cache_resource(max_entries=2, show_spinner=False)
def extractor(digest: str, _dataset: Dataset) -> Extractor:
    """The extractor for one version of the data file (its actor index), built once."""
    return Extractor(_dataset, nlp=model())


@dataclass(frozen=True)
class Decision:
    """What the analyst did with one candidate; `after` is the digest of the file
    version the decision's write produced (None when nothing was written)."""

    kind: Literal["accepted", "rejected", "dismissed"]
    text: str
    after: str | None = None


@dataclass
class Extracted:
    """One extraction of an article, kept in the session so that clicks do not parse
    the text again, with the decisions taken on it."""

    run: int  # numbers the widgets of this extraction
    digest: str  # SHA-256 of the text extracted
    extraction: Extraction
    html: str
    decisions: dict[int, Decision] = field(default_factory=dict)
    # proposed actor id -> (actor id in the data, digest after the write that added it;
    # None when the analyst mapped it onto a known actor)
    actors: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    hints: tuple[object, dict[int, str]] | None = None  # (what they depend on, hints)

    def forget(self, undone: set[str]) -> None:
        """Drop the decisions and added actors whose writes were undone."""
        self.decisions = {i: d for i, d in self.decisions.items() if d.after not in undone}
        self.actors = {p: a for p, a in self.actors.items() if a[1] not in undone}


@dataclass(frozen=True)
class Mark:
    """Characters [start, end) of the article's text, and what they are."""

    start: int
    end: int
    kind: MarkKind
    label: str


def marks(doc: Doc, extraction: Extraction, index: ActorIndex) -> list[Mark]:
    """The actor mentions in a parsed article, and the cue words of each candidate
    (offsets in `doc.text`, which is the Document's text)."""
    mentions, _ = find_mentions(doc, index)
    proposed = extraction.proposed
    out: list[Mark] = []
    taken: set[int] = set()
    for m in mentions:
        span = doc[m.start:m.end]
        if m.actor in proposed:
            kind: MarkKind = "proposed"
            label = f"{proposed[m.actor].name}: new actor ({proposed[m.actor].kind})"
        else:
            kind = "actor"
            label = f"{index.names.get(m.actor, m.actor)} ({m.actor})"
        out.append(Mark(span.start_char, span.end_char, kind, label))
        taken.update(range(m.start, m.end))
    base = extraction.document.base
    labels = {t.id: t.label or t.id for t in index.dataset.types}
    for candidate in extraction.candidates:
        words = set(candidate.cue.lower().split())
        sentence = doc.char_span(candidate.start - base, candidate.end - base,
                                 alignment_mode="expand")
        if sentence is None or not words:
            continue
        for tok in sentence:
            if tok.i not in taken and tok.lemma_.lower() in words:
                taken.add(tok.i)
                out.append(Mark(tok.idx, tok.idx + len(tok.text), "cue",
                                f"cue: {labels.get(candidate.type, candidate.type)}"))
    return sorted(out, key=lambda m: (m.start, m.end))


def to_html(text: str, found: Iterable[Mark]) -> str:
    """The text with its marks, as HTML built from escaped pieces only (line breaks kept)."""
    out = ['<div style="white-space:pre-wrap;line-height:1.75">']
    position = 0
    for mark in sorted(found, key=lambda m: (m.start, m.end)):
        if mark.start < position or mark.end <= mark.start:
            continue  # overlaps one already drawn
        out.append(html.escape(text[position:mark.start]))
        out.append(f'<mark style="{_STYLE[mark.kind]}" title="{html.escape(mark.label)}">'
                   f"{html.escape(text[mark.start:mark.end])}</mark>")
        position = mark.end
    out.append(html.escape(text[position:]))
    out.append("</div>")
    return "".join(out)


def legend_html(kinds: Sequence[MarkKind] = ("actor", "proposed", "cue")) -> str:
    """A one-line key to the marks (constant text)."""
    items = " ".join(f'<mark style="{_STYLE[k]}">{html.escape(LEGEND[k])}</mark>'
                     for k in kinds)
    return f'<div style="font-size:0.85rem">{items}</div>'
