"""Hostile input: an image in a data cell."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build"]
language = "id"
locale_dirs = ["locales"]
