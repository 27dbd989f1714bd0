"""Course packs, the Sphinx side: the pack's generated root (``textbook_build/
coursepack.py`` writes it) is never translated; which chapters print is
``textbook_print_chapters`` (``layout.py``)."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform


class UntranslatedRootTitle(SphinxTransform):
    """A pack's generated root heading (``make_source``) is never printed (the LaTeX
    writer takes the root's title as the document's and skips it): no chapter catalog
    is asked for it (before Sphinx's Locale transform, 20), so no pending translation."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        if self.config.textbook_print_chapters and self.env.docname == self.config.root_doc:
            for title in self.document.findall(nodes.title):
                title["translatable"] = False
                break
