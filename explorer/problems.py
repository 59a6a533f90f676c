"""Problems as data: stable codes, each with a title and a fix.

Two catalogues. `CATALOGUE` holds what can be wrong with a data file: validation
collects every such `Problem` (located by file, line, column and path) instead
of stopping at the first. `REFUSALS` holds why the explorer declines to do
something asked of it — a write, a review decision, a filter, an article — each
raised as a `Refusal` that carries its code and the fields it is about, so that
the edges (CLI, app) show it, and tests check it, without parsing a message.
Every code is documented, data problems in docs/data.md and refusals in
docs/refusals.md (a test keeps them in step).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

__all__ = ["CATALOGUE", "REFUSALS", "DataFileError", "OptionError", "Problem", "Refusal",
           "Severity"]

Severity = Literal["error", "warning"]

#: code -> (title, what to do about it)
CATALOGUE: dict[str, tuple[str, str]] = {
    # the file itself
    "file-missing": ("file not found", "check the path, or pass --data PATH / set EXPLORER_DATA"),
    "file-is-directory": ("path is a directory", "give the path of the YAML file itself"),
    "file-unreadable": ("file cannot be read", "check the file's permissions"),
    "file-too-large": (
        "file is over the size limit",
        "split the data, or raise the limit with EXPLORER_MAX_FILE_MB",
    ),
    "file-empty": ("file is empty", "start it with `version: 1` and the sections actors, "
                   "sources, relations (see docs/data.md)"),
    "not-utf8": ("file is not UTF-8 text", "re-save the file as UTF-8 in your editor"),
    "bad-setting": ("setting is not usable", "set EXPLORER_MAX_FILE_MB to a number of "
                    "megabytes greater than 0 (the default is 128), or unset it"),
    # YAML syntax and safety
    "yaml-syntax": ("YAML syntax error", "fix the YAML at this place (indentation, a missing "
                    "colon or quote, an unclosed bracket)"),
    "yaml-tab": ("tab character in indentation", "indent with spaces; YAML does not allow tabs"),
    "yaml-tag": ("YAML tag not allowed", "remove the tag (`!...`): the data file holds plain "
                 "values only, and tags that construct objects are never executed"),
    "yaml-alias-limit": ("too many alias expansions", "remove the anchors (&) and aliases (*): "
                         "this document expands to an unbounded size (an alias bomb)"),
    "yaml-nesting-limit": ("collections nested too deep", "flatten the data: an entry nests "
                           "a few levels at most (section, entry, evidence item)"),
    "multiple-documents": ("more than one YAML document", "keep one document per file "
                           "(remove the `---` separators)"),
    "duplicate-key": ("duplicate key in a mapping", "keep one of the two keys: the second "
                      "would silently overwrite the first"),
    # shape and values
    "top-level-shape": ("wrong top-level shape", "the file is a mapping with `version: 1`, "
                        "`actors`, `sources`, `relations` (and optional `relation_types`)"),
    "unsupported-version": ("unsupported format version", "set `version: 1`"),
    "unknown-field": ("unknown field", "check the spelling against the format in docs/data.md; "
                      "free text goes under `notes`, a relation's figures under `attributes`"),
    "missing-field": ("required field missing", "add the field"),
    "wrong-type": ("value of the wrong type", "give a value of the type the field expects"),
    "bad-value": ("value not allowed", "use one of the allowed values"),
    "bad-id": ("malformed id", "use letters, digits, `.`, `_` and `-` only, starting with a "
               "letter or digit (e.g. `PRK`, `kim-jong-un`)"),
    "number-too-large": ("number too long", "correct the number, or write it as text in "
                         "quotes"),
    "control-character": ("control character in text", "remove the character: it is "
                          "invisible in an editor, and XML exports (GEXF, GraphML) cannot "
                          "hold it"),
    "bad-date": ("malformed date", "write dates as YYYY-MM-DD (or YYYY-MM, or a year)"),
    "date-order": ("`until` before `since`", "swap the dates or correct one of them"),
    "confidence-range": ("confidence outside 0–1", "use a number from 0 (no confidence) "
                         "to 1 (certain)"),
    "bad-reliability": ("reliability not in A–F", "grade the source on the Admiralty scale: "
                        "A completely reliable … E unreliable, F cannot be judged"),
    "bad-credibility": ("credibility not in 1–6", "grade the information 1 (confirmed) … "
                        "5 (improbable), 6 (cannot be judged)"),
    "missing-quote": ("evidence without a quote", "quote one sentence of the source verbatim "
                      "under `quote:`"),
    "no-evidence": ("relation without evidence", "add an evidence item (source and quote), or "
                    "state the analyst's reasoning under `judgement:`"),
    # references and structure
    "unknown-actor": ("unknown actor", "add the actor under `actors:` or correct the id"),
    "unknown-source": ("unknown source", "add the source under `sources:` or correct the id"),
    "unknown-relation": ("unknown relation", "correct the id, or remove `same_as` / "
                         "`possibly_same_as`"),
    "unknown-type": ("unknown relation type", "use a default type (see docs/data.md) or define "
                     "it under `relation_types:`"),
    "bad-represents": ("`represents` must name a state, organisation or body",
                       "point `represents` at the actor this person acts for"),
    "represents-cycle": ("`represents` cycle", "an actor cannot represent itself through "
                         "others: point one `represents` of the cycle at a state, "
                         "organisation or body that represents nobody in turn"),
    "duplicate-id": ("duplicate id", "give each entry its own id"),
    "self-relation": ("relation from an actor to itself", "correct `source` or `target`"),
    "derived-from-cycle": ("`derived_from` cycle", "a source cannot derive from itself, "
                           "directly or through others: break the cycle"),
    "type-redefined": ("default relation type redefined", "the default vocabulary is a "
                       "contract: choose a new id for your own type"),
    # warnings (do not fail validation)
    "shared-alias": ("alias shared by two actors", "make the alias specific to one actor: "
                     "extraction cannot tell them apart"),
    "unsafe-url": ("URL is not http(s)", "use an http:// or https:// address; other schemes "
                   "are shown as text, never as links"),
    "id-convention": ("id does not follow the convention", "states use ISO 3166-1 alpha-3 "
                      "(CHN), bodies short upper-case ids (UN), persons and organisations "
                      "lower-case slugs (xi-jinping)"),
}

WARNING_CODES = frozenset({"shared-alias", "unsafe-url", "id-convention"})


@dataclass(frozen=True)
class Problem:
    """One located problem: where it is, what is wrong, and what to do."""

    code: str
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    file: str = ""

    @property
    def severity(self) -> Severity:
        return "warning" if self.code in WARNING_CODES else "error"

    @property
    def hint(self) -> str:
        return CATALOGUE[self.code][1]

    @property
    def title(self) -> str:
        return CATALOGUE[self.code][0]

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.path, self.code, self.message)

    def located(self, file: str, line: int | None, column: int | None) -> Problem:
        return replace(self, file=file, line=line, column=column)

    def format(self) -> str:
        """`PATH:LINE:COLUMN: error[code]: where: message — hint`."""
        place = self.file or "<data>"
        if self.line is not None:
            place += f":{self.line}:{self.column or 1}"
        where = f"{self.path}: " if self.path else ""
        return f"{place}: {self.severity}[{self.code}]: {where}{self.message} — {self.hint}"

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "path": self.path,
                "line": self.line, "column": self.column, "file": self.file,
                "severity": self.severity, "hint": self.hint}


class DataFileError(Exception):
    """The data file could not be turned into a Dataset; `problems` says why and where."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        errors = [p for p in self.problems if p.severity == "error"]
        first = (errors or self.problems)[0].format() if self.problems else "invalid data"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


#: code -> (title, what to do) for everything the explorer refuses to do as asked. A
#: refused write leaves every file as it was.
REFUSALS: dict[str, tuple[str, str]] = {
    # writing the data file
    "stale-file": ("the file changed on disk since it was read", "reload the file and make "
                   "the change again; the other change is kept"),
    "busy": ("another write to the file is going on", "try again in a moment"),
    "unsafe-lock": ("the lock file beside the data file is not a plain file", "remove "
                    "`.NAME.lock` (a symbolic link or folder someone put there) and try again"),
    "unsafe-history": ("the history folder beside the data file is not a plain folder",
                       "remove `.NAME.history` (a symbolic link or file someone put there)"),
    "read-only-file": ("the data file is read-only", "make it writable (`chmod u+w FILE`) if "
                       "the explorer may change it"),
    "read-only-filesystem": ("the file system is mounted read-only", "copy the data file to "
                             "a writable place, or remount the file system read-write"),
    "disk-full": ("no space left on the device (or the quota is used up)", "free some space "
                  "and make the change again"),
    "file-size-limit": ("the new version is over this process's file-size limit",
                        "raise the limit (`ulimit -f`) and make the change again"),
    "permission-denied": ("the operating system refused the write", "check the permissions "
                          "of the file and its folder, and whether the file is immutable "
                          "(`lsattr FILE`; `chattr -i FILE` clears it)"),
    "write-failed": ("the write failed", "check the disk and make the change again"),
    "not-from-a-file": ("the data was not read from a file", "load the data with `store.load` "
                        "to write it back"),
    "layout": ("the file is laid out in a way the editor cannot change in place",
               "write the section as a block list (`- ` items), or edit the entry by hand"),
    "unverified": ("the edit did not produce the intended data", "make the change by hand; "
                   "the explorer wrote nothing"),
    "invalid-change": ("the change would make the file invalid", "correct the value the "
                       "located problems name"),
    "nothing-to-undo": ("there is no change by the explorer to undo", "only the explorer's "
                        "own writes can be undone (`explorer history` lists them)"),
    "nothing-to-redo": ("there is no undone change to redo", "redo follows an undo; a new "
                        "change clears what could be redone"),
    "history-damaged": ("the kept version does not match its record", "the history beside "
                        "the file was changed by hand: restore the file from git instead"),
    # review decisions
    "no-such-relation": ("no relation has this id", "check the id (`explorer review list`)"),
    "not-editable": ("this field cannot be changed in review", "change it in the file "
                     "with an editor"),
    "already-curated": ("the relation is already curated", "edit it instead "
                        "(`explorer review` changes only extracted relations' status)"),
    "not-extracted": ("only relations waiting for review can be rejected", "edit a curated "
                      "relation in the file"),
    "nothing-to-merge": ("the relation names no relation to merge into", "give the relation "
                         "to merge into (`--into ID`)"),
    "id-taken": ("the id is already taken", "choose another id"),
    "bad-source": ("the article's source details are not valid", "correct the field named "
                   "(an id, a date as YYYY-MM-DD, an http(s) address)"),
    "untitled-source": ("the article has no title", "give it a title: the source id is made "
                        "from the publisher, the date and the title"),
    "actor-id-taken": ("the proposed actor's id already names another actor", "map it onto "
                       "that actor, or give it another id"),
    "bad-actor": ("the actor's details are not valid", "give an id, a name and a kind"),
    "bad-figures": ("the figures are not NAME=VALUE pairs", "write them as commodity=oil; "
                    "share=0.8 (pairs separated by ';')"),
    # views, options and articles
    "bad-filter": ("a filter's value is not valid", "correct the value of the filter named "
                   "(`explorer stats --help` lists them)"),
    "not-in-data": ("a filter names something the data does not have", "choose a type, "
                    "source or actor the data file holds"),
    "bad-option": ("an option's value is not valid", "use one of the values the message "
                   "lists"),
    "article-missing": ("no such file or folder", "check the path"),
    "article-unsupported": ("not an article file", "give a .txt, .md or .html file"),
    "article-unreadable": ("the article cannot be read", "check the file's permissions"),
    "article-not-a-file": ("the path is not a regular file (a folder, FIFO, device or "
                           "socket)", "save the article to a file and give that"),
    "article-link-skipped": ("a symbolic link in a folder read was skipped, not followed",
                             "give the linked file itself to read it"),
    "article-too-large": ("the article is over the size limit", "split it, or pass only "
                          "the article"),
    "article-empty": ("the article is empty", "give a file with the article in it"),
    "article-binary": ("the article looks binary", "give the article as text or HTML"),
    "article-not-utf8": ("the article is not UTF-8 text", "save it as UTF-8"),
    "article-front-matter": ("the article's front matter cannot be read (not valid YAML, too "
                             "long, or aliases that expand too far)", "fix or remove the "
                             "block between the --- lines"),
    "article-no-text": ("no article text found", "save the article page itself, or paste "
                        "its text"),
    "article-too-long": ("the article is longer than the parser takes", "give one article "
                         "at a time"),
    "article-extraction-failed": ("the extractor failed on this article", "run `explorer "
                                  "extract` on it alone with --debug, and report what it shows"),
    "manifest-row": ("a record of a corpus manifest cannot be used", "give each record "
                     "`path` or `text` (one JSON object a line, or a CSV row under the header)"),
}


class Refusal(Exception):
    """The explorer declined to do what was asked, and changed nothing.

    `code` is a key of REFUSALS (a subclass sets its own default); `fields` name
    what the refusal is about (`file`, `relation`, `field`, `value`…), for the
    edges to show and for tests to check, so nobody parses the message.
    """

    code: str = "write-failed"

    def __init__(self, message: str, *, code: str | None = None, **fields: Any) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        if self.code not in REFUSALS:
            raise KeyError(f"unknown refusal code {self.code!r}")
        self.fields: dict[str, Any] = fields

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    @property
    def title(self) -> str:
        return REFUSALS[self.code][0]

    @property
    def hint(self) -> str:
        return REFUSALS[self.code][1]

    def format(self) -> str:
        """`refused[code]: message — hint`, the CLI's one line."""
        return f"refused[{self.code}]: {self.message} — {self.hint}"

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "message": self.message,
                "hint": self.hint, **{k: _plain(v) for k, v in self.fields.items()}}


class OptionError(Refusal, ValueError):
    """An option's value a function cannot take (`bad-option`): `fields` has `option`
    (its name, as the CLI spells it without dashes), `what` and `value`."""

    code = "bad-option"

    def __init__(self, option: str, what: str, *, value: Any = None,
                 code: str | None = None) -> None:
        super().__init__(f"{option}: {what}", code=code, option=option, what=what,
                         value=value)


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)
