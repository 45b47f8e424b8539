"""Find the knowledge-base entries a question means; the only module that imports rapidfuzz.

An entry is found through its phrases (an FAQ's question and alternates, a claim and its alternates,
a fact's statement), in both languages. A query is folded and split into words; typos (within a
budget that grows with word length) and run-together words are fixed against the KB's own words;
synonyms are canonicalised and stop words dropped. The method is described in docs/matching.md.
A phrase scores by how much of the query's *information* it explains (words weighted by IDF, so
"guard", which is everywhere, carries little) and how much of the phrase the query covers, plus a
little character-level similarity. Every step is deterministic: same KB and version, same scores.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise
from typing import Any, NamedTuple

from mxguard import textnorm
from mxguard.models import DECLINE, LANGS, Match

# Weights of the three parts of a phrase score. Query coverage matters most: an answer must explain
# what was asked; phrase coverage keeps short queries from matching long unrelated phrases.
W_QUERY, W_PHRASE, W_CHARS = 0.55, 0.30, 0.15
KIND_WEIGHT = {"faq": 1.0, "claim": 1.0, "fact": 0.9}  # facts are long statements: prefer curated Q&A
KIND_ORDER = {"faq": 0, "claim": 1, "fact": 2}  # on equal scores a question is answered before a claim check
# A question is better served by an FAQ and "is it true that ..." by a claim check: the other kind's
# scores are scaled down by this much (see textnorm.intent).
INTENT_WEIGHT = {"question": {"claim": 0.75}, "check": {"faq": 0.9, "fact": 0.85},
                 "statement": {"faq": 0.9}, "keywords": {"claim": 0.95}}
YEAR_MISMATCH = 0.75  # a phrase (or an entry) naming other years than the query's is probably about another event
# Each query word the knowledge base has never seen (and no typo fix explains) scales the score by
# this: on the tune split such words were rare in real questions and common in off-topic ones
# ("Ukrainian national guard size", "crime rate in canada").
UNKNOWN_WORD = 0.8
LIGHT_WEIGHT = 0.3  # everyday words (textnorm.is_light) count this much of their IDF, in query and phrase
# ... and in a query at most this share of the weight of a word the KB has never seen: "oye, ¿qué es
# exactamente la Guardia Nacional?" asks what the Guard is, whatever "exactamente" weighs.
LIGHT_CAP = 0.15
# ... and at most this share of the query's heaviest other word, so that in a short question the everyday
# words do not outweigh its topic ("qué onda, qué es la guardia nacional? explícamelo fácil porfa"; tune
# split, eleventh round: two gained, none lost).
LIGHT_SHARE = 0.5
# Each place outside Mexico the query names and the phrase does not scales the score by this (on top of
# UNKNOWN_WORD when the KB has never seen the name): "crime rate in canada" is not about Mexico.
FOREIGN_PLACE = 0.7
PLACE_MISMATCH = 0.85  # a phrase naming other places than the query's is about somewhere else
# A query about one Mexican state or city is scaled by this for an entry none of whose phrases name it:
# "homicidios en sinaloa 2024" is not answered by the national figures (a query naming several places
# compares them, and is left alone). Tenth round: 0.8 -> 0.7 on the tune split (four off-topic questions
# on a state's figures declined, one lost).
MISSING_PLACE = 0.7
# Each concept the query names (a synonym group's token that is not a question frame, textnorm.FRAME_TOKENS:
# budget, salary, navy, homicide...) and that nothing in an entry names, neither a phrase nor its answer,
# scales the entry's score by this: "what is the annual budget of Italy's Carabinieri" is not answered by
# the comparison with Italy, which says nothing of budgets (tune split: more off-topic questions declined
# and fewer wrong answers, and questions on the entry that does name the concept answered).
MISSING_CONCEPT = 0.85
# A query asking for a detail the answers almost never give (textnorm.DETAIL_CONCEPTS: a person's age or
# family, the Guard's vehicles or weapons, pay...) is scaled by this, instead, for an entry that names
# none: "how old is David Córdova Campos" is not answered by the list of commanders, nor "what vehicles
# does the Guard use on highway patrols" by the FAQ on its highway patrols (tune split: 14 off-topic
# questions declined, none answered lost; at 0.85, the concept factor, none declined).
MISSING_DETAIL = 0.6
# A question about a force abroad alone (it names a place abroad, and neither the Guard nor Mexico) asks
# about that force, not about the Guard's comparison with it: an entry that lacks a concept it names, or,
# for a "how many" question, has no phrase asking how many, is scaled by this too ("who heads Spain's
# Guardia Civil today", "how many carabineros does chile have": the comparisons give neither; tune split,
# eleventh round: ten off-topic questions declined, none of the 133 in-scope ones about forces abroad lost).
ABROAD_ONLY = 0.75
# A query about another body (the army, the navy, a cartel, the CNDH, the SESNSP: textnorm.OTHER_BODIES)
# that does not name the Guard is not answered by a phrase about the Guard, or about a place abroad when
# the query names no place, that does not name that body: such a phrase's score is scaled by this ("who
# commands the mexican navy" is not "who commands the guard", "when was the CNDH created" is not "when was
# the guard created", "when was the army founded" is not "when was Spain's Guardia Civil founded").
OTHER_BODY = 0.7
# A request for personal advice ("should i join the guard", "¿cómo puedo poner una queja?") is not a
# question of fact: every score is scaled by this (textnorm.is_personal).
PERSONAL = 0.75
# A question weighing more than LONG_QUERY (in IDF units: about three rare words and a few common ones)
# carries words that are only its wording: half of its query coverage is counted against LONG_QUERY
# instead of its whole weight (tune split: long paraphrases were declined with the right entry first).
LONG_QUERY, LONG_SHARE = 12.0, 0.5
# Below THRESHOLD no answer is given. It is the threshold that, on the tune split of tests/eval, comes closest
# to the project's three targets at once (in-scope top-1 and off-topic declined at least 95%, confident errors
# at most 3%: the smallest worst shortfall, benchmarks/calibrate.py). Eleventh round: 54 -> 59. Two fifths of
# the answers this withholds were wrong (32 of 79), and a right answer withheld still comes first among the
# suggestions. Tune split (4,091 queries): in-scope 95.2% -> 93.8%, off-topic declined 90.5% -> 93.6%,
# confident errors 4.4% -> 3.5%. Twelfth round: 58.5 with batch 27 in the tune split, 59 after the next rules,
# 58.5 with batch 28, and 59.5 with batch 29 (48 off-topic near-misses). Tune split (4,442 queries), 58.5 -> 59.5:
# in-scope 93.7% -> 93.2%, off-topic declined 92.4% -> 93.3%, confident errors 3.7% -> 3.4%. Thirteenth round
# (4,616 queries, with batch 30 and the round's rules), 59.5 -> 59: in-scope 93.3% -> 93.7%, off-topic declined
# 93.9% -> 93.7%, confident errors 3.2% -> 3.3% (worst shortfall 1.66 -> 1.31 points).
THRESHOLD = 59.0
MARGIN = 4.0  # a top score this close to a different entry's is ambiguous unless it is SURE (tune split)
SURE = 80.0  # at or above this the top entry is answered even when a runner-up is close
# A claim check asked for in so many words ("my uncle insists the guard is part of the army, is he
# right?") spends words on who said it: when its best match is a claim entry this far clear of any rival,
# it is answered from CHECK_THRESHOLD up (tune split: more claim checks answered, no wrong answer added).
CHECK_THRESHOLD, CHECK_MARGIN = 44.0, 10.0
# The top match must explain at least this share of the query's information (its phrase, with what the
# entry's other phrasings and answer add: see _explained), however well the query covers the phrase:
# "cuánto gana un guardia nacional al mes" is not answered by "cuántos guardias hay".
MIN_QUERY_COVERAGE = 0.25
# A query word a phrase lacks but its entry's answer holds counts this share of its weight, when the word
# is rare among answers (in at most ANSWER_RARE of them, at least one): the answer is evidence of what
# the entry is about ("vizcaino zamora 47 paises" names what the other-countries answer reports).
# Common answer words ("sheinbaum", "founded") earn nothing, so off-topic questions gain little.
ANSWER_SIM, ANSWER_RARE = 0.4, 0.04
# A query word a phrase lacks but another phrasing of the same entry holds counts this share of its
# weight: an entry is found by its best phrase, but the words its other phrasings add are evidence too
# ("how many years has the guard existed": one phrasing says "existed", another "how many years").
SIBLING_SIM = 0.3
CANDIDATES = 60  # phrases fully scored after cheap narrowing (tune split: same accuracy as 200)
PER_ENTRY = 20  # ... at most this many of one entry, so that the suggestions are more than one entry's phrasings
COMMON_SHARE, COMMON_MIN = 0.05, 2000  # a word in more phrases than this only scores (see _candidates)
# First letters that sound alike in English or Mexican Spanish, so a typo there is one edit, not two.
SOUND_ALIKE = frozenset(("sc", "cs", "ck", "kc", "bv", "vb", "gj", "jg", "sz", "zs"))
TYPO_SIM = {0: 1.0, 1: 0.85, 2: 0.7}  # similarity of a word matched with 0, 1 or 2 edits
PREFIX_SIM = 0.8  # "deploy" ~ "deployment", "replaced" ~ "replacing"


def typo_budget(word: str) -> int:
    """Edits allowed for a word: none below 5 letters, 1 from 5, 2 from 9 (Meilisearch's defaults;
    looser budgets turned names like "colombia" and "rico" into KB words on the tune split). The
    exceptions for 4-letter words are `Matcher._four_letter_fix`; a 3-letter word may have two letters
    swapped (`Matcher._swapped_letters`)."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


KINDS = ("faq", "claim", "fact")  # kind codes in the index: position in this tuple
UNTOLD = 255  # language code of an example's phrase: read from its text only when a match shows it
SOURCES_OF_PHRASES = (("faq", "faqs", "question", True), ("claim", "claims", "claim", True),
                      ("fact", "facts", "statement", False))


def entry_phrases(record: dict[str, Any], main: str, alternates: bool) -> list[tuple[str, str]]:
    """(lang, text) of every phrase an entry is found by; a phrase's slot is its position here, and the
    entry's examples (examples.yaml) follow from the slot after the last."""
    return [(lang, text) for lang in LANGS
            for text in [record[main][lang], *(record["alternates"][lang] if alternates else [])]]


def build_index(data: dict[str, Any]) -> dict[str, Any]:
    """The matching index as compact plain data for the cache: token ids in flat arrays, postings as
    one array with offsets, so loading it creates few Python objects even for 100,000 entries."""
    from array import array

    synonyms = textnorm.Synonyms(data.get("synonyms", []))
    spelling: dict[str, int] = dict.fromkeys(synonyms.words(), 1)
    entry_kind = array("B")
    entry_id: list[str] = []
    phrase_entry, phrase_slot, phrase_lang = array("I"), array("I"), array("B")
    phrase_tokens: list[list[str]] = []
    df: dict[str, int] = {}
    entry_years: dict[int, list[str]] = {}  # the years an entry's phrases name (its answer's join later)
    entry_places: dict[int, list[str]] = {}  # the same for Mexican states and cities
    entry_of: dict[tuple[str, str], int] = {}  # (table, id) -> entry
    concepts = set(synonyms.table.values()) - textnorm.FRAME_TOKENS
    entry_concepts: dict[int, set[str]] = {}  # the concepts an entry's phrases name (its answer's join later)
    examples = {ident: record["questions"] for ident, record in data.get("examples", {}).items()}
    first_example: dict[int, int] = {}  # entry -> the slot of its first example
    entries = [(kind, table, ident, entry_phrases(record, main, alternates))
               for kind, table, main, alternates in SOURCES_OF_PHRASES
               for ident, record in data.get(table, {}).items()]
    if DECLINE in examples:  # found like an FAQ; a query closest to it is declined (Matcher.decide)
        entries.append(("faq", "", DECLINE, []))
    for kind, table, ident, phrases in entries:
        if table:
            entry_of[(table, ident)] = len(entry_id)
        entry = len(entry_id)
        if ident in examples and kind != "fact":
            first_example[entry] = len(phrases)
            phrases = phrases + [("", text) for text in examples[ident]]  # language told when shown (_match)
        entry_kind.append(KINDS.index(kind))
        entry_id.append(ident)
        seen: set[str] = set()
        for slot, (lang, text) in enumerate(phrases):
            words = textnorm.words(text)
            for word in words:
                spelling[word] = spelling.get(word, 0) + 1
            tokens = textnorm.content(synonyms.tokens(words))
            if tokens:
                phrase_entry.append(entry)
                phrase_slot.append(slot)
                phrase_lang.append(LANGS.index(lang) if lang else UNTOLD)
                phrase_tokens.append(tokens)
                seen.update(tokens)
        for token in seen:
            df[token] = df.get(token, 0) + 1
        years = sorted(t for t in seen if _is_year(t))
        if years:
            entry_years[entry] = years
        places = sorted(seen & textnorm.MEXICAN_PLACES)
        if places:
            entry_places[entry] = places
        if named := seen & concepts:
            entry_concepts[entry] = named
    vocab = sorted(df)
    token_id = {t: i for i, t in enumerate(vocab)}
    n = max(len(entry_id), 1)
    tok_ids, tok_off = array("I"), array("I", [0])
    postings: list[list[int]] = [[] for _ in vocab]
    for i, tokens in enumerate(phrase_tokens):
        ids = [token_id[t] for t in tokens]
        tok_ids.extend(ids)
        tok_off.append(len(tok_ids))
        for t in sorted(set(ids)):
            postings[t].append(i)
    post_ids, post_off = array("I"), array("I", [0])
    for plist in postings:
        post_ids.extend(plist)
        post_off.append(len(post_ids))
    answers = answer_texts(data, entry_of)
    kb_spelling = {w: spelling[w] for w in sorted(spelling) if w not in textnorm.STOP_WORDS}
    answer_tokens = {entry: textnorm.content(synonyms.tokens(words)) for entry, words in answers.items()}
    return {
        "entry_kind": entry_kind.tobytes(), "entry_id": entry_id,
        "phrase_entry": phrase_entry.tobytes(), "phrase_slot": phrase_slot.tobytes(),
        "phrase_lang": phrase_lang.tobytes(), "tok_ids": tok_ids.tobytes(), "tok_off": tok_off.tobytes(),
        "post_ids": post_ids.tobytes(), "post_off": post_off.tobytes(),
        "vocab": vocab,
        "idf": array("d", (round(math.log(1 + n / df[t]) * (LIGHT_WEIGHT if textnorm.is_light(t) else 1), 6)
                           for t in vocab)).tobytes(),
        "unknown_idf": round(math.log(1 + n / 0.5), 6),
        # words as written (before synonyms) with their counts: what typos are corrected towards
        "spelling": kb_spelling,
        "undoubled": undoubled_words(kb_spelling),
        "synonyms": synonyms.compiled(),
        "same_point": same_point_pairs(data),
        "latest_year": latest_data_year(data),
        "entry_years": with_answer_years(entry_years, answers),
        "entry_places": entry_places,
        "entry_answer": answer_words(answer_tokens, token_id),
        "first_example": first_example,
        "off_topic": entry_id.index(DECLINE) if DECLINE in examples else -1,
        "concepts": sorted(concepts),
        "entry_concepts": with_answer_concepts(entry_concepts, answer_tokens, concepts),
    }


# Where each kind keeps the text a user reads: an FAQ's answer, a claim check's correction (a fact is
# found through its statement alone).
ANSWER_FIELDS = (("faqs", "answer"), ("claims", "correction"))


def typo_targets(spelling: dict[str, int]) -> list[str]:
    """The words a typo may be corrected into: the KB's own words, then the other common words of
    `is_typo_target` ("mexcio" is "mexico", which then says nothing)."""
    return list(spelling) + sorted(w for w in textnorm.STOP_WORDS | textnorm.LIGHT_WORDS
                                   if w not in spelling and is_typo_target(w, spelling))


def is_typo_target(word: str, spelling: dict[str, int]) -> bool:
    """Is `word` one of `typo_targets`: a KB word, or a stop word or everyday word of 4+ letters?"""
    return word in spelling or (len(word) >= 4 and (word in textnorm.STOP_WORDS or word in textnorm.LIGHT_WORDS))


def undoubled_words(spelling: dict[str, int]) -> dict[str, str]:
    """The typo target (the most common) behind each form with every run of a letter written once, where
    that form is not itself a target: a word typed with a letter doubled in the wrong place is found
    through it ("tarrif" and "tariff" both read "tarif"; see `Matcher._closest`)."""
    found: dict[str, str] = {}
    for word in sorted(typo_targets(spelling), key=lambda w: -spelling.get(w, 0)):
        found.setdefault(_undouble(word), word)
    return {form: word for form, word in found.items() if form != word}


def answer_texts(data: dict[str, Any], entry_of: dict[tuple[str, str], int]) -> dict[int, list[str]]:
    """The folded words of each FAQ's answer and each claim's correction, both languages: read once for
    `with_answer_years`, and as tokens for `answer_words` and `with_answer_concepts`."""
    return {entry_of[(table, ident)]: textnorm.words(" ".join(record[field][lang] for lang in LANGS))
            for table, field in ANSWER_FIELDS for ident, record in data.get(table, {}).items()}


def answer_words(answer_tokens: dict[int, list[str]], token_id: dict[str, int]) -> dict[int, list[str]]:
    """For each entry, the tokens of its answer that phrases use too and that few other answers hold (at
    most ANSWER_RARE of them): the answer's specific words, see ANSWER_SIM."""
    found = {entry: {t for t in tokens if t in token_id} for entry, tokens in answer_tokens.items()}
    counts: dict[str, int] = {}
    for tokens in found.values():
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
    most = max(1, round(ANSWER_RARE * len(found)))
    return {e: sorted(t for t in tokens if counts[t] <= most) for e, tokens in sorted(found.items())
            if any(counts[t] <= most for t in tokens)}


def with_answer_years(entry_years: dict[int, list[str]], answers: dict[int, list[str]]) -> dict[int, list[str]]:
    """The years each entry names, in its phrases or its answer: an FAQ whose phrases name the 2024 report
    but whose answer also gives the June 2025 figure is about 2025 too (see YEAR_MISMATCH)."""
    found = {entry: set(years) for entry, years in entry_years.items()}
    for entry, words in answers.items():
        years = {w for w in words if _is_year(w)}
        if years:
            found.setdefault(entry, set()).update(years)
    return {entry: sorted(years) for entry, years in sorted(found.items())}


def with_answer_concepts(entry_concepts: dict[int, set[str]], answer_tokens: dict[int, list[str]],
                         concepts: set[str]) -> dict[int, list[str]]:
    """The concepts each entry names, in its phrases or its answer (see MISSING_CONCEPT)."""
    found = {entry: set(named) for entry, named in entry_concepts.items()}
    for entry, tokens in answer_tokens.items():
        if named := concepts.intersection(tokens):
            found.setdefault(entry, set()).update(named)
    return {entry: sorted(named) for entry, named in sorted(found.items())}


def latest_data_year(data: dict[str, Any]) -> int:
    """The newest year any fact is dated ("as of"). A question about the year after it asks for the
    latest figures, as "now" does (the budget "in 2027" when the newest data is 2026); later years are
    left alone: they are deadlines and plans ("until 2028")."""
    years = (str(fact.get("as_of") or "")[:4] for fact in data.get("facts", {}).values())
    return max((int(year) for year in years if year.isdigit()), default=0)


def same_point_pairs(data: dict[str, Any]) -> list[list[str]]:
    """[FAQ id, claim id] pairs that rest on the same facts: they share two or more, or one cites a
    subset of the other's. Such a question and claim check answer the same point, so a query close to
    both is not ambiguous (see `Matcher.decide`). Found through the facts, not by trying every pair."""
    cited: dict[str, dict[str, set[str]]] = {"faqs": {}, "claims": {}}
    citing: dict[str, list[str]] = {}  # fact -> FAQs that cite it
    for table in cited:
        for ident, record in data.get(table, {}).items():
            facts = set(record.get("facts") or ())
            cited[table][ident] = facts
            if table == "faqs":
                for fact in facts:
                    citing.setdefault(fact, []).append(ident)
    pairs = []
    for claim, claim_facts in cited["claims"].items():
        faqs = {faq for fact in claim_facts for faq in citing.get(fact, ())}
        for faq in sorted(faqs):
            faq_facts = cited["faqs"][faq]
            shared = len(faq_facts & claim_facts)
            if shared >= 2 or shared == min(len(faq_facts), len(claim_facts)):
                pairs.append([faq, claim])
    return pairs


class QueryWord(NamedTuple):
    word: str
    weight: float
    matches: dict[str, float]  # vocabulary token -> similarity
    how: str = "exact"  # exact | typo | split | prefix | light | unknown | context (textnorm.context_words) | implied
    # (not typed: "now" in "who is the commander")


class Analysis:
    """What normalisation made of a query; shown by `ask --explain`."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.corrections: list[str] = []
        self.fixed: list[tuple[str, str]] = []  # (word as typed, its fix) of each typo fixed ("droped" -> dropped)
        self.intent = "keywords"  # textnorm.intent: question, check, statement or keywords
        self.synonyms: list[str] = []
        self.words: list[QueryWord] = []
        # Filled in once the words are known, so scoring each candidate phrase does not redo them:
        self.total_weight = 0.0
        self.text = ""  # the query's words joined, for character similarity
        self.years: set[str] = set()
        self.places: set[str] = set()  # places the query names
        self.foreign: set[str] = set()  # ... of them outside Mexico
        self.mexican: set[str] = set()  # ... of them in Mexico
        self.set_aside: frozenset[str] = frozenset()  # words of what it sets aside ("aparte de lo de Chihuahua")
        self.bodies: set[str] = set()  # other bodies than the Guard the query is about (and it does not name the Guard)
        self.names_mexico = False  # a word of it, typos fixed, names Mexico (a stop word: textnorm.MEXICO_WORDS)
        self.abroad_only = False  # it names a place abroad and neither the Guard nor Mexico (see ABROAD_ONLY)
        self.asks_how_many = False
        self.concepts: set[str] = set()  # the concepts it names (see MISSING_CONCEPT)
        self.off_topic: Match | None = None  # the closest example no entry answers, when it scored (see decide)

    def finish(self) -> Analysis:
        self.total_weight = sum(w.weight for w in self.words)
        self.text = " ".join(w.word for w in self.words)
        named = {w.word for w in self.words if w.how != "context"}  # what it asks about, not why it asks
        asked = named - self.set_aside  # ... nor what it sets aside
        self.years = {word for word in asked if _is_year(word)}
        self.places = asked & textnorm.PLACES
        self.foreign = self.places & textnorm.FOREIGN_PLACES
        self.mexican = self.places - textnorm.FOREIGN_PLACES
        self.bodies = set() if textnorm.SUBJECT in named else named & textnorm.OTHER_BODIES
        self.abroad_only = bool(self.foreign) and not self.mexican and not self.names_mexico \
            and textnorm.SUBJECT not in named
        self.asks_how_many = "how_many" in named
        return self

    @property
    def only_stop_words(self) -> bool:
        """Nothing to look for: no words left, or only question words ("what is the")."""
        return all(w.word in textnorm.QUESTION_WORDS for w in self.words)


PhraseText = Callable[[str, str, int], str]  # (kind, entry id, slot) -> the phrase as written


class Matcher:
    """Search one compiled index. Build once per process; `search` is pure. `phrase_text` recovers a
    matched phrase's text from the knowledge base (the index keeps only token ids)."""

    def __init__(self, index: dict[str, Any], phrase_text: PhraseText) -> None:
        from array import array

        self.index = index
        self.phrase_text = phrase_text
        self.synonyms = textnorm.Synonyms.from_compiled(index["synonyms"])
        self.vocab: list[str] = index["vocab"]
        self.token_id = {t: i for i, t in enumerate(self.vocab)}
        self.vocab_set = self.token_id.keys()
        self.spelling: dict[str, int] = index["spelling"]
        self._spelling_list: list[str] | None = None  # built on the first typo (most queries have none)
        self.undoubled: dict[str, str] = index["undoubled"]
        self._synonym_pairs: set[tuple[str, str]] | None = None  # adjacent words of variants, on the first typo
        arrays = {}
        for name, code in (("entry_kind", "B"), ("phrase_entry", "I"), ("phrase_slot", "I"), ("phrase_lang", "B"),
                           ("tok_ids", "I"), ("tok_off", "I"), ("post_ids", "I"), ("post_off", "I"), ("idf", "d")):
            arrays[name] = array(code)
            arrays[name].frombytes(index[name])
        self.a = arrays
        self.idf = dict(zip(self.vocab, arrays["idf"]))
        self.same_point = {frozenset(pair) for pair in index["same_point"]}
        self.entry_years: dict[int, list[str]] = index["entry_years"]
        self.entry_places: dict[int, list[str]] = index["entry_places"]
        self.entry_answer: dict[int, list[str]] = index["entry_answer"]
        self.concepts = frozenset(index["concepts"])
        self.entry_concepts: dict[int, list[str]] = index["entry_concepts"]
        self._entry_words: dict[int, frozenset[str]] = {}  # the words of an entry's phrases, as candidates need them
        self.first_example: dict[int, int] = index["first_example"]
        self.off_topic: int = index["off_topic"]  # the entry of the examples to decline, or -1

    def phrase_tokens(self, i: int) -> list[str]:
        off = self.a["tok_off"]
        return [self.vocab[t] for t in self.a["tok_ids"][off[i]:off[i + 1]]]

    def postings(self, token: str) -> Any:
        t = self.token_id.get(token)
        if t is None:
            return ()
        off = self.a["post_off"]
        return self.a["post_ids"][off[t]:off[t + 1]]

    def analyse_query(self, query: str) -> Analysis:
        analysis = Analysis(textnorm.fold(query))
        analysis.set_aside = textnorm.set_aside_words(query)
        words, sims, hows = self._correct(analysis.folded.split(), analysis)
        analysis.names_mexico = not textnorm.MEXICO_WORDS.isdisjoint(words)
        latest = 0 if textnorm.asks_forecast(analysis.folded) else self.index["latest_year"]  # a year to come is no "now"
        light_at: set[int] = set()  # positions in analysis.words of everyday words (LIGHT_CAP, LIGHT_SHARE)
        context = textnorm.context_words(query)  # words of sentences after the question that ask nothing
        typed_as = {fix: typed for typed, fix in analysis.fixed}
        for token, start, end in self.synonyms.spans(words):
            if latest and _is_year(token) and int(token) == latest + 1 and "now" in self.vocab_set:
                token = "now"
            if " ".join(words[start:end]) != token:
                analysis.synonyms.append(f"{' '.join(words[start:end])} -> {token}")
            if token in textnorm.STOP_WORDS or (len(token) == 1 and token not in self.vocab_set):
                continue  # a lone letter the KB lacks ("drones n software") says nothing
            sim = min(sims[start:end])
            how = next((h for h in hows[start:end] if h != "exact"), "exact")
            if context and all(w in context or typed_as.get(w) in context for w in words[start:end]):
                how = "context"  # weighs as an everyday word does, and is no unknown word, place, year or concept
            if token in self.vocab_set:
                weight = self.idf[token]
                # other forms of an English verb meet too, a little less ("replaced" ~ "replacing")
                matches = {token: sim, **{f: PREFIX_SIM * sim for f in _other_forms(token)
                                          if f != token and f in self.vocab_set}}
            else:
                # an everyday word the KB lacks, or a slip of one, meets no longer word either ("facil" is
                # not "facilities")
                light = how in ("light", "context") or textnorm.is_light(token) or textnorm.is_verb_form(token)
                matches = (dict.fromkeys(self._prefix_matches(token), PREFIX_SIM)
                           if len(token) >= 5 and not light else {})
                if how != "context":  # a context word stays one (it has no matches: it is light)
                    how = "prefix" if matches else "light" if light else "unknown"
                weight = max((self.idf[t] for t in matches), default=self.index["unknown_idf"])
            if how in ("light", "context") or textnorm.is_light(token):  # an everyday word says little (LIGHT_CAP)
                weight = min(weight, self.index["unknown_idf"] * LIGHT_CAP)
                how = "light" if how == "unknown" else how
                light_at.add(len(analysis.words))
            analysis.words.append(QueryWord(token, weight, matches, how))
        heaviest = max((w.weight for i, w in enumerate(analysis.words) if i not in light_at), default=0.0)
        if heaviest:  # ... and never more than half of what the question is about (LIGHT_SHARE)
            for i in light_at:
                word = analysis.words[i]
                analysis.words[i] = word._replace(weight=min(word.weight, heaviest * LIGHT_SHARE))
        analysis.concepts = {token for w in analysis.words if w.how != "context" for token, sim in w.matches.items()
                             if sim == 1.0 and token in self.concepts}
        if textnorm.asks_birthplace(analysis.folded) and textnorm.BIRTHPLACE in self.concepts:
            analysis.concepts.add(textnorm.BIRTHPLACE)
        if textnorm.asks_who_now(words) and "now" in self.vocab_set and not any(
                w.word == "now" or _is_year(w.word) for w in analysis.words):
            analysis.words.append(QueryWord("now", self.idf["now"], {"now": 1.0}, "implied"))
        return analysis.finish()

    def _correct(self, typed: list[str], analysis: Analysis) -> tuple[list[str], list[float], list[str]]:
        """Stem the folded words and fix typos, run-together words and words typed in two against the
        KB's own words, before synonyms apply. Returns the words, each one's similarity to what was typed, and how it
        was found. The typo budget follows the word as typed ("modle" may have a typo; its stem "modl"
        alone would be too short to). A word of five letters or fewer is not "fixed" into an everyday
        word (textnorm.is_light) unless that completes a synonym ("human rigths"): a short unknown
        word near "hizo" is more likely a word the KB lacks ("hijos") than a typo; a longer one near
        "happened" or "according" is a typo ("happend", "acording"). Either way a word one slip from an
        everyday word ("stil", "rigth") weighs as little as one, and is not an unknown word."""
        found: list[tuple[str, float, str]] = []
        joined = False
        for n, raw in enumerate(typed):
            if joined:  # the second half of a word typed in two ("nacio nal")
                joined = False
                continue
            if n + 1 < len(typed) and (whole := self._typed_in_two(raw, typed[n + 1])):
                analysis.corrections.append(f"{raw} {typed[n + 1]} -> {whole}")
                found.append((whole, 1.0, "typo"))
                joined = True
                continue
            word = textnorm.stem(raw)
            if self._is_known(word) or word.isdigit():
                found.append((word, 1.0, "exact"))
                continue
            if len(raw) >= 3 and (stop := _slipped_stop_word(raw)):  # "teh", "wer": a stop word, dropped
                analysis.corrections.append(f"{raw} -> {stop}")
                found.append((stop, 1.0, "exact"))
                continue
            context = (found[-1][0] if found else "", textnorm.stem(typed[n + 1]) if n + 1 < len(typed) else "")
            budget = typo_budget(raw)
            halves = self._split(word)  # only words of 6+ letters split, so they have a budget
            # the KB word one edit away, looked up once: the fix of a 5-to-8-letter word, where a 4-letter
            # word's exceptions start, and what stops a split
            near = self._closest(word, 1, context) if halves or budget == 1 or len(raw) == 4 else None
            # one letter off a KB word is a typo, not two words run together: "naciomal" is not "nacio mal"
            if halves and not near:
                analysis.corrections.append(f"{word} -> {' '.join(halves)}")
                found.extend((half, 1.0, "split") for half in halves)
                continue
            if budget > 1:
                fixed = self._closest(word, budget, context)
            else:
                fixed = (self._four_letter_fix(word, near, context) if len(raw) == 4
                         else self._swapped_letters(word) if len(raw) == 3 else near)
            if not fixed and budget:  # an ending the KB lacks, on a word typed wrong: "suporting" ~ support
                fixed = self._without_ending(word, context)
            if fixed and (not textnorm.is_light(fixed[0]) or len(raw) > 5 or self._in_synonym(fixed[0], context)):
                analysis.corrections.append(f"{word} -> {fixed[0]}")
                analysis.fixed.append((word, fixed[0]))
                found.append((fixed[0], TYPO_SIM[fixed[1]], "typo"))
            else:  # a short word one slip from an everyday word ("stil", "rigth") says as little as it
                found.append((word, 1.0, "light" if fixed else "exact"))
        return [f[0] for f in found], [f[1] for f in found], [f[2] for f in found]

    def _is_known(self, word: str) -> bool:
        """A (stemmed) word the KB, the stop words or the everyday words know: never a typo."""
        return word in self.spelling or word in textnorm.STOP_WORDS or textnorm.is_light(word)

    def _typed_in_two(self, first: str, second: str) -> str | None:
        """The KB word of six letters or more that two neighbouring words make together, when one of
        them alone is not `_is_known`: "nacio nal" is nacional. Two known words (most pairs) are left
        before their join is stemmed."""
        if self._is_known(textnorm.stem(first)) and self._is_known(textnorm.stem(second)):
            return None
        whole = textnorm.stem(first + second)
        return whole if len(whole) >= 6 and whole in self.spelling else None

    def _without_ending(self, word: str, context: tuple[str, str]) -> tuple[str, int] | None:
        """The fix of a word without an ending "-ing", "-ed" or "-ly", when five letters or more are
        left and they are not a KB word as they stand ("teritorially" -> territorial)."""
        for ending in ("ing", "ed", "ly"):
            base = word[:-len(ending)]
            if not word.endswith(ending) or len(base) < 5 or base in self.spelling:
                continue
            if fixed := self._closest(base, typo_budget(base), context):
                return fixed
        return None

    def _split(self, word: str, parts: int = 3) -> tuple[str, ...] | None:
        """KB words (of 3+ letters: "chicago" is not "chica go") that run together make `word`: two, or
        up to `parts` ("humanrightswatch")."""
        if len(word) < 6:
            return None
        for i in range(3, len(word) - 2):
            left, right = textnorm.stem(word[:i]), textnorm.stem(word[i:])  # "rights" + "watch"
            if left in self.spelling and right in self.spelling:
                return left, right
        if parts > 2:
            for i in range(3, len(word) - 5):
                left = textnorm.stem(word[:i])
                rest = self._split(word[i:], parts - 1) if left in self.spelling else None
                if rest:
                    return (left, *rest)
        return None

    def _closest(self, word: str, budget: int, context: tuple[str, str]) -> tuple[str, int] | None:
        """The KB word within `budget` edits (a swap of two letters is one edit): fewest edits, then one
        that reads as a synonym with its neighbour (`context`: the words before and after), then, for
        words of four letters or more, one the word is typed from by leaving letters out ("contrl" is
        control, not contra; "abot" is about, not the texting abt), then the most common, then
        alphabetical."""
        if not budget:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if self._spelling_list is None:
            self._spelling_list = typo_targets(self.spelling)
        found = process.extract(word, self._spelling_list, scorer=OSA.distance,
                                score_cutoff=budget, limit=20)
        # A wrong first letter costs two edits (as in Meilisearch): "hola" is not a typo of "wola". One
        # that sounds the same costs one ("sivilian", "bigilancia"): see SOUND_ALIKE.
        found = [f for f in found if f[0][0] == word[0] or f[1] + 1 <= budget
                 or (f[1] == 1 and word[0] + f[0][0] in SOUND_ALIKE)]
        # A letter doubled in the wrong place is one slip, not two edits: "tarrif" is tariff.
        form = _undouble(word)
        moved = self.undoubled.get(form) or (form if is_typo_target(form, self.spelling) else None)
        if moved and moved != word and all(f[0] != moved for f in found):
            found.append((moved, 1, 0))
        if not found:
            return None
        choice, distance, _ = min(found, key=lambda f: (f[1], not self._in_synonym(f[0], context),
                                                        len(word) > 3 and not _is_subsequence(word, f[0]),
                                                        -self.spelling.get(f[0], 0), f[0]))
        return choice, int(distance)

    def _in_synonym(self, word: str, context: tuple[str, str]) -> bool:
        """Does `word` form two words of a synonym variant with the word before or after it? Between
        equally close fixes this one wins: "supreme cort" is "supreme court", not "supreme corte"."""
        if self._synonym_pairs is None:
            self._synonym_pairs = {pair for variant in self.synonyms.table for pair in pairwise(variant)}
        before, after = context
        return (before, word) in self._synonym_pairs or (word, after) in self._synonym_pairs

    def _four_letter_fix(self, word: str, near: tuple[str, int] | None,
                         context: tuple[str, str]) -> tuple[str, int] | None:
        """A 4-letter word gets no typo budget, except for one letter left out of a longer KB word, the
        first letter right ("cort" -> court, "othr" -> other), two neighbouring letters swapped ("waht"
        -> what), or one letter changed where the fix forms a synonym with a neighbour ("how meny").
        `near` is the KB word one edit away (`_closest` with a budget of 1)."""
        if near and len(near[0]) == len(word) + 1 and near[0][0] == word[0]:
            return near
        return self._swapped_letters(word) or (near if near and self._in_synonym(near[0], context) else None)

    def _swapped_letters(self, word: str) -> tuple[str, int] | None:
        """A 3- or 4-letter word with two neighbouring letters swapped ("waht" -> what, "hwo" -> how), the
        first one kept, into a word that says something: "earn" is not "eran"."""
        for swapped in _adjacent_swaps(word, first=1):
            if swapped in self.spelling and not textnorm.is_light(swapped):
                return swapped, 1
        return None

    def _prefix_matches(self, token: str) -> list[str]:
        """KB words for a word it lacks: longer words it begins ("deploy" ~ "deployment"), shorter ones it
        begins with, and other forms of an English verb ("handing" ~ "handed")."""
        import bisect

        vocab = self.vocab
        start = bisect.bisect_left(vocab, token)
        out = []
        for word in vocab[start:start + 50]:
            if not word.startswith(token):
                break
            if len(word) - len(token) <= 4:
                out.append(word)
        out.extend(w for w in (token[:-k] for k in range(1, 5)) if len(w) >= 5 and w in self.vocab_set)
        out.extend(w for w in _other_forms(token) if w in self.vocab_set and w not in out)
        return out

    def search(self, query: str, limit: int = 5, kinds: tuple[str, ...] = ()) -> tuple[list[Match], Analysis]:
        """Best entries first (one match per entry, only of `kinds` if given), with the query's analysis."""
        analysis = self.analyse_query(query)
        intent = analysis.intent = textnorm.intent(query, analysis.folded, analysis.fixed)
        if analysis.only_stop_words:
            return [], analysis
        best: dict[int, tuple[float, int, dict[str, float]]] = {}  # entry -> (score, phrase, parts)
        intent_weight = INTENT_WEIGHT[intent]
        query_weight = UNKNOWN_WORD ** sum(w.how == "unknown" for w in analysis.words)
        if textnorm.is_personal(analysis.folded):
            query_weight *= PERSONAL
        entry_of, kind_of = self.a["phrase_entry"], self.a["entry_kind"]
        from rapidfuzz.fuzz import ratio

        for i in self._candidates(analysis, kinds):
            entry = entry_of[i]
            kind = KINDS[kind_of[entry]]
            tokens = self.phrase_tokens(i)
            parts = self._score_phrase(analysis, tokens, ratio, self.entry_words(entry), self.entry_answer.get(entry, ()))
            parts = self._entry_marks(entry, analysis, parts)
            # An example carries its own answer, so the kind the query's reading prefers does not weigh on it.
            preferred = 1.0 if self._is_example(entry, i) else intent_weight.get(kind, 1.0)
            weight = KIND_WEIGHT[kind] * preferred * query_weight
            score = round(parts["score"] * weight, 2)
            if weight != 1.0:  # kind, query intent, unknown words and personal advice, shown by --explain
                parts = {**parts, "weight": round(weight, 4)}
            if entry not in best or score > best[entry][0]:
                best[entry] = (score, i, parts)
        if self.off_topic in best:
            analysis.off_topic = self._match(self.off_topic, *best.pop(self.off_topic))
        ids = self.index["entry_id"]
        ranked = sorted(best, key=lambda e: (-best[e][0], KIND_ORDER[KINDS[kind_of[e]]], ids[e]))[:limit]
        matches = [self._match(entry, *best[entry]) for entry in ranked]
        if intent in ("question", "keywords"):
            self._preferred_first(matches, "faq", over="claim")
        elif intent == "check":
            self._preferred_first(matches, "claim", over="faq")
        return matches, analysis

    def _match(self, entry: int, score: float, i: int, parts: dict[str, float]) -> Match:
        """The match of an entry through its phrase i; a phrase that is one of the entry's examples is
        marked `example` in its parts (`--explain` says so)."""
        kind = KINDS[self.a["entry_kind"][entry]]
        if self._is_example(entry, i):
            parts = {**parts, "example": 1.0}
        text = self.phrase_text(kind, self.index["entry_id"][entry], self.a["phrase_slot"][i])
        code = self.a["phrase_lang"][i]
        lang = LANGS[code] if code != UNTOLD else textnorm.detect_language(text) or "en"
        return Match(kind, self.index["entry_id"][entry], score, text, lang, parts)

    def _is_example(self, entry: int, i: int) -> bool:
        """Is phrase i of the entry one of its examples (examples.yaml) rather than its own phrasing?"""
        first = self.first_example.get(entry)
        return first is not None and self.a["phrase_slot"][i] >= first

    def entry_words(self, entry: int) -> frozenset[str]:
        """Every word of an entry's phrases (phrases are stored entry by entry: one contiguous run)."""
        found = self._entry_words.get(entry)
        if found is None:
            import bisect

            entry_of, off, ids, vocab = self.a["phrase_entry"], self.a["tok_off"], self.a["tok_ids"], self.vocab
            first, last = bisect.bisect_left(entry_of, entry), bisect.bisect_right(entry_of, entry)
            found = self._entry_words[entry] = frozenset(vocab[t] for t in ids[off[first]:off[last]])
        return found

    def _entry_marks(self, entry: int, analysis: Analysis, parts: dict[str, float]) -> dict[str, float]:
        """A phrase's parts, marked down for what its whole entry lacks: the query's years, when the entry
        (its phrases or its answer) names others ("frontera norte 2025" is not the 2019 deployment, even
        through a phrase that names no year; a phrase naming another year is then marked down twice), the
        one Mexican place the query names, and the concepts it names that neither the entry's phrases nor
        its answer do."""
        marks = {}
        if analysis.years:
            years = self.entry_years.get(entry)
            if years is not None and analysis.years.isdisjoint(years):
                marks["entry_year_mismatch"] = YEAR_MISMATCH
        if len(analysis.mexican) == 1 and analysis.mexican.isdisjoint(self.entry_places.get(entry, ())):
            marks["missing_place"] = MISSING_PLACE
        if analysis.concepts:
            lacked = analysis.concepts.difference(self.entry_concepts.get(entry, ()))
            missing = len(lacked - textnorm.DETAIL_CONCEPTS)
            if missing:
                marks["missing_concept"] = MISSING_CONCEPT ** missing
            if lacked & textnorm.DETAIL_CONCEPTS:
                marks["missing_detail"] = MISSING_DETAIL
        if analysis.abroad_only and ("missing_concept" in marks or (
                analysis.asks_how_many and "how_many" not in self.entry_words(entry))):
            marks["abroad_only"] = ABROAD_ONLY
        if not marks:
            return parts
        score = parts["score"]
        for factor in marks.values():
            score *= factor
        return {**parts, **marks, "score": round(score, 2)}

    def _preferred_first(self, matches: list[Match], kind: str, over: str) -> None:
        """A question or a list of keywords is better served by an FAQ than by the claim check on the
        same point, and a request to check a claim by the claim check: when a top entry of kind `over`
        has an entry of `kind` on the same point within MARGIN of it, that one goes first
        (`before_claim`, `before_faq` in --explain)."""
        if not matches or matches[0].kind != over:
            return
        top = matches[0]
        for j, other in enumerate(matches[1:], 1):
            if top.score - other.score >= MARGIN:
                return
            if other.kind == kind and frozenset((top.id, other.id)) in self.same_point:
                matches.insert(0, matches.pop(j)._replace(parts={**other.parts, f"before_{over}": 1.0}))
                return

    def decide(self, matches: list[Match], analysis: Analysis, threshold: float | None = None) -> bool:
        """Is the top match confident: above the threshold, explaining enough of the query, and clear of a
        runner-up with a different answer? A runner-up on the same point (an FAQ and the claim check that
        rest on the same facts, `same_point`) does not make the query ambiguous. A claim check asked for
        (`analysis.intent`) may be answered by a claim entry below the threshold: see CHECK_THRESHOLD.
        `threshold` replaces THRESHOLD (benchmarks/calibrate.py sweeps it)."""
        if not matches:
            return False
        top, margin = matches[0], MARGIN
        if top.score < (THRESHOLD if threshold is None else threshold):
            if analysis.intent != "check" or top.kind != "claim" or top.score < CHECK_THRESHOLD:
                return False
            margin = CHECK_MARGIN
        if _explained(top.parts) < MIN_QUERY_COVERAGE:
            return False
        rivals = [m for m in matches[1:] if frozenset((top.id, m.id)) not in self.same_point]
        off = analysis.off_topic  # closer to a question no entry answers than to any entry, or nearly
        if off is not None:
            if off.score > top.score:
                return False
            rivals = sorted([*rivals, off], key=lambda m: -m.score)
        return not (rivals and top.score - rivals[0].score < margin and top.score < SURE)

    def _candidates(self, analysis: Analysis, kinds: tuple[str, ...]) -> list[int]:
        """Phrases sharing a (fuzzy) word with the query, cheapest-first narrowed to CANDIDATES.
        Words found in more than COMMON_SHARE of all phrases only score; they do not nominate
        candidates unless nothing rarer does (on a large KB their postings are long to walk)."""
        rough: dict[int, float] = {}
        entry_of, kind_of = self.a["phrase_entry"], self.a["entry_kind"]
        wanted = {KINDS.index(k) for k in kinds} if kinds else None
        common = max(COMMON_MIN, int(COMMON_SHARE * len(entry_of)))
        lists = [(word.weight * sim, self.postings(token)) for word in analysis.words
                 for token, sim in word.matches.items()]
        rare = [(w, p) for w, p in lists if len(p) <= common]
        for weight, plist in rare or lists:
            for i in plist:
                if wanted is None or kind_of[entry_of[i]] in wanted or entry_of[i] == self.off_topic:
                    rough[i] = rough.get(i, 0.0) + weight
        if len(rough) <= CANDIDATES:
            return sorted(rough)
        off = self.a["tok_off"]  # on equal overlap, shorter phrases first: they are covered better
        chosen: list[int] = []
        per_entry: dict[int, int] = {}
        for i in sorted(rough, key=lambda i: (-rough[i], off[i + 1] - off[i], i)):
            taken = per_entry.get(entry_of[i], 0)
            if taken < PER_ENTRY:  # room for other entries, however many phrasings and examples one has
                per_entry[entry_of[i]] = taken + 1
                chosen.append(i)
                if len(chosen) == CANDIDATES:
                    break
        return sorted(chosen)

    def _score_phrase(self, analysis: Analysis, tokens: list[str], ratio: Callable[[str, str], float],
                      entry_words: frozenset[str], answer: Sequence[str]) -> dict[str, float]:
        """Score one phrase of an entry whose phrases' words are `entry_words` (see SIBLING_SIM) and whose
        answer's specific words are `answer` (see ANSWER_SIM)."""
        idf = self.idf
        q_total = analysis.total_weight
        q_hit = sibling = answered = 0.0
        for w in analysis.words:
            hit = max((w.matches.get(t, 0.0) for t in tokens), default=0.0)
            if hit:
                q_hit += w.weight * hit
                continue
            in_entry = SIBLING_SIM * max((s for t, s in w.matches.items() if t in entry_words), default=0.0)
            in_answer = ANSWER_SIM * max((s for t, s in w.matches.items() if t in answer), default=0.0)
            if in_answer > in_entry:
                answered += w.weight * in_answer
            else:
                sibling += w.weight * in_entry
        p_total = sum(idf.get(t, 0.0) for t in tokens)
        p_hit = sum(idf.get(t, 0.0) * max((w.matches.get(t, 0.0) for w in analysis.words), default=0.0)
                    for t in tokens)
        chars = ratio(analysis.text, " ".join(tokens)) / 100
        query_cov = q_hit / q_total if q_total else 0.0
        phrase_cov = p_hit / p_total if p_total else 0.0
        counted = query_cov
        if q_total > LONG_QUERY:  # a long question need not be explained word for word
            counted += LONG_SHARE * (min(1.0, q_hit / LONG_QUERY) - query_cov)
        answer_cov = answered / q_total if q_total else 0.0
        sibling_cov = sibling / q_total if q_total else 0.0
        score = 100 * (W_QUERY * (counted + sibling_cov + answer_cov) + W_PHRASE * phrase_cov + W_CHARS * chars)
        parts = {"query_coverage": round(query_cov, 4), "phrase_coverage": round(phrase_cov, 4),
                 "characters": round(chars, 4)}
        if counted != query_cov:
            parts["long_query_coverage"] = round(counted, 4)
        if sibling_cov:
            parts["other_phrasings"] = round(sibling_cov, 4)
        if answer_cov:
            parts["answer_words"] = round(answer_cov, 4)
        named = {t for t in tokens if _is_year(t)}
        if analysis.years and named and not analysis.years & named:
            score *= YEAR_MISMATCH
            parts["year_mismatch"] = YEAR_MISMATCH
        if analysis.places:  # most queries name none: skip the set work for every phrase
            places = textnorm.PLACES.intersection(tokens)
            if places and not analysis.places & places:
                score *= PLACE_MISMATCH
                parts["place_mismatch"] = PLACE_MISMATCH
            elsewhere = len(analysis.foreign.difference(tokens))
            if elsewhere:
                score *= FOREIGN_PLACE ** elsewhere
                parts["foreign_place"] = FOREIGN_PLACE ** elsewhere
        if analysis.bodies and not analysis.bodies.intersection(tokens):
            about_abroad = not analysis.places and not textnorm.FOREIGN_PLACES.isdisjoint(tokens)
            if textnorm.SUBJECT in tokens or about_abroad:
                score *= OTHER_BODY
                parts["other_body"] = OTHER_BODY
        parts["score"] = round(score, 2)
        return parts


def _explained(parts: dict[str, float]) -> float:
    """How much of the query a match explains: its phrase's (long-query) coverage plus what the entry's
    other phrasings and answer add."""
    covered = parts.get("long_query_coverage", parts.get("query_coverage", 1.0))
    return covered + parts.get("other_phrasings", 0.0) + parts.get("answer_words", 0.0)


def _other_forms(token: str) -> list[str]:
    """Other English forms of a verb: handing -> handed, hand (for a word the KB lacks, and as near
    matches of one it has)."""
    for suffix in ("ing", "ed"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            base = token[:-len(suffix)]
            bases = [base, base + "e"] + ([base[:-1]] if len(base) > 3 and base[-1] == base[-2] else [])
            return [f for b in bases for f in (b + "ed", b + "ing", b)]
    return []


def _undouble(word: str) -> str:
    """The word with each run of a repeated letter written once ("tariff", "tarrif" -> "tarif")."""
    return "".join(ch for i, ch in enumerate(word) if i == 0 or ch != word[i - 1])


def _is_subsequence(short: str, long: str) -> bool:
    """Can `long` be typed as `short` by leaving letters out ("contrl" of "control")?"""
    letters = iter(long)
    return all(ch in letters for ch in short)


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and token[:2] in ("19", "20")


def _slipped_stop_word(word: str) -> str | None:
    """A stop word typed with two neighbouring letters swapped ("teh", "taht", "wiht") or, if it has four
    letters or more, with one left out ("wer", "frm")."""
    swapped = next((swapped for swapped in _adjacent_swaps(word) if swapped in textnorm.STOP_WORDS), None)
    return swapped or textnorm.STOP_WORD_SLIPS.get(word)


def _adjacent_swaps(word: str, first: int = 0) -> Iterator[str]:
    """The other words made by swapping two neighbouring letters, from position `first` on."""
    for i in range(first, len(word) - 1):
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if swapped != word:
            yield swapped
