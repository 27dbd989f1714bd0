"""Check the BibTeX files before sphinxcontrib-bibtex reads them.

pybtex accepts entries without the fields their type requires and prints them
with holes, and its syntax errors reach Sphinx as a traceback without a file
name. This check reports both as ``file:line`` messages:

* a syntax error, a byte that is not UTF-8, a repeated field or a name that cannot be
  read is an error and stops the build (without a Sphinx crash report);
* a missing required field or a repeated key is a warning (``-W`` fails).
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.scanner import PybtexError, PybtexSyntaxError
from sphinx.util import logging

from ..inputs import InputError, read_text
from ..stop import stop_build
from ..upstream.pybtex_parser import Parser

logger = logging.getLogger(__name__)

# The standard BibTeX types and their required fields; "a|b" means one of them.
REQUIRED = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "misc": (),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
}
PERSON_FIELDS = {"author", "editor"}
ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]+)[ \t]*,", re.M)


def entry_lines(text: str) -> list[tuple[str, str, int]]:
    """``(type, key, line)`` of every entry, in file order."""
    return [
        (m.group(1).lower(), m.group(2), text.count("\n", 0, m.start()) + 1)
        for m in ENTRY_START.finditer(text)
    ]


def check_bibfile(path: Path, encoding: str = "utf-8-sig") -> list[tuple[int, str]]:
    """Warnings ``(line, message)`` for one file; what pybtex cannot read raises
    :class:`~textbook.inputs.InputError`."""
    text = read_text(path, encoding)
    try:
        data = Parser(encoding=encoding).parse_string(text)
    except PybtexSyntaxError as exc:
        message = str(exc).split(": ", 1)[-1]
        raise InputError(path, exc.lineno or 1, f"BibTeX syntax error: {message}") from None
    except PybtexError as exc:  # a repeated field, a name with too many commas
        key = getattr(exc, "entry_key", None)
        line = next((n for _, k, n in entry_lines(text) if k == key), 1)
        raise InputError(path, line, f"BibTeX error: {exc}") from None
    problems: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for etype, key, line in entry_lines(text):
        if key.lower() in seen:
            problems.append((line, f"entry '{key}' repeats the key of line {seen[key.lower()]}"))
            continue
        seen[key.lower()] = line
        entry = data.entries.get(key)
        if entry is None or etype not in REQUIRED:
            continue
        for required in REQUIRED[etype]:
            alternatives = required.split("|")
            if not any(_has(entry, name) for name in alternatives):
                problems.append(
                    (
                        line,
                        f"entry '{key}' is missing required field '{' or '.join(alternatives)}'",
                    )
                )
    return problems


def _has(entry, name: str) -> bool:
    if name in PERSON_FIELDS:
        return bool(entry.persons.get(name))
    return bool(str(entry.fields.get(name, "")).strip())


def check_bibliography(app) -> None:
    bibfiles = getattr(app.config, "bibtex_bibfiles", None) or []
    encoding = getattr(app.config, "bibtex_encoding", "utf-8-sig")
    for name in bibfiles:
        path = Path(app.confdir, name)  # as sphinxcontrib-bibtex does
        if not path.is_file():
            continue  # sphinxcontrib-bibtex reports it
        try:
            problems = check_bibfile(path, encoding)
        except InputError as exc:
            logger.error(
                "%s",
                exc.message,
                location=f"{exc.path}:{exc.line}",
                type="textbook",
                subtype="bibliography",
            )
            stop_build()
        for line, message in problems:
            logger.warning(
                message, location=f"{path}:{line}", type="textbook", subtype="bibliography"
            )


def setup_bibcheck(app) -> None:
    # Before sphinxcontrib-bibtex parses the files (its handler has priority 500).
    app.connect("builder-inited", check_bibliography, priority=400)
