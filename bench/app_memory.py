"""The app server's memory under concurrent sessions, with its baseline in the same run.

    .venv/bin/python bench/app_memory.py                  # 20 sessions, shipped data
    .venv/bin/python bench/app_memory.py --sessions 20 --idle 45 --size 1000

A real `explorer app` server and Debian's chromium. Printed, the server's resident
memory (RSS): started, before any session (the baseline); after one session has
drawn the graph; after one session has also opened Add article (the language
model loads once per server); with N sessions open at once, each on a view of its
own and on four pages (Graph, Actors, Dyads and triangles, Relations, Add
article); after they close and IDLE seconds pass (a closed tab's session is
dropped after `server.disconnectedSessionTTL`, 30 s here); and what each further
session costs: (N open − one session) / (N − 1).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from memory import ARGS, CHROMIUM, children, data_file, free_port, rss_mb, wait_healthy

TOUR = ("Actors", "Dyads and triangles", "Relations", "Add article")


def _open(browser, base: str, n: int):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    query = f"?min_confidence={round(0.05 * (n % 19), 2)}&project={n % 2}"
    page.goto(base + "/" + query)
    page.wait_for_function("() => Boolean(globalThis.__explorer && globalThis.__explorer.drawn"
                           " && globalThis.__explorer.drawn.graph)", timeout=180_000)
    return page


def _visit(page, name: str) -> None:
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)


def measure(size: int | None, count: int, idle: float) -> list[tuple[str, float]]:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp())
    path = data_file(size, folder)
    port = free_port()
    import explorer

    code = Path(explorer.__file__).parent.parent
    process = subprocess.Popen([sys.executable, "-m", "explorer.cli", "app", "--data",
                                str(path), "--port", str(port)], cwd=code,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    figures: list[tuple[str, float]] = []
    try:
        wait_healthy(base)
        server = next(iter(children(process.pid)), process.pid)
        time.sleep(2)
        figures.append(("started, no session (baseline)", rss_mb(server)))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pages = [_open(browser, base, 0)]
            figures.append(("one session, graph drawn", rss_mb(server)))
            for name in TOUR:
                _visit(pages[0], name)
            figures.append(("one session, every page (model loaded)", rss_mb(server)))
            for n in range(1, count):
                page = _open(browser, base, n)
                for name in TOUR:
                    _visit(page, name)
                pages.append(page)
            figures.append((f"{count} sessions open", rss_mb(server)))
            for page in pages:
                page.close()
            browser.close()
        time.sleep(idle)
        figures.append((f"all closed, {idle:.0f} s idle", rss_mb(server)))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=None,
                        help="synthetic relations (default: data/relations.yaml)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--idle", type=float, default=45)
    args = parser.parse_args()
    what = f"{args.size:,} synthetic relations" if args.size else "data/relations.yaml"
    print(f"bench/app_memory.py on {what}, {args.sessions} sessions (load average "
          f"{os.getloadavg()[0]:.1f}; code from "
          f"{Path(__import__('explorer').__file__).parent.parent})")
    figures = measure(args.size, args.sessions, args.idle)
    for label, value in figures:
        print(f"  {label:42s} {value:7.1f} MB")
    one = dict(figures)["one session, every page (model loaded)"]
    many = dict(figures)[f"{args.sessions} sessions open"]
    if args.sessions > 1:
        print(f"  per further session: {(many - one) / (args.sessions - 1):.1f} MB")


if __name__ == "__main__":
    main()
