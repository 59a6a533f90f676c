"""The `explorer` command: a thin edge over the modules.

Deep code raises domain errors (`DataFileError`, `UsageError`); only this
module turns them into messages on stderr and exit codes: 0 ok, 1 invalid
data or a failed step, 2 usage. Tracebacks appear only with `--debug`.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from explorer import store, terminal
from explorer.problems import DataFileError, Problem, Refusal

app = typer.Typer(
    name="explorer",
    help="Geopolitical relationship graph explorer: curated, sourced relations between "
    "states, leaders and organisations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = terminal.console(stderr=True)
out = terminal.console()
_state = {"debug": False}


class UsageError(Exception):
    """A command was called in a way that cannot work (exit code 2)."""


DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Data file \\[default: $EXPLORER_DATA or data/relations.yaml]",
                 show_default=False, dir_okay=True),
]


class Format(StrEnum):
    table = "table"
    json = "json"


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        err.print(problem.format(), style=style, markup=False)


def edge(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn domain errors into messages and exit codes (tracebacks only with --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except DataFileError as exc:
            if _state["debug"]:
                raise
            print_problems(exc.problems)
            raise typer.Exit(1) from None
        except UsageError as exc:
            if _state["debug"]:
                raise
            err.print(f"error: {exc}", style="red", markup=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except Exception as exc:
            if _state["debug"]:
                raise
            err.print(f"error: {type(exc).__name__}: {exc} (run with --debug for details)",
                      style="red", markup=False)
            raise typer.Exit(1) from None

    return wrapper


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    _state["debug"] = debug


# ----------------------------------------------------------------- validate
@app.command()
@edge
def validate(
    path: Annotated[Path | None, typer.Argument(
        help="Data file \\[default: $EXPLORER_DATA or data/relations.yaml]",
        show_default=False)] = None,
    data: DataOption = None,
    format: Annotated[Format, typer.Option("--format", help="table or json")] = Format.table,
) -> None:
    """Check a data file; list every problem at once as PATH:LINE:COLUMN: message."""
    target = store.data_path(path or data)
    report = store.check(target)
    if format is Format.json:
        write_json_list(p.as_dict() for p in report.problems)
        if report.note:
            err.print(report.note, markup=False)
    else:
        print_problems(report.problems)
        if report.ok and report.dataset is not None:
            d = report.dataset
            warn = f", {len(report.warnings)} warning(s)" if report.warnings else ""
            out.print(f"{target}: valid — {len(d.actors)} actors, {len(d.sources)} sources, "
                      f"{len(d.relations)} relations{warn}", markup=False)
        else:
            err.print(f"{target}: {len(report.errors)} error(s), {len(report.warnings)} "
                      "warning(s)", markup=False)
        if report.note:
            err.print(report.note, markup=False)
    raise typer.Exit(0 if report.ok else 1)


def write_json_list(items: Iterable[dict]) -> None:
    """A JSON list on stdout, one item per line, each written as soon as it is encoded
    (orjson: ten times the standard encoder's speed)."""
    write = sys.stdout.buffer.write
    first = True
    for item in items:
        write((b"[\n" if first else b",\n") + orjson.dumps(item))
        first = False
    write(b"[]\n" if first else b"\n]\n")
    sys.stdout.buffer.flush()


# ------------------------------------------------------------------- schema
@app.command()
@edge
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to this file")] = None,
) -> None:
    """Print the JSON Schema of the data file (for editor completion and checks)."""
    from explorer.schema import schema_json

    text = schema_json()
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


# ---------------------------------------------------------------------- app
@app.command("app")
@edge
def run_app(
    data: DataOption = None,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1")] = 8501,
) -> None:
    """Start the web app on http://127.0.0.1:PORT (localhost only, no telemetry)."""
    target = store.data_path(data).resolve()
    if target.is_dir() or not target.exists():
        raise UsageError(f"{target} is not a data file (pass --data PATH)")
    env = {**os.environ, "EXPLORER_DATA": str(target)}
    command = [sys.executable, "-m", "explorer.app.serve", "--port", str(port)]
    err.print(f"explorer: serving {target} on http://127.0.0.1:{port}", markup=False)
    sys.stdout.flush()
    sys.stderr.flush()
    # this process becomes the server: Ctrl-C and `kill PID` reach it, no child is left
    os.execve(sys.executable, command, env)


# ---------------------------------------------------- stats, export (graph)
class GraphFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class StatsTable(StrEnum):
    actors = "actors"
    dyads = "dyads"
    triangles = "triangles"
    corroboration = "corroboration"
    robustness = "robustness"
    change = "change"
    change_measures = "change_measures"


class ExportFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"
    cytoscape = "cytoscape"
    json = "json"
    csv = "csv"
    html = "html"


class ChangeMode(StrEnum):
    in_force = "in-force"
    known_on = "known-on"


_Many = list[str] | None
#: The view filters shared by `stats` and `export`: option name → (ViewParams field,
#: type, help). One definition; `with_filters` adds them to a command.
FILTERS: dict[str, tuple[str, Any, str]] = {
    "type": ("types", _Many, "Relation types to keep (repeat or comma-separate)"),
    "polarity": ("polarity", _Many, "positive, negative, neutral"),
    "status": ("statuses", _Many, "curated, extracted, rejected (default: curated and extracted)"),
    "min-confidence": ("min_confidence", float | None, "Minimum confidence, 0–1"),
    "modality": ("modalities", _Many, "asserted, hedged, negated"),
    "min-reliability": ("min_reliability", str | None,
                        "Evidence from sources graded at least this (A best … F)"),
    "max-credibility": ("max_credibility", int | None,
                        "Evidence with credibility at most this (1 confirmed … 6)"),
    "as-of": ("as_of", str | None, "Relations in force on this date (YYYY-MM-DD)"),
    "from": ("date_from", str | None, "Relations in force at some point from this date"),
    "to": ("date_to", str | None, "… up to this date"),
    "known-on": ("known_on", str | None, "Only evidence published by this date"),
    "source": ("sources", _Many, "Only evidence from these source ids"),
    "min-sources": ("min_sources", int | None, "At least this many independent sources"),
    "kind": ("actor_kinds", _Many, "Actor kinds: state, person, organisation, "
             "international_body, group"),
    "focus": ("focus", str | None, "Actor id: keep its neighbourhood only"),
    "hops": ("hops", int | None, "Steps from the focus actor (default: 1)"),
}


def with_filters(*, project_default: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add the shared filter options (and --project/--no-project) to a command, and
    hand it a ViewParams as `params`; bad values become usage errors (exit 2)."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        import inspect

        signature = inspect.signature(func, eval_str=True)
        extra = [inspect.Parameter(
            "filter_" + option.replace("-", "_"), inspect.Parameter.KEYWORD_ONLY, default=None,
            annotation=Annotated[kind, typer.Option(f"--{option}", help=text,
                                                    show_default=False,
                                                    rich_help_panel="View filters")])
            for option, (_, kind, text) in FILTERS.items()]
        extra.append(inspect.Parameter(
            "project", inspect.Parameter.KEYWORD_ONLY, default=project_default,
            annotation=Annotated[bool, typer.Option(
                "--project/--no-project", rich_help_panel="View filters",
                help="Fold persons into the states they represent")]))
        kept = [p for p in signature.parameters.values() if p.name != "params"]

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values: dict[str, Any] = {"project": kwargs.pop("project")}
            for option, (name, _, _) in FILTERS.items():
                value = kwargs.pop("filter_" + option.replace("-", "_"))
                if value is not None:
                    values[name] = ",".join(value) if isinstance(value, list) else value
            from explorer.graph import FilterError, ViewParams

            try:
                params = ViewParams(**values)
            except FilterError as exc:
                raise UsageError(_option_message(exc)) from None
            return func(*args, params=params, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=kept + extra)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in kept + extra}
        return wrapper

    return decorate


def _option_message(exc: Any) -> str:
    """A filter's or an option's refusal, named as the command line spells it."""
    if "what" not in exc.fields:
        return str(exc)
    name = exc.fields.get("field") or exc.fields.get("option")
    option = next((o for o, (field_name, _, _) in FILTERS.items() if field_name == name), name)
    return f"--{option.replace('_', '-')}: {exc.fields['what']}"


def _view(data: Path | None, params: Any) -> Any:
    import gc

    from explorer.graph import FilterError, make_view

    dataset = store.load(data)
    gc.freeze()  # the data lives as long as the command: spare the collector walking it
    try:
        return make_view(dataset, params)
    except FilterError as exc:
        raise UsageError(_option_message(exc)) from None


@app.command()
@edge
@with_filters(project_default=True)
def stats(
    data: DataOption = None,
    format: Annotated[GraphFormat, typer.Option("--format", help="table, json or csv")
                      ] = GraphFormat.table,
    compare: Annotated[str | None, typer.Option(
        "--compare", help="Actor ids to compare, comma-separated \\[default: the most "
        "connected triangle]", show_default=False)] = None,
    top: Annotated[int, typer.Option("--top", help="Rows per table (table format)")] = 15,
    measure: Annotated[str, typer.Option("--measure", help="Measure ranked at each "
                                         "reliability grade")] = "betweenness",
    change: Annotated[tuple[str, str] | None, typer.Option(
        "--change", help="Two dates A B: relations started/ended/changed between them",
        show_default=False)] = None,
    change_mode: Annotated[ChangeMode, typer.Option(
        "--change-mode", help="in-force (relation dates) or known-on (evidence dates)")
    ] = ChangeMode.in_force,
    table: Annotated[StatsTable, typer.Option("--table", help="Table printed by "
                                              "--format csv")] = StatsTable.actors,
    robust: Annotated[bool | None, typer.Option(
        "--robustness/--no-robustness", help="Rank --measure at each reliability grade "
        "A…F \\[default: on for views of up to 500 actors]", show_default=False)] = None,
    *,
    params: Any,  # a ViewParams, made by with_filters
) -> None:
    """Actor measures, dyads, triangles and robustness of a view of the data.

    By default persons are folded into the states they represent (--no-project keeps
    them apart): who holds power is a question about states, and a leader's summit
    or praise is their state's act.
    """
    from explorer.analysis.report import AnalysisReport
    from explorer.graph import FilterError, parse_date

    view = _view(data, params)
    dates = None
    if change:
        try:
            dates = (parse_date(change[0], "change"), parse_date(change[1], "change"))
        except FilterError as exc:
            raise UsageError(_option_message(exc)) from None
    actors = tuple(a.strip() for a in compare.split(",") if a.strip()) if compare else None
    try:
        report = AnalysisReport.make(view, compare=actors, measure=measure, change=dates,
                                     change_mode=change_mode.value.replace("-", "_"),
                                     robust=robust)
    except Refusal as exc:
        raise UsageError(_option_message(exc)) from None
    if format is GraphFormat.json:
        report.write_json(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    elif format is GraphFormat.csv:
        try:
            frame = report.table(table.value)
        except Refusal as exc:
            raise UsageError(_option_message(exc)) from None
        from explorer.spreadsheet import to_csv

        sys.stdout.write(to_csv(frame))
    else:
        report.print(out, top=top)


@app.command()
@edge
@with_filters(project_default=True)
def export(
    format: Annotated[ExportFormat, typer.Option(
        "--format", help="gexf (Gephi), graphml (yEd), cytoscape (Cytoscape.js JSON), json "
        "(networkx), csv (Kumu's two sheets) or html")],
    data: DataOption = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write; for csv a .zip, or a name from which "
        "NAME-elements.csv and NAME-connections.csv are made \\[default: stdout]",
        show_default=False)] = None,
    *,
    params: Any,  # a ViewParams, made by with_filters
) -> None:
    """Write a view of the data for Gephi, yEd, Cytoscape, Kumu, spreadsheets or a briefing.

    Persons are folded into the states they represent, as in `stats` and the app
    (--no-project keeps them apart).
    """
    from explorer import export as exporter

    view = _view(data, params)
    if output is None:
        if format is ExportFormat.csv:
            raise UsageError("--format csv writes two sheets: give --output NAME.zip or "
                             "--output NAME (for NAME-elements.csv and NAME-connections.csv)")
        sys.stdout.buffer.write(exporter.render_bytes(view, format.value))
        sys.stdout.flush()
        return
    if output.is_dir():
        raise UsageError(f"--output: {output} is a folder; give a file name")
    for path in exporter.write(view, format.value, output):
        err.print(f"wrote {path} ({len(view.graph)} actors, "
                  f"{view.graph.number_of_edges()} relations)", markup=False)




# -------------------------------------------------- extract, evaluate (text)
class Engine(StrEnum):
    local = "local"
    ray = "ray"


class ExtractFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


@app.command()
@edge
def extract(
    paths: Annotated[list[Path], typer.Argument(
        help="Article files (.txt, .md, .html) or folders of them; with --out also quoted "
        "glob patterns and JSONL/CSV manifests", show_default=False)],
    data: DataOption = None,
    source_id: Annotated[str | None, typer.Option(
        "--source-id", help="Source id the evidence cites \\[default: from the file]")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Source title")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Publisher")] = None,
    published: Annotated[str | None, typer.Option("--published",
                                                  help="Publication date YYYY-MM-DD")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Source URL")] = None,
    format: Annotated[ExtractFormat, typer.Option(
        "--format", help="table, json or yaml")] = ExtractFormat.table,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", min=1, help="Parser processes; with --engine ray, Ray workers \\[default: 1; "
        "with --engine ray every core here, or the cluster's]", show_default=False)] = None,
    write: Annotated[bool, typer.Option(
        "--write", help="File the candidates in the data file for review (status extracted); "
        "a quote for a curated relation waits as a proposal marked same_as it")] = False,
    copies: Annotated[bool, typer.Option(
        "--copies/--no-copies", help="Record an article that nearly copies a known source "
        "or another article of the run as derived_from it (each one is reported)")] = True,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Corpus run: write documents, candidates, actors and errors as Parquet "
        "into this folder (resumable: run it again to finish an interrupted run)",
        rich_help_panel="Corpus", show_default=False)] = None,
    engine: Annotated[Engine, typer.Option(
        "--engine", help="local (in this process) or ray (Ray Data; needs explorer\\[ray])",
        rich_help_panel="Corpus")] = Engine.local,
    address: Annotated[str | None, typer.Option(
        "--address", help="Join this Ray cluster (e.g. ray://head:10001 or auto) instead of "
        "starting Ray here", rich_help_panel="Corpus", show_default=False)] = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Articles per batch (and per part file)",
        rich_help_panel="Corpus")] = 32,
    restart: Annotated[bool, typer.Option(
        "--restart", help="Delete what --out holds and start over", rich_help_panel="Corpus"
    )] = False,
) -> None:
    """Propose sourced, typed relations from news articles (written only with --write).

    With --out, a corpus run: every article's candidates go to Parquet tables (see
    `explorer candidates summary`), near-copies are clustered, nothing is written to the
    data file (`explorer review import` does that).
    """
    import datetime as dt

    from explorer.extract import batch
    from explorer.extract.documents import SourceMeta

    if out_dir is not None:
        given = [f"--{n}" for n, v in (("source-id", source_id), ("title", title),
                                       ("publisher", publisher), ("published", published),
                                       ("url", url)) if v]
        if write:
            raise UsageError("--write does not go with --out: a corpus run writes Parquet; "
                             "put its best candidates up for review with `explorer review "
                             "import OUT`")
        if given:
            raise UsageError(f"{', '.join(given)} do not go with --out: give each article's "
                             "source metadata in a manifest (JSONL or CSV) or its front matter")
        _extract_corpus(paths, out_dir, data, engine.value, jobs, address, batch_size, restart)
        return
    if engine is not Engine.local or address:
        raise UsageError("--engine ray and --address need --out DIR: a corpus run writes its "
                         "candidates as Parquet there")
    jobs = jobs or 1

    day = None
    if published:
        try:
            day = dt.date.fromisoformat(published)
        except ValueError:
            raise UsageError(f"--published {published!r} is not a date; use YYYY-MM-DD") from None
    meta = SourceMeta(id=source_id or "", title=title or "", publisher=publisher or "",
                      published=day, url=url or "")
    dataset = store.load(store.data_path(data))
    result = batch.run(paths, dataset, meta, jobs=jobs, detect_copies=copies,
                       on_error=lambda e: err.print(f"error: {e}", style="red", markup=False))
    if format is ExtractFormat.json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
    elif format is ExtractFormat.yaml:
        import yaml

        sys.stdout.write(yaml.safe_dump(result.as_json(), allow_unicode=True, sort_keys=False,
                                        width=100))
    else:
        terminal.console(width=160).print(batch.table(result))
    for source in result.sources():
        if source["near_copy"]:
            verb = "is recorded as" if write else "would be recorded (with --write) as"
            err.print(f"near-copy: {source['id']} {verb} derived from "
                      f"{source['derived_from']}, so it does not count as an independent "
                      f"source: {source['near_copy']}. If it is not a copy, give --no-copies "
                      "(or change derived_from in the data file).", markup=False)
    if write:
        with _writing():
            _write_extractions(result)
    raise typer.Exit(1 if result.failed else 0)


def _extract_corpus(paths: list[Path], folder: Path, data: Path | None, engine: str,
                    jobs: int | None, address: str | None, batch_size: int,
                    restart: bool) -> None:
    """A corpus run into Parquet; the summary line on stderr; exit 1 if any input failed."""
    from explorer.corpus.on_ray import RayMissing
    from explorer.corpus.output import OutputError
    from explorer.corpus.run import run

    try:
        result = run([str(p) for p in paths], folder, data, engine=engine, jobs=jobs,
                     address=address, batch_size=batch_size, restart=restart,
                     progress=err.is_terminal or bool(os.environ.get("EXPLORER_PROGRESS")))
    except (OutputError, RayMissing) as exc:
        raise UsageError(str(exc)) from None
    for name in result.torn:
        err.print(f"resumed: removed the unfinished part {name} (its articles were read again)",
                  markup=False)
    failed = result.totals.failures
    if failed:
        import pyarrow.parquet as pq

        path = folder / "errors.parquet"
        shown = pq.read_table(path, columns=["message"]).column("message").to_pylist()[:5]
        for message in shown:
            err.print(f"error: {message}", style="red", markup=False)
        if failed > len(shown):
            err.print(f"… and {failed - len(shown)} more", markup=False)
        err.print(f"the failed inputs are listed in {path}", markup=False)
    err.print(f"{folder}: {result.line()}", markup=False)
    raise typer.Exit(1 if failed else 0)


def _write_extractions(result: Any) -> None:
    """File a batch's candidates for review and say what became of each."""
    from explorer import review
    from explorer.review.plan import OUTCOMES

    for added in review.add_articles(result.dataset, result.articles()):
        outcomes = added.outcomes
        proposed = sum(o.code == "proposed-evidence" for o in outcomes)
        possible = sum(o.code == "possibly-same" for o in outcomes)
        err.print(f"{added.dataset.path}: {added.counts['added']} new relation(s) to review "
                  f"({proposed} quote(s) for curated relations, {possible} possibly the same "
                  f"as a known one), {added.counts['attached']} quote(s) added to relations "
                  f"waiting for review, {added.counts['skipped']} skipped"
                  + (f"; new source {added.source}" if added.source else ""), markup=False)
        skipped: dict[str, list[str]] = {}
        for o in outcomes:
            if o.action == "skipped":
                skipped.setdefault(o.code, []).append(o.actor or o.relation_id or "")
        for code, which in skipped.items():
            named = sorted({w for w in which if w})
            more = f": {', '.join(named[:4])}" + (" …" if len(named) > 4 else "") if named else ""
            err.print(f"  skipped {len(which)} [{code}]: {OUTCOMES[code]}{more}", markup=False)


@app.command()
@edge
def evaluate(
    gold: Annotated[list[Path], typer.Option(
        "--gold", help="Folder of gold annotation files (repeat to pair with --articles)",
        exists=True, file_okay=False)],
    articles: Annotated[list[Path], typer.Option(
        "--articles", help="Folder of the articles (one per --gold, in order)", exists=True,
        file_okay=False)],
    data: DataOption = None,
    set_: Annotated[list[str] | None, typer.Option(
        "--set", help="A named set of articles, LABEL=GLOB[,GLOB…] on article names, e.g. "
        "'triangle=d0[1-8]-*' (repeatable)")] = None,
    documents: Annotated[bool, typer.Option(
        "--documents/--no-documents", help="Print the per-document table")] = True,
    with_negated: Annotated[bool, typer.Option(
        "--with-negated", help="Score negated relations too (left out by default)")] = False,
    format: Annotated[Format, typer.Option("--format", help="table or json")] = Format.table,
) -> None:
    """Score extraction against gold annotations (overall, per type, document, set and
    confidence threshold), beside a naive baseline."""
    from explorer.extract import batch
    from explorer.extract.documents import DocumentError
    from explorer.extract.evaluate import evaluate as run_evaluation

    sets: dict[str, list[str]] = {}
    for spec in set_ or ():
        label, sep, globs = spec.partition("=")
        if not sep or not label.strip() or not globs.strip():
            raise UsageError(f"--set {spec!r}: use LABEL=GLOB[,GLOB…], e.g. triangle=d0[1-8]-*")
        sets[label.strip()] = [g.strip() for g in globs.split(",") if g.strip()]
    if len(gold) != len(articles):
        raise UsageError(f"{len(gold)} --gold folder(s) but {len(articles)} --articles "
                         "folder(s): give one --articles per --gold, in the same order")
    dataset = store.load(store.data_path(data))
    try:
        result = run_evaluation(gold, articles, dataset, sets=sets, with_negated=with_negated)
    except DocumentError as exc:
        err.print(f"error: {exc}", style="red", markup=False)
        raise typer.Exit(1) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
        return
    console = terminal.console(width=140)
    console.print(batch.evaluation_table(result))
    by_set = batch.set_table(result)
    if by_set is not None:
        console.print(by_set)
    console.print(batch.threshold_table(result))
    if documents and len(result.articles) > 1:
        console.print(batch.document_table(result))



# ------------------------------------------------------- candidates (corpus)
candidates_app = typer.Typer(
    help="What a corpus run (`explorer extract … --out OUT`) found, read with DuckDB from "
    "its Parquet tables.", no_args_is_help=True)
app.add_typer(candidates_app, name="candidates")


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


OutArgument = Annotated[Path, typer.Argument(help="The --out folder of a corpus run",
                                             metavar="OUT", show_default=False)]
MinReportsOption = Annotated[int, typer.Option(
    "--min-reports", min=1, help="At least this many independent reports (near-copy "
    "clusters count once)")]
TopOption = Annotated[int | None, typer.Option("--top", min=1, help="Only the first N rows",
                                               show_default=False)]
CorpusTypeOption = Annotated[list[str] | None, typer.Option(
    "--type", help="Relation types (repeat or comma-separate)", show_default=False)]
ActorOption = Annotated[list[str] | None, typer.Option(
    "--actor", help="Claims with this actor at either end (repeat or comma-separate)",
    show_default=False)]
FromOption = Annotated[str | None, typer.Option("--from", help="Articles published from this "
                                                "date (YYYY-MM-DD)", show_default=False)]
ToOption = Annotated[str | None, typer.Option("--to", help="… up to this date",
                                              show_default=False)]
ModalityOption = Annotated[list[str] | None, typer.Option(
    "--modality", help="asserted, hedged, negated \\[default: asserted and hedged]",
    show_default=False)]
MinConfidenceOption = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Candidates of at least this confidence")]


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _corpus_filters(types: list[str] | None, actors: list[str] | None, date_from: str | None,
                    date_to: str | None, modalities: list[str] | None,
                    min_confidence: float) -> Any:
    import datetime as dt

    from explorer.corpus.summary import Filters
    from explorer.model import MODALITIES

    days = []
    for option, value in (("--from", date_from), ("--to", date_to)):
        try:
            days.append(dt.date.fromisoformat(value) if value else None)
        except ValueError:
            raise UsageError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None
    chosen = _split(modalities) or ("asserted", "hedged")
    unknown = [m for m in chosen if m not in MODALITIES]
    if unknown:
        raise UsageError(f"--modality {unknown[0]!r}: use {', '.join(MODALITIES)}")
    return Filters(types=_split(types), actors=_split(actors), date_from=days[0],
                   date_to=days[1], modalities=chosen, min_confidence=min_confidence)


@candidates_app.command("summary")
@edge
def candidates_summary(
    folder: OutArgument,
    min_reports: MinReportsOption = 1,
    top: TopOption = 50,
    type: CorpusTypeOption = None,
    actor: ActorOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    modality: ModalityOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    format: Annotated[TableFormat, typer.Option("--format", help="table, json or csv")
                      ] = TableFormat.table,
) -> None:
    """Per pair, type and month: independent reports, documents, mean confidence, first and
    last date and a sample sentence, most reports first."""
    from explorer.corpus.output import OutputError
    from explorer.corpus.summary import summary

    filters = _corpus_filters(type, actor, date_from, date_to, modality, min_confidence)
    try:
        rows = summary(folder, filters, min_reports=min_reports, top=top)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    if format is TableFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if format is TableFormat.csv:
        from explorer.spreadsheet import rows_to_csv

        header = list(rows[0]) if rows else ["source", "target", "type", "month", "reports"]
        sys.stdout.write(rows_to_csv(header, ([row[k] for k in header] for row in rows)))
        return
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE, pad_edge=False)
    for column in ("claim", "month", "reports", "docs", "conf.", "first – last", "sample"):
        table.add_column(column, overflow="fold",
                         justify="right" if column in ("reports", "docs", "conf.") else "left")
    for r in rows:
        span = " – ".join(str(d) for d in (r["first"], r["last"]) if d) or "undated"
        sample = r["sample"] if len(r["sample"]) <= 110 else r["sample"][:109] + "…"
        table.add_row(f"{r['source']} → {r['target']} {r['type']}", r["month"],
                      str(r["reports"]), str(r["documents"]), f"{r['mean_confidence']:.2f}",
                      span, sample)
    if rows:
        terminal.console(width=140).print(table)
    out.print(f"{len(rows)} row(s) from {folder} (reports are independent: near-copies count "
              "once)", markup=False)


actors_app = typer.Typer(help="What the extractor knows of actors: the data file over the "
                         "world reference.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
@edge
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name as an article writes it, e.g. 'the "
                                        "Kremlin', 'Tehran', 'South Korean'")],
    data: DataOption = None,
    format: Annotated[Format, typer.Option("--format", help="table or json")] = Format.table,
) -> None:
    """Show what a name resolves to and why: the actor (for a person, the state or body they
    represent), the table (data file or world reference) and the field (name, alias,
    demonym, capital, seat…). Exit 1 if nothing."""
    from explorer.extract.mentions import ActorIndex
    from explorer.extract.pipeline import load_model

    dataset = store.load(store.data_path(data))
    index = ActorIndex(dataset, load_model())
    found = index.lookup(name)
    serves = {r.actor: index.state_of(r.actor) for r in found if r.kind == "person"}
    if format is Format.json:
        out.print_json(json.dumps([{**vars(r), "represents": serves.get(r.actor)}
                                   for r in found]))
    else:
        for r in found:
            kind = f"{r.kind} of {serves[r.actor]}" if r.actor in serves else r.kind
            out.print(f"{r.form!r} → {r.actor} ({r.name}, {kind}): {r.field} in the "
                      f"{r.table}", markup=False)
    if not found:
        err.print(f"{name!r} names no actor in {dataset.path} or the world reference; add it "
                  "as an alias in the data file", markup=False)
        raise typer.Exit(1)


# ------------------------------------------------------- review, undo (write)
review_app = typer.Typer(
    help="Review extracted relations: list them, accept or reject each (written safely: "
    "only that relation's lines change, atomically, never over someone else's edit).",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

ReviewerOption = Annotated[str | None, typer.Option(
    "--reviewer", help="Who decides \\[default: $EXPLORER_REVIEWER, else the OS user]",
    show_default=False)]


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """A refused write: its reason on stderr and exit 1 (an unknown id is a usage error)."""
    from explorer import edit

    try:
        yield
    except edit.InvalidChange as exc:
        if _state["debug"]:
            raise
        print_problems(exc.problems)
        err.print("refused: the change would make the file invalid; nothing was written",
                  style="red", markup=False)
        raise typer.Exit(1) from None
    except Refusal as exc:
        if exc.code == "no-such-relation":
            raise UsageError(str(exc)) from None
        if _state["debug"]:
            raise
        err.print(f"refused[{exc.code}]: {exc}", style="red", markup=False)
        raise typer.Exit(1) from None


def _written(change: Any) -> None:
    lines = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in change.lines)
    where = f" (lines {lines})" if lines else ""
    out.print(f"{change.path}: {change.summary}{where}; `explorer undo` takes it back",
              markup=False)


@review_app.command("list")
@edge
def review_list(
    data: DataOption = None,
    source: Annotated[str | None, typer.Option(
        "--source", help="Only relations with evidence from this source id")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Only this relation type")] = None,
    status: Annotated[str, typer.Option(
        "--status", help="extracted (waiting), rejected or curated")] = "extracted",
    format: Annotated[Format, typer.Option("--format", help="table or json")] = Format.table,
) -> None:
    """List the relations waiting for review (status extracted)."""
    from rich import box
    from rich.table import Table

    from explorer import review
    from explorer.model import STATUSES

    if status not in STATUSES:
        raise UsageError(f"--status {status!r}: use one of {', '.join(STATUSES)}")
    dataset = store.load(data)
    if type is not None and not any(t.id == type for t in dataset.types):
        raise UsageError(f"--type {type!r} is not a relation type of {dataset.path}")
    found = review.queue(dataset, source=source, type=type, status=status)
    if format is Format.json:
        out.print_json(json.dumps([r.model_dump(mode="json") for r in found]))
        return
    table = Table(box=box.SIMPLE, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("claim", overflow="fold")
    table.add_column("evidence", overflow="fold", ratio=1)
    for r in found:
        first = r.evidence[0] if r.evidence else None
        quote = f"{first.source}: “{first.quote[:90]}{'…' if len(first.quote) > 90 else ''}”" \
            if first else (r.judgement or "")
        more = f" (+{len(r.evidence) - 1} more)" if len(r.evidence) > 1 else ""
        claim = f"{r.source} → {r.target} {r.type}, {r.modality}, {r.confidence:.2f}"
        if r.same_as:
            claim += f"; the same as {r.same_as} (accept adds its quotes there)"
        elif r.possibly_same_as:
            claim += f"; possibly the same as {r.possibly_same_as}"
        table.add_row(r.id, claim, quote + more)
    if found:
        out.print(table)
    out.print(f"{len(found)} relation(s) {status} in {dataset.path}", markup=False)


@review_app.command("accept")
@edge
def review_accept(
    relation_id: Annotated[str, typer.Argument(help="Id of the relation to accept")],
    as_type: Annotated[str | None, typer.Option("--as-type",
                                                help="Accept it as this type")] = None,
    confidence: Annotated[float | None, typer.Option("--confidence",
                                                     help="Set the confidence (0–1)")] = None,
    modality: Annotated[str | None, typer.Option(
        "--modality", help="asserted, hedged or negated")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="Set the summary")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why (review_note)")] = None,
    reviewer: ReviewerOption = None,
    data: DataOption = None,
) -> None:
    """Accept an extracted relation: it becomes curated (optionally changed)."""
    from explorer import review

    changes = {k: v for k, v in (("type", as_type), ("confidence", confidence),
                                 ("modality", modality), ("summary", summary)) if v is not None}
    with _writing():
        dataset = store.load(data)
        change = review.accept(dataset, relation_id, changes, note=note, reviewer=reviewer)
    _written(change)


@review_app.command("reject")
@edge
def review_reject(
    relation_id: Annotated[str, typer.Argument(help="Id of the relation to reject")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why (review_note)")] = None,
    reviewer: ReviewerOption = None,
    data: DataOption = None,
) -> None:
    """Reject an extracted relation: kept as rejected, so it is not proposed again."""
    from explorer import review

    with _writing():
        dataset = store.load(data)
        change = review.reject(dataset, relation_id, reason, reviewer=reviewer)
    _written(change)


@review_app.command("import")
@edge
def review_import(
    folder: OutArgument,
    min_reports: MinReportsOption = 2,
    top: Annotated[int, typer.Option("--top", min=1, help="At most N claims, most reports "
                                     "first")] = 20,
    quotes: Annotated[int, typer.Option("--quotes", min=1, help="Strongest quotes per claim, "
                                        "one per independent report")] = 3,
    type: CorpusTypeOption = None,
    actor: ActorOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    modality: ModalityOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be written; "
                                          "write nothing")] = False,
    reviewer: ReviewerOption = None,
    data: DataOption = None,
) -> None:
    """Put a corpus run's best-supported claims into the review queue, in one write.

    Claims with at least --min-reports independent reports (near-copies count once), the
    --top N, each with its strongest quotes and its report count; a claim already curated
    or rejected is skipped; one already waiting gets the new quotes.
    """
    from rich.table import Table

    from explorer.corpus.output import OutputError
    from explorer.corpus.shortlist import plan, shortlist, write

    filters = _corpus_filters(type, actor, date_from, date_to, modality, min_confidence)
    try:
        picks = shortlist(folder, filters, min_reports=min_reports, top=top, quotes=quotes)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    with _writing():
        dataset = store.load(data)
        planned = plan(dataset, picks, folder)
        change = None if dry_run else write(planned, folder, reviewer)
    table = Table(box=None, pad_edge=False, show_header=True)
    for column in ("claim", "reports", "what"):
        table.add_column(column, overflow="fold")
    verbs = {"new": "new relation", "quotes": "quotes added to"}
    for step in planned.steps:
        p = step.pick
        what = f"skipped: {step.reason}" if step.action == "skipped" else \
            f"{verbs[step.action]} {step.relation_id} ({step.quotes} quote(s))"
        table.add_row(f"{p.source} → {p.target} {p.type}", str(p.reports), what)
    if planned.steps:
        out.print(table)
    if change is not None:
        _written(change)
    else:
        out.print(planned.summary(folder) + ("; nothing written (--dry-run)" if dry_run else
                                            "; nothing to write"), markup=False)


@review_app.command("merge")
@edge
def review_merge(
    relation_id: Annotated[str, typer.Argument(help="Id of the relation waiting for review")],
    into: Annotated[str | None, typer.Option(
        "--into", help="The relation it states again \\[default: the one it is marked "
        "same_as or possibly_same_as]", show_default=False)] = None,
    reviewer: ReviewerOption = None,
    data: DataOption = None,
) -> None:
    """Add a proposal's quotes to the relation it states again, and take it out."""
    from explorer import review

    with _writing():
        dataset = store.load(data)
        change = review.merge(dataset, relation_id, into, reviewer=reviewer)
    _written(change)


@app.command("undo")
@edge
def undo(data: DataOption = None) -> None:
    """Undo the explorer's last write still in the data file (`explorer redo` puts it back)."""
    from explorer import edit

    with _writing():
        change = edit.undo(store.data_path(data))
    out.print(f"{change.path}: {change.summary}; `explorer redo` puts it back", markup=False)


@app.command("redo")
@edge
def redo(data: DataOption = None) -> None:
    """Put back the write the last `explorer undo` took back."""
    from explorer import edit

    with _writing():
        change = edit.redo(store.data_path(data))
    out.print(f"{change.path}: {change.summary}; `explorer undo` takes it back again",
              markup=False)


@app.command("history")
@edge
def history(
    data: DataOption = None,
    format: Annotated[Format, typer.Option("--format", help="table or json")] = Format.table,
) -> None:
    """The explorer's recent writes to the data file: what undo and redo would do."""
    from explorer import edit

    found = edit.history(store.data_path(data))
    if format is Format.json:
        out.print_json(json.dumps({
            "file": str(found.path), "position": found.position, "aligned": found.aligned,
            "entries": [e.as_json() for e in found.entries]}))
        return
    if not found.entries:
        out.print(f"{found.path}: no write by the explorer is kept", markup=False)
        return
    for n, entry in reversed(list(enumerate(found.entries, 1))):
        state = "in the file" if n <= found.position else "undone"
        mark = {found.undoable: " ← undo", found.redoable: " ← redo"}.get(entry, "")
        out.print(f"{n:>3}  {entry.at}  {entry.by or '?':<12} {state:<12} {entry.summary}{mark}",
                  markup=False)
    if not found.aligned:
        out.print(f"{found.path} changed since the explorer's last write: nothing can be "
                  "undone or redone without losing that change", markup=False)


# ------------------------------------------------- events (machine-coded data)
events_app = typer.Typer(
    help="Machine-coded event data (GDELT 2.0, POLECAT) in a local store beside the data "
    "file: a separate, labelled layer that never changes the data file.",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")

StoreOption = Annotated[Path | None, typer.Option(
    "--store", help="Event store \\[default: $EXPLORER_EVENTS, else the data file's name with "
    ".events.duckdb]", show_default=False)]


class EventFormat(StrEnum):
    gdelt = "gdelt"
    polecat = "polecat"


class SummaryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@events_app.command("import")
@edge
def events_import(
    files: Annotated[list[Path], typer.Argument(
        help="Published event files: GDELT 2.0 *.export.CSV (or .zip), POLECAT *.txt; "
        ".gz also read", show_default=False)],
    format: Annotated[EventFormat, typer.Option("--format", help="gdelt or polecat")],
    store: StoreOption = None,
    data: DataOption = None,
    show: Annotated[int, typer.Option("--show", help="Malformed rows and unmapped codes "
                                      "listed per file")] = 10,
) -> None:
    """Stream event files into the store; malformed rows are counted and listed, never fatal.

    Re-importing a file adds nothing; an event already in the store (same dataset, event
    id, pair and type) is not added twice.
    """
    from explorer.events import database
    from explorer.events.importer import import_files

    for path in files:
        if path.is_dir():
            raise UsageError(f"{path} is a folder; give the event files themselves")
    target = database.store_path(data, store)
    try:
        with out.status("importing…") as status:
            reports = import_files(files, format.value, target, progress=lambda p, n:
                                   status.update(f"{p.name}: {n:,} rows read"))
    except database.StoreError as exc:
        err.print(f"error: {exc}", style="red", markup=False)
        raise typer.Exit(1) from None
    failed = False
    for r in reports:
        if r.error:
            failed = True
            err.print(f"{r.path}: not imported: {r.error}", style="red", markup=False)
            continue
        if r.already:
            out.print(f"{r.path}: already imported ({r.already}); nothing added", markup=False)
            continue
        skipped = ", ".join(f"{n:,} {kind.replace('-', ' ')}" for kind, n in
                            sorted(r.skipped.items()) if n)
        out.print(f"{r.path}: {r.rows_read:,} rows read, {r.events_added:,} events added"
                  f"{f', {r.duplicates:,} already in the store' if r.duplicates else ''}, "
                  f"{r.malformed:,} malformed{f'; set aside: {skipped}' if skipped else ''} "
                  f"({r.seconds:.1f} s)", markup=False)
        if r.note:
            out.print(f"  note: {r.note}", markup=False)
        for where, reason in r.problems[:show]:
            err.print(f"  {where}: malformed row: {reason}", style="yellow", markup=False)
        if r.malformed > min(show, len(r.problems)):
            err.print(f"  … {r.malformed - min(show, len(r.problems)):,} more malformed rows "
                      "(`explorer events status` lists them)", markup=False)
        if r.all_malformed:
            err.print(f"  every row was malformed: is this a {format.value} file?",
                      style="red", markup=False)
        for (kind, code), n in r.unmapped.most_common(show):
            out.print(f"  unmapped {kind.removeprefix('unmapped-')}: {code} ({n:,} row(s))",
                      markup=False)
    out.print(f"store: {target}", markup=False)
    raise typer.Exit(1 if failed else 0)


def _month_option(value: str | None, option: str) -> Any:
    import datetime as dt

    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; use YYYY-MM or YYYY-MM-DD") from None


@events_app.command("summary")
@edge
def events_summary(
    actors: Annotated[str | None, typer.Option(
        "--actors", help="Actor ids, comma-separated: one gives all its pairs, two or more "
        "the pairs among them", show_default=False)] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this month (YYYY-MM)",
                                              show_default=False)] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this month (YYYY-MM)",
                                              show_default=False)] = None,
    type: Annotated[list[str] | None, typer.Option(
        "--type", help="Relation types to keep (repeat or comma-separate)",
        show_default=False)] = None,
    dataset: Annotated[EventFormat | None, typer.Option(
        "--dataset", help="Only events from gdelt or polecat", show_default=False)] = None,
    format: Annotated[SummaryFormat, typer.Option("--format", help="table, csv or json")
                      ] = SummaryFormat.table,
    top: Annotated[int, typer.Option("--top", help="Rows shown (table format)")] = 40,
    store: StoreOption = None,
    data: DataOption = None,
) -> None:
    """Machine-coded events per pair, relation type, direction and month.

    Counts are of events coded by machine from news reports, not verified claims: they
    never enter the data file or its measures.
    """
    from explorer.events import database, rollup
    from explorer.vocabulary import DEFAULT_TYPE_IDS

    ids = [a.strip() for a in (actors or "").split(",") if a.strip()]
    kinds = [t.strip() for item in (type or []) for t in item.split(",") if t.strip()]
    unknown = [t for t in kinds if t not in DEFAULT_TYPE_IDS]
    if unknown:
        raise UsageError(f"--type {', '.join(unknown)}: event data maps to the ten default "
                         f"types only ({', '.join(sorted(DEFAULT_TYPE_IDS))})")
    first, last = _month_option(since, "--since"), _month_option(until, "--until")
    target = database.store_path(data, store)
    try:
        with database.connect(target) as con:
            table = rollup.summary(con, actors=ids, since=first, until=last, types=kinds,
                                   format=dataset.value if dataset else None)
    except database.StoreError as exc:
        raise UsageError(str(exc)) from None
    table = table.assign(month=table["month"].map(lambda d: f"{d:%Y-%m}"),
                         mean_score=table["mean_score"].round(2))
    if format is SummaryFormat.csv:
        from explorer.spreadsheet import to_csv

        sys.stdout.write(to_csv(table))
        return
    if format is SummaryFormat.json:
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")
        return
    _summary_table(table, top=top, ids=ids, target=target)


def _summary_table(table: Any, *, top: int, ids: list[str], target: Path) -> None:
    from rich import box
    from rich.table import Table

    if table.empty:
        hint = (f" for {', '.join(ids)} (ids are ISO 3166-1 alpha-3 for states, e.g. RUS; UN, "
                "EU, NATO for bodies)" if ids else "")
        out.print(f"no machine-coded events{hint} in {target}", markup=False)
        return
    grid = Table(box=box.SIMPLE, pad_edge=False, title="Machine-coded events (not curated)",
                 title_justify="left")
    for name in ("dataset", "month", "source", "", "target", "type", "events", "articles",
                 "mean score", "hedged"):
        grid.add_column(name, justify="right" if name in ("events", "articles", "mean score",
                                                          "hedged") else "left")
    for r in table.head(top).itertuples(index=False):
        grid.add_row(r.format, r.month, r.source, "→" if r.directed else "—", r.target,
                     r.type, f"{r.events:,}", f"{r.articles:,}",
                     "" if r.mean_score != r.mean_score else f"{r.mean_score:+.2f}",
                     f"{r.hedged:,}" if r.hedged else "")
    terminal.console(width=110).print(grid)
    more = len(table) - top
    out.print(f"{len(table):,} rows ({table['events'].sum():,} events)"
              + (f"; {more:,} more not shown (--top, or --format csv)" if more > 0 else "")
              + ". Mean score: Goldstein (GDELT) or intensity (POLECAT), −10 conflict … +10 "
              "cooperation; hedged: expressed intents.", markup=False)


@events_app.command("status")
@edge
def events_status(
    store: StoreOption = None,
    data: DataOption = None,
    show: Annotated[int, typer.Option("--show", help="Rows per list")] = 20,
) -> None:
    """What the store holds: imported files, malformed rows, unmapped codes."""
    from explorer.events import database, rollup

    target = database.store_path(data, store)
    try:
        with database.connect(target) as con:
            extent = rollup.extent(con)
            files = rollup.files(con)
            unmapped = rollup.unmapped(con)
            problems = con.execute(
                "SELECT f.path, p.line, p.reason FROM problems p JOIN files f USING (file_id) "
                "ORDER BY p.file_id, p.line LIMIT ?", [show]).fetchall()
    except database.StoreError as exc:
        raise UsageError(str(exc)) from None
    out.print(f"{target}", markup=False)
    for r in extent.itertuples(index=False):
        out.print(f"  {r.format}: {r.events:,} events, {r.first:%Y-%m-%d} to {r.last:%Y-%m-%d}",
                  markup=False)
    out.print(f"{len(files)} file(s) imported:", markup=False)
    for r in files.itertuples(index=False):
        out.print(f"  {r.name} ({r.format}, {r.imported_at:%Y-%m-%d %H:%M}): "
                  f"{r.rows_read:,} rows, {r.events_added:,} events added, "
                  f"{r.malformed:,} malformed, {r.unmapped:,} unmapped", markup=False)
    if problems:
        out.print("malformed rows:", markup=False)
        for path, line, reason in problems:
            out.print(f"  {path}:{line}: {reason}", markup=False)
    if not unmapped.empty:
        out.print("unmapped codes and actors (add them to the tables in explorer/events/data "
                  "to map them):", markup=False)
        for r in unmapped.head(show).itertuples(index=False):
            out.print(f"  {r.format} {r.kind.removeprefix('unmapped-')}: {r.code} "
                      f"({r.rows:,} row(s))", markup=False)


#: Commands that read the data, print, and end: they free nothing they make, so the
#: cyclic garbage collector would only walk millions of live objects for nothing.
SHORT_RUNS = {"validate", "stats", "export", "schema"}


def main() -> None:
    command = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    if command in SHORT_RUNS:
        import gc

        gc.disable()
    app()


if __name__ == "__main__":
    main()
