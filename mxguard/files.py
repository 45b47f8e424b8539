"""Writing exports without losing data: refuse to overwrite unless forced, write atomically, clean up."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from mxguard.errors import ExportError


def write_text(path: str | Path, text: str, force: bool = False) -> None:
    """Write `text` to `path`: an existing file is kept unless `force`; a regular file is replaced
    atomically (temp file in the same folder, fsync, rename) so it is never half-written; a device
    or FIFO (e.g. /dev/stdout) is written directly. Any failure leaves no partial or stray file. A name
    ending in / names a folder, whether or not it exists (Path() would drop the slash)."""
    data = text.encode("utf-8")
    shown = str(path)
    if shown.endswith(("/", os.sep)):
        raise ExportError(f"cannot write {shown}: a name ending in / is a folder. "
                          f"Give a file name, e.g. {shown}mxguard.md")
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise ExportError(f"cannot write {shown}: {_reason(err)}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(f"cannot write {shown}: it is a folder. Give a file name, e.g. {shown.rstrip('/')}/mxguard.md")
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode)):
        _write_direct(path, data, shown)
        return
    if mode is not None and not force:
        raise ExportError(f"{shown} already exists; use --force to replace it or choose another file")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {shown}: folder {str(folder)!r} does not exist. Create it first.")
    _write_atomic(path, folder, data, shown, mode)


def _write_direct(path: Path, data: bytes, shown: str) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as err:
        raise ExportError(f"cannot write {shown}: {_reason(err)}") from None


def _write_atomic(path: Path, folder: Path, data: bytes, shown: str, old_mode: int | None) -> None:
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(old_mode) if old_mode is not None else _new_file_mode())
        os.replace(tmp, path)
        tmp = None
    except OSError as err:
        raise ExportError(f"cannot write {shown}: {_reason(err)}; nothing was written") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _new_file_mode() -> int:
    """What open() would give a new file: 0o666 less the umask (mkstemp itself makes 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _reason(err: OSError) -> str:
    return {
        errno.ENOSPC: "the disk is full",
        errno.EFBIG: "the file would be too large for this file system",
        errno.EACCES: "permission denied (is the folder read-only?)",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOENT: "the folder does not exist",
    }.get(err.errno or 0, err.strerror or str(err))
