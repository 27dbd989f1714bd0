"""MyST-Parser: attributes after emphasis, and the ``lang`` attribute kept.

MyST-Parser 5.2.0 enables mdit-py-plugins' inline attributes only after images,
code, links and spans (``*term*{lang=en}`` stays literal text), and its renderer
copies only ``class`` and ``id`` (a span's or a block's ``lang`` is dropped).
Here the Sphinx parser also uses :func:`textbook.i18n.langparts.emphasis_attrs`,
and ``lang`` becomes the class ``lang-<tag>`` wherever attributes are copied and
on emphasis; any other attribute on emphasis, or a malformed tag, is a warning.
"""
from __future__ import annotations

from myst_parser.mdit_to_docutils import base
from myst_parser.parsers import sphinx_
from myst_parser.warnings_ import MystWarnings

from ..i18n.langparts import LANG_TAG, emphasis_attrs, lang_class

UPSTREAM = ("myst-parser", "5.2.0")
FIX = ("attrs_inline should accept attributes after emphasis, and the renderer should carry "
       "the lang attribute (HTML lang, LaTeX language) of emphasis, spans and blocks")

_create_md_parser = sphinx_.create_md_parser
_copy_attributes = base.DocutilsRenderer.copy_attributes
_render = {name: getattr(base.DocutilsRenderer, name) for name in ("render_em", "render_strong")}


def create_md_parser(config, renderer):
    md = _create_md_parser(config, renderer)
    if "attrs_inline" in config.enable_extensions:
        md.use(emphasis_attrs)
    return md


def copy_attributes(self, token, node, keys=("class",), **kwargs) -> None:
    _copy_attributes(self, token, node, keys, **kwargs)
    if "lang" not in token.attrs:
        return
    tag = str(token.attrs["lang"])
    if LANG_TAG.fullmatch(tag):
        node["classes"].append(lang_class(tag))
    else:
        self.create_warning(f"Invalid 'lang' attribute value: {tag!r} (a language tag such "
                            "as 'en' or 'en-GB')", MystWarnings.INVALID_ATTRIBUTE,
                            line=base.token_line(token, default=0), append_to=node)


def _with_lang(name: str):
    upstream = _render[name]

    def render(self, token) -> None:
        upstream(self, token)
        node = self.current_node.children[-1]  # the emphasis just rendered
        copy_attributes(self, token, node, keys=())
        other = sorted(k for k in token.attrs if k != "lang")
        if other:
            self.create_warning(f"emphasis takes only the 'lang' attribute, not {other}",
                                MystWarnings.INVALID_ATTRIBUTE,
                                line=base.token_line(token, default=0), append_to=node)
    return render


def setup_myst_lang(app) -> None:
    sphinx_.create_md_parser = create_md_parser
    base.DocutilsRenderer.copy_attributes = copy_attributes
    for name in _render:
        setattr(base.DocutilsRenderer, name, _with_lang(name))
