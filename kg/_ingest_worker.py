"""Loaded once by the fork server of ``kg ingest``'s worker pool (see :func:`kg.bulk.run_workers`).

Importing the extractor and loading the gazetteer here, before the workers fork,
means each worker starts with them in memory instead of loading them again.
"""

from kg.extract.gazetteer import load_gazetteer
from kg.extract.pipeline import extract_document  # noqa: F401 - the point: preload it
from kg.sources import to_document  # noqa: F401

load_gazetteer()
