"""``make po-lint``: two independent checkers, translate-toolkit's pofilter and
dennis, over every translated entry, reported at ``file:line``.

The project's settings (``POFILTER_TESTS``, ``DENNIS_RULES``) keep what finds real defects in prose
(doubled words, lost numbers, unbalanced quotes or brackets, lost placeholders)
and leave out what MyST markup or the book's own rules make wrong:

* a language mark (``[*term*]{.lang-en}``) may be dropped by the translator
  (CONTRIBUTING), so both sides are compared without their marks;
* entries a translator marked ``# verbatim``, and the English interface words
  (English msgids), are copies by rule (``make po-check`` checks them);
* chapter catalogs hold MyST, not Python format strings: ``{cite:t}`` and a page
  locator (``{h. 54}`` → ``{p. 54}``) are no placeholders there.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from textbook.i18n.langparts import without_lang_marks
from textbook.i18n.rules import ROLE_RE, VERBATIM
from textbook.messages import DOMAIN, MSGID_LANGUAGE

from .catalogs import LOCALES, Lines, Problem, display, languages, po_files, with_source

# The project's settings: the pofilter tests and dennis rules that find real
# defects in prose. pofilter's others test program strings (accelerators, printf,
# options, XML), style that differs between Indonesian and English (capitals,
# length, sentence count, end punctuation of table cells), or what po-check and
# po-status already decide (spelling, glossary, fuzzy, blank).
POFILTER_TESTS = [
    "doublewords",
    "numbers",
    "brackets",
    "doublequoting",
    "singlequoting",
    "doublespacing",
    "startwhitespace",
    "endwhitespace",
    "newlines",
    "tabs",
    "escapes",
    "purepunc",
    "unchanged",
    "urls",
    "emails",
]
BRACE_FORMAT_TEST = "pythonbraceformat"  # interface words flagged python-brace-format only
DENNIS_RULES = ["E101", "E102", "E103", "E104", "E201", "W202", "W303"]
# dennis W301 (blank) is po-status's; W302 (unchanged) is pofilter's 'unchanged'


ACCEPTED = re.compile(r"^po-lint:\s*([\w\s,]+?)\s*(?:\(|$)", re.M)


def accepted(entry: polib.POEntry) -> set[str]:
    """Findings a reviewer accepted for this entry: a translator comment
    ``# po-lint: brackets, numbers (why)``, as dennis reads ``dennis-ignore``."""
    return {
        name
        for m in ACCEPTED.finditer(entry.tcomment or "")
        for name in re.split(r"[\s,]+", m.group(1))
        if name
    }


def entries(path: Path, lang: str):
    """``(line, msgid, msgstr, brace format, accepted)`` of the translated entries
    to lint, marks dropped."""
    po = polib.pofile(str(path))
    at = Lines(path)
    interface_copy = path.stem == DOMAIN and lang == MSGID_LANGUAGE
    for entry in po:
        if entry.obsolete or not entry.msgid or not entry.msgstr or entry.fuzzy:
            continue
        if VERBATIM in (entry.tcomment or "") or (interface_copy and entry.msgstr == entry.msgid):
            continue
        if not re.search(r"[^\W\d_]{2}", ROLE_RE.sub("", entry.msgid)):
            continue  # markup only ({cite:t}`key`.): a copy by rule
        yield (
            at.of_msgstr(entry),
            without_lang_marks(entry.msgid),
            without_lang_marks(entry.msgstr),
            "python-brace-format" in entry.flags,
            accepted(entry),
        )


def pofilter_findings(path: Path, lang: str) -> list[Problem]:
    from translate.filters import checks
    from translate.storage import pypo

    found = []
    for line, msgid, msgstr, brace, ok in entries(path, lang):
        tests = [t for t in POFILTER_TESTS + ([BRACE_FORMAT_TEST] if brace else []) if t not in ok]
        checker = checks.StandardChecker(
            checks.CheckerConfig(targetlanguage=lang), limitfilters=tests
        )
        unit = pypo.pounit(msgid)
        unit.target = msgstr
        for name, failure in sorted(checker.run_filters(unit).items()):
            message = failure.get("message", "") if isinstance(failure, dict) else failure
            found.append(Problem(display(path), line, f"pofilter {name}: {message}"))
    return found


def dennis_findings(path: Path, lang: str) -> list[Problem]:
    from dennis.linter import Linter

    found = []
    for line, msgid, msgstr, brace, ok in entries(path, lang):
        linter = Linter(
            ["python-brace-format"] if brace else [],
            [rule for rule in DENNIS_RULES if rule not in ok],
        )
        for result in linter.lint_poentry(polib.POEntry(msgid=msgid, msgstr=msgstr)):
            found.append(Problem(display(path), line, f"dennis {result.code}: {result.msg}"))
    return found


def lint(locales: Path = LOCALES, langs: list[str] | None = None) -> list[Problem]:
    found = []
    for lang in langs or with_source(languages(locales)):
        for path in po_files(lang, locales):
            found += pofilter_findings(path, lang) + dennis_findings(path, lang)
    return sorted(found)
