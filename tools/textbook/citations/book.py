"""``{textbook-citation}``: the ready citation of the book, built from conf.py
(author, year of ``copyright``, ``project``, ``release``, the edition's URL under
``textbook_site_url``, the licence ending ``copyright``), as CITATION.cff has it."""

from __future__ import annotations

import re
from pathlib import Path

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
        raise ConfigError(
            f"conf.py: copyright = {config.copyright!r} is not "
            "'<year>, <holder>. <licence>' (the citation page needs all three)"
        )
    edition = gettext("{number} edition", lang).format(number=config.release)
    if config.textbook_prerelease:
        edition = prerelease_label(config)
    url = site_base(config.textbook_site_url) + f"{lang}/"
    return (
        f"{config.author}. ({match['year']}). {config.project} ({edition}). {url}. "
        f"{gettext('Licence', lang)}: {match['licence']}."
    )


def prerelease_label(config) -> str:
    """'pre-release of 1.0 (commit abc1234)' in the edition's language ('' for a release)."""
    from ..latex.layout import WORDS

    if not config.textbook_prerelease:
        return ""
    return gettext(WORDS["prerelease"], config.language).format(
        version=config.version, commit=config.textbook_prerelease
    )


def check_edition(app, config) -> None:
    """The changelog could not be read (conf.py): stop with its file and line."""
    if config.textbook_edition_error:  # ("<file>:<line>: <problem>")
        from sphinx.util import logging

        from ..stop import stop_build

        logging.getLogger(__name__).error(
            "%s", config.textbook_edition_error, type="textbook", subtype="edition"
        )
        stop_build()


class Changelog(SphinxDirective):
    """``{textbook-changelog}``: every edition and its changes, from
    source/data/changelog.yaml in the edition's language (never in the catalogs)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from ..edition import EditionError, changelog
        from ..latex.layout import WORDS

        try:
            editions = changelog(Path(self.env.app.confdir))
        except EditionError as exc:
            raise self.error(str(exc)) from None
        lang, word = self.config.language, gettext(WORDS["edition"], self.config.language)
        out: list[nodes.Node] = []
        for entry in editions:
            title = f"{word} {entry['version']}"
            if entry is editions[0] and self.config.textbook_prerelease:
                title = f"{title} ({prerelease_label(self.config)})"
            head = nodes.paragraph("", "", nodes.strong(title, title))
            items = nodes.bullet_list()
            for change in entry["changes"]:
                text = " ".join(change.get(lang, change["id"]).split())
                items += nodes.list_item("", nodes.paragraph(text, text))
            out += [head, items]
        for node in out:
            for para in node.findall(nodes.paragraph):
                para["translatable"] = False
        return [nodes.container("", *out, classes=["textbook-changelog"])]


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
    if (
        docname == app.config.root_doc
        and app.builder.format == "html"
        and app.builder.name != "epub"
        and (note := preview_note(app.config))
    ):
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None:
            section.insert(1, note)


def setup_book_citation(app) -> None:
    app.add_directive("textbook-citation", BookCitation)
    app.add_directive("textbook-changelog", Changelog)
    app.connect("config-inited", check_edition)
    app.connect("doctree-resolved", _fill)
