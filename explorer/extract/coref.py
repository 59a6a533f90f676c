"""Document coreference for actors: anaphora followed back to the actors they stand for.

A spaCy pipeline component (`actor_coreference`, no model of its own) that
runs after the actor mentions are found and adds a mention for each anaphor
it can resolve, reading only the parse and the mentions already found:

- he/she/him/his/her → a person (or a role naming one: "the Chinese
  president"), the nearest earlier one in the sentence that is not bound away
  from the pronoun, else the last person who was a subject in the paragraph;
- it/its/itself → a state or body: the subject of the clause the pronoun
  stands in ("China said it would …", "Russia launched its invasion"), else
  the subject of the previous sentence when that is a state or body ("Japan
  protested. It accused China …"); never an expletive ("it is unclear");
- they/them/their → the last coordinated group ("China and Russia … their
  drills"), or a plural role ("Iranian officials said they …");
- "the two countries", "both sides", "the two leaders", "the pair", "the
  neighbours", "the rivals" → the last coordinated pair (or the two actors of
  the last larger group other than the clause's own subject); "the three
  nations" → the last group of three; "the 27 leaders", "the bloc's 30 members"
  (a counted membership, five or more) → the last body named;
- "the North", "the South" → the state so named in the document;
- "the bloc", "the council", "the alliance", "the union" → the last body the
  word can stand for (the reference's `short` words);
- "the ministry", "the government", "the embassy" → the state of the last
  "X's ministry"-style mention; "the country", "the kingdom", "the regime" →
  the state most mentioned so far, other than the clause's own subject;
- "the leaders", "the allies", "the Western powers" (a bare plural subject) → the
  last group named, with whoever hosted or met it;
- we/our/us, I/my → the speaker of a speech verb in the same sentence
  ("'We strongly protested,' the ministry said"), else of the quote they run on
  in, else — we/our/us only — (in a first-person statement) the state the
  document speaks for;
  an object "it" is never its own clause's subject.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from explorer.extract.mentions import Mention

__all__ = ["ActorCoreference", "Actors", "resolve"]

KEY = "explorer_actors"
PERSON_PRONOUNS = {"he": "subj", "she": "subj", "him": "obj", "her": "poss", "his": "poss",
                   "himself": "obj", "herself": "obj"}
IT = frozenset(["it", "its", "itself"])
THEY = frozenset(["they", "them", "their", "themselves", "theirs"])
FIRST = frozenset(["we", "our", "us", "ourselves", "i", "my", "me"])
GROUP_NOUNS = frozenset(["country", "nation", "side", "leader", "neighbour", "neighbor", "state",
                         "government", "man", "capital", "power", "rival", "ally", "enemy",
                         "foe", "partner", "economy", "party", "president", "adversary",
                         "foreign", "minister", "delegation", "army", "military", "navy",
                         "woman", "head", "giant", "superpower", "counterpart",
                         "heavyweight"])
NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "pair": 2}
#: Plural nouns that, with "the" and nothing else, stand for the last group named: "the
#: leaders", "the allies", "the Europeans", "the Western powers".
GROUP_PLURALS = frozenset(["leader", "ally", "partner", "power", "government", "minister",
                           "signatory", "sponsor", "member", "european", "nation",
                           "democracy", "monarchy", "neighbour", "neighbor"])
#: Plural epithets that name a pair with no number: "the neighbours", "the old foes".
PAIR_EPITHETS = frozenset(["neighbour", "neighbor", "rival", "foe", "enemy", "adversary",
                           "heavyweight", "archrival", "arch-rival", "nemesis"])
COUNTRY_NOUNS = frozenset(["country", "nation", "kingdom", "island", "state", "regime",
                           "republic", "emirate", "monarchy"])
INSTITUTION_NOUNS = frozenset(["ministry", "government", "administration", "embassy",
                               "cabinet", "junta", "military", "army", "navy", "department",
                               "leadership", "authorities", "authority"])
#: Nouns that name a state by its relation to another: "its longtime foe".
EPITHETS = frozenset(["foe", "enemy", "rival", "adversary", "arch-rival", "archrival",
                      "nemesis", "ally", "neighbour", "neighbor", "patron", "protector"])
SPEECH = frozenset(["say", "state", "tell", "add", "insist", "stress", "declare", "write",
                    "announce", "note", "warn", "argue", "claim", "assert", "reiterate",
                    "explain", "tweet", "post"])


@dataclass(frozen=True)
class Actors:
    """What coreference needs to know of the actors: kind by id and what "the bloc"-style
    words may stand for."""

    kinds: Mapping[str, str]
    short: Mapping[str, Sequence[str]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    persons: frozenset[str] = frozenset()  # persons among the proposed actors

    def kind(self, actor_id: str) -> str:
        return "person" if actor_id in self.persons else self.kinds.get(actor_id, "")


def _subject_of(tok: Token) -> Token | None:
    """The subject of the clause a token stands in."""
    node = tok
    for _ in range(8):
        verb = node if node.pos_ in ("VERB", "AUX") else node.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i:
                return c
        if verb.head.i == verb.i:
            return None
        controller = _controller(verb)
        if controller is not None:
            return controller  # "urged Y to end its support": Y's support
        node = verb.head
        if verb.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "prep",
                             "pobj", "dobj", "pcomp", "poss", "attr", "npadvmod", "amod",
                             "compound"):
            return None
    return None


#: Verbs whose infinitive is done by their object ("urged Y to go", "called on Y to go").
_OBJECT_CONTROL = frozenset({"urge", "ask", "tell", "force", "persuade", "convince", "press",
                             "pressure", "push", "encourage", "order", "invite", "call",
                             "warn", "allow", "help", "lobby", "compel", "oblige", "implore",
                             "prompt", "get", "want", "expect", "need"})


def _controller(verb: Token) -> Token | None:
    """The object that does an infinitive after an object-control verb: "urged Y to …",
    "called on Y to …"."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.lemma_.lower() not in _OBJECT_CONTROL:
        return None
    for c in head.children:
        if c.dep_ == "dobj" and c.i < verb.i:
            return c
        if c.dep_ in ("prep", "prt") and c.lower_ == "on" and c.i < verb.i:
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _expletive(tok: Token) -> bool:
    if tok.dep_ == "expl":
        return True
    verb = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in ("be", "seem", "appear",
                                                              "remain", "become", "take"):
        # "it is unclear whether …", "it was premature to …": a clause is the subject
        preds = [c for c in verb.children if c.dep_ in ("acomp", "attr")]
        return any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in verb.children) or \
            any(g.dep_ in ("ccomp", "xcomp") or (g.dep_ == "prep" and any(
                h.dep_ == "pcomp" for h in g.children)) for p in preds for g in p.children)
    if tok.dep_ == "dobj" and verb.lemma_ in ("make", "find", "consider"):
        return True
    return tok.dep_ in ("nsubj",) and verb.lemma_ in ("rain", "matter", "emerge", "follow")


@dataclass
class _State:
    """What the scan has seen so far."""

    last_person_subject: Mention | None = None
    last_person: Mention | None = None
    groups: list[tuple[int, list[str]]] = field(default_factory=list)  # (sentence, actors)
    hosted: list[tuple[int, list[str]]] = field(default_factory=list)  # groups with host
    counts: Counter = field(default_factory=Counter)
    last_institution: str | None = None
    prev_subject_actor: str | None = None
    sent_subject_actor: str | None = None
    last_speaker: tuple[int, str] | None = None  # (token, actor) of the last words told


class ActorCoreference:
    """The spaCy component: reads `doc.user_data["explorer_actors"]` (mentions and an
    `Actors`), adds the resolved anaphora to its mentions."""

    def __call__(self, doc: Doc) -> Doc:
        data = doc.user_data.get(KEY)
        if data:
            data["mentions"] = resolve(doc, data["mentions"], data["actors"],
                                       data.get("fold"))
        return doc


@Language.factory("actor_coreference")
def make_actor_coreference(nlp: Language, name: str) -> ActorCoreference:
    return ActorCoreference()


def _groups(doc: Doc, mentions: list[Mention], actors: Actors) -> dict[int, list[Mention]]:
    """Coordinated actors by the first token of their coordination: "X and Y", "X, Y and Z",
    "X, Y block …" (apposed lists)."""
    by_head: dict[int, Mention] = {}
    for m in mentions:
        if actors.kind(m.actor) in ("state", "international_body", "person"):
            by_head.setdefault(m.head, m)
    out: dict[int, list[Mention]] = {}
    for head, m in by_head.items():
        tok = doc[head]
        root = tok
        while root.dep_ in ("conj", "appos") and root.head.i != root.i and \
                root.head.i in by_head:
            root = root.head
        if root.i != tok.i or any(c.dep_ in ("conj", "appos") and c.i in by_head
                                  for c in tok.children):
            out.setdefault(root.i, [])
            if by_head[root.i] not in out[root.i]:
                out[root.i].insert(0, by_head[root.i])
            if m not in out[root.i]:
                out[root.i].append(m)
    return {k: sorted(v, key=lambda x: x.start) for k, v in out.items() if len(v) >= 2}


def _distinct(ms: Sequence[Mention], fold: Mapping[str, str]) -> list[str]:
    seen: list[str] = []
    for m in ms:
        actor = fold.get(m.actor, m.actor)
        if actor not in seen:
            seen.append(actor)
    return seen


def _many(tok: Token) -> bool:
    """"The 27 leaders", "its 30 member states": more members than a group named in a
    sentence has — a body's membership."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NNS" and \
        tok.lemma_.lower() in ("leader", "state", "member", "government", "country",
                               "nation", "ally") and \
        any(c.dep_ == "nummod" and c.like_num and c.text.isdigit() and int(c.text) >= 5
            for c in tok.children) and \
        any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in tok.children) \
        and not any(c.dep_ in ("prep", "relcl", "acl") for c in tok.children)


#: Verbs whose subject hosts, meets or joins the group that is their object.
_HOSTING = frozenset(["host", "receive", "welcome", "greet", "invite", "meet", "convene",
                      "gather", "join", "talk", "confer", "sit"])


def _host(doc: Doc, first: Mention, at: Mapping[int, Mention], actors: Actors
          ) -> Mention | None:
    """Who hosted, met or joined a group named as an object: "X hosted Y and Z", "X met
    with Y and Z"."""
    tok = doc[first.head]
    verb = tok.head
    if tok.dep_ == "pobj" and verb.lower_ == "with":
        verb = verb.head
    elif tok.dep_ not in ("dobj", "dative"):
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _HOSTING:
        return None  # "X condemned Y and Z … the allies": X is not one of them
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    m = at.get(subject.i) if subject is not None else None
    if m is None or actors.kind(m.actor) not in ("state", "international_body", "person"):
        return None
    return m


def _group_plural(tok: Token) -> bool:
    """"The leaders", "the allies", "the Western powers", "the Europeans": a plural with
    "the" and no number, owner or phrase of its own, as a clause's subject."""
    return tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in GROUP_PLURALS and \
        tok.dep_ in ("nsubj", "nsubjpass") and \
        any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and \
        not any(c.dep_ in ("nummod", "poss", "prep", "relcl", "acl", "compound", "appos")
                for c in tok.children)


def _last_group(st: _State, sent_index: int) -> list[str]:
    """The last coordinated group named in this sentence or the two before, with the
    actor that hosted or met it ("X hosted Y and Z … the leaders")."""
    if st.hosted and sent_index - st.hosted[-1][0] <= 2:
        return st.hosted[-1][1]
    return []


def _count_phrase(tok: Token) -> int | None:
    """2 for "the two countries", "both sides", "the pair"; 3 for "the three leaders"."""
    lower = tok.lower_
    if lower == "pair" and any(c.lower_ == "the" for c in tok.children):
        return 2
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in GROUP_NOUNS and tok.tag_ in ("NNS", "NNPS"):
        for c in tok.children:
            if c.dep_ in ("nummod", "det", "predet", "amod", "quantmod") and \
                    c.lower_ in NUMBERS and (
                        c.lower_ == "both" or c.dep_ == "nummod" or
                        any(d.lower_ in ("the", "these", "those") for d in tok.children)):
                return NUMBERS[c.lower_]
    if tok.pos_ == "NOUN" and tok.tag_ in ("NNS", "NNPS") and \
            tok.lemma_.lower() in PAIR_EPITHETS and \
            any(c.lower_ == "the" for c in tok.children) and \
            not any(c.dep_ in ("poss", "prep", "relcl", "acl") for c in tok.children):
        return 2  # "the nuclear-armed neighbours", "the rivals": the last pair
    if lower in ("two", "three") and tok.pos_ in ("NUM", "PRON", "NOUN") and \
            tok.i > 0 and tok.nbor(-1).lower_ == "the" and tok.dep_ in ("pobj", "nsubj",
                                                                        "dobj", "conj"):
        return NUMBERS[lower]
    if lower == "both" and tok.dep_ in ("nsubj", "pobj", "dobj") and tok.pos_ in ("PRON",
                                                                                  "DET"):
        return 2
    return None


def resolve(doc: Doc, mentions: list[Mention], actors: Actors,
            fold: Mapping[str, str] | None = None) -> list[Mention]:
    """The mentions plus one (or, for a group, several) for each anaphor resolved."""
    fold = fold or {}
    at = {}
    for m in mentions:
        for i in range(m.start, m.end):
            at.setdefault(i, m)
    groups = _groups(doc, mentions, actors)
    group_at = {}
    for members in groups.values():
        for m in members:
            group_at[m.start] = members
    names_by_start = {}
    for actor_id, name in actors.names.items():
        if name.startswith(("North ", "South ")) and actors.kind(actor_id) == "state":
            names_by_start.setdefault(name.split()[0], []).append(actor_id)
    doc_states = {m.actor for m in mentions if actors.kind(m.actor) == "state"}
    out: list[Mention] = list(mentions)
    voice = _voice(doc, mentions, actors, fold)
    st = _State()
    in_sentence: list[Mention] = []
    sent_index = 0

    def add(tok: Token, actor_ids: Sequence[str], how: str, end: int | None = None) -> None:
        for a in actor_ids:
            out.append(Mention(tok.i, end if end is not None else tok.i + 1, a, how, tok.i))

    for tok in doc:
        if tok.is_sent_start and tok.i > 0:
            sent_index += 1
            in_sentence = []
            st.prev_subject_actor = st.sent_subject_actor
            st.sent_subject_actor = None
        if "\n\n" in tok.text or ("\n" in tok.text and tok.i > 0 and
                                  tok.nbor(-1).text in (".", "!", "?", "\"", "”")):
            st.last_person = None
        m = at.get(tok.i)
        if m is not None:
            if tok.i != m.start:
                continue
            kind = actors.kind(m.actor)
            in_sentence.append(m)
            if kind == "state":
                st.counts[fold.get(m.actor, m.actor)] += 1
            if m.how == "role-institution":
                st.last_institution = m.actor
            head = doc[m.head]
            if head.dep_ in ("nsubj", "nsubjpass"):
                if kind in ("state", "international_body") or m.how.startswith("role"):
                    st.sent_subject_actor = m.actor
                if kind == "person" or m.how == "role-person":
                    st.last_person_subject = m
                    st.sent_subject_actor = m.actor
            if kind == "person" or m.how == "role-person":
                st.last_person = m
            members = group_at.get(m.start)
            if members and members[0].start == m.start:
                st.groups.append((sent_index, _distinct(members, fold)))
                host = _host(doc, members[0], at, actors)
                st.hosted.append((sent_index, _distinct(
                    ([host] if host is not None else []) + members, fold)))
            continue
        lower = tok.lower_
        if lower in PERSON_PRONOUNS and tok.pos_ == "PRON":
            target = _person(tok, in_sentence, st, actors, out)
            if target is not None:
                pm = Mention(tok.i, tok.i + 1, target.actor, "pronoun", tok.i)
                out.append(pm)
                in_sentence.append(pm)
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    st.last_person_subject = pm
            continue
        if lower in IT and tok.pos_ == "PRON":
            if lower != "its" and _expletive(tok):
                continue
            target_id = _it(tok, in_sentence, st, actors, at)
            if target_id:
                add(tok, [target_id], "pronoun")
                in_sentence.append(Mention(tok.i, tok.i + 1, target_id, "pronoun", tok.i))
            continue
        if lower in THEY and tok.pos_ == "PRON":
            found = _they(tok, in_sentence, st, sent_index, actors, at)
            if found:
                add(tok, found, "plural")
            continue
        if lower in FIRST and tok.pos_ == "PRON":
            speaker = _speaker(tok, at, actors)
            if speaker:
                st.last_speaker = (tok.i, speaker)
            elif _quoted(tok):  # a quote running on: its speaker in the paragraph
                speaker = _quote_speaker(tok, at, actors, st)
            elif lower not in ("i", "my", "me"):
                speaker = voice
            if speaker:
                add(tok, [speaker], "first-person")
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in EPITHETS and tok.tag_ == "NN":
            partner = _epithet(tok, out, st, sent_index, actors)
            if partner:
                add(tok, [partner], "epithet")
            continue
        if tok.lower_ in ("latter", "former") and tok.i > 0 and \
                tok.nbor(-1).lower_ == "the" and tok.dep_ in ("nsubj", "nsubjpass", "dobj",
                                                              "pobj", "dative"):
            # "the latter", "the former": of the last pair named, within two sentences
            pair = next((g for s_i, g in reversed(st.groups)
                         if sent_index - s_i <= 2 and len(g) == 2), None)
            if pair:
                add(tok, [pair[1] if tok.lower_ == "latter" else pair[0]], "definite")
            continue
        if _many(tok):  # "the 27 leaders", "the bloc's 30 members": the last body named
            body = next((mm.actor for mm in reversed(out) if mm.start < tok.i and
                         actors.kind(mm.actor) == "international_body"), None)
            if body:
                add(tok, [body], "group")
            continue
        if _group_plural(tok):
            found = _last_group(st, sent_index)
            if found:
                add(tok, found, "group")
            continue
        n = _count_phrase(tok)
        if n:
            found = _pair(n, st, sent_index, tok, at)
            if found:
                add(tok, found, "group")
                st.groups.append((sent_index, list(found)))  # "their" may follow
            continue
        if tok.text in ("North", "South") and tok.i > 0 and tok.nbor(-1).lower_ == "the" and \
                (tok.i + 1 >= len(doc) or not doc[tok.i + 1].text[:1].isupper()):
            named = [a for a in names_by_start.get(tok.text, ()) if a in doc_states]
            if len(named) == 1:
                add(tok, named, "definite")
            continue
        if tok.i > 0 and tok.pos_ == "NOUN" and tok.tag_ == "NN" and \
                any(c.lower_ == "the" for c in tok.children) and \
                not any(c.dep_ in ("prep", "compound") and c.i > tok.i for c in tok.children):
            word = tok.lemma_.lower()
            if word in actors.short:
                body = next((b for mm in reversed(out) if mm.start < tok.i
                             for b in [mm.actor] if b in actors.short[word]), None)
                if body:
                    add(tok, [body], "definite")
                continue
            if word in INSTITUTION_NOUNS and st.last_institution:
                add(tok, [st.last_institution], "definite")
                continue
            if word in COUNTRY_NOUNS or word in ("regime",):
                own = _subject_of(tok)
                own_actor = at[own.i].actor if own is not None and own.i in at else None
                ranked = [a for a, _ in st.counts.most_common() if a != own_actor]
                if ranked:
                    add(tok, ranked[:1], "definite")
    return sorted(out, key=lambda m: (m.start, m.end))


def _epithet(tok: Token, out: list[Mention], st: _State, sent_index: int,
             actors: Actors) -> str | None:
    """The state "its longtime foe" stands for: the partner of the possessor in the last
    group they were named in, else the last other state named nearby."""
    if any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in tok.children):
        return None  # "its ally Pyongyang" names the ally itself
    if tok.dep_ == "appos" and any(m.start <= tok.head.i < m.end for m in out):
        return None  # "Russia, Armenia's traditional ally, …": the apposed actor is it
    owners = [m.actor for c in tok.children if c.dep_ == "poss" for m in out
              if m.start == c.i]
    if not owners:
        return None
    owner = owners[0]
    for s, g in reversed(st.groups):
        if sent_index - s <= 2 and owner in g:
            others = [a for a in g if a != owner]
            if len(others) == 1:
                return others[0]
    for m in reversed(out):
        if m.start < tok.i and m.actor != owner and actors.kind(m.actor) == "state" and \
                tok.i - m.start < 60:
            return m.actor
    return None


def _person(tok: Token, in_sentence: list[Mention], st: _State, actors: Actors,
            out: list[Mention]) -> Mention | None:
    role = PERSON_PRONOUNS[tok.lower_]

    def personal(m: Mention) -> bool:
        return actors.kind(m.actor) == "person" or m.how == "role-person" or \
            (m.how == "pronoun" and actors.kind(m.actor) == "person")

    people = [m for m in in_sentence if personal(m)]
    if role == "obj":
        subject = [c for c in tok.head.children if c.dep_ == "nsubj"]
        subject_actor = next((x.actor for x in out if subject and x.start == subject[0].i),
                             None)
        for cand in reversed(people):
            if cand.actor != subject_actor:
                return cand
        if st.last_person is not None and st.last_person.actor != subject_actor:
            return st.last_person
        return None
    if tok.lower_ == "his" or (tok.lower_ == "her" and tok.dep_ == "poss"):
        # "X, who sought Y's support for his country": the clause's subject first
        subject = _subject_of(tok)
        if subject is not None and subject.lower_ in ("who", "that") and \
                subject.head.dep_ == "relcl":
            subject = subject.head.head
        if subject is not None and subject.i < tok.i:
            own = next((m for m in people if m.start <= subject.i < m.end), None)
            if own is not None:
                return own
    away = _bound_away(tok) if role == "subj" else set()
    away_actors = {x.actor for x in out if x.head in away}
    for cand in reversed(people):
        if cand.actor not in away_actors:
            return cand
    for cand in (st.last_person_subject, st.last_person):
        if cand is not None and cand.actor not in away_actors:
            return cand
    return None


def _bound_away(tok: Token) -> set[int]:
    """Token indices a subject pronoun cannot refer to: the object of its own verb, also
    when that object is a relative pronoun or the gap of a relative clause."""
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


def _it(tok: Token, in_sentence: list[Mention], st: _State, actors: Actors,
        at: Mapping[int, Mention]) -> str | None:
    """The state or body "it"/"its" stands for; an object "it" never for its own
    clause's subject, and only for the last sentence's ("Britain denounced it" is an
    act told before more often than a state)."""
    subject = _subject_of(tok)
    if tok.lower_ == "it" and tok.dep_ in ("dobj", "pobj"):
        own = at.get(subject.i) if subject is not None else None
        prev = st.prev_subject_actor
        if prev and not in_sentence and (own is None or own.actor != prev) and \
                actors.kind(prev) in ("state", "international_body"):
            return prev
        return None
    if subject is not None and subject.i < tok.i:
        m = at.get(subject.i)
        if m is not None and actors.kind(m.actor) in ("state", "international_body"):
            return m.actor
        if m is None and subject.pos_ in ("NOUN", "PROPN") and tok.lower_ == "its":
            return None  # the clause's subject is something else ("the operation … its aim")
    states = [m for m in in_sentence if actors.kind(m.actor) in ("state", "international_body")
              and tok.doc[m.head].dep_ in ("nsubj", "nsubjpass")]
    if states:
        return states[-1].actor
    if not in_sentence and st.prev_subject_actor and \
            actors.kind(st.prev_subject_actor) in ("state", "international_body"):
        return st.prev_subject_actor
    if (tok.is_sent_start or (tok.i > 0 and tok.nbor(-1).is_sent_start)) and \
            st.prev_subject_actor and \
            actors.kind(st.prev_subject_actor) in ("state", "international_body"):
        return st.prev_subject_actor
    if tok.lower_ == "its":  # "drills with Russia in the midst of its invasion"
        earlier = [m for m in in_sentence if actors.kind(m.actor) in ("state",
                                                                       "international_body")
                   and not _speaker_phrase(tok.doc[m.head])]
        if earlier:
            return earlier[-1].actor
    return None


def _speaker_phrase(tok: Token) -> bool:
    """An actor named as whose words these are ("according to X")."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _they(tok: Token, in_sentence: list[Mention], st: _State, sent_index: int,
          actors: Actors, at: Mapping[int, Mention]) -> list[str]:
    """The group "they"/"their" stands for."""
    recent = [g for s, g in st.groups if sent_index - s <= 2]
    subject = _subject_of(tok)
    if subject is not None and subject.i < tok.i:
        m = at.get(subject.i)
        if m is not None and (m.how in ("role", "plural") or doc_plural(tok.doc[m.head])) \
                and actors.kind(m.actor) in ("state", "international_body"):
            same = [g for s, g in st.groups if s == sent_index and m.actor in g]
            return same[-1] if same else [m.actor]
    if recent:
        return recent[-1]
    return []


def doc_plural(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS")


def _pair(n: int, st: _State, sent_index: int, tok: Token,
          at: Mapping[int, Mention]) -> list[str]:
    """The last coordinated group of n actors (or n of a larger one, less the clause's
    own subject), within the last few sentences."""
    subject = _subject_of(tok)
    own = at[subject.i].actor if subject is not None and subject.i in at else None
    # "X, Y and Z urged both sides to …": an object is none of the subject's group
    acted_on = subject is not None and tok.dep_ in ("dobj", "dative") and \
        subject.head.i == tok.head.i
    subjects = {at[t.i].actor for t in subject.subtree if t.i in at} if acted_on else set()
    for s, g in reversed(st.groups):
        if sent_index - s > 4:
            break
        if subjects & set(g):
            continue
        if len(g) == n:
            return g
        if len(g) > n:
            rest = [a for a in g if a != own]
            if len(rest) == n:
                return rest
    if n != 2:
        return []
    # no pair named lately: the clause's own subject and the state most talked about,
    # or the two states most talked about (for an object, other than its subjects)
    ranked = [a for a, _ in st.counts.most_common() if a not in subjects]
    if acted_on:
        return ranked[:2] if len(ranked) >= 2 and (
            len(ranked) == 2 or st.counts[ranked[1]] > st.counts[ranked[2]]) else []
    if own is not None and own in st.counts:
        others = [a for a in ranked if a != own]
        return [own, others[0]] if others else []
    return ranked[:2] if len(ranked) >= 2 and (len(ranked) == 2 or
                                               st.counts[ranked[1]] > st.counts[ranked[2]]) \
        else []


def _quoted(tok: Token) -> bool:
    """Whether a token stands inside quotation marks opened in its paragraph."""
    text = tok.doc.text
    start = text.rfind("\n", 0, tok.idx) + 1
    before = text[start:tok.idx]
    return (before.count('"') + before.count("\u201c") + before.count("\u201d")) % 2 == 1


def _quote_speaker(tok: Token, at: Mapping[int, Mention], actors: Actors, st: _State
                   ) -> str | None:
    """Who speaks a quote that runs over sentences: the speaker of its paragraph's last
    words, else the one a later sentence of the paragraph names ("'We …. Our …,' X said")."""
    text = tok.doc.text
    start = text.rfind("\n", 0, tok.idx) + 1
    if st.last_speaker is not None and tok.doc[st.last_speaker[0]].idx >= start:
        return st.last_speaker[1]
    end = text.find("\n", tok.idx)
    end = len(text) if end < 0 else end
    rest = tok.doc.char_span(tok.idx, end, alignment_mode="expand")
    for sent in rest.sents if rest is not None else ():
        for t in sent:
            if t.lemma_.lower() in SPEECH and t.pos_ == "VERB" and not _quoted(t):
                who = next((at[c.i].actor for c in t.children
                            if c.dep_ == "nsubj" and c.i in at), None)
                if who is not None:
                    return who
    return None


def _voice(doc: Doc, mentions: Sequence[Mention], actors: Actors,
           fold: Mapping[str, str]) -> str | None:
    """The state a first-person document speaks for (a government's statement or
    briefing: "we" and "our" outside quotes at least twice): the state its first line
    names, else the one it names most, clearly."""
    outside = [t for t in doc if t.lower_ in ("we", "our", "us") and t.pos_ == "PRON"
               and not _quoted(t)]
    if len(outside) < 2:
        return None
    line_end = doc.text.find("\n")
    states = [fold.get(m.actor, m.actor) for m in mentions
              if actors.kind(fold.get(m.actor, m.actor)) == "state"]
    first = [fold.get(m.actor, m.actor) for m in mentions if 0 <= doc[m.start].idx < line_end
             and actors.kind(fold.get(m.actor, m.actor)) == "state"]
    if first:
        return first[0]
    ranked = Counter(states).most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def _speaker(tok: Token, at: Mapping[int, Mention], actors: Actors) -> str | None:
    """The actor whose words hold "we"/"our": the subject of a speech verb in the sentence."""
    for t in tok.sent:
        if t.lemma_.lower() in SPEECH and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i in at and \
                        not (c.i <= tok.i < c.i + 1):
                    return at[c.i].actor
    node = tok
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in ("accord",):
            for c in node.subtree:
                if c.i in at:
                    return at[c.i].actor
    return None


#: The component as the extractor runs it (it holds no state).
COREFERENCE = ActorCoreference()
