extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["attrs_inline"]
language = "id"
latex_engine = "xelatex"
# a column a few words wide: long words must break, where their language allows
latex_elements = {"papersize": "a5paper",
                  # TeX's own view of the book's hyphenation exceptions, in the log
                  "atendofbody": r"\showhyphens{intervensi Tropman}",
                  "geometry": r"\usepackage[textwidth=32mm,hmargin=40mm]{geometry}"}
