"""Tiny bilingual project: Indonesian source, English catalog in locales/."""
from textbook.citations.styles import setup_bibstyles
from textbook.upstream.i18n_refs import setup_i18nrefs

extensions = ["myst_parser", "sphinxcontrib.bibtex"]
exclude_patterns = ["_build", "locales"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "textbook"  # the book's styles, words in the build's language
bibtex_reference_style = "textbook-author-year"
language = "en"
locale_dirs = ["locales"]
gettext_compact = False


def setup(app):
    setup_bibstyles(app)
    setup_i18nrefs(app)
