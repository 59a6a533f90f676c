"""The validator on broken copies of the curated file: every class of problem, located.

Each case changes one line of `data/relations.yaml` (or adds one) and expects a
problem of a given code on exactly that line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer import store
from explorer.problems import CATALOGUE, WARNING_CODES

from .conftest import DATA, ROOT

CURATED = DATA.read_text(encoding="utf-8")


def replace_line(old: str, new: str, nth: int = 0, at: int = 0
                 ) -> Callable[[str], tuple[str, int]]:
    """Replace the nth line equal to `old`; return the text and the number of the line
    the problem belongs on (that line, or `at` lines from it)."""

    def mutate(text: str) -> tuple[str, int]:
        lines = text.splitlines(keepends=True)
        hits = [i for i, line in enumerate(lines) if line.rstrip("\n") == old]
        assert len(hits) > nth, f"the curated file has no line {old!r}"
        index = hits[nth]
        lines[index] = new + "\n"
        return "".join(lines), index + 1 + at

    return mutate


def insert_after(anchor: str, new: str) -> Callable[[str], tuple[str, int]]:
    """Insert `new` after the first line equal to `anchor`; return text and new line's number."""

    def mutate(text: str) -> tuple[str, int]:
        lines = text.splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.rstrip("\n") == anchor)
        lines.insert(index + 1, new + "\n")
        return "".join(lines), index + 2

    return mutate


def delete_line(old: str) -> Callable[[str], tuple[str, int]]:
    """Delete the first line equal to `old`; the problem sits on its entry (line before)."""

    def mutate(text: str) -> tuple[str, int]:
        lines = text.splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.rstrip("\n") == old)
        del lines[index]
        start = max(i for i in range(index) if lines[i].lstrip().startswith("- id:"))
        return "".join(lines), start + 1

    return mutate


CASES: dict[str, tuple[Callable[[str], tuple[str, int]], str]] = {
    "yaml syntax": (replace_line("    kind: state", "    kind: state: yes"), "yaml-syntax"),
    "tab": (replace_line("  - id: RUS", "\t- id: RUS"), "yaml-tab"),
    "python tag": (insert_after("version: 1", "extra: !!python/object/apply:os.system [ls]"),
                   "yaml-tag"),
    "duplicate key": (insert_after("    name: China", "    name: Cathay"), "duplicate-key"),
    "second document": (insert_after("version: 1", "---"), "multiple-documents"),
    "unknown section": (insert_after("version: 1", "relatons: []"), "top-level-shape"),
    "version": (replace_line("version: 1", "version: 2"), "unsupported-version"),
    "unknown field": (insert_after("    name: Japan", "    capital: Tokyo"), "unknown-field"),
    "missing field": (delete_line("    confidence: 0.85"), "missing-field"),
    "wrong type": (replace_line("    name: Japan", "    name: 1945"), "wrong-type"),
    "bad kind": (replace_line("    kind: person", "    kind: human"), "bad-value"),
    "bad status": (replace_line("    status: curated", "    status: maybe"), "bad-value"),
    "bad modality": (replace_line("    modality: hedged", "    modality: perhaps"),
                     "bad-value"),
    "bad id": (replace_line("  - id: JPN", "  - id: Japan!"), "bad-id"),
    "bad date": (replace_line("    since: 2024-06-19", "    since: 2024-19-06"), "bad-date"),
    "until before since": (replace_line("    until: 2024-06-19", "    until: 2024-06-01"),
                           "date-order"),
    "confidence above 1": (replace_line("    confidence: 0.85", "    confidence: 1.85"),
                           "confidence-range"),
    "confidence not a number": (replace_line("    confidence: 0.9", "    confidence: high"),
                                "confidence-range"),
    "reliability": (replace_line("    reliability: B", "    reliability: G"),
                    "bad-reliability"),
    "credibility": (replace_line("        credibility: 2", "        credibility: 7"),
                    "bad-credibility"),
    "empty quote": (replace_line('        quote: "Pyongyang needs China more than ever."',
                                 '        quote: ""'), "missing-quote"),
    "evidence without quote": (
        # the problem belongs to the evidence item, which starts on the line before
        replace_line('        quote: "A wary Beijing is watching."', "        notes: none", at=-1),
        "missing-quote"),
    "unknown type": (replace_line("    type: alliance", "    type: allaince"), "unknown-type"),
    "unknown actor": (replace_line("    target: PRK", "    target: PRKK"), "unknown-actor"),
    "unknown represents": (replace_line("    represents: CHN", "    represents: CHNA"),
                           "unknown-actor"),
    "represents a person": (replace_line("    represents: CHN", "    represents: kim-jong-un"),
                            "bad-represents"),
    "unknown evidence source": (
        replace_line("      - source: merchantnavy-2024-06-true-power",
                     "      - source: merchant-navy"), "unknown-source"),
    "unknown speaker": (replace_line("        speaker: andrey-lankov", "        speaker: lankov"),
                        "unknown-actor"),
    "unknown derived_from": (
        replace_line("    derived_from: bbc-2024-06-real-power",
                     "    derived_from: bbc-2024"), "unknown-source"),
    "derived_from cycle": (insert_after("    publisher: BBC",
                                        "    derived_from: merchantnavy-2024-06-true-power"),
                           "derived-from-cycle"),
    "unknown same_as": (insert_after("  - id: rus-prk-money", "    same_as: rus-prk-mony"),
                        "unknown-relation"),
    "duplicate id": (replace_line("  - id: RUS", "  - id: CHN"), "duplicate-id"),
    "self relation": (replace_line("    target: PRK", "    target: RUS"), "self-relation"),
    "redefined type": (insert_after("version: 1", "relation_types: [{id: alliance}]"),
                       "type-redefined"),
    "shared alias (warning)": (replace_line("    aliases: [Tokyo]", "    aliases: [Tokyo, DPRK]"),
                               "shared-alias"),
    "unsafe url (warning)": (insert_after("    publisher: BBC",
                                          '    url: "javascript:alert(1)"'), "unsafe-url"),
    "id convention (warning)": (
        insert_after("    description: Specialist news service on North Korea.",
                     "  - {id: thailand, name: Thailand, kind: state}"), "id-convention"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_broken_copy_is_reported_on_its_line(case: str, write_yaml) -> None:
    mutate, code = CASES[case]
    text, line = mutate(CURATED)
    path = write_yaml(text)
    report = store.check(path)
    found = [(p.code, p.line) for p in report.problems]
    assert (code, line) in found, found
    for problem in report.problems:
        assert problem.file == str(path)
        assert problem.line is not None
        assert problem.hint
    if code in WARNING_CODES:
        assert report.ok and report.dataset is not None, found
    else:
        assert not report.ok and report.dataset is None
        with pytest.raises(store.DataFileError):
            store.load(path)


def test_every_problem_is_listed_at_once(write_yaml) -> None:
    text = CURATED
    for mutate in (replace_line("    type: alliance", "    type: allaince"),
                   replace_line("    reliability: B", "    reliability: G"),
                   replace_line("    target: PRK", "    target: PRKK")):
        text, _ = mutate(text)
    problems = store.check(write_yaml(text)).problems
    codes = [p.code for p in problems]
    assert {"unknown-type", "bad-reliability", "unknown-actor"} <= set(codes)
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_section_that_is_not_a_list(write_yaml) -> None:
    report = store.check(write_yaml("version: 1\nactors: many\n"))
    assert [(p.code, p.line) for p in report.problems] == [("top-level-shape", 2)]


def test_unclosed_bracket_names_where_it_opened(write_yaml) -> None:
    text, line = replace_line("    kind: state", "    kind: [state")(CURATED)
    (problem,) = store.check(write_yaml(text)).problems
    assert problem.code == "yaml-syntax"
    assert f"started at line {line}, column 11" in problem.message


def test_unknown_ids_suggest_the_near_miss(write_yaml) -> None:
    text, _ = replace_line("    target: PRK", "    target: PRKK")(CURATED)
    (problem,) = [p for p in store.check(write_yaml(text)).problems if p.code == "unknown-actor"]
    assert "did you mean `PRK`" in problem.message
    assert problem.path.endswith(".target")


def test_relation_without_evidence_or_judgement(write_yaml) -> None:
    path = write_yaml("""\
version: 1
actors:
  - {id: AAA, name: Avaria, kind: state}
  - {id: BBB, name: Borduria, kind: state}
relations:
  - id: r1
    source: AAA
    target: BBB
    type: rivalry
    confidence: 0.5
  - id: r2
    source: AAA
    target: BBB
    type: rivalry
    confidence: 0.5
    judgement: Long-standing border dispute, analyst's reading of several reports.
""")
    report = store.check(path)
    assert [(p.code, p.line) for p in report.problems] == [("no-evidence", 6)]


# ------------------------------------------------------------- the file itself


def test_missing_file(tmp_path: Path) -> None:
    report = store.check(tmp_path / "nope.yaml")
    assert [p.code for p in report.problems] == ["file-missing"]


def test_directory(tmp_path: Path) -> None:
    assert [p.code for p in store.check(tmp_path).problems] == ["file-is-directory"]


def test_empty_and_comment_only(write_yaml) -> None:
    assert [p.code for p in store.check(write_yaml("")).problems] == ["file-empty"]
    assert [p.code for p in store.check(write_yaml("# nothing yet\n")).problems] == [
        "file-empty"]


def test_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("version: 1\nactors:\n  - name: Bogot\xe1\n".encode("latin-1"))
    (problem,) = store.check(path).problems
    assert (problem.code, problem.line, problem.column) == ("not-utf8", 3, 16)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert [p.code for p in store.check(path).problems] == ["not-utf8"]


def test_size_limit(write_yaml, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_MAX_FILE_MB", "0.001")
    report = store.check(write_yaml(CURATED))
    assert [p.code for p in report.problems] == ["file-too-large"]
    assert "EXPLORER_MAX_FILE_MB" in report.problems[0].hint


def test_alias_bomb_in_a_data_file(write_yaml) -> None:
    from .test_parse import billion_laughs

    report = store.check(write_yaml("version: 1\n" + billion_laughs()))
    assert [p.code for p in report.problems] == ["yaml-alias-limit"]


# ------------------------------------------------------------------- coverage


OTHER_TESTS = {
    "file-missing", "file-is-directory", "file-too-large", "file-empty", "not-utf8",
    "yaml-alias-limit", "no-evidence",
    "file-unreadable",
    # the hostile-input tests below
    "represents-cycle", "bad-setting", "number-too-large", "yaml-nesting-limit",
    "control-character",
}


def test_every_code_is_exercised() -> None:
    covered = {code for _, code in CASES.values()} | OTHER_TESTS
    assert covered == set(CATALOGUE)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_unreadable_file() -> None:
    # /proc/self/mem is a regular file whose read fails (even for root)
    assert [p.code for p in store.check("/proc/self/mem").problems] == ["file-unreadable"]


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert [p.code for p in store.check(fifo).problems] == ["file-unreadable"]


def test_every_code_is_documented() -> None:
    docs = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    missing = [code for code in CATALOGUE if f"`{code}`" not in docs]
    assert not missing, f"docs/data.md does not document: {missing}"


# ------------------------------------------------------------- hostile input

SMALL = """\
version: 1
actors:
  - {id: AAA, name: Avaria, kind: state}
  - {id: BBB, name: Borduria, kind: state}
sources:
  - {id: s1, title: A report}
relations:
  - id: r1
    source: AAA
    target: BBB
    type: pressure
    confidence: 0.5
    evidence:
      - {source: s1, quote: Avaria warns Borduria.}
"""


def placed(text: str, write_yaml) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.column) for p in store.check(write_yaml(text)).problems]


def test_represents_cycle_is_a_located_error(write_yaml) -> None:
    text = SMALL.replace("  - {id: AAA, name: Avaria, kind: state}\n  - {id: BBB, name: Borduria, "
                         "kind: state}\n", """\
  - {id: AAA, name: Avaria, kind: state}
  - {id: BBB, name: Borduria, kind: state}
  - id: org-a
    name: Org A
    kind: organisation
    represents: org-b
  - id: org-b
    name: Org B
    kind: organisation
    represents: org-a
""")
    report = store.check(write_yaml(text))
    assert [(p.code, p.line, p.column) for p in report.problems] == [
        ("represents-cycle", 8, 17)]
    assert "org-a → org-b → org-a" in report.problems[0].message


def test_booleans_are_not_numbers(write_yaml) -> None:
    text = SMALL.replace("confidence: 0.5", "confidence: true")
    assert placed(text, write_yaml) == [("confidence-range", 12, 17)]
    text = SMALL.replace("quote: Avaria warns Borduria.}", "quote: x, credibility: false}")
    assert placed(text, write_yaml) == [("bad-credibility", 14, 45)]


@pytest.mark.parametrize("value", ['"Avar\\x01ia"', '"Avar\\vian"', "Avar\x0cia"])
def test_control_characters_in_names_are_located_errors(value: str, write_yaml) -> None:
    text = SMALL.replace("name: Avaria,", f"name: {value},")
    assert placed(text, write_yaml) == [("control-character", 3, 21)]


def test_control_characters_in_ids_are_located_errors(write_yaml) -> None:
    text = SMALL.replace("    source: AAA", '    source: "AA\\x0bA"')
    problems = store.check(write_yaml(text)).problems
    assert {(p.code, p.line, p.column) for p in problems} >= {("bad-id", 9, 13)}
    assert all(p.line == 9 for p in problems)


def test_numbers_too_long_to_write_are_located_errors(write_yaml) -> None:
    huge = "1" * 5000
    text = SMALL.replace("    confidence: 0.5\n",
                         f"    confidence: 0.5\n    attributes: {{count: {huge}}}\n")
    assert placed(text, write_yaml) == [("number-too-large", 13, 25)]
    text = SMALL.replace("quote: Avaria warns Borduria.}", f"quote: x, credibility: {huge}}}")
    assert placed(text, write_yaml) == [("number-too-large", 14, 45)]


def test_export_of_a_file_with_a_huge_number_fails_cleanly(write_yaml) -> None:
    from typer.testing import CliRunner

    from explorer.cli import app

    path = write_yaml(SMALL.replace("    confidence: 0.5\n", "    confidence: 0.5\n"
                                    f"    attributes: {{count: {'9' * 5000}}}\n"))
    result = CliRunner().invoke(app, ["export", "--format", "json", "--data", str(path)])
    assert result.exit_code == 1
    assert "error[number-too-large]" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("style", ["block", "flow"])
def test_nesting_a_thousand_deep_is_a_located_error(style: str, write_yaml) -> None:
    if style == "block":
        deep = "".join(" " * (6 + 2 * i) + f"k{i}:\n" for i in range(1000)) + " " * 2006 + "x: 1\n"
        text = SMALL.replace("    confidence: 0.5\n",
                             "    confidence: 0.5\n    attributes:\n" + deep)
    else:
        text = SMALL.replace("    confidence: 0.5\n", "    confidence: 0.5\n    attributes: {deep: "
                             + "[" * 1000 + "]" * 1000 + "}\n")
    problems = store.check(write_yaml(text)).problems
    assert [p.code for p in problems] == ["yaml-nesting-limit"]
    assert problems[0].line >= 13


@pytest.mark.parametrize("setting", ["nan", "inf", "-1", "0", "lots"])
def test_a_bad_size_limit_is_a_clear_problem(setting: str, write_yaml, monkeypatch) -> None:
    monkeypatch.setenv("EXPLORER_MAX_FILE_MB", setting)
    report = store.check(write_yaml(SMALL))
    assert [p.code for p in report.problems] == ["bad-setting"]
    assert f"'{setting}'" in report.problems[0].message


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_positions_after_a_unicode_line_separator_in_a_value(separator: str, write_yaml
                                                              ) -> None:
    # YAML 1.2 (and editors) read NEL, U+2028 and U+2029 as characters, not line breaks
    text = SMALL.replace("title: A report}", f'title: "A{separator}report"}}').replace(
        "    target: BBB", "    target: BBBB").replace(
        "quote: Avaria warns Borduria.}", f"quote: Avaria{separator}warns.}}")
    assert placed(text, write_yaml) == [("unknown-actor", 10, 13)]
    assert store.load_text(text.replace("BBBB", "BBB")).sources[0].title == f"A{separator}report"


def test_very_many_problems_are_listed_with_a_note(write_yaml) -> None:
    relations = "".join(f"  - {{id: r{i}, source: AAA, target: BBB, type: pressure, "
                        f"confidence: 1.{i % 9 + 1}, judgement: j}}\n" for i in range(1200))
    text = SMALL.split("relations:")[0] + "relations:\n" + relations
    report = store.check(write_yaml(text))
    assert len(report.problems) == 1200
    assert [p.line for p in report.problems] == list(range(8, 1208))
    assert report.note.startswith("1,200 problems: placing each on its line took")
