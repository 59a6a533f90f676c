"""The app's memory over time: 200 edit-and-rerun cycles, and 20 browser sessions.

    .venv/bin/python bench/memory.py                 # both, on data/relations.yaml
    .venv/bin/python bench/memory.py cycles --size 1000 --cycles 200
    .venv/bin/python bench/memory.py sessions --sessions 20 --idle 45

cycles: one process (streamlit.testing AppTest) edits the data file through the
write path (`review.edit`, as a click in the app does), then reruns a page — the
graph, relations, actors, dyads, changes, review queue in turn — so every cycle
reads a new version of the file and computes its views, measures, drawings and
tables again. Printed every 20 cycles: the process's resident memory, how many
Datasets are alive (after a garbage collection) and how many objects are frozen
out of the collector's sight (`gc.freeze`, which also hides them from that
count). Flat memory and a bounded number of live Datasets mean that nothing keeps
old data.

sessions: a real `explorer app` server and Debian's chromium; the sessions are opened
one after the other and stay open, each on the graph with its own filters, then on
three more pages; then all close. Printed: the server's resident memory after the
first page, with all sessions open, and after the given idle time.

Run it from another checkout (PYTHONPATH=that checkout) for the figures before a change.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import signal
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


def sessions(size: int | None, count: int, idle: float) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp())
    path = data_file(size, folder)
    port = free_port()
    import explorer

    code = Path(explorer.__file__).parent.parent  # the checkout being measured
    process = subprocess.Popen([sys.executable, "-m", "explorer.cli", "app", "--data",
                                str(path), "--port", str(port)], cwd=code,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    result: dict[str, float] = {}
    try:
        wait_healthy(base)
        server = next(iter(children(process.pid)), process.pid)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pages = []
            for n in range(count):  # all open at once, each on a view of its own
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                query = f"?min_confidence={round(0.05 * (n % 19), 2)}&project={n % 2}"
                page.goto(base + "/" + query)
                page.wait_for_function(
                    "() => Boolean(globalThis.__explorer && globalThis.__explorer.drawn"
                    " && globalThis.__explorer.drawn.graph)", timeout=120_000)
                if n == 0:
                    result["after the first page"] = rss_mb(server)
                for name in ("Actors", "Dyads and triangles", "Relations"):
                    page.get_by_role("link", name=name).first.click()
                    page.wait_for_load_state("networkidle")
                    time.sleep(0.3)
                pages.append(page)
            result[f"{count} sessions open"] = rss_mb(server)
            for page in pages:
                page.close()
            browser.close()
        time.sleep(idle)
        result[f"after {idle:.0f} s idle"] = rss_mb(server)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", choices=["cycles", "sessions", "both"],
                        default="both")
    parser.add_argument("--size", type=int, default=None,
                        help="synthetic relations (default: data/relations.yaml)")
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--idle", type=float, default=45)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    what = f"{args.size:,} synthetic relations" if args.size else "data/relations.yaml"
    if args.child:
        print(json.dumps(cycles(args.size, args.cycles)))
        return
    print(f"bench/memory.py on {what} (load average {os.getloadavg()[0]:.1f}; "
          f"code from {Path(__import__('explorer').__file__).parent.parent})")
    if args.what in ("cycles", "both"):
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
    if args.what in ("sessions", "both"):
        result = sessions(args.size, args.sessions, args.idle)
        print(f"{args.sessions} browser sessions against a real server (its resident memory):")
        for label, value in result.items():
            print(f"  {label:24s} {value:7.1f} MB")


if __name__ == "__main__":
    main()
