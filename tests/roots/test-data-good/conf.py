extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build"]
