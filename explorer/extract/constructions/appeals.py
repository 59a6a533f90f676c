"""Appeals (`appealed`): a complaint lodged with an international body, or a request for
its help, uses it as a forum; the pressure is on whom the complaint is about, if anyone.
Urging a body to change its own course stays pressure on it. A request for help ("asked
Y to use his influence", "urged Y to keep up its support") is no pressure on anyone."""

from __future__ import annotations

from dataclasses import replace

from explorer.extract.constructions.link import Link
from explorer.extract.constructions.sentence import Sentence

#: Words of asking: addressed to a body, a request for its help is no pressure on it.
APPEAL = frozenset(["urge", "call", "ask", "appeal", "request", "petition", "implore", "plead",
                    "beg", "lobby", "press", "turn"])
#: Words of complaining: lodged with a body, they are about someone else.
COMPLAINT = frozenset(["complain", "complaint", "write", "letter", "petition", "protest",
                       "grievance", "case"])
#: What one asks a body's help for: "asked NATO to guard its airspace".
_HELP = frozenset(["help", "protect", "guard", "defend", "assist", "intervene", "send",
                   "deploy", "shield", "secure", "rescue", "support", "aid", "save", "act",
                   "step", "stop", "prevent", "investigate", "mediate"])
_ABOUT = ("about", "over", "against", "regarding", "concerning")
#: What a request for help asks: "to help", "to use his influence", "to keep up its
#: support" (a request for help is no pressure on whom it asks).
_HELPING = frozenset(["help", "assist", "mediate", "support", "back", "aid"])
_KEEPING = frozenset(["keep", "continue", "maintain", "sustain", "step", "increase"])
_LEVERAGE = frozenset(["influence", "leverage", "clout", "sway", "weight", "good office"])


def _for_help(heads: list) -> bool:
    for h in heads:
        for c in h.children:
            if c.dep_ not in ("xcomp", "ccomp"):
                continue
            lemma = c.lemma_.lower()
            objects = {o.lemma_.lower() for o in c.children if o.dep_ == "dobj"}
            if lemma in _HELPING or (lemma == "use" and objects & _LEVERAGE) or (
                    lemma in _KEEPING and objects & {"support", "aid", "help",
                                                      "assistance", "contribution"}):
                return True
    return False


def appealed(s: Sentence, links: list[Link]) -> list[Link]:
    """"Iran complained to the UN about Y's strikes" is pressure on Y, not on the UN;
    "X asked NATO to guard its airspace", "X filed a complaint with the AU": none;
    "urged the EU to impose sanctions on Y" also pushes for the measure on Y."""
    doc = s.sent.doc
    out = []
    for x in links:
        heads = [doc[x.trigger]] + ([doc[x.light]] if x.light is not None else [])
        words = {h.lemma_.lower() for h in heads}
        if x.type == "pressure" and words & APPEAL and _for_help(heads):
            continue  # "asked Y to use his influence", "urged Y to keep up its support"
        if x.type != "pressure" or s.index.kinds.get(x.target) != "international_body" or \
                not words & (APPEAL | COMPLAINT):
            out.append(x)
            continue
        about = [m for h in heads for w in _ABOUT for m in s.prep(h, w)
                 if s.index.kinds.get(m.actor) != "international_body" and
                 s.index.state_of(m.actor) != s.index.state_of(x.source)]
        asked = [c for h in heads for c in h.children if c.dep_ in ("xcomp", "ccomp")]
        if about:
            out.append(replace(x, target=about[0].actor, cue=f"{x.cue} (to a body)"))
        elif not (words & COMPLAINT) and not any(c.lemma_.lower() in _HELP for c in asked):
            out.append(x)  # "urged the EU to talk to Minsk": pressure on its own course
        # "urged the EU to impose sanctions on Y": pushing for the body's measure on Y
        inside = {t.i for c in asked for t in c.subtree}
        out += [replace(y, source=x.source, cue=f"{x.cue}: {y.cue}") for y in links
                if y.type == "sanctions" and y.source == x.target and y.trigger in inside and
                s.index.state_of(y.target) != s.index.state_of(x.source)]
    return out
