"""The website: page context, HTML translator, Indonesian search, theme, offline."""

from .backlinks import setup_backlinks
from .offline import setup_offline
from .search_id import setup_search_id
from .search_langs import setup_search_langs
from .site import setup_html_site


def setup_html(app) -> None:
    setup_html_site(app)
    setup_offline(app)
    setup_backlinks(app)
    setup_search_id(app)
    setup_search_langs(app)
