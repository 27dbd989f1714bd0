"""Hostile input: a chapter including files outside the project."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build"]
language = "id"
locale_dirs = ["locales"]
