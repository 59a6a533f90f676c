"""The Dataset: actors, sources, relation types and relations with evidence.

The pydantic models below *are* the YAML format (`explorer schema` prints them
as JSON Schema). They are frozen; `Dataset` bundles them with lookups and is
what everything downstream reads. Nothing downstream parses YAML.
"""

from __future__ import annotations

import calendar
import datetime as dt
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

__all__ = [
    "POLARITIES",
    "SECTION_MODELS",
    "Actor",
    "ActorKind",
    "DataFile",
    "Dataset",
    "Evidence",
    "Memo",
    "Modality",
    "Relation",
    "RelationType",
    "Source",
    "Status",
]

ActorKind = Literal["state", "person", "organisation", "international_body", "group"]
Status = Literal["curated", "extracted", "rejected"]
Modality = Literal["asserted", "hedged", "negated"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]
Polarity = Literal["positive", "negative", "neutral"]

ACTOR_KINDS: tuple[str, ...] = ActorKind.__args__
STATUSES: tuple[str, ...] = Status.__args__
MODALITIES: tuple[str, ...] = Modality.__args__
RELIABILITY_GRADES: tuple[str, ...] = Reliability.__args__
POLARITIES: tuple[str, ...] = Polarity.__args__

#: Admiralty scale, source reliability (A–F) and information credibility (1–6).
RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_MEANING = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=120)]
#: Text holds no C0 control character but tab and line breaks: they are invisible in an
#: editor, and XML (GEXF, GraphML) cannot hold them.
PLAIN_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
Str = Annotated[str, Field(pattern=PLAIN_TEXT)]
Text = Annotated[str, Field(min_length=1, pattern=PLAIN_TEXT)]


def _not_bool(value: Any) -> Any:
    """`true` is not a number here (pydantic would read it as 1)."""
    if isinstance(value, bool):
        raise ValueError("a number is expected, not true or false")
    return value


def _writable(value: int) -> int:
    """Python writes out integers of up to 4,300 digits; longer ones are refused."""
    if value.bit_length() > 14_000 and abs(value) >= 10**4300:
        raise ValueError("too many digits")
    return value


Count = Annotated[int, AfterValidator(_writable)]


def _partial_date(end: bool):
    """Accept a date, `YYYY-MM-DD`, `YYYY-MM` or a year; a partial date becomes
    the first day of its period (or the last, for the end of an interval)."""

    def parse(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value  # pydantic reports a datetime with a time as a bad date
        if isinstance(value, dt.date):
            return value
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and 1000 <= value <= 9999:
            return dt.date(value, 12, 31) if end else dt.date(value, 1, 1)
        if isinstance(value, str):
            parts = value.strip().split("-")
            if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) == 4:
                year = int(parts[0])
                return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
            if len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
                year, month = int(parts[0]), int(parts[1])
                if 1 <= month <= 12:
                    last = calendar.monthrange(year, month)[1]
                    return dt.date(year, month, last if end else 1)
        return value

    return BeforeValidator(parse)


StartDate = Annotated[dt.date, _partial_date(end=False)]
EndDate = Annotated[dt.date, _partial_date(end=True)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)


class RelationType(_Model):
    """A kind of relation: the ten defaults of the spec, plus any the file adds."""

    id: Id
    label: Str = ""
    directed: bool = True
    polarity: Polarity = "neutral"
    description: Str = ""
    color: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] = "#888888"
    plover: Str = ""
    cameo: Str = ""

    @property
    def sign(self) -> int:
        """+1, -1 or 0: the edge sign used by structural balance."""
        return {"positive": 1, "negative": -1, "neutral": 0}[self.polarity]


class Actor(_Model):
    """A state, person, organisation, international body or informal group."""

    id: Id
    name: Text
    kind: ActorKind
    aliases: tuple[Text, ...] = ()
    demonyms: tuple[Text, ...] = ()
    titles: tuple[Text, ...] = Field(
        default=(), description="Role phrases that name this person, e.g. 'the Russian leader'."
    )
    represents: Id | None = Field(
        default=None, description="For a person: the state or organisation they act for."
    )
    description: Str = ""
    notes: Str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every surface form that refers to this actor (name first)."""
        return (self.name, *self.aliases, *self.demonyms, *self.titles)


class Source(_Model):
    """A document that evidence quotes: an article, report or statement."""

    id: Id
    title: Str = ""
    publisher: Str = ""
    published: StartDate | None = None
    url: Str = ""
    reliability: Reliability = "F"
    derived_from: Id | None = Field(
        default=None, description="The source this one copies or paraphrases (not independent)."
    )
    notes: Str = ""


class Evidence(_Model):
    """One verbatim sentence from a source that supports a relation."""

    source: Id
    quote: Text
    credibility: Annotated[int, BeforeValidator(_not_bool), Field(ge=1, le=6)] | None = None
    speaker: Id | None = Field(default=None, description="Actor whose words are reported.")
    start: Annotated[Count, Field(ge=0)] | None = Field(
        default=None, description="Character offset of the quote in the source text."
    )
    end: Annotated[Count, Field(ge=0)] | None = None
    notes: Str = ""


Scalar = Str | Count | float | bool


def _no_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


class Relation(_Model):
    """A typed, directed (or symmetric) link between two actors, with its evidence."""

    id: Id
    source: Id
    target: Id
    type: Id
    status: Status = "curated"
    same_as: Id | None = Field(
        default=None, description="Set by review on a proposal that states a relation already "
        "in the file again: accepting it adds its evidence to that relation.")
    possibly_same_as: Id | None = Field(
        default=None, description="Set by review on a proposal that may state a relation "
        "already in the file (its attributes, dates or modality differ): the analyst decides.")
    confidence: Annotated[float, BeforeValidator(_not_bool), Field(ge=0.0, le=1.0)]
    modality: Modality = "asserted"
    since: StartDate | None = None
    until: EndDate | None = None
    summary: Annotated[Str, AfterValidator(_no_blank)] | None = None
    attributes: dict[Str, Scalar] = Field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    judgement: Str | None = Field(
        default=None, description="An analyst's reasoning, for a relation that rests on no quote."
    )
    tags: tuple[Str, ...] = ()
    notes: Str = ""
    reviewed_by: Str | None = None
    reviewed_at: dt.datetime | dt.date | None = None
    review_note: Str | None = None

    def in_force(self, day: dt.date) -> bool:
        """True when `day` lies between `since` and `until` (open ends count as in force)."""
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


#: The model of each list section of the data file.
SECTION_MODELS: dict[str, type[BaseModel]] = {
    "relation_types": RelationType, "actors": Actor, "sources": Source, "relations": Relation}


class DataFile(_Model):
    """The whole YAML file, as written by analysts."""

    model_config = ConfigDict(title="Geopolitical relations data file")

    version: Literal[1] = 1
    relation_types: tuple[RelationType, ...] = ()
    actors: tuple[Actor, ...] = ()
    sources: tuple[Source, ...] = ()
    relations: tuple[Relation, ...] = ()


T = TypeVar("T")


class Memo:
    """Results derived from one object, kept by that object: they live exactly as long as
    it does, so nothing derived from old data outlives it. Safe to share between threads
    (two threads may compute the same result once each; the first one kept wins)."""

    __slots__ = ("_lock", "_values")

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result kept under `key`, computed by `compute()` the first time."""
        with self._lock:
            if key in self._values:
                return self._values[key]
        value = compute()
        with self._lock:
            return self._values.setdefault(key, value)

    def __len__(self) -> int:
        return len(self._values)


@dataclass(frozen=True, eq=False)
class Dataset:
    """The validated, immutable data, with lookups by id.

    `types` holds the default vocabulary followed by the file's own types.
    `digest` is the SHA-256 of the file's bytes, for caches and write conflicts.
    `derived(key, compute)` keeps anything computed from the data (indexes, views,
    the extractor's actor index) with the Dataset, for as long as it lives.
    """

    actors: tuple[Actor, ...]
    sources: tuple[Source, ...]
    relations: tuple[Relation, ...]
    types: tuple[RelationType, ...]
    path: Path | None = None
    digest: str = ""
    warnings: tuple[Any, ...] = ()
    _actor: Mapping[str, Actor] = field(init=False, repr=False)
    _source: Mapping[str, Source] = field(init=False, repr=False)
    _type: Mapping[str, RelationType] = field(init=False, repr=False)
    _relation: Mapping[str, Relation] = field(init=False, repr=False)
    _memo: Memo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_memo", Memo())
        object.__setattr__(self, "_actor", {a.id: a for a in self.actors})
        object.__setattr__(self, "_source", {s.id: s for s in self.sources})
        object.__setattr__(self, "_type", {t.id: t for t in self.types})
        object.__setattr__(self, "_relation", {r.id: r for r in self.relations})

    @classmethod
    def from_file_model(
        cls,
        data: DataFile,
        default_types: Iterable[RelationType],
        **origin: Any,
    ) -> Dataset:
        return cls(
            actors=data.actors,
            sources=data.sources,
            relations=data.relations,
            types=(*default_types, *data.relation_types),
            **origin,
        )

    def derived(self, key: Hashable, compute: Callable[[Dataset], T]) -> T:
        """`compute(self)`, computed once per key and kept with this Dataset."""
        return self._memo.get(key, lambda: compute(self))

    # lookups -----------------------------------------------------------
    def actor(self, actor_id: str) -> Actor:
        return self._actor[actor_id]

    def source(self, source_id: str) -> Source:
        return self._source[source_id]

    def relation_type(self, type_id: str) -> RelationType:
        return self._type[type_id]

    def relation(self, relation_id: str) -> Relation:
        return self._relation[relation_id]

    def has_actor(self, actor_id: str) -> bool:
        return actor_id in self._actor

    def has_relation(self, relation_id: str) -> bool:
        return relation_id in self._relation

    def has_source(self, source_id: str) -> bool:
        return source_id in self._source

    # derived facts -----------------------------------------------------
    def state_of(self, actor_id: str) -> str:
        """The actor a person ultimately acts for: itself when it represents nobody, or
        when its `represents` chain runs into a cycle (which validation refuses), so
        that folding never turns a relation around."""
        seen = {actor_id}
        current = self._actor[actor_id]
        while current.represents:
            if current.represents in seen:
                return actor_id
            seen.add(current.represents)
            current = self._actor[current.represents]
        return current.id

    def root_source(self, source_id: str) -> str:
        """The original at the end of a `derived_from` chain: copies count once."""
        seen = {source_id}
        current = self._source[source_id]
        while current.derived_from and current.derived_from not in seen:
            seen.add(current.derived_from)
            current = self._source[current.derived_from]
        return current.id

    def independent_sources(self, relation: Relation) -> frozenset[str]:
        """Distinct original sources behind a relation's evidence."""
        return frozenset(self.root_source(e.source) for e in relation.evidence)

    def evidence_date(self, evidence: Evidence) -> dt.date | None:
        """When the evidence became known: its source's publication date."""
        return self._source[evidence.source].published
