"""Hostile input: a LaTeX command in the translated book title."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build", "locales"]
language = "id"
locale_dirs = ["locales"]
project = "Judul Buku"
