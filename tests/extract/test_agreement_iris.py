"""Every agreement the extractor finds in a text is a node of its own in the RDF, even when two
of them have the same date, parties and main topic (whose IRIs would otherwise be one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.document import make_document
from kg.extract.pipeline import extract_document
from kg.extract.rdf import agreement_iri
from kg.store import parse_triples

TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
AGREEMENT = "https://w3id.org/energy-kg/id/agreement/"
DATA = Path(__file__).parent.parent / "data"

# Two agreements between the same countries on the same topic, one text each (invented).
TWO = {
    "en": "Santiago – Chile and Germany signed two agreements on green hydrogen on 12 May 2023. "
          "Chile's energy minister Diego Pardow and Germany's economy minister Robert Habeck "
          "signed a memorandum of understanding on hydrogen research. In a second agreement, a "
          "framework agreement, the two countries agreed to build a hydrogen export corridor "
          "between Chile and Germany.\n",
    "de": "Santiago, 12. Mai 2023 – Chile und Deutschland haben zwei Abkommen über Wasserstoff "
          "unterzeichnet. Die Minister Diego Pardow und Robert Habeck unterzeichneten eine "
          "Absichtserklärung über Wasserstoffforschung. Zudem schlossen Chile und Deutschland "
          "ein Rahmenabkommen über den Export von Wasserstoff.\n",
}


def _texts() -> list[tuple[str, str]]:
    files = sorted([*(DATA / "ingest").rglob("*.txt"), *(DATA / "reports").glob("*.txt")])
    return [*TWO.items(), *((p.name, p.read_text(encoding="utf-8")) for p in files)]


@pytest.mark.parametrize("name, text", _texts(), ids=[n for n, _ in _texts()])
def test_one_node_per_extracted_agreement(name, text):
    result = extract_document(make_document(text))
    nodes = {t.subject.value for t in parse_triples(result.to_rdf())
             if t.predicate.value == TYPE and t.subject.value.startswith(AGREEMENT)}
    assert len(nodes) == len(result.agreements), name
    assert {str(agreement_iri(result, a)) for a in result.agreements} <= nodes
