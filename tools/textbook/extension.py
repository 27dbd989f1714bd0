"""Wire the textbook's components into Sphinx (each package has its own setup)."""

from __future__ import annotations

from .citations import setup_citations
from .comparison import setup_comparison
from .config import setup_config
from .epub import setup_epub
from .glossary import setup_glossary
from .html import setup_html
from .i18n import setup_i18n
from .includes import setup_includes
from .input_check import setup_input_check
from .latex import setup_latex
from .messages import setup_messages
from .output_check import setup_output_check
from .upstream import setup_upstream


def setup_extension(app) -> dict:
    setup_config(app)
    setup_messages(app)
    setup_upstream(app)
    setup_input_check(app)
    setup_citations(app)
    setup_comparison(app)
    setup_glossary(app)
    setup_i18n(app)
    setup_includes(app)
    setup_latex(app)
    setup_epub(app)
    setup_html(app)
    setup_output_check(app)
    # env_version: what the environment keeps (html/search_langs.py: marked words)
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "version": "1.0",
        "env_version": 2,
    }
