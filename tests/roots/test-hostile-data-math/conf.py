"""Hostile input: a {math} role with \\input in a data cell."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build"]
language = "id"
locale_dirs = ["locales"]
