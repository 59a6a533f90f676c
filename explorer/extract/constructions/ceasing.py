"""Support stopped by its giver (`ceased`): stopping aid is pressure, stopping sales or
deliveries a sanction."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from explorer.extract.constructions.link import Link
from explorer.extract.constructions.sentence import Sentence

#: Verbs that stop an act of one's own: "halted arms exports", "suspended aid".
_CEASE = frozenset(["stop", "halt", "suspend", "cease", "end", "freeze", "cut", "withdraw",
                    "cancel", "scrap", "pause", "terminate", "withhold", "discontinue"])
#: Support said as a trade: stopping it is an export control, not only pressure.
_TRADE = frozenset(["export", "sale", "delivery", "shipment", "supply", "transfer", "trade"])
SUPPORT = frozenset(["military_support", "economic_support", "diplomatic_support"])


def stopper(doc: Doc, link: Link) -> Token | None:
    """The verb by which the giver stops the support a link tells, if any; a stop only
    demanded ("urged X to halt arms sales to Y", "X must stop arming Y") stops nothing yet:
    the support it presupposes stays."""
    if link.type not in SUPPORT:
        return None
    for i in (link.light, link.trigger):
        if i is None:
            continue
        t = doc[i]
        stop = None
        if t.pos_ == "VERB" and t.lemma_.lower() in _CEASE:
            stop = t
        elif t.dep_ in ("dobj", "xcomp", "nsubjpass", "pcomp") and \
                t.head.pos_ == "VERB" and t.head.lemma_.lower() in _CEASE:
            stop = t.head
        if stop is not None:
            return None if _demanded(stop) else stop
    return None


#: Verbs that ask for an act: what they govern is not done yet.
_DEMAND = frozenset(["urge", "ask", "call", "demand", "press", "push", "pressure", "tell",
                     "insist", "request", "want", "appeal", "implore", "beg", "exhort"])


def _demanded(verb: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in _DEMAND


def ceased(doc: Doc, link: Link) -> Link:
    """Support that its giver stops is a measure on the receiver: stopping aid or
    cooperation is pressure (CAMEO 162), stopping sales or deliveries a sanction."""
    stop = stopper(doc, link)
    if stop is None:
        return link
    trade = any(t.lemma_.lower() in _TRADE for t in doc[link.trigger].subtree)
    return replace(link, type="sanctions" if trade else "pressure",
                   cue=f"{stop.lemma_.lower()} {link.cue}",
                   cue_source="ours" if trade else "cameo 162")


def ceased_all(s: Sentence, links: list[Link]) -> list[Link]:
    """`ceased` for each link; support stopped is the stopper's act alone ("X ended its
    defence cooperation with Y": no measure of Y's on X); a sale or delivery stopped is
    a sanction, not also the pressure of the stopping verb ("cut off gas supplies to Y")."""
    out = []
    stopped_trade: set[tuple[int, str, str]] = set()
    for link in links:
        stop = stopper(s.sent.doc, link)
        if stop is not None:
            doers = {s.index.state_of(m.actor) for m in s.subject(stop)[0]}
            if doers and s.index.state_of(link.source) not in doers:
                continue
            link = ceased(s.sent.doc, link)
            if link.type == "sanctions":
                stopped_trade.add((stop.i, link.source, link.target))
        out.append(link)
    return [x for x in out if not (x.type == "pressure" and
                                   (x.trigger, x.source, x.target) in stopped_trade)]
