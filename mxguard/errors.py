"""Error types that carry a message ready to show and the exit code they map to."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    OK = 0
    NO_MATCH = 1
    USAGE = 2
    KB_ERROR = 3
    INTERNAL = 70
    OUTPUT_ERROR = 74  # the output could not be written (stdout closed, disk full): sysexits' EX_IOERR
    INTERRUPTED = 130


class MxguardError(Exception):
    """Base class: str(err) is shown to the user as one line; exit_code says how we exit."""

    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(MxguardError):
    exit_code = ExitCode.USAGE


class NoMatch(MxguardError):
    exit_code = ExitCode.NO_MATCH


class ExportError(MxguardError):
    """Writing an export failed; nothing partial was left behind."""

    exit_code = ExitCode.USAGE


class Problem(NamedTuple):
    """One thing wrong in a knowledge-base file, located to the line (and column when known)."""

    file: str
    line: int
    col: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {'warning: ' if self.warning else ''}{self.message}"


class KbError(MxguardError):
    """The knowledge base is missing, unreadable or invalid."""

    exit_code = ExitCode.KB_ERROR

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
