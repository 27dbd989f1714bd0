"""Where the catalogs live, and the shape of a reported problem."""

from __future__ import annotations

import os
from pathlib import Path

import polib

from textbook.i18n.po import Lines, Problem, load  # noqa: F401 -- one copy, in the extension
from textbook.languages import SOURCE_LANGUAGE
from textbook.messages import DOMAIN
from textbook_build.project import ROOT  # the checkout, found from the working directory

LOCALES = ROOT / "locales"
POT_DIR = ROOT / "_build" / "gettext"


def display(path: Path) -> str:
    """A path relative to the project when it lies inside it."""
    try:
        return os.path.relpath(path, ROOT) if Path(path).is_relative_to(ROOT) else str(path)
    except ValueError:
        return str(path)


def languages(locales: Path = LOCALES) -> list[str]:
    """Translated languages: every ``locales/<lang>/LC_MESSAGES`` folder but the source's."""
    if not locales.is_dir():
        return []
    return sorted(
        p.name
        for p in locales.iterdir()
        if (p / "LC_MESSAGES").is_dir() and p.name != SOURCE_LANGUAGE
    )


def with_source(langs: list[str]) -> list[str]:
    """``langs`` and the source language, whose only catalog is the interface words'."""
    return [SOURCE_LANGUAGE, *[lang for lang in langs if lang != SOURCE_LANGUAGE]]


def catalog_names(lang: str, names: list[str]) -> list[str]:
    """The catalogs ``lang`` has of ``names`` (the source language: interface words only)."""
    return [name for name in names if lang != SOURCE_LANGUAGE or name == DOMAIN]


def po_files(lang: str, locales: Path = LOCALES) -> list[Path]:
    folder = locales / lang / "LC_MESSAGES"
    return [
        folder / f"{name}.po"
        for name in catalog_names(lang, sorted(p.stem for p in folder.glob("*.po")))
    ]


def active(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and e.msgid]
