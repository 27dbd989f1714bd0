"""The e-book: metadata, stylesheet, accessibility, reproducible zip."""

from .accessibility import setup_accessibility
from .metadata import setup_epub as setup_epub_metadata
from .reproducible import setup_reproducible


def setup_epub(app) -> None:
    setup_reproducible(app)
    setup_epub_metadata(app)
    setup_accessibility(app)
