"""Tiny bilingual project: Indonesian source, English catalog in locales/."""
from textbook.citations.styles import setup_bibstyles

extensions = ["myst_parser", "sphinxcontrib.bibtex"]
exclude_patterns = ["_build", "locales"]
bibtex_bibfiles = ["refs.bib"]
language = "en"
locale_dirs = ["locales"]
gettext_compact = False
# a citation's page text may change; the catalog check (rules.py) guards the rest
suppress_warnings = ["i18n.inconsistent_references"]


def setup(app):
    setup_bibstyles(app)
