"""Articles as the extractor reads them: text, where it sits in the file, and source metadata.

`.txt` and `.md` files are read as UTF-8 text with an optional YAML front-matter
block (`---` … `---`) for metadata; `.html` is reduced to the article's text by
trafilatura (boilerplate, menus and scripts dropped). Anything empty, binary,
undecodable or too large raises `DocumentError` naming the file and the fix.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from explorer import inputs
from explorer.parse import GuardRefused, parse_guarded
from explorer.problems import Refusal

__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "Document",
    "DocumentError",
    "SourceMeta",
    "collect",
    "credits",
    "from_bytes",
    "from_text",
    "pieces",
    "read",
    "slug",
    "unreadable",
]

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 5_000_000  # far above any news article; guards memory and parse time
#: Longest front-matter block read, in characters (metadata is a few lines).
MAX_FRONT_MATTER = 65_536
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
#: C0 controls but tab and line breaks: what the data file refuses in a text (model.PLAIN_TEXT).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]+")


class DocumentError(Refusal):
    """An article that cannot be read; the message names the file and what to do, `code`
    what is wrong (`article-empty`, `article-binary`… in `problems.REFUSALS`), and
    `fields["what"]` the message without the file's name."""

    code = "article-unreadable"

    def __init__(self, path: str, message: str, *, code: str | None = None) -> None:
        super().__init__(f"{path}: {message}", code=code, file=path, what=message)
        self.path = path


@dataclass(frozen=True)
class SourceMeta:
    """What the evidence will cite: the document's Source fields."""

    id: str = ""
    title: str = ""
    publisher: str = ""
    published: dt.date | None = None
    url: str = ""
    derived_from: str = ""

    def __post_init__(self) -> None:
        # a control character in a title (a copy-paste from a PDF or a terminal) is
        # invisible and the data file refuses it: the text around it is what was meant
        # (in a title a space stands in its place, in an address nothing)
        for name in ("title", "publisher", "url"):
            value = getattr(self, name)
            if _CONTROLS.search(value):
                object.__setattr__(self, name, _CONTROLS.sub("", value) if name == "url"
                                   else " ".join(_CONTROLS.sub(" ", value).split()))

    def merged(self, other: SourceMeta) -> SourceMeta:
        """Fields of `other` that are set win over this one's."""
        return replace(self, **{k: v for k, v in vars(other).items() if v})


@dataclass(frozen=True)
class Document:
    """An article's text to parse; evidence offsets are `base` + offsets in `text`."""

    path: str
    text: str
    meta: SourceMeta = field(default_factory=SourceMeta)
    base: int = 0


def pieces(document: Document, limit: int) -> list[Document]:
    """The document in pieces of at most `limit` characters, cut at a paragraph's end,
    else a line's, a sentence's or a word's (hard only in a word longer than half the
    limit); each piece's `base` keeps evidence offsets right in the whole text."""
    text = document.text
    if len(text) <= limit:
        return [document]
    out: list[Document] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            end = _cut(text, start + limit // 2, end)
        out.append(replace(document, text=text[start:end], base=document.base + start))
        start = end
    return out


_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"),
           re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a piece within text[low:high]: after the last break of the first
    kind found there (its white space stays with the piece); else at `high`."""
    window = text[low:high]
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(window)]
        if ends:
            return low + ends[-1]
    return high


#: A line that says who owns the article: a © mark, or ending "All rights reserved".
_OWNED = re.compile(r"©|^\(c\)\s*\d|all rights reserved\W*$", re.I)
#: A line anywhere in which says who helped write it.
_CONTRIBUTED = re.compile(r"\bcontributed\s+(?:reporting\s+)?to\s+this\s+"
                          r"(?:report|story|article)\b", re.I)
_MEDIA = r"(?:photos?|photographs?|pictures?|images?|video|graphics?)"
#: How a credit opens: "By", "Reporting by", "Editing by", "Photo:", "Credit:".
_CREDIT = re.compile(rf"(?:(?:additional\s+)?(?:reporting|writing|editing|edited|written|"
                     rf"compiled|reported|produced|translated|{_MEDIA})\s+)?by\s+"
                     rf"|copyright\s+|credits?\s*:\s*|(?P<media>{_MEDIA}\s*:\s*)", re.I)
#: What names a picture's maker after "Photo:": "Ivo Stan/Halden Wire", "via …", "courtesy".
_MAKER = re.compile(r"/|\bvia\b|\bcourtesy\b", re.I)
#: Words of a credit besides names: "By Jane Roe and Sam Poe, Middle East correspondent".
_CREDIT_WORDS = frozenset(["and", "&", "by", "in", "for", "of", "the", "at", "with", "from",
                           "via", "staff", "correspondent", "correspondents", "reporter",
                           "reporters", "writer", "writers", "editor", "editors", "bureau",
                           "chief", "senior", "news", "contributor", "desk", "file"])
#: A dateline's place and date, then the agency that filed the story, then a dash:
#: "TEHRAN, Iran, March 3 (AP) —", "(AFP) -".
_AGENCY = re.compile(r"(?m)^[ \t]*(?:[A-Z][A-Z.'’ -]*[A-Z.](?:,[^\n()]{1,40}?)?[ \t]*)?"
                     r"\([A-Za-z][\w.&'’ /-]{0,39}\)[ \t]*(?:—|–|-{1,2})")
_LINE_LENGTH = 200  # a credit line is short; a longer line is article text


def _credit(line: str) -> bool:
    """A credit's opening, then names (capitalised words, numbers, a credit's own words):
    "By Jane Roe, Reuters", "Reporting by Sam Poe; Editing by Ann Lee", "Photo: Ivo
    Stan/Reuters"; not "By Tuesday, the two sides had agreed", "Video: Iran Fires
    Missiles", "Copyright disputes led X to …"."""
    opening = _CREDIT.match(line)
    if opening is None:
        return False
    rest = line[opening.end():]
    if ":" in rest or (opening["media"] and not _MAKER.search(rest)):
        return False  # "By Land And Sea: X And Y …", "Video: X Meets Y In Z" are headlines
    words = re.findall(r"[^\s,;|/()]+", rest.rstrip("."))
    return 0 < len(words) <= 16 and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _CREDIT_WORDS for w in words)


def credits(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` that say who wrote, edited or owns the article, or which
    agency filed it — a byline, a credit or copyright line, a dateline's agency — and
    state nothing about its actors: the extractor finds no actor there."""
    spans: list[tuple[int, int]] = []
    start = 0
    title = True
    for line in text.splitlines(keepends=True):
        body = line.strip()
        inner = body.strip("()[]").strip()  # "(Reporting by …)"
        if inner and not title and len(body) <= _LINE_LENGTH and (
                _credit(inner) or _OWNED.search(body) or _CONTRIBUTED.search(body)):
            spans.append((start, start + len(line)))
        title = title and not body  # the first line that says something is the title
        start += len(line)
    spans += [(m.start(), m.end()) for m in _AGENCY.finditer(text)]
    return sorted(spans)


def slug(text: str, limit: int = 60) -> str:
    """A lower-case id made of letters, digits and hyphens (valid as an actor/source id)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return out or "x"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _meta_from_mapping(data: dict, fallback_id: str, path: str) -> SourceMeta:
    def text(*keys: str) -> str:
        for key in keys:
            value = data.get(key)
            if isinstance(value, (list, dict)):
                raise DocumentError(path, f"front matter: `{key}` is a "
                                    f"{'list' if isinstance(value, list) else 'mapping'}, "
                                    "not text; write it as one line of text",
                                    code="article-front-matter")
            if isinstance(value, int) and value.bit_length() > 64:
                raise DocumentError(path, f"front matter: `{key}` is a number of "
                                    f"{value.bit_length()} bits; write it as text in quotes",
                                    code="article-front-matter")
            if value not in (None, ""):
                return value.isoformat() if isinstance(value, dt.date) else str(value)
        return ""

    return SourceMeta(
        id=text("id", "source") or fallback_id,
        title=text("title"),
        publisher=text("publisher", "sitename", "site"),
        published=_date(text("published", "date")),
        url=text("url"),
    )


def _first_line_title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 200 else ""
    return ""


def from_text(text: str, path: str = "<text>", meta: SourceMeta | None = None) -> Document:
    """A Document from text the app or a caller already has (front matter honoured)."""
    if len(text) > MAX_BYTES:  # a pasted text never went through a file's limit
        raise DocumentError(path, f"has {len(text):,} characters, over the {MAX_BYTES:,} "
                            "limit for one article; split it or give only the article",
                            code="article-too-large")
    stem = Path(path).stem if path != "<text>" else "text"
    base = 0
    found = SourceMeta(id=slug(stem))
    match = _FRONT.match(text)
    if match:
        try:
            # a blank first line for the opening `---`: lines count in the article
            data = parse_guarded("\n" + match.group(1), limit=MAX_FRONT_MATTER)
        except GuardRefused as exc:
            where = f" at line {exc.line}" if exc.line else ""
            raise DocumentError(path, f"front matter refused{where}: {exc.problem.message}; fix or "
                                "remove the block between the --- lines",
                                code="article-front-matter") from None
        if isinstance(data, dict):
            found = _meta_from_mapping(data, slug(stem), path)
        base = match.end()
    body = text[base:]
    if not found.title:
        found = replace(found, title=_first_line_title(body))
    if not body.strip():
        raise DocumentError(path, "has no article text; give a file with the article in it",
                            code="article-empty")
    return Document(path=path, text=body, meta=found.merged(meta or SourceMeta()), base=base)


def _from_html(raw: str, path: str, meta: SourceMeta | None) -> Document:
    import trafilatura

    result = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True)
    text = (getattr(result, "text", None) or "") if result is not None else ""
    if not text.strip():
        raise DocumentError(path, "no article text found in the HTML; save the article "
                            "page itself, or paste its text into a .txt file",
                            code="article-no-text")
    found = SourceMeta(
        id=slug(Path(path).stem),
        title=getattr(result, "title", None) or "",
        publisher=getattr(result, "sitename", None) or "",
        published=_date(getattr(result, "date", None)),
        url=getattr(result, "url", None) or "",
    )
    return Document(path=path, text=text, meta=found.merged(meta or SourceMeta()))


def read(path: Path | str, meta: SourceMeta | None = None,
         max_bytes: int = MAX_BYTES, *, follow: bool = True) -> Document:
    """Read one article file; raise DocumentError for what cannot be an article.
    `follow=False` (a file found in a folder) refuses a symbolic link."""
    path = Path(path)
    name = str(path)
    if path.suffix.lower() not in SUFFIXES:
        raise DocumentError(name, f"unsupported file type {path.suffix or '(none)'!r}; "
                            "give a .txt, .md or .html file", code="article-unsupported")
    try:
        raw = inputs.read_bytes(path, max_bytes, follow=follow)
    except inputs.Unreadable as exc:
        raise unreadable(exc) from None
    return from_bytes(raw, name, meta, max_bytes)


def unreadable(exc: inputs.Unreadable) -> DocumentError:
    """The refusal for an input file that could not be read (`inputs.Unreadable`)."""
    code, hint = _UNREADABLE[exc.reason]
    return DocumentError(exc.file, f"{exc.what}; {hint}", code=code)


_UNREADABLE = {
    "missing": ("article-missing", "check the path"),
    "directory": ("article-not-a-file", "give a file, or the folder as a whole"),
    "not-regular": ("article-not-a-file", "save the article to a file and give that"),
    "link": ("article-link-skipped", "give the linked file itself"),
    "too-large": ("article-too-large", "split it or pass only the article"),
    "unreadable": ("article-unreadable", "check the file's permissions"),
}


def from_bytes(raw: bytes, path: str, meta: SourceMeta | None = None,
               max_bytes: int = MAX_BYTES) -> Document:
    """An article from a file's bytes already read (a corpus worker's input); `path`
    names it and its suffix says how to read it."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError(path, f"unsupported file type {suffix or '(none)'!r}; "
                            "give a .txt, .md or .html file", code="article-unsupported")
    if len(raw) > max_bytes:
        raise DocumentError(path, f"is {len(raw):,} bytes, over the {max_bytes:,}-byte limit "
                            "for one article; split it or pass only the article",
                            code="article-too-large")
    if not raw.strip():
        raise DocumentError(path, "is empty; give a file with the article in it",
                            code="article-empty")
    if b"\x00" in raw[:8192]:
        raise DocumentError(path, "looks binary (NUL bytes); give the article as text or HTML",
                            code="article-binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"is not UTF-8 (bad byte at offset {exc.start}); "
                            "save it as UTF-8", code="article-not-utf8") from None
    if suffix in (".html", ".htm"):
        return _from_html(text, path, meta)
    return from_text(text, path, meta)


def collect(paths: list[Path]) -> tuple[list[Path], list[DocumentError]]:
    """Expand directories into their article files (sorted), without following symbolic
    links; name what does not exist, and each link to a file or folder outside the
    folder scanned (skipped: it is never read)."""
    files: list[Path] = []
    errors: list[DocumentError] = []

    def skipped(link: Path) -> None:
        errors.append(DocumentError(str(link), "is a symbolic link out of the folder; "
                                    "skipped (give the linked file itself to read it)",
                                    code="article-link-skipped"))

    for path in paths:
        if path.is_dir():
            files.extend(inputs.regular_files(path, lambda p: p.suffix.lower() in SUFFIXES,
                                              skipped))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            errors.append(DocumentError(str(path), "no such file or directory",
                                        code="article-missing"))
    return files, errors
