"""`explorer validate` and `explorer schema`, in process."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from explorer.cli import app
from explorer.schema import schema_json

from .conftest import DATA, ROOT

runner = CliRunner()


def test_valid_file_exits_0() -> None:
    result = runner.invoke(app, ["validate", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "valid — 17 actors, 2 sources" in result.output


def test_broken_file_exits_1_with_located_errors(write_yaml) -> None:
    text = DATA.read_text(encoding="utf-8").replace("    type: alliance\n",
                                                    "    type: allaince\n", 1)
    path = write_yaml(text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    line = text[: text.index("type: allaince")].count("\n") + 1
    assert f"{path}:{line}:11: error[unknown-type]" in result.stderr


def test_json_format(write_yaml) -> None:
    path = write_yaml("version: 1\nactors:\n  - {id: X1, name: X, kind: planet}\n")
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["code"], p["line"], p["severity"]) for p in problems] == [
        ("bad-value", 3, "error")]
    assert set(problems[0]) == {"file", "line", "column", "severity", "code", "path",
                                "message", "hint"}


def test_data_option_and_environment(write_yaml, monkeypatch) -> None:
    path = write_yaml("version: 1\n")
    assert runner.invoke(app, ["validate", "--data", str(path)]).exit_code == 0
    monkeypatch.setenv("EXPLORER_DATA", str(path))
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0 and str(path) in result.output


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["validate", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["validate", "--no-such-option"]).exit_code == 2


def test_missing_file_is_a_message_not_a_traceback(tmp_path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "gone.yaml")])
    assert result.exit_code == 1
    assert "error[file-missing]" in result.stderr
    assert "Traceback" not in result.output


def test_committed_schema_matches_the_model() -> None:
    committed = (ROOT / "schema" / "relations.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "run `explorer schema -o schema/relations.schema.json`"
    first_line = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/relations.schema.json"


def test_schema_command_prints_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    parsed = json.loads(result.stdout)
    assert parsed["$defs"]["Relation"]["required"] == ["id", "source", "target", "type",
                                                        "confidence"]


def test_readme_lists_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    missing = [n for n in names if f"explorer {n}" not in readme]
    assert not missing, f"README.md does not show: {missing}"


def test_json_with_very_many_problems_says_so(write_yaml) -> None:
    relations = "".join(f"  - {{id: r{i}, source: a, target: b, type: pressure, "
                        f"confidence: 2, judgement: j}}\n" for i in range(1500))
    path = write_yaml("version: 1\nactors:\n  - {id: a, name: A, kind: group}\n"
                      "  - {id: b, name: B, kind: group}\nrelations:\n" + relations)
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert len(problems) == 1500
    assert problems[0]["line"] == 6 and problems[-1]["line"] == 1505
    assert "1,500 problems: placing each on its line took" in result.stderr


def test_json_with_no_problem_is_an_empty_list() -> None:
    result = runner.invoke(app, ["validate", str(DATA), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_very_many_problems_stream_and_say_how_many_were_placed(write_yaml, monkeypatch
                                                                ) -> None:
    """Thousands of unknown actors: suggestions are looked up for the first ones only,
    the first LOCATED_MAX problems are placed on their line, and the note says so."""
    from explorer import store, validate

    monkeypatch.setattr(store, "LOCATED_MAX", 100)
    monkeypatch.setattr(validate, "SUGGESTIONS", 20)
    head = (ROOT / "tests" / "data" / "valid-minimal.yaml").read_text(encoding="utf-8")
    head = head[: head.index("relations:")]
    relations = "".join(
        f"  - id: r{i}\n    source: {'AAX' if i < 30 else f'ZZ{i}'}\n    target: BBB\n"
        f"    type: meeting\n    confidence: 0.5\n    evidence:\n"
        f"      - source: gazette-1\n        quote: They met.\n" for i in range(300))
    path = write_yaml(head + "relations:\n" + relations)
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert len(problems) == 300 and {p["code"] for p in problems} == {"unknown-actor"}
    placed = [p for p in problems if p["line"] is not None]
    assert [p["path"] for p in placed] == [f"relations[{i}].source" for i in range(100)]
    assert placed[0]["line"] == head.count("\n") + 3
    assert "did you mean `AAA`" in problems[0]["message"]  # AAX, looked up once
    assert "did you mean" not in problems[299]["message"]  # past the 20 looked up
    assert "the first 100 in the file are placed on their line, the other 200" \
        in result.stderr
