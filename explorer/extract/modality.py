"""How firmly a sentence states a relation: asserted, hedged or negated, and whose words.

Hedges ("may", "could", "reportedly", "analysts doubt", "there are signs
that", "I don't think"), negation ("has not provided", "failed to provide",
"no support") and reported speech ("X said …", "according to X") each lower
the confidence; nothing is dropped and nothing hedged is stated as fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

__all__ = ["Modality", "assess"]

HEDGE_AUX = frozenset({"may", "might", "could", "would", "should"})
HEDGE_ADVERBS = frozenset({
    "reportedly", "allegedly", "possibly", "probably", "likely", "apparently", "perhaps",
    "reputedly", "purportedly", "seemingly", "supposedly", "maybe", "presumably",
    "potentially", "unlikely",
})
HEDGE_VERBS = frozenset({
    "doubt", "believe", "think", "expect", "suspect", "speculate", "suggest", "claim",
    "allege", "fear", "hope", "question", "predict", "estimate", "assume", "seem", "appear",
    "rumour", "rumor", "guess", "wonder", "imagine", "consider", "reckon", "may",
    "threaten",  # "threatened to cut ties": the act is not done
    # intents, wishes and requests (CAMEO 02, 03): "vowed to cut ties", "sought to buy",
    # "urged X to impose": the act is not done either
    "vow", "want", "seek", "plan", "intend", "aim", "promise", "offer", "propose", "urge",
    "ask",
})
HEDGE_NOUNS = frozenset({
    "sign", "possibility", "rumour", "rumor", "speculation", "suggestion", "claim", "doubt",
    "likelihood", "prospect", "report", "allegation", "suspicion", "fear",
})
HEDGE_ADJECTIVES = frozenset({
    "skeptical", "sceptical", "possible", "likely", "unlikely", "doubtful", "uncertain",
    "unclear", "unconfirmed", "alleged",
})
NEGATING_VERBS = frozenset({"fail", "refuse", "decline", "deny", "reject", "cease", "avoid",
                            "abandon", "neglect"})
SPEECH_VERBS = frozenset({
    "say", "tell", "state", "add", "note", "write", "argue", "insist", "stress", "report",
    "announce", "comment", "remark", "explain", "tweet", "assert", "confirm", "reiterate",
    "quote", "testify", "acknowledge", "admit",
})
#: Verbs whose complement is what the subject accuses someone of: the accused act is
#: reported, kept at a distance (hedged) and attributed to the accuser.
ACCUSE_VERBS = frozenset({"accuse", "charge", "blame", "allege", "claim"})
#: Verbs whose "against"/"from" complement is an act that has not happened.
WARN_AGAINST = frozenset({"warn", "caution", "deter", "stop", "prevent", "discourage",
                          "dissuade", "bar", "ban", "refrain"})
FACTOR = {"asserted": 1.0, "hedged": 0.6, "negated": 0.5}
REPORTED = 0.85


@dataclass(frozen=True)
class Modality:
    """The modality of a link and what lowered it."""

    modality: str  # asserted | hedged | negated
    reported: bool = False
    speaker_token: int | None = None
    reason: str = ""

    @property
    def factor(self) -> float:
        return FACTOR[self.modality] * (REPORTED if self.reported else 1.0)


def _conditional(verb: Token) -> bool:
    """A verb with an "if"/"unless" clause, or inside one."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                     for m in c.children):
            return True
    return any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in verb.children)


#: Nouns that deny the act they govern: "X's refusal to recognise Y".
NEGATING_NOUNS = frozenset({"refusal", "failure", "reluctance", "unwillingness"})


def denied(verb: Token) -> bool:
    """An act its governor denies: "failed to provide", "refused to back", "X's refusal to
    recognise", "has yet to recognise", "stopped short of recognising"."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in NEGATING_VERBS:
        return True
    if verb.dep_ in ("acl", "xcomp") and head.pos_ == "NOUN" and \
            head.lemma_.lower() in NEGATING_NOUNS:
        return True
    if verb.dep_ == "xcomp" and any(c.lower_ == "yet" and c.dep_ == "advmod"
                                    for c in head.children):
        return True  # "has yet to recognise", "is yet to"
    if verb.dep_ == "pcomp" and head.lower_ == "from" and \
            head.head.lemma_.lower() in ("abstain", "refrain", "desist"):
        return True  # "abstained from condemning X"
    return verb.dep_ == "pcomp" and head.head.lower_ == "short" and \
        head.head.head.lemma_.lower() == "stop"


#: Verbs that undo a planned act: "cancelled the visit", "called off the talks".
CANCEL_VERBS = frozenset({"cancel", "postpone", "scrap", "shelve", "abort", "scuttle"})


def _cancelled(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in CANCEL_VERBS or (lemma == "call" and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children))


def _negated_here(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")) or
               (c.lower_ in ("never", "neither") and c.dep_ in ("advmod", "preconj", "cc"))
               for c in tok.children)


def _joined_unowned(noun: Token) -> bool:
    """A cue noun nobody owns, the object of a verb its subject denies doing: "would not
    join sanctions", "refused to take part in the drills" (the subject is the noun's only
    doer; "did not condemn Russia's invasion" still tells the invasion)."""
    if noun.pos_ != "NOUN" or any(c.dep_ in ("poss", "agent") or (
            c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG"))
            for c in noun.children):
        return False
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ != "VERB" or noun.dep_ not in ("dobj", "pobj"):
        return False
    return _negated_here(verb) or denied(verb)


def assess(trigger: Token, light: Token | None = None, negated_cue: bool = False) -> Modality:
    """Modality of the relation cued at `trigger` (governed by `light`, if a light verb)."""
    own = [trigger] if light is None else [trigger, light]
    negated = not negated_cue and any(_negated_here(t) for t in own)
    first_verb = light if light is not None else trigger
    if not negated_cue and first_verb.dep_ == "conj" and _negated_here(first_verb.head) and \
            any(c.lower_ in ("or", "nor") for c in first_verb.head.children):
        negated = True  # "has never denounced X or called on Y …"
    hedge = ""
    # the verbs the cue depends on, up to the sentence root
    chain: list[Token] = []
    node = light if light is not None else trigger
    # a relative clause or an apposition stands alone: "X, an ally of Y, urged …"
    while node.head.i != node.i and node.dep_ not in ("relcl", "appos"):
        chain.append(node.head)
        node = node.head
    # "failed to provide", "refused to back": the governing verb denies the relation
    first = light if light is not None else trigger
    if not negated_cue and denied(first):
        negated = True
    if not negated_cue and trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") \
            and _cancelled(trigger.head):
        negated = True  # "called off the talks", "the visit was cancelled"
    if not negated_cue and light is None and _joined_unowned(trigger):
        negated = True  # "would not join sanctions on X", "declined to join the drills"
    if trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "any"
                                      for c in trigger.children):
        hedge = "any"  # "any attack by X would end the deal": an act supposed, not told
    if light is not None and light.lemma_.lower() == "invite":
        hedge = "invite"  # "invited Y to talks": talks offered, not held
    for t in (*own, *chain):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in HEDGE_AUX and not (
                    c.lower_ == "would" and not _conditional(t)):
                hedge = hedge or c.lower_  # "would" alone announces; with "if" it hedges
            if c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS:
                hedge = hedge or c.lower_
    reported = False
    speaker = None
    for t in chain:
        lemma = t.lemma_.lower()
        if (t.pos_ == "VERB" and lemma in HEDGE_VERBS) or (t.pos_ == "NOUN" and lemma in
                                                             HEDGE_NOUNS) or \
                (t.pos_ == "ADJ" and lemma in HEDGE_ADJECTIVES):
            hedge = hedge or lemma
            if _negated_here(t):  # "I don't think", "we don't expect"
                hedge = f"not {lemma}"
        if lemma in SPEECH_VERBS and (light is None or t.i != light.i):
            reported = True
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            speaker = subj[0].i if subj else speaker
        if lemma == "accord":  # "according to X"
            reported = True
        if t.lower_ in ("against", "from") and t.dep_ == "prep" and \
                t.head.lemma_.lower() in WARN_AGAINST:
            hedge = hedge or f"{t.head.lemma_.lower()} {t.lower_}"  # "warned X against sending"
        if lemma in ACCUSE_VERBS and t.pos_ == "VERB" and (light is None or t.i != light.i):
            hedge = hedge or f"{lemma} (accusation)"
            reported = True
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            speaker = subj[0].i if subj else speaker
    sent = trigger.sent
    for t in sent:
        if t.i >= trigger.i:
            break
        if t.lower_ in HEDGE_ADJECTIVES | {"doubt", "doubts"} and t.head.pos_ != "NOUN" and \
                any(x.text == ":" for x in sent if t.i < x.i < trigger.i):
            hedge = hedge or t.lower_  # "X is skeptical: ‘…’"
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor().lower_ == "to":
            reported = True
            speaker = speaker or (t.i + 2 if t.i + 2 < sent.end else None)
    if negated:
        return Modality("negated", reported, speaker, "negation")
    if hedge:
        return Modality("hedged", reported, speaker, hedge)
    return Modality("asserted", reported, speaker, "")
