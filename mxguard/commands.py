"""Bodies of the larger commands: plain functions over the core, free of the CLI framework so the
fast `ask` path can call them too. They print results and raise MxguardError for everything else."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from mxguard import answers, export
from mxguard.errors import KbError, MxguardError, NoMatch, UsageError
from mxguard.kb import KbLocation, load_kb, locate_kb
from mxguard.models import Claim, Faq, KnowledgeBase

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from rich.console import Console

FORMATS = ("text", "markdown", "json")


def report_error(error: MxguardError) -> None:
    """One stderr line per knowledge-base problem, then the error itself (a NoMatch has said enough)."""
    from mxguard.sanitize import one_line

    if isinstance(error, KbError):
        for problem in error.problems:
            sys.stderr.write(one_line(str(problem)) + "\n")
    if not isinstance(error, NoMatch):
        sys.stderr.write(f"Error: {one_line(str(error))}\n")


def echo(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def out_console() -> Console:
    """stdout for the answer; Rich itself drops colour when piped or when NO_COLOR is set."""
    from mxguard.render import stdout_console

    return stdout_console()


def err_console() -> Console:
    from mxguard.render import stderr_console

    return stderr_console()


def run_ask(question: str, top: int = 1, as_json: bool = False, fmt: str | None = None, lang: str | None = None,
            explain: bool = False, kb_dir: str | Path | None = None) -> None:
    if as_json and fmt not in (None, "json"):
        raise UsageError(f"--json and --format {fmt} ask for two formats; give one")
    fmt = "json" if as_json else (fmt or "text")
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    # Checked here before the KB is loaded, so a bad question is a usage error (2) even when the KB
    # is broken too; answers.ask checks again for its other callers (check, chat), which costs nothing.
    answers.check_lang(lang)
    answers.check_top(top)
    answers.check_query(question)
    kb = load_kb(locate_kb(kb_dir))
    result = answers.ask(kb, question, top=top, lang=lang)
    if fmt == "json":
        records = [export.match_record(kb, m, result.lang) for m in result.matches]
        echo(export.to_json({"query": result.query, "answered": result.answered, "results": records}))
    elif result.answered and fmt == "markdown":
        echo(export.answer_markdown(kb, result.matches[0], result.lang, result.matches[1:top]))
    else:
        from mxguard import render  # Rich only for people: JSON and Markdown never load it

        if result.answered:
            render.answer(out_console(), kb, result.matches[0], result.lang, result.matches[1:top])
        else:
            render.no_answer(err_console(), kb, result.query, result.matches, result.lang)
    if explain and result.analysis is not None:
        from mxguard import render

        render.explain(err_console(), result.analysis, result.matches)
    if not result.answered:
        raise NoMatch("no confident answer")


def run_show(kb: KnowledgeBase, entry_id: str, as_json: bool, lang: str) -> None:
    from mxguard import render
    from mxguard.models import Match

    for kind, table, record in (("faq", "faqs", export.faq_record), ("claim", "claims", export.claim_record),
                                ("fact", "facts", export.fact_record)):
        if entry_id in kb.ids(table):
            entry = kb.entry(kind, entry_id)
            if as_json:
                echo(export.to_json(record(kb, entry, lang)))  # type: ignore[arg-type]
            else:
                render.answer(out_console(), kb, Match(kind, entry_id, 100.0, "", lang, {}), lang)
            return
    if entry_id in kb.ids("sources"):
        source = kb.source(entry_id)
        if as_json:
            echo(export.to_json(export.source_record(source)))
        else:
            render.source_table(out_console(), [source])
        return
    if entry_id in kb.ids("series"):
        run_stats(kb, entry_id, as_json, False, lang)
        return
    if entry_id in kb.ids("topics"):
        if as_json:
            echo(export.to_json(export.topic_record(kb, entry_id, lang)))
        else:
            render.faq_table(out_console(), kb.faqs(entry_id), lang)
        return
    import difflib

    every = [i for table in ("faqs", "claims", "facts", "sources", "series", "topics") for i in kb.ids(table)]
    close = difflib.get_close_matches(entry_id, every, n=3)
    hint = f" Did you mean: {', '.join(close)}?" if close else " List ids with `mxguard faq` or `mxguard facts`."
    raise UsageError(f"no entry with id {entry_id!r}.{hint}")


def check_topic(kb: KnowledgeBase, topic: str | None) -> str | None:
    if topic is not None and topic not in kb.ids("topics"):
        raise UsageError(f"unknown topic {topic!r}; see `mxguard topics`")
    return topic


def run_export(kb: KnowledgeBase, topic: str | None, fmt: str, output: str | Path | None, force: bool, lang: str,
               pager: bool = True) -> None:
    check_topic(kb, topic)
    if fmt == "markdown":
        text = export.kb_markdown(kb, lang, topic)
    elif fmt == "json":
        text = export.to_json({
            "faqs": [export.faq_record(kb, f, lang) for f in kb.faqs(topic)],
            "claims": [export.claim_record(kb, c, lang) for c in kb.claims(topic)],
            "facts": [export.fact_record(kb, f, lang) for f in kb.facts(topic)],
            "series": [export.series_record(kb, s, lang) for s in kb.all_series()],
            "topics": [export.topic_record(kb, t, lang) for t in ([topic] if topic else kb.ids("topics"))],
            "timeline": [export.timeline_record(kb, e, lang) for e in kb.timeline()] if topic is None else [],
        }) + "\n"
    else:
        raise UsageError(f"--format must be markdown or json, not {fmt!r}")
    if output is None or str(output) == "-":  # `-o -` is stdout, as in most tools, not a file named "-"
        from mxguard import render

        with render.paged(out_console(), pager and output is None) as console:
            console.file.write(text if text.endswith("\n") else text + "\n")
    else:
        from mxguard.files import write_text

        write_text(output, text, force)
        sys.stderr.write(f"wrote {output}\n")


def run_validate(location: KbLocation, as_json: bool = False) -> None:
    from mxguard.kb import check_kb, read_files

    data, problems = check_kb(location, read_files(location))
    errors = [p for p in problems if not p.warning]
    if not errors:
        problems += _confusable_warnings(location)
    counts = {t: len(data.get(t, ())) for t in ("faqs", "claims", "facts", "sources", "series", "timeline")}
    counts["examples"] = sum(len(record["questions"]) for record in data.get("examples", {}).values())
    if as_json:
        echo(export.to_json({"valid": not errors, "counts": counts, "problems": [
            {"file": p.file, "line": p.line, "col": p.col, "message": p.message, "warning": p.warning}
            for p in problems]}))
    else:
        for problem in problems:
            sys.stderr.write(f"{export.clean(str(problem))}\n")
    if errors:
        raise KbError(f"{len(errors)} problem(s) in {location.root}")
    if not as_json:
        summary = ", ".join(f"{n} {t}" for t, n in counts.items())
        echo(f"ok: {location.root} is valid ({summary})" + (f"; {len(problems)} warning(s)" if problems else ""))


def _confusable_warnings(location: KbLocation) -> list:  # type: ignore[type-arg]
    from mxguard.errors import Problem

    kb = load_kb(location)
    return [Problem(str(location.file("faq.yaml")), 1, 1,
                    f"FAQs '{a}' and '{b}' have questions close enough to confuse the matcher (runner-up "
                    f"scores {score:g}); make their questions more distinct", warning=True)
            for a, b, score in answers.confusable(kb)]


def run_stats(kb: KnowledgeBase, series_id: str | None, as_json: bool, as_csv: bool, lang: str) -> None:
    from mxguard import render

    if as_json and as_csv:
        raise UsageError("--json and --csv ask for two formats; give one")
    if series_id is None:
        if as_json:
            echo(export.to_json([export.series_record(kb, s, lang) for s in kb.all_series()]))
        elif as_csv:
            echo(export.series_csv(kb.all_series(), lang).rstrip("\n"))
        else:
            render.series_list(out_console(), kb, lang)
        return
    if series_id not in kb.ids("series"):
        raise UsageError(f"no series {series_id!r}; available: {', '.join(kb.ids('series')) or 'none'}")
    series = kb.series_by_id(series_id)
    if as_json:
        echo(export.to_json([export.series_record(kb, series, lang)]))
    elif as_csv:
        echo(export.series_csv([series], lang))
    else:
        render.series_chart(out_console(), kb, series, lang)


def period_end(as_of: str) -> dt.date:
    """The last day an ISO as-of date covers: 2024 -> 2024-12-31, 2024-02 -> 2024-02-29."""
    import datetime as dt

    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], (parts[1] if len(parts) > 1 else 12)
    first_of_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def run_stale(kb: KnowledgeBase, today: str | None, as_json: bool) -> None:
    import datetime as dt

    try:
        now = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        raise UsageError(f"--today must be an ISO date like 2026-01-31, not {today!r}") from None
    rows = []
    for series in kb.all_series():
        due = period_end(series.as_of) + dt.timedelta(days=series.review_days)
        if now > due:
            rows.append({"id": series.id, "as_of": series.as_of, "review_days": series.review_days,
                         "review_due": due.isoformat()})
    if as_json:
        echo(export.to_json(rows))
    elif rows:
        for row in rows:
            echo(f"{row['id']}: as of {row['as_of']}, review was due {row['review_due']}")
    else:
        echo(f"nothing stale as of {now.isoformat()}")
    if rows:
        raise NoMatch(f"{len(rows)} series past their review date")


def run_selftest(kb: KnowledgeBase, as_json: bool = False) -> None:
    failures = answers.selftest(kb)
    entries: list[Faq | Claim] = [*kb.faqs(), *kb.claims()]
    phrases = sum(1 + len(e.alternates[lang]) for e in entries for lang in ("en", "es"))
    if as_json:
        echo(export.to_json({"phrases": phrases, "passed": phrases - len(failures), "failures": [
            {"kind": k, "id": i, "phrase": export.clean(p), "found": g} for k, i, p, g in failures]}))
    else:
        for kind, entry_id, phrase, got in failures:
            sys.stderr.write(f"FAIL {kind} {entry_id}: {export.clean(phrase)!r} found {got}\n")
        echo(f"selftest: {phrases - len(failures)}/{phrases} phrases find their own entry first")
    if failures:
        raise NoMatch(f"{len(failures)} phrase(s) do not find their own entry")
