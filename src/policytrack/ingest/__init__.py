"""Ingest: read a source format into plain rows, validate them into `schemas` records, load.

`load` is the only bulk writer; a refused import writes nothing.
"""
