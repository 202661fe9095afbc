"""Benchmarks for policytrack and their synthetic-data generator (see bench/README.md).

Everything the generator writes is SYNTHETIC: never load it into a database people read.
"""
