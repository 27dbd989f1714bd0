"""Catalog verdicts cached by content, so that an unchanged catalog is not checked again.

A verdict (what the checks report about one file, and the msgids they refuse) is
stored in the build folder under the hash of everything it depends on: the file's
bytes, the language and settings, the glossary, the word lists, the code of the
rule and the version of its parser. Change any of them and the file is checked anew.
The stored file is the build's own output; one that cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

NAME = "textbook-verdicts.json"
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
    def __init__(self, folder: Path, context: list[str | Path]):
        self.file = Path(folder) / NAME
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
        try:
            self.stored = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.stored = {}
        self.kept: dict = {}

    def key(self, path: Path) -> str:
        return hashlib.sha256(
            self.context + str(path).encode() + b"\0" + Path(path).read_bytes()
        ).hexdigest()

    def get(self, path: Path):
        key = self.key(path)
        if key not in self.kept and isinstance(self.stored, dict) and key in self.stored:
            self.kept[key] = self.stored[key]
        return self.kept.get(key)

    def put(self, path: Path, verdict) -> None:
        self.kept[self.key(path)] = verdict

    def save(self) -> None:
        """Only this build's verdicts: the file never grows with old versions."""
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(self.kept, ensure_ascii=False), encoding="utf-8")
        partial.replace(self.file)
