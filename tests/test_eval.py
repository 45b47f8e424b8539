"""Matching quality on the labelled evaluation set (tests/eval/queries.yaml), through the same code as `ask`.

The floors below guard against regressions; they sit just under the measured results on the ten held-out
splits (docs/matching.md). On `heldout`, read many times since the set was made, every target of the
project but one is met (in-scope 95.4%, Spanish and typos 100%, out-of-scope declined 96.7%, 25.2 points over
BM25; confident errors 3.4%, 5 wrong of 149 answers, against a target of 3%). `heldout2` to `heldout10` were
written blind later, to the same rules, and are harder: none meets every target."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from accuracy import SPLITS, bm25_scorer, evaluate, load_queries, mxguard_predictor, thresholded, tune_threshold  # noqa: E402

from mxguard.kb import load_kb, locate_kb  # noqa: E402
from mxguard.textnorm import fold  # noqa: E402

KB = load_kb(locate_kb(REPO))
QUERIES = load_queries()


def split(name: str) -> list[dict[str, str]]:
    return [q for q in QUERIES if q["split"] == name]


def test_eval_set_is_large_labelled_and_split() -> None:
    assert len(QUERIES) >= 250
    known = set(KB.ids("faqs")) | set(KB.ids("claims")) | {"none"}
    assert all(q["expected"] in known for q in QUERIES)
    categories = {q["category"] for q in QUERIES}
    assert {"canonical", "paraphrase", "keyword", "typo", "spanish", "out-of-scope", "claim"} <= categories
    assert {q["split"] for q in QUERIES} == set(SPLITS)
    assert all(len(split(name)) >= 100 for name in SPLITS)
    folded = [{fold(q["q"]) for q in split(name)} - {""} for name in SPLITS]  # "" is emoji
    assert all(not a & b for i, a in enumerate(folded) for b in folded[i + 1:])


def test_eval_queries_are_not_copies_of_kb_phrases() -> None:
    phrases = {fold(p) for f in KB.faqs() for lang in ("en", "es") for p in f.alternates[lang]}
    copied = [q["q"] for q in QUERIES if q["category"] != "canonical" and fold(q["q"]) in phrases]
    assert len(copied) <= len(QUERIES) // 50, copied


# Floors just under the measured figures (2026-11-27, end of the fifteenth round, answer threshold 59): heldout
# 95.4% in-scope, 100% Spanish, 100% typos, 96.7% out-of-scope declined, 3.4% confident errors, 24.5 points over
# BM25; heldout2 93.0%, 93.5%, 95.0%, 92.9%, 3.6%, 16.1 points; heldout3 82.0%, 73.3%, 77.3%, 97.5%, 8.2%,
# 6.0 points; heldout4 94.3%, 95.7%, 88.0%, 97.0%, 2.2%, 12.0 points; heldout5 90.3%, 96.2%, 86.2%, 96.3%,
# 4.0%, 21.6 points; heldout6 88.1%, 91.3%, 100%, 90.9%, 4.3%, 16.7 points; heldout7 92.4%, 100%, 96.3%,
# 94.4%, 4.7%, 20.4 points; heldout8 84.8%, 74.1%, 91.7%, 95.7%, 3.9%, 11.7 points; heldout9 91.2%, 88.9%,
# 96.0%, 92.6%, 5.0%, 19.8 points; heldout10 91.2%, 93.1%, 87.0%, 89.7%, 4.3%, 17.1 points. (BM25's threshold
# is tuned on the tune split, so its gaps move as that grows.)
FLOORS = {
    "heldout": {"in-scope": 0.95, "spanish": 0.99, "typo": 0.99, "out-of-scope": 0.96, "errors": 0.035, "gap": 0.24},
    "heldout2": {"in-scope": 0.92, "spanish": 0.93, "typo": 0.94, "out-of-scope": 0.92, "errors": 0.04, "gap": 0.15},
    "heldout3": {"in-scope": 0.81, "spanish": 0.73, "typo": 0.77, "out-of-scope": 0.97, "errors": 0.09, "gap": 0.05},
    "heldout4": {"in-scope": 0.94, "spanish": 0.95, "typo": 0.87, "out-of-scope": 0.96, "errors": 0.03, "gap": 0.11},
    "heldout5": {"in-scope": 0.90, "spanish": 0.96, "typo": 0.86, "out-of-scope": 0.96, "errors": 0.05, "gap": 0.21},
    "heldout6": {"in-scope": 0.87, "spanish": 0.86, "typo": 0.99, "out-of-scope": 0.90, "errors": 0.044, "gap": 0.15},
    "heldout7": {"in-scope": 0.92, "spanish": 0.99, "typo": 0.96, "out-of-scope": 0.94, "errors": 0.048, "gap": 0.20},
    "heldout8": {"in-scope": 0.84, "spanish": 0.74, "typo": 0.91, "out-of-scope": 0.95, "errors": 0.04, "gap": 0.10},
    "heldout9": {"in-scope": 0.91, "spanish": 0.88, "typo": 0.95, "out-of-scope": 0.92, "errors": 0.051, "gap": 0.19},
    "heldout10": {"in-scope": 0.91, "spanish": 0.93, "typo": 0.86, "out-of-scope": 0.89, "errors": 0.044, "gap": 0.16},
}


@pytest.fixture(scope="module")
def measured() -> dict:  # type: ignore[type-arg]
    return {name: evaluate(mxguard_predictor(KB), split(name)) for name in FLOORS}


@pytest.mark.parametrize("name", FLOORS)
def test_heldout_accuracy_floors(measured: dict, name: str) -> None:  # type: ignore[type-arg]
    result, floor = measured[name], FLOORS[name]
    for category in ("in-scope", "spanish", "typo", "out-of-scope"):
        assert result["accuracy"][category] >= floor[category], category
    assert result["confident_error_rate"] <= floor["errors"]


@pytest.fixture(scope="module")
def bm25() -> Any:
    scorer = bm25_scorer(KB)
    return thresholded(scorer, tune_threshold(scorer, split("tune")))


@pytest.mark.parametrize("name", FLOORS)
def test_beats_the_bm25_baseline_on_heldout(measured: dict, bm25: Any, name: str) -> None:  # type: ignore[type-arg]
    baseline = evaluate(bm25, split(name))
    result = measured[name]
    assert result["accuracy"]["in-scope"] - baseline["accuracy"]["in-scope"] >= FLOORS[name]["gap"]
    assert result["confident_error_rate"] < baseline["confident_error_rate"]


def test_a_same_point_swap_is_an_error_reported_apart() -> None:
    queries = [{"q": "a", "expected": "faq-x", "category": "claim"},
               {"q": "b", "expected": "faq-y", "category": "claim"},
               {"q": "c", "expected": "faq-z", "category": "claim"}]
    answers = {"a": "claim-x", "b": "claim-other", "c": "faq-z"}
    result = evaluate(lambda q: (answers[q], 60.0, answers[q]), queries, same_point={frozenset(("faq-x", "claim-x"))})
    assert result["confident_error_rate"] == pytest.approx(2 / 3)
    assert result["same_point_error_rate"] == pytest.approx(1 / 3)


def test_the_first_ranked_entry_of_a_declined_question_is_counted_apart() -> None:
    queries = [{"q": "a", "expected": "faq-x", "category": "paraphrase"},
               {"q": "b", "expected": "faq-y", "category": "paraphrase"},
               {"q": "c", "expected": "none", "category": "out-of-scope"}]
    answers = {"a": ("none", 50.0, "faq-x"), "b": ("faq-z", 70.0, "faq-z"), "c": ("none", 10.0, "faq-x")}
    result = evaluate(lambda q: answers[q], queries)
    assert result["accuracy"]["in-scope"] == 0.0
    assert result["ranked_first"] == 0.5  # "a" was declined, but its first suggestion is the right entry


def test_scores_are_deterministic() -> None:
    from mxguard.answers import matcher

    first = [matcher(KB).search(q["q"], limit=3)[0] for q in QUERIES[:60]]
    again = [matcher(KB).search(q["q"], limit=3)[0] for q in QUERIES[:60]]
    assert [[(m.id, m.score) for m in r] for r in first] == [[(m.id, m.score) for m in r] for r in again]
