"""Extraction: news articles → sourced, typed, directed candidate relations.

Modules, in the order the data flows: `documents` (files, front matter, HTML,
source metadata), `mentions` (actors from the Dataset), `cues` + `cues.yaml`
(words per relation type), `relations` (type and direction from the parse),
`modality`, `attributes`, `pipeline` (the model and `Extractor`), `evaluate`
(scores against gold annotations) and `batch` (a run over files). Nothing here
writes the data file: `review.add_candidates` does, for `extract --write`.
Near-copies (of known sources, or among a run's articles) are `explorer.nearcopy`'s.
"""
