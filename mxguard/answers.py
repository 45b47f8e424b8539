"""The core behind `ask`, `check` and `selftest`: validate the query, match it, decide, pick the language."""

from __future__ import annotations

from typing import NamedTuple

from mxguard import textnorm
from mxguard.errors import UsageError
from mxguard.matching import Analysis, Matcher
from mxguard.models import LANGS, KnowledgeBase, Match
from mxguard.sanitize import one_line

MAX_QUERY = 500  # characters; a question is a sentence, and scoring time grows with length
SUGGESTIONS = 3


class AskResult(NamedTuple):
    query: str
    answered: bool
    lang: str
    matches: list[Match]  # best first; when answered, matches[0] is the answer
    analysis: Analysis | None = None


def clean_query(query: str) -> str:
    """The query as shown back: controls made inert, undecodable bytes as U+FFFD, spaces collapsed."""
    query = query.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return " ".join(one_line(query).split())


EXAMPLES = {"question": 'mxguard ask "how big is the national guard?"',
            "claim": 'mxguard check "the guard has 100,000 members"'}


def check_query(query: str, noun: str = "question") -> str:
    """The query, cleaned; a usage error when it is empty, too long or has no letters or digits. `noun`
    is what the user typed: a question (`ask`) or a claim (`check`)."""
    query = clean_query(query)
    if not query:
        raise UsageError(f"the {noun} is empty. Example: {EXAMPLES[noun]}")
    if len(query) > MAX_QUERY:
        raise UsageError(f"the {noun} is {len(query)} characters long; the limit is {MAX_QUERY}. Shorten it.")
    if not any(ch.isalnum() for ch in query):
        raise UsageError(f"the {noun} has no letters or digits. Example: {EXAMPLES[noun]}")
    return query


def check_lang(lang: str | None) -> str | None:
    if lang is not None and lang not in LANGS:
        raise UsageError(f"unknown language {one_line(lang)!r}; use one of: {', '.join(LANGS)}")
    return lang


def check_top(top: int, limit: int = 20) -> int:
    if not 1 <= top <= limit:
        raise UsageError(f"--top must be between 1 and {limit}, not {top}")
    return top


def matcher(kb: KnowledgeBase) -> Matcher:
    if not hasattr(kb, "_matcher"):
        kb._matcher = Matcher(kb.index, kb.phrase_text)  # type: ignore[attr-defined]
    return kb._matcher  # type: ignore[attr-defined,no-any-return]


def ask(kb: KnowledgeBase, query: str, top: int = 1, lang: str | None = None, kinds: tuple[str, ...] = ()) -> AskResult:
    """Match a question; answered only when the best entry is confident and clear of the runner-up."""
    query = check_query(query, "claim" if kinds == ("claim",) else "question")
    lang = check_lang(lang)
    top = check_top(top)
    engine = matcher(kb)
    matches, analysis = engine.search(query, limit=max(top, SUGGESTIONS) + 1, kinds=kinds)
    answered = engine.decide(matches, analysis)
    chosen = lang or textnorm.detect_language(query) or (matches[0].lang if matches else "en")
    shown = matches[:top] if answered else (matches or starters(kb, kinds, chosen))[:SUGGESTIONS]
    return AskResult(query, answered, chosen, shown, analysis)


def starters(kb: KnowledgeBase, kinds: tuple[str, ...], lang: str) -> list[Match]:
    """When no word of the query is in the knowledge base, suggest its first entries (score 0),
    so the user still sees what can be asked."""
    kind = "claim" if kinds == ("claim",) else "faq"
    table = "claims" if kind == "claim" else "faqs"
    return [Match(kind, entry_id, 0.0, "", lang, {}) for entry_id in kb.ids(table)[:SUGGESTIONS]]


def selftest(kb: KnowledgeBase) -> list[tuple[str, str, str, str]]:
    """Every FAQ question and alternate must find its own entry first through `ask`, and every claim and
    its alternates through `check` (which searches claims only): (kind, id, phrase, what was found)."""
    failures = []
    search = matcher(kb).search
    suites: tuple[tuple[str, list, str, tuple[str, ...]], ...] = (  # type: ignore[type-arg]
        ("faq", kb.faqs(), "question", ()), ("claim", kb.claims(), "claim", ("claim",)))
    for kind, table, main, kinds in suites:
        for entry in table:
            for lang in LANGS:
                for phrase in [getattr(entry, main).get(lang), *entry.alternates[lang]]:
                    found, _ = search(phrase, limit=2, kinds=kinds)
                    top = found[0] if found else None
                    if top is None or (top.kind, top.id) != (kind, entry.id):
                        got = f"{top.kind} {top.id} ({top.score:g})" if top else "nothing"
                        failures.append((kind, entry.id, phrase, got))
    return failures


def confusable(kb: KnowledgeBase, gap: float = 3.0) -> list[tuple[str, str, float]]:
    """Pairs of FAQs whose main questions score within `gap` of each other: the matcher may mix them up."""
    pairs = []
    search = matcher(kb).search
    for faq in kb.faqs():
        for lang in LANGS:
            found, _ = search(faq.question.get(lang), limit=2, kinds=("faq",))
            if len(found) == 2 and found[0].id == faq.id and found[0].score - found[1].score < gap:
                pairs.append((faq.id, found[1].id, found[1].score))
    return sorted(set(pairs))
