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
