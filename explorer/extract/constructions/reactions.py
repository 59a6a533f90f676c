"""Reactions to acts and words told before: "condemned the strikes" (`event_anaphora`),
"rejected the accusations" (`answer`), a reaction aimed at the article's main state
(`focus_target`), "a demand echoed by X" (`echoes`), "X did the same" (`same_again`),
"X said Y must …" (`must`); which earlier act a reaction names is `acts_told`'s."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from explorer.extract.constructions import acts_told
from explorer.extract.constructions.link import CLIMBED, DIRECT, FALLBACK, Link
from explorer.extract.constructions.pairs import pair_up
from explorer.extract.constructions.sentence import Sentence
from explorer.extract.cues import Cue
from explorer.extract.mentions import Mention


def backs_measure(verb: Token, found: list[tuple[Cue, int]]) -> bool:
    """"X supported the renewal of the embargo": support for a measure, not for the
    state the article is about."""
    hostile = {h for c, h in found if c.pos == "noun" and
               c.type in ("sanctions", "pressure", "threat", "armed_conflict")}
    return any(t.i in hostile for c in verb.children if c.dep_ == "dobj" for t in c.subtree)


def event_anaphora(s: Sentence, verb: Token, cue: Cue, done: list[Link],
                   prev_start: int) -> list[Link]:
    """"Iran condemned the strikes", "Chile welcomed the move": a definite act with no
    doer named (or "it" standing for one) is the last act of that kind told before (same
    word, else same type; "the move", "the decision": the previous sentence's last act,
    else the article's first), and its doer is the target, of pressure or support as
    the verb says."""
    noun = acts_told.act_object(verb, set(s.at))
    if noun is None or not done:
        return []
    lemma = noun.lemma_.lower()
    earlier = acts_told.earlier_act(s, noun, done, prev_start)
    if earlier is None:
        return []
    sources, st1 = s.first(s.book.roles_for(cue.type, "verb", "source"), verb, "verb", None)
    doers = list(dict.fromkeys(x.source for x in done if x.trigger == earlier.trigger))
    return [Link(a.actor, doer, cue.type, verb.i, None,
                 f"{verb.lemma_.lower()} the {lemma}", cue.strength * CLIMBED * st1,
                 s.sent.start, cue_source=cue.source)
            for doer in doers for a in sources
            if s.index.state_of(a.actor) != s.index.state_of(doer)]


#: Words one answers: "rejected the accusations", "rebuffed the criticism".
_CHARGES = frozenset(["call", "demand", "appeal", "criticism", "condemnation", "concern",
                      "warning", "plea", "censure", "rebuke", "protest", "accusation", "charge",
                      "claim", "allegation", "ultimatum", "remark", "comment", "threat"])


def answer(s: Sentence, verb: Token, cue: Cue, links: list[Link]) -> list[Link]:
    """"Phnom Penh rejected the protest", "X brushed off the accusations": words aimed at
    the subject, with no speaker named, are the last ones told (pressure or threat on
    the subject), and the answer is aimed at their speaker."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _CHARGES
            and any(d.lower_ in acts_told.DEFINITE for d in c.children)
            and not any(t.i in s.at for t in c.subtree)]
    if not objs:
        return []
    sources, st1 = s.first(s.book.roles_for(cue.type, "verb", "source"), verb, "verb", None)
    own = {s.index.state_of(a.actor) for a in sources}
    speaker = next((x.source for x in reversed(links) if x.type in ("pressure", "threat")
                    and s.index.state_of(x.target) in own
                    and s.index.state_of(x.source) not in own
                    and s.index.kinds.get(s.index.state_of(x.source)) in
                    ("state", "international_body")), None)
    if speaker is None:
        return []
    return [Link(a.actor, speaker, cue.type, verb.i, None,
                 f"{verb.lemma_.lower()} the {objs[0].lemma_.lower()}",
                 cue.strength * CLIMBED * st1, s.sent.start, cue_source=cue.source)
            for a in sources]


def focus_target(s: Sentence, verb: Token, cue: Cue, focus: Counter) -> list[Link]:
    """"Moscow condemned the move", "Petro denounced it": a reaction to an act told with
    no doer and none found before is aimed at the state the article is about — the one
    it names most after the reacting one, clearly (three times at least, half again as
    often as any other)."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and not any(
        t.i in s.at for t in c.subtree) and (c.lower_ in ("it", "this") or (
            c.pos_ == "NOUN" and any(d.lower_ in acts_told.DEFINITE
                                     for d in c.children)))]
    if not objs:
        return []
    sources, st1 = s.first(s.book.roles_for(cue.type, "verb", "source"), verb, "verb", None)
    own = {s.index.state_of(a.actor) for a in sources}
    if not sources:
        return []
    ranked = [(a, n) for a, n in focus.most_common(len(own) + 2) if a not in own]
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and
                                          ranked[0][1] < 1.5 * ranked[1][1]):
        return []
    target = ranked[0][0]
    return [Link(a.actor, target, cue.type, verb.i, None,
                 f"{verb.lemma_.lower()} {objs[0].lower_}", cue.strength * FALLBACK * st1,
                 s.sent.start, cue_source=cue.source) for a in sources]


#: Verbs that repeat another's words: "a demand echoed by France", "X echoed the call".
_ECHO = frozenset(["echo", "second", "repeat"])
_CALLS = frozenset(["call", "demand", "appeal", "criticism", "concern", "warning",
                    "condemnation", "plea", "request", "complaint", "sentiment"])


def echoes(s: Sentence, said: list[Link]) -> list[Link]:
    """"…, a demand echoed by Z", "Z echoed the call": the last
    pressure told (in this sentence, else before), with the echoing actors as source."""
    out: list[Link] = []
    for verb in s.sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ECHO:
            continue
        echoed = [verb.head] if verb.dep_ == "acl" else \
            [c for c in verb.children if c.dep_ == "dobj"]
        if not any(e.lemma_.lower() in _CALLS for e in echoed):
            continue  # "repeated its claim that …": not the demand told before
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a demand echoed by X"
            sources = [a for g in verb.children if g.dep_ == "agent" for p in g.children
                       for a in s.actors(p)]
        else:
            sources = s.subject(verb)[0]
        for m in sources:
            for x in said:
                if m.actor != x.source and \
                        s.index.state_of(m.actor) != s.index.state_of(x.target):
                    out.append(Link(m.actor, x.target, "pressure", verb.i, None,
                                    f"{verb.lemma_.lower()}: {x.cue}", x.strength * 0.8,
                                    s.sent.start, cue_source=x.cue_source))
    return out


def same_again(s: Sentence, previous: list[Link]) -> list[Link]:
    """"Moscow later did the same", "the UAE and Egypt did likewise", "X followed suit":
    the last acts stated before (not words: pressure is not copied), with these subjects
    as their source."""
    out: list[Link] = []
    for verb in s.sent:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        kids = {c.lower_ for c in verb.children if c.dep_ in ("dobj", "advmod", "oprd")}
        if not ((lemma == "do" and kids & {"same", "likewise", "similarly", "so"}) or
                (lemma == "follow" and "suit" in kids)):
            continue
        sources, _ = s.subject(verb)
        # the acts of whoever acted last: "X cut ties with Y after Z recognised W. A and B
        # followed suit" follow Z
        last = max(previous, key=lambda x: x.trigger, default=None)
        doer = s.index.state_of(last.source) if last is not None else None
        for m in sources:
            for x in (x for x in previous if s.index.state_of(x.source) == doer):
                if m.actor not in (x.source, x.target) and \
                        s.index.state_of(m.actor) != s.index.state_of(x.target):
                    out.append(Link(m.actor, x.target, x.type, verb.i, None,
                                    f"{lemma} the same: {x.cue}", x.strength * 0.8,
                                    s.sent.start, x.goods, cue_source=x.cue_source))
    return out


def must(s: Sentence, speech: Token) -> list[Link]:
    """"X said Y must withdraw its troops", "… Y should halt …": pressure on Y."""
    clauses = [c for c in speech.children if c.dep_ == "ccomp" and any(
        a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children)]
    if not clauses:
        return []
    speakers = s.subject(speech)[0]
    exclude = {s.index.state_of(m.actor) for m in speakers}
    targets = [m for c in clauses for x in c.children if x.dep_ == "nsubj"
               for m in s.actors(x) if s.index.state_of(m.actor) not in exclude]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "pressure", speech.i, None,
                    f"{speech.lemma_.lower()}: must", strength * 0.7, s.sent.start)

    return pair_up(s, speech, speakers, targets, DIRECT, CLIMBED, link)
