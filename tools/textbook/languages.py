"""The editions' languages: their codes, and each one's profile in
``locales/languages.yaml`` (display name, polyglossia name, date format, quotation
marks, hunspell dictionaries), read and checked by :mod:`textbook.editions`.

Light on purpose (no Sphinx import): textbook-build uses it for the landing page.
"""

from __future__ import annotations

import functools
import re

from .messages import MSGID_LANGUAGE

SOURCE_LANGUAGE = "id"
# The one language-code pattern, in its two spellings: an edition's and its
# catalogs' code (gettext: id, pt_BR) and a passage's tag ({lang=en}, BCP 47: pt-BR).
_LANGUAGE = r"[a-z]{2,3}"
CODE = re.compile(rf"{_LANGUAGE}(?:_[A-Z]{{2}})?")
TAG = re.compile(rf"{_LANGUAGE}(?:-[A-Za-z0-9]{{1,8}})*")
DICTIONARY = re.compile(rf"{_LANGUAGE}_[A-Z]{{2}}")  # a hunspell dictionary: id_ID


@functools.cache
def profiles() -> dict:
    """``{code: Profile}`` of the declaration (``locales/languages.yaml``)."""
    from . import editions

    return dict(editions.load(editions.DECLARATION).profiles)


def profile(code: str | None):
    """``code``'s profile; None when it has none."""
    return profiles().get(code or "")


def print_language(code: str | None) -> dict[str, str]:
    """``code``'s polyglossia name and date format (unset: the msgid language's)."""
    found = {}
    for p in filter(None, (profile(MSGID_LANGUAGE), profile(code))):
        found.update({k: v for k in ("polyglossia", "date_format") if (v := getattr(p, k))})
    return found


@functools.cache
def language_name(code: str) -> str:
    """``code``'s name as its speakers write it at the start of a menu item."""
    if (p := profile(code)) and p.name:
        return p.name
    try:  # any other language is named by Babel (CLDR)
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover -- babel comes with Sphinx
        return code
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:] if name else code
