"""Language marks an author got wrong: each is a warning at its line (-W fails)."""
extensions = ["myst_parser", "sphinxcontrib.bibtex", "textbook"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "id"
myst_enable_extensions = ["attrs_inline", "attrs_block"]
