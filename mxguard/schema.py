"""The knowledge-base schema: check parsed YAML field by field, collect every problem with its line,
and return plain data (str, int, float, list, dict) ready to cache and to build models from."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mxguard.kbyaml import YList, YMap, YStr
from mxguard.models import DECLINE, LANGS

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
URL_RE = re.compile(r"^https?://\S+$")
NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
STATUSES = ("verified", "reported", "contested")
KINDS = ("primary", "secondary")
VERDICTS = ("accurate", "outdated", "inaccurate", "unverifiable", "likely-invented", "mixed")
ABSENCE_VERDICTS = ("unverifiable", "likely-invented")  # may rest on "nothing was found"
ORIGINS = ("seed", "common")
MIN_ALTERNATES = 5  # per language; fewer is a warning (paraphrases are the biggest lever on matching)
TOP_LEVEL = {
    "facts.yaml": ("version", "sources", "topics", "facts", "series", "timeline"),
    "faq.yaml": ("version", "faqs", "claims", "synonyms"),
    "examples.yaml": ("version", "examples"),
}


@dataclass
class Report:
    """Problems found while checking one knowledge base: (file, line, col, message, warning)."""

    items: list[tuple[str, int, int, str, bool]]

    def add(self, file: str, node: Any, message: str, warning: bool = False) -> None:
        self.items.append((file, getattr(node, "line", 1), getattr(node, "col", 1), message, warning))


Check = Callable[[Any], "tuple[Any, str | None]"]


def _str(node: Any) -> tuple[Any, str | None]:
    if not isinstance(node, YStr):
        return None, "must be text"
    if not node.strip():
        return None, "must not be empty"
    return str(node), None


def _opt_str(node: Any) -> tuple[Any, str | None]:
    return (str(node), None) if isinstance(node, YStr) else (None, "must be text")


def _id(node: Any) -> tuple[Any, str | None]:
    value, err = _str(node)
    if err:
        return None, err
    if not ID_RE.match(value):
        return None, f"'{value}' is not a kebab-case id (lower-case letters, digits and single hyphens)"
    return value, None


def _date(node: Any) -> tuple[Any, str | None]:
    value, err = _opt_str(node)
    if err:
        return None, err
    if not DATE_RE.match(value):
        return None, f"'{value}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD); quote it"
    return value, None


def _date_or_empty(node: Any) -> tuple[Any, str | None]:
    return ("", None) if isinstance(node, YStr) and node == "" else _date(node)


def _url(node: Any) -> tuple[Any, str | None]:
    value, err = _str(node)
    if err:
        return None, err
    if not URL_RE.match(value):
        return None, f"'{value}' is not an http(s) URL; copy it exactly as published"
    return value, None


def _number(node: Any) -> tuple[Any, str | None]:
    if not isinstance(node, YStr) or not NUMBER_RE.match(node):
        return None, "must be a number written without separators (e.g. 137716 or 29.3)"
    return (float(node) if "." in node else int(node)), None


def _positive_int(node: Any) -> tuple[Any, str | None]:
    value, err = _number(node)
    if err or not isinstance(value, int) or value <= 0:
        return None, "must be a whole number of days above 0"
    return value, None


def _enum(*allowed: str) -> Check:
    def check(node: Any) -> tuple[Any, str | None]:
        value, err = _str(node)
        if err:
            return None, err
        if value not in allowed:
            return None, f"'{value}' is not one of: {', '.join(allowed)}"
        return value, None

    return check


def _text(node: Any) -> tuple[Any, str | None]:
    if not isinstance(node, YMap):
        return None, "must give both languages: {en: \"...\", es: \"...\"}"
    missing = [lang for lang in LANGS if not (isinstance(node.get(lang), YStr) and node[lang].strip())]
    if missing:
        return None, f"the {' and '.join(missing)} text is missing or empty"
    extra = sorted(set(node) - set(LANGS))
    if extra:
        return None, f"unknown language key '{extra[0]}' (use en and es)"
    return {lang: str(node[lang]) for lang in LANGS}, None


def _id_list(node: Any) -> tuple[Any, str | None]:
    if not isinstance(node, YList):
        return None, "must be a list of ids: [id-one, id-two]"
    out = []
    for item in node:
        value, err = _id(item)
        if err:
            return None, f"list item: {err}"
        out.append(value)
    return out, None


def _alternates(node: Any) -> tuple[Any, str | None]:
    if not isinstance(node, YMap):
        return None, "must map each language to a list: {en: [...], es: [...]}"
    out: dict[str, list[str]] = {}
    for lang in LANGS:
        items = node.get(lang)
        if not isinstance(items, YList) or not all(isinstance(i, YStr) and i.strip() for i in items):
            return None, f"'{lang}' must be a list of non-empty texts"
        out[lang] = [str(i) for i in items]
    extra = sorted(set(node) - set(LANGS))
    if extra:
        return None, f"unknown language key '{extra[0]}' (use en and es)"
    return out, None


# field name -> (check, required); a nested Fields means "a list of such records"
Fields = dict[str, tuple[Any, bool]]
SOURCE: Fields = {
    "id": (_id, True), "publisher": (_str, True), "title": (_str, True), "url": (_url, True),
    "date": (_date_or_empty, False), "accessed": (_date, True), "kind": (_enum(*KINDS), True),
    "note": (_opt_str, False),
}
TOPIC: Fields = {"id": (_id, True), "title": (_text, True)}
FACT_VALUE: Fields = {"value": (_number, True), "source": (_id, True), "basis": (_text, False)}
FACT: Fields = {
    "id": (_id, True), "topic": (_id, True), "statement": (_text, True), "status": (_enum(*STATUSES), True),
    "sources": (_id_list, True), "value": (_number, False), "unit": (_str, False), "as_of": (_date, False),
    "values": (FACT_VALUE, False),
}
FAQ: Fields = {
    "id": (_id, True), "topic": (_id, True), "question": (_text, True), "alternates": (_alternates, True),
    "answer": (_text, True), "facts": (_id_list, False), "sources": (_id_list, False),
    "related": (_id_list, False),
}
CLAIM: Fields = {
    "id": (_id, True), "topic": (_id, True), "claim": (_text, True), "alternates": (_alternates, True),
    "verdict": (_enum(*VERDICTS), True), "correction": (_text, True), "facts": (_id_list, False),
    "sources": (_id_list, False), "origin": (_enum(*ORIGINS), False),
}
POINT: Fields = {
    "year": (_date, False), "date": (_date, False), "value": (_number, True), "sources": (_id_list, True),
    "note": (_text, False),
}
SERIES: Fields = {
    "id": (_id, True), "title": (_text, True), "unit": (_str, True), "review_days": (_positive_int, True),
    "note": (_text, False), "points": (POINT, True),
}
EVENT: Fields = {"date": (_date, True), "event": (_text, True), "sources": (_id_list, True)}

def _records(node: Any, fields: Fields, complain: Callable[[Any, str], None]) -> tuple[Any, str | None]:
    if not isinstance(node, YList):
        return None, "must be a list of entries"
    records = (_record(item, fields, complain) for item in node)
    return [r for r in records if r is not None], None


def _record(node: Any, fields: Fields, complain: Callable[[Any, str], None]) -> dict[str, Any] | None:
    """Check one entry against its fields; returns clean data, or None when it is not a mapping."""
    if not isinstance(node, YMap):
        complain(node, "each entry must be a mapping of field: value")
        return None
    out: dict[str, Any] = {}
    for key in node:
        if key not in fields:
            hint = difflib.get_close_matches(key, fields, n=1)
            where = _KeyNode(node, key)
            complain(where, f"unknown field '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""))
    for name, (check, required) in fields.items():
        if name not in node:
            if required:
                complain(node, f"missing field '{name}'" + _label(node))
            continue
        if isinstance(check, dict):
            value, err = _records(node[name], check, complain)
        else:
            value, err = check(node[name])
        if err:
            target = node[name] if hasattr(node[name], "line") else _KeyNode(node, name)
            complain(target, f"'{name}' {err}{_label(node)}")
        else:
            out[name] = value
    return out


@dataclass(frozen=True)
class _Pos:
    line: int
    col: int


def _KeyNode(mapping: YMap, key: str) -> _Pos:  # noqa: N802 - reads as a node type at call sites
    """Position of a key inside a mapping, for messages about the key itself."""
    return _Pos(*mapping.key_pos.get(key, (mapping.line, mapping.col)))


def _label(node: YMap) -> str:
    ident = node.get("id")
    return f" (in '{ident}')" if isinstance(ident, YStr) else ""


def check_file(name: str, root: Any, report: Report) -> dict[str, Any]:
    """Check one file's top level and entries; returns {section: {id: record}} (timeline: list)."""
    out: dict[str, Any] = {}
    if not isinstance(root, YMap):
        report.add(name, root, "the file must be a mapping with `version: 1` and its sections")
        return out
    for key in root:
        if key not in TOP_LEVEL[name]:
            hint = difflib.get_close_matches(key, TOP_LEVEL[name], n=1)
            report.add(name, _KeyNode(root, key), f"unknown section '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""))
    version = root.get("version")
    if version != "1":
        report.add(name, version if version is not None else root, "`version: 1` is required at the top")
    sections = {
        "sources": SOURCE, "topics": TOPIC, "facts": FACT, "faqs": FAQ, "claims": CLAIM, "series": SERIES,
    }
    for section, fields in sections.items():
        if section in TOP_LEVEL[name]:
            out[section] = _check_section(name, root, section, fields, report)
    if name == "facts.yaml":
        out["timeline"] = _check_list(name, root, "timeline", EVENT, report)
    elif name == "examples.yaml":
        out["examples"] = _check_examples_section(name, root.get("examples"), report)
    else:
        out["synonyms"] = _check_synonyms(name, root.get("synonyms"), report)
    return out


def _check_section(name: str, root: YMap, section: str, fields: Fields, report: Report) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    node = root.get(section)
    if node is None:
        return entries
    if not isinstance(node, YList):
        report.add(name, node, f"'{section}' must be a list of entries")
        return entries
    for item in node:
        record = _record(item, fields, lambda n, m: report.add(name, n, m))
        if record is None or "id" not in record:
            continue
        ident = record["id"]
        if ident in entries:
            report.add(name, item.get("id"), f"duplicate id '{ident}' (first on line {first_line[ident]}); ids must be unique")
            continue
        entries[ident] = record
        first_line[ident] = item.line
        record["_line"] = (item.line, item.col)
    return entries


def _check_list(name: str, root: YMap, section: str, fields: Fields, report: Report) -> list[Any]:
    node = root.get(section)
    if node is None:
        return []
    if not isinstance(node, YList):
        report.add(name, node, f"'{section}' must be a list of entries")
        return []
    out = []
    for item in node:
        record = _record(item, fields, lambda n, m: report.add(name, n, m))
        if record is not None and all(f in record for f, (_, required) in fields.items() if required):
            record["_line"] = (item.line, item.col)
            out.append(record)
    return out


def _check_examples_section(name: str, node: Any, report: Report) -> dict[str, Any]:
    """examples: {entry id or none: [question, ...]} -> {id: {"questions": [...], "_line": (line, col)}}."""
    if node is None:
        return {}
    if not isinstance(node, YMap):
        report.add(name, node, f"'examples' must map each FAQ or claim id (or {DECLINE}) to a list of questions")
        return {}
    out = {}
    for key in node:
        where, items = _KeyNode(node, key), node[key]
        if not ID_RE.match(key):
            report.add(name, where, f"'{key}' is not an id: use an FAQ or claim id, or {DECLINE}")
        elif not isinstance(items, YList) or not all(isinstance(i, YStr) and i.strip() for i in items):
            report.add(name, items if hasattr(items, "line") else where, f"'{key}' must be a list of non-empty questions")
        else:
            out[str(key)] = {"questions": [str(i) for i in items], "_line": (where.line, where.col)}
    return out


def _check_synonyms(name: str, node: Any, report: Report) -> list[list[str]]:
    if node is None:
        return []
    if not isinstance(node, YList):
        report.add(name, node, "'synonyms' must be a list of groups: - [canonical, variant, ...]")
        return []
    groups = []
    for group in node:
        if not isinstance(group, YList) or len(group) < 2 or not all(isinstance(g, YStr) and g.strip() for g in group):
            report.add(name, group, "a synonym group must list at least two non-empty texts")
            continue
        groups.append([str(g) for g in group])
    return groups


def check_references(data: dict[str, Any], report: Report) -> None:
    """Every id an entry points at must exist; statistics need unit and as_of; claims need evidence."""
    facts_file, faq_file = "facts.yaml", "faq.yaml"

    def where(record: dict[str, Any]) -> Any:
        return _Pos(*record.get("_line", (1, 1)))

    def need(file: str, record: dict[str, Any], table: str, ids: list[str], what: str) -> None:
        for ref in ids:
            if ref not in data.get(table, {}):
                hint = difflib.get_close_matches(ref, data.get(table, {}), n=1)
                label = record.get("id") or record.get("date", "")
                report.add(file, where(record), f"'{label}': {what} '{ref}' is not defined"
                           + (f" (did you mean '{hint[0]}'?)" if hint else f" in {table}"))

    for fact in data.get("facts", {}).values():
        need(facts_file, fact, "topics", [fact["topic"]] if "topic" in fact else [], "topic")
        need(facts_file, fact, "sources", fact.get("sources", []), "source")
        need(facts_file, fact, "sources", [v["source"] for v in fact.get("values", []) if "source" in v], "source")
        if "sources" in fact and not fact["sources"]:
            report.add(facts_file, where(fact), f"'{fact['id']}': a fact needs at least one source")
        _check_statistic(fact, report, where)
    for series in data.get("series", {}).values():
        for point in series.get("points", []):
            need(facts_file, series, "sources", point.get("sources", []), "source")
            if ("year" in point) == ("date" in point):
                report.add(facts_file, where(series), f"'{series['id']}': each point needs either year or date")
    for event in data.get("timeline", []):
        need(facts_file, event, "sources", event.get("sources", []), "source")
    for table, label in (("faqs", "FAQ"), ("claims", "claim")):
        for entry in data.get(table, {}).values():
            need(faq_file, entry, "topics", [entry["topic"]] if "topic" in entry else [], "topic")
            need(faq_file, entry, "facts", entry.get("facts", []), "fact")
            need(faq_file, entry, "sources", entry.get("sources", []), "source")
            need(faq_file, entry, "faqs", entry.get("related", []), "related FAQ")
            cites = entry.get("facts") or entry.get("sources")
            if not cites and entry.get("verdict") not in ABSENCE_VERDICTS:
                report.add(faq_file, where(entry), f"'{entry.get('id')}': this {label} cites no fact or source; add one")
            for lang, items in entry.get("alternates", {}).items():
                if len(items) < MIN_ALTERNATES:
                    report.add(faq_file, where(entry), f"'{entry.get('id')}': only {len(items)} {lang} alternates "
                               f"(aim for {MIN_ALTERNATES}+; paraphrases are what lets people find it)", warning=True)
    _check_examples(data, report)


def _check_examples(data: dict[str, Any], report: Report) -> None:
    """Examples are filed under an FAQ or a claim check, or under `none`, which no entry may be called."""
    known = {**data.get("faqs", {}), **data.get("claims", {})}
    if DECLINE in known:
        report.add("faq.yaml", _Pos(*known[DECLINE].get("_line", (1, 1))),
                   f"the id '{DECLINE}' is reserved: examples.yaml files the questions to decline under it")
    for ref, record in data.get("examples", {}).items():
        if ref != DECLINE and ref not in known:
            hint = difflib.get_close_matches(ref, known, n=1)
            report.add("examples.yaml", _Pos(*record["_line"]), f"'{ref}' is not an FAQ or claim id"
                       + (f" (did you mean '{hint[0]}'?)" if hint else f"; use one, or {DECLINE} for questions to decline"))


def _check_statistic(fact: dict[str, Any], report: Report, where: Callable[[Any], Any]) -> None:
    has_value, has_values = "value" in fact, bool(fact.get("values"))
    if not (has_value or has_values):
        return
    for field in ("unit", "as_of"):
        if field not in fact:
            report.add("facts.yaml", where(fact), f"'{fact['id']}': a statistic needs '{field}'")
    if has_values and fact.get("status") != "contested":
        report.add("facts.yaml", where(fact), f"'{fact['id']}': competing 'values' need status contested")
    if has_value and has_values:
        report.add("facts.yaml", where(fact), f"'{fact['id']}': give either 'value' or 'values', not both")
