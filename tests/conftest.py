"""Shared test setup: a clean environment, a private cache folder, and helpers to run the CLI."""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mxguard.cli import app
from mxguard.kb import KB_FILES

TESTS = Path(__file__).parent
TINY_KB = TESTS / "fixtures" / "tiny_kb"
REPO = TESTS.parent


@functools.cache
def kb_without_examples() -> Path:
    """The shipped knowledge base without examples.yaml: its FAQs and claims found by the matching rules
    alone, not through a user's question labelled with the answer (tests/test_matching_rules.py)."""
    folder = Path(tempfile.mkdtemp(prefix="mxguard-kb-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name in KB_FILES:
        shutil.copy(REPO / name, folder / name)
    return folder


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No MXGUARD_* or colour settings leak in from the shell; the cache lives in a temp folder."""
    import os

    for name in list(os.environ):
        if name.startswith("MXGUARD_") or name in ("NO_COLOR", "FORCE_COLOR", "TERM_PROGRAM"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("MXGUARD_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def tiny_kb() -> Path:
    return TINY_KB


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the tiny KB, for tests that edit it."""
    target = tmp_path / "kb"
    shutil.copytree(TINY_KB, target)
    return target


class Run:
    """Result of one CLI run, with stdout and stderr kept apart."""

    def __init__(self, result: Any) -> None:
        self.code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.exception = result.exception

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli(*args: str, env: dict[str, str] | None = None) -> Run:
    return Run(CliRunner().invoke(app, list(args), env=env))
