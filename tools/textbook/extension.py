"""Wire the textbook's components into Sphinx."""
from __future__ import annotations

from .bibcheck import setup_bibcheck
from .bibstyles import setup_bibstyles
from .comparison import setup_comparison
from .epub import setup_epub
from .html_site import setup_html_site
from .i18nrefs import setup_i18nrefs
from .langonly import setup_langonly
from .latex import setup_latex
from .myst_speed import setup_myst_speed
from .parallel import setup_parallel
from .pocheck import setup_pocheck
from .reproducible import setup_reproducible
from .search_id import setup_search_id


def setup_extension(app) -> dict:
    setup_bibcheck(app)
    setup_pocheck(app)
    setup_reproducible(app)
    setup_myst_speed(app)
    setup_bibstyles(app)
    setup_comparison(app)
    setup_langonly(app)
    setup_i18nrefs(app)
    setup_latex(app)
    setup_epub(app)
    setup_html_site(app)
    setup_parallel(app)
    setup_search_id(app)
    return {"parallel_read_safe": False, "parallel_write_safe": True, "version": "1.0"}
