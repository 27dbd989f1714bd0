"""E-book edition: metadata in the edition's language (title, identifier)."""

from __future__ import annotations

import uuid
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..html.site import DESCRIPTION, without_translated_flag
from ..latex.layout import translated_project
from ..messages import gettext


def epub_config(app, config) -> None:
    lang = config.language or "en"
    config.epub_title = translated_project(app, config, lang)
    config.epub_language = lang
    config.epub_description = gettext(DESCRIPTION, lang)
    config.epub_contributor = config.author
    # One stable identifier per edition (same book, same language -> same id). The
    # NCX repeats epub_uid as the book id, so both are the same XML name.
    basename = config.textbook_download_basename or config.project
    config.epub_scheme = "uuid"
    config.epub_identifier = config.epub_uid = "uuid-" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"textbook:{basename}:{lang}")
    )


def strip_meta_flags(app, pagename, templatename, context, doctree) -> None:
    """Sphinx leaves its i18n ``translated`` flag on <meta>; epubcheck rejects it."""
    if app.builder.format == "html" and app.builder.name.startswith("epub"):
        context["metatags"] = without_translated_flag(context.get("metatags", ""))


STATIC = Path(__file__).parent / "static"


def is_epub(app) -> bool:
    return app.builder.name.startswith("epub")


def add_stylesheet(app) -> None:
    if is_epub(app):
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]
        app.add_css_file("textbook-epub.css")


class EpubTables(SphinxPostTransform):
    """The comparison table keeps the directive's column widths in the e-book."""

    builders = ("epub",)
    default_priority = 6

    def run(self, **kwargs) -> None:
        for table in self.document.findall(nodes.table):
            if (
                "model-comparison" in table["classes"]
                and "colwidths-given" not in table["classes"]
            ):
                table["classes"].append("colwidths-given")


def setup_epub(app) -> None:
    app.connect("builder-inited", add_stylesheet)
    app.add_post_transform(EpubTables)
    app.connect("config-inited", epub_config, priority=600)
    app.connect("html-page-context", strip_meta_flags)
