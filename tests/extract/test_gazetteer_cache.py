"""The on-disk gazetteer cache: where it lives, and that a cache that cannot be used is no cache."""

from __future__ import annotations

import os
import pickle

import pytest

from kg.extract import gazetteer as gz


@pytest.fixture
def fresh(monkeypatch):
    """No gazetteer loaded in this process, and a stub in place of the (slow) Turtle parse."""
    monkeypatch.setattr(gz, "_LOADED", {})
    built = []

    def build(files):
        built.append(files)
        return gz.Gazetteer(given_names={"stub"})
    monkeypatch.setattr(gz, "build_gazetteer", build)
    return built


def _pickles(directory):
    return sorted(p.name for p in directory.glob("gazetteer-*")) if directory.is_dir() else []


def test_cache_under_xdg_cache_home(tmp_path, monkeypatch, fresh):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    gaz = gz.load_gazetteer()
    assert len(fresh) == 1 and gaz.given_names == {"stub"} and gaz.sources_hash
    names = _pickles(tmp_path / "xdg" / "energy-kg")
    assert names == [f"gazetteer-{gaz.sources_hash}.pickle"]
    assert not (tmp_path / "home" / ".cache").exists()
    # a new process reads the pickle instead of parsing the Turtle again
    monkeypatch.setattr(gz, "_LOADED", {})
    again = gz.load_gazetteer()
    assert len(fresh) == 1 and again.given_names == {"stub"}


def test_cache_under_home_without_xdg(tmp_path, monkeypatch, fresh):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    gaz = gz.load_gazetteer()
    assert _pickles(tmp_path / "home" / ".cache" / "energy-kg") == [f"gazetteer-{gaz.sources_hash}.pickle"]


def test_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch, fresh):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    gaz = gz.load_gazetteer()
    assert not (tmp_path / "relative-cache").exists()
    assert _pickles(tmp_path / "home" / ".cache" / "energy-kg") == [f"gazetteer-{gaz.sources_hash}.pickle"]


def test_cache_dir_that_cannot_be_created_means_no_cache(tmp_path, monkeypatch, fresh):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    gaz = gz.load_gazetteer()
    assert gaz.given_names == {"stub"} and len(fresh) == 1
    assert gz._cache_dir() is None


def test_cache_write_that_fails_means_no_cache(tmp_path, monkeypatch, fresh):
    """Runs as root too (CI is root): a directory where the temporary file goes blocks it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    key = gz._hash(gz.source_files())
    (tmp_path / "energy-kg").mkdir()
    (tmp_path / "energy-kg" / f"gazetteer-{key}.{os.getpid()}.tmp").mkdir()
    gaz = gz.load_gazetteer()
    assert gaz.given_names == {"stub"} and len(fresh) == 1
    assert not (tmp_path / "energy-kg" / f"gazetteer-{key}.pickle").exists()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_unwritable_cache_dir_means_no_cache(tmp_path, monkeypatch, fresh):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = tmp_path / "energy-kg"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        gaz = gz.load_gazetteer()
        assert gaz.given_names == {"stub"}
        assert _pickles(cache) == []          # neither a pickle nor a left-over temporary file
        cache.chmod(0o000)                    # not even searchable: still just no cache
        monkeypatch.setattr(gz, "_LOADED", {})
        assert gz.load_gazetteer().given_names == {"stub"} and len(fresh) == 2
    finally:
        cache.chmod(0o700)


def test_broken_pickle_is_rebuilt(tmp_path, monkeypatch, fresh):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    key = gz._hash(gz.source_files())
    (tmp_path / "energy-kg").mkdir()
    (tmp_path / "energy-kg" / f"gazetteer-{key}.pickle").write_bytes(b"not a pickle")
    gaz = gz.load_gazetteer()
    assert len(fresh) == 1 and gaz.given_names == {"stub"}
    with (tmp_path / "energy-kg" / f"gazetteer-{key}.pickle").open("rb") as fh:
        assert pickle.load(fh).given_names == {"stub"}


def test_use_cache_false_touches_no_cache(tmp_path, monkeypatch, fresh):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gz.load_gazetteer(use_cache=False)
    assert not (tmp_path / "energy-kg").exists()


def test_cache_that_cannot_be_read_or_written_means_no_cache(tmp_path, monkeypatch, fresh):
    """The same as the test above, where permissions cannot be taken away (as root)."""
    import errno
    import pathlib

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    real_open = pathlib.Path.open

    def denied(self, mode="r", *args, **kwargs):
        if self.name.startswith("gazetteer-"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, mode, *args, **kwargs)
    monkeypatch.setattr(pathlib.Path, "open", denied)
    assert gz.load_gazetteer().given_names == {"stub"}
    assert _pickles(tmp_path / "energy-kg") == []


def test_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch, fresh):
    import errno

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def full(obj, fh, protocol=None):
        fh.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(gz.pickle, "dump", full)
    assert gz.load_gazetteer().given_names == {"stub"}
    assert _pickles(tmp_path / "energy-kg") == []


def test_a_new_word_list_is_a_new_cache(tmp_path, monkeypatch):
    """The word lists decide what a cached gazetteer holds: adding one must not reuse a pickle
    built without it (the key covers the list names as well as the data files)."""
    data = tmp_path / "lexicon.ttl"
    data.write_text("# nothing\n", encoding="utf-8")
    before = gz._hash([data])
    monkeypatch.setattr(gz, "WORD_LISTS", gz.WORD_LISTS | {"SomeNewList"})
    assert gz._hash([data]) != before
