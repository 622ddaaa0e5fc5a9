"""The ``kg`` command line: ``kg build``, ``kg query``, ``kg partners`` ...

Each submodule registers its commands on :data:`kg.cli.app.app`.
"""

from kg.cli import data, extract, ingest, load, network, review, serve  # noqa: F401  (registers the commands)
from kg.cli.app import app


def main() -> None:
    """Entry point of the ``kg`` console script and ``python -m kg``."""
    app()


__all__ = ["app", "main"]
