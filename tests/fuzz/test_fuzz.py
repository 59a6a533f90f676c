"""The fuzz harness: every command on the crafted corpus and on generated mutations of a
data file and of articles; what must hold is in `harness.broken`.

Quick profile (in `make test`): each corpus data file through `validate --format json`
and one other command in turn (every command gets a share), each article through
`extract` (every third with `--write`), a sample as real processes with time and
memory limits, and a few dozen generated examples. Long profile (`make fuzz`,
EXPLORER_FUZZ=long): every file through every command, every case also as a real
process, hundreds of generated examples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import harness as h
from .strategies import mutated_article, mutated_data

DATA_NAMES = list(h.DATA_COMMANDS)
ARTICLE_NAMES = list(h.ARTICLE_COMMANDS)

#: Cases that still fail, each with the item of the hardening issue it belongs to. A
#: strict xfail: when the fix lands the case passes, and the marker must go.
KNOWN_OPEN: dict[tuple[str, str], str] = {}
#: too slow for the quick profile (spaCy on 100 KB of one sentence, 2,000 claims)
LONG_ONLY = {"long-sentence.txt", "many-entities.txt"}
#: inputs that may exhaust memory while unfixed: only ever run as a limited process
PROCESS_ONLY = {"front-matter-alias-bomb.md"}

#: the quick profile's sample of real processes: (corpus file, command)
PROCESS_SAMPLE = [
    ("alias-bomb-top-level.yaml", "validate"),
    ("nesting-deep-flow.yaml", "stats-json"),
    ("formula-names.yaml", "export-csv"),
    ("dates-before-1800.yaml", "export-html"),
    ("control-characters.yaml", "export-gexf"),
    ("front-matter-alias-bomb.md", "extract-json"),
    ("html-entity-bomb.html", "extract-write"),
]


def _known(name: str, command: str) -> str | None:
    return KNOWN_OPEN.get((name, command)) or KNOWN_OPEN.get((name, "*"))


def _param(name: str, command: str):
    reason = _known(name, command)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(name, command, marks=marks, id=f"{name}-{command}")


def _data_cases() -> list:
    files = [p.name for p in h.DATA_CORPUS]
    if h.LONG:
        return [_param(f, c) for f in files for c in DATA_NAMES]
    others = DATA_NAMES[2:]  # validate and validate-json run for every file
    cases = []
    for i, f in enumerate(files):
        cases += [_param(f, "validate-json"), _param(f, others[i % len(others)])]
    # every known-open case runs in the quick profile too, so its marker is kept honest
    cases += [_param(f, c) for (f, c) in KNOWN_OPEN if c != "*" and f in files]
    return list({p.id: p for p in cases}.values())


def _article_cases() -> list:
    files = [p.name for p in h.ARTICLE_CORPUS if p.name not in PROCESS_ONLY]
    if h.LONG:
        return [_param(f, c) for f in files for c in ARTICLE_NAMES]
    return [_param(f, "extract-write" if i % 3 == 0 else "extract-json")
            for i, f in enumerate(files) if f not in LONG_ONLY]


def _run(case: h.Case, command: str, template: list[str], *, process: bool) -> list[str]:
    """What did not hold after running the command on the case (empty when all held)."""
    outcome = (h.run_process if process else h.run_here)(case.args(template))
    return h.broken(outcome, case, writes=command in h.WRITES,
                    outputs=h.outputs_of(command, outcome.code))


@pytest.mark.parametrize(("name", "command"), _data_cases())
def test_data_corpus(name: str, command: str, tmp_path: Path) -> None:
    case = h.make_case(tmp_path, data=(h.CORPUS / "data" / name).read_bytes(), data_name=name)
    assert _run(case, command, h.DATA_COMMANDS[command], process=False) == []


@pytest.mark.parametrize(("name", "command"), _article_cases())
def test_article_corpus(name: str, command: str, tmp_path: Path) -> None:
    case = h.make_case(tmp_path, article=(h.CORPUS / "articles" / name).read_bytes(),
                       article_name=name)
    assert _run(case, command, h.ARTICLE_COMMANDS[command], process=False) == []


def _process_cases() -> list:
    if not h.LONG:
        return [_param(f, c) for f, c in PROCESS_SAMPLE]
    data = [_param(p.name, c) for p in h.DATA_CORPUS for c in ("validate", "stats-json",
                                                               "export-graphml")]
    articles = [_param(p.name, "extract-write") for p in h.ARTICLE_CORPUS]
    return data + articles


@pytest.mark.parametrize(("name", "command"), _process_cases())
def test_as_a_limited_process(name: str, command: str, tmp_path: Path) -> None:
    if command in h.DATA_COMMANDS:
        case = h.make_case(tmp_path, data=(h.CORPUS / "data" / name).read_bytes(),
                           data_name=name)
        assert _run(case, command, h.DATA_COMMANDS[command], process=True) == []
    else:
        case = h.make_case(tmp_path, article=(h.CORPUS / "articles" / name).read_bytes(),
                           article_name=name)
        assert _run(case, command, h.ARTICLE_COMMANDS[command], process=True) == []


def test_what_must_hold_names_each_breach(tmp_path: Path) -> None:
    case = h.make_case(tmp_path)
    assert h.broken(h.Outcome(["validate"], 0, "ok", ""), case) == []
    crashed = h.broken(h.Outcome(["validate"], 1, "", "Traceback (most recent call last)"), case)
    assert len(crashed) == 1 and crashed[0].startswith("a traceback")
    assert h.broken(h.Outcome(["stats"], None, "", "", hung=True), case)[0].startswith(
        "no answer")
    case.data.write_text(case.data.read_text(encoding="utf-8") + "\n# changed\n",
                         encoding="utf-8")
    (case.data.parent / "stray.tmp").write_text("x", encoding="utf-8")
    found = h.broken(h.Outcome(["validate"], 0, "", ""), case)
    assert [f.split(":")[0] for f in found] == ["a read-only command changed the data file",
                                                "files left beside the data file"]


def test_the_data_corpus_is_every_kind_of_input_the_issue_names() -> None:
    names = {p.name for p in h.DATA_CORPUS} | {p.name for p in h.ARTICLE_CORPUS}
    for needed in ("alias-bomb-top-level.yaml", "front-matter-alias-bomb.md",
                   "nesting-deep-block.yaml", "huge-integer.yaml", "control-characters.yaml",
                   "unicode-separators.yaml", "nel-line-breaks.yaml", "bom-utf8.yaml",
                   "invalid-utf8.yaml", "cr-only.yaml", "duplicate-keys.yaml",
                   "represents-cycle.yaml", "confidence-bool.yaml",
                   "confidence-zero-all-supportive.yaml", "dates-before-1800.yaml",
                   "formula-names.yaml", "terminal-escapes.yaml", "html-payloads.yaml"):
        assert needed in names


# ------------------------------------------------------------------- generated
FUZZ = settings(max_examples=h.EXAMPLES, deadline=None, derandomize=not h.LONG,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(raw=mutated_data(), command=st.sampled_from(DATA_NAMES[2:]))
def test_mutated_data_files(raw: bytes, command: str, tmp_path: Path) -> None:
    case = h.make_case(tmp_path / "case", data=raw)
    assert _run(case, "validate-json", h.DATA_COMMANDS["validate-json"], process=False) == []
    assert _run(case, command, h.DATA_COMMANDS[command], process=False) == []


@FUZZ
@given(article=mutated_article(), command=st.sampled_from(ARTICLE_NAMES))
def test_mutated_articles(article: tuple[str, bytes], command: str, tmp_path: Path) -> None:
    name, raw = article
    case = h.make_case(tmp_path / "case", article=raw, article_name=name)
    assert _run(case, command, h.ARTICLE_COMMANDS[command], process=False) == []
