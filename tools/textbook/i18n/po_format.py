"""The PO files' format: the canonical layout ``make update-po`` writes, and whether
Babel (which Sphinx compiles catalogs with) can read a file."""

from __future__ import annotations

import io
from pathlib import Path

import polib
from babel.messages import pofile

from ..inputs import read_bytes

# How `make update-po` writes a catalog whose messages changed: Babel's writer
# (as sphinx-intl uses it), 76 columns, previous msgids kept. Any other layout
# of the same messages is accepted and left as it is.
PO_FORMAT = {"width": 76, "include_previous": True}


FORMAT_FLAGS = ("python-format", "python-brace-format")


def canonical(catalog, markup: bool = True) -> bytes:
    """``catalog`` (Babel's) as the canonical PO file.

    ``markup``: the messages are MyST text (chapter catalogs), where Babel's guess
    that ``{doc}`` or ``50%`` is a Python format string is wrong and would make
    translation tools check placeholders that do not exist.

    Babel 2.19 rewraps a multi-line previous msgid into one broken comment
    (``#| msgid "" "…``); each ``#|`` block is written here as gettext does."""
    if markup:
        for message in [*catalog, *catalog.obsolete.values()]:
            message.flags.difference_update(FORMAT_FLAGS)
    out = io.BytesIO()
    pofile.write_po(out, catalog, **PO_FORMAT)
    previous = iter([m.previous_id for m in catalog if m.id and m.previous_id])
    lines, fixed = out.getvalue().decode("utf-8").splitlines(keepends=True), []
    for number, line in enumerate(lines):
        if not line.startswith("#|"):
            fixed.append(line)
        elif number == 0 or not lines[number - 1].startswith("#|"):
            ids = next(previous)
            for keyword, text in zip(["msgid", "msgid_plural"], ids, strict=False):
                # normalize() counts a prefix once per word: wrap bare, then prefix
                norm = pofile.normalize(text, width=PO_FORMAT["width"] - len("#| "))
                fixed.append(f"#| {keyword} {norm.replace(chr(10), chr(10) + '#| ')}\n")
    return "".join(fixed).encode("utf-8")


def read_catalog(path: Path):
    """A PO file as Babel's catalog, with the previous msgids (``#|``) Babel's reader skips."""
    raw = read_bytes(path)
    catalog = pofile.read_po(io.BytesIO(raw))
    previous = {
        e.msgid: e.previous_msgid
        for e in polib.pofile(raw.decode("utf-8"))
        if e.previous_msgid and not e.obsolete
    }
    for message in [*catalog, *catalog.obsolete.values()]:
        # Babel keeps the "#|" lines as translator comments ("| msgid ...")
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        if message.id in previous:
            message.previous_id = [previous[message.id]]
    return catalog


def format_problem(path: Path) -> tuple[int, str] | None:
    """``(line, message)`` when Babel, which Sphinx compiles catalogs with, cannot
    read ``path``. The layout is free: GNU gettext's and translation platforms'
    wrapping and header fields are accepted (``make update-po`` rewrites a file
    only when its messages change)."""
    try:
        read_catalog(path)
    except Exception as exc:  # noqa: BLE001 -- Babel's parse errors vary; msgfmt names them
        return 1, f"Babel cannot read this file: {exc}"
    return None
