"""The committed templates, ``locales/templates/<catalog>.pot``.

``make update-po`` extracts fresh templates into ``_build/gettext`` and copies
each one here only when its messages changed, so an unchanged source leaves
every line (``POT-Creation-Date`` included) as it was. New languages start from
these files (``make add-language``, or a translation platform); ``make po-check``
fails while one of them differs from a fresh extraction.

A template's content is what is left when it is written in the canonical layout
(``po_format.canonical``), without the creation date and the header comment.
"""

from __future__ import annotations

import re
from pathlib import Path

from textbook.i18n.po_format import canonical, read_catalog
from textbook.messages import DOMAIN

from .catalogs import LOCALES, Problem, display

TEMPLATES = LOCALES / "templates"
DATE = re.compile(rb'^"POT-Creation-Date: [^"]*"\n', re.M)
FIX = "run 'make update-po', which updates the templates and catalogs"


def layout(path: Path) -> bytes:
    """The catalog or template ``path`` in the canonical layout."""
    return canonical(read_catalog(path), markup=Path(path).stem != DOMAIN)


def content(path: Path) -> bytes:
    """What counts in ``path``: its canonical layout without the creation date and
    the header's comment (a copyright year that follows the build date)."""
    text = DATE.sub(b"", layout(path))
    return text[text.find(b'msgid ""') :]


def differs(fresh: Path, committed: Path) -> int:
    """0 when both templates hold the same messages, else the first line of
    ``committed`` that differs (1-based)."""
    if not committed.is_file():
        return 1
    a, b = content(fresh).splitlines(), content(committed).splitlines()
    if a == b:
        return 0
    first = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    body = b[first] if first < len(b) else b""
    raw = committed.read_bytes().splitlines()
    return next((n for n, line in enumerate(raw, 1) if body and line == body), 1)


def sync(pot_dir: Path, templates: Path = TEMPLATES) -> list[Path]:
    """Copy each fresh template whose messages changed; remove those of deleted catalogs."""
    templates.mkdir(parents=True, exist_ok=True)
    changed = []
    fresh = {p.stem: p for p in sorted(pot_dir.glob("*.pot"))}
    for name, path in fresh.items():
        target = templates / f"{name}.pot"
        if differs(path, target):
            target.write_bytes(layout(path))
            changed.append(target)
    for old in sorted(templates.glob("*.pot")):
        if old.stem not in fresh:
            old.unlink()
            changed.append(old)
    return changed


def problems(pot_dir: Path, templates: Path = TEMPLATES) -> list[Problem]:
    """Committed templates that a fresh extraction into ``pot_dir`` contradicts."""
    found = []
    fresh = {p.stem: p for p in sorted(pot_dir.glob("*.pot"))}
    for name, path in fresh.items():
        target = templates / f"{name}.pot"
        if not target.is_file():
            found.append(Problem(display(target), 0, f"template missing: {FIX}"))
        elif line := differs(path, target):
            found.append(
                Problem(display(target), line, f"stale template (the sources changed): {FIX}")
            )
    for old in sorted(templates.glob("*.pot")):
        if old.stem not in fresh:
            found.append(
                Problem(
                    display(old), 1, f"template of a catalog the sources no longer have: {FIX}"
                )
            )
    return found
