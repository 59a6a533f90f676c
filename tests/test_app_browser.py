"""The web app in real Chromium against a real `explorer app` server.

Each test starts the server on a free port with its own data file, drives
Debian's chromium through Playwright, records every request the page makes,
and stops the server. The graph is read from the vis-network instance itself.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from explorer import store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DRAWN = "() => Boolean(globalThis.__explorer && globalThis.__explorer.drawn.graph)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(data: Path) -> Iterator[str]:
    """`explorer app --data DATA --port N` in its own process group; the base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer.cli", "app", "--data", str(data), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the app did not start: {process.stderr.read().decode()}")
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every request and every dialog recorded."""

    def __init__(self, browser, base: str):
        self.page = browser.new_page(viewport={"width": 1500, "height": 1000})
        self.base = base
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))

        def dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def outside(self) -> list[str]:
        """Requests to any host but the app's own (blob: and data: URLs are in-page)."""
        own = urlsplit(self.base).netloc
        return [u for u in self.requests
                if urlsplit(u).scheme not in ("blob", "data") and urlsplit(u).netloc != own]

    def drawn(self) -> None:
        self.page.wait_for_function(DRAWN, timeout=30_000)

    def network(self, expression: str):
        return self.page.evaluate(
            f"() => {{ const net = globalThis.__explorer.networks.graph; return {expression}; }}")

    def node_count(self) -> int:
        return self.network("net.body.nodeIndices.length")

    def point(self, node: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        x, y = self.page.evaluate("""(id) => {
            const net = globalThis.__explorer.networks.graph;
            const p = net.getPositions([id])[id];
            const dom = net.canvasToDOM(p);
            const box = net.body.container.getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y]; }""", node)
        return x, y

    def all_inside(self) -> bool:
        """Every actor and every drawn name of the graph inside its canvas."""
        return self.page.evaluate("""() => {
            const net = globalThis.__explorer.networks.graph;
            const box = net.body.container.getBoundingClientRect();
            const ids = net.body.nodeIndices;
            const where = net.getPositions(ids);
            const inside = ids.every((id) => { const p = net.canvasToDOM(where[id]);
                return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; });
            const labels = globalThis.__explorer.labels.graph.placed;
            return inside && labels.length === ids.length && labels.every((r) =>
                r.left >= 0 && r.top >= 0 && r.right <= box.width && r.bottom <= box.height);
        }""")

    def click_row(self, row: int, table: int = -1) -> None:
        """Click the first cell of a row of a (canvas-drawn) dataframe on screen."""
        frame = self.page.locator("[data-testid=stDataFrame]").filter(visible=True).nth(table)
        frame.wait_for()
        box = frame.bounding_box()
        self.page.mouse.click(box["x"] + 30, box["y"] + 35 * (row + 1) + 17)

    def shows(self, text: str) -> None:
        """Wait until `text` is on screen (in a visible element, as text)."""
        self.page.get_by_text(text, exact=False).filter(visible=True).first.wait_for()

    def redrawn_after(self, version: str) -> None:
        self.page.wait_for_function(
            "(v) => { const d = globalThis.__explorer.drawn.graph; return d && d !== v; }",
            arg=version, timeout=30_000)


def expected_actors(path: Path, folded: bool = True) -> set[str]:
    """Actors of the default view, worked out from the file: the ends of every
    curated or extracted relation (folded: a person's state in their place, and
    nobody left whose relations all fold into a loop)."""
    dataset = store.load(path)
    ends = [(r.source, r.target) for r in dataset.relations if r.status != "rejected"]
    if folded:
        ends = [(dataset.state_of(a), dataset.state_of(b)) for a, b in ends]
        ends = [(a, b) for a, b in ends if a != b]
    return {end for pair in ends for end in pair}


def test_graph_draws_clicks_and_filters(browser, write_yaml):
    path = write_yaml((DATA / "valid-minimal.yaml").read_text(encoding="utf-8"))
    with running_app(path) as base:
        w = Watched(browser, base)
        page = w.page
        page.goto(base + "/")
        w.drawn()
        # valid-minimal: Avaria, Borduria, Cordia, and Ana Avar folded into Avaria
        assert w.node_count() == len(expected_actors(path)) == 3
        assert w.network("net.body.edgeIndices.length") == 2

        # a click on a node selects it in Python: the actor panel opens
        page.mouse.click(*w.point("CCC"))
        page.get_by_text("Measures in this view").wait_for()
        page.get_by_role("heading", name="Cordia").wait_for()
        # the address is written as the run ends
        page.wait_for_function("() => /sel=node(%3A|:)CCC/.test(location.search)")

        # a click on a line: the pair's relations; a click on one of them: its quotes
        (ax, ay), (bx, by) = w.point("AAA"), w.point("BBB")
        page.mouse.click((ax + bx) / 2, (ay + by) / 2)
        page.get_by_role("heading", name="Avaria and Borduria").wait_for()
        w.shows("Click a row to see its evidence.")
        page.wait_for_timeout(500)  # the table is drawn on a canvas, after the text
        w.click_row(0)
        page.get_by_text("Avaria and Borduria signed a defence pact on Monday.").wait_for()
        page.get_by_text("Avaria and Borduria have signed a pact.").wait_for()
        w.shows("reliability B (usually reliable)")

        # zoom like an analyst, then change a filter: the positions stay put, and the
        # new view is fitted to the canvas
        page.mouse.move(*w.point("AAA"))
        for _ in range(12):
            page.mouse.wheel(0, -600)
            page.wait_for_timeout(150)
            if not w.all_inside():
                break
        assert not w.all_inside()  # zoomed in: some actors are off the canvas
        before = w.network("net.getPositions(['AAA', 'BBB'])")
        version = page.evaluate("() => globalThis.__explorer.drawn.graph")
        page.get_by_text("Fold persons into their states").click()
        w.redrawn_after(version)
        # persons apart: Ana Avar is drawn on her own
        assert w.node_count() == len(expected_actors(path, folded=False)) == 4
        page.wait_for_function("() => location.search.includes('project=0')")
        assert w.network("net.getPositions(['AAA', 'BBB'])") == before
        page.wait_for_timeout(300)
        assert w.all_inside()
        assert w.outside() == []
        assert w.dialogs == []
        w.page.close()


def test_curated_graph_screenshot(browser):
    path = ROOT / "data" / "relations.yaml"
    with running_app(path) as base:
        w = Watched(browser, base)
        page = w.page
        # a shared link: the graph with the evidence of China's oil to North Korea open
        page.goto(base + "/?sel=edge:chn-prk-oil-trade")
        w.drawn()
        assert w.node_count() == len(expected_actors(path))
        w.shows("Evidence")
        page.wait_for_timeout(500)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "graph.png"))
        assert w.outside() == []
        w.page.close()


PAYLOAD_TEXTS = [
    "<script>window.__pwned='name'</script>",
    "<img src=x onerror=\"window.__pwned='img';alert('img')\">",
    "<iframe src=\"javascript:window.__pwned='quote';alert('quote')\"></iframe>",
    "</script><script>window.__pwned='title';alert('title')</script>",
    "javascript:window.__pwned='url';alert('url')",
]


def test_script_payloads_run_nothing_and_read_as_text(browser):
    path = DATA / "app-script-payloads.yaml"
    with running_app(path) as base:
        w = Watched(browser, base)
        page = w.page
        page.goto(base + "/")
        w.drawn()
        assert w.node_count() == len(expected_actors(path))
        for node in ("XSS", "img-org", "jsu-group", "MDX"):  # hover (tooltips) and click
            page.mouse.move(*w.point(node))
            page.wait_for_timeout(300)
            page.mouse.click(*w.point(node))
            page.get_by_text("Measures in this view").wait_for()
        for query in ("?sel=edge:xss-img-plot", "?sel=edge:mdx-xss-pressure"):
            page.goto(base + "/" + query)
            w.drawn()
            w.shows("Evidence")
            if query.endswith("plot"):
                for text in PAYLOAD_TEXTS[2:]:
                    w.shows(text)
        for path_ in ("/relations", "/actors", "/dyads", "/changes", "/sources"):
            page.goto(base + path_)
            page.get_by_role("heading").first.wait_for()
            page.wait_for_timeout(1500)
        w.shows(PAYLOAD_TEXTS[3])  # a source title
        w.shows(PAYLOAD_TEXTS[4])  # its URL, as text
        assert page.evaluate("() => window.__pwned") is None
        assert w.dialogs == []
        assert page.locator("a[href^='javascript:' i]").count() == 0
        assert page.locator("iframe[src^='javascript:' i]").count() == 0
        assert w.outside() == []
        w.page.close()


# A link with every kind of filter: types, polarity, status, confidence, modality, source
# reliability, credibility, in force on a date, known on a date, sources, independent
# sources, actor kinds, focus and hops, folding.
EVERY_FILTER = {
    "types": "alliance,diplomatic_support,economic_support,meeting,pressure",
    "polarity": "negative,positive", "status": "curated", "min_confidence": "0.5",
    "modality": "asserted,hedged", "min_reliability": "D", "max_credibility": "5",
    "as_of": "2024-06-20", "known_on": "2024-12-31", "source": "bbc-2024-06-real-power",
    "min_sources": "1", "kinds": "person,state", "focus": "PRK", "hops": "2", "project": "0",
}


def _view_caption(page) -> str:
    caption = page.locator("[data-testid=stCaptionContainer]").filter(has_text="View:")
    caption.first.wait_for()
    return caption.first.inner_text()


def _query(page) -> dict[str, str]:
    from urllib.parse import parse_qsl
    return dict(parse_qsl(urlsplit(page.url).query))


def test_the_view_follows_page_changes_reloads_and_back(browser):
    from urllib.parse import urlencode

    from explorer.graph import ViewParams
    from explorer.render import describe_params

    path = ROOT / "data" / "relations.yaml"
    expected = "View: " + describe_params(ViewParams.from_query(EVERY_FILTER))
    with running_app(path) as base:
        w = Watched(browser, base)
        page = w.page

        def same_view(where: str) -> None:
            # every view caption on the page, not just one: while Streamlit redraws, the
            # last run's caption may still stand beside the new one
            page.wait_for_function(
                "(want) => { const views = [...document.querySelectorAll("
                "'[data-testid=stCaptionContainer]')].filter((e) => "
                "e.innerText.startsWith('View:')); return views.length > 0 && "
                "views.every((e) => e.innerText.startsWith(want)); }", arg=expected,
                timeout=60_000)
            assert _view_caption(page).startswith(expected), where
            query = _query(page)
            assert {k: query.get(k) for k in EVERY_FILTER} == EVERY_FILTER, where
            assert page.get_by_role("switch", name="Fold persons into their states") \
                .is_checked() is False, where

        page.goto(base + "/?" + urlencode(EVERY_FILTER))
        w.drawn()
        same_view("the link")
        for name, path_ in (("Actors", "/actors"), ("Relations", "/relations"),
                            ("Dyads and triangles", "/dyads")):
            page.get_by_role("link", name=name).click()
            page.wait_for_url(f"**{path_}?*")
            same_view(name)
        page.reload()
        same_view("reload")
        page.go_back()
        page.wait_for_url("**/relations?*")
        same_view("back")

        # a page without filters keeps them in its URL; the next view page shows them
        page.get_by_role("link", name="Sources").click()
        page.wait_for_url("**/sources?*")
        page.get_by_role("heading", name="Sources").wait_for()
        query = _query(page)
        assert {k: query.get(k) for k in EVERY_FILTER} == EVERY_FILTER
        page.get_by_role("link", name="Graph").click()
        w.drawn()
        same_view("back on the graph")

        # a filter set in the sidebar survives page changes; Back takes it back
        page.get_by_text("Fold persons into their states").click()
        page.wait_for_function("() => location.search.includes('project=1')")
        for name, path_ in (("Actors", "/actors"), ("Relations", "/relations")):
            page.get_by_role("link", name=name).click()
            page.wait_for_url(f"**{path_}?*project=1*")
            page.get_by_role("heading", name=name, exact=True).last.wait_for()
            assert page.get_by_role("switch", name="Fold persons into their states") \
                .is_checked() is True, name
        # each change of view or page is an entry in the browser's history: Back walks
        # them, to the unfolded view on the graph page
        walked = []
        for _ in range(12):
            url = page.url
            page.go_back()
            page.wait_for_function("(u) => location.href !== u", arg=url, timeout=30_000)
            walked.append(page.url)
            if urlsplit(page.url).path == "/" and _query(page).get("project") == "0":
                break
        assert urlsplit(page.url).path == "/" and _query(page).get("project") == "0", walked
        same_view("back to before the change")
        assert w.outside() == []
        page.close()


def _tooltips(w: Watched) -> list[str]:
    """The text of every vis-network tooltip shown on the page (the graph component
    lives in a shadow root: Playwright's locators look inside it)."""
    shown = w.page.locator("div.vis-tooltip").filter(visible=True)
    return [shown.nth(i).inner_text() for i in range(shown.count())]


def _hover(w: Watched, node: str) -> str:
    """Rest the pointer on `node` until vis-network shows its tooltip; the tooltip's text."""
    x, y = w.point(node)
    w.page.mouse.move(x - 20, y - 20)
    w.page.mouse.move(x, y, steps=4)
    w.page.locator("div.vis-tooltip").filter(visible=True).first.wait_for(timeout=10_000)
    return _tooltips(w)[0]


def test_a_redrawn_graph_keeps_no_tooltip_of_the_last_drawing(browser):
    with running_app(ROOT / "data" / "relations.yaml") as base:
        w = Watched(browser, base)
        page = w.page
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(base + "/")
        w.drawn()
        fold = page.get_by_role("switch", name="Fold persons into their states")
        # the pointer rests on an actor while a filter changes (from the keyboard)
        assert "China" in _hover(w, "CHN")
        version = page.evaluate("() => globalThis.__explorer.drawn.graph")
        fold.focus()
        page.keyboard.press("Space")
        w.redrawn_after(version)
        assert _tooltips(w) == []
        # the pointer leaves an actor for the sidebar, and a filter changes there
        assert "Russia" in _hover(w, "RUS")
        version = page.evaluate("() => globalThis.__explorer.drawn.graph")
        page.get_by_text("Fold persons into their states").click()
        w.redrawn_after(version)
        assert _tooltips(w) == []
        # hovering again shows the new drawing's tooltip
        assert "China" in _hover(w, "CHN")
        # the pointer rests there while Find an actor zooms onto another (keyboard)
        search = page.get_by_role("combobox", name="Find an actor")
        search.focus()
        page.keyboard.type("Russia")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => globalThis.__explorer.networks.graph.getSelectedNodes().includes('RUS')",
            timeout=30_000)
        page.wait_for_timeout(800)  # the zoom's animation
        assert _tooltips(w) == []
        page.close()
