"""The machine-coded events layer in real Chromium against a real `explorer app` server:
switched on by a link, a pair's chart in the graph's panel, and the Events vs the file
page opening a pair. Nothing may be fetched from outside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.events.importer import import_files
from tests.test_app_browser import ARTIFACTS, Watched, browser, running_app  # noqa: F401

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data"
CHART = "[data-testid='stVegaLiteChart']"


@pytest.fixture
def scenario(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("EXPLORER_EVENTS", raising=False)
    path = tmp_path / "relations.yaml"
    shutil.copy(DATA / "events-scenario.yaml", path)
    store = tmp_path / "relations.events.duckdb"
    import_files([DATA / "events" / "gdelt-sample.export.CSV"], "gdelt", store)
    return path


def test_pair_panel_chart_and_events_page_in_chromium(browser, scenario):  # noqa: F811
    with running_app(scenario) as base:
        w = Watched(browser, base)
        page = w.page
        # a line's panel with the layer on (from a link): the curated quote, then the events
        page.goto(base + "/?sel=edge:putin-prk-rivalry&events=1&project=0")
        w.drawn()
        w.shows("Moscow and Pyongyang distrust each other.")
        w.shows("Persons folded into the states they represent: Russia – North Korea")
        page.locator(CHART).first.wait_for()
        page.locator(f"{CHART} canvas, {CHART} svg").first.wait_for()
        w.shows("4 GDELT 2.0 events from 2024-06 to 2024-07: 4 cooperation, 0 conflict")

        # the page: lower the minimum to 1 event, open the contradicted pair
        page.get_by_role("link", name="Events vs the file").click()
        page.get_by_role("heading", name="Events vs the file").wait_for()
        box = page.get_by_label("Minimum events", exact=True).and_(page.locator("input"))
        box.fill("1")
        box.press("Enter")
        page.locator(".st-key-gap-PRK-USA").first.wait_for()
        page.locator(".st-key-against-PRK-RUS").get_by_role("button", name="Open").click()
        page.get_by_role("heading", name="North Korea – Russia").wait_for()
        w.shows("1 curated relation(s)")
        page.locator(CHART).first.wait_for()
        # the address is written as the run ends
        page.wait_for_function("() => /events_pair=PRK(%2C|,)RUS/.test(location.search)")
        assert "events=1" in page.url
        page.wait_for_timeout(500)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "events-vs-the-file.png"), full_page=True)
        assert w.outside() == []
        assert w.dialogs == []
        page.close()
