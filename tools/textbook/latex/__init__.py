"""The print edition: layout, templates (texinputs/*.sty), course packs."""

from docutils import nodes
from sphinx.writers.latex import LaTeXTranslator

from .facing import setup_facing
from .layout import (
    PrintLayout,
    PrintUnlink,
    UntranslatedRootTitle,
    depart_attribution,
    depart_row,
    latex_config,
    visit_attribution,
)

__all__ = ["setup_latex"]


def setup_latex(app) -> None:
    setup_facing(app)
    app.add_transform(UntranslatedRootTitle)
    # course packs (textbook-build coursepack): the chapters to print; empty = all
    app.add_post_transform(PrintUnlink)
    app.connect("config-inited", latex_config, priority=600)
    app.add_latex_package("textbook", after_hyperref=True)
    app.add_post_transform(PrintLayout)
    app.add_node(nodes.attribution, override=True, latex=(visit_attribution, depart_attribution))
    app.add_node(nodes.row, override=True, latex=(LaTeXTranslator.visit_row, depart_row))
