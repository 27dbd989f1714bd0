"""``make chapters``: the number, file name and title of every chapter, per language
(what a teacher needs to write ``CHAPTERS=`` or a pack file)."""

from __future__ import annotations

import os
import re
import string
import sys

from textbook.inputs import InputError
from textbook.languages import SOURCE_LANGUAGE

from .coursepack import TOCTREE_RE
from .project import Project

HEADING_RE = re.compile(r"^# (.+)$", re.M)


def toc_entries(project: Project) -> list[tuple[str, str]]:
    """``(number, file name)`` in the book's order: 1, 2, … for the numbered toctree,
    A, B, … for the appendices, '-' for the references (printed with every pack)."""
    entries: list[tuple[str, str]] = []
    numbered = appendix = 0
    for match in TOCTREE_RE.finditer((project.source / "index.md").read_text(encoding="utf-8")):
        lines = [line.strip() for line in match.group(2).splitlines()]
        is_numbered = ":numbered:" in {line.split(" ")[0] for line in lines}
        for name in (line for line in lines if line and not line.startswith(":")):
            text = (project.source / f"{name}.md").read_text(encoding="utf-8")
            if "{bibliography}" in text:
                entries.append(("-", name))
            elif is_numbered:
                numbered += 1
                entries.append((str(numbered), name))
            else:
                entries.append((string.ascii_uppercase[appendix], name))
                appendix += 1
    return entries


def title(project: Project, name: str, lang: str) -> str:
    match = HEADING_RE.search((project.source / f"{name}.md").read_text(encoding="utf-8"))
    source = match.group(1).strip() if match else name
    if lang == SOURCE_LANGUAGE:
        return source
    from textbook.i18n.po import load  # a regular UTF-8 file, never through a link

    po = project.root / "locales" / lang / "LC_MESSAGES" / f"{name}.po"
    if os.path.lexists(po):
        for entry in load(po):
            if entry.msgid == source and entry.msgstr and not entry.fuzzy:
                return entry.msgstr
    return f"{source} [not yet translated]"


def list_chapters(project: Project, langs: list[str]) -> int:
    try:
        return _list_chapters(project, langs)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _list_chapters(project: Project, langs: list[str]) -> int:
    entries = toc_entries(project)
    width = max(len(name) for _, name in entries)
    for lang in langs:
        print(f"[{lang}]")
        for number, name in entries:
            note = "  (references: printed with every pack)" if number == "-" else ""
            print(f"  {number:>2}  {name:<{width}}  {title(project, name, lang)}{note}")
    return 0
