"""Spare MyST-Parser a throwaway docutils document on every parse.

MyST-Parser 5.2.0's ``DocutilsRenderer.setup_render`` evaluates
``options.get("document", make_document())``, so every parse builds a docutils
document and its default settings even when the caller passes one. Sphinx
parses each translated message on its own: the English edition pays that
~190 times, about 0.2 CPU s of a 1.5 s bilingual build (``make bench``).
While a document is given, ``make_document`` is not called; nothing else
changes. Should MyST-Parser evaluate the default lazily, this does nothing.
"""
from __future__ import annotations

from myst_parser.mdit_to_docutils import base

UPSTREAM = ("myst-parser", "5.2.0")
FIX = "DocutilsRenderer.setup_render should build its default document only when none is given"

_upstream_setup_render = base.DocutilsRenderer.setup_render


def _unused_default(*args, **kwargs) -> None:
    return None


def setup_render(self, options, env) -> None:
    if "document" not in options:
        return _upstream_setup_render(self, options, env)
    make_document = base.make_document
    base.make_document = _unused_default
    try:
        return _upstream_setup_render(self, options, env)
    finally:
        base.make_document = make_document


def setup_myst_speed(app) -> None:
    base.DocutilsRenderer.setup_render = setup_render
