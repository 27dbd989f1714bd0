"""Offline reading: a service worker per edition that keeps the whole edition.

``<edition>/sw.js`` lists every page of the edition, its search index and every
file under ``_static/`` a page refers to; the cache is named after a hash of
their contents, so each build gets its own cache and the previous one is deleted
when the new worker takes over (on the reader's next online visit). Pages are
served from the network first and from the cache only when the network fails, so
an online reader never gets a stale page. Browsers without service workers
ignore the registration (one inline line in the theme).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

SW_NAME = "sw.js"
_REF = re.compile(r'(?:src|href)="([^"#?:]+)(?:\?[^"]*)?"')

SW_TEMPLATE = """\
/* Offline reading of this edition (tools/textbook/html/offline.py). */
"use strict";
const PREFIX = %(prefix)s;
const CACHE = PREFIX + %(version)s;
const FILES = %(files)s;
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(FILES.map((f) => new Request(f, {cache: "reload"}))))
    .then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys
    .filter((key) => key.startsWith(PREFIX) && key !== CACHE)
    .map((key) => caches.delete(key)))).then(() => self.clients.claim()));
});
self.addEventListener("fetch", (event) => {
  const request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  // pages and the search index are checked with the server (never a stale page)
  const fresh = request.mode === "navigate" || url.pathname.endsWith("/searchindex.js");
  const online = fresh ? fetch(request.url, {cache: "no-cache"}) : fetch(request);
  // a folder's address (a bookmark of the edition) is its index.html
  const index = url.pathname.endsWith("/") ? url.pathname + "index.html" : null;
  event.respondWith(online.catch(() => caches.open(CACHE)
    .then((cache) => cache.match(request, {ignoreSearch: true})
      .then((hit) => hit || (index && cache.match(index))))
    .then((hit) => hit || Response.error())));
});
"""


def edition_files(outdir: Path) -> list[str]:
    """Every page of the edition and the files its pages refer to, relative to it."""
    # _parallel-<lang>/: another edition's pages (tools/build publishes them there)
    pages = sorted(p for p in outdir.rglob("*.html") if "_sources" not in p.parts
                   and "_static" not in p.parts
                   and not p.relative_to(outdir).parts[0].startswith("_parallel-"))
    files = {p.relative_to(outdir).as_posix() for p in pages}
    for page in pages:
        for ref in _REF.findall(page.read_text(encoding="utf-8")):
            target = (page.parent / ref).resolve()
            try:
                rel = target.relative_to(outdir.resolve()).as_posix()
            except ValueError:  # another edition, downloads, the root pages
                continue
            if target.is_file() and not rel.endswith(".html"):
                files.add(rel)
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


def write_service_worker(app, exception) -> None:
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    files = edition_files(outdir)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (outdir / name).read_bytes())
    beside, inputs = published_beside(app)
    for path in inputs:  # a new view is a new cache, as a new page is
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    files = sorted(set(files) | set(beside))
    prefix = f"textbook-{app.config.language}-"
    (outdir / SW_NAME).write_text(SW_TEMPLATE % {
        "prefix": json.dumps(prefix), "version": json.dumps(digest.hexdigest()[:16]),
        "files": json.dumps(files, indent=0)}, encoding="utf-8")


def setup_offline(app) -> None:
    # after every other build-finished handler that writes into _static/
    app.connect("build-finished", write_service_worker, priority=900)
