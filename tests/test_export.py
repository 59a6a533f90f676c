"""Each export format is read back with a real reader and compared with its View."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from explorer import export, store
from explorer.graph import ViewParams, make_view

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module", params=[False, True], ids=["as-recorded", "projected"])
def view(request):
    dataset = store.load(DATA / "view-filters.yaml")
    return make_view(dataset, ViewParams(project=request.param))


def _edges(view) -> dict[str, dict]:
    return {k: d for _, _, k, d in view.graph.edges(keys=True, data=True)}


def test_gexf_round_trip_with_timeline_and_colours(view, tmp_path):
    path = tmp_path / "view.gexf"
    export.write(view, "gexf", path)
    graph = nx.read_gexf(path)
    read = {}
    for u, v, d in graph.edges(data=True):
        read.setdefault(d["id"], (u, v, d))  # a "mutual" edge reads back both ways
    expected = _edges(view)
    assert set(read) == set(expected)
    for key, (u, v, d) in read.items():
        e = expected[key]
        assert {u, v} == _ends(view, key)
        assert d["relation_type"] == e["type"]
        assert (d["status"], d["modality"]) == (e["status"], e["modality"])
        assert d["weight"] == pytest.approx(e["weight"])
        assert d["confidence"] == pytest.approx(e["confidence"])
        assert d["evidence_count"] == e["evidence_count"]
        assert d.get("start") == (e["since"].isoformat() if e["since"] else None)
        assert d.get("end") == (e["until"].isoformat() if e["until"] else None)
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == {
        n: d["label"] for n, d in view.graph.nodes(data=True)}
    # Gephi's timeline: a dynamic graph with dates; type colours on the edges
    root = ET.parse(path).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    element = root.find("g:graph", ns)
    assert (element.get("mode"), element.get("timeformat")) == ("dynamic", "date")
    grain = root.find(".//g:edge[@id='r02-grain']", ns)
    assert (grain.get("start"), grain.get("end")) == ("2023-06-01", "2024-02-28")
    colour = grain.find("viz:color", ns)
    expected_colour = view.dataset.relation_type("economic_support").color
    assert "#{:02x}{:02x}{:02x}".format(*(int(colour.get(c)) for c in "rgb")) == (
        expected_colour)
    alliance = root.find(".//g:edge[@id='r01-alliance']", ns)
    assert alliance.get("type") == "mutual"


def _ends(view, key):
    return next({u, v} for u, v, k in view.graph.edges(keys=True) if k == key)


def test_graphml_round_trip(view, tmp_path):
    path = tmp_path / "view.graphml"
    export.write(view, "graphml", path)
    graph = nx.read_graphml(path, force_multigraph=True)
    flat = export.flat_graph(view)
    assert set(graph) == set(flat)
    read = {k: (u, v, d) for u, v, k, d in graph.edges(keys=True, data=True)}
    assert set(read) == set(_edges(view))
    for u, v, k, d in flat.edges(keys=True, data=True):
        assert read[k][:2] == (u, v)
        assert read[k][2] == pytest.approx(d)


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


@pytest.mark.parametrize("name", ["sheets.zip", "sheets", "sheets.csv"])
def test_csv_two_sheets_round_trip(view, tmp_path, name):
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
    assert list(elements.columns[:4]) == ["Label", "Type", "Description", "Tags"]
    assert list(connections.columns[:6]) == ["From", "To", "Type", "Direction", "Strength",
                                             "Description"]
    assert sorted(elements["ID"]) == sorted(view.graph)
    labels = dict(zip(elements["ID"], elements["Label"], strict=True))
    expected = _edges(view)
    assert sorted(connections["ID"]) == sorted(expected)
    for row in connections.itertuples(index=False):
        e = expected[row.ID]
        u, v = row._8, row._9  # From ID, To ID
        assert (row.From, row.To) == (labels[u], labels[v])
        assert row.Strength == pytest.approx(e["confidence"])
        assert row.Direction == ("directed" if e["directed"] else "mutual")
        assert (row.Status, row.Modality) == (e["status"], e["modality"])
        assert row.Evidence == e["evidence_count"]
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary file


def test_csv_neutralises_spreadsheet_formulas():
    view = make_view(store.load(DATA / "hostile-strings.yaml"))
    elements, connections = export.csv_tables(view)
    row = elements.set_index("ID").loc["FRM"]
    assert row["Label"] == "'=HYPERLINK(\"https://example.invalid\",\"click\")"
    assert row["Description"] == "'+1 formula, @SUM(A1:A2), -2 too"
    assert connections.set_index("ID").loc["frm-amp-pressure", "Description"] == "'=1+1"
    assert connections.set_index("ID").loc["frm-amp-pressure", "Strength"] == 0.4


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

    from explorer import export, store
    from explorer.graph import make_view

    from .conftest import DATA

    umask = os.umask(0o022)
    try:
        (path,) = export.write(make_view(store.load(DATA)), "json", tmp_path / "view.json")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644
