"""Every measure on `analysis-square.yaml`, with answers worked out by hand, and
the curated data's reading of the China–Russia–North Korea triangle recomputed
from the relations themselves."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import networkx as nx
import pytest

from explorer import store
from explorer.analysis import (
    corroboration,
    dependencies,
    measure,
    parse_share,
    signed_pairs,
    triangles,
)
from explorer.analysis.actors import actor_table, betweenness, communities
from explorer.analysis.change import change
from explorer.analysis.dyads import dyads
from explorer.analysis.reading import compare, strongest_triangle
from explorer.analysis.robustness import robustness
from explorer.graph import ViewParams, make_view

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def square():
    return make_view(store.load(DATA / "analysis-square.yaml"))


@pytest.fixture(scope="module")
def filters():
    return store.load(DATA / "view-filters.yaml")


# ------------------------------------------------------------------ actors
def test_degree_and_strengths(square):
    # PPP: p-q-oil, q-p-backing, p-r-arms, s-p-no-trade
    assert measure(square, "degree") == {"PPP": 4, "QQQ": 5, "RRR": 5, "SSS": 2}
    # support: P gives oil 1.0 + arms 0.5; the Q–R meeting (0.2) counts both ways;
    # Sorlia's negated trade counts nothing
    assert measure(square, "support_given") == pytest.approx(
        {"PPP": 1.5, "QQQ": 0.5 + 0.2, "RRR": 0.2 + 0.3, "SSS": 0.0})
    assert measure(square, "support_received") == pytest.approx(
        {"PPP": 0.5, "QQQ": 1.0 + 0.2 + 0.3, "RRR": 0.5 + 0.2, "SSS": 0.0})
    # pressure: the rivalry (0.8) both ways, R presses S (0.4)
    assert measure(square, "pressure_given") == pytest.approx(
        {"PPP": 0.0, "QQQ": 0.8, "RRR": 0.8 + 0.4, "SSS": 0.0})
    assert measure(square, "pressure_received") == pytest.approx(
        {"PPP": 0.0, "QQQ": 0.8, "RRR": 0.8, "SSS": 0.4})


def test_betweenness_by_hand(square):
    # simple graph P–Q, P–R, Q–R, R–S, S–P: only Q and S are not adjacent, and their
    # two shortest paths run through P and R; normalised by (n−1)(n−2)/2 = 3
    values, how = betweenness(square)
    assert how == "exact"
    assert values == pytest.approx({"PPP": 0.5 / 3, "QQQ": 0.0, "RRR": 0.5 / 3, "SSS": 0.0})


def test_betweenness_matches_networkx_exact_and_sampled(monkeypatch):
    from explorer.analysis import actors

    graph = nx.gnm_random_graph(120, 400, seed=3)
    yaml = ["version: 1", "actors:"]
    yaml += [f"  - {{id: a{n}, name: A{n}, kind: group}}" for n in graph]
    yaml += ["sources:", "  - {id: s, title: S}", "relations:"]
    yaml += [f"  - {{id: r{i}, source: a{u}, target: a{v}, type: meeting, confidence: 1,"
             f" judgement: test}}" for i, (u, v) in enumerate(graph.edges())]
    view = make_view(store.load_text("\n".join(yaml), "random.yaml"))
    relabelled = nx.relabel_nodes(graph, {n: f"a{n}" for n in graph})
    ordered = nx.Graph()
    ordered.add_nodes_from(view.graph)
    ordered.add_edges_from(relabelled.edges())
    exact = nx.betweenness_centrality(ordered)
    assert betweenness(view)[0] == pytest.approx(exact, abs=1e-12)
    # sampled: the same seeded choice of sources as networkx's k/seed
    monkeypatch.setattr(actors, "EXACT_BETWEENNESS_MAX_NODES", 50)
    monkeypatch.setattr(actors, "SAMPLE_SIZE", 30)
    fresh = make_view(store.load_text("\n".join(yaml) + "\n", "random2.yaml"))
    values, how = betweenness(fresh)
    assert how == "sampled: 30 of 120 source actors, seed 0"
    assert values == pytest.approx(nx.betweenness_centrality(ordered, k=30, seed=0),
                                   abs=1e-12)


def test_pagerank_on_who_depends_on_whom(square):
    # material support reversed: Q depends on P (oil 1.0), R on P (arms 0.5), Q on R
    # (oil 0.3); Quiria's backing of Pavia (diplomatic: words), the meeting and the
    # negated trade carry none
    reference = nx.DiGraph()
    reference.add_nodes_from(["PPP", "QQQ", "RRR", "SSS"])
    reference.add_weighted_edges_from([("QQQ", "PPP", 1.0), ("RRR", "PPP", 0.5),
                                       ("QQQ", "RRR", 0.3)])
    expected = nx.pagerank(reference, tol=1e-12)  # networkx's own (with scipy)
    values = measure(square, "pagerank")
    assert values == pytest.approx(expected, abs=1e-8)
    assert max(values, key=values.get) == "PPP"
    assert sum(values.values()) == pytest.approx(1.0)


def test_communities(square):
    # positive weights P–Q 1.5, P–R 0.5, Q–R 0.5 (meeting + oil): one community has
    # modularity 0, splitting off R −0.08; Sorlia has no positive tie
    assert communities(square) == {"PPP": 1, "QQQ": 1, "RRR": 1, "SSS": 2}


def test_actor_table(square):
    table = actor_table(square)
    assert table["actor"].iloc[0] == "PPP"  # highest PageRank first
    assert table.attrs["betweenness"] == "exact"
    assert set(table.columns) >= {"degree", "betweenness", "pagerank", "community"}


# ------------------------------------------------------------------- dyads
@pytest.mark.parametrize(("text", "expected"), [
    (0.8, (0.8, 0.8)), (">=0.8", (0.8, 1.0)), ("≥ 80%", (0.8, 1.0)), ("<0.3", (0.0, 0.3)),
    ("0.25-0.5", (0.25, 0.5)), ("25%–50%", (0.25, 0.5)), ("40", (0.4, 0.4)),
    ("most", None), ("0.9-0.2", None), (True, None),
])
def test_parse_share(text, expected):
    assert parse_share(text) == expected


def test_dyads_and_dependency(square):
    by_pair = {(d.a, d.b): d for d in dyads(square)}
    pq = by_pair[("PPP", "QQQ")]
    assert (pq.a_to_b, pq.b_to_a, pq.mutual) == (("p-q-oil",), ("q-p-backing",), ())
    assert pq.net == pytest.approx(1.5)
    # Quiria's backing of Pavia (0.5) is diplomatic support: words, not material support
    assert (pq.support_a_to_b, pq.support_b_to_a) == (1.0, 0.0)
    assert pq.asymmetry == pytest.approx(1.0)
    assert pq.dependent == "QQQ"  # Q gets at least 80 % of its oil from P
    qr = by_pair[("QQQ", "RRR")]
    assert qr.mutual == ("q-r-rivalry", "r-q-meeting") and qr.b_to_a == ("r-q-oil",)
    assert qr.net == pytest.approx(-0.8 + 0.2 + 0.3)
    assert qr.dependent == "QQQ"  # by the figure: 10–30 % of its oil from R
    pr = by_pair[("PPP", "RRR")]
    assert pr.shares == () and pr.dependent == "RRR"  # by the support balance, 0.5 to 0
    ps = by_pair[("PPP", "SSS")]
    assert ps.net == 0 and ps.dependent is None  # a negated relation is no support
    assert [s.describe() for s in dependencies(square)] == [
        "QQQ gets at least 80% of its oil from PPP", "QQQ gets 10%–30% of its oil from RRR"]


# ----------------------------------------------------------------- balance
def test_signed_pairs_and_triangles(square):
    pairs = signed_pairs(square)
    # P–S has only a negated relation: no sign
    assert pairs == pytest.approx({("PPP", "QQQ"): 1.5, ("PPP", "RRR"): 0.5,
                                   ("QQQ", "RRR"): -0.3, ("RRR", "SSS"): -0.4})
    [t] = triangles(square)
    assert t.actors == ("PPP", "QQQ", "RRR")
    assert t.kind == "++-" and not t.balanced
    assert t.flip == ("QQQ", "RRR")  # |−0.3| is the weakest of 1.5, 0.5, 0.3
    assert triangles(square, {"SSS"}) == []


def test_balanced_kinds():
    from explorer.analysis.balance import Triangle

    t = Triangle(("a", "b", "c"), ((("a", "b"), 1.0), (("a", "c"), -1.0), (("b", "c"), -2.0)))
    assert t.balanced and t.kind == "+--" and t.flip is None
    t = Triangle(("a", "b", "c"), ((("a", "b"), -1.0), (("a", "c"), -0.5), (("b", "c"), -2.0)))
    assert not t.balanced and t.kind == "---" and t.flip == ("a", "c")


# ------------------------------------------------------ change, corroboration
def test_change_in_force(filters):
    result = change(filters, ViewParams(), dt.date(2024, 1, 1), dt.date(2024, 5, 1))
    # the pressure (April) and the summit (May 1) start; the grain deal (to Feb 28) ends
    assert result.started == ("r03-pressure", "r05-summit")
    assert result.ended == ("r02-grain",)
    assert result.changed == ()
    degree = result.measures[result.measures["measure"] == "degree"].set_index("actor")
    # Cordia: grain, sanctions, no-arms → sanctions, no-arms, pressure
    assert (degree.loc["CCC", "before"], degree.loc["CCC", "after"]) == (3, 3)
    # Bo Bord: trade → trade and summit
    assert degree.loc["bo-bord", "delta"] == 1


def test_change_as_known(filters):
    result = change(filters, ViewParams(), dt.date(2024, 2, 1), dt.date(2024, 3, 1),
                    mode="known_on")
    # the paper (March 1) brings the grain deal, the no-arms denial, Borduria's trade,
    # and a second item and source for the alliance
    assert result.started == ("r02-grain", "r07-no-arms", "r11-b-trade")
    assert result.ended == ()
    assert result.changed == (("r01-alliance", "evidence", 1, 2),
                              ("r01-alliance", "independent sources", 1, 2))
    degree = result.measures[result.measures["measure"] == "degree"].set_index("actor")
    assert degree.loc["CCC", "delta"] == 2
    with pytest.raises(ValueError, match="mode"):
        change(filters, ViewParams(), dt.date(2024, 2, 1), dt.date(2024, 3, 1), mode="x")


def test_corroboration(filters):
    table = corroboration(make_view(filters)).set_index("relation")
    assert (table.loc["r01-alliance", "evidence"], table.loc["r01-alliance", "independent"]
            ) == (3, 2)
    assert table.loc["r01-alliance", "independent_sources"] == "paper-b, wire-a"
    assert table.loc["r12-bo-trade", "independent"] == 2
    assert table.iloc[0]["independent"] == 1  # least corroborated first


# --------------------------------------------------------------- robustness
def test_robustness_by_reliability(square):
    result = robustness(square.dataset, ViewParams(), "betweenness")
    # A–D: only the good wire's relations P→Q, Q→P, Q–R, R→S: a path P–Q–R–S,
    # so Q and R each lie on 2 of 3 pairs' paths; E–F: all eight relations
    assert result.relations == {"A": 4, "B": 4, "C": 4, "D": 4, "E": 8, "F": 8}
    assert result.values.loc["QQQ", "A"] == pytest.approx(2 / 3)
    assert result.leaders("A") == ["QQQ", "RRR"]
    assert result.leaders("F") == ["PPP", "RRR"]
    assert result.ranks.loc["QQQ", "F"] == 3


# --------------------------------------------------------------- the reading
def test_reading_of_square(square):
    assert strongest_triangle(square) == ("PPP", "QQQ", "RRR")
    lines = compare(square, ("PPP", "QQQ", "RRR"))
    assert "Quiria's oil: at least 80% from PPP vs 10%–30% from RRR → most dependent on " \
           "Pavia" in lines
    assert any(line.startswith("triangle PPP–QQQ–RRR: ++- unbalanced; flipping QQQ–RRR")
               for line in lines)


def test_curated_triangle_follows_from_the_data(curated):
    """Recompute from the raw relations what the reading says about China, Russia and
    North Korea, and check the reading agrees — whatever the numbers turn out to be."""
    view = make_view(curated, ViewParams(project=True))
    state = curated.state_of
    # the most connected triangle, by brute force over every three states
    pair_count: dict[frozenset, int] = {}
    for r in curated.relations:
        a, b = state(r.source), state(r.target)
        if a != b:
            pair_count[frozenset((a, b))] = pair_count.get(frozenset((a, b)), 0) + 1
    signed = signed_pairs(view)
    closed = [trio for trio in itertools.combinations(sorted(view.graph), 3)
              if all(tuple(sorted(p)) in signed for p in itertools.combinations(trio, 2))]
    best = max(closed, key=lambda t: sum(pair_count.get(frozenset(p), 0)
                                         for p in itertools.combinations(t, 2)))
    assert strongest_triangle(view) == best
    # net support given − received per state, from the relations themselves
    balance: dict[str, float] = {}
    for r in curated.relations:
        t = curated.relation_type(r.type)
        a, b = state(r.source), state(r.target)
        if a == b or t.sign <= 0 or r.modality == "negated":
            continue
        if t.directed:
            balance[a] = balance.get(a, 0) + r.confidence
            balance[b] = balance.get(b, 0) - r.confidence
    lines = compare(view, best)
    line = next(x for x in lines if x.startswith("support given minus received"))
    order = sorted(best, key=lambda s: -balance.get(s, 0))
    names = [view.graph.nodes[s]["label"] for s in order]
    assert [part.rsplit(" ", 1)[0] for part in line.split(": ")[1].split(", ")] == names
    # North Korea's oil shares, from the attributes of the data file
    oil = {state(r.source): parse_share(r.attributes["share"]) for r in curated.relations
           if r.attributes.get("commodity") == "oil" and state(r.target) == "PRK"}
    if len(oil) > 1:
        top = max(oil, key=lambda g: oil[g][0])
        assert any(x.startswith("North Korea's oil:") and
                   x.endswith(f"most dependent on {view.graph.nodes[top]['label']}")
                   for x in lines)
    # the triangle's balance, from the product of the signs of the pair nets
    product = 1
    for p in itertools.combinations(best, 2):
        product *= 1 if signed[tuple(sorted(p))] > 0 else -1
    verdict = "balanced" if product > 0 else "unbalanced"
    assert any(x.startswith(f"triangle {'–'.join(best)}: ") and f" {verdict}" in x
               for x in lines)


def test_census_limit_and_around_agree_with_full_enumeration():
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from synthetic import synthetic_yaml

    from explorer.analysis.balance import census

    view = make_view(store.load_text(synthetic_yaml(600, actors=60, seed=5), "s.yaml"),
                     ViewParams(project=True))
    everything = triangles(view)
    counted = census(view)
    assert counted.total == len(everything) > 50
    assert counted.unbalanced == sum(not t.balanced for t in everything)
    assert counted.kinds["---"] == sum(t.kind == "---" for t in everything)
    # networkx counts the same triangles on the signed pairs
    assert counted.total == sum(nx.triangles(nx.Graph(list(signed_pairs(view)))).values()) // 3
    assert triangles(view, limit=7) == everything[:7]
    some = random.Random(1).choice(everything).actors
    assert triangles(view, {some[0], some[2]}) == [
        t for t in everything if {some[0], some[2]} <= set(t.actors)]
    best = strongest_triangle(view)
    per_pair: dict[tuple, int] = {}
    for u, v in view.graph.edges():
        per_pair[tuple(sorted((u, v)))] = per_pair.get(tuple(sorted((u, v))), 0) + 1
    top = max(sum(per_pair[p] for p in itertools.combinations(t.actors, 2)) for t in everything)
    assert sum(per_pair[p] for p in itertools.combinations(best, 2)) == top


def test_census_of_square(square):
    from explorer.analysis.balance import census

    assert census(square).kinds == {"+++": 0, "++-": 1, "+--": 0, "---": 0}
    assert census(square).unbalanced == 1


def test_projected_measures_add_up_merged_relations(filters):
    view = make_view(filters, ViewParams(project=True))
    # Avaria receives: the alliance 0.9 and the leaders' summit 0.95 (undirected), and
    # Borduria's and Bord's trade, merged into one edge of weight 0.5 + 0.7
    assert measure(view, "support_received")["AAA"] == pytest.approx(0.9 + 0.95 + 0.5 + 0.7)
    assert signed_pairs(view)[("AAA", "BBB")] == pytest.approx(0.9 + 0.95 + 0.5 + 0.7)


def test_triangle_table_says_what_each_triangle_says():
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from synthetic import synthetic_yaml

    from explorer.analysis.balance import triangle_table

    view = make_view(store.load_text(synthetic_yaml(600, actors=60, seed=5), "s.yaml"),
                     ViewParams(project=True))
    for limit in (None, 7):
        found = triangles(view, limit=limit)
        table = triangle_table(view, limit=limit)
        assert len(table) == len(found) > 0
        for t, row in zip(found, table.itertuples(index=False), strict=True):
            assert row.actors == "–".join(t.actors)
            assert (row.signs, bool(row.balanced)) == (t.kind, t.balanced)
            assert row.flip == ("–".join(t.flip) if t.flip else "")
            assert row.nets == ", ".join(f"{p[0]}–{p[1]} {n:+.2f}" for p, n in t.nets)


# ---------------------------------------------------------------- examples
@pytest.mark.parametrize("name", ["actors", "balance", "change", "dyads", "reading", "report",
                                  "robustness", "toy"])
def test_the_examples_in_the_docstrings_run(name):
    import doctest
    import importlib

    module = importlib.import_module(f"explorer.analysis.{name}")
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_triangle_census_matches_networkx():
    import random

    from explorer.analysis.toy import toy_view

    rng = random.Random(5)
    graph = nx.gnm_random_graph(40, 160, seed=5)
    kinds = ["alliance", "rivalry", "economic_support", "pressure"]
    view = toy_view(*[(f"A{u:02d}", f"A{v:02d}", rng.choice(kinds), rng.choice([0.3, 0.6, 1.0]))
                      for u, v in graph.edges()])
    net = signed_pairs(view)
    signed = nx.Graph(list(net))
    expected = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    for clique in nx.enumerate_all_cliques(signed):
        if len(clique) == 3:
            a, b, c = sorted(clique)
            negatives = sum(net[p] < 0 for p in ((a, b), (a, c), (b, c)))
            expected[["+++", "++-", "+--", "---"][negatives]] += 1
        elif len(clique) > 3:
            break
    from explorer.analysis import census
    assert census(view).kinds == expected
    assert census(view).total == sum(nx.triangles(signed).values()) // 3


def test_stats_when_every_confidence_is_zero(write_yaml) -> None:
    """Confidence 0 is no evidence of a tie: Louvain and PageRank see no weighted tie, so
    every actor is a community of its own and every rank is 1/n (networkx gives the
    same PageRank), and every output format of `explorer stats` works."""
    import re

    from typer.testing import CliRunner

    from explorer.analysis import actors
    from explorer.cli import app

    text = re.sub(r"confidence: [0-9.]+", "confidence: 0",
                  (DATA.parent.parent / "data" / "relations.yaml").read_text(encoding="utf-8"))
    path = write_yaml(text)
    for fmt in ("table", "json", "csv"):
        result = CliRunner().invoke(app, ["stats", "--data", str(path), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "Error" not in result.output
    view = make_view(store.load(path))
    ranks = actors.pagerank(view)
    n = len(view.graph)
    assert all(abs(r - 1 / n) < 1e-9 for r in ranks.values())
    g = nx.DiGraph()
    g.add_nodes_from(view.graph)
    g.add_weighted_edges_from((v, u, d["weight"]) for u, v, _, d in view.edges
                              if d["sign"] > 0 and d["directed"]
                              and d["type"] != "diplomatic_support")
    assert all(abs(nx.pagerank(g)[a] - ranks[a]) < 1e-6 for a in ranks)
    assert sorted(actors.communities(view).values()) == list(range(1, n + 1))
