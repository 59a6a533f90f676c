"""Data problems: a catalogue of stable codes, each with a fix, and located reports.

Validation collects every problem into a list instead of stopping at the first;
the edges (CLI, app) decide how to show them. Every code here is documented in
docs/data.md (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

__all__ = ["CATALOGUE", "DataFileError", "Problem", "Severity"]

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
    # YAML syntax and safety
    "yaml-syntax": ("YAML syntax error", "fix the YAML at this place (indentation, a missing "
                    "colon or quote, an unclosed bracket)"),
    "yaml-tab": ("tab character in indentation", "indent with spaces; YAML does not allow tabs"),
    "yaml-tag": ("YAML tag not allowed", "remove the tag (`!...`): the data file holds plain "
                 "values only, and tags that construct objects are never executed"),
    "yaml-alias-limit": ("too many alias expansions", "remove the anchors (&) and aliases (*): "
                         "this document expands to an unbounded size (an alias bomb)"),
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
    "unknown-type": ("unknown relation type", "use a default type (see docs/data.md) or define "
                     "it under `relation_types:`"),
    "bad-represents": ("`represents` must name a state, organisation or body",
                       "point `represents` at the actor this person acts for"),
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
        return {**asdict(self), "severity": self.severity, "hint": self.hint}


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
