"""The app's memory over time: 200 edit-and-rerun cycles in one process.

    .venv/bin/python bench/memory.py                 # on data/relations.yaml
    .venv/bin/python bench/memory.py --size 1000 --cycles 200

One process (streamlit.testing AppTest) edits the data file through the
write path (`review.edit`, as a click in the app does), then reruns a page — the
graph, relations, actors, dyads, changes, review queue in turn — so every cycle
reads a new version of the file and computes its views, measures, drawings and
tables again. Printed every 20 cycles: the process's resident memory, how many
Datasets are alive (after a garbage collection) and how many objects are frozen
out of the collector's sight (`gc.freeze`, which also hides them from that
count). Flat memory and a bounded number of live Datasets mean that nothing keeps
old data. The server under many browser sessions is `bench/app_memory.py`; the
server helpers here serve it.

Run it from another checkout (PYTHONPATH=that checkout) for the figures before a change.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGES = ["views/graph.py", "views/relations.py", "views/actors.py", "views/dyads.py",
         "views/changes.py", "views/review_queue.py"]


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process, in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def data_file(size: int | None, folder: Path) -> Path:
    path = folder / "relations.yaml"
    if size:
        from synthetic import write_synthetic

        write_synthetic(path, size)
    else:
        shutil.copyfile(ROOT / "data" / "relations.yaml", path)
    return path


# ------------------------------------------------------------------- cycles
def cycles(size: int | None, count: int) -> list[tuple[int, float, int, int]]:
    """Edit-and-rerun `count` times; every 20 cycles: the cycle, RSS (MB), the Datasets
    the collector can see alive, and the objects frozen out of its sight (gc.freeze)."""
    from streamlit.testing.v1 import AppTest

    import explorer.app.serve  # as `explorer app` does: the parser in the main thread
    from explorer import review, store
    from explorer.model import Dataset

    folder = Path(tempfile.mkdtemp())
    path = data_file(size, folder)
    os.environ["EXPLORER_DATA"] = str(path)
    os.environ.setdefault("EXPLORER_REVIEWER", "bench")
    import explorer

    main = Path(explorer.__file__).parent / "app" / "main.py"  # the code being measured
    at = AppTest.from_file(str(main), default_timeout=600)
    at.run()
    relation = next(r.id for r in store.load(path).relations)
    figures = []
    for cycle in range(count + 1):
        if cycle:
            dataset = store.load(path)
            value = 0.5 if dataset.relation(relation).confidence != 0.5 else 0.55
            review.edit(dataset, relation, {"confidence": value})
            at.switch_page(PAGES[cycle % len(PAGES)])
            at.run()
            if at.exception:
                raise RuntimeError([e.value for e in at.exception])
        if cycle % 20 == 0:
            gc.collect()
            alive = sum(isinstance(o, Dataset) for o in gc.get_objects())
            figures.append((cycle, rss_mb(), alive, gc.get_freeze_count()))
    shutil.rmtree(folder, ignore_errors=True)
    return figures


# ----------------------------------------------------------------- sessions
def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(c) for c in text]
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=None,
                        help="synthetic relations (default: data/relations.yaml)")
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    what = f"{args.size:,} synthetic relations" if args.size else "data/relations.yaml"
    if args.child:
        print(json.dumps(cycles(args.size, args.cycles)))
        return
    print(f"bench/memory.py on {what} (load average {os.getloadavg()[0]:.1f}; "
          f"code from {Path(__import__('explorer').__file__).parent.parent})")
    command = [sys.executable, __file__, "--child", "--cycles", str(args.cycles)]
    if args.size:
        command += ["--size", str(args.size)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = json.loads(out.strip().splitlines()[-1])
    print(f"{args.cycles} edit-and-rerun cycles in one process (AppTest):")
    for cycle, rss, alive, frozen in figures:
        print(f"  cycle {cycle:4d}: {rss:7.1f} MB resident, {alive} Dataset(s) alive, "
              f"{frozen:,} objects frozen")
    first = next(rss for cycle, rss, _, _ in figures if cycle >= 20)
    print(f"  growth from cycle 20 to {figures[-1][0]}: {figures[-1][1] - first:+.1f} MB")


if __name__ == "__main__":
    main()
