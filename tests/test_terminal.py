"""Terminal and editor conventions: completion, chat, pager, JSON schemas, generated docs, no colour in pipes."""

from __future__ import annotations

import io
import os
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from conftest import REPO, TINY_KB, cli
from mxguard import render
from mxguard.cli import app


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the command line `words` (Typer's completion hooks)."""
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    result = CliRunner().invoke(app, [], prog_name="mxguard", env={
        "_MXGUARD_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword, **(env or {})})
    return result.stdout.split()


def test_completion_offers_commands_options_and_topic_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MXGUARD_KB", str(TINY_KB))
    assert {"ask", "faq", "export", "chat"} <= set(complete("mxguard "))
    assert "--topic" in complete("mxguard faq --t")
    assert complete("mxguard faq --topic ") == ["personnel", "legal", "violence"]
    assert complete("mxguard faq --topic le") == ["legal"]
    assert complete("mxguard show how-") == ["how-many-members"]
    assert complete("mxguard stats h") == ["homicides"]


def test_completion_uses_the_kb_given_with_kb() -> None:
    assert complete(f"mxguard faq --kb {TINY_KB} --topic vi") == ["violence"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_generate(shell: str) -> None:
    result = CliRunner().invoke(app, ["--show-completion", shell], prog_name="mxguard")
    assert result.exit_code == 0 and "_MXGUARD_COMPLETE" in result.stdout


def test_chat_answers_piped_questions_and_quits() -> None:
    result = CliRunner().invoke(app, ["chat", "--kb", str(TINY_KB)],
                                input="how big is the national guard\n:lang es\n¿quién controla la guardia?\n:quit\nzzz\n")
    assert result.exit_code == 0
    assert "137,716" in result.stdout and "Defensa" in result.stdout
    assert "Related:" in result.stdout and "zzz" not in result.stdout


def test_chat_picks_a_numbered_question_and_suggests_on_no_match() -> None:
    result = CliRunner().invoke(app, ["chat", "--kb", str(TINY_KB)], input="guard size\n1\nzxqv blorf\n:help\n")
    assert result.exit_code == 0
    assert "Who controls the National Guard now?" in result.stdout  # related #1, then picked
    assert result.stdout.count("Since the constitutional reform") == 1
    assert "No confident answer" in result.stdout and ":quit" in result.stdout


def test_chat_from_a_real_pipe_exits_0() -> None:
    run = subprocess.run([sys.executable, "-m", "mxguard", "chat", "--kb", str(TINY_KB)],
                         input="what is the national guard\n:quit\n", capture_output=True, text=True)
    assert run.returncode == 0 and "Traceback" not in run.stderr


def test_pager_used_only_for_long_output_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    paged: list[str] = []
    monkeypatch.setattr(render, "run_pager", lambda text: paged.append(text) or True)
    terminal = Console(file=io.StringIO(), force_terminal=True, height=5, width=60)
    with render.paged(terminal) as console:
        for i in range(20):
            console.print(f"line {i}")
    assert len(paged) == 1 and "line 19" in paged[0] and terminal.file.getvalue() == ""
    with render.paged(terminal) as console:
        console.print("short")
    assert len(paged) == 1 and "short" in terminal.file.getvalue()
    with render.paged(terminal, enabled=False) as console:  # --no-pager
        for i in range(20):
            console.print(f"line {i}")
    assert len(paged) == 1
    piped = Console(file=io.StringIO(), force_terminal=False, height=5)
    with render.paged(piped) as console:
        for i in range(20):
            console.print(f"line {i}")
    assert len(paged) == 1 and "line 19" in piped.file.getvalue()


@pytest.mark.parametrize(("data", "schema"), [("facts.yaml", "facts.schema.json"), ("faq.yaml", "faq.schema.json")])
def test_shipped_yaml_matches_its_json_schema(data: str, schema: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads((REPO / "schemas" / schema).read_text()))
    errors = list(validator.iter_errors(yaml.safe_load((REPO / data).read_text(encoding="utf-8"))))
    assert errors == []
    first_line = (REPO / data).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=./schemas/{schema}"


def test_schema_catches_what_an_editor_should_flag() -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads((REPO / "schemas" / "faq.schema.json").read_text()))
    broken = yaml.safe_load((TINY_KB / "faq.yaml").read_text())
    broken["faqs"][0]["anwser"] = broken["faqs"][0].pop("answer")
    broken["claims"][0]["verdict"] = "probably"
    messages = " ".join(e.message for e in validator.iter_errors(broken))
    assert "anwser" in messages and "'answer' is a required property" in messages and "probably" in messages


def test_cli_docs_are_fresh(tmp_path: Path) -> None:
    out = tmp_path / "cli.md"
    subprocess.run([sys.executable, "-m", "typer", "mxguard.cli", "utils", "docs", "--name", "mxguard",
                    "--output", str(out)], check=True, capture_output=True)
    assert out.read_text() == (REPO / "docs" / "cli.md").read_text(), (
        "docs/cli.md is stale: python -m typer mxguard.cli utils docs --name mxguard --output docs/cli.md")


@pytest.mark.parametrize(
    "args", [["faq"], ["facts"], ["topics"], ["sources"], ["timeline"], ["stats", "homicides"], ["export"],
             ["ask", "guard size"], ["check", "inegi 34000 murders 2019"], ["show", "strength-2024"]],
)
def test_no_escape_codes_when_piped_or_no_color(args: list[str]) -> None:
    for env in ({}, {"NO_COLOR": "1"}):
        result = cli(*args, "--kb", str(TINY_KB), env=env)
        assert result.code == 0 and "\x1b[" not in result.stdout


def test_real_pipe_has_no_escape_codes_even_when_forced_terminal_is_absent() -> None:
    run = subprocess.run([sys.executable, "-m", "mxguard", "faq", "--kb", str(TINY_KB)], capture_output=True, text=True)
    assert run.returncode == 0 and "\x1b[" not in run.stdout


@pytest.mark.parametrize("command", ["faq", "facts", "topics", "sources", "timeline", "stats", "where", "validate",
                                     "selftest", "check", "ask", "show", "stale"])
def test_json_wherever_a_list_or_answer_prints(command: str) -> None:
    args = {"check": ["check", "x"], "ask": ["ask", "x"], "show": ["show", "legal"]}.get(command, [command])
    result = CliRunner().invoke(app, [*args, "--json", "--help"])
    assert result.exit_code == 0 and "--json" in result.stdout


def test_chat_keeps_the_language_of_the_list_when_picking() -> None:
    result = CliRunner().invoke(app, ["chat", "--kb", str(TINY_KB)], input="cuantos elementos tiene la guardia\n1\n")
    assert result.exit_code == 0
    assert "¿Quién controla hoy a la Guardia Nacional?" in result.stdout and "Relacionadas:" in result.stdout


def test_a_pager_that_cannot_start_leaves_the_text_to_be_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager-anywhere --flag")
    assert render.run_pager("text\n") is False
    monkeypatch.setenv("PAGER", "sh -c 'exit 127'")  # found, then the shell cannot run what it names
    assert render.run_pager("text\n") is False
    terminal = Console(file=io.StringIO(), force_terminal=True, height=3, width=60)
    monkeypatch.setenv("PAGER", "no-such-pager-anywhere")
    with render.paged(terminal) as console:
        for i in range(10):
            console.print(f"line {i}")
    assert "line 9" in terminal.file.getvalue()


def test_the_pager_gets_the_text_and_keeps_colours_with_a_users_less(monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "paged.txt"
    monkeypatch.delenv("MANPAGER", raising=False)
    monkeypatch.setenv("PAGER", f"sh -c 'cat > {out}; echo \"$LESS\" >> {out}'")
    monkeypatch.setenv("LESS", "-i")
    assert render.run_pager("¿hola?\n") is True
    assert out.read_text(encoding="utf-8") == "¿hola?\n-i -R\n"
    monkeypatch.delenv("LESS")
    assert render.run_pager("x\n") is True and out.read_text(encoding="utf-8") == "x\nFRX\n"


@pytest.mark.parametrize("args", [["ask", "how big is the national guard"], ["faq", "--no-pager"]])
def test_no_color_means_no_escape_codes_on_a_terminal_too(args: list[str]) -> None:
    """FORCE_COLOR makes the output a terminal for Rich; NO_COLOR must still leave no bold or dim codes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MXGUARD_")}
    styled = subprocess.run([sys.executable, "-m", "mxguard", *args, "--kb", str(TINY_KB)], capture_output=True,
                            text=True, env={**env, "FORCE_COLOR": "1"}, check=False)
    plain = subprocess.run([sys.executable, "-m", "mxguard", *args, "--kb", str(TINY_KB)], capture_output=True,
                           text=True, env={**env, "FORCE_COLOR": "1", "NO_COLOR": "1"}, check=False)
    assert "\x1b[" in styled.stdout and plain.returncode == 0 and "\x1b[" not in plain.stdout


def test_chat_says_a_mistyped_command_is_unknown() -> None:
    result = CliRunner().invoke(app, ["chat", "--kb", str(TINY_KB)], input=":hlep\n:lang es\n:salr\n")
    assert result.exit_code == 0
    assert "Unknown command :hlep; :help lists them." in result.stderr
    assert "Comando desconocido :salr" in result.stderr and "No confident answer" not in result.stdout
    assert "Unknown command" not in result.stdout  # errors go to stderr, as for every command
