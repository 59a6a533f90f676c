"""Write path benchmark: one accept and one add, against a full ruamel.yaml round trip.

    .venv/bin/python bench/write.py [--sizes 1000 10000 100000] [--repeat 5]
                                    [--full-up-to 10000]

For each synthetic file it prints the median time of one `review.accept` (an
extracted relation becomes curated) and of one `review.add_candidates` (one new
relation from an article), each given the Dataset the caller already holds, as
the app does: read and hash the file, edit one entry, verify, write atomically
(temporary file, fsync, rename, backup, undo record). The baseline, measured in
the same run, is what editing through a whole-document ruamel.yaml round trip
costs (load, change one value, dump). For context it also prints a whole-file
re-read through the read path (`store.load`). Files larger than --full-up-to
relations skip the ruamel round trip: it grows to minutes, and the output says so.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

from explorer import review, store
from explorer.candidates import Candidate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_synthetic

RATE: list[float] = []  # seconds per relation of the last full round trip measured


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def full_round_trip(path: Path, relation_index: int) -> tuple[float, float, bool]:
    """Load the whole file with ruamel.yaml round-trip, accept one relation, dump it."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1 << 20
    yaml.indent(mapping=2, sequence=4, offset=2)
    text = path.read_text(encoding="utf-8")
    load, document = timed(lambda: yaml.load(text))
    document["relations"][relation_index]["status"] = "curated"
    buffer = io.StringIO()
    dump, _ = timed(lambda: yaml.dump(document, buffer))
    old, new = text.splitlines(), buffer.getvalue().splitlines()
    identical = len(old) == len(new) and \
        sum(a != b for a, b in zip(old, new, strict=True)) == 1
    return load, dump, identical


def measure(size: int, repeat: int, full_up_to: int, folder: Path) -> None:
    path = write_synthetic(folder / f"relations-{size}.yaml", size)
    megabytes = path.stat().st_size / 2**20
    reload, dataset = timed(lambda: store.load(path))
    queue = [r.id for r in review.queue(dataset)]
    accepts = []
    for relation_id in queue[1: repeat + 1]:
        seconds, change = timed(lambda r=relation_id, d=dataset:
                                review.accept(d, r, reviewer="bench"))
        dataset = change.dataset  # the app reuses the verified Dataset: no reload
        accepts.append(seconds)
    adds = []
    allied = {frozenset((r.source, r.target)) for r in dataset.relations if r.type == "alliance"}
    ids = [a.id for a in dataset.actors]
    pairs = [(a, b) for a, b in zip(ids, reversed(ids), strict=True)
             if a != b and frozenset((a, b)) not in allied][:repeat]
    for n, (first, second) in enumerate(pairs):
        quote = f"Bench sentence {n}: the two sides signed a new pact."
        new = Candidate(document="bench", source=first, target=second, type="alliance",
                        modality="asserted",
                        confidence=0.5, quote=quote, start=0, end=len(quote),
                        source_id="bench-source")
        seconds, added = timed(lambda c=new, d=dataset: review.add_candidates(
            d, {"id": "bench-source", "title": "Bench"}, [c], reviewer="bench"))
        assert added.outcomes[0].action == "added", added.outcomes
        dataset = added.dataset
        adds.append(seconds)
    check = store.load(path)  # untimed: the file says what the writes said
    assert check.relations == dataset.relations and check.digest == dataset.digest
    accept, add = statistics.median(accepts), statistics.median(adds)
    print(f"{size:>7,} relations ({megabytes:5.1f} MB): accept {accept * 1000:6.0f} ms "
          f"(min {min(accepts) * 1000:.0f}, max {max(accepts) * 1000:.0f}), "
          f"add {add * 1000:6.0f} ms; whole-file re-read (store.load) {reload:.2f} s")
    if size > full_up_to:
        estimate = f"~{RATE[0] * size / 60:.0f} min by the rate measured above" if RATE else \
            "minutes"
        print(f"{'':>28}full ruamel round trip: skipped above {full_up_to:,} relations "
              f"({estimate})")
        return
    index = next(i for i, r in enumerate(check.relations) if r.status == "extracted")
    load, dump, identical = full_round_trip(path, index)
    RATE[:] = [(load + dump) / size]
    print(f"{'':>28}full ruamel round trip: load {load:.2f} s + dump {dump:.2f} s = "
          f"{load + dump:.2f} s ({(load + dump) / accept:,.0f}× one accept; "
          f"{'one line changed' if identical else 'MORE than the edited line changed'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--full-up-to", type=int, default=10_000)
    args = parser.parse_args()
    print(f"write path, median of {args.repeat} writes each (Python {sys.version.split()[0]})")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            measure(size, args.repeat, args.full_up_to, Path(folder))


if __name__ == "__main__":
    main()
