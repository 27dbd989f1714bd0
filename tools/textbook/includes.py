"""Chapters may include files only from inside the project (the folder of ``conf.py``).

``{include}`` (MyST and reStructuredText) and ``{literalinclude}`` naming a file
outside it are errors at the directive's ``file:line``; the file is never read
into the book.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.directives.code import LiteralInclude
from sphinx.util import logging

logger = logging.getLogger(__name__)


def inside(app, path: Path) -> bool:
    return Path(path).resolve().is_relative_to(Path(app.confdir).resolve())


def _refuse(path: Path, location) -> None:
    logger.error(
        "include of %s refused: chapters may include files only from inside the project",
        path,
        location=location,
        type="textbook",
        subtype="include",
    )


INCLUDE_RE = re.compile(r"(?:\{include\}|\.\.\s+include::)\s+(?P<arg>\S+)")


def _line_of(app, docname: str, path: Path) -> int | None:
    """The source line of the include directive that names ``path``."""
    doc = Path(app.env.doc2path(docname))
    for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
        m = INCLUDE_RE.search(line)
        if m and Path(app.env.relfn2path(m.group("arg"), docname)[1]).resolve() == path:
            return number
    return None


def check_include(app, relative_path: Path, parent_docname: str, content: list[str]) -> None:
    path = Path(app.srcdir, relative_path).resolve()
    if not inside(app, path):
        _refuse(path, (parent_docname, _line_of(app, parent_docname, path)))
        content[:] = [""]


class ProjectLiteralInclude(LiteralInclude):
    def run(self):
        _, path = self.env.relfn2path(self.arguments[0])
        diff = self.options.get("diff")
        for name in filter(None, [path, diff and self.env.relfn2path(diff)[1]]):
            if not inside(self.env.app, Path(name)):
                _refuse(Path(name), self.get_location())
                return []
        return super().run()


def setup_includes(app) -> None:
    app.connect("include-read", check_include)
    app.add_directive("literalinclude", ProjectLiteralInclude, override=True)
