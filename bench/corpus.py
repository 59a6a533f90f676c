"""Corpus throughput: documents/s in-process (--jobs 1, --jobs 2) and on Ray here, same corpus.

The corpus is generated at bench time (never kept): articles recombined from the
sentences of the development texts in ../shared/eval/dev/articles (our own
words), 8–14 sentences each, and one article in ten republished by two to five
"outlets" (new headline, a paragraph dropped) so that near-copy clustering has
work. Each engine runs `explorer extract CORPUS --out OUT` in a child process;
the parent watches the part files appear and the processes' memory. Printed per
engine: documents/s end to end and once started (from the first part written
to the last), time to the first part, Ray's start (`ray.init`) separately, and
the peak resident memory of the process doing the extraction (per Ray worker).

    .venv/bin/python bench/corpus.py [--articles 2000] [--engines local1,local2,ray]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "articles"
DATA = ROOT / "data" / "relations.yaml"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sentences() -> list[str]:
    if not DEV.is_dir():
        sys.exit(f"{DEV} is absent: the development texts live beside the repository")
    pool = []
    for path in sorted(DEV.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            for s in SENTENCE.split(paragraph.strip()):
                if 8 <= len(s.split()) <= 60 and s[-1:] in ".!?\"”":
                    pool.append(s)
    return pool


def make_corpus(folder: Path, count: int, seed: int = 13) -> tuple[int, int]:
    """`count` articles (originals and republications); returns (articles, words)."""
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True)
    n = words = 0
    while n < count:
        body = rng.sample(pool, rng.randint(8, 14))
        paragraphs = [" ".join(body[i:i + 2]) for i in range(0, len(body), 2)]
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        copies = rng.randint(2, 5) if rng.random() < 0.1 else 0
        for k in range(copies + 1):
            if n >= count:
                break
            kept = paragraphs if k == 0 else paragraphs[:-1]
            text = (f"---\npublisher: Outlet {rng.randint(1, 60)}\npublished: {day}\n---\n"
                    f"Story {n} as run by outlet {k}\n\n" + "\n\n".join(kept) + "\n")
            (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")
            words += len(text.split())
            n += 1
    return n, words


def measure(engine: str, corpus: Path, out: Path, data: Path, batch: int) -> dict:
    kind, jobs = ("ray", "2") if engine == "ray" else ("local", engine.removeprefix("local"))
    command = [sys.executable, "-m", "explorer.cli", "extract", str(corpus), "--out", str(out),
               "--data", str(data), "--engine", kind, "--jobs", jobs, "--batch-size", str(batch)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env={**os.environ, "EXPLORER_PROGRESS": ""})
    proc = psutil.Process(child.pid)
    seen: dict[str, tuple[float, int]] = {}
    peak: dict[str, int] = {}
    while child.poll() is None:
        time.sleep(0.25)
        now = time.perf_counter() - start
        parts = out / "parts"
        for path in parts.glob("*.parquet") if parts.is_dir() else ():
            if path.name not in seen:
                with contextlib.suppress(Exception):
                    seen[path.name] = (now, pq.read_metadata(path).num_rows)
        try:
            family = [proc, *proc.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in family:
            try:
                name = " ".join(p.cmdline())[:60]
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            key = ("worker" if "MapWorker" in name else
                   "driver" if p.pid == child.pid else
                   "parser" if "explorer" in name or "multiprocessing" in name else None)
            if key:
                peak[key] = max(peak.get(key, 0), rss)
    stderr = child.stderr.read() if child.stderr else ""
    total = time.perf_counter() - start
    if child.returncode not in (0, 1):
        raise SystemExit(f"{engine} failed:\n{stderr}")
    times = sorted(seen.values())
    first = times[0][0] if times else total
    rows = sum(r for _, r in times)
    after_first = rows - times[0][1] if times else 0
    last = times[-1][0] if times else total
    settings = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"engine": engine, "documents": rows, "total_s": total, "first_part_s": first,
            "rate": rows / total, "started_rate": after_first / (last - first)
            if last > first else float("nan"),
            "ray_start_s": settings["last_run"]["startup"], "peak": peak,
            "finishing_s": settings["last_run"]["finishing"],
            "summary": stderr.strip().splitlines()[-1] if stderr.strip() else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--engines", default="local1,local2,ray")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        count, words = make_corpus(corpus, args.articles)
        print(f"corpus: {count:,} articles, {words:,} words, recombined from the sentences of "
              f"{DEV.relative_to(ROOT.parent)} (generated now, deleted after)")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
              f"({os.cpu_count()} cores)")
        results = []
        for engine in args.engines.split(","):
            result = measure(engine, corpus, Path(tmp) / f"out-{engine}", args.data,
                             args.batch_size)
            results.append(result)
            print(f"  {engine:7} {result['summary']}", flush=True)
        print()
        print("engine   docs  end to end   once started   first part   Ray start   tables   "
              "peak RSS")
        base = next((r for r in results if r["engine"] == "local2"), None)
        for r in results:
            mem = r["peak"].get("worker") or max(r["peak"].get("driver", 0),
                                                 r["peak"].get("parser", 0))
            who = "per worker" if "worker" in r["peak"] else "driver"
            ratio = (f"  ({r['started_rate'] / base['started_rate']:.2f}× local --jobs 2)"
                     if base and r is not base else "")
            print(f"{r['engine']:7} {r['documents']:5}  {r['rate']:6.2f} doc/s  "
                  f"{r['started_rate']:6.2f} doc/s   {r['first_part_s']:6.1f} s    "
                  f"{r['ray_start_s']:5.1f} s  {r['finishing_s']:5.1f} s  "
                  f"{mem / 2**20:5.0f} MB {who}{ratio}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
