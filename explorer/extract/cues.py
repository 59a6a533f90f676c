"""The cue book: words and phrases per relation type.

Two data files beside this module, both read with safe loaders: `cues.yaml`
(our own cues, with the roles, light verbs, goods and transfers the parse
reading needs) and `cameo_cues.json` (verb and verb-object cues generated
from the CAMEO verb dictionary by `tools/lexicon/build.py`). Every cue
records where it came from: "ours" or "cameo NNN". Ours win where both
have a verb.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from explorer.parse import parse_guarded

__all__ = ["Cue", "CueBook", "load_cues"]


@dataclass(frozen=True)
class Cue:
    """A cue for `type`: a verb (with its particle: "call on") or a noun, in lemmas."""

    type: str
    pos: str  # verb | noun | agent (a noun naming the doer: "supplier", "backer")
    lemmas: tuple[str, ...]
    strength: float = 0.8
    source: str = "ours"  # "ours" or "cameo NNN"


@dataclass(frozen=True)
class CueBook:
    """Lookups over the cue data; plain values, safe to share across processes."""

    cues: dict[str, tuple[Cue, ...]]  # first lemma -> cues starting with it
    roles: dict[str, dict[str, tuple[str, ...]]]
    type_roles: dict[tuple[str, str, str], tuple[str, ...]]  # (type, pos, side) -> roles
    light_verbs: frozenset[str]
    object_control: frozenset[str]
    goods: dict[tuple[str, ...], str]
    transfers: dict[str, str]  # verb -> give | buy | receive
    obstruct_verbs: frozenset[str]
    obstruct_objects: frozenset[str]
    reverse_verbs: dict[str, str]
    needs_xcomp: frozenset[str]
    when_negated: dict[str, str]
    keywords: dict[str, frozenset[str]] = field(default_factory=dict)
    no_fallback: frozenset[str] = frozenset()
    # (verb lemma, object lemmas) -> cue: "cut diplomatic ties", "recall ambassador"
    verb_objects: dict[tuple[str, str], Cue] = field(default_factory=dict)
    word_sense: frozenset[str] = frozenset()  # objects that take a verb out of its cue sense
    bilateral: frozenset[tuple[str, ...]] = frozenset()  # cooperation that runs both ways
    needs_modifier: frozenset[str] = frozenset()  # nouns that are cues only when named
    evaluative: dict[str, str] = field(default_factory=dict)  # adjective -> type
    naming_modifiers: frozenset[str] = frozenset()  # what names a partnership

    def roles_for(self, type_: str, pos: str, side: str) -> tuple[str, ...]:
        return self.type_roles.get((type_, pos, side)) or self.roles[pos][side]


def _lemmas(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


#: CAMEO cues are one synonym set wide: trusted a little less than ours.
CAMEO_STRENGTH = 0.7


@lru_cache(maxsize=4)
def load_cues(name: str = "cues.yaml", cameo: str | None = "cameo_cues.json") -> CueBook:
    """Read the cue files shipped in this package (safe YAML, JSON)."""
    text = resources.files("explorer.extract").joinpath(name).read_text(encoding="utf-8")
    data = parse_guarded(text)
    by_first: dict[str, list[Cue]] = {}
    type_roles: dict[tuple[str, str, str], tuple[str, ...]] = {}
    reverse: dict[str, str] = {}
    needs_xcomp: set[str] = set()
    when_negated: dict[str, str] = {}
    keywords: dict[str, set[str]] = {}
    obstruct_verbs: set[str] = set()
    obstruct_objects: set[str] = set()

    def add(cue: Cue) -> None:
        by_first.setdefault(cue.lemmas[0], []).append(cue)
        keywords.setdefault(cue.type, set()).add(cue.lemmas[0] if cue.pos == "verb"
                                                 else cue.lemmas[-1])

    for phrase in data.get("bilateral", ()):  # "joint drills": military support both ways
        add(Cue("economic_support" if phrase.startswith(("economic", "energy", "trade",
                                                          "currency", "swap")) else
                "military_support", "noun", _lemmas(phrase)))
    for type_, spec in data["types"].items():
        for word in spec.get("verbs", ()):
            add(Cue(type_, "verb", _lemmas(word)))
        for word in spec.get("nouns", ()):
            add(Cue(type_, "noun", _lemmas(word)))
        for word in spec.get("agent_nouns", ()):
            add(Cue(type_, "agent", _lemmas(word)))
        for word in spec.get("reverse_verbs", ()):
            reverse[word] = type_
            add(Cue(type_, "verb", _lemmas(word), strength=0.7))
        for word in spec.get("when_negated", ()):
            when_negated[word] = type_
        needs_xcomp.update(spec.get("needs_xcomp", ()))
        if "obstruct" in spec:
            obstruct_verbs.update(spec["obstruct"]["verbs"])
            obstruct_objects.update(spec["obstruct"]["objects"])
            for verb in spec["obstruct"]["verbs"]:
                keywords.setdefault(type_, set()).add(verb.split()[0])
        for pos in ("verb", "noun"):
            for side in ("source", "target"):
                if f"{pos}_{side}" in spec:
                    type_roles[(type_, pos, side)] = tuple(spec[f"{pos}_{side}"])
    ours_verbs = {c.lemmas[0] for cs in by_first.values() for c in cs if c.pos == "verb"}
    verb_objects: dict[tuple[str, str], Cue] = {}
    if cameo:
        generated = json.loads(resources.files("explorer.extract").joinpath(cameo)
                               .read_text(encoding="utf-8"))
        for entry in generated["cues"]:
            if entry["pos"] == "verb" and entry["lemmas"] not in ours_verbs:
                # a verb with its particle ("hit back") is matched as two lemmas
                add(Cue(entry["type"], "verb", tuple(entry["lemmas"].split()), CAMEO_STRENGTH,
                        entry["source"]))
            elif entry["pos"] == "verb_object":
                verb_objects.setdefault((entry["verb"], entry["object"]), Cue(
                    entry["type"], "verb", (entry["verb"],), CAMEO_STRENGTH, entry["source"]))
    for type_, spec in data["types"].items():
        for phrase in spec.get("verb_objects", ()):
            verb, obj = phrase.split(" ", 1)
            verb_objects[(verb, obj)] = Cue(type_, "verb", (verb,))
    goods = {_lemmas(g): t for t, words in data["goods"].items() for g in words}
    transfers = {verb: kind for kind, verbs in data["transfers"].items() for verb in verbs}
    for type_ in ("military_support", "economic_support"):
        keywords.setdefault(type_, set()).update(transfers)
    roles = {pos: {side: tuple(v) for side, v in data["roles"][pos].items()}
             for pos in ("verb", "noun", "agent")}
    return CueBook(
        cues={k: tuple(sorted(v, key=lambda c: -len(c.lemmas))) for k, v in by_first.items()},
        roles=roles,
        type_roles=type_roles,
        light_verbs=frozenset(data["light_verbs"]),
        object_control=frozenset(data["object_control"]),
        goods=goods,
        transfers=transfers,
        obstruct_verbs=frozenset(obstruct_verbs),
        obstruct_objects=frozenset(obstruct_objects),
        reverse_verbs=reverse,
        needs_xcomp=frozenset(needs_xcomp),
        when_negated=when_negated,
        keywords={k: frozenset(v) for k, v in keywords.items()},
        no_fallback=frozenset(t for t, spec in data["types"].items()
                              if spec.get("fallback") is False),
        verb_objects=verb_objects,
        word_sense=frozenset(data.get("word_sense", ())),
        bilateral=frozenset(_lemmas(b) for b in data.get("bilateral", ())),
        needs_modifier=frozenset(w for spec in data["types"].values()
                                 for w in spec.get("needs_modifier", ())),
        evaluative={w: t for t, spec in data["types"].items()
                    for w in spec.get("evaluative", ())},
        naming_modifiers=frozenset(w for spec in data["types"].values()
                                   for w in spec.get("naming_modifiers", ())),
    )
