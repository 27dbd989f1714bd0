"""Hostile input: an event handler on emphasis in a data cell."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build"]
language = "id"
locale_dirs = ["locales"]
myst_enable_extensions = ["attrs_inline"]
