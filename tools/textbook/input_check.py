"""Input errors that Sphinx or its extensions would answer with a crash report, and
the files contributors send.

* A link, special file, compiled catalog or binary among the contributed files
  (catalogs, chapters, data file, pack files, bibliography): refused at its path,
  unread, before anything else (``inputs.tree_problems``).
* Sphinx never reads ``locales/``: the edition's catalogs are read once and
  copied into the build folder (``<doctrees>/catalogs/``), which becomes
  ``locale_dirs``; every check reads that copy, and Sphinx compiles its ``.mo``
  files there. So a stray ``.mo`` is never used, and a catalog replaced during
  the build (a pull, a platform's sync) changes nothing that was checked.
* A chapter, catalog or glossary that is not UTF-8: Sphinx prints "Encoding
  error!" naming no file; polib and our LaTeX/EPUB settings raise. Checked before
  anything reads them (catalogs at ``config-inited``, chapters before reading).
* A circular toctree: Sphinx's ``collect_relations`` (called by
  sphinxcontrib-bibtex and every HTML page) recurses until ``RecursionError``.
  Checked when all chapters are read, before those handlers run.

Each problem is an error at ``file:line``; then the build stops (``stop.py``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sphinx import addnodes
from sphinx.util import logging

from . import messages
from .i18n.po import catalog_problems
from .inputs import InputError, read_bytes, read_text, tree_problems
from .stop import stop_build

logger = logging.getLogger(__name__)


def _refuse(errors: list[InputError], subtype: str) -> None:
    for exc in errors:
        if exc.line:
            logger.error("%s", exc.message, location=exc.where, type="textbook", subtype=subtype)
        else:  # a location without a line would be taken for a document's name
            logger.error("%s: %s", exc.path, exc.message, type="textbook", subtype=subtype)
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


def contributed_locale_dirs(app) -> list[Path]:
    """The project's own ``locale_dirs`` (``config.locale_dirs`` names the build's copy)."""
    return getattr(app, "_textbook_locale_dirs", None) or [
        Path(app.srcdir, d) for d in app.config.locale_dirs or []
    ]


def check_contributed_files(app, config) -> None:
    """No link, special file, compiled catalog or binary among the contributed files."""
    app._textbook_locale_dirs = [Path(app.srcdir, d) for d in config.locale_dirs or []]
    folders = [
        *app._textbook_locale_dirs,
        Path(app.confdir, "coursepacks"),
        Path(app.confdir, "source"),
        *[Path(app.confdir, f) for f in getattr(config, "bibtex_bibfiles", [])],
    ]
    if Path(app.srcdir).is_relative_to(app.confdir):  # else a folder textbook-build generated
        folders.append(Path(app.srcdir))  # (a course pack's) from source/
    _refuse(tree_problems(app.confdir, folders), "file")


def check_catalog_encodings(app, config) -> None:
    """The edition's catalogs (file, encoding, characters) as staged, the glossary
    beside them and the chapters."""
    errors = stage_catalogs(app, config)
    for staged, contributed in staged_catalogs(app).items():
        errors += [
            InputError(contributed, exc.line, exc.message, exc.column)
            for exc in catalog_problems(staged)
        ]
    glossaries = [
        p for p in (f / "glossary.yaml" for f in contributed_locale_dirs(app)) if p.is_file()
    ]
    errors += _decode_errors(glossaries, "utf-8")
    # chapters too: the catalog and spelling checks read them before Sphinx does
    errors += _decode_errors(sorted(Path(app.srcdir).rglob("*.md")), config.source_encoding)
    _refuse(errors, "encoding")


def staged_catalogs(app) -> dict[Path, Path]:
    """The build's copy of each of the edition's catalogs -> the contributed file."""
    return getattr(app, "_textbook_staged", {})


def _write(path: Path, data: bytes) -> None:
    """``data`` into ``path``, atomically, only when it differs (mtimes drive rebuilds)."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", delete=False) as tmp:
        tmp.write(data)
    os.chmod(tmp.name, 0o644)
    os.replace(tmp.name, path)


def stage_catalogs(app, config) -> list[InputError]:
    """Copy the edition's catalogs, each read once, into the build folder and point
    ``locale_dirs`` there; whatever else lies there (an old copy, a .mo) goes.
    Sphinx compiles them there."""
    staged, errors = {}, []
    app._textbook_staged = staged
    config.locale_dirs = []
    for number, folder in enumerate(contributed_locale_dirs(app)):
        target = Path(app.doctreedir, "catalogs", str(number))
        wanted = {}
        for po in sorted((folder / config.language / "LC_MESSAGES").rglob("*.po")):
            relative = po.relative_to(folder)
            wanted[relative] = po
            wanted[relative.with_suffix(".mo")] = None  # Sphinx compiles it here
        for old in sorted(target.rglob("*"), reverse=True) if target.is_dir() else []:
            if old.is_file() and old.relative_to(target) not in wanted or old.is_symlink():
                old.unlink()
        for relative, po in wanted.items():
            if po is not None:
                try:
                    _write(target / relative, read_bytes(po))
                except InputError as exc:
                    errors.append(exc)
                    continue
                staged[target / relative] = po
        config.locale_dirs.append(str(target))
    messages.STAGED.clear()
    messages.STAGED.update({po.resolve(): copy for copy, po in staged.items()})
    messages.forget()
    return errors


def withdraw(app, refused: set[str]) -> None:
    """Take the ``refused`` translations out of the staged catalogs."""
    import polib

    for staged in staged_catalogs(app):
        catalog = polib.pofile(staged.read_text(encoding="utf-8"))
        withdrawn = [e for e in catalog if e.msgid in refused]
        for entry in withdrawn:
            catalog.remove(entry)
        if withdrawn:
            _write(staged, str(catalog).encode("utf-8"))


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
                found.append((path[-1], child, path[path.index(child) :] + [child]))
            elif child not in done:
                path.append(child)
                on_path.add(child)
                stack.append(iter(includes.get(child, ())))
    return found


def check_toctree_cycles(app, env) -> None:
    errors = []
    for parent, child, cycle in toctree_cycles(env.toctree_includes, app.config.root_doc):
        line = next(
            (
                node.line or getattr(node.parent, "line", None)
                for node in env.get_doctree(parent).findall(addnodes.toctree)
                if child in node.get("includefiles", ())
            ),
            None,
        )
        errors.append(
            InputError(
                env.doc2path(parent),
                line,
                f"circular toctree: {' -> '.join(cycle)}; remove '{child}' from this toctree",
            )
        )
    _refuse(errors, "toctree")


def setup_input_check(app) -> None:
    app.connect("config-inited", check_contributed_files, priority=90)
    app.connect("config-inited", check_catalog_encodings, priority=100)
    app.connect("env-before-read-docs", check_chapter_encodings, priority=100)
    app.connect("env-updated", check_toctree_cycles, priority=100)
