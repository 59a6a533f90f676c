"""Small helpers every page uses to show data safely.

Strings from the data file reach the screen only as text: through widgets and
dataframes (which render text), `st.code`, or Markdown with every punctuation
character escaped (`md`), so a name like `<img onerror=…>` or `**x**` shows
as typed. A URL becomes a link only when it is http(s); anything else is text.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import streamlit as st

from explorer.model import Dataset, Relation

__all__ = ["actor_name", "md", "relation_title", "safe_url", "show_url"]

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&\"'=^@%;,/?])")


def md(text: object) -> str:
    """`text` as inert Markdown: every ASCII punctuation mark backslash-escaped,
    line breaks kept, so nothing in it can become markup, a link or a directive."""
    escaped = _PUNCTUATION.sub(r"\\\1", str(text))
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def safe_url(url: str | None) -> str | None:
    """The URL, percent-encoded where needed, when it is a well-formed http(s)
    address; None for anything else (javascript:, data:, relative, malformed)."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url.strip()):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def show_url(url: str | None, label: str = "Open the source", key: str | None = None) -> None:
    """A link button for an http(s) URL; any other URL shown as plain text."""
    if not url:
        return
    target = safe_url(url)
    if target:
        st.link_button(label, target, icon=":material/open_in_new:", key=key)
    else:
        st.caption("Address (not a web link, shown as text):")
        st.code(url, language=None, wrap_lines=True)


def actor_name(dataset: Dataset, actor_id: str) -> str:
    """An actor's name, or its id when the data has no such actor."""
    return dataset.actor(actor_id).name if dataset.has_actor(actor_id) else actor_id


def relation_title(dataset: Dataset, relation: Relation) -> str:
    """`China → North Korea · economic support` (— for undirected types), plain text."""
    kind = dataset.relation_type(relation.type)
    arrow = "→" if kind.directed else "—"
    return (f"{actor_name(dataset, relation.source)} {arrow} "
            f"{actor_name(dataset, relation.target)} · {kind.label or relation.type}")
