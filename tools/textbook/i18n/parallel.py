"""Parallel reading: each chapter's messages beside their translations.

In a translated edition's HTML build, a transform that runs just before
Sphinx's ``Locale`` transform numbers every translatable node and keeps an
untranslated copy of it; ``Locale`` then replaces the node's text with the
catalog's msgstr in place. After references are resolved, the copies and the
translated nodes are paired by number and written to ``parallel/<page>.html``.
The pairs are exactly the catalog's (msgid, msgstr) pairs, so the view cannot
drift from either edition.
"""
from __future__ import annotations

import re
from html import escape

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from ..html.site import SOURCE_LANGUAGE, ui

PREFIX = "parallel/"


class parallel_store(nodes.Element, nodes.Invisible):
    """Untranslated copies of a document's messages (never rendered)."""


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


def _prepare(node: nodes.TextElement, labels: list[str]) -> nodes.paragraph:
    """A paragraph with the node's content, safe to render on another page.

    Footnote references become superscripts carrying ``labels`` in order (the
    untranslated copy was taken before footnotes were numbered).
    """
    para = nodes.paragraph("", "", *[child.deepcopy() for child in node.children])
    for ref, label in zip(list(para.findall(nodes.footnote_reference)), labels):
        ref.replace_self(nodes.superscript("", label))
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


def collect_pairs(app, doctree, docname: str) -> None:
    stores = list(doctree.findall(parallel_store))
    for store in stores:
        store.parent.remove(store)
    if not _enabled(app) or len(stores) != 1:
        return
    translated = {n["tb_msg"]: n for n in doctree.findall(nodes.TextElement) if "tb_msg" in n}
    originals = {o["tb_msg"]: o for o in stores[0].children}
    lang = app.config.language
    rows = []
    for original in stores[0].children:
        number = original["tb_msg"]
        target = translated.get(number)
        if target is None:
            continue
        note = ""
        if isinstance(target.parent, nodes.footnote):
            label = next(iter(target.parent.findall(nodes.label)), None)
            note = f'<sup>{label.astext()}</sup> ' if label is not None else ""
        context = _cell_context(target)
        if context:  # a comparison-table cell: name its row and column on both sides
            note = _context_html(context, False, originals), _context_html(context, True, originals)
        else:
            note = note, note
        labels = [ref.astext() for ref in target.findall(nodes.footnote_reference)]
        left = note[0] + _render(app.builder, original, labels)
        right = note[1] + _render(app.builder, target, labels)
        level = original.get("tb_level", 0)
        tag = f"h{level}" if level else "div"
        cell = '<{t} lang="{l}">{c}</{t}>'
        rows.append('<div class="pair{}">{}{}</div>'.format(
            " pair-heading" if level else "",
            cell.format(t=tag, l=SOURCE_LANGUAGE, c=left),
            cell.format(t=tag, l=lang, c=right)))
    _pages(app)[docname] = "\n".join(rows)


def _pages(app) -> dict[str, str]:
    if not hasattr(app.builder, "textbook_parallel"):
        app.builder.textbook_parallel = {}
    return app.builder.textbook_parallel


def collect_pages(app):
    if not _enabled(app):
        return
    pages = _pages(app)
    words = ui(app.config.language)
    for docname in sorted(app.env.found_docs):
        if docname not in pages:
            app.env.get_and_resolve_doctree(docname, app.builder)
        if docname not in pages:
            continue
        title = escape(app.env.titles[docname].astext())
        heading = escape(words["parallel_title"])
        body = (f'<h1>{heading}: {title}</h1>\n'
                f'<div class="parallel">\n{pages[docname]}\n</div>')
        yield (PREFIX + docname, {"title": f'{words["parallel_title"]}: {title}',
                                  "body": body}, "page.html")


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
    app.add_node(parallel_store, html=visitors, latex=visitors, text=visitors,
                 man=visitors, texinfo=visitors)
    app.add_transform(CollectOriginals)
    app.connect("builder-inited", _builder_inited)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-resolved", collect_pairs)
    app.connect("html-collect-pages", collect_pages)
