"""The shipped knowledge base: counts, provenance rules, and the seed article's FAQ answered by id."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, cli
from mxguard.kb import load_kb, locate_kb
from mxguard.models import KnowledgeBase

KB = load_kb(locate_kb(REPO))

# The seed article's FAQ section, word for word, and the entry each must reach.
SEED_FAQ = {
    "What is the main job of the Mexican National Guard?": "main-job",
    "How many people work in the National Guard?": "how-many-members",
    "Has the Guard truly cut down on crime?": "has-it-cut-crime",
    "Why does community involvement matter for the Guard?": "community-involvement",
    "What are some criticisms against the National Guard?": "criticisms",
    "How is the National Guard different from regular police?": "difference-from-police",
    "Does the National Guard help during natural disasters?": "natural-disasters",
    "What is Mexico’s domestic defense model?": "domestic-defense-model",
    "Are there any success stories for the Guard?": "success-stories",
    "What are the biggest challenges the Guard faces?": "biggest-challenges",
    "Will the National Guard use more technology in the future?": "technology-future",
    "Is the National Guard focused on human rights?": "human-rights-focus",
    "How long has the National Guard existed?": "how-long-existed",
    "What are the long-term goals for the Guard?": "long-term-goals",
    "Do other countries use a similar model?": "other-countries",
}


def test_counts_meet_the_bar() -> None:
    sources = KB.sources()
    assert len(KB.faqs()) >= 50
    assert len(KB.facts()) >= 100
    assert len(sources) >= 40
    assert sum(s.kind == "primary" for s in sources) >= 12
    assert len(KB.topics()) >= 6
    assert len(KB.timeline()) >= 12


@pytest.mark.parametrize(("question", "entry"), sorted(SEED_FAQ.items()))
def test_seed_question_word_for_word_gets_its_entry_with_sources(question: str, entry: str) -> None:
    result = cli("ask", question, "--json")
    assert result.code == 0, result.stderr
    first = result.json()["results"][0]
    assert first["id"] == entry and first["sources"] and first["lang"] == "en"


@pytest.mark.parametrize("entry", sorted(SEED_FAQ.values()))
def test_seed_question_in_spanish_is_answered_in_spanish(entry: str) -> None:
    question = KB.faq(entry).question.es
    first = cli("ask", question, "--json").json()["results"][0]
    assert first["id"] == entry and first["lang"] == "es" and first["sources"]
    assert first["answer"] == KB.faq(entry).answer.es


def test_size_answer_is_current_not_the_articles_100000() -> None:
    answer = KB.faq("how-many-members").answer.en
    assert "137,716" in answer


@pytest.mark.parametrize(
    ("claim", "verdict", "must_mention"),
    [
        ("The National Guard has about 100,000 members", "outdated", "137,716"),
        ("INEGI reported about 34,000 murders in 2019", "inaccurate", "36,661"),
        ("Tijuana saw a 20% drop in violent crime in 2020", "unverifiable", ""),
    ],
)
def test_claim_checks_from_the_issue(claim: str, verdict: str, must_mention: str) -> None:
    result = cli("check", claim, "--json")
    assert result.code == 0
    first = result.json()["results"][0]
    assert first["verdict"] == verdict and first["sources"]
    assert must_mention in first["correction"]


def test_every_fact_is_cited_and_statistics_have_unit_and_as_of() -> None:
    for fact in KB.facts():
        assert KB.cited_sources(fact), fact.id
        if fact.is_statistic:
            assert fact.unit and fact.as_of, fact.id
        if fact.values:
            assert fact.status == "contested" and len(fact.values) >= 2, fact.id


def test_sources_have_exact_fields() -> None:
    date = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")
    for source in KB.sources():
        assert source.url.startswith(("http://", "https://")), source.id
        assert source.publisher and source.title, source.id
        assert date.match(source.date) and date.match(source.accessed) and source.accessed, source.id
        assert source.kind in ("primary", "secondary")


def test_everything_is_bilingual_with_enough_alternates() -> None:
    for faq in KB.faqs():
        for lang in ("en", "es"):
            assert faq.question.get(lang) and faq.answer.get(lang), faq.id
            assert len(faq.alternates[lang]) >= 5, (faq.id, lang)
    for claim in KB.claims():
        assert claim.claim.es and claim.correction.es and len(claim.alternates["es"]) >= 5, claim.id
    for topic in KB.topics():
        assert topic.title.en and topic.title.es
    for fact in KB.facts():
        assert fact.statement.en and fact.statement.es


def test_answers_only_state_figures_found_in_their_facts() -> None:
    """Every multi-digit number in an answer appears in a fact the answer cites (no unsupported figures)."""
    number = re.compile(r"\d[\d,.]*\d|\d")

    def figures(text: str) -> set[str]:
        return {n.replace(",", "").rstrip(".") for n in number.findall(text) if len(n.replace(",", "")) >= 3}

    for entry in [*KB.faqs(), *KB.claims()]:
        evidence = " ".join(f"{f.statement.en} {f.statement.es} {f.value} {' '.join(str(v.value) for v in f.values)}"
                            for f in KB.cited_facts(entry))
        known = figures(evidence) | {str(int(float(x))) for x in figures(evidence) if re.fullmatch(r"\d+\.0", x)}
        text = entry.answer if hasattr(entry, "answer") else entry.correction  # type: ignore[union-attr]
        for lang in ("en", "es"):
            missing = figures(text.get(lang)) - known
            assert not missing, (entry.id, lang, missing)


def test_required_timeline_dates_present() -> None:
    dates = {e.date for e in KB.timeline()}
    for required in ("2019-03-26", "2019-05-27", "2019-06-30", "2022-09-09", "2023-04-18", "2024-09-30", "2025-07-16"):
        assert required in dates
    assert min(dates) <= "2006-12-31"


def test_statistics_series_exist() -> None:
    assert {"homicides", "personnel"} <= set(KB.ids("series"))
    years = {p.label for p in KB.series_by_id("homicides").points}
    assert {"2006", "2019", "2024"} <= years


def test_selftest_is_clean_on_shipped_kb() -> None:
    result = cli("selftest")
    assert result.code == 0, result.stderr
    assert re.search(r"selftest: (\d+)/\1 phrases", result.stdout)


def kb_for_test() -> KnowledgeBase:
    return KB
