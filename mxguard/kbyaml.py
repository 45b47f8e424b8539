"""Strict YAML reading for hand-edited knowledge-base files: every scalar stays text, every node keeps its line.

PyYAML's loaders guess types (YAML 1.1 turns `no` into False and `2019-03-26` into a date), keep the
last of two duplicate keys without a word, and expand aliases (a few lines can expand to gigabytes).
So we walk the parser's events ourselves: scalars become `YStr`, mappings `YMap`, sequences `YList`,
each carrying its position, and anything we do not support is refused with its file and line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

MAX_FILE_BYTES = 64 * 1024 * 1024  # the shipped KB is ~0.5 MiB, a 100,000-entry KB ~40 MiB; refuse before parsing
MAX_DEPTH = 16  # the schema needs 5 levels; deep nesting only serves to exhaust the reader

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is ~10x faster when present
_SCALAR = yaml.ScalarEvent
_STARTS = frozenset((yaml.MappingStartEvent, yaml.SequenceStartEvent))
_ENDS = frozenset((yaml.MappingEndEvent, yaml.SequenceEndEvent))
# Bidirectional overrides and isolates reorder text on screen ("Trojan Source"); never needed here.


class YamlProblem(Exception):
    """A file cannot be read as a knowledge-base file; line and col are 1-based."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


class YStr(str):
    line: int
    col: int


class YMap(dict):  # type: ignore[type-arg]
    line: int
    col: int
    key_pos: dict[str, tuple[int, int]]


class YList(list):  # type: ignore[type-arg]
    line: int
    col: int


def _at(node: Any, mark: Any) -> Any:
    node.line, node.col = mark.line + 1, mark.column + 1
    return node


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is accepted, CRLF too); anything else is refused with the line it is on."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(1, 1, f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,} (split it or trim it)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise YamlProblem(line, col, f"not valid UTF-8 (byte 0x{data[err.start]:02x}); save the file as UTF-8") from None
    check_printable(text)
    return text


# C0 controls but tab, LF and CR; DEL and C1; bidi overrides and isolates; lone surrogates.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def bad_character(text: str) -> int | None:
    """Index of the first character that must not appear in knowledge-base text, or None."""
    found = _BAD_CHARACTER.search(text)
    return found.start() if found else None


def check_printable(text: str) -> None:
    i = bad_character(text)
    if i is None:
        return
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    ch = text[i]
    name = unicodedata.name(ch, "control character")
    raise YamlProblem(line, col, f"character U+{ord(ch):04X} ({name}) is not allowed in knowledge-base text; delete it")


def load(text: str) -> Any:
    """Parse one YAML document into YMap/YList/YStr, refusing aliases, tags, duplicates and deep nesting."""
    stack: list[Any] = []  # open containers; for a mapping, the pending key rides alongside
    keys: list[YStr | None] = []
    root: Any = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            kind = type(event)  # one dispatch per event: a large KB has hundreds of thousands
            if kind is _SCALAR:  # the common case first
                if event.anchor is not None or (event.tag is not None and not event.implicit[0]):
                    _refuse_anchor_and_tag(event)
                root = _attach(stack, keys, _at(YStr(event.value), event.start_mark), root)
            elif kind in _ENDS:
                node = stack.pop()
                keys.pop()
                root = _attach(stack, keys, node, root)
            elif kind in _STARTS:
                _refuse_anchor_and_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise _problem(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels; flatten this entry")
                node = _at(YMap() if kind is yaml.MappingStartEvent else YList(), event.start_mark)
                if kind is yaml.MappingStartEvent:
                    node.key_pos = {}
                if stack and isinstance(stack[-1], YMap) and keys[-1] is None:
                    raise _problem(event.start_mark, "a mapping key must be plain text")
                stack.append(node)
                keys.append(None)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _problem(event.start_mark, "only one YAML document per file (remove the `---`)")
            elif kind is yaml.AliasEvent:
                raise _problem(event.start_mark, "aliases (*name) are not allowed; write the value out")
            # stream start and end, document end: nothing to do
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(line, col, f"YAML syntax: {err.problem or err.context}") from None
    except yaml.YAMLError as err:
        raise YamlProblem(1, 1, f"YAML syntax: {err}") from None
    return root


def _refuse_anchor_and_tag(event: Any) -> None:
    if event.anchor is not None:
        raise _problem(event.start_mark, f"anchors (&{event.anchor}) are not allowed; write the value out")
    explicit = event.tag is not None and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0])
    if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
        explicit = event.tag is not None and not event.implicit
    if explicit:
        raise _problem(event.start_mark, f"tags ({event.tag}) are not allowed; remove the tag")


def _attach(stack: list[Any], keys: list[YStr | None], node: Any, root: Any) -> Any:
    if not stack:
        return node
    parent = stack[-1]
    if isinstance(parent, YList):
        parent.append(node)
    elif keys[-1] is None:
        if not isinstance(node, YStr):
            raise YamlProblem(node.line, node.col, "a mapping key must be plain text")
        if node == "<<":
            raise YamlProblem(node.line, node.col, "merge keys (<<) are not allowed; write the fields out")
        if node in parent.key_pos:
            first = parent.key_pos[node][0]
            raise YamlProblem(node.line, node.col, f"duplicate key '{node}' (first on line {first}); keep one")
        keys[-1] = node
    else:
        key = keys[-1]
        parent[str(key)] = node
        parent.key_pos[str(key)] = (key.line, key.col)  # type: ignore[union-attr]
        keys[-1] = None
    return root


def _problem(mark: Any, message: str) -> YamlProblem:
    return YamlProblem(mark.line + 1, mark.column + 1, message)
