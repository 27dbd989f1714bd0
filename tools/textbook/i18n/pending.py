"""A source edit never blocks a translated edition: pending passages are published
in Indonesian, marked.

After an author changes a sentence its translation turns fuzzy (or a new one is
still empty). The edition is still built and published at once: each pending
passage is shown in the source language, marked ``lang="id"`` (class
``language-id``; a passage the source marks as another language, such as an
English quotation, keeps that mark) and followed by a visible note ("not yet translated"), and the
build prints every pending passage at its source ``file:line``. ``make po-status`` keeps
failing until a translator has resolved them.
"""

from __future__ import annotations

import sys

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..languages import SOURCE_LANGUAGE
from ..messages import MSGID_LANGUAGE, N_, gettext, has
from .langparts import node_lang

# Translators: after a passage still shown in Indonesian because its translation is pending
NOTE = N_("not yet translated")


def ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


class MarkPending(SphinxTransform):
    """After smart quotes (750: a language class there would ask for Indonesian quotes);
    Sphinx's Locale transform (20) marked what it left untranslated."""

    default_priority = 800

    def apply(self, **kwargs) -> None:
        lang = self.config.language
        if not lang or lang == SOURCE_LANGUAGE:
            return
        draft = getattr(self.config, "textbook_draft", False)
        pending = 0
        for node in list(self.document.findall(nodes.TextElement)):
            if node.get("translated") is not False or not node.astext().strip():
                continue
            text = " ".join(node.astext().split())
            # the language of the source text: an English quotation stays English
            source_lang = next(
                (node_lang(n) for n in [node, *ancestors(node)] if node_lang(n)), SOURCE_LANGUAGE
            )
            node["classes"] += [f"language-{source_lang}", "pending-translation"]
            note_lang = lang if has(NOTE, lang) else MSGID_LANGUAGE  # what the words are in
            node += nodes.inline(
                "", f" [{gettext(NOTE, lang)}]", classes=["pending-note", f"language-{note_lang}"]
            )
            pending += 1
            if not draft:
                print(
                    f"{node.source or self.env.doc2path(self.env.docname)}:{node.line or 0}: "
                    f"pending translation ({lang}), published in Indonesian and marked "
                    f"'not yet translated': {text[:60]!r} (make update-po, then translate)",
                    file=sys.stderr,
                )
        if draft and pending:  # a draft is mostly pending: one line per page
            print(
                f"{self.env.doc2path(self.env.docname)}: draft edition ({lang}): {pending} "
                "passage(s) shown in Indonesian, marked 'not yet translated'",
                file=sys.stderr,
            )


def setup_pending(app) -> None:
    app.add_transform(MarkPending)
