"""WeasyPrint: the tags its PDF/UA-1 structure tree leaves out.

WeasyPrint 70.0 (``pdf/tags.py``) tags headings, lists, tables and links, but drops
what the HTML says about them: ``lang`` on a passage (no ``/Lang``), ``scope`` on a
header cell (no ``/Scope``), a footnote (``role="doc-footnote"``: no ``/Note``) and a
link's text as its annotation's ``/Contents`` (PDF/UA-1 7.18.5). The structure tree
no longer knows which element made each node, so this is done where the nodes are
made: around ``_build_box_tree``, which sees the box and its HTML element.
"""

from __future__ import annotations

UPSTREAM = ("weasyprint", "70.0")
FIX = (
    "the PDF/UA tagging (upstream issue #2482) should write /Lang of a passage, /Scope "
    "of TH, /Note for footnotes and /Contents of link annotations"
)

SCOPES = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}
_links: list[str] = []  # the texts of the links being tagged, innermost last
_build_box_tree = None  # WeasyPrint's, once installed (imported only by the PDF build)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def build_box_tree(box, parent, pdf, page_number, nums, annotations, the_tags):
    import pydyf

    html = getattr(box, "element", None)
    own = html is not None and getattr(box, "element_tag", None) not in ("html", "body")
    opens = own and box.element_tag == "a" and box.link_annotation is not None
    if opens:
        _links.append(html.get("aria-label") or html.get("title") or _text(html))
    if own and box.link_annotation is not None:  # upstream: the target's name
        said = _links[-1] if _links else _text(html)  # a part of a link: the link's text
        box.link_annotation["Contents"] = pydyf.String(said)
    try:
        yield from _tag(box, parent, pdf, page_number, nums, annotations, the_tags, html, own)
    finally:
        if opens:
            _links.pop()


def _tag(box, parent, pdf, page_number, nums, annotations, the_tags, html, own):
    import pydyf

    for node in _build_box_tree(box, parent, pdf, page_number, nums, annotations, the_tags):
        if own and node["P"] == parent.reference:  # the box's own node
            if lang := html.get("lang"):
                node["Lang"] = pydyf.String(lang)
            if node["S"] == "/TH":
                node["A"]["Scope"] = SCOPES.get(html.get("scope", "col"), "/Column")
            notes = pdf.__dict__.setdefault("textbook_note_ids", set())
            if html.get("role") == "doc-footnote" and html.get("id") not in notes:
                notes.add(html.get("id"))  # an ID is unique: a note's first box
                node["S"], node["ID"] = "/Note", pydyf.String(html.get("id"))
        yield node


def setup_weasyprint_tags() -> None:
    """Install the wrapper (it calls itself through the module, so every level is seen)."""
    global _build_box_tree
    from weasyprint.pdf import tags

    if _build_box_tree is None:
        _build_box_tree, tags._build_box_tree = tags._build_box_tree, build_box_tree
