"""The `mxguard` entry point: run the CLI, keep pipes and Ctrl-C quiet, never show a traceback to users."""

from __future__ import annotations

import os
import sys

from mxguard.errors import ExitCode


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    try:
        code = _run(args)
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        code = _quiet_broken_pipe()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
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
    sys.exit(int(code))


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
        return ExitCode.USAGE if isinstance(error, click_exc.UsageError) else int(error.exit_code)
    return None


def _quiet_broken_pipe() -> int:
    """The reader went away (`mxguard faq | head -1`): stop quietly, with no 'Exception ignored' noise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return ExitCode.OK
