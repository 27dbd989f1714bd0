"""Names of the editions' languages, each written in its own language.

Light on purpose (no Sphinx import): textbook-build uses it for the landing page.
"""
from __future__ import annotations

import functools
import re

SOURCE_LANGUAGE = "id"
# The one language-code pattern, in its two spellings: an edition's and its
# catalogs' code (gettext: id, pt_BR) and a passage's tag ({lang=en}, BCP 47: pt-BR).
_LANGUAGE = r"[a-z]{2,3}"
CODE = re.compile(rf"{_LANGUAGE}(?:_[A-Z]{{2}})?")
TAG = re.compile(rf"{_LANGUAGE}(?:-[A-Za-z0-9]{{1,8}})*")
# The book's own choices; any other language is named by Babel (CLDR).
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
# Print settings of a language (not words): polyglossia's name, the title page's date.
# (Sphinx's %-d: the day without a leading zero)
PRINT = {"id": {"polyglossia": "bahasai", "date_format": "%-d %B %Y"},
         "en": {"polyglossia": "english", "date_format": "%B %-d, %Y"}}


def print_language(code: str) -> dict[str, str]:
    return dict(PRINT.get(code, {}))


@functools.cache
def language_name(code: str) -> str:
    """``code``'s name as its speakers write it at the start of a menu item."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover -- babel comes with Sphinx
        return code
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:] if name else code
