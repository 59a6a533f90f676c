"""vis_data and standalone_html: escaping, line styles, parallel edges, offline page."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from explorer import store
from explorer.graph import ViewParams, make_view
from explorer.model import STATUSES
from explorer.render import (
    DASHES,
    KIND_SHAPES,
    PHYSICS_MAX_NODES,
    layout,
    standalone_html,
    vis_data,
)

DATA = Path(__file__).parent / "data"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def hostile():
    return store.load(DATA / "hostile-strings.yaml")


@pytest.fixture(scope="module")
def styles():
    return store.load(DATA / "render-styles.yaml")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def test_every_string_is_escaped(hostile):
    data = vis_data(make_view(hostile))
    strings = list(_strings(data))
    assert not [s for s in strings if "<" in s or ">" in s or '"' in s]
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["XSS"] == html.escape("<script>document.body.dataset.pwned='name'</script>")
    assert html.unescape(labels["AMP"]) == "Bosnia & Herzegovina \"quoted\" 'single'"
    plot = next(e for e in data["edges"] if e["id"] == "xss-jsu-plot")
    assert "&lt;svg onload=" in plot["title"]
    assert html.unescape(data["legend"]["types"][1]["label"]).startswith("<img src=x")


def test_line_styles_shapes_and_widths(styles):
    data = vis_data(make_view(styles))
    by_id = {e["id"]: e for e in data["edges"]}
    # worked out from the fixture: status and modality of each relation
    assert by_id["a-b-curated"]["dashes"] is False
    assert by_id["a-b-extracted"]["dashes"] == DASHES["extracted"]
    assert by_id["a-b-hedged"]["dashes"] == DASHES["hedged"]
    assert by_id["b-a-negated"]["dashes"] == DASHES["negated"]
    assert by_id["c-a-extracted-hedged"]["dashes"] == DASHES["extracted+hedged"]
    # width 1 + 4 × confidence
    assert by_id["a-b-curated"]["width"] == pytest.approx(1 + 4 * 0.9)
    assert by_id["a-b-hedged"]["width"] == pytest.approx(1 + 4 * 0.4)
    # undirected meeting has no arrow, directed support has one
    assert by_id["b-c-meeting"]["arrows"]["to"]["enabled"] is False
    assert by_id["a-b-curated"]["arrows"]["to"]["enabled"] is True
    shapes = {n["id"]: n["shape"] for n in data["nodes"]}
    assert shapes == {"AAA": KIND_SHAPES["state"], "BBB": KIND_SHAPES["state"],
                      "ccc-person": KIND_SHAPES["person"]}
    kinds = {k["kind"] for k in data["legend"]["kinds"]}
    assert kinds == {"state", "person"}


def test_parallel_edges_all_drawn_and_curved_apart(styles):
    data = vis_data(make_view(styles))
    between_a_b = [e for e in data["edges"] if {e["from"], e["to"]} == {"AAA", "BBB"}]
    assert len(between_a_b) == 4  # a-b-curated, a-b-extracted, a-b-hedged, b-a-negated
    flip = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}
    # the side a curve bulges to, seen from AAA towards BBB: a reversed edge flips it
    curves = {(e["smooth"]["type"] if e["from"] == "AAA" else flip[e["smooth"]["type"]],
               e["smooth"]["roundness"]) for e in between_a_b}
    assert len(curves) == 4  # no two drawn on the same curve
    alone = [e for e in data["edges"] if e["id"] == "b-c-meeting"]
    assert alone[0]["smooth"] == {"enabled": False}


def test_width_by_evidence_and_size_by_measure(styles):
    data = vis_data(make_view(styles), width_by="evidence", size_by="degree")
    by_id = {e["id"]: e for e in data["edges"]}
    # a-b-curated has 2 evidence items, the most of any: width 1 + 5
    assert by_id["a-b-curated"]["width"] == pytest.approx(6.0)
    assert by_id["a-b-hedged"]["width"] == pytest.approx(1 + 5 * 1 / 2)
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    # degrees: AAA 5, BBB 5, ccc-person 2 → scaled to 10…40
    assert sizes == {"AAA": 40.0, "BBB": 40.0, "ccc-person": 10.0}
    with pytest.raises(ValueError, match="unknown measure"):
        vis_data(make_view(styles), size_by="fame")


def test_positions_are_stable_across_filters(curated):
    everything = vis_data(make_view(curated))
    only_support = vis_data(make_view(curated, ViewParams(polarity={"positive"})))
    where = {n["id"]: (n["x"], n["y"]) for n in everything["nodes"]}
    for node in only_support["nodes"]:
        assert (node["x"], node["y"]) == where[node["id"]]
    assert layout(make_view(curated)) == layout(make_view(curated))


def test_physics_off_and_max_nodes(curated):
    view = make_view(curated)
    data = vis_data(view)
    assert data["options"]["physics"]["enabled"] is (len(view.graph) <= PHYSICS_MAX_NODES)
    capped = vis_data(view, max_nodes=3)
    degrees = sorted(view.graph.degree(), key=lambda nd: (-nd[1], nd[0]))
    assert {n["id"] for n in capped["nodes"]} == {n for n, _ in degrees[:3]}
    assert all(e["from"] in {n["id"] for n in capped["nodes"]} for e in capped["edges"])
    assert any("best-connected" in note for note in capped["legend"]["notes"])


def test_standalone_html_has_no_outside_sources(hostile):
    page = standalone_html(make_view(hostile), title="<b>briefing</b>")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?https?:""",
                         page, re.I)
    assert "cdn.jsdelivr" not in page and "bootstrap" not in page
    assert "<title>&lt;b&gt;briefing&lt;/b&gt;</title>" in page
    # the only </script> tags are the two that close our own scripts
    assert page.count("</script>") == 2
    for raw in ("<img src=x", "<svg onload", "<script>document", "<iframe", "<b>bold"):
        assert raw not in page


@pytest.mark.browser
def test_standalone_html_draws_offline_in_chromium(hostile, tmp_path):
    if not shutil.which("chromium") and not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    from playwright.sync_api import sync_playwright

    path = tmp_path / "graph.html"
    path.write_text(standalone_html(make_view(hostile)), encoding="utf-8")
    url = path.as_uri()
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_function("document.body.dataset.drawn === '1'", timeout=15000)
        painted = page.evaluate("""() => {
            const c = document.querySelector('#graph canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return n; }""")
        label = page.evaluate("network.body.data.nodes.get('XSS').label")
        tip = page.evaluate("""() => { const t = network.body.data.edges.get('xss-jsu-plot')
            .title; return [t.textContent, t.children.length]; }""")
        pwned = page.evaluate("document.body.dataset.pwned || null")
        browser.close()
    assert outside == []
    assert errors == []
    assert painted > 500
    assert label == "<script>document.body.dataset.pwned='name'</script>"
    assert tip[0].startswith("<img src=x onerror=") and tip[1] == 0
    assert pwned is None


def test_layout_of_more_than_500_actors_needs_no_scipy():
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from synthetic import synthetic_yaml

    view = make_view(store.load_text(synthetic_yaml(2000, actors=700, seed=2), "big.yaml"))
    assert len(view.graph) > 500  # where networkx's spring_layout would want scipy
    data = vis_data(view)
    where = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(where) == len(data["nodes"])  # every actor placed apart
    assert data["options"]["physics"]["enabled"] is False
    assert data["legend"]["notes"] == [
        f"physics off: over {PHYSICS_MAX_NODES} actors, positions are fixed"]


def test_large_data_is_laid_out_per_view(curated, monkeypatch):
    from explorer import render

    monkeypatch.setattr(render, "LAYOUT_MAX_NODES", 5)
    view = make_view(curated, ViewParams(project=True))
    capped = vis_data(view, max_nodes=4)
    assert "laid out for this view: the data has over 5 actors" in capped["legend"]["notes"]
    assert len({(n["x"], n["y"]) for n in capped["nodes"]}) == 4
    everything = vis_data(view)
    assert any(note.startswith("positions random: over 5 actors drawn")
               for note in everything["legend"]["notes"])
    assert vis_data(view)["nodes"] == everything["nodes"]  # seeded: the same each time


def test_exports_are_laid_out_as_the_app_lays_out(curated):
    """One layout for the app and the exports: a fresh app and an export agree."""
    from explorer.layout import spring
    from explorer.render import layout

    view = make_view(curated, ViewParams(project=True))
    base = make_view(curated, ViewParams(statuses=frozenset(STATUSES), project=True))
    assert layout(view) == {a: xy for a, xy in spring(base.graph, base.graph.edges()).items()
                            if a in view.graph}


def test_a_folded_node_names_its_members_by_name(curated):
    data = vis_data(make_view(curated, ViewParams(project=True)))
    (korea,) = [n for n in data["nodes"] if n["id"] == "PRK"]
    assert "includes North Korea, Kim Jong Un" in html.unescape(korea["title"])


def test_the_view_is_described_in_words():
    from explorer.render import describe_params

    said = describe_params(ViewParams.from_query({"types": "economic_support,sanctions",
                                                  "kinds": "international_body",
                                                  "focus": "kim-jong-un"}))
    assert "types economic support, sanctions" in said
    assert "actor kinds international body" in said and "focus kim-jong-un" in said
