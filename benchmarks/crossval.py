"""What examples.yaml is worth on questions it does not hold: ten-fold cross-validation on the tune split.

    python benchmarks/crossval.py [--folds 10]

With examples.yaml the tune split measures questions the matcher has seen. This splits the tune queries
into contiguous folds (each about a batch written blind, in file order), and for each fold builds the
knowledge base with the examples of the other folds only (benchmarks/examples.py, same rules), then
measures the fold; and again with no examples at all. It prints the pooled figures of both. No
held-out query is used.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from accuracy import NONE, evaluate, load_queries, mxguard_predictor  # noqa: E402
from examples import curated_phrases, examples, kb_without_examples, render, typo_finder  # noqa: E402

from mxguard.answers import matcher  # noqa: E402
from mxguard.kb import KB_FILES, load_kb, locate_kb  # noqa: E402


def measure(folder: Path, queries: list[dict[str, str]]) -> dict[str, float]:
    kb = load_kb(locate_kb(folder), use_cache=False)
    result = evaluate(mxguard_predictor(kb), queries, matcher(kb).same_point)
    wrong = sum(1 for f in result["failures"] if f[3] != NONE)
    declined_in_scope = sum(1 for f in result["failures"] if f[3] == NONE and f[2] != NONE)
    counts, accuracy = result["counts"], result["accuracy"]
    oos = result["n"] - counts["in-scope"]
    oos_declined = round(result["abstention"]["recall"] * oos)
    totals = {"answered": result["n"] - declined_in_scope - oos_declined, "wrong": wrong,
              "oos": oos, "oos_declined": oos_declined,
              "first": round(result["ranked_first"] * counts["in-scope"])}
    for category in ("in-scope", "spanish", "typo", "claim"):
        totals[category] = counts.get(category, 0)
        totals[category + " right"] = round(accuracy.get(category, 0.0) * counts.get(category, 0))
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=10)
    args = parser.parse_args()
    tune = [q for q in load_queries() if q["split"] == "tune"]
    fold_of = [i * args.folds // len(tune) for i in range(len(tune))]
    plain = kb_without_examples()
    curated, misspelt = curated_phrases(plain), typo_finder(plain)
    pooled: dict[str, dict[str, float]] = {"no examples": defaultdict(float), "examples of the other folds": defaultdict(float)}
    for k in range(args.folds):
        test = [q for q, f in zip(tune, fold_of) if f == k]
        train = [q for q, f in zip(tune, fold_of) if f != k]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for name in KB_FILES:
                shutil.copy(ROOT / name, folder / name)
            for label, totals in pooled.items():
                if label != "no examples":
                    (folder / "examples.yaml").write_text(render(examples(train, curated, misspelt)), encoding="utf-8")
                for key, value in measure(folder, test).items():
                    totals[key] += value
        print(f"fold {k + 1}/{args.folds} done", file=sys.stderr)
    print(f"**Tune split, {args.folds}-fold cross-validation** ({len(tune)} queries)\n")
    print("| | " + " | ".join(pooled) + " |\n|---|" + "---:|" * len(pooled))
    rows = [("in-scope top-1", "in-scope right", "in-scope"), ("Spanish top-1", "spanish right", "spanish"),
            ("typos top-1", "typo right", "typo"), ("claim checks top-1", "claim right", "claim"),
            ("off-topic declined", "oos_declined", "oos"),
            ("confident errors / answers", "wrong", "answered"), ("in-scope: right entry ranked first", "first", "in-scope")]
    for name, num, den in rows:
        print(f"| {name} | " + " | ".join(f"{t[num] / t[den]:.1%} ({int(t[num])}/{int(t[den])})" for t in pooled.values()) + " |")


if __name__ == "__main__":
    main()
