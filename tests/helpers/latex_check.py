"""Checks on built PDFs: text of each page, and the comparison table's strings.

Used by the tests (tests/test_pdf*.py, tests/test_coursepack*.py, tests/test_epub.py).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import polib
import sphinx

from textbook.comparison.data import load
from textbook.i18n.langparts import without_lang_marks

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "source" / "data" / "perbandingan-model.yaml"
QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`"} | {c: '"' for c in "“”„‟″"})
DROP = re.compile(r"[\s\-\u00ad\u2010\u2011]+")  # whitespace and (soft) hyphens
SECTION = re.compile(r"^(\d+|[A-Z])(\.\d+)+ \S")  # "3.3 Title"; running heads read "3.2. Title"
RUNNING = re.compile(r"^(\d+|[A-Z])(\.\d+)+\. \S.* \d+$")


def pdf_pages(pdf: Path) -> list[str]:
    """Text of every page, in content-stream order (a table cell's lines stay together)."""
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def normalise(text: str) -> str:
    """Compare text regardless of line breaks, hyphenation, ligatures and quote style."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    text = text.replace("…", "...")
    return DROP.sub("", text)


def reader_text(markup: str) -> str:
    """A data string as printed: MyST emphasis markers and language marks removed."""
    return re.sub(r"\*([^*]+)\*", r"\1", without_lang_marks(markup))


def catalog(lang: str, domain: str) -> dict[str, str]:
    """msgid -> msgstr as the build compiles them (translated, not fuzzy): the .mo
    files live in the build folder, never beside the catalog."""
    if lang == "id":
        return {}
    po = ROOT / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
    return {
        e.msgid: e.msgstr
        for e in polib.pofile(str(po))
        if e.msgstr and not e.fuzzy and not e.obsolete
    }


def table_strings(lang: str) -> dict[str, str]:
    """Every model name, indicator label and cell of the data file, in ``lang``.

    Keys name the place (``model lokal``, ``indicator tujuan``, ``cell tujuan/aksi``).
    """
    data, messages = load(DATA), catalog(lang, "model-intervensi")

    def tr(text: str) -> str:
        text = " ".join(text.split())
        if lang != "id" and text not in messages:
            raise KeyError(f"no {lang} translation for {text!r} in model-intervensi.po")
        return reader_text(messages.get(text, text))

    found = {f"model {m.id}": tr(m.name) for m in data.models}
    for ind in data.indicators:
        found[f"indicator {ind.id}"] = tr(ind.label)
        for model in data.models:
            found[f"cell {ind.id}/{model.id}"] = tr(ind.cells[model.id])
    return found


def table_caption(lang: str) -> str:
    """The comparison table's caption (the directive's content in the chapter), in ``lang``."""
    source = (ROOT / "source" / "model-intervensi.md").read_text(encoding="utf-8")
    found = re.search(
        r"^```\{model-comparison\}[^\n]*\n(?::[^\n]*\n)*(.+?)\n```", source, re.M | re.S
    )
    if not found:
        raise ValueError("no model-comparison directive with a caption in model-intervensi.md")
    caption = " ".join(found.group(1).split())
    return catalog(lang, "model-intervensi").get(caption, caption) if lang != "id" else caption


def sphinx_text(lang: str, msgid: str) -> str:
    """A message of Sphinx's own catalog (what its LaTeX templates print), in ``lang``."""
    mo = Path(sphinx.__file__).parent / "locale" / lang / "LC_MESSAGES" / "sphinx.mo"
    if lang == "en" or not mo.exists():
        return msgid
    return next((e.msgstr for e in polib.mofile(str(mo)) if e.msgid == msgid and e.msgstr), msgid)


def table_lines(pages: list[str], lang: str) -> list[str]:
    """The comparison table's own lines: after its caption ("Tabel 1: ...") up to its end.

    A longtable page ends with "continues on next page" and the next one starts (after
    the running head) with "Table 1 - continued from previous page"; the lines in
    between (page numbers, running heads) are left out. On the last page the table ends
    at the next section heading, or the page end (a new chapter starts a new page).
    """
    caption = re.compile(r"\w+\d+:" + re.escape(normalise(table_caption(lang))))
    onward = normalise(sphinx_text(lang, "continues on next page"))
    back = normalise(sphinx_text(lang, "continued from previous page"))
    for index, page in enumerate(pages):  # noqa: B007 -- used after the loop
        lines = page.splitlines()
        normal = [normalise(line) for line in lines]
        found = caption.search("".join(normal))
        if found:
            break
    else:
        return []
    length = 0
    for start, line in enumerate(normal):  # noqa: B007 -- the caption's last line, used below
        length += len(line)
        if length >= found.end():
            break
    lines, region = lines[start + 1 :], []
    while True:
        cut = next((i for i, line in enumerate(lines) if onward in normalise(line)), None)
        if cut is None or index + 1 == len(pages):
            break
        region += lines[:cut]
        index += 1
        lines = pages[index].splitlines()
        top = next((i for i, line in enumerate(lines) if normalise(line).endswith(back)), -1)
        lines = lines[top + 1 :]
    end = next((i for i, line in enumerate(lines) if SECTION.match(line)), None)
    return region + (lines[:end] if end is not None else without_running_head(lines))


def without_running_head(lines: list[str]) -> list[str]:
    """A page's lines without the running head that pdftotext puts last: "3.2. Title 5"
    (odd pages), "4" then the book's title (even pages) or the page number alone."""
    if lines and (lines[-1].isdigit() or RUNNING.match(lines[-1])):
        return lines[:-1]
    if len(lines) >= 2 and lines[-2].isdigit():
        return lines[:-2]
    return lines


def missing_table_strings(pages: list[str], lang: str) -> list[str]:
    """Strings of the data file not printed in their place in the PDF's table.

    Searched in the table's own text only (table_lines), so a string printed only
    elsewhere in the book is reported as missing; see table_text_problems.
    """
    text = "".join(table_lines(pages, lang))
    if not text:
        return [f"caption not found: {table_caption(lang)!r}"]
    return table_text_problems(text, lang)


def table_text_problems(table: str, lang: str) -> list[str]:
    """Strings of the data file not in their place in ``table`` (one table's text).

    Row by row: the header row holds the model names; each indicator's row runs from
    its label to the next row's label and holds its cells in model order. A string
    found only outside its row or out of order is reported "(out of row order)".
    """
    text = normalise(table)
    strings, data = table_strings(lang), load(DATA)
    problems: list[str] = []

    def report(place: str) -> None:
        order = " (out of row order)" if normalise(strings[place]) in text else ""
        problems.append(f"{place}: {strings[place]!r}{order}")

    # rows: (label place or None for the header, places of the row's cells)
    rows = [(None, [f"model {m.id}" for m in data.models])] + [
        (f"indicator {ind.id}", [f"cell {ind.id}/{m.id}" for m in data.models])
        for ind in data.indicators
    ]
    spans: list[tuple[int, int] | None] = [(0, 0)]  # each row's label: start, end
    at = 0
    for label, _ in rows[1:]:
        wanted = normalise(strings[label])
        where = text.find(wanted, at)
        if where < 0:
            report(label)
            spans.append(None)
        else:
            at = where + len(wanted)
            spans.append((where, at))
    bounds = []  # a row's cells: after its label, before the next label found
    for i in range(len(rows)):
        begin = next(span[1] for span in reversed(spans[: i + 1]) if span)
        end = next((span[0] for span in spans[i + 1 :] if span), len(text))
        bounds.append((begin, end))
    for (_, cells), (begin, end) in zip(rows, bounds, strict=False):
        at = begin
        for place in cells:
            where = text.find(normalise(strings[place]), at, end)
            if where < 0:
                report(place)
            else:
                at = where + len(normalise(strings[place]))
    return problems
