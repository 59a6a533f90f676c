"""The published event-data formats, row by row: GDELT 2.0 events and POLECAT.

Each reader turns one line of a file into a `Coded` record (what was coded:
who, what, when, from which article) or a `Malformed` reason; it never stops
at a bad row. The column lists below are written from each dataset's own
documentation:

- GDELT 2.0 event files (`*.export.CSV`, one per 15 minutes, zipped): 61
  tab-separated columns, no header row, in the order of the GDELT 2.0 Event
  Codebook (data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf),
  the same order GDELT's own BigQuery table `gdelt-bq.gdeltv2.events` uses.
- POLECAT weekly and yearly files (`*.txt`, tab-separated, one header row), as
  published on POLECAT's Harvard Dataverse. The names are those of the files'
  header row, which the NGEC coder's formatter produces from its event records
  (github.com/ahalterman/NGEC, `NGEC/formatter.py`: id, date, event type and
  mode, contexts, actor and recipient with Wikipedia name and country, story
  metadata). Releases differ: some headers say `Intensity` for `Event
  Intensity`, some list `Headline`, `Event Text`, `Feed` and `Story ID` columns
  that the rows below them lack, some rows carry stray empty columns. Columns
  are therefore found by name, and those known variants are accepted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["FORMATS", "GDELT_COLUMNS", "POLECAT_COLUMNS", "Actor", "Coded", "EventFileError",
           "GdeltReader", "Malformed", "PolecatReader", "reader_for", "split"]

#: GDELT 2.0 Event Codebook, section "Event table": the 61 columns in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
    "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code",
    "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

#: POLECAT's header row in file order (40 columns; see the module docstring).
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)
#: Header names some POLECAT releases list although their rows lack the columns.
POLECAT_HEADER_ONLY = ("Headline", "Event Text", "Feed", "Story ID")
_POLECAT_ALIASES = {"intensity": "event intensity"}
_POLECAT_REQUIRED = ("Event ID", "Event Date", "Event Type", "Actor Country",
                     "Recipient Country")

(_ID, _DAY, _A1, _A1_COUNTRY, _A1_GROUP, _A2, _A2_COUNTRY, _A2_GROUP, _CODE, _GOLDSTEIN,
 _URL) = (GDELT_COLUMNS.index(name) for name in (
    "GlobalEventID", "Day", "Actor1Code", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor2Code", "Actor2CountryCode", "Actor2KnownGroupCode", "EventCode", "GoldsteinScale",
    "SOURCEURL"))
FORMATS = ("gdelt", "polecat")


class Actor(NamedTuple):
    """One end of a coded event, as the dataset codes it."""

    country: str  # CAMEO country code (GDELT) or ISO 3166-1 alpha-3 / IGO, NGO… (POLECAT)
    group: str    # CAMEO known-group code (GDELT) or Wikipedia name (POLECAT)
    code: str     # the full actor code as written (GDELT) or the name (POLECAT)


@dataclass(frozen=True, slots=True)
class Coded:
    """What one row codes: who did what to whom, when, and from which article."""

    event_id: str
    day: dt.date
    event: str               # CAMEO EventCode, or PLOVER event type
    modes: tuple[str, ...]   # PLOVER modes and contexts (empty for GDELT)
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    score: float | None      # GoldsteinScale (GDELT) or Event Intensity (POLECAT)
    article: str             # SOURCEURL (GDELT) or the story's id (POLECAT)


class EventFileError(Exception):
    """A whole file cannot be read as the format it was given as."""


@dataclass(frozen=True, slots=True)
class Malformed:
    """A row that cannot be read, and why (the importer adds file and line)."""

    reason: str


def _number(text: str, name: str) -> float | Malformed | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return Malformed(f"{name} {text[:20]!r} is not a number")


class GdeltReader:
    """GDELT 2.0 event rows: exactly 61 tab-separated fields, no header."""

    format = "gdelt"
    width = len(GDELT_COLUMNS)

    def header(self, fields: list[str]) -> tuple[bool, str | None]:
        """GDELT files have no header: the first line is a row like the others."""
        return False, None

    def read(self, fields: list[str]) -> Coded | Malformed:
        if len(fields) != self.width:
            if len(fields) == 57 or len(fields) == 58:
                return Malformed(f"{len(fields)} columns: a GDELT 1.0 row? GDELT 2.0 event "
                                 f"rows have {self.width}")
            return Malformed(f"{len(fields)} tab-separated columns; GDELT 2.0 event rows "
                             f"have {self.width}")
        event_id = fields[_ID]
        if not event_id.isdigit():
            if event_id.casefold() == "globaleventid":
                return Malformed("a repeated header row")
            return Malformed(f"GlobalEventID {event_id[:20]!r} is not a number")
        day = fields[_DAY]
        try:
            if len(day) != 8:
                raise ValueError(day)
            date = dt.date(int(day[:4]), int(day[4:6]), int(day[6:8]))
        except ValueError:
            return Malformed(f"Day {day[:20]!r} is not a date (YYYYMMDD)")
        code = fields[_CODE]
        if not code.isdigit() or not 2 <= len(code) <= 4:
            return Malformed(f"EventCode {code[:20]!r} is not a CAMEO code")
        score = _number(fields[_GOLDSTEIN], "GoldsteinScale")
        if isinstance(score, Malformed):
            return score
        first = Actor(fields[_A1_COUNTRY], fields[_A1_GROUP], fields[_A1])
        second = Actor(fields[_A2_COUNTRY], fields[_A2_GROUP], fields[_A2])
        return Coded(event_id, date, code, (),
                     (first,) if first.code or first.country else (),
                     (second,) if second.code or second.country else (),
                     score, fields[_URL])


def _names(text: str) -> list[str]:
    """A POLECAT multi-valued field (`A; B`) as a list; `None` and blanks dropped."""
    if ";" not in text:  # the usual case, kept cheap
        return [text] if text and text != "None" else []
    return [part.strip() for part in text.split(";")
            if part.strip() and part.strip() != "None"]


class PolecatReader:
    """POLECAT rows, read by the column names of the file's header row."""

    format = "polecat"
    #: the columns read, by (folded) header name
    WANTED = ("event id", "event date", "event type", "event mode", "event intensity",
              "contexts", "actor name", "actor country", "recipient name", "recipient country",
              "story id")

    def __init__(self) -> None:
        self.width = 0
        self.at: tuple[int, ...] = ()           # position of each WANTED column (-1: absent)
        self.short_width = -1                   # when the header lists absent columns
        self.short_at: tuple[int, ...] = ()

    def header(self, fields: list[str]) -> tuple[bool, str | None]:
        """Take the column positions from the first line when it is a header row:
        (whether it was one, a note). A file without one is read in the documented
        order; a header without the columns we need is an `EventFileError`."""
        folded = [_POLECAT_ALIASES.get(f.strip().casefold(), f.strip().casefold())
                  for f in fields]
        if "event id" not in folded:
            self.width, self.at = _positions([c.casefold() for c in POLECAT_COLUMNS],
                                             self.WANTED)
            return False, "no header row: columns read in POLECAT's documented order"
        self.width, self.at = _positions(folded, self.WANTED)
        missing = [c for c in _POLECAT_REQUIRED if self.at[self.WANTED.index(c.casefold())] < 0]
        if missing:
            raise EventFileError("its header row lacks the column(s) " + ", ".join(missing)
                                 + ": is this a POLECAT file?")
        extra = {c.casefold() for c in POLECAT_HEADER_ONLY} & set(folded)
        if extra:
            self.short_width, self.short_at = _positions(
                [n for n in folded if n not in extra], self.WANTED)
        return True, None

    def read(self, fields: list[str]) -> Coded | Malformed:
        n = len(fields)
        if n == self.width:
            at = self.at
        elif n == self.short_width:
            at = self.short_at
        elif n > self.width and not any(f.strip() for f in fields[self.width:]):
            at = self.at  # stray empty columns at the end
        else:
            return Malformed(f"{n} tab-separated columns; the header row has {self.width}")
        (event_id, when, kind, mode, intensity, contexts, actor_name, actor_country,
         recipient_name, recipient_country, story) = [
            fields[i].strip() if i >= 0 else "" for i in at]
        if not event_id:
            return Malformed("no Event ID")
        if event_id.casefold() == "event id":
            return Malformed("a repeated header row")
        try:
            day = dt.date.fromisoformat(when[:10])
        except ValueError:
            return Malformed(f"Event Date {when[:20]!r} is not a date (YYYY-MM-DD)")
        if not kind:
            return Malformed("no Event Type")
        score = _number(intensity, "Event Intensity")
        if isinstance(score, Malformed):
            return score
        modes = tuple(m.lower() for m in (*_names(mode), *_names(contexts))) \
            if mode or contexts else ()
        return Coded(event_id, day, kind.upper(), modes,
                     _actors(actor_country, actor_name),
                     _actors(recipient_country, recipient_name),
                     score, story or event_id.split("_", 1)[0])


def _positions(names: list[str], wanted: tuple[str, ...]) -> tuple[int, tuple[int, ...]]:
    index = {n: i for i, n in enumerate(names)}
    return len(names), tuple(index.get(w, -1) for w in wanted)


def _actors(countries: str, names: str) -> tuple[Actor, ...]:
    """The actors of one side: each country code with its name (POLECAT lists several
    actors as `A; B` in both fields)."""
    if ";" not in countries:  # one actor: the usual case, kept cheap
        if not countries or countries == "None":
            return ()
        return (Actor(countries.upper(), names if ";" not in names else "", names),)
    codes, labels = _names(countries), _names(names)
    if len(labels) != len(codes):
        labels = [labels[0] if len(labels) == 1 else ""] * len(codes)
    return tuple(Actor(c.upper(), n, n) for c, n in zip(codes, labels, strict=True))


def reader_for(format: str) -> GdeltReader | PolecatReader:
    """A fresh reader for one file of `format` (gdelt or polecat)."""
    if format == "gdelt":
        return GdeltReader()
    if format == "polecat":
        return PolecatReader()
    raise ValueError(f"unknown event format {format!r}: use one of {', '.join(FORMATS)}")


def split(line: str) -> list[str]:
    """A line's tab-separated fields (the line ending removed)."""
    return line.rstrip("\r\n").split("\t")
