"""Measures computed on a View, one module per family of questions.

- `actors`: degree, support and pressure given and received, brokerage
  (betweenness), PageRank on who depends on whom, Louvain communities;
- `dyads`: the relations of each pair, net polarity, dependency asymmetry;
- `balance`: structural balance of signed triangles (Heider);
- `change`: what started, ended or changed between two dates; corroboration;
- `robustness`: a measure's ranking at each source-reliability threshold.

Import what you need from the module that owns it.
"""
