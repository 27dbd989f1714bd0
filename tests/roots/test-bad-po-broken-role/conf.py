"""Tiny bilingual project like the book: Indonesian source, English catalog."""
extensions = ["myst_parser", "sphinxcontrib.bibtex", "textbook"]
exclude_patterns = ["_build", "locales"]
bibtex_bibfiles = ["refs.bib"]
language = "id"
locale_dirs = ["locales"]
gettext_compact = False
