"""Force shown or held over someone: warnings of force (`threatened`, `held_over`:
"vowed a merciless response to Y"), incursions into waters or airspace (`incursion`)
and acts rehearsed in drills (`simulated`)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from explorer.extract.constructions.link import CLIMBED, DIRECT, Link
from explorer.extract.constructions.pairs import pair_up
from explorer.extract.constructions.sentence import Sentence
from explorer.extract.constructions.transfers import goods_in
from explorer.extract.mentions import Mention

#: Verbs of rehearsing an act: "drills simulating a blockade of X" threaten X.
_SIMULATE = frozenset(["simulate", "rehearse", "practise", "practice", "mimic"])


def simulated(doc: Doc, link: Link) -> Link:
    """An act rehearsed, not done: "drills simulating a blockade of Taiwan" are a threat."""
    if link.type not in ("sanctions", "armed_conflict"):
        return link
    node = doc[link.trigger]
    for _ in range(2):
        if node.head.i == node.i:
            return link
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in _SIMULATE:
            return replace(link, type="threat", cue=f"{node.lemma_.lower()} {link.cue}")
    return link


#: What one warns of when warning is a threat: "warned of retaliation against X".
FORCE = frozenset(["retaliation", "response", "reprisal", "revenge", "consequence",
                   "countermeasure", "attack", "strike", "war", "action", "force"])
WARN = ("warn", "threaten", "vow")
#: Words of force in a warning's clause: "would pay a heavy price", "means war".
_FORCE_SAID = frozenset(["price", "respond", "retaliate", "punish", "hesitate", "crush",
                         "destroy", "annihilation", "countermeasure", "measure", "step",
                         "fire", "annihilate", "wipe", "obliterate", "ash", "ashes"])
#: Verbs of answering in kind: announced ("would respond to X"), a threat.
ANSWER = frozenset(["respond", "retaliate", "reply", "answer", "hit", "strike"])


def held_over(s: Sentence, tok: Token) -> list[Link]:
    """Force held over someone outside a warning verb's own reading: "vowed a merciless
    response to Y", "promised retaliation against Y", "would respond to Y's accession
    with countermeasures", "will retaliate against Y"."""
    lemma = tok.lemma_.lower()
    doc = s.sent.doc
    if tok.pos_ == "NOUN" and lemma in FORCE and tok.dep_ == "dobj" and \
            tok.head.lemma_.lower() in WARN:
        verb = tok.head
        targets = [m for w in ("to", "against", "on", "for") for m in s.prep(tok, w)]
    elif tok.pos_ == "VERB" and lemma in ANSWER and (
            any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall")
                for c in tok.children) or
            (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in (*WARN, "promise",
                                                                  "pledge"))) and \
            (lemma not in ("hit", "strike") or any(c.lower_ == "back" for c in tok.children)):
        verb = tok
        targets = [m for w in ("to", "against") for m in s.prep(tok, w)]
    else:
        return []
    sources, st1 = s.subject(verb)
    exclude = {s.index.state_of(m.actor) for m in sources}
    targets = [m for m in targets if s.index.state_of(m.actor) not in exclude]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        # the vow itself is the threat: stated, not hedged as an intent
        return Link(src.actor, dst.actor, "threat", verb.i, None,
                    f"{doc[verb.i].lemma_.lower()} {lemma}" if verb.i != tok.i else lemma,
                    strength * 0.7, s.sent.start)

    return pair_up(s, tok, sources, targets, CLIMBED if st1 else DIRECT, DIRECT, link)


def threatened(s: Sentence, links: list[Link]) -> tuple[list[Link], set[int]]:
    """"X warned that it would impose more tariffs if Y …", "X threatened to strike Y",
    "X warned of retaliation against Y": a measure, an attack or a response held over
    someone is also a threat to them; the warning's own pressure stays (a warning is both
    words and force held over someone, as every annotated set reads it), but a vow to act
    on X is no demand: the vow tokens whose pressure goes are returned."""
    out = []
    replaced: set[int] = set()
    doc = s.sent.doc
    for x in links:
        node = doc[x.light if x.light is not None else x.trigger]
        if x.type == "pressure" and node.lemma_.lower() in WARN:  # the verb's own link
            held = [p for c in node.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"]
            held += [c for c in node.children if c.dep_ == "dobj"]  # "vowed retaliation"
            node = next((p for p in held if p.lemma_.lower() in FORCE), node)
        if x.type == "pressure" and node.lemma_.lower() in WARN and node.i == x.trigger and \
                any(t.lemma_.lower() in FORCE | _FORCE_SAID and t.i != node.i
                    for c in node.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree):
            # "warned Y that it would pay a heavy price", "warned that X would take further
            # measures if Y …": force held over Y in the warning's clause
            out.append(Link(x.source, x.target, "threat", node.i, None,
                            f"{node.lemma_.lower()}: force", x.strength * 0.9, x.sent_start,
                            cue_source=x.cue_source))
            continue
        if x.type == "pressure" and node.lemma_.lower() in FORCE and (
                (node.dep_ == "pobj" and node.head.lower_ == "of") or node.dep_ == "dobj"):
            verb = node.head.head if node.dep_ == "pobj" else node.head
            if verb.lemma_.lower() not in WARN:
                continue
            out.append(Link(x.source, x.target, "threat", verb.i, None,
                            f"{verb.lemma_.lower()}{' of' * (node.dep_ == 'pobj')} "
                            f"{node.lemma_.lower()}",
                            x.strength * 0.9, x.sent_start, cue_source=x.cue_source))
            continue
        if x.type not in ("sanctions", "armed_conflict") and not (
                x.type == "pressure" and doc[x.trigger].lemma_.lower() in _MEASURE_ACTS):
            continue
        for _ in range(3):
            if node.head.i == node.i or _condition(node):
                break  # "threatened to cut gas if the EU imposed sanctions": the EU's
                # measure is the condition, not the threat
            if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in WARN:
                out.append(Link(x.source, x.target, "threat", node.head.i, None,
                                f"{node.head.lemma_.lower()}: {x.cue}", x.strength * 0.9,
                                x.sent_start, cue_source=x.cue_source))
                if node.head.lemma_.lower() == "vow":  # a vow to act on X is no demand
                    replaced.add(node.head.i)
                break
            node = node.head
    return out, replaced


#: Acts of pressure that are measures too: threatened, they are held over someone
#: ("threatened to withdraw its ambassador", "to expel the envoys").
_MEASURE_ACTS = frozenset(["recall", "withdraw", "expel", "downgrade", "suspend", "sever",
                           "boycott", "close", "freeze"])


def _condition(verb: Token) -> bool:
    """A clause that states a condition: "if X imposed …", "unless X …"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                        for c in verb.children)


#: Moving into or near another's waters, airspace or territory, or firing over it.
INCURSION = frozenset(["enter", "intrude", "violate", "breach", "fly", "sail", "penetrate",
                       "send", "deploy", "dispatch", "stray", "encroach", "fire", "launch"])
#: Waters and skies, not land: forces crossing into territory may be an invasion.
_SOVEREIGN = frozenset(["airspace", "waters", "water", "zone", "sea", "coast", "coastline",
                        "island", "islet"])
_INTO = frozenset(["into", "near", "over", "inside", "within", "toward", "towards", "off",
                   "across", "in"])


def incursion(s: Sentence, verb: Token) -> list[Link]:
    """"China sent warships into Philippine waters", "Russian bombers violated Japanese
    airspace", "fired a missile over Japan": a show of force at the one whose waters,
    airspace or territory it is."""
    lemma = verb.lemma_.lower()
    places = [c for c in verb.children if c.dep_ == "dobj" and
              c.lemma_.lower() in _SOVEREIGN and lemma not in ("send", "deploy", "dispatch",
                                                                "fire", "launch")]
    for holder in [verb, *(c for c in verb.children if c.dep_ == "dobj")]:
        places += [p for c in holder.children if c.dep_ == "prep" and c.lower_ in _INTO
                   for p in c.children if p.dep_ == "pobj"]
    if lemma in ("fire", "launch"):  # "fired a missile over Japan": only weapons
        if not any(c.dep_ == "dobj" and goods_in(c, s.book) and
                   goods_in(c, s.book)[0] == "military_support" for c in verb.children):
            return []
        direct = [m for p in places if p.head.lower_ in ("over", "toward", "towards", "near")
                  for m in s.at.get(p.i, ())]  # "fired missiles into X" is an attack
        places = [p for p in places if p.lemma_.lower() in _SOVEREIGN and
                  p.head.lower_ in ("over", "toward", "towards", "near", "off")]
    else:
        direct = []
        places = [p for p in places if p.lemma_.lower() in _SOVEREIGN]
    owners = direct + [m for p in places for m in s.modifiers(p)]
    if not owners:
        return []
    sources = s.subject(verb)[0]
    if not sources:  # "Russian bombers flew near …": the forces' state
        sources = [m for c in verb.children if c.dep_ == "nsubj" for m in s.modifiers(c)]
    exclude = {s.index.state_of(m.actor) for m in sources}
    owners = [m for m in owners if s.index.state_of(m.actor) not in exclude]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "threat", verb.i, None, f"{lemma} into", strength * 0.7,
                    s.sent.start)

    return pair_up(s, verb, sources, owners, DIRECT, DIRECT, link)
