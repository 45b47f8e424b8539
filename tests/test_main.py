"""The entry point as users run it (a real process): pipes, signals, bare invocation, internal errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY_KB


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MXGUARD_")}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    return subprocess.run([sys.executable, "-m", "mxguard", *args], capture_output=True, text=True, env=env,
                          **kwargs)  # type: ignore[call-overload]


def test_bare_command_prints_help_and_exits_0() -> None:
    result = run()
    assert result.returncode == 0 and "Usage: mxguard" in result.stdout and "ask" in result.stdout


def test_unknown_option_is_a_usage_error() -> None:
    result = run("ask", "x", "--bogus")
    assert result.returncode == 2 and "No such option" in result.stderr


@pytest.mark.parametrize("command", ["export", "faq", "ask 'how big is the national guard'", "timeline"])
def test_closed_pipe_is_quiet_and_exits_0(command: str) -> None:
    shell = f"{sys.executable} -m mxguard {command} --kb {TINY_KB} | head -1; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True)
    assert result.stdout.strip()
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.returncode == 0


def test_invalid_utf8_argument_becomes_replacement_char() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MXGUARD_")}
    result = subprocess.run([sys.executable, "-m", "mxguard", "ask", b"caf\xff guard size", "--json", "--kb",
                             str(TINY_KB)], capture_output=True, env=env)
    out = result.stdout.decode("utf-8")  # always valid UTF-8
    assert "caf\ufffd guard size" in out


def test_internal_error_is_one_line_and_exit_70(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from mxguard import main as entry

    def boom(args: list[str]) -> int:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(entry, "_run", boom)
    with pytest.raises(SystemExit) as exit_:
        entry.main(["ask", "x"])
    assert exit_.value.code == 70
    err = capsys.readouterr().err
    assert err == "mxguard: internal error: RuntimeError: simulated bug; set MXGUARD_DEBUG=1 for details\n"


def test_debug_env_shows_the_real_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    from mxguard import main as entry

    monkeypatch.setattr(entry, "_run", lambda args: (_ for _ in ()).throw(RuntimeError("simulated bug")))
    monkeypatch.setenv("MXGUARD_DEBUG", "1")
    with pytest.raises(RuntimeError, match="simulated bug"):
        entry.main(["ask", "x"])


def test_ctrl_c_exits_130_without_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from mxguard import main as entry

    def interrupted(args: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(entry, "_run", interrupted)
    with pytest.raises(SystemExit) as exit_:
        entry.main([])
    assert exit_.value.code == 130 and "Traceback" not in capsys.readouterr().err


def test_sigint_to_a_real_process_exits_130(tmp_path: Path) -> None:
    import signal

    env = {k: v for k, v in os.environ.items() if not k.startswith("MXGUARD_")}
    # The child says when it is inside the command, so a slow start cannot race the signal.
    code = (
        "import signal, sys, time, mxguard.main as m\n"
        # As in a terminal: a test runner started in the background passes SIGINT on ignored.
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "def run(args):\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(30)\n"
        "m._run = run\n"
        "m.main([])\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130 and "Traceback" not in err


def shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m mxguard` inside a shell line, for redirections a list of arguments cannot express."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("MXGUARD_")}
    full.update(env)
    return subprocess.run(["bash", "-c", command.replace("mxguard", f"{sys.executable} -m mxguard", 1)],
                          capture_output=True, text=True, env=full, check=False)


@pytest.mark.parametrize("case", ["stdout closed", "disk full"])
def test_output_that_cannot_be_written_is_one_line_and_exit_74(case: str, tmp_path: Path) -> None:
    # A file-size limit of 0 makes every write to the file fail (EFBIG) as a full disk would, on any POSIX shell.
    before, redirect = ("", ">&-") if case == "stdout closed" else ("ulimit -f 0; ", f"> {tmp_path / 'out'}")
    for command in (f"mxguard ask 'how big is the national guard' --kb {TINY_KB} {redirect}",
                    f"mxguard faq --json --kb {TINY_KB} {redirect}"):
        result = shell(before + command)
        assert result.returncode == 74, command
        assert result.stderr.startswith("mxguard: could not write the output: ") and result.stderr.count("\n") == 1


def test_chat_with_stdin_closed_ends_quietly() -> None:
    result = shell(f"mxguard chat --kb {TINY_KB} <&-")
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("columns", ["0", "-5", "abc"])
def test_a_nonsense_terminal_width_is_ignored(columns: str) -> None:
    result = run("ask", "how big is the national guard", "--kb", str(TINY_KB), env={"COLUMNS": columns})
    assert result.returncode == 0 and "guard" in result.stdout.lower()


def test_an_output_encoding_without_accents_replaces_them() -> None:
    result = run("ask", "¿cuántos elementos tiene la guardia?", "--kb", str(TINY_KB),
                 env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and result.stdout.strip() and "internal error" not in result.stderr


@pytest.mark.parametrize(("words", "hint"), [(["ask", "how", "big", "is", "it"], 'mxguard ask "'),
                                             (["check", "the", "guard", "has", "100000", "members"], 'mxguard check "')])
def test_a_question_typed_without_quotes_gets_a_hint(words: list[str], hint: str) -> None:
    result = run(*words, "--kb", str(TINY_KB))
    assert result.returncode == 2 and "unexpected extra argument" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Hint: put the whole") and hint in result.stderr
