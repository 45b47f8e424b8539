"""Write examples.yaml, the labelled user questions the matcher learns from, from the tune split of
tests/eval/queries.yaml (never from a held-out split).

    python benchmarks/examples.py [--check]

An example is a tune query as a user typed it, with the FAQ or claim check that answers it, or `none`
when the tool must decline it. Left out: queries with a typo, those of the `typo` category and any in
which the matcher, on the knowledge base without examples, fixes a word (a misspelling would become a
word of the knowledge base: typo correction would stop fixing it, and "comander" would then find the
examples that misspell it rather than the entries about commanders); and queries whose words are those
of a question, alternate, earlier example or held-out query, or that have no word at all. `--check` writes nothing and exits 1 when the file
is not what the tune split gives (tests/test_examples.py runs it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from accuracy import entry_phrases, load_queries  # noqa: E402

from mxguard import textnorm  # noqa: E402
from mxguard.answers import matcher  # noqa: E402
from mxguard.kb import KB_FILES, load_kb, locate_kb  # noqa: E402
from mxguard.models import DECLINE, KnowledgeBase  # noqa: E402

OUT = ROOT / "examples.yaml"
HEADER = """\
# Questions as users typed them, under the FAQ or claim check that answers them, or under `none` when no
# entry does and mxguard must decline. The matcher finds an entry through its examples as through its
# alternates, and declines a question closer to a `none` example than to any entry (docs/matching.md).
# Written by `python benchmarks/examples.py` from the tune split of tests/eval/queries.yaml; do not edit
# by hand. No held-out query is here: the held-out splits measure what examples do for new wording.
"""


def key(text: str) -> str:
    return " ".join(textnorm.words(text))


def examples(queries: list[dict[str, str]], curated: set[str], misspelt: Callable[[str], bool]) -> list[dict[str, str]]:
    """The tune queries that make examples, in order. A tune query worded as a held-out one is left out
    too, so that no held-out question is ever found through its own words."""
    seen = set(curated) | {key(q["q"]) for q in queries if q["split"] != "tune"} | {""}
    out = []
    for q in queries:
        if q["split"] != "tune" or q["category"] == "typo" or key(q["q"]) in seen or misspelt(q["q"]):
            continue
        seen.add(key(q["q"]))
        out.append({"q": q["q"], "entry": q["expected"]})
    return out


def kb_without_examples() -> KnowledgeBase:
    """The shipped knowledge base as if it had no examples.yaml: what the examples are chosen against."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in KB_FILES:
            shutil.copy(ROOT / name, Path(tmp) / name)
        return load_kb(locate_kb(tmp), use_cache=False)


def curated_phrases(kb: KnowledgeBase) -> set[str]:
    """The words of every question and alternate of the FAQs and claim checks, both languages."""
    return {key(text) for _, text in entry_phrases(kb)}


def typo_finder(kb: KnowledgeBase) -> Callable[[str], bool]:
    """Does the matcher fix a word of this text?"""
    engine = matcher(kb)
    return lambda text: bool(engine.analyse_query(text).corrections)


def render(items: list[dict[str, str]]) -> str:
    """The file: the examples under their entry, entries in the order they first appear, `none` last."""
    grouped: dict[str, list[str]] = {}
    for item in items:
        grouped.setdefault(item["entry"], []).append(item["q"])
    lines = [HEADER, "version: 1", "examples:"]
    for entry in sorted(grouped, key=lambda e: e == DECLINE):  # a stable sort: only `none` moves, to the end
        lines.append(f"  {entry}:")
        lines += [f"    - {json.dumps(q, ensure_ascii=False)}" for q in grouped[entry]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if examples.yaml is out of date")
    args = parser.parse_args()
    kb = kb_without_examples()
    text = render(examples(load_queries(), curated_phrases(kb), typo_finder(kb)))
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            sys.exit("examples.yaml is out of date: run python benchmarks/examples.py")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.name}: {text.count(chr(10) + '    - ')} examples")


if __name__ == "__main__":
    main()
