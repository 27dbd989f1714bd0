"""The ``model-comparison`` directive: the comparison table from one data file."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..i18n.rules import cell_messages
from .data import DataError, load

logger = logging.getLogger(__name__)

DEFAULT_WIDTHS = [5, 19, 25, 25, 26]


class ModelComparison(SphinxDirective):
    """Render the data file named in the argument as a docutils table.

    The directive content is the table caption.
    """

    required_arguments = 1
    has_content = True
    option_spec = {
        "name": directives.unchanged,
        "widths": directives.positive_int_list,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        try:
            data = load(path, self.env.srcdir)
        except DataError as exc:
            if exc.line:
                logger.error(
                    "%s", exc.message, location=exc.where, type="textbook", subtype="data"
                )
            else:  # the file cannot be read: the directive's line names it
                logger.error(
                    "%s: %s",
                    exc.path,
                    exc.message,
                    location=self.get_location(),
                    type="textbook",
                    subtype="data",
                )
            self.env.note_reread()
            _failures(self.env)[self.env.docname] = str(exc)
            return []
        self.data_path = Path(path)

        ncols = len(data.models) + 2
        widths = self.options.get("widths", DEFAULT_WIDTHS if ncols == 5 else [1] * ncols)
        if len(widths) != ncols:
            raise self.error(f"':widths:' needs {ncols} values, got {len(widths)}")

        table = nodes.table(
            classes=["model-comparison", "longtable", *self.options.get("class", [])]
        )
        self.set_source_info(table)
        if self.content:
            caption = "\n".join(self.content)
            title = nodes.title(caption, "", *self._inline(caption, self.content_offset + 1))
            self.set_source_info(title)
            table += title
        tgroup = nodes.tgroup(cols=ncols)
        table += tgroup
        for width in widths:
            tgroup += nodes.colspec(colwidth=width)
        tgroup[1]["stub"] = 1  # each row is named by its indicator (th scope=row)

        thead = nodes.thead()
        tgroup += thead
        header = nodes.row()
        for text in (data.number_heading, data.indicator_heading):
            header += self._entry(text, data.heading_line)
        for model in data.models:
            header += self._entry(model.name, model.line)
        thead += header

        tbody = nodes.tbody()
        tgroup += tbody
        for ind in data.indicators:
            row = nodes.row(ids=[f"{self.options.get('name', 'comparison')}-{ind.id}"])
            row += self._entry(str(ind.no), ind.line, translatable=False)
            row += self._entry(ind.label, ind.line)
            for model in data.models:
                row += self._entry(ind.cells[model.id], ind.cell_lines[model.id])
            tbody += row

        self.add_name(table)
        return [table]

    def _inline(self, text: str, line: int) -> list[nodes.Node]:
        where = f"{getattr(self, 'data_path', self.env.doc2path(self.env.docname))}:{line}"
        refused = cell_messages(text)
        for message in refused:
            logger.error("%s", message, location=where, type="textbook", subtype="data")
        if refused:  # never parsed: a role or image here would read or copy a file
            _failures(self.env)[self.env.docname] = refused[0]
            return [nodes.Text(text)]
        parsed, messages = self.state.inline_text(text, line)
        for raw in [n for node in parsed for n in node.findall(nodes.raw)]:
            logger.warning(
                "raw HTML in table cell is shown as text: %r",
                raw.astext(),
                location=where,
                type="textbook",
                subtype="html",
            )
            raw.replace_self(nodes.Text(raw.astext()))
        return [*parsed, *messages]

    def _entry(self, text: str, line: int, translatable: bool = True) -> nodes.entry:
        para = nodes.paragraph(text, "", *self._inline(text, line))
        para.source, para.line = str(self.data_path), line
        if not translatable:
            para["translatable"] = False
        entry = nodes.entry()
        entry += para
        return entry


def _failures(env) -> dict[str, str]:
    if not hasattr(env, "textbook_data_failures"):
        env.textbook_data_failures = {}
    return env.textbook_data_failures


def _purge(app, env, docname: str) -> None:
    _failures(env).pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    """Parallel reading: the failures a worker found."""
    _failures(env).update((d, v) for d, v in _failures(other).items() if d in docnames)


def _fail_build(app, exception) -> None:
    """A bad data file fails the build even without ``-W``."""
    failures = _failures(app.env)
    if exception is None and failures:
        logger.error(
            "comparison table data is invalid; no table in: %s",
            ", ".join(sorted(failures)),
            type="textbook",
            subtype="data",
        )
        app.statuscode = 1


def setup_comparison(app) -> None:
    app.add_directive("model-comparison", ModelComparison)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _fail_build)
