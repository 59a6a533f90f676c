"""The graph page's drawing, headless (AppTest): one line per pair and direction,
coloured by net sign; every relation on demand; actors kept in their places across
filters, links, new sessions and writes to the data file."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from explorer import review, store
from explorer.candidates import Candidate
from explorer.graph import ViewParams, make_view
from explorer.layout import MIN_DISTANCE, LayoutFile
from explorer.render import FAMILY_SHADES, NET_COLORS, net_color
from tests import test_app
from tests.test_app import MINIMAL, graph_payload, no_failure

app = test_app.app  # the AppTest fixture

CURATED = Path("data/relations.yaml").resolve()


def _lines(dataset, params: ViewParams) -> dict[str, list]:
    """The lines one per pair and direction should draw, worked out from the view: the
    directed relations u→v, and the mutual ones between a and b, each on its own line."""
    lines: dict[str, list] = {}
    for u, v, _, d in make_view(dataset, params).edges:
        name = f"{u}>{v}" if d["directed"] else f"{min(u, v)}~{max(u, v)}"
        lines.setdefault(name, []).append(d)
    return lines


def test_one_line_per_pair_and_direction_coloured_by_net_sign(app):
    at = app(CURATED)
    no_failure(at)
    drawn = graph_payload(at)
    dataset = store.load(CURATED)
    expected = _lines(dataset, ViewParams(project=True))
    assert {e["id"] for e in drawn["edges"]} == set(expected)
    assert len(drawn["edges"]) < sum(len(v) for v in expected.values())  # fewer than today
    for edge in drawn["edges"]:
        members = expected[edge["id"]]
        weight = sum(d["weight"] for d in members)
        net = sum(d["sign"] * d["weight"] for d in members) / weight
        assert edge["net"] == pytest.approx(net, abs=0.01)
        assert edge["color"] == net_color(net)
        # width grows with the summed confidence
        assert edge["width"] == pytest.approx(min(1.2 + 1.6 * math.sqrt(weight), 10), abs=0.06)
        assert (edge.get("arrows") == "to") is members[0]["directed"]
    # the palette: blues for cooperation, oranges for conflict, grey between
    assert net_color(1.0) == NET_COLORS[-1][1] and net_color(-1.0) == NET_COLORS[0][1]
    assert net_color(0.0) == "#969696"
    assert {e["color"] for e in drawn["edges"] if e["net"] >= 0.6} <= {"#08519c"}
    assert {e["color"] for e in drawn["edges"] if e["net"] <= -0.6} <= {"#a63603"}


def test_a_pair_expands_and_every_relation_can_be_drawn(app):
    dataset = store.load(CURATED)
    view = make_view(dataset, ViewParams(project=True))
    at = app(CURATED, query={"expand": "PRK~RUS", "sel": "line:PRK~RUS"})
    no_failure(at)
    edges = graph_payload(at)["edges"]
    pair = [e for e in edges if {e["from"], e["to"]} == {"PRK", "RUS"}]
    typed = [k for u, v, k, _ in view.edges if {u, v} == {"PRK", "RUS"}]
    assert sorted(e["id"] for e in pair) == sorted(typed)  # one line per relation, labelled
    assert all(e["kind"] == "relation" and e["label"] for e in pair)
    # the panel lists the pair's relations, both ways, with a button to fold it back
    assert any(b.label.startswith("Draw the pair as one line") for b in at.button)
    at.button(key="g_fold").click().run()
    assert "expand" not in at.query_params
    assert {e["id"] for e in graph_payload(at)["edges"]
            if {e["from"], e["to"]} == {"PRK", "RUS"}} <= {"PRK>RUS", "RUS>PRK", "PRK~RUS"}

    at.sidebar.radio(key="g_lines").set_value("typed").run()
    assert at.query_params["lines"] == "typed"
    edges = graph_payload(at)["edges"]
    assert sorted(e["id"] for e in edges) == sorted(k for *_, k, _ in view.edges)
    # types within a family share the family's hue
    for edge in edges:
        polarity = dataset.relation_type(next(d["type"] for *_, k, d in view.edges
                                              if k == edge["id"])).polarity
        assert edge["color"]["color"] in FAMILY_SHADES[polarity]


def _positions(at) -> dict[str, tuple[float, float]]:
    return {n["id"]: (n["x"], n["y"]) for n in graph_payload(at)["nodes"]}


def test_actors_keep_their_places(app, write_yaml):
    path = write_yaml(MINIMAL)
    at = app(path, query={"project": "0"})
    everyone = _positions(at)
    assert set(everyone) == {"AAA", "BBB", "CCC", "ana-avar"}
    kept = LayoutFile.beside(path)
    assert kept.path.name == ".relations.yaml.layout.json" and kept.positions == everyone

    # a filter set by hand, and the same filter in a link: the same places
    at.sidebar.multiselect(key="f_types").set_value(["pressure"]).run()
    by_hand = _positions(at)
    linked = _positions(app(path, query={"project": "0", "types": "pressure"}))
    assert by_hand == linked == {a: everyone[a] for a in ("CCC", "ana-avar")}
    # folded: the states stay where they were
    assert _positions(app(path)) == {a: everyone[a] for a in ("AAA", "BBB", "CCC")}

    # a write to the data file (a new actor and a relation to it): nobody moves, and
    # the newcomer is placed beside its neighbour, clear of everyone
    path.write_text(MINIMAL.replace("sources:\n", "  - id: DDD\n    name: Dorvia\n"
                                    "    kind: state\nsources:\n", 1) + """\
  - id: ddd-bbb-meeting
    source: DDD
    target: BBB
    type: meeting
    confidence: 0.7
    judgement: Both said so.
""", encoding="utf-8")
    at = app(path, query={"project": "0"})
    no_failure(at)
    after = _positions(at)
    assert {a: after[a] for a in everyone} == everyone
    dx, dy = (after["DDD"][i] - after["BBB"][i] for i in (0, 1))
    assert MIN_DISTANCE - 1 <= math.hypot(dx, dy) <= 3 * MIN_DISTANCE
    assert all(math.dist(after["DDD"], xy) >= MIN_DISTANCE - 1 for xy in everyone.values())
    assert LayoutFile.beside(path).digest == store.load(path).digest


def _new_actor(path: Path, actor: str, name: str) -> None:
    """Add an actor with no relations, as Add article's "Add as a new actor" does."""
    dataset = store.load(path)
    review.add_actor(dataset, {"id": actor, "name": name, "kind": "state"},
                     source_id=dataset.sources[0].id)


def _file_meetings(path: Path, *pairs: tuple[str, str]) -> None:
    """File meetings between these actors for review, as Add article does."""
    dataset = store.load(path)
    source = dataset.sources[0]
    quotes = [f"Envoys of {a} and {b} met on Tuesday." for a, b in pairs]
    review.propose(dataset, source, [
        Candidate(document="talks", source=a, target=b, type="meeting", modality="asserted",
                  confidence=0.7, quote=q, start=0, end=len(q), source_id=source.id)
        for (a, b), q in zip(pairs, quotes, strict=True)])


def _beside(after: dict, actor: str, partner: str) -> None:
    """`actor` sits one step from `partner`, clear of everyone else."""
    assert MIN_DISTANCE - 1 <= math.dist(after[actor], after[partner]) <= 2 * MIN_DISTANCE
    assert all(math.dist(after[actor], xy) >= MIN_DISTANCE - 1
               for other, xy in after.items() if other != actor)


@pytest.mark.parametrize("when", ["before-the-first-drawing", "focused-alone"])
def test_an_actor_placed_without_relations_joins_its_partners(app, write_yaml, when):
    """An actor added with no relations, drawn (alone, in a focus) or laid out with the
    whole file before it had any, is placed beside its partner once it has one; nobody
    else moves."""
    path = write_yaml(MINIMAL)
    if when == "focused-alone":
        everyone = _positions(app(path, query={"project": "0"}))
        _new_actor(path, "DDD", "Dorvia")
        alone = _positions(app(path, query={"project": "0", "focus": "DDD"}))
        assert list(alone) == ["DDD"]
        assert LayoutFile.beside(path).loose == {"DDD"}
    else:  # the first drawing of the file comes after the actor was added
        _new_actor(path, "DDD", "Dorvia")
        everyone = _positions(app(path, query={"project": "0"}))
    _file_meetings(path, ("DDD", "BBB"))
    at = app(path, query={"project": "0"})
    no_failure(at)
    after = _positions(at)
    assert {a: after[a] for a in everyone} == everyone
    _beside(after, "DDD", "BBB")
    assert LayoutFile.beside(path).loose == set()


def test_new_actors_related_through_each_other_are_placed_by_the_known_one(app, write_yaml):
    """Eland and Fosia are added alone (each other's partner is new too), then the
    meetings Eland–Fosia and Fosia–China are filed: Fosia goes beside China, Eland
    beside Fosia (not out on the rim because Fosia had no place yet)."""
    path = write_yaml(CURATED.read_text(encoding="utf-8"))
    everyone = _positions(app(path, query={"project": "0"}))
    _new_actor(path, "EEE", "Eland")
    _new_actor(path, "FFF", "Fosia")
    _file_meetings(path, ("EEE", "FFF"), ("FFF", "CHN"))
    after = _positions(app(path, query={"project": "0"}))
    assert {a: after[a] for a in everyone} == everyone
    _beside(after, "FFF", "CHN")
    _beside(after, "EEE", "FFF")


def test_a_loose_actor_dragged_by_the_analyst_stays_where_dropped(app, write_yaml):
    from explorer.app.network import save_moves

    path = write_yaml(MINIMAL)
    app(path, query={"project": "0"})
    _new_actor(path, "DDD", "Dorvia")
    app(path, query={"project": "0", "focus": "DDD"})  # placed alone: loose
    save_moves(make_view(store.load(path)), path, {"DDD": [900.0, 900.0]})
    assert LayoutFile.beside(path).loose == set()
    _file_meetings(path, ("DDD", "BBB"))
    assert _positions(app(path, query={"project": "0"}))["DDD"] == (900.0, 900.0)


def test_the_actor_panel_explains_the_measures_and_keeps_the_key_columns(app):
    from explorer.analysis.actors import MEASURE_HELP
    from explorer.app.ui import md

    at = app(CURATED, query={"sel": "node:PRK"})
    no_failure(at)
    relations = next(d.value for d in at.dataframe if "with" in d.value.columns)
    assert list(relations.columns) == ["with", "type", "conf.", "ev.", "in force"]
    explained = next(e for e in at.expander if e.label == "What the measures mean")
    text = "\n".join(m.value for m in explained.markdown)
    assert all(md(h) in text for h in MEASURE_HELP.values())


def test_a_read_only_folder_keeps_the_layout_in_the_server(app, write_yaml, monkeypatch):
    from explorer import layout

    path = write_yaml(MINIMAL)
    computed: list[int] = []
    spring = layout.complete

    def counted(*args, **kwargs):
        computed.append(sorted(args[1]))
        return spring(*args, **kwargs)

    monkeypatch.setattr(layout, "complete", counted)
    monkeypatch.setattr(LayoutFile, "save", lambda self: False)  # the folder refuses writes
    at = app(path)
    first = _positions(at)
    at.sidebar.toggle(key="f_project").set_value(False).run()
    at.sidebar.toggle(key="f_project").set_value(True).run()
    assert _positions(at) == first
    assert len(computed) == 1, computed  # laid out once, then kept in the server's memory
    assert not LayoutFile.beside(path).path.exists()
