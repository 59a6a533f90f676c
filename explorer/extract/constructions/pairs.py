"""From found ends to links: every source with every target (`pair_up`, which may take the
sentence's one other actor for a missing end) and both sides of an undirected relation
(`symmetric_links`)."""

from __future__ import annotations

from spacy.tokens import Token

from explorer.extract.constructions.link import CLIMBED, DIRECT, FALLBACK, Link
from explorer.extract.constructions.sentence import Sentence
from explorer.extract.mentions import Mention

#: Whether a noun cue whose parse names one end may take the sentence's one other actor
#: as the other end (measured on the development set: see docs/extraction.md).
OTHER_ACTOR = True


def pair_up(s: Sentence, tok: Token, sources: list[Mention], targets: list[Mention],
            st1: float, st2: float, link, fallback: bool = False) -> list[Link]:
    """Every source with every target; one missing end may be the sentence's one other
    actor when the found end is a single actor."""
    if not fallback or len({s.index.state_of(m.actor) for m in sources + targets}) != 1:
        pass
    elif sources and not targets:
        targets = s.others({s.index.state_of(m.actor) for m in sources}, tok)
        st2 = FALLBACK
    elif targets and not sources:
        sources = s.others({s.index.state_of(m.actor) for m in targets}, tok)
        st1 = FALLBACK
    out = []
    for a in sources:
        for b in targets:
            if s.index.state_of(a.actor) != s.index.state_of(b.actor):
                out.append(link(a, b, min(st1, st2)))
    return out


def symmetric_links(s: Sentence, tok: Token, pos: str, light: Token | None, link,
                    guess: bool = True, partners: tuple[str, ...] | None = None) -> list[Link]:
    """Both sides of an undirected relation (or of cooperation stated both ways):
    "between X and Y", subject or possessor with object, "with", "to" or apposition,
    coordinated subjects. `guess` lets a noun take the sentence's other actor."""
    between, _ = s.role("between", tok, pos, light)
    pitted = s.prep(tok, "against") if tok.lemma_.lower() == "pit" else []
    named = _named_as(tok) if pos == "noun" else None
    if len(between) >= 2:
        side_a, side_b, strength = between[:1], between[1:], DIRECT
    elif named is not None and s.subject(named)[0] and s.objects(named):
        # "X calls Y a rival", "X regards Y as an ally": the namer and the named
        side_a, side_b, strength = s.subject(named)[0], s.objects(named), CLIMBED
    elif pitted:  # "pits X and Y against Z"
        side_a, side_b, strength = s.objects(tok), pitted, DIRECT
    else:
        side_a, st_a = s.first(("subj", "poss", "attached") if pos == "verb" else
                               ("subj", "poss", "attached", "prep:by"), tok, pos, light)
        exclude = {s.index.state_of(m.actor) for m in side_a}
        names = ("obj", "dative", "prep:with", "prep:to", "prep:of", "prep:in", "prep:into") \
            if pos == "verb" or tok.lemma_.lower() in ("visit", "trip") else \
            ("prep:with", "obj", "dative", "prep:between", "prep:of", "prep:to", "poss",
             "appos", "prep:among", "relcl", "attached")  # "China, Pakistan's closest ally"
        side_b, st_b = s.first(partners or names, tok, pos, light, exclude)
        strength = min(st_a, st_b)
        if not side_a and not side_b and pos == "noun" and tok.dep_ == "pobj" and \
                tok.head.lower_ == "during" and tok.head.head.pos_ == "VERB":
            # "X assured Y during talks": the verb's two ends were at the talks
            verb = tok.head.head
            side_a, st_a = s.subject(verb)
            exclude = {s.index.state_of(m.actor) for m in side_a}
            side_b = [m for m in s.objects(verb) + s.dative(verb) + s.prep(verb, "with")
                      if s.index.state_of(m.actor) not in exclude]
            strength = CLIMBED
        group = side_a if len(side_a) >= 2 and not side_b else \
            side_b if len(side_b) >= 2 and not side_a else []
        if group:  # "Putin and Kim met", "the alliance the three countries forged"
            out = []
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if s.index.state_of(a.actor) != s.index.state_of(b.actor):
                        out.append(link(a, b, strength))
            return out
        elif side_a and not side_b and pos == "noun" and OTHER_ACTOR and guess and \
                not _members_acting(tok):
            side_b, strength = s.others(exclude, tok), FALLBACK
        elif side_b and not side_a and pos == "noun" and OTHER_ACTOR and guess:
            side_a = s.others({s.index.state_of(m.actor) for m in side_b}, tok)
            strength = FALLBACK
        elif not side_a and not side_b and pos == "noun" and guess and \
                not _acted_on(s, tok):
            # "a strategic partnership was announced" in a sentence naming two parties
            groups: dict[str, Mention] = {}
            for i, ms in sorted(s.at.items()):
                for m in ms:
                    if i == m.start:
                        groups.setdefault(s.index.state_of(m.actor), m)
            if len(groups) == 2:
                first, second = groups.values()
                side_a, side_b = [first], [second]
                strength = FALLBACK * 0.8
    out = []
    for a in side_a:
        for b in side_b:
            if s.index.state_of(a.actor) != s.index.state_of(b.actor):
                out.append(link(a, b, strength))
    if out and out[0].type == "meeting" and len(side_a) >= 2 and \
            tok.lemma_.lower() not in ("travel", "fly", "visit", "trip", "host"):
        # "X and Y sat down with Z": X and Y met as well
        out += [link(a, b, strength) for i, a in enumerate(side_a) for b in side_a[i + 1:]
                if s.index.state_of(a.actor) != s.index.state_of(b.actor)]
    return out


#: Verbs that name their object as something: "calls Y a rival", "regards Y as an ally".
_NAMING = frozenset(["call", "consider", "regard", "view", "see", "describe", "label",
                     "brand", "deem", "designate", "treat", "name"])


def _named_as(noun: Token) -> Token | None:
    """The naming verb whose object the noun says what it is, if any."""
    if noun.dep_ in ("oprd", "xcomp") and noun.head.lemma_.lower() in _NAMING:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and \
            noun.head.head.lemma_.lower() in _NAMING:
        return noun.head.head
    return None


#: Plural nouns for the members of a side: "NATO allies pledged …" are its members acting.
_MEMBERS = frozenset(["ally", "partner", "member"])


def _members_acting(noun: Token) -> bool:
    """"NATO allies pledged air defence for Y", "EU partners condemned Y": the members
    of a side acting on someone, not their alliance with whom they act on."""
    return noun.tag_ == "NNS" and noun.lemma_.lower() in _MEMBERS and \
        noun.dep_ in ("nsubj", "nsubjpass")


def _acted_on(s: Sentence, noun: Token) -> bool:
    """True when the noun is what a named actor does something to ("X joined the pact")."""
    verb = s.governor(noun)
    return verb is not None and bool(s.subject(verb)[0])
