extensions = ["myst_parser", "sphinxcontrib.bibtex", "textbook"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "id"
