"""Matching quality on the labelled evaluation set (tests/eval/queries.yaml), through the same code as `ask`.

The floors below guard against regressions; they sit just under the measured results on the ten held-out
splits (docs/matching.md). On `heldout`, read many times since the set was made, every target is met with
the baselines on the entries' questions and alternates (in-scope 96.7%, Spanish, typos and out-of-scope
declined 100%, confident errors 0.7%, 25.8 points over BM25); BM25 that also searches the examples, as the
tests below run it, is 11.9 points behind. `heldout2` to `heldout10` were written blind later, to the same
rules, and are harder."""

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


# Floors just under the measured figures (2026-11-27, sixteenth round: examples.yaml, answer threshold 59):
# in-scope, Spanish, typos, out-of-scope declined, confident errors, and the gap in in-scope top-1 over BM25
# searching the same phrases, examples included (BM25's threshold is tuned on the tune split):
# heldout 96.7%, 100%, 100%, 100%, 0.7%, +11.9 points; heldout2 97.9%, 100%, 95.0%, 92.9%, 2.1%, +9.1;
# heldout3 91.3%, 86.7%, 86.4%, 100%, 4.2%, -1.4 (BM25 with the examples answers more of its questions);
# heldout4 97.2%, 95.7%, 92.0%, 97.0%, 0.7%, +2.2; heldout5 95.5%, 100%, 89.7%, 92.6%, 3.0%, +5.2;
# heldout6 96.0%, 100%, 100%, 100%, 1.6%, +10.3; heldout7 95.5%, 100%, 96.3%, 100%, 2.3%, +6.9; heldout8 89.0%,
# 85.2%, 87.5%, 100%, 3.7%, +4.2; heldout9 93.9%, 96.3%, 96.0%, 96.3%, 2.1%, +4.1; heldout10 92.5%, 96.6%,
# 91.3%, 89.7%, 4.2%, +2.7. BM25 makes 9.3% to 18.5% confident errors on every split.
FLOORS = {
    "heldout": {"in-scope": 0.96, "spanish": 0.99, "typo": 0.99, "out-of-scope": 0.99, "errors": 0.008, "gap": 0.11},
    "heldout2": {"in-scope": 0.97, "spanish": 0.99, "typo": 0.94, "out-of-scope": 0.92, "errors": 0.022, "gap": 0.09},
    "heldout3": {"in-scope": 0.91, "spanish": 0.86, "typo": 0.86, "out-of-scope": 0.99, "errors": 0.043, "gap": -0.02},
    "heldout4": {"in-scope": 0.97, "spanish": 0.95, "typo": 0.91, "out-of-scope": 0.96, "errors": 0.008, "gap": 0.02},
    "heldout5": {"in-scope": 0.95, "spanish": 0.99, "typo": 0.89, "out-of-scope": 0.92, "errors": 0.031, "gap": 0.05},
    "heldout6": {"in-scope": 0.95, "spanish": 0.99, "typo": 0.99, "out-of-scope": 0.99, "errors": 0.017, "gap": 0.10},
    "heldout7": {"in-scope": 0.95, "spanish": 0.99, "typo": 0.96, "out-of-scope": 0.99, "errors": 0.024, "gap": 0.06},
    "heldout8": {"in-scope": 0.88, "spanish": 0.85, "typo": 0.87, "out-of-scope": 0.99, "errors": 0.038, "gap": 0.04},
    "heldout9": {"in-scope": 0.93, "spanish": 0.96, "typo": 0.95, "out-of-scope": 0.96, "errors": 0.022, "gap": 0.04},
    "heldout10": {"in-scope": 0.92, "spanish": 0.96, "typo": 0.91, "out-of-scope": 0.89, "errors": 0.043, "gap": 0.02},
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
def test_against_the_bm25_baseline_on_heldout(measured: dict, bm25: Any, name: str) -> None:  # type: ignore[type-arg]
    """The gap in in-scope top-1 stays at its floor (below zero on heldout3, where BM25 with the examples
    answers more), and mxguard always makes fewer confident errors."""
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
