"""Check the catalogs of the language being built before Sphinx compiles them.

Sphinx (through Babel) skips what it cannot parse and ignores fuzzy entries
without a word, so a broken or half-reviewed catalog would publish source-
language text in a translated edition. Here both fail the build:

* a syntax error (GNU ``msgfmt --check-format``; polib and Babel accept an
  unterminated string) is an error at ``file.po:line``;
* a fuzzy or missing translation is no error: ``pending.py`` publishes the
  passage in Indonesian, marked, and prints it;
* whatever ``make po-check`` rejects (``rules.check_po``: markup kept, no
  directive, raw HTML or added role/link, glossary, copied msgid) is an error at
  ``file.po:line``, and the entry is withdrawn from the catalog before Sphinx
  parses any msgstr, so a refused translation never runs or reaches a page.

``textbook-po check`` / ``status`` report more (markup, glossary,
untranslated messages) for translators.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.util import logging

from .. import input_check  # module, not name: input_check imports this package
from ..languages import SOURCE_LANGUAGE
from . import rules, spelling
from .po import msgfmt_errors

logger = logging.getLogger(__name__)
# msgids whose translation broke the rule in this build: left out of the catalogs
# Sphinx compiles (input_check.stage_catalogs), so the page shows the source text
REFUSED: set[str] = set()


def catalogs(app) -> list[Path]:
    lang = app.config.language
    found: list[Path] = []
    for locale_dir in input_check.contributed_locale_dirs(app):  # not the build's copy
        folder = Path(locale_dir) / lang / "LC_MESSAGES"
        found += sorted(folder.glob("*.po"))
    return found


def check_catalogs(app) -> None:
    if app.builder.name == "gettext":  # extraction reads no translation: make update-po
        return                         # must work on any catalog, even a broken one
    files = catalogs(app)
    msgfmt = app.config.textbook_msgfmt
    if files and msgfmt and not shutil.which("msgfmt"):
        logger.error("catalogs not checked: msgfmt not found (install the Debian package "
                     "'gettext': make system-deps)", type="textbook", subtype="catalog")
    checked: list[Path] = []
    REFUSED.clear()
    for path in files:
        bad = msgfmt_errors(path) if msgfmt and shutil.which("msgfmt") else []
        for line, message in bad:
            logger.error("PO syntax error: %s", message,
                         location=f"{path}:{line}",
                         type="textbook", subtype="catalog")
        if bad:
            continue
        checked.append(path)
    check_translations(app, checked)
    if REFUSED:
        input_check.stage_catalogs(app, app.config, REFUSED)


def check_translations(app, files: list[Path]) -> None:
    """The translation rule over every catalog of the edition (``rules.check_po``)."""
    terms: list = []
    for locale_dir in input_check.contributed_locale_dirs(app):
        path = Path(locale_dir) / "glossary.yaml"
        if path.is_file():
            try:
                terms = rules.load_glossary(path)
            except rules.GlossaryError as exc:
                where, _, message = str(exc).partition(": ")  # "path:line: message"
                logger.error("%s", message, location=where, type="textbook", subtype="catalog")
            draft = getattr(app.config, "textbook_draft", False)  # previewed, not offered
            if (files and not draft and app.config.language != SOURCE_LANGUAGE
                    and not any(app.config.language in t.translations for t in terms)):
                logger.error("the glossary has no '%s:' translations yet", app.config.language,
                             location=f"{path}:1", type="textbook", subtype="catalog")
    for path in files:
        by_line = {}
        po = rules.load(path)
        at = rules.Lines(path)
        for entry in po:
            if not entry.obsolete and entry.msgid:
                by_line.setdefault(at.of_msgstr(entry), entry.msgid)
        for problem in rules.check_po(path, app.config.language, terms):
            logger.error("%s", problem.message, location=problem.where,
                         type="textbook", subtype="catalog")
            if problem.line in by_line:
                REFUSED.add(by_line[problem.line])
    if app.config.textbook_spelling:
        check_spelling(app, files)


def check_spelling(app, files: list[Path]) -> None:
    """What ``make po-check`` reports about spelling (``spelling.py``): the edition's
    msgstrs, and for the source edition its chapters and data files."""
    why = spelling.missing()
    if why:
        logger.error("spelling not checked: %s", why, type="textbook", subtype="spelling")
        return
    lang, locales = app.config.language, Path(app.confdir) / "locales"
    for exc in spelling.wordlist_problems(locales):
        logger.error("%s", exc.message, location=exc.where, type="textbook", subtype="spelling")
    found = [(path, line, message) for path in files
             for line, message in spelling.check_catalog(path, lang, locales,
                                                         rules.Lines(path).of_msgstr)]
    if lang == SOURCE_LANGUAGE:
        sources = [*sorted(Path(app.srcdir).glob("*.md")),
                   *sorted(Path(app.srcdir, "data").glob("*.yaml"))]
        found += [(path, line, message) for path in sources
                  for line, message in spelling.check_source(path, locales)]
    for path, line, message in found:
        logger.error("%s", message, location=f"{path}:{line}", type="textbook",
                     subtype="spelling")


def let_page_text_change(app, config) -> None:
    """A translation may change a citation's page text ({h. 54} -> {p. 54}), which
    Sphinx reports as an inconsistent reference; the rule (``rules.py``) refuses every
    other change to keys, footnotes and links at its file.po:line, before Sphinx."""
    config.suppress_warnings = [*config.suppress_warnings, "i18n.inconsistent_references"]


def setup_pocheck(app) -> None:
    app.connect("config-inited", let_page_text_change)
    app.connect("builder-inited", check_catalogs)
