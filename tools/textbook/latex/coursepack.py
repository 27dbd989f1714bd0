"""Course packs: chosen chapters, one or more languages, one PDF.

``make_source`` writes a small Sphinx source folder whose root document lists
the chosen chapters (the chapter files and the data are copied with their times,
so document names and catalogs stay the same; a link would not be read, input_check.py); the build prints only those chapters and the
references they cite (``-D textbook_print_chapters=...``, see latex.py).
``merge`` joins the LaTeX files of several single-language builds into one
volume: the first language's preamble, title page and one table of contents,
then one part per language, each switched to its own polyglossia language
(hyphenation, chapter names) and running header (title, edition word) with its
labels made unique. Chapters keep the book's numbers (``\\setcounter`` before each).
"""

from __future__ import annotations

import difflib
import re
import shutil
from functools import cache
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .layout import ADDRESS, HANDOUT_MARK, TEMPLATES, attribution, credits, words


class CoursepackError(Exception):
    pass


class UntranslatedRootTitle(SphinxTransform):
    """A pack's generated root heading (``make_source``) is never printed (the LaTeX
    writer takes the root's title as the document's and skips it): no chapter catalog
    is asked for it (before Sphinx's Locale transform, 20), so no pending translation."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        if self.config.textbook_print_chapters and self.env.docname == self.config.root_doc:
            for title in self.document.findall(nodes.title):
                title["translatable"] = False
                break


TOCTREE_RE = re.compile(r"^(`{3,}|:{3,})\{toctree\}[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)


def book_numbers(index: Path) -> dict[str, int]:
    """Chapter numbers of the book: the entries of the numbered toctrees of ``index``."""
    numbers: dict[str, int] = {}
    for match in TOCTREE_RE.finditer(index.read_text(encoding="utf-8")):
        lines = [line.strip() for line in match.group(2).splitlines()]
        if ":numbered:" not in {line.split(" ")[0] for line in lines}:
            continue
        for line in lines:
            if line and not line.startswith(":"):
                numbers.setdefault(line, len(numbers) + 1)
    return numbers


REFERENCES_ONLY = (
    "%s holds only the references, which every pack prints after its "
    "chapters; choose at least one chapter ('make chapters' lists them)"
)


def references_only(source: Path, chapters: list[str]) -> bool:
    """Whether every one of ``chapters`` is a references chapter (a bibliography)."""
    return all(
        "{bibliography}" in (source / f"{c}.md").read_text(encoding="utf-8") for c in chapters
    )


def make_source(source: Path, target: Path, chapters: list[str]) -> None:
    """Write ``target``: an ``index.md`` with a toctree of ``chapters``, plus links.

    Each chapter numbered in the book is preceded by a LaTeX ``\\setcounter`` so that
    it keeps the book's number (chapter 3 stays chapter 3 in a pack of two).
    """
    known = sorted(p.stem for p in source.glob("*.md") if p.stem != "index")
    unknown = [c for c in chapters if c not in known]
    if not chapters or unknown:
        hints = "".join(
            f" ('{c}': did you mean '{m[0]}'?)"
            for c in unknown
            if (m := difflib.get_close_matches(c, known, n=1))
        )
        raise CoursepackError(
            f"unknown chapter(s): {' '.join(unknown) or '(none given)'}{hints}; "
            f"choose from: {' '.join(known)} ('make chapters' lists their titles)"
        )
    repeated = sorted({c for c in chapters if chapters.count(c) > 1})
    if repeated:
        raise CoursepackError(f"chapter(s) named more than once: {' '.join(repeated)}")
    if references_only(source, chapters):
        raise CoursepackError(REFERENCES_ONLY % " ".join(chapters))
    if target.exists():
        for child in target.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    target.mkdir(parents=True, exist_ok=True)
    # Every chapter is read (references to the others keep their titles); only the
    # chosen ones are printed (config textbook_print_chapters, see latex.py).
    for name in known:
        shutil.copy2(source / f"{name}.md", target / f"{name}.md", follow_symlinks=False)
    for extra in ("data",):
        if (source / extra).exists():
            shutil.copytree(source / extra, target / extra, symlinks=True)
    rest = [name for name in known if name not in chapters]
    numbers = book_numbers(source / "index.md")
    text = "# Course pack\n"  # (not printed nor translated: UntranslatedRootTitle)
    for name in chapters:
        if name in numbers:
            text += "\n```{raw} latex\n\\setcounter{chapter}{%d}\n```\n" % (numbers[name] - 1)
        # the book's appendix (not numbered there) stays an appendix (layout.appendices)
        text += (
            "\n```{toctree}\n"
            + (":numbered:\n" if name in numbers else "")
            + "\n"
            + name
            + "\n```\n"
        )
    if rest:
        text += "\n```{toctree}\n:hidden:\n\n" + "\n".join(rest) + "\n```\n"
    (target / "index.md").write_text(text, encoding="utf-8")


# the line itself (a comment of the preamble may name it)
BEGIN_DOC_RE = re.compile(r"^\\begin\{document\}$", re.M)


def document_start(tex: str) -> int:
    """Where ``\\begin{document}`` is in ``tex`` (-1: not found)."""
    match = BEGIN_DOC_RE.search(tex)
    return match.start() if match else -1


def before_document(head: str, text: str) -> str:
    """``head`` with ``text`` at the end of its preamble."""
    at = document_start(head)
    return head[:at] + text + head[at:]


BEGIN_BODY = "\\pagestyle{normal}\n"
END_BODY = "\\renewcommand{\\indexname}"
LABEL_RE = re.compile(r"(\\detokenize\{|\\hyperlink\{cite\.|\\bibitem\[[^\]]*\]\{)")


def split(tex: str, path: Path) -> tuple[str, str, str]:
    """``(preamble and front matter, body, end)`` of a Sphinx LaTeX file."""
    begin = document_start(tex)
    start = tex.find(BEGIN_BODY, tex.find("\\sphinxtableofcontents", begin))
    end = tex.rfind(END_BODY)
    if begin < 0 or "\\sphinxtableofcontents" not in tex or start < 0 or end < start:
        raise CoursepackError(f"{path}: not a Sphinx manual (markers not found)")
    start += len(BEGIN_BODY)
    return tex[:start], tex[start:end], tex[end:]


def prefix_labels(body: str, lang: str) -> str:
    """Make every label, reference and citation key of one language's part unique."""
    return LABEL_RE.sub(lambda m: m.group(1) + f"{lang}/", body)


PACK_PACKAGE = "\\usepackage{textbookpack}\n"  # (texinputs/textbookpack.sty)


TITLE_RE = re.compile(r"^\\title\{(.*)\}$", re.M)
RELEASENAME_RE = re.compile(r"^\\renewcommand\{\\releasename\}\{(.*)\}$", re.M)


def front_words(front: str, path: Path) -> tuple[str, str]:
    """``(title, edition word)`` of one language's LaTeX file (as Sphinx escaped them)."""
    title, release = TITLE_RE.search(front), RELEASENAME_RE.search(front)
    if not title or not release:
        raise CoursepackError(f"{path}: \\title or \\releasename not found")
    return title.group(1), release.group(1)


@cache
def pieces():
    """The macros of ``templates/textbook-pack.tex.jinja``."""
    from sphinx.util.template import LaTeXRenderer

    return LaTeXRenderer([str(TEMPLATES)]).env.get_template("textbook-pack.tex.jinja").module


def bilingual_front(head: str, fronts: dict[str, tuple[str, str]]) -> str:
    """Title page with every language's title and edition word; TOC heading names all."""
    first = next(iter(fronts))
    head = TITLE_RE.sub(lambda m: pieces().title([t for t, _ in fronts.values()]), head, count=1)
    contents = r"\ \textperiodcentered\ ".join(words(lang)["contents"] for lang in fronts)
    others = [
        {"release": r, "w": words(lang), "credits": credits(lang)}
        for lang, (_, r) in list(fronts.items())[1:]
    ]
    attributions = [
        (
            words(lang)["polyglossia"],
            attribution(lang, title=t, author=r"\@author", edition=r + r"\space\version"),
        )
        for lang, (t, r) in fronts.items()
    ]
    # the online edition of every language of the pack (the first's is on its title page)
    first_address = re.compile(
        re.escape(ADDRESS % ("\0", "\0"))
        .replace("\0", "(?P<site>[^{}]*)%s/" % re.escape(first), 1)
        .replace("\0", "[^{}]*")
    )
    head = first_address.sub(
        lambda m: r"\\ ".join(ADDRESS % ((m["site"] + f"{lang}/",) * 2) for lang in fronts),
        head,
        count=1,
    )
    head = before_document(head, pieces().languages(list(fronts), others, attributions))
    toc = "\\sphinxtableofcontents"
    at = head.index(toc, document_start(head))  # (the preamble redefines it)
    return head[:at] + "\\renewcommand{\\contentsname}{%s}" % contents + head[at:]


def merge(texs: dict[str, Path]) -> str:
    """One LaTeX document from the single-language ``texs`` (language -> .tex)."""
    parts = []
    fronts: dict[str, tuple[str, str]] = {}
    head = tail = ""
    for index, (lang, path) in enumerate(texs.items()):
        front, body, end = split(path.read_text(encoding="utf-8"), path)
        if index == 0:
            head, tail = front, end
        fronts[lang] = title, release = front_words(front, path)
        w = words(lang)
        handout = HANDOUT_MARK in front
        # \clearpage first: the previous part's last page keeps its own header (a
        # handout's first part follows its title block)
        parts.append(
            "\n"
            + pieces().part(lang, w, title, release, handout and index == 0, handout)
            + prefix_labels(body, lang)
        )
    head = before_document(head, PACK_PACKAGE)
    if len(fronts) > 1:
        head = bilingual_front(head, fronts)
    return head + "".join(parts) + "\n" + tail
