"""Relation type and direction from a sentence's dependency parse.

A cue (cues.yaml) names the type; the parse names the ends: the subject or
agent (or a cue noun's possessor) is the source, the object, prepositional
complement or the object's possessor is the target. Passives, relative
clauses, control verbs ("urged X to …"), light verbs ("provide support to X")
and possessives ("Russia's invasion of Ukraine", "North Korea's oil comes
from Russia") are followed. When the parse names only one end, the one other
actor of the sentence may complete it, at a lower strength.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from explorer.extract import acts_told
from explorer.extract.cues import Cue, CueBook
from explorer.extract.mentions import ActorIndex, Mention
from explorer.extract.modality import denied

__all__ = ["Link", "find_links"]

#: Nouns that name others by their relation to the possessor ("Ukraine's allies").
_RELATIONAL = frozenset({"ally", "partner", "neighbour", "neighbor", "friend", "backer",
                         "supporter", "rival", "enemy", "foe", "adversary", "critic"})
_QUANTITIES = frozenset({"round", "set", "package", "wave", "series", "raft", "batch", "slew",
                         "tranche", "number", "hundred", "dozen", "thousand", "barrage",
                         "salvo", "volley", "swarm", "couple", "string", "lot"})
_SPEAKING = frozenset({"say", "tell", "add", "state", "report", "note", "write", "insist"})
#: How much a link is trusted, by how its ends were found.
DIRECT, CLIMBED, FALLBACK = 1.0, 0.85, 0.6
#: Whether a noun cue whose parse names one end may take the sentence's one other actor
#: as the other end (measured on the development set: see docs/extraction.md).
OTHER_ACTOR = True
_REL_PRONOUNS = frozenset({"which", "who", "whom", "that", "whose"})
_COPULAS = frozenset({"be", "remain", "become", "seem", "appear"})
_NP_PREPS = frozenset({"of", "for", "to", "with", "from", "against", "on", "between", "in",
                       "among", "including", "by"})
#: Parties inside a state, not the state: "backed opposing sides in Yemen".
_FACTIONS = frozenset({"side", "faction", "rebel", "group", "militia", "movement", "fighter",
                       "party", "opposition", "insurgent", "separatist", "militant"})
_MOD_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})
#: Verbs whose subject undergoes the cue noun: "X drew condemnation from Y".
_UNDERGO = frozenset({"draw", "face", "attract", "incur", "suffer", "receive", "earn", "meet",
                      "come", "provoke", "trigger", "spark"})
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


@dataclass(frozen=True)
class Link:
    """A typed link between two mentioned actors, found at `trigger` in `sent`."""

    source: str
    target: str
    type: str
    trigger: int
    light: int | None  # a light verb governing a cue noun
    cue: str
    strength: float
    sent_start: int
    goods: str = ""
    negated_cue: bool = False  # the cue means its type only when negated
    cue_source: str = "ours"
    decisive: bool = False  # read through a construction: other readings of the cue yield


class _Sentence:
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
        elif tok.lemma_.lower() in _GENERIC_ACTS and tok.dep_ in ("npadvmod", "appos") and \
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
            # "a draft UN resolution put forward by China": its authors, not the UN
            inner = [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                     for g in c.children if g.dep_ == "agent"
                     for p in g.children for a in self.actors(p, depth + 1)]
            inner = inner or [x for c in tok.children if c.dep_ in _MOD_DEPS and c.i in self.at
                              for x in self.at[c.i]]
            if not inner:  # "the independence Kosovo proclaimed": the clause's doer
                inner = [a for c in tok.children if c.dep_ == "relcl"
                         for g in c.children if g.dep_ in ("nsubj",) and g.i in self.at
                         for a in self.at[g.i]]
            if not inner:  # "a resolution put forward by China": its authors
                inner = [a for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                         for g in c.children if g.dep_ == "agent"
                         for p in g.children for a in self.actors(p, depth + 1)]
            if not inner:
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ == "in" and \
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
                if _counted(c).i in events:  # "a new round of sanctions": the sanctions
                    c = _counted(c)
                if c.i in events:
                    found += self.modifiers(c) + self.prep(c, "by")
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

    def dative(self, verb: Token) -> list[Mention]:
        return [a for c in verb.children if c.dep_ == "dative" for a in self.actors(c)]

    def governor(self, noun: Token) -> Token | None:
        """The verb a cue noun is the object, complement or prepositional object of."""
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
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
                noun.head.head.lemma_.lower() in _QUANTITIES:
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
            if pos != "verb" and not _is_light(self.book, verb):
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
                         and _is_light(self.book, c) for g in c.children
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
        if name == "attached":  # "Egypt, long at loggerheads with Ethiopia, …"
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
                    if c.dep_ == "acl" and c.tag_ == "VBN" and _is_light(self.book, c):
                        found += self.prep(c, word)
            if not found and pos == "verb":
                events = {n.i for n in self.cue_nouns}
                for c in tok.children:
                    if c.dep_ == "dobj" and c.i not in events and _counted(c).i not in events:
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
                        (tok.dep_ == "nsubj" and tok.head.lemma_ in _SPEAKING):
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


def _cue_at(doc: Doc, i: int, book: CueBook, end: int) -> list[tuple[Cue, int]]:
    """Cues whose lemmas start at token i; returns (cue, head token index)."""
    tok = doc[i]
    found = []
    first = book.cues.get(tok.lemma_.lower(), ())
    if tok.lower_ != tok.lemma_.lower():  # "arms supplier": a cue written in its plural
        first = (*first, *book.cues.get(tok.lower_, ()))
    for cue in first:
        n = len(cue.lemmas)
        if i + n > end:
            continue
        # a verb's particle or preposition may stand a word away: "stood firmly behind X"
        if any(doc[i + k].lemma_.lower() != cue.lemmas[k] and doc[i + k].lower_ != cue.lemmas[k]
               for k in range(1, n)) and not (
                cue.pos == "verb" and n == 2 and tok.pos_ == "VERB" and any(
                    c.dep_ in ("prep", "prt", "agent") and c.lower_ == cue.lemmas[1] and
                    i + 1 < c.i <= i + 3 for c in tok.children)):
            continue
        head = i + n - 1 if cue.pos != "verb" else i
        pos = doc[head].pos_
        if (cue.pos != "verb" and pos in ("NOUN", "PROPN")) or \
                (cue.pos == "verb" and pos == "VERB"):
            found.append((cue, head))
    # the longest cue at a head wins
    best: dict[int, tuple[Cue, int]] = {}
    for cue, head in found:
        if head not in best or len(cue.lemmas) > len(best[head][0].lemmas):
            best[head] = (cue, head)
    return list(best.values())


def _conjoined(sent: Span, book: CueBook, found: Iterable[tuple[Cue, int]]
               ) -> list[tuple[Cue, int]]:
    """Two-word noun cues whose modifier is coordinated away from its noun: "economic and
    military ties" is economic ties too, "economic and political links" economic links."""
    have = {(head, cue.type) for cue, head in found}
    out = []
    for t in sent:
        if t.dep_ == "conj" and t.head.dep_ in ("amod", "compound", "nmod"):
            noun = t.head.head
        elif t.dep_ in ("amod", "compound", "nmod") and t.head.i > t.i + 1:
            noun = t.head
        else:
            continue
        for cue in book.cues.get(t.lemma_.lower(), ()):
            if cue.pos == "noun" and len(cue.lemmas) == 2 and noun.pos_ == "NOUN" and \
                    cue.lemmas[1] in (noun.lemma_.lower(), noun.lower_) and \
                    (noun.i, cue.type) not in have:
                have.add((noun.i, cue.type))
                out.append((cue, noun.i))
                break
    return out


def _phrase(tok: Token) -> list[Token]:
    """A noun phrase's tokens, without the clauses hanging on it."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "appos", "conj", "cc"):
            out += _phrase(c)
    return out


def _goods(tok: Token, book: CueBook) -> tuple[str, str] | None:
    """The type the moved thing stands for (military or economic) and its name."""
    phrase = [t for t in _phrase(tok) if t.pos_ in ("NOUN", "PROPN")]
    for t in sorted(phrase, key=lambda t: t.i != tok.i):
        lemma = t.lemma_.lower()
        for c in t.children:
            if c.dep_ in ("amod", "compound"):
                pair = (c.lemma_.lower(), lemma)
                if pair in book.goods:
                    return book.goods[pair], " ".join(pair)
        if (lemma,) in book.goods:
            return book.goods[(lemma,)], lemma
    if tok.tag_ == "$" or any(t.tag_ == "$" or t.lower_ in _AMOUNTS for t in tok.subtree
                              if t.i <= tok.i):
        return "economic_support", "money"  # "lent X $1.5 billion"
    return None


#: Sums of money: "lent X $1.5 billion", "a 3 billion euro loan".
_AMOUNTS = frozenset(["billion", "million", "trillion", "bn", "mn"])


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
            for cue, head in _cue_at(doc, i, book, sent.end):
                if inside and head in at:
                    continue  # "its longtime foe", "the two allies" are cues too; a cue
                    # may start inside a name only to end outside it ("X's military aid")
                if head not in longest or len(cue.lemmas) > len(longest[head][0].lemmas):
                    longest[head] = (cue, head)
        found = sorted([*longest.values(), *_conjoined(sent, book, longest.values())],
                       key=lambda x: x[1])
        s = _Sentence(sent, at, book, index, [doc[h] for c, h in found if c.pos == "noun"])
        here: list[Link] = []
        reactions: set[int] = set()  # links that react to an act: no act themselves
        for cue, head in found:
            read = _links_for(s, doc[head], cue, symmetric)
            if not read and cue.pos == "verb" and cue.type == "pressure":
                read = _event_anaphora(s, doc[head], cue, done, prev_start) or \
                    _answer(s, doc[head], cue, links) or \
                    _focus_target(s, doc[head], cue, focus)
            if not read and cue.pos == "verb" and cue.type == "diplomatic_support":
                # "X welcomed the strikes": support for their doer
                read = _event_anaphora(s, doc[head], cue, done, prev_start)
                if not read and not _backs_measure(doc[head], found):
                    read = _focus_target(s, doc[head], cue, focus)  # "X hailed the move"
                reactions.update(id(x) for x in read)
            here += read
        blocked: dict[int, set[str]] = {}  # token -> who obstructs the measure it is in
        noun_heads = {h for c, h in found if c.pos != "verb"}
        with_object: set[int] = set()  # links a verb-object cue read ("expel ambassador")
        for tok in sent:
            if tok.i in at:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB":
                for obj in (_counted(c) for c in tok.children if c.dep_ == "dobj"):
                    if obj.i in noun_heads:
                        continue  # our own noun cue decides
                    cue = _verb_object(book, tok, obj)
                    if cue is not None:
                        read = _links_for(s, tok, cue, symmetric)
                        here += read
                        with_object.update(id(x) for x in read)
            if tok.pos_ == "VERB" and lemma in _ORDER_OUT and any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in _LEAVE for c in tok.children):
                # "ordered the French ambassador to leave": an expulsion
                for obj in (c for c in tok.children if c.dep_ in ("dobj", "dative")):
                    cue = book.verb_objects.get(("expel", obj.lemma_.lower()))
                    if cue is not None:
                        read = _links_for(s, tok, replace(cue, lemmas=(lemma,)), symmetric)
                        here += read
                        with_object.update(id(x) for x in read)
            if tok.pos_ == "VERB" and lemma in _RECEIVE and any(
                    c.dep_ == "dobj" and c.i in at for c in tok.children):
                # "Xi received Putin", "Lula welcomed Xi": a visitor hosted (CAMEO 043)
                here += _links_for(s, tok, Cue("meeting", "verb", (lemma,), 0.8,
                                               "cameo 043"), symmetric)
            if tok.pos_ == "VERB" and lemma in book.transfers:
                here += _transfer(s, tok)
            if tok.pos_ == "NOUN" and lemma in _TRANSFER_NOUNS:
                here += _nominal_transfer(s, tok)
            elif tok.pos_ == "NOUN" and lemma in _PURCHASE_NOUNS:
                here += _nominal_purchase(s, tok)
            elif tok.pos_ == "NOUN" and (lemma,) in book.goods and s.prep(tok, "to"):
                here += _goods_to(s, tok)
            if tok.pos_ == "VERB" and lemma in _CLASH and s.prep(tok, "alongside"):
                here += _alongside(s, tok)
            if tok.pos_ == "VERB" and lemma == "bring" and any(
                    c.lower_ == "together" for c in tok.children):
                here += _brought_together(s, tok)
            elif tok.pos_ == "VERB" and lemma in ("host", "convene", "gather"):
                here += _brought_together(s, tok)  # "X hosted A and B": A and B met too
            if tok.pos_ == "VERB" and lemma in ("add", "put", "place") and _listed_on(tok):
                here += _links_for(s, tok, Cue("sanctions", "verb", (lemma,), 0.8),
                                   symmetric)
            if tok.pos_ == "VERB" and (lemma in _SPEAKING or lemma in ("insist", "stress")):
                here += _must(s, tok)
            if tok.pos_ == "VERB" and lemma in ("hold", "tell") and any(
                    c.dep_ == "dobj" and c.i in s.at for c in tok.children) and any(
                    (c.dep_ in ("advcl", "oprd", "acomp", "xcomp") and
                     c.lower_ in ("responsible", "accountable")) or
                    (lemma == "tell" and c.dep_ == "xcomp") for c in tok.children):
                # "held X responsible for", "told X to stop …"
                here += _links_for(s, tok, Cue("pressure", "verb", (lemma,), 0.75), symmetric)
            if tok.pos_ == "VERB" and lemma in _COUNTER:
                here += _countered(s, tok)
            if tok.pos_ == "VERB" and (lemma in book.obstruct_verbs or (
                    lemma == "vote" and s.prep(tok, "against") == [] and any(
                        c.lower_ == "against" for c in tok.children))):
                found_links = _obstruct(s, tok)
                here += found_links
                for obj in (c for c in tok.children if c.dep_ == "dobj"):
                    who = {x.source for x in found_links} | \
                        {m.actor for m in s.subject(tok)[0]}
                    for t in obj.subtree:
                        blocked.setdefault(t.i, set()).update(who)
            if lemma in book.when_negated:
                here += _disapproval(s, tok)
            if tok.pos_ == "NOUN" and lemma in ("defence", "defense", "aid", "rescue") and \
                    tok.dep_ == "pobj" and tok.head.lower_ == "to" and \
                    tok.head.head.lemma_.lower() in _RUSH:
                here += _to_the_defence(s, tok)
            if tok.pos_ == "VERB" and lemma in _INCURSION:
                found_threats = _incursion(s, tok)
                if found_threats:  # forces sent into X's waters: a threat, not support
                    pairs = {(x.source, x.target) for x in found_threats}
                    here = [x for x in here if not (
                        x.trigger == tok.i and (x.source, x.target) in pairs and
                        x.type in ("military_support", "armed_conflict"))]
                    here += found_threats
            if tok.pos_ == "NOUN" and lemma in _AGREEMENTS:
                here += _agreement_on(s, tok)
            if tok.pos_ == "NOUN" and lemma in _JUDGING:
                here += _judged(s, tok, done, prev_start)
            if tok.pos_ == "NOUN" and lemma in _MANNER and tok.dep_ == "pobj" and \
                    tok.head.lower_ in ("with", "in") and tok.head.head.pos_ == "VERB":
                here += _manner(s, tok, done, prev_start)
            if lemma in _FORCE or lemma in _ANSWER:
                held = _held_over(s, tok)
                if held:  # the threat, not also the pressure of "vow" or "retaliate"
                    here = [x for x in here if not (x.type == "pressure" and
                                                    x.trigger in (tok.i, tok.head.i))]
                    here += held
            if (tok.pos_ == "ADJ" or tok.tag_ == "VBN" or tok.dep_ in ("oprd", "acomp")) \
                    and (lemma in book.evaluative or tok.lower_ in book.evaluative):
                here += _evaluation(s, tok)
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
        here = [_ceased(doc, _simulated(doc, x)) for x in here]
        here += _same_again(s, previous)
        threats, replaced = _threatened(s, here)
        here = [x for x in here if not (x.type == "pressure" and x.trigger in replaced)]
        here += threats
        here += _echoed(s, [x for x in here if x.type == "pressure"] or said)
        acts = [x for x in here if x.type != "pressure"]
        if acts:
            previous = acts
        said = [x for x in here if x.type == "pressure"] or said
        done += [x for x in acts if not x.negated_cue and x.type not in ("meeting", "rivalry")
                 and id(x) not in reactions]
        prev_start = sent.start
        links += here
    return links


def _backs_measure(verb: Token, found: list[tuple[Cue, int]]) -> bool:
    """"X supported the renewal of the embargo": support for a measure, not for the
    state the article is about."""
    hostile = {h for c, h in found if c.pos == "noun" and
               c.type in ("sanctions", "pressure", "threat", "armed_conflict")}
    return any(t.i in hostile for c in verb.children if c.dep_ == "dobj" for t in c.subtree)


#: Words that name an act already told: "condemned the strikes", "criticised the move".
_ACT_NOUNS = frozenset(["strike", "airstrike", "attack", "raid", "invasion", "incursion",
                        "shelling", "bombing", "sanction", "tariff", "ban", "embargo",
                        "expulsion", "deployment", "test", "launch", "drill", "exercise",
                        "move", "decision", "step", "action", "measure", "operation"])


_GENERIC_ACTS = frozenset(["move", "decision", "step", "action", "measure"])


def _event_anaphora(s: _Sentence, verb: Token, cue: Cue, done: list[Link],
                    prev_start: int) -> list[Link]:
    """"Iran condemned the strikes": a definite act with no doer named is the last act
    of that kind told before (same word, else same type; "the move", "the decision": the
    previous sentence's last act), and its doer is the target."""
    noun = acts_told.act_object(verb, set(s.at))
    if noun is None or not done:
        return []
    lemma = noun.lemma_.lower()
    earlier = _earlier_act(s, noun, done, prev_start)
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


def _answer(s: _Sentence, verb: Token, cue: Cue, links: list[Link]) -> list[Link]:
    """"Phnom Penh rejected the protest", "X brushed off the accusations": words aimed at
    the subject, with no speaker named, are the last ones told (pressure or threat on
    the subject), and the answer is aimed at their speaker."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _CHARGES
            and any(d.lower_ in ("the", "this", "these", "that", "those") for d in c.children)
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


def _focus_target(s: _Sentence, verb: Token, cue: Cue, focus: Counter) -> list[Link]:
    """"Moscow condemned the move", "Petro denounced it": a reaction to an act told with
    no doer and none found before is aimed at the state the article is about — the one
    it names most after the reacting one, clearly (three times at least, half again as
    often as any other)."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and not any(
        t.i in s.at for t in c.subtree) and (c.lower_ in ("it", "this") or (
            c.pos_ == "NOUN" and any(d.lower_ in ("the", "this", "that", "these", "those")
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


#: Verbs that stop an act of one's own: "halted arms exports", "suspended aid".
_CEASE = frozenset(["stop", "halt", "suspend", "cease", "end", "freeze", "cut", "withdraw",
                    "cancel", "scrap", "pause", "terminate", "withhold", "discontinue"])
#: Support said as a trade: stopping it is an export control, not only pressure.
_TRADE = frozenset(["export", "sale", "delivery", "shipment", "supply", "transfer", "trade"])
_SUPPORT = frozenset(["military_support", "economic_support", "diplomatic_support"])


#: Verbs of rehearsing an act: "drills simulating a blockade of X" threaten X.
_SIMULATE = frozenset(["simulate", "rehearse", "practise", "practice", "mimic"])


def _simulated(doc: Doc, link: Link) -> Link:
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


def _ceased(doc: Doc, link: Link) -> Link:
    """Support that its giver stops is a measure on the receiver: stopping aid or
    cooperation is pressure (CAMEO 162), stopping sales or deliveries a sanction."""
    if link.type not in _SUPPORT:
        return link
    stop = None
    for i in (link.light, link.trigger):
        if i is None:
            continue
        t = doc[i]
        if t.pos_ == "VERB" and t.lemma_.lower() in _CEASE:
            stop = t
        elif t.dep_ in ("dobj", "xcomp", "nsubjpass", "pcomp") and \
                t.head.pos_ == "VERB" and t.head.lemma_.lower() in _CEASE:
            stop = t.head
        if stop is not None:
            break
    if stop is None:
        return link
    trade = any(t.lemma_.lower() in _TRADE for t in doc[link.trigger].subtree)
    return replace(link, type="sanctions" if trade else "pressure",
                   cue=f"{stop.lemma_.lower()} {link.cue}",
                   cue_source="ours" if trade else "cameo 162")


#: What one warns of when warning is a threat: "warned of retaliation against X".
_FORCE = frozenset(["retaliation", "response", "reprisal", "revenge", "consequence",
                    "countermeasure", "attack", "strike", "war", "action", "force"])
_WARN = ("warn", "threaten", "vow")
#: Words of force in a warning's clause: "would pay a heavy price", "means war".
_FORCE_SAID = frozenset(["price", "respond", "retaliate", "punish", "hesitate", "crush",
                         "destroy", "annihilation", "countermeasure", "measure", "step",
                         "fire", "annihilate", "wipe", "obliterate", "ash", "ashes"])
#: Verbs of answering in kind: announced ("would respond to X"), a threat.
_ANSWER = frozenset(["respond", "retaliate", "reply", "answer", "hit", "strike"])


def _held_over(s: _Sentence, tok: Token) -> list[Link]:
    """Force held over someone outside a warning verb's own reading: "vowed a merciless
    response to Y", "promised retaliation against Y", "would respond to Y's accession
    with countermeasures", "will retaliate against Y"."""
    lemma = tok.lemma_.lower()
    doc = s.sent.doc
    if tok.pos_ == "NOUN" and lemma in _FORCE and tok.dep_ == "dobj" and \
            tok.head.lemma_.lower() in _WARN:
        verb = tok.head
        targets = [m for w in ("to", "against", "on", "for") for m in s.prep(tok, w)]
    elif tok.pos_ == "VERB" and lemma in _ANSWER and (
            any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall")
                for c in tok.children) or
            (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in (*_WARN, "promise",
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

    return _pair(s, tok, sources, targets, CLIMBED if st1 else DIRECT, DIRECT, link)


def _threatened(s: _Sentence, links: list[Link]) -> tuple[list[Link], set[int]]:
    """"X warned that it would impose more tariffs if Y …", "X threatened to strike Y",
    "X warned of retaliation against Y": a measure, an attack or a response held over
    someone is also a threat to them (and the warning then no mere pressure: the tokens
    whose pressure links it replaces are returned)."""
    out = []
    replaced: set[int] = set()
    doc = s.sent.doc
    for x in links:
        node = doc[x.light if x.light is not None else x.trigger]
        if x.type == "pressure" and node.lemma_.lower() in _WARN:  # the verb's own link
            held = [p for c in node.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"]
            held += [c for c in node.children if c.dep_ == "dobj"]  # "vowed retaliation"
            node = next((p for p in held if p.lemma_.lower() in _FORCE), node)
            if node.i != x.trigger:
                replaced.add(x.trigger)
        if x.type == "pressure" and node.lemma_.lower() in _WARN and node.i == x.trigger and \
                any(t.lemma_.lower() in _FORCE | _FORCE_SAID and t.i != node.i
                    for c in node.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree):
            # "warned Y that it would pay a heavy price", "warned that X would take further
            # measures if Y …": force held over Y in the warning's clause
            out.append(Link(x.source, x.target, "threat", node.i, None,
                            f"{node.lemma_.lower()}: force", x.strength * 0.9, x.sent_start,
                            cue_source=x.cue_source))
            replaced.add(node.i)
            continue
        if x.type == "pressure" and node.lemma_.lower() in _FORCE and (
                (node.dep_ == "pobj" and node.head.lower_ == "of") or node.dep_ == "dobj"):
            verb = node.head.head if node.dep_ == "pobj" else node.head
            if verb.lemma_.lower() not in _WARN:
                continue
            out.append(Link(x.source, x.target, "threat", verb.i, None,
                            f"{verb.lemma_.lower()}{' of' * (node.dep_ == 'pobj')} "
                            f"{node.lemma_.lower()}",
                            x.strength * 0.9, x.sent_start, cue_source=x.cue_source))
            replaced.update((node.i, verb.i))
            continue
        if x.type not in ("sanctions", "armed_conflict"):
            continue
        for _ in range(3):
            if node.head.i == node.i:
                break
            if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in _WARN:
                out.append(Link(x.source, x.target, "threat", node.head.i, None,
                                f"{node.head.lemma_.lower()}: {x.cue}", x.strength * 0.9,
                                x.sent_start, cue_source=x.cue_source))
                if node.head.lemma_.lower() == "vow":  # a vow to act on X is no demand
                    replaced.add(node.head.i)
                break
            node = node.head
    return out, replaced


#: Verbs that repeat another's words: "a demand echoed by France", "X echoed the call".
_ECHO = frozenset(["echo", "second", "repeat"])
_CALLS = frozenset(["call", "demand", "appeal", "criticism", "concern", "warning",
                    "condemnation", "plea", "request", "complaint", "sentiment"])


def _echoed(s: _Sentence, said: list[Link]) -> list[Link]:
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


def _same_again(s: _Sentence, previous: list[Link]) -> list[Link]:
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
        for m in sources:
            for x in previous:
                if m.actor not in (x.source, x.target) and \
                        s.index.state_of(m.actor) != s.index.state_of(x.target):
                    out.append(Link(m.actor, x.target, x.type, verb.i, None,
                                    f"{lemma} the same: {x.cue}", x.strength * 0.8,
                                    s.sent.start, x.goods, cue_source=x.cue_source))
    return out


_MOVE_FORCES = frozenset(["deploy", "move", "shift", "station", "position", "mass", "amass",
                          "redeploy", "mobilise", "mobilize"])
#: Keeping forces somewhere: "stations troops in X", "keeps 28,500 troops in X".
_STATION = frozenset(["station", "keep", "maintain", "base", "garrison", "position"])
_TOWARD = frozenset(["to", "toward", "towards", "near", "nearer", "along", "up", "closer"])
_STOP = frozenset(["stop", "halt", "suspend", "cease", "end", "quit"])
_PLACES = frozenset(["border", "frontier", "coast", "coastline", "waters", "airspace",
                     "doorstep", "boundary"])


def _near_border(s: _Sentence, verb: Token) -> bool:
    """Forces moved to a border or coast, the place said on the verb or on the forces
    ("massed troops on X's border")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    return any(t.lemma_.lower() in _PLACES or t.lower_ in ("near", "nearer", "along", "off")
               for h in heads for c in h.children if c.dep_ in ("prep", "advmod", "prt")
               for t in c.subtree)


#: Measures aimed at someone: backing one is the measure, not support for its target.
_MEASURES = frozenset(["sanction", "embargo", "tariff", "ban", "blockade", "boycott"])
#: Nouns that move goods: "North Korea's shipments of shells to Russia".
_TRANSFER_NOUNS = frozenset(["shipment", "delivery", "supply", "sale", "transfer", "export",
                             "provision", "consignment", "shipping", "supplying", "sending",
                             # "an arms package for X", "the training of X's pilots"
                             "package", "training", "donation"])


def _counted(noun: Token) -> Token:
    """What a quantity counts: "hundreds of missiles", "a barrage of rockets"."""
    if noun.lemma_.lower() not in _QUANTITIES:
        return noun
    return next((p for g in noun.children if g.dep_ == "prep" and g.lower_ == "of"
                 for p in g.children if p.dep_ == "pobj"), noun)


def _verb_object(book: CueBook, verb: Token, obj: Token) -> Cue | None:
    """A CAMEO verb-object cue ("cut diplomatic ties", "recall ambassador") on this verb."""
    v = verb.lemma_.lower()
    o = obj.lemma_.lower()
    for c in obj.children:
        if c.dep_ in ("amod", "compound") and c.i < obj.i:
            cue = book.verb_objects.get((v, f"{c.lemma_.lower()} {o}"))
            if cue is not None:
                return cue
    return book.verb_objects.get((v, o))


def _nominal_transfer(s: _Sentence, noun: Token) -> list[Link]:
    """Goods moved, said as a noun: "X's shipments of shells to Y", "Russian fuel
    deliveries to North Korea", "arms sales to Y"."""
    goods = None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    goods = _goods(p, s.book)
        elif c.dep_ in ("compound", "amod") and (c.lemma_.lower(),) in s.book.goods:
            goods = (s.book.goods[(c.lemma_.lower(),)], c.lemma_.lower())
    if goods is None:
        return []
    type_, what = goods
    givers = [m for m in s.modifiers(noun) if m.head < noun.i] + s.prep(noun, "from") + \
        s.prep(noun, "by")
    if not givers:  # "the sale of American weapons to Y", "U.S. arms sales": the goods' maker
        givers = [m for c in noun.children if (c.dep_ == "prep" and c.lower_ == "of") or
                  c.dep_ in ("compound", "amod")
                  for p in ([x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep"
                            else [c])
                  for m in [*s.modifiers(p), *(x for x in s.at.get(p.i, ())
                                               if x.how.startswith("role"))]
                  if s.sent.doc[m.head].dep_ in ("amod", "compound") or m.head == p.i]
    st1 = DIRECT
    if not givers:
        verb = s.governor(noun)
        if verb is not None and verb.lemma_.lower() in s.book.light_verbs:
            givers, st1 = s.subject(verb)[0], CLIMBED
    takers = s.prep(noun, "to") + s.prep(noun, "for")
    if not takers:  # "shipments of shells to Russia": "to" hangs on the goods
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    takers += s.prep(p, "to") + s.prep(p, "for")
    verb = noun.head
    if not takers and noun.dep_ == "dobj" and verb.lemma_.lower() not in s.book.transfers:
        # "condemned U.S. arms sales to Taiwan", the "to" parsed onto the verb
        takers = [m for m in s.prep(verb, "to") if m.head > noun.i]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, noun.i, None, f"{noun.lemma_.lower()} {what}",
                    strength * 0.85, s.sent.start, goods=what)

    return _pair(s, noun, givers, takers, st1, DIRECT, link, fallback=False)


#: Nouns of buying: "China's purchases of Russian oil".
_PURCHASE_NOUNS = frozenset(["purchase", "buying", "import", "acquisition"])


def _nominal_purchase(s: _Sentence, noun: Token) -> list[Link]:
    """"China's purchases of Russian oil": buying goods supports the seller (arms bought
    are the seller's military support to the buyer)."""
    goods_tok = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
    found = _goods(goods_tok, s.book) if goods_tok is not None else None
    if found is None:
        return []
    type_, what = found
    buyers = [m for m in s.modifiers(noun) if m.head < noun.i] + s.prep(noun, "by")
    sellers = s.prep(noun, "from") + s.prep(goods_tok, "from") + s.modifiers(goods_tok)
    if type_ == "economic_support":
        givers, takers = buyers, sellers
    else:
        givers, takers = sellers, buyers

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, noun.i, None, f"{noun.lemma_.lower()} {what}",
                    strength * 0.85, s.sent.start, goods=what)

    return _pair(s, noun, givers, takers, DIRECT, DIRECT, link)


def _goods_to(s: _Sentence, noun: Token) -> list[Link]:
    """"Washington's arms to Taiwan", "Russian oil to China": goods its owner sends."""
    type_ = s.book.goods[(noun.lemma_.lower(),)]
    givers = [m for m in s.modifiers(noun) if m.head < noun.i]
    takers = s.prep(noun, "to")

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, noun.i, None, f"{noun.lemma_.lower()} to",
                    strength * 0.8, s.sent.start, goods=noun.lemma_.lower())

    return _pair(s, noun, givers, takers, DIRECT, DIRECT, link)


def _must(s: _Sentence, speech: Token) -> list[Link]:
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

    return _pair(s, speech, speakers, targets, DIRECT, CLIMBED, link)


#: Lists that punish: "added X's firms to its entity list", "put X on a blacklist".
_LISTS = frozenset(["sanction", "sanctions", "entity", "black", "blacklist", "terror",
                    "terrorist", "watch", "trade"])


def _listed_on(verb: Token) -> bool:
    return any(p.lemma_.lower() == "blacklist" or (p.lemma_.lower() == "list" and any(
        c.dep_ in ("compound", "amod") and c.lower_ in _LISTS for c in p.children))
        for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on")
        for p in c.children if p.dep_ == "pobj")


def _alongside(s: _Sentence, verb: Token) -> list[Link]:
    """"X's troops are fighting alongside Y's forces": military support for Y."""
    sources = s.subject(verb)[0] or [m for c in verb.children if c.dep_ == "nsubj"
                                     for m in s.modifiers(c)]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "military_support", verb.i, None,
                    f"{verb.lemma_.lower()} alongside", strength * 0.8, s.sent.start)

    return _pair(s, verb, sources, s.prep(verb, "alongside"), DIRECT, DIRECT, link)


def _brought_together(s: _Sentence, verb: Token) -> list[Link]:
    """"talks that brought together X's envoys and Y's officials": X and Y met."""
    group = [m for c in verb.children if c.dep_ == "dobj" for m in s.actors(c)]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "meeting", verb.i, None, "bring together",
                    strength * 0.8, s.sent.start)

    return [link(a, b, DIRECT) for i, a in enumerate(group) for b in group[i + 1:]
            if s.index.state_of(a.actor) != s.index.state_of(b.actor)]


#: Verbs of countering another's weight: "to counter China's growing influence".
_COUNTER = frozenset(["counter", "counterbalance", "offset", "contain", "check"])
#: What is countered when it is someone's: influence, power, presence.
_WEIGHT = frozenset(["influence", "dominance", "power", "order", "hegemony", "clout",
                     "presence", "rise", "expansion", "ambition", "assertiveness", "reach",
                     "sway", "might", "footprint"])


def _countered(s: _Sentence, verb: Token) -> list[Link]:
    """"to counter China's growing influence", "to counterbalance China": rivalry."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    rivals = [m for o in objs for m in s.at.get(o.i, ())]
    rivals += [m for o in objs if o.lemma_.lower() in _WEIGHT
               for m in s.modifiers(o) + [a for c in o.children if c.dep_ == "acl"
                                           for g in c.children if g.dep_ == "agent"
                                           for p in g.children for a in s.actors(p)]]
    if not rivals:
        return []
    sides, st = s.subject(verb)

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "rivalry", verb.i, None, verb.lemma_.lower(),
                    strength * 0.7, s.sent.start)

    return _pair(s, verb, sides, rivals, CLIMBED if st else DIRECT, DIRECT, link)


def _is_light(book: CueBook, verb: Token) -> bool:
    """A light verb, also where the model cuts its "-e" ("staged" -> "stag")."""
    lemma = verb.lemma_.lower()
    return lemma in book.light_verbs or (lemma + "e" in book.light_verbs and
                                         verb.lower_.startswith(lemma + "e"))


def _light(s: _Sentence, tok: Token, pos: str) -> Token | None:
    """The light verb carrying a cue noun ("provide support"), if any."""
    if pos == "verb":
        return None
    verb = s.governor(tok)
    return verb if verb is not None and _is_light(s.book, verb) else None


def _links_for(s: _Sentence, tok: Token, cue: Cue, symmetric: frozenset[str],
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
    if pos == "verb" and lemma in book.transfers and _goods_of_verb(s, tok):
        return []  # the transfer reading decides
    if pos == "verb" and _is_light(book, tok) and any(
            c.dep_ == "dobj" and _counted(c).i in {n.i for n in s.cue_nouns}
            for c in tok.children):
        return []  # "imposed export controls on X": the noun decides, not "impose"
    if pos == "verb" and any(c.dep_ == "dobj" and c.lemma_.lower() in book.word_sense
                             for c in tok.children) and cue.type != "sanctions":
        return []  # "struck a bargain", "met the target": another sense of the verb
    if pos == "verb" and cue.type == "armed_conflict" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _SAID for c in tok.children):
        # "blasted X's decision", "attacked the plan": criticism, not an assault
        cue = Cue("pressure", "verb", cue.lemmas, cue.strength, cue.source)
    if pos == "noun" and tok.lemma_.lower() in book.needs_modifier and not any(
            c.lower_ in book.naming_modifiers or c.is_quote for c in tok.children) and \
            not (tok.i > 0 and tok.nbor(-1).is_quote):
        return []  # "partnership" counts only when named ("strategic", quoted)
    light = _light(s, tok, pos)
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
        return _symmetric(s, tok, pos, light, link,
                          guess=cue.type not in book.no_fallback and cue.source == "ours")
    if cue.type == "diplomatic_support" and pos == "verb":
        # backing a measure against X is the measure ("backs new sanctions on X")
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _QUANTITIES:
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

                return _pair(s, c, backers, targets, DIRECT if not st1 else CLIMBED,
                             st2, measure)
    if cue.type in ("military_support", "economic_support") and (
            cue.lemmas in book.bilateral or drills_with or (pos == "noun" and any(
                c.lower_ in _JOINTLY for c in tok.children))):
        pairs = _symmetric(s, tok, pos, light, link, guess=False,
                           partners=("prep:with", "prep:between", "dative", "poss"))
        if not pairs and not drills_with and tok.lemma_.lower() in _DRILLS and \
                not any(c.lower_ in _JOINTLY for c in tok.children):
            # drills with no partner named: a show of force aimed at someone
            return _links_for(s, tok, Cue("threat", "noun", cue.lemmas, cue.strength,
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
            roles = (*roles, "clause")  # "warned that far worse lies ahead unless X …"
        if cue.type == "armed_conflict" and pos == "noun":
            roles = (*roles, "prep:in")  # "airstrikes in Pakistan"
        targets, st2 = s.first(roles, tok, pos, light, exclude)
        if cue.type == "pressure" and pos == "verb" and not targets:
            # "condemned the attack, saying X had violated …": the one the reason names
            targets = [a for c in tok.children if c.dep_ == "advcl" and
                       c.lemma_.lower() in _SPEAKING for g in c.children if g.dep_ == "ccomp"
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
    if cue.type in _SUPPORT and pos == "noun" and not targets:
        # "X received (won, enjoys) strong backing from Y": X is supported
        governor = s.governor(tok)
        if governor is not None and governor.lemma_.lower() in _GAIN:
            targets, st2 = s.subject(governor)[0], CLIMBED
            sources = [m for m in sources if m not in targets] or \
                [m for m in s.prep(governor, "from") if m not in targets]
    if pos == "verb" and lemma == "welcome" and cue.type == "diplomatic_support":
        # "welcomed X's decision": its owner (a welcomed visitor is a meeting)
        if any(c.dep_ == "dobj" and c.i in s.at for c in tok.children):
            return []
        targets = [m for c in tok.children if c.dep_ == "dobj" for m in s.modifiers(c)
                   if s.index.state_of(m.actor) not in {s.index.state_of(a.actor)
                                                        for a in sources}]
    reciprocal = (light is not None and light.lemma_.lower() in ("exchange", "trade")) or \
        (pos == "verb" and lemma in ("share", "exchange", "swap"))  # "X and Y agreed to share …"
    if pos == "verb" and lemma in _CLASH:  # "X clashed with Y", "X and Y skirmished"
        reciprocal = True
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

        out = _pair(s, tok, sources, parts, st1, st2, against)
        return out + (_pair(s, tok, sources, targets, st1, st2, link) if targets else [])
    # the one other actor of the sentence may complete only a noun cue of our own
    elided = pos != "verb" and cue.source == "ours"
    return _pair(s, tok, sources, targets, st1, st2, link,
                 fallback=OTHER_ACTOR and elided and not negated_cue and
                 cue.type not in book.no_fallback)


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
#: Words for one kind of act, for "condemned the exercises" after "held drills".
_SAME_ACT = {"exercise": "drill", "manoeuvre": "drill", "maneuver": "drill", "game": "drill",
             "airstrike": "strike", "bombing": "strike", "raid": "strike", "attack": "strike",
             "shelling": "strike"}
#: Drills: aimed near someone a threat, held with someone cooperation.
_DRILLS = frozenset(["drill", "exercise", "manoeuvre", "maneuver", "game"])
#: Verbs of helping: goods sent "to help X" go to X.
_HELP = frozenset(["help", "assist", "support", "aid", "bolster", "back", "prop", "shore"])
#: "ordered X's ambassador to leave": an expulsion.
_ORDER_OUT = frozenset(["order", "tell", "ask", "give"])
_LEAVE = frozenset(["leave", "quit", "depart", "exit"])
#: Verbs that host a visitor when their object is an actor.
_RECEIVE = frozenset(["receive", "welcome", "greet"])
#: Fighting verbs said of both sides at once: "clashed with", "X and Y skirmished".
_CLASH = frozenset(["clash", "skirmish", "fight", "battle", "spar"])


def _under(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in ("under", "amid")


def _pair(s: _Sentence, tok: Token, sources: list[Mention], targets: list[Mention],
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


def _symmetric(s: _Sentence, tok: Token, pos: str, light: Token | None, link,
               guess: bool = True, partners: tuple[str, ...] | None = None) -> list[Link]:
    """Both sides of an undirected relation (or of cooperation stated both ways):
    "between X and Y", subject or possessor with object, "with", "to" or apposition,
    coordinated subjects. `guess` lets a noun take the sentence's other actor."""
    between, _ = s.role("between", tok, pos, light)
    pitted = s.prep(tok, "against") if tok.lemma_.lower() == "pit" else []
    if len(between) >= 2:
        side_a, side_b, strength = between[:1], between[1:], DIRECT
    elif pitted:  # "pits X and Y against Z"
        side_a, side_b, strength = s.objects(tok), pitted, DIRECT
    else:
        side_a, st_a = s.first(("subj", "poss", "attached") if pos == "verb" else
                               ("subj", "poss", "attached", "prep:by"), tok, pos, light)
        exclude = {s.index.state_of(m.actor) for m in side_a}
        names = ("obj", "dative", "prep:with", "prep:to", "prep:of", "prep:in") \
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
        elif side_a and not side_b and pos == "noun" and OTHER_ACTOR and guess:
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


def _acted_on(s: _Sentence, noun: Token) -> bool:
    """True when the noun is what a named actor does something to ("X joined the pact")."""
    verb = s.governor(noun)
    return verb is not None and bool(s.subject(verb)[0])


def _goods_of_verb(s: _Sentence, verb: Token) -> tuple[Token, str, str] | None:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    for c in verb.children:
        deps = ("dobj", "nsubjpass", "nsubj") if s.book.transfers.get(
            verb.lemma_.lower()) == "receive" else ("dobj", "nsubjpass")
        if c.dep_ in deps or (c.dep_ == "prep" and c.lower_ == "with" and not passive):
            targets = [c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]
            for t in targets:
                found = _goods(t, s.book)
                if found:
                    return t, found[0], found[1]
    return None


def _transfer(s: _Sentence, verb: Token) -> list[Link]:
    """Goods moving between actors: "X supplied Y with shells", "X's oil comes from Y"."""
    found = _goods_of_verb(s, verb)
    if found is None:
        return []
    goods_tok, type_, goods = found
    kind = s.book.transfers[verb.lemma_.lower()]
    owner = s.modifiers(goods_tok) or s.actors(goods_tok)
    if kind == "give":
        givers, st1 = s.role("subj", verb, "verb", None)
        if not givers and any(c.dep_ == "nsubjpass" and c.i == goods_tok.i
                              for c in verb.children):
            givers = owner  # "Kenyan troops were deployed to Somalia": the troops' state
        takers, st2 = s.first(("dative", "prep:to", "prep:for", "obj", "prep:with"), verb,
                              "verb", None, {s.index.state_of(m.actor) for m in givers})
    elif kind == "buy":
        takers, st2 = s.role("subj", verb, "verb", None)
        if not takers:  # "X's oil is bought from Y": the owner buys
            takers = [m for m in owner if not s.prep(verb, "from") or m not in
                      s.prep(verb, "from")]
        givers, st1 = s.first(("prep:from",), verb, "verb", None)
        if not givers:
            givers, st1 = owner, DIRECT
        if type_ == "economic_support":  # buying someone's goods supports the seller
            givers, takers, st1, st2 = takers, givers, st2, st1
    else:
        givers, st1 = s.first(("prep:from", "prep:by", "prep:with"), verb, "verb", None)
        if not givers and goods_tok.dep_ == "dobj":
            # "Djibouti hosts a Chinese base", "received American tanks": the owner gives
            givers = owner
        subject = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        takers = owner if subject and any(t.i == goods_tok.i for t in subject[0].subtree) \
            else []
        st2 = DIRECT
        if not takers:
            takers, st2 = s.role("subj", verb, "verb", None)
    excluded = {m.actor for m in owner} if kind == "give" else set()
    takers = [m for m in takers if m.actor not in excluded] or takers
    lemma = verb.lemma_.lower()
    if kind == "give" and not takers:  # "sent troops to help X fight …": X is helped
        takers = [m for c in verb.children if c.dep_ in ("xcomp", "advcl")
                  and c.lemma_.lower() in _HELP
                  for o in [*(k for k in c.children if k.dep_ == "dobj"),
                            *(g for k in c.children if k.dep_ in ("ccomp", "xcomp")
                              for g in k.children if g.dep_ == "nsubj")]  # "help X fight"
                  for m in s.actors(o)
                  if s.index.state_of(m.actor) not in
                  {s.index.state_of(g.actor) for g in givers}]
    if kind == "give" and not takers and lemma in _STATION:  # "stations troops in X"
        takers = [m for m in s.prep(verb, "in") + [x for c in verb.children if c.dep_ == "dobj"
                                                   for x in s.prep(c, "in")]
                  if s.index.state_of(m.actor) not in {s.index.state_of(g.actor)
                                                       for g in givers}]
    if kind == "give" and not takers:  # "moved troops up to X's border", "nearer to X"
        for c in verb.children:
            if c.dep_ in ("advmod", "prt", "prep") and c.lower_ in _TOWARD:
                takers = [m for p in c.subtree if p.i in s.at and p.i != c.i
                          for m in s.at[p.i]]
                break
    if type_ == "military_support" and lemma in _MOVE_FORCES and _near_border(s, verb):
        type_ = "threat"  # forces moved to someone's border or coast
    if kind == "buy" and verb.dep_ in ("xcomp", "pcomp") and \
            verb.head.lemma_.lower() in _STOP:
        # "to stop buying X's seafood": the buyer punishes the seller (givers are the
        # buyers already when the goods are economic: see above)
        if type_ == "military_support":
            givers, takers, st1, st2 = takers, givers, st2, st1
        type_ = "sanctions"

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, verb.i, None, f"{verb.lemma_.lower()} {goods}",
                    strength * 0.85, s.sent.start, goods=goods)

    return _pair(s, verb, givers, takers, st1, st2, link)


#: Initiatives, not measures aimed at someone: "blocked the move", "resisted the bid".
_INITIATIVES = frozenset(["move", "step", "action", "attempt", "effort", "bid", "proposal",
                          "plan"])


def _obstruct(s: _Sentence, verb: Token) -> list[Link]:
    """Blocking measures aimed at someone: political cover for them."""
    objs = [c for c in verb.children if c.dep_ == "dobj"
            and c.lemma_.lower() in s.book.obstruct_objects]
    objs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "against" and
             verb.lemma_.lower() == "vote" for p in c.children
             if p.dep_ == "pobj" and p.lemma_.lower() in s.book.obstruct_objects]
    if not objs:
        # "shielded X from UN censure": cover for X
        shielded = [m for c in verb.children if c.dep_ == "dobj" for m in s.at.get(c.i, ())]
        measure = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                   for p in c.children if p.lemma_.lower() in s.book.obstruct_objects |
                   {"criticism", "scrutiny", "punishment", "accountability"}]
        if not shielded or not measure:
            return []
        sources = [m for m in s.subject(verb)[0]
                   if s.index.state_of(m.actor) not in {s.index.state_of(x.actor)
                                                        for x in shielded}]
        return [Link(a.actor, b.actor, "diplomatic_support", verb.i, None,
                     f"{verb.lemma_.lower()} from {measure[0].lemma_.lower()}", 0.8 * DIRECT,
                     s.sent.start) for a in sources for b in shielded]
    obj = objs[0]
    if any(c.dep_ == "poss" and c.i in s.at for c in obj.children):
        return []  # "blocked Sweden's bid": pressure on Sweden, not cover for anyone
    sources, st1 = s.role("subj", verb, "verb", None)
    measure_by = {s.index.state_of(m.actor) for m in s.modifiers(obj)}
    targets: list[Mention] = []
    for word in ("against", "on", "targeting", "over"):
        targets += s.prep(obj, word)
    for adj in (c for c in obj.children if c.dep_ == "amod"):  # "a resolution critical of X"
        targets += s.prep(adj, "of") + s.prep(adj, "against")
    for clause in obj.children:  # "a resolution condemning X's launches"
        if clause.dep_ in ("acl", "relcl") and not targets:
            targets += s.objects(clause)
    st2 = DIRECT
    if not targets and OTHER_ACTOR and obj.lemma_.lower() not in _INITIATIVES:
        # a measure is aimed at someone; a move, bid or plan is its author's, and the
        # sentence's other actor is as likely its author as its aim
        exclude = {s.index.state_of(m.actor) for m in sources} | measure_by
        targets, st2 = s.others(exclude, obj), FALLBACK

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "diplomatic_support", verb.i, None,
                    f"{verb.lemma_.lower()} {obj.lemma_.lower()}", strength * 0.8,
                    s.sent.start)

    return _pair(s, verb, sources, targets, st1, st2, link)


def _evaluation(s: _Sentence, adj: Token) -> list[Link]:
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
                if node.pos_ == "VERB" and node.lemma_.lower() in _SPEAKING | {
                        "declare", "warn", "stress", "call", "describe"}:
                    speaker = node
                    break
            judges = s.subject(speaker)[0] if speaker is not None else []
    if type_ == "pressure" and not judged:
        return []

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, adj.i, None, adj.lemma_.lower(),
                    strength * 0.75, s.sent.start)

    return _pair(s, adj, judges, judged, DIRECT, DIRECT, link)


def _in_gerund(tok: Token, top: Token) -> bool:
    """True when `tok` sits under a gerund ("wary of provoking X") below `top`."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.pos_ == "VERB" and tok.dep_ == "pcomp":
            return True
        tok = tok.head
    return False


#: Agreements typed by what they cover: "a memorandum on raw materials with X".
_AGREEMENTS = frozenset(["agreement", "deal", "accord", "memorandum", "pact", "treaty",
                         "contract", "mou"])


def _agreement_on(s: _Sentence, noun: Token) -> list[Link]:
    """"signed a memorandum of understanding on rare earth minerals with X", "an
    agreement with X on gas supplies": cooperation, both ways, typed by what is covered."""
    holder = noun
    for c in noun.children:  # "memorandum of understanding on …"
        if c.dep_ == "prep" and c.lower_ == "of":
            holder = next((p for p in c.children if p.dep_ == "pobj"), noun)
    covered = [p for h in {noun, holder} for c in h.children
               if c.dep_ == "prep" and c.lower_ in ("on", "for", "over", "covering")
               for p in c.children if p.dep_ == "pobj"]
    goods = next((g for p in covered for g in [_goods(p, s.book)] if g), None)
    if goods is None or any(t.i in s.at for p in covered for t in p.subtree):
        return []
    type_, what = goods
    light = _light(s, noun, "noun")

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, type_, noun.i,
                    light.i if light is not None else None,
                    f"{noun.lemma_.lower()} on {what}", strength * 0.75, s.sent.start,
                    goods=what)

    between = s.prep(noun, "between") + s.prep(holder, "between")
    if len(between) >= 2:
        side_a, side_b = between[:1], between[1:]
    else:
        side_a = s.subject(light)[0] if light is not None else s.modifiers(noun)
        side_b = [m for h in {noun, holder} for m in s.prep(h, "with")] + (
            s.prep(light, "with") if light is not None else [])
        if len(side_a) >= 2 and not side_b:  # "X and Y signed an agreement on …"
            side_a, side_b = side_a[:1], side_a[1:]
    return [x for a in side_a for b in side_b
            if s.index.state_of(a.actor) != s.index.state_of(b.actor)
            for x in (link(a, b, DIRECT), link(b, a, DIRECT))]


#: "came to X's defence", "rushed to the aid of X": diplomatic support.
_RUSH = frozenset(["come", "spring", "rush", "leap", "jump", "hurry", "race", "go", "step"])


def _to_the_defence(s: _Sentence, noun: Token) -> list[Link]:
    verb = noun.head.head
    sources, st1 = s.subject(verb)
    exclude = {s.index.state_of(m.actor) for m in sources}
    targets = [m for m in s.modifiers(noun) + s.prep(noun, "of")
               if s.index.state_of(m.actor) not in exclude]

    def link(src: Mention, dst: Mention, strength: float) -> Link:
        return Link(src.actor, dst.actor, "diplomatic_support", verb.i, None,
                    f"{verb.lemma_.lower()} to the {noun.lemma_.lower()}", strength * 0.75,
                    s.sent.start)

    return _pair(s, noun, sources, targets, CLIMBED if st1 else DIRECT, DIRECT, link)


#: Moving into or near another's waters, airspace or territory, or firing over it.
_INCURSION = frozenset(["enter", "intrude", "violate", "breach", "fly", "sail", "penetrate",
                        "send", "deploy", "dispatch", "stray", "encroach", "fire", "launch"])
#: Waters and skies, not land: forces crossing into territory may be an invasion.
_SOVEREIGN = frozenset(["airspace", "waters", "water", "zone", "sea", "coast", "coastline",
                        "island", "islet"])
_INTO = frozenset(["into", "near", "over", "inside", "within", "toward", "towards", "off",
                   "across", "in"])


def _incursion(s: _Sentence, verb: Token) -> list[Link]:
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
        if not any(c.dep_ == "dobj" and _goods(c, s.book) and
                   _goods(c, s.book)[0] == "military_support" for c in verb.children):
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

    return _pair(s, verb, sources, owners, DIRECT, DIRECT, link)


#: Nouns that judge an act when it is named by them: "called X's raid a violation".
_JUDGING = frozenset(["violation", "breach", "affront", "provocation", "aggression",
                      "terrorism", "crime", "insult", "blunder", "betrayal", "interference",
                      "meddling", "piracy", "blackmail", "outrage", "travesty", "attack"])
#: Verbs that name a thing as something: "called", "labelled", "branded".
_NAMING = frozenset(["call", "label", "brand", "describe", "term", "deem", "consider", "dub",
                     "denounce", "condemn", "decry", "slam", "characterise", "characterize"])
#: Feelings a verb is done with or in: "views X with alarm", "walked out in protest at X".
_MANNER = frozenset(["alarm", "concern", "regret", "dismay", "suspicion", "unease", "anger",
                     "disapproval", "displeasure", "protest", "indignation", "outrage",
                     "disappointment", "alarm", "apprehension", "anxiety"])


def _doers(s: _Sentence, noun: Token, done: list[Link], prev_start: int,
           exclude: set[str]) -> list[Mention]:
    """Whom an act names: the actors of its phrase, else (a definite act or "it" with no
    doer named) the doer of the last act told, in this sentence or the one before."""
    found = [m for m in s.actors(noun) if s.index.state_of(m.actor) not in exclude]
    if found or noun.i in s.at:
        return found
    if noun.lower_ in ("it", "this"):  # "called it an affront": the act "it" stands for
        noun = acts_told.act_object(noun.head, set(s.at)) if noun.dep_ == "dobj" and \
            noun.head.pos_ == "VERB" else None
        noun = noun or s.sent.doc[0]
    definite = noun.pos_ == "PRON" or any(
        d.lower_ in ("the", "this", "these", "that", "those") for d in noun.children)
    last = _earlier_act(s, noun, done, prev_start) if definite else None
    if last is None:
        return []
    return [s.mention_of(x.source) for x in done if x.trigger == last.trigger
            and s.index.state_of(x.source) not in exclude]


def _earlier_act(s: _Sentence, noun: Token, done: list[Link], prev_start: int
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
    if earlier is None and not cued and (lemma in _GENERIC_ACTS or noun.pos_ == "PRON") \
            and done[-1].sent_start == prev_start:
        earlier = done[-1]
    if earlier is None and lemma in _GENERIC_ACTS:
        earlier = acts_told.main_act(done)  # "the decision" long after the lede
    return earlier


def _judged(s: _Sentence, noun: Token, done: list[Link], prev_start: int) -> list[Link]:
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
        if speech is None or speech.lemma_.lower() not in _SPEAKING | {"call", "declare"}:
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

    return _pair(s, noun, judges, targets, DIRECT, CLIMBED, link)


def _manner(s: _Sentence, noun: Token, done: list[Link], prev_start: int) -> list[Link]:
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

    return _pair(s, noun, judges, targets, DIRECT, CLIMBED, link)


def _disapproval(s: _Sentence, tok: Token) -> list[Link]:
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
    return _links_for(s, tok, cue, frozenset(), negated_cue=True)
