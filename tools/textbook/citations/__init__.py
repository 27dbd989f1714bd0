"""Citations: localised pybtex styles and the bibliography check."""
from .check import setup_bibcheck
from .styles import setup_bibstyles


def setup_citations(app) -> None:
    setup_bibcheck(app)
    setup_bibstyles(app)
