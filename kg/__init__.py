"""energy-kg: the open knowledge graph of international energy cooperation.

The package layout follows the data flow: :mod:`kg.extract` turns documents into
facts, :mod:`kg.build` validates and loads them into a :class:`kg.store.Store`,
:mod:`kg.view` projects the store into NetworkX graphs, :mod:`kg.query` answers
the questions users ask, :mod:`kg.export` writes files, :mod:`kg.client` talks
to the HTTP API.
"""

__version__ = "0.1.0"
