"""Judging another's acts: evaluative frames ("X is concerned about Y's tests":
`evaluation`), judging nouns ("called Y's raid a violation": `judged_by_noun`), feelings an act
is done with ("views Y's buildup with alarm": `manner`) and negated approval
(`disapproval`)."""

from __future__ import annotations

from spacy.tokens import Token

from explorer.extract.constructions import acts_told
from explorer.extract.constructions.cue_roles import links_for
from explorer.extract.constructions.link import CLIMBED, DIRECT, Link
from explorer.extract.constructions.pairs import pair_up
from explorer.extract.constructions.sentence import SPEAKING, Sentence
from explorer.extract.cues import Cue
from explorer.extract.mentions import Mention
from explorer.extract.modality import denied


def evaluation(s: Sentence, adj: Token) -> list[Link]:
    """Evaluative frames: "X is deeply concerned about Y's tests", "X called Y's move
    unjustified", "X is grateful to Y": the judge is the subject (or the one who calls),
    the judged is the actor the frame is about."""
    type_ = s.book.evaluative.get(adj.lemma_.lower()) or s.book.evaluative[adj.lower_]
    verb = adj.head
    judges: list[Mention] = []
    judged: list[Mention] = []
    if adj.dep_ == "xcomp" and verb.lemma_.lower() in ("call", "deem", "consider", "brand",
                                                       "describe", "find", "label"):
        judges, _ = s.subject(verb)
        judged = [a for c in verb.children if c.dep_ == "dobj" for a in s.actors(c)]
        judged += [a for c in adj.children if c.dep_ == "nsubj" for a in s.actors(c)]
    elif adj.dep_ in ("acomp", "oprd") or (adj.dep_ == "amod" and verb.pos_ == "NOUN"):
        if verb.pos_ == "NOUN":  # "unjustified sanctions by X"
            return []
        judges, _ = s.subject(verb)
        for word in ("about", "over", "by", "at", "to", "with", "of", "toward", "towards"):
            # "wary of provoking X": the judge's own act, not X's
            judged += [m for m in s.prep(adj, word)
                       if not _in_gerund(s.sent.doc[m.head], adj)]
        if adj.dep_ == "oprd":  # "called Y's move unjustified": the object's owner
            judged += [a for c in verb.children if c.dep_ == "dobj" for a in s.actors(c)]
            judged += [a for c in adj.children if c.dep_ == "nsubj" for a in s.actors(c)]
    elif adj.tag_ == "VBN" and any(c.dep_ == "agent" for c in adj.children):
        # "the authorities in X were enraged by Y's pact": X judges Y
        judges = [a for c in adj.children if c.dep_ == "nsubjpass" for a in s.actors(c)]
        judged = [a for c in adj.children if c.dep_ == "agent" for p in c.children
                  for a in s.actors(p)]
    elif adj.dep_ in ("ccomp", "ROOT"):
        return []
    if verb.lemma_ == "be" and not judges:
        return []
    if adj.dep_ == "acomp" and verb.lemma_ == "be" and not judged:
        # "Y's move is unjustified, X said": the subject is what is judged
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj and subj[0].i not in s.at:
            judged = s.actors(subj[0])
            speaker, node = None, verb  # the speech verb above: "X said (in a statement)
            for _ in range(4):          # that Y's actions were unacceptable"
                if node.head.i == node.i:
                    break
                node = node.head
                if node.pos_ == "VERB" and node.lemma_.lower() in SPEAKING | {
                        "declare", "warn", "stress", "call", "describe"}:
                    speaker = node
                    break
            judges = s.subject(speaker)[0] if speaker is not None else []
    if type_ == "pressure" and not judged:
        return []

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, adj.i, None, adj.lemma_.lower(),
                    strength * 0.75, s.sent.start)

    return pair_up(s, adj, judges, judged, DIRECT, DIRECT, link)


def _in_gerund(tok: Token, top: Token) -> bool:
    """True when `tok` sits under a gerund ("wary of provoking X") below `top`."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.pos_ == "VERB" and tok.dep_ == "pcomp":
            return True
        tok = tok.head
    return False


#: Nouns that judge an act when it is named by them: "called X's raid a violation".
JUDGING = frozenset(["violation", "breach", "affront", "provocation", "aggression",
                     "terrorism", "crime", "insult", "blunder", "betrayal", "interference",
                     "meddling", "piracy", "blackmail", "outrage", "travesty", "attack"])
#: Verbs that name a thing as something: "called", "labelled", "branded".
_NAMING = frozenset(["call", "label", "brand", "describe", "term", "deem", "consider", "dub",
                     "denounce", "condemn", "decry", "slam", "characterise", "characterize"])
#: Feelings a verb is done with or in: "views X with alarm", "walked out in protest at X".
MANNER = frozenset(["alarm", "concern", "regret", "dismay", "suspicion", "unease", "anger",
                    "disapproval", "displeasure", "protest", "indignation", "outrage",
                    "disappointment", "alarm", "apprehension", "anxiety"])


def _doers(s: Sentence, noun: Token, done: list[Link], prev_start: int,
           exclude: set[str]) -> list[Mention]:
    """Whom an act names: the actors of its phrase, else (a definite act or "it" with no
    doer named) the doer of the last act told, in this sentence or the one before."""
    found = [m for m in s.actors(noun) if s.index.state_of(m.actor) not in exclude]
    if found or noun.i in s.at:
        return found
    if noun.lower_ in ("it", "this") and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        # "called it an affront": the act "it" stands for, named just before
        noun = acts_told.act_object(noun.head, set(s.at)) or noun
    definite = noun.lower_ in ("it", "this", "that") or any(
        d.lower_ in acts_told.DEFINITE for d in noun.children)
    last = acts_told.earlier_act(s, noun, done, prev_start) if definite else None
    if last is None:
        return []
    return [s.mention_of(x.source) for x in done if x.trigger == last.trigger
            and s.index.state_of(x.source) not in exclude]


def judged_by_noun(s: Sentence, noun: Token, done: list[Link], prev_start: int) -> list[Link]:
    """An act named by a judging noun is pressure on its doer from whoever names it:
    "X called Y's incursion a grave breach", "X branded the seizure an act of
    piracy", "the incursion was a breach of …, X said"."""
    head = noun
    while head.dep_ == "pobj" and head.head.lower_ == "of" and \
            head.head.head.lemma_.lower() in ("act", "form", "kind"):
        head = head.head.head  # "an act of state terrorism"
    verb = head.head
    judges: list[Mention] = []
    acts: list[Token] = []
    if head.dep_ == "dobj" and verb.pos_ == "NOUN" and verb.dep_ == "dobj" and \
            verb.head.lemma_.lower() in _NAMING:
        # "called X's launch a violation", the second object parsed onto the first
        judges = s.subject(verb.head)[0]
        acts = [verb]
        verb = verb.head
    elif head.dep_ in ("oprd", "dobj", "attr") and verb.lemma_.lower() in _NAMING:
        judges = s.subject(verb)[0]
        acts = [c for c in verb.children if c.dep_ == "dobj" and c.i < head.i]
        acts += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                 for p in c.children if p.dep_ == "pobj"]  # "calling it an affront by Y"
    elif head.dep_ == "pobj" and head.head.lower_ == "as" and \
            head.head.head.lemma_.lower() in _NAMING:  # "denounced the raid as a violation"
        verb = head.head.head
        judges = s.subject(verb)[0]
        acts = [c for c in verb.children if c.dep_ == "dobj"]
    elif (head.dep_ == "attr" and verb.lemma_ == "be") or (
            head.dep_ in ("dobj", "attr") and verb.lemma_.lower() in ("constitute",
                                                                       "represent")) or (
            head.dep_ == "pobj" and verb.lower_ == "to" and
            verb.head.lemma_.lower() == "amount"):
        # "the raid was (constituted, amounted to) a violation …, X said"
        verb = verb.head if verb.lower_ == "to" else verb
        speech = verb.head if verb.dep_ == "ccomp" else None
        if speech is None or speech.lemma_.lower() not in SPEAKING | {"call", "declare"}:
            return []
        judges = s.subject(speech)[0]
        acts = [c for c in verb.children if c.dep_ == "nsubj"]
    if not judges or not acts:
        return []
    exclude = {s.index.state_of(m.actor) for m in judges}
    targets = [m for a in acts for m in _doers(s, a, done, prev_start, exclude)]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "pressure", noun.i, None,
                    f"{verb.lemma_.lower()} {noun.lemma_.lower()}", strength * 0.7,
                    s.sent.start)

    return pair_up(s, noun, judges, targets, DIRECT, CLIMBED, link)


def manner(s: Sentence, noun: Token, done: list[Link], prev_start: int) -> list[Link]:
    """A feeling an act is done with or in: "X views Y's buildup with alarm", "X noted
    the move with regret", "X walked out in protest at Y's remarks"."""
    verb = noun.head.head
    judges = s.subject(verb)[0]
    exclude = {s.index.state_of(m.actor) for m in judges}
    targets = [m for w in ("at", "over", "against", "about") for m in s.prep(noun, w) + (
        s.prep(verb, w) if noun.head.lower_ == "in" else [])]
    if not targets and noun.head.lower_ == "with":
        targets = [m for c in verb.children if c.dep_ == "dobj"
                   for m in _doers(s, c, done, prev_start, exclude)]
    targets = [m for m in targets if s.index.state_of(m.actor) not in exclude]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "pressure", noun.i, None,
                    f"{noun.head.lower_} {noun.lemma_.lower()}", strength * 0.7,
                    s.sent.start)

    return pair_up(s, noun, judges, targets, DIRECT, CLIMBED, link)


def disapproval(s: Sentence, tok: Token) -> list[Link]:
    """'does not approve of', 'is no fan of': negated approval is pressure."""
    negated = any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
                  for c in tok.children)
    if not negated and denied(tok):  # "still refuses to recognise X", "X's refusal to …"
        negated = True
    if not negated and tok.pos_ in ("NOUN",):
        head = s.governor(tok)
        negated = head is not None and any(c.dep_ == "neg" for c in head.children)
    if not negated:
        return []
    pos = "verb" if tok.pos_ == "VERB" else "noun"
    cue = Cue(s.book.when_negated[tok.lemma_.lower()], pos, (tok.lemma_.lower(),), 0.75)
    return links_for(s, tok, cue, frozenset(), negated_cue=True)
