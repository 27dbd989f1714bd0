"""The website around the text: theme, language switch, downloads, sitemap.

Every edition is built on its own into ``<site>/<lang>/`` with the same page
names, so a page's twin in another edition is ``../<lang>/<page>.html``.
"""

from __future__ import annotations

import contextlib
import os
import re
from html import escape
from pathlib import Path
from types import CodeType, SimpleNamespace
from xml.sax.saxutils import escape as xml_escape

import jinja2
import markupsafe
from docutils import nodes
from sphinx import locale as sphinx_locale
from sphinx.builders.html._assets import _JavaScript
from sphinx.writers.html5 import HTML5Translator

from ..config import site_base, user_cache
from ..languages import SOURCE_LANGUAGE, language_name, print_language
from ..messages import MSGID_LANGUAGE, N_, NP_, gettext, has
from .search_id import STEM_FOLD, SearchIndonesian

sphinx_gettext = sphinx_locale._  # Sphinx's own catalog (not extracted into textbook.pot)

THEME_DIR = Path(__file__).with_name("theme")
TEMPLATES = Path(__file__).with_name("templates")

# Interface words: key -> English msgid (translations: locales/<lang>/LC_MESSAGES/textbook.po)
UI = {
    "skip": N_("Skip to content"),
    "language": N_("Language"),
    "go": NP_("search form button", "Search"),
    # Translators: link from a page to its parallel view (source language beside English)
    "parallel": N_("Parallel reading Indonesian–English"),
    "parallel_title": N_("Parallel reading"),
    # Translators: link from a parallel page back to the page of one edition
    "leave_parallel": N_("This page without the parallel view"),
    # Translators: the empty side of a parallel-view row whose passage is in one edition only
    "no_counterpart": N_("No counterpart: this passage is in one edition only."),
    "pager": N_("Previous and next page"),
    "previous": N_("Previous:"),
    "next": N_("Next:"),
    "pdf": N_("Download PDF"),
    "epub": N_("Download EPUB"),
    # Translators: the tagged PDF (PDF/UA) beside the print PDF
    "pdf_accessible": N_("PDF for screen readers"),
    # Translators: accessible name of a table without a caption
    "table": N_("Table"),
    "permalink": N_("Link to this section"),
    "not_found": N_("Page not found"),
    "home": N_("Go to the home page"),
    # Translators: banner on every page of a draft edition (locales/languages.yaml)
    "draft": N_(
        "Draft translation: incomplete and not yet reviewed. This edition is not "
        "published for readers."
    ),
    "top": N_("Back to top"),
    # Translators: the book's short title: the header on phones, the installed app's name
    "short_title": N_("Community Empowerment"),
    # Translators: heading of the printed list of the works cited on a page
    "cited": N_("Works cited on this page"),
    # Translators: under a reference: "Cited in: 1. Empowerment …" (links to the chapters)
    "cited_in": N_("Cited in:"),
    # Translators: the search page when nothing matches (Sphinx's text speaks of "categories")
    "no_results": N_(
        "Nothing in this edition matches your search. Check the spelling, or "
        "try fewer words or another form of a word."
    ),
    # Translators: the line at the foot of every page: "Edition 1.0 · 4 December 2026"
    "edition_line": N_("Edition {number} · {date}"),
    # Translators: button at the foot of every page (offline reading, service worker)
    "keep": N_("Keep the whole book for offline reading"),
    "kept": N_("The whole book is kept on this device: it opens without a network."),
    # Translators: shown once, offline, on a page kept from an older build;
    # {edition} is the page's edition line ("Edition 1.0 · 4 December 2026")
    "stale": N_("This copy is {edition}; a newer edition exists."),
    # Translators: name of the list of links to the parallel view, PDF and EPUB of a page
    "formats": N_("Other forms of this page"),
}
DESCRIPTION = N_(
    "An open textbook on empowerment, community development and community intervention."
)


def ui(lang: str | None) -> dict[str, str]:
    """Interface words in ``lang``. A word the language's catalog lacks is English,
    except where Sphinx's own catalogs have it (in a build of that language) or
    language names say it better: never a word of a third language."""
    lang = lang or MSGID_LANGUAGE
    words = {key: gettext(msgid, lang) for key, msgid in UI.items()}
    words["description"] = gettext(DESCRIPTION, lang)
    pair = f"{language_name(SOURCE_LANGUAGE)} – {language_name(lang)}"
    fallbacks = {
        "parallel": pair,
        "parallel_title": pair,
        "go": str(sphinx_gettext("Search")),
        "previous": f"{sphinx_gettext('Previous topic')}:",
        "next": f"{sphinx_gettext('Next topic')}:",
    }
    for key, word in fallbacks.items():
        if not has(UI[key], lang):
            words[key] = word
    return words


INTERNAL_LINK = re.compile(r'<a class="reference internal" href="[^"#]*#([^"]+)" title="([^"]*)"')


def cited_works(app, body: str) -> list[markupsafe.Markup]:
    """The full reference of each work cited on the page, in order (for print): the
    titles sphinxcontrib-bibtex gives its links to the references, already escaped."""
    if "sphinxcontrib.bibtex" not in app.extensions:
        return []
    entries = {c.citation_id for c in app.env.get_domain("cite").citations}
    return [
        markupsafe.Markup(ref)
        for ref in dict.fromkeys(
            title for target, title in INTERNAL_LINK.findall(body) if target in entries
        )
    ]


def og_locale(lang: str) -> str:
    """Open Graph's ``language_TERRITORY`` (the likely territory: id_ID, en_US)."""
    from babel.core import get_global

    parts = get_global("likely_subtags").get(lang, lang).split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else lang


def build_stamp() -> int:
    """The build's date (``edition.book_epoch``), which the offline copy compares to
    know that a newer edition exists."""
    from ..edition import book_epoch

    return book_epoch()


def edition_line(config, lang: str) -> str:
    """ "Edisi 1.0 · 4 Desember 2026" (between tags "prarilis 1.0 (komit abc1234) · …"):
    the edition and date of the build, in ``lang``."""
    from sphinx.util.i18n import format_date

    date = format_date(print_language(lang)["date_format"], language=lang)
    if config.textbook_prerelease:  # the title page's words: "pre-release of 1.0 (commit …)"
        from ..latex.layout import WORDS

        words = {"version": config.version, "commit": config.textbook_prerelease}
        try:
            return f"{gettext(WORDS['prerelease'], lang).format(**words)} · {date}"
        except (KeyError, IndexError, ValueError):  # a catalog's placeholder is wrong
            return f"{WORDS['prerelease'].format(**words)} · {date}"
    try:
        return ui(lang)["edition_line"].format(number=config.release, date=date)
    except (KeyError, IndexError, ValueError):  # a catalog's placeholder is wrong
        return UI["edition_line"].format(number=config.release, date=date)


def languages(config) -> list[str]:
    langs = [lang.strip() for lang in config.textbook_languages if lang.strip()]
    if config.language not in langs:
        langs.append(config.language)
    return langs


def parallel_language(config) -> str | None:
    """The edition whose build carries the parallel view for this page."""
    if config.language != SOURCE_LANGUAGE:
        return config.language
    others = [lang for lang in languages(config) if lang != SOURCE_LANGUAGE]
    return others[0] if others else None


def view_languages(config) -> list[str]:
    """The interfaces of the parallel view of this edition's build (source language
    first; the same pages in each): ``[]`` when the edition has none."""
    if config.language == SOURCE_LANGUAGE:
        target = parallel_language(config)
        return [SOURCE_LANGUAGE, target] if target else []
    as_source = SimpleNamespace(
        textbook_languages=config.textbook_languages, language=SOURCE_LANGUAGE
    )
    if SOURCE_LANGUAGE in languages(config) and parallel_language(as_source) == config.language:
        return [SOURCE_LANGUAGE, config.language]  # this build writes both (i18n/parallel.py)
    return [config.language]


def site_url(config) -> str:
    return site_base(config.textbook_site_url)


def without_translated_flag(metatags: str) -> str:
    """Sphinx's Locale leaves its i18n ``translated`` flag on <meta> (invalid HTML/EPUB)."""
    return re.sub(r' translated="(?:True|False)"', "", metatags)


def _first_paragraph(doctree) -> str:
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        if para.get("translatable") is False or isinstance(para.parent, (nodes.entry,)):
            continue
        text = " ".join(para.astext().split())
        if len(text) >= 40:
            return text if len(text) <= 155 else text[:152].rsplit(" ", 1)[0] + " …"
    return ""


def _language_links(app, pagename: str, view: dict | None, lang: str) -> dict:
    """The language switch (to this page's twin in each edition) and the ``hreflang``
    alternates; a draft edition names no twins: search engines never offer it."""
    twin, up = view["doc"] if view else pagename, "../" * pagename.count("/")
    langs = view_languages(app.config) if view else languages(app.config)
    path = f"{'parallel/' if view else ''}{twin}.html"
    is_doc = twin in app.env.found_docs or twin in ("genindex", "search")
    switch = [
        {
            "code": code,
            "name": language_name(code),
            "current": code == lang,
            "href": f"{up}../{code}/{path if is_doc else 'index.html'}",
        }
        for code in langs
    ]
    base = site_url(app.config) or f"{up}../"
    alternates = [
        {"hreflang": code, "href": f"{base}{langs[0] if code == 'x-default' else code}/{path}"}
        for code in [*langs, "x-default"]
        if is_doc and not app.config.textbook_draft
    ]
    return {"languages": switch, "alternates": alternates}


def _downloads(config, lang: str, up: str, words: dict) -> list[dict]:
    """This edition's PDFs and EPUB, if the site publishes them (textbook-build names them)."""
    basename = config.textbook_download_basename
    return [
        {"href": f"{up}../downloads/{name}", "label": words[kind], "mime": mime}
        for kind, suffix, mime in (
            ("pdf", ".pdf", "application/pdf"),
            ("pdf_accessible", "-accessible.pdf", "application/pdf"),
            ("epub", ".epub", "application/epub+zip"),
        )
        if basename and (name := f"{basename}-{lang}{suffix}") in config.textbook_downloads
    ]


def _parallel_link(app, twin: str, up: str, view: dict | None, words: dict) -> dict:
    """The link to the page's parallel view; in the view, the one link that leaves it
    (the catalogs are untrusted: their words reach the template as text)."""
    target = parallel_language(app.config)
    if view:
        href, text = f"../{twin}.html", words["leave_parallel"]
    elif target and twin in app.env.found_docs:
        href, text = f"{up}parallel/{twin}.html", words["parallel"]
        if has(UI["parallel"], app.config.language) and target != "en":  # name the pair
            text = (
                f"{words['parallel_title']}: {language_name(SOURCE_LANGUAGE)} – "
                f"{language_name(target)}"
            )
    else:
        return {"parallel_href": None, "parallel_text": None}
    return {"parallel_href": href, "parallel_text": markupsafe.escape(text)}


def _assets(context: dict, pagename: str, view: dict | None) -> None:
    """One stylesheet; every script deferred (none blocks rendering; deferred scripts
    run in order); the search page's scripts, elsewhere only what highlights the
    searched words on the page a result leads to (not on the view: no search hit
    leads there); valid <meta> tags."""
    context["css_files"] = [
        css for css in context.get("css_files", []) if _basename(css) == "textbook.css"
    ]
    scripts = context.get("script_files", [])
    if view:
        scripts = []
    elif pagename != "search":
        scripts = [js for js in scripts if _basename(js) in HIGHLIGHT_JS]
    else:  # the search page has no sphinx-design tabs
        scripts = [js for js in scripts if _basename(js) != "design-tabs.js"]
    context["script_files"] = [
        _JavaScript(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})
        for js in scripts
    ]
    # docutils adds a second viewport tag to the one in the layout
    context["metatags"] = without_translated_flag(
        re.sub(r'<meta name="viewport"[^>]*>\s*', "", context.get("metatags", ""))
    )


def _description(context: dict, doctree, words: dict) -> str:
    """The page's own (front matter), else its first paragraph, else the book's."""
    own = re.search(r'<meta content="([^"]*)" name="description"', context["metatags"])
    if own:
        return markupsafe.Markup(own.group(1)).unescape()
    return _first_paragraph(doctree) or words["description"]


def _toc(context: dict) -> dict:
    """The chapters (phones) and the chapters with this page's sections (wide screens)."""
    if "toctree" not in context:
        return {}
    return {
        f"toc_{name}": _mark_current(
            context["toctree"](
                maxdepth=depth, collapse=True, titles_only=depth == 1, includehidden=True
            )
        )
        for name, depth in (("chapters", 1), ("sections", 2))
    }


def _titles(app, context: dict, view: dict | None) -> None:
    """The book's title in the interface's language (the translated root heading); a
    view page's own address, and the source edition's words on its interface."""
    root_title = app.env.titles.get(app.config.root_doc)
    if root_title is not None:
        context["docstitle"] = context["shorttitle"] = root_title.astext()
    if not view:
        return
    if site_url(app.config):
        context["pageurl"] = f"{site_url(app.config)}{view['lang']}/parallel/{view['doc']}.html"
    if view["lang"] != context.get("language"):  # the source edition's view, written here
        words = view["theme_words"]
        context["_"] = context["gettext"] = words.gettext
        context["ngettext"] = words.ngettext
        context["language"] = view["lang"]
        if view["book_title"]:
            context["docstitle"] = context["shorttitle"] = view["book_title"]


def page_context(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or app.builder.name not in ("html", "dirhtml"):
        return
    view = context.get("tb_parallel")  # a page of the parallel view (i18n/parallel.py)
    lang = view["lang"] if view else app.config.language  # the interface's language
    up, twin = "../" * pagename.count("/"), view["doc"] if view else pagename
    words = ui(lang)
    body = context.get("body") or (view["html"] if view else "")
    _assets(context, pagename, view)
    context["tb"] = {
        "lang": lang,
        "ui": words,
        **_language_links(app, pagename, view, lang),
        "downloads": _downloads(app.config, lang, up, words),
        **_parallel_link(app, twin, up, view, words),
        "description": _description(context, doctree, words),
        "draft": app.config.textbook_draft,
        "long_page": _long_page(doctree, body, context),
        "edition_line": edition_line(app.config, lang),
        "build_stamp": build_stamp(),
        "sw_href": f"{up}../sw.js",  # one worker for the site (textbook_build/site_root.py)
        "og_locale": og_locale(lang),
        "cited": cited_works(app, body),
        "stem_fold": STEM_FOLD if lang == SearchIndonesian.lang else "",
        **({} if view else _toc(context)),
    }
    _titles(app, context, view)


HIGHLIGHT_JS = ("documentation_options.js", "doctools.js", "sphinx_highlight.js")


def _long_page(doctree, body: str, context: dict) -> bool:
    """Taller than about two phone screens: its text (the doctree's; the parallel view's
    rows), or the index's lines."""
    text = doctree.astext() if doctree is not None else re.sub(r"<[^>]*>", "", body)
    lines = sum(
        1 + len(sub)
        for _, group in context.get("genindexentries") or []
        for _, (_, sub, _) in group
    )
    return len(text) > LONG_PAGE or lines > LONG_INDEX


LONG_INDEX = 15  # lines of the index (one entry or sub-entry a line)
LONG_PAGE = 1000  # characters of text (about two phone screens): pages get a "back to top" link


def _basename(asset) -> str:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]


def _mark_current(toc: str) -> str:
    """The link to the page itself says so to assistive technology."""
    return toc.replace(
        '<a class="current reference internal" href="#">',
        '<a class="current reference internal" href="#" aria-current="page">',
    )


class TextbookHTMLTranslator(HTML5Translator):
    """Adds what the stock writer leaves out: language of parts, table labels."""

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        attrs = {k.lower(): v for k, v in attributes.items()}
        if isinstance(node, nodes.Element):
            if node_lang(node) and "lang" not in attrs:  # i18n/langparts.py
                attrs["lang"] = node_lang(node)
            if isinstance(node, nodes.entry):
                section = node.parent.parent
                if isinstance(section, nodes.thead):
                    attrs["scope"] = "col"
                elif "stub" in (attrs.get("classes") or []) or "stub" in str(
                    attrs.get("class", "")
                ):
                    attrs["scope"] = "row"
                if node.get("tb_label"):
                    attrs["data-label"] = node["tb_label"]
        if attrs.get("role") == "doc-biblioentry":
            # deprecated in DPUB-ARIA 1.1, and the parent is role="list"
            attrs["role"] = "listitem"
        if attrs.get("role") == "heading" and "aria-level" not in attrs:
            attrs["aria-level"] = "2"
        return super().starttag(node, tagname, suffix, empty, **attrs)

    def visit_table(self, node):
        labels: list[str] = []
        thead = next(iter(node.findall(nodes.thead)), None)
        if thead is not None and len(thead):
            # a cell of the parallel view holds both languages: "Indikator / Indicator"
            labels = [
                " / ".join(" ".join(part.astext().split()) for part in e.children)
                for e in thead[-1].children
            ]
        for tbody in node.findall(nodes.tbody):
            for row in tbody.children:
                column = 0
                for entry in row.children:
                    if column < len(labels):
                        entry["tb_label"] = labels[column]
                    column += 1 + entry.get("morecols", 0)
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        label = (
            " ".join(title.astext().split())
            if title is not None
            else ui(self.config.language)["table"]
        )
        self.body.append(
            f'<div class="table-wrap" role="region" tabindex="0" aria-label="{escape(label)}">\n'
        )
        super().visit_table(node)

    def depart_table(self, node):
        super().depart_table(node)
        self.body.append("</div>\n")

    def add_permalink_ref(self, node, title):
        # the "#" is for the pointer: kept out of the heading's accessible name and out of
        # the tab order (one more stop per heading); the heading's id is the address
        if title.startswith("Link to this") and self.config.language != "en":
            title = escape(ui(self.config.language)["permalink"])
        if node["ids"] and self.config.html_permalinks and self.builder.add_permalinks:
            self.body.append(
                f'<a class="headerlink" href="#{node["ids"][0]}" title="{title}" '
                f'aria-hidden="true" tabindex="-1">'
                f"{self.config.html_permalinks_icon}</a>"
            )


def write_sitemap(app, exception) -> None:
    """``sitemap.xml`` of this edition, each page with its twins (hreflang)."""
    if exception is not None or app.builder.name != "html" or app.config.textbook_draft:
        return
    base = site_url(app.config)
    if not base:
        return
    lang = app.config.language
    langs = languages(app.config)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for doc in sorted(app.env.found_docs):
        lines.append(f"  <url><loc>{xml_escape(f'{base}{lang}/{doc}.html')}</loc>")
        for code in langs:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="{code}" '
                f'href="{xml_escape(f"{base}{code}/{doc}.html")}"/>'
            )
        lines.append(
            f'    <xhtml:link rel="alternate" hreflang="x-default" '
            f'href="{xml_escape(f"{base}{SOURCE_LANGUAGE}/{doc}.html")}"/>'
        )
        lines.append("  </url>")
    views = view_languages(app.config)  # the parallel view's pages, with their twins
    for doc in sorted(app.env.found_docs) if views else []:
        lines.append(f"  <url><loc>{xml_escape(f'{base}{lang}/parallel/{doc}.html')}</loc>")
        for code in [*views, "x-default"]:
            href = f"{base}{views[0] if code == 'x-default' else code}/parallel/{doc}.html"
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(href)}"/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    Path(app.outdir, "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _baseurl(app, config) -> None:
    """Canonical URLs: ``<site>/<lang>/<page>.html``; the parallel view's page template
    (``templates/parallel.html``, on the layout of whichever theme is used)."""
    if site_url(config) and not config.html_baseurl:
        config.html_baseurl = f"{site_url(config)}{config.language}/"
    templates = os.path.relpath(TEMPLATES, app.confdir)
    if templates not in config.templates_path:
        config.templates_path = [*config.templates_path, templates]


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled theme templates, reused by the next build of any checkout (a template
    counts by its path in the project; Jinja compares its text too); a cache that
    cannot be read or written is no cache."""

    def __init__(self, folder: Path, root: str):
        super().__init__(str(folder))
        self.root = root

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name, filename and os.path.relpath(filename, self.root))

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):
            bucket.reset()
        if bucket.code is not None and not isinstance(bucket.code, CodeType):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cache_templates(app) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    folder = user_cache("templates")
    if not isinstance(environment, jinja2.Environment):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # no cache
    environment.bytecode_cache = TemplateCache(folder, app.confdir)


def setup_html_site(app) -> None:
    app.add_html_theme("textbook", str(THEME_DIR / "textbook"))
    app.set_translator("html", TextbookHTMLTranslator, override=True)
    # the accessible PDF's single page (tools/textbook_build/accessible): lang, scope
    app.set_translator("singlehtml", TextbookHTMLTranslator, override=True)
    app.connect("config-inited", _baseurl)
    app.connect("builder-inited", cache_templates)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", write_sitemap)


# last: textbook.i18n (its parallel view) imports this module's names
from ..i18n.langparts import node_lang  # noqa: E402
