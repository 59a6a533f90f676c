"""Relation type and direction from a sentence's dependency parse.

A cue (cues.yaml) names the type; the parse names the ends: the subject or
agent (or a cue noun's possessor) is the source, the object, prepositional
complement or the object's possessor is the target. Passives, relative
clauses, control verbs ("urged X to …"), light verbs ("provide support to X")
and possessives ("Russia's invasion of Ukraine", "North Korea's oil comes
from Russia") are followed. When the parse names only one end, the one other
actor of the sentence may complete it, at a lower strength.

The constructions live in `explorer.extract.constructions`; `find_links` runs them
sentence by sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc, Token

from explorer.extract.constructions.agreements import AGREEMENTS, agreement_on
from explorer.extract.constructions.alignment import (
    COUNTER,
    RUSH,
    alongside,
    brought_together,
    countered,
    obstruct,
    to_the_defence,
)
from explorer.extract.constructions.appeals import appealed
from explorer.extract.constructions.ceasing import ceased_all
from explorer.extract.constructions.cue_lookup import conjoined, cue_at, listed_on, verb_object
from explorer.extract.constructions.cue_roles import CLASH, links_for
from explorer.extract.constructions.force import (
    ANSWER,
    FORCE,
    INCURSION,
    WARN,
    held_over,
    incursion,
    simulated,
    threatened,
)
from explorer.extract.constructions.judgements import (
    JUDGING,
    MANNER,
    disapproval,
    evaluation,
    judged_by_noun,
    manner,
)
from explorer.extract.constructions.link import Link
from explorer.extract.constructions.reactions import (
    answer,
    backs_measure,
    echoes,
    event_anaphora,
    focus_target,
    must,
    same_again,
)
from explorer.extract.constructions.sentence import SPEAKING, Sentence, counted
from explorer.extract.constructions.ties import LEAVE, RESTORE, body_left, relations_restored
from explorer.extract.constructions.transfers import (
    PURCHASE_NOUNS,
    TRANSFER_NOUNS,
    goods_to,
    nominal_purchase,
    nominal_transfer,
    transfer,
)
from explorer.extract.cues import Cue, CueBook
from explorer.extract.mentions import ActorIndex, Mention

__all__ = ["Link", "find_links"]

#: Nouns that give an act's reason after "in": "in response to", "in retaliation for".
_IN_ANSWER = frozenset(["response", "retaliation", "reprisal", "revenge", "answer",
                        "reaction", "protest"])

#: "ordered X's ambassador to leave": an expulsion.
_ORDER_OUT = frozenset(["order", "tell", "ask", "give"])
_LEAVE = frozenset(["leave", "quit", "depart", "exit"])
#: Verbs that host a visitor when their object is an actor.
_RECEIVE = frozenset(["receive", "welcome", "greet"])


def find_links(doc: Doc, mentions: list[Mention], index: ActorIndex, book: CueBook,
               symmetric: frozenset[str]) -> list[Link]:
    """Every typed link the cues and the parse support, sentence by sentence."""
    links: list[Link] = []
    by_token: dict[int, list[Mention]] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            by_token.setdefault(i, []).append(m)
    ordered = sorted(by_token.items())
    starts = [i for i, _ in ordered]
    previous: list[Link] = []
    focus = Counter(index.state_of(m.actor) for m in mentions
                    if index.kinds.get(index.state_of(m.actor)) == "state")
    done: list[Link] = []  # acts of earlier sentences, for "condemned the strikes"
    prev_start = -1
    said: list[Link] = []  # the last words of pressure, for "a demand echoed by X"
    for sent in doc.sents:
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        if lo == hi:
            continue
        at = dict(ordered[lo:hi])
        longest: dict[int, tuple[Cue, int]] = {}  # "trade war" over "war" at one head
        for i in range(sent.start, sent.end):
            inside = i in at and any(m.how not in ("epithet", "group") for m in at[i])
            for cue, head in cue_at(doc, i, book, sent.end):
                if inside and head in at:
                    continue  # "its longtime foe", "the two allies" are cues too; a cue
                    # may start inside a name only to end outside it ("X's military aid")
                if head not in longest or len(cue.lemmas) > len(longest[head][0].lemmas):
                    longest[head] = (cue, head)
        found = sorted([*longest.values(), *conjoined(sent, book, longest.values())],
                       key=lambda x: x[1])
        # "in response to X's tariffs", "in retaliation for the raid": the reason of an act,
        # not words aimed at X
        found = [(c, h) for c, h in found if not (
            c.type == "pressure" and doc[h].lemma_.lower() in _IN_ANSWER and
            doc[h].dep_ == "pobj" and doc[h].head.lower_ == "in")]
        s = Sentence(sent, at, book, index, [doc[h] for c, h in found if c.pos == "noun"])
        here: list[Link] = []
        reactions: set[tuple] = set()  # links that react to an act: no act themselves
        for cue, head in found:
            read = links_for(s, doc[head], cue, symmetric)
            if not read and cue.pos == "verb" and cue.type == "pressure":
                read = event_anaphora(s, doc[head], cue, done, prev_start) or \
                    answer(s, doc[head], cue, links) or \
                    focus_target(s, doc[head], cue, focus)
            if not read and cue.pos == "verb" and cue.type == "diplomatic_support":
                # "X welcomed the strikes": support for their doer
                read = event_anaphora(s, doc[head], cue, done, prev_start)
                if not read and not backs_measure(doc[head], found):
                    read = focus_target(s, doc[head], cue, focus)  # "X hailed the move"
                reactions.update(_key(x) for x in read)
            here += read
        blocked: dict[int, set[str]] = {}  # token -> who obstructs the measure it is in
        noun_heads = {h for c, h in found if c.pos != "verb"}
        with_object: set[int] = set()  # links a verb-object cue read ("expel ambassador")
        for tok in sent:
            if tok.i in at:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB":
                for obj in (counted(c) for c in tok.children if c.dep_ == "dobj"):
                    if obj.i in noun_heads:
                        continue  # our own noun cue decides
                    cue = verb_object(book, tok, obj)
                    if cue is not None:
                        read = links_for(s, tok, cue, symmetric)
                        here += read
                        with_object.update(id(x) for x in read)
            if tok.pos_ == "VERB" and lemma in _ORDER_OUT and any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in _LEAVE for c in tok.children):
                # "ordered the French ambassador to leave": an expulsion
                for obj in (c for c in tok.children if c.dep_ in ("dobj", "dative")):
                    cue = book.verb_objects.get(("expel", obj.lemma_.lower()))
                    if cue is not None:
                        read = links_for(s, tok, replace(cue, lemmas=(lemma,)), symmetric)
                        here += read
                        with_object.update(id(x) for x in read)
            if tok.pos_ == "VERB" and lemma in _RECEIVE and any(
                    c.dep_ == "dobj" and c.i in at for c in tok.children):
                # "Xi received Putin", "Lula welcomed Xi": a visitor hosted (CAMEO 043)
                here += links_for(s, tok, Cue("meeting", "verb", (lemma,), 0.8,
                                              "cameo 043"), symmetric)
            if tok.pos_ == "VERB" and _phoned(tok, at):
                # "X telephoned Y", "X called Y on Friday", "X and Y spoke by phone": a
                # consultation (CAMEO 04)
                here += links_for(s, tok, Cue("meeting", "verb", (lemma,), 0.8, "cameo 040"),
                                  symmetric)
            if tok.pos_ == "VERB" and lemma in book.transfers:
                here += transfer(s, tok)
            if tok.pos_ == "NOUN" and lemma in TRANSFER_NOUNS:
                here += nominal_transfer(s, tok)
            elif tok.pos_ == "NOUN" and lemma in PURCHASE_NOUNS:
                here += nominal_purchase(s, tok)
            elif tok.pos_ == "NOUN" and (lemma,) in book.goods and s.prep(tok, "to"):
                here += goods_to(s, tok)
            if tok.pos_ == "VERB" and lemma in CLASH and s.prep(tok, "alongside"):
                here += alongside(s, tok)
            if tok.pos_ == "VERB" and lemma == "bring" and any(
                    c.lower_ == "together" for c in tok.children):
                here += brought_together(s, tok)
            elif tok.pos_ == "VERB" and (lemma in ("host", "convene", "gather") or (
                    lemma in _RECEIVE and any(c.dep_ == "dobj" and c.i in at
                                              for c in tok.children))):
                here += brought_together(s, tok)  # "X hosted (welcomed) A and B": A and B
                # met too
            if tok.pos_ == "VERB" and lemma in ("add", "put", "place") and listed_on(tok):
                here += links_for(s, tok, Cue("sanctions", "verb", (lemma,), 0.8),
                                  symmetric)
            if tok.pos_ == "VERB" and (lemma in SPEAKING or lemma in ("insist", "stress")):
                here += must(s, tok)
            if tok.pos_ == "VERB" and lemma in ("hold", "tell") and any(
                    c.dep_ == "dobj" and c.i in s.at for c in tok.children) and any(
                    (c.dep_ in ("advcl", "oprd", "acomp", "xcomp") and
                     c.lower_ in ("responsible", "accountable")) or
                    (lemma == "tell" and c.dep_ == "xcomp") for c in tok.children):
                # "held X responsible for", "told X to stop …"
                here += links_for(s, tok, Cue("pressure", "verb", (lemma,), 0.75), symmetric)
            if tok.pos_ == "VERB" and lemma in COUNTER:
                here += countered(s, tok)
            if tok.pos_ == "VERB" and (lemma in book.obstruct_verbs or (
                    lemma == "vote" and s.prep(tok, "against") == [] and any(
                        c.lower_ == "against" for c in tok.children))):
                found_links = obstruct(s, tok)
                here += found_links
                for obj in (c for c in tok.children if c.dep_ == "dobj"):
                    who = {x.source for x in found_links} | \
                        {m.actor for m in s.subject(tok)[0]}
                    for t in obj.subtree:
                        blocked.setdefault(t.i, set()).update(who)
            if lemma in book.when_negated:
                here += disapproval(s, tok)
            if tok.pos_ == "NOUN" and lemma in ("defence", "defense", "aid", "rescue") and \
                    tok.dep_ == "pobj" and tok.head.lower_ == "to" and \
                    tok.head.head.lemma_.lower() in RUSH:
                here += to_the_defence(s, tok)
            if tok.pos_ == "VERB" and lemma in INCURSION:
                found_threats = incursion(s, tok)
                if found_threats:  # forces sent into X's waters: a threat, not support
                    pairs = {(x.source, x.target) for x in found_threats}
                    here = [x for x in here if not (
                        x.trigger == tok.i and (x.source, x.target) in pairs and
                        x.type in ("military_support", "armed_conflict"))]
                    here += found_threats
            if tok.pos_ == "NOUN" and lemma in AGREEMENTS:
                here += agreement_on(s, tok)
            if tok.pos_ == "VERB" and lemma in RESTORE:
                here += relations_restored(s, tok)  # "X restored diplomatic ties with Y"
            if tok.pos_ == "VERB" and lemma in LEAVE:
                here += body_left(s, tok)  # "X quit ECOWAS"
            if tok.pos_ == "NOUN" and lemma in JUDGING:
                here += judged_by_noun(s, tok, done, prev_start)
            if tok.pos_ == "NOUN" and lemma in MANNER and tok.dep_ == "pobj" and \
                    tok.head.lower_ in ("with", "in") and tok.head.head.pos_ == "VERB":
                here += manner(s, tok, done, prev_start)
            if lemma in FORCE or lemma in ANSWER:
                held = held_over(s, tok)
                if held and not any(a.lemma_.lower() in WARN for a in tok.ancestors):
                    # "Y will retaliate against X": the act announced, not also pressure (a
                    # warning of it is words and force: its pressure stays)
                    here = [x for x in here if not (x.type == "pressure" and
                                                    x.trigger in (tok.i, tok.head.i))]
                here += held
            if (tok.pos_ == "ADJ" or tok.tag_ == "VBN" or tok.dep_ in ("oprd", "acomp")) \
                    and (lemma in book.evaluative or tok.lower_ in book.evaluative):
                here += evaluation(s, tok)
        here = [x for x in here if x.trigger not in blocked]  # a blocked text says nothing
        here = [x for x in here if not (x.trigger in blocked and
                                        x.source in blocked[x.trigger])]
        # the verb with its object says more than the verb alone ("expelled the ambassador":
        # sanctions, not also the pressure of "expel")
        read_whole = {x.trigger for x in here if id(x) in with_object}
        here = [x for x in here if id(x) in with_object or not (
            x.trigger in read_whole and not x.negated_cue and
            x.cue == doc[x.trigger].lemma_.lower())]
        decided = {x.trigger for x in here if x.decisive}
        here = [x for x in here if x.decisive or x.trigger not in decided]
        here = appealed(s, ceased_all(s, [simulated(doc, x) for x in here]))
        here += same_again(s, previous)
        threats, replaced = threatened(s, here)
        here = [x for x in here if not (x.type == "pressure" and x.trigger in replaced)]
        here += threats
        here += echoes(s, [x for x in here if x.type == "pressure"] or said)
        acts = [x for x in here if x.type != "pressure"]
        if acts:
            previous = acts
        said = [x for x in here if x.type == "pressure"] or said
        done += [x for x in acts if not x.negated_cue and x.type not in ("meeting", "rivalry")
                 and _key(x) not in reactions]
        prev_start = sent.start
        links += here
    return links


#: Means of talking at a distance: "spoke by phone", "talked via video link".
_LINES = frozenset(["phone", "telephone", "video", "videoconference", "videolink", "link"])


def _phoned(verb: Token, at: dict) -> bool:
    """A call between leaders: "telephoned Y", "phoned Y", "called Y" (an actor object,
    nothing called it), "spoke by phone"."""
    lemma = verb.lemma_.lower()
    actor_object = any(c.dep_ == "dobj" and c.i in at for c in verb.children)
    if lemma in ("telephone", "phone", "ring"):
        return actor_object or any(c.dep_ == "prep" and c.lower_ == "with"
                                   for c in verb.children)
    if lemma == "call":
        return actor_object and not any(
            c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp") or c.lower_ == "together" or
            (c.dep_ in ("prep", "prt") and c.lower_ in ("for", "off", "out", "up")) or
            (c.dep_ in ("prep", "prt") and c.lower_ == "on" and not any(
                p.ent_type_ in ("DATE", "TIME") for p in c.children))  # "call on Y to"
            for c in verb.children)
    return lemma in ("speak", "talk", "confer") and any(
        c.dep_ == "prep" and c.lower_ in ("by", "via", "over") and p.lemma_.lower() in _LINES
        for c in verb.children for p in c.children if p.dep_ == "pobj")


def _key(link: Link) -> tuple:
    """What a link says, whatever object holds it (links are replaced as they are read)."""
    return (link.trigger, link.source, link.target, link.type)
