"""Tiny bilingual project for the parallel view: one-edition passages both ways,
an English quotation, a translation with characters HTML must escape."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build", "locales"]
language = "id"
locale_dirs = ["locales"]
gettext_compact = False
html_theme = "textbook"
project = "Buku"
myst_enable_extensions = ["attrs_block"]
textbook_languages = ["id", "en"]  # both editions offered: the English build writes both views
