"""``{textbook-glossary}``: the book's glossary, from the translators' term list.

``locales/glossary.yaml`` is the one source: a term with a ``definition`` (Indonesian,
plain text) and ``defined`` (``<page>`` or ``<page>#<section id>``) is in the book's
glossary. The directive writes Sphinx glossary nodes (each term a ``:term:`` target
and an index entry, under the same id in every edition): the term in the edition's
language (its agreed translation), the other language's term beside it, the
definition as a translatable paragraph (the page's catalog, ``glosarium.po``) and a
link to the section defining it. The glossary terms, and the authors the chapters
name (``{index}`` directives), make the index: linked from every page and the
EPUB's navigation, printed in the PDF (xindy, tools/textbook_build/latexmk.py). The file is untrusted: its text only ever becomes
docutils text (``glossary.load_glossary`` refuses markup in a definition).
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id, make_refnode

from .i18n import glossary as terms_file
from .i18n.langparts import lang_class
from .input_check import contributed_locale_dirs
from .languages import SOURCE_LANGUAGE
from .messages import N_, gettext

logger = logging.getLogger(__name__)
# Translators: before the link to the section where a glossary term is defined
DEFINED_IN = N_("Defined in:")
# Translators: the book's index (Sphinx's genindex page), in the navigation
INDEX = N_("Index")


class defined_at(nodes.inline):
    """Where a term is defined: becomes a link to that section once references resolve."""


def glossary_file(app) -> Path | None:
    for folder in contributed_locale_dirs(app):
        if (folder / "glossary.yaml").is_file():
            return folder / "glossary.yaml"
    return None


class TextbookGlossary(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        path = glossary_file(self.env.app)
        if path is None:
            raise self.error("no glossary: locales/glossary.yaml not found")
        self.env.note_dependency(str(path))
        try:
            terms = [t for t in terms_file.load_glossary(path) if t.definition]
        except terms_file.GlossaryError as exc:
            where, _, message = str(exc).partition(": ")  # "path:line: message"
            logger.error("%s", message, location=where, type="textbook", subtype="glossary")
            return []
        lang, document = self.config.language, self.state.document
        other = SOURCE_LANGUAGE if lang != SOURCE_LANGUAGE else "en"

        def name(term, code: str) -> str:
            return (
                term.source
                if code == SOURCE_LANGUAGE
                else term.translations.get(code, [term.source])[0]
            )

        items = []
        for term in sorted(terms, key=lambda t: name(t, lang).casefold()):
            node_id = make_id(self.env, document, "term", term.source)  # same in each edition
            head = make_glossary_term(
                self.env,
                [nodes.Text(name(term, lang))],
                None,
                str(path),
                term.line,
                node_id,
                document,
            )
            document.note_explicit_target(head)
            if name(term, other) != name(term, lang):
                beside = name(term, other)
                head += [
                    nodes.Text(" ("),
                    nodes.emphasis(beside, beside, classes=[lang_class(other)]),
                    nodes.Text(")"),
                ]
            head["translatable"] = False
            definition = nodes.paragraph(term.definition, term.definition)
            self.set_source_info(definition)  # a message of this page's catalog
            words = gettext(DEFINED_IN, lang)
            doc, _, anchor = term.defined.partition("#")
            where = nodes.paragraph(
                "",
                "",
                nodes.Text(f"{words} "),
                defined_at("", "", doc=doc, anchor=anchor, at=f"{path}:{term.line}"),
                classes=["glossary-defined"],
                translatable=False,
            )
            items.append(
                nodes.definition_list_item("", head, nodes.definition("", definition, where))
            )
        glossary = addnodes.glossary(sorted=True)
        glossary += nodes.definition_list("", *items, classes=["glossary"])
        return [glossary]


def section_title(env, doc: str, anchor: str, suffix: str, doctrees: dict) -> str | None:
    """The (translated) title of section ``anchor`` of ``doc``, numbered as in the toc."""
    if doc not in env.found_docs:
        return None
    if doc not in doctrees:  # read once per page, not once per term
        doctrees[doc] = env.get_doctree(doc)
    for section in doctrees[doc].findall(nodes.section):
        if not anchor or anchor in section["ids"]:
            number = env.toc_secnumbers.get(doc, {}).get(f"#{anchor}" if anchor else "")
            title = section[0].astext()
            return f"{'.'.join(map(str, number))}{suffix}{title}" if number else title
    return None


def resolve_defined_at(app, doctree, docname) -> None:
    suffix = app.config.html_secnumber_suffix if app.builder.format == "html" else " "
    doctrees: dict = {}
    for node in list(doctree.findall(defined_at)):
        doc, anchor = node["doc"], node["anchor"]
        title = section_title(app.env, doc, anchor, suffix, doctrees)
        if title is None:
            logger.warning(
                "glossary: 'defined: %s' is not a page or section of the book",
                f"{doc}#{anchor}" if anchor else doc,
                location=node["at"],
                type="textbook",
                subtype="glossary",
            )
            node.replace_self(nodes.Text(doc))
            continue
        node.replace_self(
            make_refnode(app.builder, docname, doc, anchor, nodes.inline(title, title), title)
        )


def epub_index_in_nav(app) -> None:
    """The EPUB's navigation lists the index (Sphinx puts it in the spine only)."""
    builder = app.builder
    if builder.name != "epub" or not builder.use_index:
        return
    navlist, word = builder.build_navlist, gettext(INDEX, app.config.language)
    entry = {"level": 1, "refuri": f"genindex{builder.out_suffix}", "text": html.escape(word)}
    builder.build_navlist = lambda navnodes: navlist([*navnodes, entry])


def print_index(app, config) -> None:
    """The PDF's index; a course pack (chosen chapters) prints none: it is the book's."""
    printed = "" if config.textbook_print_chapters else r"\printindex"
    config.latex_elements = {**config.latex_elements, "printindex": printed}


def setup_glossary(app) -> None:
    app.add_directive("textbook-glossary", TextbookGlossary)
    app.connect("doctree-resolved", resolve_defined_at)
    app.connect("builder-inited", epub_index_in_nav)
    app.connect("config-inited", print_index, priority=650)  # after latex/layout.py
