"""Patches of upstream internals, kept together.

Each module names, in ``UPSTREAM``, the distribution and version it was written
against and, in ``FIX``, what upstream would have to fix for it to go.
``tests/test_upstream.py`` fails when the installed version differs: check the
patch against the new version, then update ``UPSTREAM`` (or delete the patch).
"""
from . import pybtex_parser, search_prune

PATCHES = (pybtex_parser, search_prune)


def setup_upstream(app) -> None:
    search_prune.setup_search_prune(app)
