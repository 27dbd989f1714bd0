"""What the book's prose must show: the English terms its sources mark, and
typographic quotation marks."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"\[\**([^\[\]*]+)\**\]\{\.lang-en\}")


def marked_terms() -> dict[str, Counter]:
    """Per page, the terms its Indonesian sources mark as English (the data file's
    on the page of its table, the ``lang-en`` fields of the references on theirs)."""
    from pybtex.database import parse_file

    from textbook.citations.foreign import phrases

    entries = parse_file(str(ROOT / "bibliography.bib")).entries.values()
    found = {"daftar-pustaka": Counter(p for e in entries for _, p in phrases(e))}
    sources = [
        *sorted((ROOT / "source").glob("*.md")),
        ROOT / "source" / "data" / "perbandingan-model.yaml",
    ]
    for path in sources:
        doc = "model-intervensi" if path.suffix == ".yaml" else path.stem
        text = path.read_text(encoding="utf-8")
        terms = [" ".join(m.group(1).split()) for m in MARK.finditer(text)]
        found.setdefault(doc, Counter()).update(terms)
    return {doc: terms for doc, terms in found.items() if terms}


# the editorial notes quote the original's typo: a space inside each quotation mark
KORBAN = "\u2018 Korban \u2019"


def quote_faults(text: str) -> list[str]:
    """Straight quotes, and an opening mark opened again before it was closed
    (‘ Korban ‘); an apostrophe (’ in a word) counts as a closing mark."""
    faults = [f"straight quote: {m.group(0)!r}" for m in re.finditer(r".{0,12}[\"'].{0,12}", text)]
    for opening, closing in ("‘’", "“”"):
        marks = re.finditer(f"[{opening}{closing}]", text)
        open_at = None
        for mark in marks:
            if mark.group() == opening and open_at is not None:
                faults.append(f"{opening} opened twice: {text[open_at : mark.end() + 8]!r}")
            open_at = mark.start() if mark.group() == opening else None
        if open_at is not None:
            faults.append(f"{opening} never closed: {text[open_at : open_at + 20]!r}")
    return faults
