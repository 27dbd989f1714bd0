"""Patches of upstream internals, kept together.

Each module names, in ``UPSTREAM``, the distribution and version it was written
against and, in ``FIX``, what upstream would have to fix for it to go.
``tests/test_upstream.py`` fails when the installed version differs: check the
patch against the new version, then update ``UPSTREAM`` (or delete the patch).
"""

from . import pybtex_parser, weasyprint_tags

PATCHES = (pybtex_parser, weasyprint_tags)


def setup_upstream(app) -> None:
    """Nothing to apply at setup: pybtex_parser patches pybtex when imported."""
