"""A catalog that adds attributes its msgids lack: each entry is refused at its line."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build", "locales"]
language = "id"
locale_dirs = ["locales"]
myst_enable_extensions = ["attrs_inline", "attrs_block"]
