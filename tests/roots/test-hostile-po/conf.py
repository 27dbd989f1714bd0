"""Hostile input in a msgstr: the test writes locales/en/LC_MESSAGES/index.po
(tests/test_hostile.py, one catalog per case)."""
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build", "locales"]
language = "id"
locale_dirs = ["locales"]
