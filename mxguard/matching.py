"""Find the knowledge-base entries a question means; the only module that imports rapidfuzz.

An entry is found through its phrases (an FAQ's question and alternates, a claim and its alternates,
a fact's statement), in both languages. A query is folded, split into words, its synonyms
canonicalised and its stop words dropped; each remaining word is matched to the index vocabulary
exactly, with a typo budget that grows with word length, or by splitting run-together words.
A phrase scores by how much of the query's *information* it explains (words weighted by IDF, so
"guard", which is everywhere, carries little) and how much of the phrase the query covers, plus a
little character-level similarity. Every step is deterministic: same KB and version, same scores.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from mxguard import textnorm
from mxguard.models import LANGS, Match

# Weights of the three parts of a phrase score. Query coverage matters most: an answer must explain
# what was asked; phrase coverage keeps short queries from matching long unrelated phrases.
W_QUERY, W_PHRASE, W_CHARS = 0.55, 0.30, 0.15
KIND_WEIGHT = {"faq": 1.0, "claim": 1.0, "fact": 0.9}  # facts are long statements: prefer curated Q&A
KIND_ORDER = {"faq": 0, "claim": 1, "fact": 2}  # on equal scores a question is answered before a claim check
THRESHOLD = 55.0  # below this no answer is given (calibrated on tests/eval: see docs/matching.md)
MARGIN = 2.0  # a top score this close to a different entry's is ambiguous unless it is high
SURE = 75.0  # at or above this the top entry is answered even when a runner-up is close
CANDIDATES = 200  # phrases fully scored after cheap narrowing; keeps 100k-entry KBs fast
TYPO_SIM = {0: 1.0, 1: 0.85, 2: 0.7}  # similarity of a word matched with 0, 1 or 2 edits
PREFIX_SIM = 0.8  # "deploy" ~ "deployment"


def typo_budget(word: str) -> int:
    """Edits allowed for a word: none below 4 letters, 1 from 4, 2 from 8 (as Algolia and Typesense do)."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def build_index(data: dict[str, Any]) -> dict[str, Any]:
    """Phrases, their content tokens, postings and IDF, as plain data that the cache can marshal."""
    synonyms = textnorm.Synonyms(data.get("synonyms", []))
    spelling: dict[str, int] = dict.fromkeys(synonyms.words(), 1)
    phrases: list[list[Any]] = []
    entry_tokens: dict[tuple[str, str], set[str]] = {}
    for kind, table, main, alternates in (
        ("faq", "faqs", "question", True), ("claim", "claims", "claim", True), ("fact", "facts", "statement", False),
    ):
        for entry_id, record in data.get(table, {}).items():
            for lang in LANGS:
                texts = [record[main][lang]] + (list(record["alternates"][lang]) if alternates else [])
                for text in texts:
                    for word in textnorm.words(text):
                        spelling[word] = spelling.get(word, 0) + 1
                    tokens = analyse(text, synonyms)[0]
                    if tokens:
                        phrases.append([kind, entry_id, lang, text, tokens])
                        entry_tokens.setdefault((kind, entry_id), set()).update(tokens)
    df: dict[str, int] = {}
    for tokens in entry_tokens.values():
        for token in tokens:
            df[token] = df.get(token, 0) + 1
    n = max(len(entry_tokens), 1)
    postings: dict[str, list[int]] = {}
    for i, phrase in enumerate(phrases):
        for token in set(phrase[4]):
            postings.setdefault(token, []).append(i)
    return {
        "phrases": phrases,
        "postings": postings,
        "idf": {t: round(math.log(1 + n / c), 6) for t, c in sorted(df.items())},
        "unknown_idf": round(math.log(1 + n / 0.5), 6),
        "vocab": sorted(df),
        # words as written (before synonyms) with their counts: what typos are corrected towards
        "spelling": {w: spelling[w] for w in sorted(spelling) if w not in textnorm.STOP_WORDS},
        "synonyms": data.get("synonyms", []),
    }


def analyse(text: str, synonyms: textnorm.Synonyms) -> tuple[list[str], list[str]]:
    """Content tokens of a text, and the synonym substitutions made."""
    canonical, notes = synonyms.apply(textnorm.words(text))
    return textnorm.content(canonical), notes


class QueryWord(NamedTuple):
    word: str
    weight: float
    matches: dict[str, float]  # vocabulary token -> similarity
    how: str = "exact"  # exact | typo | split | prefix | unknown


class Analysis:
    """What normalisation made of a query; shown by `ask --explain`."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.corrections: list[str] = []
        self.synonyms: list[str] = []
        self.words: list[QueryWord] = []

    @property
    def only_stop_words(self) -> bool:
        return not self.words


class Matcher:
    """Search one compiled index. Build once per process; `search` is pure."""

    def __init__(self, index: dict[str, Any]) -> None:
        self.index = index
        self.synonyms = textnorm.Synonyms(index["synonyms"])
        self.vocab_set = set(index["vocab"])
        self.spelling: dict[str, int] = index["spelling"]
        self._spelling_list = list(self.spelling)

    def analyse_query(self, query: str) -> Analysis:
        analysis = Analysis(textnorm.fold(query))
        words, sims, hows = self._correct(textnorm.words(query), analysis)
        for token, start, end in self.synonyms.spans(words):
            if " ".join(words[start:end]) != token:
                analysis.synonyms.append(f"{' '.join(words[start:end])} -> {token}")
            if token in textnorm.STOP_WORDS:
                continue
            sim = min(sims[start:end])
            how = next((h for h in hows[start:end] if h != "exact"), "exact")
            if token in self.vocab_set:
                matches = {token: sim}
            else:
                matches = dict.fromkeys(self._prefix_matches(token), PREFIX_SIM) if len(token) >= 5 else {}
                how = "prefix" if matches else "unknown"
            weight = max((self.index["idf"][t] for t in matches), default=self.index["unknown_idf"])
            analysis.words.append(QueryWord(token, weight, matches, how))
        return analysis

    def _correct(self, words: list[str], analysis: Analysis) -> tuple[list[str], list[float], list[str]]:
        """Fix typos and run-together words against the KB's own words, before synonyms apply."""
        out: list[str] = []
        sims: list[float] = []
        hows: list[str] = []
        for word in words:
            if word in textnorm.STOP_WORDS or word in self.spelling or word.isdigit():
                out.append(word), sims.append(1.0), hows.append("exact")
                continue
            halves = self._split(word)
            if halves:
                analysis.corrections.append(f"{word} -> {' '.join(halves)}")
                out.extend(halves), sims.extend([1.0, 1.0]), hows.extend(["split", "split"])
                continue
            fixed = self._closest(word)
            if fixed:
                analysis.corrections.append(f"{word} -> {fixed[0]}")
                out.append(fixed[0]), sims.append(TYPO_SIM[fixed[1]]), hows.append("typo")
            else:
                out.append(word), sims.append(1.0), hows.append("exact")
        return out, sims, hows

    def _split(self, word: str) -> tuple[str, str] | None:
        if len(word) < 6:
            return None
        for i in range(2, len(word) - 1):
            left, right = word[:i], textnorm.stem(word[i:])
            if left in self.spelling and right in self.spelling:
                return left, right
        return None

    def _closest(self, word: str) -> tuple[str, int] | None:
        """The KB word within the typo budget (a swap of two letters is one edit): fewest edits, then the
        most common, then alphabetical."""
        budget = typo_budget(word)
        if not budget:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found = process.extract(word, self._spelling_list, scorer=OSA.distance,
                                score_cutoff=budget, limit=20)
        if not found:
            return None
        choice, distance, _ = min(found, key=lambda f: (f[1], -self.spelling[f[0]], f[0]))
        return choice, int(distance)

    def _prefix_matches(self, token: str) -> list[str]:
        import bisect

        vocab = self.index["vocab"]
        start = bisect.bisect_left(vocab, token)
        out = []
        for word in vocab[start:start + 50]:
            if not word.startswith(token):
                break
            if len(word) - len(token) <= 4:
                out.append(word)
        out.extend(w for w in (token[:-k] for k in range(1, 5)) if len(w) >= 5 and w in self.vocab_set)
        return out

    def search(self, query: str, limit: int = 5, kinds: tuple[str, ...] = ()) -> tuple[list[Match], Analysis]:
        """Best entries first (one match per entry, only of `kinds` if given), with the query's analysis."""
        analysis = self.analyse_query(query)
        if analysis.only_stop_words:
            return [], analysis
        best: dict[tuple[str, str], Match] = {}
        for i in self._candidates(analysis, kinds):
            kind, entry_id, lang, text, tokens = self.index["phrases"][i]
            parts = self._score_phrase(analysis, tokens)
            score = round(parts["score"] * KIND_WEIGHT[kind], 2)
            current = best.get((kind, entry_id))
            if current is None or score > current.score:
                best[(kind, entry_id)] = Match(kind, entry_id, score, text, lang, parts)
        ranked = sorted(best.values(), key=lambda m: (-m.score, KIND_ORDER[m.kind], m.id))
        return ranked[:limit], analysis

    def _candidates(self, analysis: Analysis, kinds: tuple[str, ...]) -> list[int]:
        """Phrases sharing a (fuzzy) word with the query, cheapest-first narrowed to CANDIDATES."""
        rough: dict[int, float] = {}
        postings, phrases = self.index["postings"], self.index["phrases"]
        for word in analysis.words:
            for token, sim in word.matches.items():
                for i in postings.get(token, ()):
                    if not kinds or phrases[i][0] in kinds:
                        rough[i] = rough.get(i, 0.0) + word.weight * sim
        if len(rough) <= CANDIDATES:
            return sorted(rough)
        return sorted(sorted(rough, key=lambda i: (-rough[i], i))[:CANDIDATES])

    def _score_phrase(self, analysis: Analysis, tokens: list[str]) -> dict[str, float]:
        from rapidfuzz import fuzz

        idf = self.index["idf"]
        q_total = sum(w.weight for w in analysis.words)
        q_hit = sum(w.weight * max((w.matches.get(t, 0.0) for t in tokens), default=0.0) for w in analysis.words)
        p_total = sum(idf.get(t, 0.0) for t in tokens)
        p_hit = sum(idf.get(t, 0.0) * max((w.matches.get(t, 0.0) for w in analysis.words), default=0.0)
                    for t in tokens)
        chars = fuzz.ratio(" ".join(w.word for w in analysis.words), " ".join(tokens)) / 100
        query_cov = q_hit / q_total if q_total else 0.0
        phrase_cov = p_hit / p_total if p_total else 0.0
        score = 100 * (W_QUERY * query_cov + W_PHRASE * phrase_cov + W_CHARS * chars)
        return {"score": round(score, 2), "query_coverage": round(query_cov, 4),
                "phrase_coverage": round(phrase_cov, 4), "characters": round(chars, 4)}


def decide(matches: list[Match]) -> bool:
    """Is the top match confident: above the threshold, and clear of a different runner-up?"""
    if not matches or matches[0].score < THRESHOLD:
        return False
    if len(matches) > 1 and matches[0].score - matches[1].score < MARGIN and matches[0].score < SURE:
        return False
    return True
