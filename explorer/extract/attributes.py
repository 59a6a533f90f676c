"""Numbers and dates in a sentence, attached to the relation they qualify.

"at least 80 percent" → `share: ">=0.8"`, "a quarter to half" → `share: "0.25-0.5"`,
"$2 billion" → `amount: 2000000000, currency: USD`, "three times" / "twice" →
`count`, a year or a date → `date`. Each quantity goes to the cue nearest to it
in the dependency tree, so two clauses with two figures keep them apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

__all__ = ["nearest", "quantities", "share_in_words"]

Scalar = str | int | float | bool

_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1,
              "two-thirds": 2 / 3, "two thirds": 2 / 3, "three-quarters": 0.75,
              "three quarters": 0.75}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
            "once": 1, "twice": 2, "thrice": 3}
_AT_LEAST = ("at least", "more than", "over", "above", "upwards of", "no less than")
_AT_MOST = ("at most", "up to", "less than", "under", "nearly", "almost", "below",
            "no more than")
# the qualifier and its space are optional together: a bare `\s*` here would rescan a long
# run of white space from each of its positions (quadratic time)
_QUAL = r"(?:(?P<q>at least|more than|over|above|upwards of|no less than|at most|up to|" \
        r"less than|under|nearly|almost|below|no more than|about|around|roughly|some|" \
        r"approximately)\s*)?"
_FRAC = r"(?:two[- ]thirds|three[- ]quarters|half|third|quarter|fifth|tenth)"
PERCENT = re.compile(_QUAL + r"(?P<n>\d+(?:\.\d+)?)\s*(?:percent|per cent|%)", re.I)
FRACTION_RANGE = re.compile(
    _QUAL + r"(?:a |one )?(?P<a>" + _FRAC + r")\s*(?:to|and|-|–)\s*(?:a |one )?(?P<b>"
    + _FRAC + r")", re.I)
FRACTION = re.compile(_QUAL + r"(?:a |one )?(?P<a>" + _FRAC + r")s? of\b", re.I)
MONEY = re.compile(
    r"(?:(?P<cur>US\$|\$|€|£|¥)\s?(?P<n>\d+(?:[.,]\d+)?)\s*(?P<m>million|billion|trillion|"
    r"bn|m)?\b)|(?:(?P<n2>\d+(?:[.,]\d+)?)\s*(?P<m2>million|billion|trillion)?\s+(?P<cur2>"
    r"dollars|euros|yuan|roubles|rubles|won|yen|pounds))", re.I)
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|" \
    r"December"
_ANY = re.compile(r"\d|\b(?:once|twice|thrice|times|occasions|half|third|quarter|fifth|tenth)\b|"
                  + _MONTHS, re.I)
_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CURRENCY = {"$": "USD", "us$": "USD", "dollars": "USD", "€": "EUR", "euros": "EUR",
             "£": "GBP", "pounds": "GBP", "¥": "JPY", "yen": "JPY", "yuan": "CNY",
             "roubles": "RUB", "rubles": "RUB", "won": "KRW"}


def _bound(q: str | None) -> str:
    q = (q or "").lower()
    if q in _AT_LEAST:
        return ">="
    if q in _AT_MOST:
        return "<="
    return ""


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def share_in_words(text: str) -> Scalar | None:
    """The share a phrase states, written in the data file's notation (a fraction, a
    bound or a range) — the notation `analysis.dyads.parse_share` reads back as bounds.

    >>> share_in_words("at least 80 percent"), share_in_words("a quarter to half")
    ('>=0.8', '0.25-0.5')
    """
    m = FRACTION_RANGE.search(text)
    if m:
        a = _FRACTIONS[m["a"].lower().replace(" ", "-")] if " " in m["a"] else \
            _FRACTIONS[m["a"].lower()]
        b = _FRACTIONS.get(m["b"].lower(), _FRACTIONS.get(m["b"].lower().replace("-", " ")))
        return f"{_num(a)}-{_num(b)}"
    m = PERCENT.search(text)
    if m:
        value = float(m["n"]) / 100
        bound = _bound(m["q"])
        return f"{bound}{_num(value)}" if bound else round(value, 4)
    m = FRACTION.search(text)
    if m:
        key = m["a"].lower()
        value = _FRACTIONS.get(key, _FRACTIONS.get(key.replace("-", " "), 0.0))
        bound = _bound(m["q"])
        return f"{bound}{_num(value)}" if bound else round(value, 4)
    return None


def _token_at(sent: Span, start: int, end: int) -> Token | None:
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def quantities(sent: Span) -> list[tuple[Token, dict[str, Scalar]]]:
    """Every share, amount, count and date in a sentence, with the token it hangs on."""
    found: list[tuple[Token, dict[str, Scalar]]] = []
    text, base = sent.text, sent.start_char
    if not _ANY.search(text):  # most sentences hold no figure: skip them cheaply
        return found
    taken: list[tuple[int, int]] = []
    for pattern in (FRACTION_RANGE, PERCENT, FRACTION):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            share = share_in_words(m.group(0))
            tok = _token_at(sent, base + m.start(), base + m.end())
            if share is not None and tok is not None:
                taken.append((m.start(), m.end()))
                found.append((tok, {"share": share}))
    for m in MONEY.finditer(text):
        n = float((m["n"] or m["n2"]).replace(",", ""))
        scale = _SCALE.get((m["m"] or m["m2"] or "").lower(), 1)
        currency = _CURRENCY.get((m["cur"] or m["cur2"] or "").lower(), "")
        tok = _token_at(sent, base + m.start(), base + m.end())
        if tok is not None:
            found.append((tok, {"amount": int(n * scale) if n * scale >= 1 else n * scale,
                                **({"currency": currency} if currency else {})}))
    for tok in sent:
        lower = tok.lower_
        if lower in ("once", "twice", "thrice") and tok.dep_ == "advmod":
            found.append((tok, {"count": _NUMBERS[lower]}))
        elif lower in ("times", "occasions") and tok.dep_ in ("npadvmod", "pobj", "dobj"):
            for c in tok.children:
                if c.dep_ == "nummod":
                    n = _NUMBERS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                    if n:
                        found.append((tok, {"count": n}))
    for ent in sent.ents:
        if ent.label_ == "DATE":
            year = re.fullmatch(r"(?:in |since )?((?:19|20)\d\d)", ent.text.strip(), re.I)
            value: Scalar = int(year.group(1)) if year else ent.text.strip()
            if year or re.search(r"\b(?:19|20)\d\d\b|" + _MONTHS, ent.text):
                found.append((ent.root, {"date": value}))
    return found


def _path(tok: Token) -> list[int]:
    out = [tok.i]
    while tok.head.i != tok.i:
        tok = tok.head
        out.append(tok.i)
    return out


def distance(a: Token, b: Token) -> int:
    """Number of dependency links between two tokens of a sentence."""
    pa, pb = _path(a), _path(b)
    common = set(pa) & set(pb)
    if not common:
        return len(pa) + len(pb)
    return min(pa.index(c) + pb.index(c) for c in common)


def nearest(doc: Doc, quantity: Token, triggers: Sequence[int]) -> list[int]:
    """The trigger tokens closest to a quantity in the tree (ties keep all)."""
    if not triggers:
        return []
    dists = {t: distance(quantity, doc[t]) for t in set(triggers)}
    best = min(dists.values())
    return [t for t, d in dists.items() if d == best]


def count_on(tok: Token) -> int | None:
    """A number on a cue noun: "three summits" → 3."""
    for c in tok.children:
        if c.dep_ == "nummod":
            return _NUMBERS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
    return None
