"""Print edition: title and licence pages, references chapter, cards, wide tables.

Everything language-dependent is chosen in ``config-inited`` from
``config.language``, so one ``conf.py`` serves every edition (``-D language=xx``).
The doctree changes below only run for the LaTeX builder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from ..config import preview_reason
from ..i18n.langparts import node_lang
from ..i18n.quotes import educate
from ..languages import SOURCE_LANGUAGE, print_language, profile, profiles
from ..messages import MSGID_LANGUAGE, N_, gettext

# Front-matter words: English msgids (translations: locales/<lang>/LC_MESSAGES/textbook.po)
WORDS = {
    # Translators: after the title on the title page ("Edition 1.0")
    "edition": N_("Edition"),
    "references": N_("References"),
    "licence": N_(
        "What the book’s team wrote (the translation, the editorial notes, the "
        "arrangement of the comparison data and the introductory text) is licensed "
        "under the Creative Commons Attribution-ShareAlike 4.0 International licence "
        "(CC BY-SA 4.0). You are free to copy, redistribute and adapt it, also "
        "commercially, as long as you give attribution and share adaptations under "
        "the same licence. The reproduced article is not covered by this licence: "
        "its rights stay with its author."
    ),
    # Translators: the credit of the reproduced article (title and licence pages)
    "source": N_(
        "Source: the book reproduces an Indonesian article on empowerment, community "
        "development and community intervention, received as plain text copied from "
        "a blog page. The article’s title, its author, its date and its original "
        "address are not recorded in that material."
    ),
    # Translators: on the title and citation pages of a build without the book's
    # public address (a preview)
    "preview": N_(
        "Preview, not a published edition: this copy was made without the "
        "book’s public address, so its links and citation are not permanent."
    ),
    # Translators: the title page between two editions; keep {version} and {commit}
    "prerelease": N_("pre-release of {version} (commit {commit})"),
    # Translators: a course pack's title page: the book's edition the pack was made for
    "made_for": N_("Made for edition {version}"),
    # Translators: printed in every edition but the Indonesian one
    "translation": N_(
        "This edition is a translation from Indonesian by the book’s team. "
        "The Indonesian edition is the original."
    ),
    # Translators: the licence deed in your language, if Creative Commons has one
    "licence_url": N_("https://creativecommons.org/licenses/by-sa/4.0/"),
    # Translators: heading of a course pack's part in this language
    "part": N_("English Edition"),
    # Translators: a course pack's title page, once per language of the pack; keep
    # {title}, {author} and {edition} (the book's title, its author, "Edition 1.0")
    "attribution": N_(
        "This pack reproduces chapters of {title} by {author}, {edition}, "
        "with the book’s licence and source statement."
    ),
    "preface": N_("Preface"),
    "contents": N_("Contents"),
}


def words(lang: str | None) -> dict[str, str]:
    """The print words in ``lang`` as LaTeX, its polyglossia name and date format."""
    lang = lang or MSGID_LANGUAGE
    texescape.init()
    found = {key: texescape.escape(gettext(msgid, lang)) for key, msgid in WORDS.items()}
    found["licence_url"] = _url(gettext(WORDS["licence_url"], lang))
    found["attribution"] = gettext(WORDS["attribution"], lang)
    return {**print_language(lang), **found}


def credits(lang: str | None, sep: str = r"\par\noindent ") -> str:
    """After the licence: the article's credit and, in a translation, that it is one (LaTeX)."""
    w = words(lang)
    keys = ("source",) + (("translation",) if (lang or MSGID_LANGUAGE) != SOURCE_LANGUAGE else ())
    return sep.join(w[k] for k in keys)


PLACEHOLDER = re.compile(r"\{(title|author|edition)\}")


def attribution(lang: str, **latex: str) -> str:
    """The pack's attribution line in ``lang``: the catalog's text escaped, its
    placeholders filled with ``latex`` (title set in italics). A translation that
    lost or added a placeholder gives the English line."""
    text = words(lang)["attribution"]
    if sorted(PLACEHOLDER.findall(text)) != sorted(latex):
        text = WORDS["attribution"]
    pieces = PLACEHOLDER.split(text)
    latex = dict(latex, title=r"\textit{%s}" % latex["title"])
    return "".join(
        texescape.escape(piece) if i % 2 == 0 else latex[piece] for i, piece in enumerate(pieces)
    )


def translated_project(app, config, lang: str) -> str:
    """The book title in ``lang``, from the front page's catalog (``index.po``)."""
    if lang == "id":
        return config.project
    for locale_dir in config.locale_dirs:
        po = Path(app.srcdir, locale_dir) / lang / "LC_MESSAGES" / "index.po"
        if po.is_file():
            import polib

            for entry in polib.pofile(str(po)):
                if entry.msgid == config.project and entry.msgstr and not entry.fuzzy:
                    return entry.msgstr
    return config.project


def _url(text: str) -> str:
    """``text`` safe inside ``\\url{}`` (a translated address is untrusted)."""
    return text if re.fullmatch(r"https://[A-Za-z0-9./_~-]+", text) else WORDS["licence_url"]


def _pdf_text(text: str) -> str:
    """``text`` escaped for a PDF string (Sphinx's hyphen macro would vanish there)."""
    return texescape.escape(text).replace(r"\sphinxhyphen{}", "-")


SITE_URL = re.compile(r"https?://[A-Za-z0-9.:/_~-]+/")


ADDRESS = r"\medskip\qrcode[height=2cm]{%s}\\ \url{%s}"  # volume.py: one per language
# pack title length -> its size and that of the course lines and the book's title
PACK_TITLE_SIZES = ((60, r"\Huge\Large"), (120, r"\LARGE\large"), (10**6, r"\Large\normalsize"))
LONG_WORD, BREAK = re.compile(r"\S{21,}"), "\ue000"


def pack_context(path: str, site_url: str, lang: str, attribution_line: str) -> dict:
    """A course pack's own lines for its title page (teachers' text, escaped), the
    attribution line (``\\textbookattributions``: every language's in a bilingual pack)
    and the online edition's address, with a QR code, when the site has a public URL."""
    import json

    fields = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    # a long unbroken word (a URL, a code) may break every 10 characters, no hyphen
    shown = {
        k: texescape.escape(
            LONG_WORD.sub(lambda m: BREAK.join(re.findall(".{1,10}", m[0])), educate(v, lang))
        ).replace(BREAK, r"\allowbreak{}")
        for k, v in fields.items()
    }
    lines = [shown[k] for k in ("course", "institution", "lecturer", "term") if fields.get(k)]
    if fields.get("edition"):
        lines.append(
            texescape.escape(gettext(WORDS["made_for"], lang).format(version=fields["edition"]))
        )
    url = f"{site_url}{lang}/"
    public = SITE_URL.fullmatch(url) and not re.match(r"https?://(localhost|127\.)", url)
    title = fields.get("title", "")
    return {
        "attribution": attribution_line,
        "title": shown.get("title", "") if title else "",
        # the PDF's title (window, XMP): the pack's, not the book's
        "pdf_title": texescape.escape(educate(title, lang)) if title else "",
        # a long title a size or two smaller, the other lines still smaller than it
        "sizes": next(s for limit, s in PACK_TITLE_SIZES if len(title) <= limit),
        "lines": lines,
        "addresses": [url] if public else [],
    }


TEMPLATES = Path(__file__).with_name("templates")
TEXINPUTS = Path(__file__).with_name("texinputs")
HANDOUT_MARK = "\\newcommand\\textbookhandout{}"  # (textbook_build/volume.py looks for it)


def prerelease_labels(config, lang: str) -> dict[str, str]:
    """Edition word -> the pre-release words in its language, for every language the
    title page or running heads may show (a course pack switches ``\\releasename``)."""
    labels = {}
    for other in dict.fromkeys([lang, *config.textbook_languages]):
        word = words(other)["edition"]
        if re.fullmatch(r"[^\\{}#%&~^$_\s]+", word):  # (a csname)
            labels.setdefault(
                word,
                texescape.escape(
                    gettext(WORDS["prerelease"], other).format(
                        version=config.version, commit=config.textbook_prerelease
                    )
                ),
            )
    return labels


def preamble(config, lang: str, pack_line: str = "") -> str:
    """The edition's words and settings (``templates/textbook-preamble.tex.jinja``)."""
    from sphinx.util.template import LaTeXRenderer

    w = words(lang)
    status = (
        [
            texescape.escape(
                gettext(WORDS["prerelease"], lang).format(
                    version=config.version, commit=config.textbook_prerelease
                )
            )
        ]
        if config.textbook_prerelease
        else []
    )
    if preview_reason(config.textbook_site_url, config.textbook_public_url):
        status.append(w["preview"])
    pack = (
        pack_context(config.textbook_pack_title_page, config.textbook_site_url, lang, pack_line)
        if pack_line
        else None
    )
    # the edition in the XMP (xmpMM:VersionID): "1.0", or "1.0-pre+abc1234" between tags
    version = config.release + (
        f"-pre+{config.textbook_prerelease}" if config.textbook_prerelease else ""
    )
    return LaTeXRenderer([str(TEMPLATES)]).render(
        "textbook-preamble.tex.jinja",
        {
            "lang": lang,
            "w": w,
            "other_languages": [p.polyglossia for p in profiles().values() if p.polyglossia],
            "copyright": texescape.escape(config.copyright),
            "rights": _pdf_text(config.copyright),
            "version": _pdf_text(version),
            "credits": credits(lang),
            "status": status,
            "prerelease_labels": (
                prerelease_labels(config, lang) if config.textbook_prerelease else {}
            ),
            "pack": pack,
            "address": lambda url: ADDRESS % (url, url),
            "handout_mark": HANDOUT_MARK if config.textbook_handout else "",
        },
    )


def latex_config(app, config) -> None:
    lang = config.language or "en"
    w = words(lang)
    # Sphinx puts these in \title{} and \author{} as LaTeX: a translated title is text
    texescape.init()  # (the LaTeX builder fills its maps only later)
    title = texescape.escape(translated_project(app, config, lang), config.latex_engine)
    author = texescape.escape(config.author, config.latex_engine)
    basename = config.textbook_download_basename or "book"
    config.latex_documents = [(config.root_doc, f"{basename}.tex", title, author, "manual")]
    elements = dict(config.latex_elements)
    elements.setdefault("releasename", w["edition"])
    if not config.today and not config.today_fmt:
        config.today_fmt = w["date_format"]  # the title page's date
    elements.setdefault(
        "maketitle", r"\textbookhandouttitle" if config.textbook_handout else r"\textbookmaketitle"
    )
    elements.setdefault("tableofcontents", r"\textbookcontents{%s}" % w["preface"])
    line = ""
    if config.textbook_print_chapters:  # a course pack
        line = attribution(
            lang,
            title=title,
            author=author,
            edition=f"{w['edition']} {texescape.escape(config.release)}",
        )
    elements["preamble"] = elements.get("preamble", "") + preamble(config, lang, line)
    if config.textbook_prerelease:  # after the title, every page's running head says so
        elements["maketitle"] += (
            r"\makeatletter\renewcommand\py@release{"
            r"\textbookprerelease{\releasename}}\makeatother"
        )
    config.latex_elements = elements
    # relative to the configuration folder: an absolute path would enter the
    # config hash in .buildinfo and differ between copies of the project
    templates = os.path.relpath(TEMPLATES, app.confdir)
    if templates not in config.templates_path:
        config.templates_path = [*config.templates_path, templates]
    styles = [os.path.relpath(sty, app.confdir) for sty in sorted(TEXINPUTS.glob("*.sty"))]
    config.latex_additional_files = [
        *config.latex_additional_files,
        *(s for s in styles if s not in config.latex_additional_files),
    ]


class PrintLayout(SphinxPostTransform):
    """Reshape web-only structures for print (runs on the assembled book)."""

    builders = ("latex",)
    default_priority = 6  # after sphinxcontrib-bibtex (5), before references (10)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            # Every table may break across pages, with its header repeated.
            if (
                "longtable" not in table["classes"]
                and "textbook-facing-row" not in table["classes"]
            ):  # (a facing volume's rows: facing.py)
                table["classes"].append("longtable")
            setup = r"\begingroup\textbooktablesize\setlength\tabcolsep{3pt}\textbookraggedcolumns"
            if "model-comparison" in table["classes"]:
                # The directive's column widths, the first at least as wide as its header
                table["classes"].append("colwidths-given")
                widths = [c["colwidth"] for c in table.findall(nodes.colspec)]
                setup += r"\textbookfirstcolumn{%s}{%d}{%d}" % (
                    texescape.escape(first_header(table)),
                    widths[0],
                    sum(widths),
                )
                table.parent.insert(
                    table.parent.index(table),
                    addnodes.tabular_col_spec(
                        spec=r"\textbookN"
                        + "".join(r"\textbookX{%d}{%d}" % (w, sum(widths[1:])) for w in widths[1:])
                    ),
                )
            # Smaller type, less padding, ragged cells: wide tables fit A4.
            table.parent.insert(
                table.parent.index(table), nodes.raw("", setup, format="latex", tb_opens=True)
            )
            table.parent.insert(
                table.parent.index(table) + 1, nodes.raw("", r"\endgroup", format="latex")
            )
        for grid in list(self.document.findall(_is_grid)):
            if any(_is_grid(a) for a in _ancestors(grid)):
                continue
            cards = [self.card(c) for c in grid.findall(_is_card)]
            grid.replace_self(nodes.container("", *cards, classes=["textbook-cards"]))
        self.main_matter()
        self.drop_unchosen_chapters()
        self.references_chapter()
        self.appendices()
        self.foreign_passages()

    def main_matter(self) -> None:
        """Arabic folios from the first chapter on, which opens a right-hand page."""
        first = next(iter(self.document.findall(addnodes.start_of_file)), None)
        if first is not None and not self.config.textbook_print_chapters:
            first.parent.insert(
                first.parent.index(first),
                nodes.raw("", r"\cleardoublepage\pagenumbering{arabic}", format="latex"),
            )

    def drop_unchosen_chapters(self) -> None:
        """Course packs: only ``textbook_print_chapters`` (and the references) are printed.

        The other chapters are read, so references to them resolve to their
        titles; :class:`PrintUnlink` then prints those references as plain text.
        """
        chosen = set(self.config.textbook_print_chapters)
        if not chosen:
            return
        for sof in list(self.document.findall(addnodes.start_of_file)):
            keep = sof["docname"] in chosen or any(True for _ in sof.findall(_is_bibliography))
            if not keep:
                sof.parent.remove(sof)

    def foreign_passages(self) -> None:
        """Passages and terms marked ``lang=xx`` (i18n/langparts.py) are hyphenated as xx."""
        for node in list(self.document.findall(nodes.Element)):
            lang = node_lang(node)
            poly = getattr(profile(lang), "polyglossia", None) if lang else None
            if not poly or node.parent is None or lang == self.config.language:
                continue
            if not isinstance(node, nodes.Inline):
                begin, end = r"\begin{otherlanguage}{%s}" % poly, r"\end{otherlanguage}"
            elif any(isinstance(a, nodes.title) for a in _ancestors(node)):
                continue  # a heading is not hyphenated, and bookmarks take no commands
            else:
                begin, end = r"\foreignlanguage{%s}{" % poly, "}"
            node.parent.insert(
                node.parent.index(node), nodes.raw("", begin, format="latex", tb_opens=True)
            )
            node.parent.insert(node.parent.index(node) + 1, nodes.raw("", end, format="latex"))

    def appendices(self) -> None:
        """Chapters listed by an unnumbered toctree of the root document are appendices."""
        env = self.env
        root = env.get_doctree(self.config.root_doc)
        back = {
            docname
            for toctree in root.findall(addnodes.toctree)
            if not toctree.get("numbered")
            for _, docname in toctree["entries"]
        }
        for sof in self.document.findall(addnodes.start_of_file):
            if sof["docname"] in back and any(isinstance(n, nodes.section) for n in sof.children):
                sof.parent.insert(
                    sof.parent.index(sof), nodes.raw("", r"\appendix", format="latex")
                )
                break

    def card(self, card: nodes.Element) -> nodes.Element:
        title_node = next(
            card.findall(
                lambda n: isinstance(n, nodes.Element) and "sd-card-title" in n["classes"]
            ),
            None,
        )
        title = title_node.astext().strip() if title_node else ""
        xref = next(card.findall(addnodes.pending_xref), None)
        body = [
            p.deepcopy()
            for p in card.findall(nodes.paragraph)
            if not (title_node and title_node in _ancestors(p))
            and xref not in p.findall(addnodes.pending_xref)
        ]
        head = nodes.paragraph()
        if xref is not None and xref["reftype"] == "doc":
            docname = _resolve_doc(xref)
            label = r"\detokenize{%s::doc}" % docname
            head += nodes.raw(
                "",
                r"\textbf{\hyperref[%s]{\chaptername~\ref*{%s}. " % (label, label),
                format="latex",
            )
            head += nodes.Text(title)
            head += nodes.raw("", r"}}\hfill\pageref{%s}" % label, format="latex")
        else:
            head += nodes.strong(title, title)
        return nodes.container("", head, *body, classes=["textbook-card"])

    def references_chapter(self) -> None:
        """The chapter holding the bibliography becomes Sphinx's final \\bibname chapter."""
        # (inline_all_toctrees does not set .parent on a file's sections)
        for sof in list(self.document.findall(addnodes.start_of_file)):
            for section in [n for n in sof.children if isinstance(n, nodes.section)]:
                if any(True for _ in section.findall(_is_bibliography)):
                    self.drop_chapter(sof, section)
        # Sphinx cuts the widest label to 8 characters: "[Budimanta 2003]" overran the indent
        labels = [
            c[0].astext()
            for c in self.document.findall(nodes.citation)
            if len(c) and isinstance(c[0], nodes.label)
        ]
        if labels:
            self.document.insert(
                0,
                nodes.raw(
                    "",
                    r"\gdef\textbookwidestlabel{%s}" % (texescape.escape(max(labels, key=len))),
                    format="latex",
                ),
            )

    @staticmethod
    def drop_chapter(sof: nodes.Element, section: nodes.section) -> None:
        doc = sof["docname"]
        labels = "".join(r"\label{\detokenize{%s:%s}}" % (doc, i) for i in section["ids"])
        labels += r"\label{\detokenize{%s::doc}}" % doc
        keep = [n for n in section.children if not isinstance(n, (nodes.title, nodes.paragraph))]
        index = sof.index(section)
        sof[index : index + 1] = [
            nodes.raw("", r"\gdef\textbookbiblabels{%s}" % labels, format="latex"),
            *keep,
        ]


def first_header(table: nodes.table) -> str:
    """The text of a table's first header cell."""
    entry = next(iter(next(iter(table.findall(nodes.thead)), table).findall(nodes.entry)), None)
    return entry.astext() if entry is not None else ""


def _resolve_doc(xref) -> str:
    from sphinx.util import docname_join

    target = xref["reftarget"]
    return target.lstrip("/") if target.startswith("/") else docname_join(xref["refdoc"], target)


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _is_grid(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "sd-container-fluid" in node["classes"]


def _is_card(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "sd-card" in node["classes"]


def _is_raw_latex(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) or type(node).__name__ == "raw_latex"


def _is_bibliography(node: nodes.Node) -> bool:
    return isinstance(node, nodes.citation) or type(node).__name__ == "bibliography"


CITE_LINK = re.compile(r"\\hyperlink\{cite\.[^:}]*:([^}]+)\}")


class UntranslatedRootTitle(SphinxTransform):
    """A pack's generated root heading (``textbook_build/coursepack.py``) is never printed (the LaTeX
    writer takes the root's title as the document's and skips it): no chapter catalog
    is asked for it (before Sphinx's Locale transform, 20), so no pending translation."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        if self.config.textbook_print_chapters and self.env.docname == self.config.root_doc:
            for title in self.document.findall(nodes.title):
                title["translatable"] = False
                break


class PrintUnlink(SphinxPostTransform):
    """Course packs: links into chapters left out become plain text; works cited only
    there leave the bibliography."""

    builders = ("latex",)
    default_priority = 20  # after references are resolved

    def run(self, **kwargs) -> None:
        chosen = set(self.config.textbook_print_chapters)
        if not chosen:
            return
        # sphinxcontrib-bibtex links citations with raw \hyperlink{cite.<doc>:<id>}
        cited = {
            m.group(1)
            for raw in self.document.findall(_is_raw_latex)
            for m in CITE_LINK.finditer(raw.rawsource + raw.astext())
        }
        cited |= {
            ref.get("refuri", "").split("#", 1)[-1]
            for ref in self.document.findall(nodes.reference)
        } | {ref.get("refid") for ref in self.document.findall(nodes.reference)}
        for citation in list(self.document.findall(nodes.citation)):
            if not cited & set(citation["ids"]):
                citation.parent.remove(citation)
        printed = {
            sof["docname"]
            for sof in self.document.findall(addnodes.start_of_file)
            if any(isinstance(n, (nodes.section, nodes.citation)) for n in sof.findall())
        }
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if uri.startswith("%") and uri[1:].split("#", 1)[0] not in printed:
                ref.replace_self(nodes.inline("", "", *ref.children))


def visit_attribution(self, node: nodes.Element) -> None:
    # Sphinx writes "---", which stays three hyphens: its fontspec setup turns
    # TeX ligatures off.
    self.body.append("\n\\begin{flushright}\n\\textemdash{}")


def depart_attribution(self, node: nodes.Element) -> None:
    self.body.append("\n\\end{flushright}\n")


def depart_row(self, node: nodes.row) -> None:
    """Longtable rows: the first two body rows stay together, and the last two, so no
    page holds a table's caption and header with one row, or its last row alone."""
    from sphinx.writers.latex import LaTeXTranslator

    LaTeXTranslator.depart_row(self, node)
    body = node.parent
    if not (
        isinstance(body, nodes.tbody)
        and self.table is not None
        and self.table.is_longtable()
        and len(body) >= 4
    ):
        return
    if body.index(node) in (0, len(body) - 2):
        end = next(i for i in range(len(self.body) - 1, -1, -1) if self.body[i] == "\\\\\n")
        self.body[end] = "\\\\*\n"
