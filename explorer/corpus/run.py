"""One corpus run end to end: inputs → pending → engine → clusters and tables → totals.

A run reads only what its output folder does not hold yet, so running it again
after an interruption finishes the job, and running it again after it finished
adds nothing. The progress bar (stderr) shows documents/s and the time left.
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

import explorer
from explorer import store
from explorer.corpus.inputs import InputError, resolve
from explorer.corpus.output import Output, Totals
from explorer.extract.pipeline import MODEL

__all__ = ["ENGINES", "Run", "run"]

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class Run:
    """What a run did: the tables' totals, what it processed now and skipped as done,
    how long it took (and Ray's start, which is part of it), and what could not be read."""

    totals: Totals
    engine: str
    workers: int
    processed: int
    skipped: int
    seconds: float
    startup: float = 0.0
    finishing: float = 0.0  # clusters and tables, at the end (part of `seconds`)
    torn: tuple[str, ...] = ()
    input_errors: tuple[InputError, ...] = field(default_factory=tuple)

    def line(self) -> str:
        """The summary line printed at the end."""
        t = self.totals
        rate = self.processed / self.seconds if self.seconds and self.processed else 0.0
        done = f"; {self.skipped:,} done before" if self.skipped else ""
        start = f", Ray start {self.startup:.1f} s" if self.engine == "ray" else ""
        return (f"{t.documents:,} documents, {t.candidates:,} candidates, {t.clusters:,} "
                f"near-copy cluster(s) ({t.copies:,} copies), {t.failures:,} failed — "
                f"{self.processed:,} read now in {self.seconds:.1f} s ({rate:.1f} documents/s, "
                f"{self.engine}, {self.workers} worker(s){start}){done}")


def run(specs: list[str], out: Path, data: Path | None = None, *, engine: str = "local",
        jobs: int | None = None, address: str | None = None, batch_size: int = 32,
        restart: bool = False, progress: bool = True) -> Run:
    """Extract candidates from every article the specs name into Parquet under `out`."""
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: use one of {', '.join(ENGINES)}")
    path = store.data_path(data)
    raw = store.read_bytes(path)
    dataset = store.load(path)  # checked here: a bad data file stops the run before it starts
    data_text = raw.decode("utf-8-sig")
    settings = {
        "data": str(path), "data_sha256": hashlib.sha256(raw).hexdigest(), "model": MODEL,
        "explorer": explorer.__version__,
        "undirected": sorted(t.id for t in dataset.types if not t.directed),
    }
    output = Output(out)
    torn = output.prepare(settings, restart)
    items, input_errors = resolve(specs)
    done = output.done()
    pending = [item for item in items if item.key not in done]
    started = time.perf_counter()
    startup = 0.0
    workers = jobs or 1
    bar = tqdm(total=len(pending), unit="doc", desc=f"extracting ({engine})", file=sys.stderr,
               disable=not progress or not pending, smoothing=0.05, dynamic_ncols=True)
    with bar:
        if pending and engine == "local":
            from explorer.corpus.local import run_local
            from explorer.corpus.worker import Worker

            worker = Worker(data_text, str(path), jobs=workers)
            run_local(pending, worker, output, batch_size, bar.update)
        elif pending:
            from explorer.corpus.on_ray import run_ray, session

            with session(address, jobs) as (ray, workers, startup):
                run_ray(ray, pending, data_text, str(path), output, batch_size, workers,
                        bar.update)
    finishing = time.perf_counter()
    totals = output.finish(input_errors)
    ended = time.perf_counter()
    result = Run(totals, engine, workers, len(pending), len(items) - len(pending),
                 ended - started, startup, ended - finishing, tuple(torn), tuple(input_errors))
    output.record(last_run={"engine": engine, "workers": workers, "processed": len(pending),
                            "skipped": result.skipped, "seconds": round(result.seconds, 2),
                            "startup": round(startup, 2),
                            "finishing": round(result.finishing, 2), "totals": vars(totals)})
    return result
