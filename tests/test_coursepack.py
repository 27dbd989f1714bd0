"""`make coursepack`: chosen chapters, one or two languages, one PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from helpers.latex_check import catalog, missing_table_strings, normalise, pdf_pages
from textbook.latex.layout import WORDS
from textbook.messages import gettext

CHAPTERS = ["pemberdayaan", "model-intervensi"]
BOOK = "Pengantar Pemberdayaan dan Intervensi Komunitas"  # index.md heading
EDITION = {"id": ("Edisi", "prarilis"), "en": ("Edition", "pre-release of")}
TOC_HEADINGS = {"daftar isi", "contents", "daftar isi · contents"}
TITLES = {
    "pemberdayaan": "Pemberdayaan dan Pengembangan Masyarakat",
    "intervensi-makro": "Intervensi Komunitas sebagai Praktik Makro",
    "model-intervensi": "Model-Model Intervensi Komunitas",
}


def title(doc: str, lang: str) -> str:
    return TITLES[doc] if lang == "id" else catalog(lang, doc)[TITLES[doc]]


def book_title(lang: str) -> str:
    return BOOK if lang == "id" else catalog(lang, "index")[BOOK]


# "<title>, Edisi 1.0"; between tags "<title>, prarilis 1.0 (komit abc1234)" (may wrap)
HEADER_RE = re.compile(r"^(.+), (Edisi|Edition|prarilis|pre-release of) (\S+)")
CHAPTER_RE = re.compile(r"^(?:BAB|CHAPTER) (\d+)\n(.+)$", re.M)


def headers(pages: list[str]) -> list[str]:
    """The running headers (title, edition) of ``pages`` (chapter openings have none)."""
    # (printed two-sided, a blank left-hand page may precede a chapter)
    return [
        page.splitlines()[0]
        for page in pages
        if page.strip() and HEADER_RE.match(page.splitlines()[0])
    ]


def chapter_numbers(text: str, lang: str) -> dict[str, int]:
    """Chapter (file name) -> its printed number, from the chapter openings of ``text``."""
    found = {}
    for number, first_line in CHAPTER_RE.findall(text):
        docs = [
            doc for doc in TITLES if normalise(title(doc, lang)).startswith(normalise(first_line))
        ]
        assert len(docs) == 1, (first_line, docs)
        found[docs[0]] = int(number)
    return found


def english_start(pages: list[str]) -> int:
    """Index of the English part's title page ("Part II", then the part's name)."""
    return next(n for n, page in enumerate(pages) if "English Edition" in page.splitlines()[:2])


def coursepack(
    build_dir: Path,
    chapters: list[str],
    langs: list[str],
    capsys=None,
    sides: str = "two",
    *extra: str,
):
    from textbook_build import Project
    from textbook_build.cli import main

    code = main(
        ["coursepack", "--chapters", *chapters, "--langs", *langs, "--sides", sides, *extra],
        Project(build=build_dir),
    )
    return code, build_dir / "coursepack" / (
        f"pemberdayaan-masyarakat-{'-'.join(chapters)}-{'-'.join(langs)}.pdf"
    )


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory, print_toolchain):
    build_dir = tmp_path_factory.mktemp("coursepack") / "_build"
    code, pdf = coursepack(build_dir, CHAPTERS, ["id", "en"])
    assert code == 0
    return pdf, pdf_pages(pdf), build_dir / "stage" / "coursepack" / "id"


@pytest.mark.print
def test_one_volume_with_an_indonesian_then_an_english_part(bilingual):
    pdf, pages, _ = bilingual
    assert sorted(p.name for p in pdf.parent.iterdir()) == sorted(
        [pdf.name, *(f"{pdf.stem}-{lang}-accessible.pdf" for lang in ("id", "en"))]
    )
    text = "\n".join(pages)
    id_part, en_part = text.index("Edisi Bahasa Indonesia\n"), text.index("English Edition\n", 1)
    toc = pages[2]
    assert toc.startswith("Daftar Isi · Contents\n"), toc[:40]
    # one table of contents, listing both parts and the chapters of each
    # (named in both languages)
    assert [line for line in text.splitlines() if line.lower() in TOC_HEADINGS] == [
        "Daftar Isi · Contents"
    ]
    assert toc.index("Edisi Bahasa Indonesia") < toc.index("English Edition")
    for lang, start, end in (("id", id_part, en_part), ("en", en_part, len(text))):
        part = normalise(text[start:end])
        for doc in CHAPTERS:
            assert normalise(title(doc, lang)) in part, (lang, doc)
        assert normalise(title("intervensi-makro", lang)) not in normalise(text)
    body = text[text.index("Edisi Bahasa Indonesia\n", id_part) :]
    assert (
        body.index("Daftar Pustaka\n")
        < body.index("English Edition\n")
        < body.index("References\n")
    )


@pytest.mark.print
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_cell_of_the_comparison_table_is_in_each_part(bilingual, lang):
    _, pages, _ = bilingual
    # the English part's title page ("Part II", then the title; the TOC line has a number)
    split = english_start(pages)
    part = pages[:split] if lang == "id" else pages[split:]
    assert missing_table_strings(part, lang) == []


@pytest.mark.print
def test_each_part_is_set_in_its_own_language(bilingual):
    pdf, _, stage = bilingual
    tex = (stage / pdf.with_suffix(".tex").name).read_text(encoding="utf-8")
    switches = re.findall(r"\\selectlanguage\{(\w+)\}.*\n\\part\{([^}]*)\}", tex)
    assert switches == [("bahasai", "Edisi Bahasa Indonesia"), ("english", "English Edition")]
    log = (stage / pdf.with_suffix(".log").name).read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\vbox" not in log
    assert "multiply defined" not in log and "undefined references" not in log
    assert "No hyphenation patterns" not in log


@pytest.mark.print
def test_each_part_has_its_own_running_header(bilingual):
    _, pages, _ = bilingual
    split = english_start(pages)
    for lang, part in (("id", pages[:split]), ("en", pages[split:])):
        found = headers(part)
        assert found, f"no page of the {lang} part has a running header"
        assert {HEADER_RE.match(h).group(1) for h in found} == {book_title(lang)}, found
        assert {HEADER_RE.match(h).group(2) for h in found} <= set(EDITION[lang]), found


@pytest.mark.print
def test_title_page_names_both_editions(bilingual):
    pdf, pages, _ = bilingual
    title_page = normalise(pages[0])
    assert normalise(book_title("id")) in title_page
    assert normalise(book_title("en")) in title_page
    assert title_page.index(normalise(book_title("id"))) < title_page.index(
        normalise(book_title("en"))
    )
    assert re.search(r"Edisi (\S+) · Edition \1", pages[0]), pages[0]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"{book_title('id')} / {book_title('en')}" in info


@pytest.mark.print
def test_chapters_keep_the_book_numbers(bilingual, published):
    """model-intervensi is chapter 3 of the book, also in a pack of two chapters."""
    build_dir, codes = published
    assert codes["pdf"] == 0
    _, pages, _ = bilingual
    split = english_start(pages)
    for lang, part in (("id", pages[:split]), ("en", pages[split:])):
        book = pdf_pages(build_dir / "pdf" / f"pemberdayaan-masyarakat-{lang}.pdf")
        in_book = chapter_numbers("\n".join(book), lang)
        in_pack = chapter_numbers("\n".join(part), lang)
        assert sorted(in_pack) == sorted(CHAPTERS), (lang, in_pack)
        assert in_pack == {doc: in_book[doc] for doc in CHAPTERS}, (lang, in_pack, in_book)
        assert in_pack["model-intervensi"] != len(in_pack)  # i.e. not renumbered


@pytest.mark.print
def test_two_sided_pack_leaves_only_left_hand_pages_blank(bilingual):
    _, pages, _ = bilingual
    blank = [n for n, p in enumerate(pages, 1) if not p.strip()]
    assert all(n % 2 == 0 and n < len(pages) for n in blank), blank


@pytest.mark.print
def test_pack_page_labels_are_unique(bilingual):
    labels = pypdf.PdfReader(bilingual[0]).page_labels
    assert len(set(labels)) == len(labels), labels
    assert labels[:2] == ["i", "ii"] and "1" in labels


@pytest.mark.print
def test_one_sided_pack_has_no_blank_pages(tmp_path, print_toolchain):
    code, pdf = coursepack(tmp_path / "_build", ["intervensi-makro"], ["id"], sides="one")
    assert code == 0
    pages = pdf_pages(pdf)
    assert [n for n, p in enumerate(pages, 1) if not p.strip()] == []
    assert normalise(title("intervensi-makro", "id")) in normalise("\n".join(pages))


@pytest.mark.print
def test_one_language_course_pack(tmp_path, print_toolchain):
    code, pdf = coursepack(tmp_path / "_build", ["model-intervensi"], ["en"])
    assert code == 0
    pages = pdf_pages(pdf)
    text = "\n".join(pages)
    assert normalise(title("model-intervensi", "en")) in normalise(text)
    assert normalise(title("pemberdayaan", "en")) not in normalise(text)
    assert "Edisi Bahasa Indonesia" not in text and "English Edition" not in text
    # one language: its own title page, header and table of contents only
    assert normalise(book_title("en")) in normalise(pages[0])
    assert normalise(book_title("id")) not in normalise(pages[0]) and "·" not in pages[0]
    assert headers(pages)
    assert {HEADER_RE.match(h).group(1) for h in headers(pages)} == {book_title("en")}
    assert {HEADER_RE.match(h).group(2) for h in headers(pages)} <= set(EDITION["en"])
    assert [line for line in text.splitlines() if line.lower() in TOC_HEADINGS] == ["Contents"]
    assert missing_table_strings(pages, "en") == []


@pytest.mark.print
def test_quick_pack_on_letter_paper(tmp_path, print_toolchain):
    code, pdf = coursepack(
        tmp_path / "_build", ["pemberdayaan"], ["id"], None, "one", "--paper", "letter"
    )
    assert code == 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "612 x 792 pts" in info, info


@pytest.mark.print
def test_an_english_pack_prints_no_pending_translation(tmp_path, print_toolchain, capfd):
    code, pdf = coursepack(tmp_path / "_build", ["pemberdayaan"], ["en"], None, "one", "--handout")
    err = capfd.readouterr().err
    assert code == 0 and "pending translation" not in err, err


def test_unknown_chapter_is_refused_with_the_choices(tmp_path, capsys):
    code, pdf = coursepack(tmp_path / "_build", ["bab-9"], ["id"])
    err = capsys.readouterr().err
    assert code == 2 and not pdf.exists()
    assert "bab-9" in err and "model-intervensi" in err and "pemberdayaan" in err


@pytest.mark.print
def test_references_to_chapters_left_out_print_as_text(tmp_path, print_toolchain):
    """The editorial notes link to every chapter; in a pack of their own the links
    become their titles and the pack still builds without a warning."""
    code, pdf = coursepack(tmp_path / "_build", ["catatan-editorial"], ["id"])
    assert code == 0
    text = normalise("\n".join(pdf_pages(pdf)))
    assert normalise("Perbandingan tiga model intervensi komunitas menurut Rothman") in text
    assert normalise(title("pemberdayaan", "id") + ", kutipan Payne") in text
    tex = tmp_path / "_build" / "stage" / "coursepack" / "id" / pdf.with_suffix(".tex").name
    assert r"\detokenize{pemberdayaan::doc}" not in tex.read_text(encoding="utf-8")


@pytest.mark.print
def test_bibliography_lists_only_works_cited_in_the_pack(tmp_path, print_toolchain):
    code, pdf = coursepack(tmp_path / "_build", ["intervensi-makro"], ["id"])
    assert code == 0
    pages = pdf_pages(pdf)
    references = next(p for p in pages if p.startswith("Daftar Pustaka\n"))
    assert "[Adi 2003]" in references and "Budimanta" not in "\n".join(pages)


@pytest.mark.print
def test_licence_on_the_title_pages_back_in_every_language(bilingual):
    _, pages, _ = bilingual
    back = normalise(pages[1])
    for lang in ("id", "en"):
        assert normalise(gettext(WORDS["licence"], lang)) in back, lang
        assert normalise(gettext(WORDS["licence_url"], lang)) in back, lang


def test_a_preamble_comment_naming_begin_document_leaves_the_merge_in_place(tmp_path):
    from textbook_build.volume import before_document, split

    tex = (
        "\\documentclass{sphinxmanual}\n% set at \\begin{document} by geometry\n"
        "\\renewcommand{\\sphinxtableofcontents}{}\n\\begin{document}\n"
        "\\sphinxtableofcontents\n\\pagestyle{normal}\nBODY\n\\renewcommand{\\indexname}{}"
    )
    front, body, _ = split(tex, tmp_path / "x.tex")
    assert body == "BODY\n"
    assert before_document(front, "ADDED\n").endswith(
        "ADDED\n\\begin{document}\n\\sphinxtableofcontents\n\\pagestyle{normal}\n"
    )


@pytest.mark.print
def test_a_bilingual_pack_names_both_languages_in_its_xmp(bilingual):
    reader = pypdf.PdfReader(bilingual[0])
    assert reader.trailer["/Root"]["/Lang"] == "id"  # the first language
    assert reader.xmp_metadata.dc_language == ["id", "en"]


@pytest.mark.print
def test_a_pack_prints_no_index(bilingual):
    """The book's index (glossary terms, authors) is the book's: a pack of chosen chapters
    would list only some of them, on extra pages."""
    _, pages, stage = bilingual
    assert not [page for page in pages if page.splitlines()[:1] in (["Indeks"], ["Index"])]
    assert "Rothman" in "".join(pages)  # an author the book's index lists is in the pack
