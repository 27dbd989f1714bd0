"""Language of parts: English terms in the Indonesian text (``[*term*]{.lang-en}``,
i18n/langparts.py) carry their language in HTML and LaTeX and are hyphenated as
English in the PDF; in the English edition they need no mark. (EPUB: test_epub.py.)"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.latex_check import pdf_pages
from helpers.prose import marked_terms
from helpers.roots import copy_root, sphinx_build

ROOT = Path(__file__).resolve().parent.parent


def inline_with_lang(html: str, lang: str) -> Counter:
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one('[role="main"]')
    return Counter(
        " ".join(n.get_text().split())
        for n in main.find_all(["em", "strong", "span"])
        if n.get("lang") == lang
    )


def test_the_book_marks_the_terms_of_the_source_material():
    terms = marked_terms()
    assert {"community development", "empowerment"} <= set(terms["pemberdayaan"])
    assert {"task goals", "process goals", "Social Casework", "Locality Development"} <= {
        t for found in terms.values() for t in found
    }
    assert "Indonesia Center for Sustainable Development" in terms["daftar-pustaka"]
    assert sum(sum(c.values()) for c in terms.values()) >= 30


@pytest.mark.slow
def test_each_term_is_english_in_the_indonesian_html(book_build):
    out, proc = book_build("id", "html")
    assert proc.returncode == 0, proc.stderr
    for doc, terms in marked_terms().items():
        assert inline_with_lang((out / f"{doc}.html").read_text("utf-8"), "en") == terms, doc
    page = (out / "pemberdayaan.html").read_text("utf-8")
    assert '<span class="lang-en" lang="en"><em>empowerment</em></span>' in page


@pytest.mark.slow
def test_the_english_edition_needs_no_mark(book_build):
    out, proc = book_build("en", "html")
    assert proc.returncode == 0, proc.stderr
    page = (out / "intervensi-makro.html").read_text("utf-8")
    assert "<em>Social Casework</em>" in page and "lang-en}" not in page
    for doc in marked_terms():
        assert not inline_with_lang((out / f"{doc}.html").read_text("utf-8"), "en"), doc


@pytest.mark.slow
def test_each_term_switches_to_english_in_the_latex_source(book_build):
    out, proc = book_build("id", "latex")
    assert proc.returncode == 0, proc.stderr
    tex = " ".join(next(out.glob("*.tex")).read_text("utf-8").split())
    switched = Counter(
        re.findall(
            r"\\foreignlanguage\{english\}\{\\DUrole\{lang-en\}\{(?:\\sphinxstyleemphasis\{)?([^{}]*)\}*",
            tex,
        )
    )
    assert switched == sum(marked_terms().values(), Counter())
    assert "\\begin{otherlanguage}{english}\n" in next(out.glob("*.tex")).read_text("utf-8")


def test_a_malformed_language_mark_is_a_warning_at_its_line(tmp_path):
    project = copy_root("bad-lang-attr", tmp_path)
    proc, out = sphinx_build(project)
    index = re.escape(str(project / "index.md"))
    assert re.search(index + r":3: WARNING: invalid language mark '.lang-English'", proc.stderr), (
        proc.stderr
    )
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    page = (out / "index.html").read_text("utf-8")
    assert '<span class="istilah lang-en" lang="en"><em>empowerment</em></span>' in page
    assert "[<em>task goals</em>]{.lang-en}" in page  # an escaped brace stays text
    assert re.search(
        re.escape(str(project / "refs.bib")) + r":6: WARNING: ada2003: field "
        r"'lang-en': 'Social Planning' is not "
        r"in the entry as printed",
        proc.stderr,
    ), proc.stderr
    assert '<span class="lang-en" lang="en">Community Development</span>' in page


@pytest.mark.print
def test_an_english_term_is_hyphenated_by_english_patterns(tmp_path, print_toolchain):
    """In a narrow column one paragraph marks the term, its twin does not: the marked
    word breaks where English allows (devel-op-ment), the other where Indonesian does
    (de-ve-lop-ment), so the test tells the two apart."""
    project = copy_root("print-langparts", tmp_path)
    proc, out = sphinx_build(project, builder="latex")
    assert proc.returncode == 0, proc.stderr
    tex = next(out.glob("*.tex"))
    assert (
        r"\foreignlanguage{english}{\DUrole{lang-en}{\sphinxstyleemphasis{development}}}"
        in tex.read_text("utf-8")
    )
    from textbook_build.latexmk import latexmk

    assert latexmk(out, tex.name, "langparts") == 0
    text = "".join(pdf_pages(tex.with_suffix(".pdf")))
    # the book's exceptions (TeX Live's Indonesian patterns give inte-rvensi, Tro-pm-an)
    log = tex.with_suffix(".log").read_text("utf-8", errors="replace")
    assert re.search(r"^\\TU\S+ in-ter-ven-si Trop-man$", log, re.M), log[-2000:]
    marked, plain = text.split("Istilah tanpa tanda")
    english = set(re.findall(r"(\w+)-\n(?:\w+)", marked.split("Istilah bertanda")[1]))
    indonesian = set(re.findall(r"(\w+)-\n(?:\w+)", plain))
    # English patterns: de-vel-op-ment; Indonesian: de-ve-lo-pment
    assert english and english <= {"de", "devel", "develop"}, english
    assert english & {"devel", "develop"}, english
    assert indonesian & {"deve", "develo"}, indonesian
