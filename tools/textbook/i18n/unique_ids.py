"""Document-unique ids after translation."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform


class UniqueIds(SphinxTransform):
    """Give every node a document-unique id after translation.

    ``Locale`` parses each msgstr in a fresh document whose id counter starts
    again at ``id1``: a translated citation can then share its id with a
    footnote reference (invalid HTML, broken back-links). Footnote references
    get their back-links later (docutils ``Footnotes``, priority 620), so the
    clashing footnote reference is the one renamed.
    """

    default_priority = 21  # right after sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:
        owner: dict[str, nodes.Element] = {}
        clashes: list[tuple[nodes.Element, str]] = []
        for node in self.document.findall(nodes.Element):
            for ident in node["ids"]:
                if ident in owner and owner[ident] is not node:
                    first = owner[ident]
                    victim = first if isinstance(first, nodes.footnote_reference) else node
                    if victim is first:
                        owner[ident] = node
                    clashes.append((victim, ident))
                else:
                    owner[ident] = node
        if not clashes:
            return
        self.document.ids.update(owner)
        for victim, ident in clashes:
            victim["ids"].remove(ident)
            new = self.document.set_id(victim)
            for footnote in self.document.findall(nodes.footnote):
                if ident in footnote["backrefs"] and victim.get("refid") in footnote["ids"]:
                    footnote["backrefs"][footnote["backrefs"].index(ident)] = new


def setup_unique_ids(app) -> None:
    app.add_transform(UniqueIds)
