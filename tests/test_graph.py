"""ViewParams, build_graph and make_view: every filter on `view-filters.yaml`.

The expected sets are worked out by hand from the fixture; the comment above
each says why each relation is in or out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from explorer import store
from explorer.graph import FilterError, ViewParams, build_graph, make_view

DATA = Path(__file__).parent / "data"
ALL = {"r01-alliance", "r02-grain", "r03-pressure", "r04-sanctions", "r05-summit",
       "r06-rejected-threat", "r07-no-arms", "r08-union-backs", "r09-group-rivalry",
       "r10-ana-praises", "r11-b-trade", "r12-bo-trade"}
DEFAULT = ALL - {"r06-rejected-threat"}


@pytest.fixture(scope="module")
def data():
    return store.load(DATA / "view-filters.yaml")


def ids(dataset, **filters) -> set[str]:
    return set(make_view(dataset, ViewParams(**filters)).relation_ids)


# ------------------------------------------------------------------ build
def test_build_graph_carries_everything(data):
    g = build_graph(data)
    assert set(g) == {a.id for a in data.actors}
    assert g.number_of_edges() == 12
    # the alliance is undirected: stored once, in the order the file gives
    assert [k for _, _, k in g.edges(keys=True) if k == "r01-alliance"] == ["r01-alliance"]
    e = g.edges["AAA", "BBB", "r01-alliance"]
    assert (e["type"], e["directed"], e["polarity"], e["sign"]) == ("alliance", False,
                                                                    "positive", 1)
    assert (e["status"], e["confidence"], e["modality"]) == ("curated", 0.9, "asserted")
    assert e["since"] == dt.date(2020, 1, 1) and e["until"] is None
    # three items; copy-b derives from paper-b, so two independent sources
    assert e["evidence_count"] == 3 and e["independent_count"] == 2
    assert e["independent_sources"] == ("paper-b", "wire-a")
    assert e["color"] == data.relation_type("alliance").color
    grain = g.edges["AAA", "CCC", "r02-grain"]
    assert grain["attributes"] == {"commodity": "grain", "share": ">=0.6"}
    # a negated relation keeps its type's polarity but has sign 0
    no_arms = g.edges["ana-avar", "CCC", "r07-no-arms"]
    assert (no_arms["polarity"], no_arms["sign"]) == ("positive", 0)
    assert g.nodes["ana-avar"]["kind"] == "person"
    assert g.nodes["ana-avar"]["represents"] == "AAA"


# ---------------------------------------------------------------- filters
def test_default_hides_rejected_only(data):
    assert ids(data) == DEFAULT


def test_status(data):
    assert ids(data, statuses={"rejected"}) == {"r06-rejected-threat"}
    assert ids(data, statuses={"curated"}) == DEFAULT - {"r03-pressure"}
    assert ids(data, statuses={"curated", "extracted", "rejected"}) == ALL


def test_types_and_polarity(data):
    assert ids(data, types={"alliance"}) == {"r01-alliance"}
    # negative types: pressure, sanctions, rivalry (the threat is rejected); the
    # negated military support keeps its type's positive polarity
    assert ids(data, polarity={"negative"}) == {"r03-pressure", "r04-sanctions",
                                                 "r09-group-rivalry"}


def test_min_confidence_and_modality(data):
    assert ids(data, min_confidence=0.7) == {"r01-alliance", "r02-grain", "r04-sanctions",
                                             "r05-summit", "r12-bo-trade"}
    assert ids(data, modalities={"hedged", "negated"}) == {"r03-pressure", "r07-no-arms"}


def test_min_reliability_keeps_good_evidence_only(data):
    # A or B: wire-a and paper-b; copy-b is D, undated-c C, blog-e E
    assert ids(data, min_reliability="B") == {
        "r01-alliance", "r02-grain", "r05-summit", "r07-no-arms", "r10-ana-praises",
        "r11-b-trade", "r12-bo-trade"}
    # C adds undated-c: the sanctions and the Union's backing
    assert ids(data, min_reliability="C") == {
        "r01-alliance", "r02-grain", "r04-sanctions", "r05-summit", "r07-no-arms",
        "r08-union-backs", "r10-ana-praises", "r11-b-trade", "r12-bo-trade"}
    view = make_view(data, ViewParams(min_reliability="B"))
    alliance = view.graph.edges["AAA", "BBB", "r01-alliance"]
    assert alliance["evidence_count"] == 2  # copy-b (D) dropped
    trade = view.graph.edges["bo-bord", "AAA", "r12-bo-trade"]
    assert (trade["evidence_count"], trade["independent_count"]) == (1, 1)
    assert ids(data, min_reliability="A") == {"r01-alliance", "r05-summit",
                                              "r10-ana-praises", "r12-bo-trade"}


def test_max_credibility(data):
    # credibility 1–2 only; ungraded counts as 6; r07's item is 3
    assert ids(data, max_credibility=2) == {
        "r01-alliance", "r02-grain", "r05-summit", "r10-ana-praises", "r11-b-trade",
        "r12-bo-trade"}


def test_as_of_and_range(data):
    # on 1 Jan 2024 the pressure (from April) and the summit (May) are not in force
    assert ids(data, as_of="2024-01-01") == DEFAULT - {"r03-pressure", "r05-summit"}
    # March 1 – April 15: the grain deal ended Feb 28, the pressure began April 1
    assert ids(data, date_from="2024-03-01", date_to="2024-04-15") == (
        DEFAULT - {"r02-grain", "r05-summit"})
    # open-ended range from April 30: everything but the ended grain deal
    assert ids(data, date_from="2024-04-30") == DEFAULT - {"r02-grain"}
    # open-ended range up to 2023-12-31: not the pressure nor the summit
    assert ids(data, date_to="2023-12-31") == DEFAULT - {"r03-pressure", "r05-summit"}


def test_known_on(data):
    # by Feb 1 only the wire (Jan 10) was published; undated-c is never "known"
    assert ids(data, known_on="2024-02-01") == {"r01-alliance", "r05-summit",
                                                "r10-ana-praises", "r12-bo-trade"}
    view = make_view(data, ViewParams(known_on="2024-02-01"))
    assert view.graph.edges["AAA", "BBB", "r01-alliance"]["evidence_count"] == 1
    # by March 1 the paper (March 1) too
    assert ids(data, known_on="2024-03-01") == {
        "r01-alliance", "r02-grain", "r05-summit", "r07-no-arms", "r10-ana-praises",
        "r11-b-trade", "r12-bo-trade"}


def test_sources_and_independent_sources(data):
    assert ids(data, sources={"copy-b"}) == {"r01-alliance", "r04-sanctions"}
    view = make_view(data, ViewParams(sources={"copy-b"}))
    # the copy's root is the paper: one independent source
    assert view.graph.edges["AAA", "BBB", "r01-alliance"]["independent_sources"] == (
        "paper-b",)
    # two independent roots: alliance (wire, paper), sanctions (paper via copy,
    # undated report), Bord's trade (wire, blog)
    assert ids(data, min_sources=2) == {"r01-alliance", "r04-sanctions", "r12-bo-trade"}
    assert ids(data, min_sources=3) == set()


def test_actor_kinds(data):
    view = make_view(data, ViewParams(actor_kinds={"state"}))
    assert set(view.graph) == {"AAA", "BBB", "CCC"}  # Dorsia's only tie is to a group
    assert view.relation_ids == {"r01-alliance", "r02-grain", "r03-pressure",
                                 "r04-sanctions", "r11-b-trade"}


def test_focus_and_hops(data):
    # Cordia's neighbours: Avaria, Borduria, Ana Avar; then every relation among the four
    view = make_view(data, ViewParams(focus="CCC"))
    assert set(view.graph) == {"CCC", "AAA", "BBB", "ana-avar"}
    assert view.relation_ids == {"r01-alliance", "r02-grain", "r03-pressure",
                                 "r04-sanctions", "r07-no-arms", "r10-ana-praises",
                                 "r11-b-trade"}
    # two hops reach Bo Bord (through Avaria and Borduria) and the Union (via Borduria)
    two = make_view(data, ViewParams(focus="CCC", hops=2))
    assert set(two.graph) == {"CCC", "AAA", "BBB", "ana-avar", "bo-bord", "UNX"}
    zero = make_view(data, ViewParams(focus="CCC", hops=0))
    assert set(zero.graph) == {"CCC"} and zero.graph.number_of_edges() == 0
    assert ids(data, focus="DDD") == {"r09-group-rivalry"}
    # a focus whose relations are all filtered out stays, alone
    alone = make_view(data, ViewParams(focus="DDD", types={"alliance"}))
    assert set(alone.graph) == {"DDD"}


def test_projection_folds_persons_and_merges(data):
    view = make_view(data, ViewParams(project=True))
    g = view.graph
    assert set(g) == {"AAA", "BBB", "CCC", "DDD", "UNX", "grp"}
    assert g.nodes["AAA"]["members"] == ("AAA", "ana-avar")
    # Ana praising her own state folds into a loop: dropped
    assert "r10-ana-praises" not in view.relation_ids
    # the summit of the two leaders becomes a meeting of their states
    assert [(u, v) for u, v, d in g.edges(data=True) if d["type"] == "meeting"] == [
        ("AAA", "BBB")]
    # Borduria's and Bord's trade with Avaria: same pair, type, status, modality → one edge
    merged = [d for u, v, d in g.edges(data=True)
              if (u, v) == ("BBB", "AAA") and d["type"] == "economic_support"]
    assert len(merged) == 1
    m = merged[0]
    assert m["relation_ids"] == ("r11-b-trade", "r12-bo-trade")
    assert m["confidence"] == 0.7  # the highest
    assert m["weight"] == pytest.approx(0.5 + 0.7)  # what measures add up
    assert m["evidence_count"] == 1 + 2
    assert m["independent_sources"] == ("blog-e", "paper-b", "wire-a")
    assert g.number_of_edges() == 9  # 11 relations − 1 loop − 1 merge
    # a focus on a person means their state in a projected view
    focus = make_view(data, ViewParams(project=True, focus="ana-avar"))
    assert "AAA" in focus.graph and "ana-avar" not in focus.graph


def test_unknown_names_are_clear_errors(data):
    with pytest.raises(ValueError, match="types: aliance not in the data"):
        make_view(data, ViewParams(types={"aliance"}))
    with pytest.raises(ValueError, match="focus: no actor 'ZZZ'"):
        make_view(data, ViewParams(focus="ZZZ"))
    with pytest.raises(ValueError, match="source: nowhere not in the data"):
        make_view(data, ViewParams(sources={"nowhere"}))


# ------------------------------------------------------------- ViewParams
def test_params_are_canonical_and_hashable():
    assert ViewParams(polarity={"positive", "negative", "neutral"}) == ViewParams()
    assert ViewParams(statuses=set()) == ViewParams()
    assert ViewParams(min_reliability="f") == ViewParams()
    assert ViewParams(min_reliability="b").min_reliability == "B"
    assert ViewParams(max_credibility=6) == ViewParams()
    assert ViewParams(date_from="2024-01-01", date_to="2024-01-01") == ViewParams(
        as_of=dt.date(2024, 1, 1))
    assert ViewParams(types="meeting, alliance") == ViewParams(types=["alliance", "meeting"])
    assert ViewParams(hops=3) == ViewParams()  # hops mean nothing without a focus
    assert len({ViewParams(types={"a", "b"}), ViewParams(types=("b", "a"))}) == 1


def test_query_round_trip():
    params = ViewParams(types={"meeting", "alliance"}, polarity={"positive"},
                        statuses={"curated"}, min_confidence=0.25, modalities={"hedged"},
                        min_reliability="C", max_credibility=3, date_from="2023-01-01",
                        date_to="2024-06-30", known_on="2024-07-01", sources={"s-1"},
                        min_sources=2, actor_kinds={"state", "person"}, focus="CHN",
                        hops=2, project=True)
    query = params.to_query()
    assert query["types"] == "alliance,meeting"
    assert query["from"] == "2023-01-01" and query["project"] == "1"
    assert all(isinstance(v, str) for v in query.values())
    assert ViewParams.from_query(query) == params
    assert ViewParams().to_query() == {}
    assert ViewParams.from_query({}) == ViewParams()
    # what a web framework may hand over: lists, and keys that belong to the page
    assert ViewParams.from_query({"types": ["alliance", "meeting"], "page": "graph"}) == (
        ViewParams(types={"alliance", "meeting"}))


@pytest.mark.parametrize(("query", "message"), [
    ({"min_confidence": "high"}, "min_confidence: 'high' is not a number"),
    ({"min_confidence": "1.5"}, "min_confidence: 1.5 is outside 0–1"),
    ({"min_reliability": "Z"}, "min_reliability: 'Z' is not a grade A–F"),
    ({"max_credibility": "9"}, "max_credibility: 9 is not a grade 1–6"),
    ({"as_of": "yesterday"}, "as_of: 'yesterday' is not a date; write it as YYYY-MM-DD"),
    ({"from": "2024-05-01", "to": "2024-01-01"}, "'to' (2024-01-01) is before 'from'"),
    ({"as_of": "2024-01-01", "from": "2023-01-01"}, "not both"),
    ({"status": "approved"}, "status: 'approved' is not one of curated, extracted, rejected"),
    ({"kinds": "nation"}, "kinds: 'nation' is not one of state"),
    ({"hops": "two", "focus": "CHN"}, "hops: 'two' is not a whole number"),
    ({"min_sources": "-1"}, "min_sources: -1 is negative"),
    ({"project": "maybe"}, "project: 'maybe' is not yes/no"),
    ({"types": "<script>"}, "types: '<script>' is not an id"),
])
def test_query_errors_name_the_parameter(query, message):
    with pytest.raises(ValueError) as info:
        ViewParams.from_query(query)
    assert message in str(info.value)


def test_views_are_kept_with_their_dataset(data):
    first = make_view(data, ViewParams(types={"alliance"}))
    assert make_view(data, ViewParams(types=["alliance"])) is first
    assert make_view(data, ViewParams()) is not first
    again = store.load(DATA / "view-filters.yaml")  # the same bytes, another Dataset
    assert make_view(again, ViewParams(types={"alliance"})) is not first
    assert first.derived("answer", lambda v: 42) == 42  # kept by the View
    assert first.derived("answer", lambda v: 0) == 42


def test_a_views_filter_error_names_the_filter():
    with pytest.raises(FilterError) as caught:
        ViewParams.from_query({"min_confidence": "2", "types": "alliance"})
    error = caught.value
    assert (error.code, error.field, error.keys) == ("bad-filter", "min_confidence",
                                                    ("min_confidence",))
    assert error.fields["what"] == "2 is outside 0–1" and error.fields["value"] == 2.0
    with pytest.raises(FilterError) as caught:
        ViewParams(date_from="2024-05-01", date_to="2024-01-01")
    assert caught.value.keys == ("to", "from")
    with pytest.raises(FilterError) as caught:
        make_view(store.load(DATA / "view-filters.yaml"), ViewParams(focus="NOPE"))
    assert (caught.value.code, caught.value.field) == ("not-in-data", "focus")


def test_assembly_equals_networkx_add_edges(data):
    import networkx as nx

    fast = build_graph(data)
    slow = nx.MultiDiGraph()
    slow.add_nodes_from(fast.nodes(data=True))
    slow.add_edges_from(fast.edges(keys=True, data=True))
    assert nx.utils.graphs_equal(fast, slow)
    assert sorted(fast.in_edges("AAA", keys=True)) == sorted(slow.in_edges("AAA", keys=True))
    assert dict(fast.degree()) == dict(slow.degree())
    view = make_view(data, ViewParams(project=True))
    copy = nx.MultiDiGraph(view.graph)
    assert nx.utils.graphs_equal(view.graph, copy)
