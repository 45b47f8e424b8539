"""`mxguard ask` and `check` through the real CLI: answers, JSON contract, exit codes, streams."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli

ANSI = "\x1b["


def test_ask_prints_answer_with_numbered_sources(tiny_kb: Path) -> None:
    result = cli("ask", "how big is the national guard?", "--kb", str(tiny_kb))
    assert result.code == 0
    assert "137,716" in result.stdout and "[1]" in result.stdout
    assert "Proceso" in result.stdout and "https://cms.proceso.com.mx/" in result.stdout
    assert "as of 2024, status: reported" in result.stdout
    assert result.stderr == ""
    assert ANSI not in result.stdout


def test_ask_json_contract(tiny_kb: Path) -> None:
    result = cli("ask", "who runs the GN now", "--json", "--kb", str(tiny_kb))
    assert result.code == 0
    data = result.json()
    assert set(data) == {"query", "answered", "results"}
    assert data["query"] == "who runs the GN now" and data["answered"] is True
    first = data["results"][0]
    assert {"id", "kind", "title", "answer", "score", "topic", "sources"} <= set(first)
    assert first["id"] == "who-controls-it" and first["kind"] == "faq"
    assert 0 <= first["score"] <= 100
    assert set(first["sources"][0]) >= {"id", "title", "publisher", "url", "date"}


def test_ask_top_adds_runners_up_in_score_order(tiny_kb: Path) -> None:
    data = cli("ask", "how big is the national guard", "--top", "3", "--json", "--kb", str(tiny_kb)).json()
    scores = [r["score"] for r in data["results"]]
    assert data["results"][0]["id"] == "how-many-members"
    assert scores == sorted(scores, reverse=True) and 1 < len(scores) <= 3


def test_ask_unknown_question_exits_1_with_suggestions_on_stderr(tiny_kb: Path) -> None:
    result = cli("ask", "zxqv blorf", "--kb", str(tiny_kb))
    assert result.code == 1
    assert result.stdout == ""
    assert "No confident answer" in result.stderr and "mxguard topics" in result.stderr
    assert "questions you can ask" in result.stderr and "How many people work in the National Guard?" in result.stderr
    data = cli("ask", "zxqv blorf", "--json", "--kb", str(tiny_kb)).json()
    assert data["answered"] is False and [r["score"] for r in data["results"]] == [0.0, 0.0]


def test_ask_near_miss_declines_and_suggests(tiny_kb: Path) -> None:
    result = cli("ask", "how do I join the Texas National Guard", "--json", "--kb", str(tiny_kb))
    assert result.code == 1
    data = result.json()
    assert data["answered"] is False and len(data["results"]) <= 3


def test_a_declined_question_says_how_to_open_a_suggestion_in_the_answer_language(tiny_kb: Path) -> None:
    result = cli("ask", "how do I join the Texas National Guard", "--kb", str(tiny_kb))
    assert result.code == 1 and "open one with `mxguard show ID`" in result.stderr
    first = cli("ask", "how do I join the Texas National Guard", "--json", "--kb", str(tiny_kb)).json()["results"][0]
    shown = cli("show", first["id"], "--kb", str(tiny_kb))
    assert shown.code == 0 and first["title"] in shown.stdout
    spanish = cli("ask", "¿cómo me uno a la guardia nacional de texas?", "--kb", str(tiny_kb))  # Spanish, detected
    assert spanish.code == 1 and "Sugerencia: abre una con `mxguard show ID`" in spanish.stderr


def test_the_no_answer_hint_offers_show_only_when_a_suggestion_is_listed(tiny_kb: Path) -> None:
    from rich.console import Console

    from mxguard import render
    from mxguard.kb import load_kb, locate_kb

    console = Console(record=True, width=200)
    render.no_answer(console, load_kb(locate_kb(tiny_kb)), "xyz", [], "es")
    text = console.export_text()
    assert "mxguard show" not in text and "Sugerencia: reformula o recorre `mxguard topics`" in text


def test_ask_spanish_question_is_answered_in_spanish(tiny_kb: Path) -> None:
    data = cli("ask", "¿quién manda hoy en la guardia?", "--json", "--kb", str(tiny_kb)).json()
    assert data["results"][0]["id"] == "who-controls-it"
    assert data["results"][0]["lang"] == "es" and "Defensa" in data["results"][0]["answer"]


def test_ask_lang_overrides_detection(tiny_kb: Path) -> None:
    data = cli("ask", "cuantos elementos tiene la guardia", "--lang", "en", "--json", "--kb", str(tiny_kb)).json()
    assert data["results"][0]["answer"].startswith("Its 2024 annual report")


def test_ask_markdown_format(tiny_kb: Path) -> None:
    result = cli("ask", "guard size", "--format", "markdown", "--kb", str(tiny_kb))
    assert result.code == 0
    assert result.stdout.startswith("## How many people work in the National Guard?")
    assert "[^1]" in result.stdout and "\n[^1]: Proceso" in result.stdout


def test_ask_explain_shows_normalisation_on_stderr(tiny_kb: Path) -> None:
    result = cli("ask", "natinal gaurd size", "--explain", "--kb", str(tiny_kb))
    assert result.code == 0
    assert "natinal -> national" in result.stderr and "national guard -> gn" in result.stderr
    assert "query_coverage" in result.stderr


@pytest.mark.parametrize(("query", "why"), [
    ("what is the?", "it has only question words and stop words"),
    ("xyzzy plugh", "no word of it is in the knowledge base"),
])
def test_ask_explain_says_why_nothing_scored(tiny_kb: Path, query: str, why: str) -> None:
    # the suggestions are then the first entries, not matches: --explain does not show them as scores
    result = cli("ask", query, "--explain", "--kb", str(tiny_kb), env={"COLUMNS": "500"})
    assert result.code == 1
    assert f"no entry scored: {why}" in result.stderr
    assert "via ''" not in result.stderr and "query_coverage" not in result.stderr
    assert "read as: a question" in result.stderr or query == "xyzzy plugh"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", ""], "empty"),
        (["ask", "   "], "empty"),
        (["ask", "?!¿¡..."], "no letters or digits"),
        (["ask", "x" * 501], "limit is 500"),
        (["ask", "guard", "--top", "0"], "--top"),
        (["ask", "guard", "--top", "21"], "--top"),
        (["ask", "guard", "--lang", "fr"], "unknown language"),
        (["ask", "guard", "--format", "html"], "--format"),
    ],
)
def test_ask_bad_input_exits_2(tiny_kb: Path, args: list[str], message: str) -> None:
    result = cli(*args, "--kb", str(tiny_kb))
    assert result.code == 2
    assert message in result.stderr and result.stdout == ""


def test_ask_only_stop_words_exits_1(tiny_kb: Path) -> None:
    assert cli("ask", "what is the of and", "--kb", str(tiny_kb)).code == 1


def test_check_claim_json_contract(tiny_kb: Path) -> None:
    result = cli("check", "INEGI reported about 34,000 murders in 2019", "--json", "--kb", str(tiny_kb))
    assert result.code == 0
    data = result.json()
    assert set(data) == {"claim", "matched", "results"} and data["matched"] is True
    first = data["results"][0]
    assert first["id"] == "claim-inegi-34000-2019" and first["verdict"] == "inaccurate"
    assert {"id", "claim", "verdict", "correction", "sources"} <= set(first)


def test_check_reachable_through_ask(tiny_kb: Path) -> None:
    data = cli("ask", "is it true that inegi counted 34000 homicides in 2019?", "--json", "--kb", str(tiny_kb)).json()
    assert data["results"][0]["kind"] == "claim" and data["results"][0]["verdict"] == "inaccurate"


def test_check_unknown_claim_exits_1(tiny_kb: Path) -> None:
    assert cli("check", "the moon is made of cheese", "--kb", str(tiny_kb)).code == 1


def test_query_markup_is_shown_literally(tiny_kb: Path) -> None:
    result = cli("ask", "[bold]zzz[/] [link=file:///etc/passwd]qqq[/link] \x1b]52;c;aGk=\x07", "--kb", str(tiny_kb))
    assert result.code == 1
    assert "[bold]zzz[/]" in result.stderr and "[link=file:///etc/passwd]" in result.stderr
    assert "\x1b" not in result.stderr


def test_no_color_env_and_pipes_get_no_escape_codes(tiny_kb: Path) -> None:
    result = cli("ask", "guard size", "--kb", str(tiny_kb), env={"NO_COLOR": "1", "FORCE_COLOR": None})  # type: ignore[dict-item]
    assert result.code == 0 and ANSI not in result.stdout


def test_spanish_answers_show_verdict_status_and_unit_in_spanish() -> None:
    """The stored English words are shown in the reader's language; JSON keeps them as stored (the contract)."""
    check = cli("check", "la guardia nacional tiene 100 mil elementos")
    assert check.code == 0 and "Veredicto: DESACTUALIZADA" in check.stdout and "OUTDATED" not in check.stdout
    answer = cli("ask", "¿cuántos elementos tiene la guardia nacional?")
    assert "elementos [" in answer.stdout and "estado: reportado" in answer.stdout and " members " not in answer.stdout
    markdown = cli("ask", "¿cuántos elementos tiene la guardia nacional?", "--format", "markdown")
    assert "estado: reportado" in markdown.stdout and "elementos" in markdown.stdout
    data = cli("check", "la guardia nacional tiene 100 mil elementos", "--json").json()
    assert data["results"][0]["verdict"] == "outdated"


def test_output_flags_that_disagree_are_a_usage_error_and_top_applies_to_markdown() -> None:
    both = cli("ask", "how big is the national guard", "--json", "--format", "text")
    assert both.code == 2 and "two formats" in both.stderr
    assert cli("ask", "how big is the national guard", "--json", "--format", "json").code == 0
    several = cli("ask", "how big is the national guard", "--top", "3", "--format", "markdown")
    ids = [r["id"] for r in cli("ask", "how big is the national guard", "--top", "3", "--json").json()["results"]]
    assert several.code == 0 and "Other close entries:" in several.stdout
    assert all(f"(`{entry_id}`)" in several.stdout for entry_id in ids[1:])
