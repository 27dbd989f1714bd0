"""Facing-page volume: marks in each edition's LaTeX where its paired blocks begin.

With ``textbook_facing`` every printed chapter starts with a chapter mark and every
block of it that holds a message (a heading, a paragraph with its footnotes, a
list, a quotation, the comparison table) with a block mark naming the number of its
first message (``tb_msg``: ``i18n/parallel.py`` numbers the messages before
translation, as for the web's parallel view, so the numbers are the same in both
editions). ``textbook_build/volume.py`` (``merge_facing``) then pairs the blocks of
two editions by those marks. A mark is a LaTeX comment line of a raw node: escaped text cannot
produce one (``%`` is written ``\\%``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from .layout import first_header

MARK = "%%textbook-facing"


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
