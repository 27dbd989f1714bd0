"""A course pack of several languages as one LaTeX volume: the step of ``make
coursepack`` between each language's Sphinx LaTeX build and latexmk.

* Sequential (:func:`merge`): the first language's preamble, title page and one table
  of contents, then one part per language, each switched to its own polyglossia
  language (hyphenation, chapter names) and running header (title, edition word),
  its labels made unique.
* Facing pages (:func:`merge_facing`): the first edition on left-hand pages, the
  second facing it block by block, paired by the marks that ``textbook.latex.facing``
  writes into each edition (``textbook_facing``).

Read from each ``.tex``: ``\\begin{document}``, ``\\sphinxtableofcontents``, where the
body starts (``\\pagestyle{normal}``) and ends (``\\renewcommand{\\indexname}``),
``\\title``, ``\\releasename``, the labels and the marks. The TeX written is in
``textbook/latex/templates/textbook-pack.tex.jinja``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from textbook.latex.facing import MARK
from textbook.latex.layout import ADDRESS, HANDOUT_MARK, TEMPLATES, attribution, credits, words


class CoursepackError(Exception):
    pass


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


MARK_RE = re.compile(rf"^{MARK}:(chapter|block|row|rowfirst|rowlast):(\S+)$", re.M)
BEGIN_RE, END_RE = re.compile(r"\\begin\{"), re.compile(r"\\end\{")
Block = tuple[str, ...]  # key, kind (block or row), LaTeX (of each edition)


def blocks(body: str, path) -> tuple[str, list[tuple[str, list[Block]]]]:
    """``(lead, chapters)`` of one edition's body: each chapter's blocks in order,
    split at the marks of :class:`FacingMarks`; the text before a chapter's first
    block mark belongs to that block."""
    pieces = MARK_RE.split(body)
    lead, chapters = pieces[0], []
    for kind, name, text in zip(pieces[1::3], pieces[2::3], pieces[3::3], strict=True):
        if kind == "chapter":
            chapters.append((name, [(f"{name}:head", "head", text)]))
        elif not chapters:
            raise CoursepackError(f"{path}: a block mark before the first chapter")
        elif chapters[-1][1][-1][1] == "head" and len(chapters[-1][1]) == 1:
            chapters[-1][1][0] = (name, kind, chapters[-1][1][0][2] + text)
        else:
            chapters[-1][1].append((name, kind, text))
    return lead, chapters


def pairs(left: list[Block], right: list[Block]) -> list[Block]:
    """``(key, kind, left LaTeX, right LaTeX)`` paired by key in the left edition's order;
    a block only one edition has (an edition-only passage) faces an empty column,
    placed after the block it follows in its own edition."""
    order = [key for key, _, _ in left]
    for index, (key, _, _) in enumerate(right):
        if key not in order:
            before = [k for k, _, _ in right[:index] if k in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, key)
    found_left = {key: (kind, text) for key, kind, text in left}
    found_right = {key: (kind, text) for key, kind, text in right}
    return [
        (
            key,
            (found_left.get(key) or found_right[key])[0],
            found_left.get(key, ("", ""))[1],
            found_right.get(key, ("", ""))[1],
        )
        for key in order
    ]


def merge_facing(texs: dict) -> str:
    """One volume from two editions' LaTeX files (language -> path): the first on
    left-hand pages, the second facing it, block by block, each chapter a paracol
    environment in parallel-paging mode (``[1]*{2}``: one column a page, left and
    right pages numbered on)."""
    (left_lang, _), (right_lang, _) = texs.items()
    parsed = {}
    for lang, path in texs.items():
        front, body, end = split(path.read_text(encoding="utf-8"), path)
        parsed[lang] = (front, end, *blocks(prefix_labels(body, lang), path))
    head, tail, lead, left_chapters = parsed[left_lang]
    right_chapters = dict(parsed[right_lang][3])
    fronts = {lang: front_words(parsed[lang][0], path) for lang, path in texs.items()}
    for lang, (_, _, _, chapters) in parsed.items():  # a block is set whole in one column
        for key, _, text in (b for _, found in chapters for b in found):
            if len(BEGIN_RE.findall(text)) != len(END_RE.findall(text)):
                raise CoursepackError(
                    f"{texs[lang]}: cannot pair the editions' blocks: the "
                    f"block at {key} opens or closes an environment of "
                    f"another block"
                )
    out = [lead]
    for docname, found in left_chapters:
        paired = pairs(found, right_chapters.get(docname, []))
        rows = []
        for index, (key, kind, left, right) in enumerate(paired):
            after = paired[index + 1] if index + 1 < len(paired) else ("", "")
            # a table's first two rows and its last two stay together
            keep = (
                after[0]
                if kind.startswith("row")
                and after[1].startswith("row")
                and (kind == "rowfirst" or after[1] == "rowlast")
                else ""
            )
            rows.append({"key": key, "kind": kind, "keep": keep, "left": left, "right": right})
        out.append(pieces().facing_chapter(rows, words(left_lang), words(right_lang)))
    head = before_document(head, pieces().facing_heads(*fronts.values()))
    return bilingual_front(head, fronts) + "".join(out) + "\n" + tail
