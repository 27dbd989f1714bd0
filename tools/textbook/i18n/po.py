"""A PO file as the checks see it: entries, keyword line numbers, reported problems."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import polib


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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
        # split on "\n" only: splitlines() also breaks at \x1c-\x1e, \x85, \u2028...
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), 1):
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


