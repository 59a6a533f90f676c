"""A cue read through its roles (`links_for`): source and target from cues.yaml, with the
readings that change a cue's type or direction (backing a measure, drills with a
partner, reverse verbs, "under pressure from", "received backing from", clashes, "each
other", breakaway parts)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from explorer.extract.constructions.ceasing import SUPPORT
from explorer.extract.constructions.link import CLIMBED, DIRECT, Link
from explorer.extract.constructions.pairs import OTHER_ACTOR, pair_up, symmetric_links
from explorer.extract.constructions.sentence import (
    QUANTITIES,
    SPEAKING,
    Sentence,
    counted,
    is_light,
    light_verb,
)
from explorer.extract.constructions.transfers import goods_of_verb
from explorer.extract.cues import Cue
from explorer.extract.mentions import Mention

#: Verbs whose subject undergoes the cue noun: "X drew condemnation from Y".
_UNDERGO = frozenset({"draw", "face", "attract", "incur", "suffer", "receive", "earn", "meet",
                      "come", "provoke", "trigger", "spark"})

#: Measures aimed at someone: backing one is the measure, not support for its target.
_MEASURES = frozenset(["sanction", "embargo", "tariff", "ban", "blockade", "boycott"])


def links_for(s: Sentence, tok: Token, cue: Cue, symmetric: frozenset[str],
              negated_cue: bool = False) -> list[Link]:
    book = s.book
    pos = cue.pos
    lemma = tok.lemma_.lower()
    if pos == "verb" and lemma in book.needs_xcomp and cue.type == "pressure" and \
            not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        return []
    if pos == "verb" and cue.type == "pressure" and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(
                p.i in {n.i for n in s.cue_nouns} for p in c.children)
            for c in tok.children) and not any(c.dep_ == "dobj" for c in tok.children):
        return []  # "pressed for an embargo": the measure is the relation (not "blamed
        # X for the attack", "criticised X for its sanctions": pressure on X)
    if pos == "verb" and lemma in book.transfers and goods_of_verb(s, tok):
        return []  # the transfer reading decides
    if pos == "verb" and is_light(book, tok) and any(
            c.dep_ == "dobj" and counted(c).i in {n.i for n in s.cue_nouns}
            for c in tok.children):
        return []  # "imposed export controls on X": the noun decides, not "impose"
    if pos == "verb" and any(c.dep_ == "dobj" and c.lemma_.lower() in book.word_sense
                             for c in tok.children) and cue.type != "sanctions":
        return []  # "struck a bargain", "met the target": another sense of the verb
    if pos == "verb" and cue.type == "armed_conflict" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _SAID for c in tok.children):
        # "blasted X's decision", "attacked the plan": criticism, not an assault
        cue = Cue("pressure", "verb", cue.lemmas, cue.strength, cue.source)
    if pos == "verb" and cue.type == "diplomatic_support" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _FORCES for c in tok.children):
        # "sent to support Congo's army", "backs Kyiv's forces": military support
        cue = Cue("military_support", "verb", cue.lemmas, cue.strength, cue.source)
    if pos == "verb" and cue.type == "armed_conflict" and any(
            c.dep_ == "prep" and c.lower_ == "with" and p.lemma_.lower() in _PENALTIES
            for c in tok.children for p in c.children if p.dep_ == "pobj"):
        # "hit X with tariffs", "targeted X with sanctions": the measure, not a blow
        cue = Cue("sanctions", "verb", cue.lemmas, cue.strength, cue.source)
    if pos == "noun" and tok.lemma_.lower() in book.needs_modifier and not any(
            c.lower_ in book.naming_modifiers or c.is_quote or (
                c.dep_ == "compound" and any(g.lower_ in book.naming_modifiers
                                             for g in c.children))
            for c in tok.children) and not (tok.i > 0 and tok.nbor(-1).is_quote):
        return []  # "partnership", "pact" count only when named ("strategic", "military
        # cooperation pact", quoted): a lithium pact or a trade pact is no alliance
    light = light_verb(s, tok, pos)
    drills_with = cue.type == "threat" and pos == "noun" and lemma in _DRILLS and bool(
        s.prep(tok, "with") or (light is not None and s.prep(light, "with")) or
        any(c.lower_ in _JOINTLY for c in tok.children))  # "trilateral air drills"
    if drills_with:  # "held exercises with Belarus": cooperation, not a show of force
        cue = Cue("military_support", "noun", cue.lemmas, cue.strength, cue.source)
    cue_name = " ".join(cue.lemmas)

    def link(src: Mention, dst: Mention, strength: float, type_: str = cue.type) -> Link:
        return Link(src.actor, dst.actor, type_, tok.i, light.i if light is not None else None,
                    cue_name, strength * cue.strength, s.sent.start, negated_cue=negated_cue,
                    cue_source=cue.source)

    if cue.type in symmetric:
        return symmetric_links(s, tok, pos, light, link,
                               guess=cue.type not in book.no_fallback and cue.source == "ours")
    if cue.type == "diplomatic_support" and pos == "verb":
        # backing a measure against X is the measure ("backs new sanctions on X")
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in QUANTITIES:
                c = next((p for g in c.children if g.dep_ == "prep" and g.lower_ == "of"
                          for p in g.children if p.dep_ == "pobj"), c)  # "round of sanctions"
            if c.dep_ in ("dobj", "nsubjpass", "pobj") and c.lemma_.lower() in _MEASURES:
                # the backer pushes for the measure; its modifiers and "on X" name the target
                backers, st1 = s.subject(tok)
                exclude = {s.index.state_of(m.actor) for m in backers}
                targets, st2 = s.first(book.roles_for("sanctions", "noun", "target"), c,
                                       "noun", None, exclude)
                targets = targets or [m for m in s.modifiers(c)
                                      if s.index.state_of(m.actor) not in exclude]

                def measure(src: Mention, dst: Mention, strength: float,
                            noun: Token = c) -> Link:
                    return Link(src.actor, dst.actor, "sanctions", noun.i, tok.i,
                                f"{lemma} {noun.lemma_.lower()}", strength * cue.strength,
                                s.sent.start, cue_source=cue.source, decisive=True)

                return pair_up(s, c, backers, targets, DIRECT if not st1 else CLIMBED,
                               st2, measure)
    if cue.type in ("military_support", "economic_support") and (
            cue.lemmas in book.bilateral or drills_with or (pos == "noun" and any(
                c.lower_ in _JOINTLY for c in tok.children))):
        pairs = symmetric_links(s, tok, pos, light, link, guess=False,
                                partners=("prep:with", "prep:between", "dative", "poss"))
        if not pairs and not drills_with and tok.lemma_.lower() in _DRILLS and \
                not any(c.lower_ in _JOINTLY for c in tok.children):
            # drills with no partner named: a show of force aimed at someone
            return links_for(s, tok, Cue("threat", "noun", cue.lemmas, cue.strength,
                                         cue.source), symmetric)
        return pairs + [link(s.mention_of(x.target), s.mention_of(x.source), x.strength
                             / cue.strength) for x in pairs]
    if pos == "verb" and lemma in book.reverse_verbs:
        sources, st1 = s.first(("prep:on", "prep:upon", "obj"), tok, pos, light)
        targets, st2 = s.first(("subj",), tok, pos, light)
    else:
        sources, st1 = s.first(book.roles_for(cue.type, pos, "source"), tok, pos, light)
        exclude = {s.index.state_of(m.actor) for m in sources}
        roles = book.roles_for(cue.type, pos, "target")
        if pos == "verb" and len(cue.lemmas) == 2:  # "side with X on Y": X
            roles = (f"prep:{cue.lemmas[1]}", *roles)
        if pos == "verb" and cue.type == "pressure" and not any(
                c.dep_ in ("dobj", "dative") for c in tok.children):
            roles = (*roles, "clause")  # "cautioned that worse would follow unless X …"
        if cue.type == "armed_conflict" and pos == "noun":
            roles = (*roles, "prep:in")  # "airstrikes in Pakistan"
        targets, st2 = s.first(roles, tok, pos, light, exclude)
        if cue.type in ("armed_conflict", "threat") and pos == "verb" and not targets and \
                tok.dep_ == "pcomp" and tok.head.lower_ in ("of", "for") and \
                tok.head.head.lemma_.lower() in _BLAMING:
            # "X accused Y of shelling a nuclear plant": X's, unless the text says whose
            targets, st2 = [m for m in s.subject(tok.head.head)[0]
                            if s.index.state_of(m.actor) not in exclude], CLIMBED
        if cue.type == "pressure" and pos == "verb" and not targets:
            # "condemned the attack, saying X had violated …": the one the reason names
            targets = [a for c in tok.children if c.dep_ == "advcl" and
                       c.lemma_.lower() in SPEAKING for g in c.children if g.dep_ == "ccomp"
                       for x in g.children if x.dep_ in ("nsubj", "nsubjpass")
                       for a in s.actors(x) if s.index.state_of(a.actor) not in exclude]
            st2 = CLIMBED
        if cue.type in ("pressure", "sanctions", "threat", "armed_conflict") and \
                pos == "noun" and not targets:
            # "X is under pressure from Y", "X drew condemnation from Y": X is the target
            governor = s.governor(tok)
            if governor is not None and (_under(tok) or governor.lemma_ in _UNDERGO):
                targets, st2 = s.subject(governor)[0], CLIMBED
                if not sources:  # "drawing condemnation from X", "from" on the verb
                    sources = [m for m in s.prep(governor, "from") if m not in targets]
    if cue.type in SUPPORT and pos == "noun" and not targets:
        # "X received (won, enjoys) strong backing from Y": X is supported
        governor = s.governor(tok)
        if governor is not None and governor.lemma_.lower() in _GAIN:
            targets, st2 = s.subject(governor)[0], CLIMBED
            sources = [m for m in sources if m not in targets] or \
                [m for m in s.prep(governor, "from") if m not in targets]
    if cue.type in SUPPORT and pos == "noun" and sources and _thanked_for(tok):
        # "X is grateful to Y for the loans": the loans went from Y to X, not from the
        # one who thanks (the thanks themselves are X's praise of Y, read at their cue)
        thankers, _ = s.subject(tok.head.head)
        thanked = _thanked(s, tok.head.head)
        own = {m.actor for m in thankers}
        if thanked and {m.actor for m in sources} <= own:
            sources = thanked  # "thanked Y for its loans to Z": Y's loans to Z
            given_to = {m.actor for m in s.prep(tok, "to")} - own
            targets = [m for m in targets if m.actor in given_to] or thankers
    if pos == "verb" and lemma == "welcome" and cue.type == "diplomatic_support":
        # "welcomed X's decision": its owner (a welcomed visitor is a meeting)
        if any(c.dep_ == "dobj" and c.i in s.at for c in tok.children):
            return []
        targets = [m for c in tok.children if c.dep_ == "dobj" for m in s.modifiers(c)
                   if s.index.state_of(m.actor) not in {s.index.state_of(a.actor)
                                                        for a in sources}]
    reciprocal = (light is not None and light.lemma_.lower() in ("exchange", "trade")) or \
        (pos == "verb" and lemma in ("share", "exchange", "swap"))  # "X and Y agreed to share …"
    if pos == "verb" and lemma in CLASH:  # "X clashed with Y", "X and Y skirmished"
        # not when they fight someone else together ("X and Y fight armed gangs")
        reciprocal = not any(c.dep_ == "dobj" and c.lemma_.lower() not in _FIGHTS
                             for c in tok.children)
        if not targets:
            sides = {s.index.state_of(m.actor) for m in sources}
            targets = [m for m in s.prep(tok, "with") if s.index.state_of(m.actor) not in sides]
            if targets:
                return [x for a in sources for b in targets for x in
                        (link(a, b, st1), link(b, a, st1))
                        if s.index.state_of(a.actor) != s.index.state_of(b.actor)]
    if pos == "verb" and len(sources) >= 2 and any(
            c.dep_ in ("dobj", "dative") and (
                (c.lower_ == "other" and any(d.lower_ == "each" for d in c.children)) or
                (c.lower_ == "another" and any(d.lower_ == "one" for d in c.children)) or
                (c.lower_ == "one" and any(d.lower_ == "another" for d in c.children)))
            for c in tok.children):  # "X and Y accused each other": both ways
        return [link(a, b, st1) for a in sources for b in sources
                if s.index.state_of(a.actor) != s.index.state_of(b.actor)]
    if not targets and len(sources) >= 2 and (reciprocal or any(
            c.dep_ == "amod" and c.lemma_.lower() in ("mutual", "reciprocal")
            for c in tok.children)):  # "X and Y pledged mutual assistance", "exchanged fire"
        return [link(a, b, st1) for a in sources for b in sources
                if s.index.state_of(a.actor) != s.index.state_of(b.actor)]
    if pos == "verb" and lemma in ("share", "exchange", "swap") and \
            cue.type == "military_support":  # "X shares intelligence with Y": both ways;
        # what it is about is no partner ("information on X's programmes")
        targets = [m for m in s.prep(tok, "with") + s.dative(tok) +
                   [x for c in tok.children if c.dep_ == "dobj" for x in s.prep(c, "with")]
                   if s.index.state_of(m.actor) not in {s.index.state_of(a.actor)
                                                        for a in sources}]
        if not targets:
            return [link(a, b, st1) for a in sources for b in sources
                    if s.index.state_of(a.actor) != s.index.state_of(b.actor)]
        return [x for a in sources for b in targets for x in
                (link(a, b, min(st1, st2)), link(b, a, min(st1, st2)))
                if s.index.state_of(a.actor) != s.index.state_of(b.actor)]
    if cue.type == "diplomatic_support" and any(_part_of(m, tok) for m in targets):
        # "recognised the independence of Georgia's breakaway regions": against Georgia
        parts = [m for m in targets if _part_of(m, tok)]
        targets = [m for m in targets if m not in parts]

        def against(src: Mention, dst: Mention, strength: float) -> Link:
            return replace(link(src, dst, strength), type="pressure",
                           cue=f"{cue_name} (breakaway part)")

        out = pair_up(s, tok, sources, parts, st1, st2, against)
        return out + (pair_up(s, tok, sources, targets, st1, st2, link) if targets else [])
    # the one other actor of the sentence may complete only a noun cue of our own
    elided = pos != "verb" and cue.source == "ours"
    return pair_up(s, tok, sources, targets, st1, st2, link,
                   fallback=OTHER_ACTOR and elided and not negated_cue and
                   cue.type not in book.no_fallback)


#: Verbs that charge their object with an act: "accused Y of shelling …".
_BLAMING = frozenset(["accuse", "charge", "blame", "condemn", "denounce", "criticise",
                      "criticize"])
#: A state's armed forces: supporting them is military support.
_FORCES = frozenset(["army", "force", "military", "troop", "soldier", "navy", "police"])
#: Penalties dealt to someone: "hit X with tariffs" is a measure, not a blow.
_PENALTIES = frozenset(["sanction", "tariff", "embargo", "ban", "duty", "levy", "penalty",
                        "restriction", "fine", "measure", "boycott", "blockade"])
#: What is said or decided: attacking it is criticism ("blasted X's decision").
_SAID = frozenset(["decision", "move", "policy", "plan", "remark", "comment", "statement",
                   "proposal", "stance", "law", "bill", "record", "rhetoric", "speech",
                   "claim", "report", "approach", "handling", "filling", "resolution",
                   "ruling", "announcement", "idea", "choice", "refusal", "failure",
                   "response", "reform", "budget", "deal", "agreement", "strategy",
                   "leadership", "government", "position", "visit", "election", "vote"])
#: Parts of a state that break away from it: supporting them is no support for it.
_PARTS = frozenset(["region", "province", "republic", "enclave", "territory", "north",
                    "south", "east", "west", "part", "entity", "statelet", "separatist",
                    "rebel", "breakaway", "secessionist"])
_BREAKAWAY = frozenset(["breakaway", "separatist", "rebel", "self-proclaimed",
                        "self-declared", "secessionist", "occupied", "annexed"])


def _part_of(m: Mention, top: Token) -> bool:
    """The actor names a breakaway part of itself ("Georgia's breakaway regions", "the
    separatist republics in eastern Ukraine")."""
    tok = top.doc[m.head]
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i == top.i:
            break
        lemma = tok.lemma_.lower()
        if lemma in ("separatist", "rebel", "secessionist") or (
                tok.pos_ == "NOUN" and lemma in _PARTS and
                any(c.lower_ in _BREAKAWAY for c in tok.children)):
            return True
    return False


#: Verbs of getting support: "received backing from X", "won the support of X".
_GAIN = frozenset(["receive", "win", "get", "enjoy", "secure", "gain", "obtain", "garner",
                   "earn", "seek", "court"])
#: What makes an exercise or an effort shared: "joint", "trilateral air drills".
_JOINTLY = frozenset(["joint", "bilateral", "trilateral", "combined", "multinational",
                      "multilateral", "quadrilateral"])
#: Drills: aimed near someone a threat, held with someone cooperation.
_DRILLS = frozenset(["drill", "exercise", "manoeuvre", "maneuver", "game"])
#: What two sides fight with each other: "X and Y fought two wars".
_FIGHTS = frozenset(["war", "battle", "conflict", "skirmish", "clash", "fight", "duel"])
#: Fighting verbs said of both sides at once: "clashed with", "X and Y skirmished".
CLASH = frozenset(["clash", "skirmish", "fight", "battle", "spar"])


#: Words of thanks: what an actor thanks another for, the other gave it.
_THANKS = frozenset(["thank", "thanks", "grateful", "thankful", "gratitude", "appreciation",
                     "appreciative", "indebted"])


def _thanked_for(tok: Token) -> bool:
    """The noun is what someone is thanked for: "thanked Y for the loans", "is grateful
    to Y for the loans", "expressed gratitude to Y for the loans"."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "for":
        return False
    frame = tok.head.head
    return frame.lemma_.lower() in _THANKS or any(
        c.dep_ in ("acomp", "dobj") and c.lemma_.lower() in _THANKS for c in frame.children)


def _thanked(s: Sentence, frame: Token) -> list[Mention]:
    """Whom a frame of thanks thanks: "thanked Y", "grateful to Y", "gratitude to Y"."""
    words = [frame, *(c for c in frame.children
                      if c.dep_ in ("acomp", "dobj") and c.lemma_.lower() in _THANKS)]
    found = [m for w in words for m in s.prep(w, "to")]
    if frame.lemma_.lower() == "thank":
        found += [m for c in frame.children if c.dep_ == "dobj" for m in s.actors(c)]
    return found


def _under(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in ("under", "amid")
