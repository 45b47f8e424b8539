"""The `ask` options, defined once: the Typer app declares them from this table, and the fast path
(which answers a well-formed `ask` without importing the CLI framework) parses argv with it."""

from __future__ import annotations

from typing import NamedTuple

ASK_HELP = (
    "Answer a question about the National Guard, with numbered sources.\n\n"
    "Questions may be in English or Spanish, with typos or without accents. When nothing matches "
    "confidently, mxguard says so, suggests close questions and exits 1.\n\n"
    "Example: mxguard ask \"how big is the national guard?\""
)
QUESTION_HELP = "Your question, in plain words (English or Spanish)."


class Opt(NamedTuple):
    dest: str  # the keyword argument of commands.run_ask
    flags: tuple[str, ...]
    help: str
    metavar: str = ""  # empty for a flag that takes no value

    @property
    def takes_value(self) -> bool:
        return bool(self.metavar)


ASK_OPTIONS = {
    opt.dest: opt
    for opt in (
        Opt("top", ("--top", "-n"), "Also show the N-1 closest other entries (1-20).", "N"),
        Opt("as_json", ("--json",), "Print JSON (a stable contract for scripts)."),
        Opt("fmt", ("--format", "-f"), "Output format: text (default), markdown or json.", "text|markdown|json"),
        Opt("lang", ("--lang",), "Answer language: en or es (default: the language of the question).", "en|es"),
        Opt("explain", ("--explain",), "Also show how the question was read and scored (on stderr)."),
        Opt("kb_dir", ("--kb",), "Use the knowledge base in DIR (holding faq.yaml and facts.yaml).", "DIR"),
    )
}
ASK_DEFAULTS = {"top": 1, "as_json": False, "fmt": None, "lang": None, "explain": False, "kb_dir": None}
_BY_FLAG = {flag: opt for opt in ASK_OPTIONS.values() for flag in opt.flags}


def parse_ask(args: list[str]) -> dict[str, object] | None:
    """Keyword arguments for run_ask from argv after `ask`, or None when the arguments are anything
    but plain and valid (help, unknown options, missing values): then the full CLI handles them."""
    values: dict[str, object] = dict(ASK_DEFAULTS)
    question: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            if question is not None or len(args) - i != 2:
                return None
            question = args[i + 1]
            break
        if arg.startswith("-") and arg != "-":
            name, eq, inline = arg.partition("=")
            opt = _BY_FLAG.get(name)
            if opt is None or (eq and not opt.takes_value):
                return None
            if opt.takes_value:
                if not eq:
                    if i + 1 >= len(args):
                        return None
                    i += 1
                    inline = args[i]
                if opt.dest == "top":
                    digits = inline.lstrip("-")
                    if not (digits.isascii() and digits.isdigit()):  # "²" is a digit to isdigit(), not to int()
                        return None
                    values["top"] = int(inline)
                elif not inline:  # an empty value (`--kb ""`): the full CLI reads it as every command does
                    return None
                else:
                    values[opt.dest] = inline
            else:
                values[opt.dest] = True
        elif question is None:
            question = arg
        else:
            return None
        i += 1
    if question is None:
        return None
    values["question"] = question
    return values
