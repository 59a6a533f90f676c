"""Running the `explorer` command on hostile input, and what must hold whatever the input.

Each case is a data file (or an article) copied into a fresh folder `case/data/`; the
command writes what it writes into `case/out/`. Whatever the input, the command:
ends with exit code 0, 1 or 2 within the time limit; shows no traceback and no error
it did not expect (the CLI's "run with --debug" catch-all); leaves the data file as it
was (or, for a write, valid); leaves no file in the data folder but the write path's
own (`.NAME.lock`, `.NAME.history/`), and in `out/` only what it said it wrote.

Two ways to run a case: in this process (`run_here`, typer's runner: fast, most cases)
and as a real process (`run_process`: time and memory limits, for a sample, and for
inputs that may exhaust memory).
"""

from __future__ import annotations

import contextlib
import gc
import os
import resource
import shutil
import signal
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from explorer import store

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DATA_CORPUS = sorted((CORPUS / "data").iterdir())
ARTICLE_CORPUS = sorted((CORPUS / "articles").iterdir())
TEST_DATA = HERE.parent / "data"
#: the data file articles are read against (fictional actors the articles name)
ARTICLE_DATA = TEST_DATA / "extract-fictional.yaml"
ARTICLE = "Avaria signed a defence pact with Borduria on 3 May 2024.\n"

#: `make fuzz` sets EXPLORER_FUZZ=long: every corpus case also as a real process, many
#: more generated examples (EXPLORER_FUZZ_EXAMPLES overrides the number).
LONG = os.environ.get("EXPLORER_FUZZ", "quick") == "long"
EXAMPLES = int(os.environ.get("EXPLORER_FUZZ_EXAMPLES", 300 if LONG else 12))

#: per case: generous, so that only a hang or a blow-up trips them
TIME_LIMIT = 180
MEMORY_LIMIT = 1536 * 2**20

# ------------------------------------------------------------------- commands
EXPORTS = {"gexf": "view.gexf", "graphml": "view.graphml", "cytoscape": "view.cyjs",
           "json": "view.json", "csv": "view.zip", "html": "view.html"}

#: what runs on a data file: name → arguments ({data}, {out}, {article} filled in)
DATA_COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{data}"],
    "validate-json": ["validate", "{data}", "--format", "json"],
    "stats-table": ["stats", "--data", "{data}"],
    "stats-json": ["stats", "--data", "{data}", "--format", "json"],
    "stats-csv": ["stats", "--data", "{data}", "--format", "csv"],
    **{f"export-{fmt}": ["export", "--format", fmt, "--data", "{data}", "-o", f"{{out}}/{name}"]
       for fmt, name in EXPORTS.items()},
    "review-list": ["review", "list", "--data", "{data}"],
    "review-list-json": ["review", "list", "--data", "{data}", "--format", "json"],
    "history": ["history", "--data", "{data}"],
    "events-summary": ["events", "summary", "--data", "{data}", "--format", "json"],
    "extract": ["extract", "--data", "{data}", "--format", "json", "{article}"],
}

#: what runs on an article (against ARTICLE_DATA)
ARTICLE_COMMANDS: dict[str, list[str]] = {
    "extract-table": ["extract", "--data", "{data}", "{article}"],
    "extract-json": ["extract", "--data", "{data}", "--format", "json", "{article}"],
    "extract-yaml": ["extract", "--data", "{data}", "--format", "yaml", "{article}"],
    "extract-write": ["extract", "--data", "{data}", "--write", "{article}"],
}

WRITES = {"extract-write"}


@dataclass
class Case:
    """One input in its own folder: `data/` holds the data file, `in/` the article."""

    root: Path
    data: Path
    article: Path
    before: bytes = b""
    listing: set[str] = field(default_factory=set)

    @property
    def out(self) -> Path:
        return self.root / "out"

    def args(self, template: list[str]) -> list[str]:
        return [a.format(data=self.data, out=self.out, article=self.article) for a in template]


def make_case(root: Path, *, data: bytes | None = None, data_name: str = "relations.yaml",
              article: bytes | None = None, article_name: str = "article.txt") -> Case:
    """A fresh folder for one run: the data file (default: the articles' data file) and
    an article (default: one plain sentence)."""
    if root.exists():
        shutil.rmtree(root)
    for sub in ("data", "in", "out"):
        (root / sub).mkdir(parents=True)
    path = root / "data" / data_name
    path.write_bytes(ARTICLE_DATA.read_bytes() if data is None else data)
    text = root / "in" / article_name
    text.write_bytes(ARTICLE.encode() if article is None else article)
    case = Case(root, path, text)
    case.before = path.read_bytes()
    case.listing = _listing(path.parent)
    return case


def _listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# ------------------------------------------------------------------- running
@dataclass
class Outcome:
    command: list[str]
    code: int | None
    stdout: str
    stderr: str
    hung: bool = False

    def __str__(self) -> str:
        shown = " ".join(self.command)
        return (f"`explorer {shown}` → exit {self.code}{' (hung: killed)' if self.hung else ''}"
                f"\n--- stdout (end)\n{self.stdout[-1500:]}\n--- stderr (end)\n"
                f"{self.stderr[-3000:]}")


class Hang(BaseException):
    """A case ran past its time limit (not an Exception: the CLI's catch-all lets it by)."""


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def expire(signum, frame):
        raise Hang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_here(args: list[str], time_limit: int = TIME_LIMIT) -> Outcome:
    """The command in this process (typer's runner), with a time limit."""
    from typer.testing import CliRunner

    from explorer.cli import app

    try:
        with _time_limit(time_limit):
            result = CliRunner().invoke(app, args)
    except Hang:
        return Outcome(args, None, "", "", hung=True)
    finally:
        gc.unfreeze()  # the commands freeze what they loaded, for their process's life
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return Outcome(args, result.exit_code, result.stdout, stderr)


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_process(args: list[str], time_limit: int = TIME_LIMIT) -> Outcome:
    """The command as a real process, with a time limit and an address-space limit."""
    process = subprocess.Popen([sys.executable, "-m", "explorer.cli", *args],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, preexec_fn=_limits,
                               start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=time_limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return Outcome(args, None, stdout.decode(errors="replace"),
                       stderr.decode(errors="replace"), hung=True)
    return Outcome(args, process.returncode, stdout.decode(errors="replace"),
                   stderr.decode(errors="replace"))


# ------------------------------------------------------------------- checking
def broken(outcome: Outcome, case: Case, *, writes: bool = False,
           outputs: tuple[str, ...] = ()) -> list[str]:
    """What did not hold of everything that must hold after any command on any input
    (empty when all held), each with the outcome."""
    if outcome.hung:
        return [f"no answer within {TIME_LIMIT} s: {outcome}"]
    found = []
    if outcome.code not in (0, 1, 2):
        found.append(f"exit code {outcome.code}: {outcome}")
    if any("Traceback" in stream for stream in (outcome.stdout, outcome.stderr)):
        found.append(f"a traceback: {outcome}")
    if "run with --debug for details" in outcome.stderr:
        found.append(f"an error the code did not expect: {outcome}")
    now = case.data.read_bytes()
    if writes:
        if now != case.before:
            report = store.check(case.data)
            if not report.ok:
                found.append(f"the write left an invalid data file: "
                             f"{[p.format() for p in report.errors][:5]}; {outcome}")
    elif now != case.before:
        found.append(f"a read-only command changed the data file: {outcome}")
    left = _listing(case.data.parent) - case.listing
    if writes:
        own = f".{case.data.name}."
        left = {p for p in left if not (p == own + "lock" or p.startswith(own + "history"))}
    if left:
        found.append(f"files left beside the data file: {sorted(left)}; {outcome}")
    stray = {p for p in _listing(case.out) if p not in outputs}
    if stray:
        found.append(f"unexpected files in the output folder: {sorted(stray)}; {outcome}")
    return found


def outputs_of(command: str, code: int | None) -> tuple[str, ...]:
    """The files a command may leave in `out/` (an export that succeeded)."""
    if not command.startswith("export-") or code != 0:
        return ()
    return (EXPORTS[command.removeprefix("export-")],)
