"""Role lookups over one sentence's parse and mentions (`Sentence`): the actors a token
stands for, a verb's subject and objects, a cue's roles by name (cues.yaml), the one
other actor; with the word sets those lookups read and small parse helpers (light
verbs, counted quantities)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from explorer.extract.constructions.link import CLIMBED, DIRECT
from explorer.extract.cues import CueBook
from explorer.extract.mentions import ActorIndex, Mention

#: Nouns that name others by their relation to the possessor ("Ukraine's allies").
_RELATIONAL = frozenset({"ally", "partner", "neighbour", "neighbor", "friend", "backer",
                         "supporter", "rival", "enemy", "foe", "adversary", "critic"})
QUANTITIES = frozenset({"round", "set", "package", "wave", "series", "raft", "batch", "slew",
                        "tranche", "number", "hundred", "dozen", "thousand", "barrage",
                        "salvo", "volley", "swarm", "couple", "string", "lot",
                        # durations: "held three hours of talks", "after days of fighting"
                        "hour", "day", "week", "month"})
SPEAKING = frozenset({"say", "tell", "add", "state", "report", "note", "write", "insist"})
_REL_PRONOUNS = frozenset({"which", "who", "whom", "that", "whose"})
_NP_PREPS = frozenset({"of", "for", "to", "with", "from", "against", "on", "between", "in",
                       "inside", "among", "including", "by"})
#: Parties inside a state, not the state: "backed opposing sides in Yemen".
_FACTIONS = frozenset({"side", "faction", "rebel", "group", "militia", "movement", "fighter",
                       "party", "opposition", "insurgent", "separatist", "militant"})
_MOD_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})
#: Prepositions whose gerund is done by the verb's object: "accused X of shipping …".
_OBJECT_PREPS = frozenset({"of", "for", "from", "against", "into"})
#: Verbs whose object does the gerund after "of"/"for": "accused X of …".
_ACCUSING = frozenset({"accuse", "charge", "blame", "suspect", "criticise", "criticize",
                       "condemn", "denounce", "praise", "thank", "commend", "warn"})
#: Subordinators the parser reads as prepositions ("after Caracas accused …").
_SUBORDINATORS = frozenset({"after", "before", "since", "until", "as", "while", "because"})
#: "X worked with Y to convince Z": Y acts too.
_JOINT = frozenset({"work", "cooperate", "collaborate", "join", "team", "partner", "unite",
                    "coordinate", "band", "side"})

GENERIC_ACTS = frozenset(["move", "decision", "step", "action", "measure"])
#: Prepositions whose object is a verb's reason or time, never what the verb does.
_REASONS = frozenset({"over", "after", "despite", "following", "during", "before", "since",
                      "because", "due"})


class Sentence:
    """Role lookups over one sentence's parse and mentions."""

    def __init__(self, sent: Span, at: dict[int, list[Mention]], book: CueBook,
                 index: ActorIndex, cue_nouns: list[Token] = ()) -> None:
        self.sent = sent
        self.cue_nouns = cue_nouns
        self.at = at
        self.book = book
        self.index = index

    # actors in and around a token ------------------------------------
    def actors(self, tok: Token, depth: int = 0, conj: bool = True) -> list[Mention]:
        """Actors a token stands for: itself, a relative pronoun's antecedent, or
        an actor inside its phrase (possessor, national adjective, "of X")."""
        found: list[Mention] = []
        m = self.at.get(tok.i)
        named = [x for c in tok.children if c.dep_ in ("appos", "compound") and c.i in self.at
                 and c.pos_ == "PROPN" and c.i > tok.i for x in self.at[c.i]]
        if m:
            found.extend(m)
            # "China, Russia block …", "A, B of Egypt and C met": apposed lists of actors
            found += self._apposed(tok)
            # "Greek and Turkish officials": coordinated national adjectives
            found += [x for c in tok.children if c.dep_ in ("amod", "compound") and c.conjuncts
                      for y in (c, *c.conjuncts) if y.i in self.at for x in self.at[y.i]]
            # "U.S. and South Korean forces": modifiers joined by "and" but parsed apart
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")
                    and c.i in self.at]
            if any(t.dep_ == "cc" and t.lower_ == "and" for c in mods for t in c.children):
                found += [x for c in mods for x in self.at[c.i]]
        elif named and tok.pos_ != "PROPN":
            found += named  # "Moscow's ally Pyongyang": the ally is Pyongyang
        elif tok.lemma_.lower() in _RELATIONAL and depth < 3 and any(
                c.dep_ == "poss" for c in tok.children) and self._listed(tok, depth):
            # "Ukraine's allies, including Poland": the allies, not Ukraine
            found += self._listed(tok, depth)
        elif tok.lemma_.lower() in GENERIC_ACTS and tok.dep_ in ("npadvmod", "appos") and \
                depth < 3 and tok.head.pos_ in ("VERB", "NOUN"):
            # "X restored ties with Y, a move Z condemned": the act is X's
            found += self.subject(tok.head)[0] if tok.head.pos_ == "VERB" else \
                self.actors(tok.head, depth + 1)
        elif tok.lower_ in _REL_PRONOUNS and tok.head.dep_ == "relcl":
            found += self.actors(tok.head.head, depth + 1)
        elif tok.lower_ == "what" and depth < 3:
            # "took aim at what it called X's behaviour": what it is called
            found += [x for c in tok.head.children if c.dep_ in ("oprd", "attr", "xcomp")
                      and c.i > tok.i for x in self.actors(c, depth + 1)]
        elif tok.pos_ == "VERB" and tok.dep_ == "pcomp" and depth < 3:
            # "the rout of occupying Greek troops": the gerund's object
            found += [x for c in tok.children if c.dep_ == "dobj"
                      for x in self.actors(c, depth + 1)]
        elif depth < 3:
            # "a draft text tabled at the UN by Peru": its authors, not the UN
            inner = [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                     for g in c.children if g.dep_ == "agent"
                     for p in g.children for a in self.actors(p, depth + 1)]
            # "Russian and Belarusian paratroopers": every coordinated national adjective
            inner = inner or [x for c in tok.children if c.dep_ in _MOD_DEPS and c.i in self.at
                              for y in (c, *c.conjuncts) if y.i in self.at
                              for x in self.at[y.i]]
            if not inner:  # "the independence Kosovo proclaimed": the clause's doer
                inner = [a for c in tok.children if c.dep_ == "relcl"
                         for g in c.children if g.dep_ in ("nsubj",) and g.i in self.at
                         for a in self.at[g.i]]
            if not inner:  # "a text tabled by Peru": its authors
                inner = [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                         for g in c.children if g.dep_ == "agent"
                         for p in g.children for a in self.actors(p, depth + 1)]
            if not inner:
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in ("in", "inside") and \
                            tok.lemma_.lower() in _FACTIONS:
                        continue  # "opposing sides in Yemen", "rebels in Mali": not the state
                    if c.dep_ == "prep" and c.lower_ in _NP_PREPS:
                        for p in c.children:
                            if p.dep_ == "pobj":
                                inner += self.actors(p, depth + 1)
                    elif c.dep_ == "appos":
                        inner += self.actors(c, depth + 1)
            found += inner
        if conj:
            for c in tok.conjuncts:
                if c.i > tok.i:
                    found += self.actors(c, depth, conj=False)
        return _unique(found)

    def _listed(self, tok: Token, depth: int) -> list[Mention]:
        """Actors a noun lists: "…, including X and Y", "such as X", "among them X"."""
        out: list[Mention] = []
        for c in tok.children:
            if c.dep_ == "prep" and (c.lower_ in ("including", "like", "among") or
                                     (c.lower_ == "as" and c.nbor(-1).lower_ == "such")):
                out += [a for p in c.children if p.dep_ == "pobj"
                        for a in self.actors(p, depth + 1)]
        return out

    def _apposed(self, tok: Token, depth: int = 0) -> list[Mention]:
        out: list[Mention] = []
        for c in tok.children:
            if c.dep_ == "appos" and c.i in self.at and depth < 4:
                out += self.at[c.i] + self._apposed(c, depth + 1)
        return out

    def mention_of(self, actor: str) -> Mention:
        for ms in self.at.values():
            for m in ms:
                if m.actor == actor:
                    return m
        return Mention(0, 0, actor, "name", 0)

    def modifiers(self, tok: Token) -> list[Mention]:
        """Possessor, national adjective or compound actor of a noun ("Russia's", "U.S.-led");
        with a possessor, a national adjective only describes ("Ukraine's closest European
        ally")."""
        found = []
        owned = any(c.dep_ == "poss" and c.i in self.at for c in tok.children)
        for c in tok.children:
            if owned and c.dep_ == "amod":
                continue
            if c.dep_ in _MOD_DEPS and c.i in self.at:
                found.extend(self.at[c.i])
                found += [y for x in c.conjuncts if x.i in self.at for y in self.at[x.i]]
                # "the Japan-U.S. alliance": a compound chain of actors
                found += [y for x in c.children if x.dep_ in ("compound", "amod", "nmod")
                          and x.i in self.at for y in self.at[x.i]]
        return _unique(found)

    def prep(self, tok: Token, word: str) -> list[Mention]:
        found = []
        for c in tok.children:
            if (c.dep_ in ("prep", "agent", "dative") and c.lower_ == word) or \
                    (c.dep_ == "prt" and c.lower_ == word):
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        found += self.actors(p)
        return found

    def subject(self, verb: Token, hops: int = 0) -> tuple[list[Mention], int]:
        """Actors doing `verb` and how many links were climbed to find them."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl")]
        if len(subjects) > 1:  # "Moscow's ally Pyongyang sent": the name is the subject
            subjects = subjects[-1:]
        for c in verb.children:
            if passive and c.dep_ == "agent":
                return [a for p in c.children for a in self.actors(p)], hops
            if not passive and c in subjects:
                return self.actors(c), hops
        if passive or hops >= 4 or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            return [], hops  # a passive without "by X" names no doer
        left = verb.doc[verb.i - 1] if verb.i > 0 else None
        if left is not None and left.i in self.at and left.dep_ == "pobj" and \
                left.head.lower_ in _SUBORDINATORS and verb.tag_ in ("VBD", "VBZ", "VBP"):
            # "expelled the ambassador after Caracas accused Bogota": a subordinate
            # clause's subject parsed as the object of "after"
            return self.actors(left), hops
        head = verb.head
        if head.i == verb.i:
            return [], hops
        if verb.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in head.children):
            # "X is expected (said, set, due) to visit Y": the passive's subject does it
            raised = [a for c in head.children if c.dep_ == "nsubjpass" for a in self.actors(c)]
            if raised:
                return raised, hops + 1
        if verb.dep_ == "xcomp" and head.lemma_ in self.book.object_control:
            for c in head.children:
                if c.dep_ == "dobj":
                    return self.actors(c), hops + 1
        if verb.dep_ == "pcomp" and head.lower_ in _OBJECT_PREPS and head.head.pos_ == "VERB":
            objects = [c for c in head.head.children if c.dep_ == "dobj"]
            if objects:  # "accused X of shipping", "warned X against interfering"; an
                # object that names no actor ("accused the group of …") is still the doer
                return [a for c in objects for a in self.actors(c)], hops + 1
        if verb.dep_ in ("pcomp", "pobj") and head.lower_ in _OBJECT_PREPS and \
                head.head.dep_ == "dobj" \
                and head.head.head.lemma_.lower() in _ACCUSING:
            # "accused the cartel of siding with X", "of" parsed onto the object
            return self.actors(head.head), hops + 1
        if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "Kim, declaring …"
            found = self.actors(head)
            if not found and head.dep_ == "dobj" and head.head.pos_ == "VERB":
                return self.subject(head.head, hops + 1)  # "issued a statement rejecting …"
            return found, hops + 1
        if verb.dep_ in ("acl", "xcomp") and head.pos_ == "NOUN" and verb.tag_ == "VB":
            owners = self.modifiers(head)  # "Beijing's decision to impose tariffs"
            if owners:
                return owners, hops + 1
        if verb.dep_ in ("advcl", "xcomp") and head.lemma_ in _JOINT:
            found, n = self.subject(head, hops + 1)
            return _unique(found + self.prep(head, "with") + self.prep(head, "alongside")), n
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl", "relcl", "prep",
                         "pobj", "dobj"):
            if head.pos_ in ("ADP", "NOUN", "PROPN", "SCONJ") and head.head.i != head.i:
                return self.subject(head.head if head.pos_ in ("ADP", "SCONJ") else head,
                                    hops + 1)
            return self.subject(head, hops + 1)
        return [], hops

    def objects(self, verb: Token) -> list[Mention]:
        """Actors a verb acts on; for an event noun ("condemned the invasion of X") that
        is the event's doer, not whom it befell."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        events = {n.i for n in self.cue_nouns}
        found = []
        for c in verb.children:
            if c.dep_ in ("dobj", "attr", "oprd") or (passive and c.dep_ == "nsubjpass"):
                if counted(c).i in events:  # "a new round of sanctions": the sanctions
                    c = counted(c)
                if c.i in events:  # "condemned X's tests", "the drills held by X and Y"
                    found += self.modifiers(c) + self.prep(c, "by") + self.agents(c)
                else:
                    found += self.actors(c)
        if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":  # "sanctions imposed on"
            found += self.actors(verb.head)
        if not found and not passive and not any(c.dep_ == "dobj" for c in verb.children):
            clause = verb
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ == "relcl" and (clause is not verb or any(
                    c.dep_ == "nsubj" and c.lower_ not in _REL_PRONOUNS
                    for c in verb.children)):  # "a move Z condemned": the move
                # "a motion that X drafted and Y supported": Y's object is the motion
                found += self.actors(clause.head)
        return found

    def agents(self, noun: Token) -> list[Mention]:
        """Doers of a noun named by its participle's "by": "the drills held by X"."""
        return [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                for g in c.children if g.dep_ == "agent"
                for p in g.children for a in self.actors(p)]

    def dative(self, verb: Token) -> list[Mention]:
        return [a for c in verb.children if c.dep_ == "dative" for a in self.actors(c)]

    def governor(self, noun: Token) -> Token | None:
        """The verb a cue noun is the object, complement or prepositional object of."""
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            if head.lower_ in _REASONS:
                return None  # "cut ties over the war": the war is the reason, not the act
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head.i != noun.i and \
                noun.dep_ in ("dobj", "attr", "oprd", "pobj", "nsubjpass", "acomp"):
            return head
        return None

    # one role ----------------------------------------------------------
    def role(self, name: str, tok: Token, pos: str, light: Token | None) -> tuple[list, float]:
        """Actors filling role `name` for the cue at `tok`, with the link strength."""
        noun = tok
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
                noun.head.head.lemma_.lower() in QUANTITIES:
            noun = noun.head.head  # "a fresh round of sanctions"
        if name == "subj" and pos == "noun" and noun.dep_ == "pobj" and \
                noun.head.lower_ in ("on", "toward", "towards"):
            verb, partners = noun.head.head, []
            if verb.lemma_.lower() not in _JOINT and verb.head.lemma_.lower() in _JOINT:
                partners, verb = self.actors(verb), verb.head  # "…, among them Japan, … on"
            if verb.lemma_.lower() in _JOINT:  # "X is working with Y and Z on sanctions"
                found, _ = self.subject(verb)
                return _unique(found + self.prep(verb, "with") + self.prep(verb, "alongside")
                               + self.prep(verb, "among") + partners), CLIMBED
        if name == "subj":
            verb = tok if pos == "verb" else light
            if verb is None:
                return [], DIRECT
            if pos != "verb" and not is_light(self.book, verb):
                return [], DIRECT
            found, hops = self.subject(verb)
            return found, DIRECT if hops == 0 and pos == "verb" else CLIMBED
        if name == "obj":
            if pos == "verb":
                return self.objects(tok), DIRECT
            if light is None:
                return [], DIRECT
            return [a for a in self.objects(light) if a.head != tok.i
                    and not _inside(a, tok)], CLIMBED
        if name == "dative":
            verb = tok if pos == "verb" else light
            return (self.dative(verb) if verb is not None else []), DIRECT
        if name == "owner":  # possessor or national adjective, not a name compound
            return [m for m in self.modifiers(tok)
                    if not (self.sent.doc[m.head].dep_ == "compound" and
                            self.sent.doc[m.head].pos_ == "PROPN")], DIRECT
        if name == "named":  # "Iran sanctions", "N. Korea sanctions": who they are on
            return [m for m in self.modifiers(tok)
                    if self.sent.doc[m.head].dep_ == "compound" and
                    self.sent.doc[m.head].pos_ == "PROPN"], DIRECT
        if name == "poss":
            found = self.modifiers(tok)
            if not found and pos == "noun":  # "the sanctions imposed on Iran by the US"
                found = [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                         and is_light(self.book, c) for g in c.children
                         if g.dep_ == "agent" for p in g.children for a in self.actors(p)]
            return found, DIRECT
        if name == "head_obj":
            if tok.dep_ in ("nsubj",):
                verb = tok.head
                if verb.dep_ == "aux":  # "X's tests have alarmed Y" parsed onto "have"
                    verb = verb.head
                return [a for c in verb.children if c.dep_ == "dobj"
                        for a in self.actors(c)], CLIMBED
            return [], DIRECT
        if name == "between":
            return self.prep(tok, "between"), DIRECT
        if name == "clause":  # the first actor inside a that-clause or infinitive
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp", "advcl") and c.i > tok.i:
                    inside = [x for t in c.subtree if t.i in self.at for x in self.at[t.i]]
                    subjects = [x for x in inside
                                if self.sent.doc[x.head].dep_ in ("nsubj", "nsubjpass")]
                    objects = [x for x in inside if x not in subjects and
                               self.sent.doc[x.head].dep_ == "dobj"]
                    if subjects or inside:  # every subject (the caller drops the source's),
                        # then the objects: "warned it would turn Y into a sea of fire"
                        return (subjects + objects) if subjects else inside[:1], CLIMBED
            return [], DIRECT
        if name == "attached":  # "Chile, for years at odds with Bolivia, …"
            if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i in self.at:
                return list(self.at[tok.head.head.i]), CLIMBED
            if tok.dep_ == "appos" and tok.head.i in self.at:  # "X, a close ally of Y, …"
                if tok.tag_ == "NNS":  # "X and Y, historic foes, …": the whole group
                    return self.actors(tok.head), DIRECT
                return list(self.at[tok.head.i]), DIRECT
            if tok.dep_ == "pobj" and tok.head.lower_ == "in" and \
                    tok.head.head.tag_ == "VBN":  # "X and Y are locked in a dispute"
                return [a for c in tok.head.head.children
                        if c.dep_ in ("nsubjpass", "nsubj") for a in self.actors(c)], CLIMBED
            return [], DIRECT
        if name == "relcl":  # "the closest ally North Korea has"
            return [x for c in tok.children if c.dep_ == "relcl"
                    for g in c.children if g.dep_ == "nsubj" for x in self.actors(g)], DIRECT
        if name == "appos":
            found = [x for c in tok.children if c.dep_ in ("appos", "compound") and
                     c.i in self.at and c.i > tok.i for x in self.at[c.i]]
            # "its longtime foe": the foe the cue noun itself stands for
            found += [x for x in self.at.get(tok.i, ()) if x.how in ("epithet", "group")]
            return found, DIRECT
        if name.startswith("prep:"):
            word = name[5:]
            found = self.prep(tok, word)
            if not found and light is not None:
                found = self.prep(light, word)
            if not found and pos == "noun":  # "sanctions imposed on Iran"
                for c in tok.children:
                    if c.dep_ == "acl" and c.tag_ == "VBN" and is_light(self.book, c):
                        found += self.prep(c, word)
            if not found and pos == "verb":
                events = {n.i for n in self.cue_nouns}
                for c in tok.children:
                    if c.dep_ == "dobj" and c.i not in events and counted(c).i not in events:
                        found += self.prep(c, word)
            return found, DIRECT
        raise ValueError(f"unknown role {name!r} in cues.yaml")

    def first(self, names: Iterable[str], tok: Token, pos: str, light: Token | None,
              exclude: set[str] = frozenset()) -> tuple[list[Mention], float]:
        for name in names:
            found, strength = self.role(name, tok, pos, light)
            found = [m for m in found if self.index.state_of(m.actor) not in exclude]
            if found:
                return found, strength
        return [], DIRECT

    def others(self, exclude: set[str], inside: Token | None = None) -> list[Mention]:
        """The one other actor (after folding persons onto states) in the sentence, if
        there is exactly one; actors inside the cue's own phrase do not count."""
        skip: set[int] = set()
        if inside is not None and inside.pos_ != "VERB":
            skip.update(t.i for t in inside.subtree)
        for noun in self.cue_nouns:  # an actor already an argument of another cue
            if inside is None or noun.i != inside.i:
                skip.update(t.i for t in noun.subtree)
        groups: dict[str, Mention] = {}
        everyone: set[str] = set()
        for i, ms in sorted(self.at.items()):
            for m in ms:
                if i != m.start:
                    continue
                state = self.index.state_of(m.actor)
                everyone.add(state)
                tok = self.sent.doc[m.head]
                # never a speaker ("according to X", "X said") or a mere location
                if (tok.dep_ == "pobj" and tok.head.lower_ in ("to", "in", "at") and \
                        tok.head.head.lemma_ in ("accord", "be")) or \
                        (tok.dep_ == "nsubj" and tok.head.lemma_ in SPEAKING):
                    continue
                if i not in skip and state not in exclude:
                    groups.setdefault(state, m)
        # strict: the sentence names exactly two actors, the found end and this one
        if len(groups) != 1 or len(everyone) != 2:
            return []
        return list(groups.values())


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.actor not in seen:
            seen.add(m.actor)
            out.append(m)
    return out


def _inside(m: Mention, tok: Token) -> bool:
    return any(t.i == m.head for t in tok.subtree)


def counted(noun: Token) -> Token:
    """What a quantity counts: "hundreds of missiles", "a barrage of rockets"."""
    if noun.lemma_.lower() not in QUANTITIES:
        return noun
    return next((p for g in noun.children if g.dep_ == "prep" and g.lower_ == "of"
                 for p in g.children if p.dep_ == "pobj"), noun)


def is_light(book: CueBook, verb: Token) -> bool:
    """A light verb, also where the model cuts its "-e" ("staged" -> "stag")."""
    lemma = verb.lemma_.lower()
    return lemma in book.light_verbs or (lemma + "e" in book.light_verbs and
                                         verb.lower_.startswith(lemma + "e"))


def light_verb(s: Sentence, tok: Token, pos: str) -> Token | None:
    """The light verb carrying a cue noun ("provide support"), if any."""
    if pos == "verb":
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
            tok.head.head.lemma_.lower() in QUANTITIES:
        tok = tok.head.head  # "held three hours of talks", "imposed a raft of sanctions"
    verb = s.governor(tok)
    return verb if verb is not None and is_light(s.book, verb) else None
