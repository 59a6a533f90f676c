"""Finding cues in a sentence: cue lemmas at a token (`cue_at`), noun cues whose
modifier is coordinated away (`conjoined`), CAMEO verb-object cues (`verb_object`) and
lists that punish ("added X's firms to its entity list": `listed_on`)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from explorer.extract.cues import Cue, CueBook


def cue_at(doc: Doc, i: int, book: CueBook, end: int) -> list[tuple[Cue, int]]:
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
        if cue.pos == "verb" and n == 2 and _when(tok, cue.lemmas[1]):
            continue  # "called Putin on Friday": a day, not "call on"
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


def _when(verb: Token, word: str) -> bool:
    """The verb's preposition `word` introduces a date or time ("on Friday")."""
    return any(c.dep_ == "prep" and c.lower_ == word and p.ent_type_ in ("DATE", "TIME")
               for c in verb.children for p in c.children if p.dep_ == "pobj")


def conjoined(sent: Span, book: CueBook, found: Iterable[tuple[Cue, int]]
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


def verb_object(book: CueBook, verb: Token, obj: Token) -> Cue | None:
    """A CAMEO verb-object cue ("cut diplomatic ties", "recall ambassador") on this verb."""
    v = verb.lemma_.lower()
    o = obj.lemma_.lower()
    for c in obj.children:
        if c.dep_ in ("amod", "compound") and c.i < obj.i:
            cue = book.verb_objects.get((v, f"{c.lemma_.lower()} {o}"))
            if cue is not None:
                return cue
    return book.verb_objects.get((v, o))


#: Lists that punish: "added X's firms to its entity list", "put X on a blacklist".
_LISTS = frozenset(["sanction", "sanctions", "entity", "black", "blacklist", "terror",
                    "terrorist", "watch", "trade"])


def listed_on(verb: Token) -> bool:
    return any(p.lemma_.lower() == "blacklist" or (p.lemma_.lower() == "list" and any(
        c.dep_ in ("compound", "amod") and c.lower_ in _LISTS for c in p.children))
        for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on")
        for p in c.children if p.dep_ == "pobj")
