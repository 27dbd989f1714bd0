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
words), which ``textbook-build`` publishes as ``<source>/parallel/<page>.html``
(``relocations``). Both have the same depth, so their relative links are right
where they are published.
"""

from __future__ import annotations

import gettext as _gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import markupsafe
import sphinx
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from ..languages import SOURCE_LANGUAGE, TAG
from ..messages import ThemeWords
from .langparts import node_lang


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
    return (
        app.config.language != SOURCE_LANGUAGE
        and app.builder is not None
        and app.builder.name == "html"
    )


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
                if not isinstance(sub, nodes.inline):  # Sphinx unwraps a "translatable" inline
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


def _lang_of(nodes_up: list[nodes.Element], default: str) -> str:
    """The language of a passage: its own or its nearest ancestor's marking."""
    for node in nodes_up:
        pending = (
            m.group(1) for cls in node.get("classes", []) if (m := _PENDING_CLASS.match(cls))
        )
        if found := node.get("lang") or node_lang(node) or next(pending, None):
            return found
    return default


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found, parent = [], node.parent
    while parent is not None and not isinstance(parent, nodes.document):
        found.append(parent)
        parent = parent.parent
    return found


def _prepare(node: nodes.TextElement, labels: list[str], lang: str) -> nodes.paragraph:
    """A paragraph with the node's content, marked ``lang``, safe to render on another page.

    Footnote references become superscripts carrying ``labels`` in order (the
    untranslated copy was taken before footnotes were numbered).
    """
    para = nodes.paragraph(
        "", "", *[child.deepcopy() for child in node.children], classes=[f"lang-{lang}"]
    )
    for ref, label in zip(list(para.findall(nodes.footnote_reference)), labels, strict=False):
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


def _render(builder, node: nodes.Node) -> markupsafe.Markup:
    """The builder's own HTML of ``node`` (catalog text arrives escaped by the writer)."""
    html = builder.render_partial(node)["fragment"].strip()
    return markupsafe.Markup(re.sub(r"^<p(?: [^>]*)?>(.*)</p>$", r"\1", html, flags=re.S))


@dataclass
class Side:
    """One language's side of a row (``html`` None: no counterpart in that edition)."""

    lang: str
    html: markupsafe.Markup | None
    note: str = ""  # the label of the footnote the passage is in


@dataclass
class Row:
    """A passage beside its translation, or a whole table with both in each cell."""

    sides: list[Side] = field(default_factory=list)
    level: int = 0  # a heading's level (h2…h6)
    ident: str = ""
    table: markupsafe.Markup | None = None


@dataclass
class Heading:
    ident: str
    level: int
    text: dict[str, str]  # language -> plain text


@dataclass
class Page:
    """A document's parallel view: its rows, its title and headings per language."""

    rows: list[Row] = field(default_factory=list)
    title: dict[str, str] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)

    def html(self) -> str:
        """What the rows show (for the page's length and the works it cites)."""
        return "".join(row.table or "".join(s.html or "" for s in row.sides) for row in self.rows)


def _sides(app, original, target, labels: list[str]) -> list[nodes.paragraph]:
    """Both texts of a message as paragraphs marked with their languages."""
    up = _ancestors(target)
    return [
        _prepare(node, labels, _lang_of([node, *up], lang))
        for node, lang in ((original, SOURCE_LANGUAGE), (target, app.config.language))
    ]


def _one_side(app, container: nodes.Element, lang: str, source_side: bool) -> list[Row]:
    """Rows of a ``lang-only`` passage: its paragraphs on their side, the other
    side saying that it has no counterpart."""
    rows = []
    for node in container.findall(nodes.TextElement):
        if isinstance(node.parent, nodes.TextElement) or not node.astext().strip():
            continue
        lang_of = _lang_of([node, *_ancestors(node)], lang)
        side = Side(lang_of, _render(app.builder, _prepare(node, [], lang_of)))
        other = Side(app.config.language if source_side else SOURCE_LANGUAGE, None)
        rows.append(Row([side, other] if source_side else [other, side]))
    return rows


def _pair(app, original: nodes.TextElement, target: nodes.TextElement) -> Row:
    """A message beside its translation (a heading with its section's id)."""
    labels = [ref.astext() for ref in target.findall(nodes.footnote_reference)]
    parent = target.parent
    label = parent.next_node(nodes.label) if isinstance(parent, nodes.footnote) else None
    sides = [
        Side(node_lang(p), _render(app.builder, p), label.astext() if label else "")
        for p in _sides(app, original, target, labels)
    ]
    level = original.get("tb_level", 0)
    heading = level and isinstance(parent, nodes.section) and parent["ids"]
    return Row(sides, level, parent["ids"][0] if heading else "")


def _table(app, table: nodes.table, originals: dict) -> markupsafe.Markup:
    """The table as one table, each translated cell and the caption in both
    languages (source first), rendered by the builder (headers, scopes, labels)."""
    copy = table.deepcopy()
    copy.parent = table.parent  # the languages marked around the table
    for node in list(copy.findall(nodes.TextElement)):
        original = originals.get(node.get("tb_msg", -1))
        if original is None or isinstance(node.parent, nodes.TextElement):
            continue
        both = _sides(app, original, node, [])
        if isinstance(node, nodes.title):  # the caption: "Perbandingan … / Comparison …"
            first, second = (nodes.inline("", "", *p.children, **p.attributes) for p in both)
            both = nodes.title("", "", first, nodes.Text(" / "), second)
        node.replace_self(both)
    copy.parent = None
    return _render(app.builder, copy)


def _is_passage(node: nodes.Node) -> bool:
    return isinstance(node, parallel_only) or (
        isinstance(node, nodes.Element)
        and ("tb_msg" in node or "lang-only" in node.get("classes", []))
    )


def collect_pairs(app, doctree, docname: str) -> None:
    stores = list(doctree.findall(parallel_store))
    for store in stores:
        store.parent.remove(store)
    if not _enabled(app):
        return
    # every document has its parallel page (the sitemap and the offline cache list
    # them all), one without any message too
    originals = {o["tb_msg"]: o for o in stores[0].children} if len(stores) == 1 else {}
    page, tables = Page(), set()
    app.builder.fignumbers = app.env.toc_fignumbers.get(docname, {})  # as write_doc sets them
    for target in list(doctree.findall(_is_passage)):
        if isinstance(target, parallel_only):
            page.rows += _one_side(app, target, target["lang"], source_side=True)
            target.parent.remove(target)
        elif "tb_msg" not in target:
            page.rows += _one_side(app, target, app.config.language, source_side=False)
        elif (original := originals.get(target["tb_msg"])) is None:
            continue
        elif table := next((up for up in _ancestors(target) if isinstance(up, nodes.table)), None):
            if id(table) not in tables:  # one row for the whole table
                tables.add(id(table))
                page.rows.append(Row(table=_table(app, table, originals)))
        else:
            row = _pair(app, original, target)
            if row.ident:
                texts = {SOURCE_LANGUAGE: original.astext(), app.config.language: target.astext()}
                if row.level == 2 and not page.title:
                    page.title = texts
                else:
                    page.headings.append(Heading(row.ident, row.level, texts))
            page.rows.append(row)
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


def _toc(env, order: list[str], pages: dict[str, Page], lang: str) -> list[dict]:
    """The view's table of contents in ``lang``: every chapter and its sections."""
    return [
        {
            "doc": doc,
            "title": pages[doc].title.get(lang, doc),
            "number": env.toc_secnumbers.get(doc, {}).get(""),
            "sections": [
                (h.ident, h.text.get(lang, "")) for h in pages[doc].headings if h.level == 3
            ],
        }
        for doc in order[1:]
    ]


def _sphinx_words(lang: str) -> _gettext.NullTranslations:
    """Sphinx's own interface words in ``lang`` (the theme's second catalog)."""
    return _gettext.translation(
        "sphinx", str(Path(sphinx.__file__).parent / "locale"), [lang], fallback=True
    )


def collect_pages(app):
    from ..html.site import ui, view_languages  # html.site imports this package

    if not _enabled(app):
        return
    pages = _pages(app)
    env = app.env
    for docname in sorted(env.found_docs):
        if docname not in pages:
            env.get_and_resolve_doctree(docname, app.builder)
    order = [doc for doc in _book_order(env) if doc in pages]
    root = pages.get(env.config.root_doc)
    missing = {lang: ui(lang)["no_counterpart"] for lang in (SOURCE_LANGUAGE, app.config.language)}
    # each set of pages this build writes: (interface language, page name prefix)
    interfaces = [(app.config.language, "parallel/")]
    if SOURCE_LANGUAGE in view_languages(app.config):
        interfaces.append((SOURCE_LANGUAGE, source_view_dir() + "/"))
    for interface, prefix in interfaces:
        theme_words = ThemeWords(interface, _sphinx_words(interface))
        toc = _toc(env, order, pages, interface)

        def link(doc, interface=interface):
            return {
                "link": f"{doc}.html",
                "title": markupsafe.escape(pages[doc].title.get(interface, doc)),
            }

        for index, docname in enumerate(order):
            page = pages[docname]
            yield (
                prefix + docname,
                {
                    "title": f"{ui(interface)['parallel_title']}: {page.title.get(interface, docname)}",
                    "prev": link(order[index - 1]) if index else None,
                    "next": link(order[index + 1]) if index + 1 < len(order) else None,
                    "tb_parallel": {  # for html/templates/parallel.html
                        "lang": interface,
                        "doc": docname,
                        "book_title": root.title.get(interface, "") if root else "",
                        "rows": page.rows,
                        "html": page.html(),
                        "toc": toc,
                        "no_counterpart": missing,
                        "theme_words": theme_words,
                    },
                },
                "parallel.html",
            )


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
    return sorted(
        d
        for d in env.found_docs
        if d not in _read_with_store(env) and d not in added and d not in changed
    )


def setup_parallel(app) -> None:
    visitors = (_skip, None)
    for node in (parallel_store, parallel_only):
        app.add_node(
            node, html=visitors, latex=visitors, text=visitors, man=visitors, texinfo=visitors
        )
    app.add_transform(CollectOriginals)
    app.connect("builder-inited", _builder_inited)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-resolved", collect_pairs)
    app.connect("html-collect-pages", collect_pages)
