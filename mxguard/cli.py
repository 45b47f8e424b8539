"""The Typer app: parse arguments, call the core, pick a renderer, map errors to exit codes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from mxguard import __version__, answers, export, render
from mxguard.commands import check_topic, err_console, report_error
from mxguard.commands import out_console as out
from mxguard.errors import ExitCode, MxguardError, NoMatch, UsageError
from mxguard.kb import load_kb, locate_kb
from mxguard.models import KnowledgeBase
from mxguard.options import ASK_HELP, ASK_OPTIONS, QUESTION_HELP

app = typer.Typer(
    name="mxguard",
    help="Cited answers about Mexico's National Guard (Guardia Nacional), in English and Spanish.\n\n"
    "Example: mxguard ask \"how big is the national guard?\"",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _opt(dest: str) -> typer.models.OptionInfo:
    """A Typer option declared from the shared table in options.py."""
    spec = ASK_OPTIONS[dest]
    return typer.Option(*spec.flags, help=spec.help, metavar=spec.metavar or None)


def _completer(*tables: str):  # type: ignore[no-untyped-def]
    """Shell completion of ids from the knowledge base in use (--kb if already typed)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            kb = open_kb(ctx.params.get("kb_dir"))
        except MxguardError:
            return []
        return [i for table in tables for i in kb.ids(table) if i.startswith(incomplete)]

    return complete


KbDir = Annotated[Optional[Path], _opt("kb_dir")]
Lang = Annotated[Optional[str], _opt("lang")]
AsJson = Annotated[bool, _opt("as_json")]
TopicOpt = Annotated[Optional[str], typer.Option("--topic", "-t", help="Only this topic id (see `mxguard topics`).",
                                                  autocompletion=_completer("topics"))]
NoPager = Annotated[bool, typer.Option("--no-pager", help="Print straight to the terminal, without a pager.")]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn MxguardError into one stderr line (plus KB problems) and its exit code."""
    try:
        yield
    except MxguardError as error:
        if os.environ.get("MXGUARD_DEBUG"):
            raise
        report_error(error)
        raise typer.Exit(error.exit_code) from None


def open_kb(kb_dir: Optional[Path]) -> KnowledgeBase:
    return load_kb(locate_kb(kb_dir))


def listing_lang(lang: Optional[str]) -> str:
    return answers.check_lang(lang) or "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mxguard {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Cited answers about Mexico's National Guard (Guardia Nacional), in English and Spanish.

    Example: mxguard ask "how big is the national guard?"
    """


@app.command(help=ASK_HELP)
def ask(
    question: Annotated[str, typer.Argument(metavar="QUESTION", help=QUESTION_HELP, show_default=False)],
    top: Annotated[int, _opt("top")] = 1,
    as_json: AsJson = False,
    fmt: Annotated[Optional[str], _opt("fmt")] = None,
    lang: Lang = None,
    explain: Annotated[bool, _opt("explain")] = False,
    kb_dir: KbDir = None,
) -> None:
    from mxguard.commands import run_ask

    with user_errors():
        run_ask(question, top=top, as_json=as_json, fmt=fmt, lang=lang, explain=explain, kb_dir=kb_dir)


@app.command()
def check(
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="The claim to check, in English or Spanish.", show_default=False)],
    as_json: AsJson = False,
    lang: Lang = None,
    kb_dir: KbDir = None,
) -> None:
    """Check a claim against the sources: verdict, correction and citations.

    Example: mxguard check "The National Guard has about 100,000 members"
    """
    with user_errors():
        kb = open_kb(kb_dir)
        result = answers.ask(kb, claim, top=1, lang=lang, kinds=("claim",))
        records = [export.claim_record(kb, kb.claim(m.id), result.lang) | {"score": m.score} for m in result.matches]
        if as_json:
            typer.echo(export.to_json({"claim": result.query, "matched": result.answered, "results": records}))
        elif result.answered:
            render.answer(out(), kb, result.matches[0], result.lang)
        else:
            render.no_answer(err_console(), kb, result.query, result.matches, result.lang)
        if not result.answered:
            raise NoMatch("no claim check matches")


@app.command()
def faq(topic: TopicOpt = None, as_json: AsJson = False, lang: Lang = None, no_pager: NoPager = False,
        kb_dir: KbDir = None) -> None:
    """List the questions mxguard answers, optionally for one topic.

    Example: mxguard faq --topic legal
    """
    with user_errors():
        kb, lang_ = open_kb(kb_dir), listing_lang(lang)
        faqs = kb.faqs(check_topic(kb, topic))
        if as_json:
            typer.echo(export.to_json([export.faq_record(kb, f, lang_) for f in faqs]))
        else:
            with render.paged(out(), not no_pager) as console:
                render.faq_table(console, faqs, lang_)


@app.command()
def facts(topic: TopicOpt = None, as_json: AsJson = False, lang: Lang = None, no_pager: NoPager = False,
          kb_dir: KbDir = None) -> None:
    """List the cited facts (with status, figures and as-of dates), optionally for one topic.

    Example: mxguard facts --topic personnel --json
    """
    with user_errors():
        kb, lang_ = open_kb(kb_dir), listing_lang(lang)
        items = kb.facts(check_topic(kb, topic))
        if as_json:
            typer.echo(export.to_json([export.fact_record(kb, f, lang_) for f in items]))
        else:
            with render.paged(out(), not no_pager) as console:
                render.fact_table(console, kb, items, lang_)


@app.command()
def topics(as_json: AsJson = False, lang: Lang = None, kb_dir: KbDir = None) -> None:
    """List the topics with how many FAQs and facts each has.

    Example: mxguard topics
    """
    with user_errors():
        kb, lang_ = open_kb(kb_dir), listing_lang(lang)
        if as_json:
            typer.echo(export.to_json([export.topic_record(kb, t, lang_) for t in kb.ids("topics")]))
        else:
            render.topic_table(out(), kb, lang_)


@app.command()
def show(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="An FAQ, claim, fact, source, topic or series id.",
                                            autocompletion=_completer("faqs", "claims", "facts", "sources",
                                                                      "topics", "series"))],
    as_json: AsJson = False,
    lang: Lang = None,
    kb_dir: KbDir = None,
) -> None:
    """Show one entry by id, with its sources.

    Example: mxguard show how-many-members
    """
    from mxguard.commands import run_show

    with user_errors():
        run_show(open_kb(kb_dir), entry_id, as_json, listing_lang(lang))


@app.command()
def sources(
    kind: Annotated[Optional[str], typer.Option("--kind", help="Only primary or secondary sources.")] = None,
    as_json: AsJson = False,
    no_pager: NoPager = False,
    kb_dir: KbDir = None,
) -> None:
    """List every source the knowledge base cites.

    Example: mxguard sources --kind primary
    """
    with user_errors():
        kb = open_kb(kb_dir)
        if kind not in (None, "primary", "secondary"):
            raise UsageError("--kind must be primary or secondary")
        items = [s for s in kb.sources() if kind in (None, s.kind)]
        if as_json:
            typer.echo(export.to_json([export.source_record(s) for s in items]))
        else:
            with render.paged(out(), not no_pager) as console:
                render.source_table(console, items)


@app.command(name="export")
def export_cmd(
    topic: TopicOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or json.", metavar="markdown|json")] = "markdown",
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE instead of stdout (- is stdout).",
                                                  metavar="FILE")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    lang: Lang = None,
    no_pager: NoPager = False,
    kb_dir: KbDir = None,
) -> None:
    """Export the knowledge base (or one topic) as a Markdown document with footnoted sources, or JSON.

    Example: mxguard export --topic legal -o legal.md
    """
    from mxguard.commands import run_export

    with user_errors():
        run_export(open_kb(kb_dir), topic, fmt, output, force, listing_lang(lang), pager=not no_pager)


@app.command()
def validate(
    directory: Annotated[Optional[Path], typer.Argument(metavar="[DIR]", help="Knowledge-base folder (default: the one in use).",
                                                        show_default=False)] = None,
    as_json: AsJson = False,
    kb_dir: KbDir = None,
) -> None:
    """Check a knowledge base: schema, ids, references, citations. Lists every problem as FILE:LINE:COL.

    Exits 0 when clean, 3 when not. Example: mxguard validate ./my-kb
    """
    from mxguard.commands import run_validate

    with user_errors():
        run_validate(locate_kb(directory, "given as DIR") if directory else locate_kb(kb_dir), as_json)


@app.command()
def where(as_json: AsJson = False, kb_dir: KbDir = None) -> None:
    """Say which knowledge base is in use and why, and where its cache lives.

    Example: mxguard where
    """
    from mxguard import cache
    from mxguard.sanitize import one_line

    with user_errors():
        location = locate_kb(kb_dir)
        info = {"knowledge_base": str(location.root), "reason": location.reason, "cache": str(cache.cache_dir())}
        if as_json:
            typer.echo(export.to_json(info))
        else:
            typer.echo(f"knowledge base: {one_line(info['knowledge_base'])}")
            typer.echo(f"because: {info['reason']}")
            typer.echo(f"cache: {one_line(info['cache'])}")


@app.command()
def timeline(
    since: Annotated[Optional[int], typer.Option("--from", help="Only events from this year on.", metavar="YEAR")] = None,
    as_json: AsJson = False,
    lang: Lang = None,
    no_pager: NoPager = False,
    kb_dir: KbDir = None,
) -> None:
    """Show the dated, cited history of the Guard and its legal framework.

    Example: mxguard timeline --from 2019
    """
    with user_errors():
        kb, lang_ = open_kb(kb_dir), listing_lang(lang)
        if as_json:
            events = [export.timeline_record(kb, e, lang_) for e in kb.timeline()
                      if since is None or int(e.date[:4]) >= since]
            typer.echo(export.to_json(events))
        else:
            with render.paged(out(), not no_pager) as console:
                render.timeline_table(console, kb, lang_, since)


@app.command()
def stats(
    series: Annotated[Optional[str], typer.Argument(metavar="[SERIES]", help="A series id; omit to list them.",
                                                    show_default=False, autocompletion=_completer("series"))] = None,
    as_json: AsJson = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    lang: Lang = None,
    kb_dir: KbDir = None,
) -> None:
    """List the statistics series, or chart one with its sources.

    Example: mxguard stats homicides
    """
    from mxguard.commands import run_stats

    with user_errors():
        run_stats(open_kb(kb_dir), series, as_json, as_csv, listing_lang(lang))


@app.command()
def stale(
    today: Annotated[Optional[str], typer.Option("--today", help="Pretend today is this ISO date.")] = None,
    as_json: AsJson = False,
    kb_dir: KbDir = None,
) -> None:
    """List statistics series past their review period (exit 1 when any are stale).

    Example: mxguard stale
    """
    from mxguard.commands import run_stale

    with user_errors():
        run_stale(open_kb(kb_dir), today, as_json)


@app.command()
def chat(lang: Lang = None, kb_dir: KbDir = None) -> None:
    """Stay in a prompt and ask question after question; pick listed questions by number.

    Type :help for commands, :quit or Ctrl-D to leave. Reads one question per line when piped.
    Example: mxguard chat --lang es
    """
    from mxguard.chat import run_chat

    with user_errors():
        run_chat(open_kb(kb_dir), answers.check_lang(lang))


@app.command()
def selftest(as_json: AsJson = False, kb_dir: KbDir = None) -> None:
    """Check that every question and alternate in the knowledge base finds its own entry first.

    Example: mxguard selftest
    """
    from mxguard.commands import run_selftest

    with user_errors():
        run_selftest(open_kb(kb_dir), as_json)


__all__ = ["app", "ExitCode"]
