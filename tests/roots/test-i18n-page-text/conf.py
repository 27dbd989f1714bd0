"""Tiny bilingual project: Indonesian source, English catalog in locales/."""
from textbook.bibstyles import setup_bibstyles
from textbook.i18nrefs import setup_i18nrefs

extensions = ["myst_parser", "sphinxcontrib.bibtex"]
exclude_patterns = ["_build", "locales"]
bibtex_bibfiles = ["refs.bib"]
language = "en"
locale_dirs = ["locales"]
gettext_compact = False


def setup(app):
    setup_bibstyles(app)
    setup_i18nrefs(app)
