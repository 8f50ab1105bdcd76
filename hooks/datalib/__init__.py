"""Pure functions behind the data hooks: load YAML, validate it against its
declared schema, render tables, export open data. Nothing here imports MkDocs,
so every piece is unit-tested on its own."""
