"""Listing commands and their JSON contracts: faq, facts, topics, show, sources, timeline, stats, stale, where."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli


def test_faq_json_lists_every_faq_with_contract_fields(tiny_kb: Path) -> None:
    data = cli("faq", "--json", "--kb", str(tiny_kb)).json()
    assert [f["id"] for f in data] == ["how-many-members", "who-controls-it"]
    for entry in data:
        assert {"id", "question", "alternates", "answer", "topic", "sources"} <= set(entry)
        assert all(set(s) >= {"id", "title", "publisher", "url", "date"} for s in entry["sources"])


def test_faq_topic_filter_and_unknown_topic(tiny_kb: Path) -> None:
    assert [f["id"] for f in cli("faq", "--topic", "legal", "--json", "--kb", str(tiny_kb)).json()] == ["who-controls-it"]
    result = cli("faq", "--topic", "nope", "--kb", str(tiny_kb))
    assert result.code == 2 and "mxguard topics" in result.stderr


def test_facts_json_statistics_carry_value_unit_as_of(tiny_kb: Path) -> None:
    data = {f["id"]: f for f in cli("facts", "--json", "--kb", str(tiny_kb)).json()}
    stat = data["strength-2024"]
    assert (stat["value"], stat["unit"], stat["as_of"], stat["status"]) == (137716, "members", "2024", "reported")
    assert "value" not in data["const-reform-2024"]
    assert all({"id", "statement", "topic", "status", "sources"} <= set(f) for f in data.values())


def test_facts_spanish(tiny_kb: Path) -> None:
    data = cli("facts", "--lang", "es", "--json", "--kb", str(tiny_kb)).json()
    assert data[0]["statement"].startswith("El informe anual 2024")


def test_topics_json(tiny_kb: Path) -> None:
    data = cli("topics", "--json", "--kb", str(tiny_kb)).json()
    assert [t["id"] for t in data] == ["personnel", "legal", "violence"]
    assert all({"id", "title"} <= set(t) for t in data)


def test_topics_table_is_plain_when_piped(tiny_kb: Path) -> None:
    result = cli("topics", "--kb", str(tiny_kb))
    assert result.code == 0 and "personnel" in result.stdout and "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    ("entry", "expect"),
    [("how-many-members", "137,716"), ("claim-inegi-34000-2019", "INACCURATE"), ("strength-2024", "137,716"),
     ("picotazo-2024-09-30-dof-reform", "Picotazo"), ("homicides", "36,661")],
)
def test_show_any_kind_of_id(tiny_kb: Path, entry: str, expect: str) -> None:
    result = cli("show", entry, "--kb", str(tiny_kb))
    assert result.code == 0 and expect in result.stdout


def test_show_unknown_id_suggests(tiny_kb: Path) -> None:
    result = cli("show", "how-many-member", "--kb", str(tiny_kb))
    assert result.code == 2 and "how-many-members" in result.stderr


def test_sources_json_and_kind_filter(tiny_kb: Path) -> None:
    data = cli("sources", "--json", "--kb", str(tiny_kb)).json()
    assert len(data) == 3 and all(s["url"].startswith("https://") for s in data)
    assert cli("sources", "--kind", "primary", "--json", "--kb", str(tiny_kb)).json() == []


def test_timeline_json_and_from(tiny_kb: Path) -> None:
    data = cli("timeline", "--json", "--kb", str(tiny_kb)).json()
    assert data[0]["date"] == "2024-09-30" and data[0]["sources"][0]["id"] == "picotazo-2024-09-30-dof-reform"
    assert cli("timeline", "--from", "2025", "--json", "--kb", str(tiny_kb)).json() == []


def test_stats_lists_and_charts(tiny_kb: Path) -> None:
    listing = cli("stats", "--kb", str(tiny_kb))
    assert listing.code == 0 and "homicides" in listing.stdout
    chart = cli("stats", "homicides", "--kb", str(tiny_kb))
    assert chart.code == 0 and "█" in chart.stdout and "36,661" in chart.stdout and "\x1b[" not in chart.stdout


def test_stats_json_and_csv(tiny_kb: Path) -> None:
    data = cli("stats", "homicides", "--json", "--kb", str(tiny_kb)).json()
    assert data[0]["id"] == "homicides" and data[0]["points"][0] == {
        "year": "2019", "value": 36661, "sources": ["javier-alatorre-2020-09-23-inegi-2019"], "note": ""}
    assert {"id", "title", "unit", "sources", "points"} <= set(data[0])
    csv = cli("stats", "homicides", "--csv", "--kb", str(tiny_kb)).stdout
    assert csv.splitlines()[0] == "series,label,value,unit,sources,note"
    assert csv.splitlines()[1].startswith("homicides,2019,36661,homicides,")


def test_stats_unknown_series_exits_2(tiny_kb: Path) -> None:
    assert cli("stats", "nope", "--kb", str(tiny_kb)).code == 2


def test_stale_uses_review_period(tiny_kb: Path) -> None:
    fresh = cli("stale", "--today", "2020-06-01", "--kb", str(tiny_kb))
    assert fresh.code == 0 and "nothing stale" in fresh.stdout
    old = cli("stale", "--today", "2021-01-01", "--json", "--kb", str(tiny_kb))
    assert old.code == 1 and old.json() == [
        {"id": "homicides", "as_of": "2019", "review_days": 365, "review_due": "2020-12-30"}]  # 2019-12-31 + 365 days (2020 is a leap year)


def test_where_explains_precedence(tiny_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "given with --kb" in cli("where", "--kb", str(tiny_kb)).stdout
    monkeypatch.setenv("MXGUARD_KB", str(tiny_kb))
    result = cli("where")
    assert "MXGUARD_KB" in result.stdout and str(tiny_kb) in result.stdout
    assert "given with --kb" in cli("where", "--kb", str(tiny_kb)).stdout


def test_version_and_help() -> None:
    from mxguard import __version__

    assert cli("--version").stdout.strip() == f"mxguard {__version__}"
    top = cli("--help")
    assert top.code == 0 and 'mxguard ask "how big is the national guard?"' in top.stdout


@pytest.mark.parametrize(
    "command", ["ask", "check", "faq", "facts", "topics", "show", "sources", "export", "validate", "where",
                "timeline", "stats", "stale", "selftest"],
)
def test_every_command_help_has_an_example(command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0 and "Example: mxguard" in result.stdout


def test_text_listings_never_cut_an_id_or_a_url() -> None:
    """Ids are what `show` takes and URLs are citations: at 80 columns every one is printed whole."""
    data = cli("sources", "--json").json()
    listing = cli("sources", "--no-pager").stdout
    lines = set(listing.splitlines())
    assert all(s["id"] in listing and f"  {s['url']}" in lines for s in data)
    facts = cli("facts", "--json").json()
    fact_listing = "\n" + cli("facts", "--no-pager").stdout
    assert all(f"\n{fact['id']} · " in fact_listing for fact in facts)
    faq_listing = cli("faq", "--no-pager").stdout
    assert all(f"│ {faq['id']} " in faq_listing for faq in cli("faq", "--json").json())
    longest = max(data, key=lambda s: len(s["url"]))
    shown = cli("show", longest["id"]).stdout
    assert longest["url"] in shown and "…" not in shown


def test_timeline_from_a_year_with_nothing_says_so(tiny_kb: Path) -> None:
    result = cli("timeline", "--from", "3000", "--kb", str(tiny_kb))
    assert result.code == 0 and result.stdout == "" and "No events from 3000 on; the latest is from 2024" in result.stderr


def test_stats_csv_without_a_series_gives_every_series(tiny_kb: Path) -> None:
    every = cli("stats", "--csv", "--kb", str(tiny_kb))
    names = {s["id"] for s in cli("stats", "--json", "--kb", str(tiny_kb)).json()}
    rows = every.stdout.splitlines()
    assert every.code == 0 and rows[0] == "series,label,value,unit,sources,note"
    assert {row.split(",")[0] for row in rows[1:]} == names
    both = cli("stats", "homicides", "--csv", "--json", "--kb", str(tiny_kb))
    assert both.code == 2 and "two formats" in both.stderr


def test_each_point_of_a_chart_names_its_own_sources() -> None:
    """On the shipped personnel series: the [n] after each bar are the numbers, in the source list printed
    below, of that point's sources; notes are marked with letters, never with numbers like a source's."""
    import re

    series = cli("stats", "personnel", "--json").json()[0]
    chart = cli("stats", "personnel").stdout
    listed = {int(n): url for n, url in re.findall(r"^ \[(\d+)\] .* (https?://\S+)$", chart, re.MULTILINE)}
    url_of = {s["id"]: s["url"] for s in series["sources"]}
    for point in series["points"]:
        label = point.get("year") or point.get("date")
        line = next(row for row in chart.splitlines() if row.startswith(f"{label} "))
        cited = [listed[int(n)] for n in re.findall(r"\[(\d+)\]", line)]
        assert cited == [url_of[s] for s in point["sources"]], line
        assert not re.search(r"\(\d+\)", line)
