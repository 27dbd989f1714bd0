"""The website: page context, HTML translator, Indonesian search, theme."""
from .search_id import setup_search_id
from .site import setup_html_site


def setup_html(app) -> None:
    setup_html_site(app)
    setup_search_id(app)
