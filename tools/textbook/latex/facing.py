"""Facing-page volume: marks in each edition's LaTeX where its paired blocks begin.

With ``textbook_facing`` every printed chapter starts with a chapter mark and every
block of it that holds a message (a heading, a paragraph with its footnotes, a
list, a quotation, the comparison table) with a block mark naming the number of its
first message (``tb_msg``: ``i18n/parallel.py`` numbers the messages before
translation, as for the web's parallel view, so the numbers are the same in both
editions). ``coursepack.merge_facing`` then pairs the blocks of two editions by
those marks. A mark is a LaTeX comment line of a raw node: escaped text cannot
produce one (``%`` is written ``\\%``).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from .coursepack import (
    CoursepackError,
    before_document,
    bilingual_front,
    front_words,
    pieces,
    prefix_labels,
    split,
)
from .layout import first_header, words

MARK = "%%textbook-facing"
MARK_RE = re.compile(r"^%%textbook-facing:(chapter|block|row|rowfirst|rowlast):(\S+)$", re.M)


def _mark(kind: str, name: str) -> nodes.raw:
    return nodes.raw("", f"\n{MARK}:{kind}:{name}\n", format="latex")


def _first_message(node: nodes.Node) -> int | None:
    return next((n["tb_msg"] for n in node.findall(nodes.Element) if "tb_msg" in n), None)


class FacingMarks(SphinxPostTransform):
    builders = ("latex",)
    default_priority = 900  # after footnotes are moved to their references

    def run(self, **kwargs) -> None:
        if not self.config.textbook_facing:
            return
        for sof in list(self.document.findall(addnodes.start_of_file)):
            docname = sof["docname"]
            node = sof  # (a toctree's entries: start_of_file in a compound)
            while (
                node.parent is not None
                and node.parent.index(node) == 0
                and isinstance(node.parent, nodes.compound)
            ):
                node = node.parent
            parent = node.parent
            at = parent.index(node)
            # the pack's \setcounter{chapter} and \appendix belong to the chapter after them
            while at and isinstance(parent[at - 1], nodes.raw):
                at -= 1
            parent.insert(at, _mark("chapter", docname))
            self.mark_blocks(sof, docname)

    def mark_blocks(self, parent: nodes.Element, docname: str) -> None:
        for child in list(parent.children):
            if isinstance(child, (nodes.section, addnodes.start_of_file)):
                self.mark_blocks(child, docname)
                number = _first_message(child)
                if isinstance(child, nodes.section) and number is not None:
                    # inside: a target before a section is written with the section's
                    # labels only while the section follows it
                    child.insert(0, _mark("block", f"{docname}:{number}"))
                continue
            if isinstance(child, (nodes.title, nodes.raw, nodes.target)):
                continue
            number = _first_message(child)
            if number is not None:
                kind = child.get("tb_row", "block")  # (FacingTables)
                at = parent.index(child)
                # what opens around the block (\begin{otherlanguage}, a group) goes with it
                while (
                    at and isinstance(parent[at - 1], nodes.raw) and parent[at - 1].get("tb_opens")
                ):
                    at -= 1
                parent.insert(at, _mark(kind, f"{docname}:{number}"))


def _row_table(tgroup: nodes.tgroup, columns, *children: nodes.Element) -> nodes.table:
    """One of the tables a table becomes: its columns, and ``children`` (head, body)."""
    group = nodes.tgroup(cols=tgroup["cols"])
    group += [c.deepcopy() for c in tgroup.children if isinstance(c, nodes.colspec)]
    group += children
    return nodes.table(
        "", group, classes=["colwidths-given", "textbook-facing-row"], tb_columns=columns
    )


class FacingTables(SphinxPostTransform):
    """A table becomes one table per row (the first with the caption and header), so
    that each row faces its translation: longtable cannot break pages inside
    paracol's columns, and a row is the unit the two editions share."""

    builders = ("latex",)
    default_priority = 5  # before PrintLayout (6) wraps every table in its group

    def run(self, **kwargs) -> None:
        if not self.config.textbook_facing:
            return
        for table in list(self.document.findall(nodes.table)):
            tgroup = next(iter(table.findall(nodes.tgroup)))
            head = next(iter(tgroup.findall(nodes.thead)), None)
            body = next(iter(tgroup.findall(nodes.tbody)))
            rows = list(body.children)
            columns = None
            if "model-comparison" in table["classes"]:  # (as PrintLayout sets the book's)
                columns = (
                    first_header(table),
                    [c["colwidth"] for c in tgroup.findall(nodes.colspec)],
                )
            parts = []
            for index, row in enumerate(rows):
                heads = [head.deepcopy()] if index == 0 and head is not None else []
                part = _row_table(tgroup, columns, *heads, nodes.tbody("", row))
                extra = []
                if index == 0:
                    part["ids"], part["names"] = table["ids"], table["names"]
                    part.insert(0, [c for c in table.children if isinstance(c, nodes.title)])
                    if head is not None:  # the header alone, kept for the next pages' tops
                        extra = [
                            nodes.raw("", r"\begin{textbookfacingtablehead}", format="latex"),
                            _row_table(tgroup, columns, head, nodes.tbody()),
                            nodes.raw("", r"\end{textbookfacingtablehead}", format="latex"),
                        ]
                first, last, even = index == 0, index == len(rows) - 1, index % 2 == 1
                setup = (
                    r"\begingroup\def\sphinxtablepre{0pt}\def\sphinxtablepost{0pt}"
                    # (rows touch: no paragraph skip above a row's table)
                    + ("" if first else r"\def\sphinxtoprule{}\setlength\parskip{0pt}")
                    + ("" if last else r"\def\sphinxbottomrule{}")
                    + (r"\sphinxsetup{TableRowColorOdd={gray}{0.94}}" if even else "")
                )
                parts.append(
                    nodes.container(
                        "",
                        nodes.raw("", setup, format="latex"),
                        part,
                        *extra,
                        nodes.raw("", r"\endgroup", format="latex"),
                        tb_row="rowfirst" if first else "rowlast" if last else "row",
                    )
                )
            at = table.parent.index(table)  # (replace_self would copy the table's classes)
            table.parent[at : at + 1] = parts


class FacingColumns(SphinxPostTransform):
    """The book's first-column rule (as wide as its header at least) for every row's
    table, measured on the whole table's header so that the rows line up."""

    builders = ("latex",)
    default_priority = 7  # after PrintLayout (6) sets the table size before each table

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            if not table.get("tb_columns"):
                continue
            header, widths = table["tb_columns"]
            at = table.parent.index(table)
            table.parent[at:at] = [
                nodes.raw(
                    "",
                    r"\textbookfirstcolumn{%s}{%d}{%d}"
                    % (texescape.escape(header), widths[0], sum(widths)),
                    format="latex",
                ),
                addnodes.tabular_col_spec(
                    spec=r"\textbookN"
                    + "".join(r"\textbookX{%d}{%d}" % (w, sum(widths[1:])) for w in widths[1:])
                ),
            ]


def setup_facing(app) -> None:
    app.add_post_transform(FacingTables)
    app.add_post_transform(FacingColumns)
    app.add_post_transform(FacingMarks)


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


def merge(texs: dict) -> str:
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
