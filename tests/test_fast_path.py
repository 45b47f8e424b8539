"""The fast `ask` path (no Typer import) and the full CLI print exactly the same, from one option table."""

from __future__ import annotations

import pytest

from conftest import TINY_KB
from mxguard import main as entry
from mxguard.options import ASK_OPTIONS, parse_ask

CASES = [
    ["ask", "how big is the national guard?"],
    ["ask", "how big is the national guard?", "--json"],
    ["ask", "guard size", "--top", "3", "--json"],
    ["ask", "guard size", "-n", "2"],
    ["ask", "cuantos elementos tiene la guardia", "--lang=en"],
    ["ask", "guard size", "--format", "markdown"],
    ["ask", "natinal gaurd size", "--explain"],
    ["ask", "zxqv blorf"],
    ["ask", "zxqv blorf", "--json"],
    ["ask", "", "--json"],
    ["ask", "guard", "--top", "0"],
    ["ask", "guard", "--lang", "fr"],
    ["ask", "--", "--json looks like an option"],
]


def run(args: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        entry.main([*args, "--kb", str(TINY_KB)] if "--" not in args else [args[0], "--kb", str(TINY_KB), *args[1:]])
    out, err = capfd.readouterr()
    return int(exit_.value.code), out, err


@pytest.mark.parametrize("args", CASES)
def test_fast_and_full_paths_print_the_same(args: list[str], capfd: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fast = run(args, capfd)
    monkeypatch.setattr(entry, "_fast_ask", lambda _: None)
    full = run(args, capfd)
    assert fast == full
    assert "Traceback" not in fast[2]


def test_fast_path_is_taken_without_importing_typer(capfd: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    code = ("import sys, mxguard.main as m\n"
            "try:\n    m.main(['ask', 'guard size', '--json', '--kb', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print('typer' in sys.modules, 'rich' in sys.modules, file=sys.stderr)")
    run_ = subprocess.run([sys.executable, "-c", code, str(TINY_KB)], capture_output=True, text=True)
    assert run_.stderr.strip().splitlines()[-1] == "False False"


@pytest.mark.parametrize("args", [["--help"], ["x", "--bogus"], ["x", "--top"], ["x", "--top", "many"], ["a", "b"],
                                  [], ["x", "--json=yes"]])
def test_anything_unusual_goes_to_the_full_cli(args: list[str]) -> None:
    assert parse_ask(args) is None


def test_typer_declares_ask_options_from_the_shared_table() -> None:
    from typer.main import get_command

    from mxguard.cli import app

    ask = get_command(app).commands["ask"]  # type: ignore[attr-defined]
    declared = {p.name: tuple(p.opts) for p in ask.params if p.name != "question"}
    assert declared == {dest: opt.flags for dest, opt in ASK_OPTIONS.items()}


@pytest.mark.parametrize("value", ["²", "①"])
def test_a_top_that_only_looks_like_a_number_is_a_usage_error(value: str, capfd: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["ask", "how big is the national guard", "--top", value], capfd)
    assert code == 2 and "internal error" not in err and "not a valid int" in err


def test_an_empty_kb_option_is_read_as_every_command_reads_it() -> None:
    assert parse_ask(["guard size", "--kb", ""]) is None  # the full CLI handles it, as for `faq --kb ""`
