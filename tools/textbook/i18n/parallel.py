"""Parallel reading: each chapter's passages beside their translations.

In a translated edition's HTML build, a transform that runs just before
Sphinx's ``Locale`` transform numbers every translatable node and keeps an
untranslated copy of it; ``Locale`` then replaces the node's text with the
catalog's msgstr in place. After references are resolved, the copies and the
translated nodes are paired by number, in document order. The pairs are
exactly the catalog's (msgid, msgstr) pairs, so the view cannot drift from
either edition. ``lang-only`` passages take their place on their language's
side (the source language's are parsed into an invisible ``parallel_only``
node for this build), the other side saying that it has no counterpart.

The same build writes the view twice, once per interface: ``parallel/<page>``
(this edition's words) and ``_parallel-<source>/<page>`` (the source edition's
words), which ``tools/build`` publishes as ``<source>/parallel/<page>.html``
(``relocations``). Both have the same depth, so their relative links are right
where they are published.
"""
from __future__ import annotations

import gettext as _gettext
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import sphinx
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from ..languages import SOURCE_LANGUAGE, TAG
from ..messages import ThemeWords
from .langparts import node_lang


def ui(lang: str) -> dict[str, str]:
    from ..html.site import ui  # html.site imports this package

    return ui(lang)


def view_languages(config) -> list[str]:
    from ..html.site import view_languages

    return view_languages(config)

PREFIX = "parallel/"


def source_view_dir(source: str = SOURCE_LANGUAGE) -> str:
    """Folder of the source-language interface's pages in a translated build."""
    return f"_parallel-{source}"


def relocations(langs: list[str]) -> dict[str, str]:
    """Published site: ``<lang>/_parallel-<source>`` -> ``<source>/parallel`` for the
    translated edition whose build carries the source edition's view."""
    others = [lang for lang in langs if lang != SOURCE_LANGUAGE]
    if SOURCE_LANGUAGE not in langs or not others:
        return {}
    return {f"{others[0]}/{source_view_dir()}": f"{SOURCE_LANGUAGE}/parallel"}


class parallel_store(nodes.Element, nodes.Invisible):
    """Untranslated copies of a document's messages (never rendered)."""


class parallel_only(nodes.Element, nodes.Invisible):
    """A ``lang-only`` passage of another edition, kept for the parallel view only."""


def _skip(self, node):
    raise nodes.SkipNode


def _enabled(app) -> bool:
    return (app.config.language != SOURCE_LANGUAGE and app.builder is not None
            and app.builder.name == "html")


class CollectOriginals(SphinxTransform):
    default_priority = 19  # just before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:
        keep = getattr(self.env, "textbook_parallel", False)
        if not keep and not self.config.textbook_facing:
            return
        numbered = number_messages(self.document)
        if not keep:  # the facing-page volume pairs by number only (latex/facing.py)
            return
        store = parallel_store()
        for node in numbered:
            copy = node.deepcopy()
            for sub in copy.findall(nodes.TextElement):
                sub["translatable"] = False
            copy["tb_level"] = _level(node)
            store += copy
        if len(store):
            self.document += store
        _read_with_store(self.env).add(self.env.current_document.docname)


def number_messages(document: nodes.document) -> list[nodes.TextElement]:
    """Number the document's messages (``tb_msg``) in catalog order, before translation.

    The numbers depend on the source only, so they are the same in every edition:
    the web view pairs a message with its translation by them, the facing-page
    volume an Indonesian block with its English one.
    """
    found = []
    for number, (node, _msg) in enumerate(extract_messages(document)):
        if isinstance(node, nodes.TextElement):
            node["tb_msg"] = number
            found.append(node)
    return found


def _level(node: nodes.Node) -> int:
    """Heading level in the parallel page (h1 is the page's own title)."""
    if not isinstance(node, nodes.title) or not isinstance(node.parent, nodes.section):
        return 0
    depth, parent = 0, node.parent
    while isinstance(parent, nodes.section):
        depth, parent = depth + 1, parent.parent
    return min(depth + 1, 6)


_PENDING_CLASS = re.compile(rf"^language-({TAG.pattern})$")  # i18n/pending.py


def _own_lang(node: nodes.Element) -> str | None:
    if node.get("lang") or node_lang(node):
        return node.get("lang") or node_lang(node)
    for cls in node.get("classes", []):
        match = _PENDING_CLASS.match(cls)
        if match:
            return match.group(1)
    return None


def _lang_of(nodes_up: list[nodes.Element], default: str) -> str:
    """The language of a passage: its own or its nearest ancestor's marking."""
    for node in nodes_up:
        found = _own_lang(node) if isinstance(node, nodes.Element) else None
        if found:
            return found
    return default


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found, parent = [], node.parent
    while parent is not None and not isinstance(parent, nodes.document):
        found.append(parent)
        parent = parent.parent
    return found


def _prepare(node: nodes.TextElement, labels: list[str]) -> nodes.paragraph:
    """A paragraph with the node's content, safe to render on another page.

    Footnote references become superscripts carrying ``labels`` in order (the
    untranslated copy was taken before footnotes were numbered).
    """
    para = nodes.paragraph("", "", *[child.deepcopy() for child in node.children])
    for ref, label in zip(list(para.findall(nodes.footnote_reference)), labels):
        ref.replace_self(nodes.superscript("", label))
    for ref in list(para.findall(nodes.footnote_reference)):  # labels unknown: plain text
        ref.replace_self(nodes.superscript("", ref.astext()))
    for sub in para.findall(nodes.Element):
        sub["ids"] = []
    for ref in list(para.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if "refid" in ref or uri.startswith("#"):
            ref.replace_self(nodes.inline("", "", *ref.children))
        elif uri and not re.match(r"^[a-z]+:|^/", uri):
            ref["refuri"] = "../" + uri
    return para


def _render(builder, node: nodes.TextElement, labels: list[str]) -> str:
    """The builder's own HTML of ``node`` (catalog text arrives escaped by the writer)."""
    html = builder.render_partial(_prepare(node, labels))["fragment"].strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.S)


def _cell_context(node: nodes.Element) -> list[nodes.Element] | None:
    """For a paragraph in a table body cell after the first two columns: the
    paragraphs naming its row (number, label) and its column header."""
    entry = node.parent
    if not isinstance(entry, nodes.entry) or not isinstance(entry.parent.parent, nodes.tbody):
        return None
    row = entry.parent
    column = row.index(entry)
    thead = next(iter(row.parent.parent.findall(nodes.thead)), None)
    if column < 2 or thead is None:
        return None
    header = thead[0][column]
    return [next(iter(cell.findall(nodes.paragraph)), None) for cell in (row[0], row[1], header)]


def _context_html(paragraphs, translated: bool, originals: dict) -> str:
    texts = []
    for para in paragraphs:
        if para is None:
            continue
        source = para if translated or "tb_msg" not in para else originals.get(para["tb_msg"], para)
        texts.append(escape(source.astext()))
    return f'<span class="pair-context">{" · ".join(texts)}</span> ' if texts else ""


@dataclass
class Heading:
    ident: str
    level: int
    text: dict[str, str]  # language -> plain text


@dataclass
class Page:
    """A document's parallel view: rows of HTML, its title and headings per language."""

    rows: list[str] = field(default_factory=list)
    title: dict[str, str] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)


def _cell(tag: str, lang: str, html: str, missing: bool = False) -> str:
    cls = ' class="pair-missing"' if missing else ""
    return f'<{tag} lang="{lang}"{cls}>{html}</{tag}>'


def _missing(lang: str) -> str:
    """The side of a one-edition passage, in its column's language."""
    return _cell("div", lang, escape(ui(lang)["no_counterpart"]), missing=True)


def _pair(left: str, right: str, level: int = 0, ident: str = "") -> str:
    heading = " pair-heading" if level else ""
    ident = f' id="{escape(ident)}"' if ident else ""
    return f'<div class="pair{heading}"{ident}>{left}{right}</div>'


def _one_side(app, container: nodes.Element, lang: str, source_side: bool) -> list[str]:
    """Rows of a ``lang-only`` passage: its paragraphs on their side, the other
    side marked as having no counterpart."""
    rows = []
    for node in container.findall(nodes.TextElement):
        if isinstance(node.parent, nodes.TextElement) or not node.astext().strip():
            continue
        side = _cell("div", _lang_of([node, *_ancestors(node)], lang),
                     _render(app.builder, node, []))
        other = _missing(app.config.language if source_side else SOURCE_LANGUAGE)
        rows.append(_pair(side, other) if source_side else _pair(other, side))
    return rows


def collect_pairs(app, doctree, docname: str) -> None:
    stores = list(doctree.findall(parallel_store))
    for store in stores:
        store.parent.remove(store)
    if not _enabled(app):
        return
    # every document has its parallel page (the sitemap and the offline cache list
    # them all), one without any message too
    originals = {o["tb_msg"]: o for o in stores[0].children} if len(stores) == 1 else {}
    lang = app.config.language
    page = Page()

    def passage(node: nodes.Node) -> bool:
        return isinstance(node, parallel_only) or (
            isinstance(node, nodes.Element) and ("tb_msg" in node or
                                                 "lang-only" in node.get("classes", [])))

    for target in list(doctree.findall(passage)):
        if isinstance(target, parallel_only):
            page.rows += _one_side(app, target, target["lang"], source_side=True)
            target.parent.remove(target)
            continue
        if "tb_msg" not in target:
            page.rows += _one_side(app, target, lang, source_side=False)
            continue
        original = originals.get(target["tb_msg"])
        if original is None:
            continue
        note = ""
        if isinstance(target.parent, nodes.footnote):
            label = next(iter(target.parent.findall(nodes.label)), None)
            note = f'<sup>{escape(label.astext())}</sup> ' if label is not None else ""
        context = _cell_context(target)
        if context:  # a comparison-table cell: name its row and column on both sides
            notes = _context_html(context, False, originals), _context_html(context, True, originals)
        else:
            notes = note, note
        labels = [ref.astext() for ref in target.findall(nodes.footnote_reference)]
        level = original.get("tb_level", 0)
        tag = f"h{level}" if level else "div"
        up = _ancestors(target)
        left = _cell(tag, _lang_of([original, *up], SOURCE_LANGUAGE),
                     notes[0] + _render(app.builder, original, labels))
        right = _cell(tag, _lang_of([target, *up], lang),
                      notes[1] + _render(app.builder, target, labels))
        ident = ""
        if level and isinstance(target.parent, nodes.section) and target.parent["ids"]:
            ident = target.parent["ids"][0]
            texts = {SOURCE_LANGUAGE: original.astext(), lang: target.astext()}
            if level == 2 and not page.title:
                page.title = texts
            else:
                page.headings.append(Heading(ident, level, texts))
        page.rows.append(_pair(left, right, level, ident))
    _pages(app)[docname] = page


def _pages(app) -> dict[str, Page]:
    if not hasattr(app.builder, "textbook_parallel"):
        app.builder.textbook_parallel = {}
    return app.builder.textbook_parallel


def _book_order(env) -> list[str]:
    """Documents in the order of the book (the toctree's previous/next chain)."""
    relations = env.collect_relations()
    order, doc = [], env.config.root_doc
    while doc and doc not in order:
        order.append(doc)
        doc = relations.get(doc, [None, None, None])[2]
    return order + sorted(set(env.found_docs) - set(order))


def _number(env, docname: str) -> str:
    numbers = env.toc_secnumbers.get(docname, {}).get("")
    return ".".join(map(str, numbers)) + ". " if numbers else ""


def _nav(env, order: list[str], pages: dict[str, Page], current: str, lang: str,
         sections: bool) -> str:
    """The table of contents of the view: every chapter's parallel page (and the
    current one's sections), in ``lang``."""
    items = []
    for doc in order[1:]:
        title = escape(_number(env, doc) + pages[doc].title.get(lang, doc))
        if doc != current:
            items.append(f'<li class="toctree-l1"><a class="reference internal" '
                         f'href="{escape(doc)}.html">{title}</a></li>')
            continue
        subs = ""
        if sections:
            subs = "".join(f'<li class="toctree-l2"><a class="reference internal" '
                           f'href="#{escape(h.ident)}">{escape(h.text.get(lang, ""))}</a></li>'
                           for h in pages[doc].headings if h.level == 3)
            subs = f"<ul>{subs}</ul>" if subs else ""
        items.append(f'<li class="toctree-l1 current"><a class="current reference internal" '
                     f'href="#" aria-current="page">{title}</a>{subs}</li>')
    return f"<ul>\n{''.join(items)}\n</ul>"


def _sphinx_words(lang: str) -> _gettext.NullTranslations:
    """Sphinx's own interface words in ``lang`` (the theme's second catalog)."""
    return _gettext.translation("sphinx", str(Path(sphinx.__file__).parent / "locale"),
                                [lang], fallback=True)


def _interfaces(app) -> list[tuple[str, str]]:
    """(interface language, page name prefix) of each set of pages this build writes."""
    sets = [(app.config.language, PREFIX)]
    if SOURCE_LANGUAGE in view_languages(app.config):
        sets.append((SOURCE_LANGUAGE, source_view_dir() + "/"))
    return sets


def collect_pages(app):
    if not _enabled(app):
        return
    pages = _pages(app)
    env = app.env
    for docname in sorted(env.found_docs):
        if docname not in pages:
            env.get_and_resolve_doctree(docname, app.builder)
    order = [doc for doc in _book_order(env) if doc in pages]
    for interface, prefix in _interfaces(app):
        words = ui(interface)
        theme_words = ThemeWords(interface, _sphinx_words(interface))
        book = pages[env.config.root_doc].title.get(interface, "") if env.config.root_doc in pages else ""
        for index, docname in enumerate(order):
            page = pages[docname]
            title = page.title.get(interface, docname)
            heading = escape(f'{words["parallel_title"]}: {title}')
            body = (f'<h1>{heading}</h1>\n'
                    f'<div class="parallel">\n' + "\n".join(page.rows) + '\n</div>')

            def link(doc):
                return {"link": f"{escape(doc)}.html",
                        "title": escape(pages[doc].title.get(interface, doc))}

            yield (prefix + docname, {
                "title": f'{words["parallel_title"]}: {title}',
                "body": body,
                "prev": link(order[index - 1]) if index else None,
                "next": link(order[index + 1]) if index + 1 < len(order) else None,
                "tb_parallel": {
                    "lang": interface, "doc": docname,
                    "book_title": book,
                    "toc_chapters": _nav(env, order, pages, docname, interface, False),
                    "toc_sections": _nav(env, order, pages, docname, interface, True),
                    "theme_words": theme_words,
                },
            }, "page.html")


def _builder_inited(app) -> None:
    app.env.textbook_parallel = _enabled(app)


def _read_with_store(env) -> set[str]:
    if not hasattr(env, "textbook_parallel_read"):
        env.textbook_parallel_read = set()
    return env.textbook_parallel_read


def _purge(app, env, docname: str) -> None:
    _read_with_store(env).discard(docname)


def _merge(app, env, docnames, other) -> None:
    """Parallel reading: the documents a worker read with their untranslated copies."""
    _read_with_store(env).update(_read_with_store(other) & set(docnames))


def _outdated(app, env, added, changed, removed) -> list[str]:
    """Docs read by another builder (no untranslated copies) are read again."""
    if not _enabled(app):
        return []
    return sorted(d for d in env.found_docs if d not in _read_with_store(env)
                  and d not in added and d not in changed)


def setup_parallel(app) -> None:
    visitors = (_skip, None)
    for node in (parallel_store, parallel_only):
        app.add_node(node, html=visitors, latex=visitors, text=visitors,
                     man=visitors, texinfo=visitors)
    app.add_transform(CollectOriginals)
    app.connect("builder-inited", _builder_inited)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-resolved", collect_pairs)
    app.connect("html-collect-pages", collect_pages)
