"""Corpus runs: thousands of articles in, Parquet tables out, wire copies collapsed.

Modules, in the order the data flows:

- `inputs`: what to read (folders, globs, JSONL/CSV manifests) as Items with keys;
- `worker`: what one worker does with a batch of Items (read, extract, fingerprint)
  — the same code in-process and on Ray;
- `local`, `on_ray`: the two engines that run workers over the pending Items;
- `output`: the output folder — resumable per-batch parts, the final tables;
- `clusters`: near-copy clusters across the corpus (MinHash LSH proposes, the
  `explorer.nearcopy` test decides);
- `run`: one run end to end (inputs → engine → clusters → tables → summary line);
- `summary`: DuckDB over the tables: independent reports per claim and month;
- `shortlist`: the best-supported claims, ready for the review queue.

Only `review import` (through `explorer.review`) writes the data file.
"""
