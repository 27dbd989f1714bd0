"""Citations: localised pybtex styles, the bibliography check, the book's own citation."""
from .book import setup_book_citation
from .check import setup_bibcheck
from .styles import setup_bibstyles


def setup_citations(app) -> None:
    setup_bibcheck(app)
    setup_bibstyles(app)
    setup_book_citation(app)
