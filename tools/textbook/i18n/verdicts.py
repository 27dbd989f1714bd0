"""Catalog verdicts cached by content, so that an unchanged catalog is not checked again.

A verdict (what the checks report about one file, and the msgids they refuse) is
stored under the hash of everything it depends on: the file's path in the project and
its bytes, the language and settings, the glossary, the word lists, the dictionaries,
the code of the rule and the version of its parser. Change any of them and the file is checked
anew. Verdicts live in the user's cache (``$XDG_CACHE_HOME/textbook/verdicts``, one
file a verdict, unused ones pruned after 30 days), out of any contributor's reach and
kept when ``_build`` is removed; one that cannot be read or written is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from functools import lru_cache
from pathlib import Path

from ..config import user_cache

KEEP_DAYS = 30
HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def rule_version() -> str:
    """The rule's code (this package, the input and message modules) and its parser."""
    import markdown_it
    import myst_parser

    digest = hashlib.sha256(f"{markdown_it.__version__} {myst_parser.__version__}".encode())
    for path in [
        *sorted(HERE.glob("*.py")),
        HERE.parent / "inputs.py",
        HERE.parent / "messages.py",
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Verdicts:
    def __init__(self, root: Path, context: list[str | Path]):
        """``root``: the project; a file counts by its path in it, so that every
        checkout of the book on this machine shares the verdicts."""
        self.root, self.folder = Path(root), user_cache("verdicts")
        digest = hashlib.sha256(rule_version().encode())
        for part in context:  # a path counts by its content
            digest.update(
                b"\0"
                + (
                    part.read_bytes()
                    if isinstance(part, Path) and part.is_file()
                    else str(part).encode()
                )
            )
        self.context = digest.digest()

    def _file(self, path: Path) -> Path:
        key = hashlib.sha256(
            self.context
            + os.path.relpath(path, self.root).encode()
            + b"\0"
            + Path(path).read_bytes()
        )
        return self.folder / f"{key.hexdigest()}.json"

    def get(self, path: Path):
        file = self._file(path)
        try:
            verdict = json.loads(file.read_text(encoding="utf-8"))
            os.utime(file)  # in use: not pruned
        except (OSError, ValueError):
            return None
        usable = isinstance(verdict, dict) and all(
            isinstance(verdict.get(k), list) for k in ("errors", "refused")
        )
        return verdict if usable else None

    def put(self, path: Path, verdict) -> None:
        file = self._file(path)
        partial = file.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(verdict, ensure_ascii=False), encoding="utf-8")
            partial.replace(file)
            self.prune()
        except OSError:  # no cache (read-only home, full disk): checked again next time
            with contextlib.suppress(OSError):
                partial.unlink()

    def prune(self) -> None:
        old = time.time() - KEEP_DAYS * 86400
        for file in self.folder.glob("*.json"):
            if file.stat().st_mtime < old:
                file.unlink(missing_ok=True)
