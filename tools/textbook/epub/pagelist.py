"""Print page numbers in the e-book: a ``page-list`` whose pages are the PDF's.

``textbook-build epub`` passes the published PDF of the same language
(``textbook_page_source``). Each PDF page's text (pypdf) gives a few of its first
words that occur once in the whole PDF (a repeated table header or running head
never does); a ``pagebreak`` marker goes before those words in the e-book's
pages, in reading order. A page without such words (blank, the contents page)
starts where the next page starts. The PDF's page labels (i, ii, 1, 2, ...) are
the page numbers. Without a PDF the e-book has no page-list.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

NEEDLE = 24  # letters and digits: enough to be unique in a book, short enough for a cell
TAG = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]+|&", re.S)
SKIPPED = ("head", "script", "style", "title")  # elements whose text is not read


def _key(text: str) -> str:
    """Letters and digits only, lower case: quotes, hyphenation and spaces differ."""
    return "".join(c for c in text.casefold() if c.isalnum())


def pdf_pages(pdf: Path, title: str) -> list[tuple[str, list[str]]]:
    """Each page's label and lines (the running head, which starts with ``title,``,
    left out)."""
    import pypdf

    reader = pypdf.PdfReader(str(pdf))
    pages = []
    for label, page in zip(reader.page_labels, reader.pages, strict=False):
        lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        if lines and _key(lines[0]).startswith(_key(title)) and "," in lines[0]:
            lines = lines[1:]
        pages.append((label, lines))
    return pages


def needles(lines: list[str]) -> list[str]:
    """Candidate first words of a page: runs of words within one line (a table's line
    mixes cells), from its first words on."""
    found = []
    for line in lines:
        words = line.split()
        for start in range(len(words)):
            key = ""
            for word in words[start:]:
                key += _key(word)
                if len(key) >= NEEDLE:
                    found.append(key[:NEEDLE])
                    break
    return found


class Text:
    """The readable text of the e-book's pages as one key string, each key character
    mapped back to its page and its offset in that page's markup."""

    def __init__(self, pages: dict[str, str]):
        self.key, self.where = [], []
        for name, markup in pages.items():
            body = markup.find("<body")
            skip = []
            for match in TAG.finditer(markup, body):
                token = match.group()
                if token.startswith("<"):
                    tag = re.match(r"</?([\w:-]+)", token)
                    if tag and tag.group(1) in SKIPPED and not token.endswith("/>"):
                        if token.startswith("</"):
                            skip = skip[:-1]
                        else:
                            skip.append(tag.group(1))
                    continue
                if skip:
                    continue
                text = html.unescape(token) if token.startswith("&") else token
                for i, char in enumerate(text):
                    for k in _key(char):
                        self.key.append(k)
                        # an entity's characters all map to the entity's start
                        self.where.append(
                            (name, match.start() + (0 if token.startswith("&") else i))
                        )
        self.key = "".join(self.key)


def place(pages: list[tuple[str, list[str]]], text: Text) -> list[tuple[str, int]]:
    """Where each page starts in ``text`` (key offsets, never decreasing)."""
    counts: dict[str, int] = {}
    for _, lines in pages:
        for needle in set(needles(lines)):
            counts[needle] = counts.get(needle, 0) + 1
    whole = _key(" ".join(" ".join(lines) for _, lines in pages))
    starts: list[int | None] = []
    cursor = 0
    for _, lines in pages:
        start = None
        for needle in needles(lines):
            if counts[needle] == 1 and whole.count(needle) == 1:
                at = text.key.find(needle, cursor)
                if at >= 0 and text.key.count(needle) == 1:
                    start = cursor = at
                    break
        starts.append(start)
    # a page with no words of its own starts where the next page starts; before the
    # first page found, where the book starts
    first = next((i for i, start in enumerate(starts) if start is not None), len(starts))
    following = len(text.key)
    for i in range(len(starts) - 1, -1, -1):
        starts[i] = following = (
            0 if i < first else starts[i] if starts[i] is not None else following
        )
    return [(label, start) for (label, _), start in zip(pages, starts, strict=False)]


MARKER = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-{id}" aria-label="{label}"/>'


def page_id(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", label)


def mark_pages(outdir: Path, docs: list[str], pdf: Path, title: str) -> list[tuple[str, str]]:
    """Insert the markers into the e-book's pages ``docs`` (in reading order);
    returns ``(label, href)`` for the page-list."""
    markup = {doc: (outdir / doc).read_text(encoding="utf-8") for doc in docs}
    text = Text(markup)
    inserts: dict[str, list[tuple[int, str]]] = {doc: [] for doc in docs}
    entries = []
    last = (docs[-1], markup[docs[-1]].rindex("</body>"))
    # pages past the last one found (the index: its lines carry page numbers the
    # e-book's index has not) start where the last e-book page starts
    ending = next((i for i, (doc, _) in enumerate(text.where) if doc == docs[-1]), None)
    for label, start in place(pdf_pages(pdf, title), text):
        if start == len(text.key) and ending is not None:
            start = ending
        doc, offset = text.where[start] if start < len(text.where) else last
        ident = page_id(label)
        inserts[doc].append((offset, MARKER.format(id=ident, label=html.escape(label))))
        entries.append((label, f"{doc}#page-{ident}"))
    for doc, found in inserts.items():
        page = markup[doc]
        for offset, marker in reversed(found):  # (in page order: offsets never decrease)
            page = page[:offset] + marker + page[offset:]
        if found:
            (outdir / doc).write_text(page, encoding="utf-8")
    return entries


def page_list_nav(entries: list[tuple[str, str]], heading: str) -> str:
    items = "".join(
        f'        <li><a href="{html.escape(href)}">{html.escape(label)}</a></li>\n'
        for label, href in entries
    )
    return (
        f'    <nav epub:type="page-list" id="page-list" role="doc-pagelist" '
        f'hidden="hidden">\n      <h2>{html.escape(heading)}</h2>\n      <ol>\n{items}'
        f"      </ol>\n    </nav>\n"
    )
