"""Hostile input: {eval-rst} with a raw HTML script in a msgstr."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build", "locales"]
language = "id"
locale_dirs = ["locales"]
