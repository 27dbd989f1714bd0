"""Offline reading: what the site's one service worker needs to know of an edition.

The build writes ``<edition>/offline.json``: the edition's build date, a hash of its
files, the files a page needs to be read (stylesheet, icon, scripts) and every file of
the edition (pages, search index, ``_static/`` files a page refers to). ``textbook-build``
writes the worker (``sw.js`` at the site's root, ``templates/sw.js``) from the
editions' files once they are all built.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

MANIFEST = "offline.json"
APP_MANIFEST = "manifest.webmanifest"
_REF = re.compile(r'(?:src|href)="([^"#?:]+)(?:\?[^"]*)?"')


def edition_files(outdir: Path) -> list[str]:
    """Every page of the edition and the files its pages refer to, relative to it."""
    # _parallel-<lang>/: another edition's pages (textbook-build publishes them there)
    pages = sorted(
        p
        for p in outdir.rglob("*.html")
        if "_sources" not in p.parts
        and "_static" not in p.parts
        and not p.relative_to(outdir).parts[0].startswith("_parallel-")
    )
    files = {p.relative_to(outdir).as_posix() for p in pages}
    for page in pages:
        files.update(page_files(outdir, page.relative_to(outdir).as_posix()))
    if (outdir / "searchindex.js").is_file():
        files.add("searchindex.js")
    return sorted(files)


def published_beside(app) -> tuple[list[str], list[Path]]:
    """Pages another edition's build writes into this edition (the source edition's
    parallel view, ``i18n/parallel.py``) and the inputs they are made of: its
    sources and the other edition's catalogs."""
    from ..html.site import SOURCE_LANGUAGE, view_languages

    views = view_languages(app.config)
    if app.config.language != SOURCE_LANGUAGE or len(views) < 2:
        return [], []
    docs = sorted(app.env.found_docs)
    inputs = [Path(app.env.doc2path(doc)) for doc in docs]
    from ..input_check import contributed_locale_dirs  # locale_dirs holds this edition's only

    for folder in contributed_locale_dirs(app):
        inputs += sorted(Path(folder, views[1], "LC_MESSAGES").glob("*.po"))
    return [f"parallel/{doc}.html" for doc in docs], inputs


def page_files(outdir: Path, page: str) -> list[str]:
    """The files (not pages) ``page`` refers to within the edition."""
    found, folder = set(), posixpath.dirname(page)
    for ref in _REF.findall((outdir / page).read_text(encoding="utf-8")):
        rel = posixpath.normpath(posixpath.join(folder, ref))
        if rel.startswith(("../", "/")) or rel.endswith(".html") or rel == "..":
            continue
        if (outdir / rel).is_file():
            found.add(rel)
    return sorted(found)


def write_offline_list(app, exception) -> None:
    if exception is not None or app.builder.name != "html":
        return
    from .site import build_stamp

    outdir = Path(app.outdir)
    write_app_manifest(app, outdir)  # listed with the files the pages refer to
    files = edition_files(outdir)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (outdir / name).read_bytes())
    beside, inputs = published_beside(app)
    for path in inputs:  # a new view is a new build, as a new page is
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    (outdir / MANIFEST).write_text(
        json.dumps(
            {
                "lang": app.config.language,
                "stamp": build_stamp(),
                "version": digest.hexdigest()[:16],
                "core": page_files(outdir, "index.html"),
                "files": sorted(set(files) | set(beside)),
            },
            indent=0,
        ),
        encoding="utf-8",
    )


def write_app_manifest(app, outdir: Path) -> None:
    """The web app manifest: the edition installs as an app (the site's worker keeps it)."""
    from .site import ui

    lang = app.config.language
    words = ui(lang)
    title = app.env.titles.get(app.config.root_doc)
    (outdir / APP_MANIFEST).write_text(
        json.dumps(
            {
                "name": title.astext() if title is not None else app.config.project,
                "short_name": words["short_title"],
                "description": words["description"],
                "lang": lang,
                "dir": "ltr",
                "start_url": "index.html",
                "scope": "./",
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": "#0b5f55",
                "icons": [
                    {
                        "src": "_static/favicon.svg",
                        "sizes": "any",
                        "type": "image/svg+xml",
                        "purpose": "any",
                    }
                ],
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )


def setup_offline(app) -> None:
    # after every other build-finished handler that writes into _static/
    app.connect("build-finished", write_offline_list, priority=900)
