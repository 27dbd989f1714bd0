"""Tiny bilingual project with a glossary whose definition is hostile plain text."""
extensions = ["myst_parser", "sphinxcontrib.bibtex", "textbook"]
exclude_patterns = ["_build", "locales"]
bibtex_bibfiles = ["refs.bib"]
language = "id"
locale_dirs = ["locales"]
gettext_compact = False
