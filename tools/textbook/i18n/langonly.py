"""The ``lang-only`` directive: content shown in one edition only.

Its paragraphs stay out of the gettext catalogs, so translators never see them.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class LangOnly(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        if self.arguments[0] != (self.config.language or "en"):
            return []
        container = nodes.container(classes=["lang-only"])
        self.set_source_info(container)
        self.state.nested_parse(self.content, self.content_offset, container)
        for node in container.findall(nodes.TextElement):
            node["translatable"] = False
        return [container]


def setup_langonly(app) -> None:
    app.add_directive("lang-only", LangOnly)
