"""The README's two commands are the ones CI runs and users type."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    command = ci_lines[-1]
    assert "pytest" in command
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_serve_command():
    assert ".venv/bin/kg serve --build" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_pictures_are_committed_files():
    import re  # noqa: PLC0415

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = set(re.findall(r"\]\((docs/img/[^)]+\.png)\)", readme))
    assert {"docs/img/actor-page.png", "docs/img/path-finder.png",
            "docs/img/sparql-page.png"} <= pictures
    for picture in pictures:
        assert (ROOT / picture).stat().st_size > 10_000, picture
    assert "screenshots/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
