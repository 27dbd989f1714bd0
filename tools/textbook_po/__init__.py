"""Translator workflow for the textbook's gettext catalogs.

    textbook-po update [--langs en]   # extract, sync locales/templates/*.pot, update .po files
    textbook-po status                # per file and language; non-zero if incomplete
    textbook-po check                 # markup, glossary and msgfmt checks, templates
    textbook-po lint                  # pofilter and dennis (the project's settings)
    textbook-po glossary-tbx          # locales/glossary.yaml as TBX (_build/glossary/)
    textbook-po add-language xx       # locales/xx/LC_MESSAGES/*.po from the templates, a draft

Every problem is printed as ``path:line: message``.
"""
