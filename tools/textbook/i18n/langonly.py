"""The ``lang-only`` directive: content shown in one edition only.

Its paragraphs stay out of the gettext catalogs, so translators never see them.
In a translated edition's HTML build, a source-language passage is also kept,
invisible, for the parallel view (``parallel.py``), which shows it on its side.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..languages import SOURCE_LANGUAGE


class LangOnly(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        lang = self.arguments[0]
        if lang == (self.config.language or "en"):
            container = nodes.container(classes=["lang-only"])
        elif lang == SOURCE_LANGUAGE and getattr(self.env, "textbook_parallel", False):
            from .parallel import parallel_only

            container = parallel_only(lang=lang)
        else:
            return []
        self.set_source_info(container)
        self.state.nested_parse(self.content, self.content_offset, container)
        for node in container.findall(nodes.TextElement):
            node["translatable"] = False
        return [container]


def setup_langonly(app) -> None:
    app.add_directive("lang-only", LangOnly)
