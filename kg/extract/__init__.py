"""Extraction of agreements from German and English energy news (see ARCHITECTURE.md, Extraction).

Public API: :func:`extract_text`, :func:`extract_file`, :func:`extract_documents` and
:class:`ExtractionResult` (``.to_json()``, ``.to_rdf()``, ``.doc.key`` for the named graph).
"""

from kg.extract.pipeline import EXTRACTOR, ExtractionResult, extract_documents, extract_file, extract_text

__all__ = ["EXTRACTOR", "ExtractionResult", "extract_documents", "extract_file", "extract_text"]
