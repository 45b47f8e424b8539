"""Write a valid, generated knowledge base of N FAQ entries (with alternates, facts and sources) for
scale runs. The text is synthetic and says so; it is never shipped.

    python benchmarks/make_kb.py --entries 10000 --out /path/to/kb-10k

Entry 0 is always "How large is the generated force zero?" so a benchmark has a known question.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SYLLABLES = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ra", "se", "ti", "vu", "xa", "yo", "za",
             "lor", "mek", "tis", "pan", "dor", "vel", "cas", "mir"]
EN_FRAMES = ["How large is the {a} {b}?", "Who leads the {a} {b}?", "When was the {a} {b} created?",
             "What does the {a} {b} do?", "Where does the {a} {b} operate?", "Why was the {a} {b} reformed?"]
ES_FRAMES = ["¿Qué tan grande es el {a} {b}?", "¿Quién dirige el {a} {b}?", "¿Cuándo se creó el {a} {b}?",
             "¿Qué hace el {a} {b}?", "¿Dónde opera el {a} {b}?", "¿Por qué se reformó el {a} {b}?"]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def write(entries: int, out: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    words = vocabulary(rng, max(2000, entries // 5))
    n_facts = max(1, entries // 10)
    n_sources = max(1, min(500, entries // 20))
    out.mkdir(parents=True, exist_ok=True)
    facts = ["version: 1", "sources:"]
    for i in range(n_sources):
        facts += [f"  - id: source-{i}", f"    publisher: {q('Generated publisher ' + str(i))}",
                  f"    title: {q('Generated document ' + str(i))}",
                  f"    url: {q(f'https://example.org/generated/{i}')}", '    date: "2025-01-01"',
                  '    accessed: "2026-01-01"', "    kind: secondary"]
    facts += ["topics:"] + [f"  - id: topic-{t}\n    title: {{en: {q('Topic ' + str(t))}, es: {q('Tema ' + str(t))}}}"
                            for t in range(10)]
    facts.append("facts:")
    for i in range(n_facts):
        facts += [f"  - id: fact-{i}", f"    topic: topic-{i % 10}",
                  f"    statement: {{en: {q(f'Generated statement {i}.')}, es: {q(f'Enunciado generado {i}.')}}}",
                  "    status: reported", f"    value: {rng.randint(1, 200000)}", "    unit: members",
                  '    as_of: "2025"', f"    sources: [source-{i % n_sources}]"]
    (out / "facts.yaml").write_text("\n".join(facts) + "\n", encoding="utf-8")
    faq = ["version: 1", "synonyms:", '  - ["gn", "guardia nacional", "national guard"]', "faqs:"]
    for i in range(entries):
        a, b = (("force", "zero") if i == 0 else (rng.choice(words), rng.choice(words)))
        frame = 0 if i == 0 else rng.randrange(len(EN_FRAMES))
        en, es = EN_FRAMES[frame].format(a=a, b=b), ES_FRAMES[frame].format(a=a, b=b)
        alts_en = [f"{a} {b} {rng.choice(words)}", f"tell me about the {a} {b}"]
        alts_es = [f"{a} {b} {rng.choice(words)}", f"háblame del {a} {b}"]
        faq += [f"  - id: entry-{i}", f"    topic: topic-{i % 10}",
                f"    question: {{en: {q('How large is the generated force zero?' if i == 0 else en)}, es: {q(es)}}}",
                f"    alternates: {{en: [{', '.join(map(q, alts_en))}], es: [{', '.join(map(q, alts_es))}]}}",
                f"    answer: {{en: {q(f'Generated answer {i}.')}, es: {q(f'Respuesta generada {i}.')}}}",
                f"    facts: [fact-{i % n_facts}]"]
    (out / "faq.yaml").write_text("\n".join(faq) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a generated knowledge base for scale runs.")
    parser.add_argument("--entries", type=int, required=True, help="number of FAQ entries")
    parser.add_argument("--out", type=Path, required=True, help="folder to write faq.yaml and facts.yaml into")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write(args.entries, args.out, args.seed)
    print(f"wrote {args.entries} entries to {args.out}")


if __name__ == "__main__":
    main()
