"""The e-book for screen-reader users (EPUB Accessibility 1.1, checked by DAISY Ace).

Sphinx 9.0's EPUB 3 builder writes no ``lang`` on its pages, no accessibility
metadata, an English "Table of Contents" nav without ``role``, no landmarks, no
cover or title page, and footnotes without ``epub:type``. This module adds them:
pages and passages carry ``lang`` and ``xml:lang``, footnotes become EPUB notes,
a cover (generated SVG, described in the edition's language) and a title page
with the licence open the book, ``content.opf`` gets the schema.org metadata and
``dcterms:conformsTo``, ``nav.xhtml`` its heading, ``role="doc-toc"`` and
landmarks, and static files no page uses stay out of the package.
Written against Sphinx 9.0.4 (``tests/test_epub.py`` fails when its output changes).
"""

from __future__ import annotations

import os
import re
import textwrap
from html import escape
from pathlib import Path

from docutils import nodes

from ..citations.book import prerelease_label
from ..config import preview_reason
from ..html.site import TextbookHTMLTranslator
from ..languages import SOURCE_LANGUAGE
from ..latex.layout import WORDS as PRINT_WORDS
from ..latex.layout import translated_project
from ..messages import MSGID_LANGUAGE, N_, gettext
from .pagelist import mark_pages, page_list_nav

TEMPLATES = Path(__file__).with_name("templates")
COVER = "_static/textbook-cover.svg"
TITLE_PAGE = "textbook-title"
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
A11Y_META = {
    "schema:accessMode": ["textual", "visual"],
    "schema:accessModeSufficient": ["textual"],
    "schema:accessibilityFeature": [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
        "displayTransformability",
    ],
    "schema:accessibilityHazard": ["none"],
}


# e-book words: English msgids (translations: locales/<lang>/LC_MESSAGES/textbook.po)
WORDS = {
    "cover": N_("Cover"),
    # Translators: the e-book page with the title, edition and licence
    "title_page": N_("Title Page"),
    # Translators: heading of the e-book's list of its main parts (EPUB landmarks)
    "landmarks": N_("Landmarks"),
    # Translators: the e-book's landmark leading to its front page
    "start": N_("Start of the book"),
    "licence_label": N_("Licence"),
    # Translators: text alternative of the generated cover image
    "cover_alt": N_("Book cover: {title}, {author}"),
    # Translators: the e-book's accessibility summary (EPUB metadata read by e-readers)
    "a11y_summary": N_(
        "All text can be read with a screen reader: chapters and sections have nested "
        "headings, the table of contents and landmarks lead to every part, footnotes are "
        "linked both ways, the comparison table has row and column header cells, and the "
        "language of each page and of quoted passages is marked. The only image, the "
        "cover, has a text alternative. Checked with DAISY Ace and epubcheck with no "
        "findings; not audited by a third party."
    ),
    # Translators: after the accessibility summary of an e-book without print pages
    "no_pages": N_("There are no print page numbers."),
    # Translators: after the accessibility summary of an e-book with a page list
    "pages": N_(
        "Print page numbers (a page list and page break markers) are those of "
        "the PDF edition in the same language."
    ),
    # Translators: heading of the e-book's list of print pages (EPUB page-list)
    "page_list": N_("Pages"),
}


def words(lang: str | None) -> dict[str, str]:
    """The e-book's words in ``lang`` (plain text), with the print edition's it shares."""
    lang = lang or MSGID_LANGUAGE
    shared = {
        k: PRINT_WORDS[k]
        for k in (
            "edition",
            "references",
            "licence",
            "licence_url",
            "contents",
            "source",
            "translation",
            "preview",
        )
    }
    return {key: gettext(msgid, lang) for key, msgid in {**shared, **WORDS}.items()}


def is_epub(app) -> bool:
    return app.builder.name.startswith("epub")


class TextbookEpubTranslator(TextbookHTMLTranslator):
    """XHTML needs ``xml:lang`` beside ``lang``; footnotes become EPUB pop-up notes."""

    _LANG_ATTR = re.compile(r' lang="([^"]+)"')

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        role = attributes.get("role") or attributes.get("ROLE")
        if role == "doc-noteref":
            attributes["epub:type"] = "noteref"
        elif role == "doc-footnote":
            attributes["epub:type"] = "footnote"
        tag = super().starttag(node, tagname, suffix, empty, **attributes)
        if "xml:lang" not in tag:
            tag = self._LANG_ATTR.sub(r' lang="\1" xml:lang="\1"', tag, count=1)
        return tag


def epub_config(app, config) -> None:
    config.epub_cover = (COVER, "textbook-epub-cover.html")
    # the EPUB 2 guide: Sphinx would name the first page (the title page) as contents
    config.epub_guide = [("toc", f"{config.root_doc}.xhtml", words(config.language)["contents"])]
    config.epub_pre_files = [(f"{TITLE_PAGE}.xhtml", words(config.language)["title_page"])]
    templates = os.path.relpath(TEMPLATES, app.confdir)
    if templates not in config.templates_path:
        config.templates_path = [*config.templates_path, templates]


def _lang_tag(lang: str) -> str:
    return (
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="{escape(lang)}" xml:lang="{escape(lang)}">'
    )


def builder_inited(app) -> None:
    if not is_epub(app):
        return
    builder = app.builder
    lang = app.config.language or "en"
    w = words(lang)
    builder.html_tag = _lang_tag(lang)
    builder.guide_titles = {**builder.guide_titles, "toc": w["contents"], "cover": w["cover"]}
    build_content, build_nav = builder.build_content, builder.build_navigation_doc

    pages: list[tuple[str, str]] = []

    def content() -> None:
        write_cover(app)
        builder.handle_page(TITLE_PAGE, {"title": w["title_page"]}, "textbook-epub-title.html")
        unused = unused_static(app)
        drop_css_urls(Path(builder.outdir), unused)
        app.config.epub_exclude_files = [*app.config.epub_exclude_files, *unused]
        build_content()
        opf = Path(builder.outdir, "content.opf")
        if app.config.textbook_page_source:
            pages[:] = mark_pages(
                Path(builder.outdir),
                spine(opf),
                Path(app.config.textbook_page_source),
                translated_project(app, app.config, lang),
            )
        patch_opf(opf, lang, Path(app.config.textbook_page_source).name if pages else "")

    def navigation() -> None:
        build_nav()
        patch_nav(app, Path(builder.outdir, "nav.xhtml"), pages)

    builder.build_content, builder.build_navigation_doc = content, navigation


def page_context(app, pagename, templatename, context, doctree) -> None:
    if not is_epub(app):
        return
    lang = app.config.language or "en"
    w = words(lang)
    title = translated_project(app, app.config, lang)
    context.update(
        textbook_title=title,
        textbook_author=app.config.author,
        textbook_edition=w["edition"],
        textbook_licence=w["licence"],
        textbook_licence_label=w["licence_label"],
        textbook_licence_url=w["licence_url"],
        textbook_source=w["source"],
        textbook_prerelease=prerelease_label(app.config),
        textbook_preview=w["preview"]
        if preview_reason(app.config.textbook_site_url, app.config.textbook_public_url)
        else "",
        textbook_translation=w["translation"] if lang != SOURCE_LANGUAGE else "",
        textbook_cover_alt=w["cover_alt"].format(title=title, author=app.config.author),
    )


def write_cover(app) -> None:
    """A text-only cover: the title, author and edition on a plain background."""
    lang = app.config.language or "en"
    title = translated_project(app, app.config, lang)
    lines = textwrap.wrap(title, 18)
    rows = "".join(
        f'<text x="300" y="{260 + 62 * i}" font-size="44" font-weight="bold">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    edition = f"{words(lang)['edition']} {app.config.release}"
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 900" width="600" '
        f'height="900" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        '<rect width="600" height="900" fill="#1f4e5f"/>'
        '<rect x="40" y="40" width="520" height="820" fill="none" stroke="#f2c14e" '
        'stroke-width="4"/>'
        '<g fill="#ffffff" font-family="sans-serif" text-anchor="middle">'
        f"{rows}"
        f'<text x="300" y="720" font-size="28">{escape(app.config.author)}</text>'
        f'<text x="300" y="770" font-size="24">{escape(edition)}</text></g></svg>\n'
    )
    path = Path(app.outdir, COVER)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg, encoding="utf-8")


def unused_static(app) -> list[str]:
    """Files under ``_static`` that no page refers to (Sphinx's stylesheet names icons
    of the search page and sidebar, which the e-book does not have)."""
    out = Path(app.outdir)
    pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.xhtml")]
    unused = []
    for path in sorted((out / "_static").rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel != COVER and not any(rel in page for page in pages):
            unused.append(rel)
    return unused


def drop_css_urls(out: Path, unused: list[str]) -> None:
    """Declarations naming a file left out of the package go too (epubcheck: RSC-007)."""
    names = {Path(rel).name for rel in unused}
    for css in out.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        new = re.sub(
            r"[\w-]+:\s*url\(['\"]?([^'\")]+)['\"]?\)[^;}]*;?",
            lambda m: "" if Path(m.group(1)).name in names else m.group(0),
            text,
        )
        if new != text:
            css.write_text(new, encoding="utf-8")


def _replace_once(text: str, old: str, new: str, where: Path) -> str:
    if text.count(old) != 1:
        raise RuntimeError(f"{where}: expected one {old!r} (Sphinx's EPUB template changed)")
    return text.replace(old, new)


def spine(opf: Path) -> list[str]:
    """The e-book's pages in reading order, the cover left out."""
    text = opf.read_text(encoding="utf-8")
    hrefs = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', text))
    return [
        hrefs[ref]
        for ref in re.findall(r'<itemref idref="([^"]+)"', text)
        if hrefs.get(ref, "").endswith(".xhtml") and hrefs[ref] != "epub-cover.xhtml"
    ]


def patch_opf(path: Path, lang: str, page_source: str = "") -> None:
    """Accessibility metadata; ``page_source``: the PDF whose pages the page-list has."""
    opf = path.read_text(encoding="utf-8")
    w = words(lang)
    features = {**A11Y_META}
    if page_source:
        features["schema:accessibilityFeature"] = [
            *A11Y_META["schema:accessibilityFeature"],
            "pageBreakMarkers",
            "pageNavigation",
        ]
    meta = [
        f'<meta property="{prop}">{value}</meta>'
        for prop, values in features.items()
        for value in values
    ]
    summary = f"{w['a11y_summary']} {w['pages'] if page_source else w['no_pages']}"
    meta.append(f'<meta property="schema:accessibilitySummary">{escape(summary)}</meta>')
    if page_source:
        # the page source as EPUB 3.2 has it (DAISY Ace reads it): EPUB 3.3's
        # a11y:pageBreakSource is an error for Debian 12's epubcheck 4.2.6 (OPF-027)
        meta.append(f'<dc:source id="page-source">{escape(page_source)}</dc:source>')
        meta.append('<meta refines="#page-source" property="source-of">pagination</meta>')
    meta.append(f'<meta property="dcterms:conformsTo">{CONFORMS_TO}</meta>')
    opf = _replace_once(
        opf, "  </metadata>", "".join(f"    {m}\n" for m in meta) + "  </metadata>", path
    )
    item = f'href="{COVER}"'
    opf = _replace_once(opf, item, item + ' properties="cover-image"', path)
    path.write_text(opf, encoding="utf-8")


def patch_nav(app, path: Path, pages: list[tuple[str, str]] = ()) -> None:
    w = words(app.config.language or "en")
    nav = path.read_text(encoding="utf-8")
    nav = _replace_once(
        nav, '<nav epub:type="toc">', '<nav epub:type="toc" id="toc" role="doc-toc">', path
    )
    marks = [
        ("cover", "epub-cover.xhtml", w["cover"]),
        ("titlepage", f"{TITLE_PAGE}.xhtml", w["title_page"]),
        ("bodymatter", f"{app.config.root_doc}.xhtml", w["start"]),
    ]
    marks += [("bibliography", f"{doc}.xhtml", w["references"]) for doc in bibliography_docs(app)]
    items = "".join(
        f'        <li><a epub:type="{kind}" href="{escape(href)}">{escape(text)}</a></li>\n'
        for kind, href, text in marks
    )
    landmarks = (
        f'    <nav epub:type="landmarks" id="landmarks" hidden="hidden">\n'
        f"      <h2>{escape(w['landmarks'])}</h2>\n      <ol>\n{items}      </ol>\n"
        f"    </nav>\n" + (page_list_nav(pages, w["page_list"]) if pages else "") + "  </body>"
    )
    path.write_text(_replace_once(nav, "  </body>", landmarks, path), encoding="utf-8")


def bibliography_docs(app) -> list[str]:
    return [
        doc
        for doc in sorted(app.env.found_docs)
        if any(
            True
            for _ in app.env.get_doctree(doc).findall(
                lambda n: isinstance(n, nodes.citation) or type(n).__name__ == "bibliography"
            )
        )
    ]


def setup_accessibility(app) -> None:
    app.set_translator("epub", TextbookEpubTranslator, override=True)
    app.connect("config-inited", epub_config, priority=600)
    app.connect("builder-inited", builder_inited)
    app.connect("html-page-context", page_context)
