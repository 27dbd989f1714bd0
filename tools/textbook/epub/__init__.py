"""The e-book: metadata, stylesheet, reproducible zip."""
from .metadata import setup_epub as setup_epub_metadata
from .reproducible import setup_reproducible


def setup_epub(app) -> None:
    setup_reproducible(app)
    setup_epub_metadata(app)
