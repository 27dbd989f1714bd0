"""Check the catalogs of the language being built before Sphinx compiles them.

Sphinx (through Babel) skips what it cannot parse and ignores fuzzy entries
without a word, so a broken or half-reviewed catalog would publish source-
language text in a translated edition. Here both fail the build:

* a syntax error (GNU ``msgfmt --check-format``; polib and Babel accept an
  unterminated string) is an error at ``file.po:line``;
* a fuzzy entry is a warning at ``file.po:line`` (``-W`` fails).

``python tools/i18n check`` / ``status`` report more (markup, glossary,
untranslated messages) for translators.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
from sphinx.util import logging

logger = logging.getLogger(__name__)
MSGFMT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<msg>.*)$")


def catalogs(app) -> list[Path]:
    lang = app.config.language
    found: list[Path] = []
    for locale_dir in app.config.locale_dirs or []:
        folder = Path(app.srcdir, locale_dir) / lang / "LC_MESSAGES"
        found += sorted(folder.glob("*.po"))
    return found


def msgfmt_errors(path: Path) -> list[tuple[int | None, str]]:
    """``(line, message)`` for what GNU msgfmt rejects in ``path``."""
    proc = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    if proc.returncode == 0:
        return []
    errors = []
    for line in proc.stderr.splitlines():
        m = MSGFMT_LINE.match(line)
        if m and m.group("path") == str(path):
            errors.append((int(m.group("line")), m.group("msg")))
    return errors or [(None, proc.stderr.strip() or f"msgfmt exit {proc.returncode}")]


def check_catalogs(app) -> None:
    files = catalogs(app)
    if files and not shutil.which("msgfmt"):
        logger.warning("msgfmt not found: install the Debian package 'gettext' to check "
                       "the catalogs", type="textbook", subtype="catalog")
    for path in files:
        bad = msgfmt_errors(path) if shutil.which("msgfmt") else []
        for line, message in bad:
            logger.error("PO syntax error: %s", message,
                         location=f"{path}:{line}" if line else str(path),
                         type="textbook", subtype="catalog")
        if bad:
            continue
        for entry in polib.pofile(str(path)):
            if entry.fuzzy and not entry.obsolete and entry.msgid:
                short = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "..."
                logger.warning("fuzzy entry %r is not used by the build: review it, then "
                               "remove the 'fuzzy' flag", short,
                               location=f"{path}:{entry.linenum}",
                               type="textbook", subtype="catalog")


def setup_pocheck(app) -> None:
    app.connect("builder-inited", check_catalogs)
