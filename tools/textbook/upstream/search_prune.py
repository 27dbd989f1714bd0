"""An incremental build's search index equals a clean build's.

Sphinx 9.0.4's ``IndexBuilder.prune`` (sphinx/search/__init__.py) removes the
rewritten documents from each word's set of documents but keeps the word, and
``get_terms`` then writes it with an empty list: a word deleted from a chapter
stays in ``searchindex.js`` after an incremental build. Here words left without
a document are dropped. Upstream would have to drop them in ``prune``.
"""
from __future__ import annotations

from sphinx.search import IndexBuilder

UPSTREAM = ("Sphinx", "9.0.4")
FIX = "Sphinx's IndexBuilder.prune should drop the words left without a document"

_upstream_prune = IndexBuilder.prune


def prune(self, docnames) -> None:
    _upstream_prune(self, docnames)
    for mapping in (self._mapping, self._title_mapping):
        for word in [word for word, found in mapping.items() if not found]:
            del mapping[word]


def setup_search_prune(app) -> None:
    IndexBuilder.prune = prune
