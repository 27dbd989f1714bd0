"""Let translations change a citation's page text, and nothing else.

``{cite:t}`adi2003{h. 54}``` becomes ``{cite:t}`adi2003{p. 54}``` in English, which
Sphinx reports as ``i18n.inconsistent_references``. This filter drops that
warning only when the two reference lists are equal once the ``{...}`` pre- and
post-text of citation roles is removed; every other inconsistency (a dropped
key, footnote or cross-reference) still fails the strict build.
"""
from __future__ import annotations

import ast
import logging
import re

from sphinx.util.logging import NAMESPACE, WarningStreamHandler

UPSTREAM = ("Sphinx", "9.0.4")  # the wording of the warning this reads
FIX = "Sphinx's i18n.inconsistent_references should let a citation's page text ({h. 54}) change"
LISTS_RE = re.compile(r"original: (?P<old>\[.*\]), translated: (?P<new>\[.*\])$", re.S)
CITE_RE = re.compile(r"(:cite(?::[a-z]+)?:|\{cite(?::[a-z]+)?\})`(?P<body>[^`]*)`")


def _normalise(rawsource: str) -> str:
    return CITE_RE.sub(lambda m: m.group(1) + "`" + re.sub(r"\{[^{}]*\}", "", m.group("body"))
                       .replace(" ", "") + "`", rawsource)


def only_citation_text_changed(message: str) -> bool:
    match = LISTS_RE.search(message)
    if not match:
        return False
    try:
        old, new = ast.literal_eval(match.group("old")), ast.literal_eval(match.group("new"))
    except (ValueError, SyntaxError):
        return False
    if not all(isinstance(r, str) and CITE_RE.search(r) for r in [*old, *new]):
        return False
    return sorted(map(_normalise, old)) == sorted(map(_normalise, new)) and old != new


class CitationTextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if (getattr(record, "type", None), getattr(record, "subtype", None)) != \
                ("i18n", "inconsistent_references"):
            return True
        return not only_citation_text_changed(record.getMessage())


def setup_i18nrefs(app) -> None:
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler) and not any(
                isinstance(f, CitationTextFilter) for f in handler.filters):
            handler.filters.insert(0, CitationTextFilter())
