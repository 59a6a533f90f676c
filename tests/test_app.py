"""The web app driven headlessly (streamlit.testing AppTest): every page, filters,
the URL, the error view for a broken file and recovery, the data reload."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer import store
from explorer.app import filters
from explorer.app.ui import md, safe_url
from explorer.graph import ViewParams

MAIN = Path(__file__).resolve().parent.parent / "explorer" / "app" / "main.py"
DATA = Path(__file__).parent / "data"
MINIMAL = (DATA / "valid-minimal.yaml").read_text(encoding="utf-8")
PAGES = ["views/graph.py", "views/relations.py", "views/actors.py", "views/dyads.py",
         "views/changes.py", "views/sources.py"]


@pytest.fixture
def app(monkeypatch):
    """An AppTest on a data file of the test's choosing."""

    def start(path: Path, page: str | None = None, query: dict | None = None) -> AppTest:
        monkeypatch.setenv("EXPLORER_DATA", str(path))
        at = AppTest.from_file(str(MAIN), default_timeout=120)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        if page:
            at.switch_page(page)
        return at.run()

    return start


def graph_payload(at: AppTest, name: str = "graph") -> dict:
    """The data the graph component was given on the last run."""
    for element in at.main:
        proto = getattr(element, "proto", None)
        if getattr(proto, "component_name", "") == "explorer_network":
            data = json.loads(proto.json)
            if data["name"] == name:
                return {**json.loads(data.pop("drawing")), **data}
    raise AssertionError("no graph component on the page")


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error",
                                  "subheader") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def no_failure(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not [e.value for e in at.error], [e.value for e in at.error]


# ------------------------------------------------------------------ every page
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_curated_data(app, page):
    at = app(Path("data/relations.yaml").resolve(), page)
    no_failure(at)
    heading = {"graph": "Graph", "relations": "Relations", "actors": "Actors",
               "dyads": "Dyads and triangles", "changes": "Changes", "sources": "Sources"}
    assert at.subheader[0].value == heading[Path(page).stem]


def test_graph_draws_the_view_and_a_filter_changes_it(app, write_yaml):
    at = app(write_yaml(MINIMAL))
    no_failure(at)
    data = graph_payload(at)
    # valid-minimal: AAA–BBB alliance, CCC → ana-avar pressure. Persons are folded into
    # their states by default (as in `explorer stats`): Ana Avar acts for Avaria
    assert {n["id"] for n in data["nodes"]} == {"AAA", "BBB", "CCC"}
    assert "persons folded into their states" in texts(at)
    at.sidebar.multiselect(key="f_types").set_value(["alliance"]).run()
    data = graph_payload(at)
    assert {n["id"] for n in data["nodes"]} == {"AAA", "BBB"}
    assert at.query_params["types"] == "alliance"
    at.sidebar.toggle(key="f_project").set_value(False).run()
    at.sidebar.multiselect(key="f_types").set_value([]).run()
    # apart: Cordia's pressure lands on Ana Avar herself
    data = graph_payload(at)
    assert {n["id"] for n in data["nodes"]} == {"AAA", "BBB", "CCC", "ana-avar"}
    assert at.query_params["project"] == "0"
    assert "persons apart from their states" in texts(at)


def test_node_cap_keeps_the_highest_ranked_actors_and_says_so(app):
    at = app(Path("data/relations.yaml").resolve(), query={"nodes": "3", "size": "degree"})
    no_failure(at)
    data = graph_payload(at)
    assert len(data["nodes"]) == 3
    dataset = store.load("data/relations.yaml")
    degree: dict[str, int] = {}
    for r in dataset.relations:
        if r.status != "rejected":
            for end in (r.source, r.target):
                degree[end] = degree.get(end, 0) + 1
    top = sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    assert {n["id"] for n in data["nodes"]} == {a for a, _ in top}
    assert any("Showing the 3 actors with the highest degree" in i.value for i in at.info)
    raise_button = next(b for b in at.button if b.label.startswith("Draw "))
    raise_button.click().run()
    assert len(graph_payload(at)["nodes"]) == 6


def test_node_cap_follows_the_size_measure(app):
    from explorer.analysis.actors import measure
    from explorer.graph import make_view

    at = app(Path("data/relations.yaml").resolve(), query={"nodes": "4", "size": "pagerank"})
    no_failure(at)
    rank = measure(make_view(store.load("data/relations.yaml"), ViewParams(project=True)),
                   "pagerank")
    top = sorted(rank.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
    assert {n["id"] for n in graph_payload(at)["nodes"]} == {a for a, _ in top}
    assert any("highest pagerank" in i.value for i in at.info)


def test_selection_in_the_url_opens_the_panels(app, write_yaml):
    path = write_yaml(MINIMAL)
    at = app(path, query={"sel": "node:AAA"})
    no_failure(at)
    assert "Avaria" in texts(at)
    assert "Measures in this view" in texts(at)
    at = app(path, query={"sel": "edge:aaa-bbb-alliance"})
    no_failure(at)
    shown = texts(at)
    assert md("Avaria and Borduria signed a defence pact on Monday.") in shown
    assert md("Avaria and Borduria have signed a pact.") in shown  # the copy's quote
    assert "Evidence" in shown and "2 quote(s), 1 independent source(s)" in shown
    assert md("The Gazette") in shown and "reliability B" in shown
    assert at.query_params["sel"] == "edge:aaa-bbb-alliance"


def test_actor_search_selects_the_actor(app, write_yaml):
    at = app(write_yaml(MINIMAL))
    at.sidebar.selectbox(key="g_search").set_value("CCC").run()
    no_failure(at)
    assert graph_payload(at)["selected"] == {"kind": "node", "id": "CCC"}
    assert "Cordia" in texts(at)
    assert at.query_params["sel"] == "node:CCC"


def test_relations_page_filters_searches_and_downloads(app, write_yaml):
    at = app(write_yaml(MINIMAL), "views/relations.py")
    no_failure(at)
    assert len(at.dataframe[0].value) == 2
    at.text_input(key="r_search").input("cordia urged").run()
    table = at.dataframe[0].value
    assert list(table["relation"]) == ["ccc-aaa-pressure"]
    assert at.query_params["q"] == "cordia urged"
    at.text_input(key="r_search").input("").run()
    at.sidebar.multiselect(key="f_modality").set_value(["hedged"]).run()
    assert list(at.dataframe[0].value["relation"]) == ["ccc-aaa-pressure"]
    assert at.dataframe[0].value.iloc[0]["evidence"] == 1


def test_actors_page_measures_follow_the_filters(app, write_yaml):
    at = app(write_yaml(MINIMAL), "views/actors.py")
    no_failure(at)
    table = at.dataframe[0].value
    assert set(table["actor"]) == {"AAA", "BBB", "CCC"}  # Ana Avar folded into Avaria
    at.sidebar.toggle(key="f_project").set_value(False).run()
    assert set(at.dataframe[0].value["actor"]) == {"AAA", "BBB", "CCC", "ana-avar"}
    at.sidebar.selectbox(key="f_focus").set_value("CCC").run()
    assert set(at.dataframe[0].value["actor"]) == {"CCC", "ana-avar"}
    assert at.query_params["focus"] == "CCC"
    at.selectbox(key="a_measure").set_value("pressure_received").run()
    assert at.query_params["measure"] == "pressure_received"
    degree = dict(zip(at.dataframe[0].value["actor"], at.dataframe[0].value["degree"],
                      strict=True))
    assert degree == {"CCC": 1, "ana-avar": 1}


def test_dyads_page_reads_no_dependence_from_thanks(app, write_yaml):
    """Avaria's thanks to Borduria (diplomatic support, words) make nobody dependent;
    Cordia's rifles for Avaria (military support) make Avaria depend on Cordia."""
    path = write_yaml(MINIMAL.replace("relations:\n", """relations:
  - id: aaa-bbb-thanks
    source: AAA
    target: BBB
    type: diplomatic_support
    confidence: 0.8
    evidence: [{source: gazette-1, quote: Avaria thanked Borduria on Monday.}]
  - id: ccc-aaa-rifles
    source: CCC
    target: AAA
    type: military_support
    confidence: 0.6
    evidence: [{source: gazette-1, quote: Cordia sold rifles to Avaria.}]
""", 1))
    at = app(path, "views/dyads.py")
    no_failure(at)
    leaning = at.dataframe[0].value
    assert list(zip(leaning["depends"], leaning["on"], strict=True)) == [("Avaria", "Cordia")]
    assert leaning["support balance"].iloc[0] == pytest.approx(0.6)


def test_dyads_page_on_the_curated_data(app):
    at = app(Path("data/relations.yaml").resolve(), "views/dyads.py")
    no_failure(at)
    asymmetry = at.dataframe[0].value
    # the curated file says North Korea gets at least 80% of its oil from China
    row = asymmetry[(asymmetry["depends"] == "North Korea") & (asymmetry["on"] == "China")]
    assert len(row) == 1 and "at least 80% of its oil from China" in row.iloc[0]["shares"]
    triangles = at.dataframe[1].value
    assert len(triangles) == int(at.metric[0].value)
    at.selectbox(key="d_pair").set_value(("CHN", "PRK")).run()
    assert at.query_params["pair"] == "CHN,PRK"
    timeline = at.dataframe[2].value
    dataset = store.load("data/relations.yaml")
    # persons folded into their states: Xi's and Kim's relations are China's and North Korea's
    expected = {r.id for r in dataset.relations
                if {dataset.state_of(r.source), dataset.state_of(r.target)} == {"CHN", "PRK"}
                and r.status != "rejected"}
    assert {label.split(" · ")[-1] for label in timeline["relation"]} == expected
    # every quote's source carries a publication date: each relation is "reported"
    assert set(timeline["what"]) == {"reported"} | (
        {"in force"} if any(dataset.relation(i).since for i in expected) else set())


def test_changes_page_counts_what_started(app, write_yaml):
    text = MINIMAL.replace("    since: 2024-01-15\n", "    since: 2024-01-15\n"
                           "    until: 2024-03-01\n")
    at = app(write_yaml(text), "views/changes.py",
             query={"a": "2024-02-01", "b": "2024-04-01"})
    no_failure(at)
    started, ended, changed = (int(m.value) for m in at.metric[:3])
    # the alliance ends on 1 March; the undated pressure is in force on both dates
    assert (started, ended, changed) == (0, 1, 0)
    at.date_input(key="c_a").set_value("2023-12-01").run()
    started, ended, _ = (int(m.value) for m in at.metric[:3])
    assert (started, ended) == (0, 0)
    assert at.query_params["a"] == "2023-12-01"
    data = graph_payload(at, name="changes")
    assert {e["change"] for e in data["edges"]} == {"unchanged"}


def test_sources_page_lists_derivation_and_quotes(app, write_yaml):
    at = app(write_yaml(MINIMAL), "views/sources.py")
    no_failure(at)
    table = at.dataframe[0].value.set_index("source")
    assert table.loc["echo-1", "derived from"] == "gazette-1"
    assert table.loc["echo-1", "original"] == "gazette-1"
    assert table.loc["gazette-1", "relations"] == 2 and table.loc["gazette-1", "quotes"] == 2
    assert table.loc["gazette-1", "copies"] == 1
    at.selectbox(key="s_source").set_value("echo-1").run()
    quotes = at.dataframe[1].value
    assert list(quotes["quote"]) == ["Avaria and Borduria have signed a pact."]
    assert at.query_params["source_id"] == "echo-1"
    at = app(write_yaml(MINIMAL), "views/sources.py", query={"source_id": "nowhere"})
    assert "source\\_id" in at.warning[0].value
    assert at.selectbox(key="s_source").value == "gazette-1"


# ----------------------------------------------------------------- the URL
def test_query_parameters_round_trip(app, write_yaml):
    path = write_yaml(MINIMAL)
    query = {"types": "alliance,pressure", "min_confidence": "0.5", "status": "curated",
             "project": "0", "size": "pagerank", "nodes": "50"}
    at = app(path, query=query)
    no_failure(at)
    assert at.sidebar.multiselect(key="f_types").value == ["alliance", "pressure"]
    assert at.sidebar.slider(key="f_confidence").value == 0.5
    assert at.sidebar.toggle(key="f_project").value is False
    assert at.sidebar.selectbox(key="g_size").value == "pagerank"
    written = {k: at.query_params[k] for k in at.query_params}
    assert written == query
    assert ViewParams.from_query(written) == ViewParams(
        types={"alliance", "pressure"}, min_confidence=0.5, statuses={"curated"}, project=False)
    # the same link opened again gives the same drawing
    again = app(path, query=written)
    assert graph_payload(again)["nodes"] == graph_payload(at)["nodes"]


def test_invalid_query_parameters_are_explained_and_dropped(app, write_yaml):
    at = app(write_yaml(MINIMAL), query={"min_confidence": "lots", "types": "nonexistent",
                                         "modality": "hedged", "size": "bigness"})
    assert not at.exception
    warning = "\n".join(w.value for w in at.warning)
    assert "min\\_confidence" in warning and "nonexistent" in warning
    assert "size" in warning
    # the valid part of the link still applies
    assert at.query_params["modality"] == "hedged"
    assert "types" not in at.query_params and "min_confidence" not in at.query_params
    assert {n["id"] for n in graph_payload(at)["nodes"]} == {"CCC", "AAA"}  # folded


# ------------------------------------------------------- errors and reloads
def test_a_broken_file_shows_the_validator_problems(app, write_yaml):
    path = write_yaml(MINIMAL.replace("    target: BBB\n", "    target: ZZZ\n"))
    at = app(path)
    assert not at.exception
    assert "cannot be loaded" in at.error[0].value
    expected = "\n".join(p.format() for p in store.check(path).problems)
    assert at.code[0].value == expected
    assert re.search(r":\d+:\d+: error\[unknown-actor\]", at.code[0].value)
    assert not at.subheader  # no page drawn without data


def test_the_last_valid_state_stays_while_the_file_is_broken(app, write_yaml):
    path = write_yaml(MINIMAL)
    at = app(path)
    assert len(graph_payload(at)["nodes"]) == 3
    path.write_text(MINIMAL + "  - id: broken\n    source: [\n", encoding="utf-8")
    at.run()
    assert not at.exception
    assert "last valid version" in at.error[0].value
    assert "yaml-syntax" in at.code[0].value
    assert len(graph_payload(at)["nodes"]) == 3  # still drawn
    fixed = MINIMAL.replace("    confidence: 0.6\n", "    confidence: 0.6\n    until: 2023-01-01\n")
    path.write_text(fixed, encoding="utf-8")
    at.run()
    assert not at.error
    assert any(c.value.startswith("4 actors") for c in at.sidebar.caption)


def test_an_edit_saved_on_disk_shows_on_the_next_interaction(app, write_yaml):
    path = write_yaml(MINIMAL)
    at = app(path, "views/relations.py")
    assert len(at.dataframe[0].value) == 2
    path.write_text(MINIMAL + """\
  - id: bbb-ccc-meeting
    source: BBB
    target: CCC
    type: meeting
    confidence: 0.7
    judgement: Both foreign ministers said so on the record.
""", encoding="utf-8")
    at.run()
    assert len(at.dataframe[0].value) == 3


def test_an_unexpected_error_is_a_short_message(app, write_yaml, monkeypatch):
    from explorer.app import tables

    def fail(view):
        raise RuntimeError("the table could not be built")

    monkeypatch.setattr(tables, "relations_table", fail)
    at = app(write_yaml(MINIMAL), "views/relations.py")
    assert not at.exception
    assert len(at.error) == 1
    assert "could not be shown" in at.error[0].value
    assert "RuntimeError" in at.error[0].value and "Traceback" not in at.error[0].value


# ------------------------------------------------------------------ helpers
def test_markdown_escaping_leaves_nothing_active():
    text = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) :red[x] $x$"
    escaped = md(text)
    assert "<" not in escaped.replace("\\<", "")
    assert "[" not in escaped.replace("\\[", "")
    assert "*" not in escaped.replace("\\*", "")
    assert re.sub(r"\\(.)", r"\1", escaped) == text


@pytest.mark.parametrize(("url", "safe"), [
    ("https://www.bbc.com/news/articles/x", True), ("http://example.org/a?b=1#c", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,<script>", False), ("//evil.example/x", False), ("/relative", False),
    ("https://exa mple.org", False), ("https:///nohost", False), ("", False),
])
def test_only_http_urls_become_links(url, safe):
    assert (safe_url(url) is not None) is safe


# ------------------------------------------------------------ the view's state
OLD = MINIMAL.replace("    since: 2024-01-15\n", "    since: 1386\n")


@pytest.mark.parametrize(("page", "query"), [
    (None, {"as_of": "1386-05-01"}),
    (None, {"known_on": "1700-01-01"}),
    (None, {"from": "1300-01-01", "to": "1399-12-31"}),
    ("views/actors.py", {"from": "1200-01-01"}),
    ("views/changes.py", {"a": "1386-01-01", "b": "1390-06-30"}),
    ("views/changes.py", {"a": "1201-01-01", "as_of": "1386-01-01"}),
])
def test_dates_before_1800_in_the_url_are_shown(app, write_yaml, page, query):
    """`since: 1386` is valid data, so a link may well ask for 1386."""
    at = app(write_yaml(OLD), page, query=query)
    no_failure(at)
    for key, value in query.items():
        assert at.query_params[key] == value
    if page is None and "as_of" in query:
        assert at.sidebar.select_slider(key="f_as_of").value.isoformat() == query["as_of"]
        assert {n["id"] for n in graph_payload(at)["nodes"]} == {"AAA", "BBB", "CCC"}


def test_the_in_force_slider_steps_month_by_month_and_plays(app, write_yaml):
    text = MINIMAL.replace("    since: 2024-01-15\n", "    since: 2024-01-15\n"
                           "    until: 2024-03-10\n")
    at = app(write_yaml(text), query={"as_of": "2023-12-01"})
    no_failure(at)
    slider = at.sidebar.select_slider(key="f_as_of")
    months = slider.options
    # every month of the data's span (from its first date to today) and the link's day
    assert months[:4] == ["2023-12-01", "2024-01-01", "2024-02-01", "2024-03-01"]
    assert {n["id"] for n in graph_payload(at)["nodes"]} == {"AAA", "CCC"}  # no alliance yet
    slider.set_value(dt.date(2024, 2, 1)).run()
    assert at.query_params["as_of"] == "2024-02-01"
    assert {n["id"] for n in graph_payload(at)["nodes"]} == {"AAA", "BBB", "CCC"}
    at.sidebar.toggle(key="f_play").set_value(True).run()
    no_failure(at)
    # what each tick of Play does (AppTest does not run the timer; the browser test does)
    steps = [dt.date(2024, m, 1) for m in (1, 2, 3)]
    assert filters.next_step(steps, dt.date(2024, 1, 1)) == (dt.date(2024, 2, 1), False)
    assert filters.next_step(steps, dt.date(2024, 2, 1)) == (dt.date(2024, 3, 1), True)
    assert filters.next_step(steps, dt.date(2024, 3, 1)) == (dt.date(2024, 3, 1), True)
    assert filters.next_step(steps, dt.date(2024, 1, 20)) == (dt.date(2024, 2, 1), False)


def test_the_url_wins_when_the_browser_changes_it(app, write_yaml):
    """Back and Forward hand the script another URL: that view is shown, widgets too."""
    at = app(write_yaml(MINIMAL), query={"types": "alliance"})
    assert at.sidebar.multiselect(key="f_types").value == ["alliance"]
    at.sidebar.slider(key="f_confidence").set_value(0.5).run()
    assert at.query_params["min_confidence"] == "0.5"
    # Back: the previous URL comes in
    for key in list(at.query_params):
        del at.query_params[key]
    at.query_params.update({"types": "alliance", "project": "1"})
    at.run()
    assert at.sidebar.slider(key="f_confidence").value == 0.0
    assert "min_confidence" not in at.query_params
    # a page change (Streamlit sends no parameter at all): the session's view stays
    at.sidebar.slider(key="f_confidence").set_value(0.7).run()
    at.switch_page("views/relations.py")
    for key in list(at.query_params):
        del at.query_params[key]
    at.run()
    assert at.sidebar.slider(key="f_confidence").value == 0.7
    assert at.query_params["min_confidence"] == "0.7" and at.query_params["types"] == "alliance"


def test_dyads_draws_a_relation_that_has_only_until(app, write_yaml):
    text = MINIMAL.replace("    since: 2024-01-15\n", "    until: 2024-03-01\n")
    at = app(write_yaml(text), "views/dyads.py", query={"pair": "AAA,BBB"})
    no_failure(at)
    timeline = at.dataframe[-1].value
    row = timeline[(timeline["what"] == "in force")].iloc[0]
    assert str(row["end"]) == "2024-03-01" and "no start given" in row["detail"]
    # the bar runs from the chart's first date to `until` (it had no length before)
    from explorer.app import charts

    _, chart = charts.pair_timeline(store.load_text(text, "x.yaml"), ["aaa-bbb-alliance"])
    bars = [r for data in chart.to_dict()["datasets"].values() for r in data
            if r["what"] == "in force"]
    assert len(bars) == 1 and bars[0]["start"] < bars[0]["end"] == "2024-03-01T00:00:00"


def test_a_pair_reported_on_one_day_gets_a_dated_axis_and_no_none(write_yaml):
    from explorer.app import charts

    dataset = store.load_text(MINIMAL.replace("    since: 2024-01-15\n", ""), "x.yaml")
    table, chart = charts.pair_timeline(dataset, ["aaa-bbb-alliance"])
    assert set(table["what"]) == {"reported"} and set(table["end"]) == {""}  # not "None"
    spec = chart.to_dict()
    (axis,) = {layer["encoding"]["x"]["axis"]["format"] for layer in spec["layer"]}
    (domain,) = {tuple(layer["encoding"]["x"]["scale"]["domain"]) for layer in spec["layer"]}
    assert axis == "%Y-%m-%d" and domain[0] < domain[1]  # a span, not one instant


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_when_every_confidence_is_zero(app, write_yaml, page):
    """Confidence 0 on every relation (no evidence of any tie): no page fails, and the
    Actors page ranks every actor alike and puts each in a community of its own."""
    text = re.sub(r"confidence: [0-9.]+", "confidence: 0",
                  (DATA.parent.parent / "data" / "relations.yaml").read_text(encoding="utf-8"))
    at = app(write_yaml(text), page)
    no_failure(at)
    if page == "views/actors.py":
        table = at.dataframe[0].value
        assert len(set(table["pagerank"].round(9))) == 1
        assert sorted(table["community"]) == list(range(1, len(table) + 1))
