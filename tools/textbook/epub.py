"""E-book edition: metadata in the edition's language (title, identifier)."""
from __future__ import annotations

import uuid

from .latex import translated_project


def epub_config(app, config) -> None:
    lang = config.language or "en"
    config.epub_title = translated_project(app, config, lang)
    config.epub_language = lang
    # One stable identifier per edition (same book, same language -> same id).
    basename = config.textbook_download_basename or config.project
    config.epub_scheme = "uuid"
    config.epub_identifier = "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"textbook:{basename}:{lang}"))
    config.epub_uid = "BookId"


def setup_epub(app) -> None:
    app.connect("config-inited", epub_config, priority=600)
