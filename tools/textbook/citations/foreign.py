"""Language of parts in the references: English names in an Indonesian entry.

A ``.bib`` entry lists its English phrases in the field ``lang-en``, separated by
``;`` (``lang-en = {Community Development; Indonesia Center for Sustainable
Development}``). Where the formatted entry prints a phrase, it is marked like a
term of the text (class ``lang-en``, i18n/langparts.py): HTML and EPUB ``lang``, the
PDF's English hyphenation. A phrase the entry does not print is a warning.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..i18n.langparts import LANG_TAG, lang_class

logger = logging.getLogger(__name__)
FIELD = re.compile(rf"^lang-({LANG_TAG.pattern})$")


def phrases(entry) -> list[tuple[str, str]]:
    """``(tag, phrase)`` of every ``lang-<tag>`` field of a pybtex entry."""
    found = []
    for name, value in entry.fields.items():
        match = FIELD.match(name.lower())
        if match:
            found += [
                (match.group(1), " ".join(p.split())) for p in str(value).split(";") if p.strip()
            ]
    return found


def _mark(paragraph: nodes.Element, tag: str, phrase: str, wrap: bool) -> bool:
    """Whether ``paragraph`` prints ``phrase``; marked as ``tag`` when ``wrap``."""
    for text in list(paragraph.findall(nodes.Text)):
        at = text.find(phrase)
        if at < 0 or any(tag == _lang(a) for a in _ancestors(text)):
            continue
        if wrap:
            before, after = str(text)[:at], str(text)[at + len(phrase) :]
            parent = text.parent
            index = parent.index(text)
            parent[index : index + 1] = [
                n
                for n in (
                    nodes.Text(before),
                    nodes.inline(phrase, phrase, classes=[lang_class(tag)]),
                    nodes.Text(after),
                )
                if not isinstance(n, nodes.Text) or str(n)
            ]
        return True
    return False


def _field_line(bibfiles, key: str, field: str) -> str | None:
    """``file:line`` of ``field`` in entry ``key`` of the first ``.bib`` file holding it."""
    for path in bibfiles:
        try:
            lines = open(path, encoding="utf-8").read().splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        start = next(
            (
                i
                for i, line in enumerate(lines)
                if re.match(rf"\s*@\w+\s*\{{\s*{re.escape(key)}\s*,", line)
            ),
            None,
        )
        if start is not None:
            at = next(
                (
                    i
                    for i in range(start, len(lines))
                    if re.match(rf"\s*{re.escape(field)}\s*=", lines[i], re.I)
                ),
                start,
            )
            return f"{path}:{at + 1}"
    return None


def _lang(node) -> str | None:
    classes = node.get("classes", []) if isinstance(node, nodes.Element) else []
    return next((c[len("lang-") :] for c in classes if c.startswith("lang-")), None)


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


class ForeignPhrases(SphinxPostTransform):
    default_priority = 6  # after sphinxcontrib-bibtex formats the entries (5)

    def run(self, **kwargs) -> None:
        if "cite" not in self.env.domains:  # a project without sphinxcontrib-bibtex
            return
        domain = self.env.get_domain("cite")
        ids = {citation.citation_id: citation for citation in domain.citations}
        for node in self.document.findall(nodes.citation):
            citation = next((ids[i] for i in node["ids"] if i in ids), None)
            if citation is None:
                continue
            for tag, phrase in phrases(citation.entry):
                wrap = tag != self.config.language  # an English edition needs no mark
                if not any(_mark(p, tag, phrase, wrap) for p in node.findall(nodes.paragraph)):
                    where = _field_line(domain.bibdata.bibfiles, citation.key, f"lang-{tag}")
                    logger.warning(
                        "%s: field 'lang-%s': %r is not in the entry as printed",
                        citation.key,
                        tag,
                        phrase,
                        location=where or node,
                        type="textbook",
                        subtype="bibliography",
                    )


def setup_foreign_phrases(app) -> None:
    app.add_post_transform(ForeignPhrases)
