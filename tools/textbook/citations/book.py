"""``{textbook-citation}``: the ready citation of the book, built from conf.py
(author, year of ``copyright``, ``project``, ``release``, the edition's URL under
``textbook_site_url``, the licence ending ``copyright``), as CITATION.cff has it."""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from ..config import preview_reason, site_base
from ..messages import gettext

COPYRIGHT = re.compile(r"(?P<year>\d{4}), (?P<holder>.+)\. (?P<licence>[^.]+ \d\.\d)")


def citation_text(config) -> str:
    """'Author. (Year). Title (edition N). URL. Licence: X.' in the edition's words."""
    lang = config.language
    match = COPYRIGHT.fullmatch(config.copyright or "")
    if match is None:
        raise ConfigError(f"conf.py: copyright = {config.copyright!r} is not "
                          "'<year>, <holder>. <licence>' (the citation page needs all three)")
    edition = gettext("{number} edition", lang).format(number=config.release)
    url = site_base(config.textbook_site_url) + f"{lang}/"
    return (f"{config.author}. ({match['year']}). {config.project} ({edition}). {url}. "
            f"{gettext('Licence', lang)}: {match['licence']}.")


class BookCitation(SphinxDirective):
    """An empty literal block, filled at write time (the URL is an html-only setting);
    a paragraph in the PDF and EPUB (their verbatim marks or cuts long lines)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        block = nodes.literal_block("", "", classes=["textbook-citation"])
        block["language"] = "text"
        block["textbook_citation"] = True
        return [block]


def preview_note(config) -> nodes.paragraph | None:
    """'Preview, not a published edition ...' when this build lacks the public address."""
    if not preview_reason(config.textbook_site_url, config.textbook_public_url):
        return None
    from ..latex.layout import WORDS

    text = gettext(WORDS["preview"], config.language)
    return nodes.paragraph("", "", nodes.strong(text, text), classes=["textbook-preview"])


def _fill(app, doctree, docname) -> None:
    for block in list(doctree.findall(nodes.literal_block)):
        if block.get("textbook_citation"):
            text = citation_text(app.config)
            note = preview_note(app.config)
            if app.builder.format == "latex" or app.builder.name == "epub":  # no wrap marks
                new = nodes.paragraph(text, text, classes=["textbook-citation"])
                block.replace_self([new, note] if note else new)
            else:
                block[:] = [nodes.Text(text)]
                block.rawsource = text
                if note:
                    block.parent.insert(block.parent.index(block) + 1, note)
    # the site's title page (the PDF and EPUB have their own)
    if docname == app.config.root_doc and app.builder.format == "html" \
            and app.builder.name != "epub" and (note := preview_note(app.config)):
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None:
            section.insert(1, note)


def setup_book_citation(app) -> None:
    app.add_directive("textbook-citation", BookCitation)
    app.connect("doctree-resolved", _fill)
