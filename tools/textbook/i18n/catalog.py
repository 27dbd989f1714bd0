"""One catalog's problems: its format, the translation rule (``rules.py``), copied
msgids, sizes and the glossary (``glossary.py``), each at its entry's msgstr line."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from ..inputs import character_problems, one_line
from ..messages import DOMAIN, MSGID_LANGUAGE
from .glossary import Term, glossary_messages
from .langparts import without_lang_marks
from .po import Lines, Problem, catalog_problems, load
from .po_format import format_problem
from .rules import ROLE_RE, VERBATIM, translation_messages

# Sizes: a translation is about as long as its source (Indonesian to English is
# shorter); a catalog keeps few obsolete (#~) entries.
LENGTH_RATIO, LENGTH_SLACK = 3, 60
MAX_OBSOLETE = 100


def check_po(
    path: Path, lang: str, terms: list[Term] | None = None, where: str | None = None
) -> list[Problem]:
    """Format, rule, copy and glossary problems of one catalog's translated entries."""
    where = where or str(path)
    unreadable = catalog_problems(path)  # the file, its encoding, its characters
    if unreadable:
        return [Problem(where, exc.line or 1, exc.message, exc.column) for exc in unreadable]
    try:
        po: polib.POFile = load(path)
    except OSError as exc:  # polib: "Syntax error in po file (line 12)"; msgfmt says more
        line = re.search(r"\(line (\d+)\)", str(exc))
        return [
            Problem(
                where,
                int(line.group(1)) if line else 1,
                "PO syntax error: polib cannot read this line",
            )
        ]
    at = Lines(path)
    problems = [Problem(where, *bad) for bad in [format_problem(path)] if bad]
    for entry in po:
        if entry.obsolete or not entry.msgid or not entry.msgstr:
            continue
        line = at.of_msgstr(entry)
        if len(entry.msgstr) > LENGTH_RATIO * len(entry.msgid) + LENGTH_SLACK:
            problems.append(
                Problem(
                    where,
                    line,
                    f"msgstr is {len(entry.msgstr):,} characters, "
                    f"more than {LENGTH_RATIO} times its msgid's "
                    f"{len(entry.msgid):,}: translate the msgid only",
                )
            )
            continue
        for exc in character_problems(entry.msgstr, where, crlf=False)[:1]:  # "\r" escapes
            problems.append(Problem(where, line, exc.message + " (written as an escape)"))
        for message in translation_messages(entry.msgid, entry.msgstr):
            problems.append(Problem(where, line, one_line(message)))  # a msgstr may hold "\n"
        # the interface words' msgids are English: an English catalog may copy them
        verbatim = VERBATIM in (entry.tcomment or "") or (
            Path(path).name == f"{DOMAIN}.po" and lang == MSGID_LANGUAGE
        )
        copy = entry.msgstr in (entry.msgid, without_lang_marks(entry.msgid))
        if copy and not verbatim and re.search(r"[^\W\d_]{2}", ROLE_RE.sub("", entry.msgid)):
            problems.append(
                Problem(
                    where,
                    line,
                    "msgstr is a copy of msgid: translate it, or add "
                    f"the translator comment '# {VERBATIM}'",
                )
            )
        if terms and not verbatim:
            for message in glossary_messages(entry.msgid, entry.msgstr, lang, terms):
                problems.append(Problem(where, line, message))
    obsolete = [entry for entry in po if entry.obsolete]
    if len(obsolete) > MAX_OBSOLETE:
        problems.append(
            Problem(
                where,
                at.of_msgid(obsolete[0]),
                f"{len(obsolete):,} obsolete "
                f"(#~) entries, more than {MAX_OBSOLETE}: reuse what you "
                "need, then delete them (textbook-po update "
                "--no-obsolete)",
            )
        )
    return problems
