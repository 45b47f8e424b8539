"""Find the knowledge base, read and check its two files, and load it (through the compiled cache)."""

from __future__ import annotations

import os
from typing import Any, NamedTuple

from mxguard.errors import KbError, Problem
from mxguard.models import KnowledgeBase

KB_FILES = ("facts.yaml", "faq.yaml")
OPTIONAL_FILES = ("examples.yaml",)  # labelled user questions the matcher learns from (docs/matching.md)
ENV_KB = "MXGUARD_KB"


class KbLocation(NamedTuple):
    root: str  # paths are plain strings here: pathlib costs ~6 ms of start-up on the `ask` path
    reason: str

    def file(self, name: str) -> str:
        return os.path.join(self.root, name)


def packaged_kb() -> str:
    return os.path.join(os.path.dirname(__file__), "data")


def checkout_kb() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def locate_kb(kb_dir: str | os.PathLike[str] | None = None, given: str = "given with --kb") -> KbLocation:
    """--kb DIR, then $MXGUARD_KB, then the copy shipped in the package, then the source checkout. `given`
    says how kb_dir was named, for messages (`validate DIR` takes it as an argument)."""
    if kb_dir:
        return _checked(os.fspath(kb_dir), given)
    env = os.environ.get(ENV_KB)
    if env:
        return _checked(env, f"set by the {ENV_KB} environment variable")
    for root, reason in ((packaged_kb(), "the copy shipped with mxguard"), (checkout_kb(), "the source checkout")):
        if all(os.path.isfile(os.path.join(root, name)) for name in KB_FILES):
            return KbLocation(root, reason)
    raise KbError("no knowledge base found: the package copy is missing. Reinstall mxguard or pass --kb DIR.")


def _checked(root: str, reason: str) -> KbLocation:
    if not os.path.isdir(root):
        raise KbError(f"knowledge base folder {root!r} ({reason}) does not exist or is not a folder")
    folders = [name for name in (*KB_FILES, *OPTIONAL_FILES) if os.path.isdir(os.path.join(root, name))]
    if folders:
        raise KbError(f"knowledge base folder {root!r} ({reason}): {' and '.join(folders)} is a folder, not a file")
    missing = [name for name in KB_FILES if not os.path.isfile(os.path.join(root, name))]
    if missing:
        raise KbError(f"knowledge base folder {root!r} ({reason}) has no {' or '.join(missing)}")
    return KbLocation(root, reason)


def read_files(location: KbLocation) -> dict[str, bytes]:
    """The bytes of each file of the knowledge base: the two it needs and the optional ones it has."""
    out = {}
    present = [name for name in OPTIONAL_FILES if os.path.exists(location.file(name))]
    for name in (*KB_FILES, *present):
        path = location.file(name)
        try:
            with open(path, "rb") as handle:
                out[name] = handle.read()
        except OSError as err:
            raise KbError(f"cannot read {path}: {err.strerror or err}") from None
    return out


def check_kb(location: KbLocation, raw: dict[str, bytes]) -> tuple[dict[str, Any], list[Problem]]:
    """Parse and check every file read; returns the clean data and every problem (errors and warnings)."""
    from mxguard import kbyaml, schema  # imported here: only a cache miss or `validate` pays for YAML

    report = schema.Report([])
    data: dict[str, Any] = {}
    parsed_all = True
    for name, content in raw.items():
        try:
            root = kbyaml.load(kbyaml.decode(content))
        except kbyaml.YamlProblem as err:
            report.items.append((name, err.line, err.col, err.message, False))
            parsed_all = False
            continue
        data.update(schema.check_file(name, root, report))
        if not isinstance(root, kbyaml.YMap):  # not the file's shape at all: references would all look broken
            parsed_all = False
    if parsed_all:
        schema.check_references(data, report)
    problems = [Problem(location.file(f), line, col, msg, warn) for f, line, col, msg, warn in report.items]
    return data, problems


def load_kb(location: KbLocation, use_cache: bool = True) -> KnowledgeBase:
    """The checked knowledge base, from the compiled cache when it is current."""
    from mxguard import cache

    raw = read_files(location)
    cache_key = cache.key(raw)
    compiled = cache.read(cache_key) if use_cache else None
    if compiled is None:
        compiled = compile_kb(location, raw)
        if use_cache:
            cache.write(cache_key, compiled)
    kb = KnowledgeBase(compiled["data"], location.root)
    kb.index = compiled["index"]
    return kb


def compile_kb(location: KbLocation, raw: dict[str, bytes]) -> dict[str, Any]:
    from mxguard.matching import build_index

    data, problems = check_kb(location, raw)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise KbError(f"the knowledge base in {location.root} has {len(errors)} problem(s); "
                      f"run `mxguard validate {location.root}` for the list", errors)
    import marshal

    for table in data.values():
        for record in table.values() if isinstance(table, dict) else table:
            if isinstance(record, dict):
                record.pop("_line", None)
    index = build_index(data)
    # Each entry is stored as its own marshal bytes and decoded only when it is shown.
    lazy = {name: ({i: marshal.dumps(r) for i, r in table.items()} if isinstance(table, dict) else table)
            for name, table in data.items()}
    return {"data": lazy, "index": index}
