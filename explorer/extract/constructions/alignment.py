"""Taking sides and joint action: fighting alongside (`alongside`), talks that bring
sides together (`brought_together`), coming to someone's defence (`to_the_defence`),
countering another's influence (`countered`) and blocking measures aimed at someone
(`obstruct`)."""

from __future__ import annotations

from spacy.tokens import Token

from explorer.extract.constructions.link import CLIMBED, DIRECT, FALLBACK, Link
from explorer.extract.constructions.pairs import OTHER_ACTOR, pair_up
from explorer.extract.constructions.sentence import Sentence
from explorer.extract.mentions import Mention


def alongside(s: Sentence, verb: Token) -> list[Link]:
    """"X's troops are fighting alongside Y's forces": military support for Y."""
    sources = s.subject(verb)[0] or [m for c in verb.children if c.dep_ == "nsubj"
                                     for m in s.modifiers(c)]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "military_support", verb.i, None,
                    f"{verb.lemma_.lower()} alongside", strength * 0.8, s.sent.start)

    return pair_up(s, verb, sources, s.prep(verb, "alongside"), DIRECT, DIRECT, link)


def brought_together(s: Sentence, verb: Token) -> list[Link]:
    """"talks that brought together X's envoys and Y's officials": X and Y met."""
    group = [m for c in verb.children if c.dep_ == "dobj" for m in s.actors(c)]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "meeting", verb.i, None, "bring together",
                    strength * 0.8, s.sent.start)

    return [link(a, b, DIRECT) for i, a in enumerate(group) for b in group[i + 1:]
            if s.index.state_of(a.actor) != s.index.state_of(b.actor)]


#: Verbs of countering another's weight: "to counter China's growing influence".
COUNTER = frozenset(["counter", "counterbalance", "offset", "contain", "check"])
#: What is countered when it is someone's: influence, power, presence.
_WEIGHT = frozenset(["influence", "dominance", "power", "order", "hegemony", "clout",
                     "presence", "rise", "expansion", "ambition", "assertiveness", "reach",
                     "sway", "might", "footprint"])


def countered(s: Sentence, verb: Token) -> list[Link]:
    """"to counter China's growing influence", "to counterbalance China": rivalry."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    rivals = [m for o in objs for m in s.at.get(o.i, ())]
    rivals += [m for o in objs if o.lemma_.lower() in _WEIGHT
               for m in s.modifiers(o) + [a for c in o.children if c.dep_ == "acl"
                                           for g in c.children if g.dep_ == "agent"
                                           for p in g.children for a in s.actors(p)]]
    if not rivals:
        return []
    sides, st = s.subject(verb)

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "rivalry", verb.i, None, verb.lemma_.lower(),
                    strength * 0.7, s.sent.start)

    return pair_up(s, verb, sides, rivals, CLIMBED if st else DIRECT, DIRECT, link)


#: Initiatives, not measures aimed at someone: "blocked the move", "resisted the bid".
_INITIATIVES = frozenset(["move", "step", "action", "attempt", "effort", "bid", "proposal",
                          "plan"])


def obstruct(s: Sentence, verb: Token) -> list[Link]:
    """Blocking measures aimed at someone: political cover for them."""
    objs = [c for c in verb.children if c.dep_ == "dobj"
            and c.lemma_.lower() in s.book.obstruct_objects]
    objs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "against" and
             verb.lemma_.lower() == "vote" for p in c.children
             if p.dep_ == "pobj" and p.lemma_.lower() in s.book.obstruct_objects]
    if not objs:
        # "shielded X from UN censure": cover for X
        shielded = [m for c in verb.children if c.dep_ == "dobj" for m in s.at.get(c.i, ())]
        measure = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                   for p in c.children if p.lemma_.lower() in s.book.obstruct_objects |
                   {"criticism", "scrutiny", "punishment", "accountability"}]
        if not shielded or not measure:
            return []
        sources = [m for m in s.subject(verb)[0]
                   if s.index.state_of(m.actor) not in {s.index.state_of(x.actor)
                                                        for x in shielded}]
        return [Link(a.actor, b.actor, "diplomatic_support", verb.i, None,
                     f"{verb.lemma_.lower()} from {measure[0].lemma_.lower()}", 0.8 * DIRECT,
                     s.sent.start) for a in sources for b in shielded]
    obj = objs[0]
    if any(c.dep_ == "poss" and c.i in s.at for c in obj.children):
        return []  # "blocked Sweden's bid": pressure on Sweden, not cover for anyone
    sources, st1 = s.role("subj", verb, "verb", None)
    measure_by = {s.index.state_of(m.actor) for m in s.modifiers(obj)}
    targets: list[Mention] = []
    for word in ("against", "on", "targeting", "over"):
        targets += s.prep(obj, word)
    for adj in (c for c in obj.children if c.dep_ == "amod"):  # "a resolution critical of X"
        targets += s.prep(adj, "of") + s.prep(adj, "against")
    for clause in obj.children:  # "a resolution condemning X's launches"
        if clause.dep_ in ("acl", "relcl") and not targets:
            targets += s.objects(clause)
    st2 = DIRECT
    if not targets and OTHER_ACTOR and obj.lemma_.lower() not in _INITIATIVES:
        # a measure is aimed at someone; a move, bid or plan is its author's, and the
        # sentence's other actor is as likely its author as its aim
        exclude = {s.index.state_of(m.actor) for m in sources} | measure_by
        targets, st2 = s.others(exclude, obj), FALLBACK

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "diplomatic_support", verb.i, None,
                    f"{verb.lemma_.lower()} {obj.lemma_.lower()}", strength * 0.8,
                    s.sent.start)

    return pair_up(s, verb, sources, targets, st1, st2, link)


#: "came to X's defence", "rushed to the aid of X": diplomatic support.
RUSH = frozenset(["come", "spring", "rush", "leap", "jump", "hurry", "race", "go", "step"])


def to_the_defence(s: Sentence, noun: Token) -> list[Link]:
    verb = noun.head.head
    sources, st1 = s.subject(verb)
    exclude = {s.index.state_of(m.actor) for m in sources}
    targets = [m for m in s.modifiers(noun) + s.prep(noun, "of")
               if s.index.state_of(m.actor) not in exclude]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "diplomatic_support", verb.i, None,
                    f"{verb.lemma_.lower()} to the {noun.lemma_.lower()}", strength * 0.75,
                    s.sent.start)

    return pair_up(s, noun, sources, targets, CLIMBED if st1 else DIRECT, DIRECT, link)
