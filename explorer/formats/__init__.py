"""One module per file format a View is written in: `gexf` (Gephi, Gephi Lite,
sigma.js), `graphml` (yEd, networkx, graphology), `kumu` (Kumu's two CSV
sheets), `cytoscape` (Cytoscape.js elements JSON, Cytoscape desktop).
`fields` holds what every format carries for an actor and a relation, typed.
`explorer.export` picks the format and writes the file.
"""
