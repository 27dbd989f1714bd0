"""Where the catalogs live, and the shape of a reported problem."""
from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent.parent
LOCALES = ROOT / "locales"
POT_DIR = ROOT / "_build" / "gettext"
SOURCE_LANGUAGE = "id"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def display(path: Path) -> str:
    """A path relative to the project when it lies inside it."""
    try:
        return os.path.relpath(path, ROOT) if Path(path).is_relative_to(ROOT) else str(path)
    except ValueError:
        return str(path)


def languages(locales: Path = LOCALES) -> list[str]:
    """Translated languages: every ``locales/<lang>/LC_MESSAGES`` folder."""
    if not locales.is_dir():
        return []
    return sorted(p.name for p in locales.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_files(lang: str, locales: Path = LOCALES) -> list[Path]:
    return sorted((locales / lang / "LC_MESSAGES").glob("*.po"))


def load(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=76)


class Lines:
    """Line numbers of the ``msgid`` and ``msgstr`` keywords in one PO file.

    polib's ``linenum`` is the entry's first line (often a comment); reports
    point at the keyword instead.
    """

    def __init__(self, path: Path):
        self.msgid: list[int] = []
        self.msgstr: list[int] = []
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            line = line.removeprefix("#~ ")
            if line.startswith("msgid "):
                self.msgid.append(number)
            elif line.startswith("msgstr"):
                self.msgstr.append(number)

    @staticmethod
    def _after(numbers: list[int], start: int) -> int:
        index = bisect.bisect_left(numbers, start)
        return numbers[index] if index < len(numbers) else start

    def of_msgid(self, entry: polib.POEntry) -> int:
        return self._after(self.msgid, entry.linenum or 1)

    def of_msgstr(self, entry: polib.POEntry) -> int:
        return self._after(self.msgstr, entry.linenum or 1)


def active(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and e.msgid]
