"""When a quoted sentence says its event happened, read against the article's date.

A news sentence dates its event either outright — "in March 2024", "on 19 June",
"in 2019" (the extractor keeps these as a `date` attribute) — or against the day
it was published: "on Thursday", "yesterday", "this week", "last month". Review
uses the window of days the event falls in to tell a new event from one the data
already holds, and the date to set `since` on a relation the analyst accepts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Dating", "date_event"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_WEEKDAYS = [name.lower() for name in calendar.day_name]
_RELATIVE = re.compile(
    r"\b(?:(?P<day>yesterday|today|tonight|this (?:morning|afternoon|evening))|"
    r"(?P<span>(?:this|last|past) (?:week|month|weekend)|(?:earlier|later) this (?:week|month))"
    r"|(?:on |last |this |next )?(?P<weekday>" + "|".join(_WEEKDAYS) + r"))\b", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|plans? to|next)\b", re.I)
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_DAY = re.compile(r"\b([0-3]?[0-9])(?:st|nd|rd|th)?\b")


@dataclass(frozen=True)
class Dating:
    """The days an event falls in (`first`…`last`, inclusive) and the value `since`
    takes when the analyst accepts it (a date, or `YYYY-MM` / a year when that is all
    the text says); `how` says what dated it."""

    first: dt.date
    last: dt.date
    since: dt.date | str | int
    how: str


def date_event(quote: str, published: dt.date | None, date_attribute: object = None
               ) -> Dating | None:
    """The dating of the event a quote reports, or None when the text does not date it.

    >>> day = dt.date(2024, 6, 20)  # a Thursday
    >>> date_event("Putin and Kim met on Wednesday.", day).first
    datetime.date(2024, 6, 14)
    >>> date_event("Putin and Kim met on Wednesday.", day).since
    datetime.date(2024, 6, 19)
    >>> date_event("The pact was signed in June 2024.", day, "June 2024").since
    '2024-06'
    >>> date_event("Kim visited Beijing in 2019.", day, 2019).last
    datetime.date(2019, 12, 31)
    >>> date_event("The two sides are allies.", day) is None
    True
    """
    explicit = _explicit(date_attribute, published)
    if explicit is not None:
        return explicit
    if published is None:
        return None
    found = _RELATIVE.search(quote)
    if found is None:
        return None
    future = bool(_FUTURE.search(quote))
    if found["day"]:
        word = found["day"].lower()
        day = published - dt.timedelta(days=1) if word == "yesterday" else published
        return Dating(day, day, published, found["day"])
    if found["weekday"]:
        if future:
            return Dating(published, published + dt.timedelta(days=7), published,
                          found.group(0))
        # the last such day on or before the article's: "on Thursday" in a Saturday paper
        back = (published.weekday() - _WEEKDAYS.index(found["weekday"].lower())) % 7
        return Dating(published - dt.timedelta(days=6), published,
                      published - dt.timedelta(days=back), found.group(0))
    span = found["span"].lower()
    if "month" in span:
        if span.startswith(("last", "past")):
            end = published.replace(day=1) - dt.timedelta(days=1)
            return Dating(end.replace(day=1), end, published, found["span"])
        return Dating(published.replace(day=1), published, published, found["span"])
    if span.startswith(("last", "past")):
        return Dating(published - dt.timedelta(days=13), published, published, found["span"])
    return Dating(published - dt.timedelta(days=6), published, published, found["span"])


def _explicit(value: object, published: dt.date | None) -> Dating | None:
    """A `date` attribute: a year (2019), or text naming a month, perhaps a day and a year."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        if 1000 <= value <= 9999:
            return Dating(dt.date(value, 1, 1), dt.date(value, 12, 31), value, str(value))
        return None
    text = str(value)
    month = next((n for name, n in _MONTHS.items()
                  if re.search(rf"\b{name}\b\.?", text, re.I)), None)
    years = _YEAR.findall(text)
    if month is None:
        if len(years) == 1:
            year = int(years[0])
            return Dating(dt.date(year, 1, 1), dt.date(year, 12, 31), year, text)
        return None
    if years:
        year = int(years[0])
    elif published is not None:
        year = published.year if month <= published.month else published.year - 1
    else:
        return None
    last_day = calendar.monthrange(year, month)[1]
    days = [int(d) for d in _DAY.findall(_YEAR.sub("", text)) if 1 <= int(d) <= last_day]
    if days:
        day = dt.date(year, month, days[0])
        return Dating(day, day, day, text)
    return Dating(dt.date(year, month, 1), dt.date(year, month, last_day),
                  f"{year:04d}-{month:02d}", text)
