"""The review pages' speed on synthetic data of 1k and 10k relations (AppTest).

    .venv/bin/python bench/app_review.py            # 1000 10000
    .venv/bin/python bench/app_review.py 1000

Review queue: the first run on a fresh file (read, validate, list), a rerun, and
one Accept click until the page is shown again (write + rerun), median of 5. The
app hands the write's verified Dataset to its cache (`data.remember`); the
baseline, in the same run, is the same clicks with that hand-over switched off,
so that the rerun parses the new file. Add article: "Extract relations" on a
short article, first (the language model loads once per process; the actor index
once per version of the file) and again.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import write_synthetic

import explorer.app.serve  # noqa: F401  (as `explorer app` does: the parser in the main thread)

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "explorer" / "app" / "main.py"
CLICKS = 5
ARTICLE = ("Trade and pressure\n\nThe two governments agreed to expand grain exports, "
           "officials said on Monday. Their ministers met in the capital.\n") * 3


def _run(at) -> float:
    t = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t
    if at.exception or at.error:
        raise RuntimeError([e.value for e in [*at.exception, *at.error]])
    return elapsed


def _accepts(at, clicks: int) -> list[float]:
    keys = [b.key for b in at.button
            if b.key and b.key.startswith("q_") and b.key.endswith("_accept")][:clicks]
    times = []
    for key in keys:
        at.button(key=key).click()
        times.append(_run(at))
    return times


def measure(path: Path) -> dict:
    from streamlit.testing.v1 import AppTest

    from explorer import store
    from explorer.app import data

    os.environ["EXPLORER_DATA"] = str(path)
    t = time.perf_counter()
    store.load(path)
    load = time.perf_counter() - t
    at = AppTest.from_file(str(MAIN), default_timeout=600)
    at.switch_page("views/review_queue.py")
    first = _run(at)
    rerun = statistics.median(_run(at) for _ in range(3))
    remembered = _accepts(at, CLICKS)
    kept = data.remember
    data.remember = lambda dataset: None  # baseline: the next run parses the new file
    try:
        parsed = _accepts(at, CLICKS)
    finally:
        data.remember = kept

    add = AppTest.from_file(str(MAIN), default_timeout=600)
    add.switch_page("views/add_article.py")
    _run(add)
    add.text_area(key="aa_text").input(ARTICLE)
    _run(add)
    extracts = []
    for _ in range(2):
        add.button(key="aa_extract").click()
        extracts.append(_run(add))
    return {"load": load, "first": first, "rerun": rerun, "remembered": remembered,
            "parsed": parsed, "extracts": extracts}


def main(sizes: list[int]) -> None:
    folder = Path(tempfile.mkdtemp())
    for n, size in enumerate(sizes):
        path = folder / f"relations-{size}.yaml"
        write_synthetic(path, size)
        r = measure(path)
        with_cache, without = statistics.median(r["remembered"]), statistics.median(r["parsed"])
        print(f"\n== {size:,} relations ({path.stat().st_size / 2**20:.1f} MB) ==")
        print(f"  review queue: first run {r['first']:.3f} s (store.load {r['load']:.3f} s), "
              f"rerun {r['rerun']:.3f} s")
        print(f"  accept click → page shown: {with_cache:.3f} s median of {CLICKS} "
              f"(max {max(r['remembered']):.3f}); with a re-parse instead: {without:.3f} s "
              f"(max {max(r['parsed']):.3f}) = {without / with_cache:.1f}×")
        built = "loads the model, builds" if n == 0 else "builds"
        print(f"  add article: extract {r['extracts'][0]:.3f} s first ({built} the actor "
              f"index), {r['extracts'][1]:.3f} s again")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10_000])
