"""Appeals to a body (`appealed`): asking an international body to act, or complaining to
it, turns to it as a forum; the pressure is on whom the appeal is about, if anyone."""

from __future__ import annotations

from dataclasses import replace

from explorer.extract.constructions.link import Link
from explorer.extract.constructions.sentence import Sentence

#: Words of asking or complaining: addressed to a body, they use it as a forum.
APPEAL = frozenset(["urge", "call", "ask", "appeal", "request", "petition", "implore",
                    "complain", "complaint", "write", "letter", "turn", "plead", "beg",
                    "lobby", "press"])
_ABOUT = ("about", "over", "against", "regarding", "concerning")


def appealed(s: Sentence, links: list[Link]) -> list[Link]:
    """"Iran complained to the UN about Y's strikes" is pressure on Y, not on the UN;
    "X asked NATO to protect its border", "X filed a complaint with the AU": none."""
    doc = s.sent.doc
    out = []
    for x in links:
        heads = [doc[x.trigger]] + ([doc[x.light]] if x.light is not None else [])
        if x.type != "pressure" or s.index.kinds.get(x.target) != "international_body" or \
                not any(h.lemma_.lower() in APPEAL for h in heads):
            out.append(x)
            continue
        about = [m for h in heads for w in _ABOUT for m in s.prep(h, w)
                 if s.index.kinds.get(m.actor) != "international_body" and
                 s.index.state_of(m.actor) != s.index.state_of(x.source)]
        out += [replace(x, target=m.actor, cue=f"{x.cue} (to a body)") for m in about[:1]]
        # "urged the EU to impose sanctions on Y": pushing for the body's measure on Y
        asked = {t.i for h in heads for c in h.children if c.dep_ in ("xcomp", "ccomp")
                 for t in c.subtree}
        out += [replace(y, source=x.source, cue=f"{x.cue}: {y.cue}") for y in links
                if y.type == "sanctions" and y.source == x.target and y.trigger in asked and
                s.index.state_of(y.target) != s.index.state_of(x.source)]
    return out
