"""E-book edition: metadata in the edition's language (title, identifier)."""
from __future__ import annotations

import re
import uuid

from .latex import translated_project

DESCRIPTION = {
    "id": "Buku ajar terbuka tentang pemberdayaan, pengembangan masyarakat dan "
          "intervensi komunitas.",
    "en": "An open textbook on empowerment, community development and community "
          "intervention.",
}


def epub_config(app, config) -> None:
    lang = config.language or "en"
    config.epub_title = translated_project(app, config, lang)
    config.epub_language = lang
    config.epub_description = DESCRIPTION.get(lang, DESCRIPTION["en"])
    config.epub_contributor = config.author
    # One stable identifier per edition (same book, same language -> same id). The
    # NCX repeats epub_uid as the book id, so both are the same XML name.
    basename = config.textbook_download_basename or config.project
    config.epub_scheme = "uuid"
    config.epub_identifier = config.epub_uid = "uuid-" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"textbook:{basename}:{lang}"))

def strip_meta_flags(app, pagename, templatename, context, doctree) -> None:
    """Sphinx leaves its i18n ``translated`` flag on <meta>; epubcheck rejects it."""
    if app.builder.format == "html" and app.builder.name.startswith("epub"):
        context["metatags"] = re.sub(r' translated="(?:True|False)"', "",
                                     context.get("metatags", ""))


def setup_epub(app) -> None:
    app.connect("config-inited", epub_config, priority=600)
    app.connect("html-page-context", strip_meta_flags)
