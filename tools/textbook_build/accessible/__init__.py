"""The accessible PDF (PDF/UA-1, tagged) of an edition or a course pack.

Sphinx writes the text as one HTML page (``singlehtml``) with the print theme beside
this file (A4, page numbers, no site navigation); WeasyPrint renders it as PDF/UA-1,
without hyphenation, so that no word is split in the text or the tags.
``textbook.upstream.weasyprint_tags`` adds the tags WeasyPrint leaves out (/Lang of
passages, /Scope, /Note, link /Contents).
"""

from __future__ import annotations

import html as markup
import logging
import re
import shutil
import sys
from pathlib import Path

from ..runner import fork_call

THEME = Path(__file__).resolve().parent / "theme"
SUFFIX = "-accessible.pdf"
# Links resolved after singlehtml assembled the page keep "#document-<doc>#<id>" (what
# Sphinx's SingleFileHTMLBuilder.fix_refuris turns into "#<id>" before it).
LATE_REFURI = re.compile(r'href="#document-[^"#]*#')
ANCHOR = re.compile(r'\sid="([^"]+)"')
INTERNAL_LINK = re.compile(r'\shref="#([^"]*)"')


def sphinx_options() -> list[str]:
    """``-D`` options of the ``singlehtml`` build that feeds WeasyPrint."""
    return [
        "-D",
        "html_theme=textbook-print",
        "-D",
        f"html_theme_path={THEME}",
        # the book's pages are checked by the site build
        "-D",
        "textbook_spelling=0",
    ]


def pack_source(source: Path, target: Path, chapters: list[str]) -> None:
    """``target``: the course pack's ``source`` (``textbook_build.coursepack.make_source``,
    chapters already checked) whose root holds only ``chapters``, untitled (each chapter
    is a top heading); the book's other chapters stay outside it, so references to them
    still resolve (their links are dropped by :func:`unlink_missing`)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, symlinks=True)
    (target / "index.md").write_text(
        "```{toctree}\n\n" + "\n".join(chapters) + "\n```\n", encoding="utf-8"
    )


# the pack's build: the chapters it leaves out are in no toctree, and that is meant
PACK_OPTIONS = ["-D", "suppress_warnings=toc.not_included"]


def unlink_missing(html: str) -> str:
    """A course pack's links into chapters it leaves out become plain text."""
    present = set(ANCHOR.findall(html))
    return INTERNAL_LINK.sub(lambda m: m.group(0) if m.group(1) in present else "", html)


def title_block(lines: dict[str, str]) -> str:
    """A pack file's title and course lines (untrusted text, escaped) above the chapters."""
    if not lines.get("title"):
        return ""
    rest = [lines[k] for k in ("course", "institution", "lecturer", "term") if lines.get(k)]
    return (
        '<header class="pack-title">'
        f"<h1>{markup.escape(lines['title'])}</h1>"
        + "".join(f"<p>{markup.escape(line)}</p>" for line in rest)
        + "</header>"
    )


def _render(
    page: Path, target: Path, label: str, title: str = "", pack: dict[str, str] | None = None
) -> int:
    import weasyprint

    errors: list[str] = []

    class Collect(logging.Handler):  # WeasyPrint says what it could not tag as ERROR
        def emit(self, record):
            errors.append(record.getMessage())

    logging.getLogger("weasyprint").addHandler(Collect(level=logging.ERROR))
    tmp = target.with_suffix(".pdf.tmp")
    html = LATE_REFURI.sub('href="#', page.read_text(encoding="utf-8"))
    if pack is not None:
        html = unlink_missing(html).replace("<main>", "<main>" + title_block(pack), 1)
    document = weasyprint.HTML(string=html, base_url=str(page)).render(pdf_variant="pdf/ua-1")
    # the document's title: the pack's, or the first heading (the edition's own title)
    document.metadata.title = title or document.make_bookmark_tree()[0][0]
    document.write_pdf(str(tmp), pdf_variant="pdf/ua-1")
    if errors:
        print(f"[{label}] FAILED: WeasyPrint: " + "; ".join(errors[:5]), file=sys.stderr)
        tmp.unlink(missing_ok=True)
        return 1
    tmp.replace(target)
    return 0


def render(
    page: Path, target: Path, label: str, title: str = "", pack: dict[str, str] | None = None
) -> int:
    """``page`` (a singlehtml ``index.html``) as the PDF/UA-1 file ``target``; ``pack``:
    a course pack's title lines (``None``: the book)."""
    from textbook.upstream.weasyprint_tags import setup_weasyprint_tags

    print(f"[{label}] WeasyPrint {target.name}", flush=True)
    setup_weasyprint_tags()  # imports WeasyPrint here, once, not in every forked child
    return fork_call(lambda: _render(page, target, label, title, pack))
