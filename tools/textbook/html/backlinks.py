"""The references page links each entry back to where it is cited (sphinxcontrib-bibtex
links back only within one document; the book cites from its chapters). The first
citation of a work in a page gets the id ``cited-<key>``, the same in every edition."""

from __future__ import annotations

from docutils import nodes


def _cited_id(key: str) -> str:
    return nodes.make_id(f"cited-{key}")


def add_backlinks(app, doctree, docname: str) -> None:
    if app.builder.format != "html" or "sphinxcontrib.bibtex" not in app.extensions:
        return
    domain = app.env.get_domain("cite")
    keys = {c.citation_id: c.key for c in domain.citations}
    # on a citing page: an address for the first citation of each work
    seen: set[str] = set()
    for span in doctree.findall(nodes.inline):
        if "bibtex-citation" not in span["classes"]:
            continue
        for ref in span.findall(nodes.reference):
            key = keys.get(ref.get("refuri", ref.get("refid", "")).rsplit("#", 1)[-1])
            if key and key not in seen:
                seen.add(key)
                span["ids"].insert(0, _cited_id(key))
    # on the references page: each entry links back to the pages citing it, in book order
    entries = {
        c.citation_id: c.key for c in domain.citations if c.bibliography_key.docname == docname
    }
    if not entries:
        return
    from .site import ui

    label = ui(app.config.language)["cited_in"]
    order = {doc: n for n, doc in enumerate(app.env.toctree_includes.get(app.config.root_doc, []))}
    for citation in doctree.findall(nodes.citation):
        key = next((entries[i] for i in citation["ids"] if i in entries), None)
        docs = sorted(
            {ref.docname for ref in domain.citation_refs if key in {t.key for t in ref.targets}},
            key=lambda doc: (order.get(doc, len(order)), doc),
        )
        if key is None or not docs:
            continue
        para = nodes.paragraph(classes=["cited-in"])
        para += nodes.Text(f"{label} ")
        for n, doc in enumerate(docs):
            if n:
                para += nodes.Text(" · ")
            title = app.env.titles[doc].astext() if doc in app.env.titles else doc
            para += nodes.reference(
                "",
                title,
                internal=True,
                refuri=f"{app.builder.get_relative_uri(docname, doc)}#{_cited_id(key)}",
            )
        citation += para


def setup_backlinks(app) -> None:
    app.connect("doctree-resolved", add_backlinks)
