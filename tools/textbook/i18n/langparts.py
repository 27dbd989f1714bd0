"""Language of parts: a term or passage in another language than the page's.

Authors mark it with a class of MyST's attribute syntax (``attrs_inline``,
``attrs_block``), as MyST supports it: a span (``[*community development*]{.lang-en}``,
``[term]{.lang-en}``) or a block (``{.lang-en}`` on the line before a quotation).
Every output reads the class ``lang-<tag>``: HTML ``lang``, EPUB ``lang`` and
``xml:lang``, LaTeX polyglossia's language (hyphenation patterns), the search index.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..languages import TAG

# a BCP 47 tag as the book uses them: language, optional subtags ("en", "en-GB")
LANG_TAG = TAG  # (languages.py)
CLASS_PREFIX = "lang-"
LANG_CLASS = re.compile(rf"^{CLASS_PREFIX}({LANG_TAG.pattern})$")
OTHER_CLASSES = {"lang-only"}  # the lang-only directive's container (langonly.py)
MARK = re.compile(r"\[([^\[\]]*)\]\{\.lang-[^{}\s]*\}")

logger = logging.getLogger(__name__)


def lang_class(tag: str) -> str:
    return CLASS_PREFIX + tag


def node_lang(node) -> str | None:
    """The language a doctree node is marked with (class ``lang-<tag>``), if any."""
    for cls in node.get("classes", []) if hasattr(node, "get") else []:
        match = LANG_CLASS.match(cls)
        if match:
            return match.group(1)
    return None


def without_lang_marks(text: str) -> str:
    """``text`` without its language marks: ``[*x*]{.lang-en}`` → ``*x*``."""
    return MARK.sub(r"\1", text)


class MalformedMarks(SphinxTransform):
    """A ``lang-…`` class that names no language tag is a warning at its line."""

    default_priority = 700

    def apply(self) -> None:
        for node in self.document.findall(nodes.Element):
            for cls in node.get("classes", []):
                if (
                    cls.startswith(CLASS_PREFIX)
                    and not LANG_CLASS.match(cls)
                    and cls not in OTHER_CLASSES
                ):
                    logger.warning(
                        "invalid language mark %r (a language tag such as "
                        "'lang-en' or 'lang-en-GB')",
                        "." + cls,
                        location=node,
                    )


def setup_langparts(app) -> None:
    app.add_transform(MalformedMarks)
