"""Rich output for people. Every function takes a Console; KB text and queries are printed as Text
objects (never parsed as markup) after the sanitiser has made them inert."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Literal

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from mxguard.export import LABELS, STATUSES, UNITS, VERDICTS, entry_title, number, shown
from mxguard.models import Claim, Fact, Faq, KnowledgeBase, Match, Series, Source
from mxguard.sanitize import clean, one_line

if TYPE_CHECKING:
    from rich.table import Table

    from mxguard.matching import Analysis

VERDICT_STYLE = {"accurate": "green", "outdated": "yellow", "inaccurate": "red", "unverifiable": "magenta",
                 "likely-invented": "red", "mixed": "yellow"}
UI = {
    "en": {"also": "Other close entries", "none": "No confident answer for", "try": "Did you mean",
           "starters": "Nothing close; questions you can ask",
           "hint": "Hint: open one with `mxguard show ID`, rephrase, or browse `mxguard topics` and `mxguard faq`.",
           "browse": "Hint: rephrase, or browse `mxguard topics` and `mxguard faq`.",
           "facts": "Figures cited", "verdict": "Verdict", "score": "score"},
    "es": {"also": "Otras entradas cercanas", "none": "No hay una respuesta confiable para", "try": "Quizá quiso decir",
           "starters": "Nada se parece; preguntas que puedes hacer",
           "hint": "Sugerencia: abre una con `mxguard show ID`, reformula o recorre `mxguard topics` y `mxguard faq`.",
           "browse": "Sugerencia: reformula o recorre `mxguard topics` y `mxguard faq`.",
           "facts": "Cifras citadas", "verdict": "Veredicto", "score": "puntaje"},
}


class PipeSafeConsole(Console):
    """A Console that, when the reader closes the pipe (`mxguard ask … | head -1`), lets the entry point
    end quietly with exit 0 instead of Rich's own SystemExit(1), which would read as "no answer"."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def stdout_console() -> Console:
    return PipeSafeConsole(highlight=False, emoji=False, color_system=color_system())


def stderr_console() -> Console:
    console = PipeSafeConsole(stderr=True, highlight=False, emoji=False, color_system=color_system())
    console.soft_wrap = not console.is_terminal  # in a pipe or a log, one line stays one line (ids stay whole)
    return console


def color_system() -> Literal["auto"] | None:
    """Rich's own choice, except with NO_COLOR set (to anything but ""): then no escape codes at all, where
    Rich alone would drop colours but keep bold and dim."""
    return None if os.environ.get("NO_COLOR") else "auto"


@contextmanager
def paged(console: Console, enabled: bool = True) -> Iterator[Console]:
    """Yield a console to print to. On a terminal, output taller than the screen then goes through
    the pager ($PAGER, else less with colours kept); piped or with --no-pager it goes straight out."""
    if not (enabled and console.is_terminal):
        yield console
        return
    buffer = Console(file=io.StringIO(), width=console.width, force_terminal=True,
                     color_system=console.color_system,  # type: ignore[arg-type]
                     no_color=console.no_color, highlight=False, emoji=False)
    yield buffer
    text = buffer.file.getvalue()  # type: ignore[attr-defined]
    if text.count("\n") <= console.height or not run_pager(text):
        console.file.write(text)


def run_pager(text: str) -> bool:
    """Show the text through $MANPAGER, $PAGER or less. False when there is none that can start (a
    misspelt $PAGER): the caller then prints the text itself rather than showing nothing."""
    import shlex
    import shutil
    import subprocess

    command = os.environ.get("MANPAGER") or os.environ.get("PAGER") or "less"
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    if shutil.which(program) is None:
        return False
    env = dict(os.environ)
    less = env.get("LESS")  # quit if it fits, keep colours, leave the text on screen; a user's own
    env["LESS"] = "FRX" if less is None else (less if "R" in less or "r" in less else f"{less} -R")  # + colours
    pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env,  # a shell line, as git runs it
                             encoding="utf-8", errors="replace")
    try:
        assert pager.stdin is not None
        pager.stdin.write(text)
        pager.stdin.close()
    except BrokenPipeError:
        pass  # the user quit the pager before reading everything
    while True:
        try:
            pager.wait()
            break
        except KeyboardInterrupt:
            pass  # Ctrl-C belongs to the pager while it runs
    return pager.returncode not in (126, 127)  # 127: the shell could not find or run it


def new_table(*columns: str, **options: object) -> Table:
    """A Rich table; rich.table is imported here because `ask`, the hot path, never draws one."""
    from rich.table import Table

    return Table(*columns, **options)  # type: ignore[arg-type]


def t(text: str, style: str = "") -> Text:
    """KB or user text as an inert Rich Text."""
    return Text(clean(text), style=style)


def answer(console: Console, kb: KnowledgeBase, match: Match, lang: str, others: Iterable[Match] = ()) -> None:
    """One answer: a panel with the text and cited figures, then the numbered sources."""
    entry = kb.entry(match.kind, match.id)
    sources = kb.cited_sources(entry)
    number_of = {s.id: i for i, s in enumerate(sources, 1)}
    refs = " " + "".join(f"[{n}]" for n in range(1, len(sources) + 1))
    body: list[Text] = []
    if isinstance(entry, Claim):
        verdict = Text(f"{UI[lang]['verdict']}: ", style="bold")
        verdict.append(shown(VERDICTS, entry.verdict, lang).upper(), style=f"bold {VERDICT_STYLE.get(entry.verdict, '')}")
        body += [verdict, t(entry.correction.get(lang)).append(refs, style="dim")]
    elif isinstance(entry, Faq):
        body.append(t(entry.answer.get(lang)).append(refs, style="dim"))
    else:
        body.append(t(entry.statement.get(lang)).append(refs, style="dim"))
        body.append(Text(f"{LABELS[lang]['status']}: {shown(STATUSES, entry.status, lang)}", style="dim"))
    stats = [f for f in kb.cited_facts(entry) if f.is_statistic]
    if stats:
        body.append(Text(f"\n{UI[lang]['facts']}:", style="bold"))
        body += [statistic_line(kb, f, lang, number_of) for f in stats]
    subtitle = Text(f"{match.kind} · {one_line(match.id)} · {UI[lang]['score']} {match.score:g}", style="dim")
    console.print(Panel(Group(*body), title=t(entry_title(entry, lang), "bold"), title_align="left",
                        subtitle=subtitle, subtitle_align="right", expand=True))
    source_list(console, sources, lang)
    others = list(others)
    if others:
        console.print(Text(f"{UI[lang]['also']}:", style="bold"))
        for other in others:
            suggestion(console, kb, other, lang)


def statistic_line(kb: KnowledgeBase, fact: Fact, lang: str, number_of: dict[str, int]) -> Text:
    label = LABELS[lang]
    line = Text("• ")
    if fact.values:
        unit = clean(shown(UNITS, fact.unit, lang))
        parts = [f"{number(v.value)} {unit}" + (f" ({clean(v.basis.get(lang))})" if v.basis else "")
                 + f" [{number_of.get(v.source, '?')}]" for v in fact.values]
        line.append("; ".join(parts))
    else:
        refs = "".join(f"[{number_of[s]}]" for s in fact.sources if s in number_of)
        line.append(f"{number(fact.value or 0)} {clean(shown(UNITS, fact.unit, lang))} {refs}")
    line.append(f" — {label['as_of']} {fact.as_of}, {label['status']}: {shown(STATUSES, fact.status, lang)}", style="dim")
    return line


def source_list(console: Console, sources: list[Source], lang: str) -> None:
    console.print(Text(f"{LABELS[lang]['sources']}:", style="bold"))
    for i, source in enumerate(sources, 1):
        line = Text(f" [{i}] ")
        line.append(one_line(source.publisher), style="bold")
        line.append(f", “{one_line(source.title)}”, {source.date or LABELS[lang]['no_date']}. ")
        line.append(one_line(source.url), style="cyan")  # plain text: never an OSC 8 hyperlink
        console.print(line, soft_wrap=True)  # no hard line breaks inside a URL: it must stay copyable


def suggestion(console: Console, kb: KnowledgeBase, match: Match, lang: str) -> None:
    entry = kb.entry(match.kind, match.id)
    line = Text(" • ")
    line.append(one_line(entry_title(entry, lang)))
    line.append(f"  ({match.kind} {one_line(match.id)}, {UI[lang]['score']} {match.score:g})", style="dim")
    console.print(line)


def are_starters(matches: list[Match]) -> bool:
    """Are these the first entries offered when no entry scored (`answers.starters`, all at 0), not matches?"""
    return all(m.score == 0 for m in matches)


def no_answer(console: Console, kb: KnowledgeBase, query: str, suggestions: list[Match], lang: str) -> None:
    """On stderr: nothing cleared the threshold; offer the closest entries."""
    line = Text(f"{UI[lang]['none']} ")
    line.append(repr(one_line(query)))
    console.print(line)
    if suggestions:
        heading = UI[lang]["starters" if are_starters(suggestions) else "try"]
        console.print(Text(f"{heading}:", style="bold"))
        for match in suggestions:
            suggestion(console, kb, match, lang)
    console.print(Text(UI[lang]["hint" if suggestions else "browse"], style="dim"))


# What each reading of a query (textnorm.intent) prefers, as `ask --explain` says it.
INTENTS = {"question": "a question (FAQs first)", "check": "a request to check a claim (claim checks first)",
           "statement": "a statement (claim checks first)", "keywords": "keywords (FAQs first)"}


def explain(console: Console, analysis: Analysis, matches: list[Match]) -> None:
    """How the query was read and scored (for `ask --explain`)."""
    console.print(Text("How the question was read:", style="bold"))
    console.print(Text(f"  normalised: {one_line(analysis.folded)!r}"))
    console.print(Text(f"  read as: {INTENTS[analysis.intent]}"))
    for label, items in (("typo fixes", analysis.corrections), ("synonyms", analysis.synonyms)):
        if items:
            console.print(Text(f"  {label}: {one_line(', '.join(items))}"))
    table = new_table("word", "weight", "how", "matches", box=None, pad_edge=False)
    for w in analysis.words:
        table.add_row(t(w.word), f"{w.weight:.2f}", w.how, t(", ".join(f"{k} {v:g}" for k, v in w.matches.items())))
    console.print(table)
    if are_starters(matches):
        why = ("it has only question words and stop words" if analysis.only_stop_words
               else "only questions no entry answers share its words" if analysis.off_topic is not None
               else "no word of it is in the knowledge base")
        console.print(Text(f"  no entry scored: {why}; the suggestions are the first entries"))
    else:
        for m in matches:
            console.print(t(f"  {m.kind} {m.id}: {m.score:g} via {scored_phrase(m)}"))
    if analysis.off_topic is not None:
        console.print(t(f"  closest question no entry answers: {analysis.off_topic.score:g} via "
                        f"{scored_phrase(analysis.off_topic)}"))


def scored_phrase(m: Match) -> str:
    """The phrase a match was found through, its language and the parts of its score; "example" when the
    phrase is a user's question from examples.yaml rather than the entry's own."""
    parts = ", ".join(f"{k} {v:g}" for k, v in m.parts.items() if k != "example")
    origin = "example " if m.parts.get("example") else ""
    return f"{origin}{m.phrase!r} [{m.lang}] ({parts})"


def faq_table(console: Console, faqs: list[Faq], lang: str) -> None:
    table = new_table(expand=True)
    table.add_column("id", no_wrap=True, min_width=max((len(f.id) for f in faqs), default=2))  # never cut: `show` takes it
    table.add_column("topic")
    table.add_column("question")
    for faq in faqs:
        table.add_row(t(faq.id), t(faq.topic), t(faq.question.get(lang)))
    console.print(table)


def fact_table(console: Console, kb: KnowledgeBase, facts: list[Fact], lang: str) -> None:
    """One block a fact: its id whole on the first line (ids are what `show` takes), then the statement."""
    for fact in facts:
        head = Text(clean(fact.id), style="bold").append(f" · {shown(STATUSES, fact.status, lang)}", style="dim")
        if fact.is_statistic:
            figure = " / ".join(number(v.value) for v in fact.values) if fact.values else number(fact.value or 0)
            head.append(f" · {figure} {clean(shown(UNITS, fact.unit, lang))} ({fact.as_of})")
        console.print(head, soft_wrap=True)
        indented(console, t(fact.statement.get(lang)))
        console.print()


def topic_table(console: Console, kb: KnowledgeBase, lang: str) -> None:
    table = new_table("id", "title", "FAQs", "facts")
    for topic in kb.topics():
        table.add_row(t(topic.id), t(topic.title.get(lang)), str(len(kb.faqs(topic.id))),
                      str(len(kb.facts(topic.id))))
    console.print(table)


def source_table(console: Console, sources: list[Source]) -> None:
    """One block a source: id and kind, the citation, then the URL whole on a line of its own (never cut or
    broken, so it can be copied), and the curator's note when there is one."""
    for s in sources:
        console.print(Text(clean(s.id), style="bold").append(f" · {s.kind}", style="dim"), soft_wrap=True)
        indented(console, Text(f"{one_line(s.publisher)}, “{one_line(s.title)}”, {s.date or '—'}"))
        console.print(Text(f"  {one_line(s.url)}", style="cyan"), soft_wrap=True)
        if s.note:
            indented(console, Text(one_line(s.note), style="dim"))
        console.print()


def indented(console: Console, text: Text) -> None:
    """Text wrapped to the console's width, every line two spaces in, with no padding after it."""
    for line in text.wrap(console, max(20, console.width - 2)):
        line.rstrip()
        console.print(Text("  ").append_text(line), soft_wrap=True)


def series_chart(console: Console, kb: KnowledgeBase, series: Series, lang: str, width: int = 40) -> None:
    """A horizontal bar chart that reads without colour: bars drawn with █, values printed, each point's
    sources as [n] (numbers of the list below), its note as a letter explained under the chart."""
    console.print(t(series.title.get(lang), "bold"))
    top = max((p.value for p in series.points), default=0) or 1
    number_of = {s: i for i, s in enumerate(series.sources, 1)}
    table = new_table(box=None, show_header=False, pad_edge=False)
    for justify in ("left", "right", "left"):
        table.add_column(justify=justify, no_wrap=True)  # type: ignore[arg-type]
    notes: list[str] = []
    for p in series.points:
        bar = Text("█" * max(1, round(width * p.value / top)), style="cyan")
        bar.append(" " + "".join(f"[{number_of[s]}]" for s in p.sources), style="dim")
        if p.note:
            notes.append(clean(p.note.get(lang)))
            bar.append(f" ({note_mark(len(notes))})", style="dim")
        table.add_row(p.label, number(p.value), bar)
    console.print(table)
    console.print(Text(f"{shown(UNITS, series.unit, lang)}; {LABELS[lang]['as_of']} {series.as_of}", style="dim"))
    for i, note in enumerate(notes, 1):
        console.print(Text(f"({note_mark(i)}) {note}", style="dim"))
    if series.note:
        console.print(t(series.note.get(lang), "dim"))
    source_list(console, [kb.source(s) for s in series.sources], lang)


def note_mark(i: int) -> str:
    """a, b, ... z, aa, ab: note marks that cannot be read as the [n] of a source."""
    mark = ""
    while i:
        i, rest = divmod(i - 1, 26)
        mark = chr(ord("a") + rest) + mark
    return mark


def series_list(console: Console, kb: KnowledgeBase, lang: str) -> None:
    table = new_table("id", "title", "unit", "points", "as of")
    for s in kb.all_series():
        table.add_row(t(s.id), t(s.title.get(lang)), t(shown(UNITS, s.unit, lang)), str(len(s.points)), s.as_of)
    console.print(table)


def timeline_table(console: Console, kb: KnowledgeBase, lang: str, since: int | None) -> None:
    """Dated events with numbered source references, then the sources."""
    events = [e for e in kb.timeline() if since is None or int(e.date[:4]) >= since]
    if not events:  # not an empty table: say why, and what there is
        latest = max((e.date[:4] for e in kb.timeline()), default=None)
        message = (f"No events from {since} on; the latest is from {latest}." if latest
                   else "The knowledge base has no timeline events.")
        stderr_console().print(Text(message))
        return
    order: dict[str, int] = {}
    table = new_table("date", "event", expand=True)
    for event in events:
        refs = "".join(f"[{order.setdefault(s, len(order) + 1)}]" for s in event.sources)
        table.add_row(event.date, t(event.event.get(lang)).append(f" {refs}", style="dim"))
    console.print(table)
    source_list(console, [kb.source(s) for s in order], lang)
