"""Where the catalogs live, and the shape of a reported problem."""
from __future__ import annotations

import os
from pathlib import Path

import polib

from textbook.i18n.po import Lines, Problem, load  # noqa: F401 -- one copy, in the extension

ROOT = Path(__file__).resolve().parent.parent.parent
LOCALES = ROOT / "locales"
POT_DIR = ROOT / "_build" / "gettext"
SOURCE_LANGUAGE = "id"


def display(path: Path) -> str:
    """A path relative to the project when it lies inside it."""
    try:
        return os.path.relpath(path, ROOT) if Path(path).is_relative_to(ROOT) else str(path)
    except ValueError:
        return str(path)


def languages(locales: Path = LOCALES) -> list[str]:
    """Translated languages: every ``locales/<lang>/LC_MESSAGES`` folder."""
    if not locales.is_dir():
        return []
    return sorted(p.name for p in locales.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_files(lang: str, locales: Path = LOCALES) -> list[Path]:
    return sorted((locales / lang / "LC_MESSAGES").glob("*.po"))


def active(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and e.msgid]
