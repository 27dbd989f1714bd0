"""A PO file as the checks see it: entries, keyword line numbers, reported problems."""
from __future__ import annotations

import bisect
import re
import subprocess
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




MSGFMT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?:\d+:)? (?P<msg>.*)$")  # column optional


def msgfmt_errors(path: Path, header: bool = False) -> list[tuple[int, str]]:
    """``(line, message)`` for what GNU msgfmt rejects in ``path`` (line 1, the header,
    when msgfmt names none): ``--check-format``, or with ``header`` ``--check``, whose
    warnings (a header field left at its default) count too."""
    proc = subprocess.run(["msgfmt", "--check" if header else "--check-format",
                           "-o", "/dev/null", str(path)], capture_output=True, text=True,
                          errors="replace")
    if proc.returncode == 0 and not header:
        return []
    errors = []
    for line in proc.stderr.splitlines():
        m = MSGFMT_LINE.match(line)
        if m and m.group("path") == str(path):
            errors.append((int(m.group("line")), m.group("msg")))
        elif proc.returncode and line.strip() and "fatal error" not in line:
            errors.append((1, line.strip()))
    if proc.returncode and not errors:
        errors.append((1, proc.stderr.strip().replace("\n", "; ") or f"msgfmt exit {proc.returncode}"))
    return errors
