"""Citations: localised pybtex styles, the bibliography check, the book's own citation,
English phrases of an entry."""

from .book import setup_book_citation
from .check import setup_bibcheck
from .foreign import setup_foreign_phrases
from .styles import setup_bibstyles


def setup_citations(app) -> None:
    setup_bibcheck(app)
    setup_bibstyles(app)
    setup_book_citation(app)
    setup_foreign_phrases(app)
