"""The machine-coded events layer in the app (AppTest): the sidebar switch, a pair's
events beside its curated relations, and the "Events vs the file" page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer.events.importer import import_files

MAIN = Path(__file__).resolve().parent.parent / "explorer" / "app" / "main.py"
DATA = Path(__file__).parent / "data"
EVENTS = DATA / "events"


@pytest.fixture
def scenario(tmp_path: Path, monkeypatch) -> Path:
    """The scenario data file, with both event fixtures imported into the store beside it."""
    monkeypatch.delenv("EXPLORER_EVENTS", raising=False)
    path = tmp_path / "relations.yaml"
    shutil.copy(DATA / "events-scenario.yaml", path)
    store = tmp_path / "relations.events.duckdb"
    import_files([EVENTS / "gdelt-sample.export.CSV"], "gdelt", store)
    import_files([EVENTS / "polecat-sample.txt"], "polecat", store)
    return path


def start(monkeypatch, path: Path, page: str | None = None,
          query: dict | None = None) -> AppTest:
    monkeypatch.setenv("EXPLORER_DATA", str(path))
    at = AppTest.from_file(str(MAIN), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def texts(at: AppTest) -> str:
    """Every text on the page, with Markdown's escaping (`ui.md`) undone."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "error",
                                  "subheader") for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def no_failure(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not [e.value for e in at.error], [e.value for e in at.error]


def charts(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of the machine-coded event charts on the page."""
    specs = [json.loads(e.proto.spec) for e in at.main
             if getattr(getattr(e, "proto", None), "spec", None)]
    return [s for s in specs if s.get("title", {}).get("text") == "Machine-coded events"]


def test_the_layer_is_off_until_switched_on_and_then_the_pair_panel_has_a_chart(
        monkeypatch, scenario):
    at = start(monkeypatch, scenario, query={"sel": "edge:putin-prk-rivalry", "project": "0"})
    no_failure(at)
    assert "Evidence" in texts(at)
    assert "Machine-coded events" not in texts(at)  # off by default
    toggle = at.sidebar.toggle(key="ev_layer")
    assert not toggle.value and not toggle.disabled
    toggle.set_value(True).run()
    no_failure(at)
    assert at.query_params.get("events") == "1"
    shown = texts(at)
    assert "Machine-coded: counted from news reports" in shown
    # Putin acts for Russia: the line's events are Russia–North Korea's
    assert "Persons folded into the states they represent: Russia – North Korea" in shown
    [chart] = charts(at)
    assert chart["title"]["subtitle"] == "GDELT 2.0, per month; conflict below the axis"
    assert "**Russia – North Korea**" in shown
    # GDELT fixture: 2 meetings (June), military support both ways (July): 4 cooperation
    assert "4 GDELT 2.0 events from 2024-06 to 2024-07: 4 cooperation, 0 conflict" in shown
    at.selectbox(key="edge_putin-prk-rivalry_dataset").set_value("polecat").run()
    assert "3 POLECAT events from 2024-06 to 2024-06: 3 cooperation, 0 conflict" in texts(at)


def test_without_a_store_the_switch_is_disabled_and_says_how_to_import(monkeypatch, tmp_path):
    path = tmp_path / "relations.yaml"
    shutil.copy(DATA / "events-scenario.yaml", path)
    monkeypatch.delenv("EXPLORER_EVENTS", raising=False)
    at = start(monkeypatch, path, page="views/events.py")
    no_failure(at)
    assert at.sidebar.toggle(key="ev_layer").disabled
    assert "explorer events import" in texts(at)


def test_events_vs_the_file_lists_gaps_and_contradictions_and_opens_a_pair(
        monkeypatch, scenario):
    at = start(monkeypatch, scenario, page="views/events.py", query={"events": "1"})
    no_failure(at)
    assert at.subheader[0].value == "Events vs the file"
    at.number_input(key="ev_min").set_value(1).run()
    no_failure(at)
    shown = texts(at)
    assert "GDELT 2.0 events from 2024-02 to 2024-07" in shown
    # no curated relation: USA–PRK (pressure), KOR–PRK (threat), UN–PRK (UN is no actor of
    # the file: listed under "any pair" only); RUS–PRK and CHN–PRK are in the file
    gaps = [b.key for b in at.button if b.key and b.key.startswith("gap-")]
    assert sorted(gaps) == ["gap-KOR-PRK", "gap-PRK-USA"]
    # contradicted: the rivalry Russia–North Korea against 4 cooperation events (+1.00);
    # China–North Korea (alliance, 1 cooperation) and Russia–Ukraine (war, 1 conflict) agree
    against = [b.key for b in at.button if b.key and b.key.startswith("against-")]
    assert against == ["against-PRK-RUS"]
    assert "+1.00" in shown
    at.radio(key="ev_scope").set_value("any").run()
    gaps = [b.key for b in at.button if b.key and b.key.startswith("gap-")]
    assert sorted(gaps) == ["gap-KOR-PRK", "gap-PRK-UN", "gap-PRK-USA", "gap-ROU-UKR"]
    at.button(key="against-PRK-RUS").click().run()
    no_failure(at)
    assert at.query_params.get("events_pair") == "PRK,RUS"
    shown = texts(at)
    assert "**In the file** — 1 curated relation(s)" in shown
    assert "Vladimir Putin — North Korea · Rivalry · confidence 0.70 · since 2020-01-01" in shown
    assert len(charts(at)) == 1
    at.button(key="ev_close").click().run()
    assert "events_pair" not in at.query_params and not charts(at)


def test_the_layer_leaves_the_curated_measures_as_they_are(monkeypatch, scenario):
    off = start(monkeypatch, scenario, page="views/actors.py")
    on = start(monkeypatch, scenario, page="views/actors.py", query={"events": "1"})
    no_failure(off)
    no_failure(on)
    assert on.sidebar.toggle(key="ev_layer").value
    tables = [[df.value.to_dict("list") for df in at.dataframe] for at in (off, on)]
    assert tables[0] and tables[0] == tables[1]
