"""Sphinx configuration shared by every edition (``-D language=xx`` picks one)."""

import os
import time
from pathlib import Path

# the book's extension, installed from tools/ (pyproject.toml; make installs it)
from textbook.edition import EditionError, book_epoch
from textbook.edition import current as current_edition
from textbook.editions import load as load_editions  # locales/languages.yaml
from textbook.languages import SOURCE_LANGUAGE  # written once, there

ROOT = Path(__file__).parent.resolve()

project = "Pengantar Pemberdayaan dan Intervensi Komunitas"
author = "Tim Buku Ajar Terbuka"
_year = time.gmtime(book_epoch(ROOT)).tm_year
copyright = f"{_year}, {author}. CC BY-SA 4.0"
# The edition: an annotated tag vX.Y on the commit built, else a pre-release of the
# changelog's newest edition (tools/textbook/edition.py, source/data/changelog.yaml)
try:
    _edition = current_edition(ROOT)
    version = release = _edition.version
    textbook_prerelease = "" if _edition.released else (_edition.commit or "?")
except EditionError as _exc:  # reported by the extension, with the file and line
    version = release = "0.0"
    textbook_edition_error = str(_exc)

language = SOURCE_LANGUAGE  # "id"; -D language=xx builds another edition
locale_dirs = [str(ROOT / "locales")]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_additional_targets = []
textbook_spelling = True  # the build runs make po-check's spelling check too

extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "textbook"]

root_doc = "index"
exclude_patterns = ["data"]
source_suffix = {".md": "markdown"}

myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]
myst_heading_anchors = 3
myst_footnote_transition = False

bibtex_bibfiles = ["bibliography.bib"]  # relative to conf.py: a path enters .buildinfo
bibtex_default_style = "textbook"  # the extension's styles; their words follow `language`
bibtex_reference_style = "textbook-author-year"
bibtex_cite_id = "cite-{key}"  # a reference's address is its key: daftar-pustaka.html#cite-adi2003

nitpicky = True

html_theme = "textbook"  # tools/textbook/html/theme/, registered by the extension
# The book's public address (the root holding id/ and en/), recorded here once;
# CITATION.cff's url must equal it. Not yet set: the project has no public address
# yet. Until it is, every output is a preview (its title and citation pages say so)
# and a publishing build (TEXTBOOK_PUBLISH=1, Read the Docs) is refused.
textbook_public_url = ""
# This build's address: canonical and hreflang URLs, the sitemap, the citation.
# TEXTBOOK_SITE_URL overrides it for a preview elsewhere.
textbook_site_url = (
    os.environ.get("TEXTBOOK_SITE_URL")
    or textbook_public_url
    or os.environ.get("READTHEDOCS_CANONICAL_URL")
    or "http://localhost:8000/"
)
# linked editions: the released ones; textbook-build passes the ones it builds
textbook_languages = list(load_editions(ROOT / "locales" / "languages.yaml").released)
html_permalinks_icon = "#"
html_title = project
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# -- Downloads, print and e-book ---------------------------------------------
# Published files: _build/{pdf,epub}/<basename>-<lang>.{pdf,epub}, copied to
# _build/html/downloads/. The extension owns what depends on the edition's
# language: latex_documents (<basename>.tex, the translated title), the title and
# licence pages, epub_title/_language/_description/_identifier (tools/textbook/
# latex/layout.py, epub/metadata.py; words from locales/<lang>/LC_MESSAGES/textbook.po).
textbook_download_basename = "pemberdayaan-masyarakat"

latex_engine = "xelatex"
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "geometry": r"\usepackage[headheight=14pt]{geometry}",
    "pointsize": "11pt",
    # printed on both sides: chapters open on right-hand pages, folios on the outer edge
    "extraclassoptions": "openright,twoside",
    # the same chapter headings in every edition (Sphinx picks Bjarne for English)
    "fncychap": "\\usepackage[Sonny]{fncychap}\n\\ChNameVar{\\Large\\normalfont\\sffamily}"
    "\n\\ChTitleVar{\\Large\\normalfont\\sffamily}",
}

epub_basename = textbook_download_basename
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
epub_use_index = True  # the glossary terms and authors (tools/textbook/glossary.py)
