"""Agreements typed by what they cover ("a memorandum on rare earth minerals with X",
"an agreement with X on gas supplies": `agreement_on`), both ways."""

from __future__ import annotations

from spacy.tokens import Token

from explorer.extract.constructions.link import DIRECT, Link
from explorer.extract.constructions.sentence import Sentence, light_verb
from explorer.extract.constructions.transfers import goods_in
from explorer.extract.mentions import Mention

#: Agreements typed by what they cover: "a memorandum on raw materials with X".
AGREEMENTS = frozenset(["agreement", "deal", "accord", "memorandum", "pact", "treaty",
                        "contract", "mou"])


def agreement_on(s: Sentence, noun: Token) -> list[Link]:
    """"signed a memorandum of understanding on rare earth minerals with X", "an
    agreement with X on gas supplies": cooperation, both ways, typed by what is covered."""
    holder = noun
    for c in noun.children:  # "memorandum of understanding on …"
        if c.dep_ == "prep" and c.lower_ == "of":
            holder = next((p for p in c.children if p.dep_ == "pobj"), noun)
    covered = [p for h in {noun, holder} for c in h.children
               if c.dep_ == "prep" and c.lower_ in ("on", "for", "over", "covering")
               for p in c.children if p.dep_ == "pobj"]
    goods = next((g for p in covered for g in [goods_in(p, s.book)] if g), None)
    if goods is None or any(t.i in s.at for p in covered for t in p.subtree):
        return []
    type_, what = goods
    light = light_verb(s, noun, "noun")

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, noun.i,
                    light.i if light is not None else None,
                    f"{noun.lemma_.lower()} on {what}", strength * 0.75, s.sent.start,
                    goods=what)

    between = s.prep(noun, "between") + s.prep(holder, "between")
    if len(between) >= 2:
        side_a, side_b = between[:1], between[1:]
    else:
        side_a = s.subject(light)[0] if light is not None else s.modifiers(noun)
        side_b = [m for h in {noun, holder} for m in s.prep(h, "with")] + (
            s.prep(light, "with") if light is not None else [])
        if len(side_a) >= 2 and not side_b:  # "X and Y signed an agreement on …"
            side_a, side_b = side_a[:1], side_a[1:]
    return [x for a in side_a for b in side_b
            if s.index.state_of(a.actor) != s.index.state_of(b.actor)
            for x in (link(a, b, DIRECT), link(b, a, DIRECT))]
