"""The `mxguard` entry point: run the CLI, keep pipes and Ctrl-C quiet, never show a traceback to users."""

from __future__ import annotations

import errno
import os
import sys

from mxguard.errors import ExitCode


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    _tidy_environment()
    if sys.stdout is None:  # started with stdout closed (`mxguard ask ... >&-`): nowhere to print
        code = _output_failed("standard output is closed")
        sys.exit(int(code))
    try:
        code = _run(args)
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except OSError as error:
        if error.errno not in OUTPUT_ERRNOS or os.environ.get("MXGUARD_DEBUG"):
            raise
        code = _output_failed(error.strerror or str(error))
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line, exit 70
        if os.environ.get("MXGUARD_DEBUG"):
            raise
        from mxguard.sanitize import one_line

        detail = one_line(f"{type(error).__name__}: {error}")
        sys.stderr.write(f"mxguard: internal error: {detail}; set MXGUARD_DEBUG=1 for details\n")
        code = ExitCode.INTERNAL
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    except OSError as error:
        code = _output_failed(error.strerror or str(error))
    sys.exit(int(code))


# What writing the output can fail with that is no bug of mxguard's: a full disk or quota, a file too large,
# an I/O error, a closed descriptor.
OUTPUT_ERRNOS = frozenset((errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF))


def _tidy_environment() -> None:
    """Settings that would make the output vanish or crash are set aside: a width or height that is not a
    positive number (`COLUMNS=0` printed nothing), and an output encoding that cannot write every
    character (characters it lacks are replaced, not fatal)."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.isascii() and value.isdigit() and int(value) > 0):
            del os.environ[name]
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (OSError, ValueError):
                pass


def _output_failed(reason: str) -> int:
    """The answer could not be written (stdout closed, disk full): say so on stderr, exit 74."""
    _quiet_broken_pipe()  # keeps the interpreter's own flush at exit from failing again
    if sys.stderr is not None:
        try:
            sys.stderr.write(f"mxguard: could not write the output: {reason}\n")
        except OSError:
            pass
    return ExitCode.OUTPUT_ERROR


def _run(args: list[str]) -> int:
    if args and args[0] == "ask":
        code = _fast_ask(args[1:])
        if code is not None:
            return code
    from mxguard.cli import app

    try:
        code = app(args=args, prog_name="mxguard", standalone_mode=False)
    except Exception as error:
        code = _click_exit(error)
        if code is None:
            raise
    return code if isinstance(code, int) else ExitCode.OK


def _fast_ask(args: list[str]) -> int | None:
    """Answer a plain, well-formed `ask` without importing Typer (most of the start-up time).
    Anything else (help, unknown options, bad values) returns None and goes through the full CLI."""
    from mxguard.options import parse_ask

    kwargs = parse_ask(args)
    if kwargs is None:
        return None
    from mxguard.commands import report_error, run_ask
    from mxguard.errors import MxguardError

    try:
        run_ask(**kwargs)  # type: ignore[arg-type]
    except MxguardError as error:
        if os.environ.get("MXGUARD_DEBUG"):
            raise
        report_error(error)
        return int(error.exit_code)
    return ExitCode.OK


def _click_exit(error: Exception) -> int | None:
    """Map Typer/Click's own exceptions (usage errors, Exit, Abort) to our exit codes."""
    from typer import exceptions as typer_exc
    from typer._click import exceptions as click_exc

    if isinstance(error, typer_exc.Exit):
        return int(error.exit_code)
    if isinstance(error, typer_exc.Abort):
        return ExitCode.INTERRUPTED
    if isinstance(error, click_exc.NoArgsIsHelpError):
        sys.stdout.write(error.format_message() + "\n")  # bare `mxguard`: help on stdout, not an error
        return ExitCode.OK
    if isinstance(error, click_exc.ClickException):
        import io

        from mxguard.sanitize import clean

        shown = io.StringIO()
        error.show(file=shown)  # then made inert: the message may quote what the user typed
        sys.stderr.write(clean(shown.getvalue()))
        command = error.ctx.info_name if isinstance(error, click_exc.UsageError) and error.ctx else None
        if command in QUOTE_HINTS and "unexpected extra argument" in error.format_message():
            sys.stderr.write(QUOTE_HINTS[command] + "\n")  # `mxguard ask how big is it`: the words came apart
        return ExitCode.USAGE if isinstance(error, click_exc.UsageError) else int(error.exit_code)
    return None


QUOTE_HINTS = {
    "ask": 'Hint: put the whole question in quotes: mxguard ask "how big is the national guard?"',
    "check": 'Hint: put the whole claim in quotes: mxguard check "the guard has 100,000 members"',
}


def _quiet_broken_pipe() -> int:
    """The reader went away (`mxguard faq | head -1`): stop quietly, with no 'Exception ignored' noise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        if sys.stdout is None:
            sys.stdout = open(devnull, "w")  # noqa: SIM115 - stays open until the process ends
        else:
            os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return ExitCode.OK
