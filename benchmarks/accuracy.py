"""Matching quality on the labelled question set (tests/eval/queries.yaml), for mxguard and two naive
baselines run on the same entries: RapidFuzz WRatio over the questions, and BM25. The baselines search
the same phrases as mxguard, examples included (examples.yaml; an example under `none` is a decline).

    python benchmarks/accuracy.py [--kb DIR] [--split tune|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|all] [--failures]

Per split it prints top-1 accuracy per category, abstention precision/recall/F1 (declining is the
positive class: precision = declines that were right, recall = out-of-scope queries declined) and the
confident-error rate (wrong answers among the answers given), with the share of answers that were
wrong only in giving the FAQ for a claim check on the same point or the other way round, and the share
of in-scope questions whose right entry ranks first whether it is answered or not (when mxguard
declines, that entry is the first suggestion). Baseline
thresholds are tuned on the tune split only, for the best accuracy there, then applied unchanged to
the held-out splits. There are ten: `heldout`, split off when the set was made, and `heldout2` to
`heldout10`, written blind later to the same rules (docs/matching.md); nothing is tuned on any of them.
The shipped examples.yaml is written from the tune split, so the tune split measures questions the
matcher has seen: `python benchmarks/crossval.py` measures it on questions it has not.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mxguard import textnorm  # noqa: E402
from mxguard.answers import matcher  # noqa: E402
from mxguard.kb import load_kb, locate_kb  # noqa: E402
from mxguard.models import DECLINE, LANGS, KnowledgeBase, Match  # noqa: E402

EVAL = ROOT / "tests" / "eval" / "queries.yaml"
SPLITS = ("tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10")
NONE = DECLINE  # the expected "entry" of a question to decline, as in examples.yaml
Predict = Callable[[str], "tuple[str, float, str]"]  # query -> (entry id or NONE, score, first-ranked entry id)


def load_queries(path: Path = EVAL) -> list[dict[str, str]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def entry_phrases(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(entry id, phrase) for every FAQ and claim question/alternate, both languages, and every example
    (examples.yaml: those under `none` give NONE, a decline), so the baselines learn from the same examples mxguard does."""
    out = [(entry, q) for entry in kb.ids("examples") for q in kb.record("examples", entry)["questions"]]
    for faq in kb.faqs():
        for lang in LANGS:
            out += [(faq.id, p) for p in (faq.question.get(lang), *faq.alternates[lang])]
    for claim in kb.claims():
        for lang in LANGS:
            out += [(claim.id, p) for p in (claim.claim.get(lang), *claim.alternates[lang])]
    return out


def mxguard_predictor(kb: KnowledgeBase) -> Predict:
    search, decide = matcher(kb).search, matcher(kb).decide

    def predict(query: str) -> tuple[str, float, str]:
        matches, analysis = search(query, limit=4)
        return prediction(matches, decide(matches, analysis))

    return predict


def prediction(matches: list[Match], answered: bool) -> tuple[str, float, str]:
    """(the top entry's id, or NONE when it is not answered; the top score; the top entry's id either way,
    which is the first suggestion when `ask` declines) for the benchmarks' tables."""
    if not matches:
        return NONE, 0.0, NONE
    return (matches[0].id if answered else NONE), matches[0].score, matches[0].id


def wratio_scorer(kb: KnowledgeBase) -> Callable[[str], tuple[str, float]]:
    from rapidfuzz import fuzz, process

    phrases = entry_phrases(kb)
    choices = [textnorm.fold(p) for _, p in phrases]

    def best(query: str) -> tuple[str, float]:
        found = process.extractOne(textnorm.fold(query), choices, scorer=fuzz.WRatio)
        return (phrases[found[2]][0], float(found[1])) if found else (NONE, 0.0)

    return best


def bm25_scorer(kb: KnowledgeBase, k1: float = 1.2, b: float = 0.75) -> Callable[[str], tuple[str, float]]:
    """Okapi BM25 over phrases (folded words, no stop words, no synonyms); an entry scores its best phrase."""
    phrases = entry_phrases(kb)
    docs = [textnorm.content(textnorm.words(p)) for _, p in phrases]
    avg = sum(map(len, docs)) / len(docs)
    df = Counter(t for d in docs for t in set(d))
    n = len(docs)
    idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    tfs = [Counter(d) for d in docs]

    def best(query: str) -> tuple[str, float]:
        q = textnorm.content(textnorm.words(query))
        top, top_score = NONE, 0.0
        for (entry, _), tf, d in zip(phrases, tfs, docs):
            score = sum(idf[t] * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(d) / avg)) for t in q if t in tf)
            if score > top_score:
                top, top_score = entry, score
        return top, top_score

    return best


def thresholded(scorer: Callable[[str], tuple[str, float]], threshold: float) -> Predict:
    def predict(query: str) -> tuple[str, float, str]:
        entry, score = scorer(query)
        return (entry if score >= threshold else NONE), score, entry

    return predict


def tune_threshold(scorer: Callable[[str], tuple[str, float]], queries: list[dict[str, str]]) -> float:
    scored = [(scorer(q["q"]), q["expected"]) for q in queries]
    candidates = sorted({s for (_, s), _ in scored} | {0.0})
    def accuracy(t: float) -> float:
        return sum((e if s >= t else NONE) == want for (e, s), want in scored) / len(scored)
    return max(candidates, key=lambda t: (accuracy(t), -t))


def evaluate(predict: Predict, queries: list[dict[str, str]],
             same_point: Collection[frozenset[str]] = ()) -> dict[str, Any]:
    """Top-1 accuracy per category, abstention figures and the confident-error rate of `predict`. A
    wrong answer that is the FAQ for a claim check on the same point, or the other way round
    (`same_point`: pairs of ids, see `Matcher.decide`), still counts as wrong; how many of the wrong
    answers were such swaps is reported apart (`same_point_error_rate`)."""
    per_cat: dict[str, list[bool]] = defaultdict(list)
    answered = wrong = swapped = declined = declined_right = oos = 0
    first_right: list[bool] = []  # in scope: the right entry ranked first, answered or first suggestion
    failures = []
    for q in queries:
        got, score, first = predict(q["q"])
        right = got == q["expected"]
        per_cat[q["category"]].append(right)
        if q["expected"] != NONE:
            per_cat["in-scope"].append(right)
            first_right.append(first == q["expected"])
        else:
            oos += 1
        if got == NONE:
            declined += 1
            declined_right += q["expected"] == NONE
        else:
            answered += 1
            wrong += not right
            swapped += not right and frozenset((got, q["expected"])) in same_point
        if not right:
            failures.append((q["category"], q["q"], q["expected"], got, round(score, 2)))
    precision = declined_right / declined if declined else 1.0
    recall = declined_right / oos if oos else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": len(queries),
        "accuracy": {c: sum(v) / len(v) for c, v in sorted(per_cat.items())},
        "counts": {c: len(v) for c, v in sorted(per_cat.items())},
        "abstention": {"precision": precision, "recall": recall, "f1": f1},
        "confident_error_rate": wrong / answered if answered else 0.0,
        "ranked_first": sum(first_right) / len(first_right) if first_right else 0.0,
        "same_point_error_rate": swapped / answered if answered else 0.0,
        "failures": failures,
    }


def table(results: dict[str, dict[str, Any]], split: str) -> str:
    names = list(results)
    cats = list(next(iter(results.values()))["accuracy"])
    counts = next(iter(results.values()))["counts"]
    lines = [f"**{split}** ({next(iter(results.values()))['n']} queries)", "",
             "| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for c in cats:
        lines.append(f"| top-1 {c} (n={counts[c]}) | " + " | ".join(f"{results[n]['accuracy'][c]:.1%}" for n in names) + " |")
    for key in ("precision", "recall", "f1"):
        lines.append(f"| abstention {key} | " + " | ".join(f"{results[n]['abstention'][key]:.1%}" for n in names) + " |")
    lines.append("| in-scope: right entry ranked first, answered or first suggestion | "
                 + " | ".join(f"{results[n]['ranked_first']:.1%}" for n in names) + " |")
    lines.append("| confident errors / answers | " + " | ".join(f"{results[n]['confident_error_rate']:.1%}" for n in names) + " |")
    lines.append("| ... of which the FAQ or claim check on the same point | "
                 + " | ".join(f"{results[n]['same_point_error_rate']:.1%}" for n in names) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", default=None, help="knowledge-base folder (default: the shipped one)")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--failures", action="store_true", help="list mxguard's misses")
    args = parser.parse_args()
    kb = load_kb(locate_kb(args.kb or ROOT))
    queries = load_queries()
    tune = [q for q in queries if q["split"] == "tune"]
    wratio, bm25 = wratio_scorer(kb), bm25_scorer(kb)
    predictors = {
        "mxguard": mxguard_predictor(kb),
        "WRatio baseline": thresholded(wratio, tune_threshold(wratio, tune)),
        "BM25 baseline": thresholded(bm25, tune_threshold(bm25, tune)),
    }
    same_point = matcher(kb).same_point
    splits = SPLITS if args.split == "all" else (args.split,)
    for split in splits:
        chosen = [q for q in queries if q["split"] == split]
        if not chosen:  # a split with no queries is skipped
            continue
        results = {name: evaluate(p, chosen, same_point) for name, p in predictors.items()}
        print(table(results, split))
        print()
        if args.failures:
            for f in results["mxguard"]["failures"]:
                print("  MISS", f)
            print()


if __name__ == "__main__":
    main()
