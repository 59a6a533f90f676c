"""Placing problems from the entry they concern, and reading long sections in pieces:
both must give exactly what a whole parse gives (libyaml's event stream for
positions, yaml_rs for data), on files with problems too."""

from __future__ import annotations

import random

import pytest

from bench.synthetic import synthetic_yaml
from explorer import parse, store
from explorer.graph import ViewParams, make_view
from explorer.model import Actor, Dataset, Evidence, Relation, Source
from explorer.parse import parse_fast, parse_located
from explorer.positions import Positions, shape_of
from explorer.validate import validate
from explorer.vocabulary import DEFAULT_TYPES

from .conftest import DATA

CURATED = DATA.read_text(encoding="utf-8")
SYNTHETIC = synthetic_yaml(120)
TOKENS = ["PRKK", "allaince", "1.5", "true", "", "[a, b]", "{a: 1}", "2024-19-06", "-1", "7",
          "G", "stat", '"x\\x01y"', "kim-jong-un", "CHN", "'q'", "null", "x\u2028y", "x\x85y"]


def mutated(text: str, seed: int) -> str:
    """`text` with one to three lines changed at random (a value, a deletion, a copy, a
    misspelt key): the mistakes analysts make."""
    rng = random.Random(seed)
    lines = text.splitlines(keepends=True)
    for _ in range(rng.choice([1, 1, 2, 3])):
        j = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.6 and ":" in lines[j]:
            lines[j] = lines[j].partition(":")[0] + ": " + rng.choice(TOKENS) + "\n"
        elif op < 0.75:
            del lines[j]
        elif op < 0.9:
            lines.insert(j, lines[j])
        else:
            lines.insert(j, lines[j].split(":")[0] + "x: 1\n")
    return "".join(lines)


def assert_same_positions(text: str) -> tuple[int, bool]:
    """Every finding of `text` placed from its entry is where a whole located parse
    puts it; returns how many findings were compared, and whether the scan vouched for
    the text (else it was parsed whole, as before)."""
    try:
        data = parse_fast(text)
    except parse.ParseFailed:
        return 0, False  # the located parser reads such text whole anyway
    shape = shape_of(data)
    _, findings = validate(data)
    whole = parse_located(text)
    entries = Positions(text, shape, small=0)  # parse entries, never whole sections
    for finding in findings:
        expected = whole.position(finding.path, key=finding.at_key)
        assert entries.position(finding.path, key=finding.at_key) == expected, (
            finding, text)
    return len(findings), not entries.parsed_whole


@pytest.mark.parametrize("base", ["curated", "synthetic"])
def test_positions_from_entries_match_a_whole_parse(base: str) -> None:
    text = CURATED if base == "curated" else SYNTHETIC
    results = [assert_same_positions(mutated(text, seed)) for seed in range(100)]
    assert sum(n for n, _ in results) > 80
    assert sum(scanned for n, scanned in results if n) > 0.8 * sum(1 for n, _ in results if n)


@pytest.mark.parametrize("variant", ["crlf", "zero indent", "comments", "flow section",
                                     "anchors"])
def test_positions_in_unusual_layouts(variant: str) -> None:
    text = CURATED.replace("    target: PRK\n", "    target: PRKK\n", 1).replace(
        "    name: Japan\n", "    name: Japan\n    capital: Tokyo\n")
    if variant == "crlf":
        text = text.replace("\n", "\r\n")
    elif variant == "zero indent":
        text = "".join(line[2:] if line.startswith("  ") else line
                       for line in text.splitlines(keepends=True))
    elif variant == "comments":
        text = text.replace("\nrelations:\n", "\n# the relations\nrelations:  # all\n\n  # one\n")
    elif variant == "flow section":
        text = text.replace("sources:\n", "relation_types: [{id: ally, label: Ally}]\nsources:\n")
    else:
        text = text.replace("    kind: state\n", "    kind: &k state\n", 1).replace(
            "    kind: state\n", "    kind: *k\n", 1)
    compared, scanned = assert_same_positions(text)
    assert compared >= 2
    assert scanned or variant == "anchors"  # an alias in an entry: that entry is read whole


def test_a_typo_is_placed_without_parsing_the_whole_file(write_yaml) -> None:
    text = synthetic_yaml(2000)
    cut = text.rindex("    target: ")
    text = text[:cut] + "    target: XXQ" + text[text.index("\n", cut):]
    data = parse_fast(text)
    positions = Positions(text, shape_of(data))
    (finding,) = validate(data)[1]
    assert positions.position(finding.path) == parse_located(text).position(finding.path)
    assert positions.entries_parsed == 1 and not positions.parsed_whole


# ------------------------------------------------------------- reading in pieces
def test_reading_in_pieces_gives_the_same_dataset(monkeypatch) -> None:
    text = synthetic_yaml(400)
    whole = store.load_text(text)
    monkeypatch.setattr(parse, "PIECE", 5_000)
    pieces: list[int] = []
    data = parse_fast(text, each=lambda section, items, start: pieces.append(start))
    assert len(pieces) > 10 and pieces == sorted(pieces)
    assert data == parse_fast(text)
    in_pieces = store.load_text(text)
    assert in_pieces.relations == whole.relations and in_pieces.actors == whole.actors


def test_problems_read_in_pieces_are_placed_as_before(monkeypatch) -> None:
    text = mutated(synthetic_yaml(400), 7).replace("confidence: 0.9", "confidence: 9", 3)
    expected = store.check("x.yaml", text=text).problems
    monkeypatch.setattr(parse, "PIECE", 5_000)
    assert store.check("x.yaml", text=text).problems == expected
    assert len(expected) >= 3


def test_a_piece_the_scan_cut_wrongly_is_read_whole(monkeypatch) -> None:
    # a quoted string that spans lines, one of which looks like an item
    # (yaml_rs refuses the text, libyaml reads it: the located parser is the reader)
    text = synthetic_yaml(300).replace('    summary: "', '    summary: "Item\n  - like ', 1)
    monkeypatch.setattr(parse, "PIECE", 5_000)
    with pytest.raises(parse.PiecesFailed):
        parse_fast(text, each=lambda *_: None)
    dataset = store.load_text(text)
    assert dataset.relations[0].summary.startswith("Item - like ")
    assert len(dataset.relations) == 300


# ------------------------------------------------------------- folded views
def test_a_represents_cycle_never_turns_a_relation_around() -> None:
    # validation refuses the cycle; a Dataset built without it must still not fold
    # `org-a → org-b` into `org-b → org-a`
    actors = (Actor(id="org-a", name="A", kind="organisation", represents="org-b"),
              Actor(id="org-b", name="B", kind="organisation", represents="org-a"))
    relation = Relation(id="r", source="org-a", target="org-b", type="pressure",
                        confidence=0.5, evidence=(Evidence(source="s", quote="q"),))
    dataset = Dataset(actors=actors, sources=(Source(id="s"),), relations=(relation,),
                      types=DEFAULT_TYPES)
    view = make_view(dataset, ViewParams(project=True))
    assert [(u, v) for u, v, *_ in view.edges] == [("org-a", "org-b")]
