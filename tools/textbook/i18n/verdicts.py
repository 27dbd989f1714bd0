"""Catalog verdicts cached by content, so that an unchanged catalog is not checked again.

A verdict (what the checks report about one file, and the msgids they refuse) is
stored under the hash of everything it depends on: the file's path in the project and
its bytes, the language and settings, the programs (msgfmt, hunspell), the language
profiles, the glossary, the word lists, the dictionaries, the code of the rule and
the versions of the libraries it reads with. Change any of them and the file is
checked anew; a file written to while it was checked keeps no verdict (the catalogs
checked are the build's own copies, ``input_check.stage_catalogs``). Verdicts live in
the user's cache (``$XDG_CACHE_HOME/textbook/verdicts``, one file a verdict, unused
ones pruned after 30 days), out of any contributor's reach and kept when ``_build`` is
removed; one that cannot be read or written is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from functools import lru_cache
from pathlib import Path

from ..config import user_cache

KEEP_DAYS = 30
HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def rule_version() -> str:
    """The rule's code (this package, the input, message and language modules) and the
    versions of the libraries it reads catalogs and messages with."""
    from importlib.metadata import version

    libraries = ("markdown-it-py", "myst-parser", "polib", "babel")
    digest = hashlib.sha256(" ".join(version(name) for name in libraries).encode())
    for path in [
        *sorted(HERE.glob("*.py")),
        *(HERE.parent / f"{name}.py" for name in ("inputs", "messages", "languages", "editions")),
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def program(name: str) -> str:
    """The installed program ``name`` by its file (an upgrade replaces it)."""
    path = shutil.which(name)
    if path is None:
        return f"{name}: -"
    info = os.stat(path)
    return f"{os.path.realpath(path)}:{info.st_size}:{info.st_mtime_ns}"


def usable(verdict) -> bool:
    """A verdict as the checks write it (a damaged cache is no cache)."""
    if not isinstance(verdict, dict):
        return False
    errors, refused = verdict.get("errors"), verdict.get("refused")
    return (
        isinstance(errors, list)
        and all(
            isinstance(e, list) and [type(x) for x in e] == [str, int, int, str] for e in errors
        )
        and isinstance(refused, list)
        and all(isinstance(r, str) for r in refused)
    )


class Verdicts:
    def __init__(self, root: Path, context: list[str | Path]):
        """``root``: the project; a file counts by its path in it, so that every
        checkout of the book on this machine shares the verdicts."""
        self.root, self.folder = Path(root), user_cache("verdicts")
        digest = hashlib.sha256(rule_version().encode())
        for part in context:  # a path counts by its name and content
            is_path = isinstance(part, Path)
            is_file = is_path and part.is_file()
            digest.update(b"\0" + (os.path.relpath(part, root) if is_path else str(part)).encode())
            digest.update(b"\0" + (part.read_bytes() if is_file else b""))
        self.context = digest.digest()
        self.seen: dict[Path, tuple[Path, bytes]] = {}

    def get(self, path: Path, name: Path | None = None):
        """The stored verdict on ``path`` as it is now; ``name``: the file it is a copy
        of (a staged catalog counts by the contributed file's path)."""
        data = Path(path).read_bytes()
        key = hashlib.sha256(
            self.context + os.path.relpath(name or path, self.root).encode() + b"\0" + data
        )
        file = self.seen[path] = self.folder / f"{key.hexdigest()}.json", data
        try:
            verdict = json.loads(file[0].read_text(encoding="utf-8"))
            os.utime(file[0])  # in use: not pruned
        except (OSError, ValueError):
            return None
        return verdict if usable(verdict) else None

    def put(self, path: Path, verdict) -> None:
        """Only when ``path`` still holds the bytes :meth:`get` saw: a file edited
        while it was checked is checked again next time."""
        file, data = self.seen[path]
        if Path(path).read_bytes() != data:
            return
        partial = file.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(verdict, ensure_ascii=False), encoding="utf-8")
            partial.replace(file)
        except OSError:  # no cache (read-only home, full disk): checked again next time
            with contextlib.suppress(OSError):
                partial.unlink()

    def prune(self) -> None:
        """Remove the verdicts no build used for ``KEEP_DAYS`` (once a build that stored one)."""
        old = time.time() - KEEP_DAYS * 86400
        with contextlib.suppress(OSError):
            for file in self.folder.glob("*.json"):
                if file.stat().st_mtime < old:
                    file.unlink(missing_ok=True)
