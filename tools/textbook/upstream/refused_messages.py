"""Withdraw refused translations from the catalogs Sphinx's Locale transform loads.

The build checks every catalog before reading (``i18n/catalog_check.py``); an
entry that breaks the translation rule is reported at ``file.po:line`` and must
never be parsed as MyST. Sphinx 9.0.4 has no hook between loading a catalog and
using it, so ``sphinx.transforms.i18n.init_locale`` (``sphinx.locale.init`` as the
Locale transform imports it) is wrapped to delete those msgids from the loaded
catalogs, their fallbacks included.
"""
from __future__ import annotations

import sphinx.transforms.i18n

UPSTREAM = ("Sphinx", "9.0.4")
FIX = "Sphinx should let an extension filter or veto a catalog's messages before Locale uses them"

REFUSED: set[str] = set()  # msgids whose translation broke the rule in this process
_init_locale = sphinx.transforms.i18n.init_locale


def _init_locale_without_refused(*args, **kwargs):
    catalog, has_catalog = _init_locale(*args, **kwargs)
    node = catalog
    while node is not None:
        for msgid in REFUSED & set(getattr(node, "_catalog", {}) or ()):
            del node._catalog[msgid]
        node = getattr(node, "_fallback", None)
    return catalog, has_catalog


def setup_refused_messages(app) -> None:
    sphinx.transforms.i18n.init_locale = _init_locale_without_refused
