"""What reaches the terminal from the data: escape sequences, bells, emoji codes and
rich markup in names, ids, quotes and keys are shown as the characters they are."""

from __future__ import annotations

from typer.testing import CliRunner

from explorer import terminal
from explorer.cli import app
from explorer.terminal import safe

from .conftest import ROOT, TEST_DATA

HOSTILE = "ZZ\\e[31m\\a:smile:[bold]"  # as written in YAML (double-quoted escapes)
SHOWN = "ZZ\\x1b[31m\\x07:smile:[bold]"  # as the terminal must show it


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def assert_inert(text: str) -> None:
    """No control character but tab and line feed, no emoji made from `:smile:`."""
    assert not any((ch < " " and ch not in "\t\n") or "\x7f" <= ch <= "\x9f" for ch in text), \
        repr(text)
    assert "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}" not in text


def test_safe_shows_c0_and_c1_controls_as_escapes() -> None:
    assert safe("a\x1b[31mb\x07c\x9b2Jd\te\nf\x7f") == "a\\x1b[31mb\\x07c\\x9b2Jd\te\nf\\x7f"


def test_validate_messages_show_hostile_ids_and_keys_as_text(write_yaml) -> None:
    text = (TEST_DATA / "valid-minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    source: AAA\n", f'    source: "{HOSTILE}"\n'
                        '    "k\\e[2J:smile:": 1\n', 1)
    path = write_yaml(text)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert_inert(result.stderr)
    assert f"no actor has the id `{SHOWN}`" in result.stderr
    assert "`k\\x1b[2J:smile:` is not a field of a relation" in result.stderr


def test_stats_and_review_list_show_emoji_codes_and_markup_as_text(write_yaml, monkeypatch
                                                                   ) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    text = (TEST_DATA / "review-odd-style.yaml").read_text(encoding="utf-8")
    text = text.replace('judgement: "The Echo\'s headline, not its text."',
                        'judgement: "a:b: [bold]not bold[/bold] :smile:"')
    path = write_yaml(text)
    names = [line for line in text.splitlines() if line.strip().startswith("name:")]
    first = names[0].split("name:", 1)[1].strip()
    path.write_text(text.replace(f"name: {first}", 'name: "[bold]Avaria:smile: a:b:"', 1))
    assert run("validate", str(path)).exit_code == 0
    result = run("stats", "--data", str(path), "--no-project")
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    assert "pagerank (PageRank on who depends on whom): [bold]Avaria:smile: a:b: 0.381" \
        in " ".join(result.stdout.split())
    listed = run("review", "list", "--data", str(path))
    assert listed.exit_code == 0, listed.output
    assert_inert(listed.stdout)
    assert "a:b: [bold]not bold[/bold] :smile:" in " ".join(listed.stdout.split())


def test_tables_sent_to_a_pipe_keep_their_words_whole(monkeypatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # as under `explorer stats | head`
    result = run("stats", "--data", str(ROOT / "data" / "relations.yaml"))
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if line.startswith("actor "))
    assert "support_received" in header and "pressure_received" in header, header
    monkeypatch.setenv("COLUMNS", "90")  # the user's own width still decides
    assert terminal.console().width == 90


def test_only_the_terminal_module_makes_a_console() -> None:
    """Every command prints through `terminal.console()` (so every table and message
    is escaped and shown without emoji or markup)."""
    makers = [p for p in (ROOT / "explorer").rglob("*.py")
              if "Console(" in p.read_text(encoding="utf-8") and p.name != "terminal.py"]
    assert makers == [], makers


def test_help_shows_bracketed_text_as_written(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # one line per option
    shown = run("extract", "--help").stdout
    assert "Data file [default: $EXPLORER_DATA or data/relations.yaml]" in shown
    assert "(Ray Data; needs explorer[ray])" in shown
    assert "Actor ids to compare, comma-separated [default: the most connected triangle]" \
        in run("stats", "--help").stdout
