"""The compiled knowledge-base cache: parsed data plus matching index, keyed by the KB files' content and
the mxguard version, so a warm `ask` skips YAML entirely. Any trouble with the cache means "rebuild",
never an error: a corrupt, unreadable or unwritable cache only makes mxguard slower."""

from __future__ import annotations

import marshal
import os

try:  # the built-in BLAKE2 module; hashlib would first load OpenSSL (~4 ms at every start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b
from typing import Any

from mxguard import __version__

FORMAT = 1  # bump when the compiled layout changes
ENV_CACHE = "MXGUARD_CACHE_DIR"
ENV_NO_CACHE = "MXGUARD_NO_CACHE"


def cache_dir() -> str:
    """$MXGUARD_CACHE_DIR, else $XDG_CACHE_HOME/mxguard, else ~/.cache/mxguard."""
    explicit = os.environ.get(ENV_CACHE)
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "mxguard")


# The modules whose code shapes the compiled data: editing one must invalidate caches even when the
# version number has not moved (as happens in a development checkout).
COMPILER_MODULES = ("kbyaml.py", "schema.py", "textnorm.py", "matching.py", "models.py", "cache.py")


def _compiler_fingerprint() -> bytes:
    here = os.path.dirname(__file__)
    digest = blake2b(digest_size=16)
    for name in COMPILER_MODULES:
        try:
            with open(os.path.join(here, name), "rb") as handle:
                digest.update(handle.read())
        except OSError:
            digest.update(name.encode())
    return digest.digest()


def key(raw: dict[str, bytes]) -> str:
    digest = blake2b(f"{__version__}:{FORMAT}".encode(), digest_size=16)
    digest.update(_compiler_fingerprint())
    for name in sorted(raw):
        digest.update(name.encode() + b"\0" + len(raw[name]).to_bytes(8, "big"))
        digest.update(raw[name])
    return digest.hexdigest()


def path_for(cache_key: str) -> str:
    return os.path.join(cache_dir(), f"kb-{cache_key}.marshal")


def read(cache_key: str) -> dict[str, Any] | None:
    if os.environ.get(ENV_NO_CACHE):
        return None
    try:
        with open(path_for(cache_key), "rb") as handle:
            compiled = marshal.loads(handle.read())  # loads(read()) is 3-4x faster than load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(compiled, dict) or compiled.get("key") != cache_key:
        return None
    return compiled


def write(cache_key: str, compiled: dict[str, Any]) -> None:
    """Write atomically (temp file + rename) so a reader never sees half a cache; failures are ignored."""
    if os.environ.get(ENV_NO_CACHE):
        return
    import tempfile  # only a cache miss writes

    target = path_for(cache_key)
    folder = os.path.dirname(target)
    tmp_name = None
    try:
        os.makedirs(folder, exist_ok=True)
        payload = marshal.dumps({**compiled, "key": cache_key})
        fd, tmp_name = tempfile.mkstemp(prefix=".kb-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp_name, target)
        tmp_name = None
        _prune(target)
    except (OSError, ValueError):
        pass
    finally:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


KEEP = 8  # compiled KBs kept: enough for a few --kb folders side by side without rebuilding each time


def _prune(keep: str) -> None:
    """Drop the least recently written caches beyond KEEP so the folder does not grow with every edit."""
    folder = os.path.dirname(keep)
    found = [os.path.join(folder, n) for n in os.listdir(folder) if n.startswith("kb-") and n.endswith(".marshal")]
    found.sort(key=os.path.getmtime, reverse=True)
    for old in found[KEEP:]:
        if old != keep:
            try:
                os.unlink(old)
            except OSError:
                pass
