"""What make po-check rejects (glossary, emphasis, added link, copied msgid) fails the build too."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build", "locales"]
language = "id"
locale_dirs = ["locales"]
