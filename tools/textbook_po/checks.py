"""``make po-check``: the extension's translation rule over every catalog, then msgfmt."""

from __future__ import annotations

import shutil
from pathlib import Path

from textbook.i18n import catalog, glossary, spelling
from textbook.i18n.glossary import GlossaryError, Term, glossary_messages  # noqa: F401
from textbook.i18n.po import catalog_problems, msgfmt_errors
from textbook.i18n.po_format import PO_FORMAT, canonical, read_catalog  # noqa: F401
from textbook.i18n.rules import markup_messages, translation_messages  # noqa: F401
from textbook.inputs import InputError, compose_yaml, plain_data, read_text

from .catalogs import LOCALES, ROOT, Problem, display

GLOSSARY = LOCALES / "glossary.yaml"


def load_glossary(path: Path = GLOSSARY) -> list[Term]:
    return glossary.load_glossary(path)


def check_po(path: Path, lang: str, terms: list[Term] | None = None) -> list[Problem]:
    return catalog.check_po(path, lang, terms, where=display(path))


def msgfmt_check(path: Path) -> list[Problem]:
    """GNU ``msgfmt --check`` (format strings, header); errors as problems."""
    if shutil.which("msgfmt") is None:
        return [
            Problem(display(path), 0, "msgfmt not found (install the Debian package 'gettext')")
        ]
    return [
        Problem(display(path), line, f"msgfmt: {message}")
        for line, message in msgfmt_errors(path, header=True)
    ]


def check_all(
    locales: Path = LOCALES, langs: list[str] | None = None, glossary: Path | None = None
) -> list[Problem]:
    from .catalogs import SOURCE_LANGUAGE, languages, po_files, with_source

    terms = load_glossary(glossary or (locales / "glossary.yaml"))
    problems = []
    glossary_path = glossary or (locales / "glossary.yaml")
    for lang in langs or with_source(languages(locales)):
        if (
            lang != SOURCE_LANGUAGE
            and not any(lang in t.translations for t in terms)
            and is_released(lang, locales)
        ):  # a draft needs them only before release
            problems.append(
                Problem(
                    display(glossary_path), 1, f"the glossary has no '{lang}:' translations yet"
                )
            )
        readable = []
        for path in po_files(lang, locales):
            unreadable = catalog_problems(path)  # file, encoding, characters: nothing else
            if unreadable:
                problems += [
                    Problem(display(path), e.line or 1, e.message, e.column) for e in unreadable
                ]
                continue
            readable.append(path)
            problems += check_po(path, lang, terms)
            problems += msgfmt_check(path)
        problems += spelling_problems(readable, lang, locales)
    problems += [
        Problem(display(e.path), e.line or 1, e.message, e.column)
        for e in spelling.wordlist_problems(locales)
    ]
    if locales == LOCALES:  # the book's own Indonesian sources and data file
        sources = [
            *sorted((ROOT / "source").glob("*.md")),
            *sorted((ROOT / "source" / "data").glob("*.yaml")),
        ]
        problems += spelling_problems(sources, "id", locales)
        problems += yaml_problems(
            [
                *sorted((ROOT / "source" / "data").glob("*.yaml")),
                *sorted((ROOT / "coursepacks").glob("*.yaml")),
            ]
        )
    return problems


def is_released(lang: str, locales: Path) -> bool:
    from textbook.editions import DECLARATION, load

    own = locales / "languages.yaml"
    return load(own if own.is_file() else DECLARATION).is_released(lang)


def draft_notes(
    locales: Path = LOCALES, langs: list[str] | None = None, glossary: Path | None = None
) -> list[str]:
    """What a draft still lacks for its release (not a failure of po-check)."""
    from .catalogs import SOURCE_LANGUAGE, languages, load, po_files

    glossary = glossary or (locales / "glossary.yaml")
    terms = load_glossary(glossary)
    notes = []
    for lang in langs or languages(locales):
        if lang == SOURCE_LANGUAGE or is_released(lang, locales):
            continue
        entries = [
            e for path in po_files(lang, locales) for e in load(path) if e.msgid and not e.obsolete
        ]
        done = sum(1 for e in entries if e.translated())
        notes.append(
            f"{display(locales / lang)}: note: draft '{lang}': {done} of "
            f"{len(entries)} messages translated (make po-status lists the rest)"
        )
        if not any(lang in t.translations for t in terms):
            notes.append(
                f"{display(glossary)}:1: note: no '{lang}:' terms yet (draft "
                f"'{lang}': needed before its release, not now)"
            )
    return notes


def yaml_problems(paths: list[Path]) -> list[Problem]:
    """The data file and pack files as the build reads them: plain YAML, the one
    character rule (escapes included); their content rules stay the build's."""
    found = []
    for path in paths:
        try:
            node = compose_yaml(read_text(path), path)
            if node is not None:
                plain_data(node, path)
        except InputError as e:
            found.append(Problem(display(path), e.line or 1, e.message, e.column))
    return found


def spelling_problems(paths: list[Path], lang: str, locales: Path) -> list[Problem]:
    """hunspell over chapters, the data file or catalogs' msgstrs (spelling.py), one
    process for all of them."""
    why = spelling.missing()
    if why:
        return [Problem(display(path), 0, f"spelling not checked: {why}") for path in paths]
    return [
        Problem(display(path), line, message)
        for path, found in spelling.check_files(paths, lang, locales).items()
        for line, message in found
    ]


def wordlist_notes(locales: Path = LOCALES) -> list[str]:
    """The words a change adds to the spelling word lists (against the last commit),
    listed for review like any catalog change: a word list silences the spell check."""
    import subprocess

    notes = []
    for path in sorted((locales / "spelling").glob("*.txt")):
        committed = subprocess.run(
            ["git", "show", f"HEAD:{display(path)}"], cwd=ROOT, capture_output=True, text=True
        )
        if committed.returncode != 0 and "exists on disk" not in committed.stderr:
            continue  # not a git checkout, or no commit yet
        before = set(committed.stdout.split("\n"))
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        for number, word in enumerate(lines, 1):
            if word and word not in before:
                notes.append(
                    f"{display(path)}:{number}: note: '{word}' added to the word "
                    "list (review it: the spell check accepts it from now on)"
                )
    return notes
