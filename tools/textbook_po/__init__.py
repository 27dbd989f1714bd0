"""Translator workflow for the textbook's gettext catalogs.

    python tools/i18n update [--langs en]   # extract, sync locales/templates/*.pot, update .po files
    python tools/i18n status                # per file and language; non-zero if incomplete
    python tools/i18n check                 # markup, glossary and msgfmt checks, templates
    python tools/i18n lint                  # pofilter and dennis (the project's settings)
    python tools/i18n glossary-tbx          # locales/glossary.yaml as TBX (_build/glossary/)
    python tools/i18n add-language xx       # locales/xx/LC_MESSAGES/*.po from the templates, a draft

Every problem is printed as ``path:line: message``.
"""
