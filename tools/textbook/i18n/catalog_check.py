"""Check the catalogs of the language being built before Sphinx compiles them.

Sphinx (through Babel) skips what it cannot parse and ignores fuzzy entries
without a word, so a broken or half-reviewed catalog would publish source-
language text in a translated edition. Here both fail the build:

* a syntax error (GNU ``msgfmt --check-format``; polib and Babel accept an
  unterminated string) is an error at ``file.po:line``;
* a fuzzy or missing translation is no error: ``pending.py`` publishes the
  passage in Indonesian, marked, and prints it;
* every check reads the build's copy of the catalog (``input_check.stage_catalogs``),
  the file Sphinx compiles, and reports at the contributed file's path;
* whatever ``make po-check`` rejects (``catalog.check_po``: markup kept, no
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
from . import catalog, glossary, spelling
from .po import Lines, load, msgfmt_errors
from .verdicts import Verdicts, program

logger = logging.getLogger(__name__)
# msgids whose translation broke the rule in this build: left out of the catalogs
# Sphinx compiles (input_check.withdraw), so the page shows the source text
REFUSED: set[str] = set()


def check_catalogs(app) -> None:
    if app.builder.name == "gettext":  # extraction reads no translation: make update-po
        return  # must work on any catalog, even a broken one
    staged, lang = input_check.staged_catalogs(app), app.config.language
    files = list(staged)
    msgfmt = app.config.textbook_msgfmt and bool(shutil.which("msgfmt"))
    if files and app.config.textbook_msgfmt and not msgfmt:
        logger.error(
            "catalogs not checked: msgfmt not found (install the Debian package "
            "'gettext': make system-deps)",
            type="textbook",
            subtype="catalog",
        )
    glossaries = [Path(d) / "glossary.yaml" for d in input_check.contributed_locale_dirs(app)]
    terms = load_terms(app, files, glossaries)
    spell = app.config.textbook_spelling and spelling_ready(app)
    sources = (
        [*sorted(Path(app.srcdir).glob("*.md")), *sorted(Path(app.srcdir, "data").glob("*.yaml"))]
        if spell and lang == SOURCE_LANGUAGE
        else []
    )
    wordlists = sorted((Path(app.confdir) / "locales" / "spelling").glob("*.txt"))
    stamp = spelling.dictionaries_stamp() if spell else ""
    profiles = Path(app.confdir) / "locales" / "languages.yaml"  # each language's dictionaries
    programs = [program("msgfmt") if msgfmt else "", program("hunspell") if spell else ""]
    context = [lang, msgfmt, spell, stamp, *programs, profiles, *glossaries, *wordlists]
    cache = Verdicts(Path(app.confdir), context)
    verdicts = {path: cache.get(path, staged.get(path, path)) for path in files + sources}
    todo = [path for path, verdict in verdicts.items() if verdict is None]
    fresh = check(
        app,
        [p for p in todo if p in files],
        [p for p in todo if p in sources],
        terms,
        msgfmt,
        spell,
    )
    for path, verdict in fresh.items():
        cache.put(path, verdict)
    if fresh:
        cache.prune()
    verdicts.update(fresh)
    REFUSED.clear()
    for phase in ("syntax", "rule", "spelling"):
        for path, verdict in verdicts.items():
            where = staged.get(path, path)
            for kind, line, column, message in verdict["errors"]:
                if kind == phase:
                    logger.error(
                        "%s",
                        message.replace(str(path), str(where)),
                        location=f"{where}:{line}" + (f":{column}" if column else ""),
                        type="textbook",
                        subtype="spelling" if kind == "spelling" else "catalog",
                    )
    for verdict in verdicts.values():
        REFUSED.update(verdict["refused"])
    if REFUSED:
        input_check.withdraw(app, REFUSED)


def check(
    app, files: list[Path], sources: list[Path], terms: list, msgfmt: bool, spell: bool
) -> dict[Path, dict]:
    """The verdicts of the files not checked before: GNU msgfmt's syntax check, the
    translation rule (``catalog.check_po``) and, in one hunspell process, spelling."""
    lang, found, readable = app.config.language, {}, []
    for path in [*files, *sources]:
        found[path] = {"errors": [], "refused": []}
    for path in files:
        bad = msgfmt_errors(path) if msgfmt else []
        found[path]["errors"] += [
            ("syntax", line, 0, f"PO syntax error: {message}") for line, message in bad
        ]
        if bad:
            continue
        readable.append(path)
        at, by_line = Lines(path), {}
        for entry in load(path):
            if not entry.obsolete and entry.msgid:
                by_line.setdefault(at.of_msgstr(entry), entry.msgid)
        for problem in catalog.check_po(path, lang, terms):
            found[path]["errors"].append(("rule", problem.line, problem.column, problem.message))
            if problem.line in by_line:
                found[path]["refused"].append(by_line[problem.line])
    if spell:  # what make po-check reports: the msgstrs, and the source edition's sources
        locales = Path(app.confdir) / "locales"
        for path, words in spelling.check_files(readable + sources, lang, locales).items():
            found[path]["errors"] += [("spelling", line, 0, message) for line, message in words]
    return found


def load_terms(app, files: list[Path], glossaries: list[Path]) -> list:
    terms: list = []
    for path in glossaries:
        if path.is_file():
            try:
                terms = glossary.load_glossary(path)
            except glossary.GlossaryError as exc:
                where, _, message = str(exc).partition(": ")  # "path:line: message"
                logger.error("%s", message, location=where, type="textbook", subtype="catalog")
            draft = getattr(app.config, "textbook_draft", False)  # previewed, not offered
            if (
                files
                and not draft
                and app.config.language != SOURCE_LANGUAGE
                and not any(app.config.language in t.translations for t in terms)
            ):
                logger.error(
                    "the glossary has no '%s:' translations yet",
                    app.config.language,
                    location=f"{path}:1",
                    type="textbook",
                    subtype="catalog",
                )
    return terms


def spelling_ready(app) -> bool:
    """hunspell and its dictionaries are here; the word lists are plain words."""
    why = spelling.missing()
    if why:
        logger.error("spelling not checked: %s", why, type="textbook", subtype="spelling")
        return False
    for exc in spelling.wordlist_problems(Path(app.confdir) / "locales"):
        logger.error("%s", exc.message, location=exc.where, type="textbook", subtype="spelling")
    return True


def let_page_text_change(app, config) -> None:
    """A translation may change a citation's page text ({h. 54} -> {p. 54}), which
    Sphinx reports as an inconsistent reference; the rule (``rules.py``, ``catalog.py``) refuses every
    other change to keys, footnotes and links at its file.po:line, before Sphinx."""
    config.suppress_warnings = [*config.suppress_warnings, "i18n.inconsistent_references"]


def setup_pocheck(app) -> None:
    app.connect("config-inited", let_page_text_change)
    app.connect("builder-inited", check_catalogs)
