"""The two YAML parsers: scalar resolution, safety, positions, and that they agree."""

from __future__ import annotations

import datetime as dt
import io
import math
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explorer.parse import ParseFailed, parse_fast, parse_located, resolve_plain

# ------------------------------------------------------------ resolution


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("", None), ("~", None), ("null", None), ("NULL", None),
        ("true", True), ("False", False),
        # YAML 1.2: these stay strings (PyYAML's 1.1 reading would make them booleans)
        ("yes", "yes"), ("NO", "NO"), ("on", "on"), ("Off", "Off"), ("y", "y"),
        ("12", 12), ("-3", -3), ("+7", 7), ("017", 17), ("1_000", 1000),
        ("0x1F", 31), ("0o17", 15), ("0b101", 5),
        ("0.5", 0.5), (".5", 0.5), ("1e3", 1000.0), ("-1.5e-3", -0.0015),
        ("1:20", "1:20"), ("12e", "12e"), (".", "."),
        ("2024-06-19", dt.date(2024, 6, 19)),
        ("2024-02-30", "2024-02-30"),
        ("2024-6-1", "2024-6-1"),
        ("2024-06-19T10:00:00Z", dt.datetime(2024, 6, 19, 10, 0, tzinfo=dt.UTC)),
        ("North Korea", "North Korea"),
    ],
)
def test_plain_scalars_resolve_as_yaml_1_2(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_special_floats() -> None:
    assert resolve_plain(".inf") == math.inf
    assert resolve_plain("-.Inf") == -math.inf
    assert math.isnan(resolve_plain(".nan"))


# -------------------------------------------------------------- safety


def test_python_tags_are_refused_and_never_run(tmp_path) -> None:
    marker = tmp_path / "ran"
    text = f"actors: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(ParseFailed):
        parse_fast(text)
    located = parse_located(text)
    assert [p.code for p in located.problems] == ["yaml-tag"]
    assert (located.problems[0].line, located.problems[0].column) == (1, 9)
    assert not marker.exists()


def test_local_tags_are_refused() -> None:
    located = parse_located("a:\n  - !custom {b: 1}\n")
    assert [(p.code, p.line) for p in located.problems] == [("yaml-tag", 2)]


def billion_laughs(levels: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghijk"[: levels - 1]:
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text


def test_alias_bomb_is_refused_by_both_parsers() -> None:
    text = billion_laughs()
    with pytest.raises(ParseFailed):
        parse_fast(text)
    located = parse_located(text)
    assert [p.code for p in located.problems] == ["yaml-alias-limit"]
    assert located.data is None


def test_a_few_aliases_are_fine() -> None:
    text = "base: &b {kind: state}\nother: *b\n"
    assert parse_fast(text) == parse_located(text).data == {
        "base": {"kind": "state"}, "other": {"kind": "state"}}


def test_duplicate_keys_are_reported_at_the_second_key() -> None:
    text = "actors:\n  - id: A\n    name: x\n    id: B\n"
    with pytest.raises(ParseFailed):
        parse_fast(text)
    problems = parse_located(text).problems
    assert [(p.code, p.line, p.column, p.path) for p in problems] == [
        ("duplicate-key", 4, 5, "actors[0].id")]
    assert "first at line 2" in problems[0].message


def test_second_document_is_reported() -> None:
    problems = parse_located("a: 1\n---\nb: 2\n").problems
    assert [(p.code, p.line) for p in problems] == [("multiple-documents", 2)]


def test_tab_indentation_is_named() -> None:
    problems = parse_located("a:\n\t- 1\n").problems
    assert [(p.code, p.line, p.column) for p in problems] == [("yaml-tab", 2, 1)]


def test_syntax_error_has_line_and_column() -> None:
    problems = parse_located("a: [1, 2\nb: 3\n").problems
    assert problems[0].code == "yaml-syntax"
    assert problems[0].line == 2


def test_indicator_starting_a_flow_scalar_is_refused_by_both() -> None:
    # invalid YAML (a plain scalar cannot start with `>` or `|`) that yaml_rs alone accepts
    for text in ("share: [>=0.8]\n", "a: {b: |x}\n", "a: {b: :0}\n", "a: {b: ?x}\n",
                 "a: [:x]\n"):
        with pytest.raises(ParseFailed):
            parse_fast(text)
        assert [p.code for p in parse_located(text).problems] == ["yaml-syntax"]
    assert parse_fast("notes: >-\n  folded\n") == {"notes": "folded"}
    assert parse_fast("a: [1, -1, -x]\n") == {"a": [1, -1, "-x"]}
    assert parse_located("a: :0\n").data == {"a": ":0"}  # fine in block context


# ------------------------------------------------------------- positions


def test_positions_of_nested_values_and_keys() -> None:
    text = "relations:\n  - id: r1\n    target: PRK\n    evidence:\n      - quote: hi\n"
    located = parse_located(text)
    assert located.position(("relations", 0, "target")) == (3, 13)
    assert located.position(("relations", 0, "target"), key=True) == (3, 5)
    assert located.position(("relations", 0, "evidence", 0, "quote")) == (5, 16)
    # a path that does not exist falls back to the nearest enclosing value
    assert located.position(("relations", 0, "confidence")) == (2, 5)


# ------------------------------------------------- the parsers agree (differential)

PLAIN_TRICKY = [
    "yes", "no", "NO", "on", "off", "true", "False", "null", "~", "12", "-3", "+4", "017",
    "0x1F", "0o17", "0b11", "1_000", "1.5", ".5", "1e3", "-2.5E-2", ".inf", "-.inf",
    "2024-06-19", "2024-02-30", "2024-6-1", "2024-06-19T10:00:00Z", "2019", "0.25-0.5",
    ">=0.8", "3am", "U.S.", "U.S.-led", "Kim Jong-un", "CHN", "kim-jong-un", "1:20",
]
word = st.text(alphabet=string.ascii_letters + string.digits + " .-_'’é", min_size=1,
               max_size=20).map(str.strip).filter(
    lambda s: s and s[0] not in "-.'’" and not s.endswith(("-", ":")) and "  " not in s)
plain = st.one_of(st.sampled_from(PLAIN_TRICKY), word)
quoted_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@st.composite
def scalar(draw) -> str:
    kind = draw(st.sampled_from(["plain", "double", "single"]))
    if kind == "plain":
        return draw(plain)
    text = draw(quoted_text)
    if kind == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "'" + text.replace("'", "''") + "'"


@st.composite
def block(draw, depth: int = 0, indent: int = 0) -> str:
    pad = " " * indent
    if depth >= 3 or draw(st.booleans()):
        keys = draw(st.lists(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), min_size=1,
                             max_size=4, unique=True))
        lines = []
        for key in keys:
            if depth < 3 and draw(st.integers(0, 3)) == 0:
                lines.append(f"{pad}{key}:\n" + draw(block(depth + 1, indent + 2)))
            elif draw(st.integers(0, 5)) == 0:
                items = draw(st.lists(scalar(), max_size=4))
                lines.append(f"{pad}{key}: [{', '.join(items)}]\n")
            else:
                lines.append(f"{pad}{key}: {draw(scalar())}\n")
        return "".join(lines)
    items = draw(st.lists(scalar(), min_size=1, max_size=4))
    return "".join(f"{pad}- {item}\n" for item in items)


def normal(value):
    """Comparable form: NaN equals NaN, tuples and lists alike."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return {normal(k): normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normal(v) for v in value]
    return value


def check_agreement(text: str) -> None:
    located = parse_located(text)
    try:
        fast = parse_fast(text)
    except ParseFailed:
        fast = ParseFailed
    if located.problems:
        assert fast is ParseFailed, (text, located.problems)
    elif fast is not ParseFailed:
        assert normal(fast) == normal(located.data), text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(block())
def test_parsers_agree_on_hand_styled_documents(text: str) -> None:
    check_agreement(text)


json_like = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
              st.floats(allow_nan=False, allow_infinity=True), quoted_text,
              st.dates(min_value=dt.date(1000, 1, 1))),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True), children,
                        max_size=4)),
    max_leaves=20,
)


def emit(value, flow: bool) -> str:
    """YAML text of a value as the explorer writes it (ruamel.yaml, with `edit.emit`'s
    choice of style: text the data file's parser would read as a number is quoted).
    PyYAML's emitter follows YAML 1.1 and leaves e.g. the string `0E0` unquoted,
    which YAML 1.2 reads as a number."""
    from ruamel.yaml import YAML

    from explorer.edit.emit import to_node

    def styled(v):  # each text as `edit.emit` writes it; nulls kept (entries drop them)
        if isinstance(v, dict):
            return {k: styled(x) for k, x in v.items()}
        if isinstance(v, list):
            return [styled(x) for x in v]
        return to_node("root", v) if isinstance(v, str) else v

    writer = YAML()
    writer.default_flow_style = flow
    writer.width = 10**6
    buffer = io.StringIO()
    writer.dump({"root": styled(value)}, buffer)
    return buffer.getvalue()


@settings(max_examples=300, deadline=None)
@given(json_like, st.booleans())
@example("_0", False)  # `_0`: a number to the data file's parser, so written quoted
@example("a\u2028b", False)  # NEL/U+2028/U+2029: ruamel folds the line there unless quoted
@example({"k": "a\x85b"}, True)
@example(["?0"], True)  # `[?0]`: a key to libyaml, the text "?0" to YAML 1.2: refused
def test_parsers_agree_on_emitted_documents(value, flow: bool) -> None:
    text = emit(value, flow)
    check_agreement(text)
    located = parse_located(text)
    if located.problems:  # YAML 1.2 forms libyaml refuses, e.g. `{root: :0}`: both refuse
        assert {p.code for p in located.problems} == {"yaml-syntax"}, text
    else:
        assert normal(located.data) == normal({"root": value})
