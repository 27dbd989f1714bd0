"""A PO file as the checks see it: entries, keyword line numbers, reported problems."""

from __future__ import annotations

import bisect
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib

from ..inputs import InputError, character_problems, decode, read_bytes


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    column: int = 0

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


CHARSET = re.compile(r'^"Content-Type:[^"]*charset=(?P<charset>[^\\"\s;]*)', re.M | re.I)


def catalog_text(path: Path) -> str:
    """A catalog's text: a regular file (no link), UTF-8, declaring charset UTF-8;
    otherwise one :class:`InputError` at its line."""
    text = decode(read_bytes(path), path, "utf-8")
    declared = CHARSET.search(text)
    if declared and declared.group("charset").lower() not in ("utf-8", "utf8"):
        raise InputError(
            path,
            text.count("\n", 0, declared.start()) + 1,
            f"the catalog declares charset={declared.group('charset')}: "
            "catalogs are UTF-8; save the file as UTF-8 and write "
            "'charset=UTF-8' in its Content-Type line",
        )
    return text


def catalog_problems(path: Path) -> list[InputError]:
    """What keeps a catalog from being read at all: the file, its encoding, and every
    character the one character rule refuses (``inputs.character_problems``)."""
    try:
        return character_problems(catalog_text(path), path)
    except InputError as exc:
        return [exc]


def load(path: Path) -> polib.POFile:
    """The catalog as polib reads it (never through a link, always UTF-8)."""
    return polib.pofile(catalog_text(path), wrapwidth=76)


class Lines:
    """Line numbers of the ``msgid`` and ``msgstr`` keywords in one PO file.

    polib's ``linenum`` is the entry's first line (often a comment); reports
    point at the keyword instead.
    """

    def __init__(self, path: Path):
        self.msgid: list[int] = []
        self.msgstr: list[int] = []
        # split on "\n" only: splitlines() also breaks at \x1c-\x1e, \x85, \u2028...
        for number, line in enumerate(catalog_text(path).split("\n"), 1):
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
    proc = subprocess.run(
        ["msgfmt", "--check" if header else "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        errors="replace",
    )
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
        errors.append(
            (1, proc.stderr.strip().replace("\n", "; ") or f"msgfmt exit {proc.returncode}")
        )
    return errors
