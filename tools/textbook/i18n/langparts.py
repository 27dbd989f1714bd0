"""Language of parts: a term or passage in another language than the page's.

Authors mark it with the ``lang`` attribute of MyST's attribute syntax, on
emphasis (``*community development*{lang=en}``), a span (``[term]{lang=en}``) or a
block (``{lang=en}`` on the line before a quotation). In the doctree it becomes
the class ``lang-<tag>``, which every output reads: HTML ``lang``, EPUB ``lang``
and ``xml:lang``, LaTeX polyglossia's language (hyphenation patterns).

MyST-Parser's ``attrs_inline`` takes no attributes after emphasis (mdit-py-plugins
resolves emphasis only after its inline rules ran) and its renderer keeps only
``class`` and ``id``: :func:`emphasis_attrs` and ``upstream/myst_lang.py`` add both.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.attrs.parse import ParseError, parse

from ..languages import TAG

# a BCP 47 tag as the book uses them: language, optional subtags ("en", "en-GB")
LANG_TAG = TAG  # (languages.py)
CLASS_PREFIX = "lang-"
LANG_CLASS = re.compile(rf"^{CLASS_PREFIX}({LANG_TAG.pattern})$")
EMPHASIS_CLOSE = ("em_close", "strong_close")


def lang_class(tag: str) -> str:
    return CLASS_PREFIX + tag


def node_lang(node) -> str | None:
    """The language a doctree node is marked with (class ``lang-<tag>``), if any."""
    for cls in node.get("classes", []) if hasattr(node, "get") else []:
        match = LANG_CLASS.match(cls)
        if match:
            return match.group(1)
    return None


def _emphasis_attrs(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        for index, token in enumerate(children[:-1]):
            after = children[index + 1]
            if token.type not in EMPHASIS_CLOSE or after.type != "text" \
                    or not after.content.startswith("{"):
                continue
            try:
                end, attrs = parse(after.content)
            except ParseError:
                continue
            opening = next(t for t in reversed(children[:index])
                           if t.type == token.type.replace("_close", "_open")
                           and t.level == token.level)
            for key, value in attrs.items():
                opening.attrSet(key, value)
            after.content = after.content[end + 1:]
        block.children = [t for t in children if t.type != "text" or t.content]


def emphasis_attrs(md: MarkdownIt) -> None:
    """``*text*{key=value}``: the attributes go on the emphasis (as on a span).

    Runs before ``text_join``, so an escaped ``\\{`` stays text."""
    md.core.ruler.after("inline", "emphasis_attrs", _emphasis_attrs)


def without_lang_marks(text: str) -> str:
    """``text`` without its language marks: ``*x*{lang=en}`` → ``*x*``, ``[x]{lang=en}`` → ``x``."""
    text = re.sub(r"(?<=\*)\{lang=[^{}\s]*\}", "", text)
    return re.sub(r"\[([^\[\]]*)\]\{lang=[^{}\s]*\}", r"\1", text)
