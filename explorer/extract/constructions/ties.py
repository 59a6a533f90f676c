"""Diplomatic relations established, restored or normalised ("X and Y restored
diplomatic ties", "X agreed to normalise relations with Y"): diplomatic support both
ways (CAMEO 054, recognition)."""

from __future__ import annotations

from spacy.tokens import Token

from explorer.extract.constructions.link import CLIMBED, DIRECT, Link
from explorer.extract.constructions.sentence import Sentence

__all__ = ["LEAVE", "RESTORE", "body_left", "relations_restored"]

#: Verbs that set up or mend relations.
RESTORE = frozenset(["restore", "normalise", "normalize", "establish", "reestablish",
                     "re-establish", "resume", "reopen"])
_TIES = frozenset(["relation", "tie", "relationship"])
#: Kinds of ties that are not diplomatic ("restored trade ties").
_OTHER_TIES = frozenset(["economic", "trade", "commercial", "military", "security",
                         "defence", "defense", "cultural", "energy", "business"])


def relations_restored(s: Sentence, verb: Token) -> list[Link]:
    """"X restored diplomatic relations with Y", "X and Y agreed to normalise ties":
    diplomatic support both ways."""
    ties = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _TIES
            and not any(a.lemma_.lower() in _OTHER_TIES for a in c.children)]
    if not ties:
        return []
    sides, hops = s.subject(verb)
    partners = s.prep(ties[0], "with") + s.prep(verb, "with")
    states = {s.index.state_of(m.actor) for m in sides}
    partners = [m for m in partners if s.index.state_of(m.actor) not in states]
    if partners:
        pairs = [(a, b) for a in sides for b in partners]
    else:  # "X and Y restored ties": each with the other
        pairs = [(a, b) for i, a in enumerate(sides) for b in sides[i + 1:]]
    strength = 0.8 * (DIRECT if hops == 0 else CLIMBED)
    out = []
    for a, b in pairs:
        if s.index.state_of(a.actor) == s.index.state_of(b.actor):
            continue
        for x, y in ((a, b), (b, a)):
            out.append(Link(x.actor, y.actor, "diplomatic_support", verb.i, None,
                            f"{verb.lemma_.lower()} {ties[0].lemma_.lower()}", strength,
                            s.sent.start, cue_source="cameo 054"))
    return out


#: Verbs of leaving a body: "X left ECOWAS", "X withdrew from the treaty's council".
LEAVE = frozenset(["leave", "quit", "exit", "withdraw", "pull", "abandon", "secede"])


def body_left(s: Sentence, verb: Token) -> list[Link]:
    """"X is leaving ECOWAS", "X withdrew from the African Union", "X pulled out of the
    EU": a member walking away from a body presses it (CAMEO 16, reducing relations)."""
    lemma = verb.lemma_.lower()
    places = [c for c in verb.children if c.dep_ == "dobj" and lemma in ("leave", "quit",
                                                                          "exit", "abandon")]
    places += [p for c in verb.children if c.dep_ in ("prep", "prt")
               and c.lower_ in ("from", "of", "out") for p in c.subtree if p.dep_ == "pobj"]
    bodies = [m for p in places for m in s.at.get(p.i, ())
              if s.index.kinds.get(m.actor) == "international_body"]
    if not bodies:
        return []
    members, hops = s.subject(verb)
    strength = 0.75 * (DIRECT if hops == 0 else CLIMBED)
    return [Link(m.actor, b.actor, "pressure", verb.i, None, f"{lemma} body", strength,
                 s.sent.start, cue_source="cameo 16")
            for m in members for b in bodies
            if s.index.state_of(m.actor) != s.index.state_of(b.actor)]
