"""Per pair of actors: the relations both ways, net polarity, and who depends on whom.

Dependency asymmetry has two parts. The support balance: confidence-weighted
material support A→B minus B→A — directed positive relations, except diplomatic
support (`WORDS`); undirected ties such as alliances count the same both ways and
cancel. And, where relations carry figures (`attributes: {commodity: oil, share:
">=0.8"}`), the share of a commodity the receiver gets from the giver, compared at
its lower bound ("at least"). Figures decide who is the dependent side when they
exist; the support balance otherwise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from explorer.collector import paused_gc
from explorer.graph import View

__all__ = ["WORDS", "Dyad", "Share", "dependencies", "dyads", "leans_on", "parse_share"]

_NUMBER = r"(\d+(?:\.\d+)?)"

#: Directed positive types that are words, not means: diplomatic support (praise,
#: thanks, endorsement, cover; CAMEO 05, verbal cooperation) tells whose side an actor
#: takes, not who relies on whom — and thanks point the other way ("X thanked Y" is X's
#: praise of Y, for something Y did for X). They count as support, never as dependence.
WORDS = frozenset({"diplomatic_support"})


def leans_on(edge: dict[str, Any]) -> bool:
    """True when an edge (u, v) reads "v depends on u": a directed positive relation of a
    type that gives means (military, economic, or an analyst's own), not words."""
    return edge["sign"] > 0 and edge["directed"] and edge["type"] not in WORDS


def parse_share(value: object) -> tuple[float, float] | None:
    """A share as (low, high) fractions: 0.8, "80%", ">=0.8", "<0.3", "0.25-0.5".

    >>> parse_share(">=0.8"), parse_share("0.25-0.5"), parse_share("40%")
    ((0.8, 1.0), (0.25, 0.5), (0.4, 0.4))
    """
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().replace(" ", "").replace("≥", ">=").replace("≤", "<=")
    text = text.replace("–", "-").replace("—", "-")
    percent = text.endswith("%") or "%-" in text
    text = text.replace("%", "")

    def frac(x: str) -> float:
        v = float(x)
        return v / 100 if percent or v > 1 else v

    if m := re.fullmatch(rf"(>=|>){_NUMBER}", text):
        low, high = frac(m.group(2)), 1.0
    elif m := re.fullmatch(rf"(<=|<){_NUMBER}", text):
        low, high = 0.0, frac(m.group(2))
    elif m := re.fullmatch(rf"{_NUMBER}-{_NUMBER}", text):
        low, high = frac(m.group(1)), frac(m.group(2))
    elif m := re.fullmatch(_NUMBER, text):
        low = high = frac(m.group(1))
    else:
        return None
    if not 0 <= low <= high <= 1:
        return None
    return low, high


@dataclass(frozen=True)
class Share:
    """`receiver` gets `low`…`high` of its `commodity` from `giver` (relation `relation`);
    of its exports, it sells them to `giver`."""

    giver: str
    receiver: str
    commodity: str
    low: float
    high: float
    text: str
    relation: str

    def describe(self) -> str:
        span = (f"{self.low:.0%}" if self.low == self.high else
                f"at least {self.low:.0%}" if self.high == 1 else
                f"at most {self.high:.0%}" if self.low == 0 else
                f"{self.low:.0%}–{self.high:.0%}")
        if self.commodity.endswith(("export", "exports")):  # the giver buys them
            return f"{self.receiver} sells {span} of its {self.commodity} to {self.giver}"
        return f"{self.receiver} gets {span} of its {self.commodity} from {self.giver}"


def dependencies(view: View) -> list[Share]:
    """Every share figure on the view's relations of material support (`leans_on`)."""
    return list(view.derived("dependencies", _dependencies))


def _dependencies(view: View) -> tuple[Share, ...]:
    shares = []
    relation = view.dataset.relation
    for u, v, _, d in view.edges:
        if not leans_on(d):
            continue
        for rid in d["relation_ids"]:
            attributes = relation(rid).attributes
            if "share" not in attributes:
                continue
            bounds = parse_share(attributes.get("share"))
            if bounds:
                shares.append(Share(u, v, str(attributes.get("commodity", "supply")),
                                    *bounds, str(attributes["share"]), rid))
    return tuple(sorted(shares, key=lambda s: (s.receiver, -s.low, s.giver, s.relation)))


class Dyad(NamedTuple):
    """Two actors (`a` < `b`) and everything between them."""

    a: str
    b: str
    a_to_b: tuple[str, ...]
    b_to_a: tuple[str, ...]
    mutual: tuple[str, ...]
    net: float
    support_a_to_b: float
    support_b_to_a: float
    shares: tuple[Share, ...] = ()

    @property
    def relations(self) -> int:
        return len(self.a_to_b) + len(self.b_to_a) + len(self.mutual)

    @property
    def asymmetry(self) -> float:
        """Material support a gives b minus support b gives a (positive: b owes a)."""
        return self.support_a_to_b - self.support_b_to_a

    def share_on(self, receiver: str) -> float | None:
        """The largest lower-bound share `receiver` gets from the other, if any."""
        lows = [s.low for s in self.shares if s.receiver == receiver]
        return max(lows) if lows else None

    @property
    def dependent(self) -> str | None:
        """The side that depends on the other: by share figures where any exist,
        else by the support balance; None when even."""
        if self.shares:
            on_a, on_b = self.share_on(self.b) or 0.0, self.share_on(self.a) or 0.0
            if on_a != on_b:
                return self.b if on_a > on_b else self.a
        if abs(self.asymmetry) < 1e-9:
            return None
        return self.b if self.asymmetry > 0 else self.a


def dyads(view: View) -> list[Dyad]:
    """Every pair of actors with at least one relation, most relations first.

    Examples
    --------
    >>> from explorer.analysis.toy import toy_view
    >>> (pair,) = dyads(toy_view(("AAA", "BBB", "economic_support", 1.0),
    ...                          ("BBB", "AAA", "military_support", 0.4),
    ...                          ("BBB", "AAA", "diplomatic_support", 0.9)))  # words
    >>> pair.a, pair.b, pair.asymmetry, pair.dependent
    ('AAA', 'BBB', 0.6, 'BBB')
    """
    return list(view.derived("dyads", _dyads))


def _ids(keys: list[str]) -> tuple[str, ...]:
    return tuple(keys) if len(keys) < 2 else tuple(sorted(keys))


def _dyads(view: View) -> tuple[Dyad, ...]:
    # per pair a < b: [a→b ids, b→a ids, undirected ids, net, support a→b, support b→a]
    parts: dict[tuple[str, str], list] = {}
    with paused_gc():
        for u, v, key, d in view.edges:
            forward = u < v
            pair = (u, v) if forward else (v, u)
            p = parts.get(pair)
            if p is None:
                p = parts[pair] = [[], [], [], 0.0, 0.0, 0.0]
            p[3] += d["sign"] * d["weight"]
            if not d["directed"]:
                p[2].append(key)
                continue
            p[0 if forward else 1].append(key)
            if leans_on(d):
                p[4 if forward else 5] += d["weight"]
        shares = defaultdict(list)
        for s in dependencies(view):
            shares[(s.giver, s.receiver) if s.giver < s.receiver
                   else (s.receiver, s.giver)].append(s)
        result = [Dyad(a, b, _ids(ab), _ids(ba), _ids(mutual), round(net, 9), round(sab, 9),
                       round(sba, 9), tuple(shares[(a, b)]) if (a, b) in shares else ())
                  for (a, b), (ab, ba, mutual, net, sab, sba) in parts.items()]
        return tuple(sorted(result, key=lambda d: (-d.relations, d.a, d.b)))
