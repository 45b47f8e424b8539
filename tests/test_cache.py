"""The compiled cache: rebuilt when the KB changes, ignored when corrupt, optional when unwritable,
and never changing a result."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli
from mxguard import cache


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("kb-*.marshal"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MXGUARD_CACHE_DIR", str(folder))
    return folder


def test_first_run_writes_cache_and_edit_invalidates_it(kb_copy: Path, cache_dir: Path) -> None:
    assert cli("ask", "guard size", "--kb", str(kb_copy)).code == 0
    [first] = cache_files(cache_dir)
    faq = kb_copy / "faq.yaml"
    faq.write_text(faq.read_text().replace("137,716 active members", "137,716 serving members", 1))
    result = cli("ask", "guard size", "--json", "--kb", str(kb_copy))
    assert "serving members" in result.json()["results"][0]["answer"]
    assert cache_files(cache_dir) != [first]


def test_corrupt_cache_is_rebuilt_silently(kb_copy: Path, cache_dir: Path) -> None:
    expected = cli("ask", "guard size", "--json", "--kb", str(kb_copy)).stdout
    for path in cache_files(cache_dir):
        path.write_bytes(b"\x00garbage not marshal")
    result = cli("ask", "guard size", "--json", "--kb", str(kb_copy))
    assert result.code == 0 and result.stdout == expected and result.stderr == ""
    truncated = cache_files(cache_dir)[0]
    truncated.write_bytes(truncated.read_bytes()[:10])
    assert cli("ask", "guard size", "--json", "--kb", str(kb_copy)).stdout == expected


def test_unwritable_cache_location_still_answers(kb_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MXGUARD_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    result = cli("ask", "guard size", "--kb", str(kb_copy))
    assert result.code == 0 and "137,716" in result.stdout and result.stderr == ""


def test_read_only_cache_directory_still_answers(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated with a failing mkstemp, because tests may run as root, which ignores permission bits."""
    import errno

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    result = cli("ask", "guard size", "--kb", str(kb_copy))
    assert result.code == 0 and "137,716" in result.stdout and result.stderr == ""
    assert cache_files(cache_dir) == []


def test_results_identical_with_and_without_cache(kb_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = ["guard size", "quien manda a la gn", "natinal gaurd size", "zxqv", "is it true inegi said 34000 in 2019"]
    warm = [cli("ask", q, "--json", "--top", "3", "--kb", str(kb_copy)).stdout for q in queries]
    assert cache_files(cache_dir)
    again = [cli("ask", q, "--json", "--top", "3", "--kb", str(kb_copy)).stdout for q in queries]
    monkeypatch.setenv("MXGUARD_NO_CACHE", "1")
    cold = [cli("ask", q, "--json", "--top", "3", "--kb", str(kb_copy)).stdout for q in queries]
    assert warm == again == cold


def test_cache_key_depends_on_content_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = {"faq.yaml": b"a", "facts.yaml": b"b"}
    assert cache.key(raw) == cache.key(dict(raw))
    assert cache.key(raw) != cache.key({"faq.yaml": b"a", "facts.yaml": b"c"})
    assert cache.key(raw) != cache.key({"faq.yaml": b"ab", "facts.yaml": b""})
    before = cache.key(raw)
    monkeypatch.setattr(cache, "__version__", "999.0")
    assert cache.key(raw) != before


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MXGUARD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == str(tmp_path / "mxguard")
