"""Markdown/JSON export: structure, footnotes, sanitising, and files that are never half-written or clobbered."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import cli


def test_export_markdown_has_title_contents_footnotes_and_bibliography(tiny_kb: Path) -> None:
    result = cli("export", "--kb", str(tiny_kb))
    assert result.code == 0
    md = result.stdout
    assert md.startswith("# Mexico's National Guard: questions and answers")
    assert "## Contents" in md and "### How many people work in the National Guard?" in md
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    defs = set(re.findall(r"^\[\^(\d+)\]:", md, flags=re.M))
    assert refs and refs == defs  # every footnote used is defined, and vice versa
    assert "## Statistics" in md and "| 2019 | 36,661 |" in md
    assert "## Timeline" in md and "**2024-09-30**" in md


def test_export_topic_only(tiny_kb: Path) -> None:
    md = cli("export", "--topic", "legal", "--kb", str(tiny_kb)).stdout
    assert "Who controls the National Guard now?" in md and "How many people" not in md


def test_export_spanish(tiny_kb: Path) -> None:
    md = cli("export", "--lang", "es", "--kb", str(tiny_kb)).stdout
    assert md.startswith("# La Guardia Nacional de México") and "¿Cuántos elementos" in md


def test_export_json(tiny_kb: Path) -> None:
    data = cli("export", "--format", "json", "--kb", str(tiny_kb)).json()
    assert set(data) == {"faqs", "claims", "facts", "series", "topics", "timeline"}
    assert data["faqs"][0]["id"] == "how-many-members"
    assert data["timeline"] == cli("timeline", "--json", "--kb", str(tiny_kb)).json()
    assert [t["id"] for t in data["topics"]] == [t["id"] for t in cli("topics", "--json", "--kb", str(tiny_kb)).json()]


def test_export_to_file_then_refuses_to_overwrite(tiny_kb: Path, tmp_path: Path) -> None:
    target = tmp_path / "kb.md"
    assert cli("export", "-o", str(target), "--kb", str(tiny_kb)).code == 0
    first = target.read_text()
    target.write_text("precious notes")
    again = cli("export", "-o", str(target), "--kb", str(tiny_kb))
    assert again.code == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert target.read_text() == "precious notes"
    forced = cli("export", "-o", str(target), "--force", "--kb", str(tiny_kb))
    assert forced.code == 0 and target.read_text() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.md"]  # no stray temp files


def test_export_into_missing_folder_or_onto_a_folder_fails_cleanly(tiny_kb: Path, tmp_path: Path) -> None:
    missing = cli("export", "-o", str(tmp_path / "nope" / "kb.md"), "--kb", str(tiny_kb))
    assert missing.code == 2 and "does not exist" in missing.stderr and str(tmp_path / "nope") in missing.stderr
    folder = cli("export", "-o", str(tmp_path), "--kb", str(tiny_kb))
    assert folder.code == 2 and "is a folder" in folder.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_into_read_only_folder_fails_cleanly(tiny_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated with a failing mkstemp, because tests may run as root, which ignores permission bits."""
    import errno

    from mxguard import files

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    result = cli("export", "-o", str(tmp_path / "kb.md"), "--kb", str(tiny_kb))
    assert result.code == 2 and "permission denied" in result.stderr and str(tmp_path / "kb.md") in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_old_file_and_no_temp(tiny_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk in the middle of the write: the old file survives whole, the temp file is removed."""
    import errno

    from mxguard import files

    target = tmp_path / "kb.md"
    target.write_text("old contents")
    real_fsync = os.fsync

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    result = cli("export", "-o", str(target), "--force", "--kb", str(tiny_kb))
    monkeypatch.setattr(files.os, "fsync", real_fsync)
    assert result.code == 2 and "disk is full" in result.stderr and str(target) in result.stderr
    assert target.read_text() == "old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.md"]


def test_file_too_large_is_reported(tiny_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from mxguard import files

    def too_big(fd: int) -> None:
        raise OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(files.os, "fsync", too_big)
    result = cli("export", "-o", str(tmp_path / "kb.md"), "--kb", str(tiny_kb))
    assert result.code == 2 and "too large" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_fifo_or_device_writes_directly(tiny_kb: Path) -> None:
    result = cli("export", "-o", os.devnull, "--kb", str(tiny_kb))
    assert result.code == 0
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)  # /dev/null was not replaced


def test_markdown_escapes_links_and_markup_in_data(kb_copy: Path) -> None:
    faq = kb_copy / "faq.yaml"
    faq.write_text(faq.read_text().replace(
        "Its 2024 annual report listed 137,716 active members.",
        "Its report [click](http://evil.example) <b>listed</b> *137,716* members.", 1))
    md = cli("export", "--kb", str(kb_copy)).stdout
    assert "[click](http://evil.example)" not in md and "\\[click\\]" in md and "\\<b\\>" in md


def test_dash_is_stdout_and_a_trailing_slash_is_a_folder(tiny_kb: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    to_stdout = cli("export", "-o", "-", "--kb", str(tiny_kb))
    assert to_stdout.code == 0 and to_stdout.stdout.startswith("# ") and list(tmp_path.iterdir()) == []
    to_folder = cli("export", "-o", "sub/", "--kb", str(tiny_kb))
    assert to_folder.code == 2 and "is a folder" in to_folder.stderr and list(tmp_path.iterdir()) == []
