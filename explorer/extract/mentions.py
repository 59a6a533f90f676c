"""Actor mentions in a parsed document: the data file's actors over the world reference.

Surface forms come from two tables: the data file (names, aliases, demonyms,
titles: adding an alias there improves extraction with no code change) and
the world reference (`explorer.reference`: every state and the international
bodies news names, with demonyms, capitals and seats of power). The data
file's forms win. On top of the phrase matches:

- guards against forms that are not the actor acting: places named after a
  state ("the Sea of Japan", "the Indian Ocean", "the Taiwan Strait"), longer
  proper names ("the Washington Post", "National Security Council"), a capital
  as a location ("talks in Moscow"), ethnic groups ("Kosovo Serbs");
- "{state} {role nouns}" forms ("Chinese officials", "Japan's foreign
  ministry"), and hyphenated forms ("U.S.-led");
- persons: a person spaCy finds is tied to the state (or body) a title names,
  before the name ("Japan's new prime minister Sanae Takaichi", "Russian
  President Vladimir Putin"), in apposition after it ("Yasukazu Hamada,
  Japan's defence minister"; an ambassador *to* somewhere still represents
  their own state) or with "of X" ("President Yoon Suk Yeol of South Korea");
  the surname later in the document is the same person.

Pronouns and other anaphora are resolved afterwards by `coref`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from explorer.candidates import ProposedActor
from explorer.extract.documents import credits, slug
from explorer.model import ActorKind, Dataset
from explorer.reference import World, load_world

__all__ = ["ActorIndex", "Mention", "Resolution", "find_mentions"]

#: Role nouns that, after a state, stand for the state ("Chinese officials").
ROLE_NOUNS = frozenset([
    "official", "government", "leader", "leadership", "president", "premier", "minister",
    "ministry", "spokesman", "spokeswoman", "spokesperson", "diplomat", "envoy",
    "ambassador", "embassy", "authority", "administration", "regime", "military", "army",
    "navy", "force", "troop", "side", "delegation", "state", "media", "officer", "general",
    "commander", "chancellor", "king", "queen", "emperor", "foreign", "defence", "defense",
    "prime", "secretary", "counterpart", "negotiator", "intelligence", "agency", "department",
    "office", "cabinet", "junta", "dictator", "despot", "strongman", "ruler", "monarch",
    "prince", "emir", "sultan", "chief", "head", "representative", "deputy", "adviser",
    "advisor", "aide", "consul", "admiral", "marshal", "coast", "guard", "counsellor",
    "mission", "consulate", "vice", "top", "senior", "new", "former", "then", "acting",
    "permanent", "national", "security", "policy", "affairs", "finance", "trade", "economy",
    "interior", "home", "commerce", "energy", "information", "state-run", "state-owned",
    "customs", "counterpart", "peacekeeper", "soldier", "warship",
    "jet", "fighter", "destroyer", "vessel", "ship", "coastguard", "air", "airforce",
    "forces", "spokesmen", "officials", "leaders", "people", "nationals", "citizens",
    "treasury", "congress", "senate", "parliament", "legislature", "justice", "lawmakers",
])
#: The role word a role mention ends on, when it names one person.
PERSON_ROLES = frozenset([
    "leader", "president", "premier", "minister", "spokesman", "spokeswoman",
    "spokesperson", "envoy", "ambassador", "chancellor", "king", "queen", "emperor",
    "secretary", "counterpart", "general", "commander", "dictator", "despot", "strongman",
    "ruler", "monarch", "prince", "emir", "sultan", "chief", "head", "representative",
    "adviser", "advisor", "consul", "admiral", "marshal",
])
#: Institutions: "the ministry said" refers back to the last "X's … ministry".
INSTITUTIONS = frozenset(["ministry", "government", "administration", "embassy", "regime",
                          "cabinet", "junta", "military", "army", "navy", "department",
                          "office", "leadership", "authority", "mission", "consulate",
                          "treasury", "congress", "senate", "parliament", "legislature"])
LABEL_KIND: dict[str, ActorKind] = {"GPE": "state", "PERSON": "person", "ORG": "organisation",
                                    "NORP": "group"}
#: A form followed by one of these names a place, not the actor ("the Indian Ocean").
PLACE_AFTER = frozenset(["Sea", "Ocean", "Strait", "Straits", "Gulf", "Peninsula", "Bay",
                         "Channel", "Basin", "Desert", "Plateau", "Island", "Islands", "River",
                         "Valley", "Mountains", "Highlands", "Lake", "Canal", "Sound", "Range",
                         "Border", "Region", "Province", "Square", "Street"])
PLACE_BEFORE = frozenset(["Sea", "Gulf", "Bay", "Strait", "Straits", "Sea", "Isle", "Lake",
                          "Republic"])
#: A capital after these prepositions is where something happens, not who acts.
LOCATIVE = frozenset(["in", "at", "near", "outside", "around", "across", "within", "inside",
                      "via", "through"])
_OFFICIALS = frozenset(["authority", "official", "government", "leader", "leadership",
                        "regime", "diplomat", "ruler", "junta"])
_BAD_ENTITY = re.compile(r"\d|^[^A-Z]|[\"“”()\[\]]")
_REFERENCE_KINDS = {"state": "state", "international_body": "international_body"}


@dataclass(frozen=True)
class Mention:
    """Tokens [start, end) of a document that refer to `actor` (an actor id).

    `how` says what matched: name, demonym, plural, capital, seat, title,
    role, role-person, official, proposed, person, or an anaphora kind set by
    `coref` (pronoun, plural, group, definite, first-person)."""

    start: int
    end: int
    actor: str
    how: str
    head: int


@dataclass(frozen=True)
class Resolution:
    """What a name resolves to, and why: the table and the field the form is in."""

    form: str
    actor: str
    name: str
    kind: str
    table: str  # data file | world reference
    field: str


class ActorIndex:
    """Every surface form of every actor of a Dataset and of the world reference, ready to
    match in spaCy Docs. The data file's forms and ids win over the reference's."""

    def __init__(self, dataset: Dataset, nlp: Language, world: World | None = None) -> None:
        self.dataset = dataset
        self.world = world if world is not None else load_world()
        self.kinds: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.represents: dict[str, str | None] = {}
        self.demonyms: dict[str, tuple[str, ...]] = {}
        self.short: dict[str, list[str]] = {}  # "bloc" -> body ids, in reference order
        self.forms: dict[str, Resolution] = {}
        self.single: dict[str, str] = {}  # one-token forms, for "U.S.-led"
        for actor in dataset.actors:
            self.kinds[actor.id] = actor.kind
            self.names[actor.id] = actor.name
            self.represents[actor.id] = actor.represents
            self.demonyms[actor.id] = actor.demonyms
            named = [(n, "name") for n in (actor.name, *actor.aliases)]
            named += [(d, "demonym") for d in actor.demonyms]
            named += [(t, "title") for t in actor.titles]
            for form, how in named:
                self._add(form, Resolution(form, actor.id, actor.name, actor.kind,
                                           "data file", how))
        for w in self.world.actors:
            known = w.id in self.kinds
            if not known:
                self.kinds[w.id] = w.kind
                self.names[w.id] = w.name
                self.represents[w.id] = w.represents
                self.demonyms[w.id] = w.demonyms
            for word in w.short:
                self.short.setdefault(word, []).append(w.id)
            for form, field_name in w.forms():
                how = {"aliases": "name", "official_name": "name", "demonyms": "demonym",
                       "plurals": "plural", "capitals": "capital", "seats": "seat",
                       "officials": "official"}.get(field_name, field_name)
                self._add(form, Resolution(form, w.id, self.names[w.id], self.kinds[w.id],
                                           "world reference", how))
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_key: dict[str, list[Doc]] = {}
        for form, res in self.forms.items():
            by_key.setdefault(f"{res.actor}|{res.field}", []).append(nlp.make_doc(form))
            if " " not in form and res.field in ("name", "demonym"):
                self.single.setdefault(form, res.actor)
        for key, docs in by_key.items():
            self.matcher.add(key, docs)

    def _add(self, form: str, res: Resolution) -> None:
        for variant in _variants(form, res.field):
            self.forms.setdefault(variant, replace(res, form=variant))

    def state_of(self, actor_id: str) -> str:
        """The state (or body) an actor acts for; itself when it represents nobody."""
        if self.dataset.has_actor(actor_id):
            return self.dataset.state_of(actor_id)
        represents = self.represents.get(actor_id)
        return represents if represents and represents != actor_id else actor_id

    def is_person(self, actor_id: str) -> bool:
        return self.kinds.get(actor_id) == "person"

    def known(self, actor_id: str) -> bool:
        """True for an actor of the data file (not one the reference alone knows)."""
        return self.dataset.has_actor(actor_id)

    def lookup(self, name: str) -> list[Resolution]:
        """What a name resolves to, and why (exact form first, then ignoring case)."""
        name = " ".join(name.split())
        bare = name[4:] if name.lower().startswith("the ") else name
        for form in (name, bare):
            if form in self.forms:
                return [self.forms[form]]
        lower = {name.lower(), bare.lower()}
        return [r for f, r in self.forms.items() if f.lower() in lower]

    def proposal(self, actor_id: str, mentions: int = 1) -> ProposedActor:
        """A reference actor the data file lacks, as a proposal with its canonical id."""
        w = self.world.get(actor_id)
        kind = self.kinds.get(actor_id, "state")
        return ProposedActor(id=actor_id, name=self.names.get(actor_id, actor_id),
                             kind=kind,  # type: ignore[arg-type]
                             label="reference", mentions=mentions,
                             represents=w.represents if w else None,
                             demonyms=w.demonyms if w else (),
                             aliases=tuple(a for a in (w.aliases if w else ())
                                           if a != self.names.get(actor_id))[:6])


def _variants(form: str, how: str) -> Iterable[str]:
    form = form.strip()
    if not form:
        return
    yield form
    if form.lower().startswith("the ") and len(form) > 4:
        yield form[4:]
    if how in ("title", "official"):
        yield form.lower()
        yield form[0].upper() + form[1:].lower()
        yield form[0].upper() + form[1:]
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


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[0].isupper() and not tok.is_upper


def _not_the_actor(doc: Doc, start: int, end: int, how: str, starts: set[int],
                   ends: set[int]) -> bool:
    """Guards: a place named after the actor, a longer proper name, a capital as a
    location, an ethnic group."""
    after = doc[end] if end < len(doc) else None
    before = doc[start - 1] if start > 0 else None
    if after is not None and after.text in PLACE_AFTER:
        return True
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text in PLACE_BEFORE:
        return True
    if before is not None and before.lower_ == "ethnic":
        return True
    if how == "proposed":
        return False
    if how in ("name", "capital", "seat") and before is not None and \
            not before.is_sent_start and _capitalised(before) and before.i + 1 not in starts \
            and (before.i + 1) not in ends and before.dep_ == "compound" and \
            start <= before.head.i < end and before.lower_ not in ROLE_NOUNS:
        return True  # "National Security Council", "Northern Ireland"
    if after is not None and how in ("name", "capital", "seat", "demonym") and \
            _capitalised(after) and after.pos_ == "PROPN" and after.i not in starts and \
            after.lemma_.lower() not in ROLE_NOUNS and after.lower_ not in ROLE_NOUNS and \
            doc[end - 1].dep_ in ("compound", "amod", "nmod") and \
            doc[end - 1].head.i >= end and after.ent_type_ != "PERSON":
        return True  # "the Washington Post", "the Paris Agreement", "Iran Air"
    # a capital after "in", "at", "near": where it happens ("talks in Moscow"), unless
    # it says whose officials these are ("the authorities in Mogadishu")
    return how == "capital" and before is not None and before.lower_ in LOCATIVE and \
        not (start >= 2 and doc[start - 2].lemma_.lower() in _OFFICIALS) and \
        not (before.head.lemma_.lower() in _ARRIVING and before.head.i < start)


#: Verbs of arriving: the capital one arrives in stands for the state visited ("arrived in
#: Kampala", "landed in Hanoi"), not for where something else happens.
_ARRIVING = frozenset(["arrive", "land", "fly"])


def find_mentions(
    doc: Doc, index: ActorIndex
) -> tuple[list[Mention], dict[str, ProposedActor]]:
    """Actor mentions in `doc` (ordered, anaphora not yet resolved) and the proposed actors
    among them: entities spaCy finds that no table knows, and reference actors the data
    file lacks."""
    raw = []
    for match_id, start, end in index.matcher(doc):
        actor_id, how = doc.vocab.strings[match_id].split("|")
        raw.append((start, end, actor_id, how))
    for tok in doc:  # "U.S.-led", "Russian-made", "Sino-"
        if "-" in tok.text and len(tok.text) > 2:
            prefix = tok.text.split("-")[0]
            if prefix in index.single:
                raw.append((tok.i, tok.i + 1, index.single[prefix], "demonym"))
    (line_start, line_end), home = _dateline(doc, index)
    quiet = _credited(doc) | set(range(line_start, line_end))
    spans = [s for s in _longest(raw) if s[0] not in quiet]
    starts = {s[0] for s in spans}
    ends = {s[1] for s in spans}
    plural_at = {s[0] for s in spans if s[3] == "plural"}
    kept = []
    for s in spans:
        if _not_the_actor(doc, s[0], s[1], s[3], starts, ends):
            continue
        if s[3] == "name" and s[1] in plural_at:  # "Kosovo Serbs": an ethnic group
            continue
        kept.append(s)
    spans = kept
    covered = {i for s in spans for i in range(s[0], s[1])}

    proposed: dict[str, ProposedActor] = {}
    for ent in doc.ents:
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or ent.start in quiet or \
                any(i in covered for i in range(ent.start, ent.end)):
            continue
        if ent.text in index.forms or ent.text.removeprefix("the ") in index.forms:
            continue  # a known form the guards set aside ("talks in Pretoria")
        trimmed = _trim(ent)
        if trimmed is None:
            continue
        if kind != "person" and (_titled(doc, trimmed.start) or _personal(doc, trimmed)):
            kind = "person"  # "President Isaias Afwerki" read as an organisation
        if kind == "group":
            continue  # "Kosovo Serbs", "Islamists": not actors of their own here
        if kind == "state" and trimmed.start > 0 and doc[trimmed.start - 1].lower_ in LOCATIVE:
            continue  # "met in Arusha": every state is in the reference; this is a place
        spans.append((trimmed.start, trimmed.end, _propose(proposed, trimmed, kind,
                                                           ent.label_, index), "proposed"))
        covered.update(range(trimmed.start, trimmed.end))
    spans.sort()
    spans = _surnames(doc, index, spans, proposed, covered)
    spans = _roles(doc, index, spans, proposed)
    _appositions(doc, index, spans, proposed)
    _home_officials(doc, index, spans, proposed, home)
    mentions = [Mention(s, e, a, how, _head(doc, s, e)) for s, e, a, how in spans]
    for m in mentions:  # reference actors the data file lacks are proposals too
        if not index.known(m.actor) and m.actor in index.world.by_id:
            prev = proposed.get(m.actor)
            proposed[m.actor] = index.proposal(m.actor, (prev.mentions + 1) if prev else 1)
    return mentions, proposed


def _propose(proposed: dict[str, ProposedActor], ent: Span, kind: str, label: str,
             index: ActorIndex) -> str:
    name = ent.text
    actor_id = slug(name)
    while actor_id in index.kinds:
        actor_id += "-x"
    prev = proposed.get(actor_id)
    proposed[actor_id] = ProposedActor(
        id=actor_id, name=prev.name if prev else name, kind=kind,  # type: ignore[arg-type]
        label=label, represents=prev.represents if prev else None,
        mentions=(prev.mentions + 1) if prev else 1)
    return actor_id


def _personal(doc: Doc, span: Span) -> bool:
    """A name read as an organisation that the sentence treats as a person: "…, who",
    or coordinated with a person ("Thandi Modise and Naledi Pandor")."""
    end = span.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who":
        return True
    root = span.root
    return any(c.ent_type_ == "PERSON" for c in (root.head, *root.children)
               if c.dep_ == "conj" or root.dep_ == "conj")


def _titled(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_ in PERSON_ROLES and _capitalised(doc[start - 1])


def _trim(ent: Span) -> Span | None:
    """Drop a leading "the" and a trailing possessive; refuse what is not a name."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or
                           (ent.label_ == "PERSON" and end - start > 1 and
                           (doc[start].lower_ in ROLE_NOUNS or doc[start].is_upper))):
        start += 1  # "UN ambassador Vassily Nebenzia": the name is the person
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if end <= start or end - start > 6:
        return None
    span = doc[start:end]
    if _BAD_ENTITY.search(span.text) or (span.text.isupper() and len(span.text) <= 2):
        return None
    return span


def _is_person(index: ActorIndex, proposed: dict[str, ProposedActor], actor_id: str) -> bool:
    return index.is_person(actor_id) or (actor_id in proposed and
                                         proposed[actor_id].kind == "person")


def _surnames(doc: Doc, index: ActorIndex, spans: list[tuple[int, int, str, str]],
              proposed: dict[str, ProposedActor], covered: set[int]
              ) -> list[tuple[int, int, str, str]]:
    """A proposed person's surname later in the document is the same person; so is an
    entity spaCy found for the surname alone, whatever label it gave it (merged into the
    full name's proposal)."""
    surnames: dict[str, str] = {}
    merged: dict[str, str] = {}  # proposal id -> the person it turned out to be
    out = []
    for s in spans:
        start, end, actor_id, how = s
        if how == "name" and index.is_person(actor_id) and end - start > 1:
            surnames.setdefault(_surname(doc, start, end), actor_id)  # a known person's
        if how == "proposed" and actor_id in merged:  # the same surname again
            out.append((start, end, merged[actor_id], "person"))
            continue
        if how == "proposed" and actor_id in proposed:
            text = doc[start:end].text
            owner = surnames.get(text) if " " not in text else None
            if owner is not None and owner != actor_id:
                merged[actor_id] = owner
                p = proposed.pop(actor_id, None)
                if p is not None and owner in proposed:
                    o = proposed[owner]
                    proposed[owner] = replace(o, mentions=o.mentions + p.mentions)
                out.append((start, end, owner, "person"))
                continue
            if end - start > 1 and proposed[actor_id].kind == "person":
                surnames.setdefault(_surname(doc, start, end), actor_id)
        out.append(s)
    for tok in doc:
        if tok.i not in covered and tok.text in surnames and tok.pos_ == "PROPN":
            out.append((tok.i, tok.i + 1, surnames[tok.text], "person"))
    return sorted(out)


#: Words after a surname that are not it ("Ferdinand Marcos Jr.").
_NAME_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


def _surname(doc: Doc, start: int, end: int) -> str:
    """The last word of a full name that is not a suffix."""
    k = end - 1
    while k > start + 1 and doc[k].lower_ in _NAME_SUFFIXES:
        k -= 1
    first = k
    while first > start + 1 and not doc[first - 1].whitespace_ and \
            doc[first - 1].text == "-":  # "Kosiniak-Kamysz", in three tokens
        first -= 2
    return doc[first:k + 1].text


def _state_like(index: ActorIndex, proposed: dict[str, ProposedActor], actor_id: str) -> bool:
    kind = index.kinds.get(actor_id) or (proposed[actor_id].kind if actor_id in proposed
                                         else "")
    return kind in ("state", "international_body")


def _represent(proposed: dict[str, ProposedActor], person: str, actor: str) -> None:
    p = proposed.get(person)
    if p is not None and p.represents is None and actor != person:
        proposed[person] = replace(p, represents=actor)


#: Words that may stand inside a title but do not make one ("Japan's new …", "foreign").
_TITLE_MODIFIERS = frozenset([
    "new", "former", "top", "senior", "then", "acting", "permanent", "national", "security",
    "policy", "affairs", "finance", "trade", "economy", "interior", "home", "commerce",
    "energy", "information", "customs", "foreign", "defence", "defense", "prime", "vice",
    "deputy", "air", "coast", "state-run", "state-owned", "intelligence"])


def _title_word(doc: Doc, k: int) -> bool:
    tok = doc[k]
    if tok.pos_ in ("VERB", "AUX"):
        return False  # "Morocco forced a boat to dock": a verb, not "forces"
    if tok.lemma_.lower() in ROLE_NOUNS or tok.lower_ in ROLE_NOUNS:
        return True
    # "agriculture minister", "health ministry": a noun before a role noun
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") and k + 1 < len(doc) and \
        (doc[k + 1].lemma_.lower() in ROLE_NOUNS or doc[k + 1].lower_ in ROLE_NOUNS) and \
        tok.ent_type_ != "PERSON"


def _roles(doc: Doc, index: ActorIndex, spans: list[tuple[int, int, str, str]],
           proposed: dict[str, ProposedActor]) -> list[tuple[int, int, str, str]]:
    """Merge "{state} {role words}" and "{state}'s {role words} {person}" into one mention:
    the role alone stands for the state; with a person, the person represents it."""
    by_start = {s[0]: s for s in spans}
    out: list[tuple[int, int, str, str]] = []
    skip_until = -1
    for s in spans:
        start, end, actor_id, how = s
        if start < skip_until:
            continue
        if how not in ("name", "demonym", "capital", "seat", "official") or \
                not _state_like(index, proposed, actor_id):
            out.append(s)
            continue
        j = end
        if j < len(doc) and doc[j].tag_ == "POS":
            j += 1
        k = j
        while (k < len(doc) and k - j < 6 and _title_word(doc, k)) or (
                k in by_start and index.kinds.get(by_start[k][2]) ==
                "international_body" and index.kinds.get(actor_id) == "state"):
            if k in by_start and index.kinds.get(by_start[k][2]) == "international_body":
                k = by_start[k][1]  # "Russia's UN ambassador": the body is the post
                continue
            if k in by_start:
                break
            k += 1
        nxt = by_start.get(k)
        if nxt is not None and _is_person(index, proposed, nxt[2]) and \
                (k > j or j > end or how in ("demonym", "official")):
            _represent(proposed, nxt[2], actor_id)
            out.append((start, nxt[1], nxt[2], nxt[3]))
            skip_until = nxt[1]
            continue
        if how == "official":
            out.append((start, end, actor_id, "role-person"))
            continue
        head = doc[k - 1].lemma_.lower() if k > j else ""
        if k > j and (head in ROLE_NOUNS or doc[k - 1].lower_ in ROLE_NOUNS) and \
                head not in _TITLE_MODIFIERS and \
                not (how == "capital" and start > 0 and doc[start - 1].lower_ in LOCATIVE):
            role = "role-person" if head in PERSON_ROLES else \
                "role-institution" if head in INSTITUTIONS else "role"
            out.append((start, k, actor_id, role))
            skip_until = k
            continue
        out.append(s)
    return out


def _appositions(doc: Doc, index: ActorIndex, spans: list[tuple[int, int, str, str]],
                 proposed: dict[str, ProposedActor]) -> None:
    """Persons tied to a state after their name: "NAME, Japan's defence minister", "NAME,
    spokeswoman for Russia's Foreign Ministry", "NAME of Egypt", "NAME, who leads …"."""
    by_start = {s[0]: s for s in spans}
    persons = [s for s in spans if _is_person(index, proposed, s[2]) and s[2] in proposed
               and proposed[s[2]].represents is None]
    for start, end, person, _ in persons:
        owner = None
        after = end + 1 if end < len(doc) and doc[end].pos_ == "PROPN" and \
            _capitalised(doc[end]) else end  # a name spaCy cut short
        if after + 1 < len(doc) and doc[after].lower_ == "of" and after + 1 in by_start and \
                _state_like(index, proposed, by_start[after + 1][2]):
            owner = by_start[after + 1][2]
        elif end < len(doc) and doc[end].text == ",":
            owner = _apposed(doc, index, proposed, by_start, end + 1)
        if owner is None:
            continue
        _represent(proposed, person, owner)
        # "A and B, who hold X's portfolios": A too
        if start >= 2 and doc[start - 1].lower_ == "and":
            for s in spans:
                if s[1] == start - 1 and _is_person(index, proposed, s[2]):
                    _represent(proposed, s[2], owner)


#: Titles of a government's own office holders: "Defence Minister NAME said", with no
#: state named, is an official of the state the article is about.
_GOVERNMENT_TITLES = frozenset(["president", "premier", "minister", "secretary", "chancellor",
                                "spokesman", "spokeswoman", "spokesperson", "king", "emir"])
#: Words a title may be made of ("Foreign Minister", "Treasury Secretary").
_TITLE_PARTS = frozenset(["foreign", "defence", "defense", "prime", "deputy", "vice",
                          "finance", "trade", "treasury", "interior", "home", "economy",
                          "commerce", "energy", "security", "national", "state", "of",
                          "presidential", "government", "chief", "cabinet", "first",
                          "ministry", "department", "office", "embassy", "affairs"])


_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.' ]{2,30}?)(?:,[^\n(—–-]{0,30})?[ \t]*"
                       r"(?:\([^)\n]{1,40}\))?[ \t]*(?:—|–|--|-)[ \t]")


def _dateline(doc: Doc, index: ActorIndex) -> tuple[tuple[int, int], str | None]:
    """The tokens of a dateline ("JAKARTA (Reuters) -", "WARSAW, March 3 —"), (0, 0)
    without one, and the state its place names: the place and the agency are where the
    story was filed and who filed it, never actors of it."""
    m = _DATELINE.search(doc.text[:600])
    if m is None or doc.text[:m.start()].count("\n") > 4:
        return (0, 0), None
    span = doc.char_span(m.start(1), m.end(), alignment_mode="expand")
    if span is None:
        return (0, 0), None
    state = next((r.actor for r in index.lookup(m[1].strip().title())
                  if r.kind == "state" and r.field in ("capital", "name")), None)
    return (span.start, span.end), state


def _credited(doc: Doc) -> set[int]:
    """The tokens of bylines, credit lines and datelines' agencies (`documents.credits`):
    who wrote or filed the story is never an actor of it."""
    quiet: set[int] = set()
    for start, end in credits(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            quiet.update(range(span.start, span.end))
    return quiet


def _home_state(doc: Doc, index: ActorIndex, spans: list[tuple[int, int, str, str]],
                proposed: dict[str, ProposedActor]) -> str | None:
    """The state an article clearly names most often."""
    counts: dict[str, int] = {}
    for _, _, actor_id, _ in spans:
        if index.kinds.get(actor_id) == "state" or (
                actor_id in proposed and proposed[actor_id].kind == "state"):
            state = index.state_of(actor_id)
            counts[state] = counts.get(state, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 3 or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        return None
    return max(counts, key=counts.__getitem__)


def _government_title(doc: Doc, start: int) -> bool:
    """A capitalised government title right before a name, itself after no other name
    ("Hamas leader NAME", "Reuters' NAME" are not the state's officials)."""
    k = start - 1
    if k < 0 or doc[k].lower_ not in _GOVERNMENT_TITLES:
        return False
    while k > 0 and (doc[k - 1].lower_ in _TITLE_PARTS or doc[k - 1].lower_ in
                     _GOVERNMENT_TITLES):
        k -= 1
    if not any(_capitalised(t) for t in doc[k:start]):
        return False  # "the spokesperson NAME": no title
    before = doc[k - 1] if k > 0 else None
    return before is None or not (before.pos_ == "PROPN" or before.ent_type_ or
                                  before.tag_ == "POS")


def _home_officials(doc: Doc, index: ActorIndex, spans: list[tuple[int, int, str, str]],
                    proposed: dict[str, ProposedActor], home: str | None) -> None:
    """Office holders titled with no state ("Defence Minister NAME said") represent the
    state the article is about: its dateline's, else the one it clearly names most."""
    untied = [s for s in spans if s[2] in proposed and proposed[s[2]].kind == "person"
              and proposed[s[2]].represents is None and _government_title(doc, s[0])]
    if not untied:
        return
    home = home or _home_state(doc, index, spans, proposed)
    if home is not None:
        for _, _, person, _ in untied:
            _represent(proposed, person, home)


_RELATIVE_VERBS = frozenset(["is", "was", "leads", "led", "heads", "headed", "holds", "hold",
                             "held", "serves", "served", "chairs", "are", "were", "lead",
                             "head", "serve", "as"])


def _apposed(doc: Doc, index: ActorIndex, proposed: dict[str, ProposedActor],
             by_start: dict[int, tuple[int, int, str, str]], i: int) -> str | None:
    """The state (else body) a title after a comma names; not one after "to"/"at"
    ("ambassador to the UN" represents the ambassador's own state)."""
    states: list[str] = []
    bodies: list[str] = []
    titled = False
    limit = min(len(doc), i + 14)
    while i < limit:
        tok = doc[i]
        if tok.text in (",", ".", ";", ":", "(", ")") or tok.is_sent_start:
            break
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ not in _RELATIVE_VERBS:
            break
        if tok.lemma_.lower() in PERSON_ROLES or tok.lower_ in PERSON_ROLES or \
                tok.lemma_.lower() in ("portfolio", "chief", "head"):
            titled = True
        m = by_start.get(i)
        if m is not None:
            prev = doc[i - 1].lower_ if i > 0 else ""
            if m[3].startswith("role") or m[3] == "official":
                titled = True
            if _state_like(index, proposed, m[2]) and prev not in ("to", "at", "in", "with"):
                kind = index.kinds.get(m[2]) or proposed[m[2]].kind
                (states if kind == "state" else bodies).append(m[2])
            elif m[1] < len(doc) and doc[m[1]].tag_ == "POS" and \
                    prev not in ("to", "at", "in", "with"):
                # "NAME, Trump's special envoy": the state of whom the office serves
                boss = proposed[m[2]].represents if m[2] in proposed else None
                boss = boss or (index.state_of(m[2]) if index.is_person(m[2]) else None)
                if boss and boss != m[2] and _state_like(index, proposed, boss):
                    states.append(boss)
            i = m[1]
            continue
        i += 1
    if not titled:
        return None
    if states:
        return states[0]
    return bodies[0] if bodies else None
