"""Immutable records for the knowledge base and for matches, built lazily from checked plain data.

They are NamedTuples rather than dataclasses on purpose: importing dataclasses (and the inspect module
it pulls in) and building a dozen dataclasses costs ~30 ms per run, a third of the `ask` start-up
budget; typing is loaded by RapidFuzz anyway, and NamedTuples are just as frozen and typed."""

from __future__ import annotations

from typing import Any, NamedTuple

DECLINE = "none"  # an example's `entry` in examples.yaml when no entry answers it: the tool must decline
LANGS = ("en", "es")
Raw = dict[str, Any]


class Text(NamedTuple):
    """The same text in English and Spanish."""

    en: str
    es: str

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en

    @classmethod
    def of(cls, raw: Any) -> Text | None:
        return cls(raw["en"], raw["es"]) if raw else None


class Source(NamedTuple):
    id: str
    publisher: str
    title: str
    url: str
    date: str
    accessed: str
    kind: str
    note: str = ""


class Topic(NamedTuple):
    id: str
    title: Text


class FactValue(NamedTuple):
    """One of several competing figures for a contested statistic."""

    value: float
    source: str
    basis: Text | None


class Fact(NamedTuple):
    id: str
    topic: str
    statement: Text
    status: str
    sources: tuple[str, ...]
    value: float | None = None
    unit: str = ""
    as_of: str = ""
    values: tuple[FactValue, ...] = ()

    @property
    def is_statistic(self) -> bool:
        return self.value is not None or bool(self.values)


class Faq(NamedTuple):
    id: str
    topic: str
    question: Text
    alternates: dict[str, tuple[str, ...]]
    answer: Text
    facts: tuple[str, ...]
    sources: tuple[str, ...]
    related: tuple[str, ...]


class Claim(NamedTuple):
    id: str
    topic: str
    claim: Text
    alternates: dict[str, tuple[str, ...]]
    verdict: str
    correction: Text
    facts: tuple[str, ...]
    sources: tuple[str, ...]
    origin: str


class SeriesPoint(NamedTuple):
    label: str  # a year ("2019") or an ISO date ("2020-09")
    value: float
    sources: tuple[str, ...]
    note: Text | None


class Series(NamedTuple):
    id: str
    title: Text
    unit: str
    review_days: int
    note: Text | None
    points: tuple[SeriesPoint, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return _unique(s for p in self.points for s in p.sources)

    @property
    def as_of(self) -> str:
        return max((p.label for p in self.points), default="")


class Event(NamedTuple):
    date: str
    event: Text
    sources: tuple[str, ...]


class Match(NamedTuple):
    """A knowledge-base entry found for a query, with the evidence for the score."""

    kind: str  # "faq" | "claim" | "fact"
    id: str
    score: float  # 0-100
    phrase: str  # the question, alternate or statement that matched best
    lang: str  # language of that phrase
    parts: dict[str, float]  # the score's components, for --explain


def _unique(items: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _number(raw: Any) -> float:
    return raw if isinstance(raw, (int, float)) else float(raw)


def _alternates(raw: Any) -> dict[str, tuple[str, ...]]:
    raw = raw or {}
    return {lang: tuple(raw.get(lang, ())) for lang in LANGS}


def source_from(raw: Raw) -> Source:
    return Source(
        raw["id"], raw["publisher"], raw["title"], raw["url"], raw.get("date", ""),
        raw["accessed"], raw["kind"], raw.get("note", ""),
    )


def fact_from(raw: Raw) -> Fact:
    values = tuple(
        FactValue(_number(v["value"]), v["source"], Text.of(v.get("basis"))) for v in raw.get("values", ())
    )
    value = raw.get("value")
    return Fact(
        raw["id"], raw["topic"], Text.of(raw["statement"]),  # type: ignore[arg-type]
        raw["status"], tuple(raw.get("sources", ())),
        None if value is None else _number(value), raw.get("unit", ""), raw.get("as_of", ""), values,
    )


def faq_from(raw: Raw) -> Faq:
    return Faq(
        raw["id"], raw["topic"], Text.of(raw["question"]), _alternates(raw.get("alternates")),  # type: ignore[arg-type]
        Text.of(raw["answer"]), tuple(raw.get("facts", ())), tuple(raw.get("sources", ())),  # type: ignore[arg-type]
        tuple(raw.get("related", ())),
    )


def claim_from(raw: Raw) -> Claim:
    return Claim(
        raw["id"], raw["topic"], Text.of(raw["claim"]), _alternates(raw.get("alternates")),  # type: ignore[arg-type]
        raw["verdict"], Text.of(raw["correction"]), tuple(raw.get("facts", ())),  # type: ignore[arg-type]
        tuple(raw.get("sources", ())), raw.get("origin", "common"),
    )


def series_from(raw: Raw) -> Series:
    points = tuple(
        SeriesPoint(str(p.get("year") or p.get("date")), _number(p["value"]), tuple(p.get("sources", ())),
                    Text.of(p.get("note")))
        for p in raw.get("points", ())
    )
    return Series(
        raw["id"], Text.of(raw["title"]), raw.get("unit", ""), int(raw.get("review_days") or 0),  # type: ignore[arg-type]
        Text.of(raw.get("note")), points,
    )


class KnowledgeBase:
    """The checked knowledge base. Holds compiled data, where each entry may still be marshal bytes,
    and builds model objects on first access, so answering one question does not decode every entry."""

    def __init__(self, data: Raw, root: str = "") -> None:
        self.data = data
        self.root = root
        self._built: dict[tuple[str, str], Any] = {}
        self.index: Any = None  # the matching index, compiled with the data

    def record(self, table: str, entry_id: str) -> Raw:
        raw = self.data[table][entry_id]
        if isinstance(raw, bytes):
            import marshal

            raw = self.data[table][entry_id] = marshal.loads(raw)
        return raw  # type: ignore[no-any-return]

    def _get(self, table: str, entry_id: str, build: Any) -> Any:
        key = (table, entry_id)
        if key not in self._built:
            self._built[key] = build(self.record(table, entry_id))
        return self._built[key]

    def phrase_text(self, kind: str, entry_id: str, slot: int) -> str:
        """The text of an entry's phrase number `slot` (as numbered by matching.entry_phrases: its question
        and alternates, then its examples)."""
        from mxguard.matching import SOURCES_OF_PHRASES, entry_phrases

        phrases = []
        if entry_id != DECLINE:
            _, table, main, alternates = next(s for s in SOURCES_OF_PHRASES if s[0] == kind)
            phrases = entry_phrases(self.record(table, entry_id), main, alternates)
        if slot < len(phrases):
            return phrases[slot][1]
        return self.record("examples", entry_id)["questions"][slot - len(phrases)]  # type: ignore[no-any-return]

    def source(self, sid: str) -> Source:
        return self._get("sources", sid, source_from)  # type: ignore[no-any-return]

    def fact(self, fid: str) -> Fact:
        return self._get("facts", fid, fact_from)  # type: ignore[no-any-return]

    def faq(self, qid: str) -> Faq:
        return self._get("faqs", qid, faq_from)  # type: ignore[no-any-return]

    def claim(self, cid: str) -> Claim:
        return self._get("claims", cid, claim_from)  # type: ignore[no-any-return]

    def series_by_id(self, sid: str) -> Series:
        return self._get("series", sid, series_from)  # type: ignore[no-any-return]

    def topic(self, tid: str) -> Topic:
        return self._get("topics", tid, lambda r: Topic(r["id"], Text(r["title"]["en"], r["title"]["es"])))  # type: ignore[no-any-return]

    def ids(self, table: str) -> list[str]:
        return list(self.data.get(table, {}))

    def topics(self) -> list[Topic]:
        return [self.topic(t) for t in self.ids("topics")]

    def faqs(self, topic: str | None = None) -> list[Faq]:
        return [f for f in (self.faq(i) for i in self.ids("faqs")) if topic in (None, f.topic)]

    def facts(self, topic: str | None = None) -> list[Fact]:
        return [f for f in (self.fact(i) for i in self.ids("facts")) if topic in (None, f.topic)]

    def claims(self, topic: str | None = None) -> list[Claim]:
        return [c for c in (self.claim(i) for i in self.ids("claims")) if topic in (None, c.topic)]

    def sources(self) -> list[Source]:
        return [self.source(s) for s in self.ids("sources")]

    def all_series(self) -> list[Series]:
        return [self.series_by_id(s) for s in self.ids("series")]

    def timeline(self) -> list[Event]:
        return [Event(e["date"], Text.of(e["event"]), tuple(e.get("sources", ())))  # type: ignore[arg-type]
                for e in self.data.get("timeline", ())]

    def entry(self, kind: str, entry_id: str) -> Faq | Claim | Fact:
        build = {"faq": self.faq, "claim": self.claim, "fact": self.fact}[kind]
        return build(entry_id)  # type: ignore[operator,no-any-return,return-value]

    def cited_sources(self, entry: Faq | Claim | Fact) -> list[Source]:
        """Sources an entry rests on: its facts' sources (competing values' too), then those it cites directly."""
        ids: list[str] = []
        for fact in self.cited_facts(entry):
            ids.extend(fact.sources)
            ids.extend(v.source for v in fact.values)
        if not isinstance(entry, Fact):
            ids.extend(entry.sources)
        return [self.source(s) for s in _unique(ids)]

    def cited_facts(self, entry: Faq | Claim | Fact) -> list[Fact]:
        return [entry] if isinstance(entry, Fact) else [self.fact(f) for f in entry.facts]
