"""Actor mentions in a parsed document, from the Dataset's names, aliases, demonyms and titles.

The surface forms come only from the data file: adding an alias there improves
extraction with no code change. On top of the PhraseMatcher: "{demonym}
officials / government / leader …" forms, a person named after a national
title ("South Korean President Moon Jae-in"), hyphenated forms ("U.S.-led"),
"he/his/him" followed back to a person within the paragraph, and entities
spaCy finds that match no known actor, proposed as new actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from explorer.candidates import ProposedActor
from explorer.extract.documents import slug
from explorer.model import ActorKind, Dataset

__all__ = ["ActorIndex", "Mention", "find_mentions"]

#: Role nouns that, after a national adjective, stand for the state ("Chinese officials").
ROLE_NOUNS = frozenset([
    "official", "government", "leader", "leadership", "president", "premier", "minister",
    "ministry", "spokesman", "spokeswoman", "spokesperson", "diplomat", "envoy",
    "ambassador", "embassy", "authority", "administration", "regime", "military", "army",
    "navy", "force", "troop", "side", "delegation", "state", "media", "officer", "general",
    "commander", "chancellor", "king", "queen", "emperor", "parliament", "legislature",
    "lawmaker", "foreign", "defence", "defense", "prime", "secretary", "counterpart",
    "negotiator", "intelligence", "agency"
])
#: Role nouns naming one person: a pronoun may later refer back to them.
PERSON_ROLES = frozenset([
    "leader", "president", "premier", "minister", "spokesman", "spokeswoman",
    "spokesperson", "envoy", "ambassador", "chancellor", "king", "queen", "emperor",
    "secretary", "counterpart", "general", "commander"
])
PRONOUNS = {"he": "subj", "she": "subj", "him": "obj", "her": "poss", "his": "poss",
            "himself": "obj", "herself": "obj"}
LABEL_KIND: dict[str, ActorKind] = {"GPE": "state", "PERSON": "person", "ORG": "organisation",
                                    "NORP": "group"}
_BAD_ENTITY = re.compile(r"\d|^[^A-Z]|[\"“”()\[\]]")


@dataclass(frozen=True)
class Mention:
    """Tokens [start, end) of a document that refer to `actor` (an actor id)."""

    start: int
    end: int
    actor: str
    how: str  # name | demonym | role | pronoun | proposed
    head: int


class ActorIndex:
    """Every surface form of every actor in a Dataset, ready to match in spaCy Docs."""

    def __init__(self, dataset: Dataset, nlp: Language) -> None:
        self.dataset = dataset
        self.kinds: dict[str, str] = {a.id: a.kind for a in dataset.actors}
        self.names: dict[str, str] = {a.id: a.name for a in dataset.actors}
        self.represents: dict[str, str | None] = {a.id: a.represents for a in dataset.actors}
        self.how: dict[str, str] = {}
        self.single: dict[str, str] = {}  # one-token forms, for "U.S.-led"
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms: dict[str, tuple[str, str]] = {}
        for actor in dataset.actors:
            named = [(n, "name") for n in (actor.name, *actor.aliases)]
            named += [(d, "demonym") for d in actor.demonyms]
            named += [(t, "title") for t in actor.titles]
            for form, how in named:
                for variant in _variants(form, how):
                    forms.setdefault(variant, (actor.id, how))
        for form, (actor_id, how) in forms.items():
            key = f"{actor_id}|{how}"
            self.matcher.add(key, [nlp.make_doc(form)])
            if " " not in form:
                self.single.setdefault(form, actor_id)

    def state_of(self, actor_id: str) -> str:
        """The state (or body) an actor acts for; itself when it represents nobody."""
        return self.dataset.state_of(actor_id) if actor_id in self.kinds else actor_id

    def is_person(self, actor_id: str) -> bool:
        return self.kinds.get(actor_id) == "person"


def _variants(form: str, how: str) -> Iterable[str]:
    form = form.strip()
    yield form
    if form.lower().startswith("the "):
        yield form[4:]
    if how == "title":
        yield form.lower()
        yield form[0].upper() + form[1:].lower()
    if "'" in form:
        yield form.replace("'", "’")


def _head(doc: Doc, start: int, end: int) -> int:
    for i in range(start, end):
        head = doc[i].head.i
        if head < start or head >= end or head == i:
            return i
    return end - 1


def _longest(spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Keep the longest of overlapping matches (earliest first on ties)."""
    spans = sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: set[int] = set()
    kept = []
    for s in spans:
        if not any(i in taken for i in range(s[0], s[1])):
            kept.append(s)
            taken.update(range(s[0], s[1]))
    return sorted(kept)


def find_mentions(
    doc: Doc, index: ActorIndex
) -> tuple[list[Mention], dict[str, ProposedActor]]:
    """Actor mentions in `doc` (ordered) and the proposed actors among them."""
    raw = []
    for match_id, start, end in index.matcher(doc):
        actor_id, how = doc.vocab.strings[match_id].split("|")
        raw.append((start, end, actor_id, how))
    for tok in doc:  # "U.S.-led", "Russian-made", "Sino-"
        if "-" in tok.text and len(tok.text) > 2:
            prefix = tok.text.split("-")[0]
            if prefix in index.single:
                raw.append((tok.i, tok.i + 1, index.single[prefix], "demonym"))
    spans = _longest(raw)
    covered = {i for s in spans for i in range(s[0], s[1])}

    proposed: dict[str, ProposedActor] = {}
    surnames: dict[str, str] = {}
    known_ids = set(index.kinds)
    for ent in doc.ents:
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or any(i in covered for i in range(ent.start, ent.end)):
            continue
        label = ent.label_
        ent = _trim(ent)
        if ent is None:
            continue
        name = ent.text
        actor_id = surnames.get(name) if kind == "person" else None
        if actor_id is None:
            actor_id = slug(name)
            while actor_id in known_ids:
                actor_id += "-x"
        prev = proposed.get(actor_id)
        proposed[actor_id] = ProposedActor(
            id=actor_id, name=prev.name if prev else name, kind=kind, label=label,
            represents=prev.represents if prev else None,
            mentions=(prev.mentions + 1) if prev else 1)
        if kind == "person" and len(ent) > 1:
            surnames.setdefault(ent[-1].text, actor_id)
        spans.append((ent.start, ent.end, actor_id, "proposed"))
        covered.update(range(ent.start, ent.end))
    spans.sort()

    spans = _roles(doc, index, spans, proposed)
    mentions = [Mention(s, e, a, how, _head(doc, s, e)) for s, e, a, how in spans]
    mentions = _pronouns(doc, index, mentions, proposed)
    return mentions, proposed


def _trim(ent: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive; refuse what is not a name."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    if end <= start or end - start > 6:
        return None
    span = doc[start:end]
    if _BAD_ENTITY.search(span.text) or (span.text.isupper() and len(span.text) <= 2):
        return None
    return span


def _roles(doc: Doc, index: ActorIndex, spans: list[tuple[int, int, str, str]],
           proposed: dict[str, ProposedActor]) -> list[tuple[int, int, str, str]]:
    """Merge "{state} {role nouns}" and "{state} {role} {person}" into one mention."""
    by_start = {s[0]: s for s in spans}
    out: list[tuple[int, int, str, str]] = []
    skip_until = -1
    for s in spans:
        start, end, actor_id, how = s
        if start < skip_until:
            continue
        kind = index.kinds.get(actor_id) or (proposed[actor_id].kind if actor_id in
                                              proposed else "")
        if how in ("name", "demonym") and kind in ("state", "international_body"):
            j = end
            while j < len(doc) and (doc[j].lemma_.lower() in ROLE_NOUNS or
                                    doc[j].lower_ in ("vice", "deputy", "foreign", "then")):
                j += 1
            if j > end:
                nxt = by_start.get(j)
                person = nxt and (index.is_person(nxt[2]) or (
                    nxt[2] in proposed and proposed[nxt[2]].kind == "person"))
                if person:
                    pid = nxt[2]
                    if pid in proposed and proposed[pid].represents is None:
                        p = proposed[pid]
                        proposed[pid] = ProposedActor(p.id, p.name, p.kind, p.label,
                                                      represents=index.state_of(actor_id),
                                                      mentions=p.mentions)
                    out.append((start, nxt[1], pid, nxt[3]))
                    skip_until = nxt[1]
                    continue
                role = "role-person" if doc[j - 1].lemma_.lower() in PERSON_ROLES else "role"
                out.append((start, j, actor_id, role))
                continue
        out.append(s)
    return out


def _bound_away(tok) -> set[int]:
    """Token indices a subject pronoun cannot refer to: the object of its own verb,
    also when that object is a relative pronoun or the gap of a relative clause
    ("Xi, whom he described …", "the first leader he ever met")."""
    verb = tok.head
    out: set[int] = set()
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for c in objs:
        out.add(c.i)
    if verb.dep_ == "relcl" and (not objs or objs[0].lower_ in ("whom", "which", "that", "who")):
        head = verb.head
        out.add(head.i)
        if head.dep_ == "appos":
            out.add(head.head.i)
    return out


def _pronouns(doc: Doc, index: ActorIndex, mentions: list[Mention],
              proposed: dict[str, ProposedActor]) -> list[Mention]:
    """Follow he/his/him back to a person: first earlier in the same sentence (never the
    object of the pronoun's own verb), then the last person who was a subject in the
    paragraph (a paragraph may open on "He …"), then the last person mentioned."""

    def personal(m: Mention) -> bool:
        return (index.is_person(m.actor) or m.how == "role-person" or
                (m.actor in proposed and proposed[m.actor].kind == "person"))

    at = {m.start: m for m in mentions}
    out: list[Mention] = []
    last_subject: Mention | None = None
    last_any: Mention | None = None
    in_sentence: list[Mention] = []
    for tok in doc:
        if "\n" in tok.text:  # a paragraph ends
            last_any, in_sentence = None, []
            continue
        if tok.is_sent_start:
            in_sentence = []
        m = at.get(tok.i)
        if m is not None:
            out.append(m)
            if personal(m):
                last_any = m
                in_sentence.append(m)
                if doc[m.head].dep_ in ("nsubj", "nsubjpass"):
                    last_subject = m
            continue
        role = PRONOUNS.get(tok.lower_)
        if role is None or tok.pos_ != "PRON":
            continue
        target: Mention | None = None
        if role == "obj":
            subject = [c for c in tok.head.children if c.dep_ == "nsubj"]
            subject_actor = next((x.actor for x in out if subject and x.start == subject[0].i),
                                 None)
            for cand in reversed(in_sentence):
                if cand.actor != subject_actor:
                    target = cand
                    break
            if target is None and last_any is not None and last_any.actor != subject_actor:
                target = last_any
        else:
            away = _bound_away(tok) if role == "subj" else set()
            away_actors = {x.actor for x in out if x.head in away}
            for cand in reversed(in_sentence):
                if cand.actor not in away_actors:
                    target = cand
                    break
            if target is None:
                for cand in (last_subject, last_any):
                    if cand is not None and cand.actor not in away_actors:
                        target = cand
                        break
        if target is None:
            continue
        pm = Mention(tok.i, tok.i + 1, target.actor, "pronoun", tok.i)
        out.append(pm)
        in_sentence.append(pm)
        if tok.dep_ in ("nsubj", "nsubjpass"):
            last_subject = pm
    return out
