"""The vendored JavaScript is listed, pinned and licensed in one place
(``api/static/vendor/manifest.json``), shipped with the package, and no page refers to another
host: the explorer works offline."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "api" / "static"
VENDOR = STATIC / "vendor"
MANIFEST = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
PAGES = ("/", "/?q=Japan", "/id/country/JP", "/id/org/rosatom", "/id/topic/hydrogen",
         "/id/person/vladimir-putin",
         "/id/agreement/2016-12-16-japan-rosatom-nuclear-energy", "/pathfinder",
         "/pathfinder?source=Japan&target=Russia", "/sparql", "/docs", "/redoc",
         "/id/country/XX")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# What a page loads by itself: scripts, stylesheets, icons, images, frames.
LOADS = re.compile(r"<(?:script|img|iframe)\b[^>]*\bsrc\s*=\s*[\"']([^\"']*)[\"']|"
                   r"<link\b[^>]*\bhref\s*=\s*[\"']([^\"']*)[\"']|"
                   r"url\(\s*[\"']?([^\"')]*)", re.I)


def test_every_vendored_file_is_in_the_manifest_with_its_hash():
    listed = {}
    for package in MANIFEST["packages"]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", package["version"]), package  # pinned
        for name, digest in package["files"].items():
            listed[f"{package['directory']}/{name}"] = digest
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    assert on_disk - {"manifest.json", "README.md"} == set(listed)
    for path, digest in listed.items():
        assert hashlib.sha256((VENDOR / path).read_bytes()).hexdigest() == digest, path


def test_every_package_has_its_licence_and_a_readme_row():
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    for package in MANIFEST["packages"]:
        assert package["license"] and package["license_files"]
        for name in package["license_files"]:
            assert name in package["files"]
            assert (VENDOR / package["directory"] / name).stat().st_size > 40
        assert f"`{package['npm']}` | {package['version']} | {package['license']}" in readme


def test_package_data_covers_every_static_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["api"]
    covered = {p for pattern in patterns for p in (ROOT / "api").glob(pattern) if p.is_file()}
    assert {p for p in STATIC.rglob("*") if p.is_file()} <= covered


def test_static_files_name_no_other_host():
    for path in list(STATIC.glob("*.html")) + list(STATIC.glob("*.js")) + \
            list(STATIC.glob("*.css")):
        for match in LOADS.finditer(path.read_text(encoding="utf-8")):
            target = next(g for g in match.groups() if g is not None)
            assert not re.match(r"^(https?:)?//", target), (path.name, target)


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_only_from_this_server(http, path):
    response = http.get(path, headers={"Accept": BROWSER})
    assert response.headers["content-type"].startswith("text/html"), path
    loads = [next(g for g in m.groups() if g is not None) for m in LOADS.finditer(response.text)]
    assert loads, path
    for target in loads:
        assert target.startswith("/") and not target.startswith("//"), (path, target)
    assert "cdn" not in " ".join(loads).lower()
