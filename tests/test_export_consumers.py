"""Each export opened by the library of the tool it is for, with that library's
default options, and compared with the View:

- GEXF with graphology-gexf (what Gephi Lite and the sigma.js tools load with),
- GraphML with graphology-graphml,
- Cytoscape.js JSON with Cytoscape.js itself (headless, styles on).

The readers run in Node.js from `tests/consumers/` (versions pinned in its
package-lock.json, installed by `make test` with `npm ci`); `read.js` prints
what the library made of the file and this module checks it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from explorer import export, store
from explorer.formats.fields import edge_values, line_style, node_values
from explorer.graph import View, ViewParams, make_view
from explorer.render import KIND_COLORS

from .conftest import DATA as SHIPPED

CONSUMERS = Path(__file__).parent / "consumers"
DATA = Path(__file__).parent / "data"
SINGLE_DIRECTION = ViewParams(types="alliance,meeting,rivalry")
VIEWS = {
    "shipped": (SHIPPED, ViewParams()),
    "shipped-projected": (SHIPPED, ViewParams(project=True)),
    "filters": (DATA / "view-filters.yaml", ViewParams()),
    "filters-projected": (DATA / "view-filters.yaml", ViewParams(project=True)),
    "undirected-only": (DATA / "view-filters.yaml", SINGLE_DIRECTION),
    "hostile-strings": (DATA / "hostile-strings.yaml", ViewParams()),
    "spreadsheet-formulas": (DATA / "spreadsheet-formulas.yaml", ViewParams()),
    "control-characters": (DATA / "view-filters.yaml", ViewParams()),
}


@pytest.fixture(scope="session")
def read_with():
    """`read_with(fmt, path)`: what the consumer library made of the file."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed, so the exports are not read with "
                    "graphology-gexf, graphology-graphml and Cytoscape.js: install Node.js "
                    "18+ and npm, then run `make test`")
    if not (CONSUMERS / "node_modules" / ".installed").exists():
        pytest.fail("tests/consumers/node_modules is missing: run `make consumers` "
                    "(npm ci from the committed package-lock.json) or `make test`")

    def read(fmt: str, path: Path) -> dict:
        done = subprocess.run([node, str(CONSUMERS / "read.js"), fmt, str(path)],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert result.pop("warnings") == []  # the library complained about nothing
        return result

    return read


def _control_characters(view: View) -> View:
    graph = view.graph.copy()
    for n in graph:
        graph.nodes[n]["label"] += "\x01\x0b\x0c"
    for *_, d in graph.edges(keys=True, data=True):
        d["summary"] = "bell\x07 form\x0c feed"
    return View(view.params, view.dataset, graph)


@pytest.fixture(scope="module", params=list(VIEWS))
def view(request) -> View:
    path, params = VIEWS[request.param]
    made = make_view(store.load(path), params)
    return _control_characters(made) if request.param == "control-characters" else made


def _xml(text: str) -> str:
    return text.translate({c: "\ufffd" for c in (*range(0x09), 0x0b, 0x0c,
                                                 *range(0x0e, 0x20))})


def _rgb(color: str) -> str:
    return "rgb({},{},{})".format(*(int(color[i:i + 2], 16) for i in (1, 3, 5)))


def _edges(view: View) -> dict[str, tuple[str, str, dict]]:
    return {k: (u, v, d) for u, v, k, d in view.edges}


def _graph_type(view: View) -> str:
    kinds = {d["directed"] for *_, d in view.edges}
    return "mixed" if len(kinds) == 2 else "directed" if True in kinds else "undirected"


def _assert_graphology(read: dict, view: View, *, mixed: bool, colour: str) -> None:
    """Counts, ends, direction and every field; `colour` is how the colour reads."""
    assert (read["order"], read["size"]) == (len(view.graph), view.graph.number_of_edges())
    for n, d in view.graph.nodes(data=True):
        attributes = read["nodes"][n]
        assert attributes["label"] == _xml(d["label"])
        for name, value in node_values(d).items():
            assert attributes[name] == (_xml(value) if isinstance(value, str) else value)
    expected = _edges(view)
    assert {e["key"] for e in read["edges"]} == set(expected)
    for edge in read["edges"]:
        u, v, d = expected[edge["key"]]
        assert (edge["source"], edge["target"]) == (u, v)
        assert edge["undirected"] is (mixed and not d["directed"])
        attributes = edge["attributes"]
        for name, value in edge_values(d).items():
            want = _xml(value) if isinstance(value, str) else value
            if name == "color" and colour == "rgb":
                want = _rgb(value)
            assert attributes[name] == pytest.approx(want), name
        assert attributes["directed"] is d["directed"]  # typed: a boolean, not "false"


def test_graphology_gexf_reads_the_gexf(view, read_with, tmp_path):
    path = tmp_path / "view.gexf"
    export.write(view, "gexf", path)
    read = read_with("gexf", path)
    assert read["type"] == _graph_type(view)
    _assert_graphology(read, view, mixed=True, colour="rgb")
    for n, d in view.graph.nodes(data=True):
        assert read["nodes"][n]["color"] == _rgb(KIND_COLORS[d["kind"]])
        assert {"x", "y", "size"} <= read["nodes"][n].keys()
    for edge in read["edges"]:
        _, _, d = _edges(view)[edge["key"]]
        attributes = edge["attributes"]
        assert attributes["color"] == _rgb(d["color"])
        assert attributes["kind"] == d["type"]
        assert attributes["weight"] == pytest.approx(d["weight"])
        assert attributes["shape"] == line_style(d["status"], d["modality"])


def test_graphology_graphml_reads_the_graphml(view, read_with, tmp_path):
    path = tmp_path / "view.graphml"
    export.write(view, "graphml", path)
    read = read_with("graphml", path)
    assert read["type"] == "directed"  # a directed graph; `directed` says which relations are
    assert read["attributes"]["query"] == json.dumps(view.params.to_query(), sort_keys=True)
    _assert_graphology(read, view, mixed=False, colour="hex")


_ARROWS = {1: "triangle", -1: "tee", 0: "circle"}


def test_cytoscape_reads_the_cytoscape_json(view, read_with, tmp_path):
    path = tmp_path / "view.cyjs"
    export.write(view, "cytoscape", path)
    read = read_with("cytoscape", path)
    assert (read["order"], read["size"]) == (len(view.graph), view.graph.number_of_edges())
    assert read["data"]["query"] == json.dumps(view.params.to_query(), sort_keys=True)
    for n, d in view.graph.nodes(data=True):
        node = read["nodes"][n]
        assert node["data"]["label"] == d["label"]
        assert node["style"]["background-color"] == _rgb(KIND_COLORS[d["kind"]])
        assert node["style"]["label"] == d["label"].strip()  # drawn labels are trimmed
    expected = _edges(view)
    assert {e["key"] for e in read["edges"]} == set(expected)
    for edge in read["edges"]:
        u, v, d = expected[edge["key"]]
        assert (edge["source"], edge["target"]) == (u, v)
        assert {k: edge["data"][k] for k in edge_values(d)} == pytest.approx(edge_values(d))
        style = edge["style"]
        assert style["line-color"] == _rgb(d["color"])
        assert style["target-arrow-shape"] == (_ARROWS[d["sign"]] if d["directed"] else "none")
        assert style["line-style"] == line_style(d["status"], d["modality"])
        assert style["label"] == d["label"]


def test_the_shipped_data_loads_whole_in_graphology_gexf(read_with, curated, tmp_path):
    """The case that failed: graphology-gexf guessed the graph type from the first
    edge, a "mutual" one, and refused the file."""
    view = make_view(curated)
    path = tmp_path / "shipped.gexf"
    export.write(view, "gexf", path)
    read = read_with("gexf", path)
    directed = sum(d["directed"] for *_, d in view.edges)
    undirected = view.graph.number_of_edges() - directed
    assert directed and undirected
    assert read["type"] == "mixed" and read["order"] == len(view.graph)
    assert sum(not e["undirected"] for e in read["edges"]) == directed
    assert sum(e["undirected"] for e in read["edges"]) == undirected
