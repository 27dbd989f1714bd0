"""pybtex's BibTeX parser, made to report where it fails.

pybtex 0.26.1's ``Parser.process_entry`` raises on the second of two entries
with one key, and its ``PybtexError`` for a bad field or name names no entry,
so the bibliography check (``citations/check.py``) could not say at which line.
This parser keeps the first of repeated keys (the check reports the repeats
with their lines) and tags an error with the key of the entry being read.
"""

from __future__ import annotations

from pybtex.database.input import bibtex
from pybtex.scanner import PybtexError

UPSTREAM = ("pybtex", "0.26.1")
FIX = (
    "pybtex's Parser should name the entry (key and line) of every error and report repeated keys"
)


class Parser(bibtex.Parser):
    def process_entry(self, entry_type, key, fields):
        if key not in self.data.entries:
            try:
                super().process_entry(entry_type, key, fields)
            except PybtexError as exc:
                exc.entry_key = key
                raise
