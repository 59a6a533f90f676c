"""Read path benchmark: validating and loading the data file, against a bare PyYAML
`CSafeLoader` parse and `json.loads` of the same data, measured in the same run.

    .venv/bin/python bench/load.py [--sizes 10000 30000 100000] [--repeat 3]
    .venv/bin/python bench/load.py --code /tmp/old     # the same, for another checkout

For each synthetic file (bench/synthetic.py) it writes three variants: clean, with
one unknown actor id in its last relation (a typo), and with a problem in every
relation (confidence 1.5). Each figure comes from a fresh process, which reports
its own time and its own peak resident memory (`resource.getrusage`):

- baselines: `yaml.load(text, CSafeLoader)` and `json.loads` of the same data (as
  JSON), each reading the file itself;
- `store.check` (what `explorer validate` runs) on the clean file and on the typo,
  and `store.load` (the Dataset) on the clean file;
- whole commands, imports included: `explorer validate`, `explorer validate
  --format json` on the file with a problem in every relation, and `explorer stats
  --format json` (output to /dev/null).

Wall-clock seconds and, on a second line, CPU seconds (`time.process_time`), which
move less with the machine's load; medians of --repeat runs (one run at 100k and
above). `--code DIR` measures the
`explorer` package in DIR (for example `git archive` of an earlier commit) instead
of the installed one, so that before and after come from the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SYNTHETIC = Path(__file__).resolve().parent / "synthetic.py"

# Put --code (if any) first on the path, ahead of the installed (editable) package.
PRELUDE = r"""
import sys, os
code = os.environ.get("BENCH_CODE")
if code:
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__name__.lower()
                        and "editable" not in getattr(f, "__module__", "")]
    sys.path.insert(0, code)
"""

CHILD = PRELUDE + r"""
import json, resource, time
from pathlib import Path
path, what = Path(sys.argv[1]), sys.argv[2]
if what == "csafeloader":
    import yaml
elif what == "json":
    pass
else:
    from explorer import store
start, cpu = time.perf_counter(), time.process_time()
if what == "csafeloader":
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
elif what == "json":
    data = json.loads(path.read_text(encoding="utf-8"))
elif what == "check":
    data = store.check(path)
    assert data.problems or data.dataset is not None
elif what == "load":
    data = store.load(path)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mb": peak / 1024}))
"""

# a whole command, imports included; its output goes to /dev/null
COMMAND = PRELUDE + r"""
import json, resource, time, contextlib
start, cpu = time.perf_counter(), time.process_time()
from explorer.cli import app
code = 0
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
    try:
        app(sys.argv[1:], standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:  # typer.Exit in standalone_mode=False comes back as a code
        code = getattr(exc, "exit_code", 1)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mb": peak / 1024}),
      file=sys.__stdout__)
"""

WRITE_VARIANTS = r"""
import json, sys
import yaml_rs
from pathlib import Path
clean = Path(sys.argv[1])
text = clean.read_text(encoding="utf-8")
cut = text.rindex("    target: ")
Path(sys.argv[2]).write_text(text[:cut] + "    target: XQZ" + text[text.index("\n", cut):],
                             encoding="utf-8")
Path(sys.argv[3]).write_text(text.replace("    confidence: ", "    confidence: 1.5 #"),
                             encoding="utf-8")
Path(sys.argv[4]).write_text(json.dumps(yaml_rs.loads(text), default=str), encoding="utf-8")
"""


def run(script: str, args: list[str], code: str | None) -> dict:
    env = {**os.environ, "BENCH_CODE": code or ""}
    done = subprocess.run([sys.executable, "-c", script, *args], check=True,
                          capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(script: str, args: list[str], repeat: int, code: str | None) -> dict:
    runs = [run(script, args, code) for _ in range(repeat)]
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs),
            "peak_mb": max(r["peak_mb"] for r in runs)}


def generate(folder: Path, relations: int) -> dict[str, Path]:
    """The four files, each written by another process: a child process starts with
    its parent's peak memory (Linux keeps ru_maxrss across fork and exec), so this
    one must stay small for the peaks measured below to be the children's own."""
    paths = {name: folder / f"{name}-{relations}.{'json' if name == 'json' else 'yaml'}"
             for name in ("clean", "typo", "every", "json")}
    subprocess.run([sys.executable, str(SYNTHETIC), str(relations), str(paths["clean"])],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", WRITE_VARIANTS, str(paths["clean"]),
                    str(paths["typo"]), str(paths["every"]), str(paths["json"])], check=True)
    return paths


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per measurement (1 at 100k and above)")
    parser.add_argument("--code", help="folder holding the `explorer` package to measure")
    parser.add_argument("--no-commands", action="store_true",
                        help="skip the whole-command figures")
    args = parser.parse_args()
    code = str(Path(args.code).resolve()) if args.code else None
    print(f"code: {code or 'installed'}; load average at start: {load_average()}")
    print(f"{'relations':>9} {'MB':>5} | {'CSafeLoader':>16} | {'json.loads':>15} | "
          f"{'check clean':>16} | {'check typo':>16} | {'load':>16} | "
          f"{'typo/clean':>10} | {'clean/CSafe':>11} | {'typo/CSafe':>10}")
    commands = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            paths = generate(Path(folder), size)
            repeat = 1 if size >= 100_000 else args.repeat
            got = {name: measure(CHILD, [str(paths[file]), what], repeat, code)
                   for name, file, what in (("csafe", "clean", "csafeloader"),
                                            ("json", "json", "json"),
                                            ("clean", "clean", "check"),
                                            ("typo", "typo", "check"),
                                            ("load", "clean", "load"))}
            megabytes = paths["clean"].stat().st_size / 2**20

            def cell(name: str, got: dict = got) -> str:
                return f"{got[name]['seconds']:>7.2f}s {got[name]['peak_mb']:>5.0f}MB"

            print(f"{size:>9,} {megabytes:>5.1f} | {cell('csafe'):>16} | "
                  f"{cell('json')[:-1]:>15}B | {cell('clean'):>16} | {cell('typo'):>16} | "
                  f"{cell('load'):>16} | "
                  f"{got['typo']['seconds'] / got['clean']['seconds']:>9.2f}× | "
                  f"{got['clean']['seconds'] / got['csafe']['seconds']:>11.3f} | "
                  f"{got['typo']['seconds'] / got['csafe']['seconds']:>10.3f}", flush=True)
            print(f"{'CPU s':>15} | {got['csafe']['cpu']:>8.2f}s{'':7} | "
                  f"{got['json']['cpu']:>7.2f}s{'':7} | {got['clean']['cpu']:>8.2f}s{'':7} | "
                  f"{got['typo']['cpu']:>8.2f}s{'':7} | {got['load']['cpu']:>8.2f}s{'':7} | "
                  f"{got['typo']['cpu'] / got['clean']['cpu']:>9.2f}× | "
                  f"{got['clean']['cpu'] / got['csafe']['cpu']:>11.3f} | "
                  f"{got['typo']['cpu'] / got['csafe']['cpu']:>10.3f}", flush=True)
            if not args.no_commands and size == max(args.sizes):
                for label, argv in (
                        ("explorer validate (clean)", ["validate", str(paths["clean"])]),
                        ("explorer validate (typo)", ["validate", str(paths["typo"])]),
                        (f"explorer validate --format json ({size:,} problems)",
                         ["validate", str(paths["every"]), "--format", "json"]),
                        ("explorer stats --format json",
                         ["stats", "--data", str(paths["clean"]), "--format", "json"])):
                    commands.append((size, label, measure(COMMAND, argv, 1, code)))
    for size, label, got in commands:
        print(f"{size:,} relations, whole command, imports included: {label}: "
              f"{got['seconds']:.2f}s (CPU {got['cpu']:.2f}s), peak {got['peak_mb']:.0f}MB",
              flush=True)
    print(f"(peaks: each process's own maximum resident memory; load average at end: "
          f"{load_average()})")


if __name__ == "__main__":
    main()
