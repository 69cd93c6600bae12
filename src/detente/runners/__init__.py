"""Runners move batches of records through the stages (in-process now; multi-process and Dask later)."""
