"""Input errors that Sphinx or its extensions would answer with a crash report.

* A chapter, catalog or glossary that is not UTF-8: Sphinx prints "Encoding
  error!" naming no file; polib and our LaTeX/EPUB settings raise. Checked before
  anything reads them (catalogs at ``config-inited``, chapters before reading).
* A circular toctree: Sphinx's ``collect_relations`` (called by
  sphinxcontrib-bibtex and every HTML page) recurses until ``RecursionError``.
  Checked when all chapters are read, before those handlers run.

Each problem is an error at ``file:line``; then the build stops (``stop.py``).
"""
from __future__ import annotations

from pathlib import Path

from sphinx import addnodes
from sphinx.util import logging

from .inputs import InputError, read_text
from .stop import stop_build

logger = logging.getLogger(__name__)


def _refuse(errors: list[InputError], subtype: str) -> None:
    for exc in errors:
        logger.error("%s", exc.message, location=f"{exc.path}:{exc.line or 1}",
                     type="textbook", subtype=subtype)
    if errors:
        stop_build()


def _decode_errors(paths, encoding: str) -> list[InputError]:
    errors = []
    for path in paths:
        try:
            read_text(path, encoding)
        except InputError as exc:
            errors.append(exc)
    return errors


def check_catalog_encodings(app, config) -> None:
    """The edition's catalogs, the glossary beside them and the chapters."""
    paths: list[Path] = []
    for locale_dir in config.locale_dirs or []:
        folder = Path(app.srcdir, locale_dir)
        paths += sorted((folder / config.language / "LC_MESSAGES").rglob("*.po"))
        paths += [p for p in [folder / "glossary.yaml"] if p.is_file()]
    errors = _decode_errors(paths, "utf-8")
    # chapters too: the catalog and spelling checks read them before Sphinx does
    errors += _decode_errors(sorted(Path(app.srcdir).rglob("*.md")), config.source_encoding)
    _refuse(errors, "encoding")


def check_chapter_encodings(app, env, docnames: list[str]) -> None:
    paths = [env.doc2path(name) for name in docnames]
    _refuse(_decode_errors(paths, app.config.source_encoding), "encoding")


def toctree_cycles(includes: dict[str, list[str]], root: str) -> list[tuple[str, str, list[str]]]:
    """``(parent, child, cycle)`` for every toctree entry that closes a cycle, searched
    from ``root`` first (``cycle`` runs from ``child`` back to it)."""
    found, done = [], set()
    for start in [root, *sorted(includes)]:
        if start in done:
            continue
        path, on_path = [start], {start}
        stack = [iter(includes.get(start, ()))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif child in on_path:
                found.append((path[-1], child, path[path.index(child):] + [child]))
            elif child not in done:
                path.append(child)
                on_path.add(child)
                stack.append(iter(includes.get(child, ())))
    return found


def check_toctree_cycles(app, env) -> None:
    errors = []
    for parent, child, cycle in toctree_cycles(env.toctree_includes, app.config.root_doc):
        line = next((node.line or getattr(node.parent, "line", None) for node in
                     env.get_doctree(parent).findall(addnodes.toctree)
                     if child in node.get("includefiles", ())), None)
        errors.append(InputError(env.doc2path(parent), line,
                                 f"circular toctree: {' -> '.join(cycle)}; remove '{child}' "
                                 "from this toctree"))
    _refuse(errors, "toctree")


def setup_input_check(app) -> None:
    app.connect("config-inited", check_catalog_encodings, priority=100)
    app.connect("env-before-read-docs", check_chapter_encodings, priority=100)
    app.connect("env-updated", check_toctree_cycles, priority=100)
