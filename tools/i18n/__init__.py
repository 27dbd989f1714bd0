"""Translator workflow for the textbook's gettext catalogs.

    python tools/i18n update [--langs en]   # extract .pot files, update .po files
    python tools/i18n status                # per file and language; non-zero if incomplete
    python tools/i18n check                 # markup, glossary and msgfmt checks, templates
    python tools/i18n lint                  # pofilter and dennis (the project's settings)
    python tools/i18n add-language xx       # scaffold locales/xx/LC_MESSAGES/*.po

Every problem is printed as ``path:line: message``.
"""
