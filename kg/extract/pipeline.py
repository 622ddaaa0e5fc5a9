"""The extraction pipeline and its public API.

>>> result = extract_text("Deutschland und Peru unterzeichneten am 3. Mai 2021 in Berlin "
...                       "ein Abkommen über grünen Wasserstoff.", language="de")
>>> a = result.to_json()["agreements"][0]
>>> a["kind"], a["signed_on"], a["place"], sorted(a["parties"]), a["topics"]
('agreement', '2021-05-03', 'Berlin', ['Germany', 'Peru'], ['hydrogen'])

``extract_text(text, language=None, published=None, doc=None)`` and ``extract_file(path)``
return an :class:`ExtractionResult` (``.to_json()``, ``.to_rdf()``); ``extract_documents``
runs over many files and yields ``(path, result_or_error)`` for the build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DocumentError, KGError
from kg.extract.analysis import Analysis
from kg.extract.document import Document, make_document, read_document
from kg.extract.frames import Agreement, build_frames
from kg.extract.gazetteer import Gazetteer, load_gazetteer

EXTRACTOR = "kg.extract 0.2"


# ====================================================================== results
@dataclass
class ExtractionResult:
    doc: Document
    analysis: Analysis | None
    agreements: list[Agreement] = field(default_factory=list)
    cooperations: list[tuple[str, str, str | None]] = field(default_factory=list)
    gaz: Gazetteer | None = None

    @property
    def language(self) -> str:
        return self.analysis.lang if self.analysis else (self.doc.language or "en")

    def name_of(self, iri: str | None) -> str | None:
        if iri is None:
            return None
        if self.analysis is not None:
            return self.analysis.name_of(iri)
        ent = self.gaz.entities.get(iri) if self.gaz else None
        if ent is not None:
            return ent.label_en
        return iri.rsplit("/", 1)[-1]

    def to_json(self) -> dict:
        from kg.extract.serialize import result_to_json
        return result_to_json(self)

    def to_rdf(self):
        from kg.extract.rdf import result_to_rdf
        return result_to_rdf(self)


def extract_document(doc: Document, gaz: Gazetteer | None = None) -> ExtractionResult:
    """Run every stage on one document (see ARCHITECTURE.md, Extraction)."""
    gaz = gaz or load_gazetteer()
    if not doc.text.strip():
        return ExtractionResult(doc, None, gaz=gaz)
    analysis = Analysis(doc, gaz)
    agreements, cooperations = build_frames(analysis)
    return ExtractionResult(doc, analysis, agreements, cooperations, gaz)


def extract_text(text: str, language: str | None = None, published: str | None = None,
                 doc: str | None = None) -> ExtractionResult:
    """Extract agreements from a text (header lines '# language: …' are honoured)."""
    document = make_document(text, language=language, published=published, name=doc or "document")
    return extract_document(document)


def extract_file(path: str | Path, language: str | None = None, published: str | None = None) -> ExtractionResult:
    """Extract from one file; raises DocumentError (with the file name) for unusable input."""
    document = read_document(path, language=language, published=published)
    return extract_document(document)


def extract_documents(paths: Iterable[str | Path], language: str | None = None,
                      published: str | None = None) -> Iterator[tuple[Path, ExtractionResult | KGError]]:
    """For the build: ``(path, result)`` per document, or ``(path, error)`` when it cannot be used.

    Errors are :class:`kg.errors.KGError` instances (usually DocumentError) with a message that
    names the file; an unexpected failure inside the extractor is reported the same way, so one
    bad document never stops a build.
    """
    gaz = load_gazetteer()
    for path in paths:
        path = Path(path)
        try:
            document = read_document(path, language=language, published=published)
            yield path, extract_document(document, gaz)
        except KGError as err:
            yield path, err
        except Exception as err:  # noqa: BLE001 - reported per document, never a traceback
            yield path, DocumentError(f"extraction failed: {type(err).__name__}: {err}", file=str(path))
