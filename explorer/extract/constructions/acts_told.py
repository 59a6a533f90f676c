"""Which act told earlier in a document a reaction is about, when the reaction does not
name its doer: "Chile welcomed the move", "X called the seizure an act of piracy",
"Y denounced it as well".

The relation readers keep the acts told so far (links other than pressure, meetings and
rivalry, in the order told). A definite noun that names an act ("the strikes", "the
seizure", "the reimposition of sanctions") or an object "it" that stands for one is
matched to one of them; its doer is the other end of the reaction. These helpers decide
which words name an act, what "it" stands for, and the last resort: the article's first
act told, which news tells first because the rest reacts to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Token

from explorer.extract.constructions.link import Link
from explorer.extract.constructions.sentence import GENERIC_ACTS, Sentence

__all__ = ["DEFINITE", "act_object", "earlier_act", "is_act_noun", "main_act"]

#: Determiners that make a noun name something already told.
DEFINITE = frozenset(["the", "this", "these", "that", "those"])
#: Nouns of acts one reacts to that carry no cue of their own and no telling suffix.
_ACTS = frozenset(["strike", "airstrike", "attack", "raid", "invasion", "incursion",
                   "shelling", "bombing", "sanction", "tariff", "ban", "embargo", "expulsion",
                   "deployment", "test", "launch", "drill", "exercise", "move", "decision",
                   "step", "action", "measure", "operation", "crackdown", "blockade",
                   "coup", "takeover", "buildup", "build-up", "shootdown", "assault",
                   "offensive", "incident", "killing", "arrest"])
#: Suffixes of nouns made from verbs of acting: "diversion", "bombardment", "seizure",
#: "withdrawal", "landing".
_SUFFIXES = ("ion", "ment", "ure", "al", "ing")
#: Nouns with those suffixes that name no act.
_NOT_ACTS = frozenset(["region", "nation", "union", "opinion", "population", "position",
                       "situation", "information", "relation", "question", "mission",
                       "commission", "government", "parliament", "agreement",
                       "statement", "department", "treasure", "capital", "official",
                       "national", "general", "meeting", "building", "thing", "evening",
                       "morning", "briefing", "opposition", "coalition", "delegation",
                       "administration", "minister", "future", "culture", "structure",
                       "nature", "pressure", "proposal", "rival", "signal", "terminal",
                       "material", "percentage", "tension", "condemnation", "criticism",
                       "declaration", "resolution", "convention", "organisation",
                       "organization", "institution", "constitution", "election",
                       "federation", "direction", "condition", "tradition", "portion",
                       "session", "version", "vision", "legislation", "regulation"])
#: Nouns that name a way a measure is taken again or kept: "the renewal of sanctions".
_PROCESS = frozenset(["renewal", "reimposition", "imposition", "extension", "expansion",
                      "tightening", "continuation", "resumption", "escalation", "lifting"])


class Told(Protocol):
    """What these helpers read of a link told earlier."""

    trigger: int
    sent_start: int


def is_act_noun(tok: Token) -> bool:
    """Whether a noun names an act one may react to."""
    if tok.pos_ != "NOUN":
        return False
    lemma = tok.lemma_.lower()
    if lemma in _ACTS:
        return True
    return lemma.endswith(_SUFFIXES) and lemma not in _NOT_ACTS and len(lemma) > 5


def _definite(tok: Token) -> bool:
    return any(d.lower_ in DEFINITE for d in tok.children)


def act_object(verb: Token, named: set[int]) -> Token | None:
    """The act a reaction verb's object names, when the object names no actor: "the
    strikes", "the reimposition of sanctions" (the sanctions), "it" (the last act noun
    told before it in this sentence or the one before: "X said the raid was illegal, and
    Y denounced it")."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if any(t.i in named for t in obj.subtree):
            return None
        if obj.lower_ in ("it", "this"):
            return _antecedent(obj)
        if not _definite(obj):
            continue
        if obj.lemma_.lower() in _PROCESS:
            inner = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"), None)
            if inner is not None and is_act_noun(inner):
                return inner
        if is_act_noun(obj):
            return obj
    return None


def _antecedent(pron: Token) -> Token | None:
    """The last definite act noun before a pronoun, in its sentence or the one before."""
    doc = pron.doc
    start = pron.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for i in range(pron.i - 1, start - 1, -1):
        tok = doc[i]
        if is_act_noun(tok) and _definite(tok):
            return tok
    return None


def main_act(done: Sequence[Told]) -> Told | None:
    """The article's first act told: what a definite act no earlier word matches is
    about ("the diversion", "the decision" long after the lede)."""
    return done[0] if done else None


#: Words for one kind of act, for "condemned the exercises" after "held drills".
_SAME_ACT = {"exercise": "drill", "manoeuvre": "drill", "maneuver": "drill", "game": "drill",
             "airstrike": "strike", "bombing": "strike", "raid": "strike", "attack": "strike",
             "shelling": "strike"}


def earlier_act(s: Sentence, noun: Token, done: list[Link], prev_start: int
                ) -> Link | None:
    """The act a definite noun names: the last of the same kind ("the strikes"), else of
    its cue's type, else for "the move", "the decision", "it" the previous sentence's."""
    if not done:
        return None
    doc = s.sent.doc
    lemma = noun.lemma_.lower()
    kind = _SAME_ACT.get(lemma, lemma)
    earlier = next((x for x in reversed(done)
                    if _SAME_ACT.get(doc[x.trigger].lemma_.lower(),
                                     doc[x.trigger].lemma_.lower()) == kind), None)
    cued = [c for c in s.book.cues.get(lemma, ()) if c.pos == "noun" and len(c.lemmas) == 1]
    if earlier is None and cued:
        earlier = next((x for x in reversed(done) if x.type == cued[0].type), None)
    if earlier is None and not cued and (lemma in GENERIC_ACTS or noun.pos_ == "PRON") \
            and done[-1].sent_start == prev_start:
        earlier = done[-1]
    if earlier is None and lemma in GENERIC_ACTS:
        earlier = main_act(done)  # "the decision" long after the lede
    return earlier
