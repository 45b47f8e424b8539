"""Paired start-up comparison of two mxguard installs: is a change slower, or was it the hour?

    python benchmarks/compare.py NEW_MXGUARD OLD_MXGUARD [--rounds 25]

NEW_MXGUARD and OLD_MXGUARD are the `mxguard` console scripts of two environments (e.g. this checkout
installed with `pip install .` in one venv, an older commit in another). Each round runs both, in turn,
alternating which goes first, for three cases on the benchmark question: `ask --json` and a formatted
`ask` with a warm cache, and `ask --json` with no cache (MXGUARD_NO_CACHE=1: what a cache rebuild
costs). The table gives the median of the per-round ratios new/old, which the machine's load cancels
out of, and each side's median and fastest wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time

QUESTION = "how big is the national guard?"
CASES = {
    "ask --json (warm cache)": (["ask", QUESTION, "--json"], {}),
    "ask, formatted (warm cache)": (["ask", QUESTION], {}),
    "ask --json, no cache": (["ask", QUESTION, "--json"], {"MXGUARD_NO_CACHE": "1"}),
}


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("new", help="the new install's mxguard script")
    parser.add_argument("old", help="the old install's mxguard script")
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        base = {**os.environ, "MXGUARD_CACHE_DIR": cache}
        base = {k: v for k, v in base.items() if k not in ("MXGUARD_KB", "MXGUARD_NO_CACHE")}
        for script in (args.new, args.old):  # warm both caches (their keys differ), outside the timing
            wall([script, "ask", QUESTION, "--json"], base)
        print(f"{args.rounds} paired rounds, alternating which install goes first\n")
        print("| case | median new/old | new median ms | new fastest ms | old median ms | old fastest ms |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, (argv, extra) in CASES.items():
            env = {**base, **extra}
            new_times: list[float] = []
            old_times: list[float] = []
            ratios: list[float] = []
            for i in range(args.rounds):
                order = [(args.new, new_times), (args.old, old_times)]
                for script, times in order if i % 2 == 0 else order[::-1]:
                    times.append(wall([script, *argv], env))
                ratios.append(new_times[-1] / old_times[-1])
            print(f"| {name} | {statistics.median(ratios):.2f} | {statistics.median(new_times) * 1000:.0f} | "
                  f"{min(new_times) * 1000:.0f} | {statistics.median(old_times) * 1000:.0f} | "
                  f"{min(old_times) * 1000:.0f} |")


if __name__ == "__main__":
    main()
