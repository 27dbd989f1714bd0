"""Checks on built PDFs: text of each page, and the comparison table's strings.

Used by the tests (tests/test_pdf*.py, tests/test_coursepack*.py).
"""
from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import polib

from .comparison_data import load

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "source" / "data" / "perbandingan-model.yaml"
QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`"} | {c: '"' for c in "“”„‟″"})
DROP = re.compile(r"[\s\-\u00ad\u2010\u2011]+")  # whitespace and (soft) hyphens


def pdf_pages(pdf: Path) -> list[str]:
    """Text of every page, in content-stream order (a table cell's lines stay together)."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def normalise(text: str) -> str:
    """Compare text regardless of line breaks, hyphenation, ligatures and quote style."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    text = text.replace("…", "...")
    return DROP.sub("", text)


def reader_text(markup: str) -> str:
    """A data string as printed: MyST emphasis markers removed."""
    return re.sub(r"\*([^*]+)\*", r"\1", markup)


def catalog(lang: str, domain: str) -> dict[str, str]:
    """msgid -> msgstr from the compiled catalog (Sphinx writes the .mo when building)."""
    if lang == "id":
        return {}
    mo = ROOT / "locales" / lang / "LC_MESSAGES" / f"{domain}.mo"
    return {e.msgid: e.msgstr for e in polib.mofile(str(mo)) if e.msgstr}


def table_strings(lang: str) -> dict[str, str]:
    """Every model name, indicator label and cell of the data file, in ``lang``.

    Keys name the place (``model lokal``, ``indicator tujuan``, ``cell tujuan/aksi``).
    """
    data, messages = load(DATA), catalog(lang, "model-intervensi")

    def tr(text: str) -> str:
        text = " ".join(text.split())
        if lang != "id" and text not in messages:
            raise KeyError(f"no {lang} translation for {text!r} in model-intervensi.mo")
        return reader_text(messages.get(text, text))

    found = {f"model {m.id}": tr(m.name) for m in data.models}
    for ind in data.indicators:
        found[f"indicator {ind.id}"] = tr(ind.label)
        for model in data.models:
            found[f"cell {ind.id}/{model.id}"] = tr(ind.cells[model.id])
    return found


def missing_table_strings(pages: list[str], lang: str) -> list[str]:
    text = normalise("".join(pages))
    return [f"{place}: {value!r}" for place, value in table_strings(lang).items()
            if normalise(value) not in text]
