"""How the answer threshold (matching.THRESHOLD) is chosen: on the tune split only, the threshold that
comes closest to meeting the project's three targets for declining at once.

    python benchmarks/calibrate.py [--kb DIR] [--low 50] [--high 66] [--step 0.5]

For each candidate threshold it prints, on the tune split of tests/eval/queries.yaml, in-scope top-1,
out-of-scope declined and confident errors, and the worst shortfall from the targets (in-scope at least
95%, out-of-scope declined at least 95%, confident errors at most 3%). The chosen threshold is the one
with the smallest worst shortfall: raising it declines more off-topic questions and gives fewer wrong
answers, but also declines questions the tool would have answered right. Thresholds whose shortfall
is within TIE (0.1 point) of the smallest count as equal, and the lowest of them is chosen: it withholds
the fewest right answers. Each query is searched once; the threshold only changes the decision
(`Matcher.decide`), so every row is exact. The shipped examples.yaml holds the tune split's questions, so
on the shipped knowledge base every row is measured on questions the matcher has seen: run it with
`--kb DIR` on a copy without examples.yaml. The threshold of 59 was kept with the examples by ten-fold
cross-validation (benchmarks/crossval.py; docs/matching.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accuracy import ROOT, Predict, evaluate, load_queries, prediction

from mxguard import matching
from mxguard.answers import matcher
from mxguard.kb import load_kb, locate_kb

TARGETS = {"in-scope": 0.95, "out-of-scope": 0.95, "errors": 0.03}
TIE = 0.001


def shortfall(result: dict[str, Any]) -> float:
    """How far the worst of the three figures is from its target (0 or less: all met)."""
    accuracy = result["accuracy"]
    return max(TARGETS["in-scope"] - accuracy["in-scope"], TARGETS["out-of-scope"] - accuracy["out-of-scope"],
               result["confident_error_rate"] - TARGETS["errors"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kb", default=None, help="knowledge-base folder (default: the shipped one)")
    parser.add_argument("--low", type=float, default=50.0)
    parser.add_argument("--high", type=float, default=66.0)
    parser.add_argument("--step", type=float, default=0.5)
    args = parser.parse_args()
    m = matcher(load_kb(locate_kb(args.kb or ROOT)))
    tune = [q for q in load_queries() if q["split"] == "tune"]
    searched = {q["q"]: m.search(q["q"], limit=4) for q in tune}

    def predictor(threshold: float) -> Predict:
        def predict(query: str) -> tuple[str, float, str]:
            matches, analysis = searched[query]
            return prediction(matches, m.decide(matches, analysis, threshold))
        return predict

    rows = []
    threshold = args.low
    while threshold <= args.high + 1e-9:
        result = evaluate(predictor(threshold), tune)
        rows.append((threshold, result, shortfall(result)))
        threshold = round(threshold + args.step, 6)
    smallest = min(row[2] for row in rows)
    best = min(row[0] for row in rows if row[2] <= smallest + TIE)
    print(f"Tune split ({len(tune)} queries); targets: in-scope >= 95%, out-of-scope declined >= 95%, "
          f"confident errors <= 3%. Current THRESHOLD = {matching.THRESHOLD:g}.\n")
    print("| threshold | in-scope | out-of-scope declined | confident errors | worst shortfall |")
    print("|---:|---:|---:|---:|---:|")
    for threshold, result, short in rows:
        mark = " (chosen)" if threshold == best else ""
        print(f"| {threshold:g}{mark} | {result['accuracy']['in-scope']:.1%} | {result['accuracy']['out-of-scope']:.1%} "
              f"| {result['confident_error_rate']:.1%} | {short:.2%} |")


if __name__ == "__main__":
    main()
