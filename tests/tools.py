"""Outside tools the tests drive: the system Chromium (through Playwright) and Node's npm.

Browser tests skip when no Chromium (or no Playwright) is found, except under
``CI=true``, where ``.ci/run`` installs Chromium first and a missing browser is a
broken setup, so they fail loudly. Tests with npm packages run only when Node is
present (skipped otherwise, under CI too); the packages are kept in
:func:`tools_cache`, so a rerun does not download them again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(reason: str) -> None:
    """Skip, or under CI fail: a browser test must not pass there by not running."""
    if under_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run; .ci/run installs chromium)",
                    pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """The system Chromium: ``KG_CHROMIUM`` if set, else the first known name on PATH."""
    given = os.environ.get("KG_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def tools_cache() -> Path:
    """Where npm packages for the tests are kept between runs (``KG_TEST_TOOLS_CACHE``)."""
    root = os.environ.get("KG_TEST_TOOLS_CACHE") or \
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "energy-kg" / "test-tools"
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def need_node() -> str:
    """``npm``'s path; skips the test when Node or npm is absent."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("Node.js and npm are not installed")
    return npm


def npm_env() -> dict[str, str]:
    """The environment for npm and npx: their cache in :func:`tools_cache`, offline first."""
    return dict(os.environ, npm_config_cache=str(tools_cache() / "npm"),
                npm_config_prefer_offline="true", npm_config_update_notifier="false",
                npm_config_fund="false", npm_config_audit="false")


def npm_package(spec: str, name: str) -> Path:
    """An npm package unpacked (without its dependencies) under the cache; fetched once.

    ``npm pack`` downloads the published tarball, the one a user's bundler or CDN
    would get; the directory returned holds its ``package/`` contents.
    """
    npm = need_node()
    target = tools_cache() / "packages" / name
    if (target / "package.json").exists():
        return target
    work = tools_cache() / "packages" / f".{name}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    done = subprocess.run([npm, "pack", spec, "--pack-destination", str(work)], cwd=work,
                          env=npm_env(), capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"npm pack {spec} failed:\n{done.stderr[-2000:]}")
    tarball = next(work.glob("*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(work, filter="data")
    shutil.rmtree(target, ignore_errors=True)
    (work / "package").rename(target)
    shutil.rmtree(work, ignore_errors=True)
    return target
