"""Extraction speed: words per second end to end against a bare `nlp.pipe`, same texts, same run.

The corpus is generated here from sentence templates, the actors of the data
file and states of the world reference (varied relation and filler
sentences; nothing copied from any article). Prints the load times (model,
cue lexicons, world reference, actor index), then for --jobs 1 and 2 the
bare pipeline's throughput, the extractor's end-to-end throughput and their
ratio (target ≥ 0.7), then the cost of matching actors (a 200-actor data
file plus the world reference, coreference included) against the parse
(target ≤ 10 %).

    .venv/bin/python bench/extract.py [--words 30000] [--rounds 3] [--data data/relations.yaml]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from explorer import store
from explorer.extract.documents import Document, SourceMeta

RELATION = [
    "{A} signed a defence pact with {B} on {day}.",
    "{A} and {B} held talks in the capital on {day}.",
    "{A} supplied {B} with artillery shells and drones, officials said.",
    "{A} has not provided {B} with weapons, according to diplomats.",
    "{A} may provide {B} with missile technology next year.",
    "About {pct} percent of {Bp} oil comes from {A}.",
    "{A} buys {Bd} gas and coal under a long contract.",
    "{A} reportedly urged {B} not to attend the summit.",
    "{A} imposed new sanctions on {B} in {month}.",
    "{Ap} invasion of {B} was condemned by several governments.",
    "{B} was attacked by {A} forces near the border.",
    "{A} repeatedly blocked sanctions against {B} at the Security Council.",
    "{Ad} officials criticised {B} for its missile tests.",
    "{A} declared its full support for {B}.",
    "{Ap} weapons tests have alarmed {B}.",
    "{A} invested ${n} billion in {Bp} ports.",
    "Analysts doubt that {A} will back {B} for long.",
    "{A} and {B} remain rivals in the region.",
]
FILLER = [
    "Markets were calm on {day} as traders waited for new figures.",
    "The weather in the capital was mild for the time of year.",
    "Officials said the report would be published after the holiday.",
    "Local newspapers carried long interviews with farmers about the harvest.",
    "The ministry declined to comment on the figures.",
    "A spokesman said more details would follow later in the week.",
    "Prices for bread and fuel rose slightly over the month.",
    "Schools reopened after a long break, and trains ran on time.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["March", "April", "May", "June", "September"]


def corpus(data: Path, words: int, seed: int = 7, world=None) -> list[Document]:
    """Generated articles of 10-14 sentences, about `words` words in all."""
    dataset = store.load(data)
    rng = random.Random(seed)
    states = [a for a in dataset.actors if a.kind == "state"]
    if world is not None:  # half the states from the world reference: news beyond the data
        states += rng.sample([a for a in world.actors if a.kind == "state"], len(states))
    docs: list[Document] = []
    total = 0
    while total < words:
        sentences = []
        for _ in range(rng.randint(10, 14)):
            a, b = rng.sample(states, 2)
            template = rng.choice(RELATION if rng.random() < 0.55 else FILLER)
            sentences.append(template.format(
                A=a.name, B=b.name, Ap=f"{a.name}'s", Bp=f"{b.name}'s",
                Ad=(a.demonyms or (a.name,))[0], Bd=(b.demonyms or (b.name,))[0],
                day=rng.choice(DAYS), month=rng.choice(MONTHS), pct=rng.randint(10, 90),
                n=rng.randint(1, 9)))
        text = " ".join(sentences[:4]) + "\n\n" + " ".join(sentences[4:])
        total += len(text.split())
        docs.append(Document(f"bench-{len(docs):04d}.txt", text,
                             SourceMeta(id=f"bench-{len(docs):04d}")))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=Path("data/relations.yaml"))
    args = parser.parse_args()

    t0 = time.perf_counter()
    import spacy

    t1 = time.perf_counter()
    from explorer.extract.cues import load_cues
    from explorer.extract.mentions import ActorIndex
    from explorer.extract.pipeline import MODEL, Extractor, actor_mentions, load_model
    from explorer.reference import load_world

    nlp = load_model()
    t2 = time.perf_counter()
    book = load_cues()
    t3 = time.perf_counter()
    world = load_world()
    t4 = time.perf_counter()
    extractor = Extractor(store.load(args.data), nlp, book=book, world=world)
    t5 = time.perf_counter()
    bare = spacy.load(MODEL)
    docs = corpus(args.data, args.words, world=world)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"import spacy {t1 - t0:.2f} s; model load {t2 - t1:.2f} s; cue lexicons "
          f"{t3 - t2:.2f} s ({sum(len(v) for v in book.cues.values()):,} cues, "
          f"{len(book.verb_objects):,} verb-object patterns); world reference {t4 - t3:.2f} s "
          f"({len(world.actors)} actors); actor index {t5 - t4:.2f} s")
    print(f"model + lexicons + reference + index: {t5 - t1:.2f} s (target ≤ 1.5 s)")
    print(f"corpus: {len(docs)} generated articles, {words:,} words\n")
    print(f"{'jobs':>4}  {'bare nlp.pipe':>16}  {'extract end to end':>19}  {'ratio':>5}  "
          f"candidates   (median of {args.rounds} alternating rounds)")
    for jobs in (1, 2):
        bare_times, our_times = [], []
        n = 0
        for _ in range(args.rounds):  # alternate, so a busy machine slows both alike
            start = time.perf_counter()
            for _doc in bare.pipe(texts, n_process=jobs, batch_size=8):
                pass
            bare_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            n = sum(len(e.candidates) for e in extractor.extract_many(docs, jobs=jobs))
            our_times.append(time.perf_counter() - start)
        bare_s, ours_s = statistics.median(bare_times), statistics.median(our_times)
        print(f"{jobs:>4}  {words / bare_s:>10,.0f} words/s  {words / ours_s:>12,.0f} words/s  "
              f"{bare_s / ours_s:>5.2f}  {n:,}")
    matching(docs, bare, nlp, world, args.rounds, ActorIndex, actor_mentions)
    post_parse(docs, nlp, extractor, args.rounds)
    print(f"\nload average during the run: {os.getloadavg()[0]:.1f} (2 cores)")


def post_parse(docs, nlp, extractor, rounds) -> None:
    """Everything after the parse (mentions, coreference, relations, modality, attributes)
    against the parse itself, interleaved per round: a ratio a loaded machine moves less
    than two separate throughputs."""
    from explorer.extract.pipeline import extract_doc

    parse_times, post_times = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        parsed = list(nlp.pipe([d.text for d in docs], batch_size=8))
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for doc, document in zip(parsed, docs, strict=True):
            extract_doc(doc, document, extractor.index, extractor.book)
        post_times.append(time.perf_counter() - start)
    parse_s, post_s = statistics.median(parse_times), statistics.median(post_times)
    print(f"after the parse: {post_s:.2f} s = {100 * post_s / parse_s:.1f} % of parsing "
          f"({parse_s:.2f} s), so the whole pipeline runs at {parse_s / (parse_s + post_s):.2f} "
          "of a bare parse (target ≥ 0.7)")


def matching(docs, bare, nlp, world, rounds, ActorIndex, actor_mentions) -> None:
    """Actor matching (data file of 200 actors + world reference, coreference included)
    against parsing the same texts."""
    import tempfile

    from synthetic import write_synthetic

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "relations-200.yaml"
        write_synthetic(path, 1_000, actors=200)
        dataset = store.load(path)
    index = ActorIndex(dataset, nlp, world)
    texts = [d.text for d in docs]
    parse_times, match_times = [], []
    parsed = []
    for _ in range(rounds):
        start = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=8))
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        n = sum(len(actor_mentions(doc, index)[0]) for doc in parsed)
        match_times.append(time.perf_counter() - start)
    parse_s, match_s = statistics.median(parse_times), statistics.median(match_times)
    print(f"\nactor matching, {len(dataset.actors)}-actor data file + {len(world.actors)}-actor "
          f"reference ({len(index.forms):,} forms), coreference included: {match_s:.2f} s for "
          f"{n:,} mentions = {100 * match_s / parse_s:.1f} % of parsing ({parse_s:.2f} s; "
          "target ≤ 10 %)")


if __name__ == "__main__":
    main()
