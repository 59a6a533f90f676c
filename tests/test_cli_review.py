"""`explorer review list|accept|reject` and `explorer undo`, in process, on real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from explorer import store
from explorer.cli import app

from .conftest import TEST_DATA

runner = CliRunner()
ODD = TEST_DATA / "review-odd-style.yaml"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "relations.yaml"
    shutil.copyfile(ODD, target)
    return target


def run(*args: str):
    return runner.invoke(app, list(args), env={"EXPLORER_REVIEWER": "cli-tester"})


def test_list_the_queue(path: Path) -> None:
    result = run("review", "list", "--data", str(path))
    assert result.exit_code == 0, result.output
    for relation_id in ("bbb-ccc-border_dispute", "aaa-ccc-economic_support",
                        "bbb-aaa-threat"):
        assert relation_id in result.stdout
    assert "3 relation(s) extracted in" in result.stdout
    result = run("review", "list", "--data", str(path), "--type", "threat", "--format", "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["bbb-aaa-threat"]
    result = run("review", "list", "--data", str(path), "--source", "echo-1", "--format",
                 "json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["bbb-ccc-border_dispute"]


def test_list_usage_errors(path: Path) -> None:
    result = run("review", "list", "--data", str(path), "--type", "hug")
    assert result.exit_code == 2 and "'hug' is not a relation type" in result.stderr
    assert run("review", "list", "--data", str(path), "--status", "maybe").exit_code == 2


def test_accept_reject_and_undo(path: Path) -> None:
    original = path.read_bytes()
    result = run("review", "accept", "bbb-ccc-border_dispute", "--as-type", "rivalry",
                 "--confidence", "0.6", "--data", str(path))
    assert result.exit_code == 0, result.output
    assert "accepted bbb-ccc-border_dispute (type rivalry, confidence 0.6)" in result.stdout
    assert "explorer undo" in result.stdout
    relation = store.load(path).relation("bbb-ccc-border_dispute")
    assert (relation.status, relation.type, relation.reviewed_by) == (
        "curated", "rivalry", "cli-tester")
    accepted = path.read_bytes()

    result = run("review", "reject", "bbb-aaa-threat", "--reason", "a headline",
                 "--data", str(path))
    assert result.exit_code == 0, result.output
    relation = store.load(path).relation("bbb-aaa-threat")
    assert (relation.status, relation.review_note) == ("rejected", "a headline")

    result = run("undo", "--data", str(path))
    assert result.exit_code == 0, result.output
    assert "undid: rejected bbb-aaa-threat" in result.stdout
    assert path.read_bytes() == accepted
    assert original != accepted


def test_undo_and_redo_are_separate_and_say_what_they_do(path: Path) -> None:
    original = path.read_bytes()
    assert run("review", "accept", "bbb-ccc-border_dispute", "--data", str(path)).exit_code == 0
    accepted = path.read_bytes()
    assert run("review", "reject", "bbb-aaa-threat", "--data", str(path)).exit_code == 0
    rejected = path.read_bytes()

    listed = run("history", "--data", str(path)).stdout.splitlines()
    assert len(listed) == 2  # newest first
    assert listed[0].endswith("in the file  rejected bbb-aaa-threat ← undo")
    assert listed[1].endswith("in the file  accepted bbb-ccc-border_dispute")
    result = run("undo", "--data", str(path))
    assert "undid: rejected bbb-aaa-threat" in result.stdout
    result = run("undo", "--data", str(path))  # a second undo goes one step further back
    assert "undid: accepted bbb-ccc-border_dispute" in result.stdout
    assert path.read_bytes() == original
    result = run("undo", "--data", str(path))
    assert result.exit_code == 1 and "refused[nothing-to-undo]" in result.stderr
    listed = run("history", "--data", str(path)).stdout
    assert "undone" in listed and "accepted bbb-ccc-border_dispute ← redo" in listed

    result = run("redo", "--data", str(path))
    assert result.exit_code == 0 and "redid: accepted bbb-ccc-border_dispute" in result.stdout
    assert path.read_bytes() == accepted
    result = run("redo", "--data", str(path))
    assert "redid: rejected bbb-aaa-threat" in result.stdout
    assert path.read_bytes() == rejected
    result = run("redo", "--data", str(path))
    assert result.exit_code == 1 and "refused[nothing-to-redo]" in result.stderr

    # a new change after an undo clears what could be redone
    assert run("undo", "--data", str(path)).exit_code == 0
    assert run("review", "reject", "aaa-ccc-economic_support", "--data", str(path)
               ).exit_code == 0
    result = run("redo", "--data", str(path))
    assert result.exit_code == 1 and "nothing to redo" in result.stderr
    data = json.loads(run("history", "--format", "json", "--data", str(path)).stdout)
    assert [e["summary"].split(" (")[0] for e in data["entries"]] == [
        "accepted bbb-ccc-border_dispute", "rejected aaa-ccc-economic_support"]
    assert data["position"] == 2 and data["aligned"]


def test_unknown_id_is_a_usage_error(path: Path) -> None:
    result = run("review", "accept", "nope", "--data", str(path))
    assert result.exit_code == 2
    assert "no relation has the id `nope`" in result.stderr


def test_refusals_exit_1_and_write_nothing(path: Path) -> None:
    before = path.read_bytes()
    result = run("review", "accept", "aaa-bbb-alliance", "--data", str(path))
    assert result.exit_code == 1 and "already curated" in result.stderr
    result = run("review", "accept", "bbb-aaa-threat", "--confidence", "1.5",
                 "--data", str(path))
    assert result.exit_code == 1
    line = before.decode().splitlines().index("    confidence: 0.3") + 1
    assert f"{path}:{line}:17: error[confidence-range]: relations[4].confidence" in \
        result.stderr
    assert "nothing was written" in result.stderr
    result = run("undo", "--data", str(path))
    assert result.exit_code == 1 and "nothing to undo" in result.stderr
    assert path.read_bytes() == before


def test_undo_refuses_after_an_edit_in_an_editor(path: Path) -> None:
    assert run("review", "reject", "bbb-aaa-threat", "--data", str(path)).exit_code == 0
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# the analyst's own edit\n")
    theirs = path.read_bytes()
    result = run("undo", "--data", str(path))
    assert result.exit_code == 1
    assert "changed since the explorer's last write" in result.stderr
    assert path.read_bytes() == theirs


def test_invalid_data_file_exits_1_with_its_problems(write_yaml) -> None:
    path = write_yaml("version: 1\nactors:\n  - {id: AAA, name: A, kind: planet}\n")
    result = run("review", "accept", "x", "--data", str(path))
    assert result.exit_code == 1 and "error[bad-value]" in result.stderr


def test_review_docs_show_every_review_command_and_option() -> None:
    import typer

    from .conftest import ROOT

    section = (ROOT / "docs" / "review.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    commands = {f"explorer review {name}": command
                for name, command in root.commands["review"].commands.items()}
    for name in ("undo", "redo", "history"):
        commands[f"explorer {name}"] = root.commands[name]
    missing = [name for name in commands if name not in section]
    missing += [f"{name} {option}" for name, command in commands.items()
                for param in command.params for option in param.opts
                if option.startswith("--") and option not in section]
    assert not missing, f"docs/review.md does not show: {missing}"
