"""Typographic quotation marks of the book's languages (their profiles' ``quotes``).

docutils' smart quotes (on by default in Sphinx) turn ' and " into the marks of the
document's language, but only for languages in ``smartchars.quotes``; Sphinx checks
that table before the ``smartquotes_locales`` setting is applied, so the entry goes
into the table itself. The marks then reach HTML, EPUB and LaTeX alike.
"""

from __future__ import annotations

from docutils.utils import smartquotes
from docutils.utils.smartquotes import smartchars

from ..languages import profiles


def setup_quotes(app) -> None:
    for lang, p in profiles().items():
        if p.quotes:
            smartchars.quotes[lang] = p.quotes


def educate(text: str, lang: str) -> str:
    """``text`` (plain, not from a document: a pack file's field) with the marks the
    book's text gets (Sphinx's smart quotes action 'qDe': quotes, -- and ---, ...);
    backslashes stay as typed."""
    setup_quotes(None)
    text = smartquotes.educateEllipses(smartquotes.educateDashesOldSchool(text))
    return smartquotes.educateQuotes(" " + text, lang)[1:]  # (as at a paragraph start)
