"""The HTTP API of the knowledge graph (FastAPI): see :func:`api.app.create_app`."""
