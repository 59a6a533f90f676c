"""Read path benchmark: full load + validate against a bare PyYAML CSafeLoader parse.

    .venv/bin/python bench/load.py [--sizes 1000 10000 100000] [--repeat 3]

For each synthetic file (1k, 10k, 100k relations; bench/synthetic.py) it prints, each measured in a
fresh process: a bare `yaml.load(text, CSafeLoader)` (the baseline), our full
`store.load` (parse + validate + Dataset), the parse step alone, their ratio,
and the peak resident memory of each process. Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SYNTHETIC = Path(__file__).resolve().parent / "synthetic.py"

# each measurement reads the file itself (the time includes reading it)
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
path, what = Path(sys.argv[1]), sys.argv[2]
import yaml
from explorer import store, parse
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if what == "csafeloader":
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
elif what == "parse":
    data = parse.parse_fast(path.read_text(encoding="utf-8"))
elif what == "load":
    data = store.load(path)
elif what == "nothing":  # the interpreter and the imports alone
    data = None
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": peak / 1024, "base_mb": before / 1024}))
"""


def generate(path: Path, relations: int) -> Path:
    """Write the synthetic file in another process: a child process starts with its
    parent's peak memory (Linux keeps ru_maxrss across fork and exec), so this one
    must stay small for the peaks measured below to be the children's own."""
    subprocess.run([sys.executable, str(SYNTHETIC), str(relations), str(path)], check=True,
                   capture_output=True)
    return path


def measure(path: Path, what: str, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), what], check=True,
                              capture_output=True, text=True)
        runs.append(json.loads(done.stdout))
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs),
            "base_mb": min(r["base_mb"] for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per measurement (1 at 100k and above)")
    args = parser.parse_args()
    print(f"{'relations':>10} {'MB':>6} | {'CSafeLoader':>11} {'peak':>7} | {'parse':>7} | "
          f"{'load+validate':>13} {'peak':>7} | {'speed-up':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = generate(Path(folder) / f"synthetic-{size}.yaml", size)
            repeat = 1 if size >= 100_000 else args.repeat
            base = measure(path, "csafeloader", repeat)
            parse = measure(path, "parse", repeat)
            full = measure(path, "load", repeat)
            megabytes = path.stat().st_size / 2**20
            print(f"{size:>10,} {megabytes:>6.1f} | {base['seconds']:>10.2f}s "
                  f"{base['peak_mb']:>5.0f}MB | {parse['seconds']:>6.2f}s | "
                  f"{full['seconds']:>12.2f}s {full['peak_mb']:>5.0f}MB | "
                  f"{base['seconds'] / full['seconds']:>7.1f}×", flush=True)
        baseline = measure(path, "nothing", 1)
    print(f"(peak = the measuring process's maximum resident memory; the interpreter and "
          f"imports alone take {baseline['peak_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
