"""An article on the Add article page: the extractor (built once per version of the data),
the extraction kept in the session, where its sentences were filed, and the text with
its marks.

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

from explorer.extract.pipeline import Extraction, Extractor, load_model
from explorer.model import Dataset
from explorer.review.plan import Outcome

__all__ = ["LEGEND", "Extracted", "Mark", "extractor", "holders", "legend_html", "marks",
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


def extractor(dataset: Dataset) -> Extractor:
    """The extractor for one version of the data file (its actor index), built once and
    kept with that Dataset."""
    return dataset.derived("extractor", lambda data: Extractor(data, nlp=model()))


def holders(dataset: Dataset) -> dict[tuple[str, str], tuple[str, ...]]:
    """(source id, quote) → the ids of the relations that hold that quote, kept with the
    Dataset: how a page finds where an article's sentences were filed."""

    def index(data: Dataset) -> dict[tuple[str, str], tuple[str, ...]]:
        found: dict[tuple[str, str], list[str]] = {}
        for r in data.relations:
            for e in r.evidence:
                found.setdefault((e.source, e.quote), []).append(r.id)
        return {k: tuple(v) for k, v in found.items()}

    return dataset.derived("quote-holders", index)


@dataclass
class Extracted:
    """One extraction of an article, kept in the session so that clicks do not parse the
    text again. Its proposals live in the data file (filed for review at once); this
    keeps what was not filed and why (`outcomes`, by candidate) and the analyst's
    mapping of proposed actors onto known ones."""

    run: int  # numbers the widgets of this extraction
    digest: str  # SHA-256 of the text extracted
    extraction: Extraction
    html: str
    source_id: str  # the id the evidence cites
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    mapped: dict[str, str] = field(default_factory=dict)  # proposed actor id -> known actor
    added: set[str] = field(default_factory=set)  # proposed actors added to the data file


@dataclass(frozen=True)
class Mark:
    """Characters [start, end) of the article's text, and what they are."""

    start: int
    end: int
    kind: MarkKind
    label: str


def marks(doc: Doc, extraction: Extraction, extractor: Extractor) -> list[Mark]:
    """The actor mentions in a parsed article, and the cue words of each candidate
    (offsets in `doc.text`, which is the Document's text)."""
    proposed = extraction.proposed
    out: list[Mark] = []
    taken: set[int] = set()
    for m in extractor.mentions(doc):
        span = doc[m.start:m.end]
        if m.actor in proposed:
            kind: MarkKind = "proposed"
            label = f"{proposed[m.actor].name}: new actor ({proposed[m.actor].kind})"
        else:
            kind = "actor"
            label = f"{extractor.actor_name(m.actor)} ({m.actor})"
        out.append(Mark(span.start_char, span.end_char, kind, label))
        taken.update(range(m.start, m.end))
    base = extraction.document.base
    labels = {t.id: t.label or t.id for t in extractor.dataset.types}
    for candidate, quote in ((c, q) for c in extraction.candidates for q in c.quotes):
        words = set(candidate.cue.lower().split())
        sentence = doc.char_span(quote.start - base, quote.end - base,
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
