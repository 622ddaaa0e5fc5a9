"""Bad input: every case gives a clear message or an empty result, never a traceback."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.errors import DocumentError
from kg.extract.document import read_document
from kg.extract.pipeline import extract_documents, extract_file


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"   \n")
    with pytest.raises(DocumentError, match="empty"):
        read_document(path)


def test_binary_file(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(DocumentError, match="binary"):
        read_document(path)


def test_latin1_text_is_read_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Österreich und Ungarn schlossen ein Abkommen über Erdgas.".encode("latin-1"))
    result = extract_file(path)
    assert result.doc.warnings and "Latin-1" in result.doc.warnings[0]
    assert set(result.to_json()["agreements"][0]["parties"]) == {"Austria", "Hungary"}


def test_too_large_file(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        chunk = b"Energie fuer alle. " * 1000
        for _ in range(20 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    with pytest.raises(DocumentError, match="too large"):
        read_document(path)
    results = list(extract_documents([path]))
    assert isinstance(results[0][1], DocumentError) and str(path) in str(results[0][1])


def test_text_without_entities(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("The weather was fine and the river was calm all day.", encoding="utf-8")
    out = extract_file(path).to_json()
    assert out["agreements"] == [] and out["cooperations"] == [] and out["persons"] == []


def test_cli_reports_each_bad_file_and_exits_2(tmp_path):
    from kg.cli import app

    good = tmp_path / "good.txt"
    good.write_text("# language: en\n# published: 2020-01-15\n\nPeru and Chile signed a treaty on "
                    "hydropower on Monday.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(good), str(empty)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "empty.txt" in result.output
    out = json.loads(result.stdout[result.stdout.index("{"):]) if "{" in result.stdout else {}
    assert out.get("agreements", [{}])[0].get("signed_on") == "2020-01-13"


def test_cli_out_dir_and_rdf(tmp_path):
    from kg.cli import app

    src = tmp_path / "doc.txt"
    src.write_text("Kenya and Ethiopia signed a memorandum on geothermal energy in Nairobi.", encoding="utf-8")
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(src), "--out-dir", str(out_dir), "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads((out_dir / "doc.json").read_text(encoding="utf-8"))
    assert data["agreements"][0]["kind"] == "memorandum"
    result = CliRunner().invoke(app, ["extract", str(src), "--format", "trig"])
    assert result.exit_code == 0 and "graph/extracted/" in result.stdout
    result = CliRunner().invoke(app, ["extract", str(src), "--format", "xml"])
    assert result.exit_code == 2 and "unknown format" in result.output


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_very_long_token_is_tagged_quickly(language):
    """A 3000-character "word" (a hash, base64, one letter held down) took HanTa's morpheme
    search minutes (its cost grows with about the cube of the length), holding the API's
    only writer meanwhile; it is now read by its end, and the rest of the text as before."""
    import time

    from kg.extract.pipeline import extract_text

    text = ("Japan und Norwegen unterzeichneten am 3. Mai 2023 ein Abkommen über Wasserstoff. "
            if language == "de" else
            "Japan and Norway signed an agreement on hydrogen on 3 May 2023. ")
    extract_text(text, language=language)  # models loaded before the clock starts
    started = time.perf_counter()
    result = extract_text(text + "y" * 3000 + " " + "Zz" * 1500 + ".", language=language)
    assert time.perf_counter() - started < 10
    assert set(result.to_json()["agreements"][0]["parties"]) == {"Japan", "Norway"}
