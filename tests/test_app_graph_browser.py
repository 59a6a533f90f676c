"""The graph in real Chromium at the sizes analysts use (1280×800, 1920×1080): names
legible and never cut off, the legend in view, fit and re-layout, PNG and SVG of
what is on screen, playing through time; and the screenshots a person looks at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.layout import LayoutFile
from tests import test_app_browser
from tests.test_app_browser import ARTIFACTS, ROOT, Watched, running_app

pytestmark = pytest.mark.browser
browser = test_app_browser.browser  # the module's Chromium, launched once

CURATED = ROOT / "data" / "relations.yaml"
SIZES = [(1280, 800), (1920, 1080)]


def _page(browser, base: str, width: int, height: int) -> Watched:
    w = Watched(browser, base)
    w.page.set_viewport_size({"width": width, "height": height})
    return w


def _labels(w: Watched) -> dict:
    return w.page.evaluate("() => globalThis.__explorer.labels.graph")


def _legend_in_view(w: Watched) -> bool:
    box = w.page.locator(".explorer-legend .body").bounding_box()
    size = w.page.viewport_size
    return (box is not None and box["height"] > 20 and box["y"] >= 0
            and box["y"] + box["height"] <= size["height"]
            and box["x"] + box["width"] <= size["width"])


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1280x800", "1920x1080"])
def test_names_legend_and_fit_at_the_analysts_sizes(browser, width, height):
    with running_app(CURATED) as base:
        w = _page(browser, base, width, height)
        page = w.page
        page.goto(base + "/")
        w.drawn()
        page.wait_for_timeout(300)
        labels = _labels(w)
        # every actor named, at 12 px or more, inside the canvas, on top of the lines
        assert len(labels["placed"]) == w.node_count() and labels["hidden"] == 0
        assert all(r["px"] >= 12 and r["bottom"] - r["top"] >= 12 for r in labels["placed"])
        assert w.all_inside()
        assert _legend_in_view(w)  # without scrolling
        # zoom away, then Fit: everything back in view
        page.mouse.move(*w.point("CHN"))
        for _ in range(12):
            page.mouse.wheel(0, -600)
            page.wait_for_timeout(100)
            if not w.all_inside():
                break
        assert not w.all_inside()
        page.get_by_role("button", name="Fit").click()
        page.wait_for_timeout(600)
        assert w.all_inside()
        # a focus: the neighbourhood is drawn, fitted to the canvas
        version = page.evaluate("() => globalThis.__explorer.drawn.graph")
        page.goto(base + "/?focus=UKR&hops=1")
        w.drawn()
        page.wait_for_timeout(300)
        assert page.evaluate("() => globalThis.__explorer.drawn.graph") != version
        assert w.all_inside() and _legend_in_view(w)
        assert w.outside() == []
        page.close()


def test_png_svg_and_relayout(browser, write_yaml):
    path = write_yaml(CURATED.read_text(encoding="utf-8"))
    with running_app(path) as base:
        w = _page(browser, base, 1280, 800)
        page = w.page
        page.goto(base + "/")
        w.drawn()
        with page.expect_download() as png:
            page.get_by_role("button", name="PNG").click()
        data = Path(png.value.path()).read_bytes()
        assert png.value.suggested_filename == "relations-view.png"
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
        with page.expect_download() as svg:
            page.get_by_role("button", name="SVG").click()
        text = Path(svg.value.path()).read_text(encoding="utf-8")
        assert svg.value.suggested_filename == "relations-view.svg"
        assert text.startswith("<svg") and "<script" not in text
        for name in ("North Korea", "China", "Russia", "cooperation"):
            assert f">{name}<" in text
        assert text.count("<path") > w.node_count()

        # re-layout: the drawn actors move, and keep their new places after a reload
        before = w.network("net.getPositions()")
        version = page.evaluate("() => globalThis.__explorer.drawn.graph")
        page.get_by_role("button", name="Re-layout").click()
        w.redrawn_after(version)
        after = w.network("net.getPositions()")
        assert after != before
        kept = LayoutFile.beside(path)
        assert kept.generation == 1
        # (vis-network hands out positions rounded to whole pixels)
        assert all(kept.positions[a] == pytest.approx((p["x"], p["y"]), abs=1)
                   for a, p in after.items())
        page.reload()
        w.drawn()
        assert w.network("net.getPositions()") == after

        # an actor dragged elsewhere stays there
        x, y = w.point("UKR")
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 60, y + 40, steps=8)
        page.mouse.up()
        moved = w.network("net.getPositions(['UKR'])")["UKR"]
        assert (moved["x"], moved["y"]) != (after["UKR"]["x"], after["UKR"]["y"])
        page.wait_for_timeout(2000)  # the drag goes to the server, which keeps it
        assert LayoutFile.beside(path).positions["UKR"] == pytest.approx(
            (moved["x"], moved["y"]), abs=1)
        assert w.outside() == []
        page.close()


def test_play_steps_through_the_months(browser, write_yaml):
    path = write_yaml(CURATED.read_text(encoding="utf-8"))
    with running_app(path) as base:
        w = _page(browser, base, 1280, 800)
        page = w.page
        page.goto(base + "/?as_of=2024-01-01")
        w.drawn()
        page.get_by_text("Play through time, month by month").click()
        page.wait_for_function("() => location.search.includes('as_of=2024-03-01')",
                               timeout=30_000)
        assert page.get_by_text("in force on 2024-03-01").first.is_visible()
        page.close()


def test_screenshots(browser):
    """The pages a person looks at, at 1280×800 and 1920×1080 (test-artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {
        "graph": "/",
        "actor-panel": "/?sel=node:PRK",
        "pair-panel": "/?sel=line:PRK~RUS",
        "relation-panel": "/?sel=edge:chn-prk-oil-trade",
        "relations": "/relations",
        "dyads": "/dyads?pair=CHN,PRK",
        "add-article": "/add_article",
        "review-queue": "/review_queue",
    }
    with running_app(CURATED) as base:
        for width, height in SIZES:
            w = _page(browser, base, width, height)
            page = w.page
            for name, where in shots.items():
                page.goto(base + where)
                page.get_by_role("heading").first.wait_for()
                if where.startswith("/?") or where == "/":
                    w.drawn()
                page.wait_for_timeout(1200)
                page.screenshot(path=str(ARTIFACTS / f"{name}-{width}x{height}.png"))
            assert w.outside() == [] and w.dialogs == []
            page.close()
    (ARTIFACTS / "screenshots.json").write_text(json.dumps(sorted(shots)), encoding="utf-8")


def test_panels_fit_at_1280_and_relations_rows_open_their_quotes(browser):
    with running_app(CURATED) as base:
        w = _page(browser, base, 1280, 800)
        page = w.page
        page.goto(base + "/?sel=node:PRK")
        w.drawn()
        page.get_by_text("Relations in this view").first.wait_for()
        page.wait_for_timeout(500)
        # the actor's relations: every column in view, none cut off by the panel
        overflow = page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid=stDataFrame] .dvn-scroller')]
            .map((e) => e.scrollWidth - e.clientWidth)""")
        assert overflow and max(overflow) <= 1
        page.get_by_text("What the measures mean").click()
        w.shows("share of shortest paths between others")

        page.goto(base + "/relations?q=oil")
        page.get_by_role("heading", name="Relations", exact=True).last.wait_for()
        page.wait_for_timeout(800)
        w.click_row(0)
        dialog = page.get_by_role("dialog")
        dialog.wait_for()
        dialog.get_by_text("Evidence").first.wait_for()
        assert "oil" in dialog.inner_text()
        assert w.outside() == []
        page.close()
