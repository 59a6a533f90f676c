"""Each export format read back with Python's own readers (a strict XML parser,
networkx, pandas, csv) and compared with the View it came from. The readers of
the tools themselves (graphology, Cytoscape.js) are in test_export_consumers.py.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from explorer import export, store
from explorer.formats import kumu
from explorer.formats.fields import EDGE_FIELDS, NODE_FIELDS, edge_values, node_values
from explorer.formats.gexf import EDGE_ATTRIBUTES
from explorer.graph import View, ViewParams, make_view
from explorer.render import KIND_COLORS

DATA = Path(__file__).parent / "data"
GEXF = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
GRAPHML = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
DIRECTED_TYPES = "diplomatic_support,military_support,economic_support,pressure,sanctions"


@pytest.fixture(scope="module", params=[False, True], ids=["as-recorded", "projected"])
def view(request):
    dataset = store.load(DATA / "view-filters.yaml")
    return make_view(dataset, ViewParams(project=request.param))


def _edges(view) -> dict[str, tuple[str, str, dict]]:
    return {k: (u, v, d) for u, v, k, d in view.edges}


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


# ------------------------------------------------------------------ GEXF
def test_gexf_is_a_mixed_dynamic_graph_with_colours(view, tmp_path):
    path = tmp_path / "view.gexf"
    export.write(view, "gexf", path)
    root = ET.parse(path).getroot()  # expat: refuses anything not well-formed
    assert root.get("version") == "1.3"
    graph = root.find("g:graph", GEXF)
    assert (graph.get("defaultedgetype"), graph.get("mode"), graph.get("timeformat")) == (
        "directed", "dynamic", "date")
    titles = {cls: {a.get("id"): (a.get("title"), a.get("type"))
                    for a in graph.find(f"g:attributes[@class='{cls}']", GEXF)}
              for cls in ("node", "edge")}
    assert sorted(titles["edge"].values()) == sorted(EDGE_ATTRIBUTES.items())
    assert set(EDGE_FIELDS) - set(EDGE_ATTRIBUTES) == {"label", "weight", "color"}
    assert sorted(titles["node"].values()) == sorted(NODE_FIELDS.items())

    nodes = graph.findall("g:nodes/g:node", GEXF)
    assert {n.get("id"): n.get("label") for n in nodes} == dict(view.graph.nodes(data="label"))
    for node in nodes:
        colour = node.find("viz:color", GEXF)
        kind = view.graph.nodes[node.get("id")]["kind"]
        assert tuple(int(colour.get(c)) for c in "rgb") == _rgb(KIND_COLORS[kind])

    expected = _edges(view)
    edges = graph.findall("g:edges/g:edge", GEXF)
    assert sorted(e.get("id") for e in edges) == sorted(expected)
    for edge in edges:
        u, v, d = expected[edge.get("id")]
        assert (edge.get("source"), edge.get("target")) == (u, v)
        assert edge.get("type") == ("directed" if d["directed"] else "undirected")
        assert (edge.get("kind"), edge.get("label")) == (d["type"], d["label"])
        assert float(edge.get("weight")) == pytest.approx(d["weight"])
        # Gephi's timeline: start/end, an open end left out
        assert edge.get("start") == (d["since"].isoformat() if d["since"] else None)
        assert edge.get("end") == (d["until"].isoformat() if d["until"] else None)
        colour = edge.find("viz:color", GEXF)
        assert tuple(int(colour.get(c)) for c in "rgb") == _rgb(d["color"])
        values = {titles["edge"][a.get("for")][0]: a.get("value")
                  for a in edge.findall("g:attvalues/g:attvalue", GEXF)}
        assert values["status"] == d["status"] and values["modality"] == d["modality"]
        assert float(values["confidence"]) == pytest.approx(d["confidence"])
        assert values["directed"] == ("true" if d["directed"] else "false")
        shape = edge.find("viz:shape", GEXF).get("value")
        assert shape == ("dashed" if d["status"] == "extracted" else
                         "dotted" if d["modality"] in ("hedged", "negated") else "solid")
    grain = graph.find("g:edges/g:edge[@id='r02-grain']", GEXF)
    assert (grain.get("start"), grain.get("end")) == ("2023-06-01", "2024-02-28")
    assert graph.find("g:edges/g:edge[@id='r01-alliance']", GEXF).get("type") == "undirected"


@pytest.mark.parametrize(("types", "directed"), [(DIRECTED_TYPES, True),
                                                 ("alliance,meeting,rivalry", False)])
def test_networkx_reads_the_gexf_of_a_view_of_one_direction(types, directed, tmp_path):
    """networkx reads GEXF graphs that are all directed or all undirected (its
    reader refuses mixed graphs by design); both kinds of view load whole."""
    view = make_view(store.load(DATA / "view-filters.yaml"), ViewParams(types=types))
    path = tmp_path / "view.gexf"
    export.write(view, "gexf", path)
    graph = nx.read_gexf(path)
    assert graph.is_directed() is directed
    assert set(graph) == set(view.graph)
    assert dict(graph.nodes(data="label")) == dict(view.graph.nodes(data="label"))
    read = {d["id"]: (u, v, d) for u, v, d in graph.edges(data=True)}
    expected = _edges(view)
    assert set(read) == set(expected)
    for key, (u, v, d) in read.items():
        eu, ev, e = expected[key]
        assert {u, v} == {eu, ev} and (not directed or (u, v) == (eu, ev))
        values = edge_values(e)
        values.pop("color")  # in viz:color, which networkx reads for nodes only
        assert {name: d[name] for name in values} == pytest.approx(values)
        assert d.get("start") == values.get("since")
        assert d.get("end") == values.get("until")
        assert isinstance(d["confidence"], float) and isinstance(d["evidence_count"], int)


# --------------------------------------------------------------- GraphML
def test_graphml_typed_keys_read_by_networkx(view, tmp_path):
    path = tmp_path / "view.graphml"
    export.write(view, "graphml", path)
    root = ET.parse(path).getroot()
    keys = root.findall("g:key", GRAPHML)
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))  # one id per key, as the schema requires
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys
             if k.get("attr.name")}
    assert types[("edge", "confidence")] == "double"
    assert types[("edge", "directed")] == "boolean"
    assert types[("edge", "evidence_count")] == "int"
    assert root.find("g:graph", GRAPHML).get("edgedefault") == "directed"

    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.graph["query"] == json.dumps(view.params.to_query(), sort_keys=True)
    assert set(graph) == set(view.graph)
    for n, d in graph.nodes(data=True):
        expected = {"label": view.graph.nodes[n]["label"], **node_values(view.graph.nodes[n])}
        assert {k: d[k] for k in expected} == expected
        assert d["shape_type"]  # yEd's drawing, read back by networkx's yfiles reader
    read = {k: (u, v, d) for u, v, k, d in graph.edges(keys=True, data=True)}
    expected_edges = _edges(view)
    assert set(read) == set(expected_edges)
    for key, (u, v, d) in read.items():
        eu, ev, e = expected_edges[key]
        assert (u, v) == (eu, ev)
        values = edge_values(e)
        assert {name: d[name] for name in values} == pytest.approx(values)
        assert d["directed"] is e["directed"]
    # yEd draws an arrowhead on directed relations only
    for edge in root.findall("g:graph/g:edge", GRAPHML):
        arrows = edge.find(".//y:Arrows", GRAPHML)
        assert arrows.get("target") == (
            "standard" if expected_edges[edge.get("id")][2]["directed"] else "none")


# ------------------------------------------------------------- Cytoscape
def test_cytoscape_elements_and_style(view, tmp_path):
    path = tmp_path / "view.cyjs"
    export.write(view, "cytoscape", path)
    document = json.loads(path.read_text(encoding="utf-8"))
    nodes = {n["data"]["id"]: n for n in document["elements"]["nodes"]}
    assert set(nodes) == set(view.graph)
    assert nodes["AAA"]["data"]["label"] == view.graph.nodes["AAA"]["label"]
    edges = {e["data"]["id"]: e["data"] for e in document["elements"]["edges"]}
    expected = _edges(view)
    assert set(edges) == set(expected)
    for key, data in edges.items():
        u, v, d = expected[key]
        assert (data["source"], data["target"]) == (u, v)
        assert {k: data[k] for k in edge_values(d)} == edge_values(d)
    selectors = {rule["selector"]: rule["style"] for rule in document["style"]}
    for t in {d["type"] for *_, d in view.edges}:
        colour = view.dataset.relation_type(t).color
        assert selectors[f'edge[relation_type = "{t}"]']["line-color"] == colour
    assert selectors["edge[?directed][sign < 0]"]["target-arrow-shape"] == "tee"
    assert document["layout"] == {"name": "preset"}


# ------------------------------------------------------------------- Kumu
@pytest.mark.parametrize("name", ["sheets.zip", "sheets", "sheets.csv"])
def test_kumu_sheets(view, tmp_path, name):
    written = export.write(view, "csv", tmp_path / name)
    if name.endswith(".zip"):
        assert written == [tmp_path / name]
        with zipfile.ZipFile(written[0]) as archive:
            assert sorted(archive.namelist()) == ["connections.csv", "elements.csv"]
            elements = pd.read_csv(io.BytesIO(archive.read("elements.csv")),
                                   keep_default_na=False)
            connections = pd.read_csv(io.BytesIO(archive.read("connections.csv")),
                                      keep_default_na=False)
    else:
        assert [p.name for p in written] == ["sheets-elements.csv", "sheets-connections.csv"]
        elements, connections = (pd.read_csv(p, keep_default_na=False) for p in written)
    # Kumu's import guide: ID may come first, then Label (elements) or From, To
    assert list(elements.columns[:5]) == ["ID", "Label", "Type", "Description", "Tags"]
    assert list(connections.columns[:8]) == ["ID", "From", "To", "Type", "Direction",
                                             "Strength", "Description", "Tags"]
    assert dict(zip(elements["ID"], elements["Label"], strict=True)) == dict(
        view.graph.nodes(data="label"))
    expected = _edges(view)
    assert sorted(connections["ID"]) == sorted(expected)
    for row in connections.to_dict("records"):
        u, v, d = expected[row["ID"]]
        assert (row["From"], row["To"]) == (u, v)  # element ids, as Kumu needs with IDs
        assert row["Strength"] == pytest.approx(d["confidence"])
        assert row["Direction"] == ("directed" if d["directed"] else "undirected")
        assert (row["Status"], row["Modality"]) == (d["status"], d["modality"])
        assert row["Evidence"] == d["evidence_count"]
        assert row["Start"] == (d["since"].isoformat() if d["since"] else "")
        tags = str(row["Tags"]).split("|") if row["Tags"] != "" else []
        assert tags == [*d["tags"], *kumu.years_in_force(d["since"], d["until"])]
    if view.params.project:
        members = dict(zip(elements["ID"], elements["Members"], strict=True))
        assert members["AAA"] == "AAA|ana-avar"
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary file


def test_years_in_force():
    assert kumu.years_in_force(dt.date(2022, 6, 1), dt.date(2024, 1, 1)) == [
        "2022", "2023", "2024"]
    assert kumu.years_in_force(dt.date(2024, 5, 1), dt.date(2024, 5, 1)) == ["2024"]
    assert kumu.years_in_force(dt.date(2023, 1, 1), None, today=dt.date(2025, 2, 3)) == [
        "2023", "2024", "2025"]
    assert kumu.years_in_force(None, dt.date(2024, 1, 1)) == []


# ------------------------------------------------ what the data may hold
def _with_control_characters(view: View) -> View:
    """The view with C0 control characters in every name and summary (validation
    may refuse them; an export must stay well-formed whatever the View holds)."""
    graph = view.graph.copy()
    for n, d in graph.nodes(data=True):
        graph.nodes[n].update(label=f"{d['label']}\x01\x0b\x0c", description="\x00tab\there")
    for *_, d in graph.edges(keys=True, data=True):
        d.update(summary="bell\x07 form\x0c feed\x1f", tags=("\x0btag",))
    return View(view.params, view.dataset, graph)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_control_characters_keep_xml_well_formed(fmt, tmp_path):
    view = _with_control_characters(make_view(store.load(DATA / "view-filters.yaml"),
                                              ViewParams(types=DIRECTED_TYPES)))
    path = tmp_path / f"view.{fmt}"
    export.write(view, fmt, path)
    ET.parse(path)  # expat refuses \x01, \x0b, \x0c, even as character references
    graph = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    label = graph.nodes["AAA"]["label"]
    assert label == view.graph.nodes["AAA"]["label"].translate(
        {0x01: "\ufffd", 0x0b: "\ufffd", 0x0c: "\ufffd"})
    summary = next(d["summary"] for *_, d in graph.edges(data=True))
    assert summary == "bell\ufffd form\ufffd feed\ufffd"


def test_cytoscape_json_carries_control_characters_escaped(tmp_path):
    view = _with_control_characters(make_view(store.load(DATA / "view-filters.yaml")))
    path = tmp_path / "view.cyjs"
    export.write(view, "cytoscape", path)
    document = json.loads(path.read_bytes())
    labels = {n["data"]["id"]: n["data"]["label"] for n in document["elements"]["nodes"]}
    assert labels["AAA"] == view.graph.nodes["AAA"]["label"]


# ----------------------------------------------------------------- others
def test_json_round_trip(view):
    data = json.loads(export.to_json(view))
    graph = nx.node_link_graph(data, edges="edges")
    flat = export.flat_graph(view)
    assert graph.graph["query"] == json.dumps(view.params.to_query(), sort_keys=True)
    assert dict(graph.nodes(data=True)) == dict(flat.nodes(data=True))
    assert sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]) == sorted(
        flat.edges(keys=True, data=True), key=lambda e: e[2])
    if view.params.project:
        merged = graph.edges["BBB", "AAA", "r11-b-trade+r12-bo-trade"]
        assert merged["relation_ids"] == "r11-b-trade, r12-bo-trade"
        assert merged["evidence_count"] == 3


def test_html_export(view, tmp_path):
    path = tmp_path / "view.html"
    export.write(view, "html", path)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert f"{len(view.graph)} actors, {view.graph.number_of_edges()} relations" in page


def test_unknown_format(view):
    with pytest.raises(ValueError, match="format 'pdf'"):
        export.render_bytes(view, "pdf")


def test_exported_files_get_the_usual_permissions(tmp_path):
    import os

    from .conftest import DATA as SHIPPED

    umask = os.umask(0o022)
    try:
        (path,) = export.write(make_view(store.load(SHIPPED)), "json", tmp_path / "view.json")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_every_format_is_documented():
    from explorer.cli import ExportFormat

    from .conftest import ROOT

    text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    assert set(export.FORMATS) == {f.value for f in ExportFormat}
    for fmt in export.FORMATS:
        assert f"`{fmt}`" in text, fmt
