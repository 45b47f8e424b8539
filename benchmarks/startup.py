"""Start-up and scale benchmark: whole processes, interleaved rounds, medians of ratios.

    python benchmarks/startup.py [--rounds 15] [--sizes 1000,10000,100000] [--out FILE]

Each round runs, in turn: `python -c pass`, `mxguard ask Q --json`, formatted `mxguard ask Q`,
`mxguard ask` with a cold cache (the first run after a KB change) on the shipped KB, and
`mxguard ask --json` on generated KBs of each size (their caches are warmed first, outside the
timing). Times are per-process wall clock; each is divided by the same round's `python -c pass`, and
the table shows medians and min-max of those ratios, with peak memory (max RSS) per case.
`mxguard` is the console script next to the interpreter running this file (install the project
into that environment first, e.g. `pip install .`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUESTION = "how big is the national guard?"
GENERATED_QUESTION = "How large is the generated force zero?"


def mxguard_command() -> list[str]:
    script = Path(sys.executable).with_name("mxguard")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mxguard"]


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one process (output discarded)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--sizes", default="1000,10000,100000", help="generated KB sizes (comma-separated, or '')")
    parser.add_argument("--out", type=Path, help="also write the Markdown table here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mxguard-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MXGUARD_")}
    env["MXGUARD_CACHE_DIR"] = str(work / "cache")
    mx = mxguard_command()
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], env),
        "ask --json (warm cache)": (mx + ["ask", QUESTION, "--json"], env),
        "ask, formatted (warm cache)": (mx + ["ask", QUESTION], env),
        "ask --json, cache rebuild": (mx + ["ask", QUESTION, "--json"], env | {"MXGUARD_CACHE_DIR": ""}),
    }
    sizes = [int(s) for s in args.sizes.split(",") if s]
    for size in sizes:
        kb = work / f"kb-{size}"
        subprocess.run([sys.executable, str(HERE / "make_kb.py"), "--entries", str(size), "--out", str(kb)],
                       check=True, stdout=subprocess.DEVNULL)
        cmd = mx + ["ask", GENERATED_QUESTION, "--json", "--kb", str(kb)]
        print(f"warming the cache of the {size:,}-entry KB ...", file=sys.stderr)
        run(cmd, env)
        cases[f"ask --json, {size:,}-entry KB"] = (cmd, env)
    run(cases["ask --json (warm cache)"][0], env)  # warm the shipped KB's cache

    times: dict[str, list[float]] = {name: [] for name in cases}
    ratios: dict[str, list[float]] = {name: [] for name in cases}
    peak: dict[str, int] = dict.fromkeys(cases, 0)
    for r in range(args.rounds):
        base = None
        for name, (cmd, case_env) in cases.items():
            if name.endswith("cache rebuild"):
                cold = work / f"cold-{r}"
                case_env = case_env | {"MXGUARD_CACHE_DIR": str(cold)}
            elapsed, rss = run(cmd, case_env)
            if name.endswith("cache rebuild"):
                shutil.rmtree(cold, ignore_errors=True)
            base = elapsed if base is None else base
            times[name].append(elapsed)
            ratios[name].append(elapsed / base)
            peak[name] = max(peak[name], rss)
        print(f"round {r + 1}/{args.rounds}", file=sys.stderr)

    shipped = statistics.median(times["ask --json (warm cache)"])
    lines = [
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.rounds} interleaved rounds.",
        "",
        "| case | median ms | min–max ms | median × `python -c pass` | min–max × | × shipped --json | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in cases:
        t, q = times[name], ratios[name]
        lines.append(
            f"| {name} | {1000 * statistics.median(t):.0f} | {1000 * min(t):.0f}–{1000 * max(t):.0f} | "
            f"{statistics.median(q):.1f} | {min(q):.1f}–{max(q):.1f} | {statistics.median(t) / shipped:.2f} | "
            f"{peak[name] / 1024:.0f} |"
        )
    table = "\n".join(lines)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
