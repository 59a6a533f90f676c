"""Machine-coded event data (GDELT 2.0, POLECAT) beside the curated record.

`formats` reads the published files row by row, `mapping` turns their codes
into our relation types and actor ids, `database` keeps them in a local DuckDB
file, `importer` streams files into it, `rollup` answers the questions (per
pair, type, direction and month), and `compare` sets them against the data
file. Nothing here writes to the data file: event data is a separate layer.
"""
