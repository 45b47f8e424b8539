"""`mxguard chat`: a prompt to stay in. Answers as `ask` does; related questions and suggestions are
numbered so a number picks one; `:lang es|en`, `:help`, `:quit`. With stdin not a terminal it reads one
question per line, so it can be scripted."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.text import Text

from mxguard import answers, export, render
from mxguard.errors import UsageError
from mxguard.models import LANGS, KnowledgeBase, Match
from mxguard.sanitize import one_line

HELP = {
    "en": "Type a question in English or Spanish. A number picks a listed question. "
          ":lang es|en answers in that language, :help shows this, :quit (or Ctrl-D) leaves.",
    "es": "Escribe una pregunta en español o inglés. Un número elige una pregunta de la lista. "
          ":lang es|en responde en ese idioma, :help muestra esto, :quit (o Ctrl-D) sale.",
}
UNKNOWN = {"en": "Unknown command {command}; :help lists them.",
           "es": "Comando desconocido {command}; :help los muestra."}
HISTORY_LENGTH = 1000


def history_file() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "mxguard" / "history"


class Session:
    """One conversation: the language chosen, and the numbered entries the user can pick next."""

    def __init__(self, kb: KnowledgeBase, console: Console, lang: str | None) -> None:
        self.kb, self.console, self.lang = kb, console, lang
        self.choices: list[Match] = []
        self.last_lang = lang or "en"  # a picked question is shown in the language of the list

    def handle(self, line: str) -> bool:
        """Answer one line; False when the user asked to leave."""
        line = line.strip()
        if not line:
            return True
        if line in (":quit", ":q", ":exit", ":salir"):
            return False
        if line == ":help":
            self.say(HELP[self.lang or "en"])
        elif line.startswith(":lang"):
            self.set_lang(line[5:].strip())
        elif line.startswith(":") and line[1:2].isalpha():  # `:foo` is a mistyped command, not a question
            self.warn(UNKNOWN[self.lang or "en"].format(command=line.split()[0]))
        elif line.isdigit() and self.choices:
            self.pick(int(line))
        else:
            self.ask(line)
        return True

    def say(self, text: str, style: str = "") -> None:
        self.console.print(Text(one_line(text), style=style))

    def warn(self, text: str) -> None:
        """A mistake of the user's (bad command, number or question): on stderr, as every command's errors."""
        render.stderr_console().print(Text(one_line(text), style="yellow"))

    def set_lang(self, lang: str) -> None:
        if lang not in LANGS:
            self.warn(f"Use :lang {' or :lang '.join(LANGS)}")
            return
        self.lang = lang
        self.say(f"lang = {lang}", "dim")

    def pick(self, number: int) -> None:
        if not 1 <= number <= len(self.choices):
            self.warn(f"Pick a number from 1 to {len(self.choices)}.")
            return
        self.show(self.choices[number - 1], self.lang or self.last_lang)

    def ask(self, question: str) -> None:
        try:
            result = answers.ask(self.kb, question, lang=self.lang)
        except UsageError as err:
            self.warn(str(err))
            return
        if result.answered:
            self.show(result.matches[0], result.lang)
            return
        self.say(f"{render.UI[result.lang]['none']} {one_line(result.query)!r}", "yellow")
        heading = "starters" if render.are_starters(result.matches) else "try"
        self.offer(result.matches, result.lang, render.UI[result.lang][heading])

    def show(self, match: Match, lang: str) -> None:
        render.answer(self.console, self.kb, match, lang)
        entry = self.kb.entry(match.kind, match.id)
        related = [Match("faq", r, 100.0, "", lang, {}) for r in getattr(entry, "related", ())]
        self.offer(related, lang, "Related" if lang == "en" else "Relacionadas")

    def offer(self, matches: list[Match], lang: str, heading: str) -> None:
        self.choices, self.last_lang = matches, lang
        if not matches:
            return
        self.say(f"{heading}:", "bold")
        for i, match in enumerate(matches, 1):
            title = export.entry_title(self.kb.entry(match.kind, match.id), lang)
            self.say(f" {i}. {title}")


def lines_from_terminal(prompt: str) -> Iterator[str]:
    """Read lines with line editing and history; Ctrl-D ends, Ctrl-C ends too (the caller exits 130)."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        readline = None  # type: ignore[assignment]
    path = history_file()
    if readline is not None:
        try:
            readline.read_history_file(path)
        except OSError:
            pass
    try:
        while True:
            try:
                yield input(prompt)
            except EOFError:
                print()
                return
    finally:
        if readline is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                readline.set_history_length(HISTORY_LENGTH)
                readline.write_history_file(path)
            except OSError:
                pass


def run_chat(kb: KnowledgeBase, lang: str | None) -> None:
    console = render.stdout_console()
    session = Session(kb, console, lang)
    if sys.stdin is None:  # started with stdin closed: no questions to read
        return
    if sys.stdin.isatty():
        session.say(HELP[lang or "en"], "dim")
        lines: Iterator[str] = lines_from_terminal("mxguard> ")
    else:
        lines = (line.rstrip("\n") for line in sys.stdin)
    for line in lines:
        if not session.handle(line):
            break
